// Roam's editing keys, typed and read back as a person would.
import { expect, test, type Page } from "@playwright/test";
import { block, blur, editor, outlineText, signUp, today, waitSaved, writeBlocks } from "./helpers";

async function edit(page: Page, index: number, where: "start" | "end" = "end"): Promise<void> {
  await block(page, index).locator(":scope > .block-row .block-text").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press(where === "start" ? "Home" : "End");
}

/** What was saved, as a reload shows it. */
async function expectSaved(page: Page, expected: string[]): Promise<void> {
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
}

test("clicking shows the raw markup; leaving renders it again", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Met [[Vincent Chan]] today"]);
  await expect(block(page, 0).getByRole("link", { name: "[[Vincent Chan]]" })).toBeVisible();
  await edit(page, 0);
  await expect(editor(page)).toHaveText("Met [[Vincent Chan]] today");
  await expect(block(page, 0).locator(":scope > .block-row").getByRole("link", { name: /Vincent/ })).toHaveCount(0);
  await blur(page);
  await expect(block(page, 0).getByRole("link", { name: "[[Vincent Chan]]" })).toBeVisible();
});

test("Enter mid-text splits at the caret; Shift+Enter breaks the line; Backspace and Delete merge at the seam", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["alphabeta", "gamma"]);
  await edit(page, 0, "start");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await page.keyboard.type("-");
  await expect.poll(() => outlineText(today(page))).toEqual(["alpha", "-beta", "gamma"]);

  await page.keyboard.press("Home");
  await page.keyboard.press("Backspace");
  await page.keyboard.type("|");
  await expect.poll(() => outlineText(today(page))).toEqual(["alpha|-beta", "gamma"]);

  await page.keyboard.press("End");
  await page.keyboard.press("Delete");
  await page.keyboard.type("+");
  await expect(editor(page)).toHaveText("alpha|-beta+gamma");
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("second line");
  await blur(page);
  await expectSaved(page, ["alpha|-beta+gamma\nsecond line"]);
});

test("Enter on an empty indented block outdents it, as in Roam", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["parent", "child"]);
  await edit(page, 1);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect.poll(() => outlineText(today(page))).toEqual(["parent", "  child", "  "]);
  await page.keyboard.press("Enter");
  await page.keyboard.type("back at the top");
  await blur(page);
  await expectSaved(page, ["parent", "  child", "back at the top"]);
});

test("arrow keys at the edges move between blocks", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["one", "two", "three"]);
  await edit(page, 1, "start");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("A");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("B");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.type("C");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.type("D");
  await blur(page);
  await expectSaved(page, ["oneA", "BtwoD", "Cthree"]);
});

test("Alt+Shift+arrows move a block with its children, across parents as Roam does", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["a", "b", "c"]);
  await edit(page, 1);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("b child");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Alt+Shift+ArrowUp");
  await expect.poll(() => outlineText(today(page))).toEqual(["b", "  b child", "a", "c"]);
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await page.keyboard.press("Alt+Shift+ArrowDown");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "c", "b", "  b child"]);
  // The child, moved up past its parent's edge, joins the end of the block above.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Alt+Shift+ArrowUp");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "c", "  b child", "b"]);
  await blur(page);
  await expectSaved(page, ["a", "c", "  b child", "b"]);
});

test("Ctrl+Up collapses and Ctrl+Down expands; the bullet shows it and it is saved", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["parent", "child"]);
  await edit(page, 1);
  await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Control+ArrowUp");
  const parent = block(page, 0);
  await expect(parent).toHaveAttribute("aria-expanded", "false");
  await expect(today(page).getByRole("treeitem")).toHaveCount(1);
  await expect(parent.locator(".bullet")).toHaveClass(/bullet-collapsed/);
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect(block(page, 0)).toHaveAttribute("aria-expanded", "false");
  await expect(today(page).getByRole("treeitem")).toHaveCount(1);
  await edit(page, 0);
  await page.keyboard.press("Control+ArrowDown");
  await expect(block(page, 0)).toHaveAttribute("aria-expanded", "true");
  await expect(today(page).getByRole("treeitem")).toHaveCount(2);
  // The fold button does the same with the mouse.
  await blur(page);
  await block(page, 0).getByRole("button", { name: "Collapse" }).click();
  await expect(today(page).getByRole("treeitem")).toHaveCount(1);
});

test("Ctrl+Enter cycles none, TODO, DONE, none", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["buy milk"]);
  await edit(page, 0);
  await page.keyboard.press("Control+Enter");
  await expect(editor(page)).toHaveText("{{[[TODO]]}} buy milk");
  await page.keyboard.type("!");
  await expect(editor(page)).toHaveText("{{[[TODO]]}} buy milk!");
  await page.keyboard.press("Control+Enter");
  await expect(editor(page)).toHaveText("{{[[DONE]]}} buy milk!");
  await blur(page);
  await expect(block(page, 0).getByRole("checkbox")).toBeChecked();
  await edit(page, 0);
  await page.keyboard.press("Control+Enter");
  await expect(editor(page)).toHaveText("buy milk!");
  await blur(page);
  await expectSaved(page, ["buy milk!"]);
});

test("formatting keys wrap the selection; Ctrl+Alt+1..3 set a heading and Ctrl+Alt+0 clears it", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["make this bold"]);
  await edit(page, 0);
  for (let i = 0; i < 4; i++) await page.keyboard.press("Shift+ArrowLeft");
  await page.keyboard.press("Control+b");
  await expect(editor(page)).toHaveText("make this **bold**");
  await page.keyboard.press("Control+b");
  await expect(editor(page)).toHaveText("make this bold");
  await page.keyboard.press("Control+i");
  await expect(editor(page)).toHaveText("make this __bold__");
  await page.keyboard.press("End");
  await page.keyboard.type(" ");
  await page.keyboard.press("Control+h");
  await page.keyboard.type("marked");
  await expect(editor(page)).toHaveText("make this __bold__ ^^marked^^");
  await page.keyboard.press("Control+Alt+2");
  await blur(page);
  await expect(block(page, 0).locator("em")).toHaveText("bold");
  await expect(block(page, 0).locator("mark")).toHaveText("marked");
  await expect(block(page, 0).locator(".block-text")).toHaveClass(/heading-2/);
  await waitSaved(page);
  await page.reload();
  await expect(block(page, 0).locator(".block-text")).toHaveClass(/heading-2/);
  await edit(page, 0);
  await page.keyboard.press("Control+Alt+0");
  await blur(page);
  await expect(block(page, 0).locator(".block-text")).not.toHaveClass(/heading/);
});
