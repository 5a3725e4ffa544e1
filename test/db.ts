// Database fixtures for `*.db.test.ts`: the run's throwaway database, and a factory that makes
// a brand-new user with their own graph, so no test depends on another's data.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, type Database, type Db } from "../lib/db/client";
import { signUp } from "../lib/server/accounts";
import type { Actor } from "../lib/server/actor";

/** The test database, opened before the file's tests and closed after them. */
export function testDatabase(): () => Db {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openDatabase({ kind: "postgres", url: inject("databaseUrl") }, { migrate: false });
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error("testDatabase(): the database is opened in beforeAll");
    return database.prisma;
  };
}

export type TestUser = { actor: Actor; graphId: string; email: string };

export async function makeUser(db: Db, label = "user"): Promise<TestUser> {
  const email = `${label}-${randomUUID()}@example.test`;
  const user = await signUp(db, { email, password: "a sound test password" });
  return { actor: { userId: user.userId }, graphId: user.graphId, email };
}
