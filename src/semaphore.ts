/** A first-come first-served async lock for `permits` holders at once. */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly permits: number) {
    if (!(Number.isInteger(permits) && permits >= 1)) throw new Error("permits must be ≥ 1");
  }

  /** Runs `fn` once a permit is free, in the order asked; the permit is freed when it settles. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.held < this.permits && this.waiting.length === 0) this.held += 1;
    // A permit is handed over by its last holder (see release), never taken twice.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /** Whether nobody holds a permit or waits for one. */
  get idle(): boolean {
    return this.held === 0;
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.held -= 1;
    else next();
  }
}

/**
 * One Semaphore per key, made on first use and dropped once nobody holds or awaits it, so the
 * map holds only the keys in use.
 */
export class KeyedSemaphore {
  private readonly locks = new Map<string, Semaphore>();

  constructor(private readonly permits: number) {}

  /** Runs `fn` once a permit of `key` is free. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let lock = this.locks.get(key);
    if (lock === undefined) {
      lock = new Semaphore(this.permits);
      this.locks.set(key, lock);
    }
    try {
      return await lock.run(fn);
    } finally {
      if (lock.idle && this.locks.get(key) === lock) this.locks.delete(key);
    }
  }

  /** Whether a holder of `key` runs or waits. */
  busy(key: string): boolean {
    return this.locks.has(key);
  }
}
