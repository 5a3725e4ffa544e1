// Applying a batch of ops from a client: in one transaction, with lib/outline's rules, each op
// id applied at most once. One op that cannot apply refuses the whole batch, naming it. What
// was applied is logged per page, as primitive ops, for other tabs' live updates (op-log.ts).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import type { SqlQuery } from "../db/sql-runner";
import { dailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import { keptByEdits, revivalOps, type Tombstone } from "../outline/conflicts";
import { applyAll, expand, type PrimitiveOp } from "../outline/ops";
import type { CreateOp } from "../outline/primitive";
import type { Batch, PageAddress, WireOp } from "../outline/schema";
import { ancestorsOf, getBlock, treeOf, type BlockNode, type Tree } from "../outline/tree";
import type { Actor } from "./actor";
import { AppError, forbidden, notFound } from "./errors";
import { logEntriesWith, OPS_CHANNEL, pruneOpLog, type LogEntry } from "./op-log";
import { toNodes } from "./pages";
import { reindexBlocksWith } from "./refs";
import { applyTextBatch } from "./text-ops";
import { BURY_SQL, changedByOthers, pruneTombstones, tombstoneRows, tombstonesOf } from "./tombstones";

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

const titleOf = (address: PageAddress): string => ("daily" in address ? dailyTitle(address.daily) : address.title.normalize("NFC"));

// The general path is plain SQL in one transaction ($sqlTransaction), in as few round trips as
// it can: a Prisma interactive transaction cost about 17 queries and 15–20 ms of the app
// server's CPU for a batch that adds a block. Its statements are prepared (named): planning
// them cost PostgreSQL more than running them.

// $1 graph, $2 user, $3 the batch's op ids, $4 each op's page title, $5 the uids it creates.
// One round trip: the actor's role; the op ids claimed (only for a writer: a refused actor
// claims nothing); the pages of the fresh ops locked (in id order, so that two batches never
// wait for each other crosswise; after the claims, which the lock's filter reads first); and
// where the uids to create live now. The row lock serialises batches on one page, so each sees
// the tree the previous one left: the blocks are read by the next statement, whose snapshot is
// taken once the locks are held (this one's is older).
const BEGIN_SQL = `
WITH member AS (SELECT role FROM "GraphMember" WHERE "graphId" = $1 AND "userId" = $2),
claimed AS (
  INSERT INTO "AppliedOp" ("graphId", "opId", "userId", "appliedAt")
  SELECT $1, id, $2, now() FROM unnest($3::text[]) AS id
  WHERE EXISTS (SELECT 1 FROM member WHERE role <> 'reader')
  ON CONFLICT DO NOTHING
  RETURNING "opId"),
locked AS (
  SELECT id, title FROM "Page"
  WHERE "graphId" = $1 AND title IN (SELECT t.title FROM unnest($3::text[], $4::text[]) AS t(id, title) JOIN claimed c ON c."opId" = t.id)
  ORDER BY id FOR UPDATE)
SELECT (SELECT role::text FROM member) AS role,
  ARRAY(SELECT "opId" FROM claimed) AS fresh,
  (SELECT coalesce(jsonb_object_agg(title, id), '{}') FROM locked) AS pages,
  (SELECT coalesce(jsonb_object_agg(uid, "pageId"), '{}') FROM "Block" WHERE "graphId" = $1 AND uid = ANY($5::text[])) AS homes`;

type Begun = { role: string | null; fresh: string[]; pages: Record<string, string>; homes: Record<string, string> };

const BLOCKS_SQL = `SELECT id, uid, "parentId", "order", content, props, "pageId" FROM "Block" WHERE "pageId" = ANY($1::text[])`;

type BlockRow = { id: string; uid: string; parentId: string | null; order: string; content: string; props: unknown; pageId: string };

/** A page none of the batch's locked pages is: made when its first fresh op creates a block (else undefined), and locked. */
async function findPage(sql: SqlQuery, graphId: string, address: PageAddress, create: boolean): Promise<string | undefined> {
  const title = titleOf(address);
  if (create) {
    // Two tabs may create the same page at once: the unique index decides, nobody fails.
    await sql.query(
      `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4::date, now(), now())
       ON CONFLICT ("graphId", title) DO NOTHING`,
      [randomUUID(), graphId, title, "daily" in address ? address.daily : null],
    );
  }
  const rows = await sql.query<{ id: string }>(`SELECT id FROM "Page" WHERE "graphId" = $1 AND title = $2 FOR UPDATE`, [graphId, title]);
  return rows[0]?.id;
}

function pageState(pageId: string, rows: readonly BlockRow[]): PageState {
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

/** What a block's text links to, comparable (the reference index needs rewriting only when it changes). */
function linksOf(content: string): string {
  const refs = extractRefs(content);
  return JSON.stringify([refs.pages.map((page) => `${page.kind}:${page.title}`).sort(), [...refs.blockUids].sort()]);
}

// Creates, changes and touched pages of every page of the batch in one statement: $1 graph,
// $2 creator, $3 created rows, $4 changed rows (a row moved between pages names its new page),
// $5 the pages, $6 the created uids (no longer tombstones). Foreign keys are checked at the end
// of the statement, so a new child may come before its new parent. The changed rows are counted
// (each must exist: the page is locked and they were just read). When nothing else is to be
// written, the log entries come in the same statement ($7 the graph's log lock, $8 the entries,
// $9 the channel: op-log.ts's statement, its lock taken once the writes are done, as there);
// otherwise $8 is empty and the log follows the rest.
const WRITE_SQL = `
WITH unburied AS (DELETE FROM "DeletedBlock" WHERE "graphId" = $1 AND uid = ANY($6::text[])),
created AS (
  INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdById", "createdAt", "updatedAt")
  SELECT x.id, $1, x.uid, x."pageId", x."parentId", x."order", x.content, x.props, $2, now(), now()
  FROM jsonb_to_recordset($3::jsonb) AS x(id text, uid text, "pageId" text, "parentId" text, "order" text, content text, props jsonb)
  RETURNING 1),
changed AS (
  UPDATE "Block" AS b
  SET "pageId" = coalesce(x."pageId", b."pageId"), "parentId" = x."parentId", "order" = x."order",
      content = x.content, props = x.props, "updatedAt" = now()
  FROM jsonb_to_recordset($4::jsonb) AS x(id text, "pageId" text, "parentId" text, "order" text, content text, props jsonb)
  WHERE b.id = x.id
  RETURNING 1),
touched AS (UPDATE "Page" SET "updatedAt" = now() WHERE id = ANY($5::text[])),
locked AS (
  SELECT pg_advisory_xact_lock(hashtextextended($7, 0) + 0 * ((SELECT count(*) FROM created) + (SELECT count(*) FROM changed)))
  WHERE jsonb_array_length($8::jsonb) > 0),
logged AS (
  INSERT INTO "OpLog" ("graphId", "pageId", "clientId", ops)
  SELECT $1, x.entry->>'pageId', x.entry->>'clientId', x.entry->'ops'
  FROM locked, jsonb_array_elements($8::jsonb) WITH ORDINALITY AS x(entry, n)
  ORDER BY x.n
  RETURNING seq),
noticed AS (SELECT pg_notify($9, json_build_object('graphId', $1::text, 'seq', max(seq))::text) FROM logged HAVING count(*) > 0)
SELECT (SELECT count(*) FROM changed)::int AS changed, (SELECT count(*) FROM noticed)::int AS noticed`;

// Deletes of every page in one statement, after the writes (a block moved out from under a
// deleted parent has left it by then): the tombstones ($2, BURY_SQL's rows; $3 the batch),
// then the rows ($4 their ids; their children go with them).
const DELETE_SQL = `
WITH buried AS (${BURY_SQL})
DELETE FROM "Block" WHERE id = ANY($4::text[])`;

/**
 * Writes every page's changes: creates and changes (rows moving between pages included) in one
 * statement, the reference index of blocks whose links changed, then the deletes, so no row is
 * deleted (with its children) while something still needs it; then the log `entries` — in the
 * first statement when it is the only one.
 */
async function writePages(sql: SqlQuery, graphId: string, actor: Actor, states: PageState[], entries: readonly LogEntry[]): Promise<void> {
  const plans = states.map(planPage).filter((plan) => plan.created.length + plan.changed.length + plan.deleted.length > 0);
  if (plans.length === 0) return logEntriesWith(sql, graphId, entries);
  joinMoves(plans);
  const created: object[] = [];
  const changed: object[] = [];
  const reindexed: { id: string; content: string }[] = [];
  for (const plan of plans) {
    const { state } = plan;
    for (const block of plan.created) state.idByUid.set(block.uid, randomUUID());
    const idOf = idOfIn(state);
    for (const block of plan.created) {
      created.push({ id: idOf(block.uid), uid: block.uid, pageId: state.pageId, parentId: idOf(block.parent), order: block.order, content: block.content, props: block.props });
      // A new row has no index rows yet: only text that links needs them.
      if (linksOf(block.content) !== linksOf("")) reindexed.push({ id: idOf(block.uid) ?? "", content: block.content });
    }
    for (const block of plan.changed) {
      const id = idOf(block.uid) ?? "";
      changed.push({ id, pageId: plan.movedIn.has(block.uid) ? state.pageId : null, parentId: idOf(block.parent), order: block.order, content: block.content, props: block.props });
      // Rows now on this page (their references count from here), and text whose links changed.
      const before = getBlock(state.original, block.uid);
      if (plan.movedIn.has(block.uid) || (before !== undefined && before.content !== block.content && linksOf(before.content) !== linksOf(block.content))) {
        reindexed.push({ id, content: block.content });
      }
    }
  }
  const deleting = plans.some((plan) => plan.deleted.length > 0);
  const logged = reindexed.length === 0 && !deleting ? entries.filter((entry) => entry.ops.length > 0) : [];
  const [written] = await sql.query<{ changed: number }>(
    WRITE_SQL,
    [
      graphId,
      actor.userId,
      JSON.stringify(created),
      JSON.stringify(changed),
      plans.map((plan) => plan.state.pageId),
      plans.flatMap((plan) => plan.created.map((block) => block.uid)),
      `loam_oplog:${graphId}`,
      JSON.stringify(logged),
      OPS_CHANNEL,
    ],
    "loam_batch_write_v2",
  );
  if (written?.changed !== changed.length) throw new Error(`Updated ${written?.changed} of ${changed.length} changed blocks`);
  if (reindexed.length === 0 && !deleting) return;
  // The blocks may be on several pages: each Ref takes its date from its block's page.
  await reindexBlocksWith(sql, graphId, null, reindexed);
  const buried = plans.flatMap((plan) =>
    tombstoneRows(
      plan.state.pageId,
      plan.deleted.flatMap((uid) => {
        const block = plan.state.removed.get(uid) ?? getBlock(plan.state.original, uid);
        return block ? [block] : [];
      }),
    ),
  );
  const deleted = plans.flatMap((plan) => plan.deleted.map((uid) => idOfIn(plan.state)(uid) ?? ""));
  if (deleted.length > 0) await sql.query(DELETE_SQL, [graphId, JSON.stringify(buried), randomUUID(), deleted], "loam_batch_delete_v1");
  await logEntriesWith(sql, graphId, entries);
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
async function reviveFor(sql: SqlQuery, graphId: string, state: PageState, uid: string): Promise<void> {
  if (getBlock(state.tree, uid)) return;
  state.tombstones ??= await tombstonesOf(sql, graphId, state.pageId);
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

// A tab that still shows a page under a title renamed (or merged away) since: its ops name the
// old title, which no page has now. When the block an op is about lives on a page that a rename
// or merge (not undone) took that title from, the op goes to that page: what the tab types is
// kept, not refused. (A tab writing the first block of a new page of that title names no
// existing block, so it makes the new page as before.)
const RENAMED_SQL = `
WITH home AS (
  SELECT "pageId" FROM "Block" WHERE "graphId" = $1 AND uid = $3
  UNION ALL SELECT "pageId" FROM "DeletedBlock" WHERE "graphId" = $1 AND uid = $3
  LIMIT 1)
SELECT p.id FROM "Page" p JOIN home h ON h."pageId" = p.id
WHERE EXISTS (SELECT 1 FROM "PageChange" c WHERE c."graphId" = $1 AND c.title = $2 AND c.kind IN ('rename', 'merge') AND c."undoneAt" IS NULL)
FOR UPDATE OF p`;

/** The block an op is about, to find where a renamed page went: its own, or a new block's parent. */
function anchorOf(op: WireOp["op"]): string | null {
  return op.type === "create" ? op.parent : op.uid;
}

async function renamedPage(sql: SqlQuery, graphId: string, title: string, op: WireOp["op"]): Promise<string | undefined> {
  const anchor = anchorOf(op);
  if (anchor === null) return undefined;
  const rows = await sql.query<{ id: string }>(RENAMED_SQL, [graphId, title, anchor], "loam_batch_renamed_v1");
  return rows[0]?.id;
}

function applyInTransaction(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult> {
  const clientId = batch.clientId ?? null;
  return db.$sqlTransaction(async (sql) => {
    const [begun] = await sql.query<Begun>(
      BEGIN_SQL,
      [
        graphId,
        actor.userId,
        batch.ops.map((wire) => wire.id),
        batch.ops.map((wire) => titleOf(wire.page)),
        batch.ops.filter((wire) => wire.op.type === "create").map((wire) => wire.op.uid),
      ],
      "loam_batch_begin_v1",
    );
    if (!begun?.role) throw notFound("Graph not found");
    if (begun.role === "reader") throw forbidden();
    const fresh = new Set(begun.fresh);
    const homes = new Map(Object.entries(begun.homes));
    const pages = new Map<string, PageState>();
    // The locked pages' blocks, read now that the locks are held: by page, then as trees when an op first needs one.
    const lockedIds = Object.values(begun.pages);
    const rows = lockedIds.length === 0 ? [] : await sql.query<BlockRow>(BLOCKS_SQL, [lockedIds], "loam_batch_blocks_v1");
    const rowsOf = new Map<string, BlockRow[]>(lockedIds.map((id) => [id, []]));
    for (const row of rows) rowsOf.get(row.pageId)?.push(row);
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
        const lockedId = begun.pages[titleOf(wire.page)];
        let pageId = lockedId;
        // The title was renamed away while the sending tab still showed it: the page it went to.
        if (pageId === undefined && !("daily" in wire.page)) pageId = await renamedPage(sql, graphId, titleOf(wire.page), wire.op);
        // A page that did not exist when the batch began: made by its first create.
        if (pageId === undefined && wire.op.type === "create") pageId = await findPage(sql, graphId, wire.page, true);
        if (!pageId) refuse(index, wire, "its page does not exist");
        const found = pageId;
        // The same page under its old and new title in one batch: one state.
        state = [...pages.values()].find((other) => other.pageId === found);
        if (!state) {
          const pageRows = lockedId !== undefined ? (rowsOf.get(lockedId) ?? []) : await sql.query<BlockRow>(BLOCKS_SQL, [[found]], "loam_batch_blocks_v1");
          state = pageState(found, pageRows);
          const deletes = deleting.get(key);
          // Deletes keep what others changed since the sender last heard from the server.
          if (deletes?.seen !== undefined) {
            state.kept = keptByEdits(state.tree, deletes.uids, await changedByOthers(sql, graphId, found, deletes.seen, clientId));
          }
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
      if (op.type === "update" || op.type === "setProps") await reviveFor(sql, graphId, state, op.uid);
      // Other tabs replay what the server did: a structural op as the primitive ops it comes
      // to on this tree, which may differ from what the sending tab's tree made of it.
      const expanded = expand(state.tree, op);
      if (!expanded.ok) refuse(index, wire, expanded.reason);
      const failed = applyToPage(state, expanded.ops);
      if (failed !== undefined) refuse(index, wire, failed);
      applied += 1;
    }
    const states = [...new Set(pages.values())];
    for (const state of states) restoreKept(state);
    // The sender skips its own log rows: what was kept or brought back reaches it as rows for every tab.
    await writePages(sql, graphId, actor, states, [
      ...states.map((state) => ({ pageId: state.pageId, clientId, ops: state.applied })),
      ...states.map((state) => ({ pageId: state.pageId, clientId: null, ops: restoredOps(state) })),
    ]);
    const kept = states.reduce((sum, state) => sum + state.kept.size, 0);
    return kept > 0 ? { applied, skipped: batch.ops.length - applied, kept } : { applied, skipped: batch.ops.length - applied };
  });
}
