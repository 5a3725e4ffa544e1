import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outline } from "./fixtures";
import { checkTree } from "./check";
import { keyAtEnd } from "./edits";
import {
  changeOf,
  emptyHistory,
  forget,
  leftIn,
  record,
  redo,
  stillLeft,
  typedChar,
  typedLeft,
  undo,
  TYPING_PAUSE_MS,
  type History,
  type Step,
} from "./history";
import { applyAll, type Op, type PrimitiveOp } from "./ops";
import { childrenOf, getBlock, type Tree } from "./tree";

function applied(tree: Tree, ops: readonly Op[]): Tree {
  const result = applyAll(tree, ops);
  if (!result.ok) throw new Error(result.reason);
  return result.tree;
}

/** Types `text` into block `uid` one character at a time, `gap` ms apart, recording each key. */
function typeInto(start: { tree: Tree; history: History; now: number }, uid: string, text: string, gap = 50) {
  let { tree, history, now } = start;
  for (const char of text) {
    const before = tree.blocks.get(uid)?.content ?? "";
    const ops: PrimitiveOp[] = [{ type: "update", uid, content: before + char }];
    now += gap;
    history = record(history, { ops, inverse: [{ type: "update", uid, content: before }], typing: { uid, before, after: before + char, at: now } });
    tree = applied(tree, ops);
  }
  return { tree, history, now };
}

describe("typing steps", () => {
  it("group by word: Ctrl+Z takes back 'world', then 'hello '", () => {
    const start = outline("- #a");
    const typed = typeInto({ tree: start, history: emptyHistory, now: 0 }, "a", "hello world");
    expect(typed.history.done).toHaveLength(2);
    const first = undo(typed.history);
    const afterFirst = applied(typed.tree, first?.ops ?? []);
    expect(afterFirst.blocks.get("a")?.content).toBe("hello ");
    const second = undo(first?.history ?? emptyHistory);
    expect(applied(afterFirst, second?.ops ?? []).blocks.get("a")?.content).toBe("");
  });

  it("group by pauses: a pause starts a new step even mid-word", () => {
    const start = outline("- #a");
    let state = typeInto({ tree: start, history: emptyHistory, now: 0 }, "a", "hel");
    state = typeInto({ ...state, now: state.now + TYPING_PAUSE_MS }, "a", "lo");
    expect(state.history.done).toHaveLength(2);
  });

  it("never group typing in two different blocks, and a new change clears redo", () => {
    const start = outline("- #a", "- #b");
    let state = typeInto({ tree: start, history: emptyHistory, now: 0 }, "a", "x");
    state = typeInto(state, "b", "y");
    expect(state.history.done).toHaveLength(2);
    const undone = undo(state.history);
    expect(undone?.history.undone).toHaveLength(1);
    const after = typeInto({ tree: applied(state.tree, undone?.ops ?? []), history: undone?.history ?? emptyHistory, now: state.now }, "a", "z");
    expect(after.history.undone).toHaveLength(0);
  });

  it("after an undo, typing starts a step of its own even without a pause", () => {
    let state = typeInto({ tree: outline("- #a"), history: emptyHistory, now: 0 }, "a", "hello");
    const undone = undo(state.history);
    // Undo took "hello" back; type "hi" at once: undoing that must not take more than "hi".
    state = typeInto({ tree: applied(state.tree, undone?.ops ?? []), history: undone?.history ?? emptyHistory, now: state.now }, "a", "hi");
    expect(state.history.done).toHaveLength(1);
    expect(applied(state.tree, undo(state.history)?.ops ?? []).blocks.get("a")?.content).toBe("");
    const twice = typeInto({ tree: outline("- #a"), history: emptyHistory, now: 0 }, "a", "one two");
    const back = undo(twice.history);
    const more = typeInto({ tree: applied(twice.tree, back?.ops ?? []), history: back?.history ?? emptyHistory, now: twice.now }, "a", "X");
    expect(more.history.done).toHaveLength(2);
    expect(applied(more.tree, undo(more.history)?.ops ?? []).blocks.get("a")?.content).toBe("one ");
  });

  it("keep one update and one inverse per typing step, however many keys it took", () => {
    const typed = typeInto({ tree: outline("- #a"), history: emptyHistory, now: 0 }, "a", "hello");
    expect(typed.history.done).toHaveLength(1);
    expect(typed.history.done[0]?.ops).toEqual([{ type: "update", uid: "a", content: "hello" }]);
    expect(typed.history.done[0]?.inverse).toEqual([{ type: "update", uid: "a", content: "" }]);
  });

  it("knows which character was typed", () => {
    expect(typedChar("helo", "hello")).toBe("l");
    expect(typedChar("ab", "a b")).toBe(" ");
    expect(typedChar("abc", "abd")).toBeUndefined();
  });
});

describe("other steps", () => {
  const slide = (history: History, value: number, at: number, page = "p") =>
    record(history, {
      ops: [{ type: "setProps", uid: "a", props: { slider: { u: value } } }],
      inverse: [{ type: "setProps", uid: "a", props: { slider: { u: value - 1 } } }],
      coalesce: { key: "slider:a:0", at },
      page,
    });

  it("coalesce a slider dragged through values into one step, until a pause", () => {
    let history = slide(emptyHistory, 6, 0);
    history = slide(history, 7, 100);
    history = slide(history, 8, 200);
    expect(history.done).toHaveLength(1);
    const undone = undo(history);
    // Undoing runs the inverses newest first, ending at the value before the drag.
    expect(undone?.ops.at(-1)).toEqual({ type: "setProps", uid: "a", props: { slider: { u: 5 } } });
    history = slide(history, 9, 200 + TYPING_PAUSE_MS + 1);
    expect(history.done).toHaveLength(2);
  });

  it("never merge steps of different pages or steps that belong to a group", () => {
    let history = slide(emptyHistory, 6, 0, "p");
    history = slide(history, 7, 10, "q");
    expect(history.done).toHaveLength(2);
    const grouped = record(history, { ops: [], inverse: [], group: 1, page: "q" });
    expect(slide(grouped, 8, 20, "q").done).toHaveLength(4);
  });
});

// Random edits with random undo and redo in between: the tree is always what replaying the
// steps still done gives.
type Action = { kind: "edit" | "type" | "undo" | "redo"; pick: number; op: number };
const actionArb: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom("edit", "edit", "type", "type", "undo", "redo"),
  pick: fc.nat(),
  op: fc.nat({ max: 4 }),
});

function editFor(tree: Tree, action: Action, fresh: () => string): Op[] {
  const uids = [...tree.blocks.keys()].sort();
  const uid = uids[action.pick % uids.length];
  if (uid === undefined) return [];
  const candidates: Op[] = [
    { type: "split", uid, offset: action.pick % 4, newUid: fresh() },
    { type: "indent", uid },
    { type: "outdent", uid },
    { type: "merge", uid },
    { type: "update", uid, content: `${tree.blocks.get(uid)?.content ?? ""}${action.pick % 10}` },
  ];
  const op = candidates[action.op] as Op;
  return applyAll(tree, [op]).ok ? [op] : [];
}

describe("undo and redo (property)", () => {
  it("keep the tree equal to the replay of the steps still done", () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 40 }), (actions) => {
        const start = outline("- one #a", "  - two #b", "- three #c");
        let tree = start;
        let history = emptyHistory;
        let next = 0;
        let now = 0;
        const fresh = () => `n${next++}`;
        for (const action of actions) {
          if (action.kind === "type") {
            // A key typed into a block, sometimes after a pause: grouped as the editor's typing is.
            const uids = [...tree.blocks.keys()].sort();
            const uid = uids[action.pick % uids.length];
            if (uid === undefined) continue;
            const before = tree.blocks.get(uid)?.content ?? "";
            const after = before + (action.op === 0 ? " " : String.fromCharCode(97 + (action.pick % 26)));
            const ops: PrimitiveOp[] = [{ type: "update", uid, content: after }];
            now += action.op === 1 ? TYPING_PAUSE_MS + 1 : 50;
            history = record(history, { ops, inverse: [{ type: "update", uid, content: before }], typing: { uid, before, after, at: now } });
            tree = applied(tree, ops);
          } else if (action.kind === "edit") {
            const ops = editFor(tree, action, fresh);
            if (ops.length === 0) continue;
            const change = changeOf(tree, ops);
            expect(change).toBeDefined();
            history = record(history, { ops: change?.ops ?? [], inverse: change?.inverse ?? [] } satisfies Step);
            tree = applied(tree, ops);
          } else {
            const result = action.kind === "undo" ? undo(history) : redo(history);
            if (!result) continue;
            tree = applied(tree, result.ops);
            history = result.history;
          }
          const replay = history.done.reduce((current, step) => applied(current, step.ops), start);
          expect(tree.blocks).toEqual(replay.blocks);
          expect(childrenOf(tree, null)).toEqual(childrenOf(replay, null));
        }
      }),
      { numRuns: 2_000 },
    );
  }, 60_000);
});

/** A change made in this tab: applied and recorded as the store does, with what it left. */
function local(state: { tree: Tree; history: History }, ops: Op[], extra: Partial<Step> = {}) {
  const change = changeOf(state.tree, ops);
  if (!change) throw new Error("the change does not apply");
  const tree = applied(state.tree, ops);
  return { tree, history: record(state.history, { ...extra, ...change, left: leftIn(tree, change.inverse) }) };
}

/** Ctrl+Z or Ctrl+Y as the store does it: only where the blocks still hold what this tab left; else the step is forgotten. */
function step(state: { tree: Tree; history: History }, direction: "undo" | "redo") {
  const list = direction === "undo" ? state.history.done : state.history.undone;
  const next = list.at(-1);
  if (!next) return { ...state, outcome: "none" as const };
  const ops = direction === "undo" ? next.inverse : next.ops;
  const result = applyAll(state.tree, ops);
  if (!stillLeft(state.tree, next.left ?? []) || !result.ok) {
    return { tree: state.tree, history: forget(state.history, direction === "undo" ? "done" : "undone", 1), outcome: "skipped" as const };
  }
  const moved = (direction === "undo" ? undo : redo)(state.history, leftIn(result.tree, next.inverse));
  return { tree: result.tree, history: moved?.history ?? state.history, outcome: "applied" as const };
}

describe("undo after another tab's changes", () => {
  it("skip a typing step when another tab changed the block's text since, and go on with the one before", () => {
    let state = local({ tree: outline("- #a", "- #b"), history: emptyHistory }, [{ type: "update", uid: "b", content: "mine" }]);
    state = local(state, [{ type: "update", uid: "a", content: "typed here" }], { typing: { uid: "a", before: "", after: "typed here", at: 0 } });
    state = { ...state, tree: applied(state.tree, [{ type: "update", uid: "a", content: "typed here, then theirs" }]) };
    let next = step(state, "undo");
    expect(next.outcome).toBe("skipped");
    expect(getBlock(next.tree, "a")?.content).toBe("typed here, then theirs");
    next = step(next, "undo");
    expect(next.outcome).toBe("applied");
    expect(getBlock(next.tree, "b")?.content).toBe("");
    expect(next.history.undone).toHaveLength(1);
  });

  it("still undo typing in a block another tab only moved, and never move it back", () => {
    let state = local({ tree: outline("- #a", "- #b"), history: emptyHistory }, [{ type: "update", uid: "a", content: "typed" }]);
    state = { ...state, tree: applied(state.tree, [{ type: "move", uid: "a", parent: "b", order: "a0" }]) };
    const next = step(state, "undo");
    expect(next.outcome).toBe("applied");
    expect(getBlock(next.tree, "a")).toMatchObject({ content: "", parent: "b" });
  });

  it("never delete a block this tab made once another tab wrote in it, nor move back one they moved", () => {
    let state = local({ tree: outline("- #a", "- #b"), history: emptyHistory }, [{ type: "create", uid: "c", parent: null, order: "a2", content: "new" }]);
    state = { ...state, tree: applied(state.tree, [{ type: "update", uid: "c", content: "new, and theirs" }]) };
    expect(step(state, "undo").outcome).toBe("skipped");

    let moved = local({ tree: outline("- #a", "- #b"), history: emptyHistory }, [{ type: "indent", uid: "b" }]);
    moved = { ...moved, tree: applied(moved.tree, [{ type: "move", uid: "b", parent: null, order: "a5" }]) };
    const next = step(moved, "undo");
    expect(next.outcome).toBe("skipped");
    expect(getBlock(next.tree, "b")).toMatchObject({ parent: null, order: "a5" });
  });

  it("skip a redo when another tab changed the block after the undo", () => {
    let state = local({ tree: outline("- #a"), history: emptyHistory }, [{ type: "update", uid: "a", content: "mine" }]);
    state = step(state, "undo");
    state = { ...state, tree: applied(state.tree, [{ type: "update", uid: "a", content: "theirs" }]) };
    const next = step(state, "redo");
    expect(next.outcome).toBe("skipped");
    expect(getBlock(next.tree, "a")?.content).toBe("theirs");
    expect(next.history.undone).toHaveLength(0);
  });

  it("redo exactly what this tab did: a merge redone after another tab put a block above goes into the block it went into", () => {
    let state = local({ tree: outline("- one #a", "- three #c"), history: emptyHistory }, [{ type: "merge", uid: "c" }]);
    state = step(state, "undo");
    // Their new last child of "one" is now the block above "three": merging again would write into it.
    state = { ...state, tree: applied(state.tree, [{ type: "create", uid: "theirs", parent: "a", order: keyAtEnd(state.tree, "a"), content: "theirs" }]) };
    const next = step(state, "redo");
    expect(next.outcome).toBe("applied");
    expect(getBlock(next.tree, "a")?.content).toBe("onethree");
    expect(getBlock(next.tree, "theirs")?.content).toBe("theirs");
    expect(getBlock(next.tree, "c")).toBeUndefined();
  });

  it("check the newest text of grouped typing, and props whatever their key order", () => {
    const tree = outline("- #a");
    const block = getBlock(tree, "a");
    if (!block) throw new Error("fixture");
    let history = record(emptyHistory, { ops: [], inverse: [{ type: "update", uid: "a", content: "" }], typing: { uid: "a", before: "", after: "h", at: 0 }, left: typedLeft(block, "h") });
    history = record(history, { ops: [], inverse: [{ type: "update", uid: "a", content: "h" }], typing: { uid: "a", before: "h", after: "hi", at: 10 }, left: typedLeft(block, "hi") });
    expect(history.done).toHaveLength(1);
    expect(stillLeft(applied(tree, [{ type: "update", uid: "a", content: "hi" }]), history.done[0]?.left ?? [])).toBe(true);
    expect(stillLeft(applied(tree, [{ type: "update", uid: "a", content: "h" }]), history.done[0]?.left ?? [])).toBe(false);

    const props = local({ tree, history: emptyHistory }, [{ type: "setProps", uid: "a", props: { heading: 2, collapsed: true } }]);
    const reordered = applied(props.tree, [{ type: "setProps", uid: "a", props: { collapsed: true, heading: 2 } }]);
    expect(stillLeft(reordered, props.history.done[0]?.left ?? [])).toBe(true);
  });
});

// Local edits, typing, undo and redo, with another tab's text changes, new blocks and deletes
// arriving in between: a text another tab wrote is never overwritten or deleted by an undo or
// redo here, the tree stays whole, and without remote changes nothing is ever skipped.
type Mixed = Action | { kind: "remoteText" | "remoteCreate" | "remoteDelete"; pick: number; op: number };
const mixedArb: fc.Arbitrary<Mixed> = fc.oneof(
  { arbitrary: actionArb, weight: 4 },
  fc.record({ kind: fc.constantFrom("remoteText", "remoteCreate", "remoteDelete"), pick: fc.nat(), op: fc.nat({ max: 4 }) }),
);

describe("undo and redo with another tab's changes (property)", () => {
  it("never take back what another tab wrote, keep the tree whole, skip only after remote changes", () => {
    fc.assert(
      fc.property(fc.array(mixedArb, { minLength: 1, maxLength: 50 }), (actions) => {
        let state = { tree: outline("- one #a", "  - two #b", "- three #c"), history: emptyHistory };
        let next = 0;
        let remoteSeen = false;
        const fresh = () => `n${next++}`;
        /** Blocks whose text another tab set last, and that text. */
        const theirs = new Map<string, string>();
        const pickUid = (pick: number) => [...state.tree.blocks.keys()].sort()[pick % state.tree.blocks.size];
        for (const action of actions) {
          const before = state.tree;
          if (action.kind === "remoteText" || action.kind === "remoteCreate" || action.kind === "remoteDelete") {
            const uid = pickUid(action.pick);
            let op: PrimitiveOp | undefined;
            const text = `theirs ${fresh()}`;
            if (action.kind === "remoteText" && uid) op = { type: "update", uid, content: text };
            if (action.kind === "remoteCreate") {
              const parent = action.op === 0 || !uid ? null : uid;
              op = { type: "create", uid: fresh(), parent, order: keyAtEnd(state.tree, parent), content: text };
            }
            if (action.kind === "remoteDelete" && uid && childrenOf(state.tree, uid).length === 0) op = { type: "delete", uid };
            if (!op) continue;
            state = { ...state, tree: applied(state.tree, [op]) };
            remoteSeen = true;
            if (op.type === "delete") theirs.delete(op.uid);
            else theirs.set(op.uid, text);
            continue;
          }
          if (action.kind === "undo" || action.kind === "redo") {
            const result = step(state, action.kind);
            if (!remoteSeen) expect(result.outcome).not.toBe("skipped");
            state = { tree: result.tree, history: result.history };
            for (const [uid, text] of theirs) expect(getBlock(state.tree, uid)?.content).toBe(text);
          } else {
            const ops =
              action.kind === "edit"
                ? editFor(state.tree, action, fresh)
                : (() => {
                    const uid = pickUid(action.pick);
                    return uid ? [{ type: "update", uid, content: `${getBlock(state.tree, uid)?.content ?? ""}x` } as Op] : [];
                  })();
            if (ops.length === 0) continue;
            state = local(state, ops);
            // This tab's own edit may change their text: that is the user's doing, not undo's.
            for (const uid of [...theirs.keys()]) if (getBlock(state.tree, uid)?.content !== getBlock(before, uid)?.content) theirs.delete(uid);
          }
          expect(checkTree(state.tree)).toEqual([]);
        }
      }),
      { numRuns: 1_500 },
    );
  }, 60_000);
});
