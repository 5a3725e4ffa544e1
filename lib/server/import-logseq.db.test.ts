// A real Logseq graph (../shared/fixtures/logseq-docs) uploaded as the zip a user would make:
// previewed, imported, imported again (nothing added), undone. Expected counts come from the
// files (test/fixture-zips.ts), never from the importer.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, logseqBlocks, orgBlocks, zipOf } from "../../test/fixture-zips";
import { makeUser, testDatabase } from "../../test/db";
import { SHARED_DIR } from "../../test/shared-corpus";
import { confirmImport, uploadImport } from "./import-files";
import { undoImport } from "./imports";

const db = testDatabase();

async function* chunksOf(bytes: Uint8Array, size = 256 * 1024) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("a Logseq graph uploaded as a zip", () => {
  it("imports every block, journals as daily pages; again adds nothing; undo removes it", { timeout: 180_000 }, async () => {
    const user = await makeUser(db(), "logseq-zip");
    const files = filesUnder(join(SHARED_DIR, "fixtures/logseq-docs"));
    const markdown = files.filter((file) => /^(pages|journals)\/.*\.md$/.test(file.path));
    const org = files.filter((file) => /^(pages|journals)\/.*\.org$/.test(file.path));
    const blocks = markdown.reduce((n, file) => n + logseqBlocks(file.text), 0) + org.reduce((n, file) => n + orgBlocks(file.text), 0);
    const days = files
      .map((file) => /^journals\/(\d{4})_(\d{2})_(\d{2})\.(md|org)$/.exec(file.path))
      .filter((match) => match !== null)
      .map((match) => `${match[1]}-${match[2]}-${match[3]}`);
    const bytes = readFileSync(zipOf(files, "logseq-docs/"));

    const uploaded = await uploadImport(db(), user.actor, user.graphId, "logseq-docs.zip", chunksOf(bytes), bytes.length);
    expect(uploaded.preview.counts).toMatchObject({ blocks, blocksCreated: blocks, pagesMerged: 0 });
    await confirmImport(db(), user.actor, user.graphId, uploaded.id);
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(blocks);
    const daily = await db().page.findMany({ where: { graphId: user.graphId, dailyDate: { not: null } }, select: { dailyDate: true } });
    const stored = new Set(daily.map((page) => page.dailyDate?.toISOString().slice(0, 10)));
    for (const day of days) expect(stored.has(day), day).toBe(true);
    // Every ((uuid)) reference whose block is in the graph points at a stored block.
    const refs = await db().blockRef.findMany({ where: { graphId: user.graphId }, select: { targetUid: true } });
    const ids = new Set(files.flatMap((file) => [...file.text.matchAll(/^[ \t]*id:: (\S+)[ \t]*$/gm)].map((match) => match[1] ?? "")));
    const uids = new Set((await db().block.findMany({ where: { graphId: user.graphId }, select: { uid: true } })).map((block) => block.uid));
    const resolvable = refs.filter((ref) => ids.has(ref.targetUid));
    expect(resolvable.length).toBeGreaterThan(0);
    for (const ref of resolvable) expect(uids.has(ref.targetUid), ref.targetUid).toBe(true);

    const again = await uploadImport(db(), user.actor, user.graphId, "logseq-docs.zip", chunksOf(bytes), bytes.length);
    expect(again.preview.counts).toMatchObject({ pagesCreated: 0, blocksCreated: 0, blocksPresent: blocks });

    await undoImport(db(), user.actor, user.graphId, uploaded.id);
    expect(await db().block.count({ where: { graphId: user.graphId } })).toBe(0);
  });
});
