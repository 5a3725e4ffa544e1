// The text-only save path (text-ops.ts) on a real PostgreSQL: it checks write access on every
// batch, applies each op id once, keeps the reference index right when links change, logs what
// it applied, and leaves anything it cannot place to the general path.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import type { WireOp } from "../outline/schema";
import { actorOfUser, defaultGraphId } from "./access";
import { readOpLog } from "./op-log";
import { applyBatch } from "./ops";
import { getDailyPage } from "./pages";

const db = testDatabase();
const day = "2026-11-28";

const wire = (op: WireOp["op"], page: WireOp["page"] = { daily: day }): WireOp => ({ id: nanoid(), page, op });

async function withBlocks(user: TestUser, ...contents: string[]): Promise<string[]> {
  const uids = contents.map(() => nanoid(9).replace(/[^\w-]/g, "x"));
  await applyBatch(db(), user.actor, user.graphId, {
    ops: contents.map((content, k) => wire({ type: "create", uid: uids[k] as string, parent: null, order: `a${k}`, content })),
  });
  return uids;
}

async function contents(user: TestUser): Promise<Record<string, string>> {
  const view = await getDailyPage(db(), user.actor, user.graphId, day);
  return Object.fromEntries(view.blocks.map((block) => [block.uid, block.content]));
}

async function linksOf(user: TestUser, uid: string): Promise<string[]> {
  const block = await db().block.findUniqueOrThrow({ where: { graphId_uid: { graphId: user.graphId, uid } } });
  const refs = await db().ref.findMany({ where: { blockId: block.id }, include: { page: true } });
  const blockRefs = await db().blockRef.findMany({ where: { blockId: block.id } });
  return [...refs.map((ref) => `${ref.kind}:${ref.page.title}`), ...blockRefs.map((ref) => `block:${ref.targetUid}`)].sort();
}

async function addMember(user: TestUser, graphId: string, role: "editor" | "reader"): Promise<void> {
  await db().graphMember.create({ data: { graphId, userId: user.actor.userId, role } });
}

describe("text-only batches", () => {
  it("write the last text and props of each block, in one go, and log every op in order", async () => {
    const user = await makeUser(db());
    const [a, b] = await withBlocks(user, "one", "two");
    const ops = [
      wire({ type: "update", uid: a as string, content: "one more" }),
      wire({ type: "setProps", uid: b as string, props: { heading: 2 } }),
      wire({ type: "update", uid: a as string, content: "one more word" }),
    ];
    expect(await applyBatch(db(), user.actor, user.graphId, { clientId: "tab-00001", ops })).toEqual({ applied: 3, skipped: 0 });
    const view = await getDailyPage(db(), user.actor, user.graphId, day);
    // A page read is a flat fetch in no particular row order (the tree is built from the order keys).
    const inOrder = [...view.blocks].sort((x, y) => (x.order < y.order ? -1 : x.order > y.order ? 1 : 0));
    expect(inOrder.map(({ uid, content, props }) => ({ uid, content, props }))).toEqual([
      { uid: a, content: "one more word", props: {} },
      { uid: b, content: "two", props: { heading: 2 } },
    ]);
    const log = await readOpLog(db(), user.graphId, 0);
    expect(log.at(-1)).toMatchObject({ clientId: "tab-00001", page: { daily: day }, ops: ops.map((op) => op.op) });
  });

  it("apply a retried batch once, and log nothing for it", async () => {
    const user = await makeUser(db());
    const [a] = await withBlocks(user, "x");
    const batch = { ops: [wire({ type: "update", uid: a as string, content: "typed once" })] };
    expect(await applyBatch(db(), user.actor, user.graphId, batch)).toEqual({ applied: 1, skipped: 0 });
    const logged = (await readOpLog(db(), user.graphId, 0)).length;
    await applyBatch(db(), user.actor, user.graphId, { ops: [wire({ type: "update", uid: a as string, content: "typed later" })] });
    expect(await applyBatch(db(), user.actor, user.graphId, batch)).toEqual({ applied: 0, skipped: 1 });
    expect(await contents(user)).toEqual({ [a as string]: "typed later" });
    expect((await readOpLog(db(), user.graphId, 0)).length).toBe(logged + 1);
  });

  it("re-derive the reference index when the links change, and leave it when they do not", async () => {
    const user = await makeUser(db());
    const [a] = await withBlocks(user, "Met [[Ann]]");
    await applyBatch(db(), user.actor, user.graphId, { ops: [wire({ type: "update", uid: a as string, content: "Met [[Ann]] today" })] });
    expect(await linksOf(user, a as string)).toEqual(["link:Ann"]);
    await applyBatch(db(), user.actor, user.graphId, {
      ops: [
        wire({ type: "update", uid: a as string, content: "Met [[Ann]] and [[Bob]]" }),
        wire({ type: "update", uid: a as string, content: "Met [[Bob]] #urgent ((abcdefghi))" }),
      ],
    });
    expect(await linksOf(user, a as string)).toEqual(["block:abcdefghi", "link:Bob", "tag:urgent"]);
    expect(await db().page.count({ where: { graphId: user.graphId, title: { in: ["Bob", "urgent"] } } })).toBe(2);
    await applyBatch(db(), user.actor, user.graphId, { ops: [wire({ type: "update", uid: a as string, content: "no links now" })] });
    expect(await linksOf(user, a as string)).toEqual([]);
    expect(await contents(user)).toEqual({ [a as string]: "no links now" });
  });

  it("refuse a reader, and a member whose membership was revoked, on their next batch, writing nothing", async () => {
    const owner = await makeUser(db(), "owner");
    const [a] = await withBlocks(owner, "shared");
    const reader = await makeUser(db(), "reader");
    await addMember(reader, owner.graphId, "reader");
    const edit = (content: string) => ({ ops: [wire({ type: "update", uid: a as string, content })] });
    await expect(applyBatch(db(), reader.actor, owner.graphId, edit("by the reader"))).rejects.toMatchObject({ code: "forbidden" });

    const editor = await makeUser(db(), "editor");
    await addMember(editor, owner.graphId, "editor");
    expect(await applyBatch(db(), editor.actor, owner.graphId, edit("by the editor"))).toEqual({ applied: 1, skipped: 0 });
    await db().graphMember.delete({ where: { graphId_userId: { graphId: owner.graphId, userId: editor.actor.userId } } });
    await expect(applyBatch(db(), editor.actor, owner.graphId, edit("after revoking"))).rejects.toMatchObject({ code: "not_found" });

    const outsider = await makeUser(db(), "outsider");
    await expect(applyBatch(db(), outsider.actor, owner.graphId, edit("by an outsider"))).rejects.toMatchObject({ code: "not_found" });
    expect(await contents(owner)).toEqual({ [a as string]: "by the editor" });
    // Nothing refused was claimed: the same op ids apply once access is given back.
    await addMember(editor, owner.graphId, "editor");
    const retried = edit("after revoking");
    await expect(applyBatch(db(), reader.actor, owner.graphId, retried)).rejects.toMatchObject({ code: "forbidden" });
    expect(await applyBatch(db(), editor.actor, owner.graphId, retried)).toEqual({ applied: 1, skipped: 0 });
  });

  it("leave a block that is not on the named page to the general path, which refuses it whole", async () => {
    const user = await makeUser(db());
    const [a] = await withBlocks(user, "stays");
    const batch = {
      ops: [wire({ type: "update", uid: a as string, content: "fine" }), wire({ type: "update", uid: "notablock", content: "gone" })],
    };
    await expect(applyBatch(db(), user.actor, user.graphId, batch)).rejects.toMatchObject({ code: "batch_rejected", details: { index: 1 } });
    expect(await contents(user)).toEqual({ [a as string]: "stays" });
    expect(await applyBatch(db(), user.actor, user.graphId, { ops: batch.ops.slice(0, 1) })).toEqual({ applied: 1, skipped: 0 });
  });
});

/** The transaction that last wrote each block (batches of one group share one). */
async function writtenBy(user: TestUser, ...uids: string[]): Promise<string[]> {
  const rows = await db().$sqlQuery<{ uid: string; xmin: string }>(`SELECT uid, xmin::text FROM "Block" WHERE "graphId" = $1 AND uid = ANY($2)`, [user.graphId, uids]);
  return uids.map((uid) => rows.find((row) => row.uid === uid)?.xmin ?? "missing");
}

describe("text-only batches sent at once (group commit)", () => {
  it("are written in one transaction, each answered and logged as its own, for several users and graphs", async () => {
    const [ann, bob] = [await makeUser(db(), "ann"), await makeUser(db(), "bob")];
    const [a1, a2] = await withBlocks(ann, "a1", "a2");
    const [b1] = await withBlocks(bob, "b1");
    const annFirst = { clientId: "ann-tab-1", ops: [wire({ type: "update", uid: a1 as string, content: "ann 1" }), wire({ type: "update", uid: a2 as string, content: "ann 2" })] };
    const annSecond = { clientId: "ann-tab-2", ops: [wire({ type: "update", uid: a1 as string, content: "ann 1, later" })] };
    const bobs = { clientId: "bob-tab-1", ops: [wire({ type: "setProps", uid: b1 as string, props: { heading: 1 } }), wire({ type: "update", uid: b1 as string, content: "bob" })] };
    const annSeq = (await readOpLog(db(), ann.graphId, 0)).at(-1)?.seq ?? 0;
    const bobSeq = (await readOpLog(db(), bob.graphId, 0)).at(-1)?.seq ?? 0;
    const results = await Promise.all([
      applyBatch(db(), ann.actor, ann.graphId, annFirst),
      applyBatch(db(), bob.actor, bob.graphId, bobs),
      applyBatch(db(), ann.actor, ann.graphId, annSecond),
    ]);
    expect(results).toEqual([
      { applied: 2, skipped: 0 },
      { applied: 2, skipped: 0 },
      { applied: 1, skipped: 0 },
    ]);
    // The later batch on a block wins, as if they had come one after the other.
    expect(await contents(ann)).toEqual({ [a1 as string]: "ann 1, later", [a2 as string]: "ann 2" });
    expect((await getDailyPage(db(), bob.actor, bob.graphId, day)).blocks.map(({ content, props }) => ({ content, props }))).toEqual([{ content: "bob", props: { heading: 1 } }]);
    const [annTx] = await writtenBy(ann, a1 as string, a2 as string);
    expect(await writtenBy(ann, a1 as string, a2 as string)).toEqual([annTx, annTx]);
    expect(await writtenBy(bob, b1 as string)).toEqual([annTx]);
    // Each graph's log has each batch as its own row, with its tab, in the order they came.
    const annLog = await readOpLog(db(), ann.graphId, annSeq);
    expect(annLog.map(({ clientId, ops }) => ({ clientId, ops }))).toEqual([
      { clientId: "ann-tab-1", ops: annFirst.ops.map((op) => op.op) },
      { clientId: "ann-tab-2", ops: annSecond.ops.map((op) => op.op) },
    ]);
    expect((await readOpLog(db(), bob.graphId, bobSeq)).map(({ clientId, ops }) => ({ clientId, ops }))).toEqual([{ clientId: "bob-tab-1", ops: bobs.ops.map((op) => op.op) }]);
  });

  it("apply a batch sent twice at once one time: the second answer says it was already applied", async () => {
    const user = await makeUser(db());
    const [a] = await withBlocks(user, "x");
    const seq = (await readOpLog(db(), user.graphId, 0)).at(-1)?.seq ?? 0;
    const batch = { clientId: "tab-twice", ops: [wire({ type: "update", uid: a as string, content: "typed once" })] };
    const results = await Promise.all([applyBatch(db(), user.actor, user.graphId, batch), applyBatch(db(), user.actor, user.graphId, batch)]);
    expect(results).toEqual([
      { applied: 1, skipped: 0 },
      { applied: 0, skipped: 1 },
    ]);
    expect(await contents(user)).toEqual({ [a as string]: "typed once" });
    expect((await readOpLog(db(), user.graphId, seq)).length).toBe(1);
  });

  it("refuse one bad batch, and one from a user without access, and apply the others of the group", async () => {
    const [ann, bob, eve] = [await makeUser(db(), "ann"), await makeUser(db(), "bob"), await makeUser(db(), "eve")];
    const [a] = await withBlocks(ann, "ann's");
    const [b] = await withBlocks(bob, "bob's");
    const [e] = await withBlocks(eve, "eve's");
    const reader = await makeUser(db(), "reader");
    await addMember(reader, ann.graphId, "reader");
    const results = await Promise.allSettled([
      applyBatch(db(), ann.actor, ann.graphId, { ops: [wire({ type: "update", uid: a as string, content: "ann typed" })] }),
      // A block that is not there: refused whole, naming the op.
      applyBatch(db(), bob.actor, bob.graphId, {
        ops: [wire({ type: "update", uid: b as string, content: "bob typed" }), wire({ type: "update", uid: "notablock", content: "gone" })],
      }),
      // Eve writing into Ann's graph: it does not exist for her.
      applyBatch(db(), eve.actor, ann.graphId, { ops: [wire({ type: "update", uid: a as string, content: "eve was here" })] }),
      // A reader of Ann's graph may not write.
      applyBatch(db(), reader.actor, ann.graphId, { ops: [wire({ type: "update", uid: a as string, content: "the reader was here" })] }),
      applyBatch(db(), eve.actor, eve.graphId, { ops: [wire({ type: "update", uid: e as string, content: "eve typed" })] }),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as { code: string }).code))).toEqual([
      { applied: 1, skipped: 0 },
      "batch_rejected",
      "not_found",
      "forbidden",
      { applied: 1, skipped: 0 },
    ]);
    expect(results[1]).toMatchObject({ reason: { details: { index: 1 } } });
    expect(await contents(ann)).toEqual({ [a as string]: "ann typed" });
    expect(await contents(bob)).toEqual({ [b as string]: "bob's" });
    expect(await contents(eve)).toEqual({ [e as string]: "eve typed" });
    const [annTx] = await writtenBy(ann, a as string);
    expect(await writtenBy(eve, e as string)).toEqual([annTx]);
  });
});

describe("actorOfUser", () => {
  it("gives the user with their own graph in one query, and nothing for a user that no longer exists", async () => {
    const user = await makeUser(db());
    const actor = await actorOfUser(db(), user.actor.userId);
    expect(actor).toEqual({ userId: user.actor.userId, ownGraphId: user.graphId });
    expect(await defaultGraphId(db(), actor ?? user.actor)).toBe(user.graphId);
    await db().user.delete({ where: { id: user.actor.userId } });
    expect(await actorOfUser(db(), user.actor.userId)).toBeNull();
  });
});
