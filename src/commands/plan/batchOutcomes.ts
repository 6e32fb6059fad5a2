/** One outcome per resource of a batch action run, the output table and the summary text. Pure. */
import type { BatchOutcome } from '../../core';
import type { Locale } from '../../core/types';
import type { BatchTexts } from '../../kinds';
import type { ResourceRef } from '../../contracts';
import type { OutcomeRow } from '../../output/format';
import { pick, type Translate } from '../../output/translate';
import type { BatchPlan } from './batchPlan';

/** `done`: the action was done; `cancelled`: not sent (the user cancelled); `skipped`: left out by the plan. */
export type ResultKind = 'done' | 'failed' | 'unknown' | 'cancelled' | 'skipped';

export interface BatchItemResult {
  readonly ref: ResourceRef;
  readonly kind: ResultKind;
  readonly code?: string;
  readonly message?: string;
  readonly requestId?: string;
  readonly clientToken?: string;
  readonly httpStatus?: number;
}

/** A group's answer: the client's outcomes, or the error that stopped the whole group. */
export interface GroupAnswer {
  readonly accountId: string;
  readonly region: string;
  readonly outcomes?: readonly BatchOutcome[];
  readonly error?: { code: string; message: string; requestId?: string; kind?: string };
}

function kindOf(o: { ok: boolean; code?: string }, errorKind?: string): ResultKind {
  if (o.ok) return 'done';
  if (o.code === 'Cancelled' || errorKind === 'cancelled') return 'cancelled';
  // No code says nothing was refused: it may have been done.
  if (!o.code || o.code === 'OutcomeUnknown' || errorKind === 'outcome-unknown') return 'unknown';
  return 'failed';
}

/**
 * Exactly one result per planned resource (eligible and skipped), in plan order. An eligible resource the
 * answers do not mention is `unknown` (never silently dropped).
 */
export function collectResults(plan: BatchPlan, answers: readonly GroupAnswer[], locale: Locale): BatchItemResult[] {
  const out: BatchItemResult[] = [];
  for (const g of plan.groups) {
    const a = answers.find((x) => x.accountId === g.accountId && x.region === g.region);
    const byId = new Map((a?.outcomes ?? []).map((o) => [o.id, o]));
    for (const ref of g.refs) {
      const o = byId.get(ref.id);
      if (o) {
        out.push({
          ref,
          kind: kindOf(o),
          code: o.code,
          message: o.message,
          requestId: o.requestId,
          clientToken: o.clientToken,
          httpStatus: o.httpStatus,
        });
      } else if (a?.error) {
        out.push({
          ref,
          kind: kindOf({ ok: false, code: a.error.code }, a.error.kind),
          code: a.error.code,
          message: a.error.message,
          requestId: a.error.requestId,
        });
      } else {
        out.push({
          ref,
          kind: 'unknown',
          code: 'OutcomeUnknown',
          message: 'No result was reported for this resource; refresh to see its state.',
        });
      }
    }
  }
  for (const s of plan.skipped) {
    out.push({ ref: s.ref, kind: 'skipped', code: s.reason, message: pick(s.message, locale) });
  }
  return out;
}

export type Counts = Record<ResultKind, number>;

export function countResults(results: readonly BatchItemResult[]): Counts {
  const c: Counts = { done: 0, failed: 0, unknown: 0, cancelled: 0, skipped: 0 };
  for (const r of results) c[r.kind]++;
  return c;
}

/** The word of a result; `done` in the action's words ("deleted"). */
export function resultWord(kind: ResultKind, t: Translate, text?: Pick<BatchTexts, 'doneWord'>): string {
  switch (kind) {
    case 'done':
      return text ? text.doneWord(t) : t('done');
    case 'failed':
      return t('failed');
    case 'unknown':
      return t('unknown');
    case 'cancelled':
      return t('not sent');
    case 'skipped':
      return t('left out');
  }
}

/** "98 deleted, 2 failed" (zh "已删除 98 个，失败 2 个"), with unknown/not-sent/left-out parts when non-zero. */
export function summaryText(c: Counts, t: Translate, text: Pick<BatchTexts, 'doneCount'>): string {
  const parts = [text.doneCount(t, c.done), t('{0} failed', c.failed)];
  if (c.unknown) parts.push(t('{0} with unknown result', c.unknown));
  if (c.cancelled) parts.push(t('{0} not sent', c.cancelled));
  if (c.skipped) parts.push(t('{0} left out', c.skipped));
  return parts.join(t(', '));
}

export function outcomeRows(results: readonly BatchItemResult[], t: Translate, text: Pick<BatchTexts, 'doneWord'>): OutcomeRow[] {
  return results.map((r) => ({
    id: r.ref.id,
    name: r.ref.name && r.ref.name !== r.ref.id ? r.ref.name : '',
    result: resultWord(r.kind, t, text),
    code: r.code,
    message: r.message,
  }));
}
