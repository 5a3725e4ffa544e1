// Blocks selected as blocks (Roam's blue highlight: Esc, Shift+↑/↓, Shift+click, drag) and
// what the keys do to them. A selection is kept as its roots: the selected blocks without a
// selected ancestor, in reading order. A root always carries its whole subtree, so what is
// highlighted is `selectedUids`. Each edit returns primitive ops checked the way edits.ts
// checks its own; only deleting moves the caret, the others leave the same uids selected.
//
// Many views show a subtree only (a zoomed block is the root of the view): the functions that
// walk what is shown take `root` (null: the whole page), meaning the blocks strictly inside
// root's subtree as they show when zoomed into it.
import { cycleTodo, todoMarker } from "../markup/edit";
import { indent, keyAfter, type Caret, type Edit } from "./edits";
import { applyPrimitives, type PrimitiveOp as Op } from "./primitive";
import { ancestorsOf, childrenOf, descendantsOf, getBlock, isCollapsed, visibleOrder, type BlockNode, type Tree } from "./tree";

export type Direction = "up" | "down";
export type DropPosition = "before" | "after" | "child";

function fail(reason: string): Edit {
  return { ok: false, reason };
}

function ok(tree: Tree, ops: Op[], caret?: Caret): Edit {
  // Every edit is checked against the real rules before it leaves this module.
  const result = applyPrimitives(tree, ops);
  if (!result.ok) return fail(result.reason);
  return caret ? { ok: true, ops, caret } : { ok: true, ops };
}

const NOTHING_SELECTED = "No blocks are selected";

/**
 * What a view rooted at `root` shows, in reading order: root's children and their visible
 * descendants. A zoomed block's own children show even when it is collapsed, as in Roam.
 */
export function visibleUnder(tree: Tree, root: string | null): string[] {
  if (root === null) return visibleOrder(tree);
  if (!getBlock(tree, root)) return [];
  const result: string[] = [];
  const walk = (parent: string) => {
    for (const uid of childrenOf(tree, parent)) {
      result.push(uid);
      const block = getBlock(tree, uid);
      if (block && !isCollapsed(block)) walk(uid);
    }
  };
  walk(root);
  return result;
}

/** One block of the page in document order (collapsed children included), with its depth. */
type Line = { uid: string; parent: string | null; depth: number };

function documentLines(tree: Tree): Line[] {
  const lines: Line[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const uid of childrenOf(tree, parent)) {
      lines.push({ uid, parent, depth });
      walk(uid, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

function positionsOf(lines: readonly Line[]): Map<string, number> {
  return new Map(lines.map((line, index) => [line.uid, index]));
}

/** The selected blocks that have no selected ancestor, in document order; unknown uids dropped. */
export function selectionRoots(tree: Tree, uids: Iterable<string>): string[] {
  const chosen = new Set<string>();
  for (const uid of uids) if (getBlock(tree, uid)) chosen.add(uid);
  const roots = [...chosen].filter((uid) => !ancestorsOf(tree, uid).some((ancestor) => chosen.has(ancestor)));
  if (roots.length < 2) return roots;
  const position = positionsOf(documentLines(tree));
  return roots.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
}

/**
 * Roam's block selection from `anchor` to `head` (Shift+↑/↓, Shift+click), either direction:
 * every block shown between them, inclusive, each taking its children along, as roots.
 * Two consequences, both Roam's:
 * - a range that reaches up to an ancestor selects that ancestor whole: from child "b" up to
 *   its parent "a" the roots are ["a"];
 * - a range that starts inside a parent and ends outside it does not take the parent: from the
 *   last child "c" of "p" down to p's next sibling "q" the roots are ["c", "q"].
 * The set highlighted (`selectedUids`) is always contiguous in reading order. An end that is
 * not shown in the view (unknown, hidden under a collapsed block, outside the zoomed root) is
 * dropped: the other end alone is selected, or nothing if neither is shown.
 */
export function rangeSelection(tree: Tree, anchor: string, head: string, root: string | null = null): string[] {
  const shown = visibleUnder(tree, root);
  const from = shown.indexOf(anchor);
  const to = shown.indexOf(head);
  if (from < 0 && to < 0) return [];
  const start = from < 0 ? to : from;
  const end = to < 0 ? from : to;
  return selectionRoots(tree, shown.slice(Math.min(start, end), Math.max(start, end) + 1));
}

/** The roots and all their descendants, collapsed ones included: what is highlighted and acted on. */
export function selectedUids(tree: Tree, roots: Iterable<string>): Set<string> {
  const result = new Set<string>();
  for (const uid of roots) {
    if (!getBlock(tree, uid)) continue;
    result.add(uid);
    for (const descendant of descendantsOf(tree, uid)) result.add(descendant);
  }
  return result;
}

/**
 * Backspace/Delete on a selection: each root goes with its whole subtree (leaves first, as
 * delete ops require). The caret goes to the end of the block shown just before the first
 * root, else to the start of the block shown just after the last deleted one, else (a
 * selection with gaps) to the first block left in the view; none when the view is left empty.
 */
export function deleteBlocks(tree: Tree, roots: Iterable<string>, root: string | null = null): Edit {
  const chosen = selectionRoots(tree, roots);
  const first = chosen[0];
  if (first === undefined) return fail(NOTHING_SELECTED);
  // Reversed document order puts every block after its descendants.
  const ops: Op[] = chosen.flatMap((uid) => [...descendantsOf(tree, uid).reverse(), uid].map((leaf): Op => ({ type: "delete", uid: leaf })));
  return ok(tree, ops, caretAfterDeleting(tree, selectedUids(tree, chosen), first, root));
}

function caretAfterDeleting(tree: Tree, deleted: ReadonlySet<string>, first: string, root: string | null): Caret | undefined {
  const position = positionsOf(documentLines(tree));
  const at = (uid: string) => position.get(uid) ?? -1;
  const left = visibleUnder(tree, root).filter((uid) => !deleted.has(uid));
  // Every deleted block is the first root or comes after it in document order.
  const firstAt = at(first);
  const lastAt = [...deleted].reduce((max, uid) => Math.max(max, at(uid)), firstAt);
  const before = left.filter((uid) => at(uid) < firstAt).at(-1);
  if (before !== undefined) return { uid: before, offset: getBlock(tree, before)?.content.length ?? 0 };
  const after = left.find((uid) => at(uid) > lastAt) ?? left[0];
  return after === undefined ? undefined : { uid: after, offset: 0 };
}

/**
 * Tab on a selection: every root is indented in document order, on the tree the one before
 * left. An indent never changes reading order (a block becomes the last child of the sibling
 * it followed), so contiguous siblings end up together under the first one's previous sibling
 * and a selection spanning levels goes one level deeper as it is. Refused, as in Roam, when the
 * first root has no previous sibling (or any later one, which a contiguous selection never meets).
 */
export function indentBlocks(tree: Tree, roots: Iterable<string>): Edit {
  const chosen = selectionRoots(tree, roots);
  if (chosen.length === 0) return fail(NOTHING_SELECTED);
  const ops: Op[] = [];
  let current = tree;
  for (const uid of chosen) {
    const edit = indent(current, uid, 0);
    if (!edit.ok) return edit;
    const applied = applyPrimitives(current, edit.ops);
    if (!applied.ok) return fail(applied.reason);
    ops.push(...edit.ops);
    current = applied.tree;
  }
  return ok(tree, ops);
}

/**
 * Shift+Tab on a selection: the selected blocks step out one level as a group, the way one
 * block does in edits.ts (Roam's outdent): the group goes past the later siblings of its last
 * root, which stay with their parent, to just after that parent. Sibling roots so land after
 * their parent in their own order; roots at different levels keep their relative depths and
 * stay together (in `p{a{x}, b, s}`, [x, b] gives `p{a, s, x}, b`). Refused when any root is
 * already at the top level (of the view, when `root` is given): outdenting only some would
 * change the selection's shape; and for roots that are not next to each other.
 */
export function outdentBlocks(tree: Tree, roots: Iterable<string>, root: string | null = null): Edit {
  const chosen = selectionRoots(tree, roots);
  const last = getBlock(tree, chosen.at(-1) ?? "");
  if (!last) return fail(NOTHING_SELECTED);
  for (const uid of chosen) {
    const parent = getBlock(tree, uid)?.parent ?? null;
    if (parent === null || parent === root) return fail("A top-level block cannot be outdented");
  }
  const siblings = childrenOf(tree, last.parent);
  const later = siblings.slice(siblings.indexOf(last.uid) + 1);
  const passing = later.reduce((count, uid) => count + 1 + descendantsOf(tree, uid).length, 0);
  return moveGroup(tree, chosen, root, { down: true, passing, shift: -1 }, "Blocks at different levels cannot be outdented past the blocks after them");
}

function isInView(tree: Tree, parent: string | null, root: string | null): boolean {
  return root === null || (parent !== null && (parent === root || ancestorsOf(tree, parent).includes(root)));
}

/**
 * Alt+Shift+↑/↓ on a selection: the selected blocks move as one group past the neighbouring
 * block, keeping their order, their relative depths and staying together, by the rules of
 * moveUp/moveDown in edits.ts applied to the group's edge (the first root going up, the last
 * going down):
 * - up past the previous sibling (with its children) / down past the next sibling;
 * - a first child goes up past its parent's line, to the end of the children of the parent's
 *   previous sibling, or, when there is none, out of the parent to just before it (one level
 *   up); a last child goes down to be the first child of its parent's next sibling or, when
 *   there is none, out to just after its parent (one level up, reading order unchanged).
 * As in edits.ts, leaving a parent that has no sibling on that side is not undone by the
 * opposite move; every other move is, whenever the opposite move is allowed.
 *
 * Seen as lines of an indented list, the group's lines swap with the neighbour's lines and keep
 * their indentation. For a group whose roots sit at different levels that can make a deeper
 * root the child of a different block (moving [a2, b] of `a{a1, a2}, b, c` down gives
 * `a{a1}, c{a2}, b`); a move that would give any unselected block another parent is refused
 * (the same group cannot go up past a1, which would become b's child). Refused too at the
 * edges of the page (of the view, when `root` is given: the blocks never leave it) and for
 * roots that are not next to each other.
 */
export function moveBlocks(tree: Tree, roots: Iterable<string>, direction: Direction, root: string | null = null): Edit {
  const chosen = selectionRoots(tree, roots);
  const edge = getBlock(tree, (direction === "up" ? chosen[0] : chosen.at(-1)) ?? "");
  if (!edge) return fail(NOTHING_SELECTED);
  const plan = direction === "up" ? planUp(tree, edge, root) : planDown(tree, edge, root);
  if (typeof plan === "string") return fail(plan);
  return moveGroup(tree, chosen, root, plan, `Blocks at different levels cannot move ${direction} past this block`);
}

/**
 * How a group moves: past `passing` lines below it (`down`) or above it, its lines shifted by
 * `shift` levels. Lines are the page's blocks in document order with their depths.
 */
type GroupMove = { down: boolean; passing: number; shift: number };

/**
 * The page read as an indented list, the group's lines (the roots and their subtrees, which
 * must be one run) swapped with the lines they pass, then read back as an outline. Every
 * unselected block must keep its parent (else `refusal`) and every root must stay in the view.
 */
function moveGroup(tree: Tree, chosen: readonly string[], root: string | null, move: GroupMove, refusal: string): Edit {
  const first = chosen[0];
  const last = chosen.at(-1);
  if (first === undefined || last === undefined) return fail(NOTHING_SELECTED);
  const lines = documentLines(tree);
  const position = positionsOf(lines);
  const selected = selectedUids(tree, chosen);
  const start = position.get(first) ?? 0;
  const end = (position.get(last) ?? 0) + descendantsOf(tree, last).length;
  const group = lines.slice(start, end + 1);
  if (group.length !== selected.size || !group.every((line) => selected.has(line.uid))) {
    return fail("Only blocks next to each other move together");
  }
  const from = move.down ? start : start - move.passing;
  const to = move.down ? end + 1 + move.passing : end + 1;
  const passed = move.down ? lines.slice(end + 1, to) : lines.slice(from, start);
  const moved = group.map((line) => ({ ...line, depth: line.depth + move.shift }));
  const arranged = [...lines.slice(0, from), ...(move.down ? [...passed, ...moved] : [...moved, ...passed]), ...lines.slice(to)];
  const places = placeLines(arranged);
  if (!places) return fail(refusal);
  const rootSet = new Set(chosen);
  for (const line of arranged) {
    const parent = places.get(line.uid)?.parent ?? null;
    if (!rootSet.has(line.uid) && parent !== line.parent) return fail(refusal);
    if (rootSet.has(line.uid) && !isInView(tree, parent, root)) return fail("The blocks would leave the view");
  }
  return placeAll(tree, chosen.map((uid) => ({ uid, parent: places.get(uid)?.parent ?? null, after: places.get(uid)?.after ?? null })));
}

function planUp(tree: Tree, first: BlockNode, root: string | null): GroupMove | string {
  const siblings = childrenOf(tree, first.parent);
  const prev = siblings[siblings.indexOf(first.uid) - 1];
  // The previous sibling and its subtree end right where the group starts.
  if (prev !== undefined) return { down: false, passing: 1 + descendantsOf(tree, prev).length, shift: 0 };
  if (first.parent === null || first.parent === root) return "Already the first block";
  // A first child passes its parent's line: it lands at the end of the parent's previous
  // sibling's children (same depth) when there is one, else just before the parent (one up).
  const parent = getBlock(tree, first.parent);
  const uncles = childrenOf(tree, parent?.parent ?? null);
  const uncle = uncles[uncles.indexOf(first.parent) - 1];
  return { down: false, passing: 1, shift: uncle === undefined ? -1 : 0 };
}

function planDown(tree: Tree, last: BlockNode, root: string | null): GroupMove | string {
  const siblings = childrenOf(tree, last.parent);
  const next = siblings[siblings.indexOf(last.uid) + 1];
  if (next !== undefined) return { down: true, passing: 1 + descendantsOf(tree, next).length, shift: 0 };
  if (last.parent === null || last.parent === root) return "Already the last block";
  // A last child passes its parent's next sibling's line, becoming its first child, or, when
  // there is none, steps out of its parent where it stands (one up, reading order unchanged).
  const parent = getBlock(tree, last.parent);
  const uncles = childrenOf(tree, parent?.parent ?? null);
  const uncle = uncles[uncles.indexOf(last.parent) + 1];
  return uncle === undefined ? { down: true, passing: 0, shift: -1 } : { down: true, passing: 1, shift: 0 };
}

/** Where each block sits in a page read as indented lines: its parent and the sibling before it. */
type Place = { parent: string | null; after: string | null };

/** Parents and previous siblings from lines and depths; undefined if a line is deeper than its place allows. */
function placeLines(lines: readonly Line[]): Map<string, Place> | undefined {
  const places = new Map<string, Place>();
  const open: string[] = []; // the line last seen at each depth
  const lastChild = new Map<string | null, string>();
  for (const line of lines) {
    if (line.depth < 0 || line.depth > open.length) return undefined;
    open.length = line.depth;
    const parent = line.depth === 0 ? null : (open[line.depth - 1] ?? null);
    places.set(line.uid, { parent, after: lastChild.get(parent) ?? null });
    lastChild.set(parent, line.uid);
    open.push(line.uid);
  }
  return places;
}

/**
 * Moves each block, in turn, right after `after` among `parent`'s children (first if null),
 * on the tree the moves before it left; a block already there stays. A collapsed block that
 * receives a block is expanded first, so what moved stays in sight.
 */
function placeAll(tree: Tree, places: readonly (Place & { uid: string })[]): Edit {
  const expand = new Map<string, Op>();
  const moves: Op[] = [];
  let working = tree;
  for (const { uid, parent, after } of places) {
    const siblings = childrenOf(working, parent);
    const at = siblings.indexOf(uid);
    if (at >= 0 && (siblings[at - 1] ?? null) === after) continue;
    const move: Op = { type: "move", uid, parent, order: keyAfter(working, parent, after, uid) };
    const applied = applyPrimitives(working, [move]);
    if (!applied.ok) return fail(applied.reason);
    moves.push(move);
    working = applied.tree;
    const host = parent === null ? undefined : getBlock(tree, parent);
    if (host && isCollapsed(host)) expand.set(host.uid, { type: "setProps", uid: host.uid, props: { ...host.props, collapsed: false } });
  }
  return ok(tree, [...expand.values(), ...moves]);
}

/**
 * Drag and drop: the roots (with their subtrees) move, in order and side by side as siblings,
 * to just before or just after `target`, or to be its first children ("child"; a collapsed
 * target is expanded). Roots at different levels end up at one level. Refused onto or into a
 * selected block. Blocks dropped where they already are give ok with no ops (nothing to record).
 */
export function moveBlocksTo(tree: Tree, roots: Iterable<string>, target: string, position: DropPosition): Edit {
  const chosen = selectionRoots(tree, roots);
  if (chosen.length === 0) return fail(NOTHING_SELECTED);
  const targetBlock = getBlock(tree, target);
  if (!targetBlock) return fail(`Block ${target} does not exist`);
  if (selectedUids(tree, chosen).has(target)) return fail("Blocks cannot be dropped onto or into themselves");
  const parent = position === "child" ? target : targetBlock.parent;
  let after: string | null = target;
  if (position === "child") after = null;
  else if (position === "before") {
    // The sibling before the target once the dragged blocks are out of the way.
    const rootSet = new Set(chosen);
    const others = childrenOf(tree, parent).filter((uid) => !rootSet.has(uid));
    after = others[others.indexOf(target) - 1] ?? null;
  }
  const places = chosen.map((uid) => {
    const place = { uid, parent, after };
    after = uid;
    return place;
  });
  return placeAll(tree, places);
}

type TodoState = "TODO" | "DONE" | "none";

/** The TODO/DONE box a block starts with, in any of the spellings `cycleTodo` knows. */
function todoState(text: string): TodoState {
  for (const state of ["TODO", "DONE"] as const) {
    if (text.startsWith(todoMarker(state, true)) || text.startsWith(todoMarker(state, false))) return state;
  }
  return "none";
}

/**
 * `text` in `state`, the rest of it kept. Walking `cycleTodo` round (none → TODO → DONE → none)
 * reaches any state from any other within two steps, and it already knows every spelling and
 * where the text after the box starts. A text already in `state` is kept as it is.
 */
function withTodoState(text: string, state: TodoState): string {
  let next = text;
  for (let step = 0; step < 3 && todoState(next) !== state; step += 1) next = cycleTodo(next).text;
  return todoState(next) === state ? next : text;
}

/**
 * Ctrl+Enter on a selection: the first root cycles (none → TODO → DONE → none) and every other
 * root is brought to the state it reached, so they end alike. A root already in that state is
 * left as it is (its spelling of the box too); the text after the box is kept.
 */
export function cycleTodoBlocks(tree: Tree, roots: Iterable<string>): Edit {
  const chosen = selectionRoots(tree, roots);
  const first = getBlock(tree, chosen[0] ?? "");
  if (!first) return fail(NOTHING_SELECTED);
  const state = todoState(cycleTodo(first.content).text);
  const ops: Op[] = [];
  for (const uid of chosen) {
    const content = getBlock(tree, uid)?.content ?? "";
    const next = uid === first.uid ? cycleTodo(content).text : withTodoState(content, state);
    if (next !== content) ops.push({ type: "update", uid, content: next });
  }
  return ok(tree, ops);
}
