import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../emulator/index';
import type { VolcInstance, VolcScheduledInstance } from '../../../emulator/model';
import { VOLC, volc, volcCode, type VolcOpts } from '../../../support/emulator-requests';
import { HeldSleep } from '../../../support/held-sleep';

describe('emulator: Volcengine actions', () => {
  let emu: Emulator;
  const latency = new HeldSleep();
  before(async () => {
    emu = await startEmulator({ transitionDelayMs: 60_000, latencySleep: latency.sleep });
  });
  after(() => emu.stop());
  beforeEach(() => emu.reset('demo'));
  afterEach(() => latency.release());

  const call = (o: VolcOpts) => volc(emu.volcengineUrl, o);
  const ok = async (o: VolcOpts) => {
    const r = await call(o);
    assert.equal(r.status, 200, r.text);
    return r.json.Result;
  };
  const instances = async (region = 'cn-beijing'): Promise<VolcInstance[]> =>
    (await ok({ action: 'DescribeInstances', region, params: { MaxResults: 100 } })).Instances;
  const byName = async (name: string) => (await instances()).find((i) => i.InstanceName === name)!;
  const scheduled = async (): Promise<VolcScheduledInstance[]> =>
    (await ok({ action: 'DescribeScheduledInstances', params: { MaxResults: 100 } })).ScheduledInstanceInfo;
  const esi = async (name: string) => (await scheduled()).find((s) => s.ScheduledInstanceName === name)!;

  describe('demo seed', () => {
    it('has every instance status, charge type, spot and reservation instances, with the documented fields', async () => {
      const list = await instances();
      const statuses = new Set(list.map((i) => i.Status));
      for (const s of [
        'CREATING',
        'RUNNING',
        'STOPPING',
        'STOPPED',
        'REBOOTING',
        'STARTING',
        'REBUILDING',
        'RESIZING',
        'ERROR',
        'DELETING',
      ])
        assert.ok(statuses.has(s as never), s);
      assert.ok(list.some((i) => i.InstanceChargeType === 'PrePaid' && Date.parse(i.ExpiredAt) > Date.now()));
      assert.ok(list.some((i) => i.InstanceChargeType === 'PrePaid' && Date.parse(i.ExpiredAt) < Date.now()));
      assert.ok(list.some((i) => i.SpotStrategy !== 'NoSpot'));
      assert.ok(list.some((i) => i.ScheduledInstanceId && i.ElasticScheduledInstanceType === 'Esi'));
      for (const i of list) {
        assert.match(i.InstanceId, /^i-[0-9a-z]{20}$/);
        assert.match(i.CreatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        assert.equal(typeof i.EipAddress.IpAddress, 'string');
        assert.equal(typeof i.NetworkInterfaces[0].PrimaryIpAddress, 'string');
        for (const k of ['InstanceName', 'InstanceTypeId', 'ZoneId', 'Cpus', 'MemorySize', 'OsName', 'VpcId']) assert.ok(k in i, k);
      }
    });
    it('is deterministic: IDs are stable across resets and emulator instances', async () => {
      const a = (await instances()).map((i) => i.InstanceId);
      emu.reset('demo');
      const b = (await instances()).map((i) => i.InstanceId);
      assert.deepEqual(a, b);
      const other = await startEmulator();
      try {
        assert.deepEqual(
          other.state
            .accountsOf('volcengine')[0]
            .volc.get('cn-beijing')!
            .instances.list()
            .map((i) => i.InstanceId),
          a,
        );
      } finally {
        await other.stop();
      }
    });
    it('has data in 3 regions and more (empty) regions in DescribeRegions', async () => {
      for (const r of ['cn-beijing', 'cn-shanghai', 'cn-guangzhou']) assert.ok((await instances(r)).length > 0, r);
      const regions = (await ok({ action: 'DescribeRegions', params: { MaxResults: 20 } })).Regions.map(
        (r: { RegionId: string }) => r.RegionId,
      );
      assert.ok(regions.length > 3);
      assert.ok(regions.includes('cn-guangzhou'));
    });
  });

  describe('paging and limits', () => {
    it('DescribeInstances visits every page once (MaxResults 3) and reports TotalCount', async () => {
      const seen: string[] = [];
      let token = '',
        pages = 0,
        total: number;
      do {
        const r = await ok({ action: 'DescribeInstances', params: { MaxResults: 3, ...(token ? { NextToken: token } : {}) } });
        assert.ok(r.Instances.length <= 3);
        seen.push(...r.Instances.map((i: VolcInstance) => i.InstanceId));
        total = r.TotalCount;
        token = r.NextToken;
        pages++;
      } while (token);
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      assert.equal(pages, Math.ceil(total / 3));
    });
    it('defaults MaxResults to 10', async () => {
      const r = await ok({ action: 'DescribeInstances' });
      assert.equal(r.Instances.length, 10);
      assert.ok(r.NextToken);
    });
    const bad: [string, Record<string, string | number>, string][] = [
      ['MaxResults 0', { MaxResults: 0 }, 'InvalidArgument'],
      ['MaxResults 101', { MaxResults: 101 }, 'InvalidArgument'],
      ['MaxResults abc', { MaxResults: 'abc' }, 'InvalidArgument'],
      ['a garbage NextToken', { NextToken: 'garbage!' }, 'InvalidArgument'],
      ['InstanceIds.101', { 'InstanceIds.101': 'i-x' }, 'InvalidArgument'],
    ];
    for (const [name, params, code] of bad) {
      it(`DescribeInstances rejects ${name} → 400 ${code}`, async () => {
        const r = await call({ action: 'DescribeInstances', params });
        assert.equal(r.status, 400);
        assert.equal(volcCode(r), code);
      });
    }
    it('InstanceIds.N filters (and TotalCount counts the matches)', async () => {
      const all = await instances();
      const r = await ok({
        action: 'DescribeInstances',
        params: { 'InstanceIds.1': all[2].InstanceId, 'InstanceIds.2': all[0].InstanceId, 'InstanceIds.3': 'i-doesnotexist' },
      });
      assert.deepEqual(r.Instances.map((i: VolcInstance) => i.InstanceId).sort(), [all[0].InstanceId, all[2].InstanceId].sort());
      assert.equal(r.TotalCount, 2);
    });
    it('other filters: Status, ScheduledInstanceId, InstanceChargeType', async () => {
      const running = await ok({ action: 'DescribeInstances', params: { Status: 'RUNNING', MaxResults: 100 } });
      assert.ok(running.Instances.every((i: VolcInstance) => i.Status === 'RUNNING'));
      const delivered = await esi('esi-delivered');
      const fromRes = await ok({ action: 'DescribeInstances', params: { ScheduledInstanceId: delivered.ScheduledInstanceId } });
      assert.equal(fromRes.Instances.length, 1);
    });
    it('DescribeRegions pages with MaxResults ≤ 20', async () => {
      const r1 = await ok({ action: 'DescribeRegions', params: { MaxResults: 2 } });
      assert.equal(r1.Regions.length, 2);
      const r2 = await ok({ action: 'DescribeRegions', params: { MaxResults: 20, NextToken: r1.NextToken } });
      assert.equal(r2.NextToken, '');
      assert.equal(
        new Set([...r1.Regions, ...r2.Regions].map((r: { RegionId: string }) => r.RegionId)).size,
        r1.Regions.length + r2.Regions.length,
      );
      const tooMany = await call({ action: 'DescribeRegions', params: { MaxResults: 21 } });
      assert.equal(tooMany.status, 400);
      assert.equal(volcCode(tooMany), 'InvalidArgument');
      const ids: Record<string, string> = {};
      for (let i = 1; i <= 21; i++) ids[`RegionIds.${i}`] = 'cn-beijing';
      const r = await call({ action: 'DescribeRegions', params: ids });
      assert.equal(volcCode(r), 'LimitExceeded.MaximumRegionIds');
    });
    it('DescribeZones lists zones, rejects unknown zone IDs', async () => {
      const z = await ok({ action: 'DescribeZones' });
      assert.deepEqual(
        z.Zones.map((x: { ZoneId: string }) => x.ZoneId),
        ['cn-beijing-a', 'cn-beijing-b', 'cn-beijing-c'],
      );
      const r = await call({ action: 'DescribeZones', params: { 'ZoneIds.1': 'cn-beijing-z' } });
      assert.equal(r.status, 404);
      assert.equal(volcCode(r), 'InvalidZone.NotFound');
    });
    it('an unknown scope region → 404 InvalidRegion.NotFound', async () => {
      const r = await call({ action: 'DescribeInstances', region: 'xx-nowhere-1' });
      assert.equal(r.status, 404);
      assert.equal(volcCode(r), 'InvalidRegion.NotFound');
    });
    it('DescribeScheduledInstances pages and filters by ScheduledInstanceIds.N; no TotalCount', async () => {
      const all = await scheduled();
      assert.ok(all.length >= 8);
      const p1 = await ok({ action: 'DescribeScheduledInstances', params: { MaxResults: 5 } });
      const p2 = await ok({ action: 'DescribeScheduledInstances', params: { MaxResults: 5, NextToken: p1.NextToken } });
      assert.equal(p1.ScheduledInstanceInfo.length + p2.ScheduledInstanceInfo.length, all.length);
      assert.equal(p2.NextToken, '');
      assert.equal('TotalCount' in p1, false);
      const f = await ok({ action: 'DescribeScheduledInstances', params: { 'ScheduledInstanceIds.1': all[1].ScheduledInstanceId } });
      assert.equal(f.ScheduledInstanceInfo.length, 1);
      const s = f.ScheduledInstanceInfo[0];
      for (const k of [
        'ElasticScheduledInstanceType',
        'DeliveryType',
        'CreatedAt',
        'StartDeliveryAt',
        'EndDeliveryAt',
        'Status',
        'ZoneId',
        'Count',
      ])
        assert.ok(k in s, k);
      assert.ok(s.InstanceConfig.InstanceTypeId);
    });
  });

  describe('DeleteInstances', () => {
    it('returns one OperationDetail per ID with per-item codes, HTTP 200', async () => {
      const names = [
        'web-postpaid-running',
        'leaving-deleting',
        'new-creating',
        'db-prepaid-active',
        'old-prepaid-expired',
        'broken-error',
        'busy-stopping',
      ];
      const ids = await Promise.all(names.map(async (n) => (await byName(n)).InstanceId));
      const params: Record<string, string> = {};
      [...ids, 'i-doesnotexist000000000'].forEach((id, i) => {
        params[`InstanceIds.${i + 1}`] = id;
      });
      const r = await ok({ action: 'DeleteInstances', params });
      const codes = r.OperationDetails.map((d: { Error?: { Code: string } }) => d.Error?.Code);
      assert.deepEqual(codes, [
        undefined,
        'InvalidInstanceStatus',
        'InvalidInstanceStatus',
        'OperationDenied.PrePaidInstanceNotExpired',
        undefined,
        undefined,
        'InvalidInstanceStatus',
        'InvalidInstance.NotFound',
      ]);
      assert.deepEqual(
        r.OperationDetails.map((d: { InstanceId: string }) => d.InstanceId),
        [...ids, 'i-doesnotexist000000000'],
      );
      assert.equal('Error' in r.OperationDetails[0], false);
      assert.equal(emu.ledger.entries({ kind: 'delete' })[0].count, 3);
    });
    it('deleted instances are DELETING, then gone once the delay passes on the emulator clock', async () => {
      const id = (await byName('spot-worker')).InstanceId;
      await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': id } });
      assert.equal((await ok({ action: 'DescribeInstances', params: { 'InstanceIds.1': id } })).Instances[0].Status, 'DELETING');
      emu.clock.advance(60_000);
      assert.equal((await ok({ action: 'DescribeInstances', params: { 'InstanceIds.1': id } })).TotalCount, 0);
      const again = await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': id } });
      assert.equal(again.OperationDetails[0].Error.Code, 'InvalidInstance.NotFound');
    });
    it('an unexpired PrePaid instance becomes deletable once it expires (clock)', async () => {
      const inst = await byName('db-prepaid-active');
      emu.clock.set(Date.parse(inst.ExpiredAt) + 1000);
      const r = await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': inst.InstanceId } });
      assert.equal(r.OperationDetails[0].Error, undefined);
    });
    const bad: [string, Record<string, string>, string][] = [
      ['no IDs', {}, 'MissingParameter.InstanceId'],
      ['101 IDs', Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`InstanceIds.${i + 1}`, `i-${i}`])), 'InvalidArgument'],
      ['duplicate IDs', { 'InstanceIds.1': 'i-a', 'InstanceIds.2': 'i-a' }, 'InvalidArgument'],
      ['a 65-char ClientToken', { 'InstanceIds.1': 'i-a', ClientToken: 'x'.repeat(65) }, 'InvalidClientToken.Malformed'],
      ['a non-ASCII ClientToken', { 'InstanceIds.1': 'i-a', ClientToken: 'tökén' }, 'InvalidClientToken.Malformed'],
    ];
    for (const [name, params, code] of bad) {
      it(`${name} → 400 ${code}`, async () => {
        const r = await call({ action: 'DeleteInstances', params });
        assert.equal(r.status, 400, r.text);
        assert.equal(volcCode(r), code);
        assert.equal(emu.ledger.entries().length, 0);
      });
    }
    it('Count must match the number of IDs → else 400 InvalidCount.Malformed', async () => {
      const id = (await byName('broken-error')).InstanceId;
      for (const c of ['0', '2', 'x']) {
        const r = await call({ action: 'DeleteInstances', params: { 'InstanceIds.1': id, Count: c } });
        assert.equal(r.status, 400);
        assert.equal(volcCode(r), 'InvalidCount.Malformed');
      }
      await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': id, Count: '1' } });
    });
    it('an instance on an unavailable dedicated host → 400 InvalidDedicatedHostStatus.Unsupported', async () => {
      const inst = await byName('on-dedicated-host');
      const other = (await byName('broken-error')).InstanceId;
      emu.setFlags({
        provider: 'volcengine',
        region: 'cn-beijing',
        dedicatedHostId: inst.Placement.DedicatedHostId,
        dedicatedHostUnavailable: true,
      });
      const r = await call({ action: 'DeleteInstances', params: { 'InstanceIds.1': other, 'InstanceIds.2': inst.InstanceId } });
      assert.equal(r.status, 400);
      assert.equal(volcCode(r), 'InvalidDedicatedHostStatus.Unsupported');
      assert.equal(emu.ledger.entries().length, 0);
      emu.setFlags({
        provider: 'volcengine',
        region: 'cn-beijing',
        dedicatedHostId: inst.Placement.DedicatedHostId,
        dedicatedHostUnavailable: false,
      });
      await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': inst.InstanceId } });
    });
    it('IdempotentProcessing on DeleteInstances under a latency fault', async () => {
      const id = (await byName('broken-error')).InstanceId;
      emu.faults.add({ action: 'DeleteInstances', kind: 'latency', latencyMs: 300, count: 1 });
      const o = { action: 'DeleteInstances', params: { 'InstanceIds.1': id, ClientToken: 'tok-del' } };
      latency.hold();
      const held = latency.next();
      const first = call(o);
      await held;
      const second = await call(o);
      assert.equal(second.status, 412);
      assert.equal(volcCode(second), 'IdempotentProcessing');
      latency.release();
      assert.equal((await first).status, 200);
      assert.equal(emu.ledger.timesActedOn(id), 1);
    });
    it('accepts exactly 100 IDs', async () => {
      const params = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`InstanceIds.${i + 1}`, `i-${i}`]));
      const r = await ok({ action: 'DeleteInstances', params });
      assert.equal(r.OperationDetails.length, 100);
    });
  });

  describe('DeleteScheduledInstance', () => {
    const del = async (name: string | undefined, extra: Record<string, string> = {}) => {
      const id =
        name === undefined ? undefined : name.startsWith('esi-') && !(await esi(name)) ? name : (await esi(name)).ScheduledInstanceId;
      return call({ action: 'DeleteScheduledInstance', params: { ...(id ? { ScheduledInstanceId: id } : {}), ...extra } });
    };
    const table: [string, string | undefined, Record<string, string>, number, string][] = [
      ['missing ID', undefined, {}, 400, 'MissingParameter.ScheduledInstanceId'],
      ['malformed ClientToken', 'esi-fresh-10min', { ClientToken: 'ä' }, 400, 'InvalidClientToken.Malformed'],
      ['unknown ID', 'esi-00000000000000000000', {}, 404, 'InvalidScheduledInstance.NotFound'],
      ['Segmented + Immediate', 'seg-immediate', {}, 400, 'InvalidDeliveryTypeForScheduledInstanceDeletion.Unsupported'],
      ['Esi older than 30 min', 'esi-old-2h', {}, 412, 'OperationDenied.LatestCancelTime'],
      ['Segmented + Reserve after StartDeliveryAt', 'seg-reserve-started', {}, 412, 'OperationDenied.LatestCancelTime'],
      ['not RESERVED (DELIVERED)', 'esi-delivered', {}, 400, 'InvalidScheduledInstanceStatus'],
      ['not RESERVED (CANCELLED)', 'esi-cancelled', {}, 400, 'InvalidScheduledInstanceStatus'],
      ['not RESERVED (CREATING)', 'esi-creating', {}, 400, 'InvalidScheduledInstanceStatus'],
    ];
    for (const [name, target, extra, status, code] of table) {
      it(`${name} → ${status} ${code}`, async () => {
        const r = await del(target, extra);
        assert.equal(r.status, status, r.text);
        assert.equal(volcCode(r), code);
        assert.equal(emu.ledger.entries().length, 0);
      });
    }
    it('cancels a fresh Esi and a future Segmented+Reserve → CANCELLED, Result {}', async () => {
      for (const n of ['esi-fresh-10min', 'seg-reserve-future']) {
        const r = await del(n);
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.json.Result, {});
        assert.equal((await esi(n)).Status, 'CANCELLED');
      }
      assert.deepEqual(
        emu.ledger.entries({ kind: 'cancel' }).map((e) => e.count),
        [1, 1],
      );
    });
    it('the 30-minute window follows the emulator clock', async () => {
      emu.clock.advance(21 * 60_000);
      const r = await del('esi-fresh-10min');
      assert.equal(r.status, 412);
      assert.equal(volcCode(r), 'OperationDenied.LatestCancelTime');
    });
    it('InternalError via a fault', async () => {
      emu.faults.add({ action: 'DeleteScheduledInstance', kind: 'internal-error', count: 1 });
      const r = await del('esi-fresh-10min');
      assert.equal(r.status, 500);
      assert.equal(volcCode(r), 'InternalError');
      assert.equal((await esi('esi-fresh-10min')).Status, 'RESERVED');
    });
  });

  describe('ClientToken idempotency', () => {
    it('same token + same parameters → first result, one side effect', async () => {
      const id = (await byName('web-postpaid-running')).InstanceId;
      const o = { action: 'DeleteInstances', params: { 'InstanceIds.1': id, ClientToken: 'tok-1' } };
      const a = await ok(o),
        b = await ok(o);
      assert.deepEqual(a, b);
      assert.equal(emu.ledger.timesActedOn(id, 'delete'), 1);
    });
    it('same token + different parameters → 400 IdempotentParameterMismatch', async () => {
      const [x, y] = [(await byName('web-postpaid-running')).InstanceId, (await byName('broken-error')).InstanceId];
      await ok({ action: 'DeleteInstances', params: { 'InstanceIds.1': x, ClientToken: 'tok-2' } });
      const r = await call({ action: 'DeleteInstances', params: { 'InstanceIds.1': y, ClientToken: 'tok-2' } });
      assert.equal(r.status, 400);
      assert.equal(volcCode(r), 'IdempotentParameterMismatch');
      const s = await call({ action: 'DeleteScheduledInstance', params: { ScheduledInstanceId: 'esi-x', ClientToken: 'tok-2' } });
      assert.equal(volcCode(s), 'IdempotentParameterMismatch');
    });
    it('same token while the first is still running → 412 IdempotentProcessing', async () => {
      const id = (await esi('esi-fresh-10min')).ScheduledInstanceId;
      emu.faults.add({ action: 'DeleteScheduledInstance', kind: 'latency', latencyMs: 400, count: 1 });
      const o = { action: 'DeleteScheduledInstance', params: { ScheduledInstanceId: id, ClientToken: 'tok-3' } };
      latency.hold();
      const held = latency.next();
      const first = call(o);
      await held;
      const second = await call(o);
      assert.equal(second.status, 412);
      assert.equal(volcCode(second), 'IdempotentProcessing');
      latency.release();
      assert.equal((await first).status, 200);
      const third = await call(o);
      assert.equal(third.status, 200);
      assert.equal(emu.ledger.timesActedOn(id, 'cancel'), 1);
    });
    it('a retry after reset-after replays the result instead of failing on CANCELLED', async () => {
      const id = (await esi('esi-fresh-10min')).ScheduledInstanceId;
      emu.faults.add({ action: 'DeleteScheduledInstance', kind: 'reset-after', count: 1 });
      const o = { action: 'DeleteScheduledInstance', params: { ScheduledInstanceId: id, ClientToken: 'tok-4' } };
      await assert.rejects(call(o));
      const r = await call(o);
      assert.equal(r.status, 200, r.text);
      assert.equal(emu.ledger.timesActedOn(id, 'cancel'), 1);
      const without = await call({ action: 'DeleteScheduledInstance', params: { ScheduledInstanceId: id } });
      assert.equal(volcCode(without), 'InvalidScheduledInstanceStatus');
    });
    it('a failed first call does not pin the token', async () => {
      const id = (await esi('esi-fresh-10min')).ScheduledInstanceId;
      emu.faults.add({ action: 'DeleteScheduledInstance', kind: 'internal-error', count: 1 });
      const o = { action: 'DeleteScheduledInstance', params: { ScheduledInstanceId: id, ClientToken: 'tok-5' } };
      assert.equal((await call(o)).status, 500);
      assert.equal((await call(o)).status, 200);
    });
  });
});

describe('emulator: accounts and real-time transitions', () => {
  const SECOND = { provider: 'volcengine' as const, accessKeyId: 'AKLTc2Vjb25k', accessKeySecret: 'second-secret' };
  let emu: Emulator;
  // Injected real time and timer: the test moves real time and runs the emulator's 100 ms timer itself.
  let real = Date.now();
  const timers: { ms: number; fn: () => void; stopped: boolean }[] = [];
  const every = (ms: number, fn: () => void) => {
    const t = { ms, fn, stopped: false };
    timers.push(t);
    return () => void (t.stopped = true);
  };
  before(async () => {
    emu = await startEmulator({ transitionDelayMs: 150, accounts: [VOLC, SECOND], realNow: () => real, every });
  });
  after(async () => {
    await emu.stop();
    assert.ok(
      timers.every((t) => t.stopped),
      'stop() stops the timer',
    );
  });

  it('state is per account: different IDs, deletes do not cross accounts', async () => {
    const a = (await volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: 100 } })).json.Result
      .Instances as VolcInstance[];
    const b = (
      await volc(emu.volcengineUrl, {
        action: 'DescribeInstances',
        params: { MaxResults: 100 },
        ak: SECOND.accessKeyId,
        sk: SECOND.accessKeySecret,
      })
    ).json.Result.Instances as VolcInstance[];
    assert.equal(a.length, b.length);
    assert.equal(a.filter((x) => b.some((y) => y.InstanceId === x.InstanceId)).length, 0);
    const id = a.find((x) => x.InstanceName === 'web-postpaid-running')!.InstanceId;
    const r = await volc(emu.volcengineUrl, {
      action: 'DeleteInstances',
      params: { 'InstanceIds.1': id },
      ak: SECOND.accessKeyId,
      sk: SECOND.accessKeySecret,
    });
    assert.equal(r.json.Result.OperationDetails[0].Error.Code, 'InvalidInstance.NotFound');
  });

  it('DELETING → gone after transitionDelayMs of real time, visible in-process too (the 100 ms timer applies it)', async () => {
    const a = (await volc(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: 100 } })).json.Result
      .Instances as VolcInstance[];
    const id = a.find((x) => x.InstanceName === 'broken-error')!.InstanceId;
    await volc(emu.volcengineUrl, { action: 'DeleteInstances', params: { 'InstanceIds.1': id } });
    const region = emu.state.volcRegion(emu.state.account(VOLC.accessKeyId)!, 'cn-beijing')!;
    assert.equal(region.instances.get(id)!.Status, 'DELETING');
    assert.deepEqual(
      timers.map((t) => t.ms),
      [100],
    );
    const tick = () => timers[0].fn();
    real += 149;
    tick();
    assert.equal(region.instances.get(id)!.Status, 'DELETING', 'not before transitionDelayMs');
    real += 1;
    tick();
    assert.equal(region.instances.get(id), undefined);
  });
});
