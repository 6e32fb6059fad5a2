/** Registers the action commands (delete, cancel, split/merge/scope). Thin vscode layer over the handlers. */
import * as vscode from 'vscode';
import type { ActionLog, ClientFactory, ScopeSource, TreeControl } from '../services';
import { createActionLog } from '../output/actionLog';
import { toLocale, type Translate } from '../output/translate';
import { vscodePrompts, type Prompts } from '../ui/prompts';
import { cancelReservation, whyNotCancellable } from './cancelReservation';
import { deleteInstances } from './deleteInstances';
import { runBatchCommand } from './batch';
import { allActions } from '../kinds';
import type { ActionDeps, ConfirmMode } from './deps';
import { mergeReservedInstances, modifyReservedInstanceScope, splitReservedInstance } from './modifyReservedInstances';
import { lostRow } from '../tree/menuArgs';
import { notifyWithOutput, runAction } from './report';
import { validateConfirmDestructive } from '../settings/validate';
import type { SafetyVerdict } from '../core/credentials/safety';
import type { Provider } from '../core/types';
import type { HistoryRecorder } from '../history/recorder';

export type { ActionDeps, ConfirmMode } from './deps';
export { createActionLog } from '../output/actionLog';

export const ACTION_COMMANDS = {
  deleteInstances: 'ecsExplorer.deleteInstances',
  cancelReservation: 'ecsExplorer.cancelReservation',
  whyNotCancellable: 'ecsExplorer.whyNotCancellable',
  splitReservedInstance: 'ecsExplorer.splitReservedInstance',
  mergeReservedInstances: 'ecsExplorer.mergeReservedInstances',
  modifyReservedInstanceScope: 'ecsExplorer.modifyReservedInstanceScope',
} as const;

export interface RegisterActionDeps {
  readonly clients: ClientFactory;
  readonly tree: TreeControl;
  readonly scope: ScopeSource;
  /** The "ECS Explorer" channel; also give its `call` to the clients' `onCall`. Created when absent. */
  readonly log?: ActionLog;
  readonly prompts?: Prompts;
  readonly now?: () => Date;
  /** The user's guard rails (aliyun-cli safety policy, `ecsExplorer.safetyRules`) for an API action. */
  readonly guard?: (provider: Provider, action: string) => Promise<SafetyVerdict>;
  /** Records every mutating action (History view). */
  readonly history?: HistoryRecorder;
}

/** The API action each acting command calls (batch actions: from the kind table). */
const GUARDED: Readonly<Record<string, { provider: Provider; action: string }>> = {
  ...Object.fromEntries(allActions().flatMap(({ kind, action }) => (action.batch ? [[action.command, { provider: kind.provider, action: action.batch.apiAction }]] : []))),
  [ACTION_COMMANDS.splitReservedInstance]: { provider: 'aliyun', action: 'ModifyReservedInstances' },
  [ACTION_COMMANDS.mergeReservedInstances]: { provider: 'aliyun', action: 'ModifyReservedInstances' },
  [ACTION_COMMANDS.modifyReservedInstanceScope]: { provider: 'aliyun', action: 'ModifyReservedInstances' },
};

export interface ActionCommandsHandle {
  readonly deps: ActionDeps;
  readonly log: ActionLog;
  /** Swap the prompts (tests script them); returns a function that restores the previous ones. */
  usePrompts(p: Prompts): () => void;
  /** Override the clock (tests); returns a restore function. */
  useClock(now: () => Date): () => void;
}

/** A menu command whose row is not among its arguments (see menuArgs): say so, act on nothing. */
export function reportLostRow(deps: Pick<ActionDeps, 'prompts' | 'log' | 't'>, title: string): undefined {
  const message = deps.t(
    '{0}: the row this menu was opened on could not be identified (the tree may have been refreshed while the menu was open). Nothing was done; open the menu on the row again.',
    title,
  );
  deps.log.warn(message);
  void notifyWithOutput(deps, 'warn', message);
  return undefined;
}

export function confirmModeSetting(): ConfirmMode {
  // A bad value is reported by Settings; the stricter type-the-count confirmation is used meanwhile.
  return validateConfirmDestructive(vscode.workspace.getConfiguration('ecsExplorer').get('confirmDestructive')).value;
}

export function registerActionCommands(context: vscode.ExtensionContext, input: RegisterActionDeps): ActionCommandsHandle {
  let log = input.log;
  if (!log) {
    const created = createActionLog();
    context.subscriptions.push(created);
    log = created;
  }
  let prompts = input.prompts ?? vscodePrompts();
  let now = input.now ?? (() => new Date());
  const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
  // Background follow-ups (ModifyReservedInstances) stop when the extension is deactivated.
  const lifetime = new AbortController();
  context.subscriptions.push({ dispose: () => lifetime.abort() });
  const deps: ActionDeps = {
    lifetime: lifetime.signal,
    clients: input.clients,
    log,
    get prompts() {
      return prompts;
    },
    tree: input.tree,
    scope: input.scope,
    now: () => now(),
    t,
    locale: () => toLocale(vscode.env.language),
    confirmMode: confirmModeSetting,
    history: input.history,
  };

  const register = (id: string, title: () => string, fn: (d: ActionDeps, node?: unknown, selected?: unknown) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        if (lostRow(args)) return reportLostRow(deps, title());
        let run = deps;
        const guarded = GUARDED[id];
        const verdict = guarded && input.guard ? await input.guard(guarded.provider, guarded.action) : undefined;
        if (guarded && verdict && verdict.action !== 'allow') {
          const source = verdict.from === 'aliyun-cli' ? t('the Alibaba Cloud CLI safety policy') : t('the setting ecsExplorer.safetyRules');
          const rule = verdict.rule?.pattern ?? '';
          if (verdict.action === 'deny') {
            const message = t('{0} is blocked by {1} (rule "{2}" denies ecs:{3}). Nothing was done; change the rule to allow it.', title(), source, rule, guarded.action);
            deps.log.warn(message);
            void notifyWithOutput(deps, 'error', message);
            return undefined;
          }
          // confirm: the type-to-confirm prompt, whatever the confirmation setting.
          run = Object.create(deps, { confirmMode: { value: () => 'typeCount' as ConfirmMode } }) as ActionDeps;
          if (guarded.provider === 'aliyun') {
            const want = guarded.action;
            const typed = await deps.prompts.input({
              title: t('{0} requires confirmation by {1} (rule "{2}").', title(), source, rule),
              prompt: t('Type {0} to continue.', want),
              placeHolder: want,
              validate: (v) => (v.trim() === '' || v.trim() === want ? undefined : t('Type {0} to continue.', want)),
            });
            if (typed?.trim() !== want) return undefined;
          }
        }
        let result: unknown;
        await runAction(run, title(), async () => {
          result = await fn(run, args[0], args[1]);
        });
        return result;
      }),
    );

  register(ACTION_COMMANDS.deleteInstances, () => t('Delete Instances'), deleteInstances);
  register(ACTION_COMMANDS.cancelReservation, () => t('Cancel Reservation'), cancelReservation);
  register(ACTION_COMMANDS.whyNotCancellable, () => t("Why Can't I Cancel This Reservation?"), whyNotCancellable);
  register(ACTION_COMMANDS.splitReservedInstance, () => t('Split Reserved Instance'), splitReservedInstance);
  register(ACTION_COMMANDS.mergeReservedInstances, () => t('Merge Reserved Instances'), mergeReservedInstances);
  register(ACTION_COMMANDS.modifyReservedInstanceScope, () => t('Change Reserved Instance Scope'), modifyReservedInstanceScope);
  // Any other batch action of the kind table runs on the generic batch flow.
  const own = new Set<string>(Object.values(ACTION_COMMANDS));
  for (const { kind, action } of allActions()) {
    if (!action.batch || own.has(action.command)) continue;
    register(action.command, () => t(action.title), (d, node, selected) => runBatchCommand(d, { kind, action, title: d.t(action.title), command: action.title }, node, selected));
  }

  const handle: ActionCommandsHandle = {
    deps,
    log,
    usePrompts(p) {
      const prev = prompts;
      prompts = p;
      return () => {
        prompts = prev;
      };
    },
    useClock(n) {
      const prev = now;
      now = n;
      return () => {
        now = prev;
      };
    },
  };
  return handle;
}
