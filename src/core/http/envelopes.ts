/** Error envelopes of the two APIs, and which errors are worth retrying. */
import { CloudError, LocalCodes } from '../errors';
import { redact } from '../redact';
import type { Provider } from '../types';
import type { RawResponse } from './transport';

export interface EnvelopeContext {
  action: string;
  region: string;
  /** The call's secrets (AccessKey secret, STS token, signature), scrubbed from error texts. */
  secrets?: readonly string[];
}

const REQUEST_ID_HEADERS = ['x-acs-request-id', 'x-request-id', 'x-tt-logid'];

/** RequestId from a response header, if one carries it. */
export function headerRequestId(res: RawResponse): string | undefined {
  for (const h of REQUEST_ID_HEADERS) {
    const v = res.headers[h];
    if (v) return v;
  }
  return undefined;
}

/** Cheap RequestId lookup in a raw body (no full parse). */
export function bodyRequestId(body: string): string | undefined {
  let i = body.indexOf('"RequestId"');
  if (i < 0) i = body.indexOf('"requestId"');
  if (i < 0) return undefined;
  const m = /^"[Rr]equestId"\s*:\s*"([^"\\]{1,128})"/.exec(body.slice(i, i + 200));
  return m?.[1];
}

const NEVER_RETRY =
  /^(SignatureDoesNotMatch|IncompleteSignature|InvalidSignatureMethod|MissingSignature|MissingAuthenticationToken|InvalidAccessKey|InvalidAccessKeyId|InvalidSecretToken|InvalidAuthorization|InvalidCredential|InvalidTimestamp|InvalidTimeStamp|IllegalTimestamp|AccessDenied|LackPolicy|LackProjectPolicy|Forbidden|Unauthorized|InvalidParameter|MissingParameter|MissingParamter|InvalidArgument|IdempotentParameterMismatch)(\.|$)/;

/** Whether an API error may succeed when sent again (re-signed). */
export function isRetryable(provider: Provider, httpStatus: number | undefined, code: string | undefined): boolean {
  if (code) {
    if (NEVER_RETRY.test(code)) return false;
    if (code === 'InternalError') return true;
    if (provider === 'volcengine') {
      if (code === 'FlowLimitExceeded' || code === 'IdempotentProcessing' || code === 'ServiceUnavailable' || code === 'UndefinedError')
        return true;
    } else {
      if (code === 'SignatureNonceUsed' || code === 'ServiceUnavailable' || code === 'UnknownError') return true;
      if (code.startsWith('Throttling') || code.startsWith('ServiceUnavailable.')) return true;
    }
  }
  return httpStatus === 429 || (httpStatus !== undefined && httpStatus >= 500 && httpStatus !== 501);
}

function tryJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function malformed(provider: Provider, res: RawResponse, ctx: EnvelopeContext, what: string): CloudError {
  const snippet = res.body.length === 0 ? 'an empty body' : 'a body that is not valid JSON';
  // The content type tells an HTML login or error page from a broken answer (printable ASCII, bounded).
  const type = (res.headers['content-type'] ?? '').replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
  return new CloudError({
    kind: 'malformed-response',
    provider,
    action: ctx.action,
    region: ctx.region,
    code: LocalCodes.malformed,
    message: `${what} returned ${snippet} (HTTP ${res.status}${type && res.body.length ? `, Content-Type ${type}` : ''}).`,
    httpStatus: res.status,
    requestId: headerRequestId(res) ?? bodyRequestId(res.body),
    retryable: res.status === 429 || res.status >= 500,
    secrets: ctx.secrets,
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/**
 * Redacts a server message, then drops parts that echo request material (e.g. Alibaba's "server string to sign
 * is: ...") and keeps at most 500 characters. Redacted before it is cut, so a cut cannot leave part of a secret.
 */
function scrub(message: string, ctx: EnvelopeContext): string {
  const r = redact(message, ctx.secrets);
  const i = r.search(/server string to sign/i);
  const m = i >= 0 ? r.slice(0, i).trim() : r;
  return m.length > 500 ? m.slice(0, 500) + '…' : m;
}

function httpError(provider: Provider, res: RawResponse, ctx: EnvelopeContext, requestId?: string): CloudError {
  return new CloudError({
    kind: 'api',
    provider,
    action: ctx.action,
    region: ctx.region,
    code: LocalCodes.httpError,
    message: `HTTP ${res.status} without an error code.`,
    httpStatus: res.status,
    requestId: requestId ?? headerRequestId(res),
    retryable: isRetryable(provider, res.status, undefined),
    secrets: ctx.secrets,
  });
}

/** Volcengine: any body with ResponseMetadata.Error is an error, whatever the status. `json` skips a second parse. */
export function volcengineError(res: RawResponse, ctx: EnvelopeContext, json?: unknown): CloudError | undefined {
  let body = json;
  if (body === undefined) {
    const p = tryJson(res.body);
    if (!p.ok) return malformed('volcengine', res, ctx, ctx.action || 'The request');
    body = p.value;
  }
  const meta = isObject(body) && isObject(body.ResponseMetadata) ? body.ResponseMetadata : undefined;
  const err = meta && isObject(meta.Error) ? meta.Error : undefined;
  const requestId = str(meta?.RequestId) ?? headerRequestId(res);
  if (err && (str(err.Code) || str(err.CodeN))) {
    const code = str(err.Code) ?? String(err.CodeN);
    return new CloudError({
      kind: 'api',
      provider: 'volcengine',
      action: ctx.action,
      region: ctx.region,
      code,
      message: scrub(str(err.Message) ?? code, ctx),
      httpStatus: res.status,
      requestId,
      retryable: isRetryable('volcengine', res.status, code),
      secrets: ctx.secrets,
    });
  }
  if (res.status >= 400) return httpError('volcengine', res, ctx, requestId);
  if (!isObject(body)) return malformed('volcengine', res, ctx, ctx.action || 'The request');
  return undefined;
}

const ALIYUN_SUCCESS = new Set(['200', 'OK', 'Ok', 'ok', 'Success', 'success', 'SUCCESS']);

/** Alibaba RPC: HTTP >= 400 with Code/Message/RequestId (any key case); 2xx bodies with a success Code are successes. */
export function aliyunError(res: RawResponse, ctx: EnvelopeContext, json?: unknown): CloudError | undefined {
  let body = json;
  if (body === undefined) {
    const p = tryJson(res.body);
    if (!p.ok) return malformed('aliyun', res, ctx, ctx.action || 'The request');
    body = p.value;
  }
  if (!isObject(body)) {
    if (res.status >= 400) return httpError('aliyun', res, ctx);
    return malformed('aliyun', res, ctx, ctx.action || 'The request');
  }
  const code = str(body.Code) ?? str(body.code);
  const message = str(body.Message) ?? str(body.message);
  const requestId = str(body.RequestId) ?? str(body.requestId) ?? headerRequestId(res);
  const failed = res.status >= 400 || (code !== undefined && message !== undefined && !ALIYUN_SUCCESS.has(code));
  if (!failed) return undefined;
  if (!code) return httpError('aliyun', res, ctx, requestId);
  return new CloudError({
    kind: 'api',
    provider: 'aliyun',
    action: ctx.action,
    region: ctx.region,
    code,
    message: scrub(message ?? code, ctx),
    httpStatus: res.status,
    requestId,
    retryable: isRetryable('aliyun', res.status, code),
    secrets: ctx.secrets,
  });
}

/** Parses the body once and throws the envelope's error, else returns the JSON for the schema. */
export function volcengineBody(res: RawResponse, ctx: EnvelopeContext): unknown {
  const p = tryJson(res.body);
  if (!p.ok) throw malformed('volcengine', res, ctx, ctx.action || 'The request');
  const e = volcengineError(res, ctx, p.value);
  if (e) throw e;
  return p.value;
}

export function aliyunBody(res: RawResponse, ctx: EnvelopeContext): unknown {
  const p = tryJson(res.body);
  if (!p.ok) throw malformed('aliyun', res, ctx, ctx.action || 'The request');
  const e = aliyunError(res, ctx, p.value);
  if (e) throw e;
  return p.value;
}
