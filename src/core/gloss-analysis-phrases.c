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
 * puppets"). The word lists say which words carry a judgement; these
 * rules say where the phrase around them begins and ends, from the shape
 * of the words alone, in one pass over the text. A judgement with the noun
 * for people that it sums up ("an honest man") is a label of its own, found
 * in gloss-analysis-labels.c.
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

  return gloss_analysis_word_in (folded, modifiers);
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
gboolean
gloss_analysis_is_participle (const char *folded)
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
  static const char * const objects[] = {
    "to", "the", "a", "an", "that", "its", "their", "his", "her", "our", "this", "these", NULL
  };
  const char *folded = lex_at (tokens, index)->folded;

  /* A word that takes an object or an infinitive is a verb: "the
   * propaganda war aims to ...".
   */
  if (index + 1 < tokens->lex->len && lex_at (tokens, index + 1)->joined &&
      gloss_analysis_word_in (lex_at (tokens, index + 1)->folded, objects))
    return FALSE;

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
          !(is_adjective_like (prev->folded) && !gloss_analysis_is_participle (prev->folded) &&
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
        !gloss_analysis_is_participle (lex_at (tokens, *last + 2)->folded) &&
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
