/**
 * Network conditions for benchmarks: a fixed delay before each API request is handled (a stand-in for the
 * round trip to a real endpoint), and an optional token-bucket rate limit per account and action that answers
 * the cloud's own throttling error. Time for the buckets comes from the emulator's clock, so tests refill them
 * with clock.advance() instead of sleeping.
 */
import type { Call, EmuResponse } from './http-types';
import type { Provider } from './ledger';
import type { ProviderApi } from './provider';

export interface RateLimitSpec {
  /** Tokens added per second, per account and action. */
  perSecond: number;
  /** Bucket size (requests that may go at once); default max(1, perSecond). */
  burst?: number;
  provider?: Provider; // default: both
  action?: string; // default '*' (each action has its own bucket)
  /** Alibaba: also send `x-acs-retry-after` (ms until the next token). The real gateway's use of it is UNCONFIRMED. */
  retryAfterHeader?: boolean;
}

export interface NetworkSpec {
  delayMs?: number;
  /** null clears the limit. */
  rateLimit?: RateLimitSpec | null;
}

export interface NetworkStats {
  /** Throttled answers sent. */
  throttled: number;
  /** Throttled answers to a request whose previous attempt (same account, region, action, parameters) was throttled too. */
  throttledAgain: number;
  /** Requests admitted by the rate limit (only counted while a limit is set). */
  admitted: number;
}

// Parameters that change between attempts of the same request (signing) and do not identify it.
const SIGNING_PARAMS = new Set([
  'Signature',
  'SignatureNonce',
  'Timestamp',
  'SignatureMethod',
  'SignatureVersion',
  'AccessKeyId',
  'SecurityToken',
  'Format',
  'X-Date',
  'X-Algorithm',
  'X-Credential',
  'X-Signature',
  'X-SignedHeaders',
  'X-Security-Token',
]);
const MAX_TRACKED = 100_000;

export function validateRateLimit(s: unknown): RateLimitSpec {
  const r = s as RateLimitSpec;
  if (!r || typeof r !== 'object') throw new Error('rateLimit must be an object');
  if (!(typeof r.perSecond === 'number' && r.perSecond > 0 && r.perSecond <= 1e6))
    throw new Error('rateLimit.perSecond must be a number in (0, 1e6]');
  if (r.burst !== undefined && !(Number.isInteger(r.burst) && r.burst >= 1 && r.burst <= 1e6))
    throw new Error('rateLimit.burst must be an integer in 1..1e6');
  if (r.provider !== undefined && r.provider !== 'volcengine' && r.provider !== 'aliyun')
    throw new Error('rateLimit.provider must be volcengine or aliyun');
  if (r.action !== undefined && typeof r.action !== 'string') throw new Error('rateLimit.action must be a string');
  if (r.retryAfterHeader !== undefined && typeof r.retryAfterHeader !== 'boolean')
    throw new Error('rateLimit.retryAfterHeader must be a boolean');
  return { perSecond: r.perSecond, burst: r.burst, provider: r.provider, action: r.action, retryAfterHeader: r.retryAfterHeader };
}

export function validateDelay(ms: unknown): number {
  if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= 600_000))
    throw new Error('delayMs must be a number in 0..600000');
  return ms;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class Network {
  delayMs = 0;
  private limit?: RateLimitSpec;
  private readonly buckets = new Map<string, Bucket>();
  private readonly lastThrottled = new Set<string>();
  private counters: NetworkStats = { throttled: 0, throttledAgain: 0, admitted: 0 };

  /** `now`: ms, from the emulator clock. `sleep`: the delay's wait (tests inject one). */
  constructor(
    private readonly now: () => number,
    readonly sleep: (ms: number) => Promise<void> = realSleep,
  ) {}

  get rateLimit(): RateLimitSpec | undefined {
    return this.limit ? { ...this.limit } : undefined;
  }

  stats(): NetworkStats {
    return { ...this.counters };
  }

  /** Applies a spec (fields left out stay as they are); empties the buckets and zeroes the stats. */
  configure(spec: NetworkSpec): void {
    const delay = spec.delayMs === undefined ? this.delayMs : validateDelay(spec.delayMs);
    const limit = spec.rateLimit === undefined ? this.limit : spec.rateLimit === null ? undefined : validateRateLimit(spec.rateLimit);
    this.delayMs = delay;
    this.limit = limit;
    this.clearState();
  }

  clearState(): void {
    this.buckets.clear();
    this.lastThrottled.clear();
    this.counters = { throttled: 0, throttledAgain: 0, admitted: 0 };
  }

  /** The emulator clock now (ms): handleCall takes it when a request arrives, before the delay. */
  arrival(): number {
    return this.now();
  }

  /**
   * Whether the call may run; otherwise the ms until the next token. `at`: when the request arrived (default now).
   * A gateway admits a request when it arrives, so the bucket is timed by arrival, not by when the emulator gets
   * to it after the delay: a stall of the emulator's event loop would otherwise bunch requests that arrived spaced.
   * A request timed before the bucket's last one (a clock set backwards, or arrivals handled out of order) is
   * checked at the bucket's time: no tokens added, and the bucket's time never goes back.
   */
  admit(provider: Provider, call: Call, at: number = this.now()): { ok: true } | { ok: false; waitMs: number } {
    const l = this.limit;
    if (!l || (l.provider && l.provider !== provider) || (l.action && l.action !== '*' && l.action !== call.action)) return { ok: true };
    const burst = l.burst ?? Math.max(1, Math.floor(l.perSecond));
    const key = `${provider}\0${call.account.spec.accessKeyId}\0${call.action}`;
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { tokens: burst, at }));
    if (at > b.at) {
      b.tokens = Math.min(burst, b.tokens + ((at - b.at) * l.perSecond) / 1000);
      b.at = at;
    }
    const id = requestKey(provider, call);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      this.counters.admitted++;
      this.lastThrottled.delete(id);
      return { ok: true };
    }
    this.counters.throttled++;
    if (this.lastThrottled.has(id)) this.counters.throttledAgain++;
    else {
      if (this.lastThrottled.size >= MAX_TRACKED) this.lastThrottled.clear();
      this.lastThrottled.add(id);
    }
    return { ok: false, waitMs: Math.ceil(((1 - b.tokens) * 1000) / l.perSecond) };
  }

  /** The provider's own throttling answer (no side effect). */
  throttleAnswer(api: ProviderApi, call: Call, waitMs: number): EmuResponse {
    if (api.provider === 'volcengine') {
      // ECS docs: 429 FlowLimitExceeded (reference/volcengine.md, error table).
      return api.apiError(call, 429, 'FlowLimitExceeded', "You've reach the limit on request rate of resources.");
    }
    // Alibaba's per-user flow control: 400 Throttling.User (reference/aliyun.md, error table).
    const r = api.apiError(call, 400, 'Throttling.User', 'Request was denied due to user flow control.');
    if (this.limit?.retryAfterHeader) r.headers = { ...r.headers, 'x-acs-retry-after': String(Math.max(1, waitMs)) };
    return r;
  }
}

function requestKey(provider: Provider, call: Call): string {
  const parts = Object.keys(call.params)
    .filter((k) => !SIGNING_PARAMS.has(k))
    .sort()
    .map((k) => `${k}=${call.params[k]}`);
  return `${provider}\0${call.account.spec.accessKeyId}\0${call.region}\0${call.action}\0${parts.join('&')}`;
}

function realSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** CLI form of a rate limit: `N` or `N/burst` (requests per second per account and action). */
export function parseRateLimitArg(arg: string): RateLimitSpec {
  const m = /^(\d+(?:\.\d+)?)(?:\/(\d+))?$/.exec(arg);
  if (!m) throw new Error('--rate-limit needs N or N/burst (requests per second per account and action)');
  return validateRateLimit({ perSecond: Number(m[1]), burst: m[2] === undefined ? undefined : Number(m[2]) });
}
