// A block being dragged by its bullet, and where it would land: rows read this to draw the
// drop indicator. Kept apart from the pages store so a drag never re-renders the outline.
import { create } from "zustand";
import type { Place } from "./pages";
import type { DropPosition, Dragged } from "./transfer";

/** A row the dragged blocks would land by, in the place (view) it is shown in. */
export type DropTarget = Place & { pageKey: string; uid: string; position: DropPosition };

type DragState = { dragged: Dragged | null; target: DropTarget | null };

export const useDrag = create<DragState>(() => ({ dragged: null, target: null }));

export function startDrag(dragged: Dragged): void {
  useDrag.setState({ dragged, target: null });
}

export function setDropTarget(target: DropTarget | null): void {
  const current = useDrag.getState().target;
  const same = current?.pageKey === target?.pageKey && current?.uid === target?.uid && current?.position === target?.position;
  if (same && current?.view === target?.view && current?.scope === target?.scope) return;
  useDrag.setState({ target });
}

export function endDrag(): void {
  useDrag.setState({ dragged: null, target: null });
}
