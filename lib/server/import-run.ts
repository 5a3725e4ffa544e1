// One pass of an import over a source, compared with the graph batch by batch: as a dry run it
// counts what would happen (the preview); as a write it inserts the pages and blocks with bulk
// SQL inside the caller's transaction. Both share this code, so the preview says exactly what
// the import does. Memory stays bounded: a batch of pages at a time, counts, small samples, and
// the uids met so far (to find a uid used twice in one file).
import { randomUUID } from "node:crypto";
import { generateNKeysBetween } from "fractional-indexing";
import type { SqlQuery } from "../db/sql-runner";
import { derivedUid, type GraphBlock, type GraphPage, type GraphSource } from "../formats/graph";
import { renameBlockRefs } from "../markup/block-refs";
import { dayOfDailyTitle } from "../markup/daily";
import { extractRefs } from "../markup/refs";
import type { CreateOp } from "../outline/primitive";
import type { BlockProps } from "../outline/tree";
import { logOpsWith } from "./op-log";
import { reindexBlocksWith } from "./refs";

/** Blocks per batch: one lookup of their uids, then a few multi-row statements. */
const BATCH_BLOCKS = 2_000;
const BATCH_PAGES = 500;
/** Rows per INSERT statement (parameters are arrays, so this bounds memory, not a parameter count). */
const INSERT_ROWS = 5_000;
export const SAMPLE_SIZE = 20;

const UID = /^[\w-]{1,64}$/;

export type ImportCounts = {
  pages: number;
  pagesCreated: number;
  pagesMerged: number;
  blocks: number;
  blocksCreated: number;
  blocksPresent: number;
  collisions: number;
};

export type Collision = { uid: string; newUid: string; page: string };

export type RunResult = {
  counts: ImportCounts;
  /** Titles of existing pages the import adds to (first SAMPLE_SIZE). */
  merged: string[];
  /** Titles of pages the import makes (first SAMPLE_SIZE). */
  created: string[];
  collisions: Collision[];
};

export type RunProgress = { pages: number; blocks: number };

export type RunOptions = {
  graphId: string;
  importId: string;
  userId: string;
  /** null: a dry run that writes nothing. */
  write: null | { onProgress?: (progress: RunProgress) => void };
};

type ExistingPage = { id: string; title: string; day: string | null; importId: string | null };
type ExistingBlock = { id: string; uid: string; pageId: string };

/** Where a source page goes: an existing page (merged), or a new one. */
type PageTarget = { id: string; title: string; day: string | null; existed: boolean; ours: boolean };

type NewBlock = {
  id: string;
  uid: string;
  pageId: string;
  parentId: string | null;
  parentUid: string | null;
  order: string;
  content: string;
  props: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
};

/**
 * The uid a block gets when its own is taken by another block: derived from the page and the
 * uid, so importing the same file again gives the same one and finds the block already there.
 */
export function collisionUid(pageTitle: string, uid: string, attempt = 0): string {
  return derivedUid("roam-json", `collision\u0000${pageTitle}\u0000${uid}`, [attempt]);
}

function dayOf(page: GraphPage): string | null {
  return page.dailyDate ?? dayOfDailyTitle(page.title) ?? null;
}

function countBlocks(blocks: readonly GraphBlock[]): number {
  let n = 0;
  for (const block of blocks) n += 1 + countBlocks(block.children);
  return n;
}

function collectUids(blocks: readonly GraphBlock[], into: string[]): void {
  for (const block of blocks) {
    into.push(block.uid);
    collectUids(block.children, into);
  }
}

const time = (ms: number | null, fallback: Date) => (ms === null || !Number.isFinite(ms) ? fallback : new Date(ms));

export class ImportRun {
  readonly counts: ImportCounts = { pages: 0, pagesCreated: 0, pagesMerged: 0, blocks: 0, blocksCreated: 0, blocksPresent: 0, collisions: 0 };
  readonly merged: string[] = [];
  readonly created: string[] = [];
  readonly collisions: Collision[] = [];
  /** Source uid → the uid its block got, for each uid another block of the graph has. */
  private readonly renamed = new Map<string, string>();
  /** Source uids met so far in this run: a second block with one of them is a collision within the file. */
  private readonly seenUids = new Set<string>();
  /** Pages this run made or merged into, by key (title or day): a page met twice goes to the same place. */
  private readonly seenPages = new Map<string, PageTarget>();
  private readonly seenPageUids = new Set<string>();
  /** Ops for other tabs: blocks added to pages that existed before the import. */
  private readonly logged = new Map<string, CreateOp[]>();

  constructor(
    private readonly sql: SqlQuery,
    private readonly options: RunOptions,
  ) {}

  /** Reads the whole source; throws what the source throws (GraphReadError) with nothing committed by itself. */
  async run(source: GraphSource): Promise<RunResult> {
    let batch: GraphPage[] = [];
    let batchBlocks = 0;
    for await (const page of source.pages) {
      batch.push(page);
      batchBlocks += countBlocks(page.children);
      if (batchBlocks >= BATCH_BLOCKS || batch.length >= BATCH_PAGES) {
        await this.batch(batch);
        batch = [];
        batchBlocks = 0;
      }
    }
    if (batch.length > 0) await this.batch(batch);
    if (this.options.write) {
      await this.followRenames();
      const entries = [...this.logged].map(([pageId, ops]) => ({ pageId, ops }));
      await logOpsWith(this.sql, this.options.graphId, null, entries);
    }
    return { counts: this.counts, merged: this.merged, created: this.created, collisions: this.collisions };
  }

  private async batch(pages: GraphPage[]): Promise<void> {
    const { sql } = this;
    const { graphId } = this.options;
    const titles = pages.map((page) => page.title.normalize("NFC"));
    const days = pages.map(dayOf).filter((day): day is string => day !== null);
    const existingPages = await sql.query<ExistingPage>(
      `SELECT id, title, to_char("dailyDate", 'YYYY-MM-DD') AS day, "importId" FROM "Page"
       WHERE "graphId" = $1 AND (title = ANY($2::text[]) OR "dailyDate" = ANY($3::date[]))`,
      [graphId, titles, days],
    );
    const byTitle = new Map(existingPages.map((page) => [page.title, page]));
    const byDay = new Map(existingPages.filter((page) => page.day !== null).map((page) => [page.day as string, page]));
    const pageUids = pages.map((page) => page.uid).filter((uid): uid is string => uid !== null);
    const takenPageUids = new Set(
      (await sql.query<{ uid: string }>(`SELECT uid FROM "Page" WHERE "graphId" = $1 AND uid = ANY($2::text[])`, [graphId, pageUids])).map((row) => row.uid),
    );

    const uids: string[] = [];
    for (const page of pages) collectUids(page.children, uids);
    const existingBlocks = await this.blocksByUid(uids.filter((uid) => UID.test(uid)));

    // Targets first: a page met twice in one batch goes where the first went.
    const targets: PageTarget[] = [];
    const fresh: { page: GraphPage; target: PageTarget; uid: string | null }[] = [];
    for (const [index, page] of pages.entries()) {
      const title = titles[index] as string;
      const day = dayOf(page);
      const key = day !== null ? `day:${day}` : `title:${title}`;
      let target = this.seenPages.get(key);
      if (!target) {
        const existing = (day !== null ? byDay.get(day) : undefined) ?? byTitle.get(title);
        const ours = existing !== undefined && existing.importId === this.options.importId;
        target = existing
          ? { id: existing.id, title: existing.title, day: existing.day, existed: !ours, ours }
          : { id: randomUUID(), title, day, existed: false, ours: false };
        this.seenPages.set(key, target);
        this.counts.pages++;
        if (target.existed) {
          this.counts.pagesMerged++;
          if (this.merged.length < SAMPLE_SIZE) this.merged.push(target.title);
        } else {
          this.counts.pagesCreated++;
          if (this.created.length < SAMPLE_SIZE) this.created.push(target.title);
          // A page uid another page of the graph has is left out (Page.uid is unique per graph).
          const uid = page.uid !== null && !takenPageUids.has(page.uid) && !this.seenPageUids.has(page.uid) ? page.uid : null;
          if (uid !== null) this.seenPageUids.add(uid);
          fresh.push({ page, target, uid });
        }
      }
      targets.push(target);
    }

    // Blocks: which are there already, which are new, which need a new uid.
    type Planned = { block: GraphBlock; uid: string; present: ExistingBlock | null; children: Planned[]; twice?: boolean };
    const collided: { planned: Planned; target: PageTarget }[] = [];
    const plan = (blocks: readonly GraphBlock[], target: PageTarget, path: number[]): Planned[] =>
      blocks.map((block, index) => {
        const position = [...path, index];
        let uid = UID.test(block.uid) ? block.uid : derivedUid("roam-json", target.title, position);
        const planned: Planned = { block, uid, present: null, children: [] };
        if (this.seenUids.has(uid)) {
          // The file uses the uid again: the first block keeps it, this one gets the next free
          // derived uid (the same on every import of the file, as the order is the same).
          let attempt = 1;
          while (this.seenUids.has(collisionUid(target.title, uid, attempt))) attempt++;
          uid = collisionUid(target.title, uid, attempt);
          this.seenUids.add(uid);
          planned.uid = uid;
          planned.twice = true;
          collided.push({ planned, target });
        } else {
          this.seenUids.add(uid);
          const existing = existingBlocks.get(uid);
          if (existing && existing.pageId === target.id) planned.present = existing;
          else if (existing) collided.push({ planned, target });
        }
        planned.children = plan(block.children, target, position);
        return planned;
      });
    const planned = pages.map((page, index) => plan(page.children, targets[index] as PageTarget, []));

    // Collided blocks get a derived uid; one already on the page is what an earlier import made.
    if (collided.length > 0) {
      const derived = collided.map(({ planned: p, target }) => (p.uid === p.block.uid ? collisionUid(target.title, p.uid) : p.uid));
      const found = await this.blocksByUid(derived);
      for (const [index, { planned: p, target }] of collided.entries()) {
        const from = p.block.uid;
        const to = derived[index] as string;
        const existing = found.get(to);
        p.uid = to;
        this.seenUids.add(to);
        if (existing && existing.pageId === target.id) p.present = existing;
        // `((uid))` in the file means the file's block, not the graph's: point it at the new uid.
        if (!p.twice) this.renamed.set(from, to);
        this.counts.collisions++;
        if (this.collisions.length < SAMPLE_SIZE) this.collisions.push({ uid: from, newUid: to, page: target.title });
      }
    }

    const count = (nodes: readonly Planned[]) => {
      for (const node of nodes) {
        this.counts.blocks++;
        if (node.present) this.counts.blocksPresent++;
        else this.counts.blocksCreated++;
        count(node.children);
      }
    };
    for (const nodes of planned) count(nodes);

    const write = this.options.write;
    if (!write) return;


    // Where new blocks go after what is there: the last top-level key of merged pages, the last
    // child key of blocks already present (asked only where new blocks go).
    const parents = new Set<string>();
    const oldPages = new Set<string>();
    const hasNew = (nodes: readonly Planned[]) => nodes.some((node) => !node.present);
    const visitParents = (nodes: readonly Planned[]) => {
      for (const node of nodes) {
        if (node.present && hasNew(node.children)) parents.add(node.present.id);
        visitParents(node.children);
      }
    };
    const freshIds = new Set(fresh.filter((entry) => !entry.target.ours).map((entry) => entry.target.id));
    for (const [index, nodes] of planned.entries()) {
      const target = targets[index] as PageTarget;
      if (!freshIds.has(target.id) && hasNew(nodes)) oldPages.add(target.id);
      visitParents(nodes);
    }
    const lastKeys = await this.lastKeys([...oldPages], [...parents]);

    await this.insertPages(fresh);
    const rows: NewBlock[] = [];
    const now = new Date();
    // Keys follow the last one given under the same parent (a page met twice, a block present).
    const emit = (nodes: readonly Planned[], target: PageTarget, parent: { id: string; uid: string } | null) => {
      const creating = nodes.filter((node) => !node.present);
      const parentKey = parent?.id ?? `page:${target.id}`;
      const keys = generateNKeysBetween(lastKeys.get(parentKey) ?? null, null, creating.length);
      if (keys.length > 0) lastKeys.set(parentKey, keys[keys.length - 1] as string);
      let k = 0;
      for (const node of nodes) {
        if (node.present) {
          emit(node.children, target, { id: node.present.id, uid: node.present.uid });
          continue;
        }
        const { block } = node;
        const createdAt = time(block.createdAt, now);
        const row: NewBlock = {
          id: randomUUID(),
          uid: node.uid,
          pageId: target.id,
          parentId: parent?.id ?? null,
          parentUid: parent?.uid ?? null,
          order: keys[k++] as string,
          content: renameBlockRefs(block.content, this.renamed),
          props: block.props,
          createdAt,
          updatedAt: time(block.updatedAt, createdAt),
        };
        rows.push(row);
        emit(node.children, target, { id: row.id, uid: row.uid });
      }
    };
    for (const [index, nodes] of planned.entries()) emit(nodes, targets[index] as PageTarget, null);
    await this.insertBlocks(rows);
    await this.index(rows);
    const existedBefore = new Set(targets.filter((target) => target.existed).map((target) => target.id));
    for (const row of rows) {
      if (!existedBefore.has(row.pageId)) continue;
      const ops = this.logged.get(row.pageId) ?? [];
      ops.push({ type: "create", uid: row.uid, parent: row.parentUid, order: row.order, content: row.content, props: row.props as BlockProps });
      this.logged.set(row.pageId, ops);
    }
    write.onProgress?.({ pages: this.counts.pages, blocks: this.counts.blocks });
  }

  /**
   * Blocks of this import written before a collision further on renamed the uid they refer to:
   * their `((uid))` now names the imported block's new uid (one pass over the file, not two).
   */
  private async followRenames(): Promise<void> {
    if (this.renamed.size === 0) return;
    const { graphId, importId } = this.options;
    const stale = await this.sql.query<{ id: string; uid: string; pageId: string; content: string }>(
      `SELECT DISTINCT b.id, b.uid, b."pageId", b.content FROM "BlockRef" r JOIN "Block" b ON b.id = r."blockId"
       WHERE r."graphId" = $1 AND r."targetUid" = ANY($2::text[]) AND b."importId" = $3`,
      [graphId, [...this.renamed.keys()], importId],
    );
    const fixed = stale.map((row) => ({ ...row, content: renameBlockRefs(row.content, this.renamed) })).filter((row, i) => row.content !== stale[i]?.content);
    if (fixed.length === 0) return;
    await this.sql.query(`UPDATE "Block" b SET content = t.c FROM unnest($1::text[], $2::text[]) AS t(id, c) WHERE b.id = t.id`, [
      fixed.map((row) => row.id),
      fixed.map((row) => row.content),
    ]);
    await reindexBlocksWith(this.sql, graphId, null, fixed);
    const contentOf = new Map(fixed.map((row) => [row.uid, row.content]));
    for (const ops of this.logged.values()) for (const op of ops) op.content = contentOf.get(op.uid) ?? op.content;
  }

  private async blocksByUid(uids: readonly string[]): Promise<Map<string, ExistingBlock>> {
    if (uids.length === 0) return new Map();
    const rows = await this.sql.query<ExistingBlock>(`SELECT id, uid, "pageId" FROM "Block" WHERE "graphId" = $1 AND uid = ANY($2::text[])`, [
      this.options.graphId,
      uids,
    ]);
    return new Map(rows.map((row) => [row.uid, row]));
  }

  /** `page:<id>` → the last top-level key of each page; `<block id>` → the last child key of each block. */
  private async lastKeys(pageIds: string[], parentIds: string[]): Promise<Map<string, string>> {
    const keys = new Map<string, string>();
    if (pageIds.length > 0) {
      const rows = await this.sql.query<{ id: string; order: string }>(
        `SELECT "pageId" AS id, max("order") AS "order" FROM "Block" WHERE "pageId" = ANY($1::text[]) AND "parentId" IS NULL GROUP BY "pageId"`,
        [pageIds],
      );
      for (const row of rows) keys.set(`page:${row.id}`, row.order);
    }
    if (parentIds.length > 0) {
      const rows = await this.sql.query<{ id: string; order: string }>(
        `SELECT "parentId" AS id, max("order") AS "order" FROM "Block" WHERE "parentId" = ANY($1::text[]) GROUP BY "parentId"`,
        [parentIds],
      );
      for (const row of rows) keys.set(row.id, row.order);
    }
    return keys;
  }

  private async insertPages(fresh: readonly { page: GraphPage; target: PageTarget; uid: string | null }[]): Promise<void> {
    const { graphId, importId } = this.options;
    const now = new Date();
    // A page made earlier in this run by a link (index below) now gets the source's fields.
    const ours = fresh.filter((entry) => entry.target.ours);
    if (ours.length > 0) {
      await this.sql.query(
        `UPDATE "Page" p SET uid = t.uid, props = t.props::jsonb, "createdAt" = t.created, "updatedAt" = t.updated
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[], $5::timestamp[]) AS t(id, uid, props, created, updated)
         WHERE p.id = t.id`,
        [
          ours.map((entry) => entry.target.id),
          ours.map((entry) => entry.uid),
          ours.map((entry) => JSON.stringify(entry.page.props)),
          ours.map((entry) => time(entry.page.createdAt, now)),
          ours.map((entry) => time(entry.page.updatedAt ?? entry.page.createdAt, now)),
        ],
      );
    }
    const made = fresh.filter((entry) => !entry.target.ours);
    if (made.length === 0) return;
    await this.sql.query(
      `INSERT INTO "Page" (id, "graphId", title, "dailyDate", uid, props, "importId", "createdAt", "updatedAt")
       SELECT t.id, $1, t.title, t.day, t.uid, t.props::jsonb, $2, t.created, t.updated
       FROM unnest($3::text[], $4::text[], $5::date[], $6::text[], $7::text[], $8::timestamp[], $9::timestamp[])
         AS t(id, title, day, uid, props, created, updated)`,
      [
        graphId,
        importId,
        made.map((entry) => entry.target.id),
        made.map((entry) => entry.target.title),
        made.map((entry) => entry.target.day),
        made.map((entry) => entry.uid),
        made.map((entry) => JSON.stringify(entry.page.props)),
        made.map((entry) => time(entry.page.createdAt, now)),
        made.map((entry) => time(entry.page.updatedAt ?? entry.page.createdAt, now)),
      ],
    );
  }

  private async insertBlocks(rows: readonly NewBlock[]): Promise<void> {
    const { graphId, importId, userId } = this.options;
    for (let start = 0; start < rows.length; start += INSERT_ROWS) {
      const chunk = rows.slice(start, start + INSERT_ROWS);
      // One statement per chunk: foreign keys are checked at its end, so order within it is free.
      await this.sql.query(
        `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt", "createdById", "importId")
         SELECT t.id, $1, t.uid, t.page, t.parent, t.o, t.c, t.p::jsonb, t.created, t.updated, $2, $3
         FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamp[], $12::timestamp[])
           AS t(id, uid, page, parent, o, c, p, created, updated)`,
        [
          graphId,
          userId,
          importId,
          chunk.map((row) => row.id),
          chunk.map((row) => row.uid),
          chunk.map((row) => row.pageId),
          chunk.map((row) => row.parentId),
          chunk.map((row) => row.order),
          chunk.map((row) => row.content),
          chunk.map((row) => JSON.stringify(row.props)),
          chunk.map((row) => row.createdAt),
          chunk.map((row) => row.updatedAt),
        ],
      );
    }
  }

  /**
   * The reference index, by the same code as every write (refs.ts). Pages the blocks link that
   * do not exist yet are made first, marked with the import, so undo takes them away too.
   */
  private async index(rows: readonly NewBlock[]): Promise<void> {
    const { graphId, importId } = this.options;
    const titles = new Set<string>();
    for (const row of rows) for (const ref of extractRefs(row.content).pages) titles.add(ref.title);
    if (titles.size > 0) {
      const list = [...titles];
      await this.sql.query(
        `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "importId", "createdAt", "updatedAt")
         SELECT gen_random_uuid()::text, $1, t, d, $2, now(), now()
         FROM unnest($3::text[], $4::date[]) AS x(t, d)
         ON CONFLICT DO NOTHING`,
        [graphId, importId, list, list.map((title) => dayOfDailyTitle(title) ?? null)],
      );
    }
    for (let start = 0; start < rows.length; start += INSERT_ROWS) {
      await reindexBlocksWith(this.sql, graphId, null, rows.slice(start, start + INSERT_ROWS).map((row) => ({ id: row.id, content: row.content })));
    }
  }
}
