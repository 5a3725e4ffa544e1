// Search for the pickers: page titles ranked exact, prefix, substring, similar; block text by
// every word; LIKE wildcards typed by a person match themselves; only the actor's graph.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase, type TestUser } from "../../test/db";
import { applyBatch } from "./ops";
import { escapeLike, searchBlocks, searchPages } from "./search";

const db = testDatabase();

/** Writes top-level blocks on a daily page; their links and tags create the pages they name. */
async function write(user: TestUser, day: string, blocks: [uid: string, content: string][]) {
  await applyBatch(db(), user.actor, user.graphId, {
    ops: blocks.map(([uid, content], index) => ({
      id: nanoid(),
      page: { daily: day },
      op: { type: "create", uid, parent: null, order: `a${index}`, content },
    })),
  });
}

const titles = (hits: { title: string }[]) => hits.map((hit) => hit.title);

describe("escapeLike", () => {
  it("escapes the LIKE wildcards and the escape character", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
    expect(escapeLike("plain words")).toBe("plain words");
  });
});

describe("searchPages", () => {
  it("ranks the exact title, then prefixes, then substrings, then similar titles, ignoring case", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-20", [
      ["pagesrch1", "[[Project notes]] [[Side project]] [[project]] [[Projects]] [[Unrelated]]"],
      ["pagesrch2", "#Projekt and [[Vincent Chan]]"],
    ]);
    const hits = await searchPages(db(), user.actor, user.graphId, "PROJECT", 10);
    expect(titles(hits)).toEqual(["project", "Projects", "Project notes", "Side project", "Projekt"]);
    expect(hits.every((hit) => typeof hit.id === "string" && hit.id.length > 0)).toBe(true);

    expect(titles(await searchPages(db(), user.actor, user.graphId, "  vincent ", 10))).toEqual(["Vincent Chan"]);
    expect(titles(await searchPages(db(), user.actor, user.graphId, "chan", 10))).toEqual(["Vincent Chan"]);
    // Daily pages are pages too.
    expect(titles(await searchPages(db(), user.actor, user.graphId, "November 20", 10))).toEqual(["November 20th, 2026"]);
  });

  it("keeps titles that differ only by case apart, and honours the limit", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-21", [["caseblk01", "[[Slider]] [[slider]] [[Slider ideas]] [[sliders]]"]]);
    const hits = titles(await searchPages(db(), user.actor, user.graphId, "slider", 10));
    expect(hits.slice(0, 2).sort()).toEqual(["Slider", "slider"]);
    expect(hits.slice(2)).toEqual(["sliders", "Slider ideas"]);
    expect(await searchPages(db(), user.actor, user.graphId, "slider", 1)).toHaveLength(1);
  });

  it("treats % and _ as the characters typed, and an empty query finds nothing", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-22", [["wildblk01", "[[50% off]] [[500 offers]] [[a_b]] [[axb]]"]]);
    expect(titles(await searchPages(db(), user.actor, user.graphId, "50%", 10))[0]).toBe("50% off");
    // As wildcards, "5%f" and "a_b" would match "500 offers" and "axb".
    expect(titles(await searchPages(db(), user.actor, user.graphId, "5%f", 10))).toEqual([]);
    expect(titles(await searchPages(db(), user.actor, user.graphId, "a_b", 10))).toEqual(["a_b"]);
    expect(await searchPages(db(), user.actor, user.graphId, "   ", 10)).toEqual([]);
  });

  it("never searches another user's graph, and refuses a graph the actor is not a member of", async () => {
    const owner = await makeUser(db(), "owner");
    const other = await makeUser(db(), "other");
    await write(owner, "2026-11-23", [["secretpg1", "[[Secret plans]]"]]);
    await write(other, "2026-11-23", [["ownpage01", "[[Secret garden]]"]]);
    expect(titles(await searchPages(db(), other.actor, other.graphId, "secret", 10))).toEqual(["Secret garden"]);
    await expect(searchPages(db(), other.actor, owner.graphId, "secret", 10)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("searchBlocks", () => {
  it("finds blocks containing every word, ignoring case, with their page's title", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-24", [
      ["blocksrc1", "The quick brown fox"],
      ["blocksrc2", "a brown dog, not quick at all"],
      ["blocksrc3", "nothing to see"],
    ]);
    const hits = await searchBlocks(db(), user.actor, user.graphId, "QUICK brown", 10);
    // The block with the whole phrase first.
    expect(hits).toEqual([
      { uid: "blocksrc1", content: "The quick brown fox", pageTitle: "November 24th, 2026" },
      { uid: "blocksrc2", content: "a brown dog, not quick at all", pageTitle: "November 24th, 2026" },
    ]);
    expect(await searchBlocks(db(), user.actor, user.graphId, "quick", 1)).toHaveLength(1);
    expect(await searchBlocks(db(), user.actor, user.graphId, " ", 10)).toEqual([]);
  });

  it("treats % and _ as the characters typed", async () => {
    const user = await makeUser(db());
    await write(user, "2026-11-25", [
      ["pctblock1", "100% sure"],
      ["pctblock2", "100 percent"],
      ["undblock1", "snake_case"],
      ["undblock2", "snakeXcase"],
    ]);
    expect((await searchBlocks(db(), user.actor, user.graphId, "100%", 10)).map((hit) => hit.uid)).toEqual(["pctblock1"]);
    expect((await searchBlocks(db(), user.actor, user.graphId, "snake_case", 10)).map((hit) => hit.uid)).toEqual(["undblock1"]);
  });

  it("never searches another user's graph, and refuses a graph the actor is not a member of", async () => {
    const owner = await makeUser(db(), "owner");
    const other = await makeUser(db(), "other");
    await write(owner, "2026-11-26", [["secretbl1", "the combination is 1234"]]);
    await write(other, "2026-11-26", [["ownblock1", "my own combination"]]);
    expect((await searchBlocks(db(), other.actor, other.graphId, "combination", 10)).map((hit) => hit.uid)).toEqual(["ownblock1"]);
    await expect(searchBlocks(db(), other.actor, owner.graphId, "combination", 10)).rejects.toMatchObject({ code: "not_found" });
  });
});
