import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import type { GraphBlock, GraphPage } from "./graph";
import { readRoamJson } from "./roam-json";
import { roamPage, writeRoamJson } from "./roam-json-out";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url);

async function* once(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function readPages(text: string): Promise<GraphPage[]> {
  const pages: GraphPage[] = [];
  for await (const page of readRoamJson(once(new TextEncoder().encode(text))).pages) pages.push(page);
  return pages;
}

async function written(pages: Iterable<GraphPage> | AsyncIterable<GraphPage>): Promise<string> {
  let text = "";
  for await (const chunk of writeRoamJson(pages)) text += chunk;
  return text;
}

/** Read then written: the file's pages back. */
async function roundTrip(text: string): Promise<unknown> {
  const source = readRoamJson(once(new TextEncoder().encode(text), 4096));
  return JSON.parse(await written(source.pages)) as unknown;
}

function block(fields: Partial<GraphBlock> & { uid: string }): GraphBlock {
  return { content: "", props: {}, createdAt: null, updatedAt: null, children: [], ...fields };
}

function page(fields: Partial<GraphPage> & { title: string }): GraphPage {
  return { uid: null, dailyDate: null, props: {}, createdAt: null, updatedAt: null, children: [], ...fields };
}

describe.each([["roam-lxyer/json/lxyer.json"], ["roam-roamcult/json/victor-wu.json"]])("Roam JSON read then written: %s", (path) => {
  it("gives the file back deep-equal, page for page (but Roam's untitled pages, which Loam cannot hold)", async () => {
    const text = readFileSync(new URL(path, FIXTURES), "utf8");
    const parsed = JSON.parse(text) as { title?: unknown }[];
    const titled = parsed.filter((p) => typeof p.title === "string" && p.title.trim() !== "");
    expect(titled.length).toBeGreaterThan(parsed.length - 2);
    expect(await roundTrip(text)).toEqual(titled);
  });

  it("writes keys in Roam's (alphabetical) order", async () => {
    const text = readFileSync(new URL(path, FIXTURES), "utf8");
    const out = (await roundTrip(text)) as Record<string, unknown>[];
    for (const node of out.slice(0, 50)) expect(Object.keys(node)).toEqual(Object.keys(node).sort());
  });
});

// Random Roam exports: either layout's fields, extra keys of any JSON value, nesting.
const uid = fc.stringMatching(/^[\w-]{9}$/);
const time = fc.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 });
const text = fc.string({ maxLength: 40 });
const extras = fc.dictionary(fc.constantFrom(":create/user", ":edit/user", "create-email", "edit-email", "props", ":block/props", "emojis", "open", "refs", ":block/refs"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
const { roamBlock } = fc.letrec<{ roamBlock: Record<string, unknown> }>((tie) => ({
  roamBlock: fc
    .record(
      {
        string: text,
        uid,
        "create-time": time,
        "edit-time": time,
        heading: fc.constantFrom(1, 2, 3, 0),
        "text-align": fc.constantFrom("left", "center", "right"),
        children: fc.array(tie("roamBlock"), { minLength: 1, maxLength: 3, depthIdentifier: "tree" }),
      },
      { requiredKeys: ["string", "uid"] },
    )
    .chain((fields) => extras.map((more) => ({ ...more, ...fields }))),
}));
const roamPageArb = fc
  .record(
    {
      title: fc.string({ minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== "" && t === t.normalize("NFC")),
      uid,
      "create-time": time,
      "edit-time": time,
      ":log/id": time,
      children: fc.array(roamBlock, { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ["title"] },
  )
  .chain((fields) => extras.map((more) => ({ ...more, ...fields })));

describe("Roam JSON round trip (property)", () => {
  it("reading then writing gives back the parsed input, deep-equal", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(roamPageArb, { maxLength: 5 }), async (pages) => {
        // Titles are unique in a Roam graph.
        const unique = pages.filter((p, i) => pages.findIndex((q) => q.title === p.title) === i);
        const input = JSON.parse(JSON.stringify(unique)) as unknown;
        expect(await roundTrip(JSON.stringify(unique))).toEqual(input);
      }),
      { seed: 20261129, numRuns: 100 },
    );
  }, 60_000);
});

describe("writeRoamJson", () => {
  it("gives pages made in Loam Roam's fields, daily pages Roam's uid", async () => {
    const pages = [
      page({
        title: "November 28th, 2026",
        dailyDate: "2026-11-28",
        createdAt: 10,
        updatedAt: 20,
        children: [
          block({ uid: "abcdefghi", content: "a [[link]]", props: { heading: 2, textAlign: "center" }, createdAt: 11, updatedAt: 12, children: [block({ uid: "child0001", content: "b" })] }),
        ],
      }),
      page({ title: "Books" }),
    ];
    const out = JSON.parse(await written(pages)) as Record<string, unknown>[];
    expect(out[0]).toEqual({
      title: "November 28th, 2026",
      uid: "11-28-2026",
      "create-time": 10,
      "edit-time": 20,
      children: [{ string: "a [[link]]", uid: "abcdefghi", "create-time": 11, "edit-time": 12, heading: 2, "text-align": "center", children: [{ string: "b", uid: "child0001" }] }],
    });
    // A stable uid from the title: the same export twice names the page the same.
    expect(out[1]!.uid).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(roamPage(page({ title: "Books" })).uid).toBe(out[1]!.uid);
    expect(roamPage(page({ title: "books" })).uid).not.toBe(out[1]!.uid);
  });

  it("keeps Loam's slider values and folding under :loam/props, and reads them back", async () => {
    const pages = [page({ title: "Mood", children: [block({ uid: "slider001", content: "{{slider}}", props: { slider: { u1: 7 }, collapsed: true } })] })];
    const text = await written(pages);
    expect((JSON.parse(text) as { children: unknown[] }[])[0]!.children[0]).toEqual({ string: "{{slider}}", uid: "slider001", ":loam/props": { slider: { u1: 7 }, collapsed: true } });
    const back = await readPages(text);
    expect(back[0]!.children[0]!.props).toEqual({ slider: { u1: 7 }, collapsed: true, source: {} });
  });

  it("drops refs derived from the text once the block was edited in Loam, keeps them while it was not", async () => {
    const text = JSON.stringify([{ title: "A", children: [{ string: "[[B]]", uid: "aaaaaaaaa", refs: [{ uid: "bbbbbbbbb" }], ":block/refs": [{ ":block/uid": "bbbbbbbbb" }], ":edit/user": { ":user/uid": "u" } }] }]);
    const [read] = await readPages(text);
    const edited: GraphPage = { ...read!, children: [{ ...read!.children[0]!, content: "[[C]]" }] };
    const [same] = JSON.parse(await written([read!])) as { children: Record<string, unknown>[] }[];
    const [changed] = JSON.parse(await written([edited])) as { children: Record<string, unknown>[] }[];
    expect(same!.children[0]).toEqual(JSON.parse(text)[0].children[0]);
    expect(changed!.children[0]).toEqual({ string: "[[C]]", uid: "aaaaaaaaa", ":edit/user": { ":user/uid": "u" } });
  });

  it("writes a renamed page's new title, and the file's spelling of an unchanged one", async () => {
    const decomposed = "Cafe\u0301";
    const [read] = await readPages(JSON.stringify([{ title: decomposed, uid: "pageuid01" }]));
    expect(read!.title).toBe("Café");
    expect(roamPage(read!).title).toBe(decomposed);
    expect(roamPage({ ...read!, title: "Tea" }).title).toBe("Tea");
  });

  it("yields a chunk per page, never the whole graph at once", async () => {
    const chunks: string[] = [];
    for await (const chunk of writeRoamJson([page({ title: "A" }), page({ title: "B" })])) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(JSON.parse(chunks.join(""))).toHaveLength(2);
    expect(JSON.parse(await written([]))).toEqual([]);
  });
});
