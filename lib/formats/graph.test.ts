import { describe, expect, it } from "vitest";

import { derivedUid } from "./graph";

describe("derivedUid", () => {
  it("is stable, valid as a Loam uid, and differs by title, position and format", () => {
    const uid = derivedUid("roam-markdown", "Books", [0, 2]);
    expect(uid).toBe(derivedUid("roam-markdown", "Books", [0, 2]));
    expect(uid).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(derivedUid("roam-markdown", "Books", [2, 0])).not.toBe(uid);
    expect(derivedUid("roam-markdown", "books", [0, 2])).not.toBe(uid);
    expect(derivedUid("logseq", "Books", [0, 2])).not.toBe(uid);
  });

  it("gives 100,000 positions 100,000 uids", () => {
    const uids = new Set<string>();
    for (let i = 0; i < 100_000; i++) uids.add(derivedUid("logseq", `Page ${i % 100}`, [Math.floor(i / 100), i % 7]));
    expect(uids.size).toBe(100_000);
  });
});
