/**
 * The final stage of `npm test` (test/harness/secret-scan.js): it must find what it looks for — planted
 * secrets in text and binary stores, unredacted signatures — and stay quiet on redacted text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_ACCOUNTS } from '../../../emulator/index';
import { redact } from '../../../../src/output/redact';
import { ALI, VOLC } from './helpers';

const ROOT = path.resolve(__dirname, '../../../../..');

interface Finding {
  file: string;
  what: string;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const scanner = require(path.join(ROOT, 'test', 'harness', 'secret-scan.js')) as {
  collectNeedles(root?: string): string[];
  scan(dirs: string[], needles: string[], o?: { skipDirs?: string[] }): { findings: Finding[]; files: number; bytes: number };
  shippedFiles(root?: string): string[];
};

describe('proof: the final secret scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const put = (rel: string, data: string | Buffer) => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, data);
    return f;
  };

  it('collects the secrets the tests use: demo, proof and STS values, and nothing shorter than 8', () => {
    const needles = scanner.collectNeedles(ROOT);
    for (const s of [
      ...DEMO_ACCOUNTS.map((a) => a.accessKeySecret),
      VOLC.accessKeySecret,
      ALI.accessKeySecret,
      VOLC.securityToken!,
      ALI.securityToken!,
    ]) {
      assert.ok(needles.includes(s), `missing needle ${s.slice(0, 4)}…`);
    }
    assert.ok(needles.every((n) => n.length >= 8));
    assert.ok(!needles.some((n) => DEMO_ACCOUNTS.some((a) => a.accessKeyId === n)), 'AccessKey IDs are not secrets');
  });

  it('finds a planted secret in nested text, in UTF-16 and inside binary data, naming only its start', () => {
    const secret = ALI.accessKeySecret;
    put('a/b/c/ECS Explorer.log', `line\ncalled with ${secret}\n`);
    put('profile/IndexedDB/000003.log', Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from(secret, 'utf16le'), Buffer.from([9])]));
    put('profile/state.vscdb', Buffer.concat([Buffer.alloc(100, 7), Buffer.from(VOLC.securityToken!, 'latin1'), Buffer.alloc(10)]));
    put('clean.txt', 'nothing to see');
    const r = scanner.scan([dir], [secret, VOLC.securityToken!]);
    assert.equal(r.files, 4);
    assert.deepEqual(r.findings.map((f) => path.relative(dir, f.file)).sort(), [
      'a/b/c/ECS Explorer.log',
      'profile/IndexedDB/000003.log',
      'profile/state.vscdb',
    ]);
    for (const f of r.findings) assert.ok(!f.what.includes(secret) && !f.what.includes(VOLC.securityToken!), f.what);
  });

  it('finds unredacted signatures (Volcengine, Alibaba V1 and V3) and passes the redacted ones', () => {
    const volc =
      'Authorization: HMAC-SHA256 Credential=AKLTabc/20261124/cn-beijing/ecs/request, SignedHeaders=host;x-date, Signature=' +
      'a1'.repeat(32);
    const v1 = 'GET /?Action=DescribeReservedInstances&Signature=Qx%2Bz9kLmN0pQrStUvWxYz12345%3D&Timestamp=2026';
    const v3 = 'ACS3-HMAC-SHA256 Credential=LTAIabc,SignedHeaders=host;x-acs-date,Signature=' + '0f'.repeat(32);
    put('volc.log', volc);
    put('v1.log', v1);
    put('v3.log', v3);
    put('redacted.log', [volc, v1, v3].map((t) => redact(t)).join('\n'));
    const r = scanner.scan([dir], []);
    assert.deepEqual(r.findings.map((f) => path.basename(f.file)).sort(), ['v1.log', 'v3.log', 'volc.log']);
  });

  it('skips installed extension packages in profiles; the shipped files are scanned from the repo, README aside', () => {
    put('state/extensions/ecs-explorer.ecs-explorer-0.1.0/readme.md', ALI.accessKeySecret);
    put('state/User/settings.json', '{}');
    const r = scanner.scan([dir], [ALI.accessKeySecret], { skipDirs: ['extensions'] });
    assert.equal(r.files, 1);
    assert.deepEqual(r.findings, []);
    const shipped = scanner.shippedFiles(ROOT).map((f) => path.relative(ROOT, f));
    for (const f of ['dist', 'l10n', 'package.json', 'package.nls.json', 'package.nls.zh-cn.json']) assert.ok(shipped.includes(f), f);
    assert.ok(!shipped.some((f) => /readme/i.test(f)));
  });

  it('a clean tree gives no findings', () => {
    put('x/y.log', 'Signature=[REDACTED] and AKLT…3xQ');
    assert.deepEqual(scanner.scan([dir], scanner.collectNeedles(ROOT)).findings, []);
  });
});
