/* gloss-import-markdown.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <cmark.h>
#include <glib/gi18n.h>

#include "gloss-import.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_node, cmark_node_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cmark_iter, cmark_iter_free)

/* Only links a reader can follow in a browser are kept as links. */
static gboolean
is_safe_href (const char *href)
{
  return href != NULL &&
         (g_ascii_strncasecmp (href, "http://", 7) == 0 ||
          g_ascii_strncasecmp (href, "https://", 8) == 0 ||
          g_ascii_strncasecmp (href, "mailto:", 7) == 0);
}

static char *
unquote (const char *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (value));
  gsize len = strlen (copy);

  if (len >= 2 &&
      ((copy[0] == '"' && copy[len - 1] == '"') ||
       (copy[0] == '\'' && copy[len - 1] == '\'')))
    return g_strndup (copy + 1, len - 2);

  return g_steal_pointer (&copy);
}

/* Reads the "key: value" lines of a YAML front matter block ("---" lines
 * around it) at the very start of @text into @builder, and returns where
 * the Markdown body starts. Only the flat keys that describe an article
 * are read; nested YAML is skipped.
 */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (a == NULL || b == NULL)
    return FALSE;

  ca = g_utf8_casefold (a, -1);
  cb = g_utf8_casefold (b, -1);
  g_strstrip (ca);
  g_strstrip (cb);

  return g_strcmp0 (ca, cb) == 0;
}

static const char *
read_front_matter (const char           *text,
                   GlossDocumentBuilder *builder,
                   char                **title)
{
  const char *p = text;
  const char *end;
  g_auto(GStrv) lines = NULL;
  g_autofree char *block = NULL;
  gboolean in_authors = FALSE;
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);

  *title = NULL;

  if (!g_str_has_prefix (p, "---\n") && !g_str_has_prefix (p, "---\r\n"))
    return text;

  p = strchr (p, '\n') + 1;
  end = p;
  for (;;)
    {
      const char *eol = strchr (end, '\n');

      if (strncmp (end, "---", 3) == 0 || strncmp (end, "...", 3) == 0)
        {
          const char *after = end + 3;

          while (*after == ' ' || *after == '\t' || *after == '\r')
            after++;
          if (*after == '\n' || *after == '\0')
            break;
        }

      if (eol == NULL)
        return text;
      end = eol + 1;
    }

  block = g_strndup (p, end - p);
  lines = g_strsplit (block, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (in_authors && g_str_has_prefix (g_strchug (lines[i]), "- "))
        {
          g_ptr_array_add (authors, unquote (lines[i] + 2));
          continue;
        }
      in_authors = FALSE;

      if (line[0] == ' ' || line[0] == '\t' || line[0] == '#')
        continue;

      colon = strchr (line, ':');
      if (colon == NULL)
        continue;

      key = g_ascii_strdown (line, colon - line);
      g_strstrip (key);
      value = unquote (colon + 1);

      if (strcmp (key, "title") == 0 && *value != '\0')
        {
          gloss_document_builder_set_title (builder, value);
          g_free (*title);
          *title = g_strdup (value);
        }
      else if ((strcmp (key, "author") == 0 || strcmp (key, "authors") == 0 ||
                strcmp (key, "byline") == 0))
        {
          if (*value != '\0')
            gloss_document_builder_set_byline (builder, value);
          else
            in_authors = TRUE;
        }
      else if (strcmp (key, "date") == 0 || strcmp (key, "published") == 0 ||
               strcmp (key, "pubdate") == 0)
        {
          g_autofree char *date = gloss_import_parse_date (value);

          if (date != NULL)
            gloss_document_builder_set_published (builder, date);
        }
      else if (strcmp (key, "site") == 0 || strcmp (key, "site_name") == 0 ||
               strcmp (key, "publisher") == 0)
        {
          gloss_document_builder_set_site_name (builder, value);
        }
      else if (strcmp (key, "lang") == 0 || strcmp (key, "language") == 0)
        {
          gloss_document_builder_set_language (builder, value);
        }
      else if (strcmp (key, "url") == 0 || strcmp (key, "source") == 0 ||
               strcmp (key, "canonical") == 0)
        {
          if (is_safe_href (value))
            gloss_document_builder_set_url (builder, value);
        }
    }

  if (authors->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (authors, NULL);
      joined = g_strjoinv (", ", (char **)authors->pdata);
      gloss_document_builder_set_byline (builder, joined);
    }

  /* Skip the closing "---" line. */
  {
    const char *eol = strchr (end, '\n');

    return eol != NULL ? eol + 1 : end + strlen (end);
  }
}

/* Collects the text under a node, for a title taken from a heading. */
static void
append_plain_text (cmark_node *node,
                   GString    *out)
{
  for (cmark_node *child = cmark_node_first_child (node);
       child != NULL;
       child = cmark_node_next (child))
    {
      switch (cmark_node_get_type (child))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, cmark_node_get_literal (child));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;

        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_CODE_BLOCK:
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_CUSTOM_BLOCK:
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
        case CMARK_NODE_THEMATIC_BREAK:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_CUSTOM_INLINE:
        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
        default:
          append_plain_text (child, out);
          break;
        }
    }
}

typedef struct {
  GlossDocumentBuilder *builder;
  /* Nesting of lists, to give list items their depth, and of block quotes,
   * whose paragraphs become quote blocks.
   */
  guint                 list_depth;
  guint                 quote_depth;
  GArray               *ordered; /* (element-type gboolean) per list level */
  GArray               *links;   /* (element-type gboolean) span pushed */
  cmark_node           *title_heading;
} Walker;

static void
begin_text_block (Walker         *walker,
                  GlossBlockKind  kind,
                  guint           level)
{
  if (gloss_document_builder_in_block (walker->builder))
    return;

  gloss_document_builder_begin_block (walker->builder, kind, level);
}

static void
walk_enter (Walker     *walker,
            cmark_node *node)
{
  GlossDocumentBuilder *builder = walker->builder;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING,
                                          cmark_node_get_heading_level (node));
      break;

    case CMARK_NODE_PARAGRAPH:
      /* The first paragraph of a list item is the item itself. */
      if (walker->list_depth > 0 &&
          cmark_node_get_type (cmark_node_parent (node)) == CMARK_NODE_ITEM &&
          cmark_node_previous (node) == NULL)
        {
          gboolean ordered = g_array_index (walker->ordered, gboolean, walker->list_depth - 1);

          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM,
                                              MIN (walker->list_depth, 6));
          gloss_document_builder_set_ordered (builder, ordered);
        }
      else if (walker->quote_depth > 0)
        {
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_QUOTE, 0);
        }
      else
        {
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
        }
      break;

    case CMARK_NODE_LIST:
      {
        gboolean ordered = cmark_node_get_list_type (node) == CMARK_ORDERED_LIST;

        walker->list_depth++;
        g_array_append_val (walker->ordered, ordered);
      }
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      walker->quote_depth++;
      break;

    case CMARK_NODE_CODE_BLOCK:
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PREFORMATTED, 0);
      gloss_document_builder_append_text (builder, cmark_node_get_literal (node), -1);
      gloss_document_builder_end_block (builder);
      break;

    case CMARK_NODE_TEXT:
      begin_text_block (walker, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_append_text (builder, cmark_node_get_literal (node), -1);
      break;

    case CMARK_NODE_CODE:
      begin_text_block (walker, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_push_span (builder, GLOSS_SPAN_CODE, NULL);
      gloss_document_builder_append_text (builder, cmark_node_get_literal (node), -1);
      gloss_document_builder_pop_span (builder);
      break;

    case CMARK_NODE_SOFTBREAK:
      gloss_document_builder_append_text (builder, " ", 1);
      break;

    case CMARK_NODE_LINEBREAK:
      gloss_document_builder_append_break (builder);
      break;

    case CMARK_NODE_EMPH:
      gloss_document_builder_push_span (builder, GLOSS_SPAN_EMPHASIS, NULL);
      break;

    case CMARK_NODE_STRONG:
      gloss_document_builder_push_span (builder, GLOSS_SPAN_STRONG, NULL);
      break;

    case CMARK_NODE_LINK:
      {
        const char *url = cmark_node_get_url (node);
        gboolean safe = is_safe_href (url);

        /* Unsafe targets keep their text but are not links. */
        if (safe)
          gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK, url);
        g_array_append_val (walker->links, safe);
      }
      break;

    case CMARK_NODE_IMAGE:
      /* The alternative text stands in for the image, in a caption. */
      if (!gloss_document_builder_in_block (builder))
        gloss_document_builder_begin_block (builder, GLOSS_BLOCK_CAPTION, 0);
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    default:
      /* Raw HTML is never rendered, and its tags are not article text. */
      break;
    }
}

static void
walk_exit (Walker     *walker,
           cmark_node *node)
{
  GlossDocumentBuilder *builder = walker->builder;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_HEADING:
    case CMARK_NODE_PARAGRAPH:
      gloss_document_builder_end_block (builder);
      break;

    case CMARK_NODE_LIST:
      walker->list_depth--;
      g_array_set_size (walker->ordered, walker->list_depth);
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      walker->quote_depth--;
      break;

    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
      gloss_document_builder_pop_span (builder);
      break;

    case CMARK_NODE_LINK:
      if (g_array_index (walker->links, gboolean, walker->links->len - 1))
        gloss_document_builder_pop_span (builder);
      g_array_set_size (walker->links, walker->links->len - 1);
      break;

    case CMARK_NODE_NONE:
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_IMAGE:
    default:
      break;
    }
}

GlossDocument *
gloss_import_markdown (GBytes  *bytes,
                       GFile   *file,
                       GError **error)
{
  g_autoptr(GlossDocumentBuilder) builder = NULL;
  g_autoptr(cmark_node) root = NULL;
  g_autoptr(cmark_iter) iter = NULL;
  g_autofree char *text = NULL;
  const char *body;
  g_autofree char *front_title = NULL;
  gboolean has_title;
  GlossDocument *document;
  cmark_event_type event;
  Walker walker = { 0, };

  g_return_val_if_fail (bytes != NULL, NULL);

  builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_MARKDOWN);

  text = gloss_import_decode_text (bytes, file, builder, error);
  if (text == NULL)
    return NULL;

  body = read_front_matter (text, builder, &front_title);
  has_title = front_title != NULL;
  root = cmark_parse_document (body, strlen (body), CMARK_OPT_DEFAULT);

  /* Without a title in the front matter, the first level-1 heading is the
   * title: it is shown in the header, not repeated as a block. A heading
   * that repeats the front matter's title is dropped as well.
   */
  for (cmark_node *child = cmark_node_first_child (root);
       child != NULL;
       child = cmark_node_next (child))
    {
      if (cmark_node_get_type (child) == CMARK_NODE_HEADING &&
          cmark_node_get_heading_level (child) == 1)
        {
          g_autoptr(GString) heading = g_string_new (NULL);

          append_plain_text (child, heading);
          if (!has_title)
            {
              gloss_document_builder_set_title (builder, heading->str);
              walker.title_heading = child;
            }
          else if (same_text (heading->str, front_title))
            {
              walker.title_heading = child;
            }
          break;
        }
    }

  walker.builder = builder;
  walker.ordered = g_array_new (FALSE, FALSE, sizeof (gboolean));
  walker.links = g_array_new (FALSE, FALSE, sizeof (gboolean));

  iter = cmark_iter_new (root);
  while ((event = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);

      if (node == walker.title_heading)
        {
          /* Skips the heading's children: resetting to the exit event
           * makes the iterator continue after it.
           */
          if (event == CMARK_EVENT_ENTER)
            cmark_iter_reset (iter, node, CMARK_EVENT_EXIT);
          continue;
        }

      if (event == CMARK_EVENT_ENTER)
        walk_enter (&walker, node);
      else if (event == CMARK_EVENT_EXIT)
        walk_exit (&walker, node);
    }

  g_array_unref (walker.ordered);
  g_array_unref (walker.links);

  document = gloss_document_builder_finish (g_steal_pointer (&builder), file);
  if (gloss_document_get_n_blocks (document) == 0)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_object_unref (document);
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                   _("No article text was found in “%s”"), name);
      return NULL;
    }

  return document;
}
