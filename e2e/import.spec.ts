// Importing as a person does it, from "Import and export": the seed page (Roam markdown whose
// UTF-8 was once misread as Mac Roman) previewed, retitled, imported with progress, read back as
// the page, undone from the list of past imports, imported again (adds nothing the second time);
// a broken file gets a clear message and writes nothing. Expected counts come from the file.
import { expect, test, type Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pageOutline, signUp } from "./helpers";

/** The seed in ../shared beside the repository (as test/shared-corpus.ts finds it). */
const SEED = fileURLToPath(new URL("../../shared/seeds/roam-daily-page.md", import.meta.url));
const LXYER = fileURLToPath(new URL("../../shared/fixtures/roam-lxyer/json/lxyer.json", import.meta.url));
const seedLines = readFileSync(SEED, "utf8").split("\n");
/** Every `- ` bullet is one block; `# ` and `## ` at a block's start are headings 1 and 2. */
const SEED_BLOCKS = seedLines.filter((line) => /^\s*- /.test(line)).length;
const SEED_H1 = seedLines.filter((line) => /^\s*- # /.test(line)).length;
const SEED_H2 = seedLines.filter((line) => /^\s*- ## /.test(line)).length;
const SEED_SLIDERS = seedLines.filter((line) => line.includes("{{slider}}")).length;
const SEED_DONE = seedLines.filter((line) => line.includes("{{[[DONE]]}}")).length;
const SEED_TODO = seedLines.filter((line) => line.includes("{{[[TODO]]}}")).length;

async function openImports(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Import and export" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import and export");
  await expect(page.locator(".import-panel .loading")).toHaveCount(0);
}

async function choose(page: Page, file: string): Promise<void> {
  await page.getByLabel("Choose a file to import").setInputFiles(file);
}

async function blocksOn(page: Page, title: string): Promise<number | null> {
  const response = await page.request.get(`/api/pages/all?filter=${encodeURIComponent(title)}&sort=title&dir=asc&page=1`);
  const body = (await response.json()) as { pages: { title: string; blocks: number }[] };
  return body.pages.find((p) => p.title === title)?.blocks ?? null;
}

test("the seed page: preview, a new title, import, the page as written, undo, and a second import that adds nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page);
  await openImports(page);
  await choose(page, SEED);

  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview.getByRole("heading", { name: "Preview of roam-daily-page.md" })).toBeVisible();
  await expect(preview).toContainText("1 page to create");
  await expect(preview).toContainText(`${SEED_BLOCKS} blocks to create`);
  await expect(preview).toContainText(/Repaired text damaged by a wrong encoding in \d+ blocks?\./);
  await expect(preview.getByLabel("Page title")).toHaveValue("roam-daily-page");
  await preview.getByLabel("Page title").fill("Firefighting day");
  await preview.getByRole("button", { name: "Use this title" }).click();
  await expect(preview.getByRole("button", { name: "Use this title" })).toBeDisabled();

  await preview.getByRole("button", { name: "Import", exact: true }).click();
  const result = page.getByRole("region", { name: "Import result" });
  await expect(result).toContainText(`Imported. It creates 1 page, writes ${SEED_BLOCKS} blocks.`);
  expect(await blocksOn(page, "Firefighting day")).toBe(SEED_BLOCKS);

  await result.getByRole("link", { name: "Firefighting day" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Firefighting day");
  const outline = pageOutline(page);
  const items = outline.locator("[role=treeitem]");
  await expect(items.first().locator(":scope > .block-row .block-text")).toHaveText("Always radiate your gratitude, good vibe and hope.");
  await expect(outline.getByText("Kill people with kindness 😉")).toBeVisible();
  await expect(outline.getByRole("slider")).toHaveCount(SEED_SLIDERS);
  await expect(outline.getByRole("checkbox")).toHaveCount(SEED_DONE + SEED_TODO);
  await expect(outline.locator("input[type=checkbox]:checked")).toHaveCount(SEED_DONE);
  await expect(outline.locator(".block-text.heading-1")).toHaveCount(SEED_H1);
  await expect(outline.locator(".block-text.heading-2")).toHaveCount(SEED_H2);

  // Undo, from the list of past imports after a reload: it says first what goes.
  await openImports(page);
  await page.reload();
  const past = page.getByRole("list", { name: "Past imports" }).getByRole("listitem").first();
  await expect(past).toContainText(`roam-daily-page.md`);
  await expect(past).toContainText(`${SEED_BLOCKS} blocks and 1 page imported`);
  await past.getByRole("button", { name: "Undo" }).click();
  await expect(past.getByRole("alertdialog")).toContainText(`Undo removes ${SEED_BLOCKS} blocks and`);
  await past.getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByRole("list", { name: "Past imports" }).getByRole("listitem").first()).toContainText("undone");
  expect(await blocksOn(page, "Firefighting day")).toBeNull();

  // Imported again after the undo, then once more: the second time adds nothing.
  for (const expected of [`writes ${SEED_BLOCKS} blocks`, `Nothing new: all ${SEED_BLOCKS} blocks of 1 page are in the graph already.`]) {
    await choose(page, SEED);
    await expect(preview).toContainText(expected);
    await preview.getByRole("button", { name: "Import", exact: true }).click();
    await expect(result).toBeVisible();
  }
  expect(await blocksOn(page, "roam-daily-page")).toBe(SEED_BLOCKS);
});

test("a whole Roam graph: the preview counts what the file holds, and the import shows its progress", async ({ page }) => {
  test.setTimeout(180_000);
  // Counted from the file: titled pages, and every block under them.
  type Node = { title?: string; children?: Node[] };
  const pages = (JSON.parse(readFileSync(LXYER, "utf8")) as Node[]).filter((p) => typeof p.title === "string" && p.title.trim() !== "");
  const countBlocks = (nodes: Node[] | undefined): number => (nodes ?? []).reduce((n, node) => n + 1 + countBlocks(node.children), 0);
  const blocks = pages.reduce((n, p) => n + countBlocks(p.children), 0);

  await signUp(page);
  await openImports(page);
  await choose(page, LXYER);
  const preview = page.getByRole("region", { name: "Import preview" });
  await expect(preview).toContainText(`${pages.length.toLocaleString("en-US")} pages to create`, { timeout: 60_000 });
  await expect(preview).toContainText(`${blocks.toLocaleString("en-US")} blocks to create`);
  await preview.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Import result" })).toContainText(`writes ${blocks.toLocaleString("en-US")} blocks`, { timeout: 120_000 });
  await expect(page.getByRole("progressbar")).toHaveCount(0);
});

test("a truncated JSON file is refused with a clear message and writes nothing", async ({ page }) => {
  await signUp(page);
  await openImports(page);
  const broken = join(tmpdir(), `broken-${Date.now()}.json`);
  writeFileSync(broken, '[{"title": "Broken import", "uid": "abcdefghi", "children": [{"string": "half a blo');
  await choose(page, broken);
  await expect(page.locator(".import-panel").getByRole("alert")).toContainText("is not a Roam JSON export");
  await expect(page.getByRole("region", { name: "Import preview" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Past imports" })).toHaveCount(0);
  await expect(page.getByText("No imports yet.")).toBeVisible();
  expect(await blocksOn(page, "Broken import")).toBeNull();
});
