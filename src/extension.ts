import * as vscode from 'vscode';

class ProviderItem extends vscode.TreeItem {}

/** Minimal start: lists the two providers. The full explorer replaces this. */
export function activate(context: vscode.ExtensionContext): void {
  const provider: vscode.TreeDataProvider<ProviderItem> = {
    getTreeItem: (item) => item,
    getChildren: (item) =>
      item
        ? []
        : [
            new ProviderItem(vscode.l10n.t('Volcengine'), vscode.TreeItemCollapsibleState.Collapsed),
            new ProviderItem(vscode.l10n.t('Alibaba Cloud'), vscode.TreeItemCollapsibleState.Collapsed),
          ],
  };
  context.subscriptions.push(vscode.window.createTreeView('ecsExplorer.resources', { treeDataProvider: provider }));
}

export function deactivate(): void {}
