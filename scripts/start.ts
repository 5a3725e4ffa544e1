// `npm start`: build Loam if its sources changed since the last build, then serve it at
// http://localhost:$PORT (3000). With no DATABASE_URL the data lives in ./.data (PGlite), made
// on first start; with no AUTH_SECRET one is made and kept there too. `--dev` runs `next dev`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { dbTarget } from "../lib/db/config";
import { authSecret } from "../lib/server/secret";
import { newestMtime } from "./lib/mtime";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";


function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const sources = ["app", "components", "lib", "prisma/schema.prisma", "next.config.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json"];
const newestSource = Math.max(...sources.map((path) => newestMtime(join(root, path))));

if (!existsSync(join(root, "lib/db/generated/client.ts")) || newestMtime(join(root, "prisma/schema.prisma")) > newestMtime(join(root, "lib/db/generated/client.ts"))) {
  run("npm", ["run", "--silent", "generate"]);
}

// Made here so that the first start says where it is kept; lib/server/secret.ts reads it.
process.env.AUTH_SECRET = authSecret();
process.env.NEXT_TELEMETRY_DISABLED = "1";

const target = dbTarget();
console.log(target.kind === "embedded" ? `Loam: data in ${target.dataDir} (embedded PostgreSQL)` : "Loam: using DATABASE_URL");

if (!dev) {
  const buildId = join(root, ".next/BUILD_ID");
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource) {
    console.log("Loam: building (about half a minute the first time)…");
    run("npx", ["next", "build"]);
  }
}

const server = spawn("npx", ["next", dev ? "dev" : "start", "-p", port], { stdio: "inherit", env: process.env });
console.log(`Loam: starting at http://localhost:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code) => process.exit(code ?? 0));
