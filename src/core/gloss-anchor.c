/* gloss-anchor.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-anchor.h"

/* Finding a note again after the article changed.
 *
 * The cascade follows the one Hypothesis uses for web pages, with the
 * thresholds it lacks: the stored position when the text is the same one;
 * otherwise every exact occurrence of the quote, scored by how much of the
 * stored context agrees with the text around it and how close it is to the
 * old position; then the same on a case- and whitespace-folded text; then
 * each half of the quote. Only an exact match with agreeing context that is
 * clearly better than the alternatives moves a note silently. Anything
 * weaker asks the reader to check, and a note that cannot be found at all is
 * kept where it was, as an orphan.
 *
 * Everything works on arrays of code points, so offsets are the ones the
 * rest of Gloss uses, and every search is linear in the length of the text
 * (Knuth-Morris-Pratt).
 */

/* Share of the stored context on one side that has to agree for a match to
 * count as confirmed.
 */
#define CONTEXT_AGREES 0.5
/* How much better the best candidate's context has to be than the
 * runner-up's for the choice to be made without the reader.
 */
#define CONTEXT_MARGIN 0.2
/* Quotes shorter than this are not split in halves: the halves would match
 * too many places to mean anything.
 */
#define MIN_SPLIT_LENGTH 24

typedef struct {
  gunichar *chars;
  /* Index in the original text of each character, or NULL when the view
   * is the original text.
   */
  guint    *map;
  guint     len;
} View;

typedef struct {
  /* In view coordinates. */
  guint  start;
  guint  end;
  /* Share of the stored context that agrees, or -1 when none was stored. */
  double prefix;
  double suffix;
  double score;
} Candidate;

static void
view_clear (View *view)
{
  g_clear_pointer (&view->chars, g_free);
  g_clear_pointer (&view->map, g_free);
  view->len = 0;
}

static void
view_init (View       *view,
           const char *utf8)
{
  glong len = 0;

  view->map = NULL;
  view->chars = g_utf8_to_ucs4_fast (utf8, -1, &len);
  view->len = len;
}

/* Typographic variants that differ between a web page and a plain-text copy
 * of it fold to their ASCII forms; everything else folds to lower case
 * (one character for one, so offsets can be mapped back).
 */
static gunichar
fold_char (gunichar c)
{
  switch (c)
    {
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
    case 0x201B:
    case 0x2032:
      return '\'';
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x201F:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013: /* – */
    case 0x2014: /* — */
    case 0x2015:
    case 0x2212:
      return '-';
    default:
      return g_unichar_tolower (c);
    }
}

/* Folds case and typography and collapses each run of white space to one
 * space. With @trim, white space at either end is dropped (for the quote);
 * without it, it is kept as one space (context that touches the quote).
 */
static void
view_init_folded (View       *view,
                  const char *utf8,
                  gboolean    trim)
{
  g_autofree char *nfc = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
  g_autofree gunichar *chars = NULL;
  glong len = 0;
  guint n = 0;
  gboolean pending_space = FALSE;
  guint space_index = 0;

  chars = g_utf8_to_ucs4_fast (nfc != NULL ? nfc : "", -1, &len);
  view->chars = g_new (gunichar, len + 1);
  view->map = g_new (guint, len + 1);

  for (glong i = 0; i < len; i++)
    {
      if (g_unichar_isspace (chars[i]))
        {
          if (!pending_space)
            space_index = i;
          pending_space = TRUE;
          continue;
        }

      if (pending_space && (n > 0 || !trim))
        {
          view->chars[n] = ' ';
          view->map[n] = space_index;
          n++;
        }
      pending_space = FALSE;

      view->chars[n] = fold_char (chars[i]);
      view->map[n] = i;
      n++;
    }

  if (pending_space && !trim)
    {
      view->chars[n] = ' ';
      view->map[n] = space_index;
      n++;
    }

  view->len = n;
}

static guint
view_to_original (const View *view,
                  guint       index)
{
  return view->map != NULL ? view->map[index] : index;
}

/* Every occurrence of @pattern in @text, overlapping ones included. */
static GArray *
find_all (const View *text,
          const View *pattern)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *fail = NULL;
  const gunichar *p = pattern->chars;
  guint m = pattern->len;
  guint k;

  if (m == 0 || m > text->len)
    return hits;

  fail = g_new (guint, m);
  fail[0] = 0;
  k = 0;
  for (guint q = 1; q < m; q++)
    {
      while (k > 0 && p[k] != p[q])
        k = fail[k - 1];
      if (p[k] == p[q])
        k++;
      fail[q] = k;
    }

  k = 0;
  for (guint i = 0; i < text->len; i++)
    {
      while (k > 0 && p[k] != text->chars[i])
        k = fail[k - 1];
      if (p[k] == text->chars[i])
        k++;
      if (k == m)
        {
          guint start = i + 1 - m;

          g_array_append_val (hits, start);
          k = fail[k - 1];
        }
    }

  return hits;
}

/* Counts the characters of @context that agree with the text before @pos,
 * from the candidate outwards, as a share of the context. An empty stored
 * context means the quote began the text.
 */
static double
agree_before (const View *text,
              guint       pos,
              const View *context)
{
  guint count = 0;

  if (context == NULL)
    return -1;

  if (context->len == 0)
    return pos == 0 ? 1.0 : 0.0;

  while (count < context->len && count < pos &&
         text->chars[pos - 1 - count] == context->chars[context->len - 1 - count])
    count++;

  return (double)count / context->len;
}

static double
agree_after (const View *text,
             guint       pos,
             const View *context)
{
  guint count = 0;

  if (context == NULL)
    return -1;

  if (context->len == 0)
    return pos == text->len ? 1.0 : 0.0;

  while (count < context->len && pos + count < text->len &&
         text->chars[pos + count] == context->chars[count])
    count++;

  return (double)count / context->len;
}

/* Unknown context neither helps nor hurts a candidate. */
static double
known_or_neutral (double score)
{
  return score < 0 ? 0.5 : score;
}

static double
context_score (const Candidate *candidate)
{
  return (known_or_neutral (candidate->prefix) + known_or_neutral (candidate->suffix)) / 2;
}

static gboolean
context_agrees (const Candidate *candidate)
{
  if (candidate->prefix < 0 && candidate->suffix < 0)
    return TRUE;

  return candidate->prefix >= CONTEXT_AGREES || candidate->suffix >= CONTEXT_AGREES;
}

/* Scores the occurrences at @hits (view coordinates, each @length long) and
 * returns the best one in @best. Returns TRUE when the choice is confident:
 * its context agrees and no other candidate comes close.
 */
static gboolean
choose (const View *text,
        GArray     *hits,
        guint       length,
        const View *prefix,
        const View *suffix,
        guint       old_start,
        Candidate  *best)
{
  Candidate second = { 0, 0, -1, -1, -1 };
  double text_len = MAX (text->len, 1);

  g_assert (hits->len > 0);

  best->score = -1;
  for (guint i = 0; i < hits->len; i++)
    {
      Candidate candidate;
      guint start = g_array_index (hits, guint, i);
      double distance = ABS ((double)view_to_original (text, start) - (double)old_start);

      candidate.start = start;
      candidate.end = start + length;
      candidate.prefix = agree_before (text, candidate.start, prefix);
      candidate.suffix = agree_after (text, candidate.end, suffix);
      /* Context decides; closeness to the old position only breaks ties. */
      candidate.score = 0.45 * known_or_neutral (candidate.prefix) +
                        0.45 * known_or_neutral (candidate.suffix) +
                        0.10 * (1.0 - MIN (distance / text_len, 1.0));

      if (candidate.score > best->score)
        {
          second = *best;
          *best = candidate;
        }
      else if (candidate.score > second.score)
        {
          second = candidate;
        }
    }

  if (!context_agrees (best))
    return FALSE;

  if (hits->len == 1)
    return TRUE;

  /* Without stored context several equal quotes cannot be told apart. */
  if (best->prefix < 0 && best->suffix < 0)
    return FALSE;

  return context_score (best) - context_score (&second) >= CONTEXT_MARGIN;
}

static void
candidate_to_original (const View      *text,
                       const Candidate *candidate,
                       guint           *start,
                       guint           *end)
{
  *start = view_to_original (text, candidate->start);
  if (candidate->end > candidate->start)
    *end = view_to_original (text, candidate->end - 1) + 1;
  else
    *end = *start;
}

typedef struct {
  GlossAnnotation *annotation;
  guint            old_start;
  guint            old_end;
  const char      *prefix;
  const char      *suffix;
} Target;

static gboolean
anchor_exact (const Target     *target,
              const View       *text,
              const char       *exact,
              GlossAnchorState *state)
{
  g_autofree char *nfc = g_utf8_normalize (exact, -1, G_NORMALIZE_NFC);
  g_autoptr(GArray) hits = NULL;
  View quote = { NULL, NULL, 0 };
  View prefix = { NULL, NULL, 0 };
  View suffix = { NULL, NULL, 0 };
  Candidate best = { 0, 0, -1, -1, -1 };
  gboolean confident;
  guint start, end;

  view_init (&quote, nfc != NULL ? nfc : exact);
  hits = find_all (text, &quote);
  if (hits->len == 0)
    {
      view_clear (&quote);
      return FALSE;
    }

  if (target->prefix != NULL)
    view_init (&prefix, target->prefix);
  if (target->suffix != NULL)
    view_init (&suffix, target->suffix);

  confident = choose (text, hits, quote.len,
                      target->prefix != NULL ? &prefix : NULL,
                      target->suffix != NULL ? &suffix : NULL,
                      target->old_start, &best);
  candidate_to_original (text, &best, &start, &end);

  if (!confident)
    *state = GLOSS_ANCHOR_NEEDS_REVIEW;
  else if (start == target->old_start && end == target->old_end)
    *state = GLOSS_ANCHOR_ANCHORED;
  else
    *state = GLOSS_ANCHOR_MOVED;

  gloss_annotation_set_position (target->annotation, start, end, *state);

  view_clear (&quote);
  view_clear (&prefix);
  view_clear (&suffix);
  return TRUE;
}

/* Searches one half of the quote in @folded, scored with the stored
 * context on the side of the half that still touches it.
 */
static gboolean
find_part (const View *folded,
           const View *part,
           const View *prefix,
           const View *suffix,
           guint       old_start,
           Candidate  *best)
{
  g_autoptr(GArray) hits = find_all (folded, part);
  gboolean confident;

  if (hits->len == 0)
    return FALSE;

  confident = choose (folded, hits, part->len, prefix, suffix, old_start, best);

  /* A half of the quote that occurs once is a good hint even without
   * context; one of several needs context to pick it.
   */
  return confident || hits->len == 1;
}

/* How many characters at either end of an edited quote are looked for to
 * place the end of the range that the found half does not give.
 */
#define END_PIECE 16

/* The end of the quote whose first half ends at @from: the first place
 * after it where the quote's last characters occur, within a distance a
 * small edit explains.
 */
static guint
find_tail (const View *folded,
           const View *quote,
           guint       from)
{
  guint piece_len = MIN (END_PIECE, quote->len / 2);
  guint limit = MIN ((guint64)from + quote->len + quote->len / 2, folded->len);
  View window = { NULL, NULL, 0 };
  View piece = { NULL, NULL, 0 };
  g_autoptr(GArray) hits = NULL;

  if (from >= limit)
    return MIN ((guint64)from + quote->len / 2, folded->len);

  window.chars = folded->chars + from;
  window.len = limit - from;
  piece.chars = quote->chars + quote->len - piece_len;
  piece.len = piece_len;

  hits = find_all (&window, &piece);
  if (hits->len > 0)
    return from + g_array_index (hits, guint, 0) + piece_len;

  return MIN ((guint64)from + quote->len / 2, folded->len);
}

/* The start of the quote whose second half starts at @to: the last place
 * before it where the quote's first characters occur.
 */
static guint
find_head (const View *folded,
           const View *quote,
           guint       to)
{
  guint piece_len = MIN (END_PIECE, quote->len / 2);
  guint reach = quote->len + quote->len / 2;
  guint from = to > reach ? to - reach : 0;
  View window = { NULL, NULL, 0 };
  View piece = { NULL, NULL, 0 };
  g_autoptr(GArray) hits = NULL;

  window.chars = folded->chars + from;
  window.len = to - from;
  piece.chars = quote->chars;
  piece.len = piece_len;

  hits = find_all (&window, &piece);
  if (hits->len > 0)
    return from + g_array_index (hits, guint, hits->len - 1);

  return to > quote->len / 2 ? to - quote->len / 2 : 0;
}

static gboolean
anchor_folded (const Target *target,
               const char   *text_utf8,
               const char   *exact)
{
  View folded = { NULL, NULL, 0 };
  View quote = { NULL, NULL, 0 };
  View prefix = { NULL, NULL, 0 };
  View suffix = { NULL, NULL, 0 };
  const View *prefix_view = NULL;
  const View *suffix_view = NULL;
  g_autoptr(GArray) hits = NULL;
  GlossAnchorState state = GLOSS_ANCHOR_NEEDS_REVIEW;
  gboolean found = FALSE;
  Candidate best = { 0, 0, -1, -1, -1 };
  guint start = 0, end = 0;

  view_init_folded (&folded, text_utf8, FALSE);
  view_init_folded (&quote, exact, TRUE);
  if (target->prefix != NULL)
    {
      view_init_folded (&prefix, target->prefix, FALSE);
      prefix_view = &prefix;
    }
  if (target->suffix != NULL)
    {
      view_init_folded (&suffix, target->suffix, FALSE);
      suffix_view = &suffix;
    }

  /* The whole quote, with case and spacing ignored. */
  hits = find_all (&folded, &quote);
  if (hits->len > 0)
    {
      if (choose (&folded, hits, quote.len, prefix_view, suffix_view, target->old_start, &best))
        state = GLOSS_ANCHOR_MOVED;
      candidate_to_original (&folded, &best, &start, &end);
      found = TRUE;
    }
  else if (quote.len >= MIN_SPLIT_LENGTH)
    {
      /* The quote itself was edited: look for the longer half that
       * survived, split at a space near the middle. Such a match always
       * needs the reader's confirmation.
       */
      guint split = quote.len / 2;
      View left = { NULL, NULL, 0 };
      View right = { NULL, NULL, 0 };
      Candidate left_best = { 0, 0, -1, -1, -1 };
      Candidate right_best = { 0, 0, -1, -1, -1 };
      gboolean have_left, have_right;

      for (guint i = 0; i < quote.len / 4; i++)
        {
          if (quote.chars[split - i] == ' ')
            {
              split -= i;
              break;
            }
          if (quote.chars[split + i] == ' ')
            {
              split += i;
              break;
            }
        }

      left.chars = quote.chars;
      left.map = NULL;
      left.len = split;
      right.chars = quote.chars + split;
      right.map = NULL;
      right.len = quote.len - split;

      /* Each half keeps the context on its outer side only. */
      have_left = find_part (&folded, &left, prefix_view, NULL, target->old_start, &left_best);
      have_right = find_part (&folded, &right, NULL, suffix_view, target->old_start, &right_best);

      if (have_left && have_right && right_best.start >= left_best.end &&
          right_best.start - left_best.end <= quote.len / 2 + GLOSS_QUOTE_CONTEXT)
        {
          best.start = left_best.start;
          best.end = right_best.end;
          found = TRUE;
        }
      else if (have_left && (!have_right || left.len >= right.len))
        {
          /* The other end is where the quote's last words are now, or
           * failing that, as far as the quote was long.
           */
          best.start = left_best.start;
          best.end = find_tail (&folded, &quote, left_best.end);
          found = TRUE;
        }
      else if (have_right)
        {
          best.start = find_head (&folded, &quote, right_best.start);
          best.end = right_best.end;
          found = TRUE;
        }

      if (found)
        candidate_to_original (&folded, &best, &start, &end);
    }

  if (found)
    gloss_annotation_set_position (target->annotation, start, end, state);

  view_clear (&folded);
  view_clear (&quote);
  view_clear (&prefix);
  view_clear (&suffix);
  return found;
}

GlossAnchorState
gloss_anchor_annotation (GlossDocument   *document,
                         GlossAnnotation *annotation)
{
  const char *text;
  const char *exact;
  const char *hash;
  Target target;
  guint length;
  GlossAnchorState state = GLOSS_ANCHOR_ORPHAN;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), GLOSS_ANCHOR_ORPHAN);
  g_return_val_if_fail (GLOSS_IS_ANNOTATION (annotation), GLOSS_ANCHOR_ORPHAN);

  text = gloss_document_get_text (document);
  length = gloss_document_get_length (document);
  exact = gloss_annotation_get_exact (annotation);
  hash = gloss_annotation_get_text_hash (annotation);

  target.annotation = annotation;
  target.old_start = gloss_annotation_get_start (annotation);
  target.old_end = gloss_annotation_get_end (annotation);
  target.prefix = gloss_annotation_get_prefix (annotation);
  target.suffix = gloss_annotation_get_suffix (annotation);

  /* The same text as when the note was made: the position holds. */
  if (hash != NULL && g_strcmp0 (hash, gloss_document_get_text_hash (document)) == 0 &&
      target.old_end <= length)
    {
      g_autofree char *slice = gloss_document_dup_slice (document, target.old_start, target.old_end);

      if (*exact == '\0' || g_strcmp0 (slice, exact) == 0)
        {
          gloss_annotation_set_position (annotation, target.old_start, target.old_end,
                                         GLOSS_ANCHOR_ANCHORED);
          return GLOSS_ANCHOR_ANCHORED;
        }
    }

  if (*exact != '\0')
    {
      View view = { NULL, NULL, 0 };
      gboolean found;

      view_init (&view, text);
      found = anchor_exact (&target, &view, exact, &state);
      view_clear (&view);
      if (found)
        return state;

      if (anchor_folded (&target, text, exact))
        return gloss_annotation_get_anchor_state (annotation);
    }

  gloss_annotation_set_position (annotation, target.old_start, target.old_end,
                                 GLOSS_ANCHOR_ORPHAN);
  return GLOSS_ANCHOR_ORPHAN;
}
