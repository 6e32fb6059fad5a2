/**
 * Background refresh of the Resources tree, only while the view is visible: the auto-refresh timer
 * (`ecsExplorer.autoRefreshSeconds`) reloads every loaded region, and follow-up polling reloads the regions of
 * resources in transitional states until they settle. Plain Node: timers and the clock are injected.
 *
 * The History's follow-up (history/recorder.ts, AliyunClient.followModify) is a different job and stays apart: it
 * runs while the view is hidden and resumes after a restart, asks for the acted-on resources by ID, and records
 * their final states; this one only redraws what the tree has loaded, and only while it is seen.
 */
import type { Provider } from '../core/types';
import type { ResourceRef } from '../contracts';
import { stateOf } from './model';
import { isTransitional } from './styles';

/** setInterval / clearInterval and the clock (tests pass a fake one and drive it). */
export interface Timers {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * Timers whose implementation can be replaced while running (the test API drives the tree on fake timers): running
 * intervals move to the new timers, and each is cleared by the timers it runs on.
 */
export function swappableTimers(initial: Timers): { readonly timers: Timers; use(t: Timers): () => void } {
  let current = initial;
  const live = new Set<{ fn: () => void; ms: number; on: Timers; handle: unknown }>();
  const timers: Timers = {
    now: () => current.now(),
    setInterval(fn, ms) {
      const i = { fn, ms, on: current, handle: current.setInterval(fn, ms) };
      live.add(i);
      return i;
    },
    clearInterval(h) {
      const i = h as { on: Timers; handle: unknown };
      i.on.clearInterval(i.handle);
      live.delete(h as never);
    },
  };
  const swap = (t: Timers) => {
    current = t;
    for (const i of live) {
      i.on.clearInterval(i.handle);
      i.on = t;
      i.handle = t.setInterval(i.fn, i.ms);
    }
  };
  return {
    timers,
    use(t) {
      const previous = current;
      swap(t);
      return () => swap(previous);
    },
  };
}

export interface RegionRef {
  readonly provider: Provider;
  readonly accountId: string;
  readonly region: string;
}

export interface RefreshTarget {
  /** Reloads a region's loaded folders in the background. */
  reloadRegion(provider: Provider, accountId: string, region: string): Promise<void>;
  /** Regions with loaded folders (what auto-refresh reloads). */
  loadedRegions(): readonly RegionRef[];
  findRef(ref: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind' | 'id'>): ResourceRef | undefined;
  /** Whether the resource's folder has been loaded (else a poll cannot see it). */
  isLoaded(ref: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind'>): boolean;
}

export interface RefreshOptions {
  visible(): boolean;
  /** The auto-refresh period in seconds (0: off). */
  autoRefreshSeconds(): number;
  /** Follow-up poll period, read at each update (default 5 s). */
  followMs?(): number;
  /** A resource is dropped after this long even if still changing (default 15 min). */
  maxFollowMs?: number;
  timers?: Timers;
}

interface Followed {
  readonly ref: ResourceRef;
  readonly since: number;
  ticks: number;
  sawTransitional: boolean;
  /** Found in its loaded folder at least once (a new resource may take a few polls to be listed). */
  seen: boolean;
}

const key = (r: ResourceRef) => `${r.provider}/${r.accountId}/${r.region}/${r.kind}/${r.id}`;
const regionKey = (r: RegionRef) => `${r.provider}/${r.accountId}/${r.region}`;

/** One periodic job: runs only while wanted, one run at a time. */
class Periodic {
  private handle: unknown;
  private ms = 0;
  private busy = false;
  constructor(
    private readonly timers: Timers,
    private readonly run: () => Promise<void>,
  ) {}

  /** Starts (or restarts with a new period) when `ms` > 0, else stops. */
  set(ms: number): void {
    if (ms > 0 && ms === this.ms && this.handle !== undefined) return;
    this.stop();
    if (ms <= 0) return;
    this.ms = ms;
    this.handle = this.timers.setInterval(() => void this.tick(), ms);
  }

  stop(): void {
    if (this.handle !== undefined) this.timers.clearInterval(this.handle);
    this.handle = undefined;
    this.ms = 0;
  }

  /** One run, skipped while the last one is still going. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.run();
    } finally {
      this.busy = false;
    }
  }
}

export class RefreshManager {
  private readonly followed = new Map<string, Followed>();
  /** Region reloads under way: auto-refresh and polling that meet share one. */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly timers: Timers;
  private readonly auto: Periodic;
  private readonly poll: Periodic;
  /** A resource is dropped after this long, or once settled. */
  readonly maxFollowMs: number;

  constructor(
    private readonly target: RefreshTarget,
    private readonly o: RefreshOptions,
  ) {
    this.timers = o.timers ?? realTimers;
    this.maxFollowMs = o.maxFollowMs ?? 15 * 60_000;
    this.auto = new Periodic(this.timers, () => this.autoRefresh());
    this.poll = new Periodic(this.timers, () => this.followPoll().finally(() => this.update()));
  }

  /** Re-reads the view's visibility and the auto-refresh setting, and starts or stops the timers. */
  update(): void {
    const visible = this.o.visible();
    const s = this.o.autoRefreshSeconds();
    this.auto.set(visible && s > 0 ? s * 1000 : 0);
    this.poll.set(visible && this.followed.size > 0 ? (this.o.followMs?.() ?? 5000) : 0);
  }

  // ---- auto refresh ----

  /** One auto-refresh: reload every loaded region (once, in parallel). */
  async autoRefresh(): Promise<void> {
    if (!this.o.visible()) return;
    await this.reload(this.target.loadedRegions());
  }

  // ---- follow-up polling ----

  /** Polls these resources (while the view is visible) until they settle. */
  follow(refs: readonly ResourceRef[]): void {
    const now = this.timers.now();
    for (const r of refs)
      this.followed.set(key(r), {
        ref: r,
        since: now,
        ticks: 0,
        sawTransitional: isTransitional(stateOf(r)),
        seen: this.target.findRef(r) !== undefined,
      });
    this.update();
  }

  /** IDs still followed. */
  followedIds(): string[] {
    return [...this.followed.values()].map((f) => f.ref.id);
  }

  /** Stops following everything (accounts, regions or endpoints changed). */
  clearFollowed(): void {
    this.followed.clear();
    this.update();
  }

  /** One poll: reload each affected region once, then drop what settled. Skipped while the last one runs. */
  followTick(): Promise<void> {
    return this.poll.tick();
  }

  private async followPoll(): Promise<void> {
    await this.reload([...this.followed.values()].map((f) => f.ref));
    const now = this.timers.now();
    for (const [k, f] of this.followed) {
      if (now - f.since > this.maxFollowMs) {
        this.followed.delete(k);
        continue;
      }
      // A folder not loaded yet (region not expanded) is polled once the view loads it.
      if (!this.target.isLoaded(f.ref)) continue;
      f.ticks++;
      const cur = this.target.findRef(f.ref);
      if (!cur) {
        // Gone (e.g. deleted), or new and not listed yet: give a new one a few polls.
        if (f.seen || f.ticks >= 3) this.followed.delete(k);
        continue;
      }
      f.seen = true;
      if (isTransitional(stateOf(cur))) f.sawTransitional = true;
      // The API may not show the new state at once: give it a few polls before calling it settled.
      else if (f.sawTransitional || f.ticks >= 3) this.followed.delete(k);
    }
  }

  private async reload(regions: readonly RegionRef[]): Promise<void> {
    const once = new Map<string, RegionRef>();
    for (const r of regions) once.set(regionKey(r), r);
    await Promise.all([...once].map(([k, r]) => this.reloadOnce(k, r)));
  }

  private reloadOnce(k: string, r: RegionRef): Promise<void> {
    let p = this.inFlight.get(k);
    if (!p) {
      // A failed reload keeps what is shown (the tree logs it); the next tick tries again.
      p = this.target.reloadRegion(r.provider, r.accountId, r.region).then(
        () => undefined,
        () => undefined,
      );
      const mine = p;
      this.inFlight.set(k, p);
      void p.finally(() => this.inFlight.get(k) === mine && this.inFlight.delete(k));
    }
    return p;
  }

  dispose(): void {
    this.auto.stop();
    this.poll.stop();
    this.followed.clear();
  }
}
