/* gloss-anchor.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation.h"
#include "gloss-document.h"

G_BEGIN_DECLS

/* Finds @annotation in @document and updates its position and anchor state:
 * the stored position when the text hash matches (and the quote agrees);
 * otherwise a quote search scored with prefix, suffix and distance from the
 * old position. Never drops anything: an annotation that cannot be found is
 * marked GLOSS_ANCHOR_ORPHAN and keeps its stored quote.
 */
GlossAnchorState gloss_anchor_annotation (GlossDocument   *document,
                                          GlossAnnotation *annotation);

G_END_DECLS
