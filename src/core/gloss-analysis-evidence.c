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

/* Evidence: links, citations and anecdotes, and which sentences offer
 * evidence of which kind. Statistics are found in
 * gloss-analysis-statistics.c, attributions and quotations in
 * gloss-analysis-sources.c.
 */

GlossFinding *
gloss_analysis_new_evidence (const char *kind,
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
                           gloss_analysis_new_evidence ("link", span->start, span->end, label, 0.8,
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
                               gloss_analysis_new_evidence ("link", cp, cp + n, label, 0.8, explanation, label));
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
                                   gloss_analysis_new_evidence ("citation", cp, cp + n + 1, label, 0.8,
                                                                explanation, NULL));
                  cp += n;
                  p = q;
                }
            }
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
      const GlossLexToken *sl;
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

      sl = lex + s->first_token;
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
                       gloss_analysis_new_evidence ("anecdote", s->start, s->end, label, 0.6,
                                                    explanation, NULL));
    }
}
