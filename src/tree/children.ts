/**
 * What each row of the Resources tree holds: provider → account (when several) → region → kind folder → resources.
 * A region's folders load in parallel once it is listed; a failure becomes one error row, never a blank scope.
 */
import * as vscode from 'vscode';
import type { Provider } from '../core/types';
import { CloudError } from '../core/errors';
import type { ClientFactory, AccountInfo } from '../contracts';
import type { EnvImport } from '../credentials/envImport';
import type { AccountStore } from '../credentials/store';
import type { Settings } from '../settings/config';
import { formatProblem } from '../settings/config';
import type { TreeFilter } from './filter';
import { kindLabel } from './items';
import { KINDS, PROVIDERS, type FolderNode, type AccountNode, type ProviderNode, type RegionNode, type TreeNode } from './model';
import { errorNode, messageNode, type Nodes } from './nodes';
import type { FolderStore } from './store';

export interface ChildrenDeps {
  readonly clients: ClientFactory;
  readonly accounts: AccountStore;
  readonly settings: Settings;
  readonly nodes: Nodes;
  readonly store: FolderStore;
  readonly filter: TreeFilter;
  readonly envImport: EnvImport;
  /** A region's (or folder's) first loads ended: its row changed, and a filter may reveal matches in it. */
  loaded(region: RegionNode): void;
}

export class Children {
  constructor(private readonly d: ChildrenDeps) {}

  async of(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.root();
    switch (node.type) {
      case 'provider':
        return this.provider(node);
      case 'account':
        return this.accountNode(node);
      case 'region':
        return this.region(node);
      case 'folder':
        return this.folder(node);
      default:
        return [];
    }
  }

  /**
   * Providers with accounts, once at least one has regions (else none: the welcome view says what to do). Accounts the
   * first open imports from the environment count from the moment they are listed, before they are saved.
   */
  private async root(): Promise<TreeNode[]> {
    await this.d.envImport.listed();
    const { providers, hasRegions } = this.overview();
    return hasRegions ? providers.map((p) => this.d.nodes.provider(p)) : [];
  }

  /** Which providers have accounts, and whether any of them has regions (or a settings problem to show). */
  overview(): { providers: Provider[]; hasRegions: boolean } {
    const { accounts, settings } = this.d;
    const providers = PROVIDERS.filter((p) => accounts.all(p).length > 0);
    const hasRegions = providers.some((p) => settings.regions(p).length > 0 || settings.blockingProblems(p).length > 0);
    return { providers, hasRegions };
  }

  private async provider(node: ProviderNode): Promise<TreeNode[]> {
    const p = node.provider;
    const blocking = this.d.settings.blockingProblems(p);
    if (blocking.length) return [errorNode(node, new Error(formatProblem(blocking[0])), blocking[0].setting)];
    const shown = this.d.accounts.shown(p);
    if (this.d.settings.regions(p).length === 0) {
      return [
        messageNode(
          node,
          'noRegions',
          vscode.l10n.t('No regions selected'),
          vscode.l10n.t('Use "Select Regions…" to choose the regions to list.'),
        ),
      ];
    }
    if (shown.length > 1) {
      // Start every account's regions now: they load in parallel (the transport bounds in-flight requests).
      // Accounts resolved on use (CLI, environment, roles) start once their credentials are known.
      for (const prof of shown) if (!prof.problem && !prof.readOnly && !prof.role) this.regions(p, prof.id);
      return shown.map((prof) => this.d.nodes.account(p, prof.id));
    }
    if (!shown.length) return [];
    return this.account(node, shown[0].id, shown[0]);
  }

  private async accountNode(node: AccountNode): Promise<TreeNode[]> {
    return this.account(node, node.accountId, this.d.accounts.get(node.accountId));
  }

  /** An account's regions, or one error row when it cannot list (a broken account, a role that cannot be assumed). */
  private async account(node: ProviderNode | AccountNode, accountId: string, prof: AccountInfo | undefined): Promise<TreeNode[]> {
    if (prof?.problem) return [errorNode(node, accountProblem(prof))];
    const refused = await this.credentialsProblem(node.provider, prof);
    if (refused) return [errorNode(node, refused)];
    return this.regions(node.provider, accountId);
  }

  /**
   * A role that cannot be assumed (or another source that fails on use) is one error row for the account, not one per
   * region: the account's client is built (credentials resolved) before its regions are listed.
   */
  private async credentialsProblem(provider: Provider, prof: AccountInfo | undefined): Promise<unknown> {
    if (!prof || (!prof.readOnly && !prof.role)) return undefined;
    try {
      await (provider === 'aliyun' ? this.d.clients.aliyun(prof.id) : this.d.clients.volcengine(prof.id));
      return undefined;
    } catch (e) {
      return e;
    }
  }

  /** Region nodes of an account, with their folders' first pages started in parallel. */
  private regions(provider: Provider, accountId: string): RegionNode[] {
    const regions = this.d.settings.regions(provider).map((r) => this.d.nodes.region(provider, accountId, r));
    for (const r of regions) this.start(r);
    return regions;
  }

  /**
   * Starts the loads of a region's folders (or of one folder) and, once they are done, reports the region loaded:
   * it has no count while it loads, and VS Code asks for its row again only when told.
   */
  start(node: RegionNode | FolderNode): void {
    const region = node.type === 'region' ? node : node.parent;
    const folders = node.type === 'folder' ? [node] : this.folders(region);
    const pending = folders.map((f) => this.d.store.ensure(f)).filter((s) => s.loading);
    if (pending.length) void Promise.all(pending.map((s) => this.d.store.settled(s))).then(() => this.d.loaded(region));
  }

  folders(region: RegionNode): FolderNode[] {
    return KINDS[region.provider].map((k) => this.d.nodes.folder(region, k));
  }

  private async region(node: RegionNode): Promise<TreeNode[]> {
    const folders = this.folders(node);
    const states = folders.map((f) => this.d.store.ensure(f));
    await Promise.all(states.map((s) => this.d.store.settled(s)));
    const failed = states.filter((s) => s.failed);
    if (failed.length === states.length) return [errorNode(node, failed[0].error)];
    if (!this.d.filter.active) return folders;
    // Filtered: a folder that is fully loaded and has no match is left out.
    const shown = folders.filter((f, i) => !this.d.filter.excludes(states[i]));
    return shown.length ? shown : [messageNode(node, 'noMatch', this.d.filter.noMatchText())];
  }

  private async folder(node: FolderNode): Promise<TreeNode[]> {
    const { store, filter } = this.d;
    let st = store.ensure(node);
    await store.settled(st);
    // Refreshed while loading: that load was cancelled and its (empty) entry dropped; answer with the new load.
    for (let i = 0; i < 5 && store.get(node.id) !== st; i++) {
      st = store.ensure(node);
      await store.settled(st);
    }
    if (st.failed) return [errorNode(node, st.error)];
    const nodes = store.resourceNodes(node, st);
    const out: TreeNode[] = filter.active ? nodes.filter((n) => filter.matches(n.ref)) : nodes.slice();
    if (out.length === 0) {
      out.push(
        st.items.length === 0
          ? messageNode(node, 'empty', vscode.l10n.t('No {0} in this region', kindLabel(node.kind).toLowerCase()))
          : messageNode(node, 'noMatch', filter.noMatchText()),
      );
    }
    if (st.more) out.push(this.d.nodes.loadMore(node));
    return out;
  }

  /**
   * The folders Go to Resource covers: every kind of every configured region of every account the tree shows.
   * Accounts with a problem, and providers whose settings block listing, are returned as `skipped` (their rows
   * say why). Waits for the first open's import of environment credentials, as the tree does.
   */
  async gotoScope(): Promise<{ folders: FolderNode[]; skipped: { provider: Provider; accountId: string; problem: string }[] }> {
    // The accounts being imported are listed before they are saved; loading one's folders asks for its credentials,
    // which saves it at once. Waiting for the save would wait for the view's first rows, up to 2 s with the view closed.
    await this.d.envImport.listed();
    const folders: FolderNode[] = [];
    const skipped: { provider: Provider; accountId: string; problem: string }[] = [];
    for (const p of PROVIDERS) {
      const blocking = this.d.settings.blockingProblems(p);
      for (const prof of this.d.accounts.shown(p)) {
        if (prof.problem || blocking.length) {
          skipped.push({ provider: p, accountId: prof.id, problem: prof.problem ?? formatProblem(blocking[0]) });
          continue;
        }
        for (const r of this.d.settings.regions(p)) folders.push(...this.folders(this.d.nodes.region(p, prof.id, r)));
      }
    }
    return { folders, skipped };
  }
}

/** A broken external account as the error its row shows (reason and next step, localized). */
function accountProblem(p: AccountInfo): CloudError {
  return new CloudError({
    kind: 'config',
    provider: p.provider,
    action: '',
    region: '',
    code: p.problemCode ?? 'MissingCredentials',
    message: p.problem ?? '',
  });
}
