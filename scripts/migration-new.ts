/**
 * npm run migration:new -- <name>
 *
 * Writes prisma/migrations/<yyyyMMddHHmmss>_<snake_name>/migration.sql with the SQL that takes a
 * database with every committed migration applied to the state of prisma/schema.prisma: what
 * `prisma migrate dev --create-only` would write, computed by Prisma's WebAssembly schema engine
 * on in-memory PGlite (lib/db/schema-engine.ts), because the Prisma CLI cannot run here.
 *
 * Hand-written SQL that Prisma's schema language cannot express (objects named `manual_*`, the
 * pg_trgm extension, COLLATE "C" on "Block"."order") is invisible to the engine, which would
 * therefore drop or undo it; such statements are removed from the generated script, with a note.
 */
import { access, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";

import {
  diffMigrationsToSchema,
  isEmptyScript,
  MIGRATION_LOCK_CONTENT,
  MIGRATION_LOCK_FILE,
  stripManualObjectChanges,
} from "../lib/db/schema-engine";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");

function usage(): never {
  console.error("Usage: npm run migration:new -- <name>   (e.g. npm run migration:new -- add_page_icon)");
  process.exit(2);
}

function snakeCase(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

function timestamp(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    pad(date.getUTCFullYear(), 4) +
    pad(date.getUTCMonth() + 1) +
    pad(date.getUTCDate()) +
    pad(date.getUTCHours()) +
    pad(date.getUTCMinutes()) +
    pad(date.getUTCSeconds())
  );
}

function parseTimestamp(stamp: string): Date {
  const n = (from: number, to: number) => Number(stamp.slice(from, to));
  return new Date(Date.UTC(n(0, 4), n(4, 6) - 1, n(6, 8), n(8, 10), n(10, 12), n(12, 14)));
}

/** Now, or one second after the newest existing migration if that is later: names must sort in order. */
async function nextTimestamp(): Promise<string> {
  const names = await readdir(MIGRATIONS_DIR).catch(() => [] as string[]);
  const newest = names
    .map((name) => /^(\d{14})_/.exec(name)?.[1])
    .filter((stamp): stamp is string => stamp !== undefined)
    .sort()
    .at(-1);
  let when = new Date();
  if (newest !== undefined) {
    const after = new Date(parseTimestamp(newest).getTime() + 1000);
    if (after > when) when = after;
  }
  return timestamp(when);
}

async function ensureLockFile(): Promise<void> {
  const lockPath = path.join(MIGRATIONS_DIR, MIGRATION_LOCK_FILE);
  await mkdir(MIGRATIONS_DIR, { recursive: true });
  try {
    await access(lockPath);
  } catch {
    await writeFile(lockPath, MIGRATION_LOCK_CONTENT);
    console.log(`Wrote ${path.relative(process.cwd(), lockPath)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== "--");
  const rawName = args[0];
  if (rawName === undefined || args.length > 1 || rawName.startsWith("-")) usage();
  const name = snakeCase(rawName);
  if (name === "") usage();

  await ensureLockFile();
  const generated = await diffMigrationsToSchema(MIGRATIONS_DIR, SCHEMA_PATH);
  const { sql, stripped } = stripManualObjectChanges(generated);

  for (const { statement, reason } of stripped) {
    console.log(`Note: left out a generated statement that ${reason}:\n    ${statement.replaceAll("\n", "\n    ")}`);
  }

  if (isEmptyScript(sql)) {
    console.log("Schema and migrations agree: nothing to write.");
    return;
  }

  const dir = path.join(MIGRATIONS_DIR, `${await nextTimestamp()}_${name}`);
  const file = path.join(dir, "migration.sql");
  await mkdir(dir, { recursive: false });
  await writeFile(file, `${sql.trim()}\n`, { flag: "wx" });
  console.log(path.relative(process.cwd(), file));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
