// `npm run bench:import`: importing Roam JSON through lib/server/imports.ts on a throwaway
// PostgreSQL database (TEST_DATABASE_URL's server), as the app server does after an upload.
// Two files: ../shared/fixtures/roam-lxyer/json/lxyer.json (1,538 pages, 6,566 blocks; target
// under 3 s) and a generated Roam JSON of 100,000 blocks (target under 20 s, peak memory under
// 512 MB). For each, three steps, each in a fresh child process so that its peak memory (VmHWM)
// is its own: the preview (a dry run), the apply (its own dry run for collisions, then the
// writes, in one transaction), and a second import of the same file (preview and apply; adds
// nothing). Prints time and peak memory; asserts nothing. Drops the database at the end.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { SHARED_DIR } from "../test/shared-corpus";
import { runBench } from "./lib/bench-server";
import { ensurePostgres } from "./lib/services";

const LXYER = join(SHARED_DIR, "fixtures/roam-lxyer/json/lxyer.json");
const GENERATED_BLOCKS = 100_000;

type StepResult = { ms: number; peakMb: number; baselineMb: number; pages: number; blocks: number; created: number; present: number };

/** The process's peak resident memory so far, in MB (Linux). */
function vmHwmMb(): number {
  const line = readFileSync("/proc/self/status", "utf8").split("\n").find((l) => l.startsWith("VmHWM:"));
  return Number(line?.replace(/\D+/g, "") ?? 0) / 1024;
}

// ---------- the child: one step, one process ----------

async function child(step: string, file: string, url: string, userId: string, graphId: string): Promise<void> {
  const { openDatabase } = await import("../lib/db/client");
  const { readRoamJson } = await import("../lib/formats/roam-json");
  const { applyImport, previewSource, recordImport } = await import("../lib/server/imports");
  const database = await openDatabase({ kind: "postgres", url }, { migrate: false });
  const db = database.prisma;
  if (process.env.BENCH_TRACE) {
    const times = new Map<string, { n: number; ms: number }>();
    const original = db.$sqlTransaction;
    const traced: typeof original = (fn) =>
      original(async (sql) =>
        fn({
          query: async <T extends object>(text: string, params?: unknown[]) => {
            const t = performance.now();
            try {
              return await sql.query<T>(text, params);
            } finally {
              const key = text.replace(/\s+/g, " ").slice(0, 90);
              const entry = times.get(key) ?? { n: 0, ms: 0 };
              entry.n++;
              entry.ms += performance.now() - t;
              times.set(key, entry);
            }
          },
        }),
      );
    Object.assign(db, { $sqlTransaction: traced });
    process.on("exit", () => {
      for (const [key, { n, ms }] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.error(`${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(5)}x ${key}`);
    });
  }
  const actor = { userId };
  const open = () => readRoamJson(createReadStream(file, { highWaterMark: 1 << 20 }), { fileName: file });
  const meta = { fileName: file, format: "roam-json" as const };
  const baselineMb = vmHwmMb();
  const started = performance.now();
  let counts;
  if (step === "preview") {
    counts = (await previewSource(db, actor, graphId, open, meta)).counts;
  } else {
    // apply, again: the preview the person saw is recorded first, then applied (timed together
    // for "again", apply alone otherwise).
    const previewStart = performance.now();
    const preview = await previewSource(db, actor, graphId, open, meta);
    const id = await recordImport(db, actor, graphId, { ...meta, size: 0, filePath: null, title: null, preview });
    const applyStart = step === "apply" ? performance.now() : previewStart;
    counts = (await applyImport(db, actor, graphId, id, open)).counts;
    const result: StepResult = {
      ms: performance.now() - applyStart,
      peakMb: vmHwmMb(),
      baselineMb,
      pages: counts.pages,
      blocks: counts.blocks,
      created: counts.blocksCreated,
      present: counts.blocksPresent,
    };
    console.log(JSON.stringify(result));
    await database.close();
    return;
  }
  const result: StepResult = {
    ms: performance.now() - started,
    peakMb: vmHwmMb(),
    baselineMb,
    pages: counts.pages,
    blocks: counts.blocks,
    created: counts.blocksCreated,
    present: counts.blocksPresent,
  };
  console.log(JSON.stringify(result));
  await database.close();
}

// ---------- the parent ----------

/** A Roam JSON export of `total` blocks: 2,000 pages (a third daily), trees 3 deep, links, tags, TODOs and block refs. */
async function generate(path: string, total: number): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once("drain", () => resolve())));
  const pages = 2_000;
  const perPage = Math.ceil(total / pages);
  let made = 0;
  await write("[");
  for (let p = 0; p < pages && made < total; p++) {
    const daily = p % 3 === 0;
    const date = new Date(Date.UTC(2020, 0, 1 + p));
    const month = date.toLocaleString("en-US", { month: "long", timeZone: "UTC" });
    const d = date.getUTCDate();
    const suffix = d % 10 === 1 && d !== 11 ? "st" : d % 10 === 2 && d !== 12 ? "nd" : d % 10 === 3 && d !== 13 ? "rd" : "th";
    const title = daily ? `${month} ${d}${suffix}, ${date.getUTCFullYear()}` : `Generated page ${p}`;
    const children: object[] = [];
    let parent: { children: object[] } | null = null;
    for (let b = 0; b < perPage && made < total; b++, made++) {
      const uid = `g${made.toString(36).padStart(8, "0")}`;
      const text =
        b % 7 === 0
          ? `{{[[TODO]]}} follow up on [[Generated page ${(p * 7 + b) % pages}]] #topic-${b % 20}`
          : b % 11 === 0
            ? `see ((g${Math.max(0, made - 5).toString(36).padStart(8, "0")})) and **bold** text`
            : `block ${made} of the generated graph, with some words to make it a realistic length`;
      const node = { string: text, uid, "create-time": 1_600_000_000_000 + made, "edit-time": 1_600_000_000_000 + made, children: [] as object[] };
      // Every fifth block starts a subtree; the next ones nest under it (up to 3 deep).
      if (b % 5 === 0 || parent === null) {
        children.push(node);
        parent = node;
      } else {
        parent.children.push(node);
        if (b % 5 === 2) parent = node;
      }
    }
    const page = { title, uid: daily ? `${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}-${date.getUTCFullYear()}` : `page${p}`, children, "create-time": 1_600_000_000_000, "edit-time": 1_600_000_000_000 };
    await write(`${p === 0 ? "" : ","}${JSON.stringify(page)}`);
  }
  await write("]");
  await new Promise<void>((resolve) => out.end(resolve));
}

function runStep(step: string, file: string, url: string, userId: string, graphId: string): StepResult {
  const self = fileURLToPath(import.meta.url);
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const result = spawnSync(process.execPath, [...profile, "--import", "tsx", self, "--child", step, file, url, userId, graphId], {
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  if (result.status !== 0) throw new Error(`bench:import ${step} failed:\n${result.stderr}`);
  if (process.env.BENCH_TRACE) console.log(result.stderr);
  const last = result.stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as StepResult;
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

let cleanup: () => Promise<void> = async () => undefined;

async function main(): Promise<void> {
  await ensurePostgres();
  const { openDatabase } = await import("../lib/db/client");
  const { signUp } = await import("../lib/server/accounts");
  const database = await createDatabase("loam_bench_import");
  const dir = mkdtempSync(join(tmpdir(), "loam-bench-import-"));
  cleanup = async () => {
    await dropDatabase(database.name);
    rmSync(dir, { recursive: true, force: true });
  };
  const app = await openDatabase({ kind: "postgres", url: database.url });
  const dropAfterClose = cleanup;
  cleanup = async () => {
    await app.close();
    await dropAfterClose();
  };
  const generated = join(dir, "generated-100k.json");
  await generate(generated, GENERATED_BLOCKS);

  const files = [
    { label: "lxyer.json (1,538 pages, 6,566 blocks)", path: LXYER, targetMs: 3_000, targetMb: null },
    { label: `generated Roam JSON (${GENERATED_BLOCKS.toLocaleString("en-US")} blocks)`, path: generated, targetMs: 20_000, targetMb: 512 },
  ];
  for (const file of files) {
    // Each file into a graph of its own, empty at first.
    const { userId, graphId } = await signUp(app.prisma, { email: `bench-${Date.now()}-${Math.random()}@bench.test`, password: "bench password 1234" });
    console.log(`bench:import: ${file.label}`);
    const preview = runStep("preview", file.path, database.url, userId, graphId);
    console.log(`  preview (dry run)         ${s(preview.ms)}   peak memory ${mb(preview.peakMb)} (${mb(preview.baselineMb)} before)   ${preview.pages} pages, ${preview.blocks} blocks`);
    const apply = runStep("apply", file.path, database.url, userId, graphId);
    console.log(`  apply                     ${s(apply.ms)}   peak memory ${mb(apply.peakMb)} (${mb(apply.baselineMb)} before)   ${apply.created} blocks written`);
    const again = runStep("again", file.path, database.url, userId, graphId);
    console.log(`  again (preview + apply)   ${s(again.ms)}   peak memory ${mb(again.peakMb)}   ${again.created} blocks written, ${again.present} already there`);
    const limits = [`target: apply under ${s(file.targetMs)}`];
    if (file.targetMb !== null) limits.push(`peak memory under ${mb(file.targetMb)}`);
    console.log(`  ${limits.join(", ")}`);
  }
}

const args = process.argv.slice(2);
if (args[0] === "--child") {
  const [, step, file, url, userId, graphId] = args as [string, string, string, string, string, string];
  child(step, file, url, userId, graphId).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  runBench("bench:import", main, () => cleanup());
}
