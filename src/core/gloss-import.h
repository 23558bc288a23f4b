/* gloss-import.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-document.h"

G_BEGIN_DECLS

#define GLOSS_IMPORT_ERROR (gloss_import_error_quark ())

typedef enum {
  GLOSS_IMPORT_ERROR_EMPTY,        /* the file has no text */
  GLOSS_IMPORT_ERROR_BINARY,       /* the file is not text (NUL bytes, image...) */
  GLOSS_IMPORT_ERROR_UNSUPPORTED,  /* a text format Gloss cannot read */
  GLOSS_IMPORT_ERROR_TOO_LARGE,    /* above GLOSS_IMPORT_MAX_SIZE */
  GLOSS_IMPORT_ERROR_NO_CONTENT,   /* parsed, but no article text was found */
} GlossImportError;

#define GLOSS_IMPORT_MAX_SIZE (64 * 1024 * 1024)

GQuark               gloss_import_error_quark  (void);

/* Guesses the format from the file name and the first bytes. */
GlossDocumentFormat  gloss_import_guess_format (const char     *filename,
                                                GBytes         *bytes);

GlossDocument       *gloss_import_bytes        (GBytes         *bytes,
                                                GlossDocumentFormat format,
                                                GFile          *file,
                                                GError        **error);
GlossDocument       *gloss_import_file         (GFile          *file,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* Reads and imports in a worker thread. */
void                 gloss_import_file_async   (GFile          *file,
                                                GCancellable   *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer        user_data);
GlossDocument       *gloss_import_file_finish  (GAsyncResult   *result,
                                                GError        **error);

/* The individual importers; @bytes is the raw file content. */
GlossDocument       *gloss_import_text         (GBytes         *bytes,
                                                GFile          *file,
                                                GError        **error);
GlossDocument       *gloss_import_html         (GBytes         *bytes,
                                                GFile          *file,
                                                GError        **error);
GlossDocument       *gloss_import_markdown     (GBytes         *bytes,
                                                GFile          *file,
                                                GError        **error);

G_END_DECLS
