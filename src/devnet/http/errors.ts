/** Blockfrost's error shape, `{status_code, error, message}`, and the devnet's HTTP errors. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Blockfrost's error names and default messages, per status. */
const BLOCKFROST_ERRORS: Record<number, { error: string; message: string }> = {
  400: { error: "Bad Request", message: "Backend did not understand your request." },
  403: { error: "Forbidden", message: "Invalid project token." },
  404: { error: "Not Found", message: "The requested component has not been found." },
  413: { error: "Payload Too Large", message: "The request body is too large." },
  425: { error: "Mempool Full", message: "Mempool is full, please try resubmitting again later." },
  429: { error: "Project Over Limit", message: "Usage is over limit." },
  500: {
    error: "Internal Server Error",
    message: "An unexpected response was received from the backend.",
  },
  504: { error: "Gateway Timeout", message: "The devnet did not finish in time." },
};

/** A failure the routes throw; the app's error handler answers it in Blockfrost's shape. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message?: string,
  ) {
    super(message ?? BLOCKFROST_ERRORS[status]?.message ?? "error");
    this.name = "HttpError";
  }
}

/** The body of a Blockfrost error answer. */
export function errorBody(status: number, message?: string) {
  const known = BLOCKFROST_ERRORS[status] ?? { error: "Error", message: "error" };
  return { status_code: status, error: known.error, message: message ?? known.message };
}

/** Answers `status` in Blockfrost's error shape. */
export function errorResponse(c: Context, status: ContentfulStatusCode, message?: string) {
  return c.json(errorBody(status, message), status);
}

/** Blockfrost's 404 for an unknown object. */
export const notFound = () => new HttpError(404);

/** Blockfrost's answer for a malformed path parameter. */
export const badPathParam = (name: string) =>
  new HttpError(400, `Missing, out of range or malformed path parameter ${name}.`);
