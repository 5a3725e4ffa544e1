// The client's page trees and the block being edited. Every change goes through lib/outline's
// `apply` and then to the save queue; components only read this store and call its actions.
import { nanoid } from "nanoid";
import { create } from "zustand";
import { cycleTodo, toggleTodoAt } from "../markup/edit";
import { apply, applyAll, type CreateOp, type Op, type PrimitiveOp, type StructuralOp } from "../outline/ops";
import { applyPrimitive } from "../outline/primitive";
import { withSliderValue } from "../outline/props";
import type { PageAddress } from "../outline/schema";
import {
  backspaceAtStart,
  deleteAtEnd,
  firstBlock,
  indent,
  keyAtEnd,
  moveDown,
  moveUp,
  outdent,
  setCollapsed,
  split,
  splitIntoChild,
  type Caret,
  type Edit,
} from "../outline/edits";
import { ancestorsOf, emptyTree, getBlock, isCollapsed, treeOf, type BlockNode, type Tree } from "../outline/tree";
import type { Step } from "../outline/history";
import { changeOf, leftIn, stillLeft, typedLeft } from "../outline/history";
import { moveBlocks, visibleUnder } from "../outline/selection";
import { enqueue, unsavedOpsOf } from "./save-queue";
import { notify } from "./notice";
import { remember, takeRedo, takeUndo, type Outcome, type Replay } from "./undo-history";

export type PageEntry = {
  address: PageAddress;
  tree: Tree;
  /**
   * The op-log position the tree reflects: every logged change to the page up to it is in the
   * tree (or was left out in favour of this tab's own), so a live update at or before it is skipped.
   */
  seq: number;
  /** A first block shown on an empty page but not saved until something is written in it. */
  draft?: CreateOp;
};

/**
 * Where a page's blocks are shown, as one page can show in several places at once (the screen,
 * its references under another page, panels of the right sidebar). `view`: undefined for the
 * screen's own view (the only one zoomed by /block/<uid>), else the panel's id ("sidebar:…").
 * `scope`: the view shows only that block of its page and its children (a reference, a block
 * opened in the sidebar); the keys keep the caret and new blocks inside it, as a zoomed view
 * keeps them inside the zoomed block.
 */
export type Place = { view?: string; scope?: string };

/** The block being edited, and the place it is edited in (only that place holds the editor). */
export type Editing = Place & { pageKey: string; uid: string; caret: number; seq: number };

/** Blocks selected as blocks (Esc, Shift+↑/↓, Shift+click): `roots` in reading order, `uids` with their descendants. */
export type Selection = Place & {
  pageKey: string;
  anchor: string;
  head: string;
  roots: readonly string[];
  /** In a place with a scope (a reference view) the selection never reaches beyond it. */
  uids: ReadonlySet<string>;
};

type PagesState = {
  pages: Record<string, PageEntry>;
  editing: Editing | null;
  selection: Selection | null;
  /** The block each page is zoomed into (absent: the whole page). */
  zoom: Record<string, string>;
  /** The page the screen is about (today's on the daily notes): where Ctrl+Shift+A selects. */
  screenPage: string | null;
};

export const newUid = () => nanoid(9);

export function pageKeyOf(address: PageAddress): string {
  return "daily" in address ? `daily:${address.daily}` : `title:${address.title}`;
}

export const usePages = create<PagesState>(() => ({ pages: {}, editing: null, selection: null, zoom: {}, screenPage: null }));

/** A screen says which page it is about while it shows (null when it goes). */
export function setScreenPage(pageKey: string | null): void {
  usePages.setState({ screenPage: pageKey });
}

let seq = 0;

function setEntry(key: string, entry: PageEntry): void {
  usePages.setState((state) => ({ pages: { ...state.pages, [key]: entry } }));
}

type LoadListener = (seq: number) => void;
const loadListeners = new Set<LoadListener>();

/**
 * Calls `listener` with the op-log position of every page read into the store from now on:
 * live.ts makes its stream deliver every change after it. Returns the unsubscribe.
 */
export function onPageLoad(listener: LoadListener): () => void {
  loadListeners.add(listener);
  return () => loadListeners.delete(listener);
}

/**
 * A page as the server sent it at op-log position `seq`, with this tab's unsaved changes to it
 * applied on top (after a reload or crash they come back from disk, save-queue.ts). A change
 * that no longer fits the server's data is left out of the view; the server decides about it
 * when it arrives. A page already shown is kept (it is kept current by live updates) unless
 * `replace` says the tab lost track of it (live.ts, after a reset).
 */
export function loadPage(address: PageAddress, blocks: readonly BlockNode[], seq: number, options: { replace?: boolean } = {}): void {
  const key = pageKeyOf(address);
  // Never replace a tree the user is already editing with an older server copy.
  if (usePages.getState().pages[key] && !options.replace) return;
  let tree = treeOf(blocks);
  for (const op of unsavedOpsOf(address)) {
    const result = apply(tree, op);
    if (result.ok) tree = result.tree;
  }
  setEntry(key, { address, tree, seq });
  for (const listener of loadListeners) listener(seq);
}

/**
 * Drops this tab's copy of a page after the server changed it wholesale (a rename, merge or
 * delete): the next screen to show it loads it afresh. Unsaved changes stay queued.
 */
export function forgetPage(address: PageAddress): void {
  const key = pageKeyOf(address);
  usePages.setState((state) => {
    if (!state.pages[key]) return state;
    const pages = { ...state.pages };
    delete pages[key];
    return { pages, editing: state.editing?.pageKey === key ? null : state.editing, selection: state.selection?.pageKey === key ? null : state.selection };
  });
}

/** The places each page is shown in now (Outliner and ReferenceOutline register while mounted). */
const shownPlaces = new Map<string, Place[]>();

/** Records that `place` shows `pageKey` until the returned function is called. */
export function showPlace(pageKey: string, place: Place): () => void {
  const entry: Place = { ...place };
  shownPlaces.set(pageKey, [...(shownPlaces.get(pageKey) ?? []), entry]);
  return () => {
    const rest = (shownPlaces.get(pageKey) ?? []).filter((shown) => shown !== entry);
    if (rest.length > 0) shownPlaces.set(pageKey, rest);
    else shownPlaces.delete(pageKey);
  };
}

const samePlace = (a: Place, b: Place) => a.view === b.view && a.scope === b.scope;

function holds(pageKey: string, place: Place, uid: string): boolean {
  return place.scope === undefined || uid === place.scope || ancestorsOf(treeOfPage(pageKey), uid).includes(place.scope);
}

/**
 * Where block `uid` is edited when no place is named: where the page is being edited or
 * selected now, if the block is in it; else the first place showing the page that holds the
 * block (the screen's own view first), so the caret never goes to a view nobody sees.
 */
function placeFor(pageKey: string, uid: string): Place {
  const current = placeOf(pageKey);
  const { editing, selection } = usePages.getState();
  const active = editing?.pageKey === pageKey || selection?.pageKey === pageKey;
  if (active && holds(pageKey, current, uid)) return current;
  const shown = shownPlaces.get(pageKey) ?? [];
  const chosen = shown.find((place) => place.view === undefined && place.scope === undefined) ?? shown.find((place) => holds(pageKey, place, uid));
  return chosen ?? {};
}

/**
 * Edits block `uid` with the caret at `caret`, in `place` (null: the page's own view on the
 * screen); left out, the current place is kept while the block is inside it (`placeFor`).
 */
export function focusBlock(pageKey: string, uid: string, caret: number, place?: Place | null): void {
  seq += 1;
  const { view, scope } = place === undefined ? placeFor(pageKey, uid) : (place ?? {});
  const editing: Editing = { pageKey, uid, caret, seq };
  if (view !== undefined) editing.view = view;
  if (scope !== undefined) editing.scope = scope;
  usePages.setState({ editing, selection: null });
}

/** Where `pageKey` is being edited or selected (the screen's own view when neither). */
export function placeOf(pageKey: string): Place {
  const { editing, selection } = usePages.getState();
  const current = editing?.pageKey === pageKey ? editing : selection?.pageKey === pageKey ? selection : undefined;
  return current ? placeIn(current) : {};
}

/** Just the place of an editing or selection state. */
export function placeIn(current: Place): Place {
  const place: Place = {};
  if (current.view !== undefined) place.view = current.view;
  if (current.scope !== undefined) place.scope = current.scope;
  return place;
}

/** True when `place` is where the block is edited or selected: rows compare their own place with it. */
export function isPlace(current: Place | null | undefined, place: Place): boolean {
  return !!current && samePlace(current, place);
}

/** The reference block the edit on `pageKey` is confined to, if it happens in a reference view. */
export function scopeOf(pageKey: string): string | undefined {
  return placeOf(pageKey).scope;
}

/** How a change goes into the undo history: where the caret was and goes, and how it groups. */
export type Recording = Omit<Step, "ops" | "inverse" | "page" | "left"> | false;

/**
 * Applies ops to a page and queues them; returns false (changing nothing) if one cannot apply.
 * The change is recorded for undo unless `recording` is false (undo and redo themselves).
 */
export function commit(pageKey: string, ops: readonly Op[], recording: Recording = {}): boolean {
  const entry = usePages.getState().pages[pageKey];
  if (!entry || ops.length === 0) return false;
  const result = applyAll(entry.tree, ops);
  if (!result.ok) {
    console.warn(`Loam: change not applied: ${result.reason}`);
    return false;
  }
  if (recording !== false) {
    const change = changeOf(entry.tree, ops);
    // Without a caret of its own, a change made while editing takes the caret back to that block.
    const editing = usePages.getState().editing;
    const here = editing?.pageKey === pageKey ? { uid: editing.uid, offset: editing.caret } : undefined;
    const carets = { caretBefore: recording.caretBefore ?? here, caretAfter: recording.caretAfter ?? here };
    if (change) remember({ ...recording, ...carets, ...change, page: pageKey, left: leftIn(result.tree, change.inverse) });
  }
  const toSend = entry.draft ? [entry.draft, ...ops] : ops;
  setEntry(pageKey, { address: entry.address, tree: result.tree, seq: entry.seq });
  enqueue(entry.address, toSend, entry.seq);
  return true;
}

/** Where the caret lands once `ops` are applied and no edit says otherwise: still there, if the block is. */
function placeAfterReplay(pageKey: string, caret: Caret | undefined): void {
  const tree = treeOfPage(pageKey);
  const block = caret && getBlock(tree, caret.uid);
  if (caret && block) focusBlock(pageKey, caret.uid, Math.min(caret.offset, block.content.length));
  else usePages.setState({ editing: null, selection: null });
}

/**
 * Applies one undo or redo step group if every page still holds what this tab left in the
 * blocks it sets (history.ts `stillLeft`) and its ops still apply: all of it, or nothing.
 */
function runReplays(replays: readonly Replay[]): Tree[] | undefined {
  const trial = new Map<string, Tree>();
  const trees: Tree[] = [];
  for (const { page, ops, left } of replays) {
    const tree = trial.get(page) ?? usePages.getState().pages[page]?.tree;
    if (!tree || !stillLeft(tree, left)) return undefined;
    const result = applyAll(tree, ops);
    if (!result.ok) return undefined;
    trial.set(page, result.tree);
    trees.push(result.tree);
  }
  // The same ops on the same trees: they apply as they just did.
  for (const { page, ops } of replays) commit(page, ops, false);
  return trees;
}

/** Where undo or redo leaves the caret, or why it did nothing; false when there was nothing to do. */
function settle(outcome: Outcome, skipped: string): boolean {
  if (outcome.kind === "none") return false;
  if (outcome.kind === "skipped") notify(skipped);
  else placeAfterReplay(outcome.last.page, outcome.last.caret);
  return true;
}

/**
 * Ctrl+Z: takes back the last change on any page, and puts the caret where it happened. A change
 * another tab has since changed again is not taken back (that would undo theirs): it is skipped,
 * with a notice, and the next Ctrl+Z goes on with the change before it.
 */
export const undoLast = (): boolean => settle(takeUndo(runReplays), "Not undone: changed in another tab");
/** Ctrl+Shift+Z / Ctrl+Y. */
export const redoLast = (): boolean => settle(takeRedo(runReplays), "Not redone: changed in another tab");

/** A snapshot of a block's text while it was typed, and when. */
export type TypedText = { text: string; at: number };

/**
 * Where `before` became `after`: the common start first, then the common end of what is left,
 * so typing a letter after the same letter ("fo" → "foo") is placed after it, where it was typed.
 */
export function changeSpan(before: string, after: string): { before: number; after: number } {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix += 1;
  return { before: before.length - suffix, after: after.length - suffix };
}

/**
 * Applies an edit. With `as`, the structural op itself (split, merge, indent, outdent) is what
 * is applied and sent, so the server applies the same intent to its own tree; the edit worked
 * out here says where the caret goes. `before` is where the caret was (for undo).
 */
function run(pageKey: string, edit: Edit, as?: StructuralOp, before?: Caret): boolean {
  if (!edit.ok) return false;
  if (!commit(pageKey, as ? [as] : edit.ops, { caretBefore: before, caretAfter: edit.caret })) return false;
  if (edit.caret) focusBlock(pageKey, edit.caret.uid, edit.caret.offset);
  return true;
}

export function treeOfPage(pageKey: string): Tree {
  return usePages.getState().pages[pageKey]?.tree ?? emptyTree;
}

/** The block a page's view is zoomed into, or null for the whole page. */
/** The block the view being edited is zoomed into (null: none). Only the screen's own view zooms. */
export function viewRoot(pageKey: string): string | null {
  return viewRootIn(pageKey, placeOf(pageKey));
}

export function viewRootIn(pageKey: string, place: Place): string | null {
  return place.view === undefined ? (usePages.getState().zoom[pageKey] ?? null) : null;
}

/** Shows only `root`'s subtree of the page (null: the whole page again). */
export function setViewRoot(pageKey: string, root: string | null): void {
  usePages.setState((state) => {
    const zoom = { ...state.zoom };
    if (root === null) delete zoom[pageKey];
    else zoom[pageKey] = root;
    return { zoom, selection: null };
  });
}

/** What the view being edited shows, in reading order: a reference and its children, or the page (or its zoomed block). */
export function viewOrder(pageKey: string, place = placeOf(pageKey)): string[] {
  const tree = treeOfPage(pageKey);
  const scope = place.scope;
  if (scope === undefined) return visibleUnder(tree, viewRootIn(pageKey, place));
  const block = getBlock(tree, scope);
  if (!block) return [];
  return isCollapsed(block) ? [scope] : [scope, ...visibleUnder(tree, scope)];
}

/** The blocks shown before and after `uid` in the view being edited. */
function neighbour(pageKey: string, uid: string, direction: "up" | "down"): string | undefined {
  const order = viewOrder(pageKey);
  const index = order.indexOf(uid);
  if (index < 0) return undefined;
  return order[direction === "up" ? index - 1 : index + 1];
}

/**
 * Another tab's or device's changes to a page, as the server applied them (primitive ops, in
 * server order) and logged at `seq`. They go over this tab's tree without being recorded for
 * undo or saved again. A change at or before the position the tree already reflects is
 * skipped: a page read after it holds it, and a stream started again replays it.
 * A text, props or place this tab has changed and not yet saved is left alone: this tab's
 * change reaches the server later, so it wins there too. An op that no longer fits this tab's
 * tree (a parent it just deleted) is skipped; the page is whole again on the next load.
 */
export function applyRemote(address: PageAddress, ops: readonly PrimitiveOp[], seq: number): number {
  const key = pageKeyOf(address);
  const entry = usePages.getState().pages[key];
  if (!entry || seq <= entry.seq) return 0;
  const mine = unsavedOpsOf(address);
  const touched = (type: string, uid: string) => mine.some((op) => op.type === type && op.uid === uid);
  let tree = entry.tree;
  let applied = 0;
  for (const op of ops) {
    if ((op.type === "update" || op.type === "setProps" || op.type === "move") && touched(op.type, op.uid)) continue;
    // Never pull a block out from under the caret, or away from text not yet saved.
    if (op.type === "delete" && (touched("update", op.uid) || usePages.getState().editing?.uid === op.uid)) continue;
    const result = applyPrimitive(tree, op);
    if (!result.ok) continue;
    tree = result.tree;
    applied += 1;
  }
  setEntry(key, { ...entry, tree, seq });
  return applied;
}

/** Click on an empty page: a first block to type in, saved only once written in. */
export function startFirstBlock(pageKey: string, place: Place = {}): void {
  const entry = usePages.getState().pages[pageKey];
  if (!entry) return;
  const root = viewRootIn(pageKey, place);
  if (root !== null) {
    // Zoomed into a block without children: the first block goes under it.
    const uid = newUid();
    const create: CreateOp = { type: "create", uid, parent: root, order: keyAtEnd(entry.tree, root), content: "" };
    if (commit(pageKey, [create], { caretAfter: { uid, offset: 0 } })) focusBlock(pageKey, uid, 0, place);
    return;
  }
  if (entry.tree.blocks.size > 0) return;
  const edit = firstBlock(entry.tree, newUid());
  if (!edit.ok) return;
  const result = applyAll(entry.tree, edit.ops);
  const create = edit.ops[0];
  if (!result.ok || create?.type !== "create") return;
  setEntry(pageKey, { ...entry, tree: result.tree, draft: create });
  if (edit.caret) focusBlock(pageKey, edit.caret.uid, 0, place);
}

/**
 * The editor of focus `seq` lost focus. A blur that belongs to an older focus (the editor of a
 * block that was just indented, say, being replaced) changes nothing. An unsaved first block
 * with nothing in it goes away again.
 */
export function stopEditing(pageKey: string, uid: string, focusSeq: number): void {
  const state = usePages.getState();
  if (state.editing?.seq !== focusSeq) return;
  usePages.setState({ editing: null });
  const entry = state.pages[pageKey];
  if (entry?.draft && entry.draft.uid === uid && getBlock(entry.tree, uid)?.content === "") {
    setEntry(pageKey, { address: entry.address, tree: emptyTree, seq: entry.seq });
  }
}

/** Alt+Shift+↑/↓ on the block being edited; in a zoomed view the block stays inside it. */
function moveBlock(pageKey: string, uid: string, offset: number, direction: "up" | "down"): boolean {
  const tree = treeOfPage(pageKey);
  const scope = scopeOf(pageKey);
  // A reference moves among its page's blocks and stays the reference shown; what is under it stays under it.
  const root = scope === uid ? null : (scope ?? viewRoot(pageKey));
  const caret = { uid, offset };
  if (root === null) return run(pageKey, direction === "up" ? moveUp(tree, uid, offset) : moveDown(tree, uid, offset), undefined, caret);
  const edit = moveBlocks(tree, [uid], direction, root);
  return run(pageKey, edit.ok ? { ...edit, caret } : edit, undefined, caret);
}

export const outlineActions = {
  setText(pageKey: string, uid: string, content: string): void {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block || block.content === content) return;
    const span = changeSpan(block.content, content);
    commit(pageKey, [{ type: "update", uid, content }], { caretBefore: { uid, offset: span.before }, caretAfter: { uid, offset: span.after } });
  },
  /**
   * Typing the editor held (held-text.ts): the outline takes the last text at once, and the
   * undo history gets one step per snapshot, which it groups by pauses and words.
   */
  typed(pageKey: string, uid: string, snapshots: readonly TypedText[]): void {
    const block = getBlock(treeOfPage(pageKey), uid);
    const last = snapshots.at(-1);
    if (!block || !last || block.content === last.text) return;
    let before = block.content;
    for (const { text, at } of snapshots) {
      if (text === before) continue;
      const span = changeSpan(before, text);
      remember({
        page: pageKey,
        ops: [{ type: "update", uid, content: text }],
        inverse: [{ type: "update", uid, content: before }],
        caretBefore: { uid, offset: span.before },
        caretAfter: { uid, offset: span.after },
        typing: { uid, before, after: text, at },
        left: typedLeft(block, text),
      });
      before = text;
    }
    commit(pageKey, [{ type: "update", uid, content: last.text }], false);
  },
  enter(pageKey: string, uid: string, offset: number): boolean {
    const tree = treeOfPage(pageKey);
    const block = getBlock(tree, uid);
    const before = { uid, offset };
    const scope = scopeOf(pageKey);
    // In a reference view, Enter in the reference itself opens a first child, which stays in view.
    if (block && scope === uid) return run(pageKey, splitIntoChild(tree, uid, offset, newUid()), undefined, before);
    // Enter on an empty indented block outdents it, as in Roam (but never out of a zoomed or reference view).
    if (block && block.content === "" && block.parent !== null && block.parent !== viewRoot(pageKey) && block.parent !== scope) {
      return run(pageKey, outdent(tree, uid, 0), { type: "outdent", uid }, before);
    }
    const created = newUid();
    return run(pageKey, split(tree, uid, offset, created), { type: "split", uid, offset, newUid: created }, before);
  },
  indent: (pageKey: string, uid: string, offset: number) =>
    run(pageKey, indent(treeOfPage(pageKey), uid, offset), { type: "indent", uid }, { uid, offset }),
  outdent(pageKey: string, uid: string, offset: number): boolean {
    const tree = treeOfPage(pageKey);
    // A direct child of the zoomed block (or of a reference) would leave the view: Roam keeps it.
    const parent = getBlock(tree, uid)?.parent;
    if (parent === viewRoot(pageKey) && viewRoot(pageKey) !== null) return false;
    if (parent !== undefined && parent !== null && parent === scopeOf(pageKey)) return false;
    return run(pageKey, outdent(tree, uid, offset), { type: "outdent", uid }, { uid, offset });
  },
  backspaceAtStart(pageKey: string, uid: string): boolean {
    if (neighbour(pageKey, uid, "up") === undefined) return false;
    return run(pageKey, backspaceAtStart(treeOfPage(pageKey), uid), { type: "merge", uid }, { uid, offset: 0 });
  },
  deleteAtEnd(pageKey: string, uid: string): boolean {
    const tree = treeOfPage(pageKey);
    const next = neighbour(pageKey, uid, "down");
    const offset = getBlock(tree, uid)?.content.length ?? 0;
    return next !== undefined && run(pageKey, deleteAtEnd(tree, uid), { type: "merge", uid: next }, { uid, offset });
  },
  moveUp: (pageKey: string, uid: string, offset: number) => moveBlock(pageKey, uid, offset, "up"),
  moveDown: (pageKey: string, uid: string, offset: number) => moveBlock(pageKey, uid, offset, "down"),
  setCollapsed(pageKey: string, uid: string, collapsed: boolean, offset?: number): boolean {
    const caret = offset === undefined ? undefined : { uid, offset };
    return run(pageKey, setCollapsed(treeOfPage(pageKey), uid, collapsed), undefined, caret);
  },
  /** Ctrl+Enter: cycles the block's TODO marker; returns where the caret goes. */
  cycleTodo(pageKey: string, uid: string, offset: number): number | undefined {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block) return undefined;
    const next = cycleTodo(block.content);
    const after = Math.max(0, offset + next.shift);
    if (!commit(pageKey, [{ type: "update", uid, content: next.text }], { caretBefore: { uid, offset }, caretAfter: { uid, offset: after } })) return undefined;
    return after;
  },
  /** Ticks or unticks the TODO/DONE box whose markup starts at `start` in the block's text. */
  toggleTodo(pageKey: string, uid: string, start: number): boolean {
    const block = getBlock(treeOfPage(pageKey), uid);
    const content = block && toggleTodoAt(block.content, start);
    return content !== undefined && commit(pageKey, [{ type: "update", uid, content }]);
  },
  setSlider(pageKey: string, uid: string, index: number, userId: string, value: number): boolean {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block) return false;
    // Dragging a slider through its values is one change to undo.
    const coalesce = { key: `slider:${uid}:${index}`, at: Date.now() };
    return commit(pageKey, [{ type: "setProps", uid, props: withSliderValue(block.props, index, userId, value) }], { coalesce });
  },
  /** Heading 1–3, or 0 for none (Ctrl+Alt+1/2/3, the slash menu). */
  setHeading(pageKey: string, uid: string, level: 0 | 1 | 2 | 3): boolean {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block) return false;
    const { heading: _previous, ...rest } = block.props;
    return commit(pageKey, [{ type: "setProps", uid, props: level === 0 ? rest : { ...rest, heading: level } }]);
  },
  /** Moves the caret to the block above (at its end) or below (at its start). */
  move(pageKey: string, uid: string, direction: "up" | "down"): boolean {
    const target = neighbour(pageKey, uid, direction);
    const block = target === undefined ? undefined : getBlock(treeOfPage(pageKey), target);
    if (!block) return false;
    focusBlock(pageKey, block.uid, direction === "up" ? block.content.length : 0);
    return true;
  },
};

export type { Caret };
