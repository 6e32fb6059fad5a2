/** Tooltip markdown for resources (pure; built lazily in resolveTreeItem). API values are escaped. */
import { formatDuration } from '../output/format';
import type { Locale } from '../core/types';
import type { AliyunReservedInstance, VolcInstance, VolcScheduledInstance } from '../core';
import { canCancelReservation, canDeleteInstance, knownFactors } from '../core';
import type { ResourceRef } from '../services';
import { stateOf } from './model';
import { chargeName } from '../output/states';

/** Translation function: vscode.l10n.t in the extension, identity in unit tests. `{0}` placeholders. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

/** Escapes Markdown so API values render literally. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** `2024-01-04T19:18:46+08:00` → local `2024-01-04 19:18`; unparseable text is returned as is. */
export function formatTime(s: string | undefined): string {
  if (!s) return '';
  const t = Date.parse(s);
  if (Number.isNaN(t)) return s;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Row = [label: string, value: string | number | undefined];

/** Display text of an API state (`Running`); the default shows the API value. */
export type StateName = (state: string) => string;

function table(title: string, rows: Row[], notes: string[], locale: Locale): string {
  const lines = [`**${escapeMd(title)}**`, ''];
  const colon = locale === 'zh-cn' ? '：' : ': ';
  for (const [label, value] of rows) {
    if (value === undefined || value === '') continue;
    lines.push(`${escapeMd(label)}${colon}${typeof value === 'number' ? value : escapeMd(value)}  `);
  }
  for (const n of notes) lines.push('', n);
  return lines.join('\n');
}

/** `Running (RUNNING)`: the display text, with the API value when it differs. */
function stateRow(ref: ResourceRef, stateName: StateName, locale: Locale): string {
  const raw = stateOf(ref);
  const shown = raw ? stateName(raw) : raw;
  if (!shown || shown === raw) return raw;
  return locale === 'zh-cn' ? `${shown}（${raw}）` : `${shown} (${raw})`;
}

function offeringLabel(o: string | undefined, t: Translate): string | undefined {
  switch (o) {
    case 'No Upfront':
      return t('No upfront payment');
    case 'Partial Upfront':
      return t('Partial upfront payment');
    case 'All Upfront':
      return t('All upfront payment');
  }
  return o;
}

function deliveryLabel(d: string | undefined, t: Translate): string | undefined {
  if (d === 'Reserve') return t('scheduled delivery');
  if (d === 'Immediate') return t('immediate delivery');
  return d;
}


export function instanceTooltip(ref: ResourceRef, t: Translate, locale: Locale, now: Date, stateName: StateName = (x) => x): string {
  const i = ref.data as VolcInstance;
  const privateIps = (i.NetworkInterfaces ?? []).map((n) => n.PrimaryIpAddress).filter(Boolean).join(', ');
  const mem = typeof i.MemorySize === 'number' ? `${i.Cpus ?? '?'} vCPU / ${i.MemorySize >= 1024 ? `${i.MemorySize / 1024} GiB` : `${i.MemorySize} MiB`}` : undefined;
  const rows: Row[] = [
    [t('ID'), i.InstanceId],
    [t('State'), stateRow(ref, stateName, locale)],
    [t('Type'), i.InstanceTypeId],
    [t('vCPU / memory'), mem],
    [t('Zone'), i.ZoneId],
    [t('Charge type'), chargeName(i.InstanceChargeType, t)],
    [t('Expires'), i.InstanceChargeType === 'PrePaid' ? formatTime(i.ExpiredAt) : undefined],
    [t('Private IP'), privateIps],
    [t('Public IP'), i.EipAddress?.IpAddress],
    [t('Image'), i.OsName || i.ImageId],
    [t('Reservation'), i.ScheduledInstanceId],
    [t('Created'), formatTime(i.CreatedAt)],
  ];
  const e = canDeleteInstance(i, now);
  const notes = e.ok
    ? e.unchecked ? [`$(question) ${escapeMd(locale === 'zh-cn' ? e.unchecked.zh : e.unchecked.en)}`] : []
    : [`$(info) ${escapeMd(t('Cannot be deleted: {0}', locale === 'zh-cn' ? e.message.zh : e.message.en))}`];
  return table(ref.name, rows, notes, locale);
}

export function reservationTooltip(ref: ResourceRef, t: Translate, locale: Locale, now: Date, stateName: StateName = (x) => x): string {
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
  if (e.ok && e.timeLeftMs !== undefined) notes.push(`$(clock) ${escapeMd(t('Time left to cancel: {0}', formatDuration(e.timeLeftMs, t)))}`);
  else if (!e.ok) notes.push(`$(info) ${escapeMd(t('Cannot be cancelled: {0}', locale === 'zh-cn' ? e.message.zh : e.message.en))}`);
  return table(ref.name, rows, notes, locale);
}

export function reservedInstanceTooltip(ref: ResourceRef, t: Translate, locale: Locale, _now: Date, stateName: StateName = (x) => x): string {
  const r = ref.data as AliyunReservedInstance;
  // Documented factors, else estimates from DescribeInstanceTypes answers seen so far (the cloud decides).
  const f = knownFactors().factor(r.InstanceType);
  const power = f && (f.documented ? f.factor * r.InstanceAmount : t('{0} (estimated — the cloud decides)', f.factor * r.InstanceAmount));
  const scope = (r.Scope ?? '').toLowerCase() === 'zone' ? t('Zone {0}', r.ZoneId ?? '?') : r.Scope ? t('Region') : undefined;
  const locks = (r.OperationLocks?.OperationLock ?? []).map((l) => l.LockReason).filter(Boolean).join(', ');
  const rows: Row[] = [
    [t('ID'), r.ReservedInstanceId],
    [t('State'), stateRow(ref, stateName, locale)],
    [t('Instance type'), r.InstanceType],
    [t('Amount'), r.InstanceAmount],
    [t('Computing power'), power === undefined ? t('unknown for this type') : power],
    [t('Scope'), scope],
    [t('Platform'), r.Platform],
    [t('Offering'), offeringLabel(r.OfferingType, t)],
    [t('Start time'), formatTime(r.StartTime)],
    [t('End time'), formatTime(r.ExpiredTime)],
    [t('Locked'), locks],
  ];
  return table(ref.name, rows, [], locale);
}

export function resourceTooltip(ref: ResourceRef, t: Translate, locale: Locale, now: Date, stateName?: StateName): string {
  switch (ref.kind) {
    case 'instance':
      return instanceTooltip(ref, t, locale, now, stateName);
    case 'reservation':
      return reservationTooltip(ref, t, locale, now, stateName);
    case 'reservedInstance':
      return reservedInstanceTooltip(ref, t, locale, now, stateName);
  }
}
