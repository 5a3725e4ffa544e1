// Renaming in block text: each link form respelled, everything else byte for byte; checked on
// examples, on strings built from the grammar's pieces (property tests, pinned seed) and on
// every block of the real graphs in ../shared.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blocksOfFile, sharedFiles } from "../../test/shared-corpus";
import type { MarkupNode } from "./ast";
import { parse } from "./parse";
import { renamedTitle, rewriteLinks, titleProblem } from "./rename";

function rewritten(text: string, from: string, to: string): string {
  const result = rewriteLinks(text, from, to);
  if (!result.ok) throw new Error(result.reason);
  return result.text;
}

describe("rewriteLinks", () => {
  it.each([
    ["see [[Old]] today", "see [[New page]] today"],
    ["#Old and #[[Old]]", "#[[New page]] and #[[New page]]"],
    ["Old:: value [[Old]]", "New page:: value [[New page]]"],
    ["[x]([[Old]]) and [[Old]]'s", "[x]([[New page]]) and [[New page]]'s"],
    ["[[a [[Old]] b]]", "[[a [[New page]] b]]"],
    ["{{embed: [[Old]]}} {{[[Old]]: args}}", "{{embed: [[New page]]}} {{[[New page]]: args}}"],
    ["> quote **[[Old]]**", "> quote **[[New page]]**"],
  ])("rewrites %j", (text, expected) => {
    expect(rewritten(text, "Old", "New page")).toBe(expected);
  });

  it("keeps a bare tag bare when the new title allows it", () => {
    expect(rewritten("#Old. and #Old", "Old", "Neu")).toBe("#Neu. and #Neu");
  });

  it("leaves plain text, code, math, other pages and other cases alone", () => {
    const text = "Old `[[Old]]` $$[[Old]]$$ [[old]] [[Older]] #Olde ```\n[[Old]]``` Old::x";
    expect(rewriteLinks(text, "Old", "New")).toEqual({ ok: true, text, changed: false });
  });

  it("matches titles exactly, spaces and all", () => {
    expect(rewritten("[[ Old ]] [[Old]]", " Old ", "X")).toBe("[[X]] [[Old]]");
  });

  it("renames titles with brackets, #, /, ?, %, emoji and CJK", () => {
    expect(rewritten("[[[[A]]'s Notes]] [[A]]", "[[A]]'s Notes", "B's Notes")).toBe("[[B's Notes]] [[A]]");
    expect(rewritten("#[[a/b?c%d]] [[a/b?c%d]]", "a/b?c%d", "😀 日本")).toBe("#[[😀 日本]] [[😀 日本]]");
    expect(rewritten("#日本 x", "日本", "中文")).toBe("#中文 x");
  });

  it("matches a link written in decomposed Unicode to its NFC title", () => {
    expect(rewritten("[[Cafe\u0301]]", "Café", "Bar")).toBe("[[Bar]]");
  });

  it("brackets a bare tag that would run into what follows it", () => {
    expect(rewritten("#Old**b** end", "Old", "a*")).toBe("#[[a*]]**b** end");
  });

  it("refuses an attribute name the grammar cannot read", () => {
    const result = rewriteLinks("Old:: value", "Old", "a:b");
    expect(result).toEqual({ ok: false, reason: expect.stringContaining("attribute name") });
  });
});

describe("renamedTitle", () => {
  it("renames the page itself and pages whose titles nest its link", () => {
    expect(renamedTitle("Old", "Old", "New")).toBe("New");
    expect(renamedTitle("a [[Old]] b", "Old", "New")).toBe("a [[New]] b");
    expect(renamedTitle("x [[a [[Old]]]]", "Old", "New")).toBe("x [[a [[New]]]]");
    expect(renamedTitle("Old news", "Old", "New")).toBe("Old news");
  });
});

describe("titleProblem", () => {
  it("accepts titles links can name", () => {
    for (const title of ["a/b", "[[A]]'s Notes", "Why? 100%", "😀", "日本語", " padded ", "#hash"]) expect(titleProblem(title)).toBeNull();
  });
  it("names what is wrong with one they cannot", () => {
    expect(titleProblem("  ")).toMatch(/blank/);
    expect(titleProblem("a]]b")).toMatch(/cannot be written as a link/);
    expect(titleProblem("a\nb")).toMatch(/line break/);
    expect(titleProblem("TODO")).toMatch(/markup/);
  });
});

/** The source of every code, code block and math node, in order: what a rename must never touch. */
function opaqueParts(text: string): string[] {
  const parts: string[] = [];
  const walk = (node: MarkupNode) => {
    if (node.type === "code" || node.type === "codeBlock" || node.type === "math") parts.push(text.slice(node.start, node.end));
    if ("children" in node) for (const child of node.children) walk(child);
    if (node.type === "alias" || node.type === "embed") walk(node.target);
  };
  walk(parse(text));
  return parts;
}

const piece = fc.constantFrom(
  "[[Old]]", "#Old", "#[[Old]]", "Old:: ", "[x]([[Old]])", "[[a [[Old]] b]]", "Old", "old", "[[Older]]", "`[[Old]]`",
  "```\n[[Old]]```", "$$[[Old]]$$", "**", "[", "]]", " ", ".", "#", "((abcdefghi))", "{{embed: [[Old]]}}", "[[x]]", "\n",
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

describe("rewriteLinks, properties", () => {
  it("renaming there and back gives the text back, and never touches code or math", () => {
    fc.assert(
      fc.property(text, (source) => {
        const there = rewriteLinks(source, "Old", "Neu");
        if (!there.ok) return;
        expect(opaqueParts(there.text)).toEqual(opaqueParts(source));
        expect(rewritten(there.text, "Neu", "Old")).toBe(source);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
  });

  it("changes nothing in a text that never links the page", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (source) => {
        fc.pre(!source.includes("Old"));
        expect(rewriteLinks(source, "Old", "New")).toEqual({ ok: true, text: source, changed: false });
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it("respells every block of the shared graphs so it links the new title instead", () => {
    let renamed = 0;
    for (const file of sharedFiles()) {
      for (const block of blocksOfFile(file)) {
        const first = parse(block).children.find((node) => node.type === "pageLink");
        if (first?.type !== "pageLink" || titleProblem(first.title) !== null) continue;
        const result = rewriteLinks(block, first.title, "Renamed ✓");
        expect(result.ok, block).toBe(true);
        if (result.ok) {
          renamed += 1;
          expect(opaqueParts(result.text)).toEqual(opaqueParts(block));
        }
      }
    }
    expect(renamed).toBeGreaterThan(100);
  });
});
