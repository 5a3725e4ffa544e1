// `npm run bench:rename`: renaming a page linked from 10,000 blocks on 1,000 pages (previewed,
// applied, undone), then merging and deleting it, on a throwaway PostgreSQL database. Prints
// figures, asserts nothing. BENCH_BLOCKS and BENCH_PAGES change the graph's size.
import { nanoid } from "nanoid";
import { openDatabase } from "../lib/db/client";
import { dailyTitle } from "../lib/markup/daily";
import { signUp } from "../lib/server/accounts";
import { applyPageChange, previewPageChange, undoPageChange } from "../lib/server/page-changes";
import { reindexBlocksAnywhere } from "../lib/server/refs";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { ensurePostgres } from "./lib/services";

const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 10_000);
const PAGES = Number(process.env.BENCH_PAGES ?? 1_000);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`  ${label.padEnd(60)} ${(performance.now() - start).toFixed(0).padStart(7)} ms`);
  return result;
}

async function main(): Promise<void> {
  await ensurePostgres();
  const { name, url } = await createDatabase("loam_bench_rename");
  const database = await openDatabase({ kind: "postgres", url });
  try {
    const db = database.prisma;
    const user = await signUp(db, { email: `bench-${nanoid(6)}@example.test`, password: "benchmark password 1" });
    const actor = { userId: user.userId };
    const graphId = user.graphId;
    const pageIds = Array.from({ length: PAGES }, () => nanoid());
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    await database.raw.query(
      `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
       SELECT id, $1, title, d::date, now(), now() FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, title, d)`,
      [graphId, pageIds, pageIds.map((_, i) => dailyTitle(day(i))), pageIds.map((_, i) => day(i))],
    );
    const blocks = Array.from({ length: BLOCKS }, (_, i) => ({
      id: nanoid(),
      uid: nanoid(9),
      pageId: pageIds[i % PAGES] ?? "",
      order: `a${Math.floor(i / PAGES)}`,
      content: `Talked with [[Vincent Chan]] about #[[Vincent Chan]] and \`[[Vincent Chan]]\` ${i}`,
    }));
    await database.raw.query(
      `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt")
       SELECT id, $1, uid, page, NULL, o, c, '{}'::jsonb, now(), now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, uid, page, o, c)`,
      [graphId, blocks.map((b) => b.id), blocks.map((b) => b.uid), blocks.map((b) => b.pageId), blocks.map((b) => b.order), blocks.map((b) => b.content)],
    );
    await db.$transaction((tx) => reindexBlocksAnywhere(tx, graphId, blocks), { timeout: 120_000 });
    await database.raw.query(`ANALYZE`);
    const page = await db.page.findUniqueOrThrow({ where: { graphId_title: { graphId, title: "Vincent Chan" } }, select: { id: true } });

    console.log(`\nrename a page linked from ${BLOCKS.toLocaleString("en")} blocks on ${PAGES.toLocaleString("en")} pages (PostgreSQL)`);
    const rename = { kind: "rename", pageId: page.id, title: "Vincent C." } as const;
    const preview = await timed("preview (dry run: plan every rewrite, write nothing)", () => previewPageChange(db, actor, graphId, rename));
    console.log(`    ${preview.summary}`);
    const applied = await timed("apply (rewrite, reindex, op log, PageChange record)", () => applyPageChange(db, actor, graphId, rename, preview));
    await timed("undo", () => undoPageChange(db, actor, graphId, applied.changeId));

    await db.page.create({ data: { graphId, title: "VC" } });
    const merge = { kind: "rename", pageId: page.id, title: "VC" } as const;
    const mergePreview = await previewPageChange(db, actor, graphId, merge);
    const merged = await timed("merge into an existing page (apply)", () => applyPageChange(db, actor, graphId, merge, mergePreview));
    await timed("undo the merge", () => undoPageChange(db, actor, graphId, merged.changeId));

    const remove = { kind: "delete", pageId: page.id } as const;
    const deleted = await timed("delete the page (its links elsewhere reindexed)", () => applyPageChange(db, actor, graphId, remove, null));
    await timed("undo the delete", () => undoPageChange(db, actor, graphId, deleted.changeId));
  } finally {
    await database.close();
    await dropDatabase(name);
  }
}

await main();
