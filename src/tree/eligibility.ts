/** Maps the core's eligibility rules to a yes/no per resource (drives contextValue, hence menus). Pure. */
import type { AliyunReservedInstance, VolcInstance, VolcScheduledInstance } from '../core';
import { canCancelReservation, canDeleteInstance } from '../core';
import type { ResourceRef } from '../services';

/** How long a computed answer is reused (answers with a deadline expire at the deadline). */
export const ELIGIBILITY_TTL_MS = 30_000;

function compute(ref: ResourceRef, now: Date): { ok: boolean; timeLeftMs?: number } {
  switch (ref.kind) {
    case 'instance':
      return canDeleteInstance(ref.data as VolcInstance, now);
    case 'reservation':
      return canCancelReservation(ref.data as VolcScheduledInstance, now);
    case 'reservedInstance':
      return { ok: reservedInstanceModifiable(ref.data as AliyunReservedInstance, now) };
  }
}

const cache = new WeakMap<object, { ok: boolean; until: number }>();

/**
 * Whether the kind's main action (delete / cancel / split-merge-modify) can work now.
 * Cached per API object for ELIGIBILITY_TTL_MS (or until the deadline) so building many items stays cheap.
 */
export function isEligible(ref: ResourceRef, now: Date): boolean {
  const key = ref.data as object;
  const t = now.getTime();
  const hit = cache.get(key);
  if (hit && t < hit.until && t >= hit.until - ELIGIBILITY_TTL_MS) return hit.ok;
  const e = compute(ref, now);
  const ttl = e.ok && e.timeLeftMs !== undefined ? Math.min(e.timeLeftMs, ELIGIBILITY_TTL_MS) : ELIGIBILITY_TTL_MS;
  cache.set(key, { ok: e.ok, until: t + ttl });
  return e.ok;
}

/** Computes eligibility ahead (at load time) so the first render is cheap. */
export function warmEligibility(refs: readonly ResourceRef[], now: Date): void {
  for (const r of refs) isEligible(r, now);
}

/** A coupon can be split, merged or re-scoped only while Active and not expired (the core re-checks the full change). */
export function reservedInstanceModifiable(ri: AliyunReservedInstance, now: Date): boolean {
  if (ri.Status !== 'Active') return false;
  if (!ri.ExpiredTime) return true;
  const t = Date.parse(ri.ExpiredTime);
  return Number.isNaN(t) || t > now.getTime();
}
