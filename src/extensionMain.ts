/**
 * The full wiring of settings, accounts, clients, the Resources tree and the commands. Loaded by
 * extension.ts on first use (the zod schemas and the rest of the cloud library; undici, in dist/undici.js, comes later).
 * Nothing touches the network here; loading starts when the view opens.
 */
import * as vscode from 'vscode';
import { Clients } from './clients';
import { commandHandlers, confirmModeSetting, type CommandContext } from './commands';
import { AccountCommands } from './credentials/commands';
import { AccountStore } from './credentials/store';
import { ExternalAccounts } from './credentials/external';
import { safetyGuard } from './credentials/safety';
import type { Transport } from './core';
import { preloadTransport } from './core/http/transport';
import { createActionLog, type ActionLogChannel } from './output/actionLog';
import { Settings } from './settings/config';
import { selectRegions } from './tree/commands';
import { DetailsProvider, DETAILS_SCHEME } from './tree/details';
import { Explorer } from './tree/explorer';
import { realTimers, swappableTimers, type Timers } from './tree/refresh';
import type { TreeNode } from './tree/model';
import { HistoryStore, HISTORY_FILE } from './history/store';
import { HistoryRecorder } from './history/recorder';
import { HistoryView, HISTORY_SCHEME, HISTORY_VIEW_ID } from './history/view';
import { toLocale, type Translate } from './output/translate';
import { knownSecrets } from './output/redact';
import { vscodePrompts, type Prompts } from './ui/prompts';
import { ROW_FIELDS, rowFields, setRowFields, unknownRowFields } from './tree/rowDescription';
import * as path from 'path';

/** What tests swap or call besides the API's parts; production code has no other test hook. */
export interface TestApi {
  /** The context every command gets. */
  readonly context: CommandContext;
  /** Swap the prompts (tests script them); returns a function that restores the previous ones. */
  usePrompts(p: Prompts): () => void;
  /** Override the clock of the commands; returns a restore function. */
  useClock(now: () => Date): () => void;
  /** Select regions without a prompt. */
  setRegions(provider: 'volcengine' | 'aliyun', regions: string[]): Promise<string[] | undefined>;
  /** The tree's follow-up poll period (production: 5 s); a running poll restarts with it. */
  setFollowIntervalMs(ms: number): void;
  /** Runs the tree's auto-refresh and follow-up timers on these (a fake clock); returns a restore function. */
  useTreeTimers(t: Timers): () => void;
}

/** What `activate` returns: lets integration tests drive the extension without UI. */
export interface ExtensionApi {
  readonly explorer: Explorer;
  readonly view: vscode.TreeView<TreeNode>;
  readonly accounts: AccountStore;
  /** CLI-file and environment accounts. */
  readonly external: ExternalAccounts;
  readonly accountCommands: AccountCommands;
  readonly clients: Clients;
  readonly settings: Settings;
  readonly log: ActionLogChannel;
  readonly details: DetailsProvider;
  /** The record of mutating actions, its recorder and view. */
  readonly history: { readonly store: HistoryStore; readonly recorder: HistoryRecorder; readonly view: HistoryView };
  readonly testApi: TestApi;
  /** Runs a contributed command (the entry, dist/extension.js, registers them and calls this). */
  runCommand(command: string, args: unknown[]): Promise<unknown>;
}

export function start(context: vscode.ExtensionContext): ExtensionApi {
  const log = createActionLog();
  // Read through the context at each use: the test API swaps them.
  let prompts: Prompts = vscodePrompts();
  let now = (): Date => new Date();
  const settings = new Settings();
  settings.prompts = () => prompts;
  // Read-only accounts from the CLI config files and the environment; STS calls share the providers' transports.
  const external: ExternalAccounts = new ExternalAccounts({
    env: process.env,
    log,
    transport: (p): Transport => clients.transportFor(p),
    stsEndpoint: (p) => settings.endpoint(p).url,
    metadataUrl: () => {
      const i = vscode.workspace.getConfiguration('ecsExplorer.credentials').inspect<string>('instanceMetadataUrl');
      return i?.globalValue?.trim() || undefined;
    },
  });
  const accounts: AccountStore = new AccountStore(context.globalState, context.secrets, external);
  const clients: Clients = new Clients(settings, accounts, log);
  settings.regionDefaults = (p) => external.regions(p);
  context.subscriptions.push(external.onDidChange(() => settings.regionDefaultsChanged()));
  void external.ready();
  // The HTTP client (dist/undici.js, ~50 ms to load) is not needed for the view's first rows, which VS Code asks for
  // within a few hundred ms: it loads in the background after them, before a provider is likely to be expanded
  // (the first request loads it at once otherwise).
  const preload = setTimeout(preloadTransport, 1000);
  context.subscriptions.push({ dispose: () => clearTimeout(preload) });
  let followMs = 5000;
  const treeTimers = swappableTimers(realTimers);
  const explorer = new Explorer({
    clients,
    accounts,
    settings,
    log,
    workspaceState: context.workspaceState,
    prompts: () => prompts,
    followMs: () => followMs,
    timers: treeTimers.timers,
  });
  const details = new DetailsProvider();
  context.subscriptions.push(log, settings, external, accounts, clients, explorer, details);
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details));

  const view = explorer.createView();
  // What resource rows show after their names (ecsExplorer.rowDescription.*).
  const readRowFields = () => {
    const c = vscode.workspace.getConfiguration('ecsExplorer.rowDescription');
    const kinds = ['instance', 'reservation', 'reservedInstance'] as const;
    for (const k of kinds) {
      const bad = unknownRowFields(k, c.get(k));
      if (bad.length)
        log.warn(
          vscode.l10n.t(
            'Setting ecsExplorer.rowDescription.{0}: unknown fields {1} are left out (known: {2}).',
            k,
            bad.join(', '),
            ROW_FIELDS[k].join(', '),
          ),
        );
    }
    setRowFields({
      instance: rowFields('instance', c.get('instance')),
      reservation: rowFields('reservation', c.get('reservation')),
      reservedInstance: rowFields('reservedInstance', c.get('reservedInstance')),
    });
  };
  readRowFields();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('ecsExplorer.rowDescription')) return;
      readRowFields();
      explorer.redraw();
    }),
  );
  // History of mutating actions, in the global storage (bounded, written atomically); pending follow-ups resume.
  const historyStore = new HistoryStore(path.join(context.globalStorageUri.fsPath, HISTORY_FILE), {
    known: knownSecrets,
    onError: (e) => log.warn(vscode.l10n.t('History: could not read or write the history file: {0}', e.message)),
  });
  const lifetime = new AbortController();
  context.subscriptions.push({ dispose: () => lifetime.abort() });
  const recorder = new HistoryRecorder({
    store: historyStore,
    clients,
    accountSource: explorer,
    lifetime: lifetime.signal,
    log: (m) => log.warn(m),
  });
  const historyView = new HistoryView(historyStore);
  context.subscriptions.push(
    historyView,
    vscode.workspace.registerTextDocumentContentProvider(HISTORY_SCHEME, historyView),
    vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: historyView }),
  );
  void historyStore.load().then(() => {
    if (historyStore.loadProblem)
      log.warn(
        vscode.l10n.t('History: the history file could not be read ({0}); it was set aside as history.json.bad.', historyStore.loadProblem),
      );
    if (historyStore.pending().length) void recorder.resume();
  });
  const accountCommands = new AccountCommands({ accounts, clients, log, env: process.env, prompts: () => prompts });
  const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
  const ctx: CommandContext = {
    clients,
    log,
    get prompts() {
      return prompts;
    },
    tree: explorer,
    accountSource: explorer,
    now: () => now(),
    t,
    locale: () => toLocale(vscode.env.language),
    confirmMode: confirmModeSetting,
    lifetime: lifetime.signal,
    history: recorder,
    guard: safetyGuard(process.env),
    app: { clients, accounts, accountCommands, settings, explorer, view, details, historyStore, historyView },
  };
  const handlers = commandHandlers(ctx);

  const testApi: TestApi = {
    context: ctx,
    usePrompts(p) {
      const prev = prompts;
      prompts = p;
      return () => {
        prompts = prev;
      };
    },
    useClock(n) {
      const prev = now;
      now = n;
      return () => {
        now = prev;
      };
    },
    setRegions: (provider, regions) => selectRegions(ctx, provider, regions),
    setFollowIntervalMs(ms) {
      followMs = ms;
      explorer.refresher.update();
    },
    useTreeTimers: (t) => treeTimers.use(t),
  };

  return {
    explorer,
    view,
    accounts,
    external,
    accountCommands,
    clients,
    settings,
    log,
    details,
    history: { store: historyStore, recorder, view: historyView },
    testApi,
    runCommand(command, args) {
      const run = handlers.get(command);
      if (!run) return Promise.reject(new Error(vscode.l10n.t('Unknown command {0}.', command)));
      return run(args);
    },
  };
}
