/* gloss-analysis-claims.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Claims: every sentence, or clause, that the author asserts and that is
 * not itself evidence, with its kind, its score and the reasons for both.
 * The word lists give the kind; the claim model (gloss-analysis-model.c)
 * tells factual claims from opinions and reports of events.
 */

/* The score of a thesis statement; every other claim stays below it. */
#define THESIS_SCORE 1.0
#define MAX_CLAIM_SCORE 0.95
/* A sentence that reports a particular event and that the claim model
 * finds at least this check-worthy is offered as evidence rather than
 * argued.
 */
#define REPORT_THRESHOLD 0.8
/* A sentence with fewer words is a fragment, not a claim. */
#define MIN_CLAIM_WORDS 3

/* What was found in one sentence, for the claim score. */
typedef struct {
  guint      n_words;
  guint      n_numbers;
  guint      n_years;
  guint      n_statistics;
  guint      n_entities;
  guint      n_evaluative;
  guint      n_hedges;
  guint      n_topics;
  guint      n_comparisons;
  guint      n_past;
  gboolean   event;
  gboolean   assertive;
  gboolean   causal;
  gboolean   prediction;
  gboolean   recommendation;
  gboolean   imperative;
  gboolean   evaluative_frame;
  guint      thesis_markers;
  gboolean   open_question;
  gboolean   first_person;
  gboolean   opinion_marker;
  gboolean   question;
  gboolean   attributed;
  double     checkworthy;   /* the claim model's probability */
  GPtrArray *reasons;       /* the kind-defining reasons */
  GPtrArray *more_reasons;  /* supporting reasons */
} Features;

static void
features_init (Features *f)
{
  memset (f, 0, sizeof *f);
  f->reasons = g_ptr_array_new_with_free_func (g_free);
  f->more_reasons = g_ptr_array_new_with_free_func (g_free);
}

static void
features_clear (Features *f)
{
  g_clear_pointer (&f->reasons, g_ptr_array_unref);
  g_clear_pointer (&f->more_reasons, g_ptr_array_unref);
}

typedef struct {
  const Tokens  *tokens;
  Features      *features;
  guint          limit;
  char          *first_match[GLOSS_N_LEXICONS];
  guint          counts[GLOSS_N_LEXICONS];
} FeatureScan;

static void
feature_match_cb (const GlossLexMatch *match,
                  gpointer             user_data)
{
  FeatureScan *scan = user_data;

  if (match->first + match->n_tokens > scan->limit)
    return;

  scan->counts[match->lexicon]++;
  if (scan->first_match[match->lexicon] == NULL)
    scan->first_match[match->lexicon] = gloss_analysis_tokens_dup_range (scan->tokens, match->first, match->n_tokens);
}

#define FEATURE_MASK (GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVALUATIVE) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVALUATIVE_FRAME) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_THESIS) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_CAUSAL) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_PREDICTION) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_RECOMMENDATION) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_EVENT) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_REPORT_VERB) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_SOURCE_INTRO) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_HEDGE) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_LOADED_LANGUAGE) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_CHECKWORTHY_TOPIC) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_COMPARISON) | \
                      GLOSS_LEXICON_MASK (GLOSS_LEXICON_ANECDOTE))

G_GNUC_PRINTF (2, 3)
static void
add_reason (GPtrArray  *reasons,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (reasons, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Reads the signals of the sentence made of tokens [first, first + n). */
static void
scan_features (const Tokens *tokens,
               guint         first,
               guint         n,
               gsize         byte_start,
               gsize         byte_end,
               gboolean      question,
               Features     *f)
{
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  guint n_tokens = tokens->lex->len;
  guint end = first + n;
  FeatureScan scan = { tokens, f, end, { NULL }, { 0 } };
  g_autoptr(GArray) stats = g_array_new (FALSE, FALSE, sizeof (Statistic));
  g_autofree char *entity = NULL;
  g_autofree char *event = NULL;
  g_autofree char *number = NULL;

  f->n_words = n;
  f->question = question;

  for (guint t = first; t < end; t++)
    {
      const GlossLexToken *tok = &lex[t];
      const TokenInfo *info = info_at (tokens, t);

      gloss_lexicon_match_at (lex, n_tokens, t, FEATURE_MASK, feature_match_cb, &scan);

      if (!info->numeric && gloss_lexicon_contains (GLOSS_LEXICON_NUMBER_WORD, tok->folded))
        {
          f->n_numbers++;
          if (number == NULL)
            number = gloss_analysis_tokens_dup_range (tokens, t, 1);
        }

      /* Regular past tenses report what happened. */
      if (!tok->capitalised && strlen (tok->folded) > 4 && g_str_has_suffix (tok->folded, "ed") &&
          !g_str_has_suffix (tok->folded, "eed"))
        f->n_past++;

      if (info->numeric)
        {
          if (gloss_analysis_is_year (tokens, t))
            {
              f->n_years++;
            }
          else
            {
              f->n_numbers++;
              if (number == NULL)
                number = gloss_analysis_tokens_dup_range (tokens, t, 1);
            }
        }

      /* Names: capitalised words inside the sentence, acronyms anywhere,
       * and a first word that is a possessive or opens a longer name.
       */
      if (info->acronym ||
          (tok->capitalised && !tok->sentence_initial && strcmp (tok->folded, "i") != 0) ||
          (tok->capitalised && tok->sentence_initial &&
           !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, tok->folded) &&
           (info->possessive ||
            (t + 1 < end && lex[t + 1].capitalised && lex[t + 1].joined))))
        {
          gboolean continues = t > first && lex[t].joined &&
                               (lex[t - 1].capitalised || info_at (tokens, t - 1)->acronym) &&
                               !(lex[t - 1].sentence_initial &&
                                 gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, lex[t - 1].folded));

          if (!continues)
            {
              f->n_entities++;
              if (entity == NULL)
                {
                  guint run = gloss_analysis_name_run (tokens, t, end);

                  entity = gloss_analysis_tokens_dup_range (tokens, t, MAX (run, 1));
                }
            }
        }

      /* "has launched", "have issued": a reported event. */
      if ((strcmp (tok->folded, "has") == 0 || strcmp (tok->folded, "have") == 0 ||
           strcmp (tok->folded, "had") == 0) && t + 1 < end)
        {
          for (guint k = t + 1; k < end && k <= t + 2; k++)
            {
              gsize len = strlen (lex[k].folded);

              if (len > 3 && (g_str_has_suffix (lex[k].folded, "ed") ||
                              g_str_has_suffix (lex[k].folded, "en")) &&
                  strcmp (lex[k].folded, "been") != 0)
                {
                  if (event == NULL)
                    event = gloss_analysis_tokens_dup_range (tokens, t, k - t + 1);
                  break;
                }
            }

          f->assertive = TRUE;
        }

      if (strcmp (tok->folded, "is") == 0 || strcmp (tok->folded, "are") == 0 ||
          strcmp (tok->folded, "was") == 0 || strcmp (tok->folded, "were") == 0)
        f->assertive = TRUE;

      if (strcmp (tok->folded, "i") == 0 || strcmp (tok->folded, "my") == 0 ||
          strcmp (tok->folded, "me") == 0)
        f->first_person = TRUE;

      if ((strcmp (tok->folded, "i") == 0 || strcmp (tok->folded, "we") == 0) && t + 1 < end &&
          (strcmp (lex[t + 1].folded, "think") == 0 || strcmp (lex[t + 1].folded, "believe") == 0 ||
           strcmp (lex[t + 1].folded, "feel") == 0 || strcmp (lex[t + 1].folded, "hope") == 0 ||
           strcmp (lex[t + 1].folded, "want") == 0))
        f->opinion_marker = TRUE;

      if (strcmp (tok->folded, "whether") == 0)
        f->open_question = TRUE;
    }

  if (event == NULL && scan.first_match[GLOSS_LEXICON_EVENT] != NULL)
    event = g_strdup (scan.first_match[GLOSS_LEXICON_EVENT]);

  gloss_analysis_find_statistics (tokens, first, n, byte_start, byte_end, stats);
  f->n_statistics = stats->len;

  f->n_evaluative = scan.counts[GLOSS_LEXICON_EVALUATIVE] + scan.counts[GLOSS_LEXICON_LOADED_LANGUAGE];
  f->n_hedges = scan.counts[GLOSS_LEXICON_HEDGE];
  f->n_topics = scan.counts[GLOSS_LEXICON_CHECKWORTHY_TOPIC];
  f->n_comparisons = scan.counts[GLOSS_LEXICON_COMPARISON];
  f->event = event != NULL;
  f->causal = scan.counts[GLOSS_LEXICON_CAUSAL] > 0;
  f->prediction = scan.counts[GLOSS_LEXICON_PREDICTION] > 0;
  f->recommendation = scan.counts[GLOSS_LEXICON_RECOMMENDATION] > 0;
  /* "whether ... constitutes" asks; it does not assert. */
  f->evaluative_frame = scan.counts[GLOSS_LEXICON_EVALUATIVE_FRAME] > 0 && !f->open_question;
  f->thesis_markers = scan.counts[GLOSS_LEXICON_THESIS];
  f->attributed = scan.counts[GLOSS_LEXICON_REPORT_VERB] > 0 ||
                  scan.counts[GLOSS_LEXICON_SOURCE_INTRO] > 0;
  f->imperative = n > 0 && lex[first].sentence_initial && lex[first].capitalised &&
                  gloss_lexicon_contains (GLOSS_LEXICON_IMPERATIVE, lex[first].folded) &&
                  !(n > 1 && (strcmp (lex[first + 1].folded, "is") == 0 ||
                              strcmp (lex[first + 1].folded, "are") == 0 ||
                              g_str_has_suffix (lex[first + 1].folded, "s")));

  /* The reasons, in the order of what decides the kind. */
  if (f->evaluative_frame)
    add_reason (f->reasons, _("evaluative framing: '%s'"), scan.first_match[GLOSS_LEXICON_EVALUATIVE_FRAME]);
  if (f->recommendation)
    add_reason (f->reasons, _("recommendation: '%s'"), scan.first_match[GLOSS_LEXICON_RECOMMENDATION]);
  if (f->imperative)
    add_reason (f->reasons, _("recommendation: imperative '%s'"), lex[first].folded);
  if (f->prediction)
    add_reason (f->reasons, _("prediction: '%s'"), scan.first_match[GLOSS_LEXICON_PREDICTION]);
  if (f->causal)
    add_reason (f->reasons, _("causal: '%s'"), scan.first_match[GLOSS_LEXICON_CAUSAL]);
  if (f->n_statistics > 0)
    {
      const Statistic *st = &g_array_index (stats, Statistic, 0);
      g_autofree char *label = g_strndup (tokens->text + st->byte_start, st->byte_end - st->byte_start);

      add_reason (f->reasons, _("statistic: '%s'"), label);
    }
  if (scan.first_match[GLOSS_LEXICON_EVALUATIVE] != NULL)
    add_reason (f->reasons, _("evaluative word: '%s'"), scan.first_match[GLOSS_LEXICON_EVALUATIVE]);
  if (scan.first_match[GLOSS_LEXICON_LOADED_LANGUAGE] != NULL)
    add_reason (f->reasons, _("evaluative word: '%s'"), scan.first_match[GLOSS_LEXICON_LOADED_LANGUAGE]);

  if (event != NULL)
    add_reason (f->more_reasons, _("reported event: '%s'"), event);
  if (entity != NULL)
    add_reason (f->more_reasons, _("named entity: '%s'"), entity);
  if (number != NULL && f->n_statistics == 0)
    add_reason (f->more_reasons, _("number: '%s'"), number);
  if (scan.first_match[GLOSS_LEXICON_HEDGE] != NULL)
    add_reason (f->more_reasons, _("hedged: '%s'"), scan.first_match[GLOSS_LEXICON_HEDGE]);

  for (guint l = 0; l < GLOSS_N_LEXICONS; l++)
    g_free (scan.first_match[l]);
}

static const char *
claim_kind (const Features *f)
{
  if (f->evaluative_frame)
    return "evaluative";
  if (f->recommendation || f->imperative)
    return "recommendation";
  if (f->prediction && f->n_statistics == 0)
    return "prediction";
  if (f->causal && f->n_statistics == 0)
    return "causal";
  if (f->n_statistics > 0 || f->checkworthy >= gloss_analysis_model_threshold ())
    return "factual";
  /* What is neither a figure nor a checkable fact is the author's view. */
  return "evaluative";
}

/* The explanation of a claim that no word of it explains better. */
static const char *
kind_explanation (const char *kind)
{
  if (strcmp (kind, "factual") == 0)
    return _("factual: a statement of fact that can be checked");
  if (strcmp (kind, "causal") == 0)
    return _("causal: says what brings something about");
  if (strcmp (kind, "prediction") == 0)
    return _("prediction: says what will happen");
  if (strcmp (kind, "recommendation") == 0)
    return _("recommendation: says what ought to be done");
  return _("opinion: the author's view, not a checkable fact");
}

/* How strongly the sentence asserts something the reader should weigh. */
static double
claim_score (const Features *f)
{
  double score = 0.2;

  if (f->n_statistics > 0)
    score += 0.3;
  else if (f->n_numbers > 0)
    score += 0.15;

  score += 0.06 * MIN (f->n_entities, 3);
  score += f->event ? 0.1 : 0.0;
  score += 0.1 * MIN (f->n_evaluative, 3);
  score += f->evaluative_frame ? 0.2 : 0.0;
  score += f->causal ? 0.15 : 0.0;
  score += f->prediction ? 0.2 : 0.0;
  score += (f->recommendation || f->imperative) ? 0.4 : 0.0;
  score -= 0.04 * MIN (f->n_hedges, 2);
  score -= f->first_person ? 0.1 : 0.0;
  score -= f->n_words < 8 ? 0.1 : 0.0;

  return CLAMP (score, 0.0, MAX_CLAIM_SCORE);
}

/* A claim is a sentence, or a clause of one where the author joins
 * several assertions ("X is failing; Y will follow").
 */
typedef struct {
  guint            sentence;
  guint            first_token;
  guint            n_tokens;
  guint            start;
  guint            end;
  gsize            byte_start;
  gsize            byte_end;
  SentenceEvidence evidence;
} Clause;

typedef struct {
  guint    clause;
  double   score;
  guint    thesis_strength;
  char    *model_reason;
  Features features;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  features_clear (&c->features);
  g_clear_pointer (&c->model_reason, g_free);
}

static void
add_clause (const Analyser *an,
            guint           sentence,
            guint           first,
            guint           last,
            GArray         *clauses)
{
  const Sentence *s = &g_array_index (an->sentences, Sentence, sentence);
  Clause clause = { 0 };

  clause.sentence = sentence;
  clause.first_token = first;
  clause.n_tokens = last - first + 1;

  /* The first clause starts with the sentence and the last ends with it,
   * so that quotation marks and the full stop stay with them.
   */
  if (first == s->first_token)
    {
      clause.start = s->start;
      clause.byte_start = s->byte_start;
    }
  else
    {
      clause.start = info_at (&an->tokens, first)->start;
      clause.byte_start = info_at (&an->tokens, first)->byte_start;
    }

  if (last == s->first_token + s->n_tokens - 1)
    {
      clause.end = s->end;
      clause.byte_end = s->byte_end;
    }
  else
    {
      clause.end = info_at (&an->tokens, last)->end;
      clause.byte_end = info_at (&an->tokens, last)->byte_end;
    }

  g_array_append_val (clauses, clause);
}

static void
split_clauses (const Analyser *an,
               guint           sentence,
               GArray         *clauses)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (TokenRange));

  gloss_analysis_split_clauses (an, sentence, ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      const TokenRange *r = &g_array_index (ranges, TokenRange, i);

      add_clause (an, sentence, r->first, r->first + r->n - 1, clauses);
    }
}

/* Marks every clause with the kinds of evidence that lie in it. */
static void
mark_clause_evidence (Analyser *an,
                      GArray   *clauses)
{
  for (guint i = 0; i < an->evidence->len; i++)
    {
      GlossFinding *finding = g_ptr_array_index (an->evidence, i);
      guint start = gloss_finding_get_start (finding);
      guint end = gloss_finding_get_end (finding);
      SentenceEvidence bit = gloss_analysis_evidence_bit (gloss_finding_get_kind (finding));
      guint lo = 0;
      guint hi = clauses->len;

      /* The first clause that ends after the start of the evidence. */
      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (clauses, Clause, mid).end <= start)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (guint k = lo; k < clauses->len; k++)
        {
          Clause *c = &g_array_index (clauses, Clause, k);

          if (c->start >= end)
            break;
          c->evidence |= bit;
        }
    }
}

/* Whether a clause's part in the argument is to support a claim rather
 * than to make one: someone else's words, a figure, or the report of a
 * particular event. Such a clause is listed as evidence, not as a claim
 * of the author's.
 */
static gboolean
is_support (const Clause   *clause,
            const Sentence *s,
            const Features *f,
            gboolean        narrative)
{
  if ((clause->evidence & (SENTENCE_EVIDENCE_QUOTATION | SENTENCE_EVIDENCE_ATTRIBUTION |
                           SENTENCE_EVIDENCE_STATISTIC)) != 0)
    return TRUE;

  if ((clause->evidence & SENTENCE_EVIDENCE_ANECDOTE) == 0)
    return FALSE;

  /* A story the author tells in the first person supports the argument
   * however little a fact-checker would care for it; so does an event
   * told in a paragraph that tells a story, or one that says when it
   * happened. Elsewhere, an event reported in the third person does when
   * it is the kind of fact one would check.
   */
  return f->checkworthy >= REPORT_THRESHOLD || f->first_person || narrative ||
         (s->flags & SENTENCE_DATED_EVENT) != 0;
}

void
gloss_analysis_find_claims (Analyser *an)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_autoptr(GArray) clauses = g_array_new (FALSE, TRUE, sizeof (Clause));
  g_autofree SentenceEvidence *block_evidence = NULL;
  g_autofree guint *block_sentences = NULL;
  g_autofree guint *block_anecdotes = NULL;
  guint n_blocks = gloss_document_get_n_blocks (an->document);
  guint best_thesis = G_MAXUINT;
  guint best_strength = 0;

  g_array_set_clear_func (candidates, candidate_clear);

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);

      if ((s->flags & (SENTENCE_HEADING | SENTENCE_HEADLINE | SENTENCE_LEAD_IN |
                       SENTENCE_QUESTION)) != 0 ||
          s->n_tokens < MIN_CLAIM_WORDS)
        continue;

      split_clauses (an, i, clauses);
    }

  mark_clause_evidence (an, clauses);

  /* The evidence of each paragraph, for "no evidence given". */
  block_evidence = g_new0 (SentenceEvidence, MAX (n_blocks, 1));
  block_sentences = g_new0 (guint, MAX (n_blocks, 1));
  block_anecdotes = g_new0 (guint, MAX (n_blocks, 1));
  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);

      block_evidence[s->block] |= s->evidence;
      block_sentences[s->block]++;
      if ((s->evidence & SENTENCE_EVIDENCE_ANECDOTE) != 0)
        block_anecdotes[s->block]++;
    }

  for (guint i = 0; i < clauses->len; i++)
    {
      const Clause *clause = &g_array_index (clauses, Clause, i);
      const Sentence *s = &g_array_index (an->sentences, Sentence, clause->sentence);
      Candidate c = { 0 };
      gboolean in_intro;
      gboolean in_conclusion;

      c.clause = i;
      features_init (&c.features);
      scan_features (&an->tokens, clause->first_token, clause->n_tokens,
                     clause->byte_start, clause->byte_end, FALSE, &c.features);
      c.features.checkworthy = gloss_analysis_model_score (&an->tokens, clause->first_token,
                                                           clause->n_tokens,
                                                           an->text + clause->byte_start,
                                                           clause->byte_end - clause->byte_start,
                                                           &c.model_reason);

      c.score = claim_score (&c.features);
      if ((s->flags & SENTENCE_FIRST_IN_BLOCK) != 0 && clause->start == s->start)
        c.score = MIN (c.score + 0.1, MAX_CLAIM_SCORE);

      /* The thesis: the introduction or the conclusion states what the
       * article argues. An open question ("whether...") is not a thesis.
       * The sentence with the most markers wins, the conclusion before the
       * introduction.
       */
      in_intro = s->start < an->intro_end;
      in_conclusion = s->start >= an->conclusion_start && s->end <= an->conclusion_end;

      /* The introduction and the conclusion are where an author states
       * the argument rather than develops it.
       */
      if (in_intro || in_conclusion)
        c.score = MIN (c.score + 0.05, MAX_CLAIM_SCORE);
      if ((in_intro || in_conclusion) && c.features.thesis_markers > 0 &&
          !c.features.open_question)
        {
          c.thesis_strength = 2 * c.features.thesis_markers + (in_conclusion ? 1 : 0);
          if (c.thesis_strength > best_strength)
            {
              best_strength = c.thesis_strength;
              best_thesis = candidates->len;
            }

          /* A restatement of the conclusion is a strong claim too. */
          c.score = MIN (c.score + 0.15, MAX_CLAIM_SCORE);
        }
      else if (is_support (clause, s, &c.features,
                           /* a paragraph that tells a story */
                           3 * block_anecdotes[s->block] > 2 * block_sentences[s->block]))
        {
          candidate_clear (&c);
          continue;
        }

      g_array_append_val (candidates, c);
    }

  for (guint k = 0; k < candidates->len; k++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, k);
      const Clause *clause = &g_array_index (clauses, Clause, c->clause);
      const Sentence *s = &g_array_index (an->sentences, Sentence, clause->sentence);
      gboolean thesis = k == best_thesis;
      gboolean has_evidence = (s->evidence | block_evidence[s->block]) != 0;
      g_autofree char *label = NULL;
      GlossFinding *claim;

      if (thesis)
        c->score = THESIS_SCORE;

      label = g_strndup (an->text + clause->byte_start, clause->byte_end - clause->byte_start);
      claim = gloss_finding_new (GLOSS_FINDING_CLAIM, claim_kind (&c->features),
                                 clause->start, clause->end, label, c->score, NULL);
      gloss_finding_set_has_evidence (claim, has_evidence);

      if (thesis)
        {
          gloss_finding_add_reason (claim, _("thesis: states what the article argues"));
          an->thesis = claim;
        }
      for (guint r = 0; r < c->features.reasons->len; r++)
        gloss_finding_add_reason (claim, g_ptr_array_index (c->features.reasons, r));
      if (c->model_reason != NULL && c->features.checkworthy >= gloss_analysis_model_threshold ())
        gloss_finding_add_reason (claim, c->model_reason);
      if (gloss_finding_get_explanation (claim) == NULL)
        gloss_finding_add_reason (claim, kind_explanation (gloss_finding_get_kind (claim)));
      for (guint r = 0; r < c->features.more_reasons->len; r++)
        gloss_finding_add_reason (claim, g_ptr_array_index (c->features.more_reasons, r));
      if ((s->flags & SENTENCE_FIRST_IN_BLOCK) != 0 && clause->start == s->start)
        gloss_finding_add_reason (claim, _("opens its paragraph"));
      if (!has_evidence)
        gloss_finding_add_reason (claim, _("no evidence given: no figure, quotation, source or example in its paragraph"));

      g_ptr_array_add (an->claims, claim);
    }
}

/* The kind of a lone sentence, for gloss_analysis_classify_sentence(): a
 * question or a fragment asserts nothing.
 */
const char *
gloss_analysis_sentence_kind (const Tokens *tokens,
                              gsize         len,
                              gboolean      question)
{
  Features f;
  const char *kind;

  features_init (&f);
  scan_features (tokens, 0, tokens->lex->len, 0, len, question, &f);

  if (tokens->lex->len == 0 || question)
    kind = "none";
  else if (f.n_words < 4 && f.n_numbers == 0)
    kind = "none";
  else
    kind = claim_kind (&f);

  features_clear (&f);

  return kind;
}
