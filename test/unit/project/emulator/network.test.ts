import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { Network, startEmulator, type Emulator } from '../../../emulator/index';
import { parseRateLimitArg } from '../../../emulator/network';
import type { Call } from '../../../emulator/http-types';
import type { Account } from '../../../emulator/state';
import { aliV1, control, volc, volcCode } from '../../../support/emulator-requests';

const CLI = path.resolve(__dirname, '../../../emulator/cli.js');

function call(action: string, ak = 'AK1', params: Record<string, string> = {}, region = 'cn-beijing'): Call {
  return { account: { spec: { accessKeyId: ak } } as unknown as Account, region, action, params, requestId: 'r' };
}

describe('emulator: network delay and rate limit', () => {
  describe('token bucket (injected time)', () => {
    it('admits burst requests, then throttles until a token is back; buckets are per account and action', () => {
      let now = 1_000_000;
      const n = new Network(() => now);
      n.configure({ rateLimit: { perSecond: 10, burst: 2 } });
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: false, waitMs: 100 });
      // Another action and another account have their own buckets.
      assert.deepEqual(n.admit('volcengine', call('DescribeScheduledInstances')), { ok: true });
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances', 'AK2')), { ok: true });
      now += 60;
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: false, waitMs: 40 });
      now += 40;
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
      // A full second refills up to the burst, never beyond.
      now += 10_000;
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
      assert.equal(n.admit('volcengine', call('DescribeInstances')).ok, false);
      // A clock set backwards adds no tokens.
      now -= 50_000;
      assert.equal(n.admit('volcengine', call('DescribeInstances')).ok, false);
      assert.deepEqual(n.stats(), { throttled: 4, throttledAgain: 2, admitted: 7 });
    });

    it('counts a request throttled twice in a row by its parameters, not by its signature', () => {
      let now = 0;
      const n = new Network(() => now);
      n.configure({ rateLimit: { perSecond: 1, burst: 1, provider: 'aliyun' } });
      const page = (p: string, nonce: string) =>
        call(
          'DescribeReservedInstances',
          'AK1',
          { PageNumber: p, SignatureNonce: nonce, Signature: nonce, Timestamp: nonce },
          'cn-hangzhou',
        );
      assert.equal(n.admit('aliyun', page('1', 'a')).ok, true);
      assert.equal(n.admit('aliyun', page('2', 'b')).ok, false);
      assert.equal(n.admit('aliyun', page('3', 'c')).ok, false);
      assert.equal(n.admit('aliyun', page('2', 'd')).ok, false); // page 2 again: throttled twice in a row
      now += 1000;
      assert.equal(n.admit('aliyun', page('2', 'e')).ok, true);
      now += 1000;
      assert.equal(n.admit('aliyun', page('3', 'f')).ok, true);
      assert.deepEqual(n.stats(), { throttled: 3, throttledAgain: 1, admitted: 3 });
      // Not limited: another provider.
      assert.deepEqual(n.admit('volcengine', call('DescribeInstances')), { ok: true });
    });

    it('refuses bad settings with a message naming the field', () => {
      const n = new Network(() => 0);
      assert.throws(() => n.configure({ delayMs: -1 }), /delayMs/);
      assert.throws(() => n.configure({ rateLimit: { perSecond: 0 } }), /perSecond/);
      assert.throws(() => n.configure({ rateLimit: { perSecond: 5, burst: 0.5 } }), /burst/);
      assert.throws(() => parseRateLimitArg('ten'), /N or N\/burst/);
      assert.deepEqual(parseRateLimitArg('10/3'), {
        perSecond: 10,
        burst: 3,
        provider: undefined,
        action: undefined,
        retryAfterHeader: undefined,
      });
    });
  });

  describe('over HTTP', () => {
    let emu: Emulator;
    const waits: { ms: number; release: () => void }[] = [];
    let onSleep: (() => void) | undefined;
    before(async () => {
      emu = await startEmulator({
        sleep: (ms) =>
          new Promise<void>((release) => {
            waits.push({ ms, release });
            onSleep?.();
          }),
      });
    });
    after(() => emu.stop());
    beforeEach(() => {
      emu.reset('demo');
      waits.length = 0;
    });

    it('holds every API request for the configured delay before handling it; control requests are not delayed', async () => {
      const r = await control(emu.volcengineUrl, 'POST', 'network', { delayMs: 150 });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.delayMs, 150);
      const slept = new Promise<void>((resolve) => {
        onSleep = resolve;
      });
      let answered = false;
      const pending = volc(emu.volcengineUrl, { action: 'DescribeRegions' }).then((x) => {
        answered = true;
        return x;
      });
      await slept;
      assert.deepEqual(
        waits.map((w) => w.ms),
        [150],
      );
      assert.equal(emu.requests.total(), 0); // not handled yet
      assert.equal(answered, false);
      waits[0].release();
      assert.equal((await pending).status, 200);
      assert.equal(emu.requests.total(), 1);
      onSleep = undefined;
    });

    it('times the rate limit by arrival: requests that arrived spaced but were woken together after the delay are not bunched', async () => {
      // 10/s, burst 1: a second request 100 ms after the first finds a token; at the same moment it would not.
      await control(emu.volcengineUrl, 'POST', 'network', { delayMs: 150, rateLimit: { perSecond: 10, burst: 1 } });
      const arrived = (n: number) =>
        new Promise<void>((resolve) => {
          onSleep = () => {
            if (waits.length >= n) resolve();
          };
        });
      const p1 = arrived(1);
      const a = volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: '1' } });
      await p1;
      emu.clock.advance(100);
      const p2 = arrived(2);
      const b = volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: '2' } });
      await p2;
      // The emulator's event loop held up: both delays end at once.
      waits[0].release();
      waits[1].release();
      const [ra, rb] = await Promise.all([a, b]);
      assert.equal(ra.status, 200, ra.text);
      assert.equal(rb.status, 200, rb.text);
      // A third request arriving at the same time as the second finds the bucket empty.
      const p3 = arrived(3);
      const c = volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: '3' } });
      await p3;
      waits[2].release();
      assert.equal((await c).status, 429);
      onSleep = undefined;
    });

    it('answers 429 FlowLimitExceeded (Volcengine) and 400 Throttling.User (Alibaba) past the limit, without acting', async () => {
      // One token per 1,000 s: the test's own running time refills nothing; the emulator clock does.
      await control(emu.volcengineUrl, 'POST', 'network', { rateLimit: { perSecond: 0.001, burst: 1 } });
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeInstances' })).status, 200);
      const t = await volc(emu.volcengineUrl, { action: 'DescribeInstances' });
      assert.equal(t.status, 429, t.text);
      assert.equal(volcCode(t), 'FlowLimitExceeded');
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeScheduledInstances' })).status, 200); // its own bucket
      const del = await volc(emu.volcengineUrl, { action: 'DeleteInstances', params: { 'InstanceIds.1': 'i-none' } });
      assert.equal(del.status === 429, false); // first DeleteInstances has a token
      const del2 = await volc(emu.volcengineUrl, { action: 'DeleteInstances', params: { 'InstanceIds.1': 'i-none' } });
      assert.equal(del2.status, 429);
      assert.equal(emu.ledger.entries().length, 0);

      assert.equal((await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' })).status, 200);
      const a = await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' });
      assert.equal(a.status, 400, a.text);
      assert.equal(a.json.Code, 'Throttling.User');
      assert.equal(a.headers['x-acs-retry-after'], undefined);

      emu.clock.advance(1_000_000);
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeInstances' })).status, 200);
      const s = await control(emu.volcengineUrl, 'GET', 'network');
      assert.deepEqual(s.json.stats, { throttled: 3, throttledAgain: 0, admitted: 5 });
    });

    it('sends x-acs-retry-after when asked; reset restores the start settings; bad settings → 400', async () => {
      await control(emu.aliyunUrl, 'POST', 'network', { rateLimit: { perSecond: 0.001, burst: 1, retryAfterHeader: true } });
      await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' });
      const a = await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' });
      assert.equal(a.json.Code, 'Throttling.User');
      assert.ok(Number(a.headers['x-acs-retry-after']) > 900_000, String(a.headers['x-acs-retry-after']));
      const bad = await control(emu.aliyunUrl, 'POST', 'network', { rateLimit: { perSecond: 'fast' } });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error, /perSecond/);
      emu.reset();
      const s = await control(emu.aliyunUrl, 'GET', 'network');
      assert.deepEqual([s.json.delayMs, s.json.rateLimit], [0, null]);
      assert.equal((await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' })).status, 200);
      assert.equal((await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' })).status, 200);
    });
  });

  it('CLI: --delay-ms and --rate-limit set the run, a bad value exits 2', async () => {
    const run = (args: string[]) => {
      const child = spawn(process.execPath, [CLI, '--seed', 'empty', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '',
        err = '';
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
      });
      const exit = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      const ready = new Promise<string | undefined>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        void exit.then(() => resolve(undefined));
      });
      return { child, ready, exit, err: () => err };
    };
    const bad = run(['--rate-limit', 'x']);
    assert.equal(await bad.exit, 2);
    assert.match(bad.err(), /--rate-limit needs/);
    const good = run(['--delay-ms', '0', '--rate-limit', '1/1']);
    const line = await good.ready;
    try {
      const m = /volcengine=(\S+)/.exec(line ?? '');
      assert.ok(m, line);
      const s = await control(m[1], 'GET', 'network');
      assert.deepEqual([s.json.delayMs, s.json.rateLimit.perSecond, s.json.rateLimit.burst], [0, 1, 1]);
    } finally {
      good.child.kill('SIGTERM');
      await good.exit;
    }
  });
});
