/* test-article.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-core.h"

#define ARTICLE "anchor-article.md"

typedef struct {
  char  *dir;
  char  *article_path;
  char  *sidecar_path;
  GFile *article;
} Fixture;

static GBytes *
read_bytes (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
copy_fixture (const char *name,
              const char *destination)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GBytes) bytes = read_bytes (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (destination, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-article-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->article_path = g_build_filename (fixture->dir, ARTICLE, NULL);
  fixture->sidecar_path = g_strconcat (fixture->article_path, GLOSS_SIDECAR_SUFFIX, NULL);
  fixture->article = g_file_new_for_path (fixture->article_path);

  copy_fixture (ARTICLE, fixture->article_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);

  g_free (fixture->dir);
  g_free (fixture->article_path);
  g_free (fixture->sidecar_path);
  g_clear_object (&fixture->article);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
assert_opened (GlossArticle *article,
               Fixture      *fixture)
{
  GlossDocument *document = gloss_article_get_document (article);
  GlossAnnotationStore *store = gloss_article_get_store (article);
  g_autofree char *store_path = NULL;

  g_assert_true (g_file_equal (gloss_article_get_file (article), fixture->article));
  g_assert_nonnull (document);
  g_assert_nonnull (strstr (gloss_document_get_text (document), "Bus journeys through the centre"));
  g_assert_nonnull (gloss_article_get_analysis (article));
  g_assert_true (gloss_analysis_get_document (gloss_article_get_analysis (article)) == document);
  g_assert_nonnull (store);
  g_assert_true (gloss_annotation_store_get_document (store) == document);

  store_path = g_file_get_path (gloss_annotation_store_get_file (store));
  g_assert_cmpstr (store_path, ==, fixture->sidecar_path);
}

static void
assert_notes_placed (GlossArticle *article)
{
  GlossDocument *document = gloss_article_get_document (article);
  GListModel *notes = G_LIST_MODEL (gloss_article_get_store (article));

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (notes, i);
      g_autofree char *slice = gloss_document_dup_slice (document,
                                                         gloss_annotation_get_start (annotation),
                                                         gloss_annotation_get_end (annotation));

      g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), !=, GLOSS_ANCHOR_ORPHAN);
      g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), !=, GLOSS_ANCHOR_NEEDS_REVIEW);
      g_assert_cmpstr (slice, ==, gloss_annotation_get_exact (annotation));
    }
}

static void
test_article_without_sidecar (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  assert_opened (article, fixture);
  g_assert_null (gloss_article_get_sidecar_error (article));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gloss_article_get_store (article))), ==, 0);

  /* Opening creates nothing beside the article. */
  g_assert_false (g_file_test (fixture->sidecar_path, G_FILE_TEST_EXISTS));
}

static void
test_article_with_sidecar (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  copy_fixture ("sidecar-article.json", fixture->sidecar_path);

  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  assert_opened (article, fixture);
  g_assert_null (gloss_article_get_sidecar_error (article));
  assert_notes_placed (article);
  g_assert_false (gloss_annotation_store_get_dirty (gloss_article_get_store (article)));
}

static void
test_article_broken_sidecar (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const GError *sidecar_error;

  copy_fixture ("sidecar-truncated.json", fixture->sidecar_path);
  before = read_bytes (fixture->sidecar_path);

  /* The article opens; the notes file is reported, not fatal. */
  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  assert_opened (article, fixture);

  sidecar_error = gloss_article_get_sidecar_error (article);
  g_assert_error ((GError *)sidecar_error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_assert_nonnull (strstr (sidecar_error->message, ARTICLE GLOSS_SIDECAR_SUFFIX));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gloss_article_get_store (article))), ==, 0);

  after = read_bytes (fixture->sidecar_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_article_newer_sidecar (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  copy_fixture ("sidecar-newer.json", fixture->sidecar_path);

  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  g_assert_error ((GError *)gloss_article_get_sidecar_error (article),
                  GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER);
  g_assert_true (gloss_annotation_store_get_read_only (gloss_article_get_store (article)));
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static GlossArticle *
load_async (GFile   *file,
            GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gloss_article_load_async (file, NULL, async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return gloss_article_load_finish (result, error);
}

static void
test_article_async (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossArticle) broken = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;

  copy_fixture ("sidecar-article.json", fixture->sidecar_path);
  article = load_async (fixture->article, &error);
  g_assert_no_error (error);
  assert_opened (article, fixture);
  g_assert_null (gloss_article_get_sidecar_error (article));
  assert_notes_placed (article);

  copy_fixture ("sidecar-malformed.json", fixture->sidecar_path);
  before = read_bytes (fixture->sidecar_path);
  broken = load_async (fixture->article, &error);
  g_assert_no_error (error);
  assert_opened (broken, fixture);
  g_assert_error ((GError *)gloss_article_get_sidecar_error (broken),
                  GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  after = read_bytes (fixture->sidecar_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_article_errors (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.md", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = gloss_article_load (missing, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  article = load_async (missing, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  article = gloss_article_load (fixture->article, cancellable, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GlossAnnotation *
annotate (GlossDocument *document,
          const char    *quote)
{
  GlossAnnotation *annotation = gloss_annotation_new (GLOSS_ANNOTATION_COMMENT);
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, quote);
  guint start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (text, found);
  gloss_annotation_set_target_from_text (annotation, text, gloss_document_get_text_hash (document),
                                         start, start + g_utf8_strlen (quote, -1));
  return annotation;
}

static void
assert_all_placed (GlossArticle *article,
                   guint         n_notes)
{
  GlossDocument *document = gloss_article_get_document (article);
  GListModel *notes = G_LIST_MODEL (gloss_article_get_store (article));

  g_assert_cmpuint (g_list_model_get_n_items (notes), ==, n_notes);
  for (guint i = 0; i < n_notes; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (notes, i);
      g_autofree char *slice = gloss_document_dup_slice (document,
                                                         gloss_annotation_get_start (annotation),
                                                         gloss_annotation_get_end (annotation));

      g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_MOVED);
      g_assert_cmpstr (slice, ==, gloss_annotation_get_exact (annotation));
    }
}

static void
test_article_reload (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char update[] = "Updated in March: the figures below now cover five full years.\n\n";
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotation) unsaved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *revised = NULL;
  GlossAnnotationStore *store;
  GlossDocument *before;
  GlossDocument *after;
  guint notified = 0;
  char *body;

  copy_fixture ("sidecar-article.json", fixture->sidecar_path);
  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  store = gloss_article_get_store (article);
  before = gloss_article_get_document (article);

  /* A note made since the article was opened, not saved yet. */
  unsaved = annotate (before, "Shop owners were the loudest opponents");
  gloss_annotation_set_note (unsaved, "Who asked them?");
  gloss_annotation_store_add (store, unsaved);

  /* The article changes on disk: a paragraph appears above the notes. */
  g_file_get_contents (fixture->article_path, &contents, NULL, &error);
  g_assert_no_error (error);
  body = strstr (contents, "\n\n");
  g_assert_nonnull (body);
  *body = '\0';
  revised = g_strconcat (contents, "\n\n", update, body + 2, NULL);
  g_file_set_contents (fixture->article_path, revised, -1, &error);
  g_assert_no_error (error);

  g_signal_connect_swapped (article, "notify::document", G_CALLBACK (count_cb), &notified);
  g_assert_true (gloss_article_reload (article, NULL, &error));
  g_assert_no_error (error);

  /* The same article object and the same notes, on the new text. */
  after = gloss_article_get_document (article);
  g_assert_true (after != before);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_nonnull (strstr (gloss_document_get_text (after), "Updated in March"));
  g_assert_true (gloss_article_get_store (article) == store);
  g_assert_true (gloss_annotation_store_get_document (store) == after);
  g_assert_true (gloss_analysis_get_document (gloss_article_get_analysis (article)) == after);
  assert_all_placed (article, 3);
  g_assert_true (gloss_annotation_store_lookup (store, gloss_annotation_get_id (unsaved)) == unsaved);
  g_assert_cmpstr (gloss_annotation_get_note (unsaved), ==, "Who asked them?");
  g_assert_true (gloss_annotation_store_get_dirty (store));
}

static void
test_article_reload_fails (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\xff\xfe";
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  GlossDocument *before;

  copy_fixture ("sidecar-article.json", fixture->sidecar_path);
  article = gloss_article_load (fixture->article, NULL, &error);
  g_assert_no_error (error);
  before = gloss_article_get_document (article);

  /* Replaced by something that is not an article: the open one stays. */
  g_file_set_contents (fixture->article_path, binary, sizeof binary, &error);
  g_assert_no_error (error);
  g_assert_false (gloss_article_reload (article, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (gloss_article_get_document (article) == before);
  assert_notes_placed (article);

  /* And so it does when the file is gone. */
  g_assert_cmpint (g_remove (fixture->article_path), ==, 0);
  g_assert_false (gloss_article_reload (article, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (gloss_article_get_document (article) == before);
  assert_notes_placed (article);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/article/without-sidecar", test_article_without_sidecar);
  ADD ("/core/article/with-sidecar", test_article_with_sidecar);
  ADD ("/core/article/broken-sidecar", test_article_broken_sidecar);
  ADD ("/core/article/newer-sidecar", test_article_newer_sidecar);
  ADD ("/core/article/async", test_article_async);
  ADD ("/core/article/errors", test_article_errors);
  ADD ("/core/article/reload", test_article_reload);
  ADD ("/core/article/reload-fails", test_article_reload_fails);

#undef ADD

  return g_test_run ();
}
