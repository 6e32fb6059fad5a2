/** Loads one page of one resource kind in one region (no vscode import). */
import type { Provider } from '../core/types';
import type { ClientFactory, ResourceKind, ResourceRef } from '../contracts';
import { kindSpec, type Cursor } from '../kinds';
import { toRef } from './model';

export type { Cursor } from '../kinds';

export interface PageResult {
  readonly items: ResourceRef[];
  /** Set when more pages exist. */
  readonly more?: Cursor;
  /** Total count when the API reports it (Alibaba). */
  readonly total?: number;
}

export interface PageRequest {
  readonly provider: Provider;
  readonly accountId: string;
  readonly region: string;
  readonly kind: ResourceKind;
  readonly pageSize: number;
  readonly cursor?: Cursor;
  readonly signal?: AbortSignal;
  /** Scheduling priority (Priority in core/http/scheduler.ts): what the user is looking at goes first. */
  readonly priority?: number;
}

export async function loadPage(clients: ClientFactory, q: PageRequest): Promise<PageResult> {
  const p = await kindSpec(q.kind).listPage(clients, q);
  return {
    items: p.items.map((d) => toRef(q.provider, q.accountId, q.region, q.kind, d as Record<string, unknown>)),
    more: p.more,
    total: p.total,
  };
}

/**
 * Appends a page to a folder's items in place, dropping IDs already present (pages can shift while the list
 * changes). `ids` holds the IDs of `items` and is kept in step, so a "Load all" of many pages stays linear.
 */
export function appendUnique(items: ResourceRef[], ids: Set<string>, page: readonly ResourceRef[]): number {
  let added = 0;
  for (const r of page) {
    if (ids.has(r.id)) continue;
    ids.add(r.id);
    items.push(r);
    added++;
  }
  return added;
}

/**
 * Where the folder continues after a page appended `added` new rows: the page's cursor, except when a next page
 * (`cursor` set) brought rows but none new while claiming more follow: the server does not advance, so "Load
 * more" would never end.
 */
export function cursorAfter(page: PageResult, cursor: Cursor | undefined, added: number): Cursor | undefined {
  if (cursor && page.more && page.items.length > 0 && added === 0) return undefined;
  return page.more;
}
