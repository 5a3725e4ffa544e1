import { describe, expect, it } from "vitest";
import { outline } from "../outline/fixtures";
import { filterQuery, noFilters, parseStoredFilters, toggleFilter } from "./filters";
import { breadcrumbOf, referenceRoots } from "./roots";

describe("referenceRoots", () => {
  it("keeps referencing blocks in reading order, dropping those inside another", () => {
    const tree = outline("- a", "  - b", "    - c", "- d", "  - e");
    expect(referenceRoots(tree, ["e", "c", "b", "missing"])).toEqual(["b", "e"]);
    expect(breadcrumbOf(tree, "c")).toEqual(["a", "b"]);
  });
});

describe("filters", () => {
  const a = { id: "pa", title: "A" };
  const b = { id: "pb", title: "B" };
  it("moves a page between include and exclude, and off again", () => {
    const included = toggleFilter(noFilters, a, "include");
    expect(included).toEqual({ include: [a], exclude: [] });
    const excluded = toggleFilter(toggleFilter(included, b, "include"), a, "exclude");
    expect(excluded).toEqual({ include: [b], exclude: [a] });
    expect(toggleFilter(excluded, a, "exclude")).toEqual({ include: [b], exclude: [] });
    expect(filterQuery(excluded)).toBe("include=pb&exclude=pa");
  });

  it("reads stored filters back, and nothing from garbage", () => {
    expect(parseStoredFilters(JSON.stringify({ include: [a], exclude: [] }))).toEqual({ include: [a], exclude: [] });
    expect(parseStoredFilters("{oops")).toEqual(noFilters);
    expect(parseStoredFilters(JSON.stringify({ include: "A" }))).toEqual(noFilters);
  });
});
