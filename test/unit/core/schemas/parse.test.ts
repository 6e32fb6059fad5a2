import assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { parseResponse } from '../../../../src/core/schemas/parse';
import * as volc from '../../../../src/core/schemas/volcengine';
import * as ali from '../../../../src/core/schemas/aliyun';

const vctx = { provider: 'volcengine' as const, action: 'DescribeInstances', region: 'cn-beijing' };
const actx = { provider: 'aliyun' as const, action: 'DescribeReservedInstances', region: 'cn-hangzhou' };
const meta = { RequestId: 'req-123', Action: 'DescribeInstances', Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' };
const inst = (i: number) => ({ InstanceId: `i-${i}`, Status: 'RUNNING' });

function malformed(fn: () => unknown): CloudError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CloudError);
    assert.equal(e.kind, 'malformed-response');
    assert.equal(e.code, 'MalformedResponse');
    return e;
  }
  assert.fail('expected malformed-response');
}

describe('schemas/parse', () => {
  it('parses a DescribeInstances page and keeps unknown fields', () => {
    const body = {
      ResponseMetadata: meta,
      Result: {
        Instances: [{ ...inst(0), Foo: { bar: 1 }, EipAddress: { IpAddress: '1.2.3.4', Extra: true } }],
        NextToken: 'n1',
        Extra: 5,
      },
    };
    const r = parseResponse(volc.DescribeInstancesResponse, JSON.stringify(body), vctx);
    assert.equal(r.Result.Instances[0].InstanceId, 'i-0');
    assert.deepEqual((r.Result.Instances[0] as Record<string, unknown>).Foo, { bar: 1 });
    assert.equal((r.Result.Instances[0].EipAddress as Record<string, unknown>).Extra, true);
    assert.equal((r.Result as Record<string, unknown>).Extra, 5);
    assert.equal(r.Result.NextToken, 'n1');
  });

  it('reads null optional fields as absent and a missing list as empty', () => {
    const r = parseResponse(
      volc.DescribeInstancesResponse,
      { ResponseMetadata: meta, Result: { Instances: [{ ...inst(1), ExpiredAt: null }], NextToken: null } },
      vctx,
    );
    assert.equal(r.Result.Instances[0].ExpiredAt, undefined);
    assert.equal(r.Result.NextToken, undefined);
    const empty = parseResponse(volc.DescribeInstancesResponse, { ResponseMetadata: meta, Result: {} }, vctx);
    assert.deepEqual(empty.Result.Instances, []);
  });

  it('a missing required field names the path, the action and the RequestId', () => {
    const instances = [inst(0), inst(1), inst(2), { Status: 'RUNNING' }];
    const e = malformed(() =>
      parseResponse(volc.DescribeInstancesResponse, JSON.stringify({ ResponseMetadata: meta, Result: { Instances: instances } }), vctx),
    );
    assert.equal(e.field, 'Result.Instances[3].InstanceId');
    assert.equal(e.requestId, 'req-123');
    assert.match(e.message, /DescribeInstances/);
    assert.match(e.message, /Result\.Instances\[3\]\.InstanceId is missing/);
    assert.match(e.message, /req-123/);
  });

  it('a mistyped field names the types', () => {
    const e = malformed(() =>
      parseResponse(
        volc.DescribeInstancesResponse,
        { ResponseMetadata: meta, Result: { Instances: [{ InstanceId: 42, Status: 'RUNNING' }] } },
        vctx,
      ),
    );
    assert.equal(e.field, 'Result.Instances[0].InstanceId');
    assert.match(e.message, /has type number, expected string/);
  });

  it('invalid JSON and a missing Result', () => {
    const e = malformed(() => parseResponse(volc.DescribeInstancesResponse, '{"ResponseMetadata":', { ...vctx, requestId: 'hdr-1' }));
    assert.equal(e.field, '(body)');
    assert.match(e.message, /not valid JSON.*hdr-1/);
    assert.equal(malformed(() => parseResponse(volc.DescribeInstancesResponse, { ResponseMetadata: meta }, vctx)).field, 'Result');
  });

  it('Volcengine schemas of every action', () => {
    parseResponse(
      volc.DescribeRegionsResponse,
      { ResponseMetadata: meta, Result: { Regions: [{ RegionId: 'cn-beijing' }], NextToken: '' } },
      vctx,
    );
    parseResponse(volc.DescribeZonesResponse, { ResponseMetadata: meta, Result: { Zones: [{ ZoneId: 'cn-beijing-a' }] } }, vctx);
    const s = parseResponse(
      volc.DescribeScheduledInstancesResponse,
      {
        ResponseMetadata: meta,
        Result: {
          ScheduledInstanceInfo: [{ ScheduledInstanceId: 'esi-a', Status: 'RESERVED', InstanceConfig: { InstanceTypeId: 'ecs.g1.large' } }],
        },
      },
      vctx,
    );
    assert.equal(s.Result.ScheduledInstanceInfo[0].InstanceConfig?.InstanceTypeId, 'ecs.g1.large');
    const d = parseResponse(
      volc.DeleteInstancesResponse,
      {
        ResponseMetadata: meta,
        Result: {
          OperationDetails: [{ InstanceId: 'i-a' }, { InstanceId: 'i-b', Error: { Code: 'InvalidInstance.NotFound', Message: 'x' } }],
        },
      },
      vctx,
    );
    assert.equal(d.Result.OperationDetails[1].Error?.Code, 'InvalidInstance.NotFound');
    parseResponse(volc.DeleteScheduledInstanceResponse, { ResponseMetadata: meta }, vctx);
    parseResponse(volc.DeleteScheduledInstanceResponse, { ResponseMetadata: meta, Result: {} }, vctx);
    assert.equal(
      malformed(() =>
        parseResponse(
          volc.DeleteInstancesResponse,
          {
            ResponseMetadata: meta,
            Result: { OperationDetails: [{ InstanceId: 'i-a', Error: { Code: 7, Message: 'code of the wrong type' } }] },
          },
          vctx,
        ),
      ).field,
      'Result.OperationDetails[0].Error.Code',
    );
  });

  it('Alibaba schemas of every action', () => {
    const ri = {
      ReservedInstanceId: 'ecsri-a',
      Status: 'Active',
      InstanceType: 'ecs.g5.large',
      InstanceAmount: 2,
      Scope: 'region',
      Weird: [1],
    };
    const r = parseResponse(
      ali.DescribeReservedInstancesResponse,
      { RequestId: 'A-1', TotalCount: 1, PageNumber: 1, PageSize: 100, ReservedInstances: { ReservedInstance: [ri] } },
      actx,
    );
    assert.equal(r.ReservedInstances.ReservedInstance[0].InstanceAmount, 2);
    assert.deepEqual((r.ReservedInstances.ReservedInstance[0] as Record<string, unknown>).Weird, [1]);
    const e = malformed(() =>
      parseResponse(
        ali.DescribeReservedInstancesResponse,
        { RequestId: 'A-2', TotalCount: 1, ReservedInstances: { ReservedInstance: [{ ...ri, InstanceAmount: '2' }] } },
        actx,
      ),
    );
    assert.equal(e.field, 'ReservedInstances.ReservedInstance[0].InstanceAmount');
    assert.equal(e.requestId, 'A-2');
    assert.match(e.message, /DescribeReservedInstances/);
    parseResponse(
      ali.DescribeRegionsResponse,
      { RequestId: 'A', Regions: { Region: [{ RegionId: 'cn-hangzhou', LocalName: '华东1' }] } },
      actx,
    );
    parseResponse(ali.DescribeZonesResponse, { RequestId: 'A', Zones: { Zone: [{ ZoneId: 'cn-hangzhou-h' }] } }, actx);
    const m = parseResponse(
      ali.ModifyReservedInstancesResponse,
      { RequestId: 'A', ReservedInstanceIdSets: { ReservedInstanceId: ['ecsri-x', 'ecsri-y'] } },
      actx,
    );
    assert.deepEqual(m.ReservedInstanceIdSets.ReservedInstanceId, ['ecsri-x', 'ecsri-y']);
    assert.equal(malformed(() => parseResponse(ali.ModifyReservedInstancesResponse, { Code: '200' }, actx)).field, 'RequestId');
  });
});
