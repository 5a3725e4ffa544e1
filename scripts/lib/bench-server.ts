// What the benches that talk to a real app server share: build when sources changed (as
// scripts/start.ts decides), a free port, one `next start` in its own process group on a given
// database, waiting for it, stopping it, and signing an account in over HTTP.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { newestMtime } from "./mtime";

const root = process.cwd();

export const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, milliseconds)));

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`"${command} ${commandArgs.join(" ")}" failed`);
}

/** `next build` when sources are newer than the last build (unless `build` is false); else at least a generated client. */
export function buildIfNeeded(label: string, build: boolean): void {
  const sources = ["app", "components", "lib", "prisma/schema.prisma", "next.config.ts", "instrumentation.ts", "package-lock.json", "tsconfig.json"];
  const newestSource = Math.max(...sources.map((path) => newestMtime(join(root, path))));
  const client = join(root, "lib/db/generated/client.ts");
  const buildId = join(root, ".next/BUILD_ID");
  if (build && (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource)) {
    console.log(`${label}: building (sources changed since the last build)…`);
    run("npm", ["run", "--silent", "build"]);
  } else if (!existsSync(client) || newestMtime(join(root, "prisma/schema.prisma")) > newestMtime(client)) {
    run("npm", ["run", "--silent", "generate"]);
  }
  if (!existsSync(buildId)) throw new Error("No build in .next: run without --no-build.");
}

export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 20; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once("error", () => resolve(false))
        .once("listening", () => probe.close(() => resolve(true)))
        .listen(port, "127.0.0.1");
    });
    if (free) return port;
  }
  throw new Error(`No free port in ${from}–${from + 19}`);
}

/**
 * `next start` on `databaseUrl`, in its own process group (stopServer kills the group). Each
 * output line goes to `onLine`. `nodeArgs` go to Node (a CPU profile, say).
 */
export function startServer(port: number, databaseUrl: string, dataDir: string, onLine: (line: string) => void, nodeArgs: string[] = []): ChildProcess {
  const server = spawn(process.execPath, [...nodeArgs, join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("hex"), LOAM_DATA_DIR: dataDir, PORT: String(port) },
  });
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() !== "") onLine(line);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  return server;
}

export async function waitForServer(server: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The app server exited with code ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/signin`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(`The app server at ${baseUrl} did not answer within 2 minutes`);
}

export function stopServer(server: ChildProcess | undefined): void {
  // Its own process group: kill the group, so nothing next start spawned outlives it.
  if (server?.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
}

/** Runs `fn` over `items`, `limit` at a time. */
export async function inParallel<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index] as T, index);
      }
    }),
  );
  return results;
}

/** The cookies of a response's Set-Cookie headers, as one Cookie header with `jar`. */
function withCookies(jar: Map<string, string>, response: Response): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

/**
 * Signs an account in through next-auth's credentials callback; returns the Cookie header of
 * the session, checked by GET `checkPath` answering 200.
 */
export async function signIn(baseUrl: string, email: string, password: string, checkPath: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  withCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${baseUrl}/` }),
  });
  withCookies(jar, response);
  await response.arrayBuffer();
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(`Sign-in of ${email} gave no session cookie (HTTP ${response.status}, Location ${response.headers.get("location")})`);
  }
  const check = await fetch(`${baseUrl}${checkPath}`, { headers: { cookie: cookieHeader(jar) } });
  await check.arrayBuffer();
  if (check.status !== 200) throw new Error(`GET ${checkPath} as ${email} answered ${check.status}`);
  return cookieHeader(jar);
}

/**
 * Runs a benchmark's `main`, then `cleanup` (stop the server, drop the database) whether it
 * succeeded, failed or was interrupted with Ctrl+C / SIGTERM; exits with 0, 1 or 130.
 */
export function runBench(name: string, main: () => Promise<void>, cleanup: () => Promise<void>): void {
  const interrupted = (signal: NodeJS.Signals) => {
    console.log(`\n${name}: ${signal}, stopping the server and dropping the database…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  void main()
    .then(
      () => 0,
      (error: unknown) => {
        console.error(error);
        return 1;
      },
    )
    .then(async (code) => {
      await cleanup().catch((error: unknown) => console.error(`${name}: cleanup failed`, error));
      process.exit(code);
    });
}
