/* gloss-analysis-lexicon.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gloss-analysis-lexicon.h"
#include "gloss-analysis-private.h"
#include "gloss-core-resources.h"

/* The word lists of the analysis are Gloss's own, curated by hand, and live
 * in data/lexicons/ (compiled into the core's resources): one file a list,
 * with the definition of what belongs in it. The files are plain text so
 * that they are easy to review and so that the training program of the
 * claim model (tools/train-claims) reads exactly the lists that the
 * analysis matches. Phrases are matched on whole words, case-insensitively,
 * the longest phrase first, so a list may hold both "pariah" and "pariah
 * state".
 *
 * What is shown to the reader, the explanations, stays here so that it can
 * be translated.
 */

#define LEXICON_RESOURCE_PATH "/io/github/glossapp/Gloss/lexicons/"

typedef struct {
  const char *id;
  /* For cue lists, a translatable explanation with one "%s" for the
   * matched text.
   */
  const char *explanation;
  double      score;
} LexiconInfo;

static const LexiconInfo infos[GLOSS_N_LEXICONS] = {
  [GLOSS_LEXICON_LOADED_LANGUAGE] = { "loaded-language", N_("loaded language: '%s' carries a judgement"), 0.70 },
  [GLOSS_LEXICON_NAME_CALLING] = { "name-calling", N_("name calling: '%s' labels instead of describing"), 0.75 },
  [GLOSS_LEXICON_HEDGE] = { "hedge", N_("hedge: '%s' weakens the claim"), 0.50 },
  [GLOSS_LEXICON_GENERALISATION] = { "generalisation", N_("generalisation: '%s' without naming who"), 0.60 },
  [GLOSS_LEXICON_INTENSIFIER] = { "intensifier", N_("intensifier: '%s' adds force, not information"), 0.40 },
  [GLOSS_LEXICON_EXAGGERATION] = { "exaggeration", N_("exaggeration: '%s' overstates the case"), 0.55 },
  [GLOSS_LEXICON_DOUBT] = { "doubt", N_("doubt: '%s' questions credibility without showing why"), 0.55 },
  [GLOSS_LEXICON_APPEAL_TO_FEAR] = { "appeal-to-fear", N_("appeal to fear: '%s' raises a threat instead of an argument"), 0.60 },
  [GLOSS_LEXICON_FLAG_WAVING] = { "flag-waving", N_("flag-waving: '%s' appeals to group pride"), 0.60 },
  [GLOSS_LEXICON_CAUSAL_OVERSIMPLIFICATION] = { "causal-oversimplification", N_("causal oversimplification: '%s' gives one cause for a complex outcome"), 0.60 },
  [GLOSS_LEXICON_SLOGANS] = { "slogans", N_("slogan: '%s' stands in for an argument"), 0.60 },
  [GLOSS_LEXICON_APPEAL_TO_AUTHORITY] = { "appeal-to-authority", N_("appeal to authority: '%s' asks for trust without the evidence"), 0.55 },
  [GLOSS_LEXICON_BLACK_AND_WHITE] = { "black-and-white", N_("black-and-white: '%s' leaves out other options"), 0.60 },
  [GLOSS_LEXICON_THOUGHT_TERMINATING_CLICHE] = { "thought-terminating-cliche", N_("thought-terminating cliché: '%s' closes the question"), 0.55 },
  [GLOSS_LEXICON_WHATABOUTISM] = { "whataboutism", N_("whataboutism: '%s' deflects to something else"), 0.55 },
  [GLOSS_LEXICON_STRAW_MAN] = { "straw-man", N_("straw man: '%s' may distort the other side's position"), 0.50 },
  [GLOSS_LEXICON_BANDWAGON] = { "bandwagon", N_("bandwagon: '%s' argues from popularity"), 0.55 },
  [GLOSS_LEXICON_EVALUATIVE] = { "evaluative", NULL, 0.00 },
  [GLOSS_LEXICON_EVALUATIVE_FRAME] = { "evaluative-frame", NULL, 0.00 },
  [GLOSS_LEXICON_THESIS] = { "thesis", NULL, 0.00 },
  [GLOSS_LEXICON_CAUSAL] = { "causal", NULL, 0.00 },
  [GLOSS_LEXICON_PREDICTION] = { "prediction", NULL, 0.00 },
  [GLOSS_LEXICON_RECOMMENDATION] = { "recommendation", NULL, 0.00 },
  [GLOSS_LEXICON_IMPERATIVE] = { "imperative", NULL, 0.00 },
  [GLOSS_LEXICON_REPORT_VERB] = { "report-verb", NULL, 0.00 },
  [GLOSS_LEXICON_SOURCE_INTRO] = { "source-intro", NULL, 0.00 },
  [GLOSS_LEXICON_EVENT] = { "event", NULL, 0.00 },
  [GLOSS_LEXICON_ANECDOTE] = { "anecdote", NULL, 0.00 },
  [GLOSS_LEXICON_UNIT] = { "unit", NULL, 0.00 },
  [GLOSS_LEXICON_COMPARATOR] = { "comparator", NULL, 0.00 },
  [GLOSS_LEXICON_WORD_STATISTIC] = { "word-statistic", NULL, 0.00 },
  [GLOSS_LEXICON_MONTH] = { "month", NULL, 0.00 },
  [GLOSS_LEXICON_ABBREVIATION] = { "abbreviation", NULL, 0.00 },
  [GLOSS_LEXICON_FUNCTION_WORD] = { "function-word", NULL, 0.00 },
  [GLOSS_LEXICON_CHECKWORTHY_TOPIC] = { "checkworthy-topic", NULL, 0.00 },
  [GLOSS_LEXICON_COMPARISON] = { "comparison", NULL, 0.00 },
  [GLOSS_LEXICON_NUMBER_WORD] = { "number-word", NULL, 0.00 },
  [GLOSS_LEXICON_PAST_TENSE] = { "past-tense", NULL, 0.00 },
  [GLOSS_LEXICON_MODAL] = { "modal", NULL, 0.00 },
  [GLOSS_LEXICON_STOPWORD] = { "stopword", NULL, 0.00 },
  [GLOSS_LEXICON_COUNTER_VOICE] = { "counter-voice", NULL, 0.00 },
  [GLOSS_LEXICON_TIME] = { "time", NULL, 0.00 },
  [GLOSS_LEXICON_PERSON] = { "person", NULL, 0.00 },
  [GLOSS_LEXICON_JUDGEMENT] = { "judgement", NULL, 0.00 },
  [GLOSS_LEXICON_RHETORICAL] = { "rhetorical", NULL, 0.00 },
};

/* Explanations that a list entry may choose instead of its list's own, by
 * the key after "explain=" in the list file.
 */
static const struct {
  const char *key;
  const char *explanation;
} entry_explanations[] = {
  { "quantity", N_("generalisation: '%s' without saying how many or how much") },
  { "studies", N_("generalisation: '%s' without saying which studies") },
  { "minimisation", N_("minimisation: '%s' makes it look smaller") },
};

static GlossLexicon lexicons[GLOSS_N_LEXICONS];

static const char *
lookup_entry_explanation (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (entry_explanations); i++)
    {
      if (strcmp (entry_explanations[i].key, key) == 0)
        return entry_explanations[i].explanation;
    }

  return NULL;
}

/* Reads one list file: "#" starts a comment line, "@definition TEXT" gives
 * the definition, and every other non-empty line is an entry: the phrase,
 * then optionally " | " and comma-separated flags ("not-proper",
 * "explain=KEY"). The lists are part of Gloss, so a malformed line is a
 * bug in Gloss and is reported as one.
 */
static void
load_lexicon (GlossLexicon *lexicon,
              const char   *id,
              GStringChunk *strings)
{
  g_autofree char *path = g_strconcat (LEXICON_RESOURCE_PATH, id, ".txt", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *contents = NULL;
  GArray *entries;
  gsize size = 0;
  const char *data;

  entries = g_array_new (FALSE, TRUE, sizeof (GlossLexEntry));
  lexicon->id = id;

  /* Looked up in the core's own resource: the core is a static library,
   * and a reference keeps its resource linked in.
   */
  bytes = g_resource_lookup_data (gloss_core_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    {
      g_critical ("The word list %s is missing: %s", id, error->message);
      lexicon->entries = (const GlossLexEntry *)(gpointer)g_array_free (entries, FALSE);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  contents = g_strndup (data, size);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      char *bar;
      GlossLexEntry entry = { NULL, NULL, GLOSS_LEX_NONE };

      if (line[0] == '\0' || line[0] == '#')
        continue;

      if (g_str_has_prefix (line, "@definition "))
        {
          lexicon->definition = g_string_chunk_insert_const (strings, line + strlen ("@definition "));
          continue;
        }

      bar = strstr (line, " | ");
      if (bar != NULL)
        {
          g_auto(GStrv) flags = NULL;

          *bar = '\0';
          flags = g_strsplit (bar + strlen (" | "), ",", -1);
          for (guint f = 0; flags[f] != NULL; f++)
            {
              const char *flag = g_strstrip (flags[f]);

              if (strcmp (flag, "not-proper") == 0)
                entry.flags |= GLOSS_LEX_NOT_PROPER;
              else if (g_str_has_prefix (flag, "explain=") &&
                       lookup_entry_explanation (flag + strlen ("explain=")) != NULL)
                entry.explanation = lookup_entry_explanation (flag + strlen ("explain="));
              else
                g_critical ("Unknown flag '%s' in the word list %s", flag, id);
            }
        }

      g_strchomp (line);
      /* A phrase may not start with a word that matches anything. */
      if (line[0] == '\0' || (line[0] == '*' && (line[1] == ' ' || line[1] == '\0')) ||
          strstr (line, "  ") != NULL)
        {
          g_critical ("Malformed entry '%s' in the word list %s", line, id);
          continue;
        }

      entry.phrase = g_string_chunk_insert_const (strings, line);
      g_array_append_val (entries, entry);
    }

  lexicon->n_entries = entries->len;
  lexicon->entries = (const GlossLexEntry *)(gpointer)g_array_free (entries, FALSE);
}

typedef enum {
  WORD_EXACT,
  WORD_ANY,     /* "*" */
  WORD_PREFIX,  /* "exaggerat*" */
  WORD_SUFFIX,  /* "*-hating" */
} WordKind;

/* A word of an entry, taken apart once so that matching it is cheap: the
 * matcher runs on every word of the text, several times.
 */
typedef struct {
  const char *text;  /* without the "*" */
  gsize       len;
  WordKind    kind;
} Word;

typedef struct {
  GlossLexiconId       lexicon;
  const GlossLexEntry *entry;
  Word                *words;
  guint                n_words;
} CompiledEntry;

typedef struct {
  GPtrArray *entries;   /* (element-type CompiledEntry), longest first */
  guint64    lexicons;  /* the lists that have an entry here */
} EntryList;

typedef struct {
  /* First word -> EntryList. */
  GHashTable *by_first_word;
  /* Entries whose first word is a pattern ("exaggerat*", "*-hating"). */
  EntryList   by_prefix;
  /* Per lexicon, its one-word entries. */
  GHashTable *single_words[GLOSS_N_LEXICONS];
  /* The text of every entry. */
  GStringChunk *strings;
} Index;

static void
compile_word (Word       *word,
              const char *pattern)
{
  gsize len = strlen (pattern);

  if (strcmp (pattern, "*") == 0)
    {
      word->kind = WORD_ANY;
      word->text = pattern;
      word->len = 0;
    }
  else if (pattern[0] == '*')
    {
      word->kind = WORD_SUFFIX;
      word->text = pattern + 1;
      word->len = len - 1;
    }
  else if (len > 1 && pattern[len - 1] == '*')
    {
      word->kind = WORD_PREFIX;
      word->text = pattern;
      word->len = len - 1;
    }
  else
    {
      word->kind = WORD_EXACT;
      word->text = pattern;
      word->len = len;
    }
}

static void
entry_list_add (EntryList     *list,
                CompiledEntry *entry)
{
  if (list->entries == NULL)
    list->entries = g_ptr_array_new ();

  g_ptr_array_add (list->entries, entry);
  list->lexicons |= GLOSS_LEXICON_MASK (entry->lexicon);
}

static int
compare_by_length (gconstpointer a,
                   gconstpointer b)
{
  const CompiledEntry *ea = *(const CompiledEntry * const *)a;
  const CompiledEntry *eb = *(const CompiledEntry * const *)b;

  if (ea->n_words != eb->n_words)
    return ea->n_words > eb->n_words ? -1 : 1;

  return (int)ea->lexicon - (int)eb->lexicon;
}

static void
sort_list (gpointer key,
           gpointer value,
           gpointer user_data)
{
  EntryList *list = value;

  g_ptr_array_sort (list->entries, compare_by_length);
}

static const Index *
get_index (void)
{
  static Index *index;

  if (g_once_init_enter (&index))
    {
      Index *built = g_new0 (Index, 1);
      /* The lists live as long as the process. */
      GStringChunk *strings = built->strings = g_string_chunk_new (16384);

      for (guint l = 0; l < GLOSS_N_LEXICONS; l++)
        {
          load_lexicon (&lexicons[l], infos[l].id, strings);
          lexicons[l].explanation = infos[l].explanation;
          lexicons[l].score = infos[l].score;
        }

      built->by_first_word = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint l = 0; l < GLOSS_N_LEXICONS; l++)
        {
          const GlossLexicon *lexicon = &lexicons[l];

          built->single_words[l] = g_hash_table_new (g_str_hash, g_str_equal);

          for (gsize i = 0; i < lexicon->n_entries; i++)
            {
              CompiledEntry *entry = g_new0 (CompiledEntry, 1);
              char **words = g_strsplit (lexicon->entries[i].phrase, " ", -1);
              const Word *first;

              entry->lexicon = l;
              entry->entry = &lexicon->entries[i];
              entry->n_words = g_strv_length (words);
              g_assert (entry->n_words > 0);
              entry->words = g_new0 (Word, entry->n_words);
              for (guint w = 0; w < entry->n_words; w++)
                compile_word (&entry->words[w], words[w]);
              /* The words stay, as the compiled entry points into them. */
              g_free (words);

              first = &entry->words[0];
              g_assert (first->kind != WORD_ANY);

              if (first->kind == WORD_EXACT)
                {
                  EntryList *list = g_hash_table_lookup (built->by_first_word, first->text);

                  if (entry->n_words == 1)
                    g_hash_table_add (built->single_words[l], (gpointer)first->text);

                  if (list == NULL)
                    {
                      list = g_new0 (EntryList, 1);
                      g_hash_table_insert (built->by_first_word, (gpointer)first->text, list);
                    }

                  entry_list_add (list, entry);
                }
              else
                {
                  entry_list_add (&built->by_prefix, entry);
                }
            }
        }

      g_hash_table_foreach (built->by_first_word, sort_list, NULL);
      if (built->by_prefix.entries != NULL)
        g_ptr_array_sort (built->by_prefix.entries, compare_by_length);

      /* The index lives as long as the process, as the lists do. */
      g_once_init_leave (&index, built);
    }

  return index;
}

const GlossLexicon *
gloss_lexicon_get (GlossLexiconId id)
{
  g_return_val_if_fail (id < GLOSS_N_LEXICONS, NULL);

  get_index ();

  return &lexicons[id];
}

static gboolean
word_matches (const Word *word,
              const char *folded)
{
  gsize len;

  switch (word->kind)
    {
    case WORD_ANY:
      return TRUE;

    case WORD_SUFFIX:
      /* "*-hating": any longer word that ends with the rest. */
      len = strlen (folded);
      return len > word->len && memcmp (folded + len - word->len, word->text, word->len) == 0;

    case WORD_PREFIX:
      /* "exaggerat*": any longer word that starts with the rest. */
      return strncmp (folded, word->text, word->len) == 0 && folded[word->len] != '\0';

    case WORD_EXACT:
    default:
      return strcmp (folded, word->text) == 0;
    }
}

/* Whether @entry matches at @index; the first word is known to match
 * when the entry was found by it (@first_known).
 */
static gboolean
entry_matches (const CompiledEntry *entry,
               const GlossLexToken *tokens,
               guint                n_tokens,
               guint                index,
               gboolean             first_known)
{
  if (index + entry->n_words > n_tokens)
    return FALSE;

  for (guint i = 0; i < entry->n_words; i++)
    {
      const GlossLexToken *token = &tokens[index + i];

      if (i > 0 && (!token->joined || token->sentence != tokens[index].sentence))
        return FALSE;

      if ((i > 0 || !first_known) && !word_matches (&entry->words[i], token->folded))
        return FALSE;

      if ((entry->entry->flags & GLOSS_LEX_NOT_PROPER) != 0 &&
          token->capitalised && !token->sentence_initial)
        return FALSE;
    }

  return TRUE;
}

static guint64
match_list (const EntryList     *list,
            gboolean             first_known,
            const GlossLexToken *tokens,
            guint                n_tokens,
            guint                index,
            guint64              mask,
            GlossLexMatchFunc    func,
            gpointer             user_data)
{
  guint64 found = 0;

  if (list == NULL || (list->lexicons & mask) == 0)
    return 0;

  for (guint i = 0; i < list->entries->len; i++)
    {
      const CompiledEntry *entry = g_ptr_array_index (list->entries, i);
      guint64 bit = GLOSS_LEXICON_MASK (entry->lexicon);
      GlossLexMatch match;

      if ((mask & bit) == 0 || (found & bit) != 0)
        continue;

      if (!entry_matches (entry, tokens, n_tokens, index, first_known))
        continue;

      found |= bit;
      match.lexicon = entry->lexicon;
      match.entry = entry->entry;
      match.first = index;
      match.n_tokens = entry->n_words;
      func (&match, user_data);
    }

  return found;
}

void
gloss_lexicon_match_at (const GlossLexToken *tokens,
                        guint                n_tokens,
                        guint                index,
                        guint64              mask,
                        GlossLexMatchFunc    func,
                        gpointer             user_data)
{
  const Index *idx = get_index ();
  guint64 found;

  g_return_if_fail (tokens != NULL);
  g_return_if_fail (index < n_tokens);
  g_return_if_fail (func != NULL);

  found = match_list (g_hash_table_lookup (idx->by_first_word, tokens[index].folded), TRUE,
                      tokens, n_tokens, index, mask, func, user_data);

  /* A prefix pattern may be longer or shorter than a whole-word match of
   * the same list; the whole-word one was found first and wins.
   */
  match_list (&idx->by_prefix, FALSE, tokens, n_tokens, index, mask & ~found, func, user_data);
}

typedef struct {
  GlossLexMatch *match;
  gboolean       found;
} FirstMatch;

static void
first_match_cb (const GlossLexMatch *match,
                gpointer             user_data)
{
  FirstMatch *first = user_data;

  if (!first->found)
    {
      *first->match = *match;
      first->found = TRUE;
    }
}

gboolean
gloss_lexicon_match (const GlossLexToken *tokens,
                     guint                n_tokens,
                     guint                index,
                     GlossLexiconId       lexicon,
                     GlossLexMatch       *match)
{
  FirstMatch first = { match, FALSE };

  g_return_val_if_fail (lexicon < GLOSS_N_LEXICONS, FALSE);
  g_return_val_if_fail (match != NULL, FALSE);

  if (index >= n_tokens)
    return FALSE;

  gloss_lexicon_match_at (tokens, n_tokens, index,
                          GLOSS_LEXICON_MASK (lexicon),
                          first_match_cb, &first);

  return first.found;
}

gboolean
gloss_lexicon_contains (GlossLexiconId  lexicon,
                        const char     *folded)
{
  g_return_val_if_fail (lexicon < GLOSS_N_LEXICONS, FALSE);
  g_return_val_if_fail (folded != NULL, FALSE);

  return g_hash_table_contains (get_index ()->single_words[lexicon], folded);
}
