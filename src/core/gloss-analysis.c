/* gloss-analysis.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis.h"
#include "gloss-analysis-lexicon.h"
#include "gloss-analysis-private.h"

/* The analysis splits the text into sentences with ICU and sentences into
 * words, matches the word lists of data/lexicons and combines the matches
 * into sections, evidence and cues; a claim model trained on check-worthy
 * sentences (data/models) tells factual claims from opinions and reports.
 * Every sentence that the author asserts and that is not itself evidence
 * is a claim. Every step is linear in the length of the text, so a long
 * article is analysed in a fraction of a second.
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

struct _GlossAnalysis
{
  GObject        parent_instance;

  GlossDocument *document;
  GListStore    *sections;
  GListStore    *claims;
  GListStore    *evidence;
  GListStore    *cues;
  GListStore    *document_cues;
  GArray        *sentence_ranges; /* (element-type GlossRange) */
  char          *notice;

  GlossAnalysisSummary summary;
  GPtrArray     *cue_kinds;   /* (element-type utf8), NULL-terminated */
  GArray        *cue_counts;  /* (element-type guint) */
  GPtrArray     *sources;     /* (element-type utf8), NULL-terminated */
};

G_DEFINE_FINAL_TYPE (GlossAnalysis, gloss_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Sections. */

static char *
normalize_title (const char *title)
{
  g_autofree char *down = g_utf8_strdown (title, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (gloss_analysis_is_word_char (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_conclusion_title (const char *title)
{
  g_autofree char *down = g_utf8_strdown (title, -1);
  static const char * const words[] = {
    "conclusion", "concluding", "summary", "final thoughts", "takeaway",
    "the bottom line", "in closing", "wrapping up", "verdict",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (down, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static void
find_sections (Analyser *an)
{
  guint n_blocks = gloss_document_get_n_blocks (an->document);
  const char *title = gloss_document_get_title (an->document);
  g_autofree char *norm_title = title != NULL ? normalize_title (title) : NULL;
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);

      if (block->kind == GLOSS_BLOCK_HEADING && block->end > block->start)
        {
          g_autofree char *text = g_strndup (an->text + block->byte_start,
                                             gloss_analysis_block_byte_end (an->text, block) - block->byte_start);
          g_autofree char *norm = normalize_title (text);

          /* A heading that repeats the article's title is the title, not
           * a part of the outline.
           */
          if (norm_title != NULL && norm_title[0] != '\0' && strcmp (norm, norm_title) == 0)
            continue;

          g_array_append_val (headings, b);
        }
    }

  an->intro_end = an->length;
  an->conclusion_start = an->length;
  an->conclusion_end = an->length;

  for (guint h = 0; h < headings->len; h++)
    {
      guint b = g_array_index (headings, guint, h);
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      guint level = MAX (block->level, 1);
      guint last_block = n_blocks - 1;
      g_autofree char *text = NULL;
      g_autofree char *explanation = NULL;
      GlossFinding *section;

      for (guint k = h + 1; k < headings->len; k++)
        {
          guint nb = g_array_index (headings, guint, k);

          if (MAX (gloss_document_get_block (an->document, nb)->level, 1) <= level)
            {
              last_block = nb - 1;
              break;
            }
        }

      text = g_strndup (an->text + block->byte_start,
                        gloss_analysis_block_byte_end (an->text, block) - block->byte_start);
      explanation = g_strdup_printf (_("section: heading of level %u"), level);
      section = gloss_finding_new (GLOSS_FINDING_SECTION, "section",
                                   block->start,
                                   gloss_document_get_block (an->document, last_block)->end,
                                   text, 1.0, explanation);
      gloss_finding_set_level (section, level);
      g_ptr_array_add (an->sections, section);

      if (h == 0)
        an->intro_end = block->start;

      if (is_conclusion_title (text))
        {
          an->conclusion_start = gloss_finding_get_start (section);
          an->conclusion_end = gloss_finding_get_end (section);
        }
    }

  /* Without a heading that says so, the last section is the conclusion. */
  if (an->conclusion_start == an->length && an->sections->len > 1)
    {
      GlossFinding *last = g_ptr_array_index (an->sections, an->sections->len - 1);

      an->conclusion_start = gloss_finding_get_start (last);
      an->conclusion_end = gloss_finding_get_end (last);
    }
}

/* Claims. */

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

static void
find_claims (Analyser *an)
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
        gloss_finding_add_reason (claim, _("thesis: states what the article argues"));
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

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  GlossFinding *fa = *(GlossFinding * const *)a;
  GlossFinding *fb = *(GlossFinding * const *)b;
  guint sa = gloss_finding_get_start (fa);
  guint sb = gloss_finding_get_start (fb);
  guint ea = gloss_finding_get_end (fa);
  guint eb = gloss_finding_get_end (fb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return strcmp (gloss_finding_get_kind (fa), gloss_finding_get_kind (fb));
}

static void
fill_store (GListStore *store,
            GPtrArray  *findings)
{
  g_ptr_array_sort (findings, compare_findings);
  g_list_store_splice (store, 0, 0, findings->pdata, findings->len);
}

/* Languages. The analysis knows English; a document says which language
 * it is in when its source does, and otherwise the share of common English
 * words tells. Another language needs its word lists and model, and an
 * entry here.
 */

/* English prose has about two words in five from the stopword list;
 * French or German, with a few shared words, well under one in ten.
 */
#define MIN_STOPWORD_SHARE 0.12
/* Fewer words than this are too few to tell the language by. */
#define MIN_WORDS_FOR_LANGUAGE 20

static gboolean
is_english (const Analyser *an)
{
  const char *language = gloss_document_get_language (an->document);
  guint n_tokens = an->tokens.lex->len;
  guint n_stopwords = 0;
  guint n_words = 0;

  if (language != NULL && language[0] != '\0')
    return g_ascii_strncasecmp (language, "en", 2) == 0 &&
           (language[2] == '\0' || language[2] == '-' || language[2] == '_');

  for (guint t = 0; t < n_tokens; t++)
    {
      const GlossLexToken *tok = lex_at (&an->tokens, t);

      if (info_at (&an->tokens, t)->numeric)
        continue;

      n_words++;
      if (gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, tok->folded))
        n_stopwords++;
    }

  return n_words < MIN_WORDS_FOR_LANGUAGE || n_stopwords >= MIN_STOPWORD_SHARE * n_words;
}

/* The summary. */

static char *
source_of (GlossFinding *finding)
{
  const char *kind = gloss_finding_get_kind (finding);
  const char *detail = gloss_finding_get_detail (finding);

  if (detail == NULL)
    return NULL;

  if (strcmp (kind, "link") == 0)
    {
      g_autoptr(GUri) uri = g_uri_parse (detail, G_URI_FLAGS_NONE, NULL);
      const char *host;

      if (uri == NULL && g_str_has_prefix (detail, "www."))
        {
          g_autofree char *full = g_strconcat ("http://", detail, NULL);

          uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
        }

      host = uri != NULL ? g_uri_get_host (uri) : NULL;
      if (host == NULL || host[0] == '\0')
        return NULL;
      if (g_str_has_prefix (host, "www."))
        host += strlen ("www.");
      return g_strdup (host);
    }

  if (strcmp (kind, "quotation") == 0 || strcmp (kind, "attribution") == 0)
    return g_strdup (detail);

  return NULL;
}

static int
compare_kind_counts (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *counts = user_data;
  const char *ka = *(const char * const *)a;
  const char *kb = *(const char * const *)b;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, ka));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, kb));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return strcmp (ka, kb);
}

static void
summarize (GlossAnalysis *self)
{
  GListModel *claims = G_LIST_MODEL (self->claims);
  GListModel *evidence = G_LIST_MODEL (self->evidence);
  GListModel *cues = G_LIST_MODEL (self->cues);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossAnalysisSummary *summary = &self->summary;

  summary->n_claims = g_list_model_get_n_items (claims);
  summary->n_evidence = g_list_model_get_n_items (evidence);
  summary->n_cues = g_list_model_get_n_items (cues);

  for (guint i = 0; i < summary->n_claims; i++)
    {
      g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, i);

      if (gloss_finding_get_has_evidence (claim))
        summary->n_claims_with_evidence++;
    }

  /* The kinds are interned by the findings, which outlive the summary's
   * use of them as keys.
   */
  for (guint i = 0; i < summary->n_cues; i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);
      const char *kind = g_intern_string (gloss_finding_get_kind (cue));

      if (!g_hash_table_contains (counts, kind))
        g_ptr_array_add (self->cue_kinds, (gpointer)kind);
      g_hash_table_insert (counts, (gpointer)kind,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, kind)) + 1));
    }

  g_ptr_array_sort_with_data (self->cue_kinds, compare_kind_counts, counts);
  for (guint i = 0; i < self->cue_kinds->len; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (self->cue_kinds, i)));

      g_array_append_val (self->cue_counts, count);
    }

  for (guint i = 0; i < summary->n_evidence; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (evidence, i);
      g_autofree char *source = source_of (finding);
      g_autofree char *key = NULL;

      if (source == NULL)
        continue;

      key = g_utf8_casefold (source, -1);
      if (g_hash_table_contains (seen, key))
        continue;

      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (self->sources, g_steal_pointer (&source));
    }

  summary->n_cue_kinds = self->cue_kinds->len;
  summary->n_sources = self->sources->len;
  g_ptr_array_add (self->cue_kinds, NULL);
  g_ptr_array_add (self->sources, NULL);
  summary->cue_kinds = (const char * const *)self->cue_kinds->pdata;
  summary->cue_counts = (const guint *)(gpointer)self->cue_counts->data;
  summary->sources = (const char * const *)self->sources->pdata;
}

static void
gloss_analysis_run (GlossAnalysis *self)
{
  Analyser an = { 0 };

  an.document = self->document;
  an.text = gloss_document_get_text (self->document);
  an.length = gloss_document_get_length (self->document);
  an.sentences = g_array_new (FALSE, TRUE, sizeof (Sentence));
  an.sections = g_ptr_array_new_with_free_func (g_object_unref);
  an.claims = g_ptr_array_new_with_free_func (g_object_unref);
  an.evidence = g_ptr_array_new_with_free_func (g_object_unref);
  an.cues = g_ptr_array_new_with_free_func (g_object_unref);
  gloss_analysis_tokens_init (&an.tokens, an.text);

  an.document_cues = g_ptr_array_new_with_free_func (g_object_unref);
  gloss_analysis_split_sentences (&an);
  gloss_analysis_tokenize_sentences (&an);
  gloss_analysis_mark_headline (&an);
  find_sections (&an);

  if (!is_english (&an))
    {
      /* Claims, evidence and cues rest on English word lists and an
       * English model: in another language they would be nonsense. The
       * outline does not depend on the language.
       */
      self->notice = g_strdup (_("This article does not seem to be in English: analysis is available for English, so only its sections are shown."));
      goto done;
    }

  gloss_analysis_find_lexicon_cues (&an);
  gloss_analysis_find_sentence_cues (&an);
  gloss_analysis_find_repetition (&an);
  gloss_analysis_find_scare_quotes (&an);
  gloss_analysis_find_statistic_evidence (&an);
  /* Attributions first: a quotation's "she said" refers back to them. */
  gloss_analysis_find_attributions (&an);
  gloss_analysis_find_quotations (&an);
  gloss_analysis_find_links_and_citations (&an);
  gloss_analysis_mark_sentence_evidence (&an);
  gloss_analysis_find_anecdotes (&an);
  find_claims (&an);
  gloss_analysis_find_document_cues (&an);

done:
  for (guint i = 0; i < an.sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an.sentences, Sentence, i);
      GlossRange range = { s->start, s->end };

      g_array_append_val (self->sentence_ranges, range);
    }

  fill_store (self->sections, an.sections);
  fill_store (self->claims, an.claims);
  fill_store (self->evidence, an.evidence);
  fill_store (self->cues, an.cues);
  g_list_store_splice (self->document_cues, 0, 0, an.document_cues->pdata, an.document_cues->len);
  summarize (self);

  gloss_analysis_tokens_clear (&an.tokens);
  g_array_unref (an.sentences);
  g_ptr_array_unref (an.sections);
  g_ptr_array_unref (an.claims);
  g_ptr_array_unref (an.evidence);
  g_ptr_array_unref (an.cues);
  g_ptr_array_unref (an.document_cues);
}

/* GObject. */

static void
gloss_analysis_finalize (GObject *object)
{
  GlossAnalysis *self = (GlossAnalysis *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->sections);
  g_clear_object (&self->claims);
  g_clear_object (&self->evidence);
  g_clear_object (&self->cues);
  g_clear_object (&self->document_cues);
  g_clear_pointer (&self->sentence_ranges, g_array_unref);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->cue_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->cue_counts, g_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_analysis_parent_class)->finalize (object);
}

static void
gloss_analysis_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossAnalysis *self = GLOSS_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_analysis_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossAnalysis *self = GLOSS_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_analysis_constructed (GObject *object)
{
  GlossAnalysis *self = (GlossAnalysis *)object;

  G_OBJECT_CLASS (gloss_analysis_parent_class)->constructed (object);

  g_assert (GLOSS_IS_DOCUMENT (self->document));

  gloss_analysis_run (self);
}

static void
gloss_analysis_class_init (GlossAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_analysis_finalize;
  object_class->get_property = gloss_analysis_get_property;
  object_class->set_property = gloss_analysis_set_property;
  object_class->constructed = gloss_analysis_constructed;

  /**
   * GlossAnalysis:document:
   *
   * The analysed document.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GLOSS_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_analysis_init (GlossAnalysis *self)
{
  self->sections = g_list_store_new (GLOSS_TYPE_FINDING);
  self->claims = g_list_store_new (GLOSS_TYPE_FINDING);
  self->evidence = g_list_store_new (GLOSS_TYPE_FINDING);
  self->cues = g_list_store_new (GLOSS_TYPE_FINDING);
  self->document_cues = g_list_store_new (GLOSS_TYPE_FINDING);
  self->sentence_ranges = g_array_new (FALSE, FALSE, sizeof (GlossRange));
  self->cue_kinds = g_ptr_array_new ();
  self->cue_counts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sources = g_ptr_array_new_with_free_func (g_free);
}

/**
 * gloss_analysis_new:
 * @document: the document to analyse
 *
 * Analyses @document in the calling thread.
 *
 * Returns: (transfer full): the analysis
 */
GlossAnalysis *
gloss_analysis_new (GlossDocument *document)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  return g_object_new (GLOSS_TYPE_ANALYSIS,
                       "document", document,
                       NULL);
}

static void
gloss_analysis_new_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  GlossDocument *document = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, gloss_analysis_new (document), g_object_unref);
}

/**
 * gloss_analysis_new_async:
 * @document: the document to analyse
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the analysis is ready
 * @user_data: data for @callback
 *
 * Analyses @document in a worker thread. The document is not changed by
 * the analysis and must not be changed while it runs.
 */
void
gloss_analysis_new_async (GlossDocument       *document,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_analysis_new_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_task_run_in_thread (task, gloss_analysis_new_thread);
}

/**
 * gloss_analysis_new_finish:
 * @result: the result given to the callback
 * @error: a location for a #GError, or %NULL
 *
 * Returns: (transfer full): the analysis, or %NULL if it was cancelled
 */
GlossAnalysis *
gloss_analysis_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_analysis_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GlossDocument *
gloss_analysis_get_document (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return self->document;
}

GListModel *
gloss_analysis_get_sections (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->sections);
}

GListModel *
gloss_analysis_get_claims (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->claims);
}

GListModel *
gloss_analysis_get_evidence (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->evidence);
}

GListModel *
gloss_analysis_get_cues (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->cues);
}

/**
 * gloss_analysis_get_document_cues:
 * @self: a #GlossAnalysis
 *
 * Returns: (transfer none): the cues about the article as a whole
 *   (element-type GlossFinding), with an empty range at 0
 */
GListModel *
gloss_analysis_get_document_cues (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->document_cues);
}

/**
 * gloss_analysis_get_summary:
 * @self: a #GlossAnalysis
 *
 * Returns: (transfer none): the article at a glance, owned by @self
 */
const GlossAnalysisSummary *
gloss_analysis_get_summary (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return &self->summary;
}

double
gloss_analysis_summary_get_evidence_share (const GlossAnalysisSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0.0);

  if (summary->n_claims == 0)
    return 0.0;

  return (double)summary->n_claims_with_evidence / summary->n_claims;
}

/**
 * gloss_analysis_get_notice:
 * @self: a #GlossAnalysis
 *
 * Returns: (nullable): a translated note about the analysis as a whole,
 *   such as that it is available for English only
 */
const char *
gloss_analysis_get_notice (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return self->notice;
}

const GlossRange *
gloss_analysis_get_sentences (GlossAnalysis *self,
                              guint         *n_sentences)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  if (n_sentences != NULL)
    *n_sentences = self->sentence_ranges->len;

  return (const GlossRange *)(gpointer)self->sentence_ranges->data;
}

/**
 * gloss_analysis_find_section:
 * @self: a #GlossAnalysis
 * @offset: a code point offset into the document text
 *
 * Returns: (transfer none) (nullable): the innermost section that contains
 *   @offset, or %NULL before the first heading
 */
GlossFinding *
gloss_analysis_find_section (GlossAnalysis *self,
                             guint          offset)
{
  GListModel *model;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  model = G_LIST_MODEL (self->sections);
  hi = g_list_model_get_n_items (model);

  /* The last section that starts at or before @offset... */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      g_autoptr(GlossFinding) section = g_list_model_get_item (model, mid);

      if (gloss_finding_get_start (section) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* ...or the nearest one before it that still contains it: the sections
   * are sorted by start, so the first that contains @offset going back is
   * the innermost.
   */
  while (lo > 0)
    {
      g_autoptr(GlossFinding) section = g_list_model_get_item (model, --lo);

      if (offset < gloss_finding_get_end (section))
        return section;
    }

  return NULL;
}

/**
 * gloss_analysis_classify_sentence:
 * @sentence: one sentence of text
 * @score: (out) (optional): how check-worthy it is, in 0..1
 * @kind: (out) (optional) (transfer none): its kind
 *
 * Decides whether @sentence is a factual claim worth checking.
 *
 * Returns: %TRUE for a check-worthy factual claim
 */
gboolean
gloss_analysis_classify_sentence (const char  *sentence,
                                  double      *score,
                                  const char **kind)
{
  g_autofree char *text = NULL;
  Tokens tokens;
  Features f;
  double s;
  gboolean question;
  const char *k;
  gsize len;

  g_return_val_if_fail (sentence != NULL, FALSE);

  text = g_utf8_make_valid (sentence, -1);
  g_strstrip (text);
  len = strlen (text);
  question = len > 0 && text[len - 1] == '?';

  gloss_analysis_tokens_init (&tokens, text);
  gloss_analysis_tokenize (&tokens, 0, len, 0, 0);

  features_init (&f);
  scan_features (&tokens, 0, tokens.lex->len, 0, len, question, &f);

  s = gloss_analysis_model_score (&tokens, 0, tokens.lex->len, text, len, NULL);

  if (tokens.lex->len == 0 || question)
    k = "none";
  else if (f.n_words < 4 && f.n_numbers == 0)
    k = "none";
  else
    k = claim_kind (&f);

  features_clear (&f);
  gloss_analysis_tokens_clear (&tokens);

  if (score != NULL)
    *score = s;
  if (kind != NULL)
    *kind = k;

  return s >= gloss_analysis_model_threshold ();
}
