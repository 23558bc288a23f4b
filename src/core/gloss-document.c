/* gloss-document.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-document.h"

struct _GlossDocument
{
  GObject              parent_instance;

  GlossDocumentFormat  format;
  char                *text;
  gsize                text_len;
  guint                length;
  char                *text_hash;
  GPtrArray           *blocks; /* (element-type GlossBlock) */

  char                *title;
  char                *byline;
  char                *published;
  char                *site_name;
  char                *language;
  char                *url;
  GFile               *file;
  guint                reading_time;
  GStrv                notices;
  GPtrArray           *images; /* (element-type GlossImage) */
  GHashTable          *resources; /* name -> Resource */
  GPtrArray           *toc; /* (element-type GlossTocEntry) */
};

/* The documents keep at most this many bytes of resources. */
#define MAX_RESOURCES_SIZE (64 * 1024 * 1024)

typedef struct {
  GBytes *bytes;
  char   *content_type;
} Resource;

G_DEFINE_FINAL_TYPE (GlossDocument, gloss_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_TITLE,
  PROP_FILE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_span_free (gpointer data)
{
  GlossSpan *span = data;

  g_free (span->href);
  g_free (span);
}

static void
gloss_image_free (gpointer data)
{
  GlossImage *image = data;

  g_free (image->resource);
  g_free (image->alt);
  g_free (image);
}

static void
gloss_toc_entry_free (gpointer data)
{
  GlossTocEntry *entry = data;

  g_free (entry->title);
  g_free (entry);
}

static void
resource_free (gpointer data)
{
  Resource *resource = data;

  g_bytes_unref (resource->bytes);
  g_free (resource->content_type);
  g_free (resource);
}

static void
gloss_block_free (gpointer data)
{
  GlossBlock *block = data;

  g_clear_pointer (&block->spans, g_ptr_array_unref);
  g_free (block);
}

static void
gloss_document_finalize (GObject *object)
{
  GlossDocument *self = (GlossDocument *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->text_hash, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->byline, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->file);
  g_clear_pointer (&self->notices, g_strfreev);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->resources, g_hash_table_unref);
  g_clear_pointer (&self->toc, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_document_parent_class)->finalize (object);
}

static void
gloss_document_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossDocument *self = GLOSS_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_FORMAT:
      g_value_set_int (value, self->format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_document_class_init (GlossDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_document_finalize;
  object_class->get_property = gloss_document_get_property;

  /**
   * GlossDocument:text:
   *
   * The normalized text of the document: blocks separated by blank lines.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossDocument:title:
   *
   * The title of the article, or %NULL when none was found.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossDocument:file:
   *
   * The file the document was imported from, or %NULL.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * GlossDocument:format:
   *
   * The #GlossDocumentFormat the document was imported from.
   */
  properties[PROP_FORMAT] =
    g_param_spec_int ("format", NULL, NULL,
                      GLOSS_DOCUMENT_FORMAT_TEXT, GLOSS_DOCUMENT_FORMAT_MARKDOWN,
                      GLOSS_DOCUMENT_FORMAT_TEXT,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_document_init (GlossDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func (gloss_block_free);
}

const char *
gloss_document_get_text (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->text;
}

guint
gloss_document_get_length (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->length;
}

const char *
gloss_document_get_text_hash (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  /* Computed on first use: only notes need it, and hashing a large text
   * costs as much as a good part of the import. The document is otherwise
   * immutable and shared between threads, hence the once-guard.
   */
  if (g_once_init_enter (&self->text_hash))
    {
      g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                          (const guchar *)self->text,
                                                          self->text_len);

      g_once_init_leave (&self->text_hash, g_strconcat ("sha256:", hash, NULL));
    }

  return self->text_hash;
}

guint
gloss_document_get_n_blocks (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->blocks->len;
}

const GlossBlock *
gloss_document_get_block (GlossDocument *self,
                          guint          index)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, index);
}

int
gloss_document_find_block (GlossDocument *self,
                           guint          offset)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), -1);

  hi = self->blocks->len;

  /* Finds the first block whose end is past @offset: it either contains
   * @offset or follows the gap that @offset falls in.
   */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const GlossBlock *block = g_ptr_array_index (self->blocks, mid);

      if (block->end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo >= self->blocks->len)
    return -1;

  return (int)lo;
}

/* Returns the byte offset of code point @offset in the text, walking from
 * the start of the last block that begins at or before it, so that the cost
 * is bounded by one block rather than by the whole text.
 */
static gsize
gloss_document_byte_offset (GlossDocument *self,
                            guint          offset)
{
  guint lo = 0;
  guint hi = self->blocks->len;
  guint cp_base = 0;
  gsize byte_base = 0;
  const char *p;
  const char *text_end;

  if (offset >= self->length)
    return self->text_len;

  /* Last block with start <= offset. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const GlossBlock *block = g_ptr_array_index (self->blocks, mid);

      if (block->start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  if (lo > 0)
    {
      const GlossBlock *block = g_ptr_array_index (self->blocks, lo - 1);

      cp_base = block->start;
      byte_base = block->byte_start;
    }

  p = self->text + byte_base;
  text_end = self->text + self->text_len;
  for (guint i = cp_base; i < offset && p < text_end; i++)
    p = g_utf8_next_char (p);

  return (gsize)(p - self->text);
}

char *
gloss_document_dup_slice (GlossDocument *self,
                          guint          start,
                          guint          end)
{
  gsize byte_start;
  gsize byte_end;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  end = MIN (end, self->length);
  start = MIN (start, end);

  byte_start = gloss_document_byte_offset (self, start);
  byte_end = gloss_document_byte_offset (self, end);

  return g_strndup (self->text + byte_start, byte_end - byte_start);
}

guint
gloss_document_offset_from_utf16 (GlossDocument *self,
                                  guint          index,
                                  guint          utf16_offset)
{
  const GlossBlock *block;
  const char *p;
  guint units = 0;
  guint offset;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (index < self->blocks->len, 0);

  block = g_ptr_array_index (self->blocks, index);
  p = self->text + block->byte_start;
  offset = block->start;

  /* An offset that points between the two halves of a surrogate pair is
   * rounded down to the character: a selection never splits an emoji.
   */
  while (offset < block->end)
    {
      gunichar c = g_utf8_get_char (p);
      guint width = c > 0xFFFF ? 2 : 1;

      if (units + width > utf16_offset)
        break;

      units += width;
      offset++;
      p = g_utf8_next_char (p);
    }

  return offset;
}

guint
gloss_document_offset_to_utf16 (GlossDocument *self,
                                guint          index,
                                guint          offset)
{
  const GlossBlock *block;
  const char *p;
  guint units = 0;
  guint limit;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (index < self->blocks->len, 0);

  block = g_ptr_array_index (self->blocks, index);
  p = self->text + block->byte_start;
  limit = CLAMP (offset, block->start, block->end);

  for (guint i = block->start; i < limit; i++)
    {
      gunichar c = g_utf8_get_char (p);

      units += c > 0xFFFF ? 2 : 1;
      p = g_utf8_next_char (p);
    }

  return units;
}

GlossDocumentFormat
gloss_document_get_format (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), GLOSS_DOCUMENT_FORMAT_TEXT);

  return self->format;
}

const char *
gloss_document_get_title (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->title;
}

const char *
gloss_document_get_byline (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->byline;
}

const char *
gloss_document_get_published (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->published;
}

const char *
gloss_document_get_site_name (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->site_name;
}

const char *
gloss_document_get_language (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->language;
}

const char *
gloss_document_get_url (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->url;
}

GFile *
gloss_document_get_file (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return self->file;
}

guint
gloss_document_get_reading_time (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->reading_time;
}

const char * const *
gloss_document_get_notices (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);

  return (const char * const *)self->notices;
}

guint
gloss_document_get_n_images (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->images != NULL ? self->images->len : 0;
}

const GlossImage *
gloss_document_get_image (GlossDocument *self,
                          guint          index)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->images != NULL && index < self->images->len, NULL);

  return g_ptr_array_index (self->images, index);
}

guint
gloss_document_get_n_toc_entries (GlossDocument *self)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), 0);

  return self->toc != NULL ? self->toc->len : 0;
}

const GlossTocEntry *
gloss_document_get_toc_entry (GlossDocument *self,
                              guint          index)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (self->toc != NULL && index < self->toc->len, NULL);

  return g_ptr_array_index (self->toc, index);
}

GBytes *
gloss_document_lookup_resource (GlossDocument  *self,
                                const char     *name,
                                char          **content_type)
{
  Resource *resource;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (content_type != NULL)
    *content_type = NULL;

  if (self->resources == NULL)
    return NULL;

  resource = g_hash_table_lookup (self->resources, name);
  if (resource == NULL)
    return NULL;

  if (content_type != NULL)
    *content_type = g_strdup (resource->content_type);

  return g_bytes_ref (resource->bytes);
}

/* The builder. */

typedef struct {
  GlossSpanKind  kind;
  char          *href;
  guint          start;
  gboolean       started;
} OpenSpan;

struct _GlossDocumentBuilder
{
  GlossDocumentFormat  format;

  GString             *text;
  guint                length;
  GPtrArray           *blocks;

  /* The block being built. */
  gboolean             in_block;
  gboolean             has_content;
  gboolean             pending_space;
  GString             *pending_pre;
  GlossBlockKind       kind;
  guint                level;
  gboolean             ordered;
  guint                block_start;
  gsize                block_byte_start;
  GPtrArray           *spans;
  GArray              *open_spans; /* (element-type OpenSpan) */

  char                *title;
  char                *byline;
  char                *published;
  char                *site_name;
  char                *language;
  char                *url;
  guint                reading_time;
  GPtrArray           *notices;
  GPtrArray           *images;
  GHashTable          *resources;
  gsize                resources_size;
  GPtrArray           *toc_titles;
};

static void
open_span_clear (gpointer data)
{
  OpenSpan *span = data;

  g_clear_pointer (&span->href, g_free);
}

GlossDocumentBuilder *
gloss_document_builder_new (GlossDocumentFormat format)
{
  GlossDocumentBuilder *builder = g_new0 (GlossDocumentBuilder, 1);

  builder->format = format;
  builder->text = g_string_new (NULL);
  builder->blocks = g_ptr_array_new_with_free_func (gloss_block_free);
  builder->pending_pre = g_string_new (NULL);
  builder->open_spans = g_array_new (FALSE, TRUE, sizeof (OpenSpan));
  g_array_set_clear_func (builder->open_spans, open_span_clear);
  builder->notices = g_ptr_array_new_with_free_func (g_free);
  builder->images = g_ptr_array_new_with_free_func (gloss_image_free);
  builder->resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, resource_free);
  builder->toc_titles = g_ptr_array_new_with_free_func (g_free);

  return builder;
}

void
gloss_document_builder_free (GlossDocumentBuilder *builder)
{
  if (builder == NULL)
    return;

  if (builder->text != NULL)
    g_string_free (builder->text, TRUE);
  g_clear_pointer (&builder->blocks, g_ptr_array_unref);
  g_string_free (builder->pending_pre, TRUE);
  g_clear_pointer (&builder->spans, g_ptr_array_unref);
  g_array_unref (builder->open_spans);
  g_free (builder->title);
  g_free (builder->byline);
  g_free (builder->published);
  g_free (builder->site_name);
  g_free (builder->language);
  g_free (builder->url);
  g_clear_pointer (&builder->notices, g_ptr_array_unref);
  g_clear_pointer (&builder->images, g_ptr_array_unref);
  g_clear_pointer (&builder->resources, g_hash_table_unref);
  g_clear_pointer (&builder->toc_titles, g_ptr_array_unref);
  g_free (builder);
}

static gboolean
is_collapsible_space (gunichar c)
{
  /* g_unichar_isspace() covers ASCII whitespace and the Unicode space,
   * line and paragraph separators, which includes the no-break spaces.
   */
  return g_unichar_isspace (c);
}

static gboolean
is_dropped_char (gunichar c)
{
  /* Control characters cannot be shown and are not valid in the reader
   * page; a byte order mark in the middle of the text is invisible noise.
   */
  if (c == 0xFEFF)
    return TRUE;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return !g_unichar_isspace (c);
  return FALSE;
}

static void
builder_emit_char (GlossDocumentBuilder *builder,
                   const char           *p,
                   gsize                 len)
{
  if (!builder->has_content)
    {
      if (builder->blocks->len > 0)
        {
          g_string_append (builder->text, "\n\n");
          builder->length += 2;
        }
      builder->has_content = TRUE;
      builder->block_start = builder->length;
      builder->block_byte_start = builder->text->len;
    }

  if (builder->pending_space)
    {
      g_string_append_c (builder->text, ' ');
      builder->length++;
      builder->pending_space = FALSE;
    }
  else if (builder->pending_pre->len > 0)
    {
      g_string_append_len (builder->text,
                           builder->pending_pre->str,
                           builder->pending_pre->len);
      builder->length += g_utf8_strlen (builder->pending_pre->str,
                                        builder->pending_pre->len);
      g_string_truncate (builder->pending_pre, 0);
    }

  /* Spans start at their first visible character, so that whitespace that
   * was collapsed before them never belongs to them.
   */
  for (guint i = 0; i < builder->open_spans->len; i++)
    {
      OpenSpan *span = &g_array_index (builder->open_spans, OpenSpan, i);

      if (!span->started)
        {
          span->started = TRUE;
          span->start = builder->length;
        }
    }

  g_string_append_len (builder->text, p, len);
  builder->length++;
}

static inline gboolean
is_ascii_space (guchar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static gboolean
open_spans_started (GlossDocumentBuilder *builder)
{
  for (guint i = 0; i < builder->open_spans->len; i++)
    {
      if (!g_array_index (builder->open_spans, OpenSpan, i).started)
        return FALSE;
    }

  return TRUE;
}

static void
builder_append_normalized (GlossDocumentBuilder *builder,
                           const char           *text,
                           gsize                 len)
{
  const char *p = text;
  const char *end = text + len;
  gboolean pre = builder->kind == GLOSS_BLOCK_PREFORMATTED;

  while (p < end)
    {
      gunichar c;
      const char *next;

      /* A run of ASCII outside preformatted text needs no decoding and
       * no normalization; white space is collapsed as it goes, and the
       * visible characters between spaces are appended in one go.
       */
      if (!pre && builder->has_content && builder->pending_pre->len == 0 &&
          (guchar)*p < 0x7F && ((guchar)*p > 0x20 || is_ascii_space (*p)) &&
          open_spans_started (builder))
        {
          while (p < end)
            {
              guchar byte = (guchar)*p;

              if (byte > 0x20 && byte < 0x7F)
                {
                  const char *run = p;
                  gsize n;

                  if (builder->pending_space)
                    {
                      g_string_append_c (builder->text, ' ');
                      builder->length++;
                      builder->pending_space = FALSE;
                    }

                  /* Words and the single spaces between them need no
                   * collapsing: the whole run goes in at once.
                   */
                  while (p < end)
                    {
                      if ((guchar)*p > 0x20 && (guchar)*p < 0x7F)
                        p++;
                      else if (*p == ' ' && p + 1 < end && (guchar)p[1] > 0x20 && (guchar)p[1] < 0x7F)
                        p += 2;
                      else
                        break;
                    }
                  n = p - run;
                  g_string_append_len (builder->text, run, n);
                  builder->length += n;
                }
              else if (is_ascii_space (byte))
                {
                  builder->pending_space = TRUE;
                  p++;
                }
              else
                {
                  break;
                }
            }
          continue;
        }

      c = g_utf8_get_char (p);
      next = g_utf8_next_char (p);

      if (is_dropped_char (c))
        {
          /* Nothing. */
        }
      else if (pre && (c == '\n' || c == '\r' || c == '\t' || c == ' '))
        {
          /* Preformatted text keeps its lines and indentation, but the
           * blank lines and spaces at its edges are trimmed like any other
           * block's, so it is only written out once more text follows.
           */
          if (c == '\r')
            {
              if (next < end && *next == '\n')
                next++;
              c = '\n';
            }
          if (builder->has_content)
            g_string_append_c (builder->pending_pre, (char)c);
          else if (c != '\n')
            g_string_append_c (builder->pending_pre, (char)c);
          else
            g_string_truncate (builder->pending_pre, 0);
        }
      else if (is_collapsible_space (c))
        {
          if (pre)
            {
              if (c == 0x2028 || c == 0x2029 || c == '\v' || c == '\f')
                g_string_append_c (builder->pending_pre, '\n');
              else
                g_string_append_c (builder->pending_pre, ' ');
            }
          else if (builder->has_content)
            builder->pending_space = TRUE;
        }
      else
        {
          builder_emit_char (builder, p, next - p);
        }

      p = next;
    }
}

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  gsize i = 0;

  /* Eight bytes at a time: every piece of text appended passes here. */
  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, sizeof word);
      if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        return FALSE;
    }

  for (; i < len; i++)
    {
      if ((guchar)text[i] >= 0x80)
        return FALSE;
    }

  return TRUE;
}

void
gloss_document_builder_begin_block (GlossDocumentBuilder *builder,
                                    GlossBlockKind        kind,
                                    guint                 level)
{
  g_return_if_fail (builder != NULL);

  /* A block that starts inside another one ends it: blocks never nest. */
  if (builder->in_block)
    gloss_document_builder_end_block (builder);

  builder->in_block = TRUE;
  builder->has_content = FALSE;
  builder->pending_space = FALSE;
  g_string_truncate (builder->pending_pre, 0);
  builder->kind = kind;
  builder->level = level;
  builder->ordered = FALSE;
  builder->spans = g_ptr_array_new_with_free_func (gloss_span_free);

  for (guint i = 0; i < builder->open_spans->len; i++)
    g_array_index (builder->open_spans, OpenSpan, i).started = FALSE;
}

void
gloss_document_builder_set_ordered (GlossDocumentBuilder *builder,
                                    gboolean              ordered)
{
  g_return_if_fail (builder != NULL);

  builder->ordered = !!ordered;
}

void
gloss_document_builder_append_text (GlossDocumentBuilder *builder,
                                    const char           *text,
                                    gssize                len)
{
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (text != NULL || len == 0);

  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return;

  /* Text outside any block starts a paragraph, so that nothing an importer
   * appends is lost.
   */
  if (!builder->in_block)
    gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);

  /* ASCII is valid UTF-8 and already in NFC: most text needs no more. */
  if (is_ascii (text, len))
    {
      builder_append_normalized (builder, text, len);
      return;
    }

  if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }

  normalized = g_utf8_normalize (text, len, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return;

  builder_append_normalized (builder, normalized, strlen (normalized));
}

void
gloss_document_builder_append_break (GlossDocumentBuilder *builder)
{
  g_return_if_fail (builder != NULL);

  if (!builder->in_block)
    return;

  if (builder->kind == GLOSS_BLOCK_PREFORMATTED)
    {
      if (builder->has_content)
        g_string_append_c (builder->pending_pre, '\n');
    }
  else if (builder->has_content)
    {
      builder->pending_space = TRUE;
    }
}

static void
builder_close_span (GlossDocumentBuilder *builder,
                    OpenSpan             *open)
{
  GlossSpan *span;

  if (!builder->in_block || !open->started || builder->length <= open->start)
    return;

  span = g_new0 (GlossSpan, 1);
  span->kind = open->kind;
  span->start = open->start;
  span->end = builder->length;
  span->href = g_strdup (open->href);
  g_ptr_array_add (builder->spans, span);
}

void
gloss_document_builder_push_span (GlossDocumentBuilder *builder,
                                  GlossSpanKind         kind,
                                  const char           *href)
{
  OpenSpan span = { 0, };

  g_return_if_fail (builder != NULL);

  span.kind = kind;
  span.href = g_strdup (href);
  g_array_append_val (builder->open_spans, span);
}

void
gloss_document_builder_pop_span (GlossDocumentBuilder *builder)
{
  OpenSpan *span;

  g_return_if_fail (builder != NULL);

  if (builder->open_spans->len == 0)
    return;

  span = &g_array_index (builder->open_spans, OpenSpan, builder->open_spans->len - 1);
  builder_close_span (builder, span);
  g_array_remove_index (builder->open_spans, builder->open_spans->len - 1);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const GlossSpan *sa = *(const GlossSpan * const *)a;
  const GlossSpan *sb = *(const GlossSpan * const *)b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  /* The outer span of two that start together comes first. */
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  return 0;
}

void
gloss_document_builder_end_block (GlossDocumentBuilder *builder)
{
  GlossBlock *block;

  g_return_if_fail (builder != NULL);

  if (!builder->in_block)
    return;

  /* Spans still open continue in the next block, but the part inside this
   * one is recorded here.
   */
  for (guint i = 0; i < builder->open_spans->len; i++)
    {
      OpenSpan *span = &g_array_index (builder->open_spans, OpenSpan, i);

      builder_close_span (builder, span);
      span->started = FALSE;
    }

  builder->in_block = FALSE;
  builder->pending_space = FALSE;
  g_string_truncate (builder->pending_pre, 0);

  if (!builder->has_content)
    {
      g_clear_pointer (&builder->spans, g_ptr_array_unref);
      return;
    }

  g_ptr_array_sort (builder->spans, compare_spans);

  block = g_new0 (GlossBlock, 1);
  block->kind = builder->kind;
  block->level = builder->level;
  block->ordered = builder->ordered;
  block->start = builder->block_start;
  block->end = builder->length;
  block->byte_start = builder->block_byte_start;
  block->spans = g_steal_pointer (&builder->spans);
  g_ptr_array_add (builder->blocks, block);

  builder->has_content = FALSE;
}

gboolean
gloss_document_builder_in_block (GlossDocumentBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, FALSE);

  return builder->in_block;
}

/* Metadata gets the same treatment as block text: NFC, collapsed
 * whitespace, no control characters. Empty values become %NULL.
 */
static char *
normalize_inline (const char *value)
{
  g_autofree char *valid = NULL;
  g_autofree char *normalized = NULL;
  GString *out;
  gboolean space = FALSE;

  if (value == NULL)
    return NULL;

  if (!g_utf8_validate (value, -1, NULL))
    {
      valid = g_utf8_make_valid (value, -1);
      value = valid;
    }

  normalized = g_utf8_normalize (value, -1, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = normalized; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_dropped_char (c))
        continue;

      if (is_collapsible_space (c))
        {
          space = out->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = normalize_inline (value);
}

void
gloss_document_builder_set_title (GlossDocumentBuilder *builder,
                                  const char           *title)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->title, title);
}

void
gloss_document_builder_set_byline (GlossDocumentBuilder *builder,
                                   const char           *byline)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->byline, byline);
}

void
gloss_document_builder_set_published (GlossDocumentBuilder *builder,
                                      const char           *published)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->published, published);
}

void
gloss_document_builder_set_site_name (GlossDocumentBuilder *builder,
                                      const char           *site_name)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->site_name, site_name);
}

void
gloss_document_builder_set_language (GlossDocumentBuilder *builder,
                                     const char           *language)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->language, language);
}

void
gloss_document_builder_set_url (GlossDocumentBuilder *builder,
                                const char           *url)
{
  g_return_if_fail (builder != NULL);

  set_string (&builder->url, url);
}

void
gloss_document_builder_set_reading_time (GlossDocumentBuilder *builder,
                                         guint                 minutes)
{
  g_return_if_fail (builder != NULL);

  builder->reading_time = minutes;
}

void
gloss_document_builder_add_notice (GlossDocumentBuilder *builder,
                                   const char           *notice)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (notice != NULL);

  for (guint i = 0; i < builder->notices->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (builder->notices, i), notice) == 0)
        return;
    }

  g_ptr_array_add (builder->notices, g_strdup (notice));
}

/* Resource names end up in gloss-resource: URIs and file names, so they
 * are kept to characters that need no escaping anywhere.
 */
static char *
sanitize_resource_name (const char *hint)
{
  g_autofree char *base = NULL;
  GString *out = g_string_new (NULL);

  if (hint != NULL)
    {
      const char *slash = strrchr (hint, '/');
      const char *end;

      base = g_strdup (slash != NULL ? slash + 1 : hint);
      end = strpbrk (base, "?#");
      if (end != NULL)
        base[end - base] = '\0';
    }

  for (const char *p = base != NULL ? base : ""; *p && out->len < 60; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '_' || (*p == '.' && out->len > 0))
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }

  if (out->len == 0)
    g_string_append (out, "resource");

  return g_string_free (out, FALSE);
}

char *
gloss_document_builder_add_resource (GlossDocumentBuilder *builder,
                                     const char           *hint,
                                     GBytes               *bytes,
                                     const char           *content_type)
{
  g_autofree char *base = NULL;
  Resource *resource;
  char *name;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (content_type != NULL, NULL);

  if (builder->resources_size + g_bytes_get_size (bytes) > MAX_RESOURCES_SIZE)
    return NULL;

  base = sanitize_resource_name (hint);
  name = g_strdup_printf ("%u-%s", g_hash_table_size (builder->resources) + 1, base);

  resource = g_new0 (Resource, 1);
  resource->bytes = g_bytes_ref (bytes);
  resource->content_type = g_strdup (content_type);
  g_hash_table_insert (builder->resources, g_strdup (name), resource);
  builder->resources_size += g_bytes_get_size (bytes);

  return name;
}

void
gloss_document_builder_add_image (GlossDocumentBuilder *builder,
                                  const char           *resource,
                                  const char           *alt)
{
  GlossImage *image;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (resource == NULL || g_hash_table_contains (builder->resources, resource));

  image = g_new0 (GlossImage, 1);
  /* An image inside a block that already has text comes after it. */
  image->block = builder->blocks->len + (builder->in_block && builder->has_content ? 1 : 0);
  image->resource = g_strdup (resource);
  image->alt = normalize_inline (alt);

  if (image->resource == NULL && image->alt == NULL)
    {
      gloss_image_free (image);
      return;
    }

  g_ptr_array_add (builder->images, image);
}

void
gloss_document_builder_add_toc_entry (GlossDocumentBuilder *builder,
                                      const char           *title)
{
  char *normalized;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (title != NULL);

  normalized = normalize_inline (title);
  if (normalized != NULL)
    g_ptr_array_add (builder->toc_titles, normalized);
}

/* The key a table of contents entry and a heading are compared by: case
 * and runs of white space do not count.
 */
static char *
make_toc_key (const char *text,
              gssize      len)
{
  g_autofree char *folded = g_utf8_casefold (text, len);
  GString *key = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = key->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (key, ' ');
      space = FALSE;
      g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

/* The key without section numbering ("2.", "2.1", "IV.", "b)"), so that
 * "2. Costs" in a table of contents leads to "Costs" and the other way
 * round.
 */
static const char *
skip_toc_numbering (const char *key)
{
  const char *p = key;

  if (g_ascii_isdigit (*p))
    {
      while (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
        p++;
    }
  else
    {
      while (*p != '\0' && strchr ("ivxlc", *p) != NULL && p - key < 5)
        p++;
      if (p == key && g_ascii_islower (*p))
        p++;
    }

  if (p == key)
    return key;
  if (*p == '.' || *p == ')' || *p == ':')
    p++;
  else if (!g_ascii_isdigit (*key))
    return key;
  if (*p != ' ')
    return key;

  return p + 1;
}

/* Finds the heading block for each recorded title: the first unclaimed
 * heading with the same key after the previous entry's heading (tables of
 * contents list sections in order), then anywhere.
 */
static GPtrArray *
resolve_toc (GlossDocument *self,
             GPtrArray     *titles)
{
  GPtrArray *toc = g_ptr_array_new_with_free_func (gloss_toc_entry_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree gboolean *claimed = g_new0 (gboolean, self->blocks->len + 1);
  guint next = 0;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      const GlossBlock *block = g_ptr_array_index (self->blocks, i);
      gsize byte_end = i + 1 < self->blocks->len
        ? ((const GlossBlock *)g_ptr_array_index (self->blocks, i + 1))->byte_start
        : self->text_len;

      if (block->kind == GLOSS_BLOCK_HEADING)
        g_ptr_array_add (keys, make_toc_key (self->text + block->byte_start,
                                             byte_end - block->byte_start));
      else
        g_ptr_array_add (keys, NULL);
    }

  for (guint t = 0; t < titles->len; t++)
    {
      g_autofree char *key = make_toc_key (g_ptr_array_index (titles, t), -1);
      int found = -1;

      for (guint pass = 0; pass < 4 && found < 0; pass++)
        {
          /* Passes: exact key after the previous entry, exact key
           * anywhere, then the same without numbering.
           */
          gboolean bare = pass >= 2;
          guint from = (pass % 2) == 0 ? next : 0;
          const char *wanted = bare ? skip_toc_numbering (key) : key;

          for (guint i = from; i < keys->len && found < 0; i++)
            {
              const char *heading = g_ptr_array_index (keys, i);

              if (heading == NULL || claimed[i])
                continue;
              if (bare)
                heading = skip_toc_numbering (heading);
              if (strcmp (heading, wanted) == 0)
                found = (int)i;
            }
        }

      if (found >= 0)
        {
          GlossTocEntry *entry = g_new0 (GlossTocEntry, 1);

          entry->title = g_strdup (g_ptr_array_index (titles, t));
          entry->block = (guint)found;
          claimed[found] = TRUE;
          next = (guint)found + 1;
          g_ptr_array_add (toc, entry);
        }
    }

  return toc;
}

GlossDocument *
gloss_document_builder_finish (GlossDocumentBuilder *builder,
                               GFile                *file)
{
  GlossDocument *self;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (builder->in_block)
    gloss_document_builder_end_block (builder);

  self = g_object_new (GLOSS_TYPE_DOCUMENT, NULL);

  self->format = builder->format;
  self->text_len = builder->text->len;
  self->length = builder->length;
  self->text = g_string_free (g_steal_pointer (&builder->text), FALSE);



  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  self->blocks = g_steal_pointer (&builder->blocks);

  self->title = g_steal_pointer (&builder->title);
  self->byline = g_steal_pointer (&builder->byline);
  self->published = g_steal_pointer (&builder->published);
  self->site_name = g_steal_pointer (&builder->site_name);
  self->language = g_steal_pointer (&builder->language);
  self->url = g_steal_pointer (&builder->url);
  self->reading_time = builder->reading_time;
  self->file = file != NULL ? g_object_ref (file) : NULL;

  g_ptr_array_add (builder->notices, NULL);
  self->notices = (GStrv)g_ptr_array_free (g_steal_pointer (&builder->notices), FALSE);

  self->images = g_steal_pointer (&builder->images);
  self->resources = g_steal_pointer (&builder->resources);
  self->toc = resolve_toc (self, builder->toc_titles);

  gloss_document_builder_free (builder);

  return self;
}
