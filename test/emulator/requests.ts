/** Counts of authenticated API calls by provider, region and action (tests: "did the client poll?"). */
import type { Provider } from './ledger';

export interface RequestCount {
  provider: Provider;
  region: string;
  action: string;
  count: number;
}

export class RequestCounts {
  private readonly counts = new Map<string, RequestCount>();
  add(provider: Provider, region: string, action: string): void {
    const k = `${provider}\0${region}\0${action}`;
    const c = this.counts.get(k);
    if (c) c.count++;
    else this.counts.set(k, { provider, region, action, count: 1 });
  }
  /** Counts matching every given field, sorted by provider, region, action. */
  list(filter: Partial<Omit<RequestCount, 'count'>> = {}): RequestCount[] {
    return [...this.counts.values()]
      .filter(
        (c) =>
          (!filter.provider || c.provider === filter.provider) &&
          (!filter.region || c.region === filter.region) &&
          (!filter.action || c.action === filter.action),
      )
      .map((c) => ({ ...c }))
      .sort((a, b) => `${a.provider} ${a.region} ${a.action}`.localeCompare(`${b.provider} ${b.region} ${b.action}`));
  }
  total(filter: Partial<Omit<RequestCount, 'count'>> = {}): number {
    return this.list(filter).reduce((n, c) => n + c.count, 0);
  }
  clear(): void {
    this.counts.clear();
  }
}
