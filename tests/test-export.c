/* test-export.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cmark.h>
#include <string.h>

#include "gloss-core.h"
#include "gloss-test-util.h"

static GlossDocument *
load_document (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  /* The title is metadata here, as in a web page, not a block. */
  return gloss_test_document_from_text (contents, FALSE, NULL);
}

static GlossAnnotation *
annotate (GlossDocument       *document,
          GlossAnnotationKind  kind,
          const char          *quote)
{
  GlossAnnotation *annotation = gloss_annotation_new (kind);
  const char *text = gloss_document_get_text (document);
  const char *p = strstr (text, quote);
  guint start;

  g_assert_nonnull (p);
  start = g_utf8_pointer_to_offset (text, p);
  gloss_annotation_set_target_from_text (annotation, text, gloss_document_get_text_hash (document),
                                         start, start + g_utf8_strlen (quote, -1));
  return annotation;
}

static const char *
expected_label (const char *vocabulary_id,
                const char *tag)
{
  GlossVocabulary *vocabulary = gloss_vocabulary_get_default (vocabulary_id);
  const GlossTag *entry = vocabulary != NULL ? gloss_vocabulary_lookup (vocabulary, tag) : NULL;

  return entry != NULL ? entry->label : tag;
}

static gsize
position_of (const char *haystack,
             const char *needle)
{
  const char *p = strstr (haystack, needle);

  if (p == NULL)
    g_error ("“%s” is not in the export:\n%s", needle, haystack);

  return p - haystack;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static void
test_export_sections (void)
{
  g_autoptr(GlossDocument) document = load_document ("anchor-original.txt");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, NULL);
  g_autoptr(GlossAnnotation) intro = annotate (document, GLOSS_ANNOTATION_BIAS, "rushing to shorten the school week");
  g_autoptr(GlossAnnotation) studies = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "Another found no change at all.");
  g_autoptr(GlossAnnotation) money = annotate (document, GLOSS_ANNOTATION_COMMENT, "Teachers leave because of pay");
  g_autoptr(GlossAnnotation) budget = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "The savings are real but small");
  g_autoptr(GlossAnnotation) orphan = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "lower maths scores");
  g_autofree char *markdown = NULL;
  g_autofree char *statistic = NULL;
  g_autofree char *loaded = NULL;
  const char *bias_tags[] = { "loaded-language", NULL };
  const char *evidence_tags[] = { "statistic", "my-own-tag", NULL };

  gloss_annotation_set_tags (intro, bias_tags);
  gloss_annotation_set_note (intro, "“Rushing” makes a considered decision sound reckless.");
  gloss_annotation_set_creator (intro, "Priya", GLOSS_ROLE_STUDENT);

  gloss_annotation_set_tags (budget, evidence_tags);
  gloss_annotation_set_note (budget, "Two percent of **what**?");
  gloss_annotation_set_source (budget, "https://example.org/district-budget-2025");
  gloss_annotation_set_source_type (budget, "government");
  gloss_annotation_set_verdict (budget, GLOSS_VERDICT_INSUFFICIENT);

  gloss_annotation_set_note (studies, "Which study? No name, no year.");
  gloss_annotation_set_creator (money, "Mr Okafor", GLOSS_ROLE_TEACHER);
  gloss_annotation_set_note (money, "Good place to discuss causes.");

  gloss_annotation_set_note (orphan, "The sentence this was about is gone.");
  gloss_annotation_set_position (orphan, gloss_annotation_get_start (orphan),
                                 gloss_annotation_get_end (orphan), GLOSS_ANCHOR_ORPHAN);

  gloss_annotation_store_add (store, money);
  gloss_annotation_store_add (store, orphan);
  gloss_annotation_store_add (store, studies);
  gloss_annotation_store_add (store, budget);
  gloss_annotation_store_add (store, intro);

  markdown = gloss_export_markdown (document, G_LIST_MODEL (store));
  g_test_message ("%s", markdown);

  g_assert_true (g_str_has_prefix (markdown, "# The four-day school week is a shortcut, not a reform\n"));
  g_assert_true (g_str_has_suffix (markdown, "\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n\n"));

  /* Sections in the article's order, orphans last; notes inside them. */
  g_assert_cmpuint (position_of (markdown, "## Introduction\n"), <, position_of (markdown, "rushing to shorten"));
  g_assert_cmpuint (position_of (markdown, "rushing to shorten"), <, position_of (markdown, "The savings are real"));
  g_assert_cmpuint (position_of (markdown, "The savings are real"), <, position_of (markdown, "## What the studies say\n"));
  g_assert_cmpuint (position_of (markdown, "## What the studies say\n"), <, position_of (markdown, "> Another found no change"));
  g_assert_cmpuint (position_of (markdown, "> Another found no change"), <, position_of (markdown, "## A better use of the money\n"));
  g_assert_cmpuint (position_of (markdown, "## A better use of the money\n"), <, position_of (markdown, "> Teachers leave"));
  g_assert_cmpuint (position_of (markdown, "> Teachers leave"), <, position_of (markdown, "## Notes that could not be placed\n"));
  g_assert_cmpuint (position_of (markdown, "## Notes that could not be placed\n"), <, position_of (markdown, "> lower maths scores"));
  g_assert_cmpuint (count (markdown, "\n## "), ==, 4);

  /* Kinds, tag labels from the vocabularies (or the id), and the rest. */
  loaded = g_strdup_printf ("**Bias** · *%s*", expected_label ("bias", "loaded-language"));
  statistic = g_strdup_printf ("**Evidence** · *%s*, *my-own-tag*", expected_label ("evidence", "statistic"));
  g_assert_nonnull (strstr (markdown, loaded));
  g_assert_nonnull (strstr (markdown, statistic));
  g_assert_nonnull (strstr (markdown, "**Comment**"));
  /* The reader's own formatting survives. */
  g_assert_nonnull (strstr (markdown, "\n\nTwo percent of **what**?\n\n"));
  g_assert_nonnull (strstr (markdown, "<https://example.org/district-budget-2025> (government)"));
  g_assert_nonnull (strstr (markdown, "not enough to decide"));
  g_assert_nonnull (strstr (markdown, "Mr Okafor (teacher)"));
  g_assert_nonnull (strstr (markdown, "Priya (student)"));
  g_assert_nonnull (strstr (markdown, "The sentence this was about is gone."));
}

/* Counts the elements of one kind in the CommonMark rendering. */
static guint
count_nodes (cmark_node      *root,
             cmark_node_type  type)
{
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;
  guint n = 0;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (event == CMARK_EVENT_ENTER && cmark_node_get_type (cmark_iter_get_node (iter)) == type)
        n++;
    }

  cmark_iter_free (iter);
  return n;
}

static void
test_export_escaping (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationStore) store = NULL;
  g_autoptr(GlossAnnotation) spanning = NULL;
  g_autoptr(GlossAnnotation) hostile = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *html = NULL;
  const char *tags[] = { "[link](javascript:alert(1))", NULL };
  cmark_node *root;

  gloss_document_builder_set_title (builder, "Why *everyone* is wrong about #trains");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "1. The _first_ point", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "- Trains are late. Always <b>late</b> & nobody cares.", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "# Not a heading, a hashtag opener. Then the rest.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);
  store = gloss_annotation_store_new (document, NULL);

  /* A long quote across two paragraphs, kept whole. */
  spanning = annotate (document, GLOSS_ANNOTATION_BIAS,
                       "- Trains are late. Always <b>late</b> & nobody cares.\n\n# Not a heading");
  gloss_annotation_set_note (spanning, "```\nunclosed fence");

  hostile = annotate (document, GLOSS_ANNOTATION_COMMENT, "nobody cares");
  gloss_annotation_set_tags (hostile, tags);
  gloss_annotation_set_note (hostile,
                             "# Conclusion\n"
                             "1. not a list\n"
                             "---\n"
                             "> not a quote\n"
                             "<script>alert(1)</script> and *stars*\n"
                             "```\n"
                             "    indented, not code\n"
                             "\n"
                             "A second paragraph.");
  gloss_annotation_set_creator (hostile, "**Bold** Name", GLOSS_ROLE_STUDENT);

  gloss_annotation_store_add (store, spanning);
  gloss_annotation_store_add (store, hostile);

  markdown = gloss_export_markdown (document, G_LIST_MODEL (store));
  g_test_message ("%s", markdown);

  /* Each line of the quote stays in the block quote. */
  g_assert_nonnull (strstr (markdown, "> \\- Trains are late. Always \\<b\\>late\\</b\\> \\& nobody cares.\n>\n> \\# Not a heading\n"));

  root = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  /* The title and one section: nothing the reader wrote became a heading,
   * a list, a rule, a code block or HTML; the tag label is not a link.
   */
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_HEADING), ==, 2);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_LIST), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_THEMATIC_BREAK), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_CODE_BLOCK), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_HTML_BLOCK), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_HTML_INLINE), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_LINK), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_BLOCK_QUOTE), ==, 2);

  /* And the words are all there, as text. */
  html = cmark_render_html (root, CMARK_OPT_DEFAULT);
  cmark_node_free (root);
  g_test_message ("%s", html);
  g_assert_nonnull (strstr (html, "<h1>Why *everyone* is wrong about #trains</h1>"));
  g_assert_nonnull (strstr (html, "<h2>1. The _first_ point</h2>"));
  g_assert_nonnull (strstr (html, "# Conclusion<br />"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; and <em>stars</em><br />"));
  g_assert_nonnull (strstr (html, "```<br />\nindented, not code</p>"));
  g_assert_nonnull (strstr (html, "<p>A second paragraph.</p>"));
  g_assert_nonnull (strstr (html, "<em>[link](javascript:alert(1))</em>"));
  g_assert_nonnull (strstr (html, "**Bold** Name (student)"));
}

static void
test_export_no_headings (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationStore) store = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *markdown = NULL;
  g_autofree char *empty = NULL;

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "A short post without headings or a title.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);
  store = gloss_annotation_store_new (document, NULL);

  empty = gloss_export_markdown (document, G_LIST_MODEL (store));
  g_assert_nonnull (strstr (empty, "No notes yet."));

  annotation = annotate (document, GLOSS_ANNOTATION_CLAIM, "without headings");
  gloss_annotation_store_add (store, annotation);
  markdown = gloss_export_markdown (document, G_LIST_MODEL (store));

  /* Notes sit right under the title when there are no sections. */
  g_assert_true (g_str_has_prefix (markdown, "# Untitled article\n\n> without headings\n"));
  g_assert_null (strstr (markdown, "## "));
  g_assert_nonnull (strstr (markdown, "**Claim**"));
}

/* One-line fields (the creator, the source, its type, a tag) come from the
 * sidecar, which a person or another tool may have written: a line break in
 * them must not start a heading, a list or a rule in the export.
 */
static void
test_export_line_breaks_in_fields (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationStore) store = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *markdown = NULL;
  const char *tags[] = { "costs\n# Tag heading", NULL };
  cmark_node *root;

  gloss_document_builder_set_title (builder, "Night buses");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "The night buses carry more people than ever.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);
  store = gloss_annotation_store_new (document, NULL);

  annotation = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "more people than ever");
  gloss_annotation_set_source (annotation, "Transit report\n# Injected heading\n- a list item\r\n---");
  gloss_annotation_set_source_type (annotation, "government\n1. item");
  gloss_annotation_set_creator (annotation, "Ana\n===", GLOSS_ROLE_STUDENT);
  gloss_annotation_set_tags (annotation, tags);
  gloss_annotation_set_note (annotation, "How many more?");
  gloss_annotation_store_add (store, annotation);

  markdown = gloss_export_markdown (document, G_LIST_MODEL (store));
  g_test_message ("%s", markdown);

  root = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_HEADING), ==, 1);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_LIST), ==, 0);
  g_assert_cmpuint (count_nodes (root, CMARK_NODE_THEMATIC_BREAK), ==, 0);
  cmark_node_free (root);

  /* The words are all there, on one line each. */
  g_assert_nonnull (strstr (markdown, "Source: Transit report # Injected heading - a list item"));
  g_assert_nonnull (strstr (markdown, "(government 1. item)"));
  g_assert_nonnull (strstr (markdown, "*Ana === (student)"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/export/markdown/sections", test_export_sections);
  g_test_add_func ("/core/export/markdown/escaping", test_export_escaping);
  g_test_add_func ("/core/export/markdown/no-headings", test_export_no_headings);
  g_test_add_func ("/core/export/markdown/line-breaks-in-fields", test_export_line_breaks_in_fields);

  return g_test_run ();
}
