/* gloss-annotation.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  GLOSS_ANNOTATION_EVIDENCE,
  GLOSS_ANNOTATION_BIAS,
  GLOSS_ANNOTATION_COMMENT,
  GLOSS_ANNOTATION_CLAIM,
} GlossAnnotationKind;

typedef enum {
  GLOSS_VERDICT_NONE,
  GLOSS_VERDICT_SUPPORTS,
  GLOSS_VERDICT_CONTRADICTS,
  GLOSS_VERDICT_INSUFFICIENT,
} GlossVerdict;

typedef enum {
  GLOSS_ANCHOR_ANCHORED,     /* found where it was made */
  GLOSS_ANCHOR_MOVED,        /* found confidently elsewhere */
  GLOSS_ANCHOR_NEEDS_REVIEW, /* a plausible match, the reader should check */
  GLOSS_ANCHOR_ORPHAN,       /* not found: kept and listed, never dropped */
} GlossAnchorState;

typedef enum {
  GLOSS_ROLE_STUDENT,
  GLOSS_ROLE_TEACHER,
} GlossCreatorRole;

/* Code points of context stored on each side of a quote. */
#define GLOSS_QUOTE_CONTEXT 32

#define GLOSS_TYPE_ANNOTATION_KIND (gloss_annotation_kind_get_type ())
#define GLOSS_TYPE_VERDICT         (gloss_verdict_get_type ())
#define GLOSS_TYPE_ANCHOR_STATE    (gloss_anchor_state_get_type ())
#define GLOSS_TYPE_CREATOR_ROLE    (gloss_creator_role_get_type ())

GType gloss_annotation_kind_get_type (void) G_GNUC_CONST;
GType gloss_verdict_get_type         (void) G_GNUC_CONST;
GType gloss_anchor_state_get_type    (void) G_GNUC_CONST;
GType gloss_creator_role_get_type    (void) G_GNUC_CONST;

#define GLOSS_TYPE_ANNOTATION (gloss_annotation_get_type ())

G_DECLARE_FINAL_TYPE (GlossAnnotation, gloss_annotation, GLOSS, ANNOTATION, GObject)

/* Properties (all notify with G_PARAM_EXPLICIT_NOTIFY):
 *   id, kind, motivation, tags (GStrv), note, source, source-type, verdict,
 *   link, creator-name, creator-role, created, modified (GDateTime),
 *   start, end, exact, prefix, suffix, text-hash, anchor-state.
 * Every setter of user content also bumps "modified".
 */
GlossAnnotation    *gloss_annotation_new              (GlossAnnotationKind kind);

const char         *gloss_annotation_get_id           (GlossAnnotation    *self);
/* Gives the annotation a new "urn:uuid:" id: for a copy that repeats
 * another note's id. The id is made from the old one and @position (the
 * copy's place in its file), so that reading a file twice gives the same
 * ids. Does not touch "modified".
 */
void                gloss_annotation_regenerate_id    (GlossAnnotation    *self,
                                                       guint               position);
GlossAnnotationKind gloss_annotation_get_kind         (GlossAnnotation    *self);
void                gloss_annotation_set_kind         (GlossAnnotation    *self,
                                                       GlossAnnotationKind kind);
/* W3C motivation derived from the kind unless set: "assessing",
 * "classifying", "commenting", "identifying".
 */
const char         *gloss_annotation_get_motivation   (GlossAnnotation    *self);
const char * const *gloss_annotation_get_tags         (GlossAnnotation    *self);
void                gloss_annotation_set_tags         (GlossAnnotation    *self,
                                                       const char * const *tags);
gboolean            gloss_annotation_has_tag          (GlossAnnotation    *self,
                                                       const char         *tag);
const char         *gloss_annotation_get_note         (GlossAnnotation    *self);
void                gloss_annotation_set_note         (GlossAnnotation    *self,
                                                       const char         *note);
/* A URL or a free-form citation. */
const char         *gloss_annotation_get_source       (GlossAnnotation    *self);
void                gloss_annotation_set_source       (GlossAnnotation    *self,
                                                       const char         *source);
/* "news", "academic", "government", "statistics", "other"... or NULL. */
const char         *gloss_annotation_get_source_type  (GlossAnnotation    *self);
void                gloss_annotation_set_source_type  (GlossAnnotation    *self,
                                                       const char         *source_type);
GlossVerdict        gloss_annotation_get_verdict      (GlossAnnotation    *self);
void                gloss_annotation_set_verdict      (GlossAnnotation    *self,
                                                       GlossVerdict        verdict);
/* The id of another annotation (evidence -> claim), or NULL. */
const char         *gloss_annotation_get_link         (GlossAnnotation    *self);
void                gloss_annotation_set_link         (GlossAnnotation    *self,
                                                       const char         *link);
const char         *gloss_annotation_get_creator_name (GlossAnnotation    *self);
GlossCreatorRole    gloss_annotation_get_creator_role (GlossAnnotation    *self);
void                gloss_annotation_set_creator      (GlossAnnotation    *self,
                                                       const char         *name,
                                                       GlossCreatorRole    role);
GDateTime          *gloss_annotation_get_created      (GlossAnnotation    *self);
GDateTime          *gloss_annotation_get_modified     (GlossAnnotation    *self);

/* The target. */
guint               gloss_annotation_get_start        (GlossAnnotation    *self);
guint               gloss_annotation_get_end          (GlossAnnotation    *self);
const char         *gloss_annotation_get_exact        (GlossAnnotation    *self);
const char         *gloss_annotation_get_prefix       (GlossAnnotation    *self);
const char         *gloss_annotation_get_suffix       (GlossAnnotation    *self);
const char         *gloss_annotation_get_text_hash    (GlossAnnotation    *self);
/* Sets all selectors from the document text (UTF-8) and its hash. */
void                gloss_annotation_set_target_from_text (GlossAnnotation *self,
                                                           const char      *text,
                                                           const char      *text_hash,
                                                           guint            start,
                                                           guint            end);
/* Used by anchoring: moves the position without touching "modified". */
void                gloss_annotation_set_position     (GlossAnnotation    *self,
                                                       guint               start,
                                                       guint               end,
                                                       GlossAnchorState    state);
GlossAnchorState    gloss_annotation_get_anchor_state (GlossAnnotation    *self);

/* W3C Web Annotation JSON-LD (one member of the sidecar's "items"). Members
 * that Gloss does not know are kept and written back unchanged.
 *
 * Parsing also accepts Hypothesis exports ("text", "tags", "updated",
 * "user", "target" as a list, TextualBody "text" instead of "value").
 * A member of the wrong type is a G_IO_ERROR_INVALID_DATA error whose
 * message names the member.
 */
JsonNode           *gloss_annotation_to_json          (GlossAnnotation    *self);
GlossAnnotation    *gloss_annotation_new_from_json    (JsonNode           *node,
                                                       GError            **error);

const char         *gloss_annotation_kind_to_string   (GlossAnnotationKind kind);
/* The kind as a reader sees it: "Evidence", "Bias", "Comment", "Claim". */
const char         *gloss_annotation_kind_to_label    (GlossAnnotationKind kind);
/* The label of @tag in the vocabulary that fits the note best (bias tags
 * for a bias note), or @tag itself when no vocabulary knows it.
 */
const char         *gloss_annotation_get_tag_label    (GlossAnnotation    *self,
                                                       const char         *tag);

/* A copy of @node that shares no object or array with it. */
JsonNode           *gloss_json_node_deep_copy         (JsonNode           *node);
gboolean            gloss_annotation_kind_from_string (const char         *str,
                                                       GlossAnnotationKind *kind);
const char         *gloss_verdict_to_string           (GlossVerdict        verdict);
gboolean            gloss_verdict_from_string         (const char         *str,
                                                       GlossVerdict       *verdict);
/* "anchored", "moved", "needs-review", "orphan". */
const char         *gloss_anchor_state_to_string      (GlossAnchorState    state);
gboolean            gloss_anchor_state_from_string    (const char         *str,
                                                       GlossAnchorState   *state);
/* "student", "teacher". */
const char         *gloss_creator_role_to_string      (GlossCreatorRole    role);
gboolean            gloss_creator_role_from_string    (const char         *str,
                                                       GlossCreatorRole   *role);

G_END_DECLS
