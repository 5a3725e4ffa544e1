// The one undo history of the tab, over every page on screen (lib/outline/history.ts does the
// grouping and says what a step left). Kept outside the zustand store: nothing renders from it.
import { emptyHistory, forget, leftIn, record, redo, undo, type Caret, type History, type Left, type Step } from "../outline/history";
import type { Op } from "../outline/ops";
import type { Tree } from "../outline/tree";

let history: History = emptyHistory;
let nextGroup = 1;

export function remember(step: Step): void {
  history = record(history, step);
}

/** A fresh id for steps that must undo together (one change spanning two pages). */
export function newGroup(): number {
  return nextGroup++;
}

/** One step's undo (or redo): its ops, where the caret goes, and what its blocks must still hold. */
export type Replay = { page: string; ops: Op[]; caret?: Caret; left: readonly Left[] };

/**
 * Applies the replays of one step group in order, whole or not at all: the tree each leaves,
 * or undefined when one no longer fits (changed in another tab since) and nothing was applied.
 */
export type Run = (replays: readonly Replay[]) => readonly Tree[] | undefined;

/** What an undo or redo did: nothing to do, the last step's replay applied, or the step skipped and forgotten. */
export type Outcome = { kind: "none" } | { kind: "applied"; last: Replay } | { kind: "skipped" };

/** Undoes the last step (and the steps recorded with it) through `run`. */
export function takeUndo(run: Run): Outcome {
  return take("done", run);
}

export function takeRedo(run: Run): Outcome {
  return take("undone", run);
}

function take(list: "done" | "undone", run: Run): Outcome {
  const steps = history[list];
  const last = steps.at(-1);
  if (!last) return { kind: "none" };
  // The step and those recorded with it, in the order they come off the list.
  let count = 1;
  while (last.group !== undefined && steps.at(-1 - count)?.group === last.group) count += 1;
  const taken = steps.slice(-count).reverse();
  const replays = taken.map((step) => ({
    page: step.page ?? "",
    ops: list === "done" ? step.inverse : step.ops,
    caret: list === "done" ? step.caretBefore : step.caretAfter,
    left: step.left ?? [],
  }));
  const trees = run(replays);
  if (!trees) {
    history = forget(history, list, count);
    return { kind: "skipped" };
  }
  const move = list === "done" ? undo : redo;
  taken.forEach((step, index) => {
    const tree = trees[index];
    const moved = tree && move(history, leftIn(tree, step.inverse));
    if (moved) history = moved.history;
  });
  return { kind: "applied", last: replays[replays.length - 1] as Replay };
}

/** Forgets everything (a test or a sign-out). */
export function resetHistory(): void {
  history = emptyHistory;
}
