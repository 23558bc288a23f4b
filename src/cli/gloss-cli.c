/* gloss-cli.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <gio/gunixinputstream.h>
#include <stdio.h>

#include "gloss-core.h"

/* Exit statuses are part of the command-line contract. */
enum {
  EXIT_OK = 0,
  EXIT_BAD_INPUT = 1,
  EXIT_USAGE = 2,
};

typedef int (*CommandFunc) (int    argc,
                            char **argv);

typedef struct {
  const char  *name;
  const char  *args;
  const char  *summary;
  CommandFunc  func;
} Command;

static const Command *find_command (const char *name);

static int
usage_error (const char *command,
             const char *message)
{
  if (command != NULL)
    g_printerr ("gloss-cli %s: %s\n", command, message);
  else
    g_printerr ("gloss-cli: %s\n", message);
  g_printerr (_("Try “gloss-cli help” for usage.\n"));
  return EXIT_USAGE;
}

/* One line on stderr that names the file and the problem. */
static int
input_error (GFile        *file,
             const GError *error)
{
  g_autofree char *name = file != NULL ? g_file_get_parse_name (file) : NULL;
  /* One line, whatever a parser's message quotes of the input. */
  g_autofree char *message = gloss_utf8_dup_line (error->message);

  if (name != NULL && !g_str_has_prefix (message, name))
    g_printerr ("gloss-cli: %s: %s\n", name, message);
  else
    g_printerr ("gloss-cli: %s\n", message);
  return EXIT_BAD_INPUT;
}

static gboolean
parse_options (GOptionContext  *context,
               const char      *command,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_help_enabled (context, TRUE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (command, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (const char  *output,
              const char  *contents,
              gssize       length,
              GError     **error)
{
  if (length < 0)
    length = strlen (contents);

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (fwrite (contents, 1, length, stdout) != (gsize) length || fflush (stdout) != 0)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  /* g_file_set_contents() writes a temporary file and renames it, so a
   * failure never leaves a half-written export behind.
   */
  return g_file_set_contents (output, contents, length, error);
}

static GlossDocument *
import_argument (const char  *path,
                 GFile      **out_file,
                 int         *status)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  GlossDocument *document;

  document = gloss_import_file (file, NULL, &error);
  if (document == NULL)
    {
      *status = input_error (file, error);
      return NULL;
    }

  if (out_file != NULL)
    *out_file = g_steal_pointer (&file);
  return document;
}

static const char *
block_kind_to_string (GlossBlockKind kind)
{
  switch (kind)
    {
    case GLOSS_BLOCK_HEADING:
      return "heading";
    case GLOSS_BLOCK_PARAGRAPH:
      return "paragraph";
    case GLOSS_BLOCK_LIST_ITEM:
      return "list-item";
    case GLOSS_BLOCK_QUOTE:
      return "quote";
    case GLOSS_BLOCK_PREFORMATTED:
      return "preformatted";
    case GLOSS_BLOCK_CAPTION:
      return "caption";
    default:
      g_assert_not_reached ();
    }
}

static const char *
span_kind_to_string (GlossSpanKind kind)
{
  switch (kind)
    {
    case GLOSS_SPAN_EMPHASIS:
      return "emphasis";
    case GLOSS_SPAN_STRONG:
      return "strong";
    case GLOSS_SPAN_LINK:
      return "link";
    case GLOSS_SPAN_CODE:
      return "code";
    default:
      g_assert_not_reached ();
    }
}

static const char *
format_to_string (GlossDocumentFormat format)
{
  switch (format)
    {
    case GLOSS_DOCUMENT_FORMAT_TEXT:
      return "text";
    case GLOSS_DOCUMENT_FORMAT_HTML:
      return "html";
    case GLOSS_DOCUMENT_FORMAT_MARKDOWN:
      return "markdown";
    default:
      g_assert_not_reached ();
    }
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_metadata (JsonBuilder   *builder,
              GlossDocument *document)
{
  const char * const *notices = gloss_document_get_notices (document);
  guint reading_time = gloss_document_get_reading_time (document);

  add_string_member (builder, "title", gloss_document_get_title (document));
  add_string_member (builder, "byline", gloss_document_get_byline (document));
  add_string_member (builder, "published", gloss_document_get_published (document));
  add_string_member (builder, "site", gloss_document_get_site_name (document));
  add_string_member (builder, "language", gloss_document_get_language (document));
  add_string_member (builder, "url", gloss_document_get_url (document));
  add_string_member (builder, "format", format_to_string (gloss_document_get_format (document)));

  json_builder_set_member_name (builder, "reading_time");
  if (reading_time > 0)
    json_builder_add_int_value (builder, reading_time);
  else
    json_builder_add_null_value (builder);

  add_string_member (builder, "text_hash", gloss_document_get_text_hash (document));
  json_builder_set_member_name (builder, "normalizer");
  json_builder_add_int_value (builder, GLOSS_NORMALIZER_VERSION);

  json_builder_set_member_name (builder, "notices");
  json_builder_begin_array (builder);
  for (guint i = 0; notices != NULL && notices[i] != NULL; i++)
    json_builder_add_string_value (builder, notices[i]);
  json_builder_end_array (builder);
}

static void
add_blocks (JsonBuilder   *builder,
            GlossDocument *document,
            gboolean       with_text)
{
  guint n_blocks = gloss_document_get_n_blocks (document);

  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_blocks; i++)
    {
      const GlossBlock *block = gloss_document_get_block (document, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", block_kind_to_string (block->kind));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, block->level);
      if (block->kind == GLOSS_BLOCK_LIST_ITEM)
        {
          json_builder_set_member_name (builder, "ordered");
          json_builder_add_boolean_value (builder, block->ordered);
        }
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, block->start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, block->end);

      if (with_text)
        {
          g_autofree char *text = gloss_document_dup_slice (document, block->start, block->end);

          add_string_member (builder, "text", text);
          json_builder_set_member_name (builder, "spans");
          json_builder_begin_array (builder);
          for (guint j = 0; block->spans != NULL && j < block->spans->len; j++)
            {
              const GlossSpan *span = g_ptr_array_index (block->spans, j);

              json_builder_begin_object (builder);
              add_string_member (builder, "kind", span_kind_to_string (span->kind));
              json_builder_set_member_name (builder, "start");
              json_builder_add_int_value (builder, span->start);
              json_builder_set_member_name (builder, "end");
              json_builder_add_int_value (builder, span->end);
              if (span->href != NULL)
                add_string_member (builder, "href", span->href);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_findings (JsonBuilder *builder,
              const char  *name,
              GListModel  *findings)
{
  guint n_items = g_list_model_get_n_items (findings);

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (findings, i);
      GlossFindingCategory category = gloss_finding_get_category (finding);
      const char * const *reasons = gloss_finding_get_reasons (finding);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, gloss_finding_get_start (finding));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, gloss_finding_get_end (finding));

      if (category == GLOSS_FINDING_SECTION)
        {
          add_string_member (builder, "title", gloss_finding_get_label (finding));
          json_builder_set_member_name (builder, "level");
          json_builder_add_int_value (builder, gloss_finding_get_level (finding));
          json_builder_end_object (builder);
          continue;
        }

      add_string_member (builder, "text", gloss_finding_get_label (finding));
      add_string_member (builder, "kind", gloss_finding_get_kind (finding));
      if (category == GLOSS_FINDING_CLAIM)
        {
          json_builder_set_member_name (builder, "has_evidence");
          json_builder_add_boolean_value (builder, gloss_finding_get_has_evidence (finding));
        }
      if (category == GLOSS_FINDING_CUE)
        {
          GlossVocabulary *bias = gloss_vocabulary_get_default ("bias");
          const GlossTag *tag = bias != NULL ? gloss_vocabulary_lookup (bias, gloss_finding_get_kind (finding)) : NULL;

          add_string_member (builder, "category", tag != NULL ? tag->label : gloss_finding_get_kind (finding));
          add_string_member (builder, "technique", tag != NULL ? tag->technique : NULL);
        }
      if (gloss_finding_get_detail (finding) != NULL)
        add_string_member (builder,
                           category == GLOSS_FINDING_EVIDENCE ? "source" : "detail",
                           gloss_finding_get_detail (finding));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, gloss_finding_get_score (finding));
      add_string_member (builder, "explanation", gloss_finding_get_explanation (finding));
      json_builder_set_member_name (builder, "reasons");
      json_builder_begin_array (builder);
      for (guint j = 0; reasons != NULL && reasons[j] != NULL; j++)
        json_builder_add_string_value (builder, reasons[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_summary (JsonBuilder   *builder,
             GlossAnalysis *analysis)
{
  const GlossAnalysisSummary *summary = gloss_analysis_get_summary (analysis);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "claims");
  json_builder_add_int_value (builder, summary->n_claims);
  json_builder_set_member_name (builder, "claims_with_evidence");
  json_builder_add_int_value (builder, summary->n_claims_with_evidence);
  json_builder_set_member_name (builder, "evidence_share");
  json_builder_add_double_value (builder, gloss_analysis_summary_get_evidence_share (summary));
  json_builder_set_member_name (builder, "evidence");
  json_builder_add_int_value (builder, summary->n_evidence);
  json_builder_set_member_name (builder, "cues");
  json_builder_add_int_value (builder, summary->n_cues);
  json_builder_set_member_name (builder, "cues_by_kind");
  json_builder_begin_object (builder);
  for (guint i = 0; i < summary->n_cue_kinds; i++)
    {
      json_builder_set_member_name (builder, summary->cue_kinds[i]);
      json_builder_add_int_value (builder, summary->cue_counts[i]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->n_sources; i++)
    json_builder_add_string_value (builder, summary->sources[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* Cues about the article as a whole have no range of their own. */
static void
add_document_cues (JsonBuilder *builder,
                   GListModel  *cues)
{
  guint n_items = g_list_model_get_n_items (cues);

  json_builder_set_member_name (builder, "document_cues");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (cues, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "kind", gloss_finding_get_kind (finding));
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, gloss_finding_get_score (finding));
      add_string_member (builder, "explanation", gloss_finding_get_explanation (finding));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static char *
builder_to_string (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);
  return g_strconcat (json, "\n", NULL);
}

static int
command_extract (int    argc,
                 char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: text, html or json"), N_("FORMAT") },
    { NULL }
  };
  int status = EXIT_OK;

  context = g_option_context_new (_("FILE — print the main article"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "extract", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("extract", _("expected exactly one FILE"));
  if (format != NULL &&
      !g_str_equal (format, "text") && !g_str_equal (format, "html") && !g_str_equal (format, "json"))
    return usage_error ("extract", _("--format must be text, html or json"));

  document = import_argument (argv[1], NULL, &status);
  if (document == NULL)
    return status;

  if (format == NULL || g_str_equal (format, "text"))
    {
      output = g_strconcat (gloss_document_get_text (document), "\n", NULL);
    }
  else if (g_str_equal (format, "html"))
    {
      output = gloss_reader_html_render (document, NULL);
    }
  else
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_metadata (builder, document);
      add_string_member (builder, "text", gloss_document_get_text (document));
      add_blocks (builder, document, TRUE);
      json_builder_end_object (builder);
      output = builder_to_string (builder);
    }

  if (!write_output (NULL, output, -1, &error))
    return input_error (NULL, error);
  return EXIT_OK;
}

static void
print_findings_text (GString    *out,
                     const char *heading,
                     GListModel *findings)
{
  guint n_items = g_list_model_get_n_items (findings);

  g_string_append_printf (out, "\n%s (%u)\n", heading, n_items);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossFinding) finding = g_list_model_get_item (findings, i);

      g_string_append_printf (out, "  [%u–%u] %s: %s\n",
                              gloss_finding_get_start (finding),
                              gloss_finding_get_end (finding),
                              gloss_finding_get_kind (finding),
                              gloss_finding_get_label (finding));
      if (gloss_finding_get_explanation (finding) != NULL)
        g_string_append_printf (out, "      %s\n", gloss_finding_get_explanation (finding));
    }
}

static int
command_analyze (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };
  int status = EXIT_OK;

  context = g_option_context_new (_("FILE — print sections, claims, evidence and cues"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "analyze", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("analyze", _("expected exactly one FILE"));

  document = import_argument (argv[1], NULL, &status);
  if (document == NULL)
    return status;
  analysis = gloss_analysis_new (document);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_metadata (builder, document);
      add_string_member (builder, "text", gloss_document_get_text (document));
      add_blocks (builder, document, FALSE);
      add_findings (builder, "sections", gloss_analysis_get_sections (analysis));
      add_findings (builder, "claims", gloss_analysis_get_claims (analysis));
      add_findings (builder, "evidence", gloss_analysis_get_evidence (analysis));
      add_findings (builder, "cues", gloss_analysis_get_cues (analysis));
      add_document_cues (builder, gloss_analysis_get_document_cues (analysis));
      add_summary (builder, analysis);
      add_string_member (builder, "notice", gloss_analysis_get_notice (analysis));
      json_builder_end_object (builder);
      output = builder_to_string (builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);
      const char *title = gloss_document_get_title (document);
      const char *published = gloss_document_get_published (document);

      g_string_append_printf (out, "%s\n", title != NULL ? title : _("(untitled)"));
      if (published != NULL)
        g_string_append_printf (out, _("Published: %s\n"), published);
      print_findings_text (out, _("Sections"), gloss_analysis_get_sections (analysis));
      print_findings_text (out, _("Claims"), gloss_analysis_get_claims (analysis));
      print_findings_text (out, _("Evidence"), gloss_analysis_get_evidence (analysis));
      print_findings_text (out, _("Cues"), gloss_analysis_get_cues (analysis));
      for (guint i = 0; i < g_list_model_get_n_items (gloss_analysis_get_document_cues (analysis)); i++)
        {
          g_autoptr(GlossFinding) cue = g_list_model_get_item (gloss_analysis_get_document_cues (analysis), i);

          g_string_append_printf (out, "  %s\n", gloss_finding_get_explanation (cue));
        }
      if (gloss_analysis_get_notice (analysis) != NULL)
        g_string_append_printf (out, "\n%s\n", gloss_analysis_get_notice (analysis));
      output = g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (!write_output (NULL, output, -1, &error))
    return input_error (NULL, error);
  return EXIT_OK;
}

static int
command_classify_sentences (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GError) error = NULL;
  int status = EXIT_OK;

  context = g_option_context_new (_("— classify the sentences read from standard input, one per line"));
  if (!parse_options (context, "classify-sentences", &argc, &argv, &status))
    return status;
  if (argc != 1)
    return usage_error ("classify-sentences", _("takes no FILE: sentences are read from standard input"));

  in = g_unix_input_stream_new (0, FALSE);
  data = g_data_input_stream_new (in);
  g_data_input_stream_set_newline_type (data, G_DATA_STREAM_NEWLINE_TYPE_ANY);

  for (;;)
    {
      g_autofree char *line = NULL;
      g_autofree char *valid = NULL;
      g_autoptr(GString) out = NULL;
      const char *kind = "none";
      double score = 0.0;
      gboolean claim;
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      line = g_data_input_stream_read_line (data, NULL, NULL, &error);
      if (line == NULL)
        break;

      /* Every input line gets an output line, so that the answers stay
       * aligned with the questions even for an empty or broken line.
       */
      valid = g_utf8_make_valid (line, -1);
      claim = gloss_analysis_classify_sentence (valid, &score, &kind);
      out = g_string_new ("{\"claim\": ");
      g_string_append (out, claim ? "true" : "false");
      g_string_append (out, ", \"score\": ");
      g_string_append (out, g_ascii_formatd (number, sizeof number, "%.4f", score));
      g_string_append_printf (out, ", \"kind\": \"%s\"}\n", kind);
      fputs (out->str, stdout);
    }

  if (error != NULL)
    return input_error (NULL, error);
  fflush (stdout);
  return EXIT_OK;
}

/* The article that a FILE argument names: the file itself, or the article
 * beside a sidecar when FILE is "<article>.gloss.json".
 */
static GFile *
article_for_argument (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autofree char *uri = NULL;

  if (!g_str_has_suffix (path, GLOSS_SIDECAR_SUFFIX))
    return g_steal_pointer (&file);

  uri = g_file_get_uri (file);
  uri[strlen (uri) - strlen (GLOSS_SIDECAR_SUFFIX)] = '\0';
  return g_file_new_for_uri (uri);
}

static int
command_export (int    argc,
                char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output_path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) article_file = NULL;
  g_autoptr(GlossArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GlossAnnotationStore *store;
  const GError *sidecar_error;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: md, html, csv or w3c"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path, N_("Write to OUT instead of standard output"), N_("OUT") },
    { NULL }
  };
  int status = EXIT_OK;

  context = g_option_context_new (_("FILE — export the notes made on an article"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "export", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("export", _("expected exactly one FILE"));
  if (format == NULL)
    return usage_error ("export", _("--format is required (md, html, csv or w3c)"));
  if (!g_str_equal (format, "md") && !g_str_equal (format, "html") &&
      !g_str_equal (format, "csv") && !g_str_equal (format, "w3c"))
    return usage_error ("export", _("--format must be md, html, csv or w3c"));

  article_file = article_for_argument (argv[1]);
  article = gloss_article_load (article_file, NULL, &error);
  if (article == NULL)
    return input_error (article_file, error);

  store = gloss_article_get_store (article);
  sidecar_error = gloss_article_get_sidecar_error (article);
  if (sidecar_error != NULL && !g_error_matches (sidecar_error, GLOSS_SIDECAR_ERROR, GLOSS_SIDECAR_ERROR_NEWER))
    return input_error (gloss_annotation_store_get_file (store), sidecar_error);

  /* The Web Annotation export keeps them as they are; the others can only
   * show notes that can be read, and say what they leave out.
   */
  if (gloss_annotation_store_get_n_unreadable (store) > 0 && !g_str_equal (format, "w3c"))
    {
      g_autofree char *name = g_file_get_parse_name (gloss_annotation_store_get_file (store));
      guint n = gloss_annotation_store_get_n_unreadable (store);

      g_printerr (ngettext ("gloss-cli: %s: %u note cannot be read and is left out of the export (gloss-cli validate tells why)\n",
                            "gloss-cli: %s: %u notes cannot be read and are left out of the export (gloss-cli validate tells why)\n",
                            n),
                  name, n);
    }

  if (g_str_equal (format, "md"))
    {
      output = gloss_export_markdown (gloss_article_get_document (article), G_LIST_MODEL (store));
    }
  else if (g_str_equal (format, "html"))
    {
      output = gloss_export_html (gloss_article_get_document (article), G_LIST_MODEL (store));
    }
  else if (g_str_equal (format, "csv"))
    {
      output = gloss_export_csv (gloss_article_get_document (article), G_LIST_MODEL (store));
    }
  else
    {
      output = gloss_export_web_annotation (store);
    }

  if (!write_output (output_path, output, -1, &error))
    {
      g_autoptr(GFile) out_file = output_path != NULL ? g_file_new_for_commandline_arg (output_path) : NULL;

      return input_error (out_file, error);
    }
  return EXIT_OK;
}

static int
command_validate (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int n_annotations;
  int status = EXIT_OK;

  context = g_option_context_new (_("SIDECAR — check a notes file"));
  if (!parse_options (context, "validate", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return usage_error ("validate", _("expected exactly one SIDECAR"));

  file = g_file_new_for_commandline_arg (argv[1]);
  name = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    return input_error (file, error);

  n_annotations = gloss_sidecar_validate (bytes, &error);
  if (n_annotations < 0)
    return input_error (file, error);

  g_print (ngettext ("%s: valid, %d note\n", "%s: valid, %d notes\n", n_annotations),
           name, n_annotations);
  return EXIT_OK;
}

static int
command_grade (int    argc,
               char **argv)
{
  g_autofree char *key_path = NULL;
  gboolean csv = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) key_file = NULL;
  g_autoptr(GPtrArray) key_notes = NULL;
  g_autoptr(GlossGrade) grade = NULL;
  g_autoptr(GPtrArray) graded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "key", 'k', 0, G_OPTION_ARG_FILENAME, &key_path, N_("The teacher’s notes to compare with"), N_("KEY.gloss.json") },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print one CSV row per student"), NULL },
    { NULL }
  };
  int status = EXIT_OK;

  context = g_option_context_new (_("STUDENT.gloss.json… — compare students’ notes with a key"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, "grade", &argc, &argv, &status))
    return status;
  if (key_path == NULL)
    return usage_error ("grade", _("--key is required"));
  if (argc < 2)
    return usage_error ("grade", _("expected at least one STUDENT.gloss.json"));

  key_file = g_file_new_for_commandline_arg (key_path);
  key_notes = gloss_grade_load_notes (key_file, NULL, &error);
  if (key_notes == NULL)
    return input_error (key_file, error);
  grade = gloss_grade_new (key_path, key_notes, &error);
  if (grade == NULL)
    return input_error (key_file, error);

  /* A file that cannot be read is reported with the others, and makes the
   * exit status say so once everyone else is graded.
   */
  graded = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GPtrArray) notes = NULL;
      g_autoptr(GError) student_error = NULL;
      g_autofree char *name = g_file_get_parse_name (file);
      gboolean seen = FALSE;

      /* A file named twice (a shell pattern that also matches the key, a
       * name typed twice) would count one student twice in the class.
       */
      for (guint k = 0; k < graded->len && !seen; k++)
        seen = g_file_equal (file, g_ptr_array_index (graded, k));
      if (seen || g_file_equal (file, key_file))
        {
          g_printerr (seen ? _("gloss-cli: %s: given twice; graded once\n")
                           : _("gloss-cli: %s: this is the key; not graded as a student\n"),
                      name);
          continue;
        }
      g_ptr_array_add (graded, g_object_ref (file));

      notes = gloss_grade_load_notes (file, NULL, &student_error);
      gloss_grade_add_student (grade, argv[i], notes, student_error);
      if (notes == NULL)
        status = input_error (file, student_error);
    }

  output = csv ? gloss_grade_to_csv (grade) : gloss_grade_to_text (grade);
  if (!write_output (NULL, output, -1, &error))
    return input_error (NULL, error);
  return status;
}

static int command_help (int    argc,
                         char **argv);

static const Command commands[] = {
  { "extract", "[--format=text|html|json] FILE", N_("Print the main article of FILE"), command_extract },
  { "analyze", "[--json] FILE", N_("Print metadata, blocks, sections, claims, evidence and cues"), command_analyze },
  { "classify-sentences", "", N_("Classify sentences read from standard input, one per line"), command_classify_sentences },
  { "export", "--format=md|html|csv|w3c [-o OUT] FILE", N_("Export the notes made on FILE"), command_export },
  { "grade", "--key KEY.gloss.json STUDENT.gloss.json… [--csv]", N_("Compare students’ notes with a teacher’s key"), command_grade },
  { "validate", "SIDECAR", N_("Check a .gloss.json notes file"), command_validate },
  { "help", "[COMMAND]", N_("Show this help"), command_help },
};

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (commands[i].name, name))
        return &commands[i];
    }
  return NULL;
}

static int
command_help (int    argc,
              char **argv)
{
  if (argc > 1)
    {
      const Command *command = find_command (argv[1]);
      char *help_argv[] = { argv[1], (char *) "--help", NULL };

      if (command == NULL || command->func == command_help)
        return usage_error (NULL, _("unknown command"));
      return command->func (2, help_argv);
    }

  g_print ("%s\n\n", _("Usage: gloss-cli COMMAND [OPTION…]"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-19s %s\n  %-19s   %s\n", commands[i].name, commands[i].args, "", _(commands[i].summary));
  g_print ("\n%s\n", _("Exit status: 0 success, 1 bad input, 2 usage error."));
  return EXIT_OK;
}

int
main (int    argc,
      char **argv)
{
  const Command *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("gloss-cli");

  if (argc < 2)
    return usage_error (NULL, _("no command given"));
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return command_help (1, argv);
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("gloss-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);

      return usage_error (NULL, message);
    }

  return command->func (argc - 1, argv + 1);
}
