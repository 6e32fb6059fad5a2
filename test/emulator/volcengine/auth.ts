/** Volcengine HMAC-SHA256 request verification (independent of src/core/sign). */
import { createHash, createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { canonicalize, pairsToParams, parsePairs, type Pair } from '../encode';
import type { EmuRequest } from '../http-types';
import type { Account, State } from '../state';
import { authorizationParts } from '../auth-header';

export const FRESHNESS_MS = 15 * 60_000;

export interface VolcAuthOk {
  ok: true;
  account: Account;
  region: string;
  params: Record<string, string>;
}
export interface VolcAuthFail {
  ok: false;
  status: number;
  code: string;
  message: string;
  region: string;
  params: Record<string, string>;
}

const sha256hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

export function volcSigningKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(secret, date), region), service), 'request');
}

// Derived keys by scope, kept as key objects (on Node 24 an HMAC with a Buffer key costs several times as much).
const keys = new Map<string, KeyObject>();

function cachedSigningKey(secret: string, date: string, region: string, service: string): KeyObject {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  let k = keys.get(id);
  if (!k) {
    if (keys.size >= 64) keys.clear();
    keys.set(id, (k = createSecretKey(volcSigningKey(secret, date, region, service))));
  }
  return k;
}

export function volcCanonicalRequest(
  method: string,
  path: string,
  canonicalQuery: string,
  headers: Record<string, string>,
  signed: string[],
  bodyHash: string,
): string {
  const lines = signed.map((h) => `${h}:${(headers[h] ?? '').replace(/\s+/g, ' ').trim()}\n`).join('');
  return [method.toUpperCase(), path || '/', canonicalQuery, lines, signed.join(';'), bodyHash].join('\n');
}

/** Parse `HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` (extra parts ignored). */
export function parseVolcAuthorization(h: string): { credential: string; signedHeaders: string; signature: string } | undefined {
  const parts = authorizationParts(h, 'HMAC-SHA256');
  if (!parts) return undefined;
  if (!parts.Credential || parts.SignedHeaders === undefined || !parts.Signature) return undefined;
  return { credential: parts.Credential, signedHeaders: parts.SignedHeaders, signature: parts.Signature };
}

function parseXDate(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** Decode query and (form or JSON) body into params. Throws on malformed encoding. */
export function volcParams(req: EmuRequest): { queryPairs: Pair[]; params: Record<string, string> } {
  const queryPairs = parsePairs(req.rawQuery);
  const params = pairsToParams(queryPairs);
  if (req.method === 'POST' && req.body) {
    const ct = (req.headers['content-type'] ?? '').toLowerCase();
    if (ct.includes('application/json')) {
      const j = JSON.parse(req.body) as unknown;
      if (j && typeof j === 'object') flatten(j as Record<string, unknown>, '', params);
    } else if (ct === '' || ct.includes('x-www-form-urlencoded')) {
      for (const [k, v] of parsePairs(req.body)) params[k] = v;
    }
  }
  return { queryPairs, params };
}

function flatten(o: unknown, prefix: string, out: Record<string, string>): void {
  if (o === null || o === undefined) return;
  if (Array.isArray(o)) {
    o.forEach((v, i) => flatten(v, `${prefix}.${i + 1}`, out));
    return;
  }
  if (typeof o === 'object') {
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  out[prefix] = String(o);
}

export function verifyVolcengine(
  req: EmuRequest,
  state: State,
  queryPairs: Pair[],
  params: Record<string, string>,
  expectService = 'ecs',
): VolcAuthOk | VolcAuthFail {
  let region = '';
  const no = (status: number, code: string, message: string): VolcAuthFail => ({ ok: false, status, code, message, region, params });
  const auth = req.headers['authorization'];
  if (!auth) return no(401, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const parsed = parseVolcAuthorization(auth);
  if (!parsed) return no(400, 'InvalidAuthorization', "Invalid 'Authorization' header, Pls check authorization header.");
  const cred = parsed.credential.split('/');
  if (cred.length !== 5 || cred[4] !== 'request' || !cred[0] || !/^\d{8}$/.test(cred[1]) || !cred[2] || !cred[3]) {
    return no(400, 'InvalidCredential', "Invalid credential in 'Authorization', Pls check credential in authorization header.");
  }
  const [ak, scopeDate, scopeRegion, service] = cred;
  region = scopeRegion;
  const account = state.account(ak, 'volcengine');
  if (!account || account.spec.provider !== 'volcengine')
    return no(401, 'InvalidAccessKey', `The accesskey [${ak}] included in the request is invalid.`);
  if (service !== expectService) return no(404, 'ServiceNotFound', `This service[${service}] not found.`);
  const xdate = req.headers['x-date'];
  if (!xdate) return no(400, 'MissingRequestInfo', 'The request is missing X-Date information.');
  const t = parseXDate(xdate);
  if (!Number.isFinite(t) || Math.abs(Date.now() - t) > FRESHNESS_MS)
    return no(403, 'InvalidTimestamp', 'The Signature of the request is expired.');
  if (scopeDate !== xdate.slice(0, 8)) return no(400, 'InvalidCredential', 'The date in the credential scope does not match X-Date.');
  const signed = parsed.signedHeaders
    .split(';')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const mustSign = ['x-date', 'x-security-token', 'x-content-sha256'].filter((h) => req.headers[h] !== undefined);
  for (const h of mustSign)
    if (!signed.includes(h))
      return no(
        401,
        'SignatureDoesNotMatch',
        `The request signature we calculated does not match the signature you provided. Header ${h} must be signed.`,
      );
  const bodyHash = sha256hex(req.body);
  const claimed = req.headers['x-content-sha256'];
  if (claimed !== undefined && claimed.toLowerCase() !== bodyHash) {
    return no(
      401,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. X-Content-Sha256 does not match the body.',
    );
  }
  const cr = volcCanonicalRequest(req.method, req.path, canonicalize(queryPairs), req.headers, signed, bodyHash);
  const sts = ['HMAC-SHA256', xdate, `${scopeDate}/${scopeRegion}/${service}/request`, sha256hex(cr)].join('\n');
  const expect = createHmac('sha256', cachedSigningKey(account.spec.accessKeySecret, scopeDate, scopeRegion, service))
    .update(sts, 'utf8')
    .digest('hex');
  const given = parsed.signature.toLowerCase();
  if (given.length !== expect.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expect))) {
    return no(
      401,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  const token = req.headers['x-security-token'];
  if ((account.spec.securityToken ?? undefined) !== token) {
    return no(
      401,
      'InvalidSecretToken',
      `Invalid secret token, msg: ${token === undefined ? 'missing X-Security-Token' : 'token does not match the access key'}.`,
    );
  }
  if (state.expired?.(account)) return no(401, 'InvalidSecretToken', 'Invalid secret token, msg: token expired.');
  return { ok: true, account, region, params };
}
