/**
 * The Resources tree: provider → profile (when several) → region → kind folder → resources.
 * Loads lazily per folder (all regions of a provider in parallel once it is expanded), caches pages,
 * cancels stale loads on refresh, and never leaves a scope blank: a failure becomes one error item.
 */
import * as vscode from 'vscode';
import { Priority } from '../core/http/scheduler';
import type { Provider } from '../core/types';
import { instanceFamily, knownFactors } from '../core/rules/computing-power';
import type { AliyunReservedInstance } from '../core/schemas/aliyun';
import type { ActionLog, ClientFactory, ProfileInfo, ResourceRef, ScopeSource, TreeControl } from '../services';
import { CloudError } from '../core/errors';
import type { ProfileStore } from '../credentials/store';
import { credentialsFromEnv } from '../credentials/mask';
import { vscodePrompts, type Prompts } from '../ui/prompts';
import type { Settings } from '../settings/config';
import { formatProblem } from '../settings/config';
import {
  folderItem,
  errorItem,
  icon,
  kindLabel,
  loadMoreItem,
  messageItem,
  profileTooltip,
  providerLabel,
  resourceItem,
  resourceTooltipMarkdown,
  stateLabel,
  VIEW_ID,
} from './items';
import { appendUnique, cursorAfter, loadPage, type Cursor } from './loader';
import {
  folderNodeId,
  KINDS,
  profileNodeId,
  PROVIDERS,
  providerId,
  regionNodeId,
  resourceNodeId,
  stateOf,
  type ErrorNode,
  type FolderNode,
  type LoadMoreNode,
  type MessageNode,
  type ProfileNode,
  type ProviderNode,
  type RegionNode,
  type ResourceNode,
  type TreeNode,
} from './model';
import { filterTerms, isTransitional, matchesFilter } from './present';
import { Follower } from './follow';
import { warmEligibility } from './eligibility';
import { sameJson } from './json';
import { redact } from '../core/redact';

const FILTER_KEY = 'ecsExplorer.filter';
/** Folders a new filter expands at most (each reveal is a round trip to the workbench). */
const MAX_REVEALED = 20;

interface FolderState {
  readonly items: ResourceRef[];
  /** IDs of `items`. */
  readonly ids: Set<string>;
  nodes?: ResourceNode[];
  more?: Cursor;
  total?: number;
  error?: unknown;
  loading?: Promise<void>;
  loadingMore?: Promise<void>;
  readonly abort: AbortController;
}

export interface ExplorerDeps {
  readonly clients: ClientFactory;
  readonly profiles: ProfileStore;
  readonly settings: Settings;
  readonly log: ActionLog;
  readonly workspaceState: vscode.Memento;
  readonly env?: NodeJS.ProcessEnv;
  /** The commands' prompts (read at each use); VS Code's own when absent. */
  readonly prompts?: () => Prompts;
}

export class Explorer implements vscode.TreeDataProvider<TreeNode>, TreeControl, ScopeSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly folders = new Map<string, FolderState>();
  private readonly subs: vscode.Disposable[] = [this.changed];
  private view: vscode.TreeView<TreeNode> | undefined;
  /** Folders the user (or a filter's reveal) opened, by node ID. */
  private readonly expandedFolders = new Set<string>();
  private terms: string[];
  private autoTimer: ReturnType<typeof setInterval> | undefined;
  private envChecked = false;
  /** The env import while it runs: its own profile changes refresh the tree, and the callers that causes share it. */
  private envImport: Promise<void> | undefined;
  /** Follow-up polling of transitional resources (public for tests: `size`, `ids()`, `setIntervalMs`). */
  readonly follower: Follower;
  /** Loads currently running (for tests: `whenIdle`). */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: ExplorerDeps) {
    this.terms = filterTerms(this.filter);
    this.follower = new Follower(this, () => this.view?.visible ?? false);
    this.subs.push(
      this.follower,
      deps.settings.onDidChange((c) => {
        // A bad new value is reported now, also when nothing needs reloading (auto-refresh, confirmation mode).
        deps.settings.reportProblems();
        // Other regions or endpoints: what was followed may no longer be reachable as it was.
        if (c.regions || c.endpoints) this.follower.clear();
        if (c.regions || c.endpoints || c.transport || c.pageSize) this.refresh();
        if (c.autoRefresh) this.restartAutoRefresh();
      }),
      deps.profiles.onDidChange(() => {
        this.follower.clear();
        this.refresh();
      }),
    );
  }

  /** Creates the TreeView (canSelectMany, collapse-all) and wires visibility-gated timers. */
  createView(): vscode.TreeView<TreeNode> {
    const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    this.view = view;
    this.subs.push(
      view,
      view.onDidChangeVisibility(() => {
        this.restartAutoRefresh();
        this.follower.visibilityChanged();
      }),
      // A folder a filter leaves out is new to VS Code when it comes back: it opens as it was left.
      view.onDidExpandElement((e) => e.element.type === 'folder' && this.expandedFolders.add(e.element.id)),
      view.onDidCollapseElement((e) => e.element.type === 'folder' && this.expandedFolders.delete(e.element.id)),
    );
    this.updateFilterUi();
    return view;
  }

  // ---- ScopeSource ----

  async profiles(provider: Provider) {
    // A broken profile cannot act; its row says why.
    return this.deps.profiles.shown(provider).filter((p) => !p.problem);
  }

  regions(provider: Provider): readonly string[] {
    return this.deps.settings.regions(provider);
  }

  // ---- nodes (canonical objects: VS Code tracks elements by identity) ----

  private memo<T extends TreeNode>(id: string, make: () => T): T {
    let n = this.nodes.get(id) as T | undefined;
    if (!n) this.nodes.set(id, (n = make()));
    return n;
  }

  providerNode(provider: Provider): ProviderNode {
    return this.memo(providerId(provider), () => ({ type: 'provider', id: providerId(provider), provider }));
  }

  private profileNode(provider: Provider, profileId: string): ProfileNode {
    const id = profileNodeId(provider, profileId);
    return this.memo(id, () => ({ type: 'profile', id, parent: this.providerNode(provider), provider, profileId }));
  }

  /** The region node, under the profile node when the provider shows several profiles. */
  regionNode(provider: Provider, profileId: string, region: string): RegionNode {
    const id = regionNodeId(provider, profileId, region);
    const several = this.deps.profiles.shown(provider).length > 1;
    return this.memo(id, () => ({
      type: 'region',
      id,
      parent: several ? this.profileNode(provider, profileId) : this.providerNode(provider),
      provider,
      profileId,
      region,
    }));
  }

  folderNode(region: RegionNode, kind: FolderNode['kind']): FolderNode {
    const id = folderNodeId(region.provider, region.profileId, region.region, kind);
    return this.memo(id, () => ({ type: 'folder', id, parent: region, kind }));
  }

  private errorNode(parent: ErrorNode['parent'], error: unknown, settings?: string): ErrorNode {
    return { type: 'error', id: `${parent.id}/error`, parent, error, settings };
  }

  private message(parent: TreeNode, key: string, text: string, tooltip?: string): MessageNode {
    return { type: 'message', id: `${parent.id}/${key}`, parent, text, tooltip };
  }

  // ---- TreeDataProvider ----

  getParent(node: TreeNode): TreeNode | undefined {
    return node.type === 'provider' ? undefined : node.parent;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'resource':
        return resourceItem(node);
      case 'provider': {
        const item = new vscode.TreeItem(providerLabel(node.provider), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = icon('cloud');
        item.contextValue = `ecsExplorer.provider.${node.provider}`;
        const shown = this.deps.profiles.shown(node.provider);
        if (shown.length === 1) {
          item.description = shown[0].description ?? shown[0].name;
          item.tooltip = profileTooltip(shown[0], this.deps.profiles.external?.expiration(shown[0].id));
        }
        return item;
      }
      case 'profile': {
        const p = this.deps.profiles.get(node.profileId);
        const item = new vscode.TreeItem(p?.name ?? node.profileId, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = icon('account');
        item.description = p?.description ?? p?.maskedKeyId;
        item.tooltip = p ? profileTooltip(p, this.deps.profiles.external?.expiration(p.id)) : undefined;
        item.contextValue = 'ecsExplorer.profile';
        return item;
      }
      case 'region': {
        const item = new vscode.TreeItem(node.region, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = node.id;
        item.iconPath = icon('globe');
        item.contextValue = 'ecsExplorer.region';
        item.description = this.regionDescription(node);
        item.tooltip = this.regionTooltip(node);
        return item;
      }
      case 'folder':
        return folderItem(node, this.folderDescription(node), this.expandedFolders.has(node.id));
      case 'loadMore': {
        const st = this.folders.get(node.parent.id);
        return loadMoreItem(node, st?.items.length ?? 0, st?.total);
      }
      case 'error':
        return errorItem(node);
      case 'message':
        return messageItem(node);
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem | Promise<vscode.TreeItem> {
    if (node.type !== 'resource' || item.tooltip) return item;
    const learning = this.learnFactors(node.ref);
    if (!learning) {
      item.tooltip = resourceTooltipMarkdown(node);
      return item;
    }
    return learning.then(() => {
      item.tooltip ??= resourceTooltipMarkdown(node);
      return item;
    });
  }

  /**
   * A coupon whose computing-power factor is not known yet: ask DescribeInstanceTypes for its family (cached by the
   * client; at most 3 s), so the tooltip can show the estimate. undefined when nothing needs asking.
   */
  private learnFactors(ref: ResourceRef): Promise<void> | undefined {
    if (ref.provider !== 'aliyun' || ref.kind !== 'reservedInstance') return undefined;
    const type = (ref.data as AliyunReservedInstance | undefined)?.InstanceType;
    const family = type ? instanceFamily(type) : undefined;
    if (!type || !family || knownFactors().factor(type)) return undefined;
    return this.deps.clients
      .aliyun(ref.profileId)
      .then((c) => c.describeInstanceTypes(ref.region, { family, signal: AbortSignal.timeout(3000) }))
      .then(
        () => undefined,
        () => undefined, // documented factors only
      );
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    switch (node.type) {
      case 'provider':
        return this.providerChildren(node);
      case 'profile': {
        const prof = this.deps.profiles.get(node.profileId);
        if (prof?.problem) return [this.errorNode(node, profileProblem(prof))];
        const refused = await this.credentialsProblem(node.provider, prof);
        if (refused) return [this.errorNode(node, refused)];
        return this.regionNodes(node.provider, node.profileId);
      }
      case 'region':
        return this.regionChildren(node);
      case 'folder':
        return this.folderChildren(node);
      default:
        return [];
    }
  }

  private async rootChildren(): Promise<TreeNode[]> {
    await this.importEnvOnce();
    this.deps.settings.reportProblems();
    const providers = PROVIDERS.filter((p) => this.deps.profiles.all(p).length > 0);
    const hasRegions = providers.some((p) => this.deps.settings.regions(p).length > 0 || this.deps.settings.blockingProblems(p).length > 0);
    await Promise.all([
      vscode.commands.executeCommand('setContext', 'ecsExplorer.hasProfiles', providers.length > 0),
      vscode.commands.executeCommand('setContext', 'ecsExplorer.hasRegions', hasRegions),
    ]);
    if (!hasRegions) return [];
    return providers.map((p) => this.providerNode(p));
  }

  /**
   * A role that cannot be assumed (or another source that fails on use) is one error row for the account, not one per
   * region: the account's client is built (credentials resolved) before its regions are listed.
   */
  private async credentialsProblem(provider: Provider, prof: ProfileInfo | undefined): Promise<unknown> {
    if (!prof || (!prof.readOnly && !prof.role)) return undefined;
    try {
      await (provider === 'aliyun' ? this.deps.clients.aliyun(prof.id) : this.deps.clients.volcengine(prof.id));
      return undefined;
    } catch (e) {
      return e;
    }
  }

  private async providerChildren(node: ProviderNode): Promise<TreeNode[]> {
    const p = node.provider;
    const blocking = this.deps.settings.blockingProblems(p);
    if (blocking.length) return [this.errorNode(node, new Error(formatProblem(blocking[0])), blocking[0].setting)];
    const shown = this.deps.profiles.shown(p);
    if (this.deps.settings.regions(p).length === 0) {
      return [this.message(node, 'noRegions', vscode.l10n.t('No regions selected'), vscode.l10n.t('Use "Select Regions…" to choose the regions to list.'))];
    }
    if (shown.length > 1) {
      // Start every profile's regions now: they load in parallel (the transport bounds in-flight requests).
      // Accounts resolved on use (CLI, environment, roles) start once their credentials are known.
      for (const prof of shown) if (!prof.problem && !prof.readOnly && !prof.role) this.prefetch(p, prof.id);
      return shown.map((prof) => this.profileNode(p, prof.id));
    }
    if (shown[0].problem) return [this.errorNode(node, profileProblem(shown[0]))];
    const refused = await this.credentialsProblem(p, shown[0]);
    if (refused) return [this.errorNode(node, refused)];
    return this.regionNodes(p, shown[0].id);
  }

  private regionNodes(provider: Provider, profileId: string): RegionNode[] {
    return this.prefetch(provider, profileId);
  }

  /** Region nodes of a profile, with their folders' first pages started in parallel. */
  private prefetch(provider: Provider, profileId: string): RegionNode[] {
    const regions = this.deps.settings.regions(provider).map((r) => this.regionNode(provider, profileId, r));
    for (const r of regions) this.loadThenFire(r);
    return regions;
  }

  private async regionChildren(node: RegionNode): Promise<TreeNode[]> {
    const folders = KINDS[node.provider].map((k) => this.folderNode(node, k));
    const states = folders.map((f) => this.ensureFolder(f));
    await Promise.all(states.map((s) => s.loading));
    const failed = states.filter((s) => s.error !== undefined);
    if (failed.length === states.length) return [this.errorNode(node, failed[0].error)];
    if (!this.terms.length) return folders;
    // Filtered: a folder that is fully loaded and has no match is left out.
    const shown = folders.filter((f, i) => !this.noMatchIn(states[i]));
    return shown.length ? shown : [this.message(node, 'noMatch', vscode.l10n.t('No matches for filter "{0}"', this.filter ?? ''))];
  }

  /** Whether a loaded folder (all pages, no error) holds nothing that matches the filter. */
  private noMatchIn(st: FolderState): boolean {
    if (st.loading || st.error !== undefined || st.more) return false;
    const terms = this.terms;
    return !st.items.some((r) => matchesFilter(r, terms, stateLabel));
  }

  private async folderChildren(node: FolderNode): Promise<TreeNode[]> {
    let st = this.ensureFolder(node);
    await st.loading;
    // Refreshed while loading: that load was cancelled and its (empty) state dropped; answer with the new load.
    for (let i = 0; i < 5 && this.folders.get(node.id) !== st; i++) {
      st = this.ensureFolder(node);
      await st.loading;
    }
    if (st.error !== undefined) return [this.errorNode(node, st.error)];
    const nodes = (st.nodes ??= st.items.map((ref): ResourceNode => ({ type: 'resource', id: resourceNodeId(ref), parent: node, ref })));
    const terms = this.terms;
    const out: TreeNode[] = terms.length ? nodes.filter((n) => matchesFilter(n.ref, terms, stateLabel)) : nodes.slice();
    if (out.length === 0) {
      out.push(
        st.items.length === 0
          ? this.message(node, 'empty', vscode.l10n.t('No {0} in this region', kindLabel(node.kind).toLowerCase()))
          : this.message(node, 'noMatch', vscode.l10n.t('No matches for filter "{0}"', this.filter ?? '')),
      );
    }
    if (st.more) out.push(this.memo(`${node.id}/loadMore`, (): LoadMoreNode => ({ type: 'loadMore', id: `${node.id}/loadMore`, parent: node })));
    return out;
  }

  private regionDescription(node: RegionNode): string | undefined {
    const states = KINDS[node.provider].map((k) => this.folders.get(folderNodeId(node.provider, node.profileId, node.region, k)));
    if (states.some((s) => !s || s.loading)) return undefined;
    if (states.every((s) => s!.error !== undefined)) return vscode.l10n.t('failed to load');
    const n = states.reduce((a, s) => a + (s!.items.length ?? 0), 0);
    const more = states.some((s) => s!.more);
    const total = more ? `${n}+` : String(n);
    if (!this.terms.length) return total;
    let shown = 0;
    for (const st of states) for (const r of st!.items) if (matchesFilter(r, this.terms, stateLabel)) shown++;
    return vscode.l10n.t('{0} of {1}', shown, total);
  }

  /** `cn-beijing`, the cloud and account, and what each folder holds (plain text). */
  private regionTooltip(node: RegionNode): string {
    const account = this.deps.profiles.get(node.profileId)?.name ?? node.profileId;
    const lines = [node.region, vscode.l10n.t('{0} · account "{1}"', providerLabel(node.provider), account)];
    for (const k of KINDS[node.provider]) {
      const st = this.folders.get(folderNodeId(node.provider, node.profileId, node.region, k));
      const what = !st || st.loading ? vscode.l10n.t('loading…') : st.error !== undefined ? vscode.l10n.t('failed to load') : st.more ? vscode.l10n.t('{0} loaded, more to load', st.items.length) : String(st.items.length);
      lines.push(`${kindLabel(k)}: ${what}`);
    }
    return lines.join('\n');
  }

  private folderDescription(node: FolderNode): string | undefined {
    const st = this.folders.get(node.id);
    if (!st || st.loading || st.error !== undefined) return undefined;
    const total = st.more ? `${st.items.length}+` : String(st.items.length);
    if (!this.terms.length) return total;
    let n = 0;
    for (const r of st.items) if (matchesFilter(r, this.terms, stateLabel)) n++;
    return vscode.l10n.t('{0} of {1}', n, total);
  }

  // ---- loading ----

  private ensureFolder(node: FolderNode): FolderState {
    let st = this.folders.get(node.id);
    if (st) return st;
    st = { items: [], ids: new Set(), abort: new AbortController() };
    this.folders.set(node.id, st);
    const s = st;
    s.loading = this.track(this.fetchPage(node, s, undefined)).finally(() => {
      s.loading = undefined;
    });
    return st;
  }

  private track(p: Promise<void>): Promise<void> {
    const shown = vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => p);
    this.running.add(p);
    void Promise.resolve(shown).finally(() => this.running.delete(p));
    return p;
  }

  private async fetchPage(
    node: FolderNode,
    st: FolderState,
    cursor: Cursor | undefined,
    current: () => boolean = () => this.folders.get(node.id) === st,
    background = false,
    /** Also stops this page (Go to Resource's cancel). */
    signal?: AbortSignal,
  ): Promise<void> {
    const r = node.parent;
    try {
      const page = await loadPage(this.deps.clients, {
        provider: r.provider,
        profileId: r.profileId,
        region: r.region,
        kind: node.kind,
        pageSize: this.deps.settings.general().pageSize,
        cursor,
        signal: signal ? AbortSignal.any([st.abort.signal, signal]) : st.abort.signal,
        // A folder the user expanded or asked for more of goes before background reloads.
        priority: background ? Priority.background : Priority.visible,
      });
      if (!current()) return; // refreshed meanwhile
      warmEligibility(page.items, new Date());
      const added = appendUnique(st.items, st.ids, page.items);
      st.nodes = undefined;
      st.more = cursorAfter(page, cursor, added);
      st.total = page.total;
      if (page.more && !st.more) {
        this.deps.log.warn(`Loading more ${node.kind} in ${r.provider} ${r.region}: the page repeated only items already listed; no further pages are asked for.`);
      }
    } catch (e) {
      if (!current() || st.abort.signal.aborted || signal?.aborted) return;
      if (cursor && background) {
        st.error = e;
        this.deps.log.warn(`Reloading ${node.kind} in ${r.provider} ${r.region} failed: ${describe(e)}`);
        return;
      }
      if (cursor) {
        // A failed "load more" keeps what is shown and the Load more item.
        this.reportError(e, vscode.l10n.t('Could not load more {0} in {1}', kindLabel(node.kind).toLowerCase(), r.region));
        return;
      }
      st.error = e;
      this.deps.log.warn(`Loading ${node.kind} in ${r.provider} ${r.region} failed: ${describe(e)}`);
    }
  }

  /** Loads the next page of a folder (the "Load more…" item). Double clicks share one load. */
  async loadMore(node: LoadMoreNode | FolderNode, signal?: AbortSignal): Promise<void> {
    const folder = node.type === 'loadMore' ? node.parent : node;
    const st = this.folders.get(folder.id);
    if (!st || !st.more || signal?.aborted) return;
    if (!st.loadingMore) {
      const cursor = st.more;
      st.loadingMore = this.track(this.fetchPage(folder, st, cursor, undefined, false, signal)).finally(() => {
        st.loadingMore = undefined;
        this.fireIfKnown(folder);
      });
    }
    await st.loadingMore;
  }

  /** Loads every remaining page of a folder. */
  async loadAll(node: LoadMoreNode | FolderNode, signal?: AbortSignal): Promise<void> {
    const folder = node.type === 'loadMore' ? node.parent : node;
    for (let i = 0; i < 1000; i++) {
      const st = this.folders.get(folder.id);
      if (!st?.more || signal?.aborted) return;
      const before = st.items.length;
      await this.loadMore(folder, signal);
      if (this.folders.get(folder.id) !== st || st.items.length === before) return;
    }
  }

  // ---- refresh (TreeControl) ----

  /** Cancels and reloads: everything (no argument), or the scope of a node. */
  refreshNode(node?: TreeNode): void {
    if (!node) {
      for (const st of this.folders.values()) st.abort.abort();
      this.folders.clear();
      this.nodes.clear();
      this.envChecked = false;
      this.changed.fire();
      return;
    }
    switch (node.type) {
      case 'error':
      case 'message':
        return node.parent ? this.refreshNode(node.parent) : this.refreshNode();
      case 'resource':
      case 'loadMore':
        return this.refreshNode(node.parent);
      default: {
        const prefix = node.id + '/';
        for (const [id, st] of this.folders) {
          if (id === node.id || id.startsWith(prefix)) {
            st.abort.abort();
            this.folders.delete(id);
          }
        }
        this.changed.fire(node);
        this.loadThenFire(node);
      }
    }
  }

  /**
   * Starts the loads of a region's folders (or of one folder) and, once they are done, tells VS Code the region
   * changed: it has no count while it loads, and VS Code asks for its item again only when told (a new or
   * refreshed region or folder).
   */
  private loadThenFire(node: TreeNode): void {
    const region = node.type === 'region' ? node : node.type === 'folder' ? node.parent : undefined;
    if (!region) return;
    const folders = node.type === 'folder' ? [node] : KINDS[region.provider].map((k) => this.folderNode(region, k));
    const pending = folders.map((f) => this.ensureFolder(f).loading).filter((p): p is Promise<void> => !!p);
    if (pending.length) {
      void Promise.all(pending).then(() => {
        this.fireIfKnown(region);
        // A filter set before the region loaded (or kept from the last session) opens its matches too.
        if (this.terms.length) void this.revealMatches(region.id + '/');
      });
    }
  }

  /** TreeControl.refresh: reload the region folders holding these resources (everything when omitted). */
  refresh(refs?: readonly ResourceRef[]): void {
    if (!refs || refs.length === 0) return this.refreshNode();
    const done = new Set<string>();
    for (const r of refs) {
      const id = regionNodeId(r.provider, r.profileId, r.region);
      if (done.has(id)) continue;
      done.add(id);
      const node = this.nodes.get(id);
      if (node) this.refreshNode(node);
    }
  }

  /** TreeControl.follow: poll these resources (while the view is visible) until they settle. */
  follow(refs: readonly ResourceRef[]): void {
    this.follower.add(refs);
  }

  /** Reloads a region's loaded folders in the background, swapping results in when they arrive (polling, auto-refresh). */
  async reloadRegion(provider: Provider, profileId: string, region: string): Promise<void> {
    const node = this.nodes.get(regionNodeId(provider, profileId, region)) as RegionNode | undefined;
    if (!node) return;
    const folders = KINDS[provider].map((k) => this.folderNode(node, k));
    const before = this.regionDescription(node);
    const changed = await Promise.all(folders.map((f) => this.reloadFolder(f)));
    // Refresh as little as possible: a refresh re-creates the rows below it, and a context menu opened on such
    // a row meanwhile would run its command without the row's node. The region itself only when its count changed.
    if (this.regionDescription(node) !== before) this.fireIfKnown(node);
    else folders.forEach((f, i) => changed[i] && this.fireIfKnown(f));
  }

  /**
   * Reloads a folder in the background, as many pages as it had loaded ("Load more" is kept); true when what it
   * shows may have changed.
   */
  private async reloadFolder(f: FolderNode): Promise<boolean> {
    const old = this.folders.get(f.id);
    if (!old) return false;
    if (old.loading) return old.loading.then(() => true);
    // Share the old controller: a refresh that drops the old state also cancels this load.
    const st: FolderState = { items: [], ids: new Set(), abort: old.abort };
    const current = () => this.folders.get(f.id) === old || this.folders.get(f.id) === st;
    await this.track(this.fetchPage(f, st, undefined, current, true));
    while (st.error === undefined && st.more && st.items.length < old.items.length && current()) {
      const before = st.items.length;
      await this.track(this.fetchPage(f, st, st.more, current, true));
      if (st.items.length === before) break;
    }
    if (this.folders.get(f.id) !== old) return false;
    if (st.error !== undefined && old.error === undefined) return false; // keep showing what we had; the failure is logged
    const same = old.error === undefined && st.error === undefined && old.total === st.total &&
      sameJson([old.items, old.more], [st.items, st.more]);
    if (same) return false;
    this.folders.set(f.id, st);
    return true;
  }

  /** Resources currently loaded (for follow and the test API). */
  loadedRefs(): ResourceRef[] {
    const out: ResourceRef[] = [];
    // A loop, not push(...items): a spread of a large folder would overflow the call stack.
    for (const st of this.folders.values()) for (const r of st.items) out.push(r);
    return out;
  }

  /** Redraws the rows without loading (the row description settings changed). */
  redraw(): void {
    this.changed.fire();
  }

  /** Loaded resources the filter shows, under a region or folder row (all when none), in tree order (Export). */
  shownRefs(node?: TreeNode): ResourceRef[] {
    const terms = this.terms;
    const out: ResourceRef[] = [];
    const prefix = node && (node.type === 'region' || node.type === 'folder' || node.type === 'profile' || node.type === 'provider') ? `${node.id}/` : '';
    for (const [id, st] of this.folders) {
      if (prefix && !`${id}/`.startsWith(prefix)) continue;
      for (const r of st.items) if (!terms.length || matchesFilter(r, terms, stateLabel)) out.push(r);
    }
    return out;
  }

  findRef(ref: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind' | 'id'>): ResourceRef | undefined {
    const st = this.folders.get(folderNodeId(ref.provider, ref.profileId, ref.region, ref.kind));
    return st?.items.find((r) => r.id === ref.id);
  }

  isLoaded(ref: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind'>): boolean {
    return this.folders.has(folderNodeId(ref.provider, ref.profileId, ref.region, ref.kind));
  }

  /** The tree node of a loaded resource (for reveal). */
  findNode(ref: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind' | 'id'>): ResourceNode | undefined {
    const fid = folderNodeId(ref.provider, ref.profileId, ref.region, ref.kind);
    const folder = this.nodes.get(fid) as FolderNode | undefined;
    const st = this.folders.get(fid);
    if (!folder || !st) return undefined;
    st.nodes ??= st.items.map((r): ResourceNode => ({ type: 'resource', id: resourceNodeId(r), parent: folder, ref: r }));
    return st.nodes.find((n) => n.ref.id === ref.id);
  }

  // ---- Go to Resource ----

  /**
   * The folders Go to Resource covers: every kind of every configured region of every account the tree shows.
   * Accounts with a problem, and providers whose settings block listing, are returned as `skipped` (their rows
   * say why). Waits for the first open's import of environment credentials, as the tree does.
   */
  async gotoScope(): Promise<{ folders: FolderNode[]; skipped: { provider: Provider; profileId: string; problem: string }[] }> {
    await this.importEnvOnce();
    const folders: FolderNode[] = [];
    const skipped: { provider: Provider; profileId: string; problem: string }[] = [];
    for (const p of PROVIDERS) {
      const blocking = this.deps.settings.blockingProblems(p);
      for (const prof of this.deps.profiles.shown(p)) {
        if (prof.problem || blocking.length) {
          skipped.push({ provider: p, profileId: prof.id, problem: prof.problem ?? formatProblem(blocking[0]) });
          continue;
        }
        for (const r of this.deps.settings.regions(p)) {
          const region = this.regionNode(p, prof.id, r);
          for (const k of KINDS[p]) folders.push(this.folderNode(region, k));
        }
      }
    }
    return { folders, skipped };
  }

  /** What the tree holds for a folder now (undefined when never loaded). */
  folderSnapshot(f: FolderNode): { items: readonly ResourceRef[]; complete: boolean; loading: boolean; error?: unknown } | undefined {
    const st = this.folders.get(f.id);
    if (!st) return undefined;
    return { items: st.items, complete: !st.loading && !st.more && st.error === undefined, loading: !!st.loading, error: st.error };
  }

  /**
   * Loads a folder completely with the tree's own loader (its first page, then every further page, as Load All),
   * so Go to Resource sees everything and the tree shows the same. Cancelling `signal` stops its requests; a
   * first load it started and did not finish is dropped, so the tree loads it again when opened.
   */
  async loadFolderFully(f: FolderNode, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const started = !this.folders.has(f.id);
    const st = this.ensureFolder(f);
    const onAbort = () => {
      if (started && st.loading && this.folders.get(f.id) === st) {
        st.abort.abort();
        this.folders.delete(f.id);
        this.fireIfKnown(f.parent);
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await st.loading;
      if (this.folders.get(f.id) !== st || st.error !== undefined) return;
      const before = st.items.length;
      await this.loadAll(f, signal);
      if (started || st.items.length !== before) this.fireIfKnown(f.parent);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  /** Resolves when no load is running (tests). */
  async whenIdle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }

  // ---- filter ----

  get filter(): string | undefined {
    return this.deps.workspaceState.get<string>(FILTER_KEY) || undefined;
  }

  async setFilter(query: string | undefined): Promise<void> {
    const q = query?.trim() || undefined;
    await this.deps.workspaceState.update(FILTER_KEY, q);
    this.terms = filterTerms(q);
    this.updateFilterUi();
    this.changed.fire();
    if (q) await this.revealMatches();
  }

  /**
   * Expands the loaded folders that hold matches (and their parents), so matches show without clicking; only
   * those whose ID starts with `prefix` when given (one region).
   */
  private async revealMatches(prefix = ''): Promise<void> {
    const view = this.view;
    if (!view?.visible) return;
    const terms = this.terms;
    const folders: FolderNode[] = [];
    for (const [id, st] of this.folders) {
      if (!id.startsWith(prefix)) continue;
      const node = this.nodes.get(id);
      if (node?.type !== 'folder' || st.loading || st.error !== undefined) continue;
      if (st.items.some((r) => matchesFilter(r, terms, stateLabel))) folders.push(node);
      if (folders.length >= MAX_REVEALED) break;
    }
    for (const f of folders) {
      try {
        await view.reveal(f, { expand: true, select: false, focus: false });
      } catch {
        // The node is no longer in the tree (refreshed or its account hidden): nothing to show.
      }
    }
  }

  private updateFilterUi(): void {
    const q = this.filter;
    void vscode.commands.executeCommand('setContext', 'ecsExplorer.filtered', !!q);
    if (this.view) {
      this.view.description = q ? vscode.l10n.t('Filter: {0}', q) : undefined;
      // The description is hidden when the view's title merges into the container's: say it in the message too.
      this.view.message = q ? vscode.l10n.t('Filtered by "{0}". Use Clear Filter to show everything.', q) : undefined;
    }
  }

  // ---- auto refresh ----

  private restartAutoRefresh(): void {
    if (this.autoTimer) clearInterval(this.autoTimer);
    this.autoTimer = undefined;
    const s = this.deps.settings.general().autoRefreshSeconds;
    if (s <= 0 || !this.view?.visible) return;
    this.autoTimer = setInterval(() => {
      if (!this.view?.visible) return;
      for (const id of this.loadedRegionIds()) {
        const n = this.nodes.get(id) as RegionNode | undefined;
        if (n) void this.reloadRegion(n.provider, n.profileId, n.region);
      }
    }, s * 1000);
  }

  private loadedRegionIds(): string[] {
    const ids = new Set<string>();
    for (const id of this.folders.keys()) ids.add(id.slice(0, id.lastIndexOf('/')));
    return [...ids];
  }

  // ---- helpers ----

  private fireIfKnown(node: TreeNode): void {
    if (this.nodes.get(node.id) === node) this.changed.fire(node);
  }

  /** On first open: import env credentials as profile "env" for providers without any profile. */
  private importEnvOnce(): Promise<void> {
    if (this.envImport) return this.envImport;
    if (this.envChecked) return Promise.resolve();
    this.envChecked = true;
    // Callers return the running import above, so nothing else sets envImport until this one ends.
    this.envImport = this.importEnv().finally(() => {
      this.envImport = undefined;
    });
    return this.envImport;
  }

  private async importEnv(): Promise<void> {
    const env = this.deps.env ?? process.env;
    // CLI and environment accounts count as accounts; with the environment source on, nothing is imported.
    await this.deps.profiles.external?.ready();
    for (const p of PROVIDERS) {
      if (this.deps.profiles.external?.enabled('env', p)) continue;
      if (this.deps.profiles.all(p).length > 0 || this.deps.profiles.envImported(p)) continue;
      const creds = credentialsFromEnv(p, env);
      if (!creds) continue;
      try {
        await this.deps.profiles.add(p, 'env', creds, `${p}-env`);
        await this.deps.profiles.markEnvImported(p);
        this.deps.log.info(vscode.l10n.t('Imported {0} credentials from the environment into account "env" (AccessKey ID {1}).', providerLabel(p), this.deps.profiles.get(`${p}-env`)?.maskedKeyId ?? ''));
      } catch (e) {
        this.reportError(e, vscode.l10n.t('Could not import {0} credentials from the environment', providerLabel(p)));
      }
    }
  }

  private reportError(e: unknown, what: string): void {
    this.deps.log.error(`${what}: ${describe(e)}`);
    void (this.deps.prompts ?? vscodePrompts)().notify('error', `${what}: ${redact(e instanceof Error ? e.message : String(e))}`);
  }

  isTransitionalRef(ref: ResourceRef): boolean {
    return isTransitional(stateOf(ref));
  }

  dispose(): void {
    if (this.autoTimer) clearInterval(this.autoTimer);
    for (const st of this.folders.values()) st.abort.abort();
    for (const s of this.subs) s.dispose();
  }
}

function describe(e: unknown): string {
  const d = (e as { describe?: () => string } | null)?.describe;
  if (typeof d === 'function') return d.call(e);
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** A broken external profile as the error its row shows (reason and next step, localized). */
function profileProblem(p: ProfileInfo): CloudError {
  return new CloudError({ kind: 'config', provider: p.provider, action: '', region: '', code: p.problemCode ?? 'MissingCredentials', message: p.problem ?? '' });
}
