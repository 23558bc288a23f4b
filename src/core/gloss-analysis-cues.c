/* gloss-analysis-cues.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Bias and persuasion cues: phrases from the word lists, labels that sum
 * people up in a judgement, and signals that only whole sentences show
 * (questions, repetition, "either ... or"). How far a cue reaches is
 * decided in gloss-analysis-phrases.c.
 */

static const char *
technique_for_tag (const char *tag)
{
  static const struct {
    const char *tag;
    const char *technique;
  } map[] = {
    { "loaded-language", "Loaded_Language" },
    { "name-calling", "Name_Calling,Labeling" },
    { "exaggeration", "Exaggeration,Minimisation" },
    { "doubt", "Doubt" },
    { "appeal-to-fear", "Appeal_to_fear-prejudice" },
    { "flag-waving", "Flag-Waving" },
    { "causal-oversimplification", "Causal_Oversimplification" },
    { "slogans", "Slogans" },
    { "appeal-to-authority", "Appeal_to_Authority" },
    { "black-and-white", "Black-and-White_Fallacy" },
    { "thought-terminating-cliche", "Thought-terminating_Cliches" },
    { "whataboutism", "Whataboutism,Straw_Men,Red_Herring" },
    { "straw-man", "Whataboutism,Straw_Men,Red_Herring" },
    { "bandwagon", "Bandwagon,Reductio_ad_hitlerum" },
    { "repetition", "Repetition" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      if (strcmp (map[i].tag, tag) == 0)
        return map[i].technique;
    }

  return NULL;
}

GlossFinding *
gloss_analysis_new_cue (const char *tag,
                        guint       start,
                        guint       end,
                        const char *label,
                        double      score,
                        const char *explanation)
{
  GlossFinding *cue = gloss_finding_new (GLOSS_FINDING_CUE, tag, start, end,
                                         label, score, explanation);

  /* The detail of a cue is its technique in the PTC taxonomy. */
  gloss_finding_set_detail (cue, technique_for_tag (tag));

  return cue;
}

/* Puts @label in the place of the "%s" of a translated explanation from
 * the word lists. The template comes from data, not from a literal, so it
 * is not handed to printf.
 */
static char *
expand_template (const char *template,
                 const char *label)
{
  const char *hole = strstr (template, "%s");
  GString *out;

  if (hole == NULL)
    return g_strdup (template);

  out = g_string_new_len (template, hole - template);
  g_string_append (out, label);
  g_string_append (out, hole + 2);

  return g_string_free (out, FALSE);
}

static void
collect_match_cb (const GlossLexMatch *match,
                  gpointer             user_data)
{
  GArray *matches = user_data;

  g_array_append_val (matches, *match);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const GlossLexMatch *ma = a;
  const GlossLexMatch *mb = b;

  if (ma->n_tokens != mb->n_tokens)
    return ma->n_tokens > mb->n_tokens ? -1 : 1;
  if (ma->lexicon != mb->lexicon)
    return (int)ma->lexicon - (int)mb->lexicon;
  if (ma->first != mb->first)
    return ma->first < mb->first ? -1 : 1;
  return 0;
}

/* Techniques that lie in how a clause argues rather than in a word. */
#define CLAUSE_TECHNIQUES (GLOSS_LEXICON_MASK (GLOSS_LEXICON_DOUBT) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_APPEAL_TO_FEAR) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_CAUSAL_OVERSIMPLIFICATION) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_APPEAL_TO_AUTHORITY) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_BLACK_AND_WHITE) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_WHATABOUTISM) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_STRAW_MAN) | \
                           GLOSS_LEXICON_MASK (GLOSS_LEXICON_BANDWAGON))

static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  const GlossLexMatch *ma = a;
  const GlossLexMatch *mb = b;

  return ma->first < mb->first ? -1 : ma->first > mb->first ? 1 : 0;
}

void
gloss_analysis_find_lexicon_cues (Analyser *an)
{
  const Tokens *tokens = &an->tokens;
  guint n_tokens = tokens->lex->len;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (GlossLexMatch));
  g_autofree guint8 *taken = g_new0 (guint8, n_tokens + 1);
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (GlossLexMatch));
  g_autoptr(GArray) clauses = g_array_new (FALSE, FALSE, sizeof (TokenRange));
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (TokenRange));
  g_autofree guint *owner = g_new0 (guint, n_tokens + 1);
  guint clauses_of = G_MAXUINT;
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;

  for (guint i = 0; i < n_tokens; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, lex[i].sentence);

      /* Headings and list lead-ins are labels; their words are not the
       * author's persuasion but the outline's.
       */
      if ((s->flags & SENTENCE_LEAD_IN) != 0)
        continue;

      gloss_lexicon_match_at (lex, n_tokens, i, GLOSS_LEXICON_CUE_MASK,
                              collect_match_cb, matches);
    }

  /* The longest phrase wins where matches overlap, so that "massive
   * disinformation campaign" is one cue and "massive" is not another.
   */
  g_array_sort (matches, compare_matches);

  for (guint m = 0; m < matches->len; m++)
    {
      const GlossLexMatch *match = &g_array_index (matches, GlossLexMatch, m);
      gboolean free = TRUE;

      for (guint k = 0; k < match->n_tokens; k++)
        {
          if (taken[match->first + k])
            free = FALSE;
        }

      if (!free)
        continue;

      /* A heading such as "What Other Cities Suggest" names a topic; it
       * does not soften a claim.
       */
      if (match->lexicon == GLOSS_LEXICON_HEDGE &&
          (g_array_index (an->sentences, Sentence,
                          lex_at (tokens, match->first)->sentence).flags & SENTENCE_HEADING) != 0)
        continue;

      for (guint k = 0; k < match->n_tokens; k++)
        taken[match->first + k] = 1;

      g_array_append_val (selected, *match);
    }

  g_array_sort (selected, compare_by_position);

  for (guint m = 0; m < selected->len; m++)
    {
      const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, m);

      for (guint k = 0; k < match->n_tokens; k++)
        owner[match->first + k] = m + 1;
    }

  /* A judgement before a noun for people is a label, and the loaded
   * words inside it are part of it: "a thoroughly dishonest man".
   */
  gloss_analysis_find_labels (an, selected, owner, taken, labels);
  for (guint l = 0; l < labels->len; l++)
    {
      const TokenRange *r = &g_array_index (labels, TokenRange, l);
      guint start = r->first;
      g_autofree char *quoted = NULL;
      g_autofree char *label = NULL;
      g_autofree char *explanation = NULL;

      /* The explanation quotes the label without its article. */
      if (gloss_analysis_is_determiner (lex_at (tokens, start)->folded) && r->n > 1)
        start++;
      quoted = gloss_analysis_tokens_dup_range (tokens, start, r->first + r->n - start);
      explanation = g_strdup_printf (_("name calling: '%s' sums people up in a judgement"), quoted);
      label = gloss_analysis_tokens_dup_range (tokens, r->first, r->n);
      g_ptr_array_add (an->cues,
                       gloss_analysis_new_cue ("name-calling",
                                               info_at (tokens, r->first)->start,
                                               info_at (tokens, r->first + r->n - 1)->end,
                                               label,
                                               gloss_lexicon_get (GLOSS_LEXICON_NAME_CALLING)->score,
                                               explanation));
    }

  /* Loaded words and labels are highlighted with the words that they
   * colour: "utterly disgusting behaviour", "Crooked Hillary".
   */
  for (guint m = 0; m < selected->len; m++)
    {
      const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, m);
      const GlossLexicon *lexicon = gloss_lexicon_get (match->lexicon);
      g_autofree char *trigger = NULL;
      g_autofree char *label = NULL;
      g_autofree char *explanation = NULL;
      guint first = match->first;
      guint last;

      /* Part of a label. */
      if (match->n_tokens == 0)
        continue;

      trigger = gloss_analysis_tokens_dup_range (tokens, match->first, match->n_tokens);
      last = match->first + match->n_tokens - 1;

      if (match->lexicon == GLOSS_LEXICON_LOADED_LANGUAGE ||
          match->lexicon == GLOSS_LEXICON_NAME_CALLING)
        {
          gloss_analysis_extend_phrase (tokens, taken, match->lexicon, &first, &last);
        }
      else if (match->lexicon == GLOSS_LEXICON_EXAGGERATION ||
               (match->lexicon == GLOSS_LEXICON_INTENSIFIER && match->n_tokens == 1 &&
                gloss_analysis_is_modifier (lex_at (tokens, match->first)->folded)))
        {
          /* "extremely bad", "the worst president": the word that is
           * strengthened belongs to the overstatement. A word that vouches
           * for a whole claim ("clearly") stands alone.
           */
          gloss_analysis_extend_to_next_word (tokens, taken, &last);
        }
      else if ((GLOSS_LEXICON_MASK (match->lexicon) & CLAUSE_TECHNIQUES) != 0)
        {
          /* These techniques are ways of arguing, not words: the cue is
           * the clause that argues so, with the words that signal it in
           * the explanation.
           */
          guint sentence = lex_at (tokens, match->first)->sentence;

          if (sentence != clauses_of)
            {
              g_array_set_size (clauses, 0);
              gloss_analysis_split_clauses (an, sentence, clauses);
              clauses_of = sentence;
            }

          for (guint k = 0; k < clauses->len; k++)
            {
              const TokenRange *r = &g_array_index (clauses, TokenRange, k);

              if (match->first >= r->first && match->first < r->first + r->n)
                {
                  first = r->first;
                  last = MAX (last, r->first + r->n - 1);
                  break;
                }
            }
        }

      label = gloss_analysis_tokens_dup_range (tokens, first, last - first + 1);
      explanation = expand_template (_(match->entry->explanation != NULL ?
                                       match->entry->explanation :
                                       lexicon->explanation),
                                     trigger);
      g_ptr_array_add (an->cues,
                       gloss_analysis_new_cue (lexicon->id,
                                               info_at (tokens, first)->start,
                                               info_at (tokens, last)->end,
                                               label, lexicon->score, explanation));
    }
}

/* Words that open a sentence without changing what it asks: "And why
 * not?", "But is it fair?".
 */
static gboolean
is_opening_conjunction (const char *folded)
{
  return strcmp (folded, "and") == 0 || strcmp (folded, "but") == 0 ||
         strcmp (folded, "so") == 0 || strcmp (folded, "yet") == 0 ||
         strcmp (folded, "or") == 0 || strcmp (folded, "then") == 0 ||
         strcmp (folded, "now") == 0 || strcmp (folded, "well") == 0;
}

static gboolean
is_wh_word (const char *folded)
{
  static const char * const words[] = {
    "what", "why", "how", "who", "whom", "whose", "where", "when", "which", NULL
  };

  return gloss_analysis_word_in (folded, words);
}

/* Words that open the answer to a yes-or-no question. */
static gboolean
is_answer_word (const char *folded)
{
  static const char * const words[] = {
    "yes", "no", "not", "hardly", "nope", "certainly", "absolutely", "surely",
    "perhaps", "maybe", "partly", "unlikely", "probably", NULL
  };

  return gloss_analysis_word_in (folded, words);
}

/* The words of a question that make it expect its own answer, at its
 * start ("Isn't it obvious") or as its tag ("..., don't you agree"), as a
 * newly allocated string; NULL when there are none.
 */
static char *
find_leading_words (const Analyser *an,
                    const Sentence *s)
{
  const Tokens *tokens = &an->tokens;
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  guint n_tokens = tokens->lex->len;
  guint first = s->first_token;
  guint end = s->first_token + s->n_tokens;
  GlossLexMatch match;

  if (s->n_tokens == 0)
    return NULL;

  for (guint skipped = 0; skipped < 2 && first + 1 < end && is_opening_conjunction (lex[first].folded); skipped++)
    first++;

  if (gloss_lexicon_match (lex, n_tokens, first, GLOSS_LEXICON_RHETORICAL, &match) &&
      match.first + match.n_tokens <= end)
    return gloss_analysis_tokens_dup_range (tokens, match.first, match.n_tokens);

  /* "It is fair, right?" */
  if (end - first > 1 && !lex[end - 1].joined && strcmp (lex[end - 1].folded, "right") == 0)
    return gloss_analysis_tokens_dup_range (tokens, end - 1, 1);

  /* A tag follows a comma: "It is fair, isn't it?" */
  for (guint t = end > first + 4 ? end - 4 : first + 1; t < end; t++)
    {
      if (!lex[t].joined &&
          gloss_lexicon_match (lex, n_tokens, t, GLOSS_LEXICON_RHETORICAL, &match) &&
          match.first + match.n_tokens == end)
        return gloss_analysis_tokens_dup_range (tokens, match.first, match.n_tokens);
    }

  return NULL;
}

/* Whether the author answers the question at @index right away, in the
 * next sentence of its paragraph: "Why does it matter? Because ...", "Did
 * it work? Not at all." A question that heads a section is answered by the
 * section.
 */
static gboolean
is_answered (const Analyser *an,
             guint           index)
{
  const Sentence *s = &g_array_index (an->sentences, Sentence, index);
  const Sentence *next;
  const char *opening;
  guint first = s->first_token;
  gboolean wh;

  if (s->n_tokens == 0)
    return FALSE;

  while (first + 1 < s->first_token + s->n_tokens &&
         is_opening_conjunction (lex_at (&an->tokens, first)->folded))
    first++;
  wh = is_wh_word (lex_at (&an->tokens, first)->folded);

  /* "Why did the plan fail?" over a section that says why; a heading that
   * asks yes or no ("Will the plan fail?") leaves the answer to the
   * reader.
   */
  if ((s->flags & SENTENCE_HEADING) != 0)
    return wh;

  if (index + 1 >= an->sentences->len)
    return FALSE;

  next = &g_array_index (an->sentences, Sentence, index + 1);
  if (next->block != s->block || (next->flags & SENTENCE_QUESTION) != 0 || next->n_tokens == 0)
    return FALSE;

  if (wh)
    return TRUE;

  opening = lex_at (&an->tokens, next->first_token)->folded;

  /* "Of course not." */
  if (strcmp (opening, "of") == 0)
    return next->n_tokens > 1 && strcmp (lex_at (&an->tokens, next->first_token + 1)->folded, "course") == 0;

  return is_answer_word (opening);
}

/* Questions that the author asks. One in the headline suggests what the
 * article need not state; one that expects its own answer, or that is
 * left for the reader to answer, steers the reader; one that the author
 * answers at once only moves the argument along and is not a cue.
 */
static void
add_question (Analyser *an,
              guint     index)
{
  const Sentence *s = &g_array_index (an->sentences, Sentence, index);
  g_autofree char *label = gloss_analysis_dup_sentence (an, s);
  g_autofree char *leading = NULL;
  g_autofree char *explanation = NULL;
  double score;

  if ((s->flags & SENTENCE_HEADLINE) != 0 ||
      ((s->flags & SENTENCE_HEADING) != 0 && index == 0))
    {
      explanation = g_strdup (_("question headline: puts an idea in the reader's mind without asserting it"));
      score = 0.7;
    }
  else if ((leading = find_leading_words (an, s)) != NULL)
    {
      explanation = g_strdup_printf (_("rhetorical question: '%s' expects the answer it implies"), leading);
      score = 0.7;
    }
  else if (!is_answered (an, index))
    {
      explanation = g_strdup (_("rhetorical question: asked and left for the reader to answer"));
      score = 0.5;
    }
  else
    {
      return;
    }

  g_ptr_array_add (an->cues,
                   gloss_analysis_new_cue ("rhetorical-question", s->start, s->end, label, score,
                                           explanation));
}

void
gloss_analysis_find_sentence_cues (Analyser *an)
{
  const Tokens *tokens = &an->tokens;

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);

      if ((s->flags & SENTENCE_QUESTION) != 0)
        add_question (an, i);

      if ((s->flags & SENTENCE_EXCLAMATION) != 0 && s->n_tokens >= 2 && s->n_tokens <= 6 &&
          (s->flags & SENTENCE_HEADING) == 0)
        {
          g_autofree char *label = gloss_analysis_dup_sentence (an, s);
          g_autofree char *explanation =
            g_strdup_printf (_("slogan: '%s' is an exclamation in place of an argument"), label);

          g_ptr_array_add (an->cues, gloss_analysis_new_cue ("slogans", s->start, s->end, label, 0.4, explanation));
        }
      else if ((s->flags & (SENTENCE_EXCLAMATION | SENTENCE_HEADING)) == SENTENCE_EXCLAMATION &&
               s->n_tokens > 6)
        {
          g_autofree char *label = gloss_analysis_dup_sentence (an, s);

          g_ptr_array_add (an->cues,
                           gloss_analysis_new_cue ("loaded-language", s->start, s->end, label, 0.4,
                                                   _("exclamation: the sentence appeals to feeling rather than argues")));
        }

      /* "Either ... or" inside one sentence. */
      for (guint t = 0; t < s->n_tokens; t++)
        {
          const GlossLexToken *tok = lex_at (tokens, s->first_token + t);

          if (strcmp (tok->folded, "either") != 0)
            continue;

          for (guint u = t + 2; u < s->n_tokens && u < t + 20; u++)
            {
              if (strcmp (lex_at (tokens, s->first_token + u)->folded, "or") == 0)
                {
                  g_autofree char *label = gloss_analysis_tokens_dup_range (tokens, s->first_token + t, u - t + 1);

                  g_ptr_array_add (an->cues,
                                   gloss_analysis_new_cue ("black-and-white",
                                                           info_at (tokens, s->first_token + t)->start,
                                                           info_at (tokens, s->first_token + u)->end,
                                                           label, 0.5,
                                                           _("black-and-white: 'either … or' offers only two options")));
                  break;
                }
            }
          break;
        }
    }
}

static guint
count_sentence (GHashTable *counts,
                const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
}

static char *
sentence_key (const Analyser *an,
              const Sentence *s)
{
  GString *key = g_string_new (NULL);

  for (guint t = 0; t < s->n_tokens; t++)
    {
      g_string_append (key, lex_at (&an->tokens, s->first_token + t)->folded);
      g_string_append_c (key, ' ');
    }

  return g_string_free (key, FALSE);
}

void
gloss_analysis_find_repetition (Analyser *an)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reported = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < an->sentences->len; i++)
        {
          const Sentence *s = &g_array_index (an->sentences, Sentence, i);
          g_autofree char *key = NULL;

          if ((s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0 || s->n_tokens < 4)
            continue;

          key = sentence_key (an, s);

          if (pass == 0)
            {
              guint n = count_sentence (counts, key);

              g_hash_table_replace (counts, g_steal_pointer (&key), GUINT_TO_POINTER (n + 1));
            }
          else
            {
              char *stored = NULL;
              gpointer n = NULL;

              g_hash_table_lookup_extended (counts, key, (gpointer *)&stored, &n);

              if (GPOINTER_TO_UINT (n) < 2)
                continue;

              /* The first time is the statement; each later time is the
               * repetition.
               */
              if (!g_hash_table_contains (reported, stored))
                {
                  g_hash_table_add (reported, stored);
                }
              else
                {
                  g_autofree char *label = gloss_analysis_dup_sentence (an, s);
                  g_autofree char *explanation =
                    g_strdup_printf (_("repetition: '%s' appears %u times"),
                                     label, GPOINTER_TO_UINT (n));

                  g_ptr_array_add (an->cues, gloss_analysis_new_cue ("repetition", s->start, s->end,
                                                                     label, 0.5, explanation));
                }
            }
        }
    }

  /* Three or more sentences in a row that open with the same two words
   * ("A failed plan. A failed council. A failed promise.").
   */
  for (guint i = 0; i < an->sentences->len;)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);
      guint j = i + 1;

      if (s->n_tokens < 2 || (s->flags & (SENTENCE_HEADING | SENTENCE_LEAD_IN)) != 0)
        {
          i++;
          continue;
        }

      while (j < an->sentences->len)
        {
          const Sentence *o = &g_array_index (an->sentences, Sentence, j);

          if (o->block != s->block || o->n_tokens < 2 ||
              strcmp (lex_at (&an->tokens, o->first_token)->folded,
                      lex_at (&an->tokens, s->first_token)->folded) != 0 ||
              strcmp (lex_at (&an->tokens, o->first_token + 1)->folded,
                      lex_at (&an->tokens, s->first_token + 1)->folded) != 0)
            break;
          j++;
        }

      if (j - i >= 3)
        {
          g_autofree char *opening = gloss_analysis_tokens_dup_range (&an->tokens, s->first_token, 2);

          for (guint k = i; k < j; k++)
            {
              const Sentence *o = &g_array_index (an->sentences, Sentence, k);
              g_autofree char *label = gloss_analysis_tokens_dup_range (&an->tokens, o->first_token, 2);
              g_autofree char *explanation =
                g_strdup_printf (_("repetition: '%s' opens %u sentences in a row"),
                                 opening, j - i);

              g_ptr_array_add (an->cues,
                               gloss_analysis_new_cue ("repetition",
                                                       info_at (&an->tokens, o->first_token)->start,
                                                       info_at (&an->tokens, o->first_token + 1)->end,
                                                       label, 0.5, explanation));
            }
        }

      i = j;
    }
}

/* Cues about the article as a whole, which no single range shows: that it
 * cites no source at all, or that the sources it quotes all speak for one
 * side. They have an empty range at the start of the text.
 */

/* An article shorter than this says too little to be judged as a whole. */
#define MIN_DOCUMENT_SENTENCES 5

static gboolean
has_counter_voice (const Analyser *an)
{
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)an->tokens.lex->data;
  guint n_tokens = an->tokens.lex->len;
  GlossLexMatch match;

  for (guint t = 0; t < n_tokens; t++)
    {
      if (gloss_lexicon_match (lex, n_tokens, t, GLOSS_LEXICON_COUNTER_VOICE, &match))
        return TRUE;
    }

  return FALSE;
}

/* A headline that asks, when the headline is the document's title and
 * not a sentence of the text: "A Diplomatic Failure?".
 */
static void
add_question_title (Analyser *an)
{
  const char *title = gloss_document_get_title (an->document);
  g_autofree char *explanation = NULL;
  gsize len;

  if (title == NULL)
    return;

  len = strlen (title);
  while (len > 0 && g_ascii_isspace (title[len - 1]))
    len--;
  if (len == 0 || title[len - 1] != '?')
    return;

  for (guint i = 0; i < an->sentences->len && i < 2; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);
      g_autofree char *text = gloss_analysis_dup_sentence (an, s);

      if ((s->flags & SENTENCE_HEADLINE) != 0 || g_utf8_collate (text, title) == 0)
        return;
    }

  explanation = g_strdup_printf (_("question headline: “%s” puts an idea in the reader's mind without asserting it"), title);
  g_ptr_array_add (an->document_cues,
                   gloss_analysis_new_cue ("rhetorical-question", 0, 0, NULL, 0.7, explanation));
}

void
gloss_analysis_find_document_cues (Analyser *an)
{
  g_autoptr(GHashTable) voices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *voice = NULL;
  guint n_sourced = 0;
  guint n_voiced = 0;
  guint n_sentences = 0;

  add_question_title (an);

  for (guint i = 0; i < an->sentences->len; i++)
    {
      const Sentence *s = &g_array_index (an->sentences, Sentence, i);

      if ((s->flags & (SENTENCE_HEADING | SENTENCE_HEADLINE | SENTENCE_LEAD_IN)) == 0)
        n_sentences++;
    }

  if (n_sentences < MIN_DOCUMENT_SENTENCES)
    return;

  for (guint i = 0; i < an->evidence->len; i++)
    {
      GlossFinding *finding = g_ptr_array_index (an->evidence, i);
      const char *kind = gloss_finding_get_kind (finding);
      const char *detail = gloss_finding_get_detail (finding);

      if (strcmp (kind, "quotation") == 0 || strcmp (kind, "attribution") == 0 ||
          strcmp (kind, "link") == 0 || strcmp (kind, "citation") == 0)
        n_sourced++;

      if ((strcmp (kind, "quotation") == 0 || strcmp (kind, "attribution") == 0) && detail != NULL)
        {
          /* "Mayor Ilse Brandt" and "Brandt" are one voice: people are
           * told apart by their last names.
           */
          const char *last_word = strrchr (detail, ' ');
          g_autofree char *key = g_utf8_casefold (last_word != NULL ? last_word + 1 : detail, -1);

          n_voiced++;
          if (!g_hash_table_contains (voices, key))
            {
              g_hash_table_add (voices, g_steal_pointer (&key));
              voice = detail;
            }
        }
    }

  if (n_sourced == 0)
    {
      g_ptr_array_add (an->document_cues,
                       gloss_analysis_new_cue ("no-source", 0, 0, NULL, 0.6,
                                               _("no source: the article cites no source for what it says; there is no quotation, attribution, link or citation")));
      return;
    }

  if (n_voiced < 2 || has_counter_voice (an))
    return;

  if (g_hash_table_size (voices) == 1)
    {
      g_autofree char *explanation =
        g_strdup_printf (_("one-sidedness: every quotation and attribution is of %s; no other voice is heard"),
                         voice);

      g_ptr_array_add (an->document_cues, gloss_analysis_new_cue ("one-sidedness", 0, 0, NULL, 0.5, explanation));
    }
  else
    {
      g_autofree char *explanation =
        g_strdup_printf (ngettext ("one-sidedness: %u source is quoted, and no reply, denial or opposing view is given",
                                   "one-sidedness: %u sources are quoted, and no reply, denial or opposing view is given",
                                   g_hash_table_size (voices)),
                         g_hash_table_size (voices));

      g_ptr_array_add (an->document_cues, gloss_analysis_new_cue ("one-sidedness", 0, 0, NULL, 0.4, explanation));
    }
}
