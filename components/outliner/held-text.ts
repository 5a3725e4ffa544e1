// Typing stays in the focused editor and reaches the outline (and so the save queue) after a
// short pause, or at once on a structural key, blur, unmount or before a save goes out:
// re-rendering a page of thousands of blocks on every keystroke would cost more than a frame
// (npm run bench:typing). While a picker is open the text holds a link still being typed
// (`[[Vinc]]`, closed by auto-pair), which would create a page "Vinc": it waits for the
// picker to close, unless the tab is going away. Each keystroke's text is kept (with its time)
// so that undo can still take typing back a word at a time (lib/outline/history.ts).
import type { Editor } from "@tiptap/core";
import { outlineActions, type TypedText } from "@/lib/store/pages";
import { noteLocalEdit, settleIfIdle } from "@/lib/store/save-queue";
import { docToText } from "./editor-doc";
import { anyPickerOpen } from "./input";

const PAUSE_MS = 150;

export class HeldText {
  private snapshots: TypedText[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly editor: Editor,
    private readonly pageKey: string,
    private readonly uid: string,
  ) {}

  /** The editor's text changed by typing. */
  edited(): void {
    this.snapshots.push({ text: docToText(this.editor.state.doc), at: Date.now() });
    noteLocalEdit();
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.push(false), PAUSE_MS);
  }

  /** Typing not yet handed to the outline: another tab's change to this block must not replace it. */
  isDirty(): boolean {
    return this.snapshots.length > 0;
  }

  /** Hands held text to the outline; `force` even with a picker open. */
  push(force: boolean): void {
    if (this.snapshots.length === 0 || this.editor.isDestroyed) return;
    if (!force && anyPickerOpen(this.editor.state)) {
      this.schedule();
      return;
    }
    clearTimeout(this.timer);
    const snapshots = this.snapshots;
    this.snapshots = [];
    outlineActions.typed(this.pageKey, this.uid, snapshots);
    settleIfIdle();
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

const held = new WeakMap<Editor, HeldText>();

export function holdText(editor: Editor, pageKey: string, uid: string): HeldText {
  const text = new HeldText(editor, pageKey, uid);
  held.set(editor, text);
  return text;
}

export function heldTextOf(editor: Editor): HeldText | undefined {
  return held.get(editor);
}

/** Structural keys act on the outline: it must have every keystroke first. */
export function pushHeldText(editor: Editor): void {
  held.get(editor)?.push(true);
}
