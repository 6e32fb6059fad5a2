import * as assert from 'assert';
import type { ResourceKind, ResourceRef } from '../../../src/contracts';
import { isEligible, reservedInstanceModifiable } from '../../../src/tree/eligibility';
import { appendUnique, cursorAfter } from '../../../src/tree/loader';
import { folderNodeId, regionNodeId, resourceNodeId, stateOf, toRef } from '../../../src/tree/model';
import {
  filterTerms,
  isTransitional,
  matchesFilter,
  resourceContextValue,
  resourceDescription,
  stateStyle,
  stateText,
} from '../../../src/tree/styles';
import { escapeMd, resourceTooltip } from '../../../src/tree/tooltip';
import { formatDuration } from '../../../src/output/format';
import { learnInstanceTypes } from '../../../src/core/rules/computing-power';

const t = (m: string, ...a: Array<string | number>) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)]));
const MIN = 60_000;
const now = new Date('2024-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function ref(kind: ResourceKind, data: Record<string, unknown>): ResourceRef {
  return toRef(kind === 'reservedInstance' ? 'aliyun' : 'volcengine', 'p1', 'cn-beijing', kind, data);
}

describe('ext/tree items (pure parts)', () => {
  it('builds stable ids and refs from API objects', () => {
    const r = ref('instance', { InstanceId: 'i-1', InstanceName: 'web', Status: 'RUNNING' });
    assert.deepStrictEqual([r.id, r.name, r.accountId, stateOf(r)], ['i-1', 'web', 'p1', 'RUNNING']);
    assert.strictEqual(ref('reservation', { ScheduledInstanceId: 'esi-1', Status: 'RESERVED' }).name, 'esi-1', 'name falls back to the ID');
    assert.strictEqual(ref('reservedInstance', { ReservedInstanceId: 'ecsri-1', ReservedInstanceName: 'ri', Status: 'Active' }).name, 'ri');
    assert.strictEqual(regionNodeId('volcengine', 'p1', 'cn-beijing'), 'ecsExplorer/volcengine/p1/cn-beijing');
    assert.strictEqual(folderNodeId('volcengine', 'p1', 'cn-beijing', 'instance'), 'ecsExplorer/volcengine/p1/cn-beijing/instance');
    assert.strictEqual(resourceNodeId(r), 'ecsExplorer/volcengine/p1/cn-beijing/instance/i-1');
    // Ids of resources from different folders, interleaved (the folder prefix is reused between calls).
    const other = toRef('volcengine', 'p2', 'cn-beijing', 'instance', { InstanceId: 'i-2' });
    const ids = [
      r,
      other,
      r,
      { ...r, region: 'cn-shanghai' },
      { ...r, kind: 'reservation' as const },
      { ...r, provider: 'aliyun' as const },
    ].map(resourceNodeId);
    assert.deepStrictEqual(ids, [
      'ecsExplorer/volcengine/p1/cn-beijing/instance/i-1',
      'ecsExplorer/volcengine/p2/cn-beijing/instance/i-2',
      'ecsExplorer/volcengine/p1/cn-beijing/instance/i-1',
      'ecsExplorer/volcengine/p1/cn-shanghai/instance/i-1',
      'ecsExplorer/volcengine/p1/cn-beijing/reservation/i-1',
      'ecsExplorer/aliyun/p1/cn-beijing/instance/i-1',
    ]);
  });

  it('maps states to icons, colors and spinners', () => {
    assert.deepStrictEqual(stateStyle('instance', 'RUNNING'), { icon: 'vm-running', color: 'charts.green', transitional: false });
    assert.strictEqual(stateStyle('instance', 'STOPPED').color, 'disabledForeground');
    assert.strictEqual(stateStyle('instance', 'ERROR').icon, 'error');
    for (const s of ['DELETING', 'CREATING', 'STARTING', 'REBOOTING']) assert.strictEqual(stateStyle('instance', s).icon, 'loading~spin');
    assert.strictEqual(stateStyle('reservation', 'DELIVERING').icon, 'loading~spin');
    assert.strictEqual(stateStyle('reservation', 'RESERVED').icon, 'calendar');
    assert.strictEqual(stateStyle('reservedInstance', 'Creating').icon, 'loading~spin');
    assert.strictEqual(stateStyle('reservedInstance', 'Updating').icon, 'loading~spin');
    assert.strictEqual(stateStyle('reservedInstance', 'Active').color, 'charts.green');
    assert.strictEqual(stateStyle('reservedInstance', 'Weird').icon, 'tag');
    assert.ok(!isTransitional('RUNNING') && !isTransitional('Running') && isTransitional('Pending'));
  });

  it('contextValue carries kind and eligibility from the core rules', () => {
    assert.strictEqual(resourceContextValue('instance', true), 'resource;instance;deletable;');
    assert.strictEqual(resourceContextValue('reservation', false), 'resource;reservation;no-cancellable;');
    assert.strictEqual(resourceContextValue('reservedInstance', true), 'resource;reservedInstance;modifiable;');

    const post = ref('instance', { InstanceId: 'i-a', Status: 'RUNNING', InstanceChargeType: 'PostPaid' });
    const pre = ref('instance', {
      InstanceId: 'i-b',
      Status: 'RUNNING',
      InstanceChargeType: 'PrePaid',
      ExpiredAt: iso(now.getTime() + 86400_000),
    });
    const creating = ref('instance', { InstanceId: 'i-c', Status: 'CREATING', InstanceChargeType: 'PostPaid' });
    assert.deepStrictEqual([isEligible(post, now), isEligible(pre, now), isEligible(creating, now)], [true, false, false]);

    const fresh = ref('reservation', {
      ScheduledInstanceId: 'esi-a',
      Status: 'RESERVED',
      ElasticScheduledInstanceType: 'Esi',
      CreatedAt: iso(now.getTime() - 10 * MIN),
    });
    assert.strictEqual(isEligible(fresh, now), true);
    // The cached answer expires at the deadline (30 min after creation).
    assert.strictEqual(isEligible(fresh, new Date(now.getTime() + 21 * MIN)), false);
    const cancelled = ref('reservation', { ScheduledInstanceId: 'esi-b', Status: 'CANCELLED', CreatedAt: iso(now.getTime()) });
    assert.strictEqual(isEligible(cancelled, now), false);

    const ri = {
      ReservedInstanceId: 'r',
      Status: 'Active',
      InstanceType: 'ecs.g5.large',
      InstanceAmount: 1,
      ExpiredTime: '2030-01-01T00:00Z',
    };
    assert.strictEqual(reservedInstanceModifiable(ri, now), true);
    assert.strictEqual(reservedInstanceModifiable({ ...ri, ExpiredTime: '2020-01-01T00:00Z' }, now), false);
    assert.strictEqual(reservedInstanceModifiable({ ...ri, Status: 'Updating' }, now), false);
  });

  it('describes resources as "ID · State" and filters by name, ID or state', () => {
    const r = ref('instance', { InstanceId: 'i-abc', InstanceName: 'web-1', Status: 'RUNNING' });
    assert.strictEqual(resourceDescription(r, stateText('Running')), 'i-abc · Running');
    assert.strictEqual(resourceDescription(r, stateText('')), 'i-abc');
    assert.strictEqual(resourceDescription(ref('instance', { InstanceId: 'i-x', Status: 'STOPPED' }), stateText('STOPPED')), 'STOPPED');
    assert.strictEqual(resourceDescription(ref('instance', { InstanceId: 'i-y' }), stateText('')), '');
    assert.deepStrictEqual(filterTerms('  Web  running '), ['web', 'running']);
    assert.ok(matchesFilter(r, filterTerms('WEB')));
    assert.ok(matchesFilter(r, filterTerms('i-ab running')));
    assert.ok(!matchesFilter(r, filterTerms('web stopped')));
    assert.ok(matchesFilter(r, []));
    // The state as the row shows it (运行中) matches too, given the display names.
    const zh = (s: string) => ({ RUNNING: '运行中', STOPPED: '已停止' })[s] ?? s;
    assert.ok(matchesFilter(r, filterTerms('运行中'), zh));
    assert.ok(!matchesFilter(r, filterTerms('运行中')));
    assert.ok(!matchesFilter(r, filterTerms('已停止'), zh));
    // An English state word matches from its start: "active" finds Active, not Inactive; Chinese matches anywhere.
    const act = ref('reservedInstance', { ReservedInstanceId: 'ecsri-1', ReservedInstanceName: 'ri-1', Status: 'Active' });
    const inact = ref('reservedInstance', { ReservedInstanceId: 'ecsri-2', ReservedInstanceName: 'ri-2', Status: 'Inactive' });
    const zhRi = (s: string) => ({ Active: '生效中', Inactive: '已失效' })[s] ?? s;
    assert.deepStrictEqual(
      [act, inact].map((x) => matchesFilter(x, filterTerms('active'), zhRi)),
      [true, false],
    );
    assert.deepStrictEqual(
      [act, inact].map((x) => matchesFilter(x, filterTerms('inact'), zhRi)),
      [false, true],
    );
    assert.deepStrictEqual(
      [act, inact].map((x) => matchesFilter(x, filterTerms('失效'), zhRi)),
      [false, true],
    );
    assert.ok(
      matchesFilter(
        ref('reservedInstance', { ReservedInstanceId: 'ecsri-3', ReservedInstanceName: 'db-active-pool', Status: 'Inactive' }),
        filterTerms('active'),
      ),
      'names still match anywhere',
    );
  });

  it('tooltips escape API values and show the useful fields', () => {
    assert.strictEqual(escapeMd('a*b_[x](y)'), 'a\\*b\\_\\[x\\]\\(y\\)');
    assert.strictEqual(formatDuration(95 * MIN, t), '1 h 35 min');
    assert.strictEqual(formatDuration(5 * MIN, t), '5 min');
    assert.strictEqual(formatDuration(72 * 60 * MIN, t), '3 d 0 h');
    const inst = ref('instance', {
      InstanceId: 'i-1',
      InstanceName: '[evil](http://x)',
      Status: 'RUNNING',
      InstanceTypeId: 'ecs.g3il.large',
      ZoneId: 'cn-beijing-a',
      InstanceChargeType: 'PrePaid',
      ExpiredAt: iso(now.getTime() + 86400_000),
      EipAddress: { IpAddress: '1.2.3.4' },
      NetworkInterfaces: [{ PrimaryIpAddress: '192.168.0.2' }],
      Cpus: 2,
      MemorySize: 8192,
    });
    const tip = resourceTooltip(inst, t, 'en', now);
    assert.ok(tip.includes('\\[evil\\]\\(http://x\\)'), 'link syntax is escaped');
    for (const s of [
      'ecs\\.g3il\\.large',
      'cn\\-beijing\\-a',
      'Subscription',
      'Expires',
      '1\\.2\\.3\\.4',
      '192\\.168\\.0\\.2',
      '2 vCPU / 8 GiB',
      'Cannot be deleted',
    ]) {
      assert.ok(tip.includes(s), `${s} in ${tip}`);
    }
    assert.ok(resourceTooltip(inst, t, 'zh-cn', now).includes('包年包月'), 'eligibility reason in Chinese');
    assert.ok(resourceTooltip(inst, t, 'zh-cn', now).includes('ID：'), 'full-width colons in Chinese');
    assert.ok(!resourceTooltip(inst, t, 'zh-cn', now).includes('ID: '));
    assert.ok(resourceTooltip(inst, t, 'zh-cn', now, () => '运行中').includes('运行中（RUNNING）'), 'state in words, API value beside it');
    const res = ref('reservation', {
      ScheduledInstanceId: 'esi-1',
      Status: 'RESERVED',
      ElasticScheduledInstanceType: 'Esi',
      CreatedAt: iso(now.getTime() - 10 * MIN),
      StartDeliveryAt: iso(now.getTime() + 86400_000),
      EndDeliveryAt: iso(now.getTime() + 2 * 86400_000),
      Count: 2,
      InstanceConfig: { InstanceTypeId: 'ecs.g3il.xlarge' },
    });
    const rt = resourceTooltip(res, t, 'en', now);
    assert.ok(rt.includes('Time left to cancel: 20 min'), rt);
    assert.ok(rt.includes('Delivery window'));
    const ri = ref('reservedInstance', {
      ReservedInstanceId: 'ecsri-1',
      Status: 'Active',
      InstanceType: 'ecs.g5.xlarge',
      InstanceAmount: 2,
      Scope: 'Zone',
      ZoneId: 'cn-hangzhou-h',
      Platform: 'Linux',
      ExpiredTime: '2030-01-01T00:00Z',
    });
    const it = resourceTooltip(ri, t, 'en', now);
    for (const s of ['Amount: 2', 'Computing power: 8', 'Scope: Zone cn\\-hangzhou\\-h', 'Platform: Linux', 'End time'])
      assert.ok(it.includes(s), `${s} in ${it}`);
    // A factor that is not documented: unknown until DescribeInstanceTypes gave the vCPU count, then an estimate.
    const est = ref('reservedInstance', {
      ReservedInstanceId: 'ecsri-2',
      Status: 'Active',
      InstanceType: 'ecs.r7.tooltip',
      InstanceAmount: 3,
    });
    assert.ok(resourceTooltip(est, t, 'en', now).includes('Computing power: unknown for this type'));
    learnInstanceTypes([{ InstanceTypeId: 'ecs.r7.tooltip', InstanceTypeFamily: 'ecs.r7', CpuCoreCount: 4 }]);
    const estTip = resourceTooltip(est, t, 'en', now);
    assert.ok(estTip.includes('Computing power: 12 \\(estimated — the cloud decides\\)'), estTip);
  });

  it('real data: a NoEsi subscription instance is not deletable; an unknown reservation status is offered and marked not checked', () => {
    // Ordinary instances say NoEsi and an empty ScheduledInstanceId (test/fixtures/volcengine/describe-instances.json).
    const pre = ref('instance', {
      InstanceId: 'i-n',
      Status: 'RUNNING',
      InstanceChargeType: 'PrePaid',
      ExpiredAt: iso(now.getTime() + 86400_000),
      ElasticScheduledInstanceType: 'NoEsi',
      ScheduledInstanceId: '',
      SpotStrategy: 'NoSpot',
    });
    assert.strictEqual(isEligible(pre, now), false);
    assert.ok(resourceTooltip(pre, t, 'en', now).includes('Cannot be deleted'));
    const odd = ref('reservation', {
      ScheduledInstanceId: 'esi-u',
      Status: 'WaitingDelivery',
      ElasticScheduledInstanceType: 'Esi',
      CreatedAt: iso(now.getTime() - 10 * MIN),
    });
    assert.strictEqual(isEligible(odd, now), true, 'an unknown status does not hide the action');
    assert.ok(resourceTooltip(odd, t, 'en', now).includes('Not checked locally'), resourceTooltip(odd, t, 'en', now));
    assert.ok(resourceTooltip(odd, t, 'zh-cn', now).includes('未在本地校验'));
    const lower = ref('reservation', {
      ScheduledInstanceId: 'esi-l',
      Status: 'reserved',
      ElasticScheduledInstanceType: 'Esi',
      CreatedAt: iso(now.getTime() - 10 * MIN),
    });
    assert.strictEqual(isEligible(lower, now), true, 'status names compare case-insensitively');
    assert.ok(!resourceTooltip(lower, t, 'en', now).includes('Not checked locally'));
  });

  it('appends pages without duplicates', () => {
    const a = ref('instance', { InstanceId: 'i-1', Status: 'RUNNING' });
    const b = ref('instance', { InstanceId: 'i-2', Status: 'RUNNING' });
    const b2 = ref('instance', { InstanceId: 'i-2', Status: 'STOPPED' });
    const items = [a];
    const ids = new Set(['i-1']);
    appendUnique(items, ids, [b2, b]);
    assert.deepStrictEqual(
      items.map((r) => r.id),
      ['i-1', 'i-2'],
    );
    assert.strictEqual(items[1], b2, 'the first copy of an ID is kept');
    appendUnique(items, ids, [a, b]);
    assert.deepStrictEqual(
      items.map((r) => r.id),
      ['i-1', 'i-2'],
    );
    assert.deepStrictEqual([...ids], ['i-1', 'i-2']);
    const empty: typeof items = [];
    appendUnique(empty, new Set(), [a]);
    assert.deepStrictEqual(
      empty.map((r) => r.id),
      ['i-1'],
    );
  });

  it('stops "Load more" when a next page repeats only rows already shown', () => {
    const a = ref('instance', { InstanceId: 'i-1', Status: 'RUNNING' });
    const items = [a];
    const ids = new Set(['i-1']);
    const page = { items: [a], more: { nextToken: 'fresh' } };
    const added = appendUnique(items, ids, page.items);
    assert.strictEqual(added, 0);
    assert.strictEqual(cursorAfter(page, { nextToken: 'prev' }, added), undefined, 'a repeated page ends the folder');
    assert.deepStrictEqual(cursorAfter(page, undefined, 1), { nextToken: 'fresh' }, 'a first page keeps its cursor');
    assert.deepStrictEqual(
      cursorAfter({ items: [], more: { pageNumber: 3 } }, { pageNumber: 2 }, 0),
      { pageNumber: 3 },
      'an empty page is not a repeat',
    );
  });
});
