import assert from 'node:assert/strict';
import { Faults, startEmulator, type Emulator } from '../../../emulator/index';
import { parseFaultArg } from '../../../emulator/faults';
import { aliV1, control, send, volc, volcCode, volcSigned } from '../../../support/emulator-requests';
import { HeldSleep, settleQueue } from '../../../support/held-sleep';

describe('emulator: faults, ledger, control API', () => {
  let emu: Emulator;
  const latency = new HeldSleep();
  before(async () => {
    emu = await startEmulator({ transitionDelayMs: 60_000, latencySleep: latency.sleep });
  });
  after(() => emu.stop());
  beforeEach(() => emu.reset('demo'));
  afterEach(() => latency.release());

  const firstId = async () =>
    (await volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { Status: 'RUNNING', InstanceChargeType: 'PostPaid' } })).json
      .Result.Instances[0].InstanceId as string;
  const del = (id: string) => volc(emu.volcengineUrl, { action: 'DeleteInstances', params: { 'InstanceIds.1': id } });

  it('latency holds the answer for latencyMs', async () => {
    emu.faults.add({ action: 'DescribeRegions', kind: 'latency', latencyMs: 300, count: 1 });
    latency.hold();
    const waiting = latency.next();
    let answered = false;
    const p = volc(emu.volcengineUrl, { action: 'DescribeRegions' }).then((r) => {
      answered = true;
      return r;
    });
    await waiting;
    assert.deepEqual(latency.calls.slice(-1), [300]);
    await settleQueue();
    assert.equal(answered, false, 'no answer while the latency lasts');
    latency.release();
    assert.equal((await p).status, 200);
  });

  const errs: ['volcengine' | 'aliyun', 'internal-error' | 'unavailable' | 'throttle', number, string][] = [
    ['volcengine', 'internal-error', 500, 'InternalError'],
    ['volcengine', 'unavailable', 503, 'ServiceUnavailable'],
    ['volcengine', 'throttle', 429, 'FlowLimitExceeded'],
    ['aliyun', 'internal-error', 500, 'InternalError'],
    ['aliyun', 'unavailable', 503, 'ServiceUnavailable'],
    ['aliyun', 'throttle', 400, 'Throttling'],
  ];
  for (const [provider, kind, status, code] of errs) {
    it(`${provider} ${kind} → ${status} ${code}, no side effect`, async () => {
      const id = provider === 'volcengine' ? await firstId() : 'x';
      emu.faults.add({
        kind,
        provider,
        action: provider === 'volcengine' ? 'DeleteInstances' : 'ModifyReservedInstances',
        count: 1,
        retryAfterMs: 1500,
      });
      const res =
        provider === 'volcengine'
          ? await del(id)
          : await aliV1(emu.aliyunUrl, {
              action: 'ModifyReservedInstances',
              params: {
                RegionId: 'cn-hangzhou',
                'ReservedInstanceId.1': 'x',
                'Configuration.1.InstanceType': 'ecs.g5.large',
                'Configuration.1.InstanceAmount': 1,
              },
            });
      assert.equal(res.status, status, res.text);
      assert.equal(provider === 'volcengine' ? volcCode(res) : res.json.Code, code);
      if (provider === 'aliyun' && kind === 'throttle') assert.equal(res.headers['x-acs-retry-after'], '1500');
      assert.equal(emu.ledger.entries().length, 0);
    });
  }

  it('reset-before: connection reset, nothing done', async () => {
    const id = await firstId();
    emu.faults.add({ action: 'DeleteInstances', kind: 'reset-before', count: 1 });
    await assert.rejects(del(id), /ECONNRESET|socket hang up/);
    assert.equal(emu.ledger.entries().length, 0);
  });

  it('reset-after: connection reset, the delete happened', async () => {
    const id = await firstId();
    emu.faults.add({ action: 'DeleteInstances', kind: 'reset-after', count: 1 });
    await assert.rejects(del(id), /ECONNRESET|socket hang up/);
    assert.equal(emu.ledger.timesActedOn(id, 'delete'), 1);
  });

  it('hang: no answer before the client timeout, the delete happened', async () => {
    const id = await firstId();
    emu.faults.add({ action: 'DeleteInstances', kind: 'hang', count: 1 });
    await assert.rejects(
      send(emu.volcengineUrl, {
        ...volcSigned(emu.volcengineUrl, { action: 'DeleteInstances', params: { 'InstanceIds.1': id } }),
        timeoutMs: 300,
      }),
      /client timeout/,
    );
    assert.equal(emu.ledger.timesActedOn(id, 'delete'), 1);
  });

  it('truncated-json and malformed-json: 200 with an unparseable body', async () => {
    emu.faults.add({ action: 'DescribeInstances', kind: 'truncated-json', count: 1 });
    const t = await volc(emu.volcengineUrl, { action: 'DescribeInstances' });
    assert.equal(t.status, 200);
    assert.equal(t.json, undefined);
    assert.ok(t.text.startsWith('{"ResponseMetadata"'));
    emu.faults.add({ action: 'DescribeReservedInstances', kind: 'malformed-json', count: 1 });
    const m = await aliV1(emu.aliyunUrl, { action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou' } });
    assert.equal(m.status, 200);
    assert.equal(m.json, undefined);
  });

  it('missing-field removes a required field (and the state is intact)', async () => {
    emu.faults.add({ action: 'DescribeInstances', kind: 'missing-field', count: 1 });
    const r = await volc(emu.volcengineUrl, { action: 'DescribeInstances' });
    assert.equal(r.json.Result.Instances[0].InstanceId, undefined);
    const again = await volc(emu.volcengineUrl, { action: 'DescribeInstances' });
    assert.ok(again.json.Result.Instances[0].InstanceId);
    emu.faults.add({ action: 'ModifyReservedInstances', kind: 'missing-field', count: 1 });
    const list = (await aliV1(emu.aliyunUrl, { action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou', PageSize: 100 } }))
      .json.ReservedInstances.ReservedInstance;
    const src = list.find((x: { ReservedInstanceName: string }) => x.ReservedInstanceName === 'g5-xlarge-region').ReservedInstanceId;
    const m = await aliV1(emu.aliyunUrl, {
      action: 'ModifyReservedInstances',
      params: {
        RegionId: 'cn-hangzhou',
        'ReservedInstanceId.1': src,
        'Configuration.1.InstanceType': 'ecs.g5.large',
        'Configuration.1.InstanceAmount': 4,
      },
    });
    assert.equal(m.status, 200);
    assert.equal(m.json.ReservedInstanceIdSets, undefined);
    assert.equal(emu.ledger.entries({ kind: 'split' }).length, 1);
  });

  it('count: exactly the next N matching calls; provider and action scoping', async () => {
    emu.faults.add({ provider: 'volcengine', action: 'DescribeRegions', kind: 'unavailable', count: 2 });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await volc(emu.volcengineUrl, { action: 'DescribeRegions' })).status);
    assert.deepEqual(codes, [503, 503, 200]);
    emu.faults.add({ provider: 'aliyun', kind: 'unavailable' });
    assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeZones' })).status, 200);
    assert.equal((await aliV1(emu.aliyunUrl, { action: 'DescribeRegions' })).status, 503);
  });

  it('probability uses a seeded PRNG: same seed → same sequence; rate close to p', () => {
    const run = (seed: number) => {
      const f = new Faults(seed);
      f.add({ kind: 'internal-error', probability: 0.3 });
      return Array.from({ length: 1000 }, () => (f.pick('volcengine', 'X') ? 1 : 0));
    };
    assert.deepEqual(run(42), run(42));
    assert.notDeepEqual(run(42), run(43));
    const n = run(7).reduce((a: number, b) => a + b, 0);
    assert.ok(n > 240 && n < 360, String(n));
  });

  it('CLI fault syntax action:kind[:probability]', () => {
    assert.deepEqual(parseFaultArg('DeleteInstances:reset-after:0.5'), {
      action: 'DeleteInstances',
      kind: 'reset-after',
      probability: 0.5,
    });
    assert.deepEqual(parseFaultArg('*:throttle'), { action: '*', kind: 'throttle', probability: undefined });
    assert.throws(() => parseFaultArg('X:explode'));
    assert.throws(() => parseFaultArg('X:throttle:2'));
  });

  describe('control API', () => {
    it('faults: POST, GET, DELETE', async () => {
      const add = await control(emu.volcengineUrl, 'POST', 'faults', { action: 'DescribeRegions', kind: 'throttle', count: 1 });
      assert.equal(add.status, 200);
      assert.equal(add.json.ids.length, 1);
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeRegions' })).status, 429);
      await control(emu.aliyunUrl, 'POST', 'faults', [{ kind: 'internal-error' }]);
      assert.equal((await control(emu.aliyunUrl, 'GET', 'faults')).json.faults.length, 1);
      await control(emu.aliyunUrl, 'DELETE', 'faults');
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeRegions' })).status, 200);
      const bad = await control(emu.aliyunUrl, 'POST', 'faults', { kind: 'nope' });
      assert.equal(bad.status, 400);
    });
    it('clock: advance and set drive business rules', async () => {
      const before = Date.parse((await control(emu.volcengineUrl, 'GET', 'clock')).json.now);
      const r = await control(emu.volcengineUrl, 'POST', 'clock', { advanceMs: 3_600_000 });
      assert.ok(Date.parse(r.json.now) - before >= 3_600_000);
      const s = await control(emu.aliyunUrl, 'POST', 'clock', { set: '2030-01-01T00:00:00Z' });
      assert.equal(s.json.now.slice(0, 16), '2030-01-01T00:00');
    });
    it('ledger, state and reset', async () => {
      const id = await firstId();
      await del(id);
      const l = await control(emu.volcengineUrl, 'GET', 'ledger');
      assert.equal(l.json.entries.length, 1);
      assert.deepEqual(l.json.entries[0].resourceIds, [id]);
      const st = await send(emu.volcengineUrl, { path: '/__emulator/state', query: 'provider=volcengine&region=cn-beijing' });
      assert.equal(st.json.regions.length, 1);
      assert.equal(st.json.regions[0].instances.find((i: { InstanceId: string }) => i.InstanceId === id).Status, 'DELETING');
      const ali = await send(emu.aliyunUrl, { path: '/__emulator/state', query: 'provider=aliyun&region=cn-hangzhou' });
      assert.ok(ali.json.regions[0].reservedInstances.length > 5);
      assert.equal((await control(emu.aliyunUrl, 'POST', 'reset', { seed: 'empty' })).status, 200);
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeInstances' })).json.Result.TotalCount, 0);
      assert.equal((await control(emu.volcengineUrl, 'GET', 'ledger')).json.entries.length, 0);
    });
    it('requests: authenticated calls counted by provider, region and action; DELETE and reset zero them', async () => {
      await volc(emu.volcengineUrl, { action: 'DescribeInstances' });
      emu.faults.add({ action: 'DescribeInstances', kind: 'internal-error', count: 1 });
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeInstances' })).status, 500); // received, so counted
      await aliV1(emu.aliyunUrl, { action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou' } });
      assert.equal((await volc(emu.volcengineUrl, { action: 'DescribeInstances', sk: 'wrong' })).status, 401); // refused: not counted
      const v = await control(emu.aliyunUrl, 'GET', 'requests?provider=volcengine&action=DescribeInstances');
      assert.deepEqual(v.json, {
        total: 2,
        requests: [{ provider: 'volcengine', region: 'cn-beijing', action: 'DescribeInstances', count: 2 }],
      });
      const all = await control(emu.volcengineUrl, 'GET', 'requests');
      assert.equal(all.json.total, 3);
      assert.deepEqual(
        all.json.requests.map((r: { provider: string; region: string; action: string }) => `${r.provider} ${r.region} ${r.action}`),
        ['aliyun cn-hangzhou DescribeReservedInstances', 'volcengine cn-beijing DescribeInstances'],
      );
      assert.equal((await control(emu.aliyunUrl, 'GET', 'requests?region=cn-hangzhou')).json.total, 1);
      assert.equal((await control(emu.volcengineUrl, 'DELETE', 'requests')).status, 200);
      assert.equal((await control(emu.volcengineUrl, 'GET', 'requests')).json.total, 0);
      await volc(emu.volcengineUrl, { action: 'DescribeRegions' });
      assert.equal(emu.requests.total(), 1);
      emu.reset();
      assert.equal(emu.requests.total(), 0);
    });
    it('transitions: the delay can be changed; reset restores the one given at start', async () => {
      assert.equal((await control(emu.volcengineUrl, 'GET', 'transitions')).json.delayMs, 60_000);
      assert.equal((await control(emu.volcengineUrl, 'POST', 'transitions', { delayMs: 600_000 })).json.delayMs, 600_000);
      const id = await firstId();
      await del(id);
      const status = async () => {
        const st = await send(emu.volcengineUrl, { path: '/__emulator/state', query: 'provider=volcengine&region=cn-beijing' });
        return st.json.regions[0].instances.find((i: { InstanceId: string }) => i.InstanceId === id)?.Status as string | undefined;
      };
      await control(emu.volcengineUrl, 'POST', 'clock', { advanceMs: 120_000 }); // past the start value: still deleting
      assert.equal(await status(), 'DELETING');
      await control(emu.volcengineUrl, 'POST', 'clock', { advanceMs: 480_000 });
      assert.equal(await status(), undefined);
      assert.equal((await control(emu.volcengineUrl, 'POST', 'transitions', { delayMs: -1 })).status, 400);
      await control(emu.volcengineUrl, 'POST', 'reset', {});
      assert.equal((await control(emu.volcengineUrl, 'GET', 'transitions')).json.delayMs, 60_000);
    });
    it('instances: bulk RUNNING PostPaid instances that DeleteInstances accepts', async () => {
      const r = await control(emu.volcengineUrl, 'POST', 'instances', { region: 'cn-shanghai', count: 3, namePrefix: 'many' });
      assert.equal(r.status, 200);
      assert.equal(r.json.ids.length, 3);
      const list = (await volc(emu.volcengineUrl, { action: 'DescribeInstances', region: 'cn-shanghai', params: { MaxResults: 100 } })).json
        .Result.Instances as { InstanceId: string; InstanceName: string; Status: string; InstanceChargeType: string }[];
      const added = list.filter((i) => r.json.ids.includes(i.InstanceId));
      assert.deepEqual(added.map((i) => [i.InstanceName, i.Status, i.InstanceChargeType]).sort(), [
        ['many-000', 'RUNNING', 'PostPaid'],
        ['many-001', 'RUNNING', 'PostPaid'],
        ['many-002', 'RUNNING', 'PostPaid'],
      ]);
      const d = await volc(emu.volcengineUrl, {
        action: 'DeleteInstances',
        region: 'cn-shanghai',
        params: { 'InstanceIds.1': r.json.ids[0], 'InstanceIds.2': r.json.ids[1] },
      });
      assert.equal(d.status, 200, d.text);
      assert.deepEqual(emu.ledger.entries({ kind: 'delete' })[0].resourceIds, r.json.ids.slice(0, 2));
      assert.equal((await control(emu.volcengineUrl, 'POST', 'instances', { region: 'cn-shanghai', count: 0 })).status, 400);
      assert.equal((await control(emu.volcengineUrl, 'POST', 'instances', { region: 'xx-nowhere', count: 1 })).status, 400);
    });
    it('flags via the control API', async () => {
      const r = await control(emu.aliyunUrl, 'POST', 'flags', { region: 'cn-hangzhou', zoneId: 'cn-hangzhou-h', noStock: true });
      assert.equal(r.status, 200);
      const st = await send(emu.aliyunUrl, { path: '/__emulator/state', query: 'provider=aliyun&region=cn-hangzhou' });
      assert.equal(st.json.regions[0].zones.find((z: { zoneId: string }) => z.zoneId === 'cn-hangzhou-h').noStock, true);
    });
  });
});
