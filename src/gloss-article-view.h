/* gloss-article-view.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "gloss-core.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_ARTICLE_VIEW (gloss_article_view_get_type ())

G_DECLARE_FINAL_TYPE (GlossArticleView, gloss_article_view, GLOSS, ARTICLE_VIEW, GtkWidget)

/* The reading view: the core's sanitized reader HTML in a WebKitWebView that
 * never touches the network and never runs the page's scripts. Our script
 * runs in an isolated world and reports selections; notes and findings are
 * painted with the CSS Custom Highlight API.
 *
 * Properties:
 *   document (GlossDocument), annotations (GListModel of GlossAnnotation),
 *   claims, cues (GListModel of GlossFinding), show-findings (gboolean),
 *   loaded (gboolean, read-only: the page finished loading and our script
 *   is ready), has-selection (gboolean, read-only), zoom-level (double),
 *   page-failed (gboolean, read-only: the web process kept stopping and
 *   the view gave up; setting a document tries again).
 * Signals:
 *   selection-changed ()
 *   annotation-activated (const char *id): the reader clicked a note's
 *     highlight.
 *   finding-activated (guint start, guint end): the reader clicked a
 *     painted claim or cue.
 */
GtkWidget      *gloss_article_view_new                (void);

GlossDocument  *gloss_article_view_get_document       (GlossArticleView *self);
void            gloss_article_view_set_document       (GlossArticleView *self,
                                                       GlossDocument    *document);
void            gloss_article_view_set_annotations    (GlossArticleView *self,
                                                       GListModel       *annotations);
void            gloss_article_view_set_findings       (GlossArticleView *self,
                                                       GListModel       *claims,
                                                       GListModel       *cues);
gboolean        gloss_article_view_get_show_findings  (GlossArticleView *self);
void            gloss_article_view_set_show_findings  (GlossArticleView *self,
                                                       gboolean          show_findings);
gboolean        gloss_article_view_get_loaded         (GlossArticleView *self);
const char     *gloss_article_view_get_hover_text     (GlossArticleView *self);

/* The current selection as code points into the document text. */
gboolean        gloss_article_view_get_selection      (GlossArticleView *self,
                                                       guint            *start,
                                                       guint            *end);
/* Where the selection is, in the widget's coordinates. */
gboolean        gloss_article_view_get_selection_rect (GlossArticleView *self,
                                                       GdkRectangle     *rect);
/* Selects [start, end) in the page exactly as a reader's drag would: the
 * selection then arrives through the same message path.
 */
void            gloss_article_view_select_range       (GlossArticleView *self,
                                                       guint             start,
                                                       guint             end);
void            gloss_article_view_clear_selection    (GlossArticleView *self);
/* Scrolls [start, end) into view and briefly flashes it. */
void            gloss_article_view_reveal             (GlossArticleView *self,
                                                       guint             start,
                                                       guint             end);

WebKitWebView  *gloss_article_view_get_web_view       (GlossArticleView *self);

G_END_DECLS
