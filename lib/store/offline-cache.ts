// What the tab last read from the API, kept in the browser's Cache Storage per user, so a
// reload while offline still shows the pages last seen (the service worker, public/sw.js,
// serves the app itself). Unsaved changes are not here: they wait in IndexedDB (op-store.ts)
// and are applied over these copies when a page loads.
let owner: string | undefined;

const cacheName = (userId: string) => `loam-data-${userId}`;

export function setCacheOwner(userId: string): void {
  owner = userId;
}

const usable = () => typeof caches !== "undefined" && owner !== undefined;

/** Keeps a successful GET's answer (a copy: the caller reads the original). */
export function remember(url: string, response: Response): void {
  if (!usable() || !owner) return;
  const copy = response.clone();
  caches
    .open(cacheName(owner))
    .then((cache) => cache.put(url, copy))
    .catch(() => {
      // No room or no Cache Storage: offline reloads just won't have this page.
    });
}

/** The last answer kept for `url`, if any. */
export async function recall(url: string): Promise<Response | undefined> {
  if (!usable() || !owner) return undefined;
  return (await caches.open(cacheName(owner))).match(url);
}

/** Sign-out: nothing of this user's pages stays in the browser. */
export async function forgetAll(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith("loam-")).map((name) => caches.delete(name)));
}
