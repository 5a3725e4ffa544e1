// Getting around: the header's links, the date picker, previous/next day on a daily page,
// Alt+D back to today's notes (even while typing), and the "All pages" table.
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { editor, outlineText, signUp, today, todayIso, todayTitle, waitSaved, writeBlocks } from "./helpers";

/** Roam's title of an ISO day, computed here independently of the app. */
function titleOf(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  const day = date.getUTCDate();
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `${date.toLocaleString("en-US", { month: "long", timeZone: "UTC" })} ${day}${suffix}, ${date.getUTCFullYear()}`;
}

function shift(iso: string, days: number): string {
  const date = new Date(`${iso}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Writes blocks straight through the API (as the save queue would), on page `page`. */
async function writeThroughApi(page: Page, address: { title: string } | { daily: string }, contents: string[]): Promise<void> {
  const ops = contents.map((content, index) => ({
    id: randomUUID(),
    page: address,
    op: { type: "create", uid: `b${randomUUID().slice(0, 8)}`, parent: null, order: `a${index}`, content },
  }));
  const response = await page.request.post("/api/ops", { data: { ops } });
  expect(response.ok()).toBe(true);
}

test("the date picker opens any day; previous and next day; Alt+D comes back to today, also while typing", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["today's note"]);
  const todayDay = await todayIso(page);
  const lastWeek = shift(todayDay, -7);

  const main = page.getByRole("navigation", { name: "Main" });
  await main.getByRole("button", { name: "Go to date" }).click();
  await main.getByLabel("Go to date").fill(lastWeek);
  await expect(page).toHaveURL(new RegExp(`/page/${encodeURIComponent(titleOf(lastWeek)).replace(/[()]/g, "\\$&")}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleOf(lastWeek));
  const days = page.getByRole("navigation", { name: "Days" });
  await expect(days.getByRole("link")).toHaveText([`‹ ${titleOf(shift(lastWeek, -1))}`, `${titleOf(shift(lastWeek, 1))} ›`]);
  await days.getByRole("link", { name: `${titleOf(shift(lastWeek, 1))} ›` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleOf(shift(lastWeek, 1)));

  // Visiting days stores nothing: a daily page exists once something is written on it.
  const listed = await page.request.get("/api/pages/all?size=200");
  expect(((await listed.json()) as { pages: { title: string }[] }).pages.map((entry) => entry.title)).toEqual([titleOf(todayDay)]);

  // Writing on the day shown, then Alt+D from inside the editor.
  await page.getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("a note for that day");
  await page.keyboard.press("Alt+d");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(todayTitle(page));
  await expect.poll(() => outlineText(today(page))).toEqual(["today's note"]);
  await waitSaved(page);
  // The day written on now shows in the stream below today, its title a link to its page.
  const earlier = page.getByRole("heading", { level: 2, name: titleOf(shift(lastWeek, 1)) });
  await expect(earlier).toBeVisible();
  await earlier.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(titleOf(shift(lastWeek, 1)));
  await expect(editor(page)).toHaveCount(0);
});

test("All pages: references, blocks, sorting, filtering and pages of 50", async ({ page }) => {
  await signUp(page);
  const many = Array.from({ length: 55 }, (_, i) => `[[Topic ${String(i + 1).padStart(2, "0")}]]`).join(" ");
  await writeThroughApi(page, { title: "Hub" }, ["[[Beta]] and [[Alpha]]", "[[Beta]] again", "#Gamma", many]);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "All pages" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All pages");
  // Hub, Alpha, Beta, Gamma and 55 topics.
  await expect(page.getByRole("status").filter({ hasText: "pages" })).toHaveText("59 pages");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(51);

  await page.getByRole("button", { name: "References" }).click();
  await expect(page.getByRole("columnheader", { name: "References" })).toHaveAttribute("aria-sort", "descending");
  await expect(rows.nth(1).getByRole("cell")).toHaveText([/^Beta$/, "2", "0", /./, /./]);
  await page.getByRole("button", { name: "Blocks" }).click();
  await expect(rows.nth(1).getByRole("cell").first()).toHaveText("Hub");
  await expect(rows.nth(1).getByRole("cell").nth(2)).toHaveText("4");

  await page.getByRole("button", { name: "Title" }).click();
  await expect(page.getByRole("columnheader", { name: "Title" })).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.nth(1).getByRole("cell").first()).toHaveText("Alpha");
  await page.getByRole("navigation", { name: "Pages of the list" }).getByRole("button", { name: "Next ›" }).click();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(rows).toHaveCount(10);
  // Reload keeps sort and page (they are in the URL).
  await page.reload();
  await expect(page.getByText("Page 2 of 2")).toBeVisible();
  await expect(rows.nth(1).getByRole("cell").first()).toHaveText("Topic 47");

  await page.getByLabel("Filter pages by title").fill("alp");
  await expect(page.getByRole("status").filter({ hasText: "page" })).toHaveText("1 page");
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByRole("link", { name: "Alpha" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alpha");
});
