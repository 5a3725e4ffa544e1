// Typing help in the block editor as a person meets it: brackets and quotes that close
// themselves, the [[ / # / (( pickers, and the slash menu.
import { expect, test, type Page } from "@playwright/test";
import { format } from "date-fns";
import { block, blur, editor, signUp, today, todayIso, waitSaved } from "./helpers";

/** What the server holds for today's blocks, in outline order of the page. */
async function savedTexts(page: Page): Promise<string[]> {
  const view = (await (await page.request.get(`/api/daily/${await todayIso(page)}`)).json()) as { blocks: { uid: string; content: string }[] };
  const uids = await today(page).getByRole("treeitem").evaluateAll((items) => items.map((item) => item.getAttribute("data-uid")));
  return uids.map((uid) => view.blocks.find((b) => b.uid === uid)?.content ?? "");
}

async function startWriting(page: Page): Promise<void> {
  await signUp(page);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(page)).toBeFocused();
}

function picker(page: Page, name: string) {
  return page.getByRole("listbox", { name });
}

test("brackets and quotes close themselves, closers step over, Backspace removes an empty pair", async ({ page }) => {
  await startWriting(page);
  const box = editor(page);

  await page.keyboard.type("(");
  await expect(box).toHaveText("()");
  await page.keyboard.type("a");
  await expect(box).toHaveText("(a)");
  await page.keyboard.type(") [");
  await expect(box).toHaveText("(a) []");
  await page.keyboard.press("Backspace");
  await expect(box).toHaveText("(a) ");
  await page.keyboard.type('say "hi" 5" it`s');
  await expect(box).toHaveText('(a) say "hi" 5" it`s');

  // Markup typed in full comes out exactly as typed: each closer steps over its auto-typed twin.
  await page.keyboard.press("Enter");
  const markup = "{{[[TODO]]}} call [[Vincent Chan]] about ((abc123xyz)) and `code` {{embed: [[Reading list]]}}";
  await page.keyboard.type(markup);
  await expect(box).toHaveText(markup);
  await expect(page.getByRole("listbox")).toHaveCount(0);

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(['(a) say "hi" 5" it`s', markup]);
});

test("[[ finds an existing page; Enter inserts it and the caret is after it", async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("met [[Vincent Chan]] today");
  await waitSaved(page); // the link made the page "Vincent Chan"
  await page.keyboard.press("Enter");
  await page.keyboard.type("call [[vinc");

  const pages = picker(page, "Pages");
  const vincent = pages.getByRole("option", { name: "Vincent Chan" });
  await expect(vincent).toBeVisible();
  await expect(vincent).toHaveAttribute("aria-selected", "true");
  // The editor points assistive technology at the popup and its highlighted option.
  await expect(editor(page)).toHaveAttribute("aria-controls", (await pages.getAttribute("id")) ?? "missing");
  await expect(editor(page)).toHaveAttribute("aria-activedescendant", (await vincent.getAttribute("id")) ?? "missing");
  // No exact match for what was typed: the last entry creates it.
  await expect(pages.getByRole("option").last()).toHaveText('Create page "vinc"');
  await page.keyboard.press("Enter");
  await expect(pages).toHaveCount(0);
  await expect(editor(page)).not.toHaveAttribute("aria-activedescendant", /.+/);
  await page.keyboard.type(" tomorrow");
  await expect(editor(page)).toHaveText("call [[Vincent Chan]] tomorrow");

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(["met [[Vincent Chan]] today", "call [[Vincent Chan]] tomorrow"]);
  await expect(block(page, 1).getByRole("link", { name: "[[Vincent Chan]]" })).toHaveAttribute("href", "/page/Vincent%20Chan");
});

test('the last entry, Create page "…", links a page that does not exist yet', async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("[[Brand new]]");
  await waitSaved(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type("[[Brand new idea");

  const options = picker(page, "Pages").getByRole("option");
  await expect(options.first()).toHaveText("Brand new");
  const create = options.last();
  await expect(create).toHaveText('Create page "Brand new idea"');
  await page.keyboard.press("ArrowDown");
  await expect(create).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await page.keyboard.type("!");
  await expect(editor(page)).toHaveText("[[Brand new idea]]!");

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(["[[Brand new]]", "[[Brand new idea]]!"]);
  const created = (await (await page.request.get("/api/pages?title=Brand%20new%20idea")).json()) as { page: { title: string } | null };
  expect(created.page?.title).toBe("Brand new idea");
});

test("# finds a two-word page and inserts it as #[[Two words]]", async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("about [[Two words]]");
  await waitSaved(page);
  await page.keyboard.press("Enter");
  await page.keyboard.type("tagged #two");

  const option = picker(page, "Pages").getByRole("option", { name: "Two words" });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Tab");
  await page.keyboard.type(" end");
  await expect(editor(page)).toHaveText("tagged #[[Two words]] end");

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(["about [[Two words]]", "tagged #[[Two words]] end"]);
  await expect(block(page, 1).locator("a.tag")).toHaveAttribute("href", "/page/Two%20words");
});

test("(( finds a block by its text and inserts a reference that renders as that block's text", async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("The referenced idea");
  await page.keyboard.press("Enter");
  await page.keyboard.type("something else");
  await waitSaved(page);
  const uid = await block(page, 0).getAttribute("data-uid");
  await page.keyboard.press("Enter");
  await page.keyboard.type("see ((referenced ide");

  const option = picker(page, "Blocks").getByRole("option", { name: /The referenced idea/ });
  await expect(option).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await page.keyboard.type(" again");
  await expect(editor(page)).toHaveText(`see ((${uid})) again`);

  await blur(page);
  await waitSaved(page);
  expect((await savedTexts(page))[2]).toBe(`see ((${uid})) again`);
  await expect(block(page, 2).locator(`.block-ref[data-ref-uid="${uid}"]`)).toHaveText("The referenced idea");
});

test("slash menu: TODO, Heading 1, Today and Code block", async ({ page }) => {
  await startWriting(page);
  const commands = picker(page, "Commands");

  await page.keyboard.type("buy milk /tod");
  await expect(commands.getByRole("option").first()).toHaveText("TODO");
  await page.keyboard.press("Enter");
  await page.keyboard.type("today");
  await expect(editor(page)).toHaveText("{{[[TODO]]}} buy milk today");

  await page.keyboard.press("Enter");
  await page.keyboard.type("/heading 1");
  await expect(commands.getByRole("option", { name: "Heading 1" })).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Big idea");
  await expect(editor(page)).toHaveText("Big idea");

  await page.keyboard.press("Enter");
  await page.keyboard.type("due /today");
  await page.keyboard.press("Enter");
  const todayTitle = format(new Date(), "MMMM do, yyyy");
  await expect(editor(page)).toHaveText(`due [[${todayTitle}]]`);

  await page.keyboard.press("Enter");
  await page.keyboard.type("/code");
  await page.keyboard.press("Enter");
  await page.keyboard.type("let x = 1;");

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(["{{[[TODO]]}} buy milk today", "Big idea", `due [[${todayTitle}]]`, "```\nlet x = 1;\n```"]);
  await expect(block(page, 0).getByRole("checkbox")).not.toBeChecked();
  const heading = block(page, 1).locator(".block-text");
  expect(Number.parseFloat(await heading.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThan(20);
  await expect(block(page, 2).getByRole("link", { name: `[[${todayTitle}]]` })).toHaveAttribute("href", `/page/${encodeURIComponent(todayTitle)}`);
  await expect(block(page, 3).locator("pre")).toHaveText("let x = 1;\n");
});

test("Esc closes a picker or the slash menu and leaves the text as typed", async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("[[Some");
  await expect(picker(page, "Pages")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(picker(page, "Pages")).toHaveCount(0);
  await expect(editor(page)).toBeFocused();
  await page.keyboard.type(" thing");
  await expect(picker(page, "Pages")).toHaveCount(0);

  await page.keyboard.press("End");
  await page.keyboard.type(" /tod");
  await expect(picker(page, "Commands")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(picker(page, "Commands")).toHaveCount(0);
  await page.keyboard.type("ay");
  // Enter, with no popup open, makes a new block as usual.
  await page.keyboard.press("Enter");
  await page.keyboard.type("next");

  await blur(page);
  await waitSaved(page);
  expect(await savedTexts(page)).toEqual(["[[Some thing]] /today", "next"]);
});

test("a slow search shows 'searching…' and never holds up typing", async ({ page }) => {
  await startWriting(page);
  await page.keyboard.type("[[Slow answers]]");
  await waitSaved(page);
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/search/pages**", async (route) => {
    await held;
    await route.continue();
  });

  await page.keyboard.press("Enter");
  await page.keyboard.type("[[slow");
  const pages = picker(page, "Pages");
  await expect(page.getByText("searching…")).toBeVisible();
  await page.keyboard.type(" ans");
  await expect(editor(page)).toHaveText("[[slow ans]]");
  // Meanwhile the picker offers what it can: creating the page as typed.
  await expect(pages.getByRole("option")).toHaveText(['Create page "slow ans"']);

  release();
  await expect(pages.getByRole("option", { name: "Slow answers" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByText("searching…")).toHaveCount(0);
  await page.keyboard.press("Enter");
  await expect(editor(page)).toHaveText("[[Slow answers]]");
  await page.unroute("**/api/search/pages**");
});
