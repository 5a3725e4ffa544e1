// Roam's editing keys on the focused block (../shared/ROAM-KEYS.md). Keys that change the
// outline become outline ops through the store; keys that change only this block's text
// (formatting, the TODO cycle) are editor transactions, which reach the store as text updates.
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, TextSelection } from "@tiptap/pm/state";
import { MAX_CONTENT_LENGTH } from "@/lib/outline/schema";
import { notify } from "@/lib/store/notice";
import { focusBlock, outlineActions, redoLast, undoLast } from "@/lib/store/pages";
import { selectAllBlocks, selectBlocks } from "@/lib/store/selection";
import { zoomIn, zoomOut } from "@/lib/store/zoom";
import { expectPlainPaste } from "./paste";
import { docToText, offsetToPos, posToOffset } from "./editor-doc";
import { pushHeldText } from "./held-text";

export function caretOffset(editor: Editor): number {
  return posToOffset(editor.state.selection.from);
}

/** Ctrl+B/I/H/Y: wraps the selection in `marker` (or unwraps it); with no selection, a pair around the caret. */
function toggleMarker(editor: Editor, marker: string): boolean {
  const { state, view } = editor;
  const { from, to } = state.selection;
  const before = state.doc.textBetween(Math.max(1, from - marker.length), from, "\n", "\n");
  const after = state.doc.textBetween(to, Math.min(state.doc.content.size - 1, to + marker.length), "\n", "\n");
  if (before === marker && after === marker) {
    const tr = state.tr.delete(to, to + marker.length).delete(from - marker.length, from);
    tr.setSelection(TextSelection.create(tr.doc, from - marker.length, to - marker.length));
    view.dispatch(tr);
    return true;
  }
  const tr = state.tr.insertText(marker, to).insertText(marker, from);
  tr.setSelection(TextSelection.create(tr.doc, from + marker.length, to + marker.length));
  view.dispatch(tr);
  return true;
}

/** Puts the caret at text offset `offset` with a transaction. */
function placeCaret(editor: Editor, offset: number): boolean {
  const { state, view } = editor;
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, offsetToPos(offset))).scrollIntoView());
  return true;
}

/** The text length of a one-paragraph doc (a hard break counts one, as "\n" does). */
const textLengthOf = (size: number) => size - 2;

/**
 * A block holds at most MAX_CONTENT_LENGTH characters (the server refuses more): typing or
 * pasting past it is stopped here, with a message, instead of failing to save later.
 */
export function blockLengthLimit(): Plugin {
  return new Plugin({
    filterTransaction(tr) {
      if (!tr.docChanged || tr.doc.content.size <= tr.before.content.size) return true;
      if (textLengthOf(tr.doc.content.size) <= MAX_CONTENT_LENGTH) return true;
      notify(`A block holds at most ${MAX_CONTENT_LENGTH.toLocaleString("en-US")} characters: split it into several blocks.`);
      return false;
    },
  });
}

export function outlinerKeys(pageKey: string, uid: string) {
  return Extension.create({
    name: "outlinerKeys",
    addProseMirrorPlugins() {
      return [blockLengthLimit()];
    },
    addKeyboardShortcuts() {
      const editor = this.editor;
      const offset = () => caretOffset(editor);
      const collapsedAt = (at: number) => editor.state.selection.empty && offset() === at;
      const textLength = () => docToText(editor.state.doc).length;
      // Structural keys act on the outline's text: it must have every last keystroke.
      const sync = () => pushHeldText(editor);
      const structural = (action: () => unknown) => () => {
        sync();
        action();
        return true;
      };
      return {
        Enter: structural(() => outlineActions.enter(pageKey, uid, offset())),
        "Shift-Enter": () => editor.commands.setHardBreak(),
        Tab: structural(() => outlineActions.indent(pageKey, uid, offset())),
        "Shift-Tab": structural(() => outlineActions.outdent(pageKey, uid, offset())),
        Backspace: () => (collapsedAt(0) ? (sync(), outlineActions.backspaceAtStart(pageKey, uid)) : false),
        Delete: () => (collapsedAt(textLength()) ? (sync(), outlineActions.deleteAtEnd(pageKey, uid), true) : false),
        ArrowUp: () => (editor.view.endOfTextblock("up") ? outlineActions.move(pageKey, uid, "up") : false),
        ArrowDown: () => (editor.view.endOfTextblock("down") ? outlineActions.move(pageKey, uid, "down") : false),
        ArrowLeft: () => (collapsedAt(0) ? outlineActions.move(pageKey, uid, "up") : collapsedAt(1) ? placeCaret(editor, 0) : false),
        // Moves to the very start are made here, not left to the browser: for 200 ms after the
        // editor takes focus, ProseMirror reads a DOM caret at the start as the browser's focus
        // reset and puts its own back, so a quick Home or ← after a click would be lost.
        Home: () => (editor.view.endOfTextblock("up") ? placeCaret(editor, 0) : false),
        "Mod-Home": () => placeCaret(editor, 0),
        "Mod-End": () => placeCaret(editor, textLength()),
        ArrowRight: () => (collapsedAt(textLength()) ? outlineActions.move(pageKey, uid, "down") : false),
        "Alt-Shift-ArrowUp": structural(() => outlineActions.moveUp(pageKey, uid, offset())),
        "Alt-Shift-ArrowDown": structural(() => outlineActions.moveDown(pageKey, uid, offset())),
        "Mod-Shift-ArrowUp": structural(() => outlineActions.moveUp(pageKey, uid, offset())),
        "Mod-Shift-ArrowDown": structural(() => outlineActions.moveDown(pageKey, uid, offset())),
        "Mod-ArrowUp": structural(() => outlineActions.setCollapsed(pageKey, uid, true, offset())),
        "Mod-ArrowDown": structural(() => outlineActions.setCollapsed(pageKey, uid, false, offset())),
        "Mod-Enter": structural(() => {
          const caret = outlineActions.cycleTodo(pageKey, uid, offset());
          if (caret !== undefined) focusBlock(pageKey, uid, caret);
        }),
        "Mod-z": structural(() => undoLast()),
        "Mod-Shift-z": structural(() => redoLast()),
        // Roam's Ctrl+Y strikes through selected text; with nothing selected it redoes.
        "Mod-y": () => (editor.state.selection.empty ? (sync(), redoLast(), true) : toggleMarker(editor, "~~")),
        Escape: structural(() => selectBlocks(pageKey, uid, uid)),
        "Shift-ArrowUp": () => (editor.state.selection.from <= 1 ? (sync(), selectBlocks(pageKey, uid, uid), true) : false),
        "Shift-ArrowDown": () => (editor.state.selection.to >= editor.state.doc.content.size - 1 ? (sync(), selectBlocks(pageKey, uid, uid), true) : false),
        "Alt-ArrowRight": structural(() => zoomIn(uid)),
        // Also keeps Alt+← from being the browser's Back while writing.
        "Alt-ArrowLeft": structural(() => zoomOut(pageKey)),
        // Chrome pastes as plain text on Ctrl+Shift+V; the paste handler is told to keep it text.
        "Mod-Shift-v": () => (expectPlainPaste(), false),
        "Mod-Shift-a": structural(() => selectAllBlocks(pageKey)),
        // Ctrl+A selects the block's text; again, with all of it selected, every block of the page.
        "Mod-a": () => {
          const { from, to } = editor.state.selection;
          if (from > 1 || to < editor.state.doc.content.size - 1) return false;
          sync();
          selectAllBlocks(pageKey);
          return true;
        },
        "Mod-b": () => toggleMarker(editor, "**"),
        "Mod-i": () => toggleMarker(editor, "__"),
        "Mod-h": () => toggleMarker(editor, "^^"),
        "Mod-Alt-0": structural(() => outlineActions.setHeading(pageKey, uid, 0)),
        "Mod-Alt-1": structural(() => outlineActions.setHeading(pageKey, uid, 1)),
        "Mod-Alt-2": structural(() => outlineActions.setHeading(pageKey, uid, 2)),
        "Mod-Alt-3": structural(() => outlineActions.setHeading(pageKey, uid, 3)),
      };
    },
  });
}
