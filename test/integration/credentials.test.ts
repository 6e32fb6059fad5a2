// Accounts: add / edit / remove / switch with SecretStorage, validated against the emulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/model';
import { emu } from './emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

async function api(): Promise<ExtensionApi> {
  return vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!.activate();
}

const VOLC_ID = process.env.VOLCENGINE_ACCESS_KEY ?? '';
const VOLC_SECRET = process.env.VOLCENGINE_SECRET_KEY ?? '';
const ALI_ID = process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '';
const ALI_SECRET = process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '';

describe('credentials: accounts in SecretStorage', function () {
  this.timeout(60_000);
  let a: ExtensionApi;
  const added: string[] = [];

  before(async () => {
    a = await api();
    await a.explorer.getChildren(); // first open imports "env"
  });

  after(async () => {
    for (const id of added) if (a.accounts.get(id)) await a.accounts.remove(id);
    await a.accounts.setShown('volcengine', undefined);
  });

  it('refuses a wrong secret with a clear message and stores nothing', async () => {
    const before = a.accounts.all().length;
    await assert.rejects(
      a.accountCommands.add('volcengine', { name: 'wrong', accessKeyId: VOLC_ID, accessKeySecret: 'not-the-secret' }),
      (e: Error) => {
        assert.strictEqual(e.name, 'ValidationError');
        assert.match(e.message, /SignatureDoesNotMatch|InvalidAccessKey|refused/);
        assert.ok(!e.message.includes('not-the-secret'), 'the secret is not echoed');
        return true;
      },
    );
    await assert.rejects(
      a.accountCommands.add('aliyun', { name: 'wrong', accessKeyId: ALI_ID, accessKeySecret: 'nope' }),
      /refused the AccessKey/,
    );
    assert.strictEqual(a.accounts.all().length, before);
    assert.ok(!a.log.text().includes('not-the-secret'));
  });

  it('a cloud that fails to answer (5xx) does not "refuse" the key: it could not check it, and saving anyway is offered', async () => {
    await emu('volcengine', 'faults', { kind: 'internal-error', provider: 'volcengine', action: 'DescribeRegions', count: 10 });
    try {
      await assert.rejects(
        a.accountCommands.add('volcengine', { name: 'later', accessKeyId: VOLC_ID, accessKeySecret: VOLC_SECRET }),
        (e: Error & { unreachable?: boolean }) => {
          assert.strictEqual(e.name, 'ValidationError');
          assert.match(e.message, /^Volcengine could not check the AccessKey now: InternalError/);
          assert.doesNotMatch(e.message, /refused/);
          assert.strictEqual(e.unreachable, true);
          return true;
        },
      );
    } finally {
      await emu('volcengine', 'faults', undefined, 'DELETE');
    }
  });

  it('rejects bad input before calling the cloud', async () => {
    await assert.rejects(
      a.accountCommands.add('volcengine', { name: '', accessKeyId: VOLC_ID, accessKeySecret: VOLC_SECRET }),
      /account name/i,
    );
    await assert.rejects(
      a.accountCommands.add('volcengine', { name: 'env', accessKeyId: VOLC_ID, accessKeySecret: VOLC_SECRET }),
      /already exists/,
    );
    await assert.rejects(
      a.accountCommands.add('volcengine', { name: 'x', accessKeyId: 'has space', accessKeySecret: VOLC_SECRET }),
      /AccessKey ID/,
    );
  });

  it('adds a validated account: secret in SecretStorage, masked ID in metadata, account level in the tree', async () => {
    const info = await a.accountCommands.add('volcengine', { name: 'second', accessKeyId: VOLC_ID, accessKeySecret: VOLC_SECRET });
    added.push(info.id);
    assert.match(
      a.log.text(),
      /Account "second" uses the same AccessKey ID as account "env": the view lists the same resources under both/,
    );
    assert.strictEqual(info.provider, 'volcengine');
    assert.notStrictEqual(info.maskedKeyId, VOLC_ID);
    assert.ok(info.maskedKeyId.includes('…'));
    const creds = await a.accounts.credentials(info.id);
    assert.strictEqual(creds.accessKeySecret, VOLC_SECRET);
    // Metadata (globalState) never holds the secret.
    assert.ok(!JSON.stringify(a.accounts.all()).includes(VOLC_SECRET));

    const volc = a.explorer.providerNode('volcengine');
    const kids = await a.explorer.getChildren(volc);
    assert.deepStrictEqual(
      kids.map((k) => k.type),
      ['account', 'account'],
    );
    const second = kids.find((k) => k.type === 'account' && k.accountId === info.id) as TreeNode;
    assert.strictEqual(a.explorer.getTreeItem(second).label, 'second');
    assert.strictEqual(a.explorer.getTreeItem(second).description, info.maskedKeyId);
    const regions = await a.explorer.getChildren(second);
    assert.strictEqual(regions.length, 3);
    assert.strictEqual(a.explorer.getParent(regions[0]), second);
    const folders = await a.explorer.getChildren(regions[0]);
    assert.strictEqual(folders.length, 2, 'the second account loads');
  });

  it('renames, and refuses a new key pair that does not validate', async () => {
    const id = added[0];
    const renamed = await a.accountCommands.edit(id, { name: 'second-renamed' });
    assert.strictEqual(renamed.name, 'second-renamed');
    await assert.rejects(
      a.accountCommands.edit(id, { credentials: { accessKeyId: VOLC_ID, accessKeySecret: 'bad' } }),
      /refused the AccessKey/,
    );
    assert.strictEqual((await a.accounts.credentials(id)).accessKeySecret, VOLC_SECRET, 'old key kept');
    await a.accountCommands.edit(id, { credentials: { accessKeyId: VOLC_ID, accessKeySecret: VOLC_SECRET, securityToken: undefined } });
  });

  it('switches the shown accounts', async () => {
    const env = a.accounts.all('volcengine').find((p) => p.name === 'env')!;
    await a.accountCommands.setShown('volcengine', [env.id]);
    const kids = await a.explorer.getChildren(a.explorer.providerNode('volcengine'));
    assert.ok(
      kids.every((k) => k.type === 'region'),
      'one account: no account level',
    );
    assert.strictEqual(a.explorer.getTreeItem(a.explorer.providerNode('volcengine')).description, 'env');
    await a.accountCommands.setShown('volcengine', undefined);
    const again = await a.explorer.getChildren(a.explorer.providerNode('volcengine'));
    assert.strictEqual(again.filter((k) => k.type === 'account').length, 2);
  });

  it('removes an account and its secret', async () => {
    const id = added.pop()!;
    await a.accountCommands.remove(id);
    assert.strictEqual(a.accounts.get(id), undefined);
    await assert.rejects(a.accounts.credentials(id), /no longer exists/);
    const kids = await a.explorer.getChildren(a.explorer.providerNode('volcengine'));
    assert.ok(kids.every((k) => k.type === 'region'));
  });

  it('imports (updates) profile "env" from the environment with validation', async () => {
    const done = await a.accountCommands.importFromEnv(['volcengine', 'aliyun']);
    assert.deepStrictEqual(done, [
      { provider: 'volcengine', name: 'env' },
      { provider: 'aliyun', name: 'env' },
    ]);
    assert.strictEqual(a.accounts.all('volcengine').filter((p) => p.name === 'env').length, 1);
    assert.strictEqual(
      (await a.accounts.credentials(a.accounts.all('aliyun').find((p) => p.name === 'env')!.id)).accessKeySecret,
      ALI_SECRET,
    );
  });

  it('import keeps a renamed account (same key: new secret, same name) and never overwrites one given another key', async () => {
    const env = a.accounts.all('volcengine').find((p) => p.name === 'env')!;
    await a.accounts.update(env.id, { name: 'volc-demo' });
    let done = await a.accountCommands.importFromEnv(['volcengine']);
    assert.deepStrictEqual(done, [{ provider: 'volcengine', name: 'volc-demo' }]);
    assert.deepStrictEqual(
      a.accounts
        .all('volcengine')
        .filter((p) => p.name === 'env' || p.name === 'volc-demo')
        .map((p) => [p.id, p.name]),
      [[env.id, 'volc-demo']],
    );

    // The user put another key pair into that account: the import adds a new "env" account beside it.
    const own = { accessKeyId: 'AKLTb3duLWtleS1mb3ItdGVzdA', accessKeySecret: 'T3duU2VjcmV0Rm9yVGhlVGVzdA==' };
    await a.accounts.update(env.id, { credentials: own });
    done = await a.accountCommands.importFromEnv(['volcengine'], { skipValidation: true });
    assert.deepStrictEqual(done, [{ provider: 'volcengine', name: 'env' }]);
    assert.deepStrictEqual(await a.accounts.credentials(env.id), own, 'the edited account is untouched');
    assert.strictEqual(a.accounts.get(env.id)?.name, 'volc-demo');
    const added = a.accounts.all('volcengine').find((p) => p.name === 'env')!;
    assert.notStrictEqual(added.id, env.id);
    assert.strictEqual(
      (await a.accounts.credentials(added.id)).accessKeyId,
      process.env.VOLCENGINE_ACCESS_KEY,
      'the new account has the environment key',
    );
    // Leave the accounts as the following tests expect them.
    await a.accounts.remove(added.id);
    const envKey = { accessKeyId: process.env.VOLCENGINE_ACCESS_KEY!, accessKeySecret: process.env.VOLCENGINE_SECRET_KEY! };
    await a.accounts.update(env.id, { name: 'env', credentials: envKey });
  });
});
