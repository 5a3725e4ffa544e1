// Linked and unlinked references under a page: grouped by page with breadcrumbs and children,
// edited in place (the change lands on the block's own page), filters remembered per page,
// more groups as you scroll, Link / Link all with its impact first and one Ctrl+Z to undo.
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { editor, outlineText, signUp, waitSaved } from "./helpers";

type Address = { daily: string } | { title: string };
type Line = { uid?: string; content: string; parent?: string };

/** Writes blocks through the API, as another tab would have: top level unless a parent uid is given. */
async function write(page: Page, address: Address, lines: Line[]): Promise<string[]> {
  const uids = lines.map((line) => line.uid ?? randomUUID().replace(/-/g, "").slice(0, 9));
  const ops = lines.map((line, index) => ({
    id: randomUUID(),
    page: address,
    op: { type: "create", uid: uids[index], parent: line.parent ?? null, order: `a${index}`, content: line.content },
  }));
  const response = await page.request.post("/api/ops", { data: { ops } });
  expect(response.status()).toBe(200);
  return uids;
}

const linked = (page: Page) => page.getByRole("region", { name: "Linked references" });
const unlinked = (page: Page) => page.getByRole("region", { name: "Unlinked references" });

test("linked references: grouped by page, newest day first, with breadcrumbs and children, edited in place", async ({ page }) => {
  await signUp(page);
  await write(page, { daily: "2026-11-20" }, [{ content: "met [[Vincent Chan]] for lunch" }]);
  await write(page, { daily: "2026-11-25" }, [
    { uid: "meeting01", content: "Team meeting" },
    { uid: "vincent01", content: "#[[Vincent Chan]] presents", parent: "meeting01" },
    { content: "slides are ready", parent: "vincent01" },
  ]);
  await write(page, { title: "People" }, [{ content: "Friend:: [[Vincent Chan]]" }]);

  await page.goto(`/page/${encodeURIComponent("Vincent Chan")}`);
  const refs = linked(page);
  await expect(refs.getByRole("heading", { name: "3 Linked References" })).toBeVisible();
  await expect(refs.getByRole("heading", { level: 3 })).toHaveText(["November 25th, 2026", "November 20th, 2026", "People"]);
  const day = refs.getByRole("region", { name: "November 25th, 2026" });
  await expect(day.getByRole("navigation", { name: "Breadcrumb" })).toHaveText("Team meeting");
  await expect.poll(() => outlineText(day)).toEqual(["#Vincent Chan presents", "  slides are ready"]);

  // Editing a child in place, then Enter: the new block is on November 25th's page.
  await day.getByText("slides are ready").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type(" and printed");
  await page.keyboard.press("Enter");
  await page.keyboard.type("bring a clicker");
  await page.keyboard.press("Escape");
  await waitSaved(page);
  await expect.poll(() => outlineText(day)).toEqual(["#Vincent Chan presents", "  slides are ready and printed", "  bring a clicker"]);

  // The group folds.
  await day.getByRole("button", { name: "Collapse November 25th, 2026" }).click();
  await expect(day.getByRole("treeitem")).toHaveCount(0);

  await page.goto("/page/November%2025th%2C%202026");
  const outline = page.getByRole("tree", { name: "November 25th, 2026" });
  await expect(outline.getByRole("treeitem")).toHaveCount(4);
  await expect.poll(() => outlineText(outline)).toEqual(["Team meeting", "  #Vincent Chan presents", "    slides are ready and printed", "    bring a clicker"]);
});

test("Enter in the reference itself adds a child that stays in view; Backspace and Shift+Tab stay inside it", async ({ page }) => {
  await signUp(page);
  await write(page, { daily: "2026-11-10" }, [{ content: "before" }, { content: "call [[Henry]]" }]);
  await page.goto("/page/Henry");
  const group = linked(page).getByRole("region", { name: "November 10th, 2026" });
  await group.getByText("call").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type("agenda");
  // Shift+Tab would move it out of the reference: refused, as in a zoomed view.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Home");
  await page.keyboard.press("Backspace");
  await expect(editor(page)).toHaveText("call [[Henry]]agenda");
  await page.keyboard.press("End");
  await page.keyboard.press("Backspace");
  // At the start of the reference itself, Backspace does not merge into the block above it on its page.
  await page.keyboard.press("Home");
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Escape");
  await waitSaved(page);
  await page.goto("/page/November%2010th%2C%202026");
  await expect.poll(() => outlineText(page.getByRole("tree", { name: "November 10th, 2026" }))).toEqual(["before", "call [[Henry]]agend"]);
});

test("filters: only references that also link a page, or without them; remembered for the page", async ({ page }) => {
  await signUp(page);
  await write(page, { daily: "2026-11-01" }, [{ content: "[[Loam]] at [[Work]]" }, { content: "[[Loam]] at #Home" }]);
  await write(page, { daily: "2026-11-02" }, [{ content: "[[Loam]] alone" }]);
  await page.goto("/page/Loam");
  const refs = linked(page);
  await expect(refs.getByRole("heading", { name: "3 Linked References" })).toBeVisible();
  await refs.getByRole("button", { name: "Filter" }).click();
  const choices = refs.getByRole("group", { name: "Filter by page" });
  await choices.getByRole("button", { name: /^Work/ }).click();
  await expect(refs.getByRole("heading", { name: "1 Linked Reference" })).toBeVisible();
  await expect(refs.getByRole("treeitem")).toHaveText(["[[Loam]] at [[Work]]"]);
  await choices.getByRole("button", { name: /^Home/ }).click({ modifiers: ["Shift"] });
  await expect(refs.getByRole("list", { name: "Filters in use" })).toContainText("Only with Work");
  await expect(refs.getByRole("list", { name: "Filters in use" })).toContainText("Without Home");

  await page.reload();
  await expect(linked(page).getByRole("heading", { name: "1 Linked Reference" })).toBeVisible();
  await linked(page).getByRole("button", { name: "Remove filter Work" }).click();
  await expect(linked(page).getByRole("heading", { name: "2 Linked References" })).toBeVisible();
  await expect(linked(page).getByRole("treeitem")).toHaveText(["[[Loam]] alone", "[[Loam]] at [[Work]]"]);
});

test("a page with many references loads more groups as you scroll", async ({ page }) => {
  await signUp(page);
  for (let d = 1; d <= 25; d += 1) await write(page, { daily: `2026-09-${String(d).padStart(2, "0")}` }, [{ content: `day ${d} #Hub` }]);
  await page.goto("/page/Hub");
  const refs = linked(page);
  await expect(refs.getByRole("heading", { name: "25 Linked References" })).toBeVisible();
  await expect(refs.getByRole("heading", { level: 3 }).first()).toHaveText("September 25th, 2026");
  const groups = refs.getByRole("heading", { level: 3 });
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(groups).toHaveCount(25, { timeout: 1_000 });
  }).toPass();
  await expect(refs.getByRole("heading", { level: 3 }).last()).toHaveText("September 1st, 2026");
  await expect(refs.getByRole("button", { name: "More references" })).toHaveCount(0);
});

test("unlinked references: Link one, Link all after saying what it will do, one Ctrl+Z undoes it", async ({ page }) => {
  await signUp(page);
  await write(page, { title: "Tom Lui" }, [{ content: "about Tom" }]);
  await write(page, { daily: "2026-11-03" }, [{ content: "lunch with tom lui and Tom Lui" }, { content: "Tom Luis is not him" }]);
  await write(page, { daily: "2026-11-04" }, [{ content: "call Tom Lui" }]);
  await write(page, { title: "Notes" }, [{ content: "(Tom Lui) said hi" }, { content: "ask Tom Lui" }]);
  await page.goto(`/page/${encodeURIComponent("Tom Lui")}`);
  await expect(linked(page).getByRole("heading", { name: "0 Linked References" })).toBeVisible();

  const section = unlinked(page);
  await section.getByRole("button", { name: "Unlinked References" }).click();
  await expect(section.getByRole("button", { name: "4 Unlinked References" })).toBeVisible();
  await expect(section.getByRole("heading", { level: 3 })).toHaveText(["November 4th, 2026", "November 3rd, 2026", "Notes"]);

  // One block.
  await section.getByRole("region", { name: "November 4th, 2026" }).getByRole("button", { name: "Link" }).click();
  await expect(section.getByRole("button", { name: "3 Unlinked References" })).toBeVisible();
  await expect(linked(page).getByRole("heading", { name: "1 Linked Reference" })).toBeVisible();

  // All the rest: the impact first.
  await section.getByRole("button", { name: "Link all" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Link all mentions" });
  await expect(dialog).toContainText("Link 4 mentions on 2 pages?");
  await dialog.getByRole("button", { name: "Link" }).click();
  await expect(section.getByRole("button", { name: "0 Unlinked References" })).toBeVisible();
  await expect(linked(page).getByRole("heading", { name: "4 Linked References" })).toBeVisible();
  await expect(linked(page).getByRole("region", { name: "November 3rd, 2026" }).getByRole("treeitem")).toHaveText("lunch with tom lui and [[Tom Lui]]");

  // One Ctrl+Z takes back the whole "Link all" (both pages), and it is saved.
  await page.keyboard.press("Control+z");
  await expect(section.getByRole("button", { name: "3 Unlinked References" })).toBeVisible();
  await waitSaved(page);
  await page.goto("/page/Notes");
  await expect(page.getByRole("tree", { name: "Notes" }).getByRole("treeitem")).toHaveText(["(Tom Lui) said hi", "ask Tom Lui"]);
  await page.goto("/page/November%203rd%2C%202026");
  const day = page.getByRole("tree", { name: "November 3rd, 2026" });
  await expect(day.getByRole("treeitem")).toHaveText(["lunch with tom lui and Tom Lui", "Tom Luis is not him"]);
  // The text kept its spelling: links were removed, not retyped.
  await day.getByText("lunch with").click();
  await expect(editor(page)).toHaveText("lunch with tom lui and Tom Lui");
});
