/* gloss-analysis-evidence.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Evidence: statistics, quotations and their speakers, attributions,
 * links, citations and anecdotes.
 */

/* A quotation needs this many words; fewer are scare quotes or titles. */
#define MIN_QUOTE_WORDS 4

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

static GlossFinding *
new_evidence (const char *kind,
              guint       start,
              guint       end,
              const char *label,
              double      score,
              const char *explanation,
              const char *detail)
{
  GlossFinding *finding = gloss_finding_new (GLOSS_FINDING_EVIDENCE, kind, start, end,
                                             label, score, explanation);

  if (detail != NULL)
    gloss_finding_set_detail (finding, detail);

  return finding;
}

static gboolean
is_pronoun (const char *folded)
{
  static const char * const pronouns[] = {
    "he", "she", "they", "it", "we", "i", "you", "this", "that", "there", "who", "which",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pronouns); i++)
    {
      if (strcmp (pronouns[i], folded) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A named source after "according to", "a report by"...: an optional
 * article then a capitalised run, or up to four plain words.
 */
static guint
source_after (const Tokens *tokens,
              guint         index,
              guint         limit)
{
  guint n = 0;
  guint run;

  if (index >= limit || !lex_at (tokens, index)->joined)
    return 0;

  if (strcmp (lex_at (tokens, index)->folded, "the") == 0 ||
      strcmp (lex_at (tokens, index)->folded, "a") == 0 ||
      strcmp (lex_at (tokens, index)->folded, "an") == 0)
    n = 1;

  run = gloss_analysis_name_run (tokens, index + n, limit);
  if (run > 0)
    return n + run;

  /* A plain description ("a 2023 review of eleven schemes"), up to the
   * next punctuation, without trailing small words.
   */
  while (index + n < limit && n < 6 && lex_at (tokens, index + n)->joined)
    n++;

  while (n > 1 && gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD,
                                          lex_at (tokens, index + n - 1)->folded))
    n--;

  return n;
}

static gboolean
is_name_token (const Tokens *tokens,
               guint         index)
{
  return lex_at (tokens, index)->capitalised || info_at (tokens, index)->acronym;
}

static gboolean
is_name_joiner (const char *folded)
{
  return strcmp (folded, "of") == 0 || strcmp (folded, "for") == 0 ||
         strcmp (folded, "the") == 0 || strcmp (folded, "de") == 0;
}

/* The start of the name that ends right before token @end
 * ("the Velmora Chamber of Commerce" before "found"), or @end if there is
 * none. The name stays inside the sentence of @end.
 */
static guint
name_run_back (const Tokens *tokens,
               guint         end,
               guint         sentence_start)
{
  guint back = end;

  while (back > sentence_start && lex_at (tokens, back)->joined)
    {
      if (is_name_token (tokens, back - 1))
        {
          back--;
          continue;
        }

      /* "Chamber of Commerce": a joining word between two names. */
      if (back < end && back - 1 > sentence_start &&
          is_name_joiner (lex_at (tokens, back - 1)->folded) &&
          lex_at (tokens, back - 1)->joined && is_name_token (tokens, back - 2))
        {
          back -= 2;
          continue;
        }

      break;
    }

  /* A sentence that opens with "The" or "This" is not named by it. */
  while (back < end && lex_at (tokens, back)->sentence_initial &&
         gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, lex_at (tokens, back)->folded))
    back++;

  return back;
}

/* The name after a report verb, past up to three words of a role:
 * "said deputy mayor Ilse Marchetti". Sets @first and returns the length.
 */
static guint
name_after_verb (const Tokens *tokens,
                 guint         index,
                 guint         limit,
                 guint        *first)
{
  guint skip = 0;

  while (index + skip < limit && skip < 3 && lex_at (tokens, index + skip)->joined &&
         !is_name_token (tokens, index + skip) &&
         !is_pronoun (lex_at (tokens, index + skip)->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, lex_at (tokens, index + skip)->folded))
    skip++;

  if (index + skip >= limit || !lex_at (tokens, index + skip)->joined ||
      is_pronoun (lex_at (tokens, index + skip)->folded))
    return 0;

  *first = index + skip;

  return gloss_analysis_name_run (tokens, index + skip, limit);
}


/* A name followed by a clause between commas before the verb at @verb:
 * "Dr. Amara Okafor, who has studied car-free zones, said". Returns the
 * first token of the name and its length in @n, or @verb.
 */
static guint
appositive_name (const Tokens *tokens,
                 guint         sentence_start,
                 guint         verb,
                 guint        *n)
{
  for (guint t = sentence_start; t + 2 < verb; t++)
    {
      guint run;
      const char *next;

      if (!is_name_token (tokens, t) ||
          (t > sentence_start && is_name_token (tokens, t - 1) && lex_at (tokens, t)->joined))
        continue;

      run = gloss_analysis_name_run (tokens, t, verb);
      if (run < 2 || t + run >= verb || lex_at (tokens, t + run)->joined)
        continue;

      next = lex_at (tokens, t + run)->folded;
      if (strcmp (next, "who") == 0 || strcmp (next, "a") == 0 || strcmp (next, "an") == 0 ||
          strcmp (next, "the") == 0)
        {
          *n = run;
          return t;
        }
    }

  return verb;
}

/* The source named last before @offset, close enough for "she said" to
 * refer to it.
 */
static char *
last_named_source (const Analyser *an,
                   guint           offset)
{
  GlossFinding *best = NULL;

  /* The evidence is in the order it was found, not in text order. */
  for (guint i = 0; i < an->evidence->len; i++)
    {
      GlossFinding *finding = g_ptr_array_index (an->evidence, i);
      const char *detail = gloss_finding_get_detail (finding);
      const char *kind = gloss_finding_get_kind (finding);
      guint start = gloss_finding_get_start (finding);

      if (start >= offset || offset - start > 400)
        continue;
      if (detail == NULL || !g_unichar_isupper (g_utf8_get_char (detail)) ||
          (strcmp (kind, "attribution") != 0 && strcmp (kind, "quotation") != 0))
        continue;
      if (best == NULL || start > gloss_finding_get_start (best))
        best = finding;
    }

  return best != NULL ? g_strdup (gloss_finding_get_detail (best)) : NULL;
}

/* The words that may stand between a speaker and the report verb: "has",
 * "also", "even" in "the minister has even said".
 */
static guint
verb_start (const Tokens *tokens,
            guint         verb,
            guint         sentence_start)
{
  static const char * const fillers[] = {
    "has", "have", "had", "also", "even", "further", "again", "recently", "repeatedly",
    "publicly", "openly", "once", "previously", "later", "then", "himself", "herself",
    "itself", "themselves", "just", "already", "reportedly", "famously", "rightly",
    "often", "once", "has", "will", "would", "may", "might", "did", "does", "do",
  };
  guint v = verb;

  while (v > sentence_start && verb - v < 3 && lex_at (tokens, v)->joined)
    {
      gboolean filler = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (fillers); i++)
        filler |= strcmp (lex_at (tokens, v - 1)->folded, fillers[i]) == 0;

      if (!filler)
        break;
      v--;
    }

  return v;
}

static void
add_attribution (Analyser   *an,
                 guint       first,
                 guint       n,
                 const char *source)
{
  const Tokens *tokens = &an->tokens;
  g_autofree char *label = gloss_analysis_tokens_dup_range (tokens, first, n);
  g_autofree char *explanation = g_strdup_printf (_("attribution: '%s' names a source"), label);

  g_ptr_array_add (an->evidence,
                   new_evidence ("attribution",
                                 info_at (tokens, first)->start,
                                 info_at (tokens, first + n - 1)->end,
                                 label, 0.6, explanation, source));
}

void
gloss_analysis_find_attributions (Analyser *an)
{
  const Tokens *tokens = &an->tokens;
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  guint n_tokens = tokens->lex->len;

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);
      guint limit = s->first_token + s->n_tokens;

      if ((s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0)
        continue;

      for (guint t = s->first_token; t < limit; t++)
        {
          GlossLexMatch match;
          guint first = t;
          guint n = 0;
          guint src_first = 0;
          guint src_n = 0;

          if (gloss_lexicon_match (lex, n_tokens, t, GLOSS_LEXICON_SOURCE_INTRO, &match))
            {
              src_first = t + match.n_tokens;
              src_n = source_after (tokens, src_first, limit);
              if (src_n == 0)
                continue;
              n = match.n_tokens + src_n;
            }
          else if (!lex[t].capitalised &&
                   gloss_lexicon_match (lex, n_tokens, t, GLOSS_LEXICON_REPORT_VERB, &match) &&
                   t + match.n_tokens <= limit &&
                   !(t > s->first_token && strcmp (lex[t - 1].folded, "to") == 0))
            {
              guint verb_n = match.n_tokens;
              guint v = verb_start (tokens, t, s->first_token);
              /* "Jane Doe said", "Jane Doe has also said" */
              guint back = name_run_back (tokens, v, s->first_token);

              if (back < v)
                {
                  first = back;
                  src_first = back;
                  src_n = v - back;
                  n = t + verb_n - back;
                }
              else if (!lex[t].joined && (back = appositive_name (tokens, s->first_token, t, &src_n)) < t)
                {
                  /* "Jane Doe, who chairs the panel, said" */
                  first = back;
                  src_first = back;
                  n = t + verb_n - back;
                }
              else if (t + verb_n < limit &&
                       (src_n = name_after_verb (tokens, t + verb_n, limit, &src_first)) > 0)
                {
                  /* "..., said deputy mayor Jane Doe" */
                  n = src_first + src_n - t;
                }
              else if (v > s->first_token && lex[v].joined &&
                       (strcmp (lex[v - 1].folded, "he") == 0 || strcmp (lex[v - 1].folded, "she") == 0))
                {
                  /* "he said": the person named last before. */
                  g_autofree char *named = last_named_source (an, info_at (tokens, v - 1)->start);

                  if (named == NULL)
                    continue;

                  add_attribution (an, v - 1, t + verb_n - (v - 1), named);
                  t += verb_n - 1;
                  continue;
                }
              else
                {
                  continue;
                }
            }
          else
            {
              continue;
            }

          {
            g_autofree char *source = gloss_analysis_tokens_dup_range (tokens, src_first, src_n);

            add_attribution (an, first, n, source);
            t = first + n - 1;
          }
        }
    }
}

/* The speaker of a quotation that spans the tokens before @after, looked
 * for right after it (", said Jane Doe", "Jane Doe said") and right before
 * it ("Jane Doe said:").
 */
static char *
find_speaker (const Analyser *an,
              guint           quote_start,
              guint           quote_end)
{
  const Tokens *tokens = &an->tokens;
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  guint n_tokens = tokens->lex->len;
  guint after = n_tokens;
  guint before = n_tokens;

  /* The first token after the quote and the last one before it. */
  for (guint lo = 0, hi = n_tokens; lo < hi;)
    {
      guint mid = (lo + hi) / 2;

      if (info_at (tokens, mid)->start >= quote_end)
        {
          after = mid;
          hi = mid;
        }
      else
        {
          lo = mid + 1;
        }
    }

  for (guint lo = 0, hi = n_tokens; lo < hi;)
    {
      guint mid = (lo + hi) / 2;

      if (info_at (tokens, mid)->end <= quote_start)
        {
          before = mid;
          lo = mid + 1;
        }
      else
        {
          hi = mid;
        }
    }

  if (after < n_tokens && info_at (tokens, after)->start - quote_end <= 3)
    {
      guint limit = MIN (n_tokens, after + 10);
      guint first = 0;
      guint run;
      GlossLexMatch match;

      while (limit > after + 1 && lex[limit - 1].sentence != lex[after].sentence)
        limit--;

      /* "..., said Jane Doe", "..., according to Jane Doe" */
      if (gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, lex[after].folded) &&
          (run = name_after_verb (tokens, after + 1, limit, &first)) > 0)
        return gloss_analysis_tokens_dup_range (tokens, first, run);

      if (gloss_lexicon_match (lex, n_tokens, after, GLOSS_LEXICON_SOURCE_INTRO, &match) &&
          (run = gloss_analysis_name_run (tokens, after + match.n_tokens, limit)) > 0)
        return gloss_analysis_tokens_dup_range (tokens, after + match.n_tokens, run);

      /* "..., Jane Doe said" */
      run = gloss_analysis_name_run (tokens, after, limit);
      if (run > 0 && after + run < n_tokens &&
          gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, lex[after + run].folded))
        return gloss_analysis_tokens_dup_range (tokens, after, run);

      /* "..., she said": the person named last before the quotation. */
      if (is_pronoun (lex[after].folded) && after + 1 < n_tokens &&
          gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, lex[after + 1].folded))
        return last_named_source (an, quote_start);
    }

  /* "Jane Doe said: ..." */
  if (before < n_tokens && quote_start - info_at (tokens, before)->end <= 3 &&
      gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, lex[before].folded))
    {
      guint back = name_run_back (tokens, before, 0);

      if (back < before)
        return gloss_analysis_tokens_dup_range (tokens, back, before - back);
    }

  return NULL;
}

static guint
count_words (const char *p,
             const char *end)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (; p < end; p = g_utf8_next_char (p))
    {
      gboolean w = gloss_analysis_is_word_char (g_utf8_get_char (p));

      if (w && !in_word)
        n++;
      in_word = w;
    }

  return n;
}

static void
add_quotation (Analyser   *an,
               guint       start,
               guint       end,
               gsize       byte_start,
               gsize       byte_end,
               char      **block_speaker)
{
  g_autofree char *label = g_strndup (an->text + byte_start, byte_end - byte_start);
  g_autofree char *speaker = find_speaker (an, start, end);
  g_autofree char *explanation = NULL;

  /* A second quotation in a paragraph without a speaker of its own goes on
   * with the words of the one before, as reporters write it.
   */
  if (speaker == NULL && block_speaker != NULL && *block_speaker != NULL)
    speaker = g_strdup (*block_speaker);
  else if (speaker != NULL && block_speaker != NULL)
    {
      g_free (*block_speaker);
      *block_speaker = g_strdup (speaker);
    }

  if (speaker != NULL)
    explanation = g_strdup_printf (_("quotation: the words of %s"), speaker);
  else
    explanation = g_strdup (_("quotation: no speaker named next to it"));

  g_ptr_array_add (an->evidence,
                   new_evidence ("quotation", start, end, label,
                                 speaker != NULL ? 0.7 : 0.5, explanation, speaker));
}

void
gloss_analysis_find_quotations (Analyser *an)
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
      g_autofree char *block_speaker = NULL;

      if (block->kind == GLOSS_BLOCK_HEADING || block->kind == GLOSS_BLOCK_PREFORMATTED)
        continue;

      if (block->kind == GLOSS_BLOCK_QUOTE)
        {
          /* A block quote is a quotation as a whole. */
          if (count_words (p, end) >= MIN_QUOTE_WORDS)
            add_quotation (an, block->start, block->end, block->byte_start, end - an->text, NULL);
          continue;
        }

      for (; p < end; p = g_utf8_next_char (p), cp++)
        {
          gunichar c = g_utf8_get_char (p);

          if (closer == 0)
            {
              if (c == 0x201C || c == '"' || c == 0xAB || c == 0x201E)
                {
                  closer = c == 0x201C ? 0x201D : c == 0xAB ? 0xBB : c == 0x201E ? 0x201C : '"';
                  open_p = p;
                  open_cp = cp;
                }
            }
          else if (c == closer || (closer == 0x201C && c == 0x201D))
            {
              const char *close_end = g_utf8_next_char (p);

              if (count_words (open_p, p) >= MIN_QUOTE_WORDS)
                add_quotation (an, open_cp, cp + 1, open_p - an->text, close_end - an->text,
                               &block_speaker);

              closer = 0;
            }
        }
    }
}

void
gloss_analysis_find_links_and_citations (Analyser *an)
{
  guint n_blocks = gloss_document_get_n_blocks (an->document);

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      const char *block_text = an->text + block->byte_start;
      const char *end = an->text + gloss_analysis_block_byte_end (an->text, block);
      guint cp = block->start;

      for (guint k = 0; block->spans != NULL && k < block->spans->len; k++)
        {
          const GlossSpan *span = g_ptr_array_index (block->spans, k);
          const char *s;
          const char *e;
          g_autofree char *label = NULL;
          g_autofree char *explanation = NULL;

          if (span->kind != GLOSS_SPAN_LINK || span->href == NULL ||
              span->start < block->start || span->end > block->end || span->end <= span->start)
            continue;

          s = g_utf8_offset_to_pointer (block_text, span->start - block->start);
          e = g_utf8_offset_to_pointer (s, span->end - span->start);
          label = g_strndup (s, e - s);
          explanation = g_strdup_printf (_("link: '%s' points to %s"), label, span->href);
          g_ptr_array_add (an->evidence,
                           new_evidence ("link", span->start, span->end, label, 0.8,
                                         explanation, span->href));
        }

      for (const char *p = block_text; p < end; p = g_utf8_next_char (p), cp++)
        {
          gunichar c = (guchar)*p;

          /* Web addresses written out in the text. */
          if ((c == 'h' && (g_str_has_prefix (p, "http://") || g_str_has_prefix (p, "https://"))) ||
              (c == 'w' && g_str_has_prefix (p, "www.")))
            {
              const char *q = p;
              guint n = 0;
              g_autofree char *label = NULL;
              g_autofree char *explanation = NULL;

              if (p > block_text && gloss_analysis_is_word_char (g_utf8_get_char (g_utf8_prev_char (p))))
                continue;

              while (q < end && !g_unichar_isspace (g_utf8_get_char (q)))
                {
                  q = g_utf8_next_char (q);
                  n++;
                }

              /* Trailing punctuation belongs to the sentence. */
              while (n > 0 && strchr (".,;:)]\"'", q[-1]) != NULL)
                {
                  q--;
                  n--;
                }

              label = g_strndup (p, q - p);
              explanation = g_strdup_printf (_("link: '%s' points to a web page"), label);
              g_ptr_array_add (an->evidence,
                               new_evidence ("link", cp, cp + n, label, 0.8, explanation, label));
              p = g_utf8_prev_char (q);
              cp += n - 1;
              continue;
            }

          /* "[12]" and "(Doe, 2021)", "(Doe et al. 2021)". */
          if (c == '[' || c == '(')
            {
              const char *q = p + 1;
              gboolean ok = FALSE;
              guint n = 1;
              gunichar close = c == '[' ? ']' : ')';

              while (q < end && n < 80 && g_utf8_get_char (q) != close && g_utf8_get_char (q) != c)
                {
                  q = g_utf8_next_char (q);
                  n++;
                }

              if (q >= end || g_utf8_get_char (q) != close)
                continue;

              if (c == '[')
                {
                  ok = q > p + 1;
                  for (const char *r = p + 1; r < q; r++)
                    {
                      if (!g_ascii_isdigit (*r) && *r != ',' && *r != ' ' && *r != '-')
                        ok = FALSE;
                    }
                }
              else if (g_unichar_isupper (g_utf8_get_char (p + 1)) && q - p >= 6)
                {
                  /* Ends in a year. */
                  const char *y = q - 4;

                  ok = g_ascii_isdigit (y[0]) && g_ascii_isdigit (y[1]) &&
                       g_ascii_isdigit (y[2]) && g_ascii_isdigit (y[3]) &&
                       (y[-1] == ' ' || y[-1] == ',');
                }

              if (ok)
                {
                  g_autofree char *label = g_strndup (p, q + 1 - p);
                  g_autofree char *explanation =
                    g_strdup_printf (_("citation: '%s' refers to a source"), label);

                  g_ptr_array_add (an->evidence,
                                   new_evidence ("citation", cp, cp + n + 1, label, 0.8,
                                                 explanation, NULL));
                  cp += n;
                  p = q;
                }
            }
        }
    }
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
                           new_evidence ("statistic", st->start, st->end, label,
                                         sourced ? 0.8 : 0.6, explanation, NULL));
        }
    }
}

SentenceEvidence
gloss_analysis_evidence_bit (const char *kind)
{
  if (strcmp (kind, "statistic") == 0)
    return SENTENCE_EVIDENCE_STATISTIC;
  if (strcmp (kind, "quotation") == 0)
    return SENTENCE_EVIDENCE_QUOTATION;
  if (strcmp (kind, "attribution") == 0)
    return SENTENCE_EVIDENCE_ATTRIBUTION;
  if (strcmp (kind, "anecdote") == 0)
    return SENTENCE_EVIDENCE_ANECDOTE;
  return SENTENCE_EVIDENCE_SOURCE;
}

/* Marks every sentence with the kinds of evidence found in it so far. */
void
gloss_analysis_mark_sentence_evidence (Analyser *an)
{
  for (guint i = 0; i < an->evidence->len; i++)
    {
      GlossFinding *finding = g_ptr_array_index (an->evidence, i);
      guint start = gloss_finding_get_start (finding);
      guint end = gloss_finding_get_end (finding);
      SentenceEvidence bit = gloss_analysis_evidence_bit (gloss_finding_get_kind (finding));
      guint lo = 0;
      guint hi = an->sentences->len;

      /* The first sentence that ends after the start of the evidence. */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (an->sentences, Sentence, mid).end <= start)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (guint k = lo; k < an->sentences->len; k++)
        {
          Sentence *s = &g_array_index (an->sentences, Sentence, k);

          if (s->start >= end)
            break;
          s->evidence |= bit;
        }
    }
}

/* Signals that a sentence gives a judgement, a possibility or advice
 * rather than a report of what happened.
 */
#define OPINION_MASK (GLOSS_LEXICON_MASK (GLOSS_LEXICON_MODAL) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVALUATIVE) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVALUATIVE_FRAME) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_HEDGE) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_RECOMMENDATION) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_PREDICTION))

#define EVENT_MASK (GLOSS_LEXICON_MASK (GLOSS_LEXICON_PAST_TENSE) | \
                    GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVENT) | \
                    GLOSS_LEXICON_MASK (GLOSS_LEXICON_ANECDOTE) | \
                    GLOSS_LEXICON_MASK (GLOSS_LEXICON_TIME))

#define ANECDOTE_EXCLUDES (SENTENCE_EVIDENCE_QUOTATION)

typedef struct {
  guint64 lexicons;
  guint   first_event;  /* token of the first past-tense verb, or G_MAXUINT */
  guint   story;        /* token of the opening of a personal story, or G_MAXUINT */
  guint   story_length;
  guint   first_time;   /* token of the first time expression, or G_MAXUINT */
} SentenceScan;

static void
scan_match_cb (const GlossLexMatch *match,
               gpointer             user_data)
{
  SentenceScan *scan = user_data;

  scan->lexicons |= GLOSS_LEXICON_MASK (match->lexicon);

  if ((match->lexicon == GLOSS_LEXICON_PAST_TENSE || match->lexicon == GLOSS_LEXICON_EVENT) &&
      scan->first_event == G_MAXUINT)
    scan->first_event = match->first;

  if (match->lexicon == GLOSS_LEXICON_TIME && scan->first_time == G_MAXUINT)
    scan->first_time = match->first;

  if (match->lexicon == GLOSS_LEXICON_ANECDOTE && scan->story == G_MAXUINT)
    {
      scan->story = match->first;
      scan->story_length = match->n_tokens;
    }
}

static gboolean
is_regular_past (const GlossLexToken *tok)
{
  return !tok->capitalised && g_utf8_strlen (tok->folded, -1) > 4 &&
         g_str_has_suffix (tok->folded, "ed") && !g_str_has_suffix (tok->folded, "eed");
}

/* Anecdotes: a personal story ("Last week I met a shopkeeper...") or the
 * report of a particular event, the concrete case an author offers in
 * support of a general claim ("Azelle Rodney, 24, was killed in 2005"). A
 * report of an event is told in the past tense, names who, when or how
 * many, and neither judges nor speculates.
 */
void
gloss_analysis_find_anecdotes (Analyser *an)
{
  const Tokens *tokens = &an->tokens;
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;

  for (guint i = 0; i < an->sentences->len; i++)
    {
      Sentence *s = &g_array_index (an->sentences, Sentence, i);
      SentenceScan scan = { 0, G_MAXUINT, G_MAXUINT, 0, G_MAXUINT };
      const GlossLexToken *sl = lex + s->first_token;
      gboolean specific = FALSE;
      gboolean first_person = FALSE;
      g_autofree char *label = NULL;
      g_autofree char *phrase = NULL;
      g_autofree char *explanation = NULL;

      /* Someone's words quoted are evidence of their own kind. */
      if ((s->flags & (SENTENCE_HEADING | SENTENCE_HEADLINE | SENTENCE_LEAD_IN |
                       SENTENCE_QUESTION)) != 0 ||
          s->n_tokens < 4 ||
          (s->evidence & ANECDOTE_EXCLUDES) != 0)
        continue;

      for (guint t = 0; t < s->n_tokens; t++)
        {
          const TokenInfo *info = info_at (tokens, s->first_token + t);

          gloss_lexicon_match_at (sl, s->n_tokens, t, OPINION_MASK | EVENT_MASK,
                                  scan_match_cb, &scan);

          if (scan.first_event == G_MAXUINT && is_regular_past (&sl[t]))
            scan.first_event = t;

          /* A year among the first words dates what follows. */
          if (t < 4 && scan.first_time == G_MAXUINT && gloss_analysis_is_year (tokens, s->first_token + t))
            scan.first_time = t;

          if (info->numeric || info->acronym ||
              (sl[t].capitalised && !sl[t].sentence_initial && strcmp (sl[t].folded, "i") != 0))
            specific = TRUE;

          if (strcmp (sl[t].folded, "i") == 0 || strcmp (sl[t].folded, "we") == 0 ||
              strcmp (sl[t].folded, "my") == 0 || strcmp (sl[t].folded, "our") == 0)
            first_person = TRUE;
        }

      if (scan.story != G_MAXUINT)
        {
          phrase = gloss_analysis_tokens_dup_range (tokens, s->first_token + scan.story,
                                                    scan.story_length);
          explanation = g_strdup_printf (_("anecdote: '%s' opens a personal story"), phrase);
        }
      else if (scan.first_event != G_MAXUINT && (specific || first_person) &&
               (scan.lexicons & OPINION_MASK) == 0)
        {
          phrase = gloss_analysis_tokens_dup_range (tokens, s->first_token + scan.first_event, 1);
          explanation = g_strdup_printf (_("anecdote: reports a particular event ('%s')"), phrase);
        }
      else
        {
          continue;
        }

      s->evidence |= SENTENCE_EVIDENCE_ANECDOTE;
      if (scan.first_time != G_MAXUINT && scan.first_time < 4 && scan.first_event != G_MAXUINT)
        s->flags |= SENTENCE_DATED_EVENT;
      label = gloss_analysis_dup_sentence (an, s);
      g_ptr_array_add (an->evidence,
                       new_evidence ("anecdote", s->start, s->end, label, 0.6,
                                     explanation, NULL));
    }
}
