// The lint's escape hatches stay narrow: every eslint-disable comment names the rules it turns off (ESLint itself
// fails on one that suppresses nothing: reportUnusedDisableDirectives in eslint.config.mjs).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js|mjs)$/.test(n) ? [p] : [];
  });
}

/** eslint-disable comments that name no rule (they would turn off every rule). */
function blanket(text: string): string[] {
  return [...text.matchAll(/(?:\/\/|\/\*)\s*eslint-disable(?:-next-line|-line)?\b([^\n*]*)/g)]
    .filter((m) => !/^\s+@?[a-z]/.test(m[1]))
    .map((m) => m[0].trim());
}

describe('lint comments', () => {
  it('tells a blanket eslint-disable from one that names its rule', () => {
    const d = ['eslint', 'disable'].join('-'); // spelled apart so this file does not match itself
    assert.deepEqual(blanket(`// ${d}-next-line\nx;\n/* ${d} */\n`), [`// ${d}-next-line`, `/* ${d}`]);
    assert.deepEqual(blanket(`// ${d}-next-line no-control-regex -- why\n/* ${d} @typescript-eslint/no-explicit-any */\n`), []);
  });

  it('every eslint-disable in src, test and the build scripts names a rule; unused ones fail the lint', () => {
    const all = [...files(join(root, 'src')), ...files(join(root, 'test')), join(root, 'esbuild.js')];
    const bad = all.flatMap((f) => blanket(readFileSync(f, 'utf8')).map((c) => `${relative(root, f)}: ${c}`));
    assert.deepEqual(bad, []);
    assert.match(readFileSync(join(root, 'eslint.config.mjs'), 'utf8'), /reportUnusedDisableDirectives: 'error'/);
  });

  it('npm run lint checks the layout with Prettier over the same paths as ESLint', () => {
    const lint = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.lint;
    const [eslint, prettier] = lint.split(' && ');
    assert.match(eslint, /^eslint /);
    assert.equal(prettier, eslint.replace(/^eslint /, 'prettier --check '));
  });
});
