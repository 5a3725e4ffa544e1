import { describe, expect, it } from "vitest";
import type { GraphBlock, GraphReport } from "./graph";
import { DEFAULT_LOGSEQ_CONFIG, newLogseqContext } from "./logseq";
import { orgLinksAsRoam, parseLogseqOrgPage } from "./logseq-org";

function read(path: string, text: string) {
  const report: GraphReport = { format: "logseq", problems: [], repairs: [] };
  return { page: parseLogseqOrgPage(path, text, newLogseqContext(DEFAULT_LOGSEQ_CONFIG, report)), report };
}

const contents = (blocks: readonly GraphBlock[]): unknown[] =>
  blocks.map((block) => (block.children.length > 0 ? [block.content, contents(block.children)] : block.content));

describe("Logseq org pages", () => {
  it("nests headlines by their stars and joins their body lines", () => {
    const { page, report } = read("pages/p.org", "* one\n  body of one\n** two\n*** three\n* four");
    expect(contents(page.children)).toEqual([["one\nbody of one", [["two", ["three"]]]], "four"]);
    expect(report.problems).toEqual([{ where: "pages/p.org", message: expect.stringContaining("org-mode page") }]);
  });

  it("takes #+TITLE and other file keywords as page properties", () => {
    const { page } = read("pages/p.org", "#+TITLE: Org Page\n#+ALIAS: other\n\nIntro text\n* body");
    expect(page.title).toBe("Org Page");
    expect(contents(page.children)).toEqual(["title:: Org Page\nalias:: other", "Intro text", "body"]);
    expect(page.props).toEqual({ source: { file: "pages/p.org", properties: { title: "Org Page", alias: "other" } } });
  });

  it("reads :PROPERTIES: drawers: :id: as the uid, :collapsed:, the rest as key:: value", () => {
    const { page } = read("pages/p.org", "* TODO task\n:PROPERTIES:\n:id: 60acdebb-9142-431f-907c-3ad0e6fc0148\n:collapsed: true\n:type: note\n:END:\n** child");
    expect(page.children[0]).toMatchObject({
      uid: "60acdebb-9142-431f-907c-3ad0e6fc0148",
      content: "{{[[TODO]]}} task\ntype:: note",
      props: { collapsed: true, source: { marker: "TODO" } },
    });
  });

  it("turns source blocks into fences whose * lines are not headlines, and links into Roam links", () => {
    const { page } = read("journals/2026_11_28.org", "* code\n  #+BEGIN_SRC clojure\n  * (not a headline)\n  #+END_SRC\n* see [[https://x.org][X]] and [[Page][label]]");
    expect(page).toMatchObject({ title: "November 28th, 2026", dailyDate: "2026-11-28" });
    expect(contents(page.children)).toEqual(["code\n```clojure\n* (not a headline)\n```", "see [X](https://x.org) and [label]([[Page]])"]);
  });

  it("turns a bare url link into the url and keeps page links", () => {
    expect(orgLinksAsRoam("[[https://a.b/c]] [[Page]]")).toBe("https://a.b/c [[Page]]");
  });
});
