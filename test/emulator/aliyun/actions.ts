/** Alibaba ECS 2014-05-26 reserved-instance actions over the emulator state. */
import { fail } from '../api-error';
import { failDocumented } from '../documented-errors';
import type { Call } from '../http-types';
import { RawList } from '../json-cache';
import type { Ledger, LedgerKind } from '../ledger';
import { aliTime, parseTime, type AliReservedInstance, type AliRiStatus } from '../model';
import { decodeToken, encodeToken, indexesOf, intParam, listParam } from '../params';
import { makeReserved } from '../seeds';
import type { AliRegionState, State } from '../state';
import { factorOf, familyOf, isFixedFamily } from './factors';
import { INSTANCE_TYPES, instanceTypeItem } from './instance-types';

export interface AliCtx {
  state: State;
  ledger: Ledger;
}
type Handler = (ctx: AliCtx, call: Call) => Record<string, unknown>;

const INVALID = { code: 'InvalidParameter' };
const LANGS = new Set(['zh-CN', 'en-US', 'ja', 'zh_TW', 'fr', 'de', 'ko']);
const RESOURCE_TYPES = new Set(['instance', 'disk', 'reservedinstance', 'scu']);
const HOUR = 3600_000;

function regionOf(ctx: AliCtx, call: Call): AliRegionState {
  const id = call.params.RegionId;
  if (!id) fail(400, 'MissingParamter.RegionId', 'The regionId should not be null.');
  const r = ctx.state.aliRegion(call.account, id);
  if (!r) fail(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist in our records.');
  return r;
}

/** Status as of the emulator clock (Active past ExpiredTime reads Expired). */
export function effective(ri: AliReservedInstance, now: number): AliReservedInstance {
  if ((ri.Status === 'Active' || ri.Status === 'Creating') && parseTime(ri.ExpiredTime) <= now) return { ...ri, Status: 'Expired' };
  return ri;
}

const describeRegions: Handler = (ctx, call) => {
  const p = call.params;
  if (p.ResourceType !== undefined && !RESOURCE_TYPES.has(p.ResourceType))
    fail(404, 'InvalidResourceType.NotFound', 'The specified ResourceType is not found.');
  if (p.InstanceChargeType !== undefined && p.InstanceChargeType !== 'PrePaid' && p.InstanceChargeType !== 'PostPaid')
    fail(400, 'InvalidInstanceChargeType.NotFound', 'The specified InstanceChargeType is not found.');
  const lang = p.AcceptLanguage ?? 'zh-CN';
  if (!LANGS.has(lang)) fail(404, 'InvalidAcceptLanguage.NotFound', 'The specified AcceptLanguage is not found.');
  const zh = lang.startsWith('zh');
  return {
    Regions: {
      Region: ctx.state.aliRegions.map((r) => ({
        RegionId: r.regionId,
        LocalName: zh ? r.localName : r.localNameEn,
        RegionEndpoint: r.endpoint,
        Status: 'available',
      })),
    },
  };
};

const describeZones: Handler = (ctx, call) => {
  const r = regionOf(ctx, call);
  return {
    Zones: {
      Zone: r.meta.zones.map((z) => ({
        ZoneId: z.zoneId,
        LocalName: z.localName,
        AvailableResourceCreation: { ResourceTypes: ['Instance', 'Disk', 'ReservedInstance'] },
        AvailableInstanceTypes: { InstanceTypes: ['ecs.g5.large', 'ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.c5.large', 'ecs.g6.large'] },
      })),
    },
  };
};

/** DescribeInstanceTypes (no RegionId in the request model): filters InstanceTypeFamily, InstanceTypes.N; MaxResults ≤ 1600 + NextToken. */
const describeInstanceTypes: Handler = (_ctx, call) => {
  const p = call.params;
  const max = intParam(p, 'MaxResults', 1, 1600, 1600, INVALID);
  const types = listParam(p, 'InstanceTypes', 10, INVALID);
  const fam = p.InstanceTypeFamily;
  const list = INSTANCE_TYPES.filter((t) => (!fam || t.family === fam) && (types.length === 0 || types.includes(t.id)));
  let start = 0;
  if (p.NextToken) {
    const last = decodeToken(p.NextToken);
    const i = last === undefined ? -1 : list.findIndex((t) => t.id === last);
    if (i < 0) fail(400, 'InvalidParameter', 'The specified parameter NextToken is not valid.');
    start = i + 1;
  }
  const page = list.slice(start, start + max);
  const more = start + max < list.length;
  return {
    InstanceTypes: { InstanceType: page.map(instanceTypeItem) },
    ...(more ? { NextToken: encodeToken(page[page.length - 1].id) } : {}),
  };
};

const describeReservedInstances: Handler = (ctx, call) => {
  const r = regionOf(ctx, call);
  const p = call.params;
  const pageNumber = intParam(p, 'PageNumber', 1, 1_000_000, 1, INVALID);
  const pageSize = intParam(p, 'PageSize', 1, 100, 10, INVALID);
  const ids = listParam(p, 'ReservedInstanceId', 100, INVALID);
  const statuses = listParam(p, 'Status', 100, INVALID);
  if (p.ZoneId && !r.meta.zones.some((z) => z.zoneId === p.ZoneId))
    fail(400, 'InvalidZone.NotFound', 'The specified parameter ZoneId is not valid.');
  if (p.AllocationType !== undefined && p.AllocationType !== 'Normal' && p.AllocationType !== 'Shared')
    fail(400, 'InvalidAllocationType.ValueNotSupported', 'The specified AllocationType is not supported.');
  const now = ctx.state.clock.nowMs();
  const idSet = ids.length ? new Set(ids) : undefined;
  const stSet = statuses.length ? new Set(statuses) : undefined;
  const scope = p.Scope?.toLowerCase();
  const filtered =
    idSet ||
    stSet ||
    p.ZoneId ||
    p.InstanceType ||
    p.InstanceTypeFamily ||
    scope ||
    p.ReservedInstanceName ||
    p.OfferingType ||
    p.LockReason;
  let list: AliReservedInstance[];
  if (!filtered) {
    list = r.reserved.list();
  } else {
    list = [];
    for (const raw of r.reserved.list()) {
      if (idSet && !idSet.has(raw.ReservedInstanceId)) continue;
      const ri = effective(raw, now);
      if (stSet && !stSet.has(ri.Status)) continue;
      if (p.ZoneId && ri.ZoneId !== p.ZoneId) continue;
      if (p.InstanceType && ri.InstanceType !== p.InstanceType) continue;
      if (p.InstanceTypeFamily && familyOf(ri.InstanceType) !== p.InstanceTypeFamily) continue;
      if (scope && ri.Scope.toLowerCase() !== scope) continue;
      if (p.ReservedInstanceName && ri.ReservedInstanceName !== p.ReservedInstanceName) continue;
      if (p.OfferingType && ri.OfferingType !== p.OfferingType) continue;
      if (p.LockReason && !ri.OperationLocks.OperationLock.some((l) => l.LockReason === p.LockReason)) continue;
      list.push(raw);
    }
  }
  const start = (pageNumber - 1) * pageSize;
  const items = list.slice(start, start + pageSize).map((ri) => effective(ri, now));
  return {
    TotalCount: list.length,
    PageNumber: pageNumber,
    PageSize: pageSize,
    ReservedInstances: {
      ReservedInstance: new RawList(items, (r) => r.Status + r.ReservedInstanceName + r.InstanceAmount + r.ExpiredTime),
    },
  };
};

const MODIFY = 'ModifyReservedInstances';
/** 2–128 characters (code points); starts with a letter or a Chinese character; letters, digits, Chinese, ':', '_', '-'. */
const NAME_RE = /^[A-Za-z\p{Script=Han}][A-Za-z0-9\p{Script=Han}:_-]{1,127}$/u;

interface Target {
  type: string;
  amount: number;
  scope: 'Region' | 'Zone';
  zoneId: string;
  name?: string;
}

function readConfigs(p: Record<string, string>, r: AliRegionState): Target[] {
  const idx = indexesOf(p, 'Configuration', 100, INVALID);
  if (idx.length === 0)
    fail(
      400,
      'MissingParameter.Configuration',
      'The input parameter “Configuration” that is mandatory for processing this request is not supplied.',
    );
  return idx.map((n) => {
    const g = (k: string) => p[`Configuration.${n}.${k}`];
    const type = g('InstanceType');
    if (!type)
      fail(
        400,
        'MissingParameter.InstanceType',
        `The input parameter “Configuration.${n}.InstanceType” that is mandatory for processing this request is not supplied.`,
      );
    const amountRaw = g('InstanceAmount');
    if (amountRaw === undefined || amountRaw === '')
      fail(
        400,
        'MissingParameter.InstanceAmount',
        `The input parameter “Configuration.${n}.InstanceAmount” that is mandatory for processing this request is not supplied.`,
      );
    if (!/^\d+$/.test(amountRaw) || Number(amountRaw) < 1)
      fail(400, 'InvalidParameter', `The specified parameter Configuration.${n}.InstanceAmount is not valid: must be an integer >= 1.`);
    const scopeRaw = (g('Scope') ?? 'Region').toLowerCase();
    if (scopeRaw !== 'region' && scopeRaw !== 'zone')
      fail(400, 'InvalidParameter', `The specified parameter Configuration.${n}.Scope is not valid: Region or Zone.`);
    const scope = scopeRaw === 'zone' ? 'Zone' : 'Region';
    const zoneId = g('ZoneId') ?? '';
    if (scope === 'Zone' && !zoneId)
      fail(
        400,
        'MissingParameter.ZoneId',
        `The input parameter “Configuration.${n}.ZoneId” that is mandatory when Scope is Zone is not supplied.`,
      );
    if (zoneId && !r.meta.zones.some((z) => z.zoneId === zoneId))
      fail(400, 'InvalidZone.NotFound', 'The specified parameter ZoneId is not valid.');
    const name = g('ReservedInstanceName');
    if (name !== undefined && (!NAME_RE.test(name) || /^https?:\/\//i.test(name)))
      fail(403, 'InvalidParameter.ReservedInstanceName', 'the reservedInstanceName is invalid.');
    if (factorOf(type) === undefined) failDocumented(MODIFY, 'InvalidInstanceType.ValueUnauthorized');
    if (scope === 'Zone') {
      const fl = r.zoneFlags.get(zoneId);
      if (fl?.notOpen) failDocumented(MODIFY, 'Zone.NotOpen');
      if (fl?.notOnSale) failDocumented(MODIFY, 'Zone.NotOnSale', { status: 403 });
      if (fl?.noStock) failDocumented(MODIFY, 'OperationDenied.NoStock');
    }
    return { type, amount: Number(amountRaw), scope, zoneId: scope === 'Zone' ? zoneId : '', name };
  });
}

const notMatch = (why: string): never => failDocumented(MODIFY, 'InvalidParameter.NotMatch', { detail: why });

const modifyReservedInstances: Handler = (ctx, call) => {
  const r = regionOf(ctx, call);
  const p = call.params;
  if (call.account.arrearage) failDocumented(MODIFY, 'Account.Arrearage');
  if (r.unauthorized) failDocumented(MODIFY, 'RegionUnauthorized', { detail: `The region ${r.meta.regionId} is not authorized.` });
  if (r.salesSuspended) failDocumented(MODIFY, 'OperationDenied');
  const ids = listParam(p, 'ReservedInstanceId', 20, INVALID);
  if (ids.length === 0)
    fail(
      400,
      'MissingParameter.ReservedInstanceId',
      'The input parameter “ReservedInstanceId” that is mandatory for processing this request is not supplied.',
    );
  if (new Set(ids).size !== ids.length) fail(400, 'InvalidParameter', 'The specified parameter ReservedInstanceId contains duplicates.');
  const targets = readConfigs(p, r);
  const now = ctx.state.clock.nowMs();
  const sources = ids.map((id) => {
    const ri = r.reserved.get(id);
    if (!ri) fail(404, 'InvalidReservedInstanceId.NotFound', `The specified ReservedInstanceId ${id} does not exist.`);
    if (effective(ri, now).Status !== 'Active') failDocumented(MODIFY, 'IncorrectInstanceStatus');
    return ri;
  });
  const family = familyOf(sources[0].InstanceType);
  if (sources.some((s) => familyOf(s.InstanceType) !== family) || targets.some((t) => familyOf(t.type) !== family))
    notMatch('The instance type family cannot be changed.');
  let kind: LedgerKind;
  const s0 = sources[0];
  const sameLocation = (t: Target) => t.scope === s0.Scope && t.zoneId === s0.ZoneId;
  if (sources.length > 1) {
    kind = 'merge';
    for (const s of sources) {
      if (s.Scope !== s0.Scope || s.ZoneId !== s0.ZoneId) notMatch('Reserved instances to merge must have the same scope and zone.');
      if (s.Platform !== s0.Platform) notMatch('Reserved instances to merge must have the same platform.');
      if (s.ExpiredTime !== s0.ExpiredTime) notMatch('Reserved instances to merge must have the same end time.');
    }
    // One or more new coupons, each at the sources' scope and zone and with InstanceAmount ≤ 100.
    if (!targets.every(sameLocation)) notMatch('A merge keeps the scope and zone; split, merge and scope change cannot be combined.');
    if (targets.some((t) => t.amount > 100)) notMatch('The InstanceAmount of each merged reserved instance cannot exceed 100.');
  } else if (targets.length === 1 && targets[0].type === s0.InstanceType && targets[0].amount === s0.InstanceAmount) {
    kind = 'modify';
    if (sameLocation(targets[0])) notMatch('The configuration is unchanged.');
  } else {
    kind = 'split';
    if (!targets.every(sameLocation)) notMatch('A split keeps the scope and zone; split, merge and scope change cannot be combined.');
  }
  // Burstable t5 and GPU gn6i reserved instances cannot be split or merged and are zonal only.
  if (sources.some((x) => isFixedFamily(x.InstanceType))) {
    if (kind === 'split' || kind === 'merge') notMatch('The reserved instances of this instance type family cannot be split or merged.');
    if (targets.some((t) => t.scope !== 'Zone')) notMatch('The reserved instances of this instance type family can only be zonal.');
  }
  const power = (type: string, n: number) => (factorOf(type) ?? NaN) * n;
  const before = sources.reduce((a, s) => a + power(s.InstanceType, s.InstanceAmount), 0);
  const after = targets.reduce((a, t) => a + power(t.type, t.amount), 0);
  if (!(before === after)) notMatch(`The computing power must stay the same (before ${before}, after ${after}).`);

  for (const s of sources) {
    s.Status = 'Updating';
    ctx.state.schedule(() => {
      if (s.Status === 'Updating') s.Status = 'Inactive';
    });
  }
  const newIds = targets.map((t) => {
    const ri = makeReserved(ctx.state, r.meta.regionId, {
      name: t.name ?? 'ri-' + s0.ReservedInstanceName.replace(/^ri-/, '').slice(0, 100),
      type: t.type,
      amount: t.amount,
      scope: t.scope,
      zone: t.zoneId,
      status: 'Creating' as AliRiStatus,
      platform: s0.Platform,
      created: now,
      expires: parseTime(s0.ExpiredTime),
      offering: s0.OfferingType,
    });
    ri.StartTime = aliTime(Math.ceil(now / HOUR) * HOUR);
    if (t.name === undefined) ri.ReservedInstanceName = ri.ReservedInstanceId;
    r.reserved.put(ri);
    ctx.state.schedule(() => {
      if (ri.Status === 'Creating') ri.Status = 'Active';
    });
    return ri.ReservedInstanceId;
  });
  ctx.ledger.record({
    provider: 'aliyun',
    account: call.account.spec.accessKeyId,
    region: r.meta.regionId,
    action: 'ModifyReservedInstances',
    kind,
    resourceIds: ids,
    newResourceIds: newIds,
    requestId: call.requestId,
    at: new Date(now).toISOString(),
  });
  return { ReservedInstanceIdSets: { ReservedInstanceId: newIds } };
};

export const ALI_ACTIONS: Record<string, Handler> = {
  DescribeRegions: describeRegions,
  DescribeZones: describeZones,
  DescribeReservedInstances: describeReservedInstances,
  DescribeInstanceTypes: describeInstanceTypes,
  ModifyReservedInstances: modifyReservedInstances,
};
