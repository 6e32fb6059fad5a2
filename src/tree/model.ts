/** Tree node shapes (pure data, no vscode import). Ids are stable across refreshes. */
import type { Provider } from '../core/types';
import type { ResourceKind, ResourceRef } from '../services';

export const PROVIDERS: readonly Provider[] = ['volcengine', 'aliyun'];

export const KINDS: Readonly<Record<Provider, readonly ResourceKind[]>> = {
  volcengine: ['instance', 'reservation'],
  aliyun: ['reservedInstance'],
};

export interface ProviderNode {
  readonly type: 'provider';
  readonly id: string;
  readonly provider: Provider;
}

export interface ProfileNode {
  readonly type: 'profile';
  readonly id: string;
  readonly parent: ProviderNode;
  readonly provider: Provider;
  readonly profileId: string;
}

export interface RegionNode {
  readonly type: 'region';
  readonly id: string;
  readonly parent: ProviderNode | ProfileNode;
  readonly provider: Provider;
  readonly profileId: string;
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
  readonly parent: ProviderNode | ProfileNode | RegionNode | FolderNode;
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

export type TreeNode = ProviderNode | ProfileNode | RegionNode | FolderNode | ResourceNode | LoadMoreNode | ErrorNode | MessageNode;

export function providerId(p: Provider): string {
  return `ecsExplorer/${p}`;
}
export function profileNodeId(p: Provider, profileId: string): string {
  return `ecsExplorer/${p}/${profileId}`;
}
export function regionNodeId(p: Provider, profileId: string, region: string): string {
  return `ecsExplorer/${p}/${profileId}/${region}`;
}
export function folderNodeId(p: Provider, profileId: string, region: string, kind: ResourceKind): string {
  return `ecsExplorer/${p}/${profileId}/${region}/${kind}`;
}
/** The last folder's id prefix: resources come folder by folder, so each id costs one concatenation. */
let last = { provider: '', profileId: '', region: '', kind: '', prefix: '' };
export function resourceNodeId(r: Pick<ResourceRef, 'provider' | 'profileId' | 'region' | 'kind' | 'id'>): string {
  let l = last;
  if (r.region !== l.region || r.kind !== l.kind || r.profileId !== l.profileId || r.provider !== l.provider) {
    const { provider, profileId, region, kind } = r;
    last = l = { provider, profileId, region, kind, prefix: `${folderNodeId(provider, profileId, region, kind)}/` };
  }
  return l.prefix + r.id;
}

/** Builds a ResourceRef from an API object (VolcInstance, VolcScheduledInstance, AliyunReservedInstance). */
export function toRef(provider: Provider, profileId: string, region: string, kind: ResourceKind, data: Record<string, unknown>): ResourceRef {
  let id: string;
  let name: unknown;
  if (kind === 'instance') {
    id = data.InstanceId as string;
    name = data.InstanceName;
  } else if (kind === 'reservation') {
    id = data.ScheduledInstanceId as string;
    name = data.ScheduledInstanceName;
  } else {
    id = data.ReservedInstanceId as string;
    name = data.ReservedInstanceName;
  }
  return { provider, profileId, region, kind, id, name: typeof name === 'string' && name ? name : id, data };
}

/** The `Status` field of a resource's API object ('' when missing). */
export function stateOf(ref: ResourceRef): string {
  const s = (ref.data as { Status?: unknown } | null)?.Status;
  return typeof s === 'string' ? s : '';
}
