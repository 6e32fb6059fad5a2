/** One API call: attempts, backoff with full jitter, Retry-After, cancellation, replay safety, one CallRecord. */
import { CloudError, LocalCodes } from '../errors';
import type { CallRecord, Provider } from '../types';
import { bodyRequestId, headerRequestId } from './envelopes';
import type { RawRequest, RawResponse, RequestContext, Transport } from './transport';

export interface CallSpec<T> {
  provider: Provider;
  action: string;
  region: string;
  clientToken?: string;
  /** Builds and signs the request afresh; `attempt` is 1 for the first attempt. */
  build(attempt: number): RawRequest;
  /** Throws CloudError (kind 'api' | 'malformed-response') for error answers. */
  parse(res: RawResponse): T;
  /** 'not-after-send': never resend once the request may have reached the server. */
  replay: 'safe' | 'not-after-send';
  signal?: AbortSignal;
  /** Scheduling priority (Priority in scheduler.ts; higher goes first). */
  priority?: number;
  onCall?(rec: CallRecord): void;
  /** The call's secrets (AccessKey secret, STS token, the attempt's signature), scrubbed from error texts. */
  secrets?: readonly string[];
}

/**
 * Errors that prove the server refused the request without acting on it: throttling (refused before
 * processing), a used nonce, a connection never made. A 503 / ServiceUnavailable is no proof: a gateway or
 * backend may answer it after the request was passed on.
 */
function provablyRefused(err: CloudError): boolean {
  if (err.httpStatus === undefined) return err.sent === false;
  if (err.httpStatus === 429) return true;
  const c = err.code;
  return c === 'FlowLimitExceeded' || c === 'IdempotentProcessing' || c === 'SignatureNonceUsed' || c.startsWith('Throttling');
}

/** Throttled attempts retried without counting against maxRetries; past them, throttles count as failures. */
export const MAX_THROTTLED_RETRIES = 30;

/** A throttling refusal: HTTP 429, Volcengine FlowLimitExceeded, Alibaba Throttling*. */
function isThrottle(err: CloudError): boolean {
  return err.httpStatus === 429 || err.code === 'FlowLimitExceeded' || err.code.startsWith('Throttling');
}

/** Milliseconds the server asked us to wait: `x-acs-retry-after` (ms) or `Retry-After` (seconds or HTTP date). */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const acs = headers['x-acs-retry-after'];
  if (acs !== undefined && /^\s*\d+\s*$/.test(acs)) return Number(acs);
  const ra = headers['retry-after'];
  if (ra === undefined) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(ra)) return Math.round(Number(ra) * 1000);
  const t = Date.parse(ra);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Full-jitter exponential backoff before retry number `retry` (1-based). */
export function backoffMs(retry: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(retry - 1, 30));
  return Math.floor(random() * cap);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function cancelled(spec: CallSpec<unknown>, sent: boolean, cause?: unknown): CloudError {
  return new CloudError({
    kind: 'cancelled',
    provider: spec.provider,
    action: spec.action,
    region: spec.region,
    code: LocalCodes.cancelled,
    message: 'The request was cancelled.',
    sent,
    cause,
  });
}

/** A call with a side effect: it carries a ClientToken, or it is never resent once sent. */
function acts(spec: CallSpec<unknown>): boolean {
  return spec.clientToken !== undefined || spec.replay === 'not-after-send';
}

function outcomeUnknown(spec: CallSpec<unknown>, err: CloudError): CloudError {
  return new CloudError({
    kind: 'outcome-unknown',
    provider: spec.provider,
    action: spec.action,
    region: spec.region,
    code: LocalCodes.outcomeUnknown,
    message: `${spec.action} may have reached the server but its result is unknown ([${err.code}] ${err.message}). Check the current state before trying again.`,
    httpStatus: err.httpStatus,
    requestId: err.requestId,
    sent: true,
    retryable: false,
    cause: err,
    secrets: spec.secrets,
  });
}

/** The call's deadline passed (callTimeoutMs) before another attempt could be made. */
function callExpired(spec: CallSpec<unknown>, attempts: number, ms: number, last?: CloudError): CloudError {
  return new CloudError({
    kind: 'timeout',
    provider: spec.provider,
    action: spec.action,
    region: spec.region,
    code: LocalCodes.timeout,
    message: `${spec.action} did not succeed within ${ms} ms (${attempts} attempt${attempts === 1 ? '' : 's'})${last ? `; last error: [${last.code}] ${last.message}` : ''}.`,
    httpStatus: last?.httpStatus,
    requestId: last?.requestId,
    sent: last?.sent ?? true,
    cause: last,
  });
}

/** A 3xx answer: never followed (a signed request must not go elsewhere) and never read as an answer. */
function redirected(spec: CallSpec<unknown>, res: RawResponse): CloudError {
  const to = res.headers.location;
  return new CloudError({
    kind: 'api',
    provider: spec.provider,
    action: spec.action,
    region: spec.region,
    code: LocalCodes.redirect,
    message: `The endpoint answered HTTP ${res.status}, a redirect${to ? ` to ${locationShown(to)}` : ' without a Location'}. It was not followed: a signed request goes only to the configured endpoint. Check the endpoint setting or the proxy in between.`,
    httpStatus: res.status,
    requestId: headerRequestId(res),
  });
}

/** A Location header for a message: scheme, host and path only (its query could echo the signature), bounded. */
function locationShown(v: string): string {
  let out: string;
  try {
    const u = new URL(v, 'http://relative.invalid');
    out = u.host === 'relative.invalid' ? u.pathname : `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    out = 'an invalid URL';
  }
  out = out.replace(/[^\x20-\x7e]/g, '?');
  return out.length > 100 ? out.slice(0, 100) + '…' : out;
}

function asCloudError(spec: CallSpec<unknown>, e: unknown, res: RawResponse | undefined): CloudError {
  if (e instanceof CloudError) return e;
  return new CloudError({
    kind: 'malformed-response',
    provider: spec.provider,
    action: spec.action,
    region: spec.region,
    code: LocalCodes.malformed,
    message: `${spec.action} returned a response that could not be read${e instanceof Error ? `: ${e.message}` : ''}.`,
    httpStatus: res?.status,
    requestId: res ? (headerRequestId(res) ?? bodyRequestId(res.body)) : undefined,
    cause: e,
    secrets: spec.secrets,
  });
}

/** Sleeps `ms`, rejecting with a cancelled CloudError if the signal fires first. */
function pause(spec: CallSpec<unknown>, ms: number, sleep: (ms: number, signal?: AbortSignal) => Promise<void>): Promise<void> {
  const signal = spec.signal;
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.reject(cancelled(spec, false, signal.reason));
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = () => {
      if (timer) clearTimeout(timer);
      reject(cancelled(spec, false, signal.reason));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const fail = (e: unknown) => {
      signal.removeEventListener('abort', onAbort);
      reject(e);
    };
    if (sleep === defaultSleep) timer = setTimeout(done, ms);
    else sleep(ms, signal).then(done, fail);
  });
}

export async function callWithRetry<T>(transport: Transport, spec: CallSpec<T>): Promise<T> {
  const s = transport.settings;
  const sleep = s.sleep ?? defaultSleep;
  const random = s.random ?? Math.random;
  const ctx: RequestContext = { provider: spec.provider, action: spec.action, region: spec.region, priority: spec.priority };
  const started = performance.now();
  const clock = s.clock ?? (() => performance.now());
  const deadline = clock() + s.callTimeoutMs;
  let attempts = 0;
  let httpStatus: number | undefined;
  let requestId: string | undefined;
  let nonceRetries = 0;
  /** Failed attempts that count against maxRetries (throttled ones do not). */
  let failures = 0;
  let throttles = 0;
  let lastErr: CloudError | undefined;
  // A mutating call (it carries a ClientToken) whose earlier attempt got no answer after it may have been sent
  // (reset, timeout) or an unreadable 2xx answer may have acted: a later error does not say what happened, so the
  // call ends as outcome-unknown.
  let mayHaveActed = false;

  const report = (errorCode?: string) => {
    if (!spec.onCall) return;
    try {
      spec.onCall({
        provider: spec.provider,
        action: spec.action,
        region: spec.region,
        clientToken: spec.clientToken,
        requestId,
        httpStatus,
        errorCode,
        attempts,
        durationMs: Math.round(performance.now() - started),
      });
    } catch {
      /* a reporting hook must not break the call */
    }
  };
  const fail = (failure: CloudError): never => {
    const err = mayHaveActed && failure.kind !== 'outcome-unknown' ? outcomeUnknown(spec, failure) : failure;
    if (err.requestId) requestId = err.requestId;
    report(err.code);
    throw err;
  };

  for (;;) {
    if (spec.signal?.aborted) fail(cancelled(spec, false, spec.signal.reason));
    attempts++;
    let res: RawResponse | undefined;
    let err: CloudError;
    const left = deadline - clock();
    if (attempts > 1 && left <= 0) fail(callExpired(spec, attempts - 1, s.callTimeoutMs, lastErr));
    try {
      res = await transport.send(spec.build(attempts), spec.signal, ctx, Math.min(s.attemptTimeoutMs, Math.max(left, 1)));
      httpStatus = res.status;
      if (res.status >= 300 && res.status < 400) throw redirected(spec, res);
      const value = spec.parse(res);
      requestId = headerRequestId(res) ?? bodyRequestId(res.body);
      report();
      return value;
    } catch (e) {
      err = asCloudError(spec, e, res);
    }
    if (err.requestId) requestId = err.requestId;
    lastErr = err;
    // Cancelled after the request went out: a call that acts may have acted; the server does not stop with us.
    if (err.kind === 'cancelled') fail(acts(spec) && err.sent !== false ? outcomeUnknown(spec, err) : err);

    // A redirect came from some server on the way: it is not followed, and a call that acts may have acted.
    if (err.code === LocalCodes.redirect && acts(spec)) fail(outcomeUnknown(spec, err));

    let retry = err.retryable;
    if (retry && err.code === 'SignatureNonceUsed') retry = nonceRetries++ === 0;
    // An unreadable 2xx answer to a token call: it most likely acted. Resending the same ClientToken replays the
    // stored answer (nothing acts twice); if no attempt can be read, the call ends as outcome-unknown.
    const status = res?.status ?? err.httpStatus;
    if (
      err.kind === 'malformed-response' &&
      spec.clientToken !== undefined &&
      spec.replay === 'safe' &&
      status !== undefined &&
      status >= 200 &&
      status < 300
    ) {
      retry = true;
      mayHaveActed = true;
    }
    if (retry && spec.replay === 'not-after-send' && !provablyRefused(err)) fail(outcomeUnknown(spec, err));
    // No answer after the request may have been sent (reset, timeout), the last attempt included.
    if (spec.clientToken !== undefined && err.httpStatus === undefined && err.sent !== false) mayHaveActed = true;
    // A throttled attempt was refused, not failed: it does not use up maxRetries (the call's deadline bounds it),
    // and its retry waits for the transport's pace of that action (scheduler.ts) rather than a random backoff.
    const throttled = retry && isThrottle(err) && throttles++ < MAX_THROTTLED_RETRIES;
    if (!throttled) failures++;
    if (!retry || failures > s.maxRetries) fail(err);

    let delay = throttled ? 0 : backoffMs(failures, s.retryBaseMs, s.retryMaxMs, random);
    const after = retryAfterMs(res?.headers);
    if (after !== undefined) delay = Math.max(delay, Math.min(after, Math.max(s.retryMaxMs, 60_000)));
    // No retry that could not end before the call's deadline.
    if (clock() + delay >= deadline) fail(callExpired(spec, attempts, s.callTimeoutMs, err));
    try {
      await pause(spec as CallSpec<unknown>, delay, sleep);
    } catch (e) {
      fail(asCloudError(spec, e, undefined));
    }
  }
}
