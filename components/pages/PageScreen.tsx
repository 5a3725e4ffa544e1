"use client";
// /page/<title>: one page and its outline, then its linked and unlinked references. A page that
// does not exist yet shows empty; the first block written on it creates it.
import Link from "next/link";
import { useEffect, useState } from "react";
import { addDays, dailyTitle, type IsoDay } from "@/lib/markup/daily";
import type { PageView } from "@/lib/server/pages";
import { pageHref } from "@/lib/store/navigate";
import { useChangeSeq } from "@/lib/store/page-changes";
import { addressOf, fetchPage } from "@/lib/store/load";
import { pageKeyOf, setScreenPage } from "@/lib/store/pages";
import { Outliner } from "../outliner/Outliner";
import { NamespaceChildren } from "./NamespaceChildren";
import { PageTitle } from "./PageTitle";
import { LinkedReferences } from "./LinkedReferences";
import { UnlinkedReferences } from "./UnlinkedReferences";

/** Previous and next day, on a daily page. */
function DayNav({ day }: { day: IsoDay }) {
  const previous = addDays(day, -1);
  const next = addDays(day, 1);
  return (
    <nav className="day-nav" aria-label="Days">
      <Link href={pageHref(dailyTitle(previous))} rel="prev">
        ‹ {dailyTitle(previous)}
      </Link>
      <Link href={pageHref(dailyTitle(next))} rel="next">
        {dailyTitle(next)} ›
      </Link>
    </nav>
  );
}

export function PageScreen({ title }: { title: string }) {
  const [view, setView] = useState<PageView | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A rename, merge or delete (here or from a notice's Undo) changed pages: load this one again.
  const changeSeq = useChangeSeq((state) => state.seq);
  // Bumped when mentions were linked here: the linked references load again (as after a page change).
  const [linked, setLinked] = useState(0);

  useEffect(() => {
    fetchPage(title)
      .then(setView)
      .catch((reason: unknown) => setError((reason as Error).message));
  }, [title, changeSeq]);

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
      {view.day && <DayNav day={view.day} />}
      <PageTitle pageId={view.page?.id ?? null} title={view.title} address={addressOf(view)} />
      <Outliner pageKey={pageKeyOf(addressOf(view))} label={view.title} />
      <NamespaceChildren title={view.title} seq={changeSeq} />
      {view.page && (
        <>
          <LinkedReferences key={view.page.id} pageId={view.page.id} reloadKey={linked + changeSeq} />
          <UnlinkedReferences key={`unlinked:${view.page.id}`} pageId={view.page.id} title={view.page.title} onLinked={() => setLinked((n) => n + 1)} />
        </>
      )}
    </article>
  );
}
