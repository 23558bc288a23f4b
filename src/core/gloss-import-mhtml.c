/* gloss-import-mhtml.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-import-private.h"

/* A page saved as a single file (Chromium's "Webpage, single file", older
 * Internet Explorer and Word ".mht") is a MIME multipart/related message
 * (RFC 2557): a few headers, then one part per resource, each with its own
 * headers and a quoted-printable or base64 body. The text/html part is the
 * article; images are found among the other parts by their
 * Content-Location or Content-ID, and decoded only when the article shows
 * them. Nothing in the file is ever fetched from the network.
 */

/* A saved page has a few hundred parts at most; the limit only bounds
 * the work hostile input can cause.
 */
#define MAX_PARTS 10000
#define MAX_HEADER_SIZE (64 * 1024)

typedef enum {
  ENCODING_IDENTITY,
  ENCODING_QUOTED_PRINTABLE,
  ENCODING_BASE64,
} TransferEncoding;

typedef struct {
  char             *content_type; /* lower case, without parameters */
  char             *charset;
  char             *location;
  char             *content_id;   /* without the angle brackets */
  TransferEncoding  encoding;
  const char       *body;
  gsize             body_len;
} Part;

typedef struct {
  GPtrArray  *parts;     /* (element-type Part) */
  GHashTable *locations; /* Content-Location or "cid:" + Content-ID -> Part */
  const char *html_location;
  gsize       total;
} Message;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_free (part->content_type);
  g_free (part->charset);
  g_free (part->location);
  g_free (part->content_id);
  g_free (part);
}

/* Returns the end of the line that starts at @p (the "\n", or @end). */
static const char *
line_end (const char *p,
          const char *end)
{
  const char *eol = memchr (p, '\n', end - p);

  return eol != NULL ? eol : end;
}

static gboolean
is_blank_line (const char *p,
               const char *eol)
{
  return eol == p || (eol == p + 1 && *p == '\r');
}

/* Reads header lines (unfolding continuations) from @p up to the first
 * blank line into @headers (lower-case name -> value) and returns where
 * the body starts.
 */
static const char *
read_headers (const char *p,
              const char *end,
              GHashTable *headers)
{
  g_autoptr(GString) current = g_string_new (NULL);
  const char *start = p;

  while (p < end)
    {
      const char *eol = line_end (p, end);
      const char *next = eol < end ? eol + 1 : end;
      gsize len = eol - p;

      if (len > 0 && p[len - 1] == '\r')
        len--;

      if (len == 0)
        {
          p = next;
          break;
        }

      if ((*p == ' ' || *p == '\t') && current->len > 0)
        {
          g_string_append_c (current, ' ');
          g_string_append_len (current, p, len);
        }
      else
        {
          if (current->len > 0)
            {
              const char *colon = strchr (current->str, ':');

              if (colon != NULL)
                {
                  g_autofree char *name = g_ascii_strdown (current->str, colon - current->str);
                  g_autofree char *value = g_strdup (colon + 1);

                  g_strstrip (name);
                  g_strstrip (value);
                  if (!g_hash_table_contains (headers, name))
                    g_hash_table_insert (headers, g_steal_pointer (&name), g_steal_pointer (&value));
                }
            }
          g_string_truncate (current, 0);
          g_string_append_len (current, p, len);
        }

      p = next;
      if ((gsize)(p - start) > MAX_HEADER_SIZE)
        break;
    }

  if (current->len > 0)
    {
      const char *colon = strchr (current->str, ':');

      if (colon != NULL)
        {
          g_autofree char *name = g_ascii_strdown (current->str, colon - current->str);
          g_autofree char *value = g_strdup (colon + 1);

          g_strstrip (name);
          g_strstrip (value);
          if (!g_hash_table_contains (headers, name))
            g_hash_table_insert (headers, g_steal_pointer (&name), g_steal_pointer (&value));
        }
    }

  return p;
}

/* Finds parameter @name ("boundary", "charset") in a header value such as
 * 'multipart/related; type="text/html"; boundary="----abc"'.
 */
static char *
header_parameter (const char *value,
                  const char *name)
{
  gsize name_len = strlen (name);
  const char *p = value;

  if (value == NULL)
    return NULL;

  while ((p = strchr (p, ';')) != NULL)
    {
      p++;
      while (*p == ' ' || *p == '\t')
        p++;

      if (g_ascii_strncasecmp (p, name, name_len) == 0)
        {
          const char *q = p + name_len;

          while (*q == ' ' || *q == '\t')
            q++;
          if (*q != '=')
            continue;
          q++;
          while (*q == ' ' || *q == '\t')
            q++;

          if (*q == '"')
            {
              const char *close = strchr (q + 1, '"');

              if (close == NULL)
                return g_strdup (q + 1);
              return g_strndup (q + 1, close - q - 1);
            }

          return g_strndup (q, strcspn (q, "; \t"));
        }
    }

  return NULL;
}

static char *
media_type (const char *value)
{
  g_autofree char *type = NULL;

  if (value == NULL)
    return g_strdup ("text/plain");

  type = g_ascii_strdown (value, strcspn (value, ";"));
  g_strstrip (type);

  return g_steal_pointer (&type);
}

static gboolean
has_header_block (const char *data,
                  gsize       len)
{
  const char *end = data + MIN (len, (gsize)MAX_HEADER_SIZE);
  const char *p = data;

  /* Every line up to the first blank one is "Name: value" or a
   * continuation; HTML or plain text fails this at once.
   */
  while (p < end)
    {
      const char *eol = line_end (p, end);
      const char *colon;

      if (is_blank_line (p, eol))
        return p > data;

      if (*p != ' ' && *p != '\t')
        {
          colon = memchr (p, ':', eol - p);
          if (colon == NULL || colon == p)
            return FALSE;
          for (const char *c = p; c < colon; c++)
            {
              if (!g_ascii_isalnum (*c) && *c != '-' && *c != '_')
                return FALSE;
            }
        }

      p = eol + 1;
    }

  return FALSE;
}

gboolean
gloss_import_is_mhtml (GBytes *bytes)
{
  g_autoptr(GHashTable) headers = NULL;
  const char *data;
  const char *type;
  gsize len;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || !has_header_block (data, len))
    return FALSE;

  headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  read_headers (data, data + MIN (len, (gsize)MAX_HEADER_SIZE), headers);
  type = g_hash_table_lookup (headers, "content-type");

  return type != NULL &&
         (g_ascii_strncasecmp (type, "multipart/", 10) == 0 ||
          (g_ascii_strncasecmp (type, "text/html", 9) == 0 &&
           g_hash_table_contains (headers, "mime-version")));
}

/* Finds "--boundary" at the start of a line, at or after @p. */
static const char *
find_delimiter (const char *p,
                const char *end,
                const char *delimiter,
                gsize       delimiter_len)
{
  while (p + delimiter_len <= end)
    {
      const char *hit = memchr (p, delimiter[0], end - p);

      if (hit == NULL || hit + delimiter_len > end)
        return NULL;

      if ((hit == p || hit[-1] == '\n') && memcmp (hit, delimiter, delimiter_len) == 0)
        return hit;

      p = hit + 1;
    }

  return NULL;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static GBytes *
decode_quoted_printable (const char *data,
                         gsize       len)
{
  GByteArray *out = g_byte_array_sized_new (len);
  const char *end = data + len;
  const char *p = data;

  while (p < end)
    {
      if (*p != '=')
        {
          const char *next = memchr (p, '=', end - p);

          if (next == NULL)
            next = end;
          g_byte_array_append (out, (const guint8 *)p, next - p);
          p = next;
          continue;
        }

      /* A soft line break: "=" at the end of a line joins it to the next. */
      if (p + 1 < end && p[1] == '\n')
        {
          p += 2;
          continue;
        }
      if (p + 2 < end && p[1] == '\r' && p[2] == '\n')
        {
          p += 3;
          continue;
        }

      if (p + 2 < end && hex_value (p[1]) >= 0 && hex_value (p[2]) >= 0)
        {
          guint8 byte = (guint8)(hex_value (p[1]) * 16 + hex_value (p[2]));

          g_byte_array_append (out, &byte, 1);
          p += 3;
          continue;
        }

      /* A stray "=" is kept as it is, as mail readers do. */
      g_byte_array_append (out, (const guint8 *)p, 1);
      p++;
    }

  return g_byte_array_free_to_bytes (out);
}

static GBytes *
decode_base64 (const char *data,
               gsize       len)
{
  guchar *out = g_malloc (len / 4 * 3 + 4);
  gint state = 0;
  guint save = 0;
  gsize written;

  /* The decoder skips line breaks and anything else outside the base64
   * alphabet.
   */
  written = g_base64_decode_step (data, len, out, &state, &save);

  return g_bytes_new_take (out, written);
}

static GBytes *
decode_part (Part *part)
{
  switch (part->encoding)
    {
    case ENCODING_QUOTED_PRINTABLE:
      return decode_quoted_printable (part->body, part->body_len);

    case ENCODING_BASE64:
      return decode_base64 (part->body, part->body_len);

    case ENCODING_IDENTITY:
    default:
      return g_bytes_new (part->body, part->body_len);
    }
}

static Part *
part_new (GHashTable *headers,
          const char *body,
          gsize       body_len)
{
  Part *part = g_new0 (Part, 1);
  const char *type = g_hash_table_lookup (headers, "content-type");
  const char *encoding = g_hash_table_lookup (headers, "content-transfer-encoding");
  const char *location = g_hash_table_lookup (headers, "content-location");
  const char *id = g_hash_table_lookup (headers, "content-id");

  part->content_type = media_type (type);
  part->charset = header_parameter (type, "charset");
  if (location != NULL && *location != '\0')
    part->location = g_strdup (location);
  if (id != NULL)
    {
      gsize id_len = strlen (id);

      if (id_len >= 2 && id[0] == '<' && id[id_len - 1] == '>')
        part->content_id = g_strndup (id + 1, id_len - 2);
      else if (id_len > 0)
        part->content_id = g_strdup (id);
    }

  if (encoding != NULL && g_ascii_strncasecmp (encoding, "quoted-printable", 16) == 0)
    part->encoding = ENCODING_QUOTED_PRINTABLE;
  else if (encoding != NULL && g_ascii_strncasecmp (encoding, "base64", 6) == 0)
    part->encoding = ENCODING_BASE64;
  else
    part->encoding = ENCODING_IDENTITY;

  /* The line break before the next delimiter belongs to the delimiter. */
  if (body_len > 0 && body[body_len - 1] == '\n')
    body_len--;
  if (body_len > 0 && body[body_len - 1] == '\r')
    body_len--;
  part->body = body;
  part->body_len = body_len;

  return part;
}

static void
read_parts (Message    *message,
            const char *body,
            const char *end,
            const char *boundary)
{
  g_autofree char *delimiter = g_strconcat ("--", boundary, NULL);
  gsize delimiter_len = strlen (delimiter);
  const char *p = find_delimiter (body, end, delimiter, delimiter_len);

  while (p != NULL && message->parts->len < MAX_PARTS)
    {
      g_autoptr(GHashTable) headers = NULL;
      const char *after = p + delimiter_len;
      const char *part_start;
      const char *next;

      /* "--boundary--" closes the message. */
      if (after + 1 < end && after[0] == '-' && after[1] == '-')
        break;

      after = line_end (after, end);
      if (after >= end)
        break;
      after++;

      headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      part_start = read_headers (after, end, headers);
      next = find_delimiter (part_start, end, delimiter, delimiter_len);

      g_ptr_array_add (message->parts,
                       part_new (headers, part_start, (next != NULL ? next : end) - part_start));
      p = next;
    }
}

static void
index_parts (Message *message)
{
  for (guint i = 0; i < message->parts->len; i++)
    {
      Part *part = g_ptr_array_index (message->parts, i);

      if (part->location != NULL && !g_hash_table_contains (message->locations, part->location))
        g_hash_table_insert (message->locations, g_strdup (part->location), part);

      if (part->content_id != NULL)
        {
          g_autofree char *cid = g_strconcat ("cid:", part->content_id, NULL);

          if (!g_hash_table_contains (message->locations, cid))
            g_hash_table_insert (message->locations, g_steal_pointer (&cid), part);
        }
    }
}

static Part *
lookup_part (Message    *message,
             const char *src,
             const char *base)
{
  g_autofree char *resolved = NULL;
  Part *part;

  part = g_hash_table_lookup (message->locations, src);
  if (part != NULL || base == NULL)
    return part;

  resolved = g_uri_resolve_relative (base, src, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    return NULL;

  return g_hash_table_lookup (message->locations, resolved);
}

static GBytes *
resolve_part (gpointer     user_data,
              const char  *src,
              const char  *base_url,
              char       **content_type)
{
  Message *message = user_data;
  g_autoptr(GBytes) bytes = NULL;
  Part *part;
  const char *mime;

  part = lookup_part (message, src, message->html_location);
  if (part == NULL)
    part = lookup_part (message, src, base_url);
  if (part == NULL || g_str_has_prefix (part->content_type, "text/"))
    return NULL;

  if (part->body_len > GLOSS_IMPORT_MAX_IMAGE_SIZE * 4 / 3 + 1024)
    return NULL;

  bytes = decode_part (part);
  mime = gloss_import_image_mime_type (bytes);
  if (mime == NULL || message->total + g_bytes_get_size (bytes) > 4 * (gsize)GLOSS_IMPORT_MAX_IMAGE_SIZE)
    return NULL;

  message->total += g_bytes_get_size (bytes);
  *content_type = g_strdup (mime);

  return g_steal_pointer (&bytes);
}

static Part *
find_root_part (Message    *message,
                const char *start)
{
  /* RFC 2387: the "start" parameter names the root part by Content-ID;
   * without it, the first HTML part is the page (frames come later).
   */
  if (start != NULL)
    {
      g_autofree char *id = NULL;
      gsize len = strlen (start);

      if (len >= 2 && start[0] == '<' && start[len - 1] == '>')
        id = g_strndup (start + 1, len - 2);
      else
        id = g_strdup (start);

      for (guint i = 0; i < message->parts->len; i++)
        {
          Part *part = g_ptr_array_index (message->parts, i);

          if (g_strcmp0 (part->content_id, id) == 0)
            return part;
        }
    }

  for (guint i = 0; i < message->parts->len; i++)
    {
      Part *part = g_ptr_array_index (message->parts, i);

      if (strcmp (part->content_type, "text/html") == 0 ||
          strcmp (part->content_type, "application/xhtml+xml") == 0)
        return part;
    }

  return NULL;
}

GlossDocument *
gloss_import_mhtml (GBytes  *bytes,
                    GFile   *file,
                    GError **error)
{
  g_autoptr(GHashTable) headers = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GHashTable) locations = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autofree char *boundary = NULL;
  g_autofree char *start = NULL;
  const char *data;
  const char *end;
  const char *body;
  const char *type;
  const char *fallback_url = NULL;
  Message message = { 0, };
  Part *root;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (!gloss_import_check_bytes (bytes, file, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  end = data + len;

  headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  body = read_headers (data, end, headers);
  type = g_hash_table_lookup (headers, "content-type");

  parts = g_ptr_array_new_with_free_func (part_free);
  locations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  message.parts = parts;
  message.locations = locations;

  boundary = header_parameter (type, "boundary");
  if (type != NULL && g_ascii_strncasecmp (type, "multipart/", 10) == 0 &&
      boundary != NULL && *boundary != '\0')
    {
      start = header_parameter (type, "start");
      read_parts (&message, body, end, boundary);
    }
  else
    {
      /* A single-part message: the body is the page. */
      g_ptr_array_add (parts, part_new (headers, body, end - body));
    }

  index_parts (&message);
  root = find_root_part (&message, start);
  if (root == NULL)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                   _("“%s” is a saved web page without a page in it"), name);
      return NULL;
    }

  message.html_location = gloss_html_is_web_url (root->location) ? root->location : NULL;

  fallback_url = g_hash_table_lookup (headers, "snapshot-content-location");
  if (!gloss_html_is_web_url (fallback_url))
    fallback_url = message.html_location;

  html = decode_part (root);
  if (g_bytes_get_size (html) == 0)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                   _("No article text was found in “%s”"), name);
      return NULL;
    }

  return gloss_import_html_page (html, root->charset, file, fallback_url,
                                 resolve_part, &message, error);
}
