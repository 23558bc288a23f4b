/* gloss-export-private.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation.h"
#include "gloss-export.h"

G_BEGIN_DECLS

/* What the exports share (gloss-export.c): how notes are grouped and the
 * words they are described with. Markdown is in gloss-export.c, HTML in
 * gloss-export-html.c, CSV in gloss-export-csv.c.
 */

typedef struct {
  guint  start;
  char  *title;
  /* GlossAnnotation, in document order. */
  GPtrArray *notes;
} GlossExportSection;

/* The notes of an article as every export presents them. */
typedef struct {
  /* GlossExportSection, in document order; the first one holds the notes before the
   * first heading and has no title.
   */
  GPtrArray *sections;
  /* GlossAnnotation, in document order: notes that could not be placed. */
  GPtrArray *orphans;
  /* Owns the placed notes that the sections point to. */
  GPtrArray *placed;
  guint      n_headings;
} GlossExportGrouping;

void                 gloss_export_grouping_free          (GlossExportGrouping *grouping);
GlossExportGrouping *gloss_export_group_notes            (GlossDocument       *document,
                                                          GListModel          *annotations);
guint                gloss_export_grouping_get_n_notes   (GlossExportGrouping *grouping);
const char          *gloss_export_section_heading        (GlossExportGrouping *grouping,
                                                          GlossExportSection  *section);

const char          *gloss_export_verdict_label          (GlossVerdict         verdict);
const char          *gloss_export_role_label             (GlossCreatorRole     role);
const char          *gloss_export_document_title         (GlossDocument       *document);
const char          *gloss_export_orphans_heading        (void);
const char          *gloss_export_orphans_explanation    (void);
const char          *gloss_export_needs_review_label     (void);
char                *gloss_export_dup_note_date          (GlossAnnotation     *annotation);

static inline const char *
gloss_export_not_null (const char *str)
{
  return str != NULL ? str : "";
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossExportGrouping, gloss_export_grouping_free)

G_END_DECLS
