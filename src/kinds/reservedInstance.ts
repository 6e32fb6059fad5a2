/** Alibaba Cloud reserved-instance coupons (预留实例券): fields, looks, listing, tooltip and Split / Merge / Change Scope. */
import { knownFactors, type AliyunReservedInstance, type Eligibility } from '../core';
import type { Translate } from '../output/translate';
import { formatTime, stateRow, table, type Row } from '../tree/markdown';
import { GREEN, GREY, str, type KindSpec } from './types';

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

/** A coupon can be split, merged or re-scoped only while Active and not expired (the core re-checks the full change). */
export function reservedInstanceModifiable(ri: AliyunReservedInstance, now: Date): boolean {
  if (ri.Status !== 'Active') return false;
  if (!ri.ExpiredTime) return true;
  const t = Date.parse(ri.ExpiredTime);
  return Number.isNaN(t) || t > now.getTime();
}

const NOT_MODIFIABLE = { en: 'Only an active, unexpired reserved instance can be changed', zh: '只有生效中且未过期的预留实例券可以变更' };
function modifiable(data: unknown, now: Date): Eligibility {
  return reservedInstanceModifiable(data as AliyunReservedInstance, now)
    ? { ok: true }
    : { ok: false, reason: 'not-modifiable', message: NOT_MODIFIABLE };
}

export const reservedInstanceKind: KindSpec = {
  kind: 'reservedInstance',
  provider: 'aliyun',
  idField: 'ReservedInstanceId',
  nameField: 'ReservedInstanceName',
  label: (t) => t('Reserved Instances'),
  one: (t) => t('Reserved Instance'),
  noun: (t) => t('reserved instances'),
  icon: 'tag',
  styles: {
    ACTIVE: { icon: 'tag', color: GREEN, transitional: false },
    EXPIRED: { icon: 'circle-slash', color: GREY, transitional: false },
    INACTIVE: { icon: 'circle-outline', color: GREY, transitional: false },
  },
  defaultStyle: { icon: 'tag', transitional: false },
  console: 'reservedInstance',
  async listPage(clients, q) {
    const c = await clients.aliyun(q.accountId);
    const pageNumber = q.cursor && 'pageNumber' in q.cursor ? q.cursor.pageNumber : 1;
    const p = await c.describeReservedInstancesPage(q.region, { pageNumber, pageSize: q.pageSize, signal: q.signal, priority: q.priority });
    const seen = (p.pageNumber - 1) * p.pageSize + p.items.length;
    const more = p.items.length > 0 && seen < p.totalCount ? { pageNumber: p.pageNumber + 1 } : undefined;
    return { items: p.items, more, total: Number.isFinite(p.totalCount) ? p.totalCount : undefined };
  },
  listAll: async (clients, accountId, region) => (await clients.aliyun(accountId)).describeReservedInstances(region),
  pickDescription(data) {
    const r = data as AliyunReservedInstance;
    return `${r.ReservedInstanceId} · ${r.InstanceType} × ${r.InstanceAmount} · ${r.Status}`;
  },
  tooltip(ref, t, locale, _now, stateName) {
    const r = ref.data as AliyunReservedInstance;
    // Documented factors, else estimates from DescribeInstanceTypes answers seen so far (the cloud decides).
    const f = knownFactors().factor(r.InstanceType);
    const power = f && (f.documented ? f.factor * r.InstanceAmount : t('{0} (estimated — the cloud decides)', f.factor * r.InstanceAmount));
    const scope = (r.Scope ?? '').toLowerCase() === 'zone' ? t('Zone {0}', r.ZoneId ?? '?') : r.Scope ? t('Region') : undefined;
    const locks = (r.OperationLocks?.OperationLock ?? [])
      .map((l) => l.LockReason)
      .filter(Boolean)
      .join(', ');
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
  },
  rowFields: {
    all: ['state', 'typeAmount', 'scope', 'expires', 'id'],
    defaults: ['state', 'typeAmount', 'scope'],
    text(d, field) {
      switch (field) {
        case 'typeAmount':
          return d.InstanceType ? `${str(d.InstanceType)} × ${str(d.InstanceAmount) || '?'}` : '';
        case 'scope':
          return d.Scope === 'Zone' ? str(d.ZoneId) || 'Zone' : str(d.Scope);
        default:
          return '';
      }
    },
  },
  search: (data) => ({ type: String((data as AliyunReservedInstance | undefined)?.InstanceType ?? ''), privateIps: [], publicIp: '' }),
  // Not batch actions: each has its own flow (src/commands/modifyReservedInstances.ts).
  actions: [
    { command: 'ecsExplorer.splitReservedInstance', title: 'Split Reserved Instance', flag: 'modifiable', check: modifiable },
    { command: 'ecsExplorer.mergeReservedInstances', title: 'Merge Reserved Instances', flag: 'modifiable', check: modifiable },
    { command: 'ecsExplorer.modifyReservedInstanceScope', title: 'Change Reserved Instance Scope', flag: 'modifiable', check: modifiable },
  ],
};
