// Which blocks of a page a reference group shows: every referencing block, in reading order,
// except one inside another referencing block (it shows there, among that block's children),
// so no block appears, or is edited, twice in one group.
import { ancestorsOf, childrenOf, type Tree } from "../outline/tree";

export function referenceRoots(tree: Tree, uids: Iterable<string>): string[] {
  const wanted = new Set<string>();
  for (const uid of uids) if (tree.blocks.has(uid)) wanted.add(uid);
  const roots: string[] = [];
  // A walk in document order visits each block once; refs under a shown ref are skipped with it.
  const walk = (parent: string | null) => {
    for (const uid of childrenOf(tree, parent)) {
      if (wanted.has(uid)) roots.push(uid);
      else walk(uid);
    }
  };
  if (wanted.size > 0) walk(null);
  return roots;
}

/** The blocks above `uid`, outermost first: a reference's breadcrumb. */
export function breadcrumbOf(tree: Tree, uid: string): string[] {
  return ancestorsOf(tree, uid).reverse();
}
