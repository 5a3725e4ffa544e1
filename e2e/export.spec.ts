// Exporting as a person does it: a page's "Export page as markdown", and the whole graph from
// /graph as Roam JSON and as a zip of markdown; the downloaded files hold what was typed.
import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { unzipSync } from "fflate";
import { signUp, writeBlocks } from "./helpers";

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

test("a page exports as markdown and the graph as Roam JSON and markdown, holding what was typed", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Met [[Ada Lovelace]] today", "second line"]);
  const title = (await page.getByRole("heading", { level: 1 }).first().textContent()) ?? "";

  // One page, from its title's actions.
  await page.goto(`/page/${encodeURIComponent(title)}`);
  const pageFile = await downloaded(page, () => page.getByRole("link", { name: "Export page as markdown" }).click());
  expect(pageFile.download.suggestedFilename()).toBe(`${title}.md`);
  expect(pageFile.bytes.toString("utf8")).toBe("- Met [[Ada Lovelace]] today\n- second line\n");

  // The whole graph, from /graph.
  await page.goto("/graph");
  await expect(page.getByRole("heading", { name: "Export", exact: true })).toBeVisible();
  const json = await downloaded(page, () => page.getByRole("link", { name: "Download as Roam JSON" }).click());
  expect(json.download.suggestedFilename()).toMatch(/^loam-\d{4}-\d{2}-\d{2}\.json$/);
  const graph = JSON.parse(json.bytes.toString("utf8")) as { title: string; children?: { string: string }[] }[];
  expect(graph.find((p) => p.title === title)?.children?.map((b) => b.string)).toEqual(["Met [[Ada Lovelace]] today", "second line"]);
  // The linked page exists, without blocks, as Roam exports it.
  expect(graph.find((p) => p.title === "Ada Lovelace")).toBeDefined();

  const zip = await downloaded(page, () => page.getByRole("link", { name: "Download as markdown (zip)" }).click());
  const files = unzipSync(new Uint8Array(zip.bytes));
  expect(new TextDecoder().decode(files[`${title}.md`])).toBe("- Met [[Ada Lovelace]] today\n- second line\n");
});
