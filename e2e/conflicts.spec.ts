// A delete never loses another tab's edit. Each tab is kept from hearing the other (offline)
// at the moment that matters, as a closed laptop or a slow network would.
import { expect, test } from "@playwright/test";
import { block, editAtEnd, outlineText, secondTab, signUp, today, waitSaved, writeBlocks } from "./helpers";

test("a delete made before another tab's edit reached it keeps the edited block", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = await signUp(page);
  await writeBlocks(page, ["keep me", "other"]);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["keep me", "other"]);

  // A, offline, deletes the first block.
  await page.context().setOffline(true);
  await block(page, 0).locator(".block-text").first().click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Backspace");
  await expect.poll(() => outlineText(today(page))).toEqual(["other"]);
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Offline/);

  // Meanwhile B, online, writes in it.
  await editAtEnd(other, 0);
  await other.keyboard.type(" (written in B)");
  await waitSaved(other);

  // A comes back: its delete arrives after B's edit it never saw, so the block stays, everywhere.
  await page.context().setOffline(false);
  await waitSaved(page);
  const both = ["keep me (written in B)", "other"];
  await expect.poll(() => outlineText(today(page)), { timeout: 5_000 }).toEqual(both);
  await expect(page.locator(".notice")).toHaveText("A block you deleted was kept: it had just been changed in another tab.");
  await expect.poll(() => outlineText(today(other))).toEqual(both);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(both);
  await other.context().close();
});

test("an edit made in a tab that had not seen a delete brings the block back with the edit", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = await signUp(page);
  await writeBlocks(page, ["parent", "other"]);
  // A child under the first block, deleted together with it.
  await editAtEnd(page, 0);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("child");
  await waitSaved(page);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["parent", "  child", "other"]);

  // B, offline, keeps typing in the child.
  await other.context().setOffline(true);
  await editAtEnd(other, 1);
  await other.keyboard.type(" typed offline");
  await other.getByRole("heading", { level: 1 }).click();
  await expect(other.getByRole("banner").getByRole("status")).toHaveText(/^Offline/);

  // A deletes the parent with its child.
  await block(page, 0).locator(".block-text").first().click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Backspace");
  await waitSaved(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["other"]);

  // B comes back: its edit brings the child back, with the parent it was deleted with.
  await other.context().setOffline(false);
  await waitSaved(other);
  const after = ["parent", "  child typed offline", "other"];
  await expect.poll(() => outlineText(today(page)), { timeout: 5_000 }).toEqual(after);
  await expect.poll(() => outlineText(today(other)), { timeout: 5_000 }).toEqual(after);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(after);
  await other.context().close();
});
