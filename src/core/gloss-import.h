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
/* A page saved as one MIME file (.mhtml, .mht): its HTML part is the
 * article, and the images it shows from the other parts become resources
 * of the document. gloss_import_html() calls it for such files too.
 */
GlossDocument       *gloss_import_mhtml        (GBytes         *bytes,
                                                GFile          *file,
                                                GError        **error);

/* Helpers shared by the importers. */

/* A name for @file fit for error messages ("war.html"), or "the article"
 * when @file is %NULL.
 */
char                *gloss_import_dup_display_name (GFile   *file);
/* Fails with TOO_LARGE, EMPTY or BINARY when @bytes cannot be an article. */
gboolean             gloss_import_check_bytes  (GBytes         *bytes,
                                                GFile          *file,
                                                GError        **error);
/* Decodes @bytes as UTF-8 text (a UTF-8 or UTF-16 byte order mark is
 * honoured and removed); invalid sequences become U+FFFD and a notice is
 * added to @builder. Fails with EMPTY when only whitespace remains.
 */
char                *gloss_import_decode_text  (GBytes         *bytes,
                                                GFile          *file,
                                                GlossDocumentBuilder *builder,
                                                GError        **error);
/* Finds a date in @text ("May 18, 2025", "18 May 2025", "2025-05-18",
 * an ISO 8601 date-time) and returns it as ISO 8601, or %NULL.
 */
char                *gloss_import_parse_date   (const char     *text);

G_END_DECLS
