// Copy, cut and paste of block trees through the browser's real clipboard: Loam's own flavour
// (children and props kept), Roam's and Logseq's markdown, HTML lists from web pages, plain
// paragraphs, and Ctrl+Shift+V as text.
import { expect, test, type Page } from "@playwright/test";
import { block, blur, editor, outlineText, signUp, today, waitSaved, writeBlocks } from "./helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function edit(page: Page, index: number): Promise<void> {
  await block(page, index).locator(":scope > .block-row .block-text").click();
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("End");
}

/** Puts text (and optionally HTML) on the system clipboard, as another app would. */
async function putOnClipboard(page: Page, plain: string, html?: string): Promise<void> {
  await page.evaluate(async ({ plain, html }) => {
    const items: Record<string, Blob> = { "text/plain": new Blob([plain], { type: "text/plain" }) };
    if (html !== undefined) items["text/html"] = new Blob([html], { type: "text/html" });
    await navigator.clipboard.write([new ClipboardItem(items)]);
  }, { plain, html });
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

async function clipboardHtml(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return item?.types.includes("text/html") ? (await item.getType("text/html")).text() : "";
  });
}

/** Starts today's page with an empty block being edited. */
async function startEmpty(page: Page): Promise<void> {
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(page)).toBeFocused();
}

test("Ctrl+C on a selection copies Roam's markdown and nested HTML; pasting inside Loam keeps children and props", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Heading", "child one", "child two", "after"]);
  await edit(page, 0);
  await page.keyboard.press("Control+Alt+2");
  await edit(page, 1);
  await page.keyboard.press("Tab");
  await edit(page, 2);
  await page.keyboard.press("Tab");
  await blur(page);
  await expect.poll(() => outlineText(today(page))).toEqual(["Heading", "  child one", "  child two", "after"]);

  await edit(page, 0);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+c");
  await expect.poll(() => clipboardText(page)).toBe("- Heading\n    - child one\n    - child two");
  const html = await clipboardHtml(page);
  expect(html).toContain("<ul");
  expect(html).toMatch(/<li>Heading<ul[^>]*><li>child one<\/li><li>child two<\/li><\/ul><\/li>/);

  // Paste into a new empty block at the end: the tree comes back with its heading.
  await edit(page, 3);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+v");
  await expect.poll(() => outlineText(today(page))).toEqual([
    "Heading", "  child one", "  child two", "after", "Heading", "  child one", "  child two",
  ]);
  await expect(block(page, 4).locator(":scope > .block-row .heading-2")).toBeVisible();
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual([
    "Heading", "  child one", "  child two", "after", "Heading", "  child one", "  child two",
  ]);
  await expect(block(page, 4).locator(":scope > .block-row .heading-2")).toBeVisible();
});

test("Ctrl+X cuts the selected blocks; pasting puts them back elsewhere", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["one", "two", "three"]);
  await edit(page, 0);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+ArrowDown");
  await page.keyboard.press("Control+x");
  await expect.poll(() => outlineText(today(page))).toEqual(["three"]);
  // The caret goes to the block where the cut ones were.
  await expect(editor(page)).toBeFocused();
  await expect(editor(page)).toHaveText("three");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+v");
  await expect.poll(() => outlineText(today(page))).toEqual(["three", "one", "two"]);
  // A paste is one change to undo, and redo.
  await page.keyboard.press("Control+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["three", ""]);
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => outlineText(today(page))).toEqual(["three", "one", "two"]);
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["three", "one", "two"]);
});

test("pasting Roam's 4-space markdown, Logseq's tabs and an HTML list creates the trees, levels relative to the block", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["top", "inner"]);
  await edit(page, 1);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await putOnClipboard(page, "- Roam a\n    - Roam b\n        - Roam c\n- Roam d\n");
  await page.keyboard.press("Control+v");
  await expect.poll(() => outlineText(today(page))).toEqual(["top", "  inner", "  Roam a", "    Roam b", "      Roam c", "  Roam d"]);

  await page.keyboard.press("Enter");
  await putOnClipboard(page, "- Logseq a\r\n\t- Logseq b\r\n\t  continued\r\n");
  await page.keyboard.press("Control+v");
  // The caret is at the end of the last pasted block, whose second line is a line break.
  await expect(editor(page)).toHaveText("Logseq bcontinued");
  await blur(page);
  await expect.poll(() => outlineText(today(page))).toEqual([
    "top", "  inner", "  Roam a", "    Roam b", "      Roam c", "  Roam d", "  Logseq a", "    Logseq b\ncontinued",
  ]);

  // Below the page's last top-level block, a list copied from a web page.
  await edit(page, 0);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  const html = '<meta charset="utf-8"><ul style="color: red"><li><p>Web <b>bold</b> &amp; more</p><ol><li>nested <a href="https://example.com/page">link</a></li></ol></li><li>second</li></ul>';
  await putOnClipboard(page, "Web bold & more\nnested link\nsecond", html);
  await page.keyboard.press("Control+v");
  const expected = [
    "top", "  inner", "  Roam a", "    Roam b", "      Roam c", "  Roam d", "  Logseq a", "    Logseq b\ncontinued",
    "Web bold & more", "  nested link", "second",
  ];
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
  await edit(page, 8);
  await expect(editor(page)).toHaveText("Web **bold** & more");
  await edit(page, 9);
  await expect(editor(page)).toHaveText("nested [link](https://example.com/page)");
});

test("plain paragraphs become one block each; a single line pastes into the block; Ctrl+Shift+V pastes all as text", async ({ page }) => {
  await signUp(page);
  await startEmpty(page);
  await page.keyboard.type("Note: ");
  await putOnClipboard(page, "just one line");
  await page.keyboard.press("Control+v");
  await expect(editor(page)).toHaveText("Note: just one line");
  await page.keyboard.type("!");
  await expect(editor(page)).toHaveText("Note: just one line!");

  await page.keyboard.press("Enter");
  await putOnClipboard(page, "First paragraph\nstill first.\n\nSecond paragraph.\n\nThird.");
  await page.keyboard.press("Control+v");
  await expect.poll(() => outlineText(today(page))).toEqual([
    "Note: just one line!", "First paragraph\nstill first.", "Second paragraph.", "Third.",
  ]);

  await page.keyboard.press("Enter");
  await putOnClipboard(page, "- a\n    - b");
  await page.keyboard.press("Control+Shift+v");
  await expect(editor(page)).toHaveText("- a    - b");
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual([
    "Note: just one line!", "First paragraph\nstill first.", "Second paragraph.", "Third.", "- a\n    - b",
  ]);
});

test("Ctrl+V with blocks selected pastes the outline after them", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["one", "two"]);
  await edit(page, 0);
  await page.keyboard.press("Escape");
  await putOnClipboard(page, "- pasted a\n    - pasted child\n- pasted b");
  await page.keyboard.press("Control+v");
  await expect.poll(() => outlineText(today(page))).toEqual(["one", "pasted a", "  pasted child", "pasted b", "two"]);
  await blur(page);
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(["one", "pasted a", "  pasted child", "pasted b", "two"]);
});

