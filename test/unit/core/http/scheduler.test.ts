import * as assert from 'node:assert/strict';
import { callWithRetry } from '../../../../src/core/http/call';
import { volcengineBody } from '../../../../src/core/http/envelopes';
import { isThrottled, Priority, Scheduler, serverWaitMs, type SchedulerClock, type Slot } from '../../../../src/core/http/scheduler';
import { Transport } from '../../../../src/core/http/transport';
import { json, startServer, type TestServer } from '../../../support/servers';
import { rejects } from '../../../support/rejects';

/** A clock the test moves by hand; timers fire only when advanced past them. */
class FakeClock implements SchedulerClock {
  t = 1000;
  private timers: { at: number; fn: () => void; live: boolean }[] = [];
  now = () => this.t;
  setTimer = (fn: () => void, ms: number) => {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.live = false;
      },
    };
  };
  /** Moves to the earliest live timer and fires what is due. */
  advanceToNext(): void {
    const live = this.timers.filter((x) => x.live);
    if (live.length === 0) throw new Error('nothing scheduled: the run is stuck');
    this.advance(Math.max(0, Math.min(...live.map((x) => x.at)) - this.t));
  }
  get pendingTimers(): number {
    return this.timers.filter((x) => x.live).length;
  }
  advance(ms: number): void {
    this.t += ms;
    const due = this.timers.filter((x) => x.live && x.at <= this.t);
    this.timers = this.timers.filter((x) => x.live && x.at > this.t);
    for (const x of due) x.fn();
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/** Resolves-to-a-label tracker for acquire() promises. */
function track(p: Promise<Slot>, got: string[], label: string, slots: Map<string, Slot>): Promise<void> {
  return p.then((s) => {
    got.push(label);
    slots.set(label, s);
  });
}

describe('Scheduler', () => {
  it('hands a free slot to the highest priority, then the oldest call (a retry keeps its place)', async () => {
    const s = new Scheduler({ max: 1, backoffMaxMs: 1000, clock: new FakeClock() });
    const first = s.tryAcquire('a')!;
    assert.ok(first);
    const got: string[] = [];
    const slots = new Map<string, Slot>();
    const bg = track(s.acquire('a', Priority.background), got, 'background', slots);
    const late = track(s.acquire('b', Priority.normal, 50), got, 'normal-late', slots);
    const early = track(s.acquire('c', Priority.normal, 7), got, 'normal-early', slots); // a retry of an older call
    const vis = track(s.acquire('d', Priority.visible), got, 'visible', slots);
    assert.equal(s.tryAcquire('e', Priority.visible), undefined); // queued ones go first
    for (const label of ['visible', 'normal-early', 'normal-late', 'background']) {
      (slots.get(got[got.length - 1]) ?? first).done('ok');
      await tick();
      assert.equal(got[got.length - 1], label);
    }
    await Promise.all([bg, late, early, vis]);
    assert.deepEqual(got, ['visible', 'normal-early', 'normal-late', 'background']);
  });

  it('AIMD: a throttle halves the in-flight limit once per round, never below one; successes win it back slowly', () => {
    const s = new Scheduler({ max: 8, backoffMaxMs: 0, clock: new FakeClock() });
    let k = 0;
    const key = () => `flow-${k++}`; // a new flow each time: no pacing, only the in-flight limit
    const round = Array.from({ length: 8 }, () => s.tryAcquire(key())!);
    assert.ok(round.every(Boolean));
    assert.equal(s.tryAcquire(key()), undefined);
    round[0].done('throttled');
    assert.equal(s.limit, 4);
    round[1].done('throttled'); // sent before the cut: the same congestion, no second cut
    round[2].done('throttled');
    assert.equal(s.limit, 4);
    round.slice(3).forEach((x) => x.done('other'));
    assert.equal(s.limit, 4);
    // Requests sent after the cut that are throttled cut again (half of what is on the wire), down to one and no further.
    for (const expected of [2, 1, 1, 1]) {
      const wave = Array.from({ length: s.limit }, () => s.tryAcquire(key())!);
      assert.equal(s.tryAcquire(key()), undefined);
      wave[0].done('throttled');
      wave.slice(1).forEach((x) => x.done('other'));
      assert.equal(s.limit, expected);
    }
    // Additive increase: +1/limit per answer, about one per round of answers.
    const limits: number[] = [];
    for (let i = 0; i < 40; i++) {
      s.tryAcquire(key())!.done('ok');
      limits.push(s.limit);
    }
    assert.deepEqual(limits.slice(0, 5), [2, 2, 2, 3, 3]);
    assert.ok(limits.indexOf(8) > 20, `reached 8 after ${limits.indexOf(8) + 1} answers`);
    assert.equal(Math.max(...limits), 8);
    // Whole requests only: with limit 1, one request at a time.
    const t = new Scheduler({ max: 4, backoffMaxMs: 0, clock: new FakeClock() });
    const a = t.tryAcquire('a')!;
    a.done('throttled');
    assert.equal(t.limit, 1);
    assert.ok(t.tryAcquire('b'));
    assert.equal(t.tryAcquire('c'), undefined);
  });

  /**
   * A server with a token bucket (default burst 1) answering after a fixed round trip, on the fake clock; `n` calls of one
   * flow start at once and each is retried (same place in line) while throttled, as callWithRetry does.
   */
  async function bucketRun(n: number, perSecond: number, rttMs: number, burst = 1) {
    const clock = new FakeClock();
    const s = new Scheduler({ max: 8, backoffMaxMs: 20_000, clock });
    const start = clock.t;
    let tokens = burst;
    let at = clock.t;
    const admit = () => {
      tokens = Math.min(burst, tokens + ((clock.t - at) * perSecond) / 1000);
      at = clock.t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    };
    const tries: boolean[][] = []; // per call: admitted or not, attempt by attempt
    let finished = 0;
    const one = async (i: number) => {
      const order = s.newOrder();
      tries[i] = [];
      for (;;) {
        const slot = await s.acquire('aliyun|DescribeReservedInstances', Priority.normal, order);
        const ok = admit();
        tries[i].push(ok);
        await new Promise<void>((r) => clock.setTimer(r, rttMs));
        slot.done(ok ? 'ok' : 'throttled');
        if (ok) break;
      }
      finished++;
    };
    const all = Array.from({ length: n }, (_, i) => one(i));
    let steps = 0;
    while (finished < n) {
      for (let k = 0; k < 3; k++) await tick();
      if (finished < n) clock.advanceToNext();
      assert.ok(++steps < 100_000, 'the run ends');
    }
    await Promise.all(all);
    // Calls with a request throttled twice in a row.
    const twice = tries.filter((t) => t.some((ok, k) => !ok && t[k + 1] === false)).length;
    return { elapsed: clock.t - start, tries, twice, pace: s.pace('aliyun|DescribeReservedInstances') };
  }

  it('learns a server rate: paced near it after a few throttles, and no request throttled twice in a row', async () => {
    for (const [rate, rtt, burst] of [
      [10, 50, 1],
      [10, 150, 1],
      [5, 150, 1],
      [10, 150, 10],
      [10, 50, 10],
    ] as const) {
      const n = 150;
      const r = await bucketRun(n, rate, rtt, burst);
      const { twice } = r;
      const throttled = r.tries.reduce((k, t) => k + t.filter((ok) => !ok).length, 0);
      assert.equal(twice, 0, `rate ${rate}, rtt ${rtt}: ${twice} requests throttled twice in a row`);
      // The floor: n requests at `rate` (burst 1) take (n - 1) / rate, plus one round trip.
      const floor = ((n - 1) * 1000) / rate + rtt;
      assert.ok(r.elapsed <= floor * 1.3, `rate ${rate}, rtt ${rtt}: ${r.elapsed} ms for ${n} requests, floor ${floor} ms`);
      assert.ok(throttled <= 25, `rate ${rate}, rtt ${rtt}: ${throttled} throttled answers`);
      // With a burst allowance a faster pace goes through for a while.
      if (burst === 1) assert.ok(r.pace <= rate * 1.1 && r.pace >= rate * 0.85, `rate ${rate}, rtt ${rtt}: paced at ${r.pace}/s`);
    }
  });

  it('a burst allowance of 2–3 s does not get a retry throttled again (the first pace is estimated on the burst)', async () => {
    // With a bucket of 20–30 tokens at 10/s the first throttle comes after 20–30 requests went through at once, so
    // the first pace (what went through lately) is several times the real rate. Retries wait until a fresh request
    // sent at the pace since set has gone through; before that, 1–4 of 150 requests were throttled twice in a row.
    for (const [n, rtt, burst] of [
      [150, 50, 20],
      [150, 50, 30],
      [150, 150, 20],
      [150, 150, 30],
      [270, 50, 30],
      [150, 300, 30],
    ] as const) {
      const r = await bucketRun(n, 10, rtt, burst);
      const { twice } = r;
      assert.equal(twice, 0, `burst ${burst}, rtt ${rtt}, ${n} requests: ${twice} throttled twice in a row`);
      // The floor: what the burst does not cover goes at the rate, plus one round trip.
      const floor = ((n - burst) * 1000) / 10 + rtt;
      assert.ok(r.elapsed <= floor * 1.15, `burst ${burst}, rtt ${rtt}: ${r.elapsed} ms for ${n} requests, floor ${floor} ms`);
    }
  });

  it('a throttled flow waits for its pace while other flows go on', async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ max: 4, backoffMaxMs: 1000, clock });
    const A = 'volcengine|DescribeInstances';
    for (const dt of [0, 250, 250, 250]) {
      clock.advance(dt);
      s.tryAcquire(A)!.done('ok');
    }
    clock.advance(250);
    s.tryAcquire(A)!.done('throttled'); // 3 got through in the last second: paced at 3/s from now on
    assert.equal(s.pace(A), 3);
    assert.equal(s.limit, 1);
    assert.equal(s.tryAcquire(A), undefined);
    const got: string[] = [];
    const slots = new Map<string, Slot>();
    const a = track(s.acquire(A, Priority.visible), got, 'a', slots);
    const b = track(s.acquire('volcengine|DescribeScheduledInstances', Priority.background), got, 'b', slots);
    await tick();
    assert.deepEqual(got, ['b']); // a waits for its pace even though it has the higher priority
    slots.get('b')!.done('ok');
    clock.advance(333);
    await tick();
    assert.deepEqual(got, ['b']);
    clock.advance(1);
    await Promise.all([a, b]);
    assert.deepEqual(got, ['b', 'a']);
  });

  it('a paced flow: a later throttle cuts its pace by 10–30 % towards what got through, and leaves the in-flight limit', () => {
    const clock = new FakeClock();
    const s = new Scheduler({ max: 8, backoffMaxMs: 60_000, clock });
    const A = 'aliyun|DescribeReservedInstances';
    // 10 sent 100 ms apart, 9 of them within the last second, then a throttle: paced at 9/s, in-flight limit cut
    // (the flow was not paced).
    for (let i = 0; i < 10; i++) {
      s.tryAcquire(A)!.done('ok');
      clock.advance(100);
    }
    const all = Array.from({ length: 4 }, () => s.tryAcquire('other-' + Math.random())!);
    s.tryAcquire(A)!.done('throttled');
    assert.equal(s.pace(A), 9);
    assert.equal(s.limit, 2); // 5 on the wire → 2.5
    all.forEach((x) => x.done('other'));
    // 200 ms later (after its interval) another throttle: 7 got through in the last second, so the pace goes down
    // to 7 (between 0.7 × 9 and 0.9 × 9), and the in-flight limit stays.
    clock.advance(200);
    s.tryAcquire(A)!.done('throttled');
    assert.equal(s.pace(A), 7);
    assert.equal(s.limit, 2);
    // Much later, nothing got through in the last second: cut by 30 %, no more.
    clock.advance(5000);
    s.tryAcquire(A)!.done('throttled');
    assert.equal(s.pace(A), 7 * 0.7);
    assert.equal(s.pace('never-seen'), Infinity);
  });

  it('retries that follow one another are spaced by what went through lately, not by the pace fallen back to', async () => {
    // Issue 21, rate row at 150 ms: a search that climbed on a full bucket (a burst allowance) to 42/s had 7
    // requests throttled together; it fell back to 28/s ("good" on the burst), and the retries went one after
    // another two intervals of 28/s apart (14/s) on a 10/s bucket the throttle had found empty: the sixth was
    // throttled again. What went through in the last 2 s (~11/s) bounds the retries' pace.
    const clock = new FakeClock();
    const s = new Scheduler({ max: 8, backoffMaxMs: 20_000, clock });
    const A = 'aliyun|DescribeReservedInstances';
    // 2 s of requests 100 ms apart, all through; then a throttle: paced at 9/s (what went through in the last second).
    for (let i = 0; i < 20; i++) {
      s.tryAcquire(A)!.done('ok');
      clock.advance(100);
    }
    s.tryAcquire(A)!.done('throttled');
    assert.equal(s.pace(A), 9);
    // The search climbs (no pace throttled yet: ×1.5 after 3 clean answers at the pace).
    const send = async (order = s.newOrder()): Promise<Slot> => {
      let slot: Slot | undefined;
      void s.acquire(A, Priority.normal, order).then((x) => (slot = x));
      for (let k = 0; k < 1000 && !slot; k++) {
        await tick();
        if (!slot) clock.advanceToNext();
      }
      assert.ok(slot, 'the request went');
      return slot;
    };
    while (s.pace(A) < 30) (await send()).done('ok');
    const fast = s.pace(A);
    // The in-flight limit, cut by the first throttle, grew back meanwhile.
    for (let i = 0; i < 20; i++) s.tryAcquire('other')!.done('ok');
    assert.ok(s.limit >= 5, String(s.limit));
    // Several requests go at the fast pace before the first answer; all are throttled.
    const orders: number[] = [];
    const wire: Slot[] = [];
    for (let i = 0; i < 5; i++) {
      const slot = await send();
      wire.push(slot);
      orders.push(slot.order);
    }
    for (const w of wire) w.done('throttled');
    const fellTo = s.pace(A);
    assert.ok(fellTo < fast && fellTo >= 20, `fell back to ${fellTo}/s from ${fast}/s`);
    // The retries, one after another (each keeps its place in line).
    const times: number[] = [];
    for (const order of orders) {
      const slot = await send(order);
      times.push(clock.t);
      slot.done('ok');
    }
    // What went through in the last 2 s before the throttle: about 13/s; the retries go at most at half of it
    // after the first (two intervals each), below the 10/s a bucket that let 10/s through for 2 s allows.
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    for (const g of gaps) assert.ok(g >= 2000 / 15, `retries ${g} ms apart: ${gaps.join(', ')}`);
  });

  it('a waiting request whose signal aborts leaves the queue at once and takes no slot', async () => {
    const clock = new FakeClock();
    const s = new Scheduler({ max: 1, backoffMaxMs: 10_000, clock });
    const held = s.tryAcquire('k')!;
    const ac1 = new AbortController();
    const ac2 = new AbortController();
    const byLimit = s.acquire('k', Priority.visible, undefined, ac1.signal);
    held.done('throttled', 10_000); // 'k' waits 10 s; the waiter stays queued
    const byGate = s.acquire('k', Priority.visible, undefined, ac2.signal);
    assert.equal(s.pending, 2);
    ac1.abort(new Error('stop 1'));
    ac2.abort(new Error('stop 2'));
    await assert.rejects(byLimit, /stop 1/);
    await assert.rejects(byGate, /stop 2/);
    assert.equal(s.pending, 0);
    assert.equal(s.active, 0);
    clock.advance(10_000);
    assert.ok(s.tryAcquire('k'));
    await assert.rejects(s.acquire('k', Priority.normal, undefined, AbortSignal.abort(new Error('already'))), /already/);
  });

  it('recognizes throttling answers and the wait they ask for', () => {
    assert.equal(isThrottled(429, ''), true);
    assert.equal(isThrottled(400, '{"RequestId":"x","Code":"Throttling.User","Message":"m"}'), true);
    assert.equal(isThrottled(503, '{"Code": "Throttling"}'), true);
    assert.equal(isThrottled(400, '{"ResponseMetadata":{"Error":{"Code":"FlowLimitExceeded"}}}'), true);
    assert.equal(isThrottled(400, '{"Code":"InvalidParameter","Message":"Throttling"}'), false);
    assert.equal(isThrottled(200, '{"Code":"Throttling"}'), false);
    assert.equal(serverWaitMs({ 'x-acs-retry-after': '250' }), 250);
    assert.equal(serverWaitMs({ 'retry-after': '2' }), 2000);
    assert.equal(serverWaitMs({ 'retry-after': 'soon' }), undefined);
  });
});

describe('Transport scheduling over HTTP', () => {
  let server: TestServer;
  const seen: string[] = [];
  let throttleRegion = '';
  before(async () => {
    server = await startServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      const region = u.searchParams.get('Region') ?? '';
      seen.push(`${region}:${u.searchParams.get('N')}`);
      if (region === throttleRegion)
        return json(res, 429, { ResponseMetadata: { RequestId: 'T', Error: { Code: 'FlowLimitExceeded', Message: 'slow down' } } });
      json(res, 200, { ResponseMetadata: { RequestId: 'OK' }, Result: {} });
    });
  });
  after(() => server.close());
  beforeEach(() => {
    seen.length = 0;
    throttleRegion = '';
  });

  const call = (t: Transport, region: string, n: number, o: { signal?: AbortSignal; priority?: number; action?: string } = {}) =>
    callWithRetry(t, {
      provider: 'volcengine',
      action: o.action ?? 'DescribeInstances',
      region,
      replay: 'safe',
      signal: o.signal,
      priority: o.priority,
      build: () => ({ method: 'GET', url: `${server.url}/?Region=${region}&N=${n}`, headers: {} }),
      parse: (res) => volcengineBody(res, { action: o.action ?? 'DescribeInstances', region }),
    });

  it('a throttled action waits out its pace while another action is served; the limit adapts', async () => {
    const clock = new FakeClock();
    const t = new Transport({
      maxInFlight: 4,
      maxRetries: 2,
      retryBaseMs: 500,
      retryMaxMs: 5000,
      random: () => 1,
      sleep: async () => undefined,
      schedulerClock: clock,
    });
    try {
      throttleRegion = 'r-a';
      const a = call(t, 'r-a', 1);
      // The first answer is a throttle: nothing got through, so r-a is paced at half of what it sent (1 in 100 ms
      // → 5/s); its retry waits two intervals, 400 ms (fake clock).
      while (clock.pendingTimers === 0) await tick();
      assert.deepEqual(seen, ['r-a:1']);
      assert.equal(t.inFlightLimit, 1);
      await call(t, 'r-b', 2, { action: 'DescribeScheduledInstances' }); // not stalled by DescribeInstances
      assert.deepEqual(seen, ['r-a:1', 'r-b:2']);
      throttleRegion = '';
      clock.advance(399);
      await tick();
      assert.equal(seen.length, 2);
      clock.advance(1);
      await a;
      assert.deepEqual(seen, ['r-a:1', 'r-b:2', 'r-a:1']);
    } finally {
      await t.close();
    }
  });

  it('cancelling a call queued behind a backoff ends it at once, unsent', async () => {
    const clock = new FakeClock();
    const t = new Transport({
      maxInFlight: 4,
      maxRetries: 2,
      retryBaseMs: 60_000,
      retryMaxMs: 60_000,
      random: () => 1,
      sleep: async () => undefined,
      schedulerClock: clock,
    });
    try {
      throttleRegion = 'r-a';
      const first = call(t, 'r-a', 1).catch(() => undefined);
      while (clock.pendingTimers === 0) await tick();
      const ac = new AbortController();
      const queued = call(t, 'r-a', 2, { signal: ac.signal, priority: Priority.visible });
      await tick();
      ac.abort();
      const e = await rejects(queued);
      assert.equal(e.kind, 'cancelled');
      assert.equal(seen.includes('r-a:2'), false);
      throttleRegion = '';
      clock.advance(60_000);
      await first;
    } finally {
      await t.close();
    }
  });
});
