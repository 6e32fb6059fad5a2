import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudError } from '../../../../src/core/errors';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import { Transport } from '../../../../src/core/http/transport';
import type { CallRecord } from '../../../../src/core/types';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../../emulator';
import { addInstances } from '../../../emulator/control';
import { HeldSleep, settleQueue } from '../../../support/held-sleep';
import { rejects } from '../../../support/rejects';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
const CREDS = { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret };
const REGION = 'cn-beijing';

describe('clients/VolcengineClient (emulator)', function () {
  let emu: Emulator;
  let calls: CallRecord[];
  let client: VolcengineClient;
  const latency = new HeldSleep();

  const newClient = (extra: Partial<ConstructorParameters<typeof VolcengineClient>[0]> = {}) =>
    new VolcengineClient({
      credentials: CREDS,
      endpoint: emu.volcengineUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5, headersTimeoutMs: 3000, bodyTimeoutMs: 3000 },
      onCall: (r) => calls.push(r),
      ...extra,
    });

  before(async () => {
    emu = await startEmulator({ seed: 'demo', latencySleep: latency.sleep });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset('demo');
    calls = [];
    client = newClient();
  });
  afterEach(() => latency.release());
  afterEach(async () => {
    await client.close();
  });

  it('lists every region page (MaxResults 20)', async () => {
    emu.reset('large', {
      volcengineRegions: 45,
      instancesPerRegion: 1,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    });
    const regions = await client.describeRegions();
    assert.equal(regions.length, 45);
    assert.equal(new Set(regions.map((r) => r.RegionId)).size, 45);
    assert.equal(calls.filter((c) => c.action === 'DescribeRegions').length, 3);
  });

  it('lists zones', async () => {
    const zones = await client.describeZones(REGION);
    assert.deepEqual(
      zones.map((z) => z.ZoneId),
      ['cn-beijing-a', 'cn-beijing-b', 'cn-beijing-c'],
    );
  });

  it('lists every instance and reservation page (MaxResults 100)', async () => {
    emu.reset('large', {
      volcengineRegions: 1,
      instancesPerRegion: 250,
      reservationsPerRegion: 130,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    });
    const insts = await client.describeInstances(REGION);
    assert.equal(insts.length, 250);
    assert.equal(new Set(insts.map((i) => i.InstanceId)).size, 250);
    assert.equal(calls.filter((c) => c.action === 'DescribeInstances').length, 3);
    const page = await client.describeInstancesPage(REGION, { maxResults: 7 });
    assert.equal(page.items.length, 7);
    assert.ok(page.nextToken);
    const res = await client.describeScheduledInstances(REGION);
    assert.equal(res.length, 130);
    assert.equal(calls.filter((c) => c.action === 'DescribeScheduledInstances').length, 2);
    const some = await client.describeInstances(REGION, { instanceIds: insts.slice(0, 150).map((i) => i.InstanceId) });
    assert.equal(some.length, 150);
  });

  it('deletes > 100 IDs in chunks with distinct tokens, one outcome per ID, mixed per-instance errors', async () => {
    emu.reset('large', {
      volcengineRegions: 1,
      instancesPerRegion: 230,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    });
    const insts = await client.describeInstances(REGION);
    const ids = insts.map((i) => i.InstanceId);
    const requested = [...ids, ids[0], ids[5], 'i-doesnotexist00'];
    const progress: [number, number][] = [];
    const r = await client.deleteInstances(REGION, requested, { onProgress: (d, t) => progress.push([d, t]) });

    const expectedIds = [...ids, 'i-doesnotexist00'];
    assert.deepEqual(
      r.outcomes.map((o) => o.instanceId),
      expectedIds,
    );
    assert.equal(r.calls.length, 3);
    assert.deepEqual(
      r.calls.map((c) => c.instanceIds.length),
      [100, 100, 31],
    );
    const tokens = r.calls.map((c) => c.clientToken);
    assert.equal(new Set(tokens).size, 3);
    for (const t of tokens) assert.match(t, /^[\x20-\x7e]{1,64}$/);
    assert.deepEqual(progress.at(-1), [231, 231]);

    const byId = new Map(r.outcomes.map((o) => [o.instanceId, o]));
    assert.equal(byId.get('i-doesnotexist00')?.code, 'InvalidInstance.NotFound');
    for (const inst of insts) {
      const o = byId.get(inst.InstanceId)!;
      const prepaid = inst.InstanceChargeType === 'PrePaid';
      assert.equal(o.ok, !prepaid, inst.InstanceId);
      if (prepaid) assert.equal(o.code, 'OperationDenied.PrePaidInstanceNotExpired');
      assert.ok(o.requestId && o.clientToken);
    }
    const ledger = emu.ledger.entries({ provider: 'volcengine', kind: 'delete' });
    assert.deepEqual(ledger.map((e) => e.clientToken).sort(), [...tokens].sort());
  });

  it('retries a 500 with the same ClientToken; one deletion', async () => {
    const target = (await client.describeInstances(REGION)).find((i) => i.InstanceName === 'web-postpaid-running')!;
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'internal-error', count: 1 });
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'reset-after', count: 1 });
    const r = await client.deleteInstances(REGION, [target.InstanceId]);
    assert.deepEqual(
      r.outcomes.map((o) => [o.instanceId, o.ok]),
      [[target.InstanceId, true]],
    );
    const rec = calls.find((c) => c.action === 'DeleteInstances')!;
    assert.equal(rec.attempts, 3);
    assert.equal(rec.clientToken, r.calls[0].clientToken);
    const ledger = emu.ledger.entries({ provider: 'volcengine', kind: 'delete' });
    assert.equal(ledger.length, 1);
    assert.equal(ledger[0].clientToken, r.calls[0].clientToken);
    assert.equal(emu.ledger.timesActedOn(target.InstanceId), 1);
  });

  it('a chunk that fails entirely gives every ID of the chunk its error', async () => {
    const ids = (await client.describeInstances(REGION)).filter((i) => i.Status === 'RUNNING').map((i) => i.InstanceId);
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'internal-error', count: 10 });
    const r = await client.deleteInstances(REGION, ids);
    assert.equal(r.outcomes.length, ids.length);
    for (const o of r.outcomes) assert.deepEqual([o.ok, o.code], [false, 'InternalError']);
    assert.equal(emu.ledger.entries({ kind: 'delete' }).length, 0);
  });

  it('delete: OperationDetails out of request order are matched by ID; one left out is OutcomeUnknown (it may have been deleted)', async () => {
    const ids = (await client.describeInstances(REGION)).filter((i) => i.Status === 'RUNNING').map((i) => i.InstanceId);
    assert.ok(ids.length >= 3, 'demo seed has running instances');
    // The emulator answers in request order; this transport reverses the details and drops the first ID's.
    const t = new Transport({ retryBaseMs: 1, retryMaxMs: 5 });
    const send = t.send.bind(t);
    const answered = new Map<string, string | undefined>(); // ID → error code in the emulator's own answer
    t.send = async (req, signal, ctx) => {
      const res = await send(req, signal, ctx);
      if (ctx?.action !== 'DeleteInstances') return res;
      const body = JSON.parse(res.body);
      for (const d of body.Result.OperationDetails) answered.set(d.InstanceId, d.Error?.Code);
      body.Result.OperationDetails = body.Result.OperationDetails.reverse().filter((d: { InstanceId: string }) => d.InstanceId !== ids[0]);
      return { ...res, body: JSON.stringify(body) };
    };
    const c = newClient({ transport: t });
    try {
      const r = await c.deleteInstances(REGION, ids);
      assert.deepEqual(
        r.outcomes.map((o) => o.instanceId),
        ids,
      );
      assert.deepEqual([r.outcomes[0].ok, r.outcomes[0].code], [false, 'OutcomeUnknown']);
      assert.match(r.outcomes[0].message ?? '', /may have been deleted/);
      assert.equal(answered.size, ids.length);
      assert.ok(
        [...answered.values()].some((code) => code === undefined) && [...answered.values()].some((code) => code !== undefined),
        'mixed answer',
      );
      for (const o of r.outcomes.slice(1))
        assert.deepEqual([o.ok, o.code], [answered.get(o.instanceId) === undefined, answered.get(o.instanceId)], o.instanceId);
    } finally {
      await c.close();
    }
  });

  /** A transport that logs 'send N' / 'answer N' around each DeleteInstances call and counts calls on the wire. */
  const loggingTransport = (events: string[], onAnswer?: (n: number) => void) => {
    const t = new Transport({ retryBaseMs: 1, retryMaxMs: 5 });
    const send = t.send.bind(t);
    let n = 0;
    let onWire = 0;
    let maxOnWire = 0;
    t.send = async (req, signal, ctx) => {
      if (ctx?.action !== 'DeleteInstances') return send(req, signal, ctx);
      const k = ++n;
      events.push(`send ${k} ${req.headers['X-Date'] ?? req.headers['x-date']}`);
      maxOnWire = Math.max(maxOnWire, ++onWire);
      try {
        return await send(req, signal, ctx);
      } finally {
        onWire--;
        events.push(`answer ${k}`);
        onAnswer?.(k);
      }
    };
    return { transport: t, maxOnWire: () => maxOnWire };
  };

  it('delete: one call on the wire at a time, the next one signed while it is there', async () => {
    emu.reset('empty');
    const ids = addInstances(emu.state, { region: REGION, count: 250 });
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'latency', latencyMs: 150, count: 3 });
    const events: string[] = [];
    const { transport, maxOnWire } = loggingTransport(events);
    const c = newClient({ transport, now: () => (events.push('clock'), new Date()) });
    const r = await c.deleteInstances(REGION, ids);
    await transport.close();
    assert.equal(r.outcomes.filter((o) => o.ok).length, 250);
    assert.equal(maxOnWire(), 1);
    const at = (e: string) => events.findIndex((x) => x.startsWith(e));
    for (const k of [1, 2]) {
      const signedMeanwhile = events.slice(at(`send ${k}`) + 1, at(`answer ${k}`)).includes('clock');
      assert.ok(signedMeanwhile, `call ${k + 1} is signed while call ${k} is on the wire: ${events.join(', ')}`);
    }
    assert.ok(!events.slice(at('send 3') + 1, at('answer 3')).includes('clock'), 'nothing left to sign during the last call');
  });

  it('delete: a call signed ahead is signed again when the call before it took over a minute', async () => {
    emu.reset('empty');
    const ids = addInstances(emu.state, { region: REGION, count: 150 });
    let clock = Date.now() - 5 * 60_000;
    const events: string[] = [];
    // The first answer "takes" two minutes: the clock jumps when it arrives.
    const { transport } = loggingTransport(events, (k) => {
      if (k === 1) clock += 2 * 60_000;
    });
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'latency', latencyMs: 100, count: 1 });
    const c = newClient({ transport, now: () => new Date(clock) });
    const r = await c.deleteInstances(REGION, ids);
    await transport.close();
    assert.equal(r.outcomes.filter((o) => o.ok).length, 150);
    const xDate = (k: number) => events.find((e) => e.startsWith(`send ${k} `))!.split(' ')[2];
    const minute = (x: string) => x.slice(0, 13); // 20261124T1203
    assert.equal(minute(xDate(2)), minute(new Date(clock).toISOString().replace(/[-:]/g, '')), 'call 2 carries the later clock');
    assert.notEqual(minute(xDate(2)), minute(xDate(1)));
  });

  it('a progress callback that throws loses no outcome: every ID gets exactly one, as the server decided', async () => {
    emu.reset('large', {
      volcengineRegions: 1,
      instancesPerRegion: 230,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    });
    const insts = await client.describeInstances(REGION);
    const ids = insts.map((i) => i.InstanceId);
    const seen: number[] = [];
    const r = await client.deleteInstances(REGION, [...ids, 'i-doesnotexist00'], {
      onProgress: (done) => {
        seen.push(done);
        throw new Error('progress hook failed');
      },
    });
    assert.deepEqual(seen, [0, 100, 200, 231], 'every step is still reported');
    assert.deepEqual(
      r.outcomes.map((o) => o.instanceId),
      [...ids, 'i-doesnotexist00'],
    );
    assert.equal(r.calls.length, 3);
    const byId = new Map(r.outcomes.map((o) => [o.instanceId, o]));
    assert.equal(byId.get('i-doesnotexist00')?.code, 'InvalidInstance.NotFound');
    for (const inst of insts) {
      const o = byId.get(inst.InstanceId)!;
      const prepaid = inst.InstanceChargeType === 'PrePaid';
      assert.equal(o.ok, !prepaid, inst.InstanceId);
      assert.ok(o.requestId && o.clientToken);
    }
    assert.equal(emu.ledger.entries({ provider: 'volcengine', kind: 'delete' }).length, 3);
  });

  it('cancellation mid-batch: unsent IDs are Cancelled', async () => {
    emu.reset('large', {
      volcengineRegions: 1,
      instancesPerRegion: 250,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    });
    const ids = (await client.describeInstances(REGION)).map((i) => i.InstanceId);
    const ac = new AbortController();
    const r = await client.deleteInstances(REGION, ids, {
      signal: ac.signal,
      onProgress: (done) => {
        if (done >= 100) ac.abort();
      },
    });
    assert.equal(r.outcomes.length, 250);
    assert.equal(r.calls.length, 1);
    assert.ok(r.outcomes.slice(100).every((o) => !o.ok && o.code === 'Cancelled'));
    assert.ok(r.outcomes.slice(0, 100).every((o) => o.code !== 'Cancelled'));
    assert.equal(emu.ledger.entries({ kind: 'delete' }).length, 1);
    const e = await rejects(client.describeInstances(REGION, { signal: ac.signal }));
    assert.equal(e.kind, 'cancelled');
  });

  it('cancellation while a chunk is in flight: that chunk is OutcomeUnknown, later ones Cancelled and never sent', async () => {
    emu.reset('empty');
    const ids = addInstances(emu.state, { region: REGION, count: 250 });
    // The first call is answered at once, the second is slow.
    // The first call is answered at once; the emulator holds the second, and the client aborts then.
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'latency', latencyMs: 0, count: 1 });
    emu.faults.add({ provider: 'volcengine', action: 'DeleteInstances', kind: 'latency', latencyMs: 1500, count: 1 });
    const ac = new AbortController();
    const sent = () => emu.requests.total({ action: 'DeleteInstances' });
    const second = async () => {
      await latency.next();
      latency.hold();
      await latency.next();
      ac.abort();
    };
    void second();
    const r = await client.deleteInstances(REGION, ids, { signal: ac.signal });
    assert.deepEqual(
      r.outcomes.map((o) => o.instanceId),
      ids,
    );
    assert.ok(r.outcomes.slice(0, 100).every((o) => o.ok));
    assert.ok(
      r.outcomes.slice(100, 200).every((o) => !o.ok && o.code === 'OutcomeUnknown' && /may have been applied/.test(o.message ?? '')),
    );
    assert.ok(r.outcomes.slice(200).every((o) => !o.ok && o.code === 'Cancelled'));
    assert.equal(r.calls.length, 2);
    assert.equal(sent(), 2, 'nothing sent after the cancel');
  });

  it('a reservation cancel cancelled after it was sent ends OutcomeUnknown (the server may still act), a list ends Cancelled', async () => {
    const fresh = (await client.describeScheduledInstances(REGION)).find((s) => s.ScheduledInstanceName === 'esi-fresh-10min')!;
    emu.faults.add({ provider: 'volcengine', action: 'DeleteScheduledInstance', kind: 'latency', latencyMs: 400, count: 1 });
    const ac = new AbortController();
    latency.hold();
    void latency.next().then(() => ac.abort());
    const e = await rejects(client.deleteScheduledInstance(REGION, fresh.ScheduledInstanceId, { signal: ac.signal }));
    assert.deepEqual([e.kind, (e.cause as CloudError).kind, e.sent], ['outcome-unknown', 'cancelled', true]);
    assert.equal(emu.ledger.entries({ provider: 'volcengine' }).length, 0);
    latency.release();
    await settleQueue();
    assert.equal(emu.ledger.entries({ provider: 'volcengine' }).length, 1, 'the server acted after the client stopped waiting');

    emu.faults.add({ provider: 'volcengine', action: 'DescribeInstances', kind: 'latency', latencyMs: 400, count: 1 });
    const list = new AbortController();
    latency.hold();
    void latency.next().then(() => list.abort());
    const l = await rejects(client.describeInstances(REGION, { signal: list.signal }));
    assert.equal(l.kind, 'cancelled', 'a read stays cancelled');
  });

  it('the region is checked on every call, after a valid region was used too; nothing is sent for a bad one', async () => {
    assert.ok((await client.describeZones(REGION)).length > 0);
    const sent = calls.length;
    for (const bad of ['CN_BAD', 'cn-beijing/../x', '', 'a'.repeat(65)]) {
      for (let k = 0; k < 2; k++) {
        const e = await rejects(client.describeZones(bad));
        assert.deepEqual([e.kind, e.code], ['config', 'InvalidEndpoint'], bad);
      }
    }
    assert.equal(calls.length, sent);
    assert.ok((await client.describeZones(REGION)).length > 0);
  });

  it('validates before sending', async () => {
    const e = await rejects(client.deleteInstances(REGION, ['i-ok1', 'bad']));
    assert.deepEqual([e.kind, e.field], ['invalid-input', 'InstanceIds[1]']);
    const s = await rejects(client.deleteScheduledInstance(REGION, 'i-abc'));
    assert.deepEqual([s.kind, s.field], ['invalid-input', 'ScheduledInstanceId']);
    assert.equal(calls.length, 0);
  });

  it('cancels a reservation, reusing one ClientToken across retries', async () => {
    const res = await client.describeScheduledInstances(REGION);
    const fresh = res.find((s) => s.ScheduledInstanceName === 'esi-fresh-10min')!;
    emu.faults.add({ provider: 'volcengine', action: 'DeleteScheduledInstance', kind: 'reset-after', count: 1 });
    const r = await client.deleteScheduledInstance(REGION, fresh.ScheduledInstanceId);
    assert.ok(r.requestId);
    const ledger = emu.ledger.entries({ kind: 'cancel' });
    assert.equal(ledger.length, 1);
    assert.equal(ledger[0].clientToken, r.clientToken);
    const old = res.find((s) => s.ScheduledInstanceName === 'esi-old-2h')!;
    const e = await rejects(client.deleteScheduledInstance(REGION, old.ScheduledInstanceId));
    assert.deepEqual([e.kind, e.code], ['api', 'OperationDenied.LatestCancelTime']);
    assert.ok(e.requestId);
  });

  it('malformed JSON and a missing field are MalformedResponse', async () => {
    emu.faults.add({ provider: 'volcengine', action: 'DescribeInstances', kind: 'malformed-json', count: 1 });
    const e = await rejects(client.describeInstances(REGION));
    assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
    emu.faults.add({ provider: 'volcengine', action: 'DescribeInstances', kind: 'missing-field', count: 1 });
    const m = await rejects(client.describeInstances(REGION));
    assert.deepEqual([m.kind, m.code], ['malformed-response', 'MalformedResponse']);
    assert.ok(m.field && m.message.includes(m.field) && m.message.includes('DescribeInstances'));
  });

  it('resolves credentials per call and maps auth errors', async () => {
    let n = 0;
    const c = newClient({ credentials: async () => (n++, CREDS) });
    await c.describeZones(REGION);
    await c.describeZones(REGION);
    assert.equal(n, 2);
    await c.close();
    const bad = newClient({ credentials: { accessKeyId: CREDS.accessKeyId, accessKeySecret: 'wrong' } });
    const e = await rejects(bad.describeZones(REGION));
    assert.deepEqual([e.kind, e.code], ['api', 'SignatureDoesNotMatch']);
    await bad.close();
    const none = newClient({ credentials: async () => ({ accessKeyId: '', accessKeySecret: '' }) });
    assert.equal((await rejects(none.describeZones(REGION))).code, 'MissingCredentials');
    await none.close();
  });

  it('refuses plain http to a non-loopback host', () => {
    assert.throws(
      () => new VolcengineClient({ credentials: CREDS, endpoint: 'http://example.com' }),
      (e: unknown) => e instanceof CloudError && e.code === 'InsecureEndpoint',
    );
  });
});

describe('clients/VolcengineClient paging against a server that keeps sending NextToken with empty pages', () => {
  it('refuses the listing as malformed after a few empty pages, instead of thousands of requests', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ResponseMetadata: { RequestId: `R-${requests}`, Action: 'DescribeInstances', Version: '2020-04-01' },
          Result: { Instances: [], NextToken: `t${requests}` },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const c = new VolcengineClient({ credentials: CREDS, endpoint: `http://127.0.0.1:${port}` });
    try {
      const e = await rejects(c.describeInstances('cn-x'));
      assert.deepEqual([e.kind, e.field], ['malformed-response', 'Result.NextToken']);
      assert.equal(requests, 4);
    } finally {
      await c.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
