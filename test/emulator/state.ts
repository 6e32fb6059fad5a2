/** In-memory cloud state per account (access key) and region, plus delayed transitions. */
import { createHash } from 'node:crypto';
import { prng } from './faults';
import type { Clock } from './clock';
import type { Provider } from './ledger';
import type { AliReservedInstance, VolcInstance, VolcScheduledInstance } from './model';

export interface AccountSpec {
  provider: Provider;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export const DEMO_ACCOUNTS: AccountSpec[] = [
  { provider: 'volcengine', accessKeyId: 'AKLTZGVtby1lY3MtZXhwbG9yZXI', accessKeySecret: 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==' },
  { provider: 'aliyun', accessKeyId: 'LTAI5tDemoEcsExplorer01', accessKeySecret: 'DemoAliyunSecretEcsExplorer01' },
];

export interface VolcRegionMeta {
  regionId: string;
  zones: string[];
}
export interface AliZoneMeta {
  zoneId: string;
  localName: string;
}
export interface AliRegionMeta {
  regionId: string;
  localName: string;
  localNameEn: string;
  endpoint: string;
  zones: AliZoneMeta[];
}

export interface ZoneFlags {
  noStock?: boolean;
  notOpen?: boolean;
  notOnSale?: boolean;
}

/** A sorted-by-ID list cached until the set of resources changes. */
export class Table<T> {
  readonly byId = new Map<string, T>();
  private sorted: T[] | undefined;
  constructor(private readonly idOf: (t: T) => string) {}
  put(t: T): void {
    this.byId.set(this.idOf(t), t);
    this.sorted = undefined;
  }
  delete(id: string): void {
    if (this.byId.delete(id)) this.sorted = undefined;
  }
  get(id: string): T | undefined {
    return this.byId.get(id);
  }
  get size(): number {
    return this.byId.size;
  }
  list(): T[] {
    if (!this.sorted) {
      const ids = [...this.byId.keys()].sort();
      this.sorted = ids.map((id) => this.byId.get(id) as T);
    }
    return this.sorted;
  }
  /** Index of the first element with id > after (binary search). */
  indexAfter(after: string): number {
    const l = this.list();
    let lo = 0,
      hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.idOf(l[mid]) <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class VolcRegionState {
  readonly instances = new Table<VolcInstance>((i) => i.InstanceId);
  readonly scheduled = new Table<VolcScheduledInstance>((s) => s.ScheduledInstanceId);
  /** Dedicated hosts whose status refuses DeleteInstances (InvalidDedicatedHostStatus.Unsupported). */
  readonly unavailableDedicatedHosts = new Set<string>();
  constructor(readonly meta: VolcRegionMeta) {}
}

export class AliRegionState {
  readonly reserved = new Table<AliReservedInstance>((r) => r.ReservedInstanceId);
  unauthorized = false;
  salesSuspended = false;
  readonly zoneFlags = new Map<string, ZoneFlags>();
  constructor(readonly meta: AliRegionMeta) {}
}

export class Account {
  arrearage = false;
  /**
   * A deleted instance's DeleteInstances item: no `Error` (default), `Error: null`, or `Error: {Code: "", Message: ""}`.
   * The SDK models allow all three; which the service sends is unconfirmed.
   */
  deleteSuccessError: 'absent' | 'null' | 'empty' = 'absent';
  readonly volc = new Map<string, VolcRegionState>();
  readonly ali = new Map<string, AliRegionState>();
  constructor(
    readonly spec: AccountSpec,
    readonly index: number,
  ) {}
}

interface Pending {
  dueClockMs: number;
  dueRealMs: number;
  run: () => void;
}

export class State {
  /** By `provider:accessKeyId`: one key pair may be an account of each provider. */
  readonly accounts = new Map<string, Account>();
  volcRegions: VolcRegionMeta[] = [];
  aliRegions: AliRegionMeta[] = [];
  private pending: Pending[] = [];
  private minDueClock = Infinity;
  private minDueReal = Infinity;
  private idRand = prng(1);

  constructor(
    readonly clock: Clock,
    public transitionDelayMs: number,
    accounts: AccountSpec[],
  ) {
    const perProvider: Record<Provider, number> = { volcengine: 0, aliyun: 0 };
    for (const a of accounts) this.accounts.set(`${a.provider}:${a.accessKeyId}`, new Account(a, perProvider[a.provider]++));
  }

  /** Drop all resources (accounts and their keys stay). */
  clear(salt: string): void {
    for (const a of this.accounts.values()) {
      a.volc.clear();
      a.ali.clear();
      a.arrearage = false;
      a.deleteSuccessError = 'absent';
    }
    this.pending = [];
    this.minDueClock = this.minDueReal = Infinity;
    this.idRand = prng(createHash('sha1').update(salt).digest().readUInt32BE(0));
  }

  /** Temporary (STS) credentials issued by the emulator: see sts.ts. */
  temporary?: (accessKeyId: string) => Account | undefined;
  /** Whether an account's temporary credentials have expired (emulator clock). */
  expired?: (acc: Account) => boolean;

  /** The provider's account with this key (either provider's when none is named), or temporary STS credentials. */
  account(accessKeyId: string, provider?: Provider): Account | undefined {
    const stored = provider
      ? this.accounts.get(`${provider}:${accessKeyId}`)
      : (this.accounts.get(`volcengine:${accessKeyId}`) ?? this.accounts.get(`aliyun:${accessKeyId}`));
    if (stored) return stored;
    const t = this.temporary?.(accessKeyId);
    return t && (!provider || t.spec.provider === provider) ? t : undefined;
  }
  accountsOf(provider: Provider): Account[] {
    return [...this.accounts.values()].filter((a) => a.spec.provider === provider);
  }

  volcRegion(acc: Account, regionId: string): VolcRegionState | undefined {
    let r = acc.volc.get(regionId);
    if (!r) {
      const meta = this.volcRegions.find((m) => m.regionId === regionId);
      if (!meta) return undefined;
      r = new VolcRegionState(meta);
      acc.volc.set(regionId, r);
    }
    return r;
  }

  aliRegion(acc: Account, regionId: string): AliRegionState | undefined {
    let r = acc.ali.get(regionId);
    if (!r) {
      const meta = this.aliRegions.find((m) => m.regionId === regionId);
      if (!meta) return undefined;
      r = new AliRegionState(meta);
      acc.ali.set(regionId, r);
    }
    return r;
  }

  /** Deterministic ID: prefix + n chars of [0-9a-z], stable for a given seed and call order. */
  newId(prefix: string, n = 20, lead = ''): string {
    const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
    let s = lead;
    while (s.length < n) s += alphabet[Math.floor(this.idRand() * 36)];
    return prefix + s;
  }

  /** Run fn once transitionDelayMs (or delayMs) has passed on the emulator clock or in real time. */
  schedule(run: () => void, delayMs = this.transitionDelayMs): void {
    const p: Pending = { dueClockMs: this.clock.nowMs() + delayMs, dueRealMs: this.clock.realNow() + delayMs, run };
    this.pending.push(p);
    if (p.dueClockMs < this.minDueClock) this.minDueClock = p.dueClockMs;
    if (p.dueRealMs < this.minDueReal) this.minDueReal = p.dueRealMs;
  }

  /** Apply due transitions. Cheap when nothing is due; called before every request. */
  tick(): void {
    if (this.pending.length === 0) return;
    const nowClock = this.clock.nowMs(),
      nowReal = this.clock.realNow();
    if (nowClock < this.minDueClock && nowReal < this.minDueReal) return;
    const keep: Pending[] = [];
    const due: Pending[] = [];
    let mc = Infinity,
      mr = Infinity;
    for (const p of this.pending) {
      if (nowClock >= p.dueClockMs || nowReal >= p.dueRealMs) due.push(p);
      else {
        keep.push(p);
        mc = Math.min(mc, p.dueClockMs);
        mr = Math.min(mr, p.dueRealMs);
      }
    }
    this.pending = keep;
    this.minDueClock = mc;
    this.minDueReal = mr;
    for (const p of due) p.run();
  }

  pendingCount(): number {
    return this.pending.length;
  }
}
