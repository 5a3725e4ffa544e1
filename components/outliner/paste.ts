// Ctrl+V in the block editor: an outline (Loam's own flavour, Roam's or Logseq's markdown, an
// HTML list) becomes blocks at the caret; a single line or paragraph goes into the block as
// text. Ctrl+Shift+V pastes everything as text into this one block. lib/formats/clipboard.ts
// reads the clipboard; this only wires it to the editor and the store.
import type { Editor } from "@tiptap/core";
import { LOAM_MIME, readAsText, readClipboard } from "@/lib/formats/clipboard";
import { MAX_CONTENT_LENGTH } from "@/lib/outline/schema";
import { notify } from "@/lib/store/notice";
import { pasteNodes } from "@/lib/store/transfer";
import { TextSelection } from "@tiptap/pm/state";
import { docToText, offsetToPos, posToOffset, textToDoc } from "./editor-doc";
import { pushHeldText } from "./held-text";

/** Ctrl+Shift+V was pressed just now: the paste event that follows is text only. */
let plainUntil = 0;
export function expectPlainPaste(): void {
  plainUntil = Date.now() + 1_000;
}

/** Replaces the whole text of the block in the editor (so it is saved like typing) and places the caret. */
function replaceText(editor: Editor, text: string, caret: number): void {
  editor.commands.setContent(textToDoc(text), { emitUpdate: true });
  const { state, view } = editor;
  const pos = Math.max(1, Math.min(offsetToPos(caret), state.doc.content.size - 1));
  view.dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}

function insertText(editor: Editor, text: string): void {
  const { from, to } = editor.state.selection;
  const start = posToOffset(from);
  const current = docToText(editor.state.doc);
  const next = current.slice(0, start) + text + current.slice(posToOffset(to));
  if (next.length > MAX_CONTENT_LENGTH) {
    notify(
      `Nothing was pasted: the block would have ${next.length.toLocaleString("en-US")} characters; a block holds at most ${MAX_CONTENT_LENGTH.toLocaleString("en-US")}.`,
    );
    return;
  }
  replaceText(editor, next, start + text.length);
}

export function pasteIntoBlock(editor: Editor, pageKey: string, uid: string, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  if (!data) return false;
  const input = {
    loam: data.getData(LOAM_MIME) || undefined,
    html: data.getData("text/html") || undefined,
    plain: data.getData("text/plain") || undefined,
  };
  const plainOnly = Date.now() < plainUntil;
  plainUntil = 0;
  if (plainOnly) {
    insertText(editor, readAsText(input));
    return true;
  }
  const content = readClipboard(input);
  if (content.kind === "text") {
    if (content.text !== "") insertText(editor, content.text);
    return true;
  }
  pushHeldText(editor);
  const result = pasteNodes(pageKey, uid, posToOffset(editor.state.selection.from), content.nodes);
  if (!result.ok) notify(`Nothing was pasted: ${result.reason}`);
  return true;
}
