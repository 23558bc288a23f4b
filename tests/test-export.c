/* test-export.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
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
                             "Code `if (a<b)` stays code\n"
                             "`tick, then <i>no tag</i>\n"
                             "bell\a and \u202Ereversed, ending in a backslash \\\n"
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
  /* Code stays code; a backtick that closes nothing opens no code; control
   * characters are gone; a backslash at the end of a line is kept, and so
   * is the line break after it.
   */
  g_assert_nonnull (strstr (html, "Code <code>if (a&lt;b)</code> stays code<br />"));
  g_assert_nonnull (strstr (html, "`tick, then &lt;i&gt;no tag&lt;/i&gt;<br />"));
  g_assert_nonnull (strstr (html, "bell and reversed, ending in a backslash \\<br />"));
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
  g_assert_nonnull (strstr (markdown, "Source: Transit report \\# Injected heading - a list item"));
  g_assert_nonnull (strstr (markdown, "(government 1. item)"));
  g_assert_nonnull (strstr (markdown, "*Ana === (student)"));
}

/* HTML and CSV. */

static GlossDocument *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  document = gloss_import_file (file, NULL, &error);
  g_assert_no_error (error);
  return document;
}

/* The notes on export-article.md that the HTML and CSV tests share, added
 * to @store in an order that is not the document's.
 */
static void
add_train_notes (GlossDocument        *document,
                 GlossAnnotationStore *store)
{
  g_autoptr(GlossAnnotation) opening = annotate (document, GLOSS_ANNOTATION_COMMENT, "promise a cleaner way to travel");
  g_autoptr(GlossAnnotation) slogan = annotate (document, GLOSS_ANNOTATION_BIAS, "the greenest way to cross Europe");
  g_autoptr(GlossAnnotation) sleep = annotate (document, GLOSS_ANNOTATION_CLAIM, "A night train turns travel time into sleep.");
  g_autoptr(GlossAnnotation) price = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "costs around 400 €");
  g_autoptr(GlossAnnotation) carbon = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "Rail emits far less per passenger than flying");
  g_autoptr(GlossAnnotation) orphan = annotate (document, GLOSS_ANNOTATION_COMMENT, "Family fares help");
  const char *slogan_tags[] = { "slogans", "loaded-language", NULL };
  const char *price_tags[] = { "statistic", "my-own-tag", NULL };

  gloss_annotation_set_note (opening, "Cleaner than *what*? Flying, driving or the bus?");
  gloss_annotation_set_creator (opening, "Sam Okoye", GLOSS_ROLE_STUDENT);

  gloss_annotation_set_tags (slogan, slogan_tags);
  gloss_annotation_set_note (slogan, "A slogan, \"not\" evidence.\nSee [the report](https://example.org/rail-report).");
  gloss_annotation_set_creator (slogan, "Zoë Müller", GLOSS_ROLE_STUDENT);

  gloss_annotation_set_note (sleep, "-5 hours of sleep, more like it");
  gloss_annotation_set_position (sleep, gloss_annotation_get_start (sleep),
                                 gloss_annotation_get_end (sleep), GLOSS_ANCHOR_NEEDS_REVIEW);

  gloss_annotation_set_tags (price, price_tags);
  gloss_annotation_set_note (price, "=HYPERLINK(\"https://example.org/x\",\"click\")");
  gloss_annotation_set_source (price, "https://example.org/fares-2026");
  gloss_annotation_set_source_type (price, "news");
  gloss_annotation_set_verdict (price, GLOSS_VERDICT_SUPPORTS);
  gloss_annotation_set_creator (price, "Ms Haddad", GLOSS_ROLE_TEACHER);

  gloss_annotation_set_note (carbon, "@SUM(A1:A9)");
  gloss_annotation_set_source (carbon, "European Environment Agency, 2024 report");
  gloss_annotation_set_verdict (carbon, GLOSS_VERDICT_INSUFFICIENT);

  gloss_annotation_set_note (orphan, "+1, but which routes?");
  gloss_annotation_set_position (orphan, gloss_annotation_get_start (orphan),
                                 gloss_annotation_get_end (orphan), GLOSS_ANCHOR_ORPHAN);

  gloss_annotation_store_add (store, price);
  gloss_annotation_store_add (store, orphan);
  gloss_annotation_store_add (store, carbon);
  gloss_annotation_store_add (store, opening);
  gloss_annotation_store_add (store, slogan);
  gloss_annotation_store_add (store, sleep);
}

#if LIBXML_VERSION >= 21200
typedef const xmlError *ParseError;
#else
typedef xmlError *ParseError;
#endif

/* Records every parse error but the HTML 5 elements (section, article,
 * main, time...) that libxml2's HTML 4 parser does not know.
 */
static void
collect_parse_error_cb (void       *data,
                        ParseError  error)
{
  GPtrArray *errors = data;

  if (error->code == XML_HTML_UNKNOWN_TAG)
    return;

  g_ptr_array_add (errors, g_strdup_printf ("line %d: %s", error->line, error->message));
}

/* Parses @html and fails the test on anything but a well-formed page. */
static htmlDocPtr
parse_html (const char *html)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  htmlDocPtr doc;

  xmlSetStructuredErrorFunc (errors, collect_parse_error_cb);
  doc = htmlReadMemory (html, strlen (html), "export.html", "UTF-8", HTML_PARSE_NONET);
  xmlSetStructuredErrorFunc (NULL, NULL);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", (char *)g_ptr_array_index (errors, i));
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_nonnull (doc);

  return doc;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

/* Elements named @name below @node, in document order. */
static void
find_elements (xmlNode    *node,
               const char *name,
               GPtrArray  *found)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, name))
        g_ptr_array_add (found, child);
      find_elements (child, name, found);
    }
}

static GPtrArray *
elements (htmlDocPtr  doc,
          const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  find_elements ((xmlNode *)doc, name, found);
  return found;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = g_strdup ((const char *)content);

  xmlFree (content);
  return text;
}

static char *
attribute (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

/* Nothing in the page runs, loads or leaves for anything but the web:
 * no scripts or embedded content, no event handlers, links only to http,
 * https or mailto, and without a referrer.
 */
static void
assert_inert (xmlNode *node)
{
  static const char *forbidden[] = {
    "script", "img", "iframe", "object", "embed", "link", "base", "form", "svg", "video", "audio", "source",
  };

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
        g_assert_false (is_element (child, forbidden[i]));

      for (xmlAttr *attr = child->properties; attr != NULL; attr = attr->next)
        {
          g_assert_false (g_ascii_strncasecmp ((const char *)attr->name, "on", 2) == 0);
          g_assert_cmpstr ((const char *)attr->name, !=, "src");
        }

      if (is_element (child, "a"))
        {
          g_autofree char *href = attribute (child, "href");
          g_autofree char *rel = attribute (child, "rel");

          g_assert_nonnull (href);
          g_assert_true (g_str_has_prefix (href, "https://") || g_str_has_prefix (href, "http://") ||
                         g_str_has_prefix (href, "mailto:"));
          g_assert_nonnull (rel);
          g_assert_nonnull (strstr (rel, "noreferrer"));
        }

      assert_inert (child);
    }
}

/* "Section title | quote" for each note, in the order of the page. */
static char *
describe_notes (htmlDocPtr doc)
{
  g_autoptr(GPtrArray) articles = elements (doc, "article");
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      xmlNode *article = g_ptr_array_index (articles, i);
      g_autoptr(GPtrArray) quotes = g_ptr_array_new ();
      g_autoptr(GPtrArray) headings = g_ptr_array_new ();
      g_autofree char *heading = NULL;
      g_autofree char *quote = NULL;

      g_assert_true (is_element (article->parent, "section"));
      find_elements (article->parent, "h2", headings);
      heading = headings->len > 0 ? text_of (g_ptr_array_index (headings, 0)) : g_strdup ("");

      find_elements (article, "blockquote", quotes);
      g_assert_cmpuint (quotes->len, ==, 1);
      quote = text_of (g_ptr_array_index (quotes, 0));

      g_string_append_printf (out, "%s | %s\n", heading, quote);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_export_html_structure (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("export-article.md");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, NULL);
  g_autofree char *html = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *header = NULL;
  g_autofree char *slogan_tags = NULL;
  g_autofree char *price_text = NULL;
  g_autoptr(GPtrArray) html_elements = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) headers = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) metas = NULL;
  g_autoptr(GPtrArray) h1 = NULL;
  htmlDocPtr doc;
  gboolean has_charset = FALSE;

  add_train_notes (document, store);
  html = gloss_export_html (document, G_LIST_MODEL (store));
  g_test_message ("%s", html);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  doc = parse_html (html);
  assert_inert ((xmlNode *)doc);

  html_elements = elements (doc, "html");
  g_assert_cmpuint (html_elements->len, ==, 1);
  lang = attribute (g_ptr_array_index (html_elements, 0), "lang");
  g_assert_cmpstr (lang, ==, "en");

  metas = elements (doc, "meta");
  for (guint i = 0; i < metas->len; i++)
    {
      g_autofree char *charset = attribute (g_ptr_array_index (metas, i), "charset");

      has_charset |= g_strcmp0 (charset, "utf-8") == 0;
    }
  g_assert_true (has_charset);

  titles = elements (doc, "title");
  g_assert_cmpuint (titles->len, ==, 1);
  title = text_of (g_ptr_array_index (titles, 0));
  g_assert_cmpstr (title, ==, "Night trains are back. Who are they for? — notes");

  /* The header: title, byline, site, date and the number of notes. */
  h1 = elements (doc, "h1");
  g_assert_cmpuint (h1->len, ==, 1);
  headers = elements (doc, "header");
  g_assert_cmpuint (headers->len, ==, 1);
  header = text_of (g_ptr_array_index (headers, 0));
  g_assert_nonnull (strstr (header, "Night trains are back. Who are they for?"));
  g_assert_nonnull (strstr (header, "Ines Ferreira"));
  g_assert_nonnull (strstr (header, "The Rail Review"));
  g_assert_nonnull (strstr (header, "2026-01-14"));
  g_assert_nonnull (strstr (header, "6 notes"));

  /* Sections in the article's order, notes in document order inside
   * them, the orphan last.
   */
  notes = describe_notes (doc);
  g_assert_cmpstr (notes, ==,
                   "Introduction | promise a cleaner way to travel\n"
                   "The case for sleepers | A night train turns travel time into sleep.\n"
                   "The case for sleepers | the greenest way to cross Europe\n"
                   "What the tickets cost | costs around 400 €\n"
                   "A question of carbon | Rail emits far less per passenger than flying\n"
                   "Notes that could not be placed | Family fares help\n");

  /* Kind, tag labels from the vocabularies, the review mark, the
   * rendered note, the source as a link and its verdict, the creator.
   */
  articles = elements (doc, "article");
  g_assert_cmpuint (articles->len, ==, 6);
  slogan_tags = text_of (g_ptr_array_index (articles, 2));
  g_assert_nonnull (strstr (slogan_tags, "Bias"));
  g_assert_nonnull (strstr (slogan_tags, expected_label ("bias", "slogans")));
  g_assert_nonnull (strstr (slogan_tags, expected_label ("bias", "loaded-language")));
  g_assert_nonnull (strstr (slogan_tags, "Zoë Müller (student)"));
  g_assert_nonnull (strstr (html, "<em>what</em>"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.org/rail-report\" rel=\"noreferrer\">the report</a>"));
  g_assert_nonnull (strstr (html, "class=\"note claim needs-review\""));
  g_assert_nonnull (strstr (html, "the article changed here: check the quote"));

  price_text = text_of (g_ptr_array_index (articles, 3));
  g_assert_nonnull (strstr (price_text, expected_label ("evidence", "statistic")));
  g_assert_nonnull (strstr (price_text, "my-own-tag"));
  g_assert_nonnull (strstr (price_text, "(news)"));
  g_assert_nonnull (strstr (price_text, "supports the text"));
  g_assert_nonnull (strstr (price_text, "Ms Haddad (teacher)"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.org/fares-2026\" rel=\"noreferrer\">https://example.org/fares-2026</a>"));
  /* A citation that is not a URL stays text. */
  g_assert_nonnull (strstr (html, "European Environment Agency, 2024 report"));

  xmlFreeDoc (doc);
}

static void
test_export_html_hostile (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationStore) store = NULL;
  g_autoptr(GlossAnnotation) hostile = NULL;
  g_autoptr(GPtrArray) quotes = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GPtrArray) headings = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *html = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *title = NULL;
  g_autofree char *note = NULL;
  const char *tags[] = { "<i>tag</i>", NULL };
  const char *exact = "ends </blockquote><script>alert(2)</script> & here";
  htmlDocPtr doc;

  gloss_document_builder_set_title (builder, "<script>alert(0)</script> & \"co\"");
  gloss_document_builder_set_language (builder, "en\" onload=\"alert(5)");
  gloss_document_builder_set_byline (builder, "<b>Mallory</b>");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "</h2><h1>Fake</h1>", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "A quote that ends </blockquote><script>alert(2)</script> & here.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);
  store = gloss_annotation_store_new (document, NULL);

  hostile = annotate (document, GLOSS_ANNOTATION_COMMENT, exact);
  gloss_annotation_set_tags (hostile, tags);
  gloss_annotation_set_note (hostile,
                             "<script>alert(1)</script>\n\n"
                             "[x](javascript:alert(1)) and [y](data:text/html,boom) and <javascript:alert(3)>\n\n"
                             "![pixel](https://tracker.example/p.png)\n\n"
                             "<img src=x onerror=alert(4)>\n\n"
                             "# Not a heading of the page\n\n"
                             "[fine](https://example.org/ok \"t\\\" onmouseover=\\\"x\")\n\n"
                             "<!-- never closed\n\n"
                             "After the *comment* opening");
  gloss_annotation_set_source (hostile, "javascript:alert(6)");
  gloss_annotation_set_source_type (hostile, "<u>type</u>");
  gloss_annotation_set_creator (hostile, "<b>Eve</b>", GLOSS_ROLE_STUDENT);
  gloss_annotation_store_add (store, hostile);

  html = gloss_export_html (document, G_LIST_MODEL (store));
  g_test_message ("%s", html);

  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strstr (html, "<i>"));
  g_assert_null (strstr (html, "<u>"));
  g_assert_null (strstr (html, "onload="));
  g_assert_null (strstr (html, "href=\"javascript"));
  g_assert_null (strstr (html, "href=\"data"));

  doc = parse_html (html);
  assert_inert ((xmlNode *)doc);

  /* Everything is still there, as text. */
  titles = elements (doc, "title");
  title = text_of (g_ptr_array_index (titles, 0));
  g_assert_cmpstr (title, ==, "<script>alert(0)</script> & \"co\" — notes");

  quotes = elements (doc, "blockquote");
  g_assert_cmpuint (quotes->len, ==, 1);
  quote = text_of (g_ptr_array_index (quotes, 0));
  g_assert_cmpstr (quote, ==, exact);

  headings = elements (doc, "h1");
  g_assert_cmpuint (headings->len, ==, 1);
  g_clear_pointer (&headings, g_ptr_array_unref);
  headings = elements (doc, "h2");
  g_assert_cmpuint (headings->len, ==, 1);

  notes = elements (doc, "article");
  g_assert_cmpuint (notes->len, ==, 1);
  note = text_of (g_ptr_array_index (notes, 0));
  g_assert_nonnull (strstr (note, "<script>alert(1)</script>"));
  g_assert_nonnull (strstr (note, "x and y and"));
  g_assert_nonnull (strstr (note, "pixel"));
  g_assert_nonnull (strstr (note, "<img src=x onerror=alert(4)>"));
  g_assert_nonnull (strstr (note, "Not a heading of the page"));
  g_assert_nonnull (strstr (note, "javascript:alert(6)"));
  g_assert_nonnull (strstr (note, "<i>tag</i>"));
  g_assert_nonnull (strstr (note, "<u>type</u>"));
  g_assert_nonnull (strstr (note, "<b>Eve</b> (student)"));
  g_assert_nonnull (strstr (html, "<a href=\"https://example.org/ok\" rel=\"noreferrer\">fine</a>"));
  /* What follows a line that would open an HTML block is still Markdown. */
  g_assert_nonnull (strstr (html, "<p>&lt;!-- never closed</p>"));
  g_assert_nonnull (strstr (html, "After the <em>comment</em> opening"));

  xmlFreeDoc (doc);
}

static void
test_export_html_empty (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("export-article.md");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, NULL);
  g_autofree char *html = gloss_export_html (document, G_LIST_MODEL (store));
  g_autoptr(GPtrArray) articles = NULL;
  htmlDocPtr doc = parse_html (html);

  articles = elements (doc, "article");
  g_assert_cmpuint (articles->len, ==, 0);
  g_assert_nonnull (strstr (html, "No notes yet."));
  xmlFreeDoc (doc);
}

/* A strict RFC 4180 reader: every record ends in CRLF, and a quote may
 * only open or close a field. Returns the records as GStrv.
 */
static GPtrArray *
parse_csv (const char *csv)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = csv;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              if (*p == '\0')
                g_error ("unterminated quoted field in:\n%s", csv);
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                {
                  g_string_append_c (field, *p);
                }
            }
        }
      else
        {
          for (; *p != '\0' && *p != ',' && *p != '\r' && *p != '\n'; p++)
            {
              if (*p == '"')
                g_error ("stray quote in an unquoted field in:\n%s", csv);
              g_string_append_c (field, *p);
            }
        }

      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        {
          p++;
        }
      else if (p[0] == '\r' && p[1] == '\n')
        {
          p += 2;
          g_ptr_array_add (fields, NULL);
          g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
          fields = g_ptr_array_new_with_free_func (g_free);
        }
      else
        {
          g_error ("a record does not end in CRLF in:\n%s", csv);
        }
    }

  g_assert_cmpuint (fields->len, ==, 0);
  return g_steal_pointer (&records);
}

enum {
  COLUMN_ID,
  COLUMN_SECTION,
  COLUMN_START,
  COLUMN_END,
  COLUMN_QUOTE,
  COLUMN_KIND,
  COLUMN_TAGS,
  COLUMN_NOTE,
  COLUMN_SOURCE,
  COLUMN_SOURCE_TYPE,
  COLUMN_VERDICT,
  COLUMN_CREATOR,
  COLUMN_ROLE,
  COLUMN_CREATED,
  COLUMN_MODIFIED,
  COLUMN_STATUS,
  N_COLUMNS
};

static const char *
cell (GPtrArray *records,
      guint      row,
      guint      column)
{
  char **record = g_ptr_array_index (records, row);

  g_assert_cmpuint (g_strv_length (record), ==, N_COLUMNS);
  return record[column];
}

static void
test_export_csv (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("export-article.md");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *price_tags = NULL;
  g_autofree char *slogan_tags = NULL;
  g_autofree char *empty = NULL;
  const char * const header[] = {
    "id", "section", "start", "end", "quote", "kind", "tags", "note", "source", "source_type",
    "verdict", "creator", "role", "created", "modified", "status", NULL
  };
  const char *text = gloss_document_get_text (document);
  g_autofree char *price_start = NULL;

  add_train_notes (document, store);
  csv = gloss_export_csv (document, G_LIST_MODEL (store));
  g_test_message ("%s", csv);

  /* No byte order mark: the file starts with the header. */
  g_assert_true (g_str_has_prefix (csv, "id,section,start,"));

  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, 1 + 6);
  g_assert_cmpstrv ((const char * const *)g_ptr_array_index (records, 0), header);

  /* Document order, the orphan last. */
  g_assert_cmpstr (cell (records, 1, COLUMN_QUOTE), ==, "promise a cleaner way to travel");
  g_assert_cmpstr (cell (records, 1, COLUMN_SECTION), ==, "Introduction");
  g_assert_cmpstr (cell (records, 2, COLUMN_QUOTE), ==, "A night train turns travel time into sleep.");
  g_assert_cmpstr (cell (records, 2, COLUMN_SECTION), ==, "The case for sleepers");
  g_assert_cmpstr (cell (records, 3, COLUMN_QUOTE), ==, "the greenest way to cross Europe");
  g_assert_cmpstr (cell (records, 4, COLUMN_QUOTE), ==, "costs around 400 €");
  g_assert_cmpstr (cell (records, 4, COLUMN_SECTION), ==, "What the tickets cost");
  g_assert_cmpstr (cell (records, 5, COLUMN_QUOTE), ==, "Rail emits far less per passenger than flying");
  g_assert_cmpstr (cell (records, 5, COLUMN_SECTION), ==, "A question of carbon");
  g_assert_cmpstr (cell (records, 6, COLUMN_QUOTE), ==, "Family fares help");
  g_assert_cmpstr (cell (records, 6, COLUMN_SECTION), ==, "");

  /* Status as the store sees it; offsets only for notes that are placed. */
  g_assert_cmpstr (cell (records, 1, COLUMN_STATUS), ==, "anchored");
  g_assert_cmpstr (cell (records, 2, COLUMN_STATUS), ==, "needs review");
  g_assert_cmpstr (cell (records, 6, COLUMN_STATUS), ==, "orphan");
  g_assert_cmpstr (cell (records, 6, COLUMN_START), ==, "");
  g_assert_cmpstr (cell (records, 6, COLUMN_END), ==, "");
  price_start = g_strdup_printf ("%ld", g_utf8_pointer_to_offset (text, strstr (text, "costs around 400 €")));
  g_assert_cmpstr (cell (records, 4, COLUMN_START), ==, price_start);
  g_assert_cmpuint (g_ascii_strtoull (cell (records, 4, COLUMN_END), NULL, 10), ==,
                    g_ascii_strtoull (price_start, NULL, 10) + g_utf8_strlen ("costs around 400 €", -1));

  /* Commas, quotes and line breaks survive the round trip; UTF-8 too. */
  g_assert_cmpstr (cell (records, 3, COLUMN_NOTE), ==,
                   "A slogan, \"not\" evidence.\nSee [the report](https://example.org/rail-report).");
  g_assert_cmpstr (cell (records, 3, COLUMN_CREATOR), ==, "Zoë Müller");
  g_assert_cmpstr (cell (records, 5, COLUMN_SOURCE), ==, "European Environment Agency, 2024 report");

  /* Tag labels from the vocabularies, or the id. */
  slogan_tags = g_strdup_printf ("%s; %s", expected_label ("bias", "slogans"), expected_label ("bias", "loaded-language"));
  price_tags = g_strdup_printf ("%s; my-own-tag", expected_label ("evidence", "statistic"));
  g_assert_cmpstr (cell (records, 3, COLUMN_TAGS), ==, slogan_tags);
  g_assert_cmpstr (cell (records, 4, COLUMN_TAGS), ==, price_tags);

  /* The other columns. */
  g_assert_cmpstr (cell (records, 4, COLUMN_KIND), ==, "evidence");
  g_assert_cmpstr (cell (records, 4, COLUMN_SOURCE), ==, "https://example.org/fares-2026");
  g_assert_cmpstr (cell (records, 4, COLUMN_SOURCE_TYPE), ==, "news");
  g_assert_cmpstr (cell (records, 4, COLUMN_VERDICT), ==, "supports");
  g_assert_cmpstr (cell (records, 4, COLUMN_CREATOR), ==, "Ms Haddad");
  g_assert_cmpstr (cell (records, 4, COLUMN_ROLE), ==, "teacher");
  g_assert_true (g_str_has_prefix (cell (records, 4, COLUMN_ID), "urn:uuid:"));
  g_assert_cmpstr (cell (records, 5, COLUMN_VERDICT), ==, "insufficient");
  g_assert_cmpstr (cell (records, 5, COLUMN_CREATOR), ==, "");
  g_assert_cmpstr (cell (records, 5, COLUMN_ROLE), ==, "");
  for (guint row = 1; row < records->len; row++)
    {
      g_autoptr(GDateTime) created = g_date_time_new_from_iso8601 (cell (records, row, COLUMN_CREATED), NULL);
      g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (cell (records, row, COLUMN_MODIFIED), NULL);

      g_assert_nonnull (created);
      g_assert_nonnull (modified);
    }

  /* Nothing a spreadsheet would run as a formula. */
  g_assert_cmpstr (cell (records, 4, COLUMN_NOTE), ==, "'=HYPERLINK(\"https://example.org/x\",\"click\")");
  g_assert_cmpstr (cell (records, 2, COLUMN_NOTE), ==, "'-5 hours of sleep, more like it");
  g_assert_cmpstr (cell (records, 5, COLUMN_NOTE), ==, "'@SUM(A1:A9)");
  g_assert_cmpstr (cell (records, 6, COLUMN_NOTE), ==, "'+1, but which routes?");
  g_assert_cmpstr (cell (records, 1, COLUMN_NOTE), ==, "Cleaner than *what*? Flying, driving or the bus?");

  /* Without notes: the header alone. */
  g_clear_object (&store);
  store = gloss_annotation_store_new (document, NULL);
  empty = gloss_export_csv (document, G_LIST_MODEL (store));
  g_assert_cmpstr (empty, ==,
                   "id,section,start,end,quote,kind,tags,note,source,source_type,"
                   "verdict,creator,role,created,modified,status\r\n");
}

/* Fields from a sidecar someone else wrote may start with a tab or a
 * carriage return, which spreadsheets also treat as a formula.
 */
static void
test_export_csv_formula_whitespace (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("export-article.md");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, NULL);
  g_autoptr(GlossAnnotation) annotation = annotate (document, GLOSS_ANNOTATION_EVIDENCE, "Family fares help");
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *csv = NULL;

  gloss_annotation_set_note (annotation, "\t=1+1");
  gloss_annotation_set_source (annotation, "\r=cmd|' /C calc'!A0");
  gloss_annotation_set_creator (annotation, "=Eve", GLOSS_ROLE_STUDENT);
  gloss_annotation_store_add (store, annotation);

  csv = gloss_export_csv (document, G_LIST_MODEL (store));
  records = parse_csv (csv);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (cell (records, 1, COLUMN_NOTE), ==, "'\t=1+1");
  /* The carriage return itself, a control character, is dropped. */
  g_assert_cmpstr (cell (records, 1, COLUMN_SOURCE), ==, "'=cmd|' /C calc'!A0");
  g_assert_cmpstr (cell (records, 1, COLUMN_CREATOR), ==, "'=Eve");
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
  g_test_add_func ("/core/export/html/structure", test_export_html_structure);
  g_test_add_func ("/core/export/html/hostile", test_export_html_hostile);
  g_test_add_func ("/core/export/html/empty", test_export_html_empty);
  g_test_add_func ("/core/export/csv/columns", test_export_csv);
  g_test_add_func ("/core/export/csv/formula-whitespace", test_export_csv_formula_whitespace);

  return g_test_run ();
}
