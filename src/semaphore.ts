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
