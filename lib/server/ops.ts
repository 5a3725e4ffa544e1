// Applying a batch of ops from a client: in one transaction, with lib/outline's rules, each op
// id applied at most once. One op that cannot apply refuses the whole batch, naming it. What
// was applied is logged per page, as primitive ops, for other tabs' live updates (op-log.ts).
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "../db/client";
import { dailyTitle } from "../markup/daily";
import { keptByEdits, revivalOps, type Tombstone } from "../outline/conflicts";
import { applyAll, expand, type PrimitiveOp } from "../outline/ops";
import type { CreateOp } from "../outline/primitive";
import type { Batch, PageAddress, WireOp } from "../outline/schema";
import { ancestorsOf, getBlock, treeOf, type BlockNode, type Tree } from "../outline/tree";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { logOps, pruneOpLog } from "./op-log";
import { dayToDate, loadBlockRows, toNodes } from "./pages";
import { reindexBlocks } from "./refs";
import { applyTextBatch } from "./text-ops";
import { buryBlocks, changedByOthers, pruneTombstones, tombstonesOf, unbury } from "./tombstones";

export type BatchResult = {
  applied: number;
  skipped: number;
  /** Blocks this batch deleted that were kept, because another tab had just changed them (absent: none). */
  kept?: number;
};

type PageState = {
  pageId: string;
  idByUid: Map<string, string>;
  original: Tree;
  tree: Tree;
  /** The primitive ops applied to this page, in order (structural ops expanded on the tree they met). */
  applied: PrimitiveOp[];
  /** Blocks this batch deleted, as they were just before (what their tombstones keep). */
  removed: Map<string, BlockNode>;
  /** Deleted blocks that stay, as another tab changed them since the sender last heard (conflicts.ts). */
  kept: Set<string>;
  /** Blocks kept or brought back: sent to every tab as they end up, the sender included. */
  restored: Set<string>;
  /** Tombstones of the page, read when an edit first meets a block that is not there. */
  tombstones?: Map<string, Tombstone>;
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
  return {
    pageId,
    idByUid: new Map(rows.map((row) => [row.uid, row.id])),
    original: tree,
    tree,
    applied: [],
    removed: new Map(),
    kept: new Set(),
    restored: new Set(),
  };
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
  // Parents before children (foreign keys are checked at the end of the statement; the order keeps rows readable).
  created.sort((a, b) => ancestorsOf(state.tree, a.uid).length - ancestorsOf(state.tree, b.uid).length);
  await unbury(tx, graphId, created.map((block) => block.uid));
  const rows = created.map((block) => ({
    id: idOf(block.uid) ?? randomUUID(),
    uid: block.uid,
    parentId: idOf(block.parent),
    order: block.order,
    content: block.content,
    props: block.props,
  }));
  // Plain SQL, as in writeChanged: Prisma's createMany spent more of the app server's CPU than the insert took.
  await tx.$executeRawUnsafe(
    `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdById", "createdAt", "updatedAt")
     SELECT x.id, $2, x.uid, $3, x."parentId", x."order", x.content, x.props, $4, now(), now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, uid text, "parentId" text, "order" text, content text, props jsonb)`,
    JSON.stringify(rows),
    graphId,
    state.pageId,
    actor.userId,
  );
}

async function writeChanged(tx: Tx, plan: PagePlan): Promise<void> {
  if (plan.changed.length === 0) return;
  const idOf = idOfIn(plan.state);
  const rows = plan.changed.map((block) => ({
    id: idOf(block.uid) ?? "",
    pageId: plan.movedIn.has(block.uid) ? plan.state.pageId : null,
    parentId: idOf(block.parent),
    order: block.order,
    content: block.content,
    props: block.props,
  }));
  // One statement for all of them: a Prisma update each cost a round trip and 1–3 ms of the
  // app server's CPU (a new block shifts its siblings: every Enter changes several rows).
  const updated = await tx.$executeRawUnsafe(
    `UPDATE "Block" AS b
     SET "pageId" = coalesce(x."pageId", b."pageId"), "parentId" = x."parentId", "order" = x."order",
         content = x.content, props = x.props, "updatedAt" = now()
     FROM jsonb_to_recordset($1::jsonb) AS x(id text, "pageId" text, "parentId" text, "order" text, content text, props jsonb)
     WHERE b.id = x.id`,
    JSON.stringify(rows),
  );
  if (updated !== rows.length) throw new Error(`Updated ${updated} of ${rows.length} changed blocks`);
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
  const batchId = randomUUID();
  const plans = states.map(planPage).filter((plan) => plan.created.length + plan.changed.length + plan.deleted.length > 0);
  joinMoves(plans);
  for (const plan of plans) await writeCreated(tx, graphId, actor, plan);
  for (const plan of plans) await writeChanged(tx, plan);
  for (const plan of plans) await reindexPlan(tx, graphId, plan);
  for (const plan of plans) {
    const idOf = idOfIn(plan.state);
    if (plan.deleted.length > 0) {
      const buried = plan.deleted.flatMap((uid) => {
        const block = plan.state.removed.get(uid) ?? getBlock(plan.state.original, uid);
        return block ? [block] : [];
      });
      await buryBlocks(tx, graphId, plan.state.pageId, batchId, buried);
      await tx.block.deleteMany({ where: { id: { in: plan.deleted.map((uid) => idOf(uid) ?? "") } } });
    }
    await tx.$executeRaw`UPDATE "Page" SET "updatedAt" = now() WHERE id = ${plan.state.pageId}`;
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
  await pruneTombstones(db);
  return result;
}

/** Applies primitive `ops` to the page (they were made for its tree); the reason if they do not fit. */
function applyToPage(state: PageState, ops: readonly PrimitiveOp[]): string | undefined {
  const result = applyAll(state.tree, ops);
  if (!result.ok) return result.reason;
  for (const op of ops) {
    if (op.type !== "delete") continue;
    const block = getBlock(state.tree, op.uid);
    if (block) state.removed.set(op.uid, block);
  }
  state.tree = result.tree;
  state.applied.push(...ops);
  return undefined;
}

/**
 * An edit for a block that is not on the page: if it was deleted (by a tab whose delete this
 * sender had not seen), it comes back first, with what it needs around it (conflicts.ts).
 */
async function reviveFor(tx: Tx, graphId: string, state: PageState, uid: string): Promise<void> {
  if (getBlock(state.tree, uid)) return;
  state.tombstones ??= await tombstonesOf(tx, graphId, state.pageId);
  const ops = revivalOps(state.tree, state.tombstones, uid);
  if (ops && applyToPage(state, ops) === undefined) for (const op of ops) state.restored.add(op.uid);
}

/** Kept blocks (deleted by this batch, changed by another tab) go back where they were. */
function restoreKept(state: PageState): void {
  if (state.kept.size === 0) return;
  const stones = new Map<string, Tombstone>();
  for (const uid of state.kept) {
    const block = state.removed.get(uid);
    if (block && !getBlock(state.tree, uid)) stones.set(uid, { ...block, parentUid: block.parent, batchId: "kept" });
  }
  for (const stone of stones.values()) {
    // Outermost first: each brings back the kept blocks under it.
    if (stone.parentUid !== null && stones.has(stone.parentUid)) continue;
    const ops = revivalOps(state.tree, stones, stone.uid);
    if (ops && applyToPage(state, ops) === undefined) for (const op of ops) state.restored.add(op.uid);
  }
}

/**
 * Creates of the blocks kept or brought back, as they end up, parents first. The sender skips
 * its own log rows, and may have dropped these blocks meanwhile (its delete, or another tab's it
 * applied); tabs that have them ignore a create of a block they have.
 */
function restoredOps(state: PageState): CreateOp[] {
  const blocks = [...state.restored].flatMap((uid) => {
    const block = getBlock(state.tree, uid);
    return block ? [{ block, depth: ancestorsOf(state.tree, uid).length }] : [];
  });
  blocks.sort((a, b) => a.depth - b.depth);
  return blocks.map(({ block }) => ({ type: "create", uid: block.uid, parent: block.parent, order: block.order, content: block.content, props: block.props }));
}

function applyInTransaction(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult> {
  const clientId = batch.clientId ?? null;
  return db.$transaction(
    async (tx) => {
      await requireGraph(tx, actor, graphId, "write");
      const fresh = await claimOpIds(tx, graphId, actor, batch.ops.map((wire) => wire.id));
      const pages = new Map<string, PageState>();
      const homes = await pagesOfUids(tx, graphId, batch.ops.filter((wire) => wire.op.type === "create").map((wire) => wire.op.uid));
      // Per page: what the batch deletes, and the oldest position its deleting tab had heard of.
      const deleting = new Map<string, { uids: Set<string>; seen: number | undefined }>();
      for (const wire of batch.ops) {
        if (wire.op.type !== "delete") continue;
        const key = pageKey(wire.page);
        const entry = deleting.get(key) ?? { uids: new Set<string>(), seen: wire.seen };
        entry.uids.add(wire.op.uid);
        entry.seen = wire.seen === undefined ? entry.seen : Math.min(wire.seen, entry.seen ?? wire.seen);
        deleting.set(key, entry);
      }
      let applied = 0;
      for (const [index, wire] of batch.ops.entries()) {
        if (!fresh.delete(wire.id)) continue; // applied before, or twice in this batch
        const key = pageKey(wire.page);
        let state = pages.get(key);
        if (!state) {
          const pageId = await findPage(tx, graphId, wire.page, wire.op.type === "create");
          if (!pageId) refuse(index, wire, "its page does not exist");
          state = await loadPageState(tx, pageId);
          const deletes = deleting.get(key);
          // Deletes keep what others changed since the sender last heard from the server.
          if (deletes?.seen !== undefined) {
            state.kept = keptByEdits(state.tree, deletes.uids, await changedByOthers(tx, graphId, pageId, deletes.seen, clientId));
          }
          pages.set(key, state);
        }
        let op = wire.op;
        if (op.type === "create" && !getBlock(state.tree, op.uid)) {
          const home = homes.get(op.uid);
          // A block may move from another page in this batch: deleted there first, then created here.
          const source = [...pages.values()].find((other) => other.pageId === home && !getBlock(other.tree, op.uid));
          if (home !== undefined && home !== state.pageId && !source) refuse(index, wire, "that uid is already used on another page");
          // It arrives as it left, with any text another tab gave it since the sender saw it.
          const left = source?.removed.get(op.uid);
          if (left) op = { ...op, content: left.content, props: left.props };
        }
        if (op.type === "update" || op.type === "setProps") await reviveFor(tx, graphId, state, op.uid);
        // Other tabs replay what the server did: a structural op as the primitive ops it comes
        // to on this tree, which may differ from what the sending tab's tree made of it.
        const expanded = expand(state.tree, op);
        if (!expanded.ok) refuse(index, wire, expanded.reason);
        const failed = applyToPage(state, expanded.ops);
        if (failed !== undefined) refuse(index, wire, failed);
        applied += 1;
      }
      for (const state of pages.values()) restoreKept(state);
      await writePages(tx, graphId, actor, [...pages.values()]);
      await logOps(tx, graphId, clientId, [...pages.values()].map((state) => ({ pageId: state.pageId, ops: state.applied })));
      // The sender skips its own log rows: what was kept or brought back reaches it this way.
      await logOps(tx, graphId, null, [...pages.values()].map((state) => ({ pageId: state.pageId, ops: restoredOps(state) })));
      const kept = [...pages.values()].reduce((sum, state) => sum + state.kept.size, 0);
      return kept > 0 ? { applied, skipped: batch.ops.length - applied, kept } : { applied, skipped: batch.ops.length - applied };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
