// The save queue's copy on disk: every op waits in IndexedDB until the server has it, so a
// reload, a crashed tab or a closed laptop loses nothing. Each record names the user (another
// account signed in later in this browser never sends them) and the tab that made it (a tab
// still open keeps sending its own ops; a gone tab's ops are adopted by the next one).
import type { WireOp } from "../outline/schema";

export type StoredOp = WireOp & { userId: string; tab: string; seq: number };

const DB_NAME = "loam";
const STORE = "ops";
const VERSION = 1;

let opening: Promise<IDBDatabase | null> | undefined;

/** The database, or null where IndexedDB is missing or refused (private modes): the queue then lives in memory only. */
function database(): Promise<IDBDatabase | null> {
  if (opening) return opening;
  opening = new Promise((resolve) => {
    if (typeof indexedDB === "undefined") return resolve(null);
    const request = indexedDB.open(DB_NAME, VERSION);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: "id" });
      store.createIndex("byUser", "userId");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error("IndexedDB write failed"));
    transaction.onabort = () => reject(transaction.error ?? new Error("IndexedDB write aborted"));
  });
}

/** Writes and deletes in one transaction (a coalesced text update replaces the op it merged). */
export async function storeOps(put: readonly StoredOp[], remove: readonly string[] = []): Promise<void> {
  const db = await database();
  if (!db || (put.length === 0 && remove.length === 0)) return;
  const transaction = db.transaction(STORE, "readwrite");
  const store = transaction.objectStore(STORE);
  for (const id of remove) store.delete(id);
  for (const op of put) store.put(op);
  await done(transaction);
}

export async function removeOps(ids: readonly string[]): Promise<void> {
  await storeOps([], ids);
}

/** Every stored op of `userId`, oldest first. */
export async function storedOpsOf(userId: string): Promise<StoredOp[]> {
  const db = await database();
  if (!db) return [];
  const transaction = db.transaction(STORE, "readonly");
  const request = transaction.objectStore(STORE).index("byUser").getAll(userId);
  const ops = await new Promise<StoredOp[]>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as StoredOp[]);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB read failed"));
  });
  return ops.sort((a, b) => a.seq - b.seq);
}

/** Re-labels ops as this tab's (it adopted them from a tab that is gone). */
export async function adoptOps(ops: readonly StoredOp[], tab: string): Promise<void> {
  await storeOps(ops.map((op) => ({ ...op, tab })));
}
