/* gloss-document.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Bump whenever the text produced for the same input can change: sidecars
 * record it next to the text hash so that anchoring knows when positions
 * may have moved.
 */
#define GLOSS_NORMALIZER_VERSION 1

typedef enum {
  GLOSS_BLOCK_HEADING,
  GLOSS_BLOCK_PARAGRAPH,
  GLOSS_BLOCK_LIST_ITEM,
  GLOSS_BLOCK_QUOTE,
  GLOSS_BLOCK_PREFORMATTED,
  GLOSS_BLOCK_CAPTION,
} GlossBlockKind;

typedef enum {
  GLOSS_SPAN_EMPHASIS,
  GLOSS_SPAN_STRONG,
  GLOSS_SPAN_LINK,
  GLOSS_SPAN_CODE,
} GlossSpanKind;

typedef enum {
  GLOSS_DOCUMENT_FORMAT_TEXT,
  GLOSS_DOCUMENT_FORMAT_HTML,
  GLOSS_DOCUMENT_FORMAT_MARKDOWN,
} GlossDocumentFormat;

/* Offsets are Unicode code points into the document text, end exclusive. */
typedef struct {
  GlossSpanKind kind;
  guint         start;
  guint         end;
  char         *href;
} GlossSpan;

typedef struct {
  GlossBlockKind kind;
  /* Heading level (1..6) for headings, nesting depth (1..) for list items,
   * 0 otherwise.
   */
  guint          level;
  guint          ordered : 1;
  guint          start;
  guint          end;
  /* Byte offset of the block's first character in the UTF-8 text. */
  gsize          byte_start;
  GPtrArray     *spans; /* (element-type GlossSpan) */
} GlossBlock;

/* An image of the article. Images carry no text: they sit between blocks
 * and never change offsets.
 */
typedef struct {
  /* Index of the block the image is shown before; the number of blocks
   * for an image after the last one.
   */
  guint  block;
  /* Name of the image's local copy for gloss_document_lookup_resource(),
   * or %NULL for an image that was not saved with the page: the reading
   * view shows its alternative text instead and never fetches it.
   */
  char  *resource;
  /* Alternative text, or %NULL. */
  char  *alt;
} GlossImage;

/* An entry of the article's table of contents: a link to a heading. The
 * entries are not part of the document text.
 */
typedef struct {
  /* The entry as the table of contents words it. */
  char  *title;
  /* Index of the heading block the entry leads to. */
  guint  block;
} GlossTocEntry;

#define GLOSS_TYPE_DOCUMENT (gloss_document_get_type ())

G_DECLARE_FINAL_TYPE (GlossDocument, gloss_document, GLOSS, DOCUMENT, GObject)

const char          *gloss_document_get_text         (GlossDocument *self);
/* Length of the text in code points. */
guint                gloss_document_get_length       (GlossDocument *self);
/* "sha256:<hex>" of the UTF-8 text. */
const char          *gloss_document_get_text_hash    (GlossDocument *self);
guint                gloss_document_get_n_blocks     (GlossDocument *self);
const GlossBlock    *gloss_document_get_block        (GlossDocument *self,
                                                      guint          index);
/* Index of the block that contains @offset, or of the block that follows
 * when @offset falls between two blocks; -1 past the end.
 */
int                  gloss_document_find_block       (GlossDocument *self,
                                                      guint          offset);
char                *gloss_document_dup_slice        (GlossDocument *self,
                                                      guint          start,
                                                      guint          end);
/* Converts between a code point offset and a UTF-16 offset relative to the
 * start of block @index (JavaScript counts UTF-16 units).
 */
guint                gloss_document_offset_from_utf16 (GlossDocument *self,
                                                       guint          index,
                                                       guint          utf16_offset);
guint                gloss_document_offset_to_utf16   (GlossDocument *self,
                                                       guint          index,
                                                       guint          offset);

GlossDocumentFormat  gloss_document_get_format       (GlossDocument *self);
const char          *gloss_document_get_title        (GlossDocument *self);
const char          *gloss_document_get_byline       (GlossDocument *self);
/* ISO 8601 date ("2025-05-18") or date-time, or NULL. */
const char          *gloss_document_get_published    (GlossDocument *self);
const char          *gloss_document_get_site_name    (GlossDocument *self);
/* BCP 47 language tag such as "en", or NULL when unknown. */
const char          *gloss_document_get_language     (GlossDocument *self);
const char          *gloss_document_get_url          (GlossDocument *self);
/* The file the document was imported from, or NULL. */
GFile               *gloss_document_get_file         (GlossDocument *self);
/* Reading time in minutes stated by the page, or 0. */
guint                gloss_document_get_reading_time (GlossDocument *self);
/* Human-readable notices about the import (replaced invalid bytes...). */
const char * const  *gloss_document_get_notices      (GlossDocument *self);

guint                gloss_document_get_n_images     (GlossDocument *self);
const GlossImage    *gloss_document_get_image        (GlossDocument *self,
                                                      guint          index);
/* The table of contents the article came with, in its order; 0 entries
 * when it had none. Each entry leads to a heading block.
 */
guint                gloss_document_get_n_toc_entries (GlossDocument *self);
const GlossTocEntry *gloss_document_get_toc_entry    (GlossDocument *self,
                                                      guint          index);
/* The bytes of a resource saved with the article (an image from the page's
 * "_files" folder or from inside an .mhtml file), looked up by the name a
 * GlossImage gives; @content_type receives its MIME type. Returns %NULL for
 * any other name. Never reads from disk or network, so it may be called
 * from any thread.
 */
GBytes              *gloss_document_lookup_resource  (GlossDocument *self,
                                                      const char    *name,
                                                      char         **content_type);

/* Builder used by the importers. Text is NFC-normalized and whitespace is
 * collapsed inside a block as it is appended; empty blocks are dropped.
 */
typedef struct _GlossDocumentBuilder GlossDocumentBuilder;

GlossDocumentBuilder *gloss_document_builder_new          (GlossDocumentFormat    format);
void                  gloss_document_builder_free         (GlossDocumentBuilder  *builder);
void                  gloss_document_builder_begin_block  (GlossDocumentBuilder  *builder,
                                                           GlossBlockKind         kind,
                                                           guint                  level);
void                  gloss_document_builder_set_ordered  (GlossDocumentBuilder  *builder,
                                                           gboolean               ordered);
void                  gloss_document_builder_append_text  (GlossDocumentBuilder  *builder,
                                                           const char            *text,
                                                           gssize                 len);
/* A hard line break inside a block (kept as "\n" only in preformatted
 * blocks, a space elsewhere).
 */
void                  gloss_document_builder_append_break (GlossDocumentBuilder  *builder);
void                  gloss_document_builder_push_span    (GlossDocumentBuilder  *builder,
                                                           GlossSpanKind          kind,
                                                           const char            *href);
void                  gloss_document_builder_pop_span     (GlossDocumentBuilder  *builder);
void                  gloss_document_builder_end_block    (GlossDocumentBuilder  *builder);
gboolean              gloss_document_builder_in_block     (GlossDocumentBuilder  *builder);
void                  gloss_document_builder_set_title    (GlossDocumentBuilder  *builder,
                                                           const char            *title);
void                  gloss_document_builder_set_byline   (GlossDocumentBuilder  *builder,
                                                           const char            *byline);
void                  gloss_document_builder_set_published (GlossDocumentBuilder *builder,
                                                            const char           *published);
void                  gloss_document_builder_set_site_name (GlossDocumentBuilder *builder,
                                                            const char           *site_name);
void                  gloss_document_builder_set_language (GlossDocumentBuilder  *builder,
                                                           const char            *language);
void                  gloss_document_builder_set_url      (GlossDocumentBuilder  *builder,
                                                           const char            *url);
void                  gloss_document_builder_set_reading_time (GlossDocumentBuilder *builder,
                                                               guint                 minutes);
void                  gloss_document_builder_add_notice   (GlossDocumentBuilder  *builder,
                                                           const char            *notice);
/* Keeps @bytes as a resource of the document and returns its name (unique
 * in the document, made of ASCII letters, digits, "-", "_" and "."), or
 * %NULL when the document already holds too much. @hint is a file name
 * that the name is derived from.
 */
char                 *gloss_document_builder_add_resource (GlossDocumentBuilder *builder,
                                                           const char           *hint,
                                                           GBytes               *bytes,
                                                           const char           *content_type);
/* Places an image after what was appended so far. @resource is a name
 * from gloss_document_builder_add_resource() or %NULL.
 */
void                  gloss_document_builder_add_image    (GlossDocumentBuilder  *builder,
                                                           const char            *resource,
                                                           const char            *alt);
/* Records an entry of the article's table of contents without adding
 * text. At gloss_document_builder_finish() it leads to the heading block
 * with the same title (ignoring case, white space and section numbering
 * such as "2."); an entry that names no heading is dropped.
 */
void                  gloss_document_builder_add_toc_entry (GlossDocumentBuilder *builder,
                                                            const char           *title);
/* Consumes the builder. */
GlossDocument        *gloss_document_builder_finish       (GlossDocumentBuilder  *builder,
                                                           GFile                 *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossDocumentBuilder, gloss_document_builder_free)

G_END_DECLS
