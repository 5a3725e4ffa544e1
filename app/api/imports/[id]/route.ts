// GET /api/imports/:id: one import (status, preview, result).
// PATCH /api/imports/:id { title }: a one-page markdown import under another title, previewed again.
import { defaultGraphId } from "@/lib/server/access";
import { readJson, route } from "@/lib/server/http";
import { retitleImport, retitleSchema } from "@/lib/server/import-files";
import { getImport } from "@/lib/server/imports";

export const GET = route<{ id: string }>(async ({ db, actor }, { id }) => getImport(db, actor, await defaultGraphId(db, actor), id));

export const PATCH = route<{ id: string }>(async ({ db, actor, request }, { id }) => {
  const { title } = await readJson(request, retitleSchema);
  return retitleImport(db, actor, await defaultGraphId(db, actor), id, title);
});
