/**
 * Rows: bundle size (dist/extension.js, the entry loaded at activation, + dist/extensionMain.js, loaded just after activation,
 * + dist/undici.js, loaded for the first request or 1 s after; as built by `npm run build`) and VSIX size (vsce package, offline).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { targetRow, type Row } from './stats';

const ROOT = path.resolve(__dirname, '../../..');

export async function sizeRows(): Promise<Row[]> {
  const files = ['extension.js', 'extensionMain.js', 'undici.js'].map((f) => path.join(ROOT, 'dist', f));
  for (const f of files) if (!fs.existsSync(f)) throw new Error(`${path.relative(ROOT, f)} is missing: run \`npm run build\` first`);
  const kb = (n: number) => n / 1024;
  const [entry, main, undici] = files.map((f) => fs.statSync(f).size);
  const b = entry + main + undici;
  const rows: Row[] = [
    targetRow(
      'bundle size (dist/extension.js + dist/extensionMain.js + dist/undici.js)',
      `${kb(b).toFixed(1)} KB`,
      '≤ 800 KB',
      kb(b) <= 800,
      [
        `entry loaded at activation ${kb(entry).toFixed(1)} KB; the main bundle ${kb(main).toFixed(1)} KB, loaded just after activation (at once if a command runs first); undici ${kb(undici).toFixed(1)} KB, loaded for the first request or 1 s after the main bundle.`,
      ],
    ),
  ];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-bench-vsix-'));
  try {
    const out = path.join(tmp, 'bench.vsix');
    execFileSync(process.execPath, [path.join(ROOT, 'test', 'harness', 'package.js'), '-o', out, '--no-deps'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const v = fs.statSync(out).size;
    const list = execFileSync('unzip', ['-l', out], { encoding: 'utf8' }).trim().split('\n');
    rows.push(
      targetRow('VSIX size', `${kb(v).toFixed(1)} KB`, '≤ 500 KB', kb(v) <= 500, [
        `${list[list.length - 1].replace(/\s+/g, ' ').trim()} (unzip -l)`,
      ]),
    );
  } catch (e) {
    rows.push(targetRow('VSIX size', 'n/a', '≤ 500 KB', 'missing', [`packaging failed: ${(e as Error).message.split('\n')[0]}`]));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}
