import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import Ecs, * as $Ecs from '@alicloud/ecs20140526';
import * as $OpenApi from '@alicloud/openapi-client';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { rpcSign, rpcStringToSign } from '../../../emulator/aliyun/auth-v1';
import { v3CanonicalRequest, v3Signature } from '../../../emulator/aliyun/auth-v3';
import { parsePairs } from '../../../emulator/encode';
import { ALI, aliTimestamp, aliV1, aliV1Signed, aliV3, aliV3Signed, send, type RawReq } from '../../../support/emulator-requests';

describe('emulator: Alibaba authentication', () => {
  let emu: Emulator;
  const STS = { provider: 'aliyun' as const, accessKeyId: 'STS.NUxyzTest', accessKeySecret: 'stsSecret', securityToken: 'CAIS-token' };
  before(async () => {
    emu = await startEmulator({ accounts: [ALI, STS] });
  });
  after(() => emu.stop());

  describe('verifier vectors', () => {
    it('V1 official doc vector (OLeaid…)', () => {
      const pairs = parsePairs(
        'AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26',
      );
      const sts = rpcStringToSign('GET', pairs);
      assert.equal(
        sts,
        'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
      );
      assert.equal(rpcSign(sts, 'testsecret'), 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    });
    it('V1 RepeatList vector, GET and POST (aliyun.md §1.3 c)', () => {
      const p: Record<string, string> = {
        AccessKeyId: 'testid',
        Action: 'ModifyReservedInstances',
        Format: 'JSON',
        RegionId: 'cn-hangzhou',
        'ReservedInstanceId.1': 'ecsri-bp1hd03e9uv19e75****',
        'Configuration.1.InstanceType': 'ecs.g5.large',
        'Configuration.1.InstanceAmount': '2',
        'Configuration.1.Scope': 'Region',
        'Configuration.1.ReservedInstanceName': 'split a',
        'Configuration.2.InstanceType': 'ecs.g5.large',
        'Configuration.2.InstanceAmount': '2',
        'Configuration.2.Scope': 'Zone',
        'Configuration.2.ZoneId': 'cn-hangzhou-h',
        'Configuration.2.ReservedInstanceName': "b(1)*~!'",
        SignatureMethod: 'HMAC-SHA1',
        SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
        SignatureVersion: '1.0',
        Timestamp: '2016-02-23T12:46:24Z',
        Version: '2014-05-26',
      };
      const pairs = Object.entries(p);
      assert.equal(rpcSign(rpcStringToSign('GET', pairs), 'testsecret'), 'jt8iPXVdHH1OsCnHvlNuv+OdSsY=');
      assert.equal(rpcSign(rpcStringToSign('POST', pairs), 'testsecret'), 'IPxTv5eA232OOXV0hVsIlVFyRvk=');
    });
    it('V3 official vector (aliyun.md §2)', () => {
      const headers = {
        host: 'ecs.cn-shanghai.aliyuncs.com',
        'x-acs-action': 'RunInstances',
        'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-acs-date': '2023-10-26T10:22:32Z',
        'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
        'x-acs-version': '2014-05-26',
      };
      const cr = v3CanonicalRequest(
        'POST',
        '/',
        parsePairs('ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai'),
        headers,
        Object.keys(headers),
        headers['x-acs-content-sha256'],
      );
      assert.equal(createHash('sha256').update(cr).digest('hex'), '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259');
      assert.equal(v3Signature(cr, 'YourAccessKeySecret').signature, '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
    });
  });

  describe('official SDKs, unchanged', () => {
    const pop = () =>
      new RPCClient({
        accessKeyId: ALI.accessKeyId,
        accessKeySecret: ALI.accessKeySecret,
        endpoint: emu.aliyunUrl,
        apiVersion: '2014-05-26',
      });
    it('@alicloud/pop-core GET', async () => {
      const r = await pop().request<{ TotalCount: number }>(
        'DescribeReservedInstances',
        { RegionId: 'cn-hangzhou', PageSize: 5, Status: ['Active'] },
        {},
      );
      assert.ok(r.TotalCount > 0);
    });
    it('@alicloud/pop-core POST (form body)', async () => {
      const r = await pop().request<{ Regions: { Region: unknown[] } }>(
        'DescribeRegions',
        { ResourceType: 'reservedinstance' },
        { method: 'POST' },
      );
      assert.ok(r.Regions.Region.length >= 3);
    });
    it('@alicloud/pop-core with a wrong secret is rejected', async () => {
      const c = new RPCClient({ accessKeyId: ALI.accessKeyId, accessKeySecret: 'nope', endpoint: emu.aliyunUrl, apiVersion: '2014-05-26' });
      await assert.rejects(c.request('DescribeRegions', {}, {}), (e: { code?: string }) => e.code === 'SignatureDoesNotMatch');
    });
    const ecs = (secret = ALI.accessKeySecret) =>
      new Ecs(
        new $OpenApi.Config({
          accessKeyId: ALI.accessKeyId,
          accessKeySecret: secret,
          endpoint: emu.aliyunUrl.replace('http://', ''),
          protocol: 'http',
          regionId: 'cn-hangzhou',
        }) as never,
      );
    it('@alicloud/ecs20140526 (V3 signature)', async () => {
      const r = await ecs().describeReservedInstances(
        new $Ecs.DescribeReservedInstancesRequest({ regionId: 'cn-hangzhou', pageSize: 100, status: ['Active', 'Expired'] }),
      );
      assert.ok(r.body!.totalCount! > 0);
      assert.ok(r.body!.reservedInstances!.reservedInstance!.every((x) => x.status === 'Active' || x.status === 'Expired'));
    });
    it('@alicloud/ecs20140526 with signatureAlgorithm v2 (RPC V1 via openapi-client)', async () => {
      const c = new Ecs(
        new $OpenApi.Config({
          accessKeyId: ALI.accessKeyId,
          accessKeySecret: ALI.accessKeySecret,
          endpoint: emu.aliyunUrl.replace('http://', ''),
          protocol: 'http',
          signatureAlgorithm: 'v2',
        }) as never,
      );
      const r = await c.describeReservedInstances(
        new $Ecs.DescribeReservedInstancesRequest({ regionId: 'cn-hangzhou', pageSize: 3, pageNumber: 2 }),
      );
      assert.equal(r.body!.pageNumber, 2);
    });
    it('@alicloud/ecs20140526 with a wrong secret is rejected', async () => {
      await assert.rejects(
        ecs('nope').describeRegions(new $Ecs.DescribeRegionsRequest({ resourceType: 'reservedinstance' })),
        (e: { code?: string; statusCode?: number }) => e.code === 'SignatureDoesNotMatch' && e.statusCode === 400,
      );
    });
  });

  const code = async (r: RawReq) => {
    const res = await send(emu.aliyunUrl, r);
    return [res.status, res.json?.Code, res] as const;
  };

  describe('V1 refusals', () => {
    const base = () => aliV1Signed({ action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou', PageSize: 5 } });
    const cases: [string, () => RawReq, number, string][] = [
      ['unknown access key', () => aliV1Signed({ action: 'DescribeRegions', ak: 'LTAInobody' }), 400, 'InvalidAccessKeyId.NotFound'],
      ['wrong secret', () => aliV1Signed({ action: 'DescribeRegions', sk: 'x' }), 400, 'SignatureDoesNotMatch'],
      [
        'expired Timestamp',
        () => aliV1Signed({ action: 'DescribeRegions', timestamp: aliTimestamp(new Date(Date.now() - 16 * 60_000)) }),
        400,
        'InvalidTimeStamp.Expired',
      ],
      [
        'future Timestamp',
        () => aliV1Signed({ action: 'DescribeRegions', timestamp: aliTimestamp(new Date(Date.now() + 16 * 60_000)) }),
        400,
        'InvalidTimeStamp.Expired',
      ],
      [
        'malformed Timestamp',
        () => aliV1Signed({ action: 'DescribeRegions', timestamp: '2024/01/01 10:00:00' }),
        400,
        'InvalidTimeStamp.Format',
      ],
      [
        'missing Signature',
        () => {
          const r = base();
          r.query = r.query!.replace(/&Signature=[^&]*$/, '');
          return r;
        },
        400,
        'IncompleteSignature',
      ],
      [
        'missing AccessKeyId',
        () => {
          const r = base();
          r.query = r.query!.replace(/AccessKeyId=[^&]*&/, '');
          return r;
        },
        400,
        'MissingParameter',
      ],
      [
        'missing Action',
        () => {
          const r = base();
          r.query = r.query!.replace(/Action=[^&]*&/, '');
          return r;
        },
        400,
        'MissingParameter',
      ],
      [
        'wrong SignatureMethod',
        () => {
          const r = base();
          r.query = r.query!.replace('HMAC-SHA1', 'HMAC-SHA256');
          return r;
        },
        400,
        'InvalidSignatureMethod',
      ],
      ['unknown action', () => aliV1Signed({ action: 'DescribeNothing' }), 404, 'InvalidApi.NotFound'],
      ['unknown version', () => aliV1Signed({ action: 'DescribeRegions', version: '2016-01-01' }), 404, 'InvalidApi.NotFound'],
      [
        'tampered parameter value',
        () => {
          const r = base();
          r.query = r.query!.replace('PageSize=5', 'PageSize=6');
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'tampered parameter key',
        () => {
          const r = base();
          r.query = r.query!.replace('PageSize=', 'PageSizf=');
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'added parameter',
        () => {
          const r = base();
          r.query = r.query!.replace('&Signature=', '&ZoneId=cn-hangzhou-h&Signature=');
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'tampered signature',
        () => {
          const r = base();
          r.query = r.query!.replace(/Signature=(.)/, (_m, c: string) => `Signature=${c === 'A' ? 'B' : 'A'}`);
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'tampered form body',
        () => {
          const r = aliV1Signed({ action: 'DescribeReservedInstances', method: 'POST', params: { RegionId: 'cn-hangzhou', PageSize: 5 } });
          r.body = r.body!.replace('PageSize=5', 'PageSize=7');
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'signed as GET, sent as POST',
        () => {
          const r = base();
          return { method: 'POST', body: r.query, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'missing SecurityToken for an STS key',
        () => aliV1Signed({ action: 'DescribeRegions', ak: STS.accessKeyId, sk: STS.accessKeySecret }),
        400,
        'MissingSecurityToken',
      ],
      [
        'wrong SecurityToken',
        () => aliV1Signed({ action: 'DescribeRegions', ak: STS.accessKeyId, sk: STS.accessKeySecret, token: 'CAIS-other' }),
        400,
        'InvalidSecurityToken.MismatchWithAccessKey',
      ],
    ];
    for (const [name, make, status, c] of cases) {
      it(`${name} → ${status} ${c}`, async () => {
        const [s, got, res] = await code(make());
        assert.equal(s, status, res.text);
        assert.equal(got, c);
        for (const k of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) assert.ok(k in res.json, k);
      });
    }
    it('SignatureDoesNotMatch names the server string to sign', async () => {
      const [, , res] = await code(aliV1Signed({ action: 'DescribeRegions', sk: 'x' }));
      assert.match(
        res.json.Message,
        /^Specified signature is not matched with our calculation\. server string to sign is:GET&%2F&AccessKeyId/,
      );
    });
    it('a valid request passes once; its nonce replayed → SignatureNonceUsed', async () => {
      const r = base();
      assert.equal((await send(emu.aliyunUrl, r)).status, 200);
      const [s, c] = await code(r);
      assert.equal(s, 400);
      assert.equal(c, 'SignatureNonceUsed');
    });
    it('STS with the right token, lower-case Format json, POST form', async () => {
      const r = aliV1Signed({
        action: 'DescribeRegions',
        ak: STS.accessKeyId,
        sk: STS.accessKeySecret,
        token: STS.securityToken,
        method: 'POST',
      });
      const res = await send(emu.aliyunUrl, r);
      assert.equal(res.status, 200, res.text);
      const r2 = aliV1Signed({ action: 'DescribeRegions', params: { Format: 'json' } });
      assert.equal((await send(emu.aliyunUrl, r2)).status, 200);
    });
  });

  describe('V3 refusals', () => {
    const base = () =>
      aliV3Signed(emu.aliyunUrl, { action: 'DescribeReservedInstances', params: { RegionId: 'cn-hangzhou', PageSize: 5 } });
    const cases: [string, () => RawReq, number, string][] = [
      [
        'tampered query value',
        () => {
          const r = base();
          r.query = r.query!.replace('PageSize=5', 'PageSize=6');
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'tampered action header',
        () => {
          const r = base();
          r.headers!['x-acs-action'] = 'DescribeRegions';
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'tampered signature',
        () => {
          const r = base();
          r.headers!.authorization = r.headers!.authorization.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'body not matching x-acs-content-sha256',
        () => {
          const r = base();
          r.body = 'PageSize=7';
          r.headers!['content-type'] = 'application/x-www-form-urlencoded';
          return r;
        },
        400,
        'SignatureDoesNotMatch',
      ],
      [
        'an unsigned x-acs header',
        () => {
          const r = base();
          r.headers!['x-acs-extra'] = '1';
          return r;
        },
        400,
        'IncompleteSignature',
      ],
      [
        'expired x-acs-date',
        () => aliV3Signed(emu.aliyunUrl, { action: 'DescribeRegions', timestamp: aliTimestamp(new Date(Date.now() - 20 * 60_000)) }),
        400,
        'InvalidTimeStamp.Expired',
      ],
      [
        'malformed x-acs-date',
        () => aliV3Signed(emu.aliyunUrl, { action: 'DescribeRegions', timestamp: 'yesterday' }),
        400,
        'InvalidTimeStamp.Format',
      ],
      [
        'missing nonce',
        () => {
          const r = base();
          delete r.headers!['x-acs-signature-nonce'];
          return r;
        },
        400,
        'MissingParameter',
      ],
      [
        'unknown access key',
        () => aliV3Signed(emu.aliyunUrl, { action: 'DescribeRegions', ak: 'LTAInobody' }),
        400,
        'InvalidAccessKeyId.NotFound',
      ],
      [
        'wrong STS token',
        () => aliV3Signed(emu.aliyunUrl, { action: 'DescribeRegions', ak: STS.accessKeyId, sk: STS.accessKeySecret, token: 'bad' }),
        400,
        'InvalidSecurityToken.MismatchWithAccessKey',
      ],
    ];
    for (const [name, make, status, c] of cases) {
      it(`${name} → ${status} ${c}`, async () => {
        const [s, got, res] = await code(make());
        assert.equal(s, status, res.text);
        assert.equal(got, c);
      });
    }
    it('a valid V3 request passes once; nonce replay → SignatureNonceUsed', async () => {
      const r = base();
      const ok = await send(emu.aliyunUrl, r);
      assert.equal(ok.status, 200, ok.text);
      const [s, c] = await code(r);
      assert.equal(s, 400);
      assert.equal(c, 'SignatureNonceUsed');
    });
    it('a V3 form body is covered by x-acs-content-sha256', async () => {
      const res = await aliV3(emu.aliyunUrl, {
        action: 'DescribeReservedInstances',
        params: { RegionId: 'cn-hangzhou' },
        body: 'PageSize=2',
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.PageSize, 2);
    });
  });

  it('V1 GET with everything fine returns the success shape', async () => {
    const res = await aliV1(emu.aliyunUrl, {
      action: 'DescribeRegions',
      params: { ResourceType: 'reservedinstance', AcceptLanguage: 'en-US' },
    });
    assert.equal(res.status, 200);
    const r0 = res.json.Regions.Region[0];
    assert.deepEqual(Object.keys(r0).sort(), ['LocalName', 'RegionEndpoint', 'RegionId', 'Status']);
    assert.equal(r0.LocalName, 'China (Hangzhou)');
  });
});
