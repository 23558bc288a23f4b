/* gloss-article-view-private.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-article-view.h"

G_BEGIN_DECLS

struct _GlossArticleView
{
  GtkWidget                 parent_instance;

  WebKitWebView            *web_view;
  WebKitUserContentManager *content_manager;
  GCancellable             *cancellable;

  GlossDocument            *document;

  /* The annotations model and a copy of its items in the same order, so
   * that the view can disconnect from the items that the model removes.
   */
  GListModel               *annotations;
  GPtrArray                *watched_annotations;
  GListModel               *claims;
  GListModel               *cues;

  /* The explanations of the findings under the pointer, one a line, shown
   * as the view's tooltip; NULL when there are none.
   */
  char                     *hover_text;

  guint                     repaint_id;
  /* Reloads after the web process died, and when it last died: deaths
   * close together count as one run, which the view gives up after.
   */
  guint                     crash_reloads;
  gint64                    last_crash_time;

  guint                     selection_start;
  guint                     selection_end;
  GdkRectangle              selection_rect;

  guint                     pending_reveal_start;
  guint                     pending_reveal_end;
  guint                     pending_select_start;
  guint                     pending_select_end;

  guint                     show_findings : 1;
  guint                     dark : 1;
  guint                     filter_pending : 1;
  guint                     load_pending : 1;
  guint                     committed : 1;
  guint                     page_finished : 1;
  guint                     script_ready : 1;
  guint                     loaded : 1;
  guint                     has_selection : 1;
  guint                     has_pending_reveal : 1;
  guint                     has_pending_select : 1;
  /* selectRange() was sent and the page has not answered yet. */
  guint                     select_in_flight : 1;
  guint                     page_failed : 1;
};

/* gloss-article-view.c: the widget's state, its properties and signals */
void     _gloss_article_view_update_selection        (GlossArticleView   *self,
                                                      gboolean            has_selection,
                                                      guint               start,
                                                      guint               end,
                                                      const GdkRectangle *rect);
void     _gloss_article_view_update_loaded           (GlossArticleView   *self);
void     _gloss_article_view_set_page_failed         (GlossArticleView   *self,
                                                      gboolean            page_failed);
void     _gloss_article_view_emit_annotation_activated (GlossArticleView *self,
                                                      const char         *id);
void     _gloss_article_view_emit_finding_activated  (GlossArticleView   *self,
                                                      guint               start,
                                                      guint               end);
gboolean _gloss_article_view_emit_activate_link      (GlossArticleView   *self,
                                                      const char         *uri);
void     _gloss_article_view_set_hover_text          (GlossArticleView   *self,
                                                      const char         *text);

/* gloss-article-view-page.c: the web view, its page, and calls into it */
void     _gloss_article_view_setup_web_view          (GlossArticleView   *self);
void     _gloss_article_view_request_content_filter  (GlossArticleView   *self);
void     _gloss_article_view_load                    (GlossArticleView   *self);
void     _gloss_article_view_call                    (GlossArticleView   *self,
                                                      const char         *function,
                                                      const char         *parameters,
                                                      GVariant           *arguments);
gboolean _gloss_article_view_real_activate_link      (GlossArticleView   *self,
                                                      const char         *uri);

/* gloss-article-view-highlights.c: what is painted and pushed to the page */
void     _gloss_article_view_call_with_range         (GlossArticleView   *self,
                                                      const char         *function,
                                                      guint               start,
                                                      guint               end);
void     _gloss_article_view_queue_repaint           (GlossArticleView   *self);
void     _gloss_article_view_repaint_now             (GlossArticleView   *self);
void     _gloss_article_view_push_color_scheme       (GlossArticleView   *self);
void     _gloss_article_view_push_show_findings      (GlossArticleView   *self);

/* gloss-article-view-messages.c: what the page sends */
void     _gloss_article_view_script_message_received_cb (WebKitUserContentManager *content_manager,
                                                         JSCValue                 *value,
                                                         GlossArticleView         *self);

G_END_DECLS
