// Where Loam's data lives: a PostgreSQL server when DATABASE_URL is set, otherwise the
// embedded PGlite database under ./.data (DESIGN.md, "Embedded default").
import { resolve } from "node:path";

export type DbTarget =
  | { kind: "postgres"; url: string }
  | { kind: "embedded"; dataDir: string };

export function dataDir(): string {
  // Read at run time; the comment keeps Next's file tracer from bundling the whole project.
  return resolve(/*turbopackIgnore: true*/ process.env.LOAM_DATA_DIR ?? ".data");
}

export function dbTarget(env: NodeJS.ProcessEnv = process.env): DbTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.slice(0, 20)}…")`);
    }
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dataDir: resolve(/*turbopackIgnore: true*/ dataDir(), "pglite") };
}
