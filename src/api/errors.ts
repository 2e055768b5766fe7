/**
 * The API's error envelope: `{status: "error", error: {message, field?}}`, next to the
 * `{status: "success", data}` of answers. Expected failures are thrown as ApiError with their
 * HTTP status; anything else is a 500 whose details stay in the log, never in the answer.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The body of an error answer. */
export function errorBody(message: string, field?: string) {
  return { status: "error" as const, error: field ? { message, field } : { message } };
}

/** Hono's onError handler: ApiError as itself, everything else as an opaque 500. */
export function onApiError(log: (line: string) => void) {
  return function handleApiError(err: Error, c: Context) {
    if (err instanceof ApiError) return c.json(errorBody(err.message, err.field), err.status);
    log(`api: unexpected error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`);
    return c.json(errorBody("internal error"), 500);
  };
}
