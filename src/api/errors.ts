/**
 * The API's error envelope: `{status: "error", error: {message, field?}}`, next to the
 * `{status: "success", data}` of answers. Expected failures are thrown as ApiError with their
 * HTTP status; anything else is a 500 whose details stay in the log, never in the answer.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { describeError, isDisconnect } from "../log.ts";
import { BudgetRefusedError } from "../services/budget-spend.ts";
import { CreditsShortError } from "../services/credits.ts";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly field?: string,
    /** Extra answer headers, e.g. `Retry-After` on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** The body of an error answer. */
export function errorBody(message: string, field?: string) {
  return { status: "error" as const, error: field ? { message, field } : { message } };
}

/**
 * Hono's onError handler: ApiError as itself, everything else as an opaque 500. A client that
 * hung up is no fault of the node: one short line, no stack. Nothing of the request (headers,
 * body) and no database parameter reaches the log (see describeError).
 */
export function onApiError(log: (line: string) => void) {
  return function handleApiError(err: Error, c: Context) {
    if (err instanceof ApiError)
      return c.json(errorBody(err.message, err.field), err.status, err.headers);
    // Any route that spends a usage-limited key's credits answers the same 402.
    if (err instanceof CreditsShortError) return c.json(errorBody(err.message), 402);
    // A budget's refusal carries its reason, as preflight names it, and the budget.
    if (err instanceof BudgetRefusedError) return c.json(budgetRefusalBody(err), 402);
    if (isDisconnect(err) || c.req.raw.signal?.aborted) {
      log(`api: client went away during ${c.req.method} ${c.req.path}`);
      return c.json(errorBody("client went away"), 499 as ContentfulStatusCode);
    }
    log(`api: unexpected error on ${c.req.method} ${c.req.path}: ${describeError(err, true)}`);
    return c.json(errorBody("internal error"), 500);
  };
}

/** The 402 body of a budget's refusal: the error envelope with `reason`, `budgetId` and `unit`. */
function budgetRefusalBody(err: BudgetRefusedError) {
  const { reason, budgetId, unit } = err.refusal;
  return {
    status: "error" as const,
    error: { message: err.message, field: err.field, reason, budgetId, unit },
  };
}
