"use client";
// Under every page: the blocks that link it, grouped by the page they are on (newest days
// first), a screen of groups at a time as you scroll, each editable in place. Filters, as in
// Roam: click a page to show only references that also link it, Shift+click to hide those;
// they are remembered per page in this browser.
import { useCallback, useEffect, useRef, useState } from "react";
import { filterQuery, hasFilters, noFilters, parseStoredFilters, toggleFilter, type FilterPage, type RefFilters } from "@/lib/references/filters";
import type { FilterOption, LinkedReferences as Screen, RefGroup } from "@/lib/server/references";
import { getJson } from "@/lib/store/api";
import { loadPage } from "@/lib/store/pages";
import { groupAddress, ReferenceGroup } from "./ReferenceGroup";

const storageKey = (pageId: string) => `loam:ref-filters:${pageId}`;

function readFilters(pageId: string): RefFilters {
  try {
    return parseStoredFilters(window.localStorage.getItem(storageKey(pageId)));
  } catch {
    return noFilters;
  }
}

function saveFilters(pageId: string, filters: RefFilters): void {
  try {
    if (hasFilters(filters)) window.localStorage.setItem(storageKey(pageId), JSON.stringify(filters));
    else window.localStorage.removeItem(storageKey(pageId));
  } catch {
    // Storage full or blocked: the filters still apply until the page is left.
  }
}

/** The groups' pages go into the store (unless already there, being edited) before they show. */
function remember(groups: readonly RefGroup[], seq: number): void {
  for (const group of groups) loadPage(groupAddress(group), group.blocks, seq);
}

export function LinkedReferences({ pageId, reloadKey }: { pageId: string; reloadKey: number }) {
  // Mounted in the browser only, once the page has loaded (one instance per page: keyed by its id).
  const [filters, setFilters] = useState<RefFilters>(() => readFilters(pageId));
  const [groups, setGroups] = useState<RefGroup[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [options, setOptions] = useState<FilterOption[] | null>(null);
  const [choosing, setChoosing] = useState(false);
  const loading = useRef(false);
  const sentinel = useRef<HTMLDivElement>(null);
  const base = `/api/pages/${encodeURIComponent(pageId)}/references`;

  useEffect(() => {
    let live = true;
    const query = filterQuery(filters);
    loading.current = true;
    const suffix = query ? `?${query}` : "";
    // The count comes beside the first screen: it costs more the more references there are.
    getJson<{ total: number }>(`${base}/count${suffix}`)
      .then((answer) => live && setTotal(answer.total))
      .catch((reason: unknown) => live && setError((reason as Error).message));
    getJson<Screen>(`${base}${suffix}`)
      .then((screen) => {
        if (!live) return;
        remember(screen.groups, screen.seq);
        setGroups(screen.groups);
        setNext(screen.next);
        setError(null);
      })
      .catch((reason: unknown) => live && setError((reason as Error).message))
      .finally(() => {
        loading.current = false;
      });
    return () => {
      live = false;
    };
  }, [base, filters, reloadKey]);

  const loadMore = useCallback(async () => {
    if (loading.current || next === null) return;
    loading.current = true;
    try {
      const query = filterQuery(filters);
      const screen = await getJson<Screen>(`${base}?cursor=${encodeURIComponent(next)}${query ? `&${query}` : ""}`);
      remember(screen.groups, screen.seq);
      setGroups((current) => [...current, ...screen.groups]);
      setNext(screen.next);
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      loading.current = false;
    }
  }, [base, filters, next]);

  useEffect(() => {
    const target = sentinel.current;
    if (!target || next === null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void loadMore();
    }, { rootMargin: "600px" });
    observer.observe(target);
    return () => observer.disconnect();
  }, [loadMore, next]);

  const choose = (page: FilterPage, side: "include" | "exclude") => {
    const changed = toggleFilter(filters, page, side);
    saveFilters(pageId, changed);
    setFilters(changed);
  };

  const openChoices = () => {
    setChoosing(!choosing);
    if (options === null) {
      getJson<{ pages: FilterOption[] }>(`${base}/filters`)
        .then((answer) => setOptions(answer.pages))
        .catch((reason: unknown) => setError((reason as Error).message));
    }
  };

  const chosen = [...filters.include.map((page) => ({ page, side: "include" as const })), ...filters.exclude.map((page) => ({ page, side: "exclude" as const }))];
  return (
    <section className="references" aria-label="Linked references">
      <div className="references-head">
        <h2>{total === null ? "Linked References" : `${total} Linked Reference${total === 1 ? "" : "s"}`}</h2>
        <button type="button" className="filter-button" aria-expanded={choosing} onClick={openChoices}>
          Filter{hasFilters(filters) ? ` (${chosen.length})` : ""}
        </button>
      </div>
      {chosen.length > 0 && (
        <ul className="filter-chips" aria-label="Filters in use">
          {chosen.map(({ page, side }) => (
            <li key={page.id} className={`chip chip-${side}`}>
              <span>{side === "include" ? "Only with " : "Without "}{page.title}</span>
              <button type="button" aria-label={`Remove filter ${page.title}`} onClick={() => choose(page, side)}>×</button>
            </li>
          ))}
        </ul>
      )}
      {choosing && (
        <div className="filter-choices" role="group" aria-label="Filter by page">
          <p className="hint">Click: only references that also link the page. Shift+click: hide them.</p>
          {options === null ? (
            <p aria-busy="true">Loading…</p>
          ) : options.length === 0 ? (
            <p>These references link no other page.</p>
          ) : (
            <ul>
              {options.map((option) => (
                <li key={option.id}>
                  <button type="button" onClick={(event) => choose({ id: option.id, title: option.title }, event.shiftKey ? "exclude" : "include")}>
                    {option.title} <span className="count">{option.count}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && <p role="alert" className="error">Could not load the references: {error}</p>}
      {groups.map((group) => (
        <ReferenceGroup key={group.page.id} group={group} />
      ))}
      {next !== null && (
        <div ref={sentinel} className="sentinel">
          <button type="button" className="more" onClick={() => void loadMore()}>More references</button>
        </div>
      )}
    </section>
  );
}
