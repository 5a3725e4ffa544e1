// `npm run bench:export`: how fast exports run and how much memory they take.
// 1. Pure, no database: ../shared/fixtures/roam-lxyer/json/lxyer.json streamed from disk through
//    readRoamJson and writeRoamJson (a read-then-write round trip), and the same for a generated
//    Roam JSON of BENCH_BLOCKS (100,000) blocks written to a temporary file.
// 2. From PostgreSQL: a throwaway database with one account whose graph has BENCH_BLOCKS blocks on
//    BENCH_PAGES (2,000) pages, exported through lib/server/exports.ts as Roam JSON and as the
//    markdown zip (bytes counted, not kept).
// Prints the time and the peak memory (RSS, and JS heap, sampled every 5 ms, above what the
// process held before the step); asserts nothing. Drops the database at the end (Ctrl+C too).
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { nanoid } from "nanoid";
import { openDatabase, type Database } from "../lib/db/client";
import { readRoamJson } from "../lib/formats/roam-json";
import { writeRoamJson } from "../lib/formats/roam-json-out";
import { writeRoamMarkdownZip } from "../lib/formats/roam-markdown-out";
import { signUp } from "../lib/server/accounts";
import { exportPages } from "../lib/server/exports";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { runBench } from "./lib/bench-server";
import { ensurePostgres } from "./lib/services";

const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 100_000);
const PAGES = Number(process.env.BENCH_PAGES ?? 2_000);
const LXYER = new URL("../../shared/fixtures/roam-lxyer/json/lxyer.json", import.meta.url);
const MB = 1024 * 1024;

// A collection before each step, so its peak is measured from what is live, not from garbage.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

let database: Database | undefined;
let databaseName: string | undefined;
const tempDir = mkdtempSync(join(tmpdir(), "loam-bench-export-"));

/** Runs `step`, printing its time and the peak memory above the level before it. */
async function measured(label: string, step: () => Promise<string>): Promise<void> {
  collect();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 5);
  const start = performance.now();
  const note = await step();
  const elapsed = performance.now() - start;
  clearInterval(sampler);
  const rss = (peakRss - before.rss) / MB;
  const heap = (peakHeap - before.heapUsed) / MB;
  console.log(`  ${label.padEnd(58)} ${elapsed.toFixed(0).padStart(6)} ms   peak +${rss.toFixed(0).padStart(4)} MB RSS, +${heap.toFixed(0).padStart(4)} MB heap   ${note}`);
}

async function* fileChunks(path: string | URL): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

async function drain(chunks: AsyncIterable<string | Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
  return bytes;
}

/** A Roam JSON export of `blocks` blocks on `pages` pages, each top-level block with one child. */
async function writeGeneratedRoamJson(path: string, pages: number, blocks: number): Promise<void> {
  const out = createWriteStream(path);
  const perPage = Math.ceil(blocks / pages / 2);
  const time = Date.UTC(2025, 0, 1);
  out.write("[");
  for (let p = 0; p < pages; p++) {
    const children = Array.from({ length: perPage }, (_, b) => ({
      ":create/user": { ":user/uid": "benchuser" },
      "create-time": time + b,
      "edit-time": time + b,
      string: `Block ${p}.${b} about [[Topic ${b % 50}]] and #tag${p % 20}`,
      uid: nanoid(9),
      children: [{ string: `{{[[TODO]]}} child of ${p}.${b}`, uid: nanoid(9), "edit-time": time }],
    }));
    const page = { title: `Generated page ${p}`, uid: nanoid(9), "create-time": time, "edit-time": time, children };
    if (!out.write((p > 0 ? "," : "") + JSON.stringify(page))) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  out.write("]");
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function main(): Promise<void> {
  console.log("\nRoam JSON read then written (pure, streamed from disk)");
  await measured("lxyer.json (1,538 pages, 6,566 blocks, 2.2 MB)", async () => {
    const bytes = await drain(writeRoamJson(readRoamJson(fileChunks(LXYER)).pages));
    return `${(bytes / MB).toFixed(1)} MB written`;
  });
  const generated = join(tempDir, "generated.json");
  await writeGeneratedRoamJson(generated, PAGES, BLOCKS);
  await measured(`generated (${PAGES.toLocaleString("en")} pages, ${BLOCKS.toLocaleString("en")} blocks)`, async () => {
    const bytes = await drain(writeRoamJson(readRoamJson(fileChunks(generated)).pages));
    return `${(bytes / MB).toFixed(1)} MB written`;
  });

  await ensurePostgres();
  const created = await createDatabase("loam_bench_export");
  databaseName = created.name;
  database = await openDatabase({ kind: "postgres", url: created.url });
  const db = database.prisma;
  const user = await signUp(db, { email: `bench-${nanoid(6)}@example.test`, password: "benchmark password 1" });
  const actor = { userId: user.userId };
  const pageIds = Array.from({ length: PAGES }, () => nanoid());
  await database.raw.query(
    `INSERT INTO "Page" (id, "graphId", title, "createdAt", "updatedAt")
     SELECT id, $1, title, now(), now() FROM unnest($2::text[], $3::text[]) AS t(id, title)`,
    [user.graphId, pageIds, pageIds.map((_, i) => `Page ${i}`)],
  );
  // Half top-level blocks, half their children.
  const parents = Array.from({ length: Math.floor(BLOCKS / 2) }, (_, i) => ({ id: nanoid(), pageId: pageIds[i % PAGES]!, order: `a${Math.floor(i / PAGES)}` }));
  for (let at = 0; at < parents.length; at += 20_000) {
    const chunk = parents.slice(at, at + 20_000);
    for (const [rows, parent] of [
      [chunk, false],
      [chunk, true],
    ] as const) {
      await database.raw.query(
        `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt")
         SELECT id, $1, uid, page, par, o, c, '{}'::jsonb, now(), now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, uid, page, par, o, c)`,
        [
          user.graphId,
          rows.map((r) => (parent ? `${r.id}c` : r.id)),
          rows.map(() => nanoid(9)),
          rows.map((r) => r.pageId),
          rows.map((r) => (parent ? r.id : null)),
          rows.map((r) => (parent ? "a0" : r.order)),
          rows.map((r, i) => (parent ? `child ${i}` : `Block ${i} about [[Topic ${i % 50}]]\nwith a second line`)),
        ],
      );
    }
  }
  await database.raw.query("ANALYZE");

  console.log(`\nExport from PostgreSQL (${PAGES.toLocaleString("en")} pages, ${(parents.length * 2).toLocaleString("en")} blocks; 200 pages a batch)`);
  await measured("Roam JSON (exportPages → writeRoamJson)", async () => {
    const bytes = await drain(writeRoamJson(await exportPages(db, actor, user.graphId)));
    return `${(bytes / MB).toFixed(1)} MB`;
  });
  await measured("markdown zip (exportPages → writeRoamMarkdownZip)", async () => {
    const bytes = await drain(writeRoamMarkdownZip(await exportPages(db, actor, user.graphId)));
    return `${(bytes / MB).toFixed(1)} MB`;
  });
}

async function cleanup(): Promise<void> {
  rmSync(tempDir, { recursive: true, force: true });
  await database?.close();
  if (databaseName) await dropDatabase(databaseName);
}

runBench("bench:export", main, cleanup);
