/**
 * Accounts: metadata (id, name, provider, masked key ID) in globalState, the AccessKey pair only in
 * SecretStorage (key `ecsExplorer.profile.<id>`). Fires onDidChange when either changes.
 */
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Credentials, Provider } from '../core/types';
import type { AccountInfo } from '../contracts';
import { maskKeyId } from './mask';
import type { ExternalAccounts } from './external';
import { roleNameOf } from '../core/credentials/profiles';

const PROFILES_KEY = 'ecsExplorer.profiles'; // storage key, kept for saved data
const SHOWN_KEY = 'ecsExplorer.shownProfiles'; // storage key, kept for saved data
/** Per provider: the account IDs that existed when the subset was picked (an account not among them is new: shown). */
const PICKED_FROM_KEY = 'ecsExplorer.accountsWhenPicked';
const ENV_IMPORTED_KEY = 'ecsExplorer.envImported';
const SECRET_PREFIX = 'ecsExplorer.profile.'; // storage key, kept for saved data

export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/** SecretStorage (OS keyring) failed: the message says what to do. */
export class KeyringError extends Error {
  constructor(op: 'read' | 'write' | 'delete', cause: unknown) {
    super(
      vscode.l10n.t(
        'Could not {0} the AccessKey in the secure storage (OS keyring): {1}. Make sure a keyring is available (on Linux: gnome-keyring or kwallet, or start VS Code with --password-store=basic), then try again.',
        op === 'read' ? vscode.l10n.t('read') : op === 'write' ? vscode.l10n.t('save') : vscode.l10n.t('delete'),
        cause instanceof Error ? cause.message : String(cause),
      ),
      { cause },
    );
    this.name = 'KeyringError';
  }
}

/** The account's secret is gone (deleted elsewhere, or the keyring was reset). */
export class MissingSecretError extends Error {
  constructor(readonly account: AccountInfo) {
    super(
      vscode.l10n.t('The AccessKey of account "{0}" is missing from the secure storage. Edit the account to enter it again.', account.name),
    );
    this.name = 'MissingSecretError';
  }
}

export class AccountStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Accounts added, edited, removed, shown/hidden, or a secret changed. */
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [this.emitter];
  private readonly cache = new Map<string, Credentials>();
  /**
   * Accounts being added: listed from the start of add() (the tree shows them without waiting for the secure
   * storage and state writes, each a round trip to the window in VS Code for the Web); gone again if add() fails.
   */
  private readonly adding = new Map<string, { info: AccountInfo; done: Promise<unknown>; now: () => void }>();
  /**
   * A digest of what this store last wrote under each secret key ('' after a delete): VS Code reports our own writes
   * as changes too, and the write's caller reports those itself, so a change that leaves what we wrote is not
   * reported again (each report reloads the whole tree).
   */
  private readonly written = new Map<string, string>();
  private credentialRevision = 0;
  /** Counts writes, deletes and reported changes of each account's secret: a read that overlapped one is not cached. */
  private readonly generation = new Map<string, number>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    /** CLI files and environment (read-only accounts listed after the stored ones). */
    readonly external?: ExternalAccounts,
  ) {
    if (external)
      this.subs.push(
        external.onDidChange(() => {
          this.credentialRevision++; // a re-read file may hold other keys under the same names
          this.emitter.fire();
        }),
      );
    this.subs.push(
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(SECRET_PREFIX)) return;
        const changed = () => {
          this.forget(e.key.slice(SECRET_PREFIX.length));
          this.credentialRevision++;
          this.emitter.fire();
        };
        const ours = this.written.get(e.key);
        if (ours === undefined) return changed();
        void Promise.resolve(this.secrets.get(e.key)).then(
          (v) => (digest(v) === ours ? undefined : changed()),
          () => changed(),
        );
      }),
    );
  }

  /**
   * Goes up when an account's key pair may have changed without its listing changing (a key replaced, a secret
   * changed in another window, a CLI file re-read): with all() and shown(), what a change report can have changed.
   */
  get revision(): number {
    return this.credentialRevision;
  }

  /** Stored accounts, then the external ones. */
  all(provider?: Provider): AccountInfo[] {
    return [...this.shownStored(provider), ...(this.external?.all(provider) ?? [])];
  }

  /** Accounts in SecretStorage only (the ones this extension can edit). */
  stored(provider?: Provider): AccountInfo[] {
    const saved = this.saved();
    const list = this.adding.size
      ? [...saved.filter((p) => !this.adding.has(p.id)), ...[...this.adding.values()].map((a) => a.info)]
      : saved;
    return provider ? list.filter((p) => p.provider === provider) : [...list];
  }

  /** The accounts saved in state (not those being added): what a write of the list starts from. */
  private saved(): AccountInfo[] {
    return this.state.get<AccountInfo[]>(PROFILES_KEY, []);
  }

  /** Stored accounts as shown: one with a role says so. */
  private shownStored(provider?: Provider): AccountInfo[] {
    return this.stored(provider).map((p) => (p.role ? { ...p, description: `${p.maskedKeyId} → ${roleNameOf(p.role) ?? p.role}` } : p));
  }

  /** Sets (or clears) the role a stored account assumes. The role is not a secret: it lives with the metadata. */
  async setRole(id: string, role: string | undefined): Promise<AccountInfo> {
    await this.settleAdding(id);
    const cur = this.stored().find((p) => p.id === id);
    if (!cur) throw new Error(vscode.l10n.t('Account {0} no longer exists.', id));
    const next: AccountInfo = { ...cur, role: role?.trim() || undefined };
    await this.state.update(
      PROFILES_KEY,
      this.saved().map((p) => (p.id === id ? next : p)),
    );
    this.emitter.fire();
    return next;
  }

  get(id: string): AccountInfo | undefined {
    return this.all().find((p) => p.id === id);
  }

  /**
   * Accounts shown in the tree: all, unless the user picked a subset with Select Accounts…; then the picked ones
   * and any account that appeared since (a new CLI profile or environment account is shown, not hidden).
   */
  shown(provider: Provider): AccountInfo[] {
    const all = this.all(provider);
    const pick = this.idsOf(SHOWN_KEY, provider);
    if (!pick) return all;
    // Saved before this was recorded: only the picked ones.
    const from = this.idsOf(PICKED_FROM_KEY, provider);
    const shown = all.filter((p) => pick.includes(p.id) || (from !== undefined && !from.includes(p.id)));
    return shown.length ? shown : all;
  }

  /** Shows only `ids` of the provider's accounts (undefined: all); accounts that appear later are shown too. */
  async setShown(provider: Provider, ids: string[] | undefined): Promise<void> {
    await this.setIds(PICKED_FROM_KEY, provider, ids && [...new Set([...ids, ...this.all(provider).map((p) => p.id)])]);
    await this.setIds(SHOWN_KEY, provider, ids);
    this.emitter.fire();
  }

  /** A per-provider list of account IDs kept in state: the picked subset, or the accounts it was picked from. */
  private idsOf(key: string, provider: Provider): string[] | undefined {
    return this.state.get<Partial<Record<Provider, string[]>>>(key, {})[provider];
  }

  private async setIds(key: string, provider: Provider, ids: string[] | undefined): Promise<void> {
    const cur = { ...this.state.get<Partial<Record<Provider, string[]>>>(key, {}) };
    if (ids) cur[provider] = ids;
    else delete cur[provider];
    await this.state.update(key, cur);
  }

  /**
   * Adds an account; it is listed at once (see `adding`), saved when this resolves, and unlisted again if it rejects.
   * With `after`, the writes start when it settles, or as soon as the account's credentials are asked for (the
   * first open saves the environment's key pairs after the view's first rows).
   */
  add(provider: Provider, name: string, creds: Credentials, id?: string, after?: Promise<unknown>): Promise<AccountInfo> {
    const info: AccountInfo = {
      id: id ?? `${provider}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`,
      provider,
      name: name.trim(),
      maskedKeyId: maskKeyId(creds.accessKeyId),
    };
    // Replacing a listed account's key pair: what was loaded with the old one is reloaded.
    const replaces = this.saved().some((p) => p.id === info.id);
    let now = (): void => undefined;
    const done = after
      ? Promise.race([after.catch(() => undefined), new Promise<void>((r) => (now = r))]).then(() => this.save(info, creds))
      : this.save(info, creds);
    this.adding.set(info.id, { info, done, now });
    return done.then(
      () => {
        this.adding.delete(info.id);
        if (replaces) this.credentialRevision++;
        this.emitter.fire();
        return info;
      },
      (e: unknown) => {
        this.adding.delete(info.id);
        this.emitter.fire(); // listed meanwhile: it goes away
        throw e;
      },
    );
  }

  private async save(info: AccountInfo, creds: Credentials): Promise<void> {
    await this.writeSecret(info.id, creds);
    const list = this.saved().filter((p) => p.id !== info.id);
    list.push(info);
    await this.state.update(PROFILES_KEY, list);
    // A newly added account is shown even if the user had picked a subset (the pick changes, not what it was
    // picked from).
    const pick = this.idsOf(SHOWN_KEY, info.provider);
    if (pick && !pick.includes(info.id)) await this.setIds(SHOWN_KEY, info.provider, [...pick, info.id]);
  }

  /** Renames and/or replaces the key pair. */
  async update(id: string, change: { name?: string; credentials?: Credentials }): Promise<AccountInfo> {
    await this.settleAdding(id);
    const cur = this.get(id);
    if (!cur) throw new Error(vscode.l10n.t('Account {0} no longer exists.', id));
    if (cur.readOnly) throw new Error(readOnlyMessage(cur));
    if (change.credentials) {
      await this.writeSecret(id, change.credentials);
      this.credentialRevision++;
    }
    const next: AccountInfo = {
      ...cur,
      name: change.name?.trim() || cur.name,
      maskedKeyId: change.credentials ? maskKeyId(change.credentials.accessKeyId) : cur.maskedKeyId,
    };
    await this.state.update(
      PROFILES_KEY,
      this.saved().map((p) => (p.id === id ? next : p)),
    );
    this.emitter.fire();
    return next;
  }

  async remove(id: string): Promise<void> {
    await this.settleAdding(id);
    const cur = this.get(id);
    if (cur?.readOnly) throw new Error(readOnlyMessage(cur));
    await this.changeSecret(id, undefined);
    await this.state.update(
      PROFILES_KEY,
      this.saved().filter((p) => p.id !== id),
    );
    if (cur) {
      const pick = this.idsOf(SHOWN_KEY, cur.provider);
      const rest = pick?.filter((x) => x !== id);
      if (rest?.length) await this.setIds(SHOWN_KEY, cur.provider, rest);
      else if (pick) await this.setShown(cur.provider, undefined);
    }
    this.emitter.fire();
  }

  /** The key pair of an account. Throws MissingSecretError or KeyringError. */
  async credentials(id: string): Promise<Credentials> {
    // External sources are read on use and never cached here.
    if (this.external?.has(id)) return this.external.credentials(id);
    const hit = this.cache.get(id);
    if (hit) return hit;
    // Being added: its secret is read once saved.
    await this.settleAdding(id);
    const info = this.get(id);
    if (!info) throw new Error(vscode.l10n.t('Account {0} no longer exists.', id));
    const generation = this.generation.get(id) ?? 0;
    let raw: string | undefined;
    try {
      raw = await this.secrets.get(SECRET_PREFIX + id);
    } catch (e) {
      throw new KeyringError('read', e);
    }
    if (!raw) throw new MissingSecretError(info);
    let c: Credentials;
    try {
      const o = JSON.parse(raw) as Partial<Credentials>;
      if (typeof o.accessKeyId !== 'string' || typeof o.accessKeySecret !== 'string') throw new Error('shape');
      c = o.securityToken
        ? { accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret, securityToken: String(o.securityToken) }
        : { accessKeyId: o.accessKeyId, accessKeySecret: o.accessKeySecret };
    } catch {
      throw new MissingSecretError(info);
    }
    // Changed while it was read: used this once, read again next time.
    if ((this.generation.get(id) ?? 0) === generation) this.cache.set(id, c);
    return c;
  }

  /**
   * Waits for the save of an account being added (one that waits for `after` starts now), so what follows reads and
   * changes the saved account: a removal or rename meanwhile would be undone by the save.
   */
  private async settleAdding(id: string): Promise<void> {
    const adding = this.adding.get(id);
    adding?.now();
    await adding?.done.catch(() => undefined);
  }

  /** Drops the cached secret of an account and marks reads in flight as stale. */
  private forget(id: string): void {
    this.cache.delete(id);
    this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
  }

  /** Whether the automatic env import already ran for a provider (it runs once, so a removed "env" account stays removed). */
  envImported(provider: Provider): boolean {
    return this.state.get<Partial<Record<Provider, boolean>>>(ENV_IMPORTED_KEY, {})[provider] === true;
  }

  async markEnvImported(provider: Provider): Promise<void> {
    await this.state.update(ENV_IMPORTED_KEY, {
      ...this.state.get<Partial<Record<Provider, boolean>>>(ENV_IMPORTED_KEY, {}),
      [provider]: true,
    });
  }

  private async writeSecret(id: string, c: Credentials): Promise<void> {
    const value = JSON.stringify(
      c.securityToken
        ? { accessKeyId: c.accessKeyId.trim(), accessKeySecret: c.accessKeySecret.trim(), securityToken: c.securityToken.trim() }
        : { accessKeyId: c.accessKeyId.trim(), accessKeySecret: c.accessKeySecret.trim() },
    );
    await this.changeSecret(id, value);
  }

  /**
   * Stores (or, with no value, deletes) an account's secret. Reads in flight before or during it are not cached, and
   * VS Code's report of this change is recognised as ours (`written`).
   */
  private async changeSecret(id: string, value: string | undefined): Promise<void> {
    const key = SECRET_PREFIX + id;
    this.forget(id);
    this.written.set(key, digest(value));
    try {
      await (value === undefined ? this.secrets.delete(key) : this.secrets.store(key, value));
    } catch (e) {
      throw new KeyringError(value === undefined ? 'delete' : 'write', e);
    } finally {
      this.forget(id);
    }
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

function readOnlyMessage(p: AccountInfo): string {
  return p.source === 'env'
    ? vscode.l10n.t(
        'Account "{0}" comes from the environment variables; change them and restart VS Code, or turn the source off in the settings.',
        p.name,
      )
    : vscode.l10n.t(
        'Account "{0}" comes from {1}; edit it with the CLI (or in the file), or turn the source off in the settings.',
        p.name,
        p.file ?? p.description ?? '',
      );
}

/** What `written` keeps of a secret: a digest, not the value. */
function digest(v: string | undefined): string {
  return v === undefined ? '' : createHash('sha256').update(v).digest('base64');
}
