/**
 * The full wiring of settings, profiles, clients, the Resources tree and the commands. Loaded by
 * extension.ts on first use (it pulls in undici, the zod schemas and the rest of the cloud library).
 * Nothing touches the network here; loading starts when the view opens.
 */
import * as vscode from 'vscode';
import { Clients } from './clientFactory';
import { registerActionCommands, reportLostRow, type ActionCommandsHandle } from './commands';
import { AccountCommands, registerAccountCommands } from './credentials/commands';
import { ProfileStore } from './credentials/store';
import { ExternalProfiles } from './credentials/external';
import { safetyGuard } from './credentials/safety';
import type { Transport } from './core';
import { createActionLog, type ActionLogChannel } from './output/actionLog';
import { Settings } from './settings/config';
import { registerTreeCommands, selectRegions } from './tree/commands';
import { DetailsProvider, DETAILS_SCHEME } from './tree/details';
import { Explorer } from './tree/explorer';
import { registerGotoCommand } from './tree/goto';
import type { TreeNode } from './tree/model';

/** What `activate` returns: lets integration tests drive the extension without UI. */
export interface ExtensionApi {
  readonly explorer: Explorer;
  readonly view: vscode.TreeView<TreeNode>;
  readonly profiles: ProfileStore;
  /** CLI-file and environment accounts. */
  readonly external: ExternalProfiles;
  readonly accounts: AccountCommands;
  readonly clients: Clients;
  readonly settings: Settings;
  readonly log: ActionLogChannel;
  readonly details: DetailsProvider;
  readonly actions: ActionCommandsHandle;
  /** Select regions without a prompt. */
  setRegions(provider: 'volcengine' | 'aliyun', regions: string[]): Promise<string[] | undefined>;
}

export function start(context: vscode.ExtensionContext): ExtensionApi {
  const log = createActionLog();
  const settings = new Settings();
  // Read-only accounts from the CLI config files and the environment; STS calls share the providers' transports.
  const external: ExternalProfiles = new ExternalProfiles({
    env: process.env,
    transport: (p): Transport => clients.transportFor(p),
    stsEndpoint: (p) => settings.endpoint(p).url,
    metadataUrl: () => {
      const i = vscode.workspace.getConfiguration('ecsExplorer.credentials').inspect<string>('instanceMetadataUrl');
      return i?.globalValue?.trim() || undefined;
    },
  });
  const profiles: ProfileStore = new ProfileStore(context.globalState, context.secrets, external);
  const clients: Clients = new Clients(settings, profiles, log);
  settings.regionDefaults = (p) => external.regions(p);
  context.subscriptions.push(external.onDidChange(() => settings.regionDefaultsChanged()));
  void external.ready();
  const explorer = new Explorer({ clients, profiles, settings, log, workspaceState: context.workspaceState });
  const details = new DetailsProvider();
  context.subscriptions.push(log, settings, external, profiles, clients, explorer, details);
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details));

  const view = explorer.createView();
  // Delete / Cancel / Split / Merge / Modify (src/commands, the actions engineer's part).
  const actions = registerActionCommands(context, { clients, tree: explorer, scope: explorer, log, guard: safetyGuard(process.env) });
  const treeDeps = { explorer, details, settings, profiles, clients, log, reportLostRow: (title: string) => reportLostRow(actions.deps, title) };
  registerTreeCommands(context, treeDeps, view);
  registerGotoCommand(context, { explorer, view, profiles, log });
  const accounts = new AccountCommands({ profiles, clients, log, env: process.env });
  registerAccountCommands(context, accounts);

  return {
    explorer,
    view,
    profiles,
    external,
    accounts,
    clients,
    settings,
    log,
    details,
    actions,
    setRegions: (provider, regions) => selectRegions(treeDeps, provider, regions),
  };
}
