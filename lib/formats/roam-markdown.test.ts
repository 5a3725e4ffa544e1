import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHARED_DIR } from "../../test/shared-corpus";
import { derivedUid, GraphReadError, type GraphBlock, type GraphPage, type GraphSource } from "./graph";
import { formatOutlineText, type OutlineNode } from "./outline-text";
import { readMarkdownPage } from "./roam-markdown";

const SEED = join(SHARED_DIR, "seeds", "roam-daily-page.md");
const utf8 = (text: string) => new TextEncoder().encode(text);

async function onlyPage(source: GraphSource): Promise<GraphPage> {
  const pages: GraphPage[] = [];
  for await (const page of source.pages) pages.push(page);
  expect(pages).toHaveLength(1);
  return pages[0] as GraphPage;
}

function* walk(blocks: readonly GraphBlock[]): Generator<GraphBlock> {
  for (const block of blocks) {
    yield block;
    yield* walk(block.children);
  }
}

const tree = (blocks: readonly GraphBlock[]): OutlineNode[] => blocks.map((block) => ({ content: block.content, children: tree(block.children) }));

describe("readMarkdownPage on the seed (UTF-8 once read as Mac Roman)", () => {
  it("gives one page with the text, slider, DONE, headings and Cantonese line restored", async () => {
    expect(existsSync(SEED), `the seed page is missing: ${SEED}`).toBe(true);
    const raw = readFileSync(SEED);
    const source = readMarkdownPage("roam-daily-page.md", raw);
    const page = await onlyPage(source);
    expect(page.title).toBe("roam-daily-page");
    expect(page.children[0]?.content).toBe("Always radiate your gratitude, good vibe and hope.");
    expect(page.children[2]?.content).toBe("Kill people with kindness 😉");
    const blocks = [...walk(page.children)];
    // Independent reading of the file: one block per bullet line, headings marked by "# ".
    const text = raw.toString("utf8");
    expect(blocks).toHaveLength(text.split("\n").filter((line) => /^\s*- /.test(line)).length);
    expect(blocks.filter((block) => block.content === "{{slider}}")).toHaveLength((text.match(/\{\{slider\}\}/g) ?? []).length);
    expect(blocks.filter((block) => block.content.startsWith("{{[[DONE]]}} Takeaways"))).toHaveLength(1);
    const headings = text.split("\n").filter((line) => /^\s*- #{1,3} /.test(line)).length;
    expect(blocks.filter((block) => block.props.heading !== undefined)).toHaveLength(headings);
    expect(blocks.find((block) => block.content === "[Impact]")?.props.heading).toBe(1);
    expect(blocks.find((block) => block.content === "1. Why drivers were expired?")?.props.heading).toBe(2);
    expect(blocks.map((block) => block.content)).toContain("每一秒都要花係最重要嘅**人同事**上面");
    expect(blocks.some((block) => /[ÃÂ‚Ä]|üò/.test(block.content))).toBe(false);
    expect(source.report.repairs.length).toBeGreaterThan(0);
    expect(source.report.repairs[0]).toMatchObject({ where: "roam-daily-page.md line 3" });
  });

  it("takes the title the user gave, and a daily title as the daily page", async () => {
    const page = await onlyPage(readMarkdownPage("x.md", utf8("- a"), { title: "November 28th, 2026" }));
    expect(page).toMatchObject({ title: "November 28th, 2026", dailyDate: "2026-11-28" });
    expect((await onlyPage(readMarkdownPage("Nov 28.md", utf8("- a")))).dailyDate).toBeNull();
  });
});

describe("readMarkdownPage edge cases", () => {
  it("reads an empty file as a page with no blocks", async () => {
    const page = await onlyPage(readMarkdownPage("Empty.md", new Uint8Array()));
    expect(page).toMatchObject({ title: "Empty", children: [] });
  });

  it("reads the same blocks with or without a trailing newline, with CRLF and with a BOM", async () => {
    const body = "- a\n    - b\n- c";
    const expected = [
      { content: "a", children: [{ content: "b", children: [] }] },
      { content: "c", children: [] },
    ];
    for (const variant of [body, `${body}\n`, body.replace(/\n/g, "\r\n"), `\uFEFF${body}`]) {
      expect(tree((await onlyPage(readMarkdownPage("p.md", utf8(variant)))).children)).toEqual(expected);
    }
  });

  it("joins continuation lines to their block and keeps fenced lines that look like bullets", async () => {
    const text = "- first\n  second line\n    - ```js\nconst a = 1;\n- not a bullet\n```\n- last";
    const page = await onlyPage(readMarkdownPage("p.md", utf8(text)));
    expect(tree(page.children)).toEqual([
      { content: "first\nsecond line", children: [{ content: "```js\nconst a = 1;\n- not a bullet\n```", children: [] }] },
      { content: "last", children: [] },
    ]);
  });

  it("tolerates tabs, two spaces and `* ` bullets", async () => {
    for (const text of ["- a\n\t- b\n\t\t- c\n- d", "* a\n  * b\n    * c\n* d", "- a\n  - b\n    - c\n- d"]) {
      const page = await onlyPage(readMarkdownPage("p.md", utf8(text)));
      expect(tree(page.children)).toEqual([
        { content: "a", children: [{ content: "b", children: [{ content: "c", children: [] }] }] },
        { content: "d", children: [] },
      ]);
    }
  });

  it("reads a page without bullets as one block a line, headings included", async () => {
    const page = await onlyPage(readMarkdownPage("Index.md", utf8("## Welcome\n# Goals\n[[a]] | [[b]]\n\n----")));
    expect(page.children.map((block) => [block.content, block.props.heading])).toEqual([
      ["Welcome", 2],
      ["Goals", 1],
      ["[[a]] | [[b]]", undefined],
      ["----", undefined],
    ]);
  });

  it("derives block uids from the title and position, the same on every read", async () => {
    const read = async () => (await onlyPage(readMarkdownPage("P.md", utf8("- a\n    - b")))).children;
    const [first, second] = [await read(), await read()];
    expect(first[0]?.uid).toBe(derivedUid("roam-markdown", "P", [0]));
    expect(first[0]?.children[0]?.uid).toBe(derivedUid("roam-markdown", "P", [0, 0]));
    expect(second[0]?.children[0]?.uid).toBe(first[0]?.children[0]?.uid);
  });

  it("never 'repairs' correct text", async () => {
    const text = "- café über Straße\n- 漢字かな 😉\n- Ã is a letter in São Tomé: Ãgua";
    const source = readMarkdownPage("p.md", utf8(text));
    const page = await onlyPage(source);
    expect(page.children.map((block) => block.content)).toEqual(["café über Straße", "漢字かな 😉", "Ã is a letter in São Tomé: Ãgua"]);
    expect(source.report.repairs).toEqual([]);
  });

  it("refuses a binary file and an empty title", () => {
    expect(() => readMarkdownPage("p.md", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow(GraphReadError);
    expect(() => readMarkdownPage(".md", utf8("- a"))).toThrow("The page needs a title.");
  });

  it("reads bytes that are not UTF-8 as Windows-1252 and says so", async () => {
    const source = readMarkdownPage("p.md", new Uint8Array([0x2d, 0x20, 0x63, 0x61, 0x66, 0xe9]));
    expect((await onlyPage(source)).children[0]?.content).toBe("café");
    expect(source.report.problems).toEqual([{ where: "p.md", message: expect.stringContaining("Windows-1252") }]);
  });
});

// Contents Roam markdown can carry unambiguously: no leading/trailing white space, no line that
// reads as a bullet, a heading or a fence, no trailing blank line.
const word = fc.constantFrom("a", "Page", "[[link]]", "#tag", "((uid))", "é", "Straße", "漢字", "😉", "1.", "x*", "-y", "`c`", "{{slider}}");
const line = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(" "));
const content = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join("\n"));
const outlineOf = (depth: number): fc.Arbitrary<OutlineNode[]> =>
  fc.array(
    fc.record({ content, children: depth === 0 ? fc.constant<OutlineNode[]>([]) : outlineOf(depth - 1) }),
    { maxLength: 3 },
  );
const outline = outlineOf(4);

describe("Roam markdown round trip", () => {
  it("reads a written outline back as the same tree", async () => {
    await fc.assert(
      fc.asyncProperty(outline, async (nodes) => {
        const page = await onlyPage(readMarkdownPage("p.md", utf8(formatOutlineText(nodes))));
        expect(tree(page.children)).toEqual(nodes);
      }),
      { seed: 8, numRuns: 200 },
    );
  });
});
