// GET /api/blocks/:uid: one block by uid or id (404 unless the actor may read its graph).
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { getBlock } from "@/lib/server/pages";

export const GET = route<{ uid: string }>(async ({ db, actor }, { uid }) => getBlock(db, actor, await defaultGraphId(db, actor), uid));
