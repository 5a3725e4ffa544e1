// Reading pages and blocks. Each function takes the acting user and checks that they may read
// the graph before returning anything; something in a graph they cannot read is "not found".
import { dailyTitle, dayOfDailyTitle, type IsoDay } from "../markup/daily";
import type { BlockNode, BlockProps } from "../outline/tree";
import type { Db, Tx } from "../db/client";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { notFound } from "./errors";

export type PageDto = { id: string; title: string; day: IsoDay | null };
export type PageView = {
  /** null: the page has no row yet (a daily page nobody has written on). */
  page: PageDto | null;
  title: string;
  day: IsoDay | null;
  blocks: BlockNode[];
};
export type BlockDto = BlockNode & { pageId: string };

type PageRow = { id: string; title: string; dailyDate: Date | null };
type BlockRow = { id: string; uid: string; parentId: string | null; order: string; content: string; props: unknown };

export function dayToDate(day: IsoDay): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

function pageDto(row: PageRow): PageDto {
  return { id: row.id, title: row.title, day: row.dailyDate ? dateToDay(row.dailyDate) : null };
}

function asProps(value: unknown): BlockProps {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as BlockProps) : {};
}

/** Rows of one page, with parents named by uid: the client's and lib/outline's shape. */
export function toNodes(rows: readonly BlockRow[]): BlockNode[] {
  const uidById = new Map(rows.map((row) => [row.id, row.uid]));
  return rows.map((row) => ({
    uid: row.uid,
    parent: row.parentId === null ? null : (uidById.get(row.parentId) ?? null),
    order: row.order,
    content: row.content,
    props: asProps(row.props),
  }));
}

const blockSelect = { id: true, uid: true, parentId: true, order: true, content: true, props: true, pageId: true } as const;

/**
 * Every block of some pages in one flat indexed fetch (the tree is built in memory). Raw SQL:
 * on a 10,000-block page Prisma's findMany costs about twice the query itself (npm run bench).
 */
export async function loadBlockRows(db: Db | Tx, pageIds: string[]): Promise<(BlockRow & { pageId: string })[]> {
  if (pageIds.length === 0) return [];
  return db.$queryRaw<(BlockRow & { pageId: string })[]>`
    SELECT id, uid, "parentId", "order", content, props, "pageId" FROM "Block" WHERE "pageId" = ANY(${pageIds}::text[])`;
}

export async function getDailyPage(db: Db, actor: Actor, graphId: string, day: IsoDay): Promise<PageView> {
  await requireGraph(db, actor, graphId, "read");
  const title = dailyTitle(day);
  const page = await db.page.findUnique({ where: { graphId_title: { graphId, title } }, select: { id: true, title: true, dailyDate: true } });
  const blocks = page ? toNodes(await loadBlockRows(db, [page.id])) : [];
  return { page: page && pageDto(page), title, day, blocks };
}

/** Daily pages before `before` that have something written on them, newest first. */
export async function listDaysBefore(db: Db, actor: Actor, graphId: string, before: IsoDay, limit: number): Promise<PageView[]> {
  await requireGraph(db, actor, graphId, "read");
  const pages = await db.page.findMany({
    where: { graphId, dailyDate: { lt: dayToDate(before) }, blocks: { some: { content: { not: "" } } } },
    orderBy: { dailyDate: "desc" },
    take: limit,
    select: { id: true, title: true, dailyDate: true },
  });
  const rows = await loadBlockRows(db, pages.map((page) => page.id));
  return pages.map((page) => ({
    page: pageDto(page),
    title: page.title,
    day: page.dailyDate ? dateToDay(page.dailyDate) : null,
    blocks: toNodes(rows.filter((row) => row.pageId === page.id)),
  }));
}

export async function getPage(db: Db, actor: Actor, pageId: string): Promise<PageView> {
  const page = await db.page.findUnique({ where: { id: pageId }, select: { id: true, title: true, dailyDate: true, graphId: true } });
  if (!page) throw notFound("Page not found");
  await requireGraph(db, actor, page.graphId, "read", "Page not found");
  const dto = pageDto(page);
  return { page: dto, title: dto.title, day: dto.day, blocks: toNodes(await loadBlockRows(db, [page.id])) };
}

/** A block by its uid (in the actor's graph) or by its database id. */
export async function getBlock(db: Db, actor: Actor, graphId: string, key: string): Promise<BlockDto> {
  const row =
    (await db.block.findUnique({ where: { graphId_uid: { graphId, uid: key } }, select: { ...blockSelect, graphId: true } })) ??
    (await db.block.findUnique({ where: { id: key }, select: { ...blockSelect, graphId: true } }));
  if (!row) throw notFound("Block not found");
  await requireGraph(db, actor, row.graphId, "read", "Block not found");
  const parent = row.parentId ? await db.block.findUnique({ where: { id: row.parentId }, select: { uid: true } }) : null;
  return {
    uid: row.uid,
    parent: parent?.uid ?? null,
    order: row.order,
    content: row.content,
    props: asProps(row.props),
    pageId: row.pageId,
  };
}

/**
 * A page by its title: the exact title first (titles differ by case, as in Roam), else the
 * first case-insensitive match. A page that does not exist yet comes back empty with the
 * title asked for; the first block written on it creates it.
 */
export async function getPageByTitle(db: Db, actor: Actor, graphId: string, rawTitle: string): Promise<PageView> {
  await requireGraph(db, actor, graphId, "read");
  const title = rawTitle.normalize("NFC");
  const select = { id: true, title: true, dailyDate: true } as const;
  const page =
    (await db.page.findUnique({ where: { graphId_title: { graphId, title } }, select })) ??
    (await db.page.findFirst({ where: { graphId, title: { equals: title, mode: "insensitive" } }, orderBy: { createdAt: "asc" }, select }));
  if (!page) {
    const day = dayOfDailyTitle(title) ?? null;
    return { page: null, title, day, blocks: [] };
  }
  const dto = pageDto(page);
  return { page: dto, title: dto.title, day: dto.day, blocks: toNodes(await loadBlockRows(db, [page.id])) };
}
