// Outliner intents (what a key press means) turned into ops on a given tree. Each returns the
// ops and where the caret should go next, or a reason the intent does not apply here.
import { generateKeyBetween } from "fractional-indexing";
import { MAX_CONTENT_LENGTH } from "./limits";
import { applyPrimitives as applyAll, type PrimitiveOp as Op } from "./primitive";
import { childrenOf, getBlock, hasChildren, isCollapsed, visibleOrder, type Tree } from "./tree";

export type Caret = { uid: string; offset: number };
export type Edit = { ok: true; ops: Op[]; caret?: Caret } | { ok: false; reason: string };

function ok(tree: Tree, ops: Op[], caret?: Caret): Edit {
  // Every edit is checked against the real rules before it leaves this module.
  const result = applyAll(tree, ops);
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, ops, caret };
}

/** An order key placing a block among `parent`'s children right after `after` (null: first). */
export function keyAfter(tree: Tree, parent: string | null, after: string | null, ignore?: string): string {
  const siblings = childrenOf(tree, parent).filter((uid) => uid !== ignore);
  const index = after === null ? -1 : siblings.indexOf(after);
  const prev = index >= 0 ? getBlock(tree, siblings[index] ?? "")?.order : undefined;
  const next = getBlock(tree, siblings[index + 1] ?? "")?.order;
  return generateKeyBetween(prev ?? null, next ?? null);
}

/** A key after every current child of `parent`. */
export function keyAtEnd(tree: Tree, parent: string | null, ignore?: string): string {
  const siblings = childrenOf(tree, parent).filter((uid) => uid !== ignore);
  return keyAfter(tree, parent, siblings.at(-1) ?? null, ignore);
}

/** The first block of an empty page. */
export function firstBlock(tree: Tree, uid: string, content = ""): Edit {
  return ok(tree, [{ type: "create", uid, parent: null, order: keyAtEnd(tree, null), content }], { uid, offset: content.length });
}

/**
 * Enter at `offset` in block `uid`: the text before the caret stays, the rest moves to a new
 * block `newUid` below (the first child when the block shows children, as Roam does).
 * At the very start of a non-empty block, an empty block is inserted above instead.
 */
export function split(tree: Tree, uid: string, offset: number, newUid: string): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const at = Math.max(0, Math.min(offset, block.content.length));
  if (at === 0 && block.content.length > 0) {
    const siblings = childrenOf(tree, block.parent);
    const prev = siblings[siblings.indexOf(uid) - 1] ?? null;
    const order = keyAfter(tree, block.parent, prev);
    return ok(tree, [{ type: "create", uid: newUid, parent: block.parent, order, content: "" }], { uid, offset: 0 });
  }
  const before = block.content.slice(0, at);
  const after = block.content.slice(at);
  const intoChildren = hasChildren(tree, uid) && !isCollapsed(block);
  const parent = intoChildren ? uid : block.parent;
  const order = intoChildren ? keyAfter(tree, uid, null) : keyAfter(tree, block.parent, uid);
  const ops: Op[] = [];
  if (after.length > 0) ops.push({ type: "update", uid, content: before });
  ops.push({ type: "create", uid: newUid, parent, order, content: after });
  return ok(tree, ops, { uid: newUid, offset: 0 });
}

/**
 * Enter in a block shown as the root of a view (a linked reference): the text after the caret
 * goes to a new first child, so the new block stays in that view; a collapsed block is opened.
 */
export function splitIntoChild(tree: Tree, uid: string, offset: number, newUid: string): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const at = Math.max(0, Math.min(offset, block.content.length));
  const ops: Op[] = [];
  if (at < block.content.length) ops.push({ type: "update", uid, content: block.content.slice(0, at) });
  if (isCollapsed(block)) ops.push({ type: "setProps", uid, props: { ...block.props, collapsed: false } });
  ops.push({ type: "create", uid: newUid, parent: uid, order: keyAfter(tree, uid, null), content: block.content.slice(at) });
  return ok(tree, ops, { uid: newUid, offset: 0 });
}

/** Tab: the block (with its children) becomes the last child of its previous sibling. */
export function indent(tree: Tree, uid: string, offset: number): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const siblings = childrenOf(tree, block.parent);
  const prev = siblings[siblings.indexOf(uid) - 1];
  if (prev === undefined) return { ok: false, reason: "The first block among its siblings cannot be indented" };
  const ops: Op[] = [{ type: "move", uid, parent: prev, order: keyAtEnd(tree, prev) }];
  const prevBlock = getBlock(tree, prev);
  if (prevBlock && isCollapsed(prevBlock)) ops.push({ type: "setProps", uid: prev, props: { ...prevBlock.props, collapsed: false } });
  return ok(tree, ops, { uid, offset });
}

/**
 * Shift+Tab: the block (with its children) becomes the sibling right after its parent. Its
 * later siblings stay where they are, under the old parent, as Roam keeps them.
 */
export function outdent(tree: Tree, uid: string, offset: number): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  if (block.parent === null) return { ok: false, reason: "A top-level block cannot be outdented" };
  const parent = getBlock(tree, block.parent);
  if (!parent) return { ok: false, reason: `Parent ${block.parent} does not exist` };
  const order = keyAfter(tree, parent.parent, parent.uid);
  return ok(tree, [{ type: "move", uid, parent: parent.parent, order }], { uid, offset });
}

/** The block shown just before `uid`, if any. */
export function previousVisible(tree: Tree, uid: string): string | undefined {
  const order = visibleOrder(tree);
  const index = order.indexOf(uid);
  return index > 0 ? order[index - 1] : undefined;
}

export function nextVisible(tree: Tree, uid: string): string | undefined {
  const order = visibleOrder(tree);
  const index = order.indexOf(uid);
  return index >= 0 ? order[index + 1] : undefined;
}

/**
 * Backspace at the start of `uid`. An empty block without children is removed and the caret
 * goes to the end of the block above. Otherwise the block merges into the block above: its
 * text is appended there (caret at the seam) and its children follow it.
 */
export function backspaceAtStart(tree: Tree, uid: string): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const prevUid = previousVisible(tree, uid);
  const prev = prevUid === undefined ? undefined : getBlock(tree, prevUid);
  if (!prev) {
    return { ok: false, reason: "Nothing above to merge into" };
  }
  if (block.content === "" && !hasChildren(tree, uid)) {
    return ok(tree, [{ type: "delete", uid }], { uid: prev.uid, offset: prev.content.length });
  }
  if (prev.content.length + block.content.length > MAX_CONTENT_LENGTH) {
    // The server refuses longer blocks: merging would make one that can never be saved.
    return { ok: false, reason: `Merged, the block would be longer than ${MAX_CONTENT_LENGTH.toLocaleString("en-US")} characters` };
  }
  if (hasChildren(tree, prev.uid) && prev.uid !== block.parent) {
    // The block above has (collapsed) children of its own: merging would scramble them.
    return { ok: false, reason: "The block above has hidden children" };
  }
  const ops: Op[] = [{ type: "update", uid: prev.uid, content: prev.content + block.content }];
  let last: string | null = prev.uid === block.parent ? uid : (childrenOf(tree, prev.uid).at(-1) ?? null);
  let working = tree;
  for (const child of childrenOf(tree, uid)) {
    const order = keyAfter(working, prev.uid, last, child);
    const move: Op = { type: "move", uid: child, parent: prev.uid, order };
    ops.push(move);
    const applied = applyAll(working, [move]);
    if (!applied.ok) return { ok: false, reason: applied.reason };
    working = applied.tree;
    last = child;
  }
  ops.push({ type: "delete", uid });
  return ok(tree, ops, { uid: prev.uid, offset: prev.content.length });
}

/** Delete at the end of `uid`: the next visible block merges into it (caret stays at the seam). */
export function deleteAtEnd(tree: Tree, uid: string): Edit {
  const next = nextVisible(tree, uid);
  if (next === undefined) return { ok: false, reason: "Nothing below to merge in" };
  return backspaceAtStart(tree, next);
}

/**
 * Alt+Shift+↑: the block (with its children) moves above its previous sibling. A first child
 * keeps its depth by moving to the end of the children of its parent's previous sibling, and
 * leaves its parent (to just before it) when there is none.
 */
export function moveUp(tree: Tree, uid: string, offset: number): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const siblings = childrenOf(tree, block.parent);
  const index = siblings.indexOf(uid);
  const prev = siblings[index - 1];
  if (prev !== undefined) {
    const order = keyAfter(tree, block.parent, siblings[index - 2] ?? null, uid);
    return ok(tree, [{ type: "move", uid, parent: block.parent, order }], { uid, offset });
  }
  if (block.parent === null) return { ok: false, reason: "Already the first block" };
  const parent = getBlock(tree, block.parent);
  if (!parent) return { ok: false, reason: `Parent ${block.parent} does not exist` };
  const uncles = childrenOf(tree, parent.parent);
  const uncle = uncles[uncles.indexOf(parent.uid) - 1];
  if (uncle !== undefined) {
    return ok(tree, withExpanded(tree, uncle, [{ type: "move", uid, parent: uncle, order: keyAtEnd(tree, uncle, uid) }]), { uid, offset });
  }
  const order = keyAfter(tree, parent.parent, uncles[uncles.indexOf(parent.uid) - 1] ?? null);
  return ok(tree, [{ type: "move", uid, parent: parent.parent, order }], { uid, offset });
}

/** Alt+Shift+↓: the mirror of moveUp. */
export function moveDown(tree: Tree, uid: string, offset: number): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  const siblings = childrenOf(tree, block.parent);
  const index = siblings.indexOf(uid);
  const next = siblings[index + 1];
  if (next !== undefined) {
    const order = keyAfter(tree, block.parent, next, uid);
    return ok(tree, [{ type: "move", uid, parent: block.parent, order }], { uid, offset });
  }
  if (block.parent === null) return { ok: false, reason: "Already the last block" };
  const parent = getBlock(tree, block.parent);
  if (!parent) return { ok: false, reason: `Parent ${block.parent} does not exist` };
  const uncles = childrenOf(tree, parent.parent);
  const uncle = uncles[uncles.indexOf(parent.uid) + 1];
  if (uncle !== undefined) {
    return ok(tree, withExpanded(tree, uncle, [{ type: "move", uid, parent: uncle, order: keyAfter(tree, uncle, null, uid) }]), { uid, offset });
  }
  return ok(tree, [{ type: "move", uid, parent: parent.parent, order: keyAfter(tree, parent.parent, parent.uid) }], { uid, offset });
}

/** Ops plus, first, expanding `uid` if it is collapsed (a block moved into it must stay visible). */
function withExpanded(tree: Tree, uid: string, ops: Op[]): Op[] {
  const block = getBlock(tree, uid);
  if (!block || !isCollapsed(block)) return ops;
  return [{ type: "setProps", uid, props: { ...block.props, collapsed: false } }, ...ops];
}

/** Ctrl+↑ / Ctrl+↓: collapse or expand a block that has children. */
export function setCollapsed(tree: Tree, uid: string, collapsed: boolean): Edit {
  const block = getBlock(tree, uid);
  if (!block) return { ok: false, reason: `Block ${uid} does not exist` };
  if (!hasChildren(tree, uid)) return { ok: false, reason: "Only a block with children collapses" };
  if (isCollapsed(block) === collapsed) return { ok: false, reason: collapsed ? "Already collapsed" : "Already expanded" };
  const props = { ...block.props };
  if (collapsed) props.collapsed = true;
  else delete props.collapsed;
  return ok(tree, [{ type: "setProps", uid, props }]);
}
