// Blocks referenced from other blocks: `((uid))` shows the target's text, `{{embed: ((uid))}}`
// its whole subtree. A page asks for all of its references in one request.
import type { Db } from "../db/client";
import type { BlockNode } from "../outline/tree";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { toNodes } from "./pages";

export const MAX_REFERENCED = 500;
const MAX_SUBTREE = 2_000;

export type ReferencedBlock = {
  uid: string;
  pageTitle: string;
  /** The block first, then (when its subtree was asked for) its descendants, parents named by uid. */
  blocks: BlockNode[];
};

type Row = { id: string; uid: string; parentId: string | null; order: string; content: string; props: unknown; pageTitle: string };

export async function getReferencedBlocks(
  db: Db,
  actor: Actor,
  graphId: string,
  uids: readonly string[],
  subtreeOf: readonly string[],
): Promise<ReferencedBlock[]> {
  await requireGraph(db, actor, graphId, "read");
  const wanted = [...new Set([...uids, ...subtreeOf])];
  if (wanted.length > MAX_REFERENCED) throw new AppError("invalid_request", `Ask for at most ${MAX_REFERENCED} blocks at once.`);
  if (wanted.length === 0) return [];
  const roots = await db.$queryRaw<Row[]>`
    SELECT b.id, b.uid, b."parentId", b."order", b.content, b.props, p.title AS "pageTitle"
    FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
    WHERE b."graphId" = ${graphId} AND b.uid = ANY(${wanted}::text[])`;
  const withSubtree = new Set(subtreeOf);
  const result: ReferencedBlock[] = [];
  for (const root of roots) {
    let rows: Row[] = [root];
    if (withSubtree.has(root.uid)) {
      const below = await db.$queryRaw<Row[]>`
        WITH RECURSIVE sub AS (
          SELECT id, uid, "parentId", "order", content, props, 1 AS depth FROM "Block" WHERE "parentId" = ${root.id}
          UNION ALL
          SELECT b.id, b.uid, b."parentId", b."order", b.content, b.props, sub.depth + 1
          FROM "Block" b JOIN sub ON b."parentId" = sub.id WHERE sub.depth < 64)
        SELECT id, uid, "parentId", "order", content, props, '' AS "pageTitle" FROM sub LIMIT ${MAX_SUBTREE}`;
      rows = [root, ...below];
    }
    const nodes = toNodes(rows);
    // The root stands alone in this tree: it has no parent here.
    nodes[0] = { ...(nodes[0] as BlockNode), parent: null };
    result.push({ uid: root.uid, pageTitle: root.pageTitle, blocks: nodes });
  }
  return result;
}
