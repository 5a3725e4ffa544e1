// Route handlers are thin: `route()` resolves the signed-in user (401 without one), maps
// AppErrors to JSON with their status, hides anything else behind a 500, and adds a
// Server-Timing header (database time and total) to every answer.
import { ZodError, type ZodType } from "zod";
import { db, type Db } from "../db/client";
import { withTiming } from "../db/timing";
import type { Actor } from "./actor";
import { requestActor } from "./auth";
import { AppError, unauthorized } from "./errors";

export type RouteContext = { db: Db; actor: Actor; request: Request };

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

/** Answers shorter than this are not worth compressing (the compression middleware's own threshold). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * `body` as a JSON answer, never cached. Next compresses every route handler's answer for a
 * browser (it drops Content-Length, so the middleware's 1 KB threshold never applies): a new
 * gzip stream for a save's `{"applied":5,"skipped":0}`. `no-transform` tells it (and proxies)
 * to leave a small answer as it is; larger ones (pages of blocks) are still compressed.
 */
function json(body: unknown, status = 200): Response {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < COMPRESS_FROM_BYTES;
  return new Response(text, {
    status,
    headers: { "content-type": "application/json", "cache-control": small ? "no-store, no-transform" : "no-store" },
  });
}

const errorJson = (error: ErrorBody["error"], status: number): Response => json({ error } satisfies ErrorBody, status);

function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return errorJson({ code: error.code, message: error.message, details: error.details }, error.status);
  }
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    // A batch's bad op is named by its index, as a refused batch names it (the save queue drops it).
    const index = issue?.path[0] === "ops" && typeof issue.path[1] === "number" ? issue.path[1] : undefined;
    return errorJson({ code: "invalid_request", message: `${issue?.message ?? "Invalid request"}${where}`, details: index === undefined ? undefined : { index } }, 400);
  }
  console.error("Unexpected error in a route handler", error);
  return errorJson({ code: "internal", message: "Something went wrong on the server. Nothing was lost; try again." }, 500);
}

type Handler<R extends Request, C> = (request: R, context: C) => Promise<Response>;

/** Adds the Server-Timing header (database time and total) to every answer of `handler`. */
export function timed<R extends Request, C>(handler: Handler<R, C>): Handler<R, C> {
  return async (request, context) => {
    const started = performance.now();
    const { result: response, timing } = await withTiming(() => handler(request, context));
    const total = performance.now() - started;
    const value = `db;dur=${timing.dbMs.toFixed(1)};desc="${timing.dbQueries} queries", total;dur=${total.toFixed(1)}`;
    try {
      response.headers.set("Server-Timing", value);
      return response;
    } catch {
      // Responses from other libraries may have immutable headers: answer with a copy.
      const headers = new Headers(response.headers);
      headers.set("Server-Timing", value);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
  };
}

/** An API route of the signed-in user: 401 without a session, errors as JSON, Server-Timing. */
export function route<P>(handler: (context: RouteContext, params: P) => Promise<unknown>) {
  return timed(async (request: Request, segment: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await requestActor(request);
      if (!actor) throw unauthorized();
      const body = await handler({ db: await db(), actor, request }, await segment.params);
      if (!(body instanceof Response)) return json(body);
      body.headers.set("Cache-Control", "no-store");
      return body;
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** The request's JSON body checked against `schema` (a ZodError becomes a 400). */
export async function readJson<T>(request: Request, schema: ZodType<T>): Promise<T> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}
