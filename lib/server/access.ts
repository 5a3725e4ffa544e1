// Access to graphs. A graph the actor is not a member of does not exist for them: the answer
// is 404, never 403, so that ids reveal nothing.
import type { Db, Tx } from "../db/client";
import type { Actor } from "./actor";
import { forbidden, notFound } from "./errors";

export type Access = "read" | "write";

/** Throws "not found" (with `missing` as the message) unless the actor may `access` the graph. */
export async function requireGraph(db: Db | Tx, actor: Actor, graphId: string, access: Access, missing = "Graph not found"): Promise<void> {
  const member = await db.graphMember.findUnique({
    where: { graphId_userId: { graphId, userId: actor.userId } },
    select: { role: true },
  });
  if (!member) throw notFound(missing);
  if (access === "write" && member.role === "reader") throw forbidden();
}

/** The graph user $1 owns (made at sign-up); the first they own. */
const OWN_GRAPH = `SELECT "graphId" FROM "GraphMember" WHERE "userId" = $1 AND role = 'owner' ORDER BY "createdAt" LIMIT 1`;

/** The actor's own graph. Every API request needs it: plain SQL, or nothing when route() looked it up. */
export async function defaultGraphId(db: Db, actor: Actor): Promise<string> {
  const graphId = actor.ownGraphId !== undefined ? actor.ownGraphId : ((await db.$sqlQuery<{ graphId: string }>(OWN_GRAPH, [actor.userId]))[0]?.graphId ?? null);
  if (graphId === null) throw notFound("You have no graph yet");
  return graphId;
}

/** The user `userId` as an actor with their own graph, in one query; null when the user no longer exists. */
export async function actorOfUser(db: Db, userId: string): Promise<Actor | null> {
  const rows = await db.$sqlQuery<{ ownGraphId: string | null }>(`SELECT (${OWN_GRAPH}) AS "ownGraphId" FROM "User" WHERE id = $1`, [userId]);
  const row = rows[0];
  return row ? { userId, ownGraphId: row.ownGraphId } : null;
}
