// POST /api/pages/changes/:id/undo: takes a rename, merge or delete back.
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { undoPageChange } from "@/lib/server/page-changes";

export const POST = route<{ id: string }>(async ({ db, actor }, { id }) => undoPageChange(db, actor, await defaultGraphId(db, actor), id));
