// Nothing typed is lost offline: the app reloads from its service worker, the blocks typed
// while offline are still there (kept in IndexedDB), and once online they are saved once each.
import { expect, test } from "@playwright/test";
import { editor, outlineText, signUp, today, todayIso, waitSaved } from "./helpers";

test("50 blocks typed offline survive a reload while still offline and are saved exactly once when back online", async ({ page, context }) => {
  test.setTimeout(180_000);
  await signUp(page);
  await expect(page.locator("html")).toHaveAttribute("data-offline-ready", "true", { timeout: 30_000 });
  const day = await todayIso(page);

  await context.setOffline(true);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(page)).toBeFocused();
  for (let i = 1; i <= 50; i++) {
    if (i > 1) await page.keyboard.press("Enter");
    await page.keyboard.type(`offline ${i}`);
  }
  await page.getByRole("heading", { level: 1 }).click();
  const status = page.getByRole("banner").getByRole("status");
  await expect(status).toHaveText(/^Offline: \d+ changes? waiting$/);
  const expected = Array.from({ length: 50 }, (_, i) => `offline ${i + 1}`);
  await expect.poll(() => outlineText(today(page))).toEqual(expected);

  // A reload with no network: the app comes from the service worker, the blocks from IndexedDB.
  await page.reload();
  await expect.poll(() => outlineText(today(page)), { timeout: 20_000 }).toEqual(expected);
  await expect(status).toHaveText(/^Offline: \d+ changes? waiting$/);

  await context.setOffline(false);
  await waitSaved(page);
  const saved = await page.request.get(`/api/daily/${day}`);
  const view = (await saved.json()) as { blocks: { content: string }[] };
  const contents = view.blocks.map((block) => block.content).sort();
  expect(contents).toEqual([...expected].sort());
  await page.reload();
  await expect.poll(() => outlineText(today(page))).toEqual(expected);
});

test("a closed tab's unsaved changes are sent by the next tab that opens", async ({ page, context }) => {
  await signUp(page);
  await expect(page.locator("html")).toHaveAttribute("data-offline-ready", "true", { timeout: 30_000 });
  await context.setOffline(true);
  await today(page).getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("typed before the tab closed");
  await page.getByRole("heading", { level: 1 }).click();
  await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Offline/);
  // The tab goes away without a chance to send (as a crash would), then the network is back.
  await page.close({ runBeforeUnload: false });
  await context.setOffline(false);
  const next = await context.newPage();
  await next.goto("/");
  await waitSaved(next);
  await expect.poll(() => outlineText(today(next))).toEqual(["typed before the tab closed"]);
  await next.reload();
  await expect.poll(() => outlineText(today(next))).toEqual(["typed before the tab closed"]);
});
