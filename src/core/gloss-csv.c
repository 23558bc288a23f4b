/* gloss-csv.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-csv.h"
#include "gloss-utf8.h"

void
gloss_csv_append_field (GString    *out,
                        const char *value,
                        gboolean    first)
{
  g_autoptr(GString) field = NULL;

  g_return_if_fail (out != NULL);

  if (!first)
    g_string_append_c (out, ',');

  if (value == NULL || *value == '\0')
    return;

  field = g_string_new (NULL);
  if (strchr ("=+-@\t\r", *value) != NULL)
    g_string_append_c (field, '\'');
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!gloss_utf8_is_hidden_control (g_utf8_get_char (p)))
        g_string_append_len (field, p, g_utf8_next_char (p) - p);
    }

  if (strpbrk (field->str, ",\"\r\n") == NULL)
    {
      g_string_append_len (out, field->str, field->len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field->str; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
