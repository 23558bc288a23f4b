/* test-import.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "gloss-core.h"

#define SEED_PATH "/work/shared/seeds/000_284833fbcc1a0483.txt"

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

static GlossDocument *
import_string (const char          *text,
               GlossDocumentFormat  format,
               GError             **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return gloss_import_bytes (bytes, format, NULL, error);
}

static char *
dup_block_text (GlossDocument *document,
                guint          index)
{
  const GlossBlock *block = gloss_document_get_block (document, index);

  return gloss_document_dup_slice (document, block->start, block->end);
}

/* The texts of the blocks of @kind, in order. */
static GStrv
collect_blocks (GlossDocument  *document,
                GlossBlockKind  kind)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      if (gloss_document_get_block (document, i)->kind == kind)
        {
          g_autofree char *text = dup_block_text (document, i);

          g_strv_builder_add (builder, text);
        }
    }

  return g_strv_builder_end (builder);
}

static int
find_block_starting_with (GlossDocument *document,
                          const char    *prefix)
{
  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      g_autofree char *text = dup_block_text (document, i);

      if (g_str_has_prefix (text, prefix))
        return (int)i;
    }

  return -1;
}

static void
assert_text_lacks (GlossDocument *document,
                   const char    *needle)
{
  const char *text = gloss_document_get_text (document);

  if (strstr (text, needle) != NULL)
    g_error ("“%s” should not be in the article text", needle);
}

static void
assert_strv_equal (GStrv               actual,
                   const char * const *expected)
{
  guint n = g_strv_length (actual);

  for (guint i = 0; i < n && expected[i] != NULL; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
  g_assert_cmpuint (n, ==, g_strv_length ((GStrv)expected));
}

/* Plain text. */

static void
test_text_scraped (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("scraped-article.txt");
  g_auto(GStrv) headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  g_auto(GStrv) items = collect_blocks (document, GLOSS_BLOCK_LIST_ITEM);
  g_auto(GStrv) paragraphs = collect_blocks (document, GLOSS_BLOCK_PARAGRAPH);
  const char *expected_headings[] = {
    "What the Charges Are Meant to Achieve",
    "Who Carries the Cost",
    "How the Revenue Is Spent",
    "Conclusion",
    NULL,
  };
  const GlossBlock *block;
  int index;

  g_assert_cmpint (gloss_document_get_format (document), ==, GLOSS_DOCUMENT_FORMAT_TEXT);
  g_assert_cmpstr (gloss_document_get_title (document), ==,
                   "Congestion Pricing in Big Cities: A Fair Deal for Commuters?");
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2024-03-03");
  g_assert_cmpuint (gloss_document_get_reading_time (document), ==, 5);

  assert_strv_equal (headings, expected_headings);
  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      block = gloss_document_get_block (document, i);
      if (block->kind == GLOSS_BLOCK_HEADING)
        g_assert_cmpuint (block->level, ==, 2);
    }

  /* The intro comes first, without the title repeated in front of it. */
  g_assert_true (g_str_has_prefix (paragraphs[0], "City halls from London to Stockholm"));
  g_assert_cmpint (gloss_document_get_block (document, 0)->kind, ==, GLOSS_BLOCK_PARAGRAPH);

  g_assert_cmpuint (g_strv_length (items), ==, 8);
  g_assert_cmpstr (items[0], ==,
                   "Fewer Cars at Peak Hours: Early schemes reported that traffic entering the "
                   "charging zone fell sharply in the first year. Much of the reduction came from "
                   "trips that were easy to shift, such as shopping and leisure journeys.");

  /* The label of a "Label: text" bullet is strong. */
  index = find_block_starting_with (document, "Shift Workers and Tradespeople:");
  g_assert_cmpint (index, >=, 0);
  block = gloss_document_get_block (document, index);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_LIST_ITEM);
  g_assert_cmpuint (block->level, ==, 1);
  g_assert_false (block->ordered);
  g_assert_cmpuint (block->spans->len, ==, 1);
  {
    const GlossSpan *span = g_ptr_array_index (block->spans, 0);
    g_autofree char *label = gloss_document_dup_slice (document, span->start, span->end);

    g_assert_cmpint (span->kind, ==, GLOSS_SPAN_STRONG);
    g_assert_cmpstr (label, ==, "Shift Workers and Tradespeople");
  }

  /* The conclusion is the last block; what followed it was page furniture. */
  index = find_block_starting_with (document, "Congestion pricing works as a traffic tool");
  g_assert_cmpint (index, ==, (int)gloss_document_get_n_blocks (document) - 1);

  assert_text_lacks (document, "Article with TOC");
  assert_text_lacks (document, "Table of Contents");
  assert_text_lacks (document, "min read");
  g_assert_false (g_str_has_suffix (gloss_document_get_text (document), "close"));
  assert_text_lacks (document, "A Fair Deal for Commuters?");
  assert_text_lacks (document, "\u2022");
}

static void
test_text_wrapped (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("wrapped-notes.txt");
  g_auto(GStrv) headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  g_auto(GStrv) items = collect_blocks (document, GLOSS_BLOCK_LIST_ITEM);
  g_auto(GStrv) paragraphs = collect_blocks (document, GLOSS_BLOCK_PARAGRAPH);
  const char *expected_headings[] = { "What visitors come for", NULL };
  int index;

  g_assert_cmpstr (gloss_document_get_title (document), ==, "Why Libraries Still Matter");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Ana Lindqvist");
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2023-09-12");
  assert_strv_equal (headings, expected_headings);

  /* Hard-wrapped lines are joined into one paragraph. */
  g_assert_cmpstr (paragraphs[0], ==,
                   "Public libraries are often described as relics of a time before search "
                   "engines, yet their reading rooms are fuller than many people expect. They "
                   "offer quiet, heat and free internet to people who have nowhere else to go.");

  g_assert_cmpuint (g_strv_length (items), ==, 5);
  g_assert_cmpstr (items[1], ==, "Printing forms for job applications and benefits.");
  g_assert_cmpstr (items[3], ==, "Opening hours matter more than the size of the collection.");

  index = find_block_starting_with (document, "Borrowing books");
  g_assert_true (gloss_document_get_block (document, index)->ordered);
  index = find_block_starting_with (document, "Opening hours");
  g_assert_false (gloss_document_get_block (document, index)->ordered);

  assert_text_lacks (document, "Share this article");
  assert_text_lacks (document, "Advertisement");
  assert_text_lacks (document, "Related");
  assert_text_lacks (document, "By Ana");
}

static void
test_text_features (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("scraped-features.txt");
  g_auto(GStrv) headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  g_auto(GStrv) items = collect_blocks (document, GLOSS_BLOCK_LIST_ITEM);
  g_auto(GStrv) paragraphs = collect_blocks (document, GLOSS_BLOCK_PARAGRAPH);
  const char *expected_headings[] = {
    "1. Why village shops closed",
    "2. The community model",
    "3. What still goes wrong",
    "Conclusion",
    NULL,
  };
  const GlossBlock *block;
  int index;

  /* Page furniture above the title does not hide it. */
  g_assert_cmpstr (gloss_document_get_title (document), ==, "The Slow Comeback of the Village Shop");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Morag Baillie and Tomás Ortega");
  g_assert_cmpuint (gloss_document_get_reading_time (document), ==, 4);
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2025-03-14");

  /* The subtitle is the first paragraph, not a section. */
  g_assert_cmpstr (paragraphs[0], ==, "How community-owned stores are keeping rural high streets alive");
  g_assert_cmpint (gloss_document_get_block (document, 0)->kind, ==, GLOSS_BLOCK_PARAGRAPH);

  /* The table of contents is not in the text, and its numbered entries
   * are the sections, each once.
   */
  assert_strv_equal (headings, expected_headings);
  assert_text_lacks (document, "In this article");

  /* Hard-wrapped lines are joined. */
  g_assert_true (g_str_has_prefix (paragraphs[1], "Twenty years ago, a village that lost its shop "
                                                  "rarely got one back. Today more than"));

  /* "Label: text" bullets and "a)" items. */
  g_assert_cmpuint (g_strv_length (items), ==, 6);
  index = find_block_starting_with (document, "Stock: Local producers");
  block = gloss_document_get_block (document, index);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_LIST_ITEM);
  g_assert_cmpuint (block->spans->len, ==, 1);
  g_assert_cmpint (((GlossSpan *)g_ptr_array_index (block->spans, 0))->kind, ==, GLOSS_SPAN_STRONG);
  index = find_block_starting_with (document, "They recruit younger volunteers");
  block = gloss_document_get_block (document, index);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_LIST_ITEM);
  g_assert_true (block->ordered);

  /* Page furniture and the related stories at the end are gone. */
  assert_text_lacks (document, "Skip to content");
  assert_text_lacks (document, "Advertisement");
  assert_text_lacks (document, "Share");
  assert_text_lacks (document, "Village pubs");
  assert_text_lacks (document, "min read");
  g_assert_true (g_str_has_suffix (gloss_document_get_text (document),
                                   "saving a few pounds on the weekly shop."));
}

static void
test_text_one_line_paragraphs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  /* Copied text with one paragraph per line and no blank lines: long
   * lines are never joined, short heading lines still stand out.
   */
  document = import_string ("A Plan for Quieter Streets\n"
                            "Traffic calming began as a Dutch experiment in the 1970s, when residents "
                            "put benches and planters in the road to slow cars down outside their homes.\n"
                            "Where it worked\n"
                            "Streets with narrowed junctions saw fewer collisions within a year, and the "
                            "effect held in most of the towns that tried it, according to the reports.\n"
                            "Where it did not\n"
                            "Bus operators complained that speed humps slowed their services and shook "
                            "passengers, and several councils removed them after a few years of trials.\n",
                            GLOSS_DOCUMENT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_title (document), ==, "A Plan for Quieter Streets");
  g_assert_cmpuint (gloss_document_get_n_blocks (document), ==, 5);
  g_assert_cmpint (gloss_document_get_block (document, 1)->kind, ==, GLOSS_BLOCK_HEADING);
  g_assert_cmpint (gloss_document_get_block (document, 3)->kind, ==, GLOSS_BLOCK_HEADING);
}

static void
test_text_normalization (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  /* A decomposed "é", a no-break space and a tab inside one paragraph. */
  document = import_string ("Caf\x65\xcc\x81 \xc2\xa0\tand  more\r\nwords here.\r\n",
                            GLOSS_DOCUMENT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (document), ==, "Caf\xc3\xa9 and more words here.");
}

static void
test_text_seed (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_auto(GStrv) headings = NULL;
  g_auto(GStrv) items = NULL;
  g_auto(GStrv) paragraphs = NULL;
  const char *expected_headings[] = {
    "Lack of Genuine Commitment to Negotiation",
    "International Condemnation and Rejection of the Initiative",
    "The Role of Information Warfare and Propaganda",
    "Alternative Explanations and Strategic Goals",
    "Conclusion",
    NULL,
  };
  const char *title = "Putin's Peace Talks Initiative: A Diplomatic Failure?";

  if (!g_file_test (SEED_PATH, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("the seed article is not available on this machine");
      return;
    }

  file = g_file_new_for_path (SEED_PATH);
  document = gloss_import_file (file, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (gloss_document_get_title (document), ==, title);
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2025-05-18");
  g_assert_cmpuint (gloss_document_get_reading_time (document), ==, 6);

  headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  assert_strv_equal (headings, expected_headings);

  paragraphs = collect_blocks (document, GLOSS_BLOCK_PARAGRAPH);
  g_assert_true (g_str_has_prefix (paragraphs[0], "President Putin's recent peace initiatives"));
  g_assert_cmpint (gloss_document_get_block (document, 0)->kind, ==, GLOSS_BLOCK_PARAGRAPH);

  items = collect_blocks (document, GLOSS_BLOCK_LIST_ITEM);
  g_assert_cmpuint (g_strv_length (items), ==, 16);
  g_assert_true (g_str_has_prefix (items[0], "Continued Military Escalation: Despite proposing"));

  g_assert_null (strstr (gloss_document_get_text (document), title));
  assert_text_lacks (document, "Article with TOC");
  assert_text_lacks (document, "Table of Contents");
  assert_text_lacks (document, "min read");
  g_assert_true (g_str_has_suffix (gloss_document_get_text (document),
                                   "recognizing the potential for similar manipulative tactics."));
}

static void
test_text_toc (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("toc-article.txt");
  g_auto(GStrv) headings = NULL;
  const char *expected_titles[] = {
    "1. Why the Doors Stay Shut",
    "What Readers Asked For",
    "Costs & Staffing",
    "Closing Thoughts",
  };
  const char *expected_headings[] = {
    "Why the Doors Stay Shut",
    "What Readers Asked For",
    "Costs & Staffing",
    "Closing Thoughts",
    NULL,
  };
  const char *text;

  g_assert_cmpstr (gloss_document_get_title (document), ==,
                   "Should Town Libraries Open on Sundays?");

  /* Every section is in the body once, as a heading. */
  headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  assert_strv_equal (headings, expected_headings);

  /* The entries lead to those headings, in order, as the page named
   * them (numbers kept, bullets not).
   */
  g_assert_cmpuint (gloss_document_get_n_toc_entries (document), ==, G_N_ELEMENTS (expected_titles));
  for (guint i = 0; i < G_N_ELEMENTS (expected_titles); i++)
    {
      const GlossTocEntry *entry = gloss_document_get_toc_entry (document, i);
      const GlossBlock *block = gloss_document_get_block (document, entry->block);
      g_autofree char *heading = dup_block_text (document, entry->block);

      g_assert_cmpstr (entry->title, ==, expected_titles[i]);
      g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_HEADING);
      g_assert_cmpstr (heading, ==, expected_headings[i]);
    }

  /* The table of contents itself adds no text. */
  text = gloss_document_get_text (document);
  g_assert_true (g_str_has_prefix (text, "Why the Doors Stay Shut\n"));
  assert_text_lacks (document, "Table of Contents");
  assert_text_lacks (document, "1. Why");
  assert_text_lacks (document, "•");
  g_assert_null (strstr (strstr (text, "What Readers Asked For") + 1, "What Readers Asked For"));
}

static void
test_text_toc_unresolved (void)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  const GlossTocEntry *entry;

  gloss_document_builder_add_toc_entry (builder, "  2.  THE   Middle ");
  gloss_document_builder_add_toc_entry (builder, "Nowhere in the text");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "The middle", -1);
  gloss_document_builder_end_block (builder);
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "Nowhere in the text", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (g_steal_pointer (&builder), NULL);

  /* Numbering, case and spacing do not count; an entry that names no
   * heading (a paragraph is not one) leads nowhere and is dropped.
   */
  g_assert_cmpuint (gloss_document_get_n_toc_entries (document), ==, 1);
  entry = gloss_document_get_toc_entry (document, 0);
  g_assert_cmpstr (entry->title, ==, "2. THE Middle");
  g_assert_cmpuint (entry->block, ==, 0);
  g_assert_cmpstr (gloss_document_get_text (document), ==, "The middle\n\nNowhere in the text");
}

/* HTML. */

static void
test_html_article (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("web-article.html");
  g_auto(GStrv) headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  g_auto(GStrv) items = collect_blocks (document, GLOSS_BLOCK_LIST_ITEM);
  g_auto(GStrv) quotes = collect_blocks (document, GLOSS_BLOCK_QUOTE);
  const char *expected_headings[] = {
    "Where the idea comes from",
    "What the measurements show",
    "Costs and maintenance",
    NULL,
  };
  const char *absent[] = {
    "cookies", "Politics", "SuperPhone", "Share on", "Email this story",
    "Sponsored", "newsletter", "Related stories", "Rewilding", "Comments",
    "greenwashing", "Most read", "Mayor resigns", "All rights reserved",
    "Privacy policy", "Injected by a script", "Hidden note", "Home",
    "font-family", "schema.org", "By Priya",
  };
  const GlossBlock *block;
  gboolean found_emphasis = FALSE;
  gboolean found_strong = FALSE;
  guint n_links = 0;
  int index;

  g_assert_cmpint (gloss_document_get_format (document), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpstr (gloss_document_get_title (document), ==, "Do Tiny Urban Forests Live Up to the Hype?");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Priya Raman");
  g_assert_true (g_str_has_prefix (gloss_document_get_published (document), "2024-06-14"));
  g_assert_cmpstr (gloss_document_get_site_name (document), ==, "The Civic Ledger");
  /* Only plain text gets a table of contents of its own. */
  g_assert_cmpuint (gloss_document_get_n_toc_entries (document), ==, 0);
  g_assert_cmpstr (gloss_document_get_language (document), ==, "en-GB");
  g_assert_cmpstr (gloss_document_get_url (document), ==, "https://civic-ledger.example/2024/06/tiny-forests");

  assert_strv_equal (headings, expected_headings);
  /* The <h1> that repeats the title is not body text. */
  g_assert_null (strstr (gloss_document_get_text (document), "Live Up to the Hype"));

  g_assert_cmpuint (g_strv_length (items), ==, 3);
  g_assert_cmpstr (items[2], ==, "Cooling effects were measurable only within a few metres of the plot.");
  g_assert_cmpuint (g_strv_length (quotes), ==, 1);
  g_assert_cmpstr (quotes[0], ==, "Small forests are not a substitute for protecting the large ones we still have.");

  index = find_block_starting_with (document, "Volunteers planting saplings");
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (gloss_document_get_block (document, index)->kind, ==, GLOSS_BLOCK_CAPTION);

  /* Whitespace in the source (line breaks and indentation) is collapsed. */
  index = find_block_starting_with (document, "Across Europe");
  g_assert_cmpint (index, >=, 0);
  {
    g_autofree char *text = dup_block_text (document, index);

    g_assert_cmpstr (text, ==,
                     "Across Europe, councils are planting pocket forests the size of a tennis "
                     "court on verges, school grounds and old car parks. Their champions say these "
                     "dense plantings grow ten times faster than ordinary woodland. The evidence, "
                     "so far, is more modest.");
  }

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      block = gloss_document_get_block (document, i);

      for (guint j = 0; j < block->spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (block->spans, j);
          g_autofree char *text = gloss_document_dup_slice (document, span->start, span->end);

          if (span->kind == GLOSS_SPAN_EMPHASIS && g_str_equal (text, "pocket forests"))
            found_emphasis = TRUE;
          if (span->kind == GLOSS_SPAN_STRONG && g_str_equal (text, "so far"))
            found_strong = TRUE;
          if (span->kind == GLOSS_SPAN_LINK)
            {
              n_links++;
              if (g_str_equal (text, "review of early projects"))
                g_assert_cmpstr (span->href, ==, "https://research.example/miyawaki-review");
              /* Relative links are resolved against the canonical address. */
              else if (g_str_equal (text, "our earlier reporting"))
                g_assert_cmpstr (span->href, ==, "https://civic-ledger.example/2023/09/drought-losses");
              else
                g_error ("unexpected link “%s”", text);
            }
        }
    }
  g_assert_true (found_emphasis);
  g_assert_true (found_strong);
  g_assert_cmpuint (n_links, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    assert_text_lacks (document, absent[i]);

  index = find_block_starting_with (document, "The verdict for now");
  g_assert_cmpint (index, ==, (int)gloss_document_get_n_blocks (document) - 1);
}

static void
test_html_readability (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GString) html = g_string_new (NULL);

  /* No <article> or <main>: the container is found by its paragraphs. */
  g_string_append (html,
                   "<html><head><title>Water Meters and Fair Bills - Town Crier</title></head><body>"
                   "<div id=\"top\"><ul>"
                   "<li><a href=\"/1\">Sport</a></li><li><a href=\"/2\">Weather</a></li>"
                   "<li><a href=\"/3\">Letters</a></li></ul></div>"
                   "<div class=\"wrap\"><div class=\"col\">");
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (html,
                            "<p>Paragraph %u: households with meters paid less on average, "
                            "although large families, pensioners and tenants often paid more, "
                            "which councils say they will address next year.</p>", i);
  g_string_append (html,
                   "</div><div class=\"links\"><a href=\"/x\">More from the Town Crier "
                   "about water</a> <a href=\"/y\">Even more links to other pages here</a>"
                   "</div></div></body></html>");

  document = import_string (html->str, GLOSS_DOCUMENT_FORMAT_HTML, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (gloss_document_get_title (document), ==, "Water Meters and Fair Bills");
  g_assert_cmpuint (gloss_document_get_n_blocks (document), ==, 5);
  assert_text_lacks (document, "Sport");
  assert_text_lacks (document, "More from the Town Crier");
}

static void
test_html_hostile (void)
{
  g_autoptr(GString) html = g_string_new ("<html><body><article>");
  g_autofree char *attribute = g_strnfill (1024 * 1024, 'x');
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  g_string_append (html, "<p>Text before the nesting, long enough to count as a paragraph.</p>");
  for (guint i = 0; i < 20000; i++)
    g_string_append (html, "<div><span>");
  g_string_append (html, "deep");
  g_string_append_printf (html, "<p class=\"%s\" title='", attribute);
  g_string_append (html, "</div></p><p>Unclosed <b>bold <i>and italic</p><table><tr><td>cell");
  g_string_append (html, "<p><a href=\"javascript:alert(1)\">Not a link</a> and "
                         "<a href=\"data:text/html,x\">not this either</a>.</p>"
                         "<![CDATA[ strange ]]><?php echo 1; ?><!-- comment -->&#0;&#xD800;");

  document = import_string (html->str, GLOSS_DOCUMENT_FORMAT_HTML, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_true (g_str_has_prefix (gloss_document_get_text (document), "Text before the nesting"));
  g_assert_true (g_utf8_validate (gloss_document_get_text (document), -1, NULL));

  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);

      for (guint j = 0; j < block->spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (block->spans, j);

          g_assert_cmpint (span->kind, !=, GLOSS_SPAN_LINK);
        }
    }
}

static void
test_html_windows_1252 (void)
{
  /* "café – “quoted”" in windows-1252, declared, then undeclared. */
  const char *declared =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
    "</head><body><p>A caf\xe9 \x96 \x93quoted\x94 text that is long enough to keep.</p></body></html>";
  const char *undeclared =
    "<html><body><p>A caf\xe9 \x96 \x93quoted\x94 text that is long enough to keep.</p></body></html>";
  const char *expected = "A caf\xc3\xa9 \xe2\x80\x93 \xe2\x80\x9cquoted\xe2\x80\x9d text that is long enough to keep.";
  const char *inputs[] = { declared, undeclared };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) document = import_string (inputs[i], GLOSS_DOCUMENT_FORMAT_HTML, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_document_get_text (document), ==, expected);
    }
}

static void
test_html_nfc (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  document = import_string ("<p>Zu\xcc\x88rich&nbsp;&nbsp;is <em> big </em>\n\t now.</p>",
                            GLOSS_DOCUMENT_FORMAT_HTML, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (document), ==, "Z\xc3\xbcrich is big now.");
  {
    const GlossBlock *block = gloss_document_get_block (document, 0);
    const GlossSpan *span = g_ptr_array_index (block->spans, 0);

    g_assert_cmpuint (span->start, ==, 10);
    g_assert_cmpuint (span->end, ==, 13);
  }
}

static GlossDocument *
import_bytes (const char          *data,
              gsize                len,
              GlossDocumentFormat  format,
              GFile               *file)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  document = gloss_import_bytes (bytes, format, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static gboolean
has_notice_containing (GlossDocument *document,
                       const char    *needle)
{
  const char * const *notices = gloss_document_get_notices (document);

  for (guint i = 0; notices[i] != NULL; i++)
    {
      if (strstr (notices[i], needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
test_html_encodings (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/page.html");
  /* "Привет, мир" in KOI8-R, declared through http-equiv. */
  const char koi8[] =
    "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\"></head>"
    "<body><p>\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2</p></body></html>";
  /* A UTF-8 byte order mark beats a wrong declaration. */
  const char bom[] =
    "\xef\xbb\xbf<html><head><meta charset=\"windows-1252\"></head>"
    "<body><p>Caf\xc3\xa9 cr\xc3\xa8me</p></body></html>";
  /* The same page in UTF-16LE with its byte order mark. */
  const char utf16[] = "\xff\xfe<\0p\0>\0\xe9\0t\0\xe9\0<\0/\0p\0>\0";
  /* Windows-1252 leaves 0x81 undefined; the page still opens. */
  const char undefined[] =
    "<html><head><meta charset=\"windows-1252\"></head>"
    "<body><p>Price \x80" "5 \x81 only \x93today\x94</p></body></html>";
  /* Declared UTF-8 with a stray Latin-1 byte. */
  const char broken[] =
    "<html><head><meta charset=\"utf-8\"></head><body><p>Na\xefve text \xe2\x80\x94 here</p></body></html>";
  /* Shift_JIS "日本語" followed by a byte that cannot start a character. */
  const char sjis[] =
    "<html><head><meta charset=\"Shift_JIS\"></head><body><p>\x93\xfa\x96\x7b\x8c\xea \xff end</p></body></html>";
  /* A declaration this system cannot know. */
  const char unknown[] =
    "<html><head><meta charset=\"x-gloss-unknown\"></head><body><p>Plain words</p></body></html>";
  /* A legacy declaration on a page that was re-saved as UTF-8. */
  const char resaved[] =
    "<html><head><meta charset=\"iso-8859-1\"></head><body><p>Z\xc3\xbcrich \xe2\x80\x93 ok</p></body></html>";
  g_autoptr(GlossDocument) doc_koi8 = NULL;
  g_autoptr(GlossDocument) doc_bom = NULL;
  g_autoptr(GlossDocument) doc_utf16 = NULL;
  g_autoptr(GlossDocument) doc_undefined = NULL;
  g_autoptr(GlossDocument) doc_broken = NULL;
  g_autoptr(GlossDocument) doc_sjis = NULL;
  g_autoptr(GlossDocument) doc_unknown = NULL;
  g_autoptr(GlossDocument) doc_resaved = NULL;

  doc_koi8 = import_bytes (koi8, sizeof koi8 - 1, GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  g_assert_cmpstr (gloss_document_get_text (doc_koi8), ==, "Привет, мир");
  g_assert_null (gloss_document_get_notices (doc_koi8)[0]);

  doc_bom = import_bytes (bom, sizeof bom - 1, GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  g_assert_cmpstr (gloss_document_get_text (doc_bom), ==, "Café crème");

  doc_utf16 = import_bytes (utf16, sizeof utf16 - 1, GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  g_assert_cmpstr (gloss_document_get_text (doc_utf16), ==, "été");

  doc_undefined = import_bytes (undefined, sizeof undefined - 1, GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  g_assert_cmpstr (gloss_document_get_text (doc_undefined), ==, "Price €5 only “today”");

  doc_broken = import_bytes (broken, sizeof broken - 1, GLOSS_DOCUMENT_FORMAT_HTML, file);
  g_assert_cmpstr (gloss_document_get_text (doc_broken), ==, "Na\xef\xbf\xbdve text — here");
  g_assert_true (has_notice_containing (doc_broken, "page.html"));
  g_assert_true (has_notice_containing (doc_broken, "UTF-8"));

  doc_sjis = import_bytes (sjis, sizeof sjis - 1, GLOSS_DOCUMENT_FORMAT_HTML, file);
  g_assert_cmpstr (gloss_document_get_text (doc_sjis), ==, "日本語 \xef\xbf\xbd end");
  g_assert_true (has_notice_containing (doc_sjis, "page.html"));

  doc_unknown = import_bytes (unknown, sizeof unknown - 1, GLOSS_DOCUMENT_FORMAT_HTML, file);
  g_assert_cmpstr (gloss_document_get_text (doc_unknown), ==, "Plain words");
  g_assert_true (has_notice_containing (doc_unknown, "x-gloss-unknown"));

  doc_resaved = import_bytes (resaved, sizeof resaved - 1, GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  g_assert_cmpstr (gloss_document_get_text (doc_resaved), ==, "Zürich – ok");
  g_assert_null (gloss_document_get_notices (doc_resaved)[0]);
}

static void
test_html_metadata_json_ld (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("metadata-jsonld.html");

  /* The article's own JSON-LD object wins over the WebPage one, and the
   * authors and publisher are found through their "@id" references.
   */
  g_assert_cmpstr (gloss_document_get_title (document), ==,
                   "Why Small Towns Are Reopening Their Railway Stations");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Elif Kaya, Tom Ashworth");
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2023-05-09T07:30:00+01:00");
  g_assert_cmpstr (gloss_document_get_site_name (document), ==, "Northern Wire");
  g_assert_cmpstr (gloss_document_get_language (document), ==, "en-GB");
  /* A relative canonical link resolves against the page's address. */
  g_assert_cmpstr (gloss_document_get_url (document), ==,
                   "https://northern-wire.example/transport/2023/05/stations-reopening");
  assert_text_lacks (document, "Reopening Their Railway");
  g_assert_true (g_str_has_prefix (gloss_document_get_text (document), "By Elif Kaya") ||
                 g_str_has_prefix (gloss_document_get_text (document), "Stations that closed"));
}

static void
test_html_metadata_plain (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("metadata-plain.html");

  /* No metadata at all: <title>, <h1>, <time> and the visible byline. */
  g_assert_cmpstr (gloss_document_get_title (document), ==, "The Quiet Return of the Neighbourhood Bakery");
  g_assert_cmpstr (gloss_document_get_site_name (document), ==, "Crumb & Crust");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Marguerite Olsen");
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2022-02-17T09:15:00Z");
  g_assert_null (gloss_document_get_language (document));
  g_assert_null (gloss_document_get_url (document));
  g_assert_true (g_str_has_prefix (gloss_document_get_text (document), "On streets where"));
}

static void
test_html_metadata_sources (void)
{
  const struct {
    const char *html;
    const char *title;
    const char *published;
    const char *language;
    const char *url;
  } cases[] = {
    /* OpenGraph, with the site name repeated in og:title. */
    { "<html lang=\"EN-us\"><head><meta property=\"og:title\" content=\"Rivers Need Room - Delta Daily\">"
      "<meta property=\"og:site_name\" content=\"Delta Daily\">"
      "<meta property=\"article:published_time\" content=\"2021-03-04\">"
      "<meta property=\"og:url\" content=\"https://delta.example/rivers\"></head>"
      "<body><p>Floodplains store water that would otherwise reach towns.</p></body></html>",
      "Rivers Need Room", "2021-03-04", "en-US", "https://delta.example/rivers" },
    /* Only <title> and a date in the address of the page. */
    { "<html><head><title>Site Name | A Long Article Title Here</title>"
      "<meta property=\"og:site_name\" content=\"Site Name\">"
      "<link rel=\"canonical\" href=\"https://site.example/2020/01/31/long-title/\"></head>"
      "<body><p>Words of the article, enough of them to count.</p></body></html>",
      "A Long Article Title Here", "2020-01-31", NULL, "https://site.example/2020/01/31/long-title/" },
    /* A saved page says where it came from; <time pubdate> and a
     * Content-Language header.
     */
    { "<!-- saved from url=(0031)https://saved.example/story -->\n"
      "<html><head><meta http-equiv=\"content-language\" content=\"fr-fr, en\"><title>Histoire</title></head>"
      "<body><p><time pubdate datetime=\"2019-07-14T10:00:00+02:00\">14 juillet</time></p>"
      "<p>Le texte de l'article.</p></body></html>",
      "Histoire", "2019-07-14T10:00:00+02:00", "fr-FR", "https://saved.example/story" },
    /* A <time> without an attribute, and JSON-LD wrapped in a comment. */
    { "<html><head><script type=\"application/ld+json\"><!--\n{\"@type\": \"NewsArticle\", "
      "\"headline\": \"Wrapped Data\", \"inLanguage\": \"de\"}\n--></script></head>"
      "<body><article><time>March 9, 2018</time><p>Body text of the article.</p></article></body></html>",
      "Wrapped Data", "2018-03-09", "de", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossDocument) document = NULL;

      document = import_bytes (cases[i].html, strlen (cases[i].html), GLOSS_DOCUMENT_FORMAT_HTML, NULL);
      g_assert_cmpstr (gloss_document_get_title (document), ==, cases[i].title);
      g_assert_cmpstr (gloss_document_get_published (document), ==, cases[i].published);
      g_assert_cmpstr (gloss_document_get_language (document), ==, cases[i].language);
      g_assert_cmpstr (gloss_document_get_url (document), ==, cases[i].url);
    }
}

/* Saved pages. */

static GBytes *
load_fixture_bytes (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static const GlossImage *
find_image (GlossDocument *document,
            const char    *alt)
{
  for (guint i = 0; i < gloss_document_get_n_images (document); i++)
    {
      const GlossImage *image = gloss_document_get_image (document, i);

      if (g_strcmp0 (image->alt, alt) == 0)
        return image;
    }

  return NULL;
}

static void
assert_resource_is (GlossDocument *document,
                    const char    *name,
                    const char    *fixture)
{
  g_autoptr(GBytes) expected = load_fixture_bytes (fixture);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;

  bytes = gloss_document_lookup_resource (document, name, &content_type);
  g_assert_nonnull (bytes);
  g_assert_true (g_bytes_equal (bytes, expected));
  g_assert_cmpstr (content_type, ==, "image/png");
}

static void
test_saved_page_files (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("saved-page.html");
  const GlossImage *harbour;
  const GlossImage *chart;
  const GlossImage *map;
  const GlossImage *outside;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) none = NULL;
  int caption;

  g_assert_cmpstr (gloss_document_get_title (document), ==, "Ferry Fares Rise Again");
  /* The address the browser saved the page from. */
  g_assert_cmpstr (gloss_document_get_url (document), ==,
                   "https://harbour-news.example/2024/09/ferry-fares");

  /* Images in the "_files" folder are resources of the document. */
  harbour = find_image (document, "The ferry leaving the harbour at dawn");
  g_assert_nonnull (harbour);
  g_assert_nonnull (harbour->resource);
  assert_resource_is (document, harbour->resource, "saved-page_files/harbour.png");
  caption = find_block_starting_with (document, "The morning ferry leaves the harbour.");
  g_assert_cmpint (caption, >=, 0);
  g_assert_cmpuint (harbour->block, ==, (guint)caption);

  chart = find_image (document, "Chart of fares since 2015");
  g_assert_nonnull (chart);
  assert_resource_is (document, chart->resource, "saved-page_files/chart.png");

  /* A remote image keeps only its description; an image outside the
   * folder is never read; a script in the folder is no image; the page's
   * logo is not part of the article.
   */
  map = find_image (document, "Map of the ferry routes");
  g_assert_nonnull (map);
  g_assert_null (map->resource);
  outside = find_image (document, "Picture from elsewhere");
  g_assert_nonnull (outside);
  g_assert_null (outside->resource);
  g_assert_null (find_image (document, "Harbour News logo"));
  g_assert_cmpuint (gloss_document_get_n_images (document), ==, 4);

  none = gloss_document_lookup_resource (document, "../outside-folder.png", &content_type);
  g_assert_null (none);
  g_assert_null (content_type);
  g_assert_null (gloss_document_lookup_resource (document, "tracker.js", NULL));
}

static void
test_saved_page_data_uri (void)
{
  /* Single-file savers keep images inside the page as data: addresses. */
  const char *html =
    "<html><body><article><p>The first paragraph of a page saved as one file, long enough.</p>"
    "<img src=\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YaMBQQxYWACj"
    "8gqNnuHqhwAAAABJRU5ErkJggg==\" alt=\"Inline chart\">"
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+\" alt=\"Inline drawing\">"
    "<p>The second paragraph of the same page, which also has to be long enough.</p></article></body></html>";
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GBytes) chart_bytes = NULL;
  g_autoptr(GBytes) expected = load_fixture_bytes ("saved-page_files/chart.png");
  const GlossImage *chart;
  const GlossImage *drawing;

  document = import_bytes (html, strlen (html), GLOSS_DOCUMENT_FORMAT_HTML, NULL);
  chart = find_image (document, "Inline chart");
  g_assert_nonnull (chart);
  g_assert_nonnull (chart->resource);
  g_assert_cmpuint (chart->block, ==, 1);
  chart_bytes = gloss_document_lookup_resource (document, chart->resource, NULL);
  g_assert_true (g_bytes_equal (chart_bytes, expected));

  /* An SVG document may carry scripts: only its description is shown. */
  drawing = find_image (document, "Inline drawing");
  g_assert_nonnull (drawing);
  g_assert_null (drawing->resource);
}

static void
test_saved_page_mhtml (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("saved-page.mhtml");
  g_autoptr(GBytes) bytes = load_fixture_bytes ("saved-page.mhtml");
  g_autoptr(GlossDocument) sniffed = NULL;
  g_autoptr(GError) error = NULL;
  const GlossImage *sleeper;
  const GlossImage *chart;
  g_autoptr(GBytes) chart_bytes = NULL;
  g_autofree char *content_type = NULL;

  g_assert_cmpint (gloss_document_get_format (document), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpstr (gloss_document_get_title (document), ==, "Night Trains Return to the Valley");
  g_assert_cmpstr (gloss_document_get_site_name (document), ==, "Valley Voice");
  g_assert_cmpstr (gloss_document_get_url (document), ==, "https://valley-voice.example/news/night-trains");

  /* Quoted-printable is decoded: soft line breaks join words again and
   * the part's charset beats the page's own declaration.
   */
  g_assert_true (g_str_has_prefix (gloss_document_get_text (document),
                                   "After twelve years without a sleeper service, the valley line will run a "
                                   "night train to the capital again"));
  g_assert_nonnull (strstr (gloss_document_get_text (document),
                            "Café owners at the terminus welcome the news: “every train brings breakfast customers”"));
  assert_text_lacks (document, "=3D");
  assert_text_lacks (document, "Home");
  assert_text_lacks (document, "color: red");

  /* Images come from the base64 parts, by address or by Content-ID. */
  sleeper = find_image (document, "A sleeper carriage in the depot");
  g_assert_nonnull (sleeper);
  g_assert_nonnull (sleeper->resource);
  assert_resource_is (document, sleeper->resource, "saved-page-sleeper.png");
  chart = find_image (document, "Passenger numbers");
  g_assert_nonnull (chart);
  chart_bytes = gloss_document_lookup_resource (document, chart->resource, &content_type);
  g_assert_nonnull (chart_bytes);
  g_assert_cmpstr (content_type, ==, "image/png");

  /* Without a file name, the content says what it is. */
  g_assert_cmpint (gloss_import_guess_format (NULL, bytes), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (gloss_import_guess_format ("page.mht", NULL), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  sniffed = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_HTML, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (sniffed), ==, gloss_document_get_text (document));
}

static void
test_saved_page_mhtml_broken (void)
{
  const char *inputs[] = {
    /* No closing delimiter, a truncated base64 part, a stray "=". */
    "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=xyz\r\n\r\n"
    "--xyz\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    "<p>Broken =ZZ message with a soft=\r\nbreak and an end that never comes.</p>\r\n"
    "--xyz\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo",
    /* A single-part message. */
    "MIME-Version: 1.0\nContent-Type: text/html; charset=iso-8859-1\n\n<p>Caf\xe9 in one part.</p>\n",
  };
  const char *expected[] = {
    "Broken =ZZ message with a softbreak and an end that never comes.",
    "Café in one part.",
  };
  const char *no_page =
    "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n";

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) document = gloss_import_mhtml (bytes, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gloss_document_get_text (document), ==, expected[i]);
    }

  /* Images as raw binary parts, NUL bytes and all. */
  {
    static const char binary[] =
      "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"q\"\r\n\r\n"
      "--q\r\nContent-Type: text/html\r\n\r\n<p>Page with a binary part.</p>\r\n"
      "--q\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: binary\r\n\r\n"
      "GIF89a\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\r\n--q--\r\n";
    g_autoptr(GBytes) bytes = g_bytes_new (binary, sizeof binary - 1);
    g_autoptr(GError) error = NULL;
    g_autoptr(GlossDocument) document = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_HTML, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gloss_document_get_text (document), ==, "Page with a binary part.");
  }

  {
    g_autoptr(GBytes) bytes = g_bytes_new (no_page, strlen (no_page));
    g_autoptr(GError) error = NULL;
    g_autoptr(GlossDocument) document = gloss_import_mhtml (bytes, NULL, &error);

    g_assert_null (document);
    g_assert_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT);
  }
}

/* Markdown. */

static void
test_markdown_front_matter (void)
{
  g_autoptr(GlossDocument) document = import_fixture ("article.md");
  g_auto(GStrv) headings = collect_blocks (document, GLOSS_BLOCK_HEADING);
  g_auto(GStrv) quotes = collect_blocks (document, GLOSS_BLOCK_QUOTE);
  g_auto(GStrv) code = collect_blocks (document, GLOSS_BLOCK_PREFORMATTED);
  const char *expected_headings[] = { "The case for sleepers", "The obstacles", NULL };
  const GlossBlock *block;
  int index;

  g_assert_cmpint (gloss_document_get_format (document), ==, GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpstr (gloss_document_get_title (document), ==, "Night Trains Are Back: Can They Replace Short Flights?");
  g_assert_cmpstr (gloss_document_get_byline (document), ==, "Marta Keller");
  g_assert_cmpstr (gloss_document_get_published (document), ==, "2024-11-05");
  g_assert_cmpstr (gloss_document_get_site_name (document), ==, "Rail Review");
  g_assert_cmpstr (gloss_document_get_language (document), ==, "en");

  assert_strv_equal (headings, expected_headings);
  g_assert_cmpuint (g_strv_length (quotes), ==, 1);
  g_assert_cmpstr (code[0], ==, "route_id,route_name\nNJ40,Vienna - Paris");

  index = find_block_starting_with (document, "Luggage stays");
  block = gloss_document_get_block (document, index);
  g_assert_cmpint (block->kind, ==, GLOSS_BLOCK_LIST_ITEM);
  g_assert_cmpuint (block->level, ==, 2);
  index = find_block_starting_with (document, "Track access");
  g_assert_true (gloss_document_get_block (document, index)->ordered);

  index = find_block_starting_with (document, "A night train");
  block = gloss_document_get_block (document, index);
  g_assert_cmpuint (block->spans->len, ==, 1);
  g_assert_cmpstr (((GlossSpan *)g_ptr_array_index (block->spans, 0))->href, ==, "https://example.org/sleepers");

  /* The unsafe link keeps its text but is no link; raw HTML is dropped. */
  index = find_block_starting_with (document, "A link that must not survive");
  g_assert_cmpuint (gloss_document_get_block (document, index)->spans->len, ==, 0);
  assert_text_lacks (document, "alert");
  assert_text_lacks (document, "---");
  assert_text_lacks (document, "Can They Replace");
}

static void
test_markdown_h1_title (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  document = import_string ("# A *Simple* Title\n\nFirst paragraph.\n\n# Second level one\n\nMore.\n",
                            GLOSS_DOCUMENT_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_title (document), ==, "A Simple Title");
  g_assert_cmpstr (gloss_document_get_text (document), ==, "First paragraph.\n\nSecond level one\n\nMore.");
}

/* Bad inputs and plumbing. */

static char *
write_temp_file (const char *dir,
                 const char *name,
                 const char *data,
                 gsize       len)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);

  return path;
}

static void
assert_import_fails (const char       *path,
                     GlossImportError  code)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *basename = g_path_get_basename (path);

  document = gloss_import_file (file, NULL, &error);
  g_assert_null (document);
  g_assert_error (error, GLOSS_IMPORT_ERROR, (int)code);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, basename));
}

static void
test_bad_inputs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-XXXXXX", &error);
  g_autofree char *binary = NULL;
  g_autofree char *png = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *blank = NULL;
  g_autofree char *invalid = NULL;
  g_autofree char *html_binary = NULL;
  guint8 noise[2048];
  const char png_header[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  const char *invalid_text = "Invalid \xff bytes in a na\xefve sentence.\n";

  g_assert_no_error (error);

  /* Random-looking bytes with NULs, as in any compiled program. */
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8)((i * 7919u + 13u) % 251u);
  binary = write_temp_file (dir, "program.txt", (const char *)noise, sizeof noise);
  assert_import_fails (binary, GLOSS_IMPORT_ERROR_BINARY);

  png = write_temp_file (dir, "photo.png", png_header, sizeof png_header - 1);
  assert_import_fails (png, GLOSS_IMPORT_ERROR_BINARY);

  html_binary = write_temp_file (dir, "page.html", (const char *)noise, sizeof noise);
  assert_import_fails (html_binary, GLOSS_IMPORT_ERROR_BINARY);

  empty = write_temp_file (dir, "empty.txt", "", 0);
  assert_import_fails (empty, GLOSS_IMPORT_ERROR_EMPTY);

  blank = write_temp_file (dir, "blank.md", " \n\t\n\xc2\xa0\n", 7);
  assert_import_fails (blank, GLOSS_IMPORT_ERROR_EMPTY);

  /* Invalid UTF-8 in a text file is repaired, with a notice. */
  invalid = write_temp_file (dir, "latin.txt", invalid_text, strlen (invalid_text));
  {
    g_autoptr(GFile) file = g_file_new_for_path (invalid);
    g_autoptr(GlossDocument) document = gloss_import_file (file, NULL, &error);
    const char * const *notices;

    g_assert_no_error (error);
    g_assert_cmpstr (gloss_document_get_text (document), ==,
                     "Invalid \xef\xbf\xbd bytes in a na\xef\xbf\xbdve sentence.");
    notices = gloss_document_get_notices (document);
    g_assert_nonnull (notices[0]);
    g_assert_nonnull (strstr (notices[0], "latin.txt"));
  }

  g_remove (binary);
  g_remove (png);
  g_remove (html_binary);
  g_remove (empty);
  g_remove (blank);
  g_remove (invalid);
  g_rmdir (dir);
}

static void
test_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) utf8 = NULL;
  g_autoptr(GlossDocument) utf16 = NULL;
  g_autoptr(GBytes) bytes = NULL;
  /* "Hi é." in UTF-16LE with a byte order mark. */
  const char utf16le[] = "\xff\xfeH\0i\0 \0\xe9\0.\0";

  utf8 = import_string ("\xef\xbb\xbfHello there.", GLOSS_DOCUMENT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (utf8), ==, "Hello there.");

  bytes = g_bytes_new (utf16le, sizeof utf16le - 1);
  utf16 = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_TEXT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (utf16), ==, "Hi \xc3\xa9.");
}

static void
test_guess_format (void)
{
  g_autoptr(GBytes) html = g_bytes_new_static ("  <!DOCTYPE html><html><body>x", 30);
  g_autoptr(GBytes) markdown = g_bytes_new_static ("Intro\n\n## Heading\n\nText", 24);
  g_autoptr(GBytes) text = g_bytes_new_static ("Just some words.\n", 17);

  g_assert_cmpint (gloss_import_guess_format ("a.html", NULL), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (gloss_import_guess_format ("a.HTM", NULL), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (gloss_import_guess_format ("a.md", NULL), ==, GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (gloss_import_guess_format ("a.markdown", NULL), ==, GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (gloss_import_guess_format ("a.txt", html), ==, GLOSS_DOCUMENT_FORMAT_TEXT);
  g_assert_cmpint (gloss_import_guess_format ("download", html), ==, GLOSS_DOCUMENT_FORMAT_HTML);
  g_assert_cmpint (gloss_import_guess_format (NULL, markdown), ==, GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_assert_cmpint (gloss_import_guess_format ("notes", text), ==, GLOSS_DOCUMENT_FORMAT_TEXT);
}

static void
test_parse_date (void)
{
  const struct {
    const char *input;
    const char *expected;
  } cases[] = {
    { "Post on May 18, 2025", "2025-05-18" },
    { "18 May 2025", "2025-05-18" },
    { "Sept. 3, 2024", "2024-09-03" },
    { "2024-06-14", "2024-06-14" },
    { "2024-06-14T08:30:00+01:00", "2024-06-14T08:30:00+01:00" },
    { "February 30, 2024", NULL },
    { "no date here", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *date = gloss_import_parse_date (cases[i].input);

      g_assert_cmpstr (date, ==, cases[i].expected);
    }
}

static void
import_async_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlossDocument **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gloss_import_file_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "web-article.html", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;

  gloss_import_file_async (file, NULL, import_async_cb, &document);
  while (document == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gloss_document_get_title (document), ==, "Do Tiny Urban Forests Live Up to the Hype?");
  g_assert_true (gloss_document_get_file (document) == file);
}

static void
test_large_text (void)
{
  g_autoptr(GString) text = g_string_new ("A Very Long Report\n\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  gint64 before;

  while (text->len < 20 * 1024 * 1024)
    {
      g_string_append (text, "Section heading\n\n");
      for (guint i = 0; i < 10; i++)
        g_string_append (text, "This paragraph of the report explains, at some length and "
                               "with numbers, what was measured and why it matters to readers.\n\n");
      g_string_append (text, "  \xe2\x80\xa2 Point: a bullet with a label.\n\n");
    }

  before = g_get_monotonic_time ();
  document = import_string (text->str, GLOSS_DOCUMENT_FORMAT_TEXT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_document_get_n_blocks (document), >, 100000);
  /* Linear work on 20 MB takes a few seconds at most. */
  g_assert_cmpint (g_get_monotonic_time () - before, <, 60 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/text/scraped", test_text_scraped);
  g_test_add_func ("/core/import/text/wrapped", test_text_wrapped);
  g_test_add_func ("/core/import/text/normalization", test_text_normalization);
  g_test_add_func ("/core/import/text/features", test_text_features);
  g_test_add_func ("/core/import/text/one-line-paragraphs", test_text_one_line_paragraphs);
  g_test_add_func ("/core/import/text/seed", test_text_seed);
  g_test_add_func ("/core/import/text/large", test_large_text);
  g_test_add_func ("/core/import/text/toc", test_text_toc);
  g_test_add_func ("/core/import/text/toc-unresolved", test_text_toc_unresolved);
  g_test_add_func ("/core/import/html/article", test_html_article);
  g_test_add_func ("/core/import/html/readability", test_html_readability);
  g_test_add_func ("/core/import/html/hostile", test_html_hostile);
  g_test_add_func ("/core/import/html/windows-1252", test_html_windows_1252);
  g_test_add_func ("/core/import/html/nfc", test_html_nfc);
  g_test_add_func ("/core/import/html/encodings", test_html_encodings);
  g_test_add_func ("/core/import/html/metadata-json-ld", test_html_metadata_json_ld);
  g_test_add_func ("/core/import/html/metadata-plain", test_html_metadata_plain);
  g_test_add_func ("/core/import/html/metadata-sources", test_html_metadata_sources);
  g_test_add_func ("/core/import/saved-page/files", test_saved_page_files);
  g_test_add_func ("/core/import/saved-page/mhtml", test_saved_page_mhtml);
  g_test_add_func ("/core/import/saved-page/data-uri", test_saved_page_data_uri);
  g_test_add_func ("/core/import/saved-page/mhtml-broken", test_saved_page_mhtml_broken);
  g_test_add_func ("/core/import/markdown/front-matter", test_markdown_front_matter);
  g_test_add_func ("/core/import/markdown/h1-title", test_markdown_h1_title);
  g_test_add_func ("/core/import/bad-inputs", test_bad_inputs);
  g_test_add_func ("/core/import/bom", test_bom);
  g_test_add_func ("/core/import/guess-format", test_guess_format);
  g_test_add_func ("/core/import/parse-date", test_parse_date);
  g_test_add_func ("/core/import/async", test_async);

  return g_test_run ();
}
