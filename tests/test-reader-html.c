/* test-reader-html.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "gloss-core.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static GlossDocument *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_import_file (file, NULL, &error);

  g_assert_no_error (error);

  return document;
}

static GlossDocument *
import_string (const char          *text,
               GlossDocumentFormat  format)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  GlossDocument *document = gloss_import_bytes (bytes, format, NULL, &error);

  g_assert_no_error (error);

  return document;
}

static xmlDoc *
parse_html (const char *html)
{
  xmlDoc *doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);

  g_assert_nonnull (doc);

  return doc;
}

static void
collect_text (xmlNode *node,
              GString *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE)
        g_string_append (out, (const char *)child->content);
      else if (child->type == XML_ELEMENT_NODE)
        collect_text (child, out);
    }
}

static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)value);

  xmlFree (value);

  return copy;
}

typedef struct {
  GlossDocument *document;
  guint         *seen;
  guint          n_elements;
} Check;

static void
check_blocks (xmlNode *node,
              Check   *check)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *index_attr = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      index_attr = get_attr (child, "data-b");
      if (index_attr != NULL)
        {
          guint index = (guint)atoi (index_attr);
          const GlossBlock *block;
          g_autofree char *start = get_attr (child, "data-start");
          g_autofree char *end = get_attr (child, "data-end");
          g_autofree char *expected = NULL;
          g_autoptr(GString) text = g_string_new (NULL);

          g_assert_cmpuint (index, <, gloss_document_get_n_blocks (check->document));
          block = gloss_document_get_block (check->document, index);
          expected = gloss_document_dup_slice (check->document, block->start, block->end);

          /* The invariant the article view relies on. */
          collect_text (child, text);
          g_assert_cmpstr (text->str, ==, expected);
          g_assert_cmpuint ((guint)atoi (start), ==, block->start);
          g_assert_cmpuint ((guint)atoi (end), ==, block->end);

          check->seen[index]++;
          check->n_elements++;
        }

      check_blocks (child, check);
    }
}

/* Renders @document, parses the page back and checks every block. */
static xmlDoc *
render_and_check (GlossDocument *document,
                  char         **html_out)
{
  g_autofree char *html = gloss_reader_html_render (document, "<style>p { margin: 0 }</style>");
  guint n_blocks = gloss_document_get_n_blocks (document);
  g_autofree guint *seen = g_new0 (guint, MAX (n_blocks, 1));
  Check check = { document, seen, 0 };
  xmlDoc *doc;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));

  doc = parse_html (html);
  check_blocks (xmlDocGetRootElement (doc), &check);

  g_assert_cmpuint (check.n_elements, ==, n_blocks);
  for (guint i = 0; i < n_blocks; i++)
    g_assert_cmpuint (seen[i], ==, 1);

  if (html_out != NULL)
    *html_out = g_steal_pointer (&html);

  return doc;
}

static xmlNode *
first_element_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        return child;
    }

  return NULL;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *)child->name, name) == 0)
        return child;
      found = find_element (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_reader_invariant_fixtures (void)
{
  const char *fixtures[] = {
    "scraped-article.txt", "wrapped-notes.txt", "web-article.html", "article.md",
    "saved-page.html", "saved-page.mhtml", "scraped-features.txt", "toc-article.txt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autoptr(GlossDocument) document = import_fixture (fixtures[i]);
      g_autoptr(xmlDoc) doc = render_and_check (document, NULL);

      g_assert_cmpuint (gloss_document_get_n_blocks (document), >, 3);
    }
}

static void
find_elements (xmlNode    *node,
               const char *name,
               GPtrArray  *out)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *)child->name, name) == 0)
        g_ptr_array_add (out, child);
      find_elements (child, name, out);
    }
}

/* The element whose "id" is @id, or NULL. */
static xmlNode *
find_by_id (xmlNode    *node,
            const char *id)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *child_id = NULL;
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      child_id = get_attr (child, "id");
      if (g_strcmp0 (child_id, id) == 0)
        return child;
      found = find_by_id (child, id);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_reader_toc (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("toc-article.txt");
  g_autoptr(xmlDoc) doc = render_and_check (document, NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *nav = NULL;
  g_autoptr(GPtrArray) navs = g_ptr_array_new ();
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  guint n_entries = gloss_document_get_n_toc_entries (document);

  g_assert_cmpuint (n_entries, ==, 4);

  find_elements (root, "nav", navs);
  g_assert_cmpuint (navs->len, ==, 1);
  nav = g_ptr_array_index (navs, 0);

  /* In the header, outside every block, so that its text is not counted
   * as the article's.
   */
  g_assert_cmpstr ((const char *)nav->parent->name, ==, "header");
  for (xmlNode *up = nav; up != NULL && up->type == XML_ELEMENT_NODE; up = up->parent)
    {
      g_autofree char *start = get_attr (up, "data-start");

      g_assert_null (start);
    }

  find_elements (nav, "a", links);
  g_assert_cmpuint (links->len, ==, n_entries);
  for (guint i = 0; i < links->len; i++)
    {
      xmlNode *link = g_ptr_array_index (links, i);
      const GlossTocEntry *entry = gloss_document_get_toc_entry (document, i);
      g_autofree char *href = get_attr (link, "href");
      g_autofree char *block = get_attr (link, "data-block");
      g_autofree char *target_b = NULL;
      g_autoptr(GString) label = g_string_new (NULL);
      xmlNode *target;

      /* Each link names a heading that is in the page. */
      g_assert_true (g_str_has_prefix (href, "#"));
      target = find_by_id (root, href + 1);
      g_assert_nonnull (target);
      g_assert_true (target->name[0] == 'h' && g_ascii_isdigit (target->name[1]));
      target_b = get_attr (target, "data-b");
      g_assert_cmpstr (target_b, ==, block);
      g_assert_cmpuint ((guint)atoi (block), ==, entry->block);

      collect_text (link, label);
      g_assert_cmpstr (label->str, ==, entry->title);
    }
}

static void
test_reader_toc_escaped (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) scripts = g_ptr_array_new ();

  gloss_document_builder_add_toc_entry (builder, "<script>alert(1)</script> & \"more\"");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "<script>alert(1)</script> & \"more\"", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "Body.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);
  g_assert_cmpuint (gloss_document_get_n_toc_entries (document), ==, 1);

  doc = render_and_check (document, &html);
  g_assert_null (strstr (html, "<script>"));
  find_elements (xmlDocGetRootElement (doc), "script", scripts);
  g_assert_cmpuint (scripts->len, ==, 0);
  g_assert_nonnull (strstr (html, "<a href=\"#gloss-b-0\" data-block=\"0\">&lt;script&gt;"));
}

static void
test_reader_images (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("saved-page.html");
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) figures = g_ptr_array_new ();
  gboolean found_alt = FALSE;

  /* Local copies are shown through Gloss's own scheme and nothing else;
   * every one of them can be looked up in the document.
   */
  find_elements (xmlDocGetRootElement (doc), "img", images);
  g_assert_cmpuint (images->len, ==, 2);
  for (guint i = 0; i < images->len; i++)
    {
      g_autofree char *src = get_attr (g_ptr_array_index (images, i), "src");
      g_autoptr(GBytes) bytes = NULL;
      const char *prefix = "gloss-resource:///article-files/";

      g_assert_true (g_str_has_prefix (src, prefix));
      bytes = gloss_document_lookup_resource (document, src + strlen (prefix), NULL);
      g_assert_nonnull (bytes);
    }

  /* The photograph and its caption share a figure. */
  find_elements (xmlDocGetRootElement (doc), "figure", figures);
  for (guint i = 0; i < figures->len; i++)
    {
      xmlNode *figure = g_ptr_array_index (figures, i);
      xmlNode *img = find_element (figure, "img");
      xmlNode *caption = find_element (figure, "figcaption");

      if (img != NULL && caption != NULL)
        {
          g_autofree char *alt = get_attr (img, "alt");

          g_assert_cmpstr (alt, ==, "The ferry leaving the harbour at dawn");
          found_alt = TRUE;
        }
    }
  g_assert_true (found_alt);

  /* A remote image is never loaded: its description is shown through
   * generated content, which adds no text node to the page.
   */
  g_assert_null (strstr (html, "cdn.harbour-news.example"));
  g_assert_nonnull (strstr (html, "data-alt=\"Map of the ferry routes\""));
  g_assert_null (strstr (html, "outside-folder"));
}

static void
test_reader_head (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("web-article.html");
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);
  xmlNode *head = find_element (xmlDocGetRootElement (doc), "head");
  xmlNode *first = first_element_child (head);
  xmlNode *title;
  xmlNode *header_title;
  g_autofree char *http_equiv = get_attr (first, "http-equiv");
  g_autofree char *csp = get_attr (first, "content");
  g_autofree char *lang = get_attr (xmlDocGetRootElement (doc), "lang");
  g_autoptr(GString) title_text = g_string_new (NULL);
  g_autoptr(GString) header_text = g_string_new (NULL);
  g_autofree char *header_start = NULL;

  /* The policy comes before anything that could load. */
  g_assert_cmpstr ((const char *)first->name, ==, "meta");
  g_assert_cmpstr (http_equiv, ==, "Content-Security-Policy");
  g_assert_cmpstr (csp, ==, GLOSS_READER_CSP);
  g_assert_cmpstr (lang, ==, "en-GB");
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<style>p { margin: 0 }</style>"));

  title = find_element (head, "title");
  collect_text (title, title_text);
  g_assert_cmpstr (title_text->str, ==, "Do Tiny Urban Forests Live Up to the Hype?");

  /* The header shows the title but is not part of the document text. */
  header_title = find_element (xmlDocGetRootElement (doc), "h1");
  collect_text (header_title, header_text);
  g_assert_cmpstr (header_text->str, ==, "Do Tiny Urban Forests Live Up to the Hype?");
  header_start = get_attr (header_title, "data-start");
  g_assert_null (header_start);
  g_assert_nonnull (strstr (html, "Priya Raman"));

  /* Nothing remote from the page survives. */
  g_assert_null (strstr (html, "cdn.civic-ledger.example"));
  g_assert_null (strstr (html, "ads.tracker.example"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<iframe"));
  g_assert_nonnull (strstr (html,
                            "<a href=\"https://research.example/miyawaki-review\" "
                            "data-href=\"https://research.example/miyawaki-review\" "
                            "rel=\"noreferrer\">review of early projects</a>"));
}

static void
check_element_safe (xmlNode *node)
{
  static const char *forbidden[] = {
    "script", "img", "iframe", "object", "embed", "svg", "link", "form",
    "base", "frame", "video", "audio", NULL,
  };

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;

      g_assert_false (g_strv_contains (forbidden, (const char *)child->name));

      for (xmlAttr *attr = child->properties; attr != NULL; attr = attr->next)
        {
          g_autofree char *value = get_attr (child, (const char *)attr->name);

          /* No event handlers, and links only to the web or mail. */
          g_assert_false (g_ascii_strncasecmp ((const char *)attr->name, "on", 2) == 0);
          if (g_str_equal ((const char *)attr->name, "href") ||
              g_str_equal ((const char *)attr->name, "src"))
            g_assert_true (g_str_has_prefix (value, "https://") ||
                           g_str_has_prefix (value, "http://") ||
                           g_str_has_prefix (value, "mailto:"));
        }

      check_element_safe (child);
    }
}

/* Checks the generated page as the web view would see it. */
static void
assert_no_active_content (const char *html)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autoptr(xmlDoc) doc = parse_html (html);

  g_assert_null (strstr (lower, "<script"));
  g_assert_null (strstr (lower, "javascript:"));
  check_element_safe ((xmlNode *)doc);
}

static void
test_reader_scripts (void)
{
  const char *page =
    "<html><head><title>T</title><script>alert('head')</script></head>"
    "<body onload=\"alert('body')\"><article>"
    "<p onclick=\"alert('p')\">A paragraph that talks about &lt;script&gt; tags "
    "and event attributes, with \"quotes\" &amp; 'apostrophes'.</p>"
    "<p>Click <a href=\"javascript:alert(1)\" onclick=\"x()\">here</a> or "
    "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">there</a>.</p>"
    "<img src=\"https://example.org/x.png\" onerror=\"alert('img')\">"
    "<svg onload=\"alert('svg')\"><script>alert('svg')</script></svg>"
    "<iframe src=\"https://example.org\"></iframe>"
    "<script>document.write('<p>written</p>')</script>"
    "</article></body></html>";
  g_autoptr(GlossDocument) document = import_string (page, GLOSS_DOCUMENT_FORMAT_HTML);
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);

  assert_no_active_content (html);
  g_assert_nonnull (strstr (html, "talks about &lt;script&gt; tags and event attributes, with "
                                  "&quot;quotes&quot; &amp; &#39;apostrophes&#39;."));
  g_assert_nonnull (strstr (html, "href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""));
  g_assert_null (strstr (gloss_document_get_text (document), "written"));
  g_assert_null (strstr (gloss_document_get_text (document), "alert"));
}

static void
test_reader_plain_text_markup (void)
{
  /* Plain text that looks like markup is shown as text. */
  g_autoptr(GlossDocument) document =
    import_string ("Markup in text\n\n<script>alert(1)</script> and <img src=x onerror=alert(2)> "
                   "are just words here & nothing runs.\n",
                   GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);

  assert_no_active_content (html);
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "&amp; nothing runs."));
}

static void
test_reader_markdown_raw_html (void)
{
  g_autoptr(GlossDocument) document =
    import_string ("# Title\n\nText <script>alert(1)</script> and <b onclick=\"x\">bold</b>.\n\n"
                   "<iframe src=\"https://example.org\"></iframe>\n\n"
                   "[link](javascript:alert(1)) ![img](https://example.org/i.png)\n",
                   GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);

  assert_no_active_content (html);
}

static void
test_reader_lists (void)
{
  g_autoptr(GlossDocument) document =
    import_string ("Intro paragraph.\n\n"
                   "- one\n"
                   "  - one.a\n"
                   "    - one.a.i\n"
                   "- two\n\n"
                   "1. first\n"
                   "2. second\n\n"
                   "> quoted one\n>\n> quoted two\n",
                   GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = render_and_check (document, &html);
  xmlNode *quote;
  guint n_paragraphs = 0;

  /* Nested lists sit in items of their own, so every block element holds
   * only its own text (checked by render_and_check()).
   */
  g_assert_nonnull (strstr (html, "<ul>"));
  g_assert_nonnull (strstr (html, "<ol>"));
  g_assert_nonnull (strstr (html, "gloss-nested"));

  quote = find_element (xmlDocGetRootElement (doc), "blockquote");
  g_assert_nonnull (quote);
  for (xmlNode *child = quote->children; child != NULL; child = child->next)
    {
      if (child->type == XML_ELEMENT_NODE)
        n_paragraphs++;
    }
  g_assert_cmpuint (n_paragraphs, ==, 2);
}

static void
test_reader_overlapping_spans (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *html = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "An ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK, "https://example.org/a\"b");
  gloss_document_builder_append_text (builder, "emoji \xf0\x9f\x98\x80 ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_EMPHASIS, NULL);
  gloss_document_builder_append_text (builder, "and e\xcc\x81", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " <tags>", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK, "javascript:alert(1)");
  gloss_document_builder_append_text (builder, " & more", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PREFORMATTED, 0);
  gloss_document_builder_append_text (builder, "  indented\n\ncode <b>", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_CAPTION, 0);
  gloss_document_builder_append_text (builder, "A caption", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 9);
  gloss_document_builder_append_text (builder, "Deep heading", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (builder, NULL);

  doc = render_and_check (document, &html);
  assert_no_active_content (html);
  g_assert_nonnull (strstr (html, "href=\"https://example.org/a&quot;b\""));
  g_assert_nonnull (strstr (html, "<pre data-b=\"1\""));
  g_assert_nonnull (strstr (html, "<h6 "));
  g_assert_nonnull (strstr (html, "<figcaption "));
}

static void
test_reader_large (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *html = NULL;

  for (guint i = 0; i < 50000; i++)
    {
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_append_text (builder, "Some words ", -1);
      gloss_document_builder_push_span (builder, GLOSS_SPAN_STRONG, NULL);
      gloss_document_builder_append_text (builder, "in bold", -1);
      gloss_document_builder_pop_span (builder);
      gloss_document_builder_append_text (builder, " and more words after them, \xc3\xa9t\xc3\xa9.", -1);
      gloss_document_builder_end_block (builder);
    }
  document = gloss_document_builder_finish (builder, NULL);

  html = gloss_reader_html_render (document, NULL);
  g_assert_nonnull (strstr (html, "data-b=\"49999\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/reader-html/invariant-fixtures", test_reader_invariant_fixtures);
  g_test_add_func ("/core/reader-html/head", test_reader_head);
  g_test_add_func ("/core/reader-html/images", test_reader_images);
  g_test_add_func ("/core/reader-html/toc", test_reader_toc);
  g_test_add_func ("/core/reader-html/toc-escaped", test_reader_toc_escaped);
  g_test_add_func ("/core/reader-html/scripts", test_reader_scripts);
  g_test_add_func ("/core/reader-html/plain-text-markup", test_reader_plain_text_markup);
  g_test_add_func ("/core/reader-html/markdown-raw-html", test_reader_markdown_raw_html);
  g_test_add_func ("/core/reader-html/lists", test_reader_lists);
  g_test_add_func ("/core/reader-html/overlapping-spans", test_reader_overlapping_spans);
  g_test_add_func ("/core/reader-html/large", test_reader_large);

  return g_test_run ();
}
