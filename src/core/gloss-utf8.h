/* gloss-utf8.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @c has no place in text shown to a reader: a control character
 * (C0 other than tab and line feed, DEL, C1) or one that reorders the text
 * around it (the bidirectional controls), with which a notes file could
 * make a name read backwards or clear a terminal.
 */
gboolean gloss_utf8_is_hidden_control (gunichar c);

/* @text (NULL, or not valid UTF-8, is fine) made fit for one line of a
 * report or a terminal: invalid bytes become U+FFFD, tabs, line breaks and
 * other control characters become spaces, and the characters of
 * gloss_utf8_is_hidden_control() are removed.
 */
char    *gloss_utf8_dup_line           (const char *text);

G_END_DECLS
