// Bench only (see package.json): opened first in each session, so neither measured view pays the window's first-view costs.
'use strict';
const vscode = require('vscode');
exports.activate = (context) => {
  const items = ['Warm-up item 1', 'Warm-up item 2', 'Warm-up item 3'];
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('warmupTree.view', {
      getChildren: (e) => (e ? [] : items),
      getTreeItem: (label) => new vscode.TreeItem(label),
    }),
  );
};
exports.deactivate = () => undefined;
