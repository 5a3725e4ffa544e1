import fc from "fast-check";
import { generateKeyBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { checkTree } from "./check";
import { deleteAtEnd, moveDown, moveUp, setCollapsed, type Edit } from "./edits";
import { outline, render } from "./fixtures";
import { apply, invert, type Op, type StructuralOp } from "./ops";
import { childrenOf, depthOf, treeOf, type Tree } from "./tree";

describe("structural ops", () => {
  it("split, indent, outdent and merge apply as the keys do, and each inverse restores the exact tree", () => {
    const start = outline("- a", "  - b", "- hello world #c", "- d");
    const ops: Op[] = [
      { type: "split", uid: "c", offset: 5, newUid: "n" },
      { type: "indent", uid: "c" },
      { type: "outdent", uid: "b" },
      { type: "merge", uid: "n" },
    ];
    let tree = start;
    const trail: Tree[] = [];
    for (const op of ops) {
      const result = apply(tree, op);
      if (!result.ok) throw new Error(result.reason);
      trail.push(tree);
      const inverse = invert(op, tree);
      expect(inverse?.type).toBe("batch");
      const undone = apply(result.tree, inverse as Op);
      expect(undone.ok && undone.tree.blocks).toEqual(tree.blocks);
      tree = result.tree;
    }
    expect(render(tree)).toEqual(["- a", "  - hello", "- b world", "- d"]);
  });

  it("refuse what the keys refuse, with the same reason", () => {
    expect(apply(outline("- a"), { type: "indent", uid: "a" })).toEqual({ ok: false, reason: expect.stringMatching(/first block/) });
    expect(apply(outline("- a"), { type: "merge", uid: "a" })).toEqual({ ok: false, reason: "Nothing above to merge into" });
  });
});

describe("apply", () => {
  it("refuses a move that would put a block inside itself", () => {
    const tree = outline("- a", "  - b");
    expect(apply(tree, { type: "move", uid: "a", parent: "b", order: "a0" })).toEqual({
      ok: false,
      reason: expect.stringMatching(/inside itself/),
    });
  });

  it("refuses a parent that is not on the page, a duplicate uid, a duplicate order key and a bad key", () => {
    const tree = outline("- a");
    const order = tree.blocks.get("a")?.order ?? "";
    expect(apply(tree, { type: "create", uid: "x", parent: "nope", order: "a5", content: "" }).ok).toBe(false);
    expect(apply(tree, { type: "create", uid: "a", parent: null, order: "a5", content: "" }).ok).toBe(false);
    expect(apply(tree, { type: "create", uid: "x", parent: null, order, content: "" }).ok).toBe(false);
    expect(apply(tree, { type: "create", uid: "x", parent: null, order: "a00", content: "" }).ok).toBe(false);
  });

  it("refuses to delete a block that still has children", () => {
    expect(apply(outline("- a", "  - b"), { type: "delete", uid: "a" }).ok).toBe(false);
  });
});

// Random outliner sessions: every op keeps the tree sound, and undoing them all in reverse
// gives back exactly the tree we started from.
type Step = {
  kind: "split" | "indent" | "outdent" | "backspace" | "delete" | "type" | "move" | "up" | "down" | "fold";
  pick: number;
  at: number;
};

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom("split", "indent", "outdent", "backspace", "delete", "type", "move", "up", "down", "fold"),
  pick: fc.nat(),
  at: fc.nat({ max: 12 }),
});

function opsFor(tree: Tree, step: Step, fresh: () => string): Op[] {
  const uids = [...tree.blocks.keys()].sort();
  const uid = uids[step.pick % uids.length];
  if (uid === undefined) return [];
  // The outliner's structural ops go in as themselves (apply expands them, invert gives a batch).
  const structural = (op: StructuralOp): Op[] => (apply(tree, op).ok ? [op] : []);
  const primitive = (edit: Edit | undefined): Op[] => (edit?.ok ? edit.ops : []);
  switch (step.kind) {
    case "split":
      return structural({ type: "split", uid, offset: step.at, newUid: fresh() });
    case "indent":
      // Keep trees within depth 8.
      return depthOf(tree, uid) >= 7 ? [] : structural({ type: "indent", uid });
    case "outdent":
      return structural({ type: "outdent", uid });
    case "backspace":
      return structural({ type: "merge", uid });
    case "delete":
      return primitive(deleteAtEnd(tree, uid));
    case "up":
      return primitive(moveUp(tree, uid, 0));
    case "down":
      return depthOf(tree, uid) >= 7 ? [] : primitive(moveDown(tree, uid, 0));
    case "fold":
      return primitive(setCollapsed(tree, uid, step.at % 2 === 0));
    case "type":
      return [{ type: "update", uid, content: `${tree.blocks.get(uid)?.content ?? ""}x${step.at}` }];
    case "move": {
      // Move to the top level, first place.
      const first = childrenOf(tree, null)[0];
      const firstOrder = first === undefined ? null : (tree.blocks.get(first)?.order ?? null);
      return [{ type: "move", uid, parent: null, order: generateKeyBetween(null, firstOrder) }];
    }
  }
}

function childLists(tree: Tree): Record<string, readonly string[]> {
  const lists: Record<string, readonly string[]> = { "(top)": childrenOf(tree, null) };
  for (const uid of tree.blocks.keys()) {
    const children = childrenOf(tree, uid);
    if (children.length > 0) lists[uid] = children;
  }
  return lists;
}

/** Random starting outlines of 1–30 blocks, up to depth 8 (each line at most one level deeper). */
const startArb: fc.Arbitrary<Tree> = fc
  .array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 30 })
  .map((wanted) => {
    const lines: string[] = [];
    let depth = 0;
    wanted.forEach((want, index) => {
      depth = index === 0 ? 0 : Math.min(want, depth + 1);
      lines.push(`${"  ".repeat(depth)}- block ${index} #b${index}`);
    });
    return outline(...lines);
  });

describe("random op sequences (property)", () => {
  it("keep the invariants after every op, and the inverses restore the start exactly", () => {
    fc.assert(
      fc.property(startArb, fc.array(stepArb, { minLength: 1, maxLength: 40 }), (start, steps) => {
        let next = 0;
        const fresh = () => `n${next++}`;
        let tree = start;
        childrenOf(tree, null); // index the start, so later trees patch theirs
        const undo: Op[] = [];
        for (const step of steps) {
          for (const op of opsFor(tree, step, fresh)) {
            const inverse = invert(op, tree);
            const result = apply(tree, op);
            if (!result.ok) continue; // e.g. a move into an own descendant: refused, nothing changed
            expect(inverse).toBeDefined();
            undo.push(inverse as Op);
            tree = result.tree;
            expect(checkTree(tree)).toEqual([]);
            // The incrementally patched children index agrees with one built from scratch.
            expect(childLists(tree)).toEqual(childLists(treeOf(tree.blocks.values())));
          }
        }
        for (const op of undo.reverse()) {
          const result = apply(tree, op);
          expect(result.ok).toBe(true);
          if (result.ok) tree = result.tree;
        }
        expect(tree.blocks).toEqual(start.blocks);
      }),
      { numRuns: 10_000 },
    );
    // 10,000 sessions of up to 40 steps take several seconds on 2 cores.
  }, 120_000);
});
