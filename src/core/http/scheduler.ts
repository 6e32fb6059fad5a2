/**
 * Which request goes on the wire next, and how many at once.
 *
 * - Priority: a waiting request of higher priority goes first (what the user is looking at before background
 *   reloads); within a priority, the oldest call first. A retry keeps its call's place (`order`).
 * - AIMD in-flight limit: a throttling answer halves the limit (at most once per round of requests: answers to
 *   requests sent before the last cut do not cut again; not for a flow already paced, below), every other answer
 *   adds 1/limit (about one more request per round trip), up to the configured maximum and never below one.
 * - Per-flow pacing (rate learning): a flow (the Transport uses provider and action) that is throttled gets a
 *   request rate. The first estimate is what got through in the last second (half of what was sent if nothing
 *   did). From then on the scheduler searches between the fastest pace that went through (`good`: PROBE answers in
 *   a row without a throttle) and the slowest pace that was throttled (`bad`): after PROBE clean answers it tries
 *   the middle (or 1.25× while no pace was throttled yet); a throttle falls back to `good` (or cuts by 10–30 %
 *   without one). Once the two are within 4 % it stays at `good`, and every few seconds loosens `bad` by 10 %
 *   to follow a quota that was raised. The request after a throttle (its retry, which keeps its place in line)
 *   waits one interval at the known-good pace, so it is not throttled again (a retry after another retry: two
 *   intervals of what went through lately, if slower; flowRate.ts), and not before a fresh request sent at the
 *   pace since set has gone through (a first pace estimated on a burst allowance can be several times the real
 *   rate). Requests of other flows go on meanwhile. A flow whose pace passes FREE_RATE is no longer paced.
 * - Cancellation: a waiting request whose signal aborts leaves the queue at once.
 */
import { newFlow, noteAnswer, paceDispatch, type Flow } from './flowRate';

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
  /** Counted in its flow's retriesQueued (its call was throttled) or freshQueued. */
  counted?: 'retry' | 'fresh';
}

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
    if (this.activeCount >= capacity(this.limitValue) || this.closedGate(key, order) !== undefined) return undefined;
    for (const w of this.queue) {
      if ((w.priority > priority || (w.priority === priority && w.order < order)) && this.closedGate(w.key, w.order) === undefined)
        return undefined;
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
            this.queued(w, -1);
            reject(abortReason(signal));
          }
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.queue.push(w);
      this.queued(w, 1);
      this.pump();
    });
  }

  private hand(key: string, order: number): Slot {
    this.activeCount++;
    const seq = this.dispatched++;
    const [pace, bound] = this.dispatchedOn(key, order, seq);
    const sentAt = this.clock.now();
    let open = true;
    return {
      order,
      done: (outcome, retryAfterMs) => {
        if (!open) return;
        open = false;
        this.activeCount--;
        this.settle(seq, key, order, outcome, retryAfterMs, pace, bound, sentAt);
        this.pump();
      },
    };
  }

  /** What the answer to a request for `key` says about the limit and the key's backoff. */
  private settle(
    seq: number,
    key: string,
    order: number,
    outcome: Outcome,
    retryAfterMs: number | undefined,
    pace: number,
    bound: boolean,
    sentAt: number,
  ): void {
    const f = this.flows.get(key);
    const paced = Number.isFinite(f?.rate ?? Infinity);
    // A throttle slows the flow down (once per pace); clean answers move it towards the fastest pace that goes through.
    if (f) {
      const { backoffMaxMs } = this.options;
      noteAnswer(f, {
        seq,
        order,
        outcome,
        retryAfterMs,
        pace,
        bound,
        sentAt,
        now: this.clock.now(),
        dispatched: this.dispatched,
        backoffMaxMs,
      });
    }
    if (this.flows.size > 10_000) this.flows.clear(); // bounded memory for callers that invent many keys
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

  /**
   * Paces the flow's next request (when it has a rate) and remembers when this one went. Returns the pace it went
   * at, and whether that pace bound it (it went about one interval after the flow's previous request).
   */
  private dispatchedOn(key: string, order: number, seq: number): [number, boolean] {
    const f = this.flows.get(key);
    const now = this.clock.now();
    if (!f) {
      // Remember recent dispatches of unthrottled flows too, to know their rate when a throttle comes.
      this.flows.set(key, newFlow(now, seq));
      return [Infinity, false];
    }
    f.lastRetry = f.throttled.delete(order);
    if (!f.lastRetry) {
      if (f.onWire.size >= 10_000) f.onWire.clear();
      f.onWire.add(seq);
    }
    return paceDispatch(f, now);
  }

  /**
   * When the flow's next request may go, if not now. A throttled call's retry goes two intervals after the flow's
   * last request (and not before `retryAt`); from `retryAt` on, other requests of the flow wait for it.
   */
  private closedGate(key: string, order: number): number | undefined {
    const f = this.flows.get(key);
    if (!f) return undefined;
    let at = f.next;
    if (f.throttled.has(order)) {
      // Not before a fresh request sent since the last throttle has gone through, while one is waiting or on the wire.
      if (!f.probed && (f.freshQueued > 0 || probesOnWire(f) > 0)) return Infinity;
      at = Math.max(at, f.retryAt, f.recent[f.recent.length - 1] + 2000 / (f.lastRetry ? Math.min(f.rate, f.retryRate) : f.rate));
    } else if (f.probed && f.retriesQueued > 0 && f.retryAt <= this.clock.now()) at = Infinity;
    return at > this.clock.now() ? at : undefined;
  }

  /** Counts a waiter in or out of its flow's queued retries. */
  private queued(w: Waiter, delta: 1 | -1): void {
    const f = this.flows.get(w.key);
    if (!f) return;
    if (delta === 1) w.counted = f.throttled.has(w.order) ? 'retry' : 'fresh';
    if (w.counted === 'retry') f.retriesQueued = Math.max(0, f.retriesQueued + delta);
    else if (w.counted === 'fresh') f.freshQueued = Math.max(0, f.freshQueued + delta);
  }

  /** Hands free slots to the best waiters whose keys are not backing off; wakes up when the next backoff ends. */
  private pump(): void {
    let wake: number | undefined;
    while (this.queue.length > 0 && this.activeCount < capacity(this.limitValue)) {
      let best = -1;
      wake = undefined;
      for (let i = 0; i < this.queue.length; i++) {
        const w = this.queue[i];
        const closed = this.closedGate(w.key, w.order);
        if (closed !== undefined) {
          if (Number.isFinite(closed)) wake = wake === undefined ? closed : Math.min(wake, closed);
          continue;
        }
        const b = best < 0 ? undefined : this.queue[best];
        if (!b || w.priority > b.priority || (w.priority === b.priority && w.order < b.order)) best = i;
      }
      if (best < 0) break;
      const [w] = this.queue.splice(best, 1);
      this.queued(w, -1);
      if (w.signal && w.onAbort) w.signal.removeEventListener('abort', w.onAbort);
      w.resolve(this.hand(w.key, w.order));
    }
    if (wake === undefined || this.queue.length === 0 || this.activeCount >= capacity(this.limitValue)) return;
    if (this.timer && this.timer.at <= wake) return;
    this.timer?.handle.cancel();
    const at = wake;
    this.timer = {
      at,
      handle: this.clock.setTimer(
        () => {
          if (this.timer?.at === at) this.timer = undefined;
          this.pump();
        },
        Math.max(0, at - this.clock.now()),
      ),
    };
  }
}

/** Fresh requests sent since the flow's last throttle that are still on the wire. */
function probesOnWire(f: Flow): number {
  let n = 0;
  for (const seq of f.onWire) if (seq >= f.probeFrom) n++;
  return n;
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
