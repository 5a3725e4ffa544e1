"use client";
// What a rename, merge or delete will do, before it runs: the server's preview in a sentence,
// a few of the blocks before and after, and why it cannot run when it cannot.
import { useEffect, useRef } from "react";
import type { PageChangePreview } from "@/lib/server/page-changes";

const HEADING = { rename: "Rename page?", merge: "Merge pages?", delete: "Delete page?" } as const;
const CONFIRM = { rename: "Rename", merge: "Merge", delete: "Delete" } as const;

export function PageChangeDialog({
  preview,
  note,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: PageChangePreview;
  /** Said above the preview (that the graph changed since the last one, say). */
  note: string | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirm = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const blocked = preview.problems.length > 0;
  useEffect(() => {
    (blocked ? cancel : confirm).current?.focus();
  }, [blocked, preview]);
  return (
    <div className="dialog-backdrop">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="page-change-heading"
        className="dialog"
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
      >
        <h2 id="page-change-heading">{HEADING[preview.kind]}</h2>
        {note && <p className="dialog-note">{note}</p>}
        <p className="dialog-summary">{preview.summary}</p>
        {blocked && (
          <ul className="dialog-problems" aria-label="Why it cannot be done">
            {preview.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
        {preview.sample.length > 0 && (
          <ul className="dialog-sample" aria-label="For example">
            {preview.sample.map((item, index) => (
              <li key={index}>
                <span className="dialog-sample-page">{item.page}</span>
                <code>{item.before}</code>
                {item.after !== null && (
                  <>
                    {" → "}
                    <code>{item.after}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <div className="dialog-buttons">
          <button ref={cancel} type="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button ref={confirm} type="button" className={preview.kind === "delete" ? "danger" : "primary"} onClick={onConfirm} disabled={busy || blocked}>
            {CONFIRM[preview.kind]}
          </button>
        </div>
      </div>
    </div>
  );
}
