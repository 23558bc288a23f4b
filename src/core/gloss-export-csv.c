/* gloss-export-csv.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-csv.h"
#include "gloss-export-private.h"
#include "gloss-vocabulary.h"

/* CSV export (RFC 4180): a header row, then one row per note in document
 * order and the notes that could not be placed last, each row ending in
 * CRLF, UTF-8 without a byte order mark.
 *
 * Columns: id, section, start, end, quote, kind, tags, note, source,
 * source_type, verdict, creator, role, created, modified, status. Tags are
 * the labels of the vocabularies joined with "; ". "kind", "verdict",
 * "role" and "status" are stable words for scripts ("evidence", "supports",
 * "student", "anchored", "needs review" or "orphan"); dates are ISO 8601
 * in UTC; start and end are code point offsets into the article's text and
 * are empty for a note that could not be placed.
 *
 * Fields are quoted, and kept from running as formulas, by
 * gloss_csv_append_field().
 */

static void
append_csv_number (GString *out,
                   guint    value)
{
  g_string_append_printf (out, ",%u", value);
}

static char *
dup_iso_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date_time == NULL)
    return NULL;

  utc = g_date_time_to_utc (date_time);
  return g_date_time_format_iso8601 (utc);
}

static const char *
csv_status (GlossAnchorState state)
{
  switch (state)
    {
    case GLOSS_ANCHOR_NEEDS_REVIEW:
      return "needs review";
    case GLOSS_ANCHOR_ORPHAN:
      return "orphan";
    case GLOSS_ANCHOR_ANCHORED:
    case GLOSS_ANCHOR_MOVED:
    default:
      return "anchored";
    }
}

static void
append_csv_row (GString         *out,
                GlossAnnotation *annotation,
                const char      *section)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);
  GlossVerdict verdict = gloss_annotation_get_verdict (annotation);
  const char *creator = gloss_annotation_get_creator_name (annotation);
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autofree char *created = dup_iso_date (gloss_annotation_get_created (annotation));
  g_autofree char *modified = dup_iso_date (gloss_annotation_get_modified (annotation));

  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (labels, "; ");
      g_string_append (labels, gloss_annotation_get_tag_label (annotation, tags[i]));
    }

  gloss_csv_append_field (out, gloss_annotation_get_id (annotation), TRUE);
  gloss_csv_append_field (out, section, FALSE);
  if (state == GLOSS_ANCHOR_ORPHAN)
    {
      gloss_csv_append_field (out, NULL, FALSE);
      gloss_csv_append_field (out, NULL, FALSE);
    }
  else
    {
      append_csv_number (out, gloss_annotation_get_start (annotation));
      append_csv_number (out, gloss_annotation_get_end (annotation));
    }
  gloss_csv_append_field (out, gloss_annotation_get_exact (annotation), FALSE);
  gloss_csv_append_field (out, gloss_annotation_kind_to_string (gloss_annotation_get_kind (annotation)), FALSE);
  gloss_csv_append_field (out, labels->str, FALSE);
  gloss_csv_append_field (out, gloss_annotation_get_note (annotation), FALSE);
  gloss_csv_append_field (out, gloss_annotation_get_source (annotation), FALSE);
  gloss_csv_append_field (out, gloss_annotation_get_source_type (annotation), FALSE);
  gloss_csv_append_field (out, verdict != GLOSS_VERDICT_NONE ? gloss_verdict_to_string (verdict) : NULL, FALSE);
  gloss_csv_append_field (out, creator, FALSE);
  gloss_csv_append_field (out, creator != NULL ? gloss_creator_role_to_string (gloss_annotation_get_creator_role (annotation)) : NULL, FALSE);
  gloss_csv_append_field (out, created, FALSE);
  gloss_csv_append_field (out, modified, FALSE);
  gloss_csv_append_field (out, csv_status (state), FALSE);
  g_string_append (out, "\r\n");
}

char *
gloss_export_csv (GlossDocument *document,
                  GListModel    *annotations)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GlossExportGrouping) grouping = NULL;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (annotations), NULL);

  grouping = gloss_export_group_notes (document, annotations);
  out = g_string_new ("id,section,start,end,quote,kind,tags,note,source,source_type,"
                      "verdict,creator,role,created,modified,status\r\n");

  for (guint i = 0; i < grouping->sections->len; i++)
    {
      GlossExportSection *section = g_ptr_array_index (grouping->sections, i);
      const char *heading = gloss_export_section_heading (grouping, section);

      for (guint j = 0; j < section->notes->len; j++)
        append_csv_row (out, g_ptr_array_index (section->notes, j), heading);
    }

  for (guint i = 0; i < grouping->orphans->len; i++)
    append_csv_row (out, g_ptr_array_index (grouping->orphans, i), NULL);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
