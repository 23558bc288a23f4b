/* gloss-annotation.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-vocabulary.h"

struct _GlossAnnotation
{
  GObject              parent_instance;

  char                *id;
  GlossAnnotationKind  kind;
  /* NULL while the motivation follows the kind. */
  char                *motivation;
  GStrv                tags;
  char                *note;
  char                *source;
  char                *source_type;
  GlossVerdict         verdict;
  char                *link;
  char                *creator_name;
  GlossCreatorRole     creator_role;
  GDateTime           *created;
  GDateTime           *modified;

  guint                start;
  guint                end;
  char                *exact;
  /* NULL when the context is unknown (an import without one), "" when the
   * quote touched the start or end of the text.
   */
  char                *prefix;
  char                *suffix;
  char                *text_hash;
  GlossAnchorState     anchor_state;

  /* What other tools wrote and Gloss does not use, kept (as private
   * copies) so that saving writes it back unchanged.
   */
  char                *target_source;
  JsonObject          *extra;
  JsonObject          *extra_creator;
  JsonObject          *extra_target;
  GPtrArray           *extra_bodies;
  GPtrArray           *extra_selectors;
};

G_DEFINE_FINAL_TYPE (GlossAnnotation, gloss_annotation, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossAnnotationKind, gloss_annotation_kind,
  G_DEFINE_ENUM_VALUE (GLOSS_ANNOTATION_EVIDENCE, "evidence"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANNOTATION_BIAS, "bias"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANNOTATION_COMMENT, "comment"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANNOTATION_CLAIM, "claim"))

G_DEFINE_ENUM_TYPE (GlossVerdict, gloss_verdict,
  G_DEFINE_ENUM_VALUE (GLOSS_VERDICT_NONE, "none"),
  G_DEFINE_ENUM_VALUE (GLOSS_VERDICT_SUPPORTS, "supports"),
  G_DEFINE_ENUM_VALUE (GLOSS_VERDICT_CONTRADICTS, "contradicts"),
  G_DEFINE_ENUM_VALUE (GLOSS_VERDICT_INSUFFICIENT, "insufficient"))

G_DEFINE_ENUM_TYPE (GlossAnchorState, gloss_anchor_state,
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_ANCHORED, "anchored"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_MOVED, "moved"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_NEEDS_REVIEW, "needs-review"),
  G_DEFINE_ENUM_VALUE (GLOSS_ANCHOR_ORPHAN, "orphan"))

G_DEFINE_ENUM_TYPE (GlossCreatorRole, gloss_creator_role,
  G_DEFINE_ENUM_VALUE (GLOSS_ROLE_STUDENT, "student"),
  G_DEFINE_ENUM_VALUE (GLOSS_ROLE_TEACHER, "teacher"))

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_MOTIVATION,
  PROP_TAGS,
  PROP_NOTE,
  PROP_SOURCE,
  PROP_SOURCE_TYPE,
  PROP_VERDICT,
  PROP_LINK,
  PROP_CREATOR_NAME,
  PROP_CREATOR_ROLE,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_START,
  PROP_END,
  PROP_EXACT,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_TEXT_HASH,
  PROP_ANCHOR_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define GLOSS_NS "gloss:"

/* Enumerations as they are written in JSON. */

static const char *kind_names[] = { "evidence", "bias", "comment", "claim" };
static const char *verdict_names[] = { "none", "supports", "contradicts", "insufficient" };
static const char *anchor_names[] = { "anchored", "moved", "needs-review", "orphan" };
static const char *role_names[] = { "student", "teacher" };

static gboolean
lookup_name (const char  *str,
             const char **names,
             guint        n_names,
             int         *value)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_str_equal (str, names[i]))
        {
          *value = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
gloss_annotation_kind_to_label (GlossAnnotationKind kind)
{
  switch (kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      return _("Evidence");
    case GLOSS_ANNOTATION_BIAS:
      return _("Bias");
    case GLOSS_ANNOTATION_CLAIM:
      return _("Claim");
    case GLOSS_ANNOTATION_COMMENT:
    default:
      return _("Comment");
    }
}

const char *
gloss_annotation_kind_to_string (GlossAnnotationKind kind)
{
  g_return_val_if_fail (kind <= GLOSS_ANNOTATION_CLAIM, NULL);

  return kind_names[kind];
}

gboolean
gloss_annotation_kind_from_string (const char          *str,
                                   GlossAnnotationKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!lookup_name (str, kind_names, G_N_ELEMENTS (kind_names), &value))
    return FALSE;

  *kind = value;
  return TRUE;
}

const char *
gloss_verdict_to_string (GlossVerdict verdict)
{
  g_return_val_if_fail (verdict <= GLOSS_VERDICT_INSUFFICIENT, NULL);

  return verdict_names[verdict];
}

gboolean
gloss_verdict_from_string (const char   *str,
                           GlossVerdict *verdict)
{
  int value;

  g_return_val_if_fail (verdict != NULL, FALSE);

  if (!lookup_name (str, verdict_names, G_N_ELEMENTS (verdict_names), &value))
    return FALSE;

  *verdict = value;
  return TRUE;
}

const char *
gloss_anchor_state_to_string (GlossAnchorState state)
{
  g_return_val_if_fail (state <= GLOSS_ANCHOR_ORPHAN, NULL);

  return anchor_names[state];
}

gboolean
gloss_anchor_state_from_string (const char       *str,
                                GlossAnchorState *state)
{
  int value;

  g_return_val_if_fail (state != NULL, FALSE);

  if (!lookup_name (str, anchor_names, G_N_ELEMENTS (anchor_names), &value))
    return FALSE;

  *state = value;
  return TRUE;
}

const char *
gloss_creator_role_to_string (GlossCreatorRole role)
{
  g_return_val_if_fail (role <= GLOSS_ROLE_TEACHER, NULL);

  return role_names[role];
}

gboolean
gloss_creator_role_from_string (const char       *str,
                                GlossCreatorRole *role)
{
  int value;

  g_return_val_if_fail (role != NULL, FALSE);

  if (!lookup_name (str, role_names, G_N_ELEMENTS (role_names), &value))
    return FALSE;

  *role = value;
  return TRUE;
}

static const char *
default_motivation (GlossAnnotationKind kind)
{
  switch (kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      return "assessing";
    case GLOSS_ANNOTATION_BIAS:
      return "classifying";
    case GLOSS_ANNOTATION_CLAIM:
      return "identifying";
    case GLOSS_ANNOTATION_COMMENT:
    default:
      return "commenting";
    }
}

/* Optional strings are stored as NULL when empty so that "no source" has
 * one representation.
 */
static char *
dup_optional (const char *str)
{
  if (str == NULL || *str == '\0')
    return NULL;

  return g_strdup (str);
}

static void
touch (GlossAnnotation *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* Keep "modified" from going backwards if the clock does. */
  if (self->modified != NULL && g_date_time_compare (now, self->modified) < 0)
    return;

  g_clear_pointer (&self->modified, g_date_time_unref);
  self->modified = g_steal_pointer (&now);
}

static void
changed (GlossAnnotation *self,
         guint            prop_id)
{
  touch (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
gloss_annotation_finalize (GObject *object)
{
  GlossAnnotation *self = (GlossAnnotation *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->motivation, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->source_type, g_free);
  g_clear_pointer (&self->link, g_free);
  g_clear_pointer (&self->creator_name, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->exact, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->text_hash, g_free);
  g_clear_pointer (&self->target_source, g_free);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->extra_creator, json_object_unref);
  g_clear_pointer (&self->extra_target, json_object_unref);
  g_clear_pointer (&self->extra_bodies, g_ptr_array_unref);
  g_clear_pointer (&self->extra_selectors, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_annotation_parent_class)->finalize (object);
}

static void
gloss_annotation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_MOTIVATION:
      g_value_set_string (value, gloss_annotation_get_motivation (self));
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_SOURCE_TYPE:
      g_value_set_string (value, self->source_type);
      break;
    case PROP_VERDICT:
      g_value_set_enum (value, self->verdict);
      break;
    case PROP_LINK:
      g_value_set_string (value, self->link);
      break;
    case PROP_CREATOR_NAME:
      g_value_set_string (value, self->creator_name);
      break;
    case PROP_CREATOR_ROLE:
      g_value_set_enum (value, self->creator_role);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case PROP_START:
      g_value_set_uint (value, self->start);
      break;
    case PROP_END:
      g_value_set_uint (value, self->end);
      break;
    case PROP_EXACT:
      g_value_set_string (value, self->exact);
      break;
    case PROP_PREFIX:
      g_value_set_string (value, self->prefix);
      break;
    case PROP_SUFFIX:
      g_value_set_string (value, self->suffix);
      break;
    case PROP_TEXT_HASH:
      g_value_set_string (value, self->text_hash);
      break;
    case PROP_ANCHOR_STATE:
      g_value_set_enum (value, self->anchor_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlossAnnotation *self = GLOSS_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      gloss_annotation_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TAGS:
      gloss_annotation_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_NOTE:
      gloss_annotation_set_note (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      gloss_annotation_set_source (self, g_value_get_string (value));
      break;
    case PROP_SOURCE_TYPE:
      gloss_annotation_set_source_type (self, g_value_get_string (value));
      break;
    case PROP_VERDICT:
      gloss_annotation_set_verdict (self, g_value_get_enum (value));
      break;
    case PROP_LINK:
      gloss_annotation_set_link (self, g_value_get_string (value));
      break;
    case PROP_CREATOR_NAME:
      gloss_annotation_set_creator (self, g_value_get_string (value), self->creator_role);
      break;
    case PROP_CREATOR_ROLE:
      gloss_annotation_set_creator (self, self->creator_name, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_annotation_class_init (GlossAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = gloss_annotation_finalize;
  object_class->get_property = gloss_annotation_get_property;
  object_class->set_property = gloss_annotation_set_property;

  /**
   * GlossAnnotation:id:
   *
   * The annotation's IRI: "urn:uuid:..." for notes made in Gloss, or
   * whatever id an imported annotation carried.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, ro);

  /**
   * GlossAnnotation:kind:
   *
   * Evidence, bias, comment or claim.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       GLOSS_TYPE_ANNOTATION_KIND, GLOSS_ANNOTATION_COMMENT, rw);

  /**
   * GlossAnnotation:motivation:
   *
   * The W3C motivation, derived from the kind unless the annotation was
   * read with another one.
   */
  properties[PROP_MOTIVATION] = g_param_spec_string ("motivation", NULL, NULL, NULL, ro);

  /**
   * GlossAnnotation:tags:
   *
   * Tag ids from a vocabulary; never %NULL.
   */
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, rw);

  /**
   * GlossAnnotation:note:
   *
   * The note text (Markdown); never %NULL.
   */
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", rw);

  /**
   * GlossAnnotation:source:
   *
   * A URL or a citation backing the note, or %NULL.
   */
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, rw);

  /**
   * GlossAnnotation:source-type:
   *
   * What kind of source it is ("news", "academic"...), or %NULL.
   */
  properties[PROP_SOURCE_TYPE] = g_param_spec_string ("source-type", NULL, NULL, NULL, rw);

  /**
   * GlossAnnotation:verdict:
   *
   * Whether the source supports or contradicts the text.
   */
  properties[PROP_VERDICT] =
    g_param_spec_enum ("verdict", NULL, NULL,
                       GLOSS_TYPE_VERDICT, GLOSS_VERDICT_NONE, rw);

  /**
   * GlossAnnotation:link:
   *
   * The id of the annotation this one refers to (evidence -> claim).
   */
  properties[PROP_LINK] = g_param_spec_string ("link", NULL, NULL, NULL, rw);

  /**
   * GlossAnnotation:creator-name:
   *
   * Who wrote the note, or %NULL.
   */
  properties[PROP_CREATOR_NAME] = g_param_spec_string ("creator-name", NULL, NULL, NULL, rw);

  /**
   * GlossAnnotation:creator-role:
   *
   * Whether the writer is a student or a teacher.
   */
  properties[PROP_CREATOR_ROLE] =
    g_param_spec_enum ("creator-role", NULL, NULL,
                       GLOSS_TYPE_CREATOR_ROLE, GLOSS_ROLE_STUDENT, rw);

  /**
   * GlossAnnotation:created:
   *
   * When the note was made (UTC).
   */
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, ro);

  /**
   * GlossAnnotation:modified:
   *
   * When the note's content last changed (UTC).
   */
  properties[PROP_MODIFIED] = g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, ro);

  /**
   * GlossAnnotation:start:
   *
   * Start of the target in code points of the document text.
   */
  properties[PROP_START] = g_param_spec_uint ("start", NULL, NULL, 0, G_MAXUINT, 0, ro);

  /**
   * GlossAnnotation:end:
   *
   * End of the target (exclusive) in code points of the document text.
   */
  properties[PROP_END] = g_param_spec_uint ("end", NULL, NULL, 0, G_MAXUINT, 0, ro);

  /**
   * GlossAnnotation:exact:
   *
   * The quoted text; never %NULL.
   */
  properties[PROP_EXACT] = g_param_spec_string ("exact", NULL, NULL, "", ro);

  /**
   * GlossAnnotation:prefix:
   *
   * The text just before the quote when the note was made.
   */
  properties[PROP_PREFIX] = g_param_spec_string ("prefix", NULL, NULL, NULL, ro);

  /**
   * GlossAnnotation:suffix:
   *
   * The text just after the quote when the note was made.
   */
  properties[PROP_SUFFIX] = g_param_spec_string ("suffix", NULL, NULL, NULL, ro);

  /**
   * GlossAnnotation:text-hash:
   *
   * The hash of the document text the target was made on.
   */
  properties[PROP_TEXT_HASH] = g_param_spec_string ("text-hash", NULL, NULL, NULL, ro);

  /**
   * GlossAnnotation:anchor-state:
   *
   * How well the target was found in the current document.
   */
  properties[PROP_ANCHOR_STATE] =
    g_param_spec_enum ("anchor-state", NULL, NULL,
                       GLOSS_TYPE_ANCHOR_STATE, GLOSS_ANCHOR_ANCHORED, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_annotation_init (GlossAnnotation *self)
{
  self->kind = GLOSS_ANNOTATION_COMMENT;
  self->tags = g_new0 (char *, 1);
  self->note = g_strdup ("");
  self->exact = g_strdup ("");
  self->creator_role = GLOSS_ROLE_STUDENT;
  self->anchor_state = GLOSS_ANCHOR_ANCHORED;
  self->created = g_date_time_new_now_utc ();
  self->modified = g_date_time_ref (self->created);
}

static char *
new_id (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

GlossAnnotation *
gloss_annotation_new (GlossAnnotationKind kind)
{
  GlossAnnotation *self;

  g_return_val_if_fail (kind <= GLOSS_ANNOTATION_CLAIM, NULL);

  self = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);
  self->id = new_id ();
  self->kind = kind;

  return self;
}

const char *
gloss_annotation_get_id (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->id;
}

void
gloss_annotation_regenerate_id (GlossAnnotation *self,
                                guint            position)
{
  g_autofree char *seed = NULL;
  g_autofree char *hash = NULL;
  static const char variants[] = "89ab";

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  /* A name-based UUID (as in RFC 4122, version 5): the same file read
   * twice gives the copy the same id, so that what is shown and exported
   * does not change from one reading to the next.
   */
  seed = g_strdup_printf ("%s\n%u", self->id, position);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);

  g_free (self->id);
  self->id = g_strdup_printf ("urn:uuid:%.8s-%.4s-5%.3s-%c%.3s-%.12s",
                              hash, hash + 8, hash + 13,
                              variants[g_ascii_xdigit_value (hash[16]) & 0x3], hash + 17, hash + 20);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

GlossAnnotationKind
gloss_annotation_get_kind (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ANNOTATION_COMMENT);

  return self->kind;
}

void
gloss_annotation_set_kind (GlossAnnotation     *self,
                           GlossAnnotationKind  kind)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (kind <= GLOSS_ANNOTATION_CLAIM);

  if (self->kind == kind)
    return;

  self->kind = kind;
  changed (self, PROP_KIND);

  if (self->motivation == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOTIVATION]);
}

const char *
gloss_annotation_get_motivation (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  if (self->motivation != NULL)
    return self->motivation;

  return default_motivation (self->kind);
}

const char * const *
gloss_annotation_get_tags (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return (const char * const *)self->tags;
}

/* Empty and repeated ids carry no meaning; dropping them keeps the sidecar
 * and the tag chips in the UI tidy.
 */
static GStrv
clean_tags (const char * const *tags,
            guint               n_tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < n_tags; i++)
    {
      gboolean seen = FALSE;

      if (*tags[i] == '\0')
        continue;

      for (guint j = 0; j < i; j++)
        {
          if (g_str_equal (tags[i], tags[j]))
            {
              seen = TRUE;
              break;
            }
        }

      if (!seen)
        g_strv_builder_add (builder, tags[i]);
    }

  return g_strv_builder_end (builder);
}

void
gloss_annotation_set_tags (GlossAnnotation    *self,
                           const char * const *tags)
{
  g_auto(GStrv) new_tags = NULL;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  new_tags = clean_tags (tags, tags != NULL ? g_strv_length ((char **)tags) : 0);
  if (g_strv_equal ((const char * const *)new_tags, (const char * const *)self->tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_steal_pointer (&new_tags);
  changed (self, PROP_TAGS);
}

gboolean
gloss_annotation_has_tag (GlossAnnotation *self,
                          const char      *tag)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return g_strv_contains ((const char * const *)self->tags, tag);
}

const char *
gloss_annotation_get_note (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->note;
}

void
gloss_annotation_set_note (GlossAnnotation *self,
                           const char      *note)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (note == NULL)
    note = "";

  if (g_strcmp0 (self->note, note) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (note);
  changed (self, PROP_NOTE);
}

/* Replaces *field with @value (empty means unset); returns whether it
 * changed.
 */
static gboolean
replace_optional (char       **field,
                  const char  *value)
{
  g_autofree char *copy = dup_optional (value);

  if (g_strcmp0 (*field, copy) == 0)
    return FALSE;

  g_free (*field);
  *field = g_steal_pointer (&copy);
  return TRUE;
}

const char *
gloss_annotation_get_source (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->source;
}

void
gloss_annotation_set_source (GlossAnnotation *self,
                             const char      *source)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (replace_optional (&self->source, source))
    changed (self, PROP_SOURCE);
}

const char *
gloss_annotation_get_source_type (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->source_type;
}

void
gloss_annotation_set_source_type (GlossAnnotation *self,
                                  const char      *source_type)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (replace_optional (&self->source_type, source_type))
    changed (self, PROP_SOURCE_TYPE);
}

GlossVerdict
gloss_annotation_get_verdict (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_VERDICT_NONE);

  return self->verdict;
}

void
gloss_annotation_set_verdict (GlossAnnotation *self,
                              GlossVerdict     verdict)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (verdict <= GLOSS_VERDICT_INSUFFICIENT);

  if (self->verdict == verdict)
    return;

  self->verdict = verdict;
  changed (self, PROP_VERDICT);
}

const char *
gloss_annotation_get_link (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->link;
}

void
gloss_annotation_set_link (GlossAnnotation *self,
                           const char      *link)
{
  g_return_if_fail (GLOSS_IS_ANNOTATION (self));

  if (replace_optional (&self->link, link))
    changed (self, PROP_LINK);
}

const char *
gloss_annotation_get_creator_name (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->creator_name;
}

GlossCreatorRole
gloss_annotation_get_creator_role (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ROLE_STUDENT);

  return self->creator_role;
}

void
gloss_annotation_set_creator (GlossAnnotation  *self,
                              const char       *name,
                              GlossCreatorRole  role)
{
  gboolean name_changed;
  gboolean role_changed;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (role <= GLOSS_ROLE_TEACHER);

  name_changed = replace_optional (&self->creator_name, name);
  role_changed = self->creator_role != role;
  self->creator_role = role;

  if (!name_changed && !role_changed)
    return;

  touch (self);
  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATOR_NAME]);
  if (role_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATOR_ROLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

GDateTime *
gloss_annotation_get_created (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->created;
}

GDateTime *
gloss_annotation_get_modified (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->modified;
}

guint
gloss_annotation_get_start (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->start;
}

guint
gloss_annotation_get_end (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), 0);

  return self->end;
}

const char *
gloss_annotation_get_exact (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->exact;
}

const char *
gloss_annotation_get_prefix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->prefix;
}

const char *
gloss_annotation_get_suffix (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->suffix;
}

const char *
gloss_annotation_get_text_hash (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  return self->text_hash;
}

GlossAnchorState
gloss_annotation_get_anchor_state (GlossAnnotation *self)
{
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), GLOSS_ANCHOR_ORPHAN);

  return self->anchor_state;
}

/* Replaces a string that may legitimately be empty (unlike the optional
 * user fields); returns whether it changed.
 */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
gloss_annotation_set_target_from_text (GlossAnnotation *self,
                                       const char      *text,
                                       const char      *text_hash,
                                       guint            start,
                                       guint            end)
{
  const char *p;
  const char *exact_start;
  const char *exact_end;
  const char *prefix_start;
  const char *suffix_end;
  guint length;
  guint prefix_start_offset;
  g_autofree char *exact = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  GParamSpec *notify[8];
  guint n_notify = 0;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (text != NULL);
  g_return_if_fail (start <= end);

  /* One walk over the text finds all five boundaries: the context stops at
   * the start and end of the text.
   */
  length = 0;
  prefix_start_offset = start > GLOSS_QUOTE_CONTEXT ? start - GLOSS_QUOTE_CONTEXT : 0;
  prefix_start = exact_start = exact_end = suffix_end = NULL;
  for (p = text; ; p = g_utf8_next_char (p))
    {
      if (length == prefix_start_offset)
        prefix_start = p;
      if (length == start)
        exact_start = p;
      if (length == end)
        exact_end = p;
      if (length == (guint64)end + GLOSS_QUOTE_CONTEXT)
        suffix_end = p;

      if (*p == '\0')
        break;
      length++;
    }

  /* A range past the end of the text is a caller's mistake: clamp it and
   * start again, so that the selectors still describe real text.
   */
  if (exact_end == NULL)
    {
      g_critical ("Target %u-%u lies outside a text of %u characters", start, end, length);
      gloss_annotation_set_target_from_text (self, text, text_hash, MIN (start, length), length);
      return;
    }

  if (suffix_end == NULL)
    suffix_end = p;

  exact = g_strndup (exact_start, exact_end - exact_start);
  prefix = g_strndup (prefix_start, exact_start - prefix_start);
  suffix = g_strndup (exact_end, suffix_end - exact_end);

  if (self->start != start)
    {
      self->start = start;
      notify[n_notify++] = properties[PROP_START];
    }
  if (self->end != end)
    {
      self->end = end;
      notify[n_notify++] = properties[PROP_END];
    }
  if (replace_string (&self->exact, exact))
    notify[n_notify++] = properties[PROP_EXACT];
  if (replace_string (&self->prefix, prefix))
    notify[n_notify++] = properties[PROP_PREFIX];
  if (replace_string (&self->suffix, suffix))
    notify[n_notify++] = properties[PROP_SUFFIX];
  if (replace_optional (&self->text_hash, text_hash))
    notify[n_notify++] = properties[PROP_TEXT_HASH];
  if (self->anchor_state != GLOSS_ANCHOR_ANCHORED)
    {
      self->anchor_state = GLOSS_ANCHOR_ANCHORED;
      notify[n_notify++] = properties[PROP_ANCHOR_STATE];
    }

  if (n_notify == 0)
    return;

  touch (self);
  notify[n_notify++] = properties[PROP_MODIFIED];

  g_assert (n_notify <= G_N_ELEMENTS (notify));
  for (guint i = 0; i < n_notify; i++)
    g_object_notify_by_pspec (G_OBJECT (self), notify[i]);
}

void
gloss_annotation_set_position (GlossAnnotation  *self,
                               guint             start,
                               guint             end,
                               GlossAnchorState  state)
{
  gboolean start_changed;
  gboolean end_changed;
  gboolean state_changed;

  g_return_if_fail (GLOSS_IS_ANNOTATION (self));
  g_return_if_fail (start <= end);
  g_return_if_fail (state <= GLOSS_ANCHOR_ORPHAN);

  start_changed = self->start != start;
  end_changed = self->end != end;
  state_changed = self->anchor_state != state;

  self->start = start;
  self->end = end;
  self->anchor_state = state;

  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANCHOR_STATE]);
}

/* Writing JSON */

/* A copy that shares nothing with @node (json_node_copy() shares the
 * objects and arrays inside): what Gloss keeps does not change when the
 * caller reuses the tree it was read from, and the caller may change what
 * gloss_annotation_to_json() returns.
 */
JsonNode *
gloss_json_node_deep_copy (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        g_autoptr(GList) names = json_object_get_members (object);

        for (const GList *l = names; l != NULL; l = l->next)
          json_object_set_member (copy, l->data, gloss_json_node_deep_copy (json_object_get_member (object, l->data)));

        return json_node_init_object (json_node_alloc (), copy);
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, gloss_json_node_deep_copy (json_array_get_element (array, i)));

        return json_node_init_array (json_node_alloc (), copy);
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

static gboolean
looks_like_url (const char *source)
{
  static const char *schemes[] = { "http", "https", "ftp", "doi", "urn", "mailto" };
  g_autofree char *scheme = NULL;

  if (source == NULL || strpbrk (source, " \t\n\r<>\"") != NULL)
    return FALSE;

  if (!g_uri_is_valid (source, G_URI_FLAGS_NONE, NULL))
    return FALSE;

  scheme = g_uri_parse_scheme (source);
  for (guint i = 0; scheme != NULL && i < G_N_ELEMENTS (schemes); i++)
    {
      if (g_ascii_strcasecmp (scheme, schemes[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
format_date_time (GDateTime *dt)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (dt);

  return g_date_time_format_iso8601 (utc);
}

static void
add_extra_members (JsonObject *object,
                   JsonObject *extra)
{
  g_autoptr(GList) names = NULL;

  if (extra == NULL)
    return;

  /* json_object_get_members() keeps the order of the file, unlike the
   * iterator of json-glib 1.6.
   */
  names = json_object_get_members (extra);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!json_object_has_member (object, name))
        json_object_set_member (object, name, gloss_json_node_deep_copy (json_object_get_member (extra, name)));
    }
}

static JsonObject *
new_typed_object (const char *type)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  return object;
}

static void
add_object_element (JsonArray  *array,
                    JsonObject *object)
{
  json_array_add_object_element (array, object);
}

JsonNode *
gloss_annotation_to_json (GlossAnnotation *self)
{
  g_autoptr(JsonObject) object = NULL;
  JsonObject *creator;
  JsonArray *body;
  JsonObject *target;
  JsonArray *selectors;
  JsonObject *selector;
  JsonArray *tags;
  JsonNode *node;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);

  object = new_typed_object ("Annotation");
  json_object_set_string_member (object, "id", self->id);

  created = format_date_time (self->created);
  modified = format_date_time (self->modified);
  json_object_set_string_member (object, "created", created);
  json_object_set_string_member (object, "modified", modified);

  creator = json_object_new ();
  if (self->extra_creator == NULL || !json_object_has_member (self->extra_creator, "type"))
    json_object_set_string_member (creator, "type", "Person");
  else
    json_object_set_member (creator, "type",
                            gloss_json_node_deep_copy (json_object_get_member (self->extra_creator, "type")));
  if (self->creator_name != NULL)
    json_object_set_string_member (creator, "name", self->creator_name);
  json_object_set_string_member (creator, GLOSS_NS "role",
                                 gloss_creator_role_to_string (self->creator_role));
  add_extra_members (creator, self->extra_creator);
  json_object_set_object_member (object, "creator", creator);

  json_object_set_string_member (object, "motivation", gloss_annotation_get_motivation (self));

  body = json_array_new ();
  if (*self->note != '\0')
    {
      JsonObject *comment = new_typed_object ("TextualBody");

      json_object_set_string_member (comment, "purpose", "commenting");
      json_object_set_string_member (comment, "value", self->note);
      json_object_set_string_member (comment, "format", "text/markdown");
      add_object_element (body, comment);
    }
  for (guint i = 0; self->tags[i] != NULL; i++)
    {
      JsonObject *tag = new_typed_object ("TextualBody");

      json_object_set_string_member (tag, "purpose", "tagging");
      json_object_set_string_member (tag, "value", self->tags[i]);
      add_object_element (body, tag);
    }
  if (looks_like_url (self->source))
    {
      JsonObject *link = new_typed_object ("SpecificResource");

      json_object_set_string_member (link, "purpose", "linking");
      json_object_set_string_member (link, "source", self->source);
      add_object_element (body, link);
    }
  for (guint i = 0; self->extra_bodies != NULL && i < self->extra_bodies->len; i++)
    json_array_add_element (body, gloss_json_node_deep_copy (g_ptr_array_index (self->extra_bodies, i)));

  if (json_array_get_length (body) > 0)
    json_object_set_array_member (object, "body", body);
  else
    json_array_unref (body);

  target = json_object_new ();
  if (self->target_source != NULL)
    json_object_set_string_member (target, "source", self->target_source);

  selectors = json_array_new ();
  if (*self->exact != '\0')
    {
      selector = new_typed_object ("TextQuoteSelector");
      json_object_set_string_member (selector, "exact", self->exact);
      if (self->prefix != NULL)
        json_object_set_string_member (selector, "prefix", self->prefix);
      if (self->suffix != NULL)
        json_object_set_string_member (selector, "suffix", self->suffix);
      add_object_element (selectors, selector);
    }
  selector = new_typed_object ("TextPositionSelector");
  json_object_set_int_member (selector, "start", self->start);
  json_object_set_int_member (selector, "end", self->end);
  add_object_element (selectors, selector);
  for (guint i = 0; self->extra_selectors != NULL && i < self->extra_selectors->len; i++)
    json_array_add_element (selectors, gloss_json_node_deep_copy (g_ptr_array_index (self->extra_selectors, i)));
  json_object_set_array_member (target, "selector", selectors);

  if (self->text_hash != NULL)
    json_object_set_string_member (target, GLOSS_NS "textHash", self->text_hash);
  add_extra_members (target, self->extra_target);
  json_object_set_object_member (object, "target", target);

  json_object_set_string_member (object, GLOSS_NS "kind", gloss_annotation_kind_to_string (self->kind));

  tags = json_array_new ();
  for (guint i = 0; self->tags[i] != NULL; i++)
    json_array_add_string_element (tags, self->tags[i]);
  json_object_set_array_member (object, GLOSS_NS "tags", tags);

  if (self->verdict != GLOSS_VERDICT_NONE)
    json_object_set_string_member (object, GLOSS_NS "verdict", gloss_verdict_to_string (self->verdict));
  if (self->source_type != NULL)
    json_object_set_string_member (object, GLOSS_NS "sourceType", self->source_type);
  if (self->source != NULL)
    json_object_set_string_member (object, GLOSS_NS "source", self->source);
  if (self->link != NULL)
    json_object_set_string_member (object, GLOSS_NS "link", self->link);
  json_object_set_string_member (object, GLOSS_NS "anchor",
                                 gloss_anchor_state_to_string (self->anchor_state));

  add_extra_members (object, self->extra);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, g_steal_pointer (&object));
  return node;
}

/* Reading JSON
 *
 * Each helper accepts a missing member or a JSON null as "absent" and
 * fails only on a member of the wrong type, naming it by its path in the
 * annotation ("target.selector[1].start") so that a person fixing the file
 * by hand knows where to look.
 */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char  *path,
             const char **out,
             GError     **error)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("“%s” must be a string"), path);

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_offset (JsonObject  *object,
             const char  *name,
             const char  *path,
             gboolean    *found,
             guint       *out,
             GError     **error)
{
  JsonNode *node = get_member (object, name);
  GType type;
  double value;

  *found = FALSE;
  if (node == NULL)
    return TRUE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    value = json_node_get_double (node);
  else
    return invalid (error, _("“%s” must be a whole number"), path);

  if (value < 0 || value > G_MAXUINT || value != (double)(guint)value)
    return invalid (error, _("“%s” must be a whole number of characters, not %g"), path, value);

  *out = (guint)value;
  *found = TRUE;
  return TRUE;
}

static gboolean
read_date_time (JsonObject  *object,
                const char  *name,
                GDateTime  **out,
                GError     **error)
{
  const char *str = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;

  if (!read_string (object, name, name, &str, error))
    return FALSE;

  if (str == NULL)
    return TRUE;

  dt = g_date_time_new_from_iso8601 (str, utc);
  if (dt == NULL)
    return invalid (error, _("“%s” is not a date and time: “%s”"), name, str);

  g_clear_pointer (out, g_date_time_unref);
  *out = g_date_time_to_utc (dt);
  return TRUE;
}

/* A member that may hold one object or a list of them (JSON-LD allows
 * both). Fills @nodes with the elements.
 */
static gboolean
read_one_or_many (JsonNode    *node,
                  const char  *path,
                  GPtrArray   *nodes,
                  GError     **error)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (nodes, json_array_get_element (array, i));
      return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node) || json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_ptr_array_add (nodes, node);
      return TRUE;
    }

  return invalid (error, _("“%s” must be an object or a list"), path);
}

static gboolean
read_string_list (JsonNode    *node,
                  const char  *path,
                  GPtrArray   *strings,
                  GError     **error)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“%s” must be a list of strings"), path);

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid (error, _("“%s” must be a list of strings"), path);

      g_ptr_array_add (strings, (gpointer)json_node_get_string (element));
    }

  return TRUE;
}

static void
add_tag (GPtrArray  *tags,
         const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (tags, i), tag))
        return;
    }

  g_ptr_array_add (tags, (gpointer)tag);
}

static void
keep_member (JsonObject **extra,
             const char  *name,
             JsonNode    *node)
{
  if (*extra == NULL)
    *extra = json_object_new ();

  json_object_set_member (*extra, name, gloss_json_node_deep_copy (node));
}

static void
keep_node (GPtrArray **extra,
           JsonNode   *node)
{
  if (*extra == NULL)
    *extra = g_ptr_array_new_with_free_func ((GDestroyNotify)json_node_unref);

  g_ptr_array_add (*extra, gloss_json_node_deep_copy (node));
}

static gboolean
has_type (JsonObject *object,
          const char *type)
{
  JsonNode *node = get_member (object, "type");

  if (node == NULL)
    return FALSE;

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (node), type) == 0;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (json_node_get_value_type (element) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (element), type) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
check_type_member (JsonObject  *object,
                   const char  *path,
                   GError     **error)
{
  JsonNode *node = get_member (object, "type");

  if (node == NULL || json_node_get_value_type (node) == G_TYPE_STRING)
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(GPtrArray) ignored = g_ptr_array_new ();

      return read_string_list (node, path, ignored, error);
    }

  return invalid (error, _("“%s” must be a string"), path);
}

typedef struct {
  const char *note;
  const char *link_source;
  GPtrArray  *body_tags;
} BodyInfo;

static gboolean
read_bodies (GlossAnnotation  *self,
             JsonNode         *node,
             BodyInfo         *info,
             GError          **error)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new ();

  if (!read_one_or_many (node, "body", bodies, error))
    return FALSE;

  for (guint i = 0; i < bodies->len; i++)
    {
      JsonNode *body_node = g_ptr_array_index (bodies, i);
      g_autofree char *path = g_strdup_printf ("body[%u]", i);
      g_autofree char *type_path = g_strdup_printf ("body[%u].type", i);
      g_autofree char *purpose_path = g_strdup_printf ("body[%u].purpose", i);
      g_autofree char *value_path = g_strdup_printf ("body[%u].value", i);
      g_autofree char *source_path = g_strdup_printf ("body[%u].source", i);
      JsonObject *body;
      const char *purpose = NULL;
      const char *value = NULL;
      const char *source = NULL;
      gboolean textual;

      if (!JSON_NODE_HOLDS_OBJECT (body_node))
        {
          /* A body given as a bare IRI: not something Gloss edits. */
          keep_node (&self->extra_bodies, body_node);
          continue;
        }

      body = json_node_get_object (body_node);
      if (!check_type_member (body, type_path, error) ||
          !read_string (body, "purpose", purpose_path, &purpose, error))
        return FALSE;

      /* W3C calls the text "value"; Hypothesis's JSON-LD calls it "text". */
      if (!read_string (body, "value", value_path, &value, error))
        return FALSE;
      if (value == NULL && !read_string (body, "text", value_path, &value, error))
        return FALSE;

      textual = has_type (body, "TextualBody") || (get_member (body, "type") == NULL && value != NULL);

      if (textual && value != NULL && g_strcmp0 (purpose, "tagging") == 0)
        {
          add_tag (info->body_tags, value);
          continue;
        }

      if (textual && value != NULL && info->note == NULL &&
          (purpose == NULL || g_str_equal (purpose, "commenting")))
        {
          info->note = value;
          continue;
        }

      if (has_type (body, "SpecificResource") && g_strcmp0 (purpose, "linking") == 0 &&
          info->link_source == NULL)
        {
          if (!read_string (body, "source", source_path, &source, error))
            return FALSE;
          if (source != NULL)
            {
              info->link_source = source;
              continue;
            }
        }

      keep_node (&self->extra_bodies, body_node);
    }

  return TRUE;
}

static gboolean
read_selectors (GlossAnnotation  *self,
                JsonNode         *node,
                gboolean         *have_position,
                GError          **error)
{
  g_autoptr(GPtrArray) selectors = g_ptr_array_new ();
  gboolean have_quote = FALSE;

  if (!read_one_or_many (node, "target.selector", selectors, error))
    return FALSE;

  for (guint i = 0; i < selectors->len; i++)
    {
      JsonNode *selector_node = g_ptr_array_index (selectors, i);
      JsonObject *selector;

      if (!JSON_NODE_HOLDS_OBJECT (selector_node))
        return invalid (error, _("“%s” must be an object"), "target.selector");

      selector = json_node_get_object (selector_node);

      if (!have_quote && has_type (selector, "TextQuoteSelector"))
        {
          g_autofree char *exact_path = g_strdup_printf ("target.selector[%u].exact", i);
          g_autofree char *prefix_path = g_strdup_printf ("target.selector[%u].prefix", i);
          g_autofree char *suffix_path = g_strdup_printf ("target.selector[%u].suffix", i);
          const char *exact = NULL;
          const char *prefix = NULL;
          const char *suffix = NULL;

          if (!read_string (selector, "exact", exact_path, &exact, error) ||
              !read_string (selector, "prefix", prefix_path, &prefix, error) ||
              !read_string (selector, "suffix", suffix_path, &suffix, error))
            return FALSE;

          if (exact == NULL)
            return invalid (error, _("“%s” is missing"), exact_path);

          g_free (self->exact);
          self->exact = g_strdup (exact);
          g_free (self->prefix);
          self->prefix = g_strdup (prefix);
          g_free (self->suffix);
          self->suffix = g_strdup (suffix);
          have_quote = TRUE;
        }
      else if (!*have_position && has_type (selector, "TextPositionSelector"))
        {
          g_autofree char *start_path = g_strdup_printf ("target.selector[%u].start", i);
          g_autofree char *end_path = g_strdup_printf ("target.selector[%u].end", i);
          g_autoptr(GError) position_error = NULL;
          gboolean found_start = FALSE;
          gboolean found_end = FALSE;
          guint start = 0;
          guint end = 0;

          /* Offsets are what a person editing the file by hand gets wrong
           * (a negative number, the ends swapped), and they only repeat
           * what the quote says: the selector is kept as it is, and the
           * note is found by its quote instead of being set aside.
           */
          if (!read_offset (selector, "start", start_path, &found_start, &start, &position_error) ||
              !read_offset (selector, "end", end_path, &found_end, &end, &position_error) ||
              !found_start || !found_end || end < start)
            {
              g_debug ("Ignoring a text position that does not describe a range: %s",
                       position_error != NULL ? position_error->message : "start or end missing or swapped");
              keep_node (&self->extra_selectors, selector_node);
              continue;
            }

          self->start = start;
          self->end = end;
          *have_position = TRUE;
        }
      else
        {
          keep_node (&self->extra_selectors, selector_node);
        }
    }

  return TRUE;
}

static gboolean
read_target (GlossAnnotation  *self,
             JsonNode         *node,
             GError          **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GList) names = NULL;
  JsonObject *target;
  JsonNode *member;
  const char *source = NULL;
  const char *hash = NULL;
  gboolean have_position = FALSE;

  /* Hypothesis writes a list of targets; Gloss notes have one. Further
   * targets would need a model Gloss does not have, so the first one wins.
   */
  if (!read_one_or_many (node, "target", targets, error))
    return FALSE;

  if (targets->len == 0)
    return TRUE;

  node = g_ptr_array_index (targets, 0);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      self->target_source = g_strdup (json_node_get_string (node));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” must be an object"), "target");

  target = json_node_get_object (node);
  if (!read_string (target, "source", "target.source", &source, error) ||
      !read_string (target, GLOSS_NS "textHash", "target." GLOSS_NS "textHash", &hash, error))
    return FALSE;

  self->target_source = g_strdup (source);
  self->text_hash = dup_optional (hash);

  member = get_member (target, "selector");
  if (member != NULL && !read_selectors (self, member, &have_position, error))
    return FALSE;

  /* The hash says which text the position was taken on; without a
   * position it would vouch for nothing.
   */
  if (!have_position)
    g_clear_pointer (&self->text_hash, g_free);

  names = json_object_get_members (target);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "source") ||
          g_str_equal (name, "selector") ||
          g_str_equal (name, GLOSS_NS "textHash"))
        continue;

      keep_member (&self->extra_target, name, json_object_get_member (target, name));
    }

  return TRUE;
}

static gboolean
read_creator (GlossAnnotation  *self,
              JsonObject       *object,
              GError          **error)
{
  JsonNode *node = get_member (object, "creator");
  g_autoptr(GList) names = NULL;
  JsonObject *creator;
  const char *name = NULL;
  const char *role = NULL;

  if (node == NULL)
    {
      const char *user = NULL;

      /* Hypothesis: "user": "acct:name@hypothes.is". */
      if (!read_string (object, "user", "user", &user, error))
        return FALSE;

      if (user != NULL)
        {
          const char *at;

          if (g_str_has_prefix (user, "acct:"))
            user += strlen ("acct:");
          at = strchr (user, '@');
          self->creator_name = at != NULL ? g_strndup (user, at - user) : g_strdup (user);
        }

      return TRUE;
    }

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      self->creator_name = dup_optional (json_node_get_string (node));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” must be an object"), "creator");

  creator = json_node_get_object (node);
  if (!check_type_member (creator, "creator.type", error) ||
      !read_string (creator, "name", "creator.name", &name, error) ||
      !read_string (creator, GLOSS_NS "role", "creator." GLOSS_NS "role", &role, error))
    return FALSE;

  /* Other tools identify people by "nickname" only. */
  if (name == NULL && !read_string (creator, "nickname", "creator.nickname", &name, error))
    return FALSE;

  self->creator_name = dup_optional (name);
  if (role != NULL && !gloss_creator_role_from_string (role, &self->creator_role))
    return invalid (error, _("“%s” has an unknown value “%s”"), "creator." GLOSS_NS "role", role);

  names = json_object_get_members (creator);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *member = l->data;

      if (g_str_equal (member, GLOSS_NS "role") ||
          (g_str_equal (member, "type") && has_type (creator, "Person")) ||
          (g_str_equal (member, "name") && self->creator_name != NULL))
        continue;

      keep_member (&self->extra_creator, member, json_object_get_member (creator, member));
    }

  return TRUE;
}

static GlossAnnotationKind
kind_for_motivation (const char *motivation)
{
  if (g_strcmp0 (motivation, "assessing") == 0)
    return GLOSS_ANNOTATION_EVIDENCE;
  if (g_strcmp0 (motivation, "classifying") == 0)
    return GLOSS_ANNOTATION_BIAS;
  if (g_strcmp0 (motivation, "identifying") == 0)
    return GLOSS_ANNOTATION_CLAIM;

  return GLOSS_ANNOTATION_COMMENT;
}

/* Members this file reads; everything else is kept as it is. */
static const char *known_members[] = {
  "type", "id", "created", "modified", "updated", "creator", "user",
  "motivation", "body", "target", "text", "tags",
  GLOSS_NS "kind", GLOSS_NS "tags", GLOSS_NS "verdict", GLOSS_NS "sourceType",
  GLOSS_NS "source", GLOSS_NS "link", GLOSS_NS "anchor",
};

static gboolean
is_known_member (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_members); i++)
    {
      if (g_str_equal (name, known_members[i]))
        return TRUE;
    }

  return FALSE;
}

GlossAnnotation *
gloss_annotation_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GlossAnnotation) self = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GList) names = NULL;
  BodyInfo info = { NULL, NULL, NULL };
  JsonObject *object;
  JsonNode *member;
  const char *id = NULL;
  const char *motivation = NULL;
  const char *kind = NULL;
  const char *verdict = NULL;
  const char *source_type = NULL;
  const char *source = NULL;
  const char *link = NULL;
  const char *anchor = NULL;
  const char *text = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("An annotation must be a JSON object"));
      return NULL;
    }

  object = json_node_get_object (node);
  self = g_object_new (GLOSS_TYPE_ANNOTATION, NULL);

  if (!check_type_member (object, "type", error))
    return NULL;
  member = get_member (object, "type");
  if (member != NULL && !has_type (object, "Annotation") && !has_type (object, "oa:Annotation"))
    {
      invalid (error, _("“%s” must be “%s”"), "type", "Annotation");
      return NULL;
    }

  if (!read_string (object, "id", "id", &id, error))
    return NULL;
  self->id = id != NULL && *id != '\0' ? g_strdup (id) : new_id ();

  if (!read_date_time (object, "created", &created, error))
    return NULL;
  g_clear_pointer (&self->modified, g_date_time_unref);
  if (!read_date_time (object, "modified", &self->modified, error))
    return NULL;
  if (self->modified == NULL && !read_date_time (object, "updated", &self->modified, error))
    return NULL;

  /* "created" is optional in the W3C model: a note without it was made
   * when it was last changed, if that is known, rather than whenever the
   * file happens to be read.
   */
  if (created == NULL && self->modified != NULL)
    created = g_date_time_ref (self->modified);
  if (created != NULL)
    {
      g_date_time_unref (self->created);
      self->created = g_steal_pointer (&created);
    }
  if (self->modified == NULL)
    self->modified = g_date_time_ref (self->created);

  if (!read_creator (self, object, error))
    return NULL;

  member = get_member (object, "motivation");
  if (member != NULL)
    {
      /* JSON-LD allows several motivations; the first one is the main one. */
      if (JSON_NODE_HOLDS_ARRAY (member))
        {
          g_autoptr(GPtrArray) motivations = g_ptr_array_new ();

          if (!read_string_list (member, "motivation", motivations, error))
            return NULL;
          if (motivations->len > 0)
            motivation = g_ptr_array_index (motivations, 0);
        }
      else if (!read_string (object, "motivation", "motivation", &motivation, error))
        {
          return NULL;
        }
    }

  if (!read_string (object, GLOSS_NS "kind", GLOSS_NS "kind", &kind, error) ||
      !read_string (object, GLOSS_NS "verdict", GLOSS_NS "verdict", &verdict, error) ||
      !read_string (object, GLOSS_NS "sourceType", GLOSS_NS "sourceType", &source_type, error) ||
      !read_string (object, GLOSS_NS "source", GLOSS_NS "source", &source, error) ||
      !read_string (object, GLOSS_NS "link", GLOSS_NS "link", &link, error) ||
      !read_string (object, GLOSS_NS "anchor", GLOSS_NS "anchor", &anchor, error) ||
      !read_string (object, "text", "text", &text, error))
    return NULL;

  if (kind != NULL)
    {
      if (!gloss_annotation_kind_from_string (kind, &self->kind))
        {
          invalid (error, _("“%s” has an unknown value “%s”"), GLOSS_NS "kind", kind);
          return NULL;
        }
    }
  else
    {
      self->kind = kind_for_motivation (motivation);
    }

  if (motivation != NULL && !g_str_equal (motivation, default_motivation (self->kind)))
    self->motivation = g_strdup (motivation);

  if (verdict != NULL && !gloss_verdict_from_string (verdict, &self->verdict))
    {
      invalid (error, _("“%s” has an unknown value “%s”"), GLOSS_NS "verdict", verdict);
      return NULL;
    }

  /* The anchor state is informational: anchoring recomputes it. */
  if (anchor != NULL)
    gloss_anchor_state_from_string (anchor, &self->anchor_state);

  /* Tags: ours first, then tagging bodies and Hypothesis "tags" that other
   * tools may have added.
   */
  member = get_member (object, GLOSS_NS "tags");
  if (member != NULL && !read_string_list (member, GLOSS_NS "tags", tags, error))
    return NULL;

  info.body_tags = tags;
  member = get_member (object, "body");
  if (member != NULL && !read_bodies (self, member, &info, error))
    return NULL;

  member = get_member (object, "tags");
  if (member != NULL)
    {
      g_autoptr(GPtrArray) hypothesis_tags = g_ptr_array_new ();

      if (!read_string_list (member, "tags", hypothesis_tags, error))
        return NULL;
      for (guint i = 0; i < hypothesis_tags->len; i++)
        add_tag (tags, g_ptr_array_index (hypothesis_tags, i));
    }

  g_strfreev (self->tags);
  self->tags = clean_tags ((const char * const *)tags->pdata, tags->len);

  g_free (self->note);
  self->note = g_strdup (info.note != NULL ? info.note : (text != NULL ? text : ""));
  self->source = dup_optional (source != NULL ? source : info.link_source);
  self->source_type = dup_optional (source_type);
  self->link = dup_optional (link);

  member = get_member (object, "target");
  if (member != NULL && !read_target (self, member, error))
    return NULL;

  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      if (is_known_member (l->data))
        continue;

      keep_member (&self->extra, l->data, json_object_get_member (object, l->data));
    }

  return g_steal_pointer (&self);
}

/* The tag's label from the vocabulary that fits the note best, or its id
 * when no shipped or installed vocabulary knows it.
 */
const char *
gloss_annotation_get_tag_label (GlossAnnotation *self,
                                const char      *tag)
{
  const char *order[2] = { "evidence", "bias" };

  g_return_val_if_fail (GLOSS_IS_ANNOTATION (self), NULL);
  g_return_val_if_fail (tag != NULL, NULL);

  if (gloss_annotation_get_kind (self) == GLOSS_ANNOTATION_BIAS)
    {
      order[0] = "bias";
      order[1] = "evidence";
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GlossVocabulary *vocabulary = gloss_vocabulary_get_default (order[i]);
      const GlossTag *entry;

      if (vocabulary == NULL)
        continue;

      entry = gloss_vocabulary_lookup (vocabulary, tag);
      if (entry != NULL && entry->label != NULL && *entry->label != '\0')
        return entry->label;
    }

  return tag;
}
