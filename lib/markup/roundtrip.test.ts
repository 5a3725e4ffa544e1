// serialize(parse(s)) === s for every string, and the tree's offsets are exact: each node's
// range of the source is what the node serializes to. Checked on strings built from the
// grammar's pieces, on arbitrary Unicode, on every line and block of the real graphs in
// ../shared, and on inputs that once failed.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { blocksOfFile, sharedExists, sharedFiles } from "../../test/shared-corpus";
import type { MarkupNode } from "./ast";
import { parse } from "./parse";
import { extractRefs } from "./refs";
import { serialize } from "./serialize";

function childrenOf(node: MarkupNode): readonly MarkupNode[] {
  switch (node.type) {
    case "alias":
      return [...node.children, node.target];
    case "embed":
      return [node.target];
    case "block":
    case "attribute":
    case "quote":
    case "pageLink":
    case "tag":
    case "component":
    case "bold":
    case "italic":
    case "highlight":
    case "strike":
      return node.children;
    default:
      return [];
  }
}

/** Every way the tree of `source` can disagree with it, as readable messages. */
function spanProblems(source: string): string[] {
  const problems: string[] = [];
  const check = (node: MarkupNode, parent: MarkupNode | undefined) => {
    const where = `${node.type}[${node.start},${node.end})`;
    if (!(node.start >= 0 && node.start <= node.end && node.end <= source.length)) problems.push(`${where} out of range`);
    if (parent && (node.start < parent.start || node.end > parent.end)) problems.push(`${where} outside its parent`);
    const slice = source.slice(node.start, node.end);
    if (serialize(node) !== slice) problems.push(`${where} serializes to ${JSON.stringify(serialize(node))}, source has ${JSON.stringify(slice)}`);
    if (node.type === "text" && node.text.length === 0) problems.push(`${where} empty text`);
    const children = childrenOf(node);
    for (let k = 1; k < children.length; k++) {
      const previous = children[k - 1];
      const current = children[k];
      if (previous && current && current.start < previous.end) problems.push(`${where} children overlap`);
      if (previous?.type === "text" && current?.type === "text" && previous.end === current.start) problems.push(`${where} has adjacent texts`);
    }
    for (const child of children) check(child, node);
  };
  const root = parse(source);
  if (root.start !== 0 || root.end !== source.length) problems.push("root does not span the source");
  check(root, undefined);
  return problems;
}

function roundTrips(source: string): void {
  expect(serialize(parse(source))).toBe(source);
  expect(spanProblems(source)).toEqual([]);
  const refs = extractRefs(source);
  for (const uid of refs.blockUids) expect(source).toContain(uid);
  for (const page of refs.pages) expect(page.title).toBe(page.title.normalize("NFC"));
}

const PIECES = [
  "[[", "]]", "((", "))", "{{", "}}", "#", "::", "**", "__", "^^", "~~", "`", "```", "$$", ">", "> ",
  "[", "]", "](", "(", ")", "!", "http://", "https://", "{", "}", ":", "<<slider>>", "<<", ">>",
  "embed", "[[embed]]", "TODO", "DONE", "slider", "query", "uid1", "*", "_", "^", "~", "$", ".", ",",
  "'", '"', "-", "/", "&", "\\", " ", "  ", "\n", "\t", "a", "b", "Z", "9", "é", "e\u0301", "日本", "😀", "\u00a0", "，",
];

const grammarString = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join(""));

describe("round trip", () => {
  it("holds for 10,000 strings built from the grammar's pieces", () => {
    fc.assert(
      fc.property(grammarString, (source) => {
        roundTrips(source);
      }),
      { numRuns: 10_000 },
    );
  });

  it("holds for arbitrary Unicode, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (source) => {
        roundTrips(source);
      }),
      { numRuns: 2_000 },
    );
  });

  it("holds for long strings of one repeated piece", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 3_000 }), (piece, count) => {
        roundTrips(piece.repeat(count));
      }),
      { numRuns: 200 },
    );
  });
});

describe("named cases", () => {
  // Inputs that a naive scanner gets wrong, written down while designing this one. No generated
  // input has failed so far; when one does, add its shrunk counterexample here with a name.
  it.each([
    ["a style delimiter right after a tag", "#a**b**"],
    ["a fence that is never closed, then inline code", "```x `y`"],
    ["an alias whose target is a page link followed by more", "[x]([[a]] b)"],
    ["a page-link target nested in alias attempts", "[x]([[ [x]([[ a ]] ) ]] )"],
    ["braces closing inside a link", "{{[[a}}]]"],
    ["a URL running into a code span", "https://x.org/`a`[[b]]`"],
    ["a URL running into math", "https://x.org/$$a b**$$**c**"],
    ["empty math then math", "$$$$x$$"],
    ["deep nesting past the limit", `${"[[".repeat(200)}x${"]]".repeat(200)}`],
    ["an attribute whose value opens a quote", "Key:: > x"],
  ])("%s", (_name, source) => {
    roundTrips(source);
  });

  // Parsing 1.3 million characters takes a few seconds on a busy 2-core machine.
  it("a block of over a million characters, then a short one in the same buffers", { timeout: 60_000 }, () => {
    roundTrips("[[a]] **b** `c` {{d}} ".repeat(60_000));
    roundTrips("[[a");
    roundTrips("x]] **");
  });
});

describe.skipIf(!sharedExists())("the real graphs in ../shared", () => {
  const files = sharedFiles();

  it("has files to read", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("round-trips every file whole, every line and every block", { timeout: 60_000 }, () => {
    let checked = 0;
    for (const file of files) {
      const whole = readFileSync(file, "utf8");
      const sources = file.endsWith(".json") ? blocksOfFile(file) : [whole, ...whole.split("\n"), ...blocksOfFile(file)];
      for (const source of sources) {
        if (serialize(parse(source)) !== source) throw new Error(`${file}: does not round-trip: ${JSON.stringify(source.slice(0, 200))}`);
        const problems = spanProblems(source);
        if (problems.length > 0) throw new Error(`${file}: ${problems.slice(0, 3).join("; ")} in ${JSON.stringify(source.slice(0, 200))}`);
        extractRefs(source);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});
