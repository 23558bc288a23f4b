/* test-cli.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gloss-core.h"
#include "gloss-test-util.h"

typedef struct {
  int    status;
  char  *out;
  char  *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs gloss-cli with @args (NULL-terminated) and @input on stdin. */
static void
run_cli (Run                *run,
         const char         *input,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("GLOSS_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDIN_PIPE |
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

#define RUN(run, input, ...) run_cli (run, input, (const char *[]) { __VA_ARGS__, NULL })

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* A bad-input message is exactly one line that names the file. */
static void
assert_one_line_naming (const char *err,
                        const char *name)
{
  g_autofree char *basename = g_path_get_basename (name);
  const char *newline = strchr (err, '\n');

  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
  g_assert_nonnull (strstr (err, basename));
}

static void
test_usage_errors (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) format = { 0 };
  g_auto(Run) two_files = { 0 };
  g_auto(Run) export_without_format = { 0 };
  g_autofree char *article = fixture ("cli-article.txt");

  RUN (&none, NULL, NULL);
  g_assert_cmpint (none.status, ==, 2);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_cmpstr (none.err, !=, "");

  RUN (&unknown, NULL, "summarise", article);
  g_assert_cmpint (unknown.status, ==, 2);
  g_assert_nonnull (strstr (unknown.err, "summarise"));

  RUN (&format, NULL, "extract", "--format=pdf", article);
  g_assert_cmpint (format.status, ==, 2);
  g_assert_cmpstr (format.out, ==, "");

  RUN (&two_files, NULL, "analyze", article, article);
  g_assert_cmpint (two_files.status, ==, 2);

  RUN (&export_without_format, NULL, "export", article);
  g_assert_cmpint (export_without_format.status, ==, 2);
}

static void
test_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-cli-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.txt", NULL);
  g_autofree char *binary = g_build_filename (dir, "picture.txt", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.md", NULL);
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0 };
  g_auto(Run) run_missing = { 0 };
  g_auto(Run) run_binary = { 0 };
  g_auto(Run) run_empty = { 0 };

  g_assert_true (g_file_set_contents (binary, (const char *) png, sizeof png, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  RUN (&run_missing, NULL, "analyze", "--json", missing);
  g_assert_cmpint (run_missing.status, ==, 1);
  g_assert_cmpstr (run_missing.out, ==, "");
  assert_one_line_naming (run_missing.err, missing);

  RUN (&run_binary, NULL, "extract", binary);
  g_assert_cmpint (run_binary.status, ==, 1);
  g_assert_cmpstr (run_binary.out, ==, "");
  assert_one_line_naming (run_binary.err, binary);

  RUN (&run_empty, NULL, "extract", empty);
  g_assert_cmpint (run_empty.status, ==, 1);
  assert_one_line_naming (run_empty.err, empty);

  g_remove (binary);
  g_remove (empty);
  g_rmdir (dir);
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

static char *
slice (const char *text,
       gint64      start,
       gint64      end)
{
  const char *from = g_utf8_offset_to_pointer (text, start);
  const char *to = g_utf8_offset_to_pointer (text, end);

  return g_strndup (from, to - from);
}

/* Every range lies inside the text; where a finding quotes text, the quote
 * is exactly the text at its offsets (offsets are code points).
 */
static void
assert_ranges (JsonObject *root,
               const char *member,
               const char *text_member)
{
  const char *text = json_object_get_string_member (root, "text");
  glong length = g_utf8_strlen (text, -1);
  JsonArray *array = json_object_get_array_member (root, member);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      gint64 start = json_object_get_int_member (item, "start");
      gint64 end = json_object_get_int_member (item, "end");

      g_assert_cmpint (start, >=, 0);
      g_assert_cmpint (start, <, end);
      g_assert_cmpint (end, <=, length);
      if (text_member != NULL)
        {
          g_autofree char *expected = slice (text, start, end);

          g_assert_cmpstr (json_object_get_string_member (item, text_member), ==, expected);
        }
    }
}

static void
test_analyze_json (void)
{
  g_autofree char *article = fixture ("cli-article.txt");
  g_auto(Run) run = { 0 };
  g_autoptr(JsonObject) root = NULL;
  const char *text;
  JsonArray *sections;
  JsonArray *claims;
  JsonArray *cues;
  JsonArray *evidence;
  JsonArray *blocks;
  const char *expected_sections[] = { "The Promise of Cheap Power", "The Cost to the Coast", "Conclusion" };
  gboolean have_statistic = FALSE;
  gboolean have_hedge = FALSE;

  RUN (&run, NULL, "analyze", "--json", article);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);

  root = parse_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "Will the Harbour Wind Farm Deliver? A Closer Look");
  g_assert_cmpstr (json_object_get_string_member (root, "published"), ==, "2026-03-03");
  g_assert_true (json_object_has_member (root, "byline"));
  g_assert_true (json_object_has_member (root, "language"));

  text = json_object_get_string_member (root, "text");
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "The council's plan"));
  g_assert_null (strstr (text, "Table of Contents"));
  g_assert_null (strstr (text, "min read"));
  g_assert_false (g_str_has_suffix (text, "close"));

  blocks = json_object_get_array_member (root, "blocks");
  g_assert_cmpuint (json_array_get_length (blocks), >, 5);
  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = json_array_get_object_element (blocks, i);

      g_assert_nonnull (json_object_get_string_member (block, "kind"));
      g_assert_true (json_object_has_member (block, "level"));
    }
  assert_ranges (root, "blocks", NULL);

  sections = json_object_get_array_member (root, "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, G_N_ELEMENTS (expected_sections));
  for (guint i = 0; i < G_N_ELEMENTS (expected_sections); i++)
    {
      JsonObject *section = json_array_get_object_element (sections, i);

      g_assert_cmpstr (json_object_get_string_member (section, "title"), ==, expected_sections[i]);
      g_assert_cmpint (json_object_get_int_member (section, "level"), >=, 1);
    }
  assert_ranges (root, "sections", NULL);

  claims = json_object_get_array_member (root, "claims");
  g_assert_cmpuint (json_array_get_length (claims), >, 0);
  assert_ranges (root, "claims", "text");
  for (guint i = 0; i < json_array_get_length (claims); i++)
    {
      JsonObject *claim = json_array_get_object_element (claims, i);
      double score = json_object_get_double_member (claim, "score");

      g_assert_nonnull (json_object_get_string_member (claim, "kind"));
      g_assert_cmpfloat (score, >=, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
      g_assert_nonnull (json_object_get_array_member (claim, "reasons"));
      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (claim, "has_evidence")));
    }

  /* The summary counts what the lists hold. */
  {
    JsonObject *summary = json_object_get_object_member (root, "summary");

    g_assert_nonnull (summary);
    g_assert_cmpint (json_object_get_int_member (summary, "claims"), ==, json_array_get_length (claims));
    g_assert_cmpint (json_object_get_int_member (summary, "claims_with_evidence"), <=,
                     json_object_get_int_member (summary, "claims"));
    g_assert_nonnull (json_object_get_object_member (summary, "cues_by_kind"));
    g_assert_nonnull (json_object_get_array_member (summary, "sources"));
    g_assert_nonnull (json_object_get_array_member (root, "document_cues"));
    g_assert_true (json_object_has_member (root, "notice"));
  }

  evidence = json_object_get_array_member (root, "evidence");
  assert_ranges (root, "evidence", "text");
  for (guint i = 0; i < json_array_get_length (evidence); i++)
    {
      JsonObject *item = json_array_get_object_element (evidence, i);

      have_statistic |= g_strcmp0 (json_object_get_string_member (item, "kind"), "statistic") == 0;
    }
  g_assert_true (have_statistic);

  cues = json_object_get_array_member (root, "cues");
  assert_ranges (root, "cues", "text");
  for (guint i = 0; i < json_array_get_length (cues); i++)
    {
      JsonObject *cue = json_array_get_object_element (cues, i);

      g_assert_nonnull (json_object_get_string_member (cue, "explanation"));
      have_hedge |= g_strcmp0 (json_object_get_string_member (cue, "kind"), "hedge") == 0;
    }
  g_assert_true (have_hedge);
}

static void
test_extract (void)
{
  g_autofree char *article = fixture ("cli-article.txt");
  g_auto(Run) text = { 0 };
  g_auto(Run) html = { 0 };
  g_auto(Run) json = { 0 };
  g_auto(Run) analyze = { 0 };
  g_autoptr(JsonObject) analyzed = NULL;
  g_autoptr(JsonObject) extracted = NULL;
  g_autofree char *expected_text = NULL;

  RUN (&text, NULL, "extract", article);
  RUN (&html, NULL, "extract", "--format=html", article);
  RUN (&json, NULL, "extract", "--format=json", article);
  RUN (&analyze, NULL, "analyze", "--json", article);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);

  /* The plain text is the same text that every offset refers to, with
   * blocks separated by blank lines.
   */
  analyzed = parse_object (analyze.out);
  expected_text = g_strconcat (json_object_get_string_member (analyzed, "text"), "\n", NULL);
  g_assert_cmpstr (text.out, ==, expected_text);
  g_assert_nonnull (strstr (text.out, "\n\nThe Promise of Cheap Power\n\n"));

  g_assert_nonnull (strstr (html.out, "Content-Security-Policy"));
  g_assert_nonnull (strstr (html.out, "data-start=\"0\""));

  extracted = parse_object (json.out);
  g_assert_cmpstr (json_object_get_string_member (extracted, "text"), ==,
                   json_object_get_string_member (analyzed, "text"));
}

static void
test_classify_sentences (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  const char *input =
    "The total budget rose from 90 million euros in 2024 to 115 million euros in 2025.\n"
    "\n"
    "What a lovely morning!\n";
  static const char *kinds[] = { "factual", "evaluative", "causal", "prediction", "recommendation", "none" };

  RUN (&run, input, "classify-sentences");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  /* One answer per input line, empty ones included, then the final "". */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonObject) answer = parse_object (lines[i]);
      double score = json_object_get_double_member (answer, "score");

      g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (answer, "claim")));
      g_assert_cmpfloat (score, >=, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
      g_assert_true (g_strv_contains (kinds, json_object_get_string_member (answer, "kind")));
    }

  {
    g_autoptr(JsonObject) statistic = parse_object (lines[0]);
    g_autoptr(JsonObject) empty = parse_object (lines[1]);
    g_autoptr(JsonObject) greeting = parse_object (lines[2]);

    g_assert_true (json_object_get_boolean_member (statistic, "claim"));
    g_assert_false (json_object_get_boolean_member (empty, "claim"));
    g_assert_false (json_object_get_boolean_member (greeting, "claim"));
    g_assert_cmpfloat (json_object_get_double_member (statistic, "score"), >,
                       json_object_get_double_member (greeting, "score"));
  }
}

/* Copies the fixture article into a fresh folder and makes one note on
 * it through the core, as the application would.
 */
static char *
make_annotated_article (char **out_dir)
{
  g_autofree char *source = fixture ("cli-article.txt");
  g_autofree char *dir = g_dir_make_tmp ("gloss-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "wind-farm.txt", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  GlossDocument *document;
  const char *text;
  const char *quote = "reckless assault on the harbour";
  const char * const tags[] = { "loaded-language", NULL };
  glong start;

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  file = g_file_new_for_path (path);
  article = gloss_article_load (file, NULL, &error);
  g_assert_no_error (error);
  document = gloss_article_get_document (article);
  text = gloss_document_get_text (document);
  start = g_utf8_pointer_to_offset (text, strstr (text, quote));

  annotation = gloss_annotation_new (GLOSS_ANNOTATION_BIAS);
  gloss_annotation_set_target_from_text (annotation, text, gloss_document_get_text_hash (document),
                                         start, start + g_utf8_strlen (quote, -1));
  gloss_annotation_set_tags (annotation, tags);
  gloss_annotation_set_note (annotation, "Strong words with no evidence behind them.");
  gloss_annotation_store_add (gloss_article_get_store (article), annotation);
  gloss_annotation_store_save (gloss_article_get_store (article), NULL, &error);
  g_assert_no_error (error);

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

static void
test_validate (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *article = make_annotated_article (&dir);
  g_autofree char *sidecar = g_strconcat (article, ".gloss.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.gloss.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Run) good = { 0 };
  g_auto(Run) bad = { 0 };

  RUN (&good, NULL, "validate", sidecar);
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (good.out, "valid, 1 note"));

  before = g_strdup ("{\"type\": \"AnnotationCollection\", \"items\": [");
  g_assert_true (g_file_set_contents (broken, before, -1, NULL));
  RUN (&bad, NULL, "validate", broken);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_cmpstr (bad.out, ==, "");
  assert_one_line_naming (bad.err, broken);

  /* Validating never touches the file. */
  g_assert_true (g_file_get_contents (broken, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  gloss_test_remove_tree (dir);
}

static void
test_export (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *article = make_annotated_article (&dir);
  g_autofree char *out_path = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *written = NULL;
  g_auto(Run) md = { 0 };
  g_auto(Run) to_file = { 0 };
  g_auto(Run) w3c = { 0 };
  g_autoptr(JsonObject) collection = NULL;
  const char *section;
  const char *quote;

  RUN (&md, NULL, "export", "--format=md", article);
  g_assert_cmpint (md.status, ==, 0);
  section = strstr (md.out, "The Cost to the Coast");
  quote = strstr (md.out, "reckless assault on the harbour");
  g_assert_nonnull (section);
  g_assert_nonnull (quote);
  g_assert_true (section < quote);
  g_assert_nonnull (strstr (md.out, "Strong words with no evidence behind them."));

  RUN (&to_file, NULL, "export", "--format=md", "-o", out_path, article);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  g_assert_true (g_file_get_contents (out_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, md.out);

  RUN (&w3c, NULL, "export", "--format=w3c", article);
  g_assert_cmpint (w3c.status, ==, 0);
  collection = parse_object (w3c.out);
  g_assert_cmpstr (json_object_get_string_member (collection, "type"), ==, "AnnotationCollection");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (collection, "items")), ==, 1);

  gloss_test_remove_tree (dir);
}

/* Copies export-article.md and its sidecar into a new folder, so that
 * nothing the command does can touch the fixtures.
 */
static char *
copy_export_fixture (char **out_dir)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "export-article.md", NULL);
  const char *names[] = { "export-article.md", "export-article.md.gloss.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = fixture (names[i]);
      g_autofree char *target = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (target, contents, length, NULL));
    }

  *out_dir = g_steal_pointer (&dir);
  return g_steal_pointer (&path);
}

static gsize
offset_of (const char *haystack,
           const char *needle)
{
  const char *p = strstr (haystack, needle);

  if (p == NULL)
    g_error ("“%s” is not in the output:\n%s", needle, haystack);
  return p - haystack;
}

static void
test_export_html_csv (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *article = copy_export_fixture (&dir);
  g_autofree char *sidecar = g_strconcat (article, ".gloss.json", NULL);
  g_autofree char *out_path = g_build_filename (dir, "notes.html", NULL);
  g_autofree char *sidecar_before = NULL;
  g_autofree char *sidecar_after = NULL;
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) html = { 0 };
  g_auto(Run) to_file = { 0 };
  g_auto(Run) csv = { 0 };
  g_auto(Run) pdf = { 0 };
  g_auto(Run) help = { 0 };

  g_assert_true (g_file_get_contents (sidecar, &sidecar_before, NULL, NULL));

  RUN (&html, NULL, "export", "--format=html", article);
  g_assert_cmpint (html.status, ==, 0);
  g_assert_cmpstr (html.err, ==, "");
  g_assert_true (g_str_has_prefix (html.out, "<!DOCTYPE html>\n<html lang=\"en\">\n"));
  g_assert_true (g_str_has_suffix (html.out, "</html>\n"));
  g_assert_nonnull (strstr (html.out, "<title>Night trains are back. Who are they for? — notes</title>"));
  g_assert_nonnull (strstr (html.out, "Ines Ferreira"));
  g_assert_nonnull (strstr (html.out, "4 notes"));
  g_assert_null (strstr (html.out, "<script"));
  /* Sections in order, each note under its own, the orphan last. */
  g_assert_cmpuint (offset_of (html.out, "<h2>Introduction</h2>"), <, offset_of (html.out, "promise a cleaner way"));
  g_assert_cmpuint (offset_of (html.out, "promise a cleaner way"), <, offset_of (html.out, "<h2>The case for sleepers</h2>"));
  g_assert_cmpuint (offset_of (html.out, "<h2>The case for sleepers</h2>"), <, offset_of (html.out, "the greenest way to cross Europe"));
  g_assert_cmpuint (offset_of (html.out, "the greenest way to cross Europe"), <, offset_of (html.out, "<h2>What the tickets cost</h2>"));
  g_assert_cmpuint (offset_of (html.out, "<h2>What the tickets cost</h2>"), <, offset_of (html.out, "costs around 400 €"));
  g_assert_cmpuint (offset_of (html.out, "costs around 400 €"), <, offset_of (html.out, "<h2>Notes that could not be placed</h2>"));
  g_assert_cmpuint (offset_of (html.out, "<h2>Notes that could not be placed</h2>"), <, offset_of (html.out, "sleepers now run every night"));
  g_assert_nonnull (strstr (html.out, "<p>Cleaner than <em>what</em>? Flying, driving or the bus?</p>"));
  g_assert_nonnull (strstr (html.out, "<a href=\"https://example.org/fares-2026\" rel=\"noreferrer\">"));

  RUN (&to_file, NULL, "export", "--format=html", "-o", out_path, article);
  g_assert_cmpint (to_file.status, ==, 0);
  g_assert_cmpstr (to_file.out, ==, "");
  g_assert_true (g_file_get_contents (out_path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, html.out);

  RUN (&csv, NULL, "export", "--format=csv", article);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.err, ==, "");
  g_assert_true (g_str_has_prefix (csv.out,
                                   "id,section,start,end,quote,kind,tags,note,source,source_type,"
                                   "verdict,creator,role,created,modified,status\r\n"));
  g_assert_true (g_str_has_suffix (csv.out, ",orphan\r\n"));
  /* One record a note; the orphan's note spans two lines. */
  lines = g_strsplit (csv.out, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 + 1);
  g_assert_true (g_str_has_prefix (lines[1], "urn:uuid:5c1d7a40-3b2e-4f61-9a0c-e0a7b1c2d301,Introduction,"));
  g_assert_true (g_str_has_prefix (lines[2], "urn:uuid:5c1d7a40-3b2e-4f61-9a0c-e0a7b1c2d302,The case for sleepers,"));
  g_assert_nonnull (strstr (lines[2], ",\"The operator calls it \"\"the greenest way to cross Europe\"\"\",bias,Slogan,"));
  g_assert_true (g_str_has_prefix (lines[3], "urn:uuid:5c1d7a40-3b2e-4f61-9a0c-e0a7b1c2d303,What the tickets cost,"));
  g_assert_nonnull (strstr (lines[3], ",costs around 400 €,evidence,"));
  g_assert_nonnull (strstr (lines[3], ",\"'=HYPERLINK(\"\"https://example.org/x\"\",\"\"click\"\")\","));
  g_assert_nonnull (strstr (lines[3], ",https://example.org/fares-2026,news,supports,Ms Haddad,teacher,"));
  g_assert_true (g_str_has_prefix (lines[4], "urn:uuid:5c1d7a40-3b2e-4f61-9a0c-e0a7b1c2d304,,,,"));
  g_assert_nonnull (strstr (lines[4], ",\"Line one\nline two\","));
  g_assert_cmpstr (lines[5], ==, "");

  RUN (&pdf, NULL, "export", "--format=pdf", article);
  g_assert_cmpint (pdf.status, ==, 2);
  g_assert_cmpstr (pdf.out, ==, "");
  g_assert_nonnull (strstr (pdf.err, "md, html, csv or w3c"));

  RUN (&help, NULL, "help");
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--format=md|html|csv|w3c"));

  /* Exporting reads the notes and never rewrites them. */
  g_assert_true (g_file_get_contents (sidecar, &sidecar_after, NULL, NULL));
  g_assert_cmpstr (sidecar_after, ==, sidecar_before);

  gloss_test_remove_tree (dir);
}

/* A teacher's key and three students (see test-grade.c for the figures). */
static void
test_grade (void)
{
  g_autofree char *key = fixture ("grade-key.gloss.json");
  g_autofree char *close = fixture ("grade-student-close.gloss.json");
  g_autofree char *sparse = fixture ("grade-student-sparse.gloss.json");
  g_autofree char *moved = fixture ("grade-student-moved.gloss.json");
  g_autofree char *expected = NULL;
  g_auto(Run) text = { 0 };
  g_auto(Run) csv = { 0 };
  const char *ben;

  RUN (&text, NULL, "grade", "--key", key, close, sparse, moved);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpstr (text.err, ==, "");
  g_assert_nonnull (strstr (text.out, "5 notes by Ms Rivera"));
  g_assert_nonnull (strstr (text.out, "Ana Lima ("));
  ben = strstr (text.out, "Ben Okafor (");
  g_assert_nonnull (ben);
  g_assert_true (g_str_has_prefix (strchr (ben, '\n'),
                                   "\n  Key notes found: 4 of 5 (score 80%)\n"
                                   "  Tags agreed: 3 of 4\n"));
  g_assert_nonnull (strstr (text.out, "  5. Bias “Only a reckless council” [Loaded language, Name calling or labelling]\n"
                                      "     found by 2 of 3, tags agreed by 2\n"));

  RUN (&csv, NULL, "grade", key, "--csv", moved, close, sparse, "--key");
  g_assert_cmpint (csv.status, ==, 2);

  g_clear_pointer (&csv.out, g_free);
  g_clear_pointer (&csv.err, g_free);
  RUN (&csv, NULL, "grade", "--csv", "--key", key, moved, close, sparse);
  g_assert_cmpint (csv.status, ==, 0);
  expected = g_strdup_printf ("student,file,found,key_notes,tags_agreed,extra,score\r\n"
                              "Ben Okafor,%s,4,5,3,0,80\r\n"
                              "Ana Lima,%s,4,5,3,0,80\r\n"
                              "grade-student-sparse,%s,1,5,1,3,20\r\n",
                              moved, close, sparse);
  g_assert_cmpstr (csv.out, ==, expected);

  /* A pattern that matches the key too, and a name typed twice: each
   * student is counted once, and the key is not a student.
   */
  g_clear_pointer (&csv.out, g_free);
  g_clear_pointer (&csv.err, g_free);
  RUN (&csv, NULL, "grade", "--csv", "--key", key, key, moved, close, sparse, close);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_cmpstr (csv.out, ==, expected);
  g_assert_nonnull (strstr (csv.err, "this is the key; not graded as a student"));
  g_assert_nonnull (strstr (csv.err, "given twice; graded once"));
}

static void
test_grade_bad_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-cli-XXXXXX", NULL);
  g_autofree char *key = fixture ("grade-key.gloss.json");
  g_autofree char *close = fixture ("grade-student-close.gloss.json");
  g_autofree char *broken = g_build_filename (dir, "tom.gloss.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "ines.gloss.json", NULL);
  g_autofree char *empty_key = g_build_filename (dir, "empty-key.gloss.json", NULL);
  g_autofree char *expected = NULL;
  g_auto(Run) students = { 0 };
  g_auto(Run) bad_key = { 0 };
  g_auto(Run) no_notes = { 0 };
  g_auto(Run) no_students = { 0 };
  g_auto(Run) no_key = { 0 };
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (broken, "{\"type\": \"AnnotationCollection\", \"items\": [", -1, NULL));
  g_assert_true (g_file_set_contents (empty_key, "{\"type\": \"AnnotationCollection\", \"gloss:format\": 1, \"items\": []}", -1, NULL));

  /* The students who can be read are graded; the others are listed, named
   * on standard error, and the exit status says so.
   */
  RUN (&students, NULL, "grade", "--csv", "--key", key, broken, close, missing);
  g_assert_cmpint (students.status, ==, 1);
  expected = g_strdup_printf ("student,file,found,key_notes,tags_agreed,extra,score\r\n"
                              "tom,%s,,5,,,\r\n"
                              "Ana Lima,%s,4,5,3,0,80\r\n"
                              "ines,%s,,5,,,\r\n",
                              broken, close, missing);
  g_assert_cmpstr (students.out, ==, expected);
  lines = g_strsplit (students.err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "tom.gloss.json"));
  g_assert_nonnull (strstr (lines[1], "ines.gloss.json"));
  g_assert_cmpstr (lines[2], ==, "");

  RUN (&bad_key, NULL, "grade", "--key", broken, close);
  g_assert_cmpint (bad_key.status, ==, 1);
  g_assert_cmpstr (bad_key.out, ==, "");
  assert_one_line_naming (bad_key.err, broken);

  RUN (&no_notes, NULL, "grade", "--key", empty_key, close);
  g_assert_cmpint (no_notes.status, ==, 1);
  g_assert_cmpstr (no_notes.out, ==, "");
  assert_one_line_naming (no_notes.err, empty_key);
  g_assert_nonnull (strstr (no_notes.err, "no notes"));

  RUN (&no_students, NULL, "grade", "--key", key);
  g_assert_cmpint (no_students.status, ==, 2);
  g_assert_cmpstr (no_students.out, ==, "");

  RUN (&no_key, NULL, "grade", close);
  g_assert_cmpint (no_key.status, ==, 2);
  g_assert_cmpstr (no_key.out, ==, "");

  gloss_test_remove_tree (dir);
}

/* Replaces @from with @to in the notes file @sidecar, as someone editing
 * it by hand would.
 */
static void
edit_sidecar (const char *sidecar,
              const char *from,
              const char *to)
{
  g_autofree char *contents = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (sidecar, &contents, NULL, NULL));
  edited = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (edited, from, to, 1), ==, 1);
  g_assert_true (g_file_set_contents (sidecar, edited->str, edited->len, NULL));
}

/* A note that cannot be read is not dropped in silence: the exports that
 * cannot show it say so.
 */
static void
test_export_unreadable_note (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *article = copy_export_fixture (&dir);
  g_autofree char *sidecar = g_strconcat (article, ".gloss.json", NULL);
  g_auto(Run) md = { 0 };
  g_auto(Run) w3c = { 0 };

  edit_sidecar (sidecar, "\"gloss:tags\": []", "\"gloss:tags\": [1]");

  RUN (&md, NULL, "export", "--format=md", article);
  g_assert_cmpint (md.status, ==, 0);
  g_assert_nonnull (strstr (md.err, "1 note cannot be read and is left out of the export"));

  RUN (&w3c, NULL, "export", "--format=w3c", article);
  g_assert_cmpint (w3c.status, ==, 0);
  g_assert_cmpstr (w3c.err, ==, "");

  gloss_test_remove_tree (dir);
}

/* A notes file saved in another encoding loads, but a check says it is
 * not what other tools can read.
 */
static void
test_validate_not_utf8 (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *article = copy_export_fixture (&dir);
  g_autofree char *sidecar = g_strconcat (article, ".gloss.json", NULL);
  g_auto(Run) validate = { 0 };

  edit_sidecar (sidecar, "Sam Okoye", "S\xe1m Okoye");

  RUN (&validate, NULL, "validate", sidecar);
  g_assert_cmpint (validate.status, ==, 1);
  g_assert_nonnull (strstr (validate.err, "is not valid UTF-8"));

  gloss_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/bad-input", test_bad_input);
  g_test_add_func ("/cli/analyze/json-contract", test_analyze_json);
  g_test_add_func ("/cli/extract", test_extract);
  g_test_add_func ("/cli/classify-sentences", test_classify_sentences);
  g_test_add_func ("/cli/validate", test_validate);
  g_test_add_func ("/cli/export", test_export);
  g_test_add_func ("/cli/export/html-csv", test_export_html_csv);
  g_test_add_func ("/cli/export/unreadable-note", test_export_unreadable_note);
  g_test_add_func ("/cli/validate/not-utf8", test_validate_not_utf8);
  g_test_add_func ("/cli/grade", test_grade);
  g_test_add_func ("/cli/grade/bad-input", test_grade_bad_input);

  return g_test_run ();
}
