// Dragging blocks by their bullets (move, as a child, Alt for a reference, a whole selection,
// from one day to another) and zooming into a block (bullet click, Alt+→/←, breadcrumbs, URL).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { block, blur, editor, outlineText, pageOutline, signUp, today, waitSaved, writeBlocks } from "./helpers";

async function edit(page: Page, index: number): Promise<void> {
  await block(page, index).locator(":scope > .block-row .block-text").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
}

const bulletOf = (item: Locator) => item.locator(":scope > .block-row > .bullet");
const rowOf = (item: Locator) => item.locator(":scope > .block-row");

/** Drags `item`'s bullet over `target`'s row: "above" its top edge, "below" its bottom, "child" below and to the right. */
async function drag(page: Page, item: Locator, target: Locator, where: "above" | "below" | "child", alt = false): Promise<void> {
  const from = await bulletOf(item).boundingBox();
  const to = await rowOf(target).boundingBox();
  if (!from || !to) throw new Error("not visible");
  const x = where === "child" ? to.x + 120 : to.x + 30;
  const y = where === "above" ? to.y + 3 : to.y + to.height - 3;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 8 });
  if (alt) await page.keyboard.down("Alt");
  await page.mouse.move(x, y + 1, { steps: 2 });
  await page.mouse.up();
  if (alt) await page.keyboard.up("Alt");
}

test("dragging a bullet moves the block with its children: below, above, as a child; an indicator shows where", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["a", "b", "kid", "c"]);
  await edit(page, 2);
  await page.keyboard.press("Tab");
  await blur(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "b", "  kid", "c"]);

  await drag(page, block(page, 1), block(page, 3), "below");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "c", "b", "  kid"]);

  await drag(page, block(page, 1), block(page, 0), "above");
  await expect.poll(() => outlineText(today(page))).toEqual(["c", "a", "b", "  kid"]);

  await drag(page, block(page, 0), block(page, 1), "child");
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "  c", "b", "  kid"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["a", "  c", "b", "  kid"]);
});

test("the drop indicator shows above, below or as a child by the pointer", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["x", "y"]);
  const from = await bulletOf(block(page, 0)).boundingBox();
  const to = await rowOf(block(page, 1)).boundingBox();
  if (!from || !to) throw new Error("not visible");
  // The browser reports where the pointer is on the next move, so each spot is visited twice.
  const hover = async (x: number, y: number) => {
    await page.mouse.move(x, y, { steps: 4 });
    await page.mouse.move(x, y + 1);
  };
  await page.mouse.move(from.x + 4, from.y + 4);
  await page.mouse.down();
  await hover(to.x + 30, to.y + 3);
  await expect(rowOf(block(page, 1))).toHaveClass(/drop-before/);
  await hover(to.x + 30, to.y + to.height - 5);
  await expect(rowOf(block(page, 1))).toHaveClass(/drop-after/);
  await hover(to.x + 140, to.y + to.height - 5);
  await expect(rowOf(block(page, 1))).toHaveClass(/drop-child/);
  await page.mouse.up();
  await expect.poll(() => outlineText(today(page))).toEqual(["y", "  x"]);
  await expect(rowOf(block(page, 0))).toHaveClass("block-row");
});

test("Alt-drag drops a ((reference)) instead of moving; dragging a selection moves all of it", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["source text", "one", "two", "end"]);
  await drag(page, block(page, 0), block(page, 3), "below", true);
  await expect.poll(() => outlineText(today(page))).toEqual(["source text", "one", "two", "end", "source text"]);
  await expect(block(page, 4).locator(".block-ref")).toHaveCount(1);

  await edit(page, 1);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+ArrowDown");
  await drag(page, block(page, 1), block(page, 4), "below");
  await expect.poll(() => outlineText(today(page))).toEqual(["source text", "end", "source text", "one", "two"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["source text", "end", "source text", "one", "two"]);
});

test("clicking a bullet zooms in: breadcrumbs, its own URL that survives a reload, Alt+← and breadcrumbs zoom out", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Project", "Step one", "Detail", "Other"]);
  await edit(page, 1);
  await page.keyboard.press("Tab");
  await edit(page, 2);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await blur(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["Project", "  Step one", "    Detail", "Other"]);
  await waitSaved(page);

  await bulletOf(block(page, 1)).click();
  await expect(page).toHaveURL(/\/block\/[\w-]+$/);
  const zoomed = page.locator("article.zoomed");
  await expect(zoomed.getByRole("heading", { level: 1 })).toHaveText("Step one");
  await expect.poll(() => outlineText(zoomed)).toEqual(["Detail"]);
  const crumbs = page.getByRole("navigation", { name: "Breadcrumbs" });
  await expect(crumbs.getByRole("link")).toHaveText([/^\w+ \d+\w\w, \d{4}$/, "Project"]);

  // Editing inside the zoomed view is saved like anywhere else.
  await zoomed.getByRole("treeitem").first().locator(".block-text").click();
  await page.keyboard.press("End");
  await page.keyboard.type(" more");
  await page.keyboard.press("Enter");
  await page.keyboard.type("new under step");
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect(zoomed.getByRole("heading", { level: 1 })).toHaveText("Step one");
  await expect.poll(() => outlineText(zoomed)).toEqual(["Detail more", "new under step"]);

  // Alt+→ zooms into the block being edited; Alt+← back out, one level at a time.
  await zoomed.getByRole("treeitem").first().locator(".block-text").click();
  await page.keyboard.press("Alt+ArrowRight");
  await expect(zoomed.getByRole("heading", { level: 1 })).toHaveText("Detail more");
  await expect(crumbs.getByRole("link")).toHaveText([/\d{4}$/, "Project", "Step one"]);
  await page.keyboard.press("Alt+ArrowLeft");
  await expect(zoomed.getByRole("heading", { level: 1 })).toHaveText("Step one");
  await crumbs.getByRole("link", { name: "Project" }).click();
  await expect(zoomed.getByRole("heading", { level: 1 })).toHaveText("Project");
  await crumbs.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/page\//);
  await expect.poll(() => outlineText(pageOutline(page))).toEqual([
    "Project", "  Step one", "    Detail more", "    new under step", "Other",
  ]);
});

/** Roam's title for the day before the browser's today. */
async function yesterdayTitle(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    d.setDate(d.getDate() - 1);
    const day = d.getDate();
    const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
    return `${d.toLocaleString("en-US", { month: "long" })} ${day}${suffix}, ${d.getFullYear()}`;
  });
}

test("a block dragged from one day onto another moves there with its children; Ctrl+Z moves it back", async ({ page }) => {
  await signUp(page);
  const yesterday = await yesterdayTitle(page);
  await page.goto(`/page/${encodeURIComponent(yesterday)}`);
  const article = page.locator("article.page");
  await article.getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("written yesterday");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await page.keyboard.type("its child");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type("stays");
  await blur(page);
  await waitSaved(page);

  await page.goto("/");
  await writeBlocks(page, ["today"]);
  const earlier = page.locator("article.daily-page").nth(1);
  await expect(earlier.getByRole("heading", { level: 2 })).toHaveText(yesterday);
  await expect.poll(() => outlineText(earlier)).toEqual(["written yesterday", "  its child", "stays"]);

  await drag(page, earlier.getByRole("treeitem").first(), block(page, 0), "below");
  await expect.poll(() => outlineText(today(page))).toEqual(["today", "written yesterday", "  its child"]);
  await expect.poll(() => outlineText(earlier)).toEqual(["stays"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["today", "written yesterday", "  its child"]);
  await expect.poll(() => outlineText(page.locator("article.daily-page").nth(1))).toEqual(["stays"]);

  await page.keyboard.press("Control+z");
  // Undo lives in the tab: after a reload there is nothing to undo, so nothing changes.
  await expect.poll(() => outlineText(today(page))).toEqual(["today", "written yesterday", "  its child"]);
  await drag(page, block(page, 1), page.locator("article.daily-page").nth(1).getByRole("treeitem").first(), "above");
  await expect.poll(() => outlineText(page.locator("article.daily-page").nth(1))).toEqual(["written yesterday", "  its child", "stays"]);
  await page.keyboard.press("Control+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["today", "written yesterday", "  its child"]);
  await expect.poll(() => outlineText(page.locator("article.daily-page").nth(1))).toEqual(["stays"]);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["today", "written yesterday", "  its child"]);
});
