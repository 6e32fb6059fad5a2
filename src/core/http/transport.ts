/** One HTTP attempt over keep-alive undici pools, with timeouts and an in-flight limit. */
import { EventEmitter } from 'node:events';
import type { Pool } from 'undici';
import { CloudError, LocalCodes } from '../errors';
import type { Provider } from '../types';
import { isThrottled, Scheduler, serverWaitMs, type Outcome, type SchedulerClock } from './scheduler';

let undici: typeof import('undici') | undefined;
/**
 * undici, required when the first pool is made (or by `preloadTransport`): it is more than half of the extension's
 * main bundle (esbuild.js puts it in a bundle of its own), and the first rows of the view need no request.
 */
function loadUndici(): typeof import('undici') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (undici ??= require('undici') as typeof import('undici'));
}

/** Loads the HTTP client now, so that the first request does not wait for it. */
export function preloadTransport(): void {
  loadUndici();
}

export interface TransportSettings {
  connectTimeoutMs: number;
  /** Idle time allowed before the response headers (reset by each 1xx a server sends). */
  headersTimeoutMs: number;
  /** Idle time allowed between two body chunks. */
  bodyTimeoutMs: number;
  /** Total time of one attempt, headers and body: a server that trickles bytes or sends endless 1xx is cut here. */
  attemptTimeoutMs: number;
  /** Total time of one call across all its attempts and backoff (callWithRetry). */
  callTimeoutMs: number;
  /** A larger response body is refused (the connection is dropped). */
  maxResponseBytes: number;
  /** Requests on the wire at once, across all origins of this transport. */
  maxInFlight: number;
  /** Retries after the first attempt (callWithRetry). */
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Test hooks for callWithRetry: the backoff sleep, the jitter source (0 <= r < 1) and the clock (ms) of the call deadline. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  clock?: () => number;
  /** Test hook for the scheduler's backoff timers. */
  schedulerClock?: SchedulerClock;
}

export const DEFAULT_TRANSPORT_SETTINGS: Readonly<TransportSettings> = Object.freeze({
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 30_000,
  bodyTimeoutMs: 30_000,
  attemptTimeoutMs: 60_000,
  callTimeoutMs: 180_000,
  maxResponseBytes: 32 * 2 ** 20,
  maxInFlight: 8,
  maxRetries: 3,
  retryBaseMs: 300,
  retryMaxMs: 20_000,
});

/** The default body limit (a page of 100 instances is ~120 KB): a broken server cannot fill memory. */
export const MAX_RESPONSE_BYTES = DEFAULT_TRANSPORT_SETTINGS.maxResponseBytes;

export interface RawRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface RawResponse {
  status: number;
  /** Lower-case names, one string value each (repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** The body as text (UTF-8, undici's reader). */
  body: string;
}

/** Who a request belongs to, for the errors a failed attempt throws. */
export interface RequestContext {
  provider: Provider;
  action: string;
  region: string;
  /** Higher goes first (Priority in scheduler.ts); default normal. */
  priority?: number;
}

export class Transport {
  readonly settings: Readonly<TransportSettings>;
  private readonly scheduler: Scheduler;
  /** Each call's place in line, kept across its attempts (callWithRetry passes the same context to each). */
  private readonly orders = new WeakMap<RequestContext, number>();
  private readonly pools = new Map<string, Pool>();
  private readonly deadlines = new Deadlines();
  private closed = false;

  constructor(settings: Partial<TransportSettings> = {}) {
    const s: TransportSettings = { ...DEFAULT_TRANSPORT_SETTINGS };
    for (const [k, v] of Object.entries(settings)) if (v !== undefined) (s as unknown as Record<string, unknown>)[k] = v;
    this.settings = Object.freeze(s);
    this.scheduler = new Scheduler({ max: s.maxInFlight, backoffMaxMs: s.retryMaxMs, clock: s.schedulerClock });
  }

  /** Requests currently on the wire. */
  get inFlight(): number {
    return this.scheduler.active;
  }

  /** The adaptive in-flight limit now (≤ maxInFlight; halved by throttling answers, regained slowly). */
  get inFlightLimit(): number {
    return this.scheduler.limit;
  }

  /**
   * One attempt, ended after `timeoutMs` in all (headers and body; default attemptTimeoutMs). Throws CloudError
   * kind network | timeout | cancelled | malformed-response, with `sent` set. The body is read only if it is at
   * most maxResponseBytes and not content-encoded (nothing asks for compression); otherwise the connection is dropped.
   */
  async send(
    req: RawRequest,
    signal?: AbortSignal,
    ctx?: RequestContext,
    timeoutMs: number = this.settings.attemptTimeoutMs,
  ): Promise<RawResponse> {
    if (this.closed) throw failure(req, ctx, 'network', LocalCodes.network, 'The transport is closed.', false, false);
    // Scheduling (scheduler.ts): by priority, then by the call's place in line; paced per provider and action (the
    // scope of the quota the emulator assumes; the clouds' real scope is UNCONFIRMED, see src/core/README.md).
    const key = ctx ? `${ctx.provider}|${ctx.action}` : '';
    let order = ctx && this.orders.get(ctx);
    if (order === undefined) {
      order = this.scheduler.newOrder();
      if (ctx) this.orders.set(ctx, order);
    }
    let slot = this.scheduler.tryAcquire(key, ctx?.priority, order);
    if (!slot) {
      try {
        slot = await this.scheduler.acquire(key, ctx?.priority, order, signal);
      } catch (e) {
        throw failure(req, ctx, 'cancelled', LocalCodes.cancelled, 'The request was cancelled.', false, false, e);
      }
    }
    // One signal ends the attempt: the caller's signal or the attempt deadline, whichever comes first.
    const stop = new AttemptSignal();
    const onAbort = () => stop.abort(signal?.reason);
    if (signal?.aborted) stop.abort(signal.reason);
    else signal?.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(timeoutMs)) this.deadlines.watch(stop, performance.now() + Math.max(0, timeoutMs));
    let status: number | undefined;
    let outcome: Outcome = 'other';
    let wait: number | undefined;
    try {
      const i = pathStart(req.url);
      const origin = req.url.slice(0, i);
      const path = i < req.url.length ? req.url.slice(i) : '/';
      const res = await this.pool(origin).request({
        method: req.method,
        path: path[0] === '/' ? path : '/' + path,
        headers: req.headers,
        body: req.body,
        signal: stop,
      });
      status = res.statusCode;
      const h = res.headers as Record<string, string | string[] | undefined>;
      for (const k in h) {
        const v = h[k];
        if (typeof v !== 'string') {
          if (Array.isArray(v)) h[k] = v.join(', ');
          else delete h[k];
        }
      }
      const refuse = this.refusal(h as Record<string, string>);
      if (refuse) {
        res.body.on('error', () => undefined).destroy(); // drops the connection: the rest of the body is never read
        throw failure(req, ctx, 'malformed-response', LocalCodes.malformed, refuse, true, false, undefined, status);
      }
      // undici's reader: the hand-made bytes → text path (test/bench/json-text.ts) won on one machine and lost on others (issue 21).
      const body = await res.body.text();
      if (isThrottled(res.statusCode, body)) {
        outcome = 'throttled';
        wait = serverWaitMs(h as Record<string, string>);
      } else if (res.statusCode < 500) outcome = 'ok';
      return { status: res.statusCode, headers: h as Record<string, string>, body };
    } catch (e) {
      throw this.toCloudError(e, req, signal, ctx, stop.expired ? timeoutMs : undefined, status);
    } finally {
      this.deadlines.unwatch(stop);
      signal?.removeEventListener('abort', onAbort);
      slot.done(outcome, wait);
    }
  }

  /** Why a response is not read, judged from its headers; undefined to read it. */
  private refusal(h: Record<string, string>): string | undefined {
    const enc = h['content-encoding'];
    if (enc !== undefined && !/^\s*(identity)?\s*$/i.test(enc)) {
      return `The response is encoded (Content-Encoding: ${shown(enc)}), which the request did not ask for; it was not read.`;
    }
    const len = h['content-length'];
    if (len !== undefined && /^\s*\d+\s*$/.test(len) && Number(len) > this.settings.maxResponseBytes) {
      return `The response announces ${shown(len)} bytes, more than the limit of ${size(this.settings.maxResponseBytes)}; it was not read.`;
    }
    return undefined;
  }

  /** Closes every pool after its requests finish. */
  async close(): Promise<void> {
    this.closed = true;
    this.deadlines.stop();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }

  private pool(origin: string): Pool {
    let p = this.pools.get(origin);
    if (!p) {
      const s = this.settings;
      p = new (loadUndici().Pool)(origin, {
        connections: Number.isFinite(s.maxInFlight) ? s.maxInFlight : null,
        pipelining: 1,
        headersTimeout: s.headersTimeoutMs,
        bodyTimeout: s.bodyTimeoutMs,
        connect: { timeout: s.connectTimeoutMs },
        maxResponseSize: s.maxResponseBytes,
      });
      this.pools.set(origin, p);
    }
    return p;
  }

  private toCloudError(
    e: unknown,
    req: RawRequest,
    signal: AbortSignal | undefined,
    ctx: RequestContext | undefined,
    expiredAfterMs: number | undefined,
    status: number | undefined,
  ): CloudError {
    if (e instanceof CloudError) return e;
    if (signal?.aborted) return failure(req, ctx, 'cancelled', LocalCodes.cancelled, 'The request was cancelled.', true, false, e);
    const where = safeOrigin(req.url);
    if (expiredAfterMs !== undefined) {
      return failure(
        req,
        ctx,
        'timeout',
        LocalCodes.timeout,
        `No complete response from ${where} within ${expiredAfterMs} ms (the deadline of one attempt).`,
        true,
        true,
        e,
      );
    }
    const code = errorCode(e);
    const s = this.settings;
    switch (code) {
      case 'UND_ERR_CONNECT_TIMEOUT':
        return failure(
          req,
          ctx,
          'timeout',
          LocalCodes.timeout,
          `Timed out connecting to ${where} after ${s.connectTimeoutMs} ms.`,
          false,
          true,
          e,
        );
      case 'ECONNREFUSED':
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EADDRNOTAVAIL':
        return failure(req, ctx, 'network', LocalCodes.network, `Could not connect to ${where} (${code}).`, false, true, e);
      case 'UND_ERR_HEADERS_TIMEOUT':
        return failure(
          req,
          ctx,
          'timeout',
          LocalCodes.timeout,
          `No response from ${where} within ${s.headersTimeoutMs} ms.`,
          true,
          true,
          e,
        );
      case 'UND_ERR_RES_EXCEEDED_MAX_SIZE':
        return failure(
          req,
          ctx,
          'malformed-response',
          LocalCodes.malformed,
          `The response from ${where} is larger than ${size(s.maxResponseBytes)}; it was not read.`,
          true,
          false,
          e,
          status,
        );
      case 'UND_ERR_BODY_TIMEOUT':
        return failure(
          req,
          ctx,
          'timeout',
          LocalCodes.timeout,
          `The response from ${where} stalled for more than ${s.bodyTimeoutMs} ms.`,
          true,
          true,
          e,
        );
    }
    if (code && /CERT|TLS|SSL|SELF_SIGNED/.test(code)) {
      return failure(req, ctx, 'network', LocalCodes.network, `TLS handshake with ${where} failed (${code}).`, false, false, e);
    }
    if (code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_URL') {
      return failure(req, ctx, 'config', LocalCodes.invalidEndpoint, `The request to ${where} is not valid (${code}).`, false, false, e);
    }
    return failure(
      req,
      ctx,
      'network',
      LocalCodes.network,
      `The connection to ${where} failed before the response completed (${code ?? 'unknown error'}).`,
      true,
      true,
      e,
    );
  }
}

/**
 * The signal of one attempt, as undici reads it (an EventEmitter with `aborted` and `reason`, as its request
 * options allow): cheaper than an AbortController per attempt, whose EventTarget listeners undici adds and removes.
 */
class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;
  /** Ended by its deadline (Deadlines), not by the caller. */
  expired = false;
  /** When it expires (performance.now()); Infinity while not watched. */
  deadline = Infinity;

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * The deadlines of the attempts on the wire, behind one timer set for the earliest: an attempt that ends in time
 * (nearly all) costs no timer of its own. The timer holds the process only while some attempt is watched.
 */
class Deadlines {
  private readonly watched = new Set<AttemptSignal>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires (performance.now()). */
  private at = Infinity;

  watch(a: AttemptSignal, deadline: number): void {
    a.deadline = deadline;
    this.watched.add(a);
    if (deadline < this.at) this.arm(deadline);
    else if (this.watched.size === 1) this.timer?.ref();
  }

  unwatch(a: AttemptSignal): void {
    if (!this.watched.delete(a)) return;
    // Left set for the next attempts (a later deadline than this one's needs no new timer), but not holding the process.
    if (this.watched.size === 0) this.timer?.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.at = Infinity;
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.at = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - performance.now()));
  }

  private fire(): void {
    this.timer = undefined;
    this.at = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (const a of this.watched) {
      if (a.deadline <= now) {
        this.watched.delete(a);
        a.expired = true;
        a.abort(new Error('attempt deadline'));
      } else if (a.deadline < next) next = a.deadline;
    }
    if (next < Infinity) this.arm(next);
  }
}

/** Index where the path (or query) starts in an absolute URL; url.length if none. */
function pathStart(url: string): number {
  const s = url.indexOf('//');
  const from = s < 0 ? 0 : s + 2;
  for (let i = from; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 47 /* / */ || c === 63 /* ? */) return i;
  }
  return url.length;
}

function errorCode(e: unknown): string | undefined {
  const o = e as { code?: unknown; errors?: { code?: unknown }[]; cause?: { code?: unknown } } | undefined;
  if (!o || typeof o !== 'object') return undefined;
  if (typeof o.code === 'string') return o.code;
  if (Array.isArray(o.errors) && typeof o.errors[0]?.code === 'string') return o.errors[0].code as string; // AggregateError (happy eyeballs)
  if (typeof o.cause?.code === 'string') return o.cause.code;
  return undefined;
}

/** scheme://host[:port] without credentials, path or query (the query may hold a signature). */
function safeOrigin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'the endpoint';
  }
}

function guessContext(url: string): RequestContext {
  let action = '';
  try {
    action = new URL(url).searchParams.get('Action') ?? '';
  } catch {
    /* keep empty */
  }
  return { provider: url.includes('aliyun') ? 'aliyun' : 'volcengine', action, region: '' };
}

function failure(
  req: RawRequest,
  ctx: RequestContext | undefined,
  kind: 'network' | 'timeout' | 'cancelled' | 'config' | 'malformed-response',
  code: string,
  message: string,
  sent: boolean,
  retryable: boolean,
  cause?: unknown,
  httpStatus?: number,
): CloudError {
  const c = ctx ?? guessContext(req.url);
  return new CloudError({
    kind,
    provider: c.provider,
    action: c.action,
    region: c.region,
    code,
    message,
    sent,
    retryable,
    cause,
    httpStatus,
  });
}

/** A server-sent header value in a message: printable ASCII, at most 40 characters. */
function shown(v: string): string {
  const p = v.replace(/[^\x20-\x7e]/g, '?');
  return p.length > 40 ? p.slice(0, 40) + '…' : p;
}

function size(bytes: number): string {
  return bytes >= 2 ** 20 && bytes % 2 ** 20 === 0 ? `${bytes / 2 ** 20} MiB` : `${bytes} bytes`;
}
