/** History entries from the actions' results: one entry per account and region of a run. */
import type { ModifyReservedInstancesInput } from '../core';
import type { InstanceResult } from '../commands/plan/deleteOutcomes';
import type { DeletePlan } from '../commands/plan/deletePlan';
import type { ResourceRef } from '../services';
import type { HistoryRecorder, NewEntry } from './recorder';
import type { HistoryResource } from './store';

const DELETE_OUTCOME: Record<InstanceResult['kind'], string> = {
  deleted: 'deleted',
  failed: 'failed',
  unknown: 'unknown',
  cancelled: 'not-sent',
  skipped: 'skipped',
};

/** Delete Instances (and its "Delete the Others…" resend): every sent instance with its outcome, per region. */
export async function recordDeletes(
  h: HistoryRecorder,
  command: string,
  plan: DeletePlan,
  results: readonly InstanceResult[],
  calls: readonly { profileId: string; region: string; clientToken: string; requestId?: string; instanceIds: string[] }[],
): Promise<void> {
  for (const g of plan.groups) {
    const ids = new Set(g.refs.map((r) => r.id));
    const rows: HistoryResource[] = results
      .filter((r) => r.kind !== 'skipped' && r.ref.profileId === g.profileId && r.ref.region === g.region && ids.has(r.ref.id))
      .map((r) => ({
        id: r.ref.id,
        name: r.ref.name !== r.ref.id ? r.ref.name : undefined,
        outcome: DELETE_OUTCOME[r.kind],
        code: r.code,
        message: r.kind === 'deleted' ? undefined : r.message,
        requestId: r.requestId,
        clientToken: r.clientToken,
      }));
    const follow = rows.some((r) => r.outcome === 'deleted' || r.outcome === 'unknown');
    await h.recordAndFollow({
      provider: 'volcengine',
      profileId: g.profileId,
      region: g.region,
      action: 'DeleteInstances',
      command,
      resources: rows,
      calls: calls
        .filter((c) => c.profileId === g.profileId && c.region === g.region)
        .map((c) => ({ clientToken: c.clientToken, requestId: c.requestId, resourceIds: c.instanceIds })),
      follow,
    });
  }
}

/** Cancel Reservation: the reservation with its outcome. */
export async function recordCancel(
  h: HistoryRecorder,
  ref: ResourceRef,
  r: { ok: true; requestId: string; clientToken: string } | { ok: false; code: string; message: string; unknown: boolean; requestId?: string },
): Promise<void> {
  const row: HistoryResource = r.ok
    ? { id: ref.id, outcome: 'cancelled', requestId: r.requestId, clientToken: r.clientToken }
    : { id: ref.id, outcome: r.unknown ? 'unknown' : r.code === 'Cancelled' ? 'not-sent' : 'failed', code: r.code, message: r.message, requestId: r.requestId };
  if (ref.name !== ref.id) (row as { name?: string }).name = ref.name;
  await h.recordAndFollow({
    provider: 'volcengine',
    profileId: ref.profileId,
    region: ref.region,
    action: 'DeleteScheduledInstance',
    command: 'Cancel Reservation',
    resources: [row],
    calls: [{ clientToken: row.clientToken, requestId: row.requestId, resourceIds: [ref.id] }],
    follow: row.outcome === 'cancelled' || row.outcome === 'unknown',
  });
}

/** Split / Merge / Change Scope: sources with the outcome, the new coupons, the request; followed by the command. */
export async function recordModify(
  h: HistoryRecorder,
  command: string,
  sources: readonly ResourceRef[],
  input: ModifyReservedInstancesInput,
  r: { outcome: string; requestId?: string; newIds: readonly string[]; code?: string; message?: string },
): Promise<string | undefined> {
  const { profileId, region } = sources[0];
  const rows: HistoryResource[] = [
    ...sources.map((s) => ({ id: s.id, name: s.name !== s.id ? s.name : undefined, outcome: r.outcome, code: r.code, message: r.message, requestId: r.requestId })),
    ...r.newIds.map((id) => ({ id, outcome: 'new' })),
  ];
  const entry: NewEntry = {
    provider: 'aliyun',
    profileId,
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
