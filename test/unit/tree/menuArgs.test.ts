/** Tree menu arguments: a row refreshed away while its menu was open, and the title bar's focused row. */
import * as assert from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { lostRow, viewTitleCommand, VIEW_TITLE_PREFIX } from '../../../src/tree/menuArgs';

const root = join(__dirname, '..', '..', '..', '..');
const row = { type: 'resource', id: 'ecsExplorer/volcengine/p/cn-beijing/instance/i-1' };

describe('tree menu arguments', () => {
  it('a row or selected row that is missing or not a row is lost; no arguments (palette, links) is not', () => {
    assert.strictEqual(lostRow([]), false);
    assert.strictEqual(lostRow([row]), false);
    assert.strictEqual(lostRow([row, undefined]), false);
    assert.strictEqual(lostRow([row, null]), false);
    assert.strictEqual(lostRow([row, [row, row]]), false);
    assert.strictEqual(lostRow([undefined]), true);
    assert.strictEqual(lostRow([null, null]), true);
    assert.strictEqual(lostRow([undefined, [row]]), true);
    assert.strictEqual(lostRow([row, [row, undefined]]), true);
    assert.strictEqual(lostRow([row, [null, row]]), true);
    // A menu item run without the menu's context: VS Code's default context instead of the row.
    assert.strictEqual(lostRow([{ preserveFocus: false }, undefined]), true);
    assert.strictEqual(lostRow([row, [row, { preserveFocus: false }]]), true);
    // Resource references (the test API, other callers) stand for rows too.
    const ref = { provider: 'volcengine', accountId: 'p', region: 'cn-beijing', kind: 'instance', id: 'i-1' };
    assert.strictEqual(lostRow([ref, [ref]]), false);
  });

  it('names the title-bar twin of a command', () => {
    assert.strictEqual(viewTitleCommand('ecsExplorer.refresh'), 'ecsExplorer.viewTitle.refresh');
    assert.strictEqual(viewTitleCommand('ecsExplorer.selectRegions'), 'ecsExplorer.viewTitle.selectRegions');
  });

  it('the title bar runs only commands that ignore the focused row VS Code passes them', () => {
    type Cmd = { command: string; title: string; icon?: string; category?: string };
    type Item = { command: string; when?: string };
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: Cmd[]; menus: Record<string, Item[]> };
    };
    const { commands, menus } = pkg.contributes;
    // These take no tree argument at all (Filter… takes a string query and asks otherwise).
    const argless = new Set(['ecsExplorer.filter', 'ecsExplorer.clearFilter', 'ecsExplorer.importFromEnvironment']);
    const title = menus['view/title'].map((m) => m.command);
    assert.deepStrictEqual(
      title.filter((c) => !c.startsWith(VIEW_TITLE_PREFIX) && !argless.has(c)),
      [],
    );
    const palette = new Map(menus.commandPalette.map((m) => [m.command, m.when]));
    for (const c of commands.filter((x) => x.command.startsWith(VIEW_TITLE_PREFIX))) {
      // Each twin looks like its command, is on the title bar, and stays out of the palette (the command is there).
      const base = commands.find((x) => viewTitleCommand(x.command) === c.command && x !== c);
      assert.ok(base, `${c.command} has a command it stands for`);
      assert.deepStrictEqual({ ...c, command: base.command }, base);
      assert.ok(title.includes(c.command), `${c.command} on the title bar`);
      assert.strictEqual(palette.get(c.command), 'false', `${c.command} hidden from the palette`);
      assert.ok(
        menus['view/item/context'].every((m) => m.command !== c.command),
        `${c.command} not on rows`,
      );
    }
  });

  it('Select Regions… is on provider, region and error rows (a region the cloud refuses is fixed there), not on resources', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { menus: Record<string, { command: string; when?: string }[]> };
    };
    const entry = pkg.contributes.menus['view/item/context'].find((m) => m.command === 'ecsExplorer.selectRegions');
    const re = /viewItem =~ \/(.+)\/$/.exec(entry?.when ?? '');
    assert.ok(re, entry?.when);
    const matches = (v: string) => new RegExp(re[1]).test(v);
    for (const v of ['ecsExplorer.provider.volcengine', 'ecsExplorer.region', 'ecsExplorer.error', 'ecsExplorer.error.settings'])
      assert.ok(matches(v), v);
    for (const v of [
      'ecsExplorer.regionless',
      'ecsExplorer.instance.deletable',
      'ecsExplorer.folder.instance',
      'ecsExplorer.account',
      'ecsExplorer.message',
    ])
      assert.ok(!matches(v), v);
  });
});
