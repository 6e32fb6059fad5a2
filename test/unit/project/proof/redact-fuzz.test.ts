/**
 * The redactor (src/core/redact.ts) on generated and adversarial text: planted secrets after every key form are
 * gone, known values are gone in every encoded form, text without secrets is unchanged, and the scanner's work
 * is linear in the input (its step counter, not the clock).
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { knownForms, MAX_REDACT_INPUT, MAX_REDACT_LINE, redact, redactCounted, REDACTED } from '../../../../src/core/redact';

/** Steps per input character the scanner may take (each character is examined a bounded number of times). */
const STEPS_PER_CHAR = 10;

function assertLinear(text: string, known: string[] = []): string {
  const r = redactCounted(text, known);
  assert.ok(
    r.steps <= STEPS_PER_CHAR * (Math.min(text.length, MAX_REDACT_INPUT) + 1),
    `${r.steps} steps for ${text.length} characters: ${JSON.stringify(text.slice(0, 80))}`,
  );
  return r.text;
}

/** Key names as they are written: case, `-`/`_` and prefixes vary. */
const KEY_NAMES = [
  'Authorization',
  'proxy-authorization',
  'Signature',
  'X-Security-Token',
  'x-acs-security-token',
  'SecurityToken',
  'security_token',
  'SessionToken',
  'AccessKeySecret',
  'access_key_secret',
  'SecretAccessKey',
  'secret_key',
  'secret',
  'PASSWORD',
  'passwd',
  'SignatureNonce',
  'x-acs-signature-nonce',
  'Cookie',
  'Set-Cookie',
  'db_password',
  'clientSecret',
];
const keyName = fc.constantFrom(...KEY_NAMES);
/** A secret value: no separator of any key form in it. */
const secretValue = fc
  .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='), minLength: 4, maxLength: 40 })
  .map((s) => `S3cr${s}`);
/** Plant a value after a key, in each shape a log line or server message may have. */
const plant = fc.constantFrom(
  (k: string, v: string) => `{"${k}":"${v}"}`,
  (k: string, v: string) => `{'${k}' : '${v}'}`,
  (k: string, v: string) => `{"${k}":\n  "${v}", "next": 1}`,
  (k: string, v: string) => `{"${k}": ${v}}`,
  (k: string, v: string) => `"${k}":"${v}`, // cut before the closing quote
  (k: string, v: string) => `${k}: ${v}`,
  (k: string, v: string) => `${k}:${v} and more`,
  (k: string, v: string) => `?a=1&${k}=${v}&b=2`,
  (k: string, v: string) => `(${k}=${v})`,
  (k: string, v: string) => `${k}=${v}, next`,
  (k: string, v: string) => `https://${k}:${v}@proxy.example.com/`,
);
/** Noise from the same vocabulary the scanner reacts to. */
const noisePiece = fc.oneof(
  fc.constantFrom(
    '"',
    "'",
    '\\',
    '\\\\',
    ':',
    '=',
    '&',
    '://',
    '@',
    ' ',
    '\n',
    '\r\n',
    '{',
    '}',
    ',',
    '-',
    '_',
    'STS.',
    'LTAI',
    'AKLT',
    'null',
    '…',
  ),
  keyName,
  fc.string({ maxLength: 6 }),
);
const noise = fc.array(noisePiece, { maxLength: 30 }).map((a) => a.join(''));

describe('proof: redaction fuzz', function () {
  this.timeout(120_000);

  it('a secret planted after any key form, amid noise, is gone; the work stays linear', () => {
    fc.assert(
      fc.property(noise, keyName, secretValue, plant, noise, (before, k, v, shape, after) => {
        const text = `${before} ${shape(k, v)} ${after}`;
        const out = assertLinear(text);
        assert.ok(!out.includes(v), `${v} survived in ${JSON.stringify(out)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('a known value is gone raw, percent-encoded once or twice, in base64 or base64url, alone or inside encoded text', () => {
    const encodings: ((v: string) => string)[] = [
      (v) => v,
      (v) => encodeURIComponent(v),
      (v) => encodeURIComponent(encodeURIComponent(v)),
      (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      (v) => Buffer.from(v).toString('base64'),
      (v) => Buffer.from(v).toString('base64url'),
    ];
    fc.assert(
      fc.property(
        fc.string({ minLength: 6, maxLength: 80 }),
        fc.string({ maxLength: 5 }),
        fc.string({ maxLength: 5 }),
        fc.nat(encodings.length - 1),
        fc.boolean(),
        noise,
        (secret, pre, post, e, inside, around) => {
          const shown =
            inside && e >= 4 ? Buffer.from(`${pre}${secret}${post}`).toString(e === 4 ? 'base64' : 'base64url') : encodings[e](secret);
          const out = assertLinear(`${around} ${shown} ${around}`, [secret]);
          // No form of the secret is left: not the plain value, not an encoding, not a base64 run that decodes to it.
          for (const f of knownForms(secret)) assert.ok(!out.includes(f), `${JSON.stringify(f)} survived in ${JSON.stringify(out)}`);
          assert.ok(!out.includes(shown), `${shown} survived`);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('text without secrets is unchanged', () => {
    const safe = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            'volcengine',
            'cn-beijing',
            'DeleteInstances',
            'RequestId=2024FF44',
            'ClientToken=ecsx-1',
            'HTTP 200',
            '"InstanceId":"i-abc"',
            "'Name': 'web'",
            'http://127.0.0.1:8080/',
            'https://ecs.aliyuncs.com/?Action=X',
            'The request signature we calculated does not match',
            '[SignatureDoesNotMatch]',
            '\\',
            '\\"',
            '"',
            ':',
            ' ',
            '\n',
            '实例',
            'Token',
            'key',
            'a=b',
            'x: y',
            '{',
            '}',
            '=',
            '&',
            '@',
          ),
          fc.string({ unit: fc.constantFrom(...'abcdefghij0123456789 .,;:!?()[]{}'), maxLength: 8 }),
        ),
        { maxLength: 40 },
      )
      .map((a) => a.join(' '));
    fc.assert(
      fc.property(safe, (text) => {
        assert.equal(assertLinear(text), text);
      }),
      { numRuns: 3000 },
    );
  });

  it('adversarial runs (backslashes, quotes, repeated keys, URLs, dashes, ID prefixes) take linear steps', () => {
    const families: Record<string, (n: number) => string> = {
      backslashes: (n) => `{"password":"${'\\'.repeat(n)}`,
      backslashesThenQuote: (n) => `{"password":"${'\\'.repeat(n)}x"}`,
      quotes: (n) => '"'.repeat(n),
      quoteKey: (n) => '"password":'.repeat(Math.ceil(n / 11)),
      quotedKeysNoColon: (n) => '"password"  \n '.repeat(Math.ceil(n / 15)),
      openQuotes: (n) => '"a'.repeat(Math.ceil(n / 2)),
      urls: (n) => 'a://b:'.repeat(Math.ceil(n / 6)),
      urlsNoAt: (n) => `x://u:${'p:'.repeat(n)}`,
      queryKeys: (n) => 'password='.repeat(Math.ceil(n / 9)),
      headerKeys: (n) => 'password :'.repeat(Math.ceil(n / 10)),
      dashes: (n) => '-'.repeat(n),
      dashedKeys: (n) => `${'-_'.repeat(n)}secret: x`,
      idPrefixes: (n) => 'LTAI-'.repeat(Math.ceil(n / 5)),
      stsPrefixes: (n) => 'STS.'.repeat(Math.ceil(n / 4)),
      longLine: (n) => 'x'.repeat(n),
    };
    for (const make of Object.values(families)) {
      for (const n of [10, 100, 1000, 10_000, 100_000]) {
        const text = make(n);
        assertLinear(text);
        assertLinear(text, ['passwordpassword', '\\\\\\\\\\\\', 'aaaaaaaaaaaa']);
      }
    }
    // The shape that froze the old regular expressions: redacted, not stuck.
    const frozen = redact(`{"password":"${'\\'.repeat(60)}`);
    assert.equal(frozen, `{"password":"${REDACTED}`);
  });

  it('random mixes of key names and separators take linear steps', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(noisePiece, keyName), { maxLength: 400 }), (parts) => {
        assertLinear(parts.join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('very long lines and texts are cut with a marker after redaction; a secret at the cut is not half shown', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 60 }), secretValue, keyName, (shift, v, k) => {
        const planted = `${k}=${v}`;
        const text = `${'y'.repeat(MAX_REDACT_LINE + shift)}${planted} tail`;
        const out = assertLinear(text, [v]);
        const line = out.split('\n')[0];
        assert.ok(line.length <= MAX_REDACT_LINE + 20, `line of ${line.length}`);
        assert.ok(!out.includes(v.slice(0, 8)), `part of ${v} shown: …${out.slice(-80)}`);
      }),
      { numRuns: 300 },
    );
    const secret = 'S3cretValueAtTheCut0123456789';
    for (const shift of [-40, -20, -5, -1, 0, 1, 5]) {
      const text = `${'z'.repeat(MAX_REDACT_INPUT + shift)}${secret}${'z'.repeat(100)}`;
      const out = assertLinear(text, [secret]);
      assert.ok(!out.includes(secret.slice(0, 6)), `shift ${shift}: part of the known value shown`);
      assert.match(out, /…\[\+\d+\]$/);
    }
  });
});
