/**
 * A scripted HTTP server for chain port tests: each request takes the next scripted answer
 * for its path (the last one repeats), so a test can say "500 three times, then 200".
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach } from "vitest";
import { createBlockfrostChain } from "../src/chain/blockfrost.ts";

export type Answer = { status: number; body: unknown } | "hangUp";

export interface FakeServer {
  baseUrl: string;
  /** Requests seen, as "METHOD /path?query". */
  requests: string[];
  /** Scripts the answers for paths starting with `pathPrefix` (under /api/v0). */
  script(pathPrefix: string, answers: Answer[]): void;
  close(): Promise<void>;
}

/** A Blockfrost-shaped error body. */
export function bfError(status: number, message: string): Answer {
  return { status, body: { status_code: status, error: `HTTP ${status}`, message } };
}

/** Starts a fake server on a free loopback port. */
export async function startFakeServer(): Promise<FakeServer> {
  const scripts = new Map<string, Answer[]>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    const path = (req.url ?? "").replace(/^\/api\/v0\//, "").split("?")[0] ?? "";
    const key = [...scripts.keys()]
      .filter((p) => path.startsWith(p))
      .sort()
      .pop();
    const queue = key === undefined ? undefined : scripts.get(key);
    const answer =
      queue === undefined
        ? bfError(404, "not scripted")
        : queue.length > 1
          ? queue.shift()
          : queue[0];
    if (answer === undefined || answer === "hangUp") {
      req.socket.destroy();
      return;
    }
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v0`,
    requests,
    script: (pathPrefix, answers) => scripts.set(pathPrefix, [...answers]),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** Retries fast enough for tests, still bounded: 3 attempts, 1–2 ms apart. */
export const FAST_RETRY = { attemptsMax: 3, baseDelayMs: 1, maxDelayMs: 2, jitter: false };

/**
 * A fresh fake server for each test of the calling file, and a chain port over it. `server` is
 * read through the getter, since each test gets its own.
 */
export function useFakeServer() {
  let current: FakeServer | undefined;
  beforeEach(async () => {
    current = await startFakeServer();
  });
  afterEach(async () => {
    await current?.close();
  });
  return {
    get server(): FakeServer {
      return current!;
    },
    chain: (extra: object = {}) =>
      createBlockfrostChain({
        network: "preprod",
        baseUrl: current!.baseUrl,
        retry: FAST_RETRY,
        ...extra,
      }),
  };
}
