/* gloss-core.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-analysis.h"
#include "gloss-anchor.h"
#include "gloss-annotation.h"
#include "gloss-annotation-store.h"
#include "gloss-article.h"
#include "gloss-document.h"
#include "gloss-export.h"
#include "gloss-finding.h"
#include "gloss-grade.h"
#include "gloss-import.h"
#include "gloss-reader-html.h"
#include "gloss-utf8.h"
#include "gloss-vocabulary.h"
