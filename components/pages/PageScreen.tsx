"use client";
// /page/<title>: one page and its outline, then its linked and unlinked references. A page that
// does not exist yet shows empty; the first block written on it creates it.
import { useEffect, useState } from "react";
import type { PageAddress } from "@/lib/outline/schema";
import type { PageView } from "@/lib/server/pages";
import { getJson } from "@/lib/store/api";
import { whenRestored } from "@/lib/store/save-queue";
import { loadPage, pageKeyOf, setScreenPage } from "@/lib/store/pages";
import { Outliner } from "../outliner/Outliner";
import { LinkedReferences } from "./LinkedReferences";
import { UnlinkedReferences } from "./UnlinkedReferences";

export function addressOf(view: PageView): PageAddress {
  return view.day ? { daily: view.day } : { title: view.title };
}

export function PageScreen({ title }: { title: string }) {
  const [view, setView] = useState<PageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped when mentions were linked here: the linked references load again.
  const [linked, setLinked] = useState(0);

  useEffect(() => {
    whenRestored()
      .then(() => getJson<PageView>(`/api/pages?title=${encodeURIComponent(title)}`))
      .then((loaded) => {
        loadPage(addressOf(loaded), loaded.blocks);
        setView(loaded);
      })
      .catch((reason: unknown) => setError((reason as Error).message));
  }, [title]);

  const pageKey = view ? pageKeyOf(addressOf(view)) : null;
  useEffect(() => {
    if (pageKey === null) return;
    setScreenPage(pageKey);
    return () => setScreenPage(null);
  }, [pageKey]);

  if (error) return <p role="alert" className="error">Could not load “{title}”: {error}</p>;
  if (!view) return <p className="loading" aria-busy="true">Loading…</p>;
  return (
    <article className="page" aria-label={view.title}>
      <h1 className="page-title">{view.title}</h1>
      <Outliner pageKey={pageKeyOf(addressOf(view))} label={view.title} />
      {view.page && (
        <>
          <LinkedReferences key={view.page.id} pageId={view.page.id} reloadKey={linked} />
          <UnlinkedReferences key={`unlinked:${view.page.id}`} pageId={view.page.id} title={view.page.title} onLinked={() => setLinked((n) => n + 1)} />
        </>
      )}
    </article>
  );
}
