import { describe, expect, it } from "vitest";
import { changeSpan } from "./pages";

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
