/* gloss-analysis-labels.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Labels: words that sum a person or a group up instead of saying what
 * they did. The word lists know the ready-made ones ("warmonger"); the
 * rules here find those made on the spot, from the context: a judgement
 * before a noun for people ("a third-rate lawyer"), and a nickname or a
 * word held at a distance in quotation marks ("the “experts”",
 * “Little Rocket Man”).
 */

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
                  (gloss_analysis_is_participle (word) && !gloss_lexicon_contains (GLOSS_LEXICON_JUDGEMENT, word)) ||
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

/* Scare quotes: one to three words in quotation marks inside a sentence,
 * which put the author at a distance from the word ("the “experts”"). A
 * quotation of a title, all in capitals, or of a whole sentence is not one.
 */
void
gloss_analysis_find_scare_quotes (Analyser *an)
{
  guint n_blocks = gloss_document_get_n_blocks (an->document);

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      const char *p = an->text + block->byte_start;
      const char *end = an->text + gloss_analysis_block_byte_end (an->text, block);
      guint cp = block->start;
      gunichar closer = 0;
      const char *open_p = NULL;
      guint open_cp = 0;

      if (block->kind == GLOSS_BLOCK_HEADING || block->kind == GLOSS_BLOCK_PREFORMATTED ||
          block->kind == GLOSS_BLOCK_QUOTE)
        continue;

      for (; p < end; p = g_utf8_next_char (p), cp++)
        {
          gunichar c = g_utf8_get_char (p);

          if (closer == 0)
            {
              if (c == 0x201C || c == '"')
                {
                  closer = c == 0x201C ? 0x201D : '"';
                  open_p = p;
                  open_cp = cp;
                }
              continue;
            }

          if (c != closer)
            continue;

          {
            const char *inner = g_utf8_next_char (open_p);
            const char *after = g_utf8_next_char (p);
            guint words = 0;
            gboolean lower = FALSE;
            gboolean in_word = FALSE;
            gboolean inside_sentence;

            for (const char *q = inner; q < p; q = g_utf8_next_char (q))
              {
                gunichar qc = g_utf8_get_char (q);
                gboolean w = gloss_analysis_is_word_char (qc);

                if (w && !in_word)
                  {
                    words++;
                    if (g_unichar_islower (qc))
                      lower = TRUE;
                  }
                if (qc == '.' || qc == '?' || qc == '!' || qc == ',')
                  words = 100;
                in_word = w;
              }

            /* A word, or a comma or the like, before it in the sentence:
             * quotation marks that open a sentence quote someone.
             */
            inside_sentence = FALSE;
            for (const char *q = open_p; q > an->text + block->byte_start;)
              {
                gunichar qc;

                q = g_utf8_prev_char (q);
                qc = g_utf8_get_char (q);
                if (g_unichar_isspace (qc))
                  continue;

                inside_sentence = gloss_analysis_is_word_char (qc) || qc == ',' || qc == ';' ||
                                  qc == ':' || qc == '(' || qc == 0x2013 || qc == 0x2014;
                break;
              }

            if (words >= 1 && words <= 3 && (lower || words == 1) && inside_sentence)
              {
                g_autofree char *label = g_strndup (open_p, after - open_p);
                g_autofree char *explanation =
                  g_strdup_printf (_("doubt: the scare quotes of %s keep the word at a distance"), label);

                g_ptr_array_add (an->cues, gloss_analysis_new_cue ("doubt", open_cp, cp + 1, label, 0.4, explanation));
              }

            closer = 0;
          }
        }
    }
}
