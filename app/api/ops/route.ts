// POST /api/ops: a batch of ops from the save queue, applied in one transaction.
import { batchSchema } from "@/lib/outline/schema";
import { defaultGraphId } from "@/lib/server/access";
import { readJson, route } from "@/lib/server/http";
import { applyBatch } from "@/lib/server/ops";

export const POST = route(async ({ db, actor, request }) => {
  const batch = await readJson(request, batchSchema);
  return applyBatch(db, actor, await defaultGraphId(db, actor), batch);
});
