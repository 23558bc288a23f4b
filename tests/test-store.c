/* test-store.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gloss-core.h"
#include "gloss-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static GlossDocument *
load_document (const char *name,
               GFile      *file)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return gloss_test_document_from_text (contents, TRUE, file);
}

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
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;

  bytes = read_bytes (path);
  g_file_set_contents (destination, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

static JsonNode *
parse_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

typedef struct {
  char          *dir;
  char          *sidecar_path;
  GFile         *sidecar;
  GlossDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->sidecar_path = g_build_filename (fixture->dir, "article.txt" GLOSS_SIDECAR_SUFFIX, NULL);
  fixture->sidecar = g_file_new_for_path (fixture->sidecar_path);
  fixture->document = load_document ("anchor-original.txt", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gloss_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->sidecar_path);
  g_clear_object (&fixture->sidecar);
  g_clear_object (&fixture->document);
}

static GlossAnnotation *
annotate (GlossDocument *document,
          const char    *quote,
          guint          nth)
{
  GlossAnnotation *annotation = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  const char *text = gloss_document_get_text (document);
  const char *p = text;
  guint start;

  for (;;)
    {
      p = strstr (p, quote);
      g_assert_nonnull (p);
      if (nth-- == 0)
        break;
      p++;
    }

  start = g_utf8_pointer_to_offset (text, p);
  gloss_annotation_set_target_from_text (annotation, text, gloss_document_get_text_hash (document),
                                         start, start + g_utf8_strlen (quote, -1));
  return annotation;
}

static GlossAnnotation *
item (GlossAnnotationStore *store,
      guint                 position)
{
  GlossAnnotation *annotation = g_list_model_get_item (G_LIST_MODEL (store), position);

  /* The store keeps its own reference. */
  g_object_unref (annotation);
  return annotation;
}

static void
assert_slice (GlossDocument   *document,
              GlossAnnotation *annotation)
{
  g_autofree char *slice = gloss_document_dup_slice (document,
                                                     gloss_annotation_get_start (annotation),
                                                     gloss_annotation_get_end (annotation));

  g_assert_cmpstr (slice, ==, gloss_annotation_get_exact (annotation));
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *changed)
{
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
  changed->calls++;
}

static void
test_store_model (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, NULL);
  g_autoptr(GlossAnnotation) late = annotate (fixture->document, "Teachers leave because of pay", 0);
  g_autoptr(GlossAnnotation) early = annotate (fixture->document, "rushing to shorten", 0);
  g_autoptr(GlossAnnotation) middle = annotate (fixture->document, "The savings are real", 0);
  g_autoptr(GPtrArray) found = NULL;
  ItemsChanged changed = { 0, };

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == GLOSS_TYPE_ANNOTATION);
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changed);

  gloss_annotation_store_add (store, late);
  gloss_annotation_store_add (store, early);
  gloss_annotation_store_add (store, middle);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  g_assert_true (gloss_annotation_store_get_dirty (store));

  /* Document order, whatever the order of adding. */
  g_assert_true (item (store, 0) == early);
  g_assert_true (item (store, 1) == middle);
  g_assert_true (item (store, 2) == late);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (store), 3));

  /* Editing a note refreshes its row. */
  changed.calls = 0;
  gloss_annotation_set_note (middle, "Small compared with what?");
  g_assert_cmpuint (changed.calls, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 1);

  /* An orphan goes to the end, and the count follows. */
  gloss_annotation_set_position (early, gloss_annotation_get_start (early),
                                 gloss_annotation_get_end (early), GLOSS_ANCHOR_ORPHAN);
  g_assert_true (item (store, 0) == middle);
  g_assert_true (item (store, 2) == early);
  g_assert_cmpuint (gloss_annotation_store_get_n_orphans (store), ==, 1);

  /* A note moved earlier in the text moves up the list. */
  gloss_annotation_set_position (late, 0, 4, GLOSS_ANCHOR_NEEDS_REVIEW);
  g_assert_true (item (store, 0) == late);
  g_assert_true (item (store, 1) == middle);

  found = gloss_annotation_store_find_range (store, gloss_annotation_get_start (middle) + 2,
                                             gloss_annotation_get_start (middle) + 3);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == middle);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Orphans have no place in the text. */
  found = gloss_annotation_store_find_range (store, 0, gloss_document_get_length (fixture->document));
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  g_assert_true (gloss_annotation_store_lookup (store, gloss_annotation_get_id (middle)) == middle);
  g_assert_true (gloss_annotation_store_remove (store, middle));
  g_assert_false (gloss_annotation_store_remove (store, middle));
  g_assert_null (gloss_annotation_store_lookup (store, gloss_annotation_get_id (middle)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  /* A removed note no longer touches the store. */
  changed.calls = 0;
  gloss_annotation_set_note (middle, "Gone.");
  g_assert_cmpuint (changed.calls, ==, 0);
}

static void
test_store_round_trip (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotationStore) reloaded = NULL;
  g_autoptr(GlossAnnotation) a = annotate (fixture->document, "The savings are real but small", 0);
  g_autoptr(GlossAnnotation) b = annotate (fixture->document, "Nobody should pretend the question is settled.", 1);
  g_autoptr(GlossAnnotation) c = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "statistic", NULL };
  JsonObject *object;
  JsonObject *document_info;
  JsonArray *context;
  const char *data;
  gsize size;

  gloss_annotation_set_tags (a, tags);
  gloss_annotation_set_note (a, "Two percent of *what*?\nAsk for the total.");
  gloss_annotation_set_source (a, "https://example.org/district-budget-2025.pdf");
  gloss_annotation_set_verdict (a, GLOSS_VERDICT_INSUFFICIENT);
  gloss_annotation_set_creator (a, "Priya", GLOSS_ROLE_STUDENT);
  gloss_annotation_set_kind (b, GLOSS_ANNOTATION_CLAIM);
  gloss_annotation_set_kind (c, GLOSS_ANNOTATION_BIAS);
  gloss_annotation_set_link (c, gloss_annotation_get_id (b));

  gloss_annotation_store_add (store, a);
  gloss_annotation_store_add (store, b);
  gloss_annotation_store_add (store, c);

  /* Nothing on disk yet: loading an absent sidecar is an empty store. */
  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (g_file_test (fixture->sidecar_path, G_FILE_TEST_EXISTS));
  gloss_annotation_store_add (store, a);
  gloss_annotation_store_add (store, b);
  gloss_annotation_store_add (store, c);

  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_store_get_dirty (store));

  bytes = read_bytes (fixture->sidecar_path);
  data = g_bytes_get_data (bytes, &size);
  g_assert_true (g_utf8_validate (data, size, NULL));
  g_assert_cmpint (data[0], ==, '{');
  g_assert_cmpint (data[size - 1], ==, '\n');
  g_assert_cmpint (data[size - 2], ==, '}');
  g_assert_nonnull (strstr (data, "\n  \"items\""));

  root = parse_file (fixture->sidecar_path);
  object = json_node_get_object (root);
  context = json_object_get_array_member (object, "@context");
  g_assert_cmpstr (json_array_get_string_element (context, 0), ==, "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (context, 1), "gloss"),
                   ==, "https://glossapp.github.io/ns/gloss#");
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "AnnotationCollection");
  g_assert_cmpint (json_object_get_int_member (object, "gloss:format"), ==, GLOSS_SIDECAR_FORMAT);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "gloss:generator"), "Gloss "));
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 3);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 3);

  /* The document has no file: its name comes from the sidecar's. */
  document_info = json_object_get_object_member (object, "gloss:document");
  g_assert_cmpstr (json_object_get_string_member (document_info, "source"), ==, "article.txt");
  g_assert_cmpstr (json_object_get_string_member (document_info, "title"), ==,
                   "The four-day school week is a shortcut, not a reform");
  g_assert_cmpstr (json_object_get_string_member (document_info, "textHash"), ==,
                   gloss_document_get_text_hash (fixture->document));
  g_assert_cmpint (json_object_get_int_member (document_info, "normalizer"), ==, GLOSS_NORMALIZER_VERSION);

  g_assert_cmpint (gloss_sidecar_validate (bytes, &error), ==, 3);
  g_assert_no_error (error);

  reloaded = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_assert_true (gloss_annotation_store_load (reloaded, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_store_get_dirty (reloaded));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      GlossAnnotation *original = item (store, i);
      GlossAnnotation *copy = item (reloaded, i);

      g_assert_cmpstr (gloss_annotation_get_id (copy), ==, gloss_annotation_get_id (original));
      g_assert_cmpint (gloss_annotation_get_kind (copy), ==, gloss_annotation_get_kind (original));
      g_assert_cmpstr (gloss_annotation_get_note (copy), ==, gloss_annotation_get_note (original));
      g_assert_cmpstrv (gloss_annotation_get_tags (copy), gloss_annotation_get_tags (original));
      g_assert_cmpstr (gloss_annotation_get_source (copy), ==, gloss_annotation_get_source (original));
      g_assert_cmpstr (gloss_annotation_get_link (copy), ==, gloss_annotation_get_link (original));
      g_assert_cmpint (gloss_annotation_get_verdict (copy), ==, gloss_annotation_get_verdict (original));
      g_assert_cmpstr (gloss_annotation_get_creator_name (copy), ==, gloss_annotation_get_creator_name (original));
      g_assert_cmpuint (gloss_annotation_get_start (copy), ==, gloss_annotation_get_start (original));
      g_assert_cmpuint (gloss_annotation_get_end (copy), ==, gloss_annotation_get_end (original));
      g_assert_true (g_date_time_equal (gloss_annotation_get_modified (copy),
                                        gloss_annotation_get_modified (original)));
      g_assert_cmpint (gloss_annotation_get_anchor_state (copy), ==, GLOSS_ANCHOR_ANCHORED);
    }
}

static void
test_store_document_file (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *article_path = g_build_filename (fixture->dir, "four-day-week.txt", NULL);
  g_autoptr(GFile) article = g_file_new_for_path (article_path);
  g_autoptr(GlossDocument) document = load_document ("anchor-original.txt", article);
  g_autoptr(GFile) sidecar = gloss_annotation_store_sidecar_for (article);
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (document, sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (document, "Teachers leave", 0);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sidecar_path = g_file_get_path (sidecar);
  g_autofree char *expected = g_build_filename (fixture->dir, "four-day-week.txt.gloss.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (sidecar_path, ==, expected);

  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  root = parse_file (sidecar_path);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (root),
                                                                                 "gloss:document"),
                                                  "source"),
                   ==, "four-day-week.txt");
}

/* Writes a sidecar holding one note made on @quote, with @note as its
 * text, and returns the file's contents.
 */
static char *
write_sidecar_with_note (Fixture    *fixture,
                         const char *quote,
                         const char *note)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, quote, 0);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  gloss_annotation_set_note (annotation, note);
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (fixture->sidecar_path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_store_unreadable_note (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) added = annotate (fixture->document, "must find childcare", 0);
  g_autofree char *original_path = fixture_path ("sidecar-one-bad-note.json");
  g_autoptr(JsonNode) original = parse_file (original_path);
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *bad_note;
  JsonArray *items;
  gboolean bad_note_kept = FALSE;

  copy_fixture ("sidecar-one-bad-note.json", fixture->sidecar_path);

  /* The good notes load; the bad one is counted, not fatal. */
  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (gloss_annotation_store_get_n_unreadable (store), ==, 1);
  g_assert_false (gloss_annotation_store_get_read_only (store));
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpint (gloss_annotation_get_anchor_state (item (store, i)), !=, GLOSS_ANCHOR_ORPHAN);
      assert_slice (fixture->document, item (store, i));
    }
  g_assert_cmpstr (gloss_annotation_get_note (item (store, 0)), ==,
                   "Two percent of what? The article never gives the total.");

  gloss_annotation_store_add (store, added);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  /* Written back exactly as it was read, and so is the unknown member. */
  saved = parse_file (fixture->sidecar_path);
  bad_note = json_array_get_element (json_object_get_array_member (json_node_get_object (original), "items"), 1);
  items = json_object_get_array_member (json_node_get_object (saved), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (saved), "total"), ==, 4);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      if (json_node_equal (json_array_get_element (items, i), bad_note))
        bad_note_kept = TRUE;
    }
  g_assert_true (bad_note_kept);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (original), "x-course"),
                                  json_object_get_member (json_node_get_object (saved), "x-course")));

  /* The validator is stricter than loading. */
  {
    g_autoptr(GBytes) bytes = read_bytes (original_path);

    g_assert_cmpint (gloss_sidecar_validate (bytes, &error), ==, -1);
    g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "gloss:tags"));
  }
}

/* Loading places a note whose offsets were edited badly by its quote; the
 * validator, which a teacher runs to check a file, still names them.
 */
static void
test_store_validate_positions (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "Mine.");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GString) edited = g_string_new (contents);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  /* A minus sign typed into the start offset. */
  g_assert_cmpuint (g_string_replace (edited, "\"start\" : ", "\"start\" : -", 1), ==, 1);
  g_file_set_contents (fixture->sidecar_path, edited->str, edited->len, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (gloss_annotation_store_get_n_unreadable (store), ==, 0);
  g_assert_cmpint (gloss_annotation_get_anchor_state (item (store, 0)), !=, GLOSS_ANCHOR_ORPHAN);
  assert_slice (fixture->document, item (store, 0));

  bytes = g_bytes_new (edited->str, edited->len);
  g_assert_cmpint (gloss_sidecar_validate (bytes, &error), ==, -1);
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "target.selector[1].start"));
}

static void
assert_damaged_is_kept (Fixture    *fixture,
                        const char *name,
                        gboolean    syntax_error)
{
  g_autoptr(GlossAnnotationStore) store = NULL;
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "The savings are real", 0);
  g_autofree char *path = fixture_path (name);
  g_autoptr(GBytes) damaged = read_bytes (path);
  g_autoptr(GBytes) after_load = NULL;
  g_autoptr(GBytes) backup_bytes = NULL;
  g_autoptr(GBytes) new_bytes = NULL;
  g_autofree char *backup_path = NULL;
  g_autoptr(GError) error = NULL;
  GFile *backup;

  copy_fixture (name, fixture->sidecar_path);

  store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_assert_false (gloss_annotation_store_load (store, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_test_message ("%s: %s", name, error->message);
  g_assert_nonnull (strstr (error->message, "article.txt.gloss.json"));
  if (syntax_error)
    g_assert_nonnull (strstr (error->message, "line"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_null (gloss_annotation_store_get_backup_file (store));
  g_clear_error (&error);

  /* Loading did not touch the file. */
  after_load = read_bytes (fixture->sidecar_path);
  g_assert_true (g_bytes_equal (after_load, damaged));

  /* The first save moves it aside, under a name that was free. */
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  backup = gloss_annotation_store_get_backup_file (store);
  g_assert_nonnull (backup);
  backup_path = g_file_get_path (backup);
  backup_bytes = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (backup_bytes, damaged));

  new_bytes = read_bytes (fixture->sidecar_path);
  g_assert_cmpint (gloss_sidecar_validate (new_bytes, &error), ==, 1);
  g_assert_no_error (error);

  /* Later saves leave the damaged copy alone. */
  gloss_annotation_set_note (annotation, "Second save.");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&backup_bytes, g_bytes_unref);
  backup_bytes = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (backup_bytes, damaged));
}

static void
test_store_damaged (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const struct {
    const char *name;
    gboolean    syntax_error;
    const char *backup;
  } cases[] = {
    { "sidecar-malformed.json", TRUE, ".broken" },
    { "sidecar-truncated.json", TRUE, ".broken-2" },
    { "sidecar-wrong-types.json", FALSE, ".broken-3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = g_strconcat (fixture->sidecar_path, cases[i].backup, NULL);
      g_autofree char *path = fixture_path (cases[i].name);
      g_autoptr(GBytes) original = read_bytes (path);
      g_autoptr(GBytes) backup = NULL;

      /* Each damaged file ends up beside the earlier ones, none lost. */
      assert_damaged_is_kept (fixture, cases[i].name, cases[i].syntax_error);
      g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
      backup = read_bytes (expected);
      g_assert_true (g_bytes_equal (backup, original));
    }
}

static void
test_store_not_a_collection (Fixture       *fixture,
                             gconstpointer  user_data)
{
  static const char *contents[] = {
    "",
    "   \n",
    "\"notes\"\n",
    "{\"type\": \"Annotation\", \"id\": \"urn:uuid:1\"}\n",
    "{\"gloss:format\": \"one\", \"items\": []}\n",
    "{\"gloss:format\": 1, \"items\": 5}\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (contents); i++)
    {
      g_autoptr(GlossAnnotationStore) store = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new_static (contents[i], strlen (contents[i]));
      g_autoptr(GBytes) after = NULL;
      g_autoptr(GError) error = NULL;

      g_file_set_contents (fixture->sidecar_path, contents[i], -1, &error);
      g_assert_no_error (error);

      store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
      g_assert_false (gloss_annotation_store_load (store, NULL, &error));
      g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
      g_clear_error (&error);

      after = read_bytes (fixture->sidecar_path);
      g_assert_true (g_bytes_equal (after, bytes));

      g_assert_cmpint (gloss_sidecar_validate (bytes, &error), ==, -1);
      g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
    }
}

/* Connected swapped: the counter comes first, the signal's own arguments
 * are not needed.
 */
static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_store_newer_format (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *path = fixture_path ("sidecar-newer.json");
  g_autoptr(GBytes) original = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  guint failed = 0;

  copy_fixture ("sidecar-newer.json", fixture->sidecar_path);
  g_signal_connect_swapped (store, "save-failed", G_CALLBACK (count_cb), &failed);

  g_assert_false (gloss_annotation_store_load (store, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER);
  g_clear_error (&error);

  /* What this version understands is shown, read-only. */
  g_assert_true (gloss_annotation_store_get_read_only (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (gloss_annotation_store_get_n_unreadable (store), ==, 1);

  gloss_annotation_store_add (store, annotation);
  g_assert_false (gloss_annotation_store_save (store, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_READ_ONLY);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_true (gloss_annotation_store_get_dirty (store));

  after = read_bytes (fixture->sidecar_path);
  g_assert_true (g_bytes_equal (after, original));

  g_clear_error (&error);
  g_assert_cmpint (gloss_sidecar_validate (original, &error), ==, -1);
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER);
}

/* Whether @dir really refuses new files: root ignores the permission
 * bits, and then the test cannot make a read-only folder.
 */
static gboolean
directory_refuses_writes (const char *dir)
{
  g_autofree char *probe = g_build_filename (dir, "probe", NULL);

  if (g_access (dir, W_OK) == 0)
    return FALSE;

  if (g_file_set_contents (probe, "x", 1, NULL))
    {
      g_remove (probe);
      return FALSE;
    }

  return TRUE;
}

static void
save_failed_cb (GlossAnnotationStore *store,
                const GError         *error,
                GError              **out)
{
  g_clear_error (out);
  *out = g_error_copy (error);
}

static void
test_store_read_only_directory (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signalled = NULL;

  g_assert_cmpint (g_chmod (fixture->dir, 0500), ==, 0);
  if (!directory_refuses_writes (fixture->dir))
    {
      g_chmod (fixture->dir, 0700);
      g_test_skip ("Permissions do not stop this user from writing (running as root?)");
      return;
    }

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &signalled);
  gloss_annotation_store_add (store, annotation);

  g_assert_false (gloss_annotation_store_save (store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (signalled);
  g_assert_true (gloss_annotation_store_get_dirty (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_false (g_file_test (fixture->sidecar_path, G_FILE_TEST_EXISTS));

  /* Once the folder is writable again, nothing was lost. */
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  g_clear_error (&error);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gloss_annotation_store_get_dirty (store));
}

/* The same failure in a form that holds for every user: the sidecar's
 * folder is a file.
 */
static void
test_store_save_error (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *not_a_dir = g_build_filename (fixture->dir, "plain-file", NULL);
  g_autofree char *path = g_build_filename (not_a_dir, "article.txt.gloss.json", NULL);
  g_autoptr(GFile) sidecar = g_file_new_for_path (path);
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) signalled = NULL;

  g_file_set_contents (not_a_dir, "just a file\n", -1, &error);
  g_assert_no_error (error);

  g_signal_connect (store, "save-failed", G_CALLBACK (save_failed_cb), &signalled);
  gloss_annotation_store_add (store, annotation);
  gloss_annotation_set_note (annotation, "Keep me.");

  g_assert_false (gloss_annotation_store_save (store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (signalled);
  g_assert_cmpint (signalled->code, ==, error->code);
  g_assert_true (gloss_annotation_store_get_dirty (store));
  g_assert_cmpstr (gloss_annotation_get_note (item (store, 0)), ==, "Keep me.");
}

typedef struct {
  GMainLoop *loop;
  guint      saved;
  guint      failed;
  gboolean   timed_out;
} Waiter;

static void
waiter_saved_cb (GlossAnnotationStore *store,
                 Waiter               *waiter)
{
  waiter->saved++;
  g_main_loop_quit (waiter->loop);
}

static void
waiter_failed_cb (GlossAnnotationStore *store,
                  const GError         *error,
                  Waiter               *waiter)
{
  waiter->failed++;
  g_main_loop_quit (waiter->loop);
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->timed_out = TRUE;
  g_main_loop_quit (waiter->loop);
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until the store reports a save, with a generous
 * limit so that a slow machine does not fail the test.
 */
static void
wait_for_save (Waiter *waiter)
{
  guint timeout = g_timeout_add_seconds (20, waiter_timeout_cb, waiter);

  g_main_loop_run (waiter->loop);
  if (!waiter->timed_out)
    g_source_remove (timeout);

  g_assert_false (waiter->timed_out);
}

static void
test_store_autosave (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "The savings are real", 0);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter waiter = { loop, 0, 0, FALSE };
  g_autofree char *contents = NULL;
  gint64 started;

  g_signal_connect (store, "saved", G_CALLBACK (waiter_saved_cb), &waiter);
  g_signal_connect (store, "save-failed", G_CALLBACK (waiter_failed_cb), &waiter);
  gloss_annotation_store_set_autosave (store, TRUE);

  started = g_get_monotonic_time ();
  gloss_annotation_store_add (store, annotation);
  gloss_annotation_set_note (annotation, "First draft");
  gloss_annotation_set_note (annotation, "Second draft");
  wait_for_save (&waiter);

  /* One save for the burst of changes, about a second after it. */
  g_assert_cmpuint (waiter.saved, ==, 1);
  g_assert_cmpuint (waiter.failed, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_false (gloss_annotation_store_get_dirty (store));
  g_file_get_contents (fixture->sidecar_path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "Second draft"));

  gloss_annotation_set_note (annotation, "Final version");
  g_assert_true (gloss_annotation_store_get_dirty (store));
  wait_for_save (&waiter);
  g_assert_cmpuint (waiter.saved, ==, 2);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (fixture->sidecar_path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "Final version"));
  g_assert_null (strstr (contents, "Second draft"));
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
test_store_async (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotationStore) reloaded = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) first = annotate (fixture->document, "The savings are real", 0);
  g_autoptr(GlossAnnotation) second = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  guint saved = 0;

  g_signal_connect_swapped (store, "saved", G_CALLBACK (count_cb), &saved);
  gloss_annotation_store_add (store, first);

  /* Two saves asked for at once are written one after the other; the
   * second one carries the later change.
   */
  gloss_annotation_store_save_async (store, NULL, async_cb, &result);
  gloss_annotation_store_add (store, second);
  gloss_annotation_store_save_async (store, NULL, async_cb, &result2);

  g_assert_true (gloss_annotation_store_save_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_store_save_finish (store, wait_for_result (&result2), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (saved, ==, 2);
  g_assert_false (gloss_annotation_store_get_dirty (store));

  /* A synchronous save while an asynchronous one is writing an older
   * snapshot: the newest words still end up on disk.
   */
  g_clear_object (&result);
  saved = 0;
  gloss_annotation_set_note (first, "Snapshot being written");
  gloss_annotation_store_save_async (store, NULL, async_cb, &result);
  gloss_annotation_set_note (first, "Newest words");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_store_save_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  {
    gboolean timed_out = FALSE;
    guint timeout = g_timeout_add_seconds (20, flag_cb, &timed_out);

    while (saved < 3 && !timed_out)
      g_main_context_iteration (NULL, TRUE);
    g_assert_false (timed_out);
    g_source_remove (timeout);
  }
  g_assert_false (gloss_annotation_store_get_dirty (store));
  {
    g_autofree char *contents = NULL;

    g_file_get_contents (fixture->sidecar_path, &contents, NULL, NULL);
    g_assert_nonnull (strstr (contents, "Newest words"));
  }

  g_clear_object (&result);
  gloss_annotation_store_load_async (reloaded, NULL, async_cb, &result);
  g_assert_true (gloss_annotation_store_load_finish (reloaded, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reloaded)), ==, 2);
  g_assert_cmpstr (gloss_annotation_get_id (item (reloaded, 1)), ==, gloss_annotation_get_id (second));
}

static void
test_store_async_damaged (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *path = fixture_path ("sidecar-truncated.json");
  g_autoptr(GBytes) damaged = read_bytes (path);
  g_autofree char *backup_path = g_strconcat (fixture->sidecar_path, ".broken", NULL);
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  copy_fixture ("sidecar-truncated.json", fixture->sidecar_path);

  gloss_annotation_store_load_async (store, NULL, async_cb, &result);
  g_assert_false (gloss_annotation_store_load_finish (store, wait_for_result (&result), &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&result);

  gloss_annotation_store_add (store, annotation);
  gloss_annotation_store_save_async (store, NULL, async_cb, &result);
  g_assert_true (gloss_annotation_store_save_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);

  backup = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (backup, damaged));
}

static void
test_store_orphans_kept (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GlossDocument) revised = load_document ("anchor-revised.txt", NULL);
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotationStore) reopened = NULL;
  g_autoptr(GlossAnnotation) deleted = annotate (fixture->document, "One state study found slightly lower maths scores", 0);
  g_autoptr(GlossAnnotation) kept = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  gloss_annotation_set_note (deleted, "Which state?");
  gloss_annotation_store_add (store, deleted);
  gloss_annotation_store_add (store, kept);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  /* The article was revised and the sentence is gone. */
  reopened = gloss_annotation_store_new (revised, fixture->sidecar);
  g_assert_true (gloss_annotation_store_load (reopened, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reopened)), ==, 2);
  g_assert_cmpuint (gloss_annotation_store_get_n_orphans (reopened), ==, 1);
  g_assert_cmpint (gloss_annotation_get_anchor_state (item (reopened, 0)), ==, GLOSS_ANCHOR_MOVED);
  assert_slice (revised, item (reopened, 0));
  g_assert_cmpint (gloss_annotation_get_anchor_state (item (reopened, 1)), ==, GLOSS_ANCHOR_ORPHAN);
  g_assert_cmpstr (gloss_annotation_get_note (item (reopened, 1)), ==, "Which state?");

  /* Saving keeps the orphan and its quote. */
  gloss_annotation_set_note (item (reopened, 0), "Edited after the revision.");
  g_assert_true (gloss_annotation_store_save (reopened, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (fixture->sidecar_path, &contents, NULL, NULL);
  g_assert_nonnull (strstr (contents, "Which state?"));
  g_assert_nonnull (strstr (contents, "One state study found slightly lower maths scores"));
  g_assert_nonnull (strstr (contents, "\"orphan\""));
}

static void
test_store_hypothesis_export (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GError) error = NULL;
  const char *tags[] = { "discussion", "costs", NULL };
  GlossAnnotation *annotation;

  copy_fixture ("sidecar-hypothesis.json", fixture->sidecar_path);
  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  annotation = item (store, 0);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==,
                   "Childcare costs: ask the class to **estimate** them for one family.");
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), tags);
  g_assert_cmpstr (gloss_annotation_get_creator_name (annotation), ==, "ms.ferreira");
  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_MOVED);
  assert_slice (fixture->document, annotation);
}

/* Hand-edited and hostile sidecars */

static void
test_store_deeply_nested (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GString) nested = g_string_new ("{\"type\": \"AnnotationCollection\", \"items\": [{\"x-deep\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = g_strconcat (fixture->sidecar_path, ".broken", NULL);
  const guint depth = 1000000;

  /* A million nested lists: enough to exhaust the stack of a parser that
   * recurses once per level.
   */
  for (guint i = 0; i < depth; i++)
    g_string_append_c (nested, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (nested, ']');
  g_string_append (nested, "}]}\n");
  g_file_set_contents (fixture->sidecar_path, nested->str, nested->len, &error);
  g_assert_no_error (error);

  g_assert_false (gloss_annotation_store_load (store, NULL, &error));
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "article.txt.gloss.json"));
  g_assert_nonnull (strstr (error->message, "deep"));
  g_clear_error (&error);

  bytes = g_bytes_new_static (nested->str, nested->len);
  g_assert_cmpint (gloss_sidecar_validate (bytes, &error), ==, -1);
  g_assert_error (error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_INVALID);
  g_clear_error (&error);

  /* The file is kept as it was when the first note is saved. */
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  backup = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (backup, bytes));
}

static void
test_store_invalid_utf8 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "Tomas checked the budget.");
  g_autofree char *backup_path = g_strconcat (fixture->sidecar_path, ".broken", NULL);
  g_autofree char *saved = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GBytes) backup = NULL;
  g_autoptr(GError) error = NULL;
  char *a = strstr (contents, "Tomas");
  guint repaired = 0;

  /* Saved by an editor in Latin-1: "Tomás" with a lone byte 0xE1. */
  g_assert_nonnull (a);
  a[3] = '\xe1';
  g_file_set_contents (fixture->sidecar_path, contents, -1, &error);
  g_assert_no_error (error);
  original = read_bytes (fixture->sidecar_path);

  /* The note is shown, with the character it could not read marked. */
  g_signal_connect_swapped (store, "notify::repaired", G_CALLBACK (count_cb), &repaired);
  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gloss_annotation_store_get_repaired (store));
  g_assert_cmpuint (repaired, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (gloss_annotation_get_note (item (store, 0)), ==, "Tom\xef\xbf\xbd" "s checked the budget.");
  assert_slice (fixture->document, item (store, 0));

  /* Saving writes valid UTF-8 and keeps the original bytes aside. */
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  backup = read_bytes (backup_path);
  g_assert_true (g_bytes_equal (backup, original));
  g_file_get_contents (fixture->sidecar_path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (saved, -1, NULL));
  g_assert_nonnull (strstr (saved, "s checked the budget."));
  g_assert_nonnull (strstr (saved, "Teachers leave"));
}

static void
test_store_sidecar_is_directory (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *inside = g_build_filename (fixture->sidecar_path, "keep.txt", NULL);
  g_autofree char *backup_path = g_strconcat (fixture->sidecar_path, ".broken", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (fixture->sidecar_path, 0700), ==, 0);
  g_file_set_contents (inside, "mine", -1, &error);
  g_assert_no_error (error);

  g_assert_false (gloss_annotation_store_load (store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  /* Saving does not move or replace the folder; the note stays. */
  gloss_annotation_store_add (store, annotation);
  g_assert_false (gloss_annotation_store_save (store, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);
  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  g_assert_true (gloss_annotation_store_get_dirty (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  /* Once the folder is out of the way, the notes are saved. */
  g_assert_cmpint (g_remove (inside), ==, 0);
  g_assert_cmpint (g_rmdir (fixture->sidecar_path), ==, 0);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (fixture->sidecar_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_store_duplicate_ids (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "First copy.");
  g_autofree char *copy_contents = NULL;
  g_autofree char *copied = NULL;
  JsonArray *items;
  JsonNode *copy;
  GlossAnnotation *first;
  GlossAnnotation *second;
  const char *id;

  /* A note pasted twice by hand, and the copy edited. */
  json_parser_load_from_data (parser, contents, -1, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "items");
  copy = json_node_copy (json_array_get_element (items, 0));
  json_array_add_element (items, copy);
  json_generator_set_root (generator, json_parser_get_root (parser));
  copied = json_generator_to_data (generator, NULL);
  copy_contents = g_strdup (copied);
  {
    char *first_copy = strstr (copy_contents, "First copy.");
    char *second_copy = first_copy != NULL ? strstr (first_copy + 1, "First copy.") : NULL;

    g_assert_nonnull (second_copy);
    memcpy (second_copy, "Other", 5);
  }
  g_file_set_contents (fixture->sidecar_path, copy_contents, -1, &error);
  g_assert_no_error (error);

  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  first = item (store, 0);
  second = item (store, 1);

  /* Both are shown, and each can be found, edited and deleted on its own. */
  g_assert_cmpstr (gloss_annotation_get_id (first), !=, gloss_annotation_get_id (second));
  id = gloss_annotation_get_id (second);
  g_assert_true (gloss_annotation_store_lookup (store, id) == second);
  g_assert_true (gloss_annotation_store_lookup (store, gloss_annotation_get_id (first)) == first);
  g_assert_true (g_str_has_prefix (gloss_annotation_get_note (first), "First copy.") ||
                 g_str_has_prefix (gloss_annotation_get_note (second), "First copy."));
  g_assert_true (g_str_has_prefix (gloss_annotation_get_note (first), "Other copy.") ||
                 g_str_has_prefix (gloss_annotation_get_note (second), "Other copy."));

  /* Read again, the file gives the copy the same id: what is shown and
   * exported does not change from one reading to the next.
   */
  {
    g_autoptr(GlossAnnotationStore) again = gloss_annotation_store_new (fixture->document, fixture->sidecar);

    g_assert_true (gloss_annotation_store_load (again, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (gloss_annotation_store_lookup (again, gloss_annotation_get_id (first)));
    g_assert_nonnull (gloss_annotation_store_lookup (again, gloss_annotation_get_id (second)));
  }
}

/* Another program writes the sidecar while Gloss has it open. */
static void
write_other_version (Fixture    *fixture,
                     const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  guint64 mtime;

  g_file_set_contents (fixture->sidecar_path, contents, -1, &error);
  g_assert_no_error (error);

  /* File times can be coarse: make sure the change shows in them, as it
   * would a moment later.
   */
  info = g_file_query_info (fixture->sidecar, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  mtime = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  g_file_set_attribute_uint64 (fixture->sidecar, G_FILE_ATTRIBUTE_TIME_MODIFIED, mtime + 7,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
}

static void
test_store_conflict (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "Mine.");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *conflict_path = g_strconcat (fixture->sidecar_path, ".conflict", NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  guint conflicts = 0;

  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_signal_connect_swapped (store, "notify::conflict-file", G_CALLBACK (count_cb), &conflicts);

  /* Saving over our own file is no conflict. */
  gloss_annotation_set_note (item (store, 0), "Mine, edited.");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gloss_annotation_store_get_conflict_file (store));

  /* Another program (a sync client, a second copy of Gloss) writes its
   * version; ours is saved and theirs kept beside it.
   */
  theirs = write_sidecar_with_note (fixture, "Teachers leave because of pay", "Theirs.");
  write_other_version (fixture, theirs);
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (conflicts, ==, 1);
  g_assert_nonnull (gloss_annotation_store_get_conflict_file (store));
  g_assert_cmpstr (g_file_peek_path (gloss_annotation_store_get_conflict_file (store)), ==, conflict_path);
  g_file_get_contents (conflict_path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, theirs);
  g_file_get_contents (fixture->sidecar_path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "Mine, edited."));
  g_assert_nonnull (strstr (saved, "Teachers leave"));
  g_assert_null (strstr (saved, "Theirs."));

  /* The next save is over our own file again. */
  gloss_annotation_set_note (annotation, "Later.");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts, ==, 1);

  /* A sidecar deleted by someone else is written again, no conflict. */
  g_assert_cmpint (g_remove (fixture->sidecar_path), ==, 0);
  gloss_annotation_set_note (annotation, "After the deletion.");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts, ==, 1);
  g_clear_pointer (&saved, g_free);
  g_file_get_contents (fixture->sidecar_path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "After the deletion."));
}

static void
test_store_conflict_new_file (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *conflict_path = g_strconcat (fixture->sidecar_path, ".conflict", NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  /* No notes file when the article was opened... */
  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);

  /* ...but one appeared before the first save. */
  theirs = write_sidecar_with_note (fixture, "The savings are real", "Theirs.");
  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  g_file_get_contents (conflict_path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, theirs);
}

static void
test_store_conflict_async (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "Mine.");
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter waiter = { loop, 0, 0, FALSE };
  g_autofree char *conflict_path = g_strconcat (fixture->sidecar_path, ".conflict", NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "saved", G_CALLBACK (waiter_saved_cb), &waiter);
  g_signal_connect (store, "save-failed", G_CALLBACK (waiter_failed_cb), &waiter);
  gloss_annotation_store_set_autosave (store, TRUE);

  /* Ours first, then theirs, as in a window that stays open. */
  gloss_annotation_set_note (item (store, 0), "Mine, edited.");
  wait_for_save (&waiter);
  g_assert_cmpuint (waiter.saved, ==, 1);

  theirs = write_sidecar_with_note (fixture, "Teachers leave because of pay", "Theirs.");
  write_other_version (fixture, theirs);
  gloss_annotation_set_note (item (store, 0), "Mine, edited twice.");
  wait_for_save (&waiter);
  g_assert_cmpuint (waiter.saved, ==, 2);
  g_assert_cmpuint (waiter.failed, ==, 0);

  g_file_get_contents (conflict_path, &kept, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, theirs);
  g_file_get_contents (fixture->sidecar_path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "Mine, edited twice."));
  g_assert_nonnull (gloss_annotation_store_get_conflict_file (store));
}

static void
test_store_autosave_retries (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "notes", NULL);
  g_autofree char *path = g_build_filename (folder, "article.txt.gloss.json", NULL);
  g_autoptr(GFile) sidecar = g_file_new_for_path (path);
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Waiter waiter = { loop, 0, 0, FALSE };
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  /* The folder cannot take the notes yet (it is a file)... */
  g_file_set_contents (folder, "in the way\n", -1, &error);
  g_assert_no_error (error);

  g_signal_connect (store, "saved", G_CALLBACK (waiter_saved_cb), &waiter);
  g_signal_connect (store, "save-failed", G_CALLBACK (waiter_failed_cb), &waiter);
  gloss_annotation_store_set_autosave (store, TRUE);
  gloss_annotation_store_add (store, annotation);
  gloss_annotation_set_note (annotation, "Do not lose me.");
  wait_for_save (&waiter);
  g_assert_cmpuint (waiter.failed, ==, 1);
  g_assert_cmpuint (waiter.saved, ==, 0);
  g_assert_true (gloss_annotation_store_get_dirty (store));

  /* ...then it can, and the notes reach it without another change. */
  g_assert_cmpint (g_remove (folder), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  while (waiter.saved == 0)
    wait_for_save (&waiter);
  g_assert_false (gloss_annotation_store_get_dirty (store));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Do not lose me."));
}

/* A sidecar that is a link (to a synced folder, say) stays a link: the
 * notes are written where it points, with no false conflict.
 */
static void
test_store_symlink (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *real_path = g_build_filename (fixture->dir, "synced-notes.json", NULL);
  g_autofree char *contents = write_sidecar_with_note (fixture, "The savings are real", "Mine.");
  g_autofree char *conflict_path = g_strconcat (fixture->sidecar_path, ".conflict", NULL);
  g_autoptr(GlossAnnotationStore) store = gloss_annotation_store_new (fixture->document, fixture->sidecar);
  g_autoptr(GlossAnnotation) annotation = annotate (fixture->document, "Teachers leave", 0);
  g_autofree char *saved = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_rename (fixture->sidecar_path, real_path), ==, 0);
  g_assert_cmpint (symlink ("synced-notes.json", fixture->sidecar_path), ==, 0);

  g_assert_true (gloss_annotation_store_load (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  gloss_annotation_store_add (store, annotation);
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);
  gloss_annotation_set_note (annotation, "Saved twice.");
  g_assert_true (gloss_annotation_store_save (store, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (fixture->sidecar_path, G_FILE_TEST_IS_SYMLINK));
  target = g_file_read_link (fixture->sidecar_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, "synced-notes.json");
  g_file_get_contents (real_path, &saved, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "Saved twice."));
  g_assert_false (g_file_test (conflict_path, G_FILE_TEST_EXISTS));
  g_assert_null (gloss_annotation_store_get_conflict_file (store));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/store/model", test_store_model);
  ADD ("/core/store/round-trip", test_store_round_trip);
  ADD ("/core/store/document-file", test_store_document_file);
  ADD ("/core/store/unreadable-note-kept", test_store_unreadable_note);
  ADD ("/core/store/damaged-sidecar-kept", test_store_damaged);
  ADD ("/core/store/not-a-collection", test_store_not_a_collection);
  ADD ("/core/store/newer-format-read-only", test_store_newer_format);
  ADD ("/core/store/read-only-directory", test_store_read_only_directory);
  ADD ("/core/store/save-error", test_store_save_error);
  ADD ("/core/store/autosave", test_store_autosave);
  ADD ("/core/store/async", test_store_async);
  ADD ("/core/store/async-damaged", test_store_async_damaged);
  ADD ("/core/store/orphans-kept", test_store_orphans_kept);
  ADD ("/core/store/hypothesis-export", test_store_hypothesis_export);
  ADD ("/core/store/validate-positions", test_store_validate_positions);
  ADD ("/core/store/deeply-nested", test_store_deeply_nested);
  ADD ("/core/store/invalid-utf8", test_store_invalid_utf8);
  ADD ("/core/store/sidecar-is-directory", test_store_sidecar_is_directory);
  ADD ("/core/store/duplicate-ids", test_store_duplicate_ids);
  ADD ("/core/store/conflict", test_store_conflict);
  ADD ("/core/store/conflict-new-file", test_store_conflict_new_file);
  ADD ("/core/store/conflict-async", test_store_conflict_async);
  ADD ("/core/store/autosave-retries", test_store_autosave_retries);
  ADD ("/core/store/symlink", test_store_symlink);

#undef ADD

  return g_test_run ();
}
