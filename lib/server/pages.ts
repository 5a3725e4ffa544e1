// Reading pages and blocks. Each function takes the acting user and checks that they may read
// the graph before returning anything; something in a graph they cannot read is "not found".
// A page read also says which op-log position it reflects (`seq`): the blocks and that position
// are read in one snapshot, so a tab's live updates can start exactly there (lib/store/live.ts).
import { dailyTitle, dayOfDailyTitle, type IsoDay } from "../markup/daily";
import type { BlockNode, BlockProps } from "../outline/tree";
import type { Db, Tx } from "../db/client";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { notFound } from "./errors";
import { latestSeq } from "./op-log";

export type PageDto = { id: string; title: string; day: IsoDay | null };
export type PageView = {
  /** null: the page has no row yet (a daily page nobody has written on). */
  page: PageDto | null;
  title: string;
  day: IsoDay | null;
  blocks: BlockNode[];
  /** The graph's op-log position these blocks reflect: every logged change up to it is in them, none after. */
  seq: number;
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

/**
 * Runs `read` in one read-only REPEATABLE READ transaction: everything it reads, the op log's
 * newest seq included, comes from one snapshot. Log rows of a graph become visible in seq order
 * (op-log.ts), so the blocks read hold exactly the changes logged up to that seq.
 */
export function snapshot<T>(db: Db, read: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      return read(tx);
    },
    { isolationLevel: "RepeatableRead" },
  );
}

export function getDailyPage(db: Db, actor: Actor, graphId: string, day: IsoDay): Promise<PageView> {
  return snapshot(db, async (tx) => {
    await requireGraph(tx, actor, graphId, "read");
    const seq = await latestSeq(tx, graphId);
    const title = dailyTitle(day);
    const page = await tx.page.findUnique({ where: { graphId_title: { graphId, title } }, select: { id: true, title: true, dailyDate: true } });
    const blocks = page ? toNodes(await loadBlockRows(tx, [page.id])) : [];
    return { page: page && pageDto(page), title, day, blocks, seq };
  });
}

/** Daily pages before `before` that have something written on them, newest first. */
export function listDaysBefore(db: Db, actor: Actor, graphId: string, before: IsoDay, limit: number): Promise<PageView[]> {
  return snapshot(db, async (tx) => {
    await requireGraph(tx, actor, graphId, "read");
    const seq = await latestSeq(tx, graphId);
    const pages = await tx.page.findMany({
      where: { graphId, dailyDate: { lt: dayToDate(before) }, blocks: { some: { content: { not: "" } } } },
      orderBy: { dailyDate: "desc" },
      take: limit,
      select: { id: true, title: true, dailyDate: true },
    });
    const rows = await loadBlockRows(tx, pages.map((page) => page.id));
    return pages.map((page) => ({
      page: pageDto(page),
      title: page.title,
      day: page.dailyDate ? dateToDay(page.dailyDate) : null,
      blocks: toNodes(rows.filter((row) => row.pageId === page.id)),
      seq,
    }));
  });
}

export function getPage(db: Db, actor: Actor, pageId: string): Promise<PageView> {
  return snapshot(db, async (tx) => {
    const page = await tx.page.findUnique({ where: { id: pageId }, select: { id: true, title: true, dailyDate: true, graphId: true } });
    if (!page) throw notFound("Page not found");
    await requireGraph(tx, actor, page.graphId, "read", "Page not found");
    const seq = await latestSeq(tx, page.graphId);
    const dto = pageDto(page);
    return { page: dto, title: dto.title, day: dto.day, blocks: toNodes(await loadBlockRows(tx, [page.id])), seq };
  });
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
export function getPageByTitle(db: Db, actor: Actor, graphId: string, rawTitle: string): Promise<PageView> {
  return snapshot(db, async (tx) => {
    await requireGraph(tx, actor, graphId, "read");
    const seq = await latestSeq(tx, graphId);
    const title = rawTitle.normalize("NFC");
    const select = { id: true, title: true, dailyDate: true } as const;
    const page =
      (await tx.page.findUnique({ where: { graphId_title: { graphId, title } }, select })) ??
      (await tx.page.findFirst({ where: { graphId, title: { equals: title, mode: "insensitive" } }, orderBy: { createdAt: "asc" }, select }));
    if (!page) {
      const day = dayOfDailyTitle(title) ?? null;
      return { page: null, title, day, blocks: [], seq };
    }
    const dto = pageDto(page);
    return { page: dto, title: dto.title, day: dto.day, blocks: toNodes(await loadBlockRows(tx, [page.id])), seq };
  });
}
