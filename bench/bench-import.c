/* bench-import.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "gloss-core.h"

/* Measures HTML import against the bare libxml2 parse of the same bytes:
 *
 *   bench-import [--repeat N] [--size MB] [--no-analysis] [DIR]
 *
 * DIR holds web pages (*.html, or a "pages" folder of them, as in the
 * extraction development set). Every page is parsed by htmlReadMemory()
 * with the options the importer uses, then imported (decoding, parsing,
 * finding the article, building the normalized document) and analysed.
 * A page of --size MB (10 by default) is generated and measured the same
 * way. Each measurement is the fastest of --repeat runs (3 by default).
 */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

#define PARSE_OPTIONS \
  (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
   HTML_PARSE_NONET | HTML_PARSE_COMPACT)

typedef struct {
  double bytes;
  double parse;
  double parse_free;
  double import;
  double analysis;
  guint  pages;
  guint  failed;
} Totals;

static guint repeat = 3;
static gboolean skip_analysis = FALSE;

/* glibc puts small freed blocks aside and merges them at the next large
 * allocation, so the clean-up of one run would be billed to the first
 * allocation of the next. A large allocation before each run does that
 * merge outside the measurement, for the parse and the import alike.
 */
static void
settle_heap (void)
{
  g_free (g_malloc (64 * 1024));
}

static double
now (void)
{
  return (double)g_get_monotonic_time () / G_USEC_PER_SEC;
}

/* The bare parse, and the parse with freeing the tree: an import frees
 * its tree too, so both figures are printed.
 */
static double
time_parse (GBytes *bytes,
            double *with_free)
{
  double best = G_MAXDOUBLE;
  double best_with_free = G_MAXDOUBLE;

  for (guint i = 0; i < repeat; i++)
    {
      gsize len;
      const char *data = g_bytes_get_data (bytes, &len);
      xmlDoc *doc;
      double start;
      double parsed;

      settle_heap ();
      start = now ();
      doc = htmlReadMemory (data, (int)MIN (len, (gsize)G_MAXINT), NULL, NULL, PARSE_OPTIONS);
      parsed = now ();
      xmlFreeDoc (doc);

      best = MIN (best, parsed - start);
      best_with_free = MIN (best_with_free, now () - start);
    }

  *with_free = best_with_free;
  return best;
}

static double
time_import (GBytes         *bytes,
             GlossDocument **out)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < repeat; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) document = NULL;
      double start;

      settle_heap ();
      start = now ();
      document = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_HTML, NULL, &error);
      best = MIN (best, now () - start);

      if (document == NULL)
        return -1.0;
      if (out != NULL && *out == NULL)
        *out = g_object_ref (document);
    }

  return best;
}

static double
time_analysis (GlossDocument *document)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i < repeat; i++)
    {
      g_autoptr(GlossAnalysis) analysis = NULL;
      double start;

      settle_heap ();
      start = now ();
      analysis = gloss_analysis_new (document);

      best = MIN (best, now () - start);
    }

  return best;
}

static void
measure (GBytes *bytes,
         Totals *totals)
{
  g_autoptr(GlossDocument) document = NULL;
  double parse_free = 0;
  double parse = time_parse (bytes, &parse_free);
  double import = time_import (bytes, &document);

  totals->pages++;
  if (import < 0)
    {
      /* Pages without an article are refused; they still cost a parse. */
      totals->failed++;
      return;
    }

  totals->bytes += g_bytes_get_size (bytes);
  totals->parse += parse;
  totals->parse_free += parse_free;
  totals->import += import;
  if (!skip_analysis)
    totals->analysis += time_analysis (document);
}

static void
print_totals (const char *label,
              Totals     *totals)
{
  double mb = totals->bytes / (1024.0 * 1024.0);

  printf ("%s: %u pages (%u without an article), %.2f MB\n",
          label, totals->pages, totals->failed, mb);
  printf ("  libxml2 parse alone   %8.1f ms  %7.1f MB/s\n",
          totals->parse * 1000, mb / totals->parse);
  printf ("  libxml2 parse + free  %8.1f ms  %7.1f MB/s\n",
          totals->parse_free * 1000, mb / totals->parse_free);
  printf ("  import                %8.1f ms  %7.1f MB/s  (%.2f x the parse, %.2f x parse + free)\n",
          totals->import * 1000, mb / totals->import, totals->import / totals->parse,
          totals->import / totals->parse_free);
  if (!skip_analysis)
    printf ("  analysis              %8.1f ms\n"
            "  import + analysis     %8.1f ms  %7.1f MB/s\n",
            totals->analysis * 1000, (totals->import + totals->analysis) * 1000,
            mb / (totals->import + totals->analysis));
}

static void
bench_directory (const char *path)
{
  g_autofree char *pages = g_build_filename (path, "pages", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *folder = g_file_test (pages, G_FILE_TEST_IS_DIR) ? pages : path;
  const char *name;
  Totals totals = { 0, };

  dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      g_printerr ("bench-import: %s\n", error->message);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".htm"))
        g_ptr_array_add (names, g_build_filename (folder, name, NULL));
    }

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;

      if (!g_file_get_contents (g_ptr_array_index (names, i), &contents, &len, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      measure (bytes, &totals);
    }

  print_totals (folder, &totals);
}

/* A news page as sites make them: navigation, a long article with
 * headings, links, lists, figures and tables, asides with related links,
 * scripts, and a comment section, repeated until the page is large enough.
 */
static GBytes *
generate_page (gsize size)
{
  static const char *sentences[] = {
    "The council said on Tuesday that the new timetable would take effect in spring, ",
    "although several members questioned whether the budget could absorb the extra cost. ",
    "Residents who spoke at the meeting described <em>long waits</em> at the stops, ",
    "and a survey of <a href=\"/survey\">more than 2,000 passengers</a> found similar complaints. ",
    "Critics argue that the plan <strong>ignores the outer districts</strong>, where buses are rare; ",
    "supporters reply that every network has to start somewhere, and that the data is clear. ",
  };
  GString *page = g_string_sized_new (size + 65536);
  guint section = 0;

  g_string_append (page,
                   "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<title>A Very Long Report on Public Transport | The Benchmark Times</title>"
                   "<meta property=\"og:site_name\" content=\"The Benchmark Times\">"
                   "<script>var tracking = {page: 'report', user: null};</script>"
                   "<style>body { font-family: serif; } .ad { display: block; }</style>"
                   "</head><body><header class=\"site-header\"><nav><ul>");
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (page, "<li><a href=\"/section/%u\">Section %u</a></li>", i, i);
  g_string_append (page, "</ul></nav></header><main><article><h1>A Very Long Report on Public Transport</h1>"
                         "<p class=\"byline\">By Test Writer</p>");

  while (page->len < size)
    {
      section++;
      g_string_append_printf (page, "<h2>Part %u of the report</h2>", section);
      for (guint p = 0; p < 8; p++)
        {
          g_string_append (page, "<p>");
          for (guint s = 0; s < 6; s++)
            g_string_append (page, sentences[(section + p + s) % G_N_ELEMENTS (sentences)]);
          g_string_append (page, "</p>\n");
        }
      g_string_append (page, "<ul><li>Fares would rise by 3% in the first year.</li>"
                             "<li>Night services would run on weekends.</li>"
                             "<li>Two new routes would serve the hospital.</li></ul>");
      g_string_append (page, "<figure><img src=\"/img/chart.png\" alt=\"A chart\">"
                             "<figcaption>Passenger numbers by year.</figcaption></figure>");
      g_string_append (page, "<table><tr><th>Route</th><th>Riders</th></tr>"
                             "<tr><td>1</td><td>12,000</td></tr><tr><td>2</td><td>9,500</td></tr></table>");
      g_string_append (page, "<aside class=\"related\"><h3>Related</h3><ul>");
      for (guint i = 0; i < 5; i++)
        g_string_append_printf (page, "<li><a href=\"/story/%u/%u\">Another story about buses %u</a></li>",
                                section, i, i);
      g_string_append (page, "</ul></aside><div class=\"ad\"><script>showAd();</script></div>\n");
    }

  g_string_append (page, "</article><section class=\"comments\">");
  for (guint i = 0; i < 200; i++)
    g_string_append_printf (page, "<div class=\"comment\"><p>Comment %u: I take the bus every day.</p></div>", i);
  g_string_append (page, "</section></main><footer><p>All rights reserved.</p></footer></body></html>");

  return g_string_free_to_bytes (page);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = NULL;
  int size_mb = 10;
  int repeat_option = 3;
  const GOptionEntry entries[] = {
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat_option, "Runs per measurement (the fastest counts)", "N" },
    { "size", 's', 0, G_OPTION_ARG_INT, &size_mb, "Size of the generated page", "MB" },
    { "no-analysis", 0, 0, G_OPTION_ARG_NONE, &skip_analysis, "Measure import only", NULL },
    { NULL }
  };
  Totals totals = { 0, };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("[DIR] — time HTML import against libxml2's parse");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-import: %s\n", error->message);
      return 2;
    }

  repeat = (guint)CLAMP (repeat_option, 1, 100);

  for (int i = 1; i < argc; i++)
    bench_directory (argv[i]);

  if (size_mb > 0)
    {
      g_autofree char *label = NULL;

      page = generate_page ((gsize)size_mb * 1024 * 1024);
      label = g_strdup_printf ("generated page of %.1f MB",
                               g_bytes_get_size (page) / (1024.0 * 1024.0));
      measure (page, &totals);
      print_totals (label, &totals);
    }

  return 0;
}
