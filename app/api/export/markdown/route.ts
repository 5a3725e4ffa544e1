// GET /api/export/markdown: the signed-in user's graph as a zip of Roam markdown files (streamed).
import { defaultGraphId } from "@/lib/server/access";
import { markdownZipExport } from "@/lib/server/exports";
import { route } from "@/lib/server/http";

export const GET = route(async ({ db, actor }) => markdownZipExport(db, actor, await defaultGraphId(db, actor)));
