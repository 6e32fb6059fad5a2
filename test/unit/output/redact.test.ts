import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCall, formatErrorBlock, formatOutcomeTable, formatParams, formatTable } from '../../../src/output/format';
import { maskKeyId, redact, REDACTED } from '../../../src/output/redact';
import { MAX_REDACT_LINE, redactCounted } from '../../../src/core/redact';
import { enT, zhT } from '../../support/helpers';

const VOLC_AK = 'AKLTZGVtby1lY3MtZXhwbG9yZXI';
const VOLC_SK = 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==';
const ALI_AK = 'LTAI5tDemoEcsExplorer01';
const ALI_SK = 'DemoAliyunSecretEcsExplorer01';
const SIG_HEX = 'f0e1d2c3b4a5968778695a4b3c2d1e0ff0e1d2c3b4a5968778695a4b3c2d1e0f';
const ALI_SIG = 'Zm9vYmFyYmF6cXV4cXV1eA%3D%3D';

/** Texts a careless caller might hand the log: headers, queries, JSON, URLs, error messages. */
function leaky(secret: string): string[] {
  return [
    `Authorization: HMAC-SHA256 Credential=${VOLC_AK}/20250301/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=${SIG_HEX}`,
    `GET /?Action=DescribeRegions&AccessKeyId=${ALI_AK}&Signature=${ALI_SIG}&SignatureNonce=abc123def456 HTTP/1.1`,
    `{"accessKeySecret":"${secret}","AccessKeyId":"${ALI_AK}"}`,
    `{'SecretAccessKey': '${secret}'}`,
    `X-Security-Token: ${secret}`,
    `https://user:${secret}@proxy.example.com:8080/`,
    `SecurityToken=${secret}&Format=JSON`,
    `secret=${secret}`,
    `password: ${secret}`,
  ];
}

describe('actions: redaction', () => {
  it('removes signatures, Authorization headers and secret values from every text shape', () => {
    for (const line of leaky(VOLC_SK)) {
      const out = redact(line);
      assert.ok(!out.includes(VOLC_SK), out);
      assert.ok(!out.includes(SIG_HEX), out);
      assert.ok(!out.includes(ALI_SIG), out);
      assert.ok(!out.includes(VOLC_AK) && !out.includes(ALI_AK), out);
    }
  });

  it('scrubs registered values wherever they appear', () => {
    const out = redact(`weird ${ALI_SK} text and ${VOLC_SK}.`, [ALI_SK, VOLC_SK]);
    assert.equal(out, `weird ${REDACTED} text and ${REDACTED}.`);
  });

  it('masks AccessKey IDs but keeps them recognisable', () => {
    assert.equal(maskKeyId(VOLC_AK), 'AKLT…ZXI');
    assert.match(redact(`key ${ALI_AK} used`), /key LTAI…r01 used/);
  });

  it('leaves ordinary log text alone', () => {
    const s = 'volcengine cn-beijing DeleteInstances ClientToken=ecsx-1 RequestId=2024FF44 HTTP 200 1 attempt 12 ms';
    assert.equal(redact(s), s);
    const e = '[SignatureDoesNotMatch] The request signature we calculated does not match (aliyun DescribeRegions)';
    assert.equal(redact(e), e);
  });

  it('every formatting path, fed secrets, writes none after redaction', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9+/]{16,40}={0,2}$/), (secret) => {
        const texts: string[] = [];
        for (const leak of leaky(secret)) {
          texts.push(formatErrorBlock({ code: 'X', message: leak, requestId: leak }, { explain: leak, next: leak }, enT));
          texts.push(formatOutcomeTable([{ id: 'i-1', name: leak, result: 'failed', code: 'C', message: leak }], zhT));
          texts.push(formatParams({ ReservedInstanceName: leak }));
          texts.push(formatTable(['a'], [[leak]]));
          texts.push(
            formatCall({ provider: 'aliyun', action: leak, region: 'cn-hangzhou', attempts: 1, durationMs: 1, clientToken: leak }),
          );
        }
        for (const t of texts) {
          const out = redact(t, [secret]);
          assert.ok(!out.includes(secret), out);
          assert.ok(!out.includes(SIG_HEX) && !out.includes(ALI_SIG), out);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('text crafted to make regular expressions backtrack is redacted in steps linear in its length', () => {
    // `{"password":"` and a run of backslashes froze the old patterns (exponential backtracking).
    for (const n of [40, 41, 60, 1000, 100_000]) {
      for (const [text, expected] of [
        [`{"password":"${'\\'.repeat(n)}`, `{"password":"${REDACTED}`],
        [`{"password":"${'\\'.repeat(n)}x`, `{"password":"${REDACTED}`],
        [`{'secret': '${'\\'.repeat(n)}'} ok`, n % 2 ? `{'secret': '${REDACTED}` : `{'secret': '${REDACTED}'} ok`],
        [`${'"'.repeat(n)}password":"x`, `${'"'.repeat(n)}password":"${REDACTED}`],
      ]) {
        const r = redactCounted(text);
        assert.equal(r.text, expected.length > MAX_REDACT_LINE ? r.text : expected);
        assert.ok(r.steps <= 10 * (text.length + 1), `${r.steps} steps for ${text.length} characters`);
      }
    }
  });

  it('a value that runs to the end of the line is scanned inside: a key there hides its value on the next line', () => {
    assert.equal(
      redact('Authorization: {"Authorization":\n  "S3crAAAA", "next": 1}'),
      `Authorization: ${REDACTED}\n  "${REDACTED}", "next": 1}`,
    );
    assert.equal(redact('{"note":"x", "secret":"open {\'token\': \n"}'), `{"note":"x", "secret":"${REDACTED}\n"}`);
    // JSON inside a JSON string: the escaped key hides the rest of the line.
    assert.equal(redact('{"Message":"body {\\"password\\":\\"S3cr\\", \\"a\\":1}"}'), `{"Message":"body {\\"password\\":${REDACTED}`);
  });

  it('a known value is scrubbed percent-encoded once or twice, in base64 and base64url, and inside longer base64', () => {
    const secret = 'Tok/en+Value=42';
    const forms = [
      encodeURIComponent(secret),
      encodeURIComponent(encodeURIComponent(secret)),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
    ];
    for (const f of forms) assert.equal(redact(`echo ${f} end`, [secret]), `echo ${REDACTED} end`, f);
    for (const pre of ['', 'a', 'ab', 'abc']) {
      const b64 = Buffer.from(`${pre}X-Security-Token: ${secret}; more`).toString('base64');
      const out = redact(b64, [secret]);
      assert.ok(out.includes(REDACTED), `${pre}: ${out}`);
      assert.ok(!Buffer.from(out.replace(REDACTED, ''), 'base64').toString('latin1').includes(secret));
    }
  });

  it('cuts lines longer than the limit after redaction, with a marker of what was left out', () => {
    const long = `${'x'.repeat(MAX_REDACT_LINE + 10)}\nnext`;
    assert.equal(redact(long), `${'x'.repeat(MAX_REDACT_LINE)}…[+10]\nnext`);
  });
});
