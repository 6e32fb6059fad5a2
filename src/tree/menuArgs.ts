/**
 * What VS Code passes a command run from a tree menu. No vscode import (unit-tested in plain Node).
 *
 * A row's context menu runs its command with `(row, selectedRows)`, both resolved in the extension host from
 * handles. While the tree refreshes the rows below the refreshed node, their handles resolve to nothing, so a
 * menu opened before the refresh and clicked during it passes `undefined` where its row was. The command palette,
 * keybindings and command links pass no arguments at all.
 *
 * The view's title bar passes the focused row (VS Code ≥ 1.71) although the user did not choose it: title
 * entries use the `ecsExplorer.viewTitle.*` commands, which ignore their arguments.
 */

/** True when a menu's row (or one of its selected rows) could not be resolved: nothing can be acted on safely. */
export function lostRow(args: readonly unknown[]): boolean {
  if (args.length === 0) return false;
  if (args[0] === undefined || args[0] === null) return true;
  const selected = args[1];
  return Array.isArray(selected) && selected.some((s) => s === undefined || s === null);
}

/** The title-bar twin of a command: same handler, tree arguments dropped. */
export const VIEW_TITLE_PREFIX = 'ecsExplorer.viewTitle.';

export function viewTitleCommand(command: string): string {
  return VIEW_TITLE_PREFIX + command.slice(command.indexOf('.') + 1);
}
