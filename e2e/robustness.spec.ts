// What a careless or unlucky person does: keys on a page reached by a link, pastes too big for a
// block, a block deleted in another tab while this one still edits it (the edit wins).
import { expect, test } from "@playwright/test";
import { block, blur, editor, outlineText, signIn, signUp, today, waitSaved, writeBlocks } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

test("Ctrl+Shift+A selects the blocks of the page on screen, not of a page seen before", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["see [[Elsewhere]]", "second today"]);
  await block(page, 0).getByRole("link", { name: "[[Elsewhere]]" }).click();
  const article = page.locator("article.page");
  await expect(article.getByRole("heading", { level: 1 })).toHaveText("Elsewhere");
  await article.getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("only here");
  await blur(page);
  await page.keyboard.press("Control+Shift+A");
  await expect(article.locator('[role="treeitem"][aria-selected="true"]')).toHaveCount(1);
  await page.keyboard.press("Backspace");
  await expect(article.getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  await waitSaved(page);
  await page.goto("/");
  await expect.poll(() => outlineText(today(page))).toEqual(["see [[Elsewhere]]", "second today"]);
});

test("text too long for a block is not pasted, says why, and saving goes on", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["short"]);
  await block(page, 0).locator(".block-text").click();
  await page.keyboard.press("End");
  await page.evaluate(async () => {
    const huge = "x".repeat(150_000);
    await navigator.clipboard.write([new ClipboardItem({ "text/plain": new Blob([huge], { type: "text/plain" }) })]);
  });
  await page.keyboard.press("Control+v");
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was pasted" })).toContainText("150,005");
  await expect(editor(page)).toHaveText("short");
  await page.keyboard.type(" and more");
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["short and more"]);
});

test("a block deleted in another tab while this tab edits it comes back with the edit, everywhere, and other changes save", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["one", "two"]);
  const other = await browser.newContext();
  const tabB = await other.newPage();
  await signIn(tabB, email);
  await expect.poll(() => outlineText(today(tabB))).toEqual(["one", "two"]);

  // Tab A is editing "two" (so the deletion it hears of leaves it alone) when tab B deletes it.
  await block(page, 1).locator(".block-text").click();
  await page.keyboard.press("End");
  await today(tabB).getByRole("treeitem").nth(1).locator(".block-text").click();
  await tabB.keyboard.press("Escape");
  await tabB.keyboard.press("Backspace");
  await waitSaved(tabB);
  await expect.poll(() => outlineText(today(tabB))).toEqual(["one"]);

  // What A types is not lost: its edit brings the block back (lib/outline/conflicts.ts).
  await page.keyboard.type(" edited in A");
  await blur(page);
  await block(page, 0).locator(".block-text").click();
  await page.keyboard.press("End");
  await page.keyboard.type(" still saved");
  await blur(page);
  await waitSaved(page);
  const after = ["one still saved", "two edited in A"];
  await expect.poll(() => outlineText(today(tabB)), { timeout: 5_000 }).toEqual(after);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(after);
  await other.close();
});
