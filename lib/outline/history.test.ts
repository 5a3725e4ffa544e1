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

  it("knows which character was typed", () => {
    expect(typedChar("helo", "hello")).toBe("l");
    expect(typedChar("ab", "a b")).toBe(" ");
    expect(typedChar("abc", "abd")).toBeUndefined();
  });
});

// Random edits with random undo and redo in between: the tree is always what replaying the
// steps still done gives.
type Action = { kind: "edit" | "undo" | "redo"; pick: number; op: number };
const actionArb: fc.Arbitrary<Action> = fc.record({
  kind: fc.constantFrom("edit", "edit", "undo", "redo"),
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
        const fresh = () => `n${next++}`;
        for (const action of actions) {
          if (action.kind === "edit") {
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
