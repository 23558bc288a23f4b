/* gloss-export.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation-store.h"
#include "gloss-document.h"

G_BEGIN_DECLS

/* Notes as Markdown: the article title, then one "##" heading per section
 * (in document order) with each note's quote as a block quote, its kind and
 * tags, its note text and source; orphaned notes last under their own
 * heading.
 */
char *gloss_export_markdown (GlossDocument *document,
                             GListModel    *annotations);

/* Notes as a standalone HTML5 page (UTF-8, inline style only, loads
 * nothing): a header with the article's title, byline, site, date and the
 * number of notes, then the same sections as the Markdown export, one
 * <article> per note. The note text is rendered from Markdown; everything
 * else is escaped.
 */
char *gloss_export_html     (GlossDocument *document,
                             GListModel    *annotations);

/* Notes as RFC 4180 CSV (CRLF, a header row, no byte order mark): one row
 * per note in document order, orphans last. Fields that a spreadsheet
 * would run as a formula get a leading apostrophe; see gloss-export-csv.c
 * for the columns.
 */
char *gloss_export_csv      (GlossDocument *document,
                             GListModel    *annotations);

/* The notes file itself, as a W3C Web Annotation collection in indented
 * JSON-LD, for other annotation tools.
 */
char *gloss_export_web_annotation (GlossAnnotationStore *store);

G_END_DECLS
