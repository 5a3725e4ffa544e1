// Blocks selected as blocks: Esc from the editor, Shift+↑/↓, Shift+click, Ctrl+Shift+A. The
// selection lives in the pages store (so rows can highlight themselves); what is done to it
// is lib/outline/selection.ts, committed like any edit.
import type { Edit } from "../outline/edits";
import {
  cycleTodoBlocks,
  deleteBlocks,
  indentBlocks,
  moveBlocks,
  outdentBlocks,
  rangeSelection,
  selectedUids,
} from "../outline/selection";
import { ancestorsOf, getBlock, type Tree } from "../outline/tree";
import { commit, focusBlock, placeIn, placeOf, treeOfPage, usePages, viewOrder, viewRootIn, type Place, type Selection } from "./pages";

const within = (tree: Tree, uid: string, scope: string) => uid === scope || ancestorsOf(tree, uid).includes(scope);

function selectionOf(pageKey: string, anchor: string, head: string, place: Place): Selection | null {
  const tree = treeOfPage(pageKey);
  const scope = place.scope;
  if (!getBlock(tree, anchor) || !getBlock(tree, head)) return null;
  // In a reference view only that reference's blocks can be selected (a reference is one
  // subtree, so the range between two of its blocks stays inside it).
  if (scope !== undefined && (!within(tree, anchor, scope) || !within(tree, head, scope))) return null;
  const roots = rangeSelection(tree, anchor, head, scope === undefined ? viewRootIn(pageKey, place) : null);
  if (roots.length === 0) return null;
  return { ...placeIn(place), pageKey, anchor, head, roots, uids: selectedUids(tree, roots) };
}

/** The edge a change to the selection stays within: the zoomed block, or the reference unless it is selected itself. */
function edgeOf(selection: Selection): string | null {
  if (selection.scope === undefined) return viewRootIn(selection.pageKey, selection);
  return selection.roots.includes(selection.scope) ? null : selection.scope;
}

/** Selects the blocks from `anchor` to `head` (and their children); leaves the editor. */
export function selectBlocks(pageKey: string, anchor: string, head: string): boolean {
  const selection = selectionOf(pageKey, anchor, head, placeOf(pageKey));
  if (!selection) return false;
  usePages.setState({ selection, editing: null });
  return true;
}

/** Ctrl+Shift+A: every block of the page (of the zoomed block, when zoomed). */
export function selectAllBlocks(pageKey: string): boolean {
  const order = viewOrder(pageKey);
  const first = order[0];
  const last = order.at(-1);
  return first !== undefined && last !== undefined && selectBlocks(pageKey, first, last);
}

export function clearSelection(): void {
  if (usePages.getState().selection) usePages.setState({ selection: null });
}

/** The selection recomputed on the page's current tree (blocks may have moved or gone). */
function refresh(): void {
  const current = usePages.getState().selection;
  if (!current) return;
  usePages.setState({ selection: selectionOf(current.pageKey, current.anchor, current.head, current) });
}

/**
 * Shift+↑/↓: moves the selection's moving end one block, past the children the selection
 * already holds (a selected block takes its children along).
 */
export function extendSelection(direction: "up" | "down"): boolean {
  const current = usePages.getState().selection;
  if (!current) return false;
  const order = viewOrder(current.pageKey, placeIn(current));
  const anchorAt = order.indexOf(current.anchor);
  let headAt = order.indexOf(current.head);
  if (direction === "down" && headAt >= anchorAt) {
    // Growing downwards: step past everything highlighted.
    while (headAt + 1 < order.length && current.uids.has(order[headAt + 1] ?? "")) headAt += 1;
  }
  // Each press changes what is highlighted: a step onto a block that is already selected with
  // its parent (shrinking towards a parent anchor) goes on to the next one.
  const step = direction === "down" ? 1 : -1;
  for (let at = headAt + step; at >= 0 && at < order.length; at += step) {
    const head = order[at];
    const next = head === undefined ? null : selectionOf(current.pageKey, current.anchor, head, current);
    if (next && !sameUids(next.uids, current.uids)) {
      usePages.setState({ selection: next, editing: null });
      return true;
    }
  }
  return false;
}

function sameUids(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const uid of a) if (!b.has(uid)) return false;
  return true;
}

/** ↑/↓ with blocks selected: selects the single block above or below. */
export function moveSelection(direction: "up" | "down"): boolean {
  const current = usePages.getState().selection;
  if (!current) return false;
  const order = viewOrder(current.pageKey, placeIn(current));
  const first = order.indexOf(current.roots[0] ?? "");
  let last = first;
  while (last + 1 < order.length && current.uids.has(order[last + 1] ?? "")) last += 1;
  const target = order[direction === "up" ? first - 1 : last + 1];
  return target !== undefined && selectBlocks(current.pageKey, target, target);
}

function applyToSelection(edit: (current: Selection) => Edit, after: "keep" | "caret"): boolean {
  const current = usePages.getState().selection;
  if (!current) return false;
  const result = edit(current);
  if (!result.ok || !commit(current.pageKey, result.ops)) return false;
  if (after === "keep") refresh();
  else if (result.caret && (current.scope === undefined || within(treeOfPage(current.pageKey), result.caret.uid, current.scope))) {
    focusBlock(current.pageKey, result.caret.uid, result.caret.offset, placeIn(current));
  } else usePages.setState({ selection: null });
  return true;
}

export const selectionActions = {
  delete: () => applyToSelection((s) => deleteBlocks(treeOfPage(s.pageKey), s.roots, edgeOf(s)), "caret"),
  indent: () => applyToSelection((s) => indentBlocks(treeOfPage(s.pageKey), s.roots), "keep"),
  // Within a zoomed view, blocks never leave it (the view's root is the edge).
  outdent: () => applyToSelection((s) => outdentBlocks(treeOfPage(s.pageKey), s.roots, edgeOf(s)), "keep"),
  move: (direction: "up" | "down") =>
    applyToSelection((s) => moveBlocks(treeOfPage(s.pageKey), s.roots, direction, edgeOf(s)), "keep"),
  cycleTodo: () => applyToSelection((s) => cycleTodoBlocks(treeOfPage(s.pageKey), s.roots), "keep"),
  /** Enter: edits the first selected block, caret at its end. */
  edit(): boolean {
    const current = usePages.getState().selection;
    const first = current?.roots[0];
    const block = first === undefined || !current ? undefined : getBlock(treeOfPage(current.pageKey), first);
    if (!current || !block) return false;
    focusBlock(current.pageKey, block.uid, block.content.length, placeIn(current));
    return true;
  },
};
