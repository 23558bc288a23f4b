/* test-vocabulary.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-core.h"
#include "gloss-test-util.h"

/* XDG_DATA_HOME of this test, set before GLib first reads it. */
static char *data_home;

static const char *override_json =
  "{ \"id\": \"evidence\", \"title\": \"Class 9B evidence\", \"kind\": \"evidence\",\n"
  "  \"version\": 1,\n"
  "  \"tags\": [\n"
  "    { \"id\": \"primary\", \"label\": \"Primary source\",\n"
  "      \"definition\": \"A document from the time.\", \"color\": \"#1c71d8\",\n"
  "      \"hotkey\": \"P\" },\n"
  "    { \"id\": \"secondary\", \"label\": \"Secondary source\" }\n"
  "  ]\n"
  "}\n";

static gboolean
is_color (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

static void
assert_complete (GlossVocabulary *vocabulary)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) hotkeys = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (gloss_vocabulary_get_n_tags (vocabulary), >, 0);

  for (guint i = 0; i < gloss_vocabulary_get_n_tags (vocabulary); i++)
    {
      const GlossTag *tag = gloss_vocabulary_get_tag (vocabulary, i);

      g_assert_nonnull (tag->id);
      g_assert_nonnull (tag->label);
      g_assert_nonnull (tag->definition);
      g_assert_nonnull (tag->example);
      g_assert_true (is_color (tag->color));
      g_assert_true (gloss_vocabulary_lookup (vocabulary, tag->id) == tag);

      /* Tags must be told apart by colour and by key. */
      g_assert_false (g_hash_table_contains (colors, tag->color));
      g_hash_table_add (colors, tag->color);

      if (tag->hotkey != NULL)
        {
          g_assert_cmpuint (g_utf8_strlen (tag->hotkey, -1), ==, 1);
          g_assert_false (g_hash_table_contains (hotkeys, tag->hotkey));
          g_hash_table_add (hotkeys, tag->hotkey);
        }
    }
}

static GlossVocabulary *
load_shipped (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/io/github/glossapp/Gloss/vocabularies/%s.json", id);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  GlossVocabulary *vocabulary;

  /* Through the default first, so that the core's resource is loaded. */
  gloss_vocabulary_get_default (id);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  vocabulary = gloss_vocabulary_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  return vocabulary;
}

static void
test_vocabulary_bias_default (void)
{
  GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");
  const char * const expected[] = {
    "loaded-language", "name-calling", "hedge", "generalisation", "intensifier",
    "rhetorical-question", "exaggeration", "doubt", "appeal-to-fear", "flag-waving",
    "causal-oversimplification", "slogans", "appeal-to-authority", "black-and-white",
    "thought-terminating-cliche", "whataboutism", "straw-man", "bandwagon", "repetition",
    "one-sidedness",
  };

  g_assert_nonnull (bias);
  g_assert_cmpstr (gloss_vocabulary_get_id (bias), ==, "bias");
  g_assert_cmpstr (gloss_vocabulary_get_kind (bias), ==, "bias");
  g_assert_nonnull (gloss_vocabulary_get_title (bias));
  assert_complete (bias);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (gloss_vocabulary_lookup (bias, expected[i]));

  g_assert_cmpstr (gloss_vocabulary_lookup (bias, "loaded-language")->technique, ==,
                   "Loaded_Language");
  g_assert_cmpstr (gloss_vocabulary_lookup (bias, "name-calling")->technique, ==,
                   "Name_Calling,Labeling");
  g_assert_cmpstr (gloss_vocabulary_lookup (bias, "exaggeration")->technique, ==,
                   "Exaggeration,Minimisation");
  g_assert_null (gloss_vocabulary_lookup (bias, "hedge")->technique);
  g_assert_cmpstr (gloss_vocabulary_lookup (bias, "hedge")->hotkey, ==, "H");
  g_assert_null (gloss_vocabulary_lookup (bias, "no-such-tag"));

  /* Loaded once. */
  g_assert_true (gloss_vocabulary_get_default ("bias") == bias);
}

static void
test_vocabulary_evidence_shipped (void)
{
  g_autoptr(GlossVocabulary) evidence = load_shipped ("evidence");
  const char * const expected[] = {
    "supported", "needs-source", "contradicted", "statistic", "quotation", "anecdote",
    "expert", "citation",
  };

  g_assert_cmpstr (gloss_vocabulary_get_kind (evidence), ==, "evidence");
  assert_complete (evidence);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (gloss_vocabulary_lookup (evidence, expected[i]));
}

static void
test_vocabulary_user_override (void)
{
  GlossVocabulary *evidence = gloss_vocabulary_get_default ("evidence");

  /* The file in $XDG_DATA_HOME/gloss/vocabularies/ wins over the shipped
   * one of the same id.
   */
  g_assert_nonnull (evidence);
  g_assert_cmpstr (gloss_vocabulary_get_title (evidence), ==, "Class 9B evidence");
  g_assert_cmpuint (gloss_vocabulary_get_n_tags (evidence), ==, 2);
  g_assert_cmpstr (gloss_vocabulary_get_tag (evidence, 0)->hotkey, ==, "P");
  g_assert_null (gloss_vocabulary_get_tag (evidence, 1)->color);
  g_assert_null (gloss_vocabulary_lookup (evidence, "supported"));

  /* A teacher's own vocabulary of a new id is found as well; a broken one
   * is skipped rather than shown half-read.
   */
  g_assert_nonnull (gloss_vocabulary_get_default ("class-9b"));
  g_assert_cmpstr (gloss_vocabulary_get_id (gloss_vocabulary_get_default ("class-9b")), ==, "class-9b");
  g_assert_null (gloss_vocabulary_get_default ("broken"));

  g_assert_null (gloss_vocabulary_get_default ("no-such-vocabulary"));
  g_assert_null (gloss_vocabulary_get_default ("../evidence"));
}

static void
test_vocabulary_malformed (void)
{
  const struct {
    const char *json;
    const char *message_part;
  } cases[] = {
    { "{ \"id\": \"x\", \"tags\": [ ", "Not valid JSON" },
    { "[ 1, 2 ]", "JSON object" },
    { "{ \"title\": \"No id\", \"tags\": [ { \"id\": \"a\", \"label\": \"A\" } ] }", "“id”" },
    { "{ \"id\": \"x\" }", "“tags”" },
    { "{ \"id\": \"x\", \"tags\": [] }", "at least one tag" },
    { "{ \"id\": \"x\", \"tags\": [ { \"id\": \"spin\" } ] }", "“label”" },
    { "{ \"id\": \"x\", \"tags\": [ { \"id\": \"a\", \"label\": 3 } ] }", "must be a string" },
    { "{ \"id\": \"x\", \"tags\": [ { \"id\": \"a\", \"label\": \"A\" },"
      " { \"id\": \"a\", \"label\": \"B\" } ] }", "more than once" },
    { "{ \"id\": \"x\", \"tags\": [ { \"id\": \"a\", \"label\": \"A\", \"color\": \"red\" } ] }",
      "#rrggbb" },
    { "{ \"id\": \"x\", \"tags\": [ { \"id\": \"a\", \"label\": \"A\", \"hotkey\": \"ab\" } ] }",
      "single character" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossVocabulary) vocabulary = gloss_vocabulary_new_from_bytes (bytes, &error);

      g_assert_null (vocabulary);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, cases[i].message_part) == NULL)
        g_error ("“%s” does not say “%s”", error->message, cases[i].message_part);
    }
}

static void
test_vocabulary_file_error (void)
{
  g_autofree char *path = g_build_filename (data_home, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/gloss/vocabulary.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossVocabulary) vocabulary = NULL;

  g_file_set_contents (path, "{ \"id\": \"broken\", \"tags\": 7 }", -1, &error);
  g_assert_no_error (error);

  /* The message names the file, so that a teacher knows which one. */
  vocabulary = gloss_vocabulary_new_from_file (file, &error);
  g_assert_null (vocabulary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  vocabulary = gloss_vocabulary_new_from_file (missing, &error);
  g_assert_null (vocabulary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *vocabularies = NULL;
  g_autofree char *override = NULL;
  int ret;

  /* GLib reads XDG_DATA_HOME once, so it is set before anything asks. */
  data_home = g_dir_make_tmp ("gloss-test-vocabulary-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  vocabularies = g_build_filename (data_home, "gloss", "vocabularies", NULL);
  g_mkdir_with_parents (vocabularies, 0700);
  override = g_build_filename (vocabularies, "evidence.json", NULL);
  g_file_set_contents (override, override_json, -1, &error);
  g_assert_no_error (error);

  g_free (override);
  override = g_build_filename (vocabularies, "class-9b.json", NULL);
  g_file_set_contents (override,
                       "{ \"id\": \"class-9b\", \"tags\": [ { \"id\": \"spin\", \"label\": \"Spin\" } ] }",
                       -1, &error);
  g_assert_no_error (error);

  g_free (override);
  override = g_build_filename (vocabularies, "broken.json", NULL);
  g_file_set_contents (override, "{ \"id\": \"broken\", \"tags\": [ { \"id\": \"spin\" } ] }",
                       -1, &error);
  g_assert_no_error (error);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/vocabulary/bias-default", test_vocabulary_bias_default);
  g_test_add_func ("/core/vocabulary/evidence-shipped", test_vocabulary_evidence_shipped);
  g_test_add_func ("/core/vocabulary/user-override", test_vocabulary_user_override);
  g_test_add_func ("/core/vocabulary/malformed", test_vocabulary_malformed);
  g_test_add_func ("/core/vocabulary/file-error", test_vocabulary_file_error);

  ret = g_test_run ();

  gloss_test_remove_tree (data_home);
  g_free (data_home);

  return ret;
}
