/* gloss-class-window.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-class-window.h"

struct _GlossClassWindow
{
  AdwWindow             parent_instance;

  /* Weak: the class window goes with the Gloss window, never keeps it. */
  GlossWindow          *window;
  GCancellable         *cancellable;
  GlossGrade           *grade;

  /* One row per student, in the order chosen, with the score label (NULL
   * for an unreadable file) and the rows of the missed key notes.
   */
  GPtrArray            *student_rows;
  GPtrArray            *score_labels;
  GPtrArray            *missed_rows;
  GPtrArray            *key_note_rows;

  /* Template children */
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *students_group;
  AdwPreferencesGroup  *key_notes_group;

  guint                 loading : 1;
};

G_DEFINE_FINAL_TYPE (GlossClassWindow, gloss_class_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WINDOW,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What reading one student's file gave. */
typedef struct
{
  char      *file;
  GPtrArray *notes;
  GError    *error;
} StudentFile;

static void
student_file_free (StudentFile *student)
{
  g_free (student->file);
  g_clear_pointer (&student->notes, g_ptr_array_unref);
  g_clear_error (&student->error);
  g_free (student);
}

static void
gloss_class_window_set_loading (GlossClassWindow *self,
                                gboolean          loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
gloss_class_window_show_error (GlossClassWindow *self,
                               const char       *message)
{
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* Rows */

static const char *
key_note_quote (GlossAnnotation *note)
{
  const char *exact = gloss_annotation_get_exact (note);

  if (exact == NULL || *exact == '\0')
    return _("(a passage without a quote)");

  return exact;
}

static GtkWidget *
create_quote_row (GlossAnnotation *note,
                  const char      *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Quotes and names come from files: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), key_note_quote (note));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static char *
dup_student_subtitle (GlossClassWindow        *self,
                      const GlossGradeStudent *student)
{
  guint n_keys = self->grade->key_notes->len;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  /* Translators: how many of the teacher's key notes a student found. */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("Found %u of %u key note",
                                                     "Found %u of %u key notes",
                                                     n_keys),
                                           student->n_found, n_keys));
  /* Translators: of the key notes a student found, those where the
   * student gave one of the teacher's tags.
   */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("tags agreed on %u of %u",
                                                     "tags agreed on %u of %u",
                                                     student->n_found),
                                           student->n_tags_agreed, student->n_found));
  if (student->n_verdicts > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("verdict agreed on %u of %u",
                                                       "verdicts agreed on %u of %u",
                                                       student->n_verdicts),
                                             student->n_verdicts_agreed, student->n_verdicts));
  /* Translators: notes of the student that match none of the key's. */
  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u extra note",
                                                     "%u extra notes",
                                                     student->n_extra),
                                           student->n_extra));
  g_ptr_array_add (parts, NULL);

  /* Translators: the separator between the figures of a student. */
  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

static void
gloss_class_window_add_student_row (GlossClassWindow        *self,
                                    const GlossGradeStudent *student)
{
  g_autoptr(GPtrArray) missed = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *score = NULL;
  GtkWidget *row;
  GtkWidget *label;

  if (student->error != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), student->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), student->error->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("These notes cannot be read"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_widget_set_tooltip_text (row, student->file);

      adw_preferences_group_add (self->students_group, row);
      g_ptr_array_add (self->student_rows, row);
      g_ptr_array_add (self->score_labels, NULL);
      g_ptr_array_add (self->missed_rows, g_steal_pointer (&missed));
      return;
    }

  subtitle = dup_student_subtitle (self, student);
  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), student->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, student->file);

  /* Translators: a student's score, a percentage of the key's notes. */
  score = g_strdup_printf (_("%u%%"), student->score);
  label = gtk_label_new (score);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), label);

  for (guint k = 0; k < self->grade->key_notes->len; k++)
    {
      GlossGradeKeyNote *key_note = g_ptr_array_index (self->grade->key_notes, k);
      GlossAnnotation *match = g_ptr_array_index (student->matches, k);
      GlossAnnotationKind kind = gloss_annotation_get_kind (key_note->note);
      g_autofree char *missed_subtitle = NULL;
      GtkWidget *missed_row;

      if (match != NULL && gloss_annotation_get_kind (match) == kind)
        continue;

      if (match != NULL)
        /* Translators: a key note the student missed: its kind, and the
         * other kind of note the student made on the same passage.
         */
        missed_subtitle = g_strdup_printf (_("%s · the student marked it as %s"),
                                           gloss_annotation_kind_to_label (kind),
                                           gloss_annotation_kind_to_label (gloss_annotation_get_kind (match)));
      else
        missed_subtitle = g_strdup (gloss_annotation_kind_to_label (kind));

      missed_row = create_quote_row (key_note->note, missed_subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), missed_row);
      g_ptr_array_add (missed, missed_row);
    }

  if (missed->len == 0)
    {
      GtkWidget *all_row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (all_row), _("Found every key note"));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), all_row);
    }

  adw_preferences_group_add (self->students_group, row);
  g_ptr_array_add (self->student_rows, row);
  g_ptr_array_add (self->score_labels, label);
  g_ptr_array_add (self->missed_rows, g_steal_pointer (&missed));
}

static void
key_note_row_activated_cb (AdwActionRow     *row,
                           GlossClassWindow *self)
{
  GlossAnnotation *note = g_object_get_data (G_OBJECT (row), "gloss-key-note");
  GlossArticleView *view;
  guint start, end;

  if (self->window == NULL || note == NULL ||
      gloss_window_get_article (self->window) == NULL)
    return;

  /* The key is the window's own notes, so the positions are the article's
   * as it is shown now. The passage is shown as the side pane shows a
   * note, scrolled to and flashed; selecting it would offer to make a new
   * note on it.
   */
  start = gloss_annotation_get_start (note);
  end = gloss_annotation_get_end (note);
  view = gloss_window_get_article_view (self->window);
  gloss_article_view_reveal (view, start, end);
}

static void
gloss_class_window_add_key_note_row (GlossClassWindow        *self,
                                     const GlossGradeKeyNote *key_note,
                                     guint                    n_readable)
{
  GlossAnnotation *note = key_note->note;
  g_autofree char *found = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: how many of the class marked a key note's passage. */
  found = g_strdup_printf (ngettext ("found by %u of %u student",
                                     "found by %u of %u students",
                                     n_readable),
                           key_note->n_found, n_readable);
  /* Translators: a key note's kind, then how many students found it. */
  subtitle = g_strdup_printf (_("%s · %s"),
                              gloss_annotation_kind_to_label (gloss_annotation_get_kind (note)),
                              found);
  row = create_quote_row (note, subtitle);
  g_object_set_data_full (G_OBJECT (row), "gloss-key-note", g_object_ref (note), g_object_unref);

  if (gloss_annotation_get_anchor_state (note) != GLOSS_ANCHOR_ORPHAN)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Show the passage in the article"));
      g_signal_connect_object (row, "activated",
                               G_CALLBACK (key_note_row_activated_cb), self, 0);
    }

  adw_preferences_group_add (self->key_notes_group, row);
  g_ptr_array_add (self->key_note_rows, row);
}

static char *
dup_summary (GlossClassWindow *self)
{
  GlossGrade *grade = self->grade;
  guint n_students = grade->students->len;
  guint n_readable = n_students - grade->n_unreadable;
  guint n_keys = grade->key_notes->len;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (grade->key_author != NULL)
    /* Translators: the author of the key and its number of notes. */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Key by %s (%u note)",
                                                       "Key by %s (%u notes)",
                                                       n_keys),
                                             grade->key_author, n_keys));
  else
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("Key of %u note",
                                                       "Key of %u notes",
                                                       n_keys),
                                             n_keys));

  g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u student", "%u students", n_students),
                                           n_students));
  if (grade->n_unreadable > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u unreadable", "%u unreadable",
                                                       grade->n_unreadable),
                                             grade->n_unreadable));

  if (n_readable > 0)
    {
      guint total = 0;

      for (guint i = 0; i < n_students; i++)
        {
          GlossGradeStudent *student = g_ptr_array_index (grade->students, i);

          if (student->error == NULL)
            total += student->score;
        }
      /* Translators: the mean of the readable students' scores. */
      g_ptr_array_add (parts, g_strdup_printf (_("class average %u%%"),
                                               (total + n_readable / 2) / n_readable));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

static void
load_students_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossClassWindow) self = user_data;
  g_autoptr(GPtrArray) students = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n_readable;

  students = g_task_propagate_pointer (G_TASK (result), &error);
  if (students == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gloss_class_window_show_error (self, error->message);
          gloss_class_window_set_loading (self, FALSE);
        }
      return;
    }

  for (guint i = 0; i < students->len; i++)
    {
      StudentFile *student = g_ptr_array_index (students, i);

      gloss_grade_add_student (self->grade, student->file, student->notes, student->error);
    }

  for (guint i = 0; i < self->grade->students->len; i++)
    gloss_class_window_add_student_row (self, g_ptr_array_index (self->grade->students, i));

  n_readable = self->grade->students->len - self->grade->n_unreadable;
  for (guint k = 0; k < self->grade->key_notes->len; k++)
    gloss_class_window_add_key_note_row (self, g_ptr_array_index (self->grade->key_notes, k), n_readable);

  summary = dup_summary (self);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "results");
  gloss_class_window_set_loading (self, FALSE);
}

static void
load_students_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GPtrArray *files = task_data;
  g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func ((GDestroyNotify)student_file_free);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *file = g_ptr_array_index (files, i);
      StudentFile *student = g_new0 (StudentFile, 1);

      if (g_task_return_error_if_cancelled (task))
        {
          student_file_free (student);
          return;
        }

      student->file = g_file_get_parse_name (file);
      student->notes = gloss_grade_load_notes (file, cancellable, &student->error);
      g_ptr_array_add (students, student);
    }

  g_task_return_pointer (task, g_steal_pointer (&students), (GDestroyNotify)g_ptr_array_unref);
}

/* Makes the grade from the window's notes and starts reading @students. */
static void
gloss_class_window_start (GlossClassWindow *self,
                          GFile * const    *students,
                          guint             n_students)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) key_notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *key_name = NULL;
  GlossArticle *article;
  GlossAnnotationStore *store;
  GFile *key_file;

  article = self->window != NULL ? gloss_window_get_article (self->window) : NULL;
  if (article == NULL)
    {
      gloss_class_window_show_error (self, _("Open the article and make your notes on it first: they are the key the class is compared with."));
      return;
    }

  adw_window_title_set_subtitle (self->window_title,
                                 gloss_document_get_title (gloss_article_get_document (article)));

  store = gloss_article_get_store (article);
  key_file = gloss_annotation_store_get_file (store);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (key_notes, g_list_model_get_item (G_LIST_MODEL (store), i));

  key_name = key_file != NULL ? g_file_get_basename (key_file) : g_strdup (_("Your notes"));
  self->grade = gloss_grade_new (key_name, key_notes, &error);
  if (self->grade == NULL)
    {
      gloss_class_window_show_error (self, error->message);
      return;
    }

  /* The key's own notes file would count the teacher as a student who
   * found everything, and a file chosen twice would count one student
   * twice.
   */
  for (guint i = 0; i < n_students; i++)
    {
      gboolean seen = key_file != NULL && g_file_equal (students[i], key_file);

      for (guint k = 0; k < files->len && !seen; k++)
        seen = g_file_equal (students[i], g_ptr_array_index (files, k));
      if (!seen)
        g_ptr_array_add (files, g_object_ref (students[i]));
    }

  gloss_class_window_set_loading (self, TRUE);
  task = g_task_new (self, self->cancellable, load_students_cb, g_object_ref (self));
  g_task_set_source_tag (task, gloss_class_window_start);
  g_task_set_task_data (task, g_steal_pointer (&files), (GDestroyNotify)g_ptr_array_unref);
  g_task_run_in_thread (task, load_students_thread);
}

/* GObject */

static void
gloss_class_window_dispose (GObject *object)
{
  GlossClassWindow *self = GLOSS_CLASS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->window);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_CLASS_WINDOW);

  G_OBJECT_CLASS (gloss_class_window_parent_class)->dispose (object);
}

static void
gloss_class_window_finalize (GObject *object)
{
  GlossClassWindow *self = GLOSS_CLASS_WINDOW (object);

  g_clear_pointer (&self->grade, gloss_grade_free);
  g_clear_pointer (&self->student_rows, g_ptr_array_unref);
  g_clear_pointer (&self->score_labels, g_ptr_array_unref);
  g_clear_pointer (&self->missed_rows, g_ptr_array_unref);
  g_clear_pointer (&self->key_note_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_class_window_parent_class)->finalize (object);
}

static void
gloss_class_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossClassWindow *self = GLOSS_CLASS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_value_set_object (value, self->window);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_class_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossClassWindow *self = GLOSS_CLASS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_WINDOW:
      g_set_weak_pointer (&self->window, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_class_window_class_init (GlossClassWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_class_window_dispose;
  object_class->finalize = gloss_class_window_finalize;
  object_class->get_property = gloss_class_window_get_property;
  object_class->set_property = gloss_class_window_set_property;

  /**
   * GlossClassWindow:window:
   *
   * The Gloss window whose article and notes are the key.
   */
  properties[PROP_WINDOW] =
    g_param_spec_object ("window", NULL, NULL,
                         GLOSS_TYPE_WINDOW,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GlossClassWindow:loading:
   *
   * Whether the students' files are still being read.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossapp/Gloss/ui/gloss-class-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, students_group);
  gtk_widget_class_bind_template_child (widget_class, GlossClassWindow, key_notes_group);
}

static void
gloss_class_window_init (GlossClassWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->student_rows = g_ptr_array_new ();
  self->score_labels = g_ptr_array_new ();
  self->missed_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)g_ptr_array_unref);
  self->key_note_rows = g_ptr_array_new ();
}

/* Public */

GtkWidget *
gloss_class_window_new (GlossWindow   *window,
                        GFile * const *students,
                        guint          n_students)
{
  GlossClassWindow *self;

  g_return_val_if_fail (GLOSS_IS_WINDOW (window), NULL);
  g_return_val_if_fail (students != NULL || n_students == 0, NULL);

  self = g_object_new (GLOSS_TYPE_CLASS_WINDOW,
                       "window", window,
                       "transient-for", window,
                       "application", gtk_window_get_application (GTK_WINDOW (window)),
                       NULL);
  gloss_class_window_start (self, students, n_students);

  return GTK_WIDGET (self);
}

gboolean
gloss_class_window_get_loading (GlossClassWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), FALSE);

  return self->loading;
}

const char *
gloss_class_window_get_summary (GlossClassWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), NULL);

  return gtk_label_get_text (self->summary_label);
}

guint
gloss_class_window_get_n_students (GlossClassWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), 0);

  return self->student_rows->len;
}

AdwPreferencesRow *
gloss_class_window_get_student_row (GlossClassWindow *self,
                                    guint             index)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->student_rows->len, NULL);

  return g_ptr_array_index (self->student_rows, index);
}

const char *
gloss_class_window_get_student_score (GlossClassWindow *self,
                                      guint             index)
{
  GtkLabel *label;

  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->score_labels->len, NULL);

  label = g_ptr_array_index (self->score_labels, index);

  return label != NULL ? gtk_label_get_text (label) : NULL;
}

GPtrArray *
gloss_class_window_get_missed_rows (GlossClassWindow *self,
                                    guint             index)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->missed_rows->len, NULL);

  return g_ptr_array_copy (g_ptr_array_index (self->missed_rows, index), NULL, NULL);
}

guint
gloss_class_window_get_n_key_notes (GlossClassWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), 0);

  return self->key_note_rows->len;
}

AdwActionRow *
gloss_class_window_get_key_note_row (GlossClassWindow *self,
                                     guint             index)
{
  g_return_val_if_fail (GLOSS_IS_CLASS_WINDOW (self), NULL);
  g_return_val_if_fail (index < self->key_note_rows->len, NULL);

  return g_ptr_array_index (self->key_note_rows, index);
}
