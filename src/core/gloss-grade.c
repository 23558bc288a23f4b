/* gloss-grade.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gloss-annotation-store.h"
#include "gloss-csv.h"
#include "gloss-grade.h"
#include "gloss-utf8.h"

/* How a student's note is matched with a note of the key
 *
 * Two notes are about the same passage when:
 *
 *  - both were made on the same text (the same "gloss:textHash" in their
 *    targets) and both have a position: their ranges overlap by at least
 *    half of the shorter range. Positions are exact on the same text, and
 *    a quote that happens to appear twice in the article is then never
 *    confused with its other occurrence;
 *
 *  - otherwise (a student worked on a revised copy of the article, or a
 *    file without positions): by their quotes. The quotes, with runs of
 *    white space made single spaces, overlap when one contains the other,
 *    or when they share a run of characters at least half as long as the
 *    shorter quote. Selecting a few words more or less than the teacher
 *    still counts; two different sentences do not.
 *
 * Either way the two selections must be of comparable length (see
 * comparable_lengths()): a whole paragraph selected is not the phrase
 * inside it that the key marks.
 *
 * Every pair of a key note and a student note that is about the same
 * passage is a candidate. The candidates are taken best first, and a pair is
 * kept when neither of its notes is taken yet, so that each key note matches
 * at most one note of the student and each student note at most one key
 * note. "Best" is, in this order: the same kind (a student who marked a
 * passage twice, as bias and as a claim, is matched on the kind the key
 * has), the larger overlap, the closer context (the quotes' prefixes and
 * suffixes, which tell two occurrences of the same words apart), then the
 * order of the key and of the student's file. The result never depends on
 * anything but the two files.
 *
 * A matched pair of the same kind is "found". Its tags agree when the
 * student gave at least one of the key's tags, or when the key's note has
 * no tags; its verdict agrees when the key's evidence note has a verdict and
 * the student gave the same one. A student's note that matches no key note
 * is an extra note. The score is the share of the key's notes found, as a
 * rounded percentage.
 */

/* Notes files */

GPtrArray *
gloss_grade_load_notes (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  /* The same checks as `gloss-cli validate`, so that a teacher can run it
   * to see what is wrong with a file that cannot be graded.
   */
  return gloss_sidecar_read_annotations (bytes, error);
}

/* Passages */

/* What matching needs of a note, computed once. */
typedef struct {
  GlossAnnotation *note;
  guint            index;
  gunichar        *quote;
  glong            quote_len;
  gunichar        *prefix;
  glong            prefix_len;
  gunichar        *suffix;
  glong            suffix_len;
} Passage;

static void
passage_free (Passage *passage)
{
  g_clear_object (&passage->note);
  g_free (passage->quote);
  g_free (passage->prefix);
  g_free (passage->suffix);
  g_free (passage);
}

/* @str in NFC as code points, each run of white space one space, trimmed. */
static gunichar *
normalize_text (const char *str,
                glong      *len)
{
  g_autofree char *nfc = NULL;
  g_autoptr(GString) collapsed = NULL;
  gboolean space = FALSE;

  *len = 0;
  if (str == NULL || *str == '\0')
    return NULL;

  nfc = g_utf8_normalize (str, -1, G_NORMALIZE_NFC);
  if (nfc == NULL)
    return NULL;

  collapsed = g_string_new (NULL);
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }

  if (collapsed->len == 0)
    return NULL;
  return g_utf8_to_ucs4_fast (collapsed->str, collapsed->len, len);
}

static Passage *
passage_new (GlossAnnotation *note,
             guint            index)
{
  Passage *passage = g_new0 (Passage, 1);

  passage->note = g_object_ref (note);
  passage->index = index;
  passage->quote = normalize_text (gloss_annotation_get_exact (note), &passage->quote_len);
  passage->prefix = normalize_text (gloss_annotation_get_prefix (note), &passage->prefix_len);
  passage->suffix = normalize_text (gloss_annotation_get_suffix (note), &passage->suffix_len);
  return passage;
}

static gboolean
has_range (GlossAnnotation *note)
{
  return gloss_annotation_get_end (note) > gloss_annotation_get_start (note);
}

static gboolean
passage_is_gradable (Passage *passage)
{
  return passage->quote_len > 0 ||
         (gloss_annotation_get_text_hash (passage->note) != NULL && has_range (passage->note));
}

/* The longest run of code points that @a and @b share. */
static glong
longest_common_run (const gunichar *a,
                    glong           a_len,
                    const gunichar *b,
                    glong           b_len)
{
  g_autofree glong *row = g_new0 (glong, b_len + 1);
  glong best = 0;

  /* The usual dynamic programme, one row at a time: row[j + 1] is the
   * length of the common run that ends at a[i] and b[j]. Walking j
   * downwards lets the row be updated in place.
   */
  for (glong i = 0; i < a_len; i++)
    {
      for (glong j = b_len - 1; j >= 0; j--)
        {
          if (a[i] == b[j])
            {
              row[j + 1] = row[j] + 1;
              best = MAX (best, row[j + 1]);
            }
          else
            {
              row[j + 1] = 0;
            }
        }
    }

  return best;
}

/* A selection this much longer than the other is about something else:
 * a student who selects a whole paragraph, or the whole article, has not
 * found the phrase the key marks inside it. A sentence around a phrase is
 * still the same passage.
 */
#define MAX_LENGTH_RATIO 3
#define MAX_LENGTH_EXCESS 200

static gboolean
comparable_lengths (glong a,
                    glong b)
{
  glong shorter = MIN (a, b);
  glong longer = MAX (a, b);

  return longer <= shorter * MAX_LENGTH_RATIO || longer - shorter <= MAX_LENGTH_EXCESS;
}

/* How much two passages overlap, as a share of the shorter one (0 to 1). */
static double
passage_overlap (Passage *key,
                 Passage *student)
{
  const char *key_hash = gloss_annotation_get_text_hash (key->note);
  const char *student_hash = gloss_annotation_get_text_hash (student->note);
  glong shorter;

  if (key_hash != NULL && g_strcmp0 (key_hash, student_hash) == 0 &&
      has_range (key->note) && has_range (student->note))
    {
      guint key_start = gloss_annotation_get_start (key->note);
      guint key_end = gloss_annotation_get_end (key->note);
      guint student_start = gloss_annotation_get_start (student->note);
      guint student_end = gloss_annotation_get_end (student->note);
      guint start = MAX (key_start, student_start);
      guint end = MIN (key_end, student_end);

      if (end <= start || !comparable_lengths (key_end - key_start, student_end - student_start))
        return 0.0;
      return (double) (end - start) / MIN (key_end - key_start, student_end - student_start);
    }

  if (key->quote_len == 0 || student->quote_len == 0 ||
      !comparable_lengths (key->quote_len, student->quote_len))
    return 0.0;

  shorter = MIN (key->quote_len, student->quote_len);
  return (double) longest_common_run (key->quote, key->quote_len,
                                      student->quote, student->quote_len) / shorter;
}

/* How alike the context around two quotes is (0 to 1): the characters
 * that their prefixes share at their ends and their suffixes at their
 * starts.
 */
static double
context_similarity (Passage *key,
                    Passage *student)
{
  glong n_prefix = 0;
  glong n_suffix = 0;
  glong total = MAX (key->prefix_len, student->prefix_len) + MAX (key->suffix_len, student->suffix_len);

  if (total == 0)
    return 0.0;

  while (n_prefix < key->prefix_len && n_prefix < student->prefix_len &&
         key->prefix[key->prefix_len - 1 - n_prefix] == student->prefix[student->prefix_len - 1 - n_prefix])
    n_prefix++;
  while (n_suffix < key->suffix_len && n_suffix < student->suffix_len &&
         key->suffix[n_suffix] == student->suffix[n_suffix])
    n_suffix++;

  return (double) (n_prefix + n_suffix) / total;
}

typedef struct {
  guint    key;
  guint    student;
  gboolean same_kind;
  double   overlap;
  double   context;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->same_kind != y->same_kind)
    return x->same_kind ? -1 : 1;
  if (x->overlap != y->overlap)
    return x->overlap > y->overlap ? -1 : 1;
  if (x->context != y->context)
    return x->context > y->context ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  if (x->student != y->student)
    return x->student < y->student ? -1 : 1;
  return 0;
}

/* Grading */

static void
key_note_free (GlossGradeKeyNote *key_note)
{
  g_clear_object (&key_note->note);
  g_free (key_note);
}

/* The list of matches holds NULL where a key note has no match. */
static void
unref_match (gpointer match)
{
  if (match != NULL)
    g_object_unref (match);
}

static void
student_free (GlossGradeStudent *student)
{
  g_free (student->file);
  g_free (student->name);
  g_clear_error (&student->error);
  g_clear_pointer (&student->matches, g_ptr_array_unref);
  g_free (student);
}

/* The creator name that most notes carry; the first one seen wins a tie.
 * Names are written by anyone: they are made fit for one line of a report.
 */
static char *
dup_most_common_creator (GPtrArray *notes)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      const char *name = gloss_annotation_get_creator_name (g_ptr_array_index (notes, i));
      guint count;

      if (name == NULL || *name == '\0')
        continue;

      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1;
      g_hash_table_insert (counts, (gpointer) name, GUINT_TO_POINTER (count));
      if (count > best_count)
        {
          best = name;
          best_count = count;
        }
    }

  return best != NULL ? gloss_utf8_dup_line (best) : NULL;
}

static char *
dup_name_from_file (const char *file)
{
  g_autofree char *basename = g_path_get_basename (file);

  if (g_str_has_suffix (basename, GLOSS_SIDECAR_SUFFIX) &&
      strlen (basename) > strlen (GLOSS_SIDECAR_SUFFIX))
    basename[strlen (basename) - strlen (GLOSS_SIDECAR_SUFFIX)] = '\0';
  return gloss_utf8_dup_line (basename);
}

static int
compare_key_passages (gconstpointer a,
                      gconstpointer b)
{
  const Passage *x = *(Passage * const *) a;
  const Passage *y = *(Passage * const *) b;
  guint x_start = gloss_annotation_get_start (x->note);
  guint y_start = gloss_annotation_get_start (y->note);
  guint x_end = gloss_annotation_get_end (x->note);
  guint y_end = gloss_annotation_get_end (y->note);

  /* A note known only by its quote has no place in the article: last. */
  if (has_range (x->note) != has_range (y->note))
    return has_range (x->note) ? -1 : 1;
  if (x_start != y_start)
    return x_start < y_start ? -1 : 1;
  if (x_end != y_end)
    return x_end < y_end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

GlossGrade *
gloss_grade_new (const char  *key_file,
                 GPtrArray   *key_notes,
                 GError     **error)
{
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GPtrArray) passages = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (key_notes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  passages = g_ptr_array_new_with_free_func ((GDestroyNotify) passage_free);
  for (guint i = 0; i < key_notes->len; i++)
    {
      Passage *passage = passage_new (g_ptr_array_index (key_notes, i), i);

      if (passage_is_gradable (passage))
        g_ptr_array_add (passages, passage);
      else
        passage_free (passage);
    }

  if (passages->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The key has no notes on passages of the article to grade against"));
      return NULL;
    }

  g_ptr_array_sort (passages, compare_key_passages);

  grade = g_new0 (GlossGrade, 1);
  grade->key_file = g_strdup (key_file);
  grade->key_author = dup_most_common_creator (key_notes);
  grade->key_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) key_note_free);
  grade->students = g_ptr_array_new_with_free_func ((GDestroyNotify) student_free);
  for (guint i = 0; i < passages->len; i++)
    {
      GlossGradeKeyNote *key_note = g_new0 (GlossGradeKeyNote, 1);
      Passage *passage = g_ptr_array_index (passages, i);

      key_note->note = g_object_ref (passage->note);
      g_ptr_array_add (grade->key_notes, key_note);
    }

  return g_steal_pointer (&grade);
}

GlossGrade *
gloss_grade_new_for_key_file (GFile         *file,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  notes = gloss_grade_load_notes (file, cancellable, error);
  if (notes == NULL)
    return NULL;

  name = g_file_get_parse_name (file);
  return gloss_grade_new (name, notes, error);
}

void
gloss_grade_free (GlossGrade *grade)
{
  if (grade == NULL)
    return;

  g_free (grade->key_file);
  g_free (grade->key_author);
  g_clear_pointer (&grade->key_notes, g_ptr_array_unref);
  g_clear_pointer (&grade->students, g_ptr_array_unref);
  g_free (grade);
}

static gboolean
tags_agree (GlossAnnotation *key,
            GlossAnnotation *student)
{
  const char * const *tags = gloss_annotation_get_tags (key);

  if (tags == NULL || tags[0] == NULL)
    return TRUE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (gloss_annotation_has_tag (student, tags[i]))
        return TRUE;
    }

  return FALSE;
}

static gboolean
key_has_verdict (GlossAnnotation *key)
{
  return gloss_annotation_get_kind (key) == GLOSS_ANNOTATION_EVIDENCE &&
         gloss_annotation_get_verdict (key) != GLOSS_VERDICT_NONE;
}

static void
grade_student (GlossGrade        *grade,
               GlossGradeStudent *student,
               GPtrArray         *notes)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func ((GDestroyNotify) passage_free);
  g_autoptr(GPtrArray) theirs = g_ptr_array_new_with_free_func ((GDestroyNotify) passage_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *taken = NULL;
  guint n_matched = 0;

  for (guint i = 0; i < grade->key_notes->len; i++)
    {
      GlossGradeKeyNote *key_note = g_ptr_array_index (grade->key_notes, i);

      g_ptr_array_add (keys, passage_new (key_note->note, i));
    }
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (theirs, passage_new (g_ptr_array_index (notes, i), i));

  for (guint k = 0; k < keys->len; k++)
    {
      for (guint s = 0; s < theirs->len; s++)
        {
          Passage *key = g_ptr_array_index (keys, k);
          Passage *mine = g_ptr_array_index (theirs, s);
          Candidate candidate = { k, s, FALSE, 0.0, 0.0 };

          candidate.overlap = passage_overlap (key, mine);
          if (candidate.overlap < 0.5)
            continue;

          candidate.same_kind = gloss_annotation_get_kind (key->note) == gloss_annotation_get_kind (mine->note);
          candidate.context = context_similarity (key, mine);
          g_array_append_val (candidates, candidate);
        }
    }

  g_array_sort (candidates, compare_candidates);

  taken = g_new0 (gboolean, MAX (theirs->len, 1));
  g_ptr_array_set_size (student->matches, keys->len);
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (g_ptr_array_index (student->matches, candidate->key) != NULL || taken[candidate->student])
        continue;

      taken[candidate->student] = TRUE;
      g_ptr_array_index (student->matches, candidate->key) = g_object_ref (g_ptr_array_index (notes, candidate->student));
      n_matched++;
    }

  student->n_notes = notes->len;
  student->n_extra = notes->len - n_matched;

  for (guint k = 0; k < keys->len; k++)
    {
      GlossGradeKeyNote *key_note = g_ptr_array_index (grade->key_notes, k);
      GlossAnnotation *match = g_ptr_array_index (student->matches, k);

      if (match == NULL || gloss_annotation_get_kind (match) != gloss_annotation_get_kind (key_note->note))
        continue;

      student->n_found++;
      key_note->n_found++;

      if (tags_agree (key_note->note, match))
        {
          student->n_tags_agreed++;
          key_note->n_tags_agreed++;
        }

      if (key_has_verdict (key_note->note))
        {
          student->n_verdicts++;
          if (gloss_annotation_get_verdict (match) == gloss_annotation_get_verdict (key_note->note))
            {
              student->n_verdicts_agreed++;
              key_note->n_verdicts_agreed++;
            }
        }
    }

  student->score = (student->n_found * 100 + keys->len / 2) / keys->len;
}

const GlossGradeStudent *
gloss_grade_add_student (GlossGrade   *grade,
                         const char   *file,
                         GPtrArray    *notes,
                         const GError *error)
{
  GlossGradeStudent *student;

  g_return_val_if_fail (grade != NULL, NULL);
  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail ((notes == NULL) != (error == NULL), NULL);

  student = g_new0 (GlossGradeStudent, 1);
  student->file = g_strdup (file);
  student->matches = g_ptr_array_new_with_free_func (unref_match);
  student->name = dup_most_common_creator (notes);
  if (student->name == NULL)
    student->name = dup_name_from_file (file);

  if (error != NULL)
    {
      /* The parser's message may quote the file's bytes, broken or
       * hostile; the report is lines of text.
       */
      g_autofree char *message = gloss_utf8_dup_line (error->message);

      student->error = g_error_new_literal (error->domain, error->code, message);
      g_ptr_array_set_size (student->matches, grade->key_notes->len);
      grade->n_unreadable++;
    }
  else
    {
      grade_student (grade, student, notes);
    }

  g_ptr_array_add (grade->students, student);
  return student;
}

const GlossGradeStudent *
gloss_grade_add_student_file (GlossGrade   *grade,
                              GFile        *file,
                              GCancellable *cancellable)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (grade != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  notes = gloss_grade_load_notes (file, cancellable, &error);
  return gloss_grade_add_student (grade, name, notes, error);
}

/* Reports */

/* A quote short enough for one line of a report. */
static char *
dup_short_quote (GlossAnnotation *note)
{
  const char *exact = gloss_annotation_get_exact (note);
  g_autofree gunichar *chars = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *text = NULL;
  glong len = 0;

  chars = normalize_text (exact, &len);
  if (chars == NULL)
    return g_strdup_printf (_("characters %u–%u"),
                            gloss_annotation_get_start (note),
                            gloss_annotation_get_end (note));

  raw = g_ucs4_to_utf8 (chars, MIN (len, 60), NULL, NULL, NULL);
  text = gloss_utf8_dup_line (raw);
  if (len > 60)
    /* Translators: a quote from the article, cut short. */
    return g_strdup_printf (_("“%s…”"), text);
  /* Translators: a quote from the article. */
  return g_strdup_printf (_("“%s”"), text);
}

static void
append_key_note (GString         *out,
                 GlossAnnotation *note)
{
  const char * const *tags = gloss_annotation_get_tags (note);
  g_autofree char *quote = dup_short_quote (note);

  g_string_append_printf (out, "%s %s",
                          gloss_annotation_kind_to_label (gloss_annotation_get_kind (note)),
                          quote);
  if (tags != NULL && tags[0] != NULL)
    {
      g_string_append (out, " [");
      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *label = gloss_utf8_dup_line (gloss_annotation_get_tag_label (note, tags[i]));

          if (i > 0)
            g_string_append (out, ", ");
          g_string_append (out, label);
        }
      g_string_append_c (out, ']');
    }
}

char *
gloss_grade_to_text (GlossGrade *grade)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n_keys;
  guint n_readable;

  g_return_val_if_fail (grade != NULL, NULL);

  n_keys = grade->key_notes->len;
  n_readable = grade->students->len - grade->n_unreadable;

  if (grade->key_author != NULL)
    /* Translators: the key's file, its number of notes and their author. */
    g_string_append_printf (out, ngettext ("Key: %s, %u note by %s\n", "Key: %s, %u notes by %s\n", n_keys),
                            grade->key_file, n_keys, grade->key_author);
  else
    g_string_append_printf (out, ngettext ("Key: %s, %u note\n", "Key: %s, %u notes\n", n_keys),
                            grade->key_file, n_keys);

  for (guint i = 0; i < grade->students->len; i++)
    {
      GlossGradeStudent *student = g_ptr_array_index (grade->students, i);
      gboolean first_missed = TRUE;

      g_string_append_printf (out, "\n%s (%s)\n", student->name, student->file);
      if (student->error != NULL)
        {
          g_string_append_printf (out, _("  Unreadable: %s\n"), student->error->message);
          continue;
        }

      g_string_append_printf (out, _("  Key notes found: %u of %u (score %u%%)\n"),
                              student->n_found, n_keys, student->score);
      g_string_append_printf (out, _("  Tags agreed: %u of %u\n"),
                              student->n_tags_agreed, student->n_found);
      if (student->n_verdicts > 0)
        g_string_append_printf (out, _("  Verdicts agreed: %u of %u\n"),
                                student->n_verdicts_agreed, student->n_verdicts);
      g_string_append_printf (out, _("  Extra notes: %u\n"), student->n_extra);

      for (guint k = 0; k < n_keys; k++)
        {
          GlossGradeKeyNote *key_note = g_ptr_array_index (grade->key_notes, k);
          GlossAnnotation *match = g_ptr_array_index (student->matches, k);

          if (match != NULL && gloss_annotation_get_kind (match) == gloss_annotation_get_kind (key_note->note))
            continue;

          if (first_missed)
            g_string_append (out, _("  Missed:\n"));
          first_missed = FALSE;

          g_string_append (out, "    - ");
          append_key_note (out, key_note->note);
          if (match != NULL)
            /* Translators: the student marked the passage, with another kind of note. */
            g_string_append_printf (out, _(" (marked as %s)"),
                                    gloss_annotation_kind_to_label (gloss_annotation_get_kind (match)));
          g_string_append_c (out, '\n');
        }
    }

  g_string_append_c (out, '\n');
  if (grade->n_unreadable > 0)
    g_string_append_printf (out, ngettext ("Key notes (%u student graded, %u unreadable)\n",
                                           "Key notes (%u students graded, %u unreadable)\n",
                                           n_readable),
                            n_readable, grade->n_unreadable);
  else
    g_string_append_printf (out, ngettext ("Key notes (%u student graded)\n",
                                           "Key notes (%u students graded)\n",
                                           n_readable),
                            n_readable);

  for (guint k = 0; k < n_keys; k++)
    {
      GlossGradeKeyNote *key_note = g_ptr_array_index (grade->key_notes, k);

      g_string_append_printf (out, "  %u. ", k + 1);
      append_key_note (out, key_note->note);
      g_string_append_printf (out, _("\n     found by %u of %u, tags agreed by %u"),
                              key_note->n_found, n_readable, key_note->n_tags_agreed);
      if (key_has_verdict (key_note->note))
        g_string_append_printf (out, _(", verdict agreed by %u"), key_note->n_verdicts_agreed);
      g_string_append_c (out, '\n');
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_csv_number (GString  *out,
                   guint     value,
                   gboolean  known)
{
  g_string_append_c (out, ',');
  if (known)
    g_string_append_printf (out, "%u", value);
}

char *
gloss_grade_to_csv (GlossGrade *grade)
{
  g_autoptr(GString) out = g_string_new ("student,file,found,key_notes,tags_agreed,extra,score\r\n");

  g_return_val_if_fail (grade != NULL, NULL);

  for (guint i = 0; i < grade->students->len; i++)
    {
      GlossGradeStudent *student = g_ptr_array_index (grade->students, i);
      gboolean known = student->error == NULL;

      gloss_csv_append_field (out, student->name, TRUE);
      gloss_csv_append_field (out, student->file, FALSE);
      append_csv_number (out, student->n_found, known);
      append_csv_number (out, grade->key_notes->len, TRUE);
      append_csv_number (out, student->n_tags_agreed, known);
      append_csv_number (out, student->n_extra, known);
      append_csv_number (out, student->score, known);
      g_string_append (out, "\r\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
