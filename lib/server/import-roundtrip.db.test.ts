// A real graph through the whole pipeline: lxyer.json (../shared/fixtures) read by the Roam JSON
// reader, imported into an empty graph, exported again (lib/server/exports.ts) — the same JSON as
// the file, page for page; a second import adds nothing; undo empties the graph again.
import { createReadStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { SHARED_DIR } from "../../test/shared-corpus";
import { readRoamJson } from "../formats/roam-json";
import { writeRoamJson } from "../formats/roam-json-out";
import { exportPages } from "./exports";
import { applyImport, previewSource, recordImport, undoImport } from "./imports";

const db = testDatabase();
const LXYER = join(SHARED_DIR, "fixtures/roam-lxyer/json/lxyer.json");

type RoamNode = { title?: string; string?: string; children?: RoamNode[] };

/** Pages and blocks of the file, counted here by walking its JSON. */
function countsOf(pages: readonly RoamNode[]): { pages: number; blocks: number } {
  let blocks = 0;
  const walk = (nodes: readonly RoamNode[] | undefined) => {
    for (const node of nodes ?? []) {
      blocks++;
      walk(node.children);
    }
  };
  for (const page of pages) walk(page.children);
  return { pages: pages.length, blocks };
}

describe("lxyer.json round trip", () => {
  it("imports into an empty graph and exports the same JSON; again adds nothing; undo empties the graph", { timeout: 120_000 }, async () => {
    const user = await makeUser(db(), "roundtrip");
    const file = JSON.parse(readFileSync(LXYER, "utf8")) as RoamNode[];
    // Roam's untitled pages are the only thing Loam cannot hold (the reader reports them).
    const titled = file.filter((page) => typeof page.title === "string" && page.title.trim() !== "");
    const expected = countsOf(titled);
    const open = () => readRoamJson(createReadStream(LXYER), { fileName: "lxyer.json" });
    const meta = { fileName: "lxyer.json", format: "roam-json" as const };

    const preview = await previewSource(db(), user.actor, user.graphId, open, meta);
    expect(preview.counts).toMatchObject({ pages: expected.pages, pagesCreated: expected.pages, blocks: expected.blocks, blocksCreated: expected.blocks });
    const id = await recordImport(db(), user.actor, user.graphId, { ...meta, size: 0, filePath: null, title: null, preview });
    await applyImport(db(), user.actor, user.graphId, id, open);
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(expected.blocks);

    let text = "";
    for await (const chunk of writeRoamJson(await exportPages(db(), user.actor, user.graphId))) text += chunk;
    const exported = JSON.parse(text) as RoamNode[];
    const byTitle = new Map(exported.map((page) => [page.title, page]));
    // Pages the file's blocks link (or name as attributes) but the file does not have: Loam makes
    // them, as Roam does, empty.
    const linked = new Set<string>();
    const walkLinks = (nodes: readonly RoamNode[] | undefined) => {
      for (const node of nodes ?? []) {
        const text = node.string ?? "";
        for (const match of text.matchAll(/\[\[([^[\]]+)\]\]/g)) linked.add(match[1] as string);
        // `#tag`: up to a space, a bracket, a quote or CJK punctuation, without trailing `.,;:!?`
        // (not after a letter, digit, `&` or `/`; not in code, which this file's tags are not in).
        for (const match of text.matchAll(/(?<![A-Za-z0-9&/])#([^\s[\](){}"`<>#\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+)/g)) {
          const tag = (match[1] as string).replace(/[.,;:!?)\]]+$/, "");
          if (tag !== "") linked.add(tag);
        }
        // `Key:: value` at the start of a block is an attribute: it links page `Key` (DESIGN.md).
        const attribute = /^([^:`\n[\]]+)::/.exec(text);
        if (attribute) linked.add(attribute[1] as string);
        walkLinks(node.children);
      }
    };
    walkLinks(titled);
    const fileTitles = new Set(titled.map((page) => page.title));
    const extra = exported.filter((page) => !fileTitles.has(page.title));
    expect(extra.map((page) => page.title).sort()).toEqual([...linked].filter((title) => !fileTitles.has(title)).sort());
    expect(extra.filter((page) => page.children !== undefined)).toEqual([]);
    // Everything else comes back as it was in the file, times included (a page or block the file
    // gives no time is exported without one, though Loam's columns hold the import's).
    for (const page of titled) expect(byTitle.get(page.title)).toEqual(page);

    const again = await previewSource(db(), user.actor, user.graphId, open, meta);
    expect(again.counts).toMatchObject({ pagesCreated: 0, blocksCreated: 0, blocksPresent: expected.blocks });

    await undoImport(db(), user.actor, user.graphId, id);
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(0);
    expect(await db().page.count({ where: { graphId: user.graphId } })).toBe(0);
  });
});
