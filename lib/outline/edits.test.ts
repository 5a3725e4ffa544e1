import { describe, expect, it } from "vitest";
import { checkTree } from "./check";
import { backspaceAtStart, deleteAtEnd, indent, moveDown, moveUp, outdent, setCollapsed, split, splitIntoChild, type Edit } from "./edits";
import { outline, render } from "./fixtures";
import { applyAll } from "./ops";
import type { Tree } from "./tree";

function after(tree: Tree, edit: Edit): string[] {
  if (!edit.ok) throw new Error(edit.reason);
  const result = applyAll(tree, edit.ops);
  if (!result.ok) throw new Error(result.reason);
  expect(checkTree(result.tree)).toEqual([]);
  return render(result.tree);
}

describe("splitIntoChild (Enter in a reference)", () => {
  it("puts the text after the caret in a new first child, before the other children", () => {
    const tree = outline("- ab", "  - c", "- d");
    const edit = splitIntoChild(tree, "ab", 1, "n");
    expect(after(tree, edit)).toEqual(["- a", "  - b", "  - c", "- d"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "n", offset: 0 });
  });

  it("opens a collapsed block, and at the end adds an empty child", () => {
    const tree = setCollapsedTree(outline("- a", "  - c"));
    const edit = splitIntoChild(tree, "a", 1, "n");
    expect(after(tree, edit)).toEqual(["- a", "  - ", "  - c"]);
    expect(edit.ok && edit.ops.some((op) => op.type === "setProps")).toBe(true);
  });
});

function setCollapsedTree(tree: Tree): Tree {
  const edit = setCollapsed(tree, "a", true);
  if (!edit.ok) throw new Error(edit.reason);
  const result = applyAll(tree, edit.ops);
  if (!result.ok) throw new Error(result.reason);
  return result.tree;
}

describe("split (Enter)", () => {
  it("at the end makes an empty sibling below", () => {
    const tree = outline("- a", "- b");
    const edit = split(tree, "a", 1, "n");
    expect(after(tree, edit)).toEqual(["- a", "- ", "- b"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "n", offset: 0 });
  });

  it("mid-text keeps the text before the caret and moves the rest below", () => {
    const tree = outline("- hello world #a");
    expect(after(tree, split(tree, "a", 5, "n"))).toEqual(["- hello", "-  world"]);
  });

  it("at the end of a block with children makes its first child", () => {
    const tree = outline("- a", "  - b");
    expect(after(tree, split(tree, "a", 1, "n"))).toEqual(["- a", "  - ", "  - b"]);
  });

  it("at the start of a non-empty block inserts an empty block above and keeps the caret", () => {
    const tree = outline("- a", "- b");
    const edit = split(tree, "b", 0, "n");
    expect(after(tree, edit)).toEqual(["- a", "- ", "- b"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "b", offset: 0 });
  });
});

describe("indent and outdent (Tab, Shift+Tab)", () => {
  it("indents under the previous sibling, after its children, taking its own children", () => {
    const tree = outline("- a", "  - a1", "- b", "  - b1");
    expect(after(tree, indent(tree, "b", 0))).toEqual(["- a", "  - a1", "  - b", "    - b1"]);
  });

  it("refuses to indent a first child", () => {
    const tree = outline("- a", "  - b");
    expect(indent(tree, "b", 0)).toEqual({ ok: false, reason: expect.stringMatching(/first/) });
  });

  it("outdents to just after the parent; later siblings stay with the parent, as in Roam", () => {
    const tree = outline("- p", "  - a", "  - b", "  - c", "- q");
    expect(after(tree, outdent(tree, "b", 0))).toEqual(["- p", "  - a", "  - c", "- b", "- q"]);
  });

  it("refuses to outdent a top-level block", () => {
    expect(outdent(outline("- a"), "a", 0).ok).toBe(false);
  });
});

describe("backspace at the start", () => {
  it("removes an empty block and puts the caret at the end of the one above", () => {
    const tree = outline("- abc #a", "- #e");
    const edit = backspaceAtStart(tree, "e");
    expect(after(tree, edit)).toEqual(["- abc"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "a", offset: 3 });
  });

  it("merges text into the block above with the caret at the seam, keeping children", () => {
    const tree = outline("- one #a", "- two #b", "  - child #c");
    const edit = backspaceAtStart(tree, "b");
    expect(after(tree, edit)).toEqual(["- onetwo", "  - child"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "a", offset: 3 });
  });

  it("merges a first child into its parent, its children taking its place", () => {
    const tree = outline("- p", "  - x", "    - y", "  - z");
    expect(after(tree, backspaceAtStart(tree, "x"))).toEqual(["- px", "  - y", "  - z"]);
  });

  it("does nothing on the first block of the page", () => {
    expect(backspaceAtStart(outline("- a"), "a").ok).toBe(false);
  });
});

describe("delete at the end", () => {
  it("merges the next block in, caret at the seam, its children kept", () => {
    const tree = outline("- one #a", "- two #b", "  - child #c");
    const edit = deleteAtEnd(tree, "a");
    expect(after(tree, edit)).toEqual(["- onetwo", "  - child"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "a", offset: 3 });
  });

  it("does nothing on the last block", () => {
    expect(deleteAtEnd(outline("- a"), "a").ok).toBe(false);
  });
});

describe("moving blocks (Alt+Shift+arrows)", () => {
  it("swaps with the previous or next sibling, children along", () => {
    const tree = outline("- a", "- b", "  - b1", "- c");
    expect(after(tree, moveUp(tree, "b", 0))).toEqual(["- b", "  - b1", "- a", "- c"]);
    expect(after(tree, moveDown(tree, "b", 0))).toEqual(["- a", "- c", "- b", "  - b1"]);
  });

  it("a first child moving up joins the end of the parent's previous sibling, keeping its depth", () => {
    const tree = outline("- p", "  - p1", "- q", "  - x", "  - y");
    expect(after(tree, moveUp(tree, "x", 0))).toEqual(["- p", "  - p1", "  - x", "- q", "  - y"]);
  });

  it("a first child with no uncle above leaves its parent, to just before it", () => {
    const tree = outline("- q", "  - x", "  - y");
    expect(after(tree, moveUp(tree, "x", 0))).toEqual(["- x", "- q", "  - y"]);
  });

  it("a last child moving down becomes the first child of the parent's next sibling, or follows its parent", () => {
    const tree = outline("- p", "  - x", "- q", "  - q1");
    expect(after(tree, moveDown(tree, "x", 0))).toEqual(["- p", "- q", "  - x", "  - q1"]);
    const alone = outline("- p", "  - x");
    expect(after(alone, moveDown(alone, "x", 0))).toEqual(["- p", "- x"]);
  });

  it("stops at the edges of the page", () => {
    const tree = outline("- a", "- b");
    expect(moveUp(tree, "a", 0).ok).toBe(false);
    expect(moveDown(tree, "b", 0).ok).toBe(false);
  });
});

describe("collapse and expand", () => {
  it("set the collapsed prop on blocks with children only", () => {
    const tree = outline("- a", "  - b");
    const edit = setCollapsed(tree, "a", true);
    expect(edit.ok && edit.ops).toEqual([{ type: "setProps", uid: "a", props: { collapsed: true } }]);
    expect(setCollapsed(tree, "b", true).ok).toBe(false);
    expect(setCollapsed(tree, "a", false).ok).toBe(false);
  });
});

describe("merging long blocks", () => {
  it("refuses a merge that would make a block longer than a block may be, changing nothing", () => {
    const long = "x".repeat(60_000);
    const tree = outline(`- ${long} #a`, `- ${long} #b`);
    const edit = backspaceAtStart(tree, "b");
    expect(edit.ok).toBe(false);
    expect(edit.ok ? "" : edit.reason).toMatch(/longer than 100,000 characters/);
    expect(deleteAtEnd(tree, "a").ok).toBe(false);
  });
});

