/**
 * The tree's folder lists: one entry per folder (a kind in a region of an account) that has been asked for, with
 * its pages and its load state. Appends pages without duplicates, loads more / all, reloads in the background and
 * says whether anything changed. Plain Node (no vscode import): the VS Code layer injects the loader and callbacks.
 */
import { Priority } from '../core/http/scheduler';
import type { ResourceRef } from '../contracts';
import { warmEligibility } from './eligibility';
import { sameJson } from './json';
import { appendUnique, cursorAfter, type Cursor, type PageRequest, type PageResult } from './loader';
import { folderNodeId, resourceNodeId, type FolderNode, type ResourceNode } from './model';

/**
 * Where a folder's load is. A folder the store does not hold is `idle` (never asked for, or dropped by a refresh).
 * `loadingMore` and `loaded` show their items; `failed` shows its error.
 */
export type LoadState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading'; readonly done: Promise<void> }
  | { readonly status: 'loaded' }
  | { readonly status: 'loadingMore'; readonly done: Promise<void> }
  | { readonly status: 'failed'; readonly error: unknown };

const IDLE: LoadState = { status: 'idle' };
const LOADED: LoadState = { status: 'loaded' };

/** One folder's list. `items` and `ids` only grow; a reload builds a new Folder and swaps it in. */
export class Folder {
  readonly items: ResourceRef[] = [];
  /** IDs of `items`. */
  readonly ids = new Set<string>();
  /** Where the next page starts (undefined: no more pages). */
  more?: Cursor;
  /** Total count when the API reports it (Alibaba). */
  total?: number;
  state: LoadState = IDLE;
  /** The tree nodes of `items`, built on first use. */
  nodes?: ResourceNode[];
  constructor(readonly abort: AbortController) {}

  get error(): unknown {
    return this.state.status === 'failed' ? this.state.error : undefined;
  }
  get failed(): boolean {
    return this.state.status === 'failed';
  }
  /** The first page has not arrived yet. */
  get loading(): boolean {
    return this.state.status === 'loading';
  }
  /** Every page loaded without error. */
  get complete(): boolean {
    return (this.state.status === 'loaded' || this.state.status === 'loadingMore') && !this.more;
  }
}

export interface FolderStoreDeps {
  loadPage(q: PageRequest): Promise<PageResult>;
  pageSize(): number;
  /** Every load the store starts (progress in the view). */
  track?(p: Promise<void>): void;
  /** A folder's shown rows may have changed outside a reload's result (load more ended, a Go to load was dropped). */
  changed(node: FolderNode | FolderNode['parent']): void;
  /** A failed "Load more" (what was shown stays). */
  loadMoreFailed(node: FolderNode, error: unknown): void;
  /** A failed first load or reload (the folder shows the error, or a reload keeps what was shown). */
  loadFailed(node: FolderNode, error: unknown, reload: boolean): void;
  warn(message: string): void;
  now?(): Date;
}

/** Result of one page: `failed` when the folder should show the error. */
type PageOutcome = { readonly failed: false } | { readonly failed: true; readonly error: unknown };
const OK: PageOutcome = { failed: false };

export class FolderStore {
  private readonly folders = new Map<string, Folder>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly d: FolderStoreDeps) {}

  get(id: string): Folder | undefined {
    return this.folders.get(id);
  }

  state(id: string): LoadState {
    return this.folders.get(id)?.state ?? IDLE;
  }

  entries(): IterableIterator<[string, Folder]> {
    return this.folders.entries();
  }

  /** The folder's entry, starting its first page when it has none. */
  ensure(node: FolderNode): Folder {
    const had = this.folders.get(node.id);
    if (had) return had;
    const f = new Folder(new AbortController());
    this.folders.set(node.id, f);
    const done = this.track(
      this.fetchPage(node, f, undefined).then((o) => {
        if (f.state === state) f.state = o.failed ? { status: 'failed', error: o.error } : LOADED;
      }),
    );
    const state: LoadState = { status: 'loading', done };
    f.state = state;
    return f;
  }

  /** Waits for the first page of a folder that is loading (nothing to wait for otherwise). */
  async settled(st: Folder): Promise<void> {
    if (st.state.status === 'loading') await st.state.done;
  }

  /** Loads the next page (the "Load more…" row). Double clicks share one load. */
  async loadMore(node: FolderNode, signal?: AbortSignal): Promise<void> {
    const st = this.folders.get(node.id);
    if (!st || signal?.aborted) return;
    if (st.state.status === 'loadingMore') return st.state.done;
    if (st.state.status !== 'loaded' || !st.more) return;
    const done = this.track(
      this.fetchPage(node, st, st.more, undefined, false, signal).then(() => {
        // A failed page is reported (loadMoreFailed); what was shown stays.
        if (st.state === state) st.state = LOADED;
        this.d.changed(node);
      }),
    );
    const state: LoadState = { status: 'loadingMore', done };
    st.state = state;
    await done;
  }

  /** Loads every remaining page of a folder. */
  async loadAll(node: FolderNode, signal?: AbortSignal): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const st = this.folders.get(node.id);
      if (!st?.more || signal?.aborted) return;
      const before = st.items.length;
      await this.loadMore(node, signal);
      if (this.folders.get(node.id) !== st || st.items.length === before) return;
    }
  }

  /**
   * Loads a folder completely (first page, then every further page, as Load All). Cancelling `signal` stops its
   * requests; a first load it started and did not finish is dropped, so the tree loads it again when opened.
   */
  async loadFully(node: FolderNode, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const started = !this.folders.has(node.id);
    const st = this.ensure(node);
    const onAbort = () => {
      if (started && st.loading && this.folders.get(node.id) === st) {
        st.abort.abort();
        this.folders.delete(node.id);
        this.d.changed(node.parent);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.settled(st);
      if (this.folders.get(node.id) !== st || st.failed) return;
      const before = st.items.length;
      await this.loadAll(node, signal);
      if (started || st.items.length !== before) this.d.changed(node.parent);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Reloads a folder in the background, as many pages as it had loaded ("Load more" is kept), and swaps the result
   * in; true when what it shows may have changed. A failure keeps what was shown (it is logged).
   */
  async reload(node: FolderNode): Promise<boolean> {
    const old = this.folders.get(node.id);
    if (!old) return false;
    if (old.state.status === 'loading') return old.state.done.then(() => true);
    // Share the old controller: a refresh that drops the old entry also cancels this load.
    const st = new Folder(old.abort);
    const current = () => this.folders.get(node.id) === old || this.folders.get(node.id) === st;
    let o = await this.track(this.fetchPage(node, st, undefined, current, true));
    while (!o.failed && st.more && st.items.length < old.items.length && current()) {
      const before = st.items.length;
      o = await this.track(this.fetchPage(node, st, st.more, current, true));
      if (st.items.length === before) break;
    }
    if (this.folders.get(node.id) !== old) return false;
    if (o.failed && !old.failed) return false;
    st.state = o.failed ? { status: 'failed', error: o.error } : LOADED;
    const same = !old.failed && !o.failed && old.total === st.total && sameJson([old.items, old.more], [st.items, st.more]);
    if (same) return false;
    this.folders.set(node.id, st);
    return true;
  }

  /** Cancels and forgets the folders whose ID is `id` or starts with `id/` (every folder when omitted). */
  drop(id?: string): void {
    const prefix = id + '/';
    for (const [k, st] of this.folders) {
      if (id !== undefined && k !== id && !k.startsWith(prefix)) continue;
      st.abort.abort();
      this.folders.delete(k);
    }
  }

  /** The resource nodes of a folder's items, under `node`. */
  resourceNodes(node: FolderNode, st: Folder): ResourceNode[] {
    return (st.nodes ??= st.items.map((ref): ResourceNode => ({ type: 'resource', id: resourceNodeId(ref), parent: node, ref })));
  }

  /** Loaded resources, in store order (under the node ID `prefix` when given), that `keep` accepts. */
  refs(prefix = '', keep?: (r: ResourceRef) => boolean): ResourceRef[] {
    const out: ResourceRef[] = [];
    // A loop, not push(...items): a spread of a large folder would overflow the call stack.
    for (const [id, st] of this.folders) {
      if (prefix && !`${id}/`.startsWith(prefix)) continue;
      for (const r of st.items) if (!keep || keep(r)) out.push(r);
    }
    return out;
  }

  findRef(ref: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind' | 'id'>): ResourceRef | undefined {
    const st = this.folders.get(folderNodeId(ref.provider, ref.accountId, ref.region, ref.kind));
    return st?.items.find((r) => r.id === ref.id);
  }

  isLoaded(ref: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind'>): boolean {
    return this.folders.has(folderNodeId(ref.provider, ref.accountId, ref.region, ref.kind));
  }

  /** Node IDs of the regions holding at least one folder. */
  regionIds(): string[] {
    const ids = new Set<string>();
    for (const id of this.folders.keys()) ids.add(id.slice(0, id.lastIndexOf('/')));
    return [...ids];
  }

  /** Resolves when no load is running. */
  async whenIdle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  dispose(): void {
    this.drop();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const done = () => void this.running.delete(p);
    p.then(done, done);
    this.d.track?.(p.then(() => undefined));
    return p;
  }

  private async fetchPage(
    node: FolderNode,
    st: Folder,
    cursor: Cursor | undefined,
    current: () => boolean = () => this.folders.get(node.id) === st,
    background = false,
    /** Also stops this page (Go to Resource's cancel). */
    signal?: AbortSignal,
  ): Promise<PageOutcome> {
    const r = node.parent;
    try {
      const page = await this.d.loadPage({
        provider: r.provider,
        accountId: r.accountId,
        region: r.region,
        kind: node.kind,
        pageSize: this.d.pageSize(),
        cursor,
        signal: signal ? AbortSignal.any([st.abort.signal, signal]) : st.abort.signal,
        // A folder the user expanded or asked for more of goes before background reloads.
        priority: background ? Priority.background : Priority.visible,
      });
      if (!current()) return OK; // refreshed meanwhile
      warmEligibility(page.items, this.d.now?.() ?? new Date());
      const added = appendUnique(st.items, st.ids, page.items);
      st.nodes = undefined;
      st.more = cursorAfter(page, cursor, added);
      st.total = page.total;
      if (page.more && !st.more) {
        this.d.warn(
          `Loading more ${node.kind} in ${r.provider} ${r.region}: the page repeated only items already listed; no further pages are asked for.`,
        );
      }
      return OK;
    } catch (e) {
      if (!current() || st.abort.signal.aborted || signal?.aborted) return OK;
      if (cursor && !background) {
        // A failed "load more" keeps what is shown and the Load more row.
        this.d.loadMoreFailed(node, e);
        return OK;
      }
      this.d.loadFailed(node, e, !!cursor && background);
      return { failed: true, error: e };
    }
  }
}
