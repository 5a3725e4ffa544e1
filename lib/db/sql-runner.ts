// The smallest interface over a raw connection that migrations and bulk SQL need,
// implemented for node-postgres and for PGlite.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

export interface SqlRunner {
  query<T extends object>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
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
    async query<T extends object>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}
