/** AccountStore's shown subset (Select Accounts…) over in-memory state and secrets, with a fake CLI source. */
import * as assert from 'node:assert/strict';
import type { Provider } from '../../../src/core/types';
import type { AccountInfo } from '../../../src/contracts';
import { memoryMemento as memento, memorySecrets } from '../../support/storage';
import { installVscodeShim } from '../../support/vscode-shim';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const { AccountStore } = require('../../../src/credentials/store') as typeof import('../../../src/credentials/store');

/** CLI profiles the test can add to, as a new profile in ~/.volcengine/config.json would appear. */
function cli(names: string[]) {
  const list = names.slice();
  const info = (n: string): AccountInfo => ({
    id: `cli:volcengine:${n}`,
    provider: 'volcengine',
    name: n,
    maskedKeyId: 'AKLT****',
    readOnly: true,
  });
  return {
    names: list,
    source: {
      onDidChange: () => ({ dispose() {} }),
      all: (p?: Provider) => (p && p !== 'volcengine' ? [] : list.map(info)),
      has: (id: string) => list.some((n) => info(n).id === id),
      credentials: async () => ({ accessKeyId: 'AKLTx', accessKeySecret: 'y' }),
    },
  };
}

const names = (xs: AccountInfo[]) => xs.map((x) => x.name).sort();
const CREDS = { accessKeyId: 'AKLTstored0123456789', accessKeySecret: 'storedSecret0123456789' };

describe('AccountStore: shown accounts (Select Accounts…)', () => {
  it('shows all until a subset is picked, then the subset', async () => {
    const c = cli(['a', 'b', 'c']);
    const s = new AccountStore(memento() as never, memorySecrets() as never, c.source as never);
    assert.deepEqual(names(s.shown('volcengine')), ['a', 'b', 'c']);
    await s.setShown('volcengine', ['cli:volcengine:a']);
    assert.deepEqual(names(s.shown('volcengine')), ['a']);
    await s.setShown('volcengine', undefined);
    assert.deepEqual(names(s.shown('volcengine')), ['a', 'b', 'c']);
  });

  it('shows a CLI profile that appears after the subset was picked; the ones left out stay hidden', async () => {
    const c = cli(['a', 'b']);
    const s = new AccountStore(memento() as never, memorySecrets() as never, c.source as never);
    await s.setShown('volcengine', ['cli:volcengine:a']);
    c.names.push('new');
    assert.deepEqual(names(s.shown('volcengine')), ['a', 'new']);
  });

  it('adding or removing an account keeps what the user left out hidden and what appeared since shown', async () => {
    const c = cli(['a', 'b']);
    const s = new AccountStore(memento() as never, memorySecrets() as never, c.source as never);
    await s.setShown('volcengine', ['cli:volcengine:a']);
    c.names.push('later');
    const added = await s.add('volcengine', 'stored', CREDS);
    assert.deepEqual(names(s.shown('volcengine')), ['a', 'later', 'stored']);
    await s.remove(added.id);
    assert.deepEqual(names(s.shown('volcengine')), ['a', 'later']);
  });

  it('a subset saved before this was recorded shows only the picked accounts', async () => {
    const c = cli(['a', 'b', 'new']);
    const s = new AccountStore(
      memento({ 'ecsExplorer.shownProfiles': { volcengine: ['cli:volcengine:a'] } }) as never,
      memorySecrets() as never,
      c.source as never,
    );
    assert.deepEqual(names(s.shown('volcengine')), ['a']);
  });
});

const reportingSecrets = () => memorySecrets({ reportChanges: true, slowReads: true });

const settle = () => new Promise((r) => setImmediate(() => setImmediate(r)));

describe('AccountStore: change reports', () => {
  it('its own secret writes are reported once (by the write), a change from another window is reported', async () => {
    const secrets = reportingSecrets();
    const s = new AccountStore(memento() as never, secrets as never);
    let reports = 0;
    s.onDidChange(() => reports++);
    const a = await s.add('volcengine', 'one', CREDS);
    await settle();
    assert.equal(reports, 1, 'add');
    reports = 0;
    await s.update(a.id, { credentials: { ...CREDS, accessKeySecret: 'rotatedSecret0123456789' } });
    await settle();
    assert.equal(reports, 1, 'update');
    reports = 0;
    secrets.elsewhere(
      `ecsExplorer.profile.${a.id}`,
      JSON.stringify({ accessKeyId: CREDS.accessKeyId, accessKeySecret: 'otherWindow0123456789' }),
    );
    await settle();
    assert.equal(reports, 1, 'a change from another window');
    assert.equal((await s.credentials(a.id)).accessKeySecret, 'otherWindow0123456789');
    reports = 0;
    await s.remove(a.id);
    await settle();
    assert.equal(reports, 1, 'remove');
  });

  it('a secret read while the account is removed is not kept: the account is gone for the next read', async () => {
    const secrets = reportingSecrets();
    const state = memento();
    const a = await new AccountStore(state as never, secrets as never).add('volcengine', 'one', CREDS);
    const s = new AccountStore(state as never, secrets as never);
    const reading = s.credentials(a.id);
    for (let i = 0; i < 3; i++) await Promise.resolve(); // the read is on its way
    await s.remove(a.id);
    await reading.catch(() => undefined);
    await settle();
    await assert.rejects(s.credentials(a.id), /no longer exists/);
  });

  it('the key-pair revision goes up when a listed account gets another key pair, not when a new one is saved', async () => {
    const s = new AccountStore(memento() as never, reportingSecrets() as never);
    const a = await s.add('volcengine', 'one', CREDS);
    await settle();
    assert.equal(s.revision, 0, 'a new account');
    await s.add('volcengine', 'one', { ...CREDS, accessKeySecret: 'replacedSecret0123456789' }, a.id);
    assert.equal(s.revision, 1, 'the same account, another key pair');
    await s.update(a.id, { name: 'renamed' });
    assert.equal(s.revision, 1, 'a rename (the listing shows it)');
    await s.update(a.id, { credentials: CREDS });
    assert.equal(s.revision, 2, 'a key pair replaced');
  });
});
