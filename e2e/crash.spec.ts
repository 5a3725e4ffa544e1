// The app server dies while a batch of 200 ops is in flight: once it is back, all 200 are in the
// database, none twice. This test runs its own app server (on the runner's database) so it can
// kill it; scripts/e2e.ts passes the database and the auth secret.
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { editor, outlineText, signUp, today, todayIso, waitSaved } from "./helpers";

const databaseUrl = process.env.E2E_DATABASE_URL;
const authSecret = process.env.E2E_AUTH_SECRET;
const port = Number(process.env.E2E_PORT ?? "3100") + 7;
const origin = `http://127.0.0.1:${port}`;

function startServer(): ChildProcess {
  return spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    detached: true,
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET: authSecret, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
  });
}

function kill(server: ChildProcess, signal: NodeJS.Signals): void {
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitUntilUp(): Promise<void> {
  await expect
    .poll(async () => {
      try {
        return (await fetch(`${origin}/signin`)).status;
      } catch {
        return 0;
      }
    }, { timeout: 60_000, intervals: [200] })
    .toBe(200);
}

test.describe("a crashing app server", () => {
  test.beforeAll(() => {
    // Run through scripts/e2e.ts (npm run test:e2e), which passes these: without them this test cannot run, and must not pass.
    if (!databaseUrl || !authSecret) throw new Error("E2E_DATABASE_URL and E2E_AUTH_SECRET are not set: run this through scripts/e2e.ts");
  });
  test.use({ baseURL: origin, permissions: ["clipboard-read", "clipboard-write"] });

  let server: ChildProcess | undefined;
  test.afterEach(() => {
    if (server) kill(server, "SIGTERM");
  });

  test("killed while 200 ops are in flight, their answer lost: after a restart all 200 are saved, none twice", async ({ page }) => {
    test.setTimeout(180_000);
    server = startServer();
    await waitUntilUp();
    await signUp(page);
    const day = await todayIso(page);
    const lines = Array.from({ length: 200 }, (_, i) => `crash ${i + 1}`);
    await page.evaluate(async (text) => {
      await navigator.clipboard.write([new ClipboardItem({ "text/plain": new Blob([text], { type: "text/plain" }) })]);
    }, lines.map((line) => `- ${line}`).join("\n"));
    await today(page).getByRole("button", { name: "Click here to start writing" }).click();
    await expect(editor(page)).toBeFocused();

    // The batch of the paste reaches the server, which writes it and dies before its answer gets
    // back (as an OOM kill or a power cut would): the worst case, as the tab must send it again
    // and the server must not apply it twice. (Killing the server the moment the request left
    // the browser raced with a save path that now answers within milliseconds.)
    let inFlight = 0;
    await page.route("**/api/ops", async (route) => {
      const body = JSON.parse(route.request().postData() ?? "{}") as { ops?: unknown[] };
      if (inFlight > 0 || (body.ops?.length ?? 0) < 200) return route.continue();
      inFlight = body.ops?.length ?? 0;
      await route.fetch().catch(() => undefined);
      kill(server as ChildProcess, "SIGKILL");
      await route.abort("connectionreset");
    });
    await page.keyboard.press("Control+v");
    await expect.poll(() => inFlight).toBeGreaterThanOrEqual(200);
    await expect(page.getByRole("banner").getByRole("status")).toHaveText(/^Retrying/);

    server = startServer();
    await waitUntilUp();
    await waitSaved(page);
    const view = (await (await page.request.get(`/api/daily/${day}`)).json()) as { blocks: { content: string }[] };
    expect(view.blocks.map((block) => block.content).sort()).toEqual([...lines].sort());
    await page.reload();
    await expect.poll(() => outlineText(today(page))).toEqual(lines);
  });
});
