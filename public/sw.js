// Loam's service worker: keeps the app itself available offline. The app's code and styles
// (/_next/static, named by content hash) come from the cache first; pages are fetched from the
// network and kept, so a reload while offline shows the last copy. Page data and unsaved
// changes are the app's own business (Cache Storage and IndexedDB, lib/store). Caches named
// "loam-…" are cleared at sign-out.
const STATIC = "loam-static-v1";
const PAGES = "loam-pages-v1";

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC);
    await cache.put(request, response.clone());
  }
  return response;
}

async function networkFirstPage(request) {
  try {
    const response = await fetch(request);
    // Only a page that really loaded (not a redirect to sign in) is worth keeping.
    if (response.ok && !response.redirected) {
      const cache = await caches.open(PAGES);
      await cache.put(request.url, response.clone());
    }
    return response;
  } catch (error) {
    const cached = (await caches.match(request.url, { ignoreSearch: true })) ?? (await caches.match(new URL("/", self.location.origin).href));
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (request.mode === "navigate" && !url.pathname.startsWith("/api/")) {
    event.respondWith(networkFirstPage(request));
  }
});
