/* gloss-note-editor.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-note-editor.h"

struct _GlossNoteEditor
{
  GtkPopover           parent_instance;

  GlossAnnotation     *annotation;
  GlossAnnotationKind  kind;
  char                *quote;

  /* Tag ids the reader ticked, kept across kind changes so that switching
   * back and forth does not lose them.
   */
  GHashTable          *checked;
  /* Tag id -> GtkCheckButton for the vocabulary on show. */
  GHashTable          *tag_buttons;
  /* Tags of the edited note that no shipped vocabulary knows (a teacher's
   * vocabulary, an older Gloss): written back unchanged.
   */
  GStrv                foreign_tags;

  GtkLabel            *heading_label;
  GtkLabel            *quote_label;
  GtkToggleButton     *evidence_button;
  GtkToggleButton     *bias_button;
  GtkToggleButton     *comment_button;
  GtkLabel            *tags_heading;
  GtkWidget           *tags_scroller;
  GtkFlowBox          *tags_box;
  GtkWidget           *evidence_box;
  GtkDropDown         *verdict_dropdown;
  GtkEntry            *source_entry;
  GtkTextView         *note_view;
  GtkWidget           *delete_button;

  guint                loading : 1;
  guint                edited : 1;
  guint                finished : 1;
};

G_DEFINE_FINAL_TYPE (GlossNoteEditor, gloss_note_editor, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_ANNOTATION,
  PROP_KIND,
  PROP_QUOTE,
  N_PROPS
};

enum {
  SAVE,
  DELETE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
vocabulary_id_for_kind (GlossAnnotationKind kind)
{
  switch (kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      return "evidence";

    case GLOSS_ANNOTATION_BIAS:
      return "bias";

    case GLOSS_ANNOTATION_COMMENT:
    case GLOSS_ANNOTATION_CLAIM:
    default:
      return NULL;
    }
}

static GlossVocabulary *
vocabulary_for_kind (GlossAnnotationKind kind)
{
  const char *id = vocabulary_id_for_kind (kind);

  return id != NULL ? gloss_vocabulary_get_default (id) : NULL;
}

static gboolean
tag_is_known (const char *tag_id)
{
  GlossVocabulary *evidence = gloss_vocabulary_get_default ("evidence");
  GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");

  return (evidence != NULL && gloss_vocabulary_lookup (evidence, tag_id) != NULL) ||
         (bias != NULL && gloss_vocabulary_lookup (bias, tag_id) != NULL);
}

static void
swatch_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = user_data;
  GdkRGBA rgba;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    return;

  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
tag_toggled_cb (GlossNoteEditor *self,
                GtkCheckButton  *button)
{
  const char *tag_id = g_object_get_data (G_OBJECT (button), "gloss-tag-id");

  if (gtk_check_button_get_active (button))
    g_hash_table_add (self->checked, g_strdup (tag_id));
  else
    g_hash_table_remove (self->checked, tag_id);

  if (!self->loading)
    self->edited = TRUE;
}

static GtkWidget *
create_tag_button (GlossNoteEditor *self,
                   const GlossTag  *tag)
{
  GtkWidget *button;
  GtkWidget *box;
  GtkWidget *swatch;
  GtkWidget *label;
  g_autoptr(GString) tooltip = g_string_new (NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  swatch = gtk_drawing_area_new ();
  gtk_widget_set_size_request (swatch, 10, 10);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch),
                                  swatch_draw,
                                  g_strdup (tag->color),
                                  g_free);
  gtk_box_append (GTK_BOX (box), swatch);

  label = gtk_label_new (tag->label != NULL ? tag->label : tag->id);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  button = gtk_check_button_new ();
  gtk_check_button_set_child (GTK_CHECK_BUTTON (button), box);
  g_object_set_data_full (G_OBJECT (button), "gloss-tag-id", g_strdup (tag->id), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tag->label != NULL ? tag->label : tag->id,
                                  -1);

  if (tag->definition != NULL)
    g_string_append (tooltip, tag->definition);
  if (tag->example != NULL && *tag->example != '\0')
    {
      if (tooltip->len > 0)
        g_string_append (tooltip, "\n\n");
      /* Translators: %s is an example sentence for a tag. */
      g_string_append_printf (tooltip, _("Example: %s"), tag->example);
    }
  if (tooltip->len > 0)
    gtk_widget_set_tooltip_text (button, tooltip->str);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                               g_hash_table_contains (self->checked, tag->id));
  g_signal_connect_object (button, "toggled",
                           G_CALLBACK (tag_toggled_cb), self,
                           G_CONNECT_SWAPPED);

  return button;
}

static void
gloss_note_editor_update_heading (GlossNoteEditor *self)
{
  const char *heading;
  gboolean editing = self->annotation != NULL;

  switch (self->kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      heading = editing ? _("Edit Evidence Note") : _("New Evidence Note");
      break;

    case GLOSS_ANNOTATION_BIAS:
      heading = editing ? _("Edit Bias Note") : _("New Bias Note");
      break;

    case GLOSS_ANNOTATION_CLAIM:
    case GLOSS_ANNOTATION_COMMENT:
    default:
      heading = editing ? _("Edit Comment") : _("New Comment");
      break;
    }

  gtk_label_set_label (self->heading_label, heading);
}

static void
gloss_note_editor_rebuild_tags (GlossNoteEditor *self)
{
  GlossVocabulary *vocabulary = vocabulary_for_kind (self->kind);
  GtkWidget *child;
  guint n_tags = vocabulary != NULL ? gloss_vocabulary_get_n_tags (vocabulary) : 0;
  gboolean was_loading = self->loading;

  g_hash_table_remove_all (self->tag_buttons);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_flow_box_remove (self->tags_box, child);

  self->loading = TRUE;

  for (guint i = 0; i < n_tags; i++)
    {
      const GlossTag *tag = gloss_vocabulary_get_tag (vocabulary, i);
      GtkWidget *button = create_tag_button (self, tag);

      g_hash_table_insert (self->tag_buttons, g_strdup (tag->id), button);
      gtk_flow_box_append (self->tags_box, button);
    }

  self->loading = was_loading;

  gtk_widget_set_visible (GTK_WIDGET (self->tags_heading), n_tags > 0);
  gtk_widget_set_visible (self->tags_scroller, n_tags > 0);
  gtk_widget_set_visible (self->evidence_box, self->kind == GLOSS_ANNOTATION_EVIDENCE);
}

void
gloss_note_editor_set_kind (GlossNoteEditor     *self,
                            GlossAnnotationKind  kind)
{
  g_return_if_fail (GLOSS_IS_NOTE_EDITOR (self));

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }

  /* Keep the toggle buttons in step when the kind is set from code. */
  switch (kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      gtk_toggle_button_set_active (self->evidence_button, TRUE);
      break;

    case GLOSS_ANNOTATION_BIAS:
      gtk_toggle_button_set_active (self->bias_button, TRUE);
      break;

    case GLOSS_ANNOTATION_CLAIM:
    case GLOSS_ANNOTATION_COMMENT:
    default:
      gtk_toggle_button_set_active (self->comment_button, TRUE);
      break;
    }

  gloss_note_editor_rebuild_tags (self);
  gloss_note_editor_update_heading (self);
}

static void
kind_toggled_cb (GlossNoteEditor *self,
                 GtkToggleButton *button)
{
  GlossAnnotationKind kind;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->evidence_button)
    kind = GLOSS_ANNOTATION_EVIDENCE;
  else if (button == self->bias_button)
    kind = GLOSS_ANNOTATION_BIAS;
  else
    kind = GLOSS_ANNOTATION_COMMENT;

  if (kind == self->kind)
    return;

  if (!self->loading)
    self->edited = TRUE;

  gloss_note_editor_set_kind (self, kind);
}

static void
changed_cb (GlossNoteEditor *self)
{
  if (!self->loading)
    self->edited = TRUE;
}

static void
buffer_changed_cb (GlossNoteEditor *self,
                   GtkTextBuffer   *buffer)
{
  changed_cb (self);
}

static void
gloss_note_editor_reset (GlossNoteEditor     *self,
                         GlossAnnotation     *annotation,
                         GlossAnnotationKind  kind,
                         const char          *quote)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  g_autoptr(GStrvBuilder) foreign = g_strv_builder_new ();
  const char *note;
  const char *source;

  self->loading = TRUE;
  self->edited = FALSE;
  self->finished = FALSE;

  g_set_object (&self->annotation, annotation);
  g_free (self->quote);
  self->quote = g_strdup (quote);
  g_hash_table_remove_all (self->checked);
  g_clear_pointer (&self->foreign_tags, g_strfreev);

  if (annotation != NULL)
    {
      const char * const *tags = gloss_annotation_get_tags (annotation);

      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        {
          if (tag_is_known (tags[i]))
            g_hash_table_add (self->checked, g_strdup (tags[i]));
          else
            g_strv_builder_add (foreign, tags[i]);
        }
    }
  self->foreign_tags = g_strv_builder_end (foreign);

  gtk_label_set_label (self->quote_label, quote != NULL ? quote : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->quote_label), quote);

  note = annotation != NULL ? gloss_annotation_get_note (annotation) : NULL;
  source = annotation != NULL ? gloss_annotation_get_source (annotation) : NULL;
  gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->source_entry), source != NULL ? source : "");
  gtk_drop_down_set_selected (self->verdict_dropdown,
                              annotation != NULL ? (guint)gloss_annotation_get_verdict (annotation) : 0);

  gtk_widget_set_visible (self->delete_button, annotation != NULL);

  /* Force a rebuild even when the kind is unchanged: the ticked tags are
   * new.
   */
  self->kind = kind;
  gloss_note_editor_set_kind (self, kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUOTE]);

  self->loading = FALSE;
}

void
gloss_note_editor_edit_new (GlossNoteEditor     *self,
                            GlossAnnotationKind  kind,
                            const char          *quote)
{
  g_return_if_fail (GLOSS_IS_NOTE_EDITOR (self));

  gloss_note_editor_reset (self, NULL, kind, quote);
}

void
gloss_note_editor_edit_annotation (GlossNoteEditor *self,
                                   GlossAnnotation *annotation)
{
  g_return_if_fail (GLOSS_IS_NOTE_EDITOR (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  gloss_note_editor_reset (self,
                           annotation,
                           gloss_annotation_get_kind (annotation),
                           gloss_annotation_get_exact (annotation));
}

GlossAnnotation *
gloss_note_editor_get_annotation (GlossNoteEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  return self->annotation;
}

GlossAnnotationKind
gloss_note_editor_get_kind (GlossNoteEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), GLOSS_ANNOTATION_COMMENT);

  return self->kind;
}

const char *
gloss_note_editor_get_quote (GlossNoteEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  return self->quote;
}

GStrv
gloss_note_editor_dup_tags (GlossNoteEditor *self)
{
  GlossVocabulary *vocabulary;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  builder = g_strv_builder_new ();
  vocabulary = vocabulary_for_kind (self->kind);

  /* Only the tags of the vocabulary on show count: a tag ticked before the
   * kind changed would not mean anything on a note of the other kind.
   */
  if (vocabulary != NULL)
    {
      for (guint i = 0; i < gloss_vocabulary_get_n_tags (vocabulary); i++)
        {
          const GlossTag *tag = gloss_vocabulary_get_tag (vocabulary, i);

          if (g_hash_table_contains (self->checked, tag->id))
            g_strv_builder_add (builder, tag->id);
        }
    }

  if (self->foreign_tags != NULL)
    g_strv_builder_addv (builder, (const char **)self->foreign_tags);

  return g_strv_builder_end (builder);
}

char *
gloss_note_editor_dup_note (GlossNoteEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  return g_strdup (g_strstrip (text));
}

void
gloss_note_editor_apply (GlossNoteEditor *self,
                         GlossAnnotation *annotation)
{
  g_auto(GStrv) tags = NULL;
  g_autofree char *note = NULL;

  g_return_if_fail (GLOSS_IS_NOTE_EDITOR (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  tags = gloss_note_editor_dup_tags (self);
  note = gloss_note_editor_dup_note (self);

  if (gloss_annotation_get_kind (annotation) != self->kind)
    gloss_annotation_set_kind (annotation, self->kind);
  gloss_annotation_set_tags (annotation, (const char * const *)tags);
  gloss_annotation_set_note (annotation, *note != '\0' ? note : NULL);

  if (self->kind == GLOSS_ANNOTATION_EVIDENCE)
    {
      g_autofree char *source = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_entry)));

      g_strstrip (source);
      gloss_annotation_set_source (annotation, *source != '\0' ? source : NULL);
      gloss_annotation_set_verdict (annotation, (GlossVerdict)gtk_drop_down_get_selected (self->verdict_dropdown));
    }
}

GtkCheckButton *
gloss_note_editor_get_tag_button (GlossNoteEditor *self,
                                  const char      *tag_id)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);
  g_return_val_if_fail (tag_id != NULL, NULL);

  return g_hash_table_lookup (self->tag_buttons, tag_id);
}

GtkTextBuffer *
gloss_note_editor_get_buffer (GlossNoteEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  return gtk_text_view_get_buffer (self->note_view);
}

GtkEditable *
gloss_note_editor_get_source_entry (GlossNoteEditor *self)
{
  g_return_val_if_fail (GLOSS_IS_NOTE_EDITOR (self), NULL);

  return GTK_EDITABLE (self->source_entry);
}

static gboolean
gloss_note_editor_has_content (GlossNoteEditor *self)
{
  g_autofree char *note = gloss_note_editor_dup_note (self);
  g_auto(GStrv) tags = gloss_note_editor_dup_tags (self);

  return *note != '\0' || (tags != NULL && tags[0] != NULL);
}

static void
gloss_note_editor_finish (GlossNoteEditor *self,
                          guint            signal_id)
{
  self->finished = TRUE;

  if (signal_id != 0)
    g_signal_emit (self, signal_id, 0);

  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (widget);

  gloss_note_editor_finish (self, signals[SAVE]);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gloss_note_editor_finish (GLOSS_NOTE_EDITOR (widget), 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (widget);

  if (self->annotation == NULL)
    {
      gloss_note_editor_finish (self, 0);
      return;
    }

  gloss_note_editor_finish (self, signals[DELETE]);
}

static void
gloss_note_editor_closed (GtkPopover *popover)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (popover);

  /* A click outside the popover closes it too. Typing a note and then
   * clicking back into the article must not throw the note away, so an
   * edit that was neither saved nor cancelled is saved.
   */
  if (!self->finished)
    {
      self->finished = TRUE;

      if (self->annotation != NULL ? self->edited : gloss_note_editor_has_content (self))
        g_signal_emit (self, signals[SAVE], 0);
    }
}

static void
gloss_note_editor_map (GtkWidget *widget)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (widget);

  GTK_WIDGET_CLASS (gloss_note_editor_parent_class)->map (widget);

  /* Writing the note is what a reader does first; tags are a click away. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

static void
gloss_note_editor_dispose (GObject *object)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_NOTE_EDITOR);

  g_clear_object (&self->annotation);

  G_OBJECT_CLASS (gloss_note_editor_parent_class)->dispose (object);
}

static void
gloss_note_editor_finalize (GObject *object)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (object);

  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->checked, g_hash_table_unref);
  g_clear_pointer (&self->tag_buttons, g_hash_table_unref);
  g_clear_pointer (&self->foreign_tags, g_strfreev);

  G_OBJECT_CLASS (gloss_note_editor_parent_class)->finalize (object);
}

static void
gloss_note_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ANNOTATION:
      g_value_set_object (value, self->annotation);
      break;

    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;

    case PROP_QUOTE:
      g_value_set_string (value, self->quote);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_note_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GlossNoteEditor *self = GLOSS_NOTE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_KIND:
      gloss_note_editor_set_kind (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_note_editor_class_init (GlossNoteEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkPopoverClass *popover_class = GTK_POPOVER_CLASS (klass);

  object_class->dispose = gloss_note_editor_dispose;
  object_class->finalize = gloss_note_editor_finalize;
  object_class->get_property = gloss_note_editor_get_property;
  object_class->set_property = gloss_note_editor_set_property;

  widget_class->map = gloss_note_editor_map;

  popover_class->closed = gloss_note_editor_closed;

  /**
   * GlossNoteEditor:annotation:
   *
   * The note being edited, or %NULL while a new note is written.
   */
  properties[PROP_ANNOTATION] =
    g_param_spec_object ("annotation", NULL, NULL,
                         GLOSS_TYPE_ANNOTATION,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossNoteEditor:kind:
   *
   * The kind of note (a #GlossAnnotationKind).
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      GLOSS_ANNOTATION_EVIDENCE, GLOSS_ANNOTATION_CLAIM,
                      GLOSS_ANNOTATION_COMMENT,
                      (G_PARAM_READWRITE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /**
   * GlossNoteEditor:quote:
   *
   * The passage the note is about.
   */
  properties[PROP_QUOTE] =
    g_param_spec_string ("quote", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossNoteEditor::save:
   *
   * The reader saved the note: the owner creates it or updates the edited
   * one with gloss_note_editor_apply().
   */
  signals[SAVE] =
    g_signal_new ("save",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GlossNoteEditor::delete:
   *
   * The reader asked to delete the edited note.
   */
  signals[DELETE] =
    g_signal_new ("delete",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossapp/Gloss/ui/gloss-note-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, quote_label);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, evidence_button);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, bias_button);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, comment_button);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, tags_heading);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, tags_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, tags_box);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, evidence_box);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, verdict_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, source_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, GlossNoteEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
}

static void
gloss_note_editor_init (GlossNoteEditor *self)
{
  self->kind = GLOSS_ANNOTATION_COMMENT;
  self->checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tag_buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gloss_note_editor_set_kind (self, GLOSS_ANNOTATION_COMMENT);
}

GtkWidget *
gloss_note_editor_new (void)
{
  return g_object_new (GLOSS_TYPE_NOTE_EDITOR, NULL);
}
