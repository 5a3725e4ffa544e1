// A block being dragged by its bullet, and where it would land: rows read this to draw the
// drop indicator. Kept apart from the pages store so a drag never re-renders the outline.
import { create } from "zustand";
import type { DropPosition, Dragged } from "./transfer";

export type DropTarget = { pageKey: string; uid: string; position: DropPosition };

type DragState = { dragged: Dragged | null; target: DropTarget | null };

export const useDrag = create<DragState>(() => ({ dragged: null, target: null }));

export function startDrag(dragged: Dragged): void {
  useDrag.setState({ dragged, target: null });
}

export function setDropTarget(target: DropTarget | null): void {
  const current = useDrag.getState().target;
  if (current?.pageKey === target?.pageKey && current?.uid === target?.uid && current?.position === target?.position) return;
  useDrag.setState({ target });
}

export function endDrag(): void {
  useDrag.setState({ dragged: null, target: null });
}
