// A short message for the user when something they asked for could not be done (a paste
// too large for a block, say): shown by the app shell, gone after a while.
import { create } from "zustand";

export const useNotice = create<{ text: string | null; seq: number }>(() => ({ text: null, seq: 0 }));

const SHOW_MS = 8_000;
let timer: ReturnType<typeof setTimeout> | undefined;

export function notify(text: string): void {
  clearTimeout(timer);
  useNotice.setState((state) => ({ text, seq: state.seq + 1 }));
  timer = setTimeout(() => useNotice.setState({ text: null }), SHOW_MS);
}
