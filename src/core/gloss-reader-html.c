/* gloss-reader-html.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-reader-html.h"

/* The reader page is the only HTML that the article view ever loads. Every
 * string that comes from the article is escaped here, and the page carries
 * its own Content-Security-Policy. The text nodes of each block element
 * concatenate to exactly the block's text, so that the script in the page
 * can turn DOM positions into document offsets by counting characters:
 * no indentation or line breaks are written inside a block element, and
 * nested lists sit in list items of their own that carry no block.
 */

static void
append_escaped_len (GString    *out,
                    const char *text,
                    gsize       len)
{
  const char *end = text + len;
  const char *run = text;

  for (const char *p = text; p < end; p++)
    {
      const char *entity;

      switch (*p)
        {
        case '&':
          entity = "&amp;";
          break;

        case '<':
          entity = "&lt;";
          break;

        case '>':
          entity = "&gt;";
          break;

        case '"':
          entity = "&quot;";
          break;

        case '\'':
          entity = "&#39;";
          break;

        default:
          continue;
        }

      g_string_append_len (out, run, p - run);
      g_string_append (out, entity);
      run = p + 1;
    }

  g_string_append_len (out, run, end - run);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  if (text != NULL)
    append_escaped_len (out, text, strlen (text));
}

static gboolean
is_safe_href (const char *href)
{
  return href != NULL &&
         (g_ascii_strncasecmp (href, "http://", 7) == 0 ||
          g_ascii_strncasecmp (href, "https://", 8) == 0 ||
          g_ascii_strncasecmp (href, "mailto:", 7) == 0);
}

static void
open_span (GString         *out,
           const GlossSpan *span)
{
  switch (span->kind)
    {
    case GLOSS_SPAN_EMPHASIS:
      g_string_append (out, "<em>");
      break;

    case GLOSS_SPAN_STRONG:
      g_string_append (out, "<strong>");
      break;

    case GLOSS_SPAN_CODE:
      g_string_append (out, "<code>");
      break;

    case GLOSS_SPAN_LINK:
      g_string_append (out, "<a href=\"");
      append_escaped (out, span->href);
      g_string_append (out, "\" data-href=\"");
      append_escaped (out, span->href);
      g_string_append (out, "\" rel=\"noreferrer\">");
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
close_span (GString         *out,
            const GlossSpan *span)
{
  switch (span->kind)
    {
    case GLOSS_SPAN_EMPHASIS:
      g_string_append (out, "</em>");
      break;

    case GLOSS_SPAN_STRONG:
      g_string_append (out, "</strong>");
      break;

    case GLOSS_SPAN_CODE:
      g_string_append (out, "</code>");
      break;

    case GLOSS_SPAN_LINK:
      g_string_append (out, "</a>");
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
span_is_rendered (const GlossSpan *span)
{
  return span->kind != GLOSS_SPAN_LINK || is_safe_href (span->href);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint ua = *(const guint *)a;
  guint ub = *(const guint *)b;

  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/* Writes the block's text with its spans as properly nested elements: the
 * text is cut at every span boundary, and for each piece the elements of
 * the spans that cover it are open, outer spans (as sorted by the builder)
 * outside. Overlapping spans are closed and reopened as needed.
 */
static void
append_block_content (GString          *out,
                      GlossDocument    *document,
                      const GlossBlock *block)
{
  const char *text = gloss_document_get_text (document);
  const char *block_text = text + block->byte_start;
  g_autoptr(GArray) cuts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  const char *p = block_text;
  guint position = block->start;

  g_array_append_val (cuts, block->start);
  g_array_append_val (cuts, block->end);
  for (guint i = 0; i < block->spans->len; i++)
    {
      const GlossSpan *span = g_ptr_array_index (block->spans, i);
      guint start = CLAMP (span->start, block->start, block->end);
      guint end = CLAMP (span->end, block->start, block->end);

      g_array_append_val (cuts, start);
      g_array_append_val (cuts, end);
    }
  g_array_sort (cuts, compare_uint);

  for (guint c = 0; c + 1 < cuts->len; c++)
    {
      guint start = g_array_index (cuts, guint, c);
      guint end = g_array_index (cuts, guint, c + 1);
      const char *piece;
      guint keep = 0;

      if (end <= start)
        continue;

      /* Keep the longest prefix of open spans that still cover the piece. */
      while (keep < stack->len)
        {
          const GlossSpan *open = g_ptr_array_index (stack, keep);

          if (open->start > start || open->end < end)
            break;
          keep++;
        }
      while (stack->len > keep)
        {
          close_span (out, g_ptr_array_index (stack, stack->len - 1));
          g_ptr_array_set_size (stack, stack->len - 1);
        }

      for (guint i = 0; i < block->spans->len; i++)
        {
          const GlossSpan *span = g_ptr_array_index (block->spans, i);
          gboolean already = FALSE;

          if (!span_is_rendered (span) || span->start > start || span->end < end)
            continue;

          for (guint j = 0; j < stack->len; j++)
            {
              if (g_ptr_array_index (stack, j) == span)
                already = TRUE;
            }
          if (already)
            continue;

          open_span (out, span);
          g_ptr_array_add (stack, (gpointer)span);
        }

      /* Skip to the piece; positions only grow, so the walk is linear. */
      while (position < start)
        {
          p = g_utf8_next_char (p);
          position++;
        }
      piece = p;
      while (position < end)
        {
          p = g_utf8_next_char (p);
          position++;
        }
      append_escaped_len (out, piece, p - piece);
    }

  while (stack->len > 0)
    {
      close_span (out, g_ptr_array_index (stack, stack->len - 1));
      g_ptr_array_set_size (stack, stack->len - 1);
    }
}

/* Images. A local copy is shown through Gloss's own URI scheme, which the
 * article view serves from gloss_document_lookup_resource(); an image that
 * was not saved with the page is never fetched: its alternative text is
 * shown instead, through CSS generated content, so that it never becomes a
 * text node that the offsets of the blocks would have to count.
 */

#define RESOURCE_URI_PREFIX "gloss-resource:///article-files/"

typedef struct {
  GlossDocument *document;
  guint          n_images;
  guint          next_image;
} ImageCursor;

static gboolean
is_resource_name (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '.')
    return FALSE;

  for (const char *p = name; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        return FALSE;
    }

  return TRUE;
}

static void
append_image (GString          *out,
              const GlossImage *image)
{
  if (is_resource_name (image->resource))
    {
      g_string_append (out, "<img class=\"gloss-image\" src=\"" RESOURCE_URI_PREFIX);
      g_string_append (out, image->resource);
      g_string_append (out, "\" alt=\"");
      append_escaped (out, image->alt != NULL ? image->alt : "");
      g_string_append (out, "\">");
    }
  else if (image->alt != NULL)
    {
      g_string_append (out, "<span class=\"gloss-image-alt\" role=\"img\" aria-label=\"");
      append_escaped (out, image->alt);
      g_string_append (out, "\" data-alt=\"");
      append_escaped (out, image->alt);
      g_string_append (out, "\"></span>");
    }
}

/* Writes the images that stand before block @index (all the remaining ones
 * when @index is the number of blocks), each in an element of @tag.
 */
static void
append_images_before (GString     *out,
                      ImageCursor *cursor,
                      guint        index,
                      const char  *tag)
{
  while (cursor->next_image < cursor->n_images)
    {
      const GlossImage *image = gloss_document_get_image (cursor->document, cursor->next_image);

      if (image->block > index)
        break;

      if (image->resource != NULL || image->alt != NULL)
        {
          g_string_append_printf (out, "<%s class=\"gloss-figure gloss-image-only\"", tag);
          if (g_str_equal (tag, "li"))
            g_string_append (out, " style=\"list-style: none\"");
          g_string_append_c (out, '>');
          append_image (out, image);
          g_string_append_printf (out, "</%s>\n", tag);
        }
      cursor->next_image++;
    }
}

static gboolean
has_images_before (ImageCursor *cursor,
                   guint        index)
{
  return cursor->next_image < cursor->n_images &&
         gloss_document_get_image (cursor->document, cursor->next_image)->block <= index;
}

static void
append_block_attributes (GString          *out,
                         guint             index,
                         const GlossBlock *block)
{
  /* Headings are the targets of the table of contents. */
  if (block->kind == GLOSS_BLOCK_HEADING)
    g_string_append_printf (out, " id=\"gloss-b-%u\"", index);
  g_string_append_printf (out, " data-b=\"%u\" data-start=\"%u\" data-end=\"%u\"",
                          index, block->start, block->end);
}

static void
append_block_element (GString          *out,
                      GlossDocument    *document,
                      guint             index,
                      const GlossBlock *block,
                      const char       *tag,
                      const char       *klass)
{
  g_string_append_printf (out, "<%s", tag);
  if (klass != NULL)
    g_string_append_printf (out, " class=\"%s\"", klass);
  append_block_attributes (out, index, block);
  g_string_append_c (out, '>');

  /* The HTML parser drops a newline right after <pre>; text never starts
   * with one, but if it did, this one would be dropped instead.
   */
  if (g_str_equal (tag, "pre") &&
      gloss_document_get_text (document)[block->byte_start] == '\n')
    g_string_append_c (out, '\n');

  append_block_content (out, document, block);
  g_string_append_printf (out, "</%s>\n", tag);
}

/* Writes a run of consecutive list items starting at @first, nesting by
 * level, and returns the index after the run.
 */
static guint
append_list (GString       *out,
             GlossDocument *document,
             ImageCursor   *cursor,
             guint          first)
{
  guint n_blocks = gloss_document_get_n_blocks (document);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gboolean));
  guint i;

  for (i = first; i < n_blocks; i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);
      guint level;

      if (block->kind != GLOSS_BLOCK_LIST_ITEM)
        break;

      level = CLAMP (block->level, 1, open->len + 1);

      /* An image between two items stays inside the list. */
      if (i > first && open->len > 0)
        append_images_before (out, cursor, i, "li");

      while (open->len > level)
        {
          gboolean ordered = g_array_index (open, gboolean, open->len - 1);

          g_string_append (out, ordered ? "</ol>" : "</ul>");
          g_string_append (out, "</li>\n");
          g_array_set_size (open, open->len - 1);
        }

      /* A list of another kind at the same level starts a new list. */
      if (open->len == level &&
          g_array_index (open, gboolean, open->len - 1) != block->ordered)
        {
          g_string_append (out, block->ordered ? "</ul>" : "</ol>");
          g_string_append (out, block->ordered ? "<ol>\n" : "<ul>\n");
          g_array_index (open, gboolean, open->len - 1) = block->ordered;
        }

      while (open->len < level)
        {
          gboolean ordered = block->ordered;

          /* A nested list lives in an item of its own, so that no block's
           * element contains another block's text.
           */
          if (open->len > 0)
            g_string_append (out, "<li class=\"gloss-nested\" style=\"list-style: none\">");
          g_string_append (out, ordered ? "<ol>\n" : "<ul>\n");
          g_array_append_val (open, ordered);
        }

      append_block_element (out, document, i, block, "li", NULL);
    }

  while (open->len > 0)
    {
      gboolean ordered = g_array_index (open, gboolean, open->len - 1);

      g_string_append (out, ordered ? "</ol>" : "</ul>");
      g_string_append (out, open->len > 1 ? "</li>\n" : "\n");
      g_array_set_size (open, open->len - 1);
    }

  return i;
}

/* The article's own table of contents, as links to its headings. It sits
 * outside every block element, so it adds nothing to the text that the
 * page's script counts, and the script scrolls to the heading when a link
 * is followed.
 */
static void
append_toc (GString       *out,
            GlossDocument *document)
{
  guint n_entries = gloss_document_get_n_toc_entries (document);

  if (n_entries == 0)
    return;

  g_string_append (out, "<nav class=\"gloss-toc\"><h2>");
  append_escaped (out, _("Contents"));
  g_string_append (out, "</h2><ol>");
  for (guint i = 0; i < n_entries; i++)
    {
      const GlossTocEntry *entry = gloss_document_get_toc_entry (document, i);

      g_string_append_printf (out, "<li><a href=\"#gloss-b-%u\" data-block=\"%u\">",
                              entry->block, entry->block);
      append_escaped (out, entry->title);
      g_string_append (out, "</a></li>");
    }
  g_string_append (out, "</ol></nav>\n");
}

static void
append_header (GString       *out,
               GlossDocument *document)
{
  const char *title = gloss_document_get_title (document);
  const char *byline = gloss_document_get_byline (document);
  const char *published = gloss_document_get_published (document);
  const char *site = gloss_document_get_site_name (document);
  guint reading_time = gloss_document_get_reading_time (document);
  gboolean first = TRUE;

  if (title == NULL && byline == NULL && published == NULL && site == NULL &&
      gloss_document_get_n_toc_entries (document) == 0)
    return;

  g_string_append (out, "<header class=\"gloss-header\">\n");

  if (title != NULL)
    {
      g_string_append (out, "<h1 class=\"gloss-title\">");
      append_escaped (out, title);
      g_string_append (out, "</h1>\n");
    }

  if (byline != NULL || published != NULL || site != NULL || reading_time > 0)
    {
      g_string_append (out, "<p class=\"gloss-byline\">");

      if (byline != NULL)
        {
          g_autofree char *by = g_strdup_printf (_("By %s"), byline);

          g_string_append (out, "<span class=\"gloss-author\">");
          append_escaped (out, by);
          g_string_append (out, "</span>");
          first = FALSE;
        }

      if (published != NULL)
        {
          /* Only the date part is shown; the attribute keeps it all. */
          g_autofree char *date = g_strndup (published, 10);

          if (!first)
            g_string_append (out, " · ");
          g_string_append (out, "<time class=\"gloss-date\" datetime=\"");
          append_escaped (out, published);
          g_string_append (out, "\">");
          append_escaped (out, date);
          g_string_append (out, "</time>");
          first = FALSE;
        }

      if (site != NULL)
        {
          if (!first)
            g_string_append (out, " · ");
          g_string_append (out, "<span class=\"gloss-site\">");
          append_escaped (out, site);
          g_string_append (out, "</span>");
          first = FALSE;
        }

      if (reading_time > 0)
        {
          g_autofree char *minutes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u min read",
                                                                   "%u min read",
                                                                   reading_time),
                                                      reading_time);

          if (!first)
            g_string_append (out, " · ");
          g_string_append (out, "<span class=\"gloss-reading-time\">");
          append_escaped (out, minutes);
          g_string_append (out, "</span>");
        }

      g_string_append (out, "</p>\n");
    }

  append_toc (out, document);

  g_string_append (out, "</header>\n");
}

/* Language tags are short and made of letters, digits and hyphens; anything
 * else is not written at all.
 */
static gboolean
is_language_tag (const char *language)
{
  gsize len;

  if (language == NULL)
    return FALSE;

  len = strlen (language);
  if (len == 0 || len > 35)
    return FALSE;

  for (const char *p = language; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }

  return TRUE;
}

char *
gloss_reader_html_render (GlossDocument *document,
                          const char    *extra_head)
{
  GString *out;
  const char *title;
  const char *language;
  guint n_blocks;
  guint i = 0;
  ImageCursor cursor = { 0, };

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  title = gloss_document_get_title (document);
  language = gloss_document_get_language (document);
  n_blocks = gloss_document_get_n_blocks (document);

  out = g_string_sized_new (gloss_document_get_length (document) * 3 / 2 + 1024);

  g_string_append (out, "<!DOCTYPE html>\n<html");
  if (is_language_tag (language))
    g_string_append_printf (out, " lang=\"%s\"", language);
  g_string_append (out, ">\n<head>\n");
  g_string_append (out, "<meta http-equiv=\"Content-Security-Policy\" content=\"");
  append_escaped (out, GLOSS_READER_CSP);
  g_string_append (out, "\">\n");
  g_string_append (out, "<meta charset=\"utf-8\">\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  g_string_append (out, "<meta name=\"referrer\" content=\"no-referrer\">\n");
  g_string_append (out, "<title>");
  append_escaped (out, title != NULL ? title : _("Article"));
  g_string_append (out, "</title>\n");
  /* The alternative text of images that stay remote; the reader style
   * sheet may restyle it.
   */
  g_string_append (out, "<style>.gloss-image-alt::before { content: \"[\" attr(data-alt) \"]\"; "
                        "font-style: italic; opacity: 0.7; } "
                        "img.gloss-image { max-width: 100%; height: auto; }</style>\n");
  if (extra_head != NULL)
    {
      g_string_append (out, extra_head);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, "</head>\n<body class=\"gloss-reader\">\n");
  g_string_append (out, "<article class=\"gloss-article\">\n");

  append_header (out, document);

  cursor.document = document;
  cursor.n_images = gloss_document_get_n_images (document);

  while (i < n_blocks)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);

      /* A caption shares its figure with the images just before it. */
      if (block->kind == GLOSS_BLOCK_CAPTION && has_images_before (&cursor, i))
        {
          g_string_append (out, "<figure class=\"gloss-figure\">");
          while (has_images_before (&cursor, i))
            {
              append_image (out, gloss_document_get_image (document, cursor.next_image));
              cursor.next_image++;
            }
          append_block_element (out, document, i, block, "figcaption", NULL);
          g_string_append (out, "</figure>\n");
          i++;
          continue;
        }

      append_images_before (out, &cursor, i, "figure");

      switch (block->kind)
        {
        case GLOSS_BLOCK_HEADING:
          {
            char tag[3] = { 'h', (char)('0' + CLAMP (block->level, 1, 6)), '\0' };

            append_block_element (out, document, i, block, tag, NULL);
            i++;
          }
          break;

        case GLOSS_BLOCK_PARAGRAPH:
          append_block_element (out, document, i, block, "p", NULL);
          i++;
          break;

        case GLOSS_BLOCK_LIST_ITEM:
          i = append_list (out, document, &cursor, i);
          break;

        case GLOSS_BLOCK_QUOTE:
          /* Consecutive quote paragraphs belong to one quotation. */
          g_string_append (out, "<blockquote>\n");
          while (i < n_blocks && gloss_document_get_block (document, i)->kind == GLOSS_BLOCK_QUOTE)
            {
              append_block_element (out, document, i, gloss_document_get_block (document, i), "p", NULL);
              i++;
            }
          g_string_append (out, "</blockquote>\n");
          break;

        case GLOSS_BLOCK_PREFORMATTED:
          append_block_element (out, document, i, block, "pre", NULL);
          i++;
          break;

        case GLOSS_BLOCK_CAPTION:
          g_string_append (out, "<figure class=\"gloss-figure\">");
          append_block_element (out, document, i, block, "figcaption", NULL);
          g_string_append (out, "</figure>\n");
          i++;
          break;

        default:
          append_block_element (out, document, i, block, "p", NULL);
          i++;
          break;
        }
    }

  append_images_before (out, &cursor, n_blocks, "figure");

  g_string_append (out, "</article>\n</body>\n</html>\n");

  return g_string_free (out, FALSE);
}
