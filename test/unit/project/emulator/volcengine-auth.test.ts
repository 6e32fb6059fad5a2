import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { Service } from '@volcengine/openapi';
import { startEmulator, type Emulator } from '../../../emulator/index';
import { volcCanonicalRequest, volcSigningKey } from '../../../emulator/volcengine/auth';
import { canonicalize, parsePairs } from '../../../emulator/encode';
import { send, volc, volcCode, volcSigned, VOLC, type RawReq } from '../../../support/emulator-requests';

describe('emulator: Volcengine authentication', () => {
  let emu: Emulator;
  const STS = {
    provider: 'volcengine' as const,
    accessKeyId: 'AKLTc3RzLXRlc3Q',
    accessKeySecret: 'c3RzLXNlY3JldA==',
    securityToken: 'STS-token-abc',
  };
  before(async () => {
    emu = await startEmulator({ accounts: [VOLC, STS] });
  });
  after(() => emu.stop());

  const sdk = (o: { secretKey?: string; sessionToken?: string; accessKeyId?: string } = {}) =>
    new Service({
      host: emu.volcengineUrl.replace('http://', ''),
      protocol: 'http:',
      serviceName: 'ecs',
      region: 'cn-beijing',
      accessKeyId: o.accessKeyId ?? VOLC.accessKeyId,
      secretKey: o.secretKey ?? VOLC.accessKeySecret,
      sessionToken: o.sessionToken,
    });

  it('accepts the official @volcengine/openapi SDK (GET), unchanged', async () => {
    const r = await sdk().fetchOpenAPI<{ Instances: unknown[]; TotalCount: number }>({
      Action: 'DescribeInstances',
      Version: '2020-04-01',
      query: { MaxResults: 5, InstanceName: 'web server*(1)!' },
    });
    assert.equal(r.ResponseMetadata.Error, undefined);
    assert.equal(r.ResponseMetadata.Region, 'cn-beijing');
    assert.equal(r.ResponseMetadata.Service, 'ecs');
  });

  it('accepts the SDK with a POST form body (createAPI urlencode)', async () => {
    const api = sdk().createAPI<Record<string, unknown>, { Instances: unknown[] }>('DescribeInstances', {
      Version: '2020-04-01',
      method: 'POST',
      contentType: 'urlencode',
    });
    const r = await api({ MaxResults: 2, Status: 'RUNNING' });
    assert.equal(r.ResponseMetadata.Error, undefined);
    assert.equal(r.Result!.Instances.length, 2);
  });

  it('rejects the SDK with a wrong secret', async () => {
    const r = await sdk({ secretKey: 'wrong' }).fetchOpenAPI({ Action: 'DescribeRegions', Version: '2020-04-01' });
    assert.equal(r.ResponseMetadata.Error?.Code, 'SignatureDoesNotMatch');
  });

  it('accepts STS with the right token, rejects a wrong or missing one', async () => {
    const ok = await sdk({ accessKeyId: STS.accessKeyId, secretKey: STS.accessKeySecret, sessionToken: STS.securityToken }).fetchOpenAPI({
      Action: 'DescribeRegions',
      Version: '2020-04-01',
    });
    assert.equal(ok.ResponseMetadata.Error, undefined);
    const wrong = await volc(emu.volcengineUrl, {
      action: 'DescribeRegions',
      ak: STS.accessKeyId,
      sk: STS.accessKeySecret,
      token: 'STS-token-abd',
    });
    assert.equal(wrong.status, 401);
    assert.equal(volcCode(wrong), 'InvalidSecretToken');
    const none = await volc(emu.volcengineUrl, { action: 'DescribeRegions', ak: STS.accessKeyId, sk: STS.accessKeySecret });
    assert.equal(none.status, 401);
    assert.equal(volcCode(none), 'InvalidSecretToken');
  });

  it('matches the derived ECS vector (volcengine.md §1.7 B)', () => {
    const query = canonicalize(
      parsePairs(
        'Action=DescribeInstances&Version=2020-04-01&MaxResults=10&InstanceIds.1=i-abc&InstanceIds.2=i-def&InstanceName=web%20server%2A',
      ),
    );
    assert.equal(
      query,
      'Action=DescribeInstances&InstanceIds.1=i-abc&InstanceIds.2=i-def&InstanceName=web%20server%2A&MaxResults=10&Version=2020-04-01',
    );
    const cr = volcCanonicalRequest(
      'GET',
      '/',
      query,
      { host: 'open.volcengineapi.com', 'x-date': '20240101T120000Z' },
      ['host', 'x-date'],
      createHash('sha256').update('').digest('hex'),
    );
    assert.equal(createHash('sha256').update(cr).digest('hex'), '2190e30e4dd740dc1ffb55187500e3dfa2e5ed814d8cd35fcd872c00b5c2b48f');
    const key = volcSigningKey('TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==', '20240101', 'cn-beijing', 'ecs');
    assert.equal(key.toString('hex'), 'b9339a8a895345c83d16e9e0e916aa298f0f7fdb72d1f97d193bf3e0112a3a95');
    const sts = ['HMAC-SHA256', '20240101T120000Z', '20240101/cn-beijing/ecs/request', createHash('sha256').update(cr).digest('hex')].join(
      '\n',
    );
    assert.equal(createHmac('sha256', key).update(sts).digest('hex'), 'c293a03bcd24daae1789568243607cdd4947f3ee6d17e46ad9de753e547cf5e8');
  });

  const base = () => volcSigned(emu.volcengineUrl, { action: 'DescribeInstances', params: { MaxResults: 3, Status: 'RUNNING' } });
  const post = () =>
    volcSigned(emu.volcengineUrl, { action: 'DescribeInstances', method: 'POST', params: { MaxResults: 3, Status: 'RUNNING' } });
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'a' ? 'b' : 'a') + s.slice(i + 1);

  it('the untampered requests pass', async () => {
    for (const r of [base(), post()]) {
      const res = await send(emu.volcengineUrl, r);
      assert.equal(res.status, 200, res.text);
    }
  });

  const tampers: [string, () => RawReq, (r: RawReq) => void, number, string][] = [
    [
      'one byte of a query value',
      base,
      (r) => {
        r.query = r.query!.replace('MaxResults=3', 'MaxResults=4');
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'one byte of a query key',
      base,
      (r) => {
        r.query = r.query!.replace('Status=', 'Statur=');
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'an added query parameter',
      base,
      (r) => {
        r.query += '&ZoneId=cn-beijing-a';
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'a removed query parameter',
      base,
      (r) => {
        r.query = r.query!.replace(/&Status=RUNNING/, '');
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'one byte of the signature',
      base,
      (r) => {
        const a = r.headers!.authorization;
        r.headers!.authorization = flip(a, a.length - 1);
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'one byte of X-Date',
      base,
      (r) => {
        const d = r.headers!['x-date'];
        r.headers!['x-date'] = d.slice(0, -2) + ((+d[d.length - 2] + 1) % 10) + 'Z';
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'the signed Host header',
      base,
      (r) => {
        r.headers!.host = 'localhost:1';
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'one byte of the form body',
      post,
      (r) => {
        r.body = r.body!.replace('MaxResults=3', 'MaxResults=4');
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'the body and x-content-sha256 together',
      post,
      (r) => {
        r.body = r.body!.replace('MaxResults=3', 'MaxResults=4');
        r.headers!['x-content-sha256'] = createHash('sha256').update(r.body).digest('hex');
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'the access key in the credential',
      base,
      (r) => {
        r.headers!.authorization = r.headers!.authorization.replace(VOLC.accessKeyId, VOLC.accessKeyId.slice(0, -1) + 'X');
      },
      401,
      'InvalidAccessKey',
    ],
    [
      'the region in the scope',
      base,
      (r) => {
        r.headers!.authorization = r.headers!.authorization.replace('/cn-beijing/', '/cn-shanghai/');
      },
      401,
      'SignatureDoesNotMatch',
    ],
  ];
  for (const [name, make, tamper, status, code] of tampers) {
    it(`rejects a request with a tampered ${name}`, async () => {
      const r = make();
      tamper(r);
      const res = await send(emu.volcengineUrl, r);
      assert.equal(res.status, status, res.text);
      assert.equal(volcCode(res), code);
    });
  }

  const cases: [string, () => RawReq, number, string][] = [
    [
      'no Authorization',
      () => {
        const r = base();
        delete r.headers!.authorization;
        return r;
      },
      401,
      'MissingAuthenticationToken',
    ],
    [
      'a garbled Authorization',
      () => {
        const r = base();
        r.headers!.authorization = 'Bearer x';
        return r;
      },
      400,
      'InvalidAuthorization',
    ],
    [
      'an unknown access key',
      () => volcSigned(emu.volcengineUrl, { action: 'DescribeRegions', ak: 'AKLTnobody' }),
      401,
      'InvalidAccessKey',
    ],
    [
      'a stale X-Date (16 min)',
      () => volcSigned(emu.volcengineUrl, { action: 'DescribeRegions', date: new Date(Date.now() - 16 * 60_000) }),
      403,
      'InvalidTimestamp',
    ],
    [
      'a future X-Date (16 min)',
      () => volcSigned(emu.volcengineUrl, { action: 'DescribeRegions', date: new Date(Date.now() + 16 * 60_000) }),
      403,
      'InvalidTimestamp',
    ],
    [
      'a service other than ecs',
      () => volcSigned(emu.volcengineUrl, { action: 'DescribeRegions', service: 'iam' }),
      404,
      'ServiceNotFound',
    ],
    [
      'a scope date that differs from X-Date',
      () => {
        const r = base();
        r.headers!.authorization = r.headers!.authorization.replace(/Credential=([^/]+)\/(\d{8})/, (_m, ak) => `Credential=${ak}/19990101`);
        return r;
      },
      400,
      'InvalidCredential',
    ],
    [
      'an unsigned X-Date',
      () => {
        const r = base();
        r.headers!.authorization = r.headers!.authorization.replace('SignedHeaders=host;x-date', 'SignedHeaders=host');
        return r;
      },
      401,
      'SignatureDoesNotMatch',
    ],
    [
      'no Action',
      () => {
        const r = base();
        r.query = r.query!.replace('Action=DescribeInstances&', '');
        return r;
      },
      400,
      'MissingParameter',
    ],
    [
      'no Version',
      () => {
        const r = base();
        r.query = r.query!.replace('&Version=2020-04-01', '');
        return r;
      },
      400,
      'MissingParameter',
    ],
    ['an unknown action', () => volcSigned(emu.volcengineUrl, { action: 'DescribeNothing' }), 404, 'InvalidActionOrVersion'],
    [
      'an unknown version',
      () => volcSigned(emu.volcengineUrl, { action: 'DescribeInstances', version: '2018-01-01' }),
      404,
      'InvalidActionOrVersion',
    ],
  ];
  for (const [name, make, status, code] of cases) {
    it(`answers ${status} ${code} for ${name}`, async () => {
      const res = await send(emu.volcengineUrl, make());
      assert.equal(res.status, status, res.text);
      assert.equal(volcCode(res), code);
      const m = res.json.ResponseMetadata;
      assert.equal(m.Service, 'ecs');
      assert.ok(m.RequestId);
      assert.equal(res.json.Result, undefined);
    });
  }

  it('tolerates extra Authorization parts (SignedQueries=) and an unsigned Host', async () => {
    const r = volcSigned(emu.volcengineUrl, { action: 'DescribeRegions', signHost: false });
    r.headers!.authorization = r.headers!.authorization.replace(', Signature=', ', SignedQueries=Action;Version, Signature=');
    const res = await send(emu.volcengineUrl, r);
    assert.equal(res.status, 200, res.text);
  });
});
