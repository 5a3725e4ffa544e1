// The database side of lib/outline/conflicts.ts: deleted blocks are kept as tombstones
// (DeletedBlock) for 30 days, so that an edit arriving for one brings it back; and the op log
// tells which blocks others changed since a tab last heard from the server, so that its deletes
// keep them. See ops.ts for where each is used.
import type { Db } from "../db/client";
import type { SqlQuery } from "../db/sql-runner";
import type { Tombstone } from "../outline/conflicts";
import type { BlockNode, BlockProps } from "../outline/tree";
import { pruneNowAndThen } from "./housekeeping";

/** Tombstone rows of `blocks` (as they were just before this batch deleted them), for buryBlocks' statement in ops.ts. */
export function tombstoneRows(pageId: string, blocks: readonly BlockNode[]): { uid: string; pageId: string; parentUid: string | null; order: string; content: string; props: BlockProps }[] {
  return blocks.map((block) => ({ uid: block.uid, pageId, parentUid: block.parent, order: block.order, content: block.content, props: block.props }));
}

/**
 * Records tombstone rows ($2, tombstoneRows) of graph $1 made by batch $3; a CTE of ops.ts's
 * delete statement. Blocks that exist again are unburied by its write statement.
 */
export const BURY_SQL = `
  INSERT INTO "DeletedBlock" ("graphId", uid, "pageId", "parentUid", "order", content, props, "batchId", "deletedAt")
  SELECT $1, x.uid, x."pageId", x."parentUid", x."order", x.content, x.props, $3, now()
  FROM jsonb_to_recordset($2::jsonb) AS x(uid text, "pageId" text, "parentUid" text, "order" text, content text, props jsonb)
  ON CONFLICT ("graphId", uid) DO UPDATE SET
    "pageId" = excluded."pageId", "parentUid" = excluded."parentUid", "order" = excluded."order",
    content = excluded.content, props = excluded.props, "batchId" = excluded."batchId", "deletedAt" = excluded."deletedAt"`;

const asProps = (value: unknown): BlockProps =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as BlockProps) : {};

/** The tombstones of one page, by uid (read only when an edit meets a block that is not there). */
export async function tombstonesOf(sql: SqlQuery, graphId: string, pageId: string): Promise<Map<string, Tombstone>> {
  const rows = await sql.query<{ uid: string; parentUid: string | null; order: string; content: string; props: unknown; batchId: string }>(
    `SELECT uid, "parentUid", "order", content, props, "batchId" FROM "DeletedBlock" WHERE "graphId" = $1 AND "pageId" = $2`,
    [graphId, pageId],
  );
  return new Map(rows.map((row) => [row.uid, { ...row, props: asProps(row.props) }]));
}

/**
 * The uids of `pageId` that other tabs created, changed or moved after op-log position `seen`
 * (as far back as the log goes: 24 hours).
 */
export async function changedByOthers(sql: SqlQuery, graphId: string, pageId: string, seen: number, clientId: string | null): Promise<Set<string>> {
  const rows = await sql.query<{ ops: unknown }>(
    `SELECT ops FROM "OpLog" WHERE "graphId" = $1 AND "pageId" = $2 AND seq > $3::bigint AND "clientId" IS DISTINCT FROM $4::text`,
    [graphId, pageId, String(seen), clientId],
  );
  const uids = new Set<string>();
  for (const row of rows) {
    if (!Array.isArray(row.ops)) continue;
    for (const op of row.ops as unknown[]) {
      if (op === null || typeof op !== "object") continue;
      const { type, uid } = op as { type?: unknown; uid?: unknown };
      if (typeof uid === "string" && type !== "delete") uids.add(uid);
    }
  }
  return uids;
}

/** Drops tombstones older than 30 days; does the work at most once an hour per process. */
export function pruneTombstones(db: Db, now = Date.now()): Promise<void> {
  return pruneNowAndThen(db, "deleted blocks", 60 * 60_000, `DELETE FROM "DeletedBlock" WHERE "deletedAt" < now() - interval '30 days'`, now);
}
