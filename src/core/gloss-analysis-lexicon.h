/* gloss-analysis-lexicon.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  GLOSS_LEX_NONE       = 0,
  /* The entry does not match a capitalised word in the middle of a
   * sentence, so that "may" does not match the month "May" and "will" not
   * the name "Will".
   */
  GLOSS_LEX_NOT_PROPER = 1 << 0,
} GlossLexFlags;

/* One entry of a list. @phrase is lower case, words separated by single
 * spaces. A word "*" matches any one word; a word ending in "*" matches any
 * longer word that starts with the rest ("exaggerat*"), and one starting
 * with "*" any longer word that ends with the rest ("*-hating").
 */
typedef struct {
  const char    *phrase;
  /* A translatable explanation with one "%s" for the matched text, or NULL
   * for the list's own.
   */
  const char    *explanation;
  GlossLexFlags  flags;
} GlossLexEntry;

typedef enum {
  /* Bias and persuasion cues: the id of the list is a tag id of the bias
   * vocabulary.
   */
  GLOSS_LEXICON_LOADED_LANGUAGE,
  GLOSS_LEXICON_NAME_CALLING,
  GLOSS_LEXICON_HEDGE,
  GLOSS_LEXICON_GENERALISATION,
  GLOSS_LEXICON_INTENSIFIER,
  GLOSS_LEXICON_EXAGGERATION,
  GLOSS_LEXICON_DOUBT,
  GLOSS_LEXICON_APPEAL_TO_FEAR,
  GLOSS_LEXICON_FLAG_WAVING,
  GLOSS_LEXICON_CAUSAL_OVERSIMPLIFICATION,
  GLOSS_LEXICON_SLOGANS,
  GLOSS_LEXICON_APPEAL_TO_AUTHORITY,
  GLOSS_LEXICON_BLACK_AND_WHITE,
  GLOSS_LEXICON_THOUGHT_TERMINATING_CLICHE,
  GLOSS_LEXICON_WHATABOUTISM,
  GLOSS_LEXICON_STRAW_MAN,
  GLOSS_LEXICON_BANDWAGON,
  GLOSS_LEXICON_N_CUES,

  /* Signals for claims and evidence. */
  GLOSS_LEXICON_EVALUATIVE = GLOSS_LEXICON_N_CUES,
  GLOSS_LEXICON_EVALUATIVE_FRAME,
  GLOSS_LEXICON_THESIS,
  GLOSS_LEXICON_CAUSAL,
  GLOSS_LEXICON_PREDICTION,
  GLOSS_LEXICON_RECOMMENDATION,
  GLOSS_LEXICON_IMPERATIVE,
  GLOSS_LEXICON_REPORT_VERB,
  GLOSS_LEXICON_SOURCE_INTRO,
  GLOSS_LEXICON_EVENT,
  GLOSS_LEXICON_ANECDOTE,
  GLOSS_LEXICON_UNIT,
  GLOSS_LEXICON_COMPARATOR,
  GLOSS_LEXICON_WORD_STATISTIC,
  GLOSS_LEXICON_MONTH,
  GLOSS_LEXICON_ABBREVIATION,
  GLOSS_LEXICON_FUNCTION_WORD,
  GLOSS_LEXICON_CHECKWORTHY_TOPIC,
  GLOSS_LEXICON_COMPARISON,
  GLOSS_LEXICON_NUMBER_WORD,
  GLOSS_LEXICON_PAST_TENSE,
  GLOSS_LEXICON_MODAL,
  GLOSS_LEXICON_STOPWORD,
  GLOSS_LEXICON_COUNTER_VOICE,
  GLOSS_LEXICON_TIME,
  GLOSS_LEXICON_PERSON,
  GLOSS_LEXICON_JUDGEMENT,
  GLOSS_LEXICON_RHETORICAL,
  GLOSS_N_LEXICONS
} GlossLexiconId;

typedef struct {
  /* The bias vocabulary tag for cue lists, a short name otherwise; the
   * list is data/lexicons/ID.txt.
   */
  const char          *id;
  /* What belongs in the list, so that it can be kept consistent (from the
   * list file).
   */
  const char          *definition;
  /* For cue lists, a translatable explanation with one "%s" for the
   * matched text; NULL for the other lists, which are never shown.
   */
  const char          *explanation;
  double               score;
  const GlossLexEntry *entries;
  gsize                n_entries;
} GlossLexicon;

const GlossLexicon *gloss_lexicon_get (GlossLexiconId id);

/* A token of text, as the matcher sees it. */
typedef struct {
  const char *folded;    /* lower case, typographic apostrophes made plain */
  guint       sentence;  /* tokens only match inside one sentence */
  guint       capitalised : 1;
  guint       sentence_initial : 1;
  /* Only white space separates this token from the previous one. */
  guint       joined : 1;
} GlossLexToken;

typedef struct {
  GlossLexiconId       lexicon;
  const GlossLexEntry *entry;
  guint                first;  /* token index */
  guint                n_tokens;
} GlossLexMatch;

/* Calls @func for the longest match of each of the lexicons in @mask
 * (a bit mask of 1 << GlossLexiconId) that starts at token @index.
 */
typedef void (*GlossLexMatchFunc) (const GlossLexMatch *match,
                                   gpointer             user_data);

void     gloss_lexicon_match_at (const GlossLexToken *tokens,
                                 guint                n_tokens,
                                 guint                index,
                                 guint64              mask,
                                 GlossLexMatchFunc    func,
                                 gpointer             user_data);
/* The longest match of @lexicon at @index, or FALSE. */
gboolean gloss_lexicon_match    (const GlossLexToken *tokens,
                                 guint                n_tokens,
                                 guint                index,
                                 GlossLexiconId       lexicon,
                                 GlossLexMatch       *match);
/* Whether the single word @folded is in @lexicon (one-word entries only). */
gboolean gloss_lexicon_contains (GlossLexiconId       lexicon,
                                 const char          *folded);

#define GLOSS_LEXICON_MASK(id) (G_GUINT64_CONSTANT (1) << (id))
#define GLOSS_LEXICON_CUE_MASK ((G_GUINT64_CONSTANT (1) << GLOSS_LEXICON_N_CUES) - 1)

G_END_DECLS
