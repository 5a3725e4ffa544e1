// Undo and redo over ops. Each change the user makes is recorded as the primitive ops it came
// to and the ops that undo them (computed with `invert` on the tree it met); typing in one
// block is grouped into steps by pauses and by words, so Ctrl+Z takes back a word, not a
// character. Pure: the client store keeps a History and applies what undo/redo hand back like
// any other ops (so they are saved).
//
// Other tabs change the same pages meanwhile (live updates). An exact inverse applied over
// their change would silently overwrite it, or bring back or move a block they changed. So each
// step also keeps what this tab left in the blocks its undo (or redo) would set (`left`), and
// undo and redo go ahead only where those blocks still hold exactly that (`stillLeft`); the
// store skips a step that fails, with a notice, and forgets it.
import { apply, expand, invert, type Op, type PrimitiveOp } from "./ops";
import { invertInOrder } from "./primitive";
import { getBlock, type BlockNode, type Tree } from "./tree";

export type Caret = { uid: string; offset: number };

export type Step = {
  /** The change as primitive ops (`changeOf`): what redo applies. */
  ops: PrimitiveOp[];
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
  /** What this tab left in the blocks the step's next undo (or, once undone, redo) sets. */
  left?: readonly Left[];
};

/** A block's fields as an undo may set them: its text, its props, its place (parent and key). */
export type Field = "content" | "props" | "place";

/**
 * What this tab left in one block: the block as it was (undefined: not there), and which of its
 * fields the next undo or redo sets — only those must be unchanged for it to go ahead.
 */
export type Left = { uid: string; block: BlockNode | undefined; fields: readonly Field[] };

const ALL_FIELDS: readonly Field[] = ["content", "props", "place"];

/** The blocks `ops` set and which fields of each (a create or a delete: the whole block). */
function fieldsSetBy(ops: readonly Op[], into = new Map<string, Set<Field>>()): Map<string, Set<Field>> {
  const add = (uid: string, fields: readonly Field[]) => {
    const set = into.get(uid) ?? new Set<Field>();
    for (const field of fields) set.add(field);
    into.set(uid, set);
  };
  for (const op of ops) {
    switch (op.type) {
      case "batch":
        fieldsSetBy(op.ops, into);
        break;
      case "update":
        add(op.uid, ["content"]);
        break;
      case "setProps":
        add(op.uid, ["props"]);
        break;
      case "move":
        add(op.uid, ["place"]);
        break;
      case "split":
        add(op.uid, ALL_FIELDS);
        add(op.newUid, ALL_FIELDS);
        break;
      default:
        // create, delete, and structural ops (never in an inverse, which is primitive): all of it.
        add(op.uid, ALL_FIELDS);
    }
  }
  return into;
}

/**
 * What `tree` holds in the blocks and fields `inverse` (a step's undo) sets: recorded with the
 * step, and again after each undo and redo of it. Redo sets the same fields undo does.
 */
export function leftIn(tree: Tree, inverse: readonly Op[]): Left[] {
  return [...fieldsSetBy(inverse)].map(([uid, fields]) => ({ uid, block: getBlock(tree, uid), fields: [...fields] }));
}

/** What typing `text` into `block` left (the editor's typing steps, recorded without a tree). */
export function typedLeft(block: BlockNode, text: string): Left[] {
  return [{ uid: block.uid, block: { ...block, content: text }, fields: ["content"] }];
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  // Props come back from the server as jsonb, which orders keys its own way: compare by key.
  return keys.length === Object.keys(b).length && keys.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/** Whether every block in `left` still holds, in its fields, what this tab left there. */
export function stillLeft(tree: Tree, left: readonly Left[]): boolean {
  return left.every(({ uid, block, fields }) => {
    const now = getBlock(tree, uid);
    if (!block || !now) return !block && !now;
    return fields.every((field) =>
      field === "content" ? now.content === block.content : field === "props" ? sameValue(now.props, block.props) : now.parent === block.parent && now.order === block.order,
    );
  });
}

/** `older` and `newer` as one step's: per block, the newer state, over the fields of both. */
function mergeLeft(older: readonly Left[] | undefined, newer: readonly Left[] | undefined): Left[] | undefined {
  if (!older || !newer) return newer && [...newer];
  const merged = new Map(older.map((entry) => [entry.uid, entry]));
  for (const entry of newer) {
    const before = merged.get(entry.uid);
    merged.set(entry.uid, before ? { ...entry, fields: [...new Set([...before.fields, ...entry.fields])] } : entry);
  }
  return [...merged.values()];
}

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

/**
 * What a change of `ops` applied in order to `tree` records: the primitive ops they came to
 * there, which redo applies, and the ops that undo them; undefined if one does not apply.
 * Redo never applies a structural op again: on a tree changed since, its intent reaches other
 * blocks (a merge into the block another tab put above, a split of the text they wrote), blocks
 * `left` does not check. Its primitive ops set exactly the blocks and fields the undo sets.
 */
export function changeOf(tree: Tree, ops: readonly Op[]): { ops: PrimitiveOp[]; inverse: Op[] } | undefined {
  const primitives: PrimitiveOp[] = [];
  // invertInOrder hands each op the tree it meets, in order: expand it there as well.
  const inverse = invertInOrder(tree, ops, apply, (op, before) => {
    const expanded = expand(before, op);
    if (!expanded.ok) return undefined;
    primitives.push(...expanded.ops);
    return invert(op, before);
  });
  return inverse && { ops: primitives, inverse };
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
    left: mergeLeft(last.left, step.left),
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

/**
 * What to apply to undo the last step, and where the caret goes; undefined when there is none.
 * `left` is what the undo leaves in the step's blocks (leftIn after applying it): redo checks it.
 */
export function undo(history: History, left?: readonly Left[]): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.done.at(-1);
  if (!step) return undefined;
  return {
    history: { done: history.done.slice(0, -1), undone: [...history.undone, left ? { ...step, left } : step], sealed: true },
    ops: step.inverse,
    caret: step.caretBefore,
  };
}

export function redo(history: History, left?: readonly Left[]): { history: History; ops: Op[]; caret?: Caret } | undefined {
  const step = history.undone.at(-1);
  if (!step) return undefined;
  return {
    history: { done: [...history.done, left ? { ...step, left } : step], undone: history.undone.slice(0, -1), sealed: true },
    ops: step.ops,
    caret: step.caretAfter,
  };
}

/**
 * Forgets the last `count` steps of the done (or undone) list: changed in another tab since,
 * they can no longer be taken back (or redone). The rest of the history stays.
 */
export function forget(history: History, list: "done" | "undone", count: number): History {
  return list === "done"
    ? { ...history, done: history.done.slice(0, -count), sealed: true }
    : { ...history, undone: history.undone.slice(0, -count), sealed: true };
}
