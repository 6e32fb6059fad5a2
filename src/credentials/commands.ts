/** Account commands: the prompting flows (add, edit, remove, select shown accounts, import from env) and their handlers. */
import * as vscode from 'vscode';
import { PROVIDERS, type Provider } from '../core';
import type { AccountInfo } from '../contracts';
import { AccountOperations, nameMessage, ValidationError, type AccountInput } from './accountOperations';
import { checkKeyPart, checkAccountName, credentialsFromEnv, ENV_NAMES } from './mask';
import { KeyringError, KEYRING_HELP_URL } from './store';
import { providerLabel as label } from '../tree/items';
import type { Prompts } from '../ui/prompts';
import { appOf, pickProvider as pickCloud, type CommandContext } from '../commands/context';
import type { CommandHandler } from '../commands/registry';

export { ValidationError, type AccountInput } from './accountOperations';

/** Account operations; the `…Interactive` methods prompt, the others (from AccountOperations) take their input. */
export class AccountCommands extends AccountOperations {
  async addInteractive(provider?: Provider): Promise<AccountInfo | undefined> {
    provider ??= await this.pickProvider(vscode.l10n.t('Add an account for which cloud?'));
    if (!provider) return undefined;
    const taken = this.d.accounts.all(provider).map((p) => p.name);
    const name = await this.d.prompts().input({
      title: vscode.l10n.t('Add {0} Account (1/4)', label(provider)),
      prompt: vscode.l10n.t('Account name'),
      value: taken.length ? '' : 'default',
      validate: (v) => {
        const e = checkAccountName(v, taken);
        return e ? nameMessage(e) : undefined;
      },
    });
    if (name === undefined) return undefined;
    return this.saveKeyPair(provider, 2, (creds, opts) => this.add(provider!, { name, ...creds }, opts));
  }

  async editInteractive(accountId?: string, provider?: Provider): Promise<AccountInfo | undefined> {
    accountId ??= await this.pickAccount(provider, vscode.l10n.t('Edit which account?'));
    const cur = accountId ? this.d.accounts.get(accountId) : undefined;
    if (!cur) return undefined;
    const rename = { label: vscode.l10n.t('$(edit) Rename'), value: 'rename' };
    const rekey = { label: vscode.l10n.t('$(key) Replace AccessKey…'), value: 'rekey' };
    const role = { label: vscode.l10n.t('$(person) Role to Assume…'), value: 'role' };
    const what = await this.d
      .prompts()
      .pickOne([rename, rekey, role], { title: vscode.l10n.t('Edit account "{0}" ({1})', cur.name, cur.maskedKeyId) });
    if (!what) return undefined;
    if (what === 'role') {
      const value = await this.d.prompts().input({
        title: vscode.l10n.t('Role to assume with account "{0}"', cur.name),
        prompt: vscode.l10n.t('Leave empty to use the AccessKey itself.'),
        value: cur.role ?? '',
        placeHolder: cur.provider === 'aliyun' ? 'acs:ram::<account-id>:role/<role-name>' : 'trn:iam::<account-id>:role/<role-name>',
      });
      if (value === undefined) return undefined;
      return this.run(() => this.setRole(cur.id, value));
    }
    if (what === 'rename') {
      const others = this.d.accounts
        .all(cur.provider)
        .filter((p) => p.id !== cur.id)
        .map((p) => p.name);
      const name = await this.d.prompts().input({
        title: vscode.l10n.t('Rename account'),
        value: cur.name,
        validate: (v) => {
          const e = checkAccountName(v, others);
          return e ? nameMessage(e) : undefined;
        },
      });
      if (name === undefined) return undefined;
      return this.run(() => this.edit(cur.id, { name }));
    }
    return this.saveKeyPair(cur.provider, 1, (credentials, opts) => this.edit(cur.id, { credentials }, opts));
  }

  /**
   * Asks for a key pair (from wizard step `step`) and saves it after a real call. A pair the cloud refuses can be
   * entered again, the AccessKey ID kept, without starting over.
   */
  private async saveKeyPair(
    provider: Provider,
    step: number,
    save: (creds: Omit<AccountInput, 'name'>, opts: { skipValidation?: boolean }) => Promise<AccountInfo>,
  ): Promise<AccountInfo | undefined> {
    let prev: Omit<AccountInput, 'name'> | undefined;
    for (;;) {
      const creds = await promptKeyPair(this.d.prompts(), provider, step, prev);
      if (!creds) return undefined;
      const r = await this.saveWithValidation(
        provider,
        () => save(creds, {}),
        () => save(creds, { skipValidation: true }),
      );
      if (r !== ENTER_AGAIN) return r;
      prev = creds;
    }
  }

  async removeInteractive(accountId?: string, provider?: Provider): Promise<void> {
    accountId ??= await this.pickAccount(provider, vscode.l10n.t('Remove which account?'));
    const cur = accountId ? this.d.accounts.get(accountId) : undefined;
    if (!cur) return;
    const remove = vscode.l10n.t('Remove');
    const ok = await this.d
      .prompts()
      .confirm(
        vscode.l10n.t('Remove account "{0}" ({1})?', cur.name, cur.maskedKeyId),
        vscode.l10n.t('Its AccessKey is deleted from the secure storage. Cloud resources are not affected.'),
        remove,
      );
    if (!ok) return;
    await this.run(() => this.remove(cur.id));
  }

  async switchInteractive(provider?: Provider): Promise<void> {
    provider ??= await this.pickProvider(vscode.l10n.t('Show accounts of which cloud?'));
    if (!provider) return;
    const all = this.d.accounts.all(provider);
    if (all.length < 2) {
      void this.d.prompts().notify('info', vscode.l10n.t('{0} has only one account. Use "Add Account…" to add another.', label(provider)));
      return;
    }
    const shown = new Set(this.d.accounts.shown(provider).map((p) => p.id));
    const picks = await this.d.prompts().pickMany(
      all.map((p) => ({ label: p.name, description: p.maskedKeyId, picked: shown.has(p.id), value: p.id })),
      { title: vscode.l10n.t('{0}: accounts to show', label(provider)) },
    );
    if (!picks) return;
    if (picks.length === 0) {
      void this.d.prompts().notify('warn', vscode.l10n.t('Nothing changed: select at least one account to show.'));
      return;
    }
    await this.setShown(provider, picks.length === all.length ? undefined : picks);
  }

  async importInteractive(): Promise<void> {
    const present = PROVIDERS.filter((p) => credentialsFromEnv(p, this.d.env));
    if (!present.length) {
      const names = Object.values(ENV_NAMES)
        .map((n) => `${n.id} / ${n.secret}`)
        .join('; ');
      void this.d.prompts().notify('info', vscode.l10n.t('No credentials found in the environment. Set {0} and restart VS Code.', names));
      return;
    }
    const done = await this.d
      .prompts()
      .withProgress(vscode.l10n.t('Validating AccessKey…'), () => this.run(() => this.importFromEnv(present)), { cancellable: false });
    if (done?.length)
      void this.d
        .prompts()
        .notify(
          'info',
          vscode.l10n.t(
            'Imported credentials from the environment: {0}.',
            done.map((d) => vscode.l10n.t('{0} → "{1}"', label(d.provider), d.name)).join(vscode.l10n.t(', ')),
          ),
        );
  }

  /** Saves after a real call; a refused key pair offers "Enter Again" (→ ENTER_AGAIN), an unreachable cloud "Save Without Validating". */
  private async saveWithValidation(
    provider: Provider,
    save: () => Promise<AccountInfo>,
    saveAnyway: () => Promise<AccountInfo>,
  ): Promise<AccountInfo | typeof ENTER_AGAIN | undefined> {
    try {
      const info = await this.d
        .prompts()
        .withProgress(vscode.l10n.t('Validating AccessKey with {0}…', label(provider)), save, { cancellable: false });
      void this.d.prompts().notify('info', vscode.l10n.t('Account "{0}" saved.', info.name));
      return info;
    } catch (e) {
      if (e instanceof ValidationError && e.unreachable) {
        const anyway = vscode.l10n.t('Save Without Validating');
        const c = await this.d.prompts().notify('warn', e.message, anyway);
        return c === anyway ? this.run(saveAnyway) : undefined;
      }
      if (e instanceof ValidationError) {
        this.d.log.error(e.message);
        const again = vscode.l10n.t('Enter Again');
        return (await this.d.prompts().notify('error', e.message, again)) === again ? ENTER_AGAIN : undefined;
      }
      this.showError(e);
      return undefined;
    }
  }

  private async run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.showError(e);
      return undefined;
    }
  }

  private showError(e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    this.d.log.error(msg);
    if (e instanceof KeyringError) {
      const help = vscode.l10n.t('Troubleshooting');
      void this.d
        .prompts()
        .notify('error', msg, help)
        .then((c) => c === help && vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL)));
    } else {
      void this.d.prompts().notify('error', msg);
    }
  }

  private async pickAccount(provider: Provider | undefined, title: string): Promise<string | undefined> {
    const all = this.d.accounts.all(provider);
    if (all.length === 0) {
      void this.d.prompts().notify('info', vscode.l10n.t('No accounts yet. Use "Add Account…" first.'));
      return undefined;
    }
    if (all.length === 1) return all[0].id;
    return this.d.prompts().pickOne(
      all.map((p) => ({ label: p.name, description: `${label(p.provider)} · ${p.maskedKeyId}`, value: p.id })),
      { title },
    );
  }

  private pickProvider(placeHolder: string): Promise<Provider | undefined> {
    return pickCloud({ prompts: this.d.prompts(), t: vscode.l10n.t }, placeHolder);
  }
}

/** What saveWithValidation answers when the user chose "Enter Again" after a refused key pair. */
const ENTER_AGAIN = Symbol('enter again');

/** AccessKey ID, Secret and optional STS token; `prev` (a refused pair) fills in the ID again, never the secrets. */
async function promptKeyPair(
  prompts: Prompts,
  provider: Provider,
  step: number,
  prev?: Omit<AccountInput, 'name'>,
): Promise<Omit<AccountInput, 'name'> | undefined> {
  const total = step + 2;
  const keyCheck = (v: string) => (checkKeyPart(v) ? vscode.l10n.t('Enter the value without spaces.') : undefined);
  const accessKeyId = await prompts.input({
    title: vscode.l10n.t('{0} AccessKey ({1}/{2})', label(provider), step, total),
    prompt: vscode.l10n.t('AccessKey ID'),
    value: prev?.accessKeyId,
    validate: keyCheck,
  });
  if (accessKeyId === undefined) return undefined;
  const accessKeySecret = await prompts.input({
    title: vscode.l10n.t('{0} AccessKey ({1}/{2})', label(provider), step + 1, total),
    prompt: vscode.l10n.t('AccessKey Secret (stored only in the secure storage)'),
    password: true,
    validate: keyCheck,
  });
  if (accessKeySecret === undefined) return undefined;
  const securityToken = await prompts.input({
    title: vscode.l10n.t('{0} AccessKey ({1}/{2})', label(provider), step + 2, total),
    prompt: vscode.l10n.t('STS security token (optional; leave empty for a permanent AccessKey)'),
    password: true,
  });
  if (securityToken === undefined) return undefined;
  return { accessKeyId, accessKeySecret, securityToken: securityToken || undefined };
}

const nodeProvider = (n: unknown): Provider | undefined => {
  const x = n as { type?: string; provider?: Provider } | undefined;
  return x && (x.type === 'provider' || x.type === 'account' || x.type === 'region') ? x.provider : undefined;
};
const nodeAccount = (n: unknown): string | undefined => {
  const x = n as { type?: string; accountId?: string } | undefined;
  return x && (x.type === 'account' || x.type === 'region') ? x.accountId : undefined;
};

const accountsOf = (ctx: CommandContext): AccountCommands => appOf(ctx).accountCommands;

// From a row: that row's provider or account. With no row (palette, title bar, a row refreshed away while its
// menu was open) each asks.
export const addAccount: CommandHandler = (ctx, n) => accountsOf(ctx).addInteractive(nodeProvider(n));
export const editAccount: CommandHandler = (ctx, n) => accountsOf(ctx).editInteractive(nodeAccount(n), nodeProvider(n));
export const removeAccount: CommandHandler = (ctx, n) => accountsOf(ctx).removeInteractive(nodeAccount(n), nodeProvider(n));
export const selectAccounts: CommandHandler = (ctx, n) => accountsOf(ctx).switchInteractive(nodeProvider(n));
export const importFromEnvironment: CommandHandler = (ctx) => accountsOf(ctx).importInteractive();
