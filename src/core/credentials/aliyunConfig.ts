/**
 * Alibaba Cloud CLI profiles.
 *
 * Alibaba CLI `~/.aliyun/config.json` — aliyun/aliyun-cli@eadd68d config/configuration.go, config/profile.go:
 * `{"current": name, "profiles": [ {name, mode, access_key_id, access_key_secret, sts_token, ram_role_arn,
 * ram_session_name, external_id, source_profile, expired_seconds, sts_region, sts_endpoint, ram_role_name,
 * region_id, …} ]}`. Modes compared case-insensitively (NormalizeMode); an empty mode is recognised from the fields
 * (AutoModeRecognition). Profile choice: ALIBABA_CLOUD_PROFILE / ALIBABACLOUD_PROFILE / ALICLOUD_PROFILE, then
 * `current`. Also aliyun/credentials-nodejs@f61774c src/providers/cli_profile.ts (same keys and modes).
 */
import type { CredentialError } from './errors';
import { Fields, MAX_PROFILES, badField, firstMissing, malformedFile, parseJsonObject, unsupportedMode } from './configFile';
import type { AuthKind, ParsedConfig, ParsedProfile } from './profiles';

export const ALIYUN_SUPPORTED_MODES = ['AK', 'StsToken', 'RamRoleArn', 'ChainableRamRoleArn', 'EcsRamRole'] as const;
export const ALIYUN_KNOWN_MODES = [
  ...ALIYUN_SUPPORTED_MODES,
  'RsaKeyPair',
  'RamRoleArnWithRoleName',
  'External',
  'CredentialsURI',
  'OIDC',
  'CloudSSO',
  'OAuth',
  'BearerToken',
  'Anonymous',
] as const;
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
    provider: 'aliyun' as const,
    name,
    mode,
    region: f.str('region_id'),
    accessKeyId,
    accessKeySecret,
    sessionName: f.str('ram_session_name'),
    externalId: f.str('external_id'),
    durationSeconds: f.int('expired_seconds'),
    stsRegion: f.str('sts_region'),
    stsEndpoint: f.str('sts_endpoint'),
    sourceProfile: f.str('source_profile'),
  };
  const fail = (problem: CredentialError, kind: AuthKind = 'unsupported'): ParsedProfile => ({ ...base, kind, problem });
  if (f.bad) return fail(badField('aliyun', file, name, f.bad));
  const keys = [
    ['access_key_id', accessKeyId],
    ['access_key_secret', accessKeySecret],
  ] as const;
  switch (mode) {
    case 'AK': {
      const p = firstMissing('aliyun', name, mode, keys);
      return p ? fail(p, 'ak') : { ...base, kind: 'ak' };
    }
    case 'StsToken': {
      const p = firstMissing('aliyun', name, mode, [...keys, ['sts_token', stsToken]]);
      return p ? fail(p, 'sts') : { ...base, kind: 'sts', securityToken: stsToken };
    }
    case 'RamRoleArn': {
      const p = firstMissing('aliyun', name, mode, [...keys, ['ram_role_arn', roleArn]]);
      // sts_token, when present, signs the AssumeRole call (config/profile.go GetCredential).
      return p ? fail(p, 'assume-role') : { ...base, kind: 'assume-role', role: roleArn, securityToken: stsToken };
    }
    case 'ChainableRamRoleArn': {
      const p = firstMissing('aliyun', name, mode, [
        ['source_profile', base.sourceProfile],
        ['ram_role_arn', roleArn],
      ]);
      return p ? fail(p, 'chain') : { ...base, kind: 'chain', role: roleArn, accessKeyId: undefined, accessKeySecret: undefined };
    }
    case 'EcsRamRole':
      return { ...base, kind: 'ecs-role', ecsRoleName: ramRoleName, accessKeyId: undefined, accessKeySecret: undefined };
    default:
      return fail(unsupportedMode('aliyun', name, mode));
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
      profiles.push({
        provider: 'aliyun',
        name: `#${i + 1}`,
        mode: '',
        kind: 'unsupported',
        problem: malformedFile('aliyun', file, `profile #${i + 1} is not an object`),
      });
      return;
    }
    const parsed = parseAliyunProfile(p as Record<string, unknown>, file, `#${i + 1}`);
    if (parsed.name === '' || !/\S/.test(parsed.name)) return;
    profiles.push(parsed);
  });
  const current = typeof o.current === 'string' && o.current.trim() ? o.current.trim() : undefined;
  return { provider: 'aliyun', file, current, profiles: dedupe(profiles) };
}

/** The CLI keeps the first profile of a name (GetProfile scans in order). */
function dedupe(ps: ParsedProfile[]): ParsedProfile[] {
  const seen = new Set<string>();
  return ps.filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
}
