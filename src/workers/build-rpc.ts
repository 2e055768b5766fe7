/**
 * Calls from a build thread back to the main thread, over a MessagePort given with the task:
 * the builds run on the thread, but the chain client, the database transaction the submitter
 * holds and the escrow admins' keys stay on the main thread. Arguments and answers go by
 * structured clone (bigints, Maps and plain objects survive; classes become plain objects), and
 * a failure comes back as an Error with its message.
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

/** Answers the thread's calls with `methods`; a name not among them is refused. */
export function serveRpc(port: MessagePort, methods: RpcMethods): void {
  port.on("message", (req: Request) => {
    const answer = (a: Omit<Answer, "id">) => port.postMessage({ id: req.id, ...a });
    const method = Object.hasOwn(methods, req.method) ? methods[req.method] : undefined;
    if (method === undefined) {
      answer({ error: `build thread: no method ${req.method} on the main thread` });
      return;
    }
    (method as (...args: unknown[]) => Promise<unknown>)(...req.args).then(
      (value) => answer({ value }),
      (err: unknown) => answer({ error: err instanceof Error ? err.message : String(err) }),
    );
  });
}

/** The thread's side: `call(method, ...args)` resolves with the main thread's answer. */
export function rpcClient(
  port: MessagePort,
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
  port.on("close", () => {
    for (const p of pending.values()) p.reject(new Error("build thread: the main thread hung up"));
    pending.clear();
  });
  return (method, ...args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, method, args } satisfies Request);
    });
}
