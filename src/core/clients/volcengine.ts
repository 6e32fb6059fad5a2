/** Volcengine ECS client (API 2020-04-01): GET, every parameter in the query, HMAC-SHA256 header signature. */
import type * as z from 'zod/mini';
import { volcengineBaseUrl } from '../endpoints';
import { callWithRetry } from '../http/call';
import { volcengineBody } from '../http/envelopes';
import type { RawRequest, RawResponse } from '../http/transport';
import { parseResponse } from '../schemas/parse';
import {
  DeleteInstancesResponse,
  DeleteScheduledInstanceResponse,
  DescribeInstancesResponse,
  DescribeRegionsResponse,
  DescribeScheduledInstancesResponse,
  DescribeZonesResponse,
  type VolcInstance,
  type VolcRegion,
  type VolcScheduledInstance,
  type VolcZone,
} from '../schemas/volcengine';
import { flattenParams, type ParamValue } from '../sign/encode';
import { signVolcengine } from '../sign/volcengine';
import {
  validateClientToken,
  validateDenseIds,
  validateInstanceIds,
  validateScheduledInstanceId,
  MAX_INSTANCE_IDS_PER_CALL,
} from '../rules/validation';
import { runBatch, type BatchResult } from '../batch';
import {
  BaseClient,
  callSecrets,
  cancelledError,
  checkPageToken,
  chunk,
  Listing,
  newClientToken,
  uniqueBy,
  type ClientOptions,
  type Page,
} from './common';
import { afterWrite, operationResults, type DeleteInstancesResult } from './volcengineBatch';

export type { InstanceOutcome, DeleteInstancesResult } from './volcengineBatch';

const VERSION = '2020-04-01';
const SERVICE = 'ecs';
/** Empty pages in a row, each with a new NextToken, after which the listing is refused as malformed. */
const MAX_EMPTY_PAGES = 3;
/** A request signed ahead is sent as signed only within this age (X-Date is accepted for 15 minutes). */
const PRESIGNED_MAX_AGE_MS = 60_000;
/** Regions whose parsed endpoint a client keeps (there are a few dozen). */
const MAX_CACHED_REGIONS = 256;

interface CallOpts {
  signal?: AbortSignal;
  clientToken?: string;
  priority?: number;
}

/** A prepared call: sends it (with retries); `secrets` are the ones its error texts are scrubbed of. */
type Run<T> = (() => Promise<T>) & { readonly secrets: readonly string[] };

export class VolcengineClient extends BaseClient {
  private readonly bases = new Map<string, { host: string; origin: string; path: string }>();

  constructor(options: ClientOptions) {
    super('volcengine', options);
  }

  async describeRegions(o: { signal?: AbortSignal } = {}): Promise<VolcRegion[]> {
    // The gateway serves every region; sign for the SDK's default region.
    const region = 'cn-beijing';
    const ctx = { provider: 'volcengine' as const, action: 'DescribeRegions', region };
    return this.allPages(
      this.listing(ctx, (r: VolcRegion) => r.RegionId),
      o.signal,
      async (nextToken) => {
        const { value, requestId } = await this.call(
          'DescribeRegions',
          region,
          { MaxResults: 20, NextToken: nextToken },
          DescribeRegionsResponse,
          o,
        );
        return { items: value.Result.Regions, nextToken: checkPageToken(ctx, value.Result.NextToken, 'Result.NextToken', requestId) };
      },
    );
  }

  async describeZones(region: string, o: { signal?: AbortSignal } = {}): Promise<VolcZone[]> {
    const { value } = await this.call('DescribeZones', region, {}, DescribeZonesResponse, o);
    return uniqueBy(value.Result.Zones, (z) => z.ZoneId);
  }

  async describeInstancesPage(
    region: string,
    o: { maxResults?: number; nextToken?: string; signal?: AbortSignal; instanceIds?: string[]; priority?: number } = {},
  ): Promise<Page<VolcInstance>> {
    const params = { MaxResults: o.maxResults ?? 100, NextToken: o.nextToken || undefined, InstanceIds: o.instanceIds };
    const { value, requestId } = await this.call('DescribeInstances', region, params, DescribeInstancesResponse, o);
    const ctx = { provider: 'volcengine' as const, action: 'DescribeInstances', region };
    return { items: value.Result.Instances, nextToken: checkPageToken(ctx, value.Result.NextToken, 'Result.NextToken', requestId) };
  }

  async describeInstances(
    region: string,
    o: { signal?: AbortSignal; instanceIds?: string[]; priority?: number } = {},
  ): Promise<VolcInstance[]> {
    if (o.instanceIds && o.instanceIds.length === 0) return [];
    if (o.instanceIds) validateDenseIds(o.instanceIds, 'InstanceIds', { provider: 'volcengine', action: 'DescribeInstances', region });
    const groups = o.instanceIds ? chunk([...new Set(o.instanceIds)], MAX_INSTANCE_IDS_PER_CALL) : [undefined];
    // One listing across the groups: an instance is listed once, and the page bound covers them all.
    const list = this.listing({ provider: 'volcengine', action: 'DescribeInstances', region }, (i: VolcInstance) => i.InstanceId);
    for (const ids of groups) {
      await this.allPages(list, o.signal, (nextToken) =>
        this.describeInstancesPage(region, { nextToken, signal: o.signal, instanceIds: ids, priority: o.priority }),
      );
    }
    return list.items;
  }

  async describeScheduledInstancesPage(
    region: string,
    o: { maxResults?: number; nextToken?: string; signal?: AbortSignal; priority?: number } = {},
  ): Promise<Page<VolcScheduledInstance>> {
    const params = { MaxResults: o.maxResults ?? 100, NextToken: o.nextToken || undefined };
    const { value, requestId } = await this.call('DescribeScheduledInstances', region, params, DescribeScheduledInstancesResponse, o);
    const ctx = { provider: 'volcengine' as const, action: 'DescribeScheduledInstances', region };
    return {
      items: value.Result.ScheduledInstanceInfo,
      nextToken: checkPageToken(ctx, value.Result.NextToken, 'Result.NextToken', requestId),
    };
  }

  async describeScheduledInstances(region: string, o: { signal?: AbortSignal; priority?: number } = {}): Promise<VolcScheduledInstance[]> {
    const list = this.listing(
      { provider: 'volcengine', action: 'DescribeScheduledInstances', region },
      (r: VolcScheduledInstance) => r.ScheduledInstanceId,
    );
    return this.allPages(list, o.signal, (nextToken) =>
      this.describeScheduledInstancesPage(region, { nextToken, signal: o.signal, priority: o.priority }),
    );
  }

  /**
   * Deletes instances in calls of at most 100 IDs, each with its own ClientToken (reused on its retries).
   * Never throws for per-call failures: every ID gets exactly one outcome. Throws only for invalid input.
   */
  async deleteInstances(
    region: string,
    instanceIds: string[],
    o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<DeleteInstancesResult> {
    const r = await this.instanceOperation('DeleteInstances', 'deleted', region, instanceIds, o);
    return {
      outcomes: r.outcomes.map(({ id, ...rest }) => ({ instanceId: id, ...rest })),
      calls: r.calls.map(({ ids, ...rest }) => ({ ...rest, instanceIds: ids })),
    };
  }

  /**
   * A batch instance action whose answer lists OperationDetails (InstanceId, Error) — DeleteInstances and its
   * siblings: `InstanceIds.N` in calls of at most 100, a ClientToken per call. One outcome per ID.
   */
  private async instanceOperation(
    action: string,
    did: string,
    region: string,
    instanceIds: string[],
    o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; params?: Record<string, ParamValue> },
  ): Promise<BatchResult> {
    validateInstanceIds(instanceIds, { provider: 'volcengine', action, region });
    return runBatch({
      ids: instanceIds,
      chunkSize: MAX_INSTANCE_IDS_PER_CALL,
      signal: o.signal,
      onProgress: o.onProgress,
      did,
      yieldBeforePrepare: afterWrite,
      prepare: async (ids, clientToken, signal) => {
        const run = await this.prepare(
          action,
          region,
          { ...o.params, InstanceIds: ids, ClientToken: clientToken },
          DeleteInstancesResponse,
          { signal, clientToken },
        );
        return async () => {
          const { value, requestId } = await run();
          return { requestId, results: operationResults(ids, value.Result.OperationDetails, run.secrets, did) };
        };
      },
    });
  }

  /**
   * Cancels reservations: one DeleteScheduledInstance call per ID (the API takes one), each with its own
   * ClientToken. Every ID gets exactly one outcome; throws only for invalid input.
   */
  async deleteScheduledInstances(
    region: string,
    scheduledInstanceIds: string[],
    o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<BatchResult> {
    const ctx = { provider: 'volcengine' as const, action: 'DeleteScheduledInstance', region };
    validateDenseIds(scheduledInstanceIds, 'ScheduledInstanceId', ctx);
    for (const id of scheduledInstanceIds) validateScheduledInstanceId(id, ctx);
    return runBatch({
      ids: scheduledInstanceIds,
      chunkSize: 1,
      signal: o.signal,
      onProgress: o.onProgress,
      did: 'cancelled',
      yieldBeforePrepare: afterWrite,
      prepare: async (ids, clientToken, signal) => {
        const params = { ScheduledInstanceId: ids[0], ClientToken: clientToken };
        const run = await this.prepare('DeleteScheduledInstance', region, params, DeleteScheduledInstanceResponse, { signal, clientToken });
        return async () => ({ requestId: (await run()).requestId, results: [{ ok: true }] });
      },
    });
  }

  /** Cancels a reservation. One ClientToken (given or generated) covers every retry. */
  async deleteScheduledInstance(
    region: string,
    scheduledInstanceId: string,
    o: { signal?: AbortSignal; clientToken?: string } = {},
  ): Promise<{ requestId: string; clientToken: string }> {
    const ctx = { provider: 'volcengine' as const, action: 'DeleteScheduledInstance', region };
    validateScheduledInstanceId(scheduledInstanceId, ctx);
    const clientToken = o.clientToken ?? newClientToken();
    validateClientToken(clientToken, ctx);
    const { requestId } = await this.call(
      'DeleteScheduledInstance',
      region,
      { ScheduledInstanceId: scheduledInstanceId, ClientToken: clientToken },
      DeleteScheduledInstanceResponse,
      { signal: o.signal, clientToken },
    );
    return { requestId, clientToken };
  }

  private listing<T>(ctx: { provider: 'volcengine'; action: string; region: string }, idOf: (item: T) => string): Listing<T> {
    return new Listing(ctx, idOf, this.options.listLimits);
  }

  /**
   * Follows NextToken until it is empty, into `list` (each ID once). Ends with PagingLoop when a page brings no
   * new item, a token comes back, or empty pages keep coming; with PagingLimit past the page or item bound.
   */
  private async allPages<T>(
    list: Listing<T>,
    signal: AbortSignal | undefined,
    page: (nextToken?: string) => Promise<Page<T>>,
  ): Promise<T[]> {
    let token: string | undefined;
    let empty = 0; // empty pages in a row that still have a NextToken
    list.newSequence();
    for (;;) {
      if (signal?.aborted) throw cancelledError('volcengine', list.ctx.action, list.ctx.region);
      list.beforePage();
      const p = await page(token);
      const fresh = list.add(p.items);
      if (!p.nextToken) return list.items;
      if (p.items.length > 0 && fresh === 0) throw list.repeated('Result.NextToken');
      empty = p.items.length === 0 ? empty + 1 : 0;
      if (empty > MAX_EMPTY_PAGES) throw list.emptyPages(empty, 'Result.NextToken');
      list.token(p.nextToken, 'Result.NextToken');
      token = p.nextToken;
    }
  }

  /** One signed GET with retries; returns the parsed body and its RequestId. */
  private async call<S extends z.ZodMiniType>(
    action: string,
    region: string,
    params: Record<string, ParamValue>,
    schema: S,
    o: CallOpts,
  ): Promise<{ value: z.output<S>; requestId: string }> {
    return this.refreshingOnExpiry(async () => (await this.prepare(action, region, params, schema, o))());
  }

  /** The endpoint of a region, checked and parsed once per region (only a region that passed the checks is kept). */
  private baseOf(region: string): { host: string; origin: string; path: string } {
    let b = this.bases.get(region);
    if (b === undefined) {
      const u = new URL(volcengineBaseUrl(region, this.endpoint));
      b = { host: u.host, origin: u.origin, path: u.pathname || '/' };
      if (this.bases.size >= MAX_CACHED_REGIONS) this.bases.clear();
      this.bases.set(region, b);
    }
    return b;
  }

  /**
   * Resolves credentials and signs the first attempt now; the returned function sends it (with retries, each
   * re-signed). The first attempt is re-signed too if it is sent more than a minute after it was signed.
   */
  private async prepare<S extends z.ZodMiniType>(
    action: string,
    region: string,
    params: Record<string, ParamValue>,
    schema: S,
    o: CallOpts,
  ): Promise<Run<{ value: z.output<S>; requestId: string }>> {
    const credentials = await this.credentials(action, region);
    const base = this.baseOf(region);
    const path = base.path;
    const query = flattenParams({ Action: action, Version: VERSION, ...params });
    // Error texts are scrubbed of the secret, the token and the signature of the attempt being answered.
    const secrets = callSecrets(credentials);
    const ctx = { provider: 'volcengine' as const, action, region, secrets: secrets.list };
    const sign = (): RawRequest & { at: number } => {
      const now = this.now();
      const signed = signVolcengine({ method: 'GET', host: base.host, path, query, region, service: SERVICE, credentials, now });
      const auth = signed.headers.Authorization;
      secrets.setExtra(auth, auth && /Signature=([0-9a-fA-F]+)/.exec(auth)?.[1]);
      return { method: 'GET', url: `${base.origin}${path}?${signed.query}`, headers: signed.headers, at: now.getTime() };
    };
    let first: (RawRequest & { at: number }) | undefined = sign();
    const run = () =>
      callWithRetry(this.transport, {
        ...ctx,
        clientToken: o.clientToken,
        // Describes are reads; the deletes carry a ClientToken, so a resend cannot act twice.
        replay: 'safe',
        signal: o.signal,
        priority: o.priority ?? this.options.priority,
        onCall: this.options.onCall,
        build: () => {
          const r = first && this.now().getTime() - first.at < PRESIGNED_MAX_AGE_MS ? first : sign();
          first = undefined;
          return { method: r.method, url: r.url, headers: r.headers };
        },
        parse: (res: RawResponse) => {
          const value = parseResponse(schema, volcengineBody(res, ctx), { ...ctx, httpStatus: res.status });
          return { value, requestId: (value as { ResponseMetadata: { RequestId: string } }).ResponseMetadata.RequestId };
        },
      });
    return Object.assign(run, { secrets: secrets.list as readonly string[] });
  }
}
