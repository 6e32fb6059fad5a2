import assert from 'node:assert/strict';
import { factorOf as emulatorFactor } from '../../emulator/aliyun/factors';
import { computingPower, instanceFamily, normalizationFactor, NORMALIZATION_FACTORS, STANDARD_FAMILIES } from '../../../src/core/rules/computing-power';

describe('rules/computing-power', () => {
  it('uses vCPU-based factors', () => {
    const expected: Record<string, number> = { large: 2, xlarge: 4, '2xlarge': 8, '3xlarge': 12, '4xlarge': 16, '6xlarge': 24, '8xlarge': 32, '16xlarge': 64 };
    for (const fam of STANDARD_FAMILIES) {
      for (const [size, f] of Object.entries(expected)) assert.equal(normalizationFactor(`${fam}.${size}`)?.factor, f, `${fam}.${size}`);
    }
    for (const fam of ['ecs.g5', 'ecs.g6', 'ecs.g7', 'ecs.c5', 'ecs.c6', 'ecs.c7', 'ecs.r5', 'ecs.r6', 'ecs.r7']) assert.ok(STANDARD_FAMILIES.includes(fam));
  });

  it('flags documented vs inferred', () => {
    assert.equal(NORMALIZATION_FACTORS['ecs.g5.xlarge'].documented, true);
    assert.equal(NORMALIZATION_FACTORS['ecs.g5.6xlarge'].documented, true);
    assert.equal(NORMALIZATION_FACTORS['ecs.g5.large'].documented, false);
    assert.equal(NORMALIZATION_FACTORS['ecs.c7.16xlarge'].documented, false);
  });

  it('computingPower = factor × amount; undefined for unknown types', () => {
    assert.equal(computingPower('ecs.g5.4xlarge', 2), 32);
    assert.equal(computingPower('ecs.g5.xlarge', 4) as number * 2, 32); // the documented merge example
    assert.equal(computingPower('ecs.g5.5xlarge', 1), undefined);
    assert.equal(computingPower('ecs.t5.large', 1), undefined);
    assert.equal(computingPower('nonsense', 1), undefined);
  });

  it('instanceFamily', () => {
    assert.equal(instanceFamily('ecs.g5.xlarge'), 'ecs.g5');
    assert.equal(instanceFamily('ecs.gn6i-c4g1.xlarge'), 'ecs.gn6i-c4g1');
    assert.equal(instanceFamily('g5'), undefined);
  });

  it('where the emulator (its own vCPU table) knows a type, its factor agrees', () => {
    let n = 0;
    for (const [type, f] of Object.entries(NORMALIZATION_FACTORS)) {
      const e = emulatorFactor(type);
      if (e === undefined) continue;
      assert.equal(e, f.factor, type);
      n++;
    }
    assert.ok(n > 20);
  });
});
