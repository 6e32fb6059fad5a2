/**
 * STS AssumeRole for both clouds, signed with the project's signers.
 *
 * Alibaba STS 2015-04-01 `AssumeRole`: RPC signature V1, POST form with `RoleArn`, `RoleSessionName`,
 * `DurationSeconds`, optional `ExternalId`/`Policy`; answer `{RequestId, AssumedRoleUser {Arn, AssumedRoleId},
 * Credentials {AccessKeyId, AccessKeySecret, SecurityToken, Expiration}}`. Endpoint `sts.aliyuncs.com` or
 * `sts.<region>.aliyuncs.com`. Source: aliyun/credentials-nodejs@f61774c src/providers/ram_role_arn.ts;
 * aliyun/aliyun-cli@eadd68d config/profile.go (getSTSEndpoint).
 *
 * Volcengine STS 2018-01-01 `AssumeRole`: service `sts`, host `sts.volcengineapi.com`, signing region the
 * profile's region or `cn-beijing`; `RoleTrn` (`trn:iam::<account-id>:role/<role-name>`), `RoleSessionName`,
 * `DurationSeconds` (≥ 900); answer `{ResponseMetadata, Result {Credentials {CurrentTime, ExpiredTime, AccessKeyId,
 * SecretAccessKey, SessionToken}, AssumedRoleUser {Trn, AssumedRoleId}}}`. Source: volcengine/volcengine-go-sdk@cf20b61
 * volcengine/credentials/sts_provider.go, sts_credentials.go; @volcengine/openapi lib/services/sts (types).
 */
import * as z from 'zod/mini';
import { checkBaseUrl } from '../endpoints';
import { callWithRetry } from '../http/call';
import { aliyunBody, volcengineBody } from '../http/envelopes';
import type { RawResponse, Transport } from '../http/transport';
import { parseResponse } from '../schemas/parse';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../sign/aliyun';
import { flattenParams } from '../sign/encode';
import { signVolcengine } from '../sign/volcengine';
import type { CallRecord, Credentials, Provider } from '../types';

export const ALIYUN_STS_VERSION = '2015-04-01';
export const VOLCENGINE_STS_VERSION = '2018-01-01';
export const VOLCENGINE_STS_DEFAULT_REGION = 'cn-beijing';
/** Both SDKs default to one hour and refuse less than 900 seconds. */
export const DEFAULT_DURATION_SECONDS = 3600;
export const MIN_DURATION_SECONDS = 900;

/** Credentials with the time they stop working. */
export interface Session {
  readonly credentials: Credentials;
  readonly expiration: Date;
}

export interface AssumeRoleInput {
  transport: Transport;
  /** The caller's credentials (an AccessKey, or STS credentials when chaining). */
  credentials: Credentials;
  /** Alibaba `RoleArn` (acs:ram::…:role/…) or Volcengine `RoleTrn` (trn:iam::…:role/…). */
  role: string;
  sessionName: string;
  durationSeconds?: number;
  externalId?: string;
  /** Base URL of the STS endpoint (https, or http on loopback only). */
  endpoint: string;
  /** Volcengine signing region. */
  region?: string;
  now: () => Date;
  signal?: AbortSignal;
  onCall?: (rec: CallRecord) => void;
}

const AliyunAssumeRoleResponse = z.looseObject({
  RequestId: z.optional(z.string()),
  Credentials: z.looseObject({
    AccessKeyId: z.string().check(z.minLength(1)),
    AccessKeySecret: z.string().check(z.minLength(1)),
    SecurityToken: z.string().check(z.minLength(1)),
    Expiration: z.string(),
  }),
});

const VolcAssumeRoleResponse = z.looseObject({
  ResponseMetadata: z.looseObject({ RequestId: z.optional(z.string()) }),
  Result: z.looseObject({
    Credentials: z.looseObject({
      AccessKeyId: z.string().check(z.minLength(1)),
      SecretAccessKey: z.string().check(z.minLength(1)),
      SessionToken: z.string().check(z.minLength(1)),
      ExpiredTime: z.string(),
    }),
  }),
});

/** Default STS base URL of a provider. */
export function defaultStsEndpoint(provider: Provider, stsRegion?: string): string {
  if (provider === 'volcengine') return 'https://sts.volcengineapi.com';
  return stsRegion ? `https://sts.${stsRegion}.aliyuncs.com` : 'https://sts.aliyuncs.com';
}

/** A CLI's `sts_endpoint` (a host, or a URL) → base URL; checked like any endpoint. */
export function stsEndpointFromHost(provider: Provider, value: string): string {
  const v = value.trim().replace(/\/+$/, '');
  const url = /^[a-z]+:\/\//i.test(v) ? v : `https://${v}`;
  return checkBaseUrl(url, provider).replace(/\/+$/, '');
}

function parseExpiration(s: string, field: string, provider: Provider, requestId?: string): Date {
  const t = Date.parse(s);
  if (!Number.isFinite(t)) {
    throw new Error(
      `${provider} AssumeRole response: field ${field} is not a time (${s.slice(0, 40)})${requestId ? ` (RequestId ${requestId})` : ''}`,
    );
  }
  return new Date(t);
}

export async function assumeRoleAliyun(i: AssumeRoleInput): Promise<Session> {
  const base = checkBaseUrl(i.endpoint, 'aliyun').replace(/\/+$/, '');
  const ctx = { provider: 'aliyun' as const, action: 'AssumeRole', region: '' };
  const params = flattenParams({
    RoleArn: i.role,
    RoleSessionName: i.sessionName,
    DurationSeconds: i.durationSeconds ?? DEFAULT_DURATION_SECONDS,
    ExternalId: i.externalId || undefined,
  });
  const value = await callWithRetry(i.transport, {
    ...ctx,
    // AssumeRole has no side effect beyond issuing a token: resending is safe.
    replay: 'safe',
    signal: i.signal,
    onCall: i.onCall,
    build: () => ({
      method: 'POST',
      url: `${base}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: signAliyunRpc({
        method: 'POST',
        action: 'AssumeRole',
        version: ALIYUN_STS_VERSION,
        params,
        credentials: i.credentials,
        nonce: newNonce(),
        timestamp: aliyunTimestamp(i.now()),
      }),
    }),
    parse: (res: RawResponse) => parseResponse(AliyunAssumeRoleResponse, aliyunBody(res, ctx), { ...ctx, httpStatus: res.status }),
  });
  const c = value.Credentials;
  return {
    credentials: { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken },
    expiration: parseExpiration(c.Expiration, 'Credentials.Expiration', 'aliyun', value.RequestId),
  };
}

export async function assumeRoleVolcengine(i: AssumeRoleInput): Promise<Session> {
  const base = new URL(checkBaseUrl(i.endpoint, 'volcengine'));
  const region = i.region || VOLCENGINE_STS_DEFAULT_REGION;
  const ctx = { provider: 'volcengine' as const, action: 'AssumeRole', region };
  const path = base.pathname || '/';
  const query = flattenParams({
    Action: 'AssumeRole',
    Version: VOLCENGINE_STS_VERSION,
    RoleTrn: i.role,
    RoleSessionName: i.sessionName,
    DurationSeconds: i.durationSeconds ?? DEFAULT_DURATION_SECONDS,
  });
  const value = await callWithRetry(i.transport, {
    ...ctx,
    replay: 'safe',
    signal: i.signal,
    onCall: i.onCall,
    build: () => {
      const signed = signVolcengine({
        method: 'GET',
        host: base.host,
        path,
        query,
        region,
        service: 'sts',
        credentials: i.credentials,
        now: i.now(),
      });
      return { method: 'GET', url: `${base.origin}${path}?${signed.query}`, headers: signed.headers };
    },
    parse: (res: RawResponse) => parseResponse(VolcAssumeRoleResponse, volcengineBody(res, ctx), { ...ctx, httpStatus: res.status }),
  });
  const c = value.Result.Credentials;
  return {
    credentials: { accessKeyId: c.AccessKeyId, accessKeySecret: c.SecretAccessKey, securityToken: c.SessionToken },
    expiration: parseExpiration(c.ExpiredTime, 'Result.Credentials.ExpiredTime', 'volcengine', value.ResponseMetadata.RequestId),
  };
}

export function assumeRole(provider: Provider, i: AssumeRoleInput): Promise<Session> {
  return provider === 'aliyun' ? assumeRoleAliyun(i) : assumeRoleVolcengine(i);
}
