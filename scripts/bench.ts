// `npm run bench`: Loam's performance figures, printed, never asserted.
//   outline  — the pure tree model on a 10,000-block page (build, apply, edit, and batches of
//              10,000 ops: a paste and a selection delete, applied and inverted as the store
//              commits them)
//   database — loading a 10,000-block page from PostgreSQL as one flat indexed fetch versus a
//              recursive CTE, and saving one keystroke's batch into that page
// Then `npm run bench:markup` when it exists. Uses TEST_DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/postgres) with a throwaway database, dropped after.
// `npm run bench -- --outline` prints the outline figures only (no database needed).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { generateNKeysBetween } from "fractional-indexing";
import { nanoid } from "nanoid";
import { openDatabase } from "../lib/db/client";
import { split } from "../lib/outline/edits";
import { changeOf } from "../lib/outline/history";
import { apply, applyAll, type PrimitiveOp } from "../lib/outline/ops";
import { childrenOf, descendantsOf, getBlock, treeOf, visibleOrder, type BlockNode, type Tree } from "../lib/outline/tree";
import { signUp } from "../lib/server/accounts";
import { applyBatch } from "../lib/server/ops";
import { dayToDate, getDailyPage } from "../lib/server/pages";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { ensurePostgres } from "./lib/services";

const N = 10_000;

async function measure(label: string, runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(3, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const p95 = times[Math.floor(times.length * 0.95)] ?? 0;
  console.log(`  ${label.padEnd(68)} median ${median.toFixed(2).padStart(8)} ms   p95 ${p95.toFixed(2).padStart(8)} ms`);
  return median;
}

/** A realistic page: top-level blocks with 1–3 levels of children, about 60 characters each. */
function makeBlocks(count: number): BlockNode[] {
  const blocks: BlockNode[] = [];
  const perParent = new Map<string | null, number>();
  const keys = generateNKeysBetween(null, null, count);
  const open: string[] = [];
  for (let i = 0; i < count; i++) {
    const depth = i % 4 === 0 ? 0 : Math.min(open.length, 1 + (i % 3));
    open.length = depth;
    const parent = depth === 0 ? null : (open[depth - 1] ?? null);
    const uid = `b${i.toString(36).padStart(8, "0")}`;
    perParent.set(parent, (perParent.get(parent) ?? 0) + 1);
    blocks.push({ uid, parent, order: keys[i] ?? "a0", content: `Block ${i} mentions [[Vincent Chan]] and #reading notes`, props: {} });
    open[depth] = uid;
  }
  return blocks;
}

async function outlineBench(): Promise<void> {
  console.log(`\noutline (pure, ${N.toLocaleString("en")} blocks)`);
  const blocks = makeBlocks(N);
  await measure("build tree + children index + visible order", 20, () => {
    const tree = treeOf(blocks);
    childrenOf(tree, null);
    return visibleOrder(tree);
  });
  const tree = treeOf(blocks);
  visibleOrder(tree);
  const target = blocks[N / 2]?.uid ?? "";
  await measure("apply one text update (a keystroke)", 200, () => apply(tree, { type: "update", uid: target, content: "typed" }));
  await measure("split a block (Enter) incl. validation", 100, () => split(tree, target, 3, "newblock1"));
  await measure("one keystroke as the store commits it (applyAll + inverse)", 200, () => {
    const ops = [{ type: "update" as const, uid: target, content: "typed" }];
    applyAll(tree, ops);
    return changeOf(tree, ops);
  });
  await bulkBench(tree, target);
}

/**
 * The ops of pasting `count` blocks right after top-level block `after`, in document order
 * (parents first): `depth` levels, each top-level block followed by a chain of children.
 */
function pasteOps(tree: Tree, after: string, count: number, depth: number): PrimitiveOp[] {
  const siblings = childrenOf(tree, null);
  const next = siblings[siblings.indexOf(after) + 1];
  const tops = Math.ceil(count / depth);
  const topKeys = generateNKeysBetween(getBlock(tree, after)?.order ?? null, (next && getBlock(tree, next)?.order) ?? null, tops);
  const ops: PrimitiveOp[] = [];
  for (let i = 0; i < count; i++) {
    const top = Math.floor(i / depth);
    const level = i % depth;
    const parent = level === 0 ? null : `p${top}-${level - 1}`;
    const order = level === 0 ? (topKeys[top] ?? "a0") : "a0";
    ops.push({ type: "create", uid: `p${top}-${level}`, parent, order, content: `Pasted ${i} with [[a link]]`, props: {} });
  }
  return ops;
}

/** A selection delete of `roots` with their subtrees, leaves first (as selection.ts deleteBlocks makes it). */
function deleteOps(tree: Tree, roots: readonly string[]): PrimitiveOp[] {
  return roots.flatMap((uid) => [...descendantsOf(tree, uid).reverse(), uid].map((leaf): PrimitiveOp => ({ type: "delete", uid: leaf })));
}

/** Pasting 10,000 blocks and deleting them again, as the store commits them: applyAll, then changeOf for undo and redo. */
async function bulkBench(tree: Tree, after: string): Promise<void> {
  const K = 10_000;
  const k = K.toLocaleString("en");
  const page = `${N.toLocaleString("en")}-block page`;
  const runs = 5;
  console.log(`  (batches of ${k} ops; before: quadratic, one copy of the page's block map per op, 80–100 s each)`);
  for (const depth of [4, 1]) {
    const paste = pasteOps(tree, after, K, depth);
    const pasted = applyAll(tree, paste);
    if (!pasted.ok) throw new Error(`paste: ${pasted.reason}`);
    childrenOf(pasted.tree, null);
    const roots = paste.flatMap((op) => (op.type === "create" && op.parent === null ? [op.uid] : []));
    const remove = deleteOps(pasted.tree, roots);
    const shape = depth === 1 ? "flat" : `${depth} levels`;
    await measure(`paste ${k} blocks (${shape}) into a ${page}: applyAll`, runs, () => applyAll(tree, paste));
    await measure(`  the same paste: ops and inverse for undo (changeOf)`, runs, () => changeOf(tree, paste));
    await measure(`delete those ${k} blocks (${roots.length.toLocaleString("en")} roots selected): applyAll`, runs, () => applyAll(pasted.tree, remove));
    await measure(`  the same delete: ops and inverse for undo (changeOf)`, runs, () => changeOf(pasted.tree, remove));
  }
}

async function databaseBench(): Promise<void> {
  await ensurePostgres();
  const { name, url } = await createDatabase("loam_bench");
  const database = await openDatabase({ kind: "postgres", url });
  try {
    const db = database.prisma;
    const user = await signUp(db, { email: `bench-${nanoid(6)}@example.test`, password: "benchmark password 1" });
    const actor = { userId: user.userId };
    const day = "2026-11-28";
    const pageId = nanoid();
    await database.raw.query(
      `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt") VALUES ($1, $2, 'November 28th, 2026', $3, now(), now())`,
      [pageId, user.graphId, dayToDate(day)],
    );
    const blocks = makeBlocks(N);
    const ids = new Map(blocks.map((b) => [b.uid, nanoid()]));
    // Bulk insert as imports will: one statement over arrays (createMany is ~50x slower).
    await database.raw.query(
      `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt")
       SELECT id, $1, uid, $2, parent, ord, content, '{}'::jsonb, now(), now()
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(id, uid, parent, ord, content)`,
      [
        user.graphId,
        pageId,
        blocks.map((b) => ids.get(b.uid)),
        blocks.map((b) => b.uid),
        blocks.map((b) => (b.parent ? (ids.get(b.parent) ?? null) : null)),
        blocks.map((b) => b.order),
        blocks.map((b) => b.content),
      ],
    );
    await database.raw.query(`ANALYZE "Block"`);
    console.log(`\ndatabase (PostgreSQL, one page of ${N.toLocaleString("en")} blocks)`);
    const flat = await measure("load page rows: flat indexed fetch (pg)", 20, () =>
      database.raw.query(`SELECT id, uid, "parentId", "order", content, props FROM "Block" WHERE "pageId" = $1`, [pageId]),
    );
    const cte = await measure("load page rows: recursive CTE (pg, for comparison)", 20, () =>
      database.raw.query(
        `WITH RECURSIVE t AS (
           SELECT id, uid, "parentId", "order", content FROM "Block" WHERE "pageId" = $1 AND "parentId" IS NULL
           UNION ALL SELECT b.id, b.uid, b."parentId", b."order", b.content FROM "Block" b JOIN t ON b."parentId" = t.id)
         SELECT * FROM t`,
        [pageId],
      ),
    );
    console.log(`  ratio CTE / flat: ${(cte / flat).toFixed(2)}x`);
    await measure("GET a daily page: access check + fetch via Prisma + tree", 20, () => getDailyPage(db, actor, user.graphId, day));
    const uid = blocks[N / 2]?.uid ?? "";
    let n = 0;
    await measure("save one keystroke batch (1 update) into this page", 20, () =>
      applyBatch(db, actor, user.graphId, { ops: [{ id: nanoid(), page: { daily: day }, op: { type: "update", uid, content: `typed ${n++}` } }] }),
    );
  } finally {
    await database.close();
    await dropDatabase(name);
  }
}

async function main(): Promise<void> {
  await outlineBench();
  if (process.argv.includes("--outline")) return;
  await databaseBench();
  const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts;
  if (scripts["bench:markup"]) {
    console.log("\nmarkup");
    spawnSync("npm", ["run", "--silent", "bench:markup"], { stdio: "inherit" });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
