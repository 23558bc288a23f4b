/* gloss-vocabulary.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct {
  char *id;          /* "loaded-language" */
  char *label;       /* "Loaded language" (already translated when shipped) */
  char *definition;
  char *example;
  char *color;       /* "#e5a50a" */
  char *hotkey;      /* a single character, or NULL */
  char *technique;   /* PTC technique id, or NULL */
} GlossTag;

#define GLOSS_TYPE_VOCABULARY (gloss_vocabulary_get_type ())

G_DECLARE_FINAL_TYPE (GlossVocabulary, gloss_vocabulary, GLOSS, VOCABULARY, GObject)

/* A vocabulary file is JSON:
 * { "id": "bias", "title": "Bias and persuasion", "kind": "bias",
 *   "version": 1,
 *   "tags": [ { "id", "label", "definition", "example", "color", "hotkey",
 *               "technique" } ] }
 */
GlossVocabulary *gloss_vocabulary_new_from_bytes (GBytes          *bytes,
                                                  GError         **error);
GlossVocabulary *gloss_vocabulary_new_from_file  (GFile           *file,
                                                  GError         **error);
/* The vocabulary shipped with Gloss for @id ("evidence", "bias"), or one of
 * the same id in $XDG_DATA_HOME/gloss/vocabularies/ which takes precedence.
 * Loaded once and kept for the life of the process: the result is owned by
 * Gloss (transfer none) and must not be unreferenced. NULL if there is none.
 */
GlossVocabulary *gloss_vocabulary_get_default    (const char      *id);

const char      *gloss_vocabulary_get_id         (GlossVocabulary *self);
const char      *gloss_vocabulary_get_title      (GlossVocabulary *self);
/* The annotation kind the tags are meant for: "evidence", "bias"... */
const char      *gloss_vocabulary_get_kind       (GlossVocabulary *self);
guint            gloss_vocabulary_get_n_tags     (GlossVocabulary *self);
const GlossTag  *gloss_vocabulary_get_tag        (GlossVocabulary *self,
                                                  guint            index);
const GlossTag  *gloss_vocabulary_lookup         (GlossVocabulary *self,
                                                  const char      *tag_id);

G_END_DECLS
