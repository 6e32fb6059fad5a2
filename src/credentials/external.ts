/**
 * Accounts from the CLIs' config files and the environment (read-only). The listing holds no secret; secrets are
 * read from the files on use and never copied into SecretStorage or state. Files are re-read when they change.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CredentialSources,
  type CredentialProvider,
  type ExternalProfile,
  type ExternalSource,
  type SourceListing,
} from '../core/credentials/sources';
import type { Transport } from '../core/http/transport';
import { PROVIDERS, type Credentials, type Provider } from '../core/types';
import type { ActionLog, AccountInfo } from '../contracts';
import { toLocale } from '../output/translate';
import { describeError } from '../output/problem';

const SECTION = 'ecsExplorer.credentials';

/** Which sources the user turned on (user-level settings). */
export interface SourceSwitches {
  aliyunCli: boolean;
  volcengineCli: boolean;
  environment: boolean;
}

export function readSwitches(): SourceSwitches {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  const user = <T>(k: string, d: T): T => {
    const i = cfg.inspect<T>(k);
    return (i?.globalValue ?? i?.defaultValue ?? d) as T;
  };
  return { aliyunCli: user('aliyunCli', true), volcengineCli: user('volcengineCli', true), environment: user('environment', false) };
}

/** Label of a profile: "aliyun CLI · default · RamRoleArn → ops", "environment". */
export function describeExternal(p: ExternalProfile): string {
  if (p.source === 'env') return vscode.l10n.t('environment');
  const cli = p.provider === 'aliyun' ? 'aliyun CLI' : 'volcengine CLI';
  const role = p.kind === 'assume-role' || p.kind === 'chain' || p.kind === 'ecs-role' ? ` → ${p.roleName ?? ''}` : '';
  return `${cli} · ${p.name} · ${p.mode || '?'}${role}`;
}

export interface ExternalAccountsDeps {
  env: NodeJS.ProcessEnv;
  home?: string;
  transport(provider: Provider): Transport;
  /** STS base URL override (the provider's endpoint setting, e.g. the emulator). */
  stsEndpoint(provider: Provider): string | undefined;
  metadataUrl(): string | undefined;
  /** Where a failed re-read is reported (the last listing stays). */
  log?: Pick<ActionLog, 'warn'>;
}

export class ExternalAccounts implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [this.emitter];
  private listings: SourceListing[] = [];
  /** Whether a read has finished (before it, nothing is listed). */
  private read = false;
  private loading: Promise<void> | undefined;
  /** Counts reads: only the latest one's result is kept. */
  private generation = 0;
  private switches: SourceSwitches;
  readonly sources: CredentialSources;

  constructor(private readonly d: ExternalAccountsDeps) {
    this.switches = readSwitches();
    this.sources = new CredentialSources({
      home: d.home ?? os.homedir(),
      env: d.env,
      transport: (p) => d.transport(p),
      stsEndpoint: (p) => d.stsEndpoint(p),
      metadataUrl: () => d.metadataUrl(),
    });
    for (const p of PROVIDERS) {
      const file = this.sources.configPath(p);
      const w = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)),
      );
      const changed = () => void this.reload();
      this.subs.push(w, w.onDidChange(changed), w.onDidCreate(changed), w.onDidDelete(changed));
    }
    this.subs.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) {
          this.switches = readSwitches();
          void this.reload();
        }
      }),
    );
  }

  /**
   * Re-read every enabled source; fires onDidChange when done (not after a first read that lists nothing). Cached temporary credentials are dropped. Never
   * rejects: a failed read keeps the last listing and is logged.
   */
  reload(): Promise<void> {
    this.sources.clear();
    return (this.loading = this.load());
  }

  /** Loads once (first use); waits for a read under way. */
  ready(): Promise<void> {
    return (this.loading ??= this.load());
  }

  /** One read of the enabled sources. When a newer read started meanwhile, its result counts and this one waits for it. */
  private async load(): Promise<void> {
    const gen = ++this.generation;
    let listings: SourceListing[] | undefined;
    try {
      const jobs: Promise<SourceListing>[] = [];
      for (const p of PROVIDERS) {
        if (p === 'aliyun' ? this.switches.aliyunCli : this.switches.volcengineCli) jobs.push(this.sources.list(p, 'cli'));
        if (this.switches.environment) jobs.push(this.sources.list(p, 'env'));
      }
      listings = await Promise.all(jobs);
    } catch (e) {
      if (gen === this.generation)
        this.d.log?.warn(vscode.l10n.t('Could not read the CLI and environment accounts: {0}', describeError(e)));
    }
    if (gen !== this.generation) return this.loading;
    if (listings) this.listings = listings;
    const first = !this.read;
    this.read = true;
    // A first read that lists nothing (no CLI files, no environment source) changes nothing: each report reloads the
    // tree and its context keys, on the view's first open.
    if (first && !this.listings.some((l) => l.error || l.profiles.length)) return;
    this.emitter.fire();
  }

  /** Accounts as accounts (no secrets). A broken file is one account carrying the problem. */
  all(provider?: Provider): AccountInfo[] {
    const locale = toLocale(vscode.env.language);
    const out: AccountInfo[] = [];
    for (const l of this.listings) {
      if (provider && l.provider !== provider) continue;
      if (l.error) {
        out.push({
          // Resolving this id re-reads the file and gives its error again.
          id: `cli:${l.provider}:<${path.basename(l.file ?? 'config.json')}>`,
          provider: l.provider,
          name: l.provider === 'aliyun' ? 'aliyun CLI' : 'volcengine CLI',
          maskedKeyId: '',
          source: 'cli',
          description: path.basename(l.file ?? ''),
          problem: l.error.localized(locale),
          problemCode: l.error.code,
          readOnly: true,
        });
        continue;
      }
      for (const p of l.profiles) {
        out.push({
          id: p.id,
          provider: p.provider,
          name: p.source === 'env' ? vscode.l10n.t('environment') : p.name,
          maskedKeyId: p.maskedKeyId ?? '',
          source: p.source,
          description: describeExternal(p),
          problem: p.problem?.localized(locale),
          problemCode: p.problem?.code,
          region: p.region,
          file: p.file,
          current: p.current,
          readOnly: true,
        });
      }
    }
    return out;
  }

  has(id: string): boolean {
    return id.startsWith('cli:') || id.startsWith('env:');
  }

  /** Credentials of a profile: read from its source now (temporary ones from memory while valid). */
  provider(id: string): CredentialProvider {
    return this.sources.provider(id);
  }

  credentials(id: string): Promise<Credentials> {
    return this.sources.credentials(id);
  }

  /** Expiry of the temporary credentials an account uses, when known. */
  expiration(id: string): Date | undefined {
    return this.sources.expiration(id) ?? this.sources.expiration(`stored:${id}`);
  }

  /** Regions of the CLI profiles (the current one first), for pre-filling the region setting. */
  regions(provider: Provider): string[] {
    const ps = this.listings.filter((l) => l.provider === provider && l.source === 'cli').flatMap((l) => l.profiles);
    const ordered = [...ps.filter((p) => p.current), ...ps.filter((p) => !p.current)];
    return [...new Set(ordered.map((p) => p.region).filter((r): r is string => !!r && /^[a-z]{2,}(-[a-z0-9]+)+$/.test(r)))];
  }

  enabled(source: ExternalSource, provider: Provider): boolean {
    return source === 'env' ? this.switches.environment : provider === 'aliyun' ? this.switches.aliyunCli : this.switches.volcengineCli;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}
