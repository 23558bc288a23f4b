/* gloss-web-context.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gloss-article-view.h"
#include "gloss-resources.h"
#include "gloss-web-context.h"

#define READER_RESOURCE_BASE "/io/github/glossapp/Gloss"
#define READER_RESOURCE_DIR  "/reader/"
#define ARTICLE_FILES_DIR    "/article-files/"
#define CONTENT_FILTER_ID    "gloss-block-network"

/* WebKit's content blockers take no alternation in a URL filter, hence one
 * rule per scheme. Matching is case-insensitive by default.
 */
static const char content_filter_rules[] =
  "["
  "{\"trigger\":{\"url-filter\":\"^https?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^wss?:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^ftp:\"},\"action\":{\"type\":\"block\"}},"
  "{\"trigger\":{\"url-filter\":\"^file:\"},\"action\":{\"type\":\"block\"}}"
  "]";

static WebKitWebContext *default_context;
static WebKitNetworkSession *network_session;
static char *world_name;

static WebKitUserContentFilterStore *filter_store;
static WebKitUserContentFilter *content_filter;
static GError *content_filter_error;
static GPtrArray *content_filter_waiters;
static gboolean content_filter_started;

/* Accepts "/reader/NAME" and "/reader/DIR/NAME" made of plain file name
 * characters, so that no request can climb out of the reader directory or
 * reach any other resource of the application.
 */
static gboolean
is_reader_resource_path (const char *path)
{
  g_auto(GStrv) segments = NULL;

  if (path == NULL || !g_str_has_prefix (path, READER_RESOURCE_DIR))
    {
      return FALSE;
    }

  segments = g_strsplit (path + strlen (READER_RESOURCE_DIR), "/", -1);

  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *segment = segments[i];

      if (segment[0] == '\0' || segment[0] == '.')
        {
          return FALSE;
        }

      for (const char *p = segment; *p != '\0'; p++)
        {
          if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
            {
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* Accepts a single plain file name: the names of a document's saved
 * resources never contain a directory separator.
 */
static gboolean
is_article_file_name (const char *name)
{
  if (name[0] == '\0' || name[0] == '.')
    {
      return FALSE;
    }

  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
        {
          return FALSE;
        }
    }

  return TRUE;
}

/* Serves the images that were saved with the article (a "_files" folder or
 * the parts of an MHTML file) from the document of the view that asks, so
 * that one article can never read another one's files.
 */
static void
handle_article_file_request (WebKitURISchemeRequest *request,
                             const char             *name)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  GtkWidget *article_view = NULL;
  GlossDocument *document = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;

  if (web_view != NULL)
    {
      article_view = gtk_widget_get_ancestor (GTK_WIDGET (web_view),
                                              GLOSS_TYPE_ARTICLE_VIEW);
    }

  if (article_view != NULL)
    {
      document = gloss_article_view_get_document (GLOSS_ARTICLE_VIEW (article_view));
    }

  if (document != NULL && is_article_file_name (name))
    {
      bytes = gloss_document_lookup_resource (document, name, &content_type);
    }

  if (bytes == NULL)
    {
      g_autoptr(GError) missing = NULL;

      missing = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The article has no file “%s”"), name);
      webkit_uri_scheme_request_finish_error (request, missing);
      return;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  webkit_uri_scheme_request_finish (request, stream,
                                    (gint64)g_bytes_get_size (bytes),
                                    content_type != NULL ? content_type : "application/octet-stream");
}

static void
handle_resource_request_cb (WebKitURISchemeRequest *request,
                            gpointer                user_data)
{
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *resource_path = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime_type = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gconstpointer data;
  gsize size;

  if (path != NULL && g_str_has_prefix (path, ARTICLE_FILES_DIR))
    {
      handle_article_file_request (request, path + strlen (ARTICLE_FILES_DIR));
      return;
    }

  if (!is_reader_resource_path (path))
    {
      g_autoptr(GError) refused = NULL;

      refused = g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                             _("Gloss does not load “%s”"),
                             webkit_uri_scheme_request_get_uri (request));
      webkit_uri_scheme_request_finish_error (request, refused);
      return;
    }

  resource_path = g_strconcat (READER_RESOURCE_BASE, path, NULL);
  bytes = g_resource_lookup_data (gloss_get_resource (), resource_path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  content_type = g_content_type_guess (path, data, size, NULL);
  mime_type = g_content_type_get_mime_type (content_type);
  stream = g_memory_input_stream_new_from_bytes (bytes);

  webkit_uri_scheme_request_finish (request, stream, (gint64)size,
                                    mime_type != NULL ? mime_type : "application/octet-stream");
}

static void
download_started_cb (WebKitNetworkSession *session,
                     WebKitDownload       *download,
                     gpointer              user_data)
{
  /* Nothing in a reading view is ever downloaded: the view refuses such
   * responses already, and this catches anything that slips past.
   */
  g_debug ("Refusing a download of %s",
           webkit_uri_request_get_uri (webkit_download_get_request (download)));
  webkit_download_cancel (download);
}

WebKitNetworkSession *
gloss_web_context_get_network_session (void)
{
  if (network_session == NULL)
    {
      network_session = webkit_network_session_new_ephemeral ();
      g_signal_connect (network_session, "download-started",
                        G_CALLBACK (download_started_cb), NULL);
    }

  return network_session;
}

WebKitWebContext *
gloss_web_context_get_default (void)
{
  if (default_context == NULL)
    {
      default_context = webkit_web_context_new ();

      /* A reader shows one local page at a time: no need for a page cache
       * or for keeping resources around.
       */
      webkit_web_context_set_cache_model (default_context,
                                          WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      webkit_web_context_set_spell_checking_enabled (default_context, FALSE);

      webkit_web_context_register_uri_scheme (default_context,
                                              GLOSS_RESOURCE_SCHEME,
                                              handle_resource_request_cb,
                                              NULL, NULL);
    }

  return default_context;
}

const char *
gloss_web_context_get_world_name (void)
{
  if (world_name == NULL)
    {
      g_autofree char *guid = g_dbus_generate_guid ();

      world_name = g_strconcat ("io.github.glossapp.Gloss.Reader.", guid, NULL);
    }

  return world_name;
}

static void
content_filter_saved_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&content_filter_waiters);
  g_autoptr(GError) error = NULL;

  content_filter = webkit_user_content_filter_store_save_finish (WEBKIT_USER_CONTENT_FILTER_STORE (object),
                                                                 result, &error);
  if (content_filter == NULL)
    {
      content_filter_error = g_steal_pointer (&error);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        {
          continue;
        }

      if (content_filter != NULL)
        {
          g_task_return_pointer (task,
                                 webkit_user_content_filter_ref (content_filter),
                                 (GDestroyNotify)webkit_user_content_filter_unref);
        }
      else
        {
          g_task_return_error (task, g_error_copy (content_filter_error));
        }
    }
}

void
gloss_web_context_get_content_filter_async (GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_web_context_get_content_filter_async);

  if (content_filter != NULL)
    {
      g_task_return_pointer (task,
                             webkit_user_content_filter_ref (content_filter),
                             (GDestroyNotify)webkit_user_content_filter_unref);
      return;
    }

  if (content_filter_error != NULL)
    {
      g_task_return_error (task, g_error_copy (content_filter_error));
      return;
    }

  if (content_filter_waiters == NULL)
    {
      content_filter_waiters = g_ptr_array_new_with_free_func (g_object_unref);
    }
  g_ptr_array_add (content_filter_waiters, g_steal_pointer (&task));

  if (!content_filter_started)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) rules = NULL;

      content_filter_started = TRUE;

      /* WebKit keeps compiled filters on disk; they are small and rebuilt
       * at every start, so the cache directory is the right home.
       */
      path = g_build_filename (g_get_user_cache_dir (), "gloss",
                               "content-filters", NULL);
      filter_store = webkit_user_content_filter_store_new (path);
      rules = g_bytes_new_static (content_filter_rules,
                                  sizeof content_filter_rules - 1);
      webkit_user_content_filter_store_save (filter_store, CONTENT_FILTER_ID,
                                             rules, NULL,
                                             content_filter_saved_cb, NULL);
    }
}

WebKitUserContentFilter *
gloss_web_context_get_content_filter_finish (GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
gloss_web_context_is_external_uri (const char *uri)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (uri != NULL, FALSE);

  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL)
    {
      return FALSE;
    }

  return g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "mailto") == 0;
}
