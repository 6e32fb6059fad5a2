import * as assert from 'assert';
import type { ResourceRef } from '../../../src/services';
import { Follower } from '../../../src/tree/follow';
import { toRef } from '../../../src/tree/model';

const ref = (id: string, Status: string): ResourceRef => toRef('aliyun', 'p1', 'cn-hangzhou', 'reservedInstance', { ReservedInstanceId: id, Status });

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check(), `timed out waiting for ${what}`);
}

describe('ext/Follower', () => {
  let follower: Follower | undefined;
  afterEach(() => follower?.dispose());

  it('polls the region only while visible, and stops once the resources settle', async () => {
    const states = new Map([['ri-1', 'Creating'], ['ri-2', 'Updating']]);
    let visible = true;
    let reloads = 0;
    follower = new Follower(
      {
        reloadRegion: async () => void reloads++,
        findRef: (r) => (states.has(r.id) ? ref(r.id, states.get(r.id)!) : undefined),
        isLoaded: () => true,
      },
      () => visible,
    );
    assert.strictEqual(follower.intervalMs, 5000, 'production period');
    follower.setIntervalMs(5);
    follower.add([ref('ri-1', 'Creating'), ref('ri-2', 'Updating')]);
    await until('two polls', () => reloads >= 2);
    assert.deepStrictEqual(follower.ids().sort(), ['ri-1', 'ri-2']);

    visible = false;
    follower.visibilityChanged();
    const hidden = reloads;
    await new Promise((r) => setTimeout(r, 60));
    assert.strictEqual(reloads, hidden, 'no polls while hidden');

    visible = true;
    follower.visibilityChanged();
    await until('a poll after showing', () => reloads > hidden);
    states.set('ri-1', 'Active');
    states.set('ri-2', 'Inactive');
    await until('settled', () => follower!.size === 0);
    const settled = reloads;
    await new Promise((r) => setTimeout(r, 60));
    assert.strictEqual(reloads, settled, 'no polls once settled');
  });

  it('setIntervalMs restarts a running timer with the new period', async () => {
    let reloads = 0;
    follower = new Follower({ reloadRegion: async () => void reloads++, findRef: (r) => ref(r.id, 'Creating'), isLoaded: () => true }, () => true);
    follower.add([ref('ri-1', 'Creating')]); // 5 s period: nothing soon
    follower.setIntervalMs(5);
    await until('a poll at the new period', () => reloads >= 1);
  });

  it('keeps resources of a folder not loaded yet, and gives a new resource a few polls to be listed', async () => {
    let loaded = false;
    const listed = new Map<string, string>([['ri-gone', 'Updating']]);
    follower = new Follower(
      { reloadRegion: async () => undefined, findRef: (r) => (loaded && listed.has(r.id) ? ref(r.id, listed.get(r.id)!) : undefined), isLoaded: () => loaded },
      () => true,
    );
    follower.add([ref('ri-new', 'Creating')]);
    for (let i = 0; i < 5; i++) await follower.tick();
    assert.deepStrictEqual(follower.ids(), ['ri-new'], 'kept while its folder is not loaded');

    loaded = true;
    follower.add([ref('ri-gone', 'Updating')]); // listed now: seen
    listed.delete('ri-gone');
    await follower.tick();
    assert.deepStrictEqual(follower.ids(), ['ri-new'], 'a seen resource that disappears is dropped at once');
    await follower.tick();
    listed.set('ri-new', 'Creating');
    await follower.tick();
    assert.deepStrictEqual(follower.ids(), ['ri-new'], 'a new resource listed after two polls is still followed');
    listed.set('ri-new', 'Active');
    await follower.tick();
    assert.deepStrictEqual(follower.ids(), [], 'settled');

    follower.add([ref('ri-never', 'Creating')]);
    for (let i = 0; i < 3; i++) await follower.tick();
    assert.deepStrictEqual(follower.ids(), [], 'a new resource never listed is dropped after three polls');

    loaded = false;
    follower.add([ref('ri-a', 'Creating'), ref('ri-b', 'Creating')]);
    follower.clear();
    assert.strictEqual(follower.size, 0, 'clear() drops everything');
  });
});
