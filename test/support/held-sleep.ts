/**
 * A sleep a test controls, for a server-side wait (the emulator's `latencySleep`) or a client's timer: while held,
 * every call waits until `release()`; otherwise it waits `ms` on a real timer. `next()` tells when a call starts.
 */
export class HeldSleep {
  /** The `ms` of every call, in order. */
  readonly calls: number[] = [];
  private held = false;
  private from = Infinity;
  private pending: (() => void)[] = [];
  private waiters: (() => void)[] = [];

  readonly sleep = (ms: number): Promise<void> => {
    this.calls.push(ms);
    for (const w of this.waiters.splice(0)) w();
    if (!this.held && this.calls.length < this.from) return new Promise((resolve) => setTimeout(resolve, ms));
    return new Promise((resolve) => this.pending.push(resolve));
  };

  /** From now on, calls wait for release(). */
  hold(): void {
    this.held = true;
  }

  /** From the n-th call on (counting from the first call ever, 1-based), calls wait for release(). */
  holdFrom(n: number): void {
    this.from = n;
  }

  /** Resolves when the next call starts (ask before the call can happen). */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Number of calls waiting for release(). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Ends every waiting call and stops holding. */
  release(): void {
    this.held = false;
    this.from = Infinity;
    for (const r of this.pending.splice(0)) r();
  }
}

/** Resolves after the work already queued (promise callbacks, I/O callbacks) has run; no clock involved. */
export function settleQueue(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
