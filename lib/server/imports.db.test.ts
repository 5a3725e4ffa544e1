// Imports on a real PostgreSQL, from sources built by hand (the readers have their own tests):
// what lands is what the source says (counted here from the source, never from the importer),
// a second import adds nothing, undo gives back the graph as it was, merges append, a uid taken
// by another block gets a new one with the import's references following it, other graphs are
// out of reach, and a source that breaks midway writes nothing.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import { GraphReadError, type GraphBlock, type GraphPage, type GraphReport, type GraphSource } from "../formats/graph";
import type { PrimitiveOp } from "../outline/primitive";
import { applyImport, checkUndo, listImports, previewSource, recordImport, undoImport, type SourceOpener } from "./imports";
import { applyBatch } from "./ops";

const db = testDatabase();

let uidCounter = 0;
/** A Roam-style uid unique to this test run. */
const uid = () => `t${(uidCounter++).toString(36).padStart(4, "0")}${nanoid(4).replace(/[^\w]/g, "x")}`;

function block(content: string, children: GraphBlock[] = [], extra: Partial<GraphBlock> = {}): GraphBlock {
  return { uid: uid(), content, props: {}, createdAt: 1_600_000_000_000, updatedAt: 1_600_000_100_000, children, ...extra };
}

function page(title: string, children: GraphBlock[], extra: Partial<GraphPage> = {}): GraphPage {
  return { title, uid: uid(), dailyDate: null, props: { source: { ":log/id": 7 } }, createdAt: 1_500_000_000_000, updatedAt: 1_500_000_100_000, children, ...extra };
}

/** A source over `pages`; `failAt`: throws GraphReadError when the reader reaches that page. */
function source(pages: readonly GraphPage[], options: { failAt?: number; report?: Partial<GraphReport> } = {}): SourceOpener {
  return () => {
    const report: GraphReport = { format: "roam-json", problems: [], repairs: [], ...options.report };
    async function* read() {
      for (const [index, p] of pages.entries()) {
        if (index === options.failAt) throw new GraphReadError(`broken.json is not valid JSON in page ${index + 1}`);
        yield structuredClone(p);
      }
    }
    return { report, pages: read() } satisfies GraphSource;
  };
}

async function runImport(user: TestUser, open: SourceOpener) {
  const preview = await previewSource(db(), user.actor, user.graphId, open, { fileName: "graph.json", format: "roam-json" });
  const id = await recordImport(db(), user.actor, user.graphId, { fileName: "graph.json", format: "roam-json", size: 1, filePath: null, title: null, preview });
  const applied = await applyImport(db(), user.actor, user.graphId, id, open);
  return { id, preview, applied };
}

/** Everything of a graph a user sees, without the generated ids: the graph, as a value. */
async function dump(graphId: string) {
  const pages = await db().$sqlQuery<Record<string, unknown>>(
    `SELECT title, to_char("dailyDate", 'YYYY-MM-DD') AS day, uid, props, "createdAt", "updatedAt" FROM "Page" WHERE "graphId" = $1 ORDER BY title`,
    [graphId],
  );
  const blocks = await db().$sqlQuery<Record<string, unknown>>(
    `SELECT b.uid, p.title AS page, parent.uid AS parent, b."order", b.content, b.props, b."createdAt", b."updatedAt", b."createdById"
     FROM "Block" b JOIN "Page" p ON p.id = b."pageId" LEFT JOIN "Block" parent ON parent.id = b."parentId"
     WHERE b."graphId" = $1 ORDER BY b.uid`,
    [graphId],
  );
  const refs = await db().$sqlQuery<Record<string, unknown>>(
    `SELECT b.uid, p.title, r.kind, to_char(r."sourceDate", 'YYYY-MM-DD') AS day FROM "Ref" r
     JOIN "Block" b ON b.id = r."blockId" JOIN "Page" p ON p.id = r."pageId" WHERE r."graphId" = $1 ORDER BY 1, 2, 3`,
    [graphId],
  );
  const blockRefs = await db().$sqlQuery<Record<string, unknown>>(
    `SELECT b.uid, r."targetUid" FROM "BlockRef" r JOIN "Block" b ON b.id = r."blockId" WHERE r."graphId" = $1 ORDER BY 1, 2`,
    [graphId],
  );
  return { pages, blocks, refs, blockRefs };
}

/** Writes top-level blocks on page `address` through the ordinary save path; their uids. */
async function write(user: TestUser, address: { title: string } | { daily: string }, contents: string[], firstKey = 0): Promise<string[]> {
  const uids = contents.map(() => nanoid(9).replace(/[^\w]/g, "x"));
  const ops = contents.map((content, index) => {
    const op: PrimitiveOp = { type: "create", uid: uids[index] as string, parent: null, order: `a${firstKey + index}`, content };
    return { id: nanoid(), page: address, op };
  });
  await applyBatch(db(), user.actor, user.graphId, { ops });
  return uids;
}

// ---------- independent readings of a source ----------

function walk(blocks: readonly GraphBlock[], visit: (block: GraphBlock, parent: GraphBlock | null) => void, parent: GraphBlock | null = null): void {
  for (const b of blocks) {
    visit(b, parent);
    walk(b.children, visit, b);
  }
}

/** `[[Title]]` links and `#tag`s of plain test texts (no nesting), read with a regular expression. */
function linkedTitles(text: string): string[] {
  return [...text.matchAll(/\[\[([^[\]]+)\]\]|#([\w-]+)/g)].map((match) => (match[1] ?? match[2]) as string);
}

function sampleGraph(): GraphPage[] {
  return [
    page("Reading list", [
      block("#Notes URL https://example.com/a", [block("Topics", [block("[[Performance]] and [[Databases]]")]), block("Takeaways")]),
      block("{{[[TODO]]}} finish [[Designing Data-Intensive Applications]]", [], { props: { heading: 2 } }),
    ]),
    page("November 3rd, 2020", [block("[[How do you feel when you wake up?]]", [block("{{slider}}", [], { props: { slider: { u1: 7 } } })])], {
      dailyDate: "2020-11-03",
      uid: "11-03-2020",
    }),
    page("Performance", [block("see ((" + "placeholder" + "))")]),
    page("Empty page", []),
  ];
}

describe("imports", () => {
  it("writes what the source says: pages, blocks in order under their parents, times, uids, refs", async () => {
    const user = await makeUser(db(), "import");
    const pages = sampleGraph();
    const first = pages[0]?.children[0] as GraphBlock;
    (pages[2] as GraphPage).children = [block(`see ((${first.uid}))`)];
    const { preview } = await runImport(user, source(pages));

    // Expected, from the source alone.
    const sourceBlocks: { block: GraphBlock; parent: GraphBlock | null; page: GraphPage }[] = [];
    for (const p of pages) walk(p.children, (b, parent) => sourceBlocks.push({ block: b, parent, page: p }));
    const titles = new Set(pages.map((p) => p.title));
    for (const { block: b } of sourceBlocks) for (const title of linkedTitles(b.content)) titles.add(title);
    titles.add("TODO"); // {{[[TODO]]}} links page TODO (DESIGN.md)

    expect(preview.counts).toMatchObject({ pages: pages.length, pagesCreated: pages.length, pagesMerged: 0, blocks: sourceBlocks.length, blocksCreated: sourceBlocks.length });
    const graph = await dump(user.graphId);
    expect(graph.pages.map((p) => p.title).sort()).toEqual([...titles].sort());
    expect(graph.blocks).toHaveLength(sourceBlocks.length);
    const byUid = new Map(graph.blocks.map((b) => [b.uid as string, b]));
    for (const { block: b, parent, page: p } of sourceBlocks) {
      const row = byUid.get(b.uid);
      expect(row).toMatchObject({ content: b.content, page: p.title, parent: parent?.uid ?? null, props: b.props, createdById: user.actor.userId });
      expect((row?.createdAt as Date).getTime()).toBe(b.createdAt);
      expect((row?.updatedAt as Date).getTime()).toBe(b.updatedAt);
    }
    // Siblings keep the source's order.
    for (const p of pages) {
      const roots = graph.blocks.filter((b) => b.page === p.title && b.parent === null).sort((a, b) => ((a.order as string) < (b.order as string) ? -1 : 1));
      expect(roots.map((b) => b.uid)).toEqual(p.children.map((b) => b.uid));
    }
    const daily = graph.pages.find((p) => p.title === "November 3rd, 2020");
    expect(daily).toMatchObject({ day: "2020-11-03", uid: "11-03-2020", props: { source: { ":log/id": 7 } } });
    expect((daily?.createdAt as Date).getTime()).toBe(1_500_000_000_000);
    // Refs by the same code as every write, dated by their daily page.
    expect(graph.refs).toContainEqual({ uid: pages[1]?.children[0]?.uid, title: "How do you feel when you wake up?", kind: "link", day: "2020-11-03" });
    expect(graph.refs).toContainEqual({ uid: first.uid, title: "Notes", kind: "tag", day: null });
    expect(graph.blockRefs).toEqual([{ uid: pages[2]?.children[0]?.uid, targetUid: first.uid }]);
  });

  it("adds nothing the second time, and says so in the preview", async () => {
    const user = await makeUser(db(), "import-twice");
    const open = source(sampleGraph());
    await runImport(user, open);
    const before = await dump(user.graphId);
    const { preview, applied } = await runImport(user, open);
    const blocks = before.blocks.length;
    expect(preview.counts).toMatchObject({ pagesCreated: 0, pagesMerged: 4, blocksCreated: 0, blocksPresent: blocks });
    expect(preview.summary).toBe(`Nothing new: all ${blocks} blocks of 4 pages are in the graph already.`);
    expect(applied.counts.blocksCreated).toBe(0);
    expect(await dump(user.graphId)).toEqual(before);
  });

  it("merges into existing pages (same title, same day) after their blocks, and undo gives back the graph as it was", async () => {
    const user = await makeUser(db(), "import-merge");
    const [own] = await write(user, { title: "Reading list" }, ["my own first block"]);
    await write(user, { daily: "2020-11-03" }, ["written that morning"]);
    const before = await dump(user.graphId);
    const seqBefore = await db().opLog.count({ where: { graphId: user.graphId } });

    const pages = sampleGraph();
    const { id, preview } = await runImport(user, source(pages));
    expect(preview.counts).toMatchObject({ pagesCreated: 2, pagesMerged: 2 });
    expect(preview.merged.sort()).toEqual(["November 3rd, 2020", "Reading list"]);
    const after = await dump(user.graphId);
    const reading = after.blocks.filter((b) => b.page === "Reading list" && b.parent === null).sort((a, b) => ((a.order as string) < (b.order as string) ? -1 : 1));
    expect(reading.map((b) => b.uid)).toEqual([own, ...(pages[0]?.children.map((b) => b.uid) ?? [])]);
    const day = after.blocks.filter((b) => b.page === "November 3rd, 2020" && b.parent === null);
    expect(day.map((b) => b.content).sort()).toEqual(["[[How do you feel when you wake up?]]", "written that morning"]);
    // Tabs showing the merged pages learn of the new blocks through the op log.
    const logged = await db().opLog.findMany({ where: { graphId: user.graphId }, orderBy: { seq: "asc" }, skip: seqBefore });
    expect(logged).toHaveLength(2);

    const check = await checkUndo(db(), user.actor, user.graphId, id);
    expect(check).toMatchObject({ edited: 0, added: 0 });
    await undoImport(db(), user.actor, user.graphId, id);
    expect(await dump(user.graphId)).toEqual(before);
    expect((await listImports(db(), user.actor, user.graphId))[0]).toMatchObject({ id, status: "undone" });
    await expect(undoImport(db(), user.actor, user.graphId, id)).rejects.toThrow("That import is undone; there is nothing to undo.");

    // After undo the same file imports again.
    const again = await runImport(user, source(pages));
    expect(again.applied.counts.blocksCreated).toBe(preview.counts.blocksCreated);
  });

  it("says before undo that blocks were edited or added since, and keeps pages others use", async () => {
    const user = await makeUser(db(), "import-edited");
    const pages = [page("Imported", [block("one"), block("two")])];
    const { id } = await runImport(user, source(pages));
    const target = pages[0]?.children[0]?.uid as string;
    await applyBatch(db(), user.actor, user.graphId, { ops: [{ id: nanoid(), page: { title: "Imported" }, op: { type: "update", uid: target, content: "one, edited" } }] });
    await write(user, { title: "Imported" }, ["written after the import"], 5);
    const check = await checkUndo(db(), user.actor, user.graphId, id);
    expect(check).toMatchObject({ blocks: 2, pages: 1, edited: 1, added: 1 });
    expect(check.summary).toBe("Undo removes 2 blocks and 1 page this import made. 1 of them was edited since; the edits go too. 1 block written since on its pages goes too.");
    await undoImport(db(), user.actor, user.graphId, id);
    const after = await dump(user.graphId);
    expect(after.blocks.map((b) => b.content)).toEqual(["written after the import"]);
    expect(after.pages.map((p) => p.title)).toEqual(["Imported"]);
  });

  it("gives a block whose uid another block of the graph has a new uid, and points the import's refs at it", async () => {
    const user = await makeUser(db(), "import-collision");
    const [taken] = await write(user, { title: "Mine" }, ["a block of my own"]);
    // A reference before the colliding block (read first) and one after it.
    const pages = [
      page("Earlier", [block(`read before, refers to ((${taken}))`)]),
      page("Theirs", [block("theirs, same uid", [], { uid: taken as string }), block(`refers to ((${taken}))`)]),
    ];
    const { preview } = await runImport(user, source(pages));
    expect(preview.counts.collisions).toBe(1);
    const newUid = preview.collisions[0]?.newUid as string;
    expect(preview.collisions).toEqual([{ uid: taken, newUid, page: "Theirs" }]);
    expect(newUid).not.toBe(taken);
    const graph = await dump(user.graphId);
    expect(graph.blocks.find((b) => b.uid === taken)).toMatchObject({ page: "Mine", content: "a block of my own" });
    expect(graph.blocks.find((b) => b.uid === newUid)).toMatchObject({ page: "Theirs", content: "theirs, same uid" });
    const earlier = pages[0]?.children[0]?.uid as string;
    const referring = pages[1]?.children[1]?.uid as string;
    expect(graph.blocks.find((b) => b.uid === earlier)?.content).toBe(`read before, refers to ((${newUid}))`);
    expect(graph.blocks.find((b) => b.uid === referring)?.content).toBe(`refers to ((${newUid}))`);
    expect(graph.blockRefs).toEqual(
      [
        { uid: earlier, targetUid: newUid },
        { uid: referring, targetUid: newUid },
      ].sort((a, b) => (a.uid < b.uid ? -1 : 1)),
    );

    // Again: the block with the new uid is found, nothing is added.
    const again = await runImport(user, source(pages));
    expect(again.preview.counts).toMatchObject({ blocksCreated: 0, blocksPresent: 3 });
    expect(await dump(user.graphId)).toEqual(graph);
  });

  it("never reaches another user's graph", async () => {
    const owner = await makeUser(db(), "import-owner");
    const other = await makeUser(db(), "import-other");
    await write(other, { title: "Reading list" }, ["the other user's block"]);
    const otherBefore = await dump(other.graphId);
    const { id } = await runImport(owner, source(sampleGraph()));
    expect(await dump(other.graphId)).toEqual(otherBefore);

    const open = source(sampleGraph());
    await expect(previewSource(db(), other.actor, owner.graphId, open, { fileName: "g.json", format: "roam-json" })).rejects.toThrow("Graph not found");
    await expect(applyImport(db(), other.actor, owner.graphId, id, open)).rejects.toThrow("Graph not found");
    await expect(undoImport(db(), other.actor, owner.graphId, id)).rejects.toThrow("Graph not found");
    await expect(listImports(db(), other.actor, owner.graphId)).rejects.toThrow("Graph not found");
    // Their own graph does not have the owner's import either.
    await expect(undoImport(db(), other.actor, other.graphId, id)).rejects.toThrow("That import was not found");
    expect((await dump(owner.graphId)).blocks.length).toBeGreaterThan(0);
  });

  it("writes nothing when the source breaks midway", async () => {
    const user = await makeUser(db(), "import-broken");
    await write(user, { title: "Reading list" }, ["before"]);
    const before = await dump(user.graphId);
    const many = Array.from({ length: 1_200 }, (_, i) => page(`Page ${i}`, [block(`block ${i} [[Linked ${i}]]`)]));
    const good = source(many);
    const broken = source(many, { failAt: 1_100 });
    const preview = await previewSource(db(), user.actor, user.graphId, good, { fileName: "broken.json", format: "roam-json" });
    const id = await recordImport(db(), user.actor, user.graphId, { fileName: "broken.json", format: "roam-json", size: 1, filePath: null, title: null, preview });
    await expect(applyImport(db(), user.actor, user.graphId, id, broken)).rejects.toThrow("broken.json is not valid JSON in page 1101");
    expect(await dump(user.graphId)).toEqual(before);
    expect((await listImports(db(), user.actor, user.graphId))[0]).toMatchObject({ id, status: "failed", error: "broken.json is not valid JSON in page 1101" });
  });

  it("reports the reader's repairs and problems in the preview", async () => {
    const user = await makeUser(db(), "import-report");
    const repairs = Array.from({ length: 12 }, (_, i) => ({ where: `block ${i}`, before: "üòâ", after: "😉" }));
    const preview = await previewSource(
      db(),
      user.actor,
      user.graphId,
      source([page("A", [block("x")])], { report: { repairs, problems: [{ where: "page 2", message: "has no title; skipped" }] } }),
      { fileName: "a.json", format: "roam-json" },
    );
    expect(preview.repairs.count).toBe(12);
    expect(preview.problems).toEqual({ count: 1, sample: [{ where: "page 2", message: "has no title; skipped" }] });
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(0);
  });

  it("gives each further use of a uid within the file a uid of its own, the same on every import", async () => {
    const user = await makeUser(db(), "import-twice-in-file");
    const shared = uid();
    const pages = [page("Thrice", [block("first", [], { uid: shared }), block("second", [], { uid: shared }), block("third", [], { uid: shared })])];
    const { preview } = await runImport(user, source(pages));
    expect(preview.counts).toMatchObject({ blocksCreated: 3, collisions: 2 });
    const graph = await dump(user.graphId);
    expect(graph.blocks.map((b) => b.content).sort()).toEqual(["first", "second", "third"]);
    expect(new Set(graph.blocks.map((b) => b.uid)).size).toBe(3);
    expect(graph.blocks.find((b) => b.content === "first")?.uid).toBe(shared);
    const again = await runImport(user, source(pages));
    expect(again.preview.counts).toMatchObject({ blocksCreated: 0, blocksPresent: 3 });
    expect(await dump(user.graphId)).toEqual(graph);
  });
});
