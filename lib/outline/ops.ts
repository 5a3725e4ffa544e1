// Every change to a block tree is an Op: plain, serialisable data. `apply` is the one way a
// tree changes, on the client and on the server alike; `invert` gives the op that undoes one.
// Besides the primitive ops (primitive.ts), the outliner's structural edits are ops of their
// own — split, merge, indent, outdent — that expand, on the tree they meet, into primitive ops
// by the same rules as the keys (edits.ts). The server re-applies the intent to its own tree,
// so an indent means "under the block above" there too. Undoing an op is a batch of primitive
// ops that restores the exact tree before it.
import { backspaceAtStart, indent, outdent, split, type Edit } from "./edits";
import {
  applyInOrder,
  applyPrimitive,
  applyPrimitives,
  invertInOrder,
  invertPrimitive,
  type ApplyResult,
  type PrimitiveOp,
} from "./primitive";
import type { Tree } from "./tree";

export type { ApplyResult, CreateOp, DeleteOp, MoveOp, PrimitiveOp, SetPropsOp, UpdateOp } from "./primitive";

/** Enter at text offset `offset` of `uid`; the new block is `newUid`. */
export type SplitOp = { type: "split"; uid: string; offset: number; newUid: string };
/** `uid` merges into the block above it (Backspace at its start; Delete at the end of the one above). */
export type MergeOp = { type: "merge"; uid: string };
export type IndentOp = { type: "indent"; uid: string };
export type OutdentOp = { type: "outdent"; uid: string };
/** Several ops as one (what `invert` gives for a structural op). */
export type BatchOp = { type: "batch"; ops: Op[] };

export type StructuralOp = SplitOp | MergeOp | IndentOp | OutdentOp;
export type Op = PrimitiveOp | StructuralOp | BatchOp;

/** The primitive ops `op` comes to on `tree`, or why it cannot apply there. */
export function expand(tree: Tree, op: Op): { ok: true; ops: PrimitiveOp[] } | { ok: false; reason: string } {
  const fromEdit = (edit: Edit) => (edit.ok ? { ok: true as const, ops: edit.ops } : edit);
  switch (op.type) {
    case "split":
      return fromEdit(split(tree, op.uid, op.offset, op.newUid));
    case "merge":
      return fromEdit(backspaceAtStart(tree, op.uid));
    case "indent":
      return fromEdit(indent(tree, op.uid, 0));
    case "outdent":
      return fromEdit(outdent(tree, op.uid, 0));
    case "batch": {
      const ops: PrimitiveOp[] = [];
      let current = tree;
      for (const inner of op.ops) {
        const expanded = expand(current, inner);
        if (!expanded.ok) return expanded;
        const applied = applyPrimitives(current, expanded.ops);
        if (!applied.ok) return applied;
        ops.push(...expanded.ops);
        current = applied.tree;
      }
      return { ok: true, ops };
    }
    default:
      return { ok: true, ops: [op] };
  }
}

export function apply(tree: Tree, op: Op): ApplyResult {
  switch (op.type) {
    case "create":
    case "update":
    case "move":
    case "delete":
    case "setProps":
      return applyPrimitive(tree, op);
    default: {
      const expanded = expand(tree, op);
      return expanded.ok ? applyPrimitives(tree, expanded.ops) : expanded;
    }
  }
}

/** Applies ops in order; stops at the first that cannot apply, naming it. */
export function applyAll(tree: Tree, ops: readonly Op[]): ApplyResult & { failedAt?: number } {
  return applyInOrder(tree, ops, apply);
}

/**
 * The op that undoes `op`, given the tree it was applied to: a primitive op for a primitive
 * one, a batch of primitive ops for the others. Undefined if `op` could not apply there.
 */
export function invert(op: Op, before: Tree): Op | undefined {
  switch (op.type) {
    case "create":
    case "update":
    case "move":
    case "delete":
    case "setProps":
      return invertPrimitive(op, before);
    default: {
      const expanded = expand(before, op);
      const inverses = expanded.ok ? invertInOrder(before, expanded.ops, applyPrimitive, invertPrimitive) : undefined;
      return inverses && { type: "batch", ops: inverses };
    }
  }
}

/** The blocks an op touches by uid (for messages and checks). */
export function opUids(op: Op): string[] {
  switch (op.type) {
    case "batch":
      return op.ops.flatMap(opUids);
    case "split":
      return [op.uid, op.newUid];
    default:
      return [op.uid];
  }
}
