"use client";
// Where saving stands, always visible: Saved, Saving…, Offline: N changes waiting, Retrying: reason.
import { useEffect } from "react";
import { useStore } from "zustand";
import { installSaveListeners, saveState, type SaveState } from "@/lib/store/save-queue";
import { useViewer } from "./Viewer";

function changes(n: number): string {
  return `${n} change${n === 1 ? "" : "s"}`;
}

export function describeSaveState(state: SaveState): string {
  switch (state.kind) {
    case "saved":
      return "Saved";
    case "saving":
      return "Saving…";
    case "offline":
      return `Offline: ${changes(state.pending)} waiting`;
    case "retrying":
      return `Retrying: ${state.reason}`;
    case "failed":
      return `Not saved: ${state.reason}`;
  }
}

export function SaveStatus() {
  const state = useStore(saveState);
  const { userId } = useViewer();
  useEffect(() => installSaveListeners(userId), [userId]);
  return (
    <div role="status" className={`save-status save-${state.kind}`} aria-live="polite">
      {describeSaveState(state)}
    </div>
  );
}
