// The signed-in user of an API request, read from next-auth's session cookie. next-auth's
// auth() runs its whole session endpoint on every call: it decrypts the token, then derives a
// key again and encrypts a refreshed token that a route handler throws away (about 1.5 ms of
// CPU, most of the cost of a small request). Here the token is decrypted with Auth.js's own
// getToken/decode, once per token and process, and its user id kept until the token expires:
// the id is inside the token, which nobody can change without the secret. Whether the user
// still exists, and may touch a graph, is checked on every request all the same.
import { decode, getToken } from "next-auth/jwt";
import { authSecret } from "./secret";

const COOKIE = "authjs.session-token";
/** Auth.js's name for the cookie on https; its name is also the key derivation's salt. */
const SECURE_COOKIE = `__Secure-${COOKIE}`;
const CACHE_SIZE = 10_000;

type Known = { userId: string; expiresAt: number };

// On globalThis: Next bundles this module into every route's chunk.
const cacheKey = Symbol.for("loam.sessionTokens");
const holder = globalThis as typeof globalThis & { [cacheKey]?: Map<string, Known> };
const known = (holder[cacheKey] ??= new Map());

/** The user id of the request's session, or null without a valid one. */
export async function sessionUserId(request: Request): Promise<string | null> {
  const secureCookie = request.headers.get("cookie")?.includes(SECURE_COOKIE) ?? false;
  const cookieName = secureCookie ? SECURE_COOKIE : COOKIE;
  const secret = authSecret();
  // raw: the token as sent (its chunks joined), not yet decrypted.
  const token = await getToken({ req: request, secret, secureCookie, cookieName, raw: true });
  if (!token) return null;
  const hit = known.get(token);
  if (hit) {
    if (hit.expiresAt > Date.now()) return hit.userId;
    known.delete(token);
    return null;
  }
  const payload = await decode({ token, secret, salt: cookieName }).catch(() => null);
  if (typeof payload?.sub !== "string" || typeof payload.exp !== "number") return null;
  // Oldest first out: a Map iterates in insertion order.
  if (known.size >= CACHE_SIZE) known.delete(known.keys().next().value as string);
  known.set(token, { userId: payload.sub, expiresAt: payload.exp * 1000 });
  return payload.sub;
}
