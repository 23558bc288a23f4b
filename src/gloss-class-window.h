/* gloss-class-window.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gloss-window.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_CLASS_WINDOW (gloss_class_window_get_type ())

G_DECLARE_FINAL_TYPE (GlossClassWindow, gloss_class_window, GLOSS, CLASS_WINDOW, AdwWindow)

/* The class at a glance: the notes of the article in @window are the key,
 * and each of @students (notes files, in the order given) is compared with
 * it. The key's own notes file and files named twice are left out. The
 * files are read in the background; a key note row, when activated, shows
 * and selects its passage in @window.
 *
 * Properties: window (GlossWindow, construct-only), loading (read-only).
 */
GtkWidget         *gloss_class_window_new               (GlossWindow      *window,
                                                         GFile * const    *students,
                                                         guint             n_students);

gboolean           gloss_class_window_get_loading       (GlossClassWindow *self);

/* What the teacher sees, for tests. */
const char        *gloss_class_window_get_summary       (GlossClassWindow *self);
guint              gloss_class_window_get_n_students    (GlossClassWindow *self);
/* An AdwExpanderRow, or an AdwActionRow for a file that cannot be read. */
AdwPreferencesRow *gloss_class_window_get_student_row   (GlossClassWindow *self,
                                                         guint             index);
/* The score ("67%"), or NULL for a file that cannot be read. */
const char        *gloss_class_window_get_student_score (GlossClassWindow *self,
                                                         guint             index);
/* The rows (AdwActionRow) of the key notes the student missed, as the
 * expanded row lists them. (transfer container)
 */
GPtrArray         *gloss_class_window_get_missed_rows   (GlossClassWindow *self,
                                                         guint             index);
guint              gloss_class_window_get_n_key_notes   (GlossClassWindow *self);
AdwActionRow      *gloss_class_window_get_key_note_row  (GlossClassWindow *self,
                                                         guint             index);

G_END_DECLS
