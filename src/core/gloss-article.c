/* gloss-article.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article.h"
#include "gloss-import.h"

struct _GlossArticle
{
  GObject               parent_instance;

  GFile                *file;
  GlossDocument        *document;
  GlossAnalysis        *analysis;
  GlossAnnotationStore *store;
  GError               *sidecar_error;
};

G_DEFINE_FINAL_TYPE (GlossArticle, gloss_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_DOCUMENT,
  PROP_ANALYSIS,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_article_finalize (GObject *object)
{
  GlossArticle *self = (GlossArticle *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->document);
  g_clear_object (&self->analysis);
  g_clear_object (&self->store);
  g_clear_error (&self->sidecar_error);

  G_OBJECT_CLASS (gloss_article_parent_class)->finalize (object);
}

static void
gloss_article_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossArticle *self = GLOSS_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_class_init (GlossArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_article_finalize;
  object_class->get_property = gloss_article_get_property;

  /**
   * GlossArticle:file:
   *
   * The article's file.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GlossArticle:document:
   *
   * The imported document.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GlossArticle:analysis:
   *
   * What the analysis found in the document.
   */
  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, GLOSS_TYPE_ANALYSIS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * GlossArticle:store:
   *
   * The reader's notes, read from the sidecar beside the article.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GLOSS_TYPE_ANNOTATION_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_article_init (GlossArticle *self)
{
}

GlossArticle *
gloss_article_load (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GlossArticle) self = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GError) sidecar_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GLOSS_TYPE_ARTICLE, NULL);
  self->file = g_object_ref (file);

  self->document = gloss_import_file (file, cancellable, error);
  if (self->document == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self->analysis = gloss_analysis_new (self->document);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Notes that cannot be read do not keep the article from opening: the
   * store starts empty (or read-only) and the reason is kept for the UI.
   */
  sidecar = gloss_annotation_store_sidecar_for (file);
  self->store = gloss_annotation_store_new (self->document, sidecar);
  if (!gloss_annotation_store_load (self->store, cancellable, &sidecar_error))
    {
      if (g_error_matches (sidecar_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&sidecar_error));
          return NULL;
        }

      self->sidecar_error = g_steal_pointer (&sidecar_error);
    }

  return g_steal_pointer (&self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GlossArticle *article;
  GError *error = NULL;

  /* Everything is built here and handed over whole: nothing else sees
   * these objects until the task returns.
   */
  article = gloss_article_load (file, cancellable, &error);
  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

void
gloss_article_load_async (GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_article_load_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

GlossArticle *
gloss_article_load_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_article_load_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reloading */

typedef struct {
  GlossDocument *document;
  GlossAnalysis *analysis;
} Imported;

static void
imported_free (Imported *imported)
{
  g_clear_object (&imported->document);
  g_clear_object (&imported->analysis);
  g_free (imported);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Imported, imported_free)

/* Builds new objects only: safe in a worker thread. */
static Imported *
import_again (GFile         *file,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(Imported) imported = g_new0 (Imported, 1);

  imported->document = gloss_import_file (file, cancellable, error);
  if (imported->document == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  imported->analysis = gloss_analysis_new (imported->document);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&imported);
}

/* On the main thread: the store and whoever watches the article change
 * here.
 */
static void
apply_imported (GlossArticle *self,
                Imported     *imported)
{
  g_set_object (&self->document, imported->document);
  g_set_object (&self->analysis, imported->analysis);

  gloss_annotation_store_set_document (self->store, self->document);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

gboolean
gloss_article_reload (GlossArticle  *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(Imported) imported = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  imported = import_again (self->file, cancellable, error);
  if (imported == NULL)
    return FALSE;

  apply_imported (self, imported);
  return TRUE;
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = task_data;
  Imported *imported;
  GError *error = NULL;

  imported = import_again (file, cancellable, &error);
  if (imported == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, imported, (GDestroyNotify)imported_free);
}

void
gloss_article_reload_async (GlossArticle        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_ARTICLE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_article_reload_async);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, reload_thread);
}

gboolean
gloss_article_reload_finish (GlossArticle  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(Imported) imported = NULL;

  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_article_reload_async, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The new text is applied when the caller collects the result, so that
   * a caller that went away (and cancelled) changes nothing.
   */
  imported = g_task_propagate_pointer (G_TASK (result), error);
  if (imported == NULL)
    return FALSE;

  apply_imported (self, imported);
  return TRUE;
}

GFile *
gloss_article_get_file (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->file;
}

GlossDocument *
gloss_article_get_document (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->document;
}

GlossAnalysis *
gloss_article_get_analysis (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->analysis;
}

GlossAnnotationStore *
gloss_article_get_store (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->store;
}

const GError *
gloss_article_get_sidecar_error (GlossArticle *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE (self), NULL);

  return self->sidecar_error;
}
