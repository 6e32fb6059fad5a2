/** Fake timers for the tree's refresh manager: setInterval on a clock the test moves (unit and integration tests). */
import type { Timers } from '../../src/tree/refresh';

/** setInterval on a clock the test moves. */
export class FakeTimers implements Timers {
  t = 0;
  private next = 1;
  readonly intervals = new Map<number, { fn: () => void; ms: number; at: number }>();
  now(): number {
    return this.t;
  }
  setInterval(fn: () => void, ms: number): unknown {
    const h = this.next++;
    this.intervals.set(h, { fn, ms, at: this.t + ms });
    return h;
  }
  clearInterval(h: unknown): void {
    this.intervals.delete(h as number);
  }
  /** Periods of the running intervals. */
  periods(): number[] {
    return [...this.intervals.values()].map((i) => i.ms).sort((a, b) => a - b);
  }
  /** Moves the clock, firing due intervals in order and letting what they start settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      let due: { fn: () => void; ms: number; at: number } | undefined;
      for (const i of this.intervals.values()) if (i.at <= end && (!due || i.at < due.at)) due = i;
      if (!due) break;
      this.t = due.at;
      due.at += due.ms;
      due.fn();
      await settle();
    }
    this.t = end;
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
}
