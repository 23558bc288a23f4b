/* gloss-import-html-metadata.c
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "gloss-import-private.h"

/* The metadata of a web page comes from several places that disagree more
 * often than one would hope: schema.org JSON-LD, OpenGraph and other <meta>
 * tags, <title>, <link rel="canonical">, <time> and the visible byline.
 * Everything is collected first; gloss_html_metadata_apply() then picks,
 * for each field, the most reliable source that said something.
 */

/* Ranks of JSON-LD objects: an article's own fields beat a WebPage's. */
enum {
  LD_RANK_NONE,
  LD_RANK_PAGE,
  LD_RANK_ARTICLE,
};

void
gloss_html_metadata_init (GlossHtmlMetadata *meta)
{
  memset (meta, 0, sizeof *meta);
  meta->headings = g_ptr_array_new_with_free_func (g_free);
}

void
gloss_html_metadata_clear (GlossHtmlMetadata *meta)
{
  g_free (meta->og_title);
  g_free (meta->ld_headline);
  g_free (meta->h1);
  g_free (meta->title);
  g_free (meta->byline);
  g_free (meta->ld_author);
  g_free (meta->published);
  g_free (meta->ld_published);
  g_free (meta->site_name);
  g_free (meta->ld_publisher);
  g_free (meta->language);
  g_free (meta->ld_language);
  g_free (meta->url);
  g_free (meta->og_url);
  g_free (meta->ld_url);
  g_free (meta->base);
  g_free (meta->time_published);
  g_free (meta->any_time);
  g_free (meta->class_date);
  g_free (meta->byline_element);
  g_free (meta->byline_text);
  g_clear_pointer (&meta->headings, g_ptr_array_unref);
  memset (meta, 0, sizeof *meta);
}

static void
set_once (char       **field,
          const char  *value)
{
  if (*field == NULL && value != NULL)
    *field = gloss_html_collapse (value);
}

static void
replace_str (char       **field,
             const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
read_meta_element (xmlNode           *node,
                   GlossHtmlMetadata *meta)
{
  static const char *date_keys[] = {
    "article:published_time", "og:article:published_time", "datepublished",
    "date", "pubdate", "publish-date", "publishdate", "publish_date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.date",
    "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "article.published", "published-date", "release_date", "og:published_time",
    "citation_publication_date", "citation_date", NULL,
  };
  static const char *author_keys[] = {
    "author", "article:author", "dc.creator", "dcterms.creator",
    "parsely-author", "sailthru.author", "byl", "citation_author", NULL,
  };
  g_autofree char *property = gloss_html_get_attr (node, "property");
  g_autofree char *name = gloss_html_get_attr (node, "name");
  g_autofree char *itemprop = gloss_html_get_attr (node, "itemprop");
  g_autofree char *http_equiv = gloss_html_get_attr (node, "http-equiv");
  g_autofree char *content = gloss_html_get_attr (node, "content");
  g_autofree char *key = NULL;

  if (content == NULL)
    return;

  key = g_ascii_strdown (property ? property : name ? name : itemprop ? itemprop :
                         http_equiv ? http_equiv : "", -1);
  g_strstrip (key);

  if (strcmp (key, "og:title") == 0 || strcmp (key, "twitter:title") == 0 ||
      strcmp (key, "citation_title") == 0 || strcmp (key, "dc.title") == 0)
    set_once (&meta->og_title, content);
  else if (strcmp (key, "og:site_name") == 0 || strcmp (key, "application-name") == 0 ||
           strcmp (key, "citation_journal_title") == 0)
    set_once (&meta->site_name, content);
  else if (g_strv_contains (date_keys, key))
    set_once (&meta->published, content);
  else if (g_strv_contains (author_keys, key))
    {
      /* article:author is often a profile URL, which is no byline. */
      if (!gloss_html_is_web_url (content) && strchr (content, '@') == NULL)
        set_once (&meta->byline, content);
    }
  else if (strcmp (key, "og:url") == 0 || strcmp (key, "twitter:url") == 0)
    {
      if (gloss_html_is_web_url (content))
        set_once (&meta->og_url, content);
    }
  else if (strcmp (key, "og:locale") == 0 || strcmp (key, "content-language") == 0 ||
           strcmp (key, "dc.language") == 0 || strcmp (key, "language") == 0 ||
           strcmp (key, "inlanguage") == 0)
    {
      g_autofree char *language = gloss_import_normalize_language (content);

      set_once (&meta->language, language);
    }
}

/* JSON-LD. */

typedef struct {
  GlossHtmlMetadata *meta;
  /* "@id" -> JsonObject, so that {"@id": "#author"} references resolve to
   * the object that carries the name (Yoast and most plugins write that).
   */
  GHashTable        *ids;
} LdReader;

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  return NULL;
}

static guint
ld_type_rank (JsonNode *type)
{
  static const char *article_types[] = {
    "Article", "NewsArticle", "BlogPosting", "OpinionNewsArticle",
    "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "ReviewNewsArticle", "AskPublicQuestionAction", "ScholarlyArticle",
    "TechArticle", "Report", "SocialMediaPosting", "LiveBlogPosting",
    "DiscussionForumPosting", "Review", "Posting", NULL,
  };
  static const char *page_types[] = {
    "WebPage", "Blog", "ItemPage", "AboutPage", "CollectionPage", NULL,
  };
  guint rank = LD_RANK_NONE;

  if (type == NULL)
    return LD_RANK_NONE;

  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    {
      const char *name = json_node_get_string (type);

      /* "schema:NewsArticle" and "http://schema.org/NewsArticle" occur. */
      if (strrchr (name, '/') != NULL)
        name = strrchr (name, '/') + 1;
      if (strrchr (name, ':') != NULL)
        name = strrchr (name, ':') + 1;

      if (g_strv_contains (article_types, name))
        return LD_RANK_ARTICLE;
      if (g_strv_contains (page_types, name))
        return LD_RANK_PAGE;
      return LD_RANK_NONE;
    }

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          /* Only strings: a nested array cannot be a type. */
          if (JSON_NODE_HOLDS_VALUE (element))
            rank = MAX (rank, ld_type_rank (element));
        }
    }

  return rank;
}

static gboolean
ld_has_type (JsonObject *object,
             const char *wanted)
{
  JsonNode *type = json_object_get_member (object, "@type");

  if (type == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    return g_strcmp0 (json_node_get_string (type), wanted) == 0;

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array) && i < 16; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              g_strcmp0 (json_node_get_string (element), wanted) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* An object that is only a reference ({"@id": "..."}) stands for the
 * object with that id elsewhere in the page.
 */
static JsonObject *
ld_resolve (LdReader   *reader,
            JsonObject *object)
{
  const char *id = json_string_member (object, "@id");

  if (id != NULL && !json_object_has_member (object, "name"))
    {
      JsonObject *target = g_hash_table_lookup (reader->ids, id);

      if (target != NULL)
        return target;
    }

  return object;
}

/* "author" may be a string, a Person, a reference, or an array of those. */
static void
ld_read_names (LdReader *reader,
               JsonNode *node,
               GString  *out,
               guint     depth)
{
  if (node == NULL || depth > 4)
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *name = gloss_html_collapse (json_node_get_string (node));

      if (name != NULL && !gloss_html_is_web_url (name) &&
          g_utf8_strlen (name, -1) <= 100 && strstr (out->str, name) == NULL)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, name);
        }
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = ld_resolve (reader, json_node_get_object (node));

      ld_read_names (reader, json_object_get_member (object, "name"), out, depth + 1);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 10; i++)
        ld_read_names (reader, json_array_get_element (array, i), out, depth + 1);
    }
}

static const char *
ld_object_name (LdReader *reader,
                JsonNode *node)
{
  JsonObject *object;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        return NULL;
      node = json_array_get_element (array, 0);
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = ld_resolve (reader, json_node_get_object (node));
  return json_string_member (object, "name");
}

/* A URL member is a string, or an object with "@id" or "url". */
static const char *
ld_url_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *url = NULL;

  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    url = json_node_get_string (node);
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *target = json_node_get_object (node);

      url = json_string_member (target, "url");
      if (url == NULL)
        url = json_string_member (target, "@id");
    }

  return gloss_html_is_web_url (url) ? url : NULL;
}

static void
ld_set (char       **field,
        const char  *value,
        gboolean     replace)
{
  g_autofree char *collapsed = NULL;

  if (value == NULL)
    return;

  collapsed = gloss_html_collapse (value);
  if (collapsed == NULL)
    return;

  if (*field == NULL || replace)
    {
      g_free (*field);
      *field = g_steal_pointer (&collapsed);
    }
}

static void
ld_read_object (LdReader   *reader,
                JsonObject *object)
{
  GlossHtmlMetadata *meta = reader->meta;
  guint rank = ld_type_rank (json_object_get_member (object, "@type"));
  gboolean replace;
  const char *headline;
  const char *published;
  const char *language;
  const char *publisher;
  g_autoptr(GString) authors = g_string_new (NULL);

  if (ld_has_type (object, "WebSite") || ld_has_type (object, "Organization") ||
      ld_has_type (object, "NewsMediaOrganization"))
    {
      /* The site's own name, when nothing better says it. */
      if (ld_has_type (object, "WebSite"))
        ld_set (&meta->ld_publisher, json_string_member (object, "name"), FALSE);
      return;
    }

  if (rank == LD_RANK_NONE)
    return;

  /* The first article wins over any page; a page only fills gaps. */
  replace = rank > meta->ld_rank;
  meta->ld_rank = MAX (meta->ld_rank, rank);

  headline = json_string_member (object, "headline");
  /* A WebPage's "name" is often the page title with the site name. */
  if (headline == NULL && rank == LD_RANK_ARTICLE)
    headline = json_string_member (object, "name");
  ld_set (&meta->ld_headline, headline, replace);

  published = json_string_member (object, "datePublished");
  if (published == NULL)
    published = json_string_member (object, "dateCreated");
  if (published == NULL)
    published = json_string_member (object, "uploadDate");
  ld_set (&meta->ld_published, published, replace);

  ld_read_names (reader, json_object_get_member (object, "author"), authors, 0);
  if (authors->len == 0)
    ld_read_names (reader, json_object_get_member (object, "creator"), authors, 0);
  if (authors->len > 0)
    ld_set (&meta->ld_author, authors->str, replace);

  publisher = ld_object_name (reader, json_object_get_member (object, "publisher"));
  if (publisher == NULL)
    publisher = ld_object_name (reader, json_object_get_member (object, "isPartOf"));
  if (publisher != NULL)
    {
      g_autofree char *previous = g_steal_pointer (&meta->ld_publisher);

      /* A publisher named by an article beats a WebSite seen earlier. */
      meta->ld_publisher = gloss_html_collapse (publisher);
      if (meta->ld_publisher == NULL)
        meta->ld_publisher = g_steal_pointer (&previous);
    }

  language = json_string_member (object, "inLanguage");
  if (language != NULL)
    {
      g_autofree char *normalized = gloss_import_normalize_language (language);

      ld_set (&meta->ld_language, normalized, replace);
    }

  {
    const char *url = ld_url_member (object, "mainEntityOfPage");

    if (url == NULL)
      url = ld_url_member (object, "url");
    ld_set (&meta->ld_url, url, replace && rank == LD_RANK_ARTICLE);
  }
}

static void
ld_collect_ids (LdReader *reader,
                JsonNode *node,
                guint     depth)
{
  if (node == NULL || depth > 8)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 200; i++)
        ld_collect_ids (reader, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *id = json_string_member (object, "@id");

      /* A reference has nothing but its id; the full object is kept. */
      if (id != NULL && json_object_get_size (object) > 1 &&
          !g_hash_table_contains (reader->ids, id))
        g_hash_table_insert (reader->ids, (gpointer)id, object);

      if (json_object_has_member (object, "@graph"))
        ld_collect_ids (reader, json_object_get_member (object, "@graph"), depth + 1);
    }
}

static void
ld_read_node (LdReader *reader,
              JsonNode *node,
              guint     depth)
{
  JsonObject *object;

  if (node == NULL || depth > 8)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array) && i < 200; i++)
        ld_read_node (reader, json_array_get_element (array, i), depth + 1);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);

  if (json_object_has_member (object, "@graph"))
    ld_read_node (reader, json_object_get_member (object, "@graph"), depth + 1);

  ld_read_object (reader, object);

  /* A WebPage may hold its article as "mainEntity". */
  if (json_object_has_member (object, "mainEntity"))
    ld_read_node (reader, json_object_get_member (object, "mainEntity"), depth + 1);
}

static void
read_json_ld (xmlNode           *node,
              GlossHtmlMetadata *meta)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = gloss_html_get_text (node);
  LdReader reader = { meta, ids };
  char *start;

  if (!g_utf8_validate (text, -1, NULL))
    return;

  /* Some sites wrap the JSON in an HTML comment or a CDATA section. */
  start = text;
  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "<!--"))
    start += 4;
  else if (g_str_has_prefix (start, "//<![CDATA["))
    start += 11;
  {
    char *end = g_strrstr (start, "-->");

    if (end == NULL)
      end = g_strrstr (start, "//]]>");
    if (end != NULL)
      *end = '\0';
  }

  /* Broken JSON-LD is common and simply ignored. */
  if (!json_parser_load_from_data (parser, start, -1, NULL))
    return;

  ld_collect_ids (&reader, json_parser_get_root (parser), 0);
  ld_read_node (&reader, json_parser_get_root (parser), 0);
}

/* A short element that reads "By Jane Doe" (often "By " and a link) names
 * the author when the page has no metadata for it.
 */
static void
read_by_text (xmlNode           *node,
              GlossHtmlMetadata *meta)
{
  static GRegex *regex;
  const char *text = (const char *)node->content;
  g_autofree char *parent_text = NULL;
  g_autofree char *collapsed = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (g_ascii_strncasecmp (text, "by", 2) != 0 || (text[2] != '\0' && !g_ascii_isspace (text[2])))
    return;
  if (strlen (text) > 80)
    return;

  parent_text = gloss_html_get_text (node->parent);
  collapsed = gloss_html_collapse (parent_text);
  if (collapsed == NULL || g_utf8_strlen (collapsed, -1) > 100)
    return;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled =
        g_regex_new ("^by\\s+(\\p{Lu}[\\p{L}\\p{M}.'’\\-]*(?:\\s+(?:and\\s+|&\\s+|de\\s+|van\\s+|von\\s+|la\\s+)?\\p{Lu}[\\p{L}\\p{M}.'’\\-]*){0,4})",
                     G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&regex, compiled);
    }

  if (g_regex_match (regex, collapsed, 0, &match))
    meta->byline_text = g_match_info_fetch (match, 1);
}

static void
read_time_element (xmlNode           *node,
                   GlossHtmlMetadata *meta)
{
  g_autofree char *datetime = gloss_html_get_attr (node, "datetime");
  g_autofree char *itemprop = gloss_html_get_attr (node, "itemprop");
  g_autofree char *klass = gloss_html_class_and_id (node);
  gboolean is_published;

  /* <time>18 May 2025</time> without an attribute still says a date. */
  if (datetime == NULL)
    {
      g_autofree char *text = gloss_html_get_text (node);

      if (strlen (text) < 100)
        datetime = gloss_import_parse_date (text);
    }
  if (datetime == NULL)
    return;

  /* A time marked as the publication date counts as one; the first other
   * <time> is only a fallback, and one marked as an update is ignored.
   */
  is_published = (itemprop != NULL && strstr (itemprop, "datePublished") != NULL) ||
                 xmlHasProp (node, (const xmlChar *)"pubdate") != NULL ||
                 (klass != NULL && (strstr (klass, "publish") != NULL ||
                                    strstr (klass, "posted") != NULL));

  if (is_published)
    set_once (&meta->time_published, datetime);
  else if (itemprop == NULL || strstr (itemprop, "dateModified") == NULL)
    set_once (&meta->any_time, datetime);
}

gboolean
gloss_html_metadata_visit (GlossHtmlMetadata *meta,
                           xmlNode           *node)
{
  gboolean descend = TRUE;

  if (node->type == XML_ELEMENT_NODE)
    {
      if (gloss_html_is_tag (node, "meta"))
        {
          read_meta_element (node, meta);
        }
      else if (gloss_html_is_tag (node, "script"))
        {
          g_autofree char *type = gloss_html_get_attr (node, "type");

          if (type != NULL && g_ascii_strcasecmp (g_strstrip (type), "application/ld+json") == 0)
            read_json_ld (node, meta);
          descend = FALSE;
        }
      else if (gloss_html_is_tag (node, "title"))
        {
          if (meta->title == NULL)
            {
              g_autofree char *text = gloss_html_get_text (node);

              set_once (&meta->title, text);
            }
          descend = FALSE;
        }
      else if (gloss_html_is_tag (node, "h1") || gloss_html_is_tag (node, "h2"))
        {
          g_autofree char *text = gloss_html_get_text (node);
          char *collapsed = gloss_html_collapse (text);

          if (gloss_html_is_tag (node, "h1"))
            set_once (&meta->h1, text);
          if (collapsed != NULL && meta->headings->len < 100)
            g_ptr_array_add (meta->headings, collapsed);
          else
            g_free (collapsed);
          descend = FALSE;
        }
      else if (gloss_html_is_tag (node, "link"))
        {
          g_autofree char *rel = gloss_html_get_attr (node, "rel");
          g_autofree char *href = gloss_html_get_attr (node, "href");

          if (rel != NULL && href != NULL && g_ascii_strcasecmp (g_strstrip (rel), "canonical") == 0)
            replace_str (&meta->url, g_strstrip (href));
        }
      else if (gloss_html_is_tag (node, "base"))
        {
          g_autofree char *href = gloss_html_get_attr (node, "href");

          if (gloss_html_is_web_url (href))
            set_once (&meta->base, href);
        }
      else if (gloss_html_is_tag (node, "a"))
        {
          g_autofree char *rel = gloss_html_get_attr (node, "rel");

          if (rel != NULL && strstr (rel, "author") != NULL && meta->byline == NULL)
            {
              g_autofree char *text = gloss_html_get_text (node);

              set_once (&meta->byline, text);
            }
        }
      else if (gloss_html_is_tag (node, "time"))
        {
          read_time_element (node, meta);
        }
      else if ((meta->byline_element == NULL || meta->class_date == NULL) &&
               node->properties != NULL)
        {
          char buffer[GLOSS_HTML_CLASS_AND_ID_SIZE];
          const char *names = gloss_html_class_and_id_into (node, buffer, sizeof buffer) ? buffer : NULL;
          g_autofree char *itemprop = xmlHasProp (node, (const xmlChar *)"itemprop") != NULL ?
                                      gloss_html_get_attr (node, "itemprop") : NULL;

          if (meta->class_date == NULL && names != NULL &&
              (strstr (names, "date") != NULL || strstr (names, "publish") != NULL ||
               strstr (names, "byline") != NULL || strstr (names, "timestamp") != NULL) &&
              strstr (names, "update") == NULL && strstr (names, "modified") == NULL)
            {
              g_autofree char *text = gloss_html_get_text (node);

              /* A short element whose class says it holds the date. */
              if (strlen (text) < 160)
                meta->class_date = gloss_import_parse_date (text);
            }

          if (meta->byline_element == NULL &&
              ((names != NULL &&
                (strstr (names, "byline") != NULL || strstr (names, "author-name") != NULL)) ||
               (itemprop != NULL && strcmp (itemprop, "author") == 0)))
            {
              g_autofree char *text = gloss_html_get_text (node);
              g_autofree char *collapsed = gloss_html_collapse (text);

              if (collapsed != NULL && g_utf8_strlen (collapsed, -1) <= 80)
                meta->byline_element = g_steal_pointer (&collapsed);
            }
        }
    }

  else if (node->type == XML_TEXT_NODE && meta->byline_text == NULL &&
           node->content != NULL && node->parent != NULL)
    {
      read_by_text (node, meta);
    }

  return descend;
}

void
gloss_html_metadata_begin (GlossHtmlMetadata *meta,
                           xmlNode           *root)
{
  g_autofree char *lang = gloss_html_get_attr (root, "lang");

  if (lang == NULL)
    lang = gloss_html_get_attr (root, "xml:lang");
  if (lang != NULL)
    meta->language = gloss_import_normalize_language (lang);
}

void
gloss_html_metadata_read_subtree (GlossHtmlMetadata *meta,
                                  xmlNode           *root)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      gboolean descend = gloss_html_metadata_visit (meta, node);

      if (descend && node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      if (node == root)
        break;
      while (node != NULL && node->next == NULL && node != root)
        node = node->parent;
      if (node == NULL || node == root)
        break;
      node = node->next;
    }
}

void
gloss_html_metadata_read (GlossHtmlMetadata *meta,
                          xmlNode           *root)
{
  gloss_html_metadata_begin (meta, root);
  gloss_html_metadata_read_subtree (meta, root);
}

/* Choosing. */

static const char *title_separators[] = {
  " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " « ", " / ", " : ", NULL,
};

static guint
count_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strv_length (words);
}

/* "Title | Site" and "Title - Site" lose their site part; so does
 * "Site | Title" when the site is known.
 */
static char *
strip_site_suffix (const char *title,
                   const char *site_name,
                   gboolean    from_title_element,
                   char      **site_part)
{
  g_autofree char *site_key = site_name != NULL ? gloss_html_make_key (site_name) : NULL;

  for (guint i = 0; title_separators[i] != NULL; i++)
    {
      const char *sep = g_strrstr (title, title_separators[i]);
      g_autofree char *tail_key = NULL;
      g_autofree char *head_text = NULL;
      g_autofree char *head_key = NULL;
      guint head_words;
      guint tail_words;

      if (sep == NULL || sep == title)
        continue;

      head_text = g_strndup (title, sep - title);
      head_key = gloss_html_make_key (head_text);
      tail_key = gloss_html_make_key (sep + strlen (title_separators[i]));
      head_words = count_words (head_text);
      tail_words = count_words (tail_key);

      /* "The Civic Ledger | Article title". */
      if (site_key != NULL && strcmp (head_key, site_key) == 0)
        {
          const char *first = strstr (title, title_separators[i]);

          if (first == sep)
            return g_strdup (sep + strlen (title_separators[i]));
          continue;
        }

      if ((site_key != NULL && strcmp (tail_key, site_key) == 0) ||
          (from_title_element && i < 8 && (i == 0 || tail_words <= 4) && head_words >= 2))
        {
          if (site_part != NULL)
            *site_part = g_strdup (sep + strlen (title_separators[i]));
          return g_steal_pointer (&head_text);
        }
    }

  return g_strdup (title);
}

/* Without metadata, the title is the page heading that the <title> element
 * also names ("Site » Blog Archive » Article" names the article's <h2>
 * as well as the site's <h1>), then the first <h1>, then <title> itself.
 */
static char *
choose_page_title (GlossHtmlMetadata  *meta,
                   const char         *site,
                   char              **site_part)
{
  g_autofree char *site_key = site != NULL ? gloss_html_make_key (site) : NULL;
  const char *best = NULL;
  guint best_len = 0;

  if (meta->title != NULL)
    {
      g_auto(GStrv) segments = NULL;
      g_autofree char *title = g_strdup (meta->title);

      for (guint i = 1; title_separators[i] != NULL; i++)
        {
          g_autofree char *replaced = NULL;
          g_auto(GStrv) parts = g_strsplit (title, title_separators[i], -1);

          replaced = g_strjoinv (title_separators[0], parts);
          g_free (title);
          title = g_steal_pointer (&replaced);
        }
      segments = g_strsplit (title, title_separators[0], -1);

      for (guint i = 0; i < meta->headings->len; i++)
        {
          const char *heading = g_ptr_array_index (meta->headings, i);
          g_autofree char *heading_key = gloss_html_make_key (heading);

          if (site_key != NULL && strcmp (heading_key, site_key) == 0)
            continue;

          for (guint j = 0; segments[j] != NULL; j++)
            {
              g_autofree char *segment_key = gloss_html_make_key (segments[j]);

              if (strcmp (segment_key, heading_key) == 0 && strlen (heading) > best_len)
                {
                  best = heading;
                  best_len = strlen (heading);
                }
            }
        }
    }

  if (best != NULL)
    return g_strdup (best);
  if (meta->title != NULL)
    {
      g_autofree char *stripped = strip_site_suffix (meta->title, site, TRUE, site_part);

      /* A bare site name in <title> is no article title; the page's main
       * heading says more.
       */
      if (meta->h1 != NULL && site_key != NULL)
        {
          g_autofree char *key = gloss_html_make_key (stripped);

          if (strcmp (key, site_key) == 0)
            return g_strdup (meta->h1);
        }
      return g_steal_pointer (&stripped);
    }
  if (meta->h1 != NULL)
    return g_strdup (meta->h1);

  return NULL;
}

/* Many sites put the date in the address: /2019/10/21/slug. */
static char *
date_from_url (const char *url)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *iso = NULL;

  if (url == NULL)
    return NULL;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("/((?:19|20)\\d{2})/(\\d{2})/(\\d{2})/", G_REGEX_OPTIMIZE, 0, NULL);

      g_once_init_leave (&regex, compiled);
    }

  if (!g_regex_match (regex, url, 0, &match))
    return NULL;

  {
    g_autofree char *y = g_match_info_fetch (match, 1);
    g_autofree char *m = g_match_info_fetch (match, 2);
    g_autofree char *d = g_match_info_fetch (match, 3);

    iso = g_strdup_printf ("%s-%s-%s", y, m, d);
  }

  return gloss_import_parse_date (iso);
}

/* "By Jane Doe and John Roe | Staff writers" becomes "Jane Doe and John
 * Roe"; bylines that are only a site name or an address are no bylines.
 */
static char *
clean_byline (const char *byline,
              const char *site)
{
  g_autofree char *clean = gloss_html_collapse (byline);
  char *start;
  char *cut;

  if (clean == NULL)
    return NULL;

  start = clean;
  if (g_ascii_strncasecmp (start, "by ", 3) == 0)
    start += 3;
  else if (g_ascii_strncasecmp (start, "by:", 3) == 0)
    start += 3;
  else if (g_ascii_strncasecmp (start, "written by ", 11) == 0)
    start += 11;

  cut = strpbrk (start, "|\n•·");
  if (cut != NULL)
    *cut = '\0';
  /* "Jane Doe 8 January 2020, 3:51 pm": the date is not part of the name. */
  for (char *p = start; *p; p++)
    {
      if (g_ascii_isdigit (*p) && p > start && p[-1] == ' ')
        {
          *p = '\0';
          break;
        }
    }
  g_strstrip (start);
  while (*start != '\0' && (start[strlen (start) - 1] == ',' || start[strlen (start) - 1] == '-'))
    {
      start[strlen (start) - 1] = '\0';
      g_strstrip (start);
    }

  {
    static const char *placeholders[] = {
      "no author", "admin", "administrator", "unknown", "staff", "anonymous", "author", NULL,
    };
    g_autofree char *key = gloss_html_make_key (start);

    if (g_strv_contains (placeholders, key))
      return NULL;
  }

  if (*start == '\0' || g_utf8_strlen (start, -1) > 100 || gloss_html_is_web_url (start))
    return NULL;

  if (site != NULL)
    {
      g_autofree char *key = gloss_html_make_key (start);
      g_autofree char *site_key = gloss_html_make_key (site);

      if (strcmp (key, site_key) == 0)
        return NULL;
    }

  return g_strdup (start);
}

static char *
resolve_url (const char *url,
             const char *base)
{
  g_autofree char *trimmed = NULL;

  if (url == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (url));
  if (gloss_html_is_web_url (trimmed))
    return g_steal_pointer (&trimmed);

  /* <link rel="canonical" href="/2024/06/story"> is relative to the page. */
  if (base != NULL && *trimmed == '/')
    {
      g_autofree char *resolved = g_uri_resolve_relative (base, trimmed, G_URI_FLAGS_NONE, NULL);

      if (gloss_html_is_web_url (resolved))
        return g_steal_pointer (&resolved);
    }

  return NULL;
}

static GPtrArray *
title_words (const char *title)
{
  g_autofree char *key = gloss_html_make_key (title);
  g_auto(GStrv) words = g_strsplit_set (key, " \t,.:;!?\"'“”‘’()[]-–—|", -1);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] != '\0')
        g_ptr_array_add (out, g_strdup (words[i]));
    }

  return out;
}

/* Whether two headlines name the same article: most of the words of the
 * shorter one appear in the longer one, and neither is much longer.
 */
static gboolean
same_headline (const char *a,
               const char *b)
{
  g_autoptr(GPtrArray) wa = title_words (a);
  g_autoptr(GPtrArray) wb = title_words (b);
  GPtrArray *shorter = wa->len <= wb->len ? wa : wb;
  GPtrArray *longer = wa->len <= wb->len ? wb : wa;
  guint common = 0;

  if (shorter->len < 3 || longer->len > shorter->len * 2 || longer->len > 40)
    return FALSE;

  for (guint i = 0; i < shorter->len; i++)
    {
      for (guint j = 0; j < longer->len; j++)
        {
          if (strcmp (g_ptr_array_index (shorter, i), g_ptr_array_index (longer, j)) == 0)
            {
              common++;
              break;
            }
        }
    }

  return common * 10 >= shorter->len * 6;
}

void
gloss_html_metadata_apply (GlossHtmlMetadata     *meta,
                           GlossDocumentBuilder  *builder,
                           const char            *fallback_url,
                           char                 **title_key,
                           char                 **base_url)
{
  const char *site = meta->site_name != NULL ? meta->site_name : meta->ld_publisher;
  g_autofree char *site_part = NULL;
  g_autofree char *title = NULL;
  g_autofree char *published = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *url = NULL;
  const char *bylines[] = {
    meta->ld_author, meta->byline, meta->byline_element, meta->byline_text,
  };
  const char *dates[] = {
    meta->published, meta->ld_published, meta->time_published, meta->class_date,
    meta->any_time,
  };
  const char *reference_url;

  if (meta->og_title != NULL)
    title = strip_site_suffix (meta->og_title, site, FALSE, NULL);
  else if (meta->ld_headline != NULL)
    title = strip_site_suffix (meta->ld_headline, site, FALSE, NULL);
  else
    title = choose_page_title (meta, site, &site_part);

  /* The og:title of some sites is only the site's name. */
  if (title != NULL && site != NULL && meta->og_title != NULL)
    {
      g_autofree char *key = gloss_html_make_key (title);
      g_autofree char *site_key = gloss_html_make_key (site);

      if (strcmp (key, site_key) == 0)
        {
          g_clear_pointer (&title, g_free);
          title = meta->ld_headline != NULL ? g_strdup (meta->ld_headline)
                                            : choose_page_title (meta, site, &site_part);
        }
    }

  /* The headline that readers see on the page is the title they know;
   * metadata titles are often rewritten for search engines and social
   * networks. The visible one is preferred when both clearly name the same
   * article.
   */
  if (title != NULL && meta->h1 != NULL && same_headline (title, meta->h1) &&
      count_words (meta->h1) <= count_words (title) + 1)
    {
      g_free (title);
      title = g_strdup (meta->h1);
    }

  /* "National Rail Enquiries -": a separator left without its other half. */
  if (title != NULL)
    {
      gsize len;

      g_strstrip (title);
      len = strlen (title);
      while (len > 0 && strchr ("-|:·»«/", title[len - 1]) != NULL)
        {
          title[--len] = '\0';
          g_strstrip (title);
          len = strlen (title);
        }
      if (len == 0)
        g_clear_pointer (&title, g_free);
    }

  if (title != NULL)
    {
      gloss_document_builder_set_title (builder, title);
      *title_key = gloss_html_make_key (title);
    }

  /* Without a declared site name, the part of <title> that follows the
   * article's title names the site ("Title | The Civic Ledger").
   */
  if (site == NULL && meta->title != NULL && title != NULL && site_part == NULL)
    {
      g_autofree char *head = strip_site_suffix (meta->title, NULL, TRUE, &site_part);
      g_autofree char *head_key = gloss_html_make_key (head);

      if (strcmp (head_key, *title_key) != 0)
        g_clear_pointer (&site_part, g_free);
    }
  if (site == NULL && site_part != NULL && count_words (site_part) <= 5)
    site = site_part;

  for (guint i = 0; i < G_N_ELEMENTS (bylines) && byline == NULL; i++)
    {
      if (bylines[i] != NULL)
        byline = clean_byline (bylines[i], site);
    }
  if (byline != NULL)
    gloss_document_builder_set_byline (builder, byline);

  reference_url = meta->og_url != NULL ? meta->og_url :
                  meta->ld_url != NULL ? meta->ld_url :
                  meta->base != NULL ? meta->base : fallback_url;
  url = resolve_url (meta->url, reference_url);
  if (url == NULL)
    url = resolve_url (meta->og_url != NULL ? meta->og_url :
                       meta->ld_url != NULL ? meta->ld_url : fallback_url, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dates) && published == NULL; i++)
    published = gloss_import_parse_date (dates[i]);
  if (published == NULL)
    published = date_from_url (url);
  if (published != NULL)
    gloss_document_builder_set_published (builder, published);

  gloss_document_builder_set_site_name (builder, site);
  gloss_document_builder_set_language (builder, meta->language != NULL ? meta->language
                                                                       : meta->ld_language);
  gloss_document_builder_set_url (builder, url);

  *base_url = g_strdup (meta->base != NULL ? meta->base : url);
}
