/**
 * Credential sources outside SecretStorage: the two CLIs' config files and the environment. Files are read on
 * use (each resolution re-reads them); assumed-role and instance-role credentials live in memory only, refreshed
 * before they expire and dropped on `invalidate` (an expired-token answer) or `clear` (a file changed).
 */
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { CloudError } from '../errors';
import type { Transport } from '../http/transport';
import type { CallRecord, Credentials, Provider } from '../types';
import { CLI_NAME, CredentialError, isCredentialError } from './errors';
import { cliConfigPath, cliFileDisabled, defaultProfileName, envCredentials, type Env } from './env';
import { metadataCredentials } from './metadata';
import {
  MAX_CONFIG_BYTES, parseAliyunConfig, parseVolcengineConfig, roleNameOf, summarize,
  type ParsedConfig, type ParsedProfile, type ProfileSummary,
} from './profiles';
import { assumeRole, defaultStsEndpoint, stsEndpointFromHost, type Session } from './sts';

export type ExternalSource = 'cli' | 'env';

/** A profile from a CLI file or the environment, as the tree shows it. */
export interface ExternalProfile extends ProfileSummary {
  /** `cli:<provider>:<name>` or `env:<provider>`. */
  readonly id: string;
  readonly source: ExternalSource;
  readonly file?: string;
}

export interface SourceListing {
  readonly provider: Provider;
  readonly source: ExternalSource;
  readonly file?: string;
  /** Whether the source exists at all (a file that is absent, or no variables set, lists nothing). */
  readonly present: boolean;
  readonly profiles: readonly ExternalProfile[];
  /** The whole source is broken (unreadable or malformed file). */
  readonly error?: CredentialError;
}

/** A credentials function the clients accept, plus cache control. */
export type CredentialProvider = (() => Promise<Credentials>) & {
  /** Drop cached temporary credentials (the cloud said they expired); the next call fetches new ones. */
  invalidate(): void;
};

export interface CredentialSourcesOptions {
  home: string;
  env: Env;
  transport: (provider: Provider) => Transport;
  /** Decides when cached credentials are due for refresh (injected in tests). */
  now?: () => Date;
  /** Time written into STS request signatures (the server checks it against its clock); default the real time. */
  signingNow?: () => Date;
  /** STS base URL override per provider (emulator, proxy); else the profile's sts_endpoint, else the default. */
  stsEndpoint?: (provider: Provider) => string | undefined;
  /** Instance metadata base URL per provider (tests); default 100.100.100.200 / 100.96.0.96. */
  metadataUrl?: (provider: Provider) => string | undefined;
  /** Refresh this long before expiry (default 5 minutes, at most half the lifetime). */
  refreshBeforeMs?: number;
  /** RoleSessionName for AssumeRole when the profile names none. */
  sessionName?: string;
  readFile?: (file: string) => Promise<string>;
  onCall?: (rec: CallRecord) => void;
}

export const MAX_CHAIN = 8;
const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

interface CachedSession {
  fingerprint: string;
  session?: Session;
  obtained?: number;
  pending?: Promise<Session>;
}

export function cliProfileId(provider: Provider, name: string): string {
  return `cli:${provider}:${name}`;
}

export function envProfileId(provider: Provider): string {
  return `env:${provider}`;
}

export function parseExternalId(id: string): { source: ExternalSource; provider: Provider; name?: string } | undefined {
  const m = /^(cli|env):(aliyun|volcengine)(?::(.+))?$/s.exec(id);
  if (!m) return undefined;
  if (m[1] === 'cli' && !m[3]) return undefined;
  return { source: m[1] as ExternalSource, provider: m[2] as Provider, name: m[3] };
}

async function defaultRead(file: string): Promise<string> {
  const st = await stat(file);
  if (st.size > MAX_CONFIG_BYTES) return ' '.repeat(MAX_CONFIG_BYTES + 1);
  return readFile(file, 'utf8');
}

function sha(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export class CredentialSources {
  private readonly sessions = new Map<string, CachedSession>();
  private readonly chains = new Map<string, string[]>();
  private readonly now: () => Date;
  private readonly read: (file: string) => Promise<string>;

  constructor(private readonly o: CredentialSourcesOptions) {
    this.now = o.now ?? (() => new Date());
    this.read = o.readFile ?? defaultRead;
  }

  configPath(provider: Provider): string {
    return cliConfigPath(provider, this.o.home, this.o.env);
  }

  /** Reads and parses a CLI file; undefined when it does not exist or the environment turns it off. */
  async loadConfig(provider: Provider): Promise<ParsedConfig | undefined> {
    if (cliFileDisabled(provider, this.o.env)) return undefined;
    const file = this.configPath(provider);
    let text: string;
    try {
      text = await this.read(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException)?.code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw new CredentialError({
        code: 'CredentialFileUnreadable', provider, file,
        explain: {
          en: `The ${CLI_NAME[provider]} config file ${file} could not be read (${code ?? (e instanceof Error ? e.message : String(e))}).`,
          zh: `无法读取 ${CLI_NAME[provider]} 配置文件 ${file}（${code ?? (e instanceof Error ? e.message : String(e))}）。`,
        },
        next: { en: 'Check that the file is readable by your user, then refresh.', zh: '请确认当前用户可读取该文件，然后刷新。' },
        cause: e,
      });
    }
    return provider === 'aliyun' ? parseAliyunConfig(text, file) : parseVolcengineConfig(text, file);
  }

  /** Profiles of one source, no secrets. A broken file gives `error`; a broken profile carries `problem`. */
  async list(provider: Provider, source: ExternalSource): Promise<SourceListing> {
    if (source === 'env') {
      try {
        const e = envCredentials(provider, this.o.env);
        if (!e) return { provider, source, present: false, profiles: [] };
        const s: ProfileSummary = {
          provider, name: 'environment', mode: e.credentials.securityToken ? 'StsToken' : 'AK',
          kind: e.credentials.securityToken ? 'sts' : 'ak', region: e.region,
          maskedKeyId: summarize({ provider, name: '', mode: '', kind: 'ak', accessKeyId: e.credentials.accessKeyId }, false).maskedKeyId,
          current: false,
        };
        return { provider, source, present: true, profiles: [{ ...s, id: envProfileId(provider), source }] };
      } catch (err) {
        if (!isCredentialError(err)) throw err;
        const s: ProfileSummary = { provider, name: 'environment', mode: '', kind: 'unsupported', current: false, problem: err };
        return { provider, source, present: true, profiles: [{ ...s, id: envProfileId(provider), source }] };
      }
    }
    const file = this.configPath(provider);
    let cfg: ParsedConfig | undefined;
    try {
      cfg = await this.loadConfig(provider);
    } catch (err) {
      if (!isCredentialError(err)) throw err;
      return { provider, source, file, present: true, profiles: [], error: err };
    }
    if (!cfg) return { provider, source, file, present: false, profiles: [] };
    const current = defaultProfileName(provider, cfg.current, this.o.env);
    const profiles = cfg.profiles.map((p) => {
      // Chains are checked without a network call: a loop or a missing source is known from the file alone.
      const chained = p.kind === 'chain' && !p.problem ? chainProblem(cfg, p.name) : undefined;
      return { ...summarize(chained ? { ...p, problem: chained } : p, p.name === current), id: cliProfileId(provider, p.name), source, file };
    });
    return { provider, source, file, present: true, profiles };
  }

  /** The credentials function for a profile id. Each call re-reads the source. */
  provider(id: string): CredentialProvider {
    const fn = (() => this.credentials(id)) as CredentialProvider;
    fn.invalidate = () => this.invalidate(id);
    return fn;
  }

  async credentials(id: string): Promise<Credentials> {
    const ref = parseExternalId(id);
    if (!ref) throw new Error(`Unknown credential source ${id}`);
    if (ref.source === 'env') {
      const e = envCredentials(ref.provider, this.o.env);
      if (!e) {
        throw new CredentialError({
          code: 'ProfileNotFound', provider: ref.provider, profile: 'environment',
          explain: { en: 'No AccessKey is set in the environment any more.', zh: '环境变量中已不再设置 AccessKey。' },
          next: { en: 'Set the variables and restart VS Code, or use another account.', zh: '请设置环境变量并重启 VS Code，或使用其他账号。' },
        });
      }
      return e.credentials;
    }
    const cfg = await this.loadConfig(ref.provider);
    const file = this.configPath(ref.provider);
    if (!cfg) {
      throw new CredentialError({
        code: 'CredentialFileUnreadable', provider: ref.provider, file, profile: ref.name,
        explain: { en: `The ${CLI_NAME[ref.provider]} config file ${file} is gone or turned off.`, zh: `${CLI_NAME[ref.provider]} 配置文件 ${file} 已不存在或已被关闭。` },
        next: { en: 'Configure the CLI again or use another account, then refresh.', zh: '请重新配置 CLI 或使用其他账号，然后刷新。' },
      });
    }
    const chain: string[] = [];
    try {
      return (await this.resolve(cfg, ref.name!, chain)).credentials;
    } finally {
      this.chains.set(id, chain);
    }
  }

  /**
   * A role assumed with credentials from elsewhere (a stored account with a role): the same cache, refresh and
   * invalidation as the CLI role profiles. `key` identifies the account.
   */
  assumedProvider(key: string, provider: Provider, role: string, source: () => Promise<Credentials>, region?: string): CredentialProvider {
    const p: ParsedProfile = { provider, name: key, mode: 'stored', kind: 'assume-role', role, region };
    const fn = (async () => {
      this.chains.set(key, [key]);
      return (await this.session(key, p, await source())).credentials;
    }) as CredentialProvider;
    fn.invalidate = () => this.invalidate(key);
    return fn;
  }

  /** Expiry of the temporary credentials a profile currently uses, if known (for the tooltip). */
  expiration(id: string): Date | undefined {
    const chain = this.chains.get(id);
    const last = chain?.[chain.length - 1];
    return last ? this.sessions.get(last)?.session?.expiration : undefined;
  }

  /** Forget cached temporary credentials of one profile (and the roles it chains through). */
  invalidate(id: string): void {
    for (const k of this.chains.get(id) ?? []) this.sessions.delete(k);
  }

  /** Forget all cached temporary credentials (a source changed). */
  clear(): void {
    this.sessions.clear();
    this.chains.clear();
  }

  private async resolve(cfg: ParsedConfig, name: string, chain: string[]): Promise<{ credentials: Credentials; expiration?: Date }> {
    const provider = cfg.provider;
    const key = cliProfileId(provider, name);
    if (chain.includes(key)) throw cycleError(cfg, [...chain, key].map((k) => parseExternalId(k)?.name ?? k));
    if (chain.length >= MAX_CHAIN) throw tooLongError(cfg, parseExternalId(chain[0])?.name ?? name);
    const p = cfg.profiles.find((x) => x.name === name);
    if (!p) {
      const from = chain.length ? parseExternalId(chain[chain.length - 1])?.name : undefined;
      if (from) throw missingSourceError(cfg, from, name);
      throw new CredentialError({
        code: 'ProfileNotFound', provider, profile: name, file: cfg.file,
        explain: { en: `Profile "${name}" is no longer in ${cfg.file}.`, zh: `${cfg.file} 中已没有配置“${name}”。` },
        next: { en: 'Refresh the view to see the current profiles.', zh: '请刷新视图以查看当前的配置。' },
      });
    }
    chain.push(key);
    if (p.problem) throw p.problem;
    switch (p.kind) {
      case 'ak':
      case 'sts':
        return { credentials: staticOf(p), expiration: p.stsExpiration };
      case 'assume-role':
        return this.session(key, p, staticOf(p));
      case 'chain': {
        const src = await this.resolve(cfg, p.sourceProfile!, chain);
        return this.session(key, p, src.credentials);
      }
      case 'ecs-role':
        return this.cached(key, `ecs|${p.ecsRoleName ?? ''}|${this.o.metadataUrl?.(provider) ?? ''}`, () =>
          metadataCredentials(provider, { transport: this.o.transport(provider), baseUrl: this.o.metadataUrl?.(provider), roleName: p.ecsRoleName, profile: p.name }));
      default:
        throw new Error(`unreachable: ${p.kind}`);
    }
  }

  private session(key: string, p: ParsedProfile, source: Credentials): Promise<Session> {
    const provider = p.provider;
    const endpoint = this.stsEndpoint(p);
    const sessionName = p.sessionName ?? this.o.sessionName ?? 'ecs-explorer';
    const fp = [
      'sts', p.role, sessionName, p.durationSeconds ?? '', p.externalId ?? '', endpoint, p.region ?? '',
      source.accessKeyId, sha(source.accessKeySecret), source.securityToken ? sha(source.securityToken) : '',
    ].join('|');
    return this.cached(key, fp, async () => {
      try {
        return await assumeRole(provider, {
          transport: this.o.transport(provider), credentials: source, role: p.role!, sessionName,
          durationSeconds: p.durationSeconds, externalId: p.externalId, endpoint, region: p.region, now: this.o.signingNow ?? (() => new Date()), onCall: this.o.onCall,
        });
      } catch (e) {
        throw assumeRoleFailed(p, e);
      }
    });
  }

  private stsEndpoint(p: ParsedProfile): string {
    const override = this.o.stsEndpoint?.(p.provider);
    if (override) return override;
    if (p.stsEndpoint) return stsEndpointFromHost(p.provider, p.stsEndpoint);
    return defaultStsEndpoint(p.provider, p.stsRegion);
  }

  /** One cached session per profile step; refreshed before expiry; concurrent callers share one fetch. */
  private async cached(key: string, fingerprint: string, fetch: () => Promise<Session>): Promise<Session> {
    let c = this.sessions.get(key);
    if (!c || c.fingerprint !== fingerprint) {
      c = { fingerprint };
      this.sessions.set(key, c);
    }
    const now = this.now().getTime();
    if (c.session && now < this.refreshAt(c)) return c.session;
    if (!c.pending) {
      const entry: CachedSession = c;
      entry.pending = fetch().then(
        (s) => { entry.session = s; entry.obtained = this.now().getTime(); entry.pending = undefined; return s; },
        (e: unknown) => { entry.pending = undefined; throw e; },
      );
    }
    return c.pending as Promise<Session>;
  }

  private refreshAt(c: CachedSession): number {
    const exp = c.session!.expiration.getTime();
    const life = Math.max(0, exp - (c.obtained ?? exp));
    return exp - Math.min(this.o.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS, life / 2);
  }
}

function staticOf(p: ParsedProfile): Credentials {
  return p.securityToken
    ? { accessKeyId: p.accessKeyId!, accessKeySecret: p.accessKeySecret!, securityToken: p.securityToken }
    : { accessKeyId: p.accessKeyId!, accessKeySecret: p.accessKeySecret! };
}

function assumeRoleFailed(p: ParsedProfile, e: unknown): CredentialError {
  if (isCredentialError(e)) return e;
  const reason = e instanceof CloudError ? `${e.code}: ${e.message}${e.requestId ? ` (RequestId ${e.requestId})` : ''}` : e instanceof Error ? e.message : String(e);
  const role = roleNameOf(p.role) ?? p.role ?? '';
  return new CredentialError({
    code: 'AssumeRoleFailed', provider: p.provider, profile: p.name,
    explain: {
      en: `Profile "${p.name}" could not assume role ${role}: ${reason}.`,
      zh: `配置“${p.name}”无法扮演角色 ${role}：${reason}。`,
    },
    next: p.provider === 'aliyun'
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

/** The problem of a source_profile chain (loop, too long, missing or broken source), found from the file alone. */
export function chainProblem(cfg: ParsedConfig, name: string): CredentialError | undefined {
  const seen: string[] = [];
  let cur = name;
  for (;;) {
    if (seen.includes(cur)) return cycleError(cfg, [...seen, cur]);
    if (seen.length >= MAX_CHAIN) return tooLongError(cfg, name);
    const p = cfg.profiles.find((x) => x.name === cur);
    if (!p) return seen.length ? missingSourceError(cfg, seen[seen.length - 1], cur) : undefined;
    seen.push(cur);
    if (p.problem) return seen.length > 1 ? p.problem : undefined;
    if (p.kind !== 'chain') return undefined;
    cur = p.sourceProfile!;
  }
}

function cycleError(cfg: ParsedConfig, names: string[]): CredentialError {
  const loop = names.join(' → ');
  return new CredentialError({
    code: 'RoleChainCycle', provider: cfg.provider, profile: names[0], file: cfg.file,
    explain: { en: `The source_profile chain loops: ${loop}.`, zh: `source_profile 链形成循环：${loop}。` },
    next: { en: 'Make the chain end at a profile with an AccessKey (mode AK or StsToken), then refresh.', zh: '请让该链终止于含 AccessKey 的配置（模式 AK 或 StsToken），然后刷新。' },
  });
}

function tooLongError(cfg: ParsedConfig, name: string): CredentialError {
  return new CredentialError({
    code: 'RoleChainTooLong', provider: cfg.provider, profile: name, file: cfg.file,
    explain: { en: `The source_profile chain is longer than ${MAX_CHAIN} profiles.`, zh: `source_profile 链超过 ${MAX_CHAIN} 个配置。` },
    next: { en: 'Shorten the chain, then refresh.', zh: '请缩短该链，然后刷新。' },
  });
}

function missingSourceError(cfg: ParsedConfig, from: string, name: string): CredentialError {
  return new CredentialError({
    code: 'SourceProfileNotFound', provider: cfg.provider, profile: from, file: cfg.file, field: 'source_profile',
    explain: { en: `Profile "${from}" names source_profile "${name}", which is not in ${cfg.file}.`, zh: `配置“${from}”的 source_profile 为“${name}”，但 ${cfg.file} 中没有该配置。` },
    next: { en: 'Fix source_profile or add that profile, then refresh.', zh: '请修正 source_profile 或添加该配置，然后刷新。' },
  });
}

