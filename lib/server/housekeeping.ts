// Housekeeping that rides on ordinary requests: deleting rows past their age, at most once per
// interval per process (the last run is kept on globalThis: Next bundles a module into several
// chunks). A failure only logs; the next request after the interval tries again.
import type { Db } from "../db/client";

const holder = globalThis as typeof globalThis & { [key: symbol]: number | undefined };

/** Runs `sql` (a DELETE of old rows) unless it ran less than `everyMs` ago in this process. */
export async function pruneNowAndThen(db: Db, what: string, everyMs: number, sql: string, now = Date.now()): Promise<void> {
  const key = Symbol.for(`loam.pruned.${what}`);
  if (now - (holder[key] ?? 0) < everyMs) return;
  holder[key] = now;
  try {
    await db.$executeRawUnsafe(sql);
  } catch (error) {
    console.warn(`Loam: could not prune ${what}`, error);
  }
}
