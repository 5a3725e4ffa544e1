// Applying a batch of ops from a client: in one transaction, with lib/outline's rules, each op
// id applied at most once. One op that cannot apply refuses the whole batch, naming it. What
// was applied is logged per page, as primitive ops, for other tabs' live updates (op-log.ts).
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { dailyTitle } from "../markup/daily";
import { applyAll, expand, type PrimitiveOp } from "../outline/ops";
import type { Batch, PageAddress, WireOp } from "../outline/schema";
import { ancestorsOf, getBlock, treeOf, type BlockNode, type Tree } from "../outline/tree";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { logOps, pruneOpLog } from "./op-log";
import { dayToDate, loadBlockRows, toNodes } from "./pages";
import { reindexBlocks } from "./refs";
import { applyTextBatch } from "./text-ops";

export type BatchResult = { applied: number; skipped: number };

type PageState = {
  pageId: string;
  idByUid: Map<string, string>;
  original: Tree;
  tree: Tree;
  /** The primitive ops applied to this page, in order (structural ops expanded on the tree they met). */
  applied: PrimitiveOp[];
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
  return { pageId, idByUid: new Map(rows.map((row) => [row.uid, row.id])), original: tree, tree, applied: [] };
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

/** What one page's batch comes to: rows to create, change and delete. */
type PagePlan = {
  state: PageState;
  created: BlockNode[];
  changed: BlockNode[];
  deleted: string[];
  /** Blocks that arrive from another page in this batch: their rows move here, keeping their ids. */
  movedIn: Set<string>;
};

function planPage(state: PageState): PagePlan {
  const { original, tree } = state;
  const created = [...tree.blocks.values()].filter((block) => !getBlock(original, block.uid));
  const changed = [...tree.blocks.values()].filter((block) => {
    const before = getBlock(original, block.uid);
    return before !== undefined && !sameBlock(before, block);
  });
  const deleted = [...original.blocks.keys()].filter((uid) => !getBlock(tree, uid));
  return { state, created, changed, deleted, movedIn: new Set() };
}

/**
 * A block deleted from one page and created on another in the same batch (dragged between
 * pages) is one row changing page: its id, and so whatever points at it, stays.
 */
function joinMoves(plans: PagePlan[]): void {
  const deletedFrom = new Map<string, PagePlan>();
  for (const plan of plans) for (const uid of plan.deleted) deletedFrom.set(uid, plan);
  for (const plan of plans) {
    const arriving = plan.created.filter((block) => {
      const source = deletedFrom.get(block.uid);
      return source !== undefined && source !== plan;
    });
    for (const block of arriving) {
      const source = deletedFrom.get(block.uid) as PagePlan;
      const id = source.state.idByUid.get(block.uid);
      if (id === undefined) continue;
      plan.state.idByUid.set(block.uid, id);
      plan.movedIn.add(block.uid);
      plan.changed.push(block);
      source.deleted = source.deleted.filter((uid) => uid !== block.uid);
    }
    plan.created = plan.created.filter((block) => !plan.movedIn.has(block.uid));
  }
}

const idOfIn = (state: PageState) => (uid: string | null) => (uid === null ? null : (state.idByUid.get(uid) ?? null));

async function writeCreated(tx: Tx, graphId: string, actor: Actor, plan: PagePlan): Promise<void> {
  const { state, created } = plan;
  if (created.length === 0) return;
  for (const block of created) state.idByUid.set(block.uid, randomUUID());
  const idOf = idOfIn(state);
  // Parents before children, so every parent row exists when its child arrives.
  created.sort((a, b) => ancestorsOf(state.tree, a.uid).length - ancestorsOf(state.tree, b.uid).length);
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

async function writeChanged(tx: Tx, plan: PagePlan): Promise<void> {
  const idOf = idOfIn(plan.state);
  for (const block of plan.changed) {
    await tx.block.update({
      where: { id: idOf(block.uid) ?? "" },
      data: {
        ...(plan.movedIn.has(block.uid) ? { pageId: plan.state.pageId } : {}),
        parentId: idOf(block.parent),
        order: block.order,
        content: block.content,
        props: block.props as Prisma.InputJsonObject,
      },
    });
  }
}

async function reindexPlan(tx: Tx, graphId: string, plan: PagePlan): Promise<void> {
  const { state, created, changed, movedIn } = plan;
  const idOf = idOfIn(state);
  // New text, and blocks now on this page (their references count from here).
  const rewritten = [
    ...created,
    ...changed.filter((block) => movedIn.has(block.uid) || getBlock(state.original, block.uid)?.content !== block.content),
  ];
  await reindexBlocks(tx, graphId, state.pageId, rewritten.map((block) => ({ id: idOf(block.uid) ?? "", content: block.content })));
}

/**
 * Writes every page's changes in phases: all creates, then all changes (including rows moving
 * between pages), then all deletes, so no row is deleted (with its children) while something
 * still needs it.
 */
async function writePages(tx: Tx, graphId: string, actor: Actor, states: PageState[]): Promise<void> {
  const plans = states.map(planPage).filter((plan) => plan.created.length + plan.changed.length + plan.deleted.length > 0);
  joinMoves(plans);
  for (const plan of plans) await writeCreated(tx, graphId, actor, plan);
  for (const plan of plans) await writeChanged(tx, plan);
  for (const plan of plans) await reindexPlan(tx, graphId, plan);
  for (const plan of plans) {
    const idOf = idOfIn(plan.state);
    if (plan.deleted.length > 0) await tx.block.deleteMany({ where: { id: { in: plan.deleted.map((uid) => idOf(uid) ?? "") } } });
    await tx.page.update({ where: { id: plan.state.pageId }, data: { updatedAt: new Date() } });
  }
}

/** Which page each of `uids` is on now, in one query (a paste of thousands creates thousands). */
async function pagesOfUids(tx: Tx, graphId: string, uids: string[]): Promise<Map<string, string>> {
  if (uids.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ uid: string; pageId: string }[]>`
    SELECT uid, "pageId" FROM "Block" WHERE "graphId" = ${graphId} AND uid = ANY(${uids}::text[])`;
  return new Map(rows.map((row) => [row.uid, row.pageId]));
}

export async function applyBatch(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult> {
  const typed = await applyTextBatch(db, actor, graphId, batch);
  const result = typed === "general" ? await applyInTransaction(db, actor, graphId, batch) : typed;
  await pruneOpLog(db);
  return result;
}

function applyInTransaction(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult> {
  const clientId = batch.clientId ?? null;
  return db.$transaction(
    async (tx) => {
      await requireGraph(tx, actor, graphId, "write");
      const fresh = await claimOpIds(tx, graphId, actor, batch.ops.map((wire) => wire.id));
      const pages = new Map<string, PageState>();
      const homes = await pagesOfUids(tx, graphId, batch.ops.filter((wire) => wire.op.type === "create").map((wire) => wire.op.uid));
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
          const home = homes.get(wire.op.uid);
          // A block may move from another page in this batch: deleted there first, then created here.
          const leftPage = [...pages.values()].some((other) => other.pageId === home && !getBlock(other.tree, wire.op.uid));
          if (home !== undefined && home !== state.pageId && !leftPage) refuse(index, wire, "that uid is already used on another page");
        }
        // Other tabs replay what the server did: a structural op as the primitive ops it comes
        // to on this tree, which may differ from what the sending tab's tree made of it.
        const expanded = expand(state.tree, wire.op);
        if (!expanded.ok) refuse(index, wire, expanded.reason);
        const result = applyAll(state.tree, expanded.ops);
        if (!result.ok) refuse(index, wire, result.reason);
        state.tree = result.tree;
        state.applied.push(...expanded.ops);
        applied += 1;
      }
      await writePages(tx, graphId, actor, [...pages.values()]);
      await logOps(tx, graphId, clientId, [...pages.values()].map((state) => ({ pageId: state.pageId, ops: state.applied })));
      return { applied, skipped: batch.ops.length - applied };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
