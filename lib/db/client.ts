// The one Prisma client of the process, on PostgreSQL (DATABASE_URL) or on the embedded
// PGlite database, with migrations applied before the first query.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { dbTarget, type DbTarget } from "./config";
import { PrismaClient } from "./generated/client";
import { listenPglite, listenPostgres, type ListenHandlers, type Listening } from "./listen";
import { migrate } from "./migrate";
import {
  pgClientRunner,
  pgliteQuery,
  pgliteRunner,
  pgliteTransaction,
  pgPoolQuery,
  pgPoolTransaction,
  type SqlQuery,
  type SqlRunner,
  type SqlTransaction,
} from "./sql-runner";
import { recordDbTime } from "./timing";

/** SQL beside Prisma, on the same connections: for the hot paths, where a Prisma query's own CPU (1–3 ms) outweighs the database's. */
type Sql = { query: SqlQuery["query"]; transaction: SqlTransaction };

function extend(client: PrismaClient, sql: Sql) {
  return client.$extends({
    client: {
      /** One statement outside any transaction, counted in Server-Timing. */
      $sqlQuery: sql.query,
      /** BEGIN … COMMIT on one connection, outside Prisma (its interactive transactions cost several round trips more). */
      $sqlTransaction: sql.transaction,
    },
    query: {
      async $allOperations({ args, query }) {
        const start = performance.now();
        try {
          return await query(args);
        } finally {
          recordDbTime(performance.now() - start);
        }
      },
    },
  });
}

export type Db = ReturnType<typeof extend>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type Database = {
  prisma: Db;
  target: DbTarget;
  /** Raw SQL outside Prisma: migrations and bulk writes. */
  raw: SqlRunner;
  /** LISTEN on `channel` (a connection of its own on PostgreSQL, reconnected when it drops). */
  listen(channel: string, handlers: ListenHandlers): Promise<Listening>;
  close(): Promise<void>;
};

export async function openDatabase(target: DbTarget = dbTarget(), options: { migrate?: boolean } = {}): Promise<Database> {
  if (target.kind === "embedded") {
    mkdirSync(target.dataDir, { recursive: true });
    const lite = new PGlite(target.dataDir, { extensions: { pg_trgm } });
    await lite.waitReady;
    const raw = pgliteRunner(lite);
    if (options.migrate !== false) await migrate(raw);
    const prisma = extend(new PrismaClient({ adapter: new PrismaPGlite(lite) }), { query: pgliteQuery(lite).query, transaction: pgliteTransaction(lite) });
    return {
      prisma,
      target,
      raw,
      listen: (channel, handlers) => listenPglite(lite, channel, handlers),
      async close() {
        await prisma.$disconnect();
        await lite.close();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: Number(process.env.LOAM_DB_POOL ?? 10) });
  if (options.migrate !== false) {
    const client = await pool.connect();
    try {
      await migrate(pgClientRunner(client));
    } finally {
      client.release();
    }
  }
  const prisma = extend(new PrismaClient({ adapter: new PrismaPg(pool) }), { query: pgPoolQuery(pool).query, transaction: pgPoolTransaction(pool) });
  return {
    prisma,
    target,
    raw: {
      async query<T extends object>(sql: string, params?: unknown[]) {
        return (await pool.query(sql, params)).rows as T[];
      },
      async exec(sql: string) {
        await pool.query(sql);
      },
    },
    listen: async (channel, handlers) => listenPostgres(target.url, channel, handlers),
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

// One database per process, kept on globalThis so that module reloads (next dev) reuse it:
// PGlite allows one opener per data directory.
const globalKey = Symbol.for("loam.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

export function database(): Promise<Database> {
  const holder = globalThis as GlobalWithDb;
  holder[globalKey] ??= openDatabase().catch((error: unknown) => {
    delete holder[globalKey];
    throw error;
  });
  return holder[globalKey];
}

export async function db(): Promise<Db> {
  return (await database()).prisma;
}
