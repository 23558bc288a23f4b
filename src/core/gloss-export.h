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

G_END_DECLS
