// POST /api/pages/changes/preview: what a rename, merge or delete would do; writes nothing.
import { defaultGraphId } from "@/lib/server/access";
import { readJson, route } from "@/lib/server/http";
import { pageChangeRequestSchema, previewPageChange } from "@/lib/server/page-changes";

export const POST = route(async ({ db, actor, request }) => {
  const change = await readJson(request, pageChangeRequestSchema);
  return previewPageChange(db, actor, await defaultGraphId(db, actor), change);
});
