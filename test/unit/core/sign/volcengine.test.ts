import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import Signer, { queryParamsToString } from '@volcengine/openapi/lib/base/sign';
import { signVolcengine, volcCanonicalRequest, volcDate, type VolcSignInput } from '../../../../src/core/sign/volcengine';
import { accessKeyId, date, flat, requestObject, secret, text, token } from './gen';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const DOC_AK = 'AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE';
const DOC_SK = 'TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==';

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Signs the same request with the official `@volcengine/openapi` Signer. */
function officialSign(input: VolcSignInput): { query: string; headers: Record<string, string> } {
  const request = {
    region: input.region,
    method: input.method,
    pathname: input.path,
    params: { ...input.query },
    headers: { Host: input.host, ...input.headers } as Record<string, string>,
    body: input.body,
  };
  const signer = new Signer(request, input.service);
  signer.addAuthorization(
    {
      accessKeyId: input.credentials.accessKeyId,
      secretKey: input.credentials.accessKeySecret,
      sessionToken: input.credentials.securityToken,
    },
    input.now,
  );
  return { query: queryParamsToString(request.params), headers: request.headers };
}

describe('sign/volcengine', () => {
  it('volcDate formats UTC without separators or milliseconds', () => {
    assert.equal(volcDate(new Date('2020-12-30T08:18:05.999Z')), '20201230T081805Z');
    assert.equal(volcDate(new Date('2024-01-01T00:00:00+08:00')), '20231231T160000Z');
  });

  describe('doc vector (A): ListUsers, content-type and x-content-sha256 signed', () => {
    const input: VolcSignInput = {
      method: 'GET',
      host: 'iam.volcengineapi.com',
      query: { Action: 'ListUsers', Version: '2018-01-01', Limit: '10', Offset: '0' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Content-Sha256': EMPTY_SHA256 },
      signHeaders: ['content-type', 'x-content-sha256'],
      region: 'cn-north-1',
      service: 'iam',
      credentials: { accessKeyId: DOC_AK, accessKeySecret: DOC_SK },
      now: new Date('2020-12-30T08:18:05Z'),
    };

    it('builds the published canonical request (hash 3a4d4dee…)', () => {
      const cr = volcCanonicalRequest(input);
      assert.equal(
        cr,
        [
          'GET',
          '/',
          'Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
          'content-type:application/x-www-form-urlencoded; charset=utf-8',
          'host:iam.volcengineapi.com',
          `x-content-sha256:${EMPTY_SHA256}`,
          'x-date:20201230T081805Z',
          '',
          'content-type;host;x-content-sha256;x-date',
          EMPTY_SHA256,
        ].join('\n'),
      );
      assert.equal(sha256(cr), '3a4d4dee07c3308a52da01bc12d7a83c3705bfa543f51648f46de880bb2a7447');
    });

    it('produces the published Authorization and headers to send', () => {
      const s = signVolcengine(input);
      assert.equal(s.query, 'Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01');
      assert.deepEqual(s.headers, {
        'X-Date': '20201230T081805Z',
        'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
        'X-Content-Sha256': EMPTY_SHA256,
        Authorization:
          `HMAC-SHA256 Credential=${DOC_AK}/20201230/cn-north-1/iam/request, ` +
          'SignedHeaders=content-type;host;x-content-sha256;x-date, ' +
          'Signature=28eeabbbd726b87002e0fe58ad8c1c768e619b06e2646f35b6ad7ed029a6d8a7',
      });
    });

    it('does not sign content-type unless forced', () => {
      const s = signVolcengine({ ...input, signHeaders: undefined });
      assert.match(s.headers.Authorization, /SignedHeaders=host;x-content-sha256;x-date,/);
      assert.equal(s.headers['Content-Type'], undefined);
      assert.equal(s.headers.Authorization, officialSign({ ...input, signHeaders: undefined }).headers.Authorization);
    });
  });

  describe('derived ECS vector (B): DescribeInstances', () => {
    const input: VolcSignInput = {
      method: 'GET',
      host: 'open.volcengineapi.com',
      query: {
        Action: 'DescribeInstances',
        Version: '2020-04-01',
        MaxResults: '10',
        'InstanceIds.1': 'i-abc',
        'InstanceIds.2': 'i-def',
        InstanceName: 'web server*',
      },
      region: 'cn-beijing',
      service: 'ecs',
      credentials: { accessKeyId: DOC_AK, accessKeySecret: DOC_SK },
      now: new Date('2024-01-01T12:00:00Z'),
    };

    it('matches canonical query, canonical-request hash and signature', () => {
      const s = signVolcengine(input);
      assert.equal(
        s.query,
        'Action=DescribeInstances&InstanceIds.1=i-abc&InstanceIds.2=i-def&InstanceName=web%20server%2A&MaxResults=10&Version=2020-04-01',
      );
      assert.equal(sha256(volcCanonicalRequest(input)), '2190e30e4dd740dc1ffb55187500e3dfa2e5ed814d8cd35fcd872c00b5c2b48f');
      assert.deepEqual(s.headers, {
        'X-Date': '20240101T120000Z',
        Authorization:
          `HMAC-SHA256 Credential=${DOC_AK}/20240101/cn-beijing/ecs/request, SignedHeaders=host;x-date, ` +
          'Signature=c293a03bcd24daae1789568243607cdd4947f3ee6d17e46ad9de753e547cf5e8',
      });
    });

    it('signs the STS token as x-security-token and returns it', () => {
      const sts = { ...input, credentials: { ...input.credentials, securityToken: 'STS.token/with+chars=' } };
      const s = signVolcengine(sts);
      assert.equal(s.headers['X-Security-Token'], 'STS.token/with+chars=');
      assert.match(s.headers.Authorization, /SignedHeaders=host;x-date;x-security-token,/);
      assert.doesNotMatch(s.headers.Authorization, /c293a03b/);
      assert.equal(s.headers.Authorization, officialSign(sts).headers.Authorization);
    });

    it('is stable across repeated calls (signing-key cache)', () => {
      const first = signVolcengine(input).headers.Authorization;
      for (let i = 0; i < 40; i++) {
        signVolcengine({ ...input, region: `r-${i}` });
      }
      assert.equal(signVolcengine(input).headers.Authorization, first);
    });
  });

  it('signs extra headers but not unsignable ones; hashes a POST body', () => {
    const input: VolcSignInput = {
      method: 'POST',
      host: '127.0.0.1:8443',
      query: { Action: 'DeleteInstances', Version: '2020-04-01' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'x', 'X-Custom': '  a   b ' },
      body: 'InstanceIds.1=i-1',
      region: 'cn-beijing',
      service: 'ecs',
      credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' },
      now: new Date('2024-05-06T07:08:09Z'),
    };
    const s = signVolcengine(input);
    assert.match(s.headers.Authorization, /SignedHeaders=host;x-content-sha256;x-custom;x-date,/);
    assert.equal(s.headers['X-Content-Sha256'], sha256('InstanceIds.1=i-1'));
    assert.equal(s.headers['X-Custom'], '  a   b ');
    assert.equal(s.headers['User-Agent'], undefined);
    assert.equal(s.headers.Authorization, officialSign(input).headers.Authorization);
  });

  describe('equals the official @volcengine/openapi Signer', () => {
    const headerName = fc.constantFrom('X-Custom', 'x-trace-id', 'Content-Type', 'User-Agent', 'Accept', 'X-Top-Region');
    const input: fc.Arbitrary<VolcSignInput> = fc
      .record({
        method: fc.constantFrom('GET' as const, 'POST' as const),
        host: fc.constantFrom('open.volcengineapi.com', 'ecs.cn-beijing.volcengineapi.com', '127.0.0.1:8443', '[::1]:9000'),
        path: fc.constantFrom(undefined, '/', '/top/v1'),
        request: requestObject,
        action: fc.constantFrom('DescribeInstances', 'DeleteInstances', 'DescribeScheduledInstances'),
        headers: fc.option(fc.dictionary(headerName, fc.string({ unit: 'grapheme-ascii', maxLength: 20 }), { maxKeys: 3 }), {
          nil: undefined,
        }),
        body: fc.option(text(40), { nil: undefined }),
        region: fc.oneof(fc.constantFrom('cn-beijing', 'cn-shanghai', 'ap-southeast-1'), fc.stringMatching(/^[a-z]{2}-[a-z0-9]{1,8}$/)),
        service: fc.constantFrom('ecs', 'iam', 'vpc'),
        accessKeyId,
        secret,
        token,
        now: date,
      })
      .map((r) => ({
        method: r.method,
        host: r.host,
        path: r.path,
        query: { ...flat(r.request), Action: r.action, Version: '2020-04-01' },
        headers: r.headers === undefined ? undefined : { ...r.headers },
        body: r.method === 'POST' ? r.body : undefined,
        region: r.region,
        service: r.service,
        credentials: { accessKeyId: r.accessKeyId, accessKeySecret: r.secret, securityToken: r.token },
        now: r.now,
      }));

    it('same wire query, X-Date, token, body hash and Authorization (1,000 requests)', () => {
      let withLongList = 0;
      fc.assert(
        fc.property(input, (req) => {
          const ours = signVolcengine(req);
          const official = officialSign(req);
          assert.equal(ours.query, official.query);
          assert.equal(ours.headers['X-Date'], official.headers['X-Date']);
          assert.equal(ours.headers['X-Security-Token'], official.headers['X-Security-Token']);
          assert.equal(ours.headers['X-Content-Sha256'], official.headers['X-Content-Sha256']);
          assert.equal(ours.headers.Authorization, official.headers.Authorization);
          if (/\.10=/.test(ours.query)) {
            withLongList++;
          }
        }),
        { numRuns: 1000 },
      );
      assert.ok(withLongList >= 900, `only ${withLongList} requests had ≥10 list items`);
    });
  });
});
