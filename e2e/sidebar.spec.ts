// The right sidebar: Shift+click on a page link, a tag or a bullet opens it beside the screen;
// panels are edited there, collapse, close, and survive a reload.
import { expect, test, type Page } from "@playwright/test";
import { blur, block, editor, outlineText, signUp, today, waitSaved, writeBlocks } from "./helpers";

function sidebar(page: Page) {
  return page.getByRole("complementary", { name: "Sidebar" });
}

function panel(page: Page, name: string) {
  return sidebar(page).getByRole("region", { name, exact: true });
}

test("Shift+click opens a link and a tag in the sidebar, edited there and kept over a reload", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Read [[Reading list]] and #Spanish today"]);
  const url = page.url();

  await block(page, 0).getByRole("link", { name: "Reading list" }).click({ modifiers: ["Shift"] });
  await expect(panel(page, "Reading list")).toBeVisible();
  // The screen stayed where it was: a Shift+click never navigates (nor opens a browser window).
  expect(page.url()).toBe(url);
  expect(page.context().pages()).toHaveLength(1);

  // The page is empty: write its first blocks in the sidebar.
  await panel(page, "Reading list").getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type("Gödel, Escher, Bach");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("chapter 3");
  await blur(page);
  await waitSaved(page);
  await expect.poll(() => outlineText(panel(page, "Reading list"))).toEqual(["Gödel, Escher, Bach", "  chapter 3"]);

  // A tag opens above it (newest first).
  await block(page, 0).getByRole("link", { name: "#Spanish" }).click({ modifiers: ["Shift"] });
  await expect(sidebar(page).getByRole("region")).toHaveCount(2);
  await expect(sidebar(page).getByRole("region").first()).toHaveAttribute("aria-label", "Spanish");

  // Collapse the reading list: its outline goes, its heading stays.
  await panel(page, "Reading list").getByRole("button", { name: "Collapse Reading list" }).click();
  await expect(panel(page, "Reading list").getByRole("tree")).toHaveCount(0);

  await page.reload();
  await expect(today(page).getByRole("treeitem")).toHaveCount(1);
  await expect(sidebar(page).getByRole("region")).toHaveCount(2);
  await expect(panel(page, "Reading list").getByRole("button", { name: "Expand Reading list" })).toBeVisible();
  await panel(page, "Reading list").getByRole("button", { name: "Expand Reading list" }).click();
  await expect.poll(() => outlineText(panel(page, "Reading list"))).toEqual(["Gödel, Escher, Bach", "  chapter 3"]);

  // What was written in the sidebar is the page itself.
  await panel(page, "Reading list").getByRole("link", { name: "Reading list" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading list");
  await expect.poll(() => outlineText(page.locator("article.page > [role=tree]"))).toEqual(["Gödel, Escher, Bach", "  chapter 3"]);

  // Close one panel, then the rest.
  await panel(page, "Spanish").getByRole("button", { name: "Close Spanish" }).click();
  await expect(sidebar(page).getByRole("region")).toHaveCount(1);
  await sidebar(page).getByRole("button", { name: "Close all" }).click();
  await expect(sidebar(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reading list");
  await expect(sidebar(page)).toHaveCount(0);
});

test("a block opened from its bullet is edited in one place at a time, and both views show the edit", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Groceries", "Plan the week"]);
  await editorAtEndOf(page, 0);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("apples");
  await blur(page);
  await waitSaved(page);
  const url = page.url();

  // Shift+click on the bullet opens the block (with its children) instead of zooming into it.
  await block(page, 0).locator(".bullet").first().click({ modifiers: ["Shift"] });
  expect(page.url()).toBe(url);
  const opened = sidebar(page).getByRole("region");
  await expect(opened).toHaveCount(1);
  await expect(opened.getByRole("heading", { level: 2 })).toHaveText("Groceries");
  await expect.poll(() => outlineText(opened)).toEqual(["Groceries", "  apples"]);

  // Editing in the sidebar: one editor on the screen, in the sidebar; the page shows the text as typed.
  await opened.getByRole("treeitem").nth(1).locator(".block-text").click();
  await expect(editor(page)).toHaveCount(1);
  await expect(opened.getByRole("textbox")).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(" and pears");
  await page.keyboard.press("Enter");
  await page.keyboard.type("bread");
  // Enter in the sidebar made the new block there, not on the screen.
  await expect(opened.getByRole("textbox")).toBeFocused();
  await blur(page);
  await waitSaved(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["Groceries", "  apples and pears", "  bread", "Plan the week"]);
  await expect.poll(() => outlineText(opened)).toEqual(["Groceries", "  apples and pears", "  bread"]);

  // Editing the same block on the screen moves the one editor there.
  await editorAtEndOf(page, 1);
  await expect(editor(page)).toHaveCount(1);
  await expect(today(page).getByRole("textbox")).toBeFocused();
  await page.keyboard.type("!");
  await blur(page);
  await waitSaved(page);
  await expect.poll(() => outlineText(opened)).toEqual(["Groceries", "  apples and pears!", "  bread"]);

  await page.reload();
  await expect.poll(() => outlineText(sidebar(page).getByRole("region"))).toEqual(["Groceries", "  apples and pears!", "  bread"]);
});

async function editorAtEndOf(page: Page, index: number): Promise<void> {
  await block(page, index).locator(".block-text").first().click();
  await expect(today(page).getByRole("textbox")).toBeFocused();
  await page.keyboard.press("End");
}
