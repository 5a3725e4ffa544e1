// LISTEN on PostgreSQL over a connection of its own: notices arrive, and when the connection is
// killed it comes back by itself and says so (ready again), so listeners can catch up.
import { afterAll, describe, expect, inject, it } from "vitest";
import { testDatabase } from "../../test/db";
import { listenPostgres, type Listening } from "./listen";

const db = testDatabase();

describe("listenPostgres", () => {
  let listening: Listening | undefined;
  afterAll(async () => {
    await listening?.close();
  });

  it("delivers notices and reconnects after its connection is killed", async () => {
    const channel = `loam_test_${Date.now()}`;
    const payloads: string[] = [];
    let readies = 0;
    listening = listenPostgres(inject("databaseUrl"), channel, { notify: (payload) => payloads.push(payload), ready: () => (readies += 1) });
    await expect.poll(() => readies).toBe(1);
    await db().$queryRaw`SELECT 1 AS sent FROM pg_notify(${channel}, 'one')`;
    await expect.poll(() => payloads).toEqual(["one"]);

    const killed = await db().$queryRaw<{ killed: boolean }[]>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE query = ${`LISTEN "${channel}"`}`;
    expect(killed).toEqual([{ killed: true }]);
    await expect.poll(() => readies, { timeout: 10_000 }).toBe(2);
    await db().$queryRaw`SELECT 1 AS sent FROM pg_notify(${channel}, 'two')`;
    await expect.poll(() => payloads).toEqual(["one", "two"]);
  });
});
