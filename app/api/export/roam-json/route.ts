// GET /api/export/roam-json: the signed-in user's graph as Roam JSON (an attachment, streamed).
import { defaultGraphId } from "@/lib/server/access";
import { roamJsonExport } from "@/lib/server/exports";
import { route } from "@/lib/server/http";

export const GET = route(async ({ db, actor }) => roamJsonExport(db, actor, await defaultGraphId(db, actor)));
