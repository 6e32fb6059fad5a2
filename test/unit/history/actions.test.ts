import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cancelReservation } from '../../../src/commands/cancelReservation';
import { deleteInstances } from '../../../src/commands/deleteInstances';
import type { ActionDeps } from '../../../src/commands/deps';
import { splitReservedInstance } from '../../../src/commands/modifyReservedInstances';
import { HistoryRecorder } from '../../../src/history/recorder';
import { HistoryStore } from '../../../src/history/store';
import { apiError, makeDeps, accountSource } from '../../support/fakes';
import { reservedInstance, inst, reservation } from '../../support/helpers';

const node = (ref: unknown) => ({ type: 'resource', ref });

describe('history: the actions record their outcomes', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ecs-history-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  function withHistory(deps: ActionDeps): { deps: ActionDeps; store: HistoryStore; file: string } {
    const file = path.join(dir, 'history.json');
    const store = new HistoryStore(file);
    // No polling in these tests: the follow-up waits on a sleep that never ends.
    const history = new HistoryRecorder({
      store,
      clients: deps.clients,
      accountSource,
      now: deps.now,
      sleep: () => new Promise(() => undefined),
      volcMaxMs: 0,
    });
    return { deps: { ...deps, history }, store, file };
  }

  it('Delete Instances: one entry per region, each instance with its outcome, ClientToken and RequestId', async () => {
    const a = inst('i-aaa');
    const b = inst('i-bbb', {}, 'cn-shanghai');
    const p = inst('i-ppp', { InstanceChargeType: 'PrePaid', ExpiredAt: '2026-01-01T00:00:00Z' });
    const m = makeDeps([{ input: '2' }], { fake: { deleteFailures: { 'i-bbb': 'InvalidInstanceStatus' } } });
    const { deps, store, file } = withHistory(m.deps);
    await deleteInstances(deps, node(a), [node(a), node(b), node(p)]);
    await store.flush();
    const list = store.list();
    assert.deepEqual(
      list.map((e) => [e.region, e.action, e.command]),
      [
        ['cn-shanghai', 'DeleteInstances', 'Delete Instances'],
        ['cn-beijing', 'DeleteInstances', 'Delete Instances'],
      ],
    );
    const bj = list[1];
    assert.deepEqual(bj.account, { profileId: 'p1', name: 'default', maskedKeyId: 'AKLT…abc' });
    assert.deepEqual(
      bj.resources.map((r) => [r.id, r.outcome]),
      [['i-aaa', 'deleted']],
    );
    assert.ok(bj.calls.length === 1 && bj.calls[0].clientToken, 'the ClientToken of the call');
    assert.ok(bj.follow, 'followed to its final state');
    const sh = list[0];
    assert.deepEqual(
      sh.resources.map((r) => [r.id, r.outcome, r.code]),
      [['i-bbb', 'failed', 'InvalidInstanceStatus']],
    );
    assert.equal(sh.follow, undefined, 'nothing to follow when nothing was deleted');
    // On disk too.
    const disk = new HistoryStore(file);
    await disk.load();
    assert.equal(disk.list().length, 2);
  });

  it('Cancel Reservation: success and refusal are both recorded', async () => {
    const ok = withHistory(makeDeps([{ confirm: true }], { mode: 'modal' }).deps);
    await cancelReservation(ok.deps, node(reservation('esi-abc')));
    const e = ok.store.list()[0];
    assert.equal(e.action, 'DeleteScheduledInstance');
    assert.deepEqual(
      e.resources.map((r) => [r.id, r.outcome, r.requestId]),
      [['esi-abc', 'cancelled', 'REQ-2']],
    );
    assert.ok(e.resources[0].clientToken);

    await fsp.rm(path.join(dir, 'history.json'));
    const bad = withHistory(makeDeps([{ input: '1' }], { fake: { cancelError: apiError('OperationDenied.LatestCancelTime', 412) } }).deps);
    await cancelReservation(bad.deps, node(reservation('esi-late')));
    const f = bad.store.list()[0];
    assert.deepEqual(
      f.resources.map((r) => [r.id, r.outcome, r.code]),
      [['esi-late', 'failed', 'OperationDenied.LatestCancelTime']],
    );
    assert.equal(f.follow, undefined);
  });

  it('Split: the request, the source and the new coupons; the follow-up result sets their final state', async () => {
    const src = reservedInstance('ecsri-a', { InstanceType: 'ecs.g5.4xlarge', InstanceAmount: 1 });
    const m = makeDeps(
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
    const { deps, store } = withHistory(m.deps);
    const run = await splitReservedInstance(deps, node(src));
    assert.ok(run?.followed);
    await run.followed;
    await store.flush();
    const e = store.list()[0];
    assert.equal(e.command, 'Split Reserved Instance');
    assert.equal(e.action, 'ModifyReservedInstances');
    assert.deepEqual(e.newIds, ['ecsri-new1', 'ecsri-new2']);
    assert.deepEqual(
      e.resources.map((r) => [r.id, r.outcome, r.finalState]),
      [
        ['ecsri-a', 'submitted', 'Inactive'],
        ['ecsri-new1', 'new', 'Active'],
        ['ecsri-new2', 'new', 'Active'],
      ],
    );
    assert.equal(e.follow?.state, 'done');
    assert.ok((e.request as { configurations: unknown[] }).configurations.length === 2);
  });
});
