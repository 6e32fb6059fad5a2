/**
 * Volcengine CLI profiles.
 *
 * Volcengine CLI `~/.volcengine/config.json` (or VOLCENGINE_CLI_CONFIG_FILE) — volcengine/volcengine-cli@bc348d9
 * cmd/configure.go and volcengine/volcengine-go-sdk@cf20b61 volcengine/credentials/clicreds/cli_provider.go:
 * `{"current": name, "profiles": {name: {mode, access-key, secret-key, session-token, region, role-name,
 * account-id, role-trn, sts-expiration, …}}}`. Modes (lower-cased): `ak` (default; with `session-token` = STS
 * credentials), `ramrolearn` (AssumeRole of `trn:iam::<account-id>:role/<role-name>`), `ecsrole` (`role-name`),
 * and `sso`, `console-login`, `oidc`. Profile choice: `current`, then VOLCENGINE_PROFILE / VOLCSTACK_PROFILE.
 */
import type { CredentialError } from './errors';
import { Fields, MAX_PROFILES, badField, firstMissing, malformedFile, missingField, parseJsonObject, unsupportedMode } from './configFile';
import type { AuthKind, ParsedConfig, ParsedProfile } from './profiles';

export const VOLCENGINE_SUPPORTED_MODES = ['ak', 'ramrolearn', 'ecsrole'] as const;

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
    provider: 'volcengine' as const,
    name,
    mode,
    region: f.str('region'),
    accessKeyId,
    accessKeySecret,
    stsExpiration: exp ? unixToDate(exp) : undefined,
  };
  const fail = (problem: CredentialError, kind: AuthKind = 'unsupported'): ParsedProfile => ({ ...base, kind, problem });
  if (f.bad) return fail(badField('volcengine', file, name, f.bad));
  const keys = [
    ['access-key', accessKeyId],
    ['secret-key', accessKeySecret],
  ] as const;
  const needKeys = (): CredentialError | undefined => firstMissing('volcengine', name, mode, keys);
  switch (mode) {
    case 'ak': {
      const p = needKeys();
      const kind: AuthKind = sessionToken ? 'sts' : 'ak';
      return p ? fail(p, kind) : { ...base, kind, securityToken: sessionToken };
    }
    case 'ramrolearn': {
      // The SDK builds trn:iam::<account-id>:role/<role-name>; an explicit role-trn is taken as written.
      const role = roleTrn ?? (roleName && accountId ? `trn:iam::${accountId}:role/${roleName}` : undefined);
      const p = needKeys() ?? (role ? undefined : missingField('volcengine', name, mode, !roleName ? 'role-name' : 'account-id'));
      return p ? fail(p, 'assume-role') : { ...base, kind: 'assume-role', role, securityToken: sessionToken };
    }
    case 'ecsrole': {
      if (!roleName) return fail(missingField('volcengine', name, mode, 'role-name'), 'ecs-role');
      return { ...base, kind: 'ecs-role', ecsRoleName: roleName, accessKeyId: undefined, accessKeySecret: undefined };
    }
    default:
      return fail(unsupportedMode('volcengine', name, mode));
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
      ? {
          provider: 'volcengine',
          name,
          mode: '',
          kind: 'unsupported',
          problem: malformedFile('volcengine', file, `profile "${name}" is not an object`),
        }
      : parseVolcengineProfile(p as Record<string, unknown>, file, name),
  );
  const current = typeof o.current === 'string' && o.current.trim() ? o.current.trim() : undefined;
  return { provider: 'volcengine', file, current, profiles };
}

/** Seconds, milliseconds, microseconds or nanoseconds since the epoch (UnixTimestampToTime in the Go SDK). */
export function unixToDate(ts: number): Date {
  if (ts >= 1e18) return new Date(ts / 1e6);
  if (ts >= 1e15) return new Date(ts / 1e3);
  if (ts >= 1e12) return new Date(ts);
  return new Date(ts * 1000);
}
