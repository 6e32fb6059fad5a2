import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../../emulator/index';
import type { AliReservedInstance } from '../../../emulator/model';
import { aliV1, type AliOpts } from '../../../support/emulator-requests';
import { checkReservedInstanceName } from '../../../../src/core/rules/validation';

describe('emulator: Alibaba reserved-instance actions', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ transitionDelayMs: 60_000 });
  });
  after(() => emu.stop());
  beforeEach(() => emu.reset('demo'));

  const call = (o: AliOpts) => aliV1(emu.aliyunUrl, o);
  const ok = async (o: AliOpts) => {
    const r = await call(o);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
  const all = async (region = 'cn-hangzhou'): Promise<AliReservedInstance[]> =>
    (await ok({ action: 'DescribeReservedInstances', params: { RegionId: region, PageSize: 100 } })).ReservedInstances.ReservedInstance;
  const ri = async (name: string) => (await all()).find((r) => r.ReservedInstanceName === name)!;

  describe('DescribeReservedInstances', () => {
    it('demo seed: every status, both scopes, a t5, and the documented fields', async () => {
      const list = await all();
      assert.deepEqual([...new Set(list.map((r) => r.Status))].sort(), ['Active', 'Creating', 'Expired', 'Inactive', 'Updating']);
      assert.ok(list.some((r) => r.Scope === 'Zone' && r.ZoneId) && list.some((r) => r.Scope === 'Region'));
      assert.ok(list.some((r) => r.InstanceType.startsWith('ecs.t5')));
      for (const r of list) {
        assert.match(r.ReservedInstanceId, /^ecsri-[0-9a-z]{20}$/);
        assert.match(r.ExpiredTime, /^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/);
        for (const k of [
          'RegionId',
          'ZoneId',
          'InstanceType',
          'InstanceAmount',
          'Scope',
          'OfferingType',
          'Platform',
          'Status',
          'CreationTime',
          'StartTime',
          'ExpiredTime',
        ])
          assert.ok(k in r, k);
      }
    });
    it('pages with PageNumber/PageSize (default 10), TotalCount; every item once', async () => {
      const first = await ok({ action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou' } });
      assert.equal(first.PageSize, 10);
      assert.equal(first.PageNumber, 1);
      const total = first.TotalCount;
      const ids: string[] = [];
      for (let p = 1; p <= Math.ceil(total / 5); p++) {
        const r = await ok({ action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou', PageSize: 5, PageNumber: p } });
        ids.push(...r.ReservedInstances.ReservedInstance.map((x: AliReservedInstance) => x.ReservedInstanceId));
      }
      assert.equal(ids.length, total);
      assert.equal(new Set(ids).size, total);
      const beyond = await ok({ action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou', PageNumber: 99 } });
      assert.deepEqual(beyond.ReservedInstances.ReservedInstance, []);
    });
    it('filters by ReservedInstanceId.N and Status.N', async () => {
      const list = await all();
      const r = await ok({
        action: 'DescribeReservedInstances',
        params: {
          RegionId: 'cn-hangzhou',
          'ReservedInstanceId.1': list[0].ReservedInstanceId,
          'ReservedInstanceId.2': list[3].ReservedInstanceId,
        },
      });
      assert.equal(r.TotalCount, 2);
      const s = await ok({
        action: 'DescribeReservedInstances',
        params: { RegionId: 'cn-hangzhou', 'Status.1': 'Updating', 'Status.2': 'Inactive', PageSize: 100 },
      });
      assert.deepEqual(s.ReservedInstances.ReservedInstance.map((x: AliReservedInstance) => x.Status).sort(), ['Inactive', 'Updating']);
    });
    it('an Active coupon reads Expired once the clock passes ExpiredTime', async () => {
      const a = await ri('g5-xlarge-region');
      emu.clock.set(Date.parse(a.ExpiredTime) + 60_000);
      assert.equal((await ri('g5-xlarge-region')).Status, 'Expired');
    });
    const bad: [string, Record<string, string | number>, number, string][] = [
      ['no RegionId', {}, 400, 'MissingParamter.RegionId'],
      ['unknown region', { RegionId: 'xx-nowhere' }, 404, 'InvalidRegionId.NotFound'],
      ['PageSize 0', { RegionId: 'cn-hangzhou', PageSize: 0 }, 400, 'InvalidParameter'],
      ['PageSize 101', { RegionId: 'cn-hangzhou', PageSize: 101 }, 400, 'InvalidParameter'],
      ['PageNumber 0', { RegionId: 'cn-hangzhou', PageNumber: 0 }, 400, 'InvalidParameter'],
      ['ReservedInstanceId.101', { RegionId: 'cn-hangzhou', 'ReservedInstanceId.101': 'ecsri-x' }, 400, 'InvalidParameter'],
      ['unknown ZoneId', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-z' }, 400, 'InvalidZone.NotFound'],
    ];
    for (const [name, params, status, code] of bad) {
      it(`${name} → ${status} ${code}`, async () => {
        const r = await call({ action: 'DescribeReservedInstances', params });
        assert.equal(r.status, status, r.text);
        assert.equal(r.json.Code, code);
      });
    }
    it('DescribeZones and DescribeRegions (AcceptLanguage, ResourceType)', async () => {
      const z = await ok({ action: 'DescribeZones', params: { RegionId: 'cn-hangzhou' } });
      assert.ok(z.Zones.Zone.some((x: { ZoneId: string }) => x.ZoneId === 'cn-hangzhou-h'));
      const bad = await call({ action: 'DescribeRegions', params: { ResourceType: 'nope' } });
      assert.equal(bad.status, 404);
      assert.equal(bad.json.Code, 'InvalidResourceType.NotFound');
    });
  });

  describe('ModifyReservedInstances', () => {
    type Cfg = { InstanceType?: string; InstanceAmount?: number | string; Scope?: string; ZoneId?: string; ReservedInstanceName?: string };
    const modify = async (names: string[], cfgs: Cfg[], region = 'cn-hangzhou') => {
      const list = await all(region);
      const params: Record<string, string | number> = { RegionId: region };
      names.forEach((n, i) => {
        params[`ReservedInstanceId.${i + 1}`] = list.find((r) => r.ReservedInstanceName === n)?.ReservedInstanceId ?? n;
      });
      cfgs.forEach((c, i) => {
        for (const [k, v] of Object.entries(c)) if (v !== undefined) params[`Configuration.${i + 1}.${k}`] = v;
      });
      return call({ action: 'ModifyReservedInstances', params });
    };
    const g5 = (size: string, n: number, scope = 'Region', zone?: string): Cfg => ({
      InstanceType: `ecs.g5.${size}`,
      InstanceAmount: n,
      Scope: scope,
      ZoneId: zone,
    });

    const refusals: [string, () => Promise<void> | void, string[], Cfg[], number, string][] = [
      ['non-Active source (Updating)', () => {}, ['updating'], [g5('xlarge', 1)], 403, 'IncorrectInstanceStatus'],
      ['non-Active source (Expired)', () => {}, ['expired'], [g5('large', 1)], 403, 'IncorrectInstanceStatus'],
      ['unknown ID', () => {}, ['ecsri-doesnotexist'], [g5('large', 1)], 404, 'InvalidReservedInstanceId.NotFound'],
      [
        'family change',
        () => {},
        ['g5-xlarge-region'],
        [{ InstanceType: 'ecs.c5.xlarge', InstanceAmount: 2, Scope: 'Region' }],
        403,
        'InvalidParameter.NotMatch',
      ],
      ['computing power not conserved', () => {}, ['g5-xlarge-region'], [g5('large', 2)], 403, 'InvalidParameter.NotMatch'],
      [
        'unknown instance type (doc split example g5.5xlarge)',
        () => {},
        ['merge-a', 'merge-b'],
        [g5('5xlarge', 1, 'Zone', 'cn-hangzhou-i')],
        400,
        'InvalidInstanceType.ValueUnauthorized',
      ],
      [
        'a t5 split (t5 cannot be split or merged; power conserved)',
        () => {},
        ['t5-burstable'],
        [{ InstanceType: 'ecs.t5-lc1m2.small', InstanceAmount: 2, Scope: 'Zone', ZoneId: 'cn-hangzhou-h' }],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'a t5 moved to region scope (zonal only)',
        () => {},
        ['t5-burstable'],
        [{ InstanceType: 'ecs.t5-lc1m2.large', InstanceAmount: 1, Scope: 'Region' }],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'merge across platforms',
        () => {},
        ['merge-a', 'windows-xlarge'],
        [g5('4xlarge', 2, 'Zone', 'cn-hangzhou-i')],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'merge across end times',
        () => {},
        ['merge-a', 'other-end-time'],
        [g5('4xlarge', 2, 'Zone', 'cn-hangzhou-i')],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'merge across zones/scopes',
        () => {},
        ['merge-a', 'g5-2xlarge-zone'],
        [g5('8xlarge', 2, 'Zone', 'cn-hangzhou-i')],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'merge into two configurations, one in another zone',
        () => {},
        ['merge-a', 'merge-b'],
        [g5('2xlarge', 2, 'Zone', 'cn-hangzhou-i'), g5('2xlarge', 2, 'Zone', 'cn-hangzhou-h')],
        403,
        'InvalidParameter.NotMatch',
      ],
      ['merge plus scope change', () => {}, ['merge-a', 'merge-b'], [g5('4xlarge', 2, 'Region')], 403, 'InvalidParameter.NotMatch'],
      [
        'split that changes the zone',
        () => {},
        ['g5-2xlarge-zone'],
        [g5('xlarge', 4, 'Zone', 'cn-hangzhou-i'), g5('xlarge', 4, 'Zone', 'cn-hangzhou-i')],
        403,
        'InvalidParameter.NotMatch',
      ],
      [
        'scope change to the same place',
        () => {},
        ['g5-2xlarge-zone'],
        [g5('2xlarge', 4, 'Zone', 'cn-hangzhou-h')],
        403,
        'InvalidParameter.NotMatch',
      ],
      ['Zone scope without ZoneId', () => {}, ['g5-xlarge-region'], [g5('xlarge', 2, 'Zone')], 400, 'MissingParameter.ZoneId'],
      [
        'missing InstanceType',
        () => {},
        ['g5-xlarge-region'],
        [{ InstanceAmount: 2, Scope: 'Region' }],
        400,
        'MissingParameter.InstanceType',
      ],
      [
        'missing InstanceAmount',
        () => {},
        ['g5-xlarge-region'],
        [{ InstanceType: 'ecs.g5.large', Scope: 'Region' }],
        400,
        'MissingParameter.InstanceAmount',
      ],
      ['InstanceAmount 0', () => {}, ['g5-xlarge-region'], [g5('large', 0)], 400, 'InvalidParameter'],
      [
        'bad name (starts with a digit)',
        () => {},
        ['g5-xlarge-region'],
        [{ ...g5('large', 4), ReservedInstanceName: '1abc' }],
        403,
        'InvalidParameter.ReservedInstanceName',
      ],
      [
        'bad name (http://)',
        () => {},
        ['g5-xlarge-region'],
        [{ ...g5('large', 4), ReservedInstanceName: 'http://x' }],
        403,
        'InvalidParameter.ReservedInstanceName',
      ],
      [
        'bad name (1 char)',
        () => {},
        ['g5-xlarge-region'],
        [{ ...g5('large', 4), ReservedInstanceName: 'a' }],
        403,
        'InvalidParameter.ReservedInstanceName',
      ],
      [
        'bad name (a CJK symbol, not a Chinese character, first)',
        () => {},
        ['g5-xlarge-region'],
        [{ ...g5('large', 4), ReservedInstanceName: '〆ab' }],
        403,
        'InvalidParameter.ReservedInstanceName',
      ],
      ['zone out of stock', () => {}, ['g5-xlarge-region'], [g5('xlarge', 2, 'Zone', 'cn-hangzhou-k')], 403, 'OperationDenied.NoStock'],
      [
        'zone not open',
        () => emu.setFlags({ region: 'cn-hangzhou', zoneId: 'cn-hangzhou-j', notOpen: true }),
        ['g5-xlarge-region'],
        [g5('xlarge', 2, 'Zone', 'cn-hangzhou-j')],
        403,
        'Zone.NotOpen',
      ],
      [
        'zone not on sale',
        () => emu.setFlags({ region: 'cn-hangzhou', zoneId: 'cn-hangzhou-j', notOnSale: true }),
        ['g5-xlarge-region'],
        [g5('xlarge', 2, 'Zone', 'cn-hangzhou-j')],
        403,
        'Zone.NotOnSale',
      ],
      [
        'region unauthorized',
        () => emu.setFlags({ region: 'cn-hangzhou', unauthorized: true }),
        ['g5-xlarge-region'],
        [g5('large', 4)],
        400,
        'RegionUnauthorized',
      ],
      [
        'sales suspended in the region',
        () => emu.setFlags({ region: 'cn-hangzhou', salesSuspended: true }),
        ['g5-xlarge-region'],
        [g5('large', 4)],
        403,
        'OperationDenied',
      ],
      ['account in arrears', () => emu.setFlags({ arrearage: true }), ['g5-xlarge-region'], [g5('large', 4)], 403, 'Account.Arrearage'],
      ['21 IDs', () => {}, Array.from({ length: 21 }, (_, i) => `ecsri-${i}`), [g5('large', 4)], 400, 'InvalidParameter'],
      ['101 configurations', () => {}, ['g5-xlarge-region'], Array.from({ length: 101 }, () => g5('large', 1)), 400, 'InvalidParameter'],
      ['no configuration', () => {}, ['g5-xlarge-region'], [], 400, 'MissingParameter.Configuration'],
    ];
    for (const [name, setup, names, cfgs, status, code] of refusals) {
      it(`refuses ${name} → ${status} ${code}, nothing changes`, async () => {
        await setup();
        const before = JSON.stringify(await all());
        const r = await modify(names, cfgs);
        assert.equal(r.status, status, r.text);
        assert.equal(r.json.Code, code);
        assert.equal(JSON.stringify(await all()), before);
        assert.equal(emu.ledger.entries().length, 0);
      });
    }
    it('refuses a missing RegionId (MissingParamter.RegionId)', async () => {
      const r = await call({ action: 'ModifyReservedInstances', params: { 'ReservedInstanceId.1': 'ecsri-x' } });
      assert.equal(r.status, 400);
      assert.equal(r.json.Code, 'MissingParamter.RegionId');
    });

    it('reads ReservedInstanceName as the client does (the same names pass and fail)', async () => {
      const names = [
        'ab',
        '测试',
        '㐀测',
        '鿆试',
        '〇a',
        'a𠀀',
        'a:b_c-d',
        'Zz9',
        'a'.repeat(128),
        '测'.repeat(128), // valid
        'a',
        '1ab',
        '〆ab',
        'a，b',
        'a b',
        'a.b',
        'http://ab',
        'HTTPS://ab',
        '_ab',
        'a'.repeat(129),
        '测'.repeat(129),
        'ab😀',
      ]; // invalid
      for (const name of names) {
        // Twice the computing power: a name the emulator accepts gets InvalidParameter.NotMatch (checked after the name).
        const r = await modify(['g5-xlarge-region'], [{ ...g5('xlarge', 4), ReservedInstanceName: name }]);
        const clientOk = checkReservedInstanceName(name).length === 0;
        assert.equal(
          r.json.Code,
          clientOk ? 'InvalidParameter.NotMatch' : 'InvalidParameter.ReservedInstanceName',
          `${JSON.stringify(name)}: client says ${clientOk ? 'valid' : 'invalid'}`,
        );
      }
    });
    const accepted: [string, string[], Cfg[], string][] = [
      ['split g5.xlarge×2 → 4×g5.large', ['g5-xlarge-region'], [g5('large', 2), g5('large', 2)], 'split'],
      ['resize g5.xlarge×2 → g5.2xlarge×1', ['g5-xlarge-region'], [g5('2xlarge', 1)], 'split'],
      ['merge 2× g5.xlarge×4 → g5.4xlarge×2', ['merge-a', 'merge-b'], [g5('4xlarge', 2, 'Zone', 'cn-hangzhou-i')], 'merge'],
      [
        'merge 2× g5.xlarge×4 → g5.4xlarge×1 + g5.2xlarge×2',
        ['merge-a', 'merge-b'],
        [g5('4xlarge', 1, 'Zone', 'cn-hangzhou-i'), g5('2xlarge', 2, 'Zone', 'cn-hangzhou-i')],
        'merge',
      ],
      ['scope Zone → Region', ['g5-2xlarge-zone'], [g5('2xlarge', 4, 'Region')], 'modify'],
      ['scope Region → Zone', ['g5-xlarge-region'], [g5('xlarge', 2, 'Zone', 'cn-hangzhou-h')], 'modify'],
      ['zone → other zone', ['g5-2xlarge-zone'], [g5('2xlarge', 4, 'Zone', 'cn-hangzhou-i')], 'modify'],
      [
        'a t5 to another zone (it stays zonal)',
        ['t5-burstable'],
        [{ InstanceType: 'ecs.t5-lc1m2.large', InstanceAmount: 1, Scope: 'Zone', ZoneId: 'cn-hangzhou-i' }],
        'modify',
      ],
    ];
    for (const [name, names, cfgs, kind] of accepted) {
      it(`accepts ${name}; Updating→Inactive and Creating→Active after the delay`, async () => {
        const r = await modify(names, cfgs);
        assert.equal(r.status, 200, r.text);
        const newIds: string[] = r.json.ReservedInstanceIdSets.ReservedInstanceId;
        assert.equal(newIds.length, cfgs.length);
        newIds.forEach((id) => assert.match(id, /^ecsri-/));
        let list = await all();
        for (const n of names) assert.equal(list.find((x) => x.ReservedInstanceName === n)!.Status, 'Updating');
        for (const id of newIds) assert.equal(list.find((x) => x.ReservedInstanceId === id)!.Status, 'Creating');
        const e = emu.ledger.entries()[0];
        assert.equal(e.kind, kind);
        assert.deepEqual(e.newResourceIds, newIds);
        assert.equal(e.count, names.length);
        emu.clock.advance(60_000);
        list = await all();
        for (const n of names) assert.equal(list.find((x) => x.ReservedInstanceName === n)!.Status, 'Inactive');
        for (const id of newIds) assert.equal(list.find((x) => x.ReservedInstanceId === id)!.Status, 'Active');
        const again = await modify(names, cfgs);
        assert.equal(again.json.Code, 'IncorrectInstanceStatus');
      });
    }
    it('merge: each new coupon at most 100 instances; more power than one coupon can hold goes into several', async () => {
      const big = (await ri('merge-a')).ReservedInstanceId;
      emu.state.aliRegion(emu.state.accountsOf('aliyun')[0], 'cn-hangzhou')!.reserved.get(big)!.InstanceAmount = 100; // 400 + 16
      const over = await modify(['merge-a', 'merge-b'], [g5('xlarge', 104, 'Zone', 'cn-hangzhou-i')]);
      assert.equal(over.status, 403, over.text);
      assert.equal(over.json.Code, 'InvalidParameter.NotMatch');
      assert.match(over.json.Message, /cannot exceed 100/);
      assert.equal(emu.ledger.entries().length, 0);
      const r = await modify(
        ['merge-a', 'merge-b'],
        [g5('xlarge', 100, 'Zone', 'cn-hangzhou-i'), g5('2xlarge', 2, 'Zone', 'cn-hangzhou-i')],
      );
      assert.equal(r.status, 200, r.text);
      const ids: string[] = r.json.ReservedInstanceIdSets.ReservedInstanceId;
      const list = await all();
      assert.deepEqual(
        ids.map((id) => {
          const n = list.find((x) => x.ReservedInstanceId === id)!;
          return `${n.InstanceType}×${n.InstanceAmount}`;
        }),
        ['ecs.g5.xlarge×100', 'ecs.g5.2xlarge×2'],
      );
      assert.deepEqual(
        emu.ledger.entries().map((e) => [e.kind, e.newResourceIds]),
        [['merge', ids]],
      );
    });
    it('new coupons keep platform, end time and zone; names are applied', async () => {
      const src = await ri('merge-a');
      const r = await modify(
        ['merge-a', 'merge-b'],
        [{ ...g5('4xlarge', 2, 'Zone', 'cn-hangzhou-i'), ReservedInstanceName: '合并:new_1' }],
      );
      const id = r.json.ReservedInstanceIdSets.ReservedInstanceId[0];
      const n = (await all()).find((x) => x.ReservedInstanceId === id)!;
      assert.equal(n.ReservedInstanceName, '合并:new_1');
      assert.equal(n.ExpiredTime, src.ExpiredTime);
      assert.equal(n.Platform, src.Platform);
      assert.equal(n.ZoneId, 'cn-hangzhou-i');
    });
  });

  describe('DescribeInstanceTypes', () => {
    type T = { InstanceTypeId: string; InstanceTypeFamily: string; CpuCoreCount: number; MemorySize: number; GPUAmount: number };
    it('filters by InstanceTypeFamily; CpuCoreCount and memory per type; the documented example row', async () => {
      const g6 = (await ok({ action: 'DescribeInstanceTypes', params: { InstanceTypeFamily: 'ecs.g6' } })).InstanceTypes
        .InstanceType as T[];
      assert.ok(g6.length > 3 && g6.every((t) => t.InstanceTypeFamily === 'ecs.g6'));
      const large = g6.find((t) => t.InstanceTypeId === 'ecs.g6.large')!;
      assert.deepEqual([large.CpuCoreCount, large.MemorySize, large.GPUAmount], [2, 8, 0]);
      const gn = (await ok({ action: 'DescribeInstanceTypes', params: { 'InstanceTypes.1': 'ecs.gn6i-c4g1.xlarge' } })).InstanceTypes
        .InstanceType as T[];
      assert.deepEqual(
        gn.map((t) => [t.InstanceTypeId, t.CpuCoreCount, t.GPUAmount]),
        [['ecs.gn6i-c4g1.xlarge', 4, 1]],
      );
    });
    it('pages with MaxResults and NextToken, every type once; bad values refused', async () => {
      const ids: string[] = [];
      let token: string | undefined;
      for (let i = 0; i < 100; i++) {
        const r = await ok({ action: 'DescribeInstanceTypes', params: { MaxResults: 7, ...(token ? { NextToken: token } : {}) } });
        ids.push(...(r.InstanceTypes.InstanceType as T[]).map((t) => t.InstanceTypeId));
        token = r.NextToken;
        if (!token) break;
      }
      const all = (await ok({ action: 'DescribeInstanceTypes', params: {} })).InstanceTypes.InstanceType as T[];
      assert.deepEqual(
        ids,
        all.map((t) => t.InstanceTypeId),
      );
      for (const params of [{ MaxResults: 0 }, { MaxResults: 1601 }, { NextToken: 'nope' }] as Record<string, string | number>[]) {
        const r = await call({ action: 'DescribeInstanceTypes', params });
        assert.equal(r.status, 400, JSON.stringify(params));
        assert.equal(r.json.Code, 'InvalidParameter');
      }
    });
  });
});
