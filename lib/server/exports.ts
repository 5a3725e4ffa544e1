// Exporting a graph: its pages read in batches (a batch of pages with all their blocks at a
// time, never the whole graph) as GraphPages, which the pure writers in lib/formats turn into
// Roam JSON, a zip of Roam markdown, or one page's markdown. Read access is checked before
// anything is read and again before every batch (a member removed mid-export gets no more).
import type { GraphBlock, GraphPage } from "../formats/graph";
import { writeRoamJson } from "../formats/roam-json-out";
import { pageMarkdown, writeRoamMarkdownZip, zipPathOfTitle } from "../formats/roam-markdown-out";
import type { Db } from "../db/client";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { notFound } from "./errors";
import { dateToDay } from "./pages";

/** Pages per batch: with their blocks, a few MB at most for ordinary graphs. */
export const EXPORT_BATCH_PAGES = 200;

type PageRow = { id: string; title: string; uid: string | null; props: unknown; dailyDate: Date | null; createdAt: Date; updatedAt: Date };
type BlockRow = {
  id: string;
  uid: string;
  pageId: string;
  parentId: string | null;
  order: string;
  content: string;
  props: unknown;
  createdAt: Date;
  updatedAt: Date;
};

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The pages of `rows` with their block trees (siblings by order key, compared bytewise). */
function toGraphPages(pages: readonly PageRow[], blocks: readonly BlockRow[]): GraphPage[] {
  const nodes = new Map<string, GraphBlock & { order: string }>();
  for (const row of blocks) {
    nodes.set(row.id, {
      uid: row.uid,
      content: row.content,
      props: asObject(row.props),
      createdAt: row.createdAt.getTime(),
      updatedAt: row.updatedAt.getTime(),
      children: [],
      order: row.order,
    });
  }
  const topLevel = new Map<string, (GraphBlock & { order: string })[]>();
  for (const row of blocks) {
    const node = nodes.get(row.id)!;
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (parent) parent.children.push(node);
    else {
      const list = topLevel.get(row.pageId) ?? [];
      list.push(node);
      topLevel.set(row.pageId, list);
    }
  }
  const byOrder = (a: { order: string }, b: { order: string }) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0);
  const finish = (list: (GraphBlock & { order: string })[]): GraphBlock[] =>
    list.sort(byOrder).map(({ order: _order, children, ...block }) => ({ ...block, children: finish(children as (GraphBlock & { order: string })[]) }));
  return pages.map((page) => ({
    title: page.title,
    uid: page.uid,
    dailyDate: page.dailyDate ? dateToDay(page.dailyDate) : null,
    props: asObject(page.props),
    createdAt: page.createdAt.getTime(),
    updatedAt: page.updatedAt.getTime(),
    children: finish(topLevel.get(page.id) ?? []),
  }));
}

async function blocksOf(db: Db, pageIds: string[]): Promise<BlockRow[]> {
  if (pageIds.length === 0) return [];
  return db.$queryRaw<BlockRow[]>`
    SELECT id, uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt"
    FROM "Block" WHERE "pageId" = ANY(${pageIds}::text[])`;
}

/**
 * The graph's pages in batches of `size`, by title (keyset pagination on the graph's title
 * index: each batch is one indexed range scan however far the export has gone).
 */
export async function* exportBatches(db: Db, actor: Actor, graphId: string, size = EXPORT_BATCH_PAGES): AsyncGenerator<GraphPage[]> {
  let after: string | null = null;
  for (;;) {
    await requireGraph(db, actor, graphId, "read");
    const pages: PageRow[] =
      after === null
        ? await db.$queryRaw<PageRow[]>`
            SELECT id, title, uid, props, "dailyDate", "createdAt", "updatedAt" FROM "Page"
            WHERE "graphId" = ${graphId} ORDER BY title LIMIT ${size}`
        : await db.$queryRaw<PageRow[]>`
            SELECT id, title, uid, props, "dailyDate", "createdAt", "updatedAt" FROM "Page"
            WHERE "graphId" = ${graphId} AND title > ${after} ORDER BY title LIMIT ${size}`;
    if (pages.length === 0) return;
    yield toGraphPages(pages, await blocksOf(db, pages.map((page) => page.id)));
    if (pages.length < size) return;
    after = pages[pages.length - 1]!.title;
  }
}

/**
 * The graph's pages one by one, read in batches. Access is checked here, before the first page
 * is asked for, so a route can answer 404 instead of starting a download.
 */
export async function exportPages(db: Db, actor: Actor, graphId: string, size = EXPORT_BATCH_PAGES): Promise<AsyncIterable<GraphPage>> {
  await requireGraph(db, actor, graphId, "read");
  return (async function* () {
    for await (const batch of exportBatches(db, actor, graphId, size)) yield* batch;
  })();
}

/** One page by title (exact, else the first case-insensitive match), with its blocks. */
export async function exportPage(db: Db, actor: Actor, graphId: string, rawTitle: string): Promise<GraphPage> {
  await requireGraph(db, actor, graphId, "read");
  const title = rawTitle.normalize("NFC");
  const select = { id: true, title: true, uid: true, props: true, dailyDate: true, createdAt: true, updatedAt: true } as const;
  const page =
    (await db.page.findUnique({ where: { graphId_title: { graphId, title } }, select })) ??
    (await db.page.findFirst({ where: { graphId, title: { equals: title, mode: "insensitive" } }, orderBy: { createdAt: "asc" }, select }));
  if (!page) throw notFound("Page not found");
  return toGraphPages([page], await blocksOf(db, [page.id]))[0]!;
}

/** A download's Content-Disposition: an ASCII fallback name and the exact one (RFC 6266). */
export function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%/]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

function streamOf<T extends string | Uint8Array>(chunks: AsyncIterable<T>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    // Pulled: the next batch is read only when the client has taken the last one.
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(typeof next.value === "string" ? encoder.encode(next.value) : next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** GET /api/export/roam-json: the whole graph as Roam JSON, streamed. */
export async function roamJsonExport(db: Db, actor: Actor, graphId: string): Promise<Response> {
  const pages = await exportPages(db, actor, graphId);
  return new Response(streamOf(writeRoamJson(pages)), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": attachment(`loam-${today()}.json`) },
  });
}

/** GET /api/export/markdown: the whole graph as a zip of Roam markdown files, streamed. */
export async function markdownZipExport(db: Db, actor: Actor, graphId: string): Promise<Response> {
  const pages = await exportPages(db, actor, graphId);
  return new Response(streamOf(writeRoamMarkdownZip(pages)), {
    headers: { "Content-Type": "application/zip", "Content-Disposition": attachment(`loam-${today()}-markdown.zip`) },
  });
}

/** GET /api/export/page?title=…: one page as a `.md` file. */
export async function pageMarkdownExport(db: Db, actor: Actor, graphId: string, title: string): Promise<Response> {
  const page = await exportPage(db, actor, graphId, title);
  // A namespaced title's slashes stay in the one file name, escaped as in the zip.
  const fileName = zipPathOfTitle(page.title).replace(/\//g, "%2F");
  return new Response(pageMarkdown(page), {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": attachment(fileName) },
  });
}
