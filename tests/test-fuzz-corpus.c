/* test-fuzz-corpus.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz/fuzz-common.h"

/* Replays the fuzzing corpus (tests/fuzz/corpus/<target>/, the seeds and
 * every input a fuzzing run found worth keeping) through the same code as
 * the fuzz targets, so that a bug found once stays fixed. See
 * build-aux/fuzz.
 */

typedef void (*FuzzFunc) (const guint8 *data,
                          gsize         size);

static void
run_html (const guint8 *data,
          gsize         size)
{
  fuzz_import (data, size, GLOSS_DOCUMENT_FORMAT_HTML);
}

static void
run_text (const guint8 *data,
          gsize         size)
{
  fuzz_import (data, size, GLOSS_DOCUMENT_FORMAT_TEXT);
}

static void
run_markdown (const guint8 *data,
              gsize         size)
{
  fuzz_import (data, size, GLOSS_DOCUMENT_FORMAT_MARKDOWN);
}

typedef struct {
  const char *target;
  FuzzFunc    func;
} Target;

static const Target targets[] = {
  { "html", run_html },
  { "mhtml", fuzz_import_mhtml },
  { "text", run_text },
  { "markdown", run_markdown },
  { "sidecar", fuzz_sidecar },
  { "analysis", fuzz_analysis },
  { "grade", fuzz_grade },
};

static void
replay_target (gconstpointer user_data)
{
  const Target *target = user_data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", target->target, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_inputs = 0;

  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;

      g_file_get_contents (file, &contents, &len, &error);
      g_assert_no_error (error);

      g_test_message ("%s: %s (%" G_GSIZE_FORMAT " bytes)", target->target, name, len);
      target->func ((const guint8 *)contents, len);
      n_inputs++;
    }

  /* The seeds are part of the source tree. */
  g_assert_cmpuint (n_inputs, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  fuzz_init ();

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/core/fuzz-corpus/%s", targets[i].target);

      g_test_add_data_func (test_path, &targets[i], replay_target);
    }

  return g_test_run ();
}
