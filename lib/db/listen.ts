// LISTEN on a channel: for PostgreSQL a dedicated connection (a pooled one would be handed to
// other queries, and LISTEN belongs to a session), reconnected with back-off when it drops;
// for the embedded PGlite its own `listen`. Notices sent while the connection was down are
// lost, so `ready` runs after every (re)connection: listeners then catch up from their data.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

export type ListenHandlers = {
  /** A notification's payload. */
  notify(payload: string): void;
  /** Listening (again): anything sent before now may have been missed. */
  ready(): void;
};

export type Listening = { close(): Promise<void> };

const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 15_000;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function listenPostgres(url: string, channel: string, handlers: ListenHandlers): Listening {
  let current: pg.Client | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  const dropAndRetry = (client: pg.Client, error?: unknown) => {
    if (client !== current || closed) return; // an older connection, or shutting down
    current = undefined;
    client.removeAllListeners("notification");
    client.end().catch(() => undefined);
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** failures);
    failures += 1;
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    console.warn(`Loam: live updates lost their database connection (${(error as Error | undefined)?.message ?? "closed"}); retrying in ${Math.round(delay)} ms`);
    timer = setTimeout(() => void connect(), delay);
  };

  const connect = async () => {
    if (closed) return;
    // Keep-alive probes find a connection that died silently (a dropped network path).
    const client = new pg.Client({ connectionString: url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    current = client;
    client.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.notify(message.payload);
    });
    client.on("error", (error) => dropAndRetry(client, error));
    client.on("end", () => dropAndRetry(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      dropAndRetry(client, error);
      return;
    }
    if (client !== current) return;
    failures = 0;
    handlers.ready();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const client = current;
      current = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}

export async function listenPglite(lite: PGlite, channel: string, handlers: ListenHandlers): Promise<Listening> {
  const unlisten = await lite.listen(channel, (payload) => handlers.notify(payload));
  handlers.ready();
  return {
    async close() {
      if (!lite.closed) await unlisten();
    },
  };
}
