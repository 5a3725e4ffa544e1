"use client";
// A page's outline: a tree of blocks, each rendered as text except the one being edited.
import { memo, type MouseEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { childrenOf, isCollapsed } from "@/lib/outline/tree";
import { parse } from "@/lib/markup/parse";
import { headingLevel } from "@/lib/outline/props";
import type { BlockNode } from "@/lib/outline/tree";
import { focusBlock, outlineActions, startFirstBlock, usePages } from "@/lib/store/pages";
import { useViewer } from "../app/Viewer";
import { isDone, Markup, type BlockWidgets } from "../markup/Markup";
import { BlockEditor } from "./BlockEditor";
import { caretOffsetFromPoint } from "./caret-from-point";

export function Outliner({ pageKey, label }: { pageKey: string; label: string }) {
  const top = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree ? childrenOf(tree, null) : undefined;
  }));
  if (!top) return <div className="outline-loading" aria-busy="true" />;
  if (top.length === 0) {
    return (
      <button type="button" className="empty-page" onClick={() => startFirstBlock(pageKey)}>
        Click here to start writing
      </button>
    );
  }
  return (
    <ul role="tree" aria-label={label} className="outline">
      {top.map((uid) => (
        <BlockItem key={uid} pageKey={pageKey} uid={uid} level={1} />
      ))}
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

const BlockItem = memo(function BlockItem({ pageKey, uid, level }: { pageKey: string; uid: string; level: number }) {
  const block = usePages((state) => state.pages[pageKey]?.tree.blocks.get(uid));
  const children = usePages(useShallow((state) => {
    const tree = state.pages[pageKey]?.tree;
    return tree ? childrenOf(tree, uid) : [];
  }));
  const editing = usePages((state) => (state.editing?.pageKey === pageKey && state.editing.uid === uid ? state.editing : null));
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
    const offset = caretOffsetFromPoint(event.currentTarget, event.clientX, event.clientY);
    focusBlock(pageKey, uid, offset ?? block.content.length);
  };

  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={hasKids ? !collapsed : undefined}
      aria-selected={false}
      data-uid={uid}
      className="block"
    >
      <div className="block-row">
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
        <span className={collapsed && hasKids ? "bullet bullet-collapsed" : "bullet"} aria-hidden="true" />
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
            <BlockItem key={child} pageKey={pageKey} uid={child} level={level + 1} />
          ))}
        </ul>
      )}
    </li>
  );
});
