// "All pages" on a real PostgreSQL: counts, sorting, filtering, pagination, and access.
import { nanoid } from "nanoid";
import { describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import type { PageAddress, WireOp } from "../outline/schema";
import { allPagesQuery, listAllPages } from "./all-pages";
import { applyBatch } from "./ops";

const db = testDatabase();

function create(page: PageAddress, uid: string, order: string, content: string): WireOp {
  return { id: nanoid(), page, op: { type: "create", uid, parent: null, order, content } };
}

describe("listAllPages", () => {
  it("lists every page with its references and blocks, sorted, filtered and paginated", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [
        create({ daily: "2026-11-27" }, "d1", "a0", "met [[Vincent Chan]] and #Reading"),
        create({ daily: "2026-11-27" }, "d2", "a1", "[[Vincent Chan]] again, twice: [[Vincent Chan]]"),
        create({ daily: "2026-11-28" }, "d3", "a0", "Reading:: [[100% Done_ish]]"),
        create({ title: "Vincent Chan" }, "v1", "a0", "a person"),
        create({ title: "Vincent Chan" }, "v2", "a1", "more"),
      ],
    });
    const all = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ sort: "refs", dir: "desc" }));
    expect(all.total).toBe(5);
    expect(all.pages.map(({ title, refs, blocks }) => ({ title, refs, blocks }))).toEqual([
      // A tag and an attribute name Reading; two blocks link to Vincent Chan (one twice). Ties go by title.
      { title: "Reading", refs: 2, blocks: 0 },
      { title: "Vincent Chan", refs: 2, blocks: 2 },
      { title: "100% Done_ish", refs: 1, blocks: 0 },
      { title: "November 27th, 2026", refs: 0, blocks: 2 },
      { title: "November 28th, 2026", refs: 0, blocks: 1 },
    ]);
    expect(all.pages.find((page) => page.title === "November 28th, 2026")?.day).toBe("2026-11-28");

    const byTitle = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ sort: "title", dir: "asc" }));
    expect(byTitle.pages.map((page) => page.title)).toEqual(["100% Done_ish", "November 27th, 2026", "November 28th, 2026", "Reading", "Vincent Chan"]);

    // The filter is a case-insensitive part of the title; % and _ are literal.
    const filtered = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ filter: "% done_", sort: "title", dir: "asc" }));
    expect(filtered.pages.map((page) => page.title)).toEqual(["100% Done_ish"]);
    expect((await listAllPages(db(), actor, graphId, allPagesQuery.parse({ filter: "_" }))).pages.map((page) => page.title)).toEqual(["100% Done_ish"]);
    expect((await listAllPages(db(), actor, graphId, allPagesQuery.parse({ filter: "november" }))).total).toBe(2);

    const second = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ sort: "title", dir: "asc", size: 2, page: 2 }));
    expect(second).toMatchObject({ total: 5, pages: [{ title: "November 28th, 2026" }, { title: "Reading" }] });
    const past = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ size: 2, page: 9 }));
    expect(past).toMatchObject({ total: 5, pages: [] });
  });

  it("shows nobody another user's pages", async () => {
    const owner = await makeUser(db(), "owner");
    const stranger = await makeUser(db(), "stranger");
    await applyBatch(db(), owner.actor, owner.graphId, { ops: [create({ title: "Secret" }, "s1", "a0", "x")] });
    await expect(listAllPages(db(), stranger.actor, owner.graphId, allPagesQuery.parse({}))).rejects.toMatchObject({ status: 404 });
    expect((await listAllPages(db(), stranger.actor, stranger.graphId, allPagesQuery.parse({}))).total).toBe(0);
  });
});

describe("titles as written", () => {
  it("keeps leading and trailing spaces: ' Spaced ' and 'Spaced' are two pages, each written through ops", async () => {
    const { actor, graphId } = await makeUser(db());
    await applyBatch(db(), actor, graphId, {
      ops: [create({ title: " Spaced " }, "sp1", "a0", "with spaces"), create({ title: "Spaced" }, "sp2", "a0", "without")],
    });
    const all = await listAllPages(db(), actor, graphId, allPagesQuery.parse({ sort: "title", dir: "asc" }));
    expect(all.pages.map(({ title, blocks }) => ({ title, blocks }))).toEqual([
      { title: " Spaced ", blocks: 1 },
      { title: "Spaced", blocks: 1 },
    ]);
  });
});
