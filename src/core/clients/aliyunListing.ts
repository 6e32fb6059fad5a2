/** DescribeReservedInstances across pages and ID groups: one listing, pages after the first fetched in parallel. */
import { validateDenseIds } from '../rules/validation';
import type { AliyunReservedInstance } from '../schemas/aliyun';
import { cancelledError, chunk, Listing, type ListLimits, type NumberedPage } from './common';

export const PAGE_SIZE = 100;
/** DescribeReservedInstances accepts up to 100 ReservedInstanceId.N. */
const MAX_IDS_PER_DESCRIBE = 100;

export interface ReservedInstancePageOptions {
  pageNumber?: number;
  pageSize?: number;
  signal?: AbortSignal;
  reservedInstanceIds?: string[];
  priority?: number;
}

/** What the listing needs of the client: one page, the listing bounds and how many requests may be in flight. */
export interface ReservedInstancePager {
  page(region: string, o: ReservedInstancePageOptions): Promise<NumberedPage<AliyunReservedInstance>>;
  listLimits?: Partial<ListLimits>;
  maxInFlight: number;
}

export async function listReservedInstances(
  pager: ReservedInstancePager,
  region: string,
  o: { signal?: AbortSignal; reservedInstanceIds?: string[]; priority?: number },
): Promise<AliyunReservedInstance[]> {
  if (o.reservedInstanceIds && o.reservedInstanceIds.length === 0) return [];
  const ctx = { provider: 'aliyun' as const, action: 'DescribeReservedInstances', region };
  if (o.reservedInstanceIds) validateDenseIds(o.reservedInstanceIds, 'ReservedInstanceId', ctx);
  const groups = o.reservedInstanceIds ? chunk([...new Set(o.reservedInstanceIds)], MAX_IDS_PER_DESCRIBE) : [undefined];
  // One listing across the groups: each coupon once, the page and item bounds over them all. A page of only
  // coupons already listed, while TotalCount says more follow, is a server ignoring PageNumber: PagingLoop.
  const list = new Listing(ctx, (r: AliyunReservedInstance) => r.ReservedInstanceId, pager.listLimits);
  for (const ids of groups) {
    const page = (pageNumber: number) => {
      if (o.signal?.aborted) throw cancelledError('aliyun', 'DescribeReservedInstances', region);
      return pager.page(region, { pageNumber, pageSize: PAGE_SIZE, signal: o.signal, reservedInstanceIds: ids, priority: o.priority });
    };
    /** Adds a page; true when the listing of this group ended. */
    let got = 0;
    const take = (p: NumberedPage<AliyunReservedInstance>): boolean => {
      const fresh = list.add(p.items);
      got += p.items.length;
      if (p.items.length === 0 || got >= p.totalCount) return true;
      if (fresh === 0) throw list.repeated('TotalCount');
      return false;
    };
    list.beforePage();
    const first = await page(1);
    if (take(first)) continue;
    let next = 2;
    // Page 1 gave the total: fetch the other pages in parallel (the transport bounds the requests in flight),
    // no further than the page bound allows; a page of only known coupons stops new ones from starting.
    if (Number.isFinite(first.totalCount) && first.pageSize > 0) {
      const last = Math.min(Math.ceil(first.totalCount / first.pageSize), next - 1 + list.pagesLeft);
      const fetched = new Set<string>(); // IDs of the pages fetched here, not yet in the listing
      const known = (p: NumberedPage<AliyunReservedInstance>) => {
        let fresh = false;
        for (const r of p.items) {
          const id = r.ReservedInstanceId;
          if (!list.has(id) && !fetched.has(id)) fresh = true;
          fetched.add(id);
        }
        return !fresh;
      };
      const pages = await pagesInParallel(pager.maxInFlight, next, last, page, (p) => p.items.length === 0 || known(p));
      let ended = false;
      for (const p of pages) {
        if (p === undefined) break;
        next++;
        if ((ended = take(p))) break;
      }
      if (ended) continue;
    }
    // No total, or the listing grew meanwhile: one page after another until a short or empty page.
    for (let pageNumber = next; ; pageNumber++) {
      list.beforePage();
      if (take(await page(pageNumber))) break;
    }
  }
  return list.items;
}

/**
 * Pages from..to, in order, by at most maxInFlight workers. After a failure no new page starts; once the
 * started ones settle, the error of the lowest failed page is thrown. After a page that `isLast` (empty: a
 * TotalCount larger than the list) no later page starts; the ones already started are returned too.
 */
async function pagesInParallel<T>(
  maxInFlight: number,
  from: number,
  to: number,
  page: (n: number) => Promise<T>,
  isLast: (p: T) => boolean,
): Promise<T[]> {
  const results: T[] = [];
  const errors = new Map<number, unknown>();
  let nextPage = from;
  let end = to;
  const worker = async (): Promise<void> => {
    while (nextPage <= end && errors.size === 0) {
      const n = nextPage++;
      try {
        const r = await page(n);
        results[n - from] = r;
        if (isLast(r)) end = Math.min(end, n);
      } catch (e) {
        errors.set(n, e);
      }
    }
  };
  const workers = Math.max(1, Math.min(maxInFlight, to - from + 1));
  await Promise.all(Array.from({ length: workers }, worker));
  if (errors.size) throw errors.get(Math.min(...errors.keys()));
  return results;
}
