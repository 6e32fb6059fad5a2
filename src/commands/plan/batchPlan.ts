/** Which selected resources a batch action sends, which it leaves out and why, and the confirmation text. Pure. */
import type { Eligibility } from '../../core';
import type { Bilingual, Locale } from '../../core/types';
import type { KindAction, KindSpec } from '../../kinds';
import type { ResourceRef } from '../../contracts';
import { pick, type Translate } from '../../output/translate';
import { groupByPlace, refLabel } from './refs';

export interface SkippedRef {
  readonly ref: ResourceRef;
  /** Stable reason code (from the core, or `other-kind`). */
  readonly reason: string;
  readonly message: Bilingual;
}

export interface BatchGroup {
  readonly accountId: string;
  readonly region: string;
  readonly refs: ResourceRef[];
}

export interface BatchPlan {
  /** Eligible resources, grouped by account and region (one client call sequence per group). */
  readonly groups: BatchGroup[];
  readonly eligible: ResourceRef[];
  /** The check of each eligible resource, in `eligible` order. */
  readonly checks: Eligibility[];
  readonly skipped: SkippedRef[];
  /** Eligible resources in a state the product does not know: sent, the server decides. */
  readonly unchecked: { readonly ref: ResourceRef; readonly message: Bilingual }[];
}

const OTHER_KIND = { en: 'Not the kind of resource this action works on', zh: '不是此操作适用的资源类型' };

export type Check = (data: unknown, now: Date) => Eligibility;

/** Plans `action` of `kind` on the selected refs: each resource once, other kinds and ineligible ones left out. */
export function planBatch(refs: readonly ResourceRef[], now: Date, kind: KindSpec, check: Check): BatchPlan {
  const eligible: ResourceRef[] = [];
  const checks: Eligibility[] = [];
  const skipped: SkippedRef[] = [];
  const unchecked: BatchPlan['unchecked'] = [];
  // One resource once, however often it was selected (listed twice, or under two accounts with the same keys).
  const seen = new Set<string>();
  for (const ref of refs) {
    const key = `${ref.provider}\u0000${ref.kind}\u0000${ref.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (ref.kind !== kind.kind || ref.provider !== kind.provider) {
      skipped.push({ ref, reason: 'other-kind', message: OTHER_KIND });
      continue;
    }
    const e = ref.data ? check(ref.data, now) : ({ ok: true } as Eligibility);
    if (e.ok) {
      eligible.push(ref);
      checks.push(e);
      if (e.unchecked) unchecked.push({ ref, message: e.unchecked });
    } else skipped.push({ ref, reason: e.reason, message: e.message });
  }
  return { groups: groupByPlace(eligible), eligible, checks, skipped, unchecked };
}

export interface BatchConfirmation {
  /** Modal headline / input box title. */
  readonly message: string;
  /** Modal detail: every resource, then those left out with the reason. */
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

/** One line per resource: `name (id) · region`. */
export function resourceLines(refs: readonly ResourceRef[]): string[] {
  return refs.map((r) => `${refLabel(r)} · ${r.region}`);
}

export function skippedLines(skipped: readonly SkippedRef[], locale: Locale): string[] {
  return skipped.map((s) => `${refLabel(s.ref)} · ${s.ref.region}: ${pick(s.message, locale)}`);
}

/** The confirmation of a planned batch action, in the action's words (kind table). */
export function batchConfirmation(plan: BatchPlan, action: KindAction, t: Translate, locale: Locale): BatchConfirmation {
  const text = action.batch!.text;
  const n = plan.eligible.length;
  const regions = [...new Set(plan.eligible.map((r) => r.region))];
  const lines = plan.eligible.map((r, i) =>
    [`${refLabel(r)} · ${r.region}`, ...(text.details?.(t, r, plan.checks[i], locale) ?? [])].join(' · '),
  );
  const detail = [
    ...listLines(lines, t),
    ...(plan.unchecked.length
      ? [
          '',
          ...listLines(
            plan.unchecked.map((u) => `${refLabel(u.ref)}: ${pick(u.message, locale)}`),
            t,
          ),
        ]
      : []),
    '',
    text.warning(t),
  ];
  if (plan.skipped.length) {
    detail.push('', t('Left out ({0}):', plan.skipped.length), ...listLines(skippedLines(plan.skipped, locale), t));
  }
  const shown = plan.eligible.slice(0, MAX_PROMPT_ITEMS).map(refLabel).join(t(', '));
  const more = n > MAX_PROMPT_ITEMS ? t(' and {0} more', n - MAX_PROMPT_ITEMS) : '';
  // The left-out resources by name (the reasons are in the output and, in the modal, in the detail).
  const leftOut = plan.skipped
    .slice(0, MAX_PROMPT_SKIPPED)
    .map((s) => s.ref.name)
    .join(t(', '));
  const moreLeftOut = plan.skipped.length > MAX_PROMPT_SKIPPED ? t(' and {0} more', plan.skipped.length - MAX_PROMPT_SKIPPED) : '';
  const skippedNote = plan.skipped.length ? t(' (left out: {0}{1}; why: see the output)', leftOut, moreLeftOut) : '';
  return {
    message: text.question(t, plan.eligible, regions),
    detail: detail.join('\n'),
    confirmLabel: text.confirmLabel(t, n),
    typePrompt: text.typePrompt(t, n, shown, more, skippedNote, text.note?.(t, plan.checks)),
  };
}
