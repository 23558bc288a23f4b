/* gloss-analysis-sources.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Who says so: attributions ("according to the ministry", "she said")
 * and quotations with their speakers.
 */


/* A quotation needs this many words; fewer are scare quotes or titles. */
#define MIN_QUOTE_WORDS 4

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
                   gloss_analysis_new_evidence ("attribution",
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
                   gloss_analysis_new_evidence ("quotation", start, end, label,
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
