// Batches of ops run on a private working copy changed in place (primitive.ts applyInOrder,
// tree.ts workingCopy). These tests hold that to the plain semantics: the same trees as
// applying one op per call (and as a naive reference implementation), and no tree a caller
// holds ever changing — the input, the result, their children lists.
import fc from "fast-check";
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { describe, expect, it } from "vitest";
import { checkTree, isValidOrderKey } from "./check";
import { keyAfter } from "./edits";
import { outline } from "./fixtures";
import { changeOf } from "./history";
import { apply, applyAll, invert, type Op } from "./ops";
import {
  applyInOrder,
  applyPrimitive,
  applyPrimitives,
  invertInOrder,
  invertPrimitive,
  type ApplyResult,
  type PrimitiveOp,
} from "./primitive";
import { childrenOf, getBlock, isWorkingCopy, treeOf, withBlock, withoutBlock, type BlockNode, type Tree } from "./tree";

/** A deterministic pseudo-random source (mulberry32). */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** A page like the benchmark's: top-level blocks with 1–3 levels of children. */
function bigTree(count: number): Tree {
  const blocks: BlockNode[] = [];
  const keys = generateNKeysBetween(null, null, count);
  const open: string[] = [];
  for (let i = 0; i < count; i++) {
    const depth = i % 4 === 0 ? 0 : Math.min(open.length, 1 + (i % 3));
    open.length = depth;
    const uid = `b${i}`;
    blocks.push({ uid, parent: depth === 0 ? null : (open[depth - 1] ?? null), order: keys[i] ?? "a0", content: `block ${i}`, props: {} });
    open[depth] = uid;
  }
  return treeOf(blocks);
}

function unwrap(result: { ok: true; tree: Tree } | { ok: false; reason: string }): Tree {
  if (!result.ok) throw new Error(result.reason);
  return result.tree;
}

/** Every parent's children (the top level as "(top)"), for the uids of `trees`. */
function childLists(...trees: Tree[]): Record<string, readonly string[]> {
  const lists: Record<string, readonly string[]> = {};
  const parents = new Set<string | null>([null]);
  for (const tree of trees) for (const uid of tree.blocks.keys()) parents.add(uid);
  for (const parent of parents) lists[parent ?? "(top)"] = [...childrenOf(trees[0] as Tree, parent)];
  return lists;
}

function expectSameTree(actual: Tree, expected: Tree): void {
  expect(new Map(actual.blocks)).toEqual(new Map(expected.blocks));
  expect(childLists(actual, expected)).toEqual(childLists(expected, actual));
}

/**
 * What a caller sees of `tree` now: its blocks, and every children list — both the values and
 * the very arrays handed out (an array patched in place would still equal itself).
 */
function snapshot(tree: Tree) {
  const parents: (string | null)[] = [null, ...tree.blocks.keys()];
  const arrays = parents.map((parent) => childrenOf(tree, parent));
  const lists = arrays.map((list) => [...list]);
  const entries = [...tree.blocks.entries()];
  return {
    expectUnchanged() {
      expect([...tree.blocks.entries()]).toEqual(entries);
      parents.forEach((parent, at) => {
        // (A parent without children gets a fresh empty array each time.)
        if (lists[at]?.length) expect(childrenOf(tree, parent)).toBe(arrays[at]);
        expect([...(arrays[at] ?? [])]).toEqual(lists[at]);
      });
      expect(isWorkingCopy(tree)).toBe(false);
    },
  };
}

/**
 * `count` creates at random places (under random blocks, between random siblings) then `count`
 * deletes of random leaves (old and new), each op made on the tree the ones before left; and
 * that tree at the end, the ops applied one call (of applyPrimitives) at a time.
 */
function createsThenDeletes(start: Tree, count: number, seed: number): { ops: PrimitiveOp[]; oneByOne: Tree } {
  const pick = random(seed);
  const ops: PrimitiveOp[] = [];
  let tree = start;
  childrenOf(tree, null);
  const uids = [...start.blocks.keys()];
  const step = (op: PrimitiveOp) => {
    ops.push(op);
    tree = unwrap(applyPrimitives(tree, [op]));
  };
  for (let i = 0; i < count; i++) {
    const parent = pick(5) === 0 ? null : (uids[pick(uids.length)] ?? null);
    const siblings = childrenOf(tree, parent);
    const after = pick(siblings.length + 1) - 1;
    const uid = `new${i}`;
    step({ type: "create", uid, parent, order: keyAfter(tree, parent, siblings[after] ?? null), content: `new ${i}` });
    uids.push(uid);
  }
  for (let i = 0; i < count; i++) {
    let uid = uids[pick(uids.length)] ?? "";
    while (!getBlock(tree, uid) || childrenOf(tree, uid).length > 0) uid = uids[pick(uids.length)] ?? "";
    step({ type: "delete", uid });
  }
  return { ops, oneByOne: tree };
}

describe("a batch of primitive ops on a 10,000-block page", () => {
  const page = bigTree(10_000);
  const { ops, oneByOne } = createsThenDeletes(page, 500, 7);

  it("gives the tree applying the ops one call at a time gives (blocks and every children list)", () => {
    const batched = unwrap(applyPrimitives(page, ops));
    expectSameTree(batched, oneByOne);
    expect(checkTree(batched)).toEqual([]);
    // Also from a tree whose children index was never built (the batch builds its own).
    expectSameTree(unwrap(applyPrimitives(bigTree(10_000), ops)), oneByOne);
  }, 60_000);

  it("leaves the input tree untouched (blocks and children lists), as applyAll does", () => {
    const before = snapshot(page);
    unwrap(applyPrimitives(page, ops));
    before.expectUnchanged();
    unwrap(applyAll(page, ops));
    before.expectUnchanged();
    changeOf(page, ops);
    before.expectUnchanged();
  }, 60_000);

  it("hands back a tree that later changes (withBlock, withoutBlock, other batches) leave alone", () => {
    const result = unwrap(applyAll(page, ops.slice(0, 50)));
    expect(isWorkingCopy(result)).toBe(false);
    const before = snapshot(result);
    const top = childrenOf(result, null);
    const first = getBlock(result, top[0] ?? "") as BlockNode;
    const moved = withBlock(result, { ...first, parent: top[1] ?? null, order: "a0" });
    const added = withBlock(result, { uid: "extra", parent: null, order: generateKeyBetween(null, first.order), content: "", props: {} });
    const leaf = [...result.blocks.keys()].find((uid) => childrenOf(result, uid).length === 0) ?? "";
    const removed = withoutBlock(result, leaf);
    for (const next of [moved, added, removed]) expect(next).not.toBe(result);
    unwrap(applyAll(result, ops.slice(50, 100)));
    changeOf(result, ops.slice(50, 100));
    before.expectUnchanged();
    expect(getBlock(added, "extra")).toBeDefined();
    expect(getBlock(removed, leaf)).toBeUndefined();
  }, 60_000);

  it("shares the children index for text-only changes, one op or a batch (a keystroke re-sorts nothing)", () => {
    const uid = childrenOf(page, null)[100] ?? "";
    const itsChildren = (tree: Tree) => childrenOf(tree, uid);
    for (const changes of [1, 3]) {
      const updates = Array.from({ length: changes }, (_, i): PrimitiveOp => ({ type: "update", uid, content: `typed ${i}` }));
      const result = unwrap(applyPrimitives(page, updates));
      expect(childrenOf(result, null)).toBe(childrenOf(page, null));
      expect(itsChildren(result)).toBe(itsChildren(page));
      expect(getBlock(result, uid)?.content).toBe(`typed ${changes - 1}`);
    }
  });

  it("fails mid-batch naming the op, leaving the input untouched", () => {
    const before = snapshot(page);
    const broken: PrimitiveOp[] = [...ops.slice(0, 600), { type: "create", uid: "b1", parent: null, order: "a0", content: "" }, ...ops.slice(600)];
    const result = applyPrimitives(page, broken);
    expect(result).toEqual({ ok: false, reason: "Block b1 already exists", failedAt: 600 });
    expect(applyAll(page, broken)).toEqual(result);
    expect(changeOf(page, broken)).toBeUndefined();
    before.expectUnchanged();
  }, 60_000);
});

describe("a batch of outliner ops (structural ops expand on the working copy)", () => {
  const start = outline("- a", "  - a1", "  - a2", "- b", "  - b1", "- c", "- d", "  - d1", "    - d2", "- e");
  const ops: Op[] = [
    { type: "update", uid: "a", content: "A!" },
    { type: "split", uid: "b", offset: 0, newUid: "x" },
    { type: "indent", uid: "c" },
    { type: "create", uid: "y", parent: "c", order: "a0", content: "y" },
    { type: "merge", uid: "d" },
    { type: "outdent", uid: "d1" },
    { type: "batch", ops: [{ type: "indent", uid: "e" }, { type: "update", uid: "e", content: "E" }] },
    { type: "split", uid: "a1", offset: 1, newUid: "z" },
    { type: "move", uid: "a2", parent: null, order: "Zz" },
    { type: "delete", uid: "z" },
  ];

  it("gives the tree and the inverses that applying and inverting one op at a time give", () => {
    childrenOf(start, null);
    const before = snapshot(start);
    let tree = start;
    const inverses: Op[] = [];
    for (const op of ops) {
      inverses.unshift(invert(op, tree) as Op);
      tree = unwrap(apply(tree, op));
    }
    const batched = unwrap(applyAll(start, ops));
    expectSameTree(batched, tree);
    expect(invertInOrder(start, ops, apply, invert)).toEqual(inverses);
    before.expectUnchanged();
    expectSameTree(unwrap(applyAll(batched, inverses)), start);
  });

  it("fails on a structural op mid-batch without touching the input", () => {
    const before = snapshot(start);
    const result = applyAll(start, [...ops.slice(0, 3), { type: "indent", uid: "a" }, ...ops.slice(3)]);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.failedAt).toBe(3);
    before.expectUnchanged();
  });
});

describe("trees made from a working copy inside a batch", () => {
  it("stay as they were made while the batch goes on changing its copy", () => {
    const start = outline("- a", "  - a1", "- b", "- c", "  - c1");
    childrenOf(start, null);
    const ops: PrimitiveOp[] = [
      { type: "create", uid: "x", parent: null, order: "a0V", content: "x" },
      { type: "move", uid: "c1", parent: "a", order: "a2" },
      { type: "create", uid: "y", parent: "a", order: "a3", content: "y" },
      { type: "delete", uid: "a1" },
      { type: "move", uid: "b", parent: "x", order: "a0" },
    ];
    // Each step first peeks at the tree it was handed through a batch of its own, and keeps what that gave.
    const kept: ReturnType<typeof snapshot>[] = [];
    const peeking = (tree: Tree, op: PrimitiveOp) => {
      const peek = unwrap(applyPrimitives(tree, [{ type: "update", uid: "a", content: "peek" }]));
      kept.push(snapshot(peek));
      return applyPrimitive(tree, op);
    };
    let oneByOne = start;
    for (const op of ops) oneByOne = unwrap(applyPrimitives(oneByOne, [op]));
    expectSameTree(unwrap(applyInOrder(start, ops, peeking)), oneByOne);
    expect(invertInOrder(start, ops, peeking, invertPrimitive)).toEqual(invertInOrder(start, ops, applyPrimitive, invertPrimitive));
    expect(kept.length).toBe(2 * ops.length);
    for (const peek of kept) peek.expectUnchanged();
  });
});

// ---------------------------------------------------------------------------------------------
// A naive reference: a fresh map per op, children found by scanning every block, sibling keys
// checked one by one. The messages are the ones primitive.ts and check.ts give.

type Naive = Map<string, BlockNode>;

const naiveCompare = (a: BlockNode, b: BlockNode) =>
  a.order < b.order ? -1 : a.order > b.order ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;

function naiveChildren(blocks: Naive, parent: string | null): string[] {
  return [...blocks.values()]
    .filter((block) => block.parent === parent)
    .sort(naiveCompare)
    .map((block) => block.uid);
}

function naivePlacement(blocks: Naive, block: BlockNode): string | undefined {
  if (!isValidOrderKey(block.order)) return `Invalid order key "${block.order.slice(0, 40)}" for block ${block.uid}`;
  if (block.parent !== null) {
    if (block.parent === block.uid) return `Block ${block.uid} cannot be its own parent`;
    if (!blocks.has(block.parent)) return `Parent ${block.parent} of block ${block.uid} does not exist on this page`;
    for (let at: string | null = block.parent; at !== null; at = blocks.get(at)?.parent ?? null) {
      if (at === block.uid) return `Moving block ${block.uid} under ${block.parent} would put it inside itself`;
    }
  }
  const sibling = naiveChildren(blocks, block.parent).find((uid) => uid !== block.uid && blocks.get(uid)?.order === block.order);
  return sibling === undefined ? undefined : `Order key ${block.order} is already used by sibling ${sibling}`;
}

function naiveApply(start: Naive, ops: readonly PrimitiveOp[]): { ok: boolean; reason?: string; failedAt?: number; blocks: Naive } {
  let blocks = start;
  for (const [index, op] of ops.entries()) {
    const next = new Map(blocks);
    const block = blocks.get(op.uid);
    let problem: string | undefined;
    if (op.type === "create") {
      const created = { uid: op.uid, parent: op.parent, order: op.order, content: op.content, props: op.props ?? {} };
      problem = block ? `Block ${op.uid} already exists` : naivePlacement(blocks, created);
      next.set(op.uid, created);
    } else if (!block) {
      problem = `Block ${op.uid} does not exist`;
    } else if (op.type === "update") {
      next.set(op.uid, { ...block, content: op.content });
    } else if (op.type === "setProps") {
      next.set(op.uid, { ...block, props: op.props });
    } else if (op.type === "move") {
      const moved = { ...block, parent: op.parent, order: op.order };
      problem = naivePlacement(blocks, moved);
      next.set(op.uid, moved);
    } else {
      problem = naiveChildren(blocks, op.uid).length > 0 ? `Block ${op.uid} still has children` : undefined;
      next.delete(op.uid);
    }
    if (problem !== undefined) return { ok: false, reason: problem, failedAt: index, blocks: start };
    blocks = next;
  }
  return { ok: true, blocks };
}

const KEYS = [...generateNKeysBetween(null, null, 6), generateKeyBetween("a0", "a1"), "Zz"];
const BAD_KEYS = ["", "a", "b0~", "a0 "];

/** Random trees of up to 25 blocks, parents earlier in the list, keys from a small pool (so duplicates among siblings occur, as in rows read back from a database). */
const treeArb = fc
  .array(fc.record({ parent: fc.option(fc.nat(), { freq: 3 }), key: fc.nat({ max: KEYS.length - 1 }) }), { minLength: 0, maxLength: 25, size: "max" })
  .map((rows) =>
    rows.map(({ parent, key }, i): BlockNode => ({
      uid: `b${i}`,
      parent: parent === null || i === 0 ? null : `b${parent % i}`,
      order: KEYS[key] ?? "a0",
      content: `block ${i}`,
      props: {},
    })),
  );

/** What each op of a random batch is made from, on the tree the ops before it left (see `opsFrom`). */
type Choice = { kind: number; a: number; b: number; c: number; bad: number };
const choiceArb: fc.Arbitrary<Choice> = fc.record({ kind: fc.nat({ max: 9 }), a: fc.nat(), b: fc.nat(), c: fc.nat(), bad: fc.nat({ max: 29 }) });

/** A key among `parent`'s children (`ignore` aside) at place `n`, or after the last when keys are equal there. */
function keyAmong(blocks: Naive, parent: string | null, n: number, ignore?: string): string {
  const siblings = naiveChildren(blocks, parent).filter((uid) => uid !== ignore);
  const at = n % (siblings.length + 1);
  const prev = blocks.get(siblings[at - 1] ?? "")?.order ?? null;
  const next = blocks.get(siblings[at] ?? "")?.order ?? null;
  try {
    return generateKeyBetween(prev, next);
  } catch {
    return generateKeyBetween(blocks.get(siblings.at(-1) ?? "")?.order ?? null, null);
  }
}

/** A key that cannot go under `parent`: a sibling's (when there is one) or a malformed one. */
function badKey(blocks: Naive, parent: string | null, n: number): string {
  const siblings = naiveChildren(blocks, parent);
  const taken = n % 2 === 0 ? blocks.get(siblings[n % Math.max(1, siblings.length)] ?? "")?.order : undefined;
  return taken ?? BAD_KEYS[n % BAD_KEYS.length] ?? "";
}

/**
 * Ops made, one by one, for the tree the naive reference has after the ones before: mostly
 * valid (fresh uids, existing parents, keys between siblings, leaves deleted), one in 30 made
 * to fail (a taken uid or key, a missing block or parent, a malformed key, a block moved into
 * itself, a block deleted with its children).
 */
function opsFrom(start: Tree, choices: readonly Choice[]): PrimitiveOp[] {
  let blocks: Naive = new Map(start.blocks);
  let fresh = 0;
  const ops: PrimitiveOp[] = [];
  for (const { kind, a, b, c, bad } of choices) {
    const uids = [...blocks.keys()];
    const some = (n: number) => uids[n % uids.length] ?? "missing";
    const wrong = bad === 0;
    let op: PrimitiveOp;
    if (kind < 3 || uids.length === 0) {
      const uid = wrong && c % 4 === 0 && uids.length > 0 ? some(a) : `n${fresh++}`;
      const parent = wrong && c % 4 === 1 ? "missing" : wrong && c % 4 === 3 ? uid : b % 4 === 0 ? null : (uids[b % Math.max(1, uids.length)] ?? null);
      const order = wrong && c % 4 === 2 ? badKey(blocks, parent, a) : keyAmong(blocks, parent, a);
      op = { type: "create", uid, parent, order, content: "new", ...(c % 3 === 0 ? { props: { heading: 1 } } : {}) };
    } else if (kind < 5) {
      const uid = some(a);
      const inside = (parent: string) => {
        for (let at: string | null = parent; at !== null; at = blocks.get(at)?.parent ?? null) if (at === uid) return true;
        return false;
      };
      const parents = wrong ? uids : uids.filter((candidate) => !inside(candidate));
      const parent = b % 4 === 0 || parents.length === 0 ? null : (parents[b % parents.length] ?? null);
      const order = wrong && c % 2 === 0 ? badKey(blocks, parent, c) : keyAmong(blocks, parent, c, uid);
      op = { type: "move", uid, parent, order };
    } else if (kind < 7) {
      const leaves = uids.filter((uid) => naiveChildren(blocks, uid).length === 0);
      op = { type: "delete", uid: wrong ? (c % 2 === 0 ? "missing" : some(a)) : (leaves[a % leaves.length] ?? "missing") };
    } else if (kind < 9) {
      op = { type: "update", uid: wrong ? "missing" : some(a), content: `text ${b % 10}` };
    } else {
      op = { type: "setProps", uid: wrong ? "missing" : some(a), props: b % 2 === 0 ? {} : { collapsed: true } };
    }
    ops.push(op);
    const applied = naiveApply(blocks, [op]);
    if (applied.ok) blocks = applied.blocks;
  }
  return ops;
}

describe("the sibling key check (a binary search over the sorted children)", () => {
  it("names the first other sibling holding the key, also among siblings that share keys", () => {
    const block = (uid: string, order: string, parent: string | null = null): BlockNode => ({ uid, parent, order, content: uid, props: {} });
    const tree = treeOf([block("y", "a0"), block("x", "a0"), block("z", "a0"), block("w", "a1"), block("v", "Zz"), block("c", "a0", "w")]);
    const cases: [PrimitiveOp, string | undefined][] = [
      [{ type: "move", uid: "x", parent: null, order: "a0" }, "Order key a0 is already used by sibling y"],
      [{ type: "move", uid: "y", parent: null, order: "a0" }, "Order key a0 is already used by sibling x"],
      [{ type: "move", uid: "w", parent: null, order: "a0" }, "Order key a0 is already used by sibling x"],
      [{ type: "create", uid: "n", parent: null, order: "a0", content: "" }, "Order key a0 is already used by sibling x"],
      [{ type: "create", uid: "n", parent: null, order: "Zz", content: "" }, "Order key Zz is already used by sibling v"],
      [{ type: "move", uid: "w", parent: null, order: "a1" }, undefined],
      [{ type: "create", uid: "n", parent: null, order: "a0V", content: "" }, undefined],
      [{ type: "create", uid: "n", parent: null, order: "Zy", content: "" }, undefined],
      [{ type: "move", uid: "v", parent: "w", order: "a0" }, "Order key a0 is already used by sibling c"],
      [{ type: "move", uid: "c", parent: "w", order: "a0" }, undefined],
    ];
    for (const [op, reason] of cases) {
      const result = applyPrimitives(tree, [op]);
      expect(result.ok ? undefined : result.reason).toBe(reason);
      expect(naiveApply(new Map(tree.blocks), [op]).reason).toBe(reason);
    }
  });
});

describe("random batches of primitive ops (property)", () => {
  it("give what a naive one-copy-per-op implementation gives: outcome, blocks, children order", () => {
    fc.assert(
      fc.property(treeArb, fc.array(choiceArb, { minLength: 0, maxLength: 60, size: "max" }), fc.boolean(), (rows, choices, indexed) => {
        const start = treeOf(rows);
        const ops = opsFrom(start, choices);
        if (indexed) childrenOf(start, null);
        const before = snapshot(start);
        const expected = naiveApply(new Map(start.blocks), ops);
        const result = applyPrimitives(start, ops);
        expect(result.ok).toBe(expected.ok);
        if (!result.ok) {
          expect({ reason: result.reason, failedAt: result.failedAt }).toEqual({ reason: expected.reason, failedAt: expected.failedAt });
        } else {
          expect(new Map(result.tree.blocks)).toEqual(expected.blocks);
          for (const parent of [null, ...expected.blocks.keys()]) {
            expect(childrenOf(result.tree, parent)).toEqual(naiveChildren(expected.blocks, parent));
          }
          expect(isWorkingCopy(result.tree)).toBe(false);
        }
        // Inverting the batch goes through a working copy too: the same inverses as op by op.
        const inverses = invertInOrder(start, ops, applyPrimitive, invertPrimitive);
        let tree: Tree | undefined = start;
        const oneByOne: PrimitiveOp[] = [];
        for (const op of ops) {
          const inverse = tree && invertPrimitive(op, tree);
          const applied: ApplyResult | undefined = tree && applyPrimitive(tree, op);
          tree = applied?.ok ? applied.tree : undefined;
          if (inverse) oneByOne.unshift(inverse);
        }
        expect(inverses).toEqual(tree ? oneByOne : undefined);
        // Undo restores the start (when its keys are sound: a deleted block sharing its key would not come back).
        if (result.ok && inverses && checkTree(start).length === 0) {
          expect(new Map(unwrap(applyPrimitives(result.tree, inverses)).blocks)).toEqual(new Map(start.blocks));
        }
        before.expectUnchanged();
      }),
      { numRuns: 3_000 },
    );
  }, 60_000);
});
