/* gloss-import-private.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "gloss-import.h"

G_BEGIN_DECLS

/* Decoding. */

/* Returns the UTF-8 text of an HTML page. The encoding comes from a byte
 * order mark, then from @transport_charset (what the Content-Type of an
 * MHTML part or of an HTTP response said), then from <meta charset>,
 * <meta http-equiv> or the XML declaration, and otherwise from the bytes:
 * UTF-8 when they are valid UTF-8, windows-1252 when they are not.
 * Bytes that are invalid in the chosen encoding become U+FFFD and a notice
 * is added to @builder; the page always opens. The result is not
 * NUL-terminated (valid UTF-8 input is returned as it is).
 */
GBytes   *gloss_import_decode_html       (GBytes                *bytes,
                                          const char            *transport_charset,
                                          GFile                 *file,
                                          GlossDocumentBuilder  *builder,
                                          GError               **error);
/* Converts @len bytes in @charset (a WHATWG label such as "latin1" or
 * "shift_jis") to UTF-8, replacing invalid sequences with U+FFFD; sets
 * @replaced when that happened. Returns %NULL when @charset is unknown.
 */
char     *gloss_import_convert           (const char            *data,
                                          gsize                  len,
                                          const char            *charset,
                                          gboolean              *replaced);
/* Turns "en_us" or "EN-gb" into "en-US" and "en-GB"; %NULL when @tag
 * cannot be a language tag.
 */
char     *gloss_import_normalize_language (const char           *tag);

/* Saved pages. */

/* Finds the local copy of an image of a saved page: @src is the address
 * written in the page, @base_url the address the page had. Returns the
 * bytes and sets @content_type to an image MIME type, or returns %NULL
 * when the image is not part of the saved page.
 */
typedef GBytes *(*GlossImportResolveFunc) (gpointer     user_data,
                                           const char  *src,
                                           const char  *base_url,
                                           char       **content_type);

/* Images larger than this are not kept: a reading view does not need them
 * and the document holds resources in memory.
 */
#define GLOSS_IMPORT_MAX_IMAGE_SIZE (16 * 1024 * 1024)

/* The MIME type of image data that the reading view may show, or %NULL
 * for anything else (scripts, SVG documents, HTML).
 */
const char    *gloss_import_image_mime_type (GBytes      *bytes);

/* Imports an HTML page; @resolve (may be %NULL) finds its images.
 * @charset is the transport encoding, or %NULL; @fallback_url is the
 * address the page was saved from (MHTML headers), used when the page
 * does not name its own address, or %NULL.
 */
GlossDocument *gloss_import_html_page    (GBytes                 *bytes,
                                          const char             *charset,
                                          GFile                  *file,
                                          const char             *fallback_url,
                                          GlossImportResolveFunc  resolve,
                                          gpointer                user_data,
                                          GError                **error);
/* Whether @bytes start like a MIME multipart message (.mhtml, .mht). */
gboolean       gloss_import_is_mhtml     (GBytes                 *bytes);

/* HTML helpers shared by extraction and metadata. */

gboolean  gloss_html_is_tag              (xmlNode               *node,
                                          const char            *name);
char     *gloss_html_get_attr            (xmlNode               *node,
                                          const char            *name);
char     *gloss_html_get_text            (xmlNode               *node);
/* Collapses white space, folds case and unifies apostrophes. */
char     *gloss_html_make_key            (const char            *text);
/* Collapses white space; %NULL when nothing is left. */
char     *gloss_html_collapse            (const char            *text);
/* Room for gloss_html_class_and_id_into(). */
#define GLOSS_HTML_CLASS_AND_ID_SIZE 520

/* The element's class and id attributes, lower case, at most 512 bytes. */
char     *gloss_html_class_and_id        (xmlNode               *node);
/* The same into @buffer; %FALSE when the element has neither. */
gboolean  gloss_html_class_and_id_into   (xmlNode               *node,
                                          char                  *buffer,
                                          gsize                  size);
gboolean  gloss_html_is_web_url          (const char            *url);

/* Metadata. */

typedef struct {
  char      *og_title;
  char      *ld_headline;
  char      *h1;
  char      *title;
  char      *byline;
  char      *ld_author;
  char      *published;
  char      *ld_published;
  char      *site_name;
  char      *ld_publisher;
  char      *language;
  char      *ld_language;
  char      *url;
  char      *og_url;
  char      *ld_url;
  char      *base;
  char      *time_published;
  char      *any_time;
  char      *class_date;
  char      *byline_element;
  char      *byline_text;
  guint      ld_rank;
  GPtrArray *headings; /* texts of <h1> and <h2>, in order */
} GlossHtmlMetadata;

void      gloss_html_metadata_init       (GlossHtmlMetadata     *meta);
void      gloss_html_metadata_clear      (GlossHtmlMetadata     *meta);
/* Reads the metadata from the whole page, before anything is removed. */
void      gloss_html_metadata_read       (GlossHtmlMetadata     *meta,
                                          xmlNode               *root);
/* The same in steps, for a walk that does other work: the document
 * element first, then every node in document order (the return value
 * says whether the metadata of its descendants counts), and whole
 * subtrees that the walk does not enter.
 */
void      gloss_html_metadata_begin      (GlossHtmlMetadata     *meta,
                                          xmlNode               *root);
gboolean  gloss_html_metadata_visit      (GlossHtmlMetadata     *meta,
                                          xmlNode               *node);
void      gloss_html_metadata_read_subtree (GlossHtmlMetadata   *meta,
                                            xmlNode             *root);
/* Sets the document's metadata and returns the case-folded title (to
 * recognise its repetition in the body) and the address that relative
 * links resolve against. @fallback_url is the address the page was saved
 * from, when the page does not say.
 */
void      gloss_html_metadata_apply      (GlossHtmlMetadata     *meta,
                                          GlossDocumentBuilder  *builder,
                                          const char            *fallback_url,
                                          char                 **title_key,
                                          char                 **base_url);

G_END_DECLS
