// Undo and redo over ops. Each change the user makes is recorded with the ops that undo it
// (computed with `invert` on the tree it met); typing in one block is grouped into steps by
// pauses and by words, so Ctrl+Z takes back a word, not a character. Pure: the client store
// keeps a History and applies what undo/redo hand back like any other ops (so they are saved).
import { apply, invert, type Op } from "./ops";
import { invertInOrder } from "./primitive";
import type { Tree } from "./tree";

export type Caret = { uid: string; offset: number };

export type Step = {
  ops: Op[];
  inverse: Op[];
  /** Where the caret was before the change, and after it: undo and redo put it back there. */
  caretBefore?: Caret;
  caretAfter?: Caret;
  /** Typing in one block (groupable), with the text before and after and when it happened. */
  typing?: { uid: string; before: string; after: string; at: number };
};

export type History = {
  readonly done: readonly Step[];
  readonly undone: readonly Step[];
  /** The character the last typing step ended with (word boundaries). */
  readonly lastTyped?: string;
};

export const emptyHistory: History = { done: [], undone: [] };

/** A pause longer than this starts a new undo step while typing. */
export const TYPING_PAUSE_MS = 1_000;
const MAX_STEPS = 500;

/** The ops that undo `ops` applied in order to `tree`, or undefined if one does not apply. */
export function inverseOf(tree: Tree, ops: readonly Op[]): Op[] | undefined {
  return invertInOrder(tree, ops, apply, invert);
}

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** The one character typed to turn `before` into `after`, if that is what happened. */
export function typedChar(before: string, after: string): string | undefined {
  if (after.length !== before.length + 1) return undefined;
  let index = 0;
  while (index < before.length && before[index] === after[index]) index += 1;
  return after.slice(0, index) + after.slice(index + 1) === before ? after[index] : undefined;
}

/** Whether typing `next` continues the typing step `last` (same block, no pause, same word). */
function continues(last: Step, next: Step, lastTyped: string | undefined): boolean {
  const a = last.typing;
  const b = next.typing;
  if (!a || !b || a.uid !== b.uid || a.after !== b.before || b.at - a.at > TYPING_PAUSE_MS) return false;
  // A word ends where white space was typed: the next letter starts a new step.
  const typedNow = typedChar(b.before, b.after);
  return !(isSpace(lastTyped) && typedNow !== undefined && !isSpace(typedNow));
}

/** Records a change; a new change clears what was undone. */
export function record(history: History, step: Step): History {
  const last = history.done.at(-1);
  const lastTyped = step.typing && typedChar(step.typing.before, step.typing.after);
  if (last && continues(last, step, history.lastTyped)) {
    const merged: Step = {
      ops: [...last.ops, ...step.ops],
      inverse: [...step.inverse, ...last.inverse],
      caretBefore: last.caretBefore,
      caretAfter: step.caretAfter,
      typing: last.typing && step.typing && { ...step.typing, before: last.typing.before },
    };
    return { done: [...history.done.slice(0, -1), merged], undone: [], lastTyped };
  }
  return { done: [...history.done, step].slice(-MAX_STEPS), undone: [], lastTyped };
}

/** What to apply to undo the last step, and where the caret goes; undefined when there is none. */
export function undo(history: History): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.done.at(-1);
  if (!step) return undefined;
  return {
    history: { done: history.done.slice(0, -1), undone: [...history.undone, step] },
    ops: step.inverse,
    caret: step.caretBefore,
  };
}

export function redo(history: History): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.undone.at(-1);
  if (!step) return undefined;
  return {
    history: { done: [...history.done, step], undone: history.undone.slice(0, -1) },
    ops: step.ops,
    caret: step.caretAfter,
  };
}
