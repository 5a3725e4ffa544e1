// Exports: a graph written through the real write path comes out as Roam JSON and markdown;
// nobody else can export it; a big graph is read a batch of pages at a time.
import { randomUUID } from "node:crypto";
import { unzipSync } from "fflate";
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import { derivedUid } from "../formats/graph";
import type { PageAddress } from "../outline/schema";
import { exportBatches, exportPage, exportPages, markdownZipExport, pageMarkdownExport, roamJsonExport } from "./exports";
import { applyBatch } from "./ops";

const db = testDatabase();

type Op = Parameters<typeof applyBatch>[3]["ops"][number]["op"];

async function apply(user: TestUser, page: PageAddress, ops: Op[]) {
  await applyBatch(db(), user.actor, user.graphId, { ops: ops.map((op) => ({ id: nanoid(), page, op })) });
}

async function writeReadingList(user: TestUser) {
  const page = { title: "Reading list" };
  await apply(user, page, [
    { type: "create", uid: "readblk01", parent: null, order: "a0", content: "Read [[Henry Tang]]'s book #urgent" },
    { type: "create", uid: "readblk02", parent: "readblk01", order: "a0", content: "{{[[TODO]]}} chapter 1" },
    { type: "create", uid: "readblk03", parent: null, order: "a1", content: "two\nlines" },
  ]);
  await apply(user, page, [{ type: "setProps", uid: "readblk01", props: { heading: 2 } }]);
  await apply(user, { daily: "2026-11-28" }, [{ type: "create", uid: "dailyblk1", parent: null, order: "a0", content: "journal" }]);
}

async function textOf(response: Response): Promise<string> {
  return new TextDecoder().decode(await response.arrayBuffer());
}

const ms = (date: Date) => date.getTime();

describe("Roam JSON export", () => {
  it("holds every page of the graph, its blocks in order, Loam's props in Roam's fields, daily uids as Roam's", async () => {
    const user = await makeUser(db());
    await writeReadingList(user);
    const response = await roamJsonExport(db(), user.actor, user.graphId);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="loam-\d{4}-\d{2}-\d{2}\.json"/);
    const exported = JSON.parse(await textOf(response)) as Record<string, unknown>[];

    const pages = await db().page.findMany({ where: { graphId: user.graphId } });
    expect(exported.map((p) => p.title).sort()).toEqual(pages.map((p) => p.title).sort());
    const blocks = new Map((await db().block.findMany({ where: { graphId: user.graphId } })).map((b) => [b.uid, b]));
    const times = (uid: string) => ({ "create-time": ms(blocks.get(uid)!.createdAt), "edit-time": ms(blocks.get(uid)!.updatedAt) });
    const list = pages.find((p) => p.title === "Reading list")!;
    expect(exported.find((p) => p.title === "Reading list")).toEqual({
      title: "Reading list",
      uid: derivedUid("roam-json", "Reading list", []),
      "create-time": ms(list.createdAt),
      "edit-time": ms(list.updatedAt),
      children: [
        {
          string: "Read [[Henry Tang]]'s book #urgent",
          uid: "readblk01",
          heading: 2,
          ...times("readblk01"),
          children: [{ string: "{{[[TODO]]}} chapter 1", uid: "readblk02", ...times("readblk02") }],
        },
        { string: "two\nlines", uid: "readblk03", ...times("readblk03") },
      ],
    });
    expect(exported.find((p) => p.title === "November 28th, 2026")).toMatchObject({ uid: "11-28-2026", children: [{ string: "journal", uid: "dailyblk1" }] });
    // A page that exists because it is linked has no blocks, as Roam writes such pages.
    expect(exported.find((p) => p.title === "Henry Tang")).not.toHaveProperty("children");
  });

  it("writes back what an import kept: page uid and source fields, Loam-only props", async () => {
    const user = await makeUser(db());
    await apply(user, { title: "Imported" }, [{ type: "create", uid: "imported1", parent: null, order: "a0", content: "x" }]);
    await db().page.updateMany({ where: { graphId: user.graphId, title: "Imported" }, data: { uid: "pg-uid-01", props: { source: { ":log/id": 42, ":edit/user": { ":user/uid": "u1" } } } } });
    await db().block.updateMany({ where: { graphId: user.graphId, uid: "imported1" }, data: { props: { source: { emojis: [1] }, collapsed: true } } });
    const page = await exportPage(db(), user.actor, user.graphId, "imported");
    expect(page).toMatchObject({ title: "Imported", uid: "pg-uid-01", props: { source: { ":log/id": 42 } } });
    const [exported] = JSON.parse(await textOf(await roamJsonExport(db(), user.actor, user.graphId))) as Record<string, unknown>[];
    expect(exported).toMatchObject({ title: "Imported", uid: "pg-uid-01", ":log/id": 42, ":edit/user": { ":user/uid": "u1" } });
    expect((exported!.children as unknown[])[0]).toMatchObject({ string: "x", uid: "imported1", emojis: [1], ":loam/props": { collapsed: true } });
  });
});

describe("markdown exports", () => {
  it("one page as a .md file and the graph as a zip of them", async () => {
    const user = await makeUser(db());
    await writeReadingList(user);
    const one = await pageMarkdownExport(db(), user.actor, user.graphId, "Reading list");
    expect(one.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    expect(one.headers.get("Content-Disposition")).toBe(`attachment; filename="Reading list.md"; filename*=UTF-8''Reading%20list.md`);
    const markdown = "- ## Read [[Henry Tang]]'s book #urgent\n    - {{[[TODO]]}} chapter 1\n- two\n  lines\n";
    expect(await textOf(one)).toBe(markdown);

    const zip = await markdownZipExport(db(), user.actor, user.graphId);
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(new TextDecoder().decode(files["Reading list.md"])).toBe(markdown);
    expect(new TextDecoder().decode(files["November 28th, 2026.md"])).toBe("- journal\n");
    expect(files["Henry Tang.md"]).toEqual(new Uint8Array());
  });
});

describe("export access", () => {
  it("another user cannot export the graph or a page of it", async () => {
    const owner = await makeUser(db(), "owner");
    const other = await makeUser(db(), "other");
    await writeReadingList(owner);
    await expect(roamJsonExport(db(), other.actor, owner.graphId)).rejects.toMatchObject({ code: "not_found" });
    await expect(markdownZipExport(db(), other.actor, owner.graphId)).rejects.toMatchObject({ code: "not_found" });
    await expect(exportPages(db(), other.actor, owner.graphId)).rejects.toMatchObject({ code: "not_found" });
    await expect(pageMarkdownExport(db(), other.actor, owner.graphId, "Reading list")).rejects.toMatchObject({ code: "not_found" });
    // Their own export holds none of it.
    expect(JSON.parse(await textOf(await roamJsonExport(db(), other.actor, other.graphId)))).toEqual([]);
  });
});

describe("big graph export", () => {
  it("reads the pages a batch at a time, every page once, with its blocks", async () => {
    const user = await makeUser(db());
    const count = 450;
    const titles = Array.from({ length: count }, (_, i) => `Page ${String(i).padStart(4, "0")}`);
    const pageIds = titles.map(() => randomUUID());
    await db().$executeRaw`
      INSERT INTO "Page" (id, "graphId", title, "updatedAt")
      SELECT unnest(${pageIds}::text[]), ${user.graphId}, unnest(${titles}::text[]), now()`;
    // Three blocks a page: two top-level (stored out of order) and a child of the second.
    const rows = pageIds.flatMap((pageId, i) => [
      { id: `${pageId}-b`, uid: `b${i}x`, pageId, parentId: null, order: "a1", content: `second ${i}` },
      { id: `${pageId}-a`, uid: `a${i}x`, pageId, parentId: null, order: "a0", content: `first ${i}` },
      { id: `${pageId}-c`, uid: `c${i}x`, pageId, parentId: `${pageId}-b`, order: "a0", content: `child ${i}` },
    ]);
    await db().$executeRaw`
      INSERT INTO "Block" (id, "graphId", uid, "pageId", "parentId", "order", content, "updatedAt")
      SELECT unnest(${rows.map((r) => r.id)}::text[]), ${user.graphId}, unnest(${rows.map((r) => r.uid)}::text[]),
             unnest(${rows.map((r) => r.pageId)}::text[]), unnest(${rows.map((r) => r.parentId)}::text[]),
             unnest(${rows.map((r) => r.order)}::text[]), unnest(${rows.map((r) => r.content)}::text[]), now()`;

    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const batch of exportBatches(db(), user.actor, user.graphId, 200)) {
      sizes.push(batch.length);
      for (const page of batch) {
        const i = Number(page.title.slice(5));
        expect(page.children.map((b) => [b.content, b.children.map((c) => c.content)])).toEqual([
          [`first ${i}`, []],
          [`second ${i}`, [`child ${i}`]],
        ]);
        seen.push(page.title);
      }
    }
    expect(sizes).toEqual([200, 200, 50]);
    expect(seen).toEqual(titles);
  });
});
