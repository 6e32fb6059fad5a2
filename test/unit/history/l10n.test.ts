import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, zhBundle } from '../../support/helpers';

describe('history and export: localization', () => {
  it('every runtime text of the History view and Export has a zh-cn translation', () => {
    const files = ['src/history/view.ts', 'src/export/commands.ts'].map((f) => path.join(repoRoot, f));
    const re = /\b(?:l10n\.)?t\(\s*(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")/g;
    const missing: string[] = [];
    let n = 0;
    for (const f of files) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(re)) {
        n++;
        const key = (m[1] ?? m[2]).replace(/\\'/g, "'");
        if (!(key in zhBundle)) missing.push(key);
      }
    }
    // Command names and outcomes kept in English in the history file, shown translated.
    for (const k of [
      'Delete Instances',
      'Delete the Others…',
      'Cancel Reservation',
      'Split Reserved Instance',
      'Merge Reserved Instances',
      'Change Reserved Instance Scope',
    ]) {
      if (!(k in zhBundle)) missing.push(k);
    }
    assert.ok(n > 20, `${n} texts found`);
    assert.deepEqual(missing, []);
  });

  it('the History view, Export and Export History have titles in both manifest languages', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const en = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
    const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8'));
    const view = (pkg.contributes.views.ecsExplorer as { id: string; name: string }[]).find((v) => v.id === 'ecsExplorer.history');
    assert.ok(view);
    const keys = [
      view.name,
      ...['ecsExplorer.export', 'ecsExplorer.history.export'].map(
        (id) => (pkg.contributes.commands as { command: string; title: string }[]).find((c) => c.command === id)!.title,
      ),
    ];
    for (const k of keys.map((x) => x.replace(/^%|%$/g, ''))) assert.ok(en[k] && zh[k], k);
  });
});
