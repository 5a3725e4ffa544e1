// Two accounts: the second sees nothing of the first, and the first one's ids answer 404.
import { expect, test } from "@playwright/test";
import { editor, outlineText, signUp, today, todayIso, waitSaved } from "./helpers";

test("a second account sees none of the first one's graph and gets 404 for its page and blocks", async ({ browser }) => {
  const first = await browser.newContext();
  const firstPage = await first.newPage();
  await signUp(firstPage);
  await today(firstPage).getByRole("button", { name: "Click here to start writing" }).click();
  await expect(editor(firstPage)).toBeFocused();
  await firstPage.keyboard.type("private to the first account");
  await firstPage.keyboard.press("Enter");
  await firstPage.keyboard.type("and its child");
  await firstPage.keyboard.press("Tab");
  await waitSaved(firstPage);

  // The ids a curious second user could try: the page id, a block's uid.
  const dayPath = `/api/daily/${await todayIso(firstPage)}`;
  const view = (await (await firstPage.request.get(dayPath)).json()) as { page: { id: string }; blocks: { uid: string }[] };
  expect(view.blocks).toHaveLength(2);
  const pageId = view.page.id;
  const blockUid = view.blocks[0]?.uid ?? "";
  expect((await firstPage.request.get(`/api/pages/${pageId}`)).status()).toBe(200);
  expect((await firstPage.request.get(`/api/blocks/${blockUid}`)).status()).toBe(200);

  const second = await browser.newContext();
  const secondPage = await second.newPage();
  await signUp(secondPage);
  await expect(today(secondPage).getByRole("button", { name: "Click here to start writing" })).toBeVisible();
  expect(await outlineText(today(secondPage))).toEqual([]);
  await expect(secondPage.getByText("private to the first account")).toHaveCount(0);

  const pageAnswer = await secondPage.request.get(`/api/pages/${pageId}`);
  expect(pageAnswer.status()).toBe(404);
  expect(await pageAnswer.text()).not.toContain("private");
  expect((await secondPage.request.get(`/api/blocks/${blockUid}`)).status()).toBe(404);
  const ownDay = (await (await secondPage.request.get(dayPath)).json()) as { page: unknown; blocks: unknown[] };
  expect(ownDay).toMatchObject({ page: null, blocks: [] });

  // Nor can it write into the first graph by naming the first account's block.
  const intrusion = await secondPage.request.post("/api/ops", {
    data: { ops: [{ id: "intrusion-op-1", page: { daily: dayPath.slice(-10) }, op: { type: "update", uid: blockUid, content: "owned" } }] },
  });
  expect(intrusion.status()).toBe(422);
  await firstPage.reload();
  await expect.poll(() => outlineText(today(firstPage))).toEqual(["private to the first account", "  and its child"]);

  await first.close();
  await second.close();
});
