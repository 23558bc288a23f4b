/* gloss-export.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotation.h"
#include "gloss-export.h"
#include "gloss-vocabulary.h"

/* Markdown export.
 *
 * Text from the article (quotes, headings, the title) and labels are
 * escaped completely: they are not Markdown. Notes are Markdown the reader
 * wrote, so their inline formatting (emphasis, code, links) is kept, but
 * nothing in them may start a block: a note reading "# Conclusion", "1.",
 * "---" or "```" stays a line of text instead of becoming a heading, a
 * list, a rule or a code block that would break the structure of the
 * export. Raw HTML is escaped everywhere.
 */

typedef struct {
  guint  start;
  char  *title;
  /* GlossAnnotation, in document order. */
  GPtrArray *notes;
} Section;

static void
section_free (Section *section)
{
  g_free (section->title);
  g_ptr_array_unref (section->notes);
  g_free (section);
}

static Section *
section_new (guint       start,
             const char *title)
{
  Section *section = g_new0 (Section, 1);

  section->start = start;
  section->title = g_strdup (title);
  section->notes = g_ptr_array_new ();
  return section;
}

static gboolean
is_always_escaped (char c)
{
  return c != '\0' && strchr ("\\`*_[]<>&|~", c) != NULL;
}

/* Escapes one line of user or article text for use inside a paragraph,
 * a block quote or a heading.
 */
static void
append_escaped_line (GString    *out,
                     const char *line,
                     gssize      length)
{
  g_autofree char *copy = NULL;
  const char *p;
  const char *end;

  if (length < 0)
    length = strlen (line);

  copy = g_strndup (line, length);

  /* Fields that are one line in Gloss (a creator, a source, a tag) may
   * hold line breaks when another tool or a person wrote the sidecar: a
   * break would end the line and let the rest start a heading or a list.
   */
  for (char *c = copy; *c != '\0'; c++)
    {
      if (*c == '\n' || *c == '\r')
        *c = ' ';
    }
  g_strstrip (copy);
  p = copy;
  end = copy + strlen (copy);

  /* What would start a block at the beginning of a line: headings, quotes,
   * list items, thematic breaks and setext underlines.
   */
  if (*p == '#' || *p == '>' || *p == '-' || *p == '+' || *p == '=')
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      p++;
    }
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          p = q + 1;
        }
    }

  for (; p < end; p++)
    {
      if (*p == '\r')
        continue;
      if (is_always_escaped (*p))
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* One line of a note: inline Markdown stays, block markers at the start
 * of the line and HTML do not.
 */
static void
append_note_line (GString    *out,
                  const char *line)
{
  const char *p = line;

  if (*p != '\0' && strchr ("#>-+*=_`~|[", *p) != NULL)
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
      p++;
    }
  else if (g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (g_ascii_isdigit (*q))
        q++;
      if (*q == '.' || *q == ')')
        {
          g_string_append_len (out, p, q - p);
          g_string_append_c (out, '\\');
          g_string_append_c (out, *q);
          p = q + 1;
        }
    }

  for (; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '<')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* A note, which may span several lines: paragraphs stay paragraphs,
 * single line breaks stay line breaks.
 */
static void
append_note_text (GString    *out,
                  const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean in_paragraph = FALSE;
  gboolean blank_pending = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (lines[i]));

      if (*stripped == '\0')
        {
          blank_pending = in_paragraph;
          continue;
        }

      if (blank_pending)
        {
          g_string_append (out, "\n\n");
          blank_pending = FALSE;
        }
      else if (in_paragraph)
        {
          /* A backslash at the end of a line is a hard line break. */
          g_string_append (out, "\\\n");
        }

      append_note_line (out, stripped);
      in_paragraph = TRUE;
    }

  if (in_paragraph)
    g_string_append (out, "\n\n");
}

/* Each line of the quote is its own line of the block quote, so that a
 * quote that spans paragraphs stays inside the quote.
 */
static void
append_quote (GString    *out,
              const char *quote)
{
  g_auto(GStrv) lines = g_strsplit (quote, "\n", -1);
  guint first = 0;
  guint last;

  last = g_strv_length (lines);
  while (first < last && g_strstrip (lines[first])[0] == '\0')
    first++;
  while (last > first && g_strstrip (lines[last - 1])[0] == '\0')
    last--;

  if (first == last)
    return;

  for (guint i = first; i < last; i++)
    {
      if (*lines[i] == '\0')
        {
          g_string_append (out, ">\n");
          continue;
        }

      g_string_append (out, "> ");
      append_escaped_line (out, lines[i], -1);
      g_string_append_c (out, '\n');
    }

  g_string_append_c (out, '\n');
}

static gboolean
is_plain_url (const char *source)
{
  g_autofree char *scheme = NULL;

  if (source == NULL || strpbrk (source, " \t\n\r<>\"\\`") != NULL)
    return FALSE;
  if (!g_uri_is_valid (source, G_URI_FLAGS_NONE, NULL))
    return FALSE;

  scheme = g_uri_parse_scheme (source);
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

static const char *
verdict_label (GlossVerdict verdict)
{
  switch (verdict)
    {
    case GLOSS_VERDICT_SUPPORTS:
      return _("supports the text");
    case GLOSS_VERDICT_CONTRADICTS:
      return _("contradicts the text");
    case GLOSS_VERDICT_INSUFFICIENT:
      return _("not enough to decide");
    case GLOSS_VERDICT_NONE:
    default:
      return NULL;
    }
}

static const char *
role_label (GlossCreatorRole role)
{
  switch (role)
    {
    case GLOSS_ROLE_TEACHER:
      return _("teacher");
    case GLOSS_ROLE_STUDENT:
    default:
      return _("student");
    }
}

/* The tag's label from the vocabulary that fits the note best, or its id
 * when no shipped or installed vocabulary knows it.
 */
static const char *
tag_label (GlossAnnotation *annotation,
           const char      *tag)
{
  const char *order[2] = { "evidence", "bias" };

  if (gloss_annotation_get_kind (annotation) == GLOSS_ANNOTATION_BIAS)
    {
      order[0] = "bias";
      order[1] = "evidence";
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GlossVocabulary *vocabulary = gloss_vocabulary_get_default (order[i]);
      const GlossTag *entry;

      if (vocabulary == NULL)
        continue;

      entry = gloss_vocabulary_lookup (vocabulary, tag);
      if (entry != NULL && entry->label != NULL && *entry->label != '\0')
        return entry->label;
    }

  return tag;
}

static void
append_note (GString         *out,
             GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *source = gloss_annotation_get_source (annotation);
  const char *source_type = gloss_annotation_get_source_type (annotation);
  const char *verdict = verdict_label (gloss_annotation_get_verdict (annotation));
  const char *creator = gloss_annotation_get_creator_name (annotation);
  g_autoptr(GDateTime) local = g_date_time_to_local (gloss_annotation_get_created (annotation));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");

  append_quote (out, gloss_annotation_get_exact (annotation));

  g_string_append_printf (out, "**%s**", gloss_annotation_kind_to_label (gloss_annotation_get_kind (annotation)));
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_string_append (out, i == 0 ? " · " : ", ");
      g_string_append_c (out, '*');
      append_escaped_line (out, tag_label (annotation, tags[i]), -1);
      g_string_append_c (out, '*');
    }
  if (gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_NEEDS_REVIEW)
    {
      g_string_append (out, " · ");
      g_string_append (out, _("the article changed here: check the quote"));
    }
  g_string_append (out, "\n\n");

  append_note_text (out, gloss_annotation_get_note (annotation));

  if (source != NULL || verdict != NULL)
    {
      if (source != NULL)
        {
          g_string_append (out, _("Source:"));
          g_string_append_c (out, ' ');
          if (is_plain_url (source))
            g_string_append_printf (out, "<%s>", source);
          else
            append_escaped_line (out, source, -1);

          if (source_type != NULL)
            {
              g_string_append (out, " (");
              append_escaped_line (out, source_type, -1);
              g_string_append_c (out, ')');
            }
        }

      if (verdict != NULL)
        {
          if (source != NULL)
            g_string_append (out, " · ");
          g_string_append (out, _("Verdict:"));
          g_string_append_c (out, ' ');
          g_string_append (out, verdict);
        }

      g_string_append (out, "\n\n");
    }

  g_string_append (out, "— *");
  if (creator != NULL)
    {
      append_escaped_line (out, creator, -1);
      g_string_append_printf (out, " (%s), ", role_label (gloss_annotation_get_creator_role (annotation)));
    }
  g_string_append (out, date);
  g_string_append (out, "*\n\n");
}

static int
compare_notes (gconstpointer a,
               gconstpointer b)
{
  GlossAnnotation *x = *(GlossAnnotation **)a;
  GlossAnnotation *y = *(GlossAnnotation **)b;
  guint x_start = gloss_annotation_get_start (x);
  guint y_start = gloss_annotation_get_start (y);
  int cmp;

  if (x_start != y_start)
    return x_start < y_start ? -1 : 1;

  cmp = g_date_time_compare (gloss_annotation_get_created (x), gloss_annotation_get_created (y));
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (gloss_annotation_get_id (x), gloss_annotation_get_id (y));
}

char *
gloss_export_markdown (GlossDocument *document,
                       GListModel    *annotations)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GPtrArray) placed = NULL;
  g_autoptr(GPtrArray) orphans = NULL;
  const char *title;
  const char *byline;
  const char *url;
  guint n_items;
  guint n_headings = 0;
  guint current;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (annotations), NULL);

  out = g_string_new (NULL);
  title = gloss_document_get_title (document);
  byline = gloss_document_get_byline (document);
  url = gloss_document_get_url (document);

  g_string_append (out, "# ");
  append_escaped_line (out, title != NULL && *title != '\0' ? title : _("Untitled article"), -1);
  g_string_append (out, "\n\n");

  if (byline != NULL || url != NULL)
    {
      if (byline != NULL)
        append_escaped_line (out, byline, -1);
      if (byline != NULL && url != NULL)
        g_string_append (out, " · ");
      if (url != NULL && is_plain_url (url))
        g_string_append_printf (out, "<%s>", url);
      else if (url != NULL)
        append_escaped_line (out, url, -1);
      g_string_append (out, "\n\n");
    }

  /* Sections come from the article's headings. Notes before the first
   * heading go under "Introduction", or straight under the title when the
   * article has no headings at all.
   */
  sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);
  g_ptr_array_add (sections, section_new (0, NULL));
  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);
      g_autofree char *heading = NULL;

      if (block->kind != GLOSS_BLOCK_HEADING)
        continue;

      heading = gloss_document_dup_slice (document, block->start, block->end);
      g_ptr_array_add (sections, section_new (block->start, heading));
      n_headings++;
    }

  placed = g_ptr_array_new_with_free_func (g_object_unref);
  orphans = g_ptr_array_new_with_free_func (g_object_unref);
  n_items = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n_items; i++)
    {
      GlossAnnotation *annotation = g_list_model_get_item (annotations, i);

      if (gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_ORPHAN)
        g_ptr_array_add (orphans, annotation);
      else
        g_ptr_array_add (placed, annotation);
    }
  g_ptr_array_sort (placed, compare_notes);
  g_ptr_array_sort (orphans, compare_notes);

  /* Both lists are in document order: one pass assigns the sections. */
  current = 0;
  for (guint i = 0; i < placed->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (placed, i);
      guint start = gloss_annotation_get_start (annotation);
      Section *section;

      while (current + 1 < sections->len &&
             ((Section *)g_ptr_array_index (sections, current + 1))->start <= start)
        current++;

      section = g_ptr_array_index (sections, current);
      g_ptr_array_add (section->notes, annotation);
    }

  if (placed->len == 0 && orphans->len == 0)
    {
      g_string_append (out, _("No notes yet."));
      g_string_append (out, "\n");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);

      if (section->notes->len == 0)
        continue;

      if (section->title != NULL)
        {
          g_string_append (out, "## ");
          append_escaped_line (out, section->title, -1);
          g_string_append (out, "\n\n");
        }
      else if (n_headings > 0)
        {
          g_string_append (out, "## ");
          g_string_append (out, _("Introduction"));
          g_string_append (out, "\n\n");
        }

      for (guint j = 0; j < section->notes->len; j++)
        append_note (out, g_ptr_array_index (section->notes, j));
    }

  if (orphans->len > 0)
    {
      g_string_append (out, "## ");
      g_string_append (out, _("Notes that could not be placed"));
      g_string_append (out, "\n\n");
      g_string_append (out, _("The article changed and these quotes were not found in it any more."));
      g_string_append (out, "\n\n");

      for (guint i = 0; i < orphans->len; i++)
        append_note (out, g_ptr_array_index (orphans, i));
    }

  /* One newline at the end, not two. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
