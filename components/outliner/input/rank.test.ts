import { describe, expect, it } from "vitest";
import { rankTitles } from "./rank";

const pages = (...titles: string[]) => titles.map((title) => ({ title }));

describe("rankTitles", () => {
  it("keeps titles containing the query, exact then prefix then substring, shorter first", () => {
    const ranked = rankTitles("Proj", pages("Side project", "Projects", "proj", "Unrelated", "Project notes", "Projekt"));
    expect(ranked.map((p) => p.title)).toEqual(["proj", "Projekt", "Projects", "Project notes", "Side project"]);
  });

  it("finds nothing for an empty query", () => {
    expect(rankTitles("  ", pages("a"))).toEqual([]);
  });
});
