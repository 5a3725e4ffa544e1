// The migration runner on a real PostgreSQL and on PGlite: everything applies on an empty
// database, a second run applies nothing, and an edited applied migration is refused.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase, dropDatabase } from "../../test/pg-admin";
import { migrate, readMigrations } from "./migrate";
import { pgClientRunner, pgliteRunner } from "./sql-runner";

const migrations = readMigrations();

describe("migrate on PostgreSQL", () => {
  it("applies every migration once, records them as Prisma does, and refuses edited history", async () => {
    const { name, url } = await createDatabase("loam_migrate");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const runner = pgClientRunner(client);
      expect(await migrate(runner, migrations)).toEqual(migrations.map((m) => m.name));
      expect(await migrate(runner, migrations)).toEqual([]);

      const rows = await runner.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
      const collation = await runner.query<{ collation_name: string }>(
        `SELECT collation_name FROM information_schema.columns WHERE table_name = 'Block' AND column_name = 'order'`,
      );
      expect(collation[0]?.collation_name).toBe("C");

      const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
      await expect(migrate(runner, edited)).rejects.toThrow(/edited after it was applied/);
    } finally {
      await client.end();
      await dropDatabase(name);
    }
  });

  it("rolls a failing migration back whole and names it", async () => {
    const { name, url } = await createDatabase("loam_migrate");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const runner = pgClientRunner(client);
      const broken = { name: "29991231000000_broken", sql: 'CREATE TABLE "x" (id int); SELECT * FROM nowhere;', checksum: "f".repeat(64) };
      await expect(migrate(runner, [...migrations, broken])).rejects.toThrow(/29991231000000_broken failed/);
      const tables = await runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'x'`);
      expect(tables[0]?.n).toBe(0);
      // The good ones before it stay applied.
      expect(await migrate(runner, migrations)).toEqual([]);
    } finally {
      await client.end();
      await dropDatabase(name);
    }
  });
});

describe("migrate on the embedded database (PGlite)", () => {
  it("applies every migration, with pg_trgm", async () => {
    const lite = new PGlite({ extensions: { pg_trgm } });
    try {
      const runner = pgliteRunner(lite);
      expect(await migrate(runner, migrations)).toHaveLength(migrations.length);
      const similarity = await runner.query<{ s: number }>(`SELECT similarity('Vincent Chan', 'vincent chen') AS s`);
      expect(similarity[0]?.s).toBeGreaterThan(0.3);
    } finally {
      await lite.close();
    }
  }, 60_000);
});
