/* gloss-article-view.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "gloss-article-view.h"
#include "gloss-resources.h"
#include "gloss-web-context.h"

#define READER_SCRIPT_RESOURCE "/io/github/glossapp/Gloss/reader/reader.js"
#define READER_STYLE_RESOURCE  "/io/github/glossapp/Gloss/reader/reader.css"
#define READER_SOURCE_URI      GLOSS_RESOURCE_SCHEME ":///reader/call.js"

/* How long a call into the page may take before it is given up. */
#define CALL_TIMEOUT_SECONDS 10

/* How many times in a row the view reloads its page after the web process
 * died, before it gives up.
 */
#define MAX_CRASH_RELOADS 3

/* The page backgrounds of libadwaita's views, so that the page blends with
 * the window in both styles.
 */
#define LIGHT_BACKGROUND "#ffffff"
#define DARK_BACKGROUND  "#1e1e1e"

struct _GlossArticleView
{
  GtkWidget                 parent_instance;

  WebKitWebView            *web_view;
  WebKitUserContentManager *content_manager;
  GCancellable             *cancellable;

  GlossDocument            *document;

  /* The annotations model and a copy of its items in the same order, so
   * that the view can disconnect from the items that the model removes.
   */
  GListModel               *annotations;
  GPtrArray                *watched_annotations;
  GListModel               *claims;
  GListModel               *cues;

  guint                     repaint_id;
  guint                     crash_reloads;

  guint                     selection_start;
  guint                     selection_end;
  GdkRectangle              selection_rect;

  guint                     pending_reveal_start;
  guint                     pending_reveal_end;
  guint                     pending_select_start;
  guint                     pending_select_end;

  guint                     show_findings : 1;
  guint                     dark : 1;
  guint                     filter_pending : 1;
  guint                     load_pending : 1;
  guint                     committed : 1;
  guint                     page_finished : 1;
  guint                     script_ready : 1;
  guint                     loaded : 1;
  guint                     has_selection : 1;
  guint                     has_pending_reveal : 1;
  guint                     has_pending_select : 1;
};

G_DEFINE_FINAL_TYPE (GlossArticleView, gloss_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ANNOTATIONS,
  PROP_CLAIMS,
  PROP_CUES,
  PROP_SHOW_FINDINGS,
  PROP_LOADED,
  PROP_HAS_SELECTION,
  PROP_ZOOM_LEVEL,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  ANNOTATION_ACTIVATED,
  FINDING_ACTIVATED,
  ACTIVATE_LINK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void gloss_article_view_queue_repaint (GlossArticleView *self);

/* Calls into the page. */

typedef struct
{
  GCancellable *cancellable;
  GCancellable *parent;
  gulong        parent_handler;
  guint         timeout_id;
  gboolean      timed_out;
  char         *function;
} PageCall;

static void
page_call_free (PageCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->parent_handler != 0)
    {
      g_cancellable_disconnect (call->parent, call->parent_handler);
    }
  g_clear_object (&call->parent);
  g_clear_object (&call->cancellable);
  g_free (call->function);
  g_free (call);
}

static gboolean
page_call_timeout_cb (gpointer user_data)
{
  PageCall *call = user_data;

  call->timeout_id = 0;
  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static void
page_call_parent_cancelled_cb (GCancellable *parent,
                               GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* The completion never touches the view: it may already be gone, since
 * disposing the view cancels every call.
 */
static void
page_call_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PageCall *call = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                 result, &error);
  if (value == NULL)
    {
      if (call->timed_out)
        {
          g_debug ("Reader call %s timed out", call->function);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Reader call %s failed: %s", call->function, error->message);
        }
    }
  else if (jsc_value_is_boolean (value) && !jsc_value_to_boolean (value))
    {
      g_debug ("Reader call %s was refused by the page", call->function);
    }

  page_call_free (call);
}

/* Calls window.glossReader.FUNCTION with the members of @arguments (an
 * a{sv}, floating references are sunk) as named parameters.
 */
static void
gloss_article_view_call (GlossArticleView *self,
                         const char       *function,
                         const char       *parameters,
                         GVariant         *arguments)
{
  g_autoptr(GVariant) owned_arguments = NULL;
  g_autofree char *body = NULL;
  PageCall *call;

  if (arguments != NULL)
    {
      owned_arguments = g_variant_ref_sink (arguments);
    }

  if (self->web_view == NULL || self->cancellable == NULL || !self->script_ready)
    {
      return;
    }

  call = g_new0 (PageCall, 1);
  call->function = g_strdup (function);
  call->cancellable = g_cancellable_new ();
  call->parent = g_object_ref (self->cancellable);
  call->parent_handler = g_cancellable_connect (self->cancellable,
                                                G_CALLBACK (page_call_parent_cancelled_cb),
                                                g_object_ref (call->cancellable),
                                                g_object_unref);
  call->timeout_id = g_timeout_add_seconds (CALL_TIMEOUT_SECONDS,
                                            page_call_timeout_cb, call);

  body = g_strdup_printf ("return window.glossReader.%s(%s);",
                          function, parameters != NULL ? parameters : "");

  webkit_web_view_call_async_javascript_function (self->web_view,
                                                  body, -1,
                                                  owned_arguments,
                                                  gloss_web_context_get_world_name (),
                                                  READER_SOURCE_URI,
                                                  call->cancellable,
                                                  page_call_done_cb,
                                                  call);
}

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
  gloss_article_view_call (self, "setHighlights", "json",
                           g_variant_dict_end (&arguments));

  return G_SOURCE_REMOVE;
}

static void
gloss_article_view_queue_repaint (GlossArticleView *self)
{
  if (self->repaint_id == 0 && self->script_ready)
    {
      self->repaint_id = g_idle_add (gloss_article_view_repaint_cb, self);
    }
}

/* Page state pushed whenever our script is (re)started. */

static void
gloss_article_view_push_color_scheme (GlossArticleView *self)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  /* Arguments may only be numbers, strings or dictionaries. */
  g_variant_dict_insert (&arguments, "dark", "u", (guint)self->dark);
  gloss_article_view_call (self, "setDark", "dark",
                           g_variant_dict_end (&arguments));
}

static void
gloss_article_view_push_show_findings (GlossArticleView *self)
{
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "show", "u", (guint)self->show_findings);
  gloss_article_view_call (self, "setShowFindings", "show",
                           g_variant_dict_end (&arguments));
}

static void
gloss_article_view_call_with_range (GlossArticleView *self,
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
  gloss_article_view_call (self, function, "block, start16, endBlock, end16",
                           g_variant_dict_end (&arguments));
}

/* Selection. */

static void
gloss_article_view_update_selection (GlossArticleView   *self,
                                     gboolean            has_selection,
                                     guint               start,
                                     guint               end,
                                     const GdkRectangle *rect)
{
  gboolean changed;

  if (!has_selection)
    {
      start = end = 0;
    }

  changed = has_selection != self->has_selection ||
            start != self->selection_start ||
            end != self->selection_end;

  self->selection_start = start;
  self->selection_end = end;
  if (rect != NULL)
    {
      self->selection_rect = *rect;
    }
  else
    {
      self->selection_rect = (GdkRectangle){ 0, 0, 0, 0 };
    }

  if (!changed)
    {
      return;
    }

  if (self->has_selection != has_selection)
    {
      self->has_selection = has_selection;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
    }

  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
gloss_article_view_set_loaded (GlossArticleView *self,
                               gboolean          loaded)
{
  loaded = !!loaded;

  if (self->loaded == loaded)
    {
      return;
    }

  self->loaded = loaded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
gloss_article_view_update_loaded (GlossArticleView *self)
{
  gboolean loaded = self->document != NULL && self->page_finished && self->script_ready;

  gloss_article_view_set_loaded (self, loaded);
}

/* Messages from the page. Everything in them is checked: the page is
 * ours, but a message that does not fit the document is dropped rather
 * than trusted.
 */

static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      return FALSE;
    }

  *value = json_node_get_string (node);

  return TRUE;
}

static gboolean
get_uint_member (JsonObject *object,
                 const char *name,
                 guint       max,
                 guint      *value)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      return FALSE;
    }

  number = json_node_get_int (node);
  if (number < 0 || number > max)
    {
      return FALSE;
    }

  *value = (guint)number;

  return TRUE;
}

static gboolean
get_double_member (JsonObject *object,
                   const char *name,
                   double     *value)
{
  JsonNode *node = json_object_get_member (object, name);
  double number;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    {
      return FALSE;
    }

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      number = (double)json_node_get_int (node);
    }
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      number = json_node_get_double (node);
    }
  else
    {
      return FALSE;
    }

  /* Page coordinates of anything on screen are far below this. */
  if (!isfinite (number) || fabs (number) > 1e7)
    {
      return FALSE;
    }

  *value = number;

  return TRUE;
}

static guint
block_utf16_length (GlossDocument *document,
                    guint          index)
{
  const GlossBlock *block = gloss_document_get_block (document, index);

  return gloss_document_offset_to_utf16 (document, index, block->end);
}

static void
handle_selection_message (GlossArticleView *self,
                          JsonObject       *object)
{
  guint n_blocks = gloss_document_get_n_blocks (self->document);
  JsonNode *empty = json_object_get_member (object, "empty");
  JsonObject *rect_object;
  guint start_block;
  guint end_block;
  guint start16;
  guint end16;
  guint start;
  guint end;
  const char *text;
  g_autofree char *expected = NULL;
  double x, y, width, height;
  double zoom;
  GdkRectangle rect;

  if (empty != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (empty) ||
          json_node_get_value_type (empty) != G_TYPE_BOOLEAN ||
          !json_node_get_boolean (empty))
        {
          g_debug ("Dropping a selection message with a bad “empty” member");
          return;
        }

      gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
      return;
    }

  if (n_blocks == 0 ||
      !get_uint_member (object, "startBlock", n_blocks - 1, &start_block) ||
      !get_uint_member (object, "endBlock", n_blocks - 1, &end_block) ||
      start_block > end_block ||
      !get_uint_member (object, "start16", block_utf16_length (self->document, start_block), &start16) ||
      !get_uint_member (object, "end16", block_utf16_length (self->document, end_block), &end16) ||
      !get_string_member (object, "text", &text))
    {
      g_debug ("Dropping a selection message that does not fit the document");
      return;
    }

  start = gloss_document_offset_from_utf16 (self->document, start_block, start16);
  end = gloss_document_offset_from_utf16 (self->document, end_block, end16);
  if (start >= end)
    {
      gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
      return;
    }

  /* The page's text must be the document's text: anything else means the
   * offsets cannot be trusted.
   */
  expected = gloss_document_dup_slice (self->document, start, end);
  if (g_strcmp0 (expected, text) != 0)
    {
      g_debug ("Dropping a selection of [%u, %u) whose text does not match the document",
               start, end);
      return;
    }

  if (!json_object_has_member (object, "rect") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "rect")))
    {
      g_debug ("Dropping a selection message without a rectangle");
      return;
    }

  rect_object = json_object_get_object_member (object, "rect");
  if (!get_double_member (rect_object, "x", &x) ||
      !get_double_member (rect_object, "y", &y) ||
      !get_double_member (rect_object, "width", &width) ||
      !get_double_member (rect_object, "height", &height) ||
      width < 0 || height < 0)
    {
      g_debug ("Dropping a selection message with a bad rectangle");
      return;
    }

  /* The page measures in CSS pixels, which the zoom level scales. */
  zoom = webkit_web_view_get_zoom_level (self->web_view);
  rect.x = (int)floor (x * zoom);
  rect.y = (int)floor (y * zoom);
  rect.width = (int)ceil ((x + width) * zoom) - rect.x;
  rect.height = (int)ceil ((y + height) * zoom) - rect.y;

  gloss_article_view_update_selection (self, TRUE, start, end, &rect);
}

static void
handle_activate_message (GlossArticleView *self,
                         JsonObject       *object)
{
  const char *id;

  if (!get_string_member (object, "id", &id))
    {
      g_debug ("Dropping an activation without an id");
      return;
    }

  for (guint i = 0; self->watched_annotations != NULL && i < self->watched_annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->watched_annotations, i);

      if (g_strcmp0 (gloss_annotation_get_id (annotation), id) == 0)
        {
          g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, id);
          return;
        }
    }

  g_debug ("Dropping an activation of an unknown annotation");
}

static gboolean
model_has_finding (GListModel *model,
                   guint       start,
                   guint       end)
{
  guint n_items;

  if (model == NULL)
    {
      return FALSE;
    }

  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GLOSS_IS_FINDING (item) &&
          gloss_finding_get_start (GLOSS_FINDING (item)) == start &&
          gloss_finding_get_end (GLOSS_FINDING (item)) == end)
        {
          return TRUE;
        }
    }

  return FALSE;
}

static void
handle_finding_message (GlossArticleView *self,
                        JsonObject       *object)
{
  guint length = gloss_document_get_length (self->document);
  guint start;
  guint end;

  if (!get_uint_member (object, "start", length, &start) ||
      !get_uint_member (object, "end", length, &end) ||
      start >= end ||
      !(model_has_finding (self->claims, start, end) ||
        model_has_finding (self->cues, start, end)))
    {
      g_debug ("Dropping an activation of an unknown finding");
      return;
    }

  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, start, end);
}

static void
handle_ready_message (GlossArticleView *self)
{
  self->script_ready = TRUE;

  gloss_article_view_push_color_scheme (self);
  gloss_article_view_push_show_findings (self);

  g_clear_handle_id (&self->repaint_id, g_source_remove);
  gloss_article_view_repaint_cb (self);

  if (self->has_pending_select)
    {
      self->has_pending_select = FALSE;
      gloss_article_view_call_with_range (self, "selectRange",
                                          self->pending_select_start,
                                          self->pending_select_end);
    }

  if (self->has_pending_reveal)
    {
      self->has_pending_reveal = FALSE;
      gloss_article_view_call_with_range (self, "reveal",
                                          self->pending_reveal_start,
                                          self->pending_reveal_end);
    }

  gloss_article_view_update_loaded (self);
}

static void
script_message_received_cb (WebKitUserContentManager *content_manager,
                            JSCValue                 *value,
                            GlossArticleView         *self)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *type;

  /* Messages sent by a page that is being replaced say nothing about the
   * new one.
   */
  if (!self->committed || self->document == NULL)
    {
      return;
    }

  if (!jsc_value_is_object (value))
    {
      g_debug ("Dropping a reader message that is not an object");
      return;
    }

  json = jsc_value_to_json (value, 0);
  node = json != NULL ? json_from_string (json, &error) : NULL;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_debug ("Dropping a reader message that is not JSON: %s",
               error != NULL ? error->message : "no value");
      return;
    }

  object = json_node_get_object (node);
  if (!get_string_member (object, "type", &type))
    {
      g_debug ("Dropping a reader message without a type");
      return;
    }

  if (g_str_equal (type, "ready"))
    {
      handle_ready_message (self);
    }
  else if (!self->script_ready)
    {
      g_debug ("Dropping a “%s” reader message sent before “ready”", type);
    }
  else if (g_str_equal (type, "selection"))
    {
      handle_selection_message (self, object);
    }
  else if (g_str_equal (type, "activate"))
    {
      handle_activate_message (self, object);
    }
  else if (g_str_equal (type, "finding"))
    {
      handle_finding_message (self, object);
    }
  else
    {
      g_debug ("Dropping a reader message of unknown type “%s”", type);
    }
}

/* Loading. */

static void
gloss_article_view_reset_page_state (GlossArticleView *self)
{
  self->committed = FALSE;
  self->page_finished = FALSE;
  self->script_ready = FALSE;
  g_clear_handle_id (&self->repaint_id, g_source_remove);
  gloss_article_view_update_loaded (self);
  gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
}

static void
gloss_article_view_load (GlossArticleView *self)
{
  g_autofree char *html = NULL;

  /* The first page waits for the network filter, one of the layers that
   * keep the page off the network.
   */
  if (self->filter_pending)
    {
      self->load_pending = TRUE;
      return;
    }

  self->load_pending = FALSE;
  gloss_article_view_reset_page_state (self);

  if (self->document != NULL)
    {
      html = gloss_reader_html_render (self->document, NULL);
    }

  webkit_web_view_load_html (self->web_view, html != NULL ? html : "",
                             GLOSS_READER_BASE_URI);
}

static void
content_filter_ready_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GlossArticleView *self;
  WebKitUserContentFilter *filter;
  g_autoptr(GError) error = NULL;

  filter = gloss_web_context_get_content_filter_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }

  self = GLOSS_ARTICLE_VIEW (user_data);

  if (filter != NULL)
    {
      webkit_user_content_manager_add_filter (self->content_manager, filter);
      webkit_user_content_filter_unref (filter);
    }
  else
    {
      g_message ("Gloss could not compile its network filter (%s); "
                 "the page's Content-Security-Policy and the navigation policy still keep the page offline",
                 error->message);
    }

  self->filter_pending = FALSE;
  if (self->load_pending)
    {
      gloss_article_view_load (self);
    }
}

static void
load_changed_cb (WebKitWebView    *web_view,
                 WebKitLoadEvent   load_event,
                 GlossArticleView *self)
{
  switch (load_event)
    {
    case WEBKIT_LOAD_STARTED:
      gloss_article_view_reset_page_state (self);
      break;

    case WEBKIT_LOAD_COMMITTED:
      self->committed = TRUE;
      break;

    case WEBKIT_LOAD_FINISHED:
      self->page_finished = TRUE;
      gloss_article_view_update_loaded (self);
      break;

    case WEBKIT_LOAD_REDIRECTED:
    default:
      break;
    }
}

static gboolean
load_failed_cb (WebKitWebView    *web_view,
                WebKitLoadEvent   load_event,
                const char       *failing_uri,
                GError           *error,
                GlossArticleView *self)
{
  /* A navigation that the policy refused is reported as a failure too. */
  if (!g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) &&
      !g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED))
    {
      g_debug ("Loading %s failed: %s", failing_uri, error->message);
    }

  return FALSE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           GlossArticleView                  *self)
{
  gloss_article_view_reset_page_state (self);

  switch (reason)
    {
    case WEBKIT_WEB_PROCESS_CRASHED:
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT:
      if (self->document != NULL && self->crash_reloads < MAX_CRASH_RELOADS)
        {
          self->crash_reloads++;
          g_message ("The reading view's web process stopped; reloading the article");
          gloss_article_view_load (self);
        }
      break;

    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API:
    default:
      break;
    }
}

/* Navigation: only our own page ever loads in the view. */

static void
show_uri_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    {
      g_message ("Could not open a link: %s", error->message);
    }
}

static gboolean
gloss_article_view_real_activate_link (GlossArticleView *self,
                                       const char       *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                     uri, GDK_CURRENT_TIME, NULL, show_uri_done_cb, NULL);

  return TRUE;
}

static void
gloss_article_view_handle_link (GlossArticleView       *self,
                                WebKitNavigationAction *action)
{
  const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  gboolean handled = FALSE;

  /* Only a reader's own click opens anything, and only in the user's
   * browser or mail client.
   */
  if (webkit_navigation_action_get_navigation_type (action) != WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      !webkit_navigation_action_is_user_gesture (action) ||
      uri == NULL || !gloss_web_context_is_external_uri (uri))
    {
      g_debug ("Refusing a navigation to %s", uri);
      return;
    }

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  GlossArticleView         *self)
{
  WebKitNavigationAction *action;
  WebKitResponsePolicyDecision *response_decision;

  switch (type)
    {
    case WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION:
      action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));

      /* load_html() of our generated page is the one navigation allowed. */
      if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
          !webkit_navigation_action_is_redirect (action) &&
          g_strcmp0 (webkit_uri_request_get_uri (webkit_navigation_action_get_request (action)),
                     GLOSS_READER_BASE_URI) == 0)
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }

      gloss_article_view_handle_link (self, action);
      webkit_policy_decision_ignore (decision);
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION:
      action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
      gloss_article_view_handle_link (self, action);
      webkit_policy_decision_ignore (decision);
      return TRUE;

    case WEBKIT_POLICY_DECISION_TYPE_RESPONSE:
      /* Never turn a response into a download. */
      response_decision = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      if (webkit_response_policy_decision_is_mime_type_supported (response_decision))
        {
          webkit_policy_decision_use (decision);
        }
      else
        {
          webkit_policy_decision_ignore (decision);
        }
      return TRUE;

    default:
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           GlossArticleView       *self)
{
  return NULL;
}

static gboolean
permission_request_cb (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       GlossArticleView        *self)
{
  webkit_permission_request_deny (request);

  return TRUE;
}

static gboolean
run_file_chooser_cb (WebKitWebView            *web_view,
                     WebKitFileChooserRequest *request,
                     GlossArticleView         *self)
{
  webkit_file_chooser_request_cancel (request);

  return TRUE;
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit_test_result,
                 GlossArticleView    *self)
{
  g_autoptr(GList) items = NULL;
  gboolean keep_inspector = g_getenv ("GLOSS_DEBUG") != NULL;

  /* WebKit's menu offers navigation, downloads and reloading, none of
   * which a reading view does: keep copying and the inspector.
   */
  items = g_list_copy (webkit_context_menu_get_items (menu));
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (item);

      if (action == WEBKIT_CONTEXT_MENU_ACTION_COPY ||
          action == WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD ||
          action == WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL ||
          (action == WEBKIT_CONTEXT_MENU_ACTION_INSPECT_ELEMENT && keep_inspector))
        {
          continue;
        }

      webkit_context_menu_remove (menu, item);
    }

  /* No menu at all rather than an empty one. */
  return webkit_context_menu_get_n_items (menu) == 0;
}

/* Colour scheme. */

static void
gloss_article_view_update_dark (GlossArticleView *self)
{
  gboolean dark = FALSE;
  GdkRGBA background;

  if (adw_is_initialized ())
    {
      dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
    }
  else
    {
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-application-prefer-dark-theme", &dark,
                    NULL);
    }

  self->dark = !!dark;

  gdk_rgba_parse (&background, self->dark ? DARK_BACKGROUND : LIGHT_BACKGROUND);
  if (self->web_view != NULL)
    {
      webkit_web_view_set_background_color (self->web_view, &background);
    }

  gloss_article_view_push_color_scheme (self);
}

/* Models. */

static void
annotation_notify_cb (GlossAnnotation  *annotation,
                      GParamSpec       *pspec,
                      GlossArticleView *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "start") ||
      g_str_equal (name, "end") ||
      g_str_equal (name, "kind") ||
      g_str_equal (name, "tags") ||
      g_str_equal (name, "anchor-state"))
    {
      gloss_article_view_queue_repaint (self);
    }
}

static void
unwatch_annotation (gpointer data,
                    gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (data, annotation_notify_cb, user_data);
}

static void
annotations_items_changed_cb (GListModel       *model,
                              guint             position,
                              guint             removed,
                              guint             added,
                              GlossArticleView *self)
{
  for (guint i = 0; i < removed; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (self->watched_annotations, position + i);

      unwatch_annotation (annotation, self);
    }
  g_ptr_array_remove_range (self->watched_annotations, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      if (!GLOSS_IS_ANNOTATION (item))
        {
          g_critical ("The annotations model of a GlossArticleView holds a %s",
                      G_OBJECT_TYPE_NAME (item));
          continue;
        }

      g_signal_connect (item, "notify", G_CALLBACK (annotation_notify_cb), self);
      g_ptr_array_insert (self->watched_annotations, position + i, g_object_ref (item));
    }

  gloss_article_view_queue_repaint (self);
}

static void
gloss_article_view_unwatch_annotations (GlossArticleView *self)
{
  if (self->annotations != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->annotations,
                                            annotations_items_changed_cb, self);
      g_clear_object (&self->annotations);
    }

  g_ptr_array_foreach (self->watched_annotations, unwatch_annotation, self);
  g_ptr_array_set_size (self->watched_annotations, 0);
}

static void
findings_items_changed_cb (GListModel       *model,
                           guint             position,
                           guint             removed,
                           guint             added,
                           GlossArticleView *self)
{
  gloss_article_view_queue_repaint (self);
}

static void
gloss_article_view_set_findings_model (GlossArticleView  *self,
                                       GListModel       **field,
                                       GListModel        *model)
{
  if (*field == model)
    {
      return;
    }

  if (*field != NULL)
    {
      g_signal_handlers_disconnect_by_func (*field, findings_items_changed_cb, self);
      g_clear_object (field);
    }

  if (model != NULL)
    {
      *field = g_object_ref (model);
      g_signal_connect (model, "items-changed",
                        G_CALLBACK (findings_items_changed_cb), self);
    }

  gloss_article_view_queue_repaint (self);
}

/* GObject. */

static void
zoom_level_changed_cb (GlossArticleView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM_LEVEL]);
}

static gboolean
gloss_article_view_grab_focus (GtkWidget *widget)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (widget);

  if (self->web_view == NULL)
    {
      return FALSE;
    }

  return gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
gloss_article_view_dispose (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  /* Nothing is sent to the page any more. */
  self->script_ready = FALSE;

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  g_clear_handle_id (&self->repaint_id, g_source_remove);

  if (self->watched_annotations != NULL)
    {
      gloss_article_view_unwatch_annotations (self);
    }
  gloss_article_view_set_findings_model (self, &self->claims, NULL);
  gloss_article_view_set_findings_model (self, &self->cues, NULL);

  if (adw_is_initialized ())
    {
      g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
    }

  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }

  if (self->content_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->content_manager, self);
      webkit_user_content_manager_unregister_script_message_handler (self->content_manager,
                                                                     GLOSS_READER_MESSAGE_HANDLER,
                                                                     gloss_web_context_get_world_name ());
      g_clear_object (&self->content_manager);
    }

  g_clear_object (&self->document);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->dispose (object);
}

static void
gloss_article_view_finalize (GObject *object)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  g_clear_pointer (&self->watched_annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_article_view_parent_class)->finalize (object);
}

static void
gloss_article_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_ANNOTATIONS:
      g_value_set_object (value, self->annotations);
      break;

    case PROP_CLAIMS:
      g_value_set_object (value, self->claims);
      break;

    case PROP_CUES:
      g_value_set_object (value, self->cues);
      break;

    case PROP_SHOW_FINDINGS:
      g_value_set_boolean (value, self->show_findings);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, self->has_selection);
      break;

    case PROP_ZOOM_LEVEL:
      g_value_set_double (value, self->web_view != NULL ? webkit_web_view_get_zoom_level (self->web_view) : 1.0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GlossArticleView *self = GLOSS_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      gloss_article_view_set_document (self, g_value_get_object (value));
      break;

    case PROP_ANNOTATIONS:
      gloss_article_view_set_annotations (self, g_value_get_object (value));
      break;

    case PROP_CLAIMS:
      gloss_article_view_set_findings (self, g_value_get_object (value), self->cues);
      break;

    case PROP_CUES:
      gloss_article_view_set_findings (self, self->claims, g_value_get_object (value));
      break;

    case PROP_SHOW_FINDINGS:
      gloss_article_view_set_show_findings (self, g_value_get_boolean (value));
      break;

    case PROP_ZOOM_LEVEL:
      if (self->web_view != NULL)
        {
          webkit_web_view_set_zoom_level (self->web_view, g_value_get_double (value));
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_article_view_class_init (GlossArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_article_view_dispose;
  object_class->finalize = gloss_article_view_finalize;
  object_class->get_property = gloss_article_view_get_property;
  object_class->set_property = gloss_article_view_set_property;

  widget_class->grab_focus = gloss_article_view_grab_focus;

  /**
   * GlossArticleView:document:
   *
   * The article shown.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GLOSS_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:annotations:
   *
   * The notes to paint, a #GListModel of #GlossAnnotation.
   */
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:claims:
   *
   * The claims found by the analysis, a #GListModel of #GlossFinding,
   * painted while #GlossArticleView:show-findings is set.
   */
  properties[PROP_CLAIMS] =
    g_param_spec_object ("claims", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:cues:
   *
   * The bias cues found by the analysis, a #GListModel of #GlossFinding,
   * painted while #GlossArticleView:show-findings is set.
   */
  properties[PROP_CUES] =
    g_param_spec_object ("cues", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:show-findings:
   *
   * Whether claims and cues are painted in the text.
   */
  properties[PROP_SHOW_FINDINGS] =
    g_param_spec_boolean ("show-findings", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:loaded:
   *
   * Whether the article's page finished loading and the reader script is
   * running in it.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:has-selection:
   *
   * Whether the reader selected some text.
   */
  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:zoom-level:
   *
   * The zoom level of the page, 1.0 for 100%.
   */
  properties[PROP_ZOOM_LEVEL] =
    g_param_spec_double ("zoom-level", NULL, NULL,
                         0.25, 5.0, 1.0,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossArticleView::selection-changed:
   *
   * The reader's selection changed; read it with
   * gloss_article_view_get_selection().
   */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * GlossArticleView::annotation-activated:
   * @id: the annotation's id
   *
   * The reader clicked the highlight of a note.
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * GlossArticleView::finding-activated:
   * @start: where the finding starts
   * @end: where the finding ends
   *
   * The reader clicked a painted claim or cue.
   */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * GlossArticleView::activate-link:
   * @uri: an http, https or mailto URI
   *
   * The reader clicked a link of the article. The default handler opens it
   * in the user's browser or mail client; return %TRUE from a handler to
   * open it some other way. The page itself never follows a link.
   *
   * Returns: %TRUE when the link was handled
   */
  signals[ACTIVATE_LINK] =
    g_signal_new_class_handler ("activate-link",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                G_CALLBACK (gloss_article_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articleview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
add_user_content (WebKitUserContentManager *content_manager)
{
  g_autoptr(GBytes) script = NULL;
  g_autoptr(GBytes) style = NULL;
  g_autoptr(GError) error = NULL;
  WebKitUserScript *user_script;
  WebKitUserStyleSheet *user_style;

  /* Asking our own resource, rather than the global ones, also keeps the
   * linker from dropping it out of the static library.
   */
  script = g_resource_lookup_data (gloss_get_resource (), READER_SCRIPT_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  style = g_resource_lookup_data (gloss_get_resource (), READER_STYLE_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);

  /* Our script runs in its own world: it shares the page's DOM but none
   * of the page's globals, and only it can reach our message handler.
   */
  user_script = webkit_user_script_new_for_world (g_bytes_get_data (script, NULL),
                                                  WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                                  WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                                  gloss_web_context_get_world_name (),
                                                  NULL, NULL);
  webkit_user_content_manager_add_script (content_manager, user_script);
  webkit_user_script_unref (user_script);

  user_style = webkit_user_style_sheet_new (g_bytes_get_data (style, NULL),
                                            WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                            WEBKIT_USER_STYLE_LEVEL_USER,
                                            NULL, NULL);
  webkit_user_content_manager_add_style_sheet (content_manager, user_style);
  webkit_user_style_sheet_unref (user_style);
}

/* WebKit opens connections of its own accord: to a link's server as soon
 * as the link is clicked (before the navigation policy refuses it), and for
 * <link rel=preconnect|dns-prefetch|preload>. None of that may happen in a
 * reader that never goes online.
 */
static void
disable_speculative_loads (WebKitSettings *settings)
{
  static const char * const identifiers[] = {
    "BeaconAPI",
    "LinkDNSPrefetch",
    "LinkPreconnect",
    "LinkPreconnectEarlyHints",
    "LinkPrefetch",
    "LinkPreload",
  };
  WebKitFeatureList *features = webkit_settings_get_all_features ();

  for (gsize i = 0; i < webkit_feature_list_get_length (features); i++)
    {
      WebKitFeature *feature = webkit_feature_list_get (features, i);

      if (g_strv_contains (identifiers, webkit_feature_get_identifier (feature)))
        {
          webkit_settings_set_feature_enabled (settings, feature, FALSE);
        }
    }

  webkit_feature_list_unref (features);
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;
  gboolean debug = g_getenv ("GLOSS_DEBUG") != NULL;

  self->cancellable = g_cancellable_new ();
  self->watched_annotations = g_ptr_array_new_with_free_func (g_object_unref);

  self->content_manager = webkit_user_content_manager_new ();
  /* The handler must be connected before it is registered. */
  g_signal_connect (self->content_manager,
                    "script-message-received::" GLOSS_READER_MESSAGE_HANDLER,
                    G_CALLBACK (script_message_received_cb), self);
  webkit_user_content_manager_register_script_message_handler (self->content_manager,
                                                               GLOSS_READER_MESSAGE_HANDLER,
                                                               gloss_web_context_get_world_name ());
  add_user_content (self->content_manager);

  /* The page's own JavaScript is stripped at parse time while ours keeps
   * running: enable-javascript must stay on for user scripts, timers and
   * calls from C to work. WebKitGTK 6.0 has no plugins to switch off.
   */
  settings = webkit_settings_new_with_settings ("enable-javascript", TRUE,
                                                "enable-javascript-markup", FALSE,
                                                "javascript-can-open-windows-automatically", FALSE,
                                                "javascript-can-access-clipboard", FALSE,
                                                "enable-webgl", FALSE,
                                                "enable-webaudio", FALSE,
                                                "enable-webrtc", FALSE,
                                                "enable-media", FALSE,
                                                "enable-media-stream", FALSE,
                                                "enable-mediasource", FALSE,
                                                "enable-encrypted-media", FALSE,
                                                "media-playback-requires-user-gesture", TRUE,
                                                "enable-fullscreen", FALSE,
                                                "enable-page-cache", FALSE,
                                                "enable-html5-database", FALSE,
                                                "enable-html5-local-storage", FALSE,
                                                "enable-back-forward-navigation-gestures", FALSE,
                                                "allow-file-access-from-file-urls", FALSE,
                                                "allow-universal-access-from-file-urls", FALSE,
                                                "allow-top-navigation-to-data-urls", FALSE,
                                                "enable-developer-extras", debug,
                                                "enable-write-console-messages-to-stdout", debug,
                                                "default-charset", "utf-8",
                                                NULL);
  disable_speculative_loads (settings);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", gloss_web_context_get_default (),
                                 "network-session", gloss_web_context_get_network_session (),
                                 "user-content-manager", self->content_manager,
                                 "settings", settings,
                                 "default-content-security-policy", GLOSS_READER_CSP,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  g_signal_connect (self->web_view, "decide-policy",
                    G_CALLBACK (decide_policy_cb), self);
  g_signal_connect (self->web_view, "create",
                    G_CALLBACK (create_cb), self);
  g_signal_connect (self->web_view, "permission-request",
                    G_CALLBACK (permission_request_cb), self);
  g_signal_connect (self->web_view, "run-file-chooser",
                    G_CALLBACK (run_file_chooser_cb), self);
  g_signal_connect (self->web_view, "context-menu",
                    G_CALLBACK (context_menu_cb), self);
  g_signal_connect (self->web_view, "load-changed",
                    G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed",
                    G_CALLBACK (load_failed_cb), self);
  g_signal_connect (self->web_view, "web-process-terminated",
                    G_CALLBACK (web_process_terminated_cb), self);
  g_signal_connect_swapped (self->web_view, "notify::zoom-level",
                            G_CALLBACK (zoom_level_changed_cb), self);

  if (adw_is_initialized ())
    {
      g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                G_CALLBACK (gloss_article_view_update_dark), self);
    }
  gloss_article_view_update_dark (self);

  self->filter_pending = TRUE;
  gloss_web_context_get_content_filter_async (self->cancellable,
                                              content_filter_ready_cb, self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Article"),
                                  -1);
}

/**
 * gloss_article_view_new:
 *
 * Creates a reading view.
 *
 * Returns: (transfer floating): a new #GlossArticleView
 */
GtkWidget *
gloss_article_view_new (void)
{
  return g_object_new (GLOSS_TYPE_ARTICLE_VIEW, NULL);
}

GlossDocument *
gloss_article_view_get_document (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->document;
}

void
gloss_article_view_set_document (GlossArticleView *self,
                                 GlossDocument    *document)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (document == NULL || GLOSS_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    {
      return;
    }

  self->crash_reloads = 0;
  self->has_pending_reveal = FALSE;
  self->has_pending_select = FALSE;

  if (self->web_view != NULL)
    {
      gloss_article_view_load (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * gloss_article_view_set_annotations:
 * @self: a #GlossArticleView
 * @annotations: (nullable): a #GListModel of #GlossAnnotation
 *
 * Sets the notes to paint. The view follows the model and each note's
 * changes.
 */
void
gloss_article_view_set_annotations (GlossArticleView *self,
                                    GListModel       *annotations)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (annotations == NULL || G_IS_LIST_MODEL (annotations));

  if (self->annotations == annotations || self->watched_annotations == NULL)
    {
      return;
    }

  gloss_article_view_unwatch_annotations (self);

  if (annotations != NULL)
    {
      self->annotations = g_object_ref (annotations);
      g_signal_connect (annotations, "items-changed",
                        G_CALLBACK (annotations_items_changed_cb), self);
      annotations_items_changed_cb (annotations, 0, 0,
                                    g_list_model_get_n_items (annotations), self);
    }

  gloss_article_view_queue_repaint (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANNOTATIONS]);
}

/**
 * gloss_article_view_set_findings:
 * @self: a #GlossArticleView
 * @claims: (nullable): a #GListModel of #GlossFinding
 * @cues: (nullable): a #GListModel of #GlossFinding
 *
 * Sets the analysis results painted while #GlossArticleView:show-findings
 * is set.
 */
void
gloss_article_view_set_findings (GlossArticleView *self,
                                 GListModel       *claims,
                                 GListModel       *cues)
{
  gboolean claims_changed;
  gboolean cues_changed;

  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (claims == NULL || G_IS_LIST_MODEL (claims));
  g_return_if_fail (cues == NULL || G_IS_LIST_MODEL (cues));

  claims_changed = self->claims != claims;
  cues_changed = self->cues != cues;

  gloss_article_view_set_findings_model (self, &self->claims, claims);
  gloss_article_view_set_findings_model (self, &self->cues, cues);

  if (claims_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIMS]);
    }
  if (cues_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUES]);
    }
}

gboolean
gloss_article_view_get_show_findings (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  return self->show_findings;
}

void
gloss_article_view_set_show_findings (GlossArticleView *self,
                                      gboolean          show_findings)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  show_findings = !!show_findings;
  if (self->show_findings == show_findings)
    {
      return;
    }

  self->show_findings = show_findings;
  gloss_article_view_push_show_findings (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FINDINGS]);
}

gboolean
gloss_article_view_get_loaded (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  return self->loaded;
}

/**
 * gloss_article_view_get_selection:
 * @self: a #GlossArticleView
 * @start: (out) (optional): where the selection starts
 * @end: (out) (optional): where the selection ends
 *
 * Gets the reader's selection as code points into the document text.
 *
 * Returns: %TRUE if there is a selection
 */
gboolean
gloss_article_view_get_selection (GlossArticleView *self,
                                  guint            *start,
                                  guint            *end)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);

  if (start != NULL)
    {
      *start = self->selection_start;
    }
  if (end != NULL)
    {
      *end = self->selection_end;
    }

  return self->has_selection;
}

/**
 * gloss_article_view_get_selection_rect:
 * @self: a #GlossArticleView
 * @rect: (out): where the selection is, in @self's coordinates
 *
 * Returns: %TRUE if there is a selection
 */
gboolean
gloss_article_view_get_selection_rect (GlossArticleView *self,
                                       GdkRectangle     *rect)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  *rect = self->selection_rect;

  return self->has_selection;
}

void
gloss_article_view_select_range (GlossArticleView *self,
                                 guint             start,
                                 guint             end)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (start <= end);

  if (start == end)
    {
      gloss_article_view_clear_selection (self);
      return;
    }

  if (!self->script_ready)
    {
      self->has_pending_select = TRUE;
      self->pending_select_start = start;
      self->pending_select_end = end;
      return;
    }

  gloss_article_view_call_with_range (self, "selectRange", start, end);
}

void
gloss_article_view_clear_selection (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  self->has_pending_select = FALSE;

  if (!self->script_ready)
    {
      gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
      return;
    }

  gloss_article_view_call (self, "clearSelection", NULL, NULL);
}

void
gloss_article_view_reveal (GlossArticleView *self,
                           guint             start,
                           guint             end)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));
  g_return_if_fail (start <= end);

  if (!self->script_ready)
    {
      self->has_pending_reveal = TRUE;
      self->pending_reveal_start = start;
      self->pending_reveal_end = end;
      return;
    }

  gloss_article_view_call_with_range (self, "reveal", start, end);
}

/**
 * gloss_article_view_get_web_view:
 * @self: a #GlossArticleView
 *
 * Returns: (transfer none): the view's #WebKitWebView
 */
WebKitWebView *
gloss_article_view_get_web_view (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->web_view;
}
