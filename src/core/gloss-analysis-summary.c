/* gloss-analysis-summary.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-analysis-private.h"

/* The summary at the top of the side pane: claims and how many have
 * evidence near them, cues by technique, and the sources the article names.
 */

static char *
source_of (GlossFinding *finding)
{
  const char *kind = gloss_finding_get_kind (finding);
  const char *detail = gloss_finding_get_detail (finding);

  if (detail == NULL)
    return NULL;

  if (strcmp (kind, "link") == 0)
    {
      g_autoptr(GUri) uri = g_uri_parse (detail, G_URI_FLAGS_NONE, NULL);
      const char *host;

      if (uri == NULL && g_str_has_prefix (detail, "www."))
        {
          g_autofree char *full = g_strconcat ("http://", detail, NULL);

          uri = g_uri_parse (full, G_URI_FLAGS_NONE, NULL);
        }

      host = uri != NULL ? g_uri_get_host (uri) : NULL;
      if (host == NULL || host[0] == '\0')
        return NULL;
      if (g_str_has_prefix (host, "www."))
        host += strlen ("www.");
      return g_strdup (host);
    }

  if (strcmp (kind, "quotation") == 0 || strcmp (kind, "attribution") == 0)
    return g_strdup (detail);

  return NULL;
}

static int
compare_kind_counts (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GHashTable *counts = user_data;
  const char *ka = *(const char * const *)a;
  const char *kb = *(const char * const *)b;
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, ka));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, kb));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return strcmp (ka, kb);
}

void
gloss_analysis_summarize (GlossAnalysis *self)
{
  GListModel *claims = G_LIST_MODEL (self->claims);
  GListModel *evidence = G_LIST_MODEL (self->evidence);
  GListModel *cues = G_LIST_MODEL (self->cues);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GlossAnalysisSummary *summary = &self->summary;

  summary->n_claims = g_list_model_get_n_items (claims);
  summary->n_evidence = g_list_model_get_n_items (evidence);
  summary->n_cues = g_list_model_get_n_items (cues);

  for (guint i = 0; i < summary->n_claims; i++)
    {
      g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, i);

      if (gloss_finding_get_has_evidence (claim))
        summary->n_claims_with_evidence++;
    }

  /* The kinds are interned by the findings, which outlive the summary's
   * use of them as keys.
   */
  for (guint i = 0; i < summary->n_cues; i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);
      const char *kind = g_intern_string (gloss_finding_get_kind (cue));

      if (!g_hash_table_contains (counts, kind))
        g_ptr_array_add (self->cue_kinds, (gpointer)kind);
      g_hash_table_insert (counts, (gpointer)kind,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, kind)) + 1));
    }

  g_ptr_array_sort_with_data (self->cue_kinds, compare_kind_counts, counts);
  for (guint i = 0; i < self->cue_kinds->len; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, g_ptr_array_index (self->cue_kinds, i)));

      g_array_append_val (self->cue_counts, count);
    }

  for (guint i = 0; i < summary->n_evidence; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (evidence, i);
      g_autofree char *source = source_of (finding);
      g_autofree char *key = NULL;

      if (source == NULL)
        continue;

      key = g_utf8_casefold (source, -1);
      if (g_hash_table_contains (seen, key))
        continue;

      g_hash_table_add (seen, g_steal_pointer (&key));
      g_ptr_array_add (self->sources, g_steal_pointer (&source));
    }

  summary->n_cue_kinds = self->cue_kinds->len;
  summary->n_sources = self->sources->len;
  g_ptr_array_add (self->cue_kinds, NULL);
  g_ptr_array_add (self->sources, NULL);
  summary->cue_kinds = (const char * const *)self->cue_kinds->pdata;
  summary->cue_counts = (const guint *)(gpointer)self->cue_counts->data;
  summary->sources = (const char * const *)self->sources->pdata;
}
