/** Alibaba Cloud ECS client (API 2014-05-26) for reserved-instance coupons: RPC signature V1. */
import type * as z from 'zod/mini';
import { CloudError } from '../errors';
import { aliyunBaseUrl } from '../endpoints';
import { callWithRetry } from '../http/call';
import { aliyunBody } from '../http/envelopes';
import type { RawRequest, RawResponse } from '../http/transport';
import { parseResponse } from '../schemas/parse';
import {
  DescribeRegionsResponse,
  DescribeReservedInstancesResponse,
  DescribeZonesResponse,
  ModifyReservedInstancesResponse,
  type AliyunRegion,
  type AliyunReservedInstance,
  type AliyunZone,
} from '../schemas/aliyun';
import { instanceFamily } from '../rules/computing-power';
import {
  validateModifyReservedInstancesInput,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../rules/validation';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../sign/aliyun';
import { flattenParams, type ParamValue } from '../sign/encode';
import { BaseClient, cancelledError, chunk, type ClientOptions, type NumberedPage } from './common';

export type { ModifyReservedInstancesInput, ReservedInstanceConfiguration };

const VERSION = '2014-05-26';
const PAGE_SIZE = 100;
const MAX_PAGES = 10_000;
/** DescribeReservedInstances accepts up to 100 ReservedInstanceId.N. */
const MAX_IDS_PER_DESCRIBE = 100;

export interface ModifyReservedInstancesResult {
  requestId?: string;
  newReservedInstanceIds: string[];
  /**
   * 'confirmed': the API answered. 'reconciled': the answer was lost; DescribeReservedInstances showed the
   * sources Updating/Inactive and these new IDs. 'not-applied': the answer was lost and nothing changed.
   */
  outcome: 'confirmed' | 'reconciled' | 'not-applied';
}

interface CallOpts {
  signal?: AbortSignal;
  priority?: number;
  method?: 'GET' | 'POST';
  replay?: 'safe' | 'not-after-send';
}

export class AliyunClient extends BaseClient {
  constructor(options: ClientOptions) {
    super('aliyun', options);
  }

  /** Regions that sell reserved instances (central endpoint). */
  async describeRegions(o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunRegion[]> {
    const params = { ResourceType: 'reservedinstance', AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeRegions', 'central', params, DescribeRegionsResponse, o);
    return value.Regions.Region;
  }

  async describeZones(region: string, o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunZone[]> {
    const params = { RegionId: region, AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeZones', region, params, DescribeZonesResponse, o);
    return value.Zones.Zone;
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
    const groups = o.reservedInstanceIds ? chunk([...new Set(o.reservedInstanceIds)], MAX_IDS_PER_DESCRIBE) : [undefined];
    const out: AliyunReservedInstance[] = [];
    for (const ids of groups) {
      const page = (pageNumber: number) => {
        if (o.signal?.aborted) throw cancelledError('aliyun', 'DescribeReservedInstances', region);
        return this.describeReservedInstancesPage(region, { pageNumber, pageSize: PAGE_SIZE, signal: o.signal, reservedInstanceIds: ids, priority: o.priority });
      };
      const first = await page(1);
      out.push(...first.items);
      let got = first.items.length;
      if (first.items.length === 0 || got >= first.totalCount) continue;
      let next = 2;
      // Page 1 gave the total: fetch the other pages in parallel (the transport bounds the requests in flight).
      if (Number.isFinite(first.totalCount) && first.pageSize > 0) {
        const last = Math.min(Math.ceil(first.totalCount / first.pageSize), MAX_PAGES);
        const pages = await this.pagesInParallel(next, last, page, (p) => p.items.length === 0);
        let ended = false;
        for (const p of pages) {
          out.push(...p.items);
          got += p.items.length;
          if (p.items.length === 0 || got >= p.totalCount) {
            ended = true;
            break;
          }
        }
        if (ended) continue;
        next = last + 1;
      }
      // No total, or the listing grew meanwhile: one page after another until a short or empty page.
      for (let pageNumber = next; pageNumber <= MAX_PAGES; pageNumber++) {
        const p = await page(pageNumber);
        out.push(...p.items);
        got += p.items.length;
        if (p.items.length === 0 || got >= p.totalCount) break;
      }
    }
    return out;
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
    o: { signal?: AbortSignal } = {},
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
      const r = await this.reconcile(region, input, sentAt, o.signal).catch(() => undefined);
      // Unchanged sources prove nothing when we stopped waiting (timeout, cancel): the server may still apply it.
      const stoppedWaiting = e.cause instanceof CloudError && (e.cause.kind === 'timeout' || e.cause.kind === 'cancelled');
      if (!r || (r.outcome === 'not-applied' && (accepted || stoppedWaiting))) throw e;
      return { ...r, requestId: e.requestId };
    }
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
    const credentials = await this.credentials(action, region);
    const base = aliyunBaseUrl(region, this.endpoint).replace(/\/+$/, '');
    const method = o.method ?? 'GET';
    const flat = flattenParams(params);
    const ctx = { provider: 'aliyun' as const, action, region };
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
