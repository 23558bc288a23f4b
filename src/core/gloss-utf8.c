/* gloss-utf8.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-utf8.h"

gboolean
gloss_utf8_is_hidden_control (gunichar c)
{
  if (c < 0x20)
    return c != '\t' && c != '\n';

  return (c >= 0x7F && c <= 0x9F) ||
         c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

char *
gloss_utf8_dup_line (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else if (!gloss_utf8_is_hidden_control (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
