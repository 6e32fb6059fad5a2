/** RefreshManager: auto-refresh and follow-up polling, visibility-gated, driven by fake timers (no sleeping). */
import * as assert from 'node:assert/strict';
import type { ResourceRef } from '../../../src/contracts';
import { toRef } from '../../../src/tree/model';
import { RefreshManager, swappableTimers, type RefreshTarget, type RegionRef } from '../../../src/tree/refresh';
import { FakeTimers, settle } from '../../support/fake-timers';

const ref = (id: string, Status: string, region = 'cn-hangzhou'): ResourceRef =>
  toRef('aliyun', 'p1', region, 'reservedInstance', { ReservedInstanceId: id, Status });

function setup(o: { seconds?: number; visible?: boolean } = {}) {
  const timers = new FakeTimers();
  const env = { visible: o.visible ?? true, seconds: o.seconds ?? 0, followMs: 5000 };
  const listed = new Map<string, string>(); // id → status
  const loaded: RegionRef[] = [];
  const reloads: string[] = [];
  let loadedFolders = true;
  let hold: Promise<void> | undefined;
  const target: RefreshTarget = {
    reloadRegion: async (provider, accountId, region) => {
      reloads.push(`${provider}/${accountId}/${region}`);
      await hold;
    },
    loadedRegions: () => loaded,
    findRef: (r) => (loadedFolders && listed.has(r.id) ? ref(r.id, listed.get(r.id)!, r.region) : undefined),
    isLoaded: () => loadedFolders,
  };
  const m = new RefreshManager(target, {
    visible: () => env.visible,
    autoRefreshSeconds: () => env.seconds,
    followMs: () => env.followMs,
    timers,
  });
  return {
    m,
    timers,
    env,
    listed,
    loaded,
    reloads,
    setLoaded: (v: boolean) => (loadedFolders = v),
    holdReloads: () => {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return () => {
        hold = undefined;
        release();
      };
    },
  };
}

describe('tree/RefreshManager', () => {
  it('auto-refresh runs only while visible and set, at the set period, reloading each loaded region once', async () => {
    const s = setup({ seconds: 30, visible: false });
    s.loaded.push(
      { provider: 'volcengine', accountId: 'p1', region: 'cn-beijing' },
      { provider: 'volcengine', accountId: 'p1', region: 'cn-beijing' },
      { provider: 'aliyun', accountId: 'p2', region: 'cn-hangzhou' },
    );
    s.m.update();
    assert.deepEqual(s.timers.periods(), [], 'hidden: no timer');
    s.env.visible = true;
    s.m.update();
    assert.deepEqual(s.timers.periods(), [30_000]);
    await s.timers.advance(29_999);
    assert.deepEqual(s.reloads, []);
    await s.timers.advance(1);
    assert.deepEqual(s.reloads.sort(), ['aliyun/p2/cn-hangzhou', 'volcengine/p1/cn-beijing']);
    s.env.seconds = 0;
    s.m.update();
    assert.deepEqual(s.timers.periods(), [], 'turned off');
    s.env.seconds = 60;
    s.m.update();
    s.env.visible = false;
    s.m.update();
    assert.deepEqual(s.timers.periods(), [], 'hidden again');
    s.m.dispose();
  });

  it('an auto-refresh tick is skipped while the last one still runs', async () => {
    const s = setup({ seconds: 10 });
    s.loaded.push({ provider: 'aliyun', accountId: 'p1', region: 'cn-hangzhou' });
    s.m.update();
    const release = s.holdReloads();
    await s.timers.advance(50_000);
    assert.equal(s.reloads.length, 1, 'one reload in flight, later ticks skipped');
    release();
    await settle();
    await s.timers.advance(10_000);
    assert.equal(s.reloads.length, 2);
    s.m.dispose();
  });

  it('auto-refresh and polling that meet on a region share one reload', async () => {
    const s = setup({ seconds: 5 });
    s.loaded.push({ provider: 'aliyun', accountId: 'p1', region: 'cn-hangzhou' });
    s.listed.set('ri-1', 'Creating');
    s.m.follow([ref('ri-1', 'Creating')]);
    assert.deepEqual(s.timers.periods(), [5000, 5000]);
    const release = s.holdReloads();
    await s.timers.advance(5000);
    assert.deepEqual(s.reloads, ['aliyun/p1/cn-hangzhou'], 'one reload for both');
    release();
    await settle();
    const again = s.holdReloads();
    await s.timers.advance(5000);
    assert.equal(s.reloads.length, 2, 'the next ticks reload again, once');
    again();
    s.m.dispose();
  });

  it('follows resources only while visible, reloading their region once per poll, and stops once they settle', async () => {
    const s = setup();
    s.listed.set('ri-1', 'Creating').set('ri-2', 'Updating');
    s.m.follow([ref('ri-1', 'Creating'), ref('ri-2', 'Updating')]);
    assert.deepEqual(s.timers.periods(), [5000], 'production period');
    await s.timers.advance(10_000);
    assert.deepEqual(s.reloads, ['aliyun/p1/cn-hangzhou', 'aliyun/p1/cn-hangzhou']);
    assert.deepEqual(s.m.followedIds().sort(), ['ri-1', 'ri-2']);

    s.env.visible = false;
    s.m.update();
    assert.deepEqual(s.timers.periods(), [], 'no polling while hidden');
    await s.timers.advance(60_000);
    assert.equal(s.reloads.length, 2);

    s.env.visible = true;
    s.m.update();
    s.listed.set('ri-1', 'Active').set('ri-2', 'Inactive');
    await s.timers.advance(5000);
    assert.equal(s.m.followedIds().length, 0, 'settled');
    assert.deepEqual(s.timers.periods(), [], 'timer stopped once nothing is followed');
    s.m.dispose();
  });

  it('a new follow-up period applies at the next update; a running poll restarts with it', async () => {
    const s = setup();
    s.listed.set('ri-1', 'Creating');
    s.m.follow([ref('ri-1', 'Creating')]);
    s.env.followMs = 50;
    s.m.update();
    assert.deepEqual(s.timers.periods(), [50]);
    await s.timers.advance(50);
    assert.equal(s.reloads.length, 1);
    s.m.dispose();
  });

  it('keeps resources of a folder not loaded yet, and gives a new resource a few polls to be listed', async () => {
    const s = setup();
    s.setLoaded(false);
    s.m.follow([ref('ri-new', 'Creating')]);
    for (let i = 0; i < 5; i++) await s.m.followTick();
    assert.deepEqual(s.m.followedIds(), ['ri-new'], 'kept while its folder is not loaded');

    s.setLoaded(true);
    s.listed.set('ri-gone', 'Updating');
    s.m.follow([ref('ri-gone', 'Updating')]); // listed now: seen
    s.listed.delete('ri-gone');
    await s.m.followTick();
    assert.deepEqual(s.m.followedIds(), ['ri-new'], 'a seen resource that disappears is dropped at once');
    await s.m.followTick();
    s.listed.set('ri-new', 'Creating');
    await s.m.followTick();
    assert.deepEqual(s.m.followedIds(), ['ri-new'], 'a new resource listed after two polls is still followed');
    s.listed.set('ri-new', 'Active');
    await s.m.followTick();
    assert.deepEqual(s.m.followedIds(), [], 'settled');

    s.m.follow([ref('ri-never', 'Creating')]);
    for (let i = 0; i < 3; i++) await s.m.followTick();
    assert.deepEqual(s.m.followedIds(), [], 'a new resource never listed is dropped after three polls');

    s.m.follow([ref('ri-a', 'Creating'), ref('ri-b', 'Creating')]);
    s.m.clearFollowed();
    assert.equal(s.m.followedIds().length, 0, 'clearFollowed() drops everything');
    assert.deepEqual(s.timers.periods(), []);
    s.m.dispose();
  });

  it('a resource still changing after the follow window is dropped (window measured on the injected clock)', async () => {
    const s = setup();
    s.listed.set('ri-1', 'Updating');
    s.m.follow([ref('ri-1', 'Updating')]);
    await s.timers.advance(s.m.maxFollowMs);
    assert.deepEqual(s.m.followedIds(), ['ri-1'], 'still inside the window');
    await s.timers.advance(5000);
    assert.deepEqual(s.m.followedIds(), [], 'window over');
    s.m.dispose();
  });

  it('a failed region reload does not stop the polling', async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const m = new RefreshManager(
      {
        reloadRegion: async () => {
          calls++;
          throw new Error('down');
        },
        loadedRegions: () => [],
        findRef: (r) => ref(r.id, 'Creating'),
        isLoaded: () => true,
      },
      { visible: () => true, autoRefreshSeconds: () => 0, timers },
    );
    m.follow([ref('ri-1', 'Creating')]);
    await timers.advance(15_000);
    assert.equal(calls, 3);
    assert.deepEqual(m.followedIds(), ['ri-1']);
    m.dispose();
    assert.deepEqual(timers.periods(), [], 'dispose stops the timers');
  });

  it('swappable timers: running intervals move to the new timers and back; each is cleared where it runs', async () => {
    const a = new FakeTimers();
    const b = new FakeTimers();
    const sw = swappableTimers(a);
    let fired = 0;
    const h = sw.timers.setInterval(() => fired++, 100);
    assert.deepEqual([a.periods(), b.periods()], [[100], []]);
    const restore = sw.use(b);
    assert.deepEqual([a.periods(), b.periods()], [[], [100]]);
    await a.advance(1000);
    assert.equal(fired, 0, 'nothing fires on the old timers');
    await b.advance(250);
    assert.equal(fired, 2);
    assert.equal(sw.timers.now(), b.now());
    restore();
    assert.deepEqual([a.periods(), b.periods()], [[100], []]);
    sw.timers.clearInterval(h);
    assert.deepEqual([a.periods(), b.periods()], [[], []]);
  });
});
