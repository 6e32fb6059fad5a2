/** Controllable business clock: real time plus an offset. Signature freshness always uses real time. */
export class Clock {
  private offsetMs = 0;
  /** `realNow`: the real time (ms) the offset applies to; tests inject one, default Date.now. */
  constructor(readonly realNow: () => number = Date.now) {}
  /** Called after advance/set (the state applies due transitions). */
  onChange?: () => void;
  now(): Date {
    return new Date(this.nowMs());
  }
  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error('advance: ms must be a finite number');
    this.offsetMs += ms;
    this.onChange?.();
  }
  set(date: Date | string | number): void {
    const t = new Date(date).getTime();
    if (!Number.isFinite(t)) throw new Error('set: invalid date');
    this.offsetMs = t - this.realNow();
    this.onChange?.();
  }
  reset(): void {
    this.offsetMs = 0;
  }
}
