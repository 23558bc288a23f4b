/* test-grade.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gloss-core.h"

/* The fixtures: a teacher's key with five notes on a short article about a
 * river path, and three students. "close" found four of them, "sparse"
 * found little and added notes of their own, "moved" worked on a revised
 * copy of the article (another text hash, every position shifted).
 */

static GFile *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static GlossGrade *
grade_class (void)
{
  g_autoptr(GFile) key = fixture ("grade-key.gloss.json");
  static const char *students[] = {
    "grade-student-close.gloss.json",
    "grade-student-sparse.gloss.json",
    "grade-student-moved.gloss.json",
  };
  g_autoptr(GError) error = NULL;
  GlossGrade *grade;

  grade = gloss_grade_new_for_key_file (key, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (grade);

  for (guint i = 0; i < G_N_ELEMENTS (students); i++)
    {
      g_autoptr(GFile) file = fixture (students[i]);

      gloss_grade_add_student_file (grade, file, NULL);
    }

  return grade;
}

static GlossGradeStudent *
student_at (GlossGrade *grade,
            guint       i)
{
  g_assert_cmpuint (i, <, grade->students->len);
  return g_ptr_array_index (grade->students, i);
}

static GlossGradeKeyNote *
key_note_at (GlossGrade *grade,
             guint       i)
{
  g_assert_cmpuint (i, <, grade->key_notes->len);
  return g_ptr_array_index (grade->key_notes, i);
}

static void
test_read_notes_alone (void)
{
  g_autoptr(GFile) key = fixture ("grade-key.gloss.json");
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) broken = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"type\": \"AnnotationCollection\", \"items\": [", 41);
  g_autoptr(GError) error = NULL;
  GlossAnnotation *first;

  /* No article is needed: the notes keep what the file says. */
  notes = gloss_grade_load_notes (key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 5);
  first = g_ptr_array_index (notes, 0);
  g_assert_cmpstr (gloss_annotation_get_exact (first), ==, "62 percent of regular users prefer the path as it is");
  g_assert_cmpuint (gloss_annotation_get_start (first), ==, 366);
  g_assert_cmpint (gloss_annotation_get_verdict (first), ==, GLOSS_VERDICT_CONTRADICTS);
  g_assert_cmpstr (gloss_annotation_get_creator_name (first), ==, "Ms Rivera");

  broken = gloss_sidecar_read_annotations (bytes, &error);
  g_assert_null (broken);
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
}

static void
test_key_in_article_order (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  static const char *quotes[] = {
    "will bring 4,000 extra visitors a year",
    "Everyone knows that gravel paths are a danger",
    "Local shop owners, who stand to gain the most, are the loudest voices in favour",
    "62 percent of regular users prefer the path as it is",
    "Only a reckless council",
  };

  g_assert_cmpstr (grade->key_author, ==, "Ms Rivera");
  g_assert_cmpuint (grade->key_notes->len, ==, G_N_ELEMENTS (quotes));
  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    g_assert_cmpstr (gloss_annotation_get_exact (key_note_at (grade, i)->note), ==, quotes[i]);
}

static void
test_close_student (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  GlossGradeStudent *close = student_at (grade, 0);

  g_assert_no_error (close->error);
  g_assert_cmpstr (close->name, ==, "Ana Lima");
  g_assert_cmpuint (close->n_found, ==, 4);
  g_assert_cmpuint (close->score, ==, 80);
  /* "exaggeration" is not one of the key's tags for the "danger" passage. */
  g_assert_cmpuint (close->n_tags_agreed, ==, 3);
  /* The survey contradicts the claim; the student said it supports it. */
  g_assert_cmpuint (close->n_verdicts, ==, 2);
  g_assert_cmpuint (close->n_verdicts_agreed, ==, 1);
  g_assert_cmpuint (close->n_extra, ==, 0);

  /* Longer and shorter selections than the teacher's still match; the
   * last key note was missed.
   */
  g_assert_cmpstr (gloss_annotation_get_exact (g_ptr_array_index (close->matches, 0)), ==,
                   "paving the river path will bring 4,000 extra visitors a year");
  g_assert_cmpstr (gloss_annotation_get_exact (g_ptr_array_index (close->matches, 1)), ==,
                   "Everyone knows that gravel paths");
  g_assert_null (g_ptr_array_index (close->matches, 4));
}

static void
test_sparse_student (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  GlossGradeStudent *sparse = student_at (grade, 1);
  GlossAnnotation *survey;

  g_assert_no_error (sparse->error);
  /* The notes carry no name: the file names the student. */
  g_assert_cmpstr (sparse->name, ==, "grade-student-sparse");
  g_assert_cmpuint (sparse->n_notes, ==, 5);
  g_assert_cmpuint (sparse->n_found, ==, 1);
  g_assert_cmpuint (sparse->score, ==, 20);
  g_assert_cmpuint (sparse->n_tags_agreed, ==, 1);
  g_assert_cmpuint (sparse->n_verdicts, ==, 0);
  /* The title, "the elderly" (too little of the key's "danger" passage)
   * and the date of the vote.
   */
  g_assert_cmpuint (sparse->n_extra, ==, 3);

  /* The survey passage was marked, but as bias: the same passage, not
   * found, and not an extra note either.
   */
  survey = g_ptr_array_index (sparse->matches, 3);
  g_assert_nonnull (survey);
  g_assert_cmpint (gloss_annotation_get_kind (survey), ==, GLOSS_ANNOTATION_BIAS);
  g_assert_null (g_ptr_array_index (sparse->matches, 1));
}

static void
test_moved_student (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  GlossGradeStudent *moved = student_at (grade, 2);
  GlossAnnotation *key_danger = key_note_at (grade, 1)->note;
  GlossAnnotation *danger;

  g_assert_no_error (moved->error);
  /* Three notes say "Ben Okafor", one says "ben". */
  g_assert_cmpstr (moved->name, ==, "Ben Okafor");

  /* The positions are of another text, and compared as positions the
   * "danger" note would land on the key's claim about shop owners.
   */
  danger = g_ptr_array_index (moved->matches, 1);
  g_assert_nonnull (danger);
  g_assert_cmpstr (gloss_annotation_get_text_hash (danger), !=, gloss_annotation_get_text_hash (key_danger));
  g_assert_cmpuint (gloss_annotation_get_start (danger), >=, gloss_annotation_get_start (key_note_at (grade, 2)->note));
  g_assert_cmpstr (gloss_annotation_get_exact (danger), ==, "Everyone knows that gravel paths are a real danger");

  g_assert_cmpuint (moved->n_found, ==, 4);
  g_assert_cmpuint (moved->score, ==, 80);
  /* The claim has no tags where the key has "check-worthy". */
  g_assert_cmpuint (moved->n_tags_agreed, ==, 3);
  g_assert_cmpuint (moved->n_verdicts, ==, 1);
  g_assert_cmpuint (moved->n_verdicts_agreed, ==, 1);
  g_assert_cmpuint (moved->n_extra, ==, 0);
  g_assert_null (g_ptr_array_index (moved->matches, 3));
}

static void
test_class_at_a_glance (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  static const struct {
    guint found;
    guint tags;
    guint verdicts;
  } expected[] = {
    { 2, 2, 2 }, /* visitors: close and moved */
    { 2, 1, 0 }, /* danger: close ("exaggeration") and moved ("bandwagon") */
    { 2, 1, 0 }, /* shop owners: moved gave no tag */
    { 1, 1, 0 }, /* survey: sparse called it bias, close got the verdict wrong */
    { 2, 2, 0 }, /* reckless: sparse and moved */
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GlossGradeKeyNote *key_note = key_note_at (grade, i);

      g_assert_cmpuint (key_note->n_found, ==, expected[i].found);
      g_assert_cmpuint (key_note->n_tags_agreed, ==, expected[i].tags);
      g_assert_cmpuint (key_note->n_verdicts_agreed, ==, expected[i].verdicts);
    }
}

static void
test_text_report (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  g_autoptr(GlossGrade) again = grade_class ();
  g_autofree char *text = gloss_grade_to_text (grade);
  g_autofree char *text_again = gloss_grade_to_text (again);
  const char *ana = strstr (text, "Ana Lima (");
  const char *sparse = strstr (text, "grade-student-sparse (");
  const char *ben = strstr (text, "Ben Okafor (");
  const char *key_notes = strstr (text, "Key notes (3 students graded)");

  /* The same files give the same report, students in the order given. */
  g_assert_cmpstr (text, ==, text_again);
  g_assert_nonnull (ana);
  g_assert_nonnull (sparse);
  g_assert_nonnull (ben);
  g_assert_nonnull (key_notes);
  g_assert_true (ana < sparse && sparse < ben && ben < key_notes);

  g_assert_nonnull (strstr (ana, "Key notes found: 4 of 5 (score 80%)"));
  g_assert_nonnull (strstr (sparse, "Extra notes: 3"));
  g_assert_nonnull (strstr (sparse, "“62 percent of regular users prefer the path as it is” [Statistic or data] (marked as Bias)"));
  g_assert_nonnull (strstr (key_notes, "1. Evidence “will bring 4,000 extra visitors a year” [Statistic or data, Needs a source]\n"
                                       "     found by 2 of 3, tags agreed by 2, verdict agreed by 2\n"));
}

static void
test_csv (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *close = g_test_build_filename (G_TEST_DIST, "data", "grade-student-close.gloss.json", NULL);
  g_autofree char *sparse = g_test_build_filename (G_TEST_DIST, "data", "grade-student-sparse.gloss.json", NULL);
  g_autofree char *moved = g_test_build_filename (G_TEST_DIST, "data", "grade-student-moved.gloss.json", NULL);
  g_autofree char *expected = NULL;
  g_autofree char *csv = NULL;

  /* A file name that a spreadsheet would run as a formula, and a comma. */
  gloss_grade_add_student (grade, "=cmd|calc.gloss.json", none, NULL);
  gloss_grade_add_student (grade, "Lee, Kim.gloss.json", none, NULL);
  csv = gloss_grade_to_csv (grade);

  expected = g_strdup_printf ("student,file,found,key_notes,tags_agreed,extra,score\r\n"
                              "Ana Lima,%s,4,5,3,0,80\r\n"
                              "grade-student-sparse,%s,1,5,1,3,20\r\n"
                              "Ben Okafor,%s,4,5,3,0,80\r\n"
                              "'=cmd|calc,'=cmd|calc.gloss.json,0,5,0,0,0\r\n"
                              "\"Lee, Kim\",\"Lee, Kim.gloss.json\",0,5,0,0,0\r\n",
                              close, sparse, moved);
  g_assert_cmpstr (csv, ==, expected);
}

static void
test_unreadable_student (void)
{
  g_autoptr(GlossGrade) grade = grade_class ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{ \"items\": [ {", 14);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = gloss_sidecar_read_annotations (bytes, &error);
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  const GlossGradeStudent *broken;

  g_assert_null (notes);
  broken = gloss_grade_add_student (grade, "tom.gloss.json", NULL, error);
  g_assert_nonnull (broken->error);
  g_assert_cmpstr (broken->name, ==, "tom");
  g_assert_cmpuint (grade->n_unreadable, ==, 1);

  /* The others are graded as before; the class counts leave it out. */
  g_assert_cmpuint (student_at (grade, 0)->n_found, ==, 4);
  g_assert_cmpuint (key_note_at (grade, 0)->n_found, ==, 2);

  csv = gloss_grade_to_csv (grade);
  g_assert_true (g_str_has_suffix (csv, "\r\ntom,tom.gloss.json,,5,,,\r\n"));
  text = gloss_grade_to_text (grade);
  g_assert_nonnull (strstr (text, "tom (tom.gloss.json)\n  Unreadable: "));
  g_assert_nonnull (strstr (text, "Key notes (3 students graded, 1 unreadable)"));
}

static void
test_empty_key (void)
{
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GError) error = NULL;

  grade = gloss_grade_new ("key.gloss.json", notes, &error);
  g_assert_null (grade);
  g_assert_nonnull (error);

  /* A note that quotes nothing and has no range cannot be graded either. */
  g_clear_error (&error);
  g_ptr_array_add (notes, gloss_annotation_new (GLOSS_ANNOTATION_COMMENT));
  grade = gloss_grade_new ("key.gloss.json", notes, &error);
  g_assert_null (grade);
  g_assert_nonnull (error);
}

static GlossAnnotation *
note_on (const char          *text,
         const char          *hash,
         const char          *quote,
         guint                occurrence,
         GlossAnnotationKind  kind)
{
  GlossAnnotation *note = gloss_annotation_new (kind);
  const char *found = text;
  guint start;

  for (guint i = 0; i <= occurrence; i++)
    {
      found = strstr (i == 0 ? found : found + 1, quote);
      g_assert_nonnull (found);
    }

  start = g_utf8_pointer_to_offset (text, found);
  gloss_annotation_set_target_from_text (note, text, hash, start, start + g_utf8_strlen (quote, -1));
  return note;
}

/* The same words twice in an article: on the same text the positions tell
 * them apart; on another text, the context around the quote does.
 */
static void
test_repeated_words (void)
{
  const char *text = "The plan is cheap, say its authors. Critics reply that the plan is cheap only on paper.";
  const char *revised = "Updated. The plan is cheap, say its authors. Critics reply that the plan is cheap only on paper.";
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) same = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GError) error = NULL;
  const GlossGradeStudent *student;

  g_ptr_array_add (key, note_on (text, "sha256:one", "plan is cheap", 0, GLOSS_ANNOTATION_CLAIM));
  g_ptr_array_add (key, note_on (text, "sha256:one", "plan is cheap", 1, GLOSS_ANNOTATION_CLAIM));
  grade = gloss_grade_new ("key.gloss.json", key, &error);
  g_assert_no_error (error);

  /* The critics' "plan is cheap", on the same text. */
  g_ptr_array_add (same, note_on (text, "sha256:one", "plan is cheap", 1, GLOSS_ANNOTATION_CLAIM));
  student = gloss_grade_add_student (grade, "same.gloss.json", same, NULL);
  g_assert_cmpuint (student->n_found, ==, 1);
  g_assert_null (g_ptr_array_index (student->matches, 0));
  g_assert_true (g_ptr_array_index (student->matches, 1) == g_ptr_array_index (same, 0));

  /* The same, on a revised text where every position moved. */
  g_ptr_array_add (other, note_on (revised, "sha256:two", "plan is cheap", 1, GLOSS_ANNOTATION_CLAIM));
  student = gloss_grade_add_student (grade, "other.gloss.json", other, NULL);
  g_assert_cmpuint (student->n_found, ==, 1);
  g_assert_null (g_ptr_array_index (student->matches, 0));
  g_assert_true (g_ptr_array_index (student->matches, 1) == g_ptr_array_index (other, 0));
  g_assert_cmpuint (student->n_extra, ==, 0);
}

/* Selecting everything is not finding: a selection far longer than the
 * key's passage does not count, while a sentence around a phrase does.
 */
static void
test_whole_paragraph_selected (void)
{
  const char *text = "The council calls the plan a triumph. It will cost twice the estimate, "
                     "the auditors say, and nobody asked the people who live on the river. "
                     "Still, the mayor insists that everyone agrees with him, and that the "
                     "critics are a noisy handful of cranks who oppose every change.";
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) everything = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) sentence = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GError) error = NULL;
  const GlossGradeStudent *student;

  g_ptr_array_add (key, note_on (text, "sha256:one", "a triumph", 0, GLOSS_ANNOTATION_BIAS));
  g_ptr_array_add (key, note_on (text, "sha256:one", "everyone agrees", 0, GLOSS_ANNOTATION_BIAS));
  g_ptr_array_add (key, note_on (text, "sha256:one", "a noisy handful of cranks", 0, GLOSS_ANNOTATION_BIAS));
  grade = gloss_grade_new ("key.gloss.json", key, &error);
  g_assert_no_error (error);

  g_ptr_array_add (everything, note_on (text, "sha256:one", text, 0, GLOSS_ANNOTATION_BIAS));
  student = gloss_grade_add_student (grade, "everything.gloss.json", everything, NULL);
  g_assert_cmpuint (student->n_found, ==, 0);
  g_assert_cmpuint (student->n_extra, ==, 1);

  g_ptr_array_add (sentence, note_on (text, "sha256:one", "The council calls the plan a triumph.", 0,
                                      GLOSS_ANNOTATION_BIAS));
  student = gloss_grade_add_student (grade, "sentence.gloss.json", sentence, NULL);
  g_assert_cmpuint (student->n_found, ==, 1);
  g_assert_true (g_ptr_array_index (student->matches, 0) == g_ptr_array_index (sentence, 0));
}

/* A student's name comes from their file: whatever it holds, it is one
 * line of plain text in the report, and it cannot turn the text around it.
 */
static void
test_hostile_names (void)
{
  const char *text = "The council calls the plan a triumph, and the mayor agrees.";
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  const GlossGradeStudent *student;
  GlossAnnotation *note;

  g_ptr_array_add (key, note_on (text, "sha256:one", "a triumph", 0, GLOSS_ANNOTATION_BIAS));
  grade = gloss_grade_new ("key.gloss.json", key, &error);
  g_assert_no_error (error);

  note = note_on (text, "sha256:one", "a triumph", 0, GLOSS_ANNOTATION_BIAS);
  gloss_annotation_set_creator (note, "Eve\n\x1b[2J\xe2\x80\xaelive\x07", GLOSS_ROLE_STUDENT);
  g_ptr_array_add (notes, note);
  student = gloss_grade_add_student (grade, "eve.gloss.json", notes, NULL);

  g_assert_cmpstr (student->name, ==, "Eve [2Jlive");
  report = gloss_grade_to_text (grade);
  g_assert_nonnull (strstr (report, "\nEve [2Jlive (eve.gloss.json)\n"));
  g_assert_null (strchr (report, '\x1b'));
}

/* A key note known only by its quote has no place in the article: it is
 * listed after the ones that do, whatever the order of the file.
 */
static void
test_quote_only_key_note_last (void)
{
  const char *text = "The council calls the plan a triumph, and the mayor says everyone agrees.";
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *quote_only;

  quote_only = note_on (text, "sha256:one", "a triumph", 0, GLOSS_ANNOTATION_BIAS);
  gloss_annotation_set_position (quote_only, 0, 0, GLOSS_ANCHOR_ORPHAN);
  g_ptr_array_add (key, quote_only);
  g_ptr_array_add (key, note_on (text, "sha256:one", "everyone agrees", 0, GLOSS_ANNOTATION_BIAS));

  grade = gloss_grade_new ("key.gloss.json", key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grade->key_notes->len, ==, 2);
  g_assert_cmpstr (gloss_annotation_get_exact (key_note_at (grade, 0)->note), ==, "everyone agrees");
  g_assert_cmpstr (gloss_annotation_get_exact (key_note_at (grade, 1)->note), ==, "a triumph");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/grade/read-notes-alone", test_read_notes_alone);
  g_test_add_func ("/core/grade/key-in-article-order", test_key_in_article_order);
  g_test_add_func ("/core/grade/close-student", test_close_student);
  g_test_add_func ("/core/grade/sparse-student", test_sparse_student);
  g_test_add_func ("/core/grade/moved-text-by-quotes", test_moved_student);
  g_test_add_func ("/core/grade/class-at-a-glance", test_class_at_a_glance);
  g_test_add_func ("/core/grade/text-report", test_text_report);
  g_test_add_func ("/core/grade/csv", test_csv);
  g_test_add_func ("/core/grade/unreadable-student", test_unreadable_student);
  g_test_add_func ("/core/grade/empty-key", test_empty_key);
  g_test_add_func ("/core/grade/repeated-words", test_repeated_words);
  g_test_add_func ("/core/grade/whole-paragraph-selected", test_whole_paragraph_selected);
  g_test_add_func ("/core/grade/hostile-names", test_hostile_names);
  g_test_add_func ("/core/grade/quote-only-key-note-last", test_quote_only_key_note_last);

  return g_test_run ();
}
