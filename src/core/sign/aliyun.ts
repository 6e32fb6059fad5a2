import * as crypto from 'node:crypto';
import type { Credentials, Params } from '../types';
import { canonicalQuery, KeySetCache, percentEncode } from './encode';

/** What the Alibaba Cloud RPC signer (signature V1) needs for one request. */
export interface AliyunRpcSignInput {
  method: 'GET' | 'POST';
  action: string;
  /** `2014-05-26` */
  version: string;
  /** Operation parameters, already flattened. */
  params: Params;
  credentials: Credentials;
  /** Unique per request: `newNonce()`. */
  nonce: string;
  /** `aliyunTimestamp(now)` */
  timestamp: string;
  format?: 'JSON';
}

let tsSecond = NaN;
let tsText = '';

/** `yyyy-MM-ddTHH:mm:ssZ` in UTC, without milliseconds. */
export function aliyunTimestamp(d: Date): string {
  const s = Math.floor(d.getTime() / 1000);
  if (s !== tsSecond) {
    tsText = d.toISOString().slice(0, 19) + 'Z';
    tsSecond = s;
  }
  return tsText;
}

/** A fresh `SignatureNonce`. */
export function newNonce(): string {
  return crypto.randomUUID();
}

// HMAC-SHA1 as two one-shot hashes (much cheaper per call than createHmac): inner = H(key^ipad || msg),
// outer = H(key^opad || inner). For an ASCII key of at most 64 bytes key^ipad is ASCII too, so the inner
// input is a plain string.
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined;
let padKey: string | undefined;
let ipadText: string | undefined; // key ^ ipad as text, when ASCII
const ipad = Buffer.alloc(64);
const outer = Buffer.alloc(64 + 20); // key ^ opad, then the inner digest

function setKey(key: string): void {
  let k = Buffer.from(key, 'utf8');
  if (k.length > 64) {
    k = crypto.createHash('sha1').update(k).digest();
  }
  let ascii = true;
  for (let i = 0; i < 64; i++) {
    const b = i < k.length ? k[i] : 0;
    ascii &&= b < 0x80;
    ipad[i] = b ^ 0x36;
    outer[i] = b ^ 0x5c;
  }
  ipadText = ascii ? ipad.toString('latin1') : undefined;
  padKey = key;
}

/** base64(HMAC-SHA1(key, msg)); `msg` must be ASCII (a string to sign always is). */
function hmacSha1Base64(key: string, msg: string): string {
  if (oneShot === undefined) {
    return crypto.createHmac('sha1', key).update(msg, 'latin1').digest('base64');
  }
  if (key !== padKey) {
    setKey(key);
  }
  // The inner digest travels as a 20-character latin1 string: cheaper than a Buffer per call.
  const innerDigest =
    ipadText !== undefined
      ? oneShot('sha1', ipadText + msg, 'binary')
      : oneShot('sha1', Buffer.concat([ipad, Buffer.from(msg, 'latin1')]), 'binary');
  outer.write(innerDigest, 64, 'latin1');
  return oneShot('sha1', outer, 'base64');
}

/**
 * Signature V1 of `params` (all parameters but `Signature`), not yet percent-encoded:
 * base64(HMAC-SHA1(secret + '&', METHOD + '&%2F&' + percentEncode(canonicalQuery(params)))).
 */
export function rpcSignature(params: Params, method: string, secret: string): string {
  return hmacSha1Base64(secret + '&', method + '&%2F&' + percentEncode(canonicalQuery(params)));
}

/** Common parameter names, sorted; they take precedence over same-named entries of `params`. */
const COMMON = [
  'AccessKeyId',
  'Action',
  'Format',
  'SecurityToken',
  'SignatureMethod',
  'SignatureNonce',
  'SignatureVersion',
  'Timestamp',
  'Version',
];
const RESERVED = new Set([...COMMON, 'Signature']);

/** An already percent-encoded text, encoded once more (only `%` can occur besides unreserved characters). */
function reEncode(s: string): string {
  return s.replaceAll('%', '%25');
}

/** One parameter of the canonical query, in order. */
interface Step {
  key: string;
  /** Index into the common values, or -1 for an operation parameter. */
  common: number;
  /** `enc(key)=` */
  pair: string;
  /** The same, encoded again for the StringToSign: `reEncode(enc(key))%3D` */
  signed: string;
}

/** The sorted merge of the operation parameter names with the common ones, memoized per key set. */
const plans = new KeySetCache<Step[]>((keys) => {
  const user = keys.filter((k) => !RESERVED.has(k)).sort();
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < user.length || j < COMMON.length) {
    const fromUser = j >= COMMON.length || (i < user.length && user[i] < COMMON[j]);
    const key = fromUser ? user[i++] : COMMON[j];
    const ek = percentEncode(key);
    steps.push({ key, common: fromUser ? -1 : j++, pair: ek + '=', signed: reEncode(ek) + '%3D' });
  }
  return steps;
});

// The last value of each common parameter with its encodings: the key ID, action, version and
// timestamp repeat from call to call.
const lastCommon: (string | undefined)[] = COMMON.map(() => undefined);
const lastEncoded: string[] = COMMON.map(() => '');
const lastSigned: string[] = COMMON.map(() => '');

/**
 * Adds the common parameters to `input.params`, signs, and returns the whole canonical query string
 * with `Signature=<encoded>` last. GET sends it as the query (`/?<string>`); POST sends the same string as
 * an `application/x-www-form-urlencoded` body to `/` (the StringToSign then starts with `POST&`).
 */
export function signAliyunRpc(input: AliyunRpcSignInput): string {
  const c = input.credentials;
  // In COMMON order.
  const common = [
    c.accessKeyId,
    input.action,
    input.format ?? 'JSON',
    c.securityToken || undefined,
    'HMAC-SHA1',
    input.nonce,
    '1.0',
    input.timestamp,
    input.version,
  ];
  const params = input.params;
  const steps = plans.get(Object.keys(params));
  // The canonical query and its percent-encoded form (for the StringToSign), built in one pass.
  let query = '';
  let encoded = '';
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const ci = step.common;
    const v = ci < 0 ? (params[step.key] as string | null | undefined) : common[ci];
    if (v === undefined || v === null) {
      continue;
    }
    let ev: string;
    let rv: string;
    if (ci >= 0 && lastCommon[ci] === v) {
      ev = lastEncoded[ci];
      rv = lastSigned[ci];
    } else {
      ev = percentEncode(v);
      // An unchanged value has no '%' to encode again.
      rv = ev === v ? v : reEncode(ev);
      if (ci >= 0) {
        lastCommon[ci] = v;
        lastEncoded[ci] = ev;
        lastSigned[ci] = rv;
      }
    }
    if (query === '') {
      query = step.pair + ev;
      encoded = step.signed + rv;
    } else {
      query += '&' + step.pair + ev;
      encoded += '%26' + step.signed + rv;
    }
  }
  const signature = hmacSha1Base64(c.accessKeySecret + '&', input.method + '&%2F&' + encoded);
  return query + '&Signature=' + percentEncode(signature);
}
