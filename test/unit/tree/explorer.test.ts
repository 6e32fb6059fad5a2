/**
 * The thin provider over the emulator (real HTTP): getChildren only answers (no context keys, no settings
 * reports), rows keep their IDs and counts, and follow-up polling runs on the injected timers only while visible.
 */
import * as assert from 'node:assert/strict';
import { AliyunClient } from '../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { Transport } from '../../../src/core/http/transport';
import type { Provider } from '../../../src/core/types';
import type { Timers } from '../../../src/tree/refresh';
import type { TreeNode } from '../../../src/tree/model';
import { installVscodeShim } from '../../support/vscode-shim';
import { FakeTimers, settle } from '../../support/fake-timers';
import { memoryMemento, memorySecrets } from '../../support/storage';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator/index';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../support/vscode-shim') as Record<string, unknown>;
const { Explorer } = require('../../../src/tree/explorer') as typeof import('../../../src/tree/explorer');

/** setInterval on a clock the test moves (intervals fire only from advance()). */
class ManualTimers implements Timers {
  t = 0;
  private next = 1;
  readonly intervals = new Map<number, { fn: () => void; ms: number; at: number }>();
  now = () => this.t;
  setInterval(fn: () => void, ms: number): unknown {
    this.intervals.set(this.next, { fn, ms, at: this.t + ms });
    return this.next++;
  }
  clearInterval(h: unknown): void {
    this.intervals.delete(h as number);
  }
  fireAll(): void {
    for (const i of [...this.intervals.values()]) i.fn();
  }
}

const noop = () => ({ dispose() {} });

describe('tree/Explorer (provider over the emulator)', () => {
  let emu: Emulator;
  let transport: Transport;
  const commands: unknown[][] = [];
  let reports = 0;
  let saved: { window: unknown; commands: unknown };
  before(async () => {
    emu = await startEmulator();
    transport = new Transport();
    saved = { window: shim.window, commands: shim.commands };
    shim.window = {
      ...(saved.window as object),
      withProgress: (_o: unknown, f: () => Promise<unknown>) => f(),
      showErrorMessage: async () => undefined,
    };
    shim.commands = { executeCommand: async (...args: unknown[]) => void commands.push(args) };
  });
  after(async () => {
    shim.window = saved.window;
    shim.commands = saved.commands;
    await transport.close();
    await emu.stop();
  });

  function explorer(timers?: Timers, accounts?: object, env: NodeJS.ProcessEnv = {}) {
    const acc = (p: Provider) => DEMO_ACCOUNTS.find((a) => a.provider === p)!;
    const creds = (p: Provider) => ({ accessKeyId: acc(p).accessKeyId, accessKeySecret: acc(p).accessKeySecret });
    const vc = new VolcengineClient({ credentials: creds('volcengine'), endpoint: emu.volcengineUrl, transport });
    const ac = new AliyunClient({ credentials: creds('aliyun'), endpoint: emu.aliyunUrl, transport });
    const account = (p: Provider) => ({ id: `${p}-1`, provider: p, name: `${p} account`, maskedKeyId: 'AK…x' });
    const store = new Map<string, unknown>();
    const e = new Explorer({
      clients: { volcengine: async () => vc, aliyun: async () => ac },
      accounts: (accounts ?? {
        shown: (p: Provider) => [account(p)],
        all: (p: Provider) => [account(p)],
        get: (id: string) => account(id.split('-')[0] as Provider),
        onDidChange: noop,
      }) as never,
      env,
      settings: {
        regions: (p: Provider) => (p === 'volcengine' ? ['cn-beijing'] : ['cn-hangzhou']),
        blockingProblems: () => [],
        general: () => ({ pageSize: 100, autoRefreshSeconds: 0 }),
        onDidChange: noop,
        reportProblems: () => void reports++,
      } as never,
      log: { info() {}, warn() {}, error() {}, call() {}, show() {} },
      workspaceState: {
        get: (k: string) => store.get(k),
        update: async (k: string, v: unknown) => void store.set(k, v),
        keys: () => [...store.keys()],
      } as never,
      timers,
    });
    return { e, vc };
  }

  /** Every node below `node`, depth first. */
  async function walk(e: InstanceType<typeof Explorer>, node?: TreeNode): Promise<TreeNode[]> {
    const out: TreeNode[] = [];
    for (const c of await e.getChildren(node)) out.push(c, ...(await walk(e, c)));
    return out;
  }

  it('answers every level without setting context keys or reporting settings', async () => {
    commands.length = 0;
    reports = 0;
    const { e, vc } = explorer();
    const all = await walk(e);
    await e.whenIdle();
    assert.deepEqual(commands, [], 'no setContext from getChildren');
    assert.equal(reports, 0, 'no settings report from getChildren');
    const ids = all.map((n) => n.id);
    assert.ok(ids.includes('ecsExplorer/volcengine/volcengine-1/cn-beijing/instance'));
    const instances = (await vc.describeInstances('cn-beijing')).map(
      (i) => `ecsExplorer/volcengine/volcengine-1/cn-beijing/instance/${i.InstanceId}`,
    );
    assert.deepEqual(
      ids.filter((id) => id.startsWith('ecsExplorer/volcengine/volcengine-1/cn-beijing/instance/')),
      instances,
      'resources in API order',
    );
    const region = all.find((n) => n.type === 'region' && n.region === 'cn-beijing')!;
    const reservations = (await vc.describeScheduledInstances('cn-beijing')).length;
    assert.equal(e.getTreeItem(region).description, String(instances.length + reservations), 'the region counts its folders');
    e.dispose();
  });

  it('an accounts report reloads the tree only when what it shows or loads with changed', async () => {
    const listeners: (() => void)[] = [];
    let name = 'one';
    let revision = 0;
    const account = (p: Provider) => ({ id: `${p}-1`, provider: p, name: `${p} ${name}`, maskedKeyId: 'AK…x' });
    const { e } = explorer(undefined, {
      shown: (p: Provider) => [account(p)],
      all: (p: Provider) => [account(p)],
      get: (id: string) => account(id.split('-')[0] as Provider),
      get revision() {
        return revision;
      },
      onDidChange: (l: () => void) => (listeners.push(l), { dispose() {} }),
    });
    await walk(e);
    await e.whenIdle();
    let changes = 0;
    e.onDidChangeTreeData(() => changes++);
    const report = () => listeners.forEach((l) => l());
    report();
    assert.equal(changes, 0, 'nothing changed (a save of an account already listed, our own write)');
    name = 'renamed';
    report();
    assert.equal(changes, 1, 'a rename');
    report();
    assert.equal(changes, 1);
    revision++;
    report();
    assert.equal(changes, 2, 'a key pair changed');
    e.dispose();
  });

  it('accounts listed when the root was answered (the first open still saving them) are no change once saved', async () => {
    const listeners: (() => void)[] = [];
    let listed: Provider[] = [];
    const account = (p: Provider) => ({ id: `${p}-env`, provider: p, name: 'env', maskedKeyId: 'AK…x' });
    const { e } = explorer(undefined, {
      shown: (p: Provider) => (listed.includes(p) ? [account(p)] : []),
      all: (p: Provider) => (listed.includes(p) ? [account(p)] : []),
      get: (id: string) => account(id.split('-')[0] as Provider),
      revision: 0,
      onDidChange: (l: () => void) => (listeners.push(l), { dispose() {} }),
    });
    // Listed from the start of the save, without a report (AccountStore.add).
    listed = ['volcengine', 'aliyun'];
    const root = await e.getChildren();
    assert.deepEqual(
      root.map((n) => n.id),
      ['ecsExplorer/volcengine', 'ecsExplorer/aliyun'],
    );
    let changes = 0;
    e.onDidChangeTreeData(() => changes++);
    listeners.forEach((l) => l()); // the saves end
    assert.equal(changes, 0, 'the rows already show these accounts: no reload of the whole tree');
    listed = ['volcengine'];
    listeners.forEach((l) => l()); // a save failed: the account is unlisted
    assert.equal(changes, 1);
    e.dispose();
  });

  it('a key pair changed before the root is asked again still reloads the tree when its report comes', async () => {
    const listeners: (() => void)[] = [];
    const account = { id: 'volcengine-a', provider: 'volcengine' as Provider, name: 'a', maskedKeyId: 'AK…x' };
    const accounts = {
      shown: (p: Provider) => (p === 'volcengine' ? [account] : []),
      all: (p: Provider) => (p === 'volcengine' ? [account] : []),
      get: () => account,
      revision: 0,
      onDidChange: (l: () => void) => (listeners.push(l), { dispose() {} }),
    };
    const { e } = explorer(undefined, accounts);
    await e.getChildren();
    let changes = 0;
    e.onDidChangeTreeData(() => changes++);
    accounts.revision = 1; // the key pair was replaced; its report is still on its way
    await e.getChildren(); // the window asks for the root meanwhile
    listeners.forEach((l) => l());
    assert.equal(changes, 1, 'the regions were read with the old key pair: the report reloads them');
    e.dispose();
  });

  it('sets each context key once, then only when its value changes, regions before accounts; the view only when filtered', async () => {
    const saved = shim.window as Record<string, unknown>;
    const assigned: string[] = [];
    const view = {
      visible: true,
      onDidChangeVisibility: noop,
      onDidExpandElement: noop,
      onDidCollapseElement: noop,
      dispose() {},
      d: undefined as unknown,
      m: '' as unknown, // VS Code's TreeView starts with an empty message
      get description() {
        return this.d;
      },
      set description(v: unknown) {
        assigned.push(`description=${String(v)}`);
        this.d = v;
      },
      get message() {
        return this.m;
      },
      set message(v: unknown) {
        assigned.push(`message=${String(v)}`);
        this.m = v;
      },
    };
    shim.window = { ...saved, createTreeView: () => view };
    const keys = () => commands.filter((c) => c[0] === 'setContext').map((c) => `${String(c[1])}=${String(c[2])}`);
    try {
      commands.length = 0;
      const { e } = explorer();
      e.createView();
      e.refresh();
      e.refresh();
      await settle();
      // Each key once, false too (the window keeps an earlier extension host's values); "hasAccounts &&
      // !hasRegions" shows the "no regions" welcome: hasRegions goes first.
      assert.deepEqual(keys(), [
        'ecsExplorer.filtered=false',
        'ecsExplorer.noAccounts=false',
        'ecsExplorer.hasRegions=true',
        'ecsExplorer.hasAccounts=true',
      ]);
      assert.deepEqual(assigned, [], 'no filter: the view has no description or message to set');
      await e.setFilter('web');
      await e.setFilter(undefined);
      assert.deepEqual(keys().slice(4), ['ecsExplorer.filtered=true', 'ecsExplorer.filtered=false']);
      assert.equal(assigned.length, 4);
      e.dispose();

      // No accounts: the "no account" welcome's key.
      commands.length = 0;
      const none = explorer(undefined, { shown: () => [], all: () => [], get: () => undefined, onDidChange: noop }).e;
      none.createView();
      await settle();
      assert.deepEqual(keys(), [
        'ecsExplorer.filtered=false',
        'ecsExplorer.noAccounts=true',
        'ecsExplorer.hasRegions=false',
        'ecsExplorer.hasAccounts=false',
      ]);
      none.dispose();
    } finally {
      shim.window = saved;
    }
  });

  it("the first open's import saves the accounts it listed once the root's rows had time to draw (or the root was not asked)", async () => {
    const { AccountStore } = require('../../../src/credentials/store') as typeof import('../../../src/credentials/store');
    const env = { VOLCENGINE_ACCESS_KEY: 'AKLTfirstopen0123456789', VOLCENGINE_SECRET_KEY: 'firstOpenSecret0123456789' };
    const make = () => {
      const secrets = memorySecrets();
      const accounts = new AccountStore(memoryMemento() as never, secrets as never);
      const timers = new FakeTimers();
      const { e } = explorer(timers, accounts, env);
      const saved = () => secrets.get('ecsExplorer.profile.volcengine-env');
      return { e, timers, accounts, saved };
    };
    // The view asks for the root: saved DRAW_MS (200 ms) after its answer.
    const a = make();
    const root = await a.e.getChildren();
    assert.deepEqual(
      root.map((n) => n.id),
      ['ecsExplorer/volcengine'],
      'listed before it is saved',
    );
    await settle();
    assert.equal(await a.saved(), undefined);
    await a.timers.advance(199);
    assert.equal(await a.saved(), undefined, 'not while the rows are drawn');
    await a.timers.advance(1);
    assert.ok(await a.saved());
    assert.ok(a.accounts.envImported('volcengine'));
    a.e.dispose();
    // Nothing asks for the root (Go to Resource with the view closed): its scope has the listed account at once, not
    // after the save; saved after at most 2 s.
    const b = make();
    let scope: Awaited<ReturnType<typeof b.e.gotoScope>> | undefined;
    void b.e.gotoScope().then((s) => (scope = s));
    await settle();
    assert.ok(scope && scope.folders.some((f) => f.parent.accountId === 'volcengine-env'), 'scope before any timer fired');
    await b.timers.advance(1999);
    assert.equal(await b.saved(), undefined);
    await b.timers.advance(1);
    assert.ok(await b.saved());
    b.e.dispose();
    // Go to Resource then loads the account's folders: its client asks for the credentials, which saves it at once.
    const c = make();
    const scopeC = await c.e.gotoScope();
    assert.ok(scopeC.folders.some((f) => f.parent.accountId === 'volcengine-env'));
    assert.equal((await c.accounts.credentials('volcengine-env')).accessKeyId, env.VOLCENGINE_ACCESS_KEY);
    assert.ok(await c.saved(), 'saved when its credentials were needed, no timer fired');
    assert.ok(c.accounts.envImported('volcengine'));
    c.e.dispose();
  });

  it('follow() polls on the injected timers only while the view is visible, and reloads the region', async () => {
    const timers = new ManualTimers();
    const { e } = explorer(timers);
    await walk(e);
    await e.whenIdle();
    const ref = e.loadedRefs().find((r) => r.kind === 'instance')!;
    // The view as VS Code creates it: hidden at first.
    const visibility: (() => void)[] = [];
    const view = {
      visible: false,
      onDidChangeVisibility: (f: () => void) => (visibility.push(f), noop()),
      onDidExpandElement: noop,
      onDidCollapseElement: noop,
      dispose() {},
    };
    (shim.window as Record<string, unknown>).createTreeView = () => view;
    e.createView();
    e.follow([ref]);
    assert.equal(timers.intervals.size, 0, 'view hidden: no polling');
    assert.deepEqual(e.refresher.followedIds(), [ref.id]);
    view.visible = true;
    visibility.forEach((f) => f());
    assert.deepEqual(
      [...timers.intervals.values()].map((i) => i.ms),
      [5000],
    );
    emu.requests.clear();
    const sent = () => emu.requests.list().reduce((a, r) => a + r.count, 0);
    timers.fireAll();
    for (let i = 0; i < 500 && sent() === 0; i++) await new Promise((r) => setImmediate(r));
    await e.whenIdle();
    assert.ok(sent() > 0, 'the region was reloaded');
    view.visible = false;
    visibility.forEach((f) => f());
    assert.equal(timers.intervals.size, 0, 'hidden again: polling stops');
    e.dispose();
    assert.equal(timers.intervals.size, 0, 'disposed: no timer left');
  });
});
