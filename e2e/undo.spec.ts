// Undo and redo, with Roam's keys: every kind of change goes back in order, typing a word at a
// time, the caret returns to where the change was, and what undo gives back is saved.
import { expect, test, type Page } from "@playwright/test";
import { block, blur, editAtEnd, editor, outlineText, secondTab, signUp, today, waitSaved, writeBlocks } from "./helpers";

async function edit(page: Page, index: number): Promise<void> {
  await block(page, index).locator(":scope > .block-row .block-text").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
}

test("typing undoes a word at a time and redoes with Ctrl+Shift+Z and Ctrl+Y; a reload shows the undone text", async ({ page }) => {
  await signUp(page);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("hello brave world");
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveText("hello brave ");
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveText("hello ");
  // The caret is where the undone text was: typing goes on from there.
  await page.keyboard.type("X");
  await expect(editor(page)).toHaveText("hello X");
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveText("hello ");
  await page.keyboard.press("Control+Shift+z");
  await expect(editor(page)).toHaveText("hello X");
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+y");
  await expect(editor(page)).toHaveText("hello X");
  await page.keyboard.press("Control+z");
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["hello "]);
});

test("splits, indents, moves and merges undo in order, the caret going back to the block each happened in", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["first", "second", "third"]);
  await edit(page, 2);
  await page.keyboard.press("Tab"); // third under second
  await page.keyboard.press("Alt+Shift+ArrowUp"); // a first child moving up goes under the block above its parent
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "  third", "second"]);
  await edit(page, 0);
  await page.keyboard.press("Enter");
  await page.keyboard.type("new");
  // Enter at the end of a block with children makes a first child, as in Roam.
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "  new", "  third", "second"]);

  await page.keyboard.press("Control+z"); // typing "new"
  await page.keyboard.press("Control+z"); // the split
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "  third", "second"]);
  await expect(block(page, 0).getByRole("textbox")).toBeFocused();

  await page.keyboard.press("Control+z"); // the move
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "second", "  third"]);
  await expect(block(page, 2).getByRole("textbox")).toBeFocused();
  await page.keyboard.press("Control+z"); // the indent
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "second", "third"]);
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "second", "  third"]);

  // A merge (Backspace at the start) and its undo.
  await edit(page, 1);
  await page.keyboard.press("Home");
  await page.keyboard.press("Backspace");
  await expect.poll(() => outlineText(today(page))).toEqual(["firstsecond", "  third"]);
  await page.keyboard.press("Control+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "second", "  third"]);
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["first", "second", "  third"]);
});

test("deleting a selection, TODO cycles, collapsing and slider moves undo too", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["mood {{slider}}", "task", "parent", "kid"]);
  await edit(page, 3);
  await page.keyboard.press("Tab");
  await blur(page);

  // Slider moved through several values is one step.
  const slider = block(page, 0).getByRole("slider");
  await slider.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect(slider).toHaveAttribute("aria-valuetext", "8 of 10");
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Control+z");
  await expect(slider).toHaveAttribute("aria-valuetext", "not rated");

  // TODO cycle.
  await edit(page, 1);
  await page.keyboard.press("Control+Enter");
  await expect(editor(page)).toHaveText("{{[[TODO]]}} task");
  await page.keyboard.press("Control+z");
  await expect(editor(page)).toHaveText("task");

  // Collapse.
  await edit(page, 2);
  await page.keyboard.press("Control+ArrowUp");
  await expect(block(page, 2)).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("Control+z");
  await expect(block(page, 2)).toHaveAttribute("aria-expanded", "true");

  // A deleted selection comes back whole, children and all.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Backspace");
  await expect.poll(() => outlineText(today(page))).toEqual(["mood not rated", "task"]);
  await page.keyboard.press("Control+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["mood not rated", "task", "parent", "  kid"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["mood not rated", "task", "parent", "  kid"]);
  await expect(block(page, 0).getByRole("slider")).toHaveAttribute("aria-valuetext", "not rated");
});

test("undo skips a change another tab has changed since, says so, and goes on with the one before", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["alpha", "beta"]);
  await blur(page);
  await waitSaved(page);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["alpha", "beta"]);

  // This tab changes beta, then alpha; the other tab then writes in alpha too.
  await editAtEnd(page, 1);
  await page.keyboard.type("!");
  await editAtEnd(page, 0);
  await page.keyboard.type("?");
  await blur(page);
  await waitSaved(page);
  await expect.poll(() => outlineText(today(other))).toEqual(["alpha?", "beta!"]);
  await editAtEnd(other, 0);
  await other.keyboard.type(" theirs");
  await waitSaved(other);
  await expect(block(page, 0)).toHaveText("alpha? theirs", { timeout: 2_000 });

  // Undoing "?" would overwrite their text: it is skipped, with a notice.
  await page.keyboard.press("Control+z");
  await expect(page.getByText("Not undone: changed in another tab")).toBeVisible();
  await expect.poll(() => outlineText(today(page))).toEqual(["alpha? theirs", "beta!"]);
  // The next Ctrl+Z takes back the change before it.
  await page.keyboard.press("Control+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["alpha? theirs", "beta"]);
  await waitSaved(page);
  await expect.poll(() => outlineText(today(other)), { timeout: 2_000 }).toEqual(["alpha? theirs", "beta"]);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["alpha? theirs", "beta"]);
  await other.context().close();
});
