/* test-window.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "gloss-application.h"
#include "gloss-class-window.h"
#include "gloss-web-context.h"
#include "gloss-window.h"
#include "gloss-test-util.h"

/* Generous: the first page of a run also starts WebKit's processes. */

static GlossApplication *app;

/* Waiting */

static gboolean
window_is_done_loading (gpointer data)
{
  return !gloss_window_get_loading (data);
}

static gboolean
article_is_ready (gpointer data)
{
  GlossWindow *window = data;
  GlossSidePane *pane = gloss_window_get_side_pane (window);

  return gloss_window_get_article (window) != NULL &&
         gloss_article_view_get_loaded (gloss_window_get_article_view (window)) &&
         g_list_model_get_n_items (gloss_side_pane_get_outline_model (pane)) > 0;
}

static gboolean
view_has_selection (gpointer data)
{
  gboolean has_selection = FALSE;

  g_object_get (data, "has-selection", &has_selection, NULL);

  return has_selection;
}

/* Files */

typedef struct
{
  char  *directory;
  GFile *article;
  GFile *sidecar;
} Workspace;

/* A fresh directory with a copy of the fixture article, so that the test
 * writes its notes beside a file of its own.
 */
static void
workspace_init (Workspace  *workspace,
                const char *fixture,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  gsize length;

  workspace->directory = g_dir_make_tmp ("gloss-window-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (workspace->directory, name, NULL);

  if (fixture != NULL)
    {
      g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);

      g_file_get_contents (source, &contents, &length, &error);
      g_assert_no_error (error);
    }
  else
    {
      /* Not text: NUL bytes and bytes that are never UTF-8. */
      static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\xff\xfe\x01\x02\0\x80\x81";

      contents = g_memdup2 (binary, sizeof binary);
      length = sizeof binary;
    }

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  workspace->article = g_file_new_for_path (path);
  workspace->sidecar = gloss_annotation_store_sidecar_for (workspace->article);
}

static void
workspace_clear (Workspace *workspace)
{
  gloss_test_remove_tree (workspace->directory);
  g_clear_pointer (&workspace->directory, g_free);
  g_clear_object (&workspace->article);
  g_clear_object (&workspace->sidecar);
}

/* Opens @file exactly as `gloss FILE` does and returns the window that
 * shows it (a new reference).
 */
static GlossWindow *
open_from_command_line (GFile *file)
{
  g_application_open (G_APPLICATION (app), &file, 1, "");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      GFile *shown = GLOSS_IS_WINDOW (l->data) ? gloss_window_get_file (l->data) : NULL;

      if (shown != NULL && g_file_equal (shown, file))
        return g_object_ref (l->data);
    }

  g_assert_not_reached ();
}

static void
close_window (GlossWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);
}

static guint
find_offset (GlossDocument *document,
             const char    *needle)
{
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);

  return (guint)g_utf8_pointer_to_offset (text, found);
}

/* Running JavaScript in our world */

typedef struct
{
  JSCValue *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                     result, &js->error);
  js->done = TRUE;
}

static const char painted_script[] =
  "for (const [name, highlight] of CSS.highlights) {"
  "  for (const range of highlight) {"
  "    if (range.toString() === quote && range.getClientRects().length > 0)"
  "      return true;"
  "  }"
  "}"
  "return false;";

/* The passage that the view flashes after revealing it. */
static const char flashed_script[] =
  "const flash = CSS.highlights.get('gloss-flash');"
  "if (!flash) return false;"
  "for (const range of flash) {"
  "  if (range.toString() === quote)"
  "    return true;"
  "}"
  "return false;";

typedef struct
{
  GlossArticleView *view;
  const char       *quote;
} PaintQuery;

/* Runs @script, which answers true or false about query->quote, in the
 * page of the view.
 */
static gboolean
ask_page (PaintQuery *query,
          const char *script)
{
  JsResult js = { NULL, NULL, FALSE };
  GVariantDict arguments;
  gboolean answer;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "quote", "s", query->quote);
  webkit_web_view_call_async_javascript_function (gloss_article_view_get_web_view (query->view),
                                                  script, -1,
                                                  g_variant_dict_end (&arguments),
                                                  gloss_web_context_get_world_name (),
                                                  NULL, NULL, js_done_cb, &js);
  gloss_test_wait_until (gloss_test_flag_is_set, &js.done, "a script to run");

  /* The web process may die under the call on a slow machine: the view
   * reloads the page, and the next poll asks the new one.
   */
  if (js.error != NULL)
    {
      g_test_message ("Could not ask the page (%s); asking again", js.error->message);
      g_clear_error (&js.error);
      return FALSE;
    }

  answer = jsc_value_to_boolean (js.value);
  g_object_unref (js.value);

  return answer;
}


static gboolean
quote_is_painted (gpointer data)
{
  return ask_page (data, painted_script);
}

static gboolean
quote_is_flashed (gpointer data)
{
  return ask_page (data, flashed_script);
}

/* The sidecar */

static JsonArray *
find_items (JsonObject *collection)
{
  if (json_object_has_member (collection, "items"))
    return json_object_get_array_member (collection, "items");

  if (json_object_has_member (collection, "first"))
    {
      JsonNode *first = json_object_get_member (collection, "first");

      if (JSON_NODE_HOLDS_OBJECT (first))
        return find_items (json_node_get_object (first));
    }

  return NULL;
}

static const char *
find_exact (JsonObject *annotation)
{
  JsonObject *target = json_object_get_object_member (annotation, "target");
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), "TextQuoteSelector") == 0)
        return json_object_get_string_member (selector, "exact");
    }

  return NULL;
}

static gboolean
has_tagging_body (JsonObject *annotation,
                  const char *tag)
{
  JsonArray *bodies = json_object_get_array_member (annotation, "body");

  for (guint i = 0; bodies != NULL && i < json_array_get_length (bodies); i++)
    {
      JsonObject *body = json_array_get_object_element (bodies, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (body, "purpose", NULL), "tagging") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (body, "value", NULL), tag) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Tests */

static void
saved_cb (GlossAnnotationStore *store,
          gboolean             *saved)
{
  *saved = TRUE;
}

static const GlossTag *
pick_bias_tag (void)
{
  GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");
  const GlossTag *tag;

  g_assert_nonnull (bias);
  g_assert_cmpuint (gloss_vocabulary_get_n_tags (bias), >, 0);

  tag = gloss_vocabulary_lookup (bias, "name-calling");
  if (tag == NULL)
    tag = gloss_vocabulary_get_tag (bias, 0);

  return tag;
}

/* Selects @quote in the article as a reader's drag does, starts a note
 * with @action ("note.bias"...), ticks @tag_id (if any), types @text and
 * saves; returns once autosave has written the notes file.
 */
static GlossAnnotation *
add_note (GlossWindow *window,
          const char  *quote,
          const char  *action,
          const char  *tag_id,
          const char  *text)
{
  GlossArticleView *view = gloss_window_get_article_view (window);
  GlossNoteEditor *editor = gloss_window_get_note_editor (window);
  GlossArticle *article = gloss_window_get_article (window);
  GlossDocument *document = gloss_article_get_document (article);
  GlossAnnotationStore *store = gloss_article_get_store (article);
  GListModel *notes = gloss_side_pane_get_notes_model (gloss_window_get_side_pane (window));
  guint n_notes = g_list_model_get_n_items (notes);
  guint selected_start = 0, selected_end = 0;
  guint start, end;
  gboolean saved = FALSE;
  gulong handler;

  start = find_offset (document, quote);
  end = start + g_utf8_strlen (quote, -1);
  gloss_article_view_select_range (view, start, end);
  gloss_test_wait_until (view_has_selection, view, "the selection to arrive");
  g_assert_true (gloss_article_view_get_selection (view, &selected_start, &selected_end));
  g_assert_cmpuint (selected_start, ==, start);
  g_assert_cmpuint (selected_end, ==, end);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gloss_note_editor_get_quote (editor), ==, quote);

  if (tag_id != NULL)
    {
      g_assert_nonnull (gloss_note_editor_get_tag_button (editor, tag_id));
      gtk_check_button_set_active (gloss_note_editor_get_tag_button (editor, tag_id), TRUE);
    }
  gtk_text_buffer_set_text (gloss_note_editor_get_buffer (editor), text, -1);

  handler = g_signal_connect (store, "saved", G_CALLBACK (saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes + 1);

  gloss_test_wait_until (gloss_test_flag_is_set, &saved, "the notes to be saved");
  g_signal_handler_disconnect (store, handler);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(GlossAnnotation) note = g_list_model_get_item (notes, i);

      if (gloss_annotation_get_start (note) == start && gloss_annotation_get_end (note) == end)
        return g_steal_pointer (&note);
    }

  g_assert_not_reached ();
}

static void
test_open_annotate_reopen (void)
{
  static const char * const headings[] = {
    "The Case for Closing the Streets",
    "What the Shopkeepers Fear",
    "A Measured Verdict",
  };
  static const char quote[] = "This reckless scheme is a slap in the face";
  static const char note_text[] = "Name-calling instead of an argument: who are the people who built the market?";
  Workspace workspace = { NULL };
  GlossWindow *window;
  GlossArticleView *view;
  GlossSidePane *pane;
  GlossNoteEditor *editor;
  GlossDocument *document;
  GListModel *outline;
  GListModel *notes;
  const GlossTag *tag;
  g_autoptr(GlossAnnotation) note = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *items;
  JsonObject *saved_note;
  GlossAnnotationStore *store;
  g_autofree char *contents = NULL;
  PaintQuery paint;
  guint heading = 0;
  guint start, end;
  gboolean saved;
  gulong handler;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");

  /* Open it as `gloss old-town.txt` does and wait for the page. */
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  g_assert_cmpstr (gloss_window_get_visible_page (window), ==, "article");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  view = gloss_window_get_article_view (window);
  pane = gloss_window_get_side_pane (window);
  editor = gloss_window_get_note_editor (window);
  document = gloss_article_get_document (gloss_window_get_article (window));

  /* The title bar names the article, not the file. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "Should the Old Town Close Its Streets to Cars?");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   gloss_document_get_title (document));

  /* The outline lists the article's headings in order (the title may come
   * first as a heading of its own).
   */
  outline = gloss_side_pane_get_outline_model (pane);
  for (guint i = 0; i < g_list_model_get_n_items (outline); i++)
    {
      g_autoptr(GlossFinding) section = g_list_model_get_item (outline, i);
      const char *label = gloss_finding_get_label (section);

      if (g_strcmp0 (label, gloss_document_get_title (document)) == 0)
        continue;

      g_assert_cmpuint (heading, <, G_N_ELEMENTS (headings));
      g_assert_cmpstr (label, ==, headings[heading]);
      heading++;
    }
  g_assert_cmpuint (heading, ==, G_N_ELEMENTS (headings));

  g_assert_cmpuint (g_list_model_get_n_items (gloss_side_pane_get_claims_model (pane)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_side_pane_get_notes_model (pane)), ==, 0);

  /* No selection, no note. */
  gtk_widget_activate_action (GTK_WIDGET (window), "note.bias", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));

  /* B on a selection: a bias note, with a tag and a comment. */
  tag = pick_bias_tag ();
  note = add_note (window, quote, "note.bias", tag->id, note_text);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_side_pane_get_notes_model (pane)), ==, 1);
  g_assert_cmpint (gloss_annotation_get_kind (note), ==, GLOSS_ANNOTATION_BIAS);
  g_assert_true (gloss_annotation_has_tag (note, tag->id));
  g_assert_cmpstr (gloss_annotation_get_note (note), ==, note_text);
  g_assert_cmpstr (gloss_annotation_get_exact (note), ==, quote);
  start = gloss_annotation_get_start (note);
  end = gloss_annotation_get_end (note);

  /* Autosave wrote the sidecar beside the article. */
  g_assert_true (g_file_query_exists (workspace.sidecar, NULL));

  json_parser_load_from_file (parser, g_file_peek_path (workspace.sidecar), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  items = find_items (json_node_get_object (json_parser_get_root (parser)));
  g_assert_nonnull (items);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  saved_note = json_array_get_object_element (items, 0);
  g_assert_cmpstr (find_exact (saved_note), ==, quote);
  g_assert_true (has_tagging_body (saved_note, tag->id));

  /* The note is painted over its passage. */
  paint.view = view;
  paint.quote = quote;
  gloss_test_wait_until (quote_is_painted, &paint, "the note's highlight");

  g_clear_object (&note);
  close_window (window);

  /* Opened again, the note is back where it was. */
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load again");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  notes = gloss_side_pane_get_notes_model (gloss_window_get_side_pane (window));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  note = g_list_model_get_item (notes, 0);
  g_assert_cmpuint (gloss_annotation_get_start (note), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (note), ==, end);
  g_assert_cmpstr (gloss_annotation_get_exact (note), ==, quote);
  g_assert_true (gloss_annotation_has_tag (note, tag->id));
  g_assert_cmpstr (gloss_annotation_get_note (note), ==, note_text);

  paint.view = gloss_window_get_article_view (window);
  gloss_test_wait_until (quote_is_painted, &paint, "the note's highlight after reopening");

  /* Delete in the Notes list removes the note; Undo brings it back, and
   * the file follows.
   */
  store = gloss_article_get_store (gloss_window_get_article (window));
  gloss_side_pane_select_note (gloss_window_get_side_pane (window), note);
  g_assert_true (gloss_side_pane_get_selected_note (gloss_window_get_side_pane (window)) == note);
  saved = FALSE;
  handler = g_signal_connect (store, "saved", G_CALLBACK (saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "note.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "note.undo-delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 1);
  gloss_test_wait_until (gloss_test_flag_is_set, &saved, "the notes to be saved after undo");
  g_signal_handler_disconnect (store, handler);
  g_assert_true (g_file_load_contents (workspace.sidecar, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, quote));

  g_clear_object (&note);
  close_window (window);
  workspace_clear (&workspace);
}

static void
test_broken_sidecar (void)
{
  static const char broken[] = "{ \"items\": [ this is not JSON";
  Workspace workspace = { NULL };
  GlossWindow *window;
  g_autoptr(GlossAnnotation) note = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *contents = NULL;
  const char *message;
  JsonArray *items;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  g_file_set_contents (g_file_peek_path (workspace.sidecar), broken, -1, &error);
  g_assert_no_error (error);

  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  /* The article opens; the reader is told that earlier notes could not be
   * read and that the file was left alone.
   */
  g_assert_cmpstr (gloss_window_get_visible_page (window), ==, "article");
  message = gloss_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "old-town.txt.gloss.json"));
  g_assert_nonnull (strstr (message, "untouched"));
  g_file_get_contents (g_file_peek_path (workspace.sidecar), &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, broken);
  g_clear_pointer (&contents, g_free);

  /* A new note is saved; the damaged file is kept beside it. */
  note = add_note (window, "The council should run a six-month trial", "note.comment", NULL,
                   "A trial is a fair test.");
  g_assert_cmpint (gloss_annotation_get_kind (note), ==, GLOSS_ANNOTATION_COMMENT);

  backup_path = g_strconcat (g_file_peek_path (workspace.sidecar), ".broken", NULL);
  g_file_get_contents (backup_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, broken);

  json_parser_load_from_file (parser, g_file_peek_path (workspace.sidecar), &error);
  g_assert_no_error (error);
  items = find_items (json_node_get_object (json_parser_get_root (parser)));
  g_assert_nonnull (items);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (find_exact (json_array_get_object_element (items, 0)), ==,
                   "The council should run a six-month trial");

  message = gloss_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "old-town.txt.gloss.json.broken"));

  g_clear_object (&note);
  close_window (window);
  workspace_clear (&workspace);
}

static void
test_not_text (void)
{
  Workspace workspace = { NULL };
  GlossWindow *window;
  AdwStatusPage *status;
  const char *description;

  workspace_init (&workspace, NULL, "photo.bin");

  window = g_object_ref (gloss_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  gloss_window_open_file (window, workspace.article);
  g_assert_true (gloss_window_get_loading (window));
  gloss_test_wait_until (window_is_done_loading, window, "the import to fail");

  /* Nothing is open: the empty page stays, and says what went wrong. */
  g_assert_null (gloss_window_get_article (window));
  g_assert_null (gloss_window_get_file (window));
  g_assert_cmpstr (gloss_window_get_visible_page (window), ==, "empty");
  status = gloss_window_get_status_page (window);
  description = adw_status_page_get_description (status);
  g_assert_nonnull (description);
  g_assert_nonnull (strstr (description, "photo.bin"));
  g_assert_nonnull (strstr (description, "not a text file"));

  /* And nothing was written beside the file. */
  g_assert_false (g_file_query_exists (workspace.sidecar, NULL));

  close_window (window);
  workspace_clear (&workspace);
}

static void
test_accessible_labels (void)
{
  GlossWindow *window = g_object_ref (gloss_window_new (app));
  GtkListView *notes;

  gtk_window_present (GTK_WINDOW (window));

  /* Lists are announced by what they hold. */
  notes = gloss_side_pane_get_list_view (gloss_window_get_side_pane (window), "notes");
  g_assert_nonnull (notes);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (notes), GTK_ACCESSIBLE_PROPERTY_LABEL, "Your notes");

  /* Nothing to note on before an article is open. */
  gtk_widget_activate_action (GTK_WIDGET (window), "note.evidence", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gloss_window_get_note_editor (window))));

  close_window (window);
}

static gboolean
banner_mentions (gpointer data)
{
  const char * const *query = data;
  const char *message = gloss_window_get_banner_message (GLOSS_WINDOW ((gpointer)query[0]));

  return message != NULL && strstr (message, query[1]) != NULL;
}

typedef struct
{
  GlossWindow   *window;
  GlossDocument *old_document;
} ReloadQuery;

static gboolean
article_is_reloaded (gpointer data)
{
  ReloadQuery *query = data;
  GlossArticle *article = gloss_window_get_article (query->window);

  return gloss_article_get_document (article) != query->old_document &&
         gloss_article_view_get_document (gloss_window_get_article_view (query->window)) ==
         gloss_article_get_document (article) &&
         article_is_ready (query->window);
}

static void
assert_note_on_quote (GlossDocument   *document,
                      GlossAnnotation *note)
{
  g_autofree char *slice = gloss_document_dup_slice (document,
                                                     gloss_annotation_get_start (note),
                                                     gloss_annotation_get_end (note));

  g_assert_cmpstr (slice, ==, gloss_annotation_get_exact (note));
  g_assert_cmpint (gloss_annotation_get_anchor_state (note), ==, GLOSS_ANCHOR_MOVED);
}

static void
test_article_changed_on_disk (void)
{
  static const char saved_quote[] = "This reckless scheme is a slap in the face";
  static const char unsaved_quote[] = "The council should run a six-month trial";
  static const char update[] = "Correction: an earlier version of this article gave the wrong date for the vote.\n\n";
  Workspace workspace = { NULL };
  GlossWindow *window;
  GSettings *settings = gloss_application_get_settings (app);
  GlossAnnotationStore *store;
  GlossDocument *document;
  GListModel *notes;
  g_autoptr(GlossAnnotation) saved_note = NULL;
  g_autoptr(GlossAnnotation) unsaved_note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *revised = NULL;
  g_autofree char *sidecar = NULL;
  const char *query[2];
  ReloadQuery reload;
  PaintQuery paint;
  char *first_break;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");
  store = gloss_article_get_store (gloss_window_get_article (window));

  /* One note saved, one made with autosave off and not saved yet. */
  saved_note = add_note (window, saved_quote, "note.bias", NULL, "Name-calling.");
  g_settings_set_boolean (settings, "autosave", FALSE);
  {
    GlossArticleView *view = gloss_window_get_article_view (window);
    GlossNoteEditor *editor = gloss_window_get_note_editor (window);
    guint start;

    document = gloss_article_get_document (gloss_window_get_article (window));
    start = find_offset (document, unsaved_quote);
    gloss_article_view_select_range (view, start, start + strlen (unsaved_quote));
    gloss_test_wait_until (view_has_selection, view, "the selection to arrive");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "note.comment", NULL));
    gtk_text_buffer_set_text (gloss_note_editor_get_buffer (editor), "Six months is too short.", -1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  }
  g_assert_true (gloss_annotation_store_get_dirty (store));
  notes = gloss_side_pane_get_notes_model (gloss_window_get_side_pane (window));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GlossAnnotation) note = g_list_model_get_item (notes, i);

      if (note != saved_note)
        unsaved_note = g_steal_pointer (&note);
    }
  g_assert_nonnull (unsaved_note);

  /* Another program rewrites the article: a correction above the notes. */
  g_file_get_contents (g_file_peek_path (workspace.article), &contents, NULL, &error);
  g_assert_no_error (error);
  first_break = strstr (contents, "\n\n");
  g_assert_nonnull (first_break);
  *first_break = '\0';
  revised = g_strconcat (contents, "\n\n", update, first_break + 2, NULL);
  g_file_set_contents (g_file_peek_path (workspace.article), revised, -1, &error);
  g_assert_no_error (error);

  /* The window says so and offers to reload. */
  query[0] = (const char *)window;
  query[1] = "changed by another program";
  gloss_test_wait_until (banner_mentions, query, "the window to notice the change");
  document = gloss_article_get_document (gloss_window_get_article (window));
  reload.window = window;
  reload.old_document = document;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-article", NULL));
  gloss_test_wait_until (article_is_reloaded, &reload, "the article to reload");

  /* The new text is on show, and both notes are on their words in it. */
  document = gloss_article_get_document (gloss_window_get_article (window));
  g_assert_nonnull (strstr (gloss_document_get_text (document), "Correction: an earlier version"));
  g_assert_true (gloss_article_get_store (gloss_window_get_article (window)) == store);
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  assert_note_on_quote (document, saved_note);
  assert_note_on_quote (document, unsaved_note);
  g_assert_cmpstr (gloss_annotation_get_note (unsaved_note), ==, "Six months is too short.");
  g_assert_null (gloss_window_get_banner_message (window));

  paint.view = gloss_window_get_article_view (window);
  paint.quote = unsaved_quote;
  gloss_test_wait_until (quote_is_painted, &paint, "the unsaved note's highlight on the new text");

  /* Closing saves both. */
  close_window (window);
  g_settings_reset (settings, "autosave");
  g_file_get_contents (g_file_peek_path (workspace.sidecar), &sidecar, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sidecar, "Six months is too short."));
  g_assert_nonnull (strstr (sidecar, "Name-calling."));
  workspace_clear (&workspace);
}

static void
test_hand_edited_sidecar (void)
{
  Workspace workspace = { NULL };
  GlossWindow *window;
  GListModel *notes;
  const char *message;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "window-hand-edited.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *article = NULL;
  g_autofree char *revised = NULL;
  const char *query[2];
  gsize length;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (g_file_peek_path (workspace.sidecar), contents, length, &error);
  g_assert_no_error (error);

  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  /* The note whose offsets were edited badly is found by its quote; the
   * one Gloss cannot read is not shown, and the reader is told that it is
   * still in the file.
   */
  notes = gloss_side_pane_get_notes_model (gloss_window_get_side_pane (window));
  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GlossAnnotation) note = g_list_model_get_item (notes, i);
      GlossDocument *document = gloss_article_get_document (gloss_window_get_article (window));
      g_autofree char *slice = gloss_document_dup_slice (document,
                                                         gloss_annotation_get_start (note),
                                                         gloss_annotation_get_end (note));

      g_assert_cmpstr (slice, ==, gloss_annotation_get_exact (note));
    }

  message = gloss_window_get_banner_message (window);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "1 note in “old-town.txt.gloss.json” cannot be shown"));
  g_assert_nonnull (strstr (message, "kept in the file"));

  /* The article changes while that is on show: the offer to reload joins
   * it, and does not push it out.
   */
  g_file_get_contents (g_file_peek_path (workspace.article), &article, NULL, &error);
  g_assert_no_error (error);
  revised = g_strconcat ("Updated: a new first line.\n\n", article, NULL);
  g_file_set_contents (g_file_peek_path (workspace.article), revised, -1, &error);
  g_assert_no_error (error);
  query[0] = (const char *)window;
  query[1] = "changed by another program";
  gloss_test_wait_until (banner_mentions, query, "the window to notice the change");
  g_assert_nonnull (strstr (gloss_window_get_banner_message (window), "cannot be shown"));

  close_window (window);
  workspace_clear (&workspace);
}

static gboolean
view_page_failed (gpointer data)
{
  gboolean failed = FALSE;

  g_object_get (data, "page-failed", &failed, NULL);

  return failed;
}

typedef struct
{
  GlossArticleView *view;
  guint             n_unloaded;
} CrashWatch;

static void
view_unloaded_cb (GlossArticleView *view,
                  GParamSpec       *pspec,
                  CrashWatch       *watch)
{
  if (!gloss_article_view_get_loaded (view))
    watch->n_unloaded++;
}

static gboolean
view_unloaded_or_failed (gpointer data)
{
  CrashWatch *watch = data;

  return watch->n_unloaded > 0 || view_page_failed (watch->view);
}

static gboolean
view_loaded_or_failed (gpointer data)
{
  return gloss_article_view_get_loaded (data) || view_page_failed (data);
}

/* WebKit's web process keeps dying: the reader is told, the notes stay,
 * and Reload brings the article back.
 */
static void
test_reading_view_stops (void)
{
  Workspace workspace = { NULL };
  GlossWindow *window;
  GlossArticleView *view;
  g_autoptr(GlossAnnotation) note = NULL;
  const char *message;
  const char *query[2];

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");
  view = gloss_window_get_article_view (window);
  note = add_note (window, "This reckless scheme is a slap in the face", "note.bias", NULL, "Name-calling.");

  for (guint i = 0; i < 8 && !view_page_failed (view); i++)
    {
      CrashWatch watch = { view, 0 };
      gulong handler = g_signal_connect (view, "notify::loaded", G_CALLBACK (view_unloaded_cb), &watch);

      gloss_test_wait_until (view_loaded_or_failed, view, "the page to be up");
      g_assert_cmpuint (gloss_test_kill_web_processes (), >, 0);
      gloss_test_wait_until (view_unloaded_or_failed, &watch, "the view to notice that its page died");
      g_signal_handler_disconnect (view, handler);
    }

  query[0] = (const char *)window;
  query[1] = "reading view stopped working";
  gloss_test_wait_until (banner_mentions, query, "the window to say that the view stopped");
  message = gloss_window_get_banner_message (window);
  g_assert_nonnull (strstr (message, "notes are kept"));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_side_pane_get_notes_model (gloss_window_get_side_pane (window))), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload-article", NULL));
  gloss_test_wait_until (article_is_ready, window, "the article to be back");
  g_assert_null (gloss_window_get_banner_message (window));

  g_clear_object (&note);
  close_window (window);
  workspace_clear (&workspace);
}

static AdwMessageDialog *
find_message_dialog (GlossWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (parent))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
test_close_saves_note_being_written (void)
{
  static const char quote[] = "Many traders believe the ban will drive customers";
  Workspace workspace = { NULL };
  GlossWindow *window;
  GlossArticleView *view;
  GlossNoteEditor *editor;
  GlossAnnotationStore *store;
  GlossDocument *document;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *inside = NULL;
  AdwMessageDialog *dialog;
  guint start;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");
  view = gloss_window_get_article_view (window);
  editor = gloss_window_get_note_editor (window);
  store = gloss_article_get_store (gloss_window_get_article (window));
  document = gloss_article_get_document (gloss_window_get_article (window));

  /* Something is in the way of the notes file (a folder of that name). */
  g_assert_cmpint (g_mkdir (g_file_peek_path (workspace.sidecar), 0700), ==, 0);
  inside = g_build_filename (g_file_peek_path (workspace.sidecar), "keep.txt", NULL);
  g_file_set_contents (inside, "mine", -1, &error);
  g_assert_no_error (error);

  /* A note is typed but neither saved nor cancelled when the window is
   * closed.
   */
  start = find_offset (document, quote);
  gloss_article_view_select_range (view, start, start + strlen (quote));
  gloss_test_wait_until (view_has_selection, view, "the selection to arrive");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "note.evidence", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  gtk_text_buffer_set_text (gloss_note_editor_get_buffer (editor), "Which traders? How many?", -1);

  /* The note cannot be saved: the window stays open, keeps it and asks. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_true (gloss_annotation_store_get_dirty (store));
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");

  /* Out of the way, the next close saves it. */
  g_assert_cmpint (g_remove (inside), ==, 0);
  g_assert_cmpint (g_rmdir (g_file_peek_path (workspace.sidecar)), ==, 0);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_finalize_object (window);
  g_file_get_contents (g_file_peek_path (workspace.sidecar), &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Which traders? How many?"));

  workspace_clear (&workspace);
}

static gboolean
file_contains (gpointer data)
{
  const char * const *query = data;
  g_autofree char *contents = NULL;

  return g_file_get_contents (query[0], &contents, NULL, NULL) && strstr (contents, query[1]) != NULL;
}

/* The session ends or someone runs `kill`: what autosave has not written
 * yet, and the note being typed, still reach the disk.
 */
static void
test_terminate_saves_notes (void)
{
  static const char quote[] = "Vans would be allowed in only before ten in the morning";
  Workspace workspace = { NULL };
  GlossWindow *window;
  GlossArticleView *view;
  GlossNoteEditor *editor;
  GlossDocument *document;
  GSettings *settings = gloss_application_get_settings (app);
  const char *query[2];
  guint start;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");
  view = gloss_window_get_article_view (window);
  editor = gloss_window_get_note_editor (window);
  document = gloss_article_get_document (gloss_window_get_article (window));

  g_settings_set_boolean (settings, "autosave", FALSE);
  start = find_offset (document, quote);
  gloss_article_view_select_range (view, start, start + strlen (quote));
  gloss_test_wait_until (view_has_selection, view, "the selection to arrive");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "note.evidence", NULL));
  gtk_text_buffer_set_text (gloss_note_editor_get_buffer (editor), "Ten is early for a bakery.", -1);
  g_assert_false (g_file_query_exists (workspace.sidecar, NULL));

  raise (SIGTERM);

  query[0] = g_file_peek_path (workspace.sidecar);
  query[1] = "Ten is early for a bakery.";
  gloss_test_wait_until (file_contains, query, "the notes to be saved on SIGTERM");

  g_settings_reset (settings, "autosave");
  close_window (window);
  workspace_clear (&workspace);
}

/* The side pane's summary */

/* The text of every visible label under @widget, one per line. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      g_string_append (texts, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (texts, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static char *
dup_summary_text (GlossWindow *window)
{
  GString *texts = g_string_new (NULL);

  collect_label_texts (gloss_side_pane_get_summary (gloss_window_get_side_pane (window)), texts);

  return g_string_free (texts, FALSE);
}

static void
assert_summary_matches_analysis (GlossWindow *window)
{
  GlossAnalysis *analysis = gloss_article_get_analysis (gloss_window_get_article (window));
  const GlossAnalysisSummary *summary = gloss_analysis_get_summary (analysis);
  GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");
  GListModel *document_cues = gloss_analysis_get_document_cues (analysis);
  g_autofree char *text = dup_summary_text (window);
  g_autofree char *claims = NULL;

  g_assert_true (gtk_widget_get_visible (gloss_side_pane_get_summary (gloss_window_get_side_pane (window))));

  /* The share of claims with evidence, counted as the analysis counts. */
  g_assert_cmpuint (summary->n_claims, >, 0);
  claims = g_strdup_printf ("%u of %u claims offer evidence\n",
                            summary->n_claims_with_evidence, summary->n_claims);
  g_assert_nonnull (strstr (text, claims));

  /* The most frequent kinds of cue, by their names, with their counts. */
  g_assert_cmpuint (summary->n_cue_kinds, >, 0);
  for (guint i = 0; i < MIN (summary->n_cue_kinds, 3); i++)
    {
      const GlossTag *tag = gloss_vocabulary_lookup (bias, summary->cue_kinds[i]);
      g_autofree char *chip = NULL;

      g_assert_nonnull (tag);
      chip = g_strdup_printf ("%s %u\n", tag->label, summary->cue_counts[i]);
      g_assert_nonnull (strstr (text, chip));
    }

  /* The sources the article names, or that it names none. */
  if (summary->n_sources == 0)
    g_assert_nonnull (strstr (text, "No sources named\n"));
  for (guint i = 0; i < summary->n_sources; i++)
    g_assert_nonnull (strstr (text, summary->sources[i]));

  /* What the analysis says about the article as a whole. */
  for (guint i = 0; i < g_list_model_get_n_items (document_cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (document_cues, i);
      const char *explanation = gloss_finding_get_explanation (cue);
      g_autofree char *first = g_utf8_strup (explanation, g_utf8_next_char (explanation) - explanation);

      /* Shown as a sentence of its own: capitalised, otherwise unchanged. */
      g_assert_nonnull (strstr (text, first));
      g_assert_nonnull (strstr (text, g_utf8_next_char (explanation)));
    }
}

/* Every claim row on screen says "No evidence given" exactly when the
 * analysis found none near the claim; returns how many rows said so.
 */
static guint
check_claim_rows (GlossWindow *window)
{
  GlossSidePane *pane = gloss_window_get_side_pane (window);
  GListModel *claims = gloss_side_pane_get_claims_model (pane);
  GtkWidget *list = GTK_WIDGET (gloss_side_pane_get_list_view (pane, "claims"));
  guint n_marked = 0;
  guint n_rows = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkLabel *sentence = box != NULL ? g_object_get_data (G_OBJECT (box), "sentence") : NULL;
      GtkLabel *marker = box != NULL ? g_object_get_data (G_OBJECT (box), "no-evidence") : NULL;
      gboolean found = FALSE;

      if (sentence == NULL || !gtk_widget_get_visible (row))
        continue;

      g_assert_nonnull (marker);
      n_rows++;

      for (guint i = 0; i < g_list_model_get_n_items (claims) && !found; i++)
        {
          g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, i);
          gboolean marked = gtk_widget_get_visible (GTK_WIDGET (marker));

          if (g_strcmp0 (gloss_finding_get_label (claim), gtk_label_get_text (sentence)) != 0)
            continue;

          found = TRUE;
          g_assert_cmpint (marked, ==, !gloss_finding_get_has_evidence (claim));
          if (marked)
            {
              g_assert_cmpstr (gtk_label_get_text (marker), ==, "No evidence given");
              n_marked++;
            }
        }
      g_assert_true (found);
    }

  g_assert_cmpuint (n_rows, >, 0);

  return n_marked;
}

static gboolean
claims_list_has_rows (gpointer data)
{
  GtkWidget *list = GTK_WIDGET (gloss_side_pane_get_list_view (gloss_window_get_side_pane (data), "claims"));

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);

      if (box != NULL && g_object_get_data (G_OBJECT (box), "sentence") != NULL &&
          gtk_widget_get_mapped (row))
        return TRUE;
    }

  return FALSE;
}

static void
test_pane_summary (void)
{
  const char *fixtures[] = { "window-article.txt", "window-unsourced.txt" };

  for (guint f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GlossWindow) window = NULL;
      GlossAnalysis *analysis;
      Workspace workspace;
      guint n_marked;

      workspace_init (&workspace, fixtures[f], "article.txt");
      window = open_from_command_line (workspace.article);
      gloss_test_wait_until (window_is_done_loading, window, "the article to load");
      gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

      assert_summary_matches_analysis (window);

      gloss_side_pane_set_visible_page (gloss_window_get_side_pane (window), "claims");
      gloss_test_wait_until (claims_list_has_rows, window, "the claims to be listed");
      n_marked = check_claim_rows (window);

      analysis = gloss_article_get_analysis (gloss_window_get_article (window));
      if (f == 1)
        {
          g_autofree char *text = dup_summary_text (window);

          /* An article that names no source says so, twice: in the count
           * of sources and as a cue about the whole article.
           */
          g_assert_cmpuint (gloss_analysis_get_summary (analysis)->n_sources, ==, 0);
          g_assert_nonnull (strstr (text, "No sources named\n"));
          g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_document_cues (analysis)), >, 0);
          g_assert_cmpuint (n_marked, >, 0);
        }

      close_window (g_steal_pointer (&window));
      workspace_clear (&workspace);
    }
}

/* The visible window of @type, or NULL. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  *(GtkWindow **)data = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  return *(GtkWindow **)data != NULL;
}

typedef struct {
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserQuery;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserQuery *query = data;
  g_autoptr(GFile) file = gtk_file_chooser_get_file (query->chooser);

  return file != NULL && g_file_equal (file, query->file);
}

/* The export writes its file in one piece: whole once it is not empty. */
static gboolean
file_has_contents (gpointer data)
{
  g_autoptr(GFileInfo) info = g_file_query_info (G_FILE (data), G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL && g_file_info_get_size (info) > 0;
}

/* Exports the notes as @format through the export menu's file chooser,
 * as a reader does, to @name in @directory (the article's, where the
 * chooser opens), and returns what was written.
 */
static char *
export_through_chooser (GlossWindow *window,
                        const char  *format,
                        const char  *directory,
                        const char  *name)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *chooser = NULL;
  ChooserQuery query;
  char *contents = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-notes", "s", format));
  gloss_test_wait_until (has_file_chooser, &chooser, "the export file chooser");

  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The chooser reads the folder before it knows the file. */
  query.chooser = GTK_FILE_CHOOSER (chooser);
  query.file = file;
  gloss_test_wait_until (chooser_has_file, &query, "the chooser to take the folder and name");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  gloss_test_wait_until (file_has_contents, file, "the exported file");
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
test_export_notes (void)
{
  static const char quote[] = "This reckless scheme is a slap in the face";
  static const char note_text[] = "Loaded words, no figures: compare, \"before\" and after.";
  g_autoptr(GlossWindow) window = NULL;
  g_autoptr(GlossAnnotation) note = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;
  g_autofree char *expected = NULL;
  GlossArticle *article;
  Workspace workspace;

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  note = add_note (window, quote, "note.bias", NULL, note_text);
  article = gloss_window_get_article (window);

  /* The chooser suggests a name after the article and writes exactly what
   * the export of the same notes gives.
   */
  csv = export_through_chooser (window, "csv", workspace.directory, "class-notes.csv");
  expected = gloss_export_csv (gloss_article_get_document (article),
                               G_LIST_MODEL (gloss_article_get_store (article)));
  g_assert_cmpstr (csv, ==, expected);
  g_assert_nonnull (strstr (csv, quote));
  g_assert_nonnull (strstr (csv, "\"Loaded words, no figures: compare, \"\"before\"\" and after.\""));

  html = export_through_chooser (window, "html", workspace.directory, "class-notes.html");
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html, quote));

  close_window (g_steal_pointer (&window));
  workspace_clear (&workspace);
}

typedef struct {
  GlossWindow *window;
  const char  *first;
  const char  *second;
} RecentQuery;

/* Whether the recent menu lists both labels. */
static gboolean
recent_menu_lists (gpointer data)
{
  RecentQuery *query = data;
  GMenuModel *menu = gloss_window_get_recent_menu (query->window);
  gboolean first = FALSE;
  gboolean second = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        continue;
      first = first || g_strcmp0 (label, query->first) == 0;
      second = second || g_strcmp0 (label, query->second) == 0;
    }

  return first && second;
}

static void
test_recent_same_title (void)
{
  Workspace a;
  Workspace b;
  GlossWindow *window;
  g_autoptr(GlossWindow) other = NULL;
  RecentQuery query;

  /* Two copies of one article: the menu tells them apart by file name. */
  workspace_init (&a, "window-article.txt", "old-town.txt");
  workspace_init (&b, "window-article.txt", "old-town-copy.txt");

  window = open_from_command_line (a.article);
  gloss_test_wait_until (window_is_done_loading, window, "the first article to load");
  close_window (window);

  other = open_from_command_line (b.article);
  gloss_test_wait_until (window_is_done_loading, other, "the second article to load");

  query.window = other;
  query.first = "Should the Old Town Close Its Streets to Cars? — old-town.txt";
  query.second = "Should the Old Town Close Its Streets to Cars? — old-town-copy.txt";
  gloss_test_wait_until (recent_menu_lists, &query, "both copies in the recent menu");

  close_window (g_steal_pointer (&other));
  workspace_clear (&a);
  workspace_clear (&b);
}

/* Comparing a class's notes */

static gboolean
class_window_is_done_loading (gpointer data)
{
  return !gloss_class_window_get_loading (data);
}

static gboolean
chooser_in_folder (gpointer data)
{
  ChooserQuery *query = data;
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (query->chooser);

  return folder != NULL && g_file_equal (folder, query->file);
}

static gboolean
has_class_window (gpointer data)
{
  *(GtkWindow **)data = find_toplevel (GLOSS_TYPE_CLASS_WINDOW);
  return *(GtkWindow **)data != NULL;
}

/* Writes the key's notes as a student's file: every note but the one on
 * @left_out, made by @student.
 */
static GFile *
write_student_notes (GlossAnnotationStore *key,
                     const char           *directory,
                     const char           *name,
                     const char           *student,
                     const char           *left_out)
{
  g_autoptr(JsonNode) root = gloss_annotation_store_to_json (key);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (directory, name, NULL);
  JsonArray *items = find_items (json_node_get_object (root));

  g_assert_nonnull (items);
  for (guint i = json_array_get_length (items); i > 0; i--)
    {
      JsonObject *item = json_array_get_object_element (items, i - 1);

      if (g_strcmp0 (find_exact (item), left_out) == 0)
        {
          json_array_remove_element (items, i - 1);
          continue;
        }
      json_object_set_string_member (json_object_get_object_member (item, "creator"), "name", student);
      json_object_set_string_member (json_object_get_object_member (item, "creator"), "gloss:role", "student");
    }

  json_generator_set_root (generator, root);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_compare_students (void)
{
  static const char evidence[] = "two in three sleep fewer than eight hours on school nights";
  static const char bias[] = "a lazy fix dreamed up by people who never had to drive to work";
  static const char generalisation[] = "Everyone agrees that working parents will be left to juggle the mornings alone";
  g_autoptr(GlossWindow) window = NULL;
  g_autofree char *key_by = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) article_folder = NULL;
  GtkWindow *chooser = NULL;
  GtkWindow *shown = NULL;
  ChooserQuery chooser_query;
  g_autoptr(GlossAnnotation) evidence_note = NULL;
  g_autoptr(GlossAnnotation) bias_note = NULL;
  g_autoptr(GlossAnnotation) comment_note = NULL;
  g_autoptr(GFile) priya = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GPtrArray) missed = NULL;
  GlossClassWindow *class_window;
  GlossArticleView *view;
  GlossAnnotationStore *store;
  AdwPreferencesRow *row;
  AdwActionRow *key_row;
  const char *summary;
  Workspace workspace;
  PaintQuery flash;
  GFile *students[4];

  workspace_init (&workspace, "class-article.txt", "later-start.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");
  view = gloss_window_get_article_view (window);
  store = gloss_article_get_store (gloss_window_get_article (window));

  /* The teacher's notes are the key. */
  evidence_note = add_note (window, evidence, "note.evidence", NULL, "A survey with a stated size.");
  bias_note = add_note (window, bias, "note.bias", pick_bias_tag ()->id, "An attack on the people, not the plan.");
  comment_note = add_note (window, generalisation, "note.comment", NULL, "Who is everyone?");

  /* One student found two of the three; another's file is damaged. The
   * key's own file and a file chosen twice are not students.
   */
  priya = write_student_notes (store, workspace.directory, "priya.gloss.json", "Priya Shah", generalisation);
  broken = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "class-student-broken.gloss.json", NULL));
  students[0] = priya;
  students[1] = workspace.sidecar;
  students[2] = broken;
  students[3] = priya;

  /* The main menu's chooser starts in the article's folder and shows the
   * class for the files chosen there.
   */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-notes", NULL));
  gloss_test_wait_until (has_file_chooser, &chooser, "the students' notes chooser");
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  article_folder = g_file_get_parent (workspace.article);
  chooser_query.chooser = GTK_FILE_CHOOSER (chooser);
  chooser_query.file = article_folder;
  gloss_test_wait_until (chooser_in_folder, &chooser_query, "the chooser to open the article's folder");
  chooser_query.file = priya;
  gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), priya, NULL);
  gloss_test_wait_until (chooser_has_file, &chooser_query, "the chooser to take the student's file");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  gloss_test_wait_until (has_class_window, &shown, "the class window");
  gloss_test_wait_until (class_window_is_done_loading, shown, "the student's notes to be read");
  g_assert_cmpuint (gloss_class_window_get_n_students (GLOSS_CLASS_WINDOW (shown)), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (gloss_class_window_get_student_row (GLOSS_CLASS_WINDOW (shown), 0)),
                   ==, "Priya Shah");
  gtk_window_destroy (shown);

  class_window = GLOSS_CLASS_WINDOW (g_object_ref (gloss_class_window_new (window, students, G_N_ELEMENTS (students))));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (class_window)) == GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (class_window)));
  gtk_window_present (GTK_WINDOW (class_window));
  gloss_test_wait_until (class_window_is_done_loading, class_window, "the students' notes to be read");

  summary = gloss_class_window_get_summary (class_window);
  key_by = g_strdup_printf ("Key by %s (3 notes)", gloss_annotation_get_creator_name (evidence_note));
  g_assert_nonnull (strstr (summary, key_by));
  g_assert_nonnull (strstr (summary, "2 students"));
  g_assert_nonnull (strstr (summary, "class average 67%"));

  g_assert_cmpuint (gloss_class_window_get_n_students (class_window), ==, 2);

  row = gloss_class_window_get_student_row (class_window, 0);
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "Priya Shah");
  g_assert_cmpstr (gloss_class_window_get_student_score (class_window, 0), ==, "67%");
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "Found 2 of 3 key notes"));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "0 extra notes"));
  missed = gloss_class_window_get_missed_rows (class_window, 0);
  g_assert_cmpuint (missed->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (missed, 0)), ==, generalisation);

  row = gloss_class_window_get_student_row (class_window, 1);
  g_assert_false (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (adw_preferences_row_get_title (row), ==, "class-student-broken");
  g_assert_null (gloss_class_window_get_student_score (class_window, 1));
  /* The row says why, as reading the file on its own does. */
  g_assert_null (gloss_grade_load_notes (broken, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, error->message);

  /* The key notes come in the order of the article, with how many of the
   * one readable student found them.
   */
  g_assert_cmpuint (gloss_class_window_get_n_key_notes (class_window), ==, 3);
  key_row = gloss_class_window_get_key_note_row (class_window, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (key_row)), ==, evidence);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (key_row), "found by 1 of 1 student"));
  key_row = gloss_class_window_get_key_note_row (class_window, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (key_row)), ==, generalisation);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (key_row), "found by 0 of 1 student"));

  /* Choosing a key note shows its passage in the article: scrolled to and
   * flashed, as the side pane shows a note.
   */
  key_row = gloss_class_window_get_key_note_row (class_window, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (key_row)), ==, bias);
  g_signal_emit_by_name (key_row, "activated");
  flash.view = view;
  flash.quote = bias;
  gloss_test_wait_until (quote_is_flashed, &flash, "the key note's passage to flash");

  gtk_window_destroy (GTK_WINDOW (class_window));
  g_assert_finalize_object (class_window);
  close_window (g_steal_pointer (&window));
  workspace_clear (&workspace);
}

/* The name set in Preferences signs every new note: a teacher's key and a
 * student's notes say whose they are.
 */
static void
test_author_name (void)
{
  GSettings *settings = gloss_application_get_settings (app);
  g_autoptr(GlossWindow) window = NULL;
  g_autoptr(GlossAnnotation) note = NULL;
  Workspace workspace;

  g_settings_set_string (settings, "author-name", "Ms Rivera");

  workspace_init (&workspace, "window-article.txt", "old-town.txt");
  window = open_from_command_line (workspace.article);
  gloss_test_wait_until (window_is_done_loading, window, "the article to load");
  gloss_test_wait_until (article_is_ready, window, "the article view and the side pane");

  note = add_note (window, "This reckless scheme is a slap in the face", "note.comment", NULL, "Whose words?");
  g_assert_cmpstr (gloss_annotation_get_creator_name (note), ==, "Ms Rivera");

  g_settings_reset (settings, "author-name");
  close_window (g_steal_pointer (&window));
  workspace_clear (&workspace);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const user_dirs[] = {
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *home = NULL;
  GSettingsSchemaSource *source;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Warnings stay fatal in this process (g_test_init() made them so), but
   * WebKit's web and network processes inherit the environment, and a
   * harmless warning of theirs must not kill the page under test.
   */
  g_unsetenv ("G_DEBUG");

  /* Recent files and anything else Gloss writes for the user go to a
   * directory of the test's own. (G_TEST_OPTION_ISOLATE_DIRS would also
   * hide the system's icon themes and MIME database from GTK.)
   */
  home = g_dir_make_tmp ("gloss-test-home-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (user_dirs); i++)
    {
      g_autofree char *path = g_build_filename (home, user_dirs[i], NULL);

      g_setenv (user_dirs[i], path, TRUE);
    }

  /* The schema is compiled into the build's data directory. */
  if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    {
      g_autofree char *schema_dir = g_test_build_filename (G_TEST_BUILT, "..", "data", NULL);

      g_setenv ("GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
    }

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      printf ("1..0 # SKIP the settings schema %s is not compiled\n", APPLICATION_ID);
      return 0;
    }

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return 0;
    }

  app = gloss_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/window/open-annotate-reopen", test_open_annotate_reopen);
  g_test_add_func ("/gui/window/broken-sidecar", test_broken_sidecar);
  g_test_add_func ("/gui/window/not-text", test_not_text);
  g_test_add_func ("/gui/window/accessible-labels", test_accessible_labels);
  g_test_add_func ("/gui/window/article-changed-on-disk", test_article_changed_on_disk);
  g_test_add_func ("/gui/window/hand-edited-sidecar", test_hand_edited_sidecar);
  g_test_add_func ("/gui/window/close-saves-note-being-written", test_close_saves_note_being_written);
  g_test_add_func ("/gui/window/reading-view-stops", test_reading_view_stops);
  g_test_add_func ("/gui/window/pane-summary", test_pane_summary);
  g_test_add_func ("/gui/window/export-notes", test_export_notes);
  g_test_add_func ("/gui/window/recent-same-title", test_recent_same_title);
  g_test_add_func ("/gui/window/author-name", test_author_name);
  g_test_add_func ("/gui/window/compare-students", test_compare_students);
  /* Last: the application quits on the signal. */
  g_test_add_func ("/gui/window/terminate-saves-notes", test_terminate_saves_notes);

  status = g_test_run ();

  /* A registered application stays referenced by its D-Bus exports. */
  g_clear_object (&app);
  gloss_test_remove_tree (home);

  return status;
}
