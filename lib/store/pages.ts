// The client's page trees and the block being edited. Every change goes through lib/outline's
// `apply` and then to the save queue; components only read this store and call its actions.
import { nanoid } from "nanoid";
import { create } from "zustand";
import { cycleTodo, toggleTodoAt } from "../markup/edit";
import { applyAll, type CreateOp, type Op, type StructuralOp } from "../outline/ops";
import { withSliderValue } from "../outline/props";
import type { PageAddress } from "../outline/schema";
import {
  backspaceAtStart,
  deleteAtEnd,
  firstBlock,
  indent,
  moveDown,
  moveUp,
  nextVisible,
  outdent,
  previousVisible,
  setCollapsed,
  split,
  type Caret,
  type Edit,
} from "../outline/edits";
import { emptyTree, getBlock, treeOf, type BlockNode, type Tree } from "../outline/tree";
import { enqueue } from "./save-queue";

export type PageEntry = {
  address: PageAddress;
  tree: Tree;
  /** A first block shown on an empty page but not saved until something is written in it. */
  draft?: CreateOp;
};

export type Editing = { pageKey: string; uid: string; caret: number; seq: number };

type PagesState = {
  pages: Record<string, PageEntry>;
  editing: Editing | null;
};

export const newUid = () => nanoid(9);

export function pageKeyOf(address: PageAddress): string {
  return "daily" in address ? `daily:${address.daily}` : `title:${address.title}`;
}

export const usePages = create<PagesState>(() => ({ pages: {}, editing: null }));

let seq = 0;

function setEntry(key: string, entry: PageEntry): void {
  usePages.setState((state) => ({ pages: { ...state.pages, [key]: entry } }));
}

export function loadPage(address: PageAddress, blocks: readonly BlockNode[]): void {
  const key = pageKeyOf(address);
  // Never replace a tree the user is already editing with an older server copy.
  if (usePages.getState().pages[key]) return;
  setEntry(key, { address, tree: treeOf(blocks) });
}

export function focusBlock(pageKey: string, uid: string, caret: number): void {
  seq += 1;
  usePages.setState({ editing: { pageKey, uid, caret, seq } });
}

/** Applies ops to a page and queues them; returns false (changing nothing) if one cannot apply. */
export function commit(pageKey: string, ops: readonly Op[]): boolean {
  const entry = usePages.getState().pages[pageKey];
  if (!entry || ops.length === 0) return false;
  const result = applyAll(entry.tree, ops);
  if (!result.ok) {
    console.warn(`Loam: change not applied: ${result.reason}`);
    return false;
  }
  const toSend = entry.draft ? [entry.draft, ...ops] : ops;
  setEntry(pageKey, { address: entry.address, tree: result.tree });
  enqueue(entry.address, toSend);
  return true;
}

/**
 * Applies an edit. With `as`, the structural op itself (split, merge, indent, outdent) is what
 * is applied and sent, so the server applies the same intent to its own tree; the edit worked
 * out here says where the caret goes.
 */
function run(pageKey: string, edit: Edit, as?: StructuralOp): boolean {
  if (!edit.ok) return false;
  if (!commit(pageKey, as ? [as] : edit.ops)) return false;
  if (edit.caret) focusBlock(pageKey, edit.caret.uid, edit.caret.offset);
  return true;
}

function treeOfPage(pageKey: string): Tree {
  return usePages.getState().pages[pageKey]?.tree ?? emptyTree;
}

/** Click on an empty page: a first block to type in, saved only once written in. */
export function startFirstBlock(pageKey: string): void {
  const entry = usePages.getState().pages[pageKey];
  if (!entry || entry.tree.blocks.size > 0) return;
  const edit = firstBlock(entry.tree, newUid());
  if (!edit.ok) return;
  const result = applyAll(entry.tree, edit.ops);
  const create = edit.ops[0];
  if (!result.ok || create?.type !== "create") return;
  setEntry(pageKey, { ...entry, tree: result.tree, draft: create });
  if (edit.caret) focusBlock(pageKey, edit.caret.uid, 0);
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
    setEntry(pageKey, { address: entry.address, tree: emptyTree });
  }
}

export const outlineActions = {
  setText(pageKey: string, uid: string, content: string): void {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block || block.content === content) return;
    commit(pageKey, [{ type: "update", uid, content }]);
  },
  enter(pageKey: string, uid: string, offset: number): boolean {
    const tree = treeOfPage(pageKey);
    const block = getBlock(tree, uid);
    // Enter on an empty indented block outdents it, as in Roam.
    if (block && block.content === "" && block.parent !== null) return run(pageKey, outdent(tree, uid, 0), { type: "outdent", uid });
    const created = newUid();
    return run(pageKey, split(tree, uid, offset, created), { type: "split", uid, offset, newUid: created });
  },
  indent: (pageKey: string, uid: string, offset: number) => run(pageKey, indent(treeOfPage(pageKey), uid, offset), { type: "indent", uid }),
  outdent: (pageKey: string, uid: string, offset: number) => run(pageKey, outdent(treeOfPage(pageKey), uid, offset), { type: "outdent", uid }),
  backspaceAtStart: (pageKey: string, uid: string) => run(pageKey, backspaceAtStart(treeOfPage(pageKey), uid), { type: "merge", uid }),
  deleteAtEnd(pageKey: string, uid: string): boolean {
    const tree = treeOfPage(pageKey);
    const next = nextVisible(tree, uid);
    return next !== undefined && run(pageKey, deleteAtEnd(tree, uid), { type: "merge", uid: next });
  },
  moveUp: (pageKey: string, uid: string, offset: number) => run(pageKey, moveUp(treeOfPage(pageKey), uid, offset)),
  moveDown: (pageKey: string, uid: string, offset: number) => run(pageKey, moveDown(treeOfPage(pageKey), uid, offset)),
  setCollapsed: (pageKey: string, uid: string, collapsed: boolean) => run(pageKey, setCollapsed(treeOfPage(pageKey), uid, collapsed)),
  /** Ctrl+Enter: cycles the block's TODO marker; returns where the caret goes. */
  cycleTodo(pageKey: string, uid: string, offset: number): number | undefined {
    const block = getBlock(treeOfPage(pageKey), uid);
    if (!block) return undefined;
    const next = cycleTodo(block.content);
    if (!commit(pageKey, [{ type: "update", uid, content: next.text }])) return undefined;
    return Math.max(0, offset + next.shift);
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
    return commit(pageKey, [{ type: "setProps", uid, props: withSliderValue(block.props, index, userId, value) }]);
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
    const tree = treeOfPage(pageKey);
    const target = direction === "up" ? previousVisible(tree, uid) : nextVisible(tree, uid);
    const block = target === undefined ? undefined : getBlock(tree, target);
    if (!block) return false;
    focusBlock(pageKey, block.uid, direction === "up" ? block.content.length : 0);
    return true;
  },
};

export type { Caret };
