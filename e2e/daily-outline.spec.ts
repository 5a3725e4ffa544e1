// The first slice end to end: sign up, write a nested outline on today's page, reload, it is there.
import { expect, test } from "@playwright/test";
import { editor, outlineText, signUp, today, todayIso, waitSaved } from "./helpers";

test("a new account writes a nested outline on today's page and finds it after a reload", async ({ page }) => {
  await signUp(page);
  const day = today(page);
  await day.getByRole("button", { name: "Click here to start writing" }).click();
  const box = editor(page);
  await expect(box).toBeFocused();

  await page.keyboard.type("Morning pages");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Read [[Vincent Chan]] notes");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.type("deeper");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.type("back one level");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.type("Evening");
  await page.keyboard.press("Enter");
  await page.keyboard.type("to be removed");
  // Backspace empties the block, one more removes it and the caret goes to the end of "Evening".
  for (let i = 0; i < "to be removed".length + 1; i++) await page.keyboard.press("Backspace");
  await page.keyboard.type("!");

  const expected = ["Morning pages", "  Read [[Vincent Chan]] notes", "    deeper", "  back one level", "Evening!"];
  await expect.poll(() => outlineText(day)).toEqual(expected);
  await waitSaved(page);

  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
  const items = today(page).getByRole("treeitem");
  await expect(items.first()).toHaveAttribute("aria-expanded", "true");
  await expect(items.nth(1)).toHaveAttribute("aria-level", "2");
});

test("clicking a block edits it at the clicked spot and typing there is saved", async ({ page }) => {
  await signUp(page);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("alpha omega");
  await page.keyboard.press("Enter");
  await page.keyboard.type("second");
  await waitSaved(page);
  await page.reload();

  const first = today(page).getByRole("treeitem").first().locator(".block-text");
  await first.click({ position: { x: 1, y: 5 } });
  await expect(editor(page)).toBeFocused();
  await page.keyboard.press("Home");
  await page.keyboard.type(">> ");
  await waitSaved(page);
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual([">> alpha omega", "second"]);
});

test("typing straight on after Enter, Tab and Shift+Tab loses no keystroke", async ({ page }) => {
  await signUp(page);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  const expected: string[] = [];
  for (let i = 0; i < 30; i++) {
    if (i > 0) await page.keyboard.press("Enter");
    if (i % 3 === 1) await page.keyboard.press("Tab");
    if (i % 3 === 0 && i > 0) await page.keyboard.press("Shift+Tab");
    await page.keyboard.type(`line ${i} {{slider}} [[x]]`, { delay: 0 });
    expected.push(`${i % 3 === 0 ? "" : "  "}line ${i} {{slider}} [[x]]`);
  }
  await waitSaved(page);
  await page.reload();
  await expect(today(page).getByRole("treeitem")).toHaveCount(30);
  const view = (await (
    await page.request.get(`/api/daily/${await todayIso(page)}`)
  ).json()) as { blocks: { content: string; parent: string | null }[] };
  expect(view.blocks.map((b) => `${b.parent ? "  " : ""}${b.content}`).sort()).toEqual([...expected].sort());
});
