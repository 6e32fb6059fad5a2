/**
 * The batch command flow of any batch action in the kind table (Delete Instances, Cancel Reservation, …):
 * planning (what is sent, what is left out and why), one confirmation with the counts, progress with Cancel, one
 * outcome per resource in the output's table, history, then refresh and follow of the resources acted on.
 */
import { CloudError, NOT_SENT_MESSAGE } from '../core';
import type { KindAction, KindSpec } from '../kinds';
import { formatOutcomeTable } from '../output/format';
import { recordBatch } from '../history/entries';
import type { ResourceRef } from '../contracts';
import { confirmDestructive } from './confirm';
import type { ActionDeps } from './deps';
import { pickResources } from './pickers';
import { collectResults, countResults, outcomeRows, summaryText, type BatchItemResult, type GroupAnswer } from './plan/batchOutcomes';
import { batchConfirmation, planBatch, resourceLines, skippedLines, type BatchPlan } from './plan/batchPlan';
import { refLabel, refsFromArgs } from './plan/refs';
import { errorInfo, logError, notifyWithOutput } from './report';

export interface BatchRun {
  readonly plan: BatchPlan;
  readonly results: BatchItemResult[];
  /** A resend offered after the run (Delete the Others…), when the user confirmed it. */
  readonly resend?: BatchRun;
}

/** One batch action of one kind, as the flow runs it. */
export interface BatchCommand {
  readonly kind: KindSpec;
  readonly action: KindAction;
  /** The command's title, translated. */
  readonly title: string;
  /** Recorded in history ("Delete Instances", "Delete the Others…"). */
  readonly command: string;
}

/** The selection of `(node, selected)`, else resources picked in the palette; undefined when none. */
export async function batchTargets(
  deps: ActionDeps,
  c: BatchCommand,
  node?: unknown,
  selected?: unknown,
): Promise<ResourceRef[] | undefined> {
  const refs = refsFromArgs(node, selected);
  if (refs.length) return refs;
  const pick = c.action.batch!.pick;
  return pickResources(deps, c.kind.kind, c.title, pick.many, pick.placeHolder(deps.t));
}

/** Plans the selection and, when anything can be sent, asks the confirmation; undefined when nothing is sent. */
export async function planAndConfirm(deps: ActionDeps, c: BatchCommand, refs: readonly ResourceRef[]): Promise<BatchPlan | undefined> {
  const { t, log } = deps;
  const locale = deps.locale();
  const plan = planBatch(refs, deps.now(), c.kind, c.action.check);
  log.info(t('{0}: {1} selected, {2} to send, {3} left out', c.title, refs.length, plan.eligible.length, plan.skipped.length));
  if (plan.skipped.length) log.warn([t('Left out ({0}):', plan.skipped.length), ...skippedLines(plan.skipped, locale)].join('\n  '));
  if (plan.eligible.length === 0) {
    void notifyWithOutput(deps, 'warn', c.action.batch!.text.noneEligible(t, c.title, skippedLines(plan.skipped, locale)[0] ?? ''));
    return undefined;
  }
  return (await confirmPlan(deps, c, plan)) ? plan : undefined;
}

/** Validates the plan and asks the usual destructive confirmation; false when not confirmed (nothing sent). */
export async function confirmPlan(deps: ActionDeps, c: BatchCommand, plan: BatchPlan): Promise<boolean> {
  const { t, log } = deps;
  // The type-the-count prompt has room for names only: the reasons are in the output, shown beside it (the
  // input keeps the focus). The modal lists them itself.
  if (plan.skipped.length && plan.eligible.length && deps.confirmMode() === 'typeCount') log.show();
  // The core validates before anything is sent (also re-checked by the client).
  for (const g of plan.groups)
    c.action.batch!.validate(
      g.refs.map((r) => r.id),
      g.region,
    );
  const confirmation = batchConfirmation(plan, c.action, t, deps.locale());
  log.info([t('To send ({0}):', plan.eligible.length), ...resourceLines(plan.eligible)].join('\n  '));
  if (!(await confirmDestructive(deps, { ...confirmation, count: plan.eligible.length }))) {
    log.info(t('{0}: not confirmed; nothing was sent.', c.title));
    return false;
  }
  return true;
}

/** Sends a confirmed plan, group by group (account and region), and reports one outcome per resource. */
export async function sendPlan(deps: ActionDeps, c: BatchCommand, plan: BatchPlan): Promise<BatchRun> {
  const { t, log, prompts } = deps;
  const batch = c.action.batch!;
  const api = batch.apiAction;
  // A deadline may have passed while the confirmation was open: re-planned, those are left out now.
  const again = planBatch(plan.eligible, deps.now(), c.kind, c.action.check);
  if (again.skipped.length) {
    plan = { ...again, skipped: [...again.skipped, ...plan.skipped] };
    log.warn([t('Left out ({0}):', again.skipped.length), ...skippedLines(again.skipped, deps.locale())].join('\n  '));
  }
  const total = plan.eligible.length;
  const logged = new Set<string>();
  const calls: { accountId: string; region: string; clientToken: string; requestId?: string; ids: string[] }[] = [];
  const answers =
    total === 0
      ? []
      : await prompts.withProgress(batch.text.progress(t, plan.eligible), async (report, signal) => {
          const out: GroupAnswer[] = [];
          let before = 0;
          for (const g of plan.groups) {
            const ids = g.refs.map((r) => r.id);
            if (signal.aborted) {
              out.push({ ...g, error: { code: 'Cancelled', message: NOT_SENT_MESSAGE, kind: 'cancelled' } });
              continue;
            }
            let reported = 0;
            try {
              const client = await deps.clients.volcengine(g.accountId);
              const r = await batch.run(client, g.region, ids, {
                signal,
                onProgress: (done) => {
                  report(t('{0} of {1} · {2}', before + done, total, g.region), ((done - reported) / total) * 100);
                  reported = done;
                },
              });
              for (const call of r.calls) {
                calls.push({ accountId: g.accountId, region: g.region, ...call });
                log.info(`${api} ${g.region} ClientToken=${call.clientToken} RequestId=${call.requestId ?? '-'} (${call.ids.length})`);
              }
              out.push({ ...g, outcomes: r.outcomes });
            } catch (e) {
              const info = errorInfo(deps, e);
              logError(deps, info);
              logged.add(info.code);
              out.push({
                ...g,
                error: {
                  code: info.code,
                  message: info.message,
                  requestId: info.requestId,
                  kind: e instanceof CloudError ? e.kind : undefined,
                },
              });
            }
            before += ids.length;
          }
          return out;
        });

  const results = collectResults(plan, answers, deps.locale());
  if (deps.history)
    await recordBatch(
      deps.history,
      { provider: c.kind.provider, action: api, command: c.command, doneOutcome: batch.historyOutcome },
      plan,
      results,
      calls,
    );
  const counts = countResults(results);
  log.info(
    `${c.title} · ${summaryText(counts, t, batch.text)}\n${formatOutcomeTable(outcomeRows(results, t, batch.text), t, c.kind.one(t))}`,
  );
  // One guidance block per distinct failure code.
  for (const r of results) {
    if ((r.kind === 'failed' || r.kind === 'unknown') && r.code && !logged.has(r.code)) {
      logged.add(r.code);
      logError(deps, {
        code: r.code,
        message: r.message ?? '',
        provider: c.kind.provider,
        action: api,
        region: r.ref.region,
        requestId: r.requestId,
        httpStatus: r.httpStatus,
      });
    }
  }
  if (plan.eligible.length) {
    deps.tree.refresh(plan.eligible);
    const acted = results.filter((r) => r.kind === 'done' || r.kind === 'unknown').map((r) => r.ref);
    if (acted.length) deps.tree.follow(acted);
  }
  return { plan, results };
}

/** The notice after a run: the one resource's result when one was sent, else the counts. */
export function runNotice(deps: ActionDeps, c: BatchCommand, run: BatchRun): { level: 'info' | 'warn' | 'error'; message: string } {
  const { t } = deps;
  const text = c.action.batch!.text;
  const counts = countResults(run.results);
  const sent = run.results.filter((r) => r.kind !== 'skipped');
  if (sent.length === 1 && counts.skipped === 0) {
    const r = sent[0];
    if (r.kind === 'done' && text.doneOne) return { level: 'info', message: text.doneOne(t, refLabel(r.ref)) };
    if (r.kind === 'failed' || r.kind === 'unknown')
      return { level: r.kind === 'failed' ? 'error' : 'warn', message: t('{0}: [{1}] {2}', c.title, r.code ?? '', r.message ?? '') };
  }
  const bad = counts.failed + counts.unknown + counts.cancelled > 0;
  return { level: bad ? 'warn' : 'info', message: t('{0}: {1}', c.title, summaryText(counts, t, text)) };
}

/**
 * The whole flow for a command of the kind table: targets, plan, confirmation, send, then `finish` (default: the
 * notice). Undefined when nothing was sent.
 */
export async function runBatchCommand(
  deps: ActionDeps,
  c: BatchCommand,
  node?: unknown,
  selected?: unknown,
  finish?: (run: BatchRun) => Promise<BatchRun>,
): Promise<BatchRun | undefined> {
  const refs = await batchTargets(deps, c, node, selected);
  if (!refs || refs.length === 0) return undefined;
  const plan = await planAndConfirm(deps, c, refs);
  if (!plan) return undefined;
  const run = await sendPlan(deps, c, plan);
  if (finish) return finish(run);
  const n = runNotice(deps, c, run);
  void notifyWithOutput(deps, n.level, n.message);
  return run;
}
