// GET /api/pages/:id/unlinked: blocks that mention the page's title without linking it.
import { route } from "@/lib/server/http";
import { getUnlinkedReferences } from "@/lib/server/references";

export const GET = route<{ id: string }>(({ db, actor }, { id }) => getUnlinkedReferences(db, actor, id));
