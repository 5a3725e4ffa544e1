// The fast path for typing: a batch that only changes text and props needs no page tree. Each
// block is checked to be on the named page and updated where it stands, in a few statements.
// A block that is not there (deleted, or on another page) sends the batch the general way
// (ops.ts), which decides what that means.
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { dailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import type { PrimitiveOp } from "../outline/ops";
import type { WireOp } from "../outline/schema";
import type { PageOps } from "./op-log";
import { reindexBlocks, type WrittenBlock } from "./refs";

export const isTextOnly = (wire: WireOp) => wire.op.type === "update" || wire.op.type === "setProps";

/**
 * Applies a text-and-props batch (typing, nearly every batch). Returns the ops by page, or
 * "general" (having written nothing) when a block is not on its named page.
 */
export async function applyTextOnly(tx: Tx, graphId: string, wires: readonly WireOp[]): Promise<PageOps[] | "general"> {
  const uids = [...new Set(wires.map((wire) => wire.op.uid))];
  const rows = await tx.$queryRaw<{ id: string; uid: string; pageId: string; title: string; content: string }[]>`
    SELECT b.id, b.uid, b."pageId", p.title, b.content FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
    WHERE b."graphId" = ${graphId} AND b.uid = ANY(${uids}::text[])`;
  const byUid = new Map(rows.map((row) => [row.uid, row]));
  const latest = new Map<string, { content?: string; props?: Prisma.InputJsonObject }>();
  const logged = new Map<string, PrimitiveOp[]>();
  for (const wire of wires) {
    const row = byUid.get(wire.op.uid);
    const title = "daily" in wire.page ? dailyTitle(wire.page.daily) : wire.page.title.normalize("NFC");
    if (!row || row.title !== title) return "general";
    const { op } = wire;
    if (op.type !== "update" && op.type !== "setProps") continue; // isTextOnly let nothing else in
    const change = latest.get(row.id) ?? {};
    if (op.type === "update") change.content = op.content;
    else change.props = op.props as Prisma.InputJsonObject;
    latest.set(row.id, change);
    const pageOps = logged.get(row.pageId) ?? [];
    pageOps.push(op);
    logged.set(row.pageId, pageOps);
  }
  // Text changes (nearly every batch: typing) in one statement; props, rarer, one by one.
  const texts = [...latest].filter(([, data]) => data.content !== undefined && data.props === undefined);
  if (texts.length > 0) {
    await tx.$executeRaw`
      UPDATE "Block" AS b SET content = v.content, "updatedAt" = now()
      FROM unnest(${texts.map(([id]) => id)}::text[], ${texts.map(([, data]) => data.content ?? "")}::text[]) AS v(id, content)
      WHERE b.id = v.id`;
  }
  for (const [id, data] of latest) if (data.props !== undefined) await tx.block.update({ where: { id }, data });
  const before = new Map(rows.map((row) => [row.id, row]));
  const byPage = new Map<string, WrittenBlock[]>();
  for (const [id, data] of latest) {
    const row = before.get(id);
    // Typing rarely changes what a block links to: then its index rows stay as they are.
    if (data.content === undefined || !row || sameRefs(row.content, data.content)) continue;
    byPage.set(row.pageId, [...(byPage.get(row.pageId) ?? []), { id, content: data.content }]);
  }
  for (const [pageId, blocks] of byPage) await reindexBlocks(tx, graphId, pageId, blocks);
  return [...logged].map(([pageId, applied]) => ({ pageId, ops: applied }));
}

/** Whether two texts link to the same pages (and kinds) and blocks, in the same order. */
function sameRefs(a: string, b: string): boolean {
  if (a === b) return true;
  // Cheap first: text without any link syntax links to nothing.
  const plain = (text: string) => !/[[#(:]/.test(text);
  if (plain(a) && plain(b)) return true;
  return JSON.stringify(extractRefs(a)) === JSON.stringify(extractRefs(b));
}

