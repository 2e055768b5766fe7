/**
 * A meeting point for concurrent work: each `pass()` waits until `n` have come, then all go on
 * at once. Tests hold purchases at their coins-per-byte read (after their checks, before their
 * wallet) so that they reach their wallet's batch together.
 */
export interface Gathering {
  /** Waits until `n` callers have come (at once, for the n-th and after). */
  pass(): Promise<void>;
  /** How many callers wait now (0 once all have gone on). */
  held(): number;
}

export function gathering(n: number): Gathering {
  let waiting = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return {
    async pass() {
      waiting += 1;
      if (waiting === n) release();
      await all;
    },
    held: () => (waiting >= n ? 0 : waiting),
  };
}
