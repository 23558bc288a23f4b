/* gloss-note-editor.h
 *
 * Copyright 2026 The Gloss authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "gloss-core.h"

G_BEGIN_DECLS

#define GLOSS_TYPE_NOTE_EDITOR (gloss_note_editor_get_type ())

G_DECLARE_FINAL_TYPE (GlossNoteEditor, gloss_note_editor, GLOSS, NOTE_EDITOR, GtkPopover)

/* A popover that edits one note: its kind, its tags from the vocabulary of
 * that kind, for evidence a verdict and a source, and the note text.
 *
 * The editor never touches a store: "save" asks the owner to create or
 * update the note (gloss_note_editor_apply() writes the fields), "delete"
 * asks it to remove the edited note. Actions: editor.save (Ctrl+Enter),
 * editor.cancel (Escape), editor.delete.
 *
 * Properties: annotation (the note being edited, NULL for a new one),
 * kind (GlossAnnotationKind as int), quote.
 */
GtkWidget           *gloss_note_editor_new            (void);

/* Starts a new note of @kind on @quote. */
void                 gloss_note_editor_edit_new       (GlossNoteEditor     *self,
                                                       GlossAnnotationKind  kind,
                                                       const char          *quote);
/* Starts editing @annotation. */
void                 gloss_note_editor_edit_annotation (GlossNoteEditor    *self,
                                                        GlossAnnotation    *annotation);
GlossAnnotation     *gloss_note_editor_get_annotation (GlossNoteEditor     *self);
GlossAnnotationKind  gloss_note_editor_get_kind       (GlossNoteEditor     *self);
void                 gloss_note_editor_set_kind       (GlossNoteEditor     *self,
                                                       GlossAnnotationKind  kind);
const char          *gloss_note_editor_get_quote      (GlossNoteEditor     *self);
/* The ticked tags, in vocabulary order. */
GStrv                gloss_note_editor_dup_tags       (GlossNoteEditor     *self);
char                *gloss_note_editor_dup_note       (GlossNoteEditor     *self);
/* Writes kind, tags, note, and for evidence verdict and source, to
 * @annotation.
 */
void                 gloss_note_editor_apply          (GlossNoteEditor     *self,
                                                       GlossAnnotation     *annotation);

/* The widgets a reader uses, for tests and for focus handling. */
GtkCheckButton      *gloss_note_editor_get_tag_button (GlossNoteEditor     *self,
                                                       const char          *tag_id);
GtkTextBuffer       *gloss_note_editor_get_buffer     (GlossNoteEditor     *self);
GtkEditable         *gloss_note_editor_get_source_entry (GlossNoteEditor   *self);

G_END_DECLS
