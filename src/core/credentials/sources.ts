/**
 * Credential sources outside SecretStorage: the two CLIs' config files and the environment. Files are read on
 * use (each resolution re-reads them); assumed-role and instance-role credentials live in memory only, refreshed
 * before they expire and dropped on `invalidate` (an expired-token answer) or `clear` (a file changed).
 */
import { readFile, stat } from 'node:fs/promises';
import type { Transport } from '../http/transport';
import type { CallRecord, Credentials, Provider } from '../types';
import { CLI_NAME, CredentialError, isCredentialError } from './errors';
import { cliConfigPath, cliFileDisabled, defaultProfileName, envCredentials, type Env } from './env';
import { metadataCredentials } from './metadata';
import {
  MAX_CONFIG_BYTES,
  parseAliyunConfig,
  parseVolcengineConfig,
  summarize,
  type ParsedConfig,
  type ParsedProfile,
  type ProfileSummary,
} from './profiles';
import { cliProfileId, envProfileId, parseExternalId, type ExternalSource } from './externalIds';
import { assumeRoleFailed, roleFingerprint, staticOf, stsEndpointOf } from './roles';
import { chainProblem, cycleError, MAX_CHAIN, missingSourceError, tooLongError } from './chains';
import { SessionCache } from './sessionCache';
import { assumeRole, type Session } from './sts';

export { chainProblem, MAX_CHAIN };
export { cliProfileId, envProfileId, parseExternalId, type ExternalSource };

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

async function defaultRead(file: string): Promise<string> {
  const st = await stat(file);
  if (st.size > MAX_CONFIG_BYTES) return ' '.repeat(MAX_CONFIG_BYTES + 1);
  return readFile(file, 'utf8');
}

export class CredentialSources {
  private readonly sessions: SessionCache;
  private readonly chains = new Map<string, string[]>();
  private readonly now: () => Date;
  private readonly read: (file: string) => Promise<string>;

  constructor(private readonly o: CredentialSourcesOptions) {
    this.now = o.now ?? (() => new Date());
    this.read = o.readFile ?? defaultRead;
    this.sessions = new SessionCache(this.now, o.refreshBeforeMs);
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
        code: 'CredentialFileUnreadable',
        provider,
        file,
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
          provider,
          name: 'environment',
          mode: e.credentials.securityToken ? 'StsToken' : 'AK',
          kind: e.credentials.securityToken ? 'sts' : 'ak',
          region: e.region,
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
      return {
        ...summarize(chained ? { ...p, problem: chained } : p, p.name === current),
        id: cliProfileId(provider, p.name),
        source,
        file,
      };
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
          code: 'ProfileNotFound',
          provider: ref.provider,
          profile: 'environment',
          explain: { en: 'No AccessKey is set in the environment any more.', zh: '环境变量中已不再设置 AccessKey。' },
          next: {
            en: 'Set the variables and restart VS Code, or use another account.',
            zh: '请设置环境变量并重启 VS Code，或使用其他账号。',
          },
        });
      }
      return e.credentials;
    }
    const cfg = await this.loadConfig(ref.provider);
    const file = this.configPath(ref.provider);
    if (!cfg) {
      throw new CredentialError({
        code: 'CredentialFileUnreadable',
        provider: ref.provider,
        file,
        profile: ref.name,
        explain: {
          en: `The ${CLI_NAME[ref.provider]} config file ${file} is gone or turned off.`,
          zh: `${CLI_NAME[ref.provider]} 配置文件 ${file} 已不存在或已被关闭。`,
        },
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
    return last ? this.sessions.expiration(last) : undefined;
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
    if (chain.includes(key))
      throw cycleError(
        cfg,
        [...chain, key].map((k) => parseExternalId(k)?.name ?? k),
      );
    if (chain.length >= MAX_CHAIN) throw tooLongError(cfg, parseExternalId(chain[0])?.name ?? name);
    const p = cfg.profiles.find((x) => x.name === name);
    if (!p) {
      const from = chain.length ? parseExternalId(chain[chain.length - 1])?.name : undefined;
      if (from) throw missingSourceError(cfg, from, name);
      throw new CredentialError({
        code: 'ProfileNotFound',
        provider,
        profile: name,
        file: cfg.file,
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
        return this.sessions.get(key, `ecs|${p.ecsRoleName ?? ''}|${this.o.metadataUrl?.(provider) ?? ''}`, () =>
          metadataCredentials(provider, {
            transport: this.o.transport(provider),
            baseUrl: this.o.metadataUrl?.(provider),
            roleName: p.ecsRoleName,
            profile: p.name,
          }),
        );
      default:
        throw new Error(`unreachable: ${p.kind}`);
    }
  }

  private session(key: string, p: ParsedProfile, source: Credentials): Promise<Session> {
    const provider = p.provider;
    const endpoint = stsEndpointOf(p, this.o.stsEndpoint?.(p.provider));
    const sessionName = p.sessionName ?? this.o.sessionName ?? 'ecs-explorer';
    const fp = roleFingerprint(p, sessionName, endpoint, source);
    return this.sessions.get(key, fp, async () => {
      try {
        return await assumeRole(provider, {
          transport: this.o.transport(provider),
          credentials: source,
          role: p.role!,
          sessionName,
          durationSeconds: p.durationSeconds,
          externalId: p.externalId,
          endpoint,
          region: p.region,
          now: this.o.signingNow ?? (() => new Date()),
          onCall: this.o.onCall,
        });
      } catch (e) {
        throw assumeRoleFailed(p, e);
      }
    });
  }
}
