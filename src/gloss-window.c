/* gloss-window.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>
#include <string.h>

#include "gloss-window-private.h"

G_DEFINE_FINAL_TYPE (GlossWindow, gloss_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_FILE,
  PROP_LOADING,
  PROP_SHOW_PANE,
  PROP_SHOW_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void gloss_window_offer_reload (GlossWindow *self);

char *
_gloss_window_dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename != NULL ? basename : "");
}

/* Toast titles are Pango markup in libadwaita 1.2: @message is plain text
 * and may hold file names and error messages.
 */
void
_gloss_window_toast (GlossWindow *self,
                     const char  *message,
                     guint        timeout)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  gloss_window_add_toast (self, toast);
}

void
gloss_window_add_toast (GlossWindow *self,
                        AdwToast    *toast)
{
  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
gloss_window_set_loading (GlossWindow *self,
                          gboolean     loading)
{
  loading = !!loading;

  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
gloss_window_set_show_pane (GlossWindow *self,
                            gboolean     show_pane)
{
  show_pane = !!show_pane;

  if (self->show_pane == show_pane)
    return;

  self->show_pane = show_pane;
  adw_flap_set_reveal_flap (self->flap, show_pane);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PANE]);
}

static void
gloss_window_set_show_findings (GlossWindow *self,
                                gboolean     show_findings)
{
  show_findings = !!show_findings;

  if (self->show_findings == show_findings)
    return;

  self->show_findings = show_findings;
  gloss_article_view_set_show_findings (self->article_view, show_findings);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FINDINGS]);
}

static void
flap_folded_cb (GlossWindow *self)
{
  /* Folding hides the pane to leave the narrow window to the article;
   * unfolding brings back what the reader chose.
   */
  if (!adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, self->show_pane);
}

static void
visible_page_changed_cb (GlossWindow *self)
{
  gboolean reading = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "article") == 0;

  gtk_widget_set_visible (self->pane_button, reading);
}

/* The banner: problems with the notes file are too important for a toast
 * that goes away, and their explanation too long for one line.
 */
static void
gloss_window_show_banner (GlossWindow *self,
                          int          kind,
                          const char  *message)
{
  self->banner = kind;
  gtk_label_set_label (self->banner_label, message);
  gtk_widget_set_visible (self->banner_reload_button,
                          kind == BANNER_ARTICLE_CHANGED || kind == BANNER_PAGE_FAILED);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
gloss_window_hide_banner (GlossWindow *self)
{
  self->banner = BANNER_NONE;
  gtk_widget_set_visible (self->banner_reload_button, FALSE);
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
banner_dismiss_cb (GlossWindow *self)
{
  /* The reader saw the offer to reload and chose to keep reading. */
  if (self->banner == BANNER_ARTICLE_CHANGED)
    self->article_changed = FALSE;

  gloss_window_hide_banner (self);
}

const char *
gloss_window_get_banner_message (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  if (self->banner == BANNER_NONE)
    return NULL;

  return gtk_label_get_label (self->banner_label);
}

/* Notes */

gboolean
gloss_window_save_notes (GlossWindow  *self,
                         GError      **error)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  /* A note still being written is part of what must be saved. */
  _gloss_window_commit_editor (self);

  if (self->store == NULL || !gloss_annotation_store_get_dirty (self->store))
    return TRUE;

  return gloss_annotation_store_save (self->store, NULL, error);
}

static void
store_saved_cb (GlossWindow          *self,
                GlossAnnotationStore *store)
{
  GFile *backup = gloss_annotation_store_get_backup_file (store);

  if (self->save_failed_toast != NULL)
    {
      adw_toast_dismiss (self->save_failed_toast);
      g_clear_weak_pointer (&self->save_failed_toast);
    }

  if (self->banner == BANNER_SAVE_FAILED)
    {
      gloss_window_hide_banner (self);
      gloss_window_offer_reload (self);
    }

  if (backup != NULL && !self->told_backup)
    {
      g_autofree char *backup_name = _gloss_window_dup_display_name (backup);
      g_autofree char *name = _gloss_window_dup_display_name (gloss_annotation_store_get_file (store));
      g_autofree char *message = NULL;

      self->told_backup = TRUE;
      message = g_strdup_printf (_("The notes file that could not be read was kept as “%s”. "
                                    "Your new notes are saved in “%s”."),
                                 backup_name, name);
      gloss_window_show_banner (self, BANNER_SIDECAR, message);
    }
}

static void
store_save_failed_cb (GlossWindow          *self,
                      const GError         *error,
                      GlossAnnotationStore *store)
{
  g_autofree char *name = _gloss_window_dup_display_name (gloss_annotation_store_get_file (store));
  g_autofree char *markup = NULL;
  g_autofree char *message = NULL;
  g_autofree char *details = NULL;
  const char *reason = error != NULL ? error->message : _("unknown error");
  AdwToast *toast;

  details = g_strdup_printf (_("Notes could not be saved to “%s”: %s. "
                                "They stay open here, and Gloss keeps trying to save them."),
                             name, reason);

  /* The store stays dirty and autosave tries again; the banner says so
   * once, rather than a new toast for every try that fails the same way.
   */
  if (self->banner == BANNER_SAVE_FAILED &&
      g_strcmp0 (gtk_label_get_label (self->banner_label), details) == 0)
    return;

  if (self->save_failed_toast != NULL)
    {
      adw_toast_dismiss (self->save_failed_toast);
      g_clear_weak_pointer (&self->save_failed_toast);
    }

  message = g_strdup_printf (_("Could not save notes: %s"), reason);
  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->save_failed_toast, toast);
  gloss_window_add_toast (self, toast);

  gloss_window_show_banner (self, BANNER_SAVE_FAILED, details);
}

static void
store_read_only_cb (GlossWindow          *self,
                    GParamSpec           *pspec,
                    GlossAnnotationStore *store)
{
  if (gloss_annotation_store_get_read_only (store))
    gloss_window_show_banner (self, BANNER_SIDECAR,
                              _("These notes were made by a newer version of Gloss; changes will not be saved."));
}

static void
store_conflict_cb (GlossWindow          *self,
                   GParamSpec           *pspec,
                   GlossAnnotationStore *store)
{
  GFile *conflict = gloss_annotation_store_get_conflict_file (store);
  g_autofree char *name = _gloss_window_dup_display_name (gloss_annotation_store_get_file (store));
  g_autofree char *conflict_name = NULL;
  g_autofree char *message = NULL;

  if (conflict == NULL)
    return;

  /* Both versions are on disk; the reader decides what to keep. */
  conflict_name = _gloss_window_dup_display_name (conflict);
  message = g_strdup_printf (_("Another program changed “%s” while it was open here. "
                                "Your notes were saved in it, and the other version was kept as “%s”."),
                             name, conflict_name);
  gloss_window_show_banner (self, BANNER_SIDECAR, message);
}

static void
store_items_changed_cb (GlossWindow *self)
{
  _gloss_window_update_actions (self);
}

static void
gloss_window_report_sidecar (GlossWindow *self)
{
  const GError *error = gloss_article_get_sidecar_error (self->article);
  GFile *sidecar = gloss_annotation_store_get_file (self->store);
  guint n_unreadable = gloss_annotation_store_get_n_unreadable (self->store);
  g_autofree char *name = _gloss_window_dup_display_name (sidecar);
  g_autoptr(GString) message = g_string_new (NULL);

  if (gloss_annotation_store_get_read_only (self->store) ||
      g_error_matches (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER))
    {
      g_string_append_printf (message,
                              _("The notes in “%s” were made by a newer version of Gloss; "
                                "changes will not be saved."),
                              name);
      _gloss_window_toast (self, _("These notes were made by a newer Gloss; changes will not be saved"), 5);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    {
      /* Gloss never moves a folder it did not make. */
      g_string_append_printf (message,
                              _("There is a folder named “%s” beside the article, where Gloss keeps its notes. "
                                "Move or rename it to save notes; until then they stay open here."),
                              name);
    }
  else if (error != NULL)
    {
      /* The reader must not think that earlier notes are gone. */
      g_string_append_printf (message,
                              _("The notes file “%s” could not be read, so its notes are not shown. "
                                "It was left untouched, and it will be kept as “%s.broken” when you add a note.\n%s"),
                              name, name, error->message);
    }
  else if (gloss_annotation_store_get_repaired (self->store))
    {
      g_string_append_printf (message,
                              _("Some characters in “%s” are not in the UTF-8 encoding and are shown as “�”. "
                                "The file will be kept as it is, as “%s.broken”, when the notes are next saved."),
                              name, name);
    }

  /* Notes Gloss cannot show are still in the file and stay there, but the
   * reader has to know that they exist.
   */
  if (n_unreadable > 0 && !g_error_matches (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID))
    {
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append_printf (message,
                              ngettext ("%u note in “%s” cannot be shown: it was edited by hand or by another program. "
                                        "It is kept in the file unchanged.",
                                        "%u notes in “%s” cannot be shown: they were edited by hand or by another program. "
                                        "They are kept in the file unchanged.",
                                        n_unreadable),
                              n_unreadable, name);
    }

  if (message->len > 0)
    gloss_window_show_banner (self, BANNER_SIDECAR, message->str);
}

/* The article changed on disk */

/* Offers to reload a changed article, unless saving is failing: the
 * reader must see that first, and the offer follows once a save works.
 * Notes about the notes file that are showing stay in the banner.
 */
static void
gloss_window_offer_reload (GlossWindow *self)
{
  g_autofree char *name = NULL;
  g_autoptr(GString) message = NULL;

  if (!self->article_changed || self->banner == BANNER_SAVE_FAILED ||
      self->banner == BANNER_ARTICLE_CHANGED)
    return;

  name = _gloss_window_dup_display_name (self->file);
  message = g_string_new (NULL);
  if (self->banner == BANNER_SIDECAR)
    {
      g_string_append (message, gtk_label_get_label (self->banner_label));
      g_string_append_c (message, '\n');
    }
  g_string_append_printf (message,
                          _("“%s” was changed by another program. "
                            "Reload it to read the new version; your notes are kept and placed on the new text."),
                          name);
  gloss_window_show_banner (self, BANNER_ARTICLE_CHANGED, message->str);
}

static gboolean
article_changed_cb (gpointer user_data)
{
  GlossWindow *self = user_data;

  self->article_changed_id = 0;
  self->article_changed = TRUE;
  gloss_window_offer_reload (self);

  return G_SOURCE_REMOVE;
}

static void
page_failed_cb (GlossWindow *self)
{
  gboolean failed = FALSE;

  g_object_get (self->article_view, "page-failed", &failed, NULL);
  if (failed)
    {
      /* The notes are safe in the store; only the view is gone. */
      gloss_window_show_banner (self, BANNER_PAGE_FAILED,
                                _("The reading view stopped working, so the article is not shown. "
                                  "Your notes are kept. Reload the article to try again."));
    }
  else if (self->banner == BANNER_PAGE_FAILED)
    {
      gloss_window_hide_banner (self);
    }
}

static void
article_monitor_changed_cb (GlossWindow       *self,
                            GFile             *file,
                            GFile             *other_file,
                            GFileMonitorEvent  event,
                            GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
      break;

    case G_FILE_MONITOR_EVENT_RENAMED:
      /* Editors save by writing a temporary file and renaming it. */
      if (other_file == NULL || !g_file_equal (other_file, self->file))
        return;
      break;

    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    default:
      return;
    }

  /* A save comes as a burst of events: wait for it to settle. */
  g_clear_handle_id (&self->article_changed_id, g_source_remove);
  self->article_changed_id = g_timeout_add (500, article_changed_cb, self);
}

static void
gloss_window_watch_article (GlossWindow *self)
{
  g_autoptr(GError) error = NULL;

  self->article_monitor = g_file_monitor_file (self->file, G_FILE_MONITOR_WATCH_MOVES,
                                               self->cancellable, &error);
  if (self->article_monitor == NULL)
    {
      /* Not every file system can be watched; the article still opens. */
      g_debug ("Not watching %s for changes: %s", g_file_peek_path (self->file), error->message);
      return;
    }

  g_signal_connect_object (self->article_monitor, "changed",
                           G_CALLBACK (article_monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
gloss_window_show_document (GlossWindow *self)
{
  GlossDocument *document = gloss_article_get_document (self->article);
  GlossAnalysis *analysis = gloss_article_get_analysis (self->article);
  const char *title = gloss_document_get_title (document);
  g_autofree char *display_name = _gloss_window_dup_display_name (self->file);

  if (title == NULL || *title == '\0')
    title = display_name;

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 g_strcmp0 (title, display_name) != 0 ? display_name : NULL);

  gloss_article_view_set_document (self->article_view, document);
  gloss_article_view_set_annotations (self->article_view, G_LIST_MODEL (self->store));
  gloss_article_view_set_findings (self->article_view,
                                   gloss_analysis_get_claims (analysis),
                                   gloss_analysis_get_cues (analysis));

  /* The pane lists the analysis of the article it was given: give it the
   * article again to show the new one.
   */
  gloss_side_pane_set_article (self->side_pane, NULL);
  gloss_side_pane_set_article (self->side_pane, self->article);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GlossArticle *article = GLOSS_ARTICLE (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  GlossWindow *self;
  guint n_review = 0;

  if (!gloss_article_reload_finish (article, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GLOSS_WINDOW (user_data);
  self->reloading = FALSE;
  name = _gloss_window_dup_display_name (self->file);

  if (error != NULL)
    {
      /* The article on show and its notes stay as they were. */
      message = g_strdup_printf (_("Could not reload “%s”: %s"), name, error->message);
      _gloss_window_toast (self, message, 5);
      _gloss_window_update_actions (self);
      return;
    }

  gloss_window_show_document (self);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      GlossAnchorState state = gloss_annotation_get_anchor_state (annotation);

      if (state == GLOSS_ANCHOR_NEEDS_REVIEW || state == GLOSS_ANCHOR_ORPHAN)
        n_review++;
    }

  if (n_review > 0)
    message = g_strdup_printf (ngettext ("Reloaded “%s”: %u note needs checking",
                                         "Reloaded “%s”: %u notes need checking",
                                         n_review),
                               name, n_review);
  else
    message = g_strdup_printf (_("Reloaded “%s”"), name);
  _gloss_window_toast (self, message, 3);

  _gloss_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

void
_gloss_window_reload_article (GlossWindow *self)
{
  if (self->article == NULL || self->reloading)
    return;

  if (self->banner == BANNER_ARTICLE_CHANGED || self->banner == BANNER_PAGE_FAILED)
    gloss_window_hide_banner (self);
  self->article_changed = FALSE;

  /* A note being written belongs to the text on show: it is added before
   * the text changes, and moves with the others.
   */
  _gloss_window_commit_editor (self);

  self->reloading = TRUE;
  _gloss_window_update_actions (self);
  gloss_article_reload_async (self->article, self->cancellable, reload_cb, self);
}

/* Loading */

static void
gloss_window_show_article (GlossWindow  *self,
                           GlossArticle *article)
{
  const char *title;

  g_assert (self->article == NULL);

  self->article = g_object_ref (article);
  self->store = g_object_ref (gloss_article_get_store (article));

  gloss_window_show_document (self);
  title = gtk_window_get_title (GTK_WINDOW (self));

  g_settings_bind (self->settings, "autosave",
                   self->store, "autosave",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->store, "saved",
                           G_CALLBACK (store_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "save-failed",
                           G_CALLBACK (store_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (store_read_only_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::conflict-file",
                           G_CALLBACK (store_conflict_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "items-changed",
                           G_CALLBACK (store_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "article");

  gloss_window_report_sidecar (self);
  gloss_window_watch_article (self);
  _gloss_window_add_recent (self, self->file, title);
  _gloss_window_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static void
gloss_window_show_load_error (GlossWindow  *self,
                              GFile        *file,
                              const GError *error)
{
  g_autofree char *name = _gloss_window_dup_display_name (file);
  g_autofree char *message = NULL;
  g_autofree char *markup = NULL;

  /* Import errors name the file already; others (a missing file, a
   * permission problem) may not.
   */
  if (error->domain == GLOSS_IMPORT_ERROR && strstr (error->message, name) != NULL)
    message = g_strdup (error->message);
  else
    /* Translators: the first %s is a file name, the second the reason. */
    message = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
  _gloss_window_toast (self, message, 5);

  if (self->article == NULL)
    {
      markup = g_markup_escape_text (message, -1);
      adw_status_page_set_title (self->status_page, _("Could Not Open the Article"));
      adw_status_page_set_description (self->status_page, markup);
      adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      gtk_stack_set_visible_child_name (self->stack, "article");
    }
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GlossWindow *self;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  article = gloss_article_load_finish (result, &error);

  /* Only the window cancels, in dispose or when it starts another load:
   * then it is gone or no longer waiting for this one.
   */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = GLOSS_WINDOW (user_data);
  gloss_window_set_loading (self, FALSE);

  if (article == NULL)
    {
      /* The window is empty again and may open another file. */
      file = g_steal_pointer (&self->file);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

      gloss_window_show_load_error (self, file, error);
      return;
    }

  gloss_window_show_article (self, article);
}

void
gloss_window_open_file (GlossWindow *self,
                        GFile       *file)
{
  GtkApplication *app;

  g_return_if_fail (GLOSS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file != NULL && g_file_equal (self->file, file))
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  app = gtk_window_get_application (GTK_WINDOW (self));

  /* A window holds one article for its whole life, so that its notes are
   * never dropped to make room for another; other articles get windows of
   * their own.
   */
  if (self->file != NULL || self->article != NULL)
    {
      if (GLOSS_IS_APPLICATION (app))
        gloss_application_open_file (GLOSS_APPLICATION (app), file);
      return;
    }

  if (app != NULL)
    {
      for (GList *l = gtk_application_get_windows (app); l; l = l->next)
        {
          GFile *other = GLOSS_IS_WINDOW (l->data) ? GLOSS_WINDOW (l->data)->file : NULL;

          if (l->data != (gpointer)self && other != NULL && g_file_equal (other, file))
            {
              gtk_window_present (l->data);
              return;
            }
        }
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  gloss_window_set_loading (self, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");

  gloss_article_load_async (file, self->cancellable, load_cb, self);
}

/* Selection and notes in the article */

static void
has_selection_changed_cb (GlossWindow *self)
{
  _gloss_window_update_actions (self);
}

static void
selection_changed_cb (GlossWindow *self)
{
  GdkRectangle rect;
  guint start, end;
  gboolean has_selection;

  has_selection = self->article != NULL &&
                  gloss_article_view_get_selection (self->article_view, &start, &end) &&
                  start < end;

  _gloss_window_update_actions (self);

  if (has_selection &&
      !gtk_widget_get_visible (GTK_WIDGET (self->note_editor)) &&
      gloss_article_view_get_selection_rect (self->article_view, &rect))
    {
      graphene_point_t point;

      if (gtk_widget_compute_point (GTK_WIDGET (self->article_view), self->article_box,
                                    &GRAPHENE_POINT_INIT (rect.x, rect.y), &point))
        {
          rect.x = point.x;
          rect.y = point.y;
        }

      gtk_popover_set_pointing_to (GTK_POPOVER (self->selection_popover), &rect);
      gtk_popover_popup (GTK_POPOVER (self->selection_popover));
    }
  else
    {
      gtk_popover_popdown (GTK_POPOVER (self->selection_popover));
    }
}

static void
annotation_activated_cb (GlossWindow *self,
                         const char  *id)
{
  GlossAnnotation *annotation;

  if (self->store == NULL || id == NULL)
    return;

  annotation = gloss_annotation_store_lookup (self->store, id);
  if (annotation == NULL)
    return;

  gloss_side_pane_select_note (self->side_pane, annotation);
  _gloss_window_edit_annotation (self, annotation, TRUE);
}

static void
finding_activated_cb (GlossWindow      *self,
                      guint             start,
                      guint             end,
                      GlossArticleView *view)
{
  /* A click on a painted claim or cue shows why it was marked. */
  gloss_side_pane_show_finding (self->side_pane, start, end);
}

static void
side_pane_reveal_cb (GlossWindow   *self,
                     guint          start,
                     guint          end,
                     GlossSidePane *side_pane)
{
  gloss_article_view_reveal (self->article_view, start, end);

  /* On a narrow window the pane covers the article: get out of the way. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
side_pane_note_activated_cb (GlossWindow     *self,
                             GlossAnnotation *annotation,
                             GlossSidePane   *side_pane)
{
  if (gloss_annotation_get_anchor_state (annotation) != GLOSS_ANCHOR_ORPHAN)
    gloss_article_view_reveal (self->article_view,
                               gloss_annotation_get_start (annotation),
                               gloss_annotation_get_end (annotation));

  _gloss_window_edit_annotation (self, annotation, FALSE);
}

static void
press_cb (GtkGestureClick *gesture,
          int              n_press,
          double           x,
          double           y,
          GlossWindow     *self)
{
  self->last_press_x = x;
  self->last_press_y = y;
}

/* Drag and drop */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GlossWindow   *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSList *files = NULL;
  g_autoptr(GSList) owned = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = owned = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = owned = g_slist_prepend (NULL, g_value_get_object (value));

  if (files == NULL)
    return FALSE;

  gloss_window_open_file (self, files->data);

  for (GSList *l = files->next; l != NULL; l = l->next)
    {
      if (GLOSS_IS_APPLICATION (app))
        gloss_application_open_file (GLOSS_APPLICATION (app), l->data);
    }

  return TRUE;
}

/* Closing */

static void
close_dialog_response_cb (GlossWindow *self,
                          const char  *response)
{
  if (g_strcmp0 (response, "close") == 0)
    {
      self->force_close = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static gboolean
gloss_window_close_request (GtkWindow *window)
{
  GlossWindow *self = GLOSS_WINDOW (window);
  g_autoptr(GError) error = NULL;

  /* Saving here, and not only when the window is gone, is what lets a
   * failure be shown and the window stay open.
   */
  if (!self->force_close && !gloss_window_save_notes (self, &error))
    {
      g_autofree char *name = _gloss_window_dup_display_name (gloss_annotation_store_get_file (self->store));
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window,
                                                           _("Notes Not Saved"),
                                                           NULL));
      adw_message_dialog_format_body (dialog,
                                      _("Gloss could not save your notes to “%s”: %s\n\n"
                                         "If you close the window now, the notes made since the last save are lost."),
                                      name, error->message);
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Keep Open"),
                                        "close", _("_Close Anyway"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "close", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response",
                               G_CALLBACK (close_dialog_response_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));

      return TRUE;
    }

  return GTK_WINDOW_CLASS (gloss_window_parent_class)->close_request (window);
}

/* Life cycle */

GlossWindow *
gloss_window_new (GlossApplication *application)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (application), NULL);

  return g_object_new (GLOSS_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
gloss_window_constructed (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);
  GApplication *app;

  G_OBJECT_CLASS (gloss_window_parent_class)->constructed (object);

  /* GtkWindow:application is not a construct property: it is set after
   * this runs. Gloss has one application, the default one.
   */
  app = g_application_get_default ();
  if (GLOSS_IS_APPLICATION (app))
    self->settings = g_object_ref (gloss_application_get_settings (GLOSS_APPLICATION (app)));

  /* Without an application (never in Gloss itself) the window still works,
   * on default settings that nothing keeps.
   */
  if (self->settings == NULL)
    {
      g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

      self->settings = g_settings_new_with_backend (APPLICATION_ID, backend);
    }

  /* Each window starts at the last size; windows do not resize each other
   * afterwards.
   */
  g_settings_bind (self->settings, "window-width", self, "default-width",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (self->settings, "show-pane", self, "show-pane",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-findings", self, "show-findings",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "font-size", self->article_view, "zoom-level",
                   G_SETTINGS_BIND_GET);

  adw_flap_set_reveal_flap (self->flap, self->show_pane);
  gloss_article_view_set_show_findings (self->article_view, self->show_findings);

  _gloss_window_update_recent (self);
  _gloss_window_update_actions (self);
}

static void
gloss_window_dispose (GObject *object)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->article_changed_id, g_source_remove);
  if (self->article_monitor != NULL)
    {
      g_file_monitor_cancel (self->article_monitor);
      g_clear_object (&self->article_monitor);
    }

  /* A window can go away without a close request (the application quits,
   * a test destroys it): notes still reach the disk, the one being written
   * included.
   */
  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* After "Close Anyway" the reader knows. */
      if (!gloss_window_save_notes (self, &error) && !self->force_close)
        g_warning ("Notes for %s were not saved: %s",
                   g_file_peek_path (self->file), error->message);

      g_signal_handlers_disconnect_by_data (self->store, self);
      g_settings_unbind (self->store, "autosave");
    }

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }

  g_clear_pointer (&self->selection_popover, gtk_widget_unparent);
  if (self->note_editor != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->note_editor));
      self->note_editor = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_WINDOW);

  g_clear_weak_pointer (&self->save_failed_toast);
  g_clear_object (&self->deleted_note);
  g_clear_object (&self->store);
  g_clear_object (&self->article);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_window_parent_class)->dispose (object);
}

static void
gloss_window_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_SHOW_PANE:
      g_value_set_boolean (value, self->show_pane);
      break;

    case PROP_SHOW_FINDINGS:
      g_value_set_boolean (value, self->show_findings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GlossWindow *self = GLOSS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_PANE:
      gloss_window_set_show_pane (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_FINDINGS:
      gloss_window_set_show_findings (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_window_class_init (GlossWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gloss_window_constructed;
  object_class->dispose = gloss_window_dispose;
  object_class->get_property = gloss_window_get_property;
  object_class->set_property = gloss_window_set_property;

  window_class->close_request = gloss_window_close_request;

  /**
   * GlossWindow:article:
   *
   * The article on show, or %NULL.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         GLOSS_TYPE_ARTICLE,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossWindow:file:
   *
   * The file of the article on show or being opened, or %NULL.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossWindow:loading:
   *
   * Whether an article is being opened.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_STATIC_STRINGS));

  /**
   * GlossWindow:show-pane:
   *
   * Whether the side pane is shown.
   */
  properties[PROP_SHOW_PANE] =
    g_param_spec_boolean ("show-pane", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * GlossWindow:show-findings:
   *
   * Whether claims and cues are highlighted in the article.
   */
  properties[PROP_SHOW_FINDINGS] =
    g_param_spec_boolean ("show-findings", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSS_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSS_TYPE_SIDE_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossapp/Gloss/ui/gloss-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, banner_reload_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, pane_button);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, status_page);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, side_pane);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_box);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossWindow, recent_section);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, banner_dismiss_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, side_pane_reveal_cb);
  gtk_widget_class_bind_template_callback (widget_class, side_pane_note_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotation_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, finding_activated_cb);

  _gloss_window_class_actions_init (widget_class);
}

static void
gloss_window_init (GlossWindow *self)
{
  GtkDropTarget *target;
  GtkGesture *press;

  self->show_pane = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (g_str_has_suffix (APPLICATION_ID, ".Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  adw_status_page_set_icon_name (self->status_page, gloss_application_get_icon_name ());

  /* The article view is a drop target of its own; catching drops in the
   * capture phase makes a file dropped anywhere open as an article.
   */
  target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (target, (GType[2]){ GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  press = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect_object (press, "pressed", G_CALLBACK (press_cb), self, 0);
  gtk_widget_add_controller (self->article_box, GTK_EVENT_CONTROLLER (press));

  g_signal_connect_object (self->article_view, "notify::page-failed",
                           G_CALLBACK (page_failed_cb), self,
                           G_CONNECT_SWAPPED);

  _gloss_window_actions_init (self);
  visible_page_changed_cb (self);
}

GFile *
gloss_window_get_file (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->file;
}

GlossArticle *
gloss_window_get_article (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->article;
}

gboolean
gloss_window_get_loading (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), FALSE);

  return self->loading;
}

GlossArticleView *
gloss_window_get_article_view (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->article_view;
}

GlossSidePane *
gloss_window_get_side_pane (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->side_pane;
}

GlossNoteEditor *
gloss_window_get_note_editor (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->note_editor;
}

GMenuModel *
gloss_window_get_recent_menu (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return G_MENU_MODEL (self->recent_section);
}

AdwStatusPage *
gloss_window_get_status_page (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return self->status_page;
}

const char *
gloss_window_get_visible_page (GlossWindow *self)
{
  g_return_val_if_fail (GLOSS_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
