// GET /api/imports: the graph's imports, newest first.
// POST /api/imports?name=<file name>: the file as the raw body, streamed to LOAM_IMPORT_DIR and
// refused past LOAM_IMPORT_MAX_BYTES as it arrives; answers with the import's id and preview.
import { defaultGraphId } from "@/lib/server/access";
import { AppError } from "@/lib/server/errors";
import { route } from "@/lib/server/http";
import { uploadImport } from "@/lib/server/import-files";
import { listImports } from "@/lib/server/imports";

export const runtime = "nodejs";

export const GET = route(async ({ db, actor }) => listImports(db, actor, await defaultGraphId(db, actor)));

async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Refused midway: stop reading the rest of the upload.
    await reader.cancel().catch(() => undefined);
  }
}

export const POST = route(async ({ db, actor, request }) => {
  const name = new URL(request.url).searchParams.get("name") ?? "";
  if (!request.body) throw new AppError("invalid_request", "Choose a file to import.");
  const length = Number(request.headers.get("content-length"));
  return uploadImport(db, actor, await defaultGraphId(db, actor), name, chunksOf(request.body), Number.isFinite(length) && length > 0 ? length : null);
});
