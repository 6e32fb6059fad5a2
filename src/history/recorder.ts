/**
 * Records mutating actions in the HistoryStore and follows them to their final state (plain Node, no vscode).
 * The commands call it where they report their outcomes; `resume()` (on activation) continues the follow-ups
 * still pending when the window closed.
 *
 * Final states: Volcengine deletes are looked up by ID (DescribeInstances with InstanceIds; DescribeScheduledInstances
 * of the region) until each resource is gone or stays in a settled state for 3 polls; Alibaba changes are
 * followed with AliyunClient.followModify. A follow-up that cannot end in its window is marked `gave-up`.
 */
import { MODIFY_FOLLOW_DEFAULTS, Priority, type ModifyFollowResult } from '../core';
import type { ClientFactory, ResourceRef, AccountSource } from '../contracts';
import { isTransitional } from '../tree/styles';
import type { HistoryEntry, HistoryResource, HistoryStore } from './store';
import { abortableSleep } from '../core/sleep';

export interface RecorderOptions {
  readonly store: HistoryStore;
  readonly clients: ClientFactory;
  readonly accountSource: Pick<AccountSource, 'accounts'>;
  readonly now?: () => Date;
  /** Waits between polls (tests drive their clock with it). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborted on deactivation: follow-ups stop and stay pending. */
  readonly lifetime?: AbortSignal;
  /** Volcengine deletes: poll period (15 s) and window from the action's time (15 min); polls at background priority. */
  readonly volcIntervalMs?: number;
  readonly volcMaxMs?: number;
  /** Alibaba changes: the window from the action's time (default MODIFY_FOLLOW_DEFAULTS.maxMs) and poll period. */
  readonly modifyMaxMs?: number;
  readonly modifyIntervalMs?: number;
  readonly log?: (message: string) => void;
}

/** What an action records: the entry without its ID, time and follow state, and the account by ID. */
export type NewEntry = Omit<HistoryEntry, 'id' | 'time' | 'account' | 'follow'> & {
  readonly accountId: string;
  /** Whether a follow-up will set final states (the entry is `pending` until it ends). */
  readonly follow: boolean;
};

const SETTLED_POLLS = 3;

export class HistoryRecorder {
  private readonly running = new Set<string>();
  private readonly now: () => Date;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly o: RecorderOptions) {
    this.now = o.now ?? (() => new Date());
    this.sleep = o.sleep ?? abortableSleep;
  }

  get store(): HistoryStore {
    return this.o.store;
  }

  /** Adds an entry (account name and masked key ID looked up; never a secret). Never throws. */
  async record(n: NewEntry): Promise<HistoryEntry | undefined> {
    try {
      const time = this.now();
      const accounts = await this.o.accountSource.accounts(n.provider).catch(() => []);
      const p = accounts.find((x) => x.id === n.accountId);
      const entry: HistoryEntry = {
        id: this.o.store.newId(time),
        time: time.toISOString(),
        provider: n.provider,
        account: { profileId: n.accountId, name: p?.name, maskedKeyId: p?.maskedKeyId },
        region: n.region,
        action: n.action,
        command: n.command,
        resources: n.resources,
        calls: n.calls,
        request: n.request,
        newIds: n.newIds,
        follow: n.follow ? { state: 'pending', updated: time.toISOString() } : undefined,
      };
      return await this.o.store.add(entry);
    } catch (e) {
      this.o.log?.(`History: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Records an entry and follows it in the background. */
  async recordAndFollow(n: NewEntry): Promise<HistoryEntry | undefined> {
    const e = await this.record(n);
    if (e && n.follow) void this.settle(e.id);
    return e;
  }

  /** The result of a ModifyReservedInstances follow-up run by the command: final states, or still pending. */
  async modifyFollowed(id: string, r: ModifyFollowResult | undefined): Promise<void> {
    if (!r) return;
    await this.applyModify(id, r);
  }

  /** Continues every pending follow-up (on activation). */
  async resume(): Promise<void> {
    await this.o.store.load();
    await Promise.all(this.o.store.pending().map((e) => this.settle(e.id)));
  }

  /** Follows one entry to its final state; at most one follow-up per entry at a time. */
  async settle(id: string): Promise<void> {
    if (this.running.has(id)) return;
    const e = this.o.store.get(id);
    if (!e || e.follow?.state !== 'pending') return;
    this.running.add(id);
    try {
      if (e.provider === 'aliyun') await this.settleModify(e);
      else await this.settleVolc(e);
    } catch (err) {
      this.o.log?.(`History: follow-up of ${e.action} ${e.region}: ${(err as Error).message}`);
    } finally {
      this.running.delete(id);
    }
  }

  private async settleModify(e: HistoryEntry): Promise<void> {
    const max = this.o.modifyMaxMs ?? MODIFY_FOLLOW_DEFAULTS.maxMs;
    const left = Date.parse(e.time) + max - this.now().getTime();
    const sources = e.resources.filter((r) => r.outcome !== 'new').map((r) => r.id);
    const newIds = [...(e.newIds ?? [])];
    const client = await this.o.clients.aliyun(e.account.profileId);
    const r = await client.followModify(e.region, sources, newIds, {
      intervalMs: this.o.modifyIntervalMs ?? MODIFY_FOLLOW_DEFAULTS.intervalMs,
      // Past its window: one last look.
      maxMs: Math.max(0, left),
      appearMs: Math.max(0, Date.parse(e.time) + MODIFY_FOLLOW_DEFAULTS.appearMs - this.now().getTime()),
      signal: this.o.lifetime,
      sleep: this.sleep,
      now: this.now,
    });
    await this.applyModify(e.id, r, left <= 0 || this.now().getTime() >= Date.parse(e.time) + max);
  }

  private async applyModify(id: string, r: ModifyFollowResult, windowOver = false): Promise<void> {
    const now = this.now().toISOString();
    await this.o.store.update(id, (x) => {
      const st = new Map([...r.sources, ...r.created].map((s) => [s.id, s.status]));
      for (const res of x.resources) {
        if (st.has(res.id)) res.finalState = st.get(res.id) ?? 'not listed';
      }
      if (r.outcome === 'applied' || r.outcome === 'failed') x.follow = { state: 'done', updated: now, note: r.outcome };
      // Cancelled: the window closed (or the user stopped following): resumed on the next activation.
      else if (r.outcome === 'pending' && windowOver)
        x.follow = { state: 'gave-up', updated: now, note: 'still changing when the follow-up window ended' };
      else x.follow = { state: 'pending', updated: now, note: r.lastError ? `last poll: [${r.lastError.code}]` : undefined };
    });
  }

  private async settleVolc(e: HistoryEntry): Promise<void> {
    const interval = this.o.volcIntervalMs ?? 15_000;
    const end = Date.parse(e.time) + (this.o.volcMaxMs ?? 15 * 60_000);
    // Every resource the action may have acted on (done in its own word: deleted, cancelled, …; or unknown).
    const watched = e.resources.filter((r) => r.finalState === undefined && r.outcome !== 'failed' && r.outcome !== 'not-sent');
    const settledFor = new Map<string, number>();
    const ids = new Set(watched.map((r) => r.id));
    const client = await this.o.clients.volcengine(e.account.profileId);
    // Bounded by the window and by steps, in case the clock does not move.
    const maxSteps = Math.ceil(Math.max(0, end - this.now().getTime()) / interval) + 1;
    for (let step = 0; ids.size > 0 && step < maxSteps; step++) {
      if (this.o.lifetime?.aborted) return;
      let states: Map<string, string>;
      try {
        states = await this.volcStates(client, e, [...ids]);
      } catch (err) {
        if (this.o.lifetime?.aborted) return;
        this.o.log?.(`History: follow-up poll ${e.action} ${e.region}: ${(err as Error).message}`);
        if (this.now().getTime() + interval > end) break;
        await this.sleep(interval, this.o.lifetime).catch(() => undefined);
        continue;
      }
      const final = new Map<string, string>();
      for (const id of ids) {
        const s = states.get(id);
        if (s === undefined) final.set(id, 'gone');
        else if (isTransitional(s)) settledFor.set(id, 0);
        else {
          const n = (settledFor.get(id) ?? 0) + 1;
          settledFor.set(id, n);
          if (n >= SETTLED_POLLS) final.set(id, s);
        }
      }
      for (const id of final.keys()) ids.delete(id);
      const done = ids.size === 0;
      const now = this.now().toISOString();
      await this.o.store.update(e.id, (x) => {
        for (const r of x.resources) if (final.has(r.id)) r.finalState = final.get(r.id);
        x.follow = done ? { state: 'done', updated: now } : { state: 'pending', updated: now };
      });
      if (done) return;
      if (this.now().getTime() + interval > end) break;
      await this.sleep(interval, this.o.lifetime).catch(() => undefined);
    }
    if (this.o.lifetime?.aborted) return;
    if (ids.size === 0) return;
    const now = this.now().toISOString();
    await this.o.store.update(e.id, (x) => {
      x.follow = { state: 'gave-up', updated: now, note: 'not settled when the follow-up window ended' };
    });
  }

  private async volcStates(
    client: Awaited<ReturnType<ClientFactory['volcengine']>>,
    e: HistoryEntry,
    ids: string[],
  ): Promise<Map<string, string>> {
    const signal = this.o.lifetime;
    if (e.action === 'DeleteScheduledInstance') {
      const list = await client.describeScheduledInstances(e.region, { signal, priority: Priority.background });
      return new Map(list.filter((r) => ids.includes(r.ScheduledInstanceId)).map((r) => [r.ScheduledInstanceId, String(r.Status ?? '')]));
    }
    const list = await client.describeInstances(e.region, { signal, instanceIds: ids, priority: Priority.background });
    return new Map(list.map((r) => [r.InstanceId, String(r.Status ?? '')]));
  }
}

/** The resources of a ref list as history rows. */
export function refRows(refs: readonly ResourceRef[], outcome: string): HistoryResource[] {
  return refs.map((r) => ({ id: r.id, name: r.name !== r.id ? r.name : undefined, outcome }));
}
