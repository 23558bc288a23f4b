/* gloss-grade.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gloss-annotation.h"

G_BEGIN_DECLS

/* Grading a class: a teacher's notes on an article (the key) compared with
 * the notes each student made on the same article. Works on the notes
 * files alone; the article is not needed. See gloss-grade.c for how notes
 * are matched.
 */

/* One note of the key and how the class did on it. */
typedef struct {
  GlossAnnotation *note;
  /* Readable students who marked the passage with the same kind. */
  guint            n_found;
  /* Of those, the ones who gave one of the key's tags (all of them when the
   * key's note has no tags).
   */
  guint            n_tags_agreed;
  /* Of those, the ones who gave the key's verdict (evidence notes whose key
   * has a verdict only).
   */
  guint            n_verdicts_agreed;
} GlossGradeKeyNote;

/* One student's notes file compared with the key. */
typedef struct {
  /* The file as it was named, and the student: the most common creator
   * name in the notes, or the file name without ".gloss.json".
   */
  char      *file;
  char      *name;
  /* Set when the file cannot be read; the figures below are then zero. */
  GError    *error;
  guint      n_notes;
  /* Key notes whose passage the student marked with the same kind. */
  guint      n_found;
  /* Of those, the ones whose tags agree with the key's (see above). */
  guint      n_tags_agreed;
  /* Found evidence notes whose key has a verdict, and how many of them
   * have the same verdict.
   */
  guint      n_verdicts;
  guint      n_verdicts_agreed;
  /* The student's notes that match no note of the key. */
  guint      n_extra;
  /* n_found as a rounded percentage of the key's notes. */
  guint      score;
  /* For each key note (in the order of GlossGrade.key_notes), the student's
   * note on the same passage or NULL. A note there with another kind does
   * not count as found.
   */
  GPtrArray *matches;
} GlossGradeStudent;

typedef struct {
  char      *key_file;
  /* The key's creator (its most common creator name), or NULL. */
  char      *key_author;
  /* GlossGradeKeyNote, in the order of the article (position, then the
   * order of the file); notes known only by their quote come last.
   */
  GPtrArray *key_notes;
  /* GlossGradeStudent, in the order they were added. */
  GPtrArray *students;
  guint      n_unreadable;
} GlossGrade;

/* Reads the notes of a notes file on its own, without its article, in the
 * order of the file. The file must pass gloss_sidecar_validate().
 * (transfer full) (element-type GlossAnnotation)
 */
GPtrArray  *gloss_grade_load_notes         (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);

/* A grade for the key's notes @key_notes (element-type GlossAnnotation),
 * with no students yet. Notes with neither a quote nor a position on a
 * known text mark no passage and are left out; a key left with no notes is
 * an error.
 */
GlossGrade *gloss_grade_new                (const char    *key_file,
                                            GPtrArray     *key_notes,
                                            GError       **error);
/* Loads @file as the key. */
GlossGrade *gloss_grade_new_for_key_file   (GFile         *file,
                                            GCancellable  *cancellable,
                                            GError       **error);
void        gloss_grade_free               (GlossGrade    *grade);

/* Adds a student: their notes (element-type GlossAnnotation), or NULL and
 * the error that kept the file from being read. Returns the student.
 */
const GlossGradeStudent *gloss_grade_add_student (GlossGrade   *grade,
                                                  const char   *file,
                                                  GPtrArray    *notes,
                                                  const GError *error);
/* Loads @file and adds it; a file that cannot be read is added as an
 * unreadable student.
 */
const GlossGradeStudent *gloss_grade_add_student_file (GlossGrade   *grade,
                                                       GFile        *file,
                                                       GCancellable *cancellable);

/* A report for reading: each student in turn, then the key's notes with
 * how many students found them.
 */
char       *gloss_grade_to_text            (GlossGrade    *grade);
/* RFC 4180 CSV (CRLF, a header row): one row per student with the columns
 * student, file, found, key_notes, tags_agreed, extra, score. The figures
 * of an unreadable student are empty.
 */
char       *gloss_grade_to_csv             (GlossGrade    *grade);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossGrade, gloss_grade_free)

G_END_DECLS
