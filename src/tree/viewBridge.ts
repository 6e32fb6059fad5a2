/**
 * The Resources view's data provider as the entry (extension.ts) registers it at activation: it forwards every call
 * to the Explorer of the main bundle, loading that bundle on the first call if it has not loaded yet. VS Code asks
 * for the first items as soon as the view is registered, so its round trip overlaps the bundle's loading instead of
 * following it. Kept free of the rest of the extension: the entry bundles this file.
 */
// `import = require`: the entry bundle takes the API object itself (see extension.ts).
import vscode = require('vscode');

export const VIEW_ID = 'ecsExplorer.resources';

export class TreeBridge<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | T[] | null | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private sub: vscode.Disposable | undefined;

  /** `load` loads the main bundle (once) and connects its provider; it throws when the bundle cannot load. */
  constructor(private readonly load: () => void) {}

  /** The real provider; its change events become the view's. */
  connect(target: vscode.TreeDataProvider<T>): void {
    this.sub?.dispose();
    this.target = target;
    this.sub = target.onDidChangeTreeData?.((e) => this.emitter.fire(e));
  }

  private provider(): vscode.TreeDataProvider<T> {
    if (!this.target) this.load();
    return this.target as vscode.TreeDataProvider<T>;
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  resolveTreeItem(item: vscode.TreeItem, element: T, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const p = this.provider();
    return p.resolveTreeItem ? p.resolveTreeItem(item, element, token) : item;
  }

  dispose(): void {
    this.sub?.dispose();
    this.emitter.dispose();
  }
}

/** Creates the Resources view over a bridge (multi-select, collapse-all). */
export function createResourcesView<T>(bridge: TreeBridge<T>): vscode.TreeView<T> {
  return vscode.window.createTreeView(VIEW_ID, { treeDataProvider: bridge, canSelectMany: true, showCollapseAll: true });
}
