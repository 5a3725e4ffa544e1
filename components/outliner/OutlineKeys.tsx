"use client";
// Keys and clipboard events when no block is being edited: on a block selection (Roam's
// keys, ../shared/ROAM-KEYS.md), undo/redo, zooming out, copy/cut of selected blocks, and
// paste after them.
// Mounted once by the app shell; the focused block's editor has its own keys (outliner-keys.ts).
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { LOAM_MIME, readClipboard } from "@/lib/formats/clipboard";
import { getBlock } from "@/lib/outline/tree";
import { notify } from "@/lib/store/notice";
import { setNavigator } from "@/lib/store/navigate";
import { redoLast, treeOfPage, undoLast, usePages } from "@/lib/store/pages";
import { clearSelection, extendSelection, moveSelection, selectAllBlocks, selectionActions } from "@/lib/store/selection";
import { copySelection, pasteNodes } from "@/lib/store/transfer";
import { zoomOut } from "@/lib/store/zoom";

/** Keys typed into a field (search, sign-in, the block editor) are that field's own. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, [contenteditable=true]") !== null;
}

const isMod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;

/** What a key does to the current selection; true when it was used. */
function onSelectionKey(event: KeyboardEvent): boolean {
  const { key, shiftKey, altKey } = event;
  const mod = isMod(event);
  if (key === "Escape") return (clearSelection(), true);
  if (key === "ArrowUp" || key === "ArrowDown") {
    const direction = key === "ArrowUp" ? "up" : "down";
    if (altKey && shiftKey) return selectionActions.move(direction) || true;
    if (mod && shiftKey) return selectionActions.move(direction) || true;
    if (shiftKey) return extendSelection(direction) || true;
    return moveSelection(direction) || true;
  }
  if (key === "Backspace" || key === "Delete") return selectionActions.delete() || true;
  if (key === "Tab") return (shiftKey ? selectionActions.outdent() : selectionActions.indent()) || true;
  if (key === "Enter" && mod) return selectionActions.cycleTodo() || true;
  if (key === "Enter") return selectionActions.edit() || true;
  return false;
}

function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || typingIn(event.target)) return;
  const mod = isMod(event);
  const key = event.key.toLowerCase();
  const { selection, zoom, screenPage } = usePages.getState();
  let used = false;
  if (mod && key === "z") used = event.shiftKey ? redoLast() || true : undoLast() || true;
  else if (mod && key === "y") used = redoLast() || true;
  else if (mod && event.shiftKey && key === "a") {
    // The page on screen (never one loaded earlier in the tab and no longer shown).
    const pageKey = selection?.pageKey ?? screenPage ?? undefined;
    used = pageKey !== undefined && selectAllBlocks(pageKey);
  } else if (event.altKey && event.key === "ArrowLeft" && !selection) {
    const zoomed = Object.keys(zoom)[0];
    used = zoomed !== undefined && zoomOut(zoomed);
  } else if (selection) used = onSelectionKey(event);
  if (used) event.preventDefault();
}

function onCopy(event: ClipboardEvent, cut: boolean): void {
  if (typingIn(event.target) || !event.clipboardData) return;
  const payload = copySelection();
  if (!payload) return;
  event.preventDefault();
  event.clipboardData.setData("text/plain", payload.plain);
  event.clipboardData.setData("text/html", payload.html);
  event.clipboardData.setData(LOAM_MIME, payload.loam);
  if (cut) selectionActions.delete();
}

/** Ctrl+V with blocks selected: what is pasted goes in as blocks after the last selected one. */
function onPaste(event: ClipboardEvent): void {
  if (typingIn(event.target) || !event.clipboardData) return;
  const selection = usePages.getState().selection;
  const last = selection?.roots.at(-1);
  if (!selection || last === undefined) return;
  event.preventDefault();
  const data = event.clipboardData;
  const content = readClipboard({
    loam: data.getData(LOAM_MIME) || undefined,
    html: data.getData("text/html") || undefined,
    plain: data.getData("text/plain") || undefined,
  });
  const nodes = content.kind === "blocks" ? content.nodes : content.text === "" ? [] : [{ content: content.text, props: {}, children: [] }];
  if (nodes.length === 0) return;
  const length = getBlock(treeOfPage(selection.pageKey), last)?.content.length ?? 0;
  // At the end of a non-empty block, a paste goes right after it (and its children).
  const result = pasteNodes(selection.pageKey, last, Math.max(1, length), nodes);
  if (!result.ok) notify(`Nothing was pasted: ${result.reason}`);
}

/** A mouse press outside the selection (not a Shift+click, not on a dragged bullet) clears it. */
function onMouseDown(event: MouseEvent): void {
  const selection = usePages.getState().selection;
  if (!selection || event.shiftKey) return;
  const target = event.target instanceof Element ? event.target : null;
  const row = target?.closest("[data-uid]");
  if (target?.closest(".bullet") && row && selection.uids.has(row.getAttribute("data-uid") ?? "")) return;
  clearSelection();
}

export function OutlineKeys() {
  const router = useRouter();
  useEffect(() => {
    setNavigator((href) => router.push(href));
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    document.addEventListener("keydown", onKey);
    document.addEventListener("copy", copy);
    document.addEventListener("cut", cut);
    document.addEventListener("mousedown", onMouseDown);
    document.addEventListener("paste", onPaste);
    return () => {
      setNavigator(undefined);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("copy", copy);
      document.removeEventListener("cut", cut);
      document.removeEventListener("mousedown", onMouseDown);
      document.removeEventListener("paste", onPaste);
    };
  }, [router]);
  return null;
}
