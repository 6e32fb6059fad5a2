/**
 * Security: after the proof suites (and a scenario of its own with auth failures, faults, bad input and a
 * dead endpoint), no secret value or signature appears in any CallRecord, error text, output-channel text,
 * emulator log or file under test-artifacts/. Plain http to non-loopback hosts is refused, and a workspace
 * cannot redirect signed requests (untrusted or not).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { CloudError } from '../../../../src/core/errors';
import { checkBaseUrl, isLoopbackHost } from '../../../../src/core/endpoints';
import { Transport } from '../../../../src/core/http/transport';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import { DEMO_ACCOUNTS, type Emulator } from '../../../emulator/index';
import { formatCall } from '../../../../src/output/format';
import { redact, REDACTED } from '../../../../src/output/redact';
import { formatErrorBlock, formatOutcomeTable } from '../../../../src/output/format';
import { errorInfo, guidance, reportError } from '../../../../src/commands/report';
import { installVscodeShim } from '../../../support/vscode-shim';
import { makeDeps } from '../../../support/fakes';
import { enT } from '../../../support/helpers';
import { decideEndpoint, validateEndpointUrl } from '../../../../src/settings/validate';
import { ALI, evidence, FAST, proofEmulator, SECRETS, settle, VOLC, volcRegion, aliRegion } from './helpers';

const ROOT = path.resolve(__dirname, '../../../../..');

/** Signatures produced during this suite (captured at the transport, before they leave the process). */
const signatures = new Set<string>();

function capturingTransport(): Transport {
  const t = new Transport(FAST);
  const send = t.send.bind(t);
  t.send = (req, signal, ctx) => {
    const auth = req.headers.Authorization ?? req.headers.authorization;
    const m = auth && /Signature=([0-9a-f]{64})/.exec(auth);
    if (m) signatures.add(m[1]);
    const q = req.method === 'POST' ? (req.body ?? '') : req.url.slice(req.url.indexOf('?') + 1);
    const s = /(?:^|&)Signature=([^&]+)/.exec(q);
    if (s) {
      signatures.add(s[1]);
      signatures.add(decodeURIComponent(s[1]));
    }
    return send(req, signal, ctx);
  };
  return t;
}

function* walk(dir: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

describe('proof: security', function () {
  this.timeout(60_000);
  let emu: Emulator;

  before(async () => {
    emu = await proofEmulator();
    const onCall = (r: Parameters<NonNullable<ConstructorParameters<typeof VolcengineClient>[0]['onCall']>>[0]) => evidence.calls.push(r);
    const volc = new VolcengineClient({ credentials: VOLC, endpoint: emu.volcengineUrl, transport: capturingTransport(), onCall });
    const ali = new AliyunClient({ credentials: ALI, endpoint: emu.aliyunUrl, transport: capturingTransport(), onCall });
    const { region: vr, state } = volcRegion(emu);
    const { region: ar, state: as } = aliRegion(emu);
    // Successes, retried faults, and failures of every kind.
    await settle(() => volc.describeInstances(vr));
    emu.faults.add({ kind: 'internal-error', action: '*', count: 2 });
    emu.faults.add({ kind: 'reset-after', action: '*', count: 2 });
    emu.faults.add({ kind: 'malformed-json', provider: 'volcengine', action: 'DescribeScheduledInstances', count: 1 });
    await settle(() => volc.describeScheduledInstances(vr));
    const ids = state.instances
      .list()
      .slice(0, 30)
      .map((i) => i.InstanceId);
    const del = await settle(() => volc.deleteInstances(vr, [...ids, 'i-nope']));
    if (del.ok) evidence.texts.push(JSON.stringify(del.value));
    await settle(() => ali.describeReservedInstances(ar));
    const src = as.reserved.list().find((r) => r.Status === 'Active' && r.InstanceAmount >= 2)!;
    await settle(() =>
      ali.modifyReservedInstances(ar, {
        reservedInstanceIds: [src.ReservedInstanceId],
        configurations: [{ instanceType: src.InstanceType, instanceAmount: src.InstanceAmount * 2 }],
      }),
    );
    await settle(() => ali.modifyReservedInstances(ar, { reservedInstanceIds: ['bad id'], configurations: [] }));
    // Wrong secret / wrong token: the cloud's SignatureDoesNotMatch answers echo request material.
    for (const creds of [
      { ...VOLC, accessKeySecret: VOLC.accessKeySecret + 'x' },
      { ...VOLC, securityToken: 'WrongToken-' + VOLC.securityToken },
    ]) {
      const bad = new VolcengineClient({ credentials: creds, endpoint: emu.volcengineUrl, transport: capturingTransport(), onCall });
      await settle(() => bad.describeInstances(vr));
      SECRETS.push(creds.accessKeySecret, creds.securityToken!);
    }
    for (const creds of [
      { ...ALI, accessKeySecret: ALI.accessKeySecret + 'x' },
      { ...ALI, securityToken: 'WrongToken-' + ALI.securityToken },
    ]) {
      const bad = new AliyunClient({ credentials: creds, endpoint: emu.aliyunUrl, transport: capturingTransport(), onCall });
      await settle(() => bad.describeReservedInstances(ar));
      SECRETS.push(creds.accessKeySecret, creds.securityToken!);
    }
    // A dead endpoint and a timeout.
    const dead = new VolcengineClient({ credentials: VOLC, endpoint: 'http://127.0.0.1:9', transport: capturingTransport(), onCall });
    await settle(() => dead.describeInstances(vr));
    emu.faults.add({ kind: 'hang', provider: 'volcengine', action: 'DescribeInstances' });
    await settle(() => volc.describeInstances(vr));
  });
  after(async () => emu.stop());

  it('the scenario produced signatures, call records and errors to scan', () => {
    assert.ok(signatures.size >= 10, `signatures captured: ${signatures.size}`);
    assert.ok(evidence.calls.length >= 10);
    assert.ok(evidence.texts.length >= 10);
    assert.ok(
      evidence.calls.some((c) => c.errorCode === 'SignatureDoesNotMatch'),
      'a signature mismatch was provoked',
    );
  });

  it('no secret, STS token or signature in CallRecords, output-channel lines, error texts or stderr', () => {
    const haystacks = [...evidence.calls.map((c) => JSON.stringify(c)), ...evidence.calls.map((c) => formatCall(c)), ...evidence.texts];
    const needles = [...SECRETS, ...signatures].filter((s) => s.length >= 8);
    for (const h of haystacks) {
      for (const n of needles) assert.ok(!h.includes(n), `leak of ${n.slice(0, 6)}… in: ${h.slice(0, 300)}`);
    }
  });

  it('the cloud echo "server string to sign" never reaches an error message', () => {
    for (const h of evidence.texts)
      assert.ok(!/string to sign/i.test(h) || !/CloudError|\[SignatureDoesNotMatch\]/.test(h), h.slice(0, 300));
    const errs = evidence.texts.filter((t) => t.includes('SignatureDoesNotMatch'));
    assert.ok(errs.length > 0);
  });

  it('no secret in files under test-artifacts/ (demo and proof keys)', () => {
    const dir = path.join(ROOT, 'test-artifacts');
    const needles = [...SECRETS, ...DEMO_ACCOUNTS.map((a) => a.accessKeySecret), ...signatures].filter((s) => s.length >= 8);
    let scanned = 0;
    for (const f of walk(dir)) {
      const st = fs.statSync(f);
      if (st.size > 50 * 2 ** 20) continue;
      const buf = fs.readFileSync(f);
      const text = buf.toString('latin1');
      scanned++;
      for (const n of needles) assert.ok(!text.includes(n), `${path.relative(ROOT, f)} contains a secret (${n.slice(0, 6)}…)`);
    }
    if (scanned === 0) console.log('      (no files under test-artifacts/ yet)');
  });

  it('redact() removes signatures, secrets and tokens from any text that carries them', () => {
    const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
    const b64 = fc
      .string({
        unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
        minLength: 27,
        maxLength: 27,
      })
      .map((s) => s + '=');
    const filler = fc.string({ maxLength: 20 }).map((s) => s.replace(/[=&\s:]/g, ''));
    fc.assert(
      fc.property(hex, b64, filler, fc.constantFrom(0, 1, 2, 3, 4, 5), (sigHex, sigB64, f, shape) => {
        const texts = [
          `Authorization: HMAC-SHA256 Credential=AKLTabcdefgh/20240101/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=${sigHex}`,
          `GET /?AccessKeyId=LTAIabcdefgh&Action=X&Signature=${encodeURIComponent(sigB64)}&Timestamp=t ${f}`,
          `{"headers":{"Authorization":"HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=${sigHex}"}}`,
          `${f} x-security-token: ${VOLC.securityToken} ${f}`,
          `SecurityToken=${encodeURIComponent(ALI.securityToken!)}&Signature=${sigB64}`,
          `{"AccessKeySecret":"${ALI.accessKeySecret}","accessKeySecret":"${VOLC.accessKeySecret}"}`,
        ];
        const out = redact(texts[shape]);
        for (const secret of [
          sigHex,
          sigB64,
          encodeURIComponent(sigB64),
          VOLC.securityToken!,
          ALI.securityToken!,
          encodeURIComponent(ALI.securityToken!),
          ALI.accessKeySecret,
          VOLC.accessKeySecret,
        ]) {
          assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('plain http to a non-loopback host is refused (core checkBaseUrl and the clients)', () => {
    const host = fc.oneof(
      fc.domain(),
      fc.ipV4().filter((ip) => !ip.startsWith('127.')),
      fc
        .ipV6()
        .map((ip) => `[${ip}]`)
        .filter((h) => h !== '[::1]' && !/^\[(0{1,4}:){7}0{0,3}1\]$/.test(h)),
      fc.constantFrom(
        '127.0.0.1.nip.io',
        'localhost.evil.com',
        '127.1.2.3.example',
        'evil.com#@localhost',
        'example.com\\@127.0.0.1',
        '[::ffff:8.8.8.8]',
      ),
    );
    fc.assert(
      fc.property(host, fc.option(fc.integer({ min: 1, max: 65535 })), (h, port) => {
        const url = `http://${h}${port ? `:${port}` : ''}`;
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return;
        }
        if (isLiteralLoopback(parsed.hostname)) return;
        assert.throws(
          () => checkBaseUrl(url),
          (e: unknown) => e instanceof CloudError && e.kind === 'config' && (e.code === 'InsecureEndpoint' || e.code === 'InvalidEndpoint'),
          url,
        );
        assert.throws(() => new VolcengineClient({ credentials: VOLC, endpoint: url }), CloudError);
        assert.ok(validateEndpointUrl('s', url).problem, `settings accepted ${url}`);
        if (!parsed.search && !parsed.hash && !parsed.username && !parsed.password)
          assert.doesNotThrow(() => checkBaseUrl(url.replace(/^http:/, 'https:')), url);
      }),
      { numRuns: 3000 },
    );
    for (const ok of ['http://127.0.0.1:8080', 'http://localhost:1', 'http://[::1]:9']) assert.doesNotThrow(() => checkBaseUrl(ok), ok);
  });

  it('only literal loopback hosts count as loopback (a *.localhost name can resolve anywhere)', () => {
    // glibc resolves `x.localhost` through DNS unless systemd-resolved intercepts it: not guaranteed loopback.
    for (const h of ['evil.localhost', 'a.b.localhost']) {
      assert.equal(isLoopbackHost(h), false, `core isLoopbackHost(${h})`);
      assert.throws(() => checkBaseUrl(`http://${h}:8080`), CloudError, `checkBaseUrl accepted http://${h}`);
    }
  });

  it("a workspace cannot redirect signed requests (trusted or not); the user's own value is kept, never dropped for the real cloud", () => {
    const evil = 'https://collector.example.com';
    for (const provider of ['volcengine', 'aliyun'] as const) {
      const d = decideEndpoint({ provider, workspaceValue: evil });
      assert.equal(d.url, undefined, 'workspace value used');
      assert.ok(d.problems.some((p) => p.code === 'workspaceEndpoint'));
      const u = decideEndpoint({ provider, userValue: 'http://127.0.0.1:9000', workspaceValue: evil });
      assert.equal(u.url, 'http://127.0.0.1:9000');
      assert.ok(u.problems.some((p) => p.code === 'workspaceEndpoint'));
      const insecure = decideEndpoint({ provider, userValue: 'http://collector.example.com' });
      assert.equal(insecure.url, undefined);
      assert.ok(insecure.problems.some((p) => p.code === 'insecureUrl' && p.blocking));
    }
  });

  it('package.json marks the endpoint settings as restricted in untrusted workspaces', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const r: string[] = pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    assert.ok(r.includes('ecsExplorer.volcengine.endpoint') && r.includes('ecsExplorer.aliyun.endpoint'));
  });
});

function isLiteralLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The forms a hostile server echoes a value in. */
const ECHO_FORMS: Record<string, (v: string) => string> = {
  raw: (v) => v,
  percentOnce: (v) => encodeURIComponent(v),
  percentTwice: (v) => encodeURIComponent(encodeURIComponent(v)),
  base64: (v) => Buffer.from(v).toString('base64'),
  base64url: (v) => Buffer.from(v).toString('base64url'),
  base64Inside: (v) => Buffer.from(`echo of ${v} for you`).toString('base64'),
};

/** What the request carried that must not come back: header and parameter values, and the account's secret. */
function requestSecrets(req: http.IncomingMessage, body: string, accountSecret: string): Record<string, string> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
  const out: Record<string, string> = { AccessKeySecret: accountSecret };
  const auth = req.headers.authorization;
  if (auth) out.Authorization = auth;
  const token = req.headers['x-security-token'];
  if (typeof token === 'string') out['X-Security-Token'] = token;
  for (const k of ['SecurityToken', 'Signature']) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** Every echoed form of every value the server saw, for the leak check. */
function needlesOf(seen: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const v of Object.values(seen)) {
    for (const f of Object.values(ECHO_FORMS)) out.add(f(v));
    const sig = /Signature=([0-9a-f]{64})/.exec(v);
    if (sig) out.add(sig[1]);
  }
  return [...out].filter((n) => n.length >= 8);
}

describe('proof: a server that echoes request secrets in its errors', function () {
  this.timeout(60_000);
  installVscodeShim();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const items = require('../../../../src/tree/items') as typeof import('../../../../src/tree/items');

  let server: http.Server;
  let base: string;
  /** Which value the next answer echoes, and how. */
  let echo: { field: string; form: string } = { field: 'Authorization', form: 'raw' };
  let seen: Record<string, string> = {};

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body = (body + c).slice(0, 100_000)));
      req.on('end', () => {
        const volc = !!req.headers.authorization;
        seen = requestSecrets(req, body, volc ? VOLC.accessKeySecret : ALI.accessKeySecret);
        const value = seen[echo.field] ?? seen.AccessKeySecret;
        const text = `The request was refused; you sent ${ECHO_FORMS[echo.form](value)} (${echo.field}).`;
        const action = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('Action');
        let status = 400;
        let json: unknown;
        if (volc && action === 'DeleteInstances') {
          status = 200;
          json = {
            ResponseMetadata: { RequestId: 'req-ok', Action: action },
            Result: { OperationDetails: [{ InstanceId: 'i-echo00000001', Error: { Code: 'InvalidInstanceStatus', Message: text } }] },
          };
        } else if (volc) {
          json = {
            ResponseMetadata: { RequestId: `req ${value}`, Action: action, Error: { Code: 'SignatureDoesNotMatch', Message: text } },
          };
        } else {
          json = { RequestId: `req ${value}`, Code: 'SignatureDoesNotMatch', Message: text, Recommend: text };
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  /** Every text a user could see of this error: the error itself, the notification, the log, the tree row. */
  function surfaces(err: unknown): string[] {
    const out: string[] = [];
    if (err instanceof CloudError)
      out.push(
        err.message,
        err.code,
        err.requestId ?? '',
        err.describe(),
        String(err),
        err.stack ?? '',
        JSON.stringify(err),
        inspect(err, { depth: 6 }),
      );
    const { deps, prompts, log } = makeDeps([]);
    reportError(deps, err, 'Delete Instances');
    out.push(...prompts.notices().map((n) => n.message), log.text);
    const info = errorInfo(deps, err);
    out.push(formatErrorBlock(info, guidance(deps, info.code, info.message), enT));
    const item = items.errorItem({ type: 'error', id: 'e1', parent: { type: 'folder' } as never, error: err });
    out.push(
      String(item.label),
      String(item.description),
      (item.tooltip as { value: string }).value,
      item.accessibilityInformation?.label ?? '',
    );
    const s = items.summarizeError(err, 'zh-cn');
    out.push(s.message, s.explain, s.next ?? '', s.requestId ?? '');
    return out;
  }

  function assertClean(texts: string[], needles: string[], what: string) {
    for (const t of texts) for (const n of needles) assert.ok(!t.includes(n), `${what}: ${n.slice(0, 12)}… leaked in: ${t.slice(0, 400)}`);
  }

  const settings = { maxRetries: 0, retryBaseMs: 1, retryMaxMs: 2, headersTimeoutMs: 3000, bodyTimeoutMs: 3000 };

  for (const form of Object.keys(ECHO_FORMS)) {
    it(`Volcengine: Authorization, X-Security-Token and the secret echoed ${form} reach no surface`, async () => {
      const client = new VolcengineClient({ credentials: VOLC, endpoint: base, transportSettings: settings });
      try {
        for (const field of ['Authorization', 'X-Security-Token', 'AccessKeySecret']) {
          echo = { field, form };
          const err = await client.describeInstances('cn-beijing').then(
            () => assert.fail('no error'),
            (e: unknown) => e,
          );
          assert.ok(err instanceof CloudError && err.code === 'SignatureDoesNotMatch', String(err));
          assert.ok(seen[field], `the server saw ${field}`);
          const needles = needlesOf(seen);
          assertClean(surfaces(err), needles, `${field} ${form}`);
          // A per-instance error of DeleteInstances that echoes the same.
          const r = await client.deleteInstances('cn-beijing', ['i-echo00000001']);
          assert.equal(r.outcomes.length, 1);
          assert.equal(r.outcomes[0].code, 'InvalidInstanceStatus');
          assertClean(
            [
              JSON.stringify(r),
              formatOutcomeTable(
                [{ id: 'i-echo00000001', name: 'x', result: 'failed', code: r.outcomes[0].code, message: r.outcomes[0].message }],
                enT,
              ),
            ],
            needlesOf(seen),
            `DeleteInstances ${field} ${form}`,
          );
        }
      } finally {
        await client.close();
      }
    });

    it(`Alibaba: SecurityToken, Signature and the secret echoed ${form} reach no surface`, async () => {
      const client = new AliyunClient({ credentials: ALI, endpoint: base, transportSettings: settings });
      try {
        for (const field of ['SecurityToken', 'Signature', 'AccessKeySecret']) {
          echo = { field, form };
          const err = await client.describeReservedInstances('cn-hangzhou').then(
            () => assert.fail('no error'),
            (e: unknown) => e,
          );
          assert.ok(err instanceof CloudError && err.code === 'SignatureDoesNotMatch', String(err));
          assert.ok(seen[field], `the server saw ${field}`);
          assertClean(surfaces(err), needlesOf(seen), `${field} ${form}`);
        }
      } finally {
        await client.close();
      }
    });
  }

  it('a CloudError built with secrets redacts its message, code, RequestId, field and a foreign cause; it keeps no secret', () => {
    const secret = VOLC.securityToken!;
    const enc = encodeURIComponent(encodeURIComponent(secret));
    const cause = new SyntaxError(`Unexpected token in "{${secret}"`);
    const err = new CloudError({
      kind: 'malformed-response',
      provider: 'volcengine',
      action: 'DescribeInstances',
      region: 'cn-beijing',
      code: `Bad.${secret}.${'y'.repeat(300)}`,
      message: `body said ${enc}`,
      requestId: `rid-${secret}-${'x'.repeat(300)}`,
      field: `Result.${secret}`,
      cause,
      secrets: [secret],
    });
    const texts = [
      err.message,
      err.code,
      err.requestId!,
      err.field!,
      String(err),
      err.stack!,
      JSON.stringify(err),
      inspect(err, { depth: 6 }),
      err.describe(),
    ];
    assertClean(texts, [secret, enc], 'CloudError');
    assert.ok(err.requestId!.length <= 129 && err.code.length <= 129, 'RequestId and code are cut');
    assert.ok(!Object.values(err).some((v) => Array.isArray(v)), 'the secrets are not kept on the error');
    assert.equal((err.cause as Error).name, 'SyntaxError');
  });

  it('an error that is not a CloudError is redacted on the notification and the tree row too', () => {
    const err = new Error(`proxy said: password=${VOLC.accessKeySecret} and {"SecurityToken":"${VOLC.securityToken}"}`);
    assertClean(surfaces(err), [VOLC.accessKeySecret, VOLC.securityToken!], 'plain Error');
  });

  it('the echoed message is still shown, with only the secret replaced', async () => {
    const client = new VolcengineClient({ credentials: VOLC, endpoint: base, transportSettings: settings });
    try {
      echo = { field: 'X-Security-Token', form: 'raw' };
      const err = (await client.describeInstances('cn-beijing').catch((e: unknown) => e)) as CloudError;
      assert.equal(err.message, `The request was refused; you sent ${REDACTED} (X-Security-Token).`);
      assert.equal(err.requestId, `req ${REDACTED}`);
    } finally {
      await client.close();
    }
  });
});
