// `npm run bench:refs`: linked references of a page with 10,000 of them. Builds Loam when its
// sources changed (`--no-build` skips that), makes a throwaway PostgreSQL database with one
// account whose graph has 2,000 daily pages; on each, 5 blocks link or tag page "Hub" (each
// with a child), and filler blocks around them (about 110,000 blocks in all; some mention
// "hub" in plain text). Starts one `next start` on it (BENCH_PORT, 3340, or the next free
// port), signs in over HTTP and times GET /api/pages/<Hub>/references — the first screen of
// groups — as a browser asks for it, one request at a time: round trip, and the handler's own
// Server-Timing (total and database). Beside it, the bare SQL of the same first-screen query
// (the days of the first groups, from the Ref index) and of all the screen's statements over pg.
// Then the next screen, a filtered screen, the filter choices and the unlinked references.
// Prints figures and the target; asserts nothing. Drops the database at the end (Ctrl+C too).
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateNKeysBetween } from "fractional-indexing";
import { nanoid } from "nanoid";
import pg from "pg";
import { addDays, dailyTitle, isoDayOf } from "../lib/markup/daily";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { buildIfNeeded, freePort, runBench, signIn, sleep, startServer, stopServer, waitForServer } from "./lib/bench-server";
import { ensurePostgres } from "./lib/services";
import { ms, parseServerTiming, summarise, type ServerTiming } from "./lib/stats";

const args = process.argv.slice(2);
const build = !args.includes("--no-build");
const firstPort = Number(process.env.BENCH_PORT ?? 3340);
const DAYS = 2_000;
const REFS_PER_DAY = 5;
const FILLER_PER_DAY = 40;
const TOPICS = 10;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const WARMUP = 30;
const PASSWORD = "bench password 1234";
const TARGET_P95_MS = 30;
const today = isoDayOf(new Date());

type Row = { id: string; uid: string; pageId: string; parentId: string | null; order: string; content: string };

/** The graph, written in bulk: pages, blocks and the Ref rows lib/server/refs.ts would derive. */
async function buildGraph(pool: pg.Pool, graphId: string): Promise<{ hubId: string; topicIds: string[]; blocks: number; refs: number }> {
  const hubId = nanoid();
  const topicIds = Array.from({ length: TOPICS }, () => nanoid());
  const pages: { id: string; title: string; day: string | null }[] = [
    { id: hubId, title: "Hub", day: null },
    ...topicIds.map((id, k) => ({ id, title: `topic-${k}`, day: null })),
  ];
  const blocks: Row[] = [];
  const refs: { blockId: string; pageId: string; kind: string; day: string }[] = [];
  for (let d = 0; d < DAYS; d += 1) {
    const day = addDays(today, -d);
    const pageId = nanoid();
    pages.push({ id: pageId, title: dailyTitle(day), day });
    const orders = generateNKeysBetween(null, null, REFS_PER_DAY + FILLER_PER_DAY);
    for (let k = 0; k < REFS_PER_DAY + FILLER_PER_DAY; k += 1) {
      const id = nanoid();
      const order = orders[k] ?? "a0";
      if (k % 9 === 0 && k / 9 < REFS_PER_DAY) {
        const topic = (d + k) % TOPICS;
        const kind = k % 2 === 0 ? "link" : "tag";
        const content = kind === "link" ? `Met [[Hub]] about #topic-${topic}` : `notes on the call #Hub #topic-${topic}`;
        blocks.push({ id, uid: nanoid(9), pageId, parentId: null, order, content });
        blocks.push({ id: nanoid(), uid: nanoid(9), pageId, parentId: id, order: "a0", content: `detail ${d}.${k}` });
        refs.push({ blockId: id, pageId: hubId, kind, day }, { blockId: id, pageId: topicIds[topic] ?? hubId, kind: "tag", day });
      } else {
        const content = k % 13 === 0 ? `the hub of the week, day ${d}` : `filler text ${d}.${k} about the draft and the next steps`;
        blocks.push({ id, uid: nanoid(9), pageId, parentId: null, order, content });
      }
    }
  }
  await pool.query(
    `INSERT INTO "Page" (id, "graphId", title, "dailyDate", "createdAt", "updatedAt")
     SELECT i, $1, t, d, now(), now() FROM unnest($2::text[], $3::text[], $4::date[]) AS x(i, t, d)`,
    [graphId, pages.map((p) => p.id), pages.map((p) => p.title), pages.map((p) => p.day)],
  );
  for (let at = 0; at < blocks.length; at += 20_000) {
    const chunk = blocks.slice(at, at + 20_000);
    await pool.query(
      `INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, props, "createdAt", "updatedAt")
       SELECT i, $1, u, p, pa, o, c, '{}', now(), now() FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(i, u, p, pa, o, c)`,
      [graphId, chunk.map((b) => b.id), chunk.map((b) => b.uid), chunk.map((b) => b.pageId), chunk.map((b) => b.parentId), chunk.map((b) => b.order), chunk.map((b) => b.content)],
    );
  }
  await pool.query(
    `INSERT INTO "Ref" ("blockId", "pageId", kind, "graphId", "sourceDate")
     SELECT b, p, k::"RefKind", $1, d FROM unnest($2::text[], $3::text[], $4::text[], $5::date[]) AS x(b, p, k, d)`,
    [graphId, refs.map((r) => r.blockId), refs.map((r) => r.pageId), refs.map((r) => r.kind), refs.map((r) => r.day)],
  );
  await pool.query(`VACUUM ANALYZE "Page", "Block", "Ref"`);
  return { hubId, topicIds, blocks: blocks.length, refs: refs.filter((r) => r.pageId === hubId).length };
}

type Sample = ServerTiming & { ms: number; bytes: number };

async function timeGet(baseUrl: string, path: string, cookie: string): Promise<Sample & { body: unknown }> {
  const start = performance.now();
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  const text = await response.text();
  const elapsed = performance.now() - start;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  return { ms: elapsed, bytes: text.length, body: JSON.parse(text) as unknown, ...parseServerTiming(response.headers.get("server-timing")) };
}

async function sampleGet(baseUrl: string, path: string, cookie: string, n: number): Promise<Sample[]> {
  for (let i = 0; i < Math.min(WARMUP, n); i += 1) await timeGet(baseUrl, path, cookie);
  const samples: Sample[] = [];
  for (let i = 0; i < n; i += 1) samples.push(await timeGet(baseUrl, path, cookie));
  return samples;
}

function line(label: string, samples: readonly Sample[]): { p95: number } {
  const round = summarise(samples.map((s) => s.ms));
  const total = summarise(samples.flatMap((s) => (s.serverTotal === undefined ? [] : [s.serverTotal])));
  const inDb = summarise(samples.flatMap((s) => (s.serverDb === undefined ? [] : [s.serverDb])));
  const kb = (samples[0]?.bytes ?? 0) / 1024;
  console.log(`  ${label}`);
  console.log(`    handler (Server-Timing total) p50 ${ms(total.p50)}   p95 ${ms(total.p95)};  in the database p50 ${ms(inDb.p50)}   p95 ${ms(inDb.p95)};  ${samples[0]?.queries ?? "?"} queries`);
  console.log(`    round trip                    p50 ${ms(round.p50)}   p95 ${ms(round.p95)};  ${kb.toFixed(0)} KB`);
  return { p95: total.p95 };
}

async function timeSql(pool: pg.Pool, statements: { text: string; values: unknown[] }[], n: number): Promise<number[]> {
  const client = await pool.connect();
  try {
    const run = async () => {
      const start = performance.now();
      for (const statement of statements) await client.query(statement);
      return performance.now() - start;
    };
    for (let i = 0; i < WARMUP; i += 1) await run();
    const samples: number[] = [];
    for (let i = 0; i < n; i += 1) samples.push(await run());
    return samples;
  } finally {
    client.release();
  }
}

let cleanup: () => Promise<void> = async () => undefined;

async function main(): Promise<void> {
  await ensurePostgres();
  buildIfNeeded("bench:refs", build);
  const { openDatabase } = await import("../lib/db/client");
  const { signUp } = await import("../lib/server/accounts");
  const database = await createDatabase("loam_bench_refs");
  const dataDir = mkdtempSync(join(tmpdir(), "loam-bench-refs-"));
  const running: { server?: ChildProcess; app?: Awaited<ReturnType<typeof openDatabase>> } = {};
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  let cleaning: Promise<void> | undefined;
  cleanup = () =>
    (cleaning ??= (async () => {
      stopServer(running.server);
      await Promise.allSettled([pool.end(), running.app?.close()]);
      await sleep(500);
      await dropDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    })());

  const started = performance.now();
  const app = (running.app = await openDatabase({ kind: "postgres", url: database.url }));
  const email = "reader@bench.test";
  const { graphId } = await signUp(app.prisma, { email, password: PASSWORD });
  const graph = await buildGraph(pool, graphId);
  console.log(
    `bench:refs: ${database.name}: ${DAYS} daily pages, ${graph.blocks.toLocaleString("en")} blocks, ${graph.refs.toLocaleString("en")} blocks referencing "Hub" (built in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  const port = await freePort(firstPort);
  const baseUrl = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const server = (running.server = startServer(port, database.url, dataDir, (text) => log.push(text)));
  await waitForServer(server, baseUrl);
  const cookie = await signIn(baseUrl, email, PASSWORD, `/api/daily/${today}`);
  const path = `/api/pages/${graph.hubId}/references`;

  const first = await timeGet(baseUrl, path, cookie);
  const { total } = (await timeGet(baseUrl, `${path}/count`, cookie)).body as { total: number };
  const body = first.body as { groups: { page: { title: string }; refs: string[]; blocks: unknown[] }[]; next: string | null };
  const shownRefs = body.groups.reduce((sum, group) => sum + group.refs.length, 0);
  const shownBlocks = body.groups.reduce((sum, group) => sum + group.blocks.length, 0);
  console.log(
    `\nGET ${path}: "${total} linked references", first screen ${body.groups.length} groups (${body.groups[0]?.page.title} … ${body.groups.at(-1)?.page.title}), ${shownRefs} references, ${shownBlocks} blocks of their pages`,
  );
  console.log(`\n${SAMPLES} requests one after another (after ${WARMUP} to warm up):`);
  const firstScreen = line("first screen of linked references", await sampleGet(baseUrl, path, cookie, SAMPLES));

  // The same first screen in bare SQL: its key query alone, then every statement it runs.
  const daysQuery = {
    text: `SELECT DISTINCT r."sourceDate" AS day FROM "Ref" r WHERE r."pageId" = $1 AND r."sourceDate" IS NOT NULL ORDER BY day DESC LIMIT 11`,
    values: [graph.hubId],
  };
  const days = (await pool.query<{ day: Date }>(daysQuery)).rows.slice(0, 10).map((row) => row.day);
  const uidsQuery = {
    text: `SELECT b.uid, b."pageId" FROM "Ref" r JOIN "Block" b ON b.id = r."blockId" WHERE r."pageId" = $1 AND r."sourceDate" = ANY($2::date[]) AND b."pageId" <> $1`,
    values: [graph.hubId, days],
  };
  const pageIds = [...new Set((await pool.query<{ pageId: string }>(uidsQuery)).rows.map((row) => row.pageId))];
  const screen = [
    { text: `SELECT role FROM "GraphMember" WHERE "graphId" = $1 LIMIT 1`, values: [graphId] },
    { text: `SELECT id, "graphId", title, "dailyDate" FROM "Page" WHERE id = $1`, values: [graph.hubId] },
    daysQuery,
    uidsQuery,
    { text: `SELECT id, title, "dailyDate" FROM "Page" WHERE id = ANY($1::text[]) ORDER BY "dailyDate" DESC NULLS LAST, title, id`, values: [pageIds] },
    { text: `SELECT id, uid, "parentId", "order", content, props, "pageId" FROM "Block" WHERE "pageId" = ANY($1::text[])`, values: [pageIds] },
  ];
  // Inside PostgreSQL (EXPLAIN ANALYZE's execution time): what each statement costs without the
  // round trips, which on a busy machine wait for a core each.
  console.log(`  each statement of the first screen inside PostgreSQL (EXPLAIN ANALYZE execution time, median of 20):`);
  for (const statement of screen) {
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const { rows } = await pool.query<{ "QUERY PLAN": [{ "Execution Time": number }] }>({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${statement.text}`, values: statement.values });
      times.push(rows[0]?.["QUERY PLAN"][0]["Execution Time"] ?? NaN);
    }
    console.log(`    ${ms(summarise(times).p50)}  ${statement.text.replace(/\s+/g, " ").slice(0, 110)}`);
  }
  const bareKey = summarise(await timeSql(pool, [daysQuery], SAMPLES));
  const bareScreen = summarise(await timeSql(pool, screen, SAMPLES));
  console.log(`  bare SQL (pg), the first groups from the Ref index      p50 ${ms(bareKey.p50)}   p95 ${ms(bareKey.p95)}`);
  console.log(`  bare SQL (pg), all ${screen.length} statements of the first screen   p50 ${ms(bareScreen.p50)}   p95 ${ms(bareScreen.p95)}`);

  const nextPath = `${path}?cursor=${encodeURIComponent(body.next ?? "")}`;
  line(`the count ("${total} Linked References"), asked for beside the first screen`, await sampleGet(baseUrl, `${path}/count`, cookie, Math.ceil(SAMPLES / 3)));
  line("the next screen (cursor)", await sampleGet(baseUrl, nextPath, cookie, Math.ceil(SAMPLES / 3)));
  line(`filtered: include topic-3, exclude topic-4`, await sampleGet(baseUrl, `${path}?include=${graph.topicIds[3]}&exclude=${graph.topicIds[4]}`, cookie, Math.ceil(SAMPLES / 3)));
  line("filter choices (pages the references also link, counted over all 10,000)", await sampleGet(baseUrl, `${path}/filters`, cookie, Math.ceil(SAMPLES / 10)));
  const unlinked = await timeGet(baseUrl, `/api/pages/${graph.hubId}/unlinked`, cookie);
  const unlinkedBody = unlinked.body as { count: number; truncated: boolean; groups: unknown[] };
  line(
    `unlinked references ("hub" in plain text: ${unlinkedBody.count} listed on ${unlinkedBody.groups.length} pages${unlinkedBody.truncated ? ", capped" : ""})`,
    await sampleGet(baseUrl, `/api/pages/${graph.hubId}/unlinked`, cookie, Math.ceil(SAMPLES / 10)),
  );

  const errors = log.filter((text) => /error/i.test(text));
  if (errors.length > 0) console.log(`\n  the server logged ${errors.length} error lines, first: ${errors[0]}`);
  const verdict = firstScreen.p95 < TARGET_P95_MS ? "met" : "NOT met";
  console.log(`\ntarget: first screen of linked references, handler p95 < ${TARGET_P95_MS} ms — ${verdict} (p95 ${firstScreen.p95.toFixed(1)} ms)`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

runBench("bench:refs", main, () => cleanup()); // cleanup is set once the server starts
