/** Volcengine scheduled-instance reservations (弹性预约实例): fields, looks, listing, tooltip and Cancel Reservation. */
import { canCancelReservation, validateDenseIds, validateScheduledInstanceId, type Eligibility, type VolcScheduledInstance } from '../core';
import { formatDuration } from '../output/format';
import type { Translate } from '../output/translate';
import { escapeMd, formatTime, stateRow, table, type Row } from '../tree/markdown';
import { BLUE, GREEN, GREY, refLabel, shortTime, str, type KindSpec } from './types';

const ACTION = 'DeleteScheduledInstance';

function deliveryLabel(d: string | undefined, t: Translate): string | undefined {
  if (d === 'Reserve') return t('scheduled delivery');
  if (d === 'Immediate') return t('immediate delivery');
  return d;
}

/** "Time left to cancel: 12 min" or a note that the server decides. */
export function timeLeftText(t: Translate, e: Eligibility): string {
  return e.ok && e.timeLeftMs !== undefined
    ? t('Time left to cancel: {0}', formatDuration(e.timeLeftMs, t))
    : t('No cancellation deadline is known locally; the server decides.');
}

/** `Esi / Reserve × 2 · Time left to cancel: 20 min`: what the confirmation adds to a reservation's line. */
function confirmDetails(t: Translate, data: VolcScheduledInstance, e: Eligibility): string[] {
  const kind = [data.ElasticScheduledInstanceType || 'Esi', data.DeliveryType].filter(Boolean).join(' / ');
  return [data.ZoneId ?? '', t('Type: {0}; instances: {1}', kind, data.Count ?? '?'), timeLeftText(t, e)].filter(Boolean);
}

export const reservationKind: KindSpec = {
  kind: 'reservation',
  provider: 'volcengine',
  idField: 'ScheduledInstanceId',
  nameField: 'ScheduledInstanceName',
  label: (t) => t('Reservations'),
  one: (t) => t('Reservation'),
  noun: (t) => t('reservations'),
  icon: 'calendar',
  styles: {
    RESERVED: { icon: 'calendar', color: BLUE, transitional: false },
    DELIVERED: { icon: 'pass', color: GREEN, transitional: false },
    CANCELLED: { icon: 'circle-slash', color: GREY, transitional: false },
    RELEASED: { icon: 'history', color: GREY, transitional: false },
    EXPIRED: { icon: 'history', color: GREY, transitional: false },
  },
  defaultStyle: { icon: 'calendar', transitional: false },
  console: 'scheduledInstance',
  async listPage(clients, q) {
    const c = await clients.volcengine(q.accountId);
    const nextToken = q.cursor && 'nextToken' in q.cursor ? q.cursor.nextToken : undefined;
    const p = await c.describeScheduledInstancesPage(q.region, {
      maxResults: q.pageSize,
      nextToken,
      signal: q.signal,
      priority: q.priority,
    });
    return { items: p.items, more: p.nextToken ? { nextToken: p.nextToken } : undefined };
  },
  listAll: async (clients, accountId, region) => (await clients.volcengine(accountId)).describeScheduledInstances(region),
  pickDescription(data, _t, stateName) {
    const r = data as VolcScheduledInstance;
    return [r.ScheduledInstanceId, stateName(r.Status ?? ''), r.ElasticScheduledInstanceType].filter(Boolean).join(' · ');
  },
  tooltip(ref, t, locale, now, stateName) {
    const r = ref.data as VolcScheduledInstance;
    const window = r.StartDeliveryAt || r.EndDeliveryAt ? `${formatTime(r.StartDeliveryAt)} – ${formatTime(r.EndDeliveryAt)}` : undefined;
    const type = [r.ElasticScheduledInstanceType, deliveryLabel(r.DeliveryType, t)].filter(Boolean).join(' / ');
    const rows: Row[] = [
      [t('ID'), r.ScheduledInstanceId],
      [t('State'), stateRow(ref, stateName, locale)],
      [t('Reservation type'), type],
      [t('Instance type'), r.InstanceConfig?.InstanceTypeId],
      [t('Zone'), r.ZoneId ?? r.InstanceConfig?.ZoneId],
      [t('Count'), r.Count],
      [t('Delivered'), r.DeliveryCount],
      [t('Delivery window'), window],
      [t('Created'), formatTime(r.CreatedAt)],
    ];
    const e = canCancelReservation(r, now);
    const notes: string[] = [];
    if (e.ok && e.unchecked) notes.push(`$(question) ${escapeMd(locale === 'zh-cn' ? e.unchecked.zh : e.unchecked.en)}`);
    if (e.ok && e.timeLeftMs !== undefined)
      notes.push(`$(clock) ${escapeMd(t('Time left to cancel: {0}', formatDuration(e.timeLeftMs, t)))}`);
    else if (!e.ok) notes.push(`$(info) ${escapeMd(t('Cannot be cancelled: {0}', locale === 'zh-cn' ? e.message.zh : e.message.en))}`);
    return table(ref.name, rows, notes, locale);
  },
  rowFields: {
    all: ['state', 'window', 'type', 'count', 'zone', 'id'],
    defaults: ['state', 'window'],
    text(d, field) {
      switch (field) {
        case 'window': {
          const a = shortTime(d.StartDeliveryAt);
          const b = shortTime(d.EndDeliveryAt);
          return a || b ? `${a}–${b}` : '';
        }
        case 'type':
          return str((d.InstanceConfig as Record<string, unknown> | undefined)?.InstanceTypeId);
        case 'count':
          return d.Count === undefined ? '' : `×${str(d.Count)}`;
        default:
          return '';
      }
    },
  },
  search: (data) => ({
    type: String((data as VolcScheduledInstance | undefined)?.InstanceConfig?.InstanceTypeId ?? ''),
    privateIps: [],
    publicIp: '',
  }),
  actions: [
    {
      command: 'ecsExplorer.cancelReservation',
      title: 'Cancel Reservation',
      flag: 'cancellable',
      check: (data, now) => canCancelReservation(data as VolcScheduledInstance, now),
      explain: { command: 'ecsExplorer.whyNotCancellable', title: "Why Can't I Cancel This Reservation?" },
      batch: {
        apiAction: ACTION,
        validate(ids, region) {
          const ctx = { provider: 'volcengine' as const, action: ACTION, region };
          validateDenseIds(ids, 'ScheduledInstanceId', ctx);
          for (const id of ids) validateScheduledInstanceId(id, ctx);
        },
        run: (client, region, ids, o) => client.deleteScheduledInstances(region, ids, o),
        historyOutcome: 'cancelled',
        pick: { many: false, placeHolder: (t) => t('Select the reservation') },
        text: {
          progress: (t, refs) =>
            refs.length === 1 ? t('Cancelling reservation {0}', refs[0].id) : t('Cancelling {0} reservations', refs.length),
          question: (t, refs, regions) =>
            refs.length === 1
              ? t('Cancel reservation {0}?', refLabel(refs[0]))
              : t('Cancel {0} reservations in {1}?', refs.length, regions.join(t(', '))),
          confirmLabel: (t, n) => (n === 1 ? t('Cancel Reservation') : t('Cancel {0} Reservations', n)),
          typePrompt: (t, n, shown, more, skipped, note) =>
            n === 1
              ? t('Type 1 to confirm cancelling the reservation {0}. {1}', shown + skipped, note ?? '')
              : t('Type {0} to cancel: {1}{2}{3}', n, shown, more, skipped) + (note ? ` ${note}` : ''),
          warning: (t) => t('A cancelled reservation cannot be restored.'),
          doneWord: (t) => t('cancelled'),
          doneCount: (t, n) => t('{0} cancelled', n),
          doneOne: (t, name) => t('Reservation {0} cancelled.', name),
          noneEligible: (t, title, why) => t('{0}: none of the selected reservations can be cancelled. {1}', title, why),
          details: (t, ref, e) => confirmDetails(t, ref.data as VolcScheduledInstance, e),
          note: (t, checks) => {
            // The soonest deadline among those sent.
            const soonest = checks.reduce<Eligibility | undefined>(
              (a, e) =>
                e.ok && e.timeLeftMs !== undefined && (!a || !a.ok || a.timeLeftMs === undefined || e.timeLeftMs < a.timeLeftMs) ? e : a,
              undefined,
            );
            return timeLeftText(t, soonest ?? checks[0]);
          },
        },
      },
    },
  ],
};
