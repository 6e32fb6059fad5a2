/** Rows: bundle size (dist/extension.js as built by `npm run build`) and VSIX size (vsce package, offline). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Row } from './stats';

const ROOT = path.resolve(__dirname, '../../..');

export async function sizeRows(): Promise<Row[]> {
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const kb = (n: number) => n / 1024;
  const b = fs.statSync(bundle).size;
  const rows: Row[] = [
    {
      what: 'bundle size (dist/extension.js)',
      ours: `${kb(b).toFixed(1)} KB`,
      comparedWith: '—',
      baseline: '',
      ratio: '',
      target: '≤ 400 KB',
      verdict: kb(b) <= 400 ? 'met' : 'MISSED',
    },
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-bench-vsix-'));
  try {
    const out = path.join(tmp, 'bench.vsix');
    execFileSync(process.execPath, [path.join(ROOT, 'test', 'harness', 'package.js'), '-o', out, '--no-build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const v = fs.statSync(out).size;
    const list = execFileSync('unzip', ['-l', out], { encoding: 'utf8' }).trim().split('\n');
    rows.push({
      what: 'VSIX size',
      ours: `${kb(v).toFixed(1)} KB`,
      comparedWith: '—',
      baseline: '',
      ratio: '',
      target: '≤ 500 KB',
      verdict: kb(v) <= 500 ? 'met' : 'MISSED',
      notes: [`${list[list.length - 1].replace(/\s+/g, ' ').trim()} (unzip -l)`],
    });
  } catch (e) {
    rows.push({ what: 'VSIX size', ours: 'n/a', comparedWith: '—', baseline: '', ratio: '', target: '≤ 500 KB', verdict: 'missing', notes: [`packaging failed: ${(e as Error).message.split('\n')[0]}`] });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
