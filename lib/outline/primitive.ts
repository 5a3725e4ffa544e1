// The primitive ops every change comes down to: create, update text, move, delete, set props.
// The outliner's own ops (split, merge, indent, outdent: ops.ts) expand into these on the tree
// they meet. Ops that cannot apply are a value ({ ok: false, reason }), never an exception.
import { checkBlockPlacement } from "./check";
import { getBlock, hasChildren, withBlock, withoutBlock, type BlockNode, type BlockProps, type Tree } from "./tree";

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

/** Applies `ops` in order with `applyOne`; stops at the first that cannot apply, naming it. */
export function applyInOrder<O>(tree: Tree, ops: readonly O[], applyOne: (tree: Tree, op: O) => ApplyResult): ApplyResult & { failedAt?: number } {
  let current = tree;
  for (const [index, op] of ops.entries()) {
    const result = applyOne(current, op);
    if (!result.ok) return { ...result, failedAt: index };
    current = result.tree;
  }
  return { ok: true, tree: current };
}

/**
 * The ops that undo `ops` applied in order to `tree` (last first), each inverted on the tree it
 * met; undefined if one does not apply.
 */
export function invertInOrder<O>(
  tree: Tree,
  ops: readonly O[],
  applyOne: (tree: Tree, op: O) => ApplyResult,
  invertOne: (op: O, before: Tree) => O | undefined,
): O[] | undefined {
  const inverses: O[] = [];
  let current = tree;
  for (const op of ops) {
    const inverse = invertOne(op, current);
    const result = applyOne(current, op);
    if (inverse === undefined || !result.ok) return undefined;
    inverses.push(inverse);
    current = result.tree;
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
