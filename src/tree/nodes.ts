/** Canonical tree nodes: one object per node ID until a full refresh (VS Code tracks elements by identity). */
import type { Provider } from '../core/types';
import {
  folderNodeId,
  accountNodeId,
  providerId,
  regionNodeId,
  type ErrorNode,
  type FolderNode,
  type LoadMoreNode,
  type MessageNode,
  type AccountNode,
  type ProviderNode,
  type RegionNode,
  type TreeNode,
} from './model';

export class Nodes {
  private readonly map = new Map<string, TreeNode>();

  /** `several(provider)`: whether the provider shows several accounts (regions then sit under account rows). */
  constructor(private readonly several: (provider: Provider) => boolean) {}

  get(id: string): TreeNode | undefined {
    return this.map.get(id);
  }

  /** Whether `node` is the current node of its ID (not one a refresh replaced). */
  isCurrent(node: TreeNode): boolean {
    return this.map.get(node.id) === node;
  }

  clear(): void {
    this.map.clear();
  }

  private memo<T extends TreeNode>(id: string, make: () => T): T {
    let n = this.map.get(id) as T | undefined;
    if (!n) this.map.set(id, (n = make()));
    return n;
  }

  provider(provider: Provider): ProviderNode {
    return this.memo(providerId(provider), () => ({ type: 'provider', id: providerId(provider), provider }));
  }

  account(provider: Provider, accountId: string): AccountNode {
    const id = accountNodeId(provider, accountId);
    return this.memo(id, () => ({ type: 'account', id, parent: this.provider(provider), provider, accountId }));
  }

  /** The region node, under the account node when the provider shows several accounts. */
  region(provider: Provider, accountId: string, region: string): RegionNode {
    const id = regionNodeId(provider, accountId, region);
    return this.memo(id, () => ({
      type: 'region',
      id,
      parent: this.several(provider) ? this.account(provider, accountId) : this.provider(provider),
      provider,
      accountId,
      region,
    }));
  }

  folder(region: RegionNode, kind: FolderNode['kind']): FolderNode {
    const id = folderNodeId(region.provider, region.accountId, region.region, kind);
    return this.memo(id, () => ({ type: 'folder', id, parent: region, kind }));
  }

  loadMore(folder: FolderNode): LoadMoreNode {
    const id = `${folder.id}/loadMore`;
    return this.memo(id, (): LoadMoreNode => ({ type: 'loadMore', id, parent: folder }));
  }
}

export function errorNode(parent: ErrorNode['parent'], error: unknown, settings?: string): ErrorNode {
  return { type: 'error', id: `${parent.id}/error`, parent, error, settings };
}

export function messageNode(parent: TreeNode, key: string, text: string, tooltip?: string): MessageNode {
  return { type: 'message', id: `${parent.id}/${key}`, parent, text, tooltip };
}
