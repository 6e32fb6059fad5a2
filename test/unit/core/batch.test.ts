import assert from 'node:assert/strict';
import { runBatch, type ChunkAnswer } from '../../../src/core/batch';
import { CloudError } from '../../../src/core/errors';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import type { CallRecord } from '../../../src/core/types';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator';
import { json, startServer, type TestServer } from '../../support/servers';
import { rejects } from '../../support/rejects';

/**
 * A loopback server that acts on `?ids=a,b&token=t`: answers one result per ID (`refuse` IDs fail with
 * `Refused`, `silent` IDs are left out of the answer); `hang` makes it never answer.
 */
async function actingServer(o: { refuse?: string[]; silent?: string[]; status?: number } = {}) {
  const seen: { ids: string[]; token: string }[] = [];
  const s = await startServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const ids = (u.searchParams.get('ids') ?? '').split(',');
    seen.push({ ids, token: u.searchParams.get('token') ?? '' });
    if (o.status) return json(res, o.status, { code: 'Throttled' });
    json(res, 200, {
      requestId: `req-${seen.length}`,
      results: ids.map((id) =>
        o.silent?.includes(id) ? null : o.refuse?.includes(id) ? { ok: false, code: 'Refused', message: `no ${id}` } : { ok: true },
      ),
    });
  });
  return { s, seen };
}

/** A send over real HTTP; a non-200 answer becomes an api CloudError. */
function sender(s: TestServer, signal?: AbortSignal) {
  return async (ids: string[], token: string): Promise<() => Promise<ChunkAnswer>> =>
    async () => {
      const res = await fetch(`${s.url}/?ids=${ids.join(',')}&token=${token}`, { signal });
      const body = (await res.json()) as { requestId: string; results: (ChunkAnswer['results'][number] | null)[]; code?: string };
      if (res.status !== 200)
        throw new CloudError({
          kind: 'api',
          provider: 'volcengine',
          action: 'Test',
          region: 'r',
          code: body.code ?? 'Err',
          message: 'refused',
          httpStatus: res.status,
        });
      return { requestId: body.requestId, results: body.results.map((r) => r ?? undefined) };
    };
}

describe('core/batch runBatch (loopback server)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('chunks by the limit, one token per chunk, exactly one outcome per unique ID in request order', async () => {
    const a = await actingServer({ refuse: ['b'], silent: ['f'] });
    server = a.s;
    const ids = ['a', 'b', 'c', 'a', 'd', 'e', 'f', 'g', 'b'];
    const progress: number[] = [];
    const r = await runBatch({ ids, chunkSize: 3, prepare: sender(a.s), onProgress: (d) => progress.push(d), did: 'deleted' });
    assert.deepEqual(
      r.outcomes.map((o) => o.id),
      ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
    );
    assert.deepEqual(
      a.seen.map((x) => x.ids),
      [['a', 'b', 'c'], ['d', 'e', 'f'], ['g']],
    );
    assert.equal(new Set(a.seen.map((x) => x.token)).size, 3);
    assert.deepEqual(
      r.calls.map((c) => c.clientToken),
      a.seen.map((x) => x.token),
    );
    assert.deepEqual(
      r.outcomes.map((o) => [o.ok, o.code ?? '']),
      [
        [true, ''],
        [false, 'Refused'],
        [true, ''],
        [true, ''],
        [true, ''],
        [false, 'OutcomeUnknown'],
        [true, ''],
      ],
    );
    assert.match(r.outcomes[5].message ?? '', /may have been deleted/);
    assert.equal(r.outcomes[5].requestId, 'req-2');
    assert.deepEqual(progress, [0, 3, 6, 7]);
  });

  it('a chunk refused as a whole gives each of its IDs the error; the other chunks go on', async () => {
    let hit = 0;
    server = await startServer((req, res) => {
      hit++;
      const ids = new URL(req.url ?? '/', 'http://x').searchParams.get('ids')!.split(',');
      if (hit === 1) return json(res, 400, { code: 'InvalidParameter' });
      json(res, 200, { requestId: 'ok', results: ids.map(() => ({ ok: true })) });
    });
    const r = await runBatch({ ids: ['a', 'b', 'c'], chunkSize: 2, prepare: sender(server) });
    assert.deepEqual(
      r.outcomes.map((o) => [o.id, o.code ?? 'ok']),
      [
        ['a', 'InvalidParameter'],
        ['b', 'InvalidParameter'],
        ['c', 'ok'],
      ],
    );
  });

  it('a failure that is not a CloudError leaves its chunk outcome-unknown (never "not done")', async () => {
    const a = await actingServer();
    server = a.s;
    const r = await runBatch({
      ids: ['a', 'b', 'c'],
      chunkSize: 2,
      prepare: async (ids, token) => {
        const send = await sender(a.s)(ids, token);
        return async () => {
          const answer = await send();
          if (ids.includes('a')) throw new TypeError('boom after the request went out');
          return answer;
        };
      },
    });
    assert.deepEqual(
      r.outcomes.map((o) => o.code ?? 'ok'),
      ['OutcomeUnknown', 'OutcomeUnknown', 'ok'],
    );
    assert.match(r.outcomes[0].message ?? '', /may have been applied/);
    assert.equal(r.calls.length, 2);
  });

  it('a progress hook that throws loses nothing', async () => {
    const a = await actingServer();
    server = a.s;
    const r = await runBatch({
      ids: ['a', 'b', 'c', 'd'],
      chunkSize: 1,
      prepare: sender(a.s),
      onProgress: () => {
        throw new Error('hook');
      },
    });
    assert.deepEqual(
      r.outcomes.map((o) => o.ok),
      [true, true, true, true],
    );
    assert.equal(a.seen.length, 4);
  });

  it('cancel between chunks: the rest are Cancelled and never sent', async () => {
    const a = await actingServer();
    server = a.s;
    const ac = new AbortController();
    const r = await runBatch({
      ids: ['a', 'b', 'c', 'd', 'e'],
      chunkSize: 2,
      signal: ac.signal,
      prepare: sender(a.s),
      onProgress: (d) => d >= 2 && ac.abort(),
    });
    assert.deepEqual(
      r.outcomes.map((o) => o.code ?? 'ok'),
      ['ok', 'ok', 'Cancelled', 'Cancelled', 'Cancelled'],
    );
    assert.equal(a.seen.length, 1);
    assert.equal(r.calls.length, 1);
  });

  it('cancel while a chunk is in flight: that chunk is outcome-unknown', async () => {
    let release: (() => void) | undefined;
    server = await startServer((_req, res) => {
      release = () => json(res, 200, { requestId: 'late', results: [{ ok: true }] });
    });
    const ac = new AbortController();
    const s = server;
    const r = await runBatch({
      ids: ['a', 'b'],
      chunkSize: 1,
      signal: ac.signal,
      prepare: async (ids) => async () => {
        // What the transport throws when the signal ends a call that was sent.
        const sent = new Promise<never>((_, reject) =>
          ac.signal.addEventListener('abort', () =>
            reject(
              new CloudError({
                kind: 'cancelled',
                provider: 'volcengine',
                action: 'T',
                region: 'r',
                code: 'Cancelled',
                message: 'cancelled',
                sent: true,
              }),
            ),
          ),
        );
        const req = fetch(`${s.url}/?ids=${ids.join(',')}`).then(() => ({ requestId: 'x', results: [{ ok: true }] }));
        const arrived = setInterval(() => release && (clearInterval(arrived), ac.abort()), 2);
        return Promise.race([req, sent]);
      },
    });
    release?.();
    assert.deepEqual(
      r.outcomes.map((o) => o.code),
      ['OutcomeUnknown', 'Cancelled'],
    );
    assert.match(r.outcomes[0].message ?? '', /may have been applied/);
  });
});

describe('core/batch: VolcengineClient.deleteScheduledInstances (emulator)', () => {
  const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
  const REGION = 'cn-beijing';
  let emu: Emulator;
  let client: VolcengineClient;
  let calls: CallRecord[];
  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset('demo');
    calls = [];
    client = new VolcengineClient({
      credentials: { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret },
      endpoint: emu.volcengineUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5 },
      onCall: (r) => calls.push(r),
    });
  });
  afterEach(async () => {
    await client.close();
  });

  it('one call per ID, each with its own ClientToken; one outcome per ID, refusals with their code', async () => {
    const res = await client.describeScheduledInstances(REGION);
    const by = (n: string) => res.find((s) => s.ScheduledInstanceName === n)!.ScheduledInstanceId;
    const ids = [by('esi-fresh-10min'), by('esi-old-2h'), by('seg-reserve-future'), by('esi-fresh-10min')];
    emu.faults.add({ provider: 'volcengine', action: 'DeleteScheduledInstance', kind: 'reset-after', count: 1 });
    const r = await client.deleteScheduledInstances(REGION, ids);
    assert.deepEqual(
      r.outcomes.map((o) => o.id),
      ids.slice(0, 3),
    );
    assert.deepEqual(
      r.outcomes.map((o) => o.ok),
      [true, false, true],
    );
    assert.equal(r.outcomes[1].code, 'OperationDenied.LatestCancelTime');
    assert.equal(r.calls.length, 3);
    assert.equal(new Set(r.calls.map((c) => c.clientToken)).size, 3);
    const ledger = emu.ledger.entries({ kind: 'cancel' });
    assert.equal(ledger.length, 2, 'the reset call was resent with its token and acted once');
    assert.deepEqual(ledger.map((l) => l.clientToken).sort(), [r.outcomes[0].clientToken, r.outcomes[2].clientToken].sort());
    assert.ok(r.outcomes.every((o) => o.requestId));
  });

  it('cancelled mid-way: the one in flight is OutcomeUnknown, the rest Cancelled and never sent', async () => {
    const res = (await client.describeScheduledInstances(REGION)).filter((s) => s.Status === 'RESERVED');
    const ids = res.map((s) => s.ScheduledInstanceId);
    assert.ok(ids.length >= 3);
    emu.faults.add({ provider: 'volcengine', action: 'DeleteScheduledInstance', kind: 'latency', latencyMs: 0, count: 1 });
    emu.faults.add({ provider: 'volcengine', action: 'DeleteScheduledInstance', kind: 'latency', latencyMs: 800, count: 1 });
    const ac = new AbortController();
    const sent = () => emu.requests.total({ action: 'DeleteScheduledInstance' });
    const watch = setInterval(() => sent() >= 2 && ac.abort(), 5);
    const r = await client.deleteScheduledInstances(REGION, ids, { signal: ac.signal }).finally(() => clearInterval(watch));
    assert.equal(r.outcomes.length, ids.length);
    assert.equal(r.outcomes[1].code, 'OutcomeUnknown');
    assert.ok(r.outcomes.slice(2).every((o) => o.code === 'Cancelled'));
    assert.equal(sent(), 2);
  });

  it('validates every ID before sending anything', async () => {
    const e = await rejects(client.deleteScheduledInstances(REGION, ['esi-abc', 'i-abc']));
    assert.deepEqual([e.kind, e.field], ['invalid-input', 'ScheduledInstanceId']);
    assert.equal(calls.length, 0);
  });
});
