// GET /api/imports/:id/undo: what undo would remove, and what was edited since (asked first).
// POST /api/imports/:id/undo: removes everything the import made, in one step.
import { defaultGraphId } from "@/lib/server/access";
import { route } from "@/lib/server/http";
import { checkUndo, undoImport } from "@/lib/server/imports";

export const GET = route<{ id: string }>(async ({ db, actor }, { id }) => checkUndo(db, actor, await defaultGraphId(db, actor), id));

export const POST = route<{ id: string }>(async ({ db, actor }, { id }) => undoImport(db, actor, await defaultGraphId(db, actor), id));
