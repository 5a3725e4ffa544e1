// The seed page (../shared/seeds/roam-daily-page.md): a real Roam daily page exported as
// markdown whose UTF-8 was once read as Mac Roman. Repaired, split into blocks and parsed, it
// must reference what a reader of the page sees it reference.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SHARED_DIR, outlineBlocks, type Bullet } from "../../test/shared-corpus";
import { repairMojibake } from "../formats/encoding";
import type { AliasNode, Inline, MarkupNode, UrlNode } from "./ast";
import { parse } from "./parse";
import { extractRefs } from "./refs";

const SEED = join(SHARED_DIR, "seeds", "roam-daily-page.md");

function* walk(node: MarkupNode): Generator<MarkupNode> {
  yield node;
  if ("children" in node) for (const child of node.children) yield* walk(child);
  if (node.type === "alias" || node.type === "embed") yield* walk(node.target);
}

function nodesOf(text: string): MarkupNode[] {
  return [...walk(parse(text))];
}

describe("the seed daily page", () => {
  let raw = "";
  let blocks: Bullet[] = [];
  const blockWith = (fragment: string): string => {
    const block = blocks.find((candidate) => candidate.text.includes(fragment));
    if (!block) throw new Error(`no block contains ${JSON.stringify(fragment)}`);
    return block.text;
  };

  beforeAll(() => {
    if (!existsSync(SEED)) throw new Error(`The seed page is missing: ${SEED}`);
    raw = readFileSync(SEED, "utf8");
    const repair = repairMojibake(raw);
    expect(repair.repaired).toBe(true);
    blocks = outlineBlocks(repair.text);
  });

  it("splits into one block per bullet, four spaces a level", () => {
    const bulletLines = raw.split("\n").filter((line) => /^( {4})*- /.test(line) || /^( {4})*-$/.test(line));
    expect(blocks).toHaveLength(bulletLines.length);
    expect(blocks.find((block) => block.text.startsWith("Blaming myself"))?.depth).toBe(3);
    expect(blocks.find((block) => block.text === "[[How do you feel when you wind down?]]")?.depth).toBe(0);
  });

  it("references the pages a reader sees, and no others", () => {
    const pages = new Map<string, string>();
    for (const block of blocks) for (const page of extractRefs(block.text).pages) if (!pages.has(page.title)) pages.set(page.title, page.kind);
    expect(Object.fromEntries(pages)).toEqual({
      "How do you feel when you wake up?": "link",
      "Vincent Chan": "link",
      Notes: "tag",
      "🔢 Software Development": "link",
      Performance: "link",
      Excerpts: "link",
      DONE: "link",
      "Henry Tang": "link",
      "Tom Lui": "link",
      "Victor Lam": "link",
      "theme-driver-exp": "tag",
      "fire-fighting": "tag",
      "How do you feel when you wind down?": "link",
    });
  });

  it("reads [#product-hk](https://…) as a link labelled #product-hk, with no tag", () => {
    const text = blockWith("[#product-hk]");
    const aliases = nodesOf(text).filter((node): node is AliasNode => node.type === "alias");
    expect(aliases).toHaveLength(1);
    expect(aliases[0]).toMatchObject({
      children: [{ type: "text", text: "#product-hk" }],
      target: { type: "url", url: "https://gogovan.slack.com/archives/CBE09FBE2/p1604358903134200" },
    });
    expect(nodesOf(text).some((node) => node.type === "tag")).toBe(false);
    expect(extractRefs(text).pages).toEqual([]);
  });

  it("reads the bare URLs as url nodes, without the text around them", () => {
    const bare = [
      "https://www.speedshop.co/2015/08/05/rack-mini-profiler-the-secret-weapon.html",
      "https://github.com/MiniProfiler/rack-mini-profiler",
      "https://gogovan.slack.com/archives/CBE09FBE2/p1604358903134200",
      "https://gogovan.slack.com/archives/C01APEB4RGV/p1604366122007700",
    ];
    // Alias targets are url nodes too, but under their alias: the bare ones are top level.
    const urls = blocks.flatMap((block) =>
      parse(block.text)
        .children.filter((node): node is UrlNode => node.type === "url")
        .map((node) => node.url),
    );
    expect(urls).toEqual(bare);
    expect(parse(blockWith("#Notes URL")).children).toMatchObject([
      { type: "tag", title: "Notes" },
      { type: "text", text: " URL " },
      { type: "url", url: bare[0] },
    ]);
    expect(parse(blockWith("#theme-driver-exp https://")).children).toMatchObject([
      { type: "tag", title: "theme-driver-exp" },
      { type: "text", text: " " },
      { type: "url", url: bare[2] },
    ]);
  });

  it("reads ~**9,000** as a tilde followed by bold 9,000", () => {
    const [first, second] = parse(blockWith("~**9,000**")).children as Inline[];
    expect(first).toEqual({ type: "text", text: "~", start: 0, end: 1 });
    expect(second).toMatchObject({ type: "bold", children: [{ type: "text", text: "9,000" }] });
  });

  it("finds the sliders, the DONE and the bold Cantonese", () => {
    expect(blocks.filter((block) => parse(block.text).children[0]?.type === "slider")).toHaveLength(2);
    expect(parse(blockWith("Takeaways")).children[0]).toMatchObject({ type: "todo", state: "DONE", linked: true });
    expect(parse(blockWith("每一秒")).children).toMatchObject([{ type: "text" }, { type: "bold", children: [{ text: "人同事" }] }, { type: "text" }]);
  });
});
