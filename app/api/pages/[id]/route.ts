// GET /api/pages/:id: a page and its blocks (404 unless the actor may read its graph).
import { route } from "@/lib/server/http";
import { getPage } from "@/lib/server/pages";

export const GET = route<{ id: string }>(({ db, actor }, { id }) => getPage(db, actor, id));
