/* test-annotation.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "gloss-core.h"

static JsonNode *
parse_json (const char *data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* Goes through text, as a sidecar does. */
static GlossAnnotation *
round_trip (GlossAnnotation *annotation)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) node = gloss_annotation_to_json (annotation);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  GlossAnnotation *copy;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, NULL);
  parsed = parse_json (data);

  copy = gloss_annotation_new_from_json (parsed, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);

  return copy;
}

static JsonObject *
find_body (JsonObject *annotation,
           const char *purpose,
           guint       nth)
{
  JsonArray *body;

  if (!json_object_has_member (annotation, "body"))
    return NULL;

  body = json_object_get_array_member (annotation, "body");
  for (guint i = 0; i < json_array_get_length (body); i++)
    {
      JsonObject *item = json_array_get_object_element (body, i);

      if (g_strcmp0 (json_object_get_string_member (item, "purpose"), purpose) == 0)
        {
          if (nth == 0)
            return item;
          nth--;
        }
    }

  return NULL;
}

static JsonObject *
find_selector (JsonObject *annotation,
               const char *type)
{
  JsonObject *target = json_object_get_object_member (annotation, "target");
  JsonArray *selectors = json_object_get_array_member (target, "selector");

  for (guint i = 0; i < json_array_get_length (selectors); i++)
    {
      JsonObject *selector = json_array_get_object_element (selectors, i);

      if (g_strcmp0 (json_object_get_string_member (selector, "type"), type) == 0)
        return selector;
    }

  return NULL;
}

static void
test_annotation_new (void)
{
  g_autoptr(GlossAnnotation) a = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  g_autoptr(GlossAnnotation) b = gloss_annotation_new (GLOSS_ANNOTATION_BIAS);
  g_autoptr(GlossAnnotation) c = gloss_annotation_new (GLOSS_ANNOTATION_CLAIM);
  g_autoptr(GlossAnnotation) d = gloss_annotation_new (GLOSS_ANNOTATION_COMMENT);

  g_assert_true (g_str_has_prefix (gloss_annotation_get_id (a), "urn:uuid:"));
  g_assert_true (g_uuid_string_is_valid (gloss_annotation_get_id (a) + strlen ("urn:uuid:")));
  g_assert_cmpstr (gloss_annotation_get_id (a), !=, gloss_annotation_get_id (b));

  g_assert_cmpstr (gloss_annotation_get_motivation (a), ==, "assessing");
  g_assert_cmpstr (gloss_annotation_get_motivation (b), ==, "classifying");
  g_assert_cmpstr (gloss_annotation_get_motivation (c), ==, "identifying");
  g_assert_cmpstr (gloss_annotation_get_motivation (d), ==, "commenting");

  g_assert_nonnull (gloss_annotation_get_tags (a));
  g_assert_null (gloss_annotation_get_tags (a)[0]);
  g_assert_cmpstr (gloss_annotation_get_note (a), ==, "");
  g_assert_cmpstr (gloss_annotation_get_exact (a), ==, "");
  g_assert_null (gloss_annotation_get_source (a));
  g_assert_cmpint (gloss_annotation_get_verdict (a), ==, GLOSS_VERDICT_NONE);

  g_assert_cmpint (g_date_time_get_utc_offset (gloss_annotation_get_created (a)), ==, 0);
  g_assert_true (g_date_time_equal (gloss_annotation_get_created (a),
                                    gloss_annotation_get_modified (a)));
}

typedef struct {
  guint note;
  guint modified;
  guint tags;
  guint motivation;
  guint any;
} NotifyCounts;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  NotifyCounts *counts = user_data;

  counts->any++;
  if (g_str_equal (pspec->name, "note"))
    counts->note++;
  else if (g_str_equal (pspec->name, "modified"))
    counts->modified++;
  else if (g_str_equal (pspec->name, "tags"))
    counts->tags++;
  else if (g_str_equal (pspec->name, "motivation"))
    counts->motivation++;
}

static void
test_annotation_setters (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  g_autoptr(GDateTime) before = g_date_time_ref (gloss_annotation_get_modified (annotation));
  const char *tags[] = { "statistic", "", "statistic", "named-source", NULL };
  const char *same_tags[] = { "statistic", "named-source", NULL };
  NotifyCounts counts = { 0, };

  g_signal_connect (annotation, "notify", G_CALLBACK (count_notify_cb), &counts);

  gloss_annotation_set_note (annotation, "First thought.");
  g_assert_cmpuint (counts.note, ==, 1);
  g_assert_cmpuint (counts.modified, ==, 1);
  g_assert_cmpint (g_date_time_compare (gloss_annotation_get_modified (annotation), before), >=, 0);

  /* Setting the same value again is not a change. */
  gloss_annotation_set_note (annotation, "First thought.");
  g_assert_cmpuint (counts.note, ==, 1);
  g_assert_cmpuint (counts.modified, ==, 1);

  /* Empty and repeated tags are dropped. */
  gloss_annotation_set_tags (annotation, tags);
  g_assert_cmpuint (counts.tags, ==, 1);
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), same_tags);
  gloss_annotation_set_tags (annotation, same_tags);
  g_assert_cmpuint (counts.tags, ==, 1);
  g_assert_true (gloss_annotation_has_tag (annotation, "named-source"));
  g_assert_false (gloss_annotation_has_tag (annotation, "anecdote"));

  /* The motivation follows the kind. */
  gloss_annotation_set_kind (annotation, GLOSS_ANNOTATION_BIAS);
  g_assert_cmpuint (counts.motivation, ==, 1);
  g_assert_cmpstr (gloss_annotation_get_motivation (annotation), ==, "classifying");

  /* An empty source is no source. */
  gloss_annotation_set_source (annotation, "");
  g_assert_null (gloss_annotation_get_source (annotation));

  /* Anchoring moves the note without touching "modified". */
  counts.modified = 0;
  gloss_annotation_set_position (annotation, 4, 9, GLOSS_ANCHOR_MOVED);
  g_assert_cmpuint (counts.modified, ==, 0);
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 4);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 9);
  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_MOVED);

  /* Properties work as well as the setters. */
  g_object_set (annotation, "creator-name", "Ana", "creator-role", GLOSS_ROLE_TEACHER, NULL);
  g_assert_cmpstr (gloss_annotation_get_creator_name (annotation), ==, "Ana");
  g_assert_cmpint (gloss_annotation_get_creator_role (annotation), ==, GLOSS_ROLE_TEACHER);
}

static void
test_annotation_target (void)
{
  /* 40 characters of context on each side, some of them outside the
   * Basic Multilingual Plane, so bytes and code points differ.
   */
  const char *text =
    "Préface 😀 de la ville, écrite en été ——. "
    "The quoted words "
    "are followed by ünïcode and more than enough text.";
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (GLOSS_ANNOTATION_COMMENT);
  const char *quote_start = strstr (text, "The quoted words");
  guint start = g_utf8_pointer_to_offset (text, quote_start);
  guint end = start + g_utf8_strlen ("The quoted words", -1);
  g_autoptr(GlossAnnotation) at_start = gloss_annotation_new (GLOSS_ANNOTATION_COMMENT);

  gloss_annotation_set_target_from_text (annotation, text, "sha256:abc", start, end);

  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "The quoted words");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, start);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, end);
  g_assert_cmpuint (g_utf8_strlen (gloss_annotation_get_prefix (annotation), -1), ==, GLOSS_QUOTE_CONTEXT);
  g_assert_cmpuint (g_utf8_strlen (gloss_annotation_get_suffix (annotation), -1), ==, GLOSS_QUOTE_CONTEXT);
  g_assert_true (g_str_has_suffix (gloss_annotation_get_prefix (annotation), "——. "));
  g_assert_true (g_str_has_prefix (gloss_annotation_get_suffix (annotation), " are followed by ünïcode"));
  g_assert_cmpstr (gloss_annotation_get_text_hash (annotation), ==, "sha256:abc");
  g_assert_cmpint (gloss_annotation_get_anchor_state (annotation), ==, GLOSS_ANCHOR_ANCHORED);

  /* Context stops at the ends of the text. */
  gloss_annotation_set_target_from_text (at_start, "Short text here.", NULL, 0, 5);
  g_assert_cmpstr (gloss_annotation_get_exact (at_start), ==, "Short");
  g_assert_cmpstr (gloss_annotation_get_prefix (at_start), ==, "");
  g_assert_cmpstr (gloss_annotation_get_suffix (at_start), ==, " text here.");
}

static GlossAnnotation *
make_full_annotation (void)
{
  const char *text = "Crime fell by 12% last year, the minister said, citing police figures.";
  const char *tags[] = { "statistic", "named-source", NULL };
  GlossAnnotation *annotation = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);

  gloss_annotation_set_target_from_text (annotation, text, "sha256:0123", 0, 27);
  gloss_annotation_set_tags (annotation, tags);
  gloss_annotation_set_note (annotation, "The **police figures** are not linked.\n\nSee the annual report.");
  gloss_annotation_set_source (annotation, "https://example.org/crime-report-2025");
  gloss_annotation_set_source_type (annotation, "government");
  gloss_annotation_set_verdict (annotation, GLOSS_VERDICT_INSUFFICIENT);
  gloss_annotation_set_link (annotation, "urn:uuid:5b0c3d1e-7a4f-4c61-9d2a-1f3e5a7b9c0d");
  gloss_annotation_set_creator (annotation, "Mia K.", GLOSS_ROLE_STUDENT);

  return annotation;
}

static void
assert_same_annotation (GlossAnnotation *a,
                        GlossAnnotation *b)
{
  g_assert_cmpstr (gloss_annotation_get_id (a), ==, gloss_annotation_get_id (b));
  g_assert_cmpint (gloss_annotation_get_kind (a), ==, gloss_annotation_get_kind (b));
  g_assert_cmpstr (gloss_annotation_get_motivation (a), ==, gloss_annotation_get_motivation (b));
  g_assert_cmpstrv (gloss_annotation_get_tags (a), gloss_annotation_get_tags (b));
  g_assert_cmpstr (gloss_annotation_get_note (a), ==, gloss_annotation_get_note (b));
  g_assert_cmpstr (gloss_annotation_get_source (a), ==, gloss_annotation_get_source (b));
  g_assert_cmpstr (gloss_annotation_get_source_type (a), ==, gloss_annotation_get_source_type (b));
  g_assert_cmpint (gloss_annotation_get_verdict (a), ==, gloss_annotation_get_verdict (b));
  g_assert_cmpstr (gloss_annotation_get_link (a), ==, gloss_annotation_get_link (b));
  g_assert_cmpstr (gloss_annotation_get_creator_name (a), ==, gloss_annotation_get_creator_name (b));
  g_assert_cmpint (gloss_annotation_get_creator_role (a), ==, gloss_annotation_get_creator_role (b));
  g_assert_true (g_date_time_equal (gloss_annotation_get_created (a), gloss_annotation_get_created (b)));
  g_assert_true (g_date_time_equal (gloss_annotation_get_modified (a), gloss_annotation_get_modified (b)));
  g_assert_cmpuint (gloss_annotation_get_start (a), ==, gloss_annotation_get_start (b));
  g_assert_cmpuint (gloss_annotation_get_end (a), ==, gloss_annotation_get_end (b));
  g_assert_cmpstr (gloss_annotation_get_exact (a), ==, gloss_annotation_get_exact (b));
  g_assert_cmpstr (gloss_annotation_get_prefix (a), ==, gloss_annotation_get_prefix (b));
  g_assert_cmpstr (gloss_annotation_get_suffix (a), ==, gloss_annotation_get_suffix (b));
  g_assert_cmpstr (gloss_annotation_get_text_hash (a), ==, gloss_annotation_get_text_hash (b));
  g_assert_cmpint (gloss_annotation_get_anchor_state (a), ==, gloss_annotation_get_anchor_state (b));
}

static void
test_annotation_json_round_trip (void)
{
  g_autoptr(GlossAnnotation) annotation = make_full_annotation ();
  g_autoptr(GlossAnnotation) copy = NULL;
  g_autoptr(GlossAnnotation) teacher = gloss_annotation_new (GLOSS_ANNOTATION_CLAIM);
  g_autoptr(GlossAnnotation) teacher_copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonObject *body;
  JsonObject *selector;
  JsonObject *creator;

  gloss_annotation_set_position (annotation, 0, 27, GLOSS_ANCHOR_NEEDS_REVIEW);
  copy = round_trip (annotation);
  assert_same_annotation (annotation, copy);

  /* The W3C shape other tools read. */
  node = gloss_annotation_to_json (annotation);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "Annotation");
  g_assert_cmpstr (json_object_get_string_member (object, "motivation"), ==, "assessing");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (object, "created"), "Z"));

  creator = json_object_get_object_member (object, "creator");
  g_assert_cmpstr (json_object_get_string_member (creator, "type"), ==, "Person");
  g_assert_cmpstr (json_object_get_string_member (creator, "name"), ==, "Mia K.");
  g_assert_cmpstr (json_object_get_string_member (creator, "gloss:role"), ==, "student");

  body = find_body (object, "commenting", 0);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "TextualBody");
  g_assert_cmpstr (json_object_get_string_member (body, "format"), ==, "text/markdown");
  g_assert_cmpstr (json_object_get_string_member (body, "value"), ==, gloss_annotation_get_note (annotation));

  g_assert_cmpstr (json_object_get_string_member (find_body (object, "tagging", 0), "value"), ==, "statistic");
  g_assert_cmpstr (json_object_get_string_member (find_body (object, "tagging", 1), "value"), ==, "named-source");
  g_assert_null (find_body (object, "tagging", 2));

  body = find_body (object, "linking", 0);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (body, "type"), ==, "SpecificResource");
  g_assert_cmpstr (json_object_get_string_member (body, "source"), ==, "https://example.org/crime-report-2025");

  selector = find_selector (object, "TextQuoteSelector");
  g_assert_cmpstr (json_object_get_string_member (selector, "exact"), ==, "Crime fell by 12% last year");
  g_assert_cmpstr (json_object_get_string_member (selector, "prefix"), ==, "");
  g_assert_cmpstr (json_object_get_string_member (selector, "suffix"), ==, ", the minister said, citing poli");
  selector = find_selector (object, "TextPositionSelector");
  g_assert_cmpint (json_object_get_int_member (selector, "start"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (selector, "end"), ==, 27);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "target"), "gloss:textHash"),
                   ==, "sha256:0123");

  g_assert_cmpstr (json_object_get_string_member (object, "gloss:kind"), ==, "evidence");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "gloss:tags")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:verdict"), ==, "insufficient");
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:sourceType"), ==, "government");
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:source"), ==, "https://example.org/crime-report-2025");
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:link"), ==,
                   "urn:uuid:5b0c3d1e-7a4f-4c61-9d2a-1f3e5a7b9c0d");
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:anchor"), ==, "needs-review");

  /* A teacher's claim with almost nothing set round-trips as well. */
  gloss_annotation_set_creator (teacher, "Mr Okafor", GLOSS_ROLE_TEACHER);
  teacher_copy = round_trip (teacher);
  assert_same_annotation (teacher, teacher_copy);
}

static void
test_annotation_json_citation (void)
{
  g_autoptr(GlossAnnotation) annotation = gloss_annotation_new (GLOSS_ANNOTATION_EVIDENCE);
  g_autoptr(GlossAnnotation) copy = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  gloss_annotation_set_source (annotation, "Smith, J. (2024). Cycling and safety. Journal of Urban Studies, 12(3), 45–67.");
  node = gloss_annotation_to_json (annotation);
  object = json_node_get_object (node);

  /* A citation is not a web resource: no linking body, only gloss:source. */
  g_assert_null (find_body (object, "linking", 0));
  g_assert_cmpstr (json_object_get_string_member (object, "gloss:source"), ==,
                   gloss_annotation_get_source (annotation));

  copy = round_trip (annotation);
  g_assert_cmpstr (gloss_annotation_get_source (copy), ==, gloss_annotation_get_source (annotation));
}

static void
test_annotation_json_unknown_members (void)
{
  const char *input =
    "{"
    "  \"@context\": \"http://www.w3.org/ns/anno.jsonld\","
    "  \"type\": \"Annotation\","
    "  \"id\": \"urn:uuid:0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9\","
    "  \"created\": \"2025-03-01T09:30:00Z\","
    "  \"modified\": \"2025-03-02T10:00:00Z\","
    "  \"creator\": {\"type\": \"Person\", \"name\": \"Lee\", \"gloss:role\": \"teacher\","
    "                \"email_sha1\": \"58bad08927902ff9307b621c54716dcc5083e339\"},"
    "  \"audience\": {\"type\": \"schema:EducationalAudience\", \"schema:educationalRole\": \"student\"},"
    "  \"motivation\": \"classifying\","
    "  \"body\": ["
    "    {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": \"Loaded word.\", \"format\": \"text/markdown\"},"
    "    {\"type\": \"SpecificResource\", \"purpose\": \"classifying\","
    "     \"source\": \"https://example.org/vocab/ptc#LoadedLanguage\"}"
    "  ],"
    "  \"target\": {"
    "    \"source\": \"file:///home/lee/articles/bikes.html\","
    "    \"state\": {\"type\": \"TimeState\", \"sourceDate\": \"2025-03-01T09:00:00Z\"},"
    "    \"selector\": ["
    "      {\"type\": \"TextPositionSelector\", \"start\": 10, \"end\": 18},"
    "      {\"type\": \"CssSelector\", \"value\": \"article p:nth-of-type(2)\","
    "       \"refinedBy\": {\"type\": \"TextPositionSelector\", \"start\": 3, \"end\": 11}},"
    "      {\"type\": \"TextQuoteSelector\", \"exact\": \"reckless\", \"prefix\": \"the \", \"suffix\": \" plan\"}"
    "    ]"
    "  },"
    "  \"gloss:kind\": \"bias\","
    "  \"gloss:tags\": [\"loaded-language\"],"
    "  \"gloss:futureField\": [1, 2, {\"deep\": true}],"
    "  \"x-course\": {\"code\": \"CIV-204\", \"week\": 3}"
    "}";
  g_autoptr(JsonNode) original = parse_json (input);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(JsonNode) output = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *in;
  JsonObject *out;
  JsonObject *out_target;
  JsonObject *selector;
  JsonObject *body;

  annotation = gloss_annotation_new_from_json (original, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gloss_annotation_get_kind (annotation), ==, GLOSS_ANNOTATION_BIAS);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "Loaded word.");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "reckless");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 10);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 18);

  /* Editing the note does not disturb what Gloss does not know. */
  gloss_annotation_set_note (annotation, "Loaded word, twice.");
  output = gloss_annotation_to_json (annotation);
  in = json_node_get_object (original);
  out = json_node_get_object (output);

  g_assert_true (json_node_equal (json_object_get_member (in, "audience"),
                                  json_object_get_member (out, "audience")));
  g_assert_true (json_node_equal (json_object_get_member (in, "gloss:futureField"),
                                  json_object_get_member (out, "gloss:futureField")));
  g_assert_true (json_node_equal (json_object_get_member (in, "x-course"),
                                  json_object_get_member (out, "x-course")));
  g_assert_true (json_node_equal (json_object_get_member (in, "@context"),
                                  json_object_get_member (out, "@context")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (out, "creator"), "email_sha1"),
                   ==, "58bad08927902ff9307b621c54716dcc5083e339");

  out_target = json_object_get_object_member (out, "target");
  g_assert_cmpstr (json_object_get_string_member (out_target, "source"), ==, "file:///home/lee/articles/bikes.html");
  g_assert_true (json_node_equal (json_object_get_member (json_object_get_object_member (in, "target"), "state"),
                                  json_object_get_member (out_target, "state")));
  selector = find_selector (out, "CssSelector");
  g_assert_nonnull (selector);
  g_assert_cmpstr (json_object_get_string_member (selector, "value"), ==, "article p:nth-of-type(2)");

  body = find_body (out, "classifying", 0);
  g_assert_nonnull (body);
  g_assert_cmpstr (json_object_get_string_member (body, "source"), ==, "https://example.org/vocab/ptc#LoadedLanguage");
  g_assert_cmpstr (json_object_get_string_member (find_body (out, "commenting", 0), "value"), ==, "Loaded word, twice.");

  /* What was kept cannot be changed through the output by accident. */
  json_object_set_string_member (json_object_get_object_member (out, "x-course"), "code", "changed");
  {
    g_autoptr(JsonNode) again = gloss_annotation_to_json (annotation);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (again), "x-course"), "code"),
                     ==, "CIV-204");
  }
}

static void
test_annotation_json_hypothesis (void)
{
  /* The shape of a Hypothesis API record (and of its JSON export). */
  const char *input =
    "{"
    "  \"id\": \"Qw3rTyUi0pAsDfGh\","
    "  \"created\": \"2024-11-05T14:02:11.512931+00:00\","
    "  \"updated\": \"2024-11-06T08:15:00.000000+00:00\","
    "  \"user\": \"acct:jordan@hypothes.is\","
    "  \"uri\": \"https://news.example/opinion/bike-lanes\","
    "  \"text\": \"Where does *this* number come from?\","
    "  \"tags\": [\"statistic\", \"needs-source\"],"
    "  \"group\": \"__world__\","
    "  \"permissions\": {\"read\": [\"group:__world__\"]},"
    "  \"target\": [{"
    "    \"source\": \"https://news.example/opinion/bike-lanes\","
    "    \"selector\": ["
    "      {\"type\": \"RangeSelector\", \"startContainer\": \"/main[1]/p[3]\", \"startOffset\": 0,"
    "       \"endContainer\": \"/main[1]/p[3]\", \"endOffset\": 31},"
    "      {\"type\": \"TextQuoteSelector\", \"exact\": \"accidents doubled in three years\","
    "       \"prefix\": \"Since the lanes opened, \", \"suffix\": \", according to residents.\"},"
    "      {\"type\": \"TextPositionSelector\", \"start\": 1204, \"end\": 1236}"
    "    ]"
    "  }],"
    "  \"document\": {\"title\": [\"Bike lanes are a mistake\"]},"
    "  \"links\": {\"html\": \"https://hypothes.is/a/Qw3rTyUi0pAsDfGh\"}"
    "}";
  const char *jsonld =
    "{"
    "  \"@context\": \"http://www.w3.org/ns/anno.jsonld\","
    "  \"type\": \"Annotation\","
    "  \"id\": \"https://hypothes.is/a/Zx9Yw8Vu7Ts6\","
    "  \"created\": \"2024-11-05T14:02:11.512931+00:00\","
    "  \"modified\": \"2024-11-05T14:02:11.512931+00:00\","
    "  \"creator\": \"acct:sam@hypothes.is\","
    "  \"body\": ["
    "    {\"type\": \"TextualBody\", \"text\": \"Loaded phrase.\", \"format\": \"text/markdown\"},"
    "    {\"type\": \"TextualBody\", \"text\": \"loaded-language\", \"purpose\": \"tagging\"}"
    "  ],"
    "  \"target\": [{\"source\": \"https://news.example/x\","
    "               \"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"war on drivers\"}]}]"
    "}";
  const char *expected_tags[] = { "statistic", "needs-source", NULL };
  const char *expected_jsonld_tags[] = { "loaded-language", NULL };
  g_autoptr(JsonNode) node = parse_json (input);
  g_autoptr(JsonNode) node2 = parse_json (jsonld);
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossAnnotation) annotation2 = NULL;
  g_autoptr(GlossAnnotation) copy = NULL;
  g_autoptr(GError) error = NULL;

  annotation = gloss_annotation_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_id (annotation), ==, "Qw3rTyUi0pAsDfGh");
  g_assert_cmpint (gloss_annotation_get_kind (annotation), ==, GLOSS_ANNOTATION_COMMENT);
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "Where does *this* number come from?");
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation), expected_tags);
  g_assert_cmpstr (gloss_annotation_get_creator_name (annotation), ==, "jordan");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "accidents doubled in three years");
  g_assert_cmpstr (gloss_annotation_get_prefix (annotation), ==, "Since the lanes opened, ");
  g_assert_cmpstr (gloss_annotation_get_suffix (annotation), ==, ", according to residents.");
  g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 1204);
  g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 1236);
  g_assert_null (gloss_annotation_get_text_hash (annotation));
  g_assert_cmpint (g_date_time_get_year (gloss_annotation_get_modified (annotation)), ==, 2024);
  g_assert_cmpint (g_date_time_get_day_of_month (gloss_annotation_get_modified (annotation)), ==, 6);
  g_assert_cmpint (g_date_time_get_day_of_month (gloss_annotation_get_created (annotation)), ==, 5);

  /* Written back in the W3C shape, and read again the same. */
  copy = round_trip (annotation);
  assert_same_annotation (annotation, copy);

  annotation2 = gloss_annotation_new_from_json (node2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_note (annotation2), ==, "Loaded phrase.");
  g_assert_cmpstrv (gloss_annotation_get_tags (annotation2), expected_jsonld_tags);
  g_assert_cmpstr (gloss_annotation_get_creator_name (annotation2), ==, "acct:sam@hypothes.is");
  g_assert_cmpstr (gloss_annotation_get_exact (annotation2), ==, "war on drivers");
  g_assert_null (gloss_annotation_get_prefix (annotation2));
}

static void
test_annotation_json_minimal (void)
{
  /* Selectors in any order, one selector not in a list, nothing else. */
  g_autoptr(JsonNode) node = parse_json ("{\"target\": {\"selector\": "
                                         "{\"type\": \"TextQuoteSelector\", \"exact\": \"plain\"}}}");
  g_autoptr(JsonNode) empty = parse_json ("{}");
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GlossAnnotation) bare = NULL;
  g_autoptr(GError) error = NULL;

  annotation = gloss_annotation_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "plain");
  g_assert_true (g_str_has_prefix (gloss_annotation_get_id (annotation), "urn:uuid:"));
  g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "");

  bare = gloss_annotation_new_from_json (empty, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bare);
}

static void
test_annotation_json_no_created (void)
{
  g_autoptr(JsonNode) node = parse_json ("{\"modified\": \"2026-03-04T05:06:07Z\", \"target\": "
                                         "{\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"plain\"}}}");
  g_autoptr(GlossAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;

  /* "created" is optional: the note was made when it was last changed,
   * not whenever its file is read.
   */
  annotation = gloss_annotation_new_from_json (node, &error);
  g_assert_no_error (error);
  created = g_date_time_format_iso8601 (gloss_annotation_get_created (annotation));
  g_assert_cmpstr (created, ==, "2026-03-04T05:06:07Z");
}

static void
test_annotation_json_wrong_types (void)
{
  static const struct {
    const char *json;
    const char *field;
  } cases[] = {
    { "[1, 2]", "JSON object" },
    { "{\"type\": \"AnnotationCollection\"}", "type" },
    { "{\"id\": 12}", "id" },
    { "{\"created\": \"last Tuesday\"}", "created" },
    { "{\"modified\": 1700000000}", "modified" },
    { "{\"gloss:kind\": \"rant\"}", "gloss:kind" },
    { "{\"gloss:kind\": [\"bias\"]}", "gloss:kind" },
    { "{\"gloss:tags\": \"statistic\"}", "gloss:tags" },
    { "{\"gloss:tags\": [\"a\", 2]}", "gloss:tags" },
    { "{\"gloss:verdict\": \"maybe\"}", "gloss:verdict" },
    { "{\"body\": 5}", "body" },
    { "{\"body\": [{\"type\": \"TextualBody\", \"value\": 7}]}", "body[0].value" },
    { "{\"creator\": {\"name\": \"A\", \"gloss:role\": \"principal\"}}", "gloss:role" },
    { "{\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"prefix\": \"x\"}]}}",
      "target.selector[0].exact" },
    { "{\"target\": {\"gloss:textHash\": false}}", "gloss:textHash" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_json (cases[i].json);
      g_autoptr(GlossAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;

      annotation = gloss_annotation_new_from_json (node, &error);
      g_assert_null (annotation);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      if (strstr (error->message, cases[i].field) == NULL)
        g_error ("case %u: “%s” does not name “%s”", i, error->message, cases[i].field);
    }
}

/* Offsets edited by hand do not cost the note: it is read, placed by its
 * quote, and the selector that could not be used is written back as it
 * was.
 */
static void
test_annotation_json_bad_position (void)
{
  static const char *positions[] = {
    "{\"type\": \"TextPositionSelector\", \"start\": -12, \"end\": 40}",
    "{\"type\": \"TextPositionSelector\", \"start\": 40, \"end\": 12}",
    "{\"type\": \"TextPositionSelector\", \"start\": \"ten\", \"end\": 12}",
    "{\"type\": \"TextPositionSelector\", \"start\": 1e300, \"end\": 1e301}",
    "{\"type\": \"TextPositionSelector\", \"start\": 99999999999999999999, \"end\": 1}",
    "{\"type\": \"TextPositionSelector\", \"start\": 2.5, \"end\": 7}",
    "{\"type\": \"TextPositionSelector\", \"end\": 7}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"type\": \"Annotation\", \"id\": \"urn:uuid:b\","
                                               " \"body\": {\"type\": \"TextualBody\", \"value\": \"Keep me.\"},"
                                               " \"target\": {\"gloss:textHash\": \"sha256:00\", \"selector\": ["
                                               " {\"type\": \"TextQuoteSelector\", \"exact\": \"the vote\"}, %s]}}",
                                               positions[i]);
      g_autoptr(JsonNode) node = parse_json (json);
      g_autoptr(JsonNode) written = NULL;
      g_autoptr(JsonNode) original_selector = NULL;
      g_autoptr(GlossAnnotation) annotation = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *selectors;
      gboolean kept = FALSE;

      annotation = gloss_annotation_new_from_json (node, &error);
      g_assert_no_error (error);
      g_assert_nonnull (annotation);
      g_assert_cmpstr (gloss_annotation_get_note (annotation), ==, "Keep me.");
      g_assert_cmpstr (gloss_annotation_get_exact (annotation), ==, "the vote");
      g_assert_cmpuint (gloss_annotation_get_start (annotation), ==, 0);
      g_assert_cmpuint (gloss_annotation_get_end (annotation), ==, 0);
      /* The hash vouched for the position; with none, it must not. */
      g_assert_null (gloss_annotation_get_text_hash (annotation));

      original_selector = parse_json (positions[i]);
      written = gloss_annotation_to_json (annotation);
      selectors = json_object_get_array_member (json_object_get_object_member (json_node_get_object (written), "target"),
                                                "selector");
      for (guint j = 0; j < json_array_get_length (selectors); j++)
        {
          if (json_node_equal (json_array_get_element (selectors, j), original_selector))
            kept = TRUE;
        }
      if (!kept)
        g_error ("case %u: the selector %s was not written back", i, positions[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/annotation/new", test_annotation_new);
  g_test_add_func ("/core/annotation/setters", test_annotation_setters);
  g_test_add_func ("/core/annotation/target-from-text", test_annotation_target);
  g_test_add_func ("/core/annotation/json/round-trip", test_annotation_json_round_trip);
  g_test_add_func ("/core/annotation/json/citation", test_annotation_json_citation);
  g_test_add_func ("/core/annotation/json/unknown-members", test_annotation_json_unknown_members);
  g_test_add_func ("/core/annotation/json/hypothesis", test_annotation_json_hypothesis);
  g_test_add_func ("/core/annotation/json/minimal", test_annotation_json_minimal);
  g_test_add_func ("/core/annotation/json/no-created", test_annotation_json_no_created);
  g_test_add_func ("/core/annotation/json/wrong-types", test_annotation_json_wrong_types);
  g_test_add_func ("/core/annotation/json/bad-position", test_annotation_json_bad_position);

  return g_test_run ();
}
