// Live updates: two tabs of one account (two browser contexts signed in with the same e-mail)
// see each other's changes within about a second, through server-sent events fed by
// PostgreSQL's LISTEN/NOTIFY — also when the tabs talk to two different app servers. Remote
// changes leave the caret and the typing of the focused block alone.
import { expect, test } from "@playwright/test";
import { block, editAtEnd, editor, outlineText, secondTab, signUp, today, waitSaved, writeBlocks } from "./helpers";

/** A remote change must show within this long (the issue asks for a second; the rest is slack for a loaded CI machine). */
const LIVE = { timeout: 2_000 };

test("typing in one tab shows in another tab of the same page within a second", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["first thought"]);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["first thought"]);

  await editAtEnd(page, 0);
  await page.keyboard.type(", continued");
  const typed = Date.now();
  await expect(today(other).getByRole("treeitem").first()).toHaveText("first thought, continued", LIVE);
  const shown = Date.now();
  // From the last keystroke: the editor holds typing for 150 ms, the save queue waits 300 ms.
  test.info().annotations.push({ type: "latency", description: `last keystroke in A → shown in B: ${shown - typed} ms` });
  await waitSaved(page);

  // Structure travels too: Enter in A makes a new block in B, Tab indents it there.
  await page.keyboard.press("Enter");
  await page.keyboard.type("a child");
  await page.keyboard.press("Tab");
  await expect.poll(() => outlineText(today(other)), LIVE).toEqual(["first thought, continued", "  a child"]);
  await other.context().close();
});

test("simultaneous edits of different blocks in two tabs both survive", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["one", "two", "three"]);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["one", "two", "three"]);

  await editAtEnd(page, 0);
  await editAtEnd(other, 2);
  // Both type at the same time, each in its own block.
  await Promise.all([page.keyboard.type(" from A", { delay: 30 }), other.keyboard.type(" from B", { delay: 30 })]);
  await Promise.all([waitSaved(page), waitSaved(other)]);

  const both = ["one from A", "two", "three from B"];
  await expect.poll(() => outlineText(today(page)), LIVE).toEqual(both);
  await expect.poll(() => outlineText(today(other)), LIVE).toEqual(both);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(both);
  await other.context().close();
});

test("a tab typing in one block keeps its caret and text while another tab changes a different block", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["typed here", "changed there"]);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["typed here", "changed there"]);

  // B's caret sits inside its block, after "typed": what B types goes there.
  await editAtEnd(other, 0);
  for (let i = 0; i < " here".length; i++) await other.keyboard.press("ArrowLeft");
  // About three seconds of typing, never pausing long enough for the editor to let go of it.
  let typed = false;
  const typing = other.keyboard.type(" and typed on, all the while", { delay: 100 }).then(() => (typed = true));
  // Meanwhile A changes the other block and saves it; B sees it while still typing.
  await editAtEnd(page, 1);
  await page.keyboard.type(" by A");
  await expect(block(other, 1)).toHaveText("changed there by A", LIVE);
  expect(typed).toBe(false);
  await typing;

  // B's editor never lost focus, its text, or where the caret was.
  await expect(editor(other)).toBeFocused();
  await expect(editor(other)).toHaveText("typed and typed on, all the while here");
  await other.keyboard.type("!");
  await expect(editor(other)).toHaveText("typed and typed on, all the while! here");
  await waitSaved(other);

  const both = ["typed and typed on, all the while! here", "changed there by A"];
  await expect.poll(() => outlineText(today(page)), LIVE).toEqual(both);
  await other.reload();
  await expect.poll(() => outlineText(today(other))).toEqual(both);
  await other.context().close();
});

test("another tab's change to the block being edited shows in its editor, the caret staying in place", async ({ page, browser }) => {
  const email = await signUp(page);
  await writeBlocks(page, ["middle"]);
  const other = await secondTab(browser, email);
  await expect.poll(() => outlineText(today(other))).toEqual(["middle"]);

  // B edits the block, caret before "dle", and pauses (nothing typed is waiting).
  await editAtEnd(other, 0);
  for (let i = 0; i < "dle".length; i++) await other.keyboard.press("ArrowLeft");
  // A writes after B's caret, then before it.
  await editAtEnd(page, 0);
  await page.keyboard.type(" end");
  await waitSaved(page);
  await expect(editor(other)).toHaveText("middle end", LIVE);
  await page.keyboard.press("Home");
  await page.keyboard.type("start ");
  await waitSaved(page);
  await expect(editor(other)).toHaveText("start middle end", LIVE);
  await expect(editor(other)).toBeFocused();
  // The caret moved with its text: still before "dle".
  await other.keyboard.type("|");
  await expect(editor(other)).toHaveText("start mid|dle end");
  await waitSaved(other);
  await expect.poll(() => outlineText(today(page)), LIVE).toEqual(["start mid|dle end"]);
  await other.context().close();
});

test("an edit through one app server appears in a tab on another app server", async ({ page, browser }) => {
  const secondServer = process.env.E2E_BASE_URL_2;
  // scripts/e2e.ts starts the second server: without it this test cannot run, and must not pass.
  if (!secondServer) throw new Error("E2E_BASE_URL_2 is not set: run this through scripts/e2e.ts, which starts a second app server");
  const email = await signUp(page);
  await writeBlocks(page, ["said on server one"]);
  const elsewhere = await secondTab(browser, email, secondServer);
  expect(new URL(elsewhere.url()).origin).toBe(secondServer);
  await expect.poll(() => outlineText(today(elsewhere))).toEqual(["said on server one"]);

  await editAtEnd(page, 0);
  await page.keyboard.type(", heard on server two");
  await expect(block(elsewhere, 0)).toHaveText("said on server one, heard on server two", LIVE);
  await page.keyboard.press("Enter");
  await page.keyboard.type("new block via one");
  await expect.poll(() => outlineText(today(elsewhere)), LIVE).toEqual(["said on server one, heard on server two", "new block via one"]);

  // And back: an edit through server two appears in the tab on server one.
  await editAtEnd(elsewhere, 1);
  await elsewhere.keyboard.type(" and two");
  await expect(block(page, 1)).toHaveText("new block via one and two", LIVE);
  await elsewhere.context().close();
});
