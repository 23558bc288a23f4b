/* gloss-import-html.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "gloss-import-private.h"

/* Main-content extraction in the spirit of Readability and trafilatura:
 * first everything that is never article text is removed (scripts, page
 * chrome, hidden elements, elements whose class or id names comments,
 * sharing, related links and the like), then the article container is
 * found (<article>, <main>, articleBody, or the best-scoring container by
 * paragraph text and link density), and its blocks are handed to the
 * document builder.
 */

/* Hostile pages can nest elements tens of thousands deep; deeper content
 * is ignored rather than risking the stack.
 */
#define MAX_DEPTH 400

#define STATS_CHUNK 1024

/* What the extractor does with each element, looked up once per element
 * instead of comparing its name with dozens of others.
 */
typedef enum {
  TAG_OTHER,
  TAG_BR,
  TAG_HR,
  TAG_IMG,
  TAG_HEADING,
  TAG_P,
  TAG_LIST,
  TAG_LI,
  TAG_BLOCKQUOTE,
  TAG_FIGCAPTION,
  TAG_PRE,
  TAG_TABLE,
  TAG_EMPHASIS,
  TAG_STRONG,
  TAG_CODE,
  TAG_A,
} TagKind;

enum {
  TAG_FLAG_BLOCK = 1 << 8,   /* in block_tags */
  TAG_FLAG_REMOVED = 1 << 9, /* in removed_tags */
};

/* Room for the text of a short element: 300 characters of up to four
 * bytes and the spaces between them.
 */
#define COLLECT_SIZE 1536


G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

typedef struct {
  guint    text_len;   /* characters, white space runs counted once */
  guint    link_len;   /* characters inside <a> */
  guint    commas;
  guint    n_links;
  /* Readability's content score, for elements that hold paragraphs. */
  double   score;
  gboolean candidate : 1;
  gboolean computed : 1;
} Stats;

/* The semantic containers that the page marks up, found on the same walk
 * as the scoring: the first articleBody, the <article> with the most text
 * (a page may list teasers, or cards of related articles, as <article>
 * too), and the main element.
 */
typedef struct {
  xmlNode *article_body;
  xmlNode *largest_article;
  guint    largest_article_len;
  xmlNode *main;
} Semantic;

typedef struct {
  GlossDocumentBuilder *builder;
  /* Stats live in chunks and hang off xmlNode._private, which the
   * parser leaves to applications: one allocation per thousand elements
   * instead of one per element and a hash table.
   */
  GPtrArray            *stats_chunks;
  guint                 stats_used;
  /* Subtrees taken out of the page, each followed by the element it was
   * taken from, put back at the end to be freed with the document.
   */
  GPtrArray            *removed;
  /* Found while removing boilerplate: the elements that paragraphs gave
   * points to, and the semantic containers.
   */
  xmlNode              *body;
  GPtrArray            *candidates;
  Semantic              semantic;
  /* The page's metadata is read on the same walk; below @meta_skip (a
   * heading, say) it does not count.
   */
  GlossHtmlMetadata    *meta;
  xmlNode              *meta_skip;
  char                 *title_key;
  char                 *base_url;

  /* The kind that text outside any explicit block gets: list item inside
   * <li>, quote inside <blockquote>, caption inside <figcaption>.
   */
  GlossBlockKind        container_kind;
  guint                 container_level;
  gboolean              container_ordered;
  guint                 list_depth;
  gboolean              in_pre;
  guint                 depth;

  /* Images of a saved page: how to find them, and the names of those
   * already kept (src -> resource name, "" for none).
   */
  GlossImportResolveFunc resolve;
  gpointer              resolve_data;
  GHashTable           *images;
  gboolean              seen_body;
} Extractor;

/* g_ascii_tolower(), without a call: element names are compared all
 * through a page.
 */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

gboolean
gloss_html_is_tag (xmlNode    *node,
                   const char *name)
{
  /* The HTML parser writes element names in lower case; the first letter
   * rules out most names without a call.
   */
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL &&
         ascii_lower (node->name[0]) == name[0] &&
         g_ascii_strcasecmp ((const char *)node->name, name) == 0;
}

static gboolean
tag_in (xmlNode            *node,
        const char * const *names)
{
  const char *name;
  char first;

  if (node == NULL || node->type != XML_ELEMENT_NODE || node->name == NULL)
    return FALSE;

  /* The HTML parser writes element names in lower case; the first letter
   * rules out most names without a call.
   */
  name = (const char *)node->name;
  first = ascii_lower (name[0]);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (names[i][0] == first && g_ascii_strcasecmp (name, names[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The value of attribute @name, without a copy when the parser stored it
 * as a single text node (nearly always); @storage receives the copy to
 * free otherwise.
 */
static const char *
peek_attr (xmlNode     *node,
           const char  *name,
           char       **storage)
{
  *storage = NULL;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return NULL;

  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      if (attr->name == NULL || g_ascii_strcasecmp ((const char *)attr->name, name) != 0)
        continue;

      if (attr->children == NULL)
        return "";
      if (attr->children->next == NULL && attr->children->type == XML_TEXT_NODE)
        return attr->children->content != NULL ? (const char *)attr->children->content : "";

      {
        xmlChar *value = xmlNodeListGetString (node->doc, attr->children, 1);

        *storage = g_strdup (value != NULL ? (const char *)value : "");
        xmlFree (value);
        return *storage;
      }
    }

  return NULL;
}

char *
gloss_html_get_attr (xmlNode    *node,
                     const char *name)
{
  g_autofree char *storage = NULL;
  const char *value = peek_attr (node, name, &storage);

  if (value == NULL)
    return NULL;

  return storage != NULL ? g_steal_pointer (&storage) : g_strdup (value);
}

char *
gloss_html_get_text (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy;

  if (value == NULL)
    return g_strdup ("");

  copy = g_strdup ((const char *)value);
  xmlFree (value);

  return copy;
}

char *
gloss_html_make_key (const char *text)
{
  GString *out = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_string_free (out, TRUE);
      return g_strdup ("");
    }

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  /* Case folding plain ASCII only lowers its capitals, which is much
   * cheaper done directly; short blocks are keyed all through a page.
   */
  for (gsize i = 0; i < out->len; i++)
    {
      if ((guchar)out->str[i] >= 0x80)
        {
          folded = g_utf8_casefold (out->str, out->len);
          g_string_free (out, TRUE);

          return g_steal_pointer (&folded);
        }
    }

  for (gsize i = 0; i < out->len; i++)
    out->str[i] = ascii_lower (out->str[i]);

  return g_string_free (out, FALSE);
}

char *
gloss_html_collapse (const char *text)
{
  g_autofree char *copy = NULL;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }

  return g_string_free (out, FALSE);
}

gboolean
gloss_html_is_web_url (const char *url)
{
  return url != NULL &&
         (g_ascii_strncasecmp (url, "http://", 7) == 0 ||
          g_ascii_strncasecmp (url, "https://", 8) == 0);
}

/* Boilerplate recognition by class and id. */

/* Names that always mean "not the article". */
static const char *strong_negative[] = {
  "comment", "disqus", "share", "sharing", "social", "cookie", "consent",
  "gdpr", "newsletter", "related", "advert", "promo", "breadcrumb",
  "sponsor", "outbrain", "taboola", "subscribe", "signup", "sign-up",
  "recirc", "more-stories", "most-popular", "mostpopular", "trending",
  "sr-only", "visually-hidden", "screen-reader", "skip-link", "skiplink",
  "print-only", "author-bio", "popular-posts", "read-more", "readmore",
  "recommend", "paid-content", "partner", "tag-list", "tags-list",
  NULL,
};

/* Names that usually mean page furniture, unless the element also says it
 * holds the content ("sidebar" vs. "main-content-with-sidebar").
 */
static const char *weak_negative[] = {
  "sidebar", "menu", "footer", "banner", "popup", "modal", "masthead",
  "widget-area", "widget_recent", "widget_archive", "widget_categories",
  "widget_tag", "navbar", "navigation", "toolbar", "overlay", "dropdown",
  "pagination", "pager", "utility", "byline", "meta", "header", "hidden",
  NULL,
};

static const char *positive[] = {
  "article", "content", "main", "body", "entry", "post", "story", "text",
  "prose", "blog", NULL,
};

/* Whole words (split on "-", "_" and spaces) that are too short to search
 * for inside other words.
 */
static const char *negative_words[] = {
  "ad", "ads", "nav", "tags", "aside", "share", "print", "rss", NULL,
};

static gboolean
contains_any (const char         *haystack,
              const char * const *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (strstr (haystack, needles[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_negative_word (const char *names)
{
  g_auto(GStrv) words = g_strsplit_set (names, " -_\t\n", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_strv_contains (negative_words, words[i]))
        return TRUE;
    }

  return FALSE;
}

gboolean
gloss_html_class_and_id_into (xmlNode *node,
                              char    *buffer,
                              gsize    size)
{
  g_autofree char *class_storage = NULL;
  g_autofree char *id_storage = NULL;
  const char *klass = peek_attr (node, "class", &class_storage);
  const char *id = peek_attr (node, "id", &id_storage);
  gsize len = 0;

  g_assert (size > 2);

  if (klass == NULL && id == NULL)
    return FALSE;

  /* Hostile pages may carry megabytes of class names; the start says
   * enough.
   */
  for (const char *p = klass != NULL ? klass : ""; *p && len < size - 2; p++)
    buffer[len++] = ascii_lower (*p);
  buffer[len++] = ' ';
  for (const char *p = id != NULL ? id : ""; *p && len < size - 1; p++)
    buffer[len++] = ascii_lower (*p);
  buffer[len] = '\0';

  return TRUE;
}

char *
gloss_html_class_and_id (xmlNode *node)
{
  char buffer[GLOSS_HTML_CLASS_AND_ID_SIZE];

  if (!gloss_html_class_and_id_into (node, buffer, sizeof buffer))
    return NULL;

  return g_strdup (buffer);
}

static int
class_weight (xmlNode *node)
{
  char names[GLOSS_HTML_CLASS_AND_ID_SIZE];
  int weight = 0;

  if (!gloss_html_class_and_id_into (node, names, sizeof names))
    return 0;

  if (contains_any (names, strong_negative) || contains_any (names, weak_negative) ||
      has_negative_word (names))
    weight -= 25;
  if (contains_any (names, positive))
    weight += 25;

  return weight;
}

static gboolean
is_boilerplate_by_name (xmlNode *node)
{
  char names[GLOSS_HTML_CLASS_AND_ID_SIZE];
  g_autofree char *role_storage = NULL;
  const char *role;

  /* The document and the article containers are never dropped by name:
   * their classes describe the whole page ("single-post has-comments").
   */
  if (gloss_html_is_tag (node, "html") || gloss_html_is_tag (node, "body") ||
      gloss_html_is_tag (node, "article") || gloss_html_is_tag (node, "main"))
    return FALSE;

  role = peek_attr (node, "role", &role_storage);
  if (role != NULL &&
      (g_ascii_strcasecmp (role, "navigation") == 0 ||
       g_ascii_strcasecmp (role, "banner") == 0 ||
       g_ascii_strcasecmp (role, "contentinfo") == 0 ||
       g_ascii_strcasecmp (role, "complementary") == 0 ||
       g_ascii_strcasecmp (role, "search") == 0 ||
       g_ascii_strcasecmp (role, "dialog") == 0 ||
       g_ascii_strcasecmp (role, "alertdialog") == 0 ||
       g_ascii_strcasecmp (role, "menu") == 0 ||
       g_ascii_strcasecmp (role, "menubar") == 0))
    return TRUE;

  if (!gloss_html_class_and_id_into (node, names, sizeof names))
    return FALSE;

  if (contains_any (names, strong_negative))
    return TRUE;

  if ((contains_any (names, weak_negative) || has_negative_word (names)) &&
      !contains_any (names, positive))
    return TRUE;

  return FALSE;
}

static gboolean
holds_article (xmlNode  *node,
               gboolean  heading_counts)
{
  xmlNode *child = node->children;

  /* A wrapper whose class says "has-comments" or "top-line" but that holds
   * the article's heading or container is page structure, not furniture.
   */
  while (child != NULL && child != node)
    {
      if (child->type == XML_ELEMENT_NODE)
        {
          g_autofree char *itemprop = NULL;

          if ((heading_counts && gloss_html_is_tag (child, "h1")) ||
              gloss_html_is_tag (child, "article") || gloss_html_is_tag (child, "main"))
            return TRUE;

          itemprop = gloss_html_get_attr (child, "itemprop");
          if (itemprop != NULL && strstr (itemprop, "articleBody") != NULL)
            return TRUE;

          if (child->children != NULL)
            {
              child = child->children;
              continue;
            }
        }

      while (child != NULL && child->next == NULL && child != node)
        child = child->parent;
      if (child == NULL || child == node)
        break;
      child = child->next;
    }

  return FALSE;
}

/* Browsers show <noscript> when scripts are off, as they are in Gloss;
 * some sites keep the whole article there for that case, while most only
 * say "please enable JavaScript" or hold a tracking pixel.
 */
static gboolean
is_article_noscript (xmlNode *node)
{
  g_autofree char *text = NULL;

  if (!gloss_html_is_tag (node, "noscript"))
    return FALSE;

  text = gloss_html_get_text (node);
  if (strlen (text) < 500)
    return FALSE;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (gloss_html_is_tag (child, "p"))
        return TRUE;
    }

  return FALSE;
}

/* Some sites wrap the whole page in a <form> (ASP.NET) or put the article
 * inside <header>; such wrappers hold the article container or a lot of
 * text, and only their contents are judged.
 */
static gboolean
is_article_wrapper (xmlNode *node)
{
  static const char *wrappers[] = { "form", "header", "nav", "aside", "footer", NULL };
  g_autofree char *text = NULL;

  if (!tag_in (node, wrappers))
    return FALSE;

  if (holds_article (node, FALSE))
    return TRUE;

  if (!gloss_html_is_tag (node, "form"))
    return FALSE;

  text = gloss_html_get_text (node);
  return strlen (text) > 5000;
}

static gboolean
is_hidden (xmlNode *node)
{
  g_autofree char *aria_storage = NULL;
  g_autofree char *style_storage = NULL;
  const char *aria;
  const char *style;

  if (node->properties == NULL)
    return FALSE;

  if (xmlHasProp (node, (const xmlChar *)"hidden") != NULL)
    return TRUE;

  aria = peek_attr (node, "aria-hidden", &aria_storage);
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    return TRUE;

  style = peek_attr (node, "style", &style_storage);
  if (style != NULL)
    {
      static GRegex *regex;
      g_autofree char *lower = g_ascii_strdown (style, MIN (strlen (style), (gsize)1024));

      /* Raw bytes: the cut at 1024 bytes may split a character. */
      if (g_once_init_enter (&regex))
        {
          GRegex *compiled = g_regex_new ("display\\s*:\\s*none|visibility\\s*:\\s*hidden",
                                          G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);

          g_once_init_leave (&regex, compiled);
        }

      if (g_regex_match (regex, lower, 0, NULL))
        return TRUE;
    }

  return FALSE;
}

static const char *removed_tags[] = {
  "script", "style", "noscript", "template", "nav", "header", "footer",
  "aside", "form", "iframe", "frame", "frameset", "svg", "math", "canvas",
  "button", "input", "select", "textarea", "option", "label", "object",
  "embed", "video", "audio", "source", "track", "map",
  "link", "meta", "head", "title", "base", "dialog", "menu", NULL,
};

static const char *block_tags[] = {
  "address", "article", "blockquote", "body", "center", "dd", "details",
  "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3",
  "h4", "h5", "h6", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre",
  "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
  "tr", "ul", "caption", "br", NULL,
};

static GHashTable *
build_tag_table (void)
{
  static const struct {
    const char *name;
    TagKind     kind;
  } kinds[] = {
    { "br", TAG_BR }, { "hr", TAG_HR }, { "img", TAG_IMG },
    { "h1", TAG_HEADING }, { "h2", TAG_HEADING }, { "h3", TAG_HEADING },
    { "h4", TAG_HEADING }, { "h5", TAG_HEADING }, { "h6", TAG_HEADING },
    { "p", TAG_P }, { "ul", TAG_LIST }, { "ol", TAG_LIST }, { "li", TAG_LI },
    { "blockquote", TAG_BLOCKQUOTE }, { "figcaption", TAG_FIGCAPTION },
    { "pre", TAG_PRE }, { "table", TAG_TABLE },
    { "em", TAG_EMPHASIS }, { "i", TAG_EMPHASIS }, { "cite", TAG_EMPHASIS },
    { "dfn", TAG_EMPHASIS }, { "strong", TAG_STRONG }, { "b", TAG_STRONG },
    { "code", TAG_CODE }, { "kbd", TAG_CODE }, { "samp", TAG_CODE }, { "tt", TAG_CODE },
    { "a", TAG_A },
  };
  GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_hash_table_insert (table, (gpointer)kinds[i].name, GUINT_TO_POINTER (kinds[i].kind));
  for (guint i = 0; block_tags[i] != NULL; i++)
    {
      guint info = GPOINTER_TO_UINT (g_hash_table_lookup (table, block_tags[i]));

      g_hash_table_insert (table, (gpointer)block_tags[i], GUINT_TO_POINTER (info | TAG_FLAG_BLOCK));
    }
  for (guint i = 0; removed_tags[i] != NULL; i++)
    {
      guint info = GPOINTER_TO_UINT (g_hash_table_lookup (table, removed_tags[i]));

      g_hash_table_insert (table, (gpointer)removed_tags[i], GUINT_TO_POINTER (info | TAG_FLAG_REMOVED));
    }

  return table;
}

/* The kind and flags of an element. The HTML parser writes element names
 * in lower case, so they are looked up as they are.
 */
static guint
tag_info (xmlNode *node)
{
  static GHashTable *table;

  if (node == NULL || node->type != XML_ELEMENT_NODE || node->name == NULL)
    return TAG_OTHER;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, build_tag_table ());

  return GPOINTER_TO_UINT (g_hash_table_lookup (table, node->name));
}

static inline gboolean
is_block (xmlNode *node)
{
  return (tag_info (node) & TAG_FLAG_BLOCK) != 0;
}


static const Stats *get_stats (Extractor *self,
                               xmlNode   *node);

/* The subtree of @node is done: its statistics can be summed from its
 * children's while they are still in the cache.
 */
static void enter_element (Extractor *self,
                           xmlNode   *node);
static void leave_element (Extractor *self,
                           xmlNode   *node);

static inline void
leave_node (Extractor *self,
            xmlNode   *node)
{
  if (node == self->meta_skip)
    self->meta_skip = NULL;
  if (node->type == XML_ELEMENT_NODE)
    leave_element (self, node);
}

/* The node that follows the subtree of @node in document order, below
 * @root; every element whose last child that subtree was is left.
 */
static xmlNode *
next_after (Extractor *self,
            xmlNode   *node,
            xmlNode   *root,
            guint     *depth)
{
  while (node != NULL && node != root)
    {
      if (node->next != NULL)
        return node->next;

      node = node->parent;
      if (node == NULL || node == root)
        break;
      (*depth)--;
      leave_node (self, node);
    }

  return NULL;
}

static gboolean
is_removed (xmlNode *node,
            guint    depth)
{
  if (node->type == XML_COMMENT_NODE || node->type == XML_PI_NODE)
    return TRUE;

  if (node->type != XML_ELEMENT_NODE)
    return FALSE;

  return ((tag_info (node) & TAG_FLAG_REMOVED) != 0 && !is_article_noscript (node) &&
          !is_article_wrapper (node)) ||
         is_hidden (node) ||
         (is_boilerplate_by_name (node) && !holds_article (node, TRUE)) ||
         depth >= MAX_DEPTH;
}

/* Removes what is never article text, depth first, and on the same walk
 * reads the page's metadata, computes the text statistics of what stays
 * and scores the containers of paragraphs: a large page is walked once,
 * not once per concern. Iterative so that absurdly deep pages cannot
 * overflow the stack.
 */
static void
remove_boilerplate (Extractor *self,
                    xmlNode   *root)
{
  xmlNode *node = root->children;
  guint depth = 0;

  if (!gloss_html_metadata_visit (self->meta, root))
    self->meta_skip = root;

  while (node != NULL)
    {
      if (is_removed (node, depth))
        {
          xmlNode *parent = node->parent;
          xmlNode *sibling = node->next;

          /* The page's head, header and scripts hold most of its
           * metadata.
           */
          if (self->meta_skip == NULL)
            gloss_html_metadata_read_subtree (self->meta, node);

          /* Freed with the document: freeing thousands of small nodes in
           * the middle of the walk makes the allocator merge them at every
           * larger allocation that follows.
           */
          xmlUnlinkNode (node);
          g_ptr_array_add (self->removed, node);
          g_ptr_array_add (self->removed, parent);

          if (sibling != NULL)
            {
              node = sibling;
            }
          else if (parent == NULL || parent == root)
            {
              node = NULL;
            }
          else
            {
              depth--;
              leave_node (self, parent);
              node = next_after (self, parent, root, &depth);
            }
          continue;
        }

      if (self->meta_skip == NULL && !gloss_html_metadata_visit (self->meta, node))
        self->meta_skip = node;

      if (node->type == XML_ELEMENT_NODE)
        enter_element (self, node);

      if (node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          depth++;
          continue;
        }

      leave_node (self, node);
      node = next_after (self, node, root, &depth);
    }
}

/* Text statistics of every subtree, computed once. */

static void
count_text (const char *text,
            Stats      *stats,
            gboolean    in_link)
{
  gboolean space = TRUE;
  guint len = 0;
  guint commas = 0;
  const char *p = text;

  while (*p)
    {
      guchar byte = (guchar)*p;
      gunichar c;
      gboolean is_space;

      /* Most text is ASCII: a run of it is counted eight bytes at a time,
       * without decoding and without branches, since every page's text
       * passes through here.
       */
      if (byte < 0x80)
        {
          while (TRUE)
            {
              const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
              const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
              const guint64 low = G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f);
              guint64 word;
              guint64 spaces;
              guint64 comma_bytes;
              guint64 counted;

              /* Eight bytes of ASCII without a nul (the string may end
               * earlier only where a nul is): each test below then works
               * on every byte at once without carries between them.
               */
              if (strnlen (p, 8) < 8)
                break;
              memcpy (&word, p, sizeof word);
              word = GUINT64_FROM_LE (word);
              if (((word | ((word - ones) & ~word)) & high) != 0)
                break;

              /* A space, or a byte from tab to carriage return. */
              spaces = (~((word ^ (ones * ' ')) + low) |
                        (((word + (ones * (0x80 - '\t'))) & ~(word + (ones * (0x80 - '\r' - 1)))))) & high;
              comma_bytes = ~((word ^ (ones * ',')) + low) & high;
              /* A byte counts unless it is a space after a space. */
              counted = ~(spaces & ((spaces << 8) | (space ? G_GUINT64_CONSTANT (0x80) : 0))) & high;

              len += (guint)((((counted >> 7) * ones) >> 56) & 0xff);
              commas += (guint)((((comma_bytes >> 7) * ones) >> 56) & 0xff);
              space = (spaces >> 63) != 0;
              p += 8;
            }

          /* The bytes before the end or before the next character that
           * is not ASCII, one at a time.
           */
          for (guint i = 0; i < 8; i++)
            {
              guint ascii_space;

              byte = (guchar)*p;
              if (byte == 0 || byte >= 0x80)
                break;
              ascii_space = (guint)(byte == ' ') | (guint)((guint)(byte - '\t') <= (guint)('\r' - '\t'));
              len += (guint)!(ascii_space & (guint)space);
              commas += (guint)(byte == ',');
              space = (gboolean)ascii_space;
              p++;
            }
          continue;
        }

      c = g_utf8_get_char (p);
      is_space = g_unichar_isspace (c);
      if (!(is_space && space))
        {
          len++;
          if (c == 0xFF0C || c == 0x3001)
            stats->commas++;
        }
      space = is_space;
      p = g_utf8_next_char (p);
    }

  stats->text_len += len;
  stats->commas += commas;
  if (in_link)
    stats->link_len += len;
}

static void
compute_stats (Extractor *self,
               xmlNode   *node,
               Stats     *stats)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        {
          if (child->content != NULL)
            count_text ((const char *)child->content, stats, FALSE);
        }
      else if (child->type == XML_ELEMENT_NODE)
        {
          const Stats *sub = get_stats (self, child);

          stats->text_len += sub->text_len;
          stats->commas += sub->commas;
          stats->n_links += sub->n_links;
          /* Everything inside a link is link text. */
          if (gloss_html_is_tag (child, "a"))
            {
              stats->link_len += sub->text_len;
              stats->n_links++;
            }
          else
            {
              stats->link_len += sub->link_len;
            }
        }
    }
}

/* The statistics of @node, allocated but perhaps not computed yet. */
static Stats *
stats_slot (Extractor *self,
            xmlNode   *node)
{
  Stats *stats = node->_private;

  if (stats != NULL)
    return stats;

  if (self->stats_chunks->len == 0 || self->stats_used == STATS_CHUNK)
    {
      g_ptr_array_add (self->stats_chunks, g_new0 (Stats, STATS_CHUNK));
      self->stats_used = 0;
    }
  stats = (Stats *)g_ptr_array_index (self->stats_chunks, self->stats_chunks->len - 1) +
          self->stats_used++;
  node->_private = stats;

  return stats;
}

static const Stats *
get_stats (Extractor *self,
           xmlNode   *node)
{
  Stats *stats = stats_slot (self, node);

  if (!stats->computed)
    {
      stats->computed = TRUE;
      compute_stats (self, node, stats);
    }

  return stats;
}

static double
link_density (const Stats *stats)
{
  if (stats->text_len == 0)
    return 0.0;

  return (double)stats->link_len / (double)stats->text_len;
}

/* Finding the article. */

static gboolean
has_block_child (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (is_block (child) && !gloss_html_is_tag (child, "br"))
        return TRUE;
    }

  return FALSE;
}

static double
initial_score (xmlNode *node)
{
  static const char *minus3[] = { "address", "ol", "ul", "dl", "dd", "dt", "li", NULL };
  static const char *minus5[] = { "h1", "h2", "h3", "h4", "h5", "h6", "th", NULL };
  static const char *plus3[] = { "pre", "td", "blockquote", NULL };
  double score = class_weight (node);

  if (gloss_html_is_tag (node, "div") || gloss_html_is_tag (node, "article") || gloss_html_is_tag (node, "section"))
    score += 5;
  else if (tag_in (node, plus3))
    score += 3;
  else if (tag_in (node, minus3))
    score -= 3;
  else if (tag_in (node, minus5))
    score -= 5;

  return score;
}

static gboolean is_article_body (xmlNode *node);
static gboolean is_main (xmlNode *node);

static gboolean
has_article_ancestor (xmlNode *node)
{
  for (xmlNode *ancestor = node->parent; ancestor != NULL; ancestor = ancestor->parent)
    {
      if (gloss_html_is_tag (ancestor, "article"))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_paragraph_like (xmlNode *node)
{
  return gloss_html_is_tag (node, "p") || gloss_html_is_tag (node, "pre") || gloss_html_is_tag (node, "td") ||
         ((gloss_html_is_tag (node, "div") || gloss_html_is_tag (node, "section")) && !has_block_child (node));
}

/* An element that stays in the page, before its children. */
static void
enter_element (Extractor *self,
               xmlNode   *node)
{
  Semantic *semantic = &self->semantic;

  if (semantic->article_body == NULL && node->properties != NULL && is_article_body (node))
    semantic->article_body = node;

  if (semantic->main == NULL && is_main (node))
    semantic->main = node;
}

/* An element that stays in the page, after its children: Readability's
 * scoring. Every paragraph gives points (one, plus one per comma, plus one
 * per hundred characters up to three) to its ancestors, less the further
 * up they are; the container with the best score, scaled down by its link
 * density, holds the article.
 */
static void
leave_element (Extractor *self,
               xmlNode   *node)
{
  const Stats *stats = get_stats (self, node);

  if (gloss_html_is_tag (node, "article") && !has_article_ancestor (node) &&
      stats->text_len > self->semantic.largest_article_len)
    {
      self->semantic.largest_article = node;
      self->semantic.largest_article_len = stats->text_len;
    }

  if (stats->text_len >= 25 && is_paragraph_like (node))
    {
      double score = 1.0 + stats->commas + MIN (stats->text_len / 100, 3);
      xmlNode *ancestor = node->parent;

      for (guint level = 0; level < 5 && ancestor != NULL &&
           ancestor->type == XML_ELEMENT_NODE; level++)
        {
          double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
          Stats *ancestor_stats = stats_slot (self, ancestor);

          if (!ancestor_stats->candidate)
            {
              ancestor_stats->candidate = TRUE;
              ancestor_stats->score = initial_score (ancestor);
              g_ptr_array_add (self->candidates, ancestor);
            }
          ancestor_stats->score += score / divider;
          if (ancestor == self->body)
            break;
          ancestor = ancestor->parent;
        }
    }
}

static xmlNode *
find_best_candidate (Extractor *self)
{
  xmlNode *best = NULL;
  double best_score = 0.0;

  for (guint i = 0; i < self->candidates->len; i++)
    {
      xmlNode *candidate = g_ptr_array_index (self->candidates, i);
      const Stats *stats = get_stats (self, candidate);
      double score = stats->score * (1.0 - link_density (stats));

      if (best == NULL || score > best_score)
        {
          best = candidate;
          best_score = score;
        }
    }

  return best;
}

static gboolean
is_article_body (xmlNode *node)
{
  g_autofree char *storage = NULL;
  const char *itemprop = peek_attr (node, "itemprop", &storage);

  return itemprop != NULL && strstr (itemprop, "articleBody") != NULL;
}

static gboolean
is_main (xmlNode *node)
{
  g_autofree char *storage = NULL;
  const char *role;

  if (gloss_html_is_tag (node, "main"))
    return TRUE;

  role = peek_attr (node, "role", &storage);
  return role != NULL && g_ascii_strcasecmp (role, "main") == 0;
}

static xmlNode *
find_content_root (Extractor *self,
                   xmlNode   *body)
{
  Semantic found = self->semantic;
  xmlNode *scored = find_best_candidate (self);
  guint scored_len = scored != NULL ? get_stats (self, scored)->text_len : 0;
  xmlNode *semantic;

  /* A semantic container is trusted when it holds a fair share of the text
   * that scoring found; a teaser card marked up as <article> is not.
   */
  semantic = found.article_body;
  if (semantic == NULL)
    semantic = found.largest_article;
  if (semantic == NULL)
    semantic = found.main;

  if (semantic != NULL)
    {
      guint len = get_stats (self, semantic)->text_len;

      if (len >= 140 && len * 10 >= scored_len * 3)
        {
          /* When scoring found a container inside the semantic one, the
           * semantic one still holds it whole.
           */
          return semantic;
        }
    }

  if (scored != NULL)
    return scored;

  return semantic != NULL ? semantic : body;
}

/* Emitting blocks. */

static void emit_children (Extractor *self,
                           xmlNode   *node);

static void
end_block (Extractor *self)
{
  if (gloss_document_builder_in_block (self->builder))
    gloss_document_builder_end_block (self->builder);
}

static void
begin_container_block (Extractor *self)
{
  end_block (self);
  gloss_document_builder_begin_block (self->builder, self->container_kind, self->container_level);
  if (self->container_kind == GLOSS_BLOCK_LIST_ITEM)
    gloss_document_builder_set_ordered (self->builder, self->container_ordered);
}

static void
append_text (Extractor  *self,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;

  if (!gloss_document_builder_in_block (self->builder))
    {
      /* White space between blocks opens nothing. */
      for (const char *p = text; ; p = g_utf8_next_char (p))
        {
          if (*p == '\0')
            return;
          if (!g_unichar_isspace (g_utf8_get_char (p)))
            break;
        }
      begin_container_block (self);
    }

  gloss_document_builder_append_text (self->builder, text, -1);
}

static char *
resolve_href (Extractor  *self,
              const char *href)
{
  g_autofree char *trimmed = NULL;

  if (href == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (href));

  if (gloss_html_is_web_url (trimmed) || g_ascii_strncasecmp (trimmed, "mailto:", 7) == 0)
    return g_steal_pointer (&trimmed);

  /* Relative links only mean something against the page's own address;
   * anything else (javascript:, data:, fragments) is not a link for us.
   */
  if (self->base_url != NULL && *trimmed != '#' && strchr (trimmed, ':') == NULL)
    {
      g_autofree char *resolved = g_uri_resolve_relative (self->base_url, trimmed,
                                                          G_URI_FLAGS_NONE, NULL);

      if (gloss_html_is_web_url (resolved))
        return g_steal_pointer (&resolved);
    }

  return NULL;
}

/* Lists and tables that are mostly links are navigation, whatever their
 * class says.
 */
static gboolean
is_link_dense (Extractor *self,
               xmlNode   *node)
{
  const Stats *stats = get_stats (self, node);

  if (stats->n_links < 2)
    return FALSE;

  return link_density (stats) > 0.5;
}

static gboolean
is_boilerplate_paragraph (Extractor *self,
                          xmlNode   *node)
{
  static const char *phrases[] = {
    "advertisement", "share", "share this", "share this article", "related",
    "related articles", "read more", "continue reading", "sponsored",
    "subscribe", "sign up", "close", NULL,
  };
  const Stats *stats = get_stats (self, node);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  gsize len;

  if (stats->text_len > 40)
    return FALSE;

  text = gloss_html_get_text (node);
  key = gloss_html_make_key (text);
  len = strlen (key);
  while (len > 0 && key[len - 1] == ':')
    key[--len] = '\0';

  return g_strv_contains (phrases, key);
}

/* Collects the text of a short element into @buffer with white space
 * collapsed, without allocating; returns its length in bytes. Text that
 * does not fit is cut at a character boundary.
 */
static gsize
collect_text (xmlNode *node,
              char    *buffer,
              gsize    size)
{
  xmlNode *child = node->children;
  gsize len = 0;
  gboolean space = FALSE;
  guint depth = 0;

  while (child != NULL && depth < MAX_DEPTH)
    {
      if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) &&
          child->content != NULL)
        {
          for (const char *p = (const char *)child->content; *p; p = g_utf8_next_char (p))
            {
              guchar byte = *(const guchar *)p;
              gsize n = g_utf8_skip[byte];
              gboolean is_space;

              /* The white space of g_unichar_isspace(), without decoding
               * ASCII.
               */
              if (byte < 0x80)
                is_space = byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f';
              else
                is_space = g_unichar_isspace (g_utf8_get_char (p));

              if (is_space)
                {
                  space = len > 0;
                  continue;
                }
              if (len + n + 2 > size)
                goto done;
              if (space)
                buffer[len++] = ' ';
              space = FALSE;
              memcpy (buffer + len, p, n);
              len += n;
            }
        }

      if (child->type == XML_ELEMENT_NODE && child->children != NULL)
        {
          child = child->children;
          depth++;
          continue;
        }
      while (child != NULL && child->next == NULL && child != node)
        {
          child = child->parent;
          depth--;
        }
      if (child == NULL || child == node)
        break;
      child = child->next;
    }

done:
  buffer[len] = '\0';
  return len;
}

/* Whether the call-to-action pattern below can match @text at all. Every
 * branch of the pattern needs one of these words; most short blocks (list
 * items, captions, headings) contain none of them, and the pattern is far
 * slower than looking for them. Caseless matching can fold characters
 * beyond ASCII onto these letters, so text that is not plain ASCII is
 * always left to the pattern.
 */
static gboolean
may_be_call_to_action (const char *text)
{
  static const char *words[] = {
    "subscribe", "sign", "register", "newsletter", "follow", "app", "(c)",
    "copyright", "all rights reserved", "full", "online access",
    "advertiser disclosure", "we may", "categor", "tag", "filed under",
    "posted in", "release date", "last modified", NULL,
  };
  char lower[COLLECT_SIZE];
  gsize len = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar)*p >= 0x80 || len + 1 >= sizeof lower)
        return TRUE;
      lower[len++] = ascii_lower (*p);
    }
  lower[len] = '\0';

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (strstr (lower, words[i]) != NULL)
        return TRUE;
    }

  return FALSE;
}

/* Short blocks that ask the reader to do something other than read (sign
 * up, subscribe, follow, download the app), copyright lines, paywall
 * notices and the labels of page metadata ("Category: News") are not
 * article text, wherever they sit.
 */
static gboolean
is_call_to_action (Extractor *self,
                   xmlNode   *node)
{
  static GRegex *regex;
  static const char *phrases[] = {
    "advertisement", "share", "share this", "share this article", "related",
    "related articles", "read more", "continue reading", "sponsored",
    "subscribe", "sign up", "close", "comments", "comment", "leave a comment",
    "leave a reply", "tags", "topics", "share this story", "more on this story",
    NULL,
  };
  static const char *excluded[] = {
    "pre", "blockquote", "td", "th", "tr", "table", "body", "html", NULL,
  };
  const Stats *stats;
  char collapsed[COLLECT_SIZE];

  if (!is_block (node) || tag_in (node, excluded))
    return FALSE;

  stats = get_stats (self, node);
  if (stats->text_len == 0 || stats->text_len > 300)
    return FALSE;

  if (collect_text (node, collapsed, sizeof collapsed) == 0)
    return FALSE;

  if (stats->text_len <= 40)
    {
      g_autofree char *key = gloss_html_make_key (collapsed);
      gsize len = strlen (key);

      while (len > 0 && (key[len - 1] == ':' || key[len - 1] == ' '))
        key[--len] = '\0';
      if (g_strv_contains (phrases, key))
        return TRUE;
    }

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled =
        g_regex_new ("\\b(?:subscribe|sign(?:ing)? up|register)\\b.{0,80}\\b(?:newsletter|updates|today|now|"
                     "for free|edition|here|to (?:read|continue|get))\\b"
                     "|\\bnewsletter\\b.{0,60}\\b(?:sign|subscribe|inbox|receive|delivered)"
                     "|\\b(?:receive|get) our .{0,30}newsletter"
                     "|\\bsubscribe to (?:email|our|the)\\b"
                     "|\\bunsubscribe\\b"
                     "|\\bfollow (?:us|the \\S+(?: \\S+)?) on (?:twitter|facebook|instagram|x|linkedin|tiktok)\\b"
                     "|\\b(?:download|get)\\b.{0,50}\\b(?:our|the)\\b.{0,40}\\bapps?\\b"
                     "|^(?:©|\\(c\\)|copyright\\b)"
                     "|\\ball rights reserved\\b"
                     "|\\b(?:to (?:view|read) the full (?:story|article)|already a subscriber"
                     "|access to the full article|online access to all issues"
                     "|advertiser disclosure|we may (?:receive|earn) (?:compensation|a commission))"
                     "|^(?:category|categories|tags?|filed under|posted in|release date|last modified)\\s*:",
                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&regex, compiled);
    }

  return may_be_call_to_action (collapsed) && g_regex_match (regex, collapsed, 0, NULL);
}

static void
emit_heading (Extractor *self,
              xmlNode   *node,
              guint      level)
{
  if (self->title_key != NULL && level <= 2)
    {
      g_autofree char *text = gloss_html_get_text (node);
      g_autofree char *key = gloss_html_make_key (text);

      /* The title is shown in the header; its repetition as the first
       * heading is not body text.
       */
      if (strcmp (key, self->title_key) == 0)
        return;
    }

  end_block (self);
  gloss_document_builder_begin_block (self->builder, GLOSS_BLOCK_HEADING, level);
  emit_children (self, node);
  end_block (self);
}

static void
emit_list (Extractor *self,
           xmlNode   *node)
{
  GlossBlockKind kind = self->container_kind;
  guint level = self->container_level;
  gboolean ordered = self->container_ordered;

  end_block (self);
  self->list_depth++;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      if (gloss_html_is_tag (child, "li"))
        {
          self->container_kind = GLOSS_BLOCK_LIST_ITEM;
          self->container_level = MIN (self->list_depth, 6);
          self->container_ordered = gloss_html_is_tag (node, "ol");
          end_block (self);
          emit_children (self, child);
          end_block (self);
          self->container_kind = kind;
          self->container_level = level;
          self->container_ordered = ordered;
        }
      else
        {
          emit_children (self, child);
        }
    }

  self->list_depth--;
  end_block (self);
}

static void
emit_table (Extractor *self,
            xmlNode   *node)
{
  xmlNode *row = node->children;

  /* Rows may sit in thead/tbody/tfoot or directly in the table. */
  while (row != NULL)
    {
      if (gloss_html_is_tag (row, "thead") || gloss_html_is_tag (row, "tbody") || gloss_html_is_tag (row, "tfoot"))
        {
          if (row->children != NULL)
            {
              row = row->children;
              continue;
            }
        }
      else if (gloss_html_is_tag (row, "tr"))
        {
          gboolean first = TRUE;

          end_block (self);
          for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
            {
              if (!gloss_html_is_tag (cell, "td") && !gloss_html_is_tag (cell, "th"))
                continue;
              if (get_stats (self, cell)->text_len == 0)
                continue;
              if (!first)
                append_text (self, " | ");
              first = FALSE;
              emit_children (self, cell);
            }
          end_block (self);
        }
      else if (gloss_html_is_tag (row, "caption"))
        {
          end_block (self);
          gloss_document_builder_begin_block (self->builder, GLOSS_BLOCK_CAPTION, 0);
          emit_children (self, row);
          end_block (self);
        }

      while (row != NULL && row->next == NULL && row != node)
        row = row->parent;
      if (row == NULL || row == node)
        break;
      row = row->next;
    }
}

static guint
parse_dimension (const char *value)
{
  if (value == NULL || !g_ascii_isdigit (*value))
    return G_MAXUINT;

  return (guint)MIN (g_ascii_strtoull (value, NULL, 10), G_MAXUINT);
}

/* The first address of a srcset ("a.jpg 1x, b.jpg 2x"). */
static char *
first_srcset_url (const char *srcset)
{
  const char *p = srcset;
  const char *end;

  if (srcset == NULL)
    return NULL;

  while (g_ascii_isspace (*p))
    p++;
  end = p;
  while (*end != '\0' && !g_ascii_isspace (*end) && *end != ',')
    end++;

  return end > p ? g_strndup (p, end - p) : NULL;
}

static GBytes *
decode_data_uri (const char  *uri,
                 char       **content_type)
{
  const char *comma = strchr (uri, ',');
  g_autofree char *header = NULL;
  g_autofree char *payload = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *mime;
  guchar *data;
  gsize len = 0;

  if (comma == NULL)
    return NULL;

  header = g_ascii_strdown (uri, comma - uri);
  if (strstr (header, ";base64") == NULL || !g_str_has_prefix (header, "data:image/"))
    return NULL;

  if (strlen (comma + 1) > GLOSS_IMPORT_MAX_IMAGE_SIZE / 3 * 4 + 4)
    return NULL;

  /* Base64 in an attribute may carry spaces and line breaks, which the
   * decoder skips; escaped characters are undone first.
   */
  payload = g_uri_unescape_string (comma + 1, NULL);
  if (payload == NULL)
    return NULL;
  data = g_base64_decode (payload, &len);
  bytes = g_bytes_new_take (data, len);

  mime = gloss_import_image_mime_type (bytes);
  if (mime == NULL)
    return NULL;

  *content_type = g_strdup (mime);
  return g_steal_pointer (&bytes);
}

static const char *
keep_image (Extractor  *self,
            const char *src)
{
  const char *known;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  char *name = NULL;

  if (src == NULL)
    return NULL;

  known = g_hash_table_lookup (self->images, src);
  if (known != NULL)
    return *known != '\0' ? known : NULL;

  /* An image inside the page itself (pages saved by SingleFile and similar
   * tools keep every picture as a data: address) needs no resolver.
   */
  if (g_ascii_strncasecmp (src, "data:", 5) == 0)
    bytes = decode_data_uri (src, &content_type);
  else if (self->resolve != NULL)
    bytes = self->resolve (self->resolve_data, src, self->base_url, &content_type);
  if (bytes != NULL && content_type != NULL)
    name = gloss_document_builder_add_resource (self->builder,
                                                g_ascii_strncasecmp (src, "data:", 5) == 0 ? "image" : src,
                                                bytes, content_type);

  g_hash_table_insert (self->images, g_strdup (src), name != NULL ? name : g_strdup (""));

  return name;
}

static void
emit_image (Extractor *self,
            xmlNode   *node)
{
  g_autofree char *src = gloss_html_get_attr (node, "src");
  g_autofree char *srcset = gloss_html_get_attr (node, "srcset");
  g_autofree char *alt = gloss_html_get_attr (node, "alt");
  g_autofree char *width = gloss_html_get_attr (node, "width");
  g_autofree char *height = gloss_html_get_attr (node, "height");
  g_autofree char *alternative = NULL;
  const char *name = NULL;

  /* Spacers, tracking pixels and icons say nothing. */
  if (parse_dimension (width) < 48 || parse_dimension (height) < 48)
    return;

  if (src != NULL)
    g_strstrip (src);
  if (src != NULL && *src != '\0')
    name = keep_image (self, src);
  if (name == NULL)
    {
      alternative = first_srcset_url (srcset);
      name = keep_image (self, alternative);
    }

  /* A remote image is never fetched; only its description stays. */
  if (name == NULL && (alt == NULL || g_utf8_strlen (alt, -1) < 2))
    return;

  gloss_document_builder_add_image (self->builder, name, alt);
}

/* Whether the text around an inline element is only white space, up to
 * the next block or line break on either side.
 */
static gboolean
stands_alone (xmlNode *node)
{
  xmlNode *sides[2] = { node->prev, node->next };

  for (guint i = 0; i < 2; i++)
    {
      for (xmlNode *sibling = sides[i]; sibling != NULL;
           sibling = i == 0 ? sibling->prev : sibling->next)
        {
          if (sibling->type == XML_TEXT_NODE)
            {
              g_autofree char *collapsed = gloss_html_collapse ((const char *)sibling->content);

              if (collapsed != NULL)
                return FALSE;
              continue;
            }
          if (sibling->type != XML_ELEMENT_NODE)
            continue;
          if (is_block (sibling))
            break;
          return FALSE;
        }
    }

  return TRUE;
}

/* Above the first paragraph, the byline and the date stand on lines of
 * their own ("By Jane Doe", "17 February 2022"); the reading view shows
 * them in its header, so they are not body text.
 */
static gboolean
is_header_line (Extractor *self,
                xmlNode   *node)
{
  static GRegex *byline;
  const Stats *stats = get_stats (self, node);
  g_autofree char *text = NULL;
  g_autofree char *collapsed = NULL;
  g_autofree char *date = NULL;

  if (stats->text_len == 0 || stats->text_len > 100)
    return FALSE;

  /* An inline element only counts when it is all its block holds: a date
   * inside a sentence stays where it is.
   */
  if (!is_block (node) && !gloss_html_is_tag (node, "time"))
    return FALSE;
  if (!is_block (node) && !stands_alone (node))
    return FALSE;
  if (gloss_html_is_tag (node, "li") || gloss_html_is_tag (node, "td") ||
      gloss_html_is_tag (node, "th") || gloss_html_is_tag (node, "tr") ||
      gloss_html_is_tag (node, "pre") || gloss_html_is_tag (node, "blockquote"))
    return FALSE;

  text = gloss_html_get_text (node);
  collapsed = gloss_html_collapse (text);
  if (collapsed == NULL)
    return FALSE;

  if (g_once_init_enter (&byline))
    {
      GRegex *compiled =
        g_regex_new ("^(?i:by|written by|words by)\\s+\\p{Lu}[\\p{L}\\p{M}.'’\\-]*"
                     "(?:[\\s,]+(?:and\\s+|&\\s+)?\\p{Lu}[\\p{L}\\p{M}.'’\\-]*){0,6}"
                     "(?:\\s*[|·•,–—-].{0,60})?$",
                     G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&byline, compiled);
    }

  if (g_regex_match (byline, collapsed, 0, NULL))
    return TRUE;

  /* A line that is only a date, perhaps with a word before it. */
  date = gloss_import_parse_date (collapsed);
  if (date != NULL)
    {
      g_auto(GStrv) words = g_strsplit (collapsed, " ", -1);

      return g_strv_length (words) <= 7;
    }

  return FALSE;
}

static gboolean
previous_is_br (xmlNode *node)
{
  for (xmlNode *prev = node->prev; prev != NULL; prev = prev->prev)
    {
      if (prev->type == XML_TEXT_NODE)
        {
          g_autofree char *collapsed = gloss_html_collapse ((const char *)prev->content);

          if (collapsed != NULL)
            return FALSE;
          continue;
        }
      return gloss_html_is_tag (prev, "br");
    }

  return FALSE;
}

static void
emit_node (Extractor *self,
           xmlNode   *node)
{
  const char *name;
  guint info;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      append_text (self, (const char *)node->content);
      return;
    }

  if (node->type != XML_ELEMENT_NODE || node->name == NULL)
    return;

  if (self->depth >= MAX_DEPTH)
    return;

  name = (const char *)node->name;
  info = tag_info (node);

  if (!self->seen_body && is_header_line (self, node))
    return;

  if (is_call_to_action (self, node))
    return;

  switch ((TagKind)(info & 0xff))
    {
    case TAG_BR:
      if (self->in_pre)
        gloss_document_builder_append_break (self->builder);
      else if (previous_is_br (node))
        end_block (self);
      else if (gloss_document_builder_in_block (self->builder))
        gloss_document_builder_append_break (self->builder);
      return;

    case TAG_HR:
      end_block (self);
      return;

    case TAG_IMG:
      emit_image (self, node);
      return;

    case TAG_HEADING:
      emit_heading (self, node, name[1] - '0');
      return;

    case TAG_P:
      if (is_boilerplate_paragraph (self, node))
        return;
      if (get_stats (self, node)->text_len >= 100)
        self->seen_body = TRUE;
      begin_container_block (self);
      emit_children (self, node);
      end_block (self);
      return;

    case TAG_LIST:
      if (!is_link_dense (self, node))
        emit_list (self, node);
      return;

    case TAG_LI:
      {
        /* An <li> outside any list still reads as a list item. */
        GlossBlockKind kind = self->container_kind;
        guint level = self->container_level;

        self->container_kind = GLOSS_BLOCK_LIST_ITEM;
        self->container_level = MAX (self->list_depth, 1);
        end_block (self);
        emit_children (self, node);
        end_block (self);
        self->container_kind = kind;
        self->container_level = level;
      }
      return;

    case TAG_BLOCKQUOTE:
    case TAG_FIGCAPTION:
      {
        GlossBlockKind kind = self->container_kind;
        guint level = self->container_level;

        self->container_kind = (info & 0xff) == TAG_BLOCKQUOTE ? GLOSS_BLOCK_QUOTE : GLOSS_BLOCK_CAPTION;
        self->container_level = 0;
        end_block (self);
        emit_children (self, node);
        end_block (self);
        self->container_kind = kind;
        self->container_level = level;
      }
      return;

    case TAG_PRE:
      {
        gboolean in_pre = self->in_pre;

        end_block (self);
        gloss_document_builder_begin_block (self->builder, GLOSS_BLOCK_PREFORMATTED, 0);
        self->in_pre = TRUE;
        emit_children (self, node);
        self->in_pre = in_pre;
        end_block (self);
      }
      return;

    case TAG_TABLE:
      if (!is_link_dense (self, node))
        emit_table (self, node);
      return;

    case TAG_EMPHASIS:
      gloss_document_builder_push_span (self->builder, GLOSS_SPAN_EMPHASIS, NULL);
      emit_children (self, node);
      gloss_document_builder_pop_span (self->builder);
      return;

    case TAG_STRONG:
      gloss_document_builder_push_span (self->builder, GLOSS_SPAN_STRONG, NULL);
      emit_children (self, node);
      gloss_document_builder_pop_span (self->builder);
      return;

    case TAG_CODE:
      if (self->in_pre)
        {
          emit_children (self, node);
          return;
        }
      gloss_document_builder_push_span (self->builder, GLOSS_SPAN_CODE, NULL);
      emit_children (self, node);
      gloss_document_builder_pop_span (self->builder);
      return;

    case TAG_A:
      {
        g_autofree char *storage = NULL;
        g_autofree char *href = resolve_href (self, peek_attr (node, "href", &storage));

        if (href != NULL)
          gloss_document_builder_push_span (self->builder, GLOSS_SPAN_LINK, href);
        emit_children (self, node);
        if (href != NULL)
          gloss_document_builder_pop_span (self->builder);
      }
      return;

    case TAG_OTHER:
    default:
      break;
    }

  if ((info & TAG_FLAG_BLOCK) != 0)
    {
      /* Other block containers (div, section, figure...) end the text
       * before them and after them.
       */
      if ((gloss_html_is_tag (node, "div") || gloss_html_is_tag (node, "section") || gloss_html_is_tag (node, "dl")) &&
          has_block_child (node) && is_link_dense (self, node) &&
          get_stats (self, node)->text_len < 1000)
        return;

      end_block (self);
      emit_children (self, node);
      end_block (self);
      return;
    }

  /* Inline elements without meaning for us (span, font, small...). */
  emit_children (self, node);
}

static void
emit_children (Extractor *self,
               xmlNode   *node)
{
  self->depth++;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    emit_node (self, child);
  self->depth--;
}

/* Puts what was removed back under the element it was removed from, once
 * the article is out, so that it is freed with the document: freed node
 * by node, scattered as it is over the page's memory, it costs more than
 * the whole rest of the document freed in order.
 */
static void
relink_removed (Extractor *self)
{
  for (guint i = 0; i + 1 < self->removed->len; i += 2)
    {
      xmlNode *node = g_ptr_array_index (self->removed, i);
      xmlNode *parent = g_ptr_array_index (self->removed, i + 1);

      /* Only elements, comments and processing instructions are
       * removed, so nothing is merged into a neighbouring text node.
       */
      if (parent != NULL)
        xmlAddChild (parent, node);
      else
        xmlFreeNode (node);
    }
  g_ptr_array_set_size (self->removed, 0);
}

static xmlNode *
find_body (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (gloss_html_is_tag (child, "body"))
        return child;
    }

  return root;
}

/* Browsers mark saved pages with the address they came from:
 * <!-- saved from url=(0044)https://example.org/2024/06/story -->.
 */
static char *
find_saved_from_url (GBytes *text)
{
  const char *mark;
  const char *url;
  const char *end;
  gsize len;
  const char *data = g_bytes_get_data (text, &len);
  g_autofree char *head = g_strndup (data, MIN (len, (gsize)4096));

  mark = strstr (head, "saved from url=(");
  if (mark == NULL)
    return NULL;

  url = strchr (mark, ')');
  if (url == NULL)
    return NULL;
  url++;

  end = url;
  while (*end != '\0' && !g_ascii_isspace (*end) && *end != '"' && strncmp (end, "-->", 3) != 0)
    end++;

  {
    g_autofree char *candidate = g_strndup (url, end - url);

    return gloss_html_is_web_url (candidate) ? g_steal_pointer (&candidate) : NULL;
  }
}

GlossDocument *
gloss_import_html_page (GBytes                 *bytes,
                        const char             *charset,
                        GFile                  *file,
                        const char             *fallback_url,
                        GlossImportResolveFunc  resolve,
                        gpointer                user_data,
                        GError                **error)
{
  g_autoptr(GlossDocumentBuilder) builder = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GPtrArray) stats_chunks = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) images = NULL;
  g_autoptr(GBytes) text = NULL;
  g_autofree char *saved_from = NULL;
  const char *data;
  GlossDocument *document;
  GlossHtmlMetadata meta;
  Extractor self = { 0, };
  xmlNode *root;
  xmlNode *body;
  xmlNode *content;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  builder = gloss_document_builder_new (GLOSS_DOCUMENT_FORMAT_HTML);

  text = gloss_import_decode_html (bytes, charset, file, builder, error);
  if (text == NULL)
    return NULL;

  if (fallback_url == NULL)
    fallback_url = saved_from = find_saved_from_url (text);

  /* The text is UTF-8 now, whatever the page declares. */
  data = g_bytes_get_data (text, &len);
  doc = htmlReadMemory (data, (int)MIN (len, (gsize)G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                        HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
  g_clear_pointer (&text, g_bytes_unref);

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                   _("No article text was found in “%s”"), name);
      return NULL;
    }

  self.builder = builder;
  self.container_kind = GLOSS_BLOCK_PARAGRAPH;
  self.resolve = resolve;
  self.resolve_data = user_data;
  images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self.images = images;

  stats_chunks = g_ptr_array_new_with_free_func (g_free);
  self.stats_chunks = stats_chunks;
  removed = g_ptr_array_new ();
  self.removed = removed;
  candidates = g_ptr_array_new ();
  self.candidates = candidates;
  body = find_body (doc);
  self.body = body;

  gloss_html_metadata_init (&meta);
  gloss_html_metadata_begin (&meta, root);
  self.meta = &meta;
  remove_boilerplate (&self, root);
  self.meta = NULL;
  gloss_html_metadata_apply (&meta, builder, fallback_url, &self.title_key, &self.base_url);
  gloss_html_metadata_clear (&meta);

  content = find_content_root (&self, body);

  emit_node (&self, content);
  end_block (&self);
  relink_removed (&self);

  g_free (self.title_key);
  g_free (self.base_url);

  document = gloss_document_builder_finish (g_steal_pointer (&builder), file);
  if (gloss_document_get_n_blocks (document) == 0)
    {
      g_autofree char *name = gloss_import_dup_display_name (file);

      g_object_unref (document);
      g_set_error (error, GLOSS_IMPORT_ERROR, GLOSS_IMPORT_ERROR_NO_CONTENT,
                   _("No article text was found in “%s”"), name);
      return NULL;
    }

  return document;
}

/* "Web page, complete": the page's images are in a folder next to it,
 * named after the page ("War.html" and "War_files"). Only files inside
 * that folder are ever read.
 */
typedef struct {
  GFile *folder;
  gsize  total;
} FilesFolder;

static GFile *
find_files_folder (GFile *file)
{
  static const char *suffixes[] = {
    "_files", "-files", "_archivos", "_fichiers", "-Dateien", "_arquivos", "_file", NULL,
  };
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  char *dot;

  if (file == NULL || !g_file_is_native (file))
    return NULL;

  parent = g_file_get_parent (file);
  basename = g_file_get_basename (file);
  if (parent == NULL || basename == NULL)
    return NULL;

  dot = strrchr (basename, '.');
  if (dot != NULL && dot != basename)
    *dot = '\0';

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (basename, suffixes[i], NULL);
      g_autoptr(GFile) folder = g_file_get_child (parent, name);

      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) ==
          G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&folder);
    }

  return NULL;
}

static GBytes *
resolve_in_files_folder (gpointer     user_data,
                         const char  *src,
                         const char  *base_url,
                         char       **content_type)
{
  FilesFolder *files = user_data;
  g_autoptr(GFile) parent = g_file_get_parent (files->folder);
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *path = NULL;
  g_autofree char *unescaped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len = 0;
  const char *mime;

  if (src == NULL || *src == '\0')
    return NULL;

  if (g_ascii_strncasecmp (src, "file:", 5) == 0)
    {
      target = g_file_new_for_uri (src);
    }
  else
    {
      /* A relative address, as browsers write them ("War_files/a.jpg");
       * anything with a scheme is remote.
       */
      if (g_uri_peek_scheme (src) != NULL || src[0] == '/')
        return NULL;
      path = g_strndup (src, strcspn (src, "?#"));
      unescaped = g_uri_unescape_string (path, NULL);
      if (unescaped == NULL || strstr (unescaped, "\\") != NULL)
        return NULL;
      target = g_file_resolve_relative_path (parent, unescaped);
    }

  /* The path is canonical (no ".."): it must lie inside the folder. */
  if (target == NULL || !g_file_has_prefix (target, files->folder))
    return NULL;

  info = g_file_query_info (target,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > GLOSS_IMPORT_MAX_IMAGE_SIZE ||
      files->total + g_file_info_get_size (info) > 4 * (gsize)GLOSS_IMPORT_MAX_IMAGE_SIZE)
    return NULL;

  if (!g_file_load_contents (target, NULL, &contents, &len, NULL, NULL))
    return NULL;
  bytes = g_bytes_new_take (contents, len);

  mime = gloss_import_image_mime_type (bytes);
  if (mime == NULL)
    return NULL;

  files->total += len;
  *content_type = g_strdup (mime);

  return g_steal_pointer (&bytes);
}

GlossDocument *
gloss_import_html (GBytes  *bytes,
                   GFile   *file,
                   GError **error)
{
  g_autoptr(GFile) folder = NULL;
  FilesFolder files = { NULL, 0 };

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (gloss_import_is_mhtml (bytes))
    return gloss_import_mhtml (bytes, file, error);

  folder = find_files_folder (file);
  if (folder == NULL)
    return gloss_import_html_page (bytes, NULL, file, NULL, NULL, NULL, error);

  files.folder = folder;
  return gloss_import_html_page (bytes, NULL, file, NULL, resolve_in_files_folder, &files, error);
}
