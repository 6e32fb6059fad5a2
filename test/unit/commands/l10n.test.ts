import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, zhBundle } from '../../support/helpers';

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** The texts passed to a translate call (`call` is its name before the parenthesis) and those without a zh-cn entry. */
function untranslated(src: string[], call: string): { n: number; missing: string[] } {
  const re = new RegExp(`\\b${call.replace('.', '\\.')}\\(\\s*(?:'((?:\\\\.|[^'\\\\])*)'|"((?:\\\\.|[^"\\\\])*)")`, 'g');
  const missing: string[] = [];
  let n = 0;
  for (const f of src) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(re)) {
      const key = (m[1] ?? m[2]).replace(/\\'/g, "'").replace(/\\"/g, '"');
      n++;
      if (!(key in zhBundle)) missing.push(`${path.relative(repoRoot, f)}: ${key}`);
    }
  }
  return { n, missing };
}

describe('actions: localization', () => {
  it('every runtime text of the action commands has a zh-cn translation', () => {
    const src = [
      ...files(path.join(repoRoot, 'src/commands')),
      ...files(path.join(repoRoot, 'src/output')),
      ...files(path.join(repoRoot, 'src/kinds')),
      path.join(repoRoot, 'src/ui/prompts.ts'),
    ];
    const { n, missing } = untranslated(src, 't');
    assert.ok(n > 50, `${n} texts found`);
    assert.deepEqual(missing, []);
  });

  it('every runtime text of the tree, accounts and settings has a zh-cn translation', () => {
    const src = ['src/tree', 'src/credentials', 'src/settings'].flatMap((d) => files(path.join(repoRoot, d)));
    src.push(path.join(repoRoot, 'src/extensionMain.ts'), path.join(repoRoot, 'src/clients.ts'));
    const { n, missing } = untranslated(src, 'l10n.t');
    assert.ok(n > 80, `${n} texts found`);
    assert.deepEqual(missing, []);
  });

  it('every action command and setting has a title in both manifest languages', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const en = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
    const zh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8'));
    const ids = [
      'deleteInstances',
      'cancelReservation',
      'whyNotCancellable',
      'splitReservedInstance',
      'mergeReservedInstances',
      'modifyReservedInstanceScope',
    ].map((c) => `ecsExplorer.${c}`);
    const cmds = pkg.contributes.commands as { command: string; title: string }[];
    for (const id of ids) {
      const c = cmds.find((x) => x.command === id);
      assert.ok(c, `${id} contributed`);
      const key = c.title.replace(/^%|%$/g, '');
      assert.ok(en[key] && zh[key], `${key} in both nls files`);
    }
    const setting = pkg.contributes.configuration;
    const props = Array.isArray(setting)
      ? Object.assign({}, ...setting.map((s: { properties: object }) => s.properties))
      : setting.properties;
    assert.deepEqual(props['ecsExplorer.confirmDestructive'].enum, ['typeCount', 'modal']);
  });
});
