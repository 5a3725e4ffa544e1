// Live updates never lose a change between what a tab read and what its stream sends: a change
// saved while the tab's page is on its way still arrives; a stream resumed after the log was
// pruned makes the tab read its pages again (its own unsaved typing kept); a user who lost
// access is told so and the tab stops listening. The database is reached directly (E2E_DATABASE_URL,
// from scripts/e2e.ts) to prune the log and to take a membership away, as an operator would.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { editAtEnd, outlineText, signIn, signUp, today, todayTitle, waitSaved, writeBlocks } from "./helpers";

const databaseUrl = process.env.E2E_DATABASE_URL;
const LIVE = { timeout: 2_000 };

async function sql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

const graphOf = `SELECT "graphId" FROM "GraphMember" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1`;

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

async function signInHeld(page: Page, email: string): Promise<void> {
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(todayTitle(page));
}

test.describe("live updates catch up", () => {
  test.beforeAll(() => {
    // scripts/e2e.ts passes it: without it these tests cannot run, and must not pass.
    if (!databaseUrl) throw new Error("E2E_DATABASE_URL is not set: run this through scripts/e2e.ts");
  });

  test("a change saved after a tab's page was read, before it arrived, still reaches that tab", async ({ page, browser }) => {
    const email = await signUp(page);
    await writeBlocks(page, ["before"]);
    const context = await browser.newContext();
    const other = await context.newPage();
    // B's page is read by the server at once, but reaches B only after A's change is saved.
    const read = gate();
    const release = gate();
    await context.route((url) => url.pathname.startsWith("/api/daily/"), async (route) => {
      const response = await route.fetch();
      read.open();
      await release.opened;
      await route.fulfill({ response });
    });
    await signIn(other, email);
    await read.opened;
    await editAtEnd(page, 0);
    await page.keyboard.type(" and after");
    await waitSaved(page);
    release.open();

    await expect(today(other).getByRole("treeitem").first()).toHaveText("before and after", LIVE);
    await context.close();
  });

  test("a stream resumed after the log was pruned reloads the tab's pages, keeping its unsaved typing", async ({ page, browser }) => {
    const email = await signUp(page);
    await writeBlocks(page, ["theirs", "mine"]);
    const context = await browser.newContext();
    const other = await context.newPage();
    // B's stream opens only once the log has been pruned; B's saves wait too.
    const streamGate = gate();
    await context.route((url) => url.pathname === "/api/events", async (route) => {
      await streamGate.opened;
      await route.continue();
    });
    const saveSent = gate();
    const saveGate = gate();
    await context.route((url) => url.pathname === "/api/ops", async (route) => {
      saveSent.open();
      await saveGate.opened;
      await route.continue();
    });
    await signInHeld(other, email);
    await expect.poll(() => outlineText(today(other))).toEqual(["theirs", "mine"]);

    // B types in its block (not saved yet); A changes the other block and saves it.
    await editAtEnd(other, 1);
    await other.keyboard.type(" unsaved");
    await saveSent.opened;
    await editAtEnd(page, 0);
    await page.keyboard.type(" changed");
    await waitSaved(page);
    // The log loses everything B would have replayed (as pruning does after a day).
    await sql(`DELETE FROM "OpLog" WHERE "graphId" IN (${graphOf})`, [email]);
    streamGate.open();

    await expect.poll(() => outlineText(today(other)), LIVE).toEqual(["theirs changed", "mine unsaved"]);
    saveGate.open();
    await waitSaved(other);
    await expect.poll(() => outlineText(today(page)), LIVE).toEqual(["theirs changed", "mine unsaved"]);
    await context.close();
  });

  test("a tab whose user lost access to the graph stops listening and says so", async ({ page, browser }) => {
    const email = await signUp(page);
    await writeBlocks(page, ["shared for now"]);
    const context = await browser.newContext();
    const other = await context.newPage();
    const streams: string[] = [];
    other.on("request", (request) => {
      if (request.url().includes("/api/events")) streams.push(request.url());
    });
    const connected = other.waitForResponse((response) => response.url().includes("/api/events") && response.ok());
    await signInHeld(other, email);
    await connected;

    const [row] = await (async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        return (await client.query<{ graphId: string }>(graphOf, [email])).rows;
      } finally {
        await client.end();
      }
    })();
    await sql(`DELETE FROM "GraphMember" WHERE "graphId" = $1`, [row?.graphId]);
    // A notice for the graph (as any change sends) makes the stream check access again.
    await sql(`SELECT pg_notify('loam_ops', $1)`, [JSON.stringify({ graphId: row?.graphId, seq: 0 })]);

    await expect(other.getByText("Live updates stopped: You no longer have access to this graph")).toBeVisible(LIVE);
    const opened = streams.length;
    // EventSource would reconnect within a second (the stream's retry); this tab does not.
    await other.waitForTimeout(3_000);
    expect(streams).toHaveLength(opened);
    await context.close();
  });
});
