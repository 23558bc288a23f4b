/* gloss-analysis-statistics.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Statistics: numbers with what they count ("3 million barrels", "40%",
 * "$2bn"), comparisons and figures in words, and the evidence they give.
 */

gboolean
gloss_analysis_is_year (const Tokens *tokens,
                        guint         index)
{
  const GlossLexToken *tok = lex_at (tokens, index);
  gsize len = strlen (tok->folded);
  guint64 value;

  if (len != 4 && !(len == 5 && tok->folded[4] == 's'))
    return FALSE;

  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isdigit (tok->folded[k]))
        return FALSE;
    }

  value = g_ascii_strtoull (tok->folded, NULL, 10);

  return value >= 1500 && value <= 2199;
}

static gboolean
is_date_number (const Tokens *tokens,
                guint         index)
{
  const GlossLexToken *tok = lex_at (tokens, index);

  if (gloss_analysis_is_year (tokens, index))
    return TRUE;

  /* "May 18", "18 May". */
  if (index > 0 && lex_at (tokens, index - 1)->sentence == tok->sentence &&
      gloss_lexicon_contains (GLOSS_LEXICON_MONTH, lex_at (tokens, index - 1)->folded) &&
      lex_at (tokens, index - 1)->capitalised)
    return TRUE;

  if (index + 1 < tokens->lex->len && lex_at (tokens, index + 1)->sentence == tok->sentence &&
      lex_at (tokens, index + 1)->capitalised &&
      gloss_lexicon_contains (GLOSS_LEXICON_MONTH, lex_at (tokens, index + 1)->folded))
    return TRUE;

  return FALSE;
}

/* Finds the statistics among the tokens [first, first + n): numbers with a
 * unit, a percent or currency sign, or a comparison, large or decimal
 * numbers, and proportions in words ("half of", "doubled").
 */
void
gloss_analysis_find_statistics (const Tokens *tokens,
                                guint         first,
                                guint         n,
                                gsize         byte_min,
                                gsize         byte_max,
                                GArray       *out)
{
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  guint n_tokens = tokens->lex->len;
  guint end = first + n;

  for (guint i = first; i < end; i++)
    {
      const TokenInfo *info = info_at (tokens, i);
      GlossLexMatch match;
      Statistic stat = { 0 };
      gboolean strong = FALSE;
      guint last = i;

      if (!info->numeric)
        {
          if (gloss_lexicon_match (lex, n_tokens, i, GLOSS_LEXICON_WORD_STATISTIC, &match) &&
              match.first + match.n_tokens <= end)
            {
              last = i + match.n_tokens - 1;
              stat.first = i;
              stat.n_tokens = match.n_tokens;
              stat.start = info->start;
              stat.end = info_at (tokens, last)->end;
              stat.byte_start = info->byte_start;
              stat.byte_end = info_at (tokens, last)->byte_end;
              g_array_append_val (out, stat);
              i = last;
            }
          continue;
        }

      if (is_date_number (tokens, i))
        continue;

      stat.first = i;
      stat.start = info->start;
      stat.byte_start = info->byte_start;
      stat.byte_end = info->byte_end;
      stat.end = info->end;

      /* Separators and decimals make a precise figure. */
      if (strchr (lex[i].folded, ',') != NULL || strchr (lex[i].folded, '.') != NULL)
        strong = TRUE;
      if (strlen (lex[i].folded) >= 4)
        strong = TRUE;

      /* A currency sign right before the number. */
      if (info->byte_start > byte_min)
        {
          const char *prev = g_utf8_prev_char (tokens->text + info->byte_start);
          gunichar c = g_utf8_get_char (prev);

          if (c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20BD)
            {
              stat.start--;
              stat.byte_start = prev - tokens->text;
              strong = TRUE;
            }
        }

      /* "more than 40", "nearly half". */
      for (guint back = 1; back <= 3 && back <= i - first; back++)
        {
          if (gloss_lexicon_match (lex, n_tokens, i - back, GLOSS_LEXICON_COMPARATOR, &match) &&
              match.first + match.n_tokens == i && lex[i].joined)
            {
              stat.first = i - back;
              stat.start = info_at (tokens, i - back)->start;
              stat.byte_start = info_at (tokens, i - back)->byte_start;
              strong = TRUE;
              break;
            }
        }

      /* A percent sign, or units: "3.5 million people". */
      if (info->byte_end < byte_max && tokens->text[info->byte_end] == '%')
        {
          stat.end++;
          stat.byte_end++;
          strong = TRUE;
        }
      else
        {
          for (guint u = 0; u < 2; u++)
            {
              if (last + 1 < end && lex[last + 1].joined &&
                  gloss_lexicon_match (lex, n_tokens, last + 1, GLOSS_LEXICON_UNIT, &match) &&
                  match.first + match.n_tokens <= end)
                {
                  last = match.first + match.n_tokens - 1;
                  stat.end = info_at (tokens, last)->end;
                  stat.byte_end = info_at (tokens, last)->byte_end;
                  strong = TRUE;
                }
            }

          if (last + 1 < end && info_at (tokens, last)->byte_end < byte_max &&
              tokens->text[info_at (tokens, last)->byte_end] == '%')
            {
              stat.end++;
              stat.byte_end++;
            }
        }

      if (!strong)
        continue;

      stat.n_tokens = last - stat.first + 1;
      g_array_append_val (out, stat);
      i = last;
    }
}


static gboolean
sentence_has_source (const Analyser *an,
                     const Sentence *s)
{
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)an->tokens.lex->data;
  guint n_tokens = an->tokens.lex->len;
  const GlossBlock *block = gloss_document_get_block (an->document, s->block);
  GlossLexMatch match;

  for (guint t = s->first_token; t < s->first_token + s->n_tokens; t++)
    {
      if (gloss_lexicon_match (lex, n_tokens, t, GLOSS_LEXICON_SOURCE_INTRO, &match) ||
          gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, lex[t].folded))
        return TRUE;
    }

  for (guint k = 0; block->spans != NULL && k < block->spans->len; k++)
    {
      const GlossSpan *span = g_ptr_array_index (block->spans, k);

      if (span->kind == GLOSS_SPAN_LINK && span->start < s->end && span->end > s->start)
        return TRUE;
    }

  return FALSE;
}

void
gloss_analysis_find_statistic_evidence (Analyser *an)
{
  g_autoptr(GArray) stats = g_array_new (FALSE, FALSE, sizeof (Statistic));

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);
      gboolean sourced;

      if ((s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0)
        continue;

      g_array_set_size (stats, 0);
      gloss_analysis_find_statistics (&an->tokens, s->first_token, s->n_tokens, s->byte_start, s->byte_end, stats);
      if (stats->len == 0)
        continue;

      sourced = sentence_has_source (an, s);

      for (guint k = 0; k < stats->len; k++)
        {
          const Statistic *st = &g_array_index (stats, Statistic, k);
          g_autofree char *label = g_strndup (an->text + st->byte_start, st->byte_end - st->byte_start);
          g_autofree char *explanation = NULL;

          if (sourced)
            explanation = g_strdup_printf (_("statistic: '%s'"), label);
          else
            explanation = g_strdup_printf (_("statistic: '%s' without a source in the sentence"), label);

          g_ptr_array_add (an->evidence,
                           gloss_analysis_new_evidence ("statistic", st->start, st->end, label,
                                                        sourced ? 0.8 : 0.6, explanation, NULL));
        }
    }
}
