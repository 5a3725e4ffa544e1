import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cycleTodo } from "../markup/edit";
import { checkTree } from "./check";
import type { Edit } from "./edits";
import { outline, render } from "./fixtures";
import { applyAll } from "./ops";
import {
  cycleTodoBlocks,
  deleteBlocks,
  indentBlocks,
  moveBlocks,
  moveBlocksTo,
  outdentBlocks,
  rangeSelection,
  selectedUids,
  selectionRoots,
  visibleUnder,
  type DropPosition,
} from "./selection";
import { ancestorsOf, childrenOf, depthOf, getBlock, visibleOrder, withBlock, type Tree } from "./tree";

function applied(tree: Tree, edit: Edit): Tree {
  if (!edit.ok) throw new Error(edit.reason);
  const result = applyAll(tree, edit.ops);
  if (!result.ok) throw new Error(result.reason);
  expect(checkTree(result.tree)).toEqual([]);
  return result.tree;
}

function after(tree: Tree, edit: Edit): string[] {
  return render(applied(tree, edit));
}

/** `tree` with the given blocks collapsed. */
function collapsed(tree: Tree, ...uids: string[]): Tree {
  return uids.reduce((current, uid) => {
    const block = getBlock(current, uid);
    return block ? withBlock(current, { ...block, props: { ...block.props, collapsed: true } }) : current;
  }, tree);
}

/** Every block in document order, collapsed children included. */
function documentOrder(tree: Tree): string[] {
  const result: string[] = [];
  const walk = (parent: string | null) => {
    for (const uid of childrenOf(tree, parent)) {
      result.push(uid);
      walk(uid);
    }
  };
  walk(null);
  return result;
}

describe("visibleUnder", () => {
  it("is the page's visible order without a root, skipping the children of collapsed blocks", () => {
    const tree = collapsed(outline("- a", "  - a1", "- b", "  - b1"), "a");
    expect(visibleUnder(tree, null)).toEqual(["a", "b", "b1"]);
  });

  it("shows a zoomed block's children even when it is collapsed, but not the children of collapsed ones inside", () => {
    const tree = collapsed(outline("- a", "  - b", "    - c", "  - d", "- e"), "a", "b");
    expect(visibleUnder(tree, "a")).toEqual(["b", "d"]);
    expect(visibleUnder(tree, "b")).toEqual(["c"]);
    expect(visibleUnder(tree, "e")).toEqual([]);
    expect(visibleUnder(tree, "nope")).toEqual([]);
  });
});

describe("selectionRoots and selectedUids", () => {
  it("keep the blocks without a selected ancestor, in document order, dropping unknown uids", () => {
    const tree = outline("- a", "  - a1", "    - a2", "- b", "- c");
    expect(selectionRoots(tree, ["c", "a2", "a", "zz", "a1"])).toEqual(["a", "c"]);
    expect(selectionRoots(tree, ["a2", "b"])).toEqual(["a2", "b"]);
    expect(selectionRoots(tree, [])).toEqual([]);
  });

  it("highlight the roots and all their descendants, hidden ones too", () => {
    const tree = collapsed(outline("- a", "  - a1", "    - a2", "- b", "- c"), "a");
    expect([...selectedUids(tree, ["a", "c", "zz"])].sort()).toEqual(["a", "a1", "a2", "c"]);
  });
});

describe("rangeSelection (Shift+↑/↓, Shift+click)", () => {
  const tree = outline("- a", "  - a1", "  - a2", "- b", "- c");

  it("selects the blocks between anchor and head, in either direction", () => {
    expect(rangeSelection(tree, "b", "c")).toEqual(["b", "c"]);
    expect(rangeSelection(tree, "c", "b")).toEqual(["b", "c"]);
    expect(rangeSelection(tree, "b", "b")).toEqual(["b"]);
  });

  it("from a child up to its parent selects the parent with all its children", () => {
    expect(rangeSelection(tree, "a1", "a")).toEqual(["a"]);
    expect(rangeSelection(tree, "a", "a1")).toEqual(["a"]);
    expect([...selectedUids(tree, rangeSelection(tree, "a2", "a"))]).toEqual(["a", "a1", "a2"]);
  });

  it("from inside a parent to outside it selects the children passed and the blocks after, not the parent", () => {
    expect(rangeSelection(tree, "a2", "b")).toEqual(["a2", "b"]);
    expect(rangeSelection(tree, "b", "a2")).toEqual(["a2", "b"]);
    // Head a descendant of a block before the anchor: the rest of that block's children come along.
    expect(rangeSelection(tree, "c", "a1")).toEqual(["a1", "a2", "b", "c"]);
  });

  it("spans levels in deep trees", () => {
    const deep = outline("- a", "  - b", "    - c", "      - d", "- e", "  - f");
    expect(rangeSelection(deep, "d", "f")).toEqual(["d", "e"]);
    expect(rangeSelection(deep, "c", "b")).toEqual(["b"]);
  });

  it("takes a collapsed block's hidden children along, and ignores an end that is not shown", () => {
    const folded = collapsed(tree, "a");
    expect(rangeSelection(folded, "a", "b")).toEqual(["a", "b"]);
    expect([...selectedUids(folded, ["a", "b"])]).toEqual(["a", "a1", "a2", "b"]);
    expect(rangeSelection(folded, "a1", "b")).toEqual(["b"]);
    expect(rangeSelection(folded, "a1", "zz")).toEqual([]);
  });

  it("stays inside a zoomed block", () => {
    expect(rangeSelection(tree, "a1", "a2", "a")).toEqual(["a1", "a2"]);
    expect(rangeSelection(tree, "a1", "b", "a")).toEqual(["a1"]);
  });
});

describe("deleteBlocks", () => {
  it("deletes each root with its subtree, leaves first, caret at the end of the block above", () => {
    const tree = outline("- one #a", "- b", "  - c", "    - d", "- e");
    const edit = deleteBlocks(tree, ["b"]);
    expect(edit.ok && edit.ops).toEqual([
      { type: "delete", uid: "d" },
      { type: "delete", uid: "c" },
      { type: "delete", uid: "b" },
    ]);
    expect(after(tree, edit)).toEqual(["- one", "- e"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "a", offset: 3 });
  });

  it("puts the caret on the block above as shown: a collapsed block, not its hidden children", () => {
    const tree = collapsed(outline("- a", "  - a1", "- b"), "a");
    expect(deleteBlocks(tree, ["b"])).toMatchObject({ ok: true, caret: { uid: "a", offset: 1 } });
  });

  it("with nothing above, puts the caret at the start of the block after the last deleted", () => {
    const tree = outline("- a", "  - a1", "- b", "- c");
    const edit = deleteBlocks(tree, rangeSelection(tree, "a", "b"));
    expect(after(tree, edit)).toEqual(["- c"]);
    expect(edit.ok && edit.caret).toEqual({ uid: "c", offset: 0 });
  });

  it("spans levels, and leaves no caret when the page is emptied", () => {
    const tree = outline("- a", "  - a1", "  - a2", "- b", "- c");
    expect(after(tree, deleteBlocks(tree, rangeSelection(tree, "a2", "b")))).toEqual(["- a", "  - a1", "- c"]);
    const all = deleteBlocks(tree, ["a", "b", "c"]);
    expect(after(tree, all)).toEqual([]);
    expect(all.ok && all.caret).toBeUndefined();
  });

  it("keeps the caret inside a zoomed view", () => {
    const tree = outline("- p", "  - x", "  - y", "- q");
    expect(deleteBlocks(tree, ["x"], "p")).toMatchObject({ ok: true, caret: { uid: "y", offset: 0 } });
    expect(deleteBlocks(tree, ["x", "y"], "p")).toEqual({ ok: true, ops: expect.any(Array) });
  });

  it("refuses an empty selection", () => {
    expect(deleteBlocks(outline("- a"), ["zz"]).ok).toBe(false);
  });
});

describe("indentBlocks (Tab)", () => {
  it("puts contiguous siblings together under the previous sibling of the first, after its children", () => {
    const tree = outline("- a", "  - a1", "- b", "  - b1", "- c", "- d");
    expect(after(tree, indentBlocks(tree, ["b", "c"]))).toEqual(["- a", "  - a1", "  - b", "    - b1", "  - c", "- d"]);
  });

  it("is refused when the first block has no previous sibling, as in Roam", () => {
    const tree = outline("- a", "- b");
    expect(indentBlocks(tree, ["a", "b"])).toEqual({ ok: false, reason: expect.stringMatching(/first/) });
  });

  it("takes a selection spanning levels one level deeper, reading order unchanged", () => {
    const tree = outline("- a", "  - a1", "  - a2", "- b", "- c");
    const next = applied(tree, indentBlocks(tree, rangeSelection(tree, "a2", "b")));
    expect(render(next)).toEqual(["- a", "  - a1", "    - a2", "  - b", "- c"]);
    expect(documentOrder(next)).toEqual(documentOrder(tree));
  });

  it("expands a collapsed block it indents into", () => {
    const tree = collapsed(outline("- a", "  - a1", "- b", "- c"), "a");
    const next = applied(tree, indentBlocks(tree, ["b", "c"]));
    expect(visibleOrder(next)).toEqual(["a", "a1", "b", "c"]);
  });
});

describe("outdentBlocks (Shift+Tab)", () => {
  it("puts siblings right after their parent in their order; later siblings stay with the parent", () => {
    const tree = outline("- p", "  - a", "  - b", "  - c", "- q");
    expect(after(tree, outdentBlocks(tree, ["a", "b"]))).toEqual(["- p", "  - c", "- a", "- b", "- q"]);
  });

  it("takes a selection spanning levels one level up, keeping its order", () => {
    const tree = outline("- p", "  - a", "    - x", "  - b", "- q");
    expect(after(tree, outdentBlocks(tree, rangeSelection(tree, "x", "b")))).toEqual(["- p", "  - a", "  - x", "- b", "- q"]);
  });

  it("takes the group past the later siblings of its last block, so it stays together", () => {
    const tree = outline("- p", "  - a", "    - x", "  - b", "  - s", "- q");
    expect(after(tree, outdentBlocks(tree, rangeSelection(tree, "x", "b")))).toEqual(["- p", "  - a", "  - s", "  - x", "- b", "- q"]);
    const deep = outline("- p", "  - a", "    - a1", "      - a2", "        - x", "  - b", "  - s");
    expect(outdentBlocks(deep, rangeSelection(deep, "x", "b")).ok).toBe(false);
  });

  it("is refused when any block is already at the top level, of the page or of a zoomed view", () => {
    const tree = outline("- a", "  - a1", "  - a2", "- b");
    expect(outdentBlocks(tree, ["a2", "b"])).toEqual({ ok: false, reason: "A top-level block cannot be outdented" });
    expect(outdentBlocks(tree, ["a2"], "a").ok).toBe(false);
    expect(outdentBlocks(tree, ["a2"]).ok).toBe(true);
  });
});

describe("moveBlocks (Alt+Shift+↑/↓)", () => {
  it("moves siblings as one group past the previous or next sibling and its children", () => {
    const tree = outline("- a", "  - a1", "- b", "- c", "- d", "  - d1");
    expect(after(tree, moveBlocks(tree, ["b", "c"], "up"))).toEqual(["- b", "- c", "- a", "  - a1", "- d", "  - d1"]);
    expect(after(tree, moveBlocks(tree, ["b", "c"], "down"))).toEqual(["- a", "  - a1", "- d", "  - d1", "- b", "- c"]);
  });

  it("first children going up join the end of the parent's previous sibling, or leave a parent without one", () => {
    const tree = outline("- p", "  - p1", "- q", "  - x", "  - y", "  - z");
    expect(after(tree, moveBlocks(tree, ["x", "y"], "up"))).toEqual(["- p", "  - p1", "  - x", "  - y", "- q", "  - z"]);
    const alone = outline("- q", "  - x", "  - y", "  - z");
    expect(after(alone, moveBlocks(alone, ["x", "y"], "up"))).toEqual(["- x", "- y", "- q", "  - z"]);
  });

  it("last children going down become the first children of the parent's next sibling, or follow the parent", () => {
    const tree = outline("- p", "  - x", "  - y", "- q", "  - q1");
    expect(after(tree, moveBlocks(tree, ["x", "y"], "down"))).toEqual(["- p", "- q", "  - x", "  - y", "  - q1"]);
    const alone = outline("- p", "  - w", "  - x", "  - y");
    expect(after(alone, moveBlocks(alone, ["x", "y"], "down"))).toEqual(["- p", "  - w", "- x", "- y"]);
  });

  it("expands a collapsed block the group moves into", () => {
    const tree = collapsed(outline("- p", "  - p1", "- q", "  - x"), "p");
    const edit = moveBlocks(tree, ["x"], "up");
    expect(edit.ok && edit.ops[0]).toEqual({ type: "setProps", uid: "p", props: { collapsed: false } });
    expect(visibleOrder(applied(tree, edit))).toEqual(["p", "p1", "x", "q"]);
  });

  it("a group moved up and back down is where it started", () => {
    const tree = outline("- p", "  - p1", "- q", "  - x", "  - y", "  - z", "- r");
    for (const roots of [["x", "y"], ["y", "z"], ["q"], ["q", "r"]]) {
      const up = applied(tree, moveBlocks(tree, roots, "up"));
      expect(render(applied(up, moveBlocks(up, roots, "down")))).toEqual(render(tree));
    }
  });

  it("moves a selection spanning levels as lines of an indented list, keeping relative depths", () => {
    const tree = outline("- a", "  - a1", "  - a2", "- b", "- c");
    const roots = rangeSelection(tree, "a2", "b");
    const down = applied(tree, moveBlocks(tree, roots, "down"));
    expect(render(down)).toEqual(["- a", "  - a1", "- c", "  - a2", "- b"]);
    expect(render(applied(down, moveBlocks(down, roots, "up")))).toEqual(render(tree));
    // Going up past a1 would make a1 a child of b: refused.
    expect(moveBlocks(tree, roots, "up")).toEqual({ ok: false, reason: expect.stringMatching(/different levels/) });
  });

  it("is refused at the edges of the page or of a zoomed view, and for blocks that are not together", () => {
    const tree = outline("- a", "- b", "  - b1", "  - b2", "- c");
    expect(moveBlocks(tree, ["a", "b"], "up")).toEqual({ ok: false, reason: "Already the first block" });
    expect(moveBlocks(tree, ["b", "c"], "down")).toEqual({ ok: false, reason: "Already the last block" });
    expect(moveBlocks(tree, ["b1"], "up", "b")).toEqual({ ok: false, reason: "Already the first block" });
    expect(moveBlocks(tree, ["b2"], "down", "b")).toEqual({ ok: false, reason: "Already the last block" });
    expect(moveBlocks(tree, ["a", "c"], "down").ok).toBe(false);
  });
});

describe("moveBlocksTo (drag and drop)", () => {
  const tree = outline("- a", "- b", "  - b1", "- c", "- d", "  - d1");

  it("moves the blocks with their children, in order, before or after the target", () => {
    expect(after(tree, moveBlocksTo(tree, ["a", "b"], "d", "after"))).toEqual(["- c", "- d", "  - d1", "- a", "- b", "  - b1"]);
    expect(after(tree, moveBlocksTo(tree, ["c", "d"], "b", "before"))).toEqual(["- a", "- c", "- d", "  - d1", "- b", "  - b1"]);
    expect(after(tree, moveBlocksTo(tree, ["b"], "d1", "before"))).toEqual(["- a", "- c", "- d", "  - b", "    - b1", "  - d1"]);
  });

  it("as the first children of the target, expanding it when collapsed", () => {
    const folded = collapsed(tree, "d");
    const edit = moveBlocksTo(folded, ["a", "c"], "d", "child");
    expect(edit.ok && edit.ops[0]).toEqual({ type: "setProps", uid: "d", props: { collapsed: false } });
    expect(after(folded, edit)).toEqual(["- b", "  - b1", "- d", "  - a", "  - c", "  - d1"]);
  });

  it("puts blocks from different levels side by side", () => {
    expect(after(tree, moveBlocksTo(tree, rangeSelection(tree, "b1", "c"), "a", "child"))).toEqual(["- a", "  - b1", "  - c", "- b", "- d", "  - d1"]);
  });

  it("refuses to drop blocks onto or into themselves", () => {
    const reason = expect.stringMatching(/themselves/);
    expect(moveBlocksTo(tree, ["b"], "b", "after")).toEqual({ ok: false, reason });
    expect(moveBlocksTo(tree, ["b"], "b1", "child")).toEqual({ ok: false, reason });
    expect(moveBlocksTo(tree, ["b"], "zz", "child").ok).toBe(false);
  });

  it("gives no ops for blocks dropped where they already are, and moves only those that are not", () => {
    expect(moveBlocksTo(tree, ["b", "c"], "a", "after")).toEqual({ ok: true, ops: [] });
    expect(moveBlocksTo(tree, ["b", "c"], "d", "before")).toEqual({ ok: true, ops: [] });
    expect(moveBlocksTo(tree, ["b1"], "b", "child")).toEqual({ ok: true, ops: [] });
    const edit = moveBlocksTo(tree, ["b", "d"], "a", "after");
    expect(edit.ok && edit.ops.map((op) => op.uid)).toEqual(["d"]);
    expect(after(tree, edit)).toEqual(["- a", "- b", "  - b1", "- d", "  - d1", "- c"]);
  });
});

describe("cycleTodoBlocks (Ctrl+Enter)", () => {
  it("brings every block to the state the first one cycles to, keeping the rest of the text", () => {
    const tree = outline("- one #a", "- {{[[DONE]]}} two #b", "- {{TODO}} three #c");
    expect(after(tree, cycleTodoBlocks(tree, ["a", "b", "c"]))).toEqual(["- {{[[TODO]]}} one", "- {{[[TODO]]}} two", "- {{TODO}} three"]);
    const done = outline("- {{[[TODO]]}} one #a", "- two #b", "- {{[[DONE]]}} three #c");
    expect(after(done, cycleTodoBlocks(done, ["a", "b", "c"]))).toEqual(["- {{[[DONE]]}} one", "- {{[[DONE]]}} two", "- {{[[DONE]]}} three"]);
    const none = outline("- {{DONE}} one #a", "- {{[[TODO]]}} two #b", "- three #c");
    expect(after(none, cycleTodoBlocks(none, ["a", "b", "c"]))).toEqual(["- one", "- two", "- three"]);
  });

  it("touches the roots only, not their children", () => {
    const tree = outline("- a", "  - a1");
    const edit = cycleTodoBlocks(tree, ["a"]);
    expect(edit.ok && edit.ops).toEqual([{ type: "update", uid: "a", content: "{{[[TODO]]}} a" }]);
  });
});

// Random pages, a random contiguous selection (as Shift+click makes it), in a random zoomed
// view, and a random edit on it: whatever is allowed keeps the tree sound and the selection in
// its order, and loses or changes nothing it should not.
type Kind = "delete" | "indent" | "outdent" | "up" | "down" | "todo" | "drop";
type Scenario = { tree: Tree; zoom: number; anchor: number; span: number; kind: Kind; target: number; position: DropPosition };

const CONTENTS = ["block", "{{[[TODO]]}} block", "{{DONE}} block"];

/** Outlines of 1–25 blocks up to depth 6 (each line one deeper, as deep, or shallower), some with TODO boxes, some collapsed. */
const treeArb: fc.Arbitrary<Tree> = fc
  .array(
    fc.record({ step: fc.constantFrom(1, 1, 0, 0, -1, -2), content: fc.nat({ max: 5 }), fold: fc.nat({ max: 3 }) }),
    { minLength: 1, maxLength: 25, size: "max" },
  )
  .map((wanted) => {
    const lines: string[] = [];
    let depth = 0;
    wanted.forEach(({ step, content }, index) => {
      depth = index === 0 ? 0 : Math.max(0, Math.min(5, depth + step));
      lines.push(`${"  ".repeat(depth)}- ${CONTENTS[content] ?? "block"} ${index} #b${index}`);
    });
    const tree = outline(...lines);
    const folds = wanted.flatMap(({ fold }, index) => (fold === 0 && childrenOf(tree, `b${index}`).length > 0 ? [`b${index}`] : []));
    return collapsed(tree, ...folds);
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  tree: treeArb,
  zoom: fc.noBias(fc.nat({ max: 999 })),
  anchor: fc.noBias(fc.nat({ max: 999 })),
  // Mostly short selections, as people make them; sometimes long ones.
  span: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -30, max: 30 })),
  kind: fc.constantFrom<Kind>("delete", "indent", "outdent", "up", "down", "todo", "drop"),
  target: fc.noBias(fc.nat({ max: 999 })),
  position: fc.constantFrom<DropPosition>("before", "after", "child"),
});

function editFor(tree: Tree, roots: string[], root: string | null, scenario: Scenario): Edit {
  switch (scenario.kind) {
    case "delete":
      return deleteBlocks(tree, roots, root);
    case "indent":
      return indentBlocks(tree, roots);
    case "outdent":
      return outdentBlocks(tree, roots, root);
    case "up":
    case "down":
      return moveBlocks(tree, roots, scenario.kind, root);
    case "todo":
      return cycleTodoBlocks(tree, roots);
    case "drop": {
      const shown = visibleUnder(tree, root);
      return moveBlocksTo(tree, roots, shown[scenario.target % shown.length] ?? "", scenario.position);
    }
  }
}

/** The TODO/DONE box a text starts with, spelt out here independently of the module. */
function boxOf(text: string): string {
  if (text.startsWith("{{[[TODO]]}}") || text.startsWith("{{TODO}}")) return "TODO";
  if (text.startsWith("{{[[DONE]]}}") || text.startsWith("{{DONE}}")) return "DONE";
  return "none";
}

function isInside(tree: Tree, uid: string, root: string | null): boolean {
  return root === null || ancestorsOf(tree, uid).includes(root);
}

describe("edits on random selections (property)", () => {
  it("keep the tree sound and the selection in order, changing only what they should", () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { tree } = scenario;
        const parents = [...tree.blocks.keys()].filter((uid) => childrenOf(tree, uid).length > 0).sort();
        // A quarter of the runs zoom into a block with children; the others show the whole page.
        const zoomed = scenario.zoom % 4 === 0 ? (parents[(scenario.zoom >> 2) % Math.max(1, parents.length)] ?? null) : null;
        const root = visibleUnder(tree, zoomed).length > 0 ? zoomed : null;
        const shown = visibleUnder(tree, root);
        const anchorAt = scenario.anchor % shown.length;
        const headAt = Math.min(shown.length - 1, Math.max(0, anchorAt + scenario.span));
        const roots = rangeSelection(tree, shown[anchorAt] ?? "", shown[headAt] ?? "", root);
        expect(roots.length).toBeGreaterThan(0);
        const selected = selectedUids(tree, roots);
        // The highlighted blocks are one run of the document.
        const order = documentOrder(tree);
        const firstAt = order.indexOf(roots[0] ?? "");
        expect(order.slice(firstAt, firstAt + selected.size).every((uid) => selected.has(uid))).toBe(true);

        const edit = editFor(tree, roots, root, scenario);
        if (!edit.ok) {
          expect(edit.reason.length).toBeGreaterThan(0);
          return;
        }
        const next = applied(tree, edit);
        const nextOrder = documentOrder(next);

        if (scenario.kind === "delete") {
          expect(nextOrder).toEqual(order.filter((uid) => !selected.has(uid)));
          for (const uid of nextOrder) expect(getBlock(next, uid)).toEqual(getBlock(tree, uid));
          const left = visibleUnder(next, root);
          if (left.length === 0) expect(edit.caret).toBeUndefined();
          else expect(left).toContain(edit.caret?.uid);
          return;
        }

        // Nothing lost, the selected blocks still in their order, and only roots change parent.
        expect([...nextOrder].sort()).toEqual([...order].sort());
        const selectedOrder = order.filter((uid) => selected.has(uid));
        expect(nextOrder.filter((uid) => selected.has(uid))).toEqual(selectedOrder);
        for (const [uid, block] of tree.blocks) {
          const moved = getBlock(next, uid);
          if (!roots.includes(uid)) expect(moved?.parent).toBe(block.parent);
          if (scenario.kind !== "todo" || !roots.includes(uid)) expect(moved?.content).toBe(block.content);
        }

        if (scenario.kind === "todo") {
          const expected = cycleTodo(getBlock(tree, roots[0] ?? "")?.content ?? "").text;
          expect(getBlock(next, roots[0] ?? "")?.content).toBe(expected);
          for (const uid of roots) expect(boxOf(getBlock(next, uid)?.content ?? "")).toBe(boxOf(expected));
          return;
        }

        // Tab, Shift+Tab and moves keep the selection's shape: together, relative depths kept.
        if (scenario.kind !== "drop") {
          const at = nextOrder.indexOf(roots[0] ?? "");
          expect(nextOrder.slice(at, at + selected.size)).toEqual(selectedOrder);
          const shape = (t: Tree) => roots.map((uid) => depthOf(t, uid) - depthOf(t, roots[0] ?? ""));
          expect(shape(next)).toEqual(shape(tree));
          for (const uid of roots) expect(isInside(next, uid, root)).toBe(true);
        }
        if (scenario.kind === "indent") expect(nextOrder).toEqual(order);

        // Up then down (or down then up) comes back, unless the first move took the group
        // out of a parent with no sibling on that side (a change of depth; see moveBlocks).
        if (scenario.kind === "up" || scenario.kind === "down") {
          const edge = roots[scenario.kind === "up" ? 0 : roots.length - 1] ?? "";
          const back = moveBlocks(next, roots, scenario.kind === "up" ? "down" : "up", root);
          if (back.ok && depthOf(next, edge) === depthOf(tree, edge)) expect(documentOrder(applied(next, back))).toEqual(order);
        }

        if (scenario.kind === "drop") {
          const target = visibleUnder(tree, root)[scenario.target % shown.length] ?? "";
          const parent = scenario.position === "child" ? target : (getBlock(tree, target)?.parent ?? null);
          const siblings = childrenOf(next, parent);
          const at = siblings.indexOf(roots[0] ?? "");
          expect(siblings.slice(at, at + roots.length)).toEqual(roots);
          if (scenario.position === "child") expect(at).toBe(0);
          if (scenario.position === "before") expect(siblings[at + roots.length]).toBe(target);
          if (scenario.position === "after") expect(siblings[at - 1]).toBe(target);
        }
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);
});
