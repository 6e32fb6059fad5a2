/** The commands: one context (context.ts), one table and one wrapper (registry.ts). */
import * as vscode from 'vscode';
import { validateConfirmDestructive } from '../settings/validate';
import type { ConfirmMode } from './context';

export type { ActionDeps, AppParts, CommandContext, ConfirmMode } from './context';
export { COMMANDS, commandHandlers, reportLostRow, runCommand, type CommandHandler, type CommandSpec } from './registry';
export { createActionLog } from '../output/actionLog';

export function confirmModeSetting(): ConfirmMode {
  // A bad value is reported by Settings; the stricter type-the-count confirmation is used meanwhile.
  return validateConfirmDestructive(vscode.workspace.getConfiguration('ecsExplorer').get('confirmDestructive')).value;
}
