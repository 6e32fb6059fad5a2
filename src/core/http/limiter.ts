/** Bounded concurrency with a FIFO queue. An aborted waiter leaves the queue. */

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class Limiter {
  private activeCount = 0;
  // A Set keeps insertion order (FIFO) and removes aborted waiters in O(1).
  private readonly waiters = new Set<Waiter>();

  constructor(readonly max: number) {
    if (!(max >= 1)) throw new RangeError('Limiter max must be >= 1');
  }

  /** Slots in use. */
  get active(): number {
    return this.activeCount;
  }

  /** Waiters queued. */
  get pending(): number {
    return this.waiters.size;
  }

  /** Takes a slot if one is free right now. */
  tryAcquire(): boolean {
    if (this.activeCount < this.max && this.waiters.size === 0) {
      this.activeCount++;
      return true;
    }
    return false;
  }

  /** Resolves once a slot is held; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = { resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          if (this.waiters.delete(w)) reject(abortReason(signal));
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.waiters.add(w);
    });
  }

  /** Gives a slot back; hands it straight to the oldest waiter. */
  release(): void {
    const next = this.waiters.values().next();
    if (!next.done) {
      const w = next.value;
      this.waiters.delete(w);
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(); // the slot passes over; activeCount unchanged
      return;
    }
    if (this.activeCount > 0) this.activeCount--;
  }

  /** Runs `fn` holding a slot. */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
