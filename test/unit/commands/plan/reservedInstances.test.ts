import * as assert from 'node:assert/strict';
import type { AliyunReservedInstance } from '../../../../src/core';
import { checkReservedInstanceChange, factorTable } from '../../../../src/core';
import { FAKE_TYPES } from '../../../support/fakes';
import {
  MAX_MERGE_AMOUNT,
  familySizes,
  mergeConfig,
  mergeTargets,
  powerSummary,
  problemLines,
  requestParams,
  scopeConfig,
  scopeTargets,
  sizeChoices,
  powerLeft,
  splitConfig,
} from '../../../../src/commands/plan/reservedInstances';
import { NOW, reservedInstance, enT, zhT } from '../../../support/helpers';

/** Factors as planning gets them: documented g5 values, the rest from DescribeInstanceTypes' vCPU counts. */
const T = factorTable(FAKE_TYPES);
const ri = (over: Partial<AliyunReservedInstance> = {}) => reservedInstance('ecsri-a', over).data as AliyunReservedInstance;

describe('actions: reserved-instance planner', () => {
  it('lists the family sizes that exist (DescribeInstanceTypes), documented factors marked', () => {
    const sizes = familySizes('ecs.g5.2xlarge', T);
    assert.deepEqual(sizes.slice(0, 3), [
      { type: 'ecs.g5.large', factor: 2, documented: false },
      { type: 'ecs.g5.xlarge', factor: 4, documented: true },
      { type: 'ecs.g5.2xlarge', factor: 8, documented: true },
    ]);
    assert.ok(sizes.every((s) => s.type.startsWith('ecs.g5.')));
    assert.deepEqual(familySizes('ecs.gn6i.large', T), []);
    // Without a DescribeInstanceTypes answer: the documented sizes only.
    assert.deepEqual(
      familySizes('ecs.g5.2xlarge').map((s) => s.type),
      ['ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.g5.4xlarge', 'ecs.g5.6xlarge'],
    );
    // Only sizes the family has: g6 has no 5xlarge in the answer, so none is offered.
    assert.ok(familySizes('ecs.g6.large', T).every((s) => s.type !== 'ecs.g6.5xlarge'));
  });

  it('split: choices fit the power left and the plan conserves it', () => {
    const src = ri({ Scope: 'zone', ZoneId: 'cn-hangzhou-h' }); // 2 × 8 = 16
    assert.deepEqual(
      sizeChoices(src.InstanceType, 16, Infinity, T).map((c) => [c.type, c.maxAmount]),
      [
        ['ecs.g5.large', 8],
        ['ecs.g5.xlarge', 4],
        ['ecs.g5.2xlarge', 2],
        ['ecs.g5.3xlarge', 1],
        ['ecs.g5.4xlarge', 1],
      ],
    );
    const configs = [splitConfig(src, 'ecs.g5.xlarge', 2, 'web'), splitConfig(src, 'ecs.g5.large', 4)];
    assert.equal(powerLeft([src], configs.slice(0, 1), T), 8);
    assert.equal(powerLeft([src], configs, T), 0);
    assert.deepEqual(configs[0], {
      instanceType: 'ecs.g5.xlarge',
      instanceAmount: 2,
      scope: 'Zone',
      zoneId: 'cn-hangzhou-h',
      reservedInstanceName: 'web',
    });
    const check = checkReservedInstanceChange([src], configs, NOW, T);
    assert.equal(check.kind, 'split');
    assert.ok(check.ok, problemLines(check, 'en').join('; '));
  });

  it('merge: targets are whole amounts within 100; the plan passes the rules', () => {
    const a = ri({ InstanceType: 'ecs.g5.xlarge', InstanceAmount: 4 });
    const b = { ...ri({ InstanceType: 'ecs.g5.xlarge', InstanceAmount: 4 }), ReservedInstanceId: 'ecsri-b' };
    const targets = mergeTargets([a, b], T); // 32
    assert.deepEqual(
      targets.map((t) => `${t.type}×${t.amount}`),
      ['ecs.g5.large×16', 'ecs.g5.xlarge×8', 'ecs.g5.2xlarge×4', 'ecs.g5.4xlarge×2', 'ecs.g5.8xlarge×1'],
    );
    const check = checkReservedInstanceChange([a, b], [mergeConfig([a, b], 'ecs.g5.4xlarge', 2)], NOW, T);
    assert.equal(check.kind, 'merge');
    assert.ok(check.ok, problemLines(check, 'en').join('; '));
  });

  it('merge into several: power left over all sources, amounts capped at 100, the plan passes the rules', () => {
    const a = ri({ InstanceType: 'ecs.g5.xlarge', InstanceAmount: 4, Scope: 'Zone', ZoneId: 'cn-hangzhou-i' }); // 16
    const b = { ...a, ReservedInstanceId: 'ecsri-b', InstanceType: 'ecs.g5.2xlarge', InstanceAmount: 2 }; // 16
    const c = { ...a, ReservedInstanceId: 'ecsri-c', InstanceType: 'ecs.g5.4xlarge', InstanceAmount: 1 }; // 16
    const sources = [a, b, c];
    const configs = [mergeConfig(sources, 'ecs.g5.4xlarge', 2)];
    assert.equal(powerLeft(sources, [], T), 48);
    assert.equal(powerLeft(sources, configs, T), 16);
    assert.deepEqual(
      sizeChoices(a.InstanceType, 16, MAX_MERGE_AMOUNT, T)
        .map((x) => [x.type, x.maxAmount])
        .slice(0, 3),
      [
        ['ecs.g5.large', 8],
        ['ecs.g5.xlarge', 4],
        ['ecs.g5.2xlarge', 2],
      ],
    );
    assert.deepEqual(
      sizeChoices(a.InstanceType, 416, MAX_MERGE_AMOUNT, T)
        .slice(0, 2)
        .map((x) => x.maxAmount),
      [100, 100],
    );
    configs.push(mergeConfig(sources, 'ecs.g5.2xlarge', 2, 'rest'));
    assert.equal(powerLeft(sources, configs, T), 0);
    assert.deepEqual(configs[1], {
      instanceType: 'ecs.g5.2xlarge',
      instanceAmount: 2,
      scope: 'Zone',
      zoneId: 'cn-hangzhou-i',
      reservedInstanceName: 'rest',
    });
    const check = checkReservedInstanceChange(sources, configs, NOW, T);
    assert.deepEqual([check.kind, check.powerBefore, check.powerAfter], ['merge', 48, 48]);
    assert.ok(check.ok, problemLines(check, 'en').join('; '));
    assert.deepEqual(powerSummary(sources, configs, enT, T).slice(4), [
      'After (computing power 48):',
      '  1: ecs.g5.4xlarge × 2 (Zone cn-hangzhou-i) = 32',
      '  2: ecs.g5.2xlarge × 2 (Zone cn-hangzhou-i) = 16 "rest"',
    ]);
  });

  it('merge: refuses locally and names the rule', () => {
    const a = ri();
    const b = { ...ri({ ExpiredTime: '2027-01-01T00:00Z' }), ReservedInstanceId: 'ecsri-b' };
    const check = checkReservedInstanceChange([a, b], [mergeConfig([a, b], 'ecs.g5.4xlarge', 2)], NOW);
    assert.equal(check.ok, false);
    assert.ok(problemLines(check, 'en').includes('Merged reserved instances must have the same end time'));
    assert.ok(
      problemLines(check, 'en').every((l) => !l.startsWith('[')),
      'no internal rule names',
    );
    assert.ok(problemLines(check, 'zh-cn').some((l) => l.includes('结束时间')));
  });

  it('scope: targets are Region and the other zones; the change passes the rules', () => {
    const src = ri({ Scope: 'Zone', ZoneId: 'cn-hangzhou-h' });
    const targets = scopeTargets(src, ['cn-hangzhou-h', 'cn-hangzhou-i']);
    assert.deepEqual(targets, [{ scope: 'Region' }, { scope: 'Zone', zoneId: 'cn-hangzhou-i' }]);
    const check = checkReservedInstanceChange([src], [scopeConfig(src, targets[1])], NOW);
    assert.equal(check.kind, 'scope');
    assert.ok(check.ok);
  });

  it('shows the exact request parameters and the power before/after', () => {
    const src = ri();
    const input = { reservedInstanceIds: ['ecsri-a'], configurations: [splitConfig(src, 'ecs.g5.xlarge', 4, 'web')] };
    assert.deepEqual(requestParams('cn-hangzhou', input), {
      Action: 'ModifyReservedInstances',
      RegionId: 'cn-hangzhou',
      'ReservedInstanceId.1': 'ecsri-a',
      'Configuration.1.InstanceType': 'ecs.g5.xlarge',
      'Configuration.1.InstanceAmount': '4',
      'Configuration.1.Scope': 'Region',
      'Configuration.1.ReservedInstanceName': 'web',
    });
    assert.deepEqual(powerSummary([src], input.configurations, enT), [
      'Before (computing power 16):',
      '  ecsri-a: ecs.g5.2xlarge × 2 (Region) = 16',
      'After (computing power 16):',
      '  1: ecs.g5.xlarge × 4 (Region) = 16 "web"',
    ]);
  });

  it('computing power from a vCPU count is shown as estimated — the cloud decides (both languages)', () => {
    const src = ri();
    const configs = [splitConfig(src, 'ecs.g5.large', 8)];
    const en = powerSummary([src], configs, enT, T);
    assert.deepEqual(en.slice(0, 4), [
      'Before (computing power 16):',
      '  ecsri-a: ecs.g5.2xlarge × 2 (Region) = 16',
      'After (computing power 16 (estimated — the cloud decides)):',
      '  1: ecs.g5.large × 8 (Region) = 16 (estimated — the cloud decides)',
    ]);
    assert.match(en[4], /estimated comes from the vCPU counts DescribeInstanceTypes returns/);
    const zh = powerSummary([src], configs, zhT, T);
    assert.match(zh.join('\n'), /16（估算值，以云端为准）/);
    assert.match(zh[4], /以云端为准/);
    const check = checkReservedInstanceChange([src], [splitConfig(src, 'ecs.g5.large', 4)], NOW, T);
    assert.deepEqual(check.estimated, ['ecs.g5.large']);
    assert.match(check.problems[0].message.en, /16 before, 8 after \(estimated from vCPU counts; the cloud decides\)/);
    assert.match(check.problems[0].message.zh, /以云端为准/);
  });
});
