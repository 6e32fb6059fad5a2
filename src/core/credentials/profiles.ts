/**
 * The two CLIs' config files and the environment variables, parsed into one profile shape. Read only; the
 * secrets in a parsed profile are used for one resolution and dropped (see `summarize`).
 *
 * Alibaba CLI `~/.aliyun/config.json` — aliyun/aliyun-cli@eadd68d config/configuration.go, config/profile.go:
 * `{"current": name, "profiles": [ {name, mode, access_key_id, access_key_secret, sts_token, ram_role_arn,
 * ram_session_name, external_id, source_profile, expired_seconds, sts_region, sts_endpoint, ram_role_name,
 * region_id, …} ]}`. Modes compared case-insensitively (NormalizeMode); an empty mode is recognised from the fields
 * (AutoModeRecognition). Profile choice: ALIBABA_CLOUD_PROFILE / ALIBABACLOUD_PROFILE / ALICLOUD_PROFILE, then
 * `current`. Also aliyun/credentials-nodejs@f61774c src/providers/cli_profile.ts (same keys and modes).
 *
 * Volcengine CLI `~/.volcengine/config.json` (or VOLCENGINE_CLI_CONFIG_FILE) — volcengine/volcengine-cli@bc348d9
 * cmd/configure.go and volcengine/volcengine-go-sdk@cf20b61 volcengine/credentials/clicreds/cli_provider.go:
 * `{"current": name, "profiles": {name: {mode, access-key, secret-key, session-token, region, role-name,
 * account-id, role-trn, sts-expiration, …}}}`. Modes (lower-cased): `ak` (default; with `session-token` = STS
 * credentials), `ramrolearn` (AssumeRole of `trn:iam::<account-id>:role/<role-name>`), `ecsrole` (`role-name`),
 * and `sso`, `console-login`, `oidc`. Profile choice: `current`, then VOLCENGINE_PROFILE / VOLCSTACK_PROFILE.
 */
import type { Provider } from '../types';
import { CLI_NAME, CredentialError, configureHint } from './errors';
import { maskKeyId } from '../redact';

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

export const MAX_CONFIG_BYTES = 1 << 20;
const MAX_PROFILES = 500;

export const ALIYUN_SUPPORTED_MODES = ['AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn', 'EcsRamRole'] as const;
export const ALIYUN_KNOWN_MODES = [
  ...ALIYUN_SUPPORTED_MODES, 'RsaKeyPair', 'RamRoleArnWithRoleName', 'External', 'CredentialsURI', 'OIDC', 'CloudSSO', 'OAuth', 'BearerToken', 'Anonymous',
] as const;
export const VOLCENGINE_SUPPORTED_MODES = ['ak', 'ramrolearn', 'ecsrole'] as const;

export function roleNameOf(role: string | undefined): string | undefined {
  if (!role) return undefined;
  const i = role.lastIndexOf('/');
  return i >= 0 ? role.slice(i + 1) : role;
}

export function summarize(p: ParsedProfile, current: boolean): ProfileSummary {
  return {
    provider: p.provider, name: p.name, mode: p.mode, kind: p.kind, region: p.region,
    maskedKeyId: p.accessKeyId ? maskKeyId(p.accessKeyId) : undefined,
    role: p.role, roleName: roleNameOf(p.role) ?? p.ecsRoleName, sourceProfile: p.sourceProfile,
    stsExpiration: p.stsExpiration, current, problem: p.problem,
  };
}

export function malformedFile(provider: Provider, file: string, what: string, cause?: unknown): CredentialError {
  return new CredentialError({
    code: 'CredentialFileMalformed', provider, file,
    explain: { en: `The ${CLI_NAME[provider]} config file ${file} cannot be read as a configuration: ${what}.`, zh: `${CLI_NAME[provider]} 配置文件 ${file} 无法作为配置读取：${what}。` },
    next: provider === 'aliyun'
      ? { en: 'Fix the file (it is JSON) or run `aliyun configure` again, then refresh.', zh: '修正该文件（JSON 格式）或重新运行 `aliyun configure`，然后刷新。' }
      : { en: 'Fix the file (it is JSON) or run `ve configure set` again, then refresh.', zh: '修正该文件（JSON 格式）或重新运行 `ve configure set`，然后刷新。' },
    cause,
  });
}

function missing(provider: Provider, profile: string, mode: string, field: string): CredentialError {
  return new CredentialError({
    code: 'ProfileFieldMissing', provider, profile, field,
    explain: {
      en: `${CLI_NAME[provider]} profile "${profile}" (mode ${mode}) has no ${field}.`,
      zh: `${CLI_NAME[provider]} 配置“${profile}”（模式 ${mode}）缺少 ${field}。`,
    },
    next: configureHint(provider, profile, provider === 'aliyun' ? mode : undefined),
  });
}

function unsupported(provider: Provider, profile: string, mode: string): CredentialError {
  const next = provider === 'aliyun'
    ? {
      en: 'Use a profile with mode AK, StsToken, RamRoleArn, ChainableRamRoleArn or EcsRamRole, or set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN) before starting VS Code, or add a stored account.',
      zh: '请使用模式为 AK、StsToken、RamRoleArn、ChainableRamRoleArn 或 EcsRamRole 的配置，或在启动 VS Code 前设置 ALIBABA_CLOUD_ACCESS_KEY_ID、ALIBABA_CLOUD_ACCESS_KEY_SECRET（及 ALIBABA_CLOUD_SECURITY_TOKEN），或添加一个已保存的账号。',
    }
    : {
      en: 'Use a profile with mode ak (with session-token for STS credentials), ramrolearn or ecsrole, or set VOLCENGINE_ACCESS_KEY, VOLCENGINE_SECRET_KEY (and VOLCENGINE_SESSION_TOKEN) before starting VS Code, or add a stored account.',
      zh: '请使用模式为 ak（STS 凭证时带 session-token）、ramrolearn 或 ecsrole 的配置，或在启动 VS Code 前设置 VOLCENGINE_ACCESS_KEY、VOLCENGINE_SECRET_KEY（及 VOLCENGINE_SESSION_TOKEN），或添加一个已保存的账号。',
    };
  return new CredentialError({
    code: 'ProfileModeNotSupported', provider, profile,
    explain: {
      en: `${CLI_NAME[provider]} profile "${profile}" uses mode ${mode || '(none)'}, which ECS Explorer does not support yet.`,
      zh: `${CLI_NAME[provider]} 配置“${profile}”使用模式 ${mode || '（无）'}，ECS Explorer 暂不支持。`,
    },
    next,
  });
}

/** Parse JSON text of a config file into an object (bounded; named errors). */
function parseJsonObject(provider: Provider, text: string, file: string): Record<string, unknown> {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new CredentialError({
      code: 'CredentialFileTooLarge', provider, file,
      explain: { en: `The ${CLI_NAME[provider]} config file ${file} is larger than 1 MiB.`, zh: `${CLI_NAME[provider]} 配置文件 ${file} 超过 1 MiB。` },
      next: { en: 'Check that the path points at the CLI config file.', zh: '请确认该路径指向 CLI 配置文件。' },
    });
  }
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw malformedFile(provider, file, e instanceof Error ? e.message.slice(0, 120) : 'not JSON', e);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw malformedFile(provider, file, 'the top level is not a JSON object');
  return v as Record<string, unknown>;
}

/** Reads string fields; a present non-string field is a problem of that profile. */
class Fields {
  bad?: string;
  constructor(private readonly o: Record<string, unknown>) {}
  str(k: string): string | undefined {
    const v = this.o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') { this.bad ??= k; return undefined; }
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  int(k: string): number | undefined {
    const v = this.o[k];
    if (v === undefined || v === null || v === 0 || v === '') return undefined;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) { this.bad ??= k; return undefined; }
    return n;
  }
}

function badField(provider: Provider, file: string, profile: string, field: string): CredentialError {
  return new CredentialError({
    code: 'CredentialFileMalformed', provider, file, profile, field,
    explain: { en: `In ${file}, field ${field} of profile "${profile}" has the wrong type.`, zh: `在 ${file} 中，配置“${profile}”的字段 ${field} 类型不正确。` },
    next: configureHint(provider, profile),
  });
}

function normalizeAliyunMode(mode: string): string {
  const m = ALIYUN_KNOWN_MODES.find((k) => k.toLowerCase() === mode.toLowerCase());
  return m ?? mode;
}

export function parseAliyunProfile(o: Record<string, unknown>, file: string, fallbackName: string): ParsedProfile {
  const f = new Fields(o);
  const name = f.str('name') ?? fallbackName;
  const accessKeyId = f.str('access_key_id');
  const accessKeySecret = f.str('access_key_secret');
  const stsToken = f.str('sts_token');
  const roleArn = f.str('ram_role_arn');
  const ramRoleName = f.str('ram_role_name');
  let mode = normalizeAliyunMode(f.str('mode') ?? '');
  if (!mode) {
    // AutoModeRecognition (config/profile.go), for the modes we read.
    if (accessKeyId && accessKeySecret) mode = stsToken ? 'StsToken' : roleArn ? 'RamRoleArn' : 'AK';
    else if (ramRoleName) mode = 'EcsRamRole';
  }
  const base = {
    provider: 'aliyun' as const, name, mode,
    region: f.str('region_id'),
    accessKeyId, accessKeySecret,
    sessionName: f.str('ram_session_name'),
    externalId: f.str('external_id'),
    durationSeconds: f.int('expired_seconds'),
    stsRegion: f.str('sts_region'),
    stsEndpoint: f.str('sts_endpoint'),
    sourceProfile: f.str('source_profile'),
  };
  const fail = (problem: CredentialError, kind: AuthKind = 'unsupported'): ParsedProfile => ({ ...base, kind, problem });
  if (f.bad) return fail(badField('aliyun', file, name, f.bad));
  const needKeys = (): CredentialError | undefined =>
    !accessKeyId ? missing('aliyun', name, mode, 'access_key_id') : !accessKeySecret ? missing('aliyun', name, mode, 'access_key_secret') : undefined;
  switch (mode) {
    case 'AK': {
      const p = needKeys();
      return p ? fail(p, 'ak') : { ...base, kind: 'ak' };
    }
    case 'StsToken': {
      const p = needKeys() ?? (!stsToken ? missing('aliyun', name, mode, 'sts_token') : undefined);
      return p ? fail(p, 'sts') : { ...base, kind: 'sts', securityToken: stsToken };
    }
    case 'RamRoleArn': {
      const p = needKeys() ?? (!roleArn ? missing('aliyun', name, mode, 'ram_role_arn') : undefined);
      // sts_token, when present, signs the AssumeRole call (config/profile.go GetCredential).
      return p ? fail(p, 'assume-role') : { ...base, kind: 'assume-role', role: roleArn, securityToken: stsToken };
    }
    case 'ChainableRamRoleArn': {
      const p = !base.sourceProfile ? missing('aliyun', name, mode, 'source_profile') : !roleArn ? missing('aliyun', name, mode, 'ram_role_arn') : undefined;
      return p ? fail(p, 'chain') : { ...base, kind: 'chain', role: roleArn, accessKeyId: undefined, accessKeySecret: undefined };
    }
    case 'EcsRamRole':
      return { ...base, kind: 'ecs-role', ecsRoleName: ramRoleName, accessKeyId: undefined, accessKeySecret: undefined };
    default:
      return fail(unsupported('aliyun', name, mode));
  }
}

export function parseAliyunConfig(text: string, file: string): ParsedConfig {
  const o = parseJsonObject('aliyun', text, file);
  const list = o.profiles ?? [];
  if (!Array.isArray(list)) throw malformedFile('aliyun', file, '"profiles" is not a list');
  if (list.length > MAX_PROFILES) throw malformedFile('aliyun', file, `more than ${MAX_PROFILES} profiles`);
  const profiles: ParsedProfile[] = [];
  list.forEach((p, i) => {
    if (!p || typeof p !== 'object' || Array.isArray(p)) {
      profiles.push({ provider: 'aliyun', name: `#${i + 1}`, mode: '', kind: 'unsupported', problem: malformedFile('aliyun', file, `profile #${i + 1} is not an object`) });
      return;
    }
    const parsed = parseAliyunProfile(p as Record<string, unknown>, file, `#${i + 1}`);
    if (parsed.name === '' || !/\S/.test(parsed.name)) return;
    profiles.push(parsed);
  });
  const current = typeof o.current === 'string' && o.current.trim() ? o.current.trim() : undefined;
  return { provider: 'aliyun', file, current, profiles: dedupe(profiles) };
}

export function parseVolcengineProfile(o: Record<string, unknown>, file: string, name: string): ParsedProfile {
  const f = new Fields(o);
  const accessKeyId = f.str('access-key');
  const accessKeySecret = f.str('secret-key');
  const sessionToken = f.str('session-token');
  const roleName = f.str('role-name');
  const accountId = f.str('account-id');
  const roleTrn = f.str('role-trn');
  const exp = f.int('sts-expiration');
  const written = (f.str('mode') ?? '').toLowerCase();
  const mode = written || 'ak';
  const base = {
    provider: 'volcengine' as const, name, mode, region: f.str('region'), accessKeyId, accessKeySecret,
    stsExpiration: exp ? unixToDate(exp) : undefined,
  };
  const fail = (problem: CredentialError, kind: AuthKind = 'unsupported'): ParsedProfile => ({ ...base, kind, problem });
  if (f.bad) return fail(badField('volcengine', file, name, f.bad));
  const needKeys = (): CredentialError | undefined =>
    !accessKeyId ? missing('volcengine', name, mode, 'access-key') : !accessKeySecret ? missing('volcengine', name, mode, 'secret-key') : undefined;
  switch (mode) {
    case 'ak': {
      const p = needKeys();
      const kind: AuthKind = sessionToken ? 'sts' : 'ak';
      return p ? fail(p, kind) : { ...base, kind, securityToken: sessionToken };
    }
    case 'ramrolearn': {
      // The SDK builds trn:iam::<account-id>:role/<role-name>; an explicit role-trn is taken as written.
      const role = roleTrn ?? (roleName && accountId ? `trn:iam::${accountId}:role/${roleName}` : undefined);
      const p = needKeys() ?? (role ? undefined : missing('volcengine', name, mode, !roleName ? 'role-name' : 'account-id'));
      return p ? fail(p, 'assume-role') : { ...base, kind: 'assume-role', role, securityToken: sessionToken };
    }
    case 'ecsrole': {
      if (!roleName) return fail(missing('volcengine', name, mode, 'role-name'), 'ecs-role');
      return { ...base, kind: 'ecs-role', ecsRoleName: roleName, accessKeyId: undefined, accessKeySecret: undefined };
    }
    default:
      return fail(unsupported('volcengine', name, mode));
  }
}

export function parseVolcengineConfig(text: string, file: string): ParsedConfig {
  const o = parseJsonObject('volcengine', text, file);
  const map = o.profiles ?? {};
  if (!map || typeof map !== 'object' || Array.isArray(map)) throw malformedFile('volcengine', file, '"profiles" is not an object');
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length > MAX_PROFILES) throw malformedFile('volcengine', file, `more than ${MAX_PROFILES} profiles`);
  const profiles: ParsedProfile[] = entries.map(([name, p]) =>
    !p || typeof p !== 'object' || Array.isArray(p)
      ? { provider: 'volcengine', name, mode: '', kind: 'unsupported', problem: malformedFile('volcengine', file, `profile "${name}" is not an object`) }
      : parseVolcengineProfile(p as Record<string, unknown>, file, name));
  const current = typeof o.current === 'string' && o.current.trim() ? o.current.trim() : undefined;
  return { provider: 'volcengine', file, current, profiles };
}

/** The CLI keeps the first profile of a name (GetProfile scans in order). */
function dedupe(ps: ParsedProfile[]): ParsedProfile[] {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}

/** Seconds, milliseconds, microseconds or nanoseconds since the epoch (UnixTimestampToTime in the Go SDK). */
export function unixToDate(ts: number): Date {
  if (ts >= 1e18) return new Date(ts / 1e6);
  if (ts >= 1e15) return new Date(ts / 1e3);
  if (ts >= 1e12) return new Date(ts);
  return new Date(ts * 1000);
}
