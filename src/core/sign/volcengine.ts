import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { Credentials, Params } from '../types';
import { canonicalQuery } from './encode';

/** What the Volcengine signer needs for one request. */
export interface VolcSignInput {
  method: 'GET' | 'POST';
  /** URL.host, with the port when there is one. */
  host: string;
  /** Path as sent on the wire (already encoded). Default `/`. */
  path?: string;
  query: Params;
  /** Extra headers. Signed unless unsignable (authorization, content-type, content-length, user-agent, presigned-expires, expect). */
  headers?: Record<string, string>;
  body?: string;
  region: string;
  /** `ecs` */
  service: string;
  credentials: Credentials;
  now: Date;
  /** Header names (any case) to sign even if unsignable, e.g. `content-type`. They must be present in `headers`. */
  signHeaders?: string[];
}

export interface VolcSigned {
  /** Canonical query, sent as is on the wire. */
  query: string;
  /**
   * Headers to send besides Host: `X-Date`, `Authorization`, `X-Security-Token` (STS), `X-Content-Sha256`
   * (when there is a body) and every header of `input.headers` that the signature covers.
   */
  headers: Record<string, string>;
}

const ALGORITHM = 'HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const UNSIGNABLE = new Set(['authorization', 'content-type', 'content-length', 'user-agent', 'presigned-expires', 'expect']);
/** Headers the signer sets itself; the caller's copies are ignored. */
const OWN = new Set(['host', 'x-date', 'x-security-token', 'authorization']);

/** `YYYYMMDD'T'HHMMSS'Z'` in UTC. */
export function volcDate(d: Date): string {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:mm:ss.sssZ
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
}

const KEY_CACHE_MAX = 32;
// Kept as KeyObjects: on Node 24 createHmac with a Buffer key costs ~6× as much as with a KeyObject.
const keyCache = new Map<string, KeyObject>();

function signingKey(secret: string, date: string, region: string, service: string): KeyObject {
  const id = date + '\n' + region + '\n' + service + '\n' + secret;
  let key = keyCache.get(id);
  if (key === undefined) {
    const kDate = createHmac('sha256', secret).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createSecretKey(createHmac('sha256', kService).update('request').digest());
    if (keyCache.size >= KEY_CACHE_MAX) {
      keyCache.delete(keyCache.keys().next().value as string);
    }
    keyCache.set(id, key);
  }
  return key;
}

function normalizeValue(v: string): string {
  return v.replace(/\s+/g, ' ').trim();
}

interface HeaderEntry {
  lower: string;
  name: string;
  value: string;
}

interface Prepared {
  xDate: string;
  query: string;
  signedHeaders: string;
  canonicalRequest: string;
  headers: Record<string, string>;
}

function prepare(input: VolcSignInput): Prepared {
  const xDate = volcDate(input.now);
  const token = input.credentials.securityToken;
  const query = canonicalQuery(input.query);
  const out: Record<string, string> = { 'X-Date': xDate };
  if (token) {
    out['X-Security-Token'] = token;
  }

  let canonicalHeaders: string;
  let signedHeaders: string;
  let payloadHash = EMPTY_SHA256;
  const extra = input.headers;
  if (extra === undefined && !input.body) {
    // Common case: host, x-date and maybe x-security-token, already in order.
    canonicalHeaders = 'host:' + input.host + '\nx-date:' + xDate + '\n';
    signedHeaders = 'host;x-date';
    if (token) {
      canonicalHeaders += 'x-security-token:' + normalizeValue(token) + '\n';
      signedHeaders += ';x-security-token';
    }
  } else {
    const entries: HeaderEntry[] = [
      { lower: 'host', name: 'Host', value: input.host },
      { lower: 'x-date', name: 'X-Date', value: xDate },
    ];
    if (token) {
      entries.push({ lower: 'x-security-token', name: 'X-Security-Token', value: token });
    }
    let bodyHash: string | undefined;
    if (extra !== undefined) {
      const forced = input.signHeaders?.map((h) => h.toLowerCase());
      for (const name of Object.keys(extra)) {
        const lower = name.toLowerCase();
        if (lower === 'x-content-sha256') {
          bodyHash = extra[name];
        }
        if (OWN.has(lower) || (UNSIGNABLE.has(lower) && !forced?.includes(lower))) {
          continue;
        }
        entries.push({ lower, name, value: extra[name] });
        out[name] = extra[name];
      }
    }
    if (bodyHash !== undefined) {
      payloadHash = bodyHash;
    } else if (input.body) {
      payloadHash = createHash('sha256').update(input.body, 'utf8').digest('hex');
      entries.push({ lower: 'x-content-sha256', name: 'X-Content-Sha256', value: payloadHash });
      out['X-Content-Sha256'] = payloadHash;
    }
    entries.sort((a, b) => (a.lower < b.lower ? -1 : a.lower > b.lower ? 1 : 0));
    canonicalHeaders = '';
    signedHeaders = '';
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      canonicalHeaders += e.lower + ':' + normalizeValue(e.value) + '\n';
      signedHeaders += (i === 0 ? '' : ';') + e.lower;
    }
  }

  const canonicalRequest =
    input.method + '\n' + (input.path || '/') + '\n' + query + '\n' + canonicalHeaders + '\n' + signedHeaders + '\n' + payloadHash;
  return { xDate, query, signedHeaders, canonicalRequest, headers: out };
}

/** The canonical request `signVolcengine` signs (for tests and diagnostics). */
export function volcCanonicalRequest(input: VolcSignInput): string {
  return prepare(input).canonicalRequest;
}

/** Signs a request with HMAC-SHA256 (header variant). */
export function signVolcengine(input: VolcSignInput): VolcSigned {
  const { xDate, query, signedHeaders, canonicalRequest, headers: out } = prepare(input);
  const date = xDate.slice(0, 8);
  const scope = date + '/' + input.region + '/' + input.service + '/request';
  const stringToSign = ALGORITHM + '\n' + xDate + '\n' + scope + '\n' + createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  const signature = createHmac('sha256', signingKey(input.credentials.accessKeySecret, date, input.region, input.service))
    .update(stringToSign, 'utf8')
    .digest('hex');
  out['Authorization'] =
    ALGORITHM +
    ' Credential=' +
    input.credentials.accessKeyId +
    '/' +
    scope +
    ', SignedHeaders=' +
    signedHeaders +
    ', Signature=' +
    signature;
  return { query, headers: out };
}
