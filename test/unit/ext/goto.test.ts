/**
 * Go to Resource: the quick-pick fields (what VS Code's filter matches), the actions offered (same as the context
 * menu in package.json), and on-demand loading of every folder with the tree's loader against the emulator
 * (Explorer under the bench's vscode shim, with the few window/commands calls it makes stubbed here).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installVscodeShim } from '../../bench/vscode-shim';
import { AliyunClient } from '../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { Transport } from '../../../src/core/http/transport';
import type { Provider } from '../../../src/core/types';
import type { ResourceRef } from '../../../src/services';
import { gotoActions, gotoFields, gotoItems, tagsOf, type FolderContext } from '../../../src/tree/gotoItems';
import { toRef } from '../../../src/tree/model';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator/index';
import { repoRoot, zhBundle } from '../actions/helpers';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../bench/vscode-shim') as Record<string, unknown>;
// What Explorer calls beyond the shim: progress in the view, context keys.
shim.window ??= { withProgress: (_o: unknown, f: () => Promise<unknown>) => f(), showErrorMessage: async () => undefined };
shim.commands ??= { executeCommand: async () => undefined };
const { Explorer } = require('../../../src/tree/explorer') as typeof import('../../../src/tree/explorer');

const where: FolderContext = { provider: 'volcengine', kind: 'instance', kindText: 'Instance', account: 'Volcengine prod', region: 'cn-beijing' };
const state = (s: string) => ({ RUNNING: 'Running', Active: 'Active' })[s] ?? s;

describe('ext/goto: Go to Resource', () => {
  it('an instance matches by ID, name, private and public IP, type and tag; shows kind, state, account and region', () => {
    const r = toRef('volcengine', 'p1', 'cn-beijing', 'instance', {
      InstanceId: 'i-abc', InstanceName: 'web-1', Status: 'RUNNING', InstanceTypeId: 'ecs.g3il.large',
      NetworkInterfaces: [{ PrimaryIpAddress: '192.168.0.7' }, { PrimaryIpAddress: '192.168.1.8' }],
      EipAddress: { IpAddress: '101.126.0.9' }, Tags: [{ Key: 'team', Value: 'core' }, { Key: 'solo' }],
    });
    assert.deepEqual(gotoFields(r, where, state), {
      label: '$(server) web-1',
      description: 'i-abc · ecs.g3il.large · 192.168.0.7 · 192.168.1.8 · 101.126.0.9',
      detail: 'Instance · Running · Volcengine prod · cn-beijing · team=core · solo',
    });
    // No public IP, no tags, no state: nothing empty is joined in.
    const bare = toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-bare', EipAddress: { IpAddress: '' } });
    assert.deepEqual(gotoFields(bare, where, state), { label: '$(server) i-bare', description: 'i-bare', detail: 'Instance · Volcengine prod · cn-beijing' });
  });

  it('reservations show their instance type; coupons their type and Alibaba-style tags', () => {
    const res = toRef('volcengine', 'p1', 'cn-beijing', 'reservation', { ScheduledInstanceId: 'esi-1', ScheduledInstanceName: 'nightly', Status: 'RESERVED', InstanceConfig: { InstanceTypeId: 'ecs.g1ie.xlarge' } });
    assert.equal(gotoFields(res, { ...where, kind: 'reservation', kindText: 'Reservation' }, state).description, 'esi-1 · ecs.g1ie.xlarge');
    const ri = toRef('aliyun', 'a1', 'cn-hangzhou', 'reservedInstance', { ReservedInstanceId: 'ecsri-1', Status: 'Active', InstanceType: 'ecs.g5.large', Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] } });
    const f = gotoFields(ri, { provider: 'aliyun', kind: 'reservedInstance', kindText: 'Reserved Instance', account: 'Alibaba Cloud dev', region: 'cn-hangzhou' }, state);
    assert.deepEqual(f, { label: '$(tag) ecsri-1', description: 'ecsri-1 · ecs.g5.large', detail: 'Reserved Instance · Active · Alibaba Cloud dev · cn-hangzhou · env=prod' });
    // Hostile shapes are ignored, and at most 10 tags are shown.
    assert.deepEqual(tagsOf({ Tags: 'x' }), []);
    assert.deepEqual(tagsOf({ Tags: [null, 5, { Key: 7 }, { Key: 'k', Value: {} }] }), ['k']);
    assert.equal(tagsOf({ Tags: Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}` })) }).length, 10);
  });

  it('builds one item per resource, in order, keeping the ref', () => {
    const refs = Array.from({ length: 3 }, (_, i) => toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: `i-${i}` }));
    const items = gotoItems(refs, where, state);
    assert.deepEqual(items.map((i) => i.ref), refs);
  });

  it('offers exactly the commands the row context menu shows, for each kind and eligibility', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const menu = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
    /** The when clause for a single selected row (view and listMultiSelection known). */
    const holds = (when: string, viewItem: string) =>
      when.split('&&').map((s) => s.trim()).every((c) => {
        if (c === 'view == ecsExplorer.resources' || c === '!listMultiSelection') return true;
        let m = /^viewItem == (\S+)$/.exec(c);
        if (m) return viewItem === m[1];
        m = /^viewItem =~ \/(.*)\/$/.exec(c);
        if (m) return new RegExp(m[1]).test(viewItem);
        throw new Error(`unknown clause ${c}`);
      });
    const cases: [ResourceRef['kind'], boolean, string][] = [
      ['instance', true, 'ecsExplorer.instance.deletable'], ['instance', false, 'ecsExplorer.instance.notDeletable'],
      ['reservation', true, 'ecsExplorer.reservation.cancellable'], ['reservation', false, 'ecsExplorer.reservation.notCancellable'],
      ['reservedInstance', true, 'ecsExplorer.reservedInstance.modifiable'], ['reservedInstance', false, 'ecsExplorer.reservedInstance.notModifiable'],
    ];
    for (const [kind, ok, cv] of cases) {
      const want = [...new Set(menu.filter((m) => holds(m.when, cv)).map((m) => m.command))].filter((c) => c !== 'ecsExplorer.refresh').sort();
      assert.deepEqual(gotoActions(kind, ok).map((a) => a.command).sort(), want, cv);
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

    function explorer(pageSize: number) {
      const acc = (p: Provider) => DEMO_ACCOUNTS.find((a) => a.provider === p)!;
      const creds = (p: Provider) => ({ accessKeyId: acc(p).accessKeyId, accessKeySecret: acc(p).accessKeySecret });
      const vc = new VolcengineClient({ credentials: creds('volcengine'), endpoint: emu.volcengineUrl, transport });
      const ac = new AliyunClient({ credentials: creds('aliyun'), endpoint: emu.aliyunUrl, transport });
      const profile = (p: Provider) => ({ id: `${p}-1`, provider: p, name: `${p} account`, maskedKeyId: 'AK…x' });
      const regions: Record<Provider, string[]> = { volcengine: ['cn-beijing', 'cn-shanghai'], aliyun: ['cn-hangzhou'] };
      const noop = () => ({ dispose() {} });
      const store = new Map<string, unknown>();
      const e = new Explorer({
        clients: { volcengine: async () => vc, aliyun: async () => ac },
        profiles: { shown: (p: Provider) => [profile(p)], all: (p: Provider) => [profile(p)], get: (id: string) => profile(id.split('-')[0] as Provider), onDidChange: noop } as never,
        settings: { regions: (p: Provider) => regions[p], blockingProblems: () => [], general: () => ({ pageSize, autoRefreshSeconds: 0 }), onDidChange: noop, reportProblems() {} } as never,
        log: { info() {}, warn() {}, error() {}, call() {}, show() {} },
        workspaceState: { get: (k: string) => store.get(k), update: async (k: string, v: unknown) => void store.set(k, v), keys: () => [...store.keys()] } as never,
      });
      return { e, vc, ac };
    }

    it('loads every folder completely (all pages) and finds what the clients list', async () => {
      const { e, vc, ac } = explorer(2);
      const { folders, skipped } = e.gotoScope();
      assert.deepEqual(folders.map((f) => f.id.split('/').slice(2).join('/')), [
        'volcengine-1/cn-beijing/instance', 'volcengine-1/cn-beijing/reservation', 'volcengine-1/cn-shanghai/instance', 'volcengine-1/cn-shanghai/reservation', 'aliyun-1/cn-hangzhou/reservedInstance',
      ]);
      assert.deepEqual(skipped, []);
      assert.ok(folders.every((f) => e.folderSnapshot(f) === undefined), 'nothing loaded before');
      const signal = new AbortController().signal;
      await Promise.all(folders.map((f) => e.loadFolderFully(f, signal)));
      const expect = [
        ...(await vc.describeInstances('cn-beijing')).map((i) => i.InstanceId), ...(await vc.describeScheduledInstances('cn-beijing')).map((i) => i.ScheduledInstanceId),
        ...(await vc.describeInstances('cn-shanghai')).map((i) => i.InstanceId), ...(await vc.describeScheduledInstances('cn-shanghai')).map((i) => i.ScheduledInstanceId),
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

    it('cancelling stops the requests and drops the unfinished first loads (the tree loads them again)', async () => {
      emu.reset();
      const { e } = explorer(1);
      const { folders } = e.gotoScope();
      const ctl = new AbortController();
      const sent = () => emu.requests.list().reduce((a, c) => a + c.count, 0);
      const runs = folders.map((f) => e.loadFolderFully(f, ctl.signal));
      ctl.abort();
      await Promise.all(runs);
      await e.whenIdle();
      const after = sent();
      assert.ok(after <= folders.length, `at most the first page of each folder went out (${after})`);
      assert.ok(folders.every((f) => e.folderSnapshot(f) === undefined), 'unfinished loads dropped');
      e.dispose();
      // Cancelled after the first page: the Load All that follows stops before the next one.
      const ctl2 = new AbortController();
      const { e: e2 } = explorer(1);
      const f2 = e2.gotoScope().folders[0];
      const first = e2.loadFolderFully(f2, ctl2.signal);
      // Abort once the first page is in (the folder exists and is not loading).
      while (!e2.folderSnapshot(f2) || e2.folderSnapshot(f2)!.loading) await new Promise((r) => setImmediate(r));
      ctl2.abort();
      await first;
      const s = e2.folderSnapshot(f2)!;
      assert.ok(!s.complete && s.items.length < 5, `stopped early with ${s.items.length} loaded`);
      e2.dispose();
    });
  });
});
