/**
 * Keep-alive for the node's and the devnet's HTTP servers. Node closes an idle connection after
 * 5 s by default, close to the 4 s a client such as undici (Node's fetch) keeps one for: a
 * request sent on a connection the server is closing at that moment fails with "other side
 * closed", and a busy event loop makes that race common. A server that keeps idle connections
 * longer than its clients (and than load balancers, which commonly keep them 60 s) is never the
 * side that closes first.
 */
import type { ServerType } from "@hono/node-server";

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function keepAliveLong(server: ServerType): void {
  const s = server as ServerType & { keepAliveTimeout?: number; headersTimeout?: number };
  s.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Must exceed keepAliveTimeout, or a slow request's headers are cut off first.
  s.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
