// GET /api/pages/:id/references/filters: pages the page's references also link, with counts.
import { route } from "@/lib/server/http";
import { getReferenceFilterOptions } from "@/lib/server/references";

export const GET = route<{ id: string }>(async ({ db, actor }, { id }) => ({ pages: await getReferenceFilterOptions(db, actor, id) }));
