// Live updates in the browser: one EventSource on /api/events per tab. Each event is another
// tab's or device's change to one page, as the primitive ops the server applied; they go over
// this tab's tree with applyRemote (pages.ts), which leaves unsaved local changes and the block
// being edited alone. EventSource reconnects by itself after a dropped connection (sending
// Last-Event-ID, so nothing is missed); it gives up only when the server answers with an error
// status (a restart behind a proxy, say), and then a new one is opened after a pause.
import { z } from "zod";
import type { PrimitiveOp } from "../outline/ops";
import { opSchema, pageAddressSchema } from "../outline/schema";
import { clientId } from "./client-id";
import { noteHeard } from "./heard";
import { applyRemote } from "./pages";

const isPrimitive = (op: z.infer<typeof opSchema>): op is PrimitiveOp =>
  op.type === "create" || op.type === "update" || op.type === "move" || op.type === "delete" || op.type === "setProps";

const eventSchema = z.object({
  seq: z.number(),
  page: pageAddressSchema,
  clientId: z.string().nullable(),
  ops: z.array(opSchema),
});

const REOPEN_BASE_MS = 1_000;
const REOPEN_MAX_MS = 30_000;

// The last event this tab received, kept across the shell's remounts (each route renders its
// own AppShell): the next stream resumes after it, so nothing saved in between is missed.
let lastId: string | undefined;

/** Applies one event's data; returns the number of ops applied (0 for this tab's own changes). */
export function receive(data: string): number {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) {
    console.warn("Loam: a live update could not be read", parsed.error.issues[0]);
    return 0;
  }
  const event = parsed.data;
  if (event.clientId === clientId) return 0;
  return applyRemote(event.page, event.ops.filter(isPrimitive));
}

/** Opens the tab's live updates; returns what closes them. */
export function startLiveUpdates(): () => void {
  let source: EventSource | undefined;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const open = () => {
    const params = new URLSearchParams({ client: clientId });
    if (lastId) params.set("after", lastId);
    const current = new EventSource(`/api/events?${params}`);
    source = current;
    current.onopen = () => {
      failures = 0;
    };
    // Where the server started this stream: a later stream resumes there.
    current.addEventListener("start", (event: MessageEvent<string>) => {
      if (event.lastEventId) lastId = event.lastEventId;
      noteHeard(Number(lastId));
    });
    current.onmessage = (event: MessageEvent<string>) => {
      if (event.lastEventId) lastId = event.lastEventId;
      receive(event.data);
      noteHeard(Number(lastId));
    };
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED || stopped) return; // reconnecting by itself
      const ceiling = Math.min(REOPEN_MAX_MS, REOPEN_BASE_MS * 2 ** failures);
      failures += 1;
      timer = setTimeout(open, ceiling / 2 + Math.random() * (ceiling / 2));
    };
  };

  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}
