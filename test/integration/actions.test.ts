// Action commands in the real extension host, real HTTP to the emulator: menu path (node args),
// palette path (scripted prompts), failures injected through the control API, ledger checks, secret scan.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { emu, ledger, type LedgerEntry, type Provider } from './emulator';
import type { ResourceNode, TreeNode } from '../../src/tree/model';
import { ScriptedPrompts, type ScriptedAnswer } from '../support/scripted-prompts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { publisher: string; name: string };

/** How many ledger entries acted on this resource. */
function times(entries: LedgerEntry[], id: string): number {
  return entries.filter((e) => e.resourceIds.includes(id)).length;
}

const cfg = () => vscode.workspace.getConfiguration('ecsExplorer');

describe('actions: commands against the emulator', function () {
  this.timeout(60_000);
  let a: ExtensionApi;
  let prompts: ScriptedPrompts;
  let restore: (() => void) | undefined;

  async function resources(
    provider: Provider,
    region: string,
    kind: 'instance' | 'reservation' | 'reservedInstance',
  ): Promise<ResourceNode[]> {
    const accountId = a.accounts.shown(provider)[0].id;
    const regionNode = a.explorer.regionNode(provider, accountId, region);
    const kids = await a.explorer.getChildren(a.explorer.folderNode(regionNode, kind));
    return kids.filter((n: TreeNode): n is ResourceNode => n.type === 'resource');
  }

  async function node(
    provider: Provider,
    region: string,
    kind: 'instance' | 'reservation' | 'reservedInstance',
    name: string,
  ): Promise<ResourceNode> {
    // The first load after activation (env account import, view focus) may still be under way.
    let list = await resources(provider, region, kind);
    for (let i = 0; i < 50 && !list.some((x) => x.ref.name === name); i++) {
      await new Promise((r) => setTimeout(r, 200));
      list = await resources(provider, region, kind);
    }
    const n = list.find((x) => x.ref.name === name);
    assert.ok(n, `${name} not among ${list.map((x) => x.ref.name).join(', ')}`);
    return n;
  }

  function script(answers: ScriptedAnswer[]): ScriptedPrompts {
    restore?.();
    prompts = new ScriptedPrompts(answers);
    restore = a.testApi.usePrompts(prompts);
    return prompts;
  }

  function notices(): string[] {
    return prompts.notices().map((n) => `${n.level}: ${n.message}`);
  }

  /** The account pick when several accounts exist (the palette asks only then). */
  async function accountAnswers(provider: Provider): Promise<ScriptedAnswer[]> {
    const list = await a.explorer.accounts(provider);
    return list.length > 1 ? [{ pick: list[0].name }] : [];
  }

  before(async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(`${pkg.publisher}.${pkg.name}`)!;
    a = await ext.activate();
    await vscode.commands.executeCommand('ecsExplorer.resources.focus');
  });

  beforeEach(async () => {
    await emu('volcengine', 'reset', { seed: 'demo' });
    await emu('aliyun', 'reset', { seed: 'demo' });
    a.explorer.refreshNode();
    await cfg().update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    restore?.();
    restore = undefined;
    await emu('volcengine', 'faults', undefined, 'DELETE');
    await emu('aliyun', 'faults', undefined, 'DELETE');
  });

  after(async () => {
    await cfg().update('confirmDestructive', undefined, vscode.ConfigurationTarget.Global);
  });

  // ---- Delete Instances ----

  it('delete one instance from the menu: type the count, one ledger entry, summary and table', async () => {
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    script([{ input: '1' }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web);
    const input = prompts.records.find((r) => r.kind === 'input');
    assert.ok(input && input.kind === 'input');
    assert.match(input.prompt ?? '', new RegExp(`^Type 1 to delete: web-postpaid-running \\(${web.ref.id}\\)`));
    assert.deepStrictEqual(notices(), ['info: Delete Instances: 1 deleted, 0 failed']);
    assert.deepStrictEqual(prompts.notices()[0].buttons, ['Show Output']);
    const l = await ledger('volcengine');
    assert.strictEqual(times(l, web.ref.id), 1);
    assert.match(a.log.text(), new RegExp(`${web.ref.id}\\s+web-postpaid-running\\s+deleted`));
    assert.match(a.log.text(), /volcengine cn-beijing DeleteInstances ClientToken=ecsx-\S+ RequestId=\S+ HTTP 200/);
  });

  it('multi-select across two regions (modal): ineligible left out with the reason, one outcome each', async () => {
    await cfg().update('confirmDestructive', 'modal', vscode.ConfigurationTarget.Global);
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    const stopped = await node('volcengine', 'cn-beijing', 'instance', 'batch-stopped');
    const prepaid = await node('volcengine', 'cn-beijing', 'instance', 'db-prepaid-active');
    const sh = await node('volcengine', 'cn-shanghai', 'instance', 'shanghai-web-1');
    script([{ confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web, [web, stopped, prepaid, sh]);
    const confirm = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(confirm && confirm.kind === 'confirm');
    assert.strictEqual(confirm.message, 'Delete 3 instances in cn-beijing, cn-shanghai?');
    assert.strictEqual(confirm.confirmLabel, 'Delete 3 Instances');
    for (const n of [web, stopped, sh]) assert.ok(confirm.detail.includes(`${n.ref.name} (${n.ref.id})`), n.ref.name);
    assert.match(confirm.detail, /Left out \(1\):\ndb-prepaid-active .*Subscription instance: does not expire/);
    assert.deepStrictEqual(notices(), ['info: Delete Instances: 3 deleted, 0 failed, 1 left out']);
    const l = await ledger('volcengine');
    for (const n of [web, stopped, sh]) assert.strictEqual(times(l, n.ref.id), 1, n.ref.name);
    assert.strictEqual(times(l, prepaid.ref.id), 0);
    assert.deepStrictEqual(l.map((e) => e.region).sort(), ['cn-beijing', 'cn-shanghai']);
  });

  it('per-instance failure from the server: the table shows the code, the guidance follows, the rest is deleted', async () => {
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    const gone = await node('volcengine', 'cn-beijing', 'instance', 'batch-stopped');
    // Deleted elsewhere (another window, the console) while this row still shows it Stopped: the cloud refuses it.
    const elsewhere = await (await a.clients.volcengine(gone.ref.accountId)).deleteInstances('cn-beijing', [gone.ref.id]);
    assert.ok(elsewhere.outcomes[0].ok, 'deleted out of band');
    script([{ input: '2' }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web, [web, gone]);
    assert.deepStrictEqual(notices(), ['warn: Delete Instances: 1 deleted, 1 failed']);
    const text = a.log.text();
    assert.match(text, new RegExp(`${gone.ref.id}\\s+batch-stopped\\s+failed\\s+InvalidInstanceStatus`));
    assert.match(text, /Error \[InvalidInstanceStatus\][^\n]*\n(?:.*\n)*?\s+Next step: \S/);
    const l = await ledger('volcengine');
    assert.strictEqual(times(l, web.ref.id), 1);
    assert.strictEqual(times(l, gone.ref.id), 1, 'deleted once, out of band');
  });

  it('connection reset after the side effect: retried with the same ClientToken, deleted once, one outcome', async () => {
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    await emu('volcengine', 'faults', { kind: 'reset-after', provider: 'volcengine', action: 'DeleteInstances', count: 1 });
    script([{ input: '1' }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web);
    const l = await ledger('volcengine');
    assert.strictEqual(times(l, web.ref.id), 1, 'no double side effect');
    assert.strictEqual(prompts.notices().length, 1);
    assert.match(notices()[0], /Delete Instances: 1 deleted, 0 failed/);
  });

  it('server errors on every attempt: each instance failed once with code and guidance, nothing deleted', async () => {
    const a1 = await node('volcengine', 'cn-guangzhou', 'instance', 'guangzhou-web-1');
    const a2 = await node('volcengine', 'cn-guangzhou', 'instance', 'guangzhou-web-2');
    await emu('volcengine', 'faults', { kind: 'internal-error', provider: 'volcengine', action: 'DeleteInstances', count: 20 });
    script([{ input: '2' }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', a1, [a1, a2]);
    assert.deepStrictEqual(notices(), ['warn: Delete Instances: 0 deleted, 2 failed']);
    const text = a.log.text();
    assert.match(text, new RegExp(`${a1.ref.id}\\s+guangzhou-web-1\\s+failed\\s+InternalError`));
    assert.match(text, new RegExp(`${a2.ref.id}\\s+guangzhou-web-2\\s+failed\\s+InternalError`));
    assert.match(text, /Error \[InternalError\]/);
    assert.strictEqual((await ledger('volcengine')).length, 0);
  });

  it('palette path: region and instances by quick pick', async () => {
    const target = await node('volcengine', 'cn-guangzhou', 'instance', 'guangzhou-job');
    script([...(await accountAnswers('volcengine')), { pick: 'cn-guangzhou' }, { pickMany: ['guangzhou-job'] }, { input: '1' }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances');
    assert.deepStrictEqual(prompts.remaining, []);
    assert.deepStrictEqual(notices(), ['info: Delete Instances: 1 deleted, 0 failed']);
    assert.strictEqual(times(await ledger('volcengine'), target.ref.id), 1);
  });

  it('Esc at the confirmation sends nothing and shows nothing', async () => {
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    script([{ cancel: true }]);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web);
    assert.deepStrictEqual(notices(), []);
    assert.strictEqual((await ledger('volcengine')).length, 0);
  });

  it('a menu whose row is not among its arguments (refreshed away, or run without the menu context): nothing asked or sent, the user is told', async () => {
    const web = await node('volcengine', 'cn-beijing', 'instance', 'web-postpaid-running');
    const stopped = await node('volcengine', 'cn-beijing', 'instance', 'batch-stopped');
    const imm = await node('volcengine', 'cn-beijing', 'reservation', 'seg-immediate');
    script([]);
    // What VS Code passes when a row's handle no longer resolves: the row as undefined, or a hole in the selection.
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', undefined, undefined);
    await vscode.commands.executeCommand('ecsExplorer.deleteInstances', web, [web, undefined, stopped]);
    await vscode.commands.executeCommand('ecsExplorer.whyNotCancellable', null, [imm, null]);
    await vscode.commands.executeCommand('ecsExplorer.mergeReservedInstances', undefined);
    // A menu item run without the menu's context gets VS Code's default one instead of the row.
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation', { preserveFocus: false }, undefined);
    assert.deepStrictEqual(
      prompts.records.filter((r) => r.kind !== 'notify'),
      [],
      'no picker, input or confirmation',
    );
    const lost =
      'the row this menu was opened on could not be identified (the tree may have been refreshed while the menu was open). Nothing was done; open the menu on the row again.';
    assert.deepStrictEqual(notices(), [
      `warn: Delete Instances: ${lost}`,
      `warn: Delete Instances: ${lost}`,
      `warn: Why Can't I Cancel This Reservation?: ${lost}`,
      `warn: Merge Reserved Instances: ${lost}`,
      `warn: Cancel Reservation: ${lost}`,
    ]);
    assert.strictEqual((await ledger('volcengine')).length + (await ledger('aliyun')).length, 0);
    assert.ok(a.log.text().split(lost).length - 1 >= 5, 'logged');
  });

  // ---- Cancel Reservation ----

  it('cancel a fresh reservation from the menu: time left in the confirmation, one ledger entry', async () => {
    const fresh = await node('volcengine', 'cn-beijing', 'reservation', 'esi-fresh-10min');
    script([{ input: '1' }]);
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation', fresh);
    const input = prompts.records.find((r) => r.kind === 'input');
    assert.ok(input && input.kind === 'input');
    assert.match(input.prompt ?? '', /Time left to cancel: (19|20) min/);
    assert.deepStrictEqual(notices(), [`info: Reservation esi-fresh-10min (${fresh.ref.id}) cancelled.`]);
    const l = await ledger('volcengine');
    assert.strictEqual(times(l, fresh.ref.id), 1);
    assert.match(a.log.text(), new RegExp(`DeleteScheduledInstance cn-beijing ClientToken=ecsx-\\S+ RequestId=\\S+ \\(1\\)`));
  });

  it('cancel several selected reservations in one batch: those that cannot be cancelled are left out with why; one call each', async () => {
    const fresh = await node('volcengine', 'cn-beijing', 'reservation', 'esi-fresh-10min');
    const future = await node('volcengine', 'cn-beijing', 'reservation', 'seg-reserve-future');
    const old = await node('volcengine', 'cn-beijing', 'reservation', 'esi-old-2h');
    const imm = await node('volcengine', 'cn-beijing', 'reservation', 'seg-immediate');
    assert.strictEqual(a.explorer.getTreeItem(fresh).contextValue, 'resource;reservation;cancellable;');
    script([{ input: '2' }]);
    // The menu of one selected row, with the whole selection (as VS Code passes it).
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation', fresh, [fresh, old, future, imm]);
    const input = prompts.records.find((r) => r.kind === 'input');
    assert.ok(input && input.kind === 'input');
    assert.strictEqual(input.title, 'Cancel 2 reservations in cn-beijing?');
    assert.match(
      input.prompt ?? '',
      /^Type 2 to cancel: esi-fresh-10min .*seg-reserve-future .*\(left out: esi-old-2h, seg-immediate; why: see the output\)/,
    );
    assert.deepStrictEqual(notices(), ['info: Cancel Reservation: 2 cancelled, 0 failed, 2 left out']);
    const l = await ledger('volcengine');
    assert.strictEqual(times(l, fresh.ref.id), 1);
    assert.strictEqual(times(l, future.ref.id), 1);
    assert.strictEqual(l.length, 2, 'nothing else was cancelled');
    const all = a.log.text();
    const log = all.slice(all.lastIndexOf('Cancel Reservation: 4 selected'));
    assert.match(log, /Left out \(2\):[\s\S]*esi-old-2h[\s\S]*seg-immediate[^\n]*Immediate delivery reservations cannot be cancelled/);
    assert.strictEqual(
      log.match(/DeleteScheduledInstance cn-beijing ClientToken=ecsx-/g)?.length,
      2,
      'one call, with its own ClientToken, per reservation',
    );
  });

  it('server refuses a late cancellation: code, guidance, nothing cancelled', async () => {
    const fresh = await node('volcengine', 'cn-beijing', 'reservation', 'esi-fresh-10min');
    await emu('volcengine', 'clock', { advanceMs: 31 * 60_000 });
    script([{ input: '1' }]);
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation', fresh);
    assert.strictEqual(prompts.notices().length, 1);
    const n = prompts.notices()[0];
    assert.strictEqual(n.level, 'error');
    assert.match(n.message, /^Cancel Reservation: \[OperationDenied\.LatestCancelTime\]/);
    assert.deepStrictEqual(n.buttons, ['Show Output']);
    assert.match(
      a.log.text(),
      /Error \[OperationDenied\.LatestCancelTime\][^\n]*\n[^\n]*DeleteScheduledInstance cn-beijing, HTTP 412, RequestId/,
    );
    assert.strictEqual((await ledger('volcengine')).length, 0);
  });

  it('an immediate-delivery reservation: Cancel explains and sends nothing; Why Not explains', async () => {
    const imm = await node('volcengine', 'cn-beijing', 'reservation', 'seg-immediate');
    assert.strictEqual(a.explorer.getTreeItem(imm).contextValue, 'resource;reservation;no-cancellable;');
    script([]);
    await vscode.commands.executeCommand('ecsExplorer.whyNotCancellable', imm);
    assert.match(notices()[0], /seg-immediate .* cannot be cancelled: Immediate delivery reservations cannot be cancelled/);
    script([]);
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation', imm);
    assert.match(notices()[0], /^warn: .*Immediate delivery reservations cannot be cancelled/);
    assert.strictEqual((await ledger('volcengine')).length, 0);
  });

  it('palette path: cancel a reservation picked by quick pick (modal confirmation)', async () => {
    await cfg().update('confirmDestructive', 'modal', vscode.ConfigurationTarget.Global);
    const target = await node('volcengine', 'cn-beijing', 'reservation', 'seg-reserve-future');
    script([...(await accountAnswers('volcengine')), { pick: 'cn-beijing' }, { pick: 'seg-reserve-future' }, { confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.cancelReservation');
    const c = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm');
    assert.match(c.detail, /Time left to cancel: 1 d 23 h|Time left to cancel: 2 d 0 h/);
    assert.strictEqual(times(await ledger('volcengine'), target.ref.id), 1);
  });

  // ---- Reserved instances ----

  it('split a coupon from the menu: power before/after, the exact request, new IDs followed', async () => {
    const src = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'g5-xlarge-region'); // xlarge × 2 = 8
    script([
      { pick: 'ecs.g5.large' },
      { input: '2' },
      { pick: 'ecs.g5.large' },
      { input: '2' },
      { pick: 'Keep default names' },
      { confirm: true },
    ]);
    await vscode.commands.executeCommand('ecsExplorer.splitReservedInstance', src);
    const c = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm');
    // g5.xlarge is documented (4); g5.large's factor is estimated from DescribeInstanceTypes' vCPU count.
    assert.match(c.detail, /Before \(computing power 8\):[\s\S]*After \(computing power 8 \(estimated — the cloud decides\)\):/);
    assert.match(c.detail, new RegExp(`ReservedInstanceId\\.1=${src.ref.id}`));
    assert.match(
      c.detail,
      /Configuration\.1\.InstanceType=ecs\.g5\.large\n\s+Configuration\.1\.InstanceAmount=2\n\s+Configuration\.1\.Scope=Region/,
    );
    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1);
    assert.strictEqual(l[0].kind, 'split');
    assert.deepStrictEqual(l[0].resourceIds, [src.ref.id]);
    const ids = l[0].newResourceIds ?? [];
    assert.strictEqual(ids.length, 2);
    // Asynchronous: submitted now; the result is reported once the coupons are followed to Inactive / Active.
    assert.strictEqual(
      notices()[0],
      `info: Split Reserved Instance: submitted. The original reserved instances become Inactive and the new ones Active, usually at the start of the next hour; the result will be reported.`,
    );
    assert.match(
      a.log.text(),
      new RegExp(
        `Split Reserved Instance: submitted \\(the change is asynchronous\\)\\. RequestId \\S+\\. New reserved instances: ${ids.join(', ')}`,
      ),
    );
  });

  it('merge two compatible coupons (multi-select)', async () => {
    const m1 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-a');
    const m2 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-b');
    script([{ pick: 'ecs.g5.4xlarge × 2' }, { pick: 'Keep default names' }, { confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.mergeReservedInstances', m1, [m1, m2]);
    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1);
    assert.strictEqual(l[0].kind, 'merge');
    assert.deepStrictEqual([...l[0].resourceIds].sort(), [m1.ref.id, m2.ref.id].sort());
  });

  it('palette path: merge two coupons into two new ones: one call with both configurations, new IDs, states follow', async () => {
    const m1 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-a'); // g5.xlarge × 4, zone i
    const m2 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-b'); // power 16 + 16
    script([
      ...(await accountAnswers('aliyun')),
      { pick: 'cn-hangzhou' },
      { pickMany: ['merge-a', 'merge-b'] },
      { pick: 'Several reserved instances…' },
      { pick: 'ecs.g5.4xlarge' },
      { input: '1' },
      { pick: 'ecs.g5.2xlarge' },
      { input: '2' },
      { pick: 'Keep default names' },
      { confirm: true },
    ]);
    await vscode.commands.executeCommand('ecsExplorer.mergeReservedInstances');
    assert.deepStrictEqual(prompts.remaining, []);
    const c = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm');
    assert.match(c.detail, /Before \(computing power 32\):[\s\S]*After \(computing power 32\):/);
    for (const line of [
      'Configuration.1.InstanceType=ecs.g5.4xlarge',
      'Configuration.1.InstanceAmount=1',
      'Configuration.1.Scope=Zone',
      'Configuration.1.ZoneId=cn-hangzhou-i',
      'Configuration.2.InstanceType=ecs.g5.2xlarge',
      'Configuration.2.InstanceAmount=2',
      'Configuration.2.Scope=Zone',
      'Configuration.2.ZoneId=cn-hangzhou-i',
    ])
      assert.ok(c.detail.includes(line), line);
    assert.ok(!c.detail.includes('Configuration.3.'));

    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1, 'one ModifyReservedInstances call');
    assert.strictEqual(l[0].action, 'ModifyReservedInstances');
    assert.strictEqual(l[0].kind, 'merge');
    assert.deepStrictEqual([...l[0].resourceIds].sort(), [m1.ref.id, m2.ref.id].sort());
    const ids = l[0].newResourceIds ?? [];
    assert.strictEqual(ids.length, 2);
    assert.deepStrictEqual(notices(), [
      `info: Merge Reserved Instances: submitted. The original reserved instances become Inactive and the new ones Active, usually at the start of the next hour; the result will be reported.`,
    ]);
    assert.match(a.log.text(), new RegExp(`New reserved instances: ${ids.join(', ')}`));

    type Ri = { ReservedInstanceId: string; Status: string; InstanceType: string; InstanceAmount: number; ZoneId: string };
    const reservedInstances = async () => {
      const st = (await emu('aliyun', 'state?provider=aliyun&region=cn-hangzhou', undefined, 'GET')) as {
        regions: { reservedInstances: Ri[] }[];
      };
      const byId = new Map(st.regions[0].reservedInstances.map((r) => [r.ReservedInstanceId, r]));
      return (list: string[]) => list.map((id) => byId.get(id)!);
    };
    // Right after the call (the emulator's transition delay is real time too, so either state may show).
    let get = await reservedInstances();
    for (const r of get([m1.ref.id, m2.ref.id])) assert.ok(['Updating', 'Inactive'].includes(r.Status), r.Status);
    assert.deepStrictEqual(
      get(ids).map((r) => `${r.InstanceType}×${r.InstanceAmount}@${r.ZoneId}`),
      ['ecs.g5.4xlarge×1@cn-hangzhou-i', 'ecs.g5.2xlarge×2@cn-hangzhou-i'],
    );
    for (const r of get(ids)) assert.ok(['Creating', 'Active'].includes(r.Status), r.Status);
    await emu('aliyun', 'clock', { advanceMs: 60_000 });
    get = await reservedInstances();
    assert.deepStrictEqual(
      get([m1.ref.id, m2.ref.id]).map((r) => r.Status),
      ['Inactive', 'Inactive'],
    );
    assert.deepStrictEqual(
      get(ids).map((r) => r.Status),
      ['Active', 'Active'],
    );
  });

  it('merge refused locally (different end time) before any question: the coupon and the reason named, nothing sent', async () => {
    const m1 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-a');
    const other = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'other-end-time');
    script([]);
    await vscode.commands.executeCommand('ecsExplorer.mergeReservedInstances', m1, [m1, other]);
    assert.match(
      notices()[0],
      new RegExp(
        `^warn: Merge Reserved Instances: blocked by local checks; nothing was sent: other-end-time \\(${other.ref.id}\\) ends \\S+, not \\S+$`,
      ),
    );
    assert.deepStrictEqual(
      prompts.records.filter((r) => r.kind !== 'notify'),
      [],
      'nothing asked',
    );
    assert.strictEqual((await ledger('aliyun')).length, 0);
  });

  it('merge from one coupon offers only the coupons that can merge with it, and says why the others cannot', async () => {
    const m1 = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'merge-a');
    script([]); // Esc at the picker
    await vscode.commands.executeCommand('ecsExplorer.mergeReservedInstances', m1, [m1]);
    const pickRec = prompts.records.find((r) => r.kind === 'pickMany');
    assert.ok(pickRec && pickRec.kind === 'pickMany');
    assert.deepStrictEqual(
      pickRec.items.map((i) => i.split(' ')[0]),
      ['merge-b'],
      'only merge-b matches merge-a (Active, g5, zone i, Linux, same end)',
    );
    const text = a.log.text();
    assert.match(text, /cannot be merged with merge-a \(ecsri-\w+\):/);
    for (const [name, why] of [
      ['other-end-time', 'ends'],
      ['windows-xlarge', 'runs Windows'],
      ['c5-region', 'is of family ecs.c5'],
      ['expired', 'is Expired'],
      ['g5-xlarge-region', 'is region scope'],
    ]) {
      assert.match(text, new RegExp(`\\n  ${name} \\(ecsri-\\w+\\) [^\\n]*${why}`), name);
    }
  });

  it('change scope Zone → Region', async () => {
    const z = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'g5-2xlarge-zone');
    script([{ pick: 'Region' }, { confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.modifyReservedInstanceScope', z);
    const c = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm' && /Configuration\.1\.Scope=Region/.test(c.detail));
    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1);
    assert.deepStrictEqual(l[0].resourceIds, [z.ref.id]);
  });

  it('palette path: change scope Region → a zone from DescribeZones', async () => {
    script([
      ...(await accountAnswers('aliyun')),
      { pick: 'cn-hangzhou' },
      { pick: 'c5-region' },
      { pick: 'Zone cn-hangzhou-i' },
      { confirm: true },
    ]);
    await vscode.commands.executeCommand('ecsExplorer.modifyReservedInstanceScope');
    const c = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm' && /Configuration\.1\.ZoneId=cn-hangzhou-i/.test(c.detail));
    assert.strictEqual((await ledger('aliyun')).length, 1);
  });

  it('answer lost after the side effect: reconciled, applied once, never resent', async () => {
    const src = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'g5-xlarge-region');
    await emu('aliyun', 'faults', { kind: 'reset-after', provider: 'aliyun', action: 'ModifyReservedInstances', count: 1 });
    script([{ pick: 'ecs.g5.2xlarge' }, { input: '1' }, { pick: 'Keep default names' }, { confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.splitReservedInstance', src);
    const l = await ledger('aliyun');
    assert.strictEqual(l.length, 1, 'applied exactly once');
    assert.match(
      a.log.text(),
      /the answer was lost \(\[\w+\] RequestId [^)]*\), but DescribeReservedInstances shows the change was accepted/,
    );
  });

  it('server refusal (no stock in the zone) shows the code and guidance', async () => {
    const src = await node('aliyun', 'cn-hangzhou', 'reservedInstance', 'c5-region');
    // The demo seed marks cn-hangzhou-k as sold out.
    script([{ pick: 'Zone cn-hangzhou-k' }, { confirm: true }]);
    await vscode.commands.executeCommand('ecsExplorer.modifyReservedInstanceScope', src);
    const n = prompts.notices()[0];
    assert.strictEqual(n.level, 'error');
    assert.match(n.message, /^Change Reserved Instance Scope: \[OperationDenied\.NoStock\]/);
    assert.match(a.log.text(), /Error \[OperationDenied\.NoStock\][\s\S]*?Next step: \S/);
    assert.strictEqual((await ledger('aliyun')).length, 0);
  });

  // ---- Secrets ----

  it('the output channel never contains the demo secrets, signatures or Authorization headers', () => {
    const secrets = [
      process.env.VOLCENGINE_SECRET_KEY,
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==',
      'DemoAliyunSecretEcsExplorer01',
    ].filter((s): s is string => !!s);
    const files = logFiles();
    const texts = [a.log.text(), ...files.map((f) => fs.readFileSync(f, 'utf8'))];
    assert.ok(a.log.text().length > 1000, 'actions wrote to the channel');
    if (process.platform === 'linux')
      assert.ok(
        files.some((f) => fs.statSync(f).size > 1000),
        `channel log file found: ${files.join(', ') || 'none'}`,
      );
    for (const t of texts) {
      for (const s of secrets) assert.ok(!t.includes(s), 'a secret reached the output');
      assert.ok(!/Authorization:\s*HMAC/i.test(t), 'an Authorization header reached the output');
      assert.ok(!/Signature=[0-9a-f]{16,}/i.test(t) && !/[?&]Signature=[^&\s[]/.test(t), 'a signature reached the output');
      assert.ok(
        !t.includes(process.env.VOLCENGINE_ACCESS_KEY ?? '\u0000') && !t.includes(process.env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '\u0000'),
        'unmasked AccessKey ID',
      );
    }
  });
});

/** The code-server `--user-data-dir`, from the ancestor processes' command lines (Linux). */
function userDataDir(): string | undefined {
  let pid = process.ppid;
  for (let i = 0; i < 6 && pid > 1; i++) {
    try {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const at = args.findIndex((x) => x === '--user-data-dir' || x.startsWith('--user-data-dir='));
      if (at >= 0) return args[at].includes('=') ? args[at].slice('--user-data-dir='.length) : args[at + 1];
      pid = Number(/^\d+ \(.*\) \S+ (\d+)/.exec(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? 0);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The "ECS Explorer" log files written by VS Code for this channel, when they can be found. */
function logFiles(): string[] {
  const udd = userDataDir();
  const out: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 8 || !fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, depth + 1);
      else if (e.name.includes('ECS Explorer')) out.push(p);
    }
  };
  if (udd) walk(path.join(udd, 'logs'), 0);
  return out;
}
