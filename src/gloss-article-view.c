/* gloss-article-view.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-article-view-private.h"
#include "gloss-web-context.h"

/* The page backgrounds of libadwaita's views, so that the page blends with
 * the window in both styles.
 */
#define LIGHT_BACKGROUND "#ffffff"
#define DARK_BACKGROUND  "#1e1e1e"

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
  PROP_PAGE_FAILED,
  PROP_HOVER_TEXT,
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

/* Selection. */

void
_gloss_article_view_update_selection (GlossArticleView   *self,
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

void
_gloss_article_view_update_loaded (GlossArticleView *self)
{
  gboolean loaded = self->document != NULL && self->page_finished && self->script_ready;

  gloss_article_view_set_loaded (self, loaded);
}

void
_gloss_article_view_set_page_failed (GlossArticleView *self,
                                     gboolean          page_failed)
{
  page_failed = !!page_failed;

  if (self->page_failed == page_failed)
    {
      return;
    }

  self->page_failed = page_failed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE_FAILED]);
}

void
_gloss_article_view_emit_annotation_activated (GlossArticleView *self,
                                               const char       *id)
{
  g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0, id);
}

void
_gloss_article_view_emit_finding_activated (GlossArticleView *self,
                                            guint             start,
                                            guint             end)
{
  g_signal_emit (self, signals[FINDING_ACTIVATED], 0, start, end);
}

gboolean
_gloss_article_view_emit_activate_link (GlossArticleView *self,
                                        const char       *uri)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[ACTIVATE_LINK], 0, uri, &handled);

  return handled;
}

void
_gloss_article_view_set_hover_text (GlossArticleView *self,
                                    const char       *text)
{
  if (g_strcmp0 (self->hover_text, text) == 0)
    {
      return;
    }

  g_free (self->hover_text);
  self->hover_text = g_strdup (text);

  /* The tooltip follows what is under the pointer without waiting for
   * the pointer to move again.
   */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_TEXT]);
}

/* The web view answers first, with the title of what is under the
 * pointer if it has one; the view only explains findings.
 */
static gboolean
query_tooltip_cb (GlossArticleView *self,
                  int               x,
                  int               y,
                  gboolean          keyboard_mode,
                  GtkTooltip       *tooltip)
{
  if (keyboard_mode || !self->show_findings || self->hover_text == NULL)
    {
      return FALSE;
    }

  gtk_tooltip_set_text (tooltip, self->hover_text);

  return TRUE;
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

  _gloss_article_view_push_color_scheme (self);
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
      _gloss_article_view_queue_repaint (self);
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

  _gloss_article_view_queue_repaint (self);
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
  _gloss_article_view_queue_repaint (self);
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

  _gloss_article_view_set_hover_text (self, NULL);
  _gloss_article_view_queue_repaint (self);
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
  g_clear_pointer (&self->hover_text, g_free);

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

    case PROP_HOVER_TEXT:
      g_value_set_string (value, self->hover_text);
      break;

    case PROP_PAGE_FAILED:
      g_value_set_boolean (value, self->page_failed);
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

  /**
   * GlossArticleView:page-failed:
   *
   * Whether the view gave up showing the article because its web process
   * kept stopping. Setting a document tries again.
   */
  properties[PROP_PAGE_FAILED] =
    g_param_spec_boolean ("page-failed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * GlossArticleView:hover-text:
   *
   * The explanations of the claims and cues under the pointer, one a line,
   * while findings are shown; %NULL over anything else. The view shows
   * them as its tooltip.
   */
  properties[PROP_HOVER_TEXT] =
    g_param_spec_string ("hover-text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

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
                                G_CALLBACK (_gloss_article_view_real_activate_link),
                                g_signal_accumulator_true_handled, NULL,
                                NULL,
                                G_TYPE_BOOLEAN, 1, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "articleview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_article_view_init (GlossArticleView *self)
{
  self->cancellable = g_cancellable_new ();
  self->watched_annotations = g_ptr_array_new_with_free_func (g_object_unref);

  _gloss_article_view_setup_web_view (self);

  g_signal_connect_swapped (self->web_view, "notify::zoom-level",
                            G_CALLBACK (zoom_level_changed_cb), self);

  if (adw_is_initialized ())
    {
      g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                                G_CALLBACK (gloss_article_view_update_dark), self);
    }
  gloss_article_view_update_dark (self);

  _gloss_article_view_request_content_filter (self);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

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
  self->select_in_flight = FALSE;
  _gloss_article_view_set_page_failed (self, FALSE);
  _gloss_article_view_set_hover_text (self, NULL);

  if (self->web_view != NULL)
    {
      _gloss_article_view_load (self);
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

  _gloss_article_view_queue_repaint (self);
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
  _gloss_article_view_push_show_findings (self);
  if (!show_findings)
    {
      _gloss_article_view_set_hover_text (self, NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_FINDINGS]);
}

/**
 * gloss_article_view_get_hover_text:
 *
 * Returns: (nullable): the explanations of the findings under the pointer
 */
const char *
gloss_article_view_get_hover_text (GlossArticleView *self)
{
  g_return_val_if_fail (GLOSS_IS_ARTICLE_VIEW (self), NULL);

  return self->hover_text;
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

  /* Kept until the page answers: a page that dies before it does selects
   * the range when it is back.
   */
  self->pending_select_start = start;
  self->pending_select_end = end;

  if (!self->script_ready)
    {
      self->has_pending_select = TRUE;
      return;
    }

  self->select_in_flight = TRUE;
  _gloss_article_view_call_with_range (self, "selectRange", start, end);
}

void
gloss_article_view_clear_selection (GlossArticleView *self)
{
  g_return_if_fail (GLOSS_IS_ARTICLE_VIEW (self));

  self->has_pending_select = FALSE;
  self->select_in_flight = FALSE;

  if (!self->script_ready)
    {
      _gloss_article_view_update_selection (self, FALSE, 0, 0, NULL);
      return;
    }

  _gloss_article_view_call (self, "clearSelection", NULL, NULL);
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

  _gloss_article_view_call_with_range (self, "reveal", start, end);
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
