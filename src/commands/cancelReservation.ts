/** Cancel Reservation (Volcengine DeleteScheduledInstance) on the batch flow, with multi-select; "Why can't I cancel this?". */
import { canCancelReservation, type Eligibility, type VolcScheduledInstance } from '../core';
import { KIND_TABLE } from '../kinds';
import { timeLeftText as timeLeft } from '../kinds/reservation';
import { pick } from '../output/translate';
import type { ResourceRef } from '../contracts';
import { runBatchCommand, type BatchRun } from './batch';
import type { ActionDeps } from './deps';
import { pickResources } from './pickers';
import { refLabel, refOf, refsFromArgs } from './plan/refs';

function reservationOf(node: unknown, selected: unknown): ResourceRef | undefined {
  const clicked = refOf(node);
  if (clicked?.kind === 'reservation') return clicked;
  return refsFromArgs(node, selected, 'reservation')[0];
}

/** "Time left to cancel: 12 min" or a note that the server decides. */
export function timeLeftText(deps: Pick<ActionDeps, 't'>, e: Eligibility): string {
  return timeLeft(deps.t, e);
}

export type CancelRun = BatchRun;

/**
 * Handler of `ecsExplorer.cancelReservation(node, selectedNodes)`: the selected reservations (or one picked) in
 * one batch, one DeleteScheduledInstance per reservation; those that cannot be cancelled are left out with the
 * reason. Undefined when nothing was sent.
 */
export function cancelReservation(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<CancelRun | undefined> {
  const kind = KIND_TABLE.reservation;
  return runBatchCommand(
    deps,
    { kind, action: kind.actions[0], title: deps.t('Cancel Reservation'), command: 'Cancel Reservation' },
    node,
    selected,
  );
}

/** Handler of `ecsExplorer.whyNotCancellable(node)`: explains the rule that blocks cancelling. */
export async function whyNotCancellable(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<string | undefined> {
  const { t } = deps;
  const ref =
    reservationOf(node, selected) ??
    (await pickResources(deps, 'reservation', t("Why Can't I Cancel This Reservation?"), false, t('Select the reservation')))?.[0];
  if (!ref) return undefined;
  const e = canCancelReservation(ref.data as VolcScheduledInstance, deps.now());
  const text = e.ok
    ? [
        t('{0} can be cancelled. {1}', refLabel(ref), timeLeftText(deps, e)),
        ...(e.unchecked ? [pick(e.unchecked, deps.locale())] : []),
      ].join(' ')
    : t('{0} cannot be cancelled: {1}', refLabel(ref), pick(e.message, deps.locale()));
  deps.log.info(text);
  void deps.prompts.notify('info', text);
  return text;
}
