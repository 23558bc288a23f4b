/* gloss-analysis-text.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>

#include "gloss-analysis-private.h"

/* Sentences and words: ICU finds the sentences of each block, and a
 * small tokenizer splits them into the words the word lists are matched on.
 */

void
gloss_analysis_tokens_init (Tokens     *tokens,
                            const char *text)
{
  tokens->text = text;
  tokens->lex = g_array_new (FALSE, TRUE, sizeof (GlossLexToken));
  tokens->info = g_array_new (FALSE, TRUE, sizeof (TokenInfo));
  tokens->chunk = g_string_chunk_new (4096);
}

void
gloss_analysis_tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->lex, g_array_unref);
  g_clear_pointer (&tokens->info, g_array_unref);
  g_clear_pointer (&tokens->chunk, g_string_chunk_free);
}

char *
gloss_analysis_tokens_dup_range (const Tokens *tokens,
                                 guint         first,
                                 guint         n)
{
  const TokenInfo *a = info_at (tokens, first);
  const TokenInfo *b = info_at (tokens, first + n - 1);

  return g_strndup (tokens->text + a->byte_start, b->byte_end - a->byte_start);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

gboolean
gloss_analysis_is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Whether @folded is one of the NULL-terminated @words. */
gboolean
gloss_analysis_word_in (const char         *folded,
                        const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strcmp (folded, words[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Splits [byte_start, byte_end) of tokens->text into words. A word is a
 * run of letters and digits; an apostrophe or a hyphen between two letters
 * and a point or a comma between two digits stay inside it, so that
 * "Russia's", "state-controlled" and "1,250.5" are one word each.
 */
void
gloss_analysis_tokenize (Tokens *tokens,
                         gsize   byte_start,
                         gsize   byte_end,
                         guint   cp_start,
                         guint   sentence)
{
  const char *text = tokens->text;
  const char *p = text + byte_start;
  const char *end = text + byte_end;
  guint cp = cp_start;
  gboolean first = TRUE;
  gboolean separator_is_space = TRUE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (gloss_analysis_is_word_char (c))
        {
          const char *word_start = p;
          guint word_cp = cp;
          gboolean has_digit = FALSE;
          gboolean has_lower = FALSE;
          gboolean possessive = FALSE;
          guint n_upper = 0;
          GlossLexToken lex = { 0 };
          TokenInfo info = { 0 };
          GString *folded;

          while (p < end)
            {
              const char *next;
              gunichar n;

              c = g_utf8_get_char (p);

              if (gloss_analysis_is_word_char (c))
                {
                  if (g_unichar_isdigit (c))
                    has_digit = TRUE;
                  else if (g_unichar_isupper (c))
                    n_upper++;
                  else if (g_unichar_islower (c))
                    has_lower = TRUE;

                  p = g_utf8_next_char (p);
                  cp++;
                  continue;
                }

              next = g_utf8_next_char (p);
              if (next >= end)
                break;

              n = g_utf8_get_char (next);

              /* A possessive ends the word: "regime's" is "regime". */
              if (is_apostrophe (c) && (n == 's' || n == 'S'))
                {
                  const char *after = g_utf8_next_char (next);

                  if (after >= end || !gloss_analysis_is_word_char (g_utf8_get_char (after)))
                    {
                      possessive = TRUE;
                      break;
                    }
                }

              if ((is_apostrophe (c) || c == '-' || c == 0x2010 || c == 0x2011) &&
                  g_unichar_isalpha (n) && !has_digit)
                {
                  p = next;
                  cp++;
                  continue;
                }

              if ((c == '.' || c == ',') && has_digit && g_unichar_isdigit (n) &&
                  g_unichar_isdigit (g_utf8_get_char (g_utf8_prev_char (p))))
                {
                  p = next;
                  cp++;
                  continue;
                }

              break;
            }

          folded = g_string_new (NULL);
          {
            g_autofree char *lower = g_utf8_strdown (word_start, p - word_start);

            for (const char *q = lower; *q != '\0'; q = g_utf8_next_char (q))
              {
                gunichar fc = g_utf8_get_char (q);

                if (fc == 0x2019)
                  fc = '\'';
                else if (fc == 0x2010 || fc == 0x2011)
                  fc = '-';

                g_string_append_unichar (folded, fc);
              }
          }

          lex.folded = g_string_chunk_insert_len (tokens->chunk, folded->str, folded->len);
          lex.sentence = sentence;
          lex.capitalised = g_unichar_isupper (g_utf8_get_char (word_start));
          lex.sentence_initial = first;
          lex.joined = !first && separator_is_space;

          info.start = word_cp;
          info.end = cp;
          info.byte_start = word_start - text;
          info.byte_end = p - text;
          info.numeric = g_unichar_isdigit (g_utf8_get_char (word_start));
          info.acronym = n_upper >= 2 && !has_lower && !has_digit;
          info.possessive = possessive;

          g_string_free (folded, TRUE);

          g_array_append_val (tokens->lex, lex);
          g_array_append_val (tokens->info, info);

          first = FALSE;
          separator_is_space = TRUE;
          continue;
        }

      if (!g_unichar_isspace (c))
        separator_is_space = FALSE;

      p = g_utf8_next_char (p);
      cp++;
    }
}

static gboolean
is_closing_punctuation (gunichar c)
{
  return c == ')' || c == ']' || c == '"' || c == 0x201D || c == 0x2019 ||
         c == '\'' || c == 0xBB;
}

/* Whether the segment ending at @end (exclusive, UTF-16) ends in an
 * abbreviation after which ICU broke although the sentence goes on:
 * titles ("Dr."), dotted initials ("U.S.", "J.") and the like.
 */
static gboolean
ends_in_abbreviation (const UChar *buf,
                      int32_t      start,
                      int32_t      end)
{
  char word[16];
  int32_t i = end;
  int32_t word_start;
  int len = 0;
  gboolean dotted = TRUE;

  while (i > start && u_isspace (buf[i - 1]))
    i--;

  if (i == start || buf[i - 1] != '.')
    return FALSE;

  i--;
  word_start = i;
  while (word_start > start &&
         (u_isalpha (buf[word_start - 1]) || buf[word_start - 1] == '.'))
    word_start--;

  if (i - word_start <= 0 || i - word_start >= (int32_t)sizeof word)
    return FALSE;

  for (int32_t k = word_start; k < i; k++)
    {
      if (buf[k] > 0x7f)
        return FALSE;
      word[len++] = g_ascii_tolower ((char)buf[k]);
    }
  word[len] = '\0';

  /* Dotted initials: every other character is a point. */
  for (int k = 0; k < len; k++)
    {
      if ((k % 2 == 0) != (word[k] != '.'))
        dotted = FALSE;
    }

  if (dotted && (len > 1 || u_isupper (buf[word_start])))
    return TRUE;

  return gloss_lexicon_contains (GLOSS_LEXICON_ABBREVIATION, word);
}

/* The short title before a colon that opens many list items ("Continued
 * Military Escalation: Despite ..."): up to twelve words, each capitalised
 * or a small joining word. Returns the length in code points of the lead-in
 * including the colon, or 0.
 */
static guint
find_lead_in (const char *sentence,
              gsize       len)
{
  const char *p = sentence;
  const char *end = sentence + len;
  guint cp = 0;
  guint words = 0;
  gboolean at_word_start = TRUE;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ':')
        {
          const char *rest = g_utf8_next_char (p);
          guint rest_words = 0;
          gboolean in_word = FALSE;

          if (words < 2 || rest >= end || !g_unichar_isspace (g_utf8_get_char (rest)))
            return 0;

          for (const char *q = rest; q < end; q = g_utf8_next_char (q))
            {
              gboolean w = gloss_analysis_is_word_char (g_utf8_get_char (q));

              if (w && !in_word)
                rest_words++;
              in_word = w;
            }

          return rest_words >= 4 ? cp + 1 : 0;
        }

      if (g_unichar_isspace (c))
        {
          at_word_start = TRUE;
        }
      else if (at_word_start)
        {
          at_word_start = FALSE;
          words++;

          if (words > 12)
            return 0;

          if (!g_unichar_isupper (c) && !g_unichar_isdigit (c))
            {
              static const char * const small[] = {
                "of", "and", "the", "to", "for", "in", "on", "a", "an", "with",
                "vs", "or", "at", "by", "from", "&", "within", "among", "beyond",
                "over", "under", "into", "about", "through", "between", "as", "against",
              };
              const char *w_end = p;
              gboolean ok = FALSE;

              while (w_end < end && !g_unichar_isspace (g_utf8_get_char (w_end)) &&
                     g_utf8_get_char (w_end) != ':')
                w_end = g_utf8_next_char (w_end);

              for (guint k = 0; k < G_N_ELEMENTS (small); k++)
                {
                  if (strlen (small[k]) == (gsize)(w_end - p) &&
                      strncmp (small[k], p, w_end - p) == 0)
                    ok = TRUE;
                }

              if (!ok)
                return 0;
            }
        }
      else if (c == '.' || c == '?' || c == '!' || c == ';')
        {
          return 0;
        }

      p = g_utf8_next_char (p);
      cp++;
    }

  return 0;
}

gsize
gloss_analysis_block_byte_end (const char       *text,
                               const GlossBlock *block)
{
  return g_utf8_offset_to_pointer (text + block->byte_start, block->end - block->start) - text;
}

/* Adds the sentence [start16, end16) of a block; the UTF-16 offsets are
 * turned into code points through @cp_of.
 */
static void
add_sentence (Analyser         *an,
              guint             block_index,
              const GlossBlock *block,
              const UChar      *buf,
              const guint      *cp_of,
              int32_t           start16,
              int32_t           end16,
              gboolean          first_in_block)
{
  Sentence s = { 0 };
  gunichar last = 0;
  guint lead_in;

  while (start16 < end16 && u_isspace (buf[start16]))
    start16++;
  while (end16 > start16 && u_isspace (buf[end16 - 1]))
    end16--;

  if (start16 == end16)
    return;

  s.block = block_index;
  s.start = block->start + cp_of[start16];
  s.end = block->start + cp_of[end16];
  s.byte_start = g_utf8_offset_to_pointer (an->text + block->byte_start, cp_of[start16]) - an->text;
  s.byte_end = g_utf8_offset_to_pointer (an->text + s.byte_start, s.end - s.start) - an->text;

  if (block->kind == GLOSS_BLOCK_HEADING)
    s.flags |= SENTENCE_HEADING;
  if (first_in_block)
    s.flags |= SENTENCE_FIRST_IN_BLOCK;

  for (int32_t k = end16; k > start16; k--)
    {
      UChar32 c = buf[k - 1];

      if (!is_closing_punctuation (c))
        {
          last = c;
          break;
        }

      /* A question inside quotation marks is someone else's, not the
       * author's.
       */
      if (c == '"' || c == 0x201D || c == 0xBB)
        break;
    }

  if (last == '?')
    s.flags |= SENTENCE_QUESTION;
  else if (last == '!')
    s.flags |= SENTENCE_EXCLAMATION;

  lead_in = 0;
  if (first_in_block && block->kind != GLOSS_BLOCK_HEADING && last != '?')
    lead_in = find_lead_in (an->text + s.byte_start, s.byte_end - s.byte_start);

  if (lead_in > 0)
    {
      Sentence head = s;
      const char *rest;

      head.end = s.start + lead_in;
      head.byte_end = g_utf8_offset_to_pointer (an->text + s.byte_start, lead_in) - an->text;
      head.flags = (s.flags & SENTENCE_FIRST_IN_BLOCK) | SENTENCE_LEAD_IN;
      g_array_append_val (an->sentences, head);

      /* The body starts after the colon and the space that follows. */
      s.start = head.end;
      s.byte_start = head.byte_end;
      rest = an->text + s.byte_start;
      while (rest < an->text + s.byte_end && g_unichar_isspace (g_utf8_get_char (rest)))
        {
          rest = g_utf8_next_char (rest);
          s.start++;
        }
      s.byte_start = rest - an->text;
    }

  g_array_append_val (an->sentences, s);
}

void
gloss_analysis_split_sentences (Analyser *an)
{
  UBreakIterator *bi = NULL;
  UErrorCode status = U_ZERO_ERROR;
  g_autofree char *locale = NULL;
  const char *language = gloss_document_get_language (an->document);
  guint n_blocks = gloss_document_get_n_blocks (an->document);

  locale = g_strdup (language != NULL ? language : "en");
  g_strdelimit (locale, "-", '_');

  bi = ubrk_open (UBRK_SENTENCE, locale, NULL, 0, &status);
  if (U_FAILURE (status))
    {
      /* ICU always has the root rules; this only fails when out of memory. */
      g_critical ("Could not open the ICU sentence iterator: %s", u_errorName (status));
      return;
    }

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      gsize byte_end = gloss_analysis_block_byte_end (an->text, block);
      g_autofree UChar *buf = NULL;
      g_autofree guint *cp_of = NULL;
      int32_t len16 = 0;
      int32_t seg_start;
      int32_t pos;
      gboolean first = TRUE;

      if (block->end == block->start)
        continue;

      status = U_ZERO_ERROR;
      u_strFromUTF8 (NULL, 0, &len16, an->text + block->byte_start,
                     byte_end - block->byte_start, &status);
      if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
        continue;

      buf = g_new (UChar, len16 + 1);
      status = U_ZERO_ERROR;
      u_strFromUTF8 (buf, len16 + 1, NULL, an->text + block->byte_start,
                     byte_end - block->byte_start, &status);
      if (U_FAILURE (status))
        continue;

      /* Code point offset of every UTF-16 position inside the block. */
      cp_of = g_new (guint, len16 + 1);
      {
        guint cp = 0;

        for (int32_t k = 0; k < len16; k++)
          {
            cp_of[k] = cp;
            if (!U16_IS_LEAD (buf[k]) || k + 1 >= len16 || !U16_IS_TRAIL (buf[k + 1]))
              cp++;
          }
        cp_of[len16] = cp;
      }

      if (block->kind == GLOSS_BLOCK_HEADING || block->kind == GLOSS_BLOCK_PREFORMATTED)
        {
          /* A heading is one unit however it is punctuated. */
          add_sentence (an, b, block, buf, cp_of, 0, len16, TRUE);
          continue;
        }

      status = U_ZERO_ERROR;
      ubrk_setText (bi, buf, len16, &status);
      if (U_FAILURE (status))
        continue;

      seg_start = 0;
      ubrk_first (bi);
      while ((pos = ubrk_next (bi)) != UBRK_DONE)
        {
          if (pos < len16 && ends_in_abbreviation (buf, seg_start, pos))
            continue;

          add_sentence (an, b, block, buf, cp_of, seg_start, pos, first);
          first = FALSE;
          seg_start = pos;
        }

      if (seg_start < len16)
        add_sentence (an, b, block, buf, cp_of, seg_start, len16, first);
    }

  ubrk_close (bi);
}

void
gloss_analysis_tokenize_sentences (Analyser *an)
{
  for (guint i = 0; i < an->sentences->len; i++)
    {
      Sentence *s = &g_array_index (an->sentences, Sentence, i);

      s->first_token = an->tokens.lex->len;
      gloss_analysis_tokenize (&an->tokens, s->byte_start, s->byte_end, s->start, i);
      s->n_tokens = an->tokens.lex->len - s->first_token;
    }
}

/* A plain-text article often opens with its headline on a line of its
 * own, which the import may leave as a paragraph. A first paragraph that is
 * one short sentence, followed by more, is taken for the headline: a
 * headline names the subject, it is not one of the article's claims.
 */
void
gloss_analysis_mark_headline (Analyser *an)
{
  const char *title = gloss_document_get_title (an->document);
  const GlossBlock *block;
  Sentence *s;

  if (an->sentences->len < 2 || gloss_document_get_n_blocks (an->document) < 2)
    return;

  s = &g_array_index (an->sentences, Sentence, 0);
  block = gloss_document_get_block (an->document, s->block);

  if (block->kind != GLOSS_BLOCK_PARAGRAPH ||
      g_array_index (an->sentences, Sentence, 1).block == s->block ||
      s->n_tokens < 2 || s->n_tokens > 15)
    return;

  if (title != NULL)
    {
      g_autofree char *text = gloss_analysis_dup_sentence (an, s);

      if (g_utf8_collate (text, title) != 0)
        return;
    }

  s->flags |= SENTENCE_HEADLINE;
}

/* Whether the punctuation between two words of a sentence ends a clause:
 * a semicolon, a colon, a dash set off by spaces, or a comma before a
 * conjunction that opens a new assertion.
 */
static gboolean
is_clause_break (const Analyser *an,
                 guint           token)
{
  static const char * const conjunctions[] = {
    "but", "and", "while", "whereas", "yet", "although", "though", "so", NULL
  };
  static const char * const subjects[] = {
    "i", "we", "you", "he", "she", "it", "they", "this", "that", "these", "those", "there",
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "some", "many",
    "most", "all", "no", "every", "each", "nobody", "nothing", "everyone", "few", NULL
  };
  const TokenInfo *prev = info_at (&an->tokens, token - 1);
  const TokenInfo *next = info_at (&an->tokens, token);
  gboolean comma = FALSE;

  for (const char *p = an->text + prev->byte_end; p < an->text + next->byte_start;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ';' || c == ':' || c == 0x2013 || c == 0x2014)
        return TRUE;
      if (c == '-' && p > an->text + prev->byte_end && g_ascii_isspace (p[-1]))
        return TRUE;
      if (c == ',')
        comma = TRUE;
    }

  /* ", and the council ...": the conjunction opens a clause when a subject
   * follows it; in "NATO, the EU and the US" or "regroup, and prepare" it
   * joins the parts of a list.
   */
  if (comma && token + 1 < an->tokens.lex->len &&
      lex_at (&an->tokens, token + 1)->sentence == lex_at (&an->tokens, token)->sentence)
    {
      const char *folded = lex_at (&an->tokens, token)->folded;
      const GlossLexToken *after = lex_at (&an->tokens, token + 1);

      if (!g_strv_contains (conjunctions, folded))
        return FALSE;

      return after->capitalised || g_strv_contains (subjects, after->folded);
    }

  return FALSE;
}

/* Splits sentence @sentence into its clauses, each at least
 * MIN_CLAUSE_WORDS words long, and appends their token ranges to @ranges
 * (element-type TokenRange).
 */
void
gloss_analysis_split_clauses (const Analyser *an,
                              guint           sentence,
                              GArray         *ranges)
{
  const Sentence *s = &g_array_index (an->sentences, Sentence, sentence);
  guint end = s->first_token + s->n_tokens;
  TokenRange range = { s->first_token, 0 };

  for (guint t = s->first_token + MIN_CLAUSE_WORDS; t + MIN_CLAUSE_WORDS <= end; t++)
    {
      if (t - range.first >= MIN_CLAUSE_WORDS && is_clause_break (an, t))
        {
          range.n = t - range.first;
          g_array_append_val (ranges, range);
          range.first = t;
        }
    }

  range.n = end - range.first;
  if (range.n > 0)
    g_array_append_val (ranges, range);
}

char *
gloss_analysis_dup_sentence (const Analyser *an,
                             const Sentence *s)
{
  return g_strndup (an->text + s->byte_start, s->byte_end - s->byte_start);
}

/* The capitalised run of words that starts at @index ("Jane Doe",
 * "the World Health Organization"): returns its length in tokens.
 */
/* Whether token @index follows a title or an initial and its full stop,
 * as "Amira" in "Dr. Amira Holt" and "Holt" in "A. Holt".
 */
static gboolean
follows_abbreviation (const Tokens *tokens,
                      guint         index)
{
  const TokenInfo *prev;
  const TokenInfo *info;
  const char *p;

  if (index == 0 || lex_at (tokens, index - 1)->sentence != lex_at (tokens, index)->sentence)
    return FALSE;

  prev = info_at (tokens, index - 1);
  info = info_at (tokens, index);
  p = tokens->text + prev->byte_end;

  if (*p != '.')
    return FALSE;
  for (p++; p < tokens->text + info->byte_start; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return (lex_at (tokens, index - 1)->capitalised &&
          strlen (lex_at (tokens, index - 1)->folded) == 1) ||
         gloss_lexicon_contains (GLOSS_LEXICON_ABBREVIATION, lex_at (tokens, index - 1)->folded);
}

guint
gloss_analysis_name_run (const Tokens *tokens,
                         guint         index,
                         guint         limit)
{
  guint n = 0;

  while (index + n < limit)
    {
      const GlossLexToken *tok = lex_at (tokens, index + n);

      if (n > 0 && !tok->joined && !follows_abbreviation (tokens, index + n))
        break;

      if (tok->capitalised || info_at (tokens, index + n)->acronym)
        {
          n++;
          continue;
        }

      /* "Secretary of State", "Bank of England". */
      if (n > 0 && index + n + 1 < limit &&
          (strcmp (tok->folded, "of") == 0 || strcmp (tok->folded, "for") == 0 ||
           strcmp (tok->folded, "the") == 0) &&
          lex_at (tokens, index + n + 1)->capitalised && lex_at (tokens, index + n + 1)->joined)
        {
          n++;
          continue;
        }

      break;
    }

  return n;
}
