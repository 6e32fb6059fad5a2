/** The RegionEndpoint of each Alibaba region, learnt from DescribeRegions (finance and government regions need it). */
import { aliyunBaseUrl, aliyunRegionEndpoint } from '../endpoints';
import type { AliyunRegion } from '../schemas/aliyun';

/** A failed RegionEndpoint lookup (DescribeRegions) is tried again after this long. */
const ENDPOINT_RETRY_MS = 10 * 60_000;
/** Regions whose endpoint one client keeps. */
const MAX_REGION_ENDPOINTS = 1000;

export class RegionEndpoints {
  /** RegionEndpoint per region, from DescribeRegions (aliyuncs.com hosts only). */
  private readonly hosts = new Map<string, string>();
  /** The one DescribeRegions that learns the endpoints, while it runs (and after it succeeded). */
  private lookup: Promise<void> | undefined;
  /** When the last lookup failed: the next is tried only after ENDPOINT_RETRY_MS (no extra call per request). */
  private lookupFailedAt = -Infinity;

  /** The client's DescribeRegions (it calls `learn` with its answer) and its clock. */
  private readonly fetchRegions: (signal?: AbortSignal) => Promise<unknown>;
  private readonly clock: () => Date;

  constructor(fetchRegions: (signal?: AbortSignal) => Promise<unknown>, clock: () => Date) {
    this.fetchRegions = fetchRegions;
    this.clock = clock;
  }

  learn(regions: readonly AliyunRegion[]): void {
    for (const r of regions) {
      const host = aliyunRegionEndpoint(r.RegionEndpoint);
      if (host && this.hosts.size < MAX_REGION_ENDPOINTS) this.hosts.set(r.RegionId, host);
    }
  }

  /** The endpoint host known for a region now. */
  get(region: string): string | undefined {
    return this.hosts.get(region);
  }

  /**
   * Base URL of a region: the override, else the RegionEndpoint DescribeRegions gave (looked up once per client
   * when not known yet: finance and government regions do not follow `ecs.<region>.aliyuncs.com`), else the
   * SDK's map and the pattern (aliyunBaseUrl). A failed lookup falls back and is tried again 10 minutes later.
   */
  async baseUrl(region: string, override: string | undefined, signal?: AbortSignal): Promise<string> {
    if (override || region === 'central') return aliyunBaseUrl(region, override);
    aliyunBaseUrl(region); // a bad region ID fails here, before any lookup
    const retryDue = this.clock().getTime() - this.lookupFailedAt >= ENDPOINT_RETRY_MS;
    if (!this.hosts.has(region) && !this.lookup && retryDue) {
      const lookup = this.fetchRegions(signal).then(
        () => undefined,
        () => {
          this.lookupFailedAt = this.clock().getTime();
          if (this.lookup === lookup) this.lookup = undefined;
        },
      );
      this.lookup = lookup;
    }
    if (!this.hosts.has(region) && this.lookup) await this.lookup;
    return aliyunBaseUrl(region, undefined, this.hosts.get(region));
  }
}
