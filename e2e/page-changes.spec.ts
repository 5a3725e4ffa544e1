// Renaming, merging and deleting pages as a person does it: from the page's title and its
// Delete button, with the impact shown before anything runs and Undo after; and namespaces.
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { outlineText, pageOutline, signUp, todayIso } from "./helpers";

/** Writes top-level blocks on a page through the API (the save path every tab uses). */
async function writeOn(page: Page, address: { title: string } | { daily: string }, lines: string[]): Promise<void> {
  const ops = lines.map((content, index) => ({
    id: randomUUID(),
    page: address,
    op: { type: "create", uid: randomUUID().replace(/-/g, "").slice(0, 9), parent: null, order: `a${index}`, content },
  }));
  const response = await page.request.post("/api/ops", { data: { ops } });
  expect(response.ok()).toBe(true);
}

async function dailyContents(page: Page): Promise<string[]> {
  const view = (await (await page.request.get(`/api/daily/${await todayIso(page)}`)).json()) as { blocks: { content: string; order: string }[] };
  return view.blocks.sort((a, b) => (a.order < b.order ? -1 : 1)).map((b) => b.content);
}

const pageUrl = (title: string) => `/page/${encodeURIComponent(title)}`;
const heading = (page: Page) => page.getByRole("heading", { level: 1 });

test("renaming from the title says what it changes, rewrites every link, and Undo takes it back", async ({ page }) => {
  await signUp(page);
  const day = { daily: await todayIso(page) };
  await writeOn(page, { title: "Old topic" }, ["its own note"]);
  await writeOn(page, day, ["see [[Old topic]] and #[[Old topic]]", "`[[Old topic]]` in code stays", "Old topic:: attribute"]);

  await page.goto(pageUrl("Old topic"));
  await heading(page).click();
  const input = page.getByRole("textbox", { name: "Page title" });
  await expect(input).toHaveValue("Old topic");
  await input.fill("New topic");
  await input.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Rename page?" });
  await expect(dialog).toContainText("Renaming “Old topic” to “New topic” rewrites 2 blocks on 1 page.");
  // Nothing has run yet.
  expect(await dailyContents(page)).toEqual(["see [[Old topic]] and #[[Old topic]]", "`[[Old topic]]` in code stays", "Old topic:: attribute"]);
  await dialog.getByRole("button", { name: "Rename" }).click();

  await expect(page).toHaveURL(pageUrl("New topic"));
  await expect(heading(page)).toHaveText("New topic");
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["its own note"]);
  const notice = page.getByRole("alert").filter({ hasText: "Renamed “Old topic” to “New topic”" });
  await expect(notice).toBeVisible();
  expect(await dailyContents(page)).toEqual(["see [[New topic]] and #[[New topic]]", "`[[Old topic]]` in code stays", "New topic:: attribute"]);

  await notice.getByRole("button", { name: "Undo" }).click();
  await expect(page).toHaveURL(pageUrl("Old topic"));
  await expect(heading(page)).toHaveText("Old topic");
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["its own note"]);
  await expect.poll(() => dailyContents(page)).toEqual(["see [[Old topic]] and #[[Old topic]]", "`[[Old topic]]` in code stays", "Old topic:: attribute"]);

  // Undone for good: still so after a reload.
  await page.reload();
  await expect(heading(page)).toHaveText("Old topic");
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["its own note"]);
});

test("renaming to an existing title offers a merge, appends the blocks, and Undo splits them again", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "Fruit" }, ["the list"]);
  await writeOn(page, { title: "Apples" }, ["red ones", "green ones"]);
  await writeOn(page, { daily: await todayIso(page) }, ["[[Apples]] and [[Fruit]]"]);

  await page.goto(pageUrl("Apples"));
  await heading(page).click();
  await page.getByRole("textbox", { name: "Page title" }).fill("Fruit");
  await page.getByRole("textbox", { name: "Page title" }).press("Enter");
  const dialog = page.getByRole("dialog", { name: "Merge pages?" });
  await expect(dialog).toContainText("“Fruit” exists: merging moves 2 blocks of “Apples” to the end of “Fruit”, rewrites 1 block on 1 page, and removes “Apples”.");
  await dialog.getByRole("button", { name: "Merge" }).click();

  await expect(page).toHaveURL(pageUrl("Fruit"));
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["the list", "red ones", "green ones"]);
  expect(await dailyContents(page)).toEqual(["[[Fruit]] and [[Fruit]]"]);

  await page.getByRole("alert").getByRole("button", { name: "Undo" }).click();
  await expect(page).toHaveURL(pageUrl("Apples"));
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["red ones", "green ones"]);
  await page.goto(pageUrl("Fruit"));
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["the list"]);
  expect(await dailyContents(page)).toEqual(["[[Apples]] and [[Fruit]]"]);
});

test("deleting a page is confirmed with its impact, Cancel keeps it, and it stays deleted after a reload", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "Scratch" }, ["first thought", "second thought"]);
  await writeOn(page, { daily: await todayIso(page) }, ["see [[Scratch]]"]);

  await page.goto(pageUrl("Scratch"));
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["first thought", "second thought"]);
  await page.getByRole("button", { name: "Delete page" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete page?" });
  await expect(dialog).toContainText("Deleting “Scratch” removes it and its 2 blocks. 1 block on 1 other page link to it");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["first thought", "second thought"]);

  await page.getByRole("button", { name: "Delete page" }).click();
  await page.getByRole("dialog", { name: "Delete page?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  expect(await dailyContents(page)).toEqual(["see [[Scratch]]"]);
});

test("Undo of a delete restores every block, also after a reload", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "Keep me" }, ["alpha", "beta"]);
  await page.goto(pageUrl("Keep me"));
  await page.getByRole("button", { name: "Delete page" }).click();
  await page.getByRole("dialog", { name: "Delete page?" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  await page.reload();
  const notice = page.getByRole("alert").filter({ hasText: "Deleted “Keep me” and its 2 blocks." });
  await notice.getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["alpha", "beta"]);
  await page.reload();
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["alpha", "beta"]);
});

test("a title that cannot be a link is refused with the reason, and nothing changes", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "Plain" }, ["x"]);
  await page.goto(pageUrl("Plain"));
  await heading(page).click();
  await page.getByRole("textbox", { name: "Page title" }).fill("broken]] title");
  await page.getByRole("textbox", { name: "Page title" }).press("Enter");
  const dialog = page.getByRole("dialog", { name: "Rename page?" });
  await expect(dialog.getByRole("list", { name: "Why it cannot be done" })).toContainText("cannot be written as a link");
  await expect(dialog.getByRole("button", { name: "Rename" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(heading(page)).toHaveText("Plain");
});

test("titles with brackets, #, ?, %, emoji and CJK rename and link", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "draft" }, ["body"]);
  await writeOn(page, { daily: await todayIso(page) }, ["[[draft]] and #draft"]);
  const odd = "[[Q]]'s #1 日本 😀 100%?";
  await page.goto(pageUrl("draft"));
  await heading(page).click();
  await page.getByRole("textbox", { name: "Page title" }).fill(odd);
  await page.getByRole("textbox", { name: "Page title" }).press("Enter");
  await page.getByRole("dialog", { name: "Rename page?" }).getByRole("button", { name: "Rename" }).click();
  await expect(page).toHaveURL(pageUrl(odd));
  await expect(heading(page)).toHaveText(odd);
  await expect.poll(() => outlineText(pageOutline(page))).toEqual(["body"]);

  await page.goto("/");
  const links = page.locator("article.daily-page").first().locator(`a[href="${pageUrl(odd)}"]`);
  await expect(links).toHaveCount(2);
  await links.first().click();
  await expect(heading(page)).toHaveText(odd);
});

test("a namespaced page shows its breadcrumb, and the namespace lists its pages", async ({ page }) => {
  await signUp(page);
  await writeOn(page, { title: "Projects/Loam/Docs" }, ["write them"]);
  await writeOn(page, { title: "Projects/Garden" }, ["dig"]);
  await page.goto(pageUrl("Projects/Loam/Docs"));
  const crumbs = page.getByRole("navigation", { name: "Namespace" });
  await expect(crumbs).toHaveText("Projects / Loam / Docs");
  await expect(crumbs.getByRole("link", { name: "Loam" })).toHaveAttribute("href", pageUrl("Projects/Loam"));
  await crumbs.getByRole("link", { name: "Projects" }).click();
  await expect(heading(page)).toHaveText("Projects");
  const children = page.getByRole("region", { name: "Pages in this namespace" });
  await expect(children.getByRole("link")).toHaveText(["Projects/Garden", "Projects/Loam/Docs"]);
});
