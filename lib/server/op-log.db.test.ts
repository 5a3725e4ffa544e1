// The op log on a real PostgreSQL: what each committed batch did to each page, as primitive ops
// in server order, with a NOTIFY on commit; nothing for a refused or repeated batch.
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { openDatabase, type Database } from "../db/client";
import type { Listening } from "../db/listen";
import type { WireOp } from "../outline/schema";
import { applyBatch } from "./ops";
import { latestSeq, OPS_CHANNEL, readOpLog } from "./op-log";

const db = testDatabase();
const day = "2026-11-28";

function wire(op: WireOp["op"], page: WireOp["page"] = { daily: day }): WireOp {
  return { id: nanoid(), page, op };
}

async function logOf(graphId: string) {
  return db().opLog.findMany({ where: { graphId }, orderBy: { seq: "asc" } });
}

describe("the op log", () => {
  it("logs one row per page with the primitive ops applied, in order, structural ops expanded", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      clientId: "tab-one-1234",
      ops: [
        wire({ type: "create", uid: "logaaaaa1", parent: null, order: "a0", content: "Morning" }),
        wire({ type: "create", uid: "logaaaaa2", parent: null, order: "a1", content: "Evening" }),
        wire({ type: "create", uid: "logaaaaa3", parent: null, order: "a0", content: "Elsewhere" }, { title: "Notes" }),
        wire({ type: "indent", uid: "logaaaaa2" }),
        wire({ type: "split", uid: "logaaaaa1", offset: 4, newUid: "logaaaaa4" }),
      ],
    });
    const rows = await logOf(graphId);
    expect(rows).toHaveLength(2);
    const [daily, notes] = rows;
    expect(daily?.clientId).toBe("tab-one-1234");
    const dailyOps = daily?.ops as { type: string; uid: string }[];
    // Every op is primitive; the indent became a move, the split an update and a create.
    expect(dailyOps.map((op) => op.type)).toEqual(["create", "create", "move", "update", "create"]);
    expect(dailyOps[2]).toMatchObject({ type: "move", uid: "logaaaaa2", parent: "logaaaaa1" });
    expect(dailyOps[3]).toMatchObject({ type: "update", uid: "logaaaaa1", content: "Morn" });
    expect(dailyOps[4]).toMatchObject({ type: "create", uid: "logaaaaa4", content: "ing" });
    expect(notes?.ops).toEqual([{ type: "create", uid: "logaaaaa3", parent: null, order: "a0", content: "Elsewhere" }]);

    // Read back as a stream sends it: the page by its address, oldest first.
    const logged = await readOpLog(db(), graphId, 0);
    expect(logged.map((entry) => entry.page)).toEqual([{ daily: day }, { title: "Notes" }]);
    expect(logged[0]?.ops).toEqual(dailyOps);
    expect(await latestSeq(db(), graphId)).toBe(logged[1]?.seq);
    expect(await readOpLog(db(), graphId, logged[0]?.seq ?? 0)).toEqual([logged[1]]);
  });

  it("logs text-only batches per page, every op in order", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        wire({ type: "create", uid: "logbbbbb1", parent: null, order: "a0", content: "one" }),
        wire({ type: "create", uid: "logbbbbb2", parent: null, order: "a0", content: "two" }, { title: "Other" }),
      ],
    });
    await applyBatch(db(), actor, graphId, {
      clientId: "tab-two-1234",
      ops: [
        wire({ type: "update", uid: "logbbbbb1", content: "one!" }),
        wire({ type: "update", uid: "logbbbbb2", content: "two!" }, { title: "Other" }),
        wire({ type: "setProps", uid: "logbbbbb1", props: { heading: 2 } }),
        wire({ type: "update", uid: "logbbbbb1", content: "one!!" }),
      ],
    });
    const rows = (await logOf(graphId)).slice(2);
    expect(rows.map((row) => ({ clientId: row.clientId, ops: row.ops }))).toEqual([
      {
        clientId: "tab-two-1234",
        ops: [
          { type: "update", uid: "logbbbbb1", content: "one!" },
          { type: "setProps", uid: "logbbbbb1", props: { heading: 2 } },
          { type: "update", uid: "logbbbbb1", content: "one!!" },
        ],
      },
      { clientId: "tab-two-1234", ops: [{ type: "update", uid: "logbbbbb2", content: "two!" }] },
    ]);
  });

  it("logs nothing for a refused batch, nor for a batch applied before (a retry)", async () => {
    const { actor, graphId } = await makeUser(db());
    const batch = { ops: [wire({ type: "create", uid: "logccccc1", parent: null, order: "a0", content: "once" })] };
    await applyBatch(db(), actor, graphId, batch);
    expect(await logOf(graphId)).toHaveLength(1);
    await applyBatch(db(), actor, graphId, batch);
    const typing = { ops: [wire({ type: "update", uid: "logccccc1", content: "twice?" })] };
    await applyBatch(db(), actor, graphId, typing);
    await applyBatch(db(), actor, graphId, typing);
    expect(await logOf(graphId)).toHaveLength(2);
    await expect(
      applyBatch(db(), actor, graphId, {
        ops: [
          wire({ type: "create", uid: "logccccc2", parent: null, order: "a1", content: "fine" }),
          wire({ type: "move", uid: "logccccc2", parent: "logccccc2", order: "a2" }),
        ],
      }),
    ).rejects.toMatchObject({ code: "batch_rejected" });
    await expect(applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "nosuchbl1", content: "x" })] })).rejects.toMatchObject({
      code: "batch_rejected",
    });
    expect(await logOf(graphId)).toHaveLength(2);
  });

  describe("notices", () => {
    let database: Database | undefined;
    let listening: Listening | undefined;
    const payloads: string[] = [];
    let ready!: Promise<void>;

    beforeAll(async () => {
      database = await openDatabase({ kind: "postgres", url: inject("databaseUrl") }, { migrate: false });
      ready = new Promise<void>((resolve) => {
        void database?.listen(OPS_CHANNEL, { notify: (payload) => payloads.push(payload), ready: resolve }).then((handle) => (listening = handle));
      });
      await ready;
    });
    afterAll(async () => {
      await listening?.close();
      await database?.close();
    });

    it("are sent on commit, small: the graph and the last seq; none for a refused batch", async () => {
      const { actor, graphId } = await makeUser(db());
      await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "logddddd1", parent: null, order: "a0", content: "x" })] });
      const seq = await latestSeq(db(), graphId);
      await expect.poll(() => payloads.map((payload) => JSON.parse(payload) as unknown)).toContainEqual({ graphId, seq });
      await expect(applyBatch(db(), actor, graphId, { ops: [wire({ type: "delete", uid: "nosuchbl2" })] })).rejects.toThrow();
      // A later batch's notice arrives after any the refused one might have sent.
      await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "logddddd1", content: "y" })] });
      const next = await latestSeq(db(), graphId);
      await expect.poll(() => payloads.map((payload) => JSON.parse(payload) as unknown)).toContainEqual({ graphId, seq: next });
      expect(payloads.filter((payload) => payload.includes(graphId))).toHaveLength(2);
    });
  });

  it("keeps how far pruning went (latestSeq never goes back), and lets a graph with a log be deleted", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid: "hznaaaaa1", parent: null, order: "a0", content: "x" })] });
    const newest = await latestSeq(db(), graphId);
    await db().opLog.deleteMany({ where: { graphId } });
    expect(await latestSeq(db(), graphId)).toBe(newest);
    await applyBatch(db(), actor, graphId, { ops: [wire({ type: "update", uid: "hznaaaaa1", content: "y" })] });
    await db().graph.delete({ where: { id: graphId } });
    expect(await db().opLog.count({ where: { graphId } })).toBe(0);
  });
});
