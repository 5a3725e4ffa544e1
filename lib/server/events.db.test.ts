// Live-update streams on a real PostgreSQL: a batch committed through applyBatch reaches an open
// stream of the same graph as an event (not the sending tab's, not another graph's), a stream
// started after an event id replays what followed it, and a closed stream unsubscribes.
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { database } from "../db/client";
import type { WireOp } from "../outline/schema";
import { ACCESS_LOST, openLiveStream, openStreams, stopListening } from "./events";
import { applyBatch } from "./ops";

const db = testDatabase();
const day = "2026-11-28";

function wire(op: WireOp["op"]): WireOp {
  return { id: nanoid(), page: { daily: day }, op };
}

type Event = { type?: string; id?: string; data?: { seq: number; page: unknown; clientId: string | null; ops: unknown[] } | number | { message: string } };

/** Reads a stream's events as they come. */
function reader(stream: ReadableStream<Uint8Array>) {
  const source = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return async function next(): Promise<Event> {
    for (;;) {
      const end = buffer.indexOf("\n\n");
      if (end >= 0) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const event: Event = {};
        for (const line of lines) {
          if (line.startsWith("event: ")) event.type = line.slice(7);
          else if (line.startsWith("id: ")) event.id = line.slice(4);
          else if (line.startsWith("data: ")) event.data = JSON.parse(line.slice(6)) as Event["data"];
        }
        if (event.data !== undefined) return event;
        continue;
      }
      const { value, done } = await source.read();
      if (done) throw new Error("the stream ended");
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe("live-update streams", () => {
  beforeAll(() => {
    // The process-wide listener opens the database the app would: this run's test database.
    process.env.DATABASE_URL = inject("databaseUrl");
  });
  afterAll(async () => {
    await stopListening();
    await (await database()).close();
  });

  it("send other tabs' changes of the graph as they commit, and replay after an event id", async () => {
    const { actor, graphId } = await makeUser(db());
    const other = await makeUser(db(), "other");
    const before = openStreams();
    const abort = new AbortController();
    const next = reader(await openLiveStream(db(), actor, { clientId: "my-tab-1234", signal: abort.signal }));
    // First, where the stream starts: the graph's newest seq (none yet).
    expect(await next()).toEqual({ type: "start", id: "0", data: 0 });

    await applyBatch(db(), other.actor, other.graphId, { ops: [wire({ type: "create", uid: "evtaaaaa9", parent: null, order: "a0", content: "not yours" })] });
    await applyBatch(db(), actor, graphId, {
      clientId: "my-tab-1234",
      ops: [wire({ type: "create", uid: "evtaaaaa1", parent: null, order: "a0", content: "mine" })],
    });
    await applyBatch(db(), actor, graphId, { clientId: "their-tab-12", ops: [wire({ type: "update", uid: "evtaaaaa1", content: "theirs" })] });

    const event = await next();
    expect(event.data).toMatchObject({ page: { daily: day }, clientId: "their-tab-12", ops: [{ type: "update", uid: "evtaaaaa1", content: "theirs" }] });
    expect(event.id).toBe(String((event.data as { seq: number }).seq));

    // A stream that starts from the beginning (seq 0) replays everything, own changes included when no client is named.
    const replay = new AbortController();
    const again = reader(await openLiveStream(db(), actor, { after: 0, signal: replay.signal }));
    expect((await again()).type).toBe("start");
    expect((await again()).data).toMatchObject({ clientId: "my-tab-1234" });
    expect((await again()).data).toMatchObject({ clientId: "their-tab-12" });

    abort.abort();
    replay.abort();
    expect(openStreams()).toBe(before);
  });

  it("tell a stream resumed after pruned changes to reset, from the newest seq, and then go on", async () => {
    const { actor, graphId } = await makeUser(db());
    const create = (uid: string, content: string) =>
      applyBatch(db(), actor, graphId, { ops: [wire({ type: "create", uid, parent: null, order: `a${uid.at(-1)}`, content })] });
    await create("rstaaaaa1", "seen by the tab");
    const seen = Number((await db().opLog.findFirst({ where: { graphId }, orderBy: { seq: "desc" } }))?.seq);
    await create("rstaaaaa2", "missed by the tab");
    const newest = Number((await db().opLog.findFirst({ where: { graphId }, orderBy: { seq: "desc" } }))?.seq);

    // Still in the log: the stream replays what followed.
    const abort = new AbortController();
    let next = reader(await openLiveStream(db(), actor, { after: seen, signal: abort.signal }));
    expect(await next()).toEqual({ type: "start", id: String(seen), data: seen });
    expect((await next()).data).toMatchObject({ ops: [{ type: "create", uid: "rstaaaaa2" }] });
    abort.abort();

    // Pruned (the same as after a day): nothing to replay from, so the tab must read its pages again.
    await db().opLog.deleteMany({ where: { graphId, seq: { lte: BigInt(newest) } } });
    const pruned = new AbortController();
    next = reader(await openLiveStream(db(), actor, { after: seen, signal: pruned.signal }));
    expect(await next()).toEqual({ type: "reset", id: String(newest), data: newest });
    // The stream goes on from there.
    await create("rstaaaaa3", "after the reset");
    expect((await next()).data).toMatchObject({ ops: [{ type: "create", uid: "rstaaaaa3" }] });
    pruned.abort();

    // Resuming where the reset left it is fine; a seq the log never reached (a restored database) is not.
    const resumed = new AbortController();
    next = reader(await openLiveStream(db(), actor, { after: newest, signal: resumed.signal }));
    expect((await next()).type).toBe("start");
    resumed.abort();
    const ahead = new AbortController();
    next = reader(await openLiveStream(db(), actor, { after: newest + 1_000_000, signal: ahead.signal }));
    expect((await next()).type).toBe("reset");
    ahead.abort();
  });

  it("end a stream with a denied event once its user is no longer a member: at the next change, or on a timer", async () => {
    const owner = await makeUser(db(), "owner");
    const guest = await makeUser(db(), "guest");
    // The guest shares the owner's graph (as a member who owns it too: defaultGraphId finds it first).
    await db().graphMember.deleteMany({ where: { userId: guest.actor.userId } });
    await db().graphMember.create({ data: { graphId: owner.graphId, userId: guest.actor.userId, role: "owner" } });

    const onChange = new AbortController();
    let next = reader(await openLiveStream(db(), guest.actor, { signal: onChange.signal }));
    expect((await next()).type).toBe("start");
    await applyBatch(db(), owner.actor, owner.graphId, { ops: [wire({ type: "create", uid: "dnyaaaaa1", parent: null, order: "a0", content: "shared" })] });
    expect((await next()).data).toMatchObject({ ops: [{ type: "create", uid: "dnyaaaaa1" }] });
    await db().graphMember.deleteMany({ where: { userId: guest.actor.userId } });
    await applyBatch(db(), owner.actor, owner.graphId, { ops: [wire({ type: "update", uid: "dnyaaaaa1", content: "not for the guest" })] });
    expect(await next()).toEqual({ type: "denied", data: { message: ACCESS_LOST } });
    await expect(next()).rejects.toThrow("the stream ended");

    // Without any change to the graph, the periodic check ends it.
    await db().graphMember.create({ data: { graphId: owner.graphId, userId: guest.actor.userId, role: "owner" } });
    const quiet = new AbortController();
    next = reader(await openLiveStream(db(), guest.actor, { signal: quiet.signal, accessCheckMs: 100 }));
    expect((await next()).type).toBe("start");
    await db().graphMember.deleteMany({ where: { userId: guest.actor.userId } });
    expect(await next()).toEqual({ type: "denied", data: { message: ACCESS_LOST } });
    await expect(next()).rejects.toThrow("the stream ended");
    onChange.abort();
    quiet.abort();
  });
});
