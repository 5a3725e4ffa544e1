// `npm run bench:typing`: keystroke-to-next-frame latency in a real Chromium. Opens today's page
// holding 5,000 blocks, types 200 characters into a block in the middle, and measures, for each
// key, the time from the keydown event to the next animation frame; then the same on a bare
// <textarea> in a page of the same size, in the same run. Prints median and p95 and the ratio.
// Uses the last build (`npm run build` first if there is none) and a throwaway PostgreSQL
// database on TEST_DATABASE_URL's server.
import { chromium, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { generateNKeysBetween } from "fractional-indexing";
import { nanoid } from "nanoid";
import { createDatabase, dropDatabase } from "../test/pg-admin";
import { CHROMIUM, ensureChromium, ensurePostgres } from "./lib/services";

const BLOCKS = 5_000;
const CHARS = 200;
const port = process.env.BENCH_PORT ?? "3190";
const base = `http://127.0.0.1:${port}`;

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Records keydown → next animation frame for every key typed into the focused element. */
async function installProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { latencies: number[] }).latencies = samples;
    document.addEventListener(
      "keydown",
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => samples.push(performance.now() - start));
      },
      true,
    );
  });
}

async function typeAndMeasure(page: Page): Promise<number[]> {
  const text = "the quick brown fox jumps over the lazy dog ".repeat(5).slice(0, CHARS);
  for (const char of text) await page.keyboard.type(char);
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { latencies: number[] }).latencies);
}

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? NaN, p95: sorted[Math.floor(sorted.length * 0.95)] ?? NaN };
}

async function seedPage(page: Page): Promise<void> {
  const keys = generateNKeysBetween(null, null, BLOCKS);
  const day = isoToday();
  for (let i = 0; i < BLOCKS; i += 500) {
    const ops = keys.slice(i, i + 500).map((order, j) => ({
      id: nanoid(),
      page: { daily: day },
      op: { type: "create", uid: `bench${String(i + j).padStart(4, "0")}`, parent: null, order, content: `Block ${i + j} about [[Vincent Chan]] and #reading with **bold** text` },
    }));
    const response = await page.request.post(`${base}/api/ops`, { data: { ops } });
    if (!response.ok()) throw new Error(`Seeding failed: ${response.status()} ${await response.text()}`);
  }
}

async function main(): Promise<void> {
  ensureChromium();
  await ensurePostgres();
  if (!existsSync(".next/BUILD_ID")) throw new Error("No build: run `npm run build` first.");
  const database = await createDatabase("loam_bench_typing");
  const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("hex"), NEXT_TELEMETRY_DISABLED: "1" },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  try {
    for (let i = 0; i < 200; i++) {
      if (await fetch(`${base}/signin`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${base}/signup`);
    await page.getByLabel("E-mail").fill(`bench-${nanoid(6)}@example.test`);
    await page.getByLabel("Password").fill("benchmark password 1");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${base}/`);
    await seedPage(page);
    const loadStart = Date.now();
    await page.reload();
    const middle = page.locator(`[data-uid="bench${String(BLOCKS / 2).padStart(4, "0")}"] .block-text`);
    await middle.waitFor();
    const loadMs = Date.now() - loadStart;
    await middle.scrollIntoViewIfNeeded();
    await middle.click({ position: { x: 2, y: 6 } });
    await page.getByRole("textbox").waitFor();
    await page.keyboard.press("End");
    await installProbe(page);
    const loam = stats(await typeAndMeasure(page));

    const bare = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const rows = Array.from({ length: BLOCKS }, (_, i) => `<div>Block ${i} about Vincent Chan and reading with bold text</div>`);
    rows.splice(BLOCKS / 2, 0, "<textarea id=t rows=3 cols=80></textarea>");
    await bare.setContent(`<!doctype html><body>${rows.join("")}</body>`);
    await bare.locator("#t").scrollIntoViewIfNeeded();
    await bare.locator("#t").click();
    await installProbe(bare);
    const textarea = stats(await typeAndMeasure(bare));

    const row = (label: string, s: { median: number; p95: number }) =>
      `  ${label.padEnd(34)} median ${s.median.toFixed(1).padStart(6)} ms   p95 ${s.p95.toFixed(1).padStart(6)} ms`;
    console.log(`\nKeystroke → next frame, ${CHARS} characters, page of ${BLOCKS.toLocaleString("en")} blocks (Chromium ${browser.version()})`);
    console.log(`  page load to the middle block shown: ${loadMs} ms`);
    console.log(row("Loam (Tiptap block editor)", loam));
    console.log(row("bare <textarea>", textarea));
    console.log(`  ratio p95 Loam / textarea: ${(loam.p95 / textarea.p95).toFixed(2)}x   (target: p95 < 16 ms, ≤ 1.5x)`);
  } finally {
    await browser.close();
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await dropDatabase(database.name);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
