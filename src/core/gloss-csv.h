/* gloss-csv.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @value (NULL for an empty field) to a CSV row (RFC 4180), after a
 * comma unless it is the @first field of the row. A field that holds a
 * comma, a double quote, CR or LF is quoted, with quotes doubled.
 * Spreadsheets run a cell that starts with "=", "+", "-", "@", a tab or CR
 * as a formula, and notes, quotes and names are text that anyone may have
 * written: such a field gets a leading apostrophe so that it is shown as
 * text and never evaluated. Control characters other than tab and line
 * feed are dropped (see gloss_utf8_is_hidden_control()). @value must be
 * valid UTF-8.
 */
void gloss_csv_append_field (GString    *out,
                             const char *value,
                             gboolean    first);

G_END_DECLS
