// Batch changes to pages — rename, merge, delete — shown before they run and undoable after
// (DESIGN.md; the seed's incident: a mass update nobody previewed and nobody could take back).
// `previewPageChange` is a dry run that writes nothing; `applyPageChange` plans again in its own
// transaction (refusing if the preview no longer holds), writes with bulk SQL, re-derives the
// reference index, logs the text changes for other tabs, and records the exact before-state in
// a PageChange row; `undoPageChange` puts that state back, also after a reload.
import { randomUUID } from "node:crypto";
import { generateNKeysBetween } from "fractional-indexing";
import { z } from "zod";
import type { Db, Tx } from "../db/client";
import { dayOfDailyTitle } from "../markup/daily";
import { SYNTAX_TITLES, renamedTitle, rewriteLinks, titleProblem } from "../markup/rename";
import type { CreateOp, DeleteOp, PrimitiveOp } from "../outline/primitive";
import { MAX_TITLE_LENGTH } from "../outline/schema";
import type { BlockProps } from "../outline/tree";
import { requireGraph } from "./access";
import type { Actor } from "./actor";
import { AppError, notFound } from "./errors";
import { logOps, type PageOps } from "./op-log";
import { dayToDate } from "./pages";
import { reindexBlocksAnywhere } from "./refs";

export const pageChangeRequestSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rename"), pageId: z.string().min(1).max(64), title: z.string().max(MAX_TITLE_LENGTH) }),
  z.object({ kind: z.literal("delete"), pageId: z.string().min(1).max(64) }),
]);
export type PageChangeRequest = z.infer<typeof pageChangeRequestSchema>;

export type PageChangeKind = "rename" | "merge" | "delete";

export type PageChangePreview = {
  kind: PageChangeKind;
  pageId: string;
  title: string;
  /** The new title (the existing page's, for a merge); null for a delete. */
  newTitle: string | null;
  /** Blocks whose text is rewritten (rename, merge) or that are deleted with the page. */
  blocks: number;
  /** How many pages those blocks are on. */
  pages: number;
  /** Merge: blocks of the page appended to the other one, children included. */
  movedBlocks: number;
  /** Pages whose titles nest a link to this one (`[[a [[Old]] b]]`): renamed with it. */
  renamedPages: { from: string; to: string }[];
  /** Delete: blocks on other pages that link the page; their text stays as it is. */
  linkingBlocks: number;
  /** A few of the blocks as they are and as they will be. */
  sample: { page: string; before: string; after: string | null }[];
  /** Why it cannot run; empty when it can. */
  problems: string[];
  /** One sentence saying what will happen, e.g. "… rewrites 312 blocks on 97 pages." */
  summary: string;
};

export type AppliedPageChange = { changeId: string; preview: PageChangePreview };
export type UndonePageChange = { kind: PageChangeKind; title: string; newTitle: string | null; pageIds: string[] };

const SAMPLE_SIZE = 5;
const TRANSACTION = { timeout: 120_000, maxWait: 10_000 } as const;

type PageRow = { id: string; title: string; dailyDate: Date | null; createdAt: Date; updatedAt: Date };
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
  createdById: string | null;
};
type TextChange = { blockId: string; uid: string; pageId: string; before: string; after: string };
type TitleChange = { pageId: string; before: string; after: string };

type Plan = {
  preview: PageChangePreview;
  page: PageRow;
  target: PageRow | null;
  titles: TitleChange[];
  texts: TextChange[];
};

// ---------- the record undo reads back (checked like any JSON from the database) ----------

const pageRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  dailyDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const undoSchema = z.object({
  titles: z.array(z.object({ pageId: z.string(), before: z.string(), after: z.string() })),
  texts: z.array(z.object({ blockId: z.string(), uid: z.string(), pageId: z.string(), before: z.string(), after: z.string() })),
  /** Merge: the page merged away, and where its top-level blocks were. */
  merged: z
    .object({ page: pageRowSchema, targetId: z.string(), roots: z.array(z.object({ id: z.string(), order: z.string() })) })
    .optional(),
  /** Delete: the page and every block it had, as rows. */
  deleted: z
    .object({
      page: pageRowSchema,
      blocks: z.array(
        z.object({
          id: z.string(),
          uid: z.string(),
          parentId: z.string().nullable(),
          order: z.string(),
          content: z.string(),
          props: z.unknown(),
          createdAt: z.string(),
          updatedAt: z.string(),
          createdById: z.string().nullable(),
        }),
      ),
    })
    .optional(),
});
type UndoState = z.infer<typeof undoSchema>;

const pageJson = (page: PageRow) => ({
  id: page.id,
  title: page.title,
  dailyDate: page.dailyDate?.toISOString() ?? null,
  createdAt: page.createdAt.toISOString(),
  updatedAt: page.updatedAt.toISOString(),
});

// ---------- planning (shared by preview and apply) ----------

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function dailyDateOf(title: string): Date | null {
  const day = dayOfDailyTitle(title);
  return day ? dayToDate(day) : null;
}

async function loadPage(tx: Db | Tx, graphId: string, pageId: string, lock: boolean): Promise<PageRow> {
  const rows = lock
    ? await tx.$queryRaw<PageRow[]>`
        SELECT id, title, "dailyDate", "createdAt", "updatedAt" FROM "Page" WHERE id = ${pageId} AND "graphId" = ${graphId} FOR UPDATE`
    : await tx.$queryRaw<PageRow[]>`
        SELECT id, title, "dailyDate", "createdAt", "updatedAt" FROM "Page" WHERE id = ${pageId} AND "graphId" = ${graphId}`;
  const page = rows[0];
  if (!page) throw notFound("Page not found");
  return page;
}

/** Blocks that link the page (any kind, nested links included: the index has them all), locked when writing. */
async function linkingBlocks(tx: Db | Tx, pageId: string, lock: boolean) {
  type Row = { id: string; uid: string; pageId: string; content: string; pageTitle: string };
  return lock
    ? tx.$queryRaw<Row[]>`
        SELECT b.id, b.uid, b."pageId", b.content, p.title AS "pageTitle"
        FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
        WHERE b.id IN (SELECT "blockId" FROM "Ref" WHERE "pageId" = ${pageId})
        ORDER BY p.title, b.id FOR UPDATE OF b`
    : tx.$queryRaw<Row[]>`
        SELECT b.id, b.uid, b."pageId", b.content, p.title AS "pageTitle"
        FROM "Block" b JOIN "Page" p ON p.id = b."pageId"
        WHERE b.id IN (SELECT "blockId" FROM "Ref" WHERE "pageId" = ${pageId})
        ORDER BY p.title, b.id`;
}

async function pageWithTitle(tx: Db | Tx, graphId: string, title: string): Promise<PageRow | null> {
  const rows = await tx.$queryRaw<PageRow[]>`
    SELECT id, title, "dailyDate", "createdAt", "updatedAt" FROM "Page" WHERE "graphId" = ${graphId} AND title = ${title}`;
  return rows[0] ?? null;
}

async function planRename(tx: Db | Tx, graphId: string, page: PageRow, rawTitle: string, lock: boolean): Promise<Plan> {
  const to = rawTitle.normalize("NFC");
  const from = page.title;
  const problems: string[] = [];
  // A title no link can name (made from a URL, say) may still be renamed to one that can.
  const problem = titleProblem(to) ?? (SYNTAX_TITLES.has(from) ? titleProblem(from) : null);
  if (problem) problems.push(problem);
  if (to === from) problems.push(`The page is already called “${to}”.`);
  const target = to === from ? null : await pageWithTitle(tx, graphId, to);
  if (target && lock) await loadPage(tx, graphId, target.id, true);

  // Pages whose titles nest [[from]] are renamed with it, as their links are rewritten with it.
  const nesting = await tx.$queryRaw<{ id: string; title: string }[]>`
    SELECT id, title FROM "Page"
    WHERE "graphId" = ${graphId} AND id <> ${page.id} AND strpos(title, ${`[[${from}]]`}) > 0`;
  const titles: TitleChange[] = target ? [] : [{ pageId: page.id, before: from, after: to }];
  for (const other of nesting) {
    const after = renamedTitle(other.title, from, to);
    if (after === other.title) continue;
    if (await pageWithTitle(tx, graphId, after)) problems.push(`“${other.title}” would become “${after}”, which exists already.`);
    titles.push({ pageId: other.id, before: other.title, after });
  }

  const texts: TextChange[] = [];
  const sample: PageChangePreview["sample"] = [];
  const failures = new Map<string, number>();
  const pageTitles = new Map<string, string>();
  if (problems.length === 0) {
    for (const block of await linkingBlocks(tx, page.id, lock)) {
      const result = rewriteLinks(block.content, from, to);
      if (!result.ok) {
        failures.set(result.reason, (failures.get(result.reason) ?? 0) + 1);
        continue;
      }
      if (!result.changed) continue;
      texts.push({ blockId: block.id, uid: block.uid, pageId: block.pageId, before: block.content, after: result.text });
      pageTitles.set(block.pageId, block.pageTitle);
      if (sample.length < SAMPLE_SIZE) sample.push({ page: block.pageTitle, before: block.content, after: result.text });
    }
  }
  for (const [reason, blocks] of failures) problems.push(`${reason} (${count(blocks, "block")})`);

  const movedRows = target
    ? await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Block" WHERE "pageId" = ${page.id}`
    : [{ n: 0n }];
  const movedBlocks = Number(movedRows[0]?.n ?? 0);
  const rewrites = `rewrites ${count(texts.length, "block")} on ${count(pageTitles.size, "page")}`;
  const nested = titles.filter((change) => change.pageId !== page.id).map((change) => ({ from: change.before, to: change.after }));
  const also = nested.length > 0 ? ` Also renames ${count(nested.length, "page")} whose title links it.` : "";
  const summary = target
    ? `“${to}” exists: merging moves ${count(movedBlocks, "block")} of “${from}” to the end of “${to}”, ${rewrites}, and removes “${from}”.${also}`
    : `Renaming “${from}” to “${to}” ${rewrites}.${also}`;
  return {
    page,
    target,
    titles,
    texts,
    preview: {
      kind: target ? "merge" : "rename",
      pageId: page.id,
      title: from,
      newTitle: to,
      blocks: texts.length,
      pages: pageTitles.size,
      movedBlocks,
      renamedPages: nested,
      linkingBlocks: 0,
      sample,
      problems,
      summary,
    },
  };
}

async function planDelete(tx: Db | Tx, page: PageRow, lock: boolean): Promise<Plan> {
  const own = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Block" WHERE "pageId" = ${page.id}`;
  const blocks = Number(own[0]?.n ?? 0);
  const linking = (await linkingBlocks(tx, page.id, lock)).filter((block) => block.pageId !== page.id);
  const linkingPages = new Set(linking.map((block) => block.pageId)).size;
  const links =
    linking.length > 0
      ? ` ${count(linking.length, "block")} on ${count(linkingPages, "other page")} link to it: their text stays, and the link leads to an empty page.`
      : "";
  return {
    page,
    target: null,
    titles: [],
    texts: [],
    preview: {
      kind: "delete",
      pageId: page.id,
      title: page.title,
      newTitle: null,
      blocks,
      pages: 1,
      movedBlocks: 0,
      renamedPages: [],
      linkingBlocks: linking.length,
      sample: linking.slice(0, SAMPLE_SIZE).map((block) => ({ page: block.pageTitle, before: block.content, after: null })),
      problems: [],
      summary: `Deleting “${page.title}” removes it and its ${count(blocks, "block")}.${links}`,
    },
  };
}

async function plan(tx: Db | Tx, graphId: string, request: PageChangeRequest, lock: boolean): Promise<Plan> {
  const page = await loadPage(tx, graphId, request.pageId, lock);
  return request.kind === "delete" ? planDelete(tx, page, lock) : planRename(tx, graphId, page, request.title, lock);
}

/** What the change would do, without doing it. */
export async function previewPageChange(db: Db, actor: Actor, graphId: string, request: PageChangeRequest): Promise<PageChangePreview> {
  await requireGraph(db, actor, graphId, "write");
  return (await plan(db, graphId, request, false)).preview;
}

// ---------- writing ----------

async function writeTexts(tx: Tx, graphId: string, texts: readonly { blockId: string; content: string }[]): Promise<void> {
  if (texts.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Block" b SET content = t.c, "updatedAt" = now()
    FROM unnest(${texts.map((t) => t.blockId)}::text[], ${texts.map((t) => t.content)}::text[]) AS t(id, c)
    WHERE b.id = t.id AND b."graphId" = ${graphId}`;
}

async function writeTitles(tx: Tx, graphId: string, titles: readonly { pageId: string; title: string }[]): Promise<void> {
  if (titles.length === 0) return;
  await tx.$executeRaw`
    UPDATE "Page" p SET title = t.title, "dailyDate" = t.day, "updatedAt" = now()
    FROM unnest(${titles.map((t) => t.pageId)}::text[], ${titles.map((t) => t.title)}::text[], ${titles.map((t) => dailyDateOf(t.title))}::date[]) AS t(id, title, day)
    WHERE p.id = t.id AND p."graphId" = ${graphId}`;
}

/** Primitive update ops per page, for other tabs (op-log.ts). */
function updateOps(texts: readonly { uid: string; pageId: string; content: string }[]): PageOps[] {
  const byPage = new Map<string, PrimitiveOp[]>();
  for (const text of texts) {
    const ops = byPage.get(text.pageId) ?? [];
    ops.push({ type: "update", uid: text.uid, content: text.content });
    byPage.set(text.pageId, ops);
  }
  return [...byPage].map(([pageId, ops]) => ({ pageId, ops }));
}

async function blocksOf(tx: Tx, pageId: string): Promise<BlockRow[]> {
  return tx.$queryRaw<BlockRow[]>`
    SELECT id, uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt", "createdById"
    FROM "Block" WHERE "pageId" = ${pageId}`;
}

const asProps = (value: unknown): BlockProps =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as BlockProps) : {};

/** Rows as create ops, each parent before its children (another tab builds the tree in that order). */
function createOps(rows: readonly Pick<BlockRow, "id" | "uid" | "parentId" | "order" | "content" | "props">[]): CreateOp[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const depth = (row: (typeof rows)[number]): number => {
    let n = 0;
    for (let at = row.parentId; at !== null && byId.has(at) && n <= rows.length; at = byId.get(at)?.parentId ?? null) n++;
    return n;
  };
  return [...rows]
    .map((row) => ({ row, depth: depth(row) }))
    .sort((a, b) => a.depth - b.depth)
    .map(({ row }) => ({
      type: "create",
      uid: row.uid,
      parent: row.parentId === null ? null : (byId.get(row.parentId)?.uid ?? null),
      order: row.order,
      content: row.content,
      props: asProps(row.props),
    }));
}

/** The same blocks deleted, children before their parents. */
function deleteOps(rows: readonly Pick<BlockRow, "id" | "uid" | "parentId" | "order" | "content" | "props">[]): DeleteOp[] {
  return createOps(rows)
    .reverse()
    .map((op) => ({ type: "delete", uid: op.uid }));
}

/** The last top-level order key of a page (the column compares bytewise, COLLATE "C"). */
async function lastRootKey(tx: Tx, pageId: string): Promise<string | null> {
  const rows = await tx.$queryRaw<{ order: string | null }[]>`
    SELECT max("order") AS "order" FROM "Block" WHERE "pageId" = ${pageId} AND "parentId" IS NULL`;
  return rows[0]?.order ?? null;
}

/**
 * Runs the change if the preview the person saw still holds (`expected`: its block and page
 * counts); otherwise refuses with the new preview, so nothing runs that was not shown.
 */
export async function applyPageChange(
  db: Db,
  actor: Actor,
  graphId: string,
  request: PageChangeRequest,
  expected: { blocks: number; pages: number } | null,
  clientId: string | null = null,
): Promise<AppliedPageChange> {
  return db.$transaction(async (tx) => {
    await requireGraph(tx, actor, graphId, "write");
    const planned = await plan(tx, graphId, request, true);
    const { preview } = planned;
    if (preview.problems.length > 0) throw new AppError("invalid_request", preview.problems.join(" "), { preview });
    if (expected && (expected.blocks !== preview.blocks || expected.pages !== preview.pages)) {
      throw new AppError("stale_preview", `The graph changed since the preview. ${preview.summary}`, { preview });
    }
    const undo = preview.kind === "delete" ? await deletePage(tx, graphId, planned) : await renameOrMerge(tx, graphId, planned, clientId);
    // Raw SQL: Prisma's own JSON serialisation of 10,000 blocks' texts took about a second.
    const changeId = randomUUID();
    await tx.$executeRaw`
      INSERT INTO "PageChange" (id, "graphId", "userId", kind, title, "newTitle", "blockCount", "pageCount", undo)
      VALUES (${changeId}, ${graphId}, ${actor.userId}, ${preview.kind}::"PageChangeKind", ${preview.title}, ${preview.newTitle},
              ${preview.blocks}, ${preview.pages}, ${JSON.stringify(undo)}::jsonb)`;
    return { changeId, preview };
  }, TRANSACTION);
}

async function renameOrMerge(tx: Tx, graphId: string, { page, target, titles, texts }: Plan, clientId: string | null): Promise<UndoState> {
  const undo: UndoState = { titles, texts };
  const logged: PageOps[] = [];
  let moved: BlockRow[] = [];
  if (target) {
    // Merge: the page's blocks go to the end of the target, in their order, children along.
    moved = await blocksOf(tx, page.id);
    const roots = moved.filter((row) => row.parentId === null).sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
    const keys = generateNKeysBetween(await lastRootKey(tx, target.id), null, roots.length);
    await tx.$executeRaw`UPDATE "Block" SET "pageId" = ${target.id}, "updatedAt" = now() WHERE "pageId" = ${page.id}`;
    await tx.$executeRaw`
      UPDATE "Block" b SET "order" = t.o
      FROM unnest(${roots.map((row) => row.id)}::text[], ${keys}::text[]) AS t(id, o) WHERE b.id = t.id`;
    undo.merged = { page: pageJson(page), targetId: target.id, roots: roots.map((row) => ({ id: row.id, order: row.order })) };
    const keyOf = new Map(roots.map((row, index) => [row.id, keys[index] ?? row.order]));
    const afterText = new Map(texts.map((text) => [text.blockId, text.after]));
    const arrived = moved.map((row) => ({ ...row, order: keyOf.get(row.id) ?? row.order, content: afterText.get(row.id) ?? row.content }));
    logged.push({ pageId: target.id, ops: createOps(arrived) });
    for (const text of texts) if (text.pageId === page.id) text.pageId = target.id;
  }
  await writeTitles(tx, graphId, titles.map((change) => ({ pageId: change.pageId, title: change.after })));
  await writeTexts(tx, graphId, texts.map((text) => ({ blockId: text.blockId, content: text.after })));
  // The merged page goes; its Ref rows with it (the blocks that had them now link the target).
  if (target) await tx.$executeRaw`DELETE FROM "Page" WHERE id = ${page.id}`;
  const rewritten = new Set(texts.map((text) => text.blockId));
  await reindexBlocksAnywhere(tx, graphId, [
    ...texts.map((text) => ({ id: text.blockId, content: text.after })),
    // Moved blocks keep their text, but their references now come from the target's date.
    ...moved.filter((row) => !rewritten.has(row.id)).map((row) => ({ id: row.id, content: row.content })),
  ]);
  const movedIds = new Set(moved.map((row) => row.id));
  logged.push(...updateOps(texts.filter((text) => !movedIds.has(text.blockId)).map((text) => ({ ...text, content: text.after }))));
  await logOps(tx, graphId, clientId, logged);
  return undo;
}

async function deletePage(tx: Tx, graphId: string, { page }: Plan): Promise<UndoState> {
  const blocks = await blocksOf(tx, page.id);
  const linking = (await linkingBlocks(tx, page.id, true)).filter((block) => block.pageId !== page.id);
  await tx.$executeRaw`DELETE FROM "Page" WHERE id = ${page.id}`;
  // The links elsewhere stay as text, so the index still lists them: their page comes back empty, as in Roam.
  await reindexBlocksAnywhere(tx, graphId, linking);
  return {
    titles: [],
    texts: [],
    deleted: {
      page: pageJson(page),
      blocks: blocks.map((row) => ({
        id: row.id,
        uid: row.uid,
        parentId: row.parentId,
        order: row.order,
        content: row.content,
        props: row.props,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        createdById: row.createdById,
      })),
    },
  };
}

// ---------- undo ----------

/**
 * Frees `title` for a page coming back. A page of that title made since (by a link written
 * after the change, as Roam makes pages) is removed if it is still empty, and the blocks that
 * link it are returned to be indexed again; one with blocks of its own is a conflict.
 */
async function freeTitle(tx: Tx, graphId: string, title: string, keepId: string | null): Promise<{ id: string; content: string }[]> {
  const other = await pageWithTitle(tx, graphId, title);
  if (!other || other.id === keepId) return [];
  const own = await tx.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Block" WHERE "pageId" = ${other.id}`;
  if (Number(own[0]?.n ?? 0) > 0) {
    throw new AppError("invalid_request", `A page named “${title}” has been written on since; rename or delete it first, then undo.`);
  }
  const linking = await linkingBlocks(tx, other.id, true);
  await tx.$executeRaw`DELETE FROM "Page" WHERE id = ${other.id}`;
  return linking.map((block) => ({ id: block.id, content: block.content }));
}

async function insertPage(tx: Tx, graphId: string, page: z.infer<typeof pageRowSchema>): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
    VALUES (${page.id}, ${graphId}, ${page.title}, ${page.dailyDate ? new Date(page.dailyDate) : null}::date, ${new Date(page.createdAt)}, now())`;
}

/**
 * Takes a change back. Text rewritten by it and not edited since gets its exact old text; text
 * edited since keeps the edits and has only the links renamed back, so undo loses nothing.
 */
export async function undoPageChange(db: Db, actor: Actor, graphId: string, changeId: string, clientId: string | null = null): Promise<UndonePageChange> {
  return db.$transaction(async (tx) => {
    await requireGraph(tx, actor, graphId, "write");
    const rows = await tx.$queryRaw<{ kind: PageChangeKind; title: string; newTitle: string | null; undo: unknown; undoneAt: Date | null }[]>`
      SELECT kind, title, "newTitle", undo, "undoneAt" FROM "PageChange" WHERE id = ${changeId} AND "graphId" = ${graphId} FOR UPDATE`;
    const change = rows[0];
    if (!change) throw notFound("That change was not found");
    if (change.undoneAt) throw new AppError("invalid_request", "That change was already undone.");
    const state = undoSchema.parse(change.undo);
    const reindex: { id: string; content: string }[] = [];
    const logged: PageOps[] = [];
    const pageIds: string[] = [];

    // Pages first: the titles and rows the blocks go back to.
    for (const title of state.titles) {
      const now = await tx.$queryRaw<{ title: string }[]>`SELECT title FROM "Page" WHERE id = ${title.pageId} FOR UPDATE`;
      if (now[0]?.title !== title.after) {
        throw new AppError("invalid_request", `“${title.after}” was renamed or deleted since; this change can no longer be undone.`);
      }
      reindex.push(...(await freeTitle(tx, graphId, title.before, title.pageId)));
      pageIds.push(title.pageId);
    }
    await writeTitles(tx, graphId, state.titles.map((title) => ({ pageId: title.pageId, title: title.before })));

    if (state.merged) {
      const { page, targetId, roots } = state.merged;
      const target = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Page" WHERE id = ${targetId} FOR UPDATE`;
      if (target.length === 0) throw new AppError("invalid_request", "The page it was merged into was deleted since; the merge can no longer be undone.");
      reindex.push(...(await freeTitle(tx, graphId, page.title, null)));
      await insertPage(tx, graphId, page);
      // The merged blocks still on the target go back with whatever is under them now.
      const back = await tx.$queryRaw<BlockRow[]>`
        WITH RECURSIVE subtree AS (
          SELECT id FROM "Block" WHERE id = ANY(${roots.map((root) => root.id)}::text[]) AND "pageId" = ${targetId}
          UNION ALL
          SELECT b.id FROM "Block" b JOIN subtree s ON b."parentId" = s.id
        )
        UPDATE "Block" b SET "pageId" = ${page.id}, "updatedAt" = now() FROM subtree s WHERE b.id = s.id
        RETURNING b.id, b.uid, b."pageId", b."parentId", b."order", b.content, b.props, b."createdAt", b."updatedAt", b."createdById"`;
      await tx.$executeRaw`
        UPDATE "Block" b SET "parentId" = NULL, "order" = t.o
        FROM unnest(${roots.map((root) => root.id)}::text[], ${roots.map((root) => root.order)}::text[]) AS t(id, o)
        WHERE b.id = t.id AND b."pageId" = ${page.id}`;
      logged.push({ pageId: targetId, ops: deleteOps(back) });
      reindex.push(...back.map((row) => ({ id: row.id, content: row.content })));
      pageIds.push(page.id, targetId);
    }

    if (state.deleted) {
      const { page, blocks } = state.deleted;
      reindex.push(...(await freeTitle(tx, graphId, page.title, null)));
      await insertPage(tx, graphId, page);
      if (blocks.length > 0) {
        // One statement: its foreign keys are checked at its end, so parents may come after children.
        await tx.$executeRaw`
          INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt", "createdById")
          SELECT t.id, ${graphId}, t.uid, ${page.id}, t.parent, t.o, t.c, t.p::jsonb, t.created, now(), u.id
          FROM unnest(
            ${blocks.map((b) => b.id)}::text[], ${blocks.map((b) => b.uid)}::text[], ${blocks.map((b) => b.parentId)}::text[],
            ${blocks.map((b) => b.order)}::text[], ${blocks.map((b) => b.content)}::text[], ${blocks.map((b) => JSON.stringify(b.props ?? {}))}::text[],
            ${blocks.map((b) => new Date(b.createdAt))}::timestamp[], ${blocks.map((b) => b.createdById)}::text[]
          ) AS t(id, uid, parent, o, c, p, created, creator)
          LEFT JOIN "User" u ON u.id = t.creator`;
      }
      logged.push({ pageId: page.id, ops: createOps(blocks) });
      reindex.push(...blocks.map((block) => ({ id: block.id, content: block.content })));
      pageIds.push(page.id);
    }

    // Texts: exact old text where untouched since, else the links renamed back in the new text.
    if (state.texts.length > 0) {
      const current = await tx.$queryRaw<{ id: string; uid: string; pageId: string; content: string }[]>`
        SELECT id, uid, "pageId", content FROM "Block" WHERE id = ANY(${state.texts.map((text) => text.blockId)}::text[]) FOR UPDATE`;
      const byId = new Map(current.map((row) => [row.id, row]));
      const rename = state.titles[0] ?? (state.merged ? { before: state.merged.page.title, after: change.newTitle ?? "" } : null);
      const restored: { blockId: string; uid: string; pageId: string; content: string }[] = [];
      for (const text of state.texts) {
        const row = byId.get(text.blockId);
        if (!row) continue; // deleted since
        let content = text.before;
        if (row.content !== text.after) {
          const back = rename ? rewriteLinks(row.content, rename.after, rename.before) : null;
          content = back?.ok ? back.text : row.content;
        }
        if (content !== row.content) restored.push({ blockId: row.id, uid: row.uid, pageId: row.pageId, content });
      }
      await writeTexts(tx, graphId, restored);
      reindex.push(...restored.map((text) => ({ id: text.blockId, content: text.content })));
      const movedBack = new Set(logged.flatMap((entry) => entry.ops.map((op) => op.uid)));
      logged.push(...updateOps(restored.filter((text) => !movedBack.has(text.uid))));
    }

    // Each block once, with its text as it is now.
    const latest = new Map(reindex.map((block) => [block.id, block]));
    const fresh = await tx.$queryRaw<{ id: string; content: string }[]>`
      SELECT id, content FROM "Block" WHERE id = ANY(${[...latest.keys()]}::text[])`;
    await reindexBlocksAnywhere(tx, graphId, fresh);
    await logOps(tx, graphId, clientId, logged);
    await tx.$executeRaw`UPDATE "PageChange" SET "undoneAt" = now() WHERE id = ${changeId}`;
    return { kind: change.kind, title: change.title, newTitle: change.newTitle, pageIds: [...new Set(pageIds)] };
  }, TRANSACTION);
}
