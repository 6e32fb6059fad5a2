/**
 * Every contributed command: one table (id → handler, title, guard) registered by one loop through one wrapper
 * (lost-row check, guard rails, error funnel). A handler is `(ctx, node, nodes)`: `node` and `nodes` are what VS
 * Code passes (a row and the selected rows, a string from a link, or nothing).
 */
import type { Provider } from '../core/types';
import type { Translate } from '../output/translate';
import { lostRow, viewTitleCommand } from '../tree/menuArgs';
import type { CommandContext, ConfirmMode } from './context';
import { notifyWithOutput, runAction } from './report';
import { cancelReservation, whyNotCancellable } from './cancelReservation';
import { deleteInstances } from './deleteInstances';
import { mergeReservedInstances, modifyReservedInstanceScope, splitReservedInstance } from './modifyReservedInstances';
import * as tree from '../tree/commands';
import * as accounts from '../credentials/commands';
import { exportHistory, exportResources } from '../export/commands';
import { clearHistory, openHistoryEntry, refreshHistory } from '../history/view';
import { goToResourceCommand } from '../tree/goto';
import { actionOf, allActions } from '../kinds';
import { runBatchCommand } from './batch';

export type CommandHandler = (ctx: CommandContext, node?: unknown, nodes?: unknown) => unknown;

export interface CommandSpec {
  readonly id: string;
  /** For messages (lost row, guard rails, errors); the menu title is in package.nls*.json. */
  readonly title: (t: Translate) => string;
  readonly run: CommandHandler;
  /** Run from a row's menu: refused when its row is not among the arguments (see menuArgs). */
  readonly row?: boolean;
  /** The API action it calls, checked against the user's guard rails first. */
  readonly guard?: { readonly provider: Provider; readonly action: string };
  /** Also registered as its title-bar twin (`ecsExplorer.viewTitle.*`), which drops the tree's arguments. */
  readonly viewTitle?: boolean;
}

/** A batch action's API action, from the kind table (checked against the guard rails). */
function batchGuard(id: string): CommandSpec['guard'] {
  const a = actionOf(id);
  return a?.action.batch ? { provider: a.kind.provider, action: a.action.batch.apiAction } : undefined;
}

const OWN: readonly CommandSpec[] = [
  // Tree
  { id: 'ecsExplorer.refresh', title: (t) => t('Refresh'), run: tree.refresh, viewTitle: true },
  { id: 'ecsExplorer.retry', title: (t) => t('Retry'), run: tree.refresh },
  { id: 'ecsExplorer.loadMore', title: (t) => t('Load more…'), run: tree.loadMore, row: true },
  { id: 'ecsExplorer.loadAll', title: (t) => t('Load All'), run: tree.loadAll, row: true },
  { id: 'ecsExplorer.filter', title: (t) => t('Filter'), run: tree.filter },
  { id: 'ecsExplorer.clearFilter', title: (t) => t('Clear Filter'), run: tree.clearFilter },
  { id: 'ecsExplorer.copyId', title: (t) => t('Copy ID'), run: tree.copyId, row: true },
  { id: 'ecsExplorer.openInConsole', title: (t) => t('Open in Console'), run: tree.openInConsole, row: true },
  { id: 'ecsExplorer.viewDetails', title: (t) => t('View Details'), run: tree.viewDetails, row: true },
  // A row's Select Regions whose row was refreshed away asks for the provider, as the palette does.
  { id: 'ecsExplorer.selectRegions', title: (t) => t('Select Regions'), run: tree.selectRegionsCommand, viewTitle: true },
  { id: 'ecsExplorer.goToResource', title: (t) => t('Go to Resource'), run: goToResourceCommand },
  // Accounts
  { id: 'ecsExplorer.addAccount', title: (t) => t('Add Account'), run: accounts.addAccount, viewTitle: true },
  { id: 'ecsExplorer.editAccount', title: (t) => t('Edit Account'), run: accounts.editAccount, viewTitle: true },
  { id: 'ecsExplorer.removeAccount', title: (t) => t('Remove Account'), run: accounts.removeAccount, viewTitle: true },
  { id: 'ecsExplorer.selectAccounts', title: (t) => t('Select Accounts'), run: accounts.selectAccounts, viewTitle: true },
  { id: 'ecsExplorer.importFromEnvironment', title: (t) => t('Import Credentials from Environment'), run: accounts.importFromEnvironment },
  // Actions
  {
    id: 'ecsExplorer.deleteInstances',
    title: (t) => t('Delete Instances'),
    run: deleteInstances,
    row: true,
    guard: batchGuard('ecsExplorer.deleteInstances'),
  },
  {
    id: 'ecsExplorer.cancelReservation',
    title: (t) => t('Cancel Reservation'),
    run: cancelReservation,
    row: true,
    guard: batchGuard('ecsExplorer.cancelReservation'),
  },
  { id: 'ecsExplorer.whyNotCancellable', title: (t) => t("Why Can't I Cancel This Reservation?"), run: whyNotCancellable, row: true },
  {
    id: 'ecsExplorer.splitReservedInstance',
    title: (t) => t('Split Reserved Instance'),
    run: splitReservedInstance,
    row: true,
    guard: { provider: 'aliyun', action: 'ModifyReservedInstances' },
  },
  {
    id: 'ecsExplorer.mergeReservedInstances',
    title: (t) => t('Merge Reserved Instances'),
    run: mergeReservedInstances,
    row: true,
    guard: { provider: 'aliyun', action: 'ModifyReservedInstances' },
  },
  {
    id: 'ecsExplorer.modifyReservedInstanceScope',
    title: (t) => t('Change Reserved Instance Scope'),
    run: modifyReservedInstanceScope,
    row: true,
    guard: { provider: 'aliyun', action: 'ModifyReservedInstances' },
  },
  // Export and history
  { id: 'ecsExplorer.export', title: (t) => t('Export'), run: exportResources, row: true, viewTitle: true },
  { id: 'ecsExplorer.history.export', title: (t) => t('Export History'), run: exportHistory, viewTitle: true },
  { id: 'ecsExplorer.history.open', title: (t) => t('Open Record'), run: openHistoryEntry },
  { id: 'ecsExplorer.history.refresh', title: (t) => t('Refresh'), run: refreshHistory, viewTitle: true },
  { id: 'ecsExplorer.history.clear', title: (t) => t('Clear History'), run: clearHistory, viewTitle: true },
];

/** Every command: the table above, then the kind table's batch actions without a handler of their own (generic batch flow). */
export const COMMANDS: readonly CommandSpec[] = [
  ...OWN,
  ...allActions()
    .filter(({ action }) => action.batch && !OWN.some((c) => c.id === action.command))
    .map(({ kind, action }): CommandSpec => ({
      id: action.command,
      title: (t) => t(action.title),
      row: true,
      guard: batchGuard(action.command),
      run: (ctx, node, nodes) => runBatchCommand(ctx, { kind, action, title: ctx.t(action.title), command: action.title }, node, nodes),
    })),
];

/** Every command ID the table registers (title-bar twins included). */
export function registeredIds(table: readonly CommandSpec[] = COMMANDS): string[] {
  return table.flatMap((c) => (c.viewTitle ? [c.id, viewTitleCommand(c.id)] : [c.id]));
}

/** A menu command whose row is not among its arguments (see menuArgs): say so, act on nothing. */
export function reportLostRow(ctx: Pick<CommandContext, 'prompts' | 'log' | 't'>, title: string): undefined {
  const message = ctx.t(
    '{0}: the row this menu was opened on could not be identified (the tree may have been refreshed while the menu was open). Nothing was done; open the menu on the row again.',
    title,
  );
  ctx.log.warn(message);
  void notifyWithOutput(ctx, 'warn', message);
  return undefined;
}

/**
 * The guard rails for a command's API action: undefined when denied or not confirmed (said so when denied),
 * else the context to run with (type-to-confirm forced when a rule asks for confirmation).
 */
async function guarded(ctx: CommandContext, spec: CommandSpec, title: string): Promise<CommandContext | undefined> {
  const g = spec.guard;
  const verdict = g && ctx.guard ? await ctx.guard(g.provider, g.action) : undefined;
  if (!g || !verdict || verdict.action === 'allow') return ctx;
  const { t } = ctx;
  const source = verdict.from === 'aliyun-cli' ? t('the Alibaba Cloud CLI safety policy') : t('the setting ecsExplorer.safetyRules');
  const rule = verdict.rule?.pattern ?? '';
  if (verdict.action === 'deny') {
    const message = t(
      '{0} is blocked by {1} (rule "{2}" denies ecs:{3}). Nothing was done; change the rule to allow it.',
      title,
      source,
      rule,
      g.action,
    );
    ctx.log.warn(message);
    void notifyWithOutput(ctx, 'error', message);
    return undefined;
  }
  // confirm: the type-to-confirm prompt, whatever the confirmation setting.
  const run = Object.create(ctx, { confirmMode: { value: () => 'typeCount' as ConfirmMode } }) as CommandContext;
  if (g.provider === 'aliyun') {
    const want = g.action;
    const typed = await ctx.prompts.input({
      title: t('{0} requires confirmation by {1} (rule "{2}").', title, source, rule),
      prompt: t('Type {0} to continue.', want),
      placeHolder: want,
      validate: (v) => (v.trim() === '' || v.trim() === want ? undefined : t('Type {0} to continue.', want)),
    });
    if (typed?.trim() !== want) return undefined;
  }
  return run;
}

/** The one wrapper: lost-row check, guard rails, then the handler through the error funnel. Resolves with the handler's result. */
export async function runCommand(ctx: CommandContext, spec: CommandSpec, args: readonly unknown[]): Promise<unknown> {
  const title = spec.title(ctx.t);
  if (spec.row && lostRow(args)) return reportLostRow(ctx, title);
  const run = await guarded(ctx, spec, title);
  if (!run) return undefined;
  let result: unknown;
  await runAction(run, title, async () => {
    result = await spec.run(run, args[0], args[1]);
  });
  return result;
}

/** The handler of every command of the table and of its title-bar twin, by command ID (the entry registers them). */
export function commandHandlers(
  ctx: CommandContext,
  table: readonly CommandSpec[] = COMMANDS,
): Map<string, (args: unknown[]) => Promise<unknown>> {
  const out = new Map<string, (args: unknown[]) => Promise<unknown>>();
  for (const spec of table) {
    out.set(spec.id, (args) => runCommand(ctx, spec, args));
    // The title bar passes the focused row, which the user did not choose.
    if (spec.viewTitle) out.set(viewTitleCommand(spec.id), () => runCommand(ctx, spec, []));
  }
  return out;
}
