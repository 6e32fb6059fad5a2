import assert from 'node:assert/strict';
import fc from 'fast-check';
import OpenApiUtil from '@alicloud/openapi-util';
import { canonicalQuery, flattenParams, percentEncode, type ParamValue } from '../../../../src/core/sign/encode';
import { flat, requestObject, text, toNested } from './gen';

/** RFC 3986 by the letter: unreserved bytes literal, every other UTF-8 byte `%XX`. */
function referenceEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

describe('sign/encode', () => {
  describe('percentEncode', () => {
    it('pins the pop-core encode cases', () => {
      assert.equal(percentEncode("str'str"), 'str%27str');
      assert.equal(percentEncode('str(str'), 'str%28str');
      assert.equal(percentEncode('str)str'), 'str%29str');
      assert.equal(percentEncode('str*str'), 'str%2Astr');
    });

    it('keeps only unreserved characters literal', () => {
      assert.equal(percentEncode(''), '');
      assert.equal(percentEncode('AZaz09-_.~'), 'AZaz09-_.~');
      assert.equal(percentEncode('a b'), 'a%20b');
      assert.equal(percentEncode('!'), '%21');
      assert.equal(percentEncode('+&=/?#%'), '%2B%26%3D%2F%3F%23%25');
      assert.equal(percentEncode('web server*'), 'web%20server%2A');
      assert.equal(percentEncode('2016-02-23T12:46:24Z'), '2016-02-23T12%3A46%3A24Z');
    });

    it('writes UTF-8 bytes as upper-case %XX', () => {
      assert.equal(percentEncode('中文'), '%E4%B8%AD%E6%96%87');
      assert.equal(percentEncode('é'), '%C3%A9');
      assert.equal(percentEncode('😀'), '%F0%9F%98%80');
      assert.equal(percentEncode('\u00a0'), '%C2%A0');
    });

    it('encodes a lone surrogate as U+FFFD instead of throwing', () => {
      assert.equal(percentEncode('a\uD800b'), 'a%EF%BF%BDb');
      assert.equal(percentEncode('\uDC00'), '%EF%BF%BD');
    });

    it('matches a byte-wise RFC 3986 encoder on generated strings', () => {
      fc.assert(
        fc.property(text(30), (s) => {
          assert.equal(percentEncode(s), referenceEncode(s));
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('flattenParams', () => {
    it('flattens lists 1-based and objects by name', () => {
      assert.deepEqual(
        flattenParams({
          RegionId: 'cn-hangzhou',
          ReservedInstanceId: ['a', 'b'],
          Configuration: [
            { InstanceType: 'ecs.g5.large', InstanceAmount: 2, Scope: 'Zone' },
            { InstanceType: 'ecs.g5.xlarge', InstanceAmount: 1 },
          ],
          DryRun: false,
          Filter: { Name: 'x', Values: ['1', '2'] },
          Missing: undefined,
          Nothing: null,
        }),
        {
          RegionId: 'cn-hangzhou',
          'ReservedInstanceId.1': 'a',
          'ReservedInstanceId.2': 'b',
          'Configuration.1.InstanceType': 'ecs.g5.large',
          'Configuration.1.InstanceAmount': '2',
          'Configuration.1.Scope': 'Zone',
          'Configuration.2.InstanceType': 'ecs.g5.xlarge',
          'Configuration.2.InstanceAmount': '1',
          DryRun: 'false',
          'Filter.Name': 'x',
          'Filter.Values.1': '1',
          'Filter.Values.2': '2',
        },
      );
    });

    it('drops null list items without renumbering the rest (as openapi-util)', () => {
      assert.deepEqual(flattenParams({ val7: [1, 2, null, undefined, true] }), { 'val7.1': '1', 'val7.2': '2', 'val7.5': 'true' });
      assert.deepEqual(flattenParams({ Ids: [] }), {});
    });

    it('equals openapi-util query() on generated request objects', () => {
      fc.assert(
        fc.property(requestObject, (r) => {
          const nested = toNested(r);
          assert.deepEqual(flattenParams(nested as Record<string, ParamValue>), { ...OpenApiUtil.query(nested) });
          assert.deepEqual(flattenParams(nested as Record<string, ParamValue>), flat(r));
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('canonicalQuery', () => {
    it('sorts raw keys by UTF-16 code unit', () => {
      const params: Record<string, string> = {};
      for (let i = 1; i <= 11; i++) {
        params[`InstanceIds.${i}`] = `i-${i}`;
      }
      const keys = canonicalQuery(params)
        .split('&')
        .map((p) => p.split('=')[0]);
      assert.deepEqual(
        keys,
        ['1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9'].map((n) => `InstanceIds.${n}`),
      );
      assert.equal(canonicalQuery({ b: '1', B: '2', a: '3', 'a.b': '4', a_: '5' }), 'B=2&a=3&a.b=4&a_=5&b=1');
    });

    it('encodes keys and values and keeps empty values', () => {
      assert.equal(canonicalQuery({ 'Tag.1.Key': 'a b', 'k*': '', 名: '值' }), 'Tag.1.Key=a%20b&k%2A=&%E5%90%8D=%E5%80%BC');
      assert.equal(canonicalQuery({}), '');
    });

    it('memoizes per key list without mixing up key sets, orders or values', () => {
      assert.equal(canonicalQuery({ 'a\nb': '1' }), 'a%0Ab=1');
      assert.equal(canonicalQuery({ a: '1', b: '2' }), 'a=1&b=2');
      assert.equal(canonicalQuery({ b: '2', a: '1' }), 'a=1&b=2');
      assert.equal(canonicalQuery({ a: 'x y', b: '*' }), 'a=x%20y&b=%2A');
      for (let i = 0; i < 600; i++) {
        assert.equal(canonicalQuery({ [`K${i}`]: `${i}`, A: 'a' }), `A=a&K${i}=${i}`);
      }
      assert.equal(canonicalQuery({ a: '3', b: '4' }), 'a=3&b=4');
    });

    it('matches the volcengine doc example', () => {
      assert.equal(
        canonicalQuery({ Action: 'ListUsers', Version: '2018-01-01', Limit: '10', Offset: '0' }),
        'Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
      );
    });
  });
});
