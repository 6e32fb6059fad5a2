// src uses its dependencies through their public entry points only: a package's root, or a subpath the package
// lists in its `exports`. Internal files (`undici/lib/...`) can move in any minor release.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'".][^'"]*)['"]/gm;

/** The bare module specifiers (not relative paths) a source text imports or requires. */
function specifiers(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => m[1]);
}

/** Why a specifier is not a public entry point, or undefined if it is. */
function notPublic(spec: string): string | undefined {
  if (spec.startsWith('node:') || spec === 'vscode') return undefined;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const sub = spec.slice(name.length);
  if (!sub) return undefined;
  const pkg = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { exports?: unknown };
  const exported = pkg.exports && typeof pkg.exports === 'object' ? Object.keys(pkg.exports) : [];
  return exported.includes(`.${sub}`) ? undefined : `${name} does not export .${sub}`;
}

describe('dependencies through their public entry points', () => {
  it('reads the import forms and tells public from internal paths', () => {
    assert.deepEqual(
      specifiers(
        "import { Pool } from 'undici';\nconst p = require(\"undici/lib/dispatcher/pool\");\nimport 'zod/mini';\nawait import('node:fs');\nimport x from './local';",
      ),
      ['undici', 'undici/lib/dispatcher/pool', 'zod/mini', 'node:fs'],
    );
    assert.equal(notPublic('undici'), undefined);
    assert.equal(notPublic('zod/mini'), undefined);
    assert.match(notPublic('undici/lib/api/api-request') ?? '', /undici does not export/);
    assert.match(notPublic('zod/lib/index') ?? '', /zod does not export/);
  });

  it('no file under src imports an internal file of a package', () => {
    const files = tsFiles(join(root, 'src'));
    assert.ok(files.length > 20, `expected src files, found ${files.length}`);
    const bad = files.flatMap((f) =>
      specifiers(readFileSync(f, 'utf8')).flatMap((s) => {
        const why = notPublic(s);
        return why ? [`${relative(root, f)}: ${s} (${why})`] : [];
      }),
    );
    assert.deepEqual(bad, []);
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    assert.ok(!/undici\/lib/.test(all), 'src names undici/lib');
    assert.ok(!/\bPool\.prototype\b/.test(all), 'src patches Pool.prototype');
  });
});
