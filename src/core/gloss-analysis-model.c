/* gloss-analysis-model.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "gloss-analysis-private.h"
#include "gloss-core-resources.h"

/* The claim model.
 *
 * How check-worthy a sentence is comes from a logistic regression whose
 * weights are data/models/claims.txt, written by tools/train-claims. The
 * features below must stay exactly those of that program, which mirrors
 * this code step by step; tests/test-analysis.c checks the two against
 * data/models/claims-check.tsv.
 */

#define MODEL_RESOURCE_PATH "/io/github/glossapp/Gloss/models/claims.txt"

typedef struct {
  GHashTable *index;    /* feature name -> position in weights, plus one */
  GArray     *weights;  /* (element-type double) */
  GPtrArray  *names;    /* feature names, by position */
  double      bias;
  double      threshold;
} ClaimModel;

static const GlossLexiconId model_lexicons[] = {
  GLOSS_LEXICON_LOADED_LANGUAGE, GLOSS_LEXICON_NAME_CALLING, GLOSS_LEXICON_HEDGE,
  GLOSS_LEXICON_GENERALISATION, GLOSS_LEXICON_INTENSIFIER, GLOSS_LEXICON_EXAGGERATION,
  GLOSS_LEXICON_DOUBT, GLOSS_LEXICON_APPEAL_TO_FEAR, GLOSS_LEXICON_FLAG_WAVING,
  GLOSS_LEXICON_CAUSAL_OVERSIMPLIFICATION, GLOSS_LEXICON_SLOGANS,
  GLOSS_LEXICON_APPEAL_TO_AUTHORITY, GLOSS_LEXICON_BLACK_AND_WHITE,
  GLOSS_LEXICON_THOUGHT_TERMINATING_CLICHE, GLOSS_LEXICON_WHATABOUTISM,
  GLOSS_LEXICON_STRAW_MAN, GLOSS_LEXICON_BANDWAGON, GLOSS_LEXICON_EVALUATIVE,
  GLOSS_LEXICON_EVALUATIVE_FRAME, GLOSS_LEXICON_THESIS, GLOSS_LEXICON_CAUSAL,
  GLOSS_LEXICON_PREDICTION, GLOSS_LEXICON_RECOMMENDATION, GLOSS_LEXICON_IMPERATIVE,
  GLOSS_LEXICON_REPORT_VERB, GLOSS_LEXICON_SOURCE_INTRO, GLOSS_LEXICON_EVENT,
  GLOSS_LEXICON_ANECDOTE, GLOSS_LEXICON_UNIT, GLOSS_LEXICON_COMPARATOR,
  GLOSS_LEXICON_WORD_STATISTIC, GLOSS_LEXICON_CHECKWORTHY_TOPIC,
  GLOSS_LEXICON_COMPARISON, GLOSS_LEXICON_NUMBER_WORD, GLOSS_LEXICON_PAST_TENSE,
  GLOSS_LEXICON_MODAL,
};

static const ClaimModel *
get_claim_model (void)
{
  static ClaimModel *model;

  if (g_once_init_enter (&model))
    {
      ClaimModel *built = g_new0 (ClaimModel, 1);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      built->index = g_hash_table_new (g_str_hash, g_str_equal);
      built->weights = g_array_new (FALSE, FALSE, sizeof (double));
      built->names = g_ptr_array_new ();
      built->threshold = 0.5;

      bytes = g_resource_lookup_data (gloss_core_get_resource (), MODEL_RESOURCE_PATH,
                                      G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
      if (bytes == NULL)
        {
          g_critical ("The claim model is missing: %s", error->message);
        }
      else
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);

          /* The file lives as long as the process, and so do the names
           * that point into this copy of it.
           */
          for (const char *p = g_strndup (data, size), *line_end; *p != '\0'; p = line_end)
            {
              const char *space;
              double weight;

              line_end = strchr (p, '\n');
              if (line_end == NULL)
                line_end = p + strlen (p);

              /* "name weight": the weight follows the last space. */
              space = NULL;
              for (const char *q = p; q < line_end; q++)
                {
                  if (*q == ' ')
                    space = q;
                }

              if (*p != '#' && space != NULL)
                {
                  weight = g_ascii_strtod (space + 1, NULL);
                  *(char *)space = '\0';

                  if (strcmp (p, "@bias") == 0)
                    {
                      built->bias = weight;
                    }
                  else if (strcmp (p, "@threshold") == 0)
                    {
                      built->threshold = weight;
                    }
                  else
                    {
                      g_array_append_val (built->weights, weight);
                      g_ptr_array_add (built->names, (gpointer)p);
                      g_hash_table_insert (built->index, (gpointer)p,
                                           GUINT_TO_POINTER (built->weights->len));
                    }
                }

              if (*line_end == '\n')
                line_end++;
            }
        }

      g_once_init_leave (&model, built);
    }

  return model;
}

double
gloss_analysis_model_threshold (void)
{
  return get_claim_model ()->threshold;
}

typedef struct {
  const ClaimModel *model;
  GString          *name;
  GArray           *found;  /* (element-type guint) positions in the model */
} FeatureSet;

static void
feature_add (FeatureSet *set)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (set->model->index, set->name->str));

  /* Features the model does not know weigh nothing. */
  if (position > 0)
    {
      position--;
      g_array_append_val (set->found, position);
    }
}

G_GNUC_PRINTF (2, 3)
static void
feature_addf (FeatureSet *set,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  g_string_vprintf (set->name, format, args);
  va_end (args);

  feature_add (set);
}

static void
feature_add_literal (FeatureSet *set,
                     const char *name)
{
  g_string_assign (set->name, name);
  feature_add (set);
}

static gboolean
is_closing_char (gunichar c)
{
  return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']' ||
         c == 0xBB || g_unichar_isspace (c);
}

static gboolean
folded_is_year (const char *folded)
{
  gsize len = strlen (folded);

  if (len != 4 && !(len == 5 && folded[4] == 's'))
    return FALSE;

  for (guint k = 0; k < 4; k++)
    {
      if (!g_ascii_isdigit (folded[k]))
        return FALSE;
    }

  return g_ascii_strtoull (folded, NULL, 10) >= 1500 && g_ascii_strtoull (folded, NULL, 10) <= 2199;
}

typedef struct {
  guint64 lexicons;
} LexiconPresence;

static void
presence_cb (const GlossLexMatch *match,
             gpointer             user_data)
{
  LexiconPresence *presence = user_data;

  presence->lexicons |= GLOSS_LEXICON_MASK (match->lexicon);
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *)a;
  guint pb = *(const guint *)b;

  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/* Puts the features of the sentence into @set->found, each once. */
static void
collect_features (FeatureSet   *set,
                  const Tokens *all,
                  guint         first,
                  guint         n_tokens,
                  const char   *text,
                  gsize         len)
{
  const GlossLexToken *tokens = lex_at (all, first);
  static const char * const first_person[] = {
    "i", "me", "my", "mine", "we", "us", "our", "ours", "i'm", "i've", "i'll", "i'd",
    "we're", "we've", "we'll", "we'd", NULL
  };
  static const char * const second_person[] = {
    "you", "your", "yours", "you're", "you've", "you'll", "you'd", NULL
  };
  static const char * const future[] = { "will", "shall", "won't", NULL };
  static const char * const percent_words[] = { "percent", "percentage", "percentages", NULL };
  static const char * const money_words[] = {
    "dollar", "dollars", "euro", "euros", "cents", "pounds", NULL
  };
  LexiconPresence presence = { 0 };
  guint64 mask = 0;
  guint caps = 0;
  guint past = 0;
  gboolean pct = FALSE;
  gboolean money = FALSE;
  const char *end = text + len;

  for (guint i = 0; i < G_N_ELEMENTS (model_lexicons); i++)
    mask |= GLOSS_LEXICON_MASK (model_lexicons[i]);

  for (guint i = 0; i < n_tokens; i++)
    {
      feature_addf (set, "w:%s", tokens[i].folded);
      feature_addf (set, "b:%s_%s", i == 0 ? "<s>" : tokens[i - 1].folded, tokens[i].folded);
    }
  if (n_tokens > 0)
    feature_addf (set, "b:%s_</s>", tokens[n_tokens - 1].folded);
  feature_addf (set, "len:%u", MIN (n_tokens / 5, 6));

  /* A question, past closing quotes and brackets. */
  while (end > text)
    {
      const char *prev = g_utf8_prev_char (end);

      if (!is_closing_char (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  if (end > text && end[-1] == '?')
    feature_add_literal (set, "q");

  for (guint i = 0; i < n_tokens; i++)
    {
      const GlossLexToken *tok = &tokens[i];
      gsize flen = strlen (tok->folded);

      if (info_at (all, first + i)->numeric)
        {
          feature_add_literal (set, "num");
          feature_addf (set, "digits:%u", (guint)MIN (g_utf8_strlen (tok->folded, -1), 5));
          if (folded_is_year (tok->folded))
            feature_add_literal (set, "year");
        }
      if (info_at (all, first + i)->acronym)
        feature_add_literal (set, "acronym");
      if (tok->capitalised && !tok->sentence_initial && strcmp (tok->folded, "i") != 0)
        caps++;
      if (!tok->capitalised && g_utf8_strlen (tok->folded, -1) > 4 &&
          g_str_has_suffix (tok->folded, "ed") && !g_str_has_suffix (tok->folded, "eed"))
        past++;
      if (gloss_analysis_word_in (tok->folded, first_person))
        feature_add_literal (set, "person:1");
      if (gloss_analysis_word_in (tok->folded, second_person))
        feature_add_literal (set, "person:2");
      if ((gloss_analysis_word_in (tok->folded, future) || (flen > 3 && g_str_has_suffix (tok->folded, "'ll"))) &&
          !(tok->capitalised && !tok->sentence_initial))
        feature_add_literal (set, "tense:future");
      if (strcmp (tok->folded, "has") == 0 || strcmp (tok->folded, "have") == 0 ||
          strcmp (tok->folded, "had") == 0)
        {
          for (guint k = i + 1; k < n_tokens && k <= i + 2; k++)
            {
              const char *f = tokens[k].folded;

              if (g_utf8_strlen (f, -1) > 3 && strcmp (f, "been") != 0 &&
                  (g_str_has_suffix (f, "ed") || g_str_has_suffix (f, "en")))
                {
                  feature_add_literal (set, "tense:perfect");
                  break;
                }
            }
        }
      if (gloss_analysis_word_in (tok->folded, percent_words))
        pct = TRUE;
      if (gloss_analysis_word_in (tok->folded, money_words))
        money = TRUE;

      gloss_lexicon_match_at (tokens, n_tokens, i, mask, presence_cb, &presence);
    }

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '%')
        pct = TRUE;
      else if (c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20BD)
        money = TRUE;
    }

  if (pct)
    feature_add_literal (set, "pct");
  if (money)
    feature_add_literal (set, "money");
  feature_addf (set, "caps:%u", MIN (caps, 3));
  feature_addf (set, "ed:%u", MIN (past, 2));

  for (guint i = 0; i < G_N_ELEMENTS (model_lexicons); i++)
    {
      if ((presence.lexicons & GLOSS_LEXICON_MASK (model_lexicons[i])) != 0)
        feature_addf (set, "lex:%s", gloss_lexicon_get (model_lexicons[i])->id);
    }

  /* Each feature counts once, however often it occurs. */
  g_array_sort (set->found, compare_positions);
  if (set->found->len > 1)
    {
      guint *v = (guint *)(gpointer)set->found->data;
      guint out = 1;

      for (guint i = 1; i < set->found->len; i++)
        {
          if (v[i] != v[out - 1])
            v[out++] = v[i];
        }
      g_array_set_size (set->found, out);
    }
}

/* A short description of a feature for the reader, or NULL for one that
 * says nothing a reader can use.
 */
static char *
describe_feature (const char *name)
{
  if (g_str_has_prefix (name, "w:"))
    return g_strdup_printf ("'%s'", name + 2);
  if (g_str_has_prefix (name, "b:") && strchr (name, '<') == NULL)
    {
      char *pair = g_strdup_printf ("'%s'", name + 2);

      g_strdelimit (pair, "_", ' ');
      return pair;
    }
  if (strcmp (name, "num") == 0 || g_str_has_prefix (name, "digits:"))
    return g_strdup (_("a number"));
  if (strcmp (name, "year") == 0)
    return g_strdup (_("a year"));
  if (strcmp (name, "pct") == 0)
    return g_strdup (_("a percentage"));
  if (strcmp (name, "money") == 0)
    return g_strdup (_("an amount of money"));
  if (strcmp (name, "tense:perfect") == 0 || g_str_has_prefix (name, "ed:") ||
      strcmp (name, "lex:past-tense") == 0 || strcmp (name, "lex:event") == 0)
    return g_strdup (_("the past tense"));
  if (strcmp (name, "acronym") == 0 || g_str_has_prefix (name, "caps:"))
    return g_strdup (_("names"));
  if (strcmp (name, "lex:comparison") == 0)
    return g_strdup (_("a comparison"));
  if (strcmp (name, "lex:report-verb") == 0 || strcmp (name, "lex:source-intro") == 0)
    return g_strdup (_("a named source"));
  if (strcmp (name, "lex:checkworthy-topic") == 0)
    return g_strdup (_("a public-affairs topic"));
  return NULL;
}

typedef struct {
  double      contribution;
  const char *name;
} Contribution;

static int
compare_contributions (gconstpointer a,
                       gconstpointer b)
{
  const Contribution *ca = a;
  const Contribution *cb = b;

  if (ca->contribution != cb->contribution)
    return ca->contribution > cb->contribution ? -1 : 1;
  return strcmp (ca->name, cb->name);
}

/**
 * gloss_analysis_model_score:
 * @tokens: the tokens of a text
 * @first: the first token of the sentence
 * @n_tokens: the number of tokens in the sentence
 * @text: the sentence
 * @len: its length in bytes
 * @reason: (out) (optional) (nullable): what counted most for the
 *   sentence being check-worthy, for the reader
 *
 * Returns: the probability that the sentence is a check-worthy factual
 *   claim, according to the claim model
 */
double
gloss_analysis_model_score (const Tokens *tokens,
                            guint         first,
                            guint         n_tokens,
                            const char   *text,
                            gsize         len,
                            char        **reason)
{
  const ClaimModel *model = get_claim_model ();
  FeatureSet set = { model, g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (guint)) };
  double z = model->bias;
  double probability;

  g_return_val_if_fail (tokens != NULL, 0.0);
  g_return_val_if_fail (text != NULL, 0.0);

  collect_features (&set, tokens, first, n_tokens, text, len);

  for (guint i = 0; i < set.found->len; i++)
    z += g_array_index (model->weights, double, g_array_index (set.found, guint, i));

  probability = 1.0 / (1.0 + exp (-CLAMP (z, -30.0, 30.0)));

  /* The reason: what counted most for the sentence being check-worthy. */
  if (reason != NULL)
    {
      g_autoptr(GArray) contributions = g_array_new (FALSE, FALSE, sizeof (Contribution));
      g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < set.found->len; i++)
        {
          guint position = g_array_index (set.found, guint, i);
          Contribution c = { g_array_index (model->weights, double, position),
                             g_ptr_array_index (model->names, position) };

          if (c.contribution > 0.25)
            g_array_append_val (contributions, c);
        }
      g_array_sort (contributions, compare_contributions);

      for (guint i = 0; i < contributions->len && shown->len < 3; i++)
        {
          g_autofree char *text_of = describe_feature (g_array_index (contributions, Contribution, i).name);
          gboolean seen = FALSE;

          for (guint k = 0; text_of != NULL && k < shown->len; k++)
            seen |= strcmp (g_ptr_array_index (shown, k), text_of) == 0;
          if (text_of != NULL && !seen)
            g_ptr_array_add (shown, g_steal_pointer (&text_of));
        }

      if (shown->len > 0)
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (shown, NULL);
          list = g_strjoinv (", ", (char **)shown->pdata);
          *reason = g_strdup_printf (_("check-worthy (%.0f%%): %s"), probability * 100.0, list);
        }
      else
        {
          *reason = NULL;
        }
    }

  g_string_free (set.name, TRUE);
  g_array_unref (set.found);

  return probability;
}
