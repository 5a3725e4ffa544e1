// The primitive ops every change comes down to: create, update text, move, delete, set props.
// The outliner's own ops (split, merge, indent, outdent: ops.ts) expand into these on the tree
// they meet. Ops that cannot apply are a value ({ ok: false, reason }), never an exception.
import { checkBlockPlacement } from "./check";
import {
  getBlock,
  hasChildren,
  isWorkingCopy,
  releaseWorkingCopy,
  withBlock,
  withoutBlock,
  workingCopy,
  type BlockNode,
  type BlockProps,
  type Tree,
} from "./tree";

export type CreateOp = {
  type: "create";
  uid: string;
  parent: string | null;
  order: string;
  content: string;
  props?: BlockProps;
};
export type UpdateOp = { type: "update"; uid: string; content: string };
export type MoveOp = { type: "move"; uid: string; parent: string | null; order: string };
/** Deletes one block without children; a subtree is deleted leaves first (see edits.ts). */
export type DeleteOp = { type: "delete"; uid: string };
export type SetPropsOp = { type: "setProps"; uid: string; props: BlockProps };

export type PrimitiveOp = CreateOp | UpdateOp | MoveOp | DeleteOp | SetPropsOp;

export type ApplyResult = { ok: true; tree: Tree } | { ok: false; reason: string };

function fail(reason: string): ApplyResult {
  return { ok: false, reason };
}

export function applyPrimitive(tree: Tree, op: PrimitiveOp): ApplyResult {
  switch (op.type) {
    case "create": {
      if (getBlock(tree, op.uid)) return fail(`Block ${op.uid} already exists`);
      const block: BlockNode = {
        uid: op.uid,
        parent: op.parent,
        order: op.order,
        content: op.content,
        props: op.props ?? {},
      };
      const problem = checkBlockPlacement(tree, block);
      if (problem) return fail(problem);
      return { ok: true, tree: withBlock(tree, block) };
    }
    case "update": {
      const block = getBlock(tree, op.uid);
      if (!block) return fail(`Block ${op.uid} does not exist`);
      return { ok: true, tree: withBlock(tree, { ...block, content: op.content }) };
    }
    case "setProps": {
      const block = getBlock(tree, op.uid);
      if (!block) return fail(`Block ${op.uid} does not exist`);
      return { ok: true, tree: withBlock(tree, { ...block, props: op.props }) };
    }
    case "move": {
      const block = getBlock(tree, op.uid);
      if (!block) return fail(`Block ${op.uid} does not exist`);
      const moved: BlockNode = { ...block, parent: op.parent, order: op.order };
      const problem = checkBlockPlacement(tree, moved);
      if (problem) return fail(problem);
      return { ok: true, tree: withBlock(tree, moved) };
    }
    case "delete": {
      if (!getBlock(tree, op.uid)) return fail(`Block ${op.uid} does not exist`);
      if (hasChildren(tree, op.uid)) return fail(`Block ${op.uid} still has children`);
      return { ok: true, tree: withoutBlock(tree, op.uid) };
    }
  }
}

/**
 * The private working copies (tree.ts `workingCopy`) one batch of ops changes in place: one
 * copy of the page's block map per batch instead of one per op. `own(t)` is `t` itself when it
 * is one of this batch's copies, else a new copy of it (the input tree, or a tree a structural
 * op returned: applyPrimitives builds that on a copy of its own, released when it returns).
 * `done()` releases them all: the trees handed back to callers are immutable like any other.
 */
function batchCopies(): { own: (tree: Tree) => Tree; done: () => void } {
  const copies = new Set<Tree>();
  return {
    own(tree) {
      if (copies.has(tree)) return tree;
      const copy = workingCopy(tree);
      copies.add(copy);
      return copy;
    },
    done() {
      for (const copy of copies) releaseWorkingCopy(copy);
    },
  };
}

/**
 * Applies `ops` in order with `applyOne`; stops at the first that cannot apply, naming it.
 * `tree` is never changed, nor is any tree returned here changed later.
 *
 * With two ops or more (or when `tree` is itself a working copy), `applyOne` is handed this
 * batch's working copy, which withBlock/withoutBlock change in place. So `applyOne` must not
 * keep the tree it gets (it changes with the next op), and every withBlock/withoutBlock it makes
 * on it is part of its result, even when it then fails (a trial goes through applyPrimitives,
 * which works on a copy of its own: that is how structural ops validate their expansion).
 */
export function applyInOrder<O>(tree: Tree, ops: readonly O[], applyOne: (tree: Tree, op: O) => ApplyResult): ApplyResult & { failedAt?: number } {
  if (ops.length <= 1 && !isWorkingCopy(tree)) {
    // Zero or one op: withBlock copies anyway (and nothing is gained by copying first).
    if (ops.length === 0) return { ok: true, tree };
    const result = applyOne(tree, ops[0] as O);
    return result.ok ? { ok: true, tree: result.tree } : { ...result, failedAt: 0 };
  }
  const copies = batchCopies();
  try {
    let current = copies.own(tree);
    for (const [index, op] of ops.entries()) {
      const result = applyOne(current, op);
      if (!result.ok) return { ...result, failedAt: index };
      // The last op's tree is returned as it is: no need to own it.
      current = index < ops.length - 1 ? copies.own(result.tree) : result.tree;
    }
    return { ok: true, tree: current };
  } finally {
    copies.done();
  }
}

/**
 * The ops that undo `ops` applied in order to `tree` (last first), each inverted on the tree it
 * met; undefined if one does not apply. Works on a working copy like applyInOrder: each inverse
 * is computed before its op changes the copy, so `invertOne` must return plain data, nothing
 * that reads `before` later.
 */
export function invertInOrder<O>(
  tree: Tree,
  ops: readonly O[],
  applyOne: (tree: Tree, op: O) => ApplyResult,
  invertOne: (op: O, before: Tree) => O | undefined,
): O[] | undefined {
  const copies = batchCopies();
  const inverses: O[] = [];
  try {
    const inPlace = ops.length > 1 || isWorkingCopy(tree);
    let current = inPlace ? copies.own(tree) : tree;
    for (const [index, op] of ops.entries()) {
      const inverse = invertOne(op, current);
      const result = applyOne(current, op);
      if (inverse === undefined || !result.ok) return undefined;
      inverses.push(inverse);
      current = inPlace && index < ops.length - 1 ? copies.own(result.tree) : result.tree;
    }
  } finally {
    copies.done();
  }
  return inverses.reverse();
}

/** Applies primitive ops in order; stops at the first that cannot apply, naming it. */
export function applyPrimitives(tree: Tree, ops: readonly PrimitiveOp[]): ApplyResult & { failedAt?: number } {
  return applyInOrder(tree, ops, applyPrimitive);
}

/** The op that undoes `op`, given the tree it was applied to. Undefined if `op` could not apply there. */
export function invertPrimitive(op: PrimitiveOp, before: Tree): PrimitiveOp | undefined {
  switch (op.type) {
    case "create":
      return { type: "delete", uid: op.uid };
    case "delete": {
      const block = getBlock(before, op.uid);
      if (!block) return undefined;
      return { type: "create", uid: block.uid, parent: block.parent, order: block.order, content: block.content, props: block.props };
    }
    case "update": {
      const block = getBlock(before, op.uid);
      return block && { type: "update", uid: op.uid, content: block.content };
    }
    case "setProps": {
      const block = getBlock(before, op.uid);
      return block && { type: "setProps", uid: op.uid, props: block.props };
    }
    case "move": {
      const block = getBlock(before, op.uid);
      return block && { type: "move", uid: op.uid, parent: block.parent, order: block.order };
    }
  }
}
