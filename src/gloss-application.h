/* gloss-application.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSS_TYPE_APPLICATION (gloss_application_get_type ())

G_DECLARE_FINAL_TYPE (GlossApplication, gloss_application, GLOSS, APPLICATION, AdwApplication)

GlossApplication *gloss_application_new          (void);
/* The one GSettings of the application (schema id APPLICATION_ID). */
GSettings        *gloss_application_get_settings (GlossApplication *self);
/* Opens @file in the window that already shows it, in an empty window, or
 * in a new window.
 */
void              gloss_application_open_file    (GlossApplication *self,
                                                  GFile            *file);
/* The application icon: the installed one for this build's id, or the one
 * in the application's resources when Gloss runs uninstalled.
 */
const char       *gloss_application_get_icon_name (void);
/* The sample article: $GLOSS_SAMPLE_ARTICLE when set, else the installed
 * copy.
 */
GFile            *gloss_application_dup_sample_file (void);

G_END_DECLS
