// The block's text on either side of an empty selection, line breaks as "\n". In the block
// editor's one paragraph every character and every hard break is one position, so an index in
// this text is `start` plus that index in the document.
import type { ResolvedPos } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";

export type CaretText = { before: string; after: string; start: number; caret: number };

export function caretTextAt($pos: ResolvedPos): CaretText {
  const parent = $pos.parent;
  return {
    before: parent.textBetween(0, $pos.parentOffset, "\n", "\n"),
    after: parent.textBetween($pos.parentOffset, parent.content.size, "\n", "\n"),
    start: $pos.start(),
    caret: $pos.pos,
  };
}

/** The text around the caret, or null while a range is selected. */
export function caretText(state: EditorState): CaretText | null {
  const { selection } = state;
  return selection.empty ? caretTextAt(selection.$from) : null;
}
