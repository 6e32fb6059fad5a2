import assert from 'node:assert/strict';
import fc from 'fast-check';
import OpenApiUtil from '@alicloud/openapi-util';
import RPCClient = require('@alicloud/pop-core');
import { canonicalQuery, flattenParams, percentEncode } from '../../../../src/core/sign/encode';
import { aliyunTimestamp, newNonce, rpcSignature, signAliyunRpc, type AliyunRpcSignInput } from '../../../../src/core/sign/aliyun';
import { accessKeyId, date, flat, requestObject, secret, token } from './gen';

/** The `httpx` instance pop-core sends through; its `request` is stubbed to capture the signed request. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- pop-core's own copy of httpx, found from its path
const httpx = require(require.resolve('httpx', { paths: [require.resolve('@alicloud/pop-core')] })) as {
  request: (url: string, opts: { data?: string }) => Promise<unknown>;
};

const CAPTURED = new Error('captured');

/** Signs with the official pop-core RPCClient and returns the query (GET) or form body (POST) it would send. */
let client: RPCClient | undefined;

async function popCoreSign(input: AliyunRpcSignInput): Promise<string> {
  client ??= new RPCClient({
    endpoint: 'https://ecs.aliyuncs.com',
    apiVersion: input.version,
    accessKeyId: 'x',
    accessKeySecret: 'x',
  } as RPCClient.Config);
  // One client for all cases: pop-core reads the credentials and API version per request from these fields.
  const internals = client as unknown as { apiVersion: string; credentialsProvider: { getCredentials(): Promise<unknown> } };
  internals.apiVersion = input.version;
  internals.credentialsProvider = { getCredentials: async () => ({ ...input.credentials }) };
  let sent = '';
  const original = httpx.request;
  httpx.request = async (url, opts) => {
    sent = input.method === 'POST' ? (opts.data ?? '') : url.slice(url.indexOf('?') + 1);
    throw CAPTURED;
  };
  try {
    // Timestamp and SignatureNonce given as parameters override pop-core's own.
    await client.request(
      input.action,
      { ...input.params, Timestamp: input.timestamp, SignatureNonce: input.nonce },
      { method: input.method, formatAction: false, formatParams: false },
    );
  } catch (e) {
    if (e !== CAPTURED) {
      throw e;
    }
  } finally {
    httpx.request = original;
  }
  return sent;
}

/** Splits a signed query into the part before `Signature` and the decoded signature. */
function split(q: string): { unsigned: string; signature: string } {
  const i = q.lastIndexOf('&Signature=');
  return { unsigned: q.slice(0, i), signature: decodeURIComponent(q.slice(i + '&Signature='.length)) };
}

const DOC_NONCE = '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf';
const DOC_TIME = '2016-02-23T12:46:24Z';

describe('sign/aliyun', () => {
  it('aliyunTimestamp drops milliseconds; newNonce is a fresh UUID', () => {
    assert.equal(aliyunTimestamp(new Date('2016-02-23T12:46:24.789Z')), DOC_TIME);
    assert.equal(aliyunTimestamp(new Date('2024-01-01T08:00:00+08:00')), '2024-01-01T00:00:00Z');
    const a = newNonce();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, newNonce());
  });

  it('doc vector: DescribeRegions → OLeaidS1JvxuMvnyHOwuJ+uX5qY=', () => {
    const params = {
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      Format: 'XML',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: DOC_NONCE,
      SignatureVersion: '1.0',
      Timestamp: DOC_TIME,
      Version: '2014-05-26',
    };
    assert.equal(
      'GET&%2F&' + percentEncode(canonicalQuery(params)),
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
    assert.equal(rpcSignature(params, 'GET', 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    assert.equal(percentEncode(rpcSignature(params, 'GET', 'testsecret')), 'OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D');
  });

  it('openapi-util vectors', () => {
    assert.equal(rpcSignature({ test: 'ok' }, '', 'accessKeySecret'), 'jHx/oHoHNrbVfhncHEvPdHXZwHU=');
    assert.equal(rpcSignature({ query: 'test', body: 'test' }, 'GET', 'secret'), 'XlUyV4sXjOuX5FnjUz9IF9tm5rU=');
  });

  describe("ModifyReservedInstances vector (RepeatList, %20, * ( ) ! ' ~)", () => {
    const input: AliyunRpcSignInput = {
      method: 'GET',
      action: 'ModifyReservedInstances',
      version: '2014-05-26',
      params: flattenParams({
        RegionId: 'cn-hangzhou',
        ReservedInstanceId: ['ecsri-bp1hd03e9uv19e75****'],
        Configuration: [
          { InstanceType: 'ecs.g5.large', InstanceAmount: 2, Scope: 'Region', ReservedInstanceName: 'split a' },
          { InstanceType: 'ecs.g5.large', InstanceAmount: 2, Scope: 'Zone', ZoneId: 'cn-hangzhou-h', ReservedInstanceName: "b(1)*~!'" },
        ],
      }),
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      nonce: DOC_NONCE,
      timestamp: DOC_TIME,
    };
    const stringToSign =
      '&%2F&AccessKeyId%3Dtestid%26Action%3DModifyReservedInstances%26Configuration.1.InstanceAmount%3D2%26Configuration.1.InstanceType%3Decs.g5.large%26Configuration.1.ReservedInstanceName%3Dsplit%2520a%26Configuration.1.Scope%3DRegion%26Configuration.2.InstanceAmount%3D2%26Configuration.2.InstanceType%3Decs.g5.large%26Configuration.2.ReservedInstanceName%3Db%25281%2529%252A~%2521%2527%26Configuration.2.Scope%3DZone%26Configuration.2.ZoneId%3Dcn-hangzhou-h%26Format%3DJSON%26RegionId%3Dcn-hangzhou%26ReservedInstanceId.1%3Decsri-bp1hd03e9uv19e75%252A%252A%252A%252A%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26';

    it('GET → jt8iPXVdHH1OsCnHvlNuv+OdSsY=, Signature last', () => {
      const { unsigned, signature } = split(signAliyunRpc(input));
      assert.equal('GET&%2F&' + percentEncode(unsigned), 'GET' + stringToSign);
      assert.equal(signature, 'jt8iPXVdHH1OsCnHvlNuv+OdSsY=');
      assert.ok(signAliyunRpc(input).endsWith('&Signature=jt8iPXVdHH1OsCnHvlNuv%2BOdSsY%3D'));
    });

    it('POST → IPxTv5eA232OOXV0hVsIlVFyRvk=', () => {
      const { unsigned, signature } = split(signAliyunRpc({ ...input, method: 'POST' }));
      assert.equal('POST&%2F&' + percentEncode(unsigned), 'POST' + stringToSign);
      assert.equal(signature, 'IPxTv5eA232OOXV0hVsIlVFyRvk=');
    });

    it('with STS adds SecurityToken and still equals pop-core', async () => {
      const sts = { ...input, credentials: { ...input.credentials, securityToken: 'STS.token/+=' } };
      const q = signAliyunRpc(sts);
      assert.match(q, /&SecurityToken=STS.token%2F%2B%3D&/);
      assert.notEqual(split(q).signature, 'jt8iPXVdHH1OsCnHvlNuv+OdSsY=');
      assert.equal(q, await popCoreSign(sts));
    });

    it('equals pop-core for GET and POST', async () => {
      assert.equal(signAliyunRpc(input), await popCoreSign(input));
      assert.equal(signAliyunRpc({ ...input, method: 'POST' }), await popCoreSign({ ...input, method: 'POST' }));
    });

    it('common parameters override same-named ones in params; Signature in params is ignored', () => {
      const q = signAliyunRpc({ ...input, params: { ...input.params, Format: 'XML', Signature: 'x', AccessKeyId: 'other' } });
      assert.equal(q, signAliyunRpc(input));
    });
  });

  describe('equals the official SDKs', () => {
    const signInput: fc.Arbitrary<AliyunRpcSignInput> = fc
      .record({
        method: fc.constantFrom('GET' as const, 'POST' as const),
        action: fc.constantFrom('DescribeReservedInstances', 'ModifyReservedInstances', 'DescribeRegions'),
        request: requestObject,
        accessKeyId,
        secret,
        token,
        nonce: fc.uuid(),
        now: date,
      })
      .map((r) => ({
        method: r.method,
        action: r.action,
        version: '2014-05-26',
        params: flat(r.request),
        credentials: { accessKeyId: r.accessKeyId, accessKeySecret: r.secret, securityToken: r.token },
        nonce: r.nonce,
        timestamp: aliyunTimestamp(r.now),
      }));

    it('whole query/body string equals pop-core RPCClient (1,000 requests)', async () => {
      let withLongList = 0;
      await fc.assert(
        fc.asyncProperty(signInput, async (input) => {
          const ours = signAliyunRpc(input);
          assert.equal(ours, await popCoreSign(input));
          if (/\.10=/.test(ours)) {
            withLongList++;
          }
        }),
        { numRuns: 1000 },
      );
      assert.ok(withLongList >= 900, `only ${withLongList} requests had ≥10 list items`);
    });

    it('rpcSignature equals openapi-util getRPCSignature (1,000 requests)', () => {
      fc.assert(
        fc.property(signInput, (input) => {
          const { unsigned, signature } = split(signAliyunRpc(input));
          const params = Object.fromEntries(unsigned.split('&').map((p) => p.split('=').map(decodeURIComponent)));
          const official = OpenApiUtil.getRPCSignature(params, input.method, input.credentials.accessKeySecret);
          assert.equal(signature, official);
          assert.equal(rpcSignature(params, input.method, input.credentials.accessKeySecret), official);
        }),
        { numRuns: 1000 },
      );
    });
  });
});
