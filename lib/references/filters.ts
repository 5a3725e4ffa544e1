// Linked-reference filters, as in Roam: show only the references that also link every
// included page, and none that link an excluded one. Chosen per page and remembered.
import { z } from "zod";

export type FilterPage = { id: string; title: string };
export type RefFilters = { include: FilterPage[]; exclude: FilterPage[] };

export const noFilters: RefFilters = { include: [], exclude: [] };
/** More would make a query nobody needs; the server refuses them. */
export const MAX_FILTERS = 20;

const filterPage = z.object({ id: z.string().min(1), title: z.string() });
const storedFilters = z.object({ include: z.array(filterPage).max(MAX_FILTERS), exclude: z.array(filterPage).max(MAX_FILTERS) });

/** Adds `page` to one side (taking it off the other); adding it where it already is removes it. */
export function toggleFilter(filters: RefFilters, page: FilterPage, side: "include" | "exclude"): RefFilters {
  const other = side === "include" ? "exclude" : "include";
  const present = filters[side].some((p) => p.id === page.id);
  const next: RefFilters = {
    include: filters.include.filter((p) => p.id !== page.id),
    exclude: filters.exclude.filter((p) => p.id !== page.id),
  };
  if (!present && next[side].length < MAX_FILTERS) next[side] = [...next[side], page];
  next[other] = next[other].filter((p) => p.id !== page.id);
  return next;
}

export function hasFilters(filters: RefFilters): boolean {
  return filters.include.length > 0 || filters.exclude.length > 0;
}

/** The query string part the references route reads (`include=…&exclude=…`, page ids). */
export function filterQuery(filters: RefFilters): string {
  const params = new URLSearchParams();
  if (filters.include.length > 0) params.set("include", filters.include.map((p) => p.id).join(","));
  if (filters.exclude.length > 0) params.set("exclude", filters.exclude.map((p) => p.id).join(","));
  return params.toString();
}

/** Filters read back from storage; anything unreadable is no filters. */
export function parseStoredFilters(raw: string | null): RefFilters {
  if (!raw) return noFilters;
  try {
    const parsed = storedFilters.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : noFilters;
  } catch {
    return noFilters;
  }
}
