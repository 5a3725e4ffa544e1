// next-auth (Auth.js v5): e-mail and password credentials, JWT sessions.
// Sign-in checks are here; what a signed-in user may touch is checked by each use case.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { redirect } from "next/navigation";
import { db } from "../db/client";
import { actorOfUser } from "./access";
import { checkCredentials } from "./accounts";
import type { Actor } from "./actor";
import { AppError } from "./errors";
import { checkAttempts, forgetFailures, recordFailure } from "./rate-limit";
import { authSecret } from "./secret";
import { sessionUserId } from "./session-token";

/** Too many attempts: its `code` reaches the sign-in form, which says so. */
class TooManyAttempts extends CredentialsSignin {
  override code = "rate_limited";
}

export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "local";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an answer, not a server error: keep it out of the error log.
    error(error: Error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const email = typeof credentials.email === "string" ? credentials.email : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        const ip = clientAddress(request.headers);
        try {
          await checkAttempts(email, ip);
        } catch (error) {
          if (error instanceof AppError && error.code === "rate_limited") throw new TooManyAttempts(error.message);
          throw error;
        }
        const user = await checkCredentials(await db(), email, password);
        if (!user) {
          await recordFailure(email, ip);
          return null;
        }
        await forgetFailures(email);
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));

/** The signed-in user of a page (server components), or null. A session whose user no longer exists counts as signed out. */
export async function currentActor(): Promise<Actor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? actorOfUser(await db(), userId) : null;
}

/** How long an API request's actor (the user and their own graph) is kept: a few seconds. */
const ACTOR_TTL_MS = 5_000;
const ACTORS_KEPT = 10_000;

// On globalThis: Next bundles this module into every route's chunk.
const actorsKey = Symbol.for("loam.requestActors");
const actorsHolder = globalThis as typeof globalThis & { [actorsKey]?: Map<string, { actor: Actor; until: number }> };
const actors = (actorsHolder[actorsKey] ??= new Map());

/**
 * The signed-in user of an API request, or null (without next-auth's per-call cost:
 * session-token.ts). The user and their own graph are looked up at most once every few seconds
 * per user and process: a typing user sends a batch every second or so, and that query was one
 * of two round trips per save. What a request may touch is still checked on every request (each
 * use case checks the actor's membership of the graph, which goes with the user); a user deleted
 * meanwhile finds no graph, and is signed out once the entry lapses.
 */
export async function requestActor(request: Request): Promise<Actor | null> {
  const now = Date.now();
  const userId = await sessionUserId(request);
  if (!userId) return null;
  const kept = actors.get(userId);
  if (kept && kept.until > now) return kept.actor;
  const actor = await actorOfUser(await db(), userId);
  if (actors.size >= ACTORS_KEPT) actors.clear();
  if (actor) actors.set(userId, { actor, until: now + ACTOR_TTL_MS });
  else actors.delete(userId);
  return actor;
}

/** For app pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requireActorOrSignIn(path: string): Promise<Actor & { email: string }> {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  const user = await (await db()).user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  return { ...actor, email: user.email };
}
