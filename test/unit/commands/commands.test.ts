import * as assert from 'node:assert/strict';
import { CloudError } from '../../../src/core';
import { cancelReservation, whyNotCancellable } from '../../../src/commands/cancelReservation';
import { deleteInstances } from '../../../src/commands/deleteInstances';
import { mergeReservedInstances, modifyReservedInstanceScope, splitReservedInstance } from '../../../src/commands/modifyReservedInstances';
import { runAction } from '../../../src/commands/report';
import { ScriptedPrompts, type PromptRecord } from '../../support/scripted-prompts';
import { apiError, makeDeps } from '../../support/fakes';
import { reservedInstance, inst, reservation } from '../../support/helpers';

const node = (ref: unknown) => ({ type: 'resource', ref });
type PickRecord = Extract<PromptRecord, { kind: 'pickOne' | 'pickMany' }>;

describe('actions: Delete Instances flow', () => {
  const a = inst('i-aaa');
  const b = inst('i-bbb', {}, 'cn-shanghai');
  const p = inst('i-ppp', { InstanceChargeType: 'PrePaid', ExpiredAt: '2026-01-01T00:00:00Z' });

  it('multi-select across regions: type the count, one call per region, one outcome each, summary + refresh', async () => {
    const { deps, calls, log, tree, prompts } = makeDeps([{ input: '2' }], {
      fake: { deleteFailures: { 'i-bbb': 'InvalidInstanceStatus' } },
    });
    const run = await deleteInstances(deps, node(a), [node(a), node(b), node(p)]);
    assert.deepEqual(calls.deleteInstances, [
      { region: 'cn-beijing', ids: ['i-aaa'] },
      { region: 'cn-shanghai', ids: ['i-bbb'] },
    ]);
    assert.deepEqual(
      run!.results.map((r) => [r.ref.id, r.kind]),
      [
        ['i-aaa', 'done'],
        ['i-bbb', 'failed'],
        ['i-ppp', 'skipped'],
      ],
    );
    const input = prompts.records.find((r) => r.kind === 'input');
    assert.ok(input && input.kind === 'input' && /^Type 2 to delete/.test(input.prompt ?? ''));
    assert.equal(log.shown, 1, 'the output (with the reason i-ppp is left out) is shown beside the prompt');
    assert.deepEqual(
      prompts.notices().map((n) => [n.level, n.message, n.buttons]),
      [['warn', 'Delete Instances: 1 deleted, 1 failed, 1 left out', ['Show Output']]],
    );
    assert.match(log.text, /i-bbb\s+web-bbb\s+failed\s+InvalidInstanceStatus/);
    assert.match(log.text, /Error \[InvalidInstanceStatus\]/);
    assert.match(log.text, /Next step: /);
    assert.deepEqual(tree.refreshed, [['i-aaa', 'i-bbb']]);
    assert.deepEqual(tree.followed, [['i-aaa']]);
  });

  it('type-the-count: a wrong answer is refused with the prompt kept in view; Enter on nothing sends nothing', async () => {
    const wrong = makeDeps([{ input: '3' }]);
    await assert.rejects(deleteInstances(wrong.deps, node(a), [node(a), node(b)]), /refused/);
    const rec = wrong.prompts.records.find((r) => r.kind === 'input');
    assert.ok(rec && rec.kind === 'input');
    assert.equal(rec.error, `"3" is not 2. ${rec.prompt}`);
    assert.match(rec.error!, /web-aaa/, 'the instances are still listed');
    assert.deepEqual(wrong.calls.deleteInstances, []);

    const empty = makeDeps([{ input: '' }]);
    assert.equal(await deleteInstances(empty.deps, node(a), [node(a)]), undefined);
    assert.deepEqual(empty.calls.deleteInstances, []);
    assert.match(empty.log.text, /Delete Instances: not confirmed; nothing was sent\./);
  });

  it('modal mode, zh: summary 已删除 N 个，失败 M 个', async () => {
    const { deps, prompts } = makeDeps([{ confirm: true }], {
      mode: 'modal',
      locale: 'zh-cn',
      fake: { deleteFailures: { 'i-aaa': 'InvalidInstance.NotFound' } },
    });
    await deleteInstances(deps, node(a), [node(a), node(inst('i-ddd'))]);
    const confirm = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(confirm && confirm.kind === 'confirm' && confirm.confirmLabel === '删除 2 个实例');
    assert.equal(prompts.notices()[0].message, '删除实例：已删除 1 个，失败 1 个');
    assert.deepEqual(prompts.notices()[0].buttons, ['查看输出']);
  });

  it('Esc at the confirmation is silent and sends nothing', async () => {
    const { deps, calls, prompts } = makeDeps([{ cancel: true }]);
    assert.equal(await deleteInstances(deps, node(a), [node(a)]), undefined);
    assert.equal(calls.deleteInstances.length, 0);
    assert.equal(prompts.notices().length, 0);
  });

  it('only ineligible instances: explains, sends nothing', async () => {
    const { deps, calls, prompts } = makeDeps([]);
    await deleteInstances(deps, node(p), [node(p)]);
    assert.equal(calls.deleteInstances.length, 0);
    assert.match(prompts.notices()[0].message, /none of the selected instances can be deleted.*Subscription instance: does not expire/);
  });

  it('a region failing as a whole gives each of its instances one failed outcome with guidance', async () => {
    const err = new CloudError({
      kind: 'api',
      provider: 'volcengine',
      action: 'DeleteInstances',
      region: 'cn-shanghai',
      code: 'InvalidAccessKey',
      message: 'bad key',
      httpStatus: 401,
    });
    const { deps, log } = makeDeps([{ input: '2' }], { fake: { throwForRegion: { 'cn-shanghai': err } } });
    const run = await deleteInstances(deps, undefined, [node(a), node(b)]);
    assert.deepEqual(
      run!.results.map((r) => [r.ref.id, r.kind, r.code]),
      [
        ['i-aaa', 'done', undefined],
        ['i-bbb', 'failed', 'InvalidAccessKey'],
      ],
    );
    assert.equal(log.text.match(/Error \[InvalidAccessKey\]/g)?.length, 1);
  });

  it('palette path: account (single, skipped), region and instances by quick pick', async () => {
    const { deps, calls, prompts } = makeDeps([{ pick: 'cn-beijing' }, { pickMany: ['web-aaa'] }, { input: '1' }], {
      fake: { instances: { 'cn-beijing': [a.data, inst('i-zzz').data] } },
    });
    await deleteInstances(deps);
    assert.deepEqual(calls.deleteInstances, [{ region: 'cn-beijing', ids: ['i-aaa'] }]);
    assert.deepEqual(
      prompts.records.map((r) => r.kind),
      ['pickOne', 'pickMany', 'input', 'progress', 'notify'],
    );
    const regions = prompts.records[0];
    assert.ok(regions.kind === 'pickOne');
    assert.ok(
      regions.items.every((i) => / Volcengine · \S+$/.test(i)),
      `the cloud and account beside each region: ${regions.items.join('; ')}`,
    );
    const instances = prompts.records[1];
    assert.ok(instances.kind === 'pickMany');
    assert.ok(
      instances.items.some((i) => /^web-aaa i-aaa · Running · Pay-as-you-go$/.test(i)),
      instances.items.join('; '),
    );
  });

  it('cancelling the progress before a region starts marks its instances cancelled', async () => {
    const { deps, calls } = makeDeps([{ input: '2' }], { prompts: { cancelProgressAfterReports: 1 } });
    const run = await deleteInstances(deps, undefined, [node(a), node(b)]);
    assert.deepEqual(
      calls.deleteInstances.map((c) => c.region),
      ['cn-beijing'],
    );
    assert.deepEqual(
      run!.results.map((r) => r.kind),
      ['done', 'cancelled'],
    );
  });
});

describe('ScriptedPrompts.cancelProgress', () => {
  it('aborts the progress that is running, like its Cancel button; false when none runs', async () => {
    const p = new ScriptedPrompts();
    assert.equal(p.cancelProgress(), false);
    let seen: AbortSignal | undefined;
    const run = p.withProgress('t', (_report, signal) => {
      seen = signal;
      return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('stopped')));
    });
    assert.equal(seen?.aborted, false);
    assert.equal(p.cancelProgress(), true);
    assert.equal(await run, 'stopped');
    assert.equal(p.cancelProgress(), false);
  });
});

describe('actions: Cancel Reservation flow', () => {
  it('confirmation shows the time left; sends DeleteScheduledInstance; refresh + follow', async () => {
    const r = reservation('esi-abc');
    const { deps, calls, prompts, tree } = makeDeps([{ confirm: true }], { mode: 'modal' });
    const run = await cancelReservation(deps, node(r));
    assert.equal(run?.results[0].requestId, 'REQ-2');
    assert.deepEqual(calls.deleteScheduledInstance, [{ region: 'cn-beijing', id: 'esi-abc' }]);
    const c = prompts.records.find((x) => x.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm' && /Time left to cancel: 20 min/.test(c.detail), JSON.stringify(c));
    assert.deepEqual(tree.followed, [['esi-abc']]);
  });

  it('a status ECS Explorer does not know: offered, the confirmation says it was not checked locally, the server decides', async () => {
    const r = reservation('esi-odd', { Status: 'WaitingDelivery' });
    const { deps, calls, prompts } = makeDeps([{ confirm: true }], { mode: 'modal' });
    await cancelReservation(deps, node(r));
    assert.deepEqual(calls.deleteScheduledInstance, [{ region: 'cn-beijing', id: 'esi-odd' }]);
    const c = prompts.records.find((x) => x.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm' && /Not checked locally: reservation state WaitingDelivery/.test(c.detail), JSON.stringify(c));
  });

  it('status names compare case-insensitively', async () => {
    const r = reservation('esi-low', { Status: 'reserved' });
    const { deps, calls, prompts } = makeDeps([{ confirm: true }], { mode: 'modal' });
    await cancelReservation(deps, node(r));
    assert.equal(calls.deleteScheduledInstance.length, 1);
    const c = prompts.records.find((x) => x.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm' && !/Not checked locally/.test(c.detail), JSON.stringify(c));
  });

  it('ineligible (immediate delivery): explains and sends nothing', async () => {
    const r = reservation('esi-imm', { ElasticScheduledInstanceType: 'Segmented', DeliveryType: 'Immediate' });
    const { deps, calls, prompts } = makeDeps([]);
    await cancelReservation(deps, node(r));
    assert.equal(calls.deleteScheduledInstance.length, 0);
    assert.match(prompts.notices()[0].message, /Immediate delivery reservations cannot be cancelled/);
  });

  it('server refusal: error with code and guidance, Show Output offered', async () => {
    const r = reservation('esi-late');
    const { deps, log, prompts } = makeDeps([{ input: '1' }], { fake: { cancelError: apiError('OperationDenied.LatestCancelTime', 412) } });
    await cancelReservation(deps, node(r));
    assert.match(log.text, /Error \[OperationDenied\.LatestCancelTime\]/);
    const n = prompts.notices()[0];
    assert.equal(n.level, 'error');
    assert.deepEqual(n.buttons, ['Show Output']);
  });

  it('why not cancellable: an unknown status says it was not checked locally (zh)', async () => {
    const r = reservation('esi-odd', { Status: 'WaitingDelivery' });
    const { deps } = makeDeps([], { locale: 'zh-cn' });
    const text = await whyNotCancellable(deps, node(r));
    assert.match(text ?? '', /未在本地校验：ECS Explorer 不认识弹性预约单状态 WaitingDelivery/);
  });

  it('why not cancellable explains the rule in the user language', async () => {
    const r = reservation('esi-old', { CreatedAt: '2025-03-01T09:00:00Z' });
    const { deps } = makeDeps([], { locale: 'zh-cn' });
    const text = await whyNotCancellable(deps, node(r));
    assert.match(text ?? '', /只能在创建后 30 分钟内取消/);
  });
});

describe('actions: reserved-instance flows', () => {
  const src = reservedInstance('ecsri-a'); // ecs.g5.2xlarge × 2 = 16

  it('split: guided sizes and amounts, names skipped, exact request confirmed, new IDs followed', async () => {
    const { deps, calls, prompts, tree, log } = makeDeps(
      [
        { pick: 'ecs.g5.xlarge' },
        { input: '2' },
        { pick: 'ecs.g5.large' },
        { input: '4' },
        { pick: 'Keep default names' },
        { confirm: true },
      ],
      { fake: { reservedInstances: { 'cn-hangzhou': [src.data] } } },
    );
    const run = await splitReservedInstance(deps, node(src));
    assert.deepEqual(calls.modify[0].input, {
      reservedInstanceIds: ['ecsri-a'],
      configurations: [
        { instanceType: 'ecs.g5.xlarge', instanceAmount: 2, scope: 'Region' },
        { instanceType: 'ecs.g5.large', instanceAmount: 4, scope: 'Region' },
      ],
    });
    const c = prompts.records.find((x) => x.kind === 'confirm');
    assert.ok(c && c.kind === 'confirm');
    assert.match(c.detail, /Before \(computing power 16\)[\s\S]*After \(computing power 16 \(estimated — the cloud decides\)\)/);
    assert.equal(c.message, 'Split ecsri-a into 2 reserved instances in cn-hangzhou?');
    assert.match(c.detail, /The original reserved instances become Inactive; the new ones replace them/);
    assert.match(c.detail, /Configuration\.2\.InstanceAmount=4/);
    assert.deepEqual(run?.newIds, ['ecsri-new1', 'ecsri-new2']);
    assert.deepEqual(tree.followed, [['ecsri-new1', 'ecsri-new2', 'ecsri-a']]);
    assert.match(log.text, /New reserved instances: ecsri-new1, ecsri-new2/);
  });

  it('merge: refused locally (end time differs) before any question, nothing sent, coupon and reason named', async () => {
    const b = reservedInstance('ecsri-b', { ExpiredTime: '2027-01-01T00:00Z' });
    const { deps, calls, prompts } = makeDeps([], {
      fake: { reservedInstances: { 'cn-hangzhou': [src.data, b.data] } },
    });
    await mergeReservedInstances(deps, node(src), [node(src), node(b)]);
    assert.equal(calls.modify.length, 0);
    assert.match(prompts.notices()[0].message, /blocked by local checks; nothing was sent: ecsri-b ends 2027-01-01T00:00Z, not /);
  });

  it('merge: a type missing from the computing-power table stops before any prompt, nothing sent', async () => {
    const a = reservedInstance('ecsri-x1', { InstanceType: 'ecs.zz9.xlarge' });
    const b = reservedInstance('ecsri-x2', { InstanceType: 'ecs.zz9.xlarge' });
    const { deps, calls, prompts } = makeDeps([], { fake: { reservedInstances: { 'cn-hangzhou': [a.data, b.data] } } });
    await mergeReservedInstances(deps, node(a), [node(a), node(b)]);
    assert.equal(calls.modify.length, 0);
    assert.equal(prompts.records.filter((r) => r.kind === 'confirm').length, 0);
    assert.match(prompts.notices()[0].message, /ecs\.zz9\.xlarge is not in the computing-power table, so the merge cannot be planned here/);
  });

  it('merge from one clicked coupon picks the others, then sends one configuration', async () => {
    const b = reservedInstance('ecsri-b');
    const { deps, calls } = makeDeps(
      [{ pickMany: ['ecsri-b'] }, { pick: 'ecs.g5.8xlarge × 1' }, { pick: 'Enter names' }, { input: 'merged-1' }, { confirm: true }],
      {
        fake: { reservedInstances: { 'cn-hangzhou': [src.data, b.data] } },
      },
    );
    await mergeReservedInstances(deps, node(src), [node(src)]);
    assert.deepEqual(calls.modify[0].input, {
      reservedInstanceIds: ['ecsri-a', 'ecsri-b'],
      configurations: [{ instanceType: 'ecs.g5.8xlarge', instanceAmount: 1, scope: 'Region', reservedInstanceName: 'merged-1' }],
    });
  });

  it('merge from one coupon: others that cannot merge are left out of the picker and the output, with why, is shown beside it', async () => {
    const b = reservedInstance('ecsri-b');
    const late = reservedInstance('ecsri-late', { ExpiredTime: '2031-01-01T00:00Z' });
    const { deps, prompts, log } = makeDeps([{ pickMany: [] }], {
      fake: { reservedInstances: { 'cn-hangzhou': [src.data, b.data, late.data] } },
    });
    await mergeReservedInstances(deps, node(src), [node(src)]);
    const pickRec = prompts.records.find((r) => r.kind === 'pickMany');
    assert.ok(pickRec && pickRec.kind === 'pickMany');
    assert.ok(
      pickRec.items.some((i) => i.includes('ecsri-b')) && !pickRec.items.some((i) => i.includes('ecsri-late')),
      pickRec.items.join(' | '),
    );
    assert.match(log.text, /ecsri-late ends 2031-01-01T00:00Z/);
    assert.equal(log.shown, 1);
  });

  it('merge into several: the guided loop over the total power, names for each, one request with every configuration', async () => {
    const b = reservedInstance('ecsri-b');
    const c = reservedInstance('ecsri-c', { InstanceType: 'ecs.g5.4xlarge', InstanceAmount: 1 }); // 16 + 16 + 16 = 48
    const { deps, calls, prompts, tree, log } = makeDeps(
      [
        { pick: 'Several reserved instances…' },
        { pick: 'ecs.g5.4xlarge' },
        { input: '2' },
        { pick: 'ecs.g5.2xlarge' },
        { input: '2' },
        { pick: 'Enter names' },
        { input: 'big-one' },
        { input: '' },
        { confirm: true },
      ],
      { fake: { reservedInstances: { 'cn-hangzhou': [src.data, b.data, c.data] } } },
    );
    const run = await mergeReservedInstances(deps, node(src), [node(src), node(b), node(c)]);
    assert.deepEqual(calls.modify, [
      {
        region: 'cn-hangzhou',
        input: {
          reservedInstanceIds: ['ecsri-a', 'ecsri-b', 'ecsri-c'],
          configurations: [
            { instanceType: 'ecs.g5.4xlarge', instanceAmount: 2, scope: 'Region', reservedInstanceName: 'big-one' },
            { instanceType: 'ecs.g5.2xlarge', instanceAmount: 2, scope: 'Region' },
          ],
        },
      },
    ]);
    const picks = prompts.records.filter((r): r is PickRecord => r.kind === 'pickOne');
    assert.ok(picks[0].items.includes('ecs.g5.4xlarge × 3 factor 16, computing power 48'), JSON.stringify(picks[0]));
    assert.equal(picks[0].items.at(-1), 'Several reserved instances… choose sizes and amounts step by step');
    assert.deepEqual(
      picks.slice(1, 3).map((p) => p.title),
      [
        'Merge Reserved Instances: 3 reserved instances (Region): computing power left 48 of 48',
        'Merge Reserved Instances: 3 reserved instances (Region): computing power left 16 of 48',
      ],
    );
    const inputs = prompts.records.filter((r) => r.kind === 'input').map((r) => (r.kind === 'input' ? r.prompt : ''));
    assert.deepEqual(inputs, [
      'Number of ecs.g5.4xlarge instances (1–3)',
      'Number of ecs.g5.2xlarge instances (1–2)',
      'Name of new reserved instance 1 of 2 (empty: default name)',
      'Name of new reserved instance 2 of 2 (empty: default name)',
    ]);
    const confirm = prompts.records.find((r) => r.kind === 'confirm');
    assert.ok(confirm && confirm.kind === 'confirm');
    assert.match(confirm.detail, /Before \(computing power 48\)[\s\S]*After \(computing power 48\)/);
    assert.match(confirm.detail, /ReservedInstanceId\.3=ecsri-c/);
    assert.match(confirm.detail, /Configuration\.2\.InstanceType=ecs\.g5\.2xlarge/);
    assert.deepEqual(run?.newIds, ['ecsri-new1', 'ecsri-new2']);
    assert.deepEqual(tree.followed, [['ecsri-new1', 'ecsri-new2', 'ecsri-a', 'ecsri-b', 'ecsri-c']]);
    assert.match(log.text, /New reserved instances: ecsri-new1, ecsri-new2/);
  });

  it('merge: power no single coupon can hold (large × 101) offers only several, each amount at most 100', async () => {
    const a = reservedInstance('ecsri-a', { InstanceType: 'ecs.g5.large', InstanceAmount: 100 });
    const b = reservedInstance('ecsri-b', { InstanceType: 'ecs.g5.large', InstanceAmount: 1 });
    const { deps, calls, prompts } = makeDeps(
      [
        { pick: 'Several reserved instances…' },
        { pick: 'ecs.g5.large' },
        { input: '100' },
        { pick: 'ecs.g5.large' },
        { input: '1' },
        { pick: 'Keep default names' },
        { confirm: true },
      ],
      { fake: { reservedInstances: { 'cn-hangzhou': [a.data, b.data] } } },
    );
    await mergeReservedInstances(deps, node(a), [node(a), node(b)]);
    const first = prompts.records[0];
    assert.ok(first.kind === 'pickOne');
    assert.deepEqual(first.items, ['Several reserved instances… choose sizes and amounts step by step']);
    const amount = prompts.records.find((r) => r.kind === 'input');
    assert.ok(amount && amount.kind === 'input' && amount.prompt === 'Number of ecs.g5.large instances (1–100)' && amount.value === '100');
    assert.deepEqual((calls.modify[0].input as { configurations: unknown[] }).configurations, [
      { instanceType: 'ecs.g5.large', instanceAmount: 100, scope: 'Region' },
      { instanceType: 'ecs.g5.large', instanceAmount: 1, scope: 'Region' },
    ]);
  });

  it('merge: an amount over 100 is refused in the prompt', async () => {
    const a = reservedInstance('ecsri-a', { InstanceType: 'ecs.g5.large', InstanceAmount: 100 });
    const b = reservedInstance('ecsri-b', { InstanceType: 'ecs.g5.large', InstanceAmount: 1 });
    const { deps, calls } = makeDeps([{ pick: 'Several reserved instances…' }, { pick: 'ecs.g5.large' }, { input: '101' }], {
      fake: { reservedInstances: { 'cn-hangzhou': [a.data, b.data] } },
    });
    await assert.rejects(
      mergeReservedInstances(deps, node(a), [node(a), node(b)]),
      /input "101" refused.*Enter a whole number from 1 to 100/,
    );
    assert.equal(calls.modify.length, 0);
  });

  it('merge into several, zh: translated entry and steps; Esc in the loop sends nothing', async () => {
    const b = reservedInstance('ecsri-b');
    const { deps, calls, prompts } = makeDeps([{ pick: '多张预留实例券…' }, { cancel: true }], {
      locale: 'zh-cn',
      fake: { reservedInstances: { 'cn-hangzhou': [src.data, b.data] } },
    });
    assert.equal(await mergeReservedInstances(deps, node(src), [node(src), node(b)]), undefined);
    const step = prompts.records.filter((r) => r.kind === 'pickOne')[1];
    assert.match(step.kind === 'pickOne' ? step.title : '', /：2 张预留实例券（.+）：剩余计算力 32\/32$/);
    assert.equal(calls.modify.length, 0);
    assert.equal(prompts.notices().length, 0);
  });

  it('scope: Region → Zone with zones from DescribeZones', async () => {
    const { deps, calls } = makeDeps([{ pick: 'Zone cn-hangzhou-i' }, { confirm: true }], {
      fake: { reservedInstances: { 'cn-hangzhou': [src.data] }, zones: ['cn-hangzhou-h', 'cn-hangzhou-i'] },
    });
    await modifyReservedInstanceScope(deps, node(src));
    assert.deepEqual(calls.modify[0].input, {
      reservedInstanceIds: ['ecsri-a'],
      configurations: [{ instanceType: 'ecs.g5.2xlarge', instanceAmount: 2, scope: 'Zone', zoneId: 'cn-hangzhou-i' }],
    });
  });

  it('declining the request confirmation sends nothing', async () => {
    const { deps, calls } = makeDeps([{ pick: 'Region' }, { confirm: false }], {
      fake: {
        reservedInstances: { 'cn-hangzhou': [reservedInstance('ecsri-z', { Scope: 'Zone', ZoneId: 'cn-hangzhou-h' }).data] },
        zones: ['cn-hangzhou-h'],
      },
    });
    await modifyReservedInstanceScope(deps, node(reservedInstance('ecsri-z', { Scope: 'Zone', ZoneId: 'cn-hangzhou-h' })));
    assert.equal(calls.modify.length, 0);
  });

  it('an invalid name is refused by the core validation in the prompt', async () => {
    const { deps } = makeDeps([{ pick: 'ecs.g5.4xlarge' }, { input: '1' }, { pick: 'Enter names' }, { input: 'http://x' }], {
      fake: { reservedInstances: { 'cn-hangzhou': [src.data] } },
    });
    await assert.rejects(splitReservedInstance(deps, node(src)), /must not start with http/);
  });

  it('runAction: errors are reported, cancellation is silent', async () => {
    const { deps, prompts, log } = makeDeps([]);
    await runAction(deps, 'X', async () => {
      throw new CloudError({ kind: 'cancelled', provider: 'aliyun', action: 'A', region: 'r', code: 'Cancelled', message: 'c' });
    });
    assert.equal(prompts.notices().length, 0);
    await runAction(deps, 'X', async () => {
      throw apiError('IncorrectInstanceStatus', 403, 'ModifyReservedInstances');
    });
    assert.equal(prompts.notices()[0].level, 'error');
    assert.match(log.text, /Error \[IncorrectInstanceStatus\]/);
  });

  it('reportError: guidance is the one for the provider and action of the error', async () => {
    const { deps, prompts, log } = makeDeps([]);
    // A change whose answer could not be read may have been applied: check first, never "try again".
    await runAction(deps, 'X', async () => {
      throw new CloudError({
        kind: 'malformed-response',
        provider: 'aliyun',
        action: 'ModifyReservedInstances',
        region: 'cn-hangzhou',
        code: 'MalformedResponse',
        message: 'unreadable',
        httpStatus: 200,
      });
    });
    assert.match(log.text, /Next step: Refresh and check the state of the resources in the request/);
    assert.match(prompts.notices()[0].message, /Refresh and check the state/);
    // A Volcengine refusal without an entry of its own gets Volcengine's family, not Alibaba's reserved-instance advice.
    await runAction(deps, 'Y', async () => {
      throw apiError('OperationDenied.Unheard', 412, 'DeleteScheduledInstance');
    });
    assert.doesNotMatch(prompts.notices()[1].message, /reserved instance|another region/i);
    assert.match(prompts.notices()[1].message, /refresh to see the current state of the resource/);
  });
});

describe('actions: t5 / gn6i reserved instances', () => {
  it('split of a t5 coupon is refused before any question, in both languages; nothing sent', async () => {
    const t5 = reservedInstance('ecsri-t5', {
      InstanceType: 'ecs.t5-lc1m2.large',
      InstanceAmount: 2,
      Scope: 'Zone',
      ZoneId: 'cn-hangzhou-h',
    });
    for (const locale of ['en', 'zh-cn'] as const) {
      const { deps, calls, prompts } = makeDeps([], { locale, fake: { reservedInstances: { 'cn-hangzhou': [t5.data] } } });
      assert.equal(await splitReservedInstance(deps, node(t5)), undefined);
      assert.equal(calls.modify.length, 0);
      assert.equal(prompts.records.filter((r) => r.kind === 'pickOne' || r.kind === 'input').length, 0, 'no question asked');
      assert.match(
        prompts.notices()[0].message,
        locale === 'en' ? /t5 reserved instances cannot be split or merged/ : /t5 预留实例券不支持拆分或合并/,
      );
    }
  });

  it('merge starting from a gn6i coupon is refused; its scope picker offers other zones only', async () => {
    const a = reservedInstance('ecsri-g1', {
      InstanceType: 'ecs.gn6i-c4g1.xlarge',
      InstanceAmount: 1,
      Scope: 'Zone',
      ZoneId: 'cn-hangzhou-h',
    });
    const b = reservedInstance('ecsri-g2', {
      InstanceType: 'ecs.gn6i-c4g1.xlarge',
      InstanceAmount: 1,
      Scope: 'Zone',
      ZoneId: 'cn-hangzhou-h',
    });
    const { deps, calls, prompts } = makeDeps([], { fake: { reservedInstances: { 'cn-hangzhou': [a.data, b.data] } } });
    await mergeReservedInstances(deps, node(a), [node(a), node(b)]);
    assert.equal(calls.modify.length, 0);
    assert.match(prompts.notices()[0].message, /gn6i reserved instances cannot be split or merged/);

    const scope = makeDeps([{ cancel: true }], {
      fake: { reservedInstances: { 'cn-hangzhou': [a.data] }, zones: ['cn-hangzhou-h', 'cn-hangzhou-i'] },
    });
    await modifyReservedInstanceScope(scope.deps, node(a));
    const pick = scope.prompts.records.find((r): r is PickRecord => r.kind === 'pickOne');
    assert.ok(pick);
    assert.deepEqual(pick.items, ['Zone cn-hangzhou-i']);
  });
});

describe('actions: ModifyReservedInstances is asynchronous (submitted, then followed)', () => {
  const src = reservedInstance('ecsri-a'); // ecs.g5.2xlarge × 2 = 16
  const split = [{ pick: 'ecs.g5.xlarge' }, { input: '4' }, { pick: 'Keep default names' }, { confirm: true }];
  const noRetryAdvice = (text: string) => assert.doesNotMatch(text, /try (it )?again|send it again|You can send/i);

  it('an accepted request is reported as submitted, not done; the final result comes from following the coupons', async () => {
    const { deps, calls, prompts, log } = makeDeps(split, { fake: { reservedInstances: { 'cn-hangzhou': [src.data] } } });
    const run = await splitReservedInstance(deps, node(src));
    assert.equal(run?.outcome, 'confirmed');
    const first = prompts.notices()[0];
    assert.match(first.message, /^Split Reserved Instance: submitted\./);
    assert.doesNotMatch(first.message, /replaced|done/);
    assert.match(log.text, /submitted \(the change is asynchronous\)\. RequestId REQ-3\. New reserved instances: ecsri-new1, ecsri-new2/);
    const followed = await run!.followed;
    assert.equal(followed?.outcome, 'applied');
    assert.deepEqual(calls.follow, [{ sourceIds: ['ecsri-a'], newIds: ['ecsri-new1', 'ecsri-new2'] }]);
    const last = prompts.notices().at(-1)!;
    assert.match(
      last.message,
      /^Split Reserved Instance: done\. ecsri-a replaced by ecs\.g5\.xlarge × 4\. New reserved instances: ecsri-new1, ecsri-new2\.$/,
    );
    assert.match(
      log.text,
      /The original reserved instances are Inactive \(ecsri-a Inactive\); the new ones are Active \(ecsri-new1 Active, ecsri-new2 Active\)/,
    );
  });

  it('a change that visibly failed, or is still going when the wait ends, is said so; never "try again"', async () => {
    const failed = makeDeps(split, { fake: { reservedInstances: { 'cn-hangzhou': [src.data] }, followOutcome: 'failed' } });
    await (await splitReservedInstance(failed.deps, node(src)))!.followed;
    assert.match(failed.prompts.notices().at(-1)!.message, /did not take effect; ecsri-a stay as they were/);
    assert.equal(failed.prompts.notices().at(-1)!.level, 'warn');

    const zhSplit = [{ pick: 'ecs.g5.xlarge' }, { input: '4' }, { pick: '使用默认名称' }, { confirm: true }];
    const pending = makeDeps(zhSplit, {
      locale: 'zh-cn',
      fake: { reservedInstances: { 'cn-hangzhou': [src.data] }, followOutcome: 'pending' },
    });
    await (await splitReservedInstance(pending.deps, node(src)))!.followed;
    assert.match(pending.prompts.notices().at(-1)!.message, /请求已受理，20 分钟后仍在变更中/);
    assert.match(pending.log.text, /请勿重复发送/);
    for (const x of [failed, pending])
      noRetryAdvice(
        x.log.text +
          x.prompts
            .notices()
            .map((n) => n.message)
            .join('\n'),
      );
  });

  it('a lost answer shows its code, RequestId and guidance; "not applied" only after the window, without retry advice', async () => {
    const lostAnswer = {
      code: 'InternalError',
      message: 'The request processing has failed due to some unknown error.',
      requestId: 'REQ-500',
    };
    const notApplied = makeDeps(split, {
      fake: {
        reservedInstances: { 'cn-hangzhou': [src.data] },
        modifyResult: { newReservedInstanceIds: [], outcome: 'not-applied', lostAnswer },
      },
    });
    const run = await splitReservedInstance(notApplied.deps, node(src));
    assert.equal(run?.followed, undefined);
    const text = notApplied.log.text;
    assert.match(text, /Error \[OutcomeUnknown\][\s\S]*\[InternalError\][\s\S]*REQ-500/);
    assert.match(text, /Next step: /);
    assert.match(
      text,
      /not applied as far as DescribeReservedInstances shows: the answer was lost \(\[InternalError\] RequestId REQ-500\) and in 2 minutes/,
    );
    noRetryAdvice(
      text.replace(/Next step: [^\n]*/g, '') +
        notApplied.prompts
          .notices()
          .map((n) => n.message)
          .join('\n'),
    );
    assert.equal(notApplied.calls.follow.length, 0);

    const reconciled = makeDeps(split, {
      fake: {
        reservedInstances: { 'cn-hangzhou': [src.data] },
        modifyResult: { newReservedInstanceIds: ['ecsri-n'], outcome: 'reconciled', lostAnswer },
      },
    });
    await (await splitReservedInstance(reconciled.deps, node(src)))!.followed;
    assert.match(
      reconciled.log.text,
      /the answer was lost \(\[InternalError\] RequestId REQ-500\), but DescribeReservedInstances shows the change was accepted/,
    );
    assert.deepEqual(reconciled.calls.follow, [{ sourceIds: ['ecsri-a'], newIds: ['ecsri-n'] }]);
  });
});

describe('actions: split/merge sizes come from DescribeInstanceTypes', () => {
  const src = reservedInstance('ecsri-a'); // ecs.g5.2xlarge × 2 = 16

  it('offers only the sizes the family has, marks estimated factors, and asks DescribeInstanceTypes for the family', async () => {
    const instanceTypes = [
      { InstanceTypeId: 'ecs.g5.large', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: 2 },
      { InstanceTypeId: 'ecs.g5.2xlarge', InstanceTypeFamily: 'ecs.g5', CpuCoreCount: 8 },
    ];
    const { deps, calls, prompts } = makeDeps([{ cancel: true }], {
      fake: { reservedInstances: { 'cn-hangzhou': [src.data] }, instanceTypes },
    });
    await splitReservedInstance(deps, node(src));
    assert.deepEqual(calls.describeInstanceTypes, ['ecs.g5']);
    const pick = prompts.records.find((r): r is PickRecord => r.kind === 'pickOne');
    assert.ok(pick);
    assert.deepEqual(pick.items, [
      'ecs.g5.large factor 2 (estimated — the cloud decides), at most 8',
      'ecs.g5.2xlarge factor 8, at most 2',
    ]);
  });

  it('without an answer (DescribeInstanceTypes failed): the documented sizes only, and the output says why', async () => {
    const { deps, prompts, log } = makeDeps([{ cancel: true }], {
      fake: {
        reservedInstances: { 'cn-hangzhou': [src.data] },
        instanceTypesError: apiError('Forbidden.RAM', 403, 'DescribeInstanceTypes'),
      },
    });
    await splitReservedInstance(deps, node(src));
    const pick = prompts.records.find((r): r is PickRecord => r.kind === 'pickOne');
    assert.ok(pick);
    assert.deepEqual(pick.items, [
      'ecs.g5.xlarge factor 4, at most 4',
      'ecs.g5.2xlarge factor 8, at most 2',
      'ecs.g5.4xlarge factor 16, at most 1',
    ]);
    assert.match(
      log.text,
      /DescribeInstanceTypes failed \(\[Forbidden\.RAM\] [^)]*\); only the documented computing-power factors are known/,
    );
  });
});
