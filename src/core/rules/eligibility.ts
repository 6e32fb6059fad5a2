/**
 * Whether an action is allowed on a resource, as pure functions of (resource, now): Volcengine instances and
 * reservations here, Alibaba reserved-instance coupons in reservedInstances.ts.
 * The server stays the final judge; these drive menus, confirmations and pre-flight checks.
 */
import type { Bilingual } from '../types';
import type { VolcInstance, VolcScheduledInstance } from '../schemas/volcengine';
import { iso, parseTime } from './time';

export { parseTime };
export * from './reservedInstances';

/**
 * `unchecked`: allowed because the resource is in a state the product does not know; the local rules could not
 * judge it, so the server decides (said to the user in both languages).
 */
export type Eligibility = { ok: true; timeLeftMs?: number; unchecked?: Bilingual } | { ok: false; reason: string; message: Bilingual };

/** Esi reservations can be cancelled within this time after CreatedAt. */
export const ESI_CANCEL_WINDOW_MS = 30 * 60_000;

const no = (reason: string, en: string, zh: string): Eligibility => ({ ok: false, reason, message: { en, zh } });

// ---- Volcengine instances ----

/** Transitional states in which the cloud refuses DeleteInstances (InvalidInstanceStatus); RUNNING, STOPPED, ERROR are deletable. */
const BUSY: Readonly<Record<string, { en: string; zh: string }>> = {
  STARTING: { en: 'starting', zh: '正在启动' },
  STOPPING: { en: 'stopping', zh: '正在停止' },
  REBOOTING: { en: 'rebooting', zh: '正在重启' },
  REBUILDING: { en: 'being rebuilt', zh: '正在重装' },
  RESIZING: { en: 'being resized', zh: '正在变配' },
};

/** Instance states the product knows (the ten of the DescribeInstances docs, BytePlus and Volcengine; RUNNING, STOPPED, ERROR are deletable). */
const INSTANCE_STATES: ReadonlySet<string> = new Set([
  'CREATING',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'REBOOTING',
  'STARTING',
  'REBUILDING',
  'RESIZING',
  'ERROR',
  'DELETING',
]);

const notChecked = (what: string, state: string): Bilingual => ({
  en: `Not checked locally: ${what} state ${state} is not one ECS Explorer knows; the server decides`,
  zh: `未在本地校验：ECS Explorer 不认识${what === 'instance' ? '实例' : '弹性预约单'}状态 ${state}，以服务端判定为准`,
});

/** Whether an instance is elastic-scheduled: real ordinary instances say `NoEsi` (and `ScheduledInstanceId: ""`). */
export function isElasticScheduled(inst: Pick<VolcInstance, 'ScheduledInstanceId' | 'ElasticScheduledInstanceType'>): boolean {
  if (inst.ScheduledInstanceId) return true;
  const t = (inst.ElasticScheduledInstanceType ?? '').toLowerCase();
  return t === 'esi' || t === 'segmented';
}

export function canDeleteInstance(inst: VolcInstance, now: Date): Eligibility {
  const status = (inst.Status ?? '').toUpperCase();
  if (status === 'CREATING') return no('instance-creating', 'The instance is still being created', '实例正在创建中');
  if (status === 'DELETING') return no('instance-deleting', 'The instance is already being deleted', '实例正在删除中');
  const busy = BUSY[status];
  if (busy)
    return no(
      'instance-busy',
      `The instance is ${busy.en}; wait until it is Running or Stopped`,
      `实例${busy.zh}；请等待其变为运行中或已停止`,
    );
  const spot = !!inst.SpotStrategy && inst.SpotStrategy !== 'NoSpot';
  const ok: Eligibility = INSTANCE_STATES.has(status) ? { ok: true } : { ok: true, unchecked: notChecked('instance', inst.Status) };
  if (inst.InstanceChargeType !== 'PrePaid' || spot || isElasticScheduled(inst)) return ok;
  const expires = parseTime(inst.ExpiredAt);
  if (expires === undefined) {
    return no(
      'subscription-not-expired',
      'Subscription instance: its expiry time is unknown, so it cannot be deleted before it expires',
      '包年包月实例：到期时间未知，到期前不支持删除',
    );
  }
  if (expires <= now.getTime()) return ok;
  return no(
    'subscription-not-expired',
    `Subscription instance: does not expire until ${iso(expires)}; convert it to pay-as-you-go or wait until it expires`,
    `包年包月实例在 ${iso(expires)} 前未到期；请先转为按量计费或等待到期`,
  );
}

// ---- Volcengine scheduled instances (reservations) ----

/**
 * Reservation statuses the product knows (upper case; no official source lists them, see src/core/README.md) and
 * whether each can be cancelled. Compared case-insensitively; any other status is left to the server.
 */
const RESERVATION_STATES: Readonly<Record<string, { en: string; zh: string } | null>> = {
  RESERVED: null,
  CREATING: { en: 'still being created', zh: '正在创建' },
  DELIVERING: { en: 'being delivered', zh: '正在交付' },
  DELIVERED: { en: 'delivered', zh: '已交付' },
  CANCELLED: { en: 'already cancelled', zh: '已取消' },
  RELEASED: { en: 'released', zh: '已释放' },
  EXPIRED: { en: 'expired', zh: '已过期' },
};

export function canCancelReservation(res: VolcScheduledInstance, now: Date): Eligibility {
  const status = (res.Status ?? '').toUpperCase();
  const known = Object.prototype.hasOwnProperty.call(RESERVATION_STATES, status);
  const blocked = known ? RESERVATION_STATES[status] : null;
  if (status === 'CANCELLED') return no('reservation-status', 'The reservation is already cancelled', '该弹性预约单已取消');
  if (blocked) {
    return no(
      'reservation-status',
      `The reservation is ${blocked.en} (${res.Status}); only reservations waiting for delivery (RESERVED) can be cancelled`,
      `弹性预约单${blocked.zh}（${res.Status}），只有待交付（RESERVED）的弹性预约单可以取消`,
    );
  }
  const unchecked = known ? undefined : notChecked('reservation', res.Status);
  const allowed = (timeLeftMs?: number): Eligibility => ({
    ok: true,
    ...(timeLeftMs !== undefined ? { timeLeftMs } : {}),
    ...(unchecked ? { unchecked } : {}),
  });
  const type = (res.ElasticScheduledInstanceType || 'Esi').toLowerCase();
  if (type === 'segmented') {
    if ((res.DeliveryType || 'Reserve').toLowerCase() === 'immediate') {
      return no('immediate-delivery', 'Immediate delivery reservations cannot be cancelled', '立即交付的弹性预约单不支持取消预约');
    }
    const start = parseTime(res.StartDeliveryAt);
    if (start === undefined) return allowed(); // unknown window: let the server decide
    const left = start - now.getTime();
    if (left > 0) return allowed(left);
    return no(
      'delivery-started',
      `The delivery window started at ${iso(start)}; the reservation can no longer be cancelled`,
      `交付时间段已于 ${iso(start)} 开始，不能再取消预约`,
    );
  }
  const created = parseTime(res.CreatedAt);
  if (created === undefined) return allowed(); // unknown window: let the server decide
  const left = created + ESI_CANCEL_WINDOW_MS - now.getTime();
  if (left > 0) return allowed(left);
  return no(
    'cancel-window-passed',
    `Reservations can be cancelled only within 30 minutes of creation (created ${iso(created)})`,
    `弹性预约单只能在创建后 30 分钟内取消（创建于 ${iso(created)}）`,
  );
}
