// `npm run bench:save`: saving under load, the way people type. Builds Loam when its sources
// changed since the last build (`--no-build` skips that), makes a throwaway PostgreSQL database,
// starts one `next start` app server on it (BENCH_PORT, 3190, or the next free port), makes
// accounts and signs each one in over HTTP (next-auth's credentials callback), gives each a
// daily page of a few blocks, then runs N simulated writers at once — each POSTs a batch of 5
// ops to /api/ops every second (mostly text updates of its own blocks, sometimes a new block)
// for BENCH_SECONDS (20) — for each N of BENCH_WRITERS ("50,200"). Beside each run: the same
// transaction as the text-only fast path — lib/server/text-ops.ts's one statement, which is
// its own transaction, prepared as the app prepares it — in bare SQL over a pg pool of the
// app's size (LOAM_DB_POOL, 10), with the same number of writers, one batch per statement (the
// app server groups the batches that arrive together: its log rows per transaction say how
// much). Prints figures and the target; asserts nothing. Stops the server and drops the database at the end,
// on errors and on Ctrl+C too. BENCH_PROFILE=<dir>: the server writes a CPU profile there.
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent, request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import pg from "pg";
import { isoDayOf } from "../lib/markup/daily";
import type { textBatchStatement as TextBatchStatementFn } from "../lib/server/text-ops";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { ensurePostgres } from "./lib/services";
import { buildIfNeeded, freePort, inParallel, runBench, signIn, sleep, startServer, stopServer, waitForServer } from "./lib/bench-server";
import { ms, parseServerTiming, pct, quantile, summarise } from "./lib/stats";

const args = process.argv.slice(2);
const build = !args.includes("--no-build");
const firstPort = Number(process.env.BENCH_PORT ?? 3190);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SQL_SECONDS = Math.max(5, Math.ceil(SECONDS / 2));
const WRITERS = (process.env.BENCH_WRITERS ?? "50,200").split(",").map((n) => Number(n.trim())).filter((n) => n > 0);
const POOL = Number(process.env.LOAM_DB_POOL ?? 10);
const OPS_PER_BATCH = 5;
/** Share of batches that start with a new block (Enter): those take the full path, tree and all (BENCH_CREATE_SHARE, 0.1). */
const CREATE_SHARE = Number(process.env.BENCH_CREATE_SHARE ?? 0.1);
const BLOCKS_PER_PAGE = 6;
/** A batch not answered by then counts as an error (and a run cannot outlast its time by more). */
const REQUEST_TIMEOUT_MS = 15_000;
/** Batches sent back to back by one writer, before the loaded runs. */
const SERIAL_BATCHES = 100;
const PASSWORD = "bench password 1234";
const TARGET = { writers: 200, p95Ms: 100 };
const day = isoDayOf(new Date());

// ---------------------------------------------------------------- CPU accounting (/proc)

const TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds, and its process group; undefined when gone. */
function processCpu(pid: number): { cpu: number; pgrp: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { cpu: (Number(fields[11]) + Number(fields[12])) / TICKS, pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

function machineCpu(): { busy: number; total: number } {
  const [, ...values] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: (total - idle) / TICKS, total: total / TICKS };
}

function pidsOfGroup(pgrp: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => processCpu(pid)?.pgrp === pgrp);
}

type CpuSnapshot = { at: number; machine: { busy: number; total: number }; self: NodeJS.CpuUsage; app: Map<number, number>; pg: Map<number, number> };

async function snapshotCpu(serverPgrp: number, admin: pg.Pool, dbName: string): Promise<CpuSnapshot> {
  const backends = await admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName]);
  const cpuOf = (pids: number[]) => new Map(pids.flatMap((pid) => (processCpu(pid) ? [[pid, processCpu(pid)?.cpu ?? 0] as const] : [])));
  return {
    at: performance.now(),
    machine: machineCpu(),
    self: process.cpuUsage(),
    app: cpuOf(pidsOfGroup(serverPgrp)),
    pg: cpuOf(backends.rows.map((row) => row.pid)),
  };
}

type CpuUse = { wall: number; cores: number; machineBusy: number; app: number; database: number; loadgen: number; other: number };

/** CPU seconds used between two snapshots, by whom. */
function cpuUse(before: CpuSnapshot, after: CpuSnapshot, cores: number): CpuUse {
  const wall = (after.at - before.at) / 1000;
  const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, cpu]) => sum + cpu - (a.get(pid) ?? 0), 0);
  const machineBusy = (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total);
  const app = delta(before.app, after.app);
  const database = delta(before.pg, after.pg);
  const self = process.cpuUsage(before.self);
  const loadgen = (self.user + self.system) / 1e6;
  const other = Math.max(0, machineBusy * wall * cores - app - database - loadgen);
  return { wall, cores, machineBusy, app, database, loadgen, other };
}

function cpuLines(use: CpuUse, batches: number): string {
  const share = (seconds: number) => pct(seconds / use.wall / use.cores);
  const per = (seconds: number) => `${((seconds * 1000) / Math.max(1, batches)).toFixed(1)} ms`;
  return (
    `CPU of ${use.cores} cores: machine ${pct(use.machineBusy)} busy = app server ${share(use.app)} + PostgreSQL (this database) ${share(use.database)} + load generator ${share(use.loadgen)} + other ${share(use.other)}\n` +
    `  CPU per batch: app server ${per(use.app)}, PostgreSQL ${per(use.database)}, load generator ${per(use.loadgen)}`
  );
}

// ---------------------------------------------------------------- the app server

/** Server output, kept for the report (its first lines are printed, errors counted). */
const serverLog: string[] = [];

function startBenchServer(port: number, databaseUrl: string, dataDir: string): ChildProcess {
  // BENCH_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const collect = (line: string) => {
    if (serverLog.length < 20) console.log(`  server │ ${line}`);
    serverLog.push(line);
  };
  return startServer(port, databaseUrl, dataDir, collect, profile);
}

// ---------------------------------------------------------------- writers

type Block = { uid: string; id?: string; content: string; typed: number };

type Writer = {
  index: number;
  email: string;
  userId: string;
  graphId: string;
  cookie: string;
  pageId?: string;
  blocks: Block[];
  lastOrder: string | null;
  serial: number;
};

/** What a writer types into block `k`: every third block links a page, as notes do. */
function textOf(writer: Writer, k: number, typed: number): string {
  const words = ["notes", "on", "the", "draft", "call", "with", "team", "about", "next", "steps"];
  const lead = k % 3 === 0 ? `Met [[Person ${writer.index % 7}]] about #project-${k % 4}: ` : "";
  return lead + Array.from({ length: typed }, (_, i) => words[i % words.length]).join(" ").slice(0, 240);
}

type WireOp = { id: string; page: { daily: string }; op: Record<string, unknown> };

function seedBatch(writer: Writer): WireOp[] {
  const orders = generateNKeysBetween(null, null, BLOCKS_PER_PAGE);
  writer.lastOrder = orders.at(-1) ?? null;
  writer.blocks = orders.map((_, k) => ({ uid: `w${writer.index}b${k}`, content: textOf(writer, k, 3), typed: 3 }));
  return writer.blocks.map((block, k) => ({
    id: randomUUID(),
    page: { daily: day },
    op: { type: "create", uid: block.uid, parent: null, order: orders[k], content: block.content },
  }));
}

/** The next batch: 5 ops, mostly typing into own blocks; sometimes a new block first. */
function nextBatch(writer: Writer, withCreate: boolean): { ops: WireOp[]; created?: Block; order?: string } {
  const ops: WireOp[] = [];
  let created: Block | undefined;
  let order: string | undefined;
  if (withCreate) {
    order = generateKeyBetween(writer.lastOrder, null);
    created = { uid: `w${writer.index}n${writer.serial++}`, content: "", typed: 0 };
    ops.push({ id: randomUUID(), page: { daily: day }, op: { type: "create", uid: created.uid, parent: null, order, content: "" } });
  }
  while (ops.length < OPS_PER_BATCH) {
    const k = Math.floor(Math.random() * writer.blocks.length);
    const block = writer.blocks[k] as Block;
    block.typed = block.typed >= 40 ? 1 : block.typed + 1;
    block.content = textOf(writer, k, block.typed);
    ops.push({ id: randomUUID(), page: { daily: day }, op: { type: "update", uid: block.uid, content: block.content } });
  }
  return { ops, created, order };
}

type Sample = { ms: number; create: boolean; serverTotal?: number; serverDb?: number; queries?: number };

type RunResult = { samples: Sample[]; errors: number; messages: string[]; late: number; seconds: number };

/**
 * N writers, each sending one batch a second for `seconds`; a writer whose previous batch has
 * not come back waits for it (as the save queue does) and that tick counts as late.
 */
async function runWriters(
  writers: readonly Writer[],
  seconds: number,
  createShare: number,
  send: (writer: Writer, batch: ReturnType<typeof nextBatch>) => Promise<Sample>,
): Promise<RunResult> {
  const samples: Sample[] = [];
  const messages: string[] = [];
  let errors = 0;
  let late = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    writers.map(async (writer) => {
      let due = started + Math.random() * 1000;
      while (due < end) {
        await sleep(due - performance.now());
        const batch = nextBatch(writer, Math.random() < createShare);
        // A batch that timed out may still commit: never reuse its order key.
        if (batch.order) writer.lastOrder = batch.order;
        try {
          samples.push(await send(writer, batch));
          if (batch.created) writer.blocks.push(batch.created);
        } catch (error) {
          errors += 1;
          const message = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ""}` : String(error);
          if (messages.length < 5 && !messages.includes(message)) messages.push(message);
        }
        due += 1000;
        if (due < performance.now()) {
          late += 1;
          due = performance.now();
        }
      }
    }),
  );
  return { samples, errors, messages, late, seconds: (performance.now() - started) / 1000 };
}

/**
 * The writers' POSTs go through node:http with one keep-alive agent: Node 20's fetch (undici)
 * costs about 4x the load generator's CPU per request, which on 2 cores the server would feel.
 */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1024 });

/** Answers that came compressed (the writers ask for gzip as browsers do; a small JSON answer should not be). */
let compressedAnswers = 0;

function post(baseUrl: string, path: string, body: string, cookie: string): Promise<{ status: number; body: string; serverTiming: string | null }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent: keepAlive,
        timeout: REQUEST_TIMEOUT_MS,
        // As a browser sends them: Next compresses what a client accepts.
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "accept-encoding": "gzip, deflate, br", cookie },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const timing = response.headers["server-timing"];
          const encoding = response.headers["content-encoding"];
          const raw = Buffer.concat(chunks);
          if (encoding) compressedAnswers += 1;
          const text = encoding === "gzip" ? gunzipSync(raw) : encoding === "br" ? brotliDecompressSync(raw) : encoding === "deflate" ? inflateSync(raw) : raw;
          resolve({ status: response.statusCode ?? 0, body: text.toString(), serverTiming: Array.isArray(timing) ? timing.join(", ") : (timing ?? null) });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    request.on("error", reject);
    request.end(body);
  });
}

function httpSender(baseUrl: string) {
  return async (writer: Writer, batch: ReturnType<typeof nextBatch>): Promise<Sample> => {
    const start = performance.now();
    const response = await post(baseUrl, "/api/ops", JSON.stringify({ ops: batch.ops, clientId: `bench-${writer.index}-client` }), writer.cookie);
    const elapsed = performance.now() - start;
    if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    return { ms: elapsed, create: batch.created !== undefined, ...parseServerTiming(response.serverTiming) };
  };
}

// ---------------------------------------------------------------- the same statement in bare SQL

type TextBatchStatement = typeof TextBatchStatementFn;

/**
 * lib/server/text-ops.ts's save of a typing batch as the app server sends it — one statement,
 * its own transaction — here over a plain pg pool: no HTTP, no Next, no session check.
 */
function sqlSender(pool: pg.Pool, statementCounts: number[], textBatchStatement: TextBatchStatement) {
  return async (writer: Writer, batch: ReturnType<typeof nextBatch>): Promise<Sample> => {
    const start = performance.now();
    const { text, values, name } = textBatchStatement(
      { userId: writer.userId },
      writer.graphId,
      { ops: batch.ops as unknown as Parameters<TextBatchStatement>[2]["ops"], clientId: `bench-${writer.index}-sql` },
      false,
    );
    const { rows } = await pool.query<{ here: boolean }>({ text, values, name });
    // A batch whose links change (a block added in the HTTP run gets its first link) is only
    // checked here: the app writes it in a transaction with the reference index.
    if (!rows[0]?.here) throw new Error("a block of the batch is not on its page");
    statementCounts.push(1);
    return { ms: performance.now() - start, create: false };
  };
}

// ---------------------------------------------------------------- the report

/** Log rows written since `since` (about one per batch) and the transactions that wrote them: group commit at work. */
async function logGrouping(admin: pg.Pool, since: string): Promise<{ rows: number; transactions: number }> {
  const { rows } = await admin.query<{ rows: number; transactions: number }>(
    `SELECT count(*)::int AS rows, count(DISTINCT xmin::text)::int AS transactions FROM "OpLog" WHERE "createdAt" >= $1`,
    [since],
  );
  return rows[0] ?? { rows: 0, transactions: 0 };
}

function report(
  n: number,
  http: RunResult,
  sql: RunResult,
  statements: number[],
  httpCpu: CpuUse,
  sqlCpu: CpuUse,
  grouping: { rows: number; transactions: number },
): { p95: number; errors: number } {
  const all = summarise(http.samples.map((s) => s.ms));
  const text = summarise(http.samples.filter((s) => !s.create).map((s) => s.ms));
  const create = summarise(http.samples.filter((s) => s.create).map((s) => s.ms));
  const server = (pick: (s: Sample) => number | undefined, filter: (s: Sample) => boolean) =>
    summarise(http.samples.filter(filter).flatMap((s) => (pick(s) === undefined ? [] : [pick(s) as number])));
  const isText = (s: Sample) => !s.create;
  const isCreate = (s: Sample) => s.create;
  const bare = summarise(sql.samples.map((s) => s.ms));
  const sent = http.samples.length + http.errors;
  const queries = (filter: (s: Sample) => boolean) => {
    const q = server((s) => s.queries, filter);
    return Number.isFinite(q.p50) ? `${q.p50}` : "–";
  };
  console.log(`\n${n} writers × 1 batch/s of ${OPS_PER_BATCH} ops for ${http.seconds.toFixed(1)} s (${pct(CREATE_SHARE)} of batches add a block)`);
  console.log(`  POST /api/ops round trip, all batches (${all.n})     p50 ${ms(all.p50)}   p95 ${ms(all.p95)}   p99 ${ms(all.p99)}   max ${ms(all.max)}`);
  console.log(`    text-only batches (${text.n})                  p50 ${ms(text.p50)}   p95 ${ms(text.p95)}   p99 ${ms(text.p99)}`);
  console.log(`    batches adding a block (${create.n})            p50 ${ms(create.p50)}   p95 ${ms(create.p95)}   p99 ${ms(create.p99)}`);
  const st = server((s) => s.serverTotal, isText);
  const sd = server((s) => s.serverDb, isText);
  const ct = server((s) => s.serverTotal, isCreate);
  const cd = server((s) => s.serverDb, isCreate);
  console.log(`  Server-Timing, text-only: handler p50 ${ms(st.p50)} p95 ${ms(st.p95)}; in the database p50 ${ms(sd.p50)} p95 ${ms(sd.p95)}; ${queries(isText)} statements (BEGIN and COMMIT included)`);
  console.log(`  Server-Timing, adding:    handler p50 ${ms(ct.p50)} p95 ${ms(ct.p95)}; in the database p50 ${ms(cd.p50)} p95 ${ms(cd.p95)}; ${queries(isCreate)} statements (BEGIN and COMMIT included)`);
  console.log(
    `  outside the handler (round trip − handler), text-only: p50 ${ms(text.p50 - st.p50)}   p95 ${ms(text.p95 - st.p95)}   (routing, session check before timing starts, HTTP, queueing)`,
  );
  console.log(`  batches/s ${(http.samples.length / http.seconds).toFixed(1)} answered of ${n} wanted (${(sent / http.seconds).toFixed(1)} sent); late ticks ${http.late}`);
  console.log(
    `  group commit: ${grouping.rows} op-log rows written by ${grouping.transactions} transactions (${(grouping.rows / Math.max(1, grouping.transactions)).toFixed(2)} batches per transaction)`,
  );
  console.log(`  answers sent compressed so far (gzip asked for, as browsers do): ${compressedAnswers}`);
  console.log(`  errors ${http.errors}${http.messages.length > 0 ? `: ${http.messages.map((m) => `\n    ${m}`).join("")}` : ""}`);
  const st50 = quantile([...statements].sort((a, b) => a - b), 0.5);
  console.log(
    `  bare SQL, the text-only statement (pg, pool ${POOL}, ${n} writers, ${sql.seconds.toFixed(0)} s, ${st50} statements): p50 ${ms(bare.p50)}   p95 ${ms(bare.p95)}   p99 ${ms(bare.p99)}   errors ${sql.errors}${sql.messages[0] ? ` (${sql.messages[0]})` : ""}`,
  );
  console.log(`    ${(sql.samples.length / sql.seconds).toFixed(1)} transactions/s; PostgreSQL CPU per transaction ${((sqlCpu.database * 1000) / Math.max(1, sql.samples.length)).toFixed(1)} ms; machine ${pct(sqlCpu.machineBusy)} busy`);
  console.log(`  ratio HTTP text-only / bare SQL: p50 ${(text.p50 / bare.p50).toFixed(1)}x   p95 ${(text.p95 / bare.p95).toFixed(1)}x`);
  console.log(`  ${cpuLines(httpCpu, http.samples.length + http.errors)}`);
  return { p95: all.p95, errors: http.errors };
}

// ---------------------------------------------------------------- main

let cleanup: () => Promise<void> = async () => undefined;

async function main(): Promise<void> {
  await ensurePostgres();
  buildIfNeeded("bench:save", build);
  const { openDatabase } = await import("../lib/db/client");
  const { signUp } = await import("../lib/server/accounts");
  const { textBatchStatement } = await import("../lib/server/text-ops");

  const database = await createDatabase("loam_bench_save");
  const dataDir = mkdtempSync(join(tmpdir(), "loam-bench-save-"));
  // Filled in as they start; cleanup stops whatever exists by then.
  const running: { server?: ChildProcess; app?: Awaited<ReturnType<typeof openDatabase>> } = {};
  const sqlPool = new pg.Pool({ connectionString: database.url, max: POOL });
  const adminPool = new pg.Pool({ connectionString: database.url, max: 1 });
  // Memoised: Ctrl+C and the end of main both wait for the same cleanup before exiting.
  let cleaning: Promise<void> | undefined;
  cleanup = () =>
    (cleaning ??= (async () => {
      stopServer(running.server);
      keepAlive.destroy();
      await Promise.allSettled([sqlPool.end(), adminPool.end(), running.app?.close()]);
      await sleep(500);
      await dropDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    })());

  const port = await freePort(firstPort);
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  // Migrated here first, so the server's own migration at start finds nothing to do.
  const app = (running.app = await openDatabase({ kind: "postgres", url: database.url }));
  const server = (running.server = startBenchServer(port, database.url, dataDir));
  const cores = Number(execFileSync("nproc").toString().trim()) || 1;
  console.log(`bench:save: ${database.name}, app server at ${baseUrl} (pid ${server.pid}), ${cores} cores, day ${day}`);

  const userCount = Math.max(...WRITERS);
  const prisma = app.prisma;
  // The first account through signUp; the others as signUp makes them (user, graph, owner
  // membership) with its password hash, rather than hashing the same password 200 times.
  const emailOf = (i: number) => `writer-${i}@bench.test`;
  const first = await signUp(prisma, { email: emailOf(0), password: PASSWORD });
  const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { id: first.userId }, select: { passwordHash: true } });
  const users = [{ index: 0, email: emailOf(0), userId: first.userId, graphId: first.graphId }];
  users.push(
    ...(await inParallel(Array.from({ length: userCount - 1 }, (_, i) => i + 1), 8, async (i) => {
      const email = emailOf(i);
      const { userId, graphId } = await prisma.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email, passwordHash } });
        const graph = await tx.graph.create({ data: { name: `writer-${i}'s graph`, members: { create: { userId: user.id, role: "owner" } } } });
        return { userId: user.id, graphId: graph.id };
      });
      return { index: i, email, userId, graphId };
    })),
  );
  await waitForServer(server, baseUrl);
  console.log(`  ${userCount} accounts made and the server up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const signInStart = performance.now();
  const writers: Writer[] = await inParallel(users, 4, async (user) => ({
    ...user,
    cookie: await signIn(baseUrl, user.email, PASSWORD, `/api/daily/${day}`),
    blocks: [],
    lastOrder: null,
    serial: 0,
  }));
  console.log(`  ${writers.length} signed in over HTTP (GET /api/daily/${day} answers 200 to each) in ${((performance.now() - signInStart) / 1000).toFixed(1)} s`);

  await inParallel(writers, 8, async (writer) => {
    const response = await fetch(`${baseUrl}/api/ops`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: writer.cookie },
      body: JSON.stringify({ ops: seedBatch(writer) }),
    });
    if (!response.ok) throw new Error(`Seeding ${writer.email}: HTTP ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  });
  console.log(`  each has a daily page of ${BLOCKS_PER_PAGE} blocks; setup took ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Unloaded: one writer, text-only batches back to back: the floor, and CPU per batch without contention from other writers.
  {
    const writer = writers[0] as Writer;
    const snapshot = () => snapshotCpu(server.pid ?? 0, adminPool, database.name);
    const serial = async (send: (writer: Writer, batch: ReturnType<typeof nextBatch>) => Promise<Sample>) => {
      for (let i = 0; i < 10; i++) await send(writer, nextBatch(writer, false)); // warm-up
      const before = await snapshot();
      const samples: Sample[] = [];
      for (let i = 0; i < SERIAL_BATCHES; i++) samples.push(await send(writer, nextBatch(writer, false)));
      return { samples, cpu: cpuUse(before, await snapshot(), cores) };
    };
    // The floor of any API answer: routing, route(), next-auth finding no session cookie, a 401.
    const bare401 = await serial(async () => {
      const start = performance.now();
      const response = await post(baseUrl, "/api/ops", "{}", "");
      if (response.status !== 401) throw new Error(`POST /api/ops without a session answered ${response.status}`);
      return { ms: performance.now() - start, create: false };
    });
    const http = await serial(httpSender(baseUrl));
    const statements: number[] = [];
    const sql = await serial(sqlSender(sqlPool, statements, textBatchStatement));
    const round = summarise(http.samples.map((s) => s.ms));
    const handler = summarise(http.samples.flatMap((s) => (s.serverTotal === undefined ? [] : [s.serverTotal])));
    const inDb = summarise(http.samples.flatMap((s) => (s.serverDb === undefined ? [] : [s.serverDb])));
    const bare = summarise(sql.samples.map((s) => s.ms));
    const per = (seconds: number) => `${((seconds * 1000) / SERIAL_BATCHES).toFixed(1)} ms`;
    console.log(`\n1 writer, ${SERIAL_BATCHES} text-only batches of ${OPS_PER_BATCH} ops back to back (no other writers)`);
    console.log(`  POST /api/ops round trip p50 ${ms(round.p50)}   p95 ${ms(round.p95)}; handler p50 ${ms(handler.p50)}, in the database p50 ${ms(inDb.p50)}`);
    console.log(`  bare SQL statement       p50 ${ms(bare.p50)}   p95 ${ms(bare.p95)}`);
    const floor = summarise(bare401.samples.map((s) => s.ms));
    console.log(`  POST /api/ops without a session (401, no database): p50 ${ms(floor.p50)}, app server CPU ${per(bare401.cpu.app)} per request`);
    console.log(
      `  CPU per batch: app server ${per(http.cpu.app)}, PostgreSQL ${per(http.cpu.database)} (bare SQL: PostgreSQL ${per(sql.cpu.database)}); machine ${pct(http.cpu.machineBusy)} busy meanwhile`,
    );
  }

  const outcomes = new Map<number, { p95: number; errors: number }>();
  for (const n of WRITERS) {
    const group = writers.slice(0, n);
    const snapshot = () => snapshotCpu(server.pid ?? 0, adminPool, database.name);
    const since = (await adminPool.query<{ now: string }>(`SELECT now()::text AS now`)).rows[0]?.now ?? "now";
    const before = await snapshot();
    const http = await runWriters(group, SECONDS, CREATE_SHARE, httpSender(baseUrl));
    const httpCpu = cpuUse(before, await snapshot(), cores);
    const grouping = await logGrouping(adminPool, since);
    // Bare SQL mirrors the text-only path only: its writers never add a block.
    const statements: number[] = [];
    const sqlBefore = await snapshot();
    const sql = await runWriters(group, SQL_SECONDS, 0, sqlSender(sqlPool, statements, textBatchStatement));
    const sqlCpu = cpuUse(sqlBefore, await snapshot(), cores);
    outcomes.set(n, report(n, http, sql, statements, httpCpu, sqlCpu, grouping));
  }

  const errorLines = serverLog.filter((line) => /error/i.test(line));
  if (errorLines.length > 0) console.log(`\n  the server logged ${errorLines.length} error lines, first: ${errorLines[0]}`);
  const target = outcomes.get(TARGET.writers);
  const verdict = target
    ? target.p95 < TARGET.p95Ms && target.errors === 0
      ? `met (p95 ${target.p95.toFixed(1)} ms, ${target.errors} errors)`
      : `NOT met (p95 ${target.p95.toFixed(1)} ms, ${target.errors} errors)`
    : `not run (BENCH_WRITERS has no ${TARGET.writers})`;
  console.log(`\ntarget: ${TARGET.writers} writers, p95 < ${TARGET.p95Ms} ms, 0 errors — ${verdict}`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

runBench("bench:save", main, () => cleanup()); // cleanup is set once the server starts
