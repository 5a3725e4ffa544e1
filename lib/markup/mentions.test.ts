import { describe, expect, it } from "vitest";
import { extractRefs } from "./refs";
import { findMentions, linkMentions } from "./mentions";

const mentioned = (text: string, title: string) => findMentions(text, title).map((span) => text.slice(span.start, span.end));

describe("findMentions", () => {
  it("finds the title ignoring case, on word boundaries only", () => {
    expect(mentioned("Met vincent chan and Vincent Chan today", "Vincent Chan")).toEqual(["vincent chan", "Vincent Chan"]);
    expect(mentioned("Vincent Chans and xVincent Chan", "Vincent Chan")).toEqual([]);
    expect(mentioned("(Vincent Chan), Vincent Chan.", "Vincent Chan")).toEqual(["Vincent Chan", "Vincent Chan"]);
    expect(mentioned("Ärger über ärger", "ärger")).toEqual(["Ärger", "ärger"]);
  });

  it("ignores the title inside links, tags, aliases, code and URLs", () => {
    const text = "[[Loam]] #Loam #[[Loam]] [Loam](https://loam.dev) `Loam` https://x.dev/Loam **Loam**";
    expect(mentioned(text, "Loam")).toEqual(["Loam"]);
    expect(findMentions(text, "Loam")[0]?.start).toBe(text.lastIndexOf("Loam*") );
  });

  it("lets titles that start or end with punctuation match next to words", () => {
    expect(mentioned("use C++ daily", "C++")).toEqual(["C++"]);
    expect(mentioned("a.b.c", "b")).toEqual(["b"]);
  });

  it("finds nothing for titles a link cannot name", () => {
    expect(findMentions("a]]b", "a]]b")).toEqual([]);
    expect(findMentions("   ", " ")).toEqual([]);
  });
});

describe("linkMentions", () => {
  it("links exact mentions and keeps other spellings as aliases of the exact title", () => {
    const text = "Loam and loam, not [[Loam]]";
    const linked = linkMentions(text, "Loam");
    expect(linked).toBe("[[Loam]] and [loam]([[Loam]]), not [[Loam]]");
    expect(extractRefs(linked).pages.map((page) => page.title)).toEqual(["Loam"]);
    expect(findMentions(linked, "Loam")).toEqual([]);
  });

  it("leaves text without mentions as it is", () => {
    expect(linkMentions("nothing here", "Loam")).toBe("nothing here");
  });
});
