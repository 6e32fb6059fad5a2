/** The environment import (credentials/envImport.ts) on the real AccountStore over in-memory state and secrets. */
import * as assert from 'node:assert/strict';
import type { Provider } from '../../../src/core/types';
import { memoryMemento as memento, memorySecrets } from '../../support/storage';
import { installVscodeShim } from '../../support/vscode-shim';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../support/vscode-shim') as Record<string, unknown>;
const shown: string[] = [];
const { AccountStore } = require('../../../src/credentials/store') as typeof import('../../../src/credentials/store');
const { EnvImport, saveEnvAccount } = require('../../../src/credentials/envImport') as typeof import('../../../src/credentials/envImport');

const SECRET = 'envSecretValue0123456789';
const ENV = { VOLCENGINE_ACCESS_KEY: 'AKLTenvimport0123456789', VOLCENGINE_SECRET_KEY: SECRET };

function setup(o: { failWrites?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  const accounts = new AccountStore(memento() as never, memorySecrets({ failWrites: o.failWrites }) as never);
  const lines: string[] = [];
  const log = { info: (m: string) => void lines.push(m), error: (m: string) => void lines.push(m) };
  const imp = new EnvImport({ accounts, env: o.env ?? ENV, log });
  return { accounts, imp, lines };
}

describe('credentials/EnvImport', () => {
  // Error notifications land in `shown` (other test files' stand-ins are put back after).
  let had: unknown;
  before(() => {
    had = shim.window;
    shim.window = { ...(had as object), showErrorMessage: async (m: string) => void shown.push(m) };
  });
  after(() => (shim.window = had));
  beforeEach(() => (shown.length = 0));

  it('imports a provider without accounts once, as account "env", logging the masked key only', async () => {
    const { accounts, imp, lines } = setup();
    await Promise.all([imp.once(), imp.once()]);
    const v = accounts.all('volcengine');
    assert.deepEqual(
      v.map((p) => [p.id, p.name]),
      [['volcengine-env', 'env']],
    );
    assert.deepEqual(accounts.all('aliyun'), [], 'no Alibaba Cloud variables');
    assert.equal((await accounts.credentials('volcengine-env')).accessKeySecret, SECRET);
    assert.ok(accounts.envImported('volcengine'));
    assert.equal(lines.length, 1, 'concurrent callers share one import');
    assert.ok(lines[0].includes(v[0].maskedKeyId) && !lines[0].includes(SECRET) && !lines[0].includes(ENV.VOLCENGINE_ACCESS_KEY));

    // Removed by the user: a full refresh checks again but does not bring it back.
    await accounts.remove('volcengine-env');
    imp.again();
    await imp.once();
    assert.deepEqual(accounts.all('volcengine'), []);
  });

  it('leaves a provider that has an account alone', async () => {
    const { accounts, imp } = setup();
    await accounts.add('volcengine', 'mine', { accessKeyId: 'AKLTmine000000000000', accessKeySecret: 'x' });
    await imp.once();
    assert.deepEqual(
      accounts.all('volcengine').map((p) => p.name),
      ['mine'],
    );
  });

  it('a failed save is reported (log and notification, no secret) and the import can run again', async () => {
    const { accounts, imp, lines } = setup({ failWrites: true });
    await imp.once();
    assert.deepEqual(accounts.all('volcengine'), []);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /Could not import Volcengine credentials from the environment/);
    for (const t of [...shown, ...lines]) assert.ok(!t.includes(SECRET), t);
    assert.ok(!accounts.envImported('volcengine'), 'not marked imported');
  });

  it("listed() resolves once both clouds' accounts are listed, before their secrets are saved; once() after the saves", async () => {
    // Secure storage that answers only when told (in VS Code for the Web each write is a round trip to the window).
    const held: { key: string; release: (fail?: boolean) => void }[] = [];
    const saved = new Map<string, string>();
    const store = {
      get: async (k: string) => saved.get(k),
      store: (k: string, v: string) =>
        new Promise<void>((resolve, reject) =>
          held.push({ key: k, release: (fail) => (fail ? reject(new Error('keyring locked')) : (saved.set(k, v), resolve())) }),
        ),
      delete: async (k: string) => void saved.delete(k),
      onDidChange: () => ({ dispose() {} }),
    };
    const accounts = new AccountStore(memento() as never, store as never);
    const changes: number[] = [];
    accounts.onDidChange(() => changes.push(held.length));
    const log = { info: () => undefined, error: () => undefined };
    const env = { ...ENV, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenvimport0123456', ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET };
    const imp = new EnvImport({ accounts, env, log });
    let done = false;
    const all = imp.once().then(() => (done = true));
    await imp.listed();
    assert.deepEqual(
      held.map((h) => h.key),
      ['ecsExplorer.profile.volcengine-env', 'ecsExplorer.profile.aliyun-env'],
      'both writes under way at once',
    );
    assert.deepEqual(
      accounts.all().map((p) => [p.id, p.name]),
      [
        ['volcengine-env', 'env'],
        ['aliyun-env', 'env'],
      ],
      'listed before saved',
    );
    assert.equal(done, false);
    assert.deepEqual(changes, [], 'nothing fired yet');
    // Its secret is read once saved.
    const creds = accounts.credentials('volcengine-env');
    held[0].release();
    assert.equal((await creds).accessKeySecret, SECRET);
    // The other write fails: the account is unlisted again and the change fired (the tree drops its row).
    held[1].release(true);
    await all;
    assert.deepEqual(
      accounts.all().map((p) => p.id),
      ['volcengine-env'],
    );
    assert.ok(changes.length >= 2, 'a change for each outcome');
    assert.equal(shown.length, 1);
    assert.match(shown[0], /Could not import Alibaba Cloud credentials/);
    assert.ok(accounts.envImported('volcengine') && !accounts.envImported('aliyun'));
    // The change's full refresh checks again: the failed cloud is not retried in a loop (one write, one error).
    imp.again();
    await imp.once();
    assert.equal(held.length, 2);
    assert.equal(shown.length, 1);
  });

  it('with `after`, lists the accounts at once and writes nothing until it settles; then the secret, the list, the flag last', async () => {
    const state = memento();
    const secrets = memorySecrets();
    const writes: string[] = [];
    const update = state.update;
    state.update = (k: string, v: unknown) => (writes.push(k), update(k, v));
    const store = secrets.store;
    secrets.store = (k: string, v: string) => (writes.push(k), store(k, v));
    const accounts = new AccountStore(state as never, secrets as never);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const imp = new EnvImport({ accounts, env: ENV, log: { info() {}, error() {} }, after: () => gate });
    let done = false;
    const all = imp.once().then(() => (done = true));
    await imp.listed();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      accounts.all('volcengine').map((p) => p.id),
      ['volcengine-env'],
      'listed',
    );
    assert.deepEqual(writes, [], 'no write before the gate opens');
    assert.equal(done, false);
    open();
    await all;
    assert.deepEqual(writes, ['ecsExplorer.profile.volcengine-env', 'ecsExplorer.profiles', 'ecsExplorer.envImported']);
  });

  it('a window closed before the gated writes (or between them) imports again next time: one account, not two', async () => {
    const state = memento();
    const secrets = memorySecrets();
    const log = { info() {}, error() {} };
    // First window: listed, never saved (closed before the rows were drawn).
    const first = new AccountStore(state as never, secrets as never);
    void new EnvImport({ accounts: first, env: ENV, log, after: () => new Promise<void>(() => undefined) }).once();
    await new Promise((r) => setImmediate(r));
    assert.equal(first.all('volcengine').length, 1);
    // Second window: the secret written, then closed before the account list and the flag.
    const second = new AccountStore(state as never, secrets as never);
    assert.deepEqual(second.all('volcengine'), [], 'nothing was saved');
    const update = state.update;
    state.update = () => new Promise<undefined>(() => undefined); // never answers: the window closes
    void new EnvImport({ accounts: second, env: ENV, log }).once();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    state.update = update;
    assert.ok(await secrets.get('ecsExplorer.profile.volcengine-env'), 'the secret was written');
    // Third window: imports again under the same ID, once.
    const third = new AccountStore(state as never, secrets as never);
    assert.ok(!third.envImported('volcengine'));
    await new EnvImport({ accounts: third, env: ENV, log }).once();
    assert.deepEqual(
      third.all('volcengine').map((p) => [p.id, p.name]),
      [['volcengine-env', 'env']],
    );
    assert.ok(third.envImported('volcengine'));
    assert.equal((await third.credentials('volcengine-env')).accessKeySecret, SECRET);
    // Fourth window: nothing more.
    const fourth = new AccountStore(state as never, secrets as never);
    await new EnvImport({ accounts: fourth, env: ENV, log }).once();
    assert.equal(fourth.all('volcengine').length, 1);
  });

  it('AccountStore.add with `after`: asking for the credentials starts the save at once', async () => {
    const secrets = memorySecrets();
    const accounts = new AccountStore(memento() as never, secrets as never);
    const added = accounts.add(
      'volcengine',
      'env',
      { accessKeyId: ENV.VOLCENGINE_ACCESS_KEY, accessKeySecret: SECRET },
      'volcengine-env',
      new Promise(() => undefined),
    );
    await new Promise((r) => setImmediate(r));
    assert.equal(await secrets.get('ecsExplorer.profile.volcengine-env'), undefined, 'waits for `after`');
    assert.equal((await accounts.credentials('volcengine-env')).accessKeySecret, SECRET);
    assert.equal((await added).id, 'volcengine-env');
  });

  it('AccountStore: removing or renaming an account whose save waits for `after` saves it first, so the change stays', async () => {
    const secrets = memorySecrets();
    const state = memento();
    const accounts = new AccountStore(state as never, secrets as never);
    const never = new Promise<void>(() => undefined);
    const creds = { accessKeyId: ENV.VOLCENGINE_ACCESS_KEY, accessKeySecret: SECRET };
    const a = accounts.add('volcengine', 'env', creds, 'volcengine-env', never);
    await accounts.update('volcengine-env', { name: 'renamed' });
    await a;
    assert.deepEqual(
      accounts.all('volcengine').map((p) => p.name),
      ['renamed'],
    );
    const b = accounts.add('aliyun', 'env', { accessKeyId: 'LTAIenvimport0123456', accessKeySecret: SECRET }, 'aliyun-env', never);
    await accounts.remove('aliyun-env');
    await b;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.deepEqual(accounts.all('aliyun'), [], 'removed, not saved again after');
    assert.equal(await secrets.get('ecsExplorer.profile.aliyun-env'), undefined);
    assert.deepEqual(
      (state.get('ecsExplorer.profiles', []) as { id: string }[]).map((p) => p.id),
      ['volcengine-env'],
    );
  });

  it('AccountStore: the list written while another account is being added leaves that one out (its save may fail)', async () => {
    const held: ((fail?: boolean) => void)[] = [];
    const state = memento();
    const store = {
      get: async () => undefined,
      store: (_k: string, _v: string) =>
        new Promise<void>((resolve, reject) => held.push((fail) => (fail ? reject(new Error('locked')) : resolve()))),
      delete: async () => undefined,
      onDidChange: () => ({ dispose() {} }),
    };
    const accounts = new AccountStore(state as never, store as never);
    const first = accounts.add('volcengine', 'one', { accessKeyId: 'AKLTone0000000000000', accessKeySecret: 'x' });
    held[0]();
    await first;
    const pending = accounts.add('volcengine', 'two', { accessKeyId: 'AKLTtwo0000000000000', accessKeySecret: 'y' });
    assert.deepEqual(
      accounts.all('volcengine').map((p) => p.name),
      ['one', 'two'],
    );
    await accounts.update(accounts.all('volcengine')[0].id, { name: 'uno' });
    const saved = () => (state.get('ecsExplorer.profiles', []) as { name: string }[]).map((p) => p.name);
    assert.deepEqual(saved(), ['uno'], 'the account being added is not written by another change');
    held[1](true);
    await assert.rejects(pending, /locked/);
    assert.deepEqual(saved(), ['uno']);
    assert.deepEqual(
      accounts.all('volcengine').map((p) => p.name),
      ['uno'],
    );
  });

  it('saveEnvAccount updates the account holding the same key, else adds "env", "env-2"…', async () => {
    const { accounts } = setup();
    const p: Provider = 'volcengine';
    await accounts.add(p, 'env', { accessKeyId: 'AKLTother00000000000', accessKeySecret: 'o' });
    const same = await accounts.add(p, 'prod', { accessKeyId: ENV.VOLCENGINE_ACCESS_KEY, accessKeySecret: 'old' });
    const a = await saveEnvAccount(accounts, p, { accessKeyId: ENV.VOLCENGINE_ACCESS_KEY, accessKeySecret: SECRET });
    assert.equal(a.id, same.id);
    assert.equal(a.name, 'prod');
    assert.equal((await accounts.credentials(same.id)).accessKeySecret, SECRET);
    const b = await saveEnvAccount(accounts, p, { accessKeyId: 'AKLTnew0000000000000', accessKeySecret: 'n' });
    assert.equal(b.name, 'env-2');
    assert.equal(b.id, 'volcengine-env');
  });
});
