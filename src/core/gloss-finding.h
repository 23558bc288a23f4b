/* gloss-finding.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  GLOSS_FINDING_SECTION,
  GLOSS_FINDING_CLAIM,
  GLOSS_FINDING_EVIDENCE,
  GLOSS_FINDING_CUE,
} GlossFindingCategory;

#define GLOSS_TYPE_FINDING_CATEGORY (gloss_finding_category_get_type ())

GType gloss_finding_category_get_type (void) G_GNUC_CONST;

#define GLOSS_TYPE_FINDING (gloss_finding_get_type ())

G_DECLARE_FINAL_TYPE (GlossFinding, gloss_finding, GLOSS, FINDING, GObject)

/* One result of the analysis: a range of the document text with what was
 * found there and why.
 *
 * - sections: kind "section", label = heading title, level = heading level;
 * - claims: kind one of "factual", "evaluative", "causal", "prediction",
 *   "recommendation"; label = the sentence, or the clause of it that makes
 *   the claim; has-evidence says whether evidence lies near it;
 * - evidence: kind one of "statistic", "quotation", "attribution",
 *   "citation", "link", "anecdote" (a personal story or the report of a
 *   particular event); detail = the speaker or source if found;
 * - cues: kind = a tag id of the bias vocabulary ("loaded-language",
 *   "hedge", "generalisation", "intensifier", "rhetorical-question", ...),
 *   detail = the PTC technique if there is one. A cue about the whole
 *   article ("no-source", "one-sidedness") has an empty range at 0 and no
 *   label.
 *
 * explanation is one human line ("hedge: 'may' weakens the claim").
 */
GlossFinding         *gloss_finding_new             (GlossFindingCategory category,
                                                     const char          *kind,
                                                     guint                start,
                                                     guint                end,
                                                     const char          *label,
                                                     double               score,
                                                     const char          *explanation);

GlossFindingCategory  gloss_finding_get_category    (GlossFinding *self);
const char           *gloss_finding_get_kind        (GlossFinding *self);
guint                 gloss_finding_get_start       (GlossFinding *self);
guint                 gloss_finding_get_end         (GlossFinding *self);
/* The matched text, or a section title, or a claim sentence. */
const char           *gloss_finding_get_label       (GlossFinding *self);
double                gloss_finding_get_score       (GlossFinding *self);
const char           *gloss_finding_get_explanation (GlossFinding *self);
guint                 gloss_finding_get_level       (GlossFinding *self);
void                  gloss_finding_set_level       (GlossFinding *self,
                                                     guint         level);
const char           *gloss_finding_get_detail      (GlossFinding *self);
void                  gloss_finding_set_detail      (GlossFinding *self,
                                                     const char   *detail);
/* For a claim: whether the article offers evidence for it in the same
 * sentence or paragraph. A claim without is also given the reason "no
 * evidence given".
 */
gboolean              gloss_finding_get_has_evidence (GlossFinding *self);
void                  gloss_finding_set_has_evidence (GlossFinding *self,
                                                      gboolean      has_evidence);
/* Further reasons, each one short line; the explanation is the first. */
const char * const   *gloss_finding_get_reasons     (GlossFinding *self);
void                  gloss_finding_add_reason      (GlossFinding *self,
                                                     const char   *reason);

const char           *gloss_finding_category_to_string (GlossFindingCategory category);

G_END_DECLS
