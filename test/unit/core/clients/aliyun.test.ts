import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudError } from '../../../../src/core/errors';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import type { AliyunReservedInstance } from '../../../../src/core/schemas/aliyun';
import type { CallRecord } from '../../../../src/core/types';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../../emulator';
import { HeldSleep, settleQueue } from '../../../support/held-sleep';
import { rejects } from '../../../support/rejects';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'aliyun')!;
const CREDS = { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret };
const REGION = 'cn-hangzhou';

describe('clients/AliyunClient (emulator)', function () {
  let emu: Emulator;
  let calls: CallRecord[];
  let client: AliyunClient;
  const latency = new HeldSleep();
  const byName = async (name: string): Promise<AliyunReservedInstance> =>
    (await client.describeReservedInstances(REGION)).find((r) => r.ReservedInstanceName === name)!;

  before(async () => {
    emu = await startEmulator({ seed: 'demo', latencySleep: latency.sleep });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset('demo');
    calls = [];
    client = new AliyunClient({
      credentials: CREDS,
      endpoint: emu.aliyunUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5, headersTimeoutMs: 3000, bodyTimeoutMs: 3000 },
      onCall: (r) => calls.push(r),
    });
  });
  afterEach(async () => {
    latency.release();
    await client.close();
  });

  it('lists regions (reservedinstance) and zones', async () => {
    const regions = await client.describeRegions();
    assert.ok(regions.length >= 3);
    assert.ok(regions.some((r) => r.RegionId === REGION));
    assert.equal(calls[0].region, 'central');
    const zones = await client.describeZones(REGION);
    assert.deepEqual(
      zones.map((z) => z.ZoneId),
      ['cn-hangzhou-b', 'cn-hangzhou-h', 'cn-hangzhou-i', 'cn-hangzhou-j', 'cn-hangzhou-k'],
    );
  });

  it('lists every reserved instance page (PageSize 100)', async () => {
    emu.reset('large', {
      volcengineRegions: 1,
      instancesPerRegion: 1,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 250,
    });
    const all = await client.describeReservedInstances(REGION);
    assert.equal(all.length, 250);
    assert.equal(new Set(all.map((r) => r.ReservedInstanceId)).size, 250);
    assert.equal(calls.filter((c) => c.action === 'DescribeReservedInstances').length, 3);
    const page = await client.describeReservedInstancesPage(REGION, { pageNumber: 3, pageSize: 100 });
    assert.deepEqual([page.items.length, page.totalCount, page.pageNumber], [50, 250, 3]);
    const some = await client.describeReservedInstances(REGION, { reservedInstanceIds: all.slice(0, 3).map((r) => r.ReservedInstanceId) });
    assert.equal(some.length, 3);
  });

  it('splits', async () => {
    const src = await byName('g5-2xlarge-zone'); // ecs.g5.2xlarge x4, zone h: power 32
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [
        { instanceType: 'ecs.g5.xlarge', instanceAmount: 4, scope: 'Zone', zoneId: src.ZoneId },
        { instanceType: 'ecs.g5.2xlarge', instanceAmount: 2, scope: 'Zone', zoneId: src.ZoneId, reservedInstanceName: 'split-b' },
      ],
    });
    assert.equal(r.outcome, 'confirmed');
    assert.equal(r.newReservedInstanceIds.length, 2);
    assert.ok(r.requestId);
    const after = await client.describeReservedInstances(REGION, {
      reservedInstanceIds: [src.ReservedInstanceId, ...r.newReservedInstanceIds],
    });
    const status = new Map(after.map((x) => [x.ReservedInstanceId, x.Status]));
    assert.ok(['Updating', 'Inactive'].includes(status.get(src.ReservedInstanceId)!));
    assert.equal(emu.ledger.entries({ provider: 'aliyun', kind: 'split' }).length, 1);
  });

  it('merges', async () => {
    const a = await byName('merge-a');
    const b = await byName('merge-b');
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [a.ReservedInstanceId, b.ReservedInstanceId],
      configurations: [{ instanceType: 'ecs.g5.4xlarge', instanceAmount: 2, scope: 'Zone', zoneId: a.ZoneId }],
    });
    assert.deepEqual([r.outcome, r.newReservedInstanceIds.length], ['confirmed', 1]);
    const ledger = emu.ledger.entries({ provider: 'aliyun', kind: 'merge' });
    assert.deepEqual(ledger[0].newResourceIds, r.newReservedInstanceIds);
  });

  it('server refusals are API errors', async () => {
    const a = await byName('merge-a');
    const w = await byName('windows-xlarge');
    const e = await rejects(
      client.modifyReservedInstances(REGION, {
        reservedInstanceIds: [a.ReservedInstanceId, w.ReservedInstanceId],
        configurations: [{ instanceType: 'ecs.g5.4xlarge', instanceAmount: 2, scope: 'Zone', zoneId: a.ZoneId }],
      }),
    );
    assert.deepEqual([e.kind, e.code], ['api', 'InvalidParameter.NotMatch']);
    assert.ok(e.requestId);
  });

  it('validates before sending', async () => {
    const e = await rejects(
      client.modifyReservedInstances(REGION, {
        reservedInstanceIds: ['ecsri-abc'],
        configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 1, reservedInstanceName: 'http://x' }],
      }),
    );
    assert.deepEqual([e.kind, e.field], ['invalid-input', 'Configuration[0].ReservedInstanceName']);
    assert.equal(calls.length, 0);
  });

  it('answer lost after the side effect: reconciled from DescribeReservedInstances, never resent', async () => {
    const a = await byName('merge-a');
    const b = await byName('merge-b');
    emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'reset-after', count: 1 });
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [a.ReservedInstanceId, b.ReservedInstanceId],
      configurations: [{ instanceType: 'ecs.g5.4xlarge', instanceAmount: 2, scope: 'Zone', zoneId: a.ZoneId }],
    });
    assert.equal(r.outcome, 'reconciled');
    const ledger = emu.ledger.entries({ provider: 'aliyun', action: 'ModifyReservedInstances' });
    assert.equal(ledger.length, 1);
    assert.deepEqual(r.newReservedInstanceIds, ledger[0].newResourceIds);
    const modifyCalls = calls.filter((c) => c.action === 'ModifyReservedInstances');
    assert.deepEqual(
      modifyCalls.map((c) => [c.attempts, c.errorCode]),
      [[1, 'OutcomeUnknown']],
    );
  });

  it('an unreadable 2xx answer to a modify is reconciled', async () => {
    const src = await byName('g5-2xlarge-zone');
    emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'truncated-json', count: 1 });
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [{ instanceType: 'ecs.g5.4xlarge', instanceAmount: 2, scope: 'Zone', zoneId: src.ZoneId }],
    });
    assert.equal(r.outcome, 'reconciled');
    assert.deepEqual(r.newReservedInstanceIds, emu.ledger.entries({ provider: 'aliyun' })[0].newResourceIds);
  });

  it('answer lost without a side effect: not-applied, never resent', async () => {
    const src = await byName('g5-xlarge-region');
    emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'internal-error', count: 1 });
    const looks = () => calls.filter((c) => c.action === 'DescribeReservedInstances').length;
    const before = looks();
    const r = await client.modifyReservedInstances(
      REGION,
      { reservedInstanceIds: [src.ReservedInstanceId], configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 4 }] },
      { reconcile: { intervalMs: 15_000, maxMs: 120_000, sleep: async () => undefined } },
    );
    assert.deepEqual([r.outcome, r.newReservedInstanceIds], ['not-applied', []]);
    assert.equal(looks() - before, 9, 'looked again over the whole window (a late change would be found)');
    assert.equal(r.lostAnswer?.code, 'InternalError');
    assert.ok(r.lostAnswer?.requestId);
    assert.equal(emu.ledger.entries({ provider: 'aliyun' }).length, 0);
    assert.equal(emu.faults.log.filter((f) => f.action === 'ModifyReservedInstances').length, 1);
    assert.equal(calls.filter((c) => c.action === 'ModifyReservedInstances')[0].attempts, 1);
  });

  it('a modify we stopped waiting for (timeout, cancel) is never reported not-applied: the server may still apply it', async function () {
    this.timeout(15_000);
    const src = await byName('g5-xlarge-region');
    const input = { reservedInstanceIds: [src.ReservedInstanceId], configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 4 }] };
    // Timeout: the emulator holds the request (and applies it when released); the client gives up at 200 ms
    // (undici's timers are coarse: it gives up within about a second).
    const slow = new AliyunClient({
      credentials: CREDS,
      endpoint: emu.aliyunUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5, headersTimeoutMs: 200 },
    });
    try {
      emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'latency', latencyMs: 2500, count: 1 });
      latency.hold();
      // One look only (maxMs 0): the change is not visible yet, and unchanged sources prove nothing.
      const e = await rejects(slow.modifyReservedInstances(REGION, input, { reconcile: { maxMs: 0 } }));
      assert.deepEqual([e.kind, (e.cause as CloudError).kind], ['outcome-unknown', 'timeout']);
    } finally {
      await slow.close();
    }
    assert.equal(emu.ledger.entries({ provider: 'aliyun' }).length, 0);
    latency.release();
    await settleQueue();
    assert.equal(emu.ledger.entries({ provider: 'aliyun' }).length, 1, 'the server applied it after the client gave up');

    // Cancel after the request went out: the client aborts while the emulator holds the request.
    emu.reset('demo');
    const again = await byName('g5-xlarge-region');
    emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'latency', latencyMs: 400, count: 1 });
    const ac = new AbortController();
    latency.hold();
    void latency.next().then(() => ac.abort());
    const c = await rejects(
      client.modifyReservedInstances(REGION, { ...input, reservedInstanceIds: [again.ReservedInstanceId] }, { signal: ac.signal }),
    );
    assert.deepEqual([c.kind, (c.cause as CloudError).kind], ['outcome-unknown', 'cancelled']);
    assert.match(c.message, /may have reached the server/);
    assert.equal(emu.requests.total({ action: 'ModifyReservedInstances' }), 1, 'never resent');
  });

  it('a modify whose answer timed out and whose change appears late is found by looking again (reconciled)', async function () {
    this.timeout(15_000);
    const src = await byName('g5-xlarge-region');
    const slow = new AliyunClient({
      credentials: CREDS,
      endpoint: emu.aliyunUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5, headersTimeoutMs: 200 },
    });
    // The emulator holds the request past the client's timeout; the client's wait between looks releases it, so
    // the change is applied between the first look (not visible yet) and the second.
    const looks: boolean[] = [];
    const sleep = async () => {
      looks.push(emu.ledger.entries({ provider: 'aliyun' }).length > 0);
      latency.release();
      await settleQueue();
    };
    try {
      emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'latency', latencyMs: 1500, count: 1 });
      latency.hold();
      const r = await slow.modifyReservedInstances(
        REGION,
        { reservedInstanceIds: [src.ReservedInstanceId], configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 4 }] },
        { reconcile: { intervalMs: 1000, maxMs: 60_000, sleep } },
      );
      assert.equal(r.outcome, 'reconciled');
      assert.deepEqual(r.newReservedInstanceIds, emu.ledger.entries({ provider: 'aliyun' })[0].newResourceIds);
      assert.equal(r.lostAnswer?.code, 'RequestTimeout');
      assert.deepEqual(looks, [false], 'found on the look after the change was applied');
      assert.equal(emu.requests.total({ action: 'ModifyReservedInstances' }), 1, 'never resent');
    } finally {
      await slow.close();
    }
  });

  it('a throttled modify (provably refused) is retried', async () => {
    const src = await byName('g5-xlarge-region');
    emu.faults.add({ provider: 'aliyun', action: 'ModifyReservedInstances', kind: 'throttle', count: 1, retryAfterMs: 5 });
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 4 }],
    });
    assert.equal(r.outcome, 'confirmed');
    assert.equal(calls.filter((c) => c.action === 'ModifyReservedInstances')[0].attempts, 2);
    assert.equal(emu.ledger.entries({ provider: 'aliyun' }).length, 1);
  });

  it('re-signs every attempt (fresh nonce): retries after 503 succeed', async () => {
    emu.faults.add({ provider: 'aliyun', action: 'DescribeZones', kind: 'unavailable', count: 2 });
    await client.describeZones(REGION);
    assert.deepEqual([calls[0].attempts, calls[0].errorCode], [3, undefined]);
  });

  it('malformed JSON is MalformedResponse', async () => {
    emu.faults.add({ provider: 'aliyun', action: 'DescribeReservedInstances', kind: 'malformed-json', count: 1 });
    const e = await rejects(client.describeReservedInstances(REGION));
    assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
    emu.faults.add({ provider: 'aliyun', action: 'DescribeReservedInstances', kind: 'missing-field', count: 1 });
    const m = await rejects(client.describeReservedInstances(REGION));
    assert.equal(m.code, 'MalformedResponse');
    assert.ok(m.field && m.message.includes(m.field));
  });

  it('cancellation', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await rejects(client.describeReservedInstances(REGION, { signal: ac.signal }));
    assert.equal(e.kind, 'cancelled');
  });
});

describe('clients/AliyunClient success bodies with Code "200"', () => {
  it('treats Code "200" as success', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ HttpStatusCode: 200, Code: '200', Message: 'Success', RequestId: 'R-1', Zones: { Zone: [{ ZoneId: 'cn-x-a' }] } }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const c = new AliyunClient({ credentials: CREDS, endpoint: `http://127.0.0.1:${port}` });
    try {
      const zones = await c.describeZones('cn-x');
      assert.deepEqual(
        zones.map((z) => z.ZoneId),
        ['cn-x-a'],
      );
    } finally {
      await c.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('clients/AliyunClient paging against a server whose TotalCount is too large', () => {
  it('stops at the first empty page: a bounded number of requests, every item once', async () => {
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests++;
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const n = Number(q.get('PageNumber') ?? 1);
      const items =
        n <= 2
          ? Array.from({ length: n === 1 ? 100 : 30 }, (_, i) => ({
              ReservedInstanceId: `ecsri-p${n}i${i}`,
              InstanceType: 'ecs.g5.large',
              InstanceAmount: 1,
              Status: 'Active',
            }))
          : [];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          RequestId: `R-${n}`,
          TotalCount: 1e9,
          PageNumber: n,
          PageSize: 100,
          ReservedInstances: { ReservedInstance: items },
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    const c = new AliyunClient({ credentials: CREDS, endpoint: `http://127.0.0.1:${port}` });
    try {
      const all = await c.describeReservedInstances('cn-x');
      assert.equal(all.length, 130);
      assert.equal(new Set(all.map((r) => r.ReservedInstanceId)).size, 130);
      // Page 1, then pages 2… by at most maxInFlight (8) workers: none starts after page 3 came back empty.
      assert.ok(requests <= 1 + 8 + 1, `${requests} requests`);
    } finally {
      await c.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
