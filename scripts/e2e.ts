// `npm run test:e2e`: the browser tests against a production build. Builds Loam, starts two
// `next start` servers (E2E_PORT and the port after it, as two app servers behind one load
// balancer would be) on one fresh throwaway PostgreSQL database, runs Playwright in Debian's
// Chromium, then stops both servers and drops the database. Tests use the first server
// (E2E_BASE_URL); those about several app servers also use the second (E2E_BASE_URL_2).
// Extra arguments go to Playwright. `--no-build` reuses the last build.
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
const ports = [port, String(Number(port) + 1)];
const urlOf = (serverPort: string) => `http://127.0.0.1:${serverPort}`;

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(command, commandArgs, { stdio: "inherit", env }).status ?? 1;
}

async function waitForServer(server: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app server at ${baseUrl} exited with code ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/signin`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`The app server at ${baseUrl} did not answer within 2 minutes`);
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
  // One secret for both servers: a session made on one is good on the other.
  const authSecret = randomBytes(32).toString("hex");
  const servers = ports.map((serverPort) =>
    spawn("npx", ["next", "start", "-p", serverPort, "-H", "127.0.0.1"], {
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...env, DATABASE_URL: database.url, AUTH_SECRET: authSecret, LOAM_DATA_DIR: dataDir, PORT: serverPort },
    }),
  );
  // Ctrl+C or a kill of this script must not leave the servers running. The run then ends by
  // itself (a stopped server fails the wait; Playwright gets the same Ctrl+C), through the
  // `finally` below, which also drops the database.
  const interrupted = () => servers.forEach(stop);
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    await Promise.all(servers.map((server, index) => waitForServer(server, urlOf(ports[index] ?? port))));
    const [first = port, second = port] = ports;
    // The crash test starts (and kills) an app server of its own on the same database.
    return run("npx", ["playwright", "test", ...playwrightArgs], {
      ...env,
      E2E_BASE_URL: urlOf(first),
      E2E_BASE_URL_2: urlOf(second),
      E2E_PORT: port,
      E2E_DATABASE_URL: database.url,
      E2E_AUTH_SECRET: authSecret,
    });
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    servers.forEach(stop);
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
