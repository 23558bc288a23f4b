/* gloss-window.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-application.h"
#include "gloss-article-view.h"
#include "gloss-core.h"
#include "gloss-note-editor.h"
#include "gloss-side-pane.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_WINDOW (gloss_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossWindow, gloss_window, GLOSS, WINDOW, AdwApplicationWindow)

/* One article, its side pane and its notes.
 *
 * Properties: article (GlossArticle, read-only), file (the article's file,
 * also while it loads, read-only), loading (read-only), show-pane,
 * show-findings.
 */
GlossWindow      *gloss_window_new              (GlossApplication *application);

/* Opens @file here when the window shows no article yet; otherwise (or when
 * another window already shows it) hands it to the application, which
 * brings that window forward or opens a new one.
 */
void              gloss_window_open_file        (GlossWindow      *self,
                                                 GFile            *file);
GFile            *gloss_window_get_file         (GlossWindow      *self);
GlossArticle     *gloss_window_get_article      (GlossWindow      *self);
gboolean          gloss_window_get_loading      (GlossWindow      *self);

/* Takes ownership of @toast. */
void              gloss_window_add_toast        (GlossWindow      *self,
                                                 AdwToast         *toast);

/* Saves notes that are not on disk yet, synchronously, the one being
 * written in the note editor included.
 */
gboolean          gloss_window_save_notes       (GlossWindow      *self,
                                                 GError          **error);

/* The parts, for tests. */
GlossArticleView *gloss_window_get_article_view (GlossWindow      *self);
GlossSidePane    *gloss_window_get_side_pane    (GlossWindow      *self);
GlossNoteEditor  *gloss_window_get_note_editor  (GlossWindow      *self);
AdwStatusPage    *gloss_window_get_status_page  (GlossWindow      *self);
/* The persistent message about the notes file, or NULL when none is
 * shown.
 */
const char       *gloss_window_get_banner_message (GlossWindow    *self);
/* "empty", "loading" or "article". */
const char       *gloss_window_get_visible_page (GlossWindow      *self);
/* The recent articles of the main menu. */
GMenuModel       *gloss_window_get_recent_menu  (GlossWindow      *self);

G_END_DECLS
