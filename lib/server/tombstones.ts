// The database side of lib/outline/conflicts.ts: deleted blocks are kept as tombstones
// (DeletedBlock) for 30 days, so that an edit arriving for one brings it back; and the op log
// tells which blocks others changed since a tab last heard from the server, so that its deletes
// keep them. See ops.ts for where each is used.
import type { Db, Tx } from "../db/client";
import type { Tombstone } from "../outline/conflicts";
import type { BlockNode, BlockProps } from "../outline/tree";
import { pruneNowAndThen } from "./housekeeping";


/** Records `blocks` (as they were just before this batch deleted them) as tombstones of `pageId`. */
export async function buryBlocks(tx: Tx, graphId: string, pageId: string, batchId: string, blocks: readonly BlockNode[]): Promise<void> {
  if (blocks.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "DeletedBlock" ("graphId", uid, "pageId", "parentUid", "order", content, props, "batchId", "deletedAt")
    SELECT ${graphId}, u, ${pageId}, p, o, c, pr::jsonb, ${batchId}, now()
    FROM unnest(
      ${blocks.map((block) => block.uid)}::text[],
      ${blocks.map((block) => block.parent)}::text[],
      ${blocks.map((block) => block.order)}::text[],
      ${blocks.map((block) => block.content)}::text[],
      ${blocks.map((block) => JSON.stringify(block.props))}::text[]
    ) AS t(u, p, o, c, pr)
    ON CONFLICT ("graphId", uid) DO UPDATE SET
      "pageId" = excluded."pageId", "parentUid" = excluded."parentUid", "order" = excluded."order",
      content = excluded.content, props = excluded.props, "batchId" = excluded."batchId", "deletedAt" = excluded."deletedAt"`;
}

/** Blocks that exist again (created anew, or brought back) are no longer tombstones. */
export async function unbury(tx: Tx, graphId: string, uids: readonly string[]): Promise<void> {
  if (uids.length === 0) return;
  await tx.$executeRaw`DELETE FROM "DeletedBlock" WHERE "graphId" = ${graphId} AND uid = ANY(${[...uids]}::text[])`;
}

const asProps = (value: unknown): BlockProps =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as BlockProps) : {};

/** The tombstones of one page, by uid (read only when an edit meets a block that is not there). */
export async function tombstonesOf(tx: Tx, graphId: string, pageId: string): Promise<Map<string, Tombstone>> {
  const rows = await tx.$queryRaw<{ uid: string; parentUid: string | null; order: string; content: string; props: unknown; batchId: string }[]>`
    SELECT uid, "parentUid", "order", content, props, "batchId" FROM "DeletedBlock"
    WHERE "graphId" = ${graphId} AND "pageId" = ${pageId}`;
  return new Map(rows.map((row) => [row.uid, { ...row, props: asProps(row.props) }]));
}

/**
 * The uids of `pageId` that other tabs created, changed or moved after op-log position `seen`
 * (as far back as the log goes: 24 hours).
 */
export async function changedByOthers(tx: Tx, graphId: string, pageId: string, seen: number, clientId: string | null): Promise<Set<string>> {
  const rows = await tx.$queryRaw<{ ops: unknown }[]>`
    SELECT ops FROM "OpLog"
    WHERE "graphId" = ${graphId} AND "pageId" = ${pageId} AND seq > ${BigInt(seen)} AND "clientId" IS DISTINCT FROM ${clientId}`;
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
