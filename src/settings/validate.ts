/** Pure settings validation (no vscode import). Problems are structured; the vscode layer words them. */
import type { Provider } from '../core/types';
import { isLoopbackHost } from '../core/endpoints';

export const SETTINGS_PREFIX = 'ecsExplorer';

export const DEFAULT_REGIONS: Readonly<Record<Provider, readonly string[]>> = {
  volcengine: ['cn-beijing', 'cn-shanghai', 'cn-guangzhou'],
  aliyun: ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'],
};

export const ENDPOINT_ENV: Readonly<Record<Provider, string>> = {
  volcengine: 'ECS_EXPLORER_VOLCENGINE_ENDPOINT',
  aliyun: 'ECS_EXPLORER_ALIYUN_ENDPOINT',
};

export type ProblemCode =
  | 'notArray' // expected an array of strings
  | 'notString'
  | 'badRegionId'
  | 'duplicateRegion'
  | 'badUrl'
  | 'insecureUrl' // http to a non-loopback host
  | 'notNumber'
  | 'outOfRange'
  | 'workspaceEndpoint' // endpoint set in workspace settings: ignored
  | 'urlExtras' // a user name, password, query or fragment in a base URL
  | 'envOverridesSetting' // the endpoint environment variable is set: the setting is not used
  | 'notInteger'
  | 'badChoice' // not one of an enum's values
  | 'refreshTooShort'; // auto-refresh between 0 and 10 s

export interface SettingProblem {
  /** Full setting name, e.g. `ecsExplorer.volcengine.regions`, or the env var name. */
  readonly setting: string;
  readonly code: ProblemCode;
  /** The offending value, shortened for display. */
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
  /** True when the provider cannot be used until fixed (never silently fall back). */
  readonly blocking: boolean;
}

const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

export function isRegionId(s: string): boolean {
  return REGION_ID.test(s) && s.length <= 64;
}

/** An endpoint value for messages: user name, password, query and fragment never shown (they may hold secrets). */
function showUrl(v: unknown): string {
  if (typeof v !== 'string') return show(v);
  return show(
    v
      .trim()
      .replace(/\/\/[^/?#]*@/g, '//***@')
      .replace(/[?#].*$/s, (m) => `${m[0]}…`),
  );
}

function show(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 80 ? s.slice(0, 77) + '...' : s;
}

export interface RegionsResult {
  readonly regions: string[];
  readonly problems: SettingProblem[];
}

/** Regions setting: array of region IDs. Invalid entries are dropped and reported; a wrong type blocks the provider. */
export function validateRegions(provider: Provider, value: unknown): RegionsResult {
  const setting = `${SETTINGS_PREFIX}.${provider}.regions`;
  if (value === undefined || value === null) return { regions: [...DEFAULT_REGIONS[provider]], problems: [] };
  if (!Array.isArray(value)) {
    return { regions: [], problems: [{ setting, code: 'notArray', value: show(value), blocking: true }] };
  }
  const regions: string[] = [];
  const problems: SettingProblem[] = [];
  for (const v of value) {
    if (typeof v !== 'string') {
      problems.push({ setting, code: 'notString', value: show(v), blocking: false });
    } else if (!isRegionId(v.trim())) {
      problems.push({ setting, code: 'badRegionId', value: show(v), blocking: false });
    } else if (regions.includes(v.trim())) {
      problems.push({ setting, code: 'duplicateRegion', value: v, blocking: false });
    } else {
      regions.push(v.trim());
    }
  }
  return { regions, problems };
}

/** A base URL: https anywhere, http only for loopback. Returns the normalized URL (no trailing slash) or a problem. */
export function validateEndpointUrl(setting: string, value: unknown): { url?: string; problem?: SettingProblem } {
  if (typeof value !== 'string') return { problem: { setting, code: 'notString', value: show(value), blocking: true } };
  const raw = value.trim();
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { problem: { setting, code: 'badUrl', value: showUrl(raw), blocking: true } };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return { problem: { setting, code: 'badUrl', value: showUrl(raw), blocking: true } };
  }
  if (u.username || u.password || u.search || u.hash || /[?#]/.test(raw)) {
    return { problem: { setting, code: 'urlExtras', value: showUrl(raw), blocking: true } };
  }
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname)) {
    return { problem: { setting, code: 'insecureUrl', value: showUrl(raw), blocking: true } };
  }
  return { url: raw.replace(/\/+$/, '') };
}

export interface EndpointInputs {
  readonly provider: Provider;
  /** process.env value of ECS_EXPLORER_<PROVIDER>_ENDPOINT. */
  readonly envValue?: string;
  /** The user (machine) value from `inspect().globalValue`. */
  readonly userValue?: unknown;
  /** Any workspace or folder value from `inspect()`: never used. */
  readonly workspaceValue?: unknown;
}

export interface EndpointDecision {
  /** Base URL override, or undefined for the provider's real endpoint. */
  readonly url?: string;
  readonly source: 'env' | 'setting' | 'default';
  readonly problems: SettingProblem[];
}

/**
 * Which endpoint override applies. The environment variable (machine-level) wins; then the user setting, in
 * any workspace (it is the user's own, like the environment). Workspace values are never used, trusted or not: a
 * workspace must not redirect signed requests. A bad value blocks (no silent fall-back to the real cloud).
 */
export function decideEndpoint(i: EndpointInputs): EndpointDecision {
  const setting = `${SETTINGS_PREFIX}.${i.provider}.endpoint`;
  const problems: SettingProblem[] = [];
  if (i.workspaceValue !== undefined && i.workspaceValue !== '') {
    problems.push({ setting, code: 'workspaceEndpoint', value: showUrl(i.workspaceValue), blocking: false });
  }
  if (i.envValue !== undefined && i.envValue.trim() !== '') {
    const r = validateEndpointUrl(ENDPOINT_ENV[i.provider], i.envValue);
    // The same endpoint in both places is no conflict (the sandbox sets both).
    if (
      i.userValue !== undefined &&
      i.userValue !== null &&
      i.userValue !== '' &&
      (r.url === undefined || validateEndpointUrl(setting, i.userValue).url !== r.url)
    ) {
      problems.push({ setting, code: 'envOverridesSetting', value: ENDPOINT_ENV[i.provider], blocking: false });
    }
    if (r.problem) return { source: 'env', problems: [...problems, r.problem] };
    return { url: r.url, source: 'env', problems };
  }
  if (i.userValue === undefined || i.userValue === null || i.userValue === '') return { source: 'default', problems };
  const r = validateEndpointUrl(setting, i.userValue);
  if (r.problem) return { source: 'setting', problems: [...problems, r.problem] };
  return { url: r.url, source: 'setting', problems };
}

/** An integer setting within [min, max]; undefined → default. */
export function validateInt(
  setting: string,
  value: unknown,
  def: number,
  min: number,
  max: number,
): { value: number; problem?: SettingProblem } {
  if (value === undefined || value === null) return { value: def };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { value: def, problem: { setting, code: 'notNumber', value: show(value), min, max, blocking: false } };
  }
  if (!Number.isInteger(value)) {
    return { value: def, problem: { setting, code: 'notInteger', value: show(value), min, max, blocking: false } };
  }
  if (value < min || value > max) {
    return { value: def, problem: { setting, code: 'outOfRange', value: show(value), min, max, blocking: false } };
  }
  return { value };
}

export type ConfirmDestructive = 'typeCount' | 'modal';

/** `ecsExplorer.confirmDestructive`; anything else is reported and the stricter "typeCount" is used. */
export function validateConfirmDestructive(value: unknown): { value: ConfirmDestructive; problem?: SettingProblem } {
  if (value === undefined || value === null || value === 'typeCount') return { value: 'typeCount' };
  if (value === 'modal') return { value: 'modal' };
  return {
    value: 'typeCount',
    problem: { setting: `${SETTINGS_PREFIX}.confirmDestructive`, code: 'badChoice', value: show(value), blocking: false },
  };
}

export interface GeneralSettings {
  readonly pageSize: number;
  readonly autoRefreshSeconds: number;
  readonly timeoutSeconds: number;
  readonly maxConcurrentRequests: number;
}

export const GENERAL_LIMITS = {
  pageSize: { def: 100, min: 1, max: 100 },
  autoRefreshSeconds: { def: 0, min: 0, max: 86400 },
  timeoutSeconds: { def: 30, min: 1, max: 600 },
  maxConcurrentRequests: { def: 8, min: 1, max: 64 },
} as const;

/** `get(key)` returns the raw value of `ecsExplorer.<key>`. Auto-refresh below 10 s is refused (cloud APIs are rate-limited). */
export function validateGeneral(get: (key: string) => unknown): { settings: GeneralSettings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const read = (key: keyof typeof GENERAL_LIMITS): number => {
    const l = GENERAL_LIMITS[key];
    const name = key === 'timeoutSeconds' ? 'http.timeoutSeconds' : key;
    const r = validateInt(`${SETTINGS_PREFIX}.${name}`, get(name), l.def, l.min, l.max);
    if (r.problem) problems.push(r.problem);
    return r.value;
  };
  let autoRefreshSeconds = read('autoRefreshSeconds');
  if (autoRefreshSeconds > 0 && autoRefreshSeconds < 10) {
    problems.push({
      setting: `${SETTINGS_PREFIX}.autoRefreshSeconds`,
      code: 'refreshTooShort',
      value: String(autoRefreshSeconds),
      min: 10,
      max: GENERAL_LIMITS.autoRefreshSeconds.max,
      blocking: false,
    });
    autoRefreshSeconds = 0;
  }
  return {
    settings: {
      pageSize: read('pageSize'),
      autoRefreshSeconds,
      timeoutSeconds: read('timeoutSeconds'),
      maxConcurrentRequests: read('maxConcurrentRequests'),
    },
    problems,
  };
}

/** Feed for the core's TransportSettings: the timeout bounds one request in all; a call with its retries gets at least 180 s. */
export function transportSettingsFrom(g: GeneralSettings): {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  attemptTimeoutMs: number;
  callTimeoutMs: number;
  maxInFlight: number;
} {
  const ms = g.timeoutSeconds * 1000;
  return {
    connectTimeoutMs: Math.min(ms, 10_000),
    headersTimeoutMs: ms,
    bodyTimeoutMs: ms,
    attemptTimeoutMs: ms,
    callTimeoutMs: Math.max(180_000, 3 * ms),
    maxInFlight: g.maxConcurrentRequests,
  };
}
