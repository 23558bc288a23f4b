/* gloss-import.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gloss-import-private.h"

/* How much of a file is looked at to decide whether it is text. */
#define SNIFF_SIZE (64 * 1024)

G_DEFINE_QUARK (gloss-import-error-quark, gloss_import_error)

char *
gloss_import_dup_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  if (file == NULL)
    return g_strdup (_("the article"));

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

static gboolean
has_prefix_len (const guint8 *data,
                gsize         len,
                const char   *prefix,
                gsize         prefix_len)
{
  return len >= prefix_len && memcmp (data, prefix, prefix_len) == 0;
}

static gboolean
has_utf16_bom (const guint8 *data,
               gsize         len)
{
  return has_prefix_len (data, len, "\xff\xfe", 2) ||
         has_prefix_len (data, len, "\xfe\xff", 2);
}

/* Well-known signatures of formats that can never be an article, so that
 * the message is right even when the header happens to be mostly ASCII.
 */
static gboolean
has_binary_signature (const guint8 *data,
                      gsize         len)
{
  static const struct {
    const char *magic;
    gsize       len;
  } signatures[] = {
    { "\x89PNG\r\n\x1a\n", 8 },
    { "\xff\xd8\xff", 3 },
    { "GIF87a", 6 },
    { "GIF89a", 6 },
    { "%PDF-", 5 },
    { "PK\x03\x04", 4 },
    { "\x1f\x8b", 2 },
    { "\x7f" "ELF", 4 },
    { "BZh", 3 },
    { "\xfd" "7zXZ", 5 },
    { "RIFF", 4 },
    { "OggS", 4 },
    { "ID3", 3 },
    { "\xd0\xcf\x11\xe0", 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    {
      if (has_prefix_len (data, len, signatures[i].magic, signatures[i].len))
        return TRUE;
    }

  return FALSE;
}

/* Text files may be in a legacy 8-bit encoding, so invalid UTF-8 alone does
 * not make a file binary; but when most of the sample is control characters
 * or bytes that are not UTF-8, it is not something a person can read.
 */
static gboolean
looks_binary (const guint8 *data,
              gsize         len)
{
  gsize sample = MIN (len, SNIFF_SIZE);
  gsize bad = 0;
  gsize i = 0;

  if (has_utf16_bom (data, len))
    return FALSE;

  if (has_binary_signature (data, len))
    return TRUE;

  if (memchr (data, '\0', sample) != NULL)
    return TRUE;

  while (i < sample)
    {
      const char *p = (const char *)data + i;
      guint8 c = data[i];

      if (c < 0x80)
        {
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b)
            bad++;
          else if (c == 0x7f)
            bad++;
          i++;
          continue;
        }

      /* A multi-byte sequence: valid ones are skipped whole; the sample
       * may cut a valid one at its end.
       */
      {
        gunichar uc = g_utf8_get_char_validated (p, sample - i);

        if (uc == (gunichar)-2)
          break;

        if (uc == (gunichar)-1)
          {
            bad++;
            i++;
          }
        else
          {
            i += g_utf8_skip[c];
          }
      }
    }

  return bad * 10 > sample * 3;
}

gboolean
gloss_import_check_bytes (GBytes  *bytes,
                          GFile   *file,
                          GError **error)
{
  g_autofree char *name = NULL;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &len);

  if (len > GLOSS_IMPORT_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (GLOSS_IMPORT_MAX_SIZE);

      name = gloss_import_dup_display_name (file);
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to open (%s; the limit is %s)"),
                   name, size, limit);
      return FALSE;
    }

  if (len == 0)
    {
      name = gloss_import_dup_display_name (file);
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty"), name);
      return FALSE;
    }

  /* A saved page in one MIME file may carry its images as raw bytes; its
   * page part is checked on its own once unpacked.
   */
  if (looks_binary (data, len) && !gloss_import_is_mhtml (bytes))
    {
      name = gloss_import_dup_display_name (file);
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_BINARY,
                   _("“%s” is not a text file: it looks like binary data (an image, archive or program)"),
                   name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0xFEFF)
        return FALSE;
    }

  return TRUE;
}

char *
gloss_import_decode_text (GBytes                *bytes,
                          GFile                 *file,
                          GlossDocumentBuilder  *builder,
                          GError               **error)
{
  g_autofree char *text = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (!gloss_import_check_bytes (bytes, file, error))
    return NULL;

  data = g_bytes_get_data (bytes, &len);

  if (has_utf16_bom ((const guint8 *)data, len))
    {
      const char *charset = data[0] == '\xff' ? "UTF-16LE" : "UTF-16BE";
      gsize written = 0;

      text = g_convert_with_fallback (data + 2, len - 2, "UTF-8", charset,
                                      "\xef\xbf\xbd", NULL, &written, NULL);
      if (text == NULL)
        {
          g_autofree char *name = gloss_import_dup_display_name (file);

          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_BINARY,
                       _("“%s” starts like UTF-16 text but cannot be decoded"),
                       name);
          return NULL;
        }
    }
  else
    {
      if (has_prefix_len ((const guint8 *)data, len, "\xef\xbb\xbf", 3))
        {
          data += 3;
          len -= 3;
        }

      if (g_utf8_validate_len (data, len, NULL))
        {
          text = g_strndup (data, len);
        }
      else
        {
          g_autofree char *name = gloss_import_dup_display_name (file);
          g_autofree char *notice = NULL;

          text = g_utf8_make_valid (data, len);
          notice = g_strdup_printf (_("Some bytes in “%s” were not valid UTF-8 text and were replaced with �"),
                                    name);
          if (builder != NULL)
            gloss_document_builder_add_notice (builder, notice);
        }
    }

  /* g_utf8_make_valid() and g_strndup() stop at embedded NUL bytes, which
   * looks_binary() has already refused.
   */
  if (is_blank (text))
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_EMPTY,
                   _("“%s” contains only white space"), name);
      return NULL;
    }

  return g_steal_pointer (&text);
}

/* Character encodings. */

/* The bytes 0x80 to 0x9F of windows-1252; the five that the code page
 * leaves undefined map to the C1 controls, as in the WHATWG Encoding
 * standard, so that decoding never fails.
 */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static char *
convert_windows_1252 (const char *data,
                      gsize       len)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar)data[i];

      if (c == 0)
        g_string_append_c (out, ' ');
      else if (c < 0x80)
        g_string_append_c (out, (char)c);
      else if (c < 0xA0)
        g_string_append_unichar (out, windows_1252_high[c - 0x80]);
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Maps the labels that pages use to the names iconv knows, following the
 * WHATWG Encoding standard where browsers decode differently from what a
 * label literally says (ISO-8859-1 means windows-1252, GB2312 means GBK).
 */
static const char *
canonical_charset (const char *label)
{
  static const struct {
    const char *label;
    const char *charset;
  } aliases[] = {
    { "utf-8", "UTF-8" }, { "utf8", "UTF-8" }, { "unicode-1-1-utf-8", "UTF-8" },
    { "x-unicode20utf8", "UTF-8" }, { "unicode20utf8", "UTF-8" },
    /* A page cannot declare UTF-16 from inside itself: without a byte
     * order mark, browsers read such pages as UTF-8.
     */
    { "utf-16", "UTF-8" }, { "utf-16le", "UTF-8" }, { "utf-16be", "UTF-8" },
    { "unicode", "UTF-8" }, { "ucs-2", "UTF-8" },
    { "iso-8859-1", "WINDOWS-1252" }, { "iso8859-1", "WINDOWS-1252" },
    { "iso_8859-1", "WINDOWS-1252" }, { "iso88591", "WINDOWS-1252" },
    { "latin1", "WINDOWS-1252" }, { "l1", "WINDOWS-1252" },
    { "cp819", "WINDOWS-1252" }, { "ibm819", "WINDOWS-1252" },
    { "us-ascii", "WINDOWS-1252" }, { "ascii", "WINDOWS-1252" },
    { "ansi_x3.4-1968", "WINDOWS-1252" }, { "windows-1252", "WINDOWS-1252" },
    { "cp1252", "WINDOWS-1252" }, { "x-cp1252", "WINDOWS-1252" },
    { "x-user-defined", "WINDOWS-1252" },
    { "iso-8859-9", "WINDOWS-1254" }, { "latin5", "WINDOWS-1254" },
    { "l5", "WINDOWS-1254" }, { "iso8859-9", "WINDOWS-1254" },
    { "tis-620", "WINDOWS-874" }, { "iso-8859-11", "WINDOWS-874" },
    { "gb2312", "GB18030" }, { "gbk", "GB18030" }, { "x-gbk", "GB18030" },
    { "gb_2312-80", "GB18030" }, { "chinese", "GB18030" }, { "csgb2312", "GB18030" },
    { "shift_jis", "CP932" }, { "shift-jis", "CP932" }, { "sjis", "CP932" },
    { "x-sjis", "CP932" }, { "ms_kanji", "CP932" }, { "windows-31j", "CP932" },
    { "ms932", "CP932" },
    { "euc-kr", "CP949" }, { "ks_c_5601-1987", "CP949" }, { "korean", "CP949" },
    { "windows-949", "CP949" },
    { "big5", "BIG5-HKSCS" }, { "x-x-big5", "BIG5-HKSCS" }, { "big5-hkscs", "BIG5-HKSCS" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      if (g_ascii_strcasecmp (label, aliases[i].label) == 0)
        return aliases[i].charset;
    }

  return label;
}

static gboolean
is_single_byte_charset (const char *charset)
{
  return g_ascii_strncasecmp (charset, "WINDOWS-12", 10) == 0 ||
         g_ascii_strcasecmp (charset, "WINDOWS-874") == 0 ||
         g_ascii_strncasecmp (charset, "ISO-8859-", 9) == 0 ||
         g_ascii_strncasecmp (charset, "KOI8", 4) == 0;
}

char *
gloss_import_convert (const char *data,
                      gsize       len,
                      const char *charset,
                      gboolean   *replaced)
{
  const char *name;
  GIConv cd;
  GString *out;
  char buffer[8192];
  char *in = (char *)data;
  gsize in_left = len;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (charset != NULL, NULL);
  g_return_val_if_fail (replaced != NULL, NULL);

  name = canonical_charset (charset);

  if (g_ascii_strcasecmp (name, "UTF-8") == 0)
    {
      if (g_utf8_validate_len (data, len, NULL))
        return g_strndup (data, len);
      *replaced = TRUE;
      return g_utf8_make_valid (data, len);
    }

  if (g_ascii_strcasecmp (name, "WINDOWS-1252") == 0)
    return convert_windows_1252 (data, len);

  cd = g_iconv_open ("UTF-8", name);
  if (cd == (GIConv)-1)
    return NULL;

  out = g_string_sized_new (len + len / 2 + 16);

  /* g_convert() gives up at the first invalid sequence; a page with one bad
   * byte must still open, so each one is replaced and skipped.
   */
  while (in_left > 0)
    {
      char *out_p = buffer;
      gsize out_left = sizeof buffer;
      gsize result;

      result = g_iconv (cd, &in, &in_left, &out_p, &out_left);
      g_string_append_len (out, buffer, out_p - buffer);

      if (result != (gsize)-1 || errno == E2BIG)
        continue;

      g_string_append (out, "\xef\xbf\xbd");
      *replaced = TRUE;

      /* EINVAL is a sequence cut off by the end of the input; anything
       * but EILSEQ cannot be recovered from, and what was decoded stays.
       */
      if (errno != EILSEQ)
        break;

      in++;
      in_left--;
      /* Leave any shift state the bad sequence left behind. */
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }

  /* Stateful encodings may have a final shift sequence to write. */
  {
    char *out_p = buffer;
    gsize out_left = sizeof buffer;

    g_iconv (cd, NULL, NULL, &out_p, &out_left);
    g_string_append_len (out, buffer, out_p - buffer);
  }

  g_iconv_close (cd);

  /* iconv writes valid UTF-8, but a converter that passes through NUL
   * bytes would cut the text short; those are replaced as well.
   */
  for (gsize i = 0; i < out->len; i++)
    {
      if (out->str[i] == '\0')
        {
          out->str[i] = ' ';
          *replaced = TRUE;
        }
    }

  return g_string_free (out, FALSE);
}

static char *
find_declared_charset (const char *data,
                       gsize       len)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *head = NULL;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled =
        g_regex_new ("<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)"
                     "|<\\?xml[^>]+encoding\\s*=\\s*[\"']([A-Za-z0-9_.:-]+)",
                     G_REGEX_CASELESS | G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&regex, compiled);
    }

  /* Browsers look for the declaration in the first kilobyte; pages with
   * long scripts in <head> push it further, so a little more is read. A
   * NUL byte would end the search early, which is harmless.
   */
  head = g_strndup (data, MIN (len, (gsize)8192));
  if (!g_regex_match (regex, head, 0, &match))
    return NULL;

  for (int group = 1; group <= 2; group++)
    {
      g_autofree char *value = g_match_info_fetch (match, group);

      if (value != NULL && *value != '\0')
        return g_steal_pointer (&value);
    }

  return NULL;
}

/* Charset labels are short ASCII names; anything else is noise. */
static gboolean
is_charset_label (const char *label)
{
  gsize len;

  if (label == NULL)
    return FALSE;

  len = strlen (label);
  if (len == 0 || len > 40)
    return FALSE;

  for (const char *p = label; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-_.:", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* g_utf8_validate_len(), with runs of ASCII skipped eight bytes at a
 * time: a page is mostly markup, and validating it byte by byte costs a
 * noticeable part of importing a large one. Every other byte, and every
 * multi-byte sequence, is left to GLib, so the answer is the same,
 * including for nul bytes, which GLib does not accept.
 */
static gboolean
utf8_validate_fast (const char *data,
                    gsize       len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      guchar byte;
      gsize n;

      if (end - p >= 8)
        {
          guint64 word;

          memcpy (&word, p, sizeof word);
          /* No byte with its high bit set, and no nul byte. */
          if (((word | ((word - ones) & ~word)) & high) == 0)
            {
              p += 8;
              continue;
            }
        }

      byte = (guchar)*p;
      if (byte >= 0x01 && byte < 0x80)
        {
          p++;
          continue;
        }

      if (byte >= 0xC2 && byte <= 0xDF)
        n = 2;
      else if (byte >= 0xE0 && byte <= 0xEF)
        n = 3;
      else if (byte >= 0xF0 && byte <= 0xF4)
        n = 4;
      else
        return FALSE;

      if ((gsize)(end - p) < n || !g_utf8_validate_len (p, n, NULL))
        return FALSE;
      p += n;
    }

  return TRUE;
}

static gboolean
has_multibyte_utf8 (const char *data,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar)data[i] >= 0xC2)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_blank_len (const char *text,
              gsize       len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p++)
    {
      guchar c = (guchar)*p;

      /* Any byte that is not ASCII white space starts something visible,
       * or at worst white space that the builder collapses anyway.
       */
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v')
        return FALSE;
    }

  return TRUE;
}

GBytes *
gloss_import_decode_html (GBytes                *bytes,
                          const char            *transport_charset,
                          GFile                 *file,
                          GlossDocumentBuilder  *builder,
                          GError               **error)
{
  g_autofree char *declared = NULL;
  g_autoptr(GBytes) result = NULL;
  const char *charset = NULL;
  const char *data;
  gboolean replaced = FALSE;
  gboolean valid_utf8;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  /* Byte order marks win over everything else. */
  if (has_prefix_len ((const guint8 *)data, len, "\xef\xbb\xbf", 3) ||
      has_utf16_bom ((const guint8 *)data, len))
    {
      char *text = gloss_import_decode_text (bytes, file, builder, error);

      return text != NULL ? g_bytes_new_take (text, strlen (text)) : NULL;
    }

  if (!gloss_import_check_bytes (bytes, file, error))
    return NULL;

  valid_utf8 = utf8_validate_fast (data, len);

  if (is_charset_label (transport_charset))
    charset = transport_charset;
  else if ((declared = find_declared_charset (data, len)) != NULL)
    charset = declared;

  /* A page re-saved as UTF-8 by some tool often keeps its old legacy
   * declaration; text in a single-byte encoding is practically never
   * valid UTF-8 with multi-byte sequences, so such bytes are read as
   * UTF-8.
   */
  if (charset != NULL && is_single_byte_charset (canonical_charset (charset)) &&
      valid_utf8 && has_multibyte_utf8 (data, len))
    charset = "UTF-8";

  if (charset == NULL)
    charset = valid_utf8 ? "UTF-8" : "WINDOWS-1252";

  if (valid_utf8 && g_ascii_strcasecmp (canonical_charset (charset), "UTF-8") == 0)
    {
      /* The common case: the page is already what the parser wants, and
       * a large page is not copied.
       */
      result = g_bytes_ref (bytes);
    }
  else
    {
      char *text = gloss_import_convert (data, len, charset, &replaced);

      if (text == NULL)
        {
          /* An encoding this system does not know: guess as for an
           * undeclared page, and say so.
           */
          g_autofree char *name = gloss_import_dup_display_name (file);
          g_autofree char *notice = NULL;
          const char *guess = valid_utf8 ? "UTF-8" : "WINDOWS-1252";

          notice = g_strdup_printf (_("“%s” declares the unknown character encoding “%s”; it was read as %s"),
                                    name, charset, guess);
          if (builder != NULL)
            gloss_document_builder_add_notice (builder, notice);
          text = gloss_import_convert (data, len, guess, &replaced);
          charset = guess;
        }

      result = g_bytes_new_take (text, strlen (text));
    }

  if (replaced && builder != NULL)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);
      g_autofree char *notice = NULL;

      notice = g_strdup_printf (_("Some bytes in “%s” were not valid %s text and were replaced with �"),
                                name, canonical_charset (charset));
      gloss_document_builder_add_notice (builder, notice);
    }

  data = g_bytes_get_data (result, &len);
  if (is_blank_len (data, len))
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_EMPTY,
                   _("“%s” contains only white space"), name);
      return NULL;
    }

  return g_steal_pointer (&result);
}

char *
gloss_import_normalize_language (const char *tag)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *copy = NULL;
  char *end;

  if (tag == NULL)
    return NULL;

  /* "en-GB, en" (Content-Language may list several): the first one. */
  copy = g_strdup (tag);
  end = strpbrk (copy, ",;");
  if (end != NULL)
    *end = '\0';
  g_strstrip (copy);
  g_strdelimit (copy, "_", '-');

  if (*copy == '\0' || strlen (copy) > 35)
    return NULL;

  parts = g_strsplit (copy, "-", -1);
  out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0 || len > 8)
        return NULL;
      for (const char *p = parts[i]; *p; p++)
        {
          if (!g_ascii_isalnum (*p))
            return NULL;
        }

      if (i > 0)
        g_string_append_c (out, '-');

      if (i == 0)
        {
          g_autofree char *lower = g_ascii_strdown (parts[i], -1);

          /* The primary language subtag is letters only. */
          for (const char *p = lower; *p; p++)
            {
              if (!g_ascii_isalpha (*p))
                return NULL;
            }
          g_string_append (out, lower);
        }
      else if (len == 2)
        {
          g_autofree char *upper = g_ascii_strup (parts[i], -1);

          g_string_append (out, upper);
        }
      else if (len == 4)
        {
          g_autofree char *lower = g_ascii_strdown (parts[i], -1);

          lower[0] = g_ascii_toupper (lower[0]);
          g_string_append (out, lower);
        }
      else
        {
          g_autofree char *lower = g_ascii_strdown (parts[i], -1);

          g_string_append (out, lower);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
gloss_import_image_mime_type (GBytes *bytes)
{
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);

  /* The bytes decide, not the name: a saved page may call anything
   * "image.jpg", and only formats that are pictures and nothing else are
   * let into the reading view (an SVG document can carry scripts).
   */
  if (has_prefix_len (data, len, "\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (has_prefix_len (data, len, "\xff\xd8\xff", 3))
    return "image/jpeg";
  if (has_prefix_len (data, len, "GIF87a", 6) || has_prefix_len (data, len, "GIF89a", 6))
    return "image/gif";
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return "image/webp";
  if (len >= 12 && memcmp (data + 4, "ftyp", 4) == 0 &&
      (memcmp (data + 8, "avif", 4) == 0 || memcmp (data + 8, "avis", 4) == 0))
    return "image/avif";
  if (has_prefix_len (data, len, "BM", 2) && len > 26)
    return "image/bmp";

  return NULL;
}

static int
parse_month (const char *name)
{
  static const char *months[] = {
    "jan", "feb", "mar", "apr", "may", "jun",
    "jul", "aug", "sep", "oct", "nov", "dec",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (g_str_has_prefix (lower, months[i]))
        return i + 1;
    }

  return 0;
}

static char *
format_date (int year,
             int month,
             int day)
{
  if (!g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static GRegex *
compile_once (GRegex      **regex,
              const char   *pattern,
              GRegexCompileFlags flags)
{
  if (g_once_init_enter (regex))
    {
      GRegex *compiled = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (regex, compiled);
    }

  return *regex;
}

#define MONTH_NAMES \
  "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|" \
  "Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?"

char *
gloss_import_parse_date (const char *text)
{
  static GRegex *iso_regex;
  static GRegex *mdy_regex;
  static GRegex *dmy_regex;
  static GRegex *slash_regex;
  g_autoptr(GMatchInfo) match = NULL;
  GRegex *iso;
  GRegex *mdy;
  GRegex *dmy;
  GRegex *slash;

  if (text == NULL)
    return NULL;

  while (g_ascii_isspace (*text))
    text++;

  /* Long strings are not dates; the patterns below only need the start of
   * a line or attribute.
   */
  if (strlen (text) > 200)
    return NULL;

  /* A full ISO 8601 date-time is kept as it is, minus stray spaces. */
  {
    g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

    if (dt != NULL)
      {
        g_autofree char *copy = g_strdup (text);

        return g_strstrip (g_steal_pointer (&copy));
      }
  }

  iso = compile_once (&iso_regex,
                      "\\b(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)(Z|[+-]\\d{2}:?\\d{2})?)?",
                      0);
  if (g_regex_match (iso, text, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      g_autofree char *date = format_date (atoi (y), atoi (m), atoi (d));

      if (date != NULL)
        {
          g_autofree char *time = g_match_info_fetch (match, 4);
          g_autofree char *zone = g_match_info_fetch (match, 5);

          if (time != NULL && *time != '\0')
            {
              if (strlen (time) == 5)
                return g_strconcat (date, "T", time, ":00", zone, NULL);
              return g_strconcat (date, "T", time, zone, NULL);
            }
          return g_steal_pointer (&date);
        }
    }
  g_clear_pointer (&match, g_match_info_free);

  mdy = compile_once (&mdy_regex,
                      "\\b" MONTH_NAMES "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b",
                      G_REGEX_CASELESS);
  if (g_regex_match (mdy, text, 0, &match))
    {
      g_autofree char *m = g_match_info_fetch (match, 1);
      g_autofree char *d = g_match_info_fetch (match, 2);
      g_autofree char *y = g_match_info_fetch (match, 3);
      char *date = format_date (atoi (y), parse_month (m), atoi (d));

      if (date != NULL)
        return date;
    }
  g_clear_pointer (&match, g_match_info_free);

  dmy = compile_once (&dmy_regex,
                      "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" MONTH_NAMES ",?\\s+(\\d{4})\\b",
                      G_REGEX_CASELESS);
  if (g_regex_match (dmy, text, 0, &match))
    {
      g_autofree char *d = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *y = g_match_info_fetch (match, 3);
      char *date = format_date (atoi (y), parse_month (m), atoi (d));

      if (date != NULL)
        return date;
    }
  g_clear_pointer (&match, g_match_info_free);

  /* "2025/05/18" and "2025.05.18"; day-first and month-first numeric
   * dates are ambiguous and left alone.
   */
  slash = compile_once (&slash_regex, "\\b(\\d{4})[/.](\\d{1,2})[/.](\\d{1,2})\\b", 0);
  if (g_regex_match (slash, text, 0, &match))
    {
      g_autofree char *y = g_match_info_fetch (match, 1);
      g_autofree char *m = g_match_info_fetch (match, 2);
      g_autofree char *d = g_match_info_fetch (match, 3);
      char *date = format_date (atoi (y), atoi (m), atoi (d));

      if (date != NULL)
        return date;
    }

  return NULL;
}

static gboolean
has_extension (const char *filename,
               const char * const *extensions)
{
  const char *dot = strrchr (filename, '.');

  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;

  for (guint i = 0; extensions[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (dot + 1, extensions[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
sniff_html (const char *data,
            gsize       len)
{
  g_autofree char *head = NULL;
  const char *p;
  static const char *starts[] = {
    "<!doctype html", "<html", "<head", "<body", "<?xml", "<!--", "<meta",
    "<title", NULL,
  };
  static const char *inside[] = {
    "<html", "<body", "<div", "<p>", "<p ", "<article", "<h1", "<br>",
    "<!doctype html", NULL,
  };

  head = g_ascii_strdown (data, MIN (len, (gsize)4096));
  p = head;

  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;
  while (g_ascii_isspace (*p))
    p++;

  for (guint i = 0; starts[i] != NULL; i++)
    {
      if (g_str_has_prefix (p, starts[i]))
        return TRUE;
    }

  for (guint i = 0; inside[i] != NULL; i++)
    {
      if (strstr (p, inside[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
sniff_markdown (const char *data,
                gsize       len)
{
  g_autofree char *head = g_strndup (data, MIN (len, (gsize)8192));
  g_autoptr(GRegex) regex = NULL;

  if (g_str_has_prefix (head, "---\n") || g_str_has_prefix (head, "---\r\n"))
    return TRUE;

  /* ATX headings, fenced code and inline links are rare in plain text. */
  regex = g_regex_new ("(^|\\n)(#{1,6} \\S|```)|\\]\\((https?://|/|\\.)[^)\\s]*\\)",
                       0, 0, NULL);

  return g_regex_match (regex, head, 0, NULL);
}

GlossDocumentFormat
gloss_import_guess_format (const char *filename,
                           GBytes     *bytes)
{
  static const char *html_ext[] = { "html", "htm", "xhtml", "shtml", "xht", "mhtml", "mht", NULL };
  static const char *md_ext[] = { "md", "markdown", "mdown", "mkd", "mkdn", "mdwn", NULL };
  static const char *text_ext[] = { "txt", "text", NULL };
  const char *data = NULL;
  gsize len = 0;

  if (filename != NULL)
    {
      if (has_extension (filename, html_ext))
        return GLOSS_DOCUMENT_FORMAT_HTML;
      if (has_extension (filename, md_ext))
        return GLOSS_DOCUMENT_FORMAT_MARKDOWN;
      if (has_extension (filename, text_ext))
        return GLOSS_DOCUMENT_FORMAT_TEXT;
    }

  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &len);

  if (data == NULL || len == 0)
    return GLOSS_DOCUMENT_FORMAT_TEXT;

  if (sniff_html (data, len) || gloss_import_is_mhtml (bytes))
    return GLOSS_DOCUMENT_FORMAT_HTML;

  if (sniff_markdown (data, len))
    return GLOSS_DOCUMENT_FORMAT_MARKDOWN;

  return GLOSS_DOCUMENT_FORMAT_TEXT;
}

GlossDocument *
gloss_import_bytes (GBytes               *bytes,
                    GlossDocumentFormat   format,
                    GFile                *file,
                    GError              **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!gloss_import_check_bytes (bytes, file, error))
    return NULL;

  switch (format)
    {
    case GLOSS_DOCUMENT_FORMAT_HTML:
      return gloss_import_html (bytes, file, error);

    case GLOSS_DOCUMENT_FORMAT_MARKDOWN:
      return gloss_import_markdown (bytes, file, error);

    case GLOSS_DOCUMENT_FORMAT_TEXT:
      return gloss_import_text (bytes, file, error);

    default:
      {
        g_autofree char *name = gloss_import_dup_display_name (file);

        g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNSUPPORTED,
                     _("Gloss cannot read the format of “%s”"), name);
        return NULL;
      }
    }
}

GlossDocument *
gloss_import_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *basename = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refuse a huge file before reading it into memory. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL)
    {
      g_autofree char *name = NULL;

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          name = gloss_import_dup_display_name (file);
          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_UNSUPPORTED,
                       _("“%s” is a folder, not an article"), name);
          return NULL;
        }

      if (g_file_info_get_size (info) > GLOSS_IMPORT_MAX_SIZE)
        {
          g_autofree char *size = g_format_size (g_file_info_get_size (info));
          g_autofree char *limit = g_format_size (GLOSS_IMPORT_MAX_SIZE);

          name = gloss_import_dup_display_name (file);
          g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_TOO_LARGE,
                       _("“%s” is too large to open (%s; the limit is %s)"),
                       name, size, limit);
          return NULL;
        }
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, error))
    return NULL;

  bytes = g_bytes_new_take (contents, len);
  basename = g_file_get_basename (file);

  return gloss_import_bytes (bytes,
                             gloss_import_guess_format (basename, bytes),
                             file,
                             error);
}

static void
import_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  GlossDocument *document;

  document = gloss_import_file (file, cancellable, &error);

  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

void
gloss_import_file_async (GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_import_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, import_file_thread);
}

GlossDocument *
gloss_import_file_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
