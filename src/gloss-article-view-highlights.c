/* gloss-article-view-highlights.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "gloss-article-view-private.h"

/* What a GlossArticleView paints on its page and the state it pushes to
 * it: notes and findings as highlights, the colour scheme, and ranges
 * turned from code points into the page's blocks and UTF-16 offsets.
 */

/* Ranges: code points in C, (block, UTF-16 offset in the block) in the
 * page.
 */

static gboolean
gloss_article_view_range_to_page (GlossArticleView *self,
                                  guint             start,
                                  guint             end,
                                  guint            *start_block,
                                  guint            *start16,
                                  guint            *end_block,
                                  guint            *end16)
{
  const GlossBlock *block;
  int first;
  int last;

  if (self->document == NULL)
    {
      return FALSE;
    }

  end = MIN (end, gloss_document_get_length (self->document));
  if (start >= end)
    {
      return FALSE;
    }

  first = gloss_document_find_block (self->document, start);
  last = gloss_document_find_block (self->document, end - 1);
  if (first < 0 || last < 0)
    {
      return FALSE;
    }

  /* A range that ends in the gap between two blocks ends with the block
   * before the gap.
   */
  block = gloss_document_get_block (self->document, last);
  if (block->start >= end && last > 0)
    {
      last--;
    }

  if (last < first)
    {
      return FALSE;
    }

  *start_block = first;
  *start16 = gloss_document_offset_to_utf16 (self->document, first, start);
  *end_block = last;
  *end16 = gloss_document_offset_to_utf16 (self->document, last, end);

  return TRUE;
}

/* Adds one {block, start16, end16} member per block that [start, end)
 * touches, followed by the members that @add_extra adds.
 */
typedef void (*AddExtraFunc) (JsonBuilder *builder,
                              gpointer     item);

static void
add_page_pieces (GlossArticleView *self,
                 JsonBuilder      *builder,
                 guint             start,
                 guint             end,
                 AddExtraFunc      add_extra,
                 gpointer          item)
{
  guint n_blocks = gloss_document_get_n_blocks (self->document);
  int index;

  end = MIN (end, gloss_document_get_length (self->document));
  if (start >= end)
    {
      return;
    }

  index = gloss_document_find_block (self->document, start);
  if (index < 0)
    {
      return;
    }

  for (guint i = index; i < n_blocks; i++)
    {
      const GlossBlock *block = gloss_document_get_block (self->document, i);
      guint piece_start;
      guint piece_end;

      if (block->start >= end)
        {
          break;
        }

      piece_start = gloss_document_offset_to_utf16 (self->document, i, MAX (start, block->start));
      piece_end = gloss_document_offset_to_utf16 (self->document, i, MIN (end, block->end));
      if (piece_start >= piece_end)
        {
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "block");
      json_builder_add_int_value (builder, i);
      json_builder_set_member_name (builder, "start16");
      json_builder_add_int_value (builder, piece_start);
      json_builder_set_member_name (builder, "end16");
      json_builder_add_int_value (builder, piece_end);
      add_extra (builder, item);
      json_builder_end_object (builder);
    }
}

/* Highlights. */

static const char *
kind_group_name (GlossAnnotationKind kind)
{
  switch (kind)
    {
    case GLOSS_ANNOTATION_EVIDENCE:
      return "gloss-note-evidence";
    case GLOSS_ANNOTATION_BIAS:
      return "gloss-note-bias";
    case GLOSS_ANNOTATION_CLAIM:
      return "gloss-note-claim";
    case GLOSS_ANNOTATION_COMMENT:
    default:
      return "gloss-note-comment";
    }
}

static const GlossTag *
lookup_tag (const char *vocabulary_id,
            const char *tag_id)
{
  GlossVocabulary *vocabulary = gloss_vocabulary_get_default (vocabulary_id);

  if (vocabulary == NULL)
    {
      return NULL;
    }

  return gloss_vocabulary_lookup (vocabulary, tag_id);
}

/* The colour of an annotation's first tag as "#rrggbb", or NULL when it
 * has none: the highlight then takes the colour of its kind.
 */
static char *
dup_annotation_color (GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *first_vocabulary = "evidence";
  const char *second_vocabulary = "bias";
  const GlossTag *tag;
  GdkRGBA rgba;

  if (tags == NULL || tags[0] == NULL)
    {
      return NULL;
    }

  if (gloss_annotation_get_kind (annotation) == GLOSS_ANNOTATION_BIAS)
    {
      first_vocabulary = "bias";
      second_vocabulary = "evidence";
    }

  tag = lookup_tag (first_vocabulary, tags[0]);
  if (tag == NULL)
    {
      tag = lookup_tag (second_vocabulary, tags[0]);
    }

  /* Vocabularies are data that a teacher may write: the colour is parsed
   * here and only ever reaches the page as six hex digits.
   */
  if (tag == NULL || tag->color == NULL || !gdk_rgba_parse (&rgba, tag->color))
    {
      return NULL;
    }

  return g_strdup_printf ("#%02x%02x%02x",
                          (guint)lround (CLAMP (rgba.red, 0., 1.) * 255.),
                          (guint)lround (CLAMP (rgba.green, 0., 1.) * 255.),
                          (guint)lround (CLAMP (rgba.blue, 0., 1.) * 255.));
}

static gboolean
annotation_is_painted (GlossArticleView *self,
                       GlossAnnotation  *annotation)
{
  return gloss_annotation_get_anchor_state (annotation) != GLOSS_ANCHOR_ORPHAN &&
         gloss_annotation_get_start (annotation) < gloss_annotation_get_end (annotation) &&
         gloss_annotation_get_end (annotation) <= gloss_document_get_length (self->document);
}

static void
add_annotation_extra (JsonBuilder *builder,
                      gpointer     item)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, gloss_annotation_get_id (item));
}

static void
add_finding_extra (JsonBuilder *builder,
                   gpointer     item)
{
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, gloss_finding_get_start (item));
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, gloss_finding_get_end (item));
}

static void
add_findings (GlossArticleView *self,
              JsonBuilder      *builder,
              const char       *name,
              GListModel       *model)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);

  if (model != NULL)
    {
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          if (!GLOSS_IS_FINDING (item))
            {
              continue;
            }

          add_page_pieces (self, builder,
                           gloss_finding_get_start (GLOSS_FINDING (item)),
                           gloss_finding_get_end (GLOSS_FINDING (item)),
                           add_finding_extra, item);
        }
    }

  json_builder_end_array (builder);
}

static char *
gloss_article_view_dup_highlights_json (GlossArticleView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) group_names = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* Group name -> GPtrArray of annotations, in the order groups appear. */
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify)g_ptr_array_unref);
  group_names = g_ptr_array_new ();

  for (guint i = 0; self->watched_annotations != NULL && i < self->watched_annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->watched_annotations, i);
      g_autofree char *color = NULL;
      g_autofree char *name = NULL;
      GPtrArray *members;

      if (!annotation_is_painted (self, annotation))
        {
          continue;
        }

      color = dup_annotation_color (annotation);
      if (color != NULL)
        {
          name = g_strconcat ("gloss-note-c-", color + 1, NULL);
        }
      else
        {
          name = g_strdup (kind_group_name (gloss_annotation_get_kind (annotation)));
        }

      members = g_hash_table_lookup (groups, name);
      if (members == NULL)
        {
          members = g_ptr_array_new ();
          g_ptr_array_add (group_names, g_strdup (name));
          g_hash_table_insert (groups, g_ptr_array_index (group_names, group_names->len - 1),
                               members);
        }
      g_ptr_array_add (members, annotation);
    }

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "notes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < group_names->len; i++)
    {
      const char *name = g_ptr_array_index (group_names, i);
      GPtrArray *members = g_hash_table_lookup (groups, name);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "color");
      if (g_str_has_prefix (name, "gloss-note-c-"))
        {
          g_autofree char *color = g_strconcat ("#", name + strlen ("gloss-note-c-"), NULL);

          json_builder_add_string_value (builder, color);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "ranges");
      json_builder_begin_array (builder);
      for (guint j = 0; j < members->len; j++)
        {
          GlossAnnotation *annotation = g_ptr_array_index (members, j);

          add_page_pieces (self, builder,
                           gloss_annotation_get_start (annotation),
                           gloss_annotation_get_end (annotation),
                           add_annotation_extra, annotation);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_findings (self, builder, "claims", self->claims);
  add_findings (self, builder, "cues", self->cues);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static gboolean
gloss_article_view_repaint_cb (gpointer user_data)
{
  GlossArticleView *self = user_data;
  g_autofree char *json = NULL;
  GVariantDict arguments;

  self->repaint_id = 0;

  if (!self->script_ready || self->document == NULL)
    {
      return G_SOURCE_REMOVE;
    }

  json = gloss_article_view_dup_highlights_json (self);

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "json", "s", json);
  _gloss_article_view_call (self, "setHighlights", "json",
                           g_variant_dict_end (&arguments));

  return G_SOURCE_REMOVE;
}

void
_gloss_article_view_queue_repaint (GlossArticleView *self)
{
  if (self->repaint_id == 0 && self->script_ready)
    {
      self->repaint_id = g_idle_add (gloss_article_view_repaint_cb, self);
    }
}

/* Paints at once, in place of a repaint that may be queued. */
void
_gloss_article_view_repaint_now (GlossArticleView *self)
{
  g_clear_handle_id (&self->repaint_id, g_source_remove);
  gloss_article_view_repaint_cb (self);
}

/* Page state pushed whenever our script is (re)started. */

void
_gloss_article_view_push_color_scheme (GlossArticleView *self)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  /* Arguments may only be numbers, strings or dictionaries. */
  g_variant_dict_insert (&arguments, "dark", "u", (guint)self->dark);
  _gloss_article_view_call (self, "setDark", "dark",
                           g_variant_dict_end (&arguments));
}

void
_gloss_article_view_push_show_findings (GlossArticleView *self)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "show", "u", (guint)self->show_findings);
  _gloss_article_view_call (self, "setShowFindings", "show",
                           g_variant_dict_end (&arguments));
}

void
_gloss_article_view_call_with_range (GlossArticleView *self,
                                    const char       *function,
                                    guint             start,
                                    guint             end)
{
  guint start_block;
  guint start16;
  guint end_block;
  guint end16;
  GVariantDict arguments;

  if (!gloss_article_view_range_to_page (self, start, end,
                                         &start_block, &start16,
                                         &end_block, &end16))
    {
      g_debug ("Ignoring %s of [%u, %u): outside the document", function, start, end);
      return;
    }

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "block", "u", start_block);
  g_variant_dict_insert (&arguments, "start16", "u", start16);
  g_variant_dict_insert (&arguments, "endBlock", "u", end_block);
  g_variant_dict_insert (&arguments, "end16", "u", end16);
  _gloss_article_view_call (self, function, "block, start16, endBlock, end16",
                           g_variant_dict_end (&arguments));
}
