/** Alibaba Cloud signature V3 (ACS3-HMAC-SHA256) verification. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalize, type Pair } from '../encode';
import type { EmuRequest } from '../http-types';
import type { State } from '../state';
import { checkToken, type AliAuthFail, type AliAuthOk } from './auth-v1';
import { ALI_WINDOW_MS, parseAliTimestamp, type NonceStore } from './nonces';
import { authorizationParts } from '../auth-header';

const sha256hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export function parseV3Authorization(h: string): { accessKeyId: string; signedHeaders: string[]; signature: string } | undefined {
  const parts = authorizationParts(h, 'ACS3-HMAC-SHA256');
  if (!parts) return undefined;
  if (!parts.Credential || parts.SignedHeaders === undefined || !parts.Signature) return undefined;
  return {
    accessKeyId: parts.Credential,
    signedHeaders: parts.SignedHeaders.split(';')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    signature: parts.Signature,
  };
}

export function v3CanonicalRequest(
  method: string,
  path: string,
  queryPairs: Pair[],
  headers: Record<string, string>,
  signed: string[],
  payloadHash: string,
): string {
  const sorted = signed.slice().sort();
  const lines = sorted.map((h) => `${h}:${(headers[h] ?? '').trim()}\n`).join('');
  return [method.toUpperCase(), path || '/', canonicalize(queryPairs), lines, sorted.join(';'), payloadHash].join('\n');
}

export function v3Signature(canonicalRequest: string, secret: string): { stringToSign: string; signature: string } {
  const stringToSign = 'ACS3-HMAC-SHA256\n' + sha256hex(canonicalRequest);
  return { stringToSign, signature: createHmac('sha256', secret).update(stringToSign, 'utf8').digest('hex') };
}

const no = (status: number, code: string, message: string): AliAuthFail => ({ ok: false, status, code, message });

/** params: query plus decoded form body (for routing, not for the signature). */
export function verifyV3(
  req: EmuRequest,
  queryPairs: Pair[],
  params: Record<string, string>,
  state: State,
  nonces: NonceStore,
): AliAuthOk | AliAuthFail {
  const a = parseV3Authorization(req.headers['authorization'] ?? '');
  if (!a)
    return no(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards. Malformed Authorization header.');
  const h = req.headers;
  for (const name of ['x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce']) {
    if (!h[name])
      return no(400, 'MissingParameter', `The input parameter “${name}” that is mandatory for processing this request is not supplied.`);
  }
  const t = parseAliTimestamp(h['x-acs-date']);
  if (!Number.isFinite(t)) return no(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.');
  if (Math.abs(Date.now() - t) > ALI_WINDOW_MS)
    return no(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
  const account = state.account(a.accessKeyId, 'aliyun');
  if (!account || account.spec.provider !== 'aliyun') return no(400, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
  for (const name of Object.keys(h)) {
    if ((name.startsWith('x-acs-') || name === 'host') && !a.signedHeaders.includes(name)) {
      return no(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. Header ${name} must be signed.`);
    }
  }
  const bodyHash = sha256hex(req.body);
  const claimed = h['x-acs-content-sha256'];
  if (claimed !== undefined && claimed.toLowerCase() !== bodyHash) {
    return no(
      400,
      'SignatureDoesNotMatch',
      'Specified signature is not matched with our calculation. x-acs-content-sha256 does not match the request body.',
    );
  }
  const cr = v3CanonicalRequest(req.method, req.path, queryPairs, h, a.signedHeaders, claimed ?? bodyHash);
  const { stringToSign, signature } = v3Signature(cr, account.spec.accessKeySecret);
  const given = a.signature.toLowerCase();
  if (given.length !== signature.length || !timingSafeEqual(Buffer.from(given), Buffer.from(signature))) {
    return no(
      400,
      'SignatureDoesNotMatch',
      `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
    );
  }
  if (!nonces.use(account.spec.accessKeyId, h['x-acs-signature-nonce']))
    return no(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
  const tokenErr = checkToken(account, h['x-acs-security-token'], state);
  if (tokenErr) return tokenErr;
  return { ok: true, account, params };
}
