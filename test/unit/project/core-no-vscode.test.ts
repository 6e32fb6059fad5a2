import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');
const core = join(root, 'src', 'core');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const VSCODE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]vscode(?:\/[^'"]*)?['"]/m;

describe('src/core has no vscode import', () => {
  it('detects the import forms', () => {
    for (const s of [
      "import * as vscode from 'vscode';",
      'import type { Uri } from "vscode";',
      "const v = require('vscode');",
      "await import('vscode')",
      "import 'vscode';",
    ]) {
      assert.ok(VSCODE.test(s), s);
    }
    assert.ok(!VSCODE.test("// mentions vscode-free code\nimport x from './vscode-like';"));
  });

  it('no file under src/core imports vscode', () => {
    const files = tsFiles(core);
    assert.ok(files.length > 10, `expected src/core files, found ${files.length}`);
    const bad = files.filter((f) => VSCODE.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    assert.deepEqual(bad, []);
  });
});
