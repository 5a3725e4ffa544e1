// What every browser test needs: a brand-new account (so each test has its own graph), and
// ways to read the outline back as a person sees it.
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";

export const PASSWORD = "correct horse battery staple";

export function freshEmail(label = "user"): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

export async function signUp(page: Page, email = freshEmail()): Promise<string> {
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  // Hashing the password (argon2id) takes a while on a busy 2-core machine.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(todayTitle(page), { timeout: 30_000 });
  return email;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Roam's title for the browser's today, computed the same way a reader would check it. */
export function todayTitle(_page: Page): RegExp {
  const now = new Date();
  const month = now.toLocaleString("en-US", { month: "long" });
  const day = now.getDate();
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return new RegExp(`^${month} ${day}${suffix}, ${now.getFullYear()}$`);
}

/** Today's page (the first daily page). */
export function today(page: Page): Locator {
  return page.locator("article.daily-page").first();
}

export function editor(page: Page): Locator {
  return page.getByRole("textbox");
}

/** The outline as indented lines ("  " per level), read from the tree's items. */
export async function outlineText(scope: Locator): Promise<string[]> {
  return scope.locator('[role="treeitem"]').evaluateAll((items) =>
    items.map((item) => {
      const level = Number(item.getAttribute("aria-level") ?? "1");
      const row = item.querySelector(":scope > .block-row");
      const text = row?.querySelector(".block-text, [role=textbox]")?.textContent ?? "";
      return `${"  ".repeat(level - 1)}${text}`;
    }),
  );
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole("banner").getByRole("status")).toHaveText("Saved", { timeout: 15_000 });
}

/** Starts today's empty page and types `lines` as top-level blocks ("\n": Shift+Enter), then leaves the editor. */
export async function writeBlocks(page: Page, lines: string[]): Promise<void> {
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(page)).toBeFocused();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press("Enter");
    // A line break inside a block is Shift+Enter.
    for (const [part, text] of line.split("\n").entries()) {
      if (part > 0) await page.keyboard.press("Shift+Enter");
      await page.keyboard.type(text);
    }
  }
  await blur(page);
  await waitSaved(page);
}

/**
 * Clicks outside any block (the empty margin left of the page column), so every block shows
 * rendered. Not the title: a page's title is renamed on click.
 */
export async function blur(page: Page): Promise<void> {
  await page.mouse.click(4, 300);
  await expect(editor(page)).toHaveCount(0);
}

export function block(page: Page, index: number): Locator {
  return today(page).getByRole("treeitem").nth(index);
}

/** The browser's today as yyyy-MM-dd: the day the app shows on "/". */
export async function todayIso(page: Page): Promise<string> {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
}

/** A second tab of the account `email`, on `baseURL` (default: the same server), with its live updates connected. */
export async function secondTab(browser: Browser, email: string, baseURL?: string): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  const connected = page.waitForResponse((response) => response.url().includes("/api/events") && response.ok());
  await signIn(page, email);
  // Hashing the password (argon2id) takes a while on a busy 2-core machine.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(todayTitle(page), { timeout: 30_000 });
  await connected;
  return page;
}

/** Puts the caret at the end of block `index` of today's page. */
export async function editAtEnd(page: Page, index: number): Promise<void> {
  await block(page, index).locator(".block-text").first().click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
}

/** The outline of the page on a /page/<title> screen: its own blocks, not its linked references below. */
export function pageOutline(page: Page): Locator {
  return page.locator("article.page > [role=tree]");
}
