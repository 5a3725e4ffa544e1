// The reference index follows the text on every write: links, tags, attributes and TODO make
// Ref rows (creating the pages they name), ((uid)) makes BlockRef rows; editing or deleting a
// block updates them in the same transaction.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import type { WireOp } from "../outline/schema";
import { getReferencedBlocks } from "./blocks";
import { applyBatch } from "./ops";

const db = testDatabase();
const day = "2026-11-28";

async function send(user: TestUser, ...ops: WireOp["op"][]) {
  return applyBatch(db(), user.actor, user.graphId, { ops: ops.map((op) => ({ id: nanoid(), page: { daily: day }, op })) });
}

async function refsOf(user: TestUser, uid: string) {
  const block = await db().block.findUniqueOrThrow({ where: { graphId_uid: { graphId: user.graphId, uid } } });
  const refs = await db().ref.findMany({ where: { blockId: block.id }, include: { page: true } });
  return refs.map((ref) => `${ref.kind}:${ref.page.title}`).sort();
}

describe("reference index", () => {
  it("indexes links, nested links, tags, attributes and TODO, creating the pages they name", async () => {
    const user = await makeUser(db());
    await send(user, {
      type: "create",
      uid: "refblock1",
      parent: null,
      order: "a0",
      content: "Owner:: {{[[TODO]]}} call [[Henry Tang]] about [[[[A]]'s Notes]] #urgent #[[multi word]] [x](https://e.com) `[[not]]`",
    });
    expect(await refsOf(user, "refblock1")).toEqual([
      "attribute:Owner",
      "link:A",
      "link:Henry Tang",
      "link:TODO",
      "link:[[A]]'s Notes",
      "tag:multi word",
      "tag:urgent",
    ]);
    const created = await db().page.findMany({ where: { graphId: user.graphId }, select: { title: true } });
    expect(created.map((p) => p.title).sort()).toEqual(
      ["A", "Henry Tang", "November 28th, 2026", "Owner", "TODO", "[[A]]'s Notes", "multi word", "urgent"].sort(),
    );
    const ref = await db().ref.findFirstOrThrow({ where: { graphId: user.graphId, page: { title: "Henry Tang" } } });
    expect(ref.sourceDate?.toISOString().slice(0, 10)).toBe(day);
  });

  it("follows edits and deletes, and links a daily title to that daily page", async () => {
    const user = await makeUser(db());
    await send(user, { type: "create", uid: "refblock2", parent: null, order: "a0", content: "see [[Vincent Chan]]" });
    await send(user, { type: "update", uid: "refblock2", content: "now [[Tom Lui]] and [[November 20th, 2026]]" });
    expect(await refsOf(user, "refblock2")).toEqual(["link:November 20th, 2026", "link:Tom Lui"]);
    const daily = await db().page.findFirstOrThrow({ where: { graphId: user.graphId, title: "November 20th, 2026" } });
    expect(daily.dailyDate?.toISOString().slice(0, 10)).toBe("2026-11-20");
    await send(user, { type: "delete", uid: "refblock2" });
    expect(await db().ref.count({ where: { graphId: user.graphId } })).toBe(0);
  });

  it("indexes block references and embeds, and serves them only to the graph's members", async () => {
    const user = await makeUser(db());
    await send(
      user,
      { type: "create", uid: "target001", parent: null, order: "a0", content: "the idea" },
      { type: "create", uid: "child0001", parent: "target001", order: "a0", content: "its child" },
      { type: "create", uid: "refblock3", parent: null, order: "a1", content: "((target001)) {{embed: ((target001))}} ((nowhere01))" },
    );
    const rows = await db().blockRef.findMany({ where: { graphId: user.graphId }, orderBy: { targetUid: "asc" } });
    expect(rows.map((row) => row.targetUid)).toEqual(["nowhere01", "target001"]);

    const [referenced] = await getReferencedBlocks(db(), user.actor, user.graphId, ["target001"], ["target001"]);
    expect(referenced?.pageTitle).toBe("November 28th, 2026");
    expect(referenced?.blocks.map((b) => [b.content, b.parent])).toEqual([
      ["the idea", null],
      ["its child", "target001"],
    ]);
    expect(await getReferencedBlocks(db(), user.actor, user.graphId, ["nowhere01"], [])).toEqual([]);

    const other = await makeUser(db(), "other");
    await expect(getReferencedBlocks(db(), other.actor, user.graphId, ["target001"], [])).rejects.toMatchObject({ code: "not_found" });
    expect(await getReferencedBlocks(db(), other.actor, other.graphId, ["target001"], [])).toEqual([]);
  });
});
