// GET /api/pages/:id/references/count?include=…&exclude=…: how many blocks link the page.
import { route } from "@/lib/server/http";
import { countLinkedReferences } from "@/lib/server/references";
import { filterIdsQuery } from "../filter-ids";

export const GET = route<{ id: string }>(async ({ db, actor, request }, { id }) => {
  const filters = filterIdsQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { total: await countLinkedReferences(db, actor, id, filters) };
});
