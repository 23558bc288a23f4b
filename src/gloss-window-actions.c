/* gloss-window-actions.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "gloss-class-window.h"
#include "gloss-window-private.h"

#define RECENT_GROUP "gloss"
#define MAX_RECENT 5

/* Opening */

static void
gloss_window_add_article_filters (GtkFileChooser *chooser)
{
  static const char * const suffixes[] = { "html", "htm", "xhtml", "txt", "md", "markdown" };
  static const char * const mime_types[] = { "text/html", "application/xhtml+xml", "text/plain", "text/markdown" };
  g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (articles, _("Articles"));
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (articles, suffixes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (mime_types); i++)
    gtk_file_filter_add_mime_type (articles, mime_types[i]);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  gtk_file_chooser_add_filter (chooser, articles);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, articles);
}

static void
gloss_window_set_chooser_folder (GlossWindow    *self,
                                 GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (self->file != NULL)
    folder = g_file_get_parent (self->file);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  GlossWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      guint n_files = g_list_model_get_n_items (files);

      for (guint i = 0; i < n_files; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          if (i == 0)
            gloss_window_open_file (self, file);
          else if (GLOSS_IS_APPLICATION (app))
            gloss_application_open_file (GLOSS_APPLICATION (app), file);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Open Article"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gloss_window_add_article_filters (GTK_FILE_CHOOSER (chooser));
  gloss_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (open_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  gloss_window_open_file (self, file);
}

static void
reload_article_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _gloss_window_reload_article (GLOSS_WINDOW (widget));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

/* Recent articles */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = (GtkRecentInfo *)a;
  GtkRecentInfo *info_b = (GtkRecentInfo *)b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

void
_gloss_window_update_recent (GlossWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  GList *ours = NULL;
  g_autoptr(GHashTable) title_counts = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (GList *l = items; l; l = l->next)
    {
      if (gtk_recent_info_has_group (l->data, RECENT_GROUP) &&
          gtk_recent_info_exists (l->data))
        ours = g_list_prepend (ours, l->data);
    }

  ours = g_list_sort (ours, compare_recent);

  /* Articles often share a title (two copies of a page, a student's and
   * the teacher's): those are told apart by their file names.
   */
  for (GList *l = ours; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      const char *title = gtk_recent_info_get_display_name (l->data);

      g_hash_table_replace (title_counts, (gpointer)title,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (title_counts, title)) + 1));
    }

  g_menu_remove_all (self->recent_section);

  n = 0;
  for (GList *l = ours; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      const char *title = gtk_recent_info_get_display_name (l->data);
      const char *uri = gtk_recent_info_get_uri (l->data);
      g_autoptr(GMenuItem) item = NULL;
      g_autoptr(GString) label = g_string_new (title);

      if (GPOINTER_TO_UINT (g_hash_table_lookup (title_counts, title)) > 1)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (uri);
          g_autofree char *name = _gloss_window_dup_display_name (file);

          /* Translators: a recent article whose title another one shares:
           * the title, then its file name.
           */
          g_string_printf (label, _("%s — %s"), title, name);
        }

      /* Menu labels take mnemonics: keep underscores in titles literal. */
      g_string_replace (label, "_", "__", 0);

      item = g_menu_item_new (label->str, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (uri));
      g_menu_append_item (self->recent_section, item);
    }

  g_list_free (ours);
  g_list_free_full (items, (GDestroyNotify)gtk_recent_info_unref);
}

void
_gloss_window_add_recent (GlossWindow *self,
                          GFile       *file,
                          const char  *title)
{
  static char *groups[] = { (char *)RECENT_GROUP, NULL };
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  GtkRecentData data = { 0 };

  data.display_name = (char *)title;
  data.mime_type = mime_type != NULL ? mime_type : (char *)"text/plain";
  data.app_name = (char *)"Gloss";
  data.app_exec = (char *)"gloss %u";
  data.groups = groups;

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Export */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GFile *file = G_FILE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = _gloss_window_dup_display_name (file);
  g_autofree char *message = NULL;
  GlossWindow *self;

  if (!g_file_replace_contents_finish (file, result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GLOSS_WINDOW (user_data);

  if (error != NULL)
    message = g_strdup_printf (_("Could not export notes to “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Notes exported to “%s”"), name);

  _gloss_window_toast (self, message, 5);
}

/* The formats that notes export to, as the export menu offers them. */
typedef struct {
  const char *id;           /* the parameter of win.export-notes */
  const char *title;        /* of the file chooser */
  const char *filter_name;
  const char *suffix;
  const char *mime_type;
} ExportFormat;

static const ExportFormat export_formats[] = {
  { "md", N_("Export Notes as Markdown"), N_("Markdown"), "md", "text/markdown" },
  { "html", N_("Export Notes as a Web Page"), N_("Web page"), "html", "text/html" },
  { "csv", N_("Export Notes as a Spreadsheet"), N_("CSV spreadsheet"), "csv", "text/csv" },
  { "w3c", N_("Export Notes as Web Annotations"), N_("Web Annotation (JSON-LD)"), "jsonld",
    "application/ld+json" },
};

static const ExportFormat *
find_export_format (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      if (g_strcmp0 (export_formats[i].id, id) == 0)
        return &export_formats[i];
    }

  return NULL;
}

static char *
export_notes (GlossWindow        *self,
              const ExportFormat *format)
{
  GlossDocument *document = gloss_article_get_document (self->article);

  if (strcmp (format->id, "html") == 0)
    return gloss_export_html (document, G_LIST_MODEL (self->store));
  if (strcmp (format->id, "csv") == 0)
    return gloss_export_csv (document, G_LIST_MODEL (self->store));
  if (strcmp (format->id, "w3c") == 0)
    return gloss_export_web_annotation (self->store);
  return gloss_export_markdown (document, G_LIST_MODEL (self->store));
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    GlossWindow     *self)
{
  const ExportFormat *format = g_object_get_data (G_OBJECT (dialog), "gloss-export-format");

  if (response == GTK_RESPONSE_ACCEPT && self->article != NULL && format != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *output = export_notes (self, format);
      g_autoptr(GBytes) bytes = g_bytes_new_take (output, strlen (output));

      /* The chooser has already asked before replacing an existing file;
       * the replacement itself is atomic.
       */
      g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                           G_FILE_CREATE_REPLACE_DESTINATION,
                                           self->cancellable,
                                           export_done_cb, self);
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
export_notes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  const ExportFormat *format = find_export_format (g_variant_get_string (parameter, NULL));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *basename = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  char *dot;

  if (self->article == NULL || self->chooser != NULL || format == NULL)
    return;

  basename = g_file_get_basename (self->file);
  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';
  /* Translators: the file name suggested for exported notes, before its
   * extension; %s is the article's file name without its extension.
   */
  stem = g_strdup_printf (_("%s-notes"), basename);
  name = g_strconcat (stem, ".", format->suffix, NULL);

  chooser = gtk_file_chooser_native_new (_(format->title),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _(format->filter_name));
  gtk_file_filter_add_suffix (filter, format->suffix);
  gtk_file_filter_add_mime_type (filter, format->mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gloss_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "gloss-export-format", (gpointer)format);

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

/* Comparing a class's notes with the article's */

static void
compare_notes_response_cb (GtkNativeDialog *dialog,
                           int              response,
                           GlossWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->article != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) students = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWidget *class_window;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (students, g_list_model_get_item (files, i));

      class_window = gloss_class_window_new (self, (GFile * const *)students->pdata, students->len);
      gtk_window_present (GTK_WINDOW (class_window));
    }

  gtk_native_dialog_destroy (dialog);
  g_clear_object (&self->chooser);
}

static void
compare_notes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) notes = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->article == NULL || self->chooser != NULL)
    return;

  /* The teacher's notes on the article are what the class is compared
   * with; without them there is nothing to grade against.
   */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    {
      _gloss_window_toast (self, _("Make your own notes on the article first: the students’ notes are compared with them"), 5);
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Compare Students’ Notes"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Compare"),
                                         _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (notes, _("Gloss notes"));
  gtk_file_filter_add_suffix (notes, "gloss.json");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), notes);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), notes);
  gloss_window_set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));

  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (compare_notes_response_cb), self, 0);
  gtk_native_dialog_show (self->chooser);
}

/* Zoom */

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  double zoom = g_settings_get_double (self->settings, "font-size");

  if (g_str_equal (action_name, "win.zoom-reset"))
    {
      g_settings_reset (self->settings, "font-size");
      return;
    }

  if (g_str_equal (action_name, "win.zoom-in"))
    zoom += 0.1;
  else
    zoom -= 0.1;

  /* Steps of ten percent, within the range of the setting. */
  zoom = CLAMP (round (zoom * 10.0) / 10.0, 0.5, 3.0);
  g_settings_set_double (self->settings, "font-size", zoom);
}

/* Notes */

static gboolean
gloss_window_get_selection (GlossWindow *self,
                            guint       *start,
                            guint       *end)
{
  GlossDocument *document;
  const char *text;
  const char *p;

  if (self->article == NULL ||
      !gloss_article_view_get_selection (self->article_view, start, end))
    return FALSE;

  document = gloss_article_get_document (self->article);
  text = gloss_document_get_text (document);
  *end = MIN (*end, gloss_document_get_length (document));

  /* A drag easily takes in the space around a passage; a note is about
   * the words.
   */
  p = g_utf8_offset_to_pointer (text, *start);
  while (*start < *end && g_unichar_isspace (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      (*start)++;
    }

  p = g_utf8_offset_to_pointer (text, *end);
  while (*end > *start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (p))))
    {
      p = g_utf8_prev_char (p);
      (*end)--;
    }

  return *start < *end;
}

static void
gloss_window_point_editor (GlossWindow  *self,
                           GdkRectangle *rect)
{
  GdkRectangle fallback;

  if (rect == NULL)
    {
      /* Nothing to point at (a note chosen in the side pane): show the
       * editor over the top of the article.
       */
      fallback.x = gtk_widget_get_width (self->article_box) / 2;
      fallback.y = 24;
      fallback.width = 1;
      fallback.height = 1;
      rect = &fallback;
    }

  /* Open towards the larger part of the window, so that the editor fits
   * without being squeezed.
   */
  if (rect->y + rect->height / 2 > gtk_widget_get_height (self->article_box) / 2)
    gtk_popover_set_position (GTK_POPOVER (self->note_editor), GTK_POS_TOP);
  else
    gtk_popover_set_position (GTK_POPOVER (self->note_editor), GTK_POS_BOTTOM);

  gtk_popover_set_pointing_to (GTK_POPOVER (self->note_editor), rect);
}

static gboolean
gloss_window_get_selection_rect (GlossWindow  *self,
                                 GdkRectangle *rect)
{
  graphene_point_t point;

  if (!gloss_article_view_get_selection_rect (self->article_view, rect))
    return FALSE;

  if (gtk_widget_compute_point (GTK_WIDGET (self->article_view), self->article_box,
                                &GRAPHENE_POINT_INIT (rect->x, rect->y), &point))
    {
      rect->x = point.x;
      rect->y = point.y;
    }

  return TRUE;
}

static void
note_new_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GlossAnnotationKind kind;
  const char *text;
  const char *quote_start;
  const char *quote_end;
  g_autofree char *quote = NULL;
  GdkRectangle rect;
  guint start, end;

  if (!gloss_window_get_selection (self, &start, &end))
    return;

  if (g_str_equal (action_name, "note.evidence"))
    kind = GLOSS_ANNOTATION_EVIDENCE;
  else if (g_str_equal (action_name, "note.bias"))
    kind = GLOSS_ANNOTATION_BIAS;
  else
    kind = GLOSS_ANNOTATION_COMMENT;

  text = gloss_document_get_text (gloss_article_get_document (self->article));
  quote_start = g_utf8_offset_to_pointer (text, start);
  quote_end = g_utf8_offset_to_pointer (quote_start, end - start);
  quote = g_strndup (quote_start, quote_end - quote_start);

  self->pending_start = start;
  self->pending_end = end;

  gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
  gloss_note_editor_edit_new (self->note_editor, kind, quote);
  gloss_window_point_editor (self, gloss_window_get_selection_rect (self, &rect) ? &rect : NULL);
  gtk_popover_popup (GTK_POPOVER (self->note_editor));
}

void
_gloss_window_edit_annotation (GlossWindow     *self,
                               GlossAnnotation *annotation,
                               gboolean         at_pointer)
{
  GdkRectangle rect;

  gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
  gloss_note_editor_edit_annotation (self->note_editor, annotation);

  if (at_pointer)
    {
      rect.x = self->last_press_x;
      rect.y = self->last_press_y;
      rect.width = 1;
      rect.height = 1;
      gloss_window_point_editor (self, &rect);
    }
  else
    {
      gloss_window_point_editor (self, NULL);
    }

  gtk_popover_popup (GTK_POPOVER (self->note_editor));
}

static char *
gloss_window_dup_author (GlossWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "author-name");
  const char *real_name;

  g_strstrip (name);
  if (*name != '\0')
    return g_steal_pointer (&name);

  /* GLib says "Unknown" when the account has no real name. */
  real_name = g_get_real_name ();
  if (real_name != NULL && *real_name != '\0' && !g_str_equal (real_name, "Unknown"))
    return g_strdup (real_name);

  return g_strdup (g_get_user_name ());
}

static void
note_editor_save_cb (GlossWindow     *self,
                     GlossNoteEditor *editor)
{
  GlossAnnotation *existing = gloss_note_editor_get_annotation (editor);
  GlossDocument *document;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autofree char *author = NULL;

  if (existing != NULL)
    {
      gloss_note_editor_apply (editor, existing);
      return;
    }

  if (self->article == NULL || self->pending_start >= self->pending_end)
    return;

  document = gloss_article_get_document (self->article);

  annotation = gloss_annotation_new (gloss_note_editor_get_kind (editor));
  gloss_annotation_set_target_from_text (annotation,
                                         gloss_document_get_text (document),
                                         gloss_document_get_text_hash (document),
                                         self->pending_start,
                                         self->pending_end);
  author = gloss_window_dup_author (self);
  gloss_annotation_set_creator (annotation, author, GLOSS_ROLE_STUDENT);
  gloss_note_editor_apply (editor, annotation);
  gloss_annotation_store_add (self->store, annotation);

  self->pending_start = self->pending_end = 0;
  gloss_article_view_clear_selection (self->article_view);
}

static void
gloss_window_delete_note (GlossWindow     *self,
                          GlossAnnotation *annotation)
{
  AdwToast *toast;

  if (self->store == NULL || annotation == NULL)
    return;

  /* Keep the note for an undo until the next deletion. */
  g_set_object (&self->deleted_note, annotation);

  if (!gloss_annotation_store_remove (self->store, annotation))
    {
      g_clear_object (&self->deleted_note);
      return;
    }

  toast = adw_toast_new (_("Note deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "note.undo-delete");
  gloss_window_add_toast (self, toast);

  _gloss_window_update_actions (self);
}

static void
note_editor_delete_cb (GlossWindow     *self,
                       GlossNoteEditor *editor)
{
  gloss_window_delete_note (self, gloss_note_editor_get_annotation (editor));
}

static void
note_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);

  gloss_window_delete_note (self, gloss_side_pane_get_selected_note (self->side_pane));
}

static void
note_undo_delete_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  g_autoptr(GlossAnnotation) annotation = g_steal_pointer (&self->deleted_note);

  if (annotation != NULL && self->store != NULL)
    gloss_annotation_store_add (self->store, annotation);

  _gloss_window_update_actions (self);
}

/* E, B and C start a note on the selection, but they are letters: in an
 * entry or a text view (the note editor, the preferences) they are typing.
 */
static gboolean
note_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  GlossWindow *self = GLOSS_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint start, end;

  if (focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus)))
    return FALSE;

  if (gtk_widget_get_visible (GTK_WIDGET (self->note_editor)) ||
      !gloss_window_get_selection (self, &start, &end))
    return FALSE;

  return gtk_widget_activate_action (widget, user_data, NULL);
}

void
_gloss_window_update_actions (GlossWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_article = self->article != NULL;
  gboolean has_notes = has_article && g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0;
  guint start, end;
  gboolean has_selection = gloss_window_get_selection (self, &start, &end);

  gtk_widget_action_set_enabled (widget, "note.evidence", has_selection);
  gtk_widget_action_set_enabled (widget, "note.bias", has_selection);
  gtk_widget_action_set_enabled (widget, "note.comment", has_selection);
  gtk_widget_action_set_enabled (widget, "note.delete", has_notes);
  gtk_widget_action_set_enabled (widget, "note.undo-delete", has_article && self->deleted_note != NULL);
  gtk_widget_action_set_enabled (widget, "win.export-notes", has_article);
  gtk_widget_action_set_enabled (widget, "win.compare-notes", has_article);
  gtk_widget_action_set_enabled (widget, "win.reload-article", has_article && !self->reloading);
}

/* Ends the editing of a note as a click outside the editor does: what was
 * typed is kept, in the store, where saving and reloading see it.
 */
void
_gloss_window_commit_editor (GlossWindow *self)
{
  if (self->note_editor != NULL && gtk_widget_get_visible (GTK_WIDGET (self->note_editor)))
    gtk_popover_popdown (GTK_POPOVER (self->note_editor));
}

static GtkWidget *
create_note_button (const char *label,
                    const char *key,
                    const char *action_name,
                    const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (label);
  GtkWidget *hint = gtk_label_new (key);

  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "key-hint");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), hint);

  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, key,
                                  -1);

  return button;
}

static GtkWidget *
create_selection_popover (void)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_box_append (GTK_BOX (box),
                  create_note_button (_("Evidence"), "E", "note.evidence",
                                      _("Add an evidence note: what supports or undermines this passage (E)")));
  gtk_box_append (GTK_BOX (box),
                  create_note_button (_("Bias"), "B", "note.bias",
                                      _("Add a bias note: a persuasion technique or a sign of bias (B)")));
  gtk_box_append (GTK_BOX (box),
                  create_note_button (_("Comment"), "C", "note.comment",
                                      _("Add a comment on this passage (C)")));

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_popover_set_position (GTK_POPOVER (popover), GTK_POS_TOP);
  /* The popover must not take the keyboard or the next click from the
   * article: the reader may keep selecting, or press E, B or C.
   */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_widget_add_css_class (popover, "selection-popover");
  gtk_accessible_update_property (GTK_ACCESSIBLE (popover),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add a note"),
                                  -1);

  return popover;
}

static void
note_editor_closed_cb (GlossWindow *self)
{
  /* Back to reading: E, B and C work again without a click. */
  gtk_widget_grab_focus (GTK_WIDGET (gloss_article_view_get_web_view (self->article_view)));
}

void
_gloss_window_actions_init (GlossWindow *self)
{
  static const struct {
    guint       keyval;
    const char *action_name;
  } note_keys[] = {
    { GDK_KEY_e, "note.evidence" },
    { GDK_KEY_b, "note.bias" },
    { GDK_KEY_c, "note.comment" },
  };
  GtkEventController *controller;

  self->cancellable = g_cancellable_new ();

  self->selection_popover = create_selection_popover ();
  gtk_widget_set_parent (self->selection_popover, self->article_box);

  self->note_editor = GLOSS_NOTE_EDITOR (gloss_note_editor_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->note_editor), self->article_box);
  g_signal_connect_object (self->note_editor, "save",
                           G_CALLBACK (note_editor_save_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_editor, "delete",
                           G_CALLBACK (note_editor_delete_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->note_editor, "closed",
                           G_CALLBACK (note_editor_closed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Capture phase: the web view would otherwise see the keys first. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (note_keys); i++)
    {
      GtkShortcut *shortcut;

      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (note_keys[i].keyval, 0),
                                   gtk_callback_action_new (note_key_cb,
                                                            (gpointer)note_keys[i].action_name,
                                                            NULL));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_gloss_window_update_recent), self,
                           G_CONNECT_SWAPPED);
}

void
_gloss_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "win.reload-article", NULL, reload_article_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-pane", "show-pane");
  gtk_widget_class_install_property_action (widget_class, "win.show-findings", "show-findings");
  gtk_widget_class_install_action (widget_class, "win.export-notes", "s", export_notes_action);
  gtk_widget_class_install_action (widget_class, "win.compare-notes", NULL, compare_notes_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "note.evidence", NULL, note_new_action);
  gtk_widget_class_install_action (widget_class, "note.bias", NULL, note_new_action);
  gtk_widget_class_install_action (widget_class, "note.comment", NULL, note_new_action);
  gtk_widget_class_install_action (widget_class, "note.delete", NULL, note_delete_action);
  gtk_widget_class_install_action (widget_class, "note.undo-delete", NULL, note_undo_delete_action);
}
