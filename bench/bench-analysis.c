/* bench-analysis.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "gloss-core.h"

/* Measures the analysis of long articles:
 *
 *   bench-analysis [--repeat N] [--words N]
 *
 * Generates an opinion article of 25,000, 50,000 and 100,000 words (or of
 * --words words only) from varied sentences of the kinds the analysis
 * looks at (figures, quotations, attributions, hedges, loaded words,
 * questions, lists), analyses each --repeat times (3 by default) and
 * prints the fastest time and the words per second. The word lists and
 * the claim model are loaded once, before the first measurement, as they
 * are in a running application. Time should grow linearly with length.
 */

static const char * const subjects[] = {
  "The council", "The harbour board", "Minister Jane Okafor", "The regional government",
  "Our town", "The opposition", "Local traders", "The rail operator", "Critics of the plan",
  "The water company", "Many residents", "The new mayor", "The committee", "Dr. Amira Holt",
};

static const char * const verbs[] = {
  "may reconsider", "has spent", "clearly failed to fund", "will probably cut", "rejected",
  "could double", "announced", "must publish", "reportedly delayed", "wants to sell",
  "quietly approved", "might abandon", "promised to build", "refused to explain",
};

static const char * const objects[] = {
  "the reckless bypass scheme", "a new library for the old quarter", "the disastrous ferry contract",
  "its plans for the river", "the housing survey", "a shameful cover-up", "the school budget",
  "the widely criticised parking rules", "the harbour repairs", "the bus network",
};

static const char * const tails[] = {
  ", according to the county transport survey.", " last year.", " before the vote in March.",
  ", which rings hollow to many people.", ", said the mayor's office.", " without telling anyone.",
  ", a massive waste of public money.", " for the third time since 2019.", ".",
  " because of pressure from developers.",
};

static void
append_sentence (GString *out,
                 GRand   *rand,
                 guint   *words)
{
  guint kind = g_rand_int_range (rand, 0, 10);
  const char *subject = subjects[g_rand_int_range (rand, 0, G_N_ELEMENTS (subjects))];
  const char *verb = verbs[g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs))];
  const char *object = objects[g_rand_int_range (rand, 0, G_N_ELEMENTS (objects))];
  const char *tail = tails[g_rand_int_range (rand, 0, G_N_ELEMENTS (tails))];
  g_autofree char *sentence = NULL;

  switch (kind)
    {
    case 0:
      sentence = g_strdup_printf ("Spending rose by %u%% to £%u.%u million in %u, the auditor said.",
                                  g_rand_int_range (rand, 2, 60), g_rand_int_range (rand, 1, 90),
                                  g_rand_int_range (rand, 1, 9), g_rand_int_range (rand, 2000, 2025));
      break;

    case 1:
      sentence = g_strdup_printf ("“We will not accept %s,” said %s.", object, subject);
      break;

    case 2:
      sentence = g_strdup_printf ("Is %s really the best use of %u pounds?", object,
                                  g_rand_int_range (rand, 1000, 90000));
      break;

    default:
      sentence = g_strdup_printf ("%s %s %s%s", subject, verb, object, tail);
      break;
    }

  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append (out, sentence);

  for (const char *p = sentence; *p != '\0'; p++)
    {
      if (*p == ' ')
        (*words)++;
    }
  (*words)++;
}

static GlossDocument *
generate_article (guint  n_words,
                  guint *actual)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  guint words = 0;
  guint section = 0;

  gloss_document_builder_set_title (builder, "Should the Town Build the Northern Bypass?");

  while (words < n_words)
    {
      g_autoptr(GString) paragraph = g_string_new (NULL);
      guint n_sentences = g_rand_int_range (rand, 2, 7);

      /* A heading every forty paragraphs or so. */
      if (g_rand_int_range (rand, 0, 40) == 0)
        {
          g_autofree char *heading = g_strdup_printf ("Part %u of the Argument", ++section);

          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
          gloss_document_builder_append_text (builder, heading, -1);
          gloss_document_builder_end_block (builder);
        }

      for (guint i = 0; i < n_sentences; i++)
        append_sentence (paragraph, rand, &words);

      gloss_document_builder_begin_block (builder,
                                          g_rand_int_range (rand, 0, 8) == 0 ? GLOSS_BLOCK_LIST_ITEM
                                                                             : GLOSS_BLOCK_PARAGRAPH,
                                          0);
      gloss_document_builder_append_text (builder, paragraph->str, -1);
      gloss_document_builder_end_block (builder);
    }

  *actual = words;

  return gloss_document_builder_finish (builder, NULL);
}

static double
measure (GlossDocument *document,
         guint          repeat,
         guint         *n_claims,
         guint         *n_cues)
{
  double best = G_MAXDOUBLE;

  for (guint r = 0; r < repeat; r++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);

      g_timer_stop (timer);
      best = MIN (best, g_timer_elapsed (timer, NULL));
      *n_claims = g_list_model_get_n_items (gloss_analysis_get_claims (analysis));
      *n_cues = g_list_model_get_n_items (gloss_analysis_get_cues (analysis));
    }

  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int repeat = 3;
  int only_words = 0;
  const GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs per length; the fastest counts", "N" },
    { "words", 0, 0, G_OPTION_ARG_INT, &only_words, "Measure one length only", "N" },
    { NULL }
  };
  const guint lengths[] = { 25000, 50000, 100000 };
  double per_word = 0.0;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("— measure the analysis of long articles");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-analysis: %s\n", error->message);
      return 2;
    }
  repeat = MAX (repeat, 1);

  /* Load the word lists and the model, as a running application has. */
  {
    guint n_claims;
    guint n_cues;
    guint actual;
    g_autoptr(GlossDocument) warm = generate_article (500, &actual);

    measure (warm, 1, &n_claims, &n_cues);
  }

  printf ("%10s %10s %10s %12s %8s %8s\n", "words", "chars", "seconds", "words/s", "claims", "cues");

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      guint target = only_words > 0 ? (guint)only_words : lengths[i];
      guint words = 0;
      guint n_claims = 0;
      guint n_cues = 0;
      g_autoptr(GlossDocument) document = generate_article (target, &words);
      double seconds = measure (document, repeat, &n_claims, &n_cues);

      printf ("%10u %10u %10.3f %12.0f %8u %8u\n", words, gloss_document_get_length (document),
              seconds, words / seconds, n_claims, n_cues);

      /* Linear time keeps the time per word the same at every length. */
      if (i > 0 && per_word > 0.0)
        printf ("%10s time per word %.2f× that at the first length\n", "",
                (seconds / words) / per_word);
      else
        per_word = seconds / words;

      if (only_words > 0)
        break;
    }

  return 0;
}
