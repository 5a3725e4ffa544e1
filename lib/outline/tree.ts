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

export type Tree = { readonly blocks: Readonly<Record<string, BlockNode>> };

export const emptyTree: Tree = { blocks: {} };

export function treeOf(blocks: readonly BlockNode[]): Tree {
  const record: Record<string, BlockNode> = {};
  for (const block of blocks) record[block.uid] = block;
  return { blocks: record };
}

/** Bytewise order, the same as PostgreSQL's COLLATE "C" on the order column. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const childIndexCache = new WeakMap<Tree, Map<string | null, readonly string[]>>();

function childIndex(tree: Tree): Map<string | null, readonly string[]> {
  let index = childIndexCache.get(tree);
  if (index) return index;
  const lists = new Map<string | null, BlockNode[]>();
  for (const block of Object.values(tree.blocks)) {
    const list = lists.get(block.parent);
    if (list) list.push(block);
    else lists.set(block.parent, [block]);
  }
  index = new Map();
  for (const [parent, list] of lists) {
    list.sort((a, b) => compareKeys(a.order, b.order) || compareKeys(a.uid, b.uid));
    index.set(parent, list.map((block) => block.uid));
  }
  childIndexCache.set(tree, index);
  return index;
}

export function getBlock(tree: Tree, uid: string): BlockNode | undefined {
  return Object.prototype.hasOwnProperty.call(tree.blocks, uid) ? tree.blocks[uid] : undefined;
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
  while (current !== null && result.length <= Object.keys(tree.blocks).length) {
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
