/**
 * One flow's rate (a provider + action the server throttled): what it learns from each answer and how it paces
 * its requests. The scheduler (scheduler.ts) keeps a flow per key; this file is the learning.
 */
import type { Outcome } from './scheduler';

export interface Flow {
  /** Requests per second allowed; Infinity until the flow is throttled. */
  rate: number;
  /** Earliest time of its next dispatch. */
  next: number;
  /** Answers to requests dispatched before this (global dispatch count) say nothing about the current rate. */
  cutAt: number;
  /** Recent dispatch times (ms), newest last, at most RECENT. */
  recent: number[];
  /** Recent times (ms) of answers that were not throttled, newest last, at most RECENT. */
  passed: number[];
  /** Fastest pace that went through PROBE times in a row (0: none yet). */
  good: number;
  /** Slowest pace that was throttled (Infinity: none yet). */
  bad: number;
  /** Clean answers at the current rate since it was set. */
  streak: number;
  /** When the search last settled at `good` (to loosen `bad` later). */
  settledAt: number;
  /** Calls (their place in line) whose last request was throttled: their retry waits for `retryAt` too. */
  throttled: Set<number>;
  /** Two intervals at the pace set by the last throttle after the flow's last request then. */
  retryAt: number;
  /** The pace of a retry that follows another retry (two of its intervals after it): at most what went through lately. */
  retryRate: number;
  /** The flow's last request was a retry. */
  lastRetry: boolean;
  /** Waiters in the queue whose call was throttled. */
  retriesQueued: number;
  /** Waiters in the queue whose call was not throttled (fresh requests). */
  freshQueued: number;
  /** Fresh requests of the flow on the wire (their dispatch numbers). */
  onWire: Set<number>;
  /** Dispatch count at the last throttle: a fresh request sent from then on tells whether the new pace goes through. */
  probeFrom: number;
  /** Such a request has been answered without a throttle (true before any throttle). */
  probed: boolean;
  /** When the flow's first answer came (Infinity before), and how many requests sent before it went through. */
  firstAnswer: number;
  roundOk: number;
  /** When the flow's first request went. */
  since: number;
}

const RECENT = 64;
/** Above this the rate no longer binds: the flow is no longer paced. */
const FREE_RATE = 1000;
/** Clean answers in a row before a pace counts as good and a faster one is tried. */
const PROBE = 3;
/** good and bad this close (ratio) end the search. */
const CLOSE = 1.04;
/** After this long settled, `bad` is loosened by 10 % (a quota may have been raised). */
const RESEARCH_MS = 5000;

/** A flow seen for the first time (its first request, dispatch number `seq`, went now); not paced until it is throttled. */
export function newFlow(now: number, seq: number): Flow {
  return {
    rate: Infinity,
    next: 0,
    cutAt: 0,
    recent: [now],
    passed: [],
    good: 0,
    bad: Infinity,
    streak: 0,
    settledAt: 0,
    throttled: new Set(),
    retryAt: 0,
    retryRate: Infinity,
    lastRetry: false,
    retriesQueued: 0,
    freshQueued: 0,
    onWire: new Set([seq]),
    probeFrom: 0,
    probed: true,
    firstAnswer: Infinity,
    roundOk: 0,
    since: now,
  };
}

/** Remembers a request that goes now and paces the next one. Returns its pace and whether that pace held it back. */
export function paceDispatch(f: Flow, now: number): [number, boolean] {
  const gap = now - f.recent[f.recent.length - 1];
  if (f.recent.push(now) > RECENT) f.recent.shift();
  if (!Number.isFinite(f.rate)) return [Infinity, false];
  f.next = Math.max(f.next, now) + 1000 / f.rate;
  return [f.rate, gap <= (1.2 * 1000) / f.rate];
}

/** What the scheduler knows of an answer. */
export interface Answer {
  readonly seq: number;
  readonly order: number;
  readonly outcome: Outcome;
  readonly retryAfterMs: number | undefined;
  readonly pace: number;
  readonly bound: boolean;
  readonly sentAt: number;
  readonly now: number;
  /** Requests dispatched so far (all flows). */
  readonly dispatched: number;
  readonly backoffMaxMs: number;
}

/** A throttle slows the flow down (once per pace); clean answers move it towards the fastest pace that goes through. */
export function noteAnswer(f: Flow, a: Answer): void {
  const { seq, order, outcome, retryAfterMs, pace, bound, sentAt, now } = a;
  if (f.firstAnswer === Infinity) f.firstAnswer = now;
  if (f.onWire.delete(seq) && seq >= f.probeFrom && outcome !== 'throttled' && bound) f.probed = true;
  if (outcome === 'ok' && sentAt < f.firstAnswer) f.roundOk++;
  const slowest = 1000 / Math.max(1, a.backoffMaxMs);
  if (outcome === 'throttled') {
    // Not for a request sent at a faster pace before the last cut (the same excess), but for one sent at the
    // pace now or slower (a pace raised meanwhile is too fast too).
    if (seq >= f.cutAt || pace <= f.rate) {
      let offered = pace;
      if (!Number.isFinite(offered)) {
        // Not paced yet: what got through lately is what the server allows this flow now; with nothing
        // through yet, half of what was sent.
        const span = Math.max(100, Math.min(1000, now - f.recent[0]));
        const passed = f.passed.filter((t) => t > now - span).length;
        const sent = f.recent.filter((t) => t > now - span).length;
        offered = Infinity; // a burst at once says how many the server takes at once, not how many per second
        // The first round (sent before any answer came) may have gone through on a burst allowance, which
        // says nothing about the rate: only what passed after it counts.
        const late = passed - f.roundOk;
        f.rate = late > 0 ? (late * 1000) / span : passed > 0 ? 1000 / span : (Math.max(1, sent) * 1000) / span / 2;
      } else if (f.good > 0 && f.good < pace) {
        f.rate = f.good;
      } else {
        // No pace went through yet: cut by 10 % at least and 30 % at most towards what got through in the last
        // second. The good pace no longer goes through (it did on a burst allowance): half of it.
        const passed = f.passed.filter((t) => t > now - 1000).length;
        f.rate = f.good >= pace ? pace / 2 : Math.max(pace * 0.7, Math.min(pace * 0.9, passed));
        if (f.good >= pace) f.good = 0;
      }
      f.bad = Math.min(f.bad, offered);
      f.rate = Math.max(slowest, f.rate);
      f.cutAt = a.dispatched;
      f.streak = 0;
      f.settledAt = now;
    }
    // The next request (this one's retry goes first) goes a whole interval at the pace now set after the flow's
    // last request (the server sees the same gap), or as late as the server asked.
    const last = f.recent[f.recent.length - 1];
    const asked = now + Math.min(a.backoffMaxMs, retryAfterMs ?? 0);
    f.next = Math.max(f.next, last + 1000 / f.rate, asked);
    // This call's retry waits one more interval: should the new pace still be too fast (a burst allowance made
    // a pace look good), a fresh request finds that out first, and the retry is not throttled twice.
    // A burst allowance lets a faster pace through for a while, so a "good" pace can be more than twice the real
    // rate: the retry is also spaced by what went through in the last 2 s (since the flow began, if later).
    const span2 = Math.max(100, Math.min(2000, now - f.since));
    const passed2 = f.passed.filter((t) => t > now - span2).length;
    const safe = passed2 > 0 ? Math.min(f.rate, (passed2 * 1000) / span2) : f.rate;
    f.retryAt = Math.max(f.retryAt, last + 2000 / safe, asked);
    // A retry that follows another retry is spaced by that pace too: several requests throttled together at a
    // pace too fast are retried one after another on a bucket the throttle found empty, and the pace fallen back
    // to (`good`) may still be too fast (it went through on a burst allowance).
    f.retryRate = safe;
    // Throttled retries wait until a fresh request sent at the pace now set has gone through (when one is waiting or
    // on the wire): a first pace estimated on a burst allowance can be several times the real rate, and a retry
    // sent at it before that is known would be throttled again.
    if (seq >= f.probeFrom) {
      f.probeFrom = a.dispatched;
      f.probed = false;
    }
    if (f.throttled.size >= 10_000) f.throttled.clear();
    f.throttled.add(order);
  } else if (outcome === 'ok') {
    if (f.passed.push(now) > RECENT) f.passed.shift();
    // Only a request the pace held back says the pace goes through.
    if (!Number.isFinite(f.rate) || seq < f.cutAt || !bound) return;
    if (++f.streak < PROBE) return;
    f.good = Math.max(f.good, pace);
    if (f.bad <= f.good * CLOSE) {
      // Settled: stay at the good pace; now and then loosen the bad one to find a raised quota.
      if (now - f.settledAt < RESEARCH_MS) return;
      f.bad = f.good * 1.1 * CLOSE;
    }
    f.rate = Number.isFinite(f.bad) ? (f.good + f.bad) / 2 : f.good * 1.5;
    f.cutAt = a.dispatched;
    f.streak = 0;
    f.settledAt = now;
    if (f.rate > FREE_RATE) {
      f.rate = Infinity;
      f.next = 0;
      f.good = 0;
      f.bad = Infinity;
    }
  }
}
