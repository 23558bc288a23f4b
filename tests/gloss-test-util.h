/* gloss-test-util.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gloss-core.h"

G_BEGIN_DECLS

/* A document built from @text: paragraphs separated by blank lines, "## "
 * starts a level-2 heading and "# " the title. With @title_in_text the
 * title is also a level-1 heading block; otherwise it is metadata only, as
 * in a web page.
 */
GlossDocument *gloss_test_document_from_text (const char *text,
                                              gboolean    title_in_text,
                                              GFile      *file);

/* Removes @path and everything below it, read-only folders included;
 * symbolic links are removed, never followed.
 */
void           gloss_test_remove_tree        (const char *path);

/* Kills the WebKit web processes of this program with SIGKILL, as the
 * system would, and returns how many it killed.
 */
guint          gloss_test_kill_web_processes (void);

/* Generous: the machine may be slow and busy; a wait is for a signal or a
 * state, never a fixed sleep.
 */
#define GLOSS_TEST_WAIT_TIMEOUT_MS 30000

typedef gboolean (*GlossTestCondition) (gpointer data);

/* Iterates the main context until @condition holds; fails the test,
 * naming @what, after GLOSS_TEST_WAIT_TIMEOUT_MS.
 */
void           gloss_test_wait_until         (GlossTestCondition  condition,
                                              gpointer            data,
                                              const char         *what);
/* A condition: the gboolean that @data points to is TRUE. */
gboolean       gloss_test_flag_is_set        (gpointer            data);

G_END_DECLS
