import { describe, expect, it } from "vitest";
import { activeTrigger, restOfItem } from "./triggers";

describe("activeTrigger", () => {
  it("finds [[, (( and # queries up to the caret", () => {
    expect(activeTrigger("see [[Vinc")).toEqual({ kind: "page", start: 4, query: "Vinc" });
    expect(activeTrigger("[[")).toEqual({ kind: "page", start: 0, query: "" });
    expect(activeTrigger("[[Two words")).toEqual({ kind: "page", start: 0, query: "Two words" });
    expect(activeTrigger("x ((the idea")).toEqual({ kind: "block", start: 2, query: "the idea" });
    expect(activeTrigger("#urg")).toEqual({ kind: "tag", start: 0, query: "urg" });
    expect(activeTrigger("a [#product-hk")).toEqual({ kind: "tag", start: 3, query: "product-hk" });
  });

  it("closes once the link or tag is closed, or a line break intervenes", () => {
    expect(activeTrigger("[[Vincent Chan]")).toBeNull();
    expect(activeTrigger("[[Vincent Chan]]")).toBeNull();
    expect(activeTrigger("[[[[A]]'s Notes")).toBeNull();
    expect(activeTrigger("((uid))")).toBeNull();
    expect(activeTrigger("#urgent ")).toBeNull();
    expect(activeTrigger("[[a\nb")).toBeNull();
    expect(activeTrigger("#")).toBeNull();
  });

  it("takes the innermost trigger: nested links, a page link inside an embed", () => {
    expect(activeTrigger("[[[[A")).toEqual({ kind: "page", start: 2, query: "A" });
    expect(activeTrigger("{{embed: [[")).toEqual({ kind: "page", start: 9, query: "" });
    expect(activeTrigger("{{[[embed]]: ((")).toEqual({ kind: "block", start: 13, query: "" });
    expect(activeTrigger("#[[multi")).toEqual({ kind: "page", start: 1, query: "multi" });
  });

  it("is no tag after a letter, & or /", () => {
    expect(activeTrigger("C#")).toBeNull();
    expect(activeTrigger("C#x")).toBeNull();
    expect(activeTrigger("&#39")).toBeNull();
    expect(activeTrigger("a/#anchor")).toBeNull();
  });

  it("opens the slash menu at the start, after a space or a line break, not inside words or URLs", () => {
    expect(activeTrigger("/")).toEqual({ kind: "slash", start: 0, query: "" });
    expect(activeTrigger("note /tod")).toEqual({ kind: "slash", start: 5, query: "tod" });
    expect(activeTrigger("a\n/head")).toEqual({ kind: "slash", start: 2, query: "head" });
    expect(activeTrigger("/current time")).toEqual({ kind: "slash", start: 0, query: "current time" });
    expect(activeTrigger("and/or")).toBeNull();
    expect(activeTrigger("https://example.com/x")).toBeNull();
    expect(activeTrigger("a / b")).toBeNull();
    expect(activeTrigger("/ ")).toBeNull();
  });
});

describe("restOfItem", () => {
  it("covers the auto-paired closers or the rest of the item being edited", () => {
    expect(restOfItem("page", "]] and more")).toBe(2);
    expect(restOfItem("page", "ent Chan]] x")).toBe(10);
    expect(restOfItem("page", "")).toBe(0);
    expect(restOfItem("page", " [[b]]")).toBe(0);
    expect(restOfItem("block", "))}}")).toBe(2);
    expect(restOfItem("tag", "gent now")).toBe(4);
    expect(restOfItem("slash", "anything")).toBe(0);
  });
});
