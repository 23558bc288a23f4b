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
#include "gloss-export-private.h"
#include "gloss-utf8.h"
#include "gloss-vocabulary.h"

/* Exports of the notes made on an article: Markdown (here), a standalone
 * HTML page (gloss-export-html.c) and CSV (gloss-export-csv.c). All three
 * group the notes the same way (gloss_export_group_notes()): one section
 * per heading of the article, in document order, and the notes that could
 * not be placed last.
 *
 * Markdown: text from the article (quotes, headings, the title) and
 * labels are escaped completely: they are not Markdown. Notes are Markdown
 * the reader wrote, so their inline formatting (emphasis, code, links) is
 * kept, but nothing in them may start a block: a note reading
 * "# Conclusion", "1.", "---" or "```" stays a line of text instead of
 * becoming a heading, a list, a rule or a code block that would break the
 * structure of the export. Raw HTML is escaped everywhere.
 */

static void
section_free (GlossExportSection *section)
{
  g_free (section->title);
  g_ptr_array_unref (section->notes);
  g_free (section);
}

static GlossExportSection *
section_new (guint       start,
             const char *title)
{
  GlossExportSection *section = g_new0 (GlossExportSection, 1);

  section->start = start;
  section->title = g_strdup (title);
  section->notes = g_ptr_array_new ();
  return section;
}

static gboolean
is_always_escaped (char c)
{
  /* "#" closes a heading at the end of its line, not only opens one. */
  return c != '\0' && strchr ("\\`*_[]<>&|~#", c) != NULL;
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

  for (; p < end; p = g_utf8_next_char (p))
    {
      if (gloss_utf8_is_hidden_control (g_utf8_get_char (p)))
        continue;
      if (is_always_escaped (*p))
        g_string_append_c (out, '\\');
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
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
  gboolean in_code = FALSE;

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

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (gloss_utf8_is_hidden_control (g_utf8_get_char (p)))
        continue;

      /* Inside a code span "<" is code, and a backslash would show. A
       * backtick opens a span only when another one closes it.
       */
      if (*p == '`')
        in_code = in_code ? FALSE : strchr (p + 1, '`') != NULL;
      else if (*p == '<' && !in_code)
        g_string_append_c (out, '\\');

      /* A backslash that ends the line would take the line break that
       * follows it for a character to escape.
       */
      if (*p == '\\' && p[1] == '\0')
        g_string_append_c (out, '\\');

      g_string_append_len (out, p, g_utf8_next_char (p) - p);
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

const char *
gloss_export_verdict_label (GlossVerdict verdict)
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

const char *
gloss_export_role_label (GlossCreatorRole role)
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

const char *
gloss_export_document_title (GlossDocument *document)
{
  const char *title = gloss_document_get_title (document);

  return title != NULL && *title != '\0' ? title : _("Untitled article");
}

const char *
gloss_export_orphans_heading (void)
{
  return _("Notes that could not be placed");
}

const char *
gloss_export_orphans_explanation (void)
{
  return _("The article changed and these quotes were not found in it any more.");
}

const char *
gloss_export_needs_review_label (void)
{
  return _("the article changed here: check the quote");
}

/* The day the note was made, in the reader's time zone. */
char *
gloss_export_dup_note_date (GlossAnnotation *annotation)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (gloss_annotation_get_created (annotation));

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
append_note (GString         *out,
             GlossAnnotation *annotation)
{
  const char * const *tags = gloss_annotation_get_tags (annotation);
  const char *source = gloss_annotation_get_source (annotation);
  const char *source_type = gloss_annotation_get_source_type (annotation);
  const char *verdict = gloss_export_verdict_label (gloss_annotation_get_verdict (annotation));
  const char *creator = gloss_annotation_get_creator_name (annotation);
  g_autofree char *date = gloss_export_dup_note_date (annotation);

  append_quote (out, gloss_annotation_get_exact (annotation));

  g_string_append_printf (out, "**%s**", gloss_annotation_kind_to_label (gloss_annotation_get_kind (annotation)));
  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_string_append (out, i == 0 ? " · " : ", ");
      g_string_append_c (out, '*');
      append_escaped_line (out, gloss_annotation_get_tag_label (annotation, tags[i]), -1);
      g_string_append_c (out, '*');
    }
  if (gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_NEEDS_REVIEW)
    {
      g_string_append (out, " · ");
      g_string_append (out, gloss_export_needs_review_label ());
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
      g_string_append_printf (out, " (%s), ", gloss_export_role_label (gloss_annotation_get_creator_role (annotation)));
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

void
gloss_export_grouping_free (GlossExportGrouping *grouping)
{
  g_ptr_array_unref (grouping->sections);
  g_ptr_array_unref (grouping->orphans);
  g_ptr_array_unref (grouping->placed);
  g_free (grouping);
}

/* Sections come from the article's headings. Notes before the first
 * heading belong to the untitled first section, which the exports call
 * "Introduction", or show straight under the title when the article has
 * no headings at all (see gloss_export_section_heading()).
 */
GlossExportGrouping *
gloss_export_group_notes (GlossDocument *document,
                          GListModel    *annotations)
{
  GlossExportGrouping *grouping = g_new0 (GlossExportGrouping, 1);
  guint n_items;
  guint current;

  grouping->sections = g_ptr_array_new_with_free_func ((GDestroyNotify)section_free);
  grouping->orphans = g_ptr_array_new_with_free_func (g_object_unref);
  grouping->placed = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (grouping->sections, section_new (0, NULL));
  for (guint i = 0; i < gloss_document_get_n_blocks (document); i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);
      g_autofree char *heading = NULL;

      if (block->kind != GLOSS_BLOCK_HEADING)
        continue;

      heading = gloss_document_dup_slice (document, block->start, block->end);
      g_ptr_array_add (grouping->sections, section_new (block->start, heading));
      grouping->n_headings++;
    }

  n_items = g_list_model_get_n_items (annotations);
  for (guint i = 0; i < n_items; i++)
    {
      GlossAnnotation *annotation = g_list_model_get_item (annotations, i);

      if (gloss_annotation_get_anchor_state (annotation) == GLOSS_ANCHOR_ORPHAN)
        g_ptr_array_add (grouping->orphans, annotation);
      else
        g_ptr_array_add (grouping->placed, annotation);
    }
  g_ptr_array_sort (grouping->placed, compare_notes);
  g_ptr_array_sort (grouping->orphans, compare_notes);

  /* Both lists are in document order: one pass assigns the sections. */
  current = 0;
  for (guint i = 0; i < grouping->placed->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (grouping->placed, i);
      guint start = gloss_annotation_get_start (annotation);
      GlossExportSection *section;

      while (current + 1 < grouping->sections->len &&
             ((GlossExportSection *)g_ptr_array_index (grouping->sections, current + 1))->start <= start)
        current++;

      section = g_ptr_array_index (grouping->sections, current);
      g_ptr_array_add (section->notes, annotation);
    }

  return grouping;
}

guint
gloss_export_grouping_get_n_notes (GlossExportGrouping *grouping)
{
  return grouping->placed->len + grouping->orphans->len;
}

/* The heading a section is shown under, or NULL for notes that sit right
 * under the title because the article has no headings.
 */
const char *
gloss_export_section_heading (GlossExportGrouping *grouping,
                              GlossExportSection  *section)
{
  if (section->title != NULL)
    return section->title;
  if (grouping->n_headings > 0)
    return _("Introduction");
  return NULL;
}

char *
gloss_export_markdown (GlossDocument *document,
                       GListModel    *annotations)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GlossExportGrouping) grouping = NULL;
  const char *byline;
  const char *url;

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (annotations), NULL);

  out = g_string_new (NULL);
  byline = gloss_document_get_byline (document);
  url = gloss_document_get_url (document);

  g_string_append (out, "# ");
  append_escaped_line (out, gloss_export_document_title (document), -1);
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

  grouping = gloss_export_group_notes (document, annotations);

  if (gloss_export_grouping_get_n_notes (grouping) == 0)
    {
      g_string_append (out, _("No notes yet."));
      g_string_append (out, "\n");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  for (guint i = 0; i < grouping->sections->len; i++)
    {
      GlossExportSection *section = g_ptr_array_index (grouping->sections, i);
      const char *heading = gloss_export_section_heading (grouping, section);

      if (section->notes->len == 0)
        continue;

      if (heading != NULL)
        {
          g_string_append (out, "## ");
          append_escaped_line (out, heading, -1);
          g_string_append (out, "\n\n");
        }

      for (guint j = 0; j < section->notes->len; j++)
        append_note (out, g_ptr_array_index (section->notes, j));
    }

  if (grouping->orphans->len > 0)
    {
      g_string_append (out, "## ");
      g_string_append (out, gloss_export_orphans_heading ());
      g_string_append (out, "\n\n");
      g_string_append (out, gloss_export_orphans_explanation ());
      g_string_append (out, "\n\n");

      for (guint i = 0; i < grouping->orphans->len; i++)
        append_note (out, g_ptr_array_index (grouping->orphans, i));
    }

  /* One newline at the end, not two. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
gloss_export_web_annotation (GlossAnnotationStore *store)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (GLOSS_IS_ANNOTATION_STORE (store), NULL);

  root = gloss_annotation_store_to_json (store);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);

  return g_strconcat (json, "\n", NULL);
}
