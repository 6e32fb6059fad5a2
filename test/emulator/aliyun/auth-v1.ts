/** Alibaba Cloud RPC signature V1 (HMAC-SHA1) verification. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalize, percentEncode, type Pair } from '../encode';
import type { State, Account } from '../state';
import { ALI_WINDOW_MS, parseAliTimestamp, type NonceStore } from './nonces';

export interface AliAuthOk {
  ok: true;
  account: Account;
  params: Record<string, string>;
}
export interface AliAuthFail {
  ok: false;
  status: number;
  code: string;
  message: string;
}

export function rpcStringToSign(method: string, pairs: Pair[]): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalize(pairs))}`;
}

export function rpcSign(stringToSign: string, secret: string): string {
  return createHmac('sha1', secret + '&')
    .update(stringToSign, 'utf8')
    .digest('base64');
}

const missing = (name: string): AliAuthFail => ({
  ok: false,
  status: 400,
  code: 'MissingParameter',
  message: `The input parameter “${name}” that is mandatory for processing this request is not supplied.`,
});

/** pairs: query pairs plus decoded form-body pairs (POST). */
export function verifyRpcV1(method: string, pairs: Pair[], state: State, nonces: NonceStore): AliAuthOk | AliAuthFail {
  const params: Record<string, string> = Object.create(null);
  for (const [k, v] of pairs) params[k] = v;
  for (const name of ['AccessKeyId', 'Signature', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion']) {
    if (params[name] === undefined || params[name] === '') {
      if (name === 'Signature' || name === 'SignatureMethod' || name === 'SignatureVersion') {
        return {
          ok: false,
          status: 400,
          code: 'IncompleteSignature',
          message: `The request signature does not conform to Aliyun standards. ${name} is missing.`,
        };
      }
      return missing(name);
    }
  }
  if (params.SignatureMethod !== 'HMAC-SHA1')
    return { ok: false, status: 400, code: 'InvalidSignatureMethod', message: 'Specified signature method is not valid.' };
  if (params.SignatureVersion !== '1.0')
    return {
      ok: false,
      status: 400,
      code: 'IncompleteSignature',
      message: 'The request signature does not conform to Aliyun standards. SignatureVersion must be 1.0.',
    };
  const t = parseAliTimestamp(params.Timestamp);
  if (!Number.isFinite(t))
    return {
      ok: false,
      status: 400,
      code: 'InvalidTimeStamp.Format',
      message: 'Specified time stamp or date value is not well formatted.',
    };
  if (Math.abs(Date.now() - t) > ALI_WINDOW_MS)
    return { ok: false, status: 400, code: 'InvalidTimeStamp.Expired', message: 'Specified time stamp or date value is expired.' };
  const account = state.account(params.AccessKeyId, 'aliyun');
  if (!account || account.spec.provider !== 'aliyun')
    return { ok: false, status: 400, code: 'InvalidAccessKeyId.NotFound', message: 'Specified access key is not found.' };
  const signed = pairs.filter(([k]) => k !== 'Signature');
  const sts = rpcStringToSign(method, signed);
  const expect = rpcSign(sts, account.spec.accessKeySecret);
  const given = params.Signature;
  if (given.length !== expect.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expect))) {
    return {
      ok: false,
      status: 400,
      code: 'SignatureDoesNotMatch',
      message: `Specified signature is not matched with our calculation. server string to sign is:${sts}`,
    };
  }
  if (!nonces.use(account.spec.accessKeyId, params.SignatureNonce))
    return { ok: false, status: 400, code: 'SignatureNonceUsed', message: 'Specified signature nonce was used already.' };
  const tokenErr = checkToken(account, params.SecurityToken, state);
  if (tokenErr) return tokenErr;
  return { ok: true, account, params };
}

export function checkToken(account: Account, token: string | undefined, state?: State): AliAuthFail | undefined {
  const want = account.spec.securityToken;
  if (want === undefined && token === undefined) return undefined;
  if (want !== undefined && token === undefined)
    return { ok: false, status: 400, code: 'MissingSecurityToken', message: 'SecurityToken is mandatory for this action.' };
  if (want !== token)
    return {
      ok: false,
      status: 400,
      code: 'InvalidSecurityToken.MismatchWithAccessKey',
      message: 'Specified SecurityToken mismatch with the AccessKey.',
    };
  if (state?.expired?.(account))
    return { ok: false, status: 400, code: 'InvalidSecurityToken.Expired', message: 'Specified SecurityToken is expired.' };
  return undefined;
}
