// `npm run bench:markup`: throughput of the markup parser and reference extractor, beside
// Logseq's own parser (mldoc's `parseInlineJson`) on the same blocks in the same run, and the
// time of adversarial blocks that would be quadratic in a backtracking parser. It prints
// figures; nothing asserts a time. Corpus: generated Roam blocks plus every block of the real
// graphs in ../shared when that folder is there.
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { extractRefs, parse } from "../lib/markup";
import { blocksOfFile, sharedExists, sharedFiles } from "../test/shared-corpus";

interface Mldoc {
  parseInlineJson(text: string, config: string): string;
}

// mldoc reports some inputs ("inline: not enough input") through the console.log it saw when
// it loaded, so give it one that can be muted while it is being timed.
let muted = false;
const log = console.log.bind(console);
console.log = (...args: unknown[]) => {
  if (!muted) log(...args);
};

function loadMldoc(): Mldoc | undefined {
  try {
    const require = createRequire(import.meta.url);
    const { Mldoc } = require("mldoc") as { Mldoc: Mldoc };
    return {
      parseInlineJson(text, config) {
        muted = true;
        try {
          return Mldoc.parseInlineJson(text, config);
        } finally {
          muted = false;
        }
      },
    };
  } catch (error) {
    console.log(`mldoc not available (${String(error)}); benchmarking Loam alone.`);
    return undefined;
  }
}

// Logseq's markdown configuration for mldoc (frontend/format/mldoc.cljs, default-config).
const MLDOC_CONFIG = JSON.stringify({
  toc: false,
  parse_outline_only: false,
  heading_number: false,
  keep_line_break: true,
  format: "Markdown",
  heading_to_list: false,
  exporting_keep_properties: false,
  export_md_indent_style: "dashes",
  export_md_remove_options: [],
});

/** A small seeded generator, so every run measures the same blocks. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her she there one all we their been has when who will more no if out so said what up its about into than them can only other new some could time these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three".split(" ");

const PIECES: ((pick: (items: readonly string[]) => string, chance: () => number) => string)[] = [
  (pick) => `[[${pick(WORDS)} ${pick(WORDS)}]]`,
  (pick) => `#${pick(WORDS)}`,
  (pick) => `#[[${pick(WORDS)} ${pick(WORDS)}]]`,
  (pick) => `**${pick(WORDS)} ${pick(WORDS)}**`,
  (pick) => `__${pick(WORDS)}__`,
  (pick) => `^^${pick(WORDS)}^^`,
  (pick) => `\`${pick(WORDS)}()\``,
  (pick) => `https://example.com/${pick(WORDS)}/${pick(WORDS)}?q=1`,
  (pick) => `[${pick(WORDS)}](https://example.org/${pick(WORDS)})`,
  (pick) => `[${pick(WORDS)}]([[${pick(WORDS)}]])`,
  () => `((Ab3_x-9Qz))`,
  (pick) => `[[[[${pick(WORDS)}]]'s notes]]`,
  () => `$$e^{i\\pi} + 1 = 0$$`,
];

function generatedBlocks(count: number): string[] {
  const next = random(42);
  const pick = (items: readonly string[]) => items[Math.floor(next() * items.length)] ?? "";
  const blocks: string[] = [];
  for (let b = 0; b < count; b++) {
    const parts: string[] = [];
    const roll = next();
    if (roll < 0.05) parts.push("{{[[TODO]]}}");
    else if (roll < 0.08) parts.push("{{[[DONE]]}}");
    else if (roll < 0.1) parts.push(`${pick(WORDS)}:: `);
    else if (roll < 0.11) parts.push("> ");
    const length = 4 + Math.floor(next() * 30);
    for (let w = 0; w < length; w++) {
      const piece = next() < 0.15 ? PIECES[Math.floor(next() * PIECES.length)] : undefined;
      parts.push(piece ? piece(pick, next) : pick(WORDS));
    }
    if (next() < 0.02) parts.push("\n```javascript\nconst x = [[1, 2], {a: 3}];\n```");
    if (next() < 0.03) parts.push("{{embed: ((Ab3_x-9Qz))}}");
    blocks.push(parts.join(" "));
  }
  return blocks;
}

function realBlocks(): string[] {
  if (!sharedExists()) return [];
  return sharedFiles().flatMap((file) => blocksOfFile(file));
}

function megabytes(blocks: readonly string[]): number {
  let bytes = 0;
  for (const block of blocks) bytes += Buffer.byteLength(block, "utf8");
  return bytes / 1e6;
}

/**
 * MB/s of `fn` over all blocks: the median of per-pass rates, passes repeated for at least
 * `seconds` (and at least `minPasses`), so a pause of the machine or the collector in one pass
 * does not decide the figure.
 */
function throughput(blocks: readonly string[], fn: (text: string) => unknown, seconds: number, minPasses: number): number {
  const size = megabytes(blocks);
  for (const block of blocks.slice(0, 3000)) fn(block); // warm-up
  const rates: number[] = [];
  const start = performance.now();
  while (rates.length < minPasses || performance.now() - start < seconds * 1000) {
    const passStart = performance.now();
    for (const block of blocks) fn(block);
    rates.push(size / ((performance.now() - passStart) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] ?? 0;
}

function median(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function row(label: string, values: string[]): void {
  console.log(`  ${label.padEnd(26)}${values.map((value) => value.padStart(16)).join("")}`);
}

const mldoc = loadMldoc();
const corpora: [string, string[]][] = [
  ["generated", generatedBlocks(20_000)],
  ["shared/ (real graphs)", realBlocks()],
];

console.log(
  `Markup throughput: MB/s of UTF-8 input, median of passes (Node ${process.version}, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(" ")})`,
);
row("corpus", ["blocks", "MB", "parse", "extractRefs", "mldoc", "parse/mldoc"]);
// Loam first on every corpus, then mldoc: mldoc leaves a large heap behind that would slow
// whatever ran after it.
const rates = corpora.map(([, blocks]) =>
  blocks.length === 0 ? undefined : { parse: throughput(blocks, parse, 3, 9), refs: throughput(blocks, extractRefs, 3, 9) },
);
corpora.forEach(([name, blocks], index) => {
  const rate = rates[index];
  if (rate === undefined) {
    row(name, ["absent"]);
    return;
  }
  const mldocRate = mldoc ? throughput(blocks, (text) => mldoc.parseInlineJson(text, MLDOC_CONFIG), 0, 3) : Number.NaN;
  row(name, [
    String(blocks.length),
    megabytes(blocks).toFixed(2),
    rate.parse.toFixed(1),
    rate.refs.toFixed(1),
    mldoc ? mldocRate.toFixed(2) : "n/a",
    mldoc ? `${(rate.parse / mldocRate).toFixed(0)}×` : "n/a",
  ]);
});

const N = 50_000;
const adversarial: [string, string][] = [
  ["50,000 [", "[".repeat(N)],
  ["100,000 [", "[".repeat(2 * N)],
  ["50,000 **", "**".repeat(N)],
  ["50,000 {{", "{{".repeat(N)],
  ["50,000 ((", "((".repeat(N)],
  ["[[ nested 25,000 deep", `${"[[".repeat(N / 2)}x${"]]".repeat(N / 2)}`],
  ["{{ nested 25,000 deep", `${"{{".repeat(N / 2)}x${"}}".repeat(N / 2)}`],
  ["100 KB of #", "#".repeat(2 * N)],
  ["100 KB of `", "`".repeat(2 * N)],
  ["100 KB of $", "$".repeat(2 * N)],
  ["25,000 [a](", "[a](".repeat(N / 2)],
  ["25,000 **a ", "**a ".repeat(N / 2)],
  ["12,500 __**^^~~", "__**^^~~".repeat(N / 4)],
  ["33,000 #[[", "#[[".repeat(33_000)],
  ["14,000 http://", "http://".repeat(14_000)],
  ["100 KB prose", "Plain words in a long block, nothing to parse here. ".repeat(2000).slice(0, 2 * N)],
];
console.log("\nAdversarial blocks (median of 21 runs)");
row("block", ["chars", "parse ms", "extractRefs ms"]);
for (const [label, text] of adversarial) {
  row(label, [String(text.length), median(() => parse(text), 21).toFixed(2), median(() => extractRefs(text), 21).toFixed(2)]);
}
