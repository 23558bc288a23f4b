/* gloss-application.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <stdlib.h>

#include "gloss-application.h"
#include "gloss-preferences-window.h"
#include "gloss-window.h"

struct _GlossApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  guint           signal_ids[3];
};

G_DEFINE_FINAL_TYPE (GlossApplication, gloss_application, ADW_TYPE_APPLICATION)

GlossApplication *
gloss_application_new (void)
{
  return g_object_new (GLOSS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
gloss_application_get_settings (GlossApplication *self)
{
  g_return_val_if_fail (GLOSS_IS_APPLICATION (self), NULL);

  return self->settings;
}

GFile *
gloss_application_dup_sample_file (void)
{
  const char *path = g_getenv ("GLOSS_SAMPLE_ARTICLE");

  if (path != NULL && *path != '\0')
    return g_file_new_for_path (path);

  return g_file_new_for_path (PKGDATADIR "/sample/sample-article.txt");
}

const char *
gloss_application_get_icon_name (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display != NULL &&
      gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (display), APPLICATION_ID))
    return APPLICATION_ID;

  return "io.github.glossapp.Gloss";
}

static GlossWindow *
gloss_application_get_active_gloss_window (GlossApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GLOSS_IS_WINDOW (window))
    return GLOSS_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (GLOSS_IS_WINDOW (l->data))
        return GLOSS_WINDOW (l->data);
    }

  return NULL;
}

void
gloss_application_open_file (GlossApplication *self,
                             GFile            *file)
{
  GlossWindow *empty = NULL;
  GlossWindow *window;

  g_return_if_fail (GLOSS_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Two windows on one article would write the same notes file, so an
   * article that is already open is brought forward instead.
   */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *open_file;

      if (!GLOSS_IS_WINDOW (l->data))
        continue;

      open_file = gloss_window_get_file (l->data);

      if (open_file != NULL && g_file_equal (open_file, file))
        {
          gtk_window_present (l->data);
          return;
        }

      if (open_file == NULL && empty == NULL)
        empty = l->data;
    }

  window = empty != NULL ? empty : gloss_window_new (self);
  gloss_window_open_file (window, file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
gloss_application_activate (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  GlossWindow *window = gloss_application_get_active_gloss_window (self);

  if (window == NULL)
    window = gloss_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
}

static void
gloss_application_open (GApplication  *app,
                        GFile        **files,
                        int            n_files,
                        const char    *hint)
{
  GlossApplication *self = GLOSS_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    gloss_application_open_file (self, files[i]);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing each window (rather than quitting outright) saves its notes
   * first; a window whose notes cannot be saved stays open and says so.
   */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Gloss authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Gloss"),
                        "application-icon", gloss_application_get_icon_name (),
                        "developer-name", _("The Gloss authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Read opinion and analysis articles critically: see their structure, claims and persuasion cues, and keep evidence and bias notes beside them."),
                        "website", "https://github.com/glossapp/gloss",
                        "issue-url", "https://github.com/glossapp/gloss/issues",
                        "copyright", "© 2026 The Gloss authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: Replace "translator-credits" with your
                         * names, one name per line.
                         */
                        "translator-credits", _("translator-credits"),
                        NULL);

  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  preferences = gloss_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GFile) file = gloss_application_dup_sample_file ();

  if (!g_file_query_exists (file, NULL))
    {
      GlossWindow *window = gloss_application_get_active_gloss_window (self);

      if (window == NULL)
        {
          window = gloss_window_new (self);
          gtk_window_present (GTK_WINDOW (window));
        }

      gloss_window_add_toast (window,
                              adw_toast_new (_("The sample article is not installed")));
      return;
    }

  gloss_application_open_file (self, file);
}

/* SIGTERM (the session ends, `kill`), SIGINT (Ctrl+C in a terminal) and
 * SIGHUP (the terminal closes) would end Gloss on the spot, losing up to a
 * second of notes that autosave had not written yet, and the note being
 * typed. Each window saves first; then Gloss quits.
 */
static gboolean
quit_on_signal_cb (gpointer user_data)
{
  GlossApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      g_autoptr(GError) error = NULL;

      if (!GLOSS_IS_WINDOW (l->data))
        continue;

      /* Nobody is left to answer a dialog: say what was lost where it can
       * still be read.
       */
      if (!gloss_window_save_notes (l->data, &error))
        g_printerr (_("Gloss could not save notes before quitting: %s\n"), error->message);
    }

  g_application_quit (G_APPLICATION (self));

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-sample", open_sample_action },
};

static void
gloss_application_startup (GApplication *app)
{
  GlossApplication *self = GLOSS_APPLICATION (app);
  GSettingsSchemaSource *source;
  g_autoptr(GSettingsSchema) schema = NULL;
  static const struct {
    const char *action;
    const char *accels[4];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.close", { "<Control>w", NULL } },
    { "win.toggle-pane", { "F9", NULL } },
    { "win.export-notes::md", { "<Control><Shift>e", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
    { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
    { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
  };

  /* A Devel build has its own application id, but its resources live at
   * the same base path.
   */
  g_application_set_resource_base_path (app, "/io/github/glossapp/Gloss");

  G_APPLICATION_CLASS (gloss_application_parent_class)->startup (app);

  /* Without the schema GSettings would abort with a message that does not
   * say what to do about it.
   */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("Gloss is not installed correctly: the settings schema “%s” is missing. "
                     "Install Gloss, or run it with “meson devenv”.\n"),
                  APPLICATION_ID);
      exit (EXIT_FAILURE);
    }

  self->settings = g_settings_new (APPLICATION_ID);

  self->signal_ids[0] = g_unix_signal_add (SIGTERM, quit_on_signal_cb, self);
  self->signal_ids[1] = g_unix_signal_add (SIGINT, quit_on_signal_cb, self);
  self->signal_ids[2] = g_unix_signal_add (SIGHUP, quit_on_signal_cb, self);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions,
                                   G_N_ELEMENTS (app_actions),
                                   self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action,
                                           accels[i].accels);
}

static void
gloss_application_dispose (GObject *object)
{
  GlossApplication *self = GLOSS_APPLICATION (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gloss_application_parent_class)->dispose (object);
}

static void
gloss_application_class_init (GlossApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = gloss_application_dispose;

  app_class->startup = gloss_application_startup;
  app_class->activate = gloss_application_activate;
  app_class->open = gloss_application_open;
}

static void
gloss_application_init (GlossApplication *self)
{
}
