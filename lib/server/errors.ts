// Errors a person may see: a stable code, an HTTP status and a readable message. Anything
// else that escapes a use case is a bug and is answered with a generic 500.

export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "invalid_request"
  | "batch_rejected"
  | "email_taken"
  | "weak_password"
  | "rate_limited"
  | "stale_preview"
  | "too_large";

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  batch_rejected: 422,
  email_taken: 409,
  weak_password: 400,
  rate_limited: 429,
  stale_preview: 409,
  too_large: 413,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const notFound = (what = "Not found") => new AppError("not_found", what);
export const unauthorized = () => new AppError("unauthorized", "Sign in to continue.");
export const forbidden = (message = "You may not change this graph.") => new AppError("forbidden", message);
