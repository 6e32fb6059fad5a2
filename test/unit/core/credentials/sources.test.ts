/**
 * The CLI fixture profiles resolve against the emulator (STS AssumeRole, instance metadata) or give their named,
 * localized error; assumed roles refresh before expiry (injected clock) and once on an expired-token answer.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import { CredentialError, isCredentialError } from '../../../../src/core/credentials/errors';
import { CredentialSources, cliProfileId, envProfileId } from '../../../../src/core/credentials/sources';
import { CloudError } from '../../../../src/core/errors';
import { Transport } from '../../../../src/core/http/transport';
import type { Provider } from '../../../../src/core/types';
import { DEMO_ACCOUNTS, startEmulator, type AccountSpec, type Emulator } from '../../../emulator';
import { ROOT } from '../../../support/seeds';

const HOME = path.join(ROOT, 'test', 'fixtures', 'credentials', 'home');
const BROKEN = path.join(ROOT, 'test', 'fixtures', 'credentials', 'broken');

/** The fixture files' static STS credentials, known to the emulator for these tests. */
const FIXTURE_STS: AccountSpec[] = [
  {
    provider: 'aliyun',
    accessKeyId: 'STS.FixtureStaticKey01',
    accessKeySecret: 'FixtureAliyunStaticSecret01',
    securityToken: 'CAISFixtureStaticToken01',
  },
  {
    provider: 'volcengine',
    accessKeyId: 'AKTPFixtureStaticKey01',
    accessKeySecret: 'FixtureVolcStaticSecret01',
    securityToken: 'STS2FixtureStaticToken01',
  },
];

const FAST = { retryBaseMs: 1, retryMaxMs: 5, maxRetries: 1, headersTimeoutMs: 3000, bodyTimeoutMs: 3000, connectTimeoutMs: 2000 };

/** Every fixture profile: 'ok' (lists resources through it) or the error code it must give. */
const EXPECT: Record<Provider, Record<string, string>> = {
  aliyun: {
    default: 'ok',
    'sts-static': 'ok',
    'role-ops': 'ok',
    'chain-ops': 'ok',
    'chain-deep': 'ok',
    'ecs-instance': 'ok',
    'cycle-a': 'RoleChainCycle',
    'cycle-b': 'RoleChainCycle',
    'chain-orphan': 'SourceProfileNotFound',
    'role-refused': 'AssumeRoleFailed',
    'ak-no-secret': 'ProfileFieldMissing',
    'bad-type': 'CredentialFileMalformed',
    sso: 'ProfileModeNotSupported',
    oauth: 'ProfileModeNotSupported',
    external: 'ProfileModeNotSupported',
    uri: 'ProfileModeNotSupported',
    oidc: 'ProfileModeNotSupported',
    'role-with-ecs': 'ProfileModeNotSupported',
    rsa: 'ProfileModeNotSupported',
    bearer: 'ProfileModeNotSupported',
    anonymous: 'ProfileModeNotSupported',
  },
  volcengine: {
    prod: 'ok',
    'sts-static': 'ok',
    'role-ops': 'ok',
    'ecs-instance': 'ok',
    'role-refused': 'AssumeRoleFailed',
    'role-no-account': 'ProfileFieldMissing',
    'ecs-no-role': 'ProfileFieldMissing',
    'no-secret': 'ProfileFieldMissing',
    sso: 'ProfileModeNotSupported',
    console: 'ProfileModeNotSupported',
    oidc: 'ProfileModeNotSupported',
  },
};

const HAN = /[\u4e00-\u9fff]/;

describe('credentials/sources (CLI fixtures against the emulator)', function () {
  let emu: Emulator;
  let transports: Transport[];
  let clock: number;

  before(async () => {
    emu = await startEmulator({ seed: 'demo', accounts: [...DEMO_ACCOUNTS, ...FIXTURE_STS], metadata: {} });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    emu.reset('demo');
    emu.sts.refused.add('acs:ram::1234567890123456:role/forbidden');
    emu.sts.refused.add('trn:iam::2100000001:role/forbidden');
    transports = [];
    clock = Date.now();
  });
  afterEach(async () => {
    await Promise.all(transports.map((t) => t.close()));
  });

  function sources(home = HOME, env: Record<string, string> = {}): CredentialSources {
    const perProvider = new Map<Provider, Transport>();
    return new CredentialSources({
      home,
      env,
      now: () => new Date(clock),
      transport: (p) => {
        let t = perProvider.get(p);
        if (!t) {
          t = new Transport(FAST);
          perProvider.set(p, t);
          transports.push(t);
        }
        return t;
      },
      stsEndpoint: (p) => (p === 'aliyun' ? emu.aliyunUrl : emu.volcengineUrl),
      metadataUrl: () => emu.metadataUrl,
    });
  }

  function client(provider: Provider, src: CredentialSources, id: string): AliyunClient | VolcengineClient {
    const t = new Transport(FAST);
    transports.push(t);
    const o = { credentials: src.provider(id), endpoint: provider === 'aliyun' ? emu.aliyunUrl : emu.volcengineUrl, transport: t };
    return provider === 'aliyun' ? new AliyunClient(o) : new VolcengineClient(o);
  }

  const listSomething = async (provider: Provider, c: AliyunClient | VolcengineClient): Promise<number> =>
    provider === 'aliyun'
      ? (await (c as AliyunClient).describeReservedInstances('cn-hangzhou')).length
      : (await (c as VolcengineClient).describeInstances('cn-beijing')).length;

  for (const provider of ['aliyun', 'volcengine'] as const) {
    it(`${provider}: lists every fixture profile, without secrets, with the current one marked`, async () => {
      const l = await sources().list(provider, 'cli');
      assert.equal(l.error, undefined);
      assert.deepEqual(l.profiles.map((p) => p.name).sort(), Object.keys(EXPECT[provider]).sort());
      assert.equal(l.profiles.find((p) => p.current)?.name, provider === 'aliyun' ? 'default' : 'prod');
      const text = JSON.stringify(l.profiles);
      for (const secret of [
        'DemoAliyunSecretEcsExplorer01',
        'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==',
        'FixtureAliyunStaticSecret01',
        'FixtureVolcStaticSecret01',
        'CAISFixtureStaticToken01',
        'STS2FixtureStaticToken01',
      ]) {
        assert.ok(!text.includes(secret), `listing holds a secret (${secret.slice(0, 4)}…)`);
      }
      const role = l.profiles.find((p) => p.name === 'role-ops')!;
      assert.equal(role.kind, 'assume-role');
      assert.equal(role.roleName, 'ops');
      assert.equal(role.maskedKeyId, provider === 'aliyun' ? 'LTAI…r01' : 'AKLT…ZXI');
      assert.equal(l.profiles.find((p) => p.name === 'sts-static')!.kind, 'sts');
      if (provider === 'aliyun') {
        // Known from the file alone, before any network call.
        assert.equal(l.profiles.find((p) => p.name === 'cycle-a')!.problem?.code, 'RoleChainCycle');
        assert.equal(l.profiles.find((p) => p.name === 'chain-orphan')!.problem?.code, 'SourceProfileNotFound');
        assert.equal(l.profiles.find((p) => p.name === 'chain-deep')!.problem, undefined);
        assert.equal(emu.sts.log.length, 0);
      }
    });

    for (const [name, want] of Object.entries(EXPECT[provider])) {
      it(`${provider} profile "${name}" → ${want}`, async () => {
        const src = sources();
        const c = client(provider, src, cliProfileId(provider, name));
        if (want === 'ok') {
          assert.ok((await listSomething(provider, c)) > 0, 'the seed has resources in the region');
          return;
        }
        const err = await listSomething(provider, c).then(
          () => undefined,
          (e: unknown) => e,
        );
        assert.ok(err instanceof CloudError, `expected a CloudError, got ${String(err)}`);
        assert.equal(err.kind, 'config');
        assert.equal(err.code, want);
        const cause = (err as Error & { cause?: unknown }).cause;
        assert.ok(isCredentialError(cause));
        const en = cause.localized('en'),
          zh = cause.localized('zh-cn');
        assert.ok(en.includes(name) || want === 'RoleChainCycle', en);
        assert.ok(HAN.test(zh) && !HAN.test(en), zh);
        assert.ok(cause.next.en.length > 10 && cause.next.zh.length > 4, 'names a next step');
        if (want === 'ProfileModeNotSupported') assert.match(en, /not support yet/);
      });
    }
  }

  it('a cycle names the loop', async () => {
    const err = await sources()
      .credentials(cliProfileId('aliyun', 'cycle-a'))
      .catch((e: unknown) => e);
    assert.ok(err instanceof CredentialError);
    assert.match(err.message, /cycle-a → cycle-b → cycle-a/);
  });

  it('a refused AssumeRole carries the cloud code and RequestId', async () => {
    const err = await sources()
      .credentials(cliProfileId('aliyun', 'role-refused'))
      .catch((e: unknown) => e);
    assert.ok(err instanceof CredentialError && err.code === 'AssumeRoleFailed');
    assert.match(err.message, /NoPermission/);
    assert.match(err.message, /RequestId/);
  });

  for (const provider of ['aliyun', 'volcengine'] as const) {
    it(`${provider}: assumed-role credentials are cached, refreshed before expiry, and never outlive it`, async () => {
      const src = sources();
      const id = cliProfileId(provider, 'role-ops');
      const a = await src.credentials(id);
      assert.ok(a.securityToken);
      assert.equal(emu.sts.log.length, 1);
      const exp = src.expiration(id)!;
      assert.ok(exp.getTime() > clock);
      assert.deepEqual(await src.credentials(id), a, 'cached');
      // Lifetime 900 s (aliyun expired_seconds) or 3600 s (volcengine default): refresh 5 minutes before expiry.
      clock = exp.getTime() - 5 * 60_000 - 1000;
      assert.deepEqual(await src.credentials(id), a, 'still cached just before the refresh point');
      clock = exp.getTime() - 5 * 60_000 + 1000;
      const b = await src.credentials(id);
      assert.notEqual(b.accessKeyId, a.accessKeyId);
      assert.equal(emu.sts.log.length, 2);
      // Concurrent callers share one AssumeRole.
      clock = src.expiration(id)!.getTime() + 1;
      // The STS issues the next session from the same time, so it is fresh for every caller (was: a caller reaching the
      // cache after the first AssumeRole answered saw it inside the refresh window and fetched again).
      emu.clock.advance(clock - emu.clock.nowMs());
      const all = await Promise.all([src.credentials(id), src.credentials(id), src.credentials(id)]);
      assert.equal(emu.sts.log.length, 3);
      assert.ok(all.every((c) => c.accessKeyId === all[0].accessKeyId));
    });

    it(`${provider}: the ECS endpoint refuses expired role credentials; the client fetches new ones once and succeeds`, async () => {
      const src = sources();
      const id = cliProfileId(provider, 'role-ops');
      const c = client(provider, src, id);
      assert.ok((await listSomething(provider, c)) > 0);
      assert.equal(emu.sts.log.length, 1);
      // The emulator's clock passes the expiry; ours does not, so the cached credentials are sent and refused.
      emu.clock.advance(3600_000 + 60_000);
      const stale = await src.credentials(id);
      const direct =
        provider === 'aliyun'
          ? new AliyunClient({ credentials: stale, endpoint: emu.aliyunUrl, transportSettings: FAST })
          : new VolcengineClient({ credentials: stale, endpoint: emu.volcengineUrl, transportSettings: FAST });
      const err = await listSomething(provider, direct).catch((e: unknown) => e);
      await direct.close();
      assert.ok(err instanceof CloudError);
      assert.equal(err.code, provider === 'aliyun' ? 'InvalidSecurityToken.Expired' : 'InvalidSecretToken');
      assert.ok((await listSomething(provider, c)) > 0, 'refreshed once and listed');
      assert.equal(emu.sts.log.length, 2);
    });
  }

  it('a stored account with a role: assumed with the stored key, cached, invalidated on demand', async () => {
    const src = sources();
    const ali = DEMO_ACCOUNTS.find((a) => a.provider === 'aliyun')!;
    let reads = 0;
    const p = src.assumedProvider(
      'stored:x',
      'aliyun',
      'acs:ram::1234567890123456:role/ops',
      async () => (reads++, { accessKeyId: ali.accessKeyId, accessKeySecret: ali.accessKeySecret }),
    );
    const a1 = await p();
    assert.match(a1.accessKeyId, /^STS\./);
    assert.deepEqual(await p(), a1);
    assert.equal(emu.sts.log.length, 1);
    assert.ok(src.expiration('stored:x'));
    p.invalidate();
    assert.notEqual((await p()).accessKeyId, a1.accessKeyId);
    assert.equal(emu.sts.log.length, 2);
    assert.equal(reads, 3, 'the stored key is read on every use');
  });

  it('a chained role assumes through its source role (two AssumeRole calls, then cached)', async () => {
    const src = sources();
    await src.credentials(cliProfileId('aliyun', 'chain-deep'));
    assert.deepEqual(
      emu.sts.log.map((l) => l.role),
      ['acs:ram::1234567890123456:role/ops', 'acs:ram::1234567890123456:role/audit'],
    );
    await src.credentials(cliProfileId('aliyun', 'chain-deep'));
    assert.equal(emu.sts.log.length, 2);
  });

  it('instance metadata is asked only for EcsRamRole / ecsrole profiles', async () => {
    const src = sources();
    for (const [p, names] of Object.entries(EXPECT)) {
      for (const n of Object.keys(names))
        if (n !== 'ecs-instance') await src.credentials(cliProfileId(p as Provider, n)).catch(() => undefined);
    }
    await src.list('aliyun', 'cli');
    await src.list('volcengine', 'cli');
    assert.equal(emu.sts.log.filter((l) => l.role.startsWith('instance-role/')).length, 0);
    await src.credentials(cliProfileId('volcengine', 'ecs-instance'));
    assert.equal(emu.sts.log.filter((l) => l.role.startsWith('instance-role/')).length, 1);
  });

  it('a broken file is one named error; a missing file lists nothing', async () => {
    for (const provider of ['aliyun', 'volcengine'] as const) {
      const l = await sources(BROKEN).list(provider, 'cli');
      assert.equal(l.error?.code, 'CredentialFileMalformed');
      assert.ok(HAN.test(l.error!.localized('zh-cn')));
      assert.ok(l.error!.message.includes(path.join(BROKEN, provider === 'aliyun' ? '.aliyun' : '.volcengine', 'config.json')));
      const none = await sources(path.join(BROKEN, 'nowhere')).list(provider, 'cli');
      assert.equal(none.present, false);
      assert.deepEqual(none.profiles, []);
    }
  });

  it('environment variables, with the official aliases, resolve and list; half a pair is a named error', async () => {
    const env = {
      ALICLOUD_ACCESS_KEY_ID: 'LTAI5tDemoEcsExplorer01',
      ALICLOUD_ACCESS_KEY_SECRET: 'DemoAliyunSecretEcsExplorer01',
      VOLCSTACK_ACCESS_KEY_ID: 'AKLTZGVtby1lY3MtZXhwbG9yZXI',
    };
    const src = sources(HOME, env);
    const ali = await src.list('aliyun', 'env');
    assert.equal(ali.profiles[0].maskedKeyId, 'LTAI…r01');
    assert.ok((await listSomething('aliyun', client('aliyun', src, envProfileId('aliyun')))) > 0);
    const volc = await src.list('volcengine', 'env');
    assert.equal(volc.profiles[0].problem?.code, 'EnvironmentIncomplete');
    assert.match(volc.profiles[0].problem!.message, /VOLCSTACK_ACCESS_KEY_ID.*VOLCENGINE_SECRET_KEY/);
    const none = await sources(HOME, {}).list('aliyun', 'env');
    assert.equal(none.present, false);
  });

  it('ALIBABA_CLOUD_PROFILE marks the current Alibaba profile; ALIBABA_CLOUD_IGNORE_PROFILE hides the file', async () => {
    const l = await sources(HOME, { ALIBABA_CLOUD_PROFILE: 'role-ops' }).list('aliyun', 'cli');
    assert.equal(l.profiles.find((p) => p.current)?.name, 'role-ops');
    const off = await sources(HOME, { ALIBABA_CLOUD_IGNORE_PROFILE: 'TRUE' }).list('aliyun', 'cli');
    assert.equal(off.present, false);
  });
});
