// Blocks going somewhere else: the clipboard (copy, cut, paste) and drag and drop, within a page
// or from one page to another. Each is a change the undo history takes back in one step.
import { generateNKeysBetween } from "fractional-indexing";
import { clipNodesOf, copyPayload, pasteBlocks, type ClipNode } from "../formats/clipboard";
import type { CreateOp, PrimitiveOp } from "../outline/primitive";
import { applyPrimitives } from "../outline/primitive";
import { deleteBlocks, moveBlocksTo, selectedUids } from "../outline/selection";
import { childrenOf, descendantsOf, getBlock, isCollapsed, type Tree } from "../outline/tree";
import { commit, focusBlock, newUid, treeOfPage, usePages } from "./pages";
import { newGroup } from "./undo-history";

export type DropPosition = "before" | "after" | "child";

/** What a copy or cut of the selection puts on the clipboard; undefined with nothing selected. */
export function copySelection(): ReturnType<typeof copyPayload> | undefined {
  const selection = usePages.getState().selection;
  if (!selection) return undefined;
  return copyPayload(clipNodesOf(treeOfPage(selection.pageKey), selection.roots));
}

/** Pastes blocks at the caret in `uid`; the caret goes to the end of the last pasted block. */
export function pasteNodes(pageKey: string, uid: string, offset: number, nodes: ClipNode[]): { ok: true } | { ok: false; reason: string } {
  const edit = pasteBlocks(treeOfPage(pageKey), uid, offset, nodes, newUid);
  if (!edit.ok) return edit;
  if (!commit(pageKey, edit.ops, { caretBefore: { uid, offset }, caretAfter: edit.caret })) return { ok: false, reason: "The paste could not be applied" };
  if (edit.caret) focusBlock(pageKey, edit.caret.uid, edit.caret.offset);
  return { ok: true };
}

/** Where a drop lands: under which parent, between which two siblings. */
function slotOf(tree: Tree, target: string, position: DropPosition): { parent: string | null; after: string | null; before: string | null } | undefined {
  const block = getBlock(tree, target);
  if (!block) return undefined;
  if (position === "child") return { parent: target, after: null, before: childrenOf(tree, target)[0] ?? null };
  const siblings = childrenOf(tree, block.parent);
  const index = siblings.indexOf(target);
  return position === "before"
    ? { parent: block.parent, after: siblings[index - 1] ?? null, before: target }
    : { parent: block.parent, after: target, before: siblings[index + 1] ?? null };
}

/** Create ops for new blocks placed at a slot, top-level ones first in order, each subtree parents first. */
function createsAt(tree: Tree, target: string, position: DropPosition, blocks: { uid: string; content: string; props?: Record<string, unknown>; subtree?: Tree }[]): PrimitiveOp[] | undefined {
  const slot = slotOf(tree, target, position);
  if (!slot) return undefined;
  const orderOf = (uid: string | null) => (uid === null ? null : (getBlock(tree, uid)?.order ?? null));
  const keys = generateNKeysBetween(orderOf(slot.after), orderOf(slot.before), blocks.length);
  const ops: PrimitiveOp[] = [];
  const targetBlock = getBlock(tree, target);
  if (position === "child" && targetBlock && isCollapsed(targetBlock)) {
    ops.push({ type: "setProps", uid: target, props: { ...targetBlock.props, collapsed: false } });
  }
  blocks.forEach((block, index) => {
    ops.push({ type: "create", uid: block.uid, parent: slot.parent, order: keys[index] ?? "a0", content: block.content, props: block.props ?? {} });
    if (!block.subtree) return;
    // The rest of the subtree keeps its own uids, parents and order keys.
    for (const uid of descendantsOf(block.subtree, block.uid)) {
      const node = getBlock(block.subtree, uid);
      if (node) ops.push({ type: "create", uid, parent: node.parent, order: node.order, content: node.content, props: node.props } satisfies CreateOp);
    }
  });
  return ops;
}

export type Dragged = { pageKey: string; roots: readonly string[] };

/** Whether dropping `dragged` on `target` of `pageKey` would put blocks into themselves. */
export function dropsIntoItself(dragged: Dragged, pageKey: string, target: string): boolean {
  if (dragged.pageKey !== pageKey) return false;
  return selectedUids(treeOfPage(pageKey), dragged.roots).has(target);
}

/**
 * Drops dragged blocks next to (or under) `target`. Within a page they move; onto another page
 * they move there keeping their uids (so references to them still resolve); with Alt, a
 * `((uid))` reference to each is dropped instead and nothing moves.
 */
export function dropBlocks(dragged: Dragged, pageKey: string, target: string, position: DropPosition, asReference: boolean): boolean {
  const tree = treeOfPage(pageKey);
  if (asReference) {
    const refs = dragged.roots.map((uid) => ({ uid: newUid(), content: `((${uid}))` }));
    const ops = createsAt(tree, target, position, refs);
    return ops !== undefined && commit(pageKey, ops);
  }
  if (dropsIntoItself(dragged, pageKey, target)) return false;
  if (dragged.pageKey === pageKey) {
    const edit = moveBlocksTo(tree, dragged.roots, target, position);
    return edit.ok && (edit.ops.length === 0 || commit(pageKey, edit.ops));
  }
  // From one page to another: deleted there, created here, undone together.
  const source = treeOfPage(dragged.pageKey);
  const removal = deleteBlocks(source, dragged.roots);
  const moved = dragged.roots.flatMap((uid) => {
    const block = getBlock(source, uid);
    return block ? [{ uid, content: block.content, props: { ...block.props }, subtree: source }] : [];
  });
  const creates = createsAt(tree, target, position, moved);
  if (!removal.ok || !creates || !applyPrimitives(tree, creates).ok) return false;
  const group = newGroup();
  if (!commit(dragged.pageKey, removal.ops, { group })) return false;
  return commit(pageKey, creates, { group });
}
