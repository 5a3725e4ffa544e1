"use client";
// "/": today's page (the browser's date) and, below it, earlier days that have something
// written on them, more loading as you scroll.
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { isoDayOf, type IsoDay } from "@/lib/markup/daily";
import type { PageView } from "@/lib/server/pages";
import { getJson } from "@/lib/store/api";
import { pageHref } from "@/lib/store/navigate";
import { whenRestored } from "@/lib/store/save-queue";
import { loadPage, pageKeyOf, setScreenPage } from "@/lib/store/pages";
import { Outliner } from "../outliner/Outliner";

const DAYS_PER_LOAD = 5;

function DayPage({ view, today }: { view: PageView; today?: boolean }) {
  const address = { daily: view.day ?? "" };
  const key = pageKeyOf(address);
  const Heading = today ? "h1" : "h2";
  return (
    <article className="daily-page" aria-label={view.title}>
      <Heading className="page-title">
        {today ? (
          view.title
        ) : (
          // An earlier day's title opens that day's page, as in Roam.
          <Link href={pageHref(view.title)} className="page-title-link">
            {view.title}
          </Link>
        )}
      </Heading>
      <Outliner pageKey={key} label={view.title} />
    </article>
  );
}

export function DailyNotes() {
  const [today, setToday] = useState<PageView | null>(null);
  const [earlier, setEarlier] = useState<PageView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [exhausted, setExhausted] = useState(false);
  // Earlier days that could not load (offline, say): today stays, a button tries again.
  const [moreError, setMoreError] = useState<string | null>(null);
  const loading = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);

  const remember = (view: PageView) => {
    if (view.day) loadPage({ daily: view.day }, view.blocks, view.seq);
  };

  useEffect(() => {
    const day: IsoDay = isoDayOf(new Date());
    // Unsaved changes left from an earlier visit go first (save-queue.ts), then the page.
    whenRestored()
      .then(() => getJson<PageView>(`/api/daily/${day}`))
      .then((view) => {
        remember(view);
        setToday(view);
      })
      .catch((reason: unknown) => setError((reason as Error).message));
  }, []);

  const loadMore = useCallback(async () => {
    if (loading.current || exhausted || moreError !== null || !today?.day) return;
    loading.current = true;
    try {
      const before = earlier.at(-1)?.day ?? today.day;
      const { days } = await getJson<{ days: PageView[] }>(`/api/daily?before=${before}&limit=${DAYS_PER_LOAD}`);
      days.forEach(remember);
      setEarlier((current) => [...current, ...days]);
      if (days.length < DAYS_PER_LOAD) setExhausted(true);
    } catch (reason) {
      setMoreError((reason as Error).message);
    } finally {
      loading.current = false;
    }
  }, [earlier, exhausted, moreError, today]);

  // Back online: earlier days that failed to load are tried again.
  useEffect(() => {
    if (moreError === null) return;
    const retry = () => setMoreError(null);
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [moreError]);

  // Ctrl+Shift+A with nothing selected selects today's blocks.
  useEffect(() => {
    if (!today?.day) return;
    setScreenPage(pageKeyOf({ daily: today.day }));
    return () => setScreenPage(null);
  }, [today?.day]);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || !today) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void loadMore();
    }, { rootMargin: "600px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore, today]);

  if (error) return <p role="alert" className="error">Could not load your daily notes: {error}</p>;
  if (!today) return <p className="loading" aria-busy="true">Loading today…</p>;
  return (
    <div className="daily-notes">
      <DayPage view={today} today />
      {earlier.map((view) => (
        <DayPage key={view.day} view={view} />
      ))}
      {moreError !== null && (
        <p className="load-more-error">
          Could not load earlier days: {moreError}{" "}
          <button type="button" onClick={() => setMoreError(null)}>
            Try again
          </button>
        </p>
      )}
      <div ref={sentinel} className="sentinel" aria-hidden="true" />
    </div>
  );
}
