"use client";
// Where lib/store/notice.ts messages appear, with their button (Undo) when they have one.
import { useEffect } from "react";
import { dismissNotice, notify, useNotice } from "@/lib/store/notice";
import { restoreUndoOffer } from "@/lib/store/page-changes";
import { setKeptHandler, setRefusalHandler } from "@/lib/store/save-queue";

let restored = false;

export function Notice() {
  const text = useNotice((state) => state.text);
  const action = useNotice((state) => state.action);
  // Once per page load: a change made just before a reload can still be undone.
  useEffect(() => {
    if (!restored) restoreUndoOffer();
    restored = true;
  }, []);
  useEffect(() => setRefusalHandler((reason) => notify(`A change could not be saved and was left out: ${reason.replace(/ Nothing in this batch was saved\.$/, "")}`)), []);
  useEffect(
    () =>
      setKeptHandler((count) =>
        notify(count === 1 ? "A block you deleted was kept: it had just been changed in another tab." : `${count} blocks you deleted were kept: they had just been changed in another tab.`),
      ),
    [],
  );
  return (
    <div role="alert" className={text ? "notice" : "notice notice-empty"}>
      {text}
      {action && (
        <button
          type="button"
          className="notice-action"
          onClick={() => {
            dismissNotice();
            action.run();
          }}
        >
          {action.label}
        </button>
      )}
    </div>
  );
}
