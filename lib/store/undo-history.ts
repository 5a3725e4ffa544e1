// The one undo history of the tab, over every page on screen (lib/outline/history.ts does the
// grouping). Kept outside the zustand store: nothing renders from it.
import { emptyHistory, record, redo, undo, type Caret, type History, type Step } from "../outline/history";
import type { Op } from "../outline/ops";

let history: History = emptyHistory;
let nextGroup = 1;

export function remember(step: Step): void {
  history = record(history, step);
}

/** A fresh id for steps that must undo together (one change spanning two pages). */
export function newGroup(): number {
  return nextGroup++;
}

export type Replay = { page: string; ops: Op[]; caret?: Caret };

/**
 * Takes the last step (and the steps recorded with it) off the done list: what to apply, in
 * order, to undo it. Empty when there is nothing to undo.
 */
export function takeUndo(): Replay[] {
  return take(undo, (h) => h.done.at(-1));
}

export function takeRedo(): Replay[] {
  return take(redo, (h) => h.undone.at(-1));
}

function take(
  move: (h: History) => { history: History; ops: Op[]; caret?: Caret } | undefined,
  peek: (h: History) => Step | undefined,
): Replay[] {
  const replays: Replay[] = [];
  const group = peek(history)?.group;
  do {
    const step = peek(history);
    const result = move(history);
    if (!step || !result) break;
    history = result.history;
    replays.push({ page: step.page ?? "", ops: result.ops, caret: result.caret });
  } while (group !== undefined && peek(history)?.group === group);
  return replays;
}

/** Forgets everything (a test or a sign-out). */
export function resetHistory(): void {
  history = emptyHistory;
}
