"use client";
// A page's outline: a tree of blocks, each rendered as text except the one being edited. When
// the page is zoomed into a block, only that block's children are shown.
import Link from "next/link";
import { memo, useEffect, type DragEvent, type MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { childrenOf, isCollapsed } from "@/lib/outline/tree";
import { parse } from "@/lib/markup/parse";
import { headingLevel } from "@/lib/outline/props";
import type { BlockNode } from "@/lib/outline/tree";
import { endDrag, setDropTarget, startDrag, useDrag } from "@/lib/store/drag";
import { blockHref } from "@/lib/store/navigate";
import { focusBlock, isPlace, outlineActions, showPlace, startFirstBlock, usePages, type Place } from "@/lib/store/pages";
import { selectBlocks } from "@/lib/store/selection";
import { dropBlocks, dropsIntoItself, type DropPosition } from "@/lib/store/transfer";
import { useViewer } from "../app/Viewer";
import { isDone, Markup, type BlockWidgets } from "../markup/Markup";
import { BlockEditor } from "./BlockEditor";
import { caretOffsetFromPoint } from "./caret-from-point";

/** Dragged blocks carry this type, so drops from elsewhere (files, links) are told apart. */
const DRAG_TYPE = "application/x-loam-blocks";
/** A drop this far right of the bullet makes the dragged blocks children of the target. */
const CHILD_OFFSET_PX = 40;

/** Registers the place while it shows the page, so a caret placed without one lands where it is seen. */
function useShownPlace(pageKey: string, view: string | undefined, scope: string | undefined): void {
  useEffect(() => showPlace(pageKey, { view, scope }), [pageKey, view, scope]);
}

/**
 * `view`: the sidebar panel showing the page (undefined: the screen's own view, the one a
 * /block/<uid> zoom applies to).
 */
export function Outliner({ pageKey, label, view }: { pageKey: string; label: string; view?: string }) {
  useShownPlace(pageKey, view, undefined);
  const root = usePages((state) => (view === undefined ? (state.zoom[pageKey] ?? null) : null));
  const top = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree ? childrenOf(tree, root) : undefined;
  }));
  if (!top) return <div className="outline-loading" aria-busy="true" />;
  if (top.length === 0) {
    return (
      <button type="button" className="empty-page" onClick={() => startFirstBlock(pageKey, view === undefined ? {} : { view })}>
        Click here to start writing
      </button>
    );
  }
  return (
    <ul role="tree" aria-label={label} aria-multiselectable="true" className="outline">
      {top.map((uid) => (
        <BlockItem key={uid} pageKey={pageKey} uid={uid} level={1} view={view} />
      ))}
    </ul>
  );
}

/**
 * One block of a page with its children, as a reference shows it (linked and unlinked
 * references) or a sidebar panel (`view`): edited in place on its page's tree, the keys kept
 * inside it (`scope`).
 */
export function ReferenceOutline({ pageKey, uid, label, view }: { pageKey: string; uid: string; label: string; view?: string }) {
  useShownPlace(pageKey, view, uid);
  return (
    <ul role="tree" aria-label={label} aria-multiselectable="true" className="outline reference-outline">
      <BlockItem pageKey={pageKey} uid={uid} level={1} scope={uid} view={view} />
    </ul>
  );
}

function blockTextClass(block: BlockNode): string {
  const classes = ["block-text"];
  const heading = headingLevel(block.props);
  if (heading) classes.push(`heading-${heading}`);
  if (block.content.includes("DONE") && isDone(parse(block.content))) classes.push("done");
  return classes.join(" ");
}

/** Above the row's middle: before it; below, and far enough right: as its first child; else after it. */
function dropPositionAt(row: HTMLElement, event: DragEvent): DropPosition {
  const rect = row.getBoundingClientRect();
  if (event.clientY < rect.top + rect.height / 2) return "before";
  const bullet = row.querySelector(".bullet")?.getBoundingClientRect();
  return bullet && event.clientX > bullet.right + CHILD_OFFSET_PX ? "child" : "after";
}

/**
 * `scope`: the reference this block is shown under (a reference view), undefined in the page's
 * own view; `view`: the sidebar panel it is shown in. Together they are the row's place.
 */
const BlockItem = memo(function BlockItem({ pageKey, uid, level, scope, view }: { pageKey: string; uid: string; level: number; scope?: string; view?: string }) {
  const block = usePages((state) => state.pages[pageKey]?.tree.blocks.get(uid));
  const children = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree ? childrenOf(tree, uid) : [];
  }));
  // The same block may show in several places (its page, a reference, the sidebar): only the place it is edited in holds the editor.
  const place: Place = { view, scope };
  const editing = usePages((state) => (state.editing?.pageKey === pageKey && state.editing.uid === uid && isPlace(state.editing, place) ? state.editing : null));
  const selected = usePages((state) => state.selection?.pageKey === pageKey && state.selection.uids.has(uid) && isPlace(state.selection, place));
  const drop = useDrag((state) => (state.target?.pageKey === pageKey && state.target.uid === uid && isPlace(state.target, place) ? state.target.position : null));
  const { userId } = useViewer();
  if (!block) return null;
  const widgets: BlockWidgets = {
    toggleTodo: (start) => outlineActions.toggleTodo(pageKey, uid, start),
    setSlider: (index, value) => outlineActions.setSlider(pageKey, uid, index, userId, value),
  };
  const collapsed = isCollapsed(block);
  const hasKids = children.length > 0;

  const onClickText = (event: MouseEvent<HTMLDivElement>) => {
    // Links, checkboxes and sliders do their own thing; a click elsewhere edits the block.
    if ((event.target as HTMLElement).closest("a, input, button, [role=link], .embed")) return;
    if (event.shiftKey) return; // a range selection (onMouseDown)
    const offset = caretOffsetFromPoint(event.currentTarget, event.clientX, event.clientY);
    focusBlock(pageKey, uid, offset ?? block.content.length, place);
  };

  // Shift+click selects from the block being edited (or the selection's anchor) to this one.
  // Done on mouse down, before the editor loses focus and forgets which block it was.
  const onMouseDownRow = (event: MouseEvent<HTMLDivElement>) => {
    if (!event.shiftKey || event.button !== 0) return;
    // Shift+click on a bullet, link or tag opens it in the sidebar (components/sidebar).
    if ((event.target as HTMLElement).closest("a, [role=link], [data-ref-uid]")) return;
    const { editing: current, selection } = usePages.getState();
    const anchor = current?.pageKey === pageKey ? current.uid : selection?.pageKey === pageKey ? selection.anchor : undefined;
    if (anchor === undefined) return;
    event.preventDefault();
    selectBlocks(pageKey, anchor, uid);
  };

  const onDragStart = (event: DragEvent<HTMLAnchorElement>) => {
    const selection = usePages.getState().selection;
    // Dragging a selected block drags the whole selection.
    const roots = selection?.pageKey === pageKey && selection.uids.has(uid) ? selection.roots : [uid];
    startDrag({ pageKey, roots });
    event.dataTransfer.effectAllowed = "copyMove";
    event.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ pageKey, roots }));
    // Dropped into text (here or elsewhere), a block is a reference to it.
    event.dataTransfer.setData("text/plain", roots.map((root) => `((${root}))`).join("\n"));
    const row = event.currentTarget.closest(".block-row");
    if (row) event.dataTransfer.setDragImage(row, 12, 12);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    const dragged = useDrag.getState().dragged;
    if (!dragged || dropsIntoItself(dragged, pageKey, uid)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = event.altKey ? "copy" : "move";
    setDropTarget({ pageKey, uid, position: dropPositionAt(event.currentTarget, event), view, scope });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const dragged = useDrag.getState().dragged;
    if (!dragged) return;
    event.preventDefault();
    const position = dropPositionAt(event.currentTarget, event);
    endDrag();
    dropBlocks(dragged, pageKey, uid, position, event.altKey);
  };

  const rowClass = drop ? `block-row drop-${drop}` : "block-row";
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={hasKids ? !collapsed : undefined}
      aria-selected={selected}
      data-uid={uid}
      className={selected ? "block selected" : "block"}
    >
      <div
        className={rowClass}
        onMouseDown={onMouseDownRow}
        onDragOver={onDragOver}
        onDragLeave={(event) => {
          // Moving onto the row's own text or bullet is not leaving it.
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropTarget(null);
        }}
        onDrop={onDrop}
      >
        {hasKids ? (
          <button
            type="button"
            className={collapsed ? "fold fold-collapsed" : "fold"}
            aria-label={collapsed ? "Expand" : "Collapse"}
            onClick={() => outlineActions.setCollapsed(pageKey, uid, !collapsed)}
          />
        ) : (
          <span className="fold-space" aria-hidden="true" />
        )}
        <Link
          href={blockHref(uid)}
          className={collapsed && hasKids ? "bullet bullet-collapsed" : "bullet"}
          prefetch={false}
          aria-label="Zoom into block"
          title="Click to zoom in, drag to move (Alt: drop a reference)"
          draggable
          onDragStart={onDragStart}
          onDragEnd={endDrag}
        />
        {editing ? (
          <BlockEditor pageKey={pageKey} uid={uid} content={block.content} caret={editing.caret} seq={editing.seq} />
        ) : (
          <div className={blockTextClass(block)} onClick={onClickText}>
            <Markup text={block.content} blockProps={block.props} widgets={widgets} />
          </div>
        )}
      </div>
      {hasKids && !collapsed && (
        <ul role="group" className="children">
          {children.map((child) => (
            <BlockItem key={child} pageKey={pageKey} uid={child} level={level + 1} scope={scope} view={view} />
          ))}
        </ul>
      )}
    </li>
  );
});
