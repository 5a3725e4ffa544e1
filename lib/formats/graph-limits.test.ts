import { describe, expect, it } from "vitest";
import type { GraphBlock, GraphPage, GraphProblem, GraphSource } from "./graph";
import { fittedPage, withinLoamLimits } from "./graph-limits";

const block = (uid: string, content: string, children: GraphBlock[] = []): GraphBlock => ({ uid, content, props: {}, createdAt: null, updatedAt: null, children });
const page = (title: string, children: GraphBlock[]): GraphPage => ({ title, uid: null, dailyDate: null, props: {}, createdAt: null, updatedAt: null, children });

describe("fitting imported pages to Loam's limits", () => {
  it("replaces NUL characters in titles and blocks, at any depth, and says so", () => {
    const problems: GraphProblem[] = [];
    const fitted = fittedPage(page("a\u0000b", [block("x", "ok", [block("y", "bad\u0000\u0000")])]), problems);
    expect(fitted.title).toBe("a\ufffdb");
    expect(fitted.children[0]?.children[0]?.content).toBe("bad\ufffd\ufffd");
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringContaining("1 NUL"), expect.stringContaining("2 NUL")]);
  });

  it("keeps over-long blocks and titles whole, with a problem for each", () => {
    const problems: GraphProblem[] = [];
    const long = "x".repeat(100_001);
    const original = page("t".repeat(1_001), [block("big", long)]);
    const fitted = fittedPage(original, problems);
    expect(fitted).toBe(original);
    expect(problems).toHaveLength(2);
    expect(problems[1]?.message).toContain("100,001 characters");
  });

  it("leaves pages within the limits untouched (the same objects)", () => {
    const problems: GraphProblem[] = [];
    const original = page("Books", [block("a", "é 😉 中文", [block("b", "")])]);
    expect(fittedPage(original, problems)).toBe(original);
    expect(problems).toEqual([]);
  });

  it("wraps a source, reporting into its report as pages are read", async () => {
    const source: GraphSource = {
      report: { format: "roam-json", problems: [], repairs: [] },
      pages: (async function* () {
        yield page("p\u0000", []);
      })(),
    };
    const titles: string[] = [];
    const wrapped = withinLoamLimits(source);
    for await (const next of wrapped.pages) titles.push(next.title);
    expect(titles).toEqual(["p\ufffd"]);
    expect(wrapped.report.problems).toHaveLength(1);
  });
});
