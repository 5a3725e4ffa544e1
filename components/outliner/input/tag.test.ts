import { describe, expect, it } from "vitest";
import { tagFor } from "./tag";

describe("tagFor", () => {
  it("writes a one-word title as #Title", () => {
    expect(tagFor("urgent")).toBe("#urgent");
    expect(tagFor("product-hk")).toBe("#product-hk");
    expect(tagFor("a/b")).toBe("#a/b");
    expect(tagFor("日本語")).toBe("#日本語");
  });

  it("brackets a title the tag would not keep whole", () => {
    expect(tagFor("Two words")).toBe("#[[Two words]]");
    expect(tagFor("done.")).toBe("#[[done.]]");
    expect(tagFor("f(x)")).toBe("#[[f(x)]]");
    expect(tagFor("#hash")).toBe("#[[#hash]]");
    expect(tagFor("November 28th, 2026")).toBe("#[[November 28th, 2026]]");
  });
});
