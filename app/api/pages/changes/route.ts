// POST /api/pages/changes: runs a previewed rename, merge or delete (409 with the new preview
// when the graph changed since the one sent in `expect`).
import { z } from "zod";
import { defaultGraphId } from "@/lib/server/access";
import { readJson, route } from "@/lib/server/http";
import { applyPageChange, pageChangeRequestSchema } from "@/lib/server/page-changes";

const body = z.object({
  change: pageChangeRequestSchema,
  expect: z.object({ blocks: z.number().int().min(0), pages: z.number().int().min(0) }).nullable(),
  clientId: z.string().max(64).nullish(),
});

export const POST = route(async ({ db, actor, request }) => {
  const { change, expect, clientId } = await readJson(request, body);
  return applyPageChange(db, actor, await defaultGraphId(db, actor), change, expect, clientId ?? null);
});
