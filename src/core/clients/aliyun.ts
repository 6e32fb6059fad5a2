/** Alibaba Cloud ECS client (API 2014-05-26) for reserved-instance coupons: RPC signature V1. */
import type * as z from 'zod/mini';
import { CloudError, LocalCodes } from '../errors';
import { aliyunBaseUrl, aliyunRegionEndpoint } from '../endpoints';
import { callWithRetry } from '../http/call';
import { abortableSleep } from '../sleep';
import { aliyunBody } from '../http/envelopes';
import type { RawRequest, RawResponse } from '../http/transport';
import { parseResponse } from '../schemas/parse';
import {
  DescribeInstanceTypesResponse,
  DescribeRegionsResponse,
  DescribeReservedInstancesResponse,
  DescribeZonesResponse,
  ModifyReservedInstancesResponse,
  type AliyunInstanceType,
  type AliyunRegion,
  type AliyunReservedInstance,
  type AliyunZone,
} from '../schemas/aliyun';
import { instanceFamily, learnInstanceTypes } from '../rules/computing-power';
import {
  validateDenseIds,
  validateModifyReservedInstancesInput,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../rules/validation';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../sign/aliyun';
import { flattenParams, type ParamValue } from '../sign/encode';
import { BaseClient, callSecrets, cancelledError, chunk, Listing, uniqueBy, type ClientOptions, type NumberedPage } from './common';

export type { ModifyReservedInstancesInput, ReservedInstanceConfiguration };

const VERSION = '2014-05-26';
const PAGE_SIZE = 100;
/** A failed RegionEndpoint lookup (DescribeRegions) is tried again after this long. */
const ENDPOINT_RETRY_MS = 10 * 60_000;
/** DescribeInstanceTypes: MaxResults up to 1600; pages followed at most this many times. */
const TYPES_PAGE_SIZE = 1600;
const MAX_TYPE_PAGES = 20;
/** Cached DescribeInstanceTypes answers per client: how many (region, family) entries, and for how long. */
const TYPE_CACHE_ENTRIES = 64;
const TYPE_CACHE_MS = 6 * 3600_000;
/** DescribeReservedInstances accepts up to 100 ReservedInstanceId.N. */
const MAX_IDS_PER_DESCRIBE = 100;

export interface ModifyReservedInstancesResult {
  requestId?: string;
  newReservedInstanceIds: string[];
  /**
   * 'confirmed': the API accepted the request (it is asynchronous: submitted, not done; see followModify).
   * 'reconciled': the answer was lost; DescribeReservedInstances showed the sources Updating/Inactive and these
   * new IDs. 'not-applied': the answer was lost and, over the whole reconciliation window, nothing changed.
   */
  outcome: 'confirmed' | 'reconciled' | 'not-applied';
  /** When the answer was lost: the error that lost it (its code, RequestId and message). */
  lostAnswer?: { code: string; message: string; httpStatus?: number; requestId?: string };
}

/** Bounded polling: period, longest wait, and the timer (tests inject one driven by their clock). */
export interface PollOptions {
  signal?: AbortSignal;
  intervalMs?: number;
  maxMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock the wait is measured on (default: the client's; signing always uses the client's). */
  now?: () => Date;
}

export interface ModifyFollowOptions extends PollOptions {
  /** How long new coupons may stay unlisted (and the sources Active) before the change counts as failed. */
  appearMs?: number;
  /** After each poll (progress). */
  onPoll?: (state: ModifyFollowResult) => void;
}

export interface ModifyFollowResult {
  /**
   * 'applied': the sources are Inactive (or Retired) and the new coupons Active. 'failed': the sources are Active
   * again (or never left Active) and the new coupons did not appear within `appearMs`. 'pending': still changing
   * when the wait ended (or the coupons could not be read). 'cancelled': we stopped following; the change goes on.
   */
  outcome: 'applied' | 'failed' | 'pending' | 'cancelled';
  sources: { id: string; status?: string }[];
  created: { id: string; status?: string }[];
  polls: number;
  elapsedMs: number;
  /** The last DescribeReservedInstances failure, when the last poll failed. */
  lastError?: CloudError;
}

/** Defaults: new coupons take effect at the start of the next hour, so a change is followed up to 75 minutes. */
export const MODIFY_FOLLOW_DEFAULTS = { intervalMs: 30_000, maxMs: 75 * 60_000, appearMs: 10 * 60_000 };
/** A lost Modify answer is looked for over this window before "not applied" (the change can appear late). */
export const MODIFY_RECONCILE_DEFAULTS = { intervalMs: 15_000, maxMs: 2 * 60_000 };

const SOURCE_DONE = new Set(['Inactive', 'Retired']);

interface CallOpts {
  signal?: AbortSignal;
  priority?: number;
  method?: 'GET' | 'POST';
  replay?: 'safe' | 'not-after-send';
}

/**
 * A 2xx answer to ModifyReservedInstances that could not be read (truncated, compressed, too large): the request was
 * accepted and may have been applied, so it is outcome-unknown, never a malformed answer that invites a retry.
 */
function acceptedUnread(e: CloudError): CloudError {
  return new CloudError({
    kind: 'outcome-unknown',
    provider: 'aliyun',
    action: e.action,
    region: e.region,
    code: LocalCodes.outcomeUnknown,
    message: `ModifyReservedInstances was answered with HTTP ${e.httpStatus} but the answer could not be read ([${e.code}] ${e.message}); it may have been applied. Check the reserved instances before trying again.`,
    httpStatus: e.httpStatus,
    requestId: e.requestId,
    sent: true,
    cause: e,
  });
}

export class AliyunClient extends BaseClient {
  /** RegionEndpoint per region, from DescribeRegions (aliyuncs.com hosts only). */
  private readonly regionEndpoints = new Map<string, string>();
  /** The one DescribeRegions that learns the endpoints, while it runs (and after it succeeded). */
  private endpointLookup: Promise<void> | undefined;
  /** When the last lookup failed: the next is tried only after ENDPOINT_RETRY_MS (no extra call per request). */
  private endpointLookupFailedAt = -Infinity;

  constructor(options: ClientOptions) {
    super('aliyun', options);
  }

  /** Regions that sell reserved instances (central endpoint). Their RegionEndpoint is used for later calls. */
  async describeRegions(o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunRegion[]> {
    const params = { ResourceType: 'reservedinstance', AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeRegions', 'central', params, DescribeRegionsResponse, o);
    const regions = uniqueBy(value.Regions.Region, (r) => r.RegionId);
    this.learnEndpoints(regions);
    return regions;
  }

  private learnEndpoints(regions: readonly AliyunRegion[]): void {
    for (const r of regions) {
      const host = aliyunRegionEndpoint(r.RegionEndpoint);
      if (host && this.regionEndpoints.size < 1000) this.regionEndpoints.set(r.RegionId, host);
    }
  }

  /**
   * Base URL of a region: the override, else the RegionEndpoint DescribeRegions gave (looked up once per client
   * when not known yet: finance and government regions do not follow `ecs.<region>.aliyuncs.com`), else the
   * SDK's map and the pattern (aliyunBaseUrl). A failed lookup falls back and is tried again 10 minutes later.
   */
  private async baseUrl(region: string, signal?: AbortSignal): Promise<string> {
    if (this.endpoint || region === 'central') return aliyunBaseUrl(region, this.endpoint);
    aliyunBaseUrl(region); // a bad region ID fails here, before any lookup
    const retryDue = this.now().getTime() - this.endpointLookupFailedAt >= ENDPOINT_RETRY_MS;
    if (!this.regionEndpoints.has(region) && !this.endpointLookup && retryDue) {
      const lookup = this.describeRegions({ signal }).then(
        () => undefined,
        () => {
          this.endpointLookupFailedAt = this.now().getTime();
          if (this.endpointLookup === lookup) this.endpointLookup = undefined;
        },
      );
      this.endpointLookup = lookup;
    }
    if (!this.regionEndpoints.has(region) && this.endpointLookup) await this.endpointLookup;
    return aliyunBaseUrl(region, undefined, this.regionEndpoints.get(region));
  }

  private readonly typeCache = new Map<string, { at: number; value: Promise<AliyunInstanceType[]> }>();

  /**
   * Instance types of a family (DescribeInstanceTypes, InstanceTypeFamily; all types when omitted), every page.
   * Cached per region and family for a few hours (at most TYPE_CACHE_ENTRIES entries); a failed call is not cached.
   */
  async describeInstanceTypes(region: string, o: { family?: string; signal?: AbortSignal } = {}): Promise<AliyunInstanceType[]> {
    const key = `${region}\n${o.family ?? ''}`;
    const now = this.now().getTime();
    const hit = this.typeCache.get(key);
    if (hit && now - hit.at < TYPE_CACHE_MS) return hit.value;
    const value = this.fetchInstanceTypes(region, o.family, o.signal);
    this.typeCache.delete(key);
    while (this.typeCache.size >= TYPE_CACHE_ENTRIES) this.typeCache.delete(this.typeCache.keys().next().value as string);
    this.typeCache.set(key, { at: now, value });
    value.catch(() => {
      if (this.typeCache.get(key)?.value === value) this.typeCache.delete(key);
    });
    return value;
  }

  private async fetchInstanceTypes(region: string, family: string | undefined, signal?: AbortSignal): Promise<AliyunInstanceType[]> {
    const out: AliyunInstanceType[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_TYPE_PAGES; page++) {
      const params = { InstanceTypeFamily: family, MaxResults: TYPES_PAGE_SIZE, NextToken: token };
      const { value } = await this.call('DescribeInstanceTypes', region, params, DescribeInstanceTypesResponse, { signal });
      for (const t of value.InstanceTypes.InstanceType) {
        if (out.length >= MAX_TYPE_PAGES * TYPES_PAGE_SIZE) break;
        out.push(t);
      }
      token = value.NextToken || undefined;
      // No token, or one seen before (a server that loops): the list is complete as far as it goes.
      if (!token || seen.has(token)) break;
      seen.add(token);
    }
    learnInstanceTypes(out);
    return out;
  }

  /** The endpoint host this client uses for a region now (tests, diagnostics). */
  knownRegionEndpoint(region: string): string | undefined {
    return this.regionEndpoints.get(region);
  }

  async describeZones(region: string, o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunZone[]> {
    const params = { RegionId: region, AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeZones', region, params, DescribeZonesResponse, o);
    return uniqueBy(value.Zones.Zone, (z) => z.ZoneId);
  }

  async describeReservedInstancesPage(
    region: string,
    o: { pageNumber?: number; pageSize?: number; signal?: AbortSignal; reservedInstanceIds?: string[]; priority?: number } = {},
  ): Promise<NumberedPage<AliyunReservedInstance>> {
    const pageNumber = o.pageNumber ?? 1;
    const pageSize = o.pageSize ?? PAGE_SIZE;
    const params = { RegionId: region, PageNumber: pageNumber, PageSize: pageSize, ReservedInstanceId: o.reservedInstanceIds };
    const { value } = await this.call('DescribeReservedInstances', region, params, DescribeReservedInstancesResponse, o);
    const items = value.ReservedInstances.ReservedInstance;
    // No total in the body: assume more pages while pages come back full.
    const totalCount = value.TotalCount ?? value.Total ?? (items.length < pageSize ? (pageNumber - 1) * pageSize + items.length : Infinity);
    return { items, pageNumber: value.PageNumber ?? pageNumber, pageSize: value.PageSize ?? pageSize, totalCount };
  }

  async describeReservedInstances(
    region: string,
    o: { signal?: AbortSignal; reservedInstanceIds?: string[]; priority?: number } = {},
  ): Promise<AliyunReservedInstance[]> {
    if (o.reservedInstanceIds && o.reservedInstanceIds.length === 0) return [];
    const ctx = { provider: 'aliyun' as const, action: 'DescribeReservedInstances', region };
    if (o.reservedInstanceIds) validateDenseIds(o.reservedInstanceIds, 'ReservedInstanceId', ctx);
    const groups = o.reservedInstanceIds ? chunk([...new Set(o.reservedInstanceIds)], MAX_IDS_PER_DESCRIBE) : [undefined];
    // One listing across the groups: each coupon once, the page and item bounds over them all. A page of only
    // coupons already listed, while TotalCount says more follow, is a server ignoring PageNumber: PagingLoop.
    const list = new Listing(ctx, (r: AliyunReservedInstance) => r.ReservedInstanceId, this.options.listLimits);
    for (const ids of groups) {
      const page = (pageNumber: number) => {
        if (o.signal?.aborted) throw cancelledError('aliyun', 'DescribeReservedInstances', region);
        return this.describeReservedInstancesPage(region, { pageNumber, pageSize: PAGE_SIZE, signal: o.signal, reservedInstanceIds: ids, priority: o.priority });
      };
      /** Adds a page; true when the listing of this group ended. */
      let got = 0;
      const take = (p: NumberedPage<AliyunReservedInstance>): boolean => {
        const fresh = list.add(p.items);
        got += p.items.length;
        if (p.items.length === 0 || got >= p.totalCount) return true;
        if (fresh === 0) throw list.repeated('TotalCount');
        return false;
      };
      list.beforePage();
      const first = await page(1);
      if (take(first)) continue;
      let next = 2;
      // Page 1 gave the total: fetch the other pages in parallel (the transport bounds the requests in flight),
      // no further than the page bound allows; a page of only known coupons stops new ones from starting.
      if (Number.isFinite(first.totalCount) && first.pageSize > 0) {
        const last = Math.min(Math.ceil(first.totalCount / first.pageSize), next - 1 + list.pagesLeft);
        const fetched = new Set<string>(); // IDs of the pages fetched here, not yet in the listing
        const known = (p: NumberedPage<AliyunReservedInstance>) => {
          let fresh = false;
          for (const r of p.items) {
            const id = r.ReservedInstanceId;
            if (!list.has(id) && !fetched.has(id)) fresh = true;
            fetched.add(id);
          }
          return !fresh;
        };
        const pages = await this.pagesInParallel(next, last, page, (p) => p.items.length === 0 || known(p));
        let ended = false;
        for (const p of pages) {
          if (p === undefined) break;
          next++;
          if ((ended = take(p))) break;
        }
        if (ended) continue;
      }
      // No total, or the listing grew meanwhile: one page after another until a short or empty page.
      for (let pageNumber = next; ; pageNumber++) {
        list.beforePage();
        if (take(await page(pageNumber))) break;
      }
    }
    return list.items;
  }

  /**
   * Pages from..to, in order, by at most maxInFlight workers. After a failure no new page starts; once the
   * started ones settle, the error of the lowest failed page is thrown. After a page that `isLast` (empty: a
   * TotalCount larger than the list) no later page starts; the ones already started are returned too.
   */
  private async pagesInParallel<T>(from: number, to: number, page: (n: number) => Promise<T>, isLast: (p: T) => boolean): Promise<T[]> {
    const results: T[] = [];
    const errors = new Map<number, unknown>();
    let nextPage = from;
    let end = to;
    const worker = async (): Promise<void> => {
      while (nextPage <= end && errors.size === 0) {
        const n = nextPage++;
        try {
          const r = await page(n);
          results[n - from] = r;
          if (isLast(r)) end = Math.min(end, n);
        } catch (e) {
          errors.set(n, e);
        }
      }
    };
    const workers = Math.max(1, Math.min(this.transport.settings.maxInFlight, to - from + 1));
    await Promise.all(Array.from({ length: workers }, worker));
    if (errors.size) throw errors.get(Math.min(...errors.keys()));
    return results;
  }

  /**
   * Splits, merges or changes the scope of reserved instances. Never resent once it may have reached the
   * server: when the answer is lost, DescribeReservedInstances tells what happened.
   */
  async modifyReservedInstances(
    region: string,
    input: ModifyReservedInstancesInput,
    o: { signal?: AbortSignal; reconcile?: PollOptions } = {},
  ): Promise<ModifyReservedInstancesResult> {
    validateModifyReservedInstancesInput(input, { region });
    const params: Record<string, ParamValue> = {
      RegionId: region,
      ReservedInstanceId: input.reservedInstanceIds,
      Configuration: input.configurations.map((c) => ({
        InstanceType: c.instanceType,
        InstanceAmount: c.instanceAmount,
        Scope: c.scope ?? 'Region',
        ZoneId: c.zoneId,
        ReservedInstanceName: c.reservedInstanceName,
      })),
    };
    const sentAt = this.now();
    try {
      const { value, requestId } = await this.call('ModifyReservedInstances', region, params, ModifyReservedInstancesResponse, {
        signal: o.signal,
        method: 'POST',
        replay: 'not-after-send',
      });
      return { requestId, newReservedInstanceIds: value.ReservedInstanceIdSets.ReservedInstanceId, outcome: 'confirmed' };
    } catch (e) {
      if (!(e instanceof CloudError)) throw e;
      // A 2xx whose body is unreadable was accepted: find the new IDs, but never claim "not applied".
      const accepted = e.kind === 'malformed-response' && (e.httpStatus ?? 0) >= 200 && (e.httpStatus ?? 0) < 300;
      if (e.kind !== 'outcome-unknown' && !accepted) throw e;
      // Unchanged sources prove nothing when we stopped waiting (timeout, cancel): the server may still apply it.
      const stoppedWaiting = e.cause instanceof CloudError && (e.cause.kind === 'timeout' || e.cause.kind === 'cancelled');
      if (stoppedWaiting && o.signal?.aborted) throw e;
      // The change can appear late: look again over a bounded window before saying "not applied".
      const opts = { ...MODIFY_RECONCILE_DEFAULTS, sleep: this.transport.settings.sleep, ...o.reconcile, signal: o.signal ?? o.reconcile?.signal };
      let r: ModifyReservedInstancesResult | undefined;
      await this.pollLoop(opts, async () => {
        r = await this.reconcile(region, input, sentAt, opts.signal).catch(() => undefined);
        return r?.outcome === 'reconciled';
      });
      if (!r || (r.outcome === 'not-applied' && (accepted || stoppedWaiting))) throw accepted ? acceptedUnread(e) : e;
      const cause = e.cause instanceof CloudError ? e.cause : e;
      return { ...r, requestId: e.requestId, lostAnswer: { code: cause.code, message: cause.message, httpStatus: cause.httpStatus, requestId: e.requestId ?? cause.requestId } };
    }
  }

  /**
   * Polls `step` until it returns true, the signal fires or `maxMs` passed (by the client's clock). The first
   * step runs at once. Returns whether a step returned true.
   */
  private async pollLoop(o: PollOptions, step: (elapsedMs: number) => Promise<boolean>): Promise<boolean> {
    const clock = o.now ?? this.now;
    const start = clock().getTime();
    const interval = Math.max(1, o.intervalMs ?? MODIFY_FOLLOW_DEFAULTS.intervalMs);
    const max = Math.max(0, o.maxMs ?? MODIFY_FOLLOW_DEFAULTS.maxMs);
    const sleep = o.sleep ?? abortableSleep;
    // A bound on the steps too, in case the injected clock does not move.
    const maxSteps = Math.ceil(max / interval) + 1;
    for (let n = 0; n < maxSteps; n++) {
      if (o.signal?.aborted) return false;
      if (await step(clock().getTime() - start)) return true;
      if (clock().getTime() - start + interval > max) return false;
      await sleep(interval, o.signal).catch(() => undefined);
    }
    return false;
  }

  /**
   * Follows an accepted ModifyReservedInstances (it is asynchronous) with DescribeReservedInstances by ID until
   * the sources are Inactive and the new coupons Active, the change visibly failed, the wait ended or the signal
   * fired. Never throws for a failed poll: the next poll tries again; the result carries the last error.
   */
  async followModify(region: string, sourceIds: readonly string[], newIds: readonly string[], o: ModifyFollowOptions = {}): Promise<ModifyFollowResult> {
    const appearMs = o.appearMs ?? MODIFY_FOLLOW_DEFAULTS.appearMs;
    const clock = o.now ?? this.now;
    const start = clock().getTime();
    let res: ModifyFollowResult = { outcome: 'pending', sources: sourceIds.map((id) => ({ id })), created: newIds.map((id) => ({ id })), polls: 0, elapsedMs: 0 };
    let sawChange = false;
    const done = await this.pollLoop({ sleep: this.transport.settings.sleep, ...o }, async (elapsed) => {
      let list: AliyunReservedInstance[];
      try {
        list = await this.describeReservedInstances(region, { reservedInstanceIds: [...sourceIds, ...newIds], signal: o.signal });
      } catch (e) {
        res = { ...res, polls: res.polls + 1, elapsedMs: elapsed, lastError: e instanceof CloudError ? e : undefined };
        o.onPoll?.(res);
        return false;
      }
      const byId = new Map(list.map((r) => [r.ReservedInstanceId, r.Status]));
      const sources = sourceIds.map((id) => ({ id, status: byId.get(id) }));
      const created = newIds.map((id) => ({ id, status: byId.get(id) }));
      if (sources.some((x) => x.status !== 'Active') || created.some((x) => x.status)) sawChange = true;
      const applied = sources.every((x) => x.status !== undefined && SOURCE_DONE.has(x.status)) && created.every((x) => x.status === 'Active');
      const backToActive = sources.every((x) => x.status === 'Active') && created.every((x) => !x.status);
      const failed = backToActive && (sawChange || elapsed >= appearMs);
      res = { outcome: applied ? 'applied' : failed ? 'failed' : 'pending', sources, created, polls: res.polls + 1, elapsedMs: elapsed };
      o.onPoll?.(res);
      return applied || failed;
    });
    if (!done && o.signal?.aborted) res = { ...res, outcome: 'cancelled' };
    return { ...res, elapsedMs: clock().getTime() - start };
  }

  /**
   * What happened to a ModifyReservedInstances whose answer was lost. Sources Updating/Inactive → applied;
   * the new IDs are a best effort: coupons Creating/Active, not among the sources, of the requested types,
   * created at or after the minute the request was sent (CreationTime has minute precision and assumes the
   * server clock is close to ours). All sources still Active → not applied. Anything else → undefined.
   */
  private async reconcile(
    region: string,
    input: ModifyReservedInstancesInput,
    sentAt: Date,
    signal?: AbortSignal,
  ): Promise<ModifyReservedInstancesResult | undefined> {
    const all = await this.describeReservedInstances(region, { signal });
    const byId = new Map(all.map((r) => [r.ReservedInstanceId, r]));
    const sources = input.reservedInstanceIds.map((id) => byId.get(id));
    if (sources.some((s) => s && (s.Status === 'Updating' || s.Status === 'Inactive'))) {
      const sourceIds = new Set(input.reservedInstanceIds);
      const types = new Set(input.configurations.map((c) => c.instanceType));
      const families = new Set(sources.map((s) => s && instanceFamily(s.InstanceType)));
      const since = Math.floor(sentAt.getTime() / 60_000) * 60_000 - 60_000;
      const fresh = all.filter((r) => {
        if (sourceIds.has(r.ReservedInstanceId) || (r.Status !== 'Creating' && r.Status !== 'Active')) return false;
        if (!types.has(r.InstanceType) || !families.has(instanceFamily(r.InstanceType))) return false;
        const created = r.CreationTime ? Date.parse(r.CreationTime) : NaN;
        return !Number.isNaN(created) && created >= since;
      });
      return { newReservedInstanceIds: fresh.map((r) => r.ReservedInstanceId), outcome: 'reconciled' };
    }
    if (sources.every((s) => s && s.Status === 'Active')) return { newReservedInstanceIds: [], outcome: 'not-applied' };
    return undefined;
  }

  /** One signed RPC call with retries; a fresh nonce and timestamp on every attempt. Region 'central' = ecs.aliyuncs.com. */
  private async call<S extends z.ZodMiniType>(
    action: string,
    region: string,
    params: Record<string, ParamValue>,
    schema: S,
    o: CallOpts,
  ): Promise<{ value: z.output<S>; requestId: string }> {
    return this.refreshingOnExpiry(() => this.callOnce(action, region, params, schema, o));
  }

  private async callOnce<S extends z.ZodMiniType>(
    action: string,
    region: string,
    params: Record<string, ParamValue>,
    schema: S,
    o: CallOpts,
  ): Promise<{ value: z.output<S>; requestId: string }> {
    const credentials = await this.credentials(action, region);
    const base = (await this.baseUrl(region, o.signal)).replace(/\/+$/, '');
    const method = o.method ?? 'GET';
    const flat = flattenParams(params);
    // Error texts are scrubbed of the secret, the token and the signature of the attempt being answered.
    const secrets = callSecrets(credentials);
    const ctx = { provider: 'aliyun' as const, action, region, secrets: secrets.list };
    return callWithRetry(this.transport, {
      ...ctx,
      replay: o.replay ?? 'safe',
      signal: o.signal,
      priority: o.priority ?? this.options.priority,
      onCall: this.options.onCall,
      build: (): RawRequest => {
        const qs = signAliyunRpc({
          method, action, version: VERSION, params: flat, credentials, nonce: newNonce(), timestamp: aliyunTimestamp(this.now()),
        });
        const sig = qs.lastIndexOf('Signature=');
        secrets.setExtra(sig >= 0 ? decodeURIComponent(qs.slice(sig + 'Signature='.length)) : undefined);
        return method === 'GET'
          ? { method, url: `${base}/?${qs}`, headers: {} }
          : { method, url: `${base}/`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: qs };
      },
      parse: (res: RawResponse) => {
        const value = parseResponse(schema, aliyunBody(res, ctx), { ...ctx, httpStatus: res.status });
        return { value, requestId: (value as { RequestId: string }).RequestId };
      },
    });
  }
}
