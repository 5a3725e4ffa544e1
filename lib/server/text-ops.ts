// The fast path for typing: a batch that only changes text and props needs no page tree, and
// nearly every batch is one. It is plain SQL, not Prisma (whose own CPU per query was most of
// a save's cost), and as few round trips as possible (each costs the app server a socket
// write and a wake-up): one statement, its own transaction, checks write access and that every
// block is on the page its op names, claims the op ids, writes the last text and props of
// each block, logs the applied ops and sends the notice (op-log.ts). That holds while no link
// changes (nearly every keystroke); a batch that changes what a block links to is written
// by the same statement inside a transaction with the reference index (refs.ts) and the log
// after it. A block that is not on its named page (deleted, or on another page) sends the
// batch the general way (ops.ts), which decides what that means; nothing is written here then.
// Batches are committed in groups (group-commit.ts): those that arrive while the database is
// busy share the next statement — one round trip, one plan (it is prepared), one WAL flush —
// and each is still decided, written, logged and answered on its own.
import type { Db } from "../db/client";
import type { SqlQuery } from "../db/sql-runner";
import { recordDbTime, untimed } from "../db/timing";
import { dailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import type { PrimitiveOp } from "../outline/ops";
import type { Batch, WireOp } from "../outline/schema";
import type { Actor } from "./actor";
import { forbidden, notFound } from "./errors";
import { groupCommitter } from "./group-commit";
import { logOpsWith, OPS_CHANNEL } from "./op-log";
import type { BatchResult } from "./ops";
import { reindexBlocksWith } from "./refs";

type TextOp = Extract<PrimitiveOp, { type: "update" | "setProps" }>;

const isTextOnly = (wire: WireOp): wire is WireOp & { op: TextOp } => wire.op.type === "update" || wire.op.type === "setProps";

/** An op as the statement reads it: where it must be, what it writes, what its text links to. */
type OpRow = {
  id: string;
  uid: string;
  title: string;
  content?: string;
  props?: Record<string, unknown>;
  pages?: { title: string; kind: string }[];
  blocks?: string[];
  op: TextOp;
};

function opRow(wire: WireOp & { op: TextOp }): OpRow {
  const { op } = wire;
  const title = "daily" in wire.page ? dailyTitle(wire.page.daily) : wire.page.title.normalize("NFC");
  if (op.type === "setProps") return { id: wire.id, uid: op.uid, title, props: op.props, op };
  // Text without link syntax links to nothing: no need to parse it.
  const refs = /[[#(:]/.test(op.content) ? extractRefs(op.content) : { pages: [], blockUids: [] };
  return { id: wire.id, uid: op.uid, title, content: op.content, pages: refs.pages.map(({ title, kind }) => ({ title, kind })), blocks: refs.blockUids, op };
}

type Outcome = {
  role: "owner" | "editor" | "reader" | null;
  /** Every op's block is on the page the op names. */
  here: boolean;
  /** Every op's text links to what the block's index rows say (so the index stays right). */
  indexed: boolean;
  applied: number;
  /** The applied ops, by page, in batch order. */
  logged: { pageId: string; ops: PrimitiveOp[] }[];
  /** Blocks whose text was written, with it. */
  written: { id: string; pageId: string; content: string }[];
};

/** A batch as the statement reads it: who sends it, to which graph, from which tab. */
type BatchRow = { b: number; graphId: string; userId: string; clientId: string | null };

// One statement for a group of batches (group commit: see below); each batch is decided on its
// own — access, every block on its page, links unchanged — and written only when all three
// hold, so a refused batch leaves the others of its group alone. $1 the batches (BatchRow[]),
// $2 their ops (OpRow[] each with its batch's b, in batch order: n orders them across the
// group, so the later of two batches on one block wins, as it would one after the other),
// $3 the notice channel, $4 whether links may change (a group of one, then the caller reindexes
// and logs, in its transaction). A data-modifying WITH runs even when nothing reads it: each
// write is gated by `go`. The advisory locks (one per graph, taken in key order so that two
// groups never wait for each other crosswise) are taken after the UPDATE has finished (their
// key reads the update's count), so nothing waits on a row while holding one; log rows are
// made after the locks, so their seq values are taken after them (op-log.ts says why).
const STATEMENT = `
WITH batches AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(b int, "graphId" text, "userId" text, "clientId" text)),
ops AS (
  SELECT x.n, o.*, bt."graphId" FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(row, n),
    jsonb_to_record(x.row) AS o(b int, id text, uid text, title text, content text, props jsonb, pages jsonb, blocks jsonb, op jsonb),
    batches bt
  WHERE bt.b = o.b),
member AS (
  SELECT bt.b, m.role FROM batches bt JOIN "GraphMember" m ON m."graphId" = bt."graphId" AND m."userId" = bt."userId"),
found AS (
  SELECT b.id, b."graphId", b.uid, b."pageId", p.title FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
  WHERE (b."graphId", b.uid) IN (SELECT "graphId", uid FROM ops)),
here AS (
  SELECT o.b, bool_and(f.id IS NOT NULL) AS ok
  FROM ops o LEFT JOIN found f ON f."graphId" = o."graphId" AND f.uid = o.uid AND f.title = o.title
  GROUP BY o.b),
stored_pages AS (
  SELECT r."blockId" AS id, p.title, r.kind::text AS kind FROM "Ref" r JOIN "Page" p ON p.id = r."pageId"
  WHERE r."blockId" IN (SELECT id FROM found)),
stored_blocks AS (SELECT "blockId" AS id, "targetUid" AS uid FROM "BlockRef" WHERE "blockId" IN (SELECT id FROM found)),
indexed AS (
  SELECT o.b, $4::boolean OR NOT coalesce(bool_or(o.content IS NOT NULL AND (
      EXISTS (SELECT title, kind FROM stored_pages s WHERE s.id = f.id
              EXCEPT SELECT title, kind FROM jsonb_to_recordset(o.pages) AS x(title text, kind text))
      OR EXISTS (SELECT title, kind FROM jsonb_to_recordset(o.pages) AS x(title text, kind text)
                 EXCEPT SELECT title, kind FROM stored_pages s WHERE s.id = f.id)
      OR EXISTS (SELECT uid FROM stored_blocks s WHERE s.id = f.id EXCEPT SELECT jsonb_array_elements_text(o.blocks))
      OR EXISTS (SELECT jsonb_array_elements_text(o.blocks) EXCEPT SELECT uid FROM stored_blocks s WHERE s.id = f.id))), false) AS ok
  FROM ops o LEFT JOIN found f ON f."graphId" = o."graphId" AND f.uid = o.uid
  GROUP BY o.b),
go AS (
  SELECT b FROM member JOIN here USING (b) JOIN indexed USING (b)
  WHERE member.role <> 'reader' AND here.ok AND indexed.ok),
claimed AS (
  INSERT INTO "AppliedOp" ("graphId", "opId", "userId", "appliedAt")
  SELECT o."graphId", o.id, bt."userId", now() FROM ops o JOIN batches bt ON bt.b = o.b WHERE o.b IN (SELECT b FROM go)
  ON CONFLICT DO NOTHING
  RETURNING "graphId", "opId"),
applied AS (
  SELECT o.*, f.id AS "blockId", f."pageId" FROM ops o
  JOIN claimed c ON c."graphId" = o."graphId" AND c."opId" = o.id
  JOIN found f ON f."graphId" = o."graphId" AND f.uid = o.uid),
latest AS (
  SELECT ids.id, c.content, p.props FROM (SELECT DISTINCT "blockId" AS id FROM applied) ids
  LEFT JOIN (SELECT DISTINCT ON ("blockId") "blockId" AS id, content FROM applied WHERE content IS NOT NULL ORDER BY "blockId", n DESC) c USING (id)
  LEFT JOIN (SELECT DISTINCT ON ("blockId") "blockId" AS id, props FROM applied WHERE props IS NOT NULL ORDER BY "blockId", n DESC) p USING (id)),
updated AS (
  UPDATE "Block" AS b SET content = coalesce(l.content, b.content), props = coalesce(l.props, b.props), "updatedAt" = now()
  FROM latest l WHERE b.id = l.id
  RETURNING b.id, b."pageId", l.content),
by_page AS (
  SELECT b, "graphId", "pageId", min(n) AS first, jsonb_agg(op ORDER BY n) AS ops FROM applied GROUP BY b, "graphId", "pageId"),
locked AS (
  SELECT count(pg_advisory_xact_lock(k.key + 0 * (SELECT count(*) FROM updated))) AS locks
  FROM (SELECT DISTINCT hashtextextended('loam_oplog:' || "graphId", 0) AS key FROM applied WHERE NOT $4::boolean ORDER BY 1) k),
logged AS (
  INSERT INTO "OpLog" ("graphId", "pageId", "clientId", ops)
  SELECT p."graphId", p."pageId", bt."clientId", p.ops FROM by_page p JOIN batches bt ON bt.b = p.b
  WHERE NOT $4::boolean AND (SELECT locks FROM locked) > 0
  ORDER BY p.first
  RETURNING seq, "graphId"),
noticed AS (
  SELECT pg_notify($3, json_build_object('graphId', "graphId", 'seq', max(seq))::text) FROM logged GROUP BY "graphId"),
counts AS (SELECT b, count(*)::int AS applied FROM applied GROUP BY b),
logs AS (SELECT b, jsonb_agg(jsonb_build_object('pageId', "pageId", 'ops', ops) ORDER BY first) AS logged FROM by_page GROUP BY b),
writes AS (
  SELECT a.b, jsonb_agg(jsonb_build_object('id', u.id, 'pageId', u."pageId", 'content', u.content)) AS written
  FROM updated u JOIN (SELECT DISTINCT b, "blockId" FROM applied) a ON a."blockId" = u.id
  WHERE $4::boolean AND u.content IS NOT NULL GROUP BY a.b)
SELECT bt.b, m.role::text AS role, coalesce(h.ok, false) AS here, coalesce(i.ok, false) AS indexed, coalesce(c.applied, 0) AS applied,
  coalesce(l.logged, '[]') AS logged, coalesce(w.written, '[]') AS written, (SELECT count(*) FROM noticed)::int AS noticed
FROM batches bt LEFT JOIN member m USING (b) LEFT JOIN here h USING (b) LEFT JOIN indexed i USING (b)
  LEFT JOIN counts c USING (b) LEFT JOIN logs l USING (b) LEFT JOIN writes w USING (b)
ORDER BY bt.b`;

/** The name the statement is prepared under, on each connection of the pool (sql-runner.ts). */
const STATEMENT_NAME = "loam_text_batches_v2";

type Sending = { actor: Actor; graphId: string; batch: Batch };

/** The statement and its parameters for a group of batches (scripts/bench-save.ts times it bare, beside the HTTP round trip). */
export function textBatchesStatement(group: readonly Sending[], linksMayChange: boolean): { text: string; values: unknown[]; name: string } {
  const batches: BatchRow[] = group.map(({ actor, graphId, batch }, b) => ({ b, graphId, userId: actor.userId, clientId: batch.clientId ?? null }));
  const ops = group.flatMap(({ batch }, b) => batch.ops.filter(isTextOnly).map((wire) => ({ b, ...opRow(wire) })));
  return { text: STATEMENT, values: [JSON.stringify(batches), JSON.stringify(ops), OPS_CHANNEL, linksMayChange], name: STATEMENT_NAME };
}

/** One batch's statement (a group of one): what the app server runs without grouping. */
export function textBatchStatement(actor: Actor, graphId: string, batch: Batch, linksMayChange: boolean): { text: string; values: unknown[]; name: string } {
  return textBatchesStatement([{ actor, graphId, batch }], linksMayChange);
}

async function runGroup(sql: SqlQuery, group: readonly Sending[], linksMayChange: boolean): Promise<Outcome[]> {
  const { text, values, name } = textBatchesStatement(group, linksMayChange);
  const outcomes = await sql.query<Outcome & { b: number }>(text, values, name);
  if (outcomes.length !== group.length) throw new Error(`The text-only save statement answered ${outcomes.length} rows for ${group.length} batches`);
  return outcomes;
}

function checked(outcome: Outcome): Outcome {
  if (outcome.role === null) throw notFound("Graph not found");
  if (outcome.role === "reader") throw forbidden();
  return outcome;
}

/** How batches are grouped: at most this many per statement, this many statements at once. */
const GROUP = { maxItems: 50, concurrency: 2 };

type Grouped = { outcome: Outcome; dbMs: number };

// One committer per database (on globalThis: Next bundles this module into every route's chunk).
const committersKey = Symbol.for("loam.textBatchCommitters");
const holder = globalThis as typeof globalThis & { [committersKey]?: WeakMap<Db, (sending: Sending) => Promise<Grouped>> };
const committers = (holder[committersKey] ??= new WeakMap());

function committerOf(db: Db): (sending: Sending) => Promise<Grouped> {
  let committer = committers.get(db);
  if (!committer) {
    committer = groupCommitter<Sending, Grouped>(
      // Outside any request's Server-Timing: each request of the group counts the statement's time itself.
      (group) =>
        untimed(async () => {
          const start = performance.now();
          const outcomes = await runGroup({ query: db.$sqlQuery }, group, false);
          const dbMs = performance.now() - start;
          return outcomes.map((outcome) => ({ outcome, dbMs }));
        }),
      {
        ...GROUP,
        // An op id twice in one statement could not say which batch claimed it: the second waits for the next group.
        keys: ({ graphId, batch }) => batch.ops.map((wire) => `${graphId}:${wire.id}`),
        // Batches on one graph keep their order (the later of two edits of a block wins).
        lane: ({ graphId }) => graphId,
      },
    );
    committers.set(db, committer);
  }
  return committer;
}

/**
 * Applies a batch of text and props changes (typing), grouped with the other batches arriving
 * meanwhile into one statement (group commit: the answer comes once the group has committed).
 * Returns "general" (having written nothing) for any other batch, or when a block is not on
 * its page.
 */
export async function applyTextBatch(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult | "general"> {
  const wires = batch.ops.filter(isTextOnly);
  if (wires.length !== batch.ops.length) return "general";
  // A batch naming one op id twice goes the general way, which applies it once.
  if (new Set(wires.map((wire) => wire.id)).size !== wires.length) return "general";
  const result = (outcome: Outcome) => ({ applied: outcome.applied, skipped: batch.ops.length - outcome.applied });

  const { outcome, dbMs } = await committerOf(db)({ actor, graphId, batch });
  recordDbTime(dbMs);
  const typed = checked(outcome);
  if (!typed.here) return "general";
  if (typed.indexed) return result(typed);
  // Links change: the index is rewritten before the log, all in one transaction, alone.
  return db.$sqlTransaction(async (sql) => {
    const [outcome] = await runGroup(sql, [{ actor, graphId, batch }], true);
    if (!checked(outcome as Outcome).here) return "general";
    const { written, logged } = outcome as Outcome;
    for (const pageId of new Set(written.map((block) => block.pageId))) {
      await reindexBlocksWith(sql, graphId, pageId, written.filter((block) => block.pageId === pageId));
    }
    await logOpsWith(sql, graphId, batch.clientId ?? null, logged);
    return result(outcome as Outcome);
  });
}
