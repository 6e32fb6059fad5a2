/**
 * The one context every command handler gets: `(ctx, node, nodes)`. Built once in extensionMain.ts; the prompts
 * and the clock are read through it at each use, so the test API can swap them.
 */
import type { ModifyFollowOptions, PollOptions } from '../core';
import { PROVIDERS, type Locale, type Provider } from '../core/types';
import type { ActionLog, ClientFactory, AccountSource, TreeControl } from '../contracts';
import { providerLabel, type Translate } from '../output/translate';
import type { Prompts } from '../ui/prompts';
import type { HistoryRecorder } from '../history/recorder';
import type { SafetyVerdict } from '../core/credentials/safety';
import type { Clients } from '../clients';
import type { AccountStore } from '../credentials/store';
import type { AccountCommands } from '../credentials/commands';
import type { Settings } from '../settings/config';
import type { Explorer } from '../tree/explorer';
import type { DetailsProvider } from '../tree/details';
import type { TreeNode } from '../tree/model';
import type { HistoryStore } from '../history/store';
import type { HistoryView } from '../history/view';
import type { TreeView } from 'vscode';

export type ConfirmMode = 'typeCount' | 'modal';

export interface CommandContext {
  readonly clients: ClientFactory;
  readonly log: ActionLog;
  readonly prompts: Prompts;
  readonly tree: TreeControl;
  readonly accountSource: AccountSource;
  readonly now: () => Date;
  readonly t: Translate;
  readonly locale: () => Locale;
  /** `ecsExplorer.confirmDestructive`. */
  readonly confirmMode: () => ConfirmMode;
  /**
   * Following an accepted ModifyReservedInstances, and looking for a lost answer's change: period, bounds and
   * timer (tests inject one driven by their clock). Defaults: the core's MODIFY_FOLLOW_DEFAULTS / MODIFY_RECONCILE_DEFAULTS.
   */
  readonly modifyFollow?: Omit<ModifyFollowOptions, 'signal' | 'onPoll'>;
  readonly modifyReconcile?: Omit<PollOptions, 'signal'>;
  /** Aborted when the extension is deactivated: background follow-ups stop. */
  readonly lifetime?: AbortSignal;
  /** The record of mutating actions (History view); absent in tests that do not look at it. */
  readonly history?: HistoryRecorder;
  /** The user's guard rails (aliyun-cli safety policy, `ecsExplorer.safetyRules`) for an API action. */
  readonly guard?: (provider: Provider, action: string) => Promise<SafetyVerdict>;
  /** The VS Code layer: present in the extension, absent in the action handlers' unit tests. */
  readonly app?: AppParts;
}

/** What the tree, account, export and history commands use besides the common part. */
export interface AppParts {
  readonly clients: Clients;
  readonly accounts: AccountStore;
  readonly accountCommands: AccountCommands;
  readonly settings: Settings;
  readonly explorer: Explorer;
  readonly view: TreeView<TreeNode>;
  readonly details: DetailsProvider;
  readonly historyStore: HistoryStore;
  readonly historyView: HistoryView;
}

/** The VS Code parts of a context (absent only in the action handlers' unit tests). */
export function appOf(ctx: CommandContext): AppParts {
  if (!ctx.app) throw new Error('ECS Explorer: this command needs the VS Code layer');
  return ctx.app;
}

/** What the action commands need (delete, cancel, split/merge/scope). Alias kept while other branches import it. */
export type ActionDeps = CommandContext;

/** Asks which cloud (the one provider pick of every command). */
export async function pickProvider(ctx: Pick<CommandContext, 'prompts' | 't'>, placeHolder: string): Promise<Provider | undefined> {
  const items = PROVIDERS.map((p) => ({ label: providerLabel(p, ctx.t), value: p }));
  return ctx.prompts.pickOne(items, { placeHolder });
}
