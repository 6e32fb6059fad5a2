// Go to Resource in the real VS Code against the emulator's demo seed: the palette command with a query (an IP),
// the pick accepted, the resource selected in the tree, and its actions offered (View Details opens it).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ResourceNode } from '../../src/tree/model';
import { DETAILS_SCHEME } from '../../src/tree/details';
import { emu } from './emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

async function api(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!.activate();
}

async function waitFor<T>(what: string | (() => string), f: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
}

describe('Go to Resource', function () {
  this.timeout(120_000);
  let a: ExtensionApi;

  before(async () => {
    await emu('volcengine', 'reset', { seed: 'demo' });
    a = await api();
    await vscode.commands.executeCommand('ecsExplorer.resources.focus');
    await a.explorer.setFilter(undefined);
    await a.explorer.getChildren(); // first open: imports the env credentials
    await a.explorer.whenIdle();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds an instance by its public IP in a region not loaded yet, selects it in the tree and offers its actions', async () => {
    const account = a.accounts.shown('volcengine')[0];
    assert.ok(account, 'a Volcengine account');
    const regions = a.settings.regions('volcengine');
    const client = await a.clients.volcengine(account.id);
    // The target: an instance in the last region whose public IP no other listed instance has.
    const all = (await Promise.all(regions.map((r) => client.describeInstances(r)))).map((l, i) =>
      l.map((x) => ({ region: regions[i], x })),
    );
    const flat = all.flat();
    const ipOf = (x: (typeof flat)[number]['x']) => x.EipAddress?.IpAddress ?? '';
    const target =
      flat.find(
        (e) => ipOf(e.x) && flat.filter((o) => ipOf(o.x).includes(ipOf(e.x))).length === 1 && e.region === regions[regions.length - 1],
      ) ?? flat.find((e) => ipOf(e.x) && flat.filter((o) => ipOf(o.x).includes(ipOf(e.x))).length === 1);
    assert.ok(target, 'an instance with a unique public IP in the demo seed');
    const ip = ipOf(target.x);

    // Nothing loaded: the command loads every list itself.
    a.explorer.refreshNode();
    await a.explorer.whenIdle();
    const ref = {
      provider: 'volcengine' as const,
      accountId: account.id,
      region: target.region,
      kind: 'instance' as const,
      id: target.x.InstanceId,
    };
    const run = vscode.commands.executeCommand('ecsExplorer.goToResource', ip) as Thenable<{ id: string } | undefined>;
    await waitFor('the lists loaded', () => (a.explorer.findNode(ref) ? true : undefined));
    await a.explorer.whenIdle();
    // The pick is shown with every item (the command logs it), then its active item is accepted (only items
    // matching the IP are shown).
    const gotoLog = () =>
      a.log
        .text()
        .split('\n')
        .filter((l) => l.includes('Go to Resource'))
        .join('\n');
    await waitFor(
      () => `the pick with its items: ${gotoLog()}`,
      () => (/Go to Resource: ([1-9]\d* items from|\d+ lists loaded; [1-9]\d* items)/.test(gotoLog()) ? true : undefined),
    );
    // Accept once; again only if the pick had not shown its items yet (nothing revealed).
    const revealed = `Go to Resource: revealed ecsExplorer/volcengine/${account.id}/${ref.region}/instance/${ref.id}.`;
    await waitFor(
      () => `the instance revealed: ${gotoLog()}`,
      async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        for (let i = 0; i < 10; i++) {
          if (gotoLog().includes(revealed)) return true;
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined;
      },
    );
    const node = await waitFor(
      () => `the instance ${ref.id} selected in the tree (selection: ${a.view.selection.map((n) => n.id).join(', ')}; log: ${gotoLog()})`,
      () => {
        const sel = a.view.selection[0];
        return sel?.type === 'resource' && sel.ref.id === ref.id ? (sel as ResourceNode) : undefined;
      },
    );
    assert.strictEqual(a.view.selection.length, 1);
    assert.strictEqual(node.ref.region, target.region);
    // The second pick offers the row's actions; its first is View Details.
    const doc = await waitFor('View Details from the actions pick', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((r) => setTimeout(r, 200));
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === DETAILS_SCHEME ? d : undefined;
    });
    assert.ok(doc.getText().includes(ref.id), 'the details of the chosen instance');
    const chosen = await run;
    assert.strictEqual(chosen?.id, ref.id);
  });

  it('Escape closes it and cancels the loads it started: nothing half-loaded stays', async () => {
    a.explorer.refreshNode();
    await a.explorer.whenIdle();
    const run = vscode.commands.executeCommand('ecsExplorer.goToResource', 'no-such-resource') as Thenable<unknown>;
    await new Promise((r) => setTimeout(r, 50));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.strictEqual(await run, undefined);
    await a.explorer.whenIdle();
    for (const f of (await a.explorer.gotoScope()).folders) {
      const s = a.explorer.folderSnapshot(f);
      assert.ok(!s || !s.loading, `${f.id} is not left loading`);
    }
  });
});
