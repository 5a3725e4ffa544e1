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
  /** Other repeated changes of one thing (a slider dragged through values) that undo as one. */
  coalesce?: { key: string; at: number };
  /** Which page the ops belong to (the store keeps one history for every page on screen). */
  page?: string;
  /** Steps recorded together (a block dragged from one page to another) undo and redo together. */
  group?: number;
};

export type History = {
  readonly done: readonly Step[];
  readonly undone: readonly Step[];
  /** The character the last typing step ended with (word boundaries). */
  readonly lastTyped?: string;
  /** Set by undo and redo: the next change starts a step of its own, never continuing an old one. */
  readonly sealed?: boolean;
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

function coalesces(last: Step, next: Step): boolean {
  const a = last.coalesce;
  const b = next.coalesce;
  return a !== undefined && b !== undefined && a.key === b.key && last.page === next.page && b.at - a.at <= TYPING_PAUSE_MS;
}

/** Whether every op only sets the text of `uid` (each carries the whole text: the last one wins). */
const onlyTextOf = (ops: readonly Op[], uid: string) => ops.every((op) => op.type === "update" && op.uid === uid);

function merge(last: Step, step: Step): Step {
  const uid = step.typing?.uid;
  const textOnly = uid !== undefined && onlyTextOf(last.ops, uid) && onlyTextOf(step.ops, uid) && onlyTextOf(last.inverse, uid);
  return {
    ...step,
    // A word typed a key at a time is one update undone by one update, not one per key.
    ops: textOnly ? step.ops : [...last.ops, ...step.ops],
    inverse: textOnly ? last.inverse : [...step.inverse, ...last.inverse],
    caretBefore: last.caretBefore,
    typing: last.typing && step.typing && { ...step.typing, before: last.typing.before },
  };
}

/** Records a change; a new change clears what was undone. */
export function record(history: History, step: Step): History {
  const last = history.done.at(-1);
  const lastTyped = step.typing && typedChar(step.typing.before, step.typing.after);
  if (last && !history.sealed && last.page === step.page && last.group === undefined && (continues(last, step, history.lastTyped) || coalesces(last, step))) {
    return { done: [...history.done.slice(0, -1), merge(last, step)], undone: [], lastTyped };
  }
  return { done: [...history.done, step].slice(-MAX_STEPS), undone: [], lastTyped };
}

/** What to apply to undo the last step, and where the caret goes; undefined when there is none. */
export function undo(history: History): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.done.at(-1);
  if (!step) return undefined;
  return {
    history: { done: history.done.slice(0, -1), undone: [...history.undone, step], sealed: true },
    ops: step.inverse,
    caret: step.caretBefore,
  };
}

export function redo(history: History): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.undone.at(-1);
  if (!step) return undefined;
  return {
    history: { done: [...history.done, step], undone: history.undone.slice(0, -1), sealed: true },
    ops: step.ops,
    caret: step.caretAfter,
  };
}
