/**
 * What the Resources tree knows, apart from VS Code's view: canonical nodes, the folder store, the filter, and the
 * queries other features ask of them (Go to Resource, Export, actions). Explorer (explorer.ts) is its provider.
 */
import * as vscode from 'vscode';
import type { Provider } from '../core/types';
import type { ActionLog, ClientFactory, ResourceRef, AccountSource } from '../contracts';
import { EnvImport } from '../credentials/envImport';
import type { AccountStore } from '../credentials/store';
import { describeError, reportProblem } from '../output/problem';
import { vscodePrompts, type Prompts } from '../ui/prompts';
import type { Settings } from '../settings/config';
import { Children } from './children';
import { ContextKeys } from './contextKeys';
import { TreeFilter } from './filter';
import { kindLabel, VIEW_ID } from './items';
import { loadPage } from './loader';
import {
  folderNodeId,
  stateOf,
  type FolderNode,
  type LoadMoreNode,
  type ProviderNode,
  type RegionNode,
  type ResourceNode,
  type TreeNode,
} from './model';
import { Nodes } from './nodes';
import { isTransitional } from './styles';
import type { Timers } from './refresh';
import { FolderStore } from './store';

export interface ExplorerDeps {
  readonly clients: ClientFactory;
  readonly accounts: AccountStore;
  readonly settings: Settings;
  readonly log: ActionLog;
  readonly workspaceState: vscode.Memento;
  readonly env?: NodeJS.ProcessEnv;
  /** The commands' prompts (read at each use); VS Code's own when absent. */
  readonly prompts?: () => Prompts;
  /** Follow-up poll period (default 5 s; the test API shortens it). */
  readonly followMs?: () => number;
  /** Timers of auto-refresh and follow-up polling (tests). */
  readonly timers?: Timers;
}

type FolderRef = Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind'>;

export abstract class TreeModel implements AccountSource {
  protected readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  protected readonly nodes: Nodes;
  protected readonly store: FolderStore;
  protected readonly filterState: TreeFilter;
  /** The context keys the view's menus and welcome texts read. */
  protected readonly contextKeys = new ContextKeys();
  protected readonly envImport: EnvImport;
  protected readonly children: Children;

  constructor(protected readonly deps: ExplorerDeps) {
    const { settings, accounts, log } = deps;
    this.nodes = new Nodes((p) => accounts.shown(p).length > 1);
    this.store = new FolderStore({
      loadPage: (q) => loadPage(deps.clients, q),
      pageSize: () => settings.general().pageSize,
      track: (p) => void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => p),
      changed: (n) => this.fireIfKnown(n),
      loadMoreFailed: (n, e) =>
        reportProblem(
          log,
          (deps.prompts ?? vscodePrompts)(),
          e,
          vscode.l10n.t('Could not load more {0} in {1}', kindLabel(n.kind).toLowerCase(), n.parent.region),
        ),
      loadFailed: (n, e, reload) =>
        log.warn(`${reload ? 'Reloading' : 'Loading'} ${n.kind} in ${n.parent.provider} ${n.parent.region} failed: ${describeError(e)}`),
      warn: (m) => log.warn(m),
    });
    this.filterState = new TreeFilter(deps.workspaceState, this.contextKeys);
    this.envImport = new EnvImport({
      accounts,
      env: deps.env ?? process.env,
      log,
      prompts: deps.prompts,
      after: () => this.afterFirstRows(),
    });
    this.children = new Children({
      ...deps,
      nodes: this.nodes,
      store: this.store,
      filter: this.filterState,
      envImport: this.envImport,
      loaded: (r) => this.regionLoaded(r),
    });
  }

  /** A region's first loads ended. */
  protected abstract regionLoaded(region: RegionNode): void;

  /** When the first open's import may save the accounts it listed: once the view's first rows are drawn. */
  protected abstract afterFirstRows(): Promise<void>;

  protected fireIfKnown(node: TreeNode): void {
    if (this.nodes.isCurrent(node)) this.changed.fire(node);
  }

  // ---- AccountSource ----

  async accounts(provider: Provider) {
    // A broken account cannot act; its row says why.
    return this.deps.accounts.shown(provider).filter((p) => !p.problem);
  }

  regions(provider: Provider): readonly string[] {
    return this.deps.settings.regions(provider);
  }

  // ---- nodes ----

  providerNode(provider: Provider): ProviderNode {
    return this.nodes.provider(provider);
  }

  regionNode(provider: Provider, accountId: string, region: string): RegionNode {
    return this.nodes.region(provider, accountId, region);
  }

  folderNode(region: RegionNode, kind: FolderNode['kind']): FolderNode {
    return this.nodes.folder(region, kind);
  }

  // ---- loading ----

  /** Loads the next page of a folder (the "Load more…" row). Double clicks share one load. */
  loadMore(node: LoadMoreNode | FolderNode, signal?: AbortSignal): Promise<void> {
    return this.store.loadMore(node.type === 'loadMore' ? node.parent : node, signal);
  }

  /** Loads every remaining page of a folder. */
  loadAll(node: LoadMoreNode | FolderNode, signal?: AbortSignal): Promise<void> {
    return this.store.loadAll(node.type === 'loadMore' ? node.parent : node, signal);
  }

  // ---- what is loaded ----

  /** Resources currently loaded (for follow and the test API). */
  loadedRefs(): ResourceRef[] {
    return this.store.refs();
  }

  /** Loaded resources the filter shows, under a region or folder row (all when none), in tree order (Export). */
  shownRefs(node?: TreeNode): ResourceRef[] {
    const scoped = node && (node.type === 'region' || node.type === 'folder' || node.type === 'account' || node.type === 'provider');
    return this.store.refs(scoped ? `${node.id}/` : '', (r) => this.filterState.matches(r));
  }

  findRef(ref: FolderRef & Pick<ResourceRef, 'id'>): ResourceRef | undefined {
    return this.store.findRef(ref);
  }

  isLoaded(ref: FolderRef): boolean {
    return this.store.isLoaded(ref);
  }

  /** The tree node of a loaded resource (for reveal). */
  findNode(ref: FolderRef & Pick<ResourceRef, 'id'>): ResourceNode | undefined {
    const folder = this.nodes.get(folderNodeId(ref.provider, ref.accountId, ref.region, ref.kind));
    const st = folder && this.store.get(folder.id);
    if (folder?.type !== 'folder' || !st) return undefined;
    return this.store.resourceNodes(folder, st).find((n) => n.ref.id === ref.id);
  }

  isTransitionalRef(ref: ResourceRef): boolean {
    return isTransitional(stateOf(ref));
  }

  // ---- Go to Resource ----

  /** The folders Go to Resource covers, and the accounts it skips (children.ts). */
  gotoScope(): ReturnType<Children['gotoScope']> {
    return this.children.gotoScope();
  }

  /** What the tree holds for a folder now (undefined when never loaded). */
  folderSnapshot(f: FolderNode): { items: readonly ResourceRef[]; complete: boolean; loading: boolean; error?: unknown } | undefined {
    const st = this.store.get(f.id);
    if (!st) return undefined;
    return { items: st.items, complete: st.complete, loading: st.loading, error: st.error };
  }

  /** Loads a folder completely with the tree's own loader, so Go to Resource sees everything and the tree shows the same. */
  loadFolderFully(f: FolderNode, signal: AbortSignal): Promise<void> {
    return this.store.loadFully(f, signal);
  }

  /** Resolves when no load is running (Go to Resource checks its reveal then; tests wait on it). */
  whenIdle(): Promise<void> {
    return this.store.whenIdle();
  }
}
