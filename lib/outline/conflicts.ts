// Deletes that meet someone else's edit. Two rules make "a delete never loses an edit":
//
// - An edit that arrives for a block already deleted (a tab that had not seen the delete)
//   brings the block back: `revivalOps` makes the creates that put it, the deleted ancestors
//   it needs and its own deleted children back where they were.
// - A delete that arrives after someone else changed the block, or something under it, since
//   the deleting tab last heard from the server does not delete what changed: `keptByEdits`
//   names the blocks that stay (the changed blocks, what lies under them, and the ancestors
//   they need).
//
// Both are pure: the server (lib/server/ops.ts) loads the tombstones and the recent edits.
import { generateKeyBetween } from "fractional-indexing";
import { keyAtEnd } from "./edits";
import type { CreateOp } from "./primitive";
import { childrenOf, getBlock, type BlockProps, type Tree } from "./tree";

/** A deleted block as it was when deleted. Blocks deleted by one batch share a `batchId`. */
export type Tombstone = {
  uid: string;
  parentUid: string | null;
  order: string;
  content: string;
  props: BlockProps;
  batchId: string;
};

/** A key at `order` among `parent`'s children, or just after the sibling already there. */
function freeKey(tree: Tree, parent: string | null, order: string): string {
  const siblings = childrenOf(tree, parent);
  const index = siblings.findIndex((uid) => getBlock(tree, uid)?.order === order);
  if (index < 0) return order;
  const next = siblings[index + 1];
  return generateKeyBetween(order, next === undefined ? null : (getBlock(tree, next)?.order ?? null));
}

/** Where the outermost block of a revival goes: its old place, or that of its nearest placed ancestor. */
function placement(tree: Tree, tombstones: ReadonlyMap<string, Tombstone>, top: Tombstone): { parent: string | null; order: string } {
  let current = top;
  const seen = new Set<string>();
  while (current.parentUid !== null && !getBlock(tree, current.parentUid)) {
    const above = tombstones.get(current.parentUid);
    if (!above || seen.has(above.uid)) return { parent: null, order: keyAtEnd(tree, null) };
    seen.add(above.uid);
    current = above;
  }
  return { parent: current.parentUid, order: freeKey(tree, current.parentUid, current.order) };
}

/**
 * The creates that bring deleted block `uid` back on `tree`: the deleted ancestors deleted with
 * it (by the same batch), the block, and its children deleted with it, parents first. An
 * ancestor deleted earlier, separately, stays deleted: the block takes its place. Undefined when
 * there is no tombstone for `uid`.
 */
export function revivalOps(tree: Tree, tombstones: ReadonlyMap<string, Tombstone>, uid: string): CreateOp[] | undefined {
  const target = tombstones.get(uid);
  if (!target || getBlock(tree, uid)) return undefined;
  const chain = [target];
  for (let top = target; top.parentUid !== null && !getBlock(tree, top.parentUid); ) {
    const above = tombstones.get(top.parentUid);
    if (!above || above.batchId !== target.batchId || chain.includes(above)) break;
    chain.unshift(above);
    top = above;
  }
  const [top, ...rest] = chain as [Tombstone, ...Tombstone[]];
  const where = placement(tree, tombstones, top);
  const create = (stone: Tombstone, parent: string | null, order: string): CreateOp => ({
    type: "create",
    uid: stone.uid,
    parent,
    order,
    content: stone.content,
    props: stone.props,
  });
  const ops = [create(top, where.parent, where.order), ...rest.map((stone) => create(stone, stone.parentUid, stone.order))];

  // The block's own children deleted with it, breadth first (parents before children).
  const childrenByParent = new Map<string, Tombstone[]>();
  for (const stone of tombstones.values()) {
    if (stone.parentUid === null || stone.batchId !== target.batchId) continue;
    childrenByParent.set(stone.parentUid, [...(childrenByParent.get(stone.parentUid) ?? []), stone]);
  }
  const placed = new Set(chain.map((stone) => stone.uid));
  const queue = [uid];
  for (let parent = queue.shift(); parent !== undefined; parent = queue.shift()) {
    for (const child of childrenByParent.get(parent) ?? []) {
      if (placed.has(child.uid) || getBlock(tree, child.uid)) continue;
      placed.add(child.uid);
      ops.push(create(child, parent, child.order));
      queue.push(child.uid);
    }
  }
  return ops;
}

/**
 * Which of the blocks a batch deletes stay, because someone else changed them (`edited`: uids
 * others created, changed or moved since the deleting tab last heard from the server): each
 * such block with everything under it, and its ancestors up to the outermost deleted one.
 * `deleting` is every uid the batch deletes on this page; `tree` is the page before the batch.
 */
export function keptByEdits(tree: Tree, deleting: ReadonlySet<string>, edited: ReadonlySet<string>): Set<string> {
  const kept = new Set<string>();
  const keepUnder = (uid: string) => {
    for (const child of childrenOf(tree, uid)) {
      if (!deleting.has(child) || kept.has(child)) continue;
      kept.add(child);
      keepUnder(child);
    }
  };
  for (const uid of deleting) {
    if (!edited.has(uid) || !getBlock(tree, uid)) continue;
    kept.add(uid);
    keepUnder(uid);
    for (let parent = getBlock(tree, uid)?.parent ?? null; parent !== null && deleting.has(parent); parent = getBlock(tree, parent)?.parent ?? null) {
      kept.add(parent);
    }
  }
  return kept;
}
