import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { filesUnder, logseqBlocks, occurrences, orgBlocks, zipOf, type SourceFile } from "../../test/fixture-zips";
import { SHARED_DIR } from "../../test/shared-corpus";
import { writeZip, type ZipEntryInput } from "../../test/zip-writer";
import { dailyTitle, dayOfDailyTitle } from "../markup/daily";
import { DEFAULT_ZIP_LIMITS, detectLayout, readGraphZip, type RoamJsonReader, type ZipLimits } from "./graph-zip";
import { GraphReadError, type GraphBlock, type GraphPage, type GraphReport, type GraphSource } from "./graph";

const FIXTURES = join(SHARED_DIR, "fixtures");

function tempZip(entries: readonly ZipEntryInput[]): string {
  return writeZip(join(mkdtempSync(join(tmpdir(), "loam-zip-")), "x.zip"), entries);
}

async function allPages(source: GraphSource): Promise<GraphPage[]> {
  const pages: GraphPage[] = [];
  for await (const page of source.pages) pages.push(page);
  return pages;
}

function* walk(blocks: readonly GraphBlock[]): Generator<GraphBlock> {
  for (const block of blocks) {
    yield block;
    yield* walk(block.children);
  }
}

const blocksOf = (pages: readonly GraphPage[]) => pages.flatMap((page) => [...walk(page.children)]);
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

async function readError(path: string, limits?: ZipLimits): Promise<GraphReadError> {
  const error: unknown = await readGraphZip(path, limits).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GraphReadError);
  return error as GraphReadError;
}

describe("readGraphZip refuses unsafe or broken archives before any page", () => {
  it.each([
    ["../x.md", /escapes its folder/],
    ["pages/../../x.md", /escapes its folder/],
    ["/etc/x.md", /absolute path/],
    ["C:/x.md", /absolute path/],
    ["a\\..\\x.md", /backslash/],
  ])("a path like %s", async (name, message) => {
    const path = tempZip([
      { name: "fine.md", data: "- a" },
      { name, data: "- b" },
    ]);
    expect((await readError(path)).message).toMatch(message);
  });

  it("a zip bomb that declares its size", async () => {
    const path = tempZip([{ name: "big.md", data: "- a", declaredSize: 3 * 1024 * 1024 * 1024 }]);
    expect((await readError(path)).message).toMatch(/uncompressed; one file may be at most/);
  });

  it("a zip bomb that inflates a thousandfold", async () => {
    const path = tempZip([{ name: "zeros.md", data: new Uint8Array(8 * 1024 * 1024) }]);
    expect((await readError(path)).message).toMatch(/looks like a zip bomb/);
  });

  it("a zip bomb that lies about its size, stopped while inflating", async () => {
    const path = tempZip([{ name: "liar.md", data: "- a\n".repeat(1000), declaredSize: 10 }]);
    const source = await readGraphZip(path);
    await expect(allPages(source)).rejects.toThrow(/inflates to more than it declares/);
  });

  it("more entries or bytes than the limits", async () => {
    const path = tempZip([1, 2, 3, 4].map((n) => ({ name: `${n}.md`, data: `- ${n}` })));
    expect((await readError(path, { ...DEFAULT_ZIP_LIMITS, maxEntries: 3 })).message).toBe("The zip holds 4 files; at most 3 can be imported.");
    expect((await readError(path, { ...DEFAULT_ZIP_LIMITS, maxTotalBytes: 10 })).message).toMatch(/uncompressed; at most/);
  });

  it("a file that is not a zip, and a truncated zip", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loam-zip-"));
    writeFileSync(join(dir, "notes.zip"), "- just markdown\n");
    expect((await readError(join(dir, "notes.zip"))).message).toBe("This file is not a zip archive, or it is damaged or truncated.");
    const whole = readFileSync(tempZip([{ name: "a.md", data: "- a\n".repeat(100) }]));
    writeFileSync(join(dir, "cut.zip"), whole.subarray(0, Math.floor(whole.length / 2)));
    expect((await readError(join(dir, "cut.zip"))).message).toMatch(/not a zip archive|damaged or truncated/);
  });
});

describe("readGraphZip on small archives", () => {
  it("reads Roam pages with folders as `/` in titles, and reports what it skips", async () => {
    const path = tempZip([
      { name: "a/b.md", data: "- in a namespace" },
      { name: "November 28th, 2026.md", data: "- a day", store: true },
      { name: "Empty.md", data: "" },
      { name: "image.png", data: new Uint8Array([0x89, 0x50]) },
      { name: "__MACOSX/._a.md", data: "junk" },
      { name: "folder/", data: "" },
    ]);
    const source = await readGraphZip(path);
    const pages = await allPages(source);
    expect(source.report.format).toBe("roam-markdown");
    expect(pages.map((page) => [page.title, page.dailyDate, page.children.length])).toEqual([
      ["Empty", null, 0],
      ["November 28th, 2026", "2026-11-28", 1],
      ["a/b", null, 1],
    ]);
    expect(source.report.problems).toEqual([{ where: "image.png", message: "Not a markdown page; skipped." }]);
  });

  it("reads again on a second pass (preview, then import) with the same pages and one report", async () => {
    const path = tempZip([
      { name: "a.md", data: "- caf\u00c3\u00a9" },
      { name: "b.txt", data: "x" },
    ]);
    const source = await readGraphZip(path);
    const first = await allPages(source);
    const second = await allPages(source);
    expect(second).toEqual(first);
    expect(first[0]?.children[0]?.content).toBe("café");
    expect(source.report.problems).toHaveLength(1);
    expect(source.report.repairs).toHaveLength(1);
  });

  it("reads the seed page from a zip as from its own file", async () => {
    const seed = readFileSync(join(SHARED_DIR, "seeds", "roam-daily-page.md"));
    const source = await readGraphZip(tempZip([{ name: "roam-daily-page.md", data: seed }]));
    const [page] = await allPages(source);
    expect(page?.children.slice(0, 3).map((block) => block.content)).toEqual([
      "Always radiate your gratitude, good vibe and hope.",
      "Pace yourself, put in effort everyday.",
      "Kill people with kindness 😉",
    ]);
    expect(source.report.repairs.length).toBeGreaterThan(0);
  });

  it("decodes the %XX escapes of Loam's own export in file names, and leaves a bare % alone", async () => {
    const path = tempZip([
      { name: "a%2Fb.md", data: "- flat" },
      { name: "%73lider.md", data: "- lower-case twin" },
      { name: "51% attack.md", data: "- as Roam writes it" },
      { name: "What%3F.md", data: "- escaped ?" },
    ]);
    const titles = (await allPages(await readGraphZip(path))).map((page) => page.title);
    expect(titles.sort()).toEqual(["51% attack", "What?", "a/b", "slider"]);
  });

  it("streams a Roam JSON export inside a zip to the JSON reader it is given", async () => {
    const json = JSON.stringify([{ title: "A", children: [{ string: "x", uid: "abcdefghi" }] }, { title: "B" }]);
    const path = tempZip([{ name: "Roam-Export-1/graph.json", data: json }]);
    const reader: RoamJsonReader = (chunks, fileName) => {
      const report: GraphReport = { format: "roam-json", problems: [], repairs: [] };
      async function* pages(): AsyncGenerator<GraphPage> {
        const parts: Uint8Array[] = [];
        for await (const chunk of chunks) parts.push(chunk);
        const parsed = JSON.parse(Buffer.concat(parts).toString("utf8")) as { title: string }[];
        for (const page of parsed) {
          report.problems.push({ where: fileName, message: `read ${page.title}` });
          yield { title: page.title, uid: null, dailyDate: null, props: {}, createdAt: null, updatedAt: null, children: [] };
        }
      }
      return { report, pages: pages() };
    };
    const source = await readGraphZip(path, DEFAULT_ZIP_LIMITS, { roamJson: reader });
    expect(source.report.format).toBe("roam-json");
    expect((await allPages(source)).map((page) => page.title)).toEqual(["A", "B"]);
    expect(source.report.problems).toEqual([
      { where: "Roam-Export-1/graph.json", message: "read A" },
      { where: "Roam-Export-1/graph.json", message: "read B" },
    ]);
    expect((await readError(path)).message).toMatch(/only a Roam JSON export can be read/);
  });

  it("reads names without the UTF-8 flag as UTF-8 when they are, else as code page 437, and repairs damaged names", async () => {
    const path = tempZip([
      { name: "", rawName: new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2e, 0x6d, 0x64]), data: "- cp437" },
      { name: "", rawName: new TextEncoder().encode("漢字.md"), data: "- unflagged UTF-8" },
      { name: "Caf\u00c3\u00a9 cr\u00c3\u00a8me.md", data: "- damaged name" },
    ]);
    const source = await readGraphZip(path);
    const titles = (await allPages(source)).map((page) => page.title);
    expect(titles.sort()).toEqual(["Café crème", "café", "漢字"]);
    expect(source.report.repairs).toEqual([{ where: "Caf\u00c3\u00a9 cr\u00c3\u00a8me.md (title)", before: "Caf\u00c3\u00a9 cr\u00c3\u00a8me", after: "Café crème" }]);
  });

  it("detects Logseq graphs, at the top or in one folder", () => {
    expect(detectLayout(["logseq/config.edn", "pages/a.md"])).toEqual({ format: "logseq", root: "" });
    expect(detectLayout(["g/logseq/config.edn", "g/pages/a.md"])).toEqual({ format: "logseq", root: "g/" });
    expect(detectLayout(["g/pages/a.md", "g/journals/2026_11_28.md"])).toEqual({ format: "logseq", root: "g/" });
    expect(detectLayout(["pages/a.md", "Other.md"])).toEqual({ format: "roam-markdown", root: "" });
    expect(detectLayout(["graph.json"])).toEqual({ format: "roam-json", root: "graph.json" });
    expect(detectLayout(["graph.json", "a.md"])).toEqual({ format: "roam-markdown", root: "" });
  });
});

/**
 * Bulleted lines, as a person counts them: `- ` at any indentation; with `fences`, not inside a
 * code block (Logseq opens and closes one with a line starting with ```; Roam's export has no
 * bullet-like line inside its code blocks, so it is counted plainly).
 */
function bulletLines(text: string, bullet: RegExp, fences = true): number {
  let fence = false;
  let count = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!fence && bullet.test(line)) count++;
    const body = line.replace(/^\s*(- )?/, "");
    if (fences && body.startsWith("```") && (fence || occurrences(body, /```/g) % 2 === 1)) fence = !fence;
  }
  return count;
}

/** Blocks of a Roam page: bulleted lines, and one a line before the first bullet. */
function roamBlocks(text: string): number {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => ROAM_BULLET.test(line));
  const before = first === -1 ? lines : lines.slice(0, first);
  return bulletLines(text, ROAM_BULLET, false) + before.filter((line) => line.trim() !== "").length;
}

const ROAM_BULLET = /^\s*-( |$)/;
const DAILY = /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(st|nd|rd|th), \d{4}$/;

describe.each(["roam-lxyer", "roam-roamcult"])("readGraphZip on the Roam markdown export %s", (name) => {
  let files: SourceFile[] = [];
  let source: GraphSource;
  let pages: GraphPage[] = [];
  beforeAll(async () => {
    files = filesUnder(join(FIXTURES, name, "markdown"));
    source = await readGraphZip(zipOf(files));
    pages = await allPages(source);
  }, 60_000);

  it("has one page per titled file, daily pages as daily", () => {
    const titled = files.filter((file) => file.path !== ".md");
    expect(pages).toHaveLength(titled.length);
    expect(new Set(pages.map((page) => page.title))).toEqual(new Set(titled.map((file) => file.path.slice(0, -3).normalize("NFC"))));
    const daily = titled.filter((file) => DAILY.test(file.path.slice(0, -3)));
    expect(pages.filter((page) => page.dailyDate !== null)).toHaveLength(daily.length);
    for (const page of pages) if (page.dailyDate !== null) expect(dailyTitle(page.dailyDate)).toBe(page.title);
    // A file without a title is reported, not silently dropped.
    expect(source.report.problems).toEqual(files.length === titled.length ? [] : [{ where: ".md", message: "A page file without a title; skipped." }]);
  });

  it("keeps the odd titles: folders, leading spaces, full-width characters, line breaks, case pairs", () => {
    const titles = new Set(pages.map((page) => page.title));
    for (const file of files) if (file.path !== ".md") expect(titles.has(file.path.slice(0, -3))).toBe(true);
    const lower = new Map<string, number>();
    for (const page of pages) lower.set(page.title.toLowerCase(), (lower.get(page.title.toLowerCase()) ?? 0) + 1);
    const filesByLower = new Map<string, number>();
    for (const file of files) filesByLower.set(file.path.toLowerCase(), (filesByLower.get(file.path.toLowerCase()) ?? 0) + 1);
    const pairs = files.filter((file) => (filesByLower.get(file.path.toLowerCase()) ?? 0) > 1);
    expect(pairs.length).toBeGreaterThan(0);
    for (const file of pairs) expect(lower.get(file.path.slice(0, -3).toLowerCase())).toBeGreaterThanOrEqual(2);
  });

  it("has the blocks, links, checkboxes and sliders of the files, and empty files as empty pages", () => {
    const blocks = blocksOf(pages);
    expect(blocks).toHaveLength(sum(files.map((file) => roamBlocks(file.text))));
    const all = files.map((file) => file.text).join("\n");
    const inBlocks = blocks.map((block) => block.content).join("\n");
    expect(occurrences(inBlocks, /\[\[/g)).toBe(occurrences(all, /\[\[/g));
    expect(occurrences(inBlocks, /\{\{\[\[TODO\]\]\}\}/g)).toBe(occurrences(all, /\{\{\[\[TODO\]\]\}\}/g));
    expect(occurrences(inBlocks, /\{\{\[\[DONE\]\]\}\}/g)).toBe(occurrences(all, /\{\{\[\[DONE\]\]\}\}/g));
    expect(occurrences(inBlocks, /\{\{(\[\[)?slider(\]\])?\}\}/g)).toBe(occurrences(all, /\{\{(\[\[)?slider(\]\])?\}\}/g));
    // Heading blocks: bulleted `# `…`### `, and such lines of a page written without bullets.
    const headings = sum(
      files.map((file) => occurrences(file.text, /^\s*- #{1,3} /gm) + (ROAM_BULLET.test(file.text.split("\n")[0] ?? "") || /^\s*- /m.test(file.text) ? 0 : occurrences(file.text, /^#{1,3} /gm))),
    );
    expect(blocks.filter((block) => block.props.heading !== undefined)).toHaveLength(headings);
    const empty = files.filter((file) => file.bytes.length === 0 && file.path !== ".md");
    expect(empty.length).toBeGreaterThan(0);
    for (const file of empty) expect(pages.find((page) => page.title === file.path.slice(0, -3))?.children).toEqual([]);
  });

  it("repairs nothing in correct text", () => {
    expect(source.report.repairs).toEqual([]);
  });
});

describe("readGraphZip on the Logseq graph logseq-docs (zipped in a folder)", () => {
  let files: SourceFile[] = [];
  let markdown: SourceFile[] = [];
  let source: GraphSource;
  let pages: GraphPage[] = [];
  beforeAll(async () => {
    files = filesUnder(join(FIXTURES, "logseq-docs"));
    markdown = files.filter((file) => /^(pages|journals)\/.*\.md$/.test(file.path));
    source = await readGraphZip(zipOf(files, "docs/"));
    pages = await allPages(source);
  }, 60_000);

  it("has a page per markdown and org file, journals as daily pages, and reports each .org file", () => {
    expect(source.report.format).toBe("logseq");
    const org = files.filter((file) => /^(pages|journals)\/.*\.org$/.test(file.path));
    expect(org.length).toBeGreaterThan(0);
    expect(pages).toHaveLength(markdown.length + org.length);
    const journals = [...markdown, ...org].filter((file) => file.path.startsWith("journals/"));
    const daily = pages.filter((page) => page.dailyDate !== null);
    expect(daily).toHaveLength(journals.length);
    for (const page of daily) expect(dayOfDailyTitle(page.title)).toBe(page.dailyDate);
    for (const file of org) expect(source.report.problems).toContainEqual({ where: file.path, message: expect.stringContaining("org-mode page") });
  });

  it("titles pages by title:: or by file name with ___ as /", () => {
    const titles = new Set(pages.map((page) => page.title));
    for (const file of markdown.filter((file) => file.path.startsWith("pages/"))) {
      const property = /^title:: (.*)$/m.exec(file.text.split(/\n\s*\n|\n-/)[0] ?? "")?.[1]?.trim();
      const fromName = decodeURIComponent(file.path.slice("pages/".length, -3).replace(/___/g, "/"));
      expect(titles.has(property ?? fromName), file.path).toBe(true);
    }
  });

  it("has the blocks of the org pages", () => {
    const org = files.filter((file) => /^(pages|journals)\/.*\.org$/.test(file.path));
    const orgPages = pages.filter((page) => String((page.props.source as { file?: string }).file).endsWith(".org"));
    expect(blocksOf(orgPages)).toHaveLength(sum(org.map((file) => orgBlocks(file.text))));
    const all = blocksOf(pages);
    expect(new Set(all.map((block) => block.uid)).size).toBe(all.length);
  });

  it("has the blocks, links, tasks, uids and collapsed blocks of the markdown files", () => {
    const blocks = blocksOf(pages.filter((page) => String((page.props.source as { file?: string }).file).endsWith(".md")));
    expect(blocks).toHaveLength(sum(markdown.map((file) => logseqBlocks(file.text))));
    const all = markdown.map((file) => file.text).join("\n");
    const inBlocks = blocks.map((block) => block.content).join("\n");
    const open = sum(markdown.map((file) => bulletLines(file.text, /^\s*- (TODO|DOING|LATER|NOW)( |$)/)));
    const done = sum(markdown.map((file) => bulletLines(file.text, /^\s*- DONE( |$)/)));
    // Each task marker became a `{{[[TODO]]}}`/`{{[[DONE]]}}`, one more `[[` apiece.
    expect(occurrences(inBlocks, /\[\[/g)).toBe(occurrences(all, /\[\[/g) + open + done);
    expect(open + done).toBeGreaterThan(0);
    expect(blocks.filter((block) => block.content.startsWith("{{[[TODO]]}}"))).toHaveLength(open);
    expect(blocks.filter((block) => block.content.startsWith("{{[[DONE]]}}"))).toHaveLength(done);
    const ids = new Set(all.match(/^[ \t]*id:: (\S+)[ \t]*$/gm)?.map((line) => line.trim().slice("id:: ".length)));
    expect(ids.size).toBeGreaterThan(0);
    const uids = new Set(blocks.map((block) => block.uid));
    for (const id of ids) expect(uids.has(id), id).toBe(true);
    expect(inBlocks).not.toMatch(/^id:: /m);
    expect(blocks.filter((block) => block.props.collapsed === true)).toHaveLength(occurrences(all, /^[ \t]*(- )?collapsed:: true[ \t]*$/gm));
    // Every ((uuid)) whose block is in the graph resolves to a block of the import.
    const referenced = [...inBlocks.matchAll(/\(\(([0-9a-f-]{36})\)\)/g)].map((match) => match[1] ?? "");
    expect(referenced.filter((uid) => ids.has(uid)).every((uid) => uids.has(uid))).toBe(true);
    expect(new Set(blocks.map((block) => block.uid)).size).toBe(blocks.length);
  });

  it("repairs nothing in correct text", () => {
    expect(source.report.repairs).toEqual([]);
  });
});
