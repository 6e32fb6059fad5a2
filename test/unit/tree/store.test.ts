/** FolderStore: load states, pages without duplicates, load more / all, reload with change detection, cancellation. */
import * as assert from 'node:assert/strict';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { Transport } from '../../../src/core/http/transport';
import type { ResourceRef } from '../../../src/contracts';
import { loadPage, type Cursor, type PageRequest, type PageResult } from '../../../src/tree/loader';
import { toRef, type FolderNode } from '../../../src/tree/model';
import { Nodes } from '../../../src/tree/nodes';
import { FolderStore, type FolderStoreDeps } from '../../../src/tree/store';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator/index';

const ref = (id: string, Status = 'Active'): ResourceRef =>
  toRef('aliyun', 'p1', 'cn-hangzhou', 'reservedInstance', { ReservedInstanceId: id, Status });
const folderOf = (kind: FolderNode['kind'] = 'reservedInstance', provider: 'aliyun' | 'volcengine' = 'aliyun', region = 'cn-hangzhou') => {
  const nodes = new Nodes(() => false);
  return nodes.folder(nodes.region(provider, 'p1', region), kind);
};

/** A page the test answers by hand. */
interface Asked {
  readonly q: PageRequest;
  answer(p: PageResult | Error): void;
}

function scripted(over: Partial<FolderStoreDeps> = {}) {
  const asked: Asked[] = [];
  const events = { changed: 0, loadMoreFailed: [] as unknown[], loadFailed: [] as [unknown, boolean][], warnings: [] as string[] };
  const store = new FolderStore({
    loadPage: (q) =>
      new Promise((resolve, reject) => {
        asked.push({ q, answer: (p) => (p instanceof Error ? reject(p) : resolve(p)) });
        q.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      }),
    pageSize: () => 2,
    changed: () => void events.changed++,
    loadMoreFailed: (_n, e) => void events.loadMoreFailed.push(e),
    loadFailed: (_n, e, reload) => void events.loadFailed.push([e, reload]),
    warn: (m) => void events.warnings.push(m),
    ...over,
  });
  /** Waits until `n` pages have been asked for. */
  const pages = async (n: number) => {
    for (let i = 0; i < 100 && asked.length < n; i++) await new Promise((r) => setImmediate(r));
    assert.equal(asked.length, n, `${n} page requests`);
    return asked[n - 1];
  };
  return { store, asked, events, pages };
}

const page = (ids: string[], more?: Cursor, total?: number): PageResult => ({ items: ids.map((id) => ref(id)), more, total });

describe('tree/FolderStore', () => {
  it('a first load goes idle → loading → loaded; callers during the load share one request', async () => {
    const { store, pages } = scripted();
    const f = folderOf();
    assert.equal(store.state(f.id).status, 'idle');
    const st = store.ensure(f);
    assert.equal(store.state(f.id).status, 'loading');
    assert.equal(store.ensure(f), st, 'same entry while loading');
    const p = await pages(1);
    assert.equal(p.q.cursor, undefined);
    assert.equal(p.q.pageSize, 2);
    p.answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }, 3));
    await store.settled(st);
    assert.equal(store.state(f.id).status, 'loaded');
    assert.deepEqual(
      st.items.map((r) => r.id),
      ['ri-1', 'ri-2'],
    );
    assert.equal(st.total, 3);
    assert.ok(!st.complete, 'more to load');
    await store.whenIdle();
  });

  it('a failed first page leaves the folder failed with the error; dropping it makes it idle and the next ensure loads again', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    const boom = new Error('boom');
    (await pages(1)).answer(boom);
    await store.settled(st);
    const s = store.state(f.id);
    assert.equal(s.status, 'failed');
    assert.equal(s.status === 'failed' && s.error, boom);
    assert.deepEqual(events.loadFailed, [[boom, false]]);
    assert.ok(!st.complete);
    store.drop(f.parent.id);
    assert.equal(store.state(f.id).status, 'idle');
    assert.notEqual(store.ensure(f), st);
    (await pages(2)).answer(page(['ri-1']));
    await store.whenIdle();
    assert.equal(store.state(f.id).status, 'loaded');
    assert.ok(store.get(f.id)!.complete);
  });

  it('load more: loaded → loadingMore → loaded, double clicks share one page, repeated IDs are dropped', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    (await pages(1)).answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }));
    await store.settled(st);
    const a = store.loadMore(f);
    const b = store.loadMore(f);
    assert.equal(store.state(f.id).status, 'loadingMore');
    const p2 = await pages(2);
    assert.deepEqual(p2.q.cursor, { pageNumber: 2 });
    // The list shifted: ri-2 comes again.
    p2.answer(page(['ri-2', 'ri-3']));
    await Promise.all([a, b]);
    assert.equal(store.state(f.id).status, 'loaded');
    assert.deepEqual(
      st.items.map((r) => r.id),
      ['ri-1', 'ri-2', 'ri-3'],
    );
    assert.ok(st.complete);
    assert.equal(events.changed, 1, 'the folder told to redraw once');
    await store.loadMore(f);
    await pages(2); // nothing more asked once complete
  });

  it('a failed load more keeps the rows and the cursor, reports once, and is back to loaded', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    (await pages(1)).answer(page(['ri-1'], { pageNumber: 2 }));
    await store.settled(st);
    const more = store.loadMore(f);
    const boom = new Error('page 2 failed');
    (await pages(2)).answer(boom);
    await more;
    assert.equal(store.state(f.id).status, 'loaded');
    assert.deepEqual(events.loadMoreFailed, [boom]);
    assert.deepEqual(st.more, { pageNumber: 2 });
    assert.deepEqual(
      st.items.map((r) => r.id),
      ['ri-1'],
    );
  });

  it('load all follows the cursors, and stops when a page only repeats rows already listed', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    (await pages(1)).answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }));
    await store.settled(st);
    const all = store.loadAll(f);
    (await pages(2)).answer(page(['ri-3', 'ri-4'], { pageNumber: 3 }));
    (await pages(3)).answer(page(['ri-3', 'ri-4'], { pageNumber: 4 }));
    await all;
    assert.deepEqual(
      st.items.map((r) => r.id),
      ['ri-1', 'ri-2', 'ri-3', 'ri-4'],
    );
    assert.equal(st.more, undefined, 'a server that does not advance ends the folder');
    assert.equal(events.warnings.length, 1);
    await store.whenIdle();
  });

  it('dropping a folder while it loads cancels its request and its late answer lands nowhere', async () => {
    const { store, pages } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    const p = await pages(1);
    store.drop();
    assert.ok(p.q.signal?.aborted, 'request cancelled');
    await store.whenIdle();
    assert.equal(store.state(f.id).status, 'idle');
    assert.equal(st.items.length, 0);
  });

  it('reload: unchanged → false and the entry kept; changed → true and swapped in; a failed reload keeps what was shown', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    (await pages(1)).answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }, 3));
    await store.settled(st);
    await Promise.all([store.loadMore(f), pages(2).then((p) => p.answer(page(['ri-3'], undefined, 3)))]);

    // As many pages as were loaded, in the background.
    let r = store.reload(f);
    const first = await pages(3);
    assert.equal(first.q.cursor, undefined);
    first.answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }, 3));
    (await pages(4)).answer(page(['ri-3'], undefined, 3));
    assert.equal(await r, false, 'same rows');
    assert.equal(store.get(f.id), st, 'entry kept');

    r = store.reload(f);
    (await pages(5)).answer(page(['ri-1', 'ri-2'], { pageNumber: 2 }, 3));
    (await pages(6)).answer(page(['ri-3x'], undefined, 3));
    assert.equal(await r, true, 'a row changed');
    const now = store.get(f.id)!;
    assert.notEqual(now, st);
    assert.deepEqual(
      now.items.map((x) => x.id),
      ['ri-1', 'ri-2', 'ri-3x'],
    );
    assert.equal(store.state(f.id).status, 'loaded');

    r = store.reload(f);
    (await pages(7)).answer(new Error('down'));
    assert.equal(await r, false);
    assert.equal(store.get(f.id), now, 'what was shown stays');
    assert.equal(events.loadFailed.at(-1)![1], false);
  });

  it('a reload cancelled by a drop does not bring the folder back', async () => {
    const { store, pages } = scripted();
    const f = folderOf();
    const st = store.ensure(f);
    (await pages(1)).answer(page(['ri-1']));
    await store.settled(st);
    const r = store.reload(f);
    const p = await pages(2);
    store.drop(f.id);
    assert.ok(p.q.signal?.aborted);
    assert.equal(await r, false);
    assert.equal(store.state(f.id).status, 'idle');
  });

  it('cancelling a full load drops the unfinished first load', async () => {
    const { store, pages, events } = scripted();
    const f = folderOf();
    const ctl = new AbortController();
    const run = store.loadFully(f, ctl.signal);
    await pages(1);
    ctl.abort();
    await run;
    assert.equal(store.state(f.id).status, 'idle');
    assert.equal(events.changed, 1, 'the region told to redraw');
  });

  describe('against the emulator (real HTTP)', () => {
    let emu: Emulator;
    let transport: Transport;
    before(async () => {
      emu = await startEmulator();
      transport = new Transport();
    });
    after(async () => {
      await transport.close();
      await emu.stop();
    });

    it('loads every page of a region, and a reload sees a status change and a deleted instance', async () => {
      const a = DEMO_ACCOUNTS.find((x) => x.provider === 'volcengine')!;
      const vc = new VolcengineClient({
        credentials: { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret },
        endpoint: emu.volcengineUrl,
        transport,
      });
      const clients = {
        volcengine: async () => vc,
        aliyun: async () => {
          throw new Error('not used');
        },
      };
      const store = new FolderStore({
        loadPage: (q) => loadPage(clients as never, q),
        pageSize: () => 2,
        changed() {},
        loadMoreFailed() {},
        loadFailed() {},
        warn() {},
      });
      const f = folderOf('instance', 'volcengine', 'cn-beijing');
      await store.loadFully(f, new AbortController().signal);
      const st = store.get(f.id)!;
      const listed = (await vc.describeInstances('cn-beijing')).map((i) => i.InstanceId);
      assert.ok(listed.length > 2, 'several pages');
      assert.deepEqual(
        st.items.map((r) => r.id),
        listed,
      );
      assert.ok(st.complete);
      assert.equal(await store.reload(f), false, 'nothing changed');

      const table = emu.state.account(a.accessKeyId, 'volcengine')!.volc.get('cn-beijing')!.instances;
      const [first, second] = listed.map((id) => table.get(id)!);
      table.put({ ...first, Status: 'STOPPING' });
      table.delete(second.InstanceId);
      assert.equal(await store.reload(f), true);
      const now = store.get(f.id)!;
      assert.equal((now.items.find((r) => r.id === first.InstanceId)!.data as { Status: string }).Status, 'STOPPING');
      assert.ok(!now.ids.has(second.InstanceId));
      assert.equal(now.items.length, listed.length - 1);
      store.dispose();
    });
  });
});
