/* gloss-annotation-store.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-annotation.h"
#include "gloss-document.h"

G_BEGIN_DECLS

/* Version of the sidecar format written by this Gloss ("gloss:format"). */
#define GLOSS_SIDECAR_FORMAT 1
#define GLOSS_SIDECAR_SUFFIX ".gloss.json"

#define GLOSS_SIDECAR_ERROR (gloss_sidecar_error_quark ())

typedef enum {
  GLOSS_SIDECAR_ERROR_INVALID,     /* not JSON, or not a Gloss collection */
  GLOSS_SIDECAR_ERROR_NEWER,       /* written by a newer Gloss: read-only */
  GLOSS_SIDECAR_ERROR_READ_ONLY,   /* the store refuses to write */
} GlossSidecarError;

GQuark gloss_sidecar_error_quark (void);

#define GLOSS_TYPE_ANNOTATION_STORE (gloss_annotation_store_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotationStore, gloss_annotation_store, GLOSS, ANNOTATION_STORE, GObject)

/* A GListModel of GlossAnnotation, ordered by position in the document
 * (orphans last). Properties:
 *   document (construct-only), file (the sidecar, construct-only),
 *   dirty, autosave (debounced save one second after a change),
 *   read-only (set when the sidecar is from a newer Gloss),
 *   n-orphans, n-unreadable, backup-file, conflict-file, repaired.
 * Signals:
 *   saved (), save-failed (GError*): emitted after every save, explicit or
 *   automatic; after a failure the notes stay in memory and dirty stays
 *   TRUE.
 *
 * Loading a sidecar that does not parse leaves the file untouched and
 * returns the error; the store then starts empty. The first save after that
 * moves the damaged file aside to "<sidecar>.broken" (or ".broken-N"), never
 * overwriting it, and reports the new name through
 * gloss_annotation_store_get_backup_file().
 *
 * A sidecar that is not valid UTF-8 (saved by an editor in another
 * encoding) is read with each byte that is not UTF-8 replaced by U+FFFD;
 * "repaired" says so, and the first save keeps the original bytes aside
 * as "<sidecar>.broken" as above. A sidecar nested deeper than any
 * collection of notes needs is refused as GLOSS_SIDECAR_ERROR_INVALID
 * without being parsed. Notes that share an id keep the first one's; the
 * others get fresh ids, so that each can be edited and deleted on its own.
 *
 * Saving never replaces a sidecar that another program changed since
 * Gloss read or wrote it: the other version is moved aside to
 * "<sidecar>.conflict" (or ".conflict-N"), the notes are saved, and
 * gloss_annotation_store_get_conflict_file() names the copy. A save that
 * fails is tried again by autosave, at growing intervals, until it works.
 *
 * A sidecar from a newer Gloss ("gloss:format" above GLOSS_SIDECAR_FORMAT)
 * loads the notes this version can read, makes the store read-only and
 * returns GLOSS_SIDECAR_ERROR_NEWER; saving then fails with
 * GLOSS_SIDECAR_ERROR_READ_ONLY. Single notes that cannot be read are kept
 * as they are, written back unchanged, and counted by
 * gloss_annotation_store_get_n_unreadable(); loading still succeeds.
 */
GlossAnnotationStore *gloss_annotation_store_new          (GlossDocument        *document,
                                                           GFile                *file);
/* "<article>.gloss.json" beside @article. */
GFile                *gloss_annotation_store_sidecar_for  (GFile                *article);

GlossDocument        *gloss_annotation_store_get_document (GlossAnnotationStore *self);
/* Moves the notes onto a new version of the document (the article changed
 * on disk): every note is anchored again, none is dropped, and changed
 * positions count as changes to save.
 */
void                  gloss_annotation_store_set_document (GlossAnnotationStore *self,
                                                           GlossDocument        *document);
GFile                *gloss_annotation_store_get_file     (GlossAnnotationStore *self);
GFile                *gloss_annotation_store_get_backup_file (GlossAnnotationStore *self);
/* Where the last version of the sidecar written by another program was
 * kept, or NULL.
 */
GFile                *gloss_annotation_store_get_conflict_file (GlossAnnotationStore *self);
gboolean              gloss_annotation_store_get_repaired (GlossAnnotationStore *self);
gboolean              gloss_annotation_store_get_dirty    (GlossAnnotationStore *self);
gboolean              gloss_annotation_store_get_read_only (GlossAnnotationStore *self);
gboolean              gloss_annotation_store_get_autosave (GlossAnnotationStore *self);
void                  gloss_annotation_store_set_autosave (GlossAnnotationStore *self,
                                                           gboolean              autosave);
guint                 gloss_annotation_store_get_n_orphans (GlossAnnotationStore *self);
/* Notes in the sidecar that could not be read (kept verbatim). */
guint                 gloss_annotation_store_get_n_unreadable (GlossAnnotationStore *self);

void                  gloss_annotation_store_add          (GlossAnnotationStore *self,
                                                           GlossAnnotation      *annotation);
gboolean              gloss_annotation_store_remove       (GlossAnnotationStore *self,
                                                           GlossAnnotation      *annotation);
GlossAnnotation      *gloss_annotation_store_lookup       (GlossAnnotationStore *self,
                                                           const char           *id);
/* Annotations overlapping [start, end). (transfer container) */
GPtrArray            *gloss_annotation_store_find_range   (GlossAnnotationStore *self,
                                                           guint                 start,
                                                           guint                 end);

/* Parse, validate and anchor; a missing sidecar is not an error. */
gboolean              gloss_annotation_store_load         (GlossAnnotationStore *self,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
void                  gloss_annotation_store_load_async   (GlossAnnotationStore *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              gloss_annotation_store_load_finish  (GlossAnnotationStore *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);
/* Atomic: temporary file, fsync, rename. */
gboolean              gloss_annotation_store_save         (GlossAnnotationStore *self,
                                                           GCancellable         *cancellable,
                                                           GError              **error);
void                  gloss_annotation_store_save_async   (GlossAnnotationStore *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean              gloss_annotation_store_save_finish  (GlossAnnotationStore *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* The sidecar document as JSON (a W3C AnnotationCollection). */
JsonNode             *gloss_annotation_store_to_json      (GlossAnnotationStore *self);

/* Parses and checks a sidecar without a document: used by
 * `gloss-cli validate`. Returns the number of annotations, or -1.
 */
int                   gloss_sidecar_validate              (GBytes               *bytes,
                                                           GError              **error);
/* The notes of a sidecar read without a document, in the order of the
 * file and not anchored, after the same checks as gloss_sidecar_validate():
 * used to compare notes files. (element-type GlossAnnotation)
 */
GPtrArray            *gloss_sidecar_read_annotations      (GBytes               *bytes,
                                                           GError              **error);

G_END_DECLS
