import * as assert from 'node:assert/strict';
import { backoffMs, callWithRetry, retryAfterMs, type CallSpec } from '../../../../src/core/http/call';
import { aliyunBody, volcengineBody } from '../../../../src/core/http/envelopes';
import { Transport, type RawRequest, type TransportSettings } from '../../../../src/core/http/transport';
import type { CallRecord } from '../../../../src/core/types';
import { closedPort, json, startServer, type TestServer } from '../../../support/servers';
import { rejects } from '../../../support/rejects';

const volcErr = (code: string) => ({
  ResponseMetadata: { RequestId: 'VRID', Action: 'X', Version: '2020-04-01', Error: { Code: code, Message: code } },
});
const volcOk = { ResponseMetadata: { RequestId: 'VOK', Action: 'X', Version: '2020-04-01' }, Result: { ok: true } };
const aliErr = (code: string) => ({ RequestId: 'ARID', HostId: 'ecs.aliyuncs.com', Code: code, Message: code });

describe('callWithRetry', () => {
  let server: TestServer;
  /** Per-test script: what the n-th hit on a path answers. */
  let script: (path: string, hit: number, res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void;
  const hitsByPath = new Map<string, number>();
  const transports: Transport[] = [];

  const transport = (s: Partial<TransportSettings> = {}) => {
    const t = new Transport({ retryBaseMs: 5, retryMaxMs: 50, maxRetries: 3, ...s });
    transports.push(t);
    return t;
  };

  function spec<T = unknown>(
    path: string,
    over: Partial<CallSpec<T>> & { provider?: 'volcengine' | 'aliyun' } = {},
  ): CallSpec<T> & { records: CallRecord[]; built: number[] } {
    const records: CallRecord[] = [];
    const built: number[] = [];
    const provider = over.provider ?? 'volcengine';
    const base: CallSpec<T> = {
      provider,
      action: 'TestAction',
      region: 'cn-beijing',
      clientToken: 'tok-1',
      replay: 'safe',
      build: (attempt: number): RawRequest => {
        built.push(attempt);
        return { method: 'GET', url: `${server.url}${path}?Action=TestAction&Attempt=${attempt}&Signature=SECRETSIG`, headers: {} };
      },
      parse: (res) => (provider === 'volcengine' ? volcengineBody : aliyunBody)(res, { action: 'TestAction', region: 'cn-beijing' }) as T,
      onCall: (r) => records.push(r),
    };
    return Object.assign(base, over, { records, built });
  }

  before(async () => {
    server = await startServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const n = (hitsByPath.get(path) ?? 0) + 1;
      hitsByPath.set(path, n);
      script(path, n, res, req);
    });
  });
  beforeEach(() => hitsByPath.clear());
  after(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await server.close();
  });

  it('succeeds first time and reports one record with the RequestId', async () => {
    script = (_p, _n, res) => json(res, 200, volcOk);
    const s = spec('/ok');
    const v = await callWithRetry(transport(), s);
    assert.deepEqual((v as typeof volcOk).Result, { ok: true });
    assert.equal(s.records.length, 1);
    const r = s.records[0];
    assert.equal(r.attempts, 1);
    assert.equal(r.requestId, 'VOK');
    assert.equal(r.clientToken, 'tok-1');
    assert.equal(r.httpStatus, 200);
    assert.equal(r.errorCode, undefined);
    assert.ok(r.durationMs >= 0);
  });

  it('429 with x-acs-retry-after waits that long, then succeeds', async () => {
    script = (_p, n, res) =>
      n === 1
        ? json(res, 429, aliErr('Throttling.User'), { 'x-acs-retry-after': '250' })
        : json(res, 200, { RequestId: 'AOK', Code: '200', Message: 'Success' });
    const s = spec('/throttle', { provider: 'aliyun' });
    const slept: number[] = [];
    await callWithRetry(transport({ retryMaxMs: 10, sleep: async (ms) => void slept.push(ms) }), s);
    assert.deepEqual(slept, [250]);
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].attempts, 2);
    assert.equal(s.records[0].requestId, 'AOK');
  });

  it('throttled attempts do not use up maxRetries (the call deadline bounds them)', async () => {
    script = (_p, n, res) => (n <= 3 ? json(res, 429, volcErr('FlowLimitExceeded')) : json(res, 200, volcOk));
    const s = spec('/throttled-thrice');
    await callWithRetry(transport({ maxRetries: 1 }), s);
    assert.equal(hitsByPath.get('/throttled-thrice'), 4);
    assert.equal(s.records[0].attempts, 4);
    // Failures still count: one retry after a 500, then the error.
    script = (_p, n, res) => (n === 1 ? json(res, 429, volcErr('FlowLimitExceeded')) : json(res, 500, volcErr('InternalError')));
    const e = await rejects(callWithRetry(transport({ maxRetries: 1 }), spec('/throttled-then-500')));
    assert.equal(e.code, 'InternalError');
    assert.equal(hitsByPath.get('/throttled-then-500'), 3);
  });

  it('500 then success is retried, re-built each attempt', async () => {
    script = (_p, n, res) => (n === 1 ? json(res, 500, volcErr('InternalError')) : json(res, 200, volcOk));
    const s = spec('/500');
    await callWithRetry(transport(), s);
    assert.deepEqual(s.built, [1, 2]);
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].attempts, 2);
  });

  it('412 IdempotentProcessing then success is retried (also with not-after-send)', async () => {
    script = (_p, n, res) => (n === 1 ? json(res, 412, volcErr('IdempotentProcessing')) : json(res, 200, volcOk));
    const s = spec('/412', { replay: 'not-after-send' });
    await callWithRetry(transport(), s);
    assert.equal(s.records[0].attempts, 2);
    assert.equal(hitsByPath.get('/412'), 2);
  });

  it('gives up after maxRetries and reports the last error', async () => {
    script = (_p, _n, res) => json(res, 503, volcErr('ServiceUnavailable'));
    const s = spec('/503');
    const e = await rejects(callWithRetry(transport({ maxRetries: 2 }), s));
    assert.equal(e.code, 'ServiceUnavailable');
    assert.equal(hitsByPath.get('/503'), 3);
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].attempts, 3);
    assert.equal(s.records[0].errorCode, 'ServiceUnavailable');
    assert.equal(s.records[0].httpStatus, 503);
  });

  it('non-retryable 401 is attempted once', async () => {
    script = (_p, _n, res) => json(res, 401, volcErr('SignatureDoesNotMatch'));
    const s = spec('/401');
    const e = await rejects(callWithRetry(transport(), s));
    assert.equal(e.kind, 'api');
    assert.equal(e.code, 'SignatureDoesNotMatch');
    assert.equal(e.requestId, 'VRID');
    assert.equal(hitsByPath.get('/401'), 1);
    assert.equal(s.records[0].attempts, 1);
    assert.equal(s.records[0].requestId, 'VRID');
  });

  it('SignatureNonceUsed is retried only once', async () => {
    script = (_p, _n, res) => json(res, 400, aliErr('SignatureNonceUsed'));
    const s = spec('/nonce', { provider: 'aliyun' });
    const e = await rejects(callWithRetry(transport(), s));
    assert.equal(e.code, 'SignatureNonceUsed');
    assert.equal(hitsByPath.get('/nonce'), 2);
  });

  it('cancellation mid-backoff stops at once', async () => {
    script = (_p, _n, res) => json(res, 500, volcErr('InternalError'));
    const ac = new AbortController();
    const s = spec('/cancel', { signal: ac.signal });
    // The backoff never ends by itself: the call can only end through the abort, fired once the backoff began.
    const slept: number[] = [];
    const sleep = (ms: number) => {
      slept.push(ms);
      ac.abort();
      return new Promise<void>(() => undefined);
    };
    const t = transport({ retryBaseMs: 10_000, retryMaxMs: 10_000, random: () => 0.99, sleep });
    const e = await rejects(callWithRetry(t, s));
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.code, 'Cancelled');
    assert.equal(slept.length, 1);
    assert.equal(hitsByPath.get('/cancel'), 1);
    assert.equal(s.records.length, 1);
    assert.equal(s.records[0].errorCode, 'Cancelled');
  });

  it('an already aborted signal sends nothing', async () => {
    script = (_p, _n, res) => json(res, 200, volcOk);
    const ac = new AbortController();
    ac.abort();
    const s = spec('/pre', { signal: ac.signal });
    const e = await rejects(callWithRetry(transport(), s));
    assert.equal(e.kind, 'cancelled');
    assert.equal(hitsByPath.get('/pre'), undefined);
  });

  it('uses an injected sleep with the backoff delay', async () => {
    script = (_p, n, res) => (n < 3 ? json(res, 500, volcErr('InternalError')) : json(res, 200, volcOk));
    const slept: number[] = [];
    const t = transport({ retryBaseMs: 100, retryMaxMs: 1000, random: () => 0.5, sleep: async (ms) => void slept.push(ms) });
    await callWithRetry(t, spec('/sleep'));
    assert.deepEqual(slept, [50, 100]);
  });

  describe("replay 'not-after-send'", () => {
    it('reset after send → outcome-unknown, never resent', async () => {
      script = (_p, _n, _res, req) => req.socket.destroy();
      const s = spec('/reset', { replay: 'not-after-send' });
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.code, 'OutcomeUnknown');
      assert.equal(hitsByPath.get('/reset'), 1);
      assert.equal(s.records.length, 1);
      assert.equal(s.records[0].errorCode, 'OutcomeUnknown');
      assert.ok(!e.message.includes('SECRETSIG'));
    });

    it('500 → outcome-unknown, never resent', async () => {
      script = (_p, _n, res) => json(res, 500, aliErr('InternalError'));
      const s = spec('/500n', { replay: 'not-after-send', provider: 'aliyun' });
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.requestId, 'ARID');
      assert.equal(hitsByPath.get('/500n'), 1);
    });

    it('503 ServiceUnavailable → outcome-unknown, never resent (no proof nothing was done)', async () => {
      script = (_p, _n, res) => json(res, 503, aliErr('ServiceUnavailable'));
      const s = spec('/503n', { replay: 'not-after-send', provider: 'aliyun' });
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.httpStatus, 503);
      assert.equal(hitsByPath.get('/503n'), 1);
    });

    it('the same reset is retried with replay safe', async () => {
      script = (_p, n, res, req) => (n === 1 ? req.socket.destroy() : json(res, 200, volcOk));
      const s = spec('/reset-safe');
      await callWithRetry(transport(), s);
      assert.equal(s.records[0].attempts, 2);
    });

    it('a token call whose unanswered attempt may have acted ends outcome-unknown, not with the later error', async () => {
      script = (_p, n, res, req) => (n === 1 ? req.socket.destroy() : json(res, 500, volcErr('InternalError')));
      const s = spec('/reset-then-500');
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.code, 'OutcomeUnknown');
      assert.match(e.message, /InternalError/);
      assert.equal(hitsByPath.get('/reset-then-500'), 4);
      assert.equal(s.records[0].errorCode, 'OutcomeUnknown');
    });

    it('a token call reset after sending on its last attempt ends outcome-unknown (it may have acted)', async () => {
      script = (_p, _n, _res, req) => req.socket.destroy();
      const s = spec('/reset-last');
      const e = await rejects(callWithRetry(transport({ maxRetries: 0 }), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.code, 'OutcomeUnknown');
      assert.equal(hitsByPath.get('/reset-last'), 1);
      const read = await rejects(callWithRetry(transport({ maxRetries: 0 }), spec('/reset-last-read', { clientToken: undefined })));
      assert.equal(read.kind, 'network');
    });

    it('the same failures on a call without a token (a read) keep the server error', async () => {
      script = (_p, n, res, req) => (n === 1 ? req.socket.destroy() : json(res, 500, volcErr('InternalError')));
      const s = spec('/reset-then-500-read', { clientToken: undefined });
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.code, 'InternalError');
    });

    it('server errors alone on a token call keep the server error (nothing went unanswered)', async () => {
      script = (_p, _n, res) => json(res, 500, volcErr('InternalError'));
      const s = spec('/500-token');
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.code, 'InternalError');
    });

    it('connection refused is retried', async () => {
      script = (_p, _n, res) => json(res, 200, volcOk);
      const port = await closedPort();
      const s = spec('/refused', { replay: 'not-after-send' });
      s.build = (attempt) => {
        s.built.push(attempt);
        const origin = attempt === 1 ? `http://127.0.0.1:${port}` : server.url;
        return { method: 'GET', url: `${origin}/refused`, headers: {} };
      };
      await callWithRetry(transport(), s);
      assert.deepEqual(s.built, [1, 2]);
      assert.equal(hitsByPath.get('/refused'), 1);
      assert.equal(s.records[0].attempts, 2);
    });

    it('429 Throttling is retried', async () => {
      script = (_p, n, res) => (n === 1 ? json(res, 400, aliErr('Throttling')) : json(res, 200, { RequestId: 'AOK' }));
      const s = spec('/thr', { replay: 'not-after-send', provider: 'aliyun' });
      await callWithRetry(transport(), s);
      assert.equal(hitsByPath.get('/thr'), 2);
    });
  });

  it('50 concurrent calls never exceed maxInFlight on the wire', async () => {
    let active = 0;
    let peak = 0;
    script = (_p, _n, res) => {
      active++;
      peak = Math.max(peak, active);
      setTimeout(() => {
        active--;
        json(res, 200, volcOk);
      }, 10);
    };
    const t = transport({ maxInFlight: 5 });
    const records: CallRecord[] = [];
    await Promise.all(Array.from({ length: 50 }, () => callWithRetry(t, { ...spec('/many'), onCall: (r) => records.push(r) })));
    assert.ok(peak <= 5, `server saw ${peak} at once`);
    assert.ok(peak >= 2);
    assert.equal(records.length, 50);
    assert.equal(t.inFlight, 0);
  });

  it('a parse failure that is not a CloudError becomes malformed-response', async () => {
    script = (_p, _n, res) => json(res, 200, volcOk);
    const s = spec('/badparse', {
      clientToken: undefined,
      parse: () => {
        throw new TypeError('boom');
      },
    });
    const e = await rejects(callWithRetry(transport(), s));
    assert.equal(e.kind, 'malformed-response');
    assert.equal(s.records.length, 1);
  });

  it('a truncated 200 body is malformed-response with the header RequestId', async () => {
    script = (_p, _n, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'HDR-RID' });
      res.end('{"RequestId":"HDR-RID","Reserved');
    };
    const e = await rejects(callWithRetry(transport(), spec('/trunc', { provider: 'aliyun', clientToken: undefined })));
    assert.equal(e.kind, 'malformed-response');
    assert.equal(e.requestId, 'HDR-RID');
    assert.equal(hitsByPath.get('/trunc'), 1);
  });

  describe('unreadable 2xx answers', () => {
    const truncated = (res: import('node:http').ServerResponse) => {
      const text = JSON.stringify(volcOk);
      res.writeHead(200, { 'content-type': 'application/json', 'x-tt-logid': 'TRUNC-RID' });
      res.end(text.slice(0, Math.floor(text.length / 2)));
    };
    const tokens: string[] = [];
    const tokenScript = (path: string, first: (n: number) => boolean) => {
      tokens.length = 0;
      script = (_p, n, res, req) => {
        tokens.push(new URL(req.url ?? '/', 'http://x').searchParams.get('ClientToken') ?? '');
        if (first(n)) truncated(res);
        else json(res, 200, volcOk);
      };
      const s = spec(path);
      s.build = (attempt) => {
        s.built.push(attempt);
        return { method: 'GET', url: `${server.url}${path}?Action=TestAction&ClientToken=tok-1&Attempt=${attempt}`, headers: {} };
      };
      return s;
    };

    it('a token call is resent with the same ClientToken and returns the readable answer', async () => {
      const s = tokenScript('/trunc-token', (n) => n === 1);
      const v = await callWithRetry(transport(), s);
      assert.deepEqual((v as typeof volcOk).Result, { ok: true });
      assert.equal(hitsByPath.get('/trunc-token'), 2);
      assert.deepEqual(tokens, ['tok-1', 'tok-1']);
      assert.equal(s.records.length, 1);
      assert.equal(s.records[0].attempts, 2);
      assert.equal(s.records[0].errorCode, undefined);
      assert.equal(s.records[0].requestId, 'VOK');
    });

    it('a call without a token (a read) is malformed-response after one attempt', async () => {
      script = (_p, _n, res) => truncated(res);
      const s = spec('/trunc-read', { clientToken: undefined });
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'malformed-response');
      assert.equal(e.code, 'MalformedResponse');
      assert.equal(hitsByPath.get('/trunc-read'), 1);
      assert.equal(s.records[0].attempts, 1);
    });

    it('a token call whose every answer is unreadable ends outcome-unknown within the retry budget', async () => {
      const s = tokenScript('/trunc-always', () => true);
      const e = await rejects(callWithRetry(transport(), s));
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(e.code, 'OutcomeUnknown');
      assert.match(e.message, /MalformedResponse/);
      assert.equal(e.requestId, 'TRUNC-RID');
      assert.equal(hitsByPath.get('/trunc-always'), 4);
      assert.deepEqual(tokens, ['tok-1', 'tok-1', 'tok-1', 'tok-1']);
      assert.equal(s.records[0].attempts, 4);
      assert.equal(s.records[0].errorCode, 'OutcomeUnknown');
    });

    it('with no retries left the first unreadable answer already ends outcome-unknown', async () => {
      script = (_p, _n, res) => truncated(res);
      const e = await rejects(callWithRetry(transport({ maxRetries: 0 }), spec('/trunc-once')));
      assert.equal(e.code, 'OutcomeUnknown');
      assert.equal(hitsByPath.get('/trunc-once'), 1);
    });

    it("a 'not-after-send' call is not resent", async () => {
      script = (_p, _n, res) => truncated(res);
      const e = await rejects(callWithRetry(transport(), spec('/trunc-nas', { replay: 'not-after-send' })));
      assert.equal(e.kind, 'malformed-response');
      assert.equal(hitsByPath.get('/trunc-nas'), 1);
    });
  });
});

describe('retry helpers', () => {
  it('retryAfterMs reads x-acs-retry-after (ms) and Retry-After (s or date)', () => {
    assert.equal(retryAfterMs({ 'x-acs-retry-after': '1500' }), 1500);
    assert.equal(retryAfterMs({ 'retry-after': '2' }), 2000);
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(retryAfterMs({ 'retry-after': 'Mon, 01 Jan 2024 00:00:03 GMT' }, now), 3000);
    assert.equal(retryAfterMs({ 'retry-after': 'soon' }), undefined);
    assert.equal(retryAfterMs({}), undefined);
  });

  it('backoffMs is full jitter under an exponential cap', () => {
    assert.equal(
      backoffMs(1, 100, 10_000, () => 0.999),
      99,
    );
    assert.equal(
      backoffMs(3, 100, 10_000, () => 0.5),
      200,
    );
    assert.equal(
      backoffMs(20, 100, 1000, () => 0.5),
      500,
    );
    assert.equal(
      backoffMs(2, 100, 1000, () => 0),
      0,
    );
  });
});
