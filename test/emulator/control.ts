/** Unsigned control API under /__emulator/ (served on both ports). */
import type { Clock } from './clock';
import type { Faults, FaultSpec } from './faults';
import type { EmuRequest, EmuResponse } from './http-types';
import type { Ledger, Provider } from './ledger';
import type { Network, NetworkSpec } from './network';
import { effective } from './aliyun/actions';
import type { RequestCounts } from './requests';
import { addVolcInstances, type LargeOptions, type SeedName } from './seeds';
import type { State } from './state';

export interface FlagSpec {
  provider?: Provider; // default aliyun
  accessKeyId?: string; // default: every account of the provider
  region?: string;
  zoneId?: string;
  noStock?: boolean;
  notOpen?: boolean;
  notOnSale?: boolean; // zone flags (region + zoneId)
  unauthorized?: boolean;
  salesSuspended?: boolean; // aliyun region flags (region)
  arrearage?: boolean; // aliyun account flag
  dedicatedHostId?: string;
  dedicatedHostUnavailable?: boolean; // volcengine (region + dedicatedHostId)
  /** volcengine account flag: how a deleted instance's OperationDetails item is written (unconfirmed; see Account). */
  deleteSuccessError?: 'absent' | 'null' | 'empty';
}

export function applyFlags(state: State, f: FlagSpec): void {
  const provider = f.provider ?? 'aliyun';
  const accounts = state.accountsOf(provider).filter((a) => !f.accessKeyId || a.spec.accessKeyId === f.accessKeyId);
  if (accounts.length === 0) throw new Error('no such account');
  for (const acc of accounts) {
    if (f.arrearage !== undefined) acc.arrearage = f.arrearage;
    if (f.deleteSuccessError !== undefined) acc.deleteSuccessError = f.deleteSuccessError;
    if (!f.region) continue;
    if (provider === 'volcengine') {
      const v = state.volcRegion(acc, f.region);
      if (!v) throw new Error(`unknown region ${f.region}`);
      if (f.dedicatedHostId && f.dedicatedHostUnavailable !== undefined) {
        if (f.dedicatedHostUnavailable) v.unavailableDedicatedHosts.add(f.dedicatedHostId);
        else v.unavailableDedicatedHosts.delete(f.dedicatedHostId);
      }
      continue;
    }
    const r = state.aliRegion(acc, f.region);
    if (!r) throw new Error(`unknown region ${f.region}`);
    if (f.unauthorized !== undefined) r.unauthorized = f.unauthorized;
    if (f.salesSuspended !== undefined) r.salesSuspended = f.salesSuspended;
    if (f.zoneId) {
      const cur = r.zoneFlags.get(f.zoneId) ?? {};
      for (const k of ['noStock', 'notOpen', 'notOnSale'] as const) if (f[k] !== undefined) cur[k] = f[k];
      r.zoneFlags.set(f.zoneId, cur);
    }
  }
}

export function dumpState(state: State, provider: Provider, region?: string, accessKeyId?: string): Record<string, unknown> {
  state.tick();
  const acc = accessKeyId ? state.account(accessKeyId, provider) : state.accountsOf(provider)[0];
  if (!acc || acc.spec.provider !== provider) throw new Error('no such account');
  const now = state.clock.nowMs();
  if (provider === 'volcengine') {
    const regions = state.volcRegions
      .filter((m) => !region || m.regionId === region)
      .map((m) => {
        const r = state.volcRegion(acc, m.regionId)!;
        return {
          regionId: m.regionId,
          zones: m.zones,
          unavailableDedicatedHosts: [...r.unavailableDedicatedHosts],
          instances: r.instances.list(),
          scheduledInstances: r.scheduled.list(),
        };
      });
    return { provider, accessKeyId: acc.spec.accessKeyId, regions };
  }
  const regions = state.aliRegions
    .filter((m) => !region || m.regionId === region)
    .map((m) => {
      const r = state.aliRegion(acc, m.regionId)!;
      return {
        regionId: m.regionId,
        zones: m.zones.map((z) => ({ ...z, ...r.zoneFlags.get(z.zoneId) })),
        unauthorized: r.unauthorized,
        reservedInstances: r.reserved.list().map((ri) => effective(ri, now)),
      };
    });
  return { provider, accessKeyId: acc.spec.accessKeyId, arrearage: acc.arrearage, regions };
}

/** POST /__emulator/instances: bulk Volcengine instances (RUNNING, PostPaid) for batch tests. */
export interface InstancesSpec {
  region: string;
  count: number;
  namePrefix?: string;
  accessKeyId?: string;
}

export function addInstances(state: State, s: InstancesSpec): string[] {
  if (typeof s.region !== 'string' || !s.region) throw new Error('region is required');
  if (!(Number.isInteger(s.count) && s.count >= 1 && s.count <= 10_000)) throw new Error('count must be an integer in 1..10000');
  const accounts = state.accountsOf('volcengine').filter((a) => !s.accessKeyId || a.spec.accessKeyId === s.accessKeyId);
  if (accounts.length === 0) throw new Error('no such account');
  return accounts.flatMap((acc) => addVolcInstances(state, acc, s.region, s.count, s.namePrefix ?? 'bulk'));
}

export interface ControlDeps {
  state: State;
  clock: Clock;
  faults: Faults;
  ledger: Ledger;
  requests: RequestCounts;
  network?: Network;
  reset(seed?: SeedName, large?: LargeOptions): void;
}

const ok = (body: Record<string, unknown>): EmuResponse => ({ status: 200, body });
const bad = (status: number, message: string): EmuResponse => ({ status, body: { error: message } });

export function controlHandler(d: ControlDeps) {
  return (req: EmuRequest): EmuResponse => {
    let body: Record<string, unknown> = {};
    try {
      if (req.body) body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return bad(400, 'body must be JSON');
    }
    const q = new URLSearchParams(req.rawQuery);
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    try {
      switch (route) {
        case 'POST /__emulator/faults': {
          const specs = (Array.isArray(body) ? body : [body]) as FaultSpec[];
          return ok({ ids: specs.map((s) => d.faults.add(s)) });
        }
        case 'GET /__emulator/faults':
          return ok({ faults: d.faults.list(), fired: d.faults.log });
        case 'DELETE /__emulator/faults':
          d.faults.clear();
          return ok({ cleared: true });
        case 'POST /__emulator/clock':
          if (typeof body.advanceMs === 'number') d.clock.advance(body.advanceMs);
          else if (body.set !== undefined) d.clock.set(body.set as string | number);
          else return bad(400, 'expected {advanceMs} or {set}');
          d.state.tick();
          return ok({ now: d.clock.now().toISOString() });
        case 'GET /__emulator/clock':
          return ok({ now: d.clock.now().toISOString() });
        case 'POST /__emulator/reset': {
          const seed = (body.seed as SeedName | undefined) ?? 'demo';
          if (!['demo', 'large', 'empty'].includes(seed)) return bad(400, 'seed must be demo, large or empty');
          d.reset(seed, body.large as LargeOptions | undefined);
          return ok({ seed });
        }
        case 'GET /__emulator/ledger':
          return ok({ entries: d.ledger.entries() });
        case 'GET /__emulator/state': {
          const provider = q.get('provider') as Provider | null;
          if (provider !== 'volcengine' && provider !== 'aliyun') return bad(400, 'provider must be volcengine or aliyun');
          return ok(dumpState(d.state, provider, q.get('region') ?? undefined, q.get('accessKeyId') ?? undefined));
        }
        case 'POST /__emulator/flags':
          applyFlags(d.state, body as FlagSpec);
          return ok({ applied: true });
        case 'GET /__emulator/requests': {
          const filter = {
            provider: (q.get('provider') ?? undefined) as Provider | undefined,
            region: q.get('region') ?? undefined,
            action: q.get('action') ?? undefined,
          };
          return ok({ total: d.requests.total(filter), requests: d.requests.list(filter) });
        }
        case 'DELETE /__emulator/requests':
          d.requests.clear();
          return ok({ cleared: true });
        case 'GET /__emulator/transitions':
          return ok({ delayMs: d.state.transitionDelayMs });
        case 'POST /__emulator/transitions':
          if (!(typeof body.delayMs === 'number' && body.delayMs >= 0)) return bad(400, 'expected {delayMs} >= 0');
          d.state.transitionDelayMs = body.delayMs;
          return ok({ delayMs: d.state.transitionDelayMs });
        case 'GET /__emulator/network':
        case 'POST /__emulator/network': {
          if (!d.network) return bad(404, 'no network settings');
          if (req.method === 'POST') d.network.configure(body as NetworkSpec);
          return ok({ delayMs: d.network.delayMs, rateLimit: d.network.rateLimit ?? null, stats: d.network.stats() });
        }
        case 'POST /__emulator/instances':
          return ok({ ids: addInstances(d.state, body as unknown as InstancesSpec) });
        default:
          return bad(404, `unknown control route ${route}`);
      }
    } catch (e) {
      return bad(400, (e as Error).message);
    }
  };
}
