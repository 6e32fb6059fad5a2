/**
 * Go to Resource: the quick-pick fields (what VS Code's filter matches), the actions offered (same as the context
 * menu in package.json), and on-demand loading of every folder with the tree's loader against the emulator
 * (Explorer under the vscode shim of test/support, with the few window/commands calls it makes stubbed here).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installVscodeShim } from '../../support/vscode-shim';
import { AliyunClient } from '../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { Transport } from '../../../src/core/http/transport';
import type { Provider } from '../../../src/core/types';
import type { ResourceRef } from '../../../src/contracts';
import { gotoActions, gotoFields, gotoItems, tagsOf, type FolderContext } from '../../../src/tree/gotoItems';
import { toRef } from '../../../src/tree/model';
import { isEligible } from '../../../src/tree/eligibility';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator/index';
import { repoRoot, zhBundle } from '../../support/helpers';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../support/vscode-shim') as Record<string, unknown>;
// What Explorer calls beyond the shim: progress in the view, context keys.
shim.window ??= { withProgress: (_o: unknown, f: () => Promise<unknown>) => f(), showErrorMessage: async () => undefined };
shim.commands ??= { executeCommand: async () => undefined };
const { Explorer } = require('../../../src/tree/explorer') as typeof import('../../../src/tree/explorer');
const goto = require('../../../src/tree/goto') as typeof import('../../../src/tree/goto');
const { vscodePrompts } = require('../../../src/ui/prompts') as typeof import('../../../src/ui/prompts');

/** The quick pick VS Code would show: records what the command sets; the test accepts or hides it. */
class FakeQuickPick<T> {
  private _items: readonly T[] = [];
  itemSets = 0;
  activeItems: readonly T[] = [];
  selectedItems: readonly T[] = [];
  busy = false;
  busySeen = false;
  value = '';
  title?: string;
  placeholder?: string;
  matchOnDescription = false;
  matchOnDetail = false;
  private accepts: (() => void)[] = [];
  private hides: (() => void)[] = [];
  onShow?: (qp: FakeQuickPick<T>) => void;
  get items(): readonly T[] {
    return this._items;
  }
  set items(v: readonly T[]) {
    this._items = v;
    this.itemSets++;
    this.activeItems = v.slice(0, 1);
  }
  onDidAccept(f: () => void) {
    this.accepts.push(f);
    return { dispose() {} };
  }
  onDidHide(f: () => void) {
    this.hides.push(f);
    return { dispose() {} };
  }
  show() {
    this.onShow?.(this);
  }
  hide() {
    for (const f of this.hides) f();
  }
  dispose() {}
  accept(item: T) {
    this.selectedItems = [item];
    for (const f of this.accepts) f();
  }
}

const where: FolderContext = {
  provider: 'volcengine',
  kind: 'instance',
  kindText: 'Instance',
  account: 'Volcengine prod',
  region: 'cn-beijing',
};
const state = (s: string) => ({ RUNNING: 'Running', Active: 'Active' })[s] ?? s;

const tick = () => new Promise((r) => setImmediate(r));

/** The action titles the second pick shows for an instance (English stand-in l10n). */
function gotoTitles(ref: ResourceRef): string[] {
  return gotoActions(ref.kind, isEligible(ref, new Date())).map((a) => a.title);
}

describe('ext/goto: Go to Resource', () => {
  it('an instance matches by ID, name, private and public IP, type and tag; shows kind, state, account and region', () => {
    const r = toRef('volcengine', 'p1', 'cn-beijing', 'instance', {
      InstanceId: 'i-abc',
      InstanceName: 'web-1',
      Status: 'RUNNING',
      InstanceTypeId: 'ecs.g3il.large',
      NetworkInterfaces: [{ PrimaryIpAddress: '192.168.0.7' }, { PrimaryIpAddress: '192.168.1.8' }],
      EipAddress: { IpAddress: '101.126.0.9' },
      Tags: [{ Key: 'team', Value: 'core' }, { Key: 'solo' }],
    });
    assert.deepEqual(gotoFields(r, where, state), {
      label: '$(server) web-1',
      description: 'i-abc · ecs.g3il.large · 192.168.0.7 · 192.168.1.8 · 101.126.0.9',
      detail: 'Instance · Running · Volcengine prod · cn-beijing · team=core · solo',
    });
    // No public IP, no tags, no state: nothing empty is joined in.
    const bare = toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-bare', EipAddress: { IpAddress: '' } });
    assert.deepEqual(gotoFields(bare, where, state), {
      label: '$(server) i-bare',
      description: 'i-bare',
      detail: 'Instance · Volcengine prod · cn-beijing',
    });
  });

  it('reservations show their instance type; coupons their type and Alibaba-style tags', () => {
    const res = toRef('volcengine', 'p1', 'cn-beijing', 'reservation', {
      ScheduledInstanceId: 'esi-1',
      ScheduledInstanceName: 'nightly',
      Status: 'RESERVED',
      InstanceConfig: { InstanceTypeId: 'ecs.g1ie.xlarge' },
    });
    assert.equal(gotoFields(res, { ...where, kind: 'reservation', kindText: 'Reservation' }, state).description, 'esi-1 · ecs.g1ie.xlarge');
    const ri = toRef('aliyun', 'a1', 'cn-hangzhou', 'reservedInstance', {
      ReservedInstanceId: 'ecsri-1',
      Status: 'Active',
      InstanceType: 'ecs.g5.large',
      Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] },
    });
    const f = gotoFields(
      ri,
      { provider: 'aliyun', kind: 'reservedInstance', kindText: 'Reserved Instance', account: 'Alibaba Cloud dev', region: 'cn-hangzhou' },
      state,
    );
    assert.deepEqual(f, {
      label: '$(tag) ecsri-1',
      description: 'ecsri-1 · ecs.g5.large',
      detail: 'Reserved Instance · Active · Alibaba Cloud dev · cn-hangzhou · env=prod',
    });
    // Hostile shapes are ignored, and at most 10 tags are shown.
    assert.deepEqual(tagsOf({ Tags: 'x' }), []);
    assert.deepEqual(tagsOf({ Tags: [null, 5, { Key: 7 }, { Key: 'k', Value: {} }] }), ['k']);
    assert.equal(tagsOf({ Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}` })) }).length, 10);
  });

  it('builds one item per resource, in order, keeping the ref', () => {
    const refs = Array.from({ length: 3 }, (_, i) => toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: `i-${i}` }));
    const items = gotoItems(refs, where, state);
    assert.deepEqual(
      items.map((i) => i.ref),
      refs,
    );
  });

  it('offers exactly the commands the row context menu shows, for each kind and eligibility', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const menu = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
    /** The when clause for a single selected row (view and listMultiSelection known). */
    const holds = (when: string, viewItem: string) =>
      when
        .split('&&')
        .map((s) => s.trim())
        .every((c) => {
          if (c === 'view == ecsExplorer.resources' || c === '!listMultiSelection') return true;
          let m = /^viewItem == (\S+)$/.exec(c);
          if (m) return viewItem === m[1];
          m = /^viewItem =~ \/(.*)\/$/.exec(c);
          if (m) return new RegExp(m[1]).test(viewItem);
          throw new Error(`unknown clause ${c}`);
        });
    const cases: [ResourceRef['kind'], boolean, string][] = [
      ['instance', true, 'resource;instance;deletable;'],
      ['instance', false, 'resource;instance;no-deletable;'],
      ['reservation', true, 'resource;reservation;cancellable;'],
      ['reservation', false, 'resource;reservation;no-cancellable;'],
      ['reservedInstance', true, 'resource;reservedInstance;modifiable;'],
      ['reservedInstance', false, 'resource;reservedInstance;no-modifiable;'],
    ];
    for (const [kind, ok, cv] of cases) {
      const want = [...new Set(menu.filter((m) => holds(m.when, cv)).map((m) => m.command))]
        .filter((c) => c !== 'ecsExplorer.refresh')
        .sort();
      assert.deepEqual(
        gotoActions(kind, ok)
          .map((a) => a.command)
          .sort(),
        want,
        cv,
      );
      for (const a of gotoActions(kind, ok)) assert.ok(a.title in zhBundle, `${a.title} has a zh-cn translation`);
    }
  });

  describe('on-demand loading with the tree loader (emulator)', () => {
    let emu: Emulator;
    let transport: Transport;
    before(async () => {
      emu = await startEmulator();
      transport = new Transport();
    });
    after(async () => {
      await transport.close();
      await emu.stop();
    });

    function explorer(pageSize: number, over: { accounts?: object; env?: NodeJS.ProcessEnv } = {}) {
      const acc = (p: Provider) => DEMO_ACCOUNTS.find((a) => a.provider === p)!;
      const creds = (p: Provider) => ({ accessKeyId: acc(p).accessKeyId, accessKeySecret: acc(p).accessKeySecret });
      const vc = new VolcengineClient({ credentials: creds('volcengine'), endpoint: emu.volcengineUrl, transport });
      const ac = new AliyunClient({ credentials: creds('aliyun'), endpoint: emu.aliyunUrl, transport });
      const account = (p: Provider) => ({ id: `${p}-1`, provider: p, name: `${p} account`, maskedKeyId: 'AK…x' });
      const regions: Record<Provider, string[]> = { volcengine: ['cn-beijing', 'cn-shanghai'], aliyun: ['cn-hangzhou'] };
      const noop = () => ({ dispose() {} });
      const store = new Map<string, unknown>();
      const e = new Explorer({
        clients: { volcengine: async () => vc, aliyun: async () => ac },
        accounts: (over.accounts ?? {
          shown: (p: Provider) => [account(p)],
          all: (p: Provider) => [account(p)],
          get: (id: string) => account(id.split('-')[0] as Provider),
          onDidChange: noop,
        }) as never,
        env: over.env ?? {},
        settings: {
          regions: (p: Provider) => regions[p],
          blockingProblems: () => [],
          general: () => ({ pageSize, autoRefreshSeconds: 0 }),
          onDidChange: noop,
          reportProblems() {},
        } as never,
        log: { info() {}, warn() {}, error() {}, call() {}, show() {} },
        workspaceState: {
          get: (k: string) => store.get(k),
          update: async (k: string, v: unknown) => void store.set(k, v),
          keys: () => [...store.keys()],
        } as never,
      });
      return { e, vc, ac };
    }

    it('loads every folder completely (all pages) and finds what the clients list', async () => {
      const { e, vc, ac } = explorer(2);
      const { folders, skipped } = await e.gotoScope();
      assert.deepEqual(
        folders.map((f) => f.id.split('/').slice(2).join('/')),
        [
          'volcengine-1/cn-beijing/instance',
          'volcengine-1/cn-beijing/reservation',
          'volcengine-1/cn-shanghai/instance',
          'volcengine-1/cn-shanghai/reservation',
          'aliyun-1/cn-hangzhou/reservedInstance',
        ],
      );
      assert.deepEqual(skipped, []);
      assert.ok(
        folders.every((f) => e.folderSnapshot(f) === undefined),
        'nothing loaded before',
      );
      const signal = new AbortController().signal;
      await Promise.all(folders.map((f) => e.loadFolderFully(f, signal)));
      const expect = [
        ...(await vc.describeInstances('cn-beijing')).map((i) => i.InstanceId),
        ...(await vc.describeScheduledInstances('cn-beijing')).map((i) => i.ScheduledInstanceId),
        ...(await vc.describeInstances('cn-shanghai')).map((i) => i.InstanceId),
        ...(await vc.describeScheduledInstances('cn-shanghai')).map((i) => i.ScheduledInstanceId),
        ...(await ac.describeReservedInstances('cn-hangzhou')).map((i) => i.ReservedInstanceId),
      ].sort();
      assert.ok(expect.length > 2 * folders.length, `several pages of 2 (${expect.length})`);
      const got = folders.flatMap((f) => {
        const s = e.folderSnapshot(f)!;
        assert.ok(s.complete, `${f.id} complete`);
        return s.items.map((r) => r.id);
      });
      assert.deepEqual(got.sort(), expect);
      // An instance is found by its private IP through the item fields.
      const inst = e.folderSnapshot(folders[0])!.items[0];
      const ip = (inst.data as { NetworkInterfaces: { PrimaryIpAddress: string }[] }).NetworkInterfaces[0].PrimaryIpAddress;
      const items = gotoItems(e.folderSnapshot(folders[0])!.items, where, state);
      const hits = items.filter((i) => i.description.split(' · ').includes(ip)).map((i) => i.ref);
      assert.ok(hits.includes(inst), 'found by its private IP');
      assert.ok(hits.length < items.length, 'not everything matches');
      assert.ok(e.findNode(inst), 'the tree has the node to reveal');
      e.dispose();
    });

    it("waits for the first open's import to list the environment's accounts (opened before the tree asked)", async () => {
      const added: { id: string; provider: Provider; name: string; maskedKeyId: string }[] = [];
      const accounts = {
        shown: (p: Provider) => added.filter((x) => x.provider === p),
        all: (p: Provider) => added.filter((x) => x.provider === p),
        get: (id: string) => added.find((x) => x.id === id),
        envImported: () => false,
        markEnvImported: async () => undefined,
        // As AccountStore.add: listed at once, saved later (after the view's first rows, or when credentials are asked).
        add: (provider: Provider, name: string, _c: unknown, id: string) => {
          added.push({ id, provider, name, maskedKeyId: 'AK…x' });
          return new Promise((r) => setImmediate(r));
        },
        onDidChange: () => ({ dispose() {} }),
      };
      const { e } = explorer(100, { accounts, env: { VOLCENGINE_ACCESS_KEY: 'AKLTenv', VOLCENGINE_SECRET_KEY: 'secret-env' } });
      const { folders } = await e.gotoScope();
      assert.deepEqual(
        folders.map((f) => f.id),
        [
          'ecsExplorer/volcengine/volcengine-env/cn-beijing/instance',
          'ecsExplorer/volcengine/volcengine-env/cn-beijing/reservation',
          'ecsExplorer/volcengine/volcengine-env/cn-shanghai/instance',
          'ecsExplorer/volcengine/volcengine-env/cn-shanghai/reservation',
        ],
      );
      e.dispose();
    });

    it('cancelling stops the requests and drops the unfinished first loads (the tree loads them again)', async () => {
      emu.reset();
      const { e } = explorer(1);
      const { folders } = await e.gotoScope();
      const ctl = new AbortController();
      const sent = () => emu.requests.list().reduce((a, c) => a + c.count, 0);
      const runs = folders.map((f) => e.loadFolderFully(f, ctl.signal));
      ctl.abort();
      await Promise.all(runs);
      await e.whenIdle();
      const after = sent();
      assert.ok(after <= folders.length, `at most the first page of each folder went out (${after})`);
      assert.ok(
        folders.every((f) => e.folderSnapshot(f) === undefined),
        'unfinished loads dropped',
      );
      e.dispose();
      // Cancelled after the first page: the Load All that follows stops before the next one.
      const ctl2 = new AbortController();
      const { e: e2 } = explorer(1);
      const f2 = (await e2.gotoScope()).folders[0];
      const first = e2.loadFolderFully(f2, ctl2.signal);
      // Abort once the first page is in (the folder exists and is not loading).
      while (!e2.folderSnapshot(f2) || e2.folderSnapshot(f2)!.loading) await new Promise((r) => setImmediate(r));
      ctl2.abort();
      await first;
      const s = e2.folderSnapshot(f2)!;
      assert.ok(!s.complete && s.items.length < 5, `stopped early with ${s.items.length} loaded`);
      e2.dispose();
    });

    describe('the command flow (quick pick, progress, reveal, actions) with VS Code stand-ins', () => {
      let qp: FakeQuickPick<{ label: string; description?: string; ref?: ResourceRef }>;
      let progress: { cancellable?: boolean; cancel?: () => void; run?: Promise<unknown> }[];
      let picks: string[][];
      let ran: unknown[][];
      let revealed: unknown[];
      beforeEach(() => {
        progress = [];
        picks = [];
        ran = [];
        revealed = [];
        const w = shim.window as Record<string, unknown>;
        w.createQuickPick = () => (qp = new FakeQuickPick());
        w.withProgress = (o: { cancellable?: boolean; location?: unknown }, f: (p: unknown, t: unknown) => Promise<unknown>) => {
          if (!o.cancellable)
            return f({ report() {} }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) });
          const listeners: (() => void)[] = [];
          const rec: { cancellable?: boolean; cancel?: () => void; run?: Promise<unknown> } = {
            cancellable: true,
            cancel: () => listeners.forEach((l) => l()),
          };
          rec.run = f(
            { report() {} },
            { isCancellationRequested: false, onCancellationRequested: (l: () => void) => (listeners.push(l), { dispose() {} }) },
          );
          progress.push(rec);
          return rec.run;
        };
        w.showQuickPick = async (items: { label: string }[]) => {
          picks.push(items.map((i) => i.label));
          return items.find((i) => i.label === 'View Details');
        };
        w.showWarningMessage = async () => undefined;
        shim.ProgressLocation = { Notification: 15 };
        (shim.commands as Record<string, unknown>).executeCommand = async (...args: unknown[]) => void ran.push(args);
      });

      function deps(e: InstanceType<typeof Explorer>, failures = 0) {
        const view = {
          selection: [] as unknown[],
          reveal: async (n: unknown, o: unknown) => {
            if (failures-- > 0) throw new Error('Cannot resolve tree item');
            revealed.push([n, o]);
            view.selection = [n];
          },
        };
        return {
          explorer: e,
          view: view as never,
          accounts: { get: (id: string) => ({ name: `${id} account` }) } as never,
          log: { info() {}, warn() {}, error() {}, call() {}, show() {} },
          prompts: vscodePrompts(),
        };
      }

      it('on cached data: items built once, no loading; choosing one reveals and selects it and offers its menu actions', async () => {
        emu.reset();
        const { e } = explorer(100);
        const folders = (await e.gotoScope()).folders;
        await Promise.all(folders.map((f) => e.loadFolderFully(f, new AbortController().signal)));
        const total = folders.reduce((n, f) => n + e.folderSnapshot(f)!.items.length, 0);
        const inst = e.folderSnapshot(folders[0])!.items[0];
        const ip = (inst.data as { NetworkInterfaces: { PrimaryIpAddress: string }[] }).NetworkInterfaces[0].PrimaryIpAddress;
        let shownWith = -1;
        (shim.window as Record<string, unknown>).createQuickPick = () => {
          qp = new FakeQuickPick();
          qp.onShow = (q) => (shownWith = q.items.length);
          return qp;
        };
        const run = goto.goToResource(deps(e), ip);
        await tick();
        assert.equal(shownWith, total, 'every item there when the pick shows');
        assert.equal(qp.itemSets, 1, 'built once');
        assert.equal(qp.value, ip);
        assert.ok(qp.matchOnDescription && qp.matchOnDetail);
        assert.equal(progress.length, 0, 'nothing to load');
        assert.equal(qp.busy, false);
        qp.accept(qp.items.find((i) => i.ref === inst)!);
        const chosen = await run;
        assert.equal(chosen, inst);
        const node = e.findNode(inst)!;
        assert.deepEqual(revealed, [[node, { select: true, focus: true, expand: false }]]);
        assert.deepEqual(picks, [gotoTitles(inst)]);
        assert.deepEqual(ran, [['ecsExplorer.viewDetails', node, [node]]]);
        e.dispose();
      });

      it('a refresh that drops the selection right after the reveal: revealed again once the tree is quiet', async () => {
        emu.reset();
        const { e } = explorer(100);
        const folders = (await e.gotoScope()).folders;
        await Promise.all(folders.map((f) => e.loadFolderFully(f, new AbortController().signal)));
        const inst = e.folderSnapshot(folders[0])!.items[0];
        (shim.window as Record<string, unknown>).createQuickPick = () => (qp = new FakeQuickPick());
        const d = deps(e);
        const view = d.view as unknown as { selection: unknown[]; reveal: (n: unknown, o: unknown) => Promise<void> };
        const first = view.reveal;
        let drops = 1;
        view.reveal = async (n, o) => {
          await first(n, o);
          if (drops-- > 0) view.selection = []; // what VS Code does when a refresh re-renders the region
        };
        const run = goto.goToResource(d, inst.id);
        await tick();
        qp.accept(qp.items.find((i) => i.ref === inst)!);
        assert.equal(await run, inst);
        assert.equal(revealed.length, 2, 'revealed again after the selection was dropped');
        assert.deepEqual(view.selection, [e.findNode(inst)]);
        assert.equal(ran.length, 1, 'actions offered once');
        e.dispose();
      });

      it('a reveal that fails (the tree re-rendered) is tried again; a row the tree filter hides is explained', async () => {
        emu.reset();
        const { e } = explorer(100);
        const folders = (await e.gotoScope()).folders;
        await Promise.all(folders.map((f) => e.loadFolderFully(f, new AbortController().signal)));
        const inst = e.folderSnapshot(folders[0])!.items[0];
        const warned: string[] = [];
        (shim.window as Record<string, unknown>).showWarningMessage = async (m: string) => void warned.push(m);
        let run = goto.goToResource(deps(e, 1));
        await tick();
        qp.accept(qp.items.find((i) => i.ref === inst)!);
        assert.equal(await run, inst);
        assert.equal(revealed.length, 1);
        assert.deepEqual(warned, []);
        assert.equal(ran.length, 1, 'its actions offered');
        // Filtered: the row is not in the tree; no retry, the user is told why.
        await e.setFilter('no-such-name');
        revealed.length = 0;
        ran.length = 0;
        run = goto.goToResource(deps(e, 5));
        await tick();
        qp.accept(qp.items.find((i) => i.ref === inst)!);
        await run;
        assert.deepEqual([revealed.length, ran.length], [0, 0]);
        assert.equal(warned.length, 1);
        assert.match(warned[0], /filter "no-such-name" hides it/);
        e.dispose();
      });

      it('not loaded yet: busy with a cancellable progress, every list loaded and added; closing without a choice cancels', async () => {
        emu.reset();
        const { e } = explorer(2);
        const run = goto.goToResource(deps(e));
        await tick();
        assert.equal(qp.items.length, 0);
        assert.equal(qp.busy, true);
        assert.equal(progress.length, 1);
        await progress[0].run;
        await e.whenIdle();
        await new Promise((r) => setImmediate(r));
        assert.equal(qp.busy, false);
        const folders = (await e.gotoScope()).folders;
        const total = folders.reduce((n, f) => n + e.folderSnapshot(f)!.items.length, 0);
        assert.ok(folders.every((f) => e.folderSnapshot(f)!.complete));
        assert.equal(qp.items.length, total);
        assert.deepEqual(new Set(qp.items.map((i) => i.ref)).size, total, 'each resource once');
        qp.hide();
        assert.equal(await run, undefined);
        assert.deepEqual(revealed, []);
        e.dispose();
      });

      it('cancelling the progress stops the requests and leaves no list half-loaded', async () => {
        emu.reset();
        const { e } = explorer(1);
        const run = goto.goToResource(deps(e));
        await tick();
        progress[0].cancel!();
        await progress[0].run;
        await e.whenIdle();
        const sent = emu.requests.list().reduce((a, c) => a + c.count, 0);
        const folders = (await e.gotoScope()).folders;
        assert.ok(sent <= folders.length, `no page after the first ones (${sent})`);
        for (const f of folders) {
          const s = e.folderSnapshot(f);
          assert.ok(!s || !s.loading, `${f.id} not left loading`);
        }
        qp.hide();
        assert.equal(await run, undefined);
        e.dispose();
      });
    });
  });
});
