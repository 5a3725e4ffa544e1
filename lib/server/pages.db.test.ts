// Reading pages: each user sees their own graph and nothing of anyone else's.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { applyBatch } from "./ops";
import { getBlock, getDailyPage, getPage, listDaysBefore } from "./pages";

const db = testDatabase();

async function write(user: Awaited<ReturnType<typeof makeUser>>, day: string, uid: string, content: string) {
  await applyBatch(db(), user.actor, user.graphId, {
    ops: [{ id: nanoid(), page: { daily: day }, op: { type: "create", uid, parent: null, order: "a0", content } }],
  });
}

describe("pages", () => {
  it("a daily page nobody wrote on has no row and no blocks", async () => {
    const user = await makeUser(db());
    const view = await getDailyPage(db(), user.actor, user.graphId, "2026-11-28");
    expect(view).toEqual({ page: null, title: "November 28th, 2026", day: "2026-11-28", blocks: [], seq: 0 });
  });

  it("lists earlier days that have content, newest first, and only before the given day", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-20", "day20uid1", "older");
    await write(user, "2026-11-26", "day26uid1", "newer");
    await write(user, "2026-11-28", "day28uid1", "today");
    await write(user, "2026-11-27", "day27uid1", "");
    const days = await listDaysBefore(db(), user.actor, user.graphId, "2026-11-28", 5);
    expect(days.map((d) => [d.title, d.blocks.map((b) => b.content)])).toEqual([
      ["November 26th, 2026", ["newer"]],
      ["November 20th, 2026", ["older"]],
    ]);
  });

  it("another user gets 'not found' for a page or block of this graph, by id or uid", async () => {
    const owner = await makeUser(db(), "owner");
    const other = await makeUser(db(), "other");
    await write(owner, "2026-11-28", "secretuid", "private thoughts");
    const page = (await getDailyPage(db(), owner.actor, owner.graphId, "2026-11-28")).page;
    expect(page).not.toBeNull();
    const block = await db().block.findFirstOrThrow({ where: { graphId: owner.graphId } });

    expect((await getPage(db(), owner.actor, page?.id ?? "")).blocks[0]?.content).toBe("private thoughts");
    await expect(getPage(db(), other.actor, page?.id ?? "")).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(getBlock(db(), other.actor, other.graphId, block.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getBlock(db(), other.actor, other.graphId, "secretuid")).rejects.toMatchObject({ code: "not_found" });
    await expect(getDailyPage(db(), other.actor, owner.graphId, "2026-11-28")).rejects.toMatchObject({ code: "not_found" });
    expect((await getDailyPage(db(), other.actor, other.graphId, "2026-11-28")).blocks).toEqual([]);
  });
});

describe("a page read's op-log position", () => {
  it("names exactly the logged changes its blocks hold, while other writes commit alongside", async () => {
    const user = await makeUser(db());
    const day = "2026-11-28";
    await write(user, day, "seqblock1", "v0");
    const update = (content: string) =>
      applyBatch(db(), user.actor, user.graphId, { ops: [{ id: nanoid(), page: { daily: day }, op: { type: "update", uid: "seqblock1", content } }] });
    // Writers and readers interleave; each read must hold the text of the last change at or before its seq.
    const writes = (async () => {
      for (let i = 1; i <= 30; i++) await update(`v${i}`);
    })();
    const reads: Awaited<ReturnType<typeof getDailyPage>>[] = [];
    const reading = (async () => {
      for (let i = 0; i < 60; i++) reads.push(await getDailyPage(db(), user.actor, user.graphId, day));
    })();
    await Promise.all([writes, reading]);
    reads.push(await getDailyPage(db(), user.actor, user.graphId, day));

    const log = await db().opLog.findMany({ where: { graphId: user.graphId }, orderBy: { seq: "asc" } });
    const textAt = (seq: number) => {
      let text: string | undefined;
      for (const row of log) {
        if (Number(row.seq) > seq) break;
        for (const op of row.ops as { type: string; content?: string }[]) if (op.content !== undefined) text = op.content;
      }
      return text;
    };
    for (const read of reads) expect(read.blocks[0]?.content).toBe(textAt(read.seq));
    expect(reads.at(-1)?.seq).toBe(Number(log.at(-1)?.seq));
    expect(reads.at(-1)?.blocks[0]?.content).toBe("v30");
  });

  it("stays where pruning left it when every logged change of the graph is gone", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-28", "prunedblk", "kept in the page, gone from the log");
    const before = (await getDailyPage(db(), user.actor, user.graphId, "2026-11-28")).seq;
    expect(before).toBeGreaterThan(0);
    await db().opLog.deleteMany({ where: { graphId: user.graphId } });
    expect((await getDailyPage(db(), user.actor, user.graphId, "2026-11-28")).seq).toBe(before);
  });
});
