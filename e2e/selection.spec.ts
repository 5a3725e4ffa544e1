// Block selection (Esc, Shift+↑/↓, Shift+click, Ctrl+Shift+A, Ctrl+A twice) and what keys do
// to the selected blocks, as a Roam user would press them.
import { expect, test, type Page } from "@playwright/test";
import { block, blur, editor, outlineText, signUp, today, waitSaved, writeBlocks } from "./helpers";

async function edit(page: Page, index: number): Promise<void> {
  await block(page, index).locator(":scope > .block-row .block-text").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
}

/** The texts of the selected blocks, as the highlighted rows show them. */
async function selectedTexts(page: Page): Promise<string[]> {
  return today(page).locator('[role="treeitem"][aria-selected="true"] > .block-row .block-text').allTextContents();
}

async function expectSaved(page: Page, expected: string[]): Promise<void> {
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
}

/** Writes a page with one parent and children: a, b (with b1, b2), c, d. */
async function writeNested(page: Page): Promise<void> {
  await writeBlocks(page, ["a", "b", "b1", "b2", "c", "d"]);
  await edit(page, 2);
  await page.keyboard.press("Tab");
  await edit(page, 3);
  await page.keyboard.press("Tab");
  await blur(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "b", "  b1", "  b2", "c", "d"]);
}

test("Esc selects the block; Shift+↓ extends block by block, taking children along; Backspace deletes them", async ({ page }) => {
  await signUp(page);
  await writeNested(page);
  await edit(page, 0);
  await page.keyboard.press("Escape");
  await expect(editor(page)).toHaveCount(0);
  await expect.poll(() => selectedTexts(page)).toEqual(["a"]);
  await page.keyboard.press("Shift+ArrowDown");
  await expect.poll(() => selectedTexts(page)).toEqual(["a", "b", "b1", "b2"]);
  await page.keyboard.press("Shift+ArrowDown");
  await expect.poll(() => selectedTexts(page)).toEqual(["a", "b", "b1", "b2", "c"]);
  await page.keyboard.press("Shift+ArrowUp");
  await expect.poll(() => selectedTexts(page)).toEqual(["a", "b", "b1", "b2"]);
  await page.keyboard.press("Backspace");
  await expect.poll(() => outlineText(today(page))).toEqual(["c", "d"]);
  await expectSaved(page, ["c", "d"]);
});

test("Shift+↑ from the start of a block selects it; a click elsewhere clears the selection", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["one", "two", "three"]);
  await edit(page, 2);
  await page.keyboard.press("Home");
  await page.keyboard.press("Shift+ArrowUp");
  await expect.poll(() => selectedTexts(page)).toEqual(["three"]);
  await page.keyboard.press("Shift+ArrowUp");
  await expect.poll(() => selectedTexts(page)).toEqual(["two", "three"]);
  await page.getByRole("heading", { level: 1 }).click();
  await expect.poll(() => selectedTexts(page)).toEqual([]);
});

test("Shift+click selects the range from the block being edited; Tab, Shift+Tab and Alt+Shift+↑ act on all of it", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["a", "b", "c", "d"]);
  await edit(page, 1);
  await block(page, 2).locator(":scope > .block-row .block-text").click({ modifiers: ["Shift"] });
  await expect.poll(() => selectedTexts(page)).toEqual(["b", "c"]);
  await page.keyboard.press("Tab");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "  b", "  c", "d"]);
  await expect.poll(() => selectedTexts(page)).toEqual(["b", "c"]);
  await page.keyboard.press("Shift+Tab");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "b", "c", "d"]);
  await page.keyboard.press("Alt+Shift+ArrowUp");
  await expect.poll(() => outlineText(today(page))).toEqual(["b", "c", "a", "d"]);
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "d", "b", "c"]);
  await expectSaved(page, ["a", "d", "b", "c"]);
});

test("Ctrl+Enter cycles TODO on every selected block; Enter edits the first", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["milk", "eggs", "bread"]);
  await edit(page, 0);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Control+Enter");
  await expect(today(page).getByRole("checkbox")).toHaveCount(2);
  await expect(today(page).getByRole("checkbox", { checked: false })).toHaveCount(2);
  await page.keyboard.press("Control+Enter");
  await expect(today(page).getByRole("checkbox", { checked: true })).toHaveCount(2);
  await page.keyboard.press("Enter");
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveText("{{[[DONE]]}} milk");
  await page.keyboard.type("!");
  await expect(editor(page)).toHaveText("{{[[DONE]]}} milk!");
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect(today(page).getByRole("checkbox", { checked: true })).toHaveCount(2);
  // The text after each box keeps the space that follows the marker.
  await expect.poll(() => outlineText(today(page))).toEqual([" milk!", " eggs", "bread"]);
});

test("Ctrl+Shift+A, and Ctrl+A twice in a block, select every block of the page", async ({ page }) => {
  await signUp(page);
  await writeNested(page);
  await edit(page, 4);
  await page.keyboard.press("Control+Shift+A");
  await expect.poll(() => selectedTexts(page)).toEqual(["a", "b", "b1", "b2", "c", "d"]);
  await page.keyboard.press("Escape");
  await expect.poll(() => selectedTexts(page)).toEqual([]);
  await edit(page, 1);
  await page.keyboard.press("Control+A");
  await expect.poll(() => selectedTexts(page)).toEqual([]);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("Control+A");
  await expect.poll(() => selectedTexts(page)).toEqual(["a", "b", "b1", "b2", "c", "d"]);
  await page.keyboard.press("Delete");
  await expect(today(page).getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  await waitSaved(page);
  await page.reload();
  await expect(today(page).getByRole("button", { name: "Click here to start writing" })).toBeVisible();
});
