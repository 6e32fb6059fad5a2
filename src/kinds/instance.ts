/** Volcengine ECS instances: fields, looks, listing, tooltip and actions (Delete Instances). */
import { canDeleteInstance, validateInstanceIds, type VolcInstance } from '../core';
import { chargeName } from '../output/states';
import { escapeMd, formatTime, stateRow, table, type Row } from '../tree/markdown';
import { GREEN, GREY, RED, refLabel, str, type KindSpec } from './types';

export const instanceKind: KindSpec = {
  kind: 'instance',
  provider: 'volcengine',
  idField: 'InstanceId',
  nameField: 'InstanceName',
  label: (t) => t('Instances'),
  one: (t) => t('Instance'),
  noun: (t) => t('instances'),
  icon: 'server',
  styles: {
    RUNNING: { icon: 'vm-running', color: GREEN, transitional: false },
    STOPPED: { icon: 'vm-outline', color: GREY, transitional: false },
    ERROR: { icon: 'error', color: RED, transitional: false },
  },
  defaultStyle: { icon: 'vm', transitional: false },
  console: 'instance',
  async listPage(clients, q) {
    const c = await clients.volcengine(q.accountId);
    const nextToken = q.cursor && 'nextToken' in q.cursor ? q.cursor.nextToken : undefined;
    const p = await c.describeInstancesPage(q.region, { maxResults: q.pageSize, nextToken, signal: q.signal, priority: q.priority });
    return { items: p.items, more: p.nextToken ? { nextToken: p.nextToken } : undefined };
  },
  listAll: async (clients, accountId, region) => (await clients.volcengine(accountId)).describeInstances(region),
  pickDescription(data, t, stateName) {
    const i = data as VolcInstance;
    return [i.InstanceId, stateName(i.Status ?? ''), chargeName(i.InstanceChargeType, t)].filter(Boolean).join(' · ');
  },
  tooltip(ref, t, locale, now, stateName) {
    const i = ref.data as VolcInstance;
    const privateIps = (i.NetworkInterfaces ?? [])
      .map((n) => n.PrimaryIpAddress)
      .filter(Boolean)
      .join(', ');
    const mem =
      typeof i.MemorySize === 'number'
        ? `${i.Cpus ?? '?'} vCPU / ${i.MemorySize >= 1024 ? `${i.MemorySize / 1024} GiB` : `${i.MemorySize} MiB`}`
        : undefined;
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
      ? e.unchecked
        ? [`$(question) ${escapeMd(locale === 'zh-cn' ? e.unchecked.zh : e.unchecked.en)}`]
        : []
      : [`$(info) ${escapeMd(t('Cannot be deleted: {0}', locale === 'zh-cn' ? e.message.zh : e.message.en))}`];
    return table(ref.name, rows, notes, locale);
  },
  rowFields: {
    all: ['state', 'type', 'ip', 'publicIp', 'zone', 'id'],
    defaults: ['state', 'type', 'ip'],
    text(d, field) {
      switch (field) {
        case 'type':
          return str(d.InstanceTypeId);
        case 'ip': {
          const nics = d.NetworkInterfaces;
          const first = Array.isArray(nics) ? (nics[0] as Record<string, unknown> | undefined) : undefined;
          return first ? str(first.PrimaryIpAddress) : '';
        }
        case 'publicIp':
          return str((d.EipAddress as Record<string, unknown> | undefined)?.IpAddress);
        default:
          return '';
      }
    },
  },
  search(data) {
    const d = (data ?? {}) as Record<string, unknown>;
    const nics = Array.isArray(d.NetworkInterfaces) ? (d.NetworkInterfaces as { PrimaryIpAddress?: unknown }[]) : [];
    const privateIps: string[] = [];
    for (const n of nics) {
      const ip = str(n?.PrimaryIpAddress);
      if (ip && privateIps.length < 5) privateIps.push(ip);
    }
    return { type: str(d.InstanceTypeId), privateIps, publicIp: str((d.EipAddress as { IpAddress?: unknown } | undefined)?.IpAddress) };
  },
  actions: [
    {
      command: 'ecsExplorer.deleteInstances',
      title: 'Delete Instances',
      flag: 'deletable',
      check: (data, now) => canDeleteInstance(data as VolcInstance, now),
      offerIneligible: true,
      batch: {
        apiAction: 'DeleteInstances',
        validate: (ids, region) => validateInstanceIds(ids, { provider: 'volcengine', action: 'DeleteInstances', region }),
        run: async (client, region, ids, o) => {
          const r = await client.deleteInstances(region, ids, o);
          return {
            outcomes: r.outcomes.map(({ instanceId, ...rest }) => ({ id: instanceId, ...rest })),
            calls: r.calls.map(({ instanceIds, ...rest }) => ({ ...rest, ids: instanceIds })),
          };
        },
        historyOutcome: 'deleted',
        pick: { many: true, placeHolder: (t) => t('Select the instances to delete') },
        text: {
          progress: (t, refs) => t('Deleting {0} instances', refs.length),
          question: (t, refs, regions) =>
            refs.length === 1
              ? t('Delete instance {0} in {1}?', refLabel(refs[0]), refs[0].region)
              : t('Delete {0} instances in {1}?', refs.length, regions.join(t(', '))),
          confirmLabel: (t, n) => (n === 1 ? t('Delete 1 Instance') : t('Delete {0} Instances', n)),
          typePrompt: (t, n, shown, more, skipped) => t('Type {0} to delete: {1}{2}{3}', n, shown, more, skipped),
          warning: (t) => t('Deleted instances cannot be recovered. Pay-as-you-go billing stops when they are deleted.'),
          doneWord: (t) => t('deleted'),
          doneCount: (t, n) => t('{0} deleted', n),
          noneEligible: (t, title, why) => t('{0}: none of the selected instances can be deleted. {1}', title, why),
        },
      },
    },
  ],
};
