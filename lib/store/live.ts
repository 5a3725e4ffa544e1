// Live updates in the browser: one EventSource on /api/events per tab. Each event is another
// tab's or device's change to one page, as the primitive ops the server applied; they go over
// this tab's tree with applyRemote (pages.ts), which leaves unsaved local changes and the block
// being edited alone.
//
// Nothing is missed and nothing applied twice: every page read names the op-log position it
// reflects (its `seq`), and the stream always starts at or before the smallest position of the
// pages shown — a page read at a position the stream has already passed starts the stream again
// from there — while applyRemote skips, per page, what the page already holds.
//
// EventSource reconnects by itself after a dropped connection (sending Last-Event-ID); it gives
// up only when the server answers with an error status (a restart behind a proxy, say), and then
// a new one is opened after a pause. The server may answer `reset` (the log no longer holds
// every change since: pruned after a day), and the pages shown are read again; or `denied`
// (the user lost access to the graph), and the tab stops listening and says so.
import { z } from "zod";
import type { PrimitiveOp } from "../outline/ops";
import { opSchema, pageAddressSchema, type PageAddress } from "../outline/schema";
import { getJson } from "./api";
import { clientId } from "./client-id";
import { notify } from "./notice";
import { applyRemote, loadPage, onPageLoad, usePages } from "./pages";

const isPrimitive = (op: z.infer<typeof opSchema>): op is PrimitiveOp =>
  op.type === "create" || op.type === "update" || op.type === "move" || op.type === "delete" || op.type === "setProps";

const eventSchema = z.object({
  seq: z.number(),
  page: pageAddressSchema,
  clientId: z.string().nullable(),
  ops: z.array(opSchema),
});

const deniedSchema = z.object({ message: z.string() });

/** What a page read answers (lib/server/pages.ts PageView), as far as live updates need it. */
type PageRead = { blocks: Parameters<typeof loadPage>[1]; seq: number };

const REOPEN_BASE_MS = 1_000;
const REOPEN_MAX_MS = 30_000;

// Kept across the shell's remounts (each route renders its own AppShell):
/** Every change after this op-log position reaches this tab (undefined until a page is read). */
let position: number | undefined;
/** The user lost access to the graph: no stream is opened again until the tab reloads. */
let denied = false;
/** Opens the stream again from `position` (set while the shell's live updates run). */
let restart: (() => void) | undefined;

// A page read at a position the stream has passed missed the changes in between: start again there.
onPageLoad((seq) => {
  if (position !== undefined && seq >= position) return;
  position = seq;
  restart?.();
});

function jsonOf(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/** Applies one event's data; returns the number of ops applied (0 for this tab's own changes). */
export function receive(data: string): number {
  const parsed = eventSchema.safeParse(jsonOf(data));
  if (!parsed.success) {
    console.warn("Loam: a live update could not be read", parsed.error.issues[0]);
    return 0;
  }
  const event = parsed.data;
  if (event.clientId === clientId) return 0;
  return applyRemote(event.page, event.ops.filter(isPrimitive), event.seq);
}

function readUrl(address: PageAddress): string {
  return "daily" in address ? `/api/daily/${address.daily}` : `/api/pages?title=${encodeURIComponent(address.title)}`;
}

/** Reads every page in the store again (after a reset), this tab's unsaved changes kept on top. */
async function reloadPages(): Promise<void> {
  const entries = Object.values(usePages.getState().pages);
  await Promise.all(
    entries.map(async ({ address }) => {
      try {
        const view = await getJson<PageRead>(readUrl(address));
        loadPage(address, view.blocks, view.seq, { replace: true });
      } catch (error) {
        console.warn("Loam: a page could not be read again after live updates were reset", error);
      }
    }),
  );
}

/** Opens the tab's live updates (once a page is read, from its position); returns what closes them. */
export function startLiveUpdates(): () => void {
  let source: EventSource | undefined;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const close = () => {
    clearTimeout(timer);
    source?.close();
    source = undefined;
  };

  const open = () => {
    close();
    if (stopped || denied || position === undefined) return;
    const params = new URLSearchParams({ client: clientId, after: String(position) });
    const current = new EventSource(`/api/events?${params}`);
    source = current;
    const advance = (event: MessageEvent<string>) => {
      if (event.lastEventId) position = Number(event.lastEventId);
    };
    current.onopen = () => {
      failures = 0;
    };
    current.addEventListener("start", advance);
    current.addEventListener("reset", (event: MessageEvent<string>) => {
      advance(event);
      void reloadPages();
    });
    current.addEventListener("denied", (event: MessageEvent<string>) => {
      denied = true;
      close();
      const parsed = deniedSchema.safeParse(jsonOf(event.data));
      notify(`Live updates stopped: ${parsed.success ? parsed.data.message : "you no longer have access to this graph."}`);
    });
    current.onmessage = (event: MessageEvent<string>) => {
      advance(event);
      receive(event.data);
    };
    current.onerror = () => {
      if (current.readyState !== EventSource.CLOSED || stopped || source !== current) return; // reconnecting by itself
      const ceiling = Math.min(REOPEN_MAX_MS, REOPEN_BASE_MS * 2 ** failures);
      failures += 1;
      timer = setTimeout(open, ceiling / 2 + Math.random() * (ceiling / 2));
    };
  };

  restart = open;
  open();
  return () => {
    stopped = true;
    if (restart === open) restart = undefined;
    close();
  };
}
