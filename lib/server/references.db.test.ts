// Linked and unlinked references, read from data written through the real save path (applyBatch).
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import type { PageAddress } from "../outline/schema";
import { applyBatch } from "./ops";
import { countLinkedReferences, getLinkedReferences, getReferenceFilterOptions, getUnlinkedReferences, type LinkedReferences } from "./references";

const db = testDatabase();

type Line = { uid?: string; content: string; parent?: string };

/** Writes blocks on a page (top level unless a parent uid is given), in order. */
async function write(user: TestUser, page: PageAddress, lines: Line[]) {
  const ops = lines.map((line, index) => ({
    id: nanoid(),
    page,
    op: { type: "create" as const, uid: line.uid ?? nanoid(9), parent: line.parent ?? null, order: `a${index}`, content: line.content },
  }));
  await applyBatch(db(), user.actor, user.graphId, { ops });
}

async function pageId(user: TestUser, title: string): Promise<string> {
  const page = await db().page.findFirstOrThrow({ where: { graphId: user.graphId, title }, select: { id: true } });
  return page.id;
}

/** What a reader sees: each group's page title and the text of its referencing blocks. */
function seen(result: LinkedReferences | { groups: LinkedReferences["groups"] }) {
  return result.groups.map((group) => [
    group.page.title,
    group.refs.map((uid) => group.blocks.find((block) => block.uid === uid)?.content).sort(),
  ]);
}

describe("linked references", () => {
  it("groups referencing blocks by page, daily pages newest first, then other pages by title, without the page's own", async () => {
    const user = await makeUser(db());
    await write(user, { daily: "2026-11-20" }, [{ content: "met [[Vincent]]" }, { content: "nothing" }]);
    await write(user, { daily: "2026-11-27" }, [{ uid: "parent001", content: "call" }, { content: "#Vincent again", parent: "parent001" }]);
    await write(user, { title: "Zeta" }, [{ content: "Friend:: [[Vincent]]" }]);
    await write(user, { title: "Alpha" }, [{ content: "{{[[TODO]]}} ask [[Vincent]]" }]);
    await write(user, { title: "Vincent" }, [{ content: "self link [[Vincent]]" }]);
    const vincent = await pageId(user, "Vincent");
    const result = await getLinkedReferences(db(), user.actor, vincent);
    expect(await countLinkedReferences(db(), user.actor, vincent)).toBe(4);
    expect(seen(result)).toEqual([
      ["November 27th, 2026", ["#Vincent again"]],
      ["November 20th, 2026", ["met [[Vincent]]"]],
      ["Alpha", ["{{[[TODO]]}} ask [[Vincent]]"]],
      ["Zeta", ["Friend:: [[Vincent]]"]],
    ]);
    // The whole page comes along: breadcrumbs and children are there to show and edit.
    const day = result.groups[0];
    expect(day?.blocks.map((block) => block.content).sort()).toEqual(["#Vincent again", "call"]);
    expect(result.next).toBeNull();
  });

  it("pages through groups with a cursor, days then pages, each group once", async () => {
    const user = await makeUser(db());
    for (let d = 1; d <= 14; d += 1) {
      await write(user, { daily: `2026-10-${String(d).padStart(2, "0")}` }, [{ content: `day ${d} [[Hub]]` }, { content: `more ${d} #Hub` }]);
    }
    for (const title of ["P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]) await write(user, { title }, [{ content: `on ${title} [[Hub]]` }]);
    const hub = await pageId(user, "Hub");
    const titles: string[] = [];
    let cursor: string | undefined;
    let screens = 0;
    expect(await countLinkedReferences(db(), user.actor, hub)).toBe(36);
    do {
      const result = await getLinkedReferences(db(), user.actor, hub, { cursor });
      titles.push(...result.groups.map((group) => group.page.title));
      cursor = result.next ?? undefined;
      screens += 1;
    } while (cursor);
    expect(screens).toBe(3);
    expect(titles.slice(0, 3)).toEqual(["October 14th, 2026", "October 13th, 2026", "October 12th, 2026"]);
    expect(titles.slice(13)).toEqual(["October 1st, 2026", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8"]);
    expect(new Set(titles).size).toBe(22);
  });

  it("filters: include keeps references that also link a page, exclude drops them; the options count them", async () => {
    const user = await makeUser(db());
    await write(user, { daily: "2026-11-01" }, [{ content: "[[Loam]] and [[Work]]" }, { content: "[[Loam]] #Home" }]);
    await write(user, { daily: "2026-11-02" }, [{ content: "[[Loam]] [[Work]] #Home" }, { content: "[[Loam]] alone" }]);
    const loam = await pageId(user, "Loam");
    const work = await pageId(user, "Work");
    const home = await pageId(user, "Home");
    expect(await getReferenceFilterOptions(db(), user.actor, loam)).toEqual([
      { id: home, title: "Home", count: 2 },
      { id: work, title: "Work", count: 2 },
    ]);
    const included = await getLinkedReferences(db(), user.actor, loam, { filters: { include: [work], exclude: [] } });
    expect(await countLinkedReferences(db(), user.actor, loam, { include: [work], exclude: [] })).toBe(2);
    expect(seen(included)).toEqual([
      ["November 2nd, 2026", ["[[Loam]] [[Work]] #Home"]],
      ["November 1st, 2026", ["[[Loam]] and [[Work]]"]],
    ]);
    const both = await getLinkedReferences(db(), user.actor, loam, { filters: { include: [work], exclude: [home] } });
    expect(seen(both)).toEqual([["November 1st, 2026", ["[[Loam]] and [[Work]]"]]]);
    const excluded = await getLinkedReferences(db(), user.actor, loam, { filters: { include: [], exclude: [work, home] } });
    expect(await countLinkedReferences(db(), user.actor, loam, { include: [], exclude: [work, home] })).toBe(1);
    expect(seen(excluded)).toEqual([["November 2nd, 2026", ["[[Loam]] alone"]]]);
  });

  it("is not found for someone outside the graph, and refuses a forged cursor", async () => {
    const owner = await makeUser(db());
    const stranger = await makeUser(db(), "stranger");
    await write(owner, { daily: "2026-11-03" }, [{ content: "[[Secret]]" }]);
    const secret = await pageId(owner, "Secret");
    await expect(getLinkedReferences(db(), stranger.actor, secret)).rejects.toMatchObject({ code: "not_found" });
    await expect(countLinkedReferences(db(), stranger.actor, secret)).rejects.toMatchObject({ code: "not_found" });
    await expect(getReferenceFilterOptions(db(), stranger.actor, secret)).rejects.toMatchObject({ code: "not_found" });
    await expect(getUnlinkedReferences(db(), stranger.actor, secret)).rejects.toMatchObject({ code: "not_found" });
    await expect(getLinkedReferences(db(), owner.actor, secret, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "invalid_request" });
  });
});

describe("unlinked references", () => {
  it("finds plain-text mentions on word boundaries, not links, not inside words, not on the page itself", async () => {
    const user = await makeUser(db());
    await write(user, { title: "Tom Lui" }, [{ content: "I am Tom Lui" }]);
    await write(user, { daily: "2026-11-05" }, [
      { content: "lunch with tom lui" },
      { content: "already [[Tom Lui]] and Tom Lui" },
      { content: "Tom Luis is someone else" },
      { content: "`Tom Lui` in code" },
    ]);
    await write(user, { daily: "2026-11-06" }, [{ content: "Tom Lui called" }]);
    await write(user, { title: "Notes" }, [{ content: "(Tom Lui)" }]);
    const result = await getUnlinkedReferences(db(), user.actor, await pageId(user, "Tom Lui"));
    expect(seen(result)).toEqual([
      ["November 6th, 2026", ["Tom Lui called"]],
      ["November 5th, 2026", ["lunch with tom lui"]],
      ["Notes", ["(Tom Lui)"]],
    ]);
    expect(result.count).toBe(3);
    expect(result.truncated).toBe(false);
  });
});
