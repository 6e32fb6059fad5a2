/** History entries from the actions' results: one entry per account and region of a run. */
import type { ModifyReservedInstancesInput } from '../core';
import type { Provider } from '../core/types';
import type { BatchItemResult } from '../commands/plan/batchOutcomes';
import type { BatchPlan } from '../commands/plan/batchPlan';
import type { ResourceRef } from '../contracts';
import type { HistoryRecorder, NewEntry } from './recorder';
import type { HistoryResource } from './store';

/** History outcome of a result (`done` in the action's word, e.g. "deleted"). */
function outcomeOf(kind: BatchItemResult['kind'], done: string): string {
  return kind === 'done' ? done : kind === 'cancelled' ? 'not-sent' : kind;
}

/**
 * A batch action (Delete Instances, its "Delete the Others…" resend, Cancel Reservation): every sent resource
 * with its outcome, one entry per account and region.
 */
export async function recordBatch(
  h: HistoryRecorder,
  run: { provider: Provider; action: string; command: string; doneOutcome: string },
  plan: BatchPlan,
  results: readonly BatchItemResult[],
  calls: readonly { accountId: string; region: string; clientToken: string; requestId?: string; ids: string[] }[],
): Promise<void> {
  for (const g of plan.groups) {
    const ids = new Set(g.refs.map((r) => r.id));
    const rows: HistoryResource[] = results
      .filter((r) => r.kind !== 'skipped' && r.ref.accountId === g.accountId && r.ref.region === g.region && ids.has(r.ref.id))
      .map((r) => ({
        id: r.ref.id,
        name: r.ref.name !== r.ref.id ? r.ref.name : undefined,
        outcome: outcomeOf(r.kind, run.doneOutcome),
        code: r.code,
        message: r.kind === 'done' ? undefined : r.message,
        requestId: r.requestId,
        clientToken: r.clientToken,
      }));
    const follow = rows.some((r) => r.outcome === run.doneOutcome || r.outcome === 'unknown');
    await h.recordAndFollow({
      provider: run.provider,
      accountId: g.accountId,
      region: g.region,
      action: run.action,
      command: run.command,
      resources: rows,
      calls: calls
        .filter((c) => c.accountId === g.accountId && c.region === g.region)
        .map((c) => ({ clientToken: c.clientToken, requestId: c.requestId, resourceIds: c.ids })),
      follow,
    });
  }
}

/** Split / Merge / Change Scope: sources with the outcome, the new coupons, the request; followed by the command. */
export async function recordModify(
  h: HistoryRecorder,
  command: string,
  sources: readonly ResourceRef[],
  input: ModifyReservedInstancesInput,
  r: { outcome: string; requestId?: string; newIds: readonly string[]; code?: string; message?: string },
): Promise<string | undefined> {
  const { accountId, region } = sources[0];
  const rows: HistoryResource[] = [
    ...sources.map((s) => ({
      id: s.id,
      name: s.name !== s.id ? s.name : undefined,
      outcome: r.outcome,
      code: r.code,
      message: r.message,
      requestId: r.requestId,
    })),
    ...r.newIds.map((id) => ({ id, outcome: 'new' })),
  ];
  const entry: NewEntry = {
    provider: 'aliyun',
    accountId,
    region,
    action: 'ModifyReservedInstances',
    command,
    resources: rows,
    calls: [{ requestId: r.requestId, resourceIds: sources.map((s) => s.id) }],
    request: input,
    newIds: r.newIds,
    follow: r.outcome === 'submitted' || r.outcome === 'reconciled' || r.outcome === 'unknown',
  };
  // An accepted change is followed by the command (followModify), which reports here; an unknown one here.
  const e = r.outcome === 'unknown' ? await h.recordAndFollow(entry) : await h.record(entry);
  return e?.id;
}
