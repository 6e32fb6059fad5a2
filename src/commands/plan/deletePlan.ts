/** Which instances a Delete Instances run sends, which it leaves out and why, and the confirmation text. Pure. */
import { canDeleteInstance, type Eligibility, type VolcInstance } from '../../core';
import type { Bilingual, Locale } from '../../core/types';
import type { ResourceRef } from '../../services';
import { pick, type Translate } from '../../output/translate';
import { groupByPlace, refLabel } from './refs';

export interface SkippedRef {
  readonly ref: ResourceRef;
  /** Stable reason code (from the core, or `not-an-instance`). */
  readonly reason: string;
  readonly message: Bilingual;
}

export interface DeleteGroup {
  readonly profileId: string;
  readonly region: string;
  readonly refs: ResourceRef[];
}

export interface DeletePlan {
  /** Eligible instances, grouped by profile and region (one client call sequence per group). */
  readonly groups: DeleteGroup[];
  readonly eligible: ResourceRef[];
  readonly skipped: SkippedRef[];
  /** Eligible instances in a state the product does not know: sent, the server decides. */
  readonly unchecked: { readonly ref: ResourceRef; readonly message: Bilingual }[];
}

export type DeleteCheck = (inst: VolcInstance, now: Date) => Eligibility;

export function planDeletion(refs: readonly ResourceRef[], now: Date, check: DeleteCheck = canDeleteInstance): DeletePlan {
  const eligible: ResourceRef[] = [];
  const skipped: SkippedRef[] = [];
  const unchecked: DeletePlan['unchecked'] = [];
  // One instance once, however often it was selected (listed twice, or under two accounts with the same keys).
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.provider}\u0000${ref.kind}\u0000${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (ref.kind !== 'instance' || ref.provider !== 'volcengine') {
      skipped.push({ ref, reason: 'not-an-instance', message: { en: 'Not a Volcengine ECS instance', zh: '不是火山引擎 ECS 实例' } });
      continue;
    }
    const data = ref.data as VolcInstance | undefined;
    const e = data ? check(data, now) : ({ ok: true } as Eligibility);
    if (e.ok) {
      eligible.push(ref);
      if (e.unchecked) unchecked.push({ ref, message: e.unchecked });
    } else skipped.push({ ref, reason: e.reason, message: e.message });
  }
  return { groups: groupByPlace(eligible), eligible, skipped, unchecked };
}

export interface DeleteConfirmation {
  /** Modal headline / input box title. */
  readonly message: string;
  /** Modal detail: every instance, then those left out with the reason. */
  readonly detail: string;
  readonly confirmLabel: string;
  /** Input box prompt for type-the-count (short: the input box shows one or two lines). */
  readonly typePrompt: string;
}

const MAX_DETAIL_LINES = 40;
const MAX_PROMPT_ITEMS = 3;
const MAX_PROMPT_SKIPPED = 2;

function listLines(items: readonly string[], t: Translate): string[] {
  if (items.length <= MAX_DETAIL_LINES) return [...items];
  return [...items.slice(0, MAX_DETAIL_LINES - 1), t('… and {0} more (listed in the output)', items.length - (MAX_DETAIL_LINES - 1))];
}

/** One line per instance: `name (id) · region`. */
export function instanceLines(refs: readonly ResourceRef[]): string[] {
  return refs.map((r) => `${refLabel(r)} · ${r.region}`);
}

export function skippedLines(skipped: readonly SkippedRef[], locale: Locale): string[] {
  return skipped.map((s) => `${refLabel(s.ref)} · ${s.ref.region}: ${pick(s.message, locale)}`);
}

export function deleteConfirmation(plan: DeletePlan, t: Translate, locale: Locale): DeleteConfirmation {
  const n = plan.eligible.length;
  const regions = [...new Set(plan.eligible.map((r) => r.region))];
  const message =
    n === 1
      ? t('Delete instance {0} in {1}?', refLabel(plan.eligible[0]), plan.eligible[0].region)
      : t('Delete {0} instances in {1}?', n, regions.join(t(', ')));
  const detail = [
    ...listLines(instanceLines(plan.eligible), t),
    ...(plan.unchecked.length ? ['', ...listLines(plan.unchecked.map((u) => `${refLabel(u.ref)}: ${pick(u.message, locale)}`), t)] : []),
    '',
    t('Deleted instances cannot be recovered. Pay-as-you-go billing stops when they are deleted.'),
  ];
  if (plan.skipped.length) {
    detail.push('', t('Left out ({0}):', plan.skipped.length), ...listLines(skippedLines(plan.skipped, locale), t));
  }
  const shown = plan.eligible.slice(0, MAX_PROMPT_ITEMS).map(refLabel).join(t(', '));
  const more = n > MAX_PROMPT_ITEMS ? t(' and {0} more', n - MAX_PROMPT_ITEMS) : '';
  // The left-out instances by name (the reasons are in the output and, in the modal, in the detail).
  const leftOut = plan.skipped.slice(0, MAX_PROMPT_SKIPPED).map((s) => s.ref.name).join(t(', '));
  const moreLeftOut = plan.skipped.length > MAX_PROMPT_SKIPPED ? t(' and {0} more', plan.skipped.length - MAX_PROMPT_SKIPPED) : '';
  const skippedNote = plan.skipped.length ? t(' (left out: {0}{1}; why: see the output)', leftOut, moreLeftOut) : '';
  return {
    message,
    detail: detail.join('\n'),
    confirmLabel: n === 1 ? t('Delete 1 Instance') : t('Delete {0} Instances', n),
    typePrompt: t('Type {0} to delete: {1}{2}{3}', n, shown, more, skippedNote),
  };
}
