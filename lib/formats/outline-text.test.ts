import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatOutlineText, parseOutlineText, type OutlineNode } from "./outline-text";

const leaf = (content: string, ...children: OutlineNode[]): OutlineNode => ({ content, children });

describe("parseOutlineText", () => {
  it("reads Roam's four-space layout", () => {
    expect(parseOutlineText("- a\n    - b\n        - c\n    - d\n- e")).toEqual([leaf("a", leaf("b", leaf("c")), leaf("d")), leaf("e")]);
  });

  it("reads Logseq's tabs, two-space pastes, * and numbered bullets alike", () => {
    const expected = [leaf("a", leaf("b")), leaf("c")];
    expect(parseOutlineText("- a\n\t- b\n- c")).toEqual(expected);
    expect(parseOutlineText("* a\n  * b\n* c")).toEqual(expected);
    expect(parseOutlineText("1. a\n   1. b\n2. c")).toEqual(expected);
  });

  it("nests odd indentation relative to the lines above", () => {
    expect(parseOutlineText("- a\n   - b\n - c\n- d")).toEqual([leaf("a", leaf("b"), leaf("c")), leaf("d")]);
  });

  it("keeps continuation lines (and blank lines inside them) in their block; CRLF is a line break", () => {
    const text = "- a first\r\n  second line\r\n\r\n  after a blank\r\n    - b\r\n      more of b\r\n\r\n- c";
    expect(parseOutlineText(text)).toEqual([leaf("a first\nsecond line\n\nafter a blank", leaf("b\nmore of b")), leaf("c")]);
  });

  it("makes one block per paragraph of text without bullets", () => {
    expect(parseOutlineText("First paragraph\nstill first\n\n\nSecond one\n")).toEqual([leaf("First paragraph\nstill first"), leaf("Second one")]);
  });

  it("keeps text before the first bullet, and empty bullets", () => {
    expect(parseOutlineText("Title line\n- a\n-\n- b")).toEqual([leaf("Title line"), leaf("a"), leaf(""), leaf("b")]);
  });
});

describe("formatOutlineText", () => {
  it("writes Roam's layout, continuation lines aligned under the text", () => {
    expect(formatOutlineText([leaf("a\nline two", leaf("b")), leaf("c")])).toBe("- a\n  line two\n    - b\n- c");
  });
});

// Block text that cannot be mistaken for outline syntax at the start of a line.
const lineArb = fc.stringMatching(/^[A-Za-z[#({][^\n\r]{0,20}$/).map((line) => line.trimEnd()).filter((line) => line.length > 0);
const contentArb = fc.array(lineArb, { minLength: 1, maxLength: 3 }).map((lines) => lines.join("\n"));
const { tree: treeArb } = fc.letrec<{ tree: OutlineNode[]; node: OutlineNode }>((tie) => ({
  tree: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
  node: fc.record({ content: contentArb, children: fc.oneof({ depthSize: "small", withCrossShrink: true }, fc.constant<OutlineNode[]>([]), tie("tree")) }),
}));

describe("round trip (property)", () => {
  it("reading what was written gives back the same tree", () => {
    fc.assert(
      fc.property(treeArb, (tree) => {
        expect(parseOutlineText(formatOutlineText(tree))).toEqual(tree);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("a first block without a bullet", () => {
  it("keeps the indented bullets below it as its children, as Logseq writes a page", () => {
    const text = "## Beta 0.10.15\n\t- [[Fixed issues]]\n\t\t- one fix\n- Next top-level";
    expect(parseOutlineText(text)).toEqual([
      { content: "## Beta 0.10.15", children: [{ content: "[[Fixed issues]]", children: [{ content: "one fix", children: [] }] }] },
      { content: "Next top-level", children: [] },
    ]);
  });
});

