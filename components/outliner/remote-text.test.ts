import { describe, expect, it } from "vitest";
import { mapOffset } from "./remote-text";

describe("mapOffset", () => {
  it("keeps a caret before the change where it is", () => {
    expect(mapOffset("hello world", "hello world!!", 5)).toBe(5);
  });
  it("carries a caret after the change along with the text", () => {
    expect(mapOffset("hello world", "oh hello world", 6)).toBe(9);
    expect(mapOffset("hello world", "world", 11)).toBe(5);
  });
  it("keeps a caret inside a changed span, clamped to the new text", () => {
    expect(mapOffset("abcdef", "abXf", 4)).toBe(3);
    expect(mapOffset("abcdef", "", 3)).toBe(0);
  });
  it("leaves the caret alone when nothing changed", () => {
    expect(mapOffset("same", "same", 2)).toBe(2);
  });
});
