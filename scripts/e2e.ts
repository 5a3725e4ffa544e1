// `npm run test:e2e`: the browser tests against a production build. Builds Loam, starts
// `next start` on a fresh throwaway PostgreSQL database, runs Playwright in Debian's Chromium,
// then stops the server and drops the database. Extra arguments go to Playwright.
// `--no-build` reuses the last build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { ensureChromium, ensurePostgres } from "./lib/services";

const args = process.argv.slice(2);
const build = !args.includes("--no-build");
const playwrightArgs = args.filter((arg) => arg !== "--no-build");
const port = process.env.E2E_PORT ?? "3100";
const baseUrl = `http://127.0.0.1:${port}`;

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(command, commandArgs, { stdio: "inherit", env }).status ?? 1;
}

async function waitForServer(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app server exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/signin`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("The app server did not answer within 2 minutes");
}

function stop(server: ChildProcess): void {
  // The server runs in its own process group: kill the group, or next-server outlives npx.
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

async function main(): Promise<number> {
  ensureChromium();
  await ensurePostgres();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (build && run("npm", ["run", "--silent", "build"], env) !== 0) return 1;

  const database = await createDatabase("loam_e2e");
  const dataDir = mkdtempSync(join(tmpdir(), "loam-e2e-"));
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...env, DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("hex"), LOAM_DATA_DIR: dataDir, PORT: port },
  });
  try {
    await waitForServer(server);
    return run("npx", ["playwright", "test", ...playwrightArgs], { ...env, E2E_BASE_URL: baseUrl });
  } finally {
    stop(server);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
