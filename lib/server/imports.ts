// Importing Roam and Logseq graphs (issue 8): upload → preview (a dry run) → apply (one
// transaction, bulk SQL, progress) → undo as a whole, also after a reload. The uploaded file
// waits under LOAM_IMPORT_DIR between the steps, so preview and apply must reach the same app
// server (or share that folder); it is removed after apply, undo, a failure, or a day unconfirmed.
// Every step checks that the actor may write the graph; an Import row is only ever read within
// its own graph.
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { Db } from "../db/client";
import { DETECT_BYTES, formatOfUpload, type UploadFormat } from "../formats/detect";
import { GraphReadError, type EncodingRepair, type GraphFormat, type GraphProblem, type GraphSource } from "../formats/graph";
import type { DeleteOp } from "../outline/primitive";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError, notFound } from "./errors";
import { ImportRun, SAMPLE_SIZE, type Collision, type ImportCounts, type RunProgress } from "./import-run";
import { logOpsWith, type PageOps } from "./op-log";

/** Where uploads wait between preview and apply. */
export function importDir(): string {
  return process.env.LOAM_IMPORT_DIR || path.join(tmpdir(), "loam-imports");
}

/** The largest upload accepted, in bytes (LOAM_IMPORT_MAX_BYTES, default 200 MB). */
export function maxImportBytes(): number {
  const value = Number(process.env.LOAM_IMPORT_MAX_BYTES);
  return Number.isFinite(value) && value > 0 ? value : 200 * 1024 * 1024;
}

/** "200 MB", "64 KB": the limit as a person reads it. */
export function sizeLimitText(bytes = maxImportBytes()): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Uploads never confirmed are removed after this long. */
const EXPIRE_AFTER_MS = 24 * 60 * 60 * 1000;
const MAX_PROBLEMS = 50;

/** Opens the uploaded file as a graph source (lib/server/import-sources.ts); called once per pass. */
export type SourceOpener = () => GraphSource | Promise<GraphSource>;

export type ImportPreview = {
  fileName: string;
  format: GraphFormat | UploadFormat;
  /** The page title of a one-page markdown import (editable before confirming); null otherwise. */
  title: string | null;
  counts: ImportCounts;
  merged: string[];
  created: string[];
  collisions: Collision[];
  repairs: { count: number; sample: EncodingRepair[] };
  problems: { count: number; sample: GraphProblem[] };
  summary: string;
};

export type ImportStatus = "previewed" | "applying" | "applied" | "failed" | "undone" | "expired";

export type ImportSummary = {
  id: string;
  fileName: string;
  format: string;
  size: number;
  status: ImportStatus;
  preview: ImportPreview | null;
  error: string | null;
  createdAt: string;
  appliedAt: string | null;
  undoneAt: string | null;
};

export type UndoCheck = { blocks: number; pages: number; edited: number; added: number; summary: string };

// JSON read back from the database is checked like any other boundary.
const countsSchema = z.object({
  pages: z.number(),
  pagesCreated: z.number(),
  pagesMerged: z.number(),
  blocks: z.number(),
  blocksCreated: z.number(),
  blocksPresent: z.number(),
  collisions: z.number(),
});
const previewSchema: z.ZodType<ImportPreview> = z.object({
  fileName: z.string(),
  format: z.enum(["roam-json", "roam-markdown", "logseq", "zip"]),
  title: z.string().nullable(),
  counts: countsSchema,
  merged: z.array(z.string()),
  created: z.array(z.string()),
  collisions: z.array(z.object({ uid: z.string(), newUid: z.string(), page: z.string() })),
  repairs: z.object({ count: z.number(), sample: z.array(z.object({ where: z.string(), before: z.string(), after: z.string() })) }),
  problems: z.object({ count: z.number(), sample: z.array(z.object({ where: z.string(), message: z.string() })) }),
  summary: z.string(),
});

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function summaryOf(counts: ImportCounts): string {
  if (counts.blocksCreated === 0 && counts.pagesCreated === 0) {
    return `Nothing new: all ${plural(counts.blocks, "block")} of ${plural(counts.pages, "page")} are in the graph already.`;
  }
  const parts = [`creates ${plural(counts.pagesCreated, "page")}`];
  if (counts.pagesMerged > 0) parts.push(`adds to ${plural(counts.pagesMerged, "existing page")}`);
  parts.push(`writes ${plural(counts.blocksCreated, "block")}`);
  let sentence = `The import ${parts.join(", ")}`;
  if (counts.blocksPresent > 0) sentence += `; ${plural(counts.blocksPresent, "block")} already in the graph are skipped`;
  return `${sentence}.`;
}

/** What a dry run over `open()` found: nothing is written (the run's statements only read). */
async function dryRun(db: Db, graphId: string, actor: Actor, open: SourceOpener, meta: { fileName: string; format: UploadFormat; title: string | null }) {
  const source = await open();
  const run = new ImportRun({ query: db.$sqlQuery }, { graphId, importId: "", userId: actor.userId, write: null });
  const result = await run.run(source);
  const preview: ImportPreview = {
    fileName: meta.fileName,
    format: meta.format === "zip" ? source.report.format : meta.format,
    title: meta.title,
    counts: result.counts,
    merged: result.merged,
    created: result.created,
    collisions: result.collisions,
    repairs: { count: source.report.repairs.length, sample: source.report.repairs.slice(0, 10) },
    problems: { count: source.report.problems.length, sample: source.report.problems.slice(0, MAX_PROBLEMS) },
    summary: summaryOf(result.counts),
  };
  return { preview };
}

const readError = (error: unknown) => (error instanceof GraphReadError ? new AppError("invalid_request", error.message) : error);

/** The preview of a source (a dry run); for tests and for a fresh look before applying. */
export async function previewSource(
  db: Db,
  actor: Actor,
  graphId: string,
  open: SourceOpener,
  meta: { fileName: string; format: UploadFormat; title?: string | null },
): Promise<ImportPreview> {
  await requireGraph(db, actor, graphId, "write");
  try {
    return (await dryRun(db, graphId, actor, open, { ...meta, title: meta.title ?? null })).preview;
  } catch (error) {
    throw readError(error);
  }
}

/** Records a previewed import (the file is already stored); returns its id. */
export async function recordImport(
  db: Db,
  actor: Actor,
  graphId: string,
  upload: { fileName: string; format: UploadFormat; size: number; filePath: string | null; title: string | null; preview: ImportPreview },
): Promise<string> {
  await requireGraph(db, actor, graphId, "write");
  const id = randomUUID();
  await db.$sqlQuery(
    `INSERT INTO "Import" (id, "graphId", "userId", "fileName", format, size, status, "filePath", title, preview, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'previewed', $7, $8, $9::jsonb, now())`,
    [id, graphId, actor.userId, upload.fileName, upload.format, upload.size, upload.filePath, upload.title, JSON.stringify(upload.preview)],
  );
  return id;
}

type ImportRow = {
  id: string;
  fileName: string;
  format: string;
  size: number;
  status: ImportStatus;
  filePath: string | null;
  title: string | null;
  preview: unknown;
  progress: unknown;
  error: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  undoneAt: Date | null;
};

async function importRow(db: Db, graphId: string, importId: string): Promise<ImportRow> {
  const rows = await db.$sqlQuery<ImportRow>(
    `SELECT id, "fileName", format, size, status, "filePath", title, preview, progress, error, "createdAt", "appliedAt", "undoneAt"
     FROM "Import" WHERE id = $1 AND "graphId" = $2`,
    [importId, graphId],
  );
  const row = rows[0];
  if (!row) throw notFound("That import was not found");
  return row;
}

function summaryOfRow(row: ImportRow): ImportSummary {
  const preview = row.preview === null ? null : previewSchema.safeParse(row.preview);
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    size: row.size,
    status: row.status,
    preview: preview?.success ? preview.data : null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    undoneAt: row.undoneAt?.toISOString() ?? null,
  };
}

export async function getImport(db: Db, actor: Actor, graphId: string, importId: string): Promise<ImportSummary> {
  await requireGraph(db, actor, graphId, "read");
  return summaryOfRow(await importRow(db, graphId, importId));
}

/** The graph's imports, newest first (the last 50). */
export async function listImports(db: Db, actor: Actor, graphId: string): Promise<ImportSummary[]> {
  await requireGraph(db, actor, graphId, "read");
  const rows = await db.$sqlQuery<ImportRow>(
    `SELECT id, "fileName", format, size, status, "filePath", title, preview, progress, error, "createdAt", "appliedAt", "undoneAt"
     FROM "Import" WHERE "graphId" = $1 ORDER BY "createdAt" DESC LIMIT 50`,
    [graphId],
  );
  return rows.map(summaryOfRow);
}

async function removeFile(filePath: string | null): Promise<void> {
  if (filePath) await rm(filePath, { force: true });
}

/**
 * Applies a previewed import in one transaction, in one pass over the source. A source that
 * fails midway (GraphReadError) or any other error writes nothing.
 */
export async function applyImport(
  db: Db,
  actor: Actor,
  graphId: string,
  importId: string,
  open: SourceOpener,
  onProgress?: (progress: RunProgress & { pagesTotal: number; blocksTotal: number }) => void,
): Promise<ImportPreview> {
  await requireGraph(db, actor, graphId, "write");
  const claimed = await db.$sqlQuery<ImportRow>(
    `UPDATE "Import" SET status = 'applying', "updatedAt" = now() WHERE id = $1 AND "graphId" = $2 AND status = 'previewed'
     RETURNING id, "fileName", format, size, status, "filePath", title, preview, progress, error, "createdAt", "appliedAt", "undoneAt"`,
    [importId, graphId],
  );
  const row = claimed[0];
  if (!row) {
    const current = await importRow(db, graphId, importId);
    throw new AppError("invalid_request", current.status === "applying" ? "That import is running already." : `That import is ${current.status}; upload the file again.`);
  }
  const seen = previewSchema.parse(row.preview);
  // The source's own totals do not depend on the graph: the preview's are the run's.
  const totals = { pagesTotal: seen.counts.pages, blocksTotal: seen.counts.blocks };
  try {
    const result = await db.$sqlTransaction(async (sql) => {
      onProgress?.({ pages: 0, blocks: 0, ...totals });
      const done = await new ImportRun(sql, {
        graphId,
        importId,
        userId: actor.userId,
        write: { onProgress: (progress) => onProgress?.({ ...progress, ...totals }) },
      }).run(await open());
      const preview: ImportPreview = {
        ...seen,
        counts: done.counts,
        merged: done.merged,
        created: done.created,
        collisions: done.collisions,
        summary: summaryOf(done.counts),
      };
      await sql.query(
        `UPDATE "Import" SET status = 'applied', "appliedAt" = clock_timestamp(), "updatedAt" = now(), preview = $2::jsonb, "filePath" = NULL,
           progress = $3::jsonb, error = NULL WHERE id = $1`,
        [importId, JSON.stringify(preview), JSON.stringify({ pages: done.counts.pages, blocks: done.counts.blocks })],
      );
      return preview;
    });
    await removeFile(row.filePath);
    return result;
  } catch (error) {
    const message = error instanceof GraphReadError ? error.message : "The import failed and wrote nothing.";
    await db.$sqlQuery(`UPDATE "Import" SET status = 'failed', error = $2, "filePath" = NULL, "updatedAt" = now() WHERE id = $1`, [importId, message]);
    await removeFile(row.filePath);
    if (error instanceof GraphReadError) throw readError(error);
    throw error;
  }
}

/** What undo would take away, and what was done to it since (so the person is told first). */
export async function checkUndo(db: Db, actor: Actor, graphId: string, importId: string): Promise<UndoCheck> {
  await requireGraph(db, actor, graphId, "write");
  const row = await importRow(db, graphId, importId);
  if (row.status !== "applied") throw new AppError("invalid_request", `That import is ${row.status}; there is nothing to undo.`);
  const counts = await db.$sqlQuery<{ blocks: number; pages: number; edited: number; added: number }>(
    `SELECT
       (SELECT count(*)::int FROM "Block" WHERE "graphId" = $1 AND "importId" = $2) AS blocks,
       (SELECT count(*)::int FROM "Page" WHERE "graphId" = $1 AND "importId" = $2) AS pages,
       (SELECT count(*)::int FROM "Block" WHERE "graphId" = $1 AND "importId" = $2 AND "updatedAt" > $3) AS edited,
       (SELECT count(*)::int FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
          WHERE p."graphId" = $1 AND p."importId" = $2 AND b."importId" IS DISTINCT FROM $2) AS added`,
    [graphId, importId, row.appliedAt],
  );
  const { blocks, pages, edited, added } = counts[0] ?? { blocks: 0, pages: 0, edited: 0, added: 0 };
  let summary = `Undo removes ${plural(blocks, "block")} and ${plural(pages, "page")} this import made.`;
  if (edited > 0) summary += ` ${plural(edited, "of them was", "of them were")} edited since; the edits go too.`;
  if (added > 0) summary += ` ${plural(added, "block")} written since on its pages ${added === 1 ? "goes" : "go"} too.`;
  return { blocks, pages, edited, added, summary };
}

/**
 * Takes an applied import back in one transaction: its blocks (children written under them
 * since go with them) and the pages it made, except pages something else now writes on or
 * links to, which stay (emptied of its blocks). Other tabs see the blocks leave merged pages.
 */
export async function undoImport(db: Db, actor: Actor, graphId: string, importId: string): Promise<UndoCheck> {
  const check = await checkUndo(db, actor, graphId, importId);
  await db.$sqlTransaction(async (sql) => {
    const locked = await sql.query<{ status: string }>(`SELECT status FROM "Import" WHERE id = $1 AND "graphId" = $2 FOR UPDATE`, [importId, graphId]);
    if (locked[0]?.status !== "applied") throw new AppError("invalid_request", "That import was undone already.");
    // Blocks leaving pages that stay: other tabs are told, children before their parents.
    const leaving = await sql.query<{ uid: string; pageId: string; depth: number }>(
      `WITH RECURSIVE gone AS (
         SELECT b.id, b.uid, b."pageId", 0 AS depth FROM "Block" b
         WHERE b."graphId" = $1 AND b."importId" = $2
           AND (b."parentId" IS NULL OR NOT EXISTS (SELECT 1 FROM "Block" p WHERE p.id = b."parentId" AND p."importId" = $2))
         UNION ALL
         SELECT c.id, c.uid, c."pageId", g.depth + 1 FROM "Block" c JOIN gone g ON c."parentId" = g.id
       )
       SELECT g.uid, g."pageId", g.depth FROM gone g JOIN "Page" p ON p.id = g."pageId"
       WHERE p."importId" IS DISTINCT FROM $2
       ORDER BY g.depth DESC`,
      [graphId, importId],
    );
    const byPage = new Map<string, DeleteOp[]>();
    for (const block of leaving) {
      const ops = byPage.get(block.pageId) ?? [];
      ops.push({ type: "delete", uid: block.uid });
      byPage.set(block.pageId, ops);
    }
    // Pages it made that others now use stay, as pages of the graph.
    await sql.query(
      `UPDATE "Page" p SET "importId" = NULL WHERE p."graphId" = $1 AND p."importId" = $2 AND (
         EXISTS (SELECT 1 FROM "Block" b WHERE b."pageId" = p.id AND b."importId" IS DISTINCT FROM $2)
         OR EXISTS (SELECT 1 FROM "Ref" r JOIN "Block" b ON b.id = r."blockId" WHERE r."pageId" = p.id AND b."importId" IS DISTINCT FROM $2))`,
      [graphId, importId],
    );
    await sql.query(`DELETE FROM "Block" WHERE "graphId" = $1 AND "importId" = $2`, [graphId, importId]);
    await sql.query(`DELETE FROM "Page" WHERE "graphId" = $1 AND "importId" = $2`, [graphId, importId]);
    const logged: PageOps[] = [...byPage].map(([pageId, ops]) => ({ pageId, ops }));
    await logOpsWith(sql, graphId, null, logged);
    await sql.query(`UPDATE "Import" SET status = 'undone', "undoneAt" = now(), "updatedAt" = now() WHERE id = $1`, [importId]);
  });
  return check;
}

/** Removes files of imports never confirmed within a day (runs on each upload). */
export async function expireUploads(db: Db): Promise<void> {
  const rows = await db.$sqlQuery<{ filePath: string | null }>(
    `UPDATE "Import" i SET status = 'expired', "filePath" = NULL, "updatedAt" = now()
     FROM (SELECT id, "filePath" FROM "Import" WHERE status = 'previewed' AND "createdAt" < $1 FOR UPDATE SKIP LOCKED) old
     WHERE i.id = old.id
     RETURNING old."filePath"`,
    [new Date(Date.now() - EXPIRE_AFTER_MS)],
  );
  for (const row of rows) await removeFile(row.filePath);
}

/**
 * Streams `body` to a new file under importDir(), refusing more than maxImportBytes() as soon as
 * that many have arrived (the file is removed). Returns the path, the size and the first bytes.
 */
export async function storeUpload(body: AsyncIterable<Uint8Array>): Promise<{ filePath: string; size: number; head: Uint8Array }> {
  const dir = importDir();
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, `${randomUUID()}.upload`);
  const limit = maxImportBytes();
  const out = createWriteStream(filePath, { flags: "wx" });
  const head = new Uint8Array(DETECT_BYTES);
  let headLength = 0;
  let size = 0;
  const finished = new Promise<void>((resolve, reject) => {
    out.on("finish", resolve);
    out.on("error", reject);
  });
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > limit) {
        throw new AppError("too_large", `The file is larger than the import limit of ${sizeLimitText(limit)} (LOAM_IMPORT_MAX_BYTES).`);
      }
      if (headLength < DETECT_BYTES) {
        const take = chunk.subarray(0, DETECT_BYTES - headLength);
        head.set(take, headLength);
        headLength += take.byteLength;
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    out.end();
    await finished;
  } catch (error) {
    out.destroy();
    await rm(filePath, { force: true });
    throw error;
  }
  return { filePath, size, head: head.subarray(0, headLength) };
}

/** The stored file's bytes (a one-page markdown upload is read whole; it is small). */
export async function readStored(filePath: string): Promise<Uint8Array> {
  const handle = await open(filePath, "r");
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

/** Checks the upload's format, or removes it and says why it is refused. */
export async function detectStored(filePath: string, fileName: string, head: Uint8Array): Promise<UploadFormat> {
  try {
    return formatOfUpload(fileName, head);
  } catch (error) {
    await rm(filePath, { force: true });
    throw readError(error);
  }
}

export { removeFile, SAMPLE_SIZE };
