/**
 * A minimal stand-in for the `vscode` module, for the bench only: just enough for src/tree/items.ts to build
 * TreeItems outside the extension host (plain objects with the same fields). Installed by `installVscodeShim()`.
 */
import Module = require('node:module');

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class ThemeIcon {
  constructor(readonly id: string, readonly color?: ThemeColor) {}
}
export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
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
