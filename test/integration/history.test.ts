// History and Export in the real extension host, real HTTP to the emulator: a delete is recorded with its
// ClientToken and RequestId, the file reloads in a new store, and Export writes JSON and CSV through the save
// dialog seam.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { HistoryStore } from '../../src/history/store';
import type { ResourceNode, TreeNode } from '../../src/tree/model';
import { ScriptedPrompts } from '../support/scripted-prompts';
import { emu } from './emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

describe('history and export: against the emulator', function () {
  this.timeout(60_000);
  let a: ExtensionApi;
  const restores: (() => void)[] = [];
  let dir: string;

  async function instances(): Promise<ResourceNode[]> {
    const accountId = a.accounts.shown('volcengine')[0].id;
    const folder = a.explorer.folderNode(a.explorer.regionNode('volcengine', accountId, 'cn-beijing'), 'instance');
    for (let i = 0; i < 50; i++) {
      const kids = (await a.explorer.getChildren(folder)).filter((n: TreeNode): n is ResourceNode => n.type === 'resource');
      if (kids.some((k) => k.ref.name === 'web-postpaid-running')) return kids;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.fail('instances not loaded');
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!;
    a = await ext.activate();
    await vscode.commands.executeCommand('ecsExplorer.resources.focus');
    await a.explorer.getChildren(undefined); // first open: imports the env credentials
    for (let i = 0; i < 50 && a.accounts.shown('volcengine').length === 0; i++) await new Promise((r) => setTimeout(r, 200));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-export-'));
  });

  beforeEach(async () => {
    await emu('volcengine', 'reset', { seed: 'demo' });
    a.explorer.refreshNode();
  });

  afterEach(() => {
    for (const r of restores.splice(0).reverse()) r();
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a delete is recorded with account, ClientToken, RequestId and outcome, and survives a reload of the store', async () => {
    const web = (await instances()).find((n) => n.ref.name === 'web-postpaid-running')!;
    const prompts = new ScriptedPrompts([{ input: '1' }]);
    restores.push(a.testApi.usePrompts(prompts));
    const before = a.history.store.list().length;
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web);
    await a.history.store.flush();
    assert.strictEqual(a.history.store.list().length, before + 1);
    const e = a.history.store.list()[0];
    assert.strictEqual(e.action, 'DeleteInstances');
    assert.strictEqual(e.region, 'cn-beijing');
    assert.ok(e.account.maskedKeyId && e.account.maskedKeyId.includes('…'), 'masked key ID');
    assert.deepStrictEqual(
      e.resources.map((r) => [r.id, r.outcome]),
      [[web.ref.id, 'deleted']],
    );
    assert.match(e.calls[0].clientToken ?? '', /^ecsx-/);
    assert.ok(e.calls[0].requestId);
    // The view lists it first.
    assert.strictEqual(a.history.view.getChildren()[0].id, e.id);

    const again = new HistoryStore(a.history.store.file);
    await again.load();
    assert.strictEqual(again.get(e.id)?.calls[0].clientToken, e.calls[0].clientToken);

    // Its record opens as a read-only JSON document (VS Code's prompts again: the scripted ones open nothing).
    for (const r of restores.splice(0).reverse()) r();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('ecsExplorer.history.open', e);
    assert.ok(editor);
    assert.strictEqual(JSON.parse(editor.document.getText()).id, e.id);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Export writes the shown instances of a folder to CSV and JSON, and the history too', async () => {
    const list = await instances();
    const folder = list[0].parent;
    for (const format of ['CSV', 'JSON']) {
      const target = vscode.Uri.file(path.join(dir, `instances.${format.toLowerCase()}`));
      const prompts = new ScriptedPrompts([{ pick: format }, { save: target.fsPath }]);
      restores.push(a.testApi.usePrompts(prompts));
      await vscode.commands.executeCommand('ecsExplorer.export', folder);
      const text = fs.readFileSync(target.fsPath, 'utf8');
      if (format === 'CSV') {
        assert.ok(text.startsWith('\ufeff'), 'BOM');
        assert.strictEqual(text.trimEnd().split('\r\n').length, list.length + 1, 'a header and one row per instance');
        assert.ok(text.includes('InstanceId') && text.includes(list[0].ref.id));
      } else {
        const rows = JSON.parse(text) as { InstanceId: string; account: string; accessKeyId: string }[];
        assert.deepStrictEqual(rows.map((r) => r.InstanceId).sort(), list.map((n) => n.ref.id).sort());
        const account = a.accounts.get(list[0].ref.accountId);
        assert.ok(account);
        assert.ok(
          rows.every((r) => r.account === account.name && r.accessKeyId === account.maskedKeyId),
          'the account by name with its masked AccessKey ID',
        );
      }
    }
    const target = vscode.Uri.file(path.join(dir, 'history.json'));
    restores.push(a.testApi.usePrompts(new ScriptedPrompts([{ pick: 'JSON' }, { save: target.fsPath }])));
    await vscode.commands.executeCommand('ecsExplorer.history.export');
    assert.strictEqual((JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as unknown[]).length, a.history.store.list().length);
  });

  it('a secret a server echoes into a name is redacted in the row, its tooltip and the export', async () => {
    // The emulator's Volcengine demo secret, which the extension loaded to sign its calls.
    const secret = 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==';
    try {
      const { ids } = (await emu('volcengine', 'instances', { region: 'cn-beijing', count: 1, namePrefix: `echo-${secret}` })) as {
        ids: string[];
      };
      const accountId = a.accounts.shown('volcengine')[0].id;
      const folder = a.explorer.folderNode(a.explorer.regionNode('volcengine', accountId, 'cn-beijing'), 'instance');
      a.explorer.refreshNode(folder);
      let row: ResourceNode | undefined;
      for (let i = 0; i < 50 && !row; i++) {
        const kids = (await a.explorer.getChildren(folder)).filter((n: TreeNode): n is ResourceNode => n.type === 'resource');
        row = kids.find((k) => k.ref.id === ids[0]);
        if (!row) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(row && row.ref.name.includes(secret), 'the server sent the secret in the name');
      const item = await a.explorer.resolveTreeItem(a.explorer.getTreeItem(row), row);
      const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
      const shown = [String(typeof item.label === 'object' ? item.label.label : item.label), String(item.description), tooltip].join('\n');
      assert.ok(!shown.includes(secret) && shown.includes('echo-'), shown);
      const target = vscode.Uri.file(path.join(dir, 'echo.json'));
      restores.push(a.testApi.usePrompts(new ScriptedPrompts([{ pick: 'JSON' }, { save: target.fsPath }])));
      await vscode.commands.executeCommand('ecsExplorer.export', folder);
      const text = fs.readFileSync(target.fsPath, 'utf8');
      assert.ok(text.includes(ids[0]) && !text.includes(secret), 'exported without the secret');
    } finally {
      await emu('volcengine', 'reset', { seed: 'demo' });
      a.explorer.refreshNode();
      await a.explorer.whenIdle();
    }
  });

  it('Clear History asks first: Cancel keeps the records, Clear deletes them (the title-bar twin too)', async () => {
    await a.history.store.load();
    const n = a.history.store.list().length;
    assert.ok(n > 0, 'the tests above recorded a delete');
    const no = new ScriptedPrompts([{ confirm: false }]);
    restores.push(a.testApi.usePrompts(no));
    await vscode.commands.executeCommand('ecsExplorer.viewTitle.history.clear', a.history.store.list()[0]);
    assert.strictEqual(a.history.store.list().length, n);
    const asked = no.records.find((r) => r.kind === 'confirm');
    assert.ok(asked && asked.kind === 'confirm' && asked.message === `Clear the history of ${n} actions?`);
    restores.push(a.testApi.usePrompts(new ScriptedPrompts([{ confirm: true }])));
    await vscode.commands.executeCommand('ecsExplorer.history.clear');
    await a.history.store.flush();
    assert.strictEqual(a.history.store.list().length, 0);
    const again = new HistoryStore(a.history.store.file);
    await again.load();
    assert.strictEqual(again.list().length, 0);
    assert.strictEqual(a.history.view.getChildren().length, 0);
  });
});
