/* gloss-article-view-page.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-article-view-private.h"
#include "gloss-resources.h"
#include "gloss-web-context.h"

/* The page of a GlossArticleView: the web view and its settings, loading
 * the article's reader HTML, the navigation policy that keeps the page
 * ours and offline, and calls into our script. What is painted on the
 * page is in gloss-article-view-highlights.c, what the page sends back in
 * gloss-article-view-messages.c.
 */

#define READER_SCRIPT_RESOURCE "/io/github/glossapp/Gloss/reader/reader.js"
#define READER_STYLE_RESOURCE  "/io/github/glossapp/Gloss/reader/reader.css"
#define READER_SOURCE_URI      GLOSS_RESOURCE_SCHEME ":///reader/call.js"

/* How long a call into the page may take before it is given up. */
#define CALL_TIMEOUT_SECONDS 10

/* How many times in a row the view reloads its page after the web process
 * died, before it gives up, and how close together deaths count as "in a
 * row".
 */
#define MAX_CRASH_RELOADS 3
#define CRASH_WINDOW_SECONDS 60

/* Calls into the page. */

typedef struct
{
  GCancellable *cancellable;
  GCancellable *parent;
  gulong        parent_handler;
  guint         timeout_id;
  gboolean      timed_out;
  char         *function;
} PageCall;

static void
page_call_free (PageCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->parent_handler != 0)
    {
      g_cancellable_disconnect (call->parent, call->parent_handler);
    }
  g_clear_object (&call->parent);
  g_clear_object (&call->cancellable);
  g_free (call->function);
  g_free (call);
}

static gboolean
page_call_timeout_cb (gpointer user_data)
{
  PageCall *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
page_call_parent_cancelled_cb (GCancellable *parent,
                               GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* The completion never touches the view: it may already be gone, since
 * disposing the view cancels every call.
 */
static void
page_call_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PageCall *call = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                 result, &error);
  if (value == NULL)
    {
      if (call->timed_out)
        {
          g_debug ("Reader call %s timed out", call->function);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Reader call %s failed: %s", call->function, error->message);
        }
    }
  else if (jsc_value_is_boolean (value) && !jsc_value_to_boolean (value))
    {
      g_debug ("Reader call %s was refused by the page", call->function);
    }

  page_call_free (call);
}

/* Calls window.glossReader.FUNCTION with the members of @arguments (an
 * a{sv}, floating references are sunk) as named parameters.
 */
void
_gloss_article_view_call (GlossArticleView *self,
                         const char       *function,
                         const char       *parameters,
                         GVariant         *arguments)
{
  g_autoptr(GVariant) owned_arguments = NULL;
  g_autofree char *body = NULL;
  PageCall *call;

  if (arguments != NULL)
    {
      owned_arguments = g_variant_ref_sink (arguments);
    }

  if (self->web_view == NULL || self->cancellable == NULL || !self->script_ready)
    {
      return;
    }

  call = g_new0 (PageCall, 1);
  call->function = g_strdup (function);
  call->cancellable = g_cancellable_new ();
  call->parent = g_object_ref (self->cancellable);
  call->parent_handler = g_cancellable_connect (self->cancellable,
                                                G_CALLBACK (page_call_parent_cancelled_cb),
                                                g_object_ref (call->cancellable),
                                                g_object_unref);
  call->timeout_id = g_timeout_add_seconds (CALL_TIMEOUT_SECONDS,
                                            page_call_timeout_cb, call);

  body = g_strdup_printf ("return window.glossReader.%s(%s);",
                          function, parameters != NULL ? parameters : "");

  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  body, -1,
                                                  owned_arguments,
                                                  gloss_web_context_get_world_name (),
                                                  READER_SOURCE_URI,
                                                  call->cancellable,
                                                  page_call_done_cb,
                                                  call);
}

/* Loading. */

static void
gloss_article_view_reset_page_state (GlossArticleView *self)
{
  self->committed = FALSE;
  self->page_finished = FALSE;
  self->script_ready = FALSE;
  g_clear_handle_id (&self->repaint_id, g_source_remove);
  _gloss_article_view_update_loaded (self);
  _gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
}

void
_gloss_article_view_load (GlossArticleView *self)
{
  g_autofree char *html = NULL;

  /* The first page waits for the network filter, one of the layers that
   * keep the page off the network.
   */
  if (self->filter_pending)
    {
      self->load_pending = TRUE;
      return;
    }

  self->load_pending = FALSE;
  gloss_article_view_reset_page_state (self);

  if (self->document != NULL)
    {
      html = gloss_reader_html_render (self->document, NULL);
    }

  webkit_web_view_load_html (self->web_view, html != NULL ? html : "",
                             GLOSS_READER_BASE_URI);
}

static void
content_filter_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GlossArticleView *self;
  WebKitUserContentFilter *filter;
  g_autoptr(GError) error = NULL;

  filter = gloss_web_context_get_content_filter_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }

  self = GLOSS_ARTICLE_VIEW (user_data);

  if (filter != NULL)
    {
      webkit_user_content_manager_add_filter (self->content_manager, filter);
      webkit_user_content_filter_unref (filter);
    }
  else
    {
      g_message ("Gloss could not compile its network filter (%s); "
                 "the page's Content-Security-Policy and the navigation policy still keep the page offline",
                 error->message);
    }

  self->filter_pending = FALSE;
  if (self->load_pending)
    {
      _gloss_article_view_load (self);
    }
}

static void
load_changed_cb (WebKitWebView    *web_view,
                 WebKitLoadEvent   load_event,
                 GlossArticleView *self)
{
  switch (load_event)
    {
    case WEBKIT_LOAD_STARTED:
      gloss_article_view_reset_page_state (self);
      break;

    case WEBKIT_LOAD_COMMITTED:
      self->committed = TRUE;
      break;

    case WEBKIT_LOAD_FINISHED:
      self->page_finished = TRUE;
      _gloss_article_view_update_loaded (self);
      break;

    case WEBKIT_LOAD_REDIRECTED:
    default:
      break;
    }
}

static gboolean
load_failed_cb (WebKitWebView    *web_view,
                WebKitLoadEvent   load_event,
                const char       *failing_uri,
                GError           *error,
                GlossArticleView *self)
{
  /* A navigation that the policy refused is reported as a failure too. */
  if (!g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) &&
      !g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    {
      g_debug ("Loading %s failed: %s", failing_uri, error->message);
    }

  return FALSE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           GlossArticleView                  *self)
{
  gint64 now = g_get_monotonic_time ();

  /* The reader's selection, or one asked for and not confirmed yet, comes
   * back with the page: the reader was about to write a note on it.
   */
  if (self->has_selection)
    {
      self->has_pending_select = TRUE;
      self->pending_select_start = self->selection_start;
      self->pending_select_end = self->selection_end;
    }
  else if (self->select_in_flight)
    {
      self->has_pending_select = TRUE;
    }
  self->select_in_flight = FALSE;

  gloss_article_view_reset_page_state (self);

  switch (reason)
    {
    case WEBKIT_WEB_PROCESS_CRASHED:
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
      /* A process that dies now and then, over hours of reading, is
       * reloaded every time; one that dies again within a minute of the
       * last death counts towards giving up.
       */
      if (now - self->last_crash_time > CRASH_WINDOW_SECONDS * G_USEC_PER_SEC)
        self->crash_reloads = 0;
      self->last_crash_time = now;

      if (self->document != NULL && self->crash_reloads < MAX_CRASH_RELOADS)
        {
          self->crash_reloads++;
          g_message ("The reading view's web process stopped; reloading the article");
          _gloss_article_view_load (self);
        }
      else if (self->document != NULL)
        {
          g_message ("The reading view's web process stopped %u times in a row; giving up",
                     self->crash_reloads + 1);
          _gloss_article_view_set_page_failed (self, TRUE);
        }
      break;

    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
    default:
      break;
    }
}

/* Navigation: only our own page ever loads in the view. */

static void
show_uri_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_message ("Could not open a link: %s", error->message);
    }
}

gboolean
_gloss_article_view_real_activate_link (GlossArticleView *self,
                                       const char       *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                     uri, GDK_CURRENT_TIME, NULL, show_uri_done_cb, NULL);

  return TRUE;
}

static void
gloss_article_view_handle_link (GlossArticleView       *self,
                                WebKitNavigationAction *action)
{
  const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  /* Only a reader's own click opens anything, and only in the user's
   * browser or mail client.
   */
  if (webkit_navigation_action_get_navigation_type (action) != WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      !webkit_navigation_action_is_user_gesture (action) ||
      uri == NULL || !gloss_web_context_is_external_uri (uri))
    {
      g_debug ("Refusing a navigation to %s", uri);
      return;
    }

  _gloss_article_view_emit_activate_link (self, uri);
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  GlossArticleView         *self)
{
  WebKitNavigationAction *action;
  WebKitResponsePolicyDecision *response_decision;

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));

      /* load_html() of our generated page is the one navigation allowed. */
      if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
          !webkit_navigation_action_is_redirect (action) &&
          g_strcmp0 (webkit_uri_request_get_uri (webkit_navigation_action_get_request (action)),
                     GLOSS_READER_BASE_URI) == 0)
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }

      gloss_article_view_handle_link (self, action);
      webkit_policy_decision_ignore (decision);
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      gloss_article_view_handle_link (self, action);
      webkit_policy_decision_ignore (decision);
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      /* Never turn a response into a download. */
      response_decision = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      if (webkit_response_policy_decision_is_mime_type_supported (response_decision))
        {
          webkit_policy_decision_use (decision);
        }
      else
        {
          webkit_policy_decision_ignore (decision);
        }
      return TRUE;

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           GlossArticleView       *self)
{
  return NULL;
}

static gboolean
permission_request_cb (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       GlossArticleView        *self)
{
  webkit_permission_request_deny (request);

  return TRUE;
}

static gboolean
run_file_chooser_cb (WebKitWebView            *web_view,
                     WebKitFileChooserRequest *request,
                     GlossArticleView         *self)
{
  webkit_file_chooser_request_cancel (request);

  return TRUE;
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 GlossArticleView    *self)
{
  g_autoptr(GList) items = NULL;
  gboolean keep_inspector = g_getenv ("GLOSS_DEBUG") != NULL;

  /* WebKit's menu offers navigation, downloads and reloading, none of
   * which a reading view does: keep copying and the inspector.
   */
  items = g_list_copy (webkit_context_menu_get_items (menu));
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);

      if (action == WEBKIT_CONTEXT_MENU_ACTION_COPY ||
          action == WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD ||
          action == WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL ||
          (action == WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT && keep_inspector))
        {
          continue;
        }

      webkit_context_menu_remove (menu, item);
    }

  /* No menu at all rather than an empty one. */
  return webkit_context_menu_get_n_items (menu) == 0;
}

/* The web view. */

static void
add_user_content (WebKitUserContentManager *content_manager)
{
  g_autoptr(GBytes) script = NULL;
  g_autoptr(GBytes) style = NULL;
  g_autoptr(GError) error = NULL;
  WebKitUserScript *user_script;
  WebKitUserStyleSheet *user_style;

  /* Asking our own resource, rather than the global ones, also keeps the
   * linker from dropping it out of the static library.
   */
  script = g_resource_lookup_data (gloss_get_resource (), READER_SCRIPT_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  style = g_resource_lookup_data (gloss_get_resource (), READER_STYLE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Our script runs in its own world: it shares the page's DOM but none
   * of the page's globals, and only it can reach our message handler.
   */
  user_script = webkit_user_script_new_for_world (g_bytes_get_data (script, NULL),
                                                  WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                  WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                                  gloss_web_context_get_world_name (),
                                                  NULL, NULL);
  webkit_user_content_manager_add_script (content_manager, user_script);
  webkit_user_script_unref (user_script);

  user_style = webkit_user_style_sheet_new (g_bytes_get_data (style, NULL),
                                            WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                            WEBKIT_USER_STYLE_LEVEL_USER,
                                            NULL, NULL);
  webkit_user_content_manager_add_style_sheet (content_manager, user_style);
  webkit_user_style_sheet_unref (user_style);
}

/* WebKit opens connections of its own accord: to a link's server as soon
 * as the link is clicked (before the navigation policy refuses it), and for
 * <link rel=preconnect|dns-prefetch|preload>. None of that may happen in a
 * reader that never goes online.
 */
static void
disable_speculative_loads (WebKitSettings *settings)
{
  static const char * const identifiers[] = {
    "BeaconAPI",
    "LinkDNSPrefetch",
    "LinkPreconnect",
    "LinkPreconnectEarlyHints",
    "LinkPrefetch",
    "LinkPreload",
  };
  WebKitFeatureList *features = webkit_settings_get_all_features ();

  for (gsize i = 0; i < webkit_feature_list_get_length (features); i++)
    {
      WebKitFeature *feature = webkit_feature_list_get (features, i);

      if (g_strv_contains (identifiers, webkit_feature_get_identifier (feature)))
        {
          webkit_settings_set_feature_enabled (settings, feature, FALSE);
        }
    }

  webkit_feature_list_unref (features);
}

/* Creates the web view and what it runs: our script and style sheet, our
 * message handler, settings that switch off what a reader does not need,
 * and the handlers that keep the page ours.
 */
void
_gloss_article_view_setup_web_view (GlossArticleView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;
  gboolean debug = g_getenv ("GLOSS_DEBUG") != NULL;

  self->content_manager = webkit_user_content_manager_new ();
  /* The handler must be connected before it is registered. */
  g_signal_connect (self->content_manager,
                    "script-message-received::" GLOSS_READER_MESSAGE_HANDLER,
                    G_CALLBACK (_gloss_article_view_script_message_received_cb), self);
  webkit_user_content_manager_register_script_message_handler (self->content_manager,
                                                               GLOSS_READER_MESSAGE_HANDLER,
                                                               gloss_web_context_get_world_name ());
  add_user_content (self->content_manager);

  /* The page's own JavaScript is stripped at parse time while ours keeps
   * running: enable-javascript must stay on for user scripts, timers and
   * calls from C to work. WebKitGTK 6.0 has no plugins to switch off.
   */
  settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                "enable-javascript-markup", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "javascript-can-access-clipboard", FALSE,
                                                "enable-webgl", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-webrtc", FALSE,
                                                "enable-media", FALSE,
                                                "enable-media-stream", FALSE,
                                                "enable-mediasource", FALSE,
                                                "enable-encrypted-media", FALSE,
                                                "media-playback-requires-user-gesture", TRUE,
                                                "enable-fullscreen", FALSE,
                                                "enable-page-cache", FALSE,
                                                "enable-html5-database", FALSE,
                                                "enable-html5-local-storage", FALSE,
                                                "enable-back-forward-navigation-gestures", FALSE,
                                                "allow-file-access-from-file-urls", FALSE,
                                                "allow-universal-access-from-file-urls", FALSE,
                                                "allow-top-navigation-to-data-urls", FALSE,
                                                "enable-developer-extras", debug,
                                                "enable-write-console-messages-to-stdout", debug,
                                                "default-charset", "utf-8",
                                                NULL);
  disable_speculative_loads (settings);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", gloss_web_context_get_default (),
                                 "network-session", gloss_web_context_get_network_session (),
                                 "user-content-manager", self->content_manager,
                                 "settings", settings,
                                 "default-content-security-policy", GLOSS_READER_CSP,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  g_signal_connect (self->web_view, "decide-policy",
                    G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "create",
                    G_CALLBACK (create_cb), self);
  g_signal_connect (self->web_view, "permission-request",
                    G_CALLBACK (permission_request_cb), self);
  g_signal_connect (self->web_view, "run-file-chooser",
                    G_CALLBACK (run_file_chooser_cb), self);
  g_signal_connect (self->web_view, "context-menu",
                    G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "load-changed",
                    G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed",
                    G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
}

/* The first page waits for the network filter (see _gloss_article_view_load()). */
void
_gloss_article_view_request_content_filter (GlossArticleView *self)
{
  self->filter_pending = TRUE;
  gloss_web_context_get_content_filter_async (self->cancellable,
                                              content_filter_ready_cb, self);
}
