/* gloss-test-util.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The parent of process @pid, or 0. */
static int
parent_of (int          pid,
           char       **comm)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *open_paren;
  const char *close_paren;
  int ppid = 0;
  char state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return 0;

  /* "PID (COMM) STATE PPID ...": the name may hold spaces. */
  open_paren = strchr (stat, '(');
  close_paren = strrchr (stat, ')');
  if (open_paren == NULL || close_paren == NULL || close_paren < open_paren ||
      sscanf (close_paren + 1, " %c %d", &state, &ppid) != 2)
    return 0;

  if (comm != NULL)
    *comm = g_strndup (open_paren + 1, close_paren - open_paren - 1);

  return ppid;
}

/* Kills the web processes of this program, as the system would. WebKit
 * may start them inside a sandbox, so they are descendants, not children.
 */
guint
gloss_test_kill_web_processes (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n_killed = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *comm = NULL;
      int pid = atoi (name);
      int ancestor;

      if (pid <= 0 || parent_of (pid, &comm) == 0 || !g_str_has_prefix (comm, "WebKitWebProces"))
        continue;

      ancestor = pid;
      for (guint depth = 0; depth < 8 && ancestor > 1 && ancestor != getpid (); depth++)
        ancestor = parent_of (ancestor, NULL);

      if (ancestor == getpid () && kill (pid, SIGKILL) == 0)
        n_killed++;
    }

  return n_killed;
}

static gboolean
timeout_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

void
gloss_test_wait_until (GlossTestCondition  condition,
                       gpointer            data,
                       const char         *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (GLOSS_TEST_WAIT_TIMEOUT_MS, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  /* A test that never reaches its condition fails; it never hangs. */
  if (timed_out)
    g_error ("Timed out waiting for %s", what);

  g_source_remove (timeout_id);
}

gboolean
gloss_test_flag_is_set (gpointer data)
{
  return *(gboolean *)data;
}
