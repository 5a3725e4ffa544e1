import { describe, expect, it } from "vitest";
import { namespaceParts } from "./namespace";

describe("namespaceParts", () => {
  it("names each prefix of a namespaced title", () => {
    expect(namespaceParts("a/b c/d")).toEqual([
      { label: "a", title: "a" },
      { label: "b c", title: "a/b c" },
      { label: "d", title: "a/b c/d" },
    ]);
  });
  it("leaves plain titles and titles with an empty part alone", () => {
    for (const title of ["plain", "/x", "a//b", "a/", "a/ "]) expect(namespaceParts(title)).toEqual([]);
  });
});
