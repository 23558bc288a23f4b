/* gloss-side-pane.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-core.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_SIDE_PANE (gloss_side_pane_get_type ())

G_DECLARE_FINAL_TYPE (GlossSidePane, gloss_side_pane, GLOSS, SIDE_PANE, GtkWidget)

/* The pane beside the article: four lists over the analysis and the notes
 * (Outline, Claims, Cues, Notes) and the switch that highlights findings.
 *
 * Properties: article (GlossArticle), visible-page ("outline", "claims",
 * "cues" or "notes").
 * Signals:
 *   reveal (guint start, guint end): the reader chose a row; the owner
 *     scrolls the article to that range.
 *   note-activated (GlossAnnotation *): the reader asked to edit a note.
 */
GtkWidget       *gloss_side_pane_new               (void);

GlossArticle    *gloss_side_pane_get_article       (GlossSidePane *self);
void             gloss_side_pane_set_article       (GlossSidePane *self,
                                                    GlossArticle  *article);
const char      *gloss_side_pane_get_visible_page  (GlossSidePane *self);
void             gloss_side_pane_set_visible_page  (GlossSidePane *self,
                                                    const char    *page);

/* The models on show (empty when no article is set). */
GListModel      *gloss_side_pane_get_outline_model (GlossSidePane *self);
GListModel      *gloss_side_pane_get_claims_model  (GlossSidePane *self);
GListModel      *gloss_side_pane_get_cues_model    (GlossSidePane *self);
GListModel      *gloss_side_pane_get_notes_model   (GlossSidePane *self);
/* The list of @page ("outline", "claims", "cues", "notes"), or NULL. */
GtkListView     *gloss_side_pane_get_list_view     (GlossSidePane *self,
                                                    const char    *page);
/* The summary of the analysis above the pages. */
GtkWidget       *gloss_side_pane_get_summary       (GlossSidePane *self);

/* Shows and selects the claim or cue at [start, end), if there is one. */
void             gloss_side_pane_show_finding      (GlossSidePane *self,
                                                    guint          start,
                                                    guint          end);

/* The note selected in the Notes list, or NULL. */
GlossAnnotation *gloss_side_pane_get_selected_note (GlossSidePane *self);
void             gloss_side_pane_select_note       (GlossSidePane   *self,
                                                    GlossAnnotation *annotation);

G_END_DECLS
