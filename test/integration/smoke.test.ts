import * as assert from 'assert';
import * as vscode from 'vscode';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };
const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

describe('smoke: extension in a real VS Code', () => {
  it('is installed', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} not found`);
  });

  it('activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('opens its view container and view', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.ecsExplorer');
    await vscode.commands.executeCommand('ecsExplorer.resources.focus');
  });

  it('gets the emulator endpoints and demo credentials from the harness', () => {
    const volc = process.env.ECS_EXPLORER_VOLCENGINE_ENDPOINT;
    const ali = process.env.ECS_EXPLORER_ALIYUN_ENDPOINT;
    assert.match(volc ?? '', /^http:\/\/127\.0\.0\.1:\d+/);
    assert.match(ali ?? '', /^http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(process.env.VOLCENGINE_ACCESS_KEY && process.env.ALIBABA_CLOUD_ACCESS_KEY_ID);
    const cfg = vscode.workspace.getConfiguration('ecsExplorer');
    assert.strictEqual(cfg.get('volcengine.endpoint'), volc);
    assert.strictEqual(cfg.get('aliyun.endpoint'), ali);
  });
});
