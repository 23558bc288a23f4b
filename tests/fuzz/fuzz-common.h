/* fuzz-common.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "gloss-core.h"

/* What every fuzz target does with one input, shared with
 * tests/test-fuzz-corpus.c so that the test suite replays the corpus
 * through exactly the same code. An input may be refused with a GError;
 * anything else (a crash, a failed check below, a critical warning) is a
 * bug.
 */

static inline void
fuzz_init (void)
{
  /* A g_return_if_fail() that trips is a bug as much as a crash is. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

/* The invariants that the rest of Gloss relies on. */
static inline void
fuzz_check_document (GlossDocument *document)
{
  g_autofree char *html = NULL;
  const char *text = gloss_document_get_text (document);
  guint length = gloss_document_get_length (document);
  guint n_blocks = gloss_document_get_n_blocks (document);
  guint previous_end = 0;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (g_utf8_strlen (text, -1), ==, length);

  for (guint i = 0; i < n_blocks; i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);

      g_assert_cmpuint (block->start, >=, previous_end);
      g_assert_cmpuint (block->end, >, block->start);
      g_assert_cmpuint (block->end, <=, length);
      previous_end = block->end;

      for (guint j = 0; j < block->spans->len; j++)
        {
          const GlossSpan *span = g_ptr_array_index (block->spans, j);

          g_assert_cmpuint (span->start, >=, block->start);
          g_assert_cmpuint (span->end, <=, block->end);
          g_assert_cmpuint (span->start, <, span->end);
        }
    }

  for (guint i = 0; i < gloss_document_get_n_images (document); i++)
    {
      const GlossImage *image = gloss_document_get_image (document, i);

      g_assert_cmpuint (image->block, <=, n_blocks);
      if (image->resource != NULL)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *content_type = NULL;

          bytes = gloss_document_lookup_resource (document, image->resource, &content_type);
          g_assert_nonnull (bytes);
          g_assert_true (g_str_has_prefix (content_type, "image/"));
        }
    }

  html = gloss_reader_html_render (document, NULL);
  g_assert_true (g_utf8_validate (html, -1, NULL));
}

static inline void
fuzz_import (const guint8        *data,
             gsize                size,
             GlossDocumentFormat  format)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  document = gloss_import_bytes (bytes, format, NULL, &error);
  if (document == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == GLOSS_IMPORT_ERROR);
      return;
    }

  g_assert_null (error);
  fuzz_check_document (document);
}

static inline void
fuzz_check_findings (GListModel *findings,
                     guint       length)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (findings, i);
      const char *label = gloss_finding_get_label (finding);
      const char *explanation = gloss_finding_get_explanation (finding);

      g_assert_cmpuint (gloss_finding_get_start (finding), <=, gloss_finding_get_end (finding));
      g_assert_cmpuint (gloss_finding_get_end (finding), <=, length);
      g_assert_cmpfloat (gloss_finding_get_score (finding), >=, 0.0);
      g_assert_cmpfloat (gloss_finding_get_score (finding), <=, 1.0);
      g_assert_nonnull (gloss_finding_get_kind (finding));
      g_assert_true (label == NULL || g_utf8_validate (label, -1, NULL));
      g_assert_true (explanation == NULL || g_utf8_validate (explanation, -1, NULL));
    }
}

/* The analysis of a plain-text article: every finding lies inside the
 * text, sentences come in order, and every explanation is text.
 */
static inline void
fuzz_analysis (const guint8 *data,
               gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  const GlossRange *sentences;
  guint n_sentences = 0;
  guint length;
  guint previous_end = 0;

  document = gloss_import_bytes (bytes, GLOSS_DOCUMENT_FORMAT_TEXT, NULL, &error);
  if (document == NULL)
    return;

  length = gloss_document_get_length (document);
  analysis = gloss_analysis_new (document);

  sentences = gloss_analysis_get_sentences (analysis, &n_sentences);
  for (guint i = 0; i < n_sentences; i++)
    {
      g_assert_cmpuint (sentences[i].start, >=, previous_end);
      g_assert_cmpuint (sentences[i].end, <=, length);
      previous_end = sentences[i].end;
    }

  fuzz_check_findings (gloss_analysis_get_sections (analysis), length);
  fuzz_check_findings (gloss_analysis_get_claims (analysis), length);
  fuzz_check_findings (gloss_analysis_get_evidence (analysis), length);
  fuzz_check_findings (gloss_analysis_get_cues (analysis), length);
  fuzz_check_findings (gloss_analysis_get_document_cues (analysis), length);
}

/* Grading: the input is a key and a student's notes file, separated by
 * the first NUL byte (or split in half when there is none). Whatever the
 * two files hold, grading them gives a report and never crashes.
 */
static inline void
fuzz_grade (const guint8 *data,
            gsize         size)
{
  const guint8 *nul = memchr (data, '\0', size);
  gsize key_size = nul != NULL ? (gsize)(nul - data) : size / 2;
  gsize student_start = nul != NULL ? key_size + 1 : key_size;
  g_autoptr(GBytes) key_bytes = g_bytes_new (data, key_size);
  g_autoptr(GBytes) student_bytes = g_bytes_new (data + student_start, size - student_start);
  g_autoptr(GPtrArray) key_notes = NULL;
  g_autoptr(GPtrArray) student_notes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) student_error = NULL;
  GlossGrade *grade;
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;

  key_notes = gloss_sidecar_read_annotations (key_bytes, &error);
  if (key_notes == NULL)
    return;

  grade = gloss_grade_new ("key.gloss.json", key_notes, &error);
  if (grade == NULL)
    return;

  student_notes = gloss_sidecar_read_annotations (student_bytes, &student_error);
  gloss_grade_add_student (grade, "student.gloss.json", student_notes, student_error);

  text = gloss_grade_to_text (grade);
  csv = gloss_grade_to_csv (grade);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  gloss_grade_free (grade);
}

static inline void
fuzz_import_mhtml (const guint8 *data,
                   gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;

  document = gloss_import_mhtml (bytes, NULL, &error);
  if (document == NULL)
    {
      g_assert_nonnull (error);
      return;
    }

  fuzz_check_document (document);
}

static inline void
fuzz_sidecar (const guint8 *data,
              gsize         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  int n;

  n = gloss_sidecar_validate (bytes, &error);
  if (n < 0)
    g_assert_nonnull (error);
  else
    g_assert_null (error);
}
