/**
 * The two CLIs' config files and the environment variables, parsed into one profile shape. Read only; the
 * secrets in a parsed profile are used for one resolution and dropped (see `summarize`).
 *
 * The CLI readers: aliyunConfig.ts and volcengineConfig.ts (their sources are in their header comments);
 * configFile.ts holds what both share.
 */
import type { Provider } from '../types';
import type { CredentialError } from './errors';
import { maskKeyId } from '../redact';

export { MAX_CONFIG_BYTES, malformedFile } from './configFile';
export { ALIYUN_KNOWN_MODES, ALIYUN_SUPPORTED_MODES, parseAliyunConfig, parseAliyunProfile } from './aliyunConfig';
export { VOLCENGINE_SUPPORTED_MODES, parseVolcengineConfig, parseVolcengineProfile, unixToDate } from './volcengineConfig';

/** How a profile gets its credentials. */
export type AuthKind = 'ak' | 'sts' | 'assume-role' | 'chain' | 'ecs-role' | 'unsupported';

export interface ParsedProfile {
  readonly provider: Provider;
  readonly name: string;
  /** The mode as the CLI names it (`AK`, `RamRoleArn`, `ak`, `ramrolearn`, …). */
  readonly mode: string;
  readonly kind: AuthKind;
  readonly region?: string;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** Role ARN (Alibaba) or TRN (Volcengine) to assume. */
  readonly role?: string;
  readonly sessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  readonly stsRegion?: string;
  readonly stsEndpoint?: string;
  readonly sourceProfile?: string;
  /** Instance role name (EcsRamRole / ecsrole). */
  readonly ecsRoleName?: string;
  /** Volcengine `sts-expiration` of stored STS credentials. */
  readonly stsExpiration?: Date;
  /** Set when the profile cannot be used as written. */
  readonly problem?: CredentialError;
}

/** What may be shown and kept: no secret. */
export interface ProfileSummary {
  readonly provider: Provider;
  readonly name: string;
  readonly mode: string;
  readonly kind: AuthKind;
  readonly region?: string;
  readonly maskedKeyId?: string;
  readonly role?: string;
  /** Last path segment of the role (`acs:ram::1:role/ops` → `ops`). */
  readonly roleName?: string;
  readonly sourceProfile?: string;
  readonly stsExpiration?: Date;
  readonly current: boolean;
  readonly problem?: CredentialError;
}

export interface ParsedConfig {
  readonly provider: Provider;
  readonly file: string;
  readonly current?: string;
  readonly profiles: readonly ParsedProfile[];
}

export function roleNameOf(role: string | undefined): string | undefined {
  if (!role) return undefined;
  const i = role.lastIndexOf('/');
  return i >= 0 ? role.slice(i + 1) : role;
}

export function summarize(p: ParsedProfile, current: boolean): ProfileSummary {
  return {
    provider: p.provider,
    name: p.name,
    mode: p.mode,
    kind: p.kind,
    region: p.region,
    maskedKeyId: p.accessKeyId ? maskKeyId(p.accessKeyId) : undefined,
    role: p.role,
    roleName: roleNameOf(p.role) ?? p.ecsRoleName,
    sourceProfile: p.sourceProfile,
    stsExpiration: p.stsExpiration,
    current,
    problem: p.problem,
  };
}
