/* gloss-web-context.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* Gloss's own URI scheme. It serves the files of the GResource under
 * /io/github/glossapp/Gloss/reader/ (as gloss-resource:///reader/NAME) and
 * fails every other request.
 */
#define GLOSS_RESOURCE_SCHEME "gloss-resource"

/* The base URI of every generated reader page. */
#define GLOSS_READER_BASE_URI GLOSS_RESOURCE_SCHEME ":///article/"

/* The name of the script message handler our reader script posts to. */
#define GLOSS_READER_MESSAGE_HANDLER "gloss"

/* The application's single web context, created on first use with the
 * gloss-resource scheme registered on it.
 */
WebKitWebContext        *gloss_web_context_get_default             (void);

/* The application's single network session: ephemeral, so that nothing is
 * cached or stored, and refusing every download.
 */
WebKitNetworkSession    *gloss_web_context_get_network_session     (void);

/* The isolated script world that the reader script, its message handler
 * and every call from C run in. The name is random for each process, so
 * that nothing in a page can name it.
 */
const char              *gloss_web_context_get_world_name          (void);

/* A compiled content filter that blocks every load from the network
 * (http, https, ws, wss, ftp) and from local files. It is compiled once per
 * process; every caller waits for that same compilation.
 */
void                     gloss_web_context_get_content_filter_async  (GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
WebKitUserContentFilter *gloss_web_context_get_content_filter_finish (GAsyncResult         *result,
                                                                      GError              **error);

/* Whether a link to @uri may be handed to the user's browser or mail
 * client: http, https and mailto only.
 */
gboolean                 gloss_web_context_is_external_uri         (const char           *uri);

G_END_DECLS
