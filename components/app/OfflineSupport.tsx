"use client";
// Makes the app usable offline: registers the service worker (public/sw.js) and, once it
// runs, puts this page and the code it loaded into its caches, since those were fetched
// before it could see them. Page data is kept by lib/store/api.ts, per user.
import { useEffect } from "react";
import { setCacheOwner } from "@/lib/store/offline-cache";

const STATIC = "loam-static-v1";
const PAGES = "loam-pages-v1";

async function warmCaches(): Promise<void> {
  const code = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith("/_next/static/"));
  await (await caches.open(STATIC)).addAll([...new Set(code)]);
  const page = await fetch(location.href, { cache: "no-store" });
  if (page.ok && !page.redirected) await (await caches.open(PAGES)).put(location.href, page);
}

export function OfflineSupport({ userId }: { userId: string }) {
  useEffect(() => {
    setCacheOwner(userId);
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let live = true;
    navigator.serviceWorker
      .register("/sw.js")
      .then(() => navigator.serviceWorker.ready)
      .then(warmCaches)
      .then(() => {
        // Tests (and the curious) can tell when a reload would work offline.
        if (live) document.documentElement.dataset.offlineReady = "true";
      })
      .catch((error: unknown) => console.warn("Loam: offline support is not available", error));
    return () => {
      live = false;
    };
  }, [userId]);
  return null;
}
