// A Prisma transaction seen as the plain SqlQuery interface, so that code written for the
// SQL hot paths (lib/server/refs.ts, op-log.ts) also runs inside Prisma's transactions.
import type { Tx } from "./client";
import type { SqlQuery } from "./sql-runner";

export function prismaSql(tx: Tx): SqlQuery {
  return { query: <T extends object>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params) };
}
