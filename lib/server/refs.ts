// The reference index: Ref rows (block → page, by link, tag or attribute) and BlockRef rows
// (block → block uid), derived from each written block's text with lib/markup's extractRefs,
// in the same transaction as the write. Pages that are linked but do not exist yet are
// created, as in Roam. Backlinks are then one indexed lookup, never a text scan.
import type { Tx } from "../db/client";
import { dayOfDailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import { dayToDate } from "./pages";

export type WrittenBlock = { id: string; content: string };

/** Replaces the index rows of `blocks` (all on page `pageId`) with what their text says now. */
export async function reindexBlocks(tx: Tx, graphId: string, pageId: string, blocks: readonly WrittenBlock[]): Promise<void> {
  await reindex(tx, graphId, pageId, blocks);
}

/**
 * The same for blocks on any pages of the graph (a rename rewrites blocks on hundreds of pages):
 * one set of statements for all, each Ref taking its date from its block's page.
 */
export async function reindexBlocksAnywhere(tx: Tx, graphId: string, blocks: readonly WrittenBlock[]): Promise<void> {
  await reindex(tx, graphId, null, blocks);
}

async function reindex(tx: Tx, graphId: string, pageId: string | null, blocks: readonly WrittenBlock[]): Promise<void> {
  if (blocks.length === 0) return;
  const ids = blocks.map((block) => block.id);
  await tx.$executeRaw`DELETE FROM "Ref" WHERE "blockId" = ANY(${ids}::text[])`;
  await tx.$executeRaw`DELETE FROM "BlockRef" WHERE "blockId" = ANY(${ids}::text[])`;

  const pageRefs: { blockId: string; title: string; kind: "link" | "tag" | "attribute" }[] = [];
  const blockRefs: { blockId: string; uid: string }[] = [];
  for (const block of blocks) {
    const refs = extractRefs(block.content);
    for (const page of refs.pages) pageRefs.push({ blockId: block.id, title: page.title, kind: page.kind });
    for (const uid of refs.blockUids) blockRefs.push({ blockId: block.id, uid });
  }

  if (blockRefs.length > 0) {
    await tx.$executeRaw`
      INSERT INTO "BlockRef" ("blockId", "targetUid", "graphId")
      SELECT b, u, ${graphId} FROM unnest(${blockRefs.map((r) => r.blockId)}::text[], ${blockRefs.map((r) => r.uid)}::text[]) AS t(b, u)
      ON CONFLICT DO NOTHING`;
  }
  if (pageRefs.length === 0) return;

  // Linked pages that do not exist yet are made now (a daily title makes a daily page).
  const titles = [...new Set(pageRefs.map((ref) => ref.title))];
  await tx.$executeRaw`
    INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${graphId}, t, d, now(), now()
    FROM unnest(${titles}::text[], ${titles.map((title) => {
      const day = dayOfDailyTitle(title);
      return day ? dayToDate(day) : null;
    })}::date[]) AS x(t, d)
    ON CONFLICT DO NOTHING`;
  const pages = await tx.$queryRaw<{ id: string; title: string }[]>`
    SELECT id, title FROM "Page" WHERE "graphId" = ${graphId} AND title = ANY(${titles}::text[])`;
  const pageIdByTitle = new Map(pages.map((page) => [page.title, page.id]));
  const rows = pageRefs.flatMap((ref) => {
    const target = pageIdByTitle.get(ref.title);
    return target ? [{ ...ref, target }] : [];
  });
  const [blockIds, targets, kinds] = [rows.map((r) => r.blockId), rows.map((r) => r.target), rows.map((r) => r.kind)];
  if (pageId !== null) {
    await tx.$executeRaw`
      INSERT INTO "Ref" ("blockId", "pageId", kind, "graphId", "sourceDate")
      SELECT b, p, k::"RefKind", ${graphId}, (SELECT "dailyDate" FROM "Page" WHERE id = ${pageId})
      FROM unnest(${blockIds}::text[], ${targets}::text[], ${kinds}::text[]) AS t(b, p, k)
      ON CONFLICT DO NOTHING`;
    return;
  }
  await tx.$executeRaw`
    INSERT INTO "Ref" ("blockId", "pageId", kind, "graphId", "sourceDate")
    SELECT t.b, t.p, t.k::"RefKind", ${graphId}, source."dailyDate"
    FROM unnest(${blockIds}::text[], ${targets}::text[], ${kinds}::text[]) AS t(b, p, k)
    JOIN "Block" block ON block.id = t.b
    JOIN "Page" source ON source.id = block."pageId"
    ON CONFLICT DO NOTHING`;
}
