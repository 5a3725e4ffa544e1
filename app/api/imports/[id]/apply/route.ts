// POST /api/imports/:id/apply: runs a previewed import. The answer streams NDJSON lines while it
// runs: {"type":"progress","pages","blocks","pagesTotal","blocksTotal"}, then
// {"type":"done","preview"} or {"type":"error","message"} (nothing was written then).
import { defaultGraphId } from "@/lib/server/access";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/http";
import { confirmImport } from "@/lib/server/import-files";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async ({ db, actor }, { id }) => {
  const graphId = await defaultGraphId(db, actor);
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: object) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      try {
        const preview = await confirmImport(db, actor, graphId, id, (progress) => send({ type: "progress", ...progress }));
        send({ type: "done", preview });
      } catch (error) {
        if (!(error instanceof AppError)) console.error("Import failed", error);
        send({ type: "error", message: error instanceof AppError ? error.message : "The import failed and wrote nothing." });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "X-Accel-Buffering": "no" } });
});
