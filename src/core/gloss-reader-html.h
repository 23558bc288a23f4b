/* gloss-reader-html.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document.h"

G_BEGIN_DECLS

/* The Content-Security-Policy of every generated page. */
#define GLOSS_READER_CSP \
  "default-src 'none'; style-src 'unsafe-inline' gloss-resource:; " \
  "img-src gloss-resource: data:; font-src gloss-resource:; " \
  "media-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'"

/* Sanitized reader HTML: our markup only, every string escaped. Each block
 * element carries data-start/data-end (code points) and data-b (block
 * index); the text nodes of a block concatenate to exactly its text. Links
 * keep their href in data-href (and href) but never load anything.
 * @extra_head is trusted markup inserted in <head> (a <style> element), or
 * NULL.
 */
char *gloss_reader_html_render (GlossDocument *document,
                                const char    *extra_head);

G_END_DECLS
