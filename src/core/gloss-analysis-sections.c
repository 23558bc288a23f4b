/* gloss-analysis-sections.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gloss-analysis-private.h"

/* The article as a whole: its outline, from its headings, and whether it
 * is in a language that the analysis knows.
 */

static char *
normalize_title (const char *title)
{
  g_autofree char *down = g_utf8_strdown (title, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = down; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (gloss_analysis_is_word_char (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_conclusion_title (const char *title)
{
  g_autofree char *down = g_utf8_strdown (title, -1);
  static const char * const words[] = {
    "conclusion", "concluding", "summary", "final thoughts", "takeaway",
    "the bottom line", "in closing", "wrapping up", "verdict",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      if (strstr (down, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

void
gloss_analysis_find_sections (Analyser *an)
{
  guint n_blocks = gloss_document_get_n_blocks (an->document);
  const char *title = gloss_document_get_title (an->document);
  g_autofree char *norm_title = title != NULL ? normalize_title (title) : NULL;
  g_autoptr(GArray) headings = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint b = 0; b < n_blocks; b++)
    {
      const GlossBlock *block = gloss_document_get_block (an->document, b);

      if (block->kind == GLOSS_BLOCK_HEADING && block->end > block->start)
        {
          g_autofree char *text = g_strndup (an->text + block->byte_start,
                                             gloss_analysis_block_byte_end (an->text, block) - block->byte_start);
          g_autofree char *norm = normalize_title (text);

          /* A heading that repeats the article's title is the title, not
           * a part of the outline.
           */
          if (norm_title != NULL && norm_title[0] != '\0' && strcmp (norm, norm_title) == 0)
            continue;

          g_array_append_val (headings, b);
        }
    }

  an->intro_end = an->length;
  an->conclusion_start = an->length;
  an->conclusion_end = an->length;

  for (guint h = 0; h < headings->len; h++)
    {
      guint b = g_array_index (headings, guint, h);
      const GlossBlock *block = gloss_document_get_block (an->document, b);
      guint level = MAX (block->level, 1);
      guint last_block = n_blocks - 1;
      g_autofree char *text = NULL;
      g_autofree char *explanation = NULL;
      GlossFinding *section;

      for (guint k = h + 1; k < headings->len; k++)
        {
          guint nb = g_array_index (headings, guint, k);

          if (MAX (gloss_document_get_block (an->document, nb)->level, 1) <= level)
            {
              last_block = nb - 1;
              break;
            }
        }

      text = g_strndup (an->text + block->byte_start,
                        gloss_analysis_block_byte_end (an->text, block) - block->byte_start);
      explanation = g_strdup_printf (_("section: heading of level %u"), level);
      section = gloss_finding_new (GLOSS_FINDING_SECTION, "section",
                                   block->start,
                                   gloss_document_get_block (an->document, last_block)->end,
                                   text, 1.0, explanation);
      gloss_finding_set_level (section, level);
      g_ptr_array_add (an->sections, section);

      if (h == 0)
        an->intro_end = block->start;

      if (is_conclusion_title (text))
        {
          an->conclusion_start = gloss_finding_get_start (section);
          an->conclusion_end = gloss_finding_get_end (section);
        }
    }

  /* Without a heading that says so, the last section is the conclusion. */
  if (an->conclusion_start == an->length && an->sections->len > 1)
    {
      GlossFinding *last = g_ptr_array_index (an->sections, an->sections->len - 1);

      an->conclusion_start = gloss_finding_get_start (last);
      an->conclusion_end = gloss_finding_get_end (last);
    }
}

/* Languages. The analysis knows English; a document says which language
 * it is in when its source does, and otherwise the share of common English
 * words tells. Another language needs its word lists and model, and an
 * entry here.
 */

/* English prose has about two words in five from the stopword list;
 * French or German, with a few shared words, well under one in ten.
 */
#define MIN_STOPWORD_SHARE 0.12
/* Fewer words than this are too few to tell the language by. */
#define MIN_WORDS_FOR_LANGUAGE 20

gboolean
gloss_analysis_is_english (const Analyser *an)
{
  const char *language = gloss_document_get_language (an->document);
  guint n_tokens = an->tokens.lex->len;
  guint n_stopwords = 0;
  guint n_words = 0;

  if (language != NULL && language[0] != '\0')
    return g_ascii_strncasecmp (language, "en", 2) == 0 &&
           (language[2] == '\0' || language[2] == '-' || language[2] == '_');

  for (guint t = 0; t < n_tokens; t++)
    {
      const GlossLexToken *tok = lex_at (&an->tokens, t);

      if (info_at (&an->tokens, t)->numeric)
        continue;

      n_words++;
      if (gloss_lexicon_contains (GLOSS_LEXICON_STOPWORD, tok->folded))
        n_stopwords++;
    }

  return n_words < MIN_WORDS_FOR_LANGUAGE || n_stopwords >= MIN_STOPWORD_SHARE * n_words;
}
