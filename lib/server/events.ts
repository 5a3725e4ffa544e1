// Live updates: each app process LISTENs once on the op log's channel and wakes the streams of
// the notified graph; each stream then reads the log rows after the last one it sent and sends
// them as server-sent events. PostgreSQL carries the notices between app servers, so a change
// saved through one server reaches tabs on all of them. A stream holds no database connection:
// it borrows one from the pool for each read.
import { z } from "zod";
import { database, type Db } from "../db/client";
import type { Listening } from "../db/listen";
import { defaultGraphId, requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { canReplayFrom, latestSeq, OPS_CHANNEL, readOpLog } from "./op-log";

type Wake = () => void;

type Hub = { subscribers: Map<string, Set<Wake>>; listening?: Promise<Listening> };

// On globalThis: Next bundles lib code into several server chunks, and a process needs one
// LISTEN connection whichever chunk opened it.
const hubKey = Symbol.for("loam.liveUpdates");
const holder = globalThis as typeof globalThis & { [hubKey]?: Hub };

function hub(): Hub {
  return (holder[hubKey] ??= { subscribers: new Map() });
}

const noticeSchema = z.object({ graphId: z.string(), seq: z.number() });

function wakeGraph(graphId: string): void {
  for (const wake of hub().subscribers.get(graphId) ?? []) wake();
}

function wakeAll(): void {
  for (const graphId of hub().subscribers.keys()) wakeGraph(graphId);
}

function startListening(state: Hub): void {
  state.listening ??= database()
    .then((db) =>
      db.listen(OPS_CHANNEL, {
        notify(payload) {
          const notice = noticeSchema.safeParse(JSON.parse(payload));
          if (notice.success) wakeGraph(notice.data.graphId);
        },
        // (Re)connected: notices sent meanwhile are lost, so every stream reads what it missed.
        ready: wakeAll,
      }),
    )
    .catch((error: unknown) => {
      delete state.listening; // the next subscriber tries again
      console.error("Loam: live updates cannot listen for changes", error);
      throw error;
    });
}

/** Calls `wake` whenever the graph's op log may have new rows; returns the unsubscribe. */
export function subscribe(graphId: string, wake: Wake): () => void {
  const state = hub();
  const wakes = state.subscribers.get(graphId) ?? new Set();
  wakes.add(wake);
  state.subscribers.set(graphId, wakes);
  startListening(state);
  return () => {
    wakes.delete(wake);
    if (wakes.size === 0 && state.subscribers.get(graphId) === wakes) state.subscribers.delete(graphId);
  };
}

/** Stops listening in this process (tests; a server shutting down). */
export async function stopListening(): Promise<void> {
  const state = hub();
  const listening = state.listening;
  delete state.listening;
  await (await listening?.catch(() => undefined))?.close();
}

/** Streams open in this process (for tests and diagnostics). */
export function openStreams(): number {
  let count = 0;
  for (const wakes of hub().subscribers.values()) count += wakes.size;
  return count;
}

const HEARTBEAT_MS = 20_000;
/** Access is checked again at least this often (and whenever the graph changes). */
const ACCESS_CHECK_MS = 30_000;
const READ_LIMIT = 200;
/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RETRY_MS = 1_000;

export type LiveStreamOptions = {
  /** The last event id the client has (EventSource's Last-Event-ID, or ?after=): replay from there. */
  after?: number;
  /** The client's own id: its own changes are not sent back to it. */
  clientId?: string;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
  /** How often access is checked again without a change to the graph (tests shorten it). */
  accessCheckMs?: number;
};

/** The message of the `denied` event that ends a stream whose user lost access to the graph. */
export const ACCESS_LOST = "You no longer have access to this graph, so its changes are not shown here any more.";

/**
 * The actor's graph's changes as server-sent events, from `after` (else from now on): each
 * event is `id: <seq>` and `data: {"seq","page","clientId","ops"}`. A first event names the
 * seq the stream starts after: `start`, or `reset` when the log no longer holds every change
 * after `after` (pruned after a day): the tab must read its pages again. Access is checked
 * again whenever the graph changes and at least every 30 s; once the actor has lost it, a
 * `denied` event says so and the stream ends. A comment every 20 s keeps proxies from closing it.
 */
export async function openLiveStream(db: Db, actor: Actor, options: LiveStreamOptions): Promise<ReadableStream<Uint8Array>> {
  const graphId = await defaultGraphId(db, actor);
  await requireGraph(db, actor, graphId, "read");
  const resumable = options.after === undefined || (await canReplayFrom(db, graphId, options.after));
  let last = options.after !== undefined && resumable ? options.after : await latestSeq(db, graphId);
  const encoder = new TextEncoder();
  let stop: () => void = () => undefined;

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };

      /** False (after sending `denied` and ending the stream) once the actor may no longer read the graph. */
      const allowed = async (): Promise<boolean> => {
        try {
          await requireGraph(db, actor, graphId, "read");
          return true;
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
          send(`event: denied\ndata: ${JSON.stringify({ message: ACCESS_LOST })}\n\n`);
          stop();
          return false;
        }
      };

      // One read at a time; a wake during a read makes it read again after.
      let reading = false;
      let again = false;
      const read = async () => {
        if (reading) {
          again = true;
          return;
        }
        reading = true;
        try {
          do {
            again = false;
            if (!(await allowed())) return;
            let rows;
            do {
              rows = await readOpLog(db, graphId, last, READ_LIMIT);
              for (const row of rows) {
                last = row.seq;
                if (row.clientId !== null && row.clientId === options.clientId) continue;
                send(`id: ${row.seq}\ndata: ${JSON.stringify(row)}\n\n`);
              }
            } while (rows.length === READ_LIMIT && !closed);
          } while (again && !closed);
        } catch (error) {
          // The next notice (or reconnection of the listener) reads again from `last`.
          console.warn("Loam: live updates could not read the op log", error);
        } finally {
          reading = false;
        }
      };

      const unsubscribe = subscribe(graphId, () => void read());
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      // A graph nobody changes wakes no stream: its access is checked on a timer too.
      const accessCheck = setInterval(() => {
        allowed().catch((error: unknown) => console.warn("Loam: live updates could not check access", error));
      }, options.accessCheckMs ?? ACCESS_CHECK_MS);
      stop = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(accessCheck);
        options.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed by the consumer
        }
      };
      options.signal.addEventListener("abort", stop);
      if (options.signal.aborted) {
        stop();
        return;
      }
      // The first bytes: the browser sees the stream open, learns how soon to reconnect, and
      // where this stream starts (a reconnection resumes there even if no change came since).
      send(`retry: ${RETRY_MS}\nevent: ${resumable ? "start" : "reset"}\nid: ${last}\ndata: ${last}\n\n`);
      // Rows committed between reading `last` and subscribing woke nobody: read them now.
      void read();
    },
    cancel() {
      stop();
    },
  });
}
