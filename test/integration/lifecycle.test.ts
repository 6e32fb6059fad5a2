// What happens after an action, in the real extension host against the emulator (real HTTP):
// follow-up polling of transitional resources, Delete Instances cancelled in the middle of a batch, the tree
// refreshed while a batch runs, and two batches that overlap.
// The emulator counts the API calls it receives (GET /__emulator/requests); no wall-clock assertions: the tree's
// timers run on a fake clock the tests move (testApi.useTreeTimers), conditions are awaited with a generous timeout,
// and "no more calls" compares counts across several poll periods of that clock.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DeleteRun } from '../../src/commands/deleteInstances';
import type { ExtensionApi } from '../../src/extension';
import { emu, ledger, requests, type Provider } from './emulator';
import type { FolderNode, RegionNode, ResourceNode, TreeNode } from '../../src/tree/model';
import { ScriptedPrompts, type ScriptedAnswer } from '../support/scripted-prompts';
import { FakeTimers } from '../support/fake-timers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

type Kind = 'instance' | 'reservation' | 'reservedInstance';

/** Follow-up poll period in these tests (production: 5 s). */
const POLL_MS = 400;
/** Transitional states last this long unless the emulator clock is moved. */
const LONG_MS = 3_600_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

const statusOf = (r: { data?: unknown } | undefined) => (r?.data as { Status?: string } | undefined)?.Status;

describe('lifecycle: follow-up polling, mid-batch cancellation, races between batches and refresh', function () {
  this.timeout(180_000);
  let a: ExtensionApi;
  let prompts: ScriptedPrompts;
  let restore: (() => void) | undefined;
  /** The tree's auto-refresh and follow-up timers: they fire only when a test moves this clock. */
  const clock = new FakeTimers();
  let realTimers: (() => void) | undefined;

  const accountId = (provider: Provider) => a.accounts.shown(provider)[0].id;
  const folderOf = (provider: Provider, region: string, kind: Kind): FolderNode =>
    a.explorer.folderNode(a.explorer.regionNode(provider, accountId(provider), region), kind);

  async function resources(provider: Provider, region: string, kind: Kind): Promise<ResourceNode[]> {
    const kids = await a.explorer.getChildren(folderOf(provider, region, kind));
    return kids.filter((n: TreeNode): n is ResourceNode => n.type === 'resource');
  }

  async function node(provider: Provider, region: string, kind: Kind, name: string): Promise<ResourceNode> {
    let list = await resources(provider, region, kind);
    for (let i = 0; i < 50 && !list.some((x) => x.ref.name === name); i++) {
      await sleep(200);
      list = await resources(provider, region, kind);
    }
    const n = list.find((x) => x.ref.name === name);
    assert.ok(n, `${name} not among ${list.map((x) => x.ref.name).join(', ')}`);
    return n;
  }

  /** Every page of a folder (the tree shows 100 a page). */
  async function allResources(provider: Provider, region: string, kind: Kind): Promise<ResourceNode[]> {
    const folder = folderOf(provider, region, kind);
    await a.explorer.getChildren(folder);
    await a.explorer.loadAll(folder);
    const kids = await a.explorer.getChildren(folder);
    assert.ok(!kids.some((n) => n.type === 'loadMore'), 'every page loaded');
    return kids.filter((n: TreeNode): n is ResourceNode => n.type === 'resource');
  }

  function script(answers: ScriptedAnswer[]): ScriptedPrompts {
    restore?.();
    prompts = new ScriptedPrompts(answers);
    restore = a.testApi.usePrompts(prompts);
    return prompts;
  }

  /**
   * `count` new RUNNING instances "bulk-NNN" in cn-beijing whose transitions last (no follow-up polls either),
   * shown in the tree: their IDs, nodes and region node, and how many other instances the region has.
   */
  async function bulkInstances(count: number): Promise<{ ids: string[]; bulk: ResourceNode[]; bj: RegionNode; others: number }> {
    await emu('volcengine', 'transitions', { delayMs: LONG_MS });
    const { ids } = (await emu('volcengine', 'instances', { region: 'cn-beijing', count, namePrefix: 'bulk' })) as { ids: string[] };
    // Keep the follow-up polls out of these tests (fresh() sets the short period again).
    a.testApi.setFollowIntervalMs(600_000);
    const bj = a.explorer.regionNode('volcengine', accountId('volcengine'), 'cn-beijing');
    a.explorer.refreshNode(bj);
    const all = await allResources('volcengine', 'cn-beijing', 'instance');
    const bulk = all.filter((n) => ids.includes(n.ref.id));
    assert.strictEqual(bulk.length, count);
    return { ids, bulk, bj, others: all.length - count };
  }

  /** Runs Delete Instances on `nodes` as a right-click on the first would; `ended()` says whether it returned. */
  function startDelete(nodes: ResourceNode[]): { running: Promise<DeleteRun | undefined>; ended: () => boolean } {
    let done = false;
    const running = Promise.resolve(
      vscode.commands.executeCommand<DeleteRun | undefined>('ecsExplorer.deleteInstances', nodes[0], nodes),
    ).finally(() => {
      done = true;
    });
    return { running, ended: () => done };
  }

  async function showView(): Promise<void> {
    await vscode.commands.executeCommand('ecsExplorer.resources.focus');
    await waitFor('the Resources view to be visible', () => a.view.visible);
  }

  /** Demo data, empty tree cache, nothing followed. */
  async function fresh(): Promise<void> {
    await a.explorer.whenIdle();
    await emu('volcengine', 'reset', { seed: 'demo' }); // one emulator serves both ports: clears faults, ledger, clock, counts
    a.explorer.refreshNode();
    await a.explorer.getChildren();
    a.testApi.setFollowIntervalMs(POLL_MS);
    // Resources followed by earlier tests would wait for their folders to load again: start from none.
    a.explorer.refresher.clearFollowed();
    await a.explorer.whenIdle();
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!;
    a = await ext.activate();
    await vscode.workspace.getConfiguration('ecsExplorer').update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
    realTimers = a.testApi.useTreeTimers(clock);
    await showView();
  });

  beforeEach(fresh);

  afterEach(async () => {
    restore?.();
    restore = undefined;
    await showView();
    await fresh();
  });

  after(() => {
    a.testApi.setFollowIntervalMs(5000);
    realTimers?.();
  });

  /** Moves the tree's clock by one poll period and waits for the reloads that poll started. */
  async function pollPeriod(): Promise<void> {
    await clock.advance(POLL_MS);
    await a.explorer.whenIdle();
  }

  it('follow-up polling: polls while transitional and visible, none while hidden, stops once settled', async () => {
    await emu('aliyun', 'transitions', { delayMs: LONG_MS });
    const src = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'g5-xlarge-region');
    script([
      { pick: 'ecs.g5.large' },
      { input: '2' },
      { pick: 'ecs.g5.large' },
      { input: '2' },
      { pick: 'Keep default names' },
      { confirm: true },
    ]);
    await vscode.commands.executeCommand('ecsExplorer.splitReservedInstance', src);
    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1);
    assert.strictEqual(l[0].kind, 'split');
    const newIds = l[0].newResourceIds ?? [];
    assert.strictEqual(newIds.length, 2);
    // The action refreshed the region; load it again as the expanded view would.
    await resources('aliyun', 'cn-hangzhou', 'reservedInstance');
    assert.deepStrictEqual(a.explorer.refresher.followedIds().sort(), [...newIds, src.ref.id].sort());
    const find = (id: string) =>
      a.explorer.findRef({ provider: 'aliyun', accountId: src.ref.accountId, region: 'cn-hangzhou', kind: 'reservedInstance', id });
    const polls = () => requests('aliyun', 'DescribeReservedInstances', 'cn-hangzhou');

    // (a) Visible and transitional: the region is polled.
    await a.explorer.whenIdle();
    const start = await polls();
    for (let i = 0; i < 3; i++) {
      const before = await polls();
      await clock.advance(POLL_MS);
      await waitFor('a follow-up poll', async () => (await polls()) > before);
      await a.explorer.whenIdle();
    }
    assert.ok((await polls()) >= start + 3);
    assert.deepStrictEqual(
      newIds.map((id) => statusOf(find(id))),
      ['Creating', 'Creating'],
    );
    assert.strictEqual(statusOf(find(src.ref.id)), 'Updating');
    assert.strictEqual(a.explorer.refresher.followedIds().length, 3);

    // (c) Hidden: no polls, the resources stay followed.
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor('the Resources view to be hidden', () => !a.view.visible);
    await a.explorer.whenIdle();
    const hidden = await polls();
    assert.deepStrictEqual(clock.periods(), [], 'no timer runs while the view is hidden');
    for (let i = 0; i < 5; i++) await pollPeriod();
    assert.strictEqual(await polls(), hidden, 'no polls while the view is hidden');
    assert.strictEqual(a.explorer.refresher.followedIds().length, 3);

    // Shown again: polling resumes.
    await showView();
    await clock.advance(POLL_MS);
    await waitFor('polling to resume', async () => (await polls()) > hidden);

    // (b) Settled: the polls show the new states in the tree, then stop.
    await emu('aliyun', 'clock', { advanceMs: LONG_MS + 60_000 });
    for (let i = 0; i < 20 && a.explorer.refresher.followedIds().length > 0; i++) await pollPeriod();
    assert.strictEqual(a.explorer.refresher.followedIds().length, 0, 'the follower is empty');
    assert.deepStrictEqual(
      newIds.map((id) => statusOf(find(id))),
      ['Active', 'Active'],
    );
    assert.strictEqual(statusOf(find(src.ref.id)), 'Inactive');
    await a.explorer.whenIdle();
    const settled = await polls();
    assert.deepStrictEqual(clock.periods(), [], 'no timer runs once the resources settled');
    for (let i = 0; i < 5; i++) await pollPeriod();
    assert.strictEqual(await polls(), settled, 'no polls once the resources settled');
  });

  it('Delete Instances cancelled mid-batch: one outcome each, nothing sent after the cancel but the call in flight, tree refreshed', async () => {
    const { ids, bulk, bj } = await bulkInstances(250);

    // Three calls of 100, 100 and 50 IDs: the first is answered at once, the second is slow.
    await emu('volcengine', 'faults', [
      { kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 0, count: 1 },
      { kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 6000, count: 1 },
    ]);
    const fired: string[] = [];
    const sub = a.explorer.onDidChangeTreeData((n) => fired.push(n ? n.id : '<root>'));
    const logFrom = a.log.text().length;
    script([{ input: '250' }]);
    const deletes = () => requests('volcengine', 'DeleteInstances', 'cn-beijing');
    const { running, ended } = startDelete(bulk);
    await waitFor('the second call to reach the emulator', async () => ended() || (await deletes()) >= 2);
    assert.ok(!ended(), 'the command ended before its second call was under way');
    assert.ok(prompts.cancelProgress(), 'the progress was running');
    const run = await running;
    sub.dispose();
    assert.ok(run, 'the command returned its run');

    // The emulator applies the call that was in flight when its delay ends; nothing else arrives.
    await waitFor('the in-flight call to be applied', async () => (await ledger('volcengine')).length >= 2);
    const l = await ledger('volcengine');
    assert.strictEqual(l.length, 2, 'two DeleteInstances calls applied');
    assert.strictEqual(await deletes(), 2, 'no call sent after the cancel');
    const [first, second] = l.map((e) => e.resourceIds);
    assert.deepStrictEqual([first.length, second.length], [100, 100]);
    const applied = [...first, ...second];
    assert.strictEqual(new Set(applied).size, 200, 'no instance deleted twice');
    assert.ok(applied.every((id) => ids.includes(id)));

    // Exactly one outcome per instance: deleted (first call), unknown (in flight), cancelled (not sent).
    assert.strictEqual(run.results.length, 250);
    assert.strictEqual(new Set(run.results.map((r) => r.ref.id)).size, 250);
    const expected = (id: string) => (first.includes(id) ? 'done' : second.includes(id) ? 'unknown' : 'cancelled');
    for (const r of run.results) assert.strictEqual(r.kind, expected(r.ref.id), `${r.ref.name} (${r.ref.id})`);
    assert.deepStrictEqual(
      prompts.notices().map((n) => `${n.level}: ${n.message}`),
      ['warn: Delete Instances: 100 deleted, 0 failed, 100 with unknown result, 50 not sent'],
    );

    // The output channel: the summary and one table row per instance with the same result.
    const out = a.log.text().slice(logFrom);
    assert.match(out, /Delete Instances · 100 deleted, 0 failed, 100 with unknown result, 50 not sent/);
    const rows = new Map<string, string[]>();
    for (const m of out.matchAll(/^\s*(i-\w+)\s+bulk-\d{3}\s+(deleted|unknown|not sent)\b(.*)$/gm))
      rows.set(m[1], [...(rows.get(m[1]) ?? []), `${m[2]}${m[3]}`]);
    assert.strictEqual(rows.size, 250, 'a row for every instance');
    for (const id of ids) {
      const r = rows.get(id) ?? [];
      assert.strictEqual(r.length, 1, `one row for ${id}`);
      const word = { done: 'deleted', unknown: 'unknown', cancelled: 'not sent' }[expected(id)];
      assert.ok(r[0].startsWith(word), `${id}: ${r[0]}`);
    }
    assert.match(rows.get(second[0])![0], /OutcomeUnknown\s+Cancelled after the request was sent: it may have been applied/);
    const notSent = ids.find((id) => expected(id) === 'cancelled')!;
    assert.match(rows.get(notSent)![0], /Cancelled\s+Not sent: the operation was cancelled\./);

    // The tree: the region was refreshed, reloading shows what the emulator did, and what may have been deleted is followed.
    assert.ok(fired.includes(bj.id) || fired.includes('<root>'), `region refreshed (fired: ${fired.join(', ')})`);
    const after = new Map((await allResources('volcengine', 'cn-beijing', 'instance')).map((n) => [n.ref.id, statusOf(n.ref)]));
    for (const id of ids) assert.strictEqual(after.get(id), expected(id) === 'cancelled' ? 'RUNNING' : 'DELETING', id);
    assert.deepStrictEqual(a.explorer.refresher.followedIds().sort(), [...applied].sort());
  });

  it('refresh while Delete Instances runs: the tree reloads whole and truthful mid-batch; every instance deleted once', async () => {
    const { ids, bulk, bj, others } = await bulkInstances(250);

    // The second of the three calls (100, 100, 50) is held while the tree is refreshed.
    await emu('volcengine', 'faults', [
      { kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 0, count: 1 },
      { kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 4000, count: 1 },
    ]);
    script([{ input: '250' }]);
    const deletes = () => requests('volcengine', 'DeleteInstances', 'cn-beijing');
    const { running, ended } = startDelete(bulk);
    await waitFor('the second call to reach the emulator', async () => ended() || (await deletes()) >= 2);
    assert.ok(!ended(), 'the command ended before its second call was under way');
    const firstCall = (await ledger('volcengine')).map((e) => e.resourceIds);
    assert.strictEqual(firstCall.length, 1, 'only the first call applied so far');

    // Refresh in the middle: every row once, the first hundred DELETING, the rest still RUNNING.
    a.explorer.refreshNode(bj);
    const mid = await allResources('volcengine', 'cn-beijing', 'instance');
    assert.strictEqual(new Set(mid.map((n) => n.ref.id)).size, mid.length, 'no row twice');
    assert.strictEqual(mid.length, others + 250, 'no row lost');
    const midState = new Map(mid.map((n) => [n.ref.id, statusOf(n.ref)]));
    for (const id of ids) assert.strictEqual(midState.get(id), firstCall[0].includes(id) ? 'DELETING' : 'RUNNING', id);
    assert.ok(!ended(), 'the refresh did not wait for the batch');

    const run = await running;
    assert.ok(run, 'the command returned its run');
    const l = await ledger('volcengine');
    assert.strictEqual(l.length, 3);
    assert.strictEqual(await deletes(), 3, 'three calls, none repeated');
    const applied = l.flatMap((e) => e.resourceIds);
    assert.deepStrictEqual([...applied].sort(), [...ids].sort(), 'every instance deleted once');
    assert.strictEqual(run.results.length, 250);
    assert.ok(
      run.results.every((r) => r.kind === 'done'),
      run.results
        .filter((r) => r.kind !== 'done')
        .map((r) => `${r.ref.id}: ${r.kind}`)
        .join(', '),
    );
    assert.deepStrictEqual(
      prompts.notices().map((n) => `${n.level}: ${n.message}`),
      ['info: Delete Instances: 250 deleted, 0 failed'],
    );

    // After the batch: the tree shows all 250 DELETING, each once, and follows them.
    const after = await allResources('volcengine', 'cn-beijing', 'instance');
    assert.strictEqual(after.length, others + 250);
    for (const n of after.filter((x) => ids.includes(x.ref.id))) assert.strictEqual(statusOf(n.ref), 'DELETING', n.ref.id);
    assert.deepStrictEqual(a.explorer.refresher.followedIds().sort(), [...ids].sort());
  });

  it('two overlapping Delete Instances batches: each instance deleted once, the later batch told why for the shared ones', async () => {
    const { ids, bulk } = await bulkInstances(200);
    const one = bulk.slice(0, 120); // calls of 100 + 20
    const two = bulk.slice(80); // calls of 100 + 20; the 40 of 80…119 are in both
    const shared = new Set(bulk.slice(80, 120).map((n) => n.ref.id));

    // Every DeleteInstances call waits a little, so the two batches overlap on the wire.
    await emu('volcengine', 'faults', [{ kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 300 }]);
    script([{ input: '120' }, { input: '120' }]);
    const [maybe1, maybe2] = await Promise.all([startDelete(one).running, startDelete(two).running]);
    assert.ok(maybe1 && maybe2, 'both commands returned their runs');
    const r1: DeleteRun = maybe1;
    const r2: DeleteRun = maybe2;

    // The ledger: each instance deleted exactly once.
    const applied = (await ledger('volcengine')).flatMap((e) => e.resourceIds);
    assert.strictEqual(new Set(applied).size, applied.length, 'no instance deleted twice');
    assert.deepStrictEqual([...applied].sort(), [...ids].sort(), 'every instance deleted');

    // Each run: one outcome per instance it was given; a shared instance is deleted by exactly one run.
    for (const [run, given] of [
      [r1, one],
      [r2, two],
    ] as const) {
      assert.strictEqual(run.results.length, given.length);
      assert.deepStrictEqual(new Set(run.results.map((r) => r.ref.id)), new Set(given.map((n) => n.ref.id)));
      for (const r of run.results) if (!shared.has(r.ref.id)) assert.strictEqual(r.kind, 'done', `${r.ref.id}: ${r.kind} ${r.code ?? ''}`);
    }
    for (const id of shared) {
      const kinds = [r1, r2].map((run) => run.results.find((r) => r.ref.id === id)!);
      assert.strictEqual(kinds.filter((k) => k.kind === 'done').length, 1, `${id}: ${kinds.map((k) => k.kind).join(', ')}`);
      const other = kinds.find((k) => k.kind !== 'done')!;
      // Refused by the cloud (already DELETING), or left out by the plan if the tree already showed it deleting.
      if (other.kind === 'failed') assert.strictEqual(other.code, 'InvalidInstanceStatus', `${id}: ${other.code}`);
      else assert.strictEqual(other.kind, 'skipped', id);
      assert.ok(other.message, `${id}: the losing batch says why`);
    }
  });
});
