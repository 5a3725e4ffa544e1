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
import type { Db } from "../db/client";
import type { SqlQuery } from "../db/sql-runner";
import { dailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import type { PrimitiveOp } from "../outline/ops";
import type { Batch, WireOp } from "../outline/schema";
import type { Actor } from "./actor";
import { forbidden, notFound } from "./errors";
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

// $1 graph, $2 user, $3 the ops (OpRow[]), $4 client id, $5 the notice channel,
// $6 whether links may change (then the caller reindexes and logs, in its transaction).
// A data-modifying WITH runs even when nothing reads it: each write is gated by `go`. The
// advisory lock is taken after the UPDATE has finished (its key reads the update's count), so
// nothing waits on a row while holding it; log rows are made from the lock's row, so their seq
// values are taken after it (op-log.ts says why).
const STATEMENT = `
WITH ops AS (
  SELECT x.n, o.* FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(row, n),
    jsonb_to_record(x.row) AS o(id text, uid text, title text, content text, props jsonb, pages jsonb, blocks jsonb, op jsonb)),
member AS (SELECT role FROM "GraphMember" WHERE "graphId" = $1 AND "userId" = $2),
found AS (
  SELECT b.id, b.uid, b."pageId", p.title FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
  WHERE b."graphId" = $1 AND b.uid IN (SELECT uid FROM ops)),
here AS (SELECT NOT EXISTS (
  SELECT 1 FROM ops o LEFT JOIN found f ON f.uid = o.uid AND f.title = o.title WHERE f.id IS NULL) AS ok),
stored_pages AS (
  SELECT r."blockId" AS id, p.title, r.kind::text AS kind FROM "Ref" r JOIN "Page" p ON p.id = r."pageId"
  WHERE r."blockId" IN (SELECT id FROM found)),
stored_blocks AS (SELECT "blockId" AS id, "targetUid" AS uid FROM "BlockRef" WHERE "blockId" IN (SELECT id FROM found)),
indexed AS (SELECT $6::boolean OR NOT EXISTS (
  SELECT 1 FROM ops o JOIN found f ON f.uid = o.uid
  WHERE o.content IS NOT NULL AND (
    EXISTS (SELECT title, kind FROM stored_pages s WHERE s.id = f.id
            EXCEPT SELECT title, kind FROM jsonb_to_recordset(o.pages) AS x(title text, kind text))
    OR EXISTS (SELECT title, kind FROM jsonb_to_recordset(o.pages) AS x(title text, kind text)
               EXCEPT SELECT title, kind FROM stored_pages s WHERE s.id = f.id)
    OR EXISTS (SELECT uid FROM stored_blocks s WHERE s.id = f.id EXCEPT SELECT jsonb_array_elements_text(o.blocks))
    OR EXISTS (SELECT jsonb_array_elements_text(o.blocks) EXCEPT SELECT uid FROM stored_blocks s WHERE s.id = f.id))) AS ok),
go AS (
  SELECT EXISTS (SELECT 1 FROM member WHERE role <> 'reader') AND (SELECT ok FROM here) AND (SELECT ok FROM indexed) AS ok),
claimed AS (
  INSERT INTO "AppliedOp" ("graphId", "opId", "userId", "appliedAt")
  SELECT $1, o.id, $2, now() FROM ops o WHERE (SELECT ok FROM go)
  ON CONFLICT DO NOTHING
  RETURNING "opId"),
applied AS (SELECT o.*, f.id AS "blockId", f."pageId" FROM ops o JOIN claimed c ON c."opId" = o.id JOIN found f ON f.uid = o.uid),
latest AS (
  SELECT DISTINCT "blockId" AS id,
    (SELECT a.content FROM applied a WHERE a."blockId" = b."blockId" AND a.content IS NOT NULL ORDER BY a.n DESC LIMIT 1) AS content,
    (SELECT a.props FROM applied a WHERE a."blockId" = b."blockId" AND a.props IS NOT NULL ORDER BY a.n DESC LIMIT 1) AS props
  FROM applied b),
updated AS (
  UPDATE "Block" AS b SET content = coalesce(l.content, b.content), props = coalesce(l.props, b.props), "updatedAt" = now()
  FROM latest l WHERE b.id = l.id
  RETURNING b.id, b."pageId", l.content),
by_page AS (SELECT "pageId", min(n) AS first, jsonb_agg(op ORDER BY n) AS ops FROM applied GROUP BY "pageId"),
locked AS (
  SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('loam_oplog:' || $1, 0 * (SELECT count(*) FROM updated)))
  WHERE NOT $6::boolean AND EXISTS (SELECT 1 FROM applied)),
logged AS (
  INSERT INTO "OpLog" ("graphId", "pageId", "clientId", ops)
  SELECT $1, p."pageId", $4, p.ops FROM locked, by_page p ORDER BY p.first
  RETURNING seq),
noticed AS (
  SELECT pg_notify($5, json_build_object('graphId', $1::text, 'seq', max(seq))::text) FROM logged HAVING count(*) > 0)
SELECT (SELECT role::text FROM member) AS role,
  (SELECT ok FROM here) AS here,
  (SELECT ok FROM indexed) AS indexed,
  (SELECT count(*) FROM applied)::int AS applied,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('pageId', "pageId", 'ops', ops) ORDER BY first), '[]') FROM by_page) AS logged,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', id, 'pageId', "pageId", 'content', content)), '[]') FROM updated WHERE content IS NOT NULL) AS written,
  (SELECT count(*) FROM noticed)::int AS noticed`;

/** The statement and its parameters (scripts/bench-save.ts times it bare, beside the HTTP round trip). */
export function textBatchStatement(actor: Actor, graphId: string, batch: Batch, linksMayChange: boolean): [string, unknown[]] {
  const rows = batch.ops.filter(isTextOnly).map(opRow);
  return [STATEMENT, [graphId, actor.userId, JSON.stringify(rows), batch.clientId ?? null, OPS_CHANNEL, linksMayChange]];
}

async function run(sql: SqlQuery, actor: Actor, graphId: string, batch: Batch, linksMayChange: boolean): Promise<Outcome> {
  const [outcome] = await sql.query<Outcome>(...textBatchStatement(actor, graphId, batch, linksMayChange));
  if (!outcome) throw new Error("The text-only save statement returned no row");
  if (outcome.role === null) throw notFound("Graph not found");
  if (outcome.role === "reader") throw forbidden();
  return outcome;
}

/**
 * Applies a batch of text and props changes (typing). Returns "general" (having written
 * nothing) for any other batch, or when a block is not on its page.
 */
export async function applyTextBatch(db: Db, actor: Actor, graphId: string, batch: Batch): Promise<BatchResult | "general"> {
  const wires = batch.ops.filter(isTextOnly);
  if (wires.length !== batch.ops.length) return "general";
  // A batch naming one op id twice goes the general way, which applies it once.
  if (new Set(wires.map((wire) => wire.id)).size !== wires.length) return "general";
  const result = (outcome: Outcome) => ({ applied: outcome.applied, skipped: batch.ops.length - outcome.applied });

  const typed = await run({ query: db.$sqlQuery }, actor, graphId, batch, false);
  if (!typed.here) return "general";
  if (typed.indexed) return result(typed);
  // Links change: the index is rewritten before the log, all in one transaction.
  return db.$sqlTransaction(async (sql) => {
    const outcome = await run(sql, actor, graphId, batch, true);
    if (!outcome.here) return "general";
    for (const pageId of new Set(outcome.written.map((block) => block.pageId))) {
      await reindexBlocksWith(sql, graphId, pageId, outcome.written.filter((block) => block.pageId === pageId));
    }
    await logOpsWith(sql, graphId, batch.clientId ?? null, outcome.logged);
    return result(outcome);
  });
}
