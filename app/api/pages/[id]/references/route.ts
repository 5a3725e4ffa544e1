// GET /api/pages/:id/references?cursor=…&include=id,id&exclude=id: one screen of the page's
// linked references, grouped by source page (lib/server/references.ts).
import { z } from "zod";
import { route } from "@/lib/server/http";
import { getLinkedReferences } from "@/lib/server/references";
import { filterIdsQuery } from "./filter-ids";

const query = filterIdsQuery.extend({ cursor: z.string().max(2_000).optional() });

export const GET = route<{ id: string }>(({ db, actor, request }, { id }) => {
  const { cursor, include, exclude } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return getLinkedReferences(db, actor, id, { cursor, filters: { include, exclude } });
});
