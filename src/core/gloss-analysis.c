/* gloss-analysis.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis.h"
#include "gloss-analysis-lexicon.h"
#include "gloss-analysis-private.h"

/* The analysis splits the text into sentences with ICU and sentences into
 * words, matches the word lists of data/lexicons and combines the matches
 * into sections, evidence and cues; a claim model trained on check-worthy
 * sentences (data/models) tells factual claims from opinions and reports.
 * Every sentence that the author asserts and that is not itself evidence
 * is a claim. Every step is linear in the length of the text, so a long
 * article is analysed in a fraction of a second.
 *
 * This file holds the object, its public API and the order of the steps;
 * the steps are in gloss-analysis-text.c (sentences and words),
 * gloss-analysis-sections.c (outline and language), gloss-analysis-cues.c
 * (cues), gloss-analysis-statistics.c, gloss-analysis-sources.c and
 * gloss-analysis-evidence.c (evidence), gloss-analysis-claims.c (claims)
 * and gloss-analysis-summary.c.
 */

G_DEFINE_FINAL_TYPE (GlossAnalysis, gloss_analysis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  GlossFinding *fa = *(GlossFinding * const *)a;
  GlossFinding *fb = *(GlossFinding * const *)b;
  guint sa = gloss_finding_get_start (fa);
  guint sb = gloss_finding_get_start (fb);
  guint ea = gloss_finding_get_end (fa);
  guint eb = gloss_finding_get_end (fb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return strcmp (gloss_finding_get_kind (fa), gloss_finding_get_kind (fb));
}

static void
fill_store (GListStore *store,
            GPtrArray  *findings)
{
  g_ptr_array_sort (findings, compare_findings);
  g_list_store_splice (store, 0, 0, findings->pdata, findings->len);
}

static void
gloss_analysis_run (GlossAnalysis *self)
{
  Analyser an = { 0 };

  an.document = self->document;
  an.text = gloss_document_get_text (self->document);
  an.length = gloss_document_get_length (self->document);
  an.sentences = g_array_new (FALSE, TRUE, sizeof (Sentence));
  an.sections = g_ptr_array_new_with_free_func (g_object_unref);
  an.claims = g_ptr_array_new_with_free_func (g_object_unref);
  an.evidence = g_ptr_array_new_with_free_func (g_object_unref);
  an.cues = g_ptr_array_new_with_free_func (g_object_unref);
  gloss_analysis_tokens_init (&an.tokens, an.text);

  an.document_cues = g_ptr_array_new_with_free_func (g_object_unref);
  gloss_analysis_split_sentences (&an);
  gloss_analysis_tokenize_sentences (&an);
  gloss_analysis_mark_headline (&an);
  gloss_analysis_find_sections (&an);

  if (!gloss_analysis_is_english (&an))
    {
      /* Claims, evidence and cues rest on English word lists and an
       * English model: in another language they would be nonsense. The
       * outline does not depend on the language.
       */
      self->notice = g_strdup (_("This article does not seem to be in English: analysis is available for English, so only its sections are shown."));
      goto done;
    }

  gloss_analysis_find_lexicon_cues (&an);
  gloss_analysis_find_sentence_cues (&an);
  gloss_analysis_find_repetition (&an);
  gloss_analysis_find_scare_quotes (&an);
  gloss_analysis_find_statistic_evidence (&an);
  /* Attributions first: a quotation's "she said" refers back to them. */
  gloss_analysis_find_attributions (&an);
  gloss_analysis_find_quotations (&an);
  gloss_analysis_find_links_and_citations (&an);
  gloss_analysis_mark_sentence_evidence (&an);
  gloss_analysis_find_anecdotes (&an);
  gloss_analysis_find_claims (&an);
  gloss_analysis_find_document_cues (&an);

done:
  for (guint i = 0; i < an.sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an.sentences, Sentence, i);
      GlossRange range = { s->start, s->end };

      g_array_append_val (self->sentence_ranges, range);
    }

  fill_store (self->sections, an.sections);
  fill_store (self->claims, an.claims);
  g_set_object (&self->thesis, an.thesis);
  fill_store (self->evidence, an.evidence);
  fill_store (self->cues, an.cues);
  g_list_store_splice (self->document_cues, 0, 0, an.document_cues->pdata, an.document_cues->len);
  gloss_analysis_summarize (self);

  gloss_analysis_tokens_clear (&an.tokens);
  g_array_unref (an.sentences);
  g_ptr_array_unref (an.sections);
  g_ptr_array_unref (an.claims);
  g_ptr_array_unref (an.evidence);
  g_ptr_array_unref (an.cues);
  g_ptr_array_unref (an.document_cues);
}

/* GObject. */

static void
gloss_analysis_finalize (GObject *object)
{
  GlossAnalysis *self = (GlossAnalysis *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->sections);
  g_clear_object (&self->thesis);
  g_clear_object (&self->claims);
  g_clear_object (&self->evidence);
  g_clear_object (&self->cues);
  g_clear_object (&self->document_cues);
  g_clear_pointer (&self->sentence_ranges, g_array_unref);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->cue_kinds, g_ptr_array_unref);
  g_clear_pointer (&self->cue_counts, g_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (gloss_analysis_parent_class)->finalize (object);
}

static void
gloss_analysis_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GlossAnalysis *self = GLOSS_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_analysis_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GlossAnalysis *self = GLOSS_ANALYSIS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_analysis_constructed (GObject *object)
{
  GlossAnalysis *self = (GlossAnalysis *)object;

  G_OBJECT_CLASS (gloss_analysis_parent_class)->constructed (object);

  g_assert (GLOSS_IS_DOCUMENT (self->document));

  gloss_analysis_run (self);
}

static void
gloss_analysis_class_init (GlossAnalysisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gloss_analysis_finalize;
  object_class->get_property = gloss_analysis_get_property;
  object_class->set_property = gloss_analysis_set_property;
  object_class->constructed = gloss_analysis_constructed;

  /**
   * GlossAnalysis:document:
   *
   * The analysed document.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         GLOSS_TYPE_DOCUMENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_analysis_init (GlossAnalysis *self)
{
  self->sections = g_list_store_new (GLOSS_TYPE_FINDING);
  self->claims = g_list_store_new (GLOSS_TYPE_FINDING);
  self->evidence = g_list_store_new (GLOSS_TYPE_FINDING);
  self->cues = g_list_store_new (GLOSS_TYPE_FINDING);
  self->document_cues = g_list_store_new (GLOSS_TYPE_FINDING);
  self->sentence_ranges = g_array_new (FALSE, FALSE, sizeof (GlossRange));
  self->cue_kinds = g_ptr_array_new ();
  self->cue_counts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sources = g_ptr_array_new_with_free_func (g_free);
}

/**
 * gloss_analysis_new:
 * @document: the document to analyse
 *
 * Analyses @document in the calling thread.
 *
 * Returns: (transfer full): the analysis
 */
GlossAnalysis *
gloss_analysis_new (GlossDocument *document)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);

  return g_object_new (GLOSS_TYPE_ANALYSIS,
                       "document", document,
                       NULL);
}

static void
gloss_analysis_new_thread (GTask        *task,
                           gpointer      source_object,
                           gpointer      task_data,
                           GCancellable *cancellable)
{
  GlossDocument *document = task_data;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, gloss_analysis_new (document), g_object_unref);
}

/**
 * gloss_analysis_new_async:
 * @document: the document to analyse
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the analysis is ready
 * @user_data: data for @callback
 *
 * Analyses @document in a worker thread. The document is not changed by
 * the analysis and must not be changed while it runs.
 */
void
gloss_analysis_new_async (GlossDocument       *document,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_DOCUMENT (document));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_analysis_new_async);
  g_task_set_task_data (task, g_object_ref (document), g_object_unref);
  g_task_run_in_thread (task, gloss_analysis_new_thread);
}

/**
 * gloss_analysis_new_finish:
 * @result: the result given to the callback
 * @error: a location for a #GError, or %NULL
 *
 * Returns: (transfer full): the analysis, or %NULL if it was cancelled
 */
GlossAnalysis *
gloss_analysis_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_analysis_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GlossDocument *
gloss_analysis_get_document (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return self->document;
}

GListModel *
gloss_analysis_get_sections (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->sections);
}

GListModel *
gloss_analysis_get_claims (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->claims);
}

GListModel *
gloss_analysis_get_evidence (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->evidence);
}

GListModel *
gloss_analysis_get_cues (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->cues);
}

/**
 * gloss_analysis_get_document_cues:
 * @self: a #GlossAnalysis
 *
 * Returns: (transfer none): the cues about the article as a whole
 *   (element-type GlossFinding), with an empty range at 0
 */
GListModel *
gloss_analysis_get_document_cues (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return G_LIST_MODEL (self->document_cues);
}

/**
 * gloss_analysis_get_summary:
 * @self: a #GlossAnalysis
 *
 * Returns: (transfer none): the article at a glance, owned by @self
 */
const GlossAnalysisSummary *
gloss_analysis_get_summary (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return &self->summary;
}

double
gloss_analysis_summary_get_evidence_share (const GlossAnalysisSummary *summary)
{
  g_return_val_if_fail (summary != NULL, 0.0);

  if (summary->n_claims == 0)
    return 0.0;

  return (double)summary->n_claims_with_evidence / summary->n_claims;
}

/**
 * gloss_analysis_get_notice:
 * @self: a #GlossAnalysis
 *
 * Returns: (nullable): a translated note about the analysis as a whole,
 *   such as that it is available for English only
 */
/**
 * gloss_analysis_get_thesis:
 * @self: a #GlossAnalysis
 *
 * Returns: (nullable) (transfer none): the claim that states what the
 *   article argues, one of the items of gloss_analysis_get_claims()
 */
GlossFinding *
gloss_analysis_get_thesis (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return self->thesis;
}

const char *
gloss_analysis_get_notice (GlossAnalysis *self)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  return self->notice;
}

const GlossRange *
gloss_analysis_get_sentences (GlossAnalysis *self,
                              guint         *n_sentences)
{
  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  if (n_sentences != NULL)
    *n_sentences = self->sentence_ranges->len;

  return (const GlossRange *)(gpointer)self->sentence_ranges->data;
}

/**
 * gloss_analysis_find_section:
 * @self: a #GlossAnalysis
 * @offset: a code point offset into the document text
 *
 * Returns: (transfer none) (nullable): the innermost section that contains
 *   @offset, or %NULL before the first heading
 */
GlossFinding *
gloss_analysis_find_section (GlossAnalysis *self,
                             guint          offset)
{
  GListModel *model;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (GLOSS_IS_ANALYSIS (self), NULL);

  model = G_LIST_MODEL (self->sections);
  hi = g_list_model_get_n_items (model);

  /* The last section that starts at or before @offset... */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      g_autoptr(GlossFinding) section = g_list_model_get_item (model, mid);

      if (gloss_finding_get_start (section) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  /* ...or the nearest one before it that still contains it: the sections
   * are sorted by start, so the first that contains @offset going back is
   * the innermost.
   */
  while (lo > 0)
    {
      g_autoptr(GlossFinding) section = g_list_model_get_item (model, --lo);

      if (offset < gloss_finding_get_end (section))
        return section;
    }

  return NULL;
}

/**
 * gloss_analysis_classify_sentence:
 * @sentence: one sentence of text
 * @score: (out) (optional): how check-worthy it is, in 0..1
 * @kind: (out) (optional) (transfer none): its kind
 *
 * Decides whether @sentence is a factual claim worth checking.
 *
 * Returns: %TRUE for a check-worthy factual claim
 */
gboolean
gloss_analysis_classify_sentence (const char  *sentence,
                                  double      *score,
                                  const char **kind)
{
  g_autofree char *text = NULL;
  Tokens tokens;
  double s;
  gboolean question;
  const char *k;
  gsize len;

  g_return_val_if_fail (sentence != NULL, FALSE);

  text = g_utf8_make_valid (sentence, -1);
  g_strstrip (text);
  len = strlen (text);
  question = len > 0 && text[len - 1] == '?';

  gloss_analysis_tokens_init (&tokens, text);
  gloss_analysis_tokenize (&tokens, 0, len, 0, 0);

  k = gloss_analysis_sentence_kind (&tokens, len, question);
  s = gloss_analysis_model_score (&tokens, 0, tokens.lex->len, text, len, NULL);
  gloss_analysis_tokens_clear (&tokens);

  if (score != NULL)
    *score = s;
  if (kind != NULL)
    *kind = k;

  return s >= gloss_analysis_model_threshold ();
}
