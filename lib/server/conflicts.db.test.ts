// A delete never loses another tab's edit, on a real PostgreSQL: an edit that arrives after the
// delete brings the block back; a delete that arrives after an edit it had not seen keeps the
// edited block; a block dragged to another page keeps text another tab gave it meanwhile.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import type { PageAddress, WireOp } from "../outline/schema";
import { latestSeq, readOpLog } from "./op-log";
import { applyBatch } from "./ops";
import { getDailyPage } from "./pages";

const db = testDatabase();
const day = "2026-11-28";
const otherDay = "2026-11-27";
const A = "tab-a-0000000001";
const B = "tab-b-0000000002";

function wire(op: WireOp["op"], page: PageAddress = { daily: day }): WireOp {
  return { id: nanoid(), page, op };
}

const create = (uid: string, parent: string | null, order: string, content: string) => wire({ type: "create", uid, parent, order, content });

async function outline(actor: Parameters<typeof getDailyPage>[1], graphId: string, date = day) {
  const view = await getDailyPage(db(), actor, graphId, date);
  return view.blocks
    .map(({ uid, parent, order, content }) => ({ uid, parent, order, content }))
    .sort((a, b) => a.uid.localeCompare(b.uid));
}

describe("a delete meeting an edit", () => {
  it("an edit that arrives after the delete brings the block back, with the parent deleted with it and its own children", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        create("first0001", null, "a0", "first"),
        create("parent001", null, "a1", "parent"),
        create("edited001", "parent001", "a0", "edited"),
        create("sibling01", "parent001", "a1", "sibling"),
        create("child0001", "edited001", "a0", "child of edited"),
        create("last00001", null, "a2", "last"),
      ],
      clientId: A,
    });
    // Tab A deletes the parent and everything under it, leaves first.
    await applyBatch(db(), actor, graphId, {
      ops: ["child0001", "edited001", "sibling01", "parent001"].map((uid) => wire({ type: "delete", uid })),
      clientId: A,
    });
    expect((await outline(actor, graphId)).map((block) => block.uid)).toEqual(["first0001", "last00001"]);
    const before = await latestSeq(db(), graphId);

    // Tab B, which had not seen the delete, was typing in "edited".
    const result = await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "edited001", content: "edited [[Kept]]" })], clientId: B });
    expect(result).toEqual({ applied: 1, skipped: 0 });
    expect(await outline(actor, graphId)).toEqual([
      { uid: "child0001", parent: "edited001", order: "a0", content: "child of edited" },
      { uid: "edited001", parent: "parent001", order: "a0", content: "edited [[Kept]]" },
      { uid: "first0001", parent: null, order: "a0", content: "first" },
      { uid: "last00001", parent: null, order: "a2", content: "last" },
      { uid: "parent001", parent: null, order: "a1", content: "parent" },
    ]);
    // Its link counts again, and other tabs (A among them) are told to create the blocks.
    const kept = await db().page.findFirst({ where: { graphId, title: "Kept" }, select: { id: true } });
    expect(await db().ref.count({ where: { pageId: kept?.id } })).toBe(1);
    const log = await readOpLog(db(), graphId, before);
    expect(log.map((entry) => ({ clientId: entry.clientId, ops: entry.ops.map((op) => `${op.type} ${op.uid}`) }))).toEqual([
      { clientId: B, ops: ["create parent001", "create edited001", "create child0001", "update edited001"] },
      // B skips its own row, and may have applied A's delete meanwhile: it gets the blocks as they are now.
      { clientId: null, ops: ["create parent001", "create edited001", "create child0001"] },
    ]);
    expect(log[1]?.ops[1]).toMatchObject({ type: "create", uid: "edited001", parent: "parent001", content: "edited [[Kept]]" });
    // Deleting it again works, and a later edit brings it back again.
    await applyBatch(db(), actor, graphId, {
      ops: ["child0001", "edited001", "parent001"].map((uid) => wire({ type: "delete", uid })),
      clientId: A,
    });
    expect((await outline(actor, graphId)).map((block) => block.uid)).toEqual(["first0001", "last00001"]);
  });

  it("a block brought back next to a block now in its old place goes right after it", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [create("one000001", null, "a0", "one"), create("two000001", null, "a1", "two")] });
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "delete", uid: "one000001" })], clientId: A });
    await applyBatch(db(), actor, graphId, { ops: [create("new000001", null, "a0", "new in that place")], clientId: A });
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "one000001", content: "one, edited" })], clientId: B });
    const blocks = await outline(actor, graphId);
    const order = [...blocks].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0)).map((block) => block.content);
    expect(order).toEqual(["new in that place", "one, edited", "two"]);
  });

  it("an edit for a block that never existed is still refused", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [create("real00001", null, "a0", "real")] });
    await expect(applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "ghost0001", content: "x" })] })).rejects.toMatchObject({
      code: "batch_rejected",
    });
  });

  it("a delete sent after another tab's edit it had not seen keeps the edited block and what it needs", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        create("parent002", null, "a0", "parent"),
        create("edited002", "parent002", "a0", "edited"),
        create("under0002", "edited002", "a0", "under the edited block"),
        create("sibling02", "parent002", "a1", "sibling"),
      ],
      clientId: A,
    });
    const seenByA = await latestSeq(db(), graphId);
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "edited002", content: "edited by B" })], clientId: B });
    const beforeDelete = await latestSeq(db(), graphId);

    const result = await applyBatch(db(), actor, graphId, {
      ops: ["under0002", "edited002", "sibling02", "parent002"].map((uid) => ({ ...wire({ type: "delete", uid }), seen: seenByA })),
      clientId: A,
    });
    expect(result).toEqual({ applied: 4, skipped: 0, kept: 3 });
    expect(await outline(actor, graphId)).toEqual([
      { uid: "edited002", parent: "parent002", order: "a0", content: "edited by B" },
      { uid: "parent002", parent: null, order: "a0", content: "parent" },
      { uid: "under0002", parent: "edited002", order: "a0", content: "under the edited block" },
    ]);
    // Tab A skips its own rows; the kept blocks reach it as creates in a row for everyone.
    const log = await readOpLog(db(), graphId, beforeDelete);
    const forEveryone = log.filter((entry) => entry.clientId === null);
    expect(forEveryone.flatMap((entry) => entry.ops.map((op) => `${op.type} ${op.uid}`))).toEqual([
      "create parent002",
      "create edited002",
      "create under0002",
    ]);
  });

  it("a delete from a tab that had seen the edit deletes, and a tab's own edits never hold back its deletes", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [create("block0003", null, "a0", "x"), create("block0004", null, "a1", "y")], clientId: A });
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "block0003", content: "x by B" })], clientId: B });
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "block0004", content: "y by A" })], clientId: A });
    const seen = await latestSeq(db(), graphId);
    const result = await applyBatch(db(), actor, graphId, {
      ops: [{ ...wire({ type: "delete", uid: "block0003" }), seen }, { ...wire({ type: "delete", uid: "block0004" }), seen }],
      clientId: A,
    });
    expect(result).toEqual({ applied: 2, skipped: 0 });
    expect(await outline(actor, graphId)).toEqual([]);
  });

  it("a block dragged to another day keeps the text another tab gave it meanwhile", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [create("moved0001", null, "a0", "old text")], clientId: A });
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "moved0001", content: "new text from B" })], clientId: B });
    // Tab A drags it to yesterday with the text it knew.
    await applyBatch(db(), actor, graphId, {
      ops: [wire({ type: "delete", uid: "moved0001" }), wire({ type: "create", uid: "moved0001", parent: null, order: "a0", content: "old text" }, { daily: otherDay })],
      clientId: A,
    });
    expect(await outline(actor, graphId)).toEqual([]);
    expect(await outline(actor, graphId, otherDay)).toEqual([{ uid: "moved0001", parent: null, order: "a0", content: "new text from B" }]);
  });
});
