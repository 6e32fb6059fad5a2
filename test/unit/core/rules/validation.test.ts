import assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import {
  checkClientToken,
  checkInstanceIds,
  checkModifyReservedInstancesInput,
  checkReservedInstanceName,
  checkScheduledInstanceId,
  validateClientToken,
  validateInstanceIds,
  validateInstanceIdsPerCall,
  validateModifyReservedInstancesInput,
  validateScheduledInstanceId,
  validationMessage,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../../../../src/core/rules/validation';

function thrown(fn: () => void): CloudError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CloudError, 'expected a CloudError');
    return e;
  }
  assert.fail('expected a throw');
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-abc${i}`);
const cfg = (c: Partial<ReservedInstanceConfiguration> = {}): ReservedInstanceConfiguration => ({
  instanceType: 'ecs.g6.large',
  instanceAmount: 1,
  ...c,
});
const modify = (m: Partial<ModifyReservedInstancesInput> = {}): ModifyReservedInstancesInput => ({
  reservedInstanceIds: ['ecsri-abc1'],
  configurations: [cfg()],
  ...m,
});
const fieldsOf = (m: ModifyReservedInstancesInput) => checkModifyReservedInstancesInput(m).map((p) => p.field);

describe('rules/validation', () => {
  describe('instance IDs', () => {
    it('accepts i- IDs of any count for validateInstanceIds', () => {
      assert.deepEqual(checkInstanceIds(ids(250)), []);
      validateInstanceIds(ids(250));
    });

    it('names the index and value of a bad ID', () => {
      const e = thrown(() => validateInstanceIds(['i-a', 'i-b', 'i-c', 'x-1']));
      assert.equal(e.kind, 'invalid-input');
      assert.equal(e.code, 'InvalidInput');
      assert.equal(e.field, 'InstanceIds[3]');
      assert.equal(e.message, 'InstanceIds[3]: "x-1" is not an instance ID (expected i-…)');
      const bi = validationMessage(e);
      assert.ok(bi && bi.zh.includes('InstanceIds[3]') && bi.zh.includes('实例'));
    });

    it('rejects an empty list and non-strings', () => {
      assert.equal(thrown(() => validateInstanceIds([])).field, 'InstanceIds');
      assert.equal(checkInstanceIds(['i-a', 7])[0].field, 'InstanceIds[1]');
      assert.equal(checkInstanceIds(['i-'])[0].field, 'InstanceIds[0]');
    });

    it('per call: 1–100', () => {
      validateInstanceIdsPerCall(ids(100));
      const e = thrown(() => validateInstanceIdsPerCall(ids(101)));
      assert.equal(e.field, 'InstanceIds');
      assert.match(e.message, /101 IDs given, at most 100/);
      assert.equal(thrown(() => validateInstanceIdsPerCall([])).field, 'InstanceIds');
    });
  });

  describe('ClientToken', () => {
    it('accepts printable ASCII up to 64', () => {
      validateClientToken('ecsx-' + 'a'.repeat(59));
      validateClientToken('A b~!');
    });
    for (const [name, t] of [
      ['empty', ''],
      ['65 chars', 'a'.repeat(65)],
      ['non-ASCII', 'tökén'],
      ['control char', 'a\nb'],
    ] as const) {
      it(`rejects ${name}`, () => {
        assert.equal(checkClientToken(t)[0].field, 'ClientToken');
        assert.match(thrown(() => validateClientToken(t)).message, /^ClientToken: /);
      });
    }
  });

  describe('ScheduledInstanceId', () => {
    it('accepts esi- IDs', () => assert.deepEqual(checkScheduledInstanceId('esi-3thhlu8byl4bwbha'), []));
    it('requires a value', () => assert.match(thrown(() => validateScheduledInstanceId('')).message, /ScheduledInstanceId: is required/));
    it('rejects other prefixes and a bare prefix', () => {
      assert.match(
        thrown(() => validateScheduledInstanceId('i-abc')).message,
        /ScheduledInstanceId: "i-abc" is not a reservation ID \(ScheduledInstanceId, expected esi-/,
      );
      assert.equal(checkScheduledInstanceId('esi-').length, 1);
    });
  });

  describe('ModifyReservedInstances', () => {
    it('accepts a valid split', () => {
      assert.deepEqual(
        checkModifyReservedInstancesInput(
          modify({ configurations: [cfg(), cfg({ scope: 'Zone', zoneId: 'cn-hangzhou-h', reservedInstanceName: '测试:a_b-1' })] }),
        ),
        [],
      );
      validateModifyReservedInstancesInput(modify());
    });

    it('1–20 reserved instance IDs, each prefix-ID (ecsri-… or ri-…), none twice', () => {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `ecsri-a${i}`);
      assert.deepEqual(fieldsOf(modify({ reservedInstanceIds: [] })), ['ReservedInstanceId']);
      assert.deepEqual(fieldsOf(modify({ reservedInstanceIds: ids(21) })), ['ReservedInstanceId']);
      assert.deepEqual(fieldsOf(modify({ reservedInstanceIds: ids(20) })), []);
      assert.deepEqual(fieldsOf(modify({ reservedInstanceIds: ['ecsri-bp1hd03e9uv19e75', 'ri-bpzhex2ulpzf53'] })), []);
      const e = thrown(() => validateModifyReservedInstancesInput(modify({ reservedInstanceIds: ['ecsri-a', 'ecsri b'] })));
      assert.equal(e.field, 'ReservedInstanceId[1]');
      assert.equal(e.provider, 'aliyun');
      assert.equal(e.action, 'ModifyReservedInstances');
      assert.match(e.message, /"ecsri b" is not a reserved instance ID \(expected e\.g\. ecsri-…\)/);
      for (const bad of ['ecsri-', 'ecsri', '-abc', 'ECSRI-abc', 'ecsri-a-b', '']) {
        assert.deepEqual(fieldsOf(modify({ reservedInstanceIds: [bad] })), ['ReservedInstanceId[0]'], JSON.stringify(bad));
      }
      const twice = thrown(() => validateModifyReservedInstancesInput(modify({ reservedInstanceIds: ['ecsri-a', 'ecsri-b', 'ecsri-a'] })));
      assert.equal(twice.field, 'ReservedInstanceId[2]');
      assert.match(twice.message, /"ecsri-a" is listed more than once/);
      assert.match(validationMessage(twice)!.zh, /重复出现/);
    });

    it('1–100 configurations', () => {
      assert.deepEqual(fieldsOf(modify({ configurations: [] })), ['Configuration']);
      assert.deepEqual(fieldsOf(modify({ configurations: Array.from({ length: 101 }, () => cfg()) })), ['Configuration']);
      assert.deepEqual(fieldsOf(modify({ configurations: Array.from({ length: 100 }, () => cfg()) })), []);
    });

    it('InstanceType is required', () => {
      const m = modify({ configurations: [cfg(), { instanceAmount: 1 } as ReservedInstanceConfiguration] });
      const e = thrown(() => validateModifyReservedInstancesInput(m));
      assert.equal(e.field, 'Configuration[1].InstanceType');
      assert.match(e.message, /is required/);
    });

    for (const amount of [0, -1, 1.5, undefined, '2']) {
      it(`InstanceAmount ${String(amount)} is refused`, () => {
        const e = thrown(() =>
          validateModifyReservedInstancesInput(modify({ configurations: [cfg({ instanceAmount: amount as number })] })),
        );
        assert.equal(e.field, 'Configuration[0].InstanceAmount');
      });
    }

    it('Scope is Region or Zone; Zone needs ZoneId', () => {
      assert.deepEqual(fieldsOf(modify({ configurations: [cfg({ scope: 'zone' as 'Zone' })] })), ['Configuration[0].Scope']);
      const e = thrown(() => validateModifyReservedInstancesInput(modify({ configurations: [cfg(), cfg({ scope: 'Zone' })] })));
      assert.equal(e.field, 'Configuration[1].ZoneId');
      assert.match(e.message, /required when Scope is Zone/);
      assert.deepEqual(fieldsOf(modify({ configurations: [cfg({ scope: 'Region' })] })), []);
    });

    describe('ReservedInstanceName', () => {
      const ok = ['ab', 'RI:prod_1-a', '预留券1', 'a'.repeat(128), '测'];
      const bad: [string, RegExp][] = [
        ['a', /2–128 characters/],
        ['a'.repeat(129), /2–128 characters/],
        ['1abc', /start with a letter or a Chinese character/],
        ['_abc', /start with a letter or a Chinese character/],
        ['ab c', /may contain only/],
        ['ab.c', /may contain only/],
        ['http://x', /must not start with http/],
        ['https://x', /must not start with http/],
      ];
      for (const n of ok.slice(0, 4))
        it(`accepts ${JSON.stringify(n.slice(0, 12))}`, () => assert.deepEqual(checkReservedInstanceName(n), []));
      it('a single Chinese character is too short', () => assert.match(checkReservedInstanceName(ok[4])[0].message.en, /2–128/));
      for (const [n, re] of bad) {
        it(`rejects ${JSON.stringify(n.slice(0, 12))}`, () => {
          const e = thrown(() => validateModifyReservedInstancesInput(modify({ configurations: [cfg({ reservedInstanceName: n })] })));
          assert.equal(e.field, 'Configuration[0].ReservedInstanceName');
          assert.match(e.message, re);
          assert.ok(validationMessage(e)?.zh.startsWith('Configuration[0].ReservedInstanceName'));
        });
      }
    });

    it('reports the count of further problems', () => {
      const e = thrown(() => validateModifyReservedInstancesInput({ reservedInstanceIds: [], configurations: [] }));
      assert.match(e.message, /\(\+1 more\)$/);
    });
  });
});
