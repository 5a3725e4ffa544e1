"use client";
// Importing a Roam or Logseq export: choose a file → the preview (a dry run: counts, merges,
// uid collisions, encoding repairs, problems; a one-page markdown import's title can be changed)
// → Import, with a progress bar fed by the apply request's NDJSON stream → the result, with
// links to the pages and Undo. Past imports are listed below, each with Undo while it stands.
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { Uploaded } from "@/lib/server/import-files";
import type { ImportPreview, ImportSummary, UndoCheck } from "@/lib/server/imports";
import { getJson } from "@/lib/store/api";
import { pageHref } from "@/lib/store/navigate";

type Progress = { pages: number; blocks: number; pagesTotal: number; blocksTotal: number };
type Step =
  | { kind: "idle" }
  | { kind: "uploading"; fileName: string }
  | { kind: "preview"; id: string; preview: ImportPreview }
  | { kind: "applying"; id: string; preview: ImportPreview; progress: Progress | null }
  | { kind: "done"; id: string; preview: ImportPreview };

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

async function send<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || body === null) throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  return body;
}

/** Reads the apply request's NDJSON lines as they come. */
async function applyWithProgress(id: string, onProgress: (progress: Progress) => void): Promise<ImportPreview> {
  const response = await fetch(`/api/imports/${encodeURIComponent(id)}/apply`, { method: "POST" });
  if (!response.ok || !response.body) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (value) buffer += value;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      const line = JSON.parse(buffer.slice(0, newline)) as
        | ({ type: "progress" } & Progress)
        | { type: "done"; preview: ImportPreview }
        | { type: "error"; message: string };
      buffer = buffer.slice(newline + 1);
      if (line.type === "progress") onProgress(line);
      else if (line.type === "done") return line.preview;
      else throw new Error(line.message);
      newline = buffer.indexOf("\n");
    }
    if (done) throw new Error("The connection closed before the import finished; see the list of imports below.");
  }
}

function PreviewDetails({ preview }: { preview: ImportPreview }) {
  const { counts } = preview;
  return (
    <div className="import-preview-details">
      <p className="import-summary">{preview.summary}</p>
      <ul>
        <li>{count(counts.pagesCreated, "page")} to create</li>
        <li>
          {count(counts.pagesMerged, "existing page")} to add to
          {preview.merged.length > 0 ? `: ${preview.merged.join(", ")}${counts.pagesMerged > preview.merged.length ? "…" : ""}` : ""}
        </li>
        <li>{count(counts.blocksCreated, "block")} to create</li>
        <li>{count(counts.blocksPresent, "block")} already in the graph (skipped)</li>
      </ul>
      {counts.collisions > 0 && (
        <div className="import-collisions">
          <p>
            {count(counts.collisions, "block")} {counts.collisions === 1 ? "gets a new uid: its own is" : "get new uids: theirs are"} used by other blocks
            of this graph; references in the import follow:
          </p>
          <ul className="dialog-sample">
            {preview.collisions.map((collision) => (
              <li key={`${collision.uid}-${collision.newUid}`}>
                <span className="dialog-sample-page">{collision.page}</span>
                <code>(({collision.uid}))</code> → <code>(({collision.newUid}))</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.repairs.count > 0 && (
        <div className="import-repairs">
          <p>Repaired text damaged by a wrong encoding in {count(preview.repairs.count, "block")}.</p>
          <ul className="dialog-sample">
            {preview.repairs.sample.map((repair, index) => (
              <li key={index}>
                <span className="dialog-sample-page">{repair.where}</span>“{repair.before}” → “{repair.after}”
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.problems.count > 0 && (
        <div className="dialog-problems">
          <p>{count(preview.problems.count, "problem")} found:</p>
          <ul className="dialog-sample">
            {preview.problems.sample.map((problem, index) => (
              <li key={index}>
                <span className="dialog-sample-page">{problem.where}</span>
                {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function PastImport({ item, onChanged }: { item: ImportSummary; onChanged: () => void }) {
  const [check, setCheck] = useState<UndoCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const counts = item.preview?.counts;
  return (
    <li className="import-item">
      <span className="import-item-name">{item.fileName}</span>
      <span className="import-item-when">{dateFormat.format(new Date(item.appliedAt ?? item.createdAt))}</span>
      <span className="import-item-status">
        {item.status === "applied" && counts ? `${count(counts.blocksCreated, "block")} and ${count(counts.pagesCreated, "page")} imported` : item.status}
        {item.error ? ` — ${item.error}` : ""}
      </span>
      {item.status === "applied" && !check && (
        <button
          type="button"
          className="link-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            getJson<UndoCheck>(`/api/imports/${encodeURIComponent(item.id)}/undo`)
              .then(setCheck, (reason: unknown) => setError((reason as Error).message))
              .finally(() => setBusy(false));
          }}
        >
          Undo
        </button>
      )}
      {check && (
        <div className="import-undo-check" role="alertdialog" aria-label="Undo this import">
          <p>{check.summary}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setCheck(null)}>
              Keep it
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                send<UndoCheck>(`/api/imports/${encodeURIComponent(item.id)}/undo`, { method: "POST" })
                  .then(() => {
                    setCheck(null);
                    onChanged();
                  }, (reason: unknown) => setError((reason as Error).message))
                  .finally(() => setBusy(false));
              }}
            >
              Undo import
            </button>
          </div>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

export function ImportPanel() {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [past, setPast] = useState<ImportSummary[] | null>(null);

  const reload = useCallback(() => {
    getJson<ImportSummary[]>("/api/imports").then(setPast, (reason: unknown) => setError((reason as Error).message));
  }, []);
  useEffect(reload, [reload]);

  const upload = async (file: File) => {
    setError(null);
    setStep({ kind: "uploading", fileName: file.name });
    try {
      const uploaded = await send<Uploaded>(`/api/imports?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file });
      setTitle(uploaded.preview.title ?? "");
      setStep({ kind: "preview", ...uploaded });
    } catch (reason) {
      setError((reason as Error).message);
      setStep({ kind: "idle" });
    }
  };

  const retitle = async (id: string) => {
    setError(null);
    try {
      const preview = await send<ImportPreview>(`/api/imports/${encodeURIComponent(id)}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title }),
      });
      setStep({ kind: "preview", id, preview: { ...preview, title } });
    } catch (reason) {
      setError((reason as Error).message);
    }
  };

  const confirm = async (id: string, preview: ImportPreview) => {
    setError(null);
    setStep({ kind: "applying", id, preview, progress: null });
    try {
      const result = await applyWithProgress(id, (progress) => setStep({ kind: "applying", id, preview, progress }));
      setStep({ kind: "done", id, preview: result });
    } catch (reason) {
      setError((reason as Error).message);
      setStep({ kind: "idle" });
    }
    reload();
  };

  return (
    <section className="import-panel" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <p className="import-help">A Roam JSON export (.json), one Roam markdown page (.md), or a zip of a Roam markdown export or a Logseq graph (.zip).</p>
      <label className="import-file">
        Choose a file to import{" "}
        <input
          type="file"
          accept=".json,.md,.zip,application/json,text/markdown,application/zip"
          disabled={step.kind === "uploading" || step.kind === "applying"}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = "";
            if (file) void upload(file);
          }}
        />
      </label>
      {step.kind === "uploading" && <p role="status">Reading {step.fileName}…</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {step.kind === "preview" && (
        <div className="import-preview" aria-label="Import preview" role="region">
          <h3>Preview of {step.preview.fileName}</h3>
          {step.preview.format === "roam-markdown" && (
            <form
              className="import-title"
              onSubmit={(event) => {
                event.preventDefault();
                void retitle(step.id);
              }}
            >
              <label>
                Page title <input value={title} onChange={(event) => setTitle(event.currentTarget.value)} />
              </label>
              <button type="submit" disabled={title.trim() === "" || title === step.preview.title}>
                Use this title
              </button>
            </form>
          )}
          <PreviewDetails preview={step.preview} />
          <div className="dialog-buttons">
            <button type="button" onClick={() => setStep({ kind: "idle" })}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void confirm(step.id, step.preview)}>
              Import
            </button>
          </div>
        </div>
      )}

      {step.kind === "applying" && (
        <div className="import-progress">
          <progress
            aria-label="Import progress"
            max={step.progress?.blocksTotal || 1}
            value={step.progress ? Math.min(step.progress.blocks, step.progress.blocksTotal) : undefined}
          />
          <p role="status">
            {step.progress
              ? `Importing: ${count(step.progress.pages, "page")} of ${step.progress.pagesTotal.toLocaleString()}, ${step.progress.blocks.toLocaleString()} of ${count(step.progress.blocksTotal, "block")}…`
              : "Importing…"}
          </p>
        </div>
      )}

      {step.kind === "done" && (
        <div className="import-result" role="region" aria-label="Import result">
          <p role="status">Imported. {step.preview.summary.replace(/^The import /, "It ")}</p>
          {step.preview.created.length + step.preview.merged.length > 0 && (
            <ul className="import-pages">
              {[...step.preview.created, ...step.preview.merged].map((page) => (
                <li key={page}>
                  <Link href={pageHref(page)}>{page}</Link>
                </li>
              ))}
            </ul>
          )}
          <p className="import-help">To take it back, use Undo in the list of imports below.</p>
        </div>
      )}

      <h3>Past imports</h3>
      {past === null ? (
        <p className="loading">Loading…</p>
      ) : past.length === 0 ? (
        <p className="import-help">No imports yet.</p>
      ) : (
        <ul className="import-list" aria-label="Past imports">
          {past.map((item) => (
            <PastImport key={`${item.id}-${item.status}`} item={item} onChanged={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
