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

/* A single sentence, for `gloss-cli classify-sentences`: whether it is a
 * check-worthy factual claim, its score in 0..1 and its kind ("factual",
 * "evaluative", "causal", "prediction", "recommendation" or "none").
 */
gboolean       gloss_analysis_classify_sentence (const char         *sentence,
                                                 double             *score,
                                                 const char        **kind);

G_END_DECLS
