// The steps of an import that start from the uploaded file: store it (streaming, size-limited),
// tell its format, preview it, retitle a one-page markdown import, and apply it. The readers in
// lib/formats turn the file into a GraphSource; imports.ts does the rest.
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { z } from "zod";
import type { Db } from "../db/client";
import type { UploadFormat } from "../formats/detect";
import { GraphReadError } from "../formats/graph";
import { withinLoamLimits } from "../formats/graph-limits";
import { DEFAULT_ZIP_LIMITS, readGraphZip } from "../formats/graph-zip";
import { readMarkdownPage } from "../formats/roam-markdown";
import { readRoamJson } from "../formats/roam-json";
import { MAX_TITLE_LENGTH } from "../outline/schema";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError, notFound } from "./errors";
import {
  applyImport,
  detectStored,
  expireUploads,
  maxImportBytes,
  previewSource,
  readStored,
  recordImport,
  sizeLimitText,
  storeUpload,
  type ImportPreview,
  type SourceOpener,
} from "./imports";

export const retitleSchema = z.object({ title: z.string().trim().min(1, "A page needs a title").max(MAX_TITLE_LENGTH) });

/** A reader over the stored file, opened afresh for each pass. */
async function openerOf(filePath: string, fileName: string, format: UploadFormat, title: string | null): Promise<SourceOpener> {
  if (format === "roam-json") return () => withinLoamLimits(readRoamJson(createReadStream(filePath), { fileName }));
  if (format === "zip") {
    // A zip may hold Roam's JSON export instead of pages: streamed to the same reader.
    const roamJson = (chunks: AsyncIterable<Uint8Array>, name: string) => readRoamJson(chunks, { fileName: name });
    return async () => withinLoamLimits(await readGraphZip(filePath, DEFAULT_ZIP_LIMITS, { roamJson }));
  }
  // One markdown page is small enough to read whole (the upload limit bounds it).
  const bytes = await readStored(filePath);
  return () => withinLoamLimits(readMarkdownPage(fileName, bytes, title === null ? {} : { title }));
}

export type Uploaded = { id: string; preview: ImportPreview };

/**
 * POST /api/imports: stores the body, checks what it is, and previews it (nothing is written to
 * pages or blocks). A file refused at any step is removed and leaves no Import row.
 */
export async function uploadImport(
  db: Db,
  actor: Actor,
  graphId: string,
  rawName: string,
  body: AsyncIterable<Uint8Array>,
  declaredBytes: number | null,
): Promise<Uploaded> {
  await requireGraph(db, actor, graphId, "write");
  const fileName = rawName.normalize("NFC").slice(0, 255) || "upload";
  const limit = maxImportBytes();
  if (declaredBytes !== null && declaredBytes > limit) {
    throw new AppError("too_large", `The file is larger than the import limit of ${sizeLimitText(limit)} (LOAM_IMPORT_MAX_BYTES).`);
  }
  await expireUploads(db).catch((error: unknown) => console.warn("Loam: could not expire old uploads", error));
  const stored = await storeUpload(body);
  try {
    const format = await detectStored(stored.filePath, fileName, stored.head);
    const open = await openerOf(stored.filePath, fileName, format, null);
    const preview = await previewSource(db, actor, graphId, open, { fileName, format, title: null });
    if (format === "roam-markdown") preview.title = preview.created[0] ?? preview.merged[0] ?? null;
    const id = await recordImport(db, actor, graphId, { fileName, format, size: stored.size, filePath: stored.filePath, title: null, preview });
    return { id, preview };
  } catch (error) {
    await rm(stored.filePath, { force: true });
    if (error instanceof GraphReadError) throw new AppError("invalid_request", error.message);
    throw error;
  }
}

type StoredImport = { fileName: string; format: UploadFormat; filePath: string | null; title: string | null; status: string };

async function storedImport(db: Db, graphId: string, importId: string): Promise<StoredImport & { filePath: string }> {
  const rows = await db.$sqlQuery<StoredImport>(`SELECT "fileName", format, "filePath", title, status FROM "Import" WHERE id = $1 AND "graphId" = $2`, [
    importId,
    graphId,
  ]);
  const row = rows[0];
  if (!row) throw notFound("That import was not found");
  if (row.status !== "previewed" || row.filePath === null) throw new AppError("invalid_request", `That import is ${row.status}; upload the file again.`);
  return { ...row, filePath: row.filePath };
}

/** A one-page markdown import under another title: previewed again, nothing written. */
export async function retitleImport(db: Db, actor: Actor, graphId: string, importId: string, rawTitle: string): Promise<ImportPreview> {
  await requireGraph(db, actor, graphId, "write");
  const title = rawTitle.normalize("NFC");
  const row = await storedImport(db, graphId, importId);
  if (row.format !== "roam-markdown") throw new AppError("invalid_request", "Only a one-page markdown import can be given another title.");
  const open = await openerOf(row.filePath, row.fileName, row.format, title);
  const preview = await previewSource(db, actor, graphId, open, { fileName: row.fileName, format: row.format, title });
  await db.$sqlQuery(`UPDATE "Import" SET title = $2, preview = $3::jsonb, "updatedAt" = now() WHERE id = $1`, [importId, title, JSON.stringify(preview)]);
  return preview;
}

/** Applies a previewed upload (imports.ts applyImport), reporting progress as it goes. */
export async function confirmImport(
  db: Db,
  actor: Actor,
  graphId: string,
  importId: string,
  onProgress?: Parameters<typeof applyImport>[5],
): Promise<ImportPreview> {
  await requireGraph(db, actor, graphId, "write");
  const row = await storedImport(db, graphId, importId);
  const open = await openerOf(row.filePath, row.fileName, row.format, row.title);
  return applyImport(db, actor, graphId, importId, open, onProgress);
}
