/** Maps the core's eligibility rules to a yes/no per resource (drives contextValue, hence menus). Pure. */
import type { AliyunReservedInstance, VolcInstance, VolcScheduledInstance } from '../core';
import { canCancelReservation, canDeleteInstance } from '../core';
import type { ResourceRef } from '../services';

/** Whether the kind's main action (delete / cancel / split-merge-modify) can work now. */
export function isEligible(ref: ResourceRef, now: Date): boolean {
  switch (ref.kind) {
    case 'instance':
      return canDeleteInstance(ref.data as VolcInstance, now).ok;
    case 'reservation':
      return canCancelReservation(ref.data as VolcScheduledInstance, now).ok;
    case 'reservedInstance':
      return reservedInstanceModifiable(ref.data as AliyunReservedInstance, now);
  }
}

/** A coupon can be split, merged or re-scoped only while Active and not expired (the core re-checks the full change). */
export function reservedInstanceModifiable(ri: AliyunReservedInstance, now: Date): boolean {
  if (ri.Status !== 'Active') return false;
  if (!ri.ExpiredTime) return true;
  const t = Date.parse(ri.ExpiredTime);
  return Number.isNaN(t) || t > now.getTime();
}
