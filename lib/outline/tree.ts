// A page's block tree as plain data. Blocks are kept flat, keyed by uid, each naming its
// parent and its fractional order key among siblings; children lists are derived (and cached
// per tree object, since trees are never mutated).

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
  return index;
}

function removeFrom(list: readonly string[] | undefined, uid: string): string[] {
  return (list ?? []).filter((item) => item !== uid);
}

function insertSorted(tree: Tree, list: readonly string[] | undefined, block: BlockNode): string[] {
  const result = [...(list ?? [])];
  let low = 0;
  let high = result.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = tree.blocks.get(result[mid] ?? "");
    if (other && compareSiblings(other, block) < 0) low = mid + 1;
    else high = mid;
  }
  result.splice(low, 0, block.uid);
  return result;
}

/** `tree` with `block` added or replaced. */
export function withBlock(tree: Tree, block: BlockNode): Tree {
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

/** `tree` without block `uid` (its children, if any, are the caller's business). */
export function withoutBlock(tree: Tree, uid: string): Tree {
  const before = tree.blocks.get(uid);
  if (!before) return tree;
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
