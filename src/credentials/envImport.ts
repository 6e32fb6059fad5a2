/**
 * Importing the environment's key pairs as accounts: Import from Environment (credentials/commands.ts) and the
 * automatic import on first open, when a provider has no account (once: a removed "env" account stays removed).
 */
import * as vscode from 'vscode';
import type { ActionLog } from '../contracts';
import { PROVIDERS, type Credentials, type Provider } from '../core/types';
import type { AccountInfo } from '../contracts';
import { reportProblem } from '../output/problem';
import { vscodePrompts, type Prompts } from '../ui/prompts';
import { providerLabel } from '../tree/items';
import { credentialsFromEnv, maskKeyId } from './mask';
import type { AccountStore } from './store';

type Accounts = Pick<AccountStore, 'all' | 'stored' | 'credentials' | 'add' | 'update' | 'markEnvImported'>;

/** The stored account of this cloud whose AccessKey ID is `keyId` (the masked ID narrows it down before a secret is read). */
export async function accountWithKey(
  accounts: Pick<AccountStore, 'stored' | 'credentials'>,
  p: Provider,
  keyId: string,
): Promise<AccountInfo | undefined> {
  const masked = maskKeyId(keyId);
  // Stored accounts only: CLI and environment accounts are not ours to update (and resolving a role would call STS).
  for (const x of accounts.stored(p)) {
    if (x.maskedKeyId !== masked) continue;
    const c = await accounts.credentials(x.id).catch(() => undefined);
    if (c?.accessKeyId === keyId) return x;
  }
  return undefined;
}

/**
 * Saves a provider's environment key pair. The account that already has the same AccessKey ID gets the new secret
 * (and token) and keeps its name; otherwise a new account "env" is added ("env-2"… when that name is taken). An
 * account renamed or given another key by the user is never overwritten. Returns the account.
 */
export async function saveEnvAccount(accounts: Accounts, p: Provider, creds: Credentials, after?: Promise<unknown>): Promise<AccountInfo> {
  const all = accounts.all(p);
  const same = all.length ? await accountWithKey(accounts, p, creds.accessKeyId) : undefined;
  let info: AccountInfo;
  if (same) {
    info = await accounts.update(same.id, { credentials: creds });
  } else {
    const taken = new Set(all.map((x) => x.name));
    let name = 'env';
    for (let i = 2; taken.has(name); i++) name = `env-${i}`;
    const id = all.some((x) => x.id === `${p}-env`) ? undefined : `${p}-env`;
    info = await accounts.add(p, name, creds, id, after);
  }
  // Last: a window closed before the account was saved imports it again next time.
  await accounts.markEnvImported(p);
  return info;
}

export interface EnvImportDeps {
  readonly accounts: Accounts & Pick<AccountStore, 'envImported' | 'external'>;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Pick<ActionLog, 'info' | 'error'>;
  /** The commands' prompts (read at each use); VS Code's own when absent. */
  readonly prompts?: () => Prompts;
  /**
   * When the automatic import may start its writes (the accounts are listed before): the tree's first rows are
   * drawn first, as each write is a round trip to the window. At once when absent.
   */
  readonly after?: () => Promise<void>;
}

export class EnvImport {
  private checked = false;
  /** The import while it runs: callers that arrive meanwhile share it. */
  private running: Promise<void> | undefined;
  /** Resolves once the accounts it imports are listed (AccountStore lists an account from the start of add()). */
  private listing: Promise<void> | undefined;
  /**
   * Clouds whose import failed this session: not tried again automatically (the failed save fires a change, whose
   * full refresh would start the import again, and again); Import from Environment still can, and the next session.
   */
  private readonly failed = new Set<Provider>();

  constructor(private readonly d: EnvImportDeps) {}

  /** Runs the import the first time (and after `again()`); later calls wait for a running one. Never rejects. */
  once(): Promise<void> {
    if (this.running) return this.running;
    if (this.checked) return Promise.resolve();
    this.checked = true;
    let listed!: () => void;
    this.listing = new Promise((r) => (listed = r));
    this.running = this.run(listed).finally(() => {
      listed();
      this.running = undefined;
      this.listing = undefined;
    });
    return this.running;
  }

  /**
   * Like once(), but resolves as soon as the accounts being imported are listed, before they are saved (a failed save
   * unlists the account and fires the store's change): what the tree's first rows and the welcome view need.
   */
  listed(): Promise<void> {
    const running = this.once();
    return this.listing ?? running;
  }

  /** The next `once()` checks again (a full refresh). */
  again(): void {
    this.checked = false;
  }

  private async run(listed: () => void): Promise<void> {
    const { accounts } = this.d;
    // CLI and environment accounts count as accounts; with the environment source on, nothing is imported.
    await accounts.external?.ready();
    // Both clouds at once: each import lists its account synchronously, before its first write.
    const imports = PROVIDERS.map((p) => this.importOne(p));
    listed();
    await Promise.all(imports);
  }

  private async importOne(p: Provider): Promise<void> {
    const { accounts, env, log } = this.d;
    if (accounts.external?.enabled('env', p) || this.failed.has(p)) return;
    if (accounts.all(p).length > 0 || accounts.envImported(p)) return;
    const creds = credentialsFromEnv(p, env);
    if (!creds) return;
    // No account of this cloud yet: saveEnvAccount reaches accounts.add() (which lists the account) without awaiting.
    try {
      const info = await saveEnvAccount(accounts, p, creds, this.d.after?.());
      log.info(
        vscode.l10n.t(
          'Imported {0} credentials from the environment into account "env" (AccessKey ID {1}).',
          providerLabel(p),
          info.maskedKeyId,
        ),
      );
    } catch (e) {
      this.failed.add(p);
      reportProblem(
        log,
        (this.d.prompts ?? vscodePrompts)(),
        e,
        vscode.l10n.t('Could not import {0} credentials from the environment', providerLabel(p)),
      );
    }
  }
}
