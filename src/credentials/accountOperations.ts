/** Account operations that take their input: add, edit (key pairs validated with DescribeRegions), role, remove, shown, import from env. */
import * as vscode from 'vscode';
import { guidanceFor, isCloudError, PROVIDERS, type Credentials, type Provider } from '../core';
import type { ActionLog, AccountInfo } from '../contracts';
import { accountWithKey, saveEnvAccount } from './envImport';
import type { Clients } from '../clients';
import { checkKeyPart, checkAccountName, credentialsFromEnv } from './mask';
import type { AccountStore } from './store';
import { toLocale } from '../output/translate';
import { providerLabel as label } from '../tree/items';
import type { Prompts } from '../ui/prompts';

/** The key pair was refused by the cloud (or could not be checked). */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly code: string,
    /** True when the cloud gave no answer about the key (unreachable, throttled, failing): the key may be fine. */
    readonly unreachable: boolean,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export interface AccountInput {
  readonly name: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

interface Deps {
  readonly accounts: AccountStore;
  readonly clients: Clients;
  readonly log: ActionLog & { mask?(value: string): void };
  readonly env: NodeJS.ProcessEnv;
  /** Read at each use (the test API swaps them). */
  readonly prompts: () => Prompts;
}

const locale = () => toLocale(vscode.env.language);

/** Account operations without prompts (tests use these); AccountCommands (commands.ts) adds the `…Interactive` flows. */
export class AccountOperations {
  constructor(protected readonly d: Deps) {}

  /** Checks a key pair with a real DescribeRegions call. Throws ValidationError. */
  async validate(provider: Provider, creds: Credentials, signal?: AbortSignal): Promise<void> {
    this.d.log.mask?.(creds.accessKeySecret);
    if (creds.securityToken) this.d.log.mask?.(creds.securityToken);
    try {
      const c = this.d.clients.forCredentials(provider, creds);
      await c.describeRegions({ signal });
    } catch (e) {
      if (isCloudError(e)) {
        const g = guidanceFor(e.code, locale(), e.message, { provider: e.provider, action: e.action });
        // Only a definite answer about the key says "refused"; no answer, or a passing failure, says nothing about it.
        const unreachable = e.kind === 'network' || e.kind === 'timeout';
        const undecided = !unreachable && (e.retryable || e.kind === 'malformed-response');
        const text = unreachable
          ? vscode.l10n.t('Could not reach {0} to check the AccessKey: {1} — {2} {3}', label(provider), e.code, g.explain, g.next)
          : undecided
            ? vscode.l10n.t('{0} could not check the AccessKey now: {1} — {2} {3}', label(provider), e.code, g.explain, g.next)
            : // The catalogue's next step names Edit Account…; here nothing is saved yet: the pair is entered again.
              vscode.l10n.t(
                '{0} refused the AccessKey: {1} — {2} {3}',
                label(provider),
                e.code,
                g.explain,
                vscode.l10n.t('Check the AccessKey ID and Secret and enter them again.'),
              );
        throw new ValidationError(text + (e.requestId ? ` (RequestId ${e.requestId})` : ''), e.code, unreachable || undecided);
      }
      throw e;
    }
  }

  async add(provider: Provider, input: AccountInput, opts: { skipValidation?: boolean } = {}): Promise<AccountInfo> {
    const creds = this.checkInput(provider, input, undefined);
    if (!opts.skipValidation) await this.validate(provider, creds);
    const same = await this.accountWithKey(provider, creds.accessKeyId);
    const info = await this.d.accounts.add(provider, input.name, creds);
    this.d.log.info(vscode.l10n.t('Added {0} account "{1}" (AccessKey ID {2}).', label(provider), info.name, info.maskedKeyId));
    if (same) {
      // Allowed (e.g. another STS token), but the view then lists the same resources under both.
      const warn = vscode.l10n.t(
        'Account "{0}" uses the same AccessKey ID as account "{1}": the view lists the same resources under both. Use "Select Accounts…" to show one.',
        info.name,
        same.name,
      );
      this.d.log.warn(warn);
      void this.d.prompts().notify('warn', warn);
    }
    return info;
  }

  async edit(
    accountId: string,
    change: { name?: string; credentials?: Credentials },
    opts: { skipValidation?: boolean } = {},
  ): Promise<AccountInfo> {
    const cur = this.d.accounts.get(accountId);
    if (!cur) throw new Error(vscode.l10n.t('Account {0} no longer exists.', accountId));
    if (change.name !== undefined) {
      const err = checkAccountName(
        change.name,
        this.d.accounts
          .all(cur.provider)
          .filter((p) => p.id !== accountId)
          .map((p) => p.name),
      );
      if (err) throw new Error(nameMessage(err));
    }
    if (change.credentials) {
      this.checkInput(cur.provider, { name: cur.name, ...change.credentials }, accountId);
      if (!opts.skipValidation) await this.validate(cur.provider, change.credentials);
    }
    const next = await this.d.accounts.update(accountId, change);
    this.d.log.info(vscode.l10n.t('Updated account "{0}" (AccessKey ID {1}).', next.name, next.maskedKeyId));
    return next;
  }

  /**
   * Sets the role a stored account assumes (empty clears it), after assuming it once with the stored key.
   * Alibaba: `acs:ram::<account>:role/<name>`; Volcengine: `trn:iam::<account>:role/<name>`.
   */
  async setRole(accountId: string, role: string, opts: { skipValidation?: boolean } = {}): Promise<AccountInfo> {
    const cur = this.d.accounts.get(accountId);
    if (!cur || cur.readOnly) throw new Error(vscode.l10n.t('Account {0} no longer exists.', accountId));
    const r = role.trim();
    if (r && !ROLE_FORMAT[cur.provider].test(r)) {
      throw new Error(
        vscode.l10n.t(
          'Enter the role as {0}.',
          cur.provider === 'aliyun' ? 'acs:ram::<account-id>:role/<role-name>' : 'trn:iam::<account-id>:role/<role-name>',
        ),
      );
    }
    const prev = cur.role;
    const next = await this.d.accounts.setRole(accountId, r || undefined);
    if (r && !opts.skipValidation) {
      try {
        const c = cur.provider === 'aliyun' ? await this.d.clients.aliyun(accountId) : await this.d.clients.volcengine(accountId);
        await c.describeRegions();
      } catch (e) {
        await this.d.accounts.setRole(accountId, prev);
        throw e;
      }
    }
    this.d.log.info(
      r
        ? vscode.l10n.t('Account "{0}" now assumes role {1}.', next.name, r)
        : vscode.l10n.t('Account "{0}" no longer assumes a role.', next.name),
    );
    return next;
  }

  async remove(accountId: string): Promise<void> {
    const cur = this.d.accounts.get(accountId);
    await this.d.accounts.remove(accountId);
    if (cur) this.d.log.info(vscode.l10n.t('Removed account "{0}".', cur.name));
  }

  /** Which accounts the tree shows for a provider (undefined = all). */
  async setShown(provider: Provider, ids: string[] | undefined): Promise<void> {
    await this.d.accounts.setShown(provider, ids);
  }

  /**
   * Imports the environment's key pairs. The account that already has the same AccessKey ID gets the new secret
   * (and token) and keeps its name; otherwise a new account "env" is added ("env-2"… when that name is taken).
   * An account renamed or given another key by the user is never overwritten.
   */
  async importFromEnv(
    providers: readonly Provider[] = PROVIDERS,
    opts: { skipValidation?: boolean } = {},
  ): Promise<{ provider: Provider; name: string }[]> {
    const done: { provider: Provider; name: string }[] = [];
    for (const p of providers) {
      const creds = credentialsFromEnv(p, this.d.env);
      if (!creds) continue;
      if (!opts.skipValidation) await this.validate(p, creds);
      const { name } = await saveEnvAccount(this.d.accounts, p, creds);
      this.d.log.info(vscode.l10n.t('Imported {0} credentials from the environment into account "{1}".', label(p), name));
      done.push({ provider: p, name });
    }
    return done;
  }

  /** The account of this cloud whose AccessKey ID is `keyId` (the masked ID narrows it down before a secret is read). */
  private accountWithKey(p: Provider, keyId: string): Promise<AccountInfo | undefined> {
    return accountWithKey(this.d.accounts, p, keyId);
  }

  private checkInput(provider: Provider, input: AccountInput, selfId: string | undefined): Credentials {
    const nameErr = checkAccountName(
      input.name,
      this.d.accounts
        .all(provider)
        .filter((p) => p.id !== selfId)
        .map((p) => p.name),
    );
    if (nameErr) throw new Error(nameMessage(nameErr));
    if (checkKeyPart(input.accessKeyId)) throw new Error(vscode.l10n.t('Enter a valid AccessKey ID (no spaces).'));
    if (checkKeyPart(input.accessKeySecret)) throw new Error(vscode.l10n.t('Enter a valid AccessKey Secret (no spaces).'));
    const token = input.securityToken?.trim();
    return token
      ? { accessKeyId: input.accessKeyId.trim(), accessKeySecret: input.accessKeySecret.trim(), securityToken: token }
      : { accessKeyId: input.accessKeyId.trim(), accessKeySecret: input.accessKeySecret.trim() };
  }
}

/** The text for a checkAccountName error (the operations throw it, the prompts show it). */
export function nameMessage(e: 'empty' | 'tooLong' | 'taken'): string {
  switch (e) {
    case 'empty':
      return vscode.l10n.t('Enter an account name.');
    case 'tooLong':
      return vscode.l10n.t('Use at most 64 printable characters.');
    case 'taken':
      return vscode.l10n.t('An account with this name already exists.');
  }
}

const ROLE_FORMAT: Readonly<Record<Provider, RegExp>> = {
  aliyun: /^acs:ram::\d{1,32}:role\/[A-Za-z0-9.\-_]{1,64}$/,
  volcengine: /^trn:iam::\d{1,32}:role\/[A-Za-z0-9.\-_+=,@]{1,64}$/,
};
