// A short message for the user when something they asked for could not be done (a paste
// too large for a block, say), or was done and can be taken back (a rename, with Undo):
// shown by the app shell, gone after a while.
import { create } from "zustand";

/** A button beside the message (Undo); pressing it also dismisses the message. */
export type NoticeAction = { label: string; run: () => void };

export const useNotice = create<{ text: string | null; seq: number; action: NoticeAction | null }>(() => ({ text: null, seq: 0, action: null }));

const SHOW_MS = 8_000;
/** Long enough to read the message, see the result and decide to undo it. */
const SHOW_WITH_ACTION_MS = 30_000;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Shows `text` (with a button when `action` is given) for `showMs`, by default long enough to read or act. */
export function notify(text: string, action: NoticeAction | null = null, showMs = action ? SHOW_WITH_ACTION_MS : SHOW_MS): void {
  clearTimeout(timer);
  useNotice.setState((state) => ({ text, action, seq: state.seq + 1 }));
  timer = setTimeout(dismissNotice, showMs);
}

export const ACTION_NOTICE_MS = SHOW_WITH_ACTION_MS;

export function dismissNotice(): void {
  clearTimeout(timer);
  useNotice.setState({ text: null, action: null });
}
