/* test-headings.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-core.h"

/* Heading recovery from scraped text. Articles written for these tests are
 * imported as HTML, where their headings are marked up; their blocks are
 * then written out as plain text the way scrapers and "copy all" produce
 * it (the title and byline on top, one block per line or paragraph,
 * headings as bare lines, list items after "• "), and imported again as
 * plain text. The headings that the text importer recovers must be the
 * HTML's headings.
 */

static const char *fixtures[] = {
  "headings-heat-pumps.html",
  "headings-four-day-week.html",
  "headings-phone-bans.html",
  "headings-night-buses.html",
  "headings-river-swimming.html",
};

typedef enum {
  STYLE_BLANK_LINES, /* a blank line between blocks */
  STYLE_COMPACT,     /* one line per block, nothing in between */
  STYLE_WRAPPED,     /* paragraphs hard-wrapped at 72 columns */
  STYLE_WITH_TOC,    /* blank lines, and a table of contents on top */
  N_STYLES
} Style;

static const char *style_names[] = {
  "blank lines", "compact", "hard-wrapped", "with table of contents",
};

static GlossDocument *
import_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  document = gloss_import_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
dup_block_text (GlossDocument *document,
                guint          index)
{
  const GlossBlock *block = gloss_document_get_block (document, index);

  return gloss_document_dup_slice (document, block->start, block->end);
}

static GPtrArray *
collect_headings (GlossDocument *document)
{
  GPtrArray *headings = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      if (gloss_document_get_block (document, i)->kind == GLOSS_BLOCK_HEADING)
        g_ptr_array_add (headings, dup_block_text (document, i));
    }

  return headings;
}

/* Writes @text wrapped at 72 columns, continuation lines indented by
 * @indent spaces.
 */
static void
append_wrapped (GString    *out,
                const char *text,
                guint       indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  guint column = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = g_utf8_strlen (words[i], -1);

      if (column > 0 && column + 1 + len > 72)
        {
          g_string_append_c (out, '\n');
          for (guint j = 0; j < indent; j++)
            g_string_append_c (out, ' ');
          column = indent;
        }
      else if (column > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }

      g_string_append (out, words[i]);
      column += len;
    }
}

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *day = NULL;

  if (iso == NULL || strlen (iso) < 10)
    return NULL;

  day = g_strndup (iso, 10);
  {
    g_autofree char *midnight = g_strconcat (day, "T00:00:00Z", NULL);

    date = g_date_time_new_from_iso8601 (midnight, NULL);
  }
  if (date == NULL)
    return NULL;

  /* "October 2, 2024", in English whatever the locale. */
  {
    static const char *months[] = {
      "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December",
    };

    return g_strdup_printf ("%s %d, %d",
                            months[g_date_time_get_month (date) - 1],
                            g_date_time_get_day_of_month (date),
                            g_date_time_get_year (date));
  }
}

static char *
render_plain_text (GlossDocument *document,
                   Style          style)
{
  GString *out = g_string_new (NULL);
  const char *separator = style == STYLE_COMPACT ? "\n" : "\n\n";
  g_autofree char *date = format_date (gloss_document_get_published (document));

  /* The page header as scrapers copy it. */
  g_string_append_printf (out, "%s\n", gloss_document_get_title (document));
  if (gloss_document_get_byline (document) != NULL)
    g_string_append_printf (out, "By %s\n", gloss_document_get_byline (document));
  if (date != NULL)
    g_string_append_printf (out, "%s\n", date);
  g_string_append (out, separator);

  if (style == STYLE_WITH_TOC)
    {
      g_string_append (out, "Table of Contents\n");
      for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
        {
          if (gloss_document_get_block (document, i)->kind == GLOSS_BLOCK_HEADING)
            {
              g_autofree char *text = dup_block_text (document, i);

              g_string_append_printf (out, "%s\n", text);
            }
        }
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);
      g_autofree char *text = dup_block_text (document, i);

      switch (block->kind)
        {
        case GLOSS_BLOCK_LIST_ITEM:
          if (block->ordered)
            {
              guint number = 1;

              for (guint j = i; j > 0; j--)
                {
                  const GlossBlock *previous = gloss_document_get_block (document, j - 1);

                  if (previous->kind != GLOSS_BLOCK_LIST_ITEM || !previous->ordered)
                    break;
                  number++;
                }
              g_string_append_printf (out, "%u. ", number);
            }
          else
            {
              g_string_append (out, "• ");
            }
          if (style == STYLE_WRAPPED)
            append_wrapped (out, text, 2);
          else
            g_string_append (out, text);
          break;

        case GLOSS_BLOCK_PARAGRAPH:
        case GLOSS_BLOCK_QUOTE:
        case GLOSS_BLOCK_CAPTION:
          if (style == STYLE_WRAPPED)
            append_wrapped (out, text, 0);
          else
            g_string_append (out, text);
          break;

        case GLOSS_BLOCK_HEADING:
        case GLOSS_BLOCK_PREFORMATTED:
        default:
          g_string_append (out, text);
          break;
        }

      g_string_append (out, separator);
    }

  return g_string_free (out, FALSE);
}

static guint
count_blocks_with_text (GlossDocument *document,
                        const char    *text)
{
  guint n = 0;

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      g_autofree char *block_text = dup_block_text (document, i);

      if (g_str_equal (block_text, text))
        n++;
    }

  return n;
}

static void
test_heading_recovery (void)
{
  guint expected_total = 0;
  guint recovered_total = 0;
  guint matched_total = 0;
  double precision;
  double recall;

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GlossDocument) html = import_fixture (fixtures[f]);
      g_autoptr(GPtrArray) expected = collect_headings (html);

      g_assert_cmpuint (expected->len, >=, 4);

      for (Style style = 0; style < N_STYLES; style++)
        {
          g_autofree char *plain = render_plain_text (html, style);
          g_autoptr(GBytes) bytes = g_bytes_new (plain, strlen (plain));
          g_autoptr(GError) error = NULL;
          g_autoptr(GlossDocument) text = NULL;
          g_autoptr(GPtrArray) recovered = NULL;
          g_autoptr(GHashTable) unmatched = g_hash_table_new (g_str_hash, g_str_equal);
          guint matched = 0;

          text = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_TEXT, NULL, &error);
          g_assert_no_error (error);
          recovered = collect_headings (text);

          for (guint i = 0; i < expected->len; i++)
            g_hash_table_add (unmatched, g_ptr_array_index (expected, i));
          for (guint i = 0; i < recovered->len; i++)
            {
              if (g_hash_table_remove (unmatched, g_ptr_array_index (recovered, i)))
                matched++;
            }

          expected_total += expected->len;
          recovered_total += recovered->len;
          matched_total += matched;

          if (matched != expected->len || recovered->len != expected->len)
            {
              g_test_message ("%s (%s): %u of %u headings recovered, %u found",
                              fixtures[f], style_names[style], matched, expected->len,
                              recovered->len);
              for (guint i = 0; i < recovered->len; i++)
                g_test_message ("  recovered: %s", (const char *)g_ptr_array_index (recovered, i));
            }

          /* The header lines are metadata, not body text. */
          g_assert_cmpstr (gloss_document_get_title (text), ==, gloss_document_get_title (html));
          g_assert_cmpstr (gloss_document_get_byline (text), ==, gloss_document_get_byline (html));
          if (gloss_document_get_published (html) != NULL)
            g_assert_true (g_str_has_prefix (gloss_document_get_published (html),
                                             gloss_document_get_published (text)));

          /* A table of contents never makes a section twice: each heading
           * is one block of the text.
           */
          for (guint i = 0; i < expected->len; i++)
            g_assert_cmpuint (count_blocks_with_text (text, g_ptr_array_index (expected, i)), ==, 1);
          g_assert_null (strstr (gloss_document_get_text (text), "Table of Contents"));

          /* The first block of text is the first block of the article. */
          {
            g_autofree char *first_html = dup_block_text (html, 0);
            g_autofree char *first_text = dup_block_text (text, 0);

            g_assert_cmpstr (first_text, ==, first_html);
          }
        }
    }

  precision = recovered_total > 0 ? (double)matched_total / recovered_total : 0.0;
  recall = expected_total > 0 ? (double)matched_total / expected_total : 0.0;
  g_test_message ("heading recovery over %u articles in %u styles: precision %.3f, recall %.3f "
                  "(%u of %u headings, %u found)",
                  (guint)G_N_ELEMENTS (fixtures), (guint)N_STYLES, precision, recall,
                  matched_total, expected_total, recovered_total);

  g_assert_cmpfloat (precision, >=, 0.9);
  g_assert_cmpfloat (recall, >=, 0.9);
}

/* Headings must match exactly when the scraper kept blank lines between
 * blocks, the most common shape of copied text.
 */
static void
test_heading_recovery_exact (void)
{
  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GlossDocument) html = import_fixture (fixtures[f]);
      g_autoptr(GPtrArray) expected = collect_headings (html);
      g_autofree char *plain = render_plain_text (html, STYLE_BLANK_LINES);
      g_autoptr(GBytes) bytes = g_bytes_new (plain, strlen (plain));
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) text = NULL;
      g_autoptr(GPtrArray) recovered = NULL;

      text = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_TEXT, NULL, &error);
      g_assert_no_error (error);
      recovered = collect_headings (text);

      for (guint i = 0; i < MIN (expected->len, recovered->len); i++)
        g_assert_cmpstr (g_ptr_array_index (recovered, i), ==, g_ptr_array_index (expected, i));
      g_assert_cmpuint (recovered->len, ==, expected->len);

      /* Every other block comes back with its kind and text. */
      g_assert_cmpuint (gloss_document_get_n_blocks (text), ==, gloss_document_get_n_blocks (html));
      for (guint i = 0; i < gloss_document_get_n_blocks (html); i++)
        {
          const GlossBlock *a = gloss_document_get_block (html, i);
          const GlossBlock *b = gloss_document_get_block (text, i);
          g_autofree char *text_a = dup_block_text (html, i);
          g_autofree char *text_b = dup_block_text (text, i);

          g_assert_cmpstr (text_b, ==, text_a);
          if (a->kind == GLOSS_BLOCK_HEADING || a->kind == GLOSS_BLOCK_LIST_ITEM)
            g_assert_cmpint (b->kind, ==, a->kind);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/text/heading-recovery", test_heading_recovery);
  g_test_add_func ("/core/import/text/heading-recovery-exact", test_heading_recovery_exact);

  return g_test_run ();
}
