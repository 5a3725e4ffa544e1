// Live-update streams on a real PostgreSQL: a batch committed through applyBatch reaches an open
// stream of the same graph as an event (not the sending tab's, not another graph's), a stream
// started after an event id replays what followed it, and a closed stream unsubscribes.
import { nanoid } from "nanoid";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { database } from "../db/client";
import type { WireOp } from "../outline/schema";
import { openLiveStream, openStreams, stopListening } from "./events";
import { applyBatch } from "./ops";

const db = testDatabase();
const day = "2026-11-28";

function wire(op: WireOp["op"]): WireOp {
  return { id: nanoid(), page: { daily: day }, op };
}

type Event = { type?: string; id?: string; data?: { seq: number; page: unknown; clientId: string | null; ops: unknown[] } };

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
    expect(event.id).toBe(String(event.data?.seq));

    // A stream that starts after the first event replays the rest, own changes included when no client is named.
    const replay = new AbortController();
    const firstSeq = (await db().opLog.findFirst({ where: { graphId }, orderBy: { seq: "asc" } }))?.seq;
    const again = reader(await openLiveStream(db(), actor, { after: Number(firstSeq) - 1, signal: replay.signal }));
    expect((await again()).type).toBe("start");
    expect((await again()).data?.clientId).toBe("my-tab-1234");
    expect((await again()).data?.clientId).toBe("their-tab-12");

    abort.abort();
    replay.abort();
    expect(openStreams()).toBe(before);
  });
});
