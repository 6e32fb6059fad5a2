/** Role profiles: where their AssumeRole goes, what identifies their session, and the error when it fails. */
import { createHash } from 'node:crypto';
import { CloudError } from '../errors';
import type { Credentials } from '../types';
import { CredentialError, isCredentialError } from './errors';
import { roleNameOf, type ParsedProfile } from './profiles';
import { defaultStsEndpoint, stsEndpointFromHost } from './sts';

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** The STS endpoint of a role profile: the override, else the profile's sts_endpoint, else the default. */
export function stsEndpointOf(p: ParsedProfile, override: string | undefined): string {
  if (override) return override;
  if (p.stsEndpoint) return stsEndpointFromHost(p.provider, p.stsEndpoint);
  return defaultStsEndpoint(p.provider, p.stsRegion);
}

/** What a cached session was made from (secrets as digests): a change of any of it needs a new session. */
export function roleFingerprint(p: ParsedProfile, sessionName: string, endpoint: string, source: Credentials): string {
  return [
    'sts',
    p.role,
    sessionName,
    p.durationSeconds ?? '',
    p.externalId ?? '',
    endpoint,
    p.region ?? '',
    source.accessKeyId,
    sha(source.accessKeySecret),
    source.securityToken ? sha(source.securityToken) : '',
  ].join('|');
}

export function staticOf(p: ParsedProfile): Credentials {
  return p.securityToken
    ? { accessKeyId: p.accessKeyId!, accessKeySecret: p.accessKeySecret!, securityToken: p.securityToken }
    : { accessKeyId: p.accessKeyId!, accessKeySecret: p.accessKeySecret! };
}

export function assumeRoleFailed(p: ParsedProfile, e: unknown): CredentialError {
  if (isCredentialError(e)) return e;
  const reason =
    e instanceof CloudError
      ? `${e.code}: ${e.message}${e.requestId ? ` (RequestId ${e.requestId})` : ''}`
      : e instanceof Error
        ? e.message
        : String(e);
  const role = roleNameOf(p.role) ?? p.role ?? '';
  return new CredentialError({
    code: 'AssumeRoleFailed',
    provider: p.provider,
    profile: p.name,
    explain: {
      en: `Profile "${p.name}" could not assume role ${role}: ${reason}.`,
      zh: `配置“${p.name}”无法扮演角色 ${role}：${reason}。`,
    },
    next:
      p.provider === 'aliyun'
        ? {
            en: 'Check ram_role_arn, that the role trusts the calling account, and that the caller has AliyunSTSAssumeRoleAccess; then refresh.',
            zh: '请检查 ram_role_arn、角色是否信任调用方账号，以及调用方是否具有 AliyunSTSAssumeRoleAccess 权限，然后刷新。',
          }
        : {
            en: 'Check role-name and account-id (the role TRN), that the role trusts the calling user, and that the caller may call sts:AssumeRole; then refresh.',
            zh: '请检查 role-name 与 account-id（角色 TRN）、角色是否信任调用方用户，以及调用方是否有 sts:AssumeRole 权限，然后刷新。',
          },
    cause: e,
  });
}
