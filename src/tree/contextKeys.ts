/** The context keys (`when` clauses of menus and welcome views) the tree sets in VS Code. */
import * as vscode from 'vscode';

/**
 * Each setContext is a message the window handles, so a key is sent again only when its value changes. Each is sent
 * once at first, false too: the window keeps the values an earlier extension host set (after a restart of the host).
 */
export class ContextKeys {
  private readonly values = new Map<string, boolean>();

  /** Sets a key unless this extension host already set it to this value. */
  set(key: string, value: boolean): void {
    if (this.values.get(key) === value) return;
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}
