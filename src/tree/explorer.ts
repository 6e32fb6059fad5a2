/**
 * The Resources tree's TreeDataProvider and its view. The tree is split by job:
 * - treeModel.ts: what the tree knows apart from the view (nodes, store, filter) and the queries others ask of it;
 * - nodes.ts: canonical nodes (one object per ID); children.ts: what each row holds (and the Go to scope);
 * - store.ts: folder lists and their load state (idle / loading / loaded / loadingMore / failed), plain Node;
 * - rows.ts: TreeItems, counts and tooltips; filter.ts: the filter and its reveal;
 * - refresh.ts: auto-refresh and follow-up polling, only while the view is visible (injected timers);
 * - credentials/envImport.ts: the first-open import of environment credentials.
 */
import * as vscode from 'vscode';
import type { Provider } from '../core/types';
import type { ResourceRef, TreeControl } from '../contracts';
import { VIEW_ID } from './items';
import { PROVIDERS, regionNodeId, type FolderNode, type RegionNode, type TreeNode } from './model';
import { RefreshManager, realTimers } from './refresh';
import { regionDescription, resolveTreeItem, treeItem, type RowsContext } from './rows';
import type { Folder } from './store';
import { TreeModel, type ExplorerDeps } from './treeModel';

export type { ExplorerDeps } from './treeModel';

/** After the root's first answer, how long its rows get to be drawn before the first open's import writes (ms). */
const DRAW_MS = 200;
/** The longest the first open's import waits for the root to be asked (a view that is not shown never asks). */
const FIRST_ROWS_WAIT_MS = 2000;

export class Explorer extends TreeModel implements vscode.TreeDataProvider<TreeNode>, TreeControl, vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<TreeNode> | undefined;
  /** Folders the user (or a filter's reveal) opened, by node ID. */
  private readonly expanded = new Set<string>();
  private readonly rows: RowsContext;
  /** Auto-refresh and follow-up polling. */
  readonly refresher: RefreshManager;
  /** What the tree's rows last showed of the accounts (accountsSeen): a report that leaves it is not a change. */
  private seen: string;
  /** The accounts' key-pair revision when `seen` was taken. */
  private seenRevision: number;
  /** Resolves when the root is first answered. */
  private rootAnswered!: () => void;
  private readonly firstAnswer = new Promise<void>((r) => (this.rootAnswered = r));

  constructor(deps: ExplorerDeps) {
    super(deps);
    const { settings, accounts } = deps;
    this.seen = accountsSeen(accounts);
    this.seenRevision = accounts.revision;
    this.rows = { accounts, clients: deps.clients, store: this.store, filter: this.filterState, expanded: (id) => this.expanded.has(id) };
    this.refresher = new RefreshManager(
      {
        reloadRegion: (p, a, r) => this.reloadRegion(p, a, r),
        loadedRegions: () => this.loadedRegions(),
        findRef: (r) => this.findRef(r),
        isLoaded: (r) => this.isLoaded(r),
      },
      {
        visible: () => this.view?.visible ?? false,
        autoRefreshSeconds: () => settings.general().autoRefreshSeconds,
        followMs: deps.followMs,
        timers: deps.timers,
      },
    );
    this.subs.push(
      settings.onDidChange((c) => {
        // A bad new value is reported now, also when nothing needs reloading (auto-refresh, confirmation mode).
        settings.reportProblems();
        // Other regions or endpoints: what was followed may no longer be reachable as it was.
        if (c.regions || c.endpoints) this.refresher.clearFollowed();
        if (c.regions || c.endpoints || c.transport || c.pageSize) this.refresh();
        else this.syncContext(); // a full refresh syncs it too
        if (c.autoRefresh) this.refresher.update();
      }),
      accounts.onDidChange(() => {
        // A report that changed nothing the tree shows or loads with (a save of an account already listed, a
        // write this window made) would drop and reload every region.
        const now = accountsSeen(accounts);
        if (now === this.seen) return;
        this.seen = now;
        this.seenRevision = accounts.revision;
        this.refresher.clearFollowed();
        this.refresh();
      }),
    );
  }

  /** Creates the TreeView (canSelectMany, collapse-all) and wires the visibility-gated timers. */
  createView(): vscode.TreeView<TreeNode> {
    const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    this.view = view;
    this.subs.push(
      view,
      view.onDidChangeVisibility(() => this.refresher.update()),
      // A folder a filter leaves out is new to VS Code when it comes back: it opens as it was left.
      view.onDidExpandElement((e) => e.element.type === 'folder' && this.expanded.add(e.element.id)),
      view.onDidCollapseElement((e) => e.element.type === 'folder' && this.expanded.delete(e.element.id)),
    );
    this.filterState.show(view);
    this.deps.settings.reportProblems();
    this.syncContext();
    return view;
  }

  /**
   * The welcome view's context keys: whether there are accounts, and regions to list. Its "no account" text needs
   * `noAccounts` (not `!hasAccounts`), so it does not show while the view opens, before these are known; and
   * `hasRegions` goes first, so "no regions" does not show in between either.
   */
  private syncContext(): void {
    void this.envImport.listed().then(() => {
      const { providers, hasRegions } = this.children.overview();
      this.contextKeys.set('ecsExplorer.noAccounts', providers.length === 0);
      this.contextKeys.set('ecsExplorer.hasRegions', hasRegions);
      this.contextKeys.set('ecsExplorer.hasAccounts', providers.length > 0);
    });
  }

  // ---- TreeDataProvider ----

  getParent(node: TreeNode): TreeNode | undefined {
    return node.type === 'provider' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return treeItem(node, this.rows);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    return resolveTreeItem(item, node, this.rows);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) return this.children.of(node);
    // The root shows the accounts listed now (also those the first open is still saving): their save is no change.
    // Not so when a key pair changed meanwhile: the loaded regions were read with the old one, and its report reloads them.
    return this.children.of().then((rows) => {
      if (this.deps.accounts.revision === this.seenRevision) this.seen = accountsSeen(this.deps.accounts);
      this.rootAnswered();
      return rows;
    });
  }

  /**
   * The first open's import lists the environment's key pairs at once but saves them (secure storage and state
   * writes, each a round trip the window handles while it draws) DRAW_MS after the root's first answer, or after
   * FIRST_ROWS_WAIT_MS when the root is not asked; at once when an account's credentials are needed.
   */
  protected afterFirstRows(): Promise<void> {
    const timers = this.deps.timers ?? realTimers;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        const h = timers.setInterval(() => {
          timers.clearInterval(h);
          resolve();
        }, ms);
      });
    return Promise.race([this.firstAnswer.then(() => wait(DRAW_MS)), wait(FIRST_ROWS_WAIT_MS)]);
  }

  /** A region's first loads ended: redraw its row; a filter set before it loaded opens its matches too. */
  protected regionLoaded(region: RegionNode): void {
    this.fireIfKnown(region);
    void this.revealMatches(region.id + '/');
  }

  // ---- loading and refresh (TreeControl) ----

  /** Cancels and reloads: everything (no argument), or the scope of a node. */
  refreshNode(node?: TreeNode): void {
    if (!node) {
      this.store.drop();
      this.nodes.clear();
      this.envImport.again();
      this.syncContext();
      this.changed.fire();
      return;
    }
    if (node.type === 'error' || node.type === 'message') return this.refreshNode(node.parent);
    if (node.type === 'resource' || node.type === 'loadMore') return this.refreshNode(node.parent);
    this.store.drop(node.id);
    this.changed.fire(node);
    if (node.type === 'region' || node.type === 'folder') this.children.start(node);
  }

  /** TreeControl.refresh: reload the region folders holding these resources (everything when omitted). */
  refresh(refs?: readonly ResourceRef[]): void {
    if (!refs || refs.length === 0) return this.refreshNode();
    const ids = new Set(refs.map((r) => regionNodeId(r.provider, r.accountId, r.region)));
    for (const id of ids) {
      const node = this.nodes.get(id);
      if (node) this.refreshNode(node);
    }
  }

  /** TreeControl.follow: poll these resources (while the view is visible) until they settle. */
  follow(refs: readonly ResourceRef[]): void {
    this.refresher.follow(refs);
  }

  /** Reloads a region's loaded folders in the background, swapping results in when they arrive (polling, auto-refresh). */
  async reloadRegion(provider: Provider, accountId: string, region: string): Promise<void> {
    const node = this.nodes.get(regionNodeId(provider, accountId, region));
    if (node?.type !== 'region') return;
    const folders = this.children.folders(node);
    const before = regionDescription(node, this.store, this.filterState);
    const changed = await Promise.all(folders.map((f) => this.store.reload(f)));
    // Refresh as little as possible: a refresh re-creates the rows below it, and a context menu opened on such
    // a row meanwhile would run its command without the row's node. The region itself only when its count changed.
    if (regionDescription(node, this.store, this.filterState) !== before) this.fireIfKnown(node);
    else folders.forEach((f, i) => changed[i] && this.fireIfKnown(f));
  }

  private loadedRegions(): RegionNode[] {
    return this.store
      .regionIds()
      .map((id) => this.nodes.get(id))
      .filter((n): n is RegionNode => n?.type === 'region');
  }

  /** Redraws the rows without loading (the row description settings changed). */
  redraw(): void {
    this.changed.fire();
  }

  // ---- filter ----

  get filter(): string | undefined {
    return this.filterState.query;
  }

  async setFilter(query: string | undefined): Promise<void> {
    const q = await this.filterState.set(query);
    this.filterState.show(this.view);
    this.changed.fire();
    if (q) await this.revealMatches();
  }

  /** Expands the loaded folders holding matches (those under the node ID `prefix` when given). */
  private revealMatches(prefix = ''): Promise<void> {
    const folders: [FolderNode, Folder][] = [];
    for (const [id, st] of this.store.entries()) {
      const node = id.startsWith(prefix) ? this.nodes.get(id) : undefined;
      if (node?.type === 'folder') folders.push([node, st]);
    }
    return this.filterState.reveal(this.view as vscode.TreeView<FolderNode> | undefined, folders);
  }

  // ---- helpers ----

  dispose(): void {
    this.refresher.dispose();
    this.store.dispose();
    for (const s of this.subs) s.dispose();
  }
}

/** What the tree shows of the accounts and loads with: their listing, the shown subset, the key-pair revision. */
function accountsSeen(accounts: ExplorerDeps['accounts']): string {
  return JSON.stringify([accounts.revision, PROVIDERS.map((p) => [accounts.all(p), accounts.shown(p).map((a) => a.id)])]);
}
