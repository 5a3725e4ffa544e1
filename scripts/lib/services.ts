// What the tests need from the machine: Debian's Chromium and a PostgreSQL server. Each is
// checked, and installed or started when missing and this machine allows it.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import pg from "pg";
import { ADMIN_URL } from "../../test/pg-admin";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  console.log("Chromium is missing: installing Debian's chromium package (1–2 minutes)…");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => {
    const [command, ...rest] = [...asRoot, ...args];
    const result = spawnSync(command ?? "apt-get", rest, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (result.status !== 0) throw new Error(`"${args.join(" ")}" failed; install Chromium yourself and set CHROMIUM_PATH.`);
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "chromium"]);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is still not at ${CHROMIUM}`);
}

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function ensurePostgres(): Promise<void> {
  if (await reachable()) return;
  const versions = existsSync("/etc/postgresql") ? readdirSync("/etc/postgresql") : [];
  const version = versions.sort().at(-1);
  if (!version) throw new Error(`No PostgreSQL at ${ADMIN_URL} and none installed to start; set TEST_DATABASE_URL.`);
  console.log(`PostgreSQL is not answering: starting cluster ${version}/main…`);
  execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "inherit" });
  for (let attempt = 0; attempt < 30; attempt++) {
    if (await reachable()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`PostgreSQL did not come up at ${ADMIN_URL}`);
}
