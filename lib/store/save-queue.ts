// The client's save path: ops wait here until the server has them. Sends a batch about 300 ms
// after typing stops, at once when the page is hidden, and retries with exponential back-off
// and jitter. Its state is a small zustand store that the status line shows.
//
// (The saving issue makes this survive reloads with IndexedDB; here ops live in memory.)
import { nanoid } from "nanoid";
import { createStore } from "zustand/vanilla";
import type { Op } from "../outline/ops";
import type { PageAddress, SendableOp, WireOp } from "../outline/schema";
import { clientId } from "./client-id";

export type SaveState =
  | { kind: "saved" }
  | { kind: "saving"; pending: number }
  | { kind: "offline"; pending: number }
  | { kind: "retrying"; pending: number; reason: string }
  | { kind: "failed"; pending: number; reason: string };

export const saveState = createStore<SaveState>(() => ({ kind: "saved" }));

const IDLE_MS = 300;
const MAX_BATCH = 500;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;

let waiting: WireOp[] = [];
let inFlight: WireOp[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
let stopped = false;

// Text still held by the focused editor (it reaches the store after a short pause in typing)
// is pushed in before anything is sent or the tab goes away.
const beforeFlush = new Set<(force: boolean) => void>();

/** `force`: the tab is being hidden or closed, so even text still being worked on goes. */
export function onBeforeFlush(hook: (force: boolean) => void): () => void {
  beforeFlush.add(hook);
  return () => beforeFlush.delete(hook);
}

function runBeforeFlush(force: boolean): void {
  for (const hook of beforeFlush) hook(force);
}

function pending(): number {
  return waiting.length + inFlight.length;
}

function publish(state: SaveState): void {
  saveState.setState(state, true);
}

function isOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/**
 * Queues ops of one page. Consecutive text updates (or props updates) of one block that are not
 * yet sent merge into the last one: each carries the whole new value.
 */
export function enqueue(page: PageAddress, ops: readonly Op[]): void {
  for (const op of ops.flatMap(function sendable(op: Op): SendableOp[] {
    return op.type === "batch" ? op.ops.flatMap(sendable) : [op];
  })) {
    const last = waiting.at(-1);
    const replaces = (op.type === "update" || op.type === "setProps") && last?.op.type === op.type && last.op.uid === op.uid;
    if (replaces) {
      // A fresh id: the old one may have reached the server already (a retried batch).
      waiting[waiting.length - 1] = { id: nanoid(), page, op };
      continue;
    }
    waiting.push({ id: nanoid(), page, op });
  }
  if (!stopped) publish(isOffline() ? { kind: "offline", pending: pending() } : { kind: "saving", pending: pending() });
  schedule(IDLE_MS);
}

function schedule(ms: number): void {
  if (stopped) return;
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), ms);
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** Sends what is waiting now. `keepalive` lets the request outlive a closing tab. */
export async function flush(options: { keepalive?: boolean } = {}): Promise<void> {
  runBeforeFlush(options.keepalive === true);
  if (inFlight.length > 0 || waiting.length === 0 || stopped) return;
  clearTimeout(timer);
  inFlight = waiting.slice(0, MAX_BATCH);
  waiting = waiting.slice(inFlight.length);
  try {
    const response = await fetch("/api/ops", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ops: inFlight, clientId }),
      keepalive: options.keepalive === true,
    });
    if (response.ok) {
      inFlight = [];
      failures = 0;
      if (waiting.length > 0) schedule(0);
      else publish({ kind: "saved" });
      return;
    }
    const reason = await readError(response);
    if (response.status === 401) {
      stopAndKeep("Signed out: sign in again to save");
      return;
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      // The server refused these changes; sending them again would be refused again.
      stopAndKeep(reason);
      return;
    }
    retryLater(reason);
  } catch {
    retryLater(isOffline() ? "offline" : "the server cannot be reached");
  }
}

function stopAndKeep(reason: string): void {
  waiting = [...inFlight, ...waiting];
  inFlight = [];
  stopped = true;
  publish({ kind: "failed", pending: pending(), reason });
}

function retryLater(reason: string): void {
  waiting = [...inFlight, ...waiting];
  inFlight = [];
  failures += 1;
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
  const delay = ceiling / 2 + Math.random() * (ceiling / 2);
  publish(
    reason === "offline" ? { kind: "offline", pending: pending() } : { kind: "retrying", pending: pending(), reason },
  );
  schedule(delay);
}

/** Typing the focused editor still holds: the status must not say "Saved" meanwhile. */
export function noteLocalEdit(): void {
  if (!stopped && saveState.getState().kind === "saved") publish({ kind: "saving", pending: pending() + 1 });
}

/** After held text was pushed in: if it changed nothing, all is saved again. */
export function settleIfIdle(): void {
  if (!stopped && pending() === 0 && saveState.getState().kind === "saving") publish({ kind: "saved" });
}

const sameAddress = (a: PageAddress, b: PageAddress) =>
  "daily" in a ? "daily" in b && a.daily === b.daily : "title" in b && a.title === b.title;

/** Ops of `page` not yet acknowledged by the server, oldest first. */
export function unsavedOpsOf(page: PageAddress): SendableOp[] {
  return [...inFlight, ...waiting].filter((wire) => sameAddress(wire.page, page)).map((wire) => wire.op);
}

export function hasUnsaved(): boolean {
  return pending() > 0;
}

let listening = false;
/** Flush when the tab is hidden or comes back online; ask before closing with unsaved changes. */
export function installSaveListeners(): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void flush({ keepalive: true });
  });
  window.addEventListener("online", () => {
    failures = 0;
    schedule(0);
  });
  window.addEventListener("offline", () => {
    if (pending() > 0) publish({ kind: "offline", pending: pending() });
  });
  window.addEventListener("beforeunload", (event) => {
    runBeforeFlush(true);
    if (!hasUnsaved()) return;
    void flush({ keepalive: true });
    event.preventDefault();
  });
}
