/**
 * Bad input, property-based (fast-check, 10,000 cases per property): the input validators, the response
 * parse path (envelope + schema, exactly as the clients compose them) and the settings validation.
 * Every case ends in a value that is correct, or a clear typed error: never a crash, hang or silent default.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CloudError } from '../../../../src/core/errors';
import {
  validateClientToken,
  validateInstanceIds,
  validateInstanceIdsPerCall,
  validateModifyReservedInstancesInput,
  validateScheduledInstanceId,
  validationMessage,
} from '../../../../src/core/rules/validation';
import { aliyunBody, volcengineBody } from '../../../../src/core/http/envelopes';
import type { RawResponse } from '../../../../src/core/http/transport';
import { parseResponse } from '../../../../src/core/schemas/parse';
import * as volc from '../../../../src/core/schemas/volcengine';
import * as ali from '../../../../src/core/schemas/aliyun';
import {
  decideEndpoint,
  GENERAL_LIMITS,
  isRegionId,
  validateEndpointUrl,
  validateGeneral,
  validateInt,
  validateRegions,
} from '../../../../src/settings/validate';

const RUNS = 10_000;
const params = { numRuns: RUNS };

/** The error must be a CloudError of this kind, with a non-empty message that names something. */
function assertInvalidInput(e: unknown): void {
  if (!(e instanceof CloudError)) throw new Error(`expected CloudError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  assert.equal(e.kind, 'invalid-input', e.message);
  assert.equal(e.code, 'InvalidInput');
  assert.ok(typeof e.field === 'string' && e.field.length > 0, `field must name the input: ${JSON.stringify(e.field)} (${e.message})`);
  assert.ok(e.message.length > 0 && !e.message.startsWith(':'), `message: ${e.message}`);
  const bi = validationMessage(e);
  assert.ok(bi && bi.en && bi.zh, 'bilingual message');
}

/** JSON for messages; never throws (bigint, cycles, odd objects). */
function show(v: unknown, max = 200): string {
  try {
    return (JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v)).slice(0, max);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function outcome(fn: () => void): { ok: true } | { ok: false; e: unknown } {
  try {
    fn();
    return { ok: true };
  } catch (e) {
    return { ok: false, e };
  }
}

// ---- generators ----

const alnum = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  minLength: 1,
  maxLength: 24,
});
const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\n',
    '\u0000',
    '\u202e',
    '\ud800',
    '雲',
    'é',
    '%00',
    '../',
    '&',
    '=',
    '*',
    'i-',
    'esi-',
    'ecsri-',
    'I-abc',
    'i_abc',
    'i-abc\n',
    ' i-abc',
    'i-ab c',
    'i-abc-def',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
);
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object({ maxDepth: 1 }),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.bigInt(),
);
const withPrefix = (p: string) =>
  fc.oneof(
    { weight: 6, arbitrary: alnum.map((s) => p + s) },
    { weight: 2, arbitrary: fc.tuple(alnum, nasty).map(([a, n]) => p + a + n) },
    { weight: 1, arbitrary: nasty },
    { weight: 1, arbitrary: nonString },
  );

const INSTANCE_ID = /^i-[A-Za-z0-9]+$/;
const ESI_ID = /^esi-[A-Za-z0-9]+$/;
const RI_ID = /^ecsri-[A-Za-z0-9]+$/;

describe('proof: bad input (property tests)', function () {
  this.timeout(120_000);

  describe('input validators', () => {
    it('instance ID lists: valid lists pass, every other list is refused naming the field', () => {
      const ids = fc.oneof(
        { weight: 8, arbitrary: fc.array(withPrefix('i-'), { maxLength: 130 }) },
        {
          weight: 1,
          arbitrary: fc.array(
            alnum.map((s) => 'i-' + s),
            { minLength: 95, maxLength: 105 },
          ),
        },
        { weight: 1, arbitrary: nonString },
      );
      fc.assert(
        fc.property(ids, fc.boolean(), (list, perCall) => {
          const valid =
            Array.isArray(list) &&
            list.length >= 1 &&
            list.every((x) => typeof x === 'string' && INSTANCE_ID.test(x)) &&
            (!perCall || list.length <= 100);
          const r = outcome(() => (perCall ? validateInstanceIdsPerCall : validateInstanceIds)(list as unknown[]));
          if (valid) assert.ok(r.ok, `refused a valid list: ${r.ok ? '' : String(r.e)}`);
          else {
            assert.ok(!r.ok, `accepted an invalid list ${show(list)}`);
            assertInvalidInput(r.e);
          }
        }),
        params,
      );
    });

    it('ClientToken: 1–64 printable ASCII passes, anything else is refused', () => {
      const tok = fc.oneof(
        fc.string({ maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 70 }),
        fc.string({ minLength: 60, maxLength: 70 }),
        nonString,
      );
      fc.assert(
        fc.property(tok, (t) => {
          const valid = typeof t === 'string' && t.length >= 1 && t.length <= 64 && /^[\x20-\x7e]+$/.test(t);
          const r = outcome(() => validateClientToken(t));
          if (valid) assert.ok(r.ok);
          else {
            assert.ok(!r.ok, `accepted ${show(t)}`);
            assertInvalidInput(r.e);
          }
        }),
        params,
      );
    });

    it('ScheduledInstanceId: esi-… passes, anything else is refused', () => {
      fc.assert(
        fc.property(withPrefix('esi-'), (id) => {
          const valid = typeof id === 'string' && ESI_ID.test(id);
          const r = outcome(() => validateScheduledInstanceId(id));
          if (valid) assert.ok(r.ok);
          else {
            assert.ok(!r.ok, `accepted ${show(id)}`);
            assertInvalidInput(r.e);
          }
        }),
        params,
      );
    });

    it('ModifyReservedInstances input: every rule holds, malformed shapes are refused (never a TypeError)', () => {
      const name = fc.oneof(
        fc.constant(undefined),
        fc
          .tuple(fc.constantFrom('a', 'Z', '预', 'x'), fc.string({ unit: fc.constantFrom(...'abc09:_-预留'), maxLength: 10 }))
          .map(([a, b]) => a + b),
        fc.constantFrom(
          '',
          'a',
          '1abc',
          '_x',
          'http://x',
          'HTTPS://y',
          'a b',
          'a'.repeat(128),
          'a'.repeat(129),
          '预'.repeat(128),
          '😀ab',
          'ab😀',
        ),
        nasty,
        nonString,
      );
      const config = fc.record(
        {
          instanceType: fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom('ecs.g6.large', 'ecs.c7.2xlarge', 'ecs.g6e.xlarge') },
            { weight: 1, arbitrary: nasty },
            { weight: 1, arbitrary: nonString },
          ),
          instanceAmount: fc.oneof(
            { weight: 5, arbitrary: fc.integer({ min: 1, max: 1000 }) },
            { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 1e300, '2') },
            { weight: 1, arbitrary: nonString },
          ),
          scope: fc.oneof(fc.constant(undefined), fc.constantFrom('Region', 'Zone', 'region', 'zone', ''), nonString),
          zoneId: fc.oneof(fc.constant(undefined), fc.constantFrom('cn-hangzhou-h', ''), nonString),
          reservedInstanceName: name,
        },
        { requiredKeys: ['instanceType', 'instanceAmount'] },
      );
      const input = fc.record({
        reservedInstanceIds: fc.oneof(
          { weight: 5, arbitrary: fc.array(withPrefix('ecsri-'), { maxLength: 22 }) },
          { weight: 1, arbitrary: nonString },
        ),
        configurations: fc.oneof(
          { weight: 5, arbitrary: fc.array(config, { maxLength: 4 }) },
          { weight: 1, arbitrary: fc.array(config, { minLength: 99, maxLength: 102 }) },
          { weight: 1, arbitrary: nonString },
        ),
      });
      const nameOk = (n: unknown) => {
        if (n === undefined) return true;
        if (typeof n !== 'string') return false;
        const len = [...n].length;
        return (
          len >= 2 &&
          len <= 128 &&
          !/^https?:\/\//i.test(n) &&
          /^[A-Za-z\p{Script=Han}]/u.test(n) &&
          /^[A-Za-z0-9\p{Script=Han}:_-]*$/u.test(n)
        );
      };
      const configOk = (c: Record<string, unknown>) =>
        c !== null &&
        typeof c === 'object' &&
        typeof c.instanceType === 'string' &&
        /^ecs\.[a-z0-9-]+\.[A-Za-z0-9-]+$/.test(c.instanceType) &&
        Number.isSafeInteger(c.instanceAmount) &&
        (c.instanceAmount as number) >= 1 &&
        (c.scope === undefined || c.scope === 'Region' || c.scope === 'Zone') &&
        (c.zoneId === undefined || (typeof c.zoneId === 'string' && c.zoneId.length > 0)) &&
        (c.scope !== 'Zone' || typeof c.zoneId === 'string') &&
        nameOk(c.reservedInstanceName);
      fc.assert(
        fc.property(input, (inp) => {
          const i = inp as { reservedInstanceIds?: unknown; configurations?: unknown };
          const valid =
            i !== null &&
            typeof i === 'object' &&
            Array.isArray(i.reservedInstanceIds) &&
            i.reservedInstanceIds.length >= 1 &&
            i.reservedInstanceIds.length <= 20 &&
            i.reservedInstanceIds.every((x) => typeof x === 'string' && RI_ID.test(x)) &&
            new Set(i.reservedInstanceIds).size === i.reservedInstanceIds.length && // an ID listed twice is refused
            Array.isArray(i.configurations) &&
            i.configurations.length >= 1 &&
            i.configurations.length <= 100 &&
            i.configurations.every(configOk);
          const r = outcome(() => validateModifyReservedInstancesInput(inp as never, { region: 'cn-hangzhou' }));
          if (valid) assert.ok(r.ok, `refused a valid input: ${r.ok ? '' : String(r.e)}`);
          else {
            assert.ok(!r.ok, `accepted an invalid input ${show(inp, 300)}`);
            assertInvalidInput(r.e);
          }
        }),
        params,
      );
    });

    it('ModifyReservedInstances input of the wrong shape (null, array, number…) gets a clear error naming the input', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.constantFrom(null, undefined, [], 0, '', 'x')), (inp) => {
          if (inp && typeof inp === 'object' && !Array.isArray(inp)) return;
          const r = outcome(() => validateModifyReservedInstancesInput(inp as never, { region: 'cn-hangzhou' }));
          assert.ok(!r.ok, `accepted ${show(inp)}`);
          assertInvalidInput(r.e);
        }),
        params,
      );
    });
  });

  describe('response parse path (envelope + schema, as the clients compose them)', () => {
    type Prov = 'volcengine' | 'aliyun';
    const cases: { provider: Prov; action: string; schema: Parameters<typeof parseResponse>[0] }[] = [
      { provider: 'volcengine', action: 'DescribeInstances', schema: volc.DescribeInstancesResponse },
      { provider: 'volcengine', action: 'DescribeScheduledInstances', schema: volc.DescribeScheduledInstancesResponse },
      { provider: 'volcengine', action: 'DeleteInstances', schema: volc.DeleteInstancesResponse },
      { provider: 'volcengine', action: 'DeleteScheduledInstance', schema: volc.DeleteScheduledInstanceResponse },
      { provider: 'volcengine', action: 'DescribeRegions', schema: volc.DescribeRegionsResponse },
      { provider: 'aliyun', action: 'DescribeReservedInstances', schema: ali.DescribeReservedInstancesResponse },
      { provider: 'aliyun', action: 'ModifyReservedInstances', schema: ali.ModifyReservedInstancesResponse },
      { provider: 'aliyun', action: 'DescribeRegions', schema: ali.DescribeRegionsResponse },
    ];

    /** Exactly what VolcengineClient/AliyunClient do with a response. */
    function clientParse(provider: Prov, action: string, schema: Parameters<typeof parseResponse>[0], res: RawResponse): unknown {
      const ctx = { provider, action, region: 'cn-test-1' };
      const body = provider === 'volcengine' ? volcengineBody(res, ctx) : aliyunBody(res, ctx);
      return parseResponse(schema, body, { ...ctx, httpStatus: res.status });
    }

    function assertTypedFailure(e: unknown, action: string): CloudError {
      if (!(e instanceof CloudError))
        throw new Error(`expected CloudError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      assert.ok(e.kind === 'api' || e.kind === 'malformed-response', `kind ${e.kind}`);
      assert.ok(e.code.length > 0 && e.message.length > 0);
      if (e.kind === 'malformed-response')
        assert.ok(e.message.includes(action) || e.message.includes('The request') || e.message.includes('HTTP'), e.message);
      return e;
    }

    const status = fc.constantFrom(200, 200, 200, 201, 204, 400, 401, 403, 404, 409, 429, 500, 502, 503);
    const headers = fc.dictionary(
      fc.constantFrom('x-acs-request-id', 'content-type', 'retry-after', 'x-request-id'),
      fc.string({ maxLength: 20 }),
      { maxKeys: 2 },
    );

    it('random JSON bodies (any status): a value or a typed CloudError, never a crash', () => {
      const body = fc.oneof(
        fc.json({ maxDepth: 4 }),
        fc.string({ maxLength: 50 }),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ ResponseMetadata: { RequestId: 'r', Error: v } })),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ ResponseMetadata: { RequestId: 'r' }, Result: v })),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ RequestId: 'r', Code: v, Message: v })),
        fc
          .jsonValue({ maxDepth: 3 })
          .map((v) => JSON.stringify({ RequestId: 'r', ReservedInstances: v, ReservedInstanceIdSets: v, Regions: v })),
      );
      fc.assert(
        fc.property(fc.nat({ max: cases.length - 1 }), status, headers, body, (ci, st, h, b) => {
          const c = cases[ci];
          try {
            clientParse(c.provider, c.action, c.schema, { status: st, headers: h, body: b });
            assert.ok(st < 400, `HTTP ${st} accepted as success`);
          } catch (e) {
            assertTypedFailure(e, c.action);
          }
        }),
        params,
      );
    });

    // Valid samples, and which paths are required (must error when broken) or optional.
    const volcInstance = () => ({
      InstanceId: 'i-abc',
      Status: 'RUNNING',
      InstanceName: 'web',
      Cpus: 2,
      MemorySize: 4096,
      ZoneId: 'cn-beijing-a',
      CreatedAt: '2024-01-04T19:18:46+08:00',
      DeletionProtection: false,
      EipAddress: { IpAddress: '1.2.3.4' },
      Tags: [{ Key: 'k', Value: 'v' }],
    });
    const riItem = () => ({
      ReservedInstanceId: 'ecsri-abc',
      Status: 'Active',
      InstanceType: 'ecs.g6.large',
      InstanceAmount: 2,
      Scope: 'Region',
      CreationTime: '2024-01-01T00:00Z',
      OperationLocks: { OperationLock: [] },
    });
    const samples: { c: (typeof cases)[number]; body: () => Record<string, unknown>; required: string[][]; optional: string[][] }[] = [
      {
        c: cases[0],
        body: () => ({
          ResponseMetadata: { RequestId: 'req-1', Action: 'DescribeInstances' },
          Result: { Instances: [volcInstance(), volcInstance()], NextToken: 'tok', TotalCount: 2 },
        }),
        required: [
          ['ResponseMetadata'],
          ['ResponseMetadata', 'RequestId'],
          ['Result'],
          ['Result', 'Instances', 0, 'InstanceId'],
          ['Result', 'Instances', 1, 'Status'],
        ].map((p) => p.map(String)),
        optional: [
          ['Result', 'NextToken'],
          ['Result', 'TotalCount'],
          ['Result', 'Instances', 0, 'InstanceName'],
          ['Result', 'Instances', 0, 'Cpus'],
          ['Result', 'Instances', 1, 'DeletionProtection'],
          ['Result', 'Instances', 0, 'EipAddress'],
          ['Result', 'Instances', 0, 'Tags'],
        ].map((p) => p.map(String)),
      },
      {
        c: cases[2],
        body: () => ({
          ResponseMetadata: { RequestId: 'req-2' },
          Result: {
            OperationDetails: [{ InstanceId: 'i-a' }, { InstanceId: 'i-b', Error: { Code: 'InvalidInstanceStatus', Message: 'no' } }],
          },
        }),
        required: [['ResponseMetadata', 'RequestId'], ['Result']],
        // A detail may lack its InstanceId (matched by position) and an Error its Code (no Code: not a refusal).
        optional: [
          ['Result', 'OperationDetails', '0', 'InstanceId'],
          ['Result', 'OperationDetails', '1', 'Error'],
          ['Result', 'OperationDetails', '1', 'Error', 'Code'],
          ['Result', 'OperationDetails', '1', 'Error', 'Message'],
        ],
      },
      {
        c: cases[5],
        body: () => ({
          RequestId: 'req-3',
          TotalCount: 2,
          PageNumber: 1,
          PageSize: 100,
          ReservedInstances: { ReservedInstance: [riItem(), riItem()] },
        }),
        required: [
          ['RequestId'],
          ['ReservedInstances'],
          ['ReservedInstances', 'ReservedInstance', '0', 'ReservedInstanceId'],
          ['ReservedInstances', 'ReservedInstance', '1', 'InstanceAmount'],
          ['ReservedInstances', 'ReservedInstance', '0', 'InstanceType'],
          ['ReservedInstances', 'ReservedInstance', '1', 'Status'],
        ],
        optional: [
          ['TotalCount'],
          ['PageNumber'],
          ['ReservedInstances', 'ReservedInstance', '0', 'Scope'],
          ['ReservedInstances', 'ReservedInstance', '0', 'CreationTime'],
        ],
      },
      {
        c: cases[6],
        body: () => ({ RequestId: 'req-4', ReservedInstanceIdSets: { ReservedInstanceId: ['ecsri-n1', 'ecsri-n2'] } }),
        required: [['RequestId'], ['ReservedInstanceIdSets'], ['ReservedInstanceIdSets', 'ReservedInstanceId', '0']],
        optional: [],
      },
    ];

    function setPath(obj: Record<string, unknown>, path: string[], v: unknown | typeof DELETE): void {
      let o = obj as Record<string, unknown>;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string, unknown>;
      const last = path[path.length - 1];
      if (v === DELETE) {
        if (Array.isArray(o)) o.splice(Number(last), 1);
        else delete o[last];
      } else o[last] = v;
    }
    const DELETE = Symbol('delete');
    const expectedType = (sample: unknown, path: string[]) => {
      let o = sample as Record<string, unknown>;
      for (const k of path) o = o?.[k] as Record<string, unknown>;
      return Array.isArray(o) ? 'array' : o === null ? 'null' : typeof o;
    };
    const wrong = fc.oneof(
      fc.constant(DELETE),
      fc.constant(null),
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.boolean(),
      fc.string({ maxLength: 8 }),
      fc.constant([]),
      fc.constant({}),
      fc.constant('x'.repeat(100_000)),
      fc.constant(1e308),
      fc.constant(-0),
    );
    const typeOf = (v: unknown) => (v === DELETE ? 'missing' : Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

    it('mutated valid answers: a broken required field is reported by its path; nothing is silently defaulted', () => {
      fc.assert(
        fc.property(fc.nat({ max: samples.length - 1 }), fc.boolean(), fc.nat(), wrong, (si, req, pick, v0) => {
          const s = samples[si];
          // What the server would put on the wire (Infinity/NaN serialise as null).
          const v = v0 === DELETE ? DELETE : JSON.parse(JSON.stringify(v0) ?? 'null');
          const isReq = req || s.optional.length === 0;
          const pool = isReq ? s.required : s.optional;
          const path = pool[pick % pool.length];
          const sample = s.body();
          const want = expectedType(sample, path);
          const body = s.body();
          setPath(body, path, v);
          const got = typeOf(v);
          const fieldPath = path
            .map((k) => (/^\d+$/.test(k) ? `[${k}]` : k))
            .join('.')
            .replace(/\.\[/g, '[');
          let value: unknown;
          let err: unknown;
          try {
            value = clientParse(s.c.provider, s.c.action, s.c.schema, { status: 200, headers: {}, body: JSON.stringify(body) });
          } catch (e) {
            err = e;
          }
          const sameType = got === want;
          // Deleting an array element only shifts the list: not an error.
          const isArrayElementDelete = v === DELETE && /^\d+$/.test(path[path.length - 1]);
          if (sameType || isArrayElementDelete) return;
          if (!isReq && (got === 'missing' || got === 'null')) {
            assert.equal(err, undefined, `optional ${fieldPath} ${got} must read as absent: ${String(err)}`);
            return;
          }
          // Wrong type (or a required field missing/null): must fail, naming the field.
          assert.ok(err !== undefined, `${s.c.action}: ${fieldPath} = ${show(v, 40)} (${got}, want ${want}) was accepted: ${show(value)}`);
          const ce = assertTypedFailure(err, s.c.action);
          assert.equal(ce.kind, 'malformed-response');
          assert.ok(
            ce.field && (ce.field === fieldPath || ce.field.startsWith(fieldPath) || fieldPath.startsWith(ce.field)),
            `field ${ce.field} vs ${fieldPath}`,
          );
          assert.ok(
            ce.message.includes('req-') || path[path.length - 1] === 'RequestId' || path[0] === 'ResponseMetadata',
            `RequestId in message: ${ce.message}`,
          );
        }),
        params,
      );
    });

    it('any strict prefix of a valid answer (truncated body) is a malformed-response error', () => {
      fc.assert(
        fc.property(fc.nat({ max: samples.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (si, f) => {
          const s = samples[si];
          const full = JSON.stringify(s.body());
          const cut = full.slice(0, Math.floor(f * (full.length - 1)));
          try {
            clientParse(s.c.provider, s.c.action, s.c.schema, { status: 200, headers: {}, body: cut });
          } catch (e) {
            const ce = assertTypedFailure(e, s.c.action);
            assert.equal(ce.kind, 'malformed-response');
            return;
          }
          assert.fail(`accepted truncated body ${show(cut)}`);
        }),
        params,
      );
    });

    it('huge answers (20,000 items, 1 MB strings, deep nesting) parse or fail cleanly', () => {
      const many = {
        ResponseMetadata: { RequestId: 'req-big' },
        Result: { Instances: Array.from({ length: 20_000 }, (_, i) => ({ InstanceId: `i-${i}`, Status: 'RUNNING' })) },
      };
      const v = clientParse('volcengine', 'DescribeInstances', volc.DescribeInstancesResponse, {
        status: 200,
        headers: {},
        body: JSON.stringify(many),
      }) as { Result: { Instances: unknown[] } };
      assert.equal(v.Result.Instances.length, 20_000);
      const bigName = { ...many, Result: { Instances: [{ InstanceId: 'i-1', Status: 'RUNNING', InstanceName: 'n'.repeat(1 << 20) }] } };
      clientParse('volcengine', 'DescribeInstances', volc.DescribeInstancesResponse, {
        status: 200,
        headers: {},
        body: JSON.stringify(bigName),
      });
      let deep = '1';
      for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
      for (const c of cases) {
        try {
          clientParse(c.provider, c.action, c.schema, {
            status: 200,
            headers: {},
            body: `{"RequestId":"r","ResponseMetadata":{"RequestId":"r"},"Result":${deep}}`,
          });
        } catch (e) {
          assertTypedFailure(e, c.action);
        }
      }
      // 1e400 parses to Infinity: not a number any API sends.
      try {
        clientParse('aliyun', 'DescribeReservedInstances', ali.DescribeReservedInstancesResponse, {
          status: 200,
          headers: {},
          body: '{"RequestId":"r","ReservedInstances":{"ReservedInstance":[{"ReservedInstanceId":"ecsri-1","Status":"Active","InstanceType":"ecs.g6.large","InstanceAmount":1e400}]}}',
        });
        assert.fail('InstanceAmount 1e400 (Infinity) accepted');
      } catch (e) {
        assert.equal(assertTypedFailure(e, 'DescribeReservedInstances').kind, 'malformed-response');
      }
    });
  });

  describe('settings validation (src/settings/validate.ts)', () => {
    const regionLike = fc.oneof(
      fc.constantFrom(
        'cn-beijing',
        'cn-hangzhou',
        'ap-southeast-1',
        'CN-BEIJING',
        'cn_beijing',
        'cn',
        '',
        ' cn-beijing ',
        'cn-beijing\n',
        '-cn',
        'cn--x',
        'a'.repeat(70) + '-1',
      ),
      fc.string({ maxLength: 16 }),
      nonString,
    );
    const anyValue = fc.oneof(fc.anything(), fc.array(regionLike, { maxLength: 8 }), nonString);

    it('regions: never throws; kept regions are valid and unique; every dropped entry is reported', () => {
      fc.assert(
        fc.property(fc.constantFrom('volcengine' as const, 'aliyun' as const), anyValue, (p, v) => {
          const r = validateRegions(p, v);
          assert.ok(r.regions.every((x) => isRegionId(x)));
          assert.equal(new Set(r.regions).size, r.regions.length);
          if (v === undefined || v === null) return;
          if (!Array.isArray(v)) {
            assert.equal(r.regions.length, 0);
            assert.ok(
              r.problems.some((x) => x.blocking),
              'a wrong type must block, not fall back to defaults',
            );
            return;
          }
          assert.equal(r.regions.length + r.problems.length, v.length, 'each entry is kept or reported');
        }),
        params,
      );
    });

    it('endpoint URL: never throws; an accepted URL is https, or http to a loopback host, with no credentials/query', () => {
      const url = fc.oneof(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.webUrl().map((u) => u.replace(/^https:/, 'http:')),
        fc.constantFrom(
          'http://127.0.0.1:8080',
          'http://localhost:1',
          'http://[::1]:9',
          'http://127.0.0.1.nip.io',
          'http://localhost.evil.com',
          'http://evil.com#@localhost',
          'http://localhost@evil.com',
          'http://0x7f000001',
          'http://2130706433/',
          'ftp://127.0.0.1',
          'javascript:alert(1)',
          'https://user:pw@host',
          ' https://x.y ',
          'https://x.y/?a=1',
        ),
        fc.string({ maxLength: 30 }),
        nonString,
      );
      fc.assert(
        fc.property(url, (v) => {
          const r = validateEndpointUrl('ecsExplorer.volcengine.endpoint', v);
          assert.ok((r.url === undefined) !== (r.problem === undefined), 'exactly one of url/problem');
          if (r.problem) {
            assert.ok(r.problem.blocking);
            return;
          }
          const u = new URL(r.url as string);
          assert.ok(!u.username && !u.password && !u.search && !u.hash, r.url);
          if (u.protocol === 'http:')
            assert.ok(
              ['localhost', '[::1]'].includes(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname),
              `plain http to ${u.hostname}`,
            );
          else assert.equal(u.protocol, 'https:');
        }),
        params,
      );
    });

    it('endpoint decision: workspace values are never used; the env wins, then the user value; a bad one blocks', () => {
      const val = fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('https://proxy.example.com', 'http://127.0.0.1:9000', 'http://evil.example.com', '', 'not a url'),
        nonString,
      );
      fc.assert(
        fc.property(
          fc.constantFrom('volcengine' as const, 'aliyun' as const),
          fc.oneof(
            fc.constant(undefined),
            fc.constantFrom('http://127.0.0.1:1', 'https://env.example.com', 'http://evil.example.com', ' '),
          ),
          val,
          val,
          (provider, envValue, userValue, workspaceValue) => {
            const d = decideEndpoint({ provider, envValue, userValue, workspaceValue });
            if (d.url !== undefined) {
              assert.ok(d.source === 'env' || d.source === 'setting');
              if (d.source === 'setting') {
                assert.equal(d.url, String(userValue).trim().replace(/\/+$/, ''));
              } else assert.equal(d.url, String(envValue).trim().replace(/\/+$/, ''));
              assert.ok(!d.url.startsWith('http://evil'), 'insecure URL accepted');
            } else if (d.source === 'default') {
              // The real endpoint only when no override was asked for: a user value is used or blocks.
              assert.ok(userValue === undefined || userValue === null || userValue === '', 'user value dropped for the real endpoint');
            } else
              assert.ok(
                d.problems.some((p) => p.blocking),
                'a bad override must block, not fall back',
              );
            if (workspaceValue !== undefined && workspaceValue !== '') assert.ok(d.problems.some((p) => p.code === 'workspaceEndpoint'));
          },
        ),
        params,
      );
    });

    it('numbers: always an integer in range; any other value (fractions too) is reported, never rounded', () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.anything(), fc.double(), fc.integer({ min: -1000, max: 100_000 })),
          fc.constantFrom(...(Object.keys(GENERAL_LIMITS) as (keyof typeof GENERAL_LIMITS)[])),
          (v, key) => {
            const l = GENERAL_LIMITS[key];
            const r = validateInt(`ecsExplorer.${key}`, v, l.def, l.min, l.max);
            assert.ok(Number.isInteger(r.value) && r.value >= l.min && r.value <= l.max);
            const good = Number.isInteger(v) && (v as number) >= l.min && (v as number) <= l.max;
            if (v === undefined || v === null) assert.equal(r.problem, undefined);
            else if (good) assert.equal(r.value, v);
            else assert.ok(r.problem, `silently defaulted ${show(v)}`);
            const g = validateGeneral((k) => (k === key || (key === 'timeoutSeconds' && k === 'http.timeoutSeconds') ? v : undefined));
            for (const k of Object.keys(GENERAL_LIMITS) as (keyof typeof GENERAL_LIMITS)[]) {
              const s = g.settings[k];
              assert.ok(Number.isInteger(s) && s >= GENERAL_LIMITS[k].min && s <= GENERAL_LIMITS[k].max);
            }
          },
        ),
        params,
      );
    });
  });
});
