// The op log: what each committed batch did to each page, as the primitive ops the server
// applied, in order. Written in the batch's own transaction (ops.ts), with a NOTIFY that
// PostgreSQL delivers on commit to every app server listening (events.ts); read back by the
// live-update streams, which send other tabs exactly what the server did.
import type { Db, Tx } from "../db/client";
import { prismaSql } from "../db/prisma-sql";
import type { SqlQuery } from "../db/sql-runner";
import { z } from "zod";
import type { PrimitiveOp } from "../outline/ops";
import { opSchema, type PageAddress } from "../outline/schema";
import { pruneNowAndThen } from "./housekeeping";
import { dateToDay } from "./pages";

/** The NOTIFY channel; its payload is `{ graphId, seq }` (NOTIFY payloads must stay under 8,000 bytes). */
export const OPS_CHANNEL = "loam_ops";

export type PageOps = { pageId: string; ops: PrimitiveOp[] };

/** One logged change to a page, as a live-update stream sends it. */
export type LoggedOps = { seq: number; page: PageAddress; clientId: string | null; ops: PrimitiveOp[] };

/**
 * Logs each page's applied ops and notifies listeners, inside the batch's transaction (the
 * notice goes out only if it commits). Pages where nothing was applied get no row.
 */
export function logOps(tx: Tx, graphId: string, clientId: string | null, pages: readonly PageOps[]): Promise<void> {
  return logOpsWith(prismaSql(tx), graphId, clientId, pages);
}

/** logOps inside a transaction of plain SQL (the text-only save path, text-ops.ts). */
export function logOpsWith(sql: SqlQuery, graphId: string, clientId: string | null, pages: readonly PageOps[]): Promise<void> {
  return logEntriesWith(sql, graphId, pages.map((page) => ({ ...page, clientId })));
}

/** A page's applied ops and the tab they came from (null: every tab is sent them, the sender too). */
export type LogEntry = PageOps & { clientId: string | null };

/** Logs several entries of one graph (the general save path logs the sender's and everyone's in one go) and notifies once. */
export async function logEntriesWith(sql: SqlQuery, graphId: string, pages: readonly LogEntry[]): Promise<void> {
  const entries = pages.filter((page) => page.ops.length > 0);
  if (entries.length === 0) return;
  // Streams read "rows after the last seq sent", so within a graph rows must become visible
  // in seq order. Sequence values are taken at insert, not at commit: a per-graph lock held to
  // commit makes the two orders agree. It is taken last, so nothing waits while holding it;
  // the rows are made from the lock's row, so their seq values are taken after it. Lock,
  // rows and notice are one statement: one round trip.
  await sql.query(
    `WITH locked AS (SELECT 1 FROM pg_advisory_xact_lock(hashtextextended($1, 0))),
     logged AS (
       INSERT INTO "OpLog" ("graphId", "pageId", "clientId", ops)
       SELECT $2, x.entry->>'pageId', x.entry->>'clientId', x.entry->'ops'
       FROM locked, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS x(entry, n)
       ORDER BY x.n
       RETURNING seq),
     last AS (SELECT max(seq) AS seq FROM logged)
     SELECT 1 AS sent FROM last, pg_notify($4, json_build_object('graphId', $2::text, 'seq', last.seq)::text)`,
    [`loam_oplog:${graphId}`, graphId, JSON.stringify(entries), OPS_CHANNEL],
    "loam_log_entries_v1",
  );
}

/** Drops log rows older than a day; does the work at most once a minute per process. */
export function pruneOpLog(db: Db, now = Date.now()): Promise<void> {
  return pruneNowAndThen(db, "the op log", 60_000, `DELETE FROM "OpLog" WHERE "createdAt" < now() - interval '24 hours'`, now);
}

const isPrimitive = (op: z.infer<typeof opSchema>): op is PrimitiveOp =>
  op.type === "create" || op.type === "update" || op.type === "move" || op.type === "delete" || op.type === "setProps";
/** JSON read back from the database is checked like any other boundary. */
const loggedOps = z.array(opSchema.refine(isPrimitive, "only primitive ops are logged")).transform((ops) => ops.filter(isPrimitive));

/**
 * The graph's op-log position now: its newest seq, or — when pruning emptied its log — the
 * newest seq pruned from it (0 for a graph that never changed). Where a fresh stream starts and
 * what a page read reports (pages.ts); takes a transaction so both come from one snapshot.
 */
export async function latestSeq(db: Db | Tx, graphId: string): Promise<number> {
  const rows = await db.$queryRaw<{ seq: bigint | null }[]>`
    SELECT greatest(
      (SELECT max(seq) FROM "OpLog" WHERE "graphId" = ${graphId}),
      (SELECT seq FROM "manual_op_log_horizon" WHERE "graphId" = ${graphId})
    ) AS seq`;
  return Number(rows[0]?.seq ?? 0);
}

/**
 * Whether every change of the graph after `after` is still in the log, so a stream can resume
 * there. Not when rows after it were pruned (the horizon a trigger keeps, migration
 * manual_op_log_horizon), when `after` names a row that is gone (deleted some other way), or
 * when `after` is beyond the newest seq (the database was restored from an older copy).
 */
export async function canReplayFrom(db: Db | Tx, graphId: string, after: number): Promise<boolean> {
  const rows = await db.$queryRaw<{ horizon: bigint | null; newest: bigint | null; found: boolean }[]>`
    SELECT
      (SELECT seq FROM "manual_op_log_horizon" WHERE "graphId" = ${graphId}) AS horizon,
      (SELECT max(seq) FROM "OpLog" WHERE "graphId" = ${graphId}) AS newest,
      EXISTS (SELECT 1 FROM "OpLog" WHERE "graphId" = ${graphId} AND seq = ${BigInt(after)}) AS found`;
  const row = rows[0];
  const horizon = Number(row?.horizon ?? 0);
  const newest = Math.max(horizon, Number(row?.newest ?? 0));
  if (after < horizon || after > newest) return false;
  return after === horizon || row?.found === true;
}

/** The graph's logged changes after `after`, oldest first, at most `limit`. */
export async function readOpLog(db: Db, graphId: string, after: number, limit = 200): Promise<LoggedOps[]> {
  const rows = await db.$queryRaw<{ seq: bigint; clientId: string | null; ops: unknown; title: string; dailyDate: Date | null }[]>`
    SELECT l.seq, l."clientId", l.ops, p.title, p."dailyDate"
    FROM "OpLog" l JOIN "Page" p ON p.id = l."pageId"
    WHERE l."graphId" = ${graphId} AND l.seq > ${BigInt(after)}
    ORDER BY l.seq
    LIMIT ${limit}`;
  return rows.map((row) => ({
    seq: Number(row.seq),
    page: row.dailyDate ? { daily: dateToDay(row.dailyDate) } : { title: row.title },
    clientId: row.clientId,
    ops: loggedOps.parse(row.ops),
  }));
}
