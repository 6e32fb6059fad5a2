// CLI credential sources in the real extension host. Runs in its own launch (test/harness/run-integration.js) with
// HOME pointing at a temporary copy of test/fixtures/credentials/home (ECS_EXPLORER_CLI_HOME names it); skipped in
// the main launch, whose HOME holds no CLI configs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ErrorNode, ResourceNode, TreeNode } from '../../src/tree/model';
import { ScriptedPrompts } from '../support/scripted-prompts';
import { controlAt, control, ledger } from './emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

const CLI_HOME = process.env.ECS_EXPLORER_CLI_HOME;

async function api(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!.activate();
}

async function waitFor<T>(what: string, f: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await f();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function assumeRoleCount(provider: 'aliyun' | 'volcengine'): Promise<number> {
  const q = new URLSearchParams({ provider, action: 'AssumeRole' });
  return ((await controlAt(control(provider), `requests?${q}`, undefined, 'GET')) as { total: number }).total;
}

describe('cli credentials: CLI config files under HOME', function () {
  this.timeout(60_000);
  let a: ExtensionApi;

  before(async function () {
    if (!CLI_HOME) this.skip();
    assert.strictEqual(os.homedir(), CLI_HOME, 'HOME points at the fixture copy');
    a = await api();
    await a.external.ready();
  });

  it('the tree shows every CLI profile with its source, mode and role; broken ones are one error row each', async () => {
    const ali = await waitFor('aliyun CLI profiles', () => {
      const l = a.accounts.all('aliyun').filter((p) => p.source === 'cli');
      return l.length > 0 ? l : undefined;
    });
    const names = ali.map((p) => p.name);
    for (const n of ['default', 'role-ops', 'chain-ops', 'cycle-a', 'sso']) assert.ok(names.includes(n), `${n} listed`);
    const role = ali.find((p) => p.name === 'role-ops')!;
    assert.strictEqual(role.description, 'aliyun CLI · role-ops · RamRoleArn → ops');
    assert.strictEqual(
      a.accounts.all('volcengine').find((p) => p.name === 'role-ops')?.description,
      'volcengine CLI · role-ops · ramrolearn → ops',
    );

    await a.accounts.setShown(
      'aliyun',
      ali.map((p) => p.id),
    );
    const accountNodes = (await a.explorer.getChildren(a.explorer.providerNode('aliyun'))).filter((n: TreeNode) => n.type === 'account');
    assert.ok(accountNodes.length >= ali.length);
    const cycle = accountNodes.find((n) => n.type === 'account' && n.accountId === 'cli:aliyun:cycle-a')!;
    const kids = await a.explorer.getChildren(cycle);
    assert.strictEqual(kids.length, 1);
    assert.strictEqual(kids[0].type, 'error');
    const item = a.explorer.getTreeItem(kids[0] as ErrorNode);
    // The tooltip is Markdown with the server/account text escaped: read it as shown.
    const shown = String((item.tooltip as vscode.MarkdownString).value).replace(/\\(.)/g, '$1');
    assert.match(shown, /cycle-a → cycle-b → cycle-a/);
    assert.match(
      shown,
      /Make the chain end at a profile with an AccessKey, then refresh\./,
      'the credential guidance, not the generic one',
    );

    const roleNode = accountNodes.find((n) => n.type === 'account' && n.accountId === role.id)!;
    // Built on hover (resolveTreeItem), not with the row.
    assert.strictEqual(a.explorer.getTreeItem(roleNode).tooltip, undefined);
    const tip = (await a.explorer.resolveTreeItem(a.explorer.getTreeItem(roleNode), roleNode)).tooltip as vscode.MarkdownString;
    assert.match(tip.value, /LTAI…r01/);
    for (const secret of ['DemoAliyunSecretEcsExplorer01', 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==']) {
      assert.ok(!JSON.stringify(a.accounts.all()).includes(secret), 'no secret in the account list');
      assert.ok(!tip.value.includes(secret), 'no secret in the tooltip');
    }
  });

  it('with no regions chosen, the regions of the CLI profiles are listed (current profile first)', async () => {
    const ins = vscode.workspace.getConfiguration('ecsExplorer').inspect('volcengine.regions');
    assert.strictEqual(ins?.globalValue, undefined, 'the launch sets no regions');
    // The fixture's Volcengine profiles use cn-beijing (prod, current) and cn-shanghai; the built-in default would add cn-guangzhou.
    await waitFor('CLI regions', () => (a.settings.regions('volcengine').join() === 'cn-beijing,cn-shanghai' ? true : undefined));
  });

  it('an assumed role lists and acts; it refreshes when it expires mid-session', async () => {
    const before = await assumeRoleCount('volcengine');
    const client = await a.clients.volcengine('cli:volcengine:role-ops');
    const instances = await client.describeInstances('cn-beijing');
    assert.ok(instances.length > 0);
    assert.strictEqual(await assumeRoleCount('volcengine'), before + 1);
    const exp = a.external.expiration('cli:volcengine:role-ops');
    assert.ok(exp && exp.getTime() > Date.now(), 'expiry known (tooltip)');

    // Acts: cancel a cancellable reservation through the role's credentials.
    const reservations = await client.describeScheduledInstances('cn-beijing');
    const target = reservations.find((r) => r.ScheduledInstanceName === 'seg-reserve-future');
    assert.ok(target, 'seeded reservation present');
    await client.deleteScheduledInstance('cn-beijing', target.ScheduledInstanceId);

    // The emulator's clock passes the role's expiry: the next call is refused once, credentials are fetched again.
    await controlAt(control('volcengine'), 'clock', { advanceMs: 2 * 3600_000 });
    try {
      assert.ok((await client.describeInstances('cn-beijing')).length > 0);
      assert.strictEqual(await assumeRoleCount('volcengine'), before + 2);
    } finally {
      await controlAt(control('volcengine'), 'reset', {});
    }
  });

  it('the Alibaba role chain lists reserved instances', async () => {
    const client = await a.clients.aliyun('cli:aliyun:chain-ops');
    assert.ok((await client.describeReservedInstances('cn-hangzhou')).length > 0);
  });

  it('a changed file is re-read: a new account appears, a removed one goes', async () => {
    const file = path.join(CLI_HOME!, '.volcengine', 'config.json');
    const cfg = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: Record<string, unknown> };
    cfg.profiles['added-later'] = {
      mode: 'ak',
      'access-key': 'AKLTZGVtby1lY3MtZXhwbG9yZXI',
      'secret-key': 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==',
      region: 'cn-beijing',
    };
    delete cfg.profiles['no-secret'];
    fs.writeFileSync(file, JSON.stringify(cfg, null, 4));
    await waitFor('re-read', () => (a.accounts.all('volcengine').some((p) => p.name === 'added-later') ? true : undefined));
    assert.ok(!a.accounts.all('volcengine').some((p) => p.name === 'no-secret'));
  });

  it('CLI accounts are read-only here and their secrets never reach the output channel', async () => {
    await assert.rejects(a.accounts.remove('cli:aliyun:default'), /aliyun|CLI|config/);
    assert.ok(!a.log.text().includes('DemoAliyunSecretEcsExplorer01'));
  });

  describe('guard rails', () => {
    const cfg = () => vscode.workspace.getConfiguration('ecsExplorer');
    const policy = () => path.join(CLI_HOME!, '.aliyun', 'safety-policy.json');
    let restore: (() => void) | undefined;
    afterEach(async () => {
      restore?.();
      restore = undefined;
      fs.rmSync(policy(), { force: true });
      await cfg().update('safetyRules', undefined, vscode.ConfigurationTarget.Global);
      await cfg().update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
    });

    async function resource(
      provider: 'aliyun' | 'volcengine',
      accountId: string,
      region: string,
      kind: 'instance' | 'reservedInstance',
      name: string,
    ): Promise<ResourceNode> {
      await a.accounts.setShown(provider, [accountId]);
      const regionNode = a.explorer.regionNode(provider, accountId, region);
      const n = await waitFor(name, async () =>
        (await a.explorer.getChildren(a.explorer.folderNode(regionNode, kind))).find(
          (x: TreeNode): x is ResourceNode => x.type === 'resource' && x.ref.name === name,
        ),
      );
      return n;
    }

    it('a deny rule of the Alibaba CLI safety policy blocks the action with the reason; nothing is sent', async () => {
      fs.writeFileSync(policy(), JSON.stringify({ enabled: true, rules: [{ pattern: 'ecs:Modify*', action: 'deny' }] }));
      const ri = await resource('aliyun', 'cli:aliyun:default', 'cn-hangzhou', 'reservedInstance', 'g5-2xlarge-zone');
      const prompts = new ScriptedPrompts([]);
      restore = a.testApi.usePrompts(prompts);
      const before = (await ledger('aliyun')).length;
      await vscode.commands.executeCommand('ecsExplorer.splitReservedInstance', ri);
      const notes = prompts.notices().map((n) => n.message);
      assert.strictEqual(notes.length, 1);
      assert.match(notes[0], /blocked by .*ecs:Modify\*/);
      assert.strictEqual((await ledger('aliyun')).length, before);
    });

    it('a confirm rule in ecsExplorer.safetyRules forces the type-to-confirm prompt even when the modal is chosen', async () => {
      await cfg().update('confirmDestructive', 'modal', vscode.ConfigurationTarget.Global);
      await cfg().update('safetyRules', [{ pattern: 'ecs:Delete*', action: 'confirm' }], vscode.ConfigurationTarget.Global);
      const web = await resource('volcengine', 'cli:volcengine:prod', 'cn-beijing', 'instance', 'web-postpaid-running');
      const prompts = new ScriptedPrompts([{ input: '' }]);
      restore = a.testApi.usePrompts(prompts);
      await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web);
      assert.ok(
        prompts.records.some((r) => r.kind === 'input'),
        'asked to type the count',
      );
      assert.ok(!prompts.records.some((r) => r.kind === 'confirm'), 'no modal');
      assert.ok(!(await ledger('volcengine')).some((e) => e.resourceIds.includes(web.ref.id)), 'not confirmed: not deleted');
    });
  });
});
