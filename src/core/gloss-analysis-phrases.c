/* gloss-analysis-phrases.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-analysis-private.h"

/* How far a cue reaches. A loaded word is shown with the words it colours
 * ("utterly disgusting behaviour"), a noun phrase with its article ("a
 * pariah state"), a label with the group it is pinned on ("Kremlin
 * puppets"), and a judgement with the noun for people that it sums up ("an
 * honest man", "corrupt officials"). The word lists say which words carry
 * a judgement; these rules say where the phrase around them begins and
 * ends, from the shape of the words alone, in one pass over the text.
 */

/* Words that strengthen the loaded word after them. */
gboolean
gloss_analysis_is_modifier (const char *folded)
{
  static const char * const modifiers[] = {
    "so", "very", "most", "utterly", "completely", "totally", "absolutely", "truly",
    "really", "outright", "downright", "pure", "sheer", "utter", "complete", "total",
    "deeply", "extremely", "incredibly", "thoroughly", "wholly", "entirely", "absolute",
    "real", "true", "such", "immensely", "enormously", "hugely", "tremendously", "profoundly",
    "vastly", "highly", "gravely", "exceedingly", "particularly", "especially", "terribly",
    "awfully", "painfully", "woefully", "grossly", "remarkably", "unbelievably", NULL
  };

  for (guint i = 0; modifiers[i] != NULL; i++)
    {
      if (strcmp (folded, modifiers[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether a word reads as an adjective or a participle, which colours the
 * noun that follows it.
 */
static gboolean
is_adjective_like (const char *folded)
{
  static const char * const endings[] = {
    "ous", "ful", "ic", "ive", "ent", "ant", "al", "able", "ible", "less", "ish", "ed",
    "ing", "ist", "ent", "ary", "id", "ile", "ine", NULL
  };
  gsize len = strlen (folded);

  if (len < 4)
    return FALSE;

  for (guint i = 0; endings[i] != NULL; i++)
    {
      if (g_str_has_suffix (folded, endings[i]))
        return TRUE;
    }

  return FALSE;
}

gboolean
gloss_analysis_is_determiner (const char *folded)
{
  return strcmp (folded, "a") == 0 || strcmp (folded, "an") == 0 || strcmp (folded, "the") == 0 ||
         strcmp (folded, "this") == 0 || strcmp (folded, "these") == 0 ||
         strcmp (folded, "those") == 0 || strcmp (folded, "such") == 0;
}

/* Whether the word after a loaded adjective continues the noun phrase it
 * colours.
 */
static gboolean
continues_phrase (const Tokens *tokens,
                  const guint8 *taken,
                  guint         index,
                  guint         sentence)
{
  const GlossLexToken *next;

  if (index >= tokens->lex->len || taken[index])
    return FALSE;

  next = lex_at (tokens, index);

  return next->joined && next->sentence == sentence && !next->capitalised &&
         !info_at (tokens, index)->numeric &&
         !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, next->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, next->folded);
}

/* A word in "-ing" or "-ed" before a noun is as often a verb with its
 * object ("spreading lies") as an adjective.
 */
static gboolean
is_participle (const char *folded)
{
  return g_str_has_suffix (folded, "ing") || g_str_has_suffix (folded, "ed");
}

/* Whether the word after a loaded noun reads as a noun that continues it
 * rather than as the verb of the sentence.
 */
static gboolean
is_compound_noun (const Tokens *tokens,
                  guint         index)
{
  const char *folded = lex_at (tokens, index)->folded;

  return !g_str_has_suffix (folded, "ed") && !g_str_has_suffix (folded, "ly") &&
         !gloss_lexicon_contains (GLOSS_LEXICON_PAST_TENSE, folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_MODAL, folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_EVENT, folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_HEDGE, folded);
}

void
gloss_analysis_extend_phrase (const Tokens  *tokens,
                              const guint8  *taken,
                              GlossLexiconId lexicon,
                              guint         *first,
                              guint         *last)
{
  guint n_tokens = tokens->lex->len;
  const GlossLexToken *head = lex_at (tokens, *last);

  /* Words that strengthen it or describe it further: "utterly
   * disgusting", "absolute horror", "damning public indictment".
   */
  for (guint added = 0; added < 2 && *first > 0 && !taken[*first - 1] &&
       lex_at (tokens, *first)->joined && !lex_at (tokens, *first)->sentence_initial; added++)
    {
      const GlossLexToken *prev = lex_at (tokens, *first - 1);

      if (!gloss_analysis_is_modifier (prev->folded) &&
          !gloss_lexicon_contains (GLOSS_LEXICON_INTENSIFIER, prev->folded) &&
          !(is_adjective_like (prev->folded) && !is_participle (prev->folded) &&
            !prev->capitalised &&
            !gloss_lexicon_contains (GLOSS_LEXICON_PAST_TENSE, prev->folded) &&
            !gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, prev->folded) &&
            !gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, prev->folded) &&
            !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, prev->folded)))
        break;
      (*first)--;
    }

  /* The group that a label is pinned on: "Kremlin stooges", "Democrat
   * operatives".
   */
  if (lexicon == GLOSS_LEXICON_NAME_CALLING)
    {
      for (guint added = 0; added < 2 && *first > 0 && !taken[*first - 1] &&
           lex_at (tokens, *first)->joined && !lex_at (tokens, *first)->sentence_initial; added++)
        {
          const GlossLexToken *prev = lex_at (tokens, *first - 1);

          if (!prev->capitalised || info_at (tokens, *first - 1)->numeric ||
              gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, prev->folded) ||
              gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, prev->folded))
            break;
          (*first)--;
        }
    }

  /* The article of the noun phrase: "a total low-life", "the usual
   * cranks", "a witch hunt".
   */
  if (*first > 0 && !taken[*first - 1] && lex_at (tokens, *first)->joined &&
      !lex_at (tokens, *first)->sentence_initial &&
      gloss_analysis_is_determiner (lex_at (tokens, *first - 1)->folded))
    (*first)--;

  if (*last + 1 >= n_tokens || taken[*last + 1])
    return;

  {
    const GlossLexToken *next = lex_at (tokens, *last + 1);

    if (!next->joined || next->sentence != head->sentence || info_at (tokens, *last + 1)->numeric)
      return;

    /* A label before a name: "Crooked Hillary". */
    if (next->capitalised && !head->capitalised)
      {
        guint run = gloss_analysis_name_run (tokens, *last + 1, MIN (n_tokens, *last + 3));

        for (guint k = 1; k <= run; k++)
          {
            if (taken[*last + 1])
              break;
            (*last)++;
          }
        return;
      }

    /* An adjective before its noun, past further adjectives:
     * "disgusting behaviour", "reckless red-state senator"; a noun with
     * the noun it makes a compound with: "hate speech".
     */
    if (is_adjective_like (head->folded) || g_str_has_suffix (head->folded, "ly") ||
        is_compound_noun (tokens, *last + 1))
      {
        guint added = 0;

        while (added < 3 && continues_phrase (tokens, taken, *last + 1, head->sentence))
          {
            const char *word = lex_at (tokens, *last + 1)->folded;

            (*last)++;
            added++;
            if (!is_adjective_like (word) && strchr (word, '-') == NULL)
              break;
          }
      }

    /* A pair of judgements: "vicious and cruel". */
    if (*last + 2 < n_tokens && !taken[*last + 1] && !taken[*last + 2] &&
        (strcmp (lex_at (tokens, *last + 1)->folded, "and") == 0 ||
         strcmp (lex_at (tokens, *last + 1)->folded, "or") == 0) &&
        lex_at (tokens, *last + 1)->joined &&
        is_adjective_like (lex_at (tokens, *last)->folded) &&
        is_adjective_like (lex_at (tokens, *last + 2)->folded) &&
        !is_participle (lex_at (tokens, *last + 2)->folded) &&
        continues_phrase (tokens, taken, *last + 2, head->sentence))
      *last += 2;
  }
}

void
gloss_analysis_extend_to_next_word (const Tokens *tokens,
                                    const guint8 *taken,
                                    guint        *last)
{
  const GlossLexToken *next;

  if (*last + 1 >= tokens->lex->len || taken[*last + 1])
    return;

  next = lex_at (tokens, *last + 1);
  if (!next->joined || next->sentence != lex_at (tokens, *last)->sentence ||
      info_at (tokens, *last + 1)->numeric ||
      gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, next->folded) ||
      gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, next->folded))
    return;

  (*last)++;
}

/* Whether a word can stand between the judgement and the noun of a
 * label: "a fine young man", "corrupt local officials".
 */
static gboolean
is_label_modifier (const Tokens *tokens,
                   guint         index)
{
  const GlossLexToken *tok = lex_at (tokens, index);

  return !tok->capitalised && !info_at (tokens, index)->numeric &&
         !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_PAST_TENSE, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_MODAL, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_PERSON, tok->folded) &&
         !g_str_has_suffix (tok->folded, "ly") &&
         !(g_str_has_suffix (tok->folded, "s") && !g_str_has_suffix (tok->folded, "ss") &&
           !g_str_has_suffix (tok->folded, "ous"));
}

/* Labels: an adjective that judges, before a noun for people, sums the
 * people up in the judgement: "an honest man", "corrupt officials", "a
 * third-rate lawyer", "the hysterical media". The judging word is from the
 * judgement list, or a loaded word or label that the lists found; the
 * label takes its determiner and an intensifier with it. Matches inside a
 * label become part of it (their length is set to 0); @owner maps each
 * token to the selected match that covers it, plus one.
 */
void
gloss_analysis_find_labels (const Analyser *an,
                            GArray         *selected,
                            const guint    *owner,
                            guint8         *taken,
                            GArray         *labels)
{
  const Tokens *tokens = &an->tokens;
  guint n_tokens = tokens->lex->len;

  for (guint k = 1; k < n_tokens; k++)
    {
      const GlossLexToken *noun = lex_at (tokens, k);
      guint first = k;
      guint n_free = 0;
      gboolean judged = FALSE;
      TokenRange range;

      if (!gloss_lexicon_contains (GLOSS_LEXICON_PERSON, noun->folded) ||
          (noun->capitalised && !noun->sentence_initial))
        continue;

      /* A noun that is part of a longer phrase of the lists ("illegal
       * aliens") is already shown with it.
       */
      if (owner[k] != 0)
        continue;

      while (first > 0 && k - first < 4 && lex_at (tokens, first)->joined &&
             lex_at (tokens, first - 1)->sentence == noun->sentence)
        {
          guint prev = first - 1;
          const GlossLexToken *tok = lex_at (tokens, prev);

          if (owner[prev] != 0)
            {
              const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, owner[prev] - 1);
              const char *word = lex_at (tokens, match->first + match->n_tokens - 1)->folded;

              /* A verb with its object is not a label: "suppressing
               * critics", "insulting people".
               */
              if ((match->lexicon != GLOSS_LEXICON_LOADED_LANGUAGE &&
                   match->lexicon != GLOSS_LEXICON_NAME_CALLING) ||
                  (is_participle (word) && !gloss_lexicon_contains (GLOSS_LEXICON_JUDGEMENT, word)) ||
                  gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, word))
                break;
              first = match->first;
              judged = TRUE;
              n_free = 0;
              continue;
            }

          if (tok->capitalised && !tok->sentence_initial)
            break;

          if (gloss_lexicon_contains (GLOSS_LEXICON_JUDGEMENT, tok->folded))
            {
              first = prev;
              judged = TRUE;
              n_free = 0;
              continue;
            }

          /* Describing words between the judgement and the noun; they
           * belong to the label only once a judgement comes before them.
           */
          if (n_free == 0 && is_label_modifier (tokens, prev))
            {
              first = prev;
              n_free++;
              continue;
            }

          break;
        }

      if (!judged)
        continue;

      /* A describing word before the judgement is not part of it. */
      if (n_free > 0)
        first++;

      /* "a truly honest man", "the most corrupt officials" */
      if (first > 0 && lex_at (tokens, first)->joined && !lex_at (tokens, first)->sentence_initial)
        {
          guint prev = first - 1;

          if (owner[prev] != 0)
            {
              const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, owner[prev] - 1);

              if (match->n_tokens == 1 &&
                  (match->lexicon == GLOSS_LEXICON_INTENSIFIER ||
                   match->lexicon == GLOSS_LEXICON_EXAGGERATION))
                first = prev;
            }
          else if (gloss_analysis_is_modifier (lex_at (tokens, prev)->folded))
            {
              first = prev;
            }
        }

      if (first > 0 && lex_at (tokens, first)->joined && owner[first - 1] == 0 &&
          !lex_at (tokens, first)->sentence_initial &&
          gloss_analysis_is_determiner (lex_at (tokens, first - 1)->folded))
        first--;

      for (guint t = first; t <= k; t++)
        {
          if (owner[t] != 0)
            g_array_index (selected, GlossLexMatch, owner[t] - 1).n_tokens = 0;
          taken[t] = 1;
        }

      range.first = first;
      range.n = k - first + 1;
      g_array_append_val (labels, range);
    }
}
