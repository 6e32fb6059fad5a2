/** The TreeItem of every node: provider, account and region rows, the counts region and folder rows show, resource tooltips. */
import * as vscode from 'vscode';
import { instanceFamily, knownFactors } from '../core/rules/computing-power';
import type { AliyunReservedInstance } from '../core/schemas/aliyun';
import type { AccountStore } from '../credentials/store';
import type { AccountInfo, ClientFactory, ResourceRef } from '../contracts';
import {
  errorItem,
  folderItem,
  icon,
  kindLabel,
  loadMoreItem,
  messageItem,
  accountTooltip,
  providerLabel,
  resourceItem,
  resourceTooltipMarkdown,
} from './items';
import { folderNodeId, KINDS, type FolderNode, type AccountNode, type ProviderNode, type RegionNode, type TreeNode } from './model';
import type { TreeFilter } from './filter';
import type { Folder, FolderStore } from './store';

type Accounts = Pick<AccountStore, 'shown' | 'get' | 'external'>;

export interface RowsContext {
  readonly accounts: Accounts;
  readonly clients: ClientFactory;
  readonly store: FolderStore;
  readonly filter: TreeFilter;
  /** Whether the user (or a filter's reveal) opened this folder. */
  expanded(id: string): boolean;
}

export function treeItem(node: TreeNode, c: RowsContext): vscode.TreeItem {
  switch (node.type) {
    case 'resource':
      return resourceItem(node);
    case 'provider':
      return providerItem(node, c.accounts);
    case 'account':
      return accountItem(node, c.accounts);
    case 'region':
      return regionItem(node, c.store, c.filter, c.accounts);
    case 'folder':
      return folderItem(node, folderDescription(node, c.store, c.filter), c.expanded(node.id));
    case 'loadMore': {
      const st = c.store.get(node.parent.id);
      return loadMoreItem(node, st?.items.length ?? 0, st?.total);
    }
    case 'error':
      return errorItem(node);
    case 'message':
      return messageItem(node);
  }
}

/**
 * Tooltips built when VS Code first shows one (on hover): a resource row's, and the Markdown of provider and account
 * rows. Not set in getTreeItem: VS Code parses each Markdown tooltip when it receives the row, and the first parse in an
 * extension host costs ~30 ms, on the first rows' path when the view opens.
 */
export function resolveTreeItem(
  item: vscode.TreeItem,
  node: TreeNode,
  c: Pick<RowsContext, 'accounts' | 'clients'>,
): vscode.TreeItem | Promise<vscode.TreeItem> {
  if (item.tooltip) return item;
  if (node.type === 'provider' || node.type === 'account') {
    item.tooltip = accountRowTooltip(node, c.accounts);
    return item;
  }
  if (node.type !== 'resource') return item;
  const learning = learnFactors(node.ref, c.clients);
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
function learnFactors(ref: ResourceRef, clients: ClientFactory): Promise<void> | undefined {
  if (ref.provider !== 'aliyun' || ref.kind !== 'reservedInstance') return undefined;
  const type = (ref.data as AliyunReservedInstance | undefined)?.InstanceType;
  const family = type ? instanceFamily(type) : undefined;
  if (!type || !family || knownFactors().factor(type)) return undefined;
  return clients
    .aliyun(ref.accountId)
    .then((c) => c.describeInstanceTypes(ref.region, { family, signal: AbortSignal.timeout(3000) }))
    .then(
      () => undefined,
      () => undefined, // documented factors only
    );
}

function providerItem(node: ProviderNode, accounts: Accounts): vscode.TreeItem {
  const item = new vscode.TreeItem(providerLabel(node.provider), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = icon('cloud');
  item.contextValue = `ecsExplorer.provider.${node.provider}`;
  const p = rowAccount(node, accounts);
  if (p) item.description = p.description ?? p.name;
  return item;
}

/** The account a row stands for: an account row's, or the provider row's when it shows one account only. */
function rowAccount(node: ProviderNode | AccountNode, accounts: Accounts): AccountInfo | undefined {
  if (node.type === 'account') return accounts.get(node.accountId);
  const shown = accounts.shown(node.provider);
  return shown.length === 1 ? shown[0] : undefined;
}

/** The Markdown tooltip of a provider or account row (none for a provider row showing several accounts). */
function accountRowTooltip(node: ProviderNode | AccountNode, accounts: Accounts): vscode.MarkdownString | undefined {
  const p = rowAccount(node, accounts);
  return p ? accountTooltip(p, accounts.external?.expiration(p.id)) : undefined;
}

function accountItem(node: AccountNode, accounts: Accounts): vscode.TreeItem {
  const p = rowAccount(node, accounts);
  const item = new vscode.TreeItem(p?.name ?? node.accountId, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = icon('account');
  item.description = p?.description ?? p?.maskedKeyId;
  item.contextValue = 'ecsExplorer.account';
  return item;
}

function regionItem(node: RegionNode, store: FolderStore, filter: TreeFilter, accounts: Accounts): vscode.TreeItem {
  const item = new vscode.TreeItem(node.region, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = icon('globe');
  item.contextValue = 'ecsExplorer.region';
  item.description = regionDescription(node, store, filter);
  item.tooltip = regionTooltip(node, store, accounts);
  return item;
}

function regionFolders(node: RegionNode, store: FolderStore): (Folder | undefined)[] {
  return KINDS[node.provider].map((k) => store.get(folderNodeId(node.provider, node.accountId, node.region, k)));
}

/** "12", "12+" (more to load), "3 of 12" (filtered); undefined while a folder loads. */
export function regionDescription(node: RegionNode, store: FolderStore, filter: TreeFilter): string | undefined {
  const states = regionFolders(node, store);
  if (states.some((s) => !s || s.loading)) return undefined;
  const folders = states as Folder[];
  if (folders.every((s) => s.failed)) return vscode.l10n.t('failed to load');
  const n = folders.reduce((a, s) => a + s.items.length, 0);
  const total = folders.some((s) => s.more) ? `${n}+` : String(n);
  if (!filter.active) return total;
  return vscode.l10n.t(
    '{0} of {1}',
    folders.reduce((a, s) => a + filter.count(s.items), 0),
    total,
  );
}

/** `cn-beijing`, the cloud and account, and what each folder holds (plain text). */
function regionTooltip(node: RegionNode, store: FolderStore, accounts: Accounts): string {
  const account = accounts.get(node.accountId)?.name ?? node.accountId;
  const lines = [node.region, vscode.l10n.t('{0} · account "{1}"', providerLabel(node.provider), account)];
  regionFolders(node, store).forEach((st, i) => {
    const what =
      !st || st.loading
        ? vscode.l10n.t('loading…')
        : st.failed
          ? vscode.l10n.t('failed to load')
          : st.more
            ? vscode.l10n.t('{0} loaded, more to load', st.items.length)
            : String(st.items.length);
    lines.push(`${kindLabel(KINDS[node.provider][i])}: ${what}`);
  });
  return lines.join('\n');
}

function folderDescription(node: FolderNode, store: FolderStore, filter: TreeFilter): string | undefined {
  const st = store.get(node.id);
  if (!st || st.loading || st.failed) return undefined;
  const total = st.more ? `${st.items.length}+` : String(st.items.length);
  if (!filter.active) return total;
  return vscode.l10n.t('{0} of {1}', filter.count(st.items), total);
}
