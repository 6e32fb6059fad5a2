import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Limiter } from '../../../../src/core/http/limiter';
import { DEFAULT_TRANSPORT_SETTINGS, MAX_RESPONSE_BYTES, Transport } from '../../../../src/core/http/transport';
import { closedPort, json, startServer, type TestServer } from '../../../support/servers';
import { rejects } from '../../../support/rejects';

describe('Transport', () => {
  let server: TestServer;
  let active = 0;
  let maxActive = 0;
  /** Called when a /hang request reaches the server. */
  let onHang: (() => void) | undefined;
  const transports: Transport[] = [];
  const make = (s: ConstructorParameters<typeof Transport>[0] = {}) => {
    const t = new Transport(s);
    transports.push(t);
    return t;
  };

  before(async () => {
    server = await startServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/echo':
          return json(
            res,
            200,
            {
              method: req.method,
              query: url.search,
              body: (req as { rawBody?: string }).rawBody,
              host: req.headers.host,
              x: req.headers['x-test'],
            },
            {
              'X-Acs-Request-Id': 'RID-1',
              'Set-Cookie': 'a=1',
            },
          );
        case '/reset-before':
          return req.socket.destroy();
        case '/reset-after':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
          res.write('{"RequestId":"x",');
          setTimeout(() => req.socket.destroy(), 20);
          return;
        case '/huge': {
          // Chunked, no content-length: the size is known only while reading.
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(1 << 20, 0x20);
          let sent = 0;
          const more = () => {
            while (sent < 40 && !res.destroyed) {
              sent++;
              if (!res.write(chunk)) return void res.once('drain', more);
            }
            res.end();
          };
          more();
          return;
        }
        case '/hang':
          onHang?.();
          return; // never answers
        case '/hang-body':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
          res.write('{"a":');
          return; // body stalls
        case '/slow': {
          active++;
          maxActive = Math.max(maxActive, active);
          setTimeout(() => {
            active--;
            json(res, 200, { ok: true });
          }, 15);
          return;
        }
        default:
          return json(res, 404, {});
      }
    });
  });
  after(async () => {
    await Promise.all(transports.map((t) => t.close()));
    await server.close();
  });

  it(`refuses a body larger than ${MAX_RESPONSE_BYTES / 2 ** 20} MiB unread`, async () => {
    const e = await rejects(make().send({ method: 'GET', url: `${server.url}/huge?Signature=SECRETSIG`, headers: {} }));
    assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
    assert.match(e.message, /larger than 32 MiB/);
    assert.doesNotMatch(e.message, /SECRETSIG/);
  });

  it('has the documented defaults', () => {
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.connectTimeoutMs, 10_000);
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.headersTimeoutMs, 30_000);
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.bodyTimeoutMs, 30_000);
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.attemptTimeoutMs, 60_000);
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.callTimeoutMs, 180_000);
    assert.equal(DEFAULT_TRANSPORT_SETTINGS.maxResponseBytes, MAX_RESPONSE_BYTES);
    assert.equal(make({ maxInFlight: 3, headersTimeoutMs: undefined }).settings.headersTimeoutMs, 30_000);
  });

  it('sends GET and POST and lower-cases headers into single strings', async () => {
    const t = make();
    const r = await t.send({ method: 'GET', url: `${server.url}/echo?Action=A&b=1`, headers: { 'x-test': 'v' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-acs-request-id'], 'RID-1');
    assert.equal(typeof r.headers['set-cookie'], 'string');
    for (const k of Object.keys(r.headers)) assert.equal(k, k.toLowerCase());
    const b = JSON.parse(r.body);
    assert.deepEqual([b.method, b.query, b.x, b.host], ['GET', '?Action=A&b=1', 'v', `127.0.0.1:${server.port}`]);
    const p = await t.send({
      method: 'POST',
      url: `${server.url}/echo`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1&b=2',
    });
    assert.equal(JSON.parse(p.body).body, 'a=1&b=2');
  });

  it('keeps one pool per origin and reuses connections', async () => {
    const t = make();
    for (let i = 0; i < 5; i++) await t.send({ method: 'GET', url: `${server.url}/echo`, headers: {} });
    assert.equal((t as unknown as { pools: Map<string, unknown> }).pools.size, 1);
  });

  it('reset before the response: network error, maybe sent', async () => {
    const e = await rejects(make().send({ method: 'GET', url: `${server.url}/reset-before?Signature=SECRETSIG`, headers: {} }));
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'NetworkError');
    assert.equal(e.sent, true);
    assert.equal(e.retryable, true);
    assert.ok(!e.message.includes('SECRETSIG'));
  });

  it('reset after part of the response: network error, maybe sent', async () => {
    const e = await rejects(make().send({ method: 'GET', url: `${server.url}/reset-after`, headers: {} }));
    assert.equal(e.kind, 'network');
    assert.equal(e.sent, true);
  });

  it('headers timeout: timeout, maybe sent', async () => {
    // /hang never answers: only the timeout can end the send.
    const e = await rejects(make({ headersTimeoutMs: 200 }).send({ method: 'GET', url: `${server.url}/hang`, headers: {} }));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.code, 'RequestTimeout');
    assert.equal(e.sent, true);
  });

  it('body timeout: timeout, maybe sent', async () => {
    const e = await rejects(make({ bodyTimeoutMs: 200 }).send({ method: 'GET', url: `${server.url}/hang-body`, headers: {} }));
    assert.equal(e.kind, 'timeout');
    assert.equal(e.sent, true);
  });

  it('connection refused: network error, provably not sent', async () => {
    const port = await closedPort();
    const e = await rejects(
      make().send({ method: 'GET', url: `http://127.0.0.1:${port}/?Signature=SECRETSIG`, headers: {} }, undefined, {
        provider: 'aliyun',
        action: 'DescribeRegions',
        region: 'central',
      }),
    );
    assert.equal(e.kind, 'network');
    assert.equal(e.sent, false);
    assert.equal(e.provider, 'aliyun');
    assert.equal(e.action, 'DescribeRegions');
    assert.ok(!e.message.includes('SECRETSIG'));
  });

  it('cancellation while waiting on the wire', async () => {
    const ac = new AbortController();
    onHang = () => ac.abort();
    try {
      const e = await rejects(make().send({ method: 'GET', url: `${server.url}/hang`, headers: {} }, ac.signal));
      assert.equal(e.kind, 'cancelled');
      assert.equal(e.sent, true);
    } finally {
      onHang = undefined;
    }
  });

  it('attempt deadlines: each attempt is cut at its own, a shorter one sent after a longer one too', async () => {
    const t = make();
    const ac = new AbortController();
    let longSettled = false;
    const long = rejects(t.send({ method: 'GET', url: `${server.url}/hang`, headers: {} }, ac.signal, undefined, 60_000)).finally(
      () => (longSettled = true),
    );
    const e = await rejects(
      t.send({ method: 'GET', url: `${server.url}/hang?Signature=SECRETSIG`, headers: {} }, undefined, undefined, 150),
    );
    assert.deepEqual([e.kind, e.code, e.sent], ['timeout', 'RequestTimeout', true]);
    assert.match(e.message, /within 150 ms \(the deadline of one attempt\)/);
    assert.doesNotMatch(e.message, /SECRETSIG/);
    assert.equal(longSettled, false, 'the longer attempt was cut with the shorter one');
    ac.abort();
    const l = await long;
    assert.deepEqual([l.kind, l.sent], ['cancelled', true]);
    assert.equal(t.inFlight, 0);
  });

  it('an attempt sent after an earlier one ended is not cut before its own deadline', async () => {
    const t = make();
    assert.equal((await t.send({ method: 'GET', url: `${server.url}/echo`, headers: {} }, undefined, undefined, 100)).status, 200);
    const t0 = performance.now();
    const e = await rejects(t.send({ method: 'GET', url: `${server.url}/hang`, headers: {} }, undefined, undefined, 300));
    const waited = performance.now() - t0;
    assert.deepEqual([e.kind, e.code], ['timeout', 'RequestTimeout']);
    assert.match(e.message, /within 300 ms/);
    assert.ok(waited >= 300, `cut after ${waited} ms, before its deadline`);
  });

  it('no timer of the transport holds the process once its attempts ended', async () => {
    // A child process sends three requests and neither closes the transport nor clears anything: it must exit by
    // itself (an attempt deadline timer left armed would hold it for the default 60 s).
    const script = `
      const http = require('node:http');
      const { Transport } = require(${JSON.stringify(require.resolve('../../../../src/core/http/transport'))});
      const srv = http.createServer((q, r) => { r.writeHead(200, { connection: 'close' }); r.end('{}'); });
      srv.listen(0, '127.0.0.1', async () => {
        const t = new Transport();
        const url = 'http://127.0.0.1:' + srv.address().port + '/';
        await Promise.all([1, 2, 3].map(() => t.send({ method: 'GET', url, headers: {} })));
        srv.close();
        console.log('sent');
      });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const killer = setTimeout(() => child.kill(), 15_000);
    const [code, sig] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    clearTimeout(killer);
    assert.equal(out.trim(), 'sent');
    assert.deepEqual([code, sig], [0, null], 'the child did not exit by itself');
  });

  it('never exceeds maxInFlight under 50 concurrent sends', async () => {
    const t = make({ maxInFlight: 4 });
    maxActive = 0;
    let seen = 0;
    const all = Array.from({ length: 50 }, () =>
      t.send({ method: 'GET', url: `${server.url}/slow`, headers: {} }).then((r) => {
        seen = Math.max(seen, t.inFlight);
        return r.status;
      }),
    );
    const statuses = await Promise.all(all);
    assert.ok(statuses.every((s) => s === 200));
    assert.ok(maxActive <= 4, `server saw ${maxActive} at once`);
    assert.ok(maxActive >= 2, 'requests ran in parallel');
    assert.ok(seen <= 4);
    assert.equal(t.inFlight, 0);
  });

  it('an aborted queued send leaves the queue', async () => {
    const t = make({ maxInFlight: 1 });
    const first = t.send({ method: 'GET', url: `${server.url}/slow`, headers: {} });
    const ac = new AbortController();
    const queued = t.send({ method: 'GET', url: `${server.url}/slow`, headers: {} }, ac.signal);
    ac.abort();
    const e = await rejects(queued);
    assert.equal(e.kind, 'cancelled');
    assert.equal(e.sent, false);
    assert.equal((await first).status, 200);
    assert.equal(t.inFlight, 0);
  });
});

describe('Limiter', () => {
  it('is FIFO and hands slots over in order', async () => {
    const l = new Limiter(1);
    await l.acquire();
    const order: number[] = [];
    const ps = [1, 2, 3].map((n) => l.acquire().then(() => order.push(n)));
    assert.equal(l.pending, 3);
    for (let i = 0; i < 3; i++) {
      l.release();
      await ps[i];
    }
    assert.deepEqual(order, [1, 2, 3]);
    l.release();
    assert.equal(l.active, 0);
  });

  it('removes an aborted waiter', async () => {
    const l = new Limiter(1);
    await l.acquire();
    const ac = new AbortController();
    const a = l.acquire(ac.signal);
    const b = l.acquire();
    ac.abort();
    await assert.rejects(a);
    assert.equal(l.pending, 1);
    l.release();
    await b;
    assert.equal(l.active, 1);
    l.release();
    assert.equal(l.active, 0);
  });
});
