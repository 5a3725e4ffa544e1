// The client's save path: ops wait here until the server has them. Sends a batch about 300 ms
// after typing stops, at once when the page is hidden, and retries with exponential back-off
// and jitter. Its state is a small zustand store that the status line shows. Every waiting op
// is also kept in IndexedDB (op-store.ts) until acknowledged: a reload or a crashed tab finds
// them there, applies them over the server's data (pages.ts, loadPage) and sends them again;
// op ids make a second sending harmless.
import { nanoid } from "nanoid";
import { createStore } from "zustand/vanilla";
import type { Op } from "../outline/ops";
import type { PageAddress, SendableOp, WireOp } from "../outline/schema";
import { clientId } from "./client-id";
import { adoptOps, removeOps, storedOpsOf, storeOps, type StoredOp } from "./op-store";

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
/** Whose ops these are (set once the signed-in user is known; until then they wait in memory). */
let owner: string | undefined;
/** Orders ops on disk across reloads. */
let nextSeq = Date.now() * 1_000;
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
/**
 * Queues `ops` made on `page`. `seen`: the op-log position the tab's copy of the page reflected
 * when they were made; deletes carry it, so that the server keeps what another tab changed
 * after it (lib/outline/conflicts.ts).
 */
export function enqueue(page: PageAddress, ops: readonly Op[], seen?: number): void {
  const put: WireOp[] = [];
  const replaced: string[] = [];
  for (const op of ops.flatMap(function sendable(op: Op): SendableOp[] {
    return op.type === "batch" ? op.ops.flatMap(sendable) : [op];
  })) {
    const last = waiting.at(-1);
    const replaces = (op.type === "update" || op.type === "setProps") && last?.op.type === op.type && last.op.uid === op.uid;
    const wire: WireOp = op.type === "delete" && seen !== undefined ? { id: nanoid(), page, op, seen } : { id: nanoid(), page, op };
    if (replaces && last) {
      // A fresh id: the old one may have reached the server already (a retried batch).
      waiting[waiting.length - 1] = wire;
      replaced.push(last.id);
    } else {
      waiting.push(wire);
    }
    put.push(wire);
  }
  // An op replaced within this same call never reaches the disk at all.
  const gone = new Set(replaced);
  const written = new Set(put.map((wire) => wire.id));
  persist(put.filter((wire) => !gone.has(wire.id)), replaced.filter((id) => !written.has(id)));
  if (!stopped) publish(isOffline() ? { kind: "offline", pending: pending() } : { kind: "saving", pending: pending() });
  schedule(IDLE_MS);
}

function stored(wire: WireOp, userId: string): StoredOp {
  return { ...wire, userId, tab: clientId, seq: nextSeq++ };
}

/** Mirrors queue changes to IndexedDB; a failure there leaves the in-memory queue working. */
function persist(put: readonly WireOp[], remove: readonly string[]): void {
  if (owner === undefined) return;
  const userId = owner;
  storeOps(put.map((wire) => stored(wire, userId)), remove).catch((error: unknown) => {
    console.warn("Loam: could not keep unsaved changes on disk", error);
  });
}

let restoring: Promise<void> | undefined;
let restoredNow: () => void = () => {};
const restored = new Promise<void>((resolve) => {
  restoredNow = resolve;
});

const RESTORE_WAIT_MS = 5_000;

/** Sends until nothing waits, a send fails or `ms` pass. */
async function sendAll(ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pending() > 0 && !stopped && Date.now() < deadline) {
    const before = pending();
    // A send already under way is waited for, not skipped.
    await (sending ?? flush());
    if (sending === undefined && pending() >= before) return; // no progress: the send failed
  }
}

/** Resolves once ops left from an earlier visit are back in the queue (pages load after that). */
export function whenRestored(): Promise<void> {
  if (typeof window === "undefined") return Promise.resolve();
  // Never hold a page back for long: a queue that cannot start leaves pages loading anyway.
  return Promise.race([restored, new Promise<void>((resolve) => setTimeout(resolve, RESTORE_WAIT_MS * 2))]);
}

/** The names of the Web Locks held by open tabs: each tab holds one for its lifetime. */
async function liveTabs(): Promise<Set<string> | undefined> {
  if (typeof navigator === "undefined" || !("locks" in navigator)) return undefined;
  const state = await navigator.locks.query();
  return new Set((state.held ?? []).map((lock) => lock.name ?? ""));
}

const tabLock = (tab: string) => `loam-tab-${tab}`;

/**
 * Starts the queue for the signed-in user: holds this tab's lock, then takes back the ops a
 * closed or crashed tab (or an earlier visit) left unsent, ahead of anything new.
 */
export function startQueue(userId: string): Promise<void> {
  if (restoring) return restoring;
  owner = userId;
  restoring = (async () => {
    try {
      if (typeof navigator !== "undefined" && "locks" in navigator) {
        void navigator.locks.request(tabLock(clientId), () => new Promise<never>(() => {}));
      }
      const live = await liveTabs();
      const left = (await storedOpsOf(userId)).filter((op) => op.tab !== clientId && !(live?.has(tabLock(op.tab)) ?? false));
      if (left.length > 0) {
        await adoptOps(left, clientId);
        const known = new Set([...inFlight, ...waiting].map((wire) => wire.id));
        const adopted = left.filter((op) => !known.has(op.id)).map(({ id, page, op }) => ({ id, page, op }));
        waiting = [...adopted, ...waiting];
        nextSeq = Math.max(nextSeq, ...left.map((op) => op.seq + 1));
      }
      // Whatever was queued before the user was known goes to disk too.
      persist(waiting, []);
      // Sent before pages load, the server's data already holds them (op ids keep a second
      // sending harmless); offline, pages apply them over what was last seen.
      if (left.length > 0 && !isOffline()) await sendAll(RESTORE_WAIT_MS);
    } catch (error) {
      console.warn("Loam: could not read unsaved changes from disk", error);
    } finally {
      restoredNow();
    }
    if (pending() > 0 && !stopped) {
      publish(isOffline() ? { kind: "offline", pending: pending() } : { kind: "saving", pending: pending() });
      schedule(0);
    }
  })();
  return restoring;
}

function schedule(ms: number): void {
  if (stopped) return;
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), ms);
}

/** The server's reason, and which op of the batch it refused (when it names one). */
async function readError(response: Response): Promise<{ message: string; index?: number }> {
  try {
    const body = (await response.json()) as { error?: { message?: string; details?: { index?: unknown } } };
    const index = body.error?.details?.index;
    return { message: body.error?.message ?? `HTTP ${response.status}`, index: typeof index === "number" ? index : undefined };
  } catch {
    return { message: `HTTP ${response.status}` };
  }
}

/** Told when the server refuses one change for good (the status line cannot hold the story). */
let onRefused: (reason: string) => void = (reason) => console.warn(`Loam: a change was refused: ${reason}`);
export function setRefusalHandler(handler: (reason: string) => void): void {
  onRefused = handler;
}

let onKept: (count: number) => void = () => {};

/** Who hears that blocks this tab deleted were kept, as another tab had just changed them. */
export function setKeptHandler(handler: (count: number) => void): void {
  onKept = handler;
}

/** Sends what is waiting now. `keepalive` lets the request outlive a closing tab. */
/** The send under way, if any. */
let sending: Promise<void> | undefined;

export function flush(options: { keepalive?: boolean } = {}): Promise<void> {
  runBeforeFlush(options.keepalive === true);
  if (inFlight.length > 0 || waiting.length === 0 || stopped) return sending ?? Promise.resolve();
  sending = send(options.keepalive === true).finally(() => {
    sending = undefined;
  });
  return sending;
}

async function send(keepalive: boolean): Promise<void> {
  clearTimeout(timer);
  inFlight = waiting.slice(0, MAX_BATCH);
  waiting = waiting.slice(inFlight.length);
  try {
    const response = await fetch("/api/ops", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ops: inFlight, clientId }),
      keepalive,
    });
    if (response.ok) {
      const { kept } = (await response.json().catch(() => ({}))) as { kept?: unknown };
      if (typeof kept === "number" && kept > 0) onKept(kept);
      // Off the disk before the status says "Saved" (a reload right after must not find them).
      await removeOps(inFlight.map((wire) => wire.id)).catch(() => {
        // Left on disk, they are sent again on the next visit and skipped by their ids.
      });
      inFlight = [];
      failures = 0;
      if (waiting.length > 0) schedule(0);
      else publish({ kind: "saved" });
      return;
    }
    const { message: reason, index } = await readError(response);
    if (response.status === 401) {
      stopAndKeep("Signed out: sign in again to save");
      return;
    }
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      const refused = index === undefined ? undefined : inFlight[index];
      if (refused) {
        // One change can never be saved (another tab deleted its block, say): it alone is
        // dropped, and everything after it is sent, rather than the tab stopping saving.
        dropRefused(refused, reason);
        return;
      }
      // Refused without saying which change: sending them again would be refused again.
      stopAndKeep(reason);
      return;
    }
    retryLater(reason);
  } catch {
    retryLater(isOffline() ? "offline" : "the server cannot be reached");
  }
}

function dropRefused(refused: WireOp, reason: string): void {
  waiting = [...inFlight.filter((wire) => wire !== refused), ...waiting];
  inFlight = [];
  removeOps([refused.id]).catch(() => {});
  onRefused(reason);
  publish(pending() === 0 ? { kind: "saved" } : { kind: "saving", pending: pending() });
  if (pending() > 0) schedule(0);
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
/**
 * Starts the queue for `userId`; flushes when the tab is hidden or comes back online; asks
 * before closing with unsaved changes.
 */
export function installSaveListeners(userId: string): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  void startQueue(userId);
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
