// Applying a batch of ops from a client: in one transaction, with lib/outline's rules, each op
// id applied at most once. One op that cannot apply refuses the whole batch, naming it.
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { dailyTitle } from "../markup/daily";
import { apply } from "../outline/ops";
import type { Batch, PageAddress, WireOp } from "../outline/schema";
import { ancestorsOf, getBlock, treeOf, type BlockNode, type Tree } from "../outline/tree";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { dayToDate, loadBlockRows, toNodes } from "./pages";
import { reindexBlocks, type WrittenBlock } from "./refs";

export type BatchResult = { applied: number; skipped: number };

type PageState = {
  pageId: string;
  idByUid: Map<string, string>;
  original: Tree;
  tree: Tree;
};

function describe(index: number, wire: WireOp): string {
  return `Change ${index + 1} (${wire.op.type} of block ${wire.op.uid})`;
}

function refuse(index: number, wire: WireOp, reason: string): never {
  throw new AppError("batch_rejected", `${describe(index, wire)} was refused: ${reason}. Nothing in this batch was saved.`, {
    index,
    opId: wire.id,
  });
}

function pageKey(address: PageAddress): string {
  return "daily" in address ? `daily:${address.daily}` : `title:${address.title.normalize("NFC")}`;
}

async function findPage(tx: Tx, graphId: string, address: PageAddress, create: boolean): Promise<string | undefined> {
  const title = "daily" in address ? dailyTitle(address.daily) : address.title.normalize("NFC");
  const dailyDate = "daily" in address ? dayToDate(address.daily) : null;
  if (create) {
    // Two tabs may create the same page at once: the unique index decides, nobody fails.
    await tx.$executeRaw`
      INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
      VALUES (${randomUUID()}, ${graphId}, ${title}, ${dailyDate}, now(), now())
      ON CONFLICT ("graphId", title) DO NOTHING`;
  }
  // The row lock serialises batches on one page, so each sees the tree the previous one left.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Page" WHERE "graphId" = ${graphId} AND title = ${title} FOR UPDATE`;
  return rows[0]?.id;
}

async function loadPageState(tx: Tx, pageId: string): Promise<PageState> {
  const rows = await loadBlockRows(tx, [pageId]);
  const tree = treeOf(toNodes(rows));
  return { pageId, idByUid: new Map(rows.map((row) => [row.uid, row.id])), original: tree, tree };
}

/** Claims the op ids; returns those not seen before (a retried batch finds its ids taken). */
async function claimOpIds(tx: Tx, graphId: string, actor: Actor, ids: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ opId: string }[]>`
    INSERT INTO "AppliedOp" ("graphId", "opId", "userId", "appliedAt")
    SELECT ${graphId}, id, ${actor.userId}, now() FROM unnest(${ids}::text[]) AS id
    ON CONFLICT DO NOTHING
    RETURNING "opId"`;
  return new Set(rows.map((row) => row.opId));
}

function sameBlock(a: BlockNode, b: BlockNode): boolean {
  return a.parent === b.parent && a.order === b.order && a.content === b.content && JSON.stringify(a.props) === JSON.stringify(b.props);
}

async function writePage(tx: Tx, graphId: string, actor: Actor, state: PageState): Promise<void> {
  const { original, tree, idByUid } = state;
  const created = [...tree.blocks.values()].filter((block) => !getBlock(original, block.uid));
  const changed = [...tree.blocks.values()].filter((block) => {
    const before = getBlock(original, block.uid);
    return before !== undefined && !sameBlock(before, block);
  });
  const deleted = [...original.blocks.keys()].filter((uid) => !getBlock(tree, uid));
  if (created.length + changed.length + deleted.length === 0) return;

  for (const block of created) idByUid.set(block.uid, randomUUID());
  const idOf = (uid: string | null) => (uid === null ? null : (idByUid.get(uid) ?? null));

  if (created.length > 0) {
    // Parents before children, so every parent row exists when its child arrives.
    created.sort((a, b) => ancestorsOf(tree, a.uid).length - ancestorsOf(tree, b.uid).length);
    await tx.block.createMany({
      data: created.map((block) => ({
        id: idOf(block.uid) ?? randomUUID(),
        graphId,
        uid: block.uid,
        pageId: state.pageId,
        parentId: idOf(block.parent),
        order: block.order,
        content: block.content,
        props: block.props as Prisma.InputJsonObject,
        createdById: actor.userId,
      })),
    });
  }
  for (const block of changed) {
    await tx.block.update({
      where: { id: idOf(block.uid) ?? "" },
      data: { parentId: idOf(block.parent), order: block.order, content: block.content, props: block.props as Prisma.InputJsonObject },
    });
  }
  const rewritten = [...created, ...changed.filter((block) => getBlock(original, block.uid)?.content !== block.content)];
  await reindexBlocks(
    tx,
    graphId,
    state.pageId,
    rewritten.map((block) => ({ id: idOf(block.uid) ?? "", content: block.content })),
  );
  if (deleted.length > 0) {
    await tx.block.deleteMany({ where: { id: { in: deleted.map((uid) => idOf(uid) ?? "") } } });
  }
  await tx.page.update({ where: { id: state.pageId }, data: { updatedAt: new Date() } });
}

const isTextOnly = (wire: WireOp) => wire.op.type === "update" || wire.op.type === "setProps";

/**
 * A batch that only changes text and props (typing, nearly every batch) needs no tree: each
 * block is checked to be on the named page and updated where it stands.
 */
async function applyTextOnly(tx: Tx, graphId: string, ops: { index: number; wire: WireOp }[]): Promise<void> {
  const uids = [...new Set(ops.map(({ wire }) => wire.op.uid))];
  const rows = await tx.$queryRaw<{ id: string; uid: string; pageId: string; title: string }[]>`
    SELECT b.id, b.uid, b."pageId", p.title FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
    WHERE b."graphId" = ${graphId} AND b.uid = ANY(${uids}::text[])`;
  const byUid = new Map(rows.map((row) => [row.uid, row]));
  const latest = new Map<string, { content?: string; props?: Prisma.InputJsonObject }>();
  for (const { index, wire } of ops) {
    const row = byUid.get(wire.op.uid);
    const title = "daily" in wire.page ? dailyTitle(wire.page.daily) : wire.page.title.normalize("NFC");
    if (!row || row.title !== title) refuse(index, wire, `Block ${wire.op.uid} does not exist on this page`);
    const change = latest.get(row.id) ?? {};
    if (wire.op.type === "update") change.content = wire.op.content;
    if (wire.op.type === "setProps") change.props = wire.op.props as Prisma.InputJsonObject;
    latest.set(row.id, change);
  }
  for (const [id, data] of latest) await tx.block.update({ where: { id }, data });
  const pageOf = new Map(rows.map((row) => [row.id, row.pageId]));
  const byPage = new Map<string, WrittenBlock[]>();
  for (const [id, data] of latest) {
    const pageId = pageOf.get(id);
    if (data.content === undefined || !pageId) continue;
    byPage.set(pageId, [...(byPage.get(pageId) ?? []), { id, content: data.content }]);
  }
  for (const [pageId, blocks] of byPage) await reindexBlocks(tx, graphId, pageId, blocks);
}

export async function applyBatch(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult> {
  return db.$transaction(
    async (tx) => {
      await requireGraph(tx, actor, graphId, "write");
      const fresh = await claimOpIds(tx, graphId, actor, batch.ops.map((wire) => wire.id));
      if (batch.ops.every(isTextOnly)) {
        const todo = batch.ops.map((wire, index) => ({ index, wire })).filter(({ wire }) => fresh.delete(wire.id));
        await applyTextOnly(tx, graphId, todo);
        return { applied: todo.length, skipped: batch.ops.length - todo.length };
      }
      const pages = new Map<string, PageState>();
      let applied = 0;
      for (const [index, wire] of batch.ops.entries()) {
        if (!fresh.delete(wire.id)) continue; // applied before, or twice in this batch
        const key = pageKey(wire.page);
        let state = pages.get(key);
        if (!state) {
          const pageId = await findPage(tx, graphId, wire.page, wire.op.type === "create");
          if (!pageId) refuse(index, wire, "its page does not exist");
          state = await loadPageState(tx, pageId);
          pages.set(key, state);
        }
        if (wire.op.type === "create" && !getBlock(state.tree, wire.op.uid)) {
          const elsewhere = await tx.block.findUnique({ where: { graphId_uid: { graphId, uid: wire.op.uid } }, select: { pageId: true } });
          if (elsewhere && elsewhere.pageId !== state.pageId) refuse(index, wire, "that uid is already used on another page");
        }
        const result = apply(state.tree, wire.op);
        if (!result.ok) refuse(index, wire, result.reason);
        state.tree = result.tree;
        applied += 1;
      }
      for (const state of pages.values()) await writePage(tx, graphId, actor, state);
      return { applied, skipped: batch.ops.length - applied };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
