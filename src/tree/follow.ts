/** Polls resources in transitional states until they settle, only while the view is visible. */
import type * as vscode from 'vscode';
import type { Provider } from '../core/types';
import type { ResourceRef } from '../services';
import { stateOf } from './model';
import { isTransitional } from './present';

export interface FollowTarget {
  reloadRegion(provider: Provider, profileId: string, region: string): Promise<void>;
  findRef(ref: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind' | 'id'>): ResourceRef | undefined;
  /** Whether the resource's folder has been loaded (else a poll cannot see it). */
  isLoaded(ref: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind'>): boolean;
}

interface Followed {
  readonly ref: ResourceRef;
  readonly since: number;
  ticks: number;
  sawTransitional: boolean;
  /** Found in its loaded folder at least once (a new resource may take a few polls to be listed). */
  seen: boolean;
}

const key = (r: ResourceRef) => `${r.provider}/${r.profileId}/${r.region}/${r.kind}/${r.id}`;

export class Follower implements vscode.Disposable {
  private readonly followed = new Map<string, Followed>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;
  /** Poll period; a resource is dropped after `maxMs` or once settled. */
  intervalMs = 5000;
  maxMs = 15 * 60_000;

  constructor(
    private readonly target: FollowTarget,
    private readonly visible: () => boolean,
  ) {}

  add(refs: readonly ResourceRef[]): void {
    const now = Date.now();
    for (const r of refs) this.followed.set(key(r), { ref: r, since: now, ticks: 0, sawTransitional: isTransitional(stateOf(r)), seen: this.target.findRef(r) !== undefined });
    this.schedule();
  }

  /** How many resources are still followed (tests). */
  get size(): number {
    return this.followed.size;
  }

  /** IDs still followed (tests). */
  ids(): string[] {
    return [...this.followed.values()].map((f) => f.ref.id);
  }

  /** Changes the poll period (tests; production keeps 5 s); a running timer restarts with it. */
  setIntervalMs(ms: number): void {
    this.intervalMs = ms;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.schedule();
  }

  visibilityChanged(): void {
    this.schedule();
  }

  private schedule(): void {
    const want = this.followed.size > 0 && this.visible();
    if (want && !this.timer) this.timer = setInterval(() => void this.tick(), this.intervalMs);
    if (!want && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** One poll: reload each affected region once, then drop what settled. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const regions = new Map<string, ResourceRef>();
      for (const f of this.followed.values()) regions.set(`${f.ref.provider}/${f.ref.profileId}/${f.ref.region}`, f.ref);
      await Promise.all([...regions.values()].map((r) => this.target.reloadRegion(r.provider, r.profileId, r.region).catch(() => undefined)));
      const now = Date.now();
      for (const [k, f] of this.followed) {
        if (now - f.since > this.maxMs) {
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
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  /** Stops following everything (accounts, regions or endpoints changed). */
  clear(): void {
    this.followed.clear();
    this.schedule();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.followed.clear();
  }
}
