/* gloss-analysis-private.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-analysis.h"
#include "gloss-analysis-lexicon.h"

G_BEGIN_DECLS

/* The parts of the analysis share these: gloss-analysis-text.c splits the
 * text into sentences and words, gloss-analysis-sections.c finds the
 * outline and the language, gloss-analysis-cues.c (with
 * gloss-analysis-phrases.c for the extent of a cue and
 * gloss-analysis-labels.c for labels made on the spot),
 * gloss-analysis-statistics.c, gloss-analysis-sources.c and
 * gloss-analysis-evidence.c, and gloss-analysis-claims.c (with the model of
 * gloss-analysis-model.c) find cues, evidence and claims in them,
 * gloss-analysis-summary.c sums them up, and gloss-analysis.c holds the
 * object and runs the whole.
 */

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
  GlossFinding  *thesis;      /* (nullable) one of the claims */

  GlossAnalysisSummary summary;
  GPtrArray     *cue_kinds;   /* (element-type utf8), NULL-terminated */
  GArray        *cue_counts;  /* (element-type guint) */
  GPtrArray     *sources;     /* (element-type utf8), NULL-terminated */
};

/* Where a token lies in the analysed text. */
typedef struct {
  guint start;       /* code points */
  guint end;
  gsize byte_start;  /* bytes */
  gsize byte_end;
  guint numeric : 1;
  guint acronym : 1;
  guint possessive : 1;
} TokenInfo;

typedef enum {
  SENTENCE_HEADING        = 1 << 0,
  SENTENCE_LEAD_IN        = 1 << 1,
  SENTENCE_FIRST_IN_BLOCK = 1 << 2,
  SENTENCE_QUESTION       = 1 << 3,
  SENTENCE_EXCLAMATION    = 1 << 4,
  /* A first line that stands alone above the article: its headline. */
  SENTENCE_HEADLINE       = 1 << 5,
  /* It tells of an event and says when: "In 1993, the president ...". */
  SENTENCE_DATED_EVENT    = 1 << 6,
} SentenceFlags;

/* What a sentence offers as evidence, found by gloss-analysis-evidence.c. */
typedef enum {
  SENTENCE_EVIDENCE_STATISTIC   = 1 << 0,
  SENTENCE_EVIDENCE_QUOTATION   = 1 << 1,
  SENTENCE_EVIDENCE_ATTRIBUTION = 1 << 2,
  SENTENCE_EVIDENCE_SOURCE      = 1 << 3,  /* a link or a citation */
  SENTENCE_EVIDENCE_ANECDOTE    = 1 << 4,
} SentenceEvidence;

typedef struct {
  guint         start;      /* code points, without surrounding space */
  guint         end;
  gsize         byte_start;
  gsize         byte_end;
  guint         block;
  guint         first_token;
  guint         n_tokens;
  SentenceFlags flags;
  SentenceEvidence evidence;
} Sentence;

/* The words of a text with their positions; the lexicon matcher works on
 * the parallel array of GlossLexToken.
 */
typedef struct {
  const char   *text;
  GArray       *lex;   /* (element-type GlossLexToken) */
  GArray       *info;  /* (element-type TokenInfo) */
  GStringChunk *chunk;
} Tokens;

static inline const GlossLexToken *
lex_at (const Tokens *tokens,
        guint         index)
{
  return &g_array_index (tokens->lex, GlossLexToken, index);
}

static inline const TokenInfo *
info_at (const Tokens *tokens,
         guint         index)
{
  return &g_array_index (tokens->info, TokenInfo, index);
}

typedef struct {
  GlossDocument   *document;
  const char      *text;
  guint            length;
  GArray          *sentences;   /* (element-type Sentence) */
  Tokens           tokens;
  GPtrArray       *sections;
  GPtrArray       *claims;
  GPtrArray       *evidence;
  GPtrArray       *cues;
  GPtrArray       *document_cues;
  GlossFinding    *thesis;       /* (nullable) (unowned) one of claims */
  guint            intro_end;      /* start of the first section */
  guint            conclusion_start;
  guint            conclusion_end;
} Analyser;

/* A clause needs as many words to stand on its own. */
#define MIN_CLAUSE_WORDS 4

typedef struct {
  guint first;
  guint n;
} TokenRange;

typedef struct {
  guint    first;      /* token range */
  guint    n_tokens;
  guint    start;      /* code points, with currency and percent signs */
  guint    end;
  gsize    byte_start;
  gsize    byte_end;
} Statistic;

gboolean     gloss_analysis_is_word_char             (gunichar        c);
gboolean     gloss_analysis_word_in                  (const char     *folded,
                                                      const char * const *words);
void         gloss_analysis_tokens_init              (Tokens         *tokens,
                                                      const char     *text);
void         gloss_analysis_tokens_clear             (Tokens         *tokens);
char        *gloss_analysis_tokens_dup_range         (const Tokens   *tokens,
                                                      guint           first,
                                                      guint           n);
void         gloss_analysis_tokenize                 (Tokens         *tokens,
                                                      gsize           byte_start,
                                                      gsize           byte_end,
                                                      guint           cp_start,
                                                      guint           sentence);
guint        gloss_analysis_name_run                 (const Tokens   *tokens,
                                                      guint           index,
                                                      guint           limit);
gsize        gloss_analysis_block_byte_end           (const char     *text,
                                                      const GlossBlock *block);
void         gloss_analysis_split_sentences          (Analyser       *an);
void         gloss_analysis_tokenize_sentences       (Analyser       *an);
void         gloss_analysis_mark_headline            (Analyser       *an);
void         gloss_analysis_split_clauses            (const Analyser *an,
                                                      guint           sentence,
                                                      GArray         *ranges);
char        *gloss_analysis_dup_sentence             (const Analyser *an,
                                                      const Sentence *s);

/* The extent of a cue (gloss-analysis-phrases.c). */
gboolean     gloss_analysis_is_modifier              (const char     *folded);
gboolean     gloss_analysis_is_determiner            (const char     *folded);
void         gloss_analysis_extend_phrase            (const Tokens   *tokens,
                                                      const guint8   *taken,
                                                      GlossLexiconId  lexicon,
                                                      guint          *first,
                                                      guint          *last);
void         gloss_analysis_extend_to_next_word      (const Tokens   *tokens,
                                                      const guint8   *taken,
                                                      guint          *last);
gboolean     gloss_analysis_is_participle            (const char     *folded);

/* Cues (gloss-analysis-cues.c, gloss-analysis-labels.c). */
GlossFinding *gloss_analysis_new_cue                 (const char     *tag,
                                                      guint           start,
                                                      guint           end,
                                                      const char     *label,
                                                      double          score,
                                                      const char     *explanation);
void         gloss_analysis_find_labels              (const Analyser *an,
                                                      GArray         *selected,
                                                      const guint    *owner,
                                                      guint8         *taken,
                                                      GArray         *labels);

void         gloss_analysis_find_lexicon_cues        (Analyser       *an);
void         gloss_analysis_find_sentence_cues       (Analyser       *an);
void         gloss_analysis_find_repetition          (Analyser       *an);
void         gloss_analysis_find_scare_quotes        (Analyser       *an);
void         gloss_analysis_find_document_cues       (Analyser       *an);

/* Evidence (gloss-analysis-statistics.c, gloss-analysis-sources.c,
 * gloss-analysis-evidence.c).
 */
GlossFinding *gloss_analysis_new_evidence            (const char     *kind,
                                                      guint           start,
                                                      guint           end,
                                                      const char     *label,
                                                      double          score,
                                                      const char     *explanation,
                                                      const char     *detail);
gboolean     gloss_analysis_is_year                  (const Tokens   *tokens,
                                                      guint           index);
void         gloss_analysis_find_statistics          (const Tokens   *tokens,
                                                      guint           first,
                                                      guint           n,
                                                      gsize           byte_min,
                                                      gsize           byte_max,
                                                      GArray         *out);
void         gloss_analysis_find_statistic_evidence  (Analyser       *an);
void         gloss_analysis_find_quotations          (Analyser       *an);
void         gloss_analysis_find_attributions        (Analyser       *an);
void         gloss_analysis_find_links_and_citations (Analyser       *an);
void         gloss_analysis_find_anecdotes           (Analyser       *an);
SentenceEvidence gloss_analysis_evidence_bit         (const char     *kind);
void         gloss_analysis_mark_sentence_evidence   (Analyser       *an);

void         gloss_analysis_find_sections            (Analyser       *an);
gboolean     gloss_analysis_is_english               (const Analyser *an);

void         gloss_analysis_find_claims              (Analyser       *an);
const char  *gloss_analysis_sentence_kind            (const Tokens   *tokens,
                                                      gsize           len,
                                                      gboolean        question);

void         gloss_analysis_summarize                (GlossAnalysis  *self);

/* The claim model (gloss-analysis-model.c). */
double       gloss_analysis_model_score              (const Tokens   *tokens,
                                                      guint           first,
                                                      guint           n_tokens,
                                                      const char     *text,
                                                      gsize           len,
                                                      char          **reason);
double       gloss_analysis_model_threshold          (void);

G_END_DECLS
