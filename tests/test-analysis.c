/* test-analysis.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "gloss-core.h"
#include "gloss-analysis-private.h"
#include "gloss-test-util.h"

#define SEED_NAME "000_284833fbcc1a0483.txt"

/* Reads a fixture written in a small subset of Markdown ("#" headings,
 * "- " list items, paragraphs separated by blank lines) into a document,
 * so that these tests do not depend on the importers. The first level-1
 * heading is also the title, as the importers do.
 */
static GlossDocument *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GlossDocumentBuilder *builder;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (line[0] == '\0')
        {
          if (gloss_document_builder_in_block (builder))
            gloss_document_builder_end_block (builder);
          continue;
        }

      if (line[0] == '#')
        {
          guint level = 0;

          while (line[level] == '#')
            level++;

          if (gloss_document_builder_in_block (builder))
            gloss_document_builder_end_block (builder);
          if (level == 1)
            gloss_document_builder_set_title (builder, line + level + 1);
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_HEADING, level);
          gloss_document_builder_append_text (builder, line + level + 1, -1);
          gloss_document_builder_end_block (builder);
          continue;
        }

      if (g_str_has_prefix (line, "- "))
        {
          if (gloss_document_builder_in_block (builder))
            gloss_document_builder_end_block (builder);
          gloss_document_builder_begin_block (builder, GLOSS_BLOCK_LIST_ITEM, 1);
          gloss_document_builder_append_text (builder, line + 2, -1);
          gloss_document_builder_end_block (builder);
          continue;
        }

      if (!gloss_document_builder_in_block (builder))
        gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      else
        gloss_document_builder_append_text (builder, " ", -1);
      gloss_document_builder_append_text (builder, line, -1);
    }

  if (gloss_document_builder_in_block (builder))
    gloss_document_builder_end_block (builder);

  return gloss_document_builder_finish (builder, NULL);
}

static GlossDocument *
document_from_paragraphs (const char * const *paragraphs)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_append_text (builder, paragraphs[i], -1);
      gloss_document_builder_end_block (builder);
    }

  return gloss_document_builder_finish (builder, NULL);
}

/* The code point offset of the first occurrence of @needle in the text. */
static guint
offset_of (GlossDocument *document,
           const char    *needle)
{
  const char *text = gloss_document_get_text (document);
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);

  return g_utf8_pointer_to_offset (text, found);
}

static GlossFinding *
find_finding (GListModel *model,
              const char *kind,
              const char *label)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (model, i);

      if ((kind == NULL || g_strcmp0 (gloss_finding_get_kind (finding), kind) == 0) &&
          g_strcmp0 (gloss_finding_get_label (finding), label) == 0)
        return finding;
    }

  return NULL;
}

/* The range of the first occurrence of @label after @context. */
static void
find_label (GlossAnalysis *analysis,
            const char    *context,
            const char    *label,
            guint         *start,
            guint         *end)
{
  const char *text = gloss_document_get_text (gloss_analysis_get_document (analysis));
  const char *after = strstr (text, context);
  const char *at;

  g_assert_nonnull (after);
  at = strstr (after, label);
  g_assert_nonnull (at);

  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (label, -1);
}

/* Asserts a cue of @kind labelled @label at the first place @label occurs
 * after @context in the text, with @explanation.
 */
static void
assert_cue (GlossAnalysis *analysis,
            const char    *kind,
            const char    *context,
            const char    *label,
            const char    *explanation)
{
  GListModel *cues = gloss_analysis_get_cues (analysis);
  guint start;
  guint end;

  find_label (analysis, context, label, &start, &end);

  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (gloss_finding_get_start (cue) == start && gloss_finding_get_end (cue) == end &&
          g_strcmp0 (gloss_finding_get_kind (cue), kind) == 0)
        {
          g_assert_cmpstr (gloss_finding_get_label (cue), ==, label);
          if (explanation != NULL)
            g_assert_cmpstr (gloss_finding_get_explanation (cue), ==, explanation);
          g_assert_cmpfloat (gloss_finding_get_score (cue), >, 0.0);
          g_assert_cmpfloat (gloss_finding_get_score (cue), <=, 1.0);
          return;
        }
    }

  g_error ("No %s cue '%s' at %u-%u", kind, label, start, end);
}

static char *
dup_sentence_at (GlossAnalysis *analysis,
                 guint          offset)
{
  guint n = 0;
  const GlossRange *sentences = gloss_analysis_get_sentences (analysis, &n);

  for (guint i = 0; i < n; i++)
    {
      if (sentences[i].start <= offset && offset < sentences[i].end)
        return gloss_document_dup_slice (gloss_analysis_get_document (analysis),
                                         sentences[i].start, sentences[i].end);
    }

  return NULL;
}

/* Every finding lies inside the text and its label is the text it covers
 * (for a section, the heading at its start).
 */
static void
assert_findings_consistent (GlossAnalysis *analysis)
{
  GlossDocument *document = gloss_analysis_get_document (analysis);
  guint length = gloss_document_get_length (document);
  GListModel *models[] = {
    gloss_analysis_get_sections (analysis),
    gloss_analysis_get_claims (analysis),
    gloss_analysis_get_evidence (analysis),
    gloss_analysis_get_cues (analysis),
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      guint previous_start = 0;

      for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
        {
          g_autoptr(GlossFinding) finding = g_list_model_get_item (models[m], i);
          guint start = gloss_finding_get_start (finding);
          guint end = gloss_finding_get_end (finding);
          const char *label = gloss_finding_get_label (finding);
          g_autofree char *slice = NULL;

          g_assert_cmpuint (start, <, end);
          g_assert_cmpuint (end, <=, length);
          g_assert_cmpuint (start, >=, previous_start);
          previous_start = start;

          g_assert_nonnull (gloss_finding_get_explanation (finding));
          g_assert_cmpfloat (gloss_finding_get_score (finding), >=, 0.0);
          g_assert_cmpfloat (gloss_finding_get_score (finding), <=, 1.0);

          if (gloss_finding_get_category (finding) == GLOSS_FINDING_SECTION)
            slice = gloss_document_dup_slice (document, start, start + g_utf8_strlen (label, -1));
          else
            slice = gloss_document_dup_slice (document, start, end);

          g_assert_cmpstr (label, ==, slice);
        }
    }
}

static void
test_analysis_sentences (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  g_autofree char *quote = NULL;
  g_autofree char *survey = NULL;
  g_autofree char *emoji = NULL;
  guint n = 0;
  const GlossRange *sentences = gloss_analysis_get_sentences (analysis, &n);

  /* "Dr." and "U.S." do not end the sentence. */
  quote = dup_sentence_at (analysis, offset_of (document, "said Dr. Amira"));
  g_assert_cmpstr (quote, ==,
                   "“The figures are higher than anywhere else in the county,” said "
                   "Dr. Amira Holt, who once advised the U.S. Senate on road safety.");

  /* A decimal or grouped number does not end one either. */
  survey = dup_sentence_at (analysis, offset_of (document, "18%"));
  g_assert_cmpstr (survey, ==,
                   "According to the county transport survey, traffic on the High Street "
                   "rose by 18% between 2019 and 2024.");

  /* Characters outside the Basic Multilingual Plane count as one. */
  emoji = dup_sentence_at (analysis, offset_of (document, "Residents posted"));
  g_assert_cmpstr (emoji, ==, "Residents posted 🚗🚗🚗 under the council’s announcement.");

  /* Sentences are sorted, do not overlap and carry no outer spaces. */
  g_assert_cmpuint (n, >, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = gloss_document_dup_slice (document, sentences[i].start,
                                                        sentences[i].end);

      g_assert_cmpuint (sentences[i].start, <, sentences[i].end);
      g_assert_cmpuint (sentences[i].end, <=, gloss_document_get_length (document));
      if (i > 0)
        g_assert_cmpuint (sentences[i - 1].end, <=, sentences[i].start);
      g_assert_false (g_ascii_isspace (text[0]));
      g_assert_false (g_ascii_isspace (text[strlen (text) - 1]));
    }
}

static void
test_analysis_sentences_abbreviations (void)
{
  const char * const paragraphs[] = {
    "Dr. Jones met Mr. Smith at 5 p.m. on Friday. The U.S. Navy later confirmed it. "
    "Prices rose by 3.5 per cent, e.g. for bread. Was it worth it? Nobody knows!",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  const char * const expected[] = {
    "Dr. Jones met Mr. Smith at 5 p.m. on Friday.",
    "The U.S. Navy later confirmed it.",
    "Prices rose by 3.5 per cent, e.g. for bread.",
    "Was it worth it?",
    "Nobody knows!",
  };
  guint n = 0;
  const GlossRange *sentences = gloss_analysis_get_sentences (analysis, &n);

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = gloss_document_dup_slice (document, sentences[i].start,
                                                        sentences[i].end);

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

static void
test_analysis_sections (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *sections = gloss_analysis_get_sections (analysis);
  const char * const titles[] = { "The Traffic Problem", "The Alternatives", "Conclusion" };
  g_autoptr(GlossFinding) traffic = NULL;
  g_autoptr(GlossFinding) conclusion = NULL;
  const char *text = gloss_document_get_text (document);

  /* The heading that repeats the title is not part of the outline. */
  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GlossFinding) section = g_list_model_get_item (sections, i);

      g_assert_cmpint (gloss_finding_get_category (section), ==, GLOSS_FINDING_SECTION);
      g_assert_cmpstr (gloss_finding_get_label (section), ==, titles[i]);
      g_assert_cmpuint (gloss_finding_get_level (section), ==, 2);
      g_assert_cmpuint (gloss_finding_get_start (section), ==, offset_of (document, titles[i]));
    }

  /* A section covers its heading and its body, up to the next heading. */
  traffic = g_list_model_get_item (sections, 0);
  g_assert_cmpuint (gloss_finding_get_end (traffic), ==,
                    offset_of (document, "twice as long.") + strlen ("twice as long."));

  conclusion = g_list_model_get_item (sections, 2);
  g_assert_cmpuint (gloss_finding_get_end (conclusion), ==, g_utf8_strlen (text, -1));

  /* find_section */
  g_assert_null (gloss_analysis_find_section (analysis, 0));
  g_assert_null (gloss_analysis_find_section (analysis, offset_of (document, "Many people")));
  g_assert_true (gloss_analysis_find_section (analysis, offset_of (document, "Residents")) == traffic);
  g_assert_true (gloss_analysis_find_section (analysis, offset_of (document, "The Traffic")) == traffic);
  g_assert_true (gloss_analysis_find_section (analysis, offset_of (document, "costly")) == conclusion);
  g_assert_null (gloss_analysis_find_section (analysis, G_MAXUINT));
}

static void
test_analysis_nested_sections (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_MARKDOWN);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  GListModel *sections;
  const struct {
    GlossBlockKind kind;
    guint level;
    const char *text;
  } blocks[] = {
    { GLOSS_BLOCK_HEADING, 2, "Part one" },
    { GLOSS_BLOCK_PARAGRAPH, 0, "Opening words of the first part." },
    { GLOSS_BLOCK_HEADING, 3, "A detail" },
    { GLOSS_BLOCK_PARAGRAPH, 0, "More about the detail." },
    { GLOSS_BLOCK_HEADING, 2, "Part two" },
    { GLOSS_BLOCK_PARAGRAPH, 0, "The end." },
  };
  g_autoptr(GlossFinding) one = NULL;
  g_autoptr(GlossFinding) detail = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      gloss_document_builder_begin_block (builder, blocks[i].kind, blocks[i].level);
      gloss_document_builder_append_text (builder, blocks[i].text, -1);
      gloss_document_builder_end_block (builder);
    }

  document = gloss_document_builder_finish (builder, NULL);
  analysis = gloss_analysis_new (document);
  sections = gloss_analysis_get_sections (analysis);

  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 3);
  one = g_list_model_get_item (sections, 0);
  detail = g_list_model_get_item (sections, 1);

  /* The level-2 section spans its level-3 subsection. */
  g_assert_cmpuint (gloss_finding_get_end (one), ==,
                    offset_of (document, "detail.") + strlen ("detail."));
  g_assert_cmpuint (gloss_finding_get_end (detail), ==, gloss_finding_get_end (one));
  g_assert_cmpuint (gloss_finding_get_level (detail), ==, 3);

  /* The innermost section is the one found. */
  g_assert_true (gloss_analysis_find_section (analysis, offset_of (document, "More about")) == detail);
  g_assert_true (gloss_analysis_find_section (analysis, offset_of (document, "Opening")) == one);
}

static void
test_analysis_cues (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);

  assert_cue (analysis, "hedge", "reckless plan", "may",
              "hedge: 'may' weakens the claim");
  assert_cue (analysis, "hedge", "reckless plan", "perhaps",
              "hedge: 'perhaps' weakens the claim");
  assert_cue (analysis, "hedge", "bus route", "could",
              "hedge: 'could' weakens the claim");
  assert_cue (analysis, "loaded-language", "Millbrook", "rings hollow",
              "loaded language: 'rings hollow' carries a judgement");
  /* A loaded adjective is shown with the noun it colours; the explanation
   * names the word that carries the judgement.
   */
  assert_cue (analysis, "loaded-language", "The Traffic", "reckless plan",
              "loaded language: 'reckless' carries a judgement");
  assert_cue (analysis, "generalisation", "Millbrook", "Many people",
              "generalisation: 'Many people' without naming who");
  assert_cue (analysis, "generalisation", "Cycle Lanes", "It is widely believed",
              "generalisation: 'It is widely believed' without naming who");
  assert_cue (analysis, "intensifier", "Cycle Lanes", "clearly",
              "intensifier: 'clearly' adds force, not information");
  assert_cue (analysis, "rhetorical-question", "Millbrook",
              "Is this really the best use of public money?",
              "rhetorical question: 'Is this really' expects the answer it implies");
  /* The title is in the text as a heading here, so its question counts. */
  assert_cue (analysis, "rhetorical-question", "Should",
              "Should Millbrook Build the Northern Bypass?",
              "question headline: puts an idea in the reader's mind without asserting it");
  assert_cue (analysis, "black-and-white", "Either", "Either we build the bypass or", NULL);
}

static void
test_analysis_cue_boundaries (void)
{
  const char * const paragraphs[] = {
    /* "May" the month is no hedge; "mayor" and "dismay" hold no "may". */
    "In May the mayor spoke of his dismay. The regimen worked.",
    "Émile said the REGIME’s propaganda war may end.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *cues = gloss_analysis_get_cues (analysis);
  guint n_hedges = 0;

  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (g_strcmp0 (gloss_finding_get_kind (cue), "hedge") == 0)
        {
          n_hedges++;
          g_assert_cmpuint (gloss_finding_get_start (cue), ==, offset_of (document, "may end"));
        }
    }

  g_assert_cmpuint (n_hedges, ==, 1);
  g_assert_null (find_finding (cues, "loaded-language", "regimen"));
  assert_cue (analysis, "loaded-language", "Émile", "propaganda war", NULL);
  /* Case-insensitive, and a possessive ends the word; the noun is shown
   * with its article.
   */
  assert_cue (analysis, "loaded-language", "Émile", "the REGIME",
              "loaded language: 'REGIME' carries a judgement");
}

static void
test_analysis_cue_phrases (void)
{
  const char * const paragraphs[] = {
    "Rivals mocked the utterly disgusting behaviour of crooked Mayor Brandt at the meeting.",
    "The “reform” failed, and the council blamed the “experts” for it.",
    "“Nobody asked us about the harbour,” the fishermen said.",
    "Critics say that the ferry is the sole reason the harbour closed, and nobody disputes it.",
    "This propaganda war aims to divide the town.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *cues = gloss_analysis_get_cues (analysis);

  /* A loaded word is shown with the words it colours, and its explanation
   * names the word itself.
   */
  assert_cue (analysis, "loaded-language", "Rivals", "disgusting behaviour",
              "loaded language: 'disgusting' carries a judgement");
  assert_cue (analysis, "loaded-language", "Rivals", "crooked Mayor Brandt",
              "loaded language: 'crooked' carries a judgement");

  /* Scare quotes around a word the author disowns, but not quotation
   * marks that open someone's words.
   */
  assert_cue (analysis, "doubt", "The", "“reform”",
              "doubt: the scare quotes of “reform” keep the word at a distance");
  assert_cue (analysis, "doubt", "council", "“experts”", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      g_assert_cmpuint (gloss_finding_get_start (cue), !=, offset_of (document, "“Nobody"));
    }

  /* A loaded noun takes the noun it makes a compound with, but not the
   * verb after it.
   */
  assert_cue (analysis, "loaded-language", "This propaganda", "This propaganda war", NULL);

  /* A technique that is a way of arguing covers its clause. */
  assert_cue (analysis, "causal-oversimplification", "Critics",
              "Critics say that the ferry is the sole reason the harbour closed",
              "causal oversimplification: 'the sole reason' gives one cause for a complex outcome");

  assert_findings_consistent (analysis);
}

static void
test_analysis_cue_labels (void)
{
  const char * const paragraphs[] = {
    "The mayor called his rival a thoroughly dishonest man and praised the honest officials of the harbour board.",
    "Kremlin puppets filled the front row, and the council was busy mocking critics.",
    "Only the usual scare-mongers and Europhobes objected to the plan.",
    "Prices skyrocketed after the ferry contract, a grave error by the council.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *cues = gloss_analysis_get_cues (analysis);

  /* A judgement before a noun for people is a label, in blame or in
   * praise, shown with its article and its intensifier.
   */
  assert_cue (analysis, "name-calling", "The mayor", "a thoroughly dishonest man",
              "name calling: 'thoroughly dishonest man' sums people up in a judgement");
  assert_cue (analysis, "name-calling", "The mayor", "the honest officials",
              "name calling: 'honest officials' sums people up in a judgement");

  /* A verb with its object is no label. */
  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (g_strcmp0 (gloss_finding_get_kind (cue), "name-calling") == 0)
        g_assert_cmpuint (gloss_finding_get_start (cue), !=, offset_of (document, "mocking"));
    }

  /* A label takes the group it is pinned on; patterns find the
   * "-mongers" and "-phobes" that no list could spell out.
   */
  assert_cue (analysis, "name-calling", "Kremlin", "Kremlin puppets",
              "name calling: 'puppets' labels instead of describing");
  assert_cue (analysis, "name-calling", "Only", "the usual scare-mongers",
              "name calling: 'scare-mongers' labels instead of describing");
  assert_cue (analysis, "name-calling", "Only", "Europhobes", NULL);

  /* Hyperbole, and a loaded noun phrase with its article. */
  assert_cue (analysis, "loaded-language", "Prices", "skyrocketed",
              "loaded language: 'skyrocketed' carries a judgement");
  assert_cue (analysis, "loaded-language", "Prices", "a grave error",
              "loaded language: 'grave error' carries a judgement");

  assert_findings_consistent (analysis);
}

/* Asserts that no cue covers any of @label where it first occurs after
 * @context.
 */
static void
assert_no_cue (GlossAnalysis *analysis,
               const char    *context,
               const char    *label)
{
  GListModel *cues = gloss_analysis_get_cues (analysis);
  guint start;
  guint end;

  find_label (analysis, context, label, &start, &end);

  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (gloss_finding_get_start (cue) < end && gloss_finding_get_end (cue) > start)
        g_error ("Unexpected %s cue '%s' over '%s'", gloss_finding_get_kind (cue),
                 gloss_finding_get_label (cue), label);
    }
}

static void
test_analysis_cue_quoted_labels (void)
{
  const char * const paragraphs[] = {
    "Supporters of the “Iron Lady” Margaret Thatcher cheered, and the opposition dubbed her ‘the milk snatcher’ for years.",
    "Critics said the ferry company’s ‘customer charter’ meant nothing, and the mayor’s “reform,” as he calls it, changed little.",
    "The council published a report titled “Harbour Futures Review” last spring.",
    "She said “the ferry will run on time, every day of the year” and left the Joneses’ boat.",
    "They are good, law-abiding people, and these devoted family men run the boats.",
    "The gun-toting crowd at the pier booed.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);

  /* A nickname in quotation marks, inside the name it stands for or
   * given by a verb to the one who gets it.
   */
  assert_cue (analysis, "name-calling", "Supporters", "“Iron Lady”",
              "name calling: the nickname “Iron Lady” stands in for a description");
  assert_cue (analysis, "name-calling", "Supporters", "‘the milk snatcher’", NULL);

  /* Scare quotes in single marks, and with the sentence's comma inside
   * the closing mark; the apostrophes of "company’s" open nothing.
   */
  assert_cue (analysis, "doubt", "Critics", "‘customer charter’",
              "doubt: the scare quotes of ‘customer charter’ keep the word at a distance");
  assert_cue (analysis, "doubt", "Critics", "“reform,”", NULL);
  assert_no_cue (analysis, "Critics", "company’s");

  /* The title of a work and someone's whole sentence are neither. */
  assert_no_cue (analysis, "The council", "“Harbour Futures Review”");
  assert_no_cue (analysis, "She said", "“the ferry will run on time, every day of the year”");
  assert_no_cue (analysis, "She said", "Joneses’ boat");

  /* Judgements in a row, a noun in "-ly" and a compound that sums people
   * up make labels too.
   */
  assert_cue (analysis, "name-calling", "They are", "good, law-abiding people",
              "name calling: 'good, law-abiding people' sums people up in a judgement");
  assert_cue (analysis, "name-calling", "They are", "these devoted family men", NULL);
  assert_cue (analysis, "name-calling", "The gun-toting", "The gun-toting crowd", NULL);

  assert_findings_consistent (analysis);
}

static void
test_analysis_questions (void)
{
  const char * const paragraphs[] = {
    "The ferry has served the island for forty years. Why does it matter now? Because the new contract ends it in May.",
    "Isn’t it time the council listened? The plan is fair to nobody, don’t you agree?",
    "Did the council consult the islanders? No, it met behind closed doors. Will the ferry survive another winter?",
    "Some call the plan a success, right? Right and wrong are not the council’s words.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);

  /* A question that the author answers at once moves the argument along;
   * it is no cue.
   */
  assert_no_cue (analysis, "The ferry", "Why does it matter now?");
  assert_no_cue (analysis, "Did the", "Did the council consult the islanders?");

  /* One that expects the answer it implies names the words that make it
   * do so, at its start or in its tag.
   */
  assert_cue (analysis, "rhetorical-question", "Isn’t", "Isn’t it time the council listened?",
              "rhetorical question: 'Isn’t it' expects the answer it implies");
  assert_cue (analysis, "rhetorical-question", "Isn’t", "The plan is fair to nobody, don’t you agree?",
              "rhetorical question: 'don’t you agree' expects the answer it implies");
  assert_cue (analysis, "rhetorical-question", "Some", "Some call the plan a success, right?",
              "rhetorical question: 'right' expects the answer it implies");

  /* One left unanswered at the end of its paragraph is left to the
   * reader.
   */
  assert_cue (analysis, "rhetorical-question", "Did the", "Will the ferry survive another winter?",
              "rhetorical question: asked and left for the reader to answer");

  assert_findings_consistent (analysis);
}

static void
test_analysis_question_title (void)
{
  g_autoptr(GlossDocument) document =
    gloss_test_document_from_text ("# Is the Harbour Plan a Failure?\n\n"
                                   "The council approved the harbour plan in March. It has cost more than promised. "
                                   "The ferries now run half as often. Traders on the quay report fewer visitors. "
                                   "The council says the work will end next year. Nobody expects it to.\n",
                                   FALSE, NULL);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *document_cues = gloss_analysis_get_document_cues (analysis);
  gboolean found = FALSE;

  /* A title that asks, and is not in the text, is a cue of the whole
   * article.
   */
  for (guint i = 0; i < g_list_model_get_n_items (document_cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (document_cues, i);

      if (g_strcmp0 (gloss_finding_get_kind (cue), "rhetorical-question") == 0)
        {
          g_assert_cmpstr (gloss_finding_get_explanation (cue), ==,
                           "question headline: “Is the Harbour Plan a Failure?” puts an idea in the "
                           "reader's mind without asserting it");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

static void
test_analysis_claims (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *claims = gloss_analysis_get_claims (analysis);
  GlossFinding *supported;
  GlossFinding *recommendation;
  GlossFinding *thesis;
  double top = 0.0;
  guint n_sentences = 0;

  /* A figure with its source is evidence offered for the argument, not a
   * claim of the author's.
   */
  g_assert_null (find_finding (claims, NULL,
                               "According to the county transport survey, traffic on the High "
                               "Street rose by 18% between 2019 and 2024."));

  recommendation = find_finding (claims, NULL,
                                 "The council should publish the full costs before any vote.");
  g_assert_nonnull (recommendation);
  g_assert_cmpstr (gloss_finding_get_kind (recommendation), ==, "recommendation");
  /* Nothing in its paragraph supports it. */
  g_assert_false (gloss_finding_get_has_evidence (recommendation));
  g_assert_true (g_strv_contains (gloss_finding_get_reasons (recommendation),
                                  "no evidence given: no figure, quotation, source or example in its paragraph"));

  /* A claim in the paragraph of the survey's figures has evidence near it. */
  supported = find_finding (claims, NULL,
                            "The council’s reckless plan may perhaps ease congestion for a while.");
  g_assert_nonnull (supported);
  g_assert_true (gloss_finding_get_has_evidence (supported));
  g_assert_false (g_strv_contains (gloss_finding_get_reasons (supported),
                                   "no evidence given: no figure, quotation, source or example in its paragraph"));

  thesis = find_finding (claims, NULL,
                         "The evidence presented here strongly suggests that the bypass "
                         "should be considered a costly mistake.");
  g_assert_nonnull (thesis);
  g_assert_cmpstr (gloss_finding_get_kind (thesis), ==, "evaluative");

  for (guint i = 0; i < g_list_model_get_n_items (claims); i++)
    {
      g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, i);

      top = MAX (top, gloss_finding_get_score (claim));

      /* Questions and headings are not claims. */
      g_assert_false (g_str_has_suffix (gloss_finding_get_label (claim), "?"));
      g_assert_nonnull (gloss_finding_get_explanation (claim));
    }

  g_assert_cmpfloat (gloss_finding_get_score (thesis), ==, top);
  g_assert_cmpstr (gloss_finding_get_explanation (thesis), ==,
                   "thesis: states what the article argues");
  g_assert_true (gloss_analysis_get_thesis (analysis) == thesis);

  /* A claim list is a selection, not every sentence. */
  gloss_analysis_get_sentences (analysis, &n_sentences);
  g_assert_cmpuint (g_list_model_get_n_items (claims), <, n_sentences);
}

static void
test_analysis_claim_clauses (void)
{
  const char * const paragraphs[] = {
    "The harbour plan is failing the whole town; the council will have to raise taxes again.",
    "The ferry will stop running in winter, and the fishermen are the ones who will pay for it.",
    "Prices, rents and fares keep rising in every part of the county.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *claims = gloss_analysis_get_claims (analysis);

  /* Assertions that the author joins with a semicolon, or with a comma and
   * a conjunction, are claims of their own.
   */
  g_assert_nonnull (find_finding (claims, NULL, "The harbour plan is failing the whole town"));
  g_assert_nonnull (find_finding (claims, NULL, "the council will have to raise taxes again."));
  g_assert_nonnull (find_finding (claims, NULL, "The ferry will stop running in winter"));
  g_assert_nonnull (find_finding (claims, NULL, "and the fishermen are the ones who will pay for it."));
  /* A list is not a series of clauses. */
  g_assert_nonnull (find_finding (claims, NULL,
                                  "Prices, rents and fares keep rising in every part of the county."));

  assert_findings_consistent (analysis);
}

static void
test_analysis_evidence (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *evidence = gloss_analysis_get_evidence (analysis);
  GlossFinding *finding;

  g_assert_nonnull (find_finding (evidence, "statistic", "£40 million"));
  g_assert_nonnull (find_finding (evidence, "statistic", "18%"));
  g_assert_nonnull (find_finding (evidence, "statistic", "2,000 passengers a day"));
  g_assert_nonnull (find_finding (evidence, "statistic", "twice as"));
  /* Years are dates, not statistics. */
  g_assert_null (find_finding (evidence, "statistic", "2019"));

  finding = find_finding (evidence, "statistic", "£40 million");
  g_assert_cmpstr (gloss_finding_get_explanation (finding), ==,
                   "statistic: '£40 million' without a source in the sentence");

  finding = find_finding (evidence, "quotation",
                          "“The figures are higher than anywhere else in the county,”");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "Dr. Amira Holt");

  finding = find_finding (evidence, "attribution", "According to the county transport survey");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "the county transport survey");
  g_assert_nonnull (find_finding (evidence, "attribution", "said Dr. Amira Holt"));

  finding = find_finding (evidence, "anecdote",
                          "Last week I met a shopkeeper who told me that deliveries now take "
                          "twice as long.");
  g_assert_nonnull (finding);
}

static void
test_analysis_speakers (void)
{
  const char * const paragraphs[] = {
    "\"We will reopen the pool in spring,\" said deputy mayor Ilse Brandt. "
    "\"Nobody should have to swim in the river again.\"",
    "Water engineer Jonas Pike, who inspected the pipes last year, said the leak was old. "
    "\"The pipes have been failing for a decade,\" he said.",
    NULL
  };
  g_autoptr(GlossDocument) document = document_from_paragraphs (paragraphs);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *evidence = gloss_analysis_get_evidence (analysis);
  GlossFinding *finding;

  /* A role between the verb and the name. */
  finding = find_finding (evidence, "quotation", "\"We will reopen the pool in spring,\"");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "Ilse Brandt");

  /* A second quotation in the paragraph goes on with the same speaker. */
  finding = find_finding (evidence, "quotation", "\"Nobody should have to swim in the river again.\"");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "Ilse Brandt");

  /* "Name, who ..., said", and "he said" refers back to it. */
  finding = find_finding (evidence, "attribution",
                          "Jonas Pike, who inspected the pipes last year, said");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "Jonas Pike");
  finding = find_finding (evidence, "quotation", "\"The pipes have been failing for a decade,\"");
  g_assert_nonnull (finding);
  g_assert_cmpstr (gloss_finding_get_detail (finding), ==, "Jonas Pike");

  assert_findings_consistent (analysis);
}

static void
test_analysis_links (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  GListModel *evidence;
  GlossFinding *link;

  gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
  gloss_document_builder_append_text (builder, "The ", -1);
  gloss_document_builder_push_span (builder, GLOSS_SPAN_LINK, "https://example.org/report");
  gloss_document_builder_append_text (builder, "harbour report", -1);
  gloss_document_builder_pop_span (builder);
  gloss_document_builder_append_text (builder, " found silt [3] and more (Okafor, 2021); "
                                      "see https://example.org/data.", -1);
  gloss_document_builder_end_block (builder);
  document = gloss_document_builder_finish (builder, NULL);
  analysis = gloss_analysis_new (document);
  evidence = gloss_analysis_get_evidence (analysis);

  link = find_finding (evidence, "link", "harbour report");
  g_assert_nonnull (link);
  g_assert_cmpstr (gloss_finding_get_detail (link), ==, "https://example.org/report");
  g_assert_nonnull (find_finding (evidence, "link", "https://example.org/data"));
  g_assert_nonnull (find_finding (evidence, "citation", "[3]"));
  g_assert_nonnull (find_finding (evidence, "citation", "(Okafor, 2021)"));
}

static void
test_analysis_ranges (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");
  GListModel *cues = gloss_analysis_get_cues (analysis);

  assert_findings_consistent (analysis);

  /* Every cue names a tag the reader can look up. */
  g_assert_nonnull (bias);
  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      g_assert_nonnull (gloss_vocabulary_lookup (bias, gloss_finding_get_kind (cue)));
    }
}

static void
test_analysis_empty (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = gloss_document_builder_finish (builder, NULL);
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  guint n = 1;

  gloss_analysis_get_sentences (analysis, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_sections (analysis)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_claims (analysis)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_cues (analysis)), ==, 0);
}

static void
analysis_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_analysis_async (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) sync = gloss_analysis_new (document);
  g_autoptr(GlossAnalysis) async = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GlossAnalysis *none;

  gloss_analysis_new_async (document, NULL, analysis_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  async = gloss_analysis_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (gloss_analysis_get_document (async) == document);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_cues (async)), ==,
                    g_list_model_get_n_items (gloss_analysis_get_cues (sync)));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_claims (async)), ==,
                    g_list_model_get_n_items (gloss_analysis_get_claims (sync)));

  g_cancellable_cancel (cancellable);
  gloss_analysis_new_async (document, cancellable, analysis_ready_cb, &cancelled_result);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);

  none = gloss_analysis_new_finish (cancelled_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

static void
test_analysis_large (void)
{
  GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_TEXT);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  g_autoptr(GTimer) timer = NULL;
  const char *paragraph =
    "The harbour board may widely be seen as a failure, but its 2,000 workers clearly "
    "deserve better. Dr. Lee said the plan “will fail within a year”, according to the "
    "Coastal Trust. Should the town really trust the board again? It must decide soon.";

  /* About 100,000 words. */
  for (guint i = 0; i < 2500; i++)
    {
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_append_text (builder, paragraph, -1);
      gloss_document_builder_end_block (builder);
    }

  document = gloss_document_builder_finish (builder, NULL);
  timer = g_timer_new ();
  analysis = gloss_analysis_new (document);
  g_timer_stop (timer);

  g_test_message ("Analysed %u code points in %.3f s",
                  gloss_document_get_length (document), g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_cues (analysis)), >=, 2500 * 4);
  /* The limit leaves room for slow machines and debug builds; the
   * analysis takes a small fraction of it.
   */
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
}

static void
test_analysis_classify (void)
{
  const struct {
    const char *sentence;
    gboolean claim;
    const char *kind;
  } cases[] = {
    { "Unemployment rose to 7.5 percent in 2023, according to the labour office.", TRUE, "factual" },
    { "The city spent $12 million on the stadium last year.", TRUE, "factual" },
    { "The council must act now to protect the river.", FALSE, "recommendation" },
    { "What are we going to do about it?", FALSE, "none" },
    { "Thank you.", FALSE, "none" },
    { "I think we all deserve a little more kindness.", FALSE, "evaluative" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double score = -1.0;
      const char *kind = NULL;
      gboolean claim = gloss_analysis_classify_sentence (cases[i].sentence, &score, &kind);

      g_test_message ("%s -> %d %.2f %s", cases[i].sentence, claim, score, kind);
      g_assert_cmpint (claim, ==, cases[i].claim);
      g_assert_cmpfloat (score, >=, 0.0);
      g_assert_cmpfloat (score, <=, 1.0);
      g_assert_nonnull (kind);
      if (cases[i].kind != NULL)
        g_assert_cmpstr (kind, ==, cases[i].kind);
    }

  /* A factual claim scores above an opinion. */
  {
    double fact = 0.0;
    double opinion = 0.0;

    gloss_analysis_classify_sentence ("The city spent $12 million on the stadium last year.",
                                      &fact, NULL);
    gloss_analysis_classify_sentence ("I think we all deserve a little more kindness.",
                                      &opinion, NULL);
    g_assert_cmpfloat (fact, >, opinion);
  }
}

/* The claim model's features are computed by the C code here and by the
 * training program in tools/train-claims; the program writes the
 * probabilities it gives sentences written to exercise the features, and
 * the C code must give the same, or the shipped weights would not mean what
 * they were trained to mean.
 */
static void
test_analysis_model_matches_training (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "models",
                                                 "claims-check.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_checked = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strrchr (lines[i], '\t');
      g_autofree char *sentence = NULL;
      double expected;
      double actual;
      Tokens tokens;

      if (tab == NULL)
        continue;

      sentence = g_strndup (lines[i], tab - lines[i]);
      expected = g_ascii_strtod (tab + 1, NULL);

      gloss_analysis_tokens_init (&tokens, sentence);
      gloss_analysis_tokenize (&tokens, 0, strlen (sentence), 0, 0);
      actual = gloss_analysis_model_score (&tokens, 0, tokens.lex->len, sentence,
                                           strlen (sentence), NULL);
      gloss_analysis_tokens_clear (&tokens);

      if (fabs (actual - expected) > 1e-4)
        g_error ("The claim model gives %.6f, its training program %.6f, for: %s",
                 actual, expected, sentence);
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 50);
}

static guint
count_cue_kind (const GlossAnalysisSummary *summary,
                const char                 *kind)
{
  for (guint i = 0; i < summary->n_cue_kinds; i++)
    {
      if (g_strcmp0 (summary->cue_kinds[i], kind) == 0)
        return summary->cue_counts[i];
    }

  return 0;
}

static void
test_analysis_summary (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-article.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  const GlossAnalysisSummary *summary = gloss_analysis_get_summary (analysis);
  GListModel *claims = gloss_analysis_get_claims (analysis);
  GListModel *cues = gloss_analysis_get_cues (analysis);
  guint with_evidence = 0;
  guint hedges = 0;
  guint total = 0;

  g_assert_cmpuint (summary->n_claims, ==, g_list_model_get_n_items (claims));
  g_assert_cmpuint (summary->n_evidence, ==,
                    g_list_model_get_n_items (gloss_analysis_get_evidence (analysis)));
  g_assert_cmpuint (summary->n_cues, ==, g_list_model_get_n_items (cues));

  for (guint i = 0; i < g_list_model_get_n_items (claims); i++)
    {
      g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, i);

      if (gloss_finding_get_has_evidence (claim))
        with_evidence++;
    }
  g_assert_cmpuint (summary->n_claims_with_evidence, ==, with_evidence);
  g_assert_cmpuint (with_evidence, >, 0);
  g_assert_cmpuint (with_evidence, <, summary->n_claims);
  g_assert_cmpfloat_with_epsilon (gloss_analysis_summary_get_evidence_share (summary),
                                  (double)with_evidence / summary->n_claims, 1e-9);

  /* Cues by technique: the most frequent first, adding up to all cues. */
  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (g_strcmp0 (gloss_finding_get_kind (cue), "hedge") == 0)
        hedges++;
    }
  g_assert_cmpuint (count_cue_kind (summary, "hedge"), ==, hedges);
  g_assert_null (summary->cue_kinds[summary->n_cue_kinds]);
  for (guint i = 0; i < summary->n_cue_kinds; i++)
    {
      total += summary->cue_counts[i];
      if (i > 0)
        g_assert_cmpuint (summary->cue_counts[i - 1], >=, summary->cue_counts[i]);
    }
  g_assert_cmpuint (total, ==, summary->n_cues);

  /* The sources the article names, in the order of their first mention. */
  g_assert_cmpuint (summary->n_sources, ==, 3);
  g_assert_cmpstr (summary->sources[0], ==, "the county transport survey");
  g_assert_cmpstr (summary->sources[1], ==, "Dr. Amira Holt");
  g_assert_cmpstr (summary->sources[2], ==, "the operator");
  g_assert_null (summary->sources[3]);

  /* It names sources, so there is no cue about their absence. */
  g_assert_null (find_finding (gloss_analysis_get_document_cues (analysis), "no-source", NULL));
}

static void
test_analysis_document_cues (void)
{
  const char * const unsourced[] = {
    "The harbour plan is a disaster for the town, and the council knows it.",
    "Nobody in the town wanted a harbour this big.",
    "Everyone knows that the council has wasted money for years.",
    "The new bridge will never be finished on time.",
    "Traders are leaving the high street one by one.",
    "It is time for the council to admit its mistakes.",
    NULL
  };
  const char * const one_voice[] = {
    "The harbour plan is a disaster for the town, and the council knows it.",
    "The harbour plan is a disaster for the town, said Mayor Ilse Brandt.",
    "\"Nobody asked the fishermen what they needed,\" said Ilse Brandt.",
    "According to Ilse Brandt, the council ignored every warning.",
    "The new bridge will never be finished on time.",
    "It is time for the council to admit its mistakes.",
    NULL
  };
  const char * const both_sides[] = {
    "The harbour plan is a disaster for the town, and the council knows it.",
    "The harbour plan is a disaster for the town, said Mayor Ilse Brandt.",
    "\"Nobody asked the fishermen what they needed,\" said Ilse Brandt.",
    "The harbour board denied that any warning was ignored.",
    "The new bridge will never be finished on time.",
    "It is time for the council to admit its mistakes.",
    NULL
  };
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  GlossFinding *cue;

  /* Nothing is attributed, quoted, linked or cited. */
  document = document_from_paragraphs (unsourced);
  analysis = gloss_analysis_new (document);
  cue = find_finding (gloss_analysis_get_document_cues (analysis), "no-source", NULL);
  g_assert_nonnull (cue);
  g_assert_cmpuint (gloss_finding_get_start (cue), ==, 0);
  g_assert_cmpuint (gloss_finding_get_end (cue), ==, 0);
  g_assert_true (g_str_has_prefix (gloss_finding_get_explanation (cue), "no source: "));
  g_clear_object (&analysis);
  g_clear_object (&document);

  /* Every voice is the same person's. */
  document = document_from_paragraphs (one_voice);
  analysis = gloss_analysis_new (document);
  cue = find_finding (gloss_analysis_get_document_cues (analysis), "one-sidedness", NULL);
  g_assert_nonnull (cue);
  g_assert_nonnull (strstr (gloss_finding_get_explanation (cue), "Ilse Brandt"));
  g_assert_null (find_finding (gloss_analysis_get_document_cues (analysis), "no-source", NULL));
  g_clear_object (&analysis);
  g_clear_object (&document);

  /* The other side answers. */
  document = document_from_paragraphs (both_sides);
  analysis = gloss_analysis_new (document);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_document_cues (analysis)), ==, 0);
}

/* An article in French gets its outline, and a notice instead of claims,
 * evidence and cues that English word lists would get wrong.
 */
static void
test_analysis_not_english (void)
{
  g_autoptr(GlossDocument) document = load_fixture ("analysis-french.md");
  g_autoptr(GlossAnalysis) analysis = gloss_analysis_new (document);
  GListModel *sections = gloss_analysis_get_sections (analysis);
  const GlossAnalysisSummary *summary = gloss_analysis_get_summary (analysis);
  g_autoptr(GlossFinding) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (sections), ==, 3);
  first = g_list_model_get_item (sections, 0);
  g_assert_cmpstr (gloss_finding_get_label (first), ==, "Le problème de la circulation");

  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_claims (analysis)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_evidence (analysis)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_cues (analysis)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_document_cues (analysis)), ==, 0);
  g_assert_cmpuint (summary->n_claims, ==, 0);
  g_assert_nonnull (gloss_analysis_get_notice (analysis));
  g_assert_nonnull (strstr (gloss_analysis_get_notice (analysis), "analysis is available for English"));

  /* An English article has no notice. */
  {
    g_autoptr(GlossDocument) english = load_fixture ("analysis-article.md");
    g_autoptr(GlossAnalysis) english_analysis = gloss_analysis_new (english);

    g_assert_null (gloss_analysis_get_notice (english_analysis));
    g_assert_cmpuint (g_list_model_get_n_items (gloss_analysis_get_claims (english_analysis)), >, 0);
  }
}

/* The language a document declares decides, whatever its words. */
static void
test_analysis_declared_language (void)
{
  const char *text = "The council wants to spend forty million pounds on a new bypass, "
                     "and many people say the plan is a reckless waste of money.";
  const char * const languages[] = { "en-GB", "de", NULL };

  for (guint i = 0; languages[i] != NULL; i++)
    {
      GlossDocumentBuilder *builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);
      g_autoptr(GlossDocument) document = NULL;
      g_autoptr(GlossAnalysis) analysis = NULL;
      gboolean english = i == 0;

      gloss_document_builder_set_language (builder, languages[i]);
      gloss_document_builder_begin_block (builder, GLOSS_BLOCK_PARAGRAPH, 0);
      gloss_document_builder_append_text (builder, text, -1);
      gloss_document_builder_end_block (builder);
      document = gloss_document_builder_finish (builder, NULL);
      analysis = gloss_analysis_new (document);

      g_assert_true ((gloss_analysis_get_notice (analysis) == NULL) == english);
      g_assert_true ((g_list_model_get_n_items (gloss_analysis_get_cues (analysis)) > 0) == english);
    }
}

static char *
seed_path (void)
{
  /* The shared development data lies beside the source tree. */
  return g_test_build_filename (G_TEST_DIST, "..", "..", "shared", "seeds", SEED_NAME, NULL);
}

static GlossFinding *
find_section_by_title (GListModel *sections,
                       const char *title,
                       guint      *index)
{
  for (guint i = 0; i < g_list_model_get_n_items (sections); i++)
    {
      g_autoptr(GlossFinding) section = g_list_model_get_item (sections, i);

      if (g_strcmp0 (gloss_finding_get_label (section), title) == 0)
        {
          *index = i;
          return section;
        }
    }

  return NULL;
}

static gboolean
has_cue_in (GlossAnalysis *analysis,
            const char    *kind,
            const char    *label,
            GlossFinding  *section)
{
  GListModel *cues = gloss_analysis_get_cues (analysis);

  for (guint i = 0; i < g_list_model_get_n_items (cues); i++)
    {
      g_autoptr(GlossFinding) cue = g_list_model_get_item (cues, i);

      if (g_strcmp0 (gloss_finding_get_kind (cue), kind) == 0 &&
          g_ascii_strcasecmp (gloss_finding_get_label (cue), label) == 0 &&
          (section == NULL ||
           (gloss_finding_get_start (cue) >= gloss_finding_get_start (section) &&
            gloss_finding_get_end (cue) <= gloss_finding_get_end (section))))
        return TRUE;
    }

  return FALSE;
}

static void
test_analysis_seed (void)
{
  g_autofree char *path = seed_path ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *sections;
  GListModel *claims;
  const char * const titles[] = {
    "Lack of Genuine Commitment to Negotiation",
    "International Condemnation and Rejection of the Initiative",
    "The Role of Information Warfare and Propaganda",
    "Alternative Explanations and Strategic Goals",
    "Conclusion",
  };
  GlossFinding *alternatives = NULL;
  GlossFinding *thesis = NULL;
  GlossFinding *headline;
  double top = 0.0;
  guint previous = 0;
  const char *title;
  const char *text;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The seed article is not available");
      return;
    }

  file = g_file_new_for_path (path);
  document = gloss_import_file (file, NULL, &error);
  g_assert_no_error (error);
  analysis = gloss_analysis_new (document);
  sections = gloss_analysis_get_sections (analysis);
  claims = gloss_analysis_get_claims (analysis);
  text = gloss_document_get_text (document);

  assert_findings_consistent (analysis);

  /* The five sections, in order, each with at least one claim. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      guint index = 0;
      GlossFinding *section = find_section_by_title (sections, titles[i], &index);
      gboolean has_claim = FALSE;

      g_assert_nonnull (section);
      if (i > 0)
        g_assert_cmpuint (index, ==, previous + 1);
      previous = index;

      for (guint k = 0; k < g_list_model_get_n_items (claims); k++)
        {
          g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, k);

          if (gloss_analysis_find_section (analysis, gloss_finding_get_start (claim)) == section)
            has_claim = TRUE;
        }

      g_assert_true (has_claim);

      if (i == 3)
        alternatives = section;
    }

  /* The thesis is a claim with the top score. */
  for (guint k = 0; k < g_list_model_get_n_items (claims); k++)
    {
      g_autoptr(GlossFinding) claim = g_list_model_get_item (claims, k);

      top = MAX (top, gloss_finding_get_score (claim));
      if (strstr (gloss_finding_get_label (claim), "should be considered a diplomatic failure") != NULL)
        thesis = claim;
    }
  g_assert_nonnull (thesis);
  g_assert_cmpfloat (gloss_finding_get_score (thesis), ==, top);

  /* The title's question counts only where the title is part of the text. */
  title = gloss_document_get_title (document);
  if (title != NULL && strstr (text, title) != NULL)
    g_assert_true (has_cue_in (analysis, "rhetorical-question", title, NULL));

  /* A loaded noun phrase is shown with its article. */
  g_assert_true (has_cue_in (analysis, "loaded-language", "a pariah state", NULL));
  g_assert_true (has_cue_in (analysis, "loaded-language", "rings hollow", NULL));
  g_assert_true (has_cue_in (analysis, "loaded-language", "a massive disinformation campaign", NULL));
  g_assert_true (has_cue_in (analysis, "generalisation", "widespread", NULL));
  g_assert_true (has_cue_in (analysis, "generalisation", "largely", NULL));
  g_assert_true (has_cue_in (analysis, "generalisation", "numerous", NULL));
  g_assert_true (has_cue_in (analysis, "generalisation", "many key international players", NULL));
  g_assert_true (has_cue_in (analysis, "hedge", "may", alternatives));
  g_assert_true (has_cue_in (analysis, "hedge", "could", alternatives));
  g_assert_true (has_cue_in (analysis, "hedge", "might", alternatives));

  /* Its headline asks what it suggests, and it names no source for
   * anything it says.
   */
  headline = find_finding (gloss_analysis_get_document_cues (analysis), "rhetorical-question", NULL);
  g_assert_nonnull (headline);
  g_assert_nonnull (strstr (gloss_finding_get_explanation (headline), "A Diplomatic Failure?”"));
  g_assert_nonnull (find_finding (gloss_analysis_get_document_cues (analysis), "no-source", NULL));
  g_assert_cmpuint (gloss_analysis_get_summary (analysis)->n_sources, ==, 0);
  g_assert_null (gloss_analysis_get_notice (analysis));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/analysis/sentences", test_analysis_sentences);
  g_test_add_func ("/core/analysis/sentences/abbreviations", test_analysis_sentences_abbreviations);
  g_test_add_func ("/core/analysis/sections", test_analysis_sections);
  g_test_add_func ("/core/analysis/sections/nested", test_analysis_nested_sections);
  g_test_add_func ("/core/analysis/cues", test_analysis_cues);
  g_test_add_func ("/core/analysis/cues/word-boundaries", test_analysis_cue_boundaries);
  g_test_add_func ("/core/analysis/cues/phrases", test_analysis_cue_phrases);
  g_test_add_func ("/core/analysis/cues/labels", test_analysis_cue_labels);
  g_test_add_func ("/core/analysis/cues/quoted-labels", test_analysis_cue_quoted_labels);
  g_test_add_func ("/core/analysis/cues/questions", test_analysis_questions);
  g_test_add_func ("/core/analysis/cues/question-title", test_analysis_question_title);
  g_test_add_func ("/core/analysis/claims", test_analysis_claims);
  g_test_add_func ("/core/analysis/claims/clauses", test_analysis_claim_clauses);
  g_test_add_func ("/core/analysis/evidence", test_analysis_evidence);
  g_test_add_func ("/core/analysis/evidence/links", test_analysis_links);
  g_test_add_func ("/core/analysis/evidence/speakers", test_analysis_speakers);
  g_test_add_func ("/core/analysis/ranges", test_analysis_ranges);
  g_test_add_func ("/core/analysis/empty", test_analysis_empty);
  g_test_add_func ("/core/analysis/async", test_analysis_async);
  g_test_add_func ("/core/analysis/large", test_analysis_large);
  g_test_add_func ("/core/analysis/classify-sentence", test_analysis_classify);
  g_test_add_func ("/core/analysis/model-matches-training", test_analysis_model_matches_training);
  g_test_add_func ("/core/analysis/seed", test_analysis_seed);
  g_test_add_func ("/core/analysis/summary", test_analysis_summary);
  g_test_add_func ("/core/analysis/document-cues", test_analysis_document_cues);
  g_test_add_func ("/core/analysis/not-english", test_analysis_not_english);
  g_test_add_func ("/core/analysis/not-english/declared", test_analysis_declared_language);

  return g_test_run ();
}
