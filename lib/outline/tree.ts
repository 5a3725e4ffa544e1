// A page's block tree as plain data. Blocks are kept flat, keyed by uid, each naming its
// parent and its fractional order key among siblings; children lists are derived (and cached
// per tree object, since trees are never mutated once anyone else can see them: a batch of ops
// changes its own private working copy in place, see `workingCopy`).

export type BlockProps = Readonly<Record<string, unknown>>;

export type BlockNode = {
  readonly uid: string;
  /** uid of the parent block; null for a top-level block of the page. */
  readonly parent: string | null;
  /** Fractional-index key; siblings sort by plain string comparison (bytewise). */
  readonly order: string;
  readonly content: string;
  readonly props: BlockProps;
};

export type Tree = { readonly blocks: ReadonlyMap<string, BlockNode> };

export const emptyTree: Tree = { blocks: new Map() };

export function treeOf(blocks: Iterable<BlockNode>): Tree {
  const map = new Map<string, BlockNode>();
  for (const block of blocks) map.set(block.uid, block);
  return { blocks: map };
}

/** Bytewise order, the same as PostgreSQL's COLLATE "C" on the order column. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSiblings(a: BlockNode, b: BlockNode): number {
  return compareKeys(a.order, b.order) || compareKeys(a.uid, b.uid);
}

type ChildIndex = Map<string | null, readonly string[]>;

// Children lists per tree object. A tree made by withBlock/withoutBlock from one that has an
// index gets its own by patching the one or two lists that changed, so a keystroke or an
// Enter on a 10,000-block page never re-sorts the whole page.
const childIndexCache = new WeakMap<Tree, ChildIndex>();

// Working copies (see `workingCopy`): trees that withBlock/withoutBlock change in place instead
// of copying. Each records which parts it may change: its blocks map always (it made it), its
// children index and the lists in it only once it made them itself (copy on first write), as
// until then they are shared with the tree it was copied from.
type Owner = { index: ChildIndex | undefined; lists: Set<readonly string[]> };
const owners = new WeakMap<Tree, Owner>();

/**
 * A private copy of `tree` that withBlock/withoutBlock change in place and return, until
 * `releaseWorkingCopy`: one copy of the block map for a whole batch of ops instead of one per
 * op. For primitive.ts's applyInOrder/invertInOrder: whoever holds a working copy sees it
 * change, so it must never reach code that keeps trees. Copying does not change `tree` (when
 * `tree` is itself a working copy, it stops patching the children lists it now shares).
 */
export function workingCopy(tree: Tree): Tree {
  const copy: Tree = { blocks: new Map(tree.blocks) };
  const index = childIndexCache.get(tree);
  if (index) {
    // Shared until the copy first changes it; a working copy shared from stops changing it in place.
    childIndexCache.set(copy, index);
    if (owners.has(tree)) owners.set(tree, { index: undefined, lists: new Set() });
  }
  owners.set(copy, { index: undefined, lists: new Set() });
  return copy;
}

/** `tree` stops being a working copy: from now on it is as immutable as any other tree. */
export function releaseWorkingCopy(tree: Tree): void {
  owners.delete(tree);
}

/** Whether `tree` is a working copy (changed in place by withBlock/withoutBlock). */
export function isWorkingCopy(tree: Tree): boolean {
  return owners.has(tree);
}

function childIndex(tree: Tree): ChildIndex {
  let index = childIndexCache.get(tree);
  if (index) return index;
  const lists = new Map<string | null, BlockNode[]>();
  for (const block of tree.blocks.values()) {
    const list = lists.get(block.parent);
    if (list) list.push(block);
    else lists.set(block.parent, [block]);
  }
  index = new Map();
  for (const [parent, list] of lists) {
    list.sort(compareSiblings);
    index.set(parent, list.map((block) => block.uid));
  }
  childIndexCache.set(tree, index);
  const owner = owners.get(tree);
  if (owner) {
    // Built for this working copy alone: it may patch the index and its lists in place.
    owner.index = index;
    for (const list of index.values()) owner.lists.add(list);
  }
  return index;
}

/** Where `block` goes in sorted `list` (the first place whose block does not sort before it). */
function sortedPosition(blocks: ReadonlyMap<string, BlockNode>, list: readonly string[], block: BlockNode): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = blocks.get(list[mid] ?? "");
    if (other && compareSiblings(other, block) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function removeFrom(list: readonly string[] | undefined, uid: string): string[] {
  return (list ?? []).filter((item) => item !== uid);
}

function insertSorted(tree: Tree, list: readonly string[] | undefined, block: BlockNode): string[] {
  const result = [...(list ?? [])];
  result.splice(sortedPosition(tree.blocks, result, block), 0, block.uid);
  return result;
}

/** The children list of `parent` in working copy `tree`'s index, made its own to change in place. */
function ownList(index: ChildIndex, owner: Owner, parent: string | null): string[] {
  const list = index.get(parent);
  if (list && owner.lists.has(list)) return list as string[];
  const mine = list ? [...list] : [];
  index.set(parent, mine);
  owner.lists.add(mine);
  return mine;
}

/** Working copy `tree`'s children index, made its own to change in place (undefined: none yet). */
function ownIndex(tree: Tree, owner: Owner): ChildIndex | undefined {
  const index = childIndexCache.get(tree);
  if (!index || owner.index === index) return index;
  const mine: ChildIndex = new Map(index);
  childIndexCache.set(tree, mine);
  owner.index = mine;
  return mine;
}

/** Takes `block` (as `tree` has it now) out of its parent's list in working copy `tree`'s index. */
function removeInPlace(tree: Tree, index: ChildIndex, owner: Owner, block: BlockNode): void {
  const list = ownList(index, owner, block.parent);
  let at = sortedPosition(tree.blocks, list, block);
  if (list[at] !== block.uid) at = list.indexOf(block.uid);
  if (at >= 0) list.splice(at, 1);
}

/** `tree` with `block` added or replaced. A working copy is changed in place and returned. */
export function withBlock(tree: Tree, block: BlockNode): Tree {
  const owner = owners.get(tree);
  if (owner) {
    const before = tree.blocks.get(block.uid);
    const moved = !(before && before.parent === block.parent && before.order === block.order);
    const index = moved ? ownIndex(tree, owner) : undefined;
    if (index && before) removeInPlace(tree, index, owner, before);
    (tree.blocks as Map<string, BlockNode>).set(block.uid, block);
    if (index) {
      const list = ownList(index, owner, block.parent);
      list.splice(sortedPosition(tree.blocks, list, block), 0, block.uid);
    }
    return tree;
  }
  const blocks = new Map(tree.blocks);
  blocks.set(block.uid, block);
  const next: Tree = { blocks };
  const index = childIndexCache.get(tree);
  if (index) {
    const before = tree.blocks.get(block.uid);
    if (before && before.parent === block.parent && before.order === block.order) {
      childIndexCache.set(next, index);
    } else {
      const patched = new Map(index);
      if (before) patched.set(before.parent, removeFrom(patched.get(before.parent), block.uid));
      patched.set(block.parent, insertSorted(next, patched.get(block.parent), block));
      childIndexCache.set(next, patched);
    }
  }
  return next;
}

/**
 * `tree` without block `uid` (its children, if any, are the caller's business). A working copy
 * is changed in place and returned.
 */
export function withoutBlock(tree: Tree, uid: string): Tree {
  const before = tree.blocks.get(uid);
  if (!before) return tree;
  const owner = owners.get(tree);
  if (owner) {
    const index = ownIndex(tree, owner);
    if (index) {
      removeInPlace(tree, index, owner, before);
      index.delete(uid);
    }
    (tree.blocks as Map<string, BlockNode>).delete(uid);
    return tree;
  }
  const blocks = new Map(tree.blocks);
  blocks.delete(uid);
  const next: Tree = { blocks };
  const index = childIndexCache.get(tree);
  if (index) {
    const patched = new Map(index);
    patched.set(before.parent, removeFrom(patched.get(before.parent), uid));
    patched.delete(uid);
    childIndexCache.set(next, patched);
  }
  return next;
}

export function getBlock(tree: Tree, uid: string): BlockNode | undefined {
  return tree.blocks.get(uid);
}

export function blockCount(tree: Tree): number {
  return tree.blocks.size;
}

/** uids of the children of `parent` (null: the top level), in order. */
export function childrenOf(tree: Tree, parent: string | null): readonly string[] {
  return childIndex(tree).get(parent) ?? [];
}

export function hasChildren(tree: Tree, uid: string): boolean {
  return childrenOf(tree, uid).length > 0;
}

export function isCollapsed(block: BlockNode): boolean {
  return block.props.collapsed === true;
}

/** Ancestors of a block, nearest first. */
export function ancestorsOf(tree: Tree, uid: string): string[] {
  const result: string[] = [];
  let current = getBlock(tree, uid)?.parent ?? null;
  while (current !== null && result.length <= tree.blocks.size) {
    result.push(current);
    current = getBlock(tree, current)?.parent ?? null;
  }
  return result;
}

export function depthOf(tree: Tree, uid: string): number {
  return ancestorsOf(tree, uid).length;
}

/** Every block below `uid` (not itself), depth first in document order. */
export function descendantsOf(tree: Tree, uid: string): string[] {
  const result: string[] = [];
  const walk = (parent: string) => {
    for (const child of childrenOf(tree, parent)) {
      result.push(child);
      walk(child);
    }
  };
  walk(uid);
  return result;
}

/** Blocks in document order, skipping the children of collapsed blocks: what the eye sees. */
export function visibleOrder(tree: Tree): string[] {
  const result: string[] = [];
  const walk = (parent: string | null) => {
    for (const uid of childrenOf(tree, parent)) {
      result.push(uid);
      const block = getBlock(tree, uid);
      if (block && !isCollapsed(block)) walk(uid);
    }
  };
  walk(null);
  return result;
}
