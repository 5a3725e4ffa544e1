// Per-request accounting of time spent in the database, for the Server-Timing header.
// The Prisma client adds to it on every query (lib/db/client.ts); route handlers read it
// (lib/server/http.ts).
import { AsyncLocalStorage } from "node:async_hooks";

type Timing = { dbMs: number; dbQueries: number };

// On globalThis: Next bundles this module into several server chunks (instrumentation, each
// route), and the Prisma client made by one must report to the request context of another.
const key = Symbol.for("loam.dbTiming");
const holder = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<Timing> };
const storage = (holder[key] ??= new AsyncLocalStorage<Timing>());

export function withTiming<T>(fn: () => Promise<T>): Promise<{ result: T; timing: Timing }> {
  const timing: Timing = { dbMs: 0, dbQueries: 0 };
  return storage.run(timing, async () => ({ result: await fn(), timing }));
}

export function currentTiming(): Timing | undefined {
  return storage.getStore();
}

export function recordDbTime(ms: number): void {
  const timing = storage.getStore();
  if (!timing) return;
  timing.dbMs += ms;
  timing.dbQueries += 1;
}

/**
 * Runs `fn` outside any request's accounting: work done for several requests at once (a group
 * of saves, lib/server/text-ops.ts) is counted by each of them with recordDbTime instead.
 */
export function untimed<T>(fn: () => T): T {
  return storage.exit(fn);
}
