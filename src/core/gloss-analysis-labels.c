/* gloss-analysis-labels.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* Labels: words that sum a person or a group up instead of saying what
 * they did. The word lists know the ready-made ones ("warmonger"); the
 * rules here find those made on the spot, from the context: a judgement
 * before a noun for people ("a third-rate lawyer"), and a nickname or a
 * word held at a distance in quotation marks ("the “experts”",
 * “Little Rocket Man”).
 */

/* Whether the word at @index judges a person: from the judgement list,
 * whose patterns also make compounds judge ("gun-toting",
 * "appeasement-minded").
 */
static gboolean
is_judgement (const Tokens *tokens,
              guint         index)
{
  const GlossLexToken *lex = (const GlossLexToken *)(gpointer)tokens->lex->data;
  GlossLexMatch match;

  return gloss_lexicon_contains (GLOSS_LEXICON_JUDGEMENT, lex[index].folded) ||
         (gloss_lexicon_match (lex, tokens->lex->len, index, GLOSS_LEXICON_JUDGEMENT, &match) &&
          match.n_tokens == 1);
}

/* Whether only a comma and spaces stand between two tokens. */
static gboolean
comma_between (const Tokens *tokens,
               guint         before,
               guint         after)
{
  const char *p = tokens->text + info_at (tokens, before)->byte_end;
  const char *end = tokens->text + info_at (tokens, after)->byte_start;
  guint commas = 0;

  for (; p < end; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p != ' ')
        return FALSE;
    }

  return commas == 1;
}

/* Most words in "-ly" are adverbs; these are nouns. */
static gboolean
is_noun_in_ly (const char *folded)
{
  return strcmp (folded, "family") == 0 || strcmp (folded, "ally") == 0 ||
         strcmp (folded, "assembly") == 0 || strcmp (folded, "rally") == 0;
}

/* Whether a word can stand between the judgement and the noun of a
 * label: "a fine young man", "corrupt local officials".
 */
static gboolean
is_label_modifier (const Tokens *tokens,
                   guint         index)
{
  const GlossLexToken *tok = lex_at (tokens, index);

  return !tok->capitalised && !info_at (tokens, index)->numeric &&
         !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_PAST_TENSE, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_REPORT_VERB, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_MODAL, tok->folded) &&
         !gloss_lexicon_contains (GLOSS_LEXICON_PERSON, tok->folded) &&
         (!g_str_has_suffix (tok->folded, "ly") || is_noun_in_ly (tok->folded)) &&
         !(g_str_has_suffix (tok->folded, "s") && !g_str_has_suffix (tok->folded, "ss") &&
           !g_str_has_suffix (tok->folded, "ous"));
}

/* Labels: an adjective that judges, before a noun for people, sums the
 * people up in the judgement: "an honest man", "corrupt officials", "a
 * third-rate lawyer", "the hysterical media". The judging word is from the
 * judgement list, or a loaded word or label that the lists found; the
 * label takes its determiner and an intensifier with it. Matches inside a
 * label become part of it (their length is set to 0); @owner maps each
 * token to the selected match that covers it, plus one.
 */
void
gloss_analysis_find_labels (const Analyser *an,
                            GArray         *selected,
                            const guint    *owner,
                            guint8         *taken,
                            GArray         *labels)
{
  const Tokens *tokens = &an->tokens;
  guint n_tokens = tokens->lex->len;

  for (guint k = 1; k < n_tokens; k++)
    {
      const GlossLexToken *noun = lex_at (tokens, k);
      guint first = k;
      guint n_free = 0;
      gboolean judged = FALSE;
      TokenRange range;

      /* A capitalised noun is a title before a name ("Senator Smith"),
       * unless it is plural ("the corrupt Senators").
       */
      if (!gloss_lexicon_contains (GLOSS_LEXICON_PERSON, noun->folded) ||
          (noun->capitalised && !noun->sentence_initial && !g_str_has_suffix (noun->folded, "s")))
        continue;

      /* A noun that is part of a longer phrase of the lists ("illegal
       * aliens") is already shown with it.
       */
      if (owner[k] != 0)
        continue;

      while (first > 0 && k - first < 4 &&
             lex_at (tokens, first - 1)->sentence == noun->sentence)
        {
          guint prev = first - 1;
          const GlossLexToken *tok = lex_at (tokens, prev);

          /* Judgements in a row: "good, law-abiding people". */
          if (!lex_at (tokens, first)->joined &&
              !(comma_between (tokens, prev, first) &&
                (owner[prev] != 0 || is_judgement (tokens, prev))))
            break;

          if (owner[prev] != 0)
            {
              const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, owner[prev] - 1);
              const char *word = lex_at (tokens, match->first + match->n_tokens - 1)->folded;

              /* A verb with its object is not a label: "suppressing
               * critics", "insulting people".
               */
              if ((match->lexicon != GLOSS_LEXICON_LOADED_LANGUAGE &&
                   match->lexicon != GLOSS_LEXICON_NAME_CALLING) ||
                  (gloss_analysis_is_participle (word) &&
                   !is_judgement (tokens, match->first + match->n_tokens - 1)) ||
                  gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, word))
                break;
              first = match->first;
              judged = TRUE;
              n_free = 0;
              continue;
            }

          if (tok->capitalised && !tok->sentence_initial)
            break;

          if (is_judgement (tokens, prev))
            {
              first = prev;
              judged = TRUE;
              n_free = 0;
              continue;
            }

          /* Describing words between the judgement and the noun; they
           * belong to the label only once a judgement comes before them.
           */
          if (n_free == 0 && is_label_modifier (tokens, prev))
            {
              first = prev;
              n_free++;
              continue;
            }

          break;
        }

      if (!judged)
        continue;

      /* A describing word before the judgement is not part of it. */
      if (n_free > 0)
        first++;

      /* "a truly honest man", "the most corrupt officials" */
      if (first > 0 && lex_at (tokens, first)->joined && !lex_at (tokens, first)->sentence_initial)
        {
          guint prev = first - 1;

          if (owner[prev] != 0)
            {
              const GlossLexMatch *match = &g_array_index (selected, GlossLexMatch, owner[prev] - 1);

              if (match->n_tokens == 1 &&
                  (match->lexicon == GLOSS_LEXICON_INTENSIFIER ||
                   match->lexicon == GLOSS_LEXICON_EXAGGERATION))
                first = prev;
            }
          else if (gloss_analysis_is_modifier (lex_at (tokens, prev)->folded))
            {
              first = prev;
            }
        }

      if (first > 0 && lex_at (tokens, first)->joined && owner[first - 1] == 0 &&
          !lex_at (tokens, first)->sentence_initial &&
          gloss_analysis_is_determiner (lex_at (tokens, first - 1)->folded))
        first--;

      for (guint t = first; t <= k; t++)
        {
          if (owner[t] != 0)
            g_array_index (selected, GlossLexMatch, owner[t] - 1).n_tokens = 0;
          taken[t] = 1;
        }

      range.first = first;
      range.n = k - first + 1;
      g_array_append_val (labels, range);
    }
}

/* Verbs that pin a name on someone: "dubbed him", "called her". */
static gboolean
is_naming_verb (const char *folded)
{
  static const char * const verbs[] = {
    "call", "calls", "called", "calling", "dub", "dubs", "dubbed", "dubbing",
    "nickname", "nicknamed", "brand", "brands", "branded", "branding", "label",
    "labels", "labelled", "labeled", "labelling", "labeling", "term", "termed",
    "christened", NULL
  };

  return gloss_analysis_word_in (folded, verbs);
}

static gboolean
is_object_pronoun (const char *folded)
{
  return strcmp (folded, "him") == 0 || strcmp (folded, "her") == 0 ||
         strcmp (folded, "them") == 0 || strcmp (folded, "us") == 0 ||
         strcmp (folded, "me") == 0 || strcmp (folded, "you") == 0 ||
         strcmp (folded, "himself") == 0 || strcmp (folded, "herself") == 0;
}

/* The index of the first token that starts at or after @cp. */
static guint
token_at_or_after (const Tokens *tokens,
                   guint         cp)
{
  guint lo = 0;
  guint hi = tokens->lex->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (info_at (tokens, mid)->start < cp)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static gunichar
closer_for (gunichar c)
{
  switch (c)
    {
    case 0x201C:
      return 0x201D;
    case 0x2018:
      return 0x2019;
    case '"':
    case '\'':
      return c;
    default:
      return 0;
    }
}

typedef struct {
  const char *open_p;   /* the opening mark */
  const char *close_p;  /* the closing mark */
  guint       open_cp;
  guint       close_cp;
} QuotedWords;

/* What the words between a pair of quotation marks are, told from the
 * words around them.
 */
static void
add_quoted_words (Analyser          *an,
                  const GlossBlock  *block,
                  const QuotedWords *q)
{
  const Tokens *tokens = &an->tokens;
  guint n_tokens = tokens->lex->len;
  const char *inner = g_utf8_next_char (q->open_p);
  const char *after = g_utf8_next_char (q->close_p);
  guint words = 0;
  gboolean lower = FALSE;
  gboolean in_word = FALSE;
  gboolean inside_sentence = FALSE;
  gboolean nickname = FALSE;
  gboolean closes_clause = FALSE;
  guint first;
  guint last;
  g_autofree char *label = NULL;
  g_autofree char *explanation = NULL;

  for (const char *p = inner; p < q->close_p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean w = gloss_analysis_is_word_char (c);

      if (w && !in_word)
        {
          words++;
          if (g_unichar_islower (c))
            lower = TRUE;
        }

      /* A full stop or a comma just inside the closing mark is the
       * sentence's ("known as a “progressive,” he"); anywhere else it
       * makes the quotation more than a few words of someone's.
       */
      if ((c == '.' || c == ',') && g_utf8_next_char (p) == q->close_p && words > 0)
        {
          closes_clause = TRUE;
          break;
        }
      if (c == '.' || c == '?' || c == '!' || c == ',' || c == ';' || c == ':')
        return;

      in_word = w;
    }

  if (words == 0 || words > 4)
    return;

  /* A word, or a comma or the like, before it in the sentence: quotation
   * marks that open a sentence quote someone.
   */
  for (const char *p = q->open_p; p > an->text + block->byte_start;)
    {
      gunichar c;

      p = g_utf8_prev_char (p);
      c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        continue;

      inside_sentence = gloss_analysis_is_word_char (c) || c == ',' || c == ';' ||
                        c == ':' || c == '(' || c == 0x2013 || c == 0x2014;
      break;
    }

  if (!inside_sentence)
    return;

  first = token_at_or_after (tokens, q->open_cp);
  last = token_at_or_after (tokens, q->close_cp);
  if (first >= last)
    return;
  last--;

  /* A nickname: inside the name it stands for ("the “Dirty Bomber” Jose
   * Padilla", "Ted “Chappaquiddick” Kennedy") or given by a verb to the
   * one who gets it ("dubbed him ‘Little Rocket Man’").
   */
  if (!closes_clause && first > 0 && last + 1 < n_tokens &&
      lex_at (tokens, first - 1)->sentence == lex_at (tokens, first)->sentence &&
      lex_at (tokens, last + 1)->sentence == lex_at (tokens, last)->sentence &&
      info_at (tokens, last + 1)->start <= q->close_cp + 2 &&
      lex_at (tokens, last + 1)->capitalised &&
      !gloss_lexicon_contains (GLOSS_LEXICON_FUNCTION_WORD, lex_at (tokens, last + 1)->folded) &&
      !gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, lex_at (tokens, last + 1)->folded))
    {
      const GlossLexToken *prev = lex_at (tokens, first - 1);

      nickname = gloss_analysis_is_determiner (prev->folded) ||
                 info_at (tokens, first - 1)->possessive ||
                 (prev->capitalised && !prev->sentence_initial);
    }

  if (!nickname && first >= 2 && lex_at (tokens, first - 2)->sentence == lex_at (tokens, first)->sentence &&
      is_naming_verb (lex_at (tokens, first - 2)->folded))
    {
      const GlossLexToken *object = lex_at (tokens, first - 1);

      nickname = is_object_pronoun (object->folded) || object->capitalised;
    }

  /* Several words all capitalised are the title of a work ("the
   * “Grand Solar Minimum”"), unless they name someone.
   */
  if (words > 1 && !lower && !nickname)
    return;

  /* Four words are a phrase of someone's, not a word held at a distance. */
  if (words > 3 && !nickname)
    return;

  label = g_strndup (q->open_p, after - q->open_p);

  if (nickname)
    {
      explanation = g_strdup_printf (_("name calling: the nickname %s stands in for a description"), label);
      g_ptr_array_add (an->cues,
                       gloss_analysis_new_cue ("name-calling", q->open_cp, q->close_cp + 1, label,
                                               gloss_lexicon_get (GLOSS_LEXICON_NAME_CALLING)->score,
                                               explanation));
    }
  else
    {
      explanation = g_strdup_printf (_("doubt: the scare quotes of %s keep the word at a distance"), label);
      g_ptr_array_add (an->cues,
                       gloss_analysis_new_cue ("doubt", q->open_cp, q->close_cp + 1, label, 0.4,
                                               explanation));
    }
}

/* Quotation marks around one to four words inside a sentence: a nickname
 * pinned on someone (“Little Rocket Man”, the “Dirty Bomber” Jose Padilla)
 * or scare quotes, which hold a word at a distance (the “experts”). A
 * title, a phrase all in capitals or a whole sentence quoted is neither.
 */
void
gloss_analysis_find_scare_quotes (Analyser *an)
{
  guint n_blocks = gloss_document_get_n_blocks (an->document);

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      const char *start = an->text + block->byte_start;
      const char *end = an->text + gloss_analysis_block_byte_end (an->text, block);
      gunichar previous = 0;
      gunichar closer = 0;
      QuotedWords q = { NULL, };
      guint cp = block->start;

      if (block->kind == GLOSS_BLOCK_HEADING || block->kind == GLOSS_BLOCK_PREFORMATTED ||
          block->kind == GLOSS_BLOCK_QUOTE)
        continue;

      for (const char *p = start; p < end; previous = g_utf8_get_char (p), p = g_utf8_next_char (p), cp++)
        {
          gunichar c = g_utf8_get_char (p);
          const char *next_p = g_utf8_next_char (p);
          gunichar next = next_p < end ? g_utf8_get_char (next_p) : 0;
          gboolean after_word = gloss_analysis_is_word_char (previous);
          gboolean before_word = gloss_analysis_is_word_char (next);

          /* A single quotation mark between letters, or after one before
           * anything else, is an apostrophe: "don’t", "the Joneses’ car".
           */
          if (closer != 0 && c == closer &&
              ((c != 0x2019 && c != '\'') || !before_word))
            {
              q.close_p = p;
              q.close_cp = cp;
              add_quoted_words (an, block, &q);
              closer = 0;
              continue;
            }

          /* A second opening mark of the same kind before the first is
           * closed: the first was unbalanced, or an apostrophe. Marks of
           * another kind inside a quotation are the speaker's.
           */
          if (closer_for (c) != 0 && !after_word && before_word &&
              (closer == 0 || closer_for (c) == closer))
            {
              closer = closer_for (c);
              q.open_p = p;
              q.open_cp = cp;
              continue;
            }

          /* A few words are all a label can be; a long quotation stays
           * open only for double marks, which must still pair up.
           */
          if (closer != 0 && closer != '"' && cp - q.open_cp > 60)
            closer = 0;
        }
    }
}
