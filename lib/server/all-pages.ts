// "All pages": every page of a graph with how much points at it and how much it holds, sorted,
// filtered and paginated in the database. Counts come from indexed aggregates (Ref by page,
// Block by page), computed for the pages of the graph in one statement.
import { z } from "zod";
import type { Db } from "../db/client";
import type { IsoDay } from "../markup/daily";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { dateToDay } from "./pages";

export const PAGE_SORTS = ["title", "refs", "blocks", "created", "edited"] as const;
export type PageSort = (typeof PAGE_SORTS)[number];

export const allPagesQuery = z.object({
  sort: z.enum(PAGE_SORTS).default("edited"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  /** Case-insensitive part of the title. */
  filter: z.string().max(200).default(""),
  /** 1-based. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  size: z.coerce.number().int().min(1).max(200).default(50),
});
export type AllPagesQuery = z.infer<typeof allPagesQuery>;

export type PageSummary = {
  title: string;
  day: IsoDay | null;
  /** Blocks elsewhere that link to, tag or name the page as an attribute. */
  refs: number;
  blocks: number;
  created: string;
  edited: string;
};

export type AllPages = { pages: PageSummary[]; total: number; query: AllPagesQuery };

// Column names are chosen from this fixed map, never from input.
const ORDER_BY: Record<PageSort, string> = {
  title: `p.title COLLATE "C"`,
  refs: `refs`,
  blocks: `blocks`,
  created: `p."createdAt"`,
  edited: `edited`,
};

/** `%` and `_` in a filter are literal. */
function likePattern(filter: string): string {
  return `%${filter.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export async function listAllPages(db: Db, actor: Actor, graphId: string, query: AllPagesQuery): Promise<AllPages> {
  await requireGraph(db, actor, graphId, "read");
  const pattern = likePattern(query.filter.normalize("NFC"));
  const direction = query.dir === "asc" ? "ASC" : "DESC";
  const offset = (query.page - 1) * query.size;
  const rows = await db.$queryRawUnsafe<
    { title: string; dailyDate: Date | null; refs: bigint; blocks: bigint; createdAt: Date; edited: Date; total: bigint }[]
  >(
    `WITH listed AS (
       SELECT p.id, p.title, p."dailyDate", p."createdAt",
              (SELECT count(DISTINCT r."blockId") FROM "Ref" r WHERE r."pageId" = p.id) AS refs,
              b.blocks,
              -- Typing changes blocks without touching their page row: the newest block counts.
              GREATEST(p."updatedAt", b.edited) AS edited
       FROM "Page" p
       CROSS JOIN LATERAL (SELECT count(*) AS blocks, max(x."updatedAt") AS edited FROM "Block" x WHERE x."pageId" = p.id) b
       WHERE p."graphId" = $1 AND ($2 = '%%' OR p.title ILIKE $2)
     )
     SELECT p.title, p."dailyDate", p.refs, p.blocks, p."createdAt", p.edited, count(*) OVER () AS total
     FROM listed p
     ORDER BY ${ORDER_BY[query.sort]} ${direction}, p.title COLLATE "C" ASC, p.id
     LIMIT $3 OFFSET $4`,
    graphId,
    pattern,
    query.size,
    offset,
  );
  const total = rows.length > 0 ? Number(rows[0]?.total ?? 0) : await countPages(db, graphId, pattern);
  return {
    total,
    query,
    pages: rows.map((row) => ({
      title: row.title,
      day: row.dailyDate ? dateToDay(row.dailyDate) : null,
      refs: Number(row.refs),
      blocks: Number(row.blocks),
      created: row.createdAt.toISOString(),
      edited: row.edited.toISOString(),
    })),
  };
}

/** The number of matching pages, for a page number past the end. */
async function countPages(db: Db, graphId: string, pattern: string): Promise<number> {
  const rows = await db.$queryRaw<{ total: bigint }[]>`
    SELECT count(*) AS total FROM "Page" p WHERE p."graphId" = ${graphId} AND (${pattern} = '%%' OR p.title ILIKE ${pattern})`;
  return Number(rows[0]?.total ?? 0);
}
