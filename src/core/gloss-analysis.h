/* gloss-analysis.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document.h"
#include "gloss-finding.h"

G_BEGIN_DECLS

typedef struct {
  guint start;
  guint end;
} GlossRange;

/* What the side pane shows above its lists: the article at a glance. All
 * of it is owned by the analysis.
 */
typedef struct {
  guint               n_claims;
  /* Claims with evidence in their sentence or paragraph. */
  guint               n_claims_with_evidence;
  guint               n_evidence;
  /* Cues in the text, not counting the cues about the whole article. */
  guint               n_cues;
  /* Tag ids of the bias vocabulary, the most frequent first, with the
   * number of cues of each; n_cue_kinds long, cue_kinds NULL-terminated.
   */
  const char * const *cue_kinds;
  const guint        *cue_counts;
  guint               n_cue_kinds;
  /* The sources the article names: speakers, attributed sources and the
   * sites that links point to, in the order of their first mention;
   * NULL-terminated.
   */
  const char * const *sources;
  guint               n_sources;
} GlossAnalysisSummary;

#define GLOSS_TYPE_ANALYSIS (gloss_analysis_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnalysis, gloss_analysis, GLOSS, ANALYSIS, GObject)

/* Runs the whole analysis synchronously; the result is immutable and may be
 * handed to another thread.
 */
GlossAnalysis *gloss_analysis_new             (GlossDocument        *document);
void           gloss_analysis_new_async       (GlossDocument        *document,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GlossAnalysis *gloss_analysis_new_finish      (GAsyncResult         *result,
                                               GError              **error);

GlossDocument *gloss_analysis_get_document    (GlossAnalysis        *self);
/* (element-type GlossFinding), sorted by start offset. */
GListModel    *gloss_analysis_get_sections    (GlossAnalysis        *self);
GListModel    *gloss_analysis_get_claims      (GlossAnalysis        *self);
GListModel    *gloss_analysis_get_evidence    (GlossAnalysis        *self);
GListModel    *gloss_analysis_get_cues        (GlossAnalysis        *self);
/* Sentence ranges (ICU sentence boundaries inside each block). */
const GlossRange *gloss_analysis_get_sentences (GlossAnalysis       *self,
                                                guint               *n_sentences);
/* The section (GlossFinding) that contains @offset, or NULL before the first
 * heading.
 */
GlossFinding  *gloss_analysis_find_section    (GlossAnalysis        *self,
                                               guint                 offset);

/* Cues about the article as a whole (element-type GlossFinding): that it
 * cites no source ("no-source") or quotes one side only ("one-sidedness").
 * Their range is empty, at 0, and their label NULL.
 */
GListModel    *gloss_analysis_get_document_cues (GlossAnalysis      *self);
const GlossAnalysisSummary *
               gloss_analysis_get_summary     (GlossAnalysis        *self);
/* The share of claims with evidence near them, 0 when there are none. */
double         gloss_analysis_summary_get_evidence_share (const GlossAnalysisSummary *summary);
/* A note for the reader about the analysis as a whole, or NULL: for an
 * article that is not in a language the analysis knows, only sections are
 * found and the notice says that analysis is available for English.
 */
const char    *gloss_analysis_get_notice      (GlossAnalysis        *self);
/* The claim that states what the article argues (its thesis), or NULL. */
GlossFinding  *gloss_analysis_get_thesis      (GlossAnalysis        *self);

/* A single sentence, for `gloss-cli classify-sentences`: whether it is a
 * check-worthy factual claim, its score in 0..1 and its kind ("factual",
 * "evaluative", "causal", "prediction", "recommendation" or "none").
 */
gboolean       gloss_analysis_classify_sentence (const char         *sentence,
                                                 double             *score,
                                                 const char        **kind);

G_END_DECLS
