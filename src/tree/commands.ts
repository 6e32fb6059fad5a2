/** Tree commands: refresh, filter, copy ID, open in console, view details, load more, select regions. */
import * as vscode from 'vscode';
import { consoleUrl, type Provider } from '../core';
import type { ActionLog, ClientFactory, ResourceRef } from '../services';
import type { ProfileStore } from '../credentials/store';
import type { Settings } from '../settings/config';
import { isRegionId } from '../settings/validate';
import { DetailsProvider } from './details';
import type { Explorer } from './explorer';
import { currentLocale, providerLabel, summarizeError, VIEW_ID } from './items';
import { lostRow, viewTitleCommand } from './menuArgs';
import type { LoadMoreNode, TreeNode } from './model';
import { kindSpec } from '../kinds';

export const TREE_COMMANDS = {
  refresh: 'ecsExplorer.refresh',
  filter: 'ecsExplorer.filter',
  clearFilter: 'ecsExplorer.clearFilter',
  copyId: 'ecsExplorer.copyId',
  openInConsole: 'ecsExplorer.openInConsole',
  viewDetails: 'ecsExplorer.viewDetails',
  loadMore: 'ecsExplorer.loadMore',
  loadAll: 'ecsExplorer.loadAll',
  retry: 'ecsExplorer.retry',
  selectRegions: 'ecsExplorer.selectRegions',
} as const;

export interface TreeCommandDeps {
  readonly explorer: Explorer;
  readonly details: DetailsProvider;
  readonly settings: Settings;
  readonly profiles: ProfileStore;
  readonly clients: ClientFactory;
  readonly log: ActionLog;
  /** Tells the user a menu's row could not be identified and nothing was done (see menuArgs). */
  readonly reportLostRow: (title: string) => void;
}

/** Resources a command acts on: the selection when the clicked node is part of it, else the clicked node. */
export function selectedRefs(node: unknown, nodes: unknown, view?: vscode.TreeView<TreeNode>): ResourceRef[] {
  const asRef = (n: unknown): ResourceRef | undefined => {
    const t = n as TreeNode | undefined;
    return t && typeof t === 'object' && t.type === 'resource' ? t.ref : undefined;
  };
  const list = Array.isArray(nodes) && nodes.length ? nodes : node ? [node] : (view?.selection ?? []);
  const clicked = asRef(node);
  const refs = list.map(asRef).filter((r): r is ResourceRef => !!r);
  if (clicked && !refs.some((r) => r.id === clicked.id && r.region === clicked.region)) return [clicked];
  return refs;
}

async function pickProvider(placeHolder: string): Promise<Provider | undefined> {
  const items = (['volcengine', 'aliyun'] as const).map((p) => ({ label: providerLabel(p), provider: p }));
  return (await vscode.window.showQuickPick(items, { placeHolder }))?.provider;
}

export function providerOf(node: unknown): Provider | undefined {
  const n = node as TreeNode | undefined;
  if (!n || typeof n !== 'object') return undefined;
  switch (n.type) {
    case 'provider':
    case 'profile':
    case 'region':
      return n.provider;
    case 'folder':
      return n.parent.provider;
    case 'resource':
      return n.ref.provider;
    case 'error':
      return providerOf(n.parent);
    default:
      return undefined;
  }
}

export function registerTreeCommands(context: vscode.ExtensionContext, deps: TreeCommandDeps, view: vscode.TreeView<TreeNode>): void {
  const { explorer } = deps;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes command arguments untyped; handlers declare their own
  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  /** A row command: refused when its row is not among its arguments (see menuArgs). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes command arguments untyped; handlers declare their own
  const regRow = (id: string, title: () => string, fn: (...args: any[]) => unknown) =>
    reg(id, (...args: unknown[]) => (lostRow(args) ? deps.reportLostRow(title()) : fn(...args)));

  // A row's Refresh whose row was refreshed away refreshes everything (a superset, nothing lost).
  reg(TREE_COMMANDS.refresh, (node?: TreeNode) => explorer.refreshNode(node && typeof node === 'object' && 'type' in node ? node : undefined));
  reg(viewTitleCommand(TREE_COMMANDS.refresh), () => explorer.refreshNode());
  reg(TREE_COMMANDS.retry, (node?: TreeNode) => explorer.refreshNode(node));
  regRow(TREE_COMMANDS.loadMore, () => vscode.l10n.t('Load more…'), (node?: LoadMoreNode) => node && explorer.loadMore(node));
  regRow(TREE_COMMANDS.loadAll, () => vscode.l10n.t('Load All'), (node?: LoadMoreNode) => node && explorer.loadAll(node));

  reg(TREE_COMMANDS.filter, async (query?: string) => {
    const value =
      typeof query === 'string'
        ? query
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Filter ECS Explorer'),
            prompt: vscode.l10n.t('Show resources whose name, ID or state contains all of these words. Leave empty to clear.'),
            placeHolder: vscode.l10n.t('e.g. web running'),
            value: explorer.filter ?? '',
          });
    if (value === undefined) return;
    await explorer.setFilter(value);
  });
  reg(TREE_COMMANDS.clearFilter, () => explorer.setFilter(undefined));

  regRow(TREE_COMMANDS.copyId, () => vscode.l10n.t('Copy ID'), async (node?: TreeNode, nodes?: TreeNode[]) => {
    const refs = selectedRefs(node, nodes, view);
    if (!refs.length) return;
    await vscode.env.clipboard.writeText(refs.map((r) => r.id).join('\n'));
    vscode.window.setStatusBarMessage(
      refs.length === 1 ? vscode.l10n.t('Copied {0}', refs[0].id) : vscode.l10n.t('Copied {0} IDs', refs.length),
      3000,
    );
  });

  regRow(TREE_COMMANDS.openInConsole, () => vscode.l10n.t('Open in Console'), async (node?: TreeNode, nodes?: TreeNode[]) => {
    const refs = selectedRefs(node, nodes, view);
    if (!refs.length) return;
    // One tab per distinct page (at most 5). Where the console has no page per resource, the link opens the
    // region's list and the IDs go to the clipboard for its search box.
    const urls = new Set<string>();
    const notInUrl: string[] = [];
    for (const r of refs) {
      const url = consoleUrl(r.provider, kindSpec(r.kind).console, r.region, r.id);
      urls.add(url);
      if (!url.includes(encodeURIComponent(r.id))) notInUrl.push(r.id);
    }
    for (const url of [...urls].slice(0, 5)) await vscode.env.openExternal(vscode.Uri.parse(url));
    if (notInUrl.length) {
      await vscode.env.clipboard.writeText(notInUrl.join('\n'));
      vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} for the console search box', notInUrl.length === 1 ? notInUrl[0] : vscode.l10n.t('{0} IDs', notInUrl.length)), 5000);
    }
  });

  regRow(TREE_COMMANDS.viewDetails, () => vscode.l10n.t('View Details'), async (node?: TreeNode, nodes?: TreeNode[]) => {
    const refs = selectedRefs(node, nodes, view).slice(0, 5);
    for (const r of refs) await deps.details.show(r);
  });

  // A row's Select Regions whose row was refreshed away asks for the provider, as the palette does.
  reg(TREE_COMMANDS.selectRegions, (node?: TreeNode) => selectRegions(deps, providerOf(node)));
  reg(viewTitleCommand(TREE_COMMANDS.selectRegions), () => selectRegions(deps, undefined));
}

/** Multi-pick of regions filled from DescribeRegions (current picks kept even when not listed). */
export async function selectRegions(deps: TreeCommandDeps, provider?: Provider, picked?: string[]): Promise<string[] | undefined> {
  provider ??= await pickProvider(vscode.l10n.t('Select regions for which cloud?'));
  if (!provider) return undefined;
  const p = provider;
  if (picked) {
    const bad = picked.filter((r) => !isRegionId(r));
    if (bad.length) throw new Error(vscode.l10n.t('Not a region ID: {0}', bad.join(', ')));
    await deps.settings.setRegions(p, picked);
    return picked;
  }
  const current = [...deps.settings.regions(p)];
  let available: { id: string; name?: string }[] = [];
  const profile = deps.profiles.shown(p)[0];
  if (profile) {
    try {
      available = await vscode.window.withProgress(
        { location: { viewId: VIEW_ID }, title: vscode.l10n.t('Loading regions…') },
        async () =>
          p === 'volcengine'
            ? (await (await deps.clients.volcengine(profile.id)).describeRegions()).map((r) => ({ id: r.RegionId }))
            : (await (await deps.clients.aliyun(profile.id)).describeRegions({ acceptLanguage: currentLocale() === 'zh-cn' ? 'zh-CN' : 'en-US' })).map((r) => ({ id: r.RegionId, name: r.LocalName })),
      );
    } catch (e) {
      const s = summarizeError(e, currentLocale());
      deps.log.warn(`DescribeRegions for ${p} failed: ${s.code} ${s.message}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not list the regions ({0}: {1}). Showing the configured regions only.', s.code, s.explain));
    }
  }
  const ids = new Set(available.map((a) => a.id));
  for (const c of current) if (!ids.has(c)) available.push({ id: c });
  const items = available.map((a) => ({ label: a.id, description: a.name, picked: current.includes(a.id) }));
  const chosen = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('{0}: regions to show', providerLabel(p)),
    placeHolder: profile ? undefined : vscode.l10n.t('Add an account to list all regions'),
    matchOnDescription: true,
  });
  if (!chosen) return undefined;
  const regions = chosen.map((c) => c.label);
  await deps.settings.setRegions(p, regions);
  return regions;
}
