/** Volcengine ECS 2020-04-01 actions over the emulator state. */
import { fail } from '../api-error';
import { documentedError, failDocumented } from '../documented-errors';
import type { Call } from '../http-types';
import { RawList } from '../json-cache';
import type { Ledger } from '../ledger';
import { parseTime, volcTime, type VolcInstance, type VolcScheduledInstance } from '../model';
import { decodeToken, encodeToken, intParam, listParam } from '../params';
import type { State, Table, VolcRegionState } from '../state';

export interface VolcCtx {
  state: State;
  ledger: Ledger;
}
type Handler = (ctx: VolcCtx, call: Call) => Record<string, unknown>;

const INVALID_ARG = { code: 'InvalidArgument' };
/** DeleteInstances documents one InvalidArgument message. */
const DELETE_INVALID_ARG = { code: 'InvalidArgument', message: documentedError('DeleteInstances', 'InvalidArgument').message };
const DELETABLE = new Set(['RUNNING', 'STOPPED', 'ERROR']);
const ESI_CANCEL_WINDOW_MS = 30 * 60_000;

function region(ctx: VolcCtx, call: Call): VolcRegionState {
  const r = ctx.state.volcRegion(call.account, call.region);
  if (!r) fail(404, 'InvalidRegion.NotFound', `The specified region ${call.region} does not exist.`);
  return r;
}

/** Page through a filtered table: token carries the last ID returned. */
function page<T>(
  table: Table<T>,
  idOf: (t: T) => string,
  params: Record<string, string>,
  max: number,
  filter?: (t: T) => boolean,
): { items: T[]; next: string; total: number } {
  const maxResults = intParam(params, 'MaxResults', 1, max, 10, INVALID_ARG);
  const token = params.NextToken;
  let after: string | undefined;
  if (token) {
    after = decodeToken(token);
    if (after === undefined) fail(400, 'InvalidArgument', 'The specified NextToken is invalid.');
  }
  const all = table.list();
  if (!filter) {
    const start = after === undefined ? 0 : table.indexAfter(after);
    const items = all.slice(start, start + maxResults);
    const more = start + maxResults < all.length;
    return { items, next: more ? encodeToken(idOf(items[items.length - 1])) : '', total: all.length };
  }
  const matched = all.filter(filter);
  let start = 0;
  if (after !== undefined) {
    while (start < matched.length && idOf(matched[start]) <= after) start++;
  }
  const items = matched.slice(start, start + maxResults);
  const more = start + maxResults < matched.length;
  return { items, next: more ? encodeToken(idOf(items[items.length - 1])) : '', total: matched.length };
}

function idFilter(params: Record<string, string>, prefix: string): Set<string> | undefined {
  const ids = listParam(params, prefix, 100, INVALID_ARG);
  return ids.length ? new Set(ids) : undefined;
}

const describeRegions: Handler = (ctx, call) => {
  const p = call.params;
  const ids = listParam(p, 'RegionIds', 20, { code: 'LimitExceeded.MaximumRegionIds' });
  const maxResults = intParam(p, 'MaxResults', 1, 20, 10, INVALID_ARG);
  let all = ctx.state.volcRegions.map((r) => r.regionId);
  if (ids.length) all = all.filter((r) => ids.includes(r));
  let start = 0;
  if (p.NextToken) {
    const after = decodeToken(p.NextToken);
    const i = after === undefined ? -1 : all.indexOf(after);
    if (i < 0) fail(400, 'InvalidArgument', 'The specified NextToken is invalid.');
    start = i + 1;
  }
  const items = all.slice(start, start + maxResults);
  const more = start + maxResults < all.length;
  return { Regions: items.map((RegionId) => ({ RegionId })), NextToken: more ? encodeToken(items[items.length - 1]) : '' };
};

const describeZones: Handler = (ctx, call) => {
  const r = region(ctx, call);
  const ids = listParam(call.params, 'ZoneIds', 20, { code: 'LimitExceeded.MaximumZoneIds' });
  for (const z of ids) if (!r.meta.zones.includes(z)) fail(404, 'InvalidZone.NotFound', `The specified zone ${z} does not exist.`);
  const zones = ids.length ? r.meta.zones.filter((z) => ids.includes(z)) : r.meta.zones;
  return { Zones: zones.map((ZoneId) => ({ ZoneId })) };
};

const describeInstances: Handler = (ctx, call) => {
  const r = region(ctx, call);
  const p = call.params;
  const ids = idFilter(p, 'InstanceIds');
  const f: ((i: VolcInstance) => boolean)[] = [];
  if (ids) f.push((i) => ids.has(i.InstanceId));
  if (p.Status) f.push((i) => i.Status === p.Status);
  if (p.ZoneId) f.push((i) => i.ZoneId === p.ZoneId);
  if (p.InstanceChargeType) f.push((i) => i.InstanceChargeType === p.InstanceChargeType);
  if (p.ScheduledInstanceId) f.push((i) => i.ScheduledInstanceId === p.ScheduledInstanceId);
  if (p.InstanceName) f.push((i) => i.InstanceName.includes(p.InstanceName));
  if (p.VpcId) f.push((i) => i.VpcId === p.VpcId);
  if (p.PrimaryIpAddress) f.push((i) => i.NetworkInterfaces.some((n) => n.PrimaryIpAddress === p.PrimaryIpAddress));
  const pg = page(r.instances, (i) => i.InstanceId, p, 100, f.length ? (i) => f.every((g) => g(i)) : undefined);
  return {
    Instances: new RawList(pg.items, (i) => i.Status + i.UpdatedAt + i.ExpiredAt + i.InstanceName),
    NextToken: pg.next,
    TotalCount: pg.total,
  };
};

const describeScheduledInstances: Handler = (ctx, call) => {
  const r = region(ctx, call);
  const p = call.params;
  const ids = idFilter(p, 'ScheduledInstanceIds');
  const f: ((s: VolcScheduledInstance) => boolean)[] = [];
  if (ids) f.push((s) => ids.has(s.ScheduledInstanceId));
  if (p.Status) f.push((s) => s.Status === p.Status);
  if (p.ZoneId) f.push((s) => s.ZoneId === p.ZoneId);
  if (p.ElasticScheduledInstanceType) f.push((s) => s.ElasticScheduledInstanceType === p.ElasticScheduledInstanceType);
  if (p.DeliveryType) f.push((s) => s.DeliveryType === p.DeliveryType);
  if (p.ScheduledInstanceName) f.push((s) => s.ScheduledInstanceName.includes(p.ScheduledInstanceName));
  const pg = page(r.scheduled, (s) => s.ScheduledInstanceId, p, 100, f.length ? (s) => f.every((g) => g(s)) : undefined);
  return { ScheduledInstanceInfo: new RawList(pg.items, (s) => s.Status + s.UpdatedAt + s.ScheduledInstanceName), NextToken: pg.next };
};

const deleteInstances: Handler = (ctx, call) => {
  const r = region(ctx, call);
  const ids = listParam(call.params, 'InstanceIds', 100, DELETE_INVALID_ARG);
  if (ids.length === 0) fail(400, 'MissingParameter.InstanceId', 'The required parameter InstanceId is not supplied.');
  if (ids.some((id) => id === '') || new Set(ids).size !== ids.length) failDocumented('DeleteInstances', 'InvalidArgument');
  const count = call.params.Count;
  if (count !== undefined && (!/^[1-9]\d*$/.test(count) || Number(count) !== ids.length))
    failDocumented('DeleteInstances', 'InvalidCount.Malformed');
  for (const id of ids) {
    const host = r.instances.get(id)?.Placement.DedicatedHostId;
    if (host && r.unavailableDedicatedHosts.has(host)) failDocumented('DeleteInstances', 'InvalidDedicatedHostStatus.Unsupported');
  }
  const now = ctx.state.clock.nowMs();
  const done: string[] = [];
  const details = ids.map((id) => {
    const inst = r.instances.get(id);
    if (!inst) return { InstanceId: id, Error: { Code: 'InvalidInstance.NotFound', Message: 'The specified instance does not exist.' } };
    if (!DELETABLE.has(inst.Status))
      return {
        InstanceId: id,
        Error: { Code: 'InvalidInstanceStatus', Message: 'The status of the specified instance does not support this request.' },
      };
    if (inst.InstanceChargeType === 'PrePaid' && parseTime(inst.ExpiredAt) > now) {
      return {
        InstanceId: id,
        Error: {
          Code: 'OperationDenied.PrePaidInstanceNotExpired',
          Message: 'The specified subscription instance has not expired and cannot be deleted.',
        },
      };
    }
    inst.Status = 'DELETING';
    inst.UpdatedAt = volcTime(now);
    ctx.state.schedule(() => {
      if (r.instances.get(id) === inst) r.instances.delete(id);
    });
    done.push(id);
    const shape = call.account.deleteSuccessError;
    return shape === 'null'
      ? { InstanceId: id, Error: null }
      : shape === 'empty'
        ? { InstanceId: id, Error: { Code: '', Message: '' } }
        : { InstanceId: id };
  });
  if (done.length)
    ctx.ledger.record({
      provider: 'volcengine',
      account: call.account.spec.accessKeyId,
      region: call.region,
      action: 'DeleteInstances',
      kind: 'delete',
      resourceIds: done,
      requestId: call.requestId,
      clientToken: call.clientToken,
      at: new Date(now).toISOString(),
    });
  return { OperationDetails: details };
};

const deleteScheduledInstance: Handler = (ctx, call) => {
  const r = region(ctx, call);
  const id = call.params.ScheduledInstanceId;
  if (!id) failDocumented('DeleteScheduledInstance', 'MissingParameter.ScheduledInstanceId');
  const s = r.scheduled.get(id);
  if (!s) failDocumented('DeleteScheduledInstance', 'InvalidScheduledInstance.NotFound');
  if (s.ElasticScheduledInstanceType === 'Segmented' && s.DeliveryType === 'Immediate') {
    failDocumented('DeleteScheduledInstance', 'InvalidDeliveryTypeForScheduledInstanceDeletion.Unsupported');
  }
  if (s.Status !== 'RESERVED') failDocumented('DeleteScheduledInstance', 'InvalidScheduledInstanceStatus');
  const now = ctx.state.clock.nowMs();
  const late =
    s.ElasticScheduledInstanceType === 'Esi' ? now >= parseTime(s.CreatedAt) + ESI_CANCEL_WINDOW_MS : now >= parseTime(s.StartDeliveryAt);
  if (late) failDocumented('DeleteScheduledInstance', 'OperationDenied.LatestCancelTime');
  s.Status = 'CANCELLED';
  s.UpdatedAt = volcTime(now);
  ctx.ledger.record({
    provider: 'volcengine',
    account: call.account.spec.accessKeyId,
    region: call.region,
    action: 'DeleteScheduledInstance',
    kind: 'cancel',
    resourceIds: [id],
    requestId: call.requestId,
    clientToken: call.clientToken,
    at: new Date(now).toISOString(),
  });
  return {};
};

export const VOLC_ACTIONS: Record<string, Handler> = {
  DescribeRegions: describeRegions,
  DescribeZones: describeZones,
  DescribeInstances: describeInstances,
  DescribeScheduledInstances: describeScheduledInstances,
  DeleteInstances: deleteInstances,
  DeleteScheduledInstance: deleteScheduledInstance,
};

/** Actions that accept ClientToken and have side effects. */
export const VOLC_MUTATING = new Set(['DeleteInstances', 'DeleteScheduledInstance']);
