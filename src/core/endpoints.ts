/** API base URLs, the endpoint safety check, and console links. */
import { CloudError, LocalCodes } from './errors';
import type { Provider } from './types';

export const VOLCENGINE_DEFAULT_BASE_URL = 'https://open.volcengineapi.com';
export const ALIYUN_CENTRAL_BASE_URL = 'https://ecs.aliyuncs.com';

/** Regions the Volcengine SDK sends to `ecs.<region>.volcengineapi.com` (its bootstrap list). */
export const VOLCENGINE_BOOTSTRAP_REGIONS: readonly string[] = [
  'cn-beijing-autodriving',
  'ap-southeast-2',
  'ap-southeast-3',
  'cn-shanghai-autodriving',
  'cn-beijing-selfdrive',
];

const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function configError(provider: Provider, code: string, message: string, region = ''): CloudError {
  return new CloudError({ kind: 'config', provider, action: '', region, code, message });
}

function checkRegion(provider: Provider, region: string): void {
  if (typeof region !== 'string' || region.length > 64 || !REGION_ID.test(region)) {
    const shown = JSON.stringify(String(region).slice(0, 64));
    throw configError(
      provider,
      LocalCodes.invalidEndpoint,
      `${shown} is not a valid region ID (lower-case letters, digits and '-').`,
      String(region).slice(0, 64),
    );
  }
}

/** Whether a URL hostname (as parsed by WHATWG URL) is a loopback host. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * Validates a base URL and returns it normalized (no trailing slash).
 * https anywhere; http only for loopback hosts. No credentials, query or fragment.
 */
export function checkBaseUrl(url: string, provider: Provider = 'volcengine'): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw configError(provider, LocalCodes.invalidEndpoint, 'The endpoint is not a valid URL. Use the form https://host[:port].');
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw configError(
      provider,
      LocalCodes.invalidEndpoint,
      `The endpoint must use https:// (or http:// for a local emulator), not ${u.protocol}//.`,
    );
  }
  if (u.username || u.password) {
    throw configError(provider, LocalCodes.invalidEndpoint, 'The endpoint must not contain a user name or password.');
  }
  if (u.search || u.hash) {
    throw configError(provider, LocalCodes.invalidEndpoint, `The endpoint ${u.protocol}//${u.host} must not contain a query or fragment.`);
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    throw configError(
      provider,
      LocalCodes.insecureEndpoint,
      `Refusing http://${u.host}: plain http is allowed only for loopback hosts (localhost, 127.0.0.0/8, [::1]). Use https://${u.host} instead.`,
    );
  }
  const path = u.pathname.replace(/\/+$/, '');
  return `${u.protocol}//${u.host}${path}`;
}

/** Volcengine ECS base URL for a region; `override` (emulator/proxy) wins after checkBaseUrl. */
export function volcengineBaseUrl(region: string, override?: string): string {
  // The region is signed (and names the host) with or without an override: checked either way.
  checkRegion('volcengine', region);
  if (override) return checkBaseUrl(override, 'volcengine');
  return VOLCENGINE_BOOTSTRAP_REGIONS.includes(region) ? `https://ecs.${region}.volcengineapi.com` : VOLCENGINE_DEFAULT_BASE_URL;
}

/**
 * Regions whose ECS endpoint is not `ecs.<region>.aliyuncs.com`, from the endpoint map of the official SDK
 * (@alicloud/ecs20140526 7.11.6, `_endpointMap`): finance and government regions. Used when DescribeRegions has
 * not given the region's RegionEndpoint.
 */
export const ALIYUN_SPECIAL_ENDPOINTS: Readonly<Record<string, string>> = Object.freeze({
  'cn-hangzhou-finance': 'ecs.aliyuncs.com',
  'cn-shanghai-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-shenzhen-finance-1': 'ecs-cn-hangzhou.aliyuncs.com',
  'cn-beijing-finance-pop': 'ecs.aliyuncs.com',
  'cn-hongkong-finance-pop': 'ecs.aliyuncs.com',
  'cn-north-2-gov-1': 'ecs.aliyuncs.com',
  'cn-beijing-gov-1': 'ecs.aliyuncs.com',
});

/**
 * A RegionEndpoint from DescribeRegions, as a host we will send signed requests to: an aliyuncs.com host name
 * only (a hostile or broken answer cannot send our requests elsewhere). undefined when it is not one.
 */
export function aliyunRegionEndpoint(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const host = value
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/+$/, '');
  return host.length <= 253 && /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+aliyuncs\.com$/.test(host) ? host : undefined;
}

/**
 * Alibaba ECS base URL. `override` (emulator/proxy) wins; then the region's RegionEndpoint from DescribeRegions
 * (`regionEndpoint`, checked by aliyunRegionEndpoint), then the SDK's special-region map, then
 * `ecs.<region>.aliyuncs.com`. 'central' is `ecs.aliyuncs.com`.
 */
export function aliyunBaseUrl(region: string | 'central', override?: string, regionEndpoint?: string): string {
  if (region !== 'central') checkRegion('aliyun', region);
  if (override) return checkBaseUrl(override, 'aliyun');
  if (region === 'central') return ALIYUN_CENTRAL_BASE_URL;
  const host = aliyunRegionEndpoint(regionEndpoint) ?? ALIYUN_SPECIAL_ENDPOINTS[region] ?? `ecs.${region}.aliyuncs.com`;
  return `https://${host}`;
}

export type ConsoleKind = 'region' | 'instance' | 'scheduledInstance' | 'reservedInstance';

/**
 * "Open in Console" links. Console paths are not part of any API contract; only forms that the providers' own
 * documentation links to are used:
 * - Volcengine: `console.volcengine.com/ecs/region:ecs+<region>/instance` and `.../dashboard` (no documented
 *   per-resource page, so an instance opens the region's instance list and a reservation the region's ECS overview);
 * - Alibaba Cloud: `ecs.console.aliyun.com/server/<id>/detail?regionId=<region>`, `.../server/region/<region>` and
 *   `.../reservedInstance/region/<region>` (the coupon list; it has no documented per-coupon page).
 */
export function consoleUrl(provider: Provider, kind: ConsoleKind, region: string, id?: string): string {
  const r = encodeURIComponent(region);
  if (provider === 'volcengine') {
    const base = `https://console.volcengine.com/ecs/region:ecs+${r}`;
    return kind === 'instance' ? `${base}/instance` : `${base}/dashboard`;
  }
  const base = 'https://ecs.console.aliyun.com';
  switch (kind) {
    case 'instance':
      return id ? `${base}/server/${encodeURIComponent(id)}/detail?regionId=${r}` : `${base}/server/region/${r}`;
    case 'reservedInstance':
      return `${base}/reservedInstance/region/${r}`;
    default:
      return `${base}/server/region/${r}`;
  }
}
