/**
 * Rows: the redactor (src/core/redact.ts) in µs per KB of input, on a normal log line and on adversarial text
 * (the backslash run that froze the old regular expressions, quote runs, key soups, a 1 MiB line). The normal
 * line is also timed with the previous regex redactor (copied below) for comparison; on the adversarial inputs
 * that one takes seconds to forever, so it is not run there.
 *
 * Standalone: `npm run compile --silent && node out/test/bench/redact.js [--runs N]`.
 */
import { redact } from '../../src/core/redact';
import { fmtSummary, maybeGc, nowMs, pairs, ratios, Row, summarize, printTable, targetRow } from './stats';

const KNOWN = [
  'UHJvb2ZTZWNyZXQtVm9sYy05ZjNlMmExYg==',
  'STSProofTokenVolc-4b9d7e1c2a',
  'ProofSecretAliyun7d2c91e4',
  'CAIS.ProofTokenAliyun-8e1f3b',
];
const NORMAL =
  'volcengine cn-beijing DeleteInstances ClientToken=ecsx-3f2c9a4e-1b7d-4e0a-9c55-2d8f6b1a7e30 RequestId=20240501080000ABCDEF0123456789 HTTP 200 1 attempt 84 ms';

/** Adversarial inputs of about `kb` KB each. */
function adversarial(kb: number): [string, string][] {
  const n = kb * 1024;
  const mix = [
    'password',
    '"',
    "'",
    '\\',
    ':',
    '=',
    '&',
    '://',
    '@',
    ' ',
    '\n',
    'Signature',
    'x-security-token',
    'LTAI',
    'STS.',
    '-',
    '{',
    '}',
  ];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed / 0x7fffffff);
  let soup = '';
  while (soup.length < n) soup += mix[Math.floor(rnd() * mix.length)];
  return [
    [`{"password":" + backslashes`, `{"password":"${'\\'.repeat(n - 13)}`],
    ['quote run', '"'.repeat(n)],
    ['"password": repeated', '"password":'.repeat(Math.ceil(n / 11))],
    ['key/separator soup', soup],
    ['one 1 MiB line', 'x'.repeat(1 << 20)],
  ];
}

// ---- the previous redactor (regular expressions), for the normal-line comparison only
const OLD_KEYS = [
  'authorization',
  'proxy-authorization',
  'signature',
  'x-security-token',
  'x-acs-security-token',
  'securitytoken',
  'security_token',
  'sessiontoken',
  'session_token',
  'accesskeysecret',
  'access_key_secret',
  'secretaccesskey',
  'secret_access_key',
  'secretkey',
  'secret_key',
  'secret',
  'password',
  'passwd',
  'x-acs-signature-nonce',
  'signaturenonce',
  'cookie',
  'set-cookie',
];
const OLD_ALT = OLD_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|');
const OLD = [
  new RegExp(`(["'](?:${OLD_ALT})["']\\s*:\\s*)(["'])((?:\\\\.|(?!\\2).)*)\\2`, 'gi'),
  new RegExp(`(^|[\\s{,;])((?:${OLD_ALT})\\s*:\\s*)([^\\r\\n]+)`, 'gim'),
  new RegExp(`((?:^|[?&\\s,;(])(?:${OLD_ALT})=)([^&\\s,;)]+)`, 'gi'),
  /(Signature=)[0-9a-fA-F]{16,}/g,
  /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi,
  /\b(AKLT|AKTP|LTAI|STS\.)([A-Za-z0-9]{6,})/g,
];
function oldRedact(text: string, known: string[]): string {
  let out = text;
  for (const v of known) out = out.split(v).join('[REDACTED]');
  out = out.replace(OLD[0], (_m, k: string, q: string) => `${k}${q}[REDACTED]${q}`);
  out = out.replace(OLD[1], (_m, pre: string, k: string) => `${pre}${k}[REDACTED]`);
  out = out.replace(OLD[2], (_m, k: string) => `${k}[REDACTED]`);
  out = out.replace(OLD[3], (_m, k: string) => `${k}[REDACTED]`);
  out = out.replace(OLD[4], (_m, a: string, _p: string, at: string) => `${a}[REDACTED]${at}`);
  return out.replace(OLD[5], (m) => `${m.slice(0, 4)}…${m.slice(-3)}`);
}

/** µs per KB of `text`, redacting it `reps` times. */
function usPerKb(f: (s: string, k: string[]) => string, text: string, known: string[], reps: number): number {
  let sink = 0;
  const t0 = nowMs();
  for (let i = 0; i < reps; i++) sink += f(text, known).length;
  const ms = nowMs() - t0;
  if (sink < 0) throw new Error('unreachable');
  return (ms * 1000) / reps / (text.length / 1024);
}

export async function redactRows(runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const known of [[], KNOWN]) {
    const label = known.length ? `, ${known.length} known secrets` : '';
    const reps = 20_000;
    usPerKb(redact, NORMAL, known, reps);
    usPerKb(oldRedact, NORMAL, known, reps);
    const r = await pairs(runs, async (i) => {
      maybeGc();
      const a = i % 2 === 0;
      const first = usPerKb(a ? redact : oldRedact, NORMAL, known, reps);
      const second = usPerKb(a ? oldRedact : redact, NORMAL, known, reps);
      return a ? { ours: first, baseline: second } : { ours: second, baseline: first };
    });
    const ratio = summarize(ratios(r.baseline, r.ours));
    rows.push({
      what: `redact a normal log line (${NORMAL.length} chars${label})`,
      ours: fmtSummary(summarize(r.ours), 'µs/KB'),
      comparedWith: 'the previous regex redactor',
      baseline: fmtSummary(summarize(r.baseline), 'µs/KB'),
      ratio: fmtSummary(ratio, '× (its time / ours)'),
      target: '≤ 200 µs/KB',
      verdict: summarize(r.ours).median <= 200 ? 'met' : 'MISSED',
      notes: [`${runs} runs of ${reps} lines, order alternated per run.`],
    });
  }
  for (const [name, text] of adversarial(64)) {
    const reps = text.length > 100_000 ? 5 : 20;
    redact(text, KNOWN);
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      maybeGc();
      xs.push(usPerKb(redact, text, KNOWN, reps));
    }
    const s = summarize(xs);
    rows.push(
      targetRow(
        `redact adversarial text: ${name} (${Math.round(text.length / 1024)} KB, ${KNOWN.length} known secrets)`,
        fmtSummary(s, 'µs/KB'),
        '≤ 200 µs/KB (linear)',
        s.median <= 200,
        name.includes('backslashes')
          ? [
              'the previous regex redactor is not run on adversarial text: on this one it backtracks exponentially (about 2 s at 36 backslashes, some 3× more with every 2 more).',
            ]
          : undefined,
      ),
    );
  }
  return rows;
}

if (require.main === module) {
  const i = process.argv.indexOf('--runs');
  const runs = Math.max(3, Number(i >= 0 ? process.argv[i + 1] : 5));
  redactRows(runs).then(
    (rows) => console.log(printTable(rows)),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
