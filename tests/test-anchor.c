/* test-anchor.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-core.h"
#include "gloss-test-util.h"
static GlossDocument *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return gloss_test_document_from_text (contents, TRUE, NULL);
}

/* Code point offset of the @nth (from 0) occurrence of @needle. */
static guint
offset_of (GlossDocument *document,
           const char    *needle,
           guint          nth)
{
  const char *text = gloss_document_get_text (document);
  const char *p = text;

  for (;;)
    {
      p = strstr (p, needle);
      g_assert_nonnull (p);
      if (nth == 0)
        return g_utf8_pointer_to_offset (text, p);
      nth--;
      p++;
    }
}

static GlossAnnotation *
annotate (GlossDocument *document,
          const char    *quote,
          guint          nth)
{
  GlossAnnotation *annotation = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  guint start = offset_of (document, quote, nth);

  gloss_annotation_set_target_from_text (annotation,
                                         gloss_document_get_text (document),
                                         gloss_document_get_text_hash (document),
                                         start, start + g_utf8_strlen (quote, -1));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, quote);

  return annotation;
}

static void
assert_slice (GlossDocument   *document,
              GlossAnnotation *annotation,
              const char      *expected)
{
  g_autofree char *slice = gloss_document_dup_slice (document,
                                                     gloss_annotation_get_start (annotation),
                                                     gloss_annotation_get_end (annotation));

  g_assert_cmpstr (slice, ==, expected);
}

static void
test_anchor_same_text (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("anchor-original.txt");
  const char *quotes[] = {
    "The four-day school week",
    "The savings are real but small",
    "Nobody should pretend the question is settled.",
    "does nothing about either.",
  };

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      g_autoptr(GlossAnnotation) annotation = annotate (document, quotes[i], 0);
      guint start = gloss_annotation_get_start (annotation);

      g_assert_cmpint (gloss_anchor_annotation (document, annotation), ==, GLOSS_ANCHOR_ANCHORED);
      g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
      assert_slice (document, annotation, quotes[i]);
    }
}

/* With the same text hash the stored position wins, even when the stored
 * context would point to another occurrence of the same words.
 */
static void
test_anchor_hash_fast_path (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("anchor-original.txt");
  const char *quote = "Nobody should pretend the question is settled.";
  g_autoptr(GlossAnnotation) first = annotate (document, quote, 0);
  g_autoptr(GlossAnnotation) second = annotate (document, quote, 1);
  g_autoptr(GlossAnnotation) mixed = NULL;
  g_autoptr(GlossAnnotation) stale = NULL;
  g_autoptr(JsonNode) node = gloss_annotation_to_json (first);
  JsonObject *target = json_object_get_object_member (json_node_get_object (node), "target");
  JsonArray *selectors = json_object_get_array_member (target, "selector");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), "TextPositionSelector") == 0)
        {
          json_object_set_int_member (selector, "start", gloss_annotation_get_start (second));
          json_object_set_int_member (selector, "end", gloss_annotation_get_end (second));
        }
    }

  mixed = gloss_annotation_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_anchor_annotation (document, mixed), ==, GLOSS_ANCHOR_ANCHORED);
  g_assert_cmpuint (gloss_annotation_get_start (mixed), ==, gloss_annotation_get_start (second));

  /* A position that does not hold the quote any more is not trusted even
   * with the right hash: the context finds the quote again.
   */
  json_object_set_string_member (target, "gloss:textHash", gloss_document_get_text_hash (document));
  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), "TextPositionSelector") == 0)
        {
          json_object_set_int_member (selector, "start", 3);
          json_object_set_int_member (selector, "end", 3 + g_utf8_strlen (quote, -1));
        }
    }
  stale = gloss_annotation_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_anchor_annotation (document, stale), ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (gloss_annotation_get_start (stale), ==, gloss_annotation_get_start (first));
}

static void
test_anchor_moved (void)
{
  g_autoptr(GlossDocument) original = load_fixture ("anchor-original.txt");
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  const char *quote = "The savings are real but small";
  g_autoptr(GlossAnnotation) annotation = annotate (original, quote, 0);
  g_autoptr(GDateTime) modified = g_date_time_ref (gloss_annotation_get_modified (annotation));
  guint old_start = gloss_annotation_get_start (annotation);
  guint new_start = offset_of (revised, quote, 0);

  g_assert_cmpstr (gloss_document_get_text_hash (original), !=, gloss_document_get_text_hash (revised));
  g_assert_cmpuint (new_start, >, old_start);

  g_assert_cmpint (gloss_anchor_annotation (revised, annotation), ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, new_start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, new_start + g_utf8_strlen (quote, -1));
  assert_slice (revised, annotation, quote);

  /* Re-anchoring is not an edit of the note. */
  g_assert_true (g_date_time_equal (modified, gloss_annotation_get_modified (annotation)));
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, quote);
}

static void
test_anchor_repeated_quote (void)
{
  g_autoptr(GlossDocument) original = load_fixture ("anchor-original.txt");
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  const char *quote = "Nobody should pretend the question is settled.";

  for (guint nth = 0; nth < 2; nth++)
    {
      g_autoptr(GlossAnnotation) annotation = annotate (original, quote, nth);
      guint expected = offset_of (revised, quote, nth);

      g_assert_cmpint (gloss_anchor_annotation (revised, annotation), ==, GLOSS_ANCHOR_MOVED);
      g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, expected);
      assert_slice (revised, annotation, quote);
    }
}

static void
test_anchor_deleted (void)
{
  g_autoptr(GlossDocument) original = load_fixture ("anchor-original.txt");
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  const char *quote = "One state study found slightly lower maths scores after the switch.";
  g_autoptr(GlossAnnotation) annotation = annotate (original, quote, 0);
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  g_autofree char *prefix = g_strdup (gloss_annotation_get_prefix (annotation));

  g_assert_cmpint (gloss_anchor_annotation (revised, annotation), ==, GLOSS_ANCHOR_ORPHAN);

  /* Kept as it was, to be shown and re-attached by the reader. */
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, quote);
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, prefix);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);

  /* And found again when the article comes back. */
  g_assert_cmpint (gloss_anchor_annotation (original, annotation), ==, GLOSS_ANCHOR_ANCHORED);
}

static void
test_anchor_typography (void)
{
  g_autoptr(GlossDocument) original = load_fixture ("anchor-original.txt");
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  g_autoptr(GlossAnnotation) annotation = annotate (original, "parents don't agree on it", 0);
  const char *revised_quote = "parents don’t agree on it";
  guint expected = offset_of (revised, revised_quote, 0);

  /* The apostrophe became a typographic one: the same words, found. */
  g_assert_cmpint (gloss_anchor_annotation (revised, annotation), ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, expected);
  assert_slice (revised, annotation, revised_quote);
}

static void
test_anchor_edited_quote (void)
{
  g_autoptr(GlossDocument) original = load_fixture ("anchor-original.txt");
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  const char *quote = "For families with two working parents, that cost can wipe out any benefit the district gains.";
  g_autoptr(GlossAnnotation) annotation = annotate (original, quote, 0);
  guint expected = offset_of (revised, "For families with two working parents", 0);
  guint end = offset_of (revised, "the district gains.", 0) + strlen ("the district gains.");

  /* A word inside the quote changed: close enough to propose, not to
   * move silently.
   */
  g_assert_cmpint (gloss_anchor_annotation (revised, annotation), ==, GLOSS_ANCHOR_NEEDS_REVIEW);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, expected);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, quote);
}

static void
test_anchor_without_context (void)
{
  g_autoptr(GlossDocument) revised = load_fixture ("anchor-revised.txt");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GlossAnnotation) repeated = NULL;
  g_autoptr(GlossAnnotation) unique = NULL;
  g_autoptr(GError) error = NULL;

  /* Imported quotes without prefix or suffix: a unique one is placed,
   * one that occurs twice is a guess the reader must confirm.
   */
  json_parser_load_from_data (parser,
                              "{\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\","
                              " \"exact\": \"Nobody should pretend the question is settled.\"}}}",
                              -1, &error);
  g_assert_no_error (error);
  repeated = gloss_annotation_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_anchor_annotation (revised, repeated), ==, GLOSS_ANCHOR_NEEDS_REVIEW);
  assert_slice (revised, repeated, "Nobody should pretend the question is settled.");

  json_parser_load_from_data (parser,
                              "{\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\","
                              " \"exact\": \"salaries do not shrink\"}}}",
                              -1, &error);
  g_assert_no_error (error);
  unique = gloss_annotation_new_from_json (json_parser_get_root (parser), &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_anchor_annotation (revised, unique), ==, GLOSS_ANCHOR_MOVED);
  assert_slice (revised, unique, "salaries do not shrink");
}

static void
test_anchor_code_points (void)
{
  g_autoptr(GlossDocument) before = gloss_test_document_from_text ("Café culture 😀 is loud.\n\nThe quieter claim comes here, after the noise.", TRUE, NULL);
  g_autoptr(GlossDocument) after = gloss_test_document_from_text ("Café culture 😀 is loud.\n\n"
                                                                  "Ünïcödé 🎉🎉 and ñ were added.\n\n"
                                                                  "The quieter claim comes here, after the noise.", TRUE, NULL);
  g_autoptr(GlossAnnotation) annotation = annotate (before, "quieter claim", 0);
  const char *text = gloss_document_get_text (after);
  guint expected = g_utf8_pointer_to_offset (text, strstr (text, "quieter claim"));

  /* Bytes and UTF-16 units would both give other numbers. */
  g_assert_cmpuint (expected, !=, (guint)(strstr (text, "quieter claim") - text));

  g_assert_cmpint (gloss_anchor_annotation (after, annotation), ==, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, expected);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, expected + strlen ("quieter claim"));
}

static void
test_anchor_edit_after (void)
{
  g_autoptr(GlossDocument) before = gloss_test_document_from_text ("A steady opening line that stays.\n\n"
                                                                   "The key claim sits here in the middle of the text.\n\n"
                                                                   "An ending that the author rewrote later, at length.", TRUE, NULL);
  g_autoptr(GlossDocument) after = gloss_test_document_from_text ("A steady opening line that stays.\n\n"
                                                                  "The key claim sits here in the middle of the text.\n\n"
                                                                  "A different ending.", TRUE, NULL);
  g_autoptr(GlossAnnotation) annotation = annotate (before, "key claim", 0);
  guint start = gloss_annotation_get_start (annotation);

  /* Another text, but the quote is where it was, with its context. */
  g_assert_cmpint (gloss_anchor_annotation (after, annotation), ==, GLOSS_ANCHOR_ANCHORED);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/anchor/same-text", test_anchor_same_text);
  g_test_add_func ("/core/anchor/hash-fast-path", test_anchor_hash_fast_path);
  g_test_add_func ("/core/anchor/moved-after-insert", test_anchor_moved);
  g_test_add_func ("/core/anchor/repeated-quote", test_anchor_repeated_quote);
  g_test_add_func ("/core/anchor/deleted-quote-orphan", test_anchor_deleted);
  g_test_add_func ("/core/anchor/typography", test_anchor_typography);
  g_test_add_func ("/core/anchor/edited-quote-needs-review", test_anchor_edited_quote);
  g_test_add_func ("/core/anchor/without-context", test_anchor_without_context);
  g_test_add_func ("/core/anchor/code-points", test_anchor_code_points);
  g_test_add_func ("/core/anchor/edit-after-quote", test_anchor_edit_after);

  return g_test_run ();
}
