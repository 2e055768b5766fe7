/**
 * Work done in batches per key (group commit): what is submitted for a key while a batch of it
 * runs waits, and goes into the next batch together, up to `batchMax` at a time. One batch per
 * key runs at a time in this process; keys do not wait for one another.
 *
 * The purchases paying from one wallet commit this way (src/services/purchase-commit.ts): each
 * must hold the wallet's lock while it checks the funds and writes, so one at a time they were
 * as many lock holds, of several round trips each, as purchases; a batch is one.
 */

/** One submission waiting in a batch: the batch's runner settles it. */
export interface Pending<I, R> {
  item: I;
  resolve(result: R): void;
  reject(reason: unknown): void;
}

export interface KeyedBatchesOptions {
  /** Submissions one batch takes at most. */
  batchMax: number;
  /** Submissions a key may have waiting; more are refused with `full()`. */
  waitingMax: number;
  /** The error a submission beyond `waitingMax` is refused with. */
  full: (key: string) => Error;
}

export class KeyedBatches<I, R> {
  private readonly queues = new Map<string, Pending<I, R>[]>();

  /**
   * `run` gets each batch of a key, oldest first, and settles every submission in it; one it
   * leaves unsettled is refused, and when `run` fails, every one it had not settled fails with it.
   */
  constructor(
    private readonly run: (key: string, batch: Pending<I, R>[]) => Promise<void>,
    private readonly opts: KeyedBatchesOptions,
  ) {
    if (!(Number.isInteger(opts.batchMax) && opts.batchMax >= 1)) {
      throw new Error("batchMax must be a positive integer");
    }
  }

  /** Whether work of `key` runs or waits. */
  busy(key: string): boolean {
    return this.queues.has(key);
  }

  /** The result `run` gives `item`, once a batch of `key` has taken it. */
  submit(key: string, item: I): Promise<R> {
    let queue = this.queues.get(key);
    const idle = queue === undefined;
    if (queue === undefined) {
      queue = [];
      this.queues.set(key, queue);
    }
    if (queue.length >= this.opts.waitingMax) return Promise.reject(this.opts.full(key));
    const waiting = queue;
    const result = new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
    if (idle) void this.drain(key, waiting);
    return result;
  }

  private async drain(key: string, queue: Pending<I, R>[]): Promise<void> {
    // What is submitted in the same turn of the event loop joins the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    // Each pass takes at least one submission, and at most waitingMax can be waiting.
    while (queue.length > 0) {
      const batch = queue.splice(0, this.opts.batchMax).map(settledOnce);
      try {
        await this.run(key, batch);
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
      for (const p of batch) p.reject(new Error("the batch left this submission unsettled"));
    }
    this.queues.delete(key);
  }
}

/** A pending whose first settling counts and whose later ones do nothing. */
function settledOnce<I, R>(p: Pending<I, R>): Pending<I, R> {
  let settled = false;
  return {
    item: p.item,
    resolve(result) {
      if (settled) return;
      settled = true;
      p.resolve(result);
    },
    reject(reason) {
      if (settled) return;
      settled = true;
      p.reject(reason);
    },
  };
}
