// Searching a graph: page titles for the [[ and # pickers, block text for the (( picker.
// Each function takes the acting user and checks that they may read the graph; the graph is
// filtered in the query itself (row-level security would turn the GIN indexes off).
// Never rank an unbounded set: at most CANDIDATES rows are gathered, best kinds of match first,
// and only those are sorted (a common word over 1M blocks: 400–900 ms sorted, 3 ms capped).
import type { Db, Tx } from "../db/client";
import { Prisma } from "../db/generated/client";
import { requireGraph } from "./access";
import type { Actor } from "./actor";

export const MAX_SEARCH_LIMIT = 50;
export const MAX_QUERY_LENGTH = 200;
const CANDIDATES = 1_000;
/** Words of a block query that must all occur; more are ignored. */
const MAX_WORDS = 8;

export type PageHit = { id: string; title: string };
export type BlockHit = { uid: string; content: string; pageTitle: string };

/** `value` as a literal inside a LIKE pattern (with `ESCAPE '\'`): `%`, `_` and `\` match themselves. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_SEARCH_LIMIT, Math.floor(limit) || 1));
}

function normalizeQuery(query: string): string {
  return query.normalize("NFC").trim().slice(0, MAX_QUERY_LENGTH);
}

/**
 * Page titles matching `query`, ignoring case: the exact title first, then titles starting with
 * it, then titles containing it, then titles with a stretch similar to it (trigram word
 * similarity: "projekt" finds "Project notes"); within each, the shortest first (the similar
 * ones: the closest first). Word similarity (`<%`), not whole-title similarity (`%`): it suits a query that is
 * part of a title, and on 50,000 titles sharing words it answered in under 20 ms where `%`
 * took 200–600 ms.
 */
export async function searchPages(db: Db | Tx, actor: Actor, graphId: string, query: string, limit: number): Promise<PageHit[]> {
  await requireGraph(db, actor, graphId, "read");
  const q = normalizeQuery(query);
  if (!q) return [];
  const prefix = `${escapeLike(q)}%`;
  const infix = `%${escapeLike(q)}%`;
  // UNION ALL runs its branches in order and LIMIT stops pulling rows once it has enough, so
  // the candidates are the best kinds of match. Exact: manual_page_title_lower; the rest:
  // manual_page_title_trgm (both on lower(title)).
  return db.$queryRaw<PageHit[]>`
    SELECT id, title FROM (
      (SELECT id, title, 0 AS kind FROM "Page"
        WHERE "graphId" = ${graphId} AND lower(title) = lower(${q}))
      UNION ALL
      (SELECT id, title, 1 FROM "Page"
        WHERE "graphId" = ${graphId} AND lower(title) LIKE lower(${prefix}) ESCAPE '\\' AND lower(title) <> lower(${q}))
      UNION ALL
      (SELECT id, title, 2 FROM "Page"
        WHERE "graphId" = ${graphId} AND lower(title) LIKE lower(${infix}) ESCAPE '\\' AND lower(title) NOT LIKE lower(${prefix}) ESCAPE '\\')
      UNION ALL
      (SELECT id, title, 3 FROM "Page"
        WHERE "graphId" = ${graphId} AND lower(${q}) <% lower(title) AND lower(title) NOT LIKE lower(${infix}) ESCAPE '\\')
      LIMIT ${CANDIDATES}
    ) AS candidates
    ORDER BY kind, CASE WHEN kind = 3 THEN word_similarity(lower(${q}), lower(title)) END DESC, length(title), title
    LIMIT ${clampLimit(limit)}`;
}

/**
 * Blocks whose text contains every word of `query` (ignoring case), with the title of their
 * page: those containing the whole query first, then the most recently edited.
 */
export async function searchBlocks(db: Db | Tx, actor: Actor, graphId: string, query: string, limit: number): Promise<BlockHit[]> {
  await requireGraph(db, actor, graphId, "read");
  const q = normalizeQuery(query);
  const words = [...new Set(q.split(/\s+/).filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length === 0) return [];
  const phrase = `%${escapeLike(q)}%`;
  // One ILIKE per word, ANDed: each can use manual_block_content_trgm (an ILIKE ALL over an
  // array could not).
  const everyWord = Prisma.join(
    words.map((word) => Prisma.sql`content ILIKE ${`%${escapeLike(word)}%`} ESCAPE '\\'`),
    " AND ",
  );
  return db.$queryRaw<BlockHit[]>`
    SELECT c.uid, c.content, p.title AS "pageTitle" FROM (
      SELECT uid, content, "pageId", "updatedAt" FROM "Block"
      WHERE "graphId" = ${graphId} AND ${everyWord}
      LIMIT ${CANDIDATES}
    ) AS c JOIN "Page" p ON p.id = c."pageId"
    ORDER BY (c.content ILIKE ${phrase} ESCAPE '\\') DESC, c."updatedAt" DESC, c.uid
    LIMIT ${clampLimit(limit)}`;
}
