// The block tree's invariants: every parent exists, no cycles, sibling order keys unique and
// well formed. `checkBlockPlacement` guards a single op; `checkTree` checks a whole tree
// (after every op in tests, and on trees read back from the database).
import { generateKeyBetween } from "fractional-indexing";
import { ancestorsOf, childrenOf, compareKeys, getBlock, type BlockNode, type Tree } from "./tree";

export const MAX_ORDER_KEY_LENGTH = 1024;

/** A well-formed fractional-indexing key (the library validates its argument, so ask it). */
export function isValidOrderKey(key: string): boolean {
  if (key.length === 0 || key.length > MAX_ORDER_KEY_LENGTH) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** Why `block` cannot sit where it says in `tree` (ignoring its current place), or undefined. */
export function checkBlockPlacement(tree: Tree, block: BlockNode): string | undefined {
  if (!isValidOrderKey(block.order)) return `Invalid order key "${block.order.slice(0, 40)}" for block ${block.uid}`;
  if (block.parent !== null) {
    if (block.parent === block.uid) return `Block ${block.uid} cannot be its own parent`;
    if (!getBlock(tree, block.parent)) return `Parent ${block.parent} of block ${block.uid} does not exist on this page`;
    if (ancestorsOf(tree, block.parent).includes(block.uid)) {
      return `Moving block ${block.uid} under ${block.parent} would put it inside itself`;
    }
  }
  const sibling = siblingWithKey(tree, block);
  if (sibling !== undefined) return `Order key ${block.order} is already used by sibling ${sibling}`;
  return undefined;
}

/**
 * The first of `block`'s would-be siblings (other than itself) holding its order key. Children
 * lists sort by (order, uid), so a binary search finds the run of equal keys: O(log siblings).
 */
function siblingWithKey(tree: Tree, block: BlockNode): string | undefined {
  const siblings = childrenOf(tree, block.parent);
  let low = 0;
  let high = siblings.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const order = getBlock(tree, siblings[mid] ?? "")?.order;
    if (order === undefined) return siblingWithKeyByScan(tree, siblings, block); // not expected: be safe
    if (compareKeys(order, block.order) < 0) low = mid + 1;
    else high = mid;
  }
  for (let at = low; at < siblings.length; at++) {
    const sibling = siblings[at] ?? "";
    if (getBlock(tree, sibling)?.order !== block.order) return undefined;
    if (sibling !== block.uid) return sibling;
  }
  return undefined;
}

function siblingWithKeyByScan(tree: Tree, siblings: readonly string[], block: BlockNode): string | undefined {
  return siblings.find((sibling) => sibling !== block.uid && getBlock(tree, sibling)?.order === block.order);
}

/** Every broken invariant of `tree`, as readable messages (empty when the tree is sound). */
export function checkTree(tree: Tree): string[] {
  const problems: string[] = [];
  const blocks = [...tree.blocks.values()];
  for (const [uid, block] of tree.blocks) {
    if (uid !== block.uid) problems.push(`Block keyed wrongly: ${block.uid}`);
    if (!isValidOrderKey(block.order)) problems.push(`Invalid order key on ${block.uid}`);
    if (block.parent !== null && !getBlock(tree, block.parent)) problems.push(`Missing parent ${block.parent} of ${block.uid}`);
  }
  // Cycles: walk up from each block; more steps than blocks means a loop.
  for (const block of blocks) {
    const seen = new Set<string>();
    let current: string | null = block.uid;
    while (current !== null) {
      if (seen.has(current)) {
        problems.push(`Cycle through ${block.uid}`);
        break;
      }
      seen.add(current);
      current = getBlock(tree, current)?.parent ?? null;
    }
  }
  const byParent = new Map<string | null, Set<string>>();
  for (const block of blocks) {
    const keys = byParent.get(block.parent) ?? new Set<string>();
    if (keys.has(block.order)) problems.push(`Duplicate order key ${block.order} under ${block.parent ?? "the page"}`);
    keys.add(block.order);
    byParent.set(block.parent, keys);
  }
  return problems;
}
