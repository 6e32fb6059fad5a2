/** History of a Delete Instances refused for a dedicated host and its "Delete the Others…" resend (emulator, real HTTP). */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canDeleteInstance, VolcengineClient, type VolcInstance } from '../../../src/core';
import { deleteInstances } from '../../../src/commands/deleteInstances';
import { HistoryRecorder } from '../../../src/history/recorder';
import { HistoryStore } from '../../../src/history/store';
import type { ClientFactory, ResourceRef } from '../../../src/contracts';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator';
import { makeDeps, accountSource } from '../../support/fakes';
import { NOW } from '../../support/helpers';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
const REGION = 'cn-beijing';

describe('history: the "Delete the Others…" resend is its own entry (emulator)', () => {
  let emu: Emulator;
  let dir: string;
  const lifetime = new AbortController();
  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionDelayMs: 60_000 });
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ecs-history-'));
  });
  after(async () => {
    await emu.stop();
    await fsp.rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('records the refused request and the resend, each instance with its outcome and the ClientTokens sent', async () => {
    const client = new VolcengineClient({
      credentials: { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret },
      endpoint: emu.volcengineUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5 },
    });
    const ref = (i: VolcInstance): ResourceRef => ({
      provider: 'volcengine',
      accountId: 'p1',
      region: REGION,
      kind: 'instance',
      id: i.InstanceId,
      name: i.InstanceName ?? i.InstanceId,
      data: i,
    });
    const hostId = (i: VolcInstance) => (i as { Placement?: { DedicatedHostId?: string } }).Placement?.DedicatedHostId;
    const list = await client.describeInstances(REGION);
    const held = list.find((i) => i.InstanceName === 'on-dedicated-host')!;
    const others = list
      .filter(
        (i) => i !== held && !hostId(i) && i.Status === 'RUNNING' && i.InstanceChargeType === 'PostPaid' && canDeleteInstance(i, NOW).ok,
      )
      .slice(0, 2);
    emu.setFlags({ provider: 'volcengine', region: REGION, dedicatedHostId: hostId(held)!, dedicatedHostUnavailable: true });

    const m = makeDeps([{ input: '3' }, { input: '2' }], {
      prompts: { notifyAnswers: [{ match: /dedicated host/, button: 'Delete the Others…' }] },
    });
    const clients = { volcengine: async () => client, aliyun: async () => assert.fail('no Alibaba call') } as unknown as ClientFactory;
    const store = new HistoryStore(path.join(dir, 'history.json'));
    // The follow-up's first poll only: its wait never ends.
    const history = new HistoryRecorder({
      store,
      clients,
      accountSource,
      now: m.deps.now,
      sleep: () => new Promise(() => undefined),
      lifetime: lifetime.signal,
    });
    const run = await deleteInstances(
      { ...m.deps, clients, history },
      undefined,
      [held, ...others].map((i) => ({ type: 'resource', ref: ref(i) })),
    );
    assert.ok(run?.resend);
    await store.flush();

    const [resend, first] = store.list();
    assert.equal(store.list().length, 2);
    assert.equal(first.command, 'Delete Instances');
    assert.deepEqual(
      first.resources.map((r) => [r.id, r.outcome, r.code]),
      [held, ...others].map((i) => [i.InstanceId, 'failed', 'InvalidDedicatedHostStatus.Unsupported']),
    );
    assert.equal(resend.command, 'Delete the Others…');
    assert.deepEqual(
      resend.resources.map((r) => [r.id, r.outcome]),
      others.map((i) => [i.InstanceId, 'deleted']),
    );
    // The ClientTokens recorded are those the emulator received.
    const sent = emu.ledger.entries({ provider: 'volcengine', action: 'DeleteInstances' });
    assert.deepEqual(
      resend.calls.map((c) => [c.clientToken, c.requestId]),
      sent.filter((e) => e.count === 2).map((e) => [e.clientToken, e.requestId]),
    );
    lifetime.abort();
  });
});
