/**
 * ModifyReservedInstances after the request: reconciliation of a lost answer and the follow-up of an accepted
 * change (it is asynchronous), both by DescribeReservedInstances over a bounded polling window.
 */
import { CloudError, LocalCodes } from '../errors';
import { instanceFamily } from '../rules/computing-power';
import type { ModifyReservedInstancesInput } from '../rules/validation';
import type { AliyunReservedInstance } from '../schemas/aliyun';
import { abortableSleep } from '../sleep';

export interface ModifyReservedInstancesResult {
  requestId?: string;
  newReservedInstanceIds: string[];
  /**
   * 'confirmed': the API accepted the request (it is asynchronous: submitted, not done; see followModify).
   * 'reconciled': the answer was lost; DescribeReservedInstances showed the sources Updating/Inactive and these
   * new IDs. 'not-applied': the answer was lost and, over the whole reconciliation window, nothing changed.
   */
  outcome: 'confirmed' | 'reconciled' | 'not-applied';
  /** When the answer was lost: the error that lost it (its code, RequestId and message). */
  lostAnswer?: { code: string; message: string; httpStatus?: number; requestId?: string };
}

/** Bounded polling: period, longest wait, and the timer (tests inject one driven by their clock). */
export interface PollOptions {
  signal?: AbortSignal;
  intervalMs?: number;
  maxMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock the wait is measured on (default: the client's; signing always uses the client's). */
  now?: () => Date;
}

export interface ModifyFollowOptions extends PollOptions {
  /** How long new coupons may stay unlisted (and the sources Active) before the change counts as failed. */
  appearMs?: number;
  /** After each poll (progress). */
  onPoll?: (state: ModifyFollowResult) => void;
}

export interface ModifyFollowResult {
  /**
   * 'applied': the sources are Inactive (or Retired) and the new coupons Active. 'failed': the sources are Active
   * again (or never left Active) and the new coupons did not appear within `appearMs`. 'pending': still changing
   * when the wait ended (or the coupons could not be read). 'cancelled': we stopped following; the change goes on.
   */
  outcome: 'applied' | 'failed' | 'pending' | 'cancelled';
  sources: { id: string; status?: string }[];
  created: { id: string; status?: string }[];
  polls: number;
  elapsedMs: number;
  /** The last DescribeReservedInstances failure, when the last poll failed. */
  lastError?: CloudError;
}

/** Defaults: new coupons take effect at the start of the next hour, so a change is followed up to 75 minutes. */
export const MODIFY_FOLLOW_DEFAULTS = { intervalMs: 30_000, maxMs: 75 * 60_000, appearMs: 10 * 60_000 };
/** A lost Modify answer is looked for over this window before "not applied" (the change can appear late). */
export const MODIFY_RECONCILE_DEFAULTS = { intervalMs: 15_000, maxMs: 2 * 60_000 };

const SOURCE_DONE = new Set(['Inactive', 'Retired']);

/** What the client lends the follow-up: its coupon listing, its clock and the transport's timer (tests). */
export interface ReservedInstanceWatch {
  list(region: string, o: { reservedInstanceIds?: string[]; signal?: AbortSignal }): Promise<AliyunReservedInstance[]>;
  now: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * A 2xx answer to ModifyReservedInstances that could not be read (truncated, compressed, too large): the request was
 * accepted and may have been applied, so it is outcome-unknown, never a malformed answer that invites a retry.
 */
function acceptedUnread(e: CloudError): CloudError {
  return new CloudError({
    kind: 'outcome-unknown',
    provider: 'aliyun',
    action: e.action,
    region: e.region,
    code: LocalCodes.outcomeUnknown,
    message: `ModifyReservedInstances was answered with HTTP ${e.httpStatus} but the answer could not be read ([${e.code}] ${e.message}); it may have been applied. Check the reserved instances before trying again.`,
    httpStatus: e.httpStatus,
    requestId: e.requestId,
    sent: true,
    cause: e,
  });
}

/**
 * The failure `e` of a ModifyReservedInstances sent at `sentAt`: rethrown unless the request may have been applied
 * (outcome unknown, or an unreadable 2xx); then DescribeReservedInstances tells what happened, over a bounded window.
 */
export async function settleLostModify(
  w: ReservedInstanceWatch,
  e: unknown,
  region: string,
  input: ModifyReservedInstancesInput,
  sentAt: Date,
  o: { signal?: AbortSignal; reconcile?: PollOptions },
): Promise<ModifyReservedInstancesResult> {
  if (!(e instanceof CloudError)) throw e;
  // A 2xx whose body is unreadable was accepted: find the new IDs, but never claim "not applied".
  const accepted = e.kind === 'malformed-response' && (e.httpStatus ?? 0) >= 200 && (e.httpStatus ?? 0) < 300;
  if (e.kind !== 'outcome-unknown' && !accepted) throw e;
  // Unchanged sources prove nothing when we stopped waiting (timeout, cancel): the server may still apply it.
  const stoppedWaiting = e.cause instanceof CloudError && (e.cause.kind === 'timeout' || e.cause.kind === 'cancelled');
  if (stoppedWaiting && o.signal?.aborted) throw e;
  // The change can appear late: look again over a bounded window before saying "not applied".
  const opts = { ...MODIFY_RECONCILE_DEFAULTS, sleep: w.sleep, ...o.reconcile, signal: o.signal ?? o.reconcile?.signal };
  let r: ModifyReservedInstancesResult | undefined;
  await pollLoop(w, opts, async () => {
    r = await reconcile(w, region, input, sentAt, opts.signal).catch(() => undefined);
    return r?.outcome === 'reconciled';
  });
  if (!r || (r.outcome === 'not-applied' && (accepted || stoppedWaiting))) throw accepted ? acceptedUnread(e) : e;
  const cause = e.cause instanceof CloudError ? e.cause : e;
  return {
    ...r,
    requestId: e.requestId,
    lostAnswer: { code: cause.code, message: cause.message, httpStatus: cause.httpStatus, requestId: e.requestId ?? cause.requestId },
  };
}

/**
 * Polls `step` until it returns true, the signal fires or `maxMs` passed (by the client's clock). The first
 * step runs at once. Returns whether a step returned true.
 */
async function pollLoop(w: ReservedInstanceWatch, o: PollOptions, step: (elapsedMs: number) => Promise<boolean>): Promise<boolean> {
  const clock = o.now ?? w.now;
  const start = clock().getTime();
  const interval = Math.max(1, o.intervalMs ?? MODIFY_FOLLOW_DEFAULTS.intervalMs);
  const max = Math.max(0, o.maxMs ?? MODIFY_FOLLOW_DEFAULTS.maxMs);
  const sleep = o.sleep ?? abortableSleep;
  // A bound on the steps too, in case the injected clock does not move.
  const maxSteps = Math.ceil(max / interval) + 1;
  for (let n = 0; n < maxSteps; n++) {
    if (o.signal?.aborted) return false;
    if (await step(clock().getTime() - start)) return true;
    if (clock().getTime() - start + interval > max) return false;
    await sleep(interval, o.signal).catch(() => undefined);
  }
  return false;
}

/**
 * Follows an accepted ModifyReservedInstances (it is asynchronous) with DescribeReservedInstances by ID until
 * the sources are Inactive and the new coupons Active, the change visibly failed, the wait ended or the signal
 * fired. Never throws for a failed poll: the next poll tries again; the result carries the last error.
 */
export async function followModify(
  w: ReservedInstanceWatch,
  region: string,
  sourceIds: readonly string[],
  newIds: readonly string[],
  o: ModifyFollowOptions = {},
): Promise<ModifyFollowResult> {
  const appearMs = o.appearMs ?? MODIFY_FOLLOW_DEFAULTS.appearMs;
  const clock = o.now ?? w.now;
  const start = clock().getTime();
  let res: ModifyFollowResult = {
    outcome: 'pending',
    sources: sourceIds.map((id) => ({ id })),
    created: newIds.map((id) => ({ id })),
    polls: 0,
    elapsedMs: 0,
  };
  let sawChange = false;
  const done = await pollLoop(w, { sleep: w.sleep, ...o }, async (elapsed) => {
    let list: AliyunReservedInstance[];
    try {
      list = await w.list(region, { reservedInstanceIds: [...sourceIds, ...newIds], signal: o.signal });
    } catch (e) {
      res = { ...res, polls: res.polls + 1, elapsedMs: elapsed, lastError: e instanceof CloudError ? e : undefined };
      o.onPoll?.(res);
      return false;
    }
    const byId = new Map(list.map((r) => [r.ReservedInstanceId, r.Status]));
    const sources = sourceIds.map((id) => ({ id, status: byId.get(id) }));
    const created = newIds.map((id) => ({ id, status: byId.get(id) }));
    if (sources.some((x) => x.status !== 'Active') || created.some((x) => x.status)) sawChange = true;
    const applied =
      sources.every((x) => x.status !== undefined && SOURCE_DONE.has(x.status)) && created.every((x) => x.status === 'Active');
    const backToActive = sources.every((x) => x.status === 'Active') && created.every((x) => !x.status);
    const failed = backToActive && (sawChange || elapsed >= appearMs);
    res = { outcome: applied ? 'applied' : failed ? 'failed' : 'pending', sources, created, polls: res.polls + 1, elapsedMs: elapsed };
    o.onPoll?.(res);
    return applied || failed;
  });
  if (!done && o.signal?.aborted) res = { ...res, outcome: 'cancelled' };
  return { ...res, elapsedMs: clock().getTime() - start };
}

/**
 * What happened to a ModifyReservedInstances whose answer was lost. Sources Updating/Inactive → applied;
 * the new IDs are a best effort: coupons Creating/Active, not among the sources, of the requested types,
 * created at or after the minute the request was sent (CreationTime has minute precision and assumes the
 * server clock is close to ours). All sources still Active → not applied. Anything else → undefined.
 */
async function reconcile(
  w: ReservedInstanceWatch,
  region: string,
  input: ModifyReservedInstancesInput,
  sentAt: Date,
  signal?: AbortSignal,
): Promise<ModifyReservedInstancesResult | undefined> {
  const all = await w.list(region, { signal });
  const byId = new Map(all.map((r) => [r.ReservedInstanceId, r]));
  const sources = input.reservedInstanceIds.map((id) => byId.get(id));
  if (sources.some((s) => s && (s.Status === 'Updating' || s.Status === 'Inactive'))) {
    const sourceIds = new Set(input.reservedInstanceIds);
    const types = new Set(input.configurations.map((c) => c.instanceType));
    const families = new Set(sources.map((s) => s && instanceFamily(s.InstanceType)));
    const since = Math.floor(sentAt.getTime() / 60_000) * 60_000 - 60_000;
    const fresh = all.filter((r) => {
      if (sourceIds.has(r.ReservedInstanceId) || (r.Status !== 'Creating' && r.Status !== 'Active')) return false;
      if (!types.has(r.InstanceType) || !families.has(instanceFamily(r.InstanceType))) return false;
      const created = r.CreationTime ? Date.parse(r.CreationTime) : NaN;
      return !Number.isNaN(created) && created >= since;
    });
    return { newReservedInstanceIds: fresh.map((r) => r.ReservedInstanceId), outcome: 'reconciled' };
  }
  if (sources.every((s) => s && s.Status === 'Active')) return { newReservedInstanceIds: [], outcome: 'not-applied' };
  return undefined;
}
