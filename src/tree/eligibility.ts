/** Each resource's actions checked against the core's rules, cached (drives contextValue, hence menus). Pure. */
import { contextFlags, kindSpec } from '../kinds';
import { reservedInstanceModifiable } from '../kinds/reservedInstance';
import type { ResourceRef } from '../contracts';

export { reservedInstanceModifiable };

/** How long a computed answer is reused (answers with a deadline expire at the deadline). */
export const ELIGIBILITY_TTL_MS = 30_000;

interface Answer {
  /** The kind's first action can act now. */
  readonly ok: boolean;
  /** contextValue: `resource;<kind>;<flag>;…` (see kinds/index contextFlags). */
  readonly flags: string;
  readonly until: number;
}

function compute(ref: ResourceRef, now: Date): Answer {
  const t = now.getTime();
  let ttl = ELIGIBILITY_TTL_MS;
  const oks = new Map<string, boolean>();
  for (const a of kindSpec(ref.kind).actions) {
    if (oks.has(a.flag)) continue;
    const e = a.check(ref.data, now);
    if (e.ok && e.timeLeftMs !== undefined) ttl = Math.min(ttl, e.timeLeftMs);
    oks.set(a.flag, e.ok);
  }
  const flags = contextFlags(ref.kind, (a) => oks.get(a.flag) === true);
  return { ok: [...oks.values()][0] ?? false, flags, until: t + ttl };
}

const cache = new WeakMap<object, Answer>();

function answer(ref: ResourceRef, now: Date): Answer {
  const key = ref.data as object;
  const t = now.getTime();
  const hit = cache.get(key);
  if (hit && t < hit.until && t >= hit.until - ELIGIBILITY_TTL_MS) return hit;
  const a = compute(ref, now);
  cache.set(key, a);
  return a;
}

/**
 * Whether the kind's main action (delete / cancel / split-merge-modify) can work now.
 * Cached per API object for ELIGIBILITY_TTL_MS (or until the deadline) so building many items stays cheap.
 */
export function isEligible(ref: ResourceRef, now: Date): boolean {
  return answer(ref, now).ok;
}

/** The row's contextValue (cached with the answer). */
export function resourceFlags(ref: ResourceRef, now: Date): string {
  return answer(ref, now).flags;
}

/** Computes eligibility ahead (at load time) so the first render is cheap. */
export function warmEligibility(refs: readonly ResourceRef[], now: Date): void {
  for (const r of refs) answer(r, now);
}
