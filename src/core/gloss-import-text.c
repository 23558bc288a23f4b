/* gloss-import-text.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "gloss-import.h"

/* Plain text rarely says what its structure is: articles copied or scraped
 * from the web come as one line per paragraph (or hard-wrapped), with the
 * page's furniture left in between. The importer works in passes:
 *
 *  1. the page header: the title, a subtitle, the byline, the date, the
 *     reading time and the title repeated by the page's widgets;
 *  2. a table of contents, whose entries confirm which later lines are
 *     headings and are then left out of the text: the document records
 *     them as links to those headings instead;
 *  3. page furniture anywhere ("Share", "Advertisement") and the list of
 *     related stories at the end;
 *  4. grouping: lines become paragraphs (hard-wrapped lines are joined,
 *     one-line-per-paragraph text is not) and list items;
 *  5. headings: short lines that do not end like sentences and introduce
 *     body text, numbered or not.
 */

/* Lines this far from the top may carry the byline, the date and the
 * reading time.
 */
#define HEADER_LINES 30

/* Longest line, in code points, that may be a title or a heading. */
#define MAX_HEADING_CHARS 120
#define MAX_HEADING_WORDS 16

/* Hard-wrapped text is wrapped at some width below this many code points;
 * longer lines are whole paragraphs.
 */
#define MAX_WRAP_WIDTH 100

typedef struct {
  char     *text;     /* trimmed */
  char     *key;      /* collapsed and case-folded, for comparisons */
  char     *bare_key; /* the key without list or section numbering */
  guint     indent;   /* leading white space, tabs count 4 */
  guint     n_chars;
  gboolean  dropped;
  gboolean  header;   /* in the page header, above the body */
} Line;

typedef enum {
  PIECE_PARAGRAPH,
  PIECE_LIST_ITEM,
  PIECE_HEADING,
} PieceKind;

typedef struct {
  PieceKind  kind;
  GString   *text;
  guint      n_lines;
  guint      indent;
  guint      level;
  gboolean   ordered;
  gboolean   numbered;  /* a list item marked "1." or "1)" */
  char      *marker;    /* the list marker ("2."), kept by numbered headings */
  gboolean   in_toc;    /* named by the table of contents */
  gboolean   header;    /* came from the page header */
  char      *bare_key;
} Piece;

static void
line_clear (gpointer data)
{
  Line *line = data;

  g_free (line->text);
  g_free (line->key);
  g_free (line->bare_key);
}

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_string_free (piece->text, TRUE);
  g_free (piece->bare_key);
  g_free (piece->marker);
  g_free (piece);
}

static GRegex *
compile_once (GRegex     **regex,
              const char  *pattern,
              GRegexCompileFlags flags)
{
  if (g_once_init_enter (regex))
    {
      GRegex *compiled = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (regex, compiled);
    }

  return *regex;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0xFEFF || c == 0x200B;
}

/* Collapses white space and folds case, so that "Putin’s  Talks" and
 * "putin’s talks" compare equal.
 */
static char *
make_key (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_space (c))
        {
          space = out->len > 0;
          continue;
        }

      /* Curly and straight apostrophes are the same to a reader. */
      if (c == 0x2019 || c == 0x2018)
        c = '\'';

      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  folded = g_utf8_casefold (out->str, out->len);
  g_string_free (out, TRUE);

  return g_steal_pointer (&folded);
}

static guint
count_words (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gboolean space = is_space (g_utf8_get_char (p));

      if (!space && !in_word)
        words++;
      in_word = !space;
    }

  return words;
}

static gunichar
last_char (const char *text)
{
  gsize len = strlen (text);

  if (len == 0)
    return 0;

  return g_utf8_get_char (g_utf8_prev_char (text + len));
}

/* Returns the length in bytes of a list marker ("•", "-", "*", "1.", "a)")
 * and the white space after it at the start of @text, or 0.
 */
static gsize
match_bullet (const char *text,
              gboolean   *ordered,
              gboolean   *numbered)
{
  static const gunichar bullets[] = {
    0x2022, /* • */
    0x00B7, /* · */
    0x25E6, /* ◦ */
    0x25AA, /* ▪ */
    0x25B8, /* ▸ */
    0x25BA, /* ► */
    0x2023, /* ‣ */
    0x2043, /* ⁃ */
    0x2013, /* – */
    0x2014, /* — */
    0x25CF, /* ● */
    0x25A0, /* ■ */
    0x25A1, /* □ */
    0x2713, /* ✓ */
    0x2714, /* ✔ */
    0x2192, /* → */
    0x27A2, /* ➢ */
    '-', '*', '+', '>',
  };
  const char *p = text;
  gunichar c = g_utf8_get_char (p);
  gboolean found = FALSE;

  *ordered = FALSE;
  *numbered = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (bullets); i++)
    {
      if (c == bullets[i])
        {
          p = g_utf8_next_char (p);
          found = TRUE;
          break;
        }
    }

  if (!found && g_ascii_isdigit (*p))
    {
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          p++;
          digits++;
        }
      if (digits < 4 && (*p == '.' || *p == ')'))
        {
          p++;
          found = TRUE;
          *ordered = TRUE;
          *numbered = TRUE;
        }
    }
  else if (!found && g_ascii_islower (*p) && p[1] == ')')
    {
      p += 2;
      found = TRUE;
      *ordered = TRUE;
    }
  else if (!found && *p == '(' && g_ascii_islower (p[1]) && p[2] == ')')
    {
      p += 3;
      found = TRUE;
      *ordered = TRUE;
    }
  else if (!found && g_ascii_islower (*p) && p[1] == '.' && p[2] == ' ')
    {
      p += 2;
      found = TRUE;
      *ordered = TRUE;
    }

  if (!found)
    return 0;

  /* A marker is followed by white space and then by text. */
  if (!is_space (g_utf8_get_char (p)))
    return 0;
  while (*p && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return 0;

  return p - text;
}

static guint
match_atx_heading (const char *text,
                   gsize      *skip)
{
  guint level = 0;

  while (text[level] == '#' && level < 7)
    level++;

  if (level == 0 || level > 6 || text[level] != ' ')
    return 0;

  *skip = level + 1;
  return level;
}

/* The key without a leading "1.", "2)", "IV." or "•", so that "3. Costs"
 * in a table of contents matches "Costs" below, and the other way round.
 */
static char *
make_bare_key (const char *key)
{
  static GRegex *regex;
  GRegex *numbering;

  numbering = compile_once (&regex,
                            "^(?:[•·▪‣◦*+-]\\s*|(?:\\d{1,3}(?:\\.\\d{1,3})*|[ivxlc]{1,5}|[a-z])[.):]\\s+"
                            "|(?:chapter|part|section|step)\\s+\\w+\\s*[.:–—-]\\s*)",
                            0);

  return g_regex_replace (numbering, key, -1, 0, "", 0, NULL);
}

static gboolean
key_in (const char         *key,
        const char * const *phrases)
{
  g_autofree char *stripped = NULL;
  gsize len = strlen (key);

  /* "Share this:" and "Related:" end in a colon. */
  while (len > 0 && (key[len - 1] == ':' || key[len - 1] == ' '))
    len--;
  stripped = g_strndup (key, len);
  g_strstrip (stripped);

  return g_strv_contains (phrases, stripped);
}

static gboolean
is_boilerplate (const char *key)
{
  static const char *phrases[] = {
    "close", "share", "share this", "share this article", "share this story",
    "share this post", "share on facebook", "share on twitter", "share on x",
    "share on linkedin", "share via email", "tweet", "email", "print",
    "advertisement", "advertisements", "ad", "sponsored", "sponsored content",
    "related", "related articles", "related posts", "related stories",
    "related content", "related news", "related reading", "read more",
    "read next", "see also", "you may also like", "you might also like",
    "recommended", "recommended for you", "more stories", "more from this author",
    "article with toc", "skip to content", "skip to main content",
    "subscribe", "subscribe now", "sign up", "log in", "sign in", "menu",
    "comments", "leave a comment", "leave a reply", "show comments",
    "view comments", "copy link", "link copied", "back to top",
    "scroll to top", "toggle navigation", "listen to this article",
    "continue reading", "loading", "loading...", "facebook", "twitter",
    "linkedin", "whatsapp", "reddit", "pinterest", "telegram",
    "follow us", "trending", "most popular", "most read", "top stories",
    "newsletter", "cookie settings", "accept cookies", "accept all",
    "x", "save", "save article", "saved", "bookmark", "copy", "copied",
    "gift this article", "play", "pause", "audio", "listen", "advertisement - scroll to continue",
    "story continues below advertisement", "article continues below",
    "image", "photo", "video", "open in app", "follow", "share article",
    NULL,
  };

  return key_in (key, phrases);
}

/* Lines after which the rest of the page is other stories. */
static gboolean
is_trailing_marker (const char *key)
{
  static const char *phrases[] = {
    "related", "related articles", "related posts", "related stories",
    "related content", "related news", "related reading", "read more",
    "read next", "see also", "you may also like", "you might also like",
    "recommended", "recommended for you", "more stories", "more from this author",
    "more on this story", "more on this topic", "most popular", "most read",
    "trending", "top stories", "latest news", "latest stories", "popular",
    "editor's picks", "more like this", "keep reading", "up next",
    NULL,
  };

  return key_in (key, phrases);
}

static gboolean
is_toc_marker (const char *key)
{
  static const char *phrases[] = {
    "table of contents", "contents", "in this article", "on this page",
    "jump to", "jump to section", "article contents", "in this story",
    "what's inside", "toc", "navigate this article", "quick links", NULL,
  };

  return key_in (key, phrases);
}

/* A title or heading is a short line that does not end like a sentence. */
static gboolean
looks_like_heading (const char *text,
                    guint       n_chars)
{
  gunichar first;
  gunichar last;
  guint words;

  if (n_chars < 2 || n_chars > MAX_HEADING_CHARS)
    return FALSE;

  words = count_words (text);
  if (words > MAX_HEADING_WORDS)
    return FALSE;

  first = g_utf8_get_char (text);
  if (!g_unichar_isupper (first) && !g_unichar_istitle (first) &&
      !g_unichar_isdigit (first) && first != '"' && first != 0x201C &&
      first != '\'' && first != 0x2018 && first != 0x00BF && first != 0x00A1)
    return FALSE;

  last = last_char (text);
  if (last == '.' || last == ',' || last == ';' || last == ':' ||
      last == 0x2026 || last == '-' || last == 0x2013 || last == 0x2014)
    return FALSE;

  /* A question can be a heading, but a long one is a sentence. */
  if (last == '?' && words > 12)
    return FALSE;

  /* "Town Bridge | 11 of 20" is a table row. */
  if (strstr (text, " | ") != NULL || strchr (text, '\t') != NULL)
    return FALSE;

  /* A quotation standing on its own line is a paragraph. */
  if ((first == '"' || first == 0x201C) && (last == '"' || last == 0x201D) && words > 6)
    return FALSE;

  return TRUE;
}

/* "6 min read", "6 minute read", "Reading time: 6 minutes". */
static gboolean
match_reading_time (const char *text,
                    guint      *minutes,
                    char      **rest)
{
  static GRegex *regex_storage;
  GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  regex = compile_once (&regex_storage,
                        "^(?:reading time:?\\s*|estimated reading time:?\\s*)?(\\d{1,3})\\s*"
                        "(?:min(?:ute)?s?\\.?)(?:\\s+read)?\\b(.*)$",
                        G_REGEX_CASELESS);
  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;

  /* "5 minutes later, ..." is prose; a reading-time line says "read" or
   * is nothing but the number.
   */
  number = g_match_info_fetch (match, 1);
  *rest = g_match_info_fetch (match, 2);
  if (strstr (text, "read") == NULL && strstr (text, "Read") == NULL &&
      strstr (text, "reading") == NULL && strstr (text, "Reading") == NULL)
    {
      if (g_utf8_strlen (*rest, -1) > 40)
        {
          g_clear_pointer (rest, g_free);
          return FALSE;
        }
    }

  *minutes = (guint)atoi (number);
  return TRUE;
}

/* "By Jane Doe | 4 min read": a reading time inside another header line. */
static guint
find_reading_time (const char *text)
{
  static GRegex *regex_storage;
  GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *number = NULL;

  regex = compile_once (&regex_storage, "\\b(\\d{1,3})\\s*min(?:ute)?s?\\.?\\s+read\\b",
                        G_REGEX_CASELESS);
  if (!g_regex_match (regex, text, 0, &match))
    return 0;

  number = g_match_info_fetch (match, 1);
  return (guint)atoi (number);
}

/* "Post on May 18, 2025", "Published: 18 May 2025", "Updated 2025-05-18",
 * or a line that is nothing but a date ("October 2, 2024").
 */
static char *
match_date_line (const char *text,
                 guint       n_chars)
{
  static GRegex *regex_storage;
  GRegex *regex;
  g_autofree char *date = NULL;

  if (n_chars > 80)
    return NULL;

  regex = compile_once (&regex_storage,
                        "^(?:posted|post|published|updated|last updated|last modified|date|"
                        "first published|originally published)(?:\\s+on)?\\s*:?\\s",
                        G_REGEX_CASELESS);
  if (g_regex_match (regex, text, 0, NULL))
    return gloss_import_parse_date (text);

  /* A bare date: few words besides it ("Tuesday 2 May 2023 08.00 BST"). */
  if (n_chars > 50 || count_words (text) > 7)
    return NULL;

  date = gloss_import_parse_date (text);
  if (date == NULL)
    return NULL;

  return g_steal_pointer (&date);
}

/* "By Jane Doe", "By Jane Doe and John Roe | May 18, 2025",
 * "Written by Jane Doe", "Author: Jane Doe".
 */
static char *
match_byline (const char *text,
              guint       n_chars)
{
  static GRegex *regex_storage;
  GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *names = NULL;

  if (n_chars > 120)
    return NULL;

#define NAME "\\p{Lu}[\\p{L}\\p{M}.'’\\-]*(?:\\s+(?:(?:de|van|von|la|da|del|der|den|bin|al|le|di|du)\\s+)?\\p{Lu}[\\p{L}\\p{M}.'’\\-]*){0,3}"
  regex = compile_once (&regex_storage,
                        "^(?i:by|written by|words by|story by|author:|authors:|by:)\\s*"
                        "(" NAME "(?:\\s*(?:,|\\band\\b|&)\\s*" NAME "){0,5})"
                        "\\s*(?:$|[|·•–—-]\\s*|,\\s*(?=\\p{Ll}|\\d)|\\s+(?i:on|published|updated)\\b)",
                        0);
#undef NAME
  if (!g_regex_match (regex, text, 0, &match))
    return NULL;

  names = g_match_info_fetch (match, 1);
  g_strstrip (names);

  return g_steal_pointer (&names);
}

/* Removes "Title - " (or "Title: ") from the start of @text, as scrapers
 * often repeat the title in front of the first paragraph.
 */
static void
strip_title_prefix (Line       *line,
                    const char *title_key)
{
  static const char *separators[] = { " - ", " – ", " — ", ": ", " | ", NULL };
  gsize title_len;
  g_autofree char *head = NULL;
  g_autofree char *head_key = NULL;
  const char *p;
  guint title_chars;

  if (title_key == NULL)
    return;

  title_chars = g_utf8_strlen (title_key, -1);
  if (line->n_chars <= title_chars + 3)
    return;

  p = g_utf8_offset_to_pointer (line->text, title_chars);
  head = g_strndup (line->text, p - line->text);
  head_key = make_key (head);
  if (g_strcmp0 (head_key, title_key) != 0)
    return;

  title_len = p - line->text;
  for (guint i = 0; separators[i] != NULL; i++)
    {
      if (strncmp (line->text + title_len, separators[i], strlen (separators[i])) == 0)
        {
          char *rest = g_strdup (line->text + title_len + strlen (separators[i]));

          g_free (line->text);
          line->text = g_strstrip (rest);
          line->n_chars = g_utf8_strlen (line->text, -1);
          return;
        }
    }
}

/* The first line of a hard-wrapped paragraph is not a title: a title stands
 * on its own line, or is clearly shorter than the text that follows.
 */
static gboolean
stands_alone (GArray *lines,
              guint   index)
{
  Line *line = &g_array_index (lines, Line, index);
  Line *next;
  guint minutes = 0;
  g_autofree char *rest = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *date = NULL;

  if (index + 1 >= lines->len)
    return TRUE;

  next = &g_array_index (lines, Line, index + 1);
  if (next->n_chars == 0)
    return TRUE;

  if (line->n_chars * 10 < next->n_chars * 6)
    return TRUE;

  if (match_reading_time (next->text, &minutes, &rest))
    return TRUE;

  byline = match_byline (next->text, next->n_chars);
  if (byline != NULL)
    return TRUE;

  date = match_date_line (next->text, next->n_chars);

  return date != NULL;
}

static void
split_lines (const char *text,
             GArray     *lines)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      const char *end = eol != NULL ? eol : p + strlen (p);
      const char *start = p;
      const char *last;
      Line line = { 0, };

      /* Leading white space gives the indentation of list items. */
      while (start < end)
        {
          gunichar c = g_utf8_get_char (start);

          if (!is_space (c))
            break;
          line.indent += c == '\t' ? 4 : 1;
          start = g_utf8_next_char (start);
        }

      last = end;
      while (last > start)
        {
          const char *prev = g_utf8_prev_char (last);

          if (!is_space (g_utf8_get_char (prev)))
            break;
          last = prev;
        }

      line.text = g_strndup (start, last - start);
      line.n_chars = g_utf8_strlen (line.text, -1);
      line.key = make_key (line.text);
      line.bare_key = make_bare_key (line.key);
      if (line.n_chars == 0)
        line.dropped = TRUE;
      g_array_append_val (lines, line);

      if (eol == NULL)
        break;
      p = eol + 1;
    }
}

static Piece *
piece_new (PieceKind   kind,
           const char *text,
           guint       indent)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->text = g_string_new (text);
  piece->n_lines = 1;
  piece->indent = indent;

  return piece;
}

static void
piece_append_line (Piece      *piece,
                   const char *text)
{
  gsize len = piece->text->len;

  /* Words hyphenated at the end of a hard-wrapped line are joined. */
  if (len > 1 && piece->text->str[len - 1] == '-' &&
      g_ascii_isalpha (piece->text->str[len - 2]) &&
      g_unichar_islower (g_utf8_get_char (text)))
    g_string_truncate (piece->text, len - 1);
  else
    g_string_append_c (piece->text, ' ');

  g_string_append (piece->text, text);
  piece->n_lines++;
}

/* Splits one group of consecutive lines (a paragraph in the source) into
 * pieces. Bullets start list items. Hard-wrapped text (every line shorter
 * than a typical wrapping width) is joined into paragraphs, a line much
 * shorter than the longest ending its paragraph, since wrapping only
 * leaves the last line of a paragraph short; text with longer lines has
 * one paragraph per line.
 */
static void
split_group (GArray    *lines,
             guint      first,
             guint      last,
             GPtrArray *pieces)
{
  Piece *current = NULL;
  guint max_chars = 0;
  gboolean wrapped;

  for (guint i = first; i < last; i++)
    max_chars = MAX (max_chars, g_array_index (lines, Line, i).n_chars);

  wrapped = max_chars <= MAX_WRAP_WIDTH;

  for (guint i = first; i < last; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      gboolean ordered = FALSE;
      gboolean numbered = FALSE;
      gsize skip = 0;
      gsize marker;
      guint level;

      marker = match_bullet (line->text, &ordered, &numbered);
      if (marker > 0)
        {
          current = piece_new (PIECE_LIST_ITEM, line->text + marker, line->indent);
          current->ordered = ordered;
          current->numbered = numbered;
          current->marker = g_strstrip (g_strndup (line->text, marker));
          current->bare_key = g_strdup (line->bare_key);
          current->header = line->header;
          g_ptr_array_add (pieces, current);
          continue;
        }

      level = match_atx_heading (line->text, &skip);
      if (level > 0)
        {
          Piece *heading = piece_new (PIECE_HEADING, line->text + skip, line->indent);

          heading->level = level;
          g_ptr_array_add (pieces, heading);
          current = NULL;
          continue;
        }

      if (current != NULL && i > first && wrapped)
        {
          Line *prev = &g_array_index (lines, Line, i - 1);
          gboolean prev_short = max_chars >= 40 && prev->n_chars * 10 < max_chars * 6;

          /* A list item's continuation lines are indented under its text;
           * an unindented line after a list item starts a paragraph.
           */
          if (current->kind == PIECE_LIST_ITEM && line->indent == 0 && prev->indent == 0 &&
              current->n_lines == 1 && prev->n_chars < max_chars * 8 / 10)
            prev_short = TRUE;

          if (!prev_short)
            {
              piece_append_line (current, line->text);
              continue;
            }
        }

      current = piece_new (PIECE_PARAGRAPH, line->text, line->indent);
      current->bare_key = g_strdup (line->bare_key);
      current->header = line->header;
      g_ptr_array_add (pieces, current);
    }
}

static guint
piece_chars (Piece *piece)
{
  return g_utf8_strlen (piece->text->str, piece->text->len);
}

static gboolean
piece_looks_like_heading (Piece *piece)
{
  return piece->n_lines == 1 && looks_like_heading (piece->text->str, piece_chars (piece));
}

/* A paragraph that a heading can introduce: anything but another short,
 * heading-like line.
 */
static gboolean
is_body_piece (Piece *piece)
{
  if (piece->kind == PIECE_LIST_ITEM)
    return !piece->in_toc;
  if (piece->kind != PIECE_PARAGRAPH)
    return FALSE;
  if (piece->in_toc)
    return FALSE;
  if (piece->n_lines > 1)
    return TRUE;

  return !piece_looks_like_heading (piece);
}

/* "Label: text" bullets get their label in bold, as on the page they were
 * copied from.
 */
static gsize
find_label (const char *text)
{
  const char *colon = strstr (text, ": ");
  g_autofree char *label = NULL;

  if (colon == NULL || colon == text)
    return 0;

  label = g_strndup (text, colon - text);
  if (g_utf8_strlen (label, -1) > 100 || count_words (label) > 14)
    return 0;
  if (strpbrk (label, ".!?;") != NULL)
    return 0;

  return colon - text;
}

static void
emit_pieces (GlossDocumentBuilder *builder,
             GPtrArray            *pieces)
{
  GArray *indents = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);

      switch (piece->kind)
        {
        case PIECE_HEADING:
          g_array_set_size (indents, 0);
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, piece->level);
          gloss_document_builder_append_text (builder, piece->text->str, piece->text->len);
          gloss_document_builder_end_block (builder);
          break;

        case PIECE_LIST_ITEM:
          {
            gsize label;
            guint level;

            /* Nesting follows indentation within a run of list items. */
            while (indents->len > 0 &&
                   g_array_index (indents, guint, indents->len - 1) > piece->indent)
              g_array_set_size (indents, indents->len - 1);
            if (indents->len == 0 ||
                g_array_index (indents, guint, indents->len - 1) + 1 < piece->indent)
              g_array_append_val (indents, piece->indent);
            level = MIN (indents->len, 6);

            gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM, level);
            gloss_document_builder_set_ordered (builder, piece->ordered);
            label = find_label (piece->text->str);
            if (label > 0)
              {
                gloss_document_builder_push_span (builder, GLOSS_SPAN_STRONG, NULL);
                gloss_document_builder_append_text (builder, piece->text->str, label);
                gloss_document_builder_pop_span (builder);
                gloss_document_builder_append_text (builder,
                                                    piece->text->str + label,
                                                    piece->text->len - label);
              }
            else
              {
                gloss_document_builder_append_text (builder, piece->text->str, piece->text->len);
              }
            gloss_document_builder_end_block (builder);
          }
          break;

        case PIECE_PARAGRAPH:
          g_array_set_size (indents, 0);
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
          gloss_document_builder_append_text (builder, piece->text->str, piece->text->len);
          gloss_document_builder_end_block (builder);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_array_unref (indents);
}

/* Pass 1: the title is the first line, when it reads like one. */
static char *
find_title (GArray *lines)
{
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      gboolean ordered;
      gboolean numbered;
      gsize skip = 0;
      char *title = NULL;

      if (line->dropped)
        continue;

      /* "Skip to content" and "Menu" come before the title on many pages. */
      if (is_boilerplate (line->key))
        {
          line->dropped = TRUE;
          continue;
        }

      if (match_atx_heading (line->text, &skip) == 1)
        {
          title = g_strstrip (g_strdup (line->text + skip));
          line->dropped = TRUE;
        }
      else if (match_bullet (line->text, &ordered, &numbered) == 0 &&
               looks_like_heading (line->text, line->n_chars) &&
               !is_boilerplate (line->key) &&
               !is_toc_marker (line->key) &&
               stands_alone (lines, i))
        {
          title = g_strdup (line->text);
          line->dropped = TRUE;
        }

      return title;
    }

  return NULL;
}

/* Pass 1 and 2: the header lines and the table of contents. Returns the
 * set of bare keys that the table of contents names.
 */
static GHashTable *
read_header (GArray               *lines,
             GlossDocumentBuilder *builder,
             const char           *title_key,
             gboolean             *has_atx)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *toc = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean in_toc = FALSE;
  gboolean in_header = TRUE;
  gboolean have_byline = FALSE;
  gboolean have_date = FALSE;
  guint header_seen = 0;

  /* Counts let a table of contents be recognised: its entries come back
   * later as headings.
   */
  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      guint n;

      if (line->dropped)
        continue;
      n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, line->bare_key));
      g_hash_table_insert (counts, line->bare_key, GUINT_TO_POINTER (n + 1));
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      guint minutes = 0;
      g_autofree char *rest = NULL;
      g_autofree char *date = NULL;
      g_autofree char *byline = NULL;
      gsize skip = 0;

      if (line->dropped)
        continue;

      header_seen++;

      if (title_key != NULL && strcmp (line->key, title_key) == 0)
        {
          line->dropped = TRUE;
          continue;
        }

      if (is_toc_marker (line->key))
        {
          line->dropped = TRUE;
          in_toc = TRUE;
          continue;
        }

      if (in_toc)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, line->bare_key));

          /* An entry named a second time is the first section itself:
           * the table of contents is over.
           */
          if (line->n_chars <= MAX_HEADING_CHARS && n >= 2 && *line->bare_key != '\0' &&
              !g_hash_table_contains (toc, line->bare_key))
            {
              gboolean ordered;
              gboolean numbered;
              gsize marker = match_bullet (line->text, &ordered, &numbered);

              /* A bullet is decoration, a number is part of the entry. */
              if (ordered)
                marker = 0;
              gloss_document_builder_add_toc_entry (builder, line->text + marker);
              g_hash_table_add (toc, g_strdup (line->bare_key));
              line->dropped = TRUE;
              continue;
            }
          in_toc = FALSE;
        }

      if (is_boilerplate (line->key))
        {
          line->dropped = TRUE;
          continue;
        }

      /* The header ends at the first line of body text. */
      if (in_header && (header_seen > HEADER_LINES || count_words (line->text) > 30))
        in_header = FALSE;

      if (header_seen <= HEADER_LINES &&
          match_reading_time (line->text, &minutes, &rest))
        {
          gloss_document_builder_set_reading_time (builder, minutes);
          date = gloss_import_parse_date (rest);
          if (date != NULL && !have_date)
            {
              gloss_document_builder_set_published (builder, date);
              have_date = TRUE;
            }
          line->dropped = TRUE;
          continue;
        }

      if (in_header && !have_date &&
          (date = match_date_line (line->text, line->n_chars)) != NULL)
        {
          gloss_document_builder_set_published (builder, date);
          have_date = TRUE;
          line->dropped = TRUE;
          continue;
        }

      if (in_header && !have_byline &&
          (byline = match_byline (line->text, line->n_chars)) != NULL)
        {
          gloss_document_builder_set_byline (builder, byline);
          have_byline = TRUE;
          minutes = find_reading_time (line->text);
          if (minutes > 0)
            gloss_document_builder_set_reading_time (builder, minutes);
          date = gloss_import_parse_date (line->text);
          if (date != NULL && !have_date)
            {
              gloss_document_builder_set_published (builder, date);
              have_date = TRUE;
            }
          line->dropped = TRUE;
          continue;
        }

      if (match_atx_heading (line->text, &skip) > 0)
        *has_atx = TRUE;

      line->header = in_header;
      strip_title_prefix (line, title_key);
    }

  return toc;
}

/* Pass 3: the end of a scraped page lists other stories under "Related"
 * or "Read more": short lines only, no more paragraphs of the article.
 */
static void
drop_trailing_stories (GArray *lines)
{
  guint first_kept = lines->len;

  for (guint i = lines->len; i > 0; i--)
    {
      Line *line = &g_array_index (lines, Line, i - 1);

      if (line->dropped && line->n_chars == 0)
        continue;

      if (is_trailing_marker (line->key))
        {
          first_kept = i - 1;
          break;
        }

      /* A real paragraph: the article is still going on. */
      if (count_words (line->text) > 30 || line->n_chars > 200)
        return;
    }

  /* Only near the end: a marker in the middle of the page with a long
   * tail after it is something else.
   */
  if (first_kept == lines->len || (lines->len - first_kept) * 3 > lines->len)
    return;

  for (guint i = first_kept; i < lines->len; i++)
    g_array_index (lines, Line, i).dropped = TRUE;
}

static void
make_heading (Piece *piece)
{
  /* A numbered section keeps its number, as the page showed it. */
  if (piece->kind == PIECE_LIST_ITEM && piece->numbered && piece->marker != NULL)
    {
      g_string_prepend_c (piece->text, ' ');
      g_string_prepend (piece->text, piece->marker);
    }

  piece->kind = PIECE_HEADING;
  piece->level = 2;
}

/* Pass 5: headings. */
static void
find_headings (GPtrArray  *pieces,
               GHashTable *toc,
               gboolean    has_atx)
{
  gboolean seen_body = FALSE;

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);

      if (piece->bare_key != NULL && g_hash_table_contains (toc, piece->bare_key))
        piece->in_toc = TRUE;
    }

  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (pieces, i);
      Piece *prev = i > 0 ? g_ptr_array_index (pieces, i - 1) : NULL;
      Piece *next = i + 1 < pieces->len ? g_ptr_array_index (pieces, i + 1) : NULL;

      if (piece->kind == PIECE_HEADING)
        {
          seen_body = TRUE;
          continue;
        }

      /* What the table of contents names is a heading, whatever it looks
       * like.
       */
      if (piece->in_toc && piece->n_lines == 1)
        {
          make_heading (piece);
          seen_body = TRUE;
          continue;
        }

      /* Texts that mark headings with "#" are trusted to mark all of
       * them.
       */
      if (has_atx || next == NULL)
        {
          seen_body = seen_body || is_body_piece (piece);
          continue;
        }

      /* A section heading directly over a subsection heading
       * ("Results", then "Short term", then text).
       */
      if (piece->kind == PIECE_PARAGRAPH && piece_looks_like_heading (piece) &&
          next->kind == PIECE_PARAGRAPH && piece_looks_like_heading (next) &&
          i + 2 < pieces->len && is_body_piece (g_ptr_array_index (pieces, i + 2)) &&
          (seen_body || !piece->header))
        {
          make_heading (piece);
          continue;
        }

      if (piece->kind == PIECE_PARAGRAPH && piece_looks_like_heading (piece) &&
          is_body_piece (next))
        {
          /* A heading-like line between the title and the first paragraph
           * is the subtitle, which reads as the first paragraph; short
           * section names ("Introduction") stay headings.
           */
          if (!seen_body && piece->header && count_words (piece->text->str) >= 5)
            {
              seen_body = TRUE;
              continue;
            }
          piece->kind = PIECE_HEADING;
          piece->level = 2;
          continue;
        }

      /* "2. What the trials measured" over a paragraph is a numbered
       * section, not a list of one.
       */
      if (piece->kind == PIECE_LIST_ITEM && piece->numbered && piece->n_lines == 1 &&
          piece->indent == 0 &&
          looks_like_heading (piece->text->str, piece_chars (piece)) &&
          next->kind == PIECE_PARAGRAPH && is_body_piece (next) &&
          (prev == NULL || prev->kind != PIECE_LIST_ITEM))
        {
          make_heading (piece);
          seen_body = TRUE;
          continue;
        }

      seen_body = seen_body || is_body_piece (piece);
    }
}

GlossDocument *
gloss_import_text (GBytes  *bytes,
                   GFile   *file,
                   GError **error)
{
  g_autoptr(GlossDocumentBuilder) builder = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GPtrArray) pieces = NULL;
  g_autoptr(GHashTable) toc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *title_key = NULL;
  gboolean has_atx = FALSE;
  guint i;

  g_return_val_if_fail (bytes != NULL, NULL);

  builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);

  text = gloss_import_decode_text (bytes, file, builder, error);
  if (text == NULL)
    return NULL;

  lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_array_set_clear_func (lines, line_clear);
  split_lines (text, lines);
  g_clear_pointer (&text, g_free);

  title = find_title (lines);
  if (title != NULL)
    {
      title_key = make_key (title);
      gloss_document_builder_set_title (builder, title);
    }

  toc = read_header (lines, builder, title_key, &has_atx);
  drop_trailing_stories (lines);

  /* Group the remaining lines into paragraphs and split them into pieces. */
  pieces = g_ptr_array_new_with_free_func (piece_free);
  i = 0;
  while (i < lines->len)
    {
      guint first;

      while (i < lines->len && g_array_index (lines, Line, i).dropped)
        i++;
      first = i;
      while (i < lines->len && !g_array_index (lines, Line, i).dropped)
        i++;
      if (i > first)
        split_group (lines, first, i, pieces);
    }

  find_headings (pieces, toc, has_atx);
  emit_pieces (builder, pieces);

  if (gloss_document_builder_in_block (builder))
    gloss_document_builder_end_block (builder);

  {
    GlossDocument *document = gloss_document_builder_finish (g_steal_pointer (&builder), file);

    if (gloss_document_get_n_blocks (document) == 0)
      {
        g_autofree char *name = gloss_import_dup_display_name (file);

        g_object_unref (document);
        g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                     _("No article text was found in “%s”"), name);
        return NULL;
      }

    return document;
  }
}
