/* gloss-vocabulary.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-core-resources.h"
#include "gloss-vocabulary.h"

#define RESOURCE_DIR "/io/github/glossapp/Gloss/vocabularies/"

struct _GlossVocabulary
{
  GObject    parent_instance;

  char      *id;
  char      *title;
  char      *kind;
  GPtrArray *tags; /* (element-type GlossTag) */
};

G_DEFINE_FINAL_TYPE (GlossVocabulary, gloss_vocabulary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_N_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_tag_free (GlossTag *tag)
{
  g_free (tag->id);
  g_free (tag->label);
  g_free (tag->definition);
  g_free (tag->example);
  g_free (tag->color);
  g_free (tag->hotkey);
  g_free (tag->technique);
  g_free (tag);
}

static void
gloss_vocabulary_finalize (GObject *object)
{
  GlossVocabulary *self = (GlossVocabulary *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->tags, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_vocabulary_parent_class)->finalize (object);
}

static void
gloss_vocabulary_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossVocabulary *self = GLOSS_VOCABULARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_N_TAGS:
      g_value_set_uint (value, self->tags->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_vocabulary_class_init (GlossVocabularyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_vocabulary_finalize;
  object_class->get_property = gloss_vocabulary_get_property;

  /**
   * GlossVocabulary:id:
   *
   * The identifier of the vocabulary, such as "bias".
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossVocabulary:title:
   *
   * The name of the vocabulary shown to the reader.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossVocabulary:kind:
   *
   * The annotation kind the tags are meant for.
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossVocabulary:n-tags:
   *
   * The number of tags.
   */
  properties[PROP_N_TAGS] =
    g_param_spec_uint ("n-tags", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_vocabulary_init (GlossVocabulary *self)
{
  self->tags = g_ptr_array_new_with_free_func ((GDestroyNotify)gloss_tag_free);
}

/* Reads an optional string member. A member that is present but is not a
 * string is an error, so that a typo in a hand-written file is reported
 * instead of silently ignored.
 */
static gboolean
read_string (JsonObject  *object,
             const char  *member,
             gboolean     required,
             const char  *where,
             char       **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *value;

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("%s has no “%s”"), where, member);
          return FALSE;
        }

      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of %s must be a string"), member, where);
      return FALSE;
    }

  value = json_node_get_string (node);

  if (required && (value == NULL || value[0] == '\0'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” of %s is empty"), member, where);
      return FALSE;
    }

  *out = g_strdup (value);

  return TRUE;
}

/* Accepts "#rgb" and "#rrggbb", the forms CSS and GdkRGBA both parse. */
static gboolean
is_valid_color (const char *color)
{
  gsize len;

  if (color[0] != '#')
    return FALSE;

  len = strlen (color + 1);
  if (len != 3 && len != 6)
    return FALSE;

  for (gsize i = 1; i <= len; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

static GlossTag *
parse_tag (JsonNode    *node,
           guint        index,
           GHashTable  *seen,
           GError     **error)
{
  g_autofree char *where = NULL;
  g_autofree char *tag_where = NULL;
  GlossTag *tag;
  JsonObject *object;

  where = g_strdup_printf (_("tag %u"), index + 1);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not an object"), where);
      return NULL;
    }

  object = json_node_get_object (node);
  tag = g_new0 (GlossTag, 1);

  if (!read_string (object, "id", TRUE, where, &tag->id, error))
    goto fail;

  tag_where = g_strdup_printf (_("tag “%s”"), tag->id);

  if (g_hash_table_contains (seen, tag->id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s appears more than once"), tag_where);
      goto fail;
    }

  if (!read_string (object, "label", TRUE, tag_where, &tag->label, error) ||
      !read_string (object, "definition", FALSE, tag_where, &tag->definition, error) ||
      !read_string (object, "example", FALSE, tag_where, &tag->example, error) ||
      !read_string (object, "color", FALSE, tag_where, &tag->color, error) ||
      !read_string (object, "hotkey", FALSE, tag_where, &tag->hotkey, error) ||
      !read_string (object, "technique", FALSE, tag_where, &tag->technique, error))
    goto fail;

  if (tag->color != NULL && !is_valid_color (tag->color))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The colour of %s is not of the form #rrggbb"), tag_where);
      goto fail;
    }

  if (tag->hotkey != NULL && tag->hotkey[0] == '\0')
    g_clear_pointer (&tag->hotkey, g_free);

  if (tag->hotkey != NULL &&
      (!g_utf8_validate (tag->hotkey, -1, NULL) ||
       g_utf8_strlen (tag->hotkey, -1) != 1))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The hotkey of %s must be a single character"), tag_where);
      goto fail;
    }

  if (tag->technique != NULL && tag->technique[0] == '\0')
    g_clear_pointer (&tag->technique, g_free);

  g_hash_table_add (seen, tag->id);

  return tag;

fail:
  gloss_tag_free (tag);
  return NULL;
}

static gboolean
gloss_vocabulary_load (GlossVocabulary  *self,
                       GBytes           *bytes,
                       GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  JsonObject *root_object;
  JsonNode *root;
  JsonNode *tags;
  JsonArray *tag_array;
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A vocabulary must be a JSON object"));
      return FALSE;
    }

  root_object = json_node_get_object (root);

  if (!read_string (root_object, "id", TRUE, _("the vocabulary"), &self->id, error) ||
      !read_string (root_object, "title", FALSE, _("the vocabulary"), &self->title, error) ||
      !read_string (root_object, "kind", FALSE, _("the vocabulary"), &self->kind, error))
    return FALSE;

  if (self->title == NULL)
    self->title = g_strdup (self->id);

  /* A vocabulary without a kind is a set of bias tags: that is what
   * teachers write most often.
   */
  if (self->kind == NULL)
    self->kind = g_strdup ("bias");

  tags = json_object_get_member (root_object, "tags");
  if (tags == NULL || !JSON_NODE_HOLDS_ARRAY (tags))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A vocabulary needs a “tags” array"));
      return FALSE;
    }

  tag_array = json_node_get_array (tags);

  for (guint i = 0; i < json_array_get_length (tag_array); i++)
    {
      GlossTag *tag = parse_tag (json_array_get_element (tag_array, i), i, seen, error);

      if (tag == NULL)
        return FALSE;

      g_ptr_array_add (self->tags, tag);
    }

  if (self->tags->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A vocabulary needs at least one tag"));
      return FALSE;
    }

  return TRUE;
}

/**
 * gloss_vocabulary_new_from_bytes:
 * @bytes: the JSON text of a vocabulary
 * @error: a location for a #GError, or %NULL
 *
 * Parses a vocabulary. Errors are in the %G_IO_ERROR domain with
 * %G_IO_ERROR_INVALID_DATA and say what is wrong in words a teacher who
 * wrote the file can act on.
 *
 * Returns: (transfer full): the vocabulary, or %NULL with @error set
 */
GlossVocabulary *
gloss_vocabulary_new_from_bytes (GBytes  *bytes,
                                 GError **error)
{
  g_autoptr(GlossVocabulary) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GLOSS_TYPE_VOCABULARY, NULL);

  if (!gloss_vocabulary_load (self, bytes, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * gloss_vocabulary_new_from_file:
 * @file: a vocabulary file
 * @error: a location for a #GError, or %NULL
 *
 * Reads and parses a vocabulary file; error messages name the file.
 *
 * Returns: (transfer full): the vocabulary, or %NULL with @error set
 */
GlossVocabulary *
gloss_vocabulary_new_from_file (GFile   *file,
                                GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  GlossVocabulary *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);

  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  self = gloss_vocabulary_new_from_bytes (bytes, error);
  if (self == NULL)
    g_prefix_error (error, "%s: ", name);

  return self;
}

static GlossVocabulary *
load_default (const char *id)
{
  g_autofree char *basename = g_strconcat (id, ".json", NULL);
  g_autofree char *user_path = NULL;
  g_autofree char *resource_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GlossVocabulary *vocabulary;

  user_path = g_build_filename (g_get_user_data_dir (), "gloss", "vocabularies",
                                basename, NULL);

  if (g_file_test (user_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (user_path);

      vocabulary = gloss_vocabulary_new_from_file (file, &error);
      if (vocabulary != NULL)
        return vocabulary;

      /* A broken file of the user's must not take the shipped tags away;
       * say why it was skipped and fall back.
       */
      g_message ("Ignoring vocabulary: %s", error->message);
      g_clear_error (&error);
    }

  resource_path = g_strconcat (RESOURCE_DIR, basename, NULL);
  /* Looked up in the core's own resource rather than the global ones: the
   * core is a static library, and this keeps its resource linked in.
   */
  bytes = g_resource_lookup_data (gloss_core_get_resource (), resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;

  vocabulary = gloss_vocabulary_new_from_bytes (bytes, &error);
  if (vocabulary == NULL)
    g_critical ("The shipped vocabulary %s is broken: %s", id, error->message);

  return vocabulary;
}

/**
 * gloss_vocabulary_get_default:
 * @id: the identifier of a vocabulary, such as "bias" or "evidence"
 *
 * Returns the vocabulary of that id. A file `<id>.json` in
 * `$XDG_DATA_HOME/gloss/vocabularies/` takes precedence over the one that
 * ships with Gloss, so that a teacher can replace the tags. The result is
 * loaded once and kept for the life of the process.
 *
 * Returns: (transfer none) (nullable): the vocabulary, or %NULL if there is
 *   none of that id
 */
GlossVocabulary *
gloss_vocabulary_get_default (const char *id)
{
  static GMutex mutex;
  static GHashTable *cache;
  GlossVocabulary *vocabulary;

  g_return_val_if_fail (id != NULL, NULL);

  /* The id becomes part of a path: keep it to a plain name. */
  if (id[0] == '\0' || id[0] == '.' || strchr (id, '/') != NULL || strchr (id, '\\') != NULL)
    return NULL;

  g_mutex_lock (&mutex);

  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  if (!g_hash_table_lookup_extended (cache, id, NULL, (gpointer *)&vocabulary))
    {
      vocabulary = load_default (id);

      /* Remember misses too, so that a missing vocabulary is not looked for
       * on disk again and again.
       */
      g_hash_table_insert (cache, g_strdup (id), vocabulary);
    }

  g_mutex_unlock (&mutex);

  return vocabulary;
}

const char *
gloss_vocabulary_get_id (GlossVocabulary *self)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), NULL);

  return self->id;
}

const char *
gloss_vocabulary_get_title (GlossVocabulary *self)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), NULL);

  return self->title;
}

const char *
gloss_vocabulary_get_kind (GlossVocabulary *self)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), NULL);

  return self->kind;
}

guint
gloss_vocabulary_get_n_tags (GlossVocabulary *self)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), 0);

  return self->tags->len;
}

const GlossTag *
gloss_vocabulary_get_tag (GlossVocabulary *self,
                          guint            index)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), NULL);
  g_return_val_if_fail (index < self->tags->len, NULL);

  return g_ptr_array_index (self->tags, index);
}

const GlossTag *
gloss_vocabulary_lookup (GlossVocabulary *self,
                         const char      *tag_id)
{
  g_return_val_if_fail (GLOSS_IS_VOCABULARY (self), NULL);
  g_return_val_if_fail (tag_id != NULL, NULL);

  for (guint i = 0; i < self->tags->len; i++)
    {
      const GlossTag *tag = g_ptr_array_index (self->tags, i);

      if (g_strcmp0 (tag->id, tag_id) == 0)
        return tag;
    }

  return NULL;
}
