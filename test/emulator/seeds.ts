/** Seed data: demo (every kind and state, deterministic, relative to clock time), large, empty. */
import type {
  AliReservedInstance,
  AliRiStatus,
  VolcInstance,
  VolcInstanceStatus,
  VolcScheduledInstance,
  VolcScheduledStatus,
} from './model';
import { aliTime, volcTime } from './model';
import type { Account, AliRegionMeta, State, VolcRegionMeta } from './state';

export type SeedName = 'demo' | 'large' | 'empty';
export interface LargeOptions {
  volcengineRegions?: number;
  instancesPerRegion?: number;
  reservationsPerRegion?: number;
  aliyunRegions?: number;
  reservedInstancesPerRegion?: number;
}

const MIN = 60_000,
  HOUR = 60 * MIN,
  DAY = 24 * HOUR;

const VOLC_REGION_IDS = [
  'cn-beijing',
  'cn-shanghai',
  'cn-guangzhou',
  'ap-southeast-1',
  'ap-southeast-3',
  'cn-hongkong',
  'cn-beijing2',
  'ap-southeast-2',
  'cn-beijing-autodriving',
  'cn-shanghai-autodriving',
];
const ALI_REGIONS: [string, string, string, string[]][] = [
  ['cn-hangzhou', '华东1（杭州）', 'China (Hangzhou)', ['b', 'h', 'i', 'j', 'k']],
  ['cn-shanghai', '华东2（上海）', 'China (Shanghai)', ['e', 'f', 'g']],
  ['cn-beijing', '华北2（北京）', 'China (Beijing)', ['g', 'h', 'i']],
  ['cn-shenzhen', '华南1（深圳）', 'China (Shenzhen)', ['d', 'e']],
  ['cn-qingdao', '华北1（青岛）', 'China (Qingdao)', ['b', 'c']],
  ['ap-southeast-1', '新加坡', 'Singapore', ['a', 'b', 'c']],
  ['cn-zhangjiakou', '华北3（张家口）', 'China (Zhangjiakou)', ['a', 'b', 'c']],
  ['cn-huhehaote', '华北5（呼和浩特）', 'China (Hohhot)', ['a', 'b']],
  ['cn-chengdu', '西南1（成都）', 'China (Chengdu)', ['a', 'b']],
  ['cn-hongkong', '中国香港', 'China (Hong Kong)', ['b', 'c']],
];
/** ID lead characters per region, like the real ones (bp = Hangzhou, uf = Shanghai, 2z = Beijing). */
const ALI_LEAD: Record<string, string> = {
  'cn-hangzhou': 'bp1',
  'cn-shanghai': 'uf6',
  'cn-beijing': '2ze',
  'cn-shenzhen': 'wz9',
  'cn-qingdao': 'm5e',
};

function volcMeta(n: number): VolcRegionMeta[] {
  const ids = VOLC_REGION_IDS.slice(0, Math.min(n, VOLC_REGION_IDS.length));
  for (let i = ids.length; i < n; i++) ids.push(`cn-bench-${i + 1}`);
  return ids.map((regionId) => ({
    regionId,
    zones: regionId.startsWith('ap-') ? [`${regionId}a`, `${regionId}b`] : [`${regionId}-a`, `${regionId}-b`, `${regionId}-c`],
  }));
}

function aliMeta(n: number): AliRegionMeta[] {
  const out: AliRegionMeta[] = [];
  for (let i = 0; i < n; i++) {
    const [regionId, localName, localNameEn, letters] = ALI_REGIONS[i] ?? [
      `cn-bench-${i + 1}`,
      `压测${i + 1}`,
      `Bench ${i + 1}`,
      ['a', 'b'],
    ];
    out.push({
      regionId,
      localName,
      localNameEn,
      endpoint: `ecs.${regionId}.aliyuncs.com`,
      zones: letters.map((l) => ({ zoneId: `${regionId}-${l}`, localName: `${localName.replace(/（.*）/, '')} 可用区${l.toUpperCase()}` })),
    });
  }
  return out;
}

const TYPES: Record<string, [number, number]> = {
  'ecs.g3il.large': [2, 8192],
  'ecs.g3il.xlarge': [4, 16384],
  'ecs.c3il.2xlarge': [8, 16384],
  'ecs.r3il.large': [2, 16384],
  'ecs.g1ie.4xlarge': [16, 65536],
};

interface InstOpts {
  name: string;
  status: VolcInstanceStatus;
  zone: string;
  type?: string;
  charge?: 'PostPaid' | 'PrePaid';
  expiredAt?: number;
  createdAt: number;
  spot?: boolean;
  scheduled?: VolcScheduledInstance;
  eip?: boolean;
  dedicatedHostId?: string;
}

let ipCounter = 0;
function makeInstance(st: State, o: InstOpts): VolcInstance {
  const type = o.type ?? 'ecs.g3il.large';
  const [cpus, mem] = TYPES[type] ?? [2, 8192];
  const id = st.newId('i-');
  const n = ipCounter++;
  const vpc = 'vpc-' + id.slice(2, 14);
  return {
    InstanceId: id,
    InstanceName: o.name,
    Description: '',
    HostName: o.name,
    Hostname: o.name,
    InstanceTypeId: type,
    Cpus: cpus,
    MemorySize: mem,
    ZoneId: o.zone,
    Status: o.status,
    InstanceChargeType: o.charge ?? 'PostPaid',
    ExpiredAt: o.expiredAt !== undefined ? volcTime(o.expiredAt) : '',
    CreatedAt: volcTime(o.createdAt),
    UpdatedAt: volcTime(o.createdAt),
    EipAddress: o.eip
      ? { AllocationId: 'eip-' + id.slice(2, 16), IpAddress: `101.126.${(n >> 8) & 255}.${n & 255}` }
      : { AllocationId: '', IpAddress: '' },
    NetworkInterfaces: [
      {
        NetworkInterfaceId: 'eni-' + id.slice(2, 16),
        PrimaryIpAddress: `192.168.${(n >> 8) & 255}.${n & 255 || 1}`,
        MacAddress: `00:16:3e:${((n >> 16) & 255).toString(16).padStart(2, '0')}:${((n >> 8) & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`,
        SubnetId: 'subnet-' + id.slice(2, 14),
        VpcId: vpc,
        Type: 'primary',
        SecurityGroupIds: ['sg-' + id.slice(2, 14)],
        Ipv6Addresses: [],
      },
    ],
    OsName: 'CentOS 7.9 64位',
    OsType: 'Linux',
    ImageId: 'image-ybqi99s7yq8rx7mnk44b',
    VpcId: vpc,
    ProjectName: 'default',
    KeyPairName: '',
    SpotStrategy: o.spot ? 'SpotAsPriceGo' : 'NoSpot',
    SpotPriceLimit: 0,
    // An ordinary instance says NoEsi and an empty ScheduledInstanceId, as the real service does.
    ScheduledInstanceId: o.scheduled?.ScheduledInstanceId ?? '',
    ElasticScheduledInstanceType: o.scheduled?.ElasticScheduledInstanceType ?? 'NoEsi',
    DeletionProtection: false,
    StoppedMode: o.status === 'STOPPED' ? 'KeepCharging' : '',
    Uuid: id.slice(2).padEnd(32, '0'),
    Placement: {
      Affinity: '',
      DedicatedHostClusterId: '',
      DedicatedHostId: o.dedicatedHostId ?? '',
      Tenancy: o.dedicatedHostId ? 'host' : 'default',
    },
    Tags: [],
    AffinityGroupId: '',
    CpuOptions: { CoreCount: Math.max(1, cpus / 2), ThreadsPerCore: 2, TopologyType: '' },
    DeploymentSetGroupNumber: 0,
    DeploymentSetId: '',
    EnableJumboFrame: false,
    HpcClusterId: '',
    KeyPairId: '',
    LocalVolumes: [],
    MetadataOptions: { HttpTokens: 'optional' },
    RdmaIpAddresses: [],
    RdmaNetworkInterfaceDetails: [],
    Volumes: [{ VolumeId: 'vol-' + id.slice(2, 22) }],
  };
}

interface SchedOpts {
  name: string;
  kind: 'Esi' | 'Segmented';
  delivery?: 'Reserve' | 'Immediate';
  status: VolcScheduledStatus;
  zone: string;
  createdAt: number;
  start: number;
  end: number;
  count?: number;
  type?: string;
}
function makeScheduled(st: State, o: SchedOpts): VolcScheduledInstance {
  const id = st.newId('esi-');
  const type = o.type ?? 'ecs.g3il.xlarge';
  return {
    ScheduledInstanceId: id,
    ScheduledInstanceName: o.name,
    ScheduledInstanceDescription: '',
    ElasticScheduledInstanceType: o.kind,
    DeliveryType: o.kind === 'Segmented' ? (o.delivery ?? 'Reserve') : '',
    Status: o.status,
    CreatedAt: volcTime(o.createdAt),
    UpdatedAt: volcTime(o.createdAt),
    StartDeliveryAt: volcTime(o.start),
    EndDeliveryAt: volcTime(o.end),
    InvalidAt: volcTime(o.end),
    AutoReleaseAt: volcTime(o.end),
    Count: o.count ?? 2,
    DeliveryCount: o.status === 'DELIVERED' || o.status === 'DELIVERING' ? (o.count ?? 2) : 0,
    ReleaseCount: 0,
    ZoneId: o.zone,
    ProjectName: 'default',
    Tags: [],
    InstanceConfig: {
      InstanceTypeId: type,
      ImageId: 'image-ybqi99s7yq8rx7mnk44b',
      InstanceName: o.name,
      ZoneId: o.zone,
      Description: '',
      HostName: o.name,
      KeyPairName: '',
      ProjectName: 'default',
      HpcClusterId: '',
      Tags: [],
      EipAddress: {
        BandwidthMbps: 0,
        BandwidthPackageId: '',
        ChargeType: '',
        ISP: '',
        ReleaseWithInstance: false,
        SecurityProtectionInstanceId: '',
        SecurityProtectionTypes: [],
      },
      NetworkInterfacesRes: [{ SecurityGroupIds: ['sg-' + id.slice(4, 16)], SubnetId: 'subnet-' + id.slice(4, 16) }],
      Volumes: [{ Kind: 'system', Size: 40, VolumeType: 'ESSD_PL0' }],
    },
  };
}

interface RiOpts {
  name: string;
  type: string;
  amount: number;
  scope: 'Region' | 'Zone';
  zone?: string;
  status: AliRiStatus;
  platform?: 'Linux' | 'Windows';
  created: number;
  expires: number;
  offering?: AliReservedInstance['OfferingType'];
}
export function makeReserved(st: State, regionId: string, o: RiOpts): AliReservedInstance {
  const id = st.newId('ecsri-', 20, ALI_LEAD[regionId] ?? '');
  return {
    ReservedInstanceId: id,
    ReservedInstanceName: o.name,
    Description: '',
    RegionId: regionId,
    ZoneId: o.scope === 'Zone' ? (o.zone ?? '') : '',
    InstanceType: o.type,
    InstanceAmount: o.amount,
    Scope: o.scope,
    OfferingType: o.offering ?? 'All Upfront',
    Platform: o.platform ?? 'Linux',
    Status: o.status,
    CreationTime: aliTime(o.created),
    StartTime: aliTime(hourFloor(o.created)),
    ExpiredTime: aliTime(o.expires),
    AllocationStatus: '',
    ResourceGroupId: 'rg-acfmzw2jz2z****',
    OperationLocks: { OperationLock: [] },
    Tags: { Tag: [] },
  };
}

export function hourFloor(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR;
}

function seedVolcDemo(st: State, acc: Account, now: number): void {
  for (const meta of st.volcRegions.slice(0, 3)) {
    const r = st.volcRegion(acc, meta.regionId)!;
    const [za, zb] = meta.zones;
    const short = meta.regionId.replace('cn-', '');
    const add = (o: Omit<InstOpts, 'createdAt'> & { createdAt?: number }) =>
      r.instances.put(makeInstance(st, { createdAt: now - 3 * DAY, ...o }));
    const addS = (o: SchedOpts) => {
      const s = makeScheduled(st, o);
      r.scheduled.put(s);
      return s;
    };
    if (meta.regionId === 'cn-beijing') {
      addS({
        name: 'esi-fresh-10min',
        kind: 'Esi',
        status: 'RESERVED',
        zone: za,
        createdAt: now - 10 * MIN,
        start: now + DAY,
        end: now + 8 * DAY,
      });
      addS({
        name: 'esi-old-2h',
        kind: 'Esi',
        status: 'RESERVED',
        zone: za,
        createdAt: now - 2 * HOUR,
        start: now + DAY,
        end: now + 8 * DAY,
      });
      addS({
        name: 'seg-reserve-future',
        kind: 'Segmented',
        delivery: 'Reserve',
        status: 'RESERVED',
        zone: zb,
        createdAt: now - 5 * HOUR,
        start: now + 2 * DAY,
        end: now + 3 * DAY,
      });
      addS({
        name: 'seg-reserve-started',
        kind: 'Segmented',
        delivery: 'Reserve',
        status: 'RESERVED',
        zone: zb,
        createdAt: now - 2 * DAY,
        start: now - HOUR,
        end: now + DAY,
      });
      addS({
        name: 'seg-immediate',
        kind: 'Segmented',
        delivery: 'Immediate',
        status: 'RESERVED',
        zone: zb,
        createdAt: now - 20 * MIN,
        start: now + 3 * HOUR,
        end: now + DAY,
      });
      const delivered = addS({
        name: 'esi-delivered',
        kind: 'Esi',
        status: 'DELIVERED',
        zone: za,
        createdAt: now - 3 * DAY,
        start: now - 2 * DAY,
        end: now + 5 * DAY,
        count: 1,
      });
      addS({
        name: 'esi-cancelled',
        kind: 'Esi',
        status: 'CANCELLED',
        zone: za,
        createdAt: now - 5 * MIN,
        start: now + DAY,
        end: now + 2 * DAY,
      });
      addS({ name: 'esi-creating', kind: 'Esi', status: 'CREATING', zone: za, createdAt: now - MIN, start: now + DAY, end: now + 2 * DAY });
      add({ name: 'web-postpaid-running', status: 'RUNNING', zone: za, eip: true });
      add({ name: 'batch-stopped', status: 'STOPPED', zone: za, type: 'ecs.c3il.2xlarge' });
      add({ name: 'spot-worker', status: 'RUNNING', zone: zb, spot: true });
      add({ name: 'from-reservation', status: 'RUNNING', zone: za, scheduled: delivered, type: 'ecs.g3il.xlarge' });
      add({
        name: 'db-prepaid-active',
        status: 'RUNNING',
        zone: za,
        charge: 'PrePaid',
        expiredAt: now + 30 * DAY,
        type: 'ecs.r3il.large',
        eip: true,
      });
      add({ name: 'old-prepaid-expired', status: 'STOPPED', zone: zb, charge: 'PrePaid', expiredAt: now - 2 * DAY });
      add({ name: 'leaving-deleting', status: 'DELETING', zone: za });
      add({ name: 'new-creating', status: 'CREATING', zone: zb, createdAt: now - MIN });
      add({ name: 'broken-error', status: 'ERROR', zone: zb });
      const host = 'dh-' + st.newId('', 20);
      add({ name: 'on-dedicated-host', status: 'RUNNING', zone: za, dedicatedHostId: host }); // lock the host with setFlags
      for (const s of ['STOPPING', 'REBOOTING', 'STARTING', 'REBUILDING', 'RESIZING'] as const)
        add({ name: `busy-${s.toLowerCase()}`, status: s, zone: zb });
    } else {
      add({ name: `${short}-web-1`, status: 'RUNNING', zone: za, eip: true });
      add({ name: `${short}-web-2`, status: 'RUNNING', zone: zb });
      add({ name: `${short}-job`, status: 'STOPPED', zone: za, type: 'ecs.g1ie.4xlarge' });
      add({ name: `${short}-prepaid`, status: 'RUNNING', zone: zb, charge: 'PrePaid', expiredAt: now + 90 * DAY });
      add({ name: `${short}-spot`, status: 'RUNNING', zone: za, spot: true });
      addS({
        name: `${short}-esi-fresh`,
        kind: 'Esi',
        status: 'RESERVED',
        zone: za,
        createdAt: now - 10 * MIN,
        start: now + DAY,
        end: now + 4 * DAY,
      });
      addS({
        name: `${short}-esi-delivering`,
        kind: 'Esi',
        status: 'DELIVERING',
        zone: za,
        createdAt: now - DAY,
        start: now - 10 * MIN,
        end: now + 4 * DAY,
      });
      addS({
        name: `${short}-seg-released`,
        kind: 'Segmented',
        delivery: 'Reserve',
        status: 'RELEASED',
        zone: zb,
        createdAt: now - 9 * DAY,
        start: now - 8 * DAY,
        end: now - 7 * DAY,
      });
      addS({
        name: `${short}-seg-expired`,
        kind: 'Segmented',
        delivery: 'Reserve',
        status: 'EXPIRED',
        zone: zb,
        createdAt: now - 20 * DAY,
        start: now - 19 * DAY,
        end: now - 18 * DAY,
      });
    }
  }
}

function seedAliDemo(st: State, acc: Account, now: number): void {
  const year = hourFloor(now + 300 * DAY);
  const created = now - 65 * DAY;
  for (const meta of st.aliRegions.slice(0, 3)) {
    const r = st.aliRegion(acc, meta.regionId)!;
    const z = meta.zones.map((x) => x.zoneId);
    const add = (o: Omit<RiOpts, 'created' | 'expires'> & { created?: number; expires?: number }) =>
      r.reserved.put(makeReserved(st, meta.regionId, { created, expires: year, ...o }));
    if (meta.regionId === 'cn-hangzhou') {
      const [, zh, zi] = z;
      add({ name: 'g5-xlarge-region', type: 'ecs.g5.xlarge', amount: 2, scope: 'Region', status: 'Active' });
      add({ name: 'g5-2xlarge-zone', type: 'ecs.g5.2xlarge', amount: 4, scope: 'Zone', zone: zh, status: 'Active' });
      add({ name: 'merge-a', type: 'ecs.g5.xlarge', amount: 4, scope: 'Zone', zone: zi, status: 'Active' });
      add({ name: 'merge-b', type: 'ecs.g5.xlarge', amount: 4, scope: 'Zone', zone: zi, status: 'Active' });
      add({ name: 'windows-xlarge', type: 'ecs.g5.xlarge', amount: 4, scope: 'Zone', zone: zi, status: 'Active', platform: 'Windows' });
      add({
        name: 'other-end-time',
        type: 'ecs.g5.xlarge',
        amount: 4,
        scope: 'Zone',
        zone: zi,
        status: 'Active',
        expires: year + 30 * DAY,
      });
      add({ name: 'c5-region', type: 'ecs.c5.2xlarge', amount: 1, scope: 'Region', status: 'Active', offering: 'No Upfront' });
      add({ name: 'updating', type: 'ecs.g5.large', amount: 2, scope: 'Region', status: 'Updating' });
      add({ name: 'inactive', type: 'ecs.g5.large', amount: 2, scope: 'Region', status: 'Inactive' });
      add({
        name: 'expired',
        type: 'ecs.g5.large',
        amount: 1,
        scope: 'Region',
        status: 'Expired',
        created: now - 400 * DAY,
        expires: hourFloor(now - 35 * DAY),
      });
      add({ name: 'creating', type: 'ecs.g6.xlarge', amount: 1, scope: 'Region', status: 'Creating', created: now - 5 * MIN });
      add({
        name: 't5-burstable',
        type: 'ecs.t5-lc1m2.large',
        amount: 1,
        scope: 'Zone',
        zone: zh,
        status: 'Active',
        offering: 'Partial Upfront',
      });
      r.zoneFlags.set(`${meta.regionId}-k`, { noStock: true });
    } else {
      add({ name: 'g6-region', type: 'ecs.g6.large', amount: 4, scope: 'Region', status: 'Active' });
      add({ name: 'c6-zone', type: 'ecs.c6.2xlarge', amount: 2, scope: 'Zone', zone: z[0], status: 'Active', platform: 'Windows' });
      add({
        name: 'r6-expired',
        type: 'ecs.r6.xlarge',
        amount: 1,
        scope: 'Region',
        status: 'Expired',
        created: now - 400 * DAY,
        expires: hourFloor(now - 10 * DAY),
      });
      // GPU gn6i: zonal only, cannot be split or merged.
      if (meta.regionId === 'cn-shanghai') {
        add({ name: 'gn6i-gpu', type: 'ecs.gn6i-c4g1.xlarge', amount: 2, scope: 'Zone', zone: z[1], status: 'Active' });
        // A locked, tagged coupon (LockReason values: the DescribeReservedInstances request model).
        const locked = makeReserved(st, meta.regionId, {
          name: 'locked-financial',
          type: 'ecs.g6.large',
          amount: 2,
          scope: 'Region',
          status: 'Active',
          created,
          expires: year,
        });
        locked.OperationLocks = { OperationLock: [{ LockReason: 'financial' }] };
        locked.Tags = { Tag: [{ TagKey: 'team', TagValue: 'billing' }] };
        r.reserved.put(locked);
      }
    }
  }
}

/** Adds `count` RUNNING pay-as-you-go instances named `${prefix}-000`… to a Volcengine region; returns their IDs. */
export function addVolcInstances(st: State, acc: Account, regionId: string, count: number, prefix: string): string[] {
  const r = st.volcRegion(acc, regionId);
  if (!r) throw new Error(`unknown region ${regionId}`);
  const now = st.clock.nowMs();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const inst = makeInstance(st, {
      name: `${prefix}-${String(i).padStart(3, '0')}`,
      status: 'RUNNING',
      zone: r.meta.zones[i % r.meta.zones.length],
      createdAt: now - MIN,
    });
    r.instances.put(inst);
    ids.push(inst.InstanceId);
  }
  return ids;
}

function seedVolcLarge(st: State, acc: Account, now: number, perRegion: number, reservations: number): void {
  const statuses: VolcInstanceStatus[] = [
    'RUNNING',
    'RUNNING',
    'RUNNING',
    'STOPPED',
    'RUNNING',
    'RUNNING',
    'RUNNING',
    'STOPPED',
    'RUNNING',
    'ERROR',
  ];
  for (const meta of st.volcRegions) {
    const r = st.volcRegion(acc, meta.regionId)!;
    for (let i = 0; i < perRegion; i++) {
      r.instances.put(
        makeInstance(st, {
          name: `bench-${meta.regionId}-${i}`,
          status: statuses[i % statuses.length],
          zone: meta.zones[i % meta.zones.length],
          createdAt: now - (i + 1) * MIN,
          charge: i % 17 === 0 ? 'PrePaid' : 'PostPaid',
          expiredAt: i % 17 === 0 ? now + 30 * DAY : undefined,
          spot: i % 13 === 0,
        }),
      );
    }
    for (let i = 0; i < reservations; i++) {
      const seg = i % 3 === 0;
      r.scheduled.put(
        makeScheduled(st, {
          name: `bench-esi-${i}`,
          kind: seg ? 'Segmented' : 'Esi',
          delivery: seg ? 'Reserve' : undefined,
          status: 'RESERVED',
          zone: meta.zones[i % meta.zones.length],
          createdAt: now - (i % 60) * MIN,
          start: now + DAY,
          end: now + 2 * DAY,
        }),
      );
    }
  }
}

function seedAliLarge(st: State, acc: Account, now: number, perRegion: number): void {
  const types = ['ecs.g5.large', 'ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.c6.xlarge', 'ecs.r6.2xlarge', 'ecs.g7.4xlarge'];
  const expires = hourFloor(now + 200 * DAY);
  for (const meta of st.aliRegions) {
    const r = st.aliRegion(acc, meta.regionId)!;
    for (let i = 0; i < perRegion; i++) {
      const zonal = i % 2 === 1;
      r.reserved.put(
        makeReserved(st, meta.regionId, {
          name: `bench-ri-${i}`,
          type: types[i % types.length],
          amount: 1 + (i % 8),
          scope: zonal ? 'Zone' : 'Region',
          zone: zonal ? meta.zones[i % meta.zones.length].zoneId : undefined,
          status: i % 25 === 24 ? 'Expired' : 'Active',
          created: now - 30 * DAY,
          expires: i % 25 === 24 ? hourFloor(now - DAY) : expires,
        }),
      );
    }
  }
}

export function applySeed(st: State, seed: SeedName, large: LargeOptions = {}): void {
  st.clear(seed);
  ipCounter = 0;
  const now = st.clock.nowMs();
  if (seed === 'large') {
    st.volcRegions = volcMeta(large.volcengineRegions ?? 10);
    st.aliRegions = aliMeta(large.aliyunRegions ?? 10);
    for (const acc of st.accountsOf('volcengine'))
      seedVolcLarge(st, acc, now, large.instancesPerRegion ?? 2000, large.reservationsPerRegion ?? 200);
    for (const acc of st.accountsOf('aliyun')) seedAliLarge(st, acc, now, large.reservedInstancesPerRegion ?? 500);
    return;
  }
  st.volcRegions = volcMeta(5);
  st.aliRegions = aliMeta(6);
  if (seed === 'empty') return;
  for (const acc of st.accountsOf('volcengine')) seedVolcDemo(st, acc, now);
  for (const acc of st.accountsOf('aliyun')) seedAliDemo(st, acc, now);
}
