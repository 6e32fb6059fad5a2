/** Record of every side effect, so tests can prove nothing was done twice or lost. */
export type Provider = 'volcengine' | 'aliyun';
export type LedgerKind = 'delete' | 'cancel' | 'split' | 'merge' | 'modify';

export interface LedgerEntry {
  seq: number;
  at: string; // emulator clock, ISO
  provider: Provider;
  account: string; // access key id
  region: string;
  action: string;
  kind: LedgerKind;
  resourceIds: string[]; // resources acted on
  newResourceIds?: string[]; // resources created (split/merge/modify)
  count: number; // resourceIds.length
  requestId: string;
  clientToken?: string;
}

export class Ledger {
  private list: LedgerEntry[] = [];
  private seq = 0;
  record(e: Omit<LedgerEntry, 'seq' | 'count'>): LedgerEntry {
    const entry: LedgerEntry = { ...e, seq: ++this.seq, count: e.resourceIds.length };
    this.list.push(entry);
    return entry;
  }
  entries(filter?: Partial<Pick<LedgerEntry, 'provider' | 'action' | 'kind' | 'region' | 'account'>>): LedgerEntry[] {
    if (!filter) return this.list.slice();
    return this.list.filter((e) =>
      Object.entries(filter).every(([k, v]) => v === undefined || (e as unknown as Record<string, unknown>)[k] === v),
    );
  }
  /** How many times each resource ID was acted on (by kind, optional). */
  timesActedOn(resourceId: string, kind?: LedgerKind): number {
    let n = 0;
    for (const e of this.list) if ((!kind || e.kind === kind) && e.resourceIds.includes(resourceId)) n++;
    return n;
  }
  clear(): void {
    this.list = [];
    this.seq = 0;
  }
}
