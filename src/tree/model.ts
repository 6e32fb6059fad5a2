/** Tree node shapes (pure data, no vscode import). Ids are stable across refreshes. */
import { PROVIDERS, type Provider } from '../core/types';
import type { ResourceKind, ResourceRef } from '../contracts';
import { KINDS_OF, refFromData } from '../kinds';

export { PROVIDERS };

/** The kinds of each provider, in tree order (from the kind table). */
export const KINDS: Readonly<Record<Provider, readonly ResourceKind[]>> = KINDS_OF;

export interface ProviderNode {
  readonly type: 'provider';
  readonly id: string;
  readonly provider: Provider;
}

export interface AccountNode {
  readonly type: 'account';
  readonly id: string;
  readonly parent: ProviderNode;
  readonly provider: Provider;
  readonly accountId: string;
}

export interface RegionNode {
  readonly type: 'region';
  readonly id: string;
  readonly parent: ProviderNode | AccountNode;
  readonly provider: Provider;
  readonly accountId: string;
  readonly region: string;
}

export interface FolderNode {
  readonly type: 'folder';
  readonly id: string;
  readonly parent: RegionNode;
  readonly kind: ResourceKind;
}

export interface ResourceNode {
  readonly type: 'resource';
  readonly id: string;
  readonly parent: FolderNode;
  readonly ref: ResourceRef;
}

export interface LoadMoreNode {
  readonly type: 'loadMore';
  readonly id: string;
  readonly parent: FolderNode;
}

/** A failed load or a configuration problem: one item, with retry. */
export interface ErrorNode {
  readonly type: 'error';
  readonly id: string;
  readonly parent: ProviderNode | AccountNode | RegionNode | FolderNode;
  readonly error: unknown;
  /** Set for a settings problem: the setting to open instead of retrying. */
  readonly settings?: string;
}

/** An informational row (e.g. "No resources", "No matches for the filter"). */
export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly parent?: TreeNode;
  readonly text: string;
  readonly tooltip?: string;
}

export type TreeNode = ProviderNode | AccountNode | RegionNode | FolderNode | ResourceNode | LoadMoreNode | ErrorNode | MessageNode;

export function providerId(p: Provider): string {
  return `ecsExplorer/${p}`;
}
export function accountNodeId(p: Provider, accountId: string): string {
  return `ecsExplorer/${p}/${accountId}`;
}
export function regionNodeId(p: Provider, accountId: string, region: string): string {
  return `ecsExplorer/${p}/${accountId}/${region}`;
}
export function folderNodeId(p: Provider, accountId: string, region: string, kind: ResourceKind): string {
  return `ecsExplorer/${p}/${accountId}/${region}/${kind}`;
}
/** The last folder's id prefix: resources come folder by folder, so each id costs one concatenation. */
let last = { provider: '', accountId: '', region: '', kind: '', prefix: '' };
export function resourceNodeId(r: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind' | 'id'>): string {
  let l = last;
  if (r.region !== l.region || r.kind !== l.kind || r.accountId !== l.accountId || r.provider !== l.provider) {
    const { provider, accountId, region, kind } = r;
    last = l = { provider, accountId, region, kind, prefix: `${folderNodeId(provider, accountId, region, kind)}/` };
  }
  return l.prefix + r.id;
}

/** Builds a ResourceRef from an API object (VolcInstance, VolcScheduledInstance, AliyunReservedInstance). */
export function toRef(
  provider: Provider,
  accountId: string,
  region: string,
  kind: ResourceKind,
  data: Record<string, unknown>,
): ResourceRef {
  return refFromData(provider, accountId, region, kind, data);
}

export { stateOf } from '../kinds/types';
