/* gloss-side-pane.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gloss-side-pane.h"

typedef enum {
  PAGE_OUTLINE,
  PAGE_CLAIMS,
  PAGE_CUES,
  PAGE_NOTES,
  N_PAGES
} Page;

static const char * const page_names[N_PAGES] = {
  "outline",
  "claims",
  "cues",
  "notes",
};

struct _GlossSidePane
{
  GtkWidget           parent_instance;

  GlossArticle       *article;
  /* Indentation of the outline starts at the shallowest heading level:
   * many pages have no level-one heading below the title.
   */
  guint               min_level;

  GtkSingleSelection *selections[N_PAGES];
  GtkListView        *lists[N_PAGES];
  GtkStack           *stacks[N_PAGES];

  AdwViewStack       *view_stack;
  GtkListView        *outline_list;
  GtkListView        *claims_list;
  GtkListView        *cues_list;
  GtkListView        *notes_list;
  GtkStack           *outline_stack;
  GtkStack           *claims_stack;
  GtkStack           *cues_stack;
  GtkStack           *notes_stack;

  GtkWidget          *summary_box;
  GtkLabel           *summary_claims;
  GtkFlowBox         *summary_cues;
  GtkLabel           *summary_sources;
  GtkWidget          *summary_notes;
};

G_DEFINE_FINAL_TYPE (GlossSidePane, gloss_side_pane, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ARTICLE,
  PROP_VISIBLE_PAGE,
  N_PROPS
};

enum {
  REVEAL,
  NOTE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Row widgets */

static GtkWidget *
row_label (GtkWidget  *box,
           const char *name,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (box), name, label);

  return label;
}

static GtkLabel *
row_get_label (GtkListItem *item,
               const char  *name)
{
  return g_object_get_data (G_OBJECT (gtk_list_item_get_child (item)), name);
}

static void
set_label_text (GtkLabel   *label,
                const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static const char *
claim_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "factual") == 0)
    return _("Factual");
  if (g_strcmp0 (kind, "evaluative") == 0)
    return _("Opinion");
  if (g_strcmp0 (kind, "causal") == 0)
    return _("Causal");
  if (g_strcmp0 (kind, "prediction") == 0)
    return _("Prediction");
  if (g_strcmp0 (kind, "recommendation") == 0)
    return _("Recommendation");

  return kind;
}

static const char *
verdict_label (GlossVerdict verdict)
{
  switch (verdict)
    {
    case GLOSS_VERDICT_SUPPORTS:
      return _("Supports");

    case GLOSS_VERDICT_CONTRADICTS:
      return _("Contradicts");

    case GLOSS_VERDICT_INSUFFICIENT:
      return _("Insufficient");

    case GLOSS_VERDICT_NONE:
    default:
      return NULL;
    }
}

/* The label of a tag id in any shipped vocabulary, or the id itself. */
static const char *
tag_label (const char *tag_id)
{
  static const char * const vocabularies[] = { "bias", "evidence" };

  for (guint i = 0; i < G_N_ELEMENTS (vocabularies); i++)
    {
      GlossVocabulary *vocabulary = gloss_vocabulary_get_default (vocabularies[i]);
      const GlossTag *tag = vocabulary != NULL ? gloss_vocabulary_lookup (vocabulary, tag_id) : NULL;

      if (tag != NULL && tag->label != NULL)
        return tag->label;
    }

  return tag_id;
}

static char *
finding_tooltip (GlossFinding *finding)
{
  const char * const *reasons = gloss_finding_get_reasons (finding);
  g_autoptr(GString) str = g_string_new (NULL);
  gboolean empty;

  if (reasons != NULL && reasons[0] != NULL)
    {
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          if (str->len > 0)
            g_string_append_c (str, '\n');
          g_string_append (str, reasons[i]);
        }
    }
  else if (gloss_finding_get_explanation (finding) != NULL)
    {
      g_string_append (str, gloss_finding_get_explanation (finding));
    }

  empty = str->len == 0;

  return g_string_free (g_steal_pointer (&str), empty);
}

/* The summary above the pages */

#define SUMMARY_MAX_CUE_KINDS 4

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
summary_cue_chip (const char *kind,
                  guint       count)
{
  GlossVocabulary *vocabulary = gloss_vocabulary_get_default ("bias");
  const GlossTag *tag = vocabulary != NULL ? gloss_vocabulary_lookup (vocabulary, kind) : NULL;
  const char *label = tag != NULL && tag->label != NULL ? tag->label : kind;
  GtkWidget *chip = gtk_label_new (NULL);
  g_autofree char *markup = NULL;
  GdkRGBA rgba;

  /* A colour from a vocabulary the user installed is checked before it
   * reaches markup.
   */
  if (tag != NULL && tag->color != NULL && gdk_rgba_parse (&rgba, tag->color))
    {
      g_autofree char *color = g_strdup_printf ("#%02x%02x%02x",
                                                (guint)(CLAMP (rgba.red, 0., 1.) * 255. + .5),
                                                (guint)(CLAMP (rgba.green, 0., 1.) * 255. + .5),
                                                (guint)(CLAMP (rgba.blue, 0., 1.) * 255. + .5));

      /* Translators: a kind of cue and how often the article uses it,
       * after a coloured dot, e.g. "Loaded language 12".
       */
      markup = g_markup_printf_escaped (_("<span foreground=\"%s\">●</span> %s <b>%u</b>"),
                                        color, label, count);
    }
  else
    {
      markup = g_markup_printf_escaped ("%s <b>%u</b>", label, count);
    }

  gtk_label_set_markup (GTK_LABEL (chip), markup);
  gtk_label_set_xalign (GTK_LABEL (chip), 0);
  gtk_label_set_ellipsize (GTK_LABEL (chip), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (chip, "caption");
  gtk_widget_add_css_class (chip, "cue-chip");
  if (tag != NULL && tag->definition != NULL)
    gtk_widget_set_tooltip_text (chip, tag->definition);

  return chip;
}

static void
summary_add_note (GlossSidePane *self,
                  const char    *text,
                  const char    *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self->summary_notes), label);
}

static void
gloss_side_pane_update_summary (GlossSidePane *self)
{
  GlossAnalysis *analysis = self->article != NULL ? gloss_article_get_analysis (self->article) : NULL;
  const GlossAnalysisSummary *summary;
  GListModel *document_cues;
  const char *notice;
  gboolean analysed;
  guint n_chips;

  remove_all_children (GTK_WIDGET (self->summary_cues));
  remove_all_children (self->summary_notes);

  if (analysis == NULL)
    {
      gtk_widget_set_visible (self->summary_box, FALSE);
      return;
    }

  summary = gloss_analysis_get_summary (analysis);
  notice = gloss_analysis_get_notice (analysis);
  /* An article in a language the analysis does not know has only its
   * outline: counting its claims would suggest it has none.
   */
  analysed = notice == NULL || summary->n_claims > 0 || summary->n_cues > 0;

  if (summary->n_claims > 0)
    {
      g_autofree char *text = NULL;

      /* Translators: the share of claims that the article backs, e.g.
       * "9 of 53 claims offer evidence".
       */
      text = g_strdup_printf (ngettext ("%u of %u claim offers evidence",
                                        "%u of %u claims offer evidence",
                                        summary->n_claims),
                              summary->n_claims_with_evidence, summary->n_claims);
      gtk_label_set_label (self->summary_claims, text);
    }
  else
    {
      gtk_label_set_label (self->summary_claims, _("No claims found"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_claims), analysed);

  n_chips = MIN (summary->n_cue_kinds, SUMMARY_MAX_CUE_KINDS);
  for (guint i = 0; i < n_chips; i++)
    {
      gtk_flow_box_append (self->summary_cues,
                           summary_cue_chip (summary->cue_kinds[i], summary->cue_counts[i]));
    }
  if (summary->n_cue_kinds > n_chips)
    {
      guint rest = 0;
      g_autofree char *more = NULL;
      GtkWidget *label;

      for (guint i = n_chips; i < summary->n_cue_kinds; i++)
        rest += summary->cue_counts[i];

      /* Translators: the cues of the less frequent kinds, e.g. "+ 7 more". */
      more = g_strdup_printf (ngettext ("+ %u more", "+ %u more", rest), rest);
      label = gtk_label_new (more);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_flow_box_append (self->summary_cues, label);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_cues), n_chips > 0);

  if (summary->n_sources > 0)
    {
      g_autofree char *names = g_strjoinv (", ", (char **)summary->sources);
      g_autofree char *text = NULL;

      /* Translators: the sources the article names, e.g.
       * "Sources: Reuters, the harbour board".
       */
      text = g_strdup_printf (_("Sources: %s"), names);
      gtk_label_set_label (self->summary_sources, text);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_sources), names);
    }
  else
    {
      gtk_label_set_label (self->summary_sources, _("No sources named"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_sources), NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_sources), analysed);

  document_cues = gloss_analysis_get_document_cues (analysis);
  for (guint i = 0; i < g_list_model_get_n_items (document_cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (document_cues, i);
      const char *explanation = gloss_finding_get_explanation (cue);
      const char *text = explanation != NULL ? explanation : tag_label (gloss_finding_get_kind (cue));
      g_autofree char *first = NULL;
      g_autofree char *sentence = NULL;

      if (text == NULL || *text == '\0')
        continue;

      /* Explanations read "no source: …" in lists; on a line of its own
       * the note starts like a sentence.
       */
      first = g_utf8_strup (text, g_utf8_next_char (text) - text);
      sentence = g_strconcat (first, g_utf8_next_char (text), NULL);
      summary_add_note (self, sentence, "document-cue");
    }

  if (notice != NULL)
    summary_add_note (self, notice, "dim-label");

  gtk_widget_set_visible (self->summary_notes,
                          gtk_widget_get_first_child (self->summary_notes) != NULL);
  gtk_widget_set_visible (self->summary_box, TRUE);
}

GtkWidget *
gloss_side_pane_get_summary (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return self->summary_box;
}

static void
outline_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GlossSidePane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = row_label (box, "title", NULL);

  /* Section titles are what the reader navigates by: show them whole, up
   * to a few lines, rather than cutting them at the pane's edge.
   */
  gtk_label_set_lines (GTK_LABEL (label), 3);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, box);
}

static void
outline_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossSidePane            *self)
{
  GlossFinding *section = gtk_list_item_get_item (item);
  GtkLabel *title = row_get_label (item, "title");
  guint level = gloss_finding_get_level (section);
  guint depth = level > self->min_level ? level - self->min_level : 0;

  set_label_text (title, gloss_finding_get_label (section));
  gtk_widget_set_visible (GTK_WIDGET (title), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (title), gloss_finding_get_label (section));
  gtk_widget_set_margin_start (GTK_WIDGET (title), 18 * MIN (depth, 4));
}

static void
claims_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossSidePane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *badge = row_label (box, "badge", "finding-badge");
  GtkWidget *sentence = row_label (box, "sentence", NULL);
  GtkWidget *subtitle = row_label (box, "subtitle", "dim-label");
  GtkWidget *no_evidence = row_label (box, "no-evidence", "no-evidence");

  gtk_widget_add_css_class (no_evidence, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_label_set_wrap (GTK_LABEL (badge), FALSE);
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_label_set_lines (GTK_LABEL (sentence), 3);
  gtk_label_set_ellipsize (GTK_LABEL (sentence), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_list_item_set_child (item, box);
}

static void
claims_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossSidePane            *self)
{
  GlossFinding *claim = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkLabel *badge = row_get_label (item, "badge");
  const char *kind = gloss_finding_get_kind (claim);
  g_autofree char *tooltip = finding_tooltip (claim);
  g_autofree char *subtitle = NULL;
  g_autofree char *kind_class = g_strdup_printf ("claim-%s", kind != NULL ? kind : "none");
  const char *old_class = g_object_get_data (G_OBJECT (badge), "kind-class");

  if (old_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (badge), old_class);
  gtk_widget_add_css_class (GTK_WIDGET (badge), kind_class);
  g_object_set_data_full (G_OBJECT (badge), "kind-class", g_steal_pointer (&kind_class), g_free);

  if (self->article != NULL &&
      claim == gloss_analysis_get_thesis (gloss_article_get_analysis (self->article)))
    {
      g_autofree char *main_claim = NULL;

      /* Translators: the badge of the claim that states what the whole
       * article argues, followed by its kind, e.g. "Main claim · Opinion".
       */
      main_claim = g_strdup_printf (_("Main claim · %s"), claim_kind_label (kind));
      set_label_text (badge, main_claim);
    }
  else
    {
      set_label_text (badge, claim_kind_label (kind));
    }
  set_label_text (row_get_label (item, "sentence"), gloss_finding_get_label (claim));

  /* Translators: how strongly a sentence looks like a claim worth checking,
   * followed by the reason, e.g. "82% · a statistic without a source".
   */
  if (gloss_finding_get_explanation (claim) != NULL)
    subtitle = g_strdup_printf (_("%.0f%% · %s"),
                                gloss_finding_get_score (claim) * 100.0,
                                gloss_finding_get_explanation (claim));
  else
    subtitle = g_strdup_printf (_("%.0f%%"), gloss_finding_get_score (claim) * 100.0);
  set_label_text (row_get_label (item, "subtitle"), subtitle);
  set_label_text (row_get_label (item, "no-evidence"),
                  gloss_finding_get_has_evidence (claim) ? NULL : _("No evidence given"));

  gtk_widget_set_tooltip_text (child, tooltip);
}

static void
cues_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GlossSidePane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *category = row_label (box, "category", "caption-heading");
  GtkWidget *text = row_label (box, "text", "cue-text");
  GtkWidget *explanation = row_label (box, "explanation", "dim-label");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_wrap (GTK_LABEL (category), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (category), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (text), 2);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (explanation, "caption");
  gtk_list_item_set_child (item, box);
}

static void
cues_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              GlossSidePane            *self)
{
  GlossFinding *cue = gtk_list_item_get_item (item);
  g_autofree char *tooltip = finding_tooltip (cue);
  g_autofree char *quoted = NULL;

  /* Translators: a quoted passage of the article. */
  quoted = g_strdup_printf (_("“%s”"), gloss_finding_get_label (cue) != NULL ? gloss_finding_get_label (cue) : "");

  set_label_text (row_get_label (item, "category"), tag_label (gloss_finding_get_kind (cue)));
  set_label_text (row_get_label (item, "text"), quoted);
  set_label_text (row_get_label (item, "explanation"), gloss_finding_get_explanation (cue));
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (item), tooltip);
}

static void
notes_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GlossSidePane            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *header = row_label (box, "header", "caption-heading");
  GtkWidget *quote = row_label (box, "quote", "note-quote");
  GtkWidget *note = row_label (box, "note", NULL);
  GtkWidget *state = row_label (box, "state", "warning");

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_lines (GTK_LABEL (header), 2);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (quote), 2);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (note), 3);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (state, "caption");
  gtk_list_item_set_child (item, box);
}

static void
notes_update_row (GtkListItem *item)
{
  GlossAnnotation *annotation = gtk_list_item_get_item (item);
  const char * const *tags;
  const char *verdict;
  const char *state = NULL;
  g_autoptr(GString) header = NULL;
  g_autofree char *quote = NULL;

  if (annotation == NULL)
    return;

  header = g_string_new (gloss_annotation_kind_to_label (gloss_annotation_get_kind (annotation)));
  tags = gloss_annotation_get_tags (annotation);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_string_append (header, " · ");
      g_string_append (header, tag_label (tags[i]));
    }

  if (gloss_annotation_get_kind (annotation) == GLOSS_ANNOTATION_EVIDENCE)
    verdict = verdict_label (gloss_annotation_get_verdict (annotation));
  else
    verdict = NULL;

  if (verdict != NULL)
    {
      g_string_append (header, " · ");
      g_string_append (header, verdict);
    }

  switch (gloss_annotation_get_anchor_state (annotation))
    {
    case GLOSS_ANCHOR_ORPHAN:
      state = _("Could not be placed: the passage is no longer in the article");
      break;

    case GLOSS_ANCHOR_NEEDS_REVIEW:
      state = _("Needs review: the article changed, check that the note is still on the right passage");
      break;

    case GLOSS_ANCHOR_ANCHORED:
    case GLOSS_ANCHOR_MOVED:
    default:
      break;
    }

  quote = g_strdup_printf (_("“%s”"), gloss_annotation_get_exact (annotation) != NULL ? gloss_annotation_get_exact (annotation) : "");

  set_label_text (row_get_label (item, "header"), header->str);
  set_label_text (row_get_label (item, "quote"), quote);
  set_label_text (row_get_label (item, "note"), gloss_annotation_get_note (annotation));
  set_label_text (row_get_label (item, "state"), state);
}

static void
annotation_notify_cb (GlossAnnotation *annotation,
                      GParamSpec      *pspec,
                      GtkListItem     *item)
{
  notes_update_row (item);
}

static void
notes_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               GlossSidePane            *self)
{
  GlossAnnotation *annotation = gtk_list_item_get_item (item);
  gulong handler;

  /* A note edited in the editor changes in place: keep its row current. */
  handler = g_signal_connect_object (annotation, "notify",
                                     G_CALLBACK (annotation_notify_cb), item, 0);
  g_object_set_data (G_OBJECT (item), "gloss-notify-handler", GSIZE_TO_POINTER (handler));

  notes_update_row (item);
}

static void
notes_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GlossSidePane            *self)
{
  GlossAnnotation *annotation = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "gloss-notify-handler"));

  if (handler != 0 && annotation != NULL)
    g_signal_handler_disconnect (annotation, handler);
  g_object_set_data (G_OBJECT (item), "gloss-notify-handler", NULL);
}

/* Models */

static void
gloss_side_pane_update_page (GlossSidePane *self,
                             Page           page)
{
  GListModel *model = gtk_single_selection_get_model (self->selections[page]);
  guint n_items = model != NULL ? g_list_model_get_n_items (model) : 0;

  gtk_stack_set_visible_child_name (self->stacks[page], n_items > 0 ? "list" : "empty");

  if (page == PAGE_NOTES)
    {
      AdwViewStackPage *stack_page = adw_view_stack_get_page (self->view_stack,
                                                              GTK_WIDGET (self->stacks[page]));

      if (stack_page != NULL)
        adw_view_stack_page_set_badge_number (stack_page, n_items);
    }
}

static void
items_changed_cb (GtkSingleSelection *selection,
                  guint               position,
                  guint               removed,
                  guint               added,
                  GlossSidePane      *self)
{
  for (Page page = 0; page < N_PAGES; page++)
    {
      if (self->selections[page] == selection)
        gloss_side_pane_update_page (self, page);
    }
}

static void
list_activate_cb (GtkListView   *list,
                  guint          position,
                  GlossSidePane *self)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (list));
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  if (GLOSS_IS_FINDING (item))
    {
      g_signal_emit (self, signals[REVEAL], 0,
                     gloss_finding_get_start (GLOSS_FINDING (item)),
                     gloss_finding_get_end (GLOSS_FINDING (item)));
    }
  else if (GLOSS_IS_ANNOTATION (item))
    {
      g_signal_emit (self, signals[NOTE_ACTIVATED], 0, item);
    }
}

static void
notes_selection_changed_cb (GtkSingleSelection *selection,
                            GParamSpec         *pspec,
                            GlossSidePane      *self)
{
  GlossAnnotation *annotation = gtk_single_selection_get_selected_item (selection);

  /* Choosing a note shows its passage; an orphan has none to show. */
  if (annotation != NULL &&
      gloss_annotation_get_anchor_state (annotation) != GLOSS_ANCHOR_ORPHAN)
    g_signal_emit (self, signals[REVEAL], 0,
                   gloss_annotation_get_start (annotation),
                   gloss_annotation_get_end (annotation));
}

static void
visible_page_changed_cb (GlossSidePane *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_PAGE]);
}

GtkWidget *
gloss_side_pane_new (void)
{
  return g_object_new (GLOSS_TYPE_SIDE_PANE, NULL);
}

GlossArticle *
gloss_side_pane_get_article (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return self->article;
}

void
gloss_side_pane_set_article (GlossSidePane *self,
                             GlossArticle  *article)
{
  GListModel *models[N_PAGES] = { NULL };

  g_return_if_fail (GLOSS_IS_SIDE_PANE (self));
  g_return_if_fail (article == NULL || GLOSS_IS_ARTICLE (article));

  if (!g_set_object (&self->article, article))
    return;

  if (article != NULL)
    {
      GlossAnalysis *analysis = gloss_article_get_analysis (article);
      guint n_sections;

      models[PAGE_OUTLINE] = gloss_analysis_get_sections (analysis);
      models[PAGE_CLAIMS] = gloss_analysis_get_claims (analysis);
      models[PAGE_CUES] = gloss_analysis_get_cues (analysis);
      models[PAGE_NOTES] = G_LIST_MODEL (gloss_article_get_store (article));

      self->min_level = G_MAXUINT;
      n_sections = g_list_model_get_n_items (models[PAGE_OUTLINE]);
      for (guint i = 0; i < n_sections; i++)
        {
          g_autoptr(GlossFinding) section = g_list_model_get_item (models[PAGE_OUTLINE], i);

          self->min_level = MIN (self->min_level, gloss_finding_get_level (section));
        }
      if (self->min_level == G_MAXUINT)
        self->min_level = 1;
    }

  for (Page page = 0; page < N_PAGES; page++)
    {
      gtk_single_selection_set_model (self->selections[page], models[page]);
      gloss_side_pane_update_page (self, page);
    }

  gloss_side_pane_update_summary (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

const char *
gloss_side_pane_get_visible_page (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
gloss_side_pane_set_visible_page (GlossSidePane *self,
                                  const char    *page)
{
  g_return_if_fail (GLOSS_IS_SIDE_PANE (self));
  g_return_if_fail (page != NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

GListModel *
gloss_side_pane_get_outline_model (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return G_LIST_MODEL (self->selections[PAGE_OUTLINE]);
}

GListModel *
gloss_side_pane_get_claims_model (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return G_LIST_MODEL (self->selections[PAGE_CLAIMS]);
}

GListModel *
gloss_side_pane_get_cues_model (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return G_LIST_MODEL (self->selections[PAGE_CUES]);
}

GListModel *
gloss_side_pane_get_notes_model (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return G_LIST_MODEL (self->selections[PAGE_NOTES]);
}

GtkListView *
gloss_side_pane_get_list_view (GlossSidePane *self,
                               const char    *page)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);
  g_return_val_if_fail (page != NULL, NULL);

  for (Page i = 0; i < N_PAGES; i++)
    {
      if (g_str_equal (page, page_names[i]))
        return self->lists[i];
    }

  return NULL;
}

static gboolean
gloss_side_pane_select_range (GlossSidePane *self,
                              Page           page,
                              guint          start,
                              guint          end)
{
  GListModel *model = G_LIST_MODEL (self->selections[page]);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (model, i);

      if (gloss_finding_get_start (finding) == start && gloss_finding_get_end (finding) == end)
        {
          adw_view_stack_set_visible_child_name (self->view_stack, page_names[page]);
          gtk_single_selection_set_selected (self->selections[page], i);
          gtk_widget_activate_action (GTK_WIDGET (self->lists[page]), "list.scroll-to-item", "u", i);
          return TRUE;
        }
    }

  return FALSE;
}

void
gloss_side_pane_show_finding (GlossSidePane *self,
                              guint          start,
                              guint          end)
{
  g_return_if_fail (GLOSS_IS_SIDE_PANE (self));

  if (!gloss_side_pane_select_range (self, PAGE_CUES, start, end))
    gloss_side_pane_select_range (self, PAGE_CLAIMS, start, end);
}

GlossAnnotation *
gloss_side_pane_get_selected_note (GlossSidePane *self)
{
  g_return_val_if_fail (GLOSS_IS_SIDE_PANE (self), NULL);

  return gtk_single_selection_get_selected_item (self->selections[PAGE_NOTES]);
}

void
gloss_side_pane_select_note (GlossSidePane   *self,
                             GlossAnnotation *annotation)
{
  GListModel *model;
  guint n_items;

  g_return_if_fail (GLOSS_IS_SIDE_PANE (self));
  g_return_if_fail (GLOSS_IS_ANNOTATION (annotation));

  model = G_LIST_MODEL (self->selections[PAGE_NOTES]);
  n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossAnnotation) item = g_list_model_get_item (model, i);

      if (item == annotation)
        {
          gtk_single_selection_set_selected (self->selections[PAGE_NOTES], i);
          gtk_widget_activate_action (GTK_WIDGET (self->notes_list), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

static void
gloss_side_pane_dispose (GObject *object)
{
  GlossSidePane *self = GLOSS_SIDE_PANE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSS_TYPE_SIDE_PANE);

  /* The switcher and the separators are children too, though not bound. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  for (Page page = 0; page < N_PAGES; page++)
    g_clear_object (&self->selections[page]);

  g_clear_object (&self->article);

  G_OBJECT_CLASS (gloss_side_pane_parent_class)->dispose (object);
}

static void
gloss_side_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GlossSidePane *self = GLOSS_SIDE_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    case PROP_VISIBLE_PAGE:
      g_value_set_string (value, gloss_side_pane_get_visible_page (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_side_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GlossSidePane *self = GLOSS_SIDE_PANE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      gloss_side_pane_set_article (self, g_value_get_object (value));
      break;

    case PROP_VISIBLE_PAGE:
      gloss_side_pane_set_visible_page (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_side_pane_class_init (GlossSidePaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gloss_side_pane_dispose;
  object_class->get_property = gloss_side_pane_get_property;
  object_class->set_property = gloss_side_pane_set_property;

  /**
   * GlossSidePane:article:
   *
   * The article whose analysis and notes are listed.
   */
  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         GLOSS_TYPE_ARTICLE,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * GlossSidePane:visible-page:
   *
   * The name of the list on show.
   */
  properties[PROP_VISIBLE_PAGE] =
    g_param_spec_string ("visible-page", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossSidePane::reveal:
   * @start: the first code point of the range
   * @end: the end of the range (exclusive)
   *
   * The reader chose a section, claim, cue or note.
   */
  signals[REVEAL] =
    g_signal_new ("reveal",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * GlossSidePane::note-activated:
   * @annotation: the note
   *
   * The reader asked to edit a note.
   */
  signals[NOTE_ACTIVATED] =
    g_signal_new ("note-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSS_TYPE_ANNOTATION);

  g_type_ensure (ADW_TYPE_VIEW_STACK);
  g_type_ensure (ADW_TYPE_VIEW_SWITCHER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossapp/Gloss/ui/gloss-side-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, outline_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, claims_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, cues_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, notes_list);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, outline_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, claims_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, cues_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, notes_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, summary_box);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, summary_claims);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, summary_cues);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, summary_sources);
  gtk_widget_class_bind_template_child (widget_class, GlossSidePane, summary_notes);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);

  gtk_widget_class_set_css_name (widget_class, "sidepane");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gloss_side_pane_init (GlossSidePane *self)
{
  static const struct {
    GCallback setup;
    GCallback bind;
    GCallback unbind;
  } factories[N_PAGES] = {
    { G_CALLBACK (outline_setup_cb), G_CALLBACK (outline_bind_cb), NULL },
    { G_CALLBACK (claims_setup_cb), G_CALLBACK (claims_bind_cb), NULL },
    { G_CALLBACK (cues_setup_cb), G_CALLBACK (cues_bind_cb), NULL },
    { G_CALLBACK (notes_setup_cb), G_CALLBACK (notes_bind_cb), G_CALLBACK (notes_unbind_cb) },
  };
  GtkEventController *controller;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->lists[PAGE_OUTLINE] = self->outline_list;
  self->lists[PAGE_CLAIMS] = self->claims_list;
  self->lists[PAGE_CUES] = self->cues_list;
  self->lists[PAGE_NOTES] = self->notes_list;
  self->stacks[PAGE_OUTLINE] = self->outline_stack;
  self->stacks[PAGE_CLAIMS] = self->claims_stack;
  self->stacks[PAGE_CUES] = self->cues_stack;
  self->stacks[PAGE_NOTES] = self->notes_stack;

  for (Page page = 0; page < N_PAGES; page++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", factories[page].setup, self);
      g_signal_connect (factory, "bind", factories[page].bind, self);
      if (factories[page].unbind != NULL)
        g_signal_connect (factory, "unbind", factories[page].unbind, self);

      self->selections[page] = gtk_single_selection_new (NULL);
      gtk_single_selection_set_autoselect (self->selections[page], FALSE);
      gtk_single_selection_set_can_unselect (self->selections[page], TRUE);
      g_signal_connect_object (self->selections[page], "items-changed",
                               G_CALLBACK (items_changed_cb), self, 0);

      gtk_list_view_set_factory (self->lists[page], factory);
      gtk_list_view_set_model (self->lists[page], GTK_SELECTION_MODEL (self->selections[page]));
      g_signal_connect_object (self->lists[page], "activate",
                               G_CALLBACK (list_activate_cb), self, 0);

      gloss_side_pane_update_page (self, page);
    }

  /* A click on a section, claim or cue goes there at once. Notes are
   * selected by a click (to show their passage, or to delete them) and
   * edited on a double click or Enter.
   */
  gtk_list_view_set_single_click_activate (self->outline_list, TRUE);
  gtk_list_view_set_single_click_activate (self->claims_list, TRUE);
  gtk_list_view_set_single_click_activate (self->cues_list, TRUE);

  g_signal_connect_object (self->selections[PAGE_NOTES], "notify::selected",
                           G_CALLBACK (notes_selection_changed_cb), self, 0);

  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                               gtk_named_action_new ("note.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0),
                               gtk_named_action_new ("note.delete"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_list), controller);
}
