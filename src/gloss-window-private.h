/* gloss-window-private.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-window.h"

G_BEGIN_DECLS

struct _GlossWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  /* Cancelled in dispose: loading and exporting never outlive the window. */
  GCancellable         *cancellable;

  /* The article on show, and its file; while a first article loads, file is
   * the file being loaded.
   */
  GlossArticle         *article;
  GFile                *file;
  GlossAnnotationStore *store;
  /* Watches the article's file, to offer a reload when it changes. */
  GFileMonitor         *article_monitor;
  guint                 article_changed_id;

  /* The range a new note is being written for. */
  guint                 pending_start;
  guint                 pending_end;
  /* Where the reader last pressed in the article, to point the editor at a
   * clicked highlight.
   */
  double                last_press_x;
  double                last_press_y;

  GlossAnnotation      *deleted_note;
  AdwToast             *save_failed_toast;
  /* What the banner is about: a save failure goes away with the next
   * successful save, a notes file problem stays until dismissed, and a
   * changed article or a reading view that stopped working offers to
   * reload the article.
   */
  enum {
    BANNER_NONE,
    BANNER_SIDECAR,
    BANNER_SAVE_FAILED,
    BANNER_ARTICLE_CHANGED,
    BANNER_PAGE_FAILED,
  }                     banner;
  GtkNativeDialog      *chooser;

  GtkWidget            *selection_popover;
  GlossNoteEditor      *note_editor;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkWidget            *banner_reload_button;
  GtkWidget            *pane_button;
  GtkStack             *stack;
  AdwStatusPage        *status_page;
  AdwFlap              *flap;
  GlossSidePane        *side_pane;
  GtkWidget            *article_box;
  GlossArticleView     *article_view;
  GMenu                *recent_section;

  guint                 loading : 1;
  guint                 show_pane : 1;
  guint                 show_findings : 1;
  guint                 told_backup : 1;
  guint                 force_close : 1;
  guint                 reloading : 1;
  /* The article changed on disk and the reader was not offered a reload
   * yet, or has not answered.
   */
  guint                 article_changed : 1;
};

/* gloss-window-actions.c */
void     _gloss_window_class_actions_init (GtkWidgetClass *widget_class);
void     _gloss_window_actions_init       (GlossWindow    *self);
void     _gloss_window_update_actions     (GlossWindow    *self);
void     _gloss_window_commit_editor      (GlossWindow    *self);
void     _gloss_window_update_recent      (GlossWindow    *self);
void     _gloss_window_add_recent         (GlossWindow    *self,
                                           GFile          *file,
                                           const char     *title);
void     _gloss_window_edit_annotation    (GlossWindow     *self,
                                           GlossAnnotation *annotation,
                                           gboolean         at_pointer);

/* gloss-window.c */
char    *_gloss_window_dup_display_name   (GFile          *file);
void     _gloss_window_toast              (GlossWindow    *self,
                                           const char     *message,
                                           guint           timeout);
void     _gloss_window_reload_article     (GlossWindow    *self);

G_END_DECLS
