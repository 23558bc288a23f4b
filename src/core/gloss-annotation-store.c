/* gloss-annotation-store.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "gloss-anchor.h"
#include "gloss-annotation-store.h"

#define W3C_CONTEXT "http://www.w3.org/ns/anno.jsonld"
#define GLOSS_CONTEXT "https://glossapp.github.io/ns/gloss#"

struct _GlossAnnotationStore
{
  GObject        parent_instance;

  GlossDocument *document;
  GFile         *file;
  GFile         *backup_file;
  GFile         *conflict_file;

  /* GlossAnnotation, in document order with orphans last. */
  GPtrArray     *items;
  /* Annotations that did not parse, as the JsonNode read from the file:
   * written back unchanged so that nothing a newer Gloss or another tool
   * wrote is lost.
   */
  GPtrArray     *unreadable;
  /* Top-level members of the sidecar that Gloss does not write itself. */
  JsonObject    *extra;

  guint          n_orphans;

  /* Bumped on every change, so that a save that finishes knows whether
   * what it wrote is still everything.
   */
  guint64        generation;
  guint          autosave_id;
  /* The write in progress and the tasks waiting for the next one: saves
   * never overlap, so an older snapshot can never land after a newer one.
   */
  gboolean       writing;
  GPtrArray     *pending_tasks;
  /* A synchronous save finished while an asynchronous one was writing an
   * older snapshot, which may land last: write again after it.
   */
  gboolean       rewrite_after_write;
  /* Seconds until autosave tries again after a failed save. */
  guint          retry_seconds;

  /* What Gloss last read from or wrote to the sidecar: its etag, or NULL
   * for no file, once disk_known is set. A save compares it with the file
   * to notice another program's version. Writes may run in a worker
   * thread; the lock keeps one write (and its check) at a time.
   */
  GMutex         disk_lock;
  char          *disk_etag;
  gboolean       disk_known;

  guint          dirty : 1;
  guint          autosave : 1;
  guint          read_only : 1;
  /* The file on disk could not be read: move it aside before writing. */
  guint          needs_backup : 1;
  /* The file was not UTF-8 and was read with replacement characters. */
  guint          repaired : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GlossAnnotationStore, gloss_annotation_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (gloss-sidecar-error-quark, gloss_sidecar_error)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_DIRTY,
  PROP_AUTOSAVE,
  PROP_READ_ONLY,
  PROP_N_ORPHANS,
  PROP_N_UNREADABLE,
  PROP_BACKUP_FILE,
  PROP_CONFLICT_FILE,
  PROP_REPAIRED,
  N_PROPS
};

enum {
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Ordering */

static int
compare_annotations (GlossAnnotation *a,
                     GlossAnnotation *b)
{
  gboolean a_orphan = gloss_annotation_get_anchor_state (a) == GLOSS_ANCHOR_ORPHAN;
  gboolean b_orphan = gloss_annotation_get_anchor_state (b) == GLOSS_ANCHOR_ORPHAN;
  guint a_start = gloss_annotation_get_start (a);
  guint b_start = gloss_annotation_get_start (b);
  guint a_end = gloss_annotation_get_end (a);
  guint b_end = gloss_annotation_get_end (b);
  int cmp;

  if (a_orphan != b_orphan)
    return a_orphan ? 1 : -1;
  if (a_start != b_start)
    return a_start < b_start ? -1 : 1;
  if (a_end != b_end)
    return a_end < b_end ? -1 : 1;

  /* Notes on the same words keep a stable order: oldest first. */
  cmp = g_date_time_compare (gloss_annotation_get_created (a), gloss_annotation_get_created (b));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (gloss_annotation_get_id (a), gloss_annotation_get_id (b));
}

/* Where @annotation belongs among the items (it must not be in them). */
static guint
find_insert_position (GlossAnnotationStore *self,
                      GlossAnnotation      *annotation)
{
  guint lo = 0;
  guint hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_annotations (g_ptr_array_index (self->items, mid), annotation) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
update_n_orphans (GlossAnnotationStore *self)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      if (gloss_annotation_get_anchor_state (g_ptr_array_index (self->items, i)) == GLOSS_ANCHOR_ORPHAN)
        n++;
    }

  if (n != self->n_orphans)
    {
      self->n_orphans = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ORPHANS]);
    }
}

/* Changes and autosave */

static void
set_dirty (GlossAnnotationStore *self,
           gboolean              dirty)
{
  dirty = !!dirty;
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static gboolean
autosave_cb (gpointer user_data)
{
  GlossAnnotationStore *self = user_data;

  self->autosave_id = 0;

  /* Failures reach the UI through "save-failed"; the changes stay in
   * memory and the next change tries again.
   */
  if (self->dirty)
    gloss_annotation_store_save_async (self, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (GlossAnnotationStore *self)
{
  if (!self->autosave || self->read_only || self->file == NULL || !self->dirty)
    return;

  /* Debounced: typing a note saves once, a second after the last key. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (1, autosave_cb, self);
}

static void
mark_changed (GlossAnnotationStore *self)
{
  self->generation++;
  set_dirty (self, TRUE);
  schedule_autosave (self);
}

static void
annotation_notify_cb (GlossAnnotation      *annotation,
                      GParamSpec           *pspec,
                      GlossAnnotationStore *self)
{
  guint position;

  if (!g_ptr_array_find (self->items, annotation, &position))
    return;

  if (g_str_equal (pspec->name, "start") ||
      g_str_equal (pspec->name, "end") ||
      g_str_equal (pspec->name, "anchor-state"))
    {
      guint new_position;

      g_ptr_array_steal_index (self->items, position);
      new_position = find_insert_position (self, annotation);
      g_ptr_array_insert (self->items, new_position, annotation);

      if (new_position == position)
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
        }
      else
        {
          g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
          g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
        }

      update_n_orphans (self);
    }
  else if (!g_str_equal (pspec->name, "modified"))
    {
      /* "modified" always follows the change that caused it: one refresh
       * of the row is enough.
       */
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }

  mark_changed (self);
}

static void
watch_annotation (GlossAnnotationStore *self,
                  GlossAnnotation      *annotation)
{
  g_signal_connect (annotation, "notify", G_CALLBACK (annotation_notify_cb), self);
}

static void
unwatch_annotation (GlossAnnotationStore *self,
                    GlossAnnotation      *annotation)
{
  g_signal_handlers_disconnect_by_func (annotation, annotation_notify_cb, self);
}

/* GListModel */

static GType
gloss_annotation_store_get_item_type (GListModel *model)
{
  return GLOSS_TYPE_ANNOTATION;
}

static guint
gloss_annotation_store_get_n_items (GListModel *model)
{
  GlossAnnotationStore *self = GLOSS_ANNOTATION_STORE (model);

  return self->items->len;
}

static gpointer
gloss_annotation_store_get_item (GListModel *model,
                                 guint       position)
{
  GlossAnnotationStore *self = GLOSS_ANNOTATION_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gloss_annotation_store_get_item_type;
  iface->get_n_items = gloss_annotation_store_get_n_items;
  iface->get_item = gloss_annotation_store_get_item;
}

/* GObject */

static void
gloss_annotation_store_dispose (GObject *object)
{
  GlossAnnotationStore *self = (GlossAnnotationStore *)object;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  for (guint i = 0; i < self->items->len; i++)
    unwatch_annotation (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (gloss_annotation_store_parent_class)->dispose (object);
}

static void
gloss_annotation_store_finalize (GObject *object)
{
  GlossAnnotationStore *self = (GlossAnnotationStore *)object;

  g_clear_object (&self->file);
  g_clear_object (&self->backup_file);
  g_clear_object (&self->conflict_file);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->pending_tasks, g_ptr_array_unref);
  g_clear_pointer (&self->disk_etag, g_free);
  g_mutex_clear (&self->disk_lock);

  G_OBJECT_CLASS (gloss_annotation_store_parent_class)->finalize (object);
}

static void
gloss_annotation_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossAnnotationStore *self = GLOSS_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_AUTOSAVE:
      g_value_set_boolean (value, self->autosave);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_N_ORPHANS:
      g_value_set_uint (value, self->n_orphans);
      break;
    case PROP_N_UNREADABLE:
      g_value_set_uint (value, self->unreadable->len);
      break;
    case PROP_BACKUP_FILE:
      g_value_set_object (value, self->backup_file);
      break;
    case PROP_CONFLICT_FILE:
      g_value_set_object (value, self->conflict_file);
      break;
    case PROP_REPAIRED:
      g_value_set_boolean (value, self->repaired);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlossAnnotationStore *self = GLOSS_ANNOTATION_STORE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    case PROP_AUTOSAVE:
      gloss_annotation_store_set_autosave (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_store_class_init (GlossAnnotationStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_annotation_store_dispose;
  object_class->finalize = gloss_annotation_store_finalize;
  object_class->get_property = gloss_annotation_store_get_property;
  object_class->set_property = gloss_annotation_store_set_property;

  /**
   * GlossAnnotationStore:document:
   *
   * The document the notes are anchored to. It changes only when the
   * article is reloaded (gloss_annotation_store_set_document()).
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:file:
   *
   * The sidecar file, or %NULL for notes that are never saved.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:dirty:
   *
   * Whether there are changes that are not on disk yet.
   */
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:autosave:
   *
   * Whether changes are saved by themselves, a second after the last one.
   */
  properties[PROP_AUTOSAVE] =
    g_param_spec_boolean ("autosave", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:read-only:
   *
   * Set when the sidecar was written by a newer Gloss: saving would lose
   * what this version does not understand, so it is refused.
   */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:n-orphans:
   *
   * How many notes could not be placed in the document.
   */
  properties[PROP_N_ORPHANS] =
    g_param_spec_uint ("n-orphans", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:n-unreadable:
   *
   * How many notes in the sidecar could not be read; they are kept as
   * they are and written back unchanged.
   */
  properties[PROP_N_UNREADABLE] =
    g_param_spec_uint ("n-unreadable", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:backup-file:
   *
   * Where a sidecar that could not be read was moved before saving, or
   * %NULL.
   */
  properties[PROP_BACKUP_FILE] =
    g_param_spec_object ("backup-file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:conflict-file:
   *
   * Where the version of the sidecar that another program wrote while
   * Gloss had it open was kept before Gloss saved over it, or %NULL.
   */
  properties[PROP_CONFLICT_FILE] =
    g_param_spec_object ("conflict-file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossAnnotationStore:repaired:
   *
   * Whether the sidecar held bytes that are not UTF-8, read as U+FFFD.
   * The original is kept aside by the first save.
   */
  properties[PROP_REPAIRED] =
    g_param_spec_boolean ("repaired", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossAnnotationStore::saved:
   *
   * Emitted after the notes were written to the sidecar.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GlossAnnotationStore::save-failed:
   * @error: what went wrong
   *
   * Emitted when a save (explicit or automatic) failed. The notes stay in
   * memory and the store stays dirty.
   */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
gloss_annotation_store_init (GlossAnnotationStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  self->pending_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->disk_lock);
}

GlossAnnotationStore *
gloss_annotation_store_new (GlossDocument *document,
                            GFile         *file)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  return g_object_new (GLOSS_TYPE_ANNOTATION_STORE,
                       "document", document,
                       "file", file,
                       NULL);
}

GFile *
gloss_annotation_store_sidecar_for (GFile *article)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (article), NULL);

  parent = g_file_get_parent (article);
  basename = g_file_get_basename (article);
  name = g_strconcat (basename, GLOSS_SIDECAR_SUFFIX, NULL);

  if (parent == NULL)
    {
      g_autofree char *uri = g_file_get_uri (article);
      g_autofree char *sidecar_uri = g_strconcat (uri, GLOSS_SIDECAR_SUFFIX, NULL);

      return g_file_new_for_uri (sidecar_uri);
    }

  return g_file_get_child (parent, name);
}

GlossDocument *
gloss_annotation_store_get_document (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  return self->document;
}

static int
compare_annotations_cb (gconstpointer a,
                        gconstpointer b)
{
  return compare_annotations (*(GlossAnnotation **)a, *(GlossAnnotation **)b);
}

void
gloss_annotation_store_set_document (GlossAnnotationStore *self,
                                     GlossDocument        *document)
{
  gboolean moved = FALSE;

  g_return_if_fail (GLOSS_IS_ANNOTATION_STORE (self));
  g_return_if_fail (GLOSS_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  /* Anchored one by one, the notes would be re-sorted and announced one by
   * one: the store's handler waits, and the list changes once.
   */
  for (guint i = 0; i < self->items->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->items, i);
      guint start = gloss_annotation_get_start (annotation);
      guint end = gloss_annotation_get_end (annotation);
      GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);

      g_signal_handlers_block_by_func (annotation, annotation_notify_cb, self);
      gloss_anchor_annotation (document, annotation);
      g_signal_handlers_unblock_by_func (annotation, annotation_notify_cb, self);

      moved |= start != gloss_annotation_get_start (annotation) ||
               end != gloss_annotation_get_end (annotation) ||
               state != gloss_annotation_get_anchor_state (annotation);
    }

  g_ptr_array_sort (self->items, compare_annotations_cb);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, self->items->len, self->items->len);
  update_n_orphans (self);

  /* New positions are worth saving; the quotes the notes keep do not
   * change.
   */
  if (moved)
    mark_changed (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GFile *
gloss_annotation_store_get_file (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  return self->file;
}

GFile *
gloss_annotation_store_get_backup_file (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  return self->backup_file;
}

GFile *
gloss_annotation_store_get_conflict_file (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  return self->conflict_file;
}

gboolean
gloss_annotation_store_get_repaired (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);

  return self->repaired;
}

gboolean
gloss_annotation_store_get_dirty (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);

  return self->dirty;
}

gboolean
gloss_annotation_store_get_read_only (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);

  return self->read_only;
}

gboolean
gloss_annotation_store_get_autosave (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);

  return self->autosave;
}

void
gloss_annotation_store_set_autosave (GlossAnnotationStore *self,
                                     gboolean              autosave)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION_STORE (self));

  autosave = !!autosave;
  if (self->autosave == autosave)
    return;

  self->autosave = autosave;
  if (autosave)
    schedule_autosave (self);
  else
    g_clear_handle_id (&self->autosave_id, g_source_remove);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE]);
}

guint
gloss_annotation_store_get_n_orphans (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), 0);

  return self->n_orphans;
}

guint
gloss_annotation_store_get_n_unreadable (GlossAnnotationStore *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), 0);

  return self->unreadable->len;
}

void
gloss_annotation_store_add (GlossAnnotationStore *self,
                            GlossAnnotation      *annotation)
{
  guint position;

  g_return_if_fail (GLOSS_IS_ANNOTATION_STORE (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  if (g_ptr_array_find (self->items, annotation, NULL))
    return;

  position = find_insert_position (self, annotation);
  g_ptr_array_insert (self->items, position, g_object_ref (annotation));
  watch_annotation (self, annotation);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  update_n_orphans (self);
  mark_changed (self);
}

gboolean
gloss_annotation_store_remove (GlossAnnotationStore *self,
                               GlossAnnotation      *annotation)
{
  guint position;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), FALSE);

  if (!g_ptr_array_find (self->items, annotation, &position))
    return FALSE;

  unwatch_annotation (self, annotation);
  g_ptr_array_remove_index (self->items, position);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  update_n_orphans (self);
  mark_changed (self);

  return TRUE;
}

GlossAnnotation *
gloss_annotation_store_lookup (GlossAnnotationStore *self,
                               const char           *id)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (gloss_annotation_get_id (annotation), id) == 0)
        return annotation;
    }

  return NULL;
}

GPtrArray *
gloss_annotation_store_find_range (GlossAnnotationStore *self,
                                   guint                 start,
                                   guint                 end)
{
  GPtrArray *found;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  found = g_ptr_array_new ();
  for (guint i = 0; i < self->items->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->items, i);
      guint a_start = gloss_annotation_get_start (annotation);
      guint a_end = gloss_annotation_get_end (annotation);

      gboolean overlaps;

      /* Orphans have no place in the text; the list is sorted, so nothing
       * after the first one, nor after a note starting past @end, matters.
       */
      if (gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_ORPHAN ||
          a_start > end || (a_start == end && start < end))
        break;

      /* An empty range (a caret) finds the notes around it; an empty note
       * is found by the ranges that contain its place.
       */
      if (start < end)
        overlaps = a_start < end && (a_end > start || (a_start == a_end && a_start >= start));
      else
        overlaps = a_start <= start && (start < a_end || a_start == start);

      if (overlaps)
        g_ptr_array_add (found, annotation);
    }

  return found;
}

/* Reading */

typedef struct {
  GPtrArray  *annotations;   /* GlossAnnotation */
  GPtrArray  *unreadable;    /* JsonNode */
  JsonObject *extra;
  /* The notes as read, for the validator's stricter checks. */
  JsonArray  *items;
  gboolean    newer;
  /* Bytes that were not UTF-8 were replaced to read the rest. */
  gboolean    repaired;
  gint64      format;
} Sidecar;

static void
sidecar_free (Sidecar *sidecar)
{
  g_clear_pointer (&sidecar->annotations, g_ptr_array_unref);
  g_clear_pointer (&sidecar->unreadable, g_ptr_array_unref);
  g_clear_pointer (&sidecar->extra, json_object_unref);
  g_clear_pointer (&sidecar->items, json_array_unref);
  g_free (sidecar);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sidecar, sidecar_free)

static Sidecar *
sidecar_new (void)
{
  Sidecar *sidecar = g_new0 (Sidecar, 1);

  sidecar->annotations = g_ptr_array_new_with_free_func (g_object_unref);
  sidecar->unreadable = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);
  sidecar->format = GLOSS_SIDECAR_FORMAT;
  return sidecar;
}

static gboolean
sidecar_invalid (GError     **error,
                 const char  *name,
                 const char  *problem)
{
  if (name != NULL)
    /* Translators: the first %s is a file name, the second what is wrong. */
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID,
                 _("The notes file “%s” cannot be read: %s"), name, problem);
  else
    g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID,
                 _("The notes file cannot be read: %s"), problem);

  return FALSE;
}

/* json-glib reports "<data>:LINE:COLUMN: Parse error: ..."; a person needs
 * the line and column in words.
 */
static char *
describe_parse_error (const GError *error)
{
  unsigned int line = 0;
  unsigned int column = 0;
  int consumed = 0;
  const char *message = error->message;

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      const char *rest = message + consumed;

      if (g_str_has_prefix (rest, "Parse error: "))
        rest += strlen ("Parse error: ");

      return g_strdup_printf (_("line %u, column %u: %s"), line, column, rest);
    }

  return g_strdup (message);
}

static gboolean
is_collection_member (const char *name)
{
  static const char *members[] = {
    "@context", "type", "gloss:format", "gloss:generator", "gloss:document",
    "total", "items",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      if (g_str_equal (name, members[i]))
        return TRUE;
    }

  return FALSE;
}

static JsonArray *
find_items (JsonObject  *root,
            const char **items_member)
{
  JsonNode *node;

  *items_member = "items";
  node = json_object_get_member (root, "items");
  if (node != NULL)
    return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  /* A W3C collection whose first page holds the annotations. */
  node = json_object_get_member (root, "first");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *items = json_object_get_member (json_node_get_object (node), "items");

      if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
        {
          *items_member = "first";
          return json_node_get_array (items);
        }
    }

  /* A Hypothesis export: { "export_date", ..., "annotations": [...] }. */
  node = json_object_get_member (root, "annotations");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      *items_member = "annotations";
      return json_node_get_array (node);
    }

  *items_member = NULL;
  return NULL;
}

/* How deep objects and lists may nest in a sidecar. Gloss writes six
 * levels and other tools a few more; json-glib's parser (and the code that
 * copies and writes what it read) recurses once per level, so a file nested
 * a million levels deep would exhaust the stack instead of being refused.
 */
#define MAX_NESTING 512

/* Whether @data nests objects and lists deeper than MAX_NESTING, counting
 * brackets outside strings. Malformed JSON is left to the parser.
 */
static gboolean
nests_too_deep (const char *data,
                gsize       size)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > MAX_NESTING)
            return TRUE;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return FALSE;
}

/* Parses the sidecar's bytes. Fails only when the file as a whole cannot
 * be understood; single annotations that do not parse are kept aside.
 * @name is the file's display name for messages, or NULL.
 */
static Sidecar *
sidecar_parse (GBytes      *bytes,
               const char  *name,
               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(Sidecar) sidecar = sidecar_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *valid = NULL;
  g_autoptr(GHashTable) ids = NULL;
  const char *items_member = "items";
  JsonNode *root;
  JsonArray *items;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (size == 0 || data == NULL)
    {
      sidecar_invalid (error, name, _("the file is empty"));
      return NULL;
    }

  /* A file saved by an editor in another encoding ("Tomás" in Latin-1)
   * would otherwise lose every note over one character: the bytes that are
   * not UTF-8 are read as U+FFFD, and the caller keeps the original.
   */
  if (!g_utf8_validate_len (data, size, NULL))
    {
      valid = g_utf8_make_valid (data, size);
      data = valid;
      size = strlen (valid);
      sidecar->repaired = TRUE;
    }

  if (nests_too_deep (data, size))
    {
      g_autofree char *problem = g_strdup_printf (_("its contents nest more than %d levels deep"),
                                                  MAX_NESTING);

      sidecar_invalid (error, name, problem);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_autofree char *problem = describe_parse_error (local_error);

      sidecar_invalid (error, name, problem);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      sidecar_invalid (error, name, _("the file is empty"));
      return NULL;
    }

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      /* A bare list of annotations, as some tools export them. */
      items = json_node_get_array (root);
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *format = json_object_get_member (object, "gloss:format");
      JsonNode *type = json_object_get_member (object, "type");

      if (format != NULL)
        {
          if (json_node_get_value_type (format) != G_TYPE_INT64)
            {
              sidecar_invalid (error, name, _("“gloss:format” must be a whole number"));
              return NULL;
            }

          sidecar->format = json_node_get_int (format);
          sidecar->newer = sidecar->format > GLOSS_SIDECAR_FORMAT;
        }

      if (type != NULL &&
          (json_node_get_value_type (type) != G_TYPE_STRING ||
           (g_strcmp0 (json_node_get_string (type), "AnnotationCollection") != 0 &&
            g_strcmp0 (json_node_get_string (type), "AnnotationPage") != 0)))
        {
          sidecar_invalid (error, name, _("it is not a collection of annotations"));
          return NULL;
        }

      items = find_items (object, &items_member);
      if (items == NULL)
        {
          JsonNode *node = json_object_get_member (object, "items");

          if (node != NULL)
            {
              sidecar_invalid (error, name, _("“items” must be a list"));
              return NULL;
            }

          if (type == NULL && format == NULL)
            {
              sidecar_invalid (error, name, _("it has no list of notes"));
              return NULL;
            }
        }

      members = json_object_get_members (object);
      for (const GList *l = members; l != NULL; l = l->next)
        {
          if (is_collection_member (l->data) || g_strcmp0 (l->data, items_member) == 0)
            continue;

          if (sidecar->extra == NULL)
            sidecar->extra = json_object_new ();
          json_object_set_member (sidecar->extra, l->data,
                                  json_node_ref (json_object_get_member (object, l->data)));
        }
    }
  else
    {
      sidecar_invalid (error, name, _("it is not a JSON object"));
      return NULL;
    }

  if (items != NULL)
    sidecar->items = json_array_ref (items);

  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      g_autoptr(GError) item_error = NULL;
      GlossAnnotation *annotation;

      annotation = gloss_annotation_new_from_json (item, &item_error);
      if (annotation != NULL)
        {
          /* A note copied by hand repeats its id; the copy gets one of its
           * own, or selecting, editing and deleting would reach the wrong
           * note.
           */
          if (g_hash_table_contains (ids, gloss_annotation_get_id (annotation)))
            gloss_annotation_regenerate_id (annotation, i);
          g_hash_table_add (ids, (gpointer)gloss_annotation_get_id (annotation));
          g_ptr_array_add (sidecar->annotations, annotation);
        }
      else
        {
          g_debug ("%s: note %u kept as it is: %s",
                   name != NULL ? name : "sidecar", i + 1, item_error->message);
          /* The parser is immutable, so the node can be shared as it is. */
          g_ptr_array_add (sidecar->unreadable, json_node_ref (item));
        }
    }

  return g_steal_pointer (&sidecar);
}

static char *
display_name (GFile *file)
{
  return g_file_get_basename (file);
}

typedef struct {
  Sidecar  *sidecar;
  GError   *error;
  gboolean  needs_backup;
  /* Whether the file's state was seen (read, or found missing), and its
   * etag when it was read.
   */
  gboolean  disk_known;
  char     *etag;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->sidecar, sidecar_free);
  g_clear_error (&result->error);
  g_free (result->etag);
  g_free (result);
}

/* Reads, parses and anchors; touches nothing shared, so it may run in a
 * worker thread.
 */
static LoadResult *
read_sidecar (GFile         *file,
              GlossDocument *document,
              GCancellable  *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (file == NULL)
    {
      result->sidecar = sidecar_new ();
      return result;
    }

  name = display_name (file);

  if (!g_file_load_contents (file, cancellable, &contents, &length, &result->etag, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          result->sidecar = sidecar_new ();
          result->disk_known = TRUE;
          return result;
        }

      /* A file that exists but cannot be read must not be replaced by a
       * save either.
       */
      result->needs_backup = !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* GIO's message names the whole path and says "Is a directory". */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("The notes file “%s” is a folder, not a file"), name);
        }

      result->error = g_steal_pointer (&error);
      return result;
    }

  result->disk_known = TRUE;
  bytes = g_bytes_new_take (contents, length);
  result->sidecar = sidecar_parse (bytes, name, &result->error);
  if (result->sidecar == NULL)
    {
      result->needs_backup = TRUE;
      return result;
    }

  /* The original bytes of a file that had to be repaired are kept. */
  if (result->sidecar->repaired)
    result->needs_backup = TRUE;

  if (result->sidecar->newer)
    {
      g_set_error (&result->error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER,
                   _("The notes file “%s” was made by a newer version of Gloss: changes will not be saved"),
                   name);
    }

  for (guint i = 0; document != NULL && i < result->sidecar->annotations->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        {
          g_clear_pointer (&result->sidecar, sidecar_free);
          g_clear_error (&result->error);
          result->error = g_steal_pointer (&error);
          return result;
        }

      gloss_anchor_annotation (document, g_ptr_array_index (result->sidecar->annotations, i));
    }

  return result;
}

static gboolean
apply_load_result (GlossAnnotationStore  *self,
                   LoadResult            *result,
                   GError               **error)
{
  guint old_len = self->items->len;
  guint old_unreadable = self->unreadable->len;
  gboolean was_read_only = self->read_only;
  gboolean repaired = FALSE;

  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&result->error));
      return FALSE;
    }

  for (guint i = 0; i < self->items->len; i++)
    unwatch_annotation (self, g_ptr_array_index (self->items, i));
  g_ptr_array_set_size (self->items, 0);
  g_ptr_array_set_size (self->unreadable, 0);
  g_clear_pointer (&self->extra, json_object_unref);

  if (result->sidecar != NULL)
    {
      Sidecar *sidecar = result->sidecar;

      for (guint i = 0; i < sidecar->annotations->len; i++)
        {
          GlossAnnotation *annotation = g_ptr_array_index (sidecar->annotations, i);

          g_ptr_array_insert (self->items, find_insert_position (self, annotation),
                              g_object_ref (annotation));
          watch_annotation (self, annotation);
        }

      for (guint i = 0; i < sidecar->unreadable->len; i++)
        g_ptr_array_add (self->unreadable, json_node_ref (g_ptr_array_index (sidecar->unreadable, i)));

      self->extra = sidecar->extra != NULL ? json_object_ref (sidecar->extra) : NULL;
      self->read_only = sidecar->newer;
      repaired = sidecar->repaired;
    }
  else
    {
      self->read_only = FALSE;
    }

  self->needs_backup = result->needs_backup;
  if (result->disk_known)
    {
      g_mutex_lock (&self->disk_lock);
      self->disk_known = TRUE;
      g_free (self->disk_etag);
      self->disk_etag = g_steal_pointer (&result->etag);
      g_mutex_unlock (&self->disk_lock);
    }
  self->generation++;
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
  update_n_orphans (self);
  set_dirty (self, FALSE);
  if (was_read_only != self->read_only)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
  if (old_unreadable != self->unreadable->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREADABLE]);
  if (self->repaired != repaired)
    {
      self->repaired = repaired;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPAIRED]);
    }

  if (result->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&result->error));
      return FALSE;
    }

  return TRUE;
}

gboolean
gloss_annotation_store_load (GlossAnnotationStore  *self,
                             GCancellable          *cancellable,
                             GError               **error)
{
  LoadResult *result;
  gboolean ret;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  result = read_sidecar (self->file, self->document, cancellable);
  ret = apply_load_result (self, result, error);
  load_result_free (result);

  return ret;
}

typedef struct {
  GFile         *file;
  GlossDocument *document;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->document);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;

  /* The thread works on its own references: the store's document may be
   * replaced (a reload of the article) while it reads.
   */
  g_task_return_pointer (task,
                         read_sidecar (data->file, data->document, cancellable),
                         (GDestroyNotify)load_result_free);
}

static void
load_thread_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GlossAnnotationStore *self = GLOSS_ANNOTATION_STORE (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *load_result;

  load_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (load_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The store changes here, on the main thread, before the caller hears
   * that loading is done.
   */
  if (apply_load_result (self, load_result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));

  load_result_free (load_result);
}

void
gloss_annotation_store_load_async (GlossAnnotationStore *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  LoadData *data;

  g_return_if_fail (GLOSS_IS_ANNOTATION_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_annotation_store_load_async);

  data = g_new0 (LoadData, 1);
  data->file = self->file != NULL ? g_object_ref (self->file) : NULL;
  data->document = g_object_ref (self->document);

  thread_task = g_task_new (self, cancellable, load_thread_done_cb, g_steal_pointer (&task));
  g_task_set_source_tag (thread_task, load_thread);
  g_task_set_task_data (thread_task, data, (GDestroyNotify)load_data_free);
  g_task_run_in_thread (thread_task, load_thread);
}

gboolean
gloss_annotation_store_load_finish (GlossAnnotationStore  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_annotation_store_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
is_offset (JsonObject *selector,
           const char *name)
{
  JsonNode *node = json_object_get_member (selector, name);
  double value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return FALSE;

  return value >= 0 && value <= G_MAXUINT && value == (double)(guint)value;
}

static gboolean
is_position_selector (JsonObject *selector)
{
  JsonNode *type = json_object_get_member (selector, "type");

  return type != NULL && JSON_NODE_HOLDS_VALUE (type) &&
         g_strcmp0 (json_node_get_string (type), "TextPositionSelector") == 0;
}

/* Loading ignores a text position that does not describe a range and finds
 * the note by its quote; the validator, which checks a file for the person
 * who made it, names the position.
 */
static gboolean
check_positions (JsonArray  *items,
                 GError    **error)
{
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonNode *target;
      JsonNode *selectors;
      g_autoptr(GPtrArray) list = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;

      target = json_object_get_member (json_node_get_object (item), "target");
      if (target != NULL && JSON_NODE_HOLDS_ARRAY (target) && json_array_get_length (json_node_get_array (target)) > 0)
        target = json_array_get_element (json_node_get_array (target), 0);
      if (target == NULL || !JSON_NODE_HOLDS_OBJECT (target))
        continue;

      selectors = json_object_get_member (json_node_get_object (target), "selector");
      if (selectors != NULL && JSON_NODE_HOLDS_ARRAY (selectors))
        {
          JsonArray *array = json_node_get_array (selectors);

          for (guint j = 0; j < json_array_get_length (array); j++)
            g_ptr_array_add (list, json_array_get_element (array, j));
        }
      else if (selectors != NULL)
        {
          g_ptr_array_add (list, selectors);
        }

      for (guint j = 0; j < list->len; j++)
        {
          JsonNode *node = g_ptr_array_index (list, j);
          JsonObject *selector;
          const char *bad = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (node) || !is_position_selector (json_node_get_object (node)))
            continue;

          selector = json_node_get_object (node);
          if (!is_offset (selector, "start"))
            bad = "start";
          else if (!is_offset (selector, "end") ||
                   json_object_get_double_member (selector, "end") < json_object_get_double_member (selector, "start"))
            bad = "end";

          if (bad != NULL)
            {
              g_autofree char *path = g_strdup_printf ("target.selector[%u].%s", j, bad);

              /* Translators: %u is the note's number in the file, %s the
               * member, such as "target.selector[1].start".
               */
              g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID,
                           _("Note %u: “%s” is not a position in the text (a whole number of characters, with the end after the start)"),
                           i + 1, path);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* A sidecar that parses, is of a format this version reads, and whose
 * notes can all be read, or NULL.
 */
static Sidecar *
sidecar_parse_valid (GBytes  *bytes,
                     GError **error)
{
  g_autoptr(Sidecar) sidecar = NULL;

  sidecar = sidecar_parse (bytes, NULL, error);
  if (sidecar == NULL)
    return NULL;

  if (sidecar->newer)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER,
                   _("The notes file was made by a newer version of Gloss (format %" G_GINT64_FORMAT ", this version reads format %d)"),
                   sidecar->format, GLOSS_SIDECAR_FORMAT);
      return NULL;
    }

  if (sidecar->unreadable->len > 0)
    {
      g_autoptr(GError) item_error = NULL;
      g_autoptr(GlossAnnotation) annotation = NULL;

      /* Parse the first bad one again for the reason. */
      annotation = gloss_annotation_new_from_json (g_ptr_array_index (sidecar->unreadable, 0), &item_error);
      g_assert (annotation == NULL);

      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID,
                   ngettext ("%u note of %u cannot be read; the first: %s",
                             "%u notes of %u cannot be read; the first: %s",
                             sidecar->unreadable->len),
                   sidecar->unreadable->len,
                   sidecar->unreadable->len + sidecar->annotations->len,
                   item_error->message);
      return NULL;
    }

  if (!check_positions (sidecar->items, error))
    return NULL;

  return g_steal_pointer (&sidecar);
}

int
gloss_sidecar_validate (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(Sidecar) sidecar = NULL;

  g_return_val_if_fail (bytes != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  sidecar = sidecar_parse_valid (bytes, error);
  if (sidecar == NULL)
    return -1;

  /* Gloss reads such a file, but other tools may not: a check says so. */
  if (sidecar->repaired)
    {
      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID,
                   ngettext ("The notes file is not valid UTF-8: it was saved in another encoding, and its %u note can only be read with “�” in place of some characters",
                             "The notes file is not valid UTF-8: it was saved in another encoding, and its %u notes can only be read with “�” in place of some characters",
                             sidecar->annotations->len),
                   sidecar->annotations->len);
      return -1;
    }

  return sidecar->annotations->len;
}

GPtrArray *
gloss_sidecar_read_annotations (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(Sidecar) sidecar = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sidecar = sidecar_parse_valid (bytes, error);
  if (sidecar == NULL)
    return NULL;

  return g_ptr_array_ref (sidecar->annotations);
}

/* Writing */

/* A copy that shares nothing with @node (json_node_copy() shares the
 * objects and arrays inside), so that a caller changing what
 * gloss_annotation_store_to_json() returns cannot change what the store
 * keeps.
 */
JsonNode *
gloss_annotation_store_to_json (GlossAnnotationStore *self)
{
  g_autoptr(JsonObject) root = NULL;
  JsonArray *context;
  JsonObject *namespaces;
  JsonObject *document_info;
  JsonArray *items;
  GFile *document_file;
  g_autofree char *source = NULL;
  const char *title;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), NULL);

  root = json_object_new ();

  context = json_array_new ();
  json_array_add_string_element (context, W3C_CONTEXT);
  namespaces = json_object_new ();
  json_object_set_string_member (namespaces, "gloss", GLOSS_CONTEXT);
  json_array_add_object_element (context, namespaces);
  json_object_set_array_member (root, "@context", context);

  json_object_set_string_member (root, "type", "AnnotationCollection");
  json_object_set_int_member (root, "gloss:format", GLOSS_SIDECAR_FORMAT);
  json_object_set_string_member (root, "gloss:generator", "Gloss " PACKAGE_VERSION);

  document_info = json_object_new ();
  document_file = gloss_document_get_file (self->document);
  if (document_file != NULL)
    {
      source = g_file_get_basename (document_file);
    }
  else if (self->file != NULL)
    {
      g_autofree char *sidecar_name = g_file_get_basename (self->file);

      if (g_str_has_suffix (sidecar_name, GLOSS_SIDECAR_SUFFIX))
        source = g_strndup (sidecar_name, strlen (sidecar_name) - strlen (GLOSS_SIDECAR_SUFFIX));
    }
  if (source != NULL)
    json_object_set_string_member (document_info, "source", source);
  title = gloss_document_get_title (self->document);
  if (title != NULL)
    json_object_set_string_member (document_info, "title", title);
  json_object_set_string_member (document_info, "textHash", gloss_document_get_text_hash (self->document));
  json_object_set_int_member (document_info, "normalizer", GLOSS_NORMALIZER_VERSION);
  json_object_set_object_member (root, "gloss:document", document_info);

  json_object_set_int_member (root, "total", self->items->len + self->unreadable->len);

  items = json_array_sized_new (self->items->len + self->unreadable->len);
  for (guint i = 0; i < self->items->len; i++)
    json_array_add_element (items, gloss_annotation_to_json (g_ptr_array_index (self->items, i)));
  for (guint i = 0; i < self->unreadable->len; i++)
    json_array_add_element (items, gloss_json_node_deep_copy (g_ptr_array_index (self->unreadable, i)));
  json_object_set_array_member (root, "items", items);

  if (self->extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (self->extra);

      for (const GList *l = members; l != NULL; l = l->next)
        json_object_set_member (root, l->data, gloss_json_node_deep_copy (json_object_get_member (self->extra, l->data)));
    }

  return json_node_init_object (json_node_alloc (), root);
}

static GBytes *
serialize (GlossAnnotationStore *self)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = gloss_annotation_store_to_json (self);
  g_autoptr(GString) data = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  data = g_string_new (NULL);
  json_generator_to_gstring (generator, data);
  g_string_append_c (data, '\n');

  return g_string_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
check_writable (GlossAnnotationStore  *self,
                GError               **error)
{
  if (self->read_only)
    {
      g_autofree char *name = display_name (self->file);

      g_set_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_READ_ONLY,
                   _("The notes file “%s” was made by a newer version of Gloss and is not changed by this one"),
                   name);
      return FALSE;
    }

  if (self->file == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("These notes have no file to be saved to"));
      return FALSE;
    }

  return TRUE;
}

/* Moves the sidecar out of the way, to the first free "<sidecar>SUFFIX",
 * "SUFFIX-2"... It is never overwritten: g_file_move() without
 * G_FILE_COPY_OVERWRITE fails on an existing name, and the next one is
 * tried. A folder is never moved: it is not a notes file that Gloss wrote,
 * and the person who put it there needs to decide about it. Returns the
 * new name in @backup_out, or NULL (without an error) when the file is
 * gone already.
 */
static gboolean
move_aside (GFile         *file,
            const char    *suffix,
            GFile        **backup_out,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *uri = g_file_get_uri (file);

  *backup_out = NULL;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = display_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder, not a notes file: move or rename it so that Gloss can save the notes there"),
                   name);
      return FALSE;
    }

  for (guint n = 1; n < 1000; n++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *backup_uri = NULL;
      g_autoptr(GFile) backup = NULL;

      if (n == 1)
        backup_uri = g_strconcat (uri, suffix, NULL);
      else
        backup_uri = g_strdup_printf ("%s%s-%u", uri, suffix, n);
      backup = g_file_new_for_uri (backup_uri);

      if (g_file_move (file, backup, G_FILE_COPY_NONE, cancellable, NULL, NULL, &local_error))
        {
          *backup_out = g_steal_pointer (&backup);
          return TRUE;
        }

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        continue;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;

      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("Too many earlier copies of the notes file are kept already"));
  return FALSE;
}

/* What one write did, for the main thread to tell. */
typedef struct {
  GFile *backup;
  GFile *conflict;
} WriteOutcome;

static void
write_outcome_clear (WriteOutcome *outcome)
{
  g_clear_object (&outcome->backup);
  g_clear_object (&outcome->conflict);
}

/* Writes @bytes to the sidecar, atomically (temporary file, fsync,
 * rename). It may run in a worker thread: it touches only the store's
 * file, which never changes, and what disk_lock guards.
 *
 * With @backup_first, the file on disk could not be read and is moved
 * aside first. Otherwise the file must still be the one that Gloss last
 * read or wrote (its etag, or its absence): if another program wrote it
 * in between, its version is moved aside to ".conflict" and kept.
 */
static gboolean
write_sidecar (GlossAnnotationStore  *self,
               GBytes                *bytes,
               gboolean               backup_first,
               WriteOutcome          *outcome,
               GCancellable          *cancellable,
               GError               **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->disk_lock);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *new_etag = NULL;
  g_autofree char *expected = NULL;
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);

  if (backup_first)
    {
      if (!move_aside (self->file, ".broken", &outcome->backup, cancellable, error))
        return FALSE;

      /* Whatever is there now appeared after the move. */
      self->disk_known = TRUE;
      g_clear_pointer (&self->disk_etag, g_free);
    }

  /* When Gloss saw no file, any file there now is someone else's: an etag
   * that matches no file makes the replace refuse it, while a missing file
   * is simply created.
   */
  if (self->disk_known)
    expected = g_strdup (self->disk_etag != NULL ? self->disk_etag : "gloss:absent");

  if (!g_file_replace_contents (self->file, data, size, expected, FALSE, G_FILE_CREATE_NONE,
                                &new_etag, cancellable, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      g_clear_error (&local_error);
      if (!move_aside (self->file, ".conflict", &outcome->conflict, cancellable, error) ||
          !g_file_replace_contents (self->file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                    &new_etag, cancellable, error))
        return FALSE;
    }

  self->disk_known = TRUE;
  g_free (self->disk_etag);
  self->disk_etag = g_steal_pointer (&new_etag);

  return TRUE;
}

static void
backup_done (GlossAnnotationStore *self,
             GFile                *backup)
{
  self->needs_backup = FALSE;
  if (backup != NULL)
    {
      g_set_object (&self->backup_file, backup);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKUP_FILE]);
    }
}

static void
apply_outcome (GlossAnnotationStore *self,
               WriteOutcome         *outcome,
               gboolean              backed_up)
{
  if (backed_up)
    backup_done (self, outcome->backup);

  if (outcome->conflict != NULL)
    {
      g_set_object (&self->conflict_file, outcome->conflict);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT_FILE]);
    }
}

static void
save_succeeded (GlossAnnotationStore *self,
                guint64               generation)
{
  self->retry_seconds = 0;

  /* Changes made while writing are not in the file yet. */
  if (generation == self->generation)
    set_dirty (self, FALSE);

  g_signal_emit (self, signals[SAVED], 0);
}

/* Longest wait between two tries to save after a failure. */
#define MAX_RETRY_SECONDS 60

static void
save_failed (GlossAnnotationStore *self,
             const GError         *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A folder that was read-only, a disk that was full, a share that was
   * gone may be fine again without the reader changing anything: autosave
   * tries again, less and less often. A newer Gloss's file stays refused.
   */
  if (self->autosave && self->dirty && self->file != NULL && !self->read_only)
    {
      self->retry_seconds = CLAMP (self->retry_seconds * 2, 2, MAX_RETRY_SECONDS);
      g_clear_handle_id (&self->autosave_id, g_source_remove);
      self->autosave_id = g_timeout_add_seconds (self->retry_seconds, autosave_cb, self);
    }

  g_signal_emit (self, signals[SAVE_FAILED], 0, error);
}

gboolean
gloss_annotation_store_save (GlossAnnotationStore  *self,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  WriteOutcome outcome = { NULL, NULL };
  gboolean backup_first;
  gboolean written;
  guint64 generation;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, &local_error))
    goto failed;

  bytes = serialize (self);
  generation = self->generation;
  backup_first = self->needs_backup;

  if (self->writing)
    self->rewrite_after_write = TRUE;

  /* An asynchronous write in progress holds the lock: this one follows
   * it, and checks the file against what that one wrote.
   */
  written = write_sidecar (self, bytes, backup_first, &outcome, cancellable, &local_error);
  apply_outcome (self, &outcome, backup_first && (written || outcome.backup != NULL));
  write_outcome_clear (&outcome);
  if (!written)
    goto failed;

  save_succeeded (self, generation);
  return TRUE;

failed:
  save_failed (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

typedef struct {
  GlossAnnotationStore *self;
  GPtrArray            *tasks;
  GBytes               *bytes;
  guint64               generation;
  gboolean              backup_first;
  WriteOutcome          outcome;
} Write;

static void
write_free (Write *write)
{
  g_clear_object (&write->self);
  g_clear_pointer (&write->tasks, g_ptr_array_unref);
  g_clear_pointer (&write->bytes, g_bytes_unref);
  write_outcome_clear (&write->outcome);
  g_free (write);
}

static void start_write (GlossAnnotationStore *self);

static void
write_finish (Write  *write,
              GError *error)
{
  GlossAnnotationStore *self = write->self;

  self->writing = FALSE;

  apply_outcome (self, &write->outcome,
                 write->backup_first && (error == NULL || write->outcome.backup != NULL));

  if (error == NULL)
    save_succeeded (self, write->generation);
  else
    save_failed (self, error);

  for (guint i = 0; i < write->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (write->tasks, i);

      if (error == NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  if (self->rewrite_after_write)
    {
      self->rewrite_after_write = FALSE;
      set_dirty (self, TRUE);
      g_ptr_array_add (self->pending_tasks, g_task_new (self, NULL, NULL, NULL));
    }

  /* Saves asked for while this one was writing. */
  if (self->pending_tasks->len > 0)
    start_write (self);

  write_free (write);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Write *write = task_data;
  GError *error = NULL;

  if (write_sidecar (write->self, write->bytes, write->backup_first, &write->outcome, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  write_finish (write, error);
}

static void
start_write (GlossAnnotationStore *self)
{
  g_autoptr(GTask) task = NULL;
  Write *write;

  g_assert (!self->writing);
  g_assert (self->pending_tasks->len > 0);

  write = g_new0 (Write, 1);
  write->self = g_object_ref (self);
  write->tasks = g_steal_pointer (&self->pending_tasks);
  self->pending_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->writing = TRUE;

  /* The store may have become read-only (a reload) while waiting. */
  {
    g_autoptr(GError) error = NULL;

    if (!check_writable (self, &error))
      {
        write_finish (write, error);
        return;
      }
  }

  write->bytes = serialize (self);
  write->generation = self->generation;
  write->backup_first = self->needs_backup;

  /* Checking the file, moving another version aside and replacing it
   * belong together, and each may be slow on a network share: all of it
   * runs in a worker thread, on a snapshot of the notes. The task data is
   * not freed with the task: write_finish() does that.
   */
  task = g_task_new (self, NULL, write_done_cb, write);
  g_task_set_source_tag (task, write_thread);
  g_task_set_task_data (task, write, NULL);
  g_task_run_in_thread (task, write_thread);
}

void
gloss_annotation_store_save_async (GlossAnnotationStore *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_annotation_store_save_async);

  if (!check_writable (self, &error))
    {
      save_failed (self, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An explicit save makes a pending autosave pointless. */
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  g_ptr_array_add (self->pending_tasks, g_steal_pointer (&task));
  if (!self->writing)
    start_write (self);
}

gboolean
gloss_annotation_store_save_finish (GlossAnnotationStore  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_annotation_store_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
