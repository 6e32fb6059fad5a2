/** Delete Instances (Volcengine DeleteInstances): multi-select across regions, one confirmation, one outcome per instance. */
import { CloudError, validateInstanceIds } from '../core';
import { formatOutcomeTable } from '../output/format';
import type { ResourceRef } from '../services';
import { confirmDestructive } from './confirm';
import type { ActionDeps } from './deps';
import { pickInstances } from './pickers';
import { collectResults, countResults, outcomeRows, summaryText, type GroupAnswer, type InstanceResult } from './plan/deleteOutcomes';
import { deleteConfirmation, instanceLines, planDeletion, skippedLines, type DeletePlan } from './plan/deletePlan';
import { refsFromArgs } from './plan/refs';
import { errorInfo, logError, notifyWithOutput } from './report';

export interface DeleteRun {
  readonly plan: DeletePlan;
  readonly results: InstanceResult[];
}

/** Handler of `ecsExplorer.deleteInstances(node, selectedNodes)`; undefined when nothing was sent. */
export async function deleteInstances(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<DeleteRun | undefined> {
  const { t, log, prompts } = deps;
  const title = t('Delete Instances');
  let refs: ResourceRef[] | undefined = refsFromArgs(node, selected);
  if (refs.length === 0) refs = await pickInstances(deps, title);
  if (!refs || refs.length === 0) return undefined;

  const locale = deps.locale();
  const plan = planDeletion(refs, deps.now());
  log.info(t('{0}: {1} selected, {2} to delete, {3} left out', title, refs.length, plan.eligible.length, plan.skipped.length));
  if (plan.skipped.length) log.warn([t('Left out ({0}):', plan.skipped.length), ...skippedLines(plan.skipped, locale)].join('\n  '));
  // The type-the-count prompt has room for names only: the reasons are in the output, shown beside it (the
  // input keeps the focus). The modal lists them itself.
  if (plan.skipped.length && plan.eligible.length && deps.confirmMode() === 'typeCount') log.show();
  if (plan.eligible.length === 0) {
    const why = skippedLines(plan.skipped, locale)[0] ?? '';
    void notifyWithOutput(deps, 'warn', t('{0}: none of the selected instances can be deleted. {1}', title, why));
    return undefined;
  }
  // The core validates before anything is sent (also re-checked by the client).
  for (const g of plan.groups) {
    validateInstanceIds(
      g.refs.map((r) => r.id),
      { provider: 'volcengine', action: 'DeleteInstances', region: g.region },
    );
  }

  const c = deleteConfirmation(plan, t, locale);
  log.info([t('To delete ({0}):', plan.eligible.length), ...instanceLines(plan.eligible)].join('\n  '));
  if (!(await confirmDestructive(deps, { ...c, count: plan.eligible.length }))) {
    log.info(t('{0}: not confirmed; nothing was sent.', title));
    return undefined;
  }

  const total = plan.eligible.length;
  const logged = new Set<string>();
  const answers = await prompts.withProgress(t('Deleting {0} instances', total), async (report, signal) => {
    const out: GroupAnswer[] = [];
    let before = 0;
    for (const g of plan.groups) {
      const ids = g.refs.map((r) => r.id);
      if (signal.aborted) {
        out.push({ ...g, error: { code: 'Cancelled', message: 'Not sent: the operation was cancelled.', kind: 'cancelled' } });
        continue;
      }
      let reported = 0;
      try {
        const client = await deps.clients.volcengine(g.profileId);
        const r = await client.deleteInstances(g.region, ids, {
          signal,
          onProgress: (done) => {
            report(t('{0} of {1} · {2}', before + done, total, g.region), ((done - reported) / total) * 100);
            reported = done;
          },
        });
        for (const call of r.calls) {
          log.info(`DeleteInstances ${g.region} ClientToken=${call.clientToken} RequestId=${call.requestId ?? '-'} (${call.instanceIds.length})`);
        }
        out.push({ ...g, outcomes: r.outcomes });
      } catch (e) {
        const info = errorInfo(deps, e);
        logError(deps, info);
        logged.add(info.code);
        const kind = e instanceof CloudError ? e.kind : undefined;
        out.push({ ...g, error: { code: info.code, message: info.message, requestId: info.requestId, kind } });
      }
      before += ids.length;
    }
    return out;
  });

  const results = collectResults(plan, answers, locale);
  const counts = countResults(results);
  log.info(`${title} · ${summaryText(counts, t)}\n${formatOutcomeTable(outcomeRows(results, t), t)}`);
  // One guidance block per distinct failure code.
  for (const r of results) {
    if ((r.kind === 'failed' || r.kind === 'unknown') && r.code && !logged.has(r.code)) {
      logged.add(r.code);
      logError(deps, { code: r.code, message: r.message ?? '', provider: 'volcengine', action: 'DeleteInstances', region: r.ref.region, requestId: r.requestId });
    }
  }
  const bad = counts.failed + counts.unknown > 0;
  void notifyWithOutput(deps, bad ? 'warn' : 'info', t('{0}: {1}', title, summaryText(counts, t)));

  deps.tree.refresh(plan.eligible);
  const deleted = results.filter((r) => r.kind === 'deleted' || r.kind === 'unknown').map((r) => r.ref);
  if (deleted.length) deps.tree.follow(deleted);
  return { plan, results };
}
