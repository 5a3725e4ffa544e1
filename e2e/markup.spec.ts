// Block markup as a reader sees it: every construct rendered, TODO boxes and mood sliders that
// work and persist.
import { expect, test, type Page } from "@playwright/test";
import { block, blur, editor, signUp, today, todayIso, waitSaved, writeBlocks } from "./helpers";

async function textOf(page: Page, index: number): Promise<string> {
  const view = (await (await page.request.get(`/api/daily/${await todayIso(page)}`)).json()) as { blocks: { uid: string; content: string }[] };
  const uid = await block(page, index).getAttribute("data-uid");
  return view.blocks.find((b) => b.uid === uid)?.content ?? "";
}

test("every construct renders as described", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, [
    "Call [[Henry Tang]] about [[[[A]]'s Notes]] and [[a/b]] #urgent #[[multi word]].",
    "[label]([[Vincent Chan]]) [site](https://example.com/x) [#product-hk](https://example.com/hk) see https://roamresearch.com.",
    "[bad](javascript:alert(1)) ![a cat](https://example.com/cat.png)",
    "Status:: **bold** __italic__ ^^high^^ ~~gone~~ `[[not a link]]` $$e^{i\\pi}+1=0$$",
    "> quoted [[Link]]",
    "{{[[TODO]]}} open task",
    "{{[[DONE]]}} finished task",
    "{{query: {and: [[a]] [[b]]}}}",
    "```clojure\n(def x [[not a link]])\n```",
  ]);
  const day = today(page);

  const henry = day.getByRole("link", { name: "[[Henry Tang]]" });
  await expect(henry).toHaveAttribute("href", "/page/Henry%20Tang");
  await expect(day.locator('a.page-link[href="/page/%5B%5BA%5D%5D\'s%20Notes"]')).toBeVisible();
  await expect(day.locator("a.page-link[href='/page/a%2Fb']")).toHaveText("[[a/b]]");
  await expect(day.locator("a.tag[href='/page/urgent']")).toHaveText("#urgent");
  await expect(day.locator("a.tag[href='/page/multi%20word']")).toHaveText("#multi word");

  await expect(day.getByRole("link", { name: "label", exact: true })).toHaveAttribute("href", "/page/Vincent%20Chan");
  await expect(day.getByRole("link", { name: "site" })).toHaveAttribute("href", "https://example.com/x");
  const hk = day.getByRole("link", { name: "#product-hk" });
  await expect(hk).toHaveAttribute("href", "https://example.com/hk");
  await expect(day.locator("a.tag", { hasText: "product-hk" })).toHaveCount(0);
  await expect(day.getByRole("link", { name: "https://roamresearch.com" })).toHaveAttribute("href", "https://roamresearch.com/");

  // A javascript: target is not a link; the source shows as text.
  await expect(day.getByRole("link", { name: "bad" })).toHaveCount(0);
  await expect(block(page, 2)).toContainText("[bad](javascript:alert(1))");
  await expect(day.getByRole("img", { name: "a cat" })).toHaveAttribute("src", "https://example.com/cat.png");

  const styles = block(page, 3);
  await expect(styles.locator("a.attribute-key")).toHaveText("Status:");
  await expect(styles.locator("strong")).toHaveText("bold");
  await expect(styles.locator("em")).toHaveText("italic");
  await expect(styles.locator("mark")).toHaveText("high");
  await expect(styles.locator("del")).toHaveText("gone");
  await expect(styles.locator("code")).toHaveText("[[not a link]]");
  await expect(styles.getByRole("link", { name: "[[not a link]]" })).toHaveCount(0);
  await expect(styles.locator(".katex")).toHaveCount(1);
  expect(await styles.locator("code").evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);

  await expect(block(page, 4).locator("blockquote")).toContainText("quoted");
  await expect(block(page, 5).getByRole("checkbox")).not.toBeChecked();
  const done = block(page, 6);
  await expect(done.getByRole("checkbox")).toBeChecked();
  expect(await done.locator(".block-text").evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain("line-through");
  await expect(block(page, 7).locator(".component")).toHaveText("{{query: {and: [[a]] [[b]]}}}");
  const fenced = block(page, 8).locator("pre");
  await expect(fenced).toHaveAttribute("data-lang", "clojure");
  await expect(fenced).toHaveText("(def x [[not a link]])\n");
  await expect(block(page, 8).locator(".block-text").getByRole("link")).toHaveCount(0);

  // Links are followed, not edited.
  await henry.click();
  await expect(page).toHaveURL(/\/page\/Henry%20Tang$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Henry Tang");
});

test("block references show the target's text, embeds its subtree, and a missing target says so", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["The referenced idea", "a child of it"]);
  await block(page, 1).locator(".block-text").click();
  await page.keyboard.press("Tab");
  await blur(page);
  const uid = await block(page, 0).getAttribute("data-uid");
  await block(page, 1).locator(".block-text").click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type(`see ((${uid})) and ((missinguid))`);
  await page.keyboard.press("Enter");
  await page.keyboard.type(`{{embed: ((${uid}))}}`);
  await page.keyboard.press("Enter");
  await page.keyboard.type(`{{[[embed]]: ((${uid}))}} {{embed: [[Reading list]]}}`);
  await blur(page);
  await waitSaved(page);
  await page.reload();

  const ref = block(page, 2);
  await expect(ref.locator(`.block-ref[data-ref-uid="${uid}"]`)).toHaveText("The referenced idea");
  await expect(ref.getByRole("note")).toHaveText("block not found: ((missinguid))");
  const embed = block(page, 3).locator(".embed");
  await expect(embed).toContainText("The referenced idea");
  await expect(embed).toContainText("a child of it");
  const both = block(page, 4).locator(".embed");
  await expect(both.nth(0)).toContainText("a child of it");
  await expect(both.nth(1)).toContainText("Reading list");
  await expect(both.nth(1)).toContainText("This page is empty.");

  // The embedded page, once written on, shows its outline.
  await page.goto("/page/Reading%20list");
  await page.getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("Gödel, Escher, Bach");
  await waitSaved(page);
  await page.goto("/");
  await expect(block(page, 4).locator(".embed").nth(1)).toContainText("Gödel, Escher, Bach");
});

test("a heading prop renders the block as a heading", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["Big idea"]);
  const uid = await block(page, 0).getAttribute("data-uid");
  const response = await page.request.post("/api/ops", {
    data: { ops: [{ id: `heading-${uid}`, page: { daily: await todayIso(page) }, op: { type: "setProps", uid, props: { heading: 1 } } }] },
  });
  expect(response.ok()).toBe(true);
  await page.reload();
  const text = block(page, 0).locator(".block-text");
  expect(Number.parseFloat(await text.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThan(20);
});

test("ticking a TODO box makes it DONE in the text and it stays after a reload", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["{{[[TODO]]}} water the plants", "{{TODO}} unbracketed"]);
  await block(page, 0).getByRole("checkbox").check();
  await expect(block(page, 0).locator(".block-text")).toHaveClass(/done/);
  await expect(editor(page)).toHaveCount(0);
  await block(page, 1).getByRole("checkbox").check();
  await waitSaved(page);
  expect(await textOf(page, 0)).toBe("{{[[DONE]]}} water the plants");
  expect(await textOf(page, 1)).toBe("{{DONE}} unbracketed");
  await page.reload();
  await expect(block(page, 0).getByRole("checkbox")).toBeChecked();
  await block(page, 0).getByRole("checkbox").uncheck();
  await waitSaved(page);
  await page.reload();
  await expect(block(page, 0).getByRole("checkbox")).not.toBeChecked();
  expect(await textOf(page, 0)).toBe("{{[[TODO]]}} water the plants");
});

test("mood sliders: unset reads 'not rated'; keyboard and mouse moves persist, each slider its own", async ({ page }) => {
  await signUp(page);
  await writeBlocks(page, ["[[How do you feel when you wake up?]] {{slider}}", "two: {{[[slider]]}} and <<slider>>"]);
  const first = block(page, 0).getByRole("slider");
  await expect(block(page, 0).locator("output")).toHaveText("not rated");

  await first.focus();
  await page.keyboard.press("ArrowRight"); // from the middle: 6
  await page.keyboard.press("ArrowRight"); // 7
  await expect(block(page, 0).locator("output")).toHaveText("7");

  // Mouse: click near the right end of the second block's first slider, then the second near the left.
  const [a, b] = [block(page, 1).getByRole("slider").nth(0), block(page, 1).getByRole("slider").nth(1)];
  const boxA = await a.boundingBox();
  const boxB = await b.boundingBox();
  if (!boxA || !boxB) throw new Error("sliders not laid out");
  await page.mouse.click(boxA.x + boxA.width - 2, boxA.y + boxA.height / 2);
  await page.mouse.click(boxB.x + 2, boxB.y + boxB.height / 2);
  await expect(block(page, 1).locator("output").nth(0)).toHaveText("10");
  await expect(block(page, 1).locator("output").nth(1)).toHaveText("0");
  await expect(editor(page)).toHaveCount(0);
  await waitSaved(page);

  await page.reload();
  await expect(block(page, 0).getByRole("slider")).toHaveValue("7");
  await expect(block(page, 0).locator("output")).toHaveText("7");
  await expect(block(page, 1).getByRole("slider").nth(0)).toHaveValue("10");
  await expect(block(page, 1).getByRole("slider").nth(1)).toHaveValue("0");
  // The text is untouched: the values live in the block's props.
  expect(await textOf(page, 1)).toBe("two: {{[[slider]]}} and <<slider>>");
});
