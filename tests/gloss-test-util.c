/* gloss-test-util.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-test-util.h"

GlossDocument *
gloss_test_document_from_text (const char *text,
                               gboolean    title_in_text,
                               GFile      *file)
{
  g_autoptr(GlossDocumentBuilder) builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_auto(GStrv) paragraphs = g_strsplit (text, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      const char *paragraph = paragraphs[i];

      if (g_str_has_prefix (paragraph, "# "))
        {
          gloss_document_builder_set_title (builder, paragraph + 2);
          if (!title_in_text)
            continue;
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 1);
          paragraph += 2;
        }
      else if (g_str_has_prefix (paragraph, "## "))
        {
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, 2);
          paragraph += 3;
        }
      else
        {
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
        }

      gloss_document_builder_append_text (builder, paragraph, -1);
      gloss_document_builder_end_block (builder);
    }

  return gloss_document_builder_finish (g_steal_pointer (&builder), file);
}

void
gloss_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have made the folder read-only. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          gloss_test_remove_tree (child);
        }

      g_rmdir (path);
    }
  else
    {
      g_remove (path);
    }
}
