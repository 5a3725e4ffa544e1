// A page's linked references (blocks that link, tag or name it as an attribute) and unlinked
// references (blocks that mention its title in plain text), grouped by the page they are on:
// daily pages newest first, then other pages by title. Every function checks that the actor may
// read the page's graph.
//
// Linked references come a screen of groups at a time, straight from the Ref index
// (pageId, sourceDate desc): the first screen reads a few dozen index entries however many
// references the page has. Each group carries its whole page, so that the client edits a
// reference in place on the real tree of that page (the same store, keys and save path as the
// page itself), never on a partial copy whose order keys could disagree with the server's.
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { IsoDay } from "../markup/daily";
import { findMentions } from "../markup/mentions";
import type { BlockNode } from "../outline/tree";
import { MAX_FILTERS } from "../references/filters";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError, notFound } from "./errors";
import { latestSeq } from "./op-log";
import { dateToDay, dayToDate, loadBlockRows, snapshot, toNodes, type PageDto } from "./pages";
import { escapeLike } from "./search";

/** Groups (source pages) per screen of linked references. */
export const GROUPS_PER_SCREEN = 10;
/** Unlinked mentions are confirmed in code among at most this many candidate blocks. */
const MENTION_CANDIDATES = 1_000;
/** At most this many unlinked mentions are listed (and linked by "Link all"). */
export const MAX_UNLINKED = 200;

export type RefGroup = {
  page: PageDto;
  /** The page's blocks, all of them: the outline the references are edited in. */
  blocks: BlockNode[];
  /** The blocks of this page that reference (or mention) the page asked about. */
  refs: string[];
};

export type LinkedReferences = {
  groups: RefGroup[];
  /** Pass back as `cursor` for the next screen; null at the end. */
  next: string | null;
  /** The op-log position the groups' pages reflect (read in one snapshot, as pages.ts does). */
  seq: number;
};

export type FilterOption = { id: string; title: string; count: number };
export type UnlinkedReferences = { groups: RefGroup[]; count: number; truncated: boolean; seq: number };

export type RefFiltersInput = { include: readonly string[]; exclude: readonly string[] };

/** Where the next screen starts: before a day (daily groups), or after a title (other pages). */
const cursorSchema = z.union([
  z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ after: z.tuple([z.string(), z.string()]).nullable() }),
]);
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined || raw === "") return null;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new AppError("invalid_request", "The references cursor is not one this server gave out.");
  }
}

type TargetPage = { id: string; graphId: string; title: string; dailyDate: Date | null };

async function targetPage(db: Db | Tx, actor: Actor, pageId: string): Promise<TargetPage> {
  const page = await db.page.findUnique({ where: { id: pageId }, select: { id: true, graphId: true, title: true, dailyDate: true } });
  if (!page) throw notFound("Page not found");
  await requireGraph(db, actor, page.graphId, "read", "Page not found");
  return page;
}

/** SQL conditions on reference row `r`: its block also links every included page and no excluded one. */
function filterSql(filters: RefFiltersInput): Prisma.Sql {
  if (filters.include.length + filters.exclude.length > MAX_FILTERS) {
    throw new AppError("invalid_request", `Use at most ${MAX_FILTERS} filters.`);
  }
  const parts = filters.include.map(
    (id) => Prisma.sql`AND EXISTS (SELECT 1 FROM "Ref" f WHERE f."blockId" = r."blockId" AND f."pageId" = ${id})`,
  );
  if (filters.exclude.length > 0) {
    parts.push(Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "Ref" f WHERE f."blockId" = r."blockId" AND f."pageId" = ANY(${[...filters.exclude]}::text[]))`);
  }
  return parts.length > 0 ? Prisma.join(parts, " ") : Prisma.empty;
}

function pageDtoOf(row: { id: string; title: string; dailyDate: Date | null }): PageDto {
  return { id: row.id, title: row.title, day: row.dailyDate ? dateToDay(row.dailyDate) : null };
}

/** Groups for the given source pages: each page with all its blocks and its referencing blocks. */
async function groupsOf(
  db: Db | Tx,
  pages: readonly { id: string; title: string; dailyDate: Date | null }[],
  refs: readonly { uid: string; pageId: string }[],
): Promise<RefGroup[]> {
  const rows = await loadBlockRows(db, pages.map((page) => page.id));
  const rowsByPage = new Map<string, typeof rows>();
  for (const row of rows) {
    const list = rowsByPage.get(row.pageId);
    if (list) list.push(row);
    else rowsByPage.set(row.pageId, [row]);
  }
  return pages.map((page) => ({
    page: pageDtoOf(page),
    blocks: toNodes(rowsByPage.get(page.id) ?? []),
    refs: [...new Set(refs.filter((ref) => ref.pageId === page.id).map((ref) => ref.uid))],
  }));
}

/**
 * One screen of a page's linked references: up to GROUPS_PER_SCREEN source pages after
 * `cursor`, daily pages newest first, then the other pages by title. References on the page
 * itself are not listed.
 */
export async function getLinkedReferences(
  db: Db,
  actor: Actor,
  pageId: string,
  options: { cursor?: string; filters?: RefFiltersInput; limit?: number } = {},
): Promise<LinkedReferences> {
  return snapshot(db, (tx) => linkedReferencesIn(tx, actor, pageId, options));
}

async function linkedReferencesIn(
  db: Tx,
  actor: Actor,
  pageId: string,
  options: { cursor?: string; filters?: RefFiltersInput; limit?: number },
): Promise<LinkedReferences> {
  const page = await targetPage(db, actor, pageId);
  const filters = filterSql(options.filters ?? { include: [], exclude: [] });
  const limit = Math.max(1, Math.min(GROUPS_PER_SCREEN * 5, options.limit ?? GROUPS_PER_SCREEN));
  const cursor = decodeCursor(options.cursor);

  const sources: { id: string; title: string; dailyDate: Date | null }[] = [];
  const refs: { uid: string; pageId: string }[] = [];
  let next: Cursor | null = null;

  // Daily pages first: each day is one group, so the days come straight from the index.
  if (cursor === null || "day" in cursor) {
    const before = cursor && "day" in cursor ? dayToDate(cursor.day as IsoDay) : null;
    // One statement (each round trip waits for a core on a busy server): the first days from
    // the index, one more to know whether there are more, then their referencing blocks and the
    // pages those are on. The blocks' own page, not the date copied on the Ref row, is the group.
    const rows = await db.$queryRaw<{ day: Date; uid: string | null; pageId: string | null; title: string | null; dailyDate: Date | null }[]>`
      WITH days AS (
        SELECT DISTINCT r."sourceDate" AS day FROM "Ref" r
        WHERE r."pageId" = ${page.id} AND r."sourceDate" IS NOT NULL
          ${before ? Prisma.sql`AND r."sourceDate" < ${before}` : Prisma.empty}
          ${page.dailyDate ? Prisma.sql`AND r."sourceDate" <> ${page.dailyDate}` : Prisma.empty}
          ${filters}
        ORDER BY day DESC LIMIT ${limit + 1}),
      shown AS (SELECT day FROM days ORDER BY day DESC LIMIT ${limit})
      SELECT d.day, x.uid, x."pageId", x.title, x."dailyDate" FROM days d
      LEFT JOIN LATERAL (
        SELECT b.uid, b."pageId", p.title, p."dailyDate" FROM "Ref" r
        JOIN "Block" b ON b.id = r."blockId" JOIN "Page" p ON p.id = b."pageId"
        WHERE r."pageId" = ${page.id} AND r."sourceDate" = d.day AND b."pageId" <> ${page.id} ${filters}
          AND d.day IN (SELECT day FROM shown)) x ON true
      ORDER BY d.day DESC, x."dailyDate" DESC NULLS LAST, x.title, x."pageId"`;
    const days = [...new Set(rows.map((row) => row.day.getTime()))];
    const shown = days.slice(0, limit);
    for (const row of rows) {
      if (row.uid === null || row.pageId === null || row.title === null) continue;
      refs.push({ uid: row.uid, pageId: row.pageId });
      if (!sources.some((source) => source.id === row.pageId)) sources.push({ id: row.pageId, title: row.title, dailyDate: row.dailyDate });
    }
    const last = shown.at(-1);
    // More days: the next screen goes on before the last one; else it starts on the other pages.
    next = days.length > limit && last !== undefined ? { day: dateToDay(new Date(last)) } : { after: null };
  }

  // Then the other pages, by title, filling what the days left of this screen.
  const room = limit - sources.length;
  const pagesCursor = cursor && "after" in cursor ? cursor : next && "after" in next ? next : null;
  if (room > 0 && pagesCursor) {
    const after = pagesCursor.after;
    const rows = await db.$queryRaw<{ id: string; title: string; dailyDate: Date | null }[]>`
      SELECT p.id, p.title, p."dailyDate" FROM "Page" p
      WHERE p.id IN (
        SELECT b."pageId" FROM "Ref" r JOIN "Block" b ON b.id = r."blockId"
        WHERE r."pageId" = ${page.id} AND r."sourceDate" IS NULL AND b."pageId" <> ${page.id} ${filters})
        ${after ? Prisma.sql`AND (p.title COLLATE "C", p.id) > (${after[0]}::text COLLATE "C", ${after[1]})` : Prisma.empty}
      ORDER BY p.title COLLATE "C", p.id LIMIT ${room + 1}`;
    const shown = rows.slice(0, room);
    if (shown.length > 0) {
      const found = await db.$queryRaw<{ uid: string; pageId: string }[]>`
        SELECT b.uid, b."pageId" FROM "Ref" r JOIN "Block" b ON b.id = r."blockId"
        WHERE r."pageId" = ${page.id} AND b."pageId" = ANY(${shown.map((row) => row.id)}::text[]) ${filters}`;
      refs.push(...found);
      sources.push(...shown);
    }
    const last = shown.at(-1);
    next = rows.length > room && last ? { after: [last.title, last.id] } : null;
  }

  return { groups: await groupsOf(db, sources, refs), next: next ? encodeCursor(next) : null, seq: await latestSeq(db, page.graphId) };
}

/**
 * How many blocks reference the page (its own blocks left out), under the filters. Asked for
 * beside the first screen, not in it: a count costs in proportion to the references
 * (about 2 ms per 10,000), the screen does not.
 */
export async function countLinkedReferences(db: Db, actor: Actor, pageId: string, filterIds: RefFiltersInput = { include: [], exclude: [] }): Promise<number> {
  const page = await targetPage(db, actor, pageId);
  const filters = filterSql(filterIds);
  // Over the Ref index alone (grouped by hashing: count(DISTINCT) would sort); the page's own
  // referencing blocks (few) are taken off after.
  const [all] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT r."blockId" FROM "Ref" r WHERE r."pageId" = ${page.id} ${filters} GROUP BY r."blockId") AS blocks`;
  const [own] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(DISTINCT r."blockId")::int AS n FROM "Block" b JOIN "Ref" r ON r."blockId" = b.id
    WHERE b."pageId" = ${page.id} AND r."pageId" = ${page.id} ${filters}`;
  return (all?.n ?? 0) - (own?.n ?? 0);
}

/** The pages that references of this page also link, most shared first: the filter choices. */
export async function getReferenceFilterOptions(db: Db, actor: Actor, pageId: string): Promise<FilterOption[]> {
  const page = await targetPage(db, actor, pageId);
  return db.$queryRaw<FilterOption[]>`
    SELECT f."pageId" AS id, p.title, count(DISTINCT f."blockId")::int AS count
    FROM "Ref" r JOIN "Ref" f ON f."blockId" = r."blockId" AND f."pageId" <> r."pageId"
    JOIN "Page" p ON p.id = f."pageId"
    WHERE r."pageId" = ${page.id}
    GROUP BY f."pageId", p.title
    ORDER BY count DESC, p.title COLLATE "C"
    LIMIT 100`;
}

/**
 * Blocks that mention the page's title in plain text (ignoring case, on word boundaries) and do
 * not link it, grouped like linked references. The content trigram index finds candidates
 * (capped: never a scan of every block); lib/markup decides what is a mention.
 */
export function getUnlinkedReferences(db: Db, actor: Actor, pageId: string): Promise<UnlinkedReferences> {
  return snapshot(db, (tx) => unlinkedReferencesIn(tx, actor, pageId));
}

async function unlinkedReferencesIn(db: Tx, actor: Actor, pageId: string): Promise<UnlinkedReferences> {
  const page = await targetPage(db, actor, pageId);
  const candidates = await db.$queryRaw<{ uid: string; pageId: string; content: string }[]>`
    SELECT b.uid, b."pageId", b.content FROM "Block" b
    WHERE b."graphId" = ${page.graphId} AND b.content ILIKE ${`%${escapeLike(page.title)}%`} ESCAPE '\\'
      AND b."pageId" <> ${page.id}
      AND NOT EXISTS (SELECT 1 FROM "Ref" r WHERE r."blockId" = b.id AND r."pageId" = ${page.id})
    LIMIT ${MENTION_CANDIDATES}`;
  const mentions = candidates.filter((block) => findMentions(block.content, page.title).length > 0);
  const count = mentions.length;
  const listed = mentions.slice(0, MAX_UNLINKED);
  const ids = [...new Set(listed.map((block) => block.pageId))];
  const pages = await db.$queryRaw<{ id: string; title: string; dailyDate: Date | null }[]>`
    SELECT id, title, "dailyDate" FROM "Page" WHERE id = ANY(${ids}::text[])
    ORDER BY "dailyDate" DESC NULLS LAST, title COLLATE "C", id`;
  return {
    groups: await groupsOf(db, pages, listed),
    count: listed.length,
    truncated: count > MAX_UNLINKED || candidates.length === MENTION_CANDIDATES,
    seq: await latestSeq(db, page.graphId),
  };
}
