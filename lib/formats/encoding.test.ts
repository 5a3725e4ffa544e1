import fc from "fast-check";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SHARED_DIR } from "../../test/shared-corpus";
import { repairMojibake } from "./encoding";

// The damage done by real software, from the platform's own decoders (WHATWG encodings, ICU),
// so the tables in encoding.ts are checked against an independent implementation.
const utf8 = new TextEncoder();
const damageAs = (encoding: "macintosh" | "windows-1252") => (text: string) => new TextDecoder(encoding).decode(utf8.encode(text));
const macRoman = damageAs("macintosh");
const windows1252 = damageAs("windows-1252");

const SAMPLES = [
  "café, naïve, façade",
  "Über Straße — “quoted” and ‘single’",
  "每一秒都要花係最重要嘅人同事",
  "日本語のテキストと한국어",
  "Kill people with kindness 😉 🔢 Software Development",
  "couldn’t … 9,000+ drivers • 50% ™ © ±",
  "Ελληνικά и русский",
  "no\u00a0break and e\u0301 decomposed",
];

describe("repairMojibake", () => {
  it.each(SAMPLES)("undoes Mac Roman damage: %s", (text) => {
    const damaged = macRoman(text);
    expect(damaged).not.toBe(text);
    expect(repairMojibake(damaged)).toEqual({ text, repaired: true });
  });

  it.each(SAMPLES)("undoes Windows-1252 damage: %s", (text) => {
    const damaged = windows1252(text);
    expect(damaged).not.toBe(text);
    expect(repairMojibake(damaged)).toEqual({ text, repaired: true });
  });

  it("undoes one layer of damage at a time", () => {
    expect(repairMojibake("ÃƒÂ©")).toEqual({ text: "Ã©", repaired: true });
  });

  describe("counterexamples fast-check once found", () => {
    it("aé damaged by Windows-1252 is not read as Mac Roman a + U+0329", () => {
      expect(repairMojibake(windows1252("aé"))).toEqual({ text: "aé", repaired: true });
    });

    it.each(["’™", "ß…", "’•"])("correct %s is not decoded again into a rarer script", (text) => {
      expect(repairMojibake(text)).toEqual({ text, repaired: false });
      expect(repairMojibake(macRoman(text))).toEqual({ text, repaired: true });
      expect(repairMojibake(windows1252(text))).toEqual({ text, repaired: true });
    });
  });

  it.each([
    ...SAMPLES,
    "plain ASCII [[links]] and #tags",
    "",
    "SÃO PAULO and São Paulo",
    "Ã is a letter; so is Õ",
    "Österreich, ÖBB, Öl",
    "ÀÉÎÕÜ in a row",
    "Ägypten und Ärger",
    "the ¬ sign, √2 ≈ 1.414, π ≈ 3.14",
    "price: 5 € or £4",
  ])("leaves correct text alone: %s", (text) => {
    expect(repairMojibake(text)).toEqual({ text, repaired: false });
  });

  it("leaves partly damaged text alone rather than guess", () => {
    const mixed = `${macRoman("café")} 日本`;
    expect(repairMojibake(mixed)).toEqual({ text: mixed, repaired: false });
  });

  it("repairs any text damaged either way", () => {
    const alphabet = fc.constantFrom(..."aZ 9.,\n-éüßñçÅØœ€’“”…—•™日本語中文한😉🔢👍🏽\u00a0");
    const text = fc.array(alphabet, { minLength: 1, maxLength: 30 }).map((chars) => chars.join(""));
    fc.assert(
      fc.property(text, fc.constantFrom(macRoman, windows1252), (original, damage) => {
        const damaged = damage(original);
        const expected = damaged === original ? { text: original, repaired: false } : { text: original, repaired: true };
        expect(repairMojibake(damaged)).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it("never touches text made of words, CJK, emoji and lone accented letters", () => {
    const word = fc.constantFrom("the", "Straße", "café", "über", "Ärger", "SÃO", "Ö", "日本語", "中文", "😉", "🔢", "[[Page]]", "#tag", "1,000");
    const text = fc.array(word, { maxLength: 20 }).map((words) => words.join(" "));
    fc.assert(
      fc.property(text, (original) => {
        expect(repairMojibake(original)).toEqual({ text: original, repaired: false });
      }),
      { numRuns: 1_000 },
    );
  });

  describe.skipIf(!existsSync(join(SHARED_DIR, "seeds")))("the seed page", () => {
    it("comes back as the UTF-8 it was", () => {
      const seed = readFileSync(join(SHARED_DIR, "seeds", "roam-daily-page.md"), "utf8");
      const { text, repaired } = repairMojibake(seed);
      expect(repaired).toBe(true);
      expect(text).toContain("Kill people with kindness 😉");
      expect(text).toContain("[[🔢 Software Development]]");
      expect(text).toContain("每一秒都要花係最重要嘅**人同事**上面");
      expect(text).toContain("couldn’t work");
      expect(text).not.toMatch(/[√¬Ä]/);
      expect(macRoman(text)).toBe(seed);
      expect(repairMojibake(text)).toEqual({ text, repaired: false });
    });
  });
});
