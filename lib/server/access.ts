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

/** The actor's own graph (made at sign-up); the first they own. */
export async function defaultGraphId(db: Db | Tx, actor: Actor): Promise<string> {
  const member = await db.graphMember.findFirst({
    where: { userId: actor.userId, role: "owner" },
    orderBy: { createdAt: "asc" },
    select: { graphId: true },
  });
  if (!member) throw notFound("You have no graph yet");
  return member.graphId;
}
