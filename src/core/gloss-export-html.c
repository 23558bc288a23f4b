/* gloss-export-html.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <cmark.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-export-private.h"
#include "gloss-utf8.h"
#include "gloss-vocabulary.h"

/* HTML export.
 *
 * A standalone page that a reader can open, print or hand in: UTF-8, an
 * inline style sheet and nothing else. It loads nothing (no scripts,
 * images, fonts or style sheets from elsewhere) and says so with a
 * Content-Security-Policy, so that opening it from a mail or a shared
 * folder is safe.
 *
 * Every string from the article or the sidecar is escaped. The note text is
 * Markdown the reader wrote and is rendered with cmark in its safe mode;
 * the tree is cleaned before rendering as well (clean_note_tree()): raw
 * HTML is shown as the text it is, images become their alternative text,
 * links keep only http, https and mailto targets, and headings inside a
 * note become bold paragraphs so that they do not break the outline of
 * the page.
 */

static const char html_style[] =
  ":root { color-scheme: light; }\n"
  "body { margin: 2em auto; max-width: 44em; padding: 0 1.5em;\n"
  "       font-family: \"Cantarell\", \"Noto Sans\", \"Helvetica Neue\", Arial, sans-serif;\n"
  "       font-size: 1rem; line-height: 1.55; color: #241f31; background: #ffffff; }\n"
  "header { border-bottom: 1px solid #c0bfbc; margin-bottom: 1.5em; padding-bottom: 0.5em; }\n"
  "h1 { font-size: 1.8em; line-height: 1.25; margin: 0 0 0.3em; }\n"
  "h2 { font-size: 1.3em; margin: 1.8em 0 0.6em; border-bottom: 1px solid #deddda; }\n"
  ".meta, .count, .explanation { color: #5e5c64; margin: 0.2em 0; }\n"
  "article.note { margin: 0 0 1.4em; padding: 0.2em 0 0.2em 1em;\n"
  "               border-left: 4px solid #99c1f1; break-inside: avoid; }\n"
  "article.note.bias { border-left-color: #f8e45c; }\n"
  "article.note.comment { border-left-color: #c0bfbc; }\n"
  "article.note.claim { border-left-color: #dc8add; }\n"
  "article.note.needs-review { border-left-style: dashed; }\n"
  "blockquote { margin: 0.4em 0; padding: 0.3em 0.8em; background: #f6f5f4;\n"
  "             font-family: Georgia, \"Noto Serif\", serif; }\n"
  "blockquote p { margin: 0.3em 0; }\n"
  ".labels { font-size: 0.9em; margin: 0.4em 0; }\n"
  ".kind { font-weight: bold; }\n"
  ".tag { display: inline-block; padding: 0 0.5em; border: 1px solid #c0bfbc;\n"
  "       border-radius: 0.8em; margin-left: 0.3em; }\n"
  ".review { color: #9c6e03; font-weight: bold; margin-left: 0.3em; }\n"
  ".note-text { overflow-wrap: break-word; }\n"
  ".note-text pre { white-space: pre-wrap; background: #f6f5f4; padding: 0.5em; }\n"
  ".source, .creator { font-size: 0.9em; color: #5e5c64; margin: 0.3em 0; overflow-wrap: anywhere; }\n"
  "a { color: #1a5fb4; }\n"
  "@media print {\n"
  "  body { margin: 0; max-width: none; padding: 0; font-size: 11pt; }\n"
  "  a { color: inherit; }\n"
  "  h2 { break-after: avoid; }\n"
  "}\n";

/* Escapes text for an HTML text node or a quoted attribute value. Control
 * characters other than tab and line feed have no place in HTML, and the
 * bidirectional controls would let a name or a note read backwards: both
 * are dropped.
 */
static void
append_html_escaped (GString    *out,
                     const char *text)
{
  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&#39;");
          break;
        default:
          if (!gloss_utf8_is_hidden_control (c))
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

static char *
html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  append_html_escaped (out, text);
  return g_string_free (out, FALSE);
}

/* Only web links may become links: anything else (javascript:, data:,
 * file: or a path relative to wherever the export is opened) stays text.
 */
static gboolean
is_safe_link (const char *url,
              gboolean    allow_mailto)
{
  g_autofree char *scheme = NULL;

  if (url == NULL || !g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    return FALSE;

  scheme = g_uri_parse_scheme (url);
  return g_strcmp0 (scheme, "http") == 0 ||
         g_strcmp0 (scheme, "https") == 0 ||
         (allow_mailto && g_strcmp0 (scheme, "mailto") == 0);
}

static void
append_html_link (GString    *out,
                  const char *url,
                  const char *text)
{
  g_string_append (out, "<a href=\"");
  append_html_escaped (out, url);
  g_string_append (out, "\" rel=\"noreferrer\">");
  append_html_escaped (out, text);
  g_string_append (out, "</a>");
}

static void
move_children (cmark_node *from,
               cmark_node *to)
{
  cmark_node *child;

  while ((child = cmark_node_first_child (from)) != NULL)
    {
      /* Never fails for the nodes clean_note_node() moves; a refusal
       * would otherwise loop for ever.
       */
      if (!cmark_node_append_child (to, child))
        break;
    }
}

/* Puts @replacement (or, when it is NULL, the children of @node) where
 * @node was, moving the children of @node into @replacement, and frees
 * @node.
 */
static void
replace_node (cmark_node *node,
              cmark_node *replacement)
{
  cmark_node *child;

  if (replacement != NULL)
    {
      move_children (node, replacement);
      cmark_node_insert_before (node, replacement);
    }
  else
    {
      while ((child = cmark_node_first_child (node)) != NULL)
        {
          if (!cmark_node_insert_before (node, child))
            break;
        }
    }

  cmark_node_free (node);
}

static cmark_node *
new_text_node (const char *text)
{
  cmark_node *node = cmark_node_new (CMARK_NODE_TEXT);

  cmark_node_set_literal (node, text);
  return node;
}

static void
clean_note_node (cmark_node *node)
{
  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HTML_BLOCK:
      {
        cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);
        g_autofree char *literal = g_strdup (cmark_node_get_literal (node));

        g_strchomp (literal);
        cmark_node_append_child (paragraph, new_text_node (literal));
        replace_node (node, paragraph);
      }
      break;

    case CMARK_NODE_HTML_INLINE:
      replace_node (node, new_text_node (cmark_node_get_literal (node)));
      break;

    case CMARK_NODE_IMAGE:
      /* The alternative text stays; the picture is never fetched. */
      replace_node (node, NULL);
      break;

    case CMARK_NODE_LINK:
      if (is_safe_link (cmark_node_get_url (node), TRUE))
        {
          cmark_node *link = cmark_node_new (CMARK_NODE_CUSTOM_INLINE);
          g_autofree char *url = html_escape (cmark_node_get_url (node));
          g_autofree char *on_enter = g_strdup_printf ("<a href=\"%s\" rel=\"noreferrer\">", url);

          cmark_node_set_on_enter (link, on_enter);
          cmark_node_set_on_exit (link, "</a>");
          replace_node (node, link);
        }
      else
        {
          replace_node (node, NULL);
        }
      break;

    case CMARK_NODE_HEADING:
      {
        cmark_node *paragraph = cmark_node_new (CMARK_NODE_PARAGRAPH);
        cmark_node *strong = cmark_node_new (CMARK_NODE_STRONG);

        move_children (node, strong);
        cmark_node_append_child (paragraph, strong);
        replace_node (node, paragraph);
      }
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    default:
      break;
    }
}

/* Cleans the tree of a note, children before their parents, so that a
 * node is never visited after it was replaced.
 */
static void
clean_note_tree (cmark_node *root)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  cmark_iter *iter = cmark_iter_new (root);
  cmark_event_type event;

  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      if (event == CMARK_EVENT_ENTER)
        g_ptr_array_add (nodes, cmark_iter_get_node (iter));
    }
  cmark_iter_free (iter);

  for (guint i = nodes->len; i > 0; i--)
    clean_note_node (g_ptr_array_index (nodes, i - 1));
}

/* A line that starts with "<" would start an HTML block, which cmark ends
 * only at a blank line or at a closing marker ("-->", "?>", "</pre>")
 * that may never come, and which would take the rest of the note with it
 * as raw text. The "<" is escaped so that the line stays a line of text;
 * inside a fenced code block it is code and stays as it is.
 */
static char *
dup_without_html_blocks (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *fence = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *start = line;

      while (*start == ' ' && start - line < 3)
        start++;

      if (i > 0)
        g_string_append_c (out, '\n');

      if (fence != NULL)
        {
          if (g_str_has_prefix (start, fence))
            fence = NULL;
        }
      else if (g_str_has_prefix (start, "```"))
        {
          fence = "```";
        }
      else if (g_str_has_prefix (start, "~~~"))
        {
          fence = "~~~";
        }
      else if (*start == '<')
        {
          g_string_append_len (out, line, start - line);
          g_string_append_c (out, '\\');
          g_string_append (out, start);
          continue;
        }

      g_string_append (out, line);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_html_note_text (GString    *out,
                       const char *text)
{
  /* CMARK_OPT_SAFE is the default since cmark 0.29; it is named so that
   * the intent stays visible. Single line breaks are kept, as the reader
   * typed them.
   */
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_HARDBREAKS;
  g_autofree char *markdown = NULL;
  cmark_node *root;
  char *html;

  if (text == NULL || *text == '\0')
    return;

  markdown = dup_without_html_blocks (text);
  root = cmark_parse_document (markdown, strlen (markdown), options);
  clean_note_tree (root);
  html = cmark_render_html (root, options);
  cmark_node_free (root);

  g_string_append (out, "<div class=\"note-text\">\n");
  g_string_append (out, html);
  g_string_append (out, "</div>\n");

  /* cmark allocates with the C library's allocator. */
  free (html);
}

static void
append_html_quote (GString    *out,
                   const char *quote)
{
  g_auto(GStrv) lines = g_strsplit (gloss_export_not_null (quote), "\n", -1);

  g_string_append (out, "<blockquote>");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;

      g_string_append (out, "<p>");
      append_html_escaped (out, lines[i]);
      g_string_append (out, "</p>");
    }
  g_string_append (out, "</blockquote>\n");
}

static void
append_html_note (GString         *out,
                  GlossAnnotation *annotation)
{
  GlossAnnotationKind kind = gloss_annotation_get_kind (annotation);
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *source = gloss_annotation_get_source (annotation);
  const char *source_type = gloss_annotation_get_source_type (annotation);
  const char *verdict = gloss_export_verdict_label (gloss_annotation_get_verdict (annotation));
  const char *creator = gloss_annotation_get_creator_name (annotation);
  gboolean needs_review = gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_NEEDS_REVIEW;
  g_autofree char *date = gloss_export_dup_note_date (annotation);
  g_autoptr(GDateTime) created = g_date_time_to_utc (gloss_annotation_get_created (annotation));
  g_autofree char *created_iso = g_date_time_format_iso8601 (created);

  g_string_append_printf (out, "<article class=\"note %s%s\" id=\"",
                          gloss_annotation_kind_to_string (kind),
                          needs_review ? " needs-review" : "");
  append_html_escaped (out, gloss_annotation_get_id (annotation));
  g_string_append (out, "\">\n");

  append_html_quote (out, gloss_annotation_get_exact (annotation));

  g_string_append (out, "<p class=\"labels\"><span class=\"kind\">");
  append_html_escaped (out, gloss_annotation_kind_to_label (kind));
  g_string_append (out, "</span>");
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_string_append (out, " <span class=\"tag\">");
      append_html_escaped (out, gloss_annotation_get_tag_label (annotation, tags[i]));
      g_string_append (out, "</span>");
    }
  if (needs_review)
    {
      g_string_append (out, " <strong class=\"review\">");
      append_html_escaped (out, gloss_export_needs_review_label ());
      g_string_append (out, "</strong>");
    }
  g_string_append (out, "</p>\n");

  append_html_note_text (out, gloss_annotation_get_note (annotation));

  if (source != NULL || verdict != NULL)
    {
      g_string_append (out, "<p class=\"source\">");
      if (source != NULL)
        {
          append_html_escaped (out, _("Source:"));
          g_string_append_c (out, ' ');
          if (is_safe_link (source, FALSE) && strpbrk (source, " \t\n\r") == NULL)
            append_html_link (out, source, source);
          else
            append_html_escaped (out, source);

          if (source_type != NULL)
            {
              g_string_append (out, " (");
              append_html_escaped (out, source_type);
              g_string_append_c (out, ')');
            }
        }

      if (verdict != NULL)
        {
          if (source != NULL)
            g_string_append (out, " · ");
          append_html_escaped (out, _("Verdict:"));
          g_string_append_c (out, ' ');
          append_html_escaped (out, verdict);
        }
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<p class=\"creator\">— ");
  if (creator != NULL)
    {
      append_html_escaped (out, creator);
      g_string_append (out, " (");
      append_html_escaped (out, gloss_export_role_label (gloss_annotation_get_creator_role (annotation)));
      g_string_append (out, "), ");
    }
  g_string_append (out, "<time datetime=\"");
  append_html_escaped (out, created_iso);
  g_string_append (out, "\">");
  append_html_escaped (out, date);
  g_string_append (out, "</time></p>\n");

  g_string_append (out, "</article>\n");
}

/* A language tag goes into an attribute: take it only when it looks like
 * one ("en", "pt-BR").
 */
static gboolean
is_language_tag (const char *language)
{
  if (language == NULL || *language == '\0' || strlen (language) > 35)
    return FALSE;

  for (const char *p = language; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }

  return g_ascii_isalpha (*language);
}

static void
append_html_header (GString       *out,
                    GlossDocument *document,
                    guint          n_notes)
{
  const char *byline = gloss_document_get_byline (document);
  const char *site = gloss_document_get_site_name (document);
  const char *published = gloss_document_get_published (document);
  const char *url = gloss_document_get_url (document);
  gboolean first = TRUE;

  g_string_append (out, "<header>\n<h1>");
  append_html_escaped (out, gloss_export_document_title (document));
  g_string_append (out, "</h1>\n");

  if (byline != NULL || site != NULL || published != NULL)
    {
      g_string_append (out, "<p class=\"meta\">");
      if (byline != NULL)
        {
          g_string_append (out, "<span class=\"byline\">");
          append_html_escaped (out, byline);
          g_string_append (out, "</span>");
          first = FALSE;
        }
      if (site != NULL)
        {
          if (!first)
            g_string_append (out, " · ");
          g_string_append (out, "<span class=\"site\">");
          append_html_escaped (out, site);
          g_string_append (out, "</span>");
          first = FALSE;
        }
      if (published != NULL)
        {
          if (!first)
            g_string_append (out, " · ");
          g_string_append (out, "<time class=\"published\" datetime=\"");
          append_html_escaped (out, published);
          g_string_append (out, "\">");
          append_html_escaped (out, published);
          g_string_append (out, "</time>");
        }
      g_string_append (out, "</p>\n");
    }

  if (url != NULL)
    {
      g_string_append (out, "<p class=\"meta\">");
      if (is_safe_link (url, FALSE))
        append_html_link (out, url, url);
      else
        append_html_escaped (out, url);
      g_string_append (out, "</p>\n");
    }

  g_string_append (out, "<p class=\"count\">");
  if (n_notes == 0)
    {
      append_html_escaped (out, _("No notes yet."));
    }
  else
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u note", "%u notes", n_notes), n_notes);

      append_html_escaped (out, count);
    }
  g_string_append (out, "</p>\n</header>\n");
}

char *
gloss_export_html (GlossDocument *document,
                   GListModel    *annotations)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GlossExportGrouping) grouping = NULL;
  g_autofree char *page_title = NULL;
  const char *language;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (annotations), NULL);

  grouping = gloss_export_group_notes (document, annotations);
  out = g_string_new ("<!DOCTYPE html>\n");
  language = gloss_document_get_language (document);

  if (is_language_tag (language))
    g_string_append_printf (out, "<html lang=\"%s\">\n", language);
  else
    g_string_append (out, "<html>\n");

  /* TRANSLATORS: the title of an exported page of notes; %s is the title
   * of the article.
   */
  page_title = g_strdup_printf (_("%s — notes"), gloss_export_document_title (document));

  g_string_append (out,
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" "
                   "content=\"default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n"
                   "<meta name=\"referrer\" content=\"no-referrer\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta name=\"generator\" content=\"Gloss\">\n"
                   "<title>");
  append_html_escaped (out, page_title);
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, html_style);
  g_string_append (out, "</style>\n</head>\n<body>\n");

  append_html_header (out, document, gloss_export_grouping_get_n_notes (grouping));

  g_string_append (out, "<main>\n");
  for (guint i = 0; i < grouping->sections->len; i++)
    {
      GlossExportSection *section = g_ptr_array_index (grouping->sections, i);
      const char *heading = gloss_export_section_heading (grouping, section);

      if (section->notes->len == 0)
        continue;

      g_string_append (out, "<section>\n");
      if (heading != NULL)
        {
          g_string_append (out, "<h2>");
          append_html_escaped (out, heading);
          g_string_append (out, "</h2>\n");
        }

      for (guint j = 0; j < section->notes->len; j++)
        append_html_note (out, g_ptr_array_index (section->notes, j));

      g_string_append (out, "</section>\n");
    }

  if (grouping->orphans->len > 0)
    {
      g_string_append (out, "<section class=\"orphans\">\n<h2>");
      append_html_escaped (out, gloss_export_orphans_heading ());
      g_string_append (out, "</h2>\n<p class=\"explanation\">");
      append_html_escaped (out, gloss_export_orphans_explanation ());
      g_string_append (out, "</p>\n");

      for (guint i = 0; i < grouping->orphans->len; i++)
        append_html_note (out, g_ptr_array_index (grouping->orphans, i));

      g_string_append (out, "</section>\n");
    }

  g_string_append (out, "</main>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
