// GET /api/pages/all?sort=refs&dir=desc&filter=…&page=1&size=50: the "All pages" table.
import { allPagesQuery, listAllPages } from "@/lib/server/all-pages";
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";

export const GET = route(async ({ db, actor, request }) => {
  const query = allPagesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return listAllPages(db, actor, await defaultGraphId(db, actor), query);
});
