// Bench only (see package.json): a view with a fixed tree of three items, nothing else.
'use strict';
const vscode = require('vscode');
exports.activate = (context) => {
  const items = ['Reference item 1', 'Reference item 2', 'Reference item 3'];
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('staticTreeReference.view', {
      getChildren: (e) => (e ? [] : items),
      getTreeItem: (label) => new vscode.TreeItem(label),
    }),
  );
};
exports.deactivate = () => undefined;
