/* gloss-finding.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-finding.h"

struct _GlossFinding
{
  GObject               parent_instance;

  GlossFindingCategory  category;
  char                 *kind;
  guint                 start;
  guint                 end;
  char                 *label;
  double                score;
  guint                 level;
  char                 *detail;
  guint                 has_evidence : 1;
  /* NULL-terminated; the explanation is element 0 when there is one. */
  GPtrArray            *reasons;
};

G_DEFINE_FINAL_TYPE (GlossFinding, gloss_finding, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CATEGORY,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_LABEL,
  PROP_SCORE,
  PROP_EXPLANATION,
  PROP_LEVEL,
  PROP_DETAIL,
  PROP_HAS_EVIDENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
gloss_finding_category_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { GLOSS_FINDING_SECTION, "GLOSS_FINDING_SECTION", "section" },
        { GLOSS_FINDING_CLAIM, "GLOSS_FINDING_CLAIM", "claim" },
        { GLOSS_FINDING_EVIDENCE, "GLOSS_FINDING_EVIDENCE", "evidence" },
        { GLOSS_FINDING_CUE, "GLOSS_FINDING_CUE", "cue" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("GlossFindingCategory"),
                                         values);

      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static void
gloss_finding_finalize (GObject *object)
{
  GlossFinding *self = (GlossFinding *)object;

  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->reasons, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_finding_parent_class)->finalize (object);
}

static void
gloss_finding_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossFinding *self = GLOSS_FINDING (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      g_value_set_enum (value, self->category);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_START:
      g_value_set_uint (value, self->start);
      break;

    case PROP_END:
      g_value_set_uint (value, self->end);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_SCORE:
      g_value_set_double (value, self->score);
      break;

    case PROP_EXPLANATION:
      g_value_set_string (value, gloss_finding_get_explanation (self));
      break;

    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_HAS_EVIDENCE:
      g_value_set_boolean (value, self->has_evidence);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_finding_class_init (GlossFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_finding_finalize;
  object_class->get_property = gloss_finding_get_property;

  /**
   * GlossFinding:category:
   *
   * Whether this is a section, a claim, evidence or a bias cue.
   */
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       GLOSS_TYPE_FINDING_CATEGORY,
                       GLOSS_FINDING_SECTION,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:kind:
   *
   * The kind inside the category: a claim kind, an evidence kind or a tag
   * id of the bias vocabulary.
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:start:
   *
   * The first code point of the range in the document text.
   */
  properties[PROP_START] =
    g_param_spec_uint ("start", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:end:
   *
   * The code point after the range in the document text.
   */
  properties[PROP_END] =
    g_param_spec_uint ("end", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:label:
   *
   * The matched text, a section title or a claim sentence.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:score:
   *
   * How strong the finding is, from 0 to 1.
   */
  properties[PROP_SCORE] =
    g_param_spec_double ("score", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:explanation:
   *
   * One human line that says why this was found.
   */
  properties[PROP_EXPLANATION] =
    g_param_spec_string ("explanation", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:level:
   *
   * The heading level of a section, 0 for other findings.
   */
  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:detail:
   *
   * The speaker or source of evidence, or a link target, if found.
   */
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossFinding:has-evidence:
   *
   * For a claim, whether the article offers evidence for it in the same
   * sentence or paragraph: a statistic, a quotation, an attribution, a
   * link, a citation or an anecdote.
   */
  properties[PROP_HAS_EVIDENCE] =
    g_param_spec_boolean ("has-evidence", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_finding_init (GlossFinding *self)
{
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->reasons, NULL);
}

GlossFinding *
gloss_finding_new (GlossFindingCategory  category,
                   const char           *kind,
                   guint                 start,
                   guint                 end,
                   const char           *label,
                   double                score,
                   const char           *explanation)
{
  GlossFinding *self;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (start <= end, NULL);

  self = g_object_new (GLOSS_TYPE_FINDING, NULL);
  self->category = category;
  self->kind = g_strdup (kind);
  self->start = start;
  self->end = end;
  self->label = g_strdup (label);
  self->score = CLAMP (score, 0.0, 1.0);

  if (explanation != NULL && explanation[0] != '\0')
    gloss_finding_add_reason (self, explanation);

  return self;
}

GlossFindingCategory
gloss_finding_get_category (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), GLOSS_FINDING_SECTION);

  return self->category;
}

const char *
gloss_finding_get_kind (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), NULL);

  return self->kind;
}

guint
gloss_finding_get_start (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), 0);

  return self->start;
}

guint
gloss_finding_get_end (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), 0);

  return self->end;
}

const char *
gloss_finding_get_label (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), NULL);

  return self->label;
}

double
gloss_finding_get_score (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), 0.0);

  return self->score;
}

const char *
gloss_finding_get_explanation (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), NULL);

  return g_ptr_array_index (self->reasons, 0);
}

guint
gloss_finding_get_level (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), 0);

  return self->level;
}

void
gloss_finding_set_level (GlossFinding *self,
                         guint         level)
{
  g_return_if_fail (GLOSS_IS_FINDING (self));

  if (self->level == level)
    return;

  self->level = level;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
}

const char *
gloss_finding_get_detail (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), NULL);

  return self->detail;
}

void
gloss_finding_set_detail (GlossFinding *self,
                          const char   *detail)
{
  g_return_if_fail (GLOSS_IS_FINDING (self));

  if (g_strcmp0 (self->detail, detail) == 0)
    return;

  g_free (self->detail);
  self->detail = g_strdup (detail);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

gboolean
gloss_finding_get_has_evidence (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), FALSE);

  return self->has_evidence;
}

void
gloss_finding_set_has_evidence (GlossFinding *self,
                                gboolean      has_evidence)
{
  g_return_if_fail (GLOSS_IS_FINDING (self));

  has_evidence = !!has_evidence;
  if (self->has_evidence == (guint)has_evidence)
    return;

  self->has_evidence = has_evidence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EVIDENCE]);
}

const char * const *
gloss_finding_get_reasons (GlossFinding *self)
{
  g_return_val_if_fail (GLOSS_IS_FINDING (self), NULL);

  return (const char * const *)self->reasons->pdata;
}

void
gloss_finding_add_reason (GlossFinding *self,
                          const char   *reason)
{
  gboolean was_empty;

  g_return_if_fail (GLOSS_IS_FINDING (self));
  g_return_if_fail (reason != NULL);

  was_empty = self->reasons->len == 1;

  /* Keep the array NULL-terminated so that it can be handed out as a
   * string vector.
   */
  g_ptr_array_insert (self->reasons, self->reasons->len - 1, g_strdup (reason));

  if (was_empty)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPLANATION]);
}

const char *
gloss_finding_category_to_string (GlossFindingCategory category)
{
  switch (category)
    {
    case GLOSS_FINDING_SECTION:
      return "section";

    case GLOSS_FINDING_CLAIM:
      return "claim";

    case GLOSS_FINDING_EVIDENCE:
      return "evidence";

    case GLOSS_FINDING_CUE:
      return "cue";

    default:
      g_return_val_if_reached (NULL);
    }
}
