"use client";
// The "All pages" table: title, references, blocks, created, last edited. Sorting, the filter
// and the page number live in the URL (a reload or Back keeps them); the server sorts, filters
// and paginates (lib/server/all-pages.ts), so a graph of any size shows 50 rows at a time.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useState } from "react";
import type { AllPages as AllPagesData, PageSort } from "@/lib/server/all-pages";
import { getJson } from "@/lib/store/api";
import { pageHref } from "@/lib/store/navigate";

const COLUMNS: { sort: PageSort; label: string; numeric?: boolean }[] = [
  { sort: "title", label: "Title" },
  { sort: "refs", label: "References", numeric: true },
  { sort: "blocks", label: "Blocks", numeric: true },
  { sort: "created", label: "Created" },
  { sort: "edited", label: "Last edited" },
];
const FILTER_DELAY_MS = 250;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function AllPages() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const sort = COLUMNS.find((column) => column.sort === params.get("sort"))?.sort ?? "edited";
  const dir = params.get("dir") === "asc" ? "asc" : "desc";
  const filter = params.get("filter") ?? "";
  const pageNumber = Math.max(1, Number(params.get("page")) || 1);

  const [data, setData] = useState<AllPagesData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState(filter);

  const go = (next: Record<string, string | number>) => {
    const search = new URLSearchParams({ sort, dir, filter, page: String(pageNumber) });
    for (const [key, value] of Object.entries(next)) search.set(key, String(value));
    if (search.get("filter") === "") search.delete("filter");
    router.replace(`${pathname}?${search}`, { scroll: false });
  };

  useEffect(() => {
    let current = true;
    const search = new URLSearchParams({ sort, dir, filter, page: String(pageNumber) });
    getJson<AllPagesData>(`/api/pages/all?${search}`)
      .then((loaded) => {
        if (!current) return;
        setData(loaded);
        setError(null);
      })
      .catch((reason: unknown) => current && setError((reason as Error).message));
    return () => {
      current = false;
    };
  }, [sort, dir, filter, pageNumber]);

  // The filter follows typing after a short pause, back to the first page.
  useEffect(() => {
    if (typed === filter) return;
    const timer = setTimeout(() => go({ filter: typed, page: 1 }), FILTER_DELAY_MS);
    return () => clearTimeout(timer);
  });

  const pages = data ? Math.max(1, Math.ceil(data.total / data.query.size)) : 1;
  return (
    <section className="all-pages" aria-labelledby="all-pages-title">
      <h1 id="all-pages-title" className="page-title">
        All pages
      </h1>
      <div className="all-pages-tools">
        <input
          type="search"
          placeholder="Filter by title"
          aria-label="Filter pages by title"
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
        <span role="status" className="all-pages-count">
          {data ? `${data.total.toLocaleString()} ${data.total === 1 ? "page" : "pages"}` : "Loading…"}
        </span>
      </div>
      {error && (
        <p role="alert" className="error">
          Could not load the pages: {error}
        </p>
      )}
      <table className="all-pages-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => {
              const active = column.sort === sort;
              return (
                <th key={column.sort} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} className={column.numeric ? "numeric" : undefined}>
                  <button
                    type="button"
                    onClick={() => go({ sort: column.sort, dir: active ? (dir === "asc" ? "desc" : "asc") : column.sort === "title" ? "asc" : "desc", page: 1 })}
                  >
                    {column.label}
                    {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {data?.pages.map((page) => (
            <tr key={page.title}>
              <td>
                <Link href={pageHref(page.title)}>{page.title}</Link>
              </td>
              <td className="numeric">{page.refs.toLocaleString()}</td>
              <td className="numeric">{page.blocks.toLocaleString()}</td>
              <td>{dateFormat.format(new Date(page.created))}</td>
              <td>{dateFormat.format(new Date(page.edited))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.pages.length === 0 && <p className="muted">{filter ? `No page title contains “${filter}”.` : "No pages yet."}</p>}
      <nav className="pager" aria-label="Pages of the list">
        <button type="button" disabled={pageNumber <= 1} onClick={() => go({ page: pageNumber - 1 })}>
          ‹ Previous
        </button>
        <span>
          Page {Math.min(pageNumber, pages)} of {pages}
        </span>
        <button type="button" disabled={pageNumber >= pages} onClick={() => go({ page: pageNumber + 1 })}>
          Next ›
        </button>
      </nav>
    </section>
  );
}
