import { describe, expect, it } from "vitest";
import { outline } from "../outline/fixtures";
import { applyRemote, changeSpan, loadPage, onPageLoad, pageKeyOf, treeOfPage } from "./pages";

describe("changeSpan (where undo puts the caret)", () => {
  it("places a letter typed after the same letter after it", () => {
    expect(changeSpan("fo", "foo")).toEqual({ before: 2, after: 3 });
    expect(changeSpan("hel", "hell")).toEqual({ before: 3, after: 4 });
  });

  it("places an insertion in the middle, a deletion, and a replacement", () => {
    expect(changeSpan("ac", "abc")).toEqual({ before: 1, after: 2 });
    expect(changeSpan("abc", "ac")).toEqual({ before: 2, after: 1 });
    expect(changeSpan("hello world", "hello there")).toEqual({ before: 11, after: 11 });
    expect(changeSpan("", "x")).toEqual({ before: 0, after: 1 });
  });
});

describe("live updates over a page read at an op-log position", () => {
  const blocksOf = (...lines: string[]) => [...outline(...lines).blocks.values()];

  it("skip what the page read already holds, apply what came after it once, in order", () => {
    const address = { title: "Seq skipping" };
    const key = pageKeyOf(address);
    loadPage(address, blocksOf("- read at 10 #a"), 10);
    const text = () => treeOfPage(key).blocks.get("a")?.content;

    // A change logged at 9 or 10 is in the read already: replaying it would step the text back.
    expect(applyRemote(address, [{ type: "update", uid: "a", content: "logged at 9" }], 9)).toBe(0);
    expect(applyRemote(address, [{ type: "update", uid: "a", content: "read at 10" }], 10)).toBe(0);
    expect(text()).toBe("read at 10");
    expect(applyRemote(address, [{ type: "update", uid: "a", content: "logged at 12" }], 12)).toBe(1);
    // A stream started again from an earlier position replays 11 and 12: neither applies twice.
    expect(applyRemote(address, [{ type: "update", uid: "a", content: "logged at 11" }], 11)).toBe(0);
    expect(applyRemote(address, [{ type: "update", uid: "a", content: "logged at 12" }], 12)).toBe(0);
    expect(text()).toBe("logged at 12");
  });

  it("tell listeners where each page read stands, also when a page is read again to replace it", () => {
    const address = { title: "Seq listeners" };
    const seen: number[] = [];
    const stop = onPageLoad((seq) => seen.push(seq));
    loadPage(address, blocksOf("- first #b"), 4);
    // Already shown and kept current: a second read is ignored, unless it replaces the page.
    loadPage(address, blocksOf("- second #b"), 7);
    expect(treeOfPage(pageKeyOf(address)).blocks.get("b")?.content).toBe("first");
    loadPage(address, blocksOf("- third #b"), 8, { replace: true });
    expect(treeOfPage(pageKeyOf(address)).blocks.get("b")?.content).toBe("third");
    stop();
    loadPage({ title: "Seq listeners, after" }, [], 9);
    expect(seen).toEqual([4, 8]);
  });
});
