/**
 * STS AssumeRole for both clouds and the temporary credentials it issues. The ECS endpoints accept them (same
 * resources as the calling account) until they expire on the emulator clock, then refuse them with the expired-token
 * answer: Alibaba 400 `InvalidSecurityToken.Expired`, Volcengine 401 `InvalidSecretToken`.
 *
 * Shapes from the official SDKs: Alibaba STS 2015-04-01 (aliyun/credentials-nodejs src/providers/ram_role_arn.ts:
 * RoleArn, RoleSessionName, DurationSeconds, ExternalId, Policy → Credentials {AccessKeyId, AccessKeySecret,
 * SecurityToken, Expiration}, AssumedRoleUser {Arn, AssumedRoleId}); Volcengine STS 2018-01-01 (@volcengine/openapi
 * lib/services/sts: RoleTrn, RoleSessionName, DurationSeconds, Policy → Result.Credentials {CurrentTime,
 * ExpiredTime, AccessKeyId, SecretAccessKey, SessionToken}, AssumedRoleUser {Trn, AssumedRoleId}). The 900-second
 * minimum is the SDKs' (both refuse less); 43200 as the maximum and the role name rules are the emulator's choice.
 */
import { randomBytes } from 'node:crypto';
import { fail } from './api-error';
import type { Clock } from './clock';
import type { Provider } from './ledger';
import { volcTime } from './model';
import { Account, type AccountSpec } from './state';

export const ALI_STS_VERSION = '2015-04-01';
export const VOLC_STS_VERSION = '2018-01-01';

const ALI_ROLE = /^acs:ram::(\d{1,32}):role\/([A-Za-z0-9.\-_]{1,64})$/;
const VOLC_ROLE = /^trn:iam::(\d{1,32}):role\/([A-Za-z0-9.\-_+=,@]{1,64})$/;
const SESSION_NAME = /^[A-Za-z0-9.@\-_]{2,64}$/;

/** An account as seen through temporary credentials: the issuing account's resources, its own keys and expiry. */
export interface TemporaryAccount extends Account {
  readonly expiresAtMs: number;
  readonly role: string;
}

export interface Issued {
  provider: Provider;
  role: string;
  accessKeyId: string;
  expiresAtMs: number;
  base: string;
}

export class StsIssuer {
  private readonly temp = new Map<string, TemporaryAccount>();
  /** Roles whose AssumeRole is refused with NoPermission / AccessDenied (tests). */
  readonly refused = new Set<string>();
  /** Every issue, in order (no secrets). */
  readonly log: Issued[] = [];

  constructor(private readonly clock: Clock) {}

  /** The temporary account for an access key ID, expired or not. */
  account(accessKeyId: string): TemporaryAccount | undefined {
    return this.temp.get(accessKeyId);
  }

  isExpired(acc: Account): boolean {
    const t = (acc as Partial<TemporaryAccount>).expiresAtMs;
    return t !== undefined && this.clock.nowMs() >= t;
  }

  /** Issue credentials on behalf of base (which may itself be temporary: role chaining). */
  issue(provider: Provider, base: Account, role: string, durationSeconds: number): TemporaryAccount {
    const root = rootOf(base);
    const id = randomBytes(12).toString('hex');
    const spec: AccountSpec = {
      provider,
      accessKeyId: provider === 'aliyun' ? `STS.${id}` : `AKTP${id}`,
      accessKeySecret: randomBytes(18).toString('base64'),
      securityToken: (provider === 'aliyun' ? 'CAIS' : 'STS2') + randomBytes(48).toString('base64'),
    };
    const view = Object.create(root) as TemporaryAccount & { spec: AccountSpec; expiresAtMs: number; role: string; root: Account };
    Object.defineProperty(view, 'spec', { value: spec });
    Object.defineProperty(view, 'expiresAtMs', { value: this.clock.nowMs() + durationSeconds * 1000 });
    Object.defineProperty(view, 'role', { value: role });
    Object.defineProperty(view, 'root', { value: root });
    if (this.temp.size > 10_000) this.temp.clear();
    this.temp.set(spec.accessKeyId, view);
    this.log.push({ provider, role, accessKeyId: spec.accessKeyId, expiresAtMs: view.expiresAtMs, base: root.spec.accessKeyId });
    return view;
  }

  clear(): void {
    this.temp.clear();
    this.refused.clear();
    this.log.length = 0;
  }

  /** Alibaba AssumeRole handler → response body (without RequestId). */
  aliyunAssumeRole(base: Account, params: Record<string, string>): Record<string, unknown> {
    const role = params.RoleArn ?? '';
    if (!role) fail(400, 'MissingRoleArn', 'RoleArn is mandatory for this action.');
    const m = ALI_ROLE.exec(role);
    if (!m) fail(400, 'InvalidParameter.RoleArn', 'The parameter RoleArn is wrongly formed.');
    const session = params.RoleSessionName ?? '';
    if (!session) fail(400, 'MissingRoleSessionName', 'RoleSessionName is mandatory for this action.');
    if (!SESSION_NAME.test(session)) fail(400, 'InvalidParameter.RoleSessionName', 'The parameter RoleSessionName is wrongly formed.');
    const duration = durationOf(params.DurationSeconds, 'aliyun');
    if (this.refused.has(role)) fail(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.');
    const t = this.issue('aliyun', base, role, duration);
    return {
      AssumedRoleUser: { Arn: `${role}/${session}`, AssumedRoleId: `3${m[1].slice(0, 17)}:${session}` },
      Credentials: {
        AccessKeyId: t.spec.accessKeyId,
        AccessKeySecret: t.spec.accessKeySecret,
        SecurityToken: t.spec.securityToken,
        Expiration: new Date(t.expiresAtMs).toISOString().slice(0, 19) + 'Z',
      },
    };
  }

  /** Volcengine AssumeRole handler → Result. */
  volcengineAssumeRole(base: Account, params: Record<string, string>): Record<string, unknown> {
    const role = params.RoleTrn ?? '';
    if (!role) fail(400, 'MissingParameter', 'The request is missing RoleTrn parameter.');
    const m = VOLC_ROLE.exec(role);
    if (!m) fail(400, 'InvalidParameter', 'The parameter RoleTrn is invalid.');
    const session = params.RoleSessionName ?? '';
    if (!session) fail(400, 'MissingParameter', 'The request is missing RoleSessionName parameter.');
    if (!SESSION_NAME.test(session)) fail(400, 'InvalidParameter', 'The parameter RoleSessionName is invalid.');
    const duration = durationOf(params.DurationSeconds, 'volcengine');
    if (this.refused.has(role)) fail(403, 'AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${role}`);
    const t = this.issue('volcengine', base, role, duration);
    return {
      Credentials: {
        CurrentTime: volcTime(this.clock.nowMs()),
        ExpiredTime: volcTime(t.expiresAtMs),
        AccessKeyId: t.spec.accessKeyId,
        SecretAccessKey: t.spec.accessKeySecret,
        SessionToken: t.spec.securityToken,
      },
      AssumedRoleUser: { Trn: `${role.replace(':role/', ':assumed-role/')}/${session}`, AssumedRoleId: `${m[1]}:${session}` },
    };
  }
}

function rootOf(a: Account): Account {
  return (a as Account & { root?: Account }).root ?? a;
}

function durationOf(raw: string | undefined, provider: Provider): number {
  if (raw === undefined || raw === '') return 3600;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 900 || n > 43200) {
    fail(
      400,
      provider === 'aliyun' ? 'InvalidParameter.DurationSeconds' : 'InvalidParameter',
      'DurationSeconds must be an integer from 900 to 43200.',
    );
  }
  return n;
}
