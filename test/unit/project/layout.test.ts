import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

/** Files under `dir`, as paths relative to it with `/` separators. */
function files(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, r) : [r];
  });
}

/** Unit tests (paths relative to test/unit) whose folder has no counterpart under src/; project/ is exempt. */
function misplaced(tests: string[], isSrcDir: (rel: string) => boolean): string[] {
  return tests.filter((t) => {
    const dir = posix.dirname(t);
    if (dir === 'project' || dir.startsWith('project/')) return false;
    return !isSrcDir(dir === '.' ? '' : dir);
  });
}

describe('test layout: unit tests mirror src', () => {
  it('flags a test in a folder src/ does not have', () => {
    const srcDirs = new Set(['', 'core', 'core/http', 'tree']);
    assert.deepEqual(
      misplaced(
        [
          'core/http/call.test.ts',
          'tree/goto.test.ts',
          'x.test.ts',
          'project/docs/a.test.ts',
          'ext/tree.test.ts',
          'http/call.test.ts',
          'core/sign/a.test.ts',
        ],
        (d) => srcDirs.has(d),
      ),
      ['ext/tree.test.ts', 'http/call.test.ts', 'core/sign/a.test.ts'],
    );
  });

  it('every test/unit/**/*.test.ts sits under test/unit/project or a folder that exists under src/', () => {
    const tests = files(join(root, 'test', 'unit')).filter((f) => f.endsWith('.test.ts'));
    assert.ok(tests.length > 50, `${tests.length} test files found`);
    const isSrcDir = (rel: string) => {
      const p = join(root, 'src', rel);
      return existsSync(p) && statSync(p).isDirectory();
    };
    assert.deepEqual(misplaced(tests, isSrcDir), []);
  });
});
