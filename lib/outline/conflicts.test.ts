import fc from "fast-check";
import { generateNKeysBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { checkTree } from "./check";
import { keptByEdits, revivalOps, type Tombstone } from "./conflicts";
import { outline, render } from "./fixtures";
import { applyAll } from "./ops";
import { descendantsOf, getBlock, treeOf, withoutBlock, type BlockNode, type Tree } from "./tree";

/** Deletes `uids` (leaves first) and returns the tree left and their tombstones, all of one batch. */
function bury(tree: Tree, uids: readonly string[], batchId = "batch-1"): { tree: Tree; stones: Map<string, Tombstone> } {
  const stones = new Map<string, Tombstone>();
  let left = tree;
  const deepestFirst = [...uids].sort((a, b) => descendantsOf(tree, b).length - descendantsOf(tree, a).length).reverse();
  for (const uid of deepestFirst) {
    const block = getBlock(tree, uid);
    if (!block) continue;
    stones.set(uid, { ...block, parentUid: block.parent, batchId });
    left = withoutBlock(left, uid);
  }
  return { tree: left, stones };
}

function revive(tree: Tree, stones: Map<string, Tombstone>, uid: string): Tree {
  const ops = revivalOps(tree, stones, uid) ?? [];
  const result = applyAll(tree, ops);
  if (!result.ok) throw new Error(result.reason);
  return result.tree;
}

describe("revivalOps", () => {
  const page = outline("- a", "  - b", "    - c", "  - d", "- e");

  it("brings a deleted block back where it was, with the ancestors deleted with it and its own children", () => {
    const { tree, stones } = bury(page, ["a", "b", "c", "d"]);
    expect(render(tree)).toEqual(["- e"]);
    expect(render(revive(tree, stones, "b"))).toEqual(["- a", "  - b", "    - c", "- e"]);
  });

  it("puts a block in the place of an ancestor deleted separately, which stays deleted", () => {
    const first = bury(page, ["c"], "batch-1");
    const second = bury(first.tree, ["a", "b", "d"], "batch-2");
    const stones = new Map([...first.stones, ...second.stones]);
    expect(render(revive(second.tree, stones, "c"))).toEqual(["- c", "- e"]);
  });

  it("goes right after a block that took its key", () => {
    const { tree, stones } = bury(page, ["e"]);
    const taken = getBlock(page, "e")?.order ?? "";
    const withNew = treeOf([...tree.blocks.values(), { uid: "n", parent: null, order: taken, content: "n", props: {} }]);
    expect(render(revive(withNew, stones, "e"))).toEqual(["- a", "  - b", "    - c", "  - d", "- n", "- e"]);
  });

  it("gives nothing for a block that is there or has no tombstone", () => {
    const { tree, stones } = bury(page, ["d"]);
    expect(revivalOps(tree, stones, "a")).toBeUndefined();
    expect(revivalOps(tree, stones, "zzz")).toBeUndefined();
  });
});

describe("keptByEdits", () => {
  const page = outline("- p", "  - x", "    - under", "  - s", "- q");
  const all = new Set(["under", "x", "s", "p"]);

  it("keeps an edited block, what is under it and the ancestors it needs; the rest goes", () => {
    expect([...keptByEdits(page, all, new Set(["x"]))].sort()).toEqual(["p", "under", "x"]);
  });

  it("keeps nothing when nothing deleted was changed by others", () => {
    expect(keptByEdits(page, all, new Set(["q"])).size).toBe(0);
  });
});

const KEYS = generateNKeysBetween(null, null, 8);
const treeArb = fc
  .array(fc.record({ parent: fc.option(fc.nat(), { freq: 3 }), key: fc.nat({ max: KEYS.length - 1 }) }), { maxLength: 20 })
  .map((rows) => {
    const blocks: BlockNode[] = [];
    rows.forEach(({ parent, key }, i) => {
      const parentUid = parent === null || i === 0 ? null : `b${parent % i}`;
      // Sibling keys stay unique, as on a real page.
      const used = new Set(blocks.filter((block) => block.parent === parentUid).map((block) => block.order));
      const order = [...KEYS.slice(key), ...KEYS].find((candidate) => !used.has(candidate));
      if (order) blocks.push({ uid: `b${i}`, parent: parentUid, order, content: `block ${i}`, props: {} });
    });
    return treeOf(blocks);
  });

describe("conflicts, on random pages", () => {
  it("deleting a subtree and then bringing back any block of it gives a valid page holding it, its ancestors and its children", () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.nat(), (page, rootPick, targetPick) => {
        const uids = [...page.blocks.keys()];
        if (uids.length === 0) return;
        const root = uids[rootPick % uids.length] ?? "";
        const subtree = [root, ...descendantsOf(page, root)];
        const target = subtree[targetPick % subtree.length] ?? root;
        const { tree, stones } = bury(page, subtree);
        const back = revive(tree, stones, target);
        expect(checkTree(back)).toEqual([]);
        expect(getBlock(back, target)?.content).toBe(getBlock(page, target)?.content);
        for (const uid of descendantsOf(page, target)) expect(getBlock(back, uid)).toBeDefined();
        // The root comes back to its own parent (never deleted), so the target has its old parent.
        expect(getBlock(back, target)?.parent).toBe(getBlock(page, target)?.parent);
        // Nothing else came back.
        const outsideTarget = subtree.filter((uid) => uid !== target && !descendantsOf(page, target).includes(uid));
        const ancestors = new Set<string>();
        for (let up = getBlock(page, target)?.parent ?? null; up !== null && subtree.includes(up); up = getBlock(page, up)?.parent ?? null) ancestors.add(up);
        for (const uid of outsideTarget) expect(getBlock(back, uid) !== undefined).toBe(ancestors.has(uid));
      }),
      { numRuns: 1_000 },
    );
  });

  it("what a delete keeps is closed upwards within what it deletes, and everything changed by others is in it", () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.array(fc.nat(), { maxLength: 5 }), (page, rootPick, editPicks) => {
        const uids = [...page.blocks.keys()];
        if (uids.length === 0) return;
        const root = uids[rootPick % uids.length] ?? "";
        const deleting = new Set([root, ...descendantsOf(page, root)]);
        const edited = new Set(editPicks.map((pick) => uids[pick % uids.length] ?? ""));
        const kept = keptByEdits(page, deleting, edited);
        for (const uid of kept) {
          expect(deleting.has(uid)).toBe(true);
          const parent = getBlock(page, uid)?.parent ?? null;
          if (parent !== null && deleting.has(parent)) expect(kept.has(parent)).toBe(true);
        }
        for (const uid of edited) if (deleting.has(uid)) for (const under of [uid, ...descendantsOf(page, uid)]) expect(kept.has(under)).toBe(true);
        // Deleting the rest and bringing the kept back leaves a valid page.
        const { tree, stones } = bury(page, [...deleting]);
        const keptStones = new Map([...stones].filter(([uid]) => kept.has(uid)));
        let back = tree;
        for (const stone of keptStones.values()) if (stone.parentUid === null || !keptStones.has(stone.parentUid)) back = revive(back, keptStones, stone.uid);
        expect(checkTree(back)).toEqual([]);
        expect([...kept].every((uid) => getBlock(back, uid) !== undefined)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
