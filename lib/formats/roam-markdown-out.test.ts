import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";

import type { GraphBlock, GraphPage } from "./graph";
import { parseOutlineText } from "./outline-text";
import { readRoamJson } from "./roam-json";
import { pageMarkdown, titleOfZipPath, writeRoamMarkdownZip, zipPathOfTitle, ZipPaths } from "./roam-markdown-out";

const FIXTURES = new URL("../../../shared/fixtures/", import.meta.url);

function block(content: string, children: GraphBlock[] = [], props: Record<string, unknown> = {}): GraphBlock {
  return { uid: "u", content, props, createdAt: null, updatedAt: null, children };
}

function page(title: string, children: GraphBlock[] = []): GraphPage {
  return { title, uid: null, dailyDate: null, props: {}, createdAt: null, updatedAt: Date.UTC(2026, 10, 28), children };
}

async function zipOf(pages: GraphPage[]): Promise<Record<string, string>> {
  const parts: Uint8Array[] = [];
  for await (const chunk of writeRoamMarkdownZip(pages)) parts.push(chunk);
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, new TextDecoder().decode(data)]));
}

describe("pageMarkdown", () => {
  it("writes Roam's layout: bullets, four spaces a level, headings, aligned continuation lines", () => {
    const markdown = pageMarkdown(
      page("P", [
        block("Title", [block("child [[link]]", [block("grandchild ")]), block("two\nlines\n\nand a gap")], { heading: 2 }),
        block(""),
        block("{{[[DONE]]}} done", [], { heading: 1 }),
      ]),
    );
    expect(markdown).toBe(
      ["- ## Title", "    - child [[link]]", "        - grandchild ", "    - two", "      lines", "", "      and a gap", "- ", "- # {{[[DONE]]}} done", ""].join("\n"),
    );
    // The outline reader gives back the same tree.
    expect(parseOutlineText(markdown)[0]!.children[1]!.content).toBe("two\nlines\n\nand a gap");
  });

  it("writes a page without blocks as an empty file", () => {
    expect(pageMarkdown(page("Empty"))).toBe("");
  });

  it.each([
    ["roam-roamcult/json/victor-wu.json", "roam-roamcult/markdown/"],
    ["roam-lxyer/json/lxyer.json", "roam-lxyer/markdown/"],
  ])("matches the markdown export of %s (roam-to-git) on every page it wrote in Roam's layout", async (json, folder) => {
    async function* bytes() {
      yield new Uint8Array(readFileSync(new URL(json, FIXTURES)));
    }
    let compared = 0;
    for await (const read of readRoamJson(bytes()).pages) {
      const file = new URL(`${folder}${read.title}.md`, FIXTURES);
      // roam-to-git lost a page whose folder differs only in case; it puts continuation lines at
      // the margin, writes blocks shown as a document or numbered list without bullets, and
      // replaces block references by their text. Pages with any of these are not compared.
      if (!existsSync(file)) continue;
      const expected = readFileSync(file, "utf8");
      const blocks = JSON.stringify(read.children);
      if (blocks.includes("\\n") || blocks.includes("((") || expected.split("\n").some((line) => line !== "" && !/^( {4})*- /.test(line))) continue;
      expect(pageMarkdown(read), read.title).toBe(expected);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(350);
  });
});

describe("zip file names", () => {
  it("makes folders of slashes and escapes what file systems refuse, reversibly", () => {
    const cases: [string, string][] = [
      ["a/b", "a/b.md"],
      ["roam/css", "roam/css.md"],
      ["What? Why: \"this\" <b> | c*", "What%3F Why%3A %22this%22 %3Cb%3E %7C c%2A.md"],
      ["100%", "100%25.md"],
      ["line\nbreak", "line%0Abreak.md"],
      [" roam/cn ", " roam/cn%20.md"],
      ["etc.", "etc%2E.md"],
      ["CON", "%43ON.md"],
      ["a//b", "a%2F%2Fb.md"],
      ["/lead", "%2Flead.md"],
      ["../up", "..%2Fup.md"],
      ["back\\slash", "back%5Cslash.md"],
      ["廣東話 😉", "廣東話 😉.md"],
    ];
    for (const [title, path] of cases) {
      expect(zipPathOfTitle(title)).toBe(path);
      expect(titleOfZipPath(path)).toBe(title);
    }
  });

  it("never gives two titles paths equal when case is ignored, and each path reads back as its title (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: fc.constantFrom("a", "A", "b", "B", "/", "%", ".", " ", ":", "é", "É"), minLength: 1, maxLength: 6 }), { maxLength: 12 }), (titles) => {
        const paths = new ZipPaths();
        const written = titles.map((title) => paths.pathOf(title));
        expect(new Set(written.map((p) => p.toLowerCase())).size).toBe(titles.length);
        expect(written.map(titleOfZipPath)).toEqual(titles);
        for (const path of written) for (const part of path.split("/")) expect(part).not.toMatch(/^(\.|\.\.|)$|[ .]$|[<>:"\\|?*]/);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});

describe("writeRoamMarkdownZip", () => {
  it("writes every page as its file, keeping pages whose titles differ only in case apart", async () => {
    const files = await zipOf([page("Slider", [block("a")]), page("slider", [block("b")]), page("SLIDER", [block("c")]), page("roam/css", [block("x")]), page("Empty")]);
    expect(files).toEqual({
      "Slider.md": "- a\n",
      "%73lider.md": "- b\n",
      "%53%4C%49%44%45%52.md": "- c\n",
      "roam/css.md": "- x\n",
      "Empty.md": "",
    });
    expect(Object.keys(files).map(titleOfZipPath)).toEqual(["Slider", "slider", "SLIDER", "roam/css", "Empty"]);
  });

  it("streams: bytes come out page by page", async () => {
    const pages = Array.from({ length: 50 }, (_, i) => page(`Page ${i}`, [block(`text ${i} `.repeat(200))]));
    let chunks = 0;
    for await (const _ of writeRoamMarkdownZip(pages)) chunks += 1;
    expect(chunks).toBeGreaterThanOrEqual(50);
  });
});
