/* test-document.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-core.h"

static GlossDocument *
build_simple (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);

  gloss_document_builder_set_title (builder, "  A\u00a0title\t with  spaces ");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "  Heading\n", -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "\tSome\u00a0\u00a0text,", -1);
  gloss_document_builder_append_text (builder, "  \n ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_EMPHASIS, NULL);
  gloss_document_builder_append_text (builder, "  emphasised ", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " and done.   ", -1);
  gloss_document_builder_end_block (builder);

  /* An empty block and an empty span disappear. */
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_STRONG, NULL);
  gloss_document_builder_append_text (builder, " \u00a0\n", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM, 1);
  gloss_document_builder_set_ordered (builder, TRUE);
  gloss_document_builder_append_text (builder, "First", -1);
  gloss_document_builder_append_break (builder);
  gloss_document_builder_append_text (builder, "item", -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PREFORMATTED, 0);
  gloss_document_builder_append_text (builder, "\n\nint x;\r\n  return x;\n\n", -1);
  gloss_document_builder_end_block (builder);

  return gloss_document_builder_finish (builder, NULL);
}

static void
test_document_whitespace (void)
{
  g_autoptr(GlossDocument) document = build_simple ();
  const GlossBlock *block;
  const GlossSpan *span;
  g_autofree char *emphasised = NULL;

  g_assert_cmpstr (gloss_document_get_title (document), ==, "A title with spaces");
  g_assert_cmpstr (gloss_document_get_text (document), ==,
                   "Heading\n\n"
                   "Some text, emphasised and done.\n\n"
                   "First item\n\n"
                   "int x;\n  return x;");
  g_assert_cmpuint (gloss_document_get_n_blocks (document), ==, 4);

  block = gloss_document_get_block (document, 0);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_HEADING);
  g_assert_cmpuint (block->level, ==, 2);
  g_assert_cmpuint (block->start, ==, 0);
  g_assert_cmpuint (block->end, ==, 7);

  block = gloss_document_get_block (document, 1);
  g_assert_cmpuint (block->start, ==, 9);
  g_assert_cmpuint (block->spans->len, ==, 1);
  span = g_ptr_array_index (block->spans, 0);
  g_assert_cmpint (span->kind, ==, GLOSS_SPAN_EMPHASIS);
  emphasised = gloss_document_dup_slice (document, span->start, span->end);
  g_assert_cmpstr (emphasised, ==, "emphasised");

  block = gloss_document_get_block (document, 2);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_LIST_ITEM);
  g_assert_true (block->ordered);
  g_assert_cmpuint (block->spans->len, ==, 0);

  block = gloss_document_get_block (document, 3);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_PREFORMATTED);
  g_assert_cmpuint (block->end, ==, gloss_document_get_length (document));
}

static void
test_document_nfc (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  const GlossBlock *block;

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  /* "Cafe" with a combining acute accent becomes the precomposed é. */
  gloss_document_builder_append_text (builder, "Cafe\xcc\x81 au lait", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (builder, NULL);

  g_assert_cmpstr (gloss_document_get_text (document), ==, "Caf\xc3\xa9 au lait");
  g_assert_cmpuint (gloss_document_get_length (document), ==, 12);
  block = gloss_document_get_block (document, 0);
  g_assert_cmpuint (block->end, ==, 12);
}

static void
test_document_hash (void)
{
  g_autoptr(GlossDocument) document = build_simple ();
  const char *text = gloss_document_get_text (document);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *expected = g_strconcat ("sha256:", checksum, NULL);

  g_assert_true (g_str_has_prefix (gloss_document_get_text_hash (document), "sha256:"));
  g_assert_cmpuint (strlen (gloss_document_get_text_hash (document)), ==, 7 + 64);
  g_assert_cmpstr (gloss_document_get_text_hash (document), ==, expected);
}

/* The hash is computed when first asked for, from any thread, once. */
static gpointer
hash_thread (gpointer data)
{
  return (gpointer)gloss_document_get_text_hash (data);
}

static void
test_document_hash_threads (void)
{
  g_autoptr(GlossDocument) document = build_simple ();
  GThread *threads[4];
  const char *hashes[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("hash", hash_thread, document);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    hashes[i] = g_thread_join (threads[i]);

  for (guint i = 1; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (hashes[i] == hashes[0]);
  g_assert_true (gloss_document_get_text_hash (document) == hashes[0]);
}

static void
test_document_images (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GBytes) png = g_bytes_new_static ("\x89PNG\r\n\x1a\n....", 12);
  g_autoptr(GBytes) found = NULL;
  g_autofree char *name = NULL;
  g_autofree char *other = NULL;
  g_autofree char *content_type = NULL;
  const GlossImage *image;

  /* Names are safe in a URI whatever the page called the file. */
  name = gloss_document_builder_add_resource (builder, "../../etc/pass wd.png?x=1#y", png, "image/png");
  g_assert_cmpstr (name, ==, "1-pass-wd.png");
  other = gloss_document_builder_add_resource (builder, NULL, png, "image/png");
  g_assert_cmpstr (other, !=, name);
  for (const char *p = other; *p; p++)
    g_assert_true (g_ascii_isalnum (*p) || strchr ("-_.", *p) != NULL);

  /* An image before any text, one after a block's text, one at the end;
   * an image with neither a copy nor a description is dropped.
   */
  gloss_document_builder_add_image (builder, name, "  A  harbour ");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "First block.", -1);
  gloss_document_builder_add_image (builder, NULL, "Remote map");
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "Second block.", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_add_image (builder, NULL, NULL);
  gloss_document_builder_add_image (builder, other, NULL);
  document = gloss_document_builder_finish (builder, NULL);

  /* Images never change the text. */
  g_assert_cmpstr (gloss_document_get_text (document), ==, "First block.\n\nSecond block.");
  g_assert_cmpuint (gloss_document_get_n_images (document), ==, 3);
  image = gloss_document_get_image (document, 0);
  g_assert_cmpuint (image->block, ==, 0);
  g_assert_cmpstr (image->resource, ==, name);
  g_assert_cmpstr (image->alt, ==, "A harbour");
  image = gloss_document_get_image (document, 1);
  g_assert_cmpuint (image->block, ==, 1);
  g_assert_null (image->resource);
  image = gloss_document_get_image (document, 2);
  g_assert_cmpuint (image->block, ==, 2);
  g_assert_null (image->alt);

  found = gloss_document_lookup_resource (document, name, &content_type);
  g_assert_true (g_bytes_equal (found, png));
  g_assert_cmpstr (content_type, ==, "image/png");
  g_assert_null (gloss_document_lookup_resource (document, "../../etc/pass wd.png", NULL));
  g_assert_null (gloss_document_lookup_resource (document, "", NULL));
}

static void
test_document_find_block (void)
{
  g_autoptr(GlossDocument) document = build_simple ();
  guint length = gloss_document_get_length (document);

  g_assert_cmpint (gloss_document_find_block (document, 0), ==, 0);
  g_assert_cmpint (gloss_document_find_block (document, 6), ==, 0);
  /* The separator between two blocks belongs to the block that follows. */
  g_assert_cmpint (gloss_document_find_block (document, 7), ==, 1);
  g_assert_cmpint (gloss_document_find_block (document, 8), ==, 1);
  g_assert_cmpint (gloss_document_find_block (document, 9), ==, 1);
  g_assert_cmpint (gloss_document_find_block (document, length - 1), ==, 3);
  g_assert_cmpint (gloss_document_find_block (document, length), ==, -1);
}

static void
test_document_slice (void)
{
  g_autoptr(GlossDocument) document = build_simple ();
  g_autofree char *across = gloss_document_dup_slice (document, 5, 13);
  g_autofree char *past = gloss_document_dup_slice (document, 70, 1000);
  g_autofree char *empty = gloss_document_dup_slice (document, 9, 9);

  g_assert_cmpstr (across, ==, "ng\n\nSome");
  g_assert_cmpstr (past, ==, "x;");
  g_assert_cmpstr (empty, ==, "");
}

static void
test_document_utf16 (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  const GlossBlock *block;
  g_autofree char *slice = NULL;

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "First.", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  /* An emoji (two UTF-16 units), then "ä" spelled with a combining diaeresis
   * that stays a separate code point after NFC because "q" has no
   * precomposed form.
   */
  gloss_document_builder_append_text (builder, "I \xf0\x9f\x98\x80 q\xcc\x88 x", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (builder, NULL);

  block = gloss_document_get_block (document, 1);
  g_assert_cmpuint (block->start, ==, 8);
  g_assert_cmpuint (block->byte_start, ==, 8);
  g_assert_cmpuint (block->end - block->start, ==, 8);

  /* "I " = 2, emoji = 2 units but 1 code point. */
  g_assert_cmpuint (gloss_document_offset_to_utf16 (document, 1, block->start + 2), ==, 2);
  g_assert_cmpuint (gloss_document_offset_to_utf16 (document, 1, block->start + 3), ==, 4);
  g_assert_cmpuint (gloss_document_offset_to_utf16 (document, 1, block->end), ==, 9);

  g_assert_cmpuint (gloss_document_offset_from_utf16 (document, 1, 0), ==, block->start);
  g_assert_cmpuint (gloss_document_offset_from_utf16 (document, 1, 4), ==, block->start + 3);
  /* Inside the surrogate pair: rounded down to the emoji. */
  g_assert_cmpuint (gloss_document_offset_from_utf16 (document, 1, 3), ==, block->start + 2);
  g_assert_cmpuint (gloss_document_offset_from_utf16 (document, 1, 9), ==, block->end);
  g_assert_cmpuint (gloss_document_offset_from_utf16 (document, 1, 100), ==, block->end);

  slice = gloss_document_dup_slice (document,
                                    gloss_document_offset_from_utf16 (document, 1, 2),
                                    gloss_document_offset_from_utf16 (document, 1, 7));
  g_assert_cmpstr (slice, ==, "\xf0\x9f\x98\x80 q\xcc\x88");
}

static void
test_document_span_across_blocks (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);
  g_autoptr(GlossDocument) document = NULL;
  const GlossBlock *block;
  const GlossSpan *span;

  gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK, "https://example.org/");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "one", -1);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "two", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " three", -1);
  document = gloss_document_builder_finish (builder, NULL);

  g_assert_cmpstr (gloss_document_get_text (document), ==, "one\n\ntwo three");
  g_assert_cmpuint (gloss_document_get_n_blocks (document), ==, 2);

  block = gloss_document_get_block (document, 0);
  g_assert_cmpuint (block->spans->len, ==, 1);
  span = g_ptr_array_index (block->spans, 0);
  g_assert_cmpuint (span->start, ==, 0);
  g_assert_cmpuint (span->end, ==, 3);
  g_assert_cmpstr (span->href, ==, "https://example.org/");

  block = gloss_document_get_block (document, 1);
  g_assert_cmpuint (block->spans->len, ==, 1);
  span = g_ptr_array_index (block->spans, 0);
  g_assert_cmpuint (span->start, ==, 5);
  g_assert_cmpuint (span->end, ==, 8);
}

static void
test_document_large (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  const char *para = "Une ph\xc3\xa9nom\xc3\xa9nale  \t d\xc3\xa9monstration, \xf0\x9f\x98\x80 avec du texte. ";
  g_autofree char *slice = NULL;
  guint n_blocks = 100000;
  gint64 before;
  int index;

  before = g_get_monotonic_time ();
  for (guint i = 0; i < n_blocks; i++)
    {
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      for (guint j = 0; j < 4; j++)
        gloss_document_builder_append_text (builder, para, -1);
      gloss_document_builder_end_block (builder);
    }
  document = gloss_document_builder_finish (builder, NULL);

  g_assert_cmpuint (gloss_document_get_n_blocks (document), ==, n_blocks);
  g_assert_cmpuint (strlen (gloss_document_get_text (document)), >, 20 * 1000 * 1000);

  /* Looking up the last block and slicing it is as cheap as the first. */
  index = gloss_document_find_block (document, gloss_document_get_length (document) - 1);
  g_assert_cmpint (index, ==, (int)n_blocks - 1);
  slice = gloss_document_dup_slice (document,
                                    gloss_document_get_block (document, index)->start,
                                    gloss_document_get_block (document, index)->start + 15);
  g_assert_cmpstr (slice, ==, "Une ph\xc3\xa9nom\xc3\xa9nale");

  /* Linear work on 20 MB takes well under this; a quadratic builder
   * would not finish.
   */
  g_assert_cmpint (g_get_monotonic_time () - before, <, 30 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/document/whitespace", test_document_whitespace);
  g_test_add_func ("/core/document/nfc", test_document_nfc);
  g_test_add_func ("/core/document/hash", test_document_hash);
  g_test_add_func ("/core/document/hash-threads", test_document_hash_threads);
  g_test_add_func ("/core/document/images", test_document_images);
  g_test_add_func ("/core/document/find-block", test_document_find_block);
  g_test_add_func ("/core/document/slice", test_document_slice);
  g_test_add_func ("/core/document/utf16", test_document_utf16);
  g_test_add_func ("/core/document/span-across-blocks", test_document_span_across_blocks);
  g_test_add_func ("/core/document/large", test_document_large);

  return g_test_run ();
}
