/** Callers waiting for a transaction to reach a block, woken after each block. */
import { WaitTimeoutError } from "./errors.ts";

/** A wait may last at most ten minutes; longer means something else is wrong. */
export const WAIT_MAX_MS = 600_000;

/** Where a confirmed transaction landed. */
export interface TxConfirmation {
  txHash: string;
  blockHeight: number;
  blockHash: string;
}

/** The set of pending `waitForTx` calls. */
export class TxWaiters {
  private readonly wakers = new Set<() => void>();

  /** Calls every waiter once; each checks whether its transaction is now confirmed. */
  notify(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves when `find` returns a confirmation, rejects after `timeoutMs`. */
  wait(
    txHash: string,
    timeoutMs: number,
    find: () => TxConfirmation | undefined,
  ): Promise<TxConfirmation> {
    if (!Number.isInteger(timeoutMs) || timeoutMs < 0 || timeoutMs > WAIT_MAX_MS) {
      return Promise.reject(new RangeError(`timeoutMs must be 0..${WAIT_MAX_MS}`));
    }
    const now = find();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const found = find();
        if (!found) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new WaitTimeoutError(txHash, timeoutMs));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
      };
      this.wakers.add(wake);
    });
  }

  /** How many callers are waiting. */
  get count(): number {
    return this.wakers.size;
  }
}
