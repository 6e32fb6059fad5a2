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
  const stubs: vscode.Disposable[] = [];
  let deactivated = false;
  context.subscriptions.push({
    dispose: () => {
      deactivated = true;
      stubs.splice(0).forEach((d) => d.dispose());
    },
  });

  const load = (): ExtensionApi => {
    if (api) return api;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const main = require('./extensionMain') as typeof import('./extensionMain');
    // The real commands replace the stand-ins (kept if the bundle fails to load, so a command shows the error).
    for (const d of stubs.splice(0)) d.dispose();
    api = main.start(context);
    return api;
  };

  // VS Code activates the extension only when its view opens or one of its commands runs, so the rest is
  // needed right away: it loads on the next turn, outside activate(), and registers the view's provider (VS Code
  // waits for one after activation). A command that runs first loads it at once.
  setImmediate(() => deactivated || load());

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
