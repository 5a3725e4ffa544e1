// GET /api/events: the signed-in user's graph's changes as server-sent events (live updates).
// EventSource sends Last-Event-ID when it reconnects; a fresh EventSource may say ?after=<seq>.
import { openLiveStream } from "@/lib/server/events";
import { route } from "@/lib/server/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function seqFrom(value: string | null | undefined): number | undefined {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export const GET = route(async ({ db, actor, request }) => {
  const url = new URL(request.url);
  const stream = await openLiveStream(db, actor, {
    after: seqFrom(request.headers.get("last-event-id")) ?? seqFrom(url.searchParams.get("after")),
    clientId: url.searchParams.get("client") ?? undefined,
    signal: request.signal,
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // (route() marks every answer no-store.) A proxy such as nginx must not hold events back.
      "X-Accel-Buffering": "no",
    },
  });
});
