// `npm run bench:formats`: reading generated markdown graphs from zips on disk (Roam markdown
// and Logseq) of 50,000 and 500,000 blocks, page by page as the importer does (each page
// dropped once counted), printing the time, how far the heap grew above where it started and
// what stayed after a collection at the end: streaming keeps both flat whatever the archive's
// size. It prints figures; nothing asserts.
// Sizes: BENCH_BLOCKS (comma-separated, default "50000,500000").
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readGraphZip } from "../lib/formats/graph-zip";
import type { GraphBlock } from "../lib/formats/graph";
import { ZipWriter } from "../test/zip-writer";

const BLOCKS_PER_PAGE = 100;

/** A page of `BLOCKS_PER_PAGE` blocks, three levels deep, with links, tasks and a multi-line block. */
function pageText(page: number, logseq: boolean): string {
  const indent = logseq ? "\t" : "    ";
  const lines: string[] = [];
  for (let i = 0; i < BLOCKS_PER_PAGE; i++) {
    const depth = i % 3;
    const task = i % 10 === 0 ? (logseq ? "TODO " : "{{[[TODO]]}} ") : "";
    lines.push(`${indent.repeat(depth)}- ${task}Block ${i} of page ${page} links [[Page ${(page * 7 + i) % 1000}]] and #tag${i % 50}`);
    if (i % 25 === 0) lines.push(`${indent.repeat(depth)}  a second line with some more words in it`);
    if (logseq && i % 20 === 0) lines.push(`${indent.repeat(depth)}  id:: 00000000-0000-4000-8000-${String(page * 1000 + i).padStart(12, "0")}`);
  }
  return `${lines.join("\n")}\n`;
}

function writeGraph(path: string, blocks: number, logseq: boolean): void {
  const writer = new ZipWriter(path);
  if (logseq) writer.add({ name: "logseq/config.edn", data: "{:file/name-format :triple-lowbar}" });
  for (let page = 0; page < blocks / BLOCKS_PER_PAGE; page++) {
    writer.add({ name: logseq ? `pages/Page ${page}.md` : `Page ${page}.md`, data: pageText(page, logseq) });
  }
  writer.close();
}

function countBlocks(blocks: readonly GraphBlock[]): number {
  let count = 0;
  for (const block of blocks) count += 1 + countBlocks(block.children);
  return count;
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

async function measure(path: string, label: string): Promise<void> {
  gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const began = performance.now();
  const source = await readGraphZip(path);
  let pages = 0;
  let blocks = 0;
  for await (const page of source.pages) {
    pages += 1;
    blocks += countBlocks(page.children);
    if (pages % 50 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const seconds = (performance.now() - began) / 1000;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  // What the reading still holds at the end (its report, the entry list), garbage collected.
  gc?.();
  const retained = process.memoryUsage().heapUsed - start;
  console.log(
    `${label.padEnd(26)} zip ${mb(statSync(path).size).padStart(9)}  ${String(pages).padStart(5)} pages ${String(blocks).padStart(7)} blocks  ` +
      `${seconds.toFixed(2)} s (${Math.round(blocks / seconds).toLocaleString("en")} blocks/s)  heap peak +${mb(peak - start)} over ${mb(start)}, retained +${mb(retained)}`,
  );
}

async function main(): Promise<void> {
  if (!gc) console.log("(run with node --expose-gc for a steadier heap baseline: npm run bench:formats does)");
  const sizes = (process.env.BENCH_BLOCKS ?? "50000,500000").split(",").map(Number);
  const dir = mkdtempSync(join(tmpdir(), "loam-bench-formats-"));
  try {
    for (const blocks of sizes) {
      for (const logseq of [false, true]) {
        const path = join(dir, `${logseq ? "logseq" : "roam"}-${blocks}.zip`);
        writeGraph(path, blocks, logseq);
        await measure(path, `${logseq ? "Logseq" : "Roam markdown"} ${blocks.toLocaleString("en")}`);
        rmSync(path);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
