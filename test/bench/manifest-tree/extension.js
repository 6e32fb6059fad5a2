// Bench only: the entry of a VSIX that is ECS Explorer's package.json (commands, menus, views, welcome content,
// settings) with this file as its code: the Resources view shows two fixed rows and nothing else runs. Opened like
// ours, it shows what VS Code's handling of our contributions costs, apart from our code (test/bench/host.ts).
'use strict';
const vscode = require('vscode');
exports.activate = (context) => {
  const rows = ['Volcengine (static)', 'Alibaba Cloud (static)'];
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('ecsExplorer.resources', {
      getChildren: (e) => (e ? [] : rows),
      getTreeItem: (label) => new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed),
    }),
  );
};
exports.deactivate = () => undefined;
