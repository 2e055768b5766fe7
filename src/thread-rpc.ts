/**
 * Calls between threads over a MessagePort: one side serves named methods, the other calls them
 * and awaits the answers. A build thread calls back to the main thread this way (the chain
 * client, the submitter's database transaction and the escrow admins' keys stay there); the main
 * thread calls the devnet's thread this way (its ledger lives there). Arguments and answers go by
 * structured clone (bigints, Maps and plain objects survive; classes become plain objects), and a
 * failure comes back as an Error with its message.
 */
import type { MessagePort } from "node:worker_threads";

interface Request {
  id: number;
  method: string;
  args: unknown[];
}

interface Answer {
  id: number;
  value?: unknown;
  error?: string;
}

export type RpcMethods = Record<string, (...args: never[]) => Promise<unknown>>;

/** Answers the calls coming in on `port` with `methods`; a name not among them is refused. */
export function serveRpc(port: MessagePort, methods: RpcMethods, side: string): void {
  port.on("message", (req: Request) => {
    const answer = (a: Omit<Answer, "id">) => port.postMessage({ id: req.id, ...a });
    const method = Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (method === undefined) {
      answer({ error: `${side}: no method ${req.method}` });
      return;
    }
    (method as (...args: unknown[]) => Promise<unknown>)(...req.args).then(
      (value) => answer({ value }),
      (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

/**
 * The calling side: `call(method, ...args)` resolves with the other side's answer; `side` names
 * the other side in errors.
 */
export function rpcClient(
  port: MessagePort,
  side: string,
): (method: string, ...args: unknown[]) => Promise<unknown> {
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  port.on("message", (a: Answer) => {
    const p = pending.get(a.id);
    if (p === undefined) return;
    pending.delete(a.id);
    if (a.error !== undefined) p.reject(new Error(a.error));
    else p.resolve(a.value);
  });
  // A message posted on a closed port is dropped without a word: once closed, calls are refused.
  let hungUp = false;
  port.on("close", () => {
    hungUp = true;
    for (const p of pending.values()) p.reject(new Error(`${side} hung up`));
    pending.clear();
  });
  return (method, ...args) =>
    new Promise((resolve, reject) => {
      if (hungUp) {
        reject(new Error(`${side} hung up`));
        return;
      }
      const id = next++;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, method, args } satisfies Request);
    });
}
