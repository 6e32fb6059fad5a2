/**
 * Which request goes on the wire next, and how many at once.
 *
 * - Priority: a waiting request of higher priority goes first (what the user is looking at before background
 *   reloads); within a priority, the oldest call first. A retry keeps its call's place (`order`).
 * - AIMD in-flight limit: a throttling answer halves the limit (at most once per round of requests: answers to
 *   requests sent before the last cut do not cut again; not for a flow already paced, below), every other answer
 *   adds 1/limit (about one more request per round trip), up to the configured maximum and never below one.
 * - Per-flow pacing: a flow (the Transport uses provider and action) that is throttled gets a request rate: what
 *   got through in the last second (half of what was sent if nothing did; later throttles cut it by 10–30 %),
 *   raised by 1/rate per answer (about one more request per second each second) until it no longer
 *   binds. Its next request waits at least one interval (or as long as the server asked, capped); requests of
 *   other flows go on meanwhile.
 * - Cancellation: a waiting request whose signal aborts leaves the queue at once.
 */

/** Request priorities (higher goes first). */
export const Priority = Object.freeze({ background: 0, normal: 1, visible: 2 });

export type Outcome = 'ok' | 'throttled' | 'other';

export interface SchedulerClock {
  now(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
}

export interface SchedulerOptions {
  /** Most requests on the wire at once (the AIMD limit starts here). */
  max: number;
  /** Longest wait after a throttle (a server's retry-after beyond it is capped); also bounds the slowest pace. */
  backoffMaxMs: number;
  clock?: SchedulerClock;
}

/** A held place on the wire; `done` gives it back (once) with what the answer was. */
export interface Slot {
  readonly order: number;
  done(outcome: Outcome, retryAfterMs?: number): void;
}

interface Waiter {
  key: string;
  priority: number;
  order: number;
  resolve(slot: Slot): void;
  reject(reason: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Flow {
  /** Requests per second allowed; Infinity until the flow is throttled. */
  rate: number;
  /** Earliest time of its next dispatch. */
  next: number;
  /** A throttle on a request dispatched before this (global dispatch count) does not cut the rate again. */
  cutAt: number;
  /** Recent dispatch times (ms), newest last, at most RECENT. */
  recent: number[];
  /** Recent times (ms) of answers that were not throttled, newest last, at most RECENT. */
  passed: number[];
}

const RECENT = 64;
/** Above this the rate no longer binds: the flow is no longer paced. */
const FREE_RATE = 1000;

const realClock: SchedulerClock = {
  now: () => performance.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    return { cancel: () => clearTimeout(t) };
  },
};

export class Scheduler {
  private activeCount = 0;
  private limitValue: number;
  private readonly queue: Waiter[] = [];
  private readonly flows = new Map<string, Flow>();
  private nextOrder = 0;
  /** Slots handed out so far; a throttle on a slot handed out before `cutAt` does not cut the limit again. */
  private dispatched = 0;
  private cutAt = 0;
  private timer?: { at: number; handle: { cancel(): void } };
  private readonly clock: SchedulerClock;

  constructor(private readonly options: SchedulerOptions) {
    if (!(options.max >= 1)) throw new RangeError('Scheduler max must be >= 1');
    this.limitValue = options.max;
    this.clock = options.clock ?? realClock;
  }

  /** Slots in use. */
  get active(): number {
    return this.activeCount;
  }

  /** Requests waiting. */
  get pending(): number {
    return this.queue.length;
  }

  /** The current in-flight limit (whole requests). */
  get limit(): number {
    return capacity(this.limitValue);
  }

  /** The pace of a flow in requests per second; Infinity when it is not paced. */
  pace(key: string): number {
    return this.flows.get(key)?.rate ?? Infinity;
  }

  /** A fresh place in line for a new call. */
  newOrder(): number {
    return this.nextOrder++;
  }

  /** A slot if one is free now and nothing waits ahead of this request. */
  tryAcquire(key: string, priority: number = Priority.normal, order = this.newOrder()): Slot | undefined {
    if (this.activeCount >= capacity(this.limitValue) || this.closedGate(key) !== undefined) return undefined;
    for (const w of this.queue) {
      if ((w.priority > priority || (w.priority === priority && w.order < order)) && this.closedGate(w.key) === undefined) return undefined;
    }
    return this.hand(key, order);
  }

  /** Resolves with a slot; rejects with the signal's reason as soon as it aborts while waiting. */
  acquire(key: string, priority: number = Priority.normal, order = this.newOrder(), signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const now = this.tryAcquire(key, priority, order);
    if (now) return Promise.resolve(now);
    return new Promise<Slot>((resolve, reject) => {
      const w: Waiter = { key, priority, order, resolve, reject, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.queue.indexOf(w);
          if (i >= 0) {
            this.queue.splice(i, 1);
            reject(abortReason(signal));
          }
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.pump();
    });
  }

  private hand(key: string, order: number): Slot {
    this.activeCount++;
    const seq = this.dispatched++;
    this.dispatchedOn(key);
    let open = true;
    return {
      order,
      done: (outcome, retryAfterMs) => {
        if (!open) return;
        open = false;
        this.activeCount--;
        this.settle(seq, key, outcome, retryAfterMs);
        this.pump();
      },
    };
  }

  /** What the answer to a request for `key` says about the limit and the key's backoff. */
  private settle(seq: number, key: string, outcome: Outcome, retryAfterMs?: number): void {
    const paced = Number.isFinite(this.flows.get(key)?.rate ?? Infinity);
    this.note(key, seq, outcome, retryAfterMs);
    if (outcome === 'throttled') {
      // A flow already paced is slowed by its pace alone: cutting the in-flight limit again would also slow the
      // flows that are not throttled (with a long round trip, below the rate the server allows).
      if (seq >= this.cutAt && !paced) {
        // Half of what was on the wire (this request included), as TCP halves its flight size.
        this.limitValue = Math.max(1, Math.min(this.limitValue, this.activeCount + 1) / 2);
        this.cutAt = this.dispatched;
      }
    } else if (outcome === 'ok' && this.limitValue < this.options.max) {
      this.limitValue = Math.min(this.options.max, this.limitValue + 1 / this.limitValue);
    }
  }

  /** Paces the flow's next request (when it has a rate) and remembers when this one went. */
  private dispatchedOn(key: string): void {
    const f = this.flows.get(key);
    const now = this.clock.now();
    if (!f) {
      // Remember recent dispatches of unthrottled flows too, to know their rate when a throttle comes.
      this.flows.set(key, { rate: Infinity, next: 0, cutAt: 0, recent: [now], passed: [] });
      return;
    }
    if (f.recent.push(now) > RECENT) f.recent.shift();
    if (Number.isFinite(f.rate)) f.next = Math.max(f.next, now) + 1000 / f.rate;
  }

  /** A throttle slows the flow down (once per round); another answer speeds it up a little. */
  private note(key: string, seq: number, outcome: Outcome, retryAfterMs?: number): void {
    const f = this.flows.get(key);
    if (!f) return;
    const now = this.clock.now();
    const slowest = 1000 / Math.max(1, this.options.backoffMaxMs);
    if (outcome === 'throttled') {
      if (seq >= f.cutAt) {
        // What got through lately is what the server allows this flow now; with nothing through yet, half of
        // what was sent.
        const span = Math.max(100, Math.min(1000, now - f.recent[0]));
        const passed = f.passed.filter((t) => t > now - span).length;
        const sent = f.recent.filter((t) => t > now - span).length;
        const allowed = passed > 0 ? (passed * 1000) / span : (Math.max(1, sent) * 1000) / span / 2;
        // Already paced: down to what got through, by 10 % at least and 30 % at most.
        f.rate = Math.max(slowest, Number.isFinite(f.rate) ? Math.max(f.rate * 0.7, Math.min(f.rate * 0.9, allowed)) : allowed);
        f.cutAt = this.dispatched;
      }
      const wait = Math.min(this.options.backoffMaxMs, Math.max(1000 / f.rate, retryAfterMs ?? 0));
      f.next = Math.max(f.next, now + wait);
    } else if (outcome === 'ok') {
      if (f.passed.push(now) > RECENT) f.passed.shift();
      if (!Number.isFinite(f.rate)) return;
      f.rate += 1 / f.rate;
      if (f.rate > FREE_RATE) { f.rate = Infinity; f.next = 0; }
    }
    if (this.flows.size > 10_000) this.flows.clear(); // bounded memory for callers that invent many keys
  }

  /** When the flow's next request may go, if not now. */
  private closedGate(key: string): number | undefined {
    const f = this.flows.get(key);
    if (!f) return undefined;
    return f.next > this.clock.now() ? f.next : undefined;
  }

  /** Hands free slots to the best waiters whose keys are not backing off; wakes up when the next backoff ends. */
  private pump(): void {
    let wake: number | undefined;
    while (this.queue.length > 0 && this.activeCount < capacity(this.limitValue)) {
      let best = -1;
      wake = undefined;
      for (let i = 0; i < this.queue.length; i++) {
        const w = this.queue[i];
        const closed = this.closedGate(w.key);
        if (closed !== undefined) {
          wake = wake === undefined ? closed : Math.min(wake, closed);
          continue;
        }
        const b = best < 0 ? undefined : this.queue[best];
        if (!b || w.priority > b.priority || (w.priority === b.priority && w.order < b.order)) best = i;
      }
      if (best < 0) break;
      const [w] = this.queue.splice(best, 1);
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.hand(w.key, w.order));
    }
    if (wake === undefined || this.queue.length === 0 || this.activeCount >= capacity(this.limitValue)) return;
    if (this.timer && this.timer.at <= wake) return;
    this.timer?.handle.cancel();
    const at = wake;
    this.timer = {
      at,
      handle: this.clock.setTimer(() => {
        if (this.timer?.at === at) this.timer = undefined;
        this.pump();
      }, Math.max(0, at - this.clock.now())),
    };
  }
}

function capacity(limit: number): number {
  return Math.max(1, Math.floor(limit));
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

const THROTTLE_CODE = /"Code"\s*:\s*"(?:Throttling[^"]*|FlowLimitExceeded)"/;

/** Whether an answer is a throttling refusal: HTTP 429, or a 4xx/5xx whose error code is Throttling* / FlowLimitExceeded. */
export function isThrottled(status: number, body: string): boolean {
  if (status === 429) return true;
  if (status < 400 || body.length > 8192) return false;
  return THROTTLE_CODE.test(body);
}

/** The wait a throttling answer asks for: `x-acs-retry-after` (ms) or `Retry-After` (seconds). */
export function serverWaitMs(headers: Record<string, string>): number | undefined {
  const acs = headers['x-acs-retry-after'];
  if (acs !== undefined && /^\s*\d+\s*$/.test(acs)) return Number(acs);
  const ra = headers['retry-after'];
  if (ra !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.round(Number(ra) * 1000);
  return undefined;
}
