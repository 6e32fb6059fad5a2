import * as assert from 'assert';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ModifyFollowOptions, ModifyFollowResult } from '../../../src/core';
import { HistoryRecorder } from '../../../src/history/recorder';
import { HistoryStore } from '../../../src/history/store';
import type { ClientFactory, AccountInfo } from '../../../src/contracts';

/** A clock that moves only when a wait is asked for. */
function clock(start = Date.parse('2026-03-01T10:00:00Z')) {
  let t = start;
  return {
    now: () => new Date(t),
    sleep: async (ms: number) => {
      t += ms;
    },
    advance: (ms: number) => void (t += ms),
  };
}

const accounts = async (): Promise<AccountInfo[]> => [{ id: 'p1', provider: 'volcengine', name: 'prod', maskedKeyId: 'AKLT…XYZ' }];

describe('history/HistoryRecorder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ecs-history-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('records the account by name and masked key, and follows a delete until the instances are gone', async () => {
    const c = clock();
    // i-1 is DELETING for two polls then gone; i-2 (unknown outcome) stays RUNNING.
    let polls = 0;
    const asked: string[][] = [];
    const clients = {
      volcengine: async () => ({
        describeInstances: async (_r: string, o: { instanceIds?: string[] }) => {
          asked.push([...(o.instanceIds ?? [])]);
          polls++;
          return [...(polls <= 2 ? [{ InstanceId: 'i-1', Status: 'DELETING' }] : []), { InstanceId: 'i-2', Status: 'RUNNING' }];
        },
      }),
    } as unknown as ClientFactory;
    const store = new HistoryStore(path.join(dir, 'h.json'));
    const h = new HistoryRecorder({ store, clients, accountSource: { accounts }, now: c.now, sleep: c.sleep, volcIntervalMs: 10_000 });
    const e = await h.record({
      provider: 'volcengine',
      accountId: 'p1',
      region: 'cn-beijing',
      action: 'DeleteInstances',
      command: 'Delete Instances',
      resources: [
        { id: 'i-1', outcome: 'deleted' },
        { id: 'i-2', outcome: 'unknown', code: 'OutcomeUnknown' },
        { id: 'i-3', outcome: 'failed', code: 'InvalidInstance.NotFound' },
      ],
      calls: [{ clientToken: 'tok', requestId: 'req' }],
      follow: true,
    });
    assert.ok(e);
    assert.deepStrictEqual(e.account, { profileId: 'p1', name: 'prod', maskedKeyId: 'AKLT…XYZ' });
    assert.strictEqual(e.follow?.state, 'pending');
    await h.settle(e.id);
    const done = store.get(e.id)!;
    assert.strictEqual(done.follow?.state, 'done');
    assert.strictEqual(done.resources.find((r) => r.id === 'i-1')?.finalState, 'gone');
    assert.strictEqual(done.resources.find((r) => r.id === 'i-2')?.finalState, 'RUNNING', 'settled for 3 polls');
    assert.strictEqual(done.resources.find((r) => r.id === 'i-3')?.finalState, undefined, 'a refused one is not followed');
    assert.deepStrictEqual(asked[0].sort(), ['i-1', 'i-2']);
  });

  it('follows any batch action whose resources were acted on (its own done word), never the not-sent or refused ones', async () => {
    const c = clock();
    const asked: string[][] = [];
    const clients = {
      volcengine: async () => ({
        describeInstances: async (_r: string, o: { instanceIds?: string[] }) => {
          asked.push([...(o.instanceIds ?? [])]);
          return [{ InstanceId: 'i-1', Status: 'STOPPED' }];
        },
      }),
    } as unknown as ClientFactory;
    const store = new HistoryStore(path.join(dir, 'h.json'));
    const h = new HistoryRecorder({ store, clients, accountSource: { accounts }, now: c.now, sleep: c.sleep, volcIntervalMs: 10_000 });
    const e = await h.record({
      provider: 'volcengine',
      accountId: 'p1',
      region: 'cn-beijing',
      action: 'StopInstances',
      command: 'Stop Instances',
      resources: [
        { id: 'i-1', outcome: 'stopped' },
        { id: 'i-2', outcome: 'not-sent', code: 'Cancelled' },
        { id: 'i-3', outcome: 'failed', code: 'InvalidInstanceStatus' },
      ],
      calls: [{ clientToken: 'tok', requestId: 'req' }],
      follow: true,
    });
    await h.settle(e!.id);
    const done = store.get(e!.id)!;
    assert.strictEqual(done.follow?.state, 'done');
    assert.strictEqual(done.resources.find((r) => r.id === 'i-1')?.finalState, 'STOPPED');
    assert.deepStrictEqual([...new Set(asked.flat())], ['i-1']);
  });

  it('gives up at the end of the window, bounded even when every poll fails', async () => {
    const c = clock();
    let polls = 0;
    const clients = {
      volcengine: async () => ({
        describeInstances: async () => {
          polls++;
          throw new Error('network down');
        },
      }),
    } as unknown as ClientFactory;
    const store = new HistoryStore(path.join(dir, 'h.json'));
    const h = new HistoryRecorder({
      store,
      clients,
      accountSource: { accounts },
      now: c.now,
      sleep: c.sleep,
      volcIntervalMs: 10_000,
      volcMaxMs: 60_000,
    });
    const e = (await h.record({
      provider: 'volcengine',
      accountId: 'p1',
      region: 'r',
      action: 'DeleteInstances',
      command: 'Delete Instances',
      resources: [{ id: 'i-1', outcome: 'deleted' }],
      calls: [],
      follow: true,
    }))!;
    await h.settle(e.id);
    assert.strictEqual(store.get(e.id)?.follow?.state, 'gave-up');
    assert.ok(polls >= 6 && polls <= 7, `polls ${polls}`);
  });

  it('resumes a pending Modify follow-up after a restart with the rest of its window, and records the final states', async () => {
    const file = path.join(dir, 'h.json');
    const c = clock();
    const first = new HistoryStore(file);
    const never = { aliyun: async () => assert.fail('not called') } as unknown as ClientFactory;
    const h1 = new HistoryRecorder({ store: first, clients: never, accountSource: { accounts }, now: c.now, sleep: c.sleep });
    const e = (await h1.record({
      provider: 'aliyun',
      accountId: 'p1',
      region: 'cn-hangzhou',
      action: 'ModifyReservedInstances',
      command: 'Split Reserved Instance',
      resources: [
        { id: 'ecsri-src', outcome: 'submitted', requestId: 'req-1' },
        { id: 'ecsri-new1', outcome: 'new' },
      ],
      calls: [{ requestId: 'req-1' }],
      newIds: ['ecsri-new1'],
      follow: true,
    }))!;
    // The window closed while following: the command's follow-up ended 'cancelled'.
    await h1.modifyFollowed(e.id, {
      outcome: 'cancelled',
      sources: [{ id: 'ecsri-src', status: 'Updating' }],
      created: [{ id: 'ecsri-new1', status: 'Creating' }],
      polls: 3,
      elapsedMs: 90_000,
    });
    assert.strictEqual(first.get(e.id)?.follow?.state, 'pending');
    await first.flush();

    c.advance(20 * 60_000);
    const seen: { sources: readonly string[]; newIds: readonly string[]; o: ModifyFollowOptions }[] = [];
    const clients = {
      aliyun: async () => ({
        followModify: async (
          _r: string,
          sources: readonly string[],
          newIds: readonly string[],
          o: ModifyFollowOptions,
        ): Promise<ModifyFollowResult> => {
          seen.push({ sources, newIds, o });
          return {
            outcome: 'applied',
            sources: [{ id: 'ecsri-src', status: 'Inactive' }],
            created: [{ id: 'ecsri-new1', status: 'Active' }],
            polls: 1,
            elapsedMs: 0,
          };
        },
      }),
    } as unknown as ClientFactory;
    const second = new HistoryStore(file);
    const h2 = new HistoryRecorder({ store: second, clients, accountSource: { accounts }, now: c.now, sleep: c.sleep });
    await h2.resume();
    assert.strictEqual(seen.length, 1);
    assert.deepStrictEqual([seen[0].sources, seen[0].newIds], [['ecsri-src'], ['ecsri-new1']]);
    assert.strictEqual(seen[0].o.maxMs, 75 * 60_000 - 20 * 60_000, 'the rest of the window');
    const after = second.get(e.id)!;
    assert.strictEqual(after.follow?.state, 'done');
    assert.deepStrictEqual(
      after.resources.map((r) => r.finalState),
      ['Inactive', 'Active'],
    );
    // A second resume has nothing left to do.
    await h2.resume();
    assert.strictEqual(seen.length, 1);
  });

  it('an entry past its window that is still changing is marked gave-up, not left pending forever', async () => {
    const c = clock();
    const store = new HistoryStore(path.join(dir, 'h.json'));
    const clients = {
      aliyun: async () => ({
        followModify: async (): Promise<ModifyFollowResult> => ({
          outcome: 'pending',
          sources: [{ id: 's', status: 'Updating' }],
          created: [],
          polls: 1,
          elapsedMs: 0,
        }),
      }),
    } as unknown as ClientFactory;
    const h = new HistoryRecorder({ store, clients, accountSource: { accounts }, now: c.now, sleep: c.sleep });
    const e = (await h.record({
      provider: 'aliyun',
      accountId: 'p1',
      region: 'r',
      action: 'ModifyReservedInstances',
      command: 'Merge Reserved Instances',
      resources: [{ id: 's', outcome: 'unknown' }],
      calls: [],
      follow: true,
    }))!;
    c.advance(2 * 3600_000);
    await h.settle(e.id);
    assert.strictEqual(store.get(e.id)?.follow?.state, 'gave-up');
    assert.strictEqual(store.get(e.id)?.resources[0].finalState, 'Updating');
  });
});
