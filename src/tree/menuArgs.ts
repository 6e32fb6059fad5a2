/**
 * What VS Code passes a command run from a tree menu. No vscode import (unit-tested in plain Node).
 *
 * A row's context menu runs its command with `(row, selectedRows)`, both resolved in the extension host from
 * handles. While the tree refreshes the rows below the refreshed node, their handles resolve to nothing, so a
 * menu opened before the refresh and clicked during it passes `undefined` where its row was. Now and then a menu
 * item also runs without the menu's context at all, and VS Code passes its default `{ preserveFocus: false }`.
 * The command palette, keybindings and command links pass no arguments.
 *
 * The view's title bar passes the focused row (VS Code ≥ 1.71) although the user did not choose it: title
 * entries use the `ecsExplorer.viewTitle.*` commands, which ignore their arguments.
 */

/** A tree node (`type` and `id`) or a resource reference (`kind` and `id`): what a row's menu stands for. */
function isRow(x: unknown): boolean {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { type?: unknown; kind?: unknown; id?: unknown };
  return typeof r.id === 'string' && (typeof r.type === 'string' || typeof r.kind === 'string');
}

/**
 * True when a menu's command got arguments, but its row (or one of its selected rows) is not among them:
 * nothing can be acted on safely. False for no arguments at all (palette, links).
 */
export function lostRow(args: readonly unknown[]): boolean {
  if (args.length === 0) return false;
  if (!isRow(args[0])) return true;
  const selected = args[1];
  return Array.isArray(selected) && !selected.every(isRow);
}

/** The title-bar twin of a command: same handler, tree arguments dropped. */
export const VIEW_TITLE_PREFIX = 'ecsExplorer.viewTitle.';

export function viewTitleCommand(command: string): string {
  return VIEW_TITLE_PREFIX + command.slice(command.indexOf('.') + 1);
}
