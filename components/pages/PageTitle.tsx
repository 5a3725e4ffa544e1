"use client";
// A page's title: its namespace breadcrumb (`a / b`), the h1 that becomes editable on click
// (Enter or leaving it asks to rename, or to merge when the title exists), Export page as
// markdown (a download from /api/export/page) and Delete page.
// Every change is previewed first (PageChangeDialog) and can be undone from the notice after.
import Link from "next/link";
import { Fragment, useState } from "react";
import { namespaceParts } from "@/lib/markup/namespace";
import type { PageAddress } from "@/lib/outline/schema";
import type { PageChangePreview, PageChangeRequest } from "@/lib/server/page-changes";
import { ApiError } from "@/lib/store/api";
import { navigate, pageHref } from "@/lib/store/navigate";
import { notify } from "@/lib/store/notice";
import { applyPageChange, offerUndo, previewPageChange } from "@/lib/store/page-changes";
import { PageChangeDialog } from "./PageChangeDialog";

type Pending = { request: PageChangeRequest; preview: PageChangePreview; note: string | null };

export function PageTitle({ pageId, title, address }: { pageId: string | null; title: string; address: PageAddress }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(title);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const parts = namespaceParts(title);
  // Daily pages keep their date's title, as in Roam; a page with no row yet has nothing to rename.
  const renamable = pageId !== null && !("daily" in address);

  async function ask(request: PageChangeRequest) {
    setBusy(true);
    try {
      setPending({ request, preview: await previewPageChange(request), note: null });
    } catch (error) {
      notify((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  function finishEditing() {
    setEditing(false);
    if (pageId === null || draft === title || busy) return;
    void ask({ kind: "rename", pageId, title: draft });
  }

  async function confirm() {
    if (!pending) return;
    const { request, preview } = pending;
    setBusy(true);
    try {
      const { changeId } = await applyPageChange(request, preview, address);
      setPending(null);
      offerUndo(changeId, preview, address);
      if (preview.newTitle !== null) navigate(pageHref(preview.newTitle));
    } catch (error) {
      if (error instanceof ApiError && error.code === "stale_preview") {
        const fresh = error.details?.preview as PageChangePreview | undefined;
        if (fresh) setPending({ request, preview: fresh, note: "The graph changed since this was shown. This is what it would do now:" });
      } else {
        setPending(null);
        notify((error as Error).message);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <header className="page-header">
      {parts.length > 0 && (
        <nav aria-label="Namespace" className="namespace-crumbs">
          {parts.map((part, index) => (
            <Fragment key={part.title}>
              {index > 0 && <span aria-hidden="true"> / </span>}
              <Link href={pageHref(part.title)}>{part.label}</Link>
            </Fragment>
          ))}
        </nav>
      )}
      <h1
        className={renamable ? "page-title page-title-editable" : "page-title"}
        onClick={() => {
          if (!renamable || editing) return;
          setDraft(title);
          setEditing(true);
        }}
      >
        {editing ? (
          <input
            className="page-title-input"
            aria-label="Page title"
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.target.value)}
            onBlur={finishEditing}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                finishEditing();
              } else if (event.key === "Escape") {
                event.preventDefault();
                setDraft(title);
                setEditing(false);
              }
            }}
          />
        ) : (
          title
        )}
      </h1>
      {pageId !== null && (
        <div className="page-actions">
          <a className="page-export" href={`/api/export/page?title=${encodeURIComponent(title)}`} download>
            Export page as markdown
          </a>
          <button type="button" className="page-delete" disabled={busy} onClick={() => void ask({ kind: "delete", pageId })}>
            Delete page
          </button>
        </div>
      )}
      {pending && (
        <PageChangeDialog
          preview={pending.preview}
          note={pending.note}
          busy={busy}
          onConfirm={() => void confirm()}
          onCancel={() => setPending(null)}
        />
      )}
    </header>
  );
}
