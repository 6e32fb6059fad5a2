import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { factorOf as emulatorFactor } from '../../../emulator/aliyun/factors';
import { INSTANCE_TYPES } from '../../../emulator/aliyun/instance-types';
import { instanceTypeItem } from '../../../emulator/aliyun/instance-types';
import {
  computingPower,
  DOCUMENTED_FACTORS,
  factorTable,
  instanceFamily,
  knownFactors,
  learnInstanceTypes,
  normalizationFactor,
  NORMALIZATION_FACTORS,
} from '../../../../src/core/rules/computing-power';

const docTypes = () =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../../test/fixtures/aliyun/DescribeInstanceTypes.doc.json'), 'utf8')).body
    .InstanceTypes.InstanceType;

describe('rules/computing-power', () => {
  it('holds only the documented factors (g5 xlarge 4, 2xlarge 8, 4xlarge 16, 6xlarge 24), as checked values', () => {
    assert.deepEqual(NORMALIZATION_FACTORS, {
      'ecs.g5.xlarge': { factor: 4, documented: true },
      'ecs.g5.2xlarge': { factor: 8, documented: true },
      'ecs.g5.4xlarge': { factor: 16, documented: true },
      'ecs.g5.6xlarge': { factor: 24, documented: true },
    });
    assert.equal(computingPower('ecs.g5.4xlarge', 2), 32);
    assert.equal((computingPower('ecs.g5.xlarge', 4) as number) * 2, 32); // the documented merge example
    // Not documented, and no DescribeInstanceTypes answer: unknown (no guessed table).
    for (const t of ['ecs.g5.large', 'ecs.g6.16xlarge', 'ecs.g5.5xlarge', 'ecs.t5-lc1m2.large', 'nonsense'])
      assert.equal(computingPower(t, 1), undefined, t);
    assert.deepEqual(
      DOCUMENTED_FACTORS.sizes('ecs.g5').map((s) => s.type),
      ['ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.g5.4xlarge', 'ecs.g5.6xlarge'],
    );
  });

  it('estimates the rest from the CpuCoreCount DescribeInstanceTypes returns (the documentation example: ecs.g6.large, 2 vCPUs)', () => {
    const table = factorTable(docTypes());
    assert.deepEqual(normalizationFactor('ecs.g6.large', table), { factor: 2, documented: false });
    assert.equal(computingPower('ecs.g6.large', 3, table), 6);
    assert.deepEqual(table.sizes('ecs.g6'), [{ type: 'ecs.g6.large', factor: 2, documented: false }]);
    // A documented factor wins over a vCPU count; bad counts are ignored.
    const t2 = factorTable([
      { InstanceTypeId: 'ecs.g5.xlarge', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: 5 },
      { InstanceTypeId: 'ecs.g5.large', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: 2 },
      { InstanceTypeId: 'ecs.g5.bad', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: -1 },
      { InstanceTypeId: 'ecs.g5.half', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: 0.5 },
    ]);
    assert.deepEqual(t2.factor('ecs.g5.xlarge'), { factor: 4, documented: true });
    assert.equal(t2.factor('ecs.g5.bad'), undefined);
    assert.equal(t2.factor('ecs.g5.half'), undefined);
    // Only sizes that exist are offered: the listed ones (with their documented factor where there is one).
    assert.deepEqual(
      t2.sizes('ecs.g5').map((s) => `${s.type}=${s.factor}${s.documented ? '' : '~'}`),
      ['ecs.g5.large=2~', 'ecs.g5.xlarge=4'],
    );
    assert.deepEqual(t2.sizes('ecs.c5'), []);
  });

  it('learned estimates (for displays without a client) are bounded and keep documented factors first', () => {
    learnInstanceTypes([{ InstanceTypeId: 'ecs.r7.learned', InstanceTypeFamily: 'ecs.r7', CpuCoreCount: 6 }]);
    assert.deepEqual(knownFactors().factor('ecs.r7.learned'), { factor: 6, documented: false });
    assert.deepEqual(knownFactors().factor('ecs.g5.2xlarge'), { factor: 8, documented: true });
    learnInstanceTypes(Array.from({ length: 6000 }, (_, i) => ({ InstanceTypeId: `ecs.x${i}.large`, CpuCoreCount: 2 })));
    assert.equal(knownFactors().factor('ecs.r7.learned'), undefined, 'the oldest entries make room');
    assert.deepEqual(knownFactors().factor('ecs.x5999.large'), { factor: 2, documented: false });
  });

  it('instanceFamily', () => {
    assert.equal(instanceFamily('ecs.g5.xlarge'), 'ecs.g5');
    assert.equal(instanceFamily('ecs.gn6i-c4g1.xlarge'), 'ecs.gn6i-c4g1');
    assert.equal(instanceFamily('g5'), undefined);
  });

  it("the product over the emulator's DescribeInstanceTypes agrees with the emulator's own factors (a different source: its vCPU table), and with every documented factor", () => {
    const table = factorTable(INSTANCE_TYPES.map(instanceTypeItem) as never);
    let n = 0;
    for (const t of INSTANCE_TYPES) {
      assert.equal(table.factor(t.id)?.factor, emulatorFactor(t.id), t.id);
      n++;
    }
    assert.ok(n > 50);
    for (const [type, f] of Object.entries(NORMALIZATION_FACTORS)) assert.equal(emulatorFactor(type), f.factor, `documented ${type}`);
  });
});
