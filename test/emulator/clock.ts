/** Controllable business clock: real time plus an offset. Signature freshness always uses real time. */
export class Clock {
  private offsetMs = 0;
  /** Called after advance/set (the state applies due transitions). */
  onChange?: () => void;
  now(): Date { return new Date(this.nowMs()); }
  nowMs(): number { return Date.now() + this.offsetMs; }
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error('advance: ms must be a finite number');
    this.offsetMs += ms;
    this.onChange?.();
  }
  set(date: Date | string | number): void {
    const t = new Date(date).getTime();
    if (!Number.isFinite(t)) throw new Error('set: invalid date');
    this.offsetMs = t - Date.now();
    this.onChange?.();
  }
  reset(): void { this.offsetMs = 0; }
}
