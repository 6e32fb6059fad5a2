import assert from 'node:assert/strict';
import {
  canCancelReservation,
  canDeleteInstance,
  checkReservedInstanceChange,
  reservedInstanceBlockers,
  reservedInstanceLabel,
  fixedFamilyBlocker,
  isFixedSizeFamily,
  mergeBlockers,
} from '../../../../src/core/rules/eligibility';
import type { VolcInstance, VolcScheduledInstance } from '../../../../src/core/schemas/volcengine';
import type { AliyunReservedInstance } from '../../../../src/core/schemas/aliyun';
import type { ReservedInstanceConfiguration } from '../../../../src/core/rules/validation';
import { factorTable } from '../../../../src/core/rules/computing-power';
import { FAKE_TYPES } from '../../../support/fakes';

/** Factors as planning gets them (documented g5 values, the rest from DescribeInstanceTypes' vCPU counts). */
const T = factorTable(FAKE_TYPES);
const checkChange = (...a: Parameters<typeof checkReservedInstanceChange>) => checkReservedInstanceChange(a[0], a[1], a[2], a[3] ?? T);

const now = new Date('2024-06-01T12:00:00Z');
const MIN = 60_000;
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('rules/eligibility', () => {
  describe('canDeleteInstance', () => {
    const base: VolcInstance = { InstanceId: 'i-a', Status: 'RUNNING', InstanceChargeType: 'PostPaid', ExpiredAt: '' };
    const cases: [string, Partial<VolcInstance>, boolean, string?][] = [
      ['pay-as-you-go', {}, true],
      ['pay-as-you-go stopped', { Status: 'STOPPED' }, true],
      ['spot', { SpotStrategy: 'SpotAsPriceGo' }, true],
      ['elastic-scheduled', { ScheduledInstanceId: 'esi-a', ElasticScheduledInstanceType: 'Esi' }, true],
      ['expired subscription', { InstanceChargeType: 'PrePaid', ExpiredAt: at(-MIN) }, true],
      ['subscription expiring now', { InstanceChargeType: 'PrePaid', ExpiredAt: at(0) }, true],
      [
        'unexpired subscription',
        { InstanceChargeType: 'PrePaid', ExpiredAt: '2024-07-01T12:00:00+08:00' },
        false,
        'subscription-not-expired',
      ],
      ['subscription without expiry', { InstanceChargeType: 'PrePaid', ExpiredAt: '' }, false, 'subscription-not-expired'],
      [
        'subscription NoSpot',
        { InstanceChargeType: 'PrePaid', SpotStrategy: 'NoSpot', ExpiredAt: at(MIN) },
        false,
        'subscription-not-expired',
      ],
      ['creating', { Status: 'CREATING' }, false, 'instance-creating'],
      ['deleting', { Status: 'DELETING' }, false, 'instance-deleting'],
      ['starting', { Status: 'STARTING' }, false, 'instance-busy'],
      ['stopping', { Status: 'STOPPING' }, false, 'instance-busy'],
      ['rebooting', { Status: 'REBOOTING' }, false, 'instance-busy'],
      ['rebuilding', { Status: 'REBUILDING' }, false, 'instance-busy'],
      ['resizing', { Status: 'RESIZING' }, false, 'instance-busy'],
      ['error state', { Status: 'ERROR' }, true],
      ['a state the docs do not list (the cloud decides)', { Status: 'HIBERNATING' }, true],
      // As the service lists ordinary instances: NoEsi and an empty ScheduledInstanceId.
      [
        'unexpired subscription, NoEsi',
        { InstanceChargeType: 'PrePaid', ElasticScheduledInstanceType: 'NoEsi', ScheduledInstanceId: '', ExpiredAt: at(MIN) },
        false,
        'subscription-not-expired',
      ],
      [
        'unexpired subscription, noesi (any case)',
        { InstanceChargeType: 'PrePaid', ElasticScheduledInstanceType: 'noesi', ExpiredAt: at(MIN) },
        false,
        'subscription-not-expired',
      ],
      [
        'expired subscription, NoEsi',
        { InstanceChargeType: 'PrePaid', ElasticScheduledInstanceType: 'NoEsi', ScheduledInstanceId: '', ExpiredAt: at(-MIN) },
        true,
      ],
      [
        'elastic-scheduled by type alone (Segmented)',
        { ElasticScheduledInstanceType: 'Segmented', InstanceChargeType: 'PrePaid', ExpiredAt: at(MIN) },
        true,
      ],
    ];
    for (const [name, patch, ok, reason] of cases) {
      it(name, () => {
        const r = canDeleteInstance({ ...base, ...patch }, now);
        assert.equal(r.ok, ok);
        if (!r.ok) {
          assert.equal(r.reason, reason);
          assert.ok(r.message.en && r.message.zh);
        }
      });
    }
    it('a state the docs do not list is offered but marked not checked locally, in both languages', () => {
      const r = canDeleteInstance({ ...base, Status: 'HIBERNATING' }, now);
      assert.ok(r.ok && r.unchecked && /Not checked locally.*HIBERNATING/.test(r.unchecked.en) && /未在本地校验/.test(r.unchecked.zh));
      const known = canDeleteInstance({ ...base, Status: 'running' }, now);
      assert.ok(known.ok && !known.unchecked, 'states compare case-insensitively');
    });
    it('names the expiry date', () => {
      const r = canDeleteInstance({ ...base, InstanceChargeType: 'PrePaid', ExpiredAt: '2024-07-01T12:00:00+08:00' }, now);
      assert.ok(!r.ok && /does not expire until 2024-07-01T04:00:00Z/.test(r.message.en));
    });
  });

  describe('canCancelReservation', () => {
    const base: VolcScheduledInstance = {
      ScheduledInstanceId: 'esi-a',
      Status: 'RESERVED',
      ElasticScheduledInstanceType: 'Esi',
      CreatedAt: at(-10 * MIN),
    };
    const cases: [string, Partial<VolcScheduledInstance>, boolean, string | number | undefined][] = [
      ['Esi within 30 min', {}, true, 20 * MIN],
      ['Esi default type', { ElasticScheduledInstanceType: '' }, true, 20 * MIN],
      ['Esi at 30 min', { CreatedAt: at(-30 * MIN) }, false, 'cancel-window-passed'],
      ['Esi after 30 min', { CreatedAt: at(-31 * MIN) }, false, 'cancel-window-passed'],
      [
        'Segmented Reserve before start',
        { ElasticScheduledInstanceType: 'Segmented', DeliveryType: 'Reserve', StartDeliveryAt: at(60 * MIN) },
        true,
        60 * MIN,
      ],
      ['Segmented default delivery', { ElasticScheduledInstanceType: 'Segmented', DeliveryType: '', StartDeliveryAt: at(MIN) }, true, MIN],
      [
        'Segmented Reserve after start',
        { ElasticScheduledInstanceType: 'Segmented', DeliveryType: 'Reserve', StartDeliveryAt: at(-MIN) },
        false,
        'delivery-started',
      ],
      [
        'Segmented Immediate',
        { ElasticScheduledInstanceType: 'Segmented', DeliveryType: 'Immediate', StartDeliveryAt: at(60 * MIN) },
        false,
        'immediate-delivery',
      ],
      ['not RESERVED', { Status: 'DELIVERING' }, false, 'reservation-status'],
      ['cancelled', { Status: 'CANCELLED' }, false, 'reservation-status'],
      ['status in another case', { Status: 'Reserved' }, true, 20 * MIN],
      [
        'type and delivery in another case',
        { ElasticScheduledInstanceType: 'segmented', DeliveryType: 'immediate', StartDeliveryAt: at(60 * MIN) },
        false,
        'immediate-delivery',
      ],
      [
        'a status the product does not know: time rules still apply',
        { Status: 'PENDING_DELIVERY', CreatedAt: at(-31 * MIN) },
        false,
        'cancel-window-passed',
      ],
      ['a status the product does not know, within the window', { Status: 'PENDING_DELIVERY' }, true, 20 * MIN],
    ];
    for (const [name, patch, ok, detail] of cases) {
      it(name, () => {
        const r = canCancelReservation({ ...base, ...patch }, now);
        assert.equal(r.ok, ok);
        if (r.ok) assert.equal(r.timeLeftMs, detail);
        else {
          assert.equal(r.reason, detail);
          assert.ok(r.message.en && r.message.zh);
        }
      });
    }
    it('only an unknown status is marked not checked locally, in both languages', () => {
      const r = canCancelReservation({ ...base, Status: 'PENDING_DELIVERY' }, now);
      assert.ok(r.ok && r.unchecked && /PENDING_DELIVERY/.test(r.unchecked.en) && /弹性预约单状态 PENDING_DELIVERY/.test(r.unchecked.zh));
      const k = canCancelReservation({ ...base, Status: 'reserved' }, now);
      assert.ok(k.ok && !k.unchecked);
    });
    it('an already cancelled reservation says so, in words', () => {
      const r = canCancelReservation({ ...base, Status: 'CANCELLED' }, now);
      assert.ok(!r.ok);
      assert.deepEqual([r.message.en, r.message.zh], ['The reservation is already cancelled', '该弹性预约单已取消']);
    });
    it('Immediate message', () => {
      const r = canCancelReservation({ ...base, ElasticScheduledInstanceType: 'Segmented', DeliveryType: 'Immediate' }, now);
      assert.ok(!r.ok && r.message.en === 'Immediate delivery reservations cannot be cancelled');
    });
  });

  describe('checkReservedInstanceChange', () => {
    const ri = (id: string, p: Partial<AliyunReservedInstance> = {}): AliyunReservedInstance => ({
      ReservedInstanceId: id,
      Status: 'Active',
      InstanceType: 'ecs.g5.xlarge',
      InstanceAmount: 4,
      RegionId: 'cn-hangzhou',
      ZoneId: 'cn-hangzhou-h',
      Scope: 'Zone',
      Platform: 'Linux',
      ExpiredTime: '2025-06-01T00:00Z',
      ...p,
    });
    const c = (
      instanceType: string,
      instanceAmount: number,
      p: Partial<ReservedInstanceConfiguration> = {},
    ): ReservedInstanceConfiguration => ({
      instanceType,
      instanceAmount,
      scope: 'Zone',
      zoneId: 'cn-hangzhou-h',
      ...p,
    });
    const rules = (r: ReturnType<typeof checkReservedInstanceChange>) => r.problems.map((p) => p.rule).sort();

    it('mergeBlockers: what keeps one coupon from merging with another, agreeing with the merge check', () => {
      const a = ri('ecsri-a', { ReservedInstanceName: 'alpha' });
      const cases: [Partial<AliyunReservedInstance>, RegExp | undefined][] = [
        [{}, undefined],
        [{ InstanceType: 'ecs.g5.2xlarge', InstanceAmount: 1 }, undefined], // other size, same family
        [{ Status: 'Updating' }, /^is Updating; only Active/],
        [{ ExpiredTime: '2024-05-01T00:00Z' }, /ends 2024-05-01T00:00Z, not 2025-06-01T00:00Z/],
        [{ InstanceType: 'ecs.c5.xlarge' }, /^is of family ecs\.c5, not ecs\.g5$/],
        [{ ZoneId: 'cn-hangzhou-i' }, /^is zone cn-hangzhou-i, not zone cn-hangzhou-h$/],
        [{ Scope: 'Region', ZoneId: '' }, /^is region scope, not zone cn-hangzhou-h$/],
        [{ Platform: 'Windows' }, /^runs Windows, not Linux$/],
      ];
      for (const [patch, want] of cases) {
        const b = ri('ecsri-b', patch);
        const why = mergeBlockers(a, b, now);
        const check = checkChange([a, b], [c('ecs.g5.4xlarge', 2)], now);
        if (!want) {
          assert.deepEqual(why, [], JSON.stringify(patch));
          continue;
        }
        assert.ok(
          why.some((w) => want.test(w.en)),
          `${JSON.stringify(patch)}: ${why.map((w) => w.en).join('; ')}`,
        );
        assert.ok(
          why.every((w) => /[\u4e00-\u9fff]/.test(w.zh)),
          'Chinese text',
        );
        assert.equal(check.ok, false, `the merge check also refuses ${JSON.stringify(patch)}`);
      }
      assert.equal(reservedInstanceLabel(a), 'alpha (ecsri-a)');
      assert.equal(reservedInstanceLabel(ri('ecsri-b')), 'ecsri-b');
      assert.deepEqual(reservedInstanceBlockers(a, now), []);
    });

    it('merge happy path (documented example)', () => {
      const r = checkChange([ri('ecsri-a'), ri('ecsri-b')], [c('ecs.g5.4xlarge', 2)], now);
      assert.deepEqual([r.kind, r.ok, r.powerBefore, r.powerAfter], ['merge', true, 32, 32]);
    });
    it('split happy path', () => {
      const r = checkChange(
        [ri('ecsri-a', { InstanceType: 'ecs.g5.2xlarge', InstanceAmount: 2 })],
        [c('ecs.g5.xlarge', 2), c('ecs.g5.large', 4)],
        now,
      );
      assert.deepEqual([r.kind, r.ok, r.powerBefore, r.powerAfter], ['split', true, 16, 16]);
    });
    it('single target of another size is a split', () => {
      const r = checkChange([ri('ecsri-a', { InstanceType: 'ecs.g5.2xlarge', InstanceAmount: 1 })], [c('ecs.g5.xlarge', 2)], now);
      assert.deepEqual([r.kind, r.ok], ['split', true]);
    });
    it('scope change within the region', () => {
      const r = checkChange([ri('ecsri-a')], [c('ecs.g5.xlarge', 4, { scope: 'Region', zoneId: undefined })], now);
      assert.deepEqual([r.kind, r.ok], ['scope', true]);
      const z = checkChange([ri('ecsri-a', { Scope: 'region', ZoneId: '' })], [c('ecs.g5.xlarge', 4, { zoneId: 'cn-hangzhou-i' })], now);
      assert.deepEqual([z.kind, z.ok], ['scope', true]);
    });
    it('scope change to another region is refused', () => {
      const r = checkChange([ri('ecsri-a')], [c('ecs.g5.xlarge', 4, { zoneId: 'cn-shanghai-a' })], now);
      assert.deepEqual([r.kind, rules(r)], ['scope', ['scope-region']]);
    });
    it('non-Active or expired sources', () => {
      assert.deepEqual(rules(checkChange([ri('ecsri-a', { Status: 'Updating' }), ri('ecsri-b')], [c('ecs.g5.4xlarge', 2)], now)), [
        'status',
      ]);
      assert.deepEqual(rules(checkChange([ri('ecsri-a', { ExpiredTime: '2024-05-01T00:00Z' })], [c('ecs.g5.large', 8)], now)), ['status']);
    });
    it('family change', () => {
      const r = checkChange([ri('ecsri-a')], [c('ecs.c5.large', 8)], now);
      assert.deepEqual(rules(r), ['family']);
    });
    it('computing power not conserved (the API doc split example)', () => {
      const r = checkChange([ri('ecsri-a', { InstanceAmount: 2 })], [c('ecs.g5.large', 1), c('ecs.g5.large', 1)], now);
      assert.deepEqual([r.kind, rules(r), r.powerBefore, r.powerAfter], ['split', ['power'], 8, 4]);
    });
    it('merge constraints: zone, region, platform, end time, scope', () => {
      const t = (p: Partial<AliyunReservedInstance>) =>
        rules(checkChange([ri('ecsri-a'), ri('ecsri-b', p)], [c('ecs.g5.4xlarge', 2)], now));
      assert.deepEqual(t({ ZoneId: 'cn-hangzhou-i' }), ['merge-zone']);
      assert.deepEqual(t({ Platform: 'Windows' }), ['merge-platform']);
      assert.deepEqual(t({ ExpiredTime: '2025-07-01T00:00Z' }), ['merge-end-time']);
      assert.ok(t({ Scope: 'Region', ZoneId: '' }).includes('merge-scope'));
      const regional = (p: Partial<AliyunReservedInstance>) =>
        rules(
          checkChange(
            [ri('ecsri-a', { Scope: 'Region', ZoneId: '' }), ri('ecsri-b', { Scope: 'Region', ZoneId: '', ...p })],
            [c('ecs.g5.4xlarge', 2, { scope: 'Region', zoneId: undefined })],
            now,
          ),
        );
      assert.deepEqual(regional({}), []);
      assert.deepEqual(regional({ RegionId: 'cn-shanghai' }), ['merge-region']);
    });
    it('cannot mix split/merge with a scope change', () => {
      const split = checkChange(
        [ri('ecsri-a', { InstanceType: 'ecs.g5.2xlarge', InstanceAmount: 1 })],
        [c('ecs.g5.xlarge', 2, { scope: 'Region', zoneId: undefined })],
        now,
      );
      assert.deepEqual(rules(split), ['mixed']);
      const merge = checkChange([ri('ecsri-a'), ri('ecsri-b')], [c('ecs.g5.4xlarge', 2, { scope: 'Region', zoneId: undefined })], now);
      assert.deepEqual(rules(merge), ['mixed']);
      const many = checkChange(
        [ri('ecsri-a'), ri('ecsri-b')],
        [c('ecs.g5.2xlarge', 2), c('ecs.g5.xlarge', 4, { scope: 'Region', zoneId: undefined })],
        now,
      );
      assert.deepEqual([many.kind, rules(many)], ['merge', ['mixed']]);
    });
    it('merge into several configurations: power summed over all targets, each amount ≤ 100', () => {
      const two = checkChange([ri('ecsri-a'), ri('ecsri-b')], [c('ecs.g5.2xlarge', 2), c('ecs.g5.4xlarge', 1)], now);
      assert.deepEqual([two.kind, two.ok, two.powerBefore, two.powerAfter], ['merge', true, 32, 32]);
      const short = checkChange([ri('ecsri-a'), ri('ecsri-b')], [c('ecs.g5.2xlarge', 2), c('ecs.g5.xlarge', 3)], now);
      assert.deepEqual([rules(short), short.powerAfter], [['power'], 28]);
      const big = [ri('ecsri-a', { InstanceAmount: 100 }), ri('ecsri-b', { InstanceAmount: 5 })]; // 420
      const parts = checkChange(big, [c('ecs.g5.xlarge', 100), c('ecs.g5.xlarge', 5)], now);
      assert.deepEqual([parts.kind, parts.ok], ['merge', true]);
      const over = checkChange(big, [c('ecs.g5.xlarge', 105)], now);
      assert.deepEqual(rules(over), ['merge-amount']);
      assert.match(over.problems[0].message.en, /at most 100 .*ecs\.g5\.xlarge × 105/);
      assert.match(over.problems[0].message.zh, /最多匹配 100 个实例/);
    });
    it('mergeBlockers (one coupon against another, for the picker) and the merge check (the request) never disagree', () => {
      // Every combination of the fields the merge rules read, against one Active anchor: the picker offers a coupon
      // exactly when a merge of the two into the anchor's type passes the request check.
      const a = ri('ecsri-a');
      const zones = [
        ['Zone', 'cn-hangzhou-h'],
        ['Zone', 'cn-hangzhou-i'],
        ['Region', ''],
      ] as const;
      let n = 0;
      for (const Status of ['Active', 'Inactive', 'Updating']) {
        for (const InstanceType of ['ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.c5.xlarge']) {
          for (const [Scope, ZoneId] of zones) {
            for (const RegionId of ['cn-hangzhou', 'cn-shanghai']) {
              for (const Platform of ['Linux', 'Windows']) {
                for (const ExpiredTime of ['2025-06-01T00:00Z', '2026-01-01T00:00Z', '2024-01-01T00:00Z']) {
                  const b = ri('ecsri-b', { Status, InstanceType, Scope, ZoneId, RegionId, Platform, ExpiredTime, InstanceAmount: 2 });
                  const power = 4 * a.InstanceAmount + (InstanceType === 'ecs.g5.2xlarge' ? 8 : 4) * b.InstanceAmount;
                  const check = checkChange([a, b], [c(a.InstanceType, power / 4)], now);
                  const blockers = mergeBlockers(a, b, now);
                  assert.equal(
                    blockers.length === 0,
                    check.ok,
                    `${JSON.stringify(b)}: blockers ${blockers.map((x) => x.en).join('; ')}; check ${rules(check).join(', ')}`,
                  );
                  n++;
                }
              }
            }
          }
        }
      }
      assert.equal(n, 324);
    });

    it('no change, no sources, bad input', () => {
      assert.deepEqual(rules(checkChange([ri('ecsri-a')], [c('ecs.g5.xlarge', 4)], now)), ['no-change']);
      const empty = checkChange([], [c('ecs.g5.xlarge', 4)], now);
      assert.equal(empty.kind, 'invalid');
      assert.ok(!empty.ok);
      assert.ok(rules(checkChange([ri('ecsri-a')], [c('ecs.g5.large', 8, { reservedInstanceName: '1x' })], now)).includes('input'));
    });
    it('unknown types are allowed but flagged', () => {
      const r = checkChange([ri('ecsri-a', { InstanceType: 'ecs.g5.5xlarge', InstanceAmount: 1 })], [c('ecs.g5.xlarge', 5)], now);
      assert.deepEqual([r.ok, r.unchecked, r.powerBefore], [true, ['ecs.g5.5xlarge'], undefined]);
    });
    it('messages are bilingual', () => {
      for (const p of checkChange([ri('ecsri-a', { Status: 'Inactive' })], [c('ecs.c5.large', 1)], now).problems) {
        assert.ok(p.message.en.length > 0 && p.message.zh.length > 0);
      }
    });
  });

  describe('t5 and gn6i coupons (cannot be split or merged, zonal only)', () => {
    const ri = (id: string, p: Partial<AliyunReservedInstance> = {}): AliyunReservedInstance => ({
      ReservedInstanceId: id,
      Status: 'Active',
      InstanceType: 'ecs.t5-lc1m2.large',
      InstanceAmount: 4,
      RegionId: 'cn-hangzhou',
      ZoneId: 'cn-hangzhou-h',
      Scope: 'Zone',
      Platform: 'Linux',
      ExpiredTime: '2025-06-01T00:00Z',
      ...p,
    });
    const zone = (instanceType: string, instanceAmount: number, zoneId = 'cn-hangzhou-h'): ReservedInstanceConfiguration => ({
      instanceType,
      instanceAmount,
      scope: 'Zone',
      zoneId,
    });

    it('recognises the families', () => {
      for (const t of ['ecs.t5-lc1m2.large', 'ecs.t5-c1m1.xlarge', 'ecs.gn6i-c4g1.xlarge', 'ecs.gn6i-c24g1.24xlarge'])
        assert.ok(isFixedSizeFamily(t), t);
      for (const t of ['ecs.t6-c1m1.large', 'ecs.gn6v-c8g1.2xlarge', 'ecs.g5.xlarge', 'ecs.t50.large']) assert.ok(!isFixedSizeFamily(t), t);
    });
    for (const type of ['ecs.t5-lc1m2.large', 'ecs.gn6i-c4g1.xlarge']) {
      const fam = type.startsWith('ecs.t5') ? 't5' : 'gn6i';
      it(`${fam}: a split is refused locally, in both languages`, () => {
        const r = checkChange([ri('ecsri-a', { InstanceType: type })], [zone(type, 2), zone(type, 2)], now);
        assert.equal(r.ok, false);
        const p = r.problems.find((x) => x.rule === 'fixed-family');
        assert.ok(p, JSON.stringify(r.problems));
        assert.match(p.message.en, new RegExp(`${fam} reserved instances .* cannot be split or merged`));
        assert.match(p.message.zh, /不支持拆分或合并/);
      });
      it(`${fam}: a merge is refused, and the merge picker says why`, () => {
        const a = ri('ecsri-a', { InstanceType: type });
        const b = ri('ecsri-b', { InstanceType: type });
        const r = checkChange([a, b], [zone(type, 8)], now);
        assert.ok(r.problems.some((x) => x.rule === 'fixed-family'));
        const why = mergeBlockers(a, b, now);
        assert.ok(
          why.some((w) => /cannot be split or merged/.test(w.en) && /不支持拆分或合并/.test(w.zh)),
          JSON.stringify(why),
        );
        assert.ok(fixedFamilyBlocker(a));
      });
      it(`${fam}: it stays zonal: another zone is allowed, region scope is not`, () => {
        const ok = checkChange([ri('ecsri-a', { InstanceType: type })], [zone(type, 4, 'cn-hangzhou-i')], now);
        assert.deepEqual([ok.kind, ok.ok], ['scope', true]);
        const r = checkChange([ri('ecsri-a', { InstanceType: type })], [{ instanceType: type, instanceAmount: 4, scope: 'Region' }], now);
        assert.deepEqual(
          r.problems.map((p) => p.rule),
          ['fixed-family-zonal'],
        );
        assert.match(r.problems[0].message.zh, /可用区级/);
      });
    }
    it('a g5 coupon is never blocked by the rule, and cannot merge with a t5 one', () => {
      const g5 = ri('ecsri-g', { InstanceType: 'ecs.g5.xlarge' });
      assert.equal(fixedFamilyBlocker(g5), undefined);
      assert.ok(mergeBlockers(g5, ri('ecsri-t'), now).some((w) => /cannot be split or merged/.test(w.en)));
      assert.ok(mergeBlockers(ri('ecsri-t'), g5, now).some((w) => /cannot be merged with ecs\.t5-lc1m2\.large/.test(w.en)));
    });
  });
});
