/** The batch command flow with Cancel Reservation on several selected rows (emulator, real HTTP). */
import * as assert from 'node:assert/strict';
import { VolcengineClient, type VolcScheduledInstance } from '../../../src/core';
import { cancelReservation } from '../../../src/commands/cancelReservation';
import type { ActionDeps } from '../../../src/commands/deps';
import type { ClientFactory, ResourceRef } from '../../../src/contracts';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator';
import { makeDeps } from '../../support/fakes';
import { inst } from '../../support/helpers';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
const REGION = 'cn-beijing';
const MIN = 60_000;
const node = (ref: ResourceRef) => ({ type: 'resource', ref });

describe('commands/batch: Cancel Reservation on a multi-selection (emulator)', () => {
  let emu: Emulator;
  let client: VolcengineClient;
  let rows: Record<string, ResourceRef>;

  const ref = (r: VolcScheduledInstance): ResourceRef => ({
    provider: 'volcengine',
    accountId: 'p1',
    region: REGION,
    kind: 'reservation',
    id: r.ScheduledInstanceId,
    name: r.ScheduledInstanceName ?? r.ScheduledInstanceId,
    data: r,
  });
  const withEmulator = (deps: ActionDeps, now?: () => Date): ActionDeps => ({
    ...deps,
    now: now ?? (() => emu.clock.now()),
    clients: { volcengine: async () => client, aliyun: async () => assert.fail('no Alibaba call expected') } as unknown as ClientFactory,
  });
  const cancelled = () => emu.ledger.entries({ provider: 'volcengine', kind: 'cancel' }).flatMap((e) => e.resourceIds);

  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionDelayMs: 60_000 });
  });
  after(() => emu.stop());
  beforeEach(async () => {
    emu.reset('demo');
    client = new VolcengineClient({
      credentials: { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret },
      endpoint: emu.volcengineUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5 },
    });
    rows = Object.fromEntries((await client.describeScheduledInstances(REGION)).map((r) => [r.ScheduledInstanceName, ref(r)]));
  });
  afterEach(() => client.close());

  it('one batch: the cancellable rows are sent (one call each), the others listed as left out with why; the confirmation names the count', async () => {
    const { deps, prompts, log, tree } = makeDeps([{ input: '2' }]);
    const selection = [rows['esi-fresh-10min'], rows['esi-old-2h'], rows['seg-reserve-future'], rows['seg-immediate'], inst('i-aaa')];
    const run = await cancelReservation(withEmulator(deps), node(selection[0]), selection.map(node));
    assert.ok(run);
    assert.deepEqual(
      run.results.map((r) => [r.ref.name, r.kind]),
      [
        ['esi-fresh-10min', 'done'],
        ['seg-reserve-future', 'done'],
        ['esi-old-2h', 'skipped'],
        ['seg-immediate', 'skipped'],
        ['web-aaa', 'skipped'],
      ],
    );
    assert.deepEqual(cancelled().sort(), [rows['esi-fresh-10min'].id, rows['seg-reserve-future'].id].sort());
    const calls = emu.requests.total({ action: 'DeleteScheduledInstance' });
    assert.equal(calls, 2, 'one DeleteScheduledInstance per reservation');
    const tokens = new Set(run.results.filter((r) => r.kind === 'done').map((r) => r.clientToken));
    assert.equal(tokens.size, 2, 'each call its own ClientToken');

    const input = prompts.records.find((r) => r.kind === 'input');
    assert.ok(input && input.kind === 'input');
    assert.equal(input.title, 'Cancel 2 reservations in cn-beijing?');
    assert.match(
      input.prompt ?? '',
      /^Type 2 to cancel: esi-fresh-10min \(esi-[^)]+\), seg-reserve-future \(esi-[^)]+\) \(left out: esi-old-2h, seg-immediate and 1 more; why: see the output\) Time left to cancel: (19|20) min$/,
    );
    assert.match(
      log.text,
      /Left out \(3\):[\s\S]*esi-old-2h[^\n]*30 minutes[\s\S]*seg-immediate[^\n]*Immediate delivery reservations cannot be cancelled[\s\S]*web-aaa[^\n]*Not the kind of resource/,
    );
    assert.match(log.text, new RegExp(`${rows['seg-reserve-future'].id}\\s+seg-reserve-future\\s+cancelled`));
    assert.deepEqual(
      prompts.notices().map((n) => [n.level, n.message]),
      [['info', 'Cancel Reservation: 2 cancelled, 0 failed, 3 left out']],
    );
    assert.deepEqual(tree.refreshed, [[rows['esi-fresh-10min'].id, rows['seg-reserve-future'].id]]);
    assert.deepEqual(tree.followed, [[rows['esi-fresh-10min'].id, rows['seg-reserve-future'].id]]);
  });

  it('the server refuses one: it fails with its code and guidance, the other is cancelled; a warning names both counts', async () => {
    // Locally it looks cancellable (our clock is behind); the server's window has closed.
    const early = () => new Date(emu.clock.now().getTime() - 2 * 60 * MIN);
    const { deps, prompts, log } = makeDeps([{ input: '2' }]);
    const selection = [rows['esi-fresh-10min'], rows['esi-old-2h']];
    const run = await cancelReservation(withEmulator(deps, early), undefined, selection.map(node));
    assert.deepEqual(
      run?.results.map((r) => [r.ref.name, r.kind, r.code]),
      [
        ['esi-fresh-10min', 'done', undefined],
        ['esi-old-2h', 'failed', 'OperationDenied.LatestCancelTime'],
      ],
    );
    assert.match(
      log.text,
      /Error \[OperationDenied\.LatestCancelTime\][^\n]*\n[^\n]*volcengine DeleteScheduledInstance cn-beijing, HTTP 412, RequestId/,
    );
    assert.deepEqual(
      prompts.notices().map((n) => [n.level, n.message]),
      [['warn', 'Cancel Reservation: 1 cancelled, 1 failed']],
    );
    assert.deepEqual(cancelled(), [rows['esi-fresh-10min'].id]);
  });

  it('Cancel in the progress: what was not sent is "not sent", never reported done or failed', async () => {
    // The progress is cancelled at its second report: after the first reservation's answer.
    const { deps, prompts, log } = makeDeps([{ input: '2' }], { prompts: { cancelProgressAfterReports: 2 } });
    const selection = [rows['esi-fresh-10min'], rows['seg-reserve-future']];
    const run = await cancelReservation(withEmulator(deps), undefined, selection.map(node));
    assert.deepEqual(
      run!.results.map((r) => [r.ref.name, r.kind, r.code]),
      [
        ['esi-fresh-10min', 'done', undefined],
        ['seg-reserve-future', 'cancelled', 'Cancelled'],
      ],
    );
    assert.deepEqual(cancelled(), [rows['esi-fresh-10min'].id]);
    assert.equal(emu.requests.total({ action: 'DeleteScheduledInstance' }), 1);
    assert.match(log.text, new RegExp(`${rows['seg-reserve-future'].id}\\s+seg-reserve-future\\s+not sent\\s+Cancelled`));
    assert.deepEqual(
      prompts.notices().map((n) => [n.level, n.message]),
      [['warn', 'Cancel Reservation: 1 cancelled, 0 failed, 1 not sent']],
    );
  });

  it('a deadline that passes while the confirmation is open: that reservation is left out, nothing is sent for it', async () => {
    let late = false;
    const now = () => new Date(emu.clock.now().getTime() + (late ? 25 * MIN : 0));
    const { deps, prompts } = makeDeps([{ input: '1' }]);
    const spied = withEmulator(deps, now);
    const confirm = spied.prompts.input.bind(spied.prompts);
    (spied.prompts as { input: typeof confirm }).input = async (o) => {
      const r = await confirm(o);
      late = true; // 25 minutes pass before the user answers
      return r;
    };
    const run = await cancelReservation(spied, node(rows['esi-fresh-10min']));
    assert.deepEqual(
      run?.results.map((r) => [r.ref.name, r.kind, r.code]),
      [['esi-fresh-10min', 'skipped', 'cancel-window-passed']],
    );
    assert.deepEqual(cancelled(), []);
    assert.equal(emu.requests.total({ action: 'DeleteScheduledInstance' }), 0);
    assert.match(prompts.notices()[0].message, /0 cancelled, 0 failed, 1 left out/);
  });
});
