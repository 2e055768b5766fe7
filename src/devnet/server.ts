/**
 * The devnet's HTTP app: Blockfrost's API under `/api/v0` (with fault injection) and the
 * devnet's own routes under `/devnet`. Every error is answered in Blockfrost's shape.
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  DevnetRequestError,
  MempoolFullError,
  TxDecodeError,
  TxRejectedError,
  WaitTimeoutError,
} from "./errors.ts";
import { errorBody, HttpError } from "./http/errors.ts";
import type { FaultInjector } from "./http/faults.ts";
import { addressRoutes } from "./http/routes-addresses.ts";
import { assetRoutes } from "./http/routes-assets.ts";
import { chainRoutes } from "./http/routes-chain.ts";
import { devnetRoutes } from "./http/routes-devnet.ts";
import { mempoolRoutes } from "./http/routes-mempool.ts";
import { miscRoutes } from "./http/routes-misc.ts";
import { scriptRoutes } from "./http/routes-scripts.ts";
import { submitRoutes } from "./http/routes-submit.ts";
import type { DevnetLedger } from "./ledger.ts";

export const BLOCKFROST_PREFIX = "/api/v0";

/** Maps an error to its HTTP status and message; unknown errors are 500s. */
function statusOf(error: unknown): { status: ContentfulStatusCode; message?: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  // The ledger's own words, unchanged: clients show them and tests match on them.
  if (error instanceof TxRejectedError) return { status: 400, message: error.reason };
  if (error instanceof TxDecodeError) return { status: 400, message: error.message };
  if (error instanceof DevnetRequestError) return { status: 400, message: error.message };
  if (error instanceof MempoolFullError) return { status: 425, message: error.message };
  if (error instanceof WaitTimeoutError) return { status: 504, message: error.message };
  return { status: 500 };
}

/** The Hono app serving `ledger`; `log` receives unexpected errors. */
export function createDevnetApp(
  ledger: DevnetLedger,
  faults: FaultInjector,
  log: (line: string) => void,
): Hono {
  const api = new Hono();
  api.use(faults.middleware());
  for (const routes of [
    miscRoutes(ledger),
    addressRoutes(ledger),
    chainRoutes(ledger),
    assetRoutes(ledger),
    scriptRoutes(ledger),
    submitRoutes(ledger),
    mempoolRoutes(ledger),
  ]) {
    api.route("/", routes);
  }

  // Not strict: "/api/v0" and "/api/v0/" are the same root, as on Blockfrost.
  const app = new Hono({ strict: false });
  app.get("/", (c) =>
    c.json({ devnet: `${new URL(c.req.url).origin}/devnet`, blockfrost: BLOCKFROST_PREFIX }),
  );
  app.route(BLOCKFROST_PREFIX, api);
  app.route("/devnet", devnetRoutes(ledger, faults));
  app.notFound((c) => c.json(errorBody(404), 404));
  app.onError((error, c) => {
    const { status, message } = statusOf(error);
    if (status === 500)
      log(`devnet: ${c.req.method} ${c.req.path} failed: ${(error as Error).stack}`);
    return c.json(errorBody(status, message), status);
  });
  return app;
}
