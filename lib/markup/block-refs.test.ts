import { describe, expect, it } from "vitest";
import { renameBlockRefs } from "./block-refs";
import { extractRefs } from "./refs";

describe("renameBlockRefs", () => {
  const renamed = new Map([["old123456", "new654321"]]);

  it("renames references, embeds and alias targets, and nothing else", () => {
    const text = "see ((old123456)) and {{embed: ((old123456))}} [here](((old123456))) ((other1234)) `((old123456))`";
    const out = renameBlockRefs(text, renamed);
    expect(out).toBe("see ((new654321)) and {{embed: ((new654321))}} [here](((new654321))) ((other1234)) `((old123456))`");
    expect(extractRefs(out).blockUids.sort()).toEqual(["new654321", "other1234"]);
  });

  it("returns text without the old uids unchanged", () => {
    expect(renameBlockRefs("plain ((other1234)) old123456", renamed)).toBe("plain ((other1234)) old123456");
    expect(renameBlockRefs("((old123456))", new Map())).toBe("((old123456))");
  });
});
