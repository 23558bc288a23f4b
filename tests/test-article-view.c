/* test-article-view.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "gloss-article-view.h"
#include "gloss-web-context.h"
#include "gloss-test-util.h"

/* Generous: the first page of a run also starts WebKit's processes. */

/* A test that fails to reach its condition fails, it never hangs. */
static gboolean
view_is_loaded (gpointer data)
{
  return gloss_article_view_get_loaded (data);
}

/* Documents. */

static GlossDocument *
build_article (const char *link_href)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);

  gloss_document_builder_set_title (builder, "The Lighthouse Keepers’ Last Season");
  gloss_document_builder_set_byline (builder, "Ada Quill");
  gloss_document_builder_set_site_name (builder, "The Coastal Review");
  gloss_document_builder_set_published (builder, "2025-11-03");

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "Automation arrived slowly, then ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_EMPHASIS, NULL);
  gloss_document_builder_append_text (builder, "all at once", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, ": the last keepers left the rock 🦊 with their logbooks, "
                                               "and nobody 🌊 has lit the lamp by hand since.",
                                      -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
  gloss_document_builder_append_text (builder, "What the logbooks say", -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "The records show that storms were ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_STRONG, NULL);
  gloss_document_builder_append_text (builder, "three times", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " as frequent in the last decade of keeping, "
                                               "a figure that the harbour board has never disputed.",
                                      -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_QUOTE, 0);
  gloss_document_builder_append_text (builder, "“You learn the sea’s moods the way you learn a neighbour’s,” "
                                               "one keeper wrote in 1987.",
                                      -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM, 1);
  gloss_document_builder_append_text (builder, "Fog signals were replaced in 1994.", -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM, 1);
  gloss_document_builder_append_text (builder, "The last keeper retired in 1998.", -1);
  gloss_document_builder_end_block (builder);

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "The board’s ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK,
                                    link_href != NULL ? link_href : "https://example.org/report");
  gloss_document_builder_append_text (builder, "annual report", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " lists every light that is still staffed, "
                                               "and the list grows shorter each year.",
                                      -1);
  gloss_document_builder_end_block (builder);

  return gloss_document_builder_finish (builder, NULL);
}

/* The code point offset of the first @needle in @document's text. */
static guint
find_offset (GlossDocument *document,
             const char    *needle)
{
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);

  return (guint)g_utf8_pointer_to_offset (text, found);
}

static guint
utf8_length (const char *text)
{
  return (guint)g_utf8_strlen (text, -1);
}

/* A window with a view in it. */

typedef struct
{
  GtkWindow        *window;
  GlossArticleView *view;
} Harness;

static void
harness_init (Harness *harness)
{
  harness->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (harness->window, 900, 700);
  harness->view = GLOSS_ARTICLE_VIEW (gloss_article_view_new ());
  g_object_ref (harness->view);
  gtk_window_set_child (harness->window, GTK_WIDGET (harness->view));
  gtk_window_present (harness->window);
}

static void
harness_load (Harness       *harness,
              GlossDocument *document)
{
  gloss_article_view_set_document (harness->view, document);
  g_assert_false (gloss_article_view_get_loaded (harness->view));
  gloss_test_wait_until (view_is_loaded, harness->view, "the article to load");
}

static void
harness_clear (Harness *harness)
{
  GlossArticleView *view = g_steal_pointer (&harness->view);

  gtk_window_destroy (g_steal_pointer (&harness->window));
  g_assert_finalize_object (view);
}

/* Running JavaScript. */

typedef struct
{
  JSCValue *value;
  GError   *error;
  gboolean  done;
} JsResult;

static void
js_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  JsResult *js = user_data;

  js->value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object),
                                                                     result, &js->error);
  js->done = TRUE;
}

static void
unloaded_cb (GlossArticleView *view,
             GParamSpec       *pspec,
             guint            *n_unloaded)
{
  if (!gloss_article_view_get_loaded (view))
    (*n_unloaded)++;
}

static gboolean
count_is_nonzero (gpointer data)
{
  return *(guint *)data > 0;
}

/* Runs @body as a function in @world_name (NULL: the page's own world)
 * and returns what it returns, which must be a string.
 *
 * On a slow machine WebKit's web process may die under a call; the view
 * reloads its page, and the call is made again on the new one. A call
 * that fails on a page that stays up fails the test.
 */
static char *
run_js_in_world (GlossArticleView *view,
                 const char       *world_name,
                 const char       *body,
                 GVariant         *arguments)
{
  g_autoptr(GVariant) owned = arguments != NULL ? g_variant_ref_sink (arguments) : NULL;
  char *result;

  for (guint attempt = 0; ; attempt++)
    {
      JsResult js = { NULL, NULL, FALSE };
      guint n_unloaded = 0;
      gulong handler = g_signal_connect (view, "notify::loaded", G_CALLBACK (unloaded_cb), &n_unloaded);

      webkit_web_view_call_async_javascript_function (gloss_article_view_get_web_view (view),
                                                      body, -1, owned, world_name,
                                                      NULL, NULL, js_done_cb, &js);
      gloss_test_wait_until (gloss_test_flag_is_set, &js.done, "a script to run");

      if (js.error != NULL && attempt < 3)
        {
          g_test_message ("A script failed (%s); running it again once the page is back", js.error->message);
          g_clear_error (&js.error);
          gloss_test_wait_until (count_is_nonzero, &n_unloaded, "the page to be reloaded after a failed script");
          g_signal_handler_disconnect (view, handler);
          gloss_test_wait_until (view_is_loaded, view, "the page to be back");
          continue;
        }

      g_signal_handler_disconnect (view, handler);
      g_assert_no_error (js.error);
      g_assert_true (jsc_value_is_string (js.value));
      result = jsc_value_to_string (js.value);
      g_object_unref (js.value);

      return result;
    }
}

static char *
run_js (GlossArticleView *view,
        const char       *body,
        GVariant         *arguments)
{
  return run_js_in_world (view, gloss_web_context_get_world_name (), body, arguments);
}

static JsonNode *
run_js_json (GlossArticleView *view,
             const char       *body,
             GVariant         *arguments)
{
  g_autofree char *json = run_js (view, body, arguments);
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);

  return node;
}

/* Snapshots. */

typedef struct
{
  GdkTexture *texture;
  GError     *error;
  gboolean    done;
} SnapshotResult;

static void
snapshot_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SnapshotResult *snapshot = user_data;

  snapshot->texture = webkit_web_view_get_snapshot_finish (WEBKIT_WEB_VIEW (object),
                                                           result, &snapshot->error);
  snapshot->done = TRUE;
}

/* Highlights and styles change the page at its next rendering update; a
 * snapshot shows what was last painted.
 */
static void
wait_for_paint (GlossArticleView *view)
{
  g_autofree char *painted = NULL;

  painted = run_js (view,
                    "await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));"
                    "return 'painted';",
                    NULL);
  g_assert_cmpstr (painted, ==, "painted");
}

static GdkTexture *
take_snapshot (GlossArticleView *view,
               const char       *name)
{
  SnapshotResult snapshot = { NULL, NULL, FALSE };
  const char *directory = g_getenv ("GLOSS_TEST_SCREENSHOT_DIR");

  wait_for_paint (view);

  webkit_web_view_get_snapshot (gloss_article_view_get_web_view (view),
                                WEBKIT_SNAPSHOT_REGION_VISIBLE,
                                WEBKIT_SNAPSHOT_OPTIONS_NONE,
                                NULL, snapshot_done_cb, &snapshot);
  gloss_test_wait_until (gloss_test_flag_is_set, &snapshot.done, "a snapshot");
  g_assert_no_error (snapshot.error);
  g_assert_nonnull (snapshot.texture);

  /* Pictures for a person to look at, on request. */
  if (directory != NULL && name != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      gdk_texture_save_to_png (snapshot.texture, path);
    }

  return snapshot.texture;
}

typedef struct
{
  guchar *pixels;
  int     width;
  int     height;
  gsize   stride;
} Pixels;

static void
pixels_init (Pixels     *pixels,
             GdkTexture *texture)
{
  pixels->width = gdk_texture_get_width (texture);
  pixels->height = gdk_texture_get_height (texture);
  pixels->stride = (gsize)pixels->width * 4;
  pixels->pixels = g_malloc (pixels->stride * pixels->height);
  gdk_texture_download (texture, pixels->pixels, pixels->stride);
}

/* The pixel as 0xRRGGBB (gdk_texture_download() writes native-endian
 * ARGB32, that is B, G, R, A in memory on little-endian machines).
 */
static guint32
pixels_get (Pixels *pixels,
            int     x,
            int     y)
{
  guint32 argb;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, pixels->width);
  g_assert_cmpint (y, <, pixels->height);

  memcpy (&argb, pixels->pixels + (gsize)y * pixels->stride + (gsize)x * 4, 4);

  return argb & 0xffffff;
}

/* The share of the pixels of a rectangle that have the colour @rgb. */
static double
pixels_share (Pixels  *pixels,
              double   x,
              double   y,
              double   width,
              double   height,
              guint32  rgb)
{
  guint matching = 0;
  guint total = 0;

  for (int j = (int)ceil (y); j < (int)floor (y + height); j++)
    {
      for (int i = (int)ceil (x); i < (int)floor (x + width); i++)
        {
          total++;
          if (pixels_get (pixels, i, j) == rgb)
            {
              matching++;
            }
        }
    }

  g_assert_cmpuint (total, >, 0);

  return (double)matching / total;
}

/* (1) The page's text is the document's text. */

static const char page_blocks_script[] =
  "const blocks = [];"
  "for (const element of document.querySelectorAll('[data-b]')) {"
  "  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);"
  "  let text = '';"
  "  for (let node = walker.nextNode(); node; node = walker.nextNode())"
  "    text += node.data;"
  "  blocks.push({ b: Number(element.dataset.b), start: Number(element.dataset.start),"
  "                end: Number(element.dataset.end), text });"
  "}"
  "return JSON.stringify(blocks);";

static void
assert_page_matches_document (GlossArticleView *view,
                              GlossDocument    *document)
{
  g_autoptr(JsonNode) node = run_js_json (view, page_blocks_script, NULL);
  JsonArray *blocks = json_node_get_array (node);

  g_assert_cmpuint (json_array_get_length (blocks), ==, gloss_document_get_n_blocks (document));

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *object = json_array_get_object_element (blocks, i);
      const GlossBlock *block = gloss_document_get_block (document, i);
      g_autofree char *expected = gloss_document_dup_slice (document, block->start, block->end);

      g_assert_cmpint (json_object_get_int_member (object, "b"), ==, i);
      g_assert_cmpint (json_object_get_int_member (object, "start"), ==, block->start);
      g_assert_cmpint (json_object_get_int_member (object, "end"), ==, block->end);
      g_assert_cmpstr (json_object_get_string_member (object, "text"), ==, expected);
    }
}

static void
test_page_text (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  g_autofree char *page_world = NULL;
  g_autofree char *title = NULL;
  Harness harness;

  harness_init (&harness);
  harness_load (&harness, document);

  assert_page_matches_document (harness.view, document);

  title = run_js (harness.view, "return document.title;", NULL);
  g_assert_cmpstr (title, ==, "The Lighthouse Keepers’ Last Season");

  /* The page's own world sees none of the reader script. */
  page_world = run_js_in_world (harness.view, NULL,
                                "return typeof window.glossReader + ' ' + typeof window.webkit?.messageHandlers?.gloss;",
                                NULL);
  g_assert_cmpstr (page_world, ==, "undefined undefined");

  harness_clear (&harness);
}

/* (2) Selections arrive as code points. */

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static gboolean
count_is_positive (gpointer data)
{
  return *(guint *)data > 0;
}

static void
wait_for_selection_change (GlossArticleView *view,
                           const char       *what)
{
  guint count = 0;
  gulong handler = g_signal_connect (view, "selection-changed",
                                     G_CALLBACK (count_cb), &count);

  gloss_test_wait_until (count_is_positive, &count, what);
  g_signal_handler_disconnect (view, handler);
}

static void
assert_selection (GlossArticleView *view,
                  guint             expected_start,
                  guint             expected_end)
{
  GdkRectangle rect;
  guint start = G_MAXUINT;
  guint end = G_MAXUINT;

  g_assert_true (gloss_article_view_get_selection (view, &start, &end));
  g_assert_cmpuint (start, ==, expected_start);
  g_assert_cmpuint (end, ==, expected_end);

  /* The rectangle is where the text is: inside the view, not empty. */
  g_assert_true (gloss_article_view_get_selection_rect (view, &rect));
  g_assert_cmpint (rect.width, >, 0);
  g_assert_cmpint (rect.height, >, 0);
  g_assert_cmpint (rect.x, >=, 0);
  g_assert_cmpint (rect.y, >=, 0);
  g_assert_cmpint (rect.x + rect.width, <=, gtk_widget_get_width (GTK_WIDGET (view)));
  g_assert_cmpint (rect.y + rect.height, <=, gtk_widget_get_height (GTK_WIDGET (view)));
}

static const char split_emoji_script[] =
  "const block = document.querySelector('[data-b=\"0\"]');"
  "const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);"
  "for (let node = walker.nextNode(); node; node = walker.nextNode()) {"
  "  const index = node.data.indexOf('\\u{1f30a}');"
  "  if (index < 0)"
  "    continue;"
  "  const range = document.createRange();"
  "  range.setStart(node, index - 'nobody '.length);"
  "  range.setEnd(node, index + 1);"
  "  getSelection().removeAllRanges();"
  "  getSelection().addRange(range);"
  "  return 'selected';"
  "}"
  "return 'not found';";

static void
test_selection (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  g_autofree char *split = NULL;
  GdkRectangle rect;
  GdkRectangle zoomed;
  Harness harness;
  guint start;
  guint end;

  harness_init (&harness);
  harness_load (&harness, document);
  g_assert_false (gloss_article_view_get_selection (harness.view, NULL, NULL));

  /* From plain text, across an <em>, to just after an emoji that takes
   * two UTF-16 units.
   */
  start = find_offset (document, "slowly");
  end = find_offset (document, "🦊") + 1;
  gloss_article_view_select_range (harness.view, start, end);
  wait_for_selection_change (harness.view, "the selection");
  assert_selection (harness.view, start, end);

  /* Across blocks: from a heading into the following paragraph. */
  start = find_offset (document, "logbooks say");
  end = find_offset (document, "three times") + utf8_length ("three");
  gloss_article_view_select_range (harness.view, start, end);
  wait_for_selection_change (harness.view, "the selection across blocks");
  assert_selection (harness.view, start, end);

  /* A selection made in the page that ends between the two halves of an
   * emoji takes the whole emoji.
   */
  split = run_js (harness.view, split_emoji_script, NULL);
  g_assert_cmpstr (split, ==, "selected");
  wait_for_selection_change (harness.view, "the selection made in the page");
  start = find_offset (document, "nobody");
  end = find_offset (document, "🌊") + 1;
  assert_selection (harness.view, start, end);

  gloss_article_view_clear_selection (harness.view);
  wait_for_selection_change (harness.view, "the selection to clear");
  g_assert_false (gloss_article_view_get_selection (harness.view, &start, &end));

  /* The rectangle is in the widget's pixels, whatever the zoom. */
  start = find_offset (document, "slowly");
  end = start + utf8_length ("slowly");
  gloss_article_view_select_range (harness.view, start, end);
  wait_for_selection_change (harness.view, "a word to be selected");
  g_assert_true (gloss_article_view_get_selection_rect (harness.view, &rect));
  gloss_article_view_clear_selection (harness.view);
  wait_for_selection_change (harness.view, "the selection to clear");

  g_object_set (harness.view, "zoom-level", 2.0, NULL);
  g_assert_cmpfloat (webkit_web_view_get_zoom_level (gloss_article_view_get_web_view (harness.view)), ==, 2.0);
  gloss_article_view_select_range (harness.view, start, end);
  wait_for_selection_change (harness.view, "the word to be selected at twice the size");
  g_assert_true (gloss_article_view_get_selection_rect (harness.view, &zoomed));
  g_assert_cmpint (ABS (zoomed.width - 2 * rect.width), <=, 3);
  g_assert_cmpint (ABS (zoomed.height - 2 * rect.height), <=, 3);

  harness_clear (&harness);
}

/* (3) Notes and findings are painted, follow their models and answer
 * clicks.
 */

static const char find_highlight_script[] =
  "for (const [name, highlight] of CSS.highlights) {"
  "  if (only !== '' && name !== only)"
  "    continue;"
  "  for (const range of highlight) {"
  "    if (range.toString() !== quote)"
  "      continue;"
  "    const rect = range.getClientRects()[0];"
  "    return JSON.stringify({ name, x: rect.x, y: rect.y, width: rect.width,"
  "                            height: rect.height, innerWidth: window.innerWidth,"
  "                            innerHeight: window.innerHeight });"
  "  }"
  "}"
  "return 'null';";

typedef struct
{
  GlossArticleView *view;
  const char       *name;
  const char       *quote;
  gboolean          present;
  JsonNode         *found;
} HighlightQuery;

static gboolean
highlight_matches (gpointer data)
{
  HighlightQuery *query = data;
  g_autoptr(JsonNode) node = NULL;
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "quote", "s", query->quote);
  g_variant_dict_insert (&arguments, "only", "s", query->name != NULL ? query->name : "");
  node = run_js_json (query->view, find_highlight_script, g_variant_dict_end (&arguments));

  g_clear_pointer (&query->found, json_node_unref);
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      query->found = g_steal_pointer (&node);
      return query->present;
    }

  return !query->present;
}

/* Waits until a range of highlight @name (NULL: any) reads @quote, or
 * until none does, and returns the highlight's name and first rectangle.
 */
static JsonNode *
wait_for_named_highlight (GlossArticleView *view,
                          const char       *name,
                          const char       *quote,
                          gboolean          present)
{
  HighlightQuery query = { view, name, quote, present, NULL };

  gloss_test_wait_until (highlight_matches, &query,
              present ? "a highlight to appear" : "a highlight to go away");

  return query.found;
}

static JsonNode *
wait_for_highlight (GlossArticleView *view,
                    const char       *quote,
                    gboolean          present)
{
  return wait_for_named_highlight (view, NULL, quote, present);
}

static void
string_cb (gpointer     instance,
           const char  *value,
           char       **out)
{
  g_free (*out);
  *out = g_strdup (value);
}

static gboolean
string_is_set (gpointer data)
{
  return *(char **)data != NULL;
}

static void
finding_activated_cb (GlossArticleView *view,
                      guint             start,
                      guint             end,
                      guint            *range)
{
  range[0] = start;
  range[1] = end;
  range[2] = TRUE;
}

static gboolean
finding_was_activated (gpointer data)
{
  return ((guint *)data)[2];
}

static const char click_script[] =
  "const target = document.elementFromPoint(x, y);"
  "target.dispatchEvent(new MouseEvent('click', { clientX: x, clientY: y, bubbles: true }));"
  "return target.tagName;";

/* Clicks the middle of the rectangle of @found. */
static void
click_highlight (GlossArticleView *view,
                 JsonNode         *found)
{
  JsonObject *rect = json_node_get_object (found);
  double x = json_object_get_double_member (rect, "x") + json_object_get_double_member (rect, "width") / 2;
  double y = json_object_get_double_member (rect, "y") + json_object_get_double_member (rect, "height") / 2;
  g_autofree char *tag = NULL;
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "x", "d", x);
  g_variant_dict_insert (&arguments, "y", "d", y);
  tag = run_js (view, click_script, g_variant_dict_end (&arguments));
  g_assert_nonnull (tag);
}

/* The share of the highlight's first rectangle painted in the page's
 * background colour, as the user sees it.
 */
static double
background_share (GlossArticleView *view,
                  JsonNode         *found,
                  GdkTexture       *texture)
{
  JsonObject *rect = json_node_get_object (found);
  double scale = gdk_texture_get_width (texture) / json_object_get_double_member (rect, "innerWidth");
  Pixels pixels;
  guint32 background;
  double share;

  pixels_init (&pixels, texture);
  background = pixels_get (&pixels, 2, 2);
  g_assert_cmphex (background, ==, 0xffffff);

  /* One pixel in from every edge: antialiasing is not a colour. */
  share = pixels_share (&pixels,
                        json_object_get_double_member (rect, "x") * scale + 1,
                        json_object_get_double_member (rect, "y") * scale + 1,
                        json_object_get_double_member (rect, "width") * scale - 2,
                        json_object_get_double_member (rect, "height") * scale - 2,
                        background);
  g_free (pixels.pixels);

  return share;
}

static void
test_highlights (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GListStore) claims = g_list_store_new (GLOSS_TYPE_FINDING);
  g_autoptr(GlossAnnotation) evidence = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  g_autoptr(GlossAnnotation) bias = gloss_annotation_new (GLOSS_ANNOTATION_BIAS);
  g_autoptr(GlossFinding) claim = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(JsonNode) found_bias = NULL;
  g_autoptr(JsonNode) found_claim = NULL;
  g_autoptr(JsonNode) flash = NULL;
  g_autoptr(GdkTexture) revealed = NULL;
  JsonObject *rect;
  g_autoptr(JsonNode) gone = NULL;
  g_autofree char *activated = NULL;
  g_autofree char *expected_name = NULL;
  g_autofree char *color = NULL;
  GlossVocabulary *vocabulary;
  const GlossTag *tag;
  const char *quote = "storms were three times as frequent";
  const char *moved_quote = "the harbour board has never disputed";
  const char *bias_quote = "grows shorter each year";
  const char *claim_quote = "the last keepers left the rock";
  const char *tags[2] = { NULL, NULL };
  guint activated_range[3] = { 0, 0, FALSE };
  Harness harness;
  guint start;

  harness_init (&harness);
  harness_load (&harness, document);
  gloss_article_view_set_annotations (harness.view, G_LIST_MODEL (store));

  /* Before the note, the quote's text sits on the page background. */
  found = wait_for_highlight (harness.view, quote, FALSE);
  g_assert_null (found);

  start = find_offset (document, quote);
  gloss_annotation_set_target_from_text (evidence,
                                         gloss_document_get_text (document),
                                         gloss_document_get_text_hash (document),
                                         start, start + utf8_length (quote));
  g_list_store_append (store, evidence);

  found = wait_for_highlight (harness.view, quote, TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (found), "name"),
                   ==, "gloss-note-evidence");

  /* The reader sees it: most of the text box is no longer background. */
  after = take_snapshot (harness.view, "view.png");
  gloss_article_view_set_annotations (harness.view, NULL);
  gone = wait_for_highlight (harness.view, quote, FALSE);
  before = take_snapshot (harness.view, NULL);
  g_assert_cmpfloat (background_share (harness.view, found, before), >, 0.5);
  g_assert_cmpfloat (background_share (harness.view, found, after), <, 0.15);
  gloss_article_view_set_annotations (harness.view, G_LIST_MODEL (store));
  g_clear_pointer (&found, json_node_unref);
  found = wait_for_highlight (harness.view, quote, TRUE);

  /* A note with a tag takes the tag's colour. */
  vocabulary = gloss_vocabulary_get_default ("bias");
  g_assert_nonnull (vocabulary);
  g_assert_cmpuint (gloss_vocabulary_get_n_tags (vocabulary), >, 0);
  tag = gloss_vocabulary_get_tag (vocabulary, 0);
  tags[0] = tag->id;
  gloss_annotation_set_tags (bias, tags);
  start = find_offset (document, bias_quote);
  gloss_annotation_set_target_from_text (bias,
                                         gloss_document_get_text (document),
                                         gloss_document_get_text_hash (document),
                                         start, start + utf8_length (bias_quote));
  g_list_store_append (store, bias);
  found_bias = wait_for_highlight (harness.view, bias_quote, TRUE);
  g_assert_true (g_str_has_prefix (tag->color, "#"));
  color = g_ascii_strdown (tag->color + 1, -1);
  expected_name = g_strconcat ("gloss-note-c-", color, NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (found_bias), "name"),
                   ==, expected_name);

  /* Revealing it scrolls it into view and flashes it; the flash fades by
   * itself and leaves the tag's colour, which the reader sees.
   */
  gloss_article_view_reveal (harness.view, start, start + utf8_length (bias_quote));
  flash = wait_for_named_highlight (harness.view, "gloss-flash", bias_quote, TRUE);
  g_assert_nonnull (flash);
  g_assert_null (wait_for_named_highlight (harness.view, "gloss-flash", bias_quote, FALSE));
  g_assert_null (wait_for_named_highlight (harness.view, "gloss-flash-fade", bias_quote, FALSE));
  g_clear_pointer (&found_bias, json_node_unref);
  found_bias = wait_for_highlight (harness.view, bias_quote, TRUE);
  rect = json_node_get_object (found_bias);
  g_assert_cmpstr (json_object_get_string_member (rect, "name"), ==, expected_name);
  g_assert_cmpfloat (json_object_get_double_member (rect, "y"), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (rect, "y") + json_object_get_double_member (rect, "height"),
                     <=, json_object_get_double_member (rect, "innerHeight"));
  revealed = take_snapshot (harness.view, "view-revealed.png");
  g_assert_cmpfloat (background_share (harness.view, found_bias, revealed), <, 0.15);

  /* A note that moves is painted where it went. */
  start = find_offset (document, moved_quote);
  gloss_annotation_set_position (evidence, start, start + utf8_length (moved_quote),
                                 GLOSS_ANCHOR_MOVED);
  g_clear_pointer (&gone, json_node_unref);
  gone = wait_for_highlight (harness.view, quote, FALSE);
  g_clear_pointer (&found, json_node_unref);
  found = wait_for_highlight (harness.view, moved_quote, TRUE);

  /* Clicking it names it. */
  g_signal_connect (harness.view, "annotation-activated", G_CALLBACK (string_cb), &activated);
  click_highlight (harness.view, found);
  gloss_test_wait_until (string_is_set, &activated, "the note to be activated");
  g_assert_cmpstr (activated, ==, gloss_annotation_get_id (evidence));

  /* Findings show only when asked for, and answer clicks too. */
  start = find_offset (document, claim_quote);
  claim = gloss_finding_new (GLOSS_FINDING_CLAIM, "factual",
                             start, start + utf8_length (claim_quote),
                             claim_quote, 0.8, "states a fact");
  g_list_store_append (claims, claim);
  gloss_article_view_set_findings (harness.view, G_LIST_MODEL (claims), NULL);
  g_assert_null (wait_for_highlight (harness.view, claim_quote, FALSE));
  gloss_article_view_set_show_findings (harness.view, TRUE);
  found_claim = wait_for_highlight (harness.view, claim_quote, TRUE);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (found_claim), "name"),
                   ==, "gloss-claim");
  g_object_unref (take_snapshot (harness.view, "view-findings.png"));

  g_signal_connect (harness.view, "finding-activated",
                    G_CALLBACK (finding_activated_cb), activated_range);
  click_highlight (harness.view, found_claim);
  gloss_test_wait_until (finding_was_activated, activated_range, "the finding to be activated");
  g_assert_cmpuint (activated_range[0], ==, start);
  g_assert_cmpuint (activated_range[1], ==, start + utf8_length (claim_quote));

  gloss_article_view_set_show_findings (harness.view, FALSE);
  g_assert_null (wait_for_highlight (harness.view, claim_quote, FALSE));

  /* Removing the note from the model removes its highlight. */
  g_list_store_remove (store, 0);
  g_clear_pointer (&gone, json_node_unref);
  gone = wait_for_highlight (harness.view, moved_quote, FALSE);
  g_assert_null (gone);

  harness_clear (&harness);
}

/* Hovering over a finding explains it. */

static const char hover_script[] =
  "const target = document.elementFromPoint(x, y) ?? document.documentElement;"
  "target.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true }));"
  "return target.tagName;";

static void
hover_at (GlossArticleView *view,
          double            x,
          double            y)
{
  g_autofree char *tag = NULL;
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "x", "d", x);
  g_variant_dict_insert (&arguments, "y", "d", y);
  tag = run_js (view, hover_script, g_variant_dict_end (&arguments));
  g_assert_nonnull (tag);
}

/* Hovers over the middle of the rectangle of @found. */
static void
hover_highlight (GlossArticleView *view,
                 JsonNode         *found)
{
  JsonObject *rect = json_node_get_object (found);

  hover_at (view,
            json_object_get_double_member (rect, "x") + json_object_get_double_member (rect, "width") / 2,
            json_object_get_double_member (rect, "y") + json_object_get_double_member (rect, "height") / 2);
}

typedef struct
{
  GlossArticleView *view;
  const char       *expected;
} HoverQuery;

static gboolean
hover_text_is (gpointer data)
{
  HoverQuery *query = data;

  return g_strcmp0 (gloss_article_view_get_hover_text (query->view), query->expected) == 0;
}

static void
wait_for_hover_text (GlossArticleView *view,
                     const char       *expected,
                     const char       *what)
{
  HoverQuery query = { view, expected };

  gloss_test_wait_until (hover_text_is, &query, what);
}

static void
test_hover_explanations (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  g_autoptr(GListStore) claims = g_list_store_new (GLOSS_TYPE_FINDING);
  g_autoptr(GListStore) cues = g_list_store_new (GLOSS_TYPE_FINDING);
  g_autoptr(GlossFinding) claim = NULL;
  g_autoptr(GlossFinding) cue = NULL;
  g_autoptr(JsonNode) found_cue = NULL;
  g_autoptr(JsonNode) found_claim = NULL;
  const char *claim_quote = "storms were three times as frequent in the last decade of keeping";
  const char *cue_quote = "three times";
  const char *claim_explanation = "statistic: a figure without a source";
  const char *cue_explanation = "exaggeration: “three times” makes the change sound larger";
  g_autofree char *both = g_strdup_printf ("%s\n%s", cue_explanation, claim_explanation);
  JsonObject *rect;
  Harness harness;
  guint start;

  harness_init (&harness);
  harness_load (&harness, document);

  start = find_offset (document, claim_quote);
  claim = gloss_finding_new (GLOSS_FINDING_CLAIM, "factual",
                             start, start + utf8_length (claim_quote),
                             claim_quote, 0.9, claim_explanation);
  g_list_store_append (claims, claim);
  start = find_offset (document, cue_quote);
  cue = gloss_finding_new (GLOSS_FINDING_CUE, "exaggeration",
                           start, start + utf8_length (cue_quote),
                           cue_quote, 1.0, cue_explanation);
  g_list_store_append (cues, cue);
  gloss_article_view_set_findings (harness.view, G_LIST_MODEL (claims), G_LIST_MODEL (cues));

  /* Hidden findings explain nothing. */
  found_cue = wait_for_named_highlight (harness.view, NULL, cue_quote, FALSE);
  g_assert_null (found_cue);
  gloss_article_view_set_show_findings (harness.view, TRUE);
  found_cue = wait_for_named_highlight (harness.view, "gloss-cue", cue_quote, TRUE);
  found_claim = wait_for_named_highlight (harness.view, "gloss-claim", claim_quote, TRUE);

  /* Over the cue: the cue's explanation, then the claim's around it. */
  hover_highlight (harness.view, found_cue);
  wait_for_hover_text (harness.view, both, "the cue and its claim to be explained");

  /* Over the claim's last word, away from the cue: the claim alone. */
  rect = json_node_get_object (found_claim);
  hover_at (harness.view,
            json_object_get_double_member (rect, "x") + 2,
            json_object_get_double_member (rect, "y") + json_object_get_double_member (rect, "height") / 2);
  wait_for_hover_text (harness.view, claim_explanation, "the claim alone to be explained");

  /* Away from every finding: nothing. */
  hover_at (harness.view, 2, 2);
  wait_for_hover_text (harness.view, NULL, "the explanation to go away");

  /* Back over the cue, then findings are hidden: nothing again. */
  hover_highlight (harness.view, found_cue);
  wait_for_hover_text (harness.view, both, "the cue to be explained again");
  gloss_article_view_set_show_findings (harness.view, FALSE);
  g_assert_null (gloss_article_view_get_hover_text (harness.view));
  hover_highlight (harness.view, found_cue);
  g_clear_pointer (&found_cue, json_node_unref);
  found_cue = wait_for_named_highlight (harness.view, NULL, cue_quote, FALSE);
  g_assert_null (gloss_article_view_get_hover_text (harness.view));

  harness_clear (&harness);
}

/* (4) Nothing reaches the network and no page script runs. */

typedef struct
{
  GSocketService *service;
  guint16         port;
  guint           connections;
  guint           own_connections;
  GPtrArray      *requests;
} Server;

typedef struct
{
  GSocketConnection *connection;
  GPtrArray         *requests;
  char               buffer[256];
} Request;

/* Keeps the first line of what a client sent, to say what leaked. */
static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  gssize size = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (size > 0)
    {
      g_ptr_array_add (request->requests,
                       g_strndup (request->buffer, strcspn (request->buffer, "\r\n")));
    }

  g_ptr_array_unref (request->requests);
  g_object_unref (request->connection);
  g_free (request);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             Server            *server)
{
  Request *request = g_new0 (Request, 1);

  server->connections++;

  request->connection = g_object_ref (connection);
  request->requests = g_ptr_array_ref (server->requests);
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             request->buffer, sizeof request->buffer - 1,
                             G_PRIORITY_DEFAULT, NULL, request_read_cb, request);

  return TRUE;
}

static void
server_start (Server *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->connections = 0;
  server->own_connections = 0;
  server->requests = g_ptr_array_new_with_free_func (g_free);
  server->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
}

/* Connects to the server ourselves and waits until that connection is
 * accepted. Connections are accepted in the order they arrive, so any
 * connection that the page made before is counted by then.
 */
static guint
server_count_connections (Server *server)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  guint before = server->connections;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, &error);
  g_assert_no_error (error);

  while (server->connections == before)
    {
      g_main_context_iteration (NULL, TRUE);
    }
  server->own_connections++;

  for (guint i = 0; i < server->requests->len; i++)
    {
      g_test_message ("The server was asked: %s", (char *)g_ptr_array_index (server->requests, i));
    }

  return server->connections - server->own_connections;
}

static void
server_stop (Server *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->requests, g_ptr_array_unref);
}

static void
resource_load_started_cb (WebKitWebView     *web_view,
                          WebKitWebResource *resource,
                          WebKitURIRequest  *request,
                          GPtrArray         *uris)
{
  g_ptr_array_add (uris, g_strdup (webkit_uri_request_get_uri (request)));
}

static void
assert_only_local_loads (GPtrArray *uris)
{
  for (guint i = 0; i < uris->len; i++)
    {
      const char *uri = g_ptr_array_index (uris, i);

      if (!g_str_has_prefix (uri, GLOSS_RESOURCE_SCHEME ":") &&
          !g_str_has_prefix (uri, "about:") &&
          !g_str_has_prefix (uri, "data:"))
        {
          g_error ("The page started loading %s", uri);
        }
    }
}

static const char page_scripts_script[] =
  "return JSON.stringify({"
  "  title: document.title,"
  "  scripts: document.scripts.length,"
  "  handlers: document.querySelectorAll('[onload], [onerror], [onfocus]').length,"
  "  frames: window.frames.length,"
  "  href: location.href,"
  "});";

static void
assert_page_is_inert (GlossArticleView *view,
                      gboolean          sanitized)
{
  g_autoptr(JsonNode) node = run_js_json (view, page_scripts_script, NULL);
  JsonObject *page = json_node_get_object (node);
  const char *title = webkit_web_view_get_title (gloss_article_view_get_web_view (view));

  g_assert_cmpstr (json_object_get_string_member (page, "title"), !=, "pwned");
  g_assert_cmpstr (title, !=, "pwned");
  g_assert_cmpint (json_object_get_int_member (page, "scripts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page, "handlers"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (page, "href"), ==, GLOSS_READER_BASE_URI);
  g_assert_cmpstr (webkit_web_view_get_uri (gloss_article_view_get_web_view (view)), ==,
                   GLOSS_READER_BASE_URI);
  if (sanitized)
    {
      g_assert_cmpint (json_object_get_int_member (page, "frames"), ==, 0);
    }
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  load_event,
                 guint           *finished)
{
  if (load_event == WEBKIT_LOAD_FINISHED)
    {
      (*finished)++;
    }
}

static char *
dup_hostile_page (Server *server)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "hostile-page.html", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *port = g_strdup_printf ("%u", server->port);
  g_auto(GStrv) pieces = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  pieces = g_strsplit (contents, "@PORT@", -1);
  g_assert_cmpuint (g_strv_length (pieces), >, 10);

  return g_strjoinv (port, pieces);
}

static void
test_no_network (void)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  Harness harness;
  Server server;
  guint finished = 0;

  server_start (&server);
  page = dup_hostile_page (&server);

  harness_init (&harness);
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "resource-load-started",
                    G_CALLBACK (resource_load_started_cb), uris);

  /* The article as Gloss imports it: the sanitized page. */
  bytes = g_bytes_new (page, strlen (page));
  document = gloss_import_html (bytes, NULL, &error);
  g_assert_no_error (error);
  harness_load (&harness, document);
  assert_page_matches_document (harness.view, document);
  assert_page_is_inert (harness.view, TRUE);
  g_assert_cmpuint (server_count_connections (&server), ==, 0);
  assert_only_local_loads (uris);

  /* The hostile page itself, as if the sanitizer had let everything
   * through: the view's own defences must hold on their own.
   */
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "load-changed",
                    G_CALLBACK (load_changed_cb), &finished);
  webkit_web_view_load_html (gloss_article_view_get_web_view (harness.view), page,
                             GLOSS_READER_BASE_URI);
  gloss_test_wait_until (count_is_positive, &finished, "the hostile page to load");
  gloss_test_wait_until (view_is_loaded, harness.view, "the reader script in the hostile page");
  assert_page_is_inert (harness.view, FALSE);
  g_assert_cmpuint (server_count_connections (&server), ==, 0);
  assert_only_local_loads (uris);
  g_assert_cmpuint (uris->len, >, 0);

  harness_clear (&harness);
  server_stop (&server);
}

/* Saved pages show their own images, from the document, never from
 * elsewhere.
 */

static const char images_script[] =
  "const images = Array.from(document.images);"
  "await Promise.all(images.map(image => image.complete ? null : new Promise(done => {"
  "  image.addEventListener('load', done);"
  "  image.addEventListener('error', done);"
  "})));"
  "return JSON.stringify(images.map(image => ({"
  "  src: image.getAttribute('src'),"
  "  alt: image.alt,"
  "  width: image.naturalWidth,"
  "})));";

static void
test_saved_page_images (void)
{
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) images = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "saved-page.html", NULL);
  g_autofree char *result = NULL;
  g_autofree char *other = NULL;
  JsonArray *array;
  guint n_local = 0;
  Harness harness;

  file = g_file_new_for_path (path);
  document = gloss_import_file (file, NULL, &error);
  g_assert_no_error (error);

  harness_init (&harness);
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "resource-load-started",
                    G_CALLBACK (resource_load_started_cb), uris);
  harness_load (&harness, document);

  result = run_js (harness.view, images_script, NULL);
  images = json_from_string (result, &error);
  g_assert_no_error (error);
  array = json_node_get_array (images);

  /* The pictures from the page's folder are shown; a remote one is not
   * fetched and a file from outside the folder is not read.
   */
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *image = json_array_get_object_element (array, i);
      const char *src = json_object_get_string_member (image, "src");

      g_assert_true (g_str_has_prefix (src, "gloss-resource:///article-files/"));
      g_assert_cmpint (json_object_get_int_member (image, "width"), >, 0);
      n_local++;
    }
  g_assert_cmpuint (n_local, >=, 2);
  assert_only_local_loads (uris);

  /* Another name under the same folder is refused. */
  other = run_js (harness.view,
                  "const image = new Image();"
                  "image.src = 'gloss-resource:///article-files/secret.png';"
                  "await new Promise(done => { image.onload = done; image.onerror = done; });"
                  "return String(image.naturalWidth);",
                  NULL);
  g_assert_cmpstr (other, ==, "0");

  harness_clear (&harness);
}

/* (5) Links open outside, never in the view. */

static gboolean
activate_link_cb (GlossArticleView *view,
                  const char       *uri,
                  GPtrArray        *uris)
{
  g_ptr_array_add (uris, g_strdup (uri));

  /* Handled: no browser is started during the tests. */
  return TRUE;
}

static gboolean
array_is_not_empty (gpointer data)
{
  return ((GPtrArray *)data)->len > 0;
}

static const char click_link_script[] =
  "const link = Array.from(document.querySelectorAll('a')).find(a => a.textContent === text);"
  "if (!link)"
  "  return 'no link';"
  "link.click();"
  "return 'clicked';";

/* Clicks the link that reads @text. */
static void
click_link (GlossArticleView *view,
            const char       *text)
{
  g_autofree char *clicked = NULL;
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "text", "s", text);
  clicked = run_js (view, click_link_script, g_variant_dict_end (&arguments));
  g_assert_cmpstr (clicked, ==, "clicked");
}

static void
assert_feature_disabled (GlossArticleView *view,
                         const char       *identifier)
{
  WebKitSettings *settings = webkit_web_view_get_settings (gloss_article_view_get_web_view (view));
  WebKitFeatureList *features = webkit_settings_get_all_features ();
  gboolean found = FALSE;

  for (gsize i = 0; i < webkit_feature_list_get_length (features); i++)
    {
      WebKitFeature *feature = webkit_feature_list_get (features, i);

      if (g_str_equal (webkit_feature_get_identifier (feature), identifier))
        {
          g_assert_false (webkit_settings_get_feature_enabled (settings, feature));
          found = TRUE;
        }
    }

  webkit_feature_list_unref (features);
  g_assert_true (found);
}

/* Links that the core would never write, loaded straight into the web
 * view: the view itself must refuse them.
 */
static const char unsafe_links_page[] =
  "<!DOCTYPE html><html><head><title>Links</title></head><body>"
  "<p data-b=\"0\" data-start=\"0\" data-end=\"5\">"
  "<a href=\"file:///etc/passwd\">file</a>"
  "<a href=\"javascript:document.title='pwned'\">script</a>"
  "<a href=\"gloss-resource:///reader/reader.js\">resource</a>"
  "<a href=\"data:text/html,<p>data</p>\">data</a>"
  "<a href=\"ftp://127.0.0.1/file\">ftp</a>"
  "<a href=\"mailto:letters@example.org\">last</a>"
  "</p></body></html>";

/* The table of contents: its links scroll to the headings in place. */

static GlossDocument *
build_long_article (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  const char *sections[] = { "Why the lamp went dark", "Who keeps the logbooks now" };

  gloss_document_builder_set_title (builder, "The Lighthouse Keepers’ Last Season");
  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    gloss_document_builder_add_toc_entry (builder, sections[s]);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
      gloss_document_builder_append_text (builder, sections[s], -1);
      gloss_document_builder_end_block (builder);

      /* Enough text that each section is taller than the window. */
      for (guint i = 0; i < 25; i++)
        {
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
          gloss_document_builder_append_text (builder,
                                              "The keepers wrote down the weather every four hours, "
                                              "and the entries grew shorter as the years went by.",
                                              -1);
          gloss_document_builder_end_block (builder);
        }
    }

  return gloss_document_builder_finish (builder, NULL);
}

static const char heading_position_script[] =
  "const heading = document.querySelector(`[data-b=\"${block}\"]`);"
  "return JSON.stringify({"
  "  scroll: window.scrollY,"
  "  top: heading.getBoundingClientRect().top,"
  "  hash: location.hash,"
  "  href: location.href,"
  "});";

typedef struct
{
  GlossArticleView *view;
  guint             block;
  double            scroll;
  double            top;
} HeadingQuery;

static void
query_heading (HeadingQuery *query,
               char        **hash)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  GVariantDict arguments;

  g_variant_dict_init (&arguments, NULL);
  g_variant_dict_insert (&arguments, "block", "u", query->block);
  node = run_js_json (query->view, heading_position_script, g_variant_dict_end (&arguments));
  object = json_node_get_object (node);
  query->scroll = json_object_get_double_member (object, "scroll");
  query->top = json_object_get_double_member (object, "top");
  g_assert_cmpstr (json_object_get_string_member (object, "href"), ==, GLOSS_READER_BASE_URI);
  if (hash != NULL)
    *hash = g_strdup (json_object_get_string_member (object, "hash"));
}

static gboolean
heading_is_at_top (gpointer data)
{
  HeadingQuery *query = data;

  query_heading (query, NULL);

  return query->scroll > 0 && ABS (query->top) < 2;
}

static void
test_toc_links (void)
{
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) uris = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossDocument) document = build_long_article ();
  g_autofree char *hash = NULL;
  g_autofree char *prevented = NULL;
  const GlossTocEntry *entry;
  HeadingQuery query = { NULL, 0, 0, 0 };
  Harness harness;
  guint finished = 0;

  g_assert_cmpuint (gloss_document_get_n_toc_entries (document), ==, 2);
  entry = gloss_document_get_toc_entry (document, 1);

  harness_init (&harness);
  g_signal_connect (harness.view, "activate-link", G_CALLBACK (activate_link_cb), opened);
  harness_load (&harness, document);
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "load-changed",
                    G_CALLBACK (load_changed_cb), &finished);
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "resource-load-started",
                    G_CALLBACK (resource_load_started_cb), uris);

  query.view = harness.view;
  query.block = entry->block;
  query_heading (&query, NULL);
  g_assert_cmpfloat (query.scroll, ==, 0);
  g_assert_cmpfloat (query.top, >, 700);

  /* Whether the click was left to navigate, as the page's own scripts
   * would see it once it has bubbled up.
   */
  prevented = run_js_in_world (harness.view, NULL,
                               "window.addEventListener('click', event => {"
                               "  document.documentElement.dataset.prevented = event.defaultPrevented;"
                               "});"
                               "return 'listening';",
                               NULL);
  g_assert_cmpstr (prevented, ==, "listening");
  g_clear_pointer (&prevented, g_free);

  /* The second section is far below the window; its link brings the
   * heading to the top of the view.
   */
  click_link (harness.view, "Who keeps the logbooks now");
  gloss_test_wait_until (heading_is_at_top, &query, "the heading to be scrolled into view");

  /* Nothing was loaded or handed out, and the page did not even move to
   * a fragment of itself.
   */
  query_heading (&query, &hash);
  g_assert_cmpstr (hash, ==, "");
  prevented = run_js (harness.view, "return document.documentElement.dataset.prevented ?? 'no click';", NULL);
  g_assert_cmpstr (prevented, ==, "true");
  g_assert_cmpuint (finished, ==, 0);
  g_assert_cmpuint (opened->len, ==, 0);
  g_assert_cmpuint (uris->len, ==, 0);
  g_assert_cmpstr (webkit_web_view_get_uri (gloss_article_view_get_web_view (harness.view)), ==,
                   GLOSS_READER_BASE_URI);
  g_assert_true (gloss_article_view_get_loaded (harness.view));
  assert_page_matches_document (harness.view, document);

  harness_clear (&harness);
}

static void
test_links (void)
{
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GlossDocument) document = NULL;
  g_autofree char *href = NULL;
  g_autofree char *title = NULL;
  const char *refused[] = { "file", "script", "resource", "data", "ftp" };
  Harness harness;
  Server server;
  guint finished = 0;

  server_start (&server);
  href = g_strdup_printf ("http://127.0.0.1:%u/annual-report", server.port);
  document = build_article (href);

  harness_init (&harness);
  g_signal_connect (harness.view, "activate-link", G_CALLBACK (activate_link_cb), opened);
  harness_load (&harness, document);
  g_signal_connect (gloss_article_view_get_web_view (harness.view), "load-changed",
                    G_CALLBACK (load_changed_cb), &finished);

  /* WebKit would open a connection to a link's server as soon as it is
   * clicked, before the navigation is refused. The server below catches
   * that only when the connection beats our own, so the setting is
   * checked as well.
   */
  assert_feature_disabled (harness.view, "LinkPreconnect");
  assert_feature_disabled (harness.view, "LinkDNSPrefetch");

  /* A web link goes to the user's browser, not into the view. */
  click_link (harness.view, "annual report");
  gloss_test_wait_until (array_is_not_empty, opened, "the link to be handed out");
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, href);

  assert_page_matches_document (harness.view, document);
  g_assert_cmpuint (finished, ==, 0);
  g_assert_cmpstr (webkit_web_view_get_uri (gloss_article_view_get_web_view (harness.view)), ==,
                   GLOSS_READER_BASE_URI);
  g_assert_cmpuint (server_count_connections (&server), ==, 0);

  /* Links to anything but the web or mail are neither followed nor
   * handed out. Navigation requests are decided in order, so once the
   * last link arrived every one before it was decided.
   */
  webkit_web_view_load_html (gloss_article_view_get_web_view (harness.view),
                             unsafe_links_page, GLOSS_READER_BASE_URI);
  gloss_test_wait_until (count_is_positive, &finished, "the page of links to load");
  gloss_test_wait_until (view_is_loaded, harness.view, "the reader script in the page of links");
  g_ptr_array_set_size (opened, 0);
  finished = 0;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      click_link (harness.view, refused[i]);
    }
  click_link (harness.view, "last");
  gloss_test_wait_until (array_is_not_empty, opened, "the last link to be handed out");
  g_assert_cmpuint (opened->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (opened, 0), ==, "mailto:letters@example.org");
  g_assert_cmpuint (finished, ==, 0);
  g_assert_cmpstr (webkit_web_view_get_uri (gloss_article_view_get_web_view (harness.view)), ==,
                   GLOSS_READER_BASE_URI);
  title = run_js (harness.view, "return document.title;", NULL);
  g_assert_cmpstr (title, ==, "Links");

  harness_clear (&harness);
  server_stop (&server);
}

/* (6) Markup in the article's text is text. */

static void
test_hostile_text (void)
{
  const char *title = "<i>Breaking</i> & \"quoted\" </title><script>alert(0)</script>";
  const char *text =
    "He typed <script>alert(1)</script> and \"<img src=x onerror=alert(2)>\" "
    "into the form, then 'quoted' it & left.";
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *page;
  Harness harness;

  gloss_document_builder_set_title (builder, title);
  gloss_document_builder_set_byline (builder, "<b>Mallory</b>");
  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, text, -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (builder, NULL);

  harness_init (&harness);
  harness_load (&harness, document);

  assert_page_matches_document (harness.view, document);
  node = run_js_json (harness.view,
                      "return JSON.stringify({"
                      "  title: document.title,"
                      "  text: document.querySelector('[data-b=\"0\"]').textContent,"
                      "  scripts: document.scripts.length,"
                      "  images: document.images.length,"
                      "  bold: document.querySelectorAll('i, b').length,"
                      "});",
                      NULL);
  page = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (page, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (page, "text"), ==, text);
  g_assert_cmpint (json_object_get_int_member (page, "scripts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page, "images"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (page, "bold"), ==, 0);

  harness_clear (&harness);
}

/* The page follows libadwaita's light and dark styles. */

typedef struct
{
  GlossArticleView *view;
  const char       *expected;
} ClassQuery;

static gboolean
root_class_is (gpointer data)
{
  ClassQuery *query = data;
  g_autofree char *classes = run_js (query->view, "return document.documentElement.className;", NULL);

  return g_strcmp0 (classes, query->expected) == 0;
}

static void
assert_page_background (GlossArticleView *view,
                        const char       *screenshot,
                        guint32           expected)
{
  g_autoptr(GdkTexture) texture = take_snapshot (view, screenshot);
  Pixels pixels;

  pixels_init (&pixels, texture);
  g_assert_cmphex (pixels_get (&pixels, 2, 2), ==, expected);
  g_assert_cmphex (pixels_get (&pixels, pixels.width - 3, pixels.height - 3), ==, expected);
  g_free (pixels.pixels);
}

static void
test_dark_style (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  g_autofree char *color = NULL;
  ClassQuery query;
  Harness harness;

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  harness_init (&harness);
  harness_load (&harness, document);
  query.view = harness.view;
  query.expected = "light";
  gloss_test_wait_until (root_class_is, &query, "the light style");
  assert_page_background (harness.view, "view-light.png", 0xffffff);

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  query.expected = "dark";
  gloss_test_wait_until (root_class_is, &query, "the dark style");
  assert_page_background (harness.view, "view-dark.png", 0x1e1e1e);

  /* Light text on the dark page. */
  color = run_js (harness.view, "return getComputedStyle(document.body).color;", NULL);
  g_assert_true (g_str_has_prefix (color, "rgba(255, 255, 255") ||
                 g_str_has_prefix (color, "rgb(255, 255, 255"));

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
  harness_clear (&harness);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFile *child;

      while (g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) && child != NULL)
        {
          remove_tree (child);
        }
    }

  g_file_delete (file, NULL, NULL);
}

/* (8) The web process dies (it crashed, or the system killed it for its
 * memory): the page comes back with the notes painted and the reader's
 * selection where it was. When it keeps dying, the view says that it gave
 * up, and showing the article again tries afresh.
 */

static void
loaded_changed_cb (GlossArticleView *view,
                   GParamSpec       *pspec,
                   guint            *n_unloaded)
{
  if (!gloss_article_view_get_loaded (view))
    (*n_unloaded)++;
}

static gboolean
view_has_selection (gpointer data)
{
  return gloss_article_view_get_selection (data, NULL, NULL);
}

static gboolean
view_has_failed (gpointer data)
{
  gboolean failed = FALSE;

  g_object_get (data, "page-failed", &failed, NULL);

  return failed;
}

/* Kills the page and waits for it to be back. */
static void
crash_and_wait (Harness *harness)
{
  guint n_unloaded = 0;
  gulong handler = g_signal_connect (harness->view, "notify::loaded",
                                     G_CALLBACK (loaded_changed_cb), &n_unloaded);

  g_assert_cmpuint (gloss_test_kill_web_processes (), >, 0);
  gloss_test_wait_until (count_is_positive, &n_unloaded, "the view to notice that its page died");
  g_signal_handler_disconnect (harness->view, handler);
}

static void
test_web_process_crash (void)
{
  g_autoptr(GlossDocument) document = build_article (NULL);
  g_autoptr(GListStore) store = g_list_store_new (GLOSS_TYPE_ANNOTATION);
  g_autoptr(GlossAnnotation) note = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  g_autoptr(JsonNode) found = NULL;
  const char *quote = "storms were three times as frequent";
  const char *selected = "the harbour board has never disputed";
  gboolean failed = TRUE;
  Harness harness;
  guint start;

  harness_init (&harness);
  harness_load (&harness, document);
  gloss_article_view_set_annotations (harness.view, G_LIST_MODEL (store));

  start = find_offset (document, quote);
  gloss_annotation_set_target_from_text (note,
                                         gloss_document_get_text (document),
                                         gloss_document_get_text_hash (document),
                                         start, start + utf8_length (quote));
  g_list_store_append (store, note);
  found = wait_for_highlight (harness.view, quote, TRUE);
  g_clear_pointer (&found, json_node_unref);

  start = find_offset (document, selected);
  gloss_article_view_select_range (harness.view, start, start + utf8_length (selected));
  wait_for_selection_change (harness.view, "the selection");
  assert_selection (harness.view, start, start + utf8_length (selected));

  /* Once: the page is back as it was. */
  crash_and_wait (&harness);
  gloss_test_wait_until (view_is_loaded, harness.view, "the page to come back");
  found = wait_for_highlight (harness.view, quote, TRUE);
  g_clear_pointer (&found, json_node_unref);
  gloss_test_wait_until (view_has_selection, harness.view, "the selection to come back");
  assert_selection (harness.view, start, start + utf8_length (selected));
  g_object_get (harness.view, "page-failed", &failed, NULL);
  g_assert_false (failed);

  /* Again and again: the view stops trying, and says so. */
  for (guint i = 0; i < 4 && !view_has_failed (harness.view); i++)
    {
      if (!gloss_article_view_get_loaded (harness.view))
        gloss_test_wait_until (view_is_loaded, harness.view, "the page to come back again");
      crash_and_wait (&harness);
    }
  gloss_test_wait_until (view_has_failed, harness.view, "the view to give up");
  g_assert_false (gloss_article_view_get_loaded (harness.view));

  /* Showing the article again starts afresh. */
  gloss_article_view_set_document (harness.view, NULL);
  gloss_article_view_set_document (harness.view, document);
  gloss_test_wait_until (view_is_loaded, harness.view, "the article to load again");
  g_object_get (harness.view, "page-failed", &failed, NULL);
  g_assert_false (failed);
  found = wait_for_highlight (harness.view, quote, TRUE);

  harness_clear (&harness);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_dir = NULL;
  g_autoptr(GFile) cache = NULL;
  gboolean tap = FALSE;
  int status;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--tap"))
        {
          tap = TRUE;
        }
    }

  /* WebKit writes the compiled network filter to the cache directory. */
  cache_dir = g_dir_make_tmp ("gloss-test-article-view-XXXXXX", NULL);
  g_assert_nonnull (cache_dir);
  g_setenv ("XDG_CACHE_HOME", cache_dir, TRUE);
  cache = g_file_new_for_path (cache_dir);

  g_test_init (&argc, &argv, NULL);

  /* Warnings stay fatal here (g_test_init() made them so), but WebKit's
   * web and network processes inherit the environment, and a warning of
   * theirs (such as not reaching the accessibility bus from the sandbox)
   * must not kill the page under test.
   */
  g_unsetenv ("G_DEBUG");

  if (!gtk_init_check ())
    {
      remove_tree (cache);
      /* meson reads a skipped TAP program from its plan, other runners
       * from the GNU exit status.
       */
      if (tap)
        {
          g_print ("1..0 # SKIP no display\n");
          return 0;
        }
      return 77;
    }
  adw_init ();

  g_test_add_func ("/gui/article-view/page-text", test_page_text);
  g_test_add_func ("/gui/article-view/selection", test_selection);
  g_test_add_func ("/gui/article-view/highlights", test_highlights);
  g_test_add_func ("/gui/article-view/hover-explanations", test_hover_explanations);
  g_test_add_func ("/gui/article-view/no-network", test_no_network);
  g_test_add_func ("/gui/article-view/saved-page-images", test_saved_page_images);
  g_test_add_func ("/gui/article-view/links", test_links);
  g_test_add_func ("/gui/article-view/toc-links", test_toc_links);
  g_test_add_func ("/gui/article-view/hostile-text", test_hostile_text);
  g_test_add_func ("/gui/article-view/dark-style", test_dark_style);
  g_test_add_func ("/gui/article-view/web-process-crash", test_web_process_crash);

  status = g_test_run ();
  remove_tree (cache);

  return status;
}
