/** Alibaba Cloud ECS client (API 2014-05-26) for reserved-instance coupons: RPC signature V1. */
import type * as z from 'zod/mini';
import { callWithRetry } from '../http/call';
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
import { learnInstanceTypes } from '../rules/computing-power';
import {
  validateModifyReservedInstancesInput,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../rules/validation';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../sign/aliyun';
import { flattenParams, type ParamValue } from '../sign/encode';
import { RegionEndpoints } from './aliyunEndpoints';
import { listReservedInstances, PAGE_SIZE, type ReservedInstancePageOptions } from './aliyunListing';
import {
  followModify,
  settleLostModify,
  type ReservedInstanceWatch,
  type ModifyFollowOptions,
  type ModifyFollowResult,
  type ModifyReservedInstancesResult,
  type PollOptions,
} from './aliyunModify';
import { BaseClient, callSecrets, uniqueBy, type ClientOptions, type NumberedPage } from './common';

export type { ModifyReservedInstancesInput, ReservedInstanceConfiguration };
export type { ModifyFollowOptions, ModifyFollowResult, ModifyReservedInstancesResult, PollOptions };
export { MODIFY_FOLLOW_DEFAULTS, MODIFY_RECONCILE_DEFAULTS } from './aliyunModify';

const VERSION = '2014-05-26';
/** DescribeInstanceTypes: MaxResults up to 1600; pages followed at most this many times. */
const TYPES_PAGE_SIZE = 1600;
const MAX_TYPE_PAGES = 20;
/** Cached DescribeInstanceTypes answers per client: how many (region, family) entries, and for how long. */
const TYPE_CACHE_ENTRIES = 64;
const TYPE_CACHE_MS = 6 * 3600_000;

interface CallOpts {
  signal?: AbortSignal;
  priority?: number;
  method?: 'GET' | 'POST';
  replay?: 'safe' | 'not-after-send';
}

export class AliyunClient extends BaseClient {
  /** RegionEndpoint per region, learnt from DescribeRegions (looked up once when a region's is not known). */
  private readonly endpoints = new RegionEndpoints((signal) => this.describeRegions({ signal }), this.now);

  constructor(options: ClientOptions) {
    super('aliyun', options);
  }

  /** Regions that sell reserved instances (central endpoint). Their RegionEndpoint is used for later calls. */
  async describeRegions(o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunRegion[]> {
    const params = { ResourceType: 'reservedinstance', AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeRegions', 'central', params, DescribeRegionsResponse, o);
    const regions = uniqueBy(value.Regions.Region, (r) => r.RegionId);
    this.endpoints.learn(regions);
    return regions;
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
    return this.endpoints.get(region);
  }

  async describeZones(region: string, o: { signal?: AbortSignal; acceptLanguage?: 'zh-CN' | 'en-US' } = {}): Promise<AliyunZone[]> {
    const params = { RegionId: region, AcceptLanguage: o.acceptLanguage };
    const { value } = await this.call('DescribeZones', region, params, DescribeZonesResponse, o);
    return uniqueBy(value.Zones.Zone, (z) => z.ZoneId);
  }

  async describeReservedInstancesPage(region: string, o: ReservedInstancePageOptions = {}): Promise<NumberedPage<AliyunReservedInstance>> {
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
    const page = (r: string, p: ReservedInstancePageOptions) => this.describeReservedInstancesPage(r, p);
    return listReservedInstances(
      { page, listLimits: this.options.listLimits, maxInFlight: this.transport.settings.maxInFlight },
      region,
      o,
    );
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
      return settleLostModify(this.watch(), e, region, input, sentAt, o);
    }
  }

  /**
   * Follows an accepted ModifyReservedInstances (it is asynchronous) with DescribeReservedInstances by ID until
   * the sources are Inactive and the new coupons Active, the change visibly failed, the wait ended or the signal
   * fired. Never throws for a failed poll: the next poll tries again; the result carries the last error.
   */
  async followModify(
    region: string,
    sourceIds: readonly string[],
    newIds: readonly string[],
    o: ModifyFollowOptions = {},
  ): Promise<ModifyFollowResult> {
    return followModify(this.watch(), region, sourceIds, newIds, o);
  }

  /** What the Modify follow-up uses of this client: its coupon listing, clock and the transport's timer. */
  private watch(): ReservedInstanceWatch {
    return { list: (region, o) => this.describeReservedInstances(region, o), now: this.now, sleep: this.transport.settings.sleep };
  }

  /** One signed RPC call with retries; a fresh nonce and timestamp on every attempt. Region 'central' = ecs.aliyuncs.com. */
  private async call<S extends z.ZodMiniType>(
    action: string,
    region: string,
    params: Record<string, ParamValue>,
    schema: S,
    o: CallOpts,
  ): Promise<{ value: z.output<S>; requestId: string }> {
    return this.refreshingOnExpiry(async () => {
      const credentials = await this.credentials(action, region);
      const base = (await this.endpoints.baseUrl(region, this.endpoint, o.signal)).replace(/\/+$/, '');
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
            method,
            action,
            version: VERSION,
            params: flat,
            credentials,
            nonce: newNonce(),
            timestamp: aliyunTimestamp(this.now()),
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
    });
  }
}
