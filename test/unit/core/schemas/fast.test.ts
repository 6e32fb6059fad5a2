import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { CloudError } from '../../../../src/core/errors';
import { fast, fastCheckOf, formatPath, parseResponse } from '../../../../src/core/schemas/parse';
import * as volc from '../../../../src/core/schemas/volcengine';
import * as ali from '../../../../src/core/schemas/aliyun';

/* eslint-disable @typescript-eslint/no-explicit-any */
const ctx = { provider: 'volcengine' as const, action: 'Test', region: 'r' };
const meta = { RequestId: 'req-1', Action: 'A', Version: 'V', Service: 'ecs', Region: 'r' };
const tags = [{ Key: 'k', Value: 'v' }];
const instance = {
  InstanceId: 'i-1',
  Status: 'RUNNING',
  InstanceName: 'n',
  Description: 'd',
  InstanceTypeId: 't',
  InstanceChargeType: 'c',
  SpotStrategy: 's',
  ScheduledInstanceId: 'esi-1',
  ElasticScheduledInstanceType: 'e',
  ZoneId: 'z',
  VpcId: 'v',
  ImageId: 'im',
  OsName: 'o',
  OsType: 'ot',
  Cpus: 2,
  MemorySize: 4096,
  CreatedAt: 'c',
  UpdatedAt: 'u',
  ExpiredAt: 'x',
  ProjectName: 'p',
  DeletionProtection: false,
  EipAddress: { AllocationId: 'a', IpAddress: '1.2.3.4' },
  NetworkInterfaces: [{ NetworkInterfaceId: 'eni', PrimaryIpAddress: '10.0.0.1', Type: 'p' }],
  Tags: tags,
  Extra: { a: 1 },
};
const scheduled = {
  ScheduledInstanceId: 'esi-1',
  Status: 'RESERVED',
  ScheduledInstanceName: 'n',
  ScheduledInstanceDescription: 'd',
  ElasticScheduledInstanceType: 'e',
  DeliveryType: 'd',
  ZoneId: 'z',
  Count: 1,
  DeliveryCount: 1,
  ReleaseCount: 0,
  CreatedAt: 'c',
  UpdatedAt: 'u',
  StartDeliveryAt: 's',
  EndDeliveryAt: 'e',
  InvalidAt: 'i',
  AutoReleaseAt: 'a',
  ProjectName: 'p',
  InstanceConfig: { InstanceTypeId: 't', ImageId: 'i', InstanceName: 'n', ZoneId: 'z' },
  Tags: tags,
};
const reserved = {
  ReservedInstanceId: 'ecsri-1',
  Status: 'Active',
  InstanceType: 'ecs.g6.large',
  InstanceAmount: 2,
  ReservedInstanceName: 'n',
  Description: 'd',
  RegionId: 'r',
  ZoneId: 'z',
  Scope: 'Region',
  Platform: 'Linux',
  OfferingType: 'o',
  CreationTime: 'c',
  StartTime: 's',
  ExpiredTime: 'e',
  AllocationStatus: 'a',
  ResourceGroupId: 'g',
  OperationLocks: { OperationLock: [{ LockReason: 'x' }] },
  Tags: { Tag: [{ TagKey: 'k', TagValue: 'v' }] },
};
const cases: [string, any, any][] = [
  [
    'DescribeInstances',
    volc.DescribeInstancesResponse,
    { ResponseMetadata: meta, Result: { Instances: [instance, instance], NextToken: 't', TotalCount: 2 } },
  ],
  [
    'DescribeScheduledInstances',
    volc.DescribeScheduledInstancesResponse,
    { ResponseMetadata: meta, Result: { ScheduledInstanceInfo: [scheduled], NextToken: 't' } },
  ],
  ['DescribeRegions', volc.DescribeRegionsResponse, { ResponseMetadata: meta, Result: { Regions: [{ RegionId: 'r' }], NextToken: 't' } }],
  ['DescribeZones', volc.DescribeZonesResponse, { ResponseMetadata: meta, Result: { Zones: [{ ZoneId: 'z' }] } }],
  [
    'DeleteInstances',
    volc.DeleteInstancesResponse,
    {
      ResponseMetadata: meta,
      Result: { OperationDetails: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2', Error: { Code: 'C', Message: 'm' } }] },
    },
  ],
  [
    'DescribeReservedInstances',
    ali.DescribeReservedInstancesResponse,
    {
      RequestId: 'req-2',
      TotalCount: 2,
      Total: 2,
      PageNumber: 1,
      PageSize: 100,
      ReservedInstances: { ReservedInstance: [reserved, reserved] },
    },
  ],
];

function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) {
      const p = [...at, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      paths((v as any)[k], p, out);
    }
  }
  return out;
}
const REPLACEMENTS: unknown[] = [null, undefined, 'x', '', 0, 1.5, Infinity, true, {}, [], [null], [{}], 'DELETE'];

describe('schemas/parse fast checks agree with the zod schemas', () => {
  for (const [name, schema, sample] of cases) {
    const all = paths(sample);
    it(name, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(all.length - 1), fc.nat(REPLACEMENTS.length - 1)), { maxLength: 3 }), (muts) => {
          const body = structuredClone(sample);
          for (const [pi, ri] of muts) {
            const p = all[pi];
            let o: any = body;
            for (const k of p.slice(0, -1)) o = o?.[k];
            if (!o || typeof o !== 'object') continue;
            const r = REPLACEMENTS[ri];
            if (r === 'DELETE') delete o[p[p.length - 1]];
            else o[p[p.length - 1]] = structuredClone(r);
          }
          const expected = schema.safeParse(structuredClone(body), { reportInput: true });
          assert.equal(
            fastCheckOf(schema)!(structuredClone(body)),
            expected.success,
            `fast check and schema disagree on ${JSON.stringify(body)}`,
          );
          let got: unknown;
          try {
            got = parseResponse(schema, body, ctx);
          } catch (e) {
            assert.ok(e instanceof CloudError && e.kind === 'malformed-response');
            assert.ok(!expected.success, `fast path refused a valid body: ${e.message}`);
            assert.equal(e.field, formatPath(expected.error.issues[0].path));
            return;
          }
          assert.ok(expected.success, `accepted a body zod refuses: ${JSON.stringify(body)}`);
          assert.deepStrictEqual(got, expected.data);
        }),
        { numRuns: 400 },
      );
    });
  }
});

describe('schemas/parse fast checks (compiled per schema) refuse hostile shapes', () => {
  const check = fastCheckOf(volc.DescribeInstancesResponse)!;
  const page = (items: unknown): any => ({ ResponseMetadata: meta, Result: { Instances: items, NextToken: 't' } });

  it('a wrong type in any checked field of an item, or an item that is not an object', () => {
    const bad: unknown[] = [null, 'x', 0, true, [], [1], { a: 1 }, Infinity, NaN];
    for (const key of Object.keys(instance).filter((k) => k !== 'Extra')) {
      for (const v of bad) {
        const item = { ...structuredClone(instance), [key]: v };
        const body = page([structuredClone(instance), item]);
        const expected = volc.DescribeInstancesResponse.safeParse(structuredClone(body)).success;
        assert.equal(check(body), expected, `${key} = ${JSON.stringify(v)}`);
      }
    }
    for (const item of [null, 'i-1', 1, [], [instance]]) assert.equal(check(page([instance, item])), false, JSON.stringify(item));
    for (const items of ['x', 1, {}, { 0: instance, length: 1 }]) assert.equal(check(page(items)), false, JSON.stringify(items));
  });

  it('keys a server may send to confuse a reader by name (__proto__, constructor) are plain unknown fields', () => {
    const text = JSON.stringify(page([instance])).replace('"InstanceId":"i-1"', '"__proto__":{"InstanceId":"i-9"},"InstanceId":"i-1"');
    const body = JSON.parse(text);
    assert.equal(check(body), true);
    assert.equal(body.Result.Instances[0].InstanceId, 'i-1');
    // A required field only on the object's prototype (an own "__proto__" key does not set one) is missing.
    const noId = JSON.parse(text.replace('"InstanceId":"i-1"', '"constructor":"i-1"'));
    assert.equal(check(noId), false);
    assert.throws(
      () => parseResponse(volc.DescribeInstancesResponse, noId, ctx),
      (e: unknown) => e instanceof CloudError && e.field === 'Result.Instances[0].InstanceId',
    );
  });

  it('normalizes null optional fields and null lists as the schema does, in place', () => {
    const body = page([{ ...instance, InstanceName: null, Tags: null, NetworkInterfaces: [{ Type: null }] }]);
    body.Result.NextToken = null;
    const expected = volc.DescribeInstancesResponse.parse(structuredClone(body));
    assert.equal(check(body), true);
    assert.deepStrictEqual(body, expected);
    const empty = { ResponseMetadata: meta, Result: { Instances: null } };
    assert.equal(check(empty), true);
    assert.deepStrictEqual(empty.Result.Instances, []);
  });

  it('where code generation is forbidden, the same checks run by loop', () => {
    const script = `
      const assert = require('node:assert/strict');
      const P = require(${JSON.stringify(require.resolve('../../../../src/core/schemas/parse'))});
      const V = require(${JSON.stringify(require.resolve('../../../../src/core/schemas/volcengine'))});
      const check = P.fastCheckOf(V.DescribeInstancesResponse);
      assert.notEqual(check.name, 'check'); // not the compiled one
      const instance = ${JSON.stringify(instance)};
      const page = (items) => ({ ResponseMetadata: ${JSON.stringify(meta)}, Result: { Instances: items, NextToken: 't' } });
      for (const [key, v] of [['InstanceId', 1], ['Status', null], ['Cpus', 'x'], ['Tags', {}], ['EipAddress', []], ['InstanceName', 5]]) {
        const body = page([{ ...instance, [key]: v }]);
        assert.equal(check(structuredClone(body)), V.DescribeInstancesResponse.safeParse(body).success, key);
        assert.equal(check(structuredClone(body)), false, key);
      }
      const body = page([{ ...instance, InstanceName: null, Tags: null }]);
      const expected = V.DescribeInstancesResponse.parse(structuredClone(body));
      assert.equal(check(body), true);
      assert.deepStrictEqual(body, expected);
      console.log('ok');`;
    const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trim(), 'ok');
  });

  it('a field name that is not an identifier is refused when the check is built', () => {
    assert.throws(() => fast.object({ 'a-b': fast.req(fast.str) }), /not an identifier/);
    assert.throws(() => fast.object({ 'a;b': fast.req(fast.str) }), /not an identifier/);
    assert.equal(fast.object({ $a_1: fast.req(fast.str) })({ $a_1: 'x' }), true);
  });
});
