/**
 * Clients per account, built from settings and SecretStorage credentials. One Transport per provider,
 * shared by all its clients and recreated when transport or endpoint settings change.
 */
import * as vscode from 'vscode';
import { AliyunClient, CloudError, DEFAULT_TRANSPORT_SETTINGS, LocalCodes, Transport, VolcengineClient } from './core';
import type { ClientOptions, Credentials, Provider } from './core';
import type { ActionLog, ClientFactory } from './contracts';
import type { AccountStore } from './credentials/store';
import { formatProblem, type Settings } from './settings/config';
import { transportSettingsFrom } from './settings/validate';
import { isCredentialError } from './core/credentials/errors';
import { toLocale } from './output/translate';

type AnyClient = VolcengineClient | AliyunClient;

export class Clients implements ClientFactory, vscode.Disposable {
  private readonly transports = new Map<Provider, Transport>();
  private readonly clients = new Map<string, AnyClient>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(
    private readonly settings: Settings,
    private readonly accounts: AccountStore,
    private readonly log: ActionLog & { mask?(value: string): void },
  ) {
    this.subs.push(
      settings.onDidChange((c) => {
        if (c.transport || c.endpoints) this.reset();
      }),
      accounts.onDidChange(() => this.clients.clear()),
    );
  }

  async volcengine(accountId: string): Promise<VolcengineClient> {
    return this.client('volcengine', accountId) as Promise<VolcengineClient>;
  }

  async aliyun(accountId: string): Promise<AliyunClient> {
    return this.client('aliyun', accountId) as Promise<AliyunClient>;
  }

  /** The transport of a provider (shared with the STS calls of the credential sources). */
  transportFor(provider: Provider): Transport {
    return this.transport(provider);
  }

  /** A throwaway client for given credentials (validating a new key pair). Shares the provider's transport. */
  forCredentials(provider: 'volcengine', creds: Credentials): VolcengineClient;
  forCredentials(provider: 'aliyun', creds: Credentials): AliyunClient;
  forCredentials(provider: Provider, creds: Credentials): AnyClient;
  forCredentials(provider: Provider, creds: Credentials): AnyClient {
    return this.build(provider, creds);
  }

  /** Drops cached clients and transports (settings or credentials changed). */
  reset(): void {
    this.clients.clear();
    const old = [...this.transports.values()];
    this.transports.clear();
    // Let in-flight requests finish before closing the old pools.
    setTimeout(() => old.forEach((t) => void t.close()), 60_000).unref?.();
  }

  private async client(provider: Provider, accountId: string): Promise<AnyClient> {
    const info = this.accounts.get(accountId);
    if (!info || info.provider !== provider) {
      throw new CloudError({
        kind: 'config',
        provider,
        action: '',
        region: '',
        code: LocalCodes.missingCredentials,
        message: vscode.l10n.t('Account {0} no longer exists.', accountId),
      });
    }
    const hit = this.clients.get(accountId);
    if (hit) return hit;
    const external = this.accounts.external;
    if (external?.has(accountId)) {
      // Read from the CLI file / environment on every call (temporary credentials from memory while valid).
      const source = external.provider(accountId);
      const c = await this.buildMasked(provider, source);
      this.clients.set(accountId, c);
      return c;
    }
    // Read the secret now: keyring and missing-secret errors surface with their own guidance.
    const creds = await this.accounts.credentials(accountId);
    this.log.mask?.(creds.accessKeySecret);
    if (creds.securityToken) this.log.mask?.(creds.securityToken);
    if (info.role && external) {
      // A stored account with a role: assume it with the stored key (in memory only, refreshed before expiry).
      const assumed = external.sources.assumedProvider(`stored:${accountId}`, provider, info.role, () =>
        this.accounts.credentials(accountId),
      );
      const c = await this.buildMasked(provider, assumed);
      this.clients.set(accountId, c);
      return c;
    }
    const c = this.build(provider, () => this.accounts.credentials(accountId));
    this.clients.set(accountId, c);
    return c;
  }

  /**
   * A client whose credentials come from `source` on every call (a CLI file, the environment, an assumed role): each
   * secret is masked in the log as it is read; the first read happens now, so a broken source fails here with its
   * own localized reason.
   */
  private async buildMasked(provider: Provider, source: (() => Promise<Credentials>) & { invalidate(): void }): Promise<AnyClient> {
    const masked = Object.assign(
      async () => {
        const c = await source();
        this.log.mask?.(c.accessKeySecret);
        if (c.securityToken) this.log.mask?.(c.securityToken);
        return c;
      },
      { invalidate: () => source.invalidate() },
    );
    try {
      await masked();
    } catch (e) {
      if (!isCredentialError(e)) throw e;
      throw new CloudError({
        kind: 'config',
        provider,
        action: '',
        region: '',
        code: e.code,
        message: e.localized(toLocale(vscode.env.language)),
        cause: e,
      });
    }
    return this.build(provider, masked);
  }

  private build(provider: Provider, credentials: ClientOptions['credentials']): AnyClient {
    const blocking = this.settings.blockingProblems(provider).find((p) => /endpoint|ENDPOINT/.test(p.setting));
    if (blocking) {
      throw new CloudError({
        kind: 'config',
        provider,
        action: '',
        region: '',
        code: blocking.code === 'insecureUrl' ? LocalCodes.insecureEndpoint : LocalCodes.invalidEndpoint,
        message: formatProblem(blocking),
      });
    }
    const opts: ClientOptions = {
      credentials,
      endpoint: this.settings.endpoint(provider).url,
      transport: this.transport(provider),
      onCall: (rec) => this.log.call(rec),
    };
    return provider === 'volcengine' ? new VolcengineClient(opts) : new AliyunClient(opts);
  }

  private transport(provider: Provider): Transport {
    let t = this.transports.get(provider);
    if (!t) {
      t = new Transport({ ...DEFAULT_TRANSPORT_SETTINGS, ...transportSettingsFrom(this.settings.general()) });
      this.transports.set(provider, t);
    }
    return t;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    for (const t of this.transports.values()) void t.close();
    this.transports.clear();
    this.clients.clear();
  }
}
