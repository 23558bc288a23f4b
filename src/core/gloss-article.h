/* gloss-article.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-analysis.h"
#include "gloss-annotation-store.h"
#include "gloss-document.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE (gloss_article_get_type ())

G_DECLARE_FINAL_TYPE (GlossArticle, gloss_article, GLOSS, ARTICLE, GObject)

/* An opened article: its file, the imported document, the analysis and the
 * notes. Loading imports and analyses in a worker thread, then reads and
 * anchors the sidecar. A sidecar that cannot be read does not fail the load:
 * the article opens with an empty store and gloss_article_get_sidecar_error()
 * says why (the damaged file is left as it was).
 */
void                  gloss_article_load_async        (GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GlossArticle         *gloss_article_load_finish       (GAsyncResult        *result,
                                                       GError             **error);
GlossArticle         *gloss_article_load              (GFile               *file,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

/* Imports and analyses the article's file again after it changed on disk,
 * and moves the notes (saved or not) onto the new text: the store stays
 * the same object, keeps every note and re-anchors each one. "document"
 * and "analysis" notify. On failure (the file is gone, or is no longer an
 * article) nothing changes.
 */
gboolean              gloss_article_reload            (GlossArticle        *self,
                                                       GCancellable        *cancellable,
                                                       GError             **error);
void                  gloss_article_reload_async      (GlossArticle        *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean              gloss_article_reload_finish     (GlossArticle        *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

GFile                *gloss_article_get_file          (GlossArticle        *self);
GlossDocument        *gloss_article_get_document      (GlossArticle        *self);
GlossAnalysis        *gloss_article_get_analysis      (GlossArticle        *self);
GlossAnnotationStore *gloss_article_get_store         (GlossArticle        *self);
const GError         *gloss_article_get_sidecar_error (GlossArticle        *self);

G_END_DECLS
