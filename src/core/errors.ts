import { redact } from './redact';
import type { Provider } from './types';

/**
 * What went wrong, independent of the provider.
 * - api: the cloud answered with an error envelope (code/message/RequestId).
 * - network: connection refused/reset, DNS, TLS.
 * - timeout: connect/headers/body timeout.
 * - cancelled: the caller's AbortSignal fired.
 * - malformed-response: the answer did not match the schema (names the field).
 * - invalid-input: a local validation rule refused the request before sending (names the field).
 * - config: bad settings (endpoint, insecure http, missing credentials).
 * - outcome-unknown: a non-idempotent request may have reached the server and its result is unknown.
 */
export type ErrorKind = 'api' | 'network' | 'timeout' | 'cancelled' | 'malformed-response' | 'invalid-input' | 'config' | 'outcome-unknown';

/** Codes used for failures that do not come from the cloud. They have catalogue entries too. */
export const LocalCodes = {
  network: 'NetworkError',
  timeout: 'RequestTimeout',
  cancelled: 'Cancelled',
  malformed: 'MalformedResponse',
  invalidInput: 'InvalidInput',
  insecureEndpoint: 'InsecureEndpoint',
  invalidEndpoint: 'InvalidEndpoint',
  missingCredentials: 'MissingCredentials',
  /** A credential value that cannot be sent (a line break or other control character in it). */
  invalidCredentials: 'InvalidCredentials',
  outcomeUnknown: 'OutcomeUnknown',
  /** An HTTP error status whose body carried no error code. */
  httpError: 'HttpError',
  /** A 3xx answer (never followed). */
  redirect: 'HttpRedirect',
  /** A listing whose pages repeat (the same items or tokens again, or empty pages that never end). */
  pagingLoop: 'PagingLoop',
  /** A listing longer than the page or item bound. */
  pagingLimit: 'PagingLimit',
} as const;

export interface CloudErrorInit {
  kind: ErrorKind;
  provider: Provider;
  action: string;
  region: string;
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  retryable?: boolean;
  /** The request field (invalid-input) or response field path (malformed-response) at fault. */
  field?: string;
  /**
   * Transport failures only: whether the request may have reached the server.
   * false = provably not sent (connect refused, connect timeout); true = maybe sent.
   */
  sent?: boolean;
  cause?: unknown;
  /**
   * Values to scrub from the texts (the call's AccessKey secret, STS token and signature): the message, code,
   * RequestId and field may echo what the server received. Encoded forms are scrubbed too (see redact.ts).
   */
  secrets?: readonly string[];
}

/** Longest RequestId and code kept (a server's are under 100 characters). */
const MAX_ID = 128;

/** A text from (or built from) a server answer, redacted; undefined stays undefined. */
function clean(s: string | undefined, secrets: readonly string[], max = Infinity): string | undefined {
  if (s === undefined) return undefined;
  const r = redact(String(s), secrets);
  return r.length > max ? r.slice(0, max) + '…' : r;
}

/** A foreign cause whose message carries secret text is replaced by a plain Error with the redacted message. */
function cleanCause(cause: unknown, secrets: readonly string[]): unknown {
  if (!(cause instanceof Error) || cause instanceof CloudError) return cause;
  const m = clean(cause.message, secrets)!;
  if (m === cause.message) return cause;
  const e = new Error(m);
  e.name = cause.name;
  return e;
}

/**
 * The one error type of the cloud library. Its message, code, RequestId and field are redacted when it is
 * built (pattern rules plus `secrets`), so no surface that shows them can show a secret.
 */
export class CloudError extends Error {
  readonly kind: ErrorKind;
  readonly provider: Provider;
  readonly action: string;
  readonly region: string;
  readonly code: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly field?: string;
  /** See `CloudErrorInit.sent`; undefined when not a transport failure. */
  readonly sent?: boolean;

  constructor(init: CloudErrorInit) {
    const secrets = init.secrets ?? [];
    super(clean(init.message, secrets), init.cause === undefined ? undefined : { cause: cleanCause(init.cause, secrets) });
    this.name = 'CloudError';
    this.kind = init.kind;
    this.provider = init.provider;
    this.action = init.action;
    this.region = init.region;
    this.code = clean(init.code, secrets, MAX_ID)!;
    this.httpStatus = init.httpStatus;
    this.requestId = clean(init.requestId, secrets, MAX_ID);
    this.retryable = init.retryable ?? false;
    this.field = clean(init.field, secrets);
    this.sent = init.sent;
  }

  /** One line for logs: `[Code] message (provider action region, HTTP 400, RequestId …)`. */
  describe(): string {
    const where = [this.provider, this.action, this.region].filter(Boolean).join(' ');
    const extra = [where, this.httpStatus ? `HTTP ${this.httpStatus}` : '', this.requestId ? `RequestId ${this.requestId}` : '']
      .filter(Boolean)
      .join(', ');
    return `[${this.code}] ${this.message} (${extra})`;
  }
}

export function isCloudError(e: unknown): e is CloudError {
  return e instanceof CloudError;
}
