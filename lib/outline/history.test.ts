import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outline } from "./fixtures";
import { emptyHistory, inverseOf, record, redo, typedChar, undo, TYPING_PAUSE_MS, type History, type Step } from "./history";
import { applyAll, type Op } from "./ops";
import { childrenOf, type Tree } from "./tree";

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
    const ops: Op[] = [{ type: "update", uid, content: before + char }];
    const inverse = inverseOf(tree, ops) ?? [];
    now += gap;
    history = record(history, { ops, inverse, typing: { uid, before, after: before + char, at: now } });
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
            const ops: Op[] = [{ type: "update", uid, content: after }];
            now += action.op === 1 ? TYPING_PAUSE_MS + 1 : 50;
            history = record(history, { ops, inverse: [{ type: "update", uid, content: before }], typing: { uid, before, after, at: now } });
            tree = applied(tree, ops);
          } else if (action.kind === "edit") {
            const ops = editFor(tree, action, fresh);
            if (ops.length === 0) continue;
            const inverse = inverseOf(tree, ops);
            expect(inverse).toBeDefined();
            history = record(history, { ops, inverse: inverse ?? [] } satisfies Step);
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
