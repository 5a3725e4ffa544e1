// Reading from Loam's API in the browser: JSON or a readable error; a lost session sends the
// person to sign in (and back here after). Answers are kept (offline-cache.ts), and when the
// network is gone the last one kept is used instead.
import { recall, remember } from "./offline-cache";

async function fetchOrRecall(url: string): Promise<Response> {
  try {
    const response = await fetch(url, { cache: "no-store" });
    if (response.ok) remember(url, response);
    return response;
  } catch (error) {
    const kept = await recall(url);
    if (kept) return kept;
    const message = navigator.onLine === false ? "You are offline, and this was not opened before on this device" : (error as Error).message;
    throw new Error(message, { cause: error });
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetchOrRecall(url);
  if (response.status === 401) {
    // A full load (not a client-side push): nothing of the signed-out session should survive.
    const signIn = new URL(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`, window.location.origin);
    window.location.assign(signIn.href);
    throw new Error("Signed out");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}`);
  }
  return (await response.json()) as T;
}

/** A refused request: the server's code, readable message and details (a new preview, say). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** POSTs JSON and reads JSON back; a refusal is an ApiError with the server's message. Never kept for offline use. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch (error) {
    throw new Error(navigator.onLine === false ? "You are offline; try again when the network is back." : "The server cannot be reached.", { cause: error });
  }
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
    throw new ApiError(answer?.error?.message ?? `The server answered ${response.status}`, response.status, answer?.error?.code, answer?.error?.details);
  }
  return (await response.json()) as T;
}
