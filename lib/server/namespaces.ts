// Namespaces: `a/b` is page b in namespace a (Roam's convention). A page lists the pages under
// it by title prefix; the breadcrumb is cut from the title itself (lib/markup's namespaceParts).
import type { Db } from "../db/client";
import { requireGraph } from "./access";
import type { Actor } from "./actor";

export const NAMESPACE_LIMIT = 500;

/** Titles of the pages under `title/`, sorted, at most NAMESPACE_LIMIT. */
export async function listNamespaceChildren(db: Db, actor: Actor, graphId: string, title: string): Promise<string[]> {
  await requireGraph(db, actor, graphId, "read");
  const prefix = `${title.normalize("NFC")}/`;
  // starts_with, not LIKE: titles may hold % and _.
  const rows = await db.$queryRaw<{ title: string }[]>`
    SELECT title FROM "Page" WHERE "graphId" = ${graphId} AND starts_with(title, ${prefix})
    ORDER BY title COLLATE "C" LIMIT ${NAMESPACE_LIMIT}`;
  return rows.map((row) => row.title);
}
