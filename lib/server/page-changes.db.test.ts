// Rename, merge and delete on a real PostgreSQL: the preview writes nothing and says what the
// change does; the change rewrites exactly the links, keeps the reference index true, and undo
// puts back the exact before-state; other graphs' pages are not found.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import type { Db } from "../db/client";
import type { PrimitiveOp } from "../outline/primitive";
import { applyBatch } from "./ops";
import { applyPageChange, previewPageChange, undoPageChange, type PageChangeRequest } from "./page-changes";
import { getPageByTitle } from "./pages";

const db = testDatabase();

/** Writes top-level blocks (and children: "  " per level) on page `title` through the ordinary save path. */
async function write(user: TestUser, title: string, lines: string[]): Promise<string[]> {
  const parents: string[] = [];
  const uids: string[] = [];
  const ops = lines.map((line, index) => {
    const level = (line.length - line.trimStart().length) / 2;
    const uid = nanoid(9);
    parents[level] = uid;
    uids.push(uid);
    const op: PrimitiveOp = { type: "create", uid, parent: level === 0 ? null : (parents[level - 1] ?? null), order: `a${index}`, content: line.trimStart() };
    return { id: nanoid(), page: { title }, op };
  });
  await applyBatch(db(), user.actor, user.graphId, { ops });
  return uids;
}

async function pageId(user: TestUser, title: string): Promise<string> {
  const page = await db().page.findUniqueOrThrow({ where: { graphId_title: { graphId: user.graphId, title } }, select: { id: true } });
  return page.id;
}

async function contents(user: TestUser, title: string): Promise<string[]> {
  const view = await getPageByTitle(db(), user.actor, user.graphId, title);
  return view.blocks.sort((a, b) => (a.order < b.order ? -1 : 1)).map((block) => block.content);
}

/** Titles of the pages a page's backlinks come from, from the index. */
async function backlinks(d: Db, user: TestUser, title: string): Promise<string[]> {
  const rows = await d.ref.findMany({
    where: { graphId: user.graphId, page: { title } },
    select: { block: { select: { content: true } } },
  });
  return rows.map((row) => row.block.content).sort();
}

async function snapshot(user: TestUser) {
  const blocks = await db().block.findMany({
    where: { graphId: user.graphId },
    select: { id: true, uid: true, pageId: true, parentId: true, order: true, content: true, props: true },
    orderBy: { id: "asc" },
  });
  const pages = await db().page.findMany({ where: { graphId: user.graphId, blocks: { some: {} } }, select: { id: true, title: true }, orderBy: { id: "asc" } });
  const refs = await db().ref.findMany({ where: { graphId: user.graphId }, select: { blockId: true, page: { select: { title: true } }, kind: true } });
  return { blocks, pages, refs: refs.map((r) => `${r.blockId}>${r.page.title}:${r.kind}`).sort() };
}

describe("rename", () => {
  it("previews without writing, rewrites every link form in one go, and undoes exactly", async () => {
    const user = await makeUser(db());
    await write(user, "Old", ["about me"]);
    await write(user, "Notes", ["see [[Old]] and #Old", "  child #[[Old]] `[[Old]]`", "Old:: [x]([[Old]])", "nothing here, Old"]);
    await write(user, "Journal", ["[[a [[Old]] b]] today"]);
    const id = await pageId(user, "Old");
    const before = await snapshot(user);
    const request: PageChangeRequest = { kind: "rename", pageId: id, title: "New name" };

    const preview = await previewPageChange(db(), user.actor, user.graphId, request);
    expect(preview).toMatchObject({ kind: "rename", blocks: 4, pages: 2, problems: [], renamedPages: [{ from: "a [[Old]] b", to: "a [[New name]] b" }] });
    expect(preview.summary).toBe("Renaming “Old” to “New name” rewrites 4 blocks on 2 pages. Also renames 1 page whose title links it.");
    expect(await snapshot(user)).toEqual(before);

    const { changeId } = await applyPageChange(db(), user.actor, user.graphId, request, { blocks: 4, pages: 2 });
    expect(await contents(user, "Notes")).toEqual([
      "see [[New name]] and #[[New name]]",
      "child #[[New name]] `[[Old]]`",
      "New name:: [x]([[New name]])",
      "nothing here, Old",
    ]);
    expect(await contents(user, "Journal")).toEqual(["[[a [[New name]] b]] today"]);
    expect(await pageId(user, "New name")).toBe(id);
    expect(await pageId(user, "a [[New name]] b")).toBeTruthy();
    expect(await db().page.count({ where: { graphId: user.graphId, title: "Old" } })).toBe(0);
    expect(await backlinks(db(), user, "New name")).toHaveLength(4);
    // Other tabs hear of it: update ops per page in the op log.
    const logged = await db().opLog.findMany({ where: { graphId: user.graphId, clientId: null }, select: { ops: true } });
    expect(logged.flatMap((row) => row.ops as { type: string }[]).filter((op) => op.type === "update")).toHaveLength(4);

    await undoPageChange(db(), user.actor, user.graphId, changeId);
    expect(await snapshot(user)).toEqual(before);
    await expect(undoPageChange(db(), user.actor, user.graphId, changeId)).rejects.toMatchObject({ message: /already undone/ });
  });

  it("keeps what a tab still showing the old title types: its ops go to the renamed page", async () => {
    const user = await makeUser(db());
    const [first] = await write(user, "Old", ["x", "  y"]);
    const id = await pageId(user, "Old");
    await applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: id, title: "New" }, { blocks: 0, pages: 0 });
    // The stale tab types in a block, presses Enter in it, and adds a child: all addressed to "Old".
    const typed = { id: nanoid(), page: { title: "Old" }, op: { type: "update" as const, uid: first as string, content: "x typed after the rename" } };
    const split = { id: nanoid(), page: { title: "Old" }, op: { type: "split" as const, uid: first as string, offset: 1, newUid: nanoid(9) } };
    expect(await applyBatch(db(), user.actor, user.graphId, { ops: [typed] })).toEqual({ applied: 1, skipped: 0 });
    expect(await applyBatch(db(), user.actor, user.graphId, { ops: [split] })).toEqual({ applied: 1, skipped: 0 });
    expect((await contents(user, "New")).sort()).toEqual([" typed after the rename", "x", "y"]);
    expect(await db().page.count({ where: { graphId: user.graphId, title: "Old" } })).toBe(0);
    // A new page of the old title, started from scratch (no existing block named), is a new page.
    await write(user, "Old", ["a fresh page"]);
    expect(await contents(user, "Old")).toEqual(["a fresh page"]);
    expect(await pageId(user, "Old")).not.toBe(id);
  });

  it("keeps edits made after the change when undoing it", async () => {
    const user = await makeUser(db());
    await write(user, "Old", ["x"]);
    const [uid] = await write(user, "Notes", ["[[Old]] one"]);
    const { changeId } = await applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: await pageId(user, "Old"), title: "New" }, null);
    await applyBatch(db(), user.actor, user.graphId, { ops: [{ id: nanoid(), page: { title: "Notes" }, op: { type: "update", uid: uid ?? "", content: "[[New]] one, edited" } }] });
    await undoPageChange(db(), user.actor, user.graphId, changeId);
    expect(await contents(user, "Notes")).toEqual(["[[Old]] one, edited"]);
  });

  it("refuses what it cannot do, with the reason, and writes nothing", async () => {
    const user = await makeUser(db());
    await write(user, "Old", ["x"]);
    await write(user, "Notes", ["Old:: value"]);
    const id = await pageId(user, "Old");
    const before = await snapshot(user);
    const bad = await previewPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: id, title: "a]]b" });
    expect(bad.problems).toEqual([expect.stringMatching(/cannot be written as a link/)]);
    await expect(applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: id, title: "a:b" }, null)).rejects.toMatchObject({
      code: "invalid_request",
      message: expect.stringMatching(/cannot be an attribute name .*\(1 block\)/),
    });
    expect(await snapshot(user)).toEqual(before);
  });

  it("renames a page whose title no link can name to one that can", async () => {
    const user = await makeUser(db());
    const page = await db().page.create({ data: { graphId: user.graphId, title: "from a URL]]" }, select: { id: true } });
    await applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: page.id, title: "Fixed" }, null);
    expect(await pageId(user, "Fixed")).toBe(page.id);
  });

  it("refuses a preview that no longer holds, showing the new one", async () => {
    const user = await makeUser(db());
    await write(user, "Old", ["x"]);
    await write(user, "Notes", ["[[Old]]", "[[Old]] again"]);
    const request: PageChangeRequest = { kind: "rename", pageId: await pageId(user, "Old"), title: "New" };
    await expect(applyPageChange(db(), user.actor, user.graphId, request, { blocks: 1, pages: 1 })).rejects.toMatchObject({
      code: "stale_preview",
      details: { preview: { blocks: 2, pages: 1 } },
    });
    expect(await contents(user, "Notes")).toEqual(["[[Old]]", "[[Old]] again"]);
  });

  it("renames titles that differ only in case as two pages, and odd titles", async () => {
    const user = await makeUser(db());
    await write(user, "Notes", ["[[Topic]] [[topic]] #[[a/b?c%d 😀 日本]] [[ padded ]]"]);
    await applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: await pageId(user, "topic"), title: "subject" }, null);
    const odd = { kind: "rename", pageId: await pageId(user, "a/b?c%d 😀 日本"), title: "[[Q]]'s #1" } as const;
    await applyPageChange(db(), user.actor, user.graphId, odd, null);
    await applyPageChange(db(), user.actor, user.graphId, { kind: "rename", pageId: await pageId(user, " padded "), title: " still padded " }, null);
    expect(await contents(user, "Notes")).toEqual(["[[Topic]] [[subject]] #[[[[Q]]'s #1]] [[ still padded ]]"]);
  });
});

describe("merge", () => {
  it("appends the page's blocks to the existing one, retargets links, and undoes exactly", async () => {
    const user = await makeUser(db());
    await write(user, "Target", ["first"]);
    await write(user, "Old", ["one", "  one's child [[Old]]", "two"]);
    await write(user, "Notes", ["[[Old]] and [[Target]]"]);
    const oldId = await pageId(user, "Old");
    const before = await snapshot(user);
    const request: PageChangeRequest = { kind: "rename", pageId: oldId, title: "Target" };
    const preview = await previewPageChange(db(), user.actor, user.graphId, request);
    expect(preview).toMatchObject({ kind: "merge", blocks: 2, pages: 2, movedBlocks: 3 });
    expect(preview.summary).toMatch(/^“Target” exists: merging moves 3 blocks of “Old” to the end of “Target”, rewrites 2 blocks on 2 pages/);

    const { changeId } = await applyPageChange(db(), user.actor, user.graphId, request, preview);
    const target = await getPageByTitle(db(), user.actor, user.graphId, "Target");
    const roots = target.blocks.filter((b) => b.parent === null).sort((a, b) => (a.order < b.order ? -1 : 1));
    expect(roots.map((b) => b.content)).toEqual(["first", "one", "two"]);
    expect(target.blocks.find((b) => b.parent === roots[1]?.uid)?.content).toBe("one's child [[Target]]");
    expect(await contents(user, "Notes")).toEqual(["[[Target]] and [[Target]]"]);
    expect(await db().page.count({ where: { graphId: user.graphId, title: "Old" } })).toBe(0);
    expect(await backlinks(db(), user, "Target")).toEqual(["[[Target]] and [[Target]]", "one's child [[Target]]"]);

    await undoPageChange(db(), user.actor, user.graphId, changeId);
    expect(await snapshot(user)).toEqual(before);
    expect(await pageId(user, "Old")).toBe(oldId);
  });
});

describe("delete", () => {
  it("deletes the page with its blocks, shows its impact, and undo brings back every block as it was", async () => {
    const user = await makeUser(db());
    await write(user, "Doomed", ["top", "  child **b**", "    grandchild", "second"]);
    await write(user, "Notes", ["links [[Doomed]]"]);
    const id = await pageId(user, "Doomed");
    const before = await snapshot(user);
    const preview = await previewPageChange(db(), user.actor, user.graphId, { kind: "delete", pageId: id });
    expect(preview).toMatchObject({ kind: "delete", blocks: 4, linkingBlocks: 1 });
    expect(preview.summary).toBe("Deleting “Doomed” removes it and its 4 blocks. 1 block on 1 other page link to it: their text stays, and the link leads to an empty page.");

    const { changeId } = await applyPageChange(db(), user.actor, user.graphId, { kind: "delete", pageId: id }, preview);
    expect(await contents(user, "Doomed")).toEqual([]);
    expect(await db().block.count({ where: { graphId: user.graphId, content: "grandchild" } })).toBe(0);
    expect(await backlinks(db(), user, "Doomed")).toEqual(["links [[Doomed]]"]);

    await undoPageChange(db(), user.actor, user.graphId, changeId);
    expect(await snapshot(user)).toEqual(before);
    expect(await pageId(user, "Doomed")).toBe(id);
  });
});

describe("access", () => {
  it("answers not found for another graph's pages and changes", async () => {
    const owner = await makeUser(db());
    const stranger = await makeUser(db(), "stranger");
    await write(owner, "Mine", ["x"]);
    const id = await pageId(owner, "Mine");
    const { changeId } = await applyPageChange(db(), owner.actor, owner.graphId, { kind: "rename", pageId: id, title: "Still mine" }, null);
    await expect(previewPageChange(db(), stranger.actor, stranger.graphId, { kind: "delete", pageId: id })).rejects.toMatchObject({ code: "not_found" });
    await expect(applyPageChange(db(), stranger.actor, owner.graphId, { kind: "delete", pageId: id }, null)).rejects.toMatchObject({ code: "not_found" });
    await expect(undoPageChange(db(), stranger.actor, stranger.graphId, changeId)).rejects.toMatchObject({ code: "not_found" });
    await expect(undoPageChange(db(), stranger.actor, owner.graphId, changeId)).rejects.toMatchObject({ code: "not_found" });
    expect(await contents(owner, "Still mine")).toEqual(["x"]);
  });
});
