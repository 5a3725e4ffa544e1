// `npx tsx scripts/screenshot.ts [baseUrl]`: signs up a demo account on a running Loam, writes
// a short outline on today's page and saves docs/screenshot.png for the README.
import { chromium } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { CHROMIUM } from "./lib/services";

const baseUrl = process.argv[2] ?? "http://localhost:3000";

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 680 }, deviceScaleFactor: 1 });
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("E-mail").fill(`demo-${randomUUID().slice(0, 6)}@example.test`);
  await page.getByLabel("Password").fill("a demo password for the screenshot");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("button", { name: "Click here to start writing" }).click();
  const lines: [number, string][] = [
    [0, "[[How do you feel when you wake up?]] {{slider}}"],
    [0, "Coffee with [[Vincent Chan]] #meetings about the Q1 roadmap"],
    [1, "He wants backlinks that stay fast at 10,000 references"],
    [1, "{{[[TODO]]}} send him the benchmark figures"],
    [1, "{{[[DONE]]}} read **Building a Second Brain**, ^^chapter 3^^"],
    [0, "#Notes URL https://www.roamresearch.com"],
    [1, "Topics"],
    [2, "Networked thought, daily notes"],
    [1, "Takeaways"],
  ];
  let level = 0;
  for (const [index, [depth, text]] of lines.entries()) {
    if (index > 0) await page.keyboard.press("Enter");
    while (level < depth) {
      await page.keyboard.press("Tab");
      level += 1;
    }
    while (level > depth) {
      await page.keyboard.press("Shift+Tab");
      level -= 1;
    }
    await page.keyboard.type(text);
  }
  await page.mouse.click(4, 600); // leave the editor (the left margin): every block shows rendered
  await page.getByRole("slider").first().focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowRight");
  await page.mouse.click(4, 600);
  await page.getByRole("banner").getByRole("status").filter({ hasText: "Saved" }).waitFor({ timeout: 15_000 });
  // Shift+click opens a page in the right sidebar; write a first block there.
  await page.locator("article.daily-page").getByRole("link", { name: "Vincent Chan" }).click({ modifiers: ["Shift"] });
  const panel = page.getByRole("complementary", { name: "Sidebar" }).getByRole("region", { name: "Vincent Chan" });
  await panel.getByRole("button", { name: "Click here to start writing" }).click();
  await page.keyboard.type("Met at [[Roam]] meetup, works on #search");
  await page.mouse.click(4, 600);
  await page.getByRole("banner").getByRole("status").filter({ hasText: "Saved" }).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: "docs/screenshot.png" });
  await browser.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
