/**
 * Entry point. activate() only registers stand-ins for the commands; the rest (view, tree, commands, clients,
 * the cloud library) is required from extensionMain.ts just after activation, or at once when a command or
 * the test API is used first. esbuild.js builds it as a separate bundle (dist/extensionMain.js), so
 * activation loads only this small file.
 */
// `import = require` gives the API object itself; esbuild's ESM interop would copy each of its properties as a getter.
import vscode = require('vscode');
import type { ExtensionApi } from './extensionMain';

export type { ExtensionApi } from './extensionMain';

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  let api: ExtensionApi | undefined;
  let deactivated = false;
  context.subscriptions.push({
    dispose: () => {
      deactivated = true;
    },
  });

  const load = (): ExtensionApi => {
    if (api) return api;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require('./extensionMain') as typeof import('./extensionMain');
    api = main.start(context);
    return api;
  };

  // VS Code activates the extension only when its view opens or one of its commands runs, so the rest is
  // needed right away: it loads on the next turn, outside activate(), and registers the view's provider (VS Code
  // waits for one after activation). A command that runs first loads it at once.
  setImmediate(() => deactivated || load());

  // Each contributed command is registered once, here, and runs the main bundle's handler (loading it first if
  // needed; if it fails to load, the command shows the error). Registering stand-ins and then the real commands
  // sent three messages per command to the window while the view opened.
  const commands = (context.extension.packageJSON?.contributes?.commands ?? []) as { command: string }[];
  for (const { command } of commands) {
    context.subscriptions.push(vscode.commands.registerCommand(command, (...args: unknown[]) => load().runCommand(command, args)));
  }

  return {
    runCommand: (command, args) => load().runCommand(command, args),
    get explorer() {
      return load().explorer;
    },
    get view() {
      return load().view;
    },
    get accounts() {
      return load().accounts;
    },
    get external() {
      return load().external;
    },
    get accountCommands() {
      return load().accountCommands;
    },
    get clients() {
      return load().clients;
    },
    get settings() {
      return load().settings;
    },
    get log() {
      return load().log;
    },
    get details() {
      return load().details;
    },
    get history() {
      return load().history;
    },
    get testApi() {
      return load().testApi;
    },
  };
}

export function deactivate(): void {}
