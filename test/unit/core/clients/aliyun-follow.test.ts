import assert from 'node:assert/strict';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import type { CallRecord } from '../../../../src/core/types';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../../emulator';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'aliyun')!;
const CREDS = { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret };
const REGION = 'cn-hangzhou';
const MIN = 60_000;

/** ModifyReservedInstances is asynchronous: followModify polls DescribeReservedInstances by ID on an injected clock. */
describe('clients/AliyunClient.followModify (emulator, its clock)', () => {
  let emu: Emulator;
  let client: AliyunClient;
  let calls: CallRecord[];
  // The timer between polls moves the emulator's clock: no wall-clock waiting.
  // The follow-up's own clock moves only with that timer (the emulator's clock also keeps real time).
  let waited = 0;
  const sleep = async (ms: number) => {
    waited += ms;
    emu.clock.advance(ms);
  };
  const now = () => new Date(Date.UTC(2025, 0, 1) + waited);
  const byName = async (name: string) => (await client.describeReservedInstances(REGION)).find((r) => r.ReservedInstanceName === name)!;
  const polls = () => calls.filter((c) => c.action === 'DescribeReservedInstances').length;

  before(async () => {
    // Sources stay Updating and new coupons Creating for 40 minutes (they take effect on the hour).
    emu = await startEmulator({ seed: 'demo', transitionDelayMs: 40 * MIN });
  });
  after(() => emu.stop());
  beforeEach(() => {
    emu.reset('demo');
    waited = 0;
    calls = [];
    client = new AliyunClient({
      credentials: CREDS,
      endpoint: emu.aliyunUrl,
      onCall: (r) => calls.push(r),
      transportSettings: { retryBaseMs: 1, retryMaxMs: 2 },
    });
  });
  afterEach(() => client.close());

  const split = async () => {
    const src = await byName('g5-xlarge-region');
    const r = await client.modifyReservedInstances(REGION, {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [{ instanceType: 'ecs.g5.large', instanceAmount: 4 }],
    });
    assert.equal(r.outcome, 'confirmed');
    return { src, newIds: r.newReservedInstanceIds };
  };

  it('an accepted change: Updating/Creating first, then Inactive/Active: applied', async () => {
    const { src, newIds } = await split();
    const seen: string[] = [];
    calls = [];
    const r = await client.followModify(REGION, [src.ReservedInstanceId], newIds, {
      intervalMs: 5 * MIN,
      maxMs: 75 * MIN,
      sleep,
      now,
      onPoll: (s) => seen.push(`${s.sources[0].status}/${s.created[0].status}`),
    });
    assert.equal(r.outcome, 'applied');
    assert.deepEqual(r.sources, [{ id: src.ReservedInstanceId, status: 'Inactive' }]);
    assert.deepEqual(r.created, [{ id: newIds[0], status: 'Active' }]);
    assert.equal(seen[0], 'Updating/Creating');
    assert.equal(seen.at(-1), 'Inactive/Active');
    // 40 minutes at 5-minute polls: 9 polls (the first at once), each one DescribeReservedInstances by ID.
    assert.equal(r.polls, 9);
    assert.equal(polls(), 9);
    assert.equal(r.elapsedMs, 40 * MIN);
  });

  it('still changing when the wait ends: pending, with the statuses seen; polls bounded by maxMs / intervalMs', async () => {
    const { src, newIds } = await split();
    calls = [];
    const r = await client.followModify(REGION, [src.ReservedInstanceId], newIds, { intervalMs: 5 * MIN, maxMs: 20 * MIN, sleep, now });
    assert.equal(r.outcome, 'pending');
    assert.deepEqual([r.sources[0].status, r.created[0].status], ['Updating', 'Creating']);
    assert.equal(polls(), 5);
  });

  it('sources that stay Active while the new coupons never appear: failed after appearMs (not at once)', async () => {
    const src = await byName('g5-xlarge-region');
    calls = [];
    const r = await client.followModify(REGION, [src.ReservedInstanceId], ['ecsri-bp1neverappears0001'], {
      intervalMs: 2 * MIN,
      maxMs: 75 * MIN,
      appearMs: 10 * MIN,
      sleep,
      now,
    });
    assert.equal(r.outcome, 'failed');
    assert.deepEqual(r.created, [{ id: 'ecsri-bp1neverappears0001', status: undefined }]);
    assert.equal(polls(), 6, 'polled at 0, 2, … 10 minutes, then gave its verdict');
  });

  it('cancellable: the signal stops following (the change goes on); polls that fail are tried again', async () => {
    const { src, newIds } = await split();
    const ac = new AbortController();
    let n = 0;
    const r = await client.followModify(REGION, [src.ReservedInstanceId], newIds, {
      intervalMs: MIN,
      maxMs: 75 * MIN,
      sleep: async (ms) => {
        await sleep(ms);
        if (++n === 3) ac.abort();
      },
      signal: ac.signal,
      now,
    });
    assert.equal(r.outcome, 'cancelled');
    assert.equal(r.polls, 3);

    emu.faults.add({ provider: 'aliyun', action: 'DescribeReservedInstances', kind: 'malformed-json', count: 1 });
    const states: string[] = [];
    const again = await client.followModify(REGION, [src.ReservedInstanceId], newIds, {
      intervalMs: 10 * MIN,
      maxMs: 75 * MIN,
      sleep,
      now,
      onPoll: (s) => states.push(s.lastError?.code ?? s.outcome),
    });
    assert.equal(again.outcome, 'applied');
    assert.equal(states[0], 'MalformedResponse');
  });
});
