/** Cancel Reservation (Volcengine DeleteScheduledInstance) and "Why can't I cancel this?". */
import { canCancelReservation, validateScheduledInstanceId, type Eligibility, type VolcScheduledInstance } from '../core';
import { formatDuration } from '../output/format';
import { pick } from '../output/translate';
import type { ResourceRef } from '../services';
import { confirmDestructive } from './confirm';
import type { ActionDeps } from './deps';
import { pickReservation } from './pickers';
import { refLabel, refOf, refsFromArgs } from './plan/refs';
import { errorInfo, isCancellation, notifyWithOutput, reportError } from './report';
import { recordCancel } from '../history/entries';
import { CloudError } from '../core/errors';

function reservationOf(node: unknown, selected: unknown): ResourceRef | undefined {
  const clicked = refOf(node);
  if (clicked?.kind === 'reservation') return clicked;
  return refsFromArgs(node, selected, 'reservation')[0];
}

/** "Time left to cancel: 12 min" or a note that the server decides. */
export function timeLeftText(deps: Pick<ActionDeps, 't'>, e: Eligibility): string {
  return e.ok && e.timeLeftMs !== undefined
    ? deps.t('Time left to cancel: {0}', formatDuration(e.timeLeftMs, deps.t))
    : deps.t('No cancellation deadline is known locally; the server decides.');
}

export interface CancelRun {
  readonly ref: ResourceRef;
  readonly requestId: string;
  readonly clientToken: string;
}

/** Handler of `ecsExplorer.cancelReservation(node)`; undefined when nothing was cancelled. */
export async function cancelReservation(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<CancelRun | undefined> {
  const { t, log } = deps;
  const title = t('Cancel Reservation');
  const ref = reservationOf(node, selected) ?? (await pickReservation(deps, title));
  if (!ref) return undefined;
  const data = ref.data as VolcScheduledInstance;
  const locale = deps.locale();

  const e = canCancelReservation(data, deps.now());
  if (!e.ok) {
    const why = pick(e.message, locale);
    log.warn(`${title} · ${refLabel(ref)} · ${ref.region}: [${e.reason}] ${why}`);
    void notifyWithOutput(deps, 'warn', t('{0} cannot be cancelled: {1}', refLabel(ref), why));
    return undefined;
  }
  validateScheduledInstanceId(ref.id, { provider: 'volcengine', action: 'DeleteScheduledInstance', region: ref.region });

  const left = timeLeftText(deps, e);
  const kind = [data.ElasticScheduledInstanceType || 'Esi', data.DeliveryType].filter(Boolean).join(' / ');
  const detail = [
    `${refLabel(ref)} · ${ref.region}${data.ZoneId ? ` · ${data.ZoneId}` : ''}`,
    t('Type: {0}; instances: {1}', kind, data.Count ?? '?'),
    ...(e.unchecked ? [pick(e.unchecked, locale)] : []),
    left,
    t('A cancelled reservation cannot be restored.'),
  ].join('\n');
  const ok = await confirmDestructive(deps, {
    count: 1,
    message: t('Cancel reservation {0}?', refLabel(ref)),
    detail,
    confirmLabel: t('Cancel Reservation'),
    typePrompt: t('Type 1 to confirm cancelling the reservation {0}. {1}', refLabel(ref), left),
  });
  if (!ok) {
    log.info(t('{0}: not confirmed; nothing was sent.', title));
    return undefined;
  }
  // The window may have closed while the dialog was open.
  const again = canCancelReservation(data, deps.now());
  if (!again.ok) {
    const why = pick(again.message, locale);
    log.warn(`${title} · ${refLabel(ref)}: [${again.reason}] ${why}`);
    void notifyWithOutput(deps, 'warn', t('{0} cannot be cancelled: {1}', refLabel(ref), why));
    return undefined;
  }

  log.info(`${title} · ${refLabel(ref)} · ${ref.region}`);
  try {
    const r = await deps.prompts.withProgress(t('Cancelling reservation {0}', ref.id), async (_report, signal) => {
      const client = await deps.clients.volcengine(ref.profileId);
      return client.deleteScheduledInstance(ref.region, ref.id, { signal });
    });
    log.info(t('Reservation {0} cancelled (RequestId {1}, ClientToken {2})', ref.id, r.requestId, r.clientToken));
    if (deps.history) await recordCancel(deps.history, ref, { ok: true, ...r });
    void notifyWithOutput(deps, 'info', t('Reservation {0} cancelled.', refLabel(ref)));
    return { ref, ...r };
  } catch (err) {
    if (deps.history) {
      const info = errorInfo(deps, err);
      const kind = err instanceof CloudError ? err.kind : undefined;
      const code = isCancellation(err) ? 'Cancelled' : info.code;
      await recordCancel(deps.history, ref, { ok: false, code, message: info.message, unknown: kind === 'outcome-unknown', requestId: info.requestId });
    }
    reportError(deps, err, title);
    return undefined;
  } finally {
    deps.tree.refresh([ref]);
    deps.tree.follow([ref]);
  }
}

/** Handler of `ecsExplorer.whyNotCancellable(node)`: explains the rule that blocks cancelling. */
export async function whyNotCancellable(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<string | undefined> {
  const { t } = deps;
  const ref = reservationOf(node, selected) ?? (await pickReservation(deps, t("Why Can't I Cancel This Reservation?")));
  if (!ref) return undefined;
  const e = canCancelReservation(ref.data as VolcScheduledInstance, deps.now());
  const text = e.ok
    ? [t('{0} can be cancelled. {1}', refLabel(ref), timeLeftText(deps, e)), ...(e.unchecked ? [pick(e.unchecked, deps.locale())] : [])].join(' ')
    : t('{0} cannot be cancelled: {1}', refLabel(ref), pick(e.message, deps.locale()));
  deps.log.info(text);
  void deps.prompts.notify('info', text);
  return text;
}
