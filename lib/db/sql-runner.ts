// The smallest interface over a raw connection that migrations, bulk SQL and the hot paths
// need, implemented for node-postgres and for PGlite.
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import { recordDbTime } from "./timing";

/**
 * One parameterised statement ($1, $2, …); its rows. A `name` makes it a prepared statement on
 * node-postgres, parsed and planned once per connection rather than on every call (the typing
 * path's statement spent more CPU being planned than run); PGlite and Prisma ignore it. One
 * name, one text: pg refuses a name prepared with other text.
 */
export type SqlQuery = { query<T extends object>(sql: string, params?: unknown[], name?: string): Promise<T[]> };

export interface SqlRunner extends SqlQuery {
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
}

/** Runs `fn` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export type SqlTransaction = <T>(fn: (sql: SqlQuery) => Promise<T>) => Promise<T>;

/** Counts a statement's time towards the request's Server-Timing (lib/db/timing.ts). */
async function timed<T>(run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await run();
  } finally {
    recordDbTime(performance.now() - start);
  }
}

export function pgliteRunner(db: PGlite): SqlRunner {
  return {
    async query<T extends object>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export function pgClientRunner(client: pg.ClientBase): SqlRunner {
  return {
    async query<T extends object>(sql: string, params?: unknown[], name?: string) {
      const result = await client.query({ text: sql, values: params, name });
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Statements on the pool's connections (each may be another), timed. */
export function pgPoolQuery(pool: pg.Pool): SqlQuery {
  return {
    query: <T extends object>(sql: string, params?: unknown[], name?: string) => timed(async () => (await pool.query({ text: sql, values: params, name })).rows as T[]),
  };
}

/** BEGIN … COMMIT on one connection of the pool, timed statement by statement. */
export function pgPoolTransaction(pool: pg.Pool): SqlTransaction {
  return async (fn) => {
    const client = await pool.connect();
    const query = <T extends object>(sql: string, params?: unknown[], name?: string) =>
      timed(async () => (await client.query({ text: sql, values: params, name })).rows as T[]);
    // A connection whose ROLLBACK failed is in an unknown state: the pool drops it.
    let broken: Error | undefined;
    try {
      await query("BEGIN");
      const result = await fn({ query });
      await query("COMMIT");
      return result;
    } catch (error) {
      await query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  };
}

export function pgliteQuery(db: PGlite): SqlQuery {
  return { query: <T extends object>(sql: string, params?: unknown[]) => timed(async () => (await db.query<T>(sql, params)).rows) };
}

/** PGlite's own transaction (it holds the database's one connection until the end). */
export function pgliteTransaction(db: PGlite): SqlTransaction {
  return (fn) =>
    db.transaction((tx: Transaction) => fn({ query: <T extends object>(sql: string, params?: unknown[]) => timed(async () => (await tx.query<T>(sql, params)).rows) }));
}
