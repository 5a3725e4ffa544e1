import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import type { GraphBlock, GraphPage, GraphSource } from "./graph";
import { GraphReadError } from "./graph";
import { MAX_ROAM_DEPTH, readRoamJson } from "./roam-json";
import { textFingerprint } from "./roam-json-fields";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url);
const LXYER = new URL("roam-lxyer/json/lxyer.json", FIXTURES);
const VICTOR = new URL("roam-roamcult/json/victor-wu.json", FIXTURES);

/** The bytes in chunks of `size`, as a network upload would come. */
async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

function bytesOf(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

async function readAll(source: GraphSource): Promise<GraphPage[]> {
  const pages: GraphPage[] = [];
  for await (const page of source.pages) pages.push(page);
  return pages;
}

async function read(text: string, chunkSize = 7): Promise<{ pages: GraphPage[]; source: GraphSource }> {
  const source = readRoamJson(chunked(bytesOf(text), chunkSize), { fileName: "test.json" });
  return { pages: await readAll(source), source };
}

async function readError(text: string | Uint8Array): Promise<GraphReadError> {
  const bytes = typeof text === "string" ? bytesOf(text) : text;
  try {
    await readAll(readRoamJson(chunked(bytes, 5), { fileName: "test.json" }));
  } catch (error) {
    if (error instanceof GraphReadError) return error;
    throw error;
  }
  throw new Error("expected a GraphReadError");
}

// An independent reading of the file: plain JSON.parse and a walk of Roam's own keys.
type RoamNode = { title?: string; string?: string; uid?: string; children?: RoamNode[] };

interface Counts {
  pages: number;
  blocks: number;
  maxDepth: number;
  todo: number;
  done: number;
  dailyPages: number;
  blockUids: string[];
}

function countRoam(pages: RoamNode[]): Counts {
  const counts: Counts = { pages: pages.length, blocks: 0, maxDepth: 0, todo: 0, done: 0, dailyPages: 0, blockUids: [] };
  const walk = (node: RoamNode, depth: number) => {
    counts.blocks += 1;
    counts.maxDepth = Math.max(counts.maxDepth, depth);
    counts.blockUids.push(node.uid ?? "");
    if (node.string?.includes("{{[[TODO]]}}")) counts.todo += 1;
    if (node.string?.includes("{{[[DONE]]}}")) counts.done += 1;
    for (const child of node.children ?? []) walk(child, depth + 1);
  };
  const monthDay = /^(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(st|nd|rd|th), \d{4}$/;
  for (const page of pages) {
    if (monthDay.test(page.title ?? "")) counts.dailyPages += 1;
    for (const child of page.children ?? []) walk(child, 1);
  }
  return counts;
}

function countRead(pages: GraphPage[]): Counts {
  const counts: Counts = { pages: pages.length, blocks: 0, maxDepth: 0, todo: 0, done: 0, dailyPages: 0, blockUids: [] };
  const walk = (block: GraphBlock, depth: number) => {
    counts.blocks += 1;
    counts.maxDepth = Math.max(counts.maxDepth, depth);
    counts.blockUids.push(block.uid);
    if (block.content.includes("{{[[TODO]]}}")) counts.todo += 1;
    if (block.content.includes("{{[[DONE]]}}")) counts.done += 1;
    for (const child of block.children) walk(child, depth + 1);
  };
  for (const page of pages) {
    if (page.dailyDate !== null) counts.dailyPages += 1;
    for (const child of page.children) walk(child, 1);
  }
  return counts;
}

describe.each([
  ["lxyer.json (2022 layout)", LXYER],
  ["victor-wu.json (2020 layout)", VICTOR],
])("readRoamJson on %s", (_name, file) => {
  const bytes = new Uint8Array(readFileSync(file));
  const all = JSON.parse(new TextDecoder().decode(bytes)) as RoamNode[];
  // Roam lets a page have an empty title (victor-wu.json has one, with no blocks): Loam cannot
  // name such a page, so the reader skips it and says so.
  const untitled = all.flatMap((page, index) => (typeof page.title === "string" && page.title.trim() !== "" ? [] : [index]));
  const parsed = all.filter((_, index) => !untitled.includes(index));

  it("yields every page and block, with the depth and TODO/DONE counts the file has", async () => {
    const source = readRoamJson(chunked(bytes, 64 * 1024));
    const pages = await readAll(source);
    const expected = countRoam(parsed);
    expect(expected.pages).toBeGreaterThan(100);
    expect(countRead(pages)).toEqual(expected);
    expect(source.report.problems).toEqual(
      untitled.map((index) => ({ where: `the JSON file page ${index + 1}`, message: `has an empty title; skipped with its ${countRoam([all[index]!]).blocks} blocks` })),
    );
    expect(source.report.format).toBe("roam-json");
  });

  it("keeps titles, page uids, times and order, and every other key under props.source", async () => {
    const pages = await readAll(readRoamJson(chunked(bytes, 4096)));
    parsed.forEach((raw, index) => {
      const page = pages[index]!;
      const rawPage = raw as Record<string, unknown>;
      expect(page.title).toBe(raw.title);
      expect(page.uid).toBe(rawPage.uid ?? null);
      expect(page.createdAt).toBe(rawPage["create-time"] ?? null);
      expect(page.updatedAt).toBe(rawPage["edit-time"] ?? null);
      const others = Object.fromEntries(Object.entries(rawPage).filter(([key]) => !["title", "uid", "children", "create-time", "edit-time"].includes(key)));
      expect(page.props).toEqual({ source: others });
    });
  });

  it("reads the same pages whatever the chunk size", async () => {
    const whole = await readAll(readRoamJson(chunked(bytes, bytes.length)));
    const tiny = await readAll(readRoamJson(chunked(bytes, 13)));
    expect(tiny).toEqual(whole);
  });
});

describe("readRoamJson mapping", () => {
  it("maps Roam's fields to Loam's and keeps the rest verbatim", async () => {
    const { pages, source } = await read(
      JSON.stringify([
        {
          title: "November 28th, 2026",
          uid: "11-28-2026",
          "create-time": 1,
          "edit-time": 2,
          ":log/id": 1764288000000,
          children: [
            {
              string: "a [[link]]",
              uid: "abcdefghi",
              heading: 2,
              "text-align": "center",
              props: { POMO: 3 },
              ":block/props": { ":POMO": 3 },
              refs: [{ uid: "xyz" }],
              "create-time": 3,
              "edit-time": 4,
              children: [{ string: "child", uid: "child0001", "edit-time": 5 }],
            },
          ],
        },
      ]),
    );
    expect(source.report.problems).toEqual([]);
    expect(pages).toEqual([
      {
        title: "November 28th, 2026",
        uid: "11-28-2026",
        dailyDate: "2026-11-28",
        props: { source: { ":log/id": 1764288000000 } },
        createdAt: 1,
        updatedAt: 2,
        children: [
          {
            uid: "abcdefghi",
            content: "a [[link]]",
            // sourceText: the fingerprint of the text the `refs` were derived from (roam-json-fields.ts).
            props: { heading: 2, textAlign: "center", source: { props: { POMO: 3 }, ":block/props": { ":POMO": 3 }, refs: [{ uid: "xyz" }] }, sourceText: textFingerprint("a [[link]]") },
            createdAt: 3,
            updatedAt: 4,
            children: [{ uid: "child0001", content: "child", props: { source: {} }, createdAt: null, updatedAt: 5, children: [] }],
          },
        ],
      },
    ]);
  });

  it("repairs mojibake in titles and text and reports it, leaving correct text alone", async () => {
    const { pages, source } = await read(
      JSON.stringify([{ title: "Caf\u00c3\u00a9", children: [{ string: "Kill people with kindness \uf8ff\u00fc\u00f2\u00e2", uid: "aaaaaaaaa" }, { string: "café 😉 廣東話 Ã alone", uid: "bbbbbbbbb" }] }]),
    );
    expect(pages[0]!.title).toBe("Café");
    expect(pages[0]!.children.map((b) => b.content)).toEqual(["Kill people with kindness 😉", "café 😉 廣東話 Ã alone"]);
    expect(source.report.repairs.map((r) => r.after)).toEqual(["Café", "Kill people with kindness 😉"]);
    expect(source.report.repairs[0]!.where).toContain("test.json page 1");
    // A repaired title is not kept: the export writes it repaired.
    expect(pages[0]!.props).toEqual({ source: {} });
  });

  it("reports malformed pages and blocks with where they are, and reads the rest", async () => {
    const { pages, source } = await read(
      JSON.stringify([
        { uid: "nonamexyz", children: [{ string: "lost", uid: "lost00001" }] },
        { title: 42 },
        "a string",
        { title: "Fine", children: [{ string: 7, uid: "numbered1", children: [{ string: "kept", uid: "kept00001" }] }, { string: "no uid" }, 5] },
        { title: "Also fine", children: "oops" },
      ]),
    );
    expect(pages.map((p) => p.title)).toEqual(["Fine", "Also fine"]);
    const fine = pages[0]!;
    expect(fine.children.map((b) => b.content)).toEqual(["", "no uid"]);
    expect(fine.children[0]!.children[0]!.content).toBe("kept");
    expect(fine.children[0]!.props.source).toEqual({ string: 7 });
    expect(fine.children[1]!.uid).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(source.report.problems).toEqual([
      { where: "test.json page 1", message: "has no title; skipped with its 1 block" },
      { where: "test.json page 2", message: "has a title that is not text (42); skipped with its 0 blocks" },
      { where: "test.json page 3", message: "is not a page (found a string); skipped" },
      { where: 'test.json page 4 "Fine" block 1', message: "has text that is not a string (7); read as an empty block" },
      { where: 'test.json page 4 "Fine" block 2', message: `has no uid; given ${fine.children[1]!.uid}` },
      { where: 'test.json page 4 "Fine" block 3', message: "is not a block (not an object); skipped" },
      { where: 'test.json page 5 "Also fine"', message: "has children that are not a list; they were left out" },
    ]);
  });

  it("reads deep outlines and leaves out, with a problem, what is nested beyond the limit", async () => {
    const nest = (depth: number): unknown => {
      let node: Record<string, unknown> = { string: `level ${depth}`, uid: `u${depth}` };
      for (let level = depth - 1; level >= 1; level--) node = { string: `level ${level}`, uid: `u${level}`, children: [node] };
      return node;
    };
    const { pages, source } = await read(JSON.stringify([{ title: "Deep", children: [nest(MAX_ROAM_DEPTH)] }, { title: "Too deep", children: [nest(MAX_ROAM_DEPTH + 3)] }]), 4096);
    const depthOf = (blocks: GraphBlock[]): number => {
      let depth = 0;
      let level = blocks;
      while (level.length > 0) {
        depth += 1;
        level = level[0]!.children;
      }
      return depth;
    };
    expect(depthOf(pages[0]!.children)).toBe(MAX_ROAM_DEPTH);
    expect(depthOf(pages[1]!.children)).toBe(MAX_ROAM_DEPTH);
    expect(source.report.problems).toHaveLength(1);
    expect(source.report.problems[0]!.message).toBe(`is nested deeper than ${MAX_ROAM_DEPTH} levels; it and the 2 blocks under it were left out`);
  });

  it("reads an empty array, a UTF-8 byte order mark and white space around", async () => {
    expect((await read(" [ ] \n")).pages).toEqual([]);
    expect((await read("\ufeff[{\"title\":\"A\"}]")).pages.map((p) => p.title)).toEqual(["A"]);
  });
});

describe("readRoamJson on input that is not a Roam JSON export", () => {
  it("says where truncated JSON ends", async () => {
    const text = JSON.stringify([{ title: "A", children: [{ string: "x", uid: "aaaaaaaaa" }] }, { title: "B", children: [{ string: "y", uid: "bbbbbbbbb" }] }]);
    const error = await readError(text.slice(0, text.length - 10));
    expect(error.message).toMatch(/^test\.json is not a Roam JSON export: the file ends inside item 1 \(started at byte \d+\)/);
    expect((await readError(text.slice(0, text.length - 1))).message).toContain('the file ends after item 1 without the closing "]"');
    expect((await readError("")).message).toContain("the file is empty");
  });

  it("refuses a binary, an object instead of an array, and syntax errors inside a page", async () => {
    expect((await readError(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).message).toBe(
      'test.json is not a Roam JSON export: expected a JSON array of pages ("[" first), found "P" (at byte 0)',
    );
    expect((await readError(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).message).toContain("found byte 0x89");
    expect((await readError("{}")).message).toContain("expected a JSON array of pages (\"[\" first), found an object ({…})");
    expect((await readError('[{"title": "A",}]')).message).toMatch(/^test\.json is not valid JSON in page 1 \(from byte 1\)/);
    expect((await readError('[{"title": "A"} {"title": "B"}]')).message).toContain('expected "," or "]" after item 1, found "{"');
    expect((await readError('[{"title": "A"}] x')).message).toContain('unexpected "x" after the end of the array');
    expect((await readError(new Uint8Array([0x5b, 0x22, 0xff, 0x22, 0x5d]))).message).toContain("is not UTF-8 text");
  });

  it("yields the pages before the point where the file breaks", async () => {
    const source = readRoamJson(chunked(bytesOf('[{"title":"A"},{"title":"B"},{"title":'), 3));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const page of source.pages) seen.push(page.title);
      })(),
    ).rejects.toBeInstanceOf(GraphReadError);
    expect(seen).toEqual(["A", "B"]);
  });
});
