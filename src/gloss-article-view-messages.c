/* gloss-article-view-messages.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "gloss-article-view-private.h"

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

  /* Whatever the page says now answers a selectRange() sent before. */
  self->select_in_flight = FALSE;

  if (empty != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (empty) ||
          json_node_get_value_type (empty) != G_TYPE_BOOLEAN ||
          !json_node_get_boolean (empty))
        {
          g_debug ("Dropping a selection message with a bad “empty” member");
          return;
        }

      _gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
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
      _gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
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

  _gloss_article_view_update_selection (self, TRUE, start, end, &rect);
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
          _gloss_article_view_emit_annotation_activated (self, id);
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

  _gloss_article_view_emit_finding_activated (self, start, end);
}

/* Appends the explanation of every finding of @model at [start, end) to
 * @text, one a line, skipping lines it already has.
 */
static gboolean
append_explanations (GListModel *model,
                     guint       start,
                     guint       end,
                     GPtrArray  *lines)
{
  gboolean found = FALSE;
  guint n_items;

  if (model == NULL)
    {
      return FALSE;
    }

  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      const char *explanation;

      if (!GLOSS_IS_FINDING (item) ||
          gloss_finding_get_start (GLOSS_FINDING (item)) != start ||
          gloss_finding_get_end (GLOSS_FINDING (item)) != end)
        {
          continue;
        }

      found = TRUE;
      explanation = gloss_finding_get_explanation (GLOSS_FINDING (item));
      if (explanation != NULL && *explanation != '\0' &&
          !g_ptr_array_find_with_equal_func (lines, explanation, g_str_equal, NULL))
        {
          g_ptr_array_add (lines, (gpointer)explanation);
        }
    }

  return found;
}

static void
handle_hover_message (GlossArticleView *self,
                      JsonObject       *object)
{
  guint length = gloss_document_get_length (self->document);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autofree char *text = NULL;
  JsonNode *findings = json_object_get_member (object, "findings");
  JsonArray *array;

  if (findings == NULL || !JSON_NODE_HOLDS_ARRAY (findings))
    {
      g_debug ("Dropping a hover message without findings");
      return;
    }

  array = json_node_get_array (findings);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *finding;
      guint start;
      guint end;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_debug ("Dropping a hover message with a finding that is not an object");
          return;
        }

      finding = json_node_get_object (element);
      if (!get_uint_member (finding, "start", length, &start) ||
          !get_uint_member (finding, "end", length, &end) ||
          start >= end)
        {
          g_debug ("Dropping a hover message with a finding out of the document");
          return;
        }

      /* The page may still show findings that were just replaced; those
       * are skipped rather than explained with someone else's words.
       */
      append_explanations (self->cues, start, end, lines);
      append_explanations (self->claims, start, end, lines);
    }

  if (lines->len > 0)
    {
      g_ptr_array_add (lines, NULL);
      text = g_strjoinv ("\n", (char **)lines->pdata);
    }

  _gloss_article_view_set_hover_text (self, text);
}

static void
handle_ready_message (GlossArticleView *self)
{
  self->script_ready = TRUE;

  _gloss_article_view_push_color_scheme (self);
  _gloss_article_view_push_show_findings (self);

  _gloss_article_view_repaint_now (self);

  if (self->has_pending_select)
    {
      self->has_pending_select = FALSE;
      self->select_in_flight = TRUE;
      _gloss_article_view_call_with_range (self, "selectRange",
                                          self->pending_select_start,
                                          self->pending_select_end);
    }

  if (self->has_pending_reveal)
    {
      self->has_pending_reveal = FALSE;
      _gloss_article_view_call_with_range (self, "reveal",
                                          self->pending_reveal_start,
                                          self->pending_reveal_end);
    }

  _gloss_article_view_update_loaded (self);
}

void
_gloss_article_view_script_message_received_cb (WebKitUserContentManager *content_manager,
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
  else if (g_str_equal (type, "hover"))
    {
      handle_hover_message (self, object);
    }
  else
    {
      g_debug ("Dropping a reader message of unknown type “%s”", type);
    }
}
