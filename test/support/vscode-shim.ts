/**
 * A minimal stand-in for the `vscode` module, for the bench and the tree-item unit test: just enough for
 * src/tree/items.ts to build TreeItems outside the extension host (same fields, set the same way, no heavier than
 * VS Code's own classes). Installed by `installVscodeShim()`.
 */
import Module = require('node:module');

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class ThemeIcon {
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}
export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
/** As VS Code's own (extHostTypes.TreeItem): only collapsibleState and label (or resourceUri) are set up front. */
export class TreeItem {
  declare label?: string;
  declare resourceUri?: { scheme: string };
  declare id?: string;
  declare description?: string;
  declare tooltip?: unknown;
  declare iconPath?: unknown;
  declare contextValue?: string;
  declare command?: unknown;
  declare collapsibleState: TreeItemCollapsibleState;
  constructor(label: string | { scheme: string }, collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None) {
    this.collapsibleState = collapsibleState;
    if (typeof label === 'object') this.resourceUri = label;
    else this.label = label;
  }
}
export class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
}
export class EventEmitter<T> {
  private l: ((e: T) => void)[] = [];
  event = (f: (e: T) => void) => {
    this.l.push(f);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    for (const f of this.l) f(e);
  }
  dispose(): void {}
}
export const l10n = {
  t: (message: string | { message: string }, ...args: unknown[]) => {
    const m = typeof message === 'string' ? message : message.message;
    return m.replace(/\{(\d+)\}/g, (_s, i: string) => String(args[Number(i)]));
  },
};
export const env = { language: 'en' };

let installed = false;
export function installVscodeShim(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const orig = M._resolveFilename;
  M._resolveFilename = function (req: string, ...rest: unknown[]) {
    if (req === 'vscode') return __filename;
    return orig.call(this, req, ...rest);
  };
}
