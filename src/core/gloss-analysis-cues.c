/* gloss-analysis-cues.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Bias and persuasion cues: phrases from the word lists, and signals
 * that only whole sentences show (questions, repetition, "either ... or").
 */

static const char *
technique_for_tag (const char *tag)
{
  static const struct {
    const char *tag;
    const char *technique;
  } map[] = {
    { "loaded-language", "Loaded_Language" },
    { "name-calling", "Name_Calling,Labeling" },
    { "exaggeration", "Exaggeration,Minimisation" },
    { "doubt", "Doubt" },
    { "appeal-to-fear", "Appeal_to_fear-prejudice" },
    { "flag-waving", "Flag-Waving" },
    { "causal-oversimplification", "Causal_Oversimplification" },
    { "slogans", "Slogans" },
    { "appeal-to-authority", "Appeal_to_Authority" },
    { "black-and-white", "Black-and-White_Fallacy" },
    { "thought-terminating-cliche", "Thought-terminating_Cliches" },
    { "whataboutism", "Whataboutism,Straw_Men,Red_Herring" },
    { "straw-man", "Whataboutism,Straw_Men,Red_Herring" },
    { "bandwagon", "Bandwagon,Reductio_ad_hitlerum" },
    { "repetition", "Repetition" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      if (strcmp (map[i].tag, tag) == 0)
        return map[i].technique;
    }

  return NULL;
}

static GlossFinding *
new_cue (const char *tag,
         guint       start,
         guint       end,
         const char *label,
         double      score,
         const char *explanation)
{
  GlossFinding *cue = gloss_finding_new (GLOSS_FINDING_CUE, tag, start, end,
                                         label, score, explanation);

  /* The detail of a cue is its technique in the PTC taxonomy. */
  gloss_finding_set_detail (cue, technique_for_tag (tag));

  return cue;
}

/* Puts @label in the place of the "%s" of a translated explanation from
 * the word lists. The template comes from data, not from a literal, so it
 * is not handed to printf.
 */
static char *
expand_template (const char *template,
                 const char *label)
{
  const char *hole = strstr (template, "%s");
  GString *out;

  if (hole == NULL)
    return g_strdup (template);

  out = g_string_new_len (template, hole - template);
  g_string_append (out, label);
  g_string_append (out, hole + 2);

  return g_string_free (out, FALSE);
}

static void
collect_match_cb (const GlossLexMatch *match,
                  gpointer             user_data)
{
  GArray *matches = user_data;

  g_array_append_val (matches, *match);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const GlossLexMatch *ma = a;
  const GlossLexMatch *mb = b;

  if (ma->n_tokens != mb->n_tokens)
    return ma->n_tokens > mb->n_tokens ? -1 : 1;
  if (ma->lexicon != mb->lexicon)
    return (int)ma->lexicon - (int)mb->lexicon;
  if (ma->first != mb->first)
    return ma->first < mb->first ? -1 : 1;
  return 0;
}

void
gloss_analysis_find_lexicon_cues (Analyser *an)
{
  const Tokens *tokens = &an->tokens;
  guint n_tokens = tokens->lex->len;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (GlossLexMatch));
  g_autofree guint8 *taken = g_new0 (guint8, n_tokens + 1);
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;

  for (guint i = 0; i < n_tokens; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, lex[i].sentence);

      /* Headings and list lead-ins are labels; their words are not the
       * author's persuasion but the outline's.
       */
      if ((s->flags & SENTENCE_LEAD_IN) != 0)
        continue;

      gloss_lexicon_match_at (lex, n_tokens, i, GLOSS_LEXICON_CUE_MASK,
                              collect_match_cb, matches);
    }

  /* The longest phrase wins where matches overlap, so that "massive
   * disinformation campaign" is one cue and "massive" is not another.
   */
  g_array_sort (matches, compare_matches);

  for (guint m = 0; m < matches->len; m++)
    {
      const GlossLexMatch *match = &g_array_index (matches, GlossLexMatch, m);
      const GlossLexicon *lexicon = gloss_lexicon_get (match->lexicon);
      const TokenInfo *first = info_at (tokens, match->first);
      const TokenInfo *last = info_at (tokens, match->first + match->n_tokens - 1);
      g_autofree char *label = NULL;
      g_autofree char *explanation = NULL;
      gboolean free = TRUE;

      for (guint k = 0; k < match->n_tokens; k++)
        {
          if (taken[match->first + k])
            free = FALSE;
        }

      if (!free)
        continue;

      /* A heading such as "What Other Cities Suggest" names a topic; it
       * does not soften a claim.
       */
      if (match->lexicon == GLOSS_LEXICON_HEDGE &&
          (g_array_index (an->sentences, Sentence,
                          lex_at (tokens, match->first)->sentence).flags & SENTENCE_HEADING) != 0)
        continue;

      for (guint k = 0; k < match->n_tokens; k++)
        taken[match->first + k] = 1;

      label = gloss_analysis_tokens_dup_range (tokens, match->first, match->n_tokens);
      explanation = expand_template (_(match->entry->explanation != NULL ?
                                       match->entry->explanation :
                                       lexicon->explanation),
                                     label);
      g_ptr_array_add (an->cues, new_cue (lexicon->id, first->start, last->end,
                                          label, lexicon->score, explanation));
    }
}

void
gloss_analysis_find_sentence_cues (Analyser *an)
{
  const Tokens *tokens = &an->tokens;

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);

      if ((s->flags & SENTENCE_QUESTION) != 0)
        {
          g_autofree char *label = gloss_analysis_dup_sentence (an, s);

          g_ptr_array_add (an->cues,
                           new_cue ("rhetorical-question", s->start, s->end, label, 0.6,
                                    _("rhetorical question: steers the reader towards an answer")));
        }

      if ((s->flags & SENTENCE_EXCLAMATION) != 0 && s->n_tokens >= 2 && s->n_tokens <= 6 &&
          (s->flags & SENTENCE_HEADING) == 0)
        {
          g_autofree char *label = gloss_analysis_dup_sentence (an, s);
          g_autofree char *explanation =
            g_strdup_printf (_("slogan: '%s' is an exclamation in place of an argument"), label);

          g_ptr_array_add (an->cues, new_cue ("slogans", s->start, s->end, label, 0.4, explanation));
        }

      /* "Either ... or" inside one sentence. */
      for (guint t = 0; t < s->n_tokens; t++)
        {
          const GlossLexToken *tok = lex_at (tokens, s->first_token + t);

          if (strcmp (tok->folded, "either") != 0)
            continue;

          for (guint u = t + 2; u < s->n_tokens && u < t + 20; u++)
            {
              if (strcmp (lex_at (tokens, s->first_token + u)->folded, "or") == 0)
                {
                  g_autofree char *label = gloss_analysis_tokens_dup_range (tokens, s->first_token + t, u - t + 1);

                  g_ptr_array_add (an->cues,
                                   new_cue ("black-and-white",
                                            info_at (tokens, s->first_token + t)->start,
                                            info_at (tokens, s->first_token + u)->end,
                                            label, 0.5,
                                            _("black-and-white: 'either … or' offers only two options")));
                  break;
                }
            }
          break;
        }
    }
}

static guint
count_sentence (GHashTable *counts,
                const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
}

static char *
sentence_key (const Analyser *an,
              const Sentence *s)
{
  GString *key = g_string_new (NULL);

  for (guint t = 0; t < s->n_tokens; t++)
    {
      g_string_append (key, lex_at (&an->tokens, s->first_token + t)->folded);
      g_string_append_c (key, ' ');
    }

  return g_string_free (key, FALSE);
}

void
gloss_analysis_find_repetition (Analyser *an)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < an->sentences->len; i++)
        {
          const Sentence *s = &g_array_index (an->sentences, Sentence, i);
          g_autofree char *key = NULL;

          if ((s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0 || s->n_tokens < 4)
            continue;

          key = sentence_key (an, s);

          if (pass == 0)
            {
              guint n = count_sentence (counts, key);

              g_hash_table_replace (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
            }
          else
            {
              char *stored = NULL;
              gpointer n = NULL;

              g_hash_table_lookup_extended (counts, key, (gpointer *)&stored, &n);

              if (GPOINTER_TO_UINT (n) < 2)
                continue;

              /* The first time is the statement; each later time is the
               * repetition.
               */
              if (!g_hash_table_contains (reported, stored))
                {
                  g_hash_table_add (reported, stored);
                }
              else
                {
                  g_autofree char *label = gloss_analysis_dup_sentence (an, s);
                  g_autofree char *explanation =
                    g_strdup_printf (_("repetition: '%s' appears %u times"),
                                     label, GPOINTER_TO_UINT (n));

                  g_ptr_array_add (an->cues, new_cue ("repetition", s->start, s->end,
                                                      label, 0.5, explanation));
                }
            }
        }
    }

  /* Three or more sentences in a row that open with the same two words
   * ("A failed plan. A failed council. A failed promise.").
   */
  for (guint i = 0; i < an->sentences->len;)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);
      guint j = i + 1;

      if (s->n_tokens < 2 || (s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0)
        {
          i++;
          continue;
        }

      while (j < an->sentences->len)
        {
          const Sentence *o = &g_array_index (an->sentences, Sentence, j);

          if (o->block != s->block || o->n_tokens < 2 ||
              strcmp (lex_at (&an->tokens, o->first_token)->folded,
                      lex_at (&an->tokens, s->first_token)->folded) != 0 ||
              strcmp (lex_at (&an->tokens, o->first_token + 1)->folded,
                      lex_at (&an->tokens, s->first_token + 1)->folded) != 0)
            break;
          j++;
        }

      if (j - i >= 3)
        {
          g_autofree char *opening = gloss_analysis_tokens_dup_range (&an->tokens, s->first_token, 2);

          for (guint k = i; k < j; k++)
            {
              const Sentence *o = &g_array_index (an->sentences, Sentence, k);
              g_autofree char *label = gloss_analysis_tokens_dup_range (&an->tokens, o->first_token, 2);
              g_autofree char *explanation =
                g_strdup_printf (_("repetition: '%s' opens %u sentences in a row"),
                                 opening, j - i);

              g_ptr_array_add (an->cues,
                               new_cue ("repetition",
                                        info_at (&an->tokens, o->first_token)->start,
                                        info_at (&an->tokens, o->first_token + 1)->end,
                                        label, 0.5, explanation));
            }
        }

      i = j;
    }
}
