// Batches of ops on a real PostgreSQL: applied whole or not at all, each op id once, and only
// into graphs the actor may write.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import type { WireOp } from "../outline/schema";
import { applyBatch } from "./ops";
import { getDailyPage } from "./pages";

const db = testDatabase();
const day = "2026-11-28";

function wire(op: WireOp["op"], page: WireOp["page"] = { daily: day }): WireOp {
  return { id: nanoid(), page, op };
}

describe("applyBatch", () => {
  it("creates the daily page with the first block, and builds the nested tree", async () => {
    const { actor, graphId } = await makeUser(db());
    const ops = [
      wire({ type: "create", uid: "aaaaaaaa1", parent: null, order: "a0", content: "Morning" }),
      wire({ type: "create", uid: "aaaaaaaa2", parent: "aaaaaaaa1", order: "a0", content: "child" }),
      wire({ type: "create", uid: "aaaaaaaa3", parent: null, order: "a1", content: "Evening" }),
      wire({ type: "update", uid: "aaaaaaaa1", content: "Morning pages" }),
    ];
    expect(await applyBatch(db(), actor, graphId, { ops })).toEqual({ applied: 4, skipped: 0 });
    const view = await getDailyPage(db(), actor, graphId, day);
    expect(view.title).toBe("November 28th, 2026");
    expect(view.page?.day).toBe(day);
    expect(view.blocks.map(({ uid, parent, content }) => ({ uid, parent, content })).sort((a, b) => a.uid.localeCompare(b.uid))).toEqual([
      { uid: "aaaaaaaa1", parent: null, content: "Morning pages" },
      { uid: "aaaaaaaa2", parent: "aaaaaaaa1", content: "child" },
      { uid: "aaaaaaaa3", parent: null, content: "Evening" },
    ]);
  });

  it("applies a batch sent twice only once", async () => {
    const { actor, graphId } = await makeUser(db());
    const batch = { ops: [wire({ type: "create", uid: "bbbbbbbb1", parent: null, order: "a0", content: "once" })] };
    expect(await applyBatch(db(), actor, graphId, batch)).toEqual({ applied: 1, skipped: 0 });
    expect(await applyBatch(db(), actor, graphId, batch)).toEqual({ applied: 0, skipped: 1 });
    expect(await db().block.count({ where: { graphId } })).toBe(1);
  });

  it("refuses a batch with one bad op whole, naming the op and why, and writes nothing", async () => {
    const { actor, graphId } = await makeUser(db());
    const ops = [
      wire({ type: "create", uid: "cccccccc1", parent: null, order: "a0", content: "fine" }),
      wire({ type: "move", uid: "cccccccc1", parent: "cccccccc1", order: "a1" }),
    ];
    await expect(applyBatch(db(), actor, graphId, { ops })).rejects.toMatchObject({
      code: "batch_rejected",
      message: expect.stringMatching(/^Change 2 \(move of block cccccccc1\) was refused: .*own parent/),
    });
    expect(await db().block.count({ where: { graphId } })).toBe(0);
    expect(await db().page.count({ where: { graphId } })).toBe(0);
    // Nothing of it was recorded either: the same ops, fixed, apply.
    expect(await applyBatch(db(), actor, graphId, { ops: ops.slice(0, 1) })).toEqual({ applied: 1, skipped: 0 });
  });

  it("moves and deletes keep the tree whole; deleting a parent before its children is refused", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "create", uid: "dddddddd1", parent: null, order: "a0", content: "p" }),
        wire({ type: "create", uid: "dddddddd2", parent: "dddddddd1", order: "a0", content: "c" }),
      ],
    });
    await expect(applyBatch(db(), actor, graphId, { ops: [wire({ type: "delete", uid: "dddddddd1" })] })).rejects.toMatchObject({
      code: "batch_rejected",
    });
    await applyBatch(db(), actor, graphId, {
      ops: [wire({ type: "move", uid: "dddddddd2", parent: null, order: "a1" }), wire({ type: "delete", uid: "dddddddd1" })],
    });
    const view = await getDailyPage(db(), actor, graphId, day);
    expect(view.blocks).toEqual([{ uid: "dddddddd2", parent: null, order: "a1", content: "c", props: {} }]);
  });

  it("lets nobody write into another user's graph: it does not exist for them", async () => {
    const owner = await makeUser(db(), "owner");
    const other = await makeUser(db(), "other");
    const batch = { ops: [wire({ type: "create", uid: "eeeeeeee1", parent: null, order: "a0", content: "intrusion" })] };
    await expect(applyBatch(db(), other.actor, owner.graphId, batch)).rejects.toMatchObject({ code: "not_found" });
    expect(await db().block.count({ where: { graphId: owner.graphId } })).toBe(0);
  });

  it("refuses to change a block of another page through this one", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "ffffffff1", parent: null, order: "a0", content: "x" })] });
    await expect(
      applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "ffffffff1", content: "y" }, { daily: "2026-11-27" })] }),
    ).rejects.toMatchObject({ code: "batch_rejected" });
    await expect(
      applyBatch(db(), actor, graphId, {
        ops: [wire({ type: "create", uid: "ffffffff1", parent: null, order: "a0", content: "dup" }, { title: "Other page" })],
      }),
    ).rejects.toMatchObject({ message: expect.stringMatching(/already used on another page/) });
  });

  it("applies the outliner's structural ops to its own tree: split, indent, outdent, merge", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "create", uid: "hhhhhhhh1", parent: null, order: "a0", content: "first" }),
        wire({ type: "create", uid: "hhhhhhhh2", parent: null, order: "a1", content: "hello world" }),
      ],
    });
    await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "split", uid: "hhhhhhhh2", offset: 5, newUid: "hhhhhhhh3" }),
        wire({ type: "indent", uid: "hhhhhhhh2" }),
        wire({ type: "indent", uid: "hhhhhhhh3" }),
      ],
    });
    const shape = async () =>
      (await getDailyPage(db(), actor, graphId, day)).blocks
        .map(({ uid, parent, content }) => `${uid}<${parent ?? "-"}:${content}`)
        .sort();
    expect(await shape()).toEqual(["hhhhhhhh1<-:first", "hhhhhhhh2<hhhhhhhh1:hello", "hhhhhhhh3<hhhhhhhh1: world"]);
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "outdent", uid: "hhhhhhhh3" }), wire({ type: "merge", uid: "hhhhhhhh3" })] });
    expect(await shape()).toEqual(["hhhhhhhh1<-:first", "hhhhhhhh2<hhhhhhhh1:hello world"]);
    await expect(applyBatch(db(), actor, graphId, { ops: [wire({ type: "indent", uid: "hhhhhhhh1" })] })).rejects.toMatchObject({
      message: expect.stringMatching(/^Change 1 \(indent of block hhhhhhhh1\) was refused: The first block/),
    });
  });

  it("two batches creating today's page at the same moment both land on one page", async () => {
    const { actor, graphId } = await makeUser(db());
    await Promise.all(
      ["gggggggg1", "gggggggg2"].map((uid, i) =>
        applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid, parent: null, order: `a${i}`, content: uid })] }),
      ),
    );
    expect(await db().page.count({ where: { graphId } })).toBe(1);
    expect((await getDailyPage(db(), actor, graphId, day)).blocks).toHaveLength(2);
  });

  it("moves a block with its children from one page to another in one batch, keeping its rows and references", async () => {
    const { actor, graphId } = await makeUser(db());
    const other = "2026-11-27";
    await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "create", uid: "mmmmmmmm1", parent: null, order: "a0", content: "moving [[Somewhere]]" }, { daily: other }),
        wire({ type: "create", uid: "mmmmmmmm2", parent: "mmmmmmmm1", order: "a0", content: "its child" }, { daily: other }),
        wire({ type: "create", uid: "mmmmmmmm3", parent: null, order: "a1", content: "stays" }, { daily: other }),
        wire({ type: "create", uid: "mmmmmmmm4", parent: null, order: "a0", content: "see ((mmmmmmmm1))" }),
      ],
    });
    const rowBefore = await db().block.findUnique({ where: { graphId_uid: { graphId, uid: "mmmmmmmm1" } }, select: { id: true } });
    // What the client sends for a drag from one day to the other: deleted there, leaves first, then created here.
    const result = await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "delete", uid: "mmmmmmmm2" }, { daily: other }),
        wire({ type: "delete", uid: "mmmmmmmm1" }, { daily: other }),
        wire({ type: "create", uid: "mmmmmmmm1", parent: null, order: "a1", content: "moving [[Somewhere]]" }),
        wire({ type: "create", uid: "mmmmmmmm2", parent: "mmmmmmmm1", order: "a0", content: "its child" }),
      ],
    });
    expect(result).toEqual({ applied: 4, skipped: 0 });
    const here = await getDailyPage(db(), actor, graphId, day);
    const there = await getDailyPage(db(), actor, graphId, other);
    expect(here.blocks.map((block) => block.uid).sort()).toEqual(["mmmmmmmm1", "mmmmmmmm2", "mmmmmmmm4"]);
    expect(there.blocks.map((block) => block.uid)).toEqual(["mmmmmmmm3"]);
    const rowAfter = await db().block.findUnique({ where: { graphId_uid: { graphId, uid: "mmmmmmmm1" } }, select: { id: true, pageId: true } });
    expect(rowAfter?.id).toBe(rowBefore?.id);
    // Its link now counts from the page it is on.
    const refs = await db().ref.findMany({ where: { blockId: rowAfter?.id ?? "" }, select: { pageId: true, sourceDate: true } });
    expect(refs).toHaveLength(1);
    expect(refs[0]?.sourceDate?.toISOString().slice(0, 10)).toBe(day);
  });

  it("still refuses a create whose uid lives on another page that this batch does not leave", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "nnnnnnnn1", parent: null, order: "a0", content: "x" }, { daily: "2026-11-27" })] });
    await expect(
      applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "nnnnnnnn1", parent: null, order: "a0", content: "x" })] }),
    ).rejects.toMatchObject({ code: "batch_rejected", message: expect.stringContaining("already used on another page") });
  });

  it("applies structural batches on one page one after the other, each on the tree the previous one left", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "pppppppp0", parent: null, order: "a0", content: "abcdefghij" })] });
    // Eight tabs press Enter after the first letter at once: on one tree each, the rest of the text goes to one new block only.
    const splits = Array.from({ length: 8 }, (_, i) => ({ ops: [wire({ type: "split", uid: "pppppppp0", offset: 1, newUid: `pppppppp${i + 1}` })] }));
    const results = await Promise.all(splits.map((batch) => applyBatch(db(), actor, graphId, batch)));
    expect(results).toEqual(splits.map(() => ({ applied: 1, skipped: 0 })));
    const blocks = (await getDailyPage(db(), actor, graphId, day)).blocks;
    expect(blocks).toHaveLength(9);
    expect(blocks.filter((block) => block.content === "bcdefghij")).toHaveLength(1);
    expect(blocks.find((block) => block.uid === "pppppppp0")?.content).toBe("a");
    expect(blocks.filter((block) => block.content === "")).toHaveLength(7);
  });

  it("applies a structural batch sent twice at once only once", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "qqqqqqqq1", parent: null, order: "a0", content: "one two" })] });
    const batch = { ops: [wire({ type: "split", uid: "qqqqqqqq1", offset: 3, newUid: "qqqqqqqq2" }), wire({ type: "create", uid: "qqqqqqqq3", parent: null, order: "a5", content: "" })] };
    const results = await Promise.all([applyBatch(db(), actor, graphId, batch), applyBatch(db(), actor, graphId, batch)]);
    expect(results.map((result) => result.applied).sort()).toEqual([0, 2]);
    const blocks = (await getDailyPage(db(), actor, graphId, day)).blocks.map(({ uid, content }) => `${uid}:${content}`).sort();
    expect(blocks).toEqual(["qqqqqqqq1:one", "qqqqqqqq2: two", "qqqqqqqq3:"]);
    expect(await db().opLog.count({ where: { graphId } })).toBe(2);
  });

  it("refuses a reader's structural batch and claims none of its op ids", async () => {
    const owner = await makeUser(db());
    const reader = await makeUser(db());
    await db().graphMember.create({ data: { graphId: owner.graphId, userId: reader.actor.userId, role: "reader" } });
    const batch = { ops: [wire({ type: "create", uid: "rrrrrrrr1", parent: null, order: "a0", content: "not mine" })] };
    await expect(applyBatch(db(), reader.actor, owner.graphId, batch)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db().appliedOp.count({ where: { graphId: owner.graphId } })).toBe(0);
    expect(await db().page.count({ where: { graphId: owner.graphId } })).toBe(0);
    // The owner sending the same ops finds them unclaimed.
    expect(await applyBatch(db(), owner.actor, owner.graphId, batch)).toEqual({ applied: 1, skipped: 0 });
  });
});
