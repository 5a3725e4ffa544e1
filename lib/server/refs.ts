// The reference index: Ref rows (block → page, by link, tag or attribute) and BlockRef rows
// (block → block uid), derived from each written block's text with lib/markup's extractRefs,
// in the same transaction as the write. Pages that are linked but do not exist yet are
// created, as in Roam. Backlinks are then one indexed lookup, never a text scan.
import type { Tx } from "../db/client";
import { prismaSql } from "../db/prisma-sql";
import type { SqlQuery } from "../db/sql-runner";
import { dayOfDailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";

export type WrittenBlock = { id: string; content: string };

/** Replaces the index rows of `blocks` (all on page `pageId`) with what their text says now. */
export function reindexBlocks(tx: Tx, graphId: string, pageId: string, blocks: readonly WrittenBlock[]): Promise<void> {
  return reindexBlocksWith(prismaSql(tx), graphId, pageId, blocks);
}

/**
 * The same for blocks on any pages of the graph (a rename rewrites blocks on hundreds of pages):
 * one set of statements for all, each Ref taking its date from its block's page.
 */
export function reindexBlocksAnywhere(tx: Tx, graphId: string, blocks: readonly WrittenBlock[]): Promise<void> {
  return reindexBlocksWith(prismaSql(tx), graphId, null, blocks);
}

/**
 * reindexBlocks inside a transaction of plain SQL (the text-only save path, text-ops.ts).
 * `pageId` null: the blocks may be on any pages (reindexBlocksAnywhere).
 */
export async function reindexBlocksWith(sql: SqlQuery, graphId: string, pageId: string | null, blocks: readonly WrittenBlock[]): Promise<void> {
  if (blocks.length === 0) return;
  const ids = blocks.map((block) => block.id);
  await sql.query(`DELETE FROM "Ref" WHERE "blockId" = ANY($1::text[])`, [ids]);
  await sql.query(`DELETE FROM "BlockRef" WHERE "blockId" = ANY($1::text[])`, [ids]);

  const pageRefs: { blockId: string; title: string; kind: "link" | "tag" | "attribute" }[] = [];
  const blockRefs: { blockId: string; uid: string }[] = [];
  for (const block of blocks) {
    const refs = extractRefs(block.content);
    for (const page of refs.pages) pageRefs.push({ blockId: block.id, title: page.title, kind: page.kind });
    for (const uid of refs.blockUids) blockRefs.push({ blockId: block.id, uid });
  }

  if (blockRefs.length > 0) {
    await sql.query(
      `INSERT INTO "BlockRef" ("blockId", "targetUid", "graphId")
       SELECT b, u, $3 FROM unnest($1::text[], $2::text[]) AS t(b, u)
       ON CONFLICT DO NOTHING`,
      [blockRefs.map((r) => r.blockId), blockRefs.map((r) => r.uid), graphId],
    );
  }
  if (pageRefs.length === 0) return;

  // Linked pages that do not exist yet are made now (a daily title makes a daily page).
  const titles = [...new Set(pageRefs.map((ref) => ref.title))];
  await sql.query(
    `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
     SELECT gen_random_uuid()::text, $1, t, d, now(), now()
     FROM unnest($2::text[], $3::date[]) AS x(t, d)
     ON CONFLICT DO NOTHING`,
    // Days as ISO text: a Date would be sent in the server's own time zone.
    [graphId, titles, titles.map((title) => dayOfDailyTitle(title) ?? null)],
  );
  const pages = await sql.query<{ id: string; title: string }>(`SELECT id, title FROM "Page" WHERE "graphId" = $1 AND title = ANY($2::text[])`, [graphId, titles]);
  const pageIdByTitle = new Map(pages.map((page) => [page.title, page.id]));
  const rows = pageRefs.flatMap((ref) => {
    const target = pageIdByTitle.get(ref.title);
    return target ? [{ ...ref, target }] : [];
  });
  const columns = [rows.map((r) => r.blockId), rows.map((r) => r.target), rows.map((r) => r.kind), graphId];
  if (pageId !== null) {
    await sql.query(
      `INSERT INTO "Ref" ("blockId", "pageId", kind, "graphId", "sourceDate")
       SELECT b, p, k::"RefKind", $4, (SELECT "dailyDate" FROM "Page" WHERE id = $5)
       FROM unnest($1::text[], $2::text[], $3::text[]) AS t(b, p, k)
       ON CONFLICT DO NOTHING`,
      [...columns, pageId],
    );
    return;
  }
  await sql.query(
    `INSERT INTO "Ref" ("blockId", "pageId", kind, "graphId", "sourceDate")
     SELECT t.b, t.p, t.k::"RefKind", $4, source."dailyDate"
     FROM unnest($1::text[], $2::text[], $3::text[]) AS t(b, p, k)
     JOIN "Block" block ON block.id = t.b
     JOIN "Page" source ON source.id = block."pageId"
     ON CONFLICT DO NOTHING`,
    columns,
  );
}
