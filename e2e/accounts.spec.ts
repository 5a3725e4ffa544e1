// Accounts as a person meets them: sign-up rules, sign-in, sign-out, and what a signed-out
// visitor or API caller gets.
import { expect, test } from "@playwright/test";
import { freshEmail, PASSWORD, signIn, signUp, today, todayTitle } from "./helpers";

test("sign-up refuses a weak password and a taken e-mail with clear messages", async ({ page }) => {
  const email = freshEmail();
  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Use at least 10 characters.");

  await signUp(page, email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await page.goto("/signup");
  await page.getByLabel("E-mail").fill(email.toUpperCase());
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/An account with this e-mail address already exists/);
});

test("sign out, then sign in again; a wrong password or unknown e-mail get the same message", async ({ page }) => {
  const email = await signUp(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);

  await signIn(page, email, "not the password at all");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password.");
  await signIn(page, freshEmail("nobody"), PASSWORD);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong e-mail or password.");

  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(todayTitle(page));
  await expect(page.getByText(email)).toBeVisible();
});

test("a signed-out visitor is sent to sign-in, and comes back where they were going", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2F$/);
  await expect(page.getByRole("heading", { name: "Sign in to Loam" })).toBeVisible();
});

test("the API answers 401 without a session, with a Server-Timing header", async ({ request }) => {
  for (const path of ["/api/daily/2026-11-28", "/api/daily?before=2026-11-28", "/api/pages/anything", "/api/blocks/anything"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(401);
    expect(await response.json()).toEqual({ error: { code: "unauthorized", message: "Sign in to continue." } });
    expect(response.headers()["server-timing"]).toMatch(/db;dur=[\d.]+.*total;dur=[\d.]+/);
  }
  const post = await request.post("/api/ops", { data: { ops: [] } });
  expect(post.status()).toBe(401);
  // next-auth's own endpoints are timed too.
  const session = await request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(session.headers()["server-timing"]).toMatch(/total;dur=[\d.]+/);
});

test("API answers carry the time spent in the database", async ({ page }) => {
  await signUp(page);
  await expect(today(page)).toBeVisible();
  const response = await page.request.get("/api/daily/2026-11-28");
  expect(response.status()).toBe(200);
  const timing = response.headers()["server-timing"] ?? "";
  const db = Number(/db;dur=([\d.]+)/.exec(timing)?.[1]);
  const total = Number(/total;dur=([\d.]+)/.exec(timing)?.[1]);
  expect(db).toBeGreaterThan(0);
  expect(total).toBeGreaterThanOrEqual(db);
});
