/**
 * Entry point. activate() only registers the Resources view and the commands; the rest (tree, commands,
 * clients, the cloud library) is required from extensionMain.ts on first use: when the view first asks
 * for its items, a command runs, or the test API is read. esbuild.js builds it as a separate bundle
 * (dist/extensionMain.js), so activation loads only this small file.
 */
import * as vscode from 'vscode';
import type { ExtensionApi } from './extensionMain';

export type { ExtensionApi } from './extensionMain';

const VIEW_ID = 'ecsExplorer.resources';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let api: ExtensionApi | undefined;
  const stubs: vscode.Disposable[] = [];
  context.subscriptions.push({ dispose: () => stubs.splice(0).forEach((d) => d.dispose()) });

  const load = (): ExtensionApi => {
    if (api) return api;
    // The real commands and view replace the stand-ins.
    for (const d of stubs.splice(0)) d.dispose();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require('./extensionMain') as typeof import('./extensionMain');
    api = main.start(context);
    return api;
  };

  // Stand-in view: its first request for items loads the extension, whose own view takes over.
  const placeholder: vscode.TreeDataProvider<never> = {
    getTreeItem: (n) => n,
    getChildren: () => {
      setImmediate(load);
      return [];
    },
  };
  stubs.push(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: placeholder, canSelectMany: true, showCollapseAll: true }));

  // Stand-in commands: load, then run the real command.
  const commands = (context.extension.packageJSON?.contributes?.commands ?? []) as { command: string }[];
  for (const { command } of commands) {
    stubs.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
  }

  return {
    get explorer() { return load().explorer; },
    get view() { return load().view; },
    get profiles() { return load().profiles; },
    get accounts() { return load().accounts; },
    get clients() { return load().clients; },
    get settings() { return load().settings; },
    get log() { return load().log; },
    get details() { return load().details; },
    get actions() { return load().actions; },
    setRegions: (provider, regions) => load().setRegions(provider, regions),
  };
}

export function deactivate(): void {}
