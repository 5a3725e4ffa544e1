import { readFileSync } from "node:fs";
import fc from "fast-check";
import { generateNKeysBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { sharedFiles } from "../../test/shared-corpus";
import { checkTree } from "../outline/check";
import type { Edit } from "../outline/edits";
import { outline, render } from "../outline/fixtures";
import { applyPrimitives, type PrimitiveOp } from "../outline/primitive";
import { withSliderValue } from "../outline/props";
import { MAX_CONTENT_LENGTH } from "../outline/schema";
import { childrenOf, getBlock, treeOf, withBlock, type BlockNode, type BlockProps, type Tree } from "../outline/tree";
import {
  LOAM_MIME,
  clipNodesOf,
  copyPayload,
  formatLoamJson,
  parseLoamJson,
  pasteBlocks,
  readAsText,
  readClipboard,
  type ClipNode,
} from "./clipboard";

const node = (content: string, ...children: ClipNode[]): ClipNode => ({ content, props: {}, children });
const withNodeProps = (props: BlockProps, clip: ClipNode): ClipNode => ({ ...clip, props });
const blocks = (...nodes: ClipNode[]) => ({ kind: "blocks", nodes });
const text = (value: string) => ({ kind: "text", text: value });

function withProps(tree: Tree, uid: string, props: BlockProps): Tree {
  const block = getBlock(tree, uid);
  if (!block) throw new Error(`no block ${uid}`);
  return withBlock(tree, { ...block, props });
}

function uids(prefix = "n"): () => string {
  let count = 0;
  return () => `${prefix}${++count}`;
}

/** The tree after `edit`, applied by the real rules and checked. */
function after(tree: Tree, edit: Edit): Tree {
  if (!edit.ok) throw new Error(edit.reason);
  const result = applyPrimitives(tree, edit.ops);
  if (!result.ok) throw new Error(result.reason);
  expect(checkTree(result.tree)).toEqual([]);
  return result.tree;
}

/**
 * The tree after `ops`, built in one go: applyPrimitives copies the block map per op, too slow
 * for the 10,000-block tests (which is why pasteBlocks checks its ops in one pass too).
 */
function afterInBulk(tree: Tree, ops: readonly PrimitiveOp[]): Tree {
  const map = new Map(tree.blocks);
  for (const op of ops) {
    const block = map.get(op.uid);
    if (op.type === "create") map.set(op.uid, { uid: op.uid, parent: op.parent, order: op.order, content: op.content, props: op.props ?? {} });
    else if (op.type === "update" && block) map.set(op.uid, { ...block, content: op.content });
    else if (op.type === "setProps" && block) map.set(op.uid, { ...block, props: op.props });
    else throw new Error(`unexpected op ${op.type}`);
  }
  const result = treeOf(map.values());
  expect(checkTree(result)).toEqual([]);
  return result;
}

describe("clipNodesOf", () => {
  it("copies the roots' whole subtrees in the order given, props as they are (collapsed children too)", () => {
    let tree = outline("- a", "  - a1", "    - a2", "- b", "- c");
    const slider = withSliderValue({}, 0, "user-1", 7);
    tree = withProps(tree, "a", { collapsed: true, heading: 2 });
    tree = withProps(tree, "a2", slider);
    expect(clipNodesOf(tree, ["c", "a"])).toEqual([
      node("c"),
      withNodeProps({ collapsed: true, heading: 2 }, node("a", node("a1", withNodeProps(slider, node("a2"))))),
    ]);
  });

  it("skips a root inside another root's subtree, a repeated root and an unknown uid", () => {
    const tree = outline("- a", "  - a1", "- b");
    expect(clipNodesOf(tree, ["a1", "a", "a", "zz", "b"])).toEqual([node("a", node("a1")), node("b")]);
  });
});

describe("copyPayload", () => {
  const nodes = [withNodeProps({ heading: 1 }, node("a <b> & **c**\nsecond line", node("child"))), node("d")];

  it("puts Roam's outline layout in text/plain, continuation lines aligned under the text", () => {
    expect(copyPayload(nodes).plain).toBe("- a <b> & **c**\n  second line\n    - child\n- d");
    expect(copyPayload([node("alone")]).plain).toBe("- alone");
  });

  it("puts nested lists of the raw markup in text/html, with Loam's JSON on the root list", () => {
    const { html, loam } = copyPayload(nodes);
    const attribute = loam.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    expect(html).toBe(`<ul data-loam="${attribute}"><li>a &lt;b&gt; &amp; **c**<br>second line<ul><li>child</li></ul></li><li>d</li></ul>`);
  });

  it("puts the blocks with their props in Loam's JSON", () => {
    expect(JSON.parse(copyPayload(nodes).loam)).toEqual({ loam: 1, blocks: nodes });
    expect(LOAM_MIME).toBe("application/x-loam-blocks+json");
  });
});

describe("readClipboard: which flavour", () => {
  const nodes = [withNodeProps({ collapsed: true }, node("a", node("b"))), node("c")];
  const payload = copyPayload(nodes);

  it("prefers Loam's JSON, props and all", () => {
    expect(readClipboard({ loam: payload.loam, html: "<ul><li>x</li><li>y</li></ul>", plain: "- p\n- q" })).toEqual(blocks(...nodes));
  });

  it("falls back to the JSON in the HTML's data-loam when the custom type did not travel", () => {
    expect(readClipboard({ loam: "", html: payload.html, plain: payload.plain })).toEqual(blocks(...nodes));
    expect(readClipboard({ html: `<meta charset="utf-8">${payload.html}` })).toEqual(blocks(...nodes));
  });

  it("passes over JSON that is broken or of the wrong shape", () => {
    const lists = "<ul><li>x</li><li>y</li></ul>";
    for (const loam of ["{", "null", '{"loam":2,"blocks":[]}', '{"loam":1,"blocks":[{"content":1,"props":{},"children":[]}]}', '{"loam":1,"blocks":[{"content":"a","props":{},"children":[{"content":"b"}]}]}']) {
      expect(readClipboard({ loam, html: lists })).toEqual(blocks(node("x"), node("y")));
      expect(readClipboard({ html: `<ul data-loam='${loam}'><li>x</li><li>y</li></ul>` })).toEqual(blocks(node("x"), node("y")));
    }
  });

  it("reads an HTML list from a web page before its prose text/plain", () => {
    const html = `<meta charset="utf-8"><ol style="color: rgb(0, 0, 0);"><li><p><strong>Preheat</strong> the oven</p></li><li><p>Mix&nbsp;flour &amp; water</p><ul><li>slowly</li></ul></li></ol>`;
    expect(readClipboard({ html, plain: "Preheat the oven\nMix flour & water\nslowly\n" })).toEqual(blocks(node("**Preheat** the oven"), node("Mix flour & water", node("slowly"))));
  });

  it("prefers a `- ` outline in text/plain to the HTML list an outliner rendered from it (the raw markup survives)", () => {
    const html = '<ul><li><a class="page-ref">page</a> text<ul><li>child</li></ul></li></ul>';
    expect(readClipboard({ html, plain: "- [[page]] text\n\t- child" })).toEqual(blocks(node("[[page]] text", node("child"))));
  });

  it("reads HTML without lists as its text/plain, or as paragraphs when there is none", () => {
    expect(readClipboard({ html: "<p><b>one</b></p><p>two</p>", plain: "one\n\ntwo" })).toEqual(blocks(node("one"), node("two")));
    expect(readClipboard({ html: "<p><b>one</b></p><p>two</p>" })).toEqual(blocks(node("**one**"), node("two")));
    expect(readClipboard({ html: "<span>just <i>this</i></span>" })).toEqual(text("just __this__"));
  });

  it("gives empty text for an empty clipboard", () => {
    expect(readClipboard({})).toEqual(text(""));
    expect(readClipboard({ loam: "", html: "", plain: "" })).toEqual(text(""));
    expect(readClipboard({ plain: " \r\n\t\n" })).toEqual(text(""));
    expect(readClipboard({ loam: formatLoamJson([]) })).toEqual(text(""));
  });

  it("treats one childless block as text for the caret, unless it carries props", () => {
    expect(readClipboard({ loam: formatLoamJson([node("just text")]) })).toEqual(text("just text"));
    const heading = withNodeProps({ heading: 2 }, node("Title"));
    expect(readClipboard({ loam: formatLoamJson([heading]) })).toEqual(blocks(heading));
    expect(readClipboard({ html: "<ul><li>one item</li></ul>" })).toEqual(text("one item"));
  });
});

describe("readClipboard: plain text", () => {
  const read = (plain: string) => readClipboard({ plain });

  it("reads Roam's four-space outline", () => {
    expect(read("- a\n    - b\n        - c\n    - d\n- e\n")).toEqual(blocks(node("a", node("b", node("c")), node("d")), node("e")));
  });

  it("reads Logseq's tabs, keeping `key:: value` property lines as lines of the block", () => {
    const logseq = "- ## Usage\n\tcollapsed:: true\n\t- First step\n\t  id:: 6103e488-22d4-4751-b27a-69b278067c26\n\t\t- type:: [[Command]]\n\t\t  name:: Zotero\n- Next";
    expect(read(logseq)).toEqual(
      blocks(node("## Usage\ncollapsed:: true", node("First step\nid:: 6103e488-22d4-4751-b27a-69b278067c26", node("type:: [[Command]]\nname:: Zotero"))), node("Next")),
    );
  });

  it("reads two-space and odd indentation relative to the lines above", () => {
    expect(read("- a\n  - b\n    - c\n- d")).toEqual(blocks(node("a", node("b", node("c"))), node("d")));
    expect(read("- a\n   - b\n - c\n      - d\n- e")).toEqual(blocks(node("a", node("b"), node("c", node("d"))), node("e")));
    expect(read("  - indented first\n  - second\n    - child")).toEqual(blocks(node("indented first"), node("second", node("child"))));
  });

  it("ignores blank lines between bullets, and CRLF line ends", () => {
    expect(read("- a\r\n\r\n    - b\r\n\r\n\r\n- c\r\n")).toEqual(blocks(node("a", node("b")), node("c")));
  });

  it("keeps continuation lines in their block, blank lines inside it too", () => {
    expect(read("- a first\n  a second\n\n  a after blank\n    - b\n      more b\n- c")).toEqual(
      blocks(node("a first\na second\n\na after blank", node("b\nmore b")), node("c")),
    );
  });

  it("makes one block per paragraph of prose", () => {
    expect(read("First paragraph,\nstill the first.\n\nSecond.\r\n\r\n\r\nThird.\n")).toEqual(blocks(node("First paragraph,\nstill the first."), node("Second."), node("Third.")));
  });

  it("gives one line, or one paragraph, as text for the caret, as it was but for the line break at the end", () => {
    expect(read("hello world\n")).toEqual(text("hello world"));
    expect(read("word ")).toEqual(text("word "));
    expect(read("\n  indented code\r\n    more\r\n\r\n")).toEqual(text("  indented code\n    more"));
  });

  it("gives a single bullet as its text, but a bullet with children as blocks", () => {
    expect(read("- a\n")).toEqual(text("a"));
    expect(read("* starred")).toEqual(text("starred"));
    expect(read("- a\n  more of a")).toEqual(text("a\nmore of a"));
    expect(read("- a\n    - b")).toEqual(blocks(node("a", node("b"))));
  });
});

describe("readAsText (Ctrl+Shift+V)", () => {
  it("gives text/plain as it is, CRLF as LF", () => {
    expect(readAsText({ plain: "- a\r\n    - b\r\n", html: "<ul><li>x</li></ul>" })).toBe("- a\n    - b\n");
  });

  it("gives the HTML's text when there is no text/plain, then the JSON's outline", () => {
    expect(readAsText({ plain: "", html: "<ul><li><b>a</b><ul><li>b</li></ul></li></ul>" })).toBe("a\nb");
    expect(readAsText({ loam: formatLoamJson([node("a", node("b"))]) })).toBe("- a\n    - b");
    expect(readAsText({})).toBe("");
  });
});

describe("round trips through the clipboard", () => {
  let tree = outline("- a", "  - a1", "    - a2", "  - a3", "- b", "- c");
  tree = withProps(tree, "a", { heading: 1, collapsed: true });
  tree = withProps(tree, "a3", withSliderValue({}, 0, "u", 4));
  const nodes = clipNodesOf(tree, ["a", "b"]);
  const payload = copyPayload(nodes);

  it("gives back the same blocks and props through Loam's JSON, or the HTML's data-loam", () => {
    expect(readClipboard(payload)).toEqual(blocks(...nodes));
    expect(readClipboard({ html: payload.html })).toEqual(blocks(...nodes));
  });

  it("gives back the same contents and structure, without props, through text/plain alone", () => {
    expect(readClipboard({ plain: payload.plain })).toEqual(blocks(node("a", node("a1", node("a2")), node("a3")), node("b")));
  });

  it("gives back the same contents and structure through the HTML's lists alone", () => {
    const html = payload.html.replace(/ data-loam="[^"]*"/, "");
    expect(readClipboard({ html })).toEqual(blocks(node("a", node("a1", node("a2")), node("a3")), node("b")));
  });

  it("pastes a copy with children and props into an empty block", () => {
    const target = outline("- x", "- #e");
    const edit = pasteBlocks(target, "e", 0, nodes, uids());
    const result = after(target, edit);
    expect(render(result)).toEqual(["- x", "- a", "  - a1", "    - a2", "  - a3", "- b"]);
    expect(clipNodesOf(result, childrenOf(result, null).slice(1))).toEqual(nodes);
  });
});

describe("pasteBlocks", () => {
  const pasted = [node("p", node("p1")), node("q")];

  it("into an empty block without children: the first node takes its place, the rest follow as siblings", () => {
    const tree = outline("- a", "- #e", "- z");
    const edit = pasteBlocks(tree, "e", 0, pasted, uids());
    expect(render(after(tree, edit))).toEqual(["- a", "- p", "  - p1", "- q", "- z"]);
    expect(edit.ok && edit.ops.slice(0, 1)).toEqual([{ type: "update", uid: "e", content: "p" }]);
    expect(edit.ok && edit.caret).toEqual({ uid: "n2", offset: 1 });
  });

  it("counts a block of white space as empty, and gives it the first node's props", () => {
    const tree = withProps(outline("- a", "-    #e"), "e", { heading: 3 });
    const first = withNodeProps({ collapsed: true }, node("p", node("p1")));
    const result = after(tree, pasteBlocks(tree, "e", 2, [first], uids()));
    expect(render(result)).toEqual(["- a", "- p", "  - p1"]);
    expect(getBlock(result, "e")?.props).toEqual({ collapsed: true });
  });

  it("at the start of a non-empty block: just above it, the caret at the end of the last pasted block", () => {
    const tree = outline("- a", "- target #t", "- z");
    const edit = pasteBlocks(tree, "t", 0, pasted, uids());
    expect(render(after(tree, edit))).toEqual(["- a", "- p", "  - p1", "- q", "- target", "- z"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "n3", offset: 1 });
  });

  it("in the middle or at the end of a block: right after it", () => {
    const tree = outline("- a", "- target #t", "- z");
    expect(render(after(tree, pasteBlocks(tree, "t", 3, pasted, uids())))).toEqual(["- a", "- target", "- p", "  - p1", "- q", "- z"]);
    expect(render(after(tree, pasteBlocks(tree, "t", 6, pasted, uids())))).toEqual(["- a", "- target", "- p", "  - p1", "- q", "- z"]);
  });

  it("after a block with children, expanded or collapsed: after its whole subtree, its children untouched", () => {
    const tree = outline("- target #t", "  - c1", "  - c2", "- z");
    const expected = ["- target", "  - c1", "  - c2", "- p", "  - p1", "- q", "- z"];
    expect(render(after(tree, pasteBlocks(tree, "t", 6, pasted, uids())))).toEqual(expected);
    const collapsed = withProps(tree, "t", { collapsed: true });
    expect(render(after(collapsed, pasteBlocks(collapsed, "t", 6, pasted, uids())))).toEqual(expected);
  });

  it("into an empty block that has children: after it, its children kept", () => {
    const tree = outline("- #e", "  - c");
    expect(render(after(tree, pasteBlocks(tree, "e", 0, pasted, uids())))).toEqual(["- ", "  - c", "- p", "  - p1", "- q"]);
  });

  it("keeps levels relative to the target's", () => {
    const tree = outline("- r", "  - s", "    - target #t", "    - u");
    const deep = [node("p", node("p1", node("p2"))), node("q")];
    expect(render(after(tree, pasteBlocks(tree, "t", 6, deep, uids())))).toEqual([
      "- r",
      "  - s",
      "    - target",
      "    - p",
      "      - p1",
      "        - p2",
      "    - q",
      "    - u",
    ]);
  });

  it("creates props and multi-line text as copied", () => {
    const tree = outline("- target #t");
    const edit = pasteBlocks(tree, "t", 6, [withNodeProps({ heading: 2 }, node("line one\nline two", node("c")))], uids());
    const result = after(tree, edit);
    expect(getBlock(result, "n1")).toMatchObject({ content: "line one\nline two", props: { heading: 2 } });
    expect(edit.ok && edit.caret).toEqual({ uid: "n2", offset: 1 });
  });

  it("refuses the whole paste when a block is too long, saying which and how long", () => {
    const tree = outline("- #e");
    const long = "x".repeat(MAX_CONTENT_LENGTH + 1);
    const edit = pasteBlocks(tree, "e", 0, [node("ok", node("fine"), node(long))], uids());
    expect(edit).toEqual({ ok: false, reason: expect.stringMatching(/^Pasted block 3 \("x{40}…"\) has 100,001 characters; a block holds at most 100,000\./) });
  });

  it("refuses uids that are taken, an unknown target and an empty paste", () => {
    const tree = outline("- a", "- b");
    expect(pasteBlocks(tree, "a", 1, [node("p")], () => "b")).toEqual({ ok: false, reason: "Block b already exists" });
    expect(pasteBlocks(tree, "a", 1, [node("p"), node("q")], () => "same")).toEqual({ ok: false, reason: "Block same already exists" });
    expect(pasteBlocks(tree, "zz", 0, [node("p")], uids()).ok).toBe(false);
    expect(pasteBlocks(tree, "a", 0, [], uids()).ok).toBe(false);
  });

  it("pastes 10,000 siblings between two blocks with short order keys", () => {
    const tree = outline("- a", "- b");
    const many = Array.from({ length: 10_000 }, (_, i) => node(`item ${i}`));
    const edit = pasteBlocks(tree, "a", 1, many, uids());
    if (!edit.ok) throw new Error(edit.reason);
    const result = afterInBulk(tree, edit.ops);
    const top = childrenOf(result, null);
    expect(top).toHaveLength(10_002);
    expect(top[0]).toBe("a");
    expect(top.at(-1)).toBe("b");
    expect(getBlock(result, top[5_001] ?? "")?.content).toBe("item 5000");
    expect(Math.max(...edit.ops.map((op) => (op.type === "create" ? op.order.length : 0)))).toBeLessThanOrEqual(8);
  });

  it("copies and pastes a tree 500 deep, and a 10,000-block outline, through every flavour", () => {
    let chain = node("leaf 500");
    for (let depth = 499; depth >= 1; depth--) chain = node(`level ${depth}`, chain);
    const wide = Array.from({ length: 100 }, (_, i) => node(`group ${i}`, ...Array.from({ length: 99 }, (_, j) => node(`item ${i}.${j}`))));
    for (const nodes of [[chain], wide]) {
      const tree = outline("- #e");
      const edit = pasteBlocks(tree, "e", 0, nodes, uids());
      if (!edit.ok) throw new Error(edit.reason);
      const pastedTree = afterInBulk(tree, edit.ops);
      const copied = clipNodesOf(pastedTree, childrenOf(pastedTree, null));
      expect(copied).toEqual(nodes);
      const payload = copyPayload(copied);
      expect(readClipboard({ loam: payload.loam })).toEqual(blocks(...nodes));
      expect(readClipboard({ html: payload.html })).toEqual(blocks(...nodes));
      expect(readClipboard({ html: payload.html.replace(/ data-loam="[^"]*"/, "") })).toEqual(blocks(...nodes));
      expect(readClipboard({ plain: payload.plain })).toEqual(blocks(...nodes));
    }
  });

  it("pastes a chain 500 deep by the op-by-op rules too", () => {
    let chain = node("leaf");
    for (let depth = 0; depth < 499; depth++) chain = node(`level ${depth}`, chain);
    const tree = outline("- a");
    const result = after(tree, pasteBlocks(tree, "a", 1, [chain], uids()));
    expect(render(result).at(-1)).toBe(`${"  ".repeat(499)}- leaf`);
  });
});

describe("pasting real outlines (shared corpus)", () => {
  const pages = sharedFiles().filter((file) => /\/(logseq-docs\/pages|roam-roamcult\/markdown)\/.*\.md$/.test(file));

  it.skipIf(pages.length === 0)("pastes every Logseq and Roam markdown page into an empty block, every bullet a block", () => {
    for (const file of pages) {
      const markdown = readFileSync(file, "utf8");
      const content = readClipboard({ plain: markdown });
      if (content.kind === "text") continue;
      const tree = outline("- #e");
      const pastedTree = after(tree, pasteBlocks(tree, "e", 0, content.nodes, uids()));
      const dashBullets = markdown.split(/\r?\n/).filter((line) => /^[ \t]*-(?:[ \t]|$)/.test(line)).length;
      expect(pastedTree.blocks.size, file).toBeGreaterThanOrEqual(dashBullets);
    }
  });
});

// ——— Properties ———

const propsArb: fc.Arbitrary<BlockProps> = fc.oneof(
  fc.constant({}),
  fc.constant({}),
  fc.record({ heading: fc.constantFrom(1, 2, 3) }),
  fc.record({ collapsed: fc.boolean(), slider: fc.dictionary(fc.stringMatching(/^[a-z0-9-]{1,8}$/), fc.integer({ min: 0, max: 10 })) }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

// Any text at all for the JSON flavours.
const anyContentArb = fc.string({ maxLength: 30, unit: "grapheme" });
// For text/plain: lines that cannot be taken for outline syntax (no bullet at a line's start,
// no spaces at its ends), blank lines only inside a block. Other text does not survive a trip
// through an indented outline, in Roam or anywhere else.
const plainLineArb = fc.stringMatching(/^[A-Za-z[#({][^\n\r]{0,20}$/).map((line) => line.trimEnd());
const plainContentArb = fc
  .array(fc.oneof(plainLineArb, plainLineArb, plainLineArb, fc.constant("")), { minLength: 1, maxLength: 3 })
  .map((lines) => lines.join("\n").replace(/^\n+|\n+$/g, ""));

function forestArb(content: fc.Arbitrary<string>, props: fc.Arbitrary<BlockProps>): fc.Arbitrary<ClipNode[]> {
  return fc.letrec<{ forest: ClipNode[]; node: ClipNode }>((tie) => ({
    forest: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
    node: fc.record({ content, props, children: fc.oneof({ depthSize: "small" }, fc.constant<ClipNode[]>([]), tie("forest")) }),
  })).forest;
}

/** What a paste of `nodes` should read as: text for one childless block without props. */
function expectedContent(nodes: ClipNode[]) {
  const [first] = nodes;
  return nodes.length === 1 && first && first.children.length === 0 && Object.keys(first.props).length === 0 ? text(first.content) : blocks(...nodes);
}

const withoutProps = (nodes: readonly ClipNode[]): ClipNode[] => nodes.map((clip) => node(clip.content, ...withoutProps(clip.children)));

describe("clipboard round trip (property)", () => {
  it("Loam's JSON and the HTML's data-loam give back exactly what was copied", () => {
    fc.assert(
      fc.property(forestArb(anyContentArb, propsArb), (nodes) => {
        const payload = copyPayload(nodes);
        expect(parseLoamJson(payload.loam)).toEqual(nodes);
        expect(readClipboard(payload)).toEqual(expectedContent(nodes));
        expect(readClipboard({ html: payload.html })).toEqual(expectedContent(nodes));
      }),
      { numRuns: 500, seed: 11282026 },
    );
  });

  it("text/plain gives back the contents and structure (outline-safe text)", () => {
    fc.assert(
      fc.property(forestArb(plainContentArb, fc.constant({})), (nodes) => {
        const payload = copyPayload(nodes);
        expect(readClipboard({ plain: payload.plain })).toEqual(expectedContent(withoutProps(nodes)));
        expect(readClipboard({ plain: payload.plain.replace(/\n/g, "\r\n") })).toEqual(expectedContent(withoutProps(nodes)));
      }),
      { numRuns: 1_000, seed: 11282026 },
    );
  });
});

type Shape = { content: string; props: BlockProps; children: Shape[] };

/** A page from a random forest: uids b1, b2, … in reading order, keys as an outliner makes them. */
function treeFrom(forest: readonly Shape[]): Tree {
  const blocks: BlockNode[] = [];
  let count = 0;
  const add = (list: readonly Shape[], parent: string | null) => {
    const keys = generateNKeysBetween(null, null, list.length);
    list.forEach((shape, i) => {
      const uid = `b${++count}`;
      blocks.push({ uid, parent, order: keys[i] ?? "", content: shape.content, props: shape.props });
      add(shape.children, uid);
    });
  };
  add(forest, null);
  return treeOf(blocks);
}

describe("pasteBlocks (property)", () => {
  const pageArb = fc.letrec<{ forest: Shape[]; node: Shape }>((tie) => ({
    forest: fc.array(tie("node"), { minLength: 1, maxLength: 4 }),
    node: fc.record({
      content: fc.constantFrom("", " ", "x", "hello"),
      props: fc.constantFrom<BlockProps>({}, { collapsed: true }, { heading: 1 }),
      children: fc.oneof({ depthSize: "small" }, fc.constant<Shape[]>([]), tie("forest")),
    }),
  })).forest;

  it("keeps the tree sound and puts the pasted structure where Roam would", () => {
    fc.assert(
      fc.property(pageArb, fc.nat(), fc.nat({ max: 6 }), forestArb(fc.constantFrom("", "p", "q r", "s\nt"), propsArb), (page, pick, offset, nodes) => {
        const tree = treeFrom(page);
        const target = `b${(pick % tree.blocks.size) + 1}`;
        const block = getBlock(tree, target);
        if (!block) throw new Error("no target");
        const edit = pasteBlocks(tree, target, offset, nodes, uids());
        const result = after(tree, edit);
        const siblings = childrenOf(result, block.parent);
        const at = siblings.indexOf(target);
        const replaced = block.content.trim() === "" && childrenOf(tree, target).length === 0;
        const before = !replaced && block.content.trim() !== "" && offset === 0;
        if (replaced) {
          expect(clipNodesOf(result, siblings.slice(at, at + nodes.length))).toEqual(nodes);
        } else if (before) {
          expect(clipNodesOf(result, siblings.slice(at - nodes.length, at))).toEqual(nodes);
        } else {
          expect(clipNodesOf(result, siblings.slice(at + 1, at + 1 + nodes.length))).toEqual(nodes);
          expect(clipNodesOf(result, [target])).toEqual(clipNodesOf(tree, [target]));
        }
        expect(result.blocks.size).toBe(tree.blocks.size + (edit.ok ? edit.ops.filter((op) => op.type === "create").length : 0));
      }),
      { numRuns: 500, seed: 11282026 },
    );
  });
});
