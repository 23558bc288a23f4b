/* gloss-csv.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-csv.h"

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
  g_string_append (field, value);

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
