// The upload path as the API runs it: the body streamed to LOAM_IMPORT_DIR and refused past
// LOAM_IMPORT_MAX_BYTES while it streams, files that are not exports refused, the seed page
// previewed (title from the file name, editable) and applied, a zip read by readGraphZip; every
// refusal leaves no file and no Import row, and another user cannot apply someone's upload.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser, testDatabase } from "../../test/db";
import { writeZip } from "../../test/zip-writer";
import { SHARED_DIR } from "../../test/shared-corpus";
import { confirmImport, retitleImport, uploadImport } from "./import-files";
import { expireUploads, listImports } from "./imports";

const db = testDatabase();
const SEED = join(SHARED_DIR, "seeds/roam-daily-page.md");
const seedBytes = readFileSync(SEED);
const SEED_BLOCKS = seedBytes
  .toString("utf8")
  .split("\n")
  .filter((line) => /^\s*- /.test(line)).length;

let dir = "";
const saved = { dir: process.env.LOAM_IMPORT_DIR, max: process.env.LOAM_IMPORT_MAX_BYTES };
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "loam-import-test-"));
  process.env.LOAM_IMPORT_DIR = dir;
  process.env.LOAM_IMPORT_MAX_BYTES = String(64 * 1024);
});
afterAll(() => {
  process.env.LOAM_IMPORT_DIR = saved.dir;
  process.env.LOAM_IMPORT_MAX_BYTES = saved.max;
});

/** `bytes` as a request body arriving in chunks; `pulled` counts the chunks read. */
function body(bytes: Uint8Array, chunk = 16 * 1024) {
  const state = { pulled: 0 };
  async function* chunks() {
    for (let at = 0; at < bytes.length; at += chunk) {
      state.pulled++;
      yield bytes.subarray(at, at + chunk);
    }
  }
  return { chunks: chunks(), state, total: Math.ceil(bytes.length / chunk) };
}

describe("uploads", () => {
  it("refuses a body over the limit while it streams, keeping no file and no row", async () => {
    const user = await makeUser(db(), "upload-big");
    const big = body(new Uint8Array(1024 * 1024).fill(0x20));
    await expect(uploadImport(db(), user.actor, user.graphId, "big.json", big.chunks, null)).rejects.toThrow(
      "The file is larger than the import limit of 64 KB (LOAM_IMPORT_MAX_BYTES).",
    );
    expect(big.state.pulled).toBeLessThan(big.total);
    // A declared length over the limit is refused before reading anything.
    const declared = body(new Uint8Array(10));
    await expect(uploadImport(db(), user.actor, user.graphId, "big.json", declared.chunks, 10 * 1024 * 1024)).rejects.toThrow("larger than the import limit");
    expect(declared.state.pulled).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    expect(await listImports(db(), user.actor, user.graphId)).toEqual([]);
  });

  it("refuses an image and a truncated JSON file with a message, writing nothing", async () => {
    const user = await makeUser(db(), "upload-bad");
    const png = body(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await expect(uploadImport(db(), user.actor, user.graphId, "photo.png", png.chunks, null)).rejects.toThrow("“photo.png” is a PNG image, not a Roam or Logseq export");
    const truncated = body(new TextEncoder().encode('[{"title": "Broken", "children": [{"string": "half'));
    await expect(uploadImport(db(), user.actor, user.graphId, "broken.json", truncated.chunks, null)).rejects.toThrow("broken.json is not a Roam JSON export");
    expect(readdirSync(dir)).toEqual([]);
    expect(await listImports(db(), user.actor, user.graphId)).toEqual([]);
    expect(await db().page.count({ where: { graphId: user.graphId } })).toBe(0);
  });

  it("previews the seed page under its file name, retitles it, and applies it; the file goes after", async () => {
    const user = await makeUser(db(), "upload-seed");
    const other = await makeUser(db(), "upload-other");
    const uploaded = await uploadImport(db(), user.actor, user.graphId, "roam-daily-page.md", body(seedBytes).chunks, seedBytes.length);
    expect(uploaded.preview).toMatchObject({ format: "roam-markdown", title: "roam-daily-page", created: ["roam-daily-page"] });
    expect(uploaded.preview.counts).toMatchObject({ pagesCreated: 1, blocksCreated: SEED_BLOCKS });
    expect(uploaded.preview.repairs.count).toBeGreaterThan(0);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(0);

    const retitled = await retitleImport(db(), user.actor, user.graphId, uploaded.id, "Firefighting day");
    expect(retitled.created).toEqual(["Firefighting day"]);
    await expect(confirmImport(db(), other.actor, other.graphId, uploaded.id)).rejects.toThrow("That import was not found");

    const steps: number[] = [];
    const done = await confirmImport(db(), user.actor, user.graphId, uploaded.id, (progress) => steps.push(progress.blocks));
    expect(done.counts.blocksCreated).toBe(SEED_BLOCKS);
    expect(steps.at(0)).toBe(0);
    expect(steps.at(-1)).toBe(SEED_BLOCKS);
    expect(readdirSync(dir)).toEqual([]);
    const page = await db().page.findUniqueOrThrow({ where: { graphId_title: { graphId: user.graphId, title: "Firefighting day" } }, include: { blocks: true } });
    expect(page.blocks).toHaveLength(SEED_BLOCKS);
    expect(page.blocks.map((b) => b.content)).toContain("Kill people with kindness 😉");
  });

  it("reads a zip of Roam markdown pages", async () => {
    const user = await makeUser(db(), "upload-zip");
    const path = writeZip(join(mkdtempSync(join(tmpdir(), "loam-zip-")), "graph.zip"), [
      { name: "Reading list.md", data: "- first\n    - nested\n- second\n" },
      { name: "Projects/Loam.md", data: "- [[Reading list]]\n" },
    ]);
    const bytes = readFileSync(path);
    const uploaded = await uploadImport(db(), user.actor, user.graphId, "graph.zip", body(bytes).chunks, bytes.length);
    expect(uploaded.preview.counts).toMatchObject({ pagesCreated: 2, blocksCreated: 4 });
    expect(uploaded.preview.created.sort()).toEqual(["Projects/Loam", "Reading list"]);
    await confirmImport(db(), user.actor, user.graphId, uploaded.id);
    const titles = (await db().page.findMany({ where: { graphId: user.graphId }, select: { title: true } })).map((p) => p.title).sort();
    expect(titles).toEqual(["Projects/Loam", "Reading list"]);
  });

  it("reads a zip holding a Roam JSON export, and stores a NUL character as � with a problem", async () => {
    const user = await makeUser(db(), "upload-json-zip");
    const graph = [
      { title: "Zipped", uid: "zip000001", children: [{ string: "before\u0000after", uid: "zipblock1" }, { string: "[[Elsewhere]]", uid: "zipblock2" }] },
    ];
    const path = writeZip(join(mkdtempSync(join(tmpdir(), "loam-zip-")), "export.zip"), [{ name: "my-graph.json", data: JSON.stringify(graph) }]);
    const bytes = readFileSync(path);
    const uploaded = await uploadImport(db(), user.actor, user.graphId, "export.zip", body(bytes).chunks, bytes.length);
    expect(uploaded.preview.counts).toMatchObject({ pagesCreated: 1, blocksCreated: 2 });
    expect(JSON.stringify(uploaded.preview)).toContain("NUL");
    await confirmImport(db(), user.actor, user.graphId, uploaded.id);
    const blocks = await db().block.findMany({ where: { graphId: user.graphId }, select: { uid: true, content: true }, orderBy: { order: "asc" } });
    expect(blocks).toEqual([
      { uid: "zipblock1", content: "before\ufffdafter" },
      { uid: "zipblock2", content: "[[Elsewhere]]" },
    ]);
  });

  it("removes the file of an upload never confirmed within a day", async () => {
    const user = await makeUser(db(), "upload-expire");
    const uploaded = await uploadImport(db(), user.actor, user.graphId, "roam-daily-page.md", body(seedBytes).chunks, seedBytes.length);
    expect(readdirSync(dir)).toHaveLength(1);
    await expireUploads(db());
    expect(readdirSync(dir)).toHaveLength(1);
    await db().$sqlQuery(`UPDATE "Import" SET "createdAt" = now() - interval '25 hours' WHERE id = $1`, [uploaded.id]);
    await expireUploads(db());
    expect(readdirSync(dir)).toEqual([]);
    expect((await listImports(db(), user.actor, user.graphId))[0]).toMatchObject({ id: uploaded.id, status: "expired" });
    await expect(confirmImport(db(), user.actor, user.graphId, uploaded.id)).rejects.toThrow("That import is expired; upload the file again.");
  });
});
