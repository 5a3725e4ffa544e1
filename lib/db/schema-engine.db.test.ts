// schema.prisma and prisma/migrations must agree: replaying every committed migration and then
// applying what Prisma's schema engine would generate next must be a no-op (after leaving out the
// statements that would undo hand-written `manual_*` SQL). This also keeps lib/db/schema-engine.ts
// honest: it drives Prisma-internal WebAssembly APIs pinned to exact versions, and an upgrade that
// breaks them fails here.
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { diffMigrationsToSchema, isEmptyScript, stripManualObjectChanges } from "./schema-engine";

const PRISMA_DIR = fileURLToPath(new URL("../../prisma/", import.meta.url));
const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

// Loading the engine and replaying the migrations on in-memory PGlite takes 5–10 s on 2 cores.
const ENGINE_TIMEOUT = 120_000;

describe("schema.prisma and prisma/migrations", () => {
  it(
    "agree: the next generated migration is empty",
    async () => {
      const generated = await diffMigrationsToSchema(MIGRATIONS_DIR, SCHEMA_PATH);
      const { sql, stripped } = stripManualObjectChanges(generated);
      // What left over means: schema.prisma changed without a migration (run
      // `npm run migration:new -- <name>`), or a migration changed without schema.prisma.
      expect(isEmptyScript(sql) ? "" : sql.trim()).toBe("");
      // Only hand-written objects may be what the engine wanted to touch.
      for (const { reason } of stripped) expect(reason).toMatch(/hand/);
    },
    ENGINE_TIMEOUT,
  );

  it(
    "replays the migrations for real: a migration that fails on the shadow database is an error",
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "loam-schema-engine-"));
      try {
        await cp(MIGRATIONS_DIR, dir, { recursive: true });
        await mkdir(path.join(dir, "99991231235959_broken"));
        await writeFile(path.join(dir, "99991231235959_broken", "migration.sql"), 'CREATE TABLE "Page" ("id" TEXT);\n');
        await expect(diffMigrationsToSchema(dir, SCHEMA_PATH)).rejects.toThrow(/99991231235959_broken/);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    ENGINE_TIMEOUT,
  );
});

describe("stripManualObjectChanges", () => {
  it("leaves out changes that would undo hand-written SQL and keeps the rest", () => {
    const { sql, stripped } = stripManualObjectChanges(
      [
        "-- DropIndex",
        'DROP INDEX "manual_page_title_trgm";',
        "",
        "-- DropExtension",
        'DROP EXTENSION "pg_trgm";',
        "",
        "-- AlterTable",
        'ALTER TABLE "Block" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false,',
        'ALTER COLUMN "order" SET DATA TYPE TEXT;',
        "",
        "-- AlterTable",
        'ALTER TABLE "Page" ADD COLUMN     "note" TEXT NOT NULL DEFAULT \'manual_; not a name\';',
        "",
      ].join("\n"),
    );
    expect(stripped.map((s) => s.statement)).toEqual([
      'DROP INDEX "manual_page_title_trgm";',
      'DROP EXTENSION "pg_trgm";',
      'ALTER TABLE "Block" ALTER COLUMN "order" SET DATA TYPE TEXT;',
    ]);
    expect(sql).not.toMatch(/manual_page_title_trgm|pg_trgm|SET DATA TYPE/);
    expect(sql).toContain('ALTER TABLE "Block" ADD COLUMN     "pinned" BOOLEAN NOT NULL DEFAULT false;');
    expect(sql).toContain("'manual_; not a name'");
    expect(isEmptyScript("-- This is an empty migration.\n")).toBe(true);
  });
});
