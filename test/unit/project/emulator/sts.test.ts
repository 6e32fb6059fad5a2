/** The emulator's STS AssumeRole, driven by the official SDKs unchanged, and its credentials' lifetime. */
import assert from 'node:assert/strict';
import RPCClient from '@alicloud/pop-core';
import { Service } from '@volcengine/openapi';
import { StsService } from '@volcengine/openapi/lib/services/sts';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../../emulator/index';

const ALI = DEMO_ACCOUNTS.find((a) => a.provider === 'aliyun')!;
const VOLC = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;

interface AliAssumed {
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
  AssumedRoleUser: { Arn: string };
}

describe('emulator: STS AssumeRole (official SDKs)', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ seed: 'demo' });
  });
  after(() => emu.stop());
  beforeEach(() => emu.reset('demo'));

  const aliSts = (id = ALI.accessKeyId, secret = ALI.accessKeySecret, token?: string) =>
    new RPCClient({
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: token,
      endpoint: emu.aliyunUrl,
      apiVersion: '2015-04-01',
    } as ConstructorParameters<typeof RPCClient>[0]);
  const aliEcs = (id: string, secret: string, token: string) =>
    new RPCClient({
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: token,
      endpoint: emu.aliyunUrl,
      apiVersion: '2014-05-26',
    } as ConstructorParameters<typeof RPCClient>[0]);

  it('Alibaba: @alicloud/pop-core AssumeRole → credentials the ECS API accepts until they expire', async () => {
    const r = await aliSts().request<AliAssumed>(
      'AssumeRole',
      { RoleArn: 'acs:ram::1234567890123456:role/ops', RoleSessionName: 'sdk-test', DurationSeconds: 900 },
      { method: 'POST' },
    );
    const c = r.Credentials;
    assert.match(c.AccessKeyId, /^STS\./);
    assert.match(c.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.AssumedRoleUser.Arn, 'acs:ram::1234567890123456:role/ops/sdk-test');
    const ecs = aliEcs(c.AccessKeyId, c.AccessKeySecret, c.SecurityToken);
    const ok = await ecs.request<{ TotalCount: number }>('DescribeReservedInstances', { RegionId: 'cn-hangzhou' }, {});
    assert.ok(ok.TotalCount > 0, 'same resources as the calling account');
    emu.clock.advance(15 * 60_000);
    await assert.rejects(
      ecs.request('DescribeReservedInstances', { RegionId: 'cn-hangzhou' }, {}),
      (e: { code?: string }) => e.code === 'InvalidSecurityToken.Expired',
    );
    await assert.rejects(
      aliEcs(c.AccessKeyId, c.AccessKeySecret, 'wrong').request('DescribeRegions', {}, {}),
      (e: { code?: string }) => e.code === 'InvalidSecurityToken.MismatchWithAccessKey',
    );
  });

  it('Alibaba: refusals — bad ARN, short duration, missing session name, a role that does not trust the caller', async () => {
    const call = (p: Record<string, unknown>) =>
      aliSts().request('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/ops', RoleSessionName: 's1', ...p }, { method: 'POST' });
    await assert.rejects(call({ RoleArn: 'ops' }), (e: { code?: string }) => e.code === 'InvalidParameter.RoleArn');
    await assert.rejects(call({ DurationSeconds: 899 }), (e: { code?: string }) => e.code === 'InvalidParameter.DurationSeconds');
    await assert.rejects(call({ RoleSessionName: '' }), (e: { code?: string }) => /RoleSessionName/.test(e.code ?? ''));
    emu.sts.refused.add('acs:ram::1234567890123456:role/ops');
    await assert.rejects(call({}), (e: { code?: string }) => e.code === 'NoPermission');
    assert.equal(emu.sts.log.length, 0);
  });

  it('Volcengine: @volcengine/openapi StsService AssumeRole → credentials the ECS API accepts until they expire', async () => {
    const sts = new StsService({
      host: emu.volcengineUrl.replace('http://', ''),
      protocol: 'http:',
      serviceName: 'sts',
      region: 'cn-beijing',
      accessKeyId: VOLC.accessKeyId,
      secretKey: VOLC.accessKeySecret,
    });
    const r = await sts.AssumeRole({ RoleTrn: 'trn:iam::2100000001:role/ops', RoleSessionName: 'sdk-test', DurationSeconds: 900 });
    assert.equal(r.ResponseMetadata.Error, undefined);
    const c = r.Result!.Credentials;
    assert.match(c.AccessKeyId, /^AKTP/);
    assert.ok(Date.parse(c.ExpiredTime) - Date.parse(c.CurrentTime) === 900_000);
    const ecs = new Service({
      host: emu.volcengineUrl.replace('http://', ''),
      protocol: 'http:',
      serviceName: 'ecs',
      region: 'cn-beijing',
      accessKeyId: c.AccessKeyId,
      secretKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    });
    const list = () =>
      ecs.fetchOpenAPI<{ Instances: unknown[] }>({ Action: 'DescribeInstances', Version: '2020-04-01', query: { MaxResults: 5 } });
    const ok = await list();
    assert.equal(ok.ResponseMetadata.Error, undefined);
    assert.ok(ok.Result!.Instances.length > 0);
    emu.clock.advance(15 * 60_000);
    const expired = await list().catch(
      (e: { response?: { data?: { ResponseMetadata?: { Error?: { Code?: string } } } } }) => e.response?.data,
    );
    assert.equal(expired?.ResponseMetadata?.Error?.Code, 'InvalidSecretToken');
  });

  it('Volcengine: an STS request signed for the ecs service is refused', async () => {
    const wrong = new Service({
      host: emu.volcengineUrl.replace('http://', ''),
      protocol: 'http:',
      serviceName: 'ecs',
      region: 'cn-beijing',
      accessKeyId: VOLC.accessKeyId,
      secretKey: VOLC.accessKeySecret,
    });
    const r = (await wrong
      .fetchOpenAPI({
        Action: 'AssumeRole',
        Version: '2018-01-01',
        query: { RoleTrn: 'trn:iam::2100000001:role/ops', RoleSessionName: 'x1' },
      })
      .catch((e: { response?: { data?: unknown } }) => e.response?.data)) as { ResponseMetadata: { Error?: { Code: string } } };
    assert.equal(r.ResponseMetadata.Error?.Code, 'ServiceNotFound');
  });
});
