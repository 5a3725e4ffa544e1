import { describe, expect, it } from "vitest";
import type { GraphBlock, GraphReport } from "./graph";
import { DEFAULT_LOGSEQ_CONFIG, journalDayOfPath, logseqTitleOfPath, newLogseqContext, parseLogseqConfig, parseLogseqPage, rewriteJournalLinks, type LogseqConfig } from "./logseq";

const TRIPLE: LogseqConfig = { ...DEFAULT_LOGSEQ_CONFIG, fileNameFormat: "triple-lowbar" };

function read(path: string, text: string, config: LogseqConfig = TRIPLE) {
  const report: GraphReport = { format: "logseq", problems: [], repairs: [] };
  return { page: parseLogseqPage(path, text, newLogseqContext(config, report)), report };
}

const contents = (blocks: readonly GraphBlock[]): unknown[] =>
  blocks.map((block) => (block.children.length > 0 ? [block.content, contents(block.children)] : block.content));

describe("Logseq config and names", () => {
  it("reads the settings it needs from config.edn, ignoring comments", () => {
    const config = parseLogseqConfig(`{:meta/version 1
 ;; :journal/page-title-format "yyyy-MM-dd"
 :journal/page-title-format "EEE, dd.MM.yyyy" ; a comment
 :file/name-format :triple-lowbar}`);
    expect(config).toEqual({ journalTitleFormat: "EEE, dd.MM.yyyy", journalFileFormat: "yyyy_MM_dd", fileNameFormat: "triple-lowbar" });
    expect(parseLogseqConfig("{}")).toEqual(DEFAULT_LOGSEQ_CONFIG);
  });

  it("titles pages from file names: ___ as / (triple-lowbar), %-escapes decoded", () => {
    expect(logseqTitleOfPath("pages/Community___Query Sprint.md", TRIPLE)).toBe("Community/Query Sprint");
    expect(logseqTitleOfPath("pages/New to Logseq%3F.md", TRIPLE)).toBe("New to Logseq?");
    expect(logseqTitleOfPath("pages/a%2Fb.md", DEFAULT_LOGSEQ_CONFIG)).toBe("a/b");
    expect(logseqTitleOfPath("pages/100% done.md", TRIPLE)).toBe("100% done");
  });

  it("reads journal days from file names", () => {
    expect(journalDayOfPath("journals/2026_11_28.md")).toBe("2026-11-28");
    expect(journalDayOfPath("journals/2026_02_30.md")).toBeUndefined();
    expect(journalDayOfPath("pages/2026_11_28.md")).toBeUndefined();
    expect(journalDayOfPath("journals/2026-11-28.md", { ...DEFAULT_LOGSEQ_CONFIG, journalFileFormat: "yyyy-MM-dd" })).toBe("2026-11-28");
  });

  it("rewrites links to journals in the graph's title format as Loam's daily titles", () => {
    expect(rewriteJournalLinks("see [[Nov 28th, 2026]] and #[[nov 1st, 2026]], not [[Nov 28th]]", DEFAULT_LOGSEQ_CONFIG)).toBe(
      "see [[November 28th, 2026]] and #[[November 1st, 2026]], not [[Nov 28th]]",
    );
    const iso = { ...DEFAULT_LOGSEQ_CONFIG, journalTitleFormat: "yyyy-MM-dd" };
    expect(rewriteJournalLinks("[[2026-11-28]] [[2026-13-01]]", iso)).toBe("[[November 28th, 2026]] [[2026-13-01]]");
  });
});

describe("parseLogseqPage", () => {
  it("makes a journal the daily page of its day", () => {
    const { page } = read("journals/2026_11_28.md", "- wrote [[Nov 27th, 2026]]");
    expect(page).toMatchObject({ title: "November 28th, 2026", dailyDate: "2026-11-28" });
    expect(page.children[0]?.content).toBe("wrote [[November 27th, 2026]]");
  });

  it("keeps page properties as the first block and in props, and takes title::", () => {
    const { page } = read("pages/a___b.md", "title:: A/B Page\ntags:: [[x]], y\n\n- body");
    expect(page.title).toBe("A/B Page");
    expect(contents(page.children)).toEqual(["title:: A/B Page\ntags:: [[x]], y", "body"]);
    expect(page.props).toEqual({ source: { file: "pages/a___b.md", properties: { title: "A/B Page", tags: "[[x]], y" } } });
    expect(read("pages/a___b.md", "- body").page.title).toBe("a/b");
  });

  it("nests tab-indented bullets, joins multi-line blocks and keeps fenced `- ` lines as text", () => {
    const text = "- parent\n\tsecond line\n\t- child\n\t\t- ```js\n\t\t  - not a block\n\t\t  ```\n- #+BEGIN_QUERY\n  {:query [:find ?b]}\n  #+END_QUERY";
    expect(contents(read("pages/p.md", text).page.children)).toEqual([
      ["parent\nsecond line", [["child", ["```js\n- not a block\n```"]]]],
      "#+BEGIN_QUERY\n{:query [:find ?b]}\n#+END_QUERY",
    ]);
  });

  it("turns id:: into the block uid, collapsed:: into props, and keeps other properties as text", () => {
    const uuid = "6460a5b2-3c8e-4d0b-9b2f-0f6d8f3c1a2b";
    const text = `- referenced\n  id:: ${uuid}\n  collapsed:: true\n  created-at:: 1609230242742\n\t- child\n- see ((${uuid}))`;
    const { page } = read("pages/p.md", text);
    const [first, second] = page.children;
    expect(first).toMatchObject({ uid: uuid, content: "referenced\ncreated-at:: 1609230242742", props: { collapsed: true }, createdAt: 1609230242742 });
    expect(second?.content).toBe(`see ((${uuid}))`);
  });

  it("reports a duplicate or unusable id:: and keeps its line", () => {
    const { page, report } = read("pages/p.md", "- a\n  id:: same-id\n- b\n  id:: same-id\n- c\n  id:: not a uid!");
    expect(page.children.map((block) => block.uid === "same-id")).toEqual([true, false, false]);
    expect(page.children[1]?.content).toBe("b\nid:: same-id");
    expect(report.problems.map((problem) => problem.where)).toEqual(["pages/p.md line 3", "pages/p.md line 5"]);
  });

  it("turns task markers into Roam checkboxes and keeps the keyword", () => {
    const { page } = read("pages/p.md", "- TODO a\n- DOING b\n- LATER c\n- NOW d\n- DONE e\n- WAITING f\n- TODOS g\n- ## TODO h");
    expect(page.children.map((block) => [block.content, block.props])).toEqual([
      ["{{[[TODO]]}} a", { source: { marker: "TODO" } }],
      ["{{[[TODO]]}} b", { source: { marker: "DOING" } }],
      ["{{[[TODO]]}} c", { source: { marker: "LATER" } }],
      ["{{[[TODO]]}} d", { source: { marker: "NOW" } }],
      ["{{[[DONE]]}} e", { source: { marker: "DONE" } }],
      ["WAITING f", {}],
      ["TODOS g", {}],
      ["{{[[TODO]]}} h", { heading: 2, source: { marker: "TODO" } }],
    ]);
  });

  it("reads `* ` lines inside a block as its text, not as blocks", () => {
    expect(contents(read("pages/p.md", "- example:\n  * item\n  + other").page.children)).toEqual(["example:\n* item\n+ other"]);
  });

  it("never 'repairs' correct text and repairs damaged text with a report", () => {
    const clean = read("pages/p.md", "- café Straße 漢字 😉 Ãgua");
    expect(clean.page.children[0]?.content).toBe("café Straße 漢字 😉 Ãgua");
    expect(clean.report.repairs).toEqual([]);
    const damaged = read("pages/p.md", "- caf\u00c3\u00a9 cr\u00c3\u00a8me");
    expect(damaged.page.children[0]?.content).toBe("café crème");
    expect(damaged.report.repairs).toEqual([{ where: "pages/p.md line 1", before: "caf\u00c3\u00a9 cr\u00c3\u00a8me", after: "café crème" }]);
  });
});
