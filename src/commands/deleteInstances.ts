/** Delete Instances (Volcengine DeleteInstances): multi-select across regions, one confirmation, one outcome per instance. */
import { CloudError, validateInstanceIds } from '../core';
import { formatOutcomeTable } from '../output/format';
import type { ResourceRef } from '../services';
import { confirmDestructive } from './confirm';
import type { ActionDeps } from './deps';
import { pickInstances } from './pickers';
import { collectResults, countResults, outcomeRows, summaryText, type GroupAnswer, type InstanceResult } from './plan/deleteOutcomes';
import { deleteConfirmation, instanceLines, planDeletion, skippedLines, type DeletePlan } from './plan/deletePlan';
import { refLabel, refsFromArgs } from './plan/refs';
import { errorInfo, logError, notifyWithOutput } from './report';
import { recordDeletes } from '../history/entries';

export interface DeleteRun {
  readonly plan: DeletePlan;
  readonly results: InstanceResult[];
  /** The resend offered after a request was refused for a dedicated host, when the user confirmed it. */
  readonly resend?: DeleteRun;
}

/** The code with which Volcengine refuses a whole DeleteInstances request for one instance's dedicated host. */
export const HOST_REFUSAL = 'InvalidDedicatedHostStatus.Unsupported';

/** Handler of `ecsExplorer.deleteInstances(node, selectedNodes)`; undefined when nothing was sent. */
export async function deleteInstances(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<DeleteRun | undefined> {
  const { t, log } = deps;
  const title = t('Delete Instances');
  let refs: ResourceRef[] | undefined = refsFromArgs(node, selected);
  if (refs.length === 0) refs = await pickInstances(deps, title);
  if (!refs || refs.length === 0) return undefined;

  const locale = deps.locale();
  const plan = planDeletion(refs, deps.now());
  log.info(t('{0}: {1} selected, {2} to delete, {3} left out', title, refs.length, plan.eligible.length, plan.skipped.length));
  if (plan.skipped.length) log.warn([t('Left out ({0}):', plan.skipped.length), ...skippedLines(plan.skipped, locale)].join('\n  '));
  if (plan.eligible.length === 0) {
    const why = skippedLines(plan.skipped, locale)[0] ?? '';
    void notifyWithOutput(deps, 'warn', t('{0}: none of the selected instances can be deleted. {1}', title, why));
    return undefined;
  }
  if (!(await confirmPlan(deps, plan, title))) return undefined;
  return send(deps, plan, title);
}

/** Validates the plan and asks the usual destructive confirmation; false when not confirmed (nothing sent). */
async function confirmPlan(deps: ActionDeps, plan: DeletePlan, title: string): Promise<boolean> {
  const { t, log } = deps;
  const locale = deps.locale();
  // The type-the-count prompt has room for names only: the reasons are in the output, shown beside it (the
  // input keeps the focus). The modal lists them itself.
  if (plan.skipped.length && plan.eligible.length && deps.confirmMode() === 'typeCount') log.show();
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
    return false;
  }
  return true;
}

/** Sends a confirmed plan, reports one outcome per instance, and offers a resend after a dedicated-host refusal. */
async function send(deps: ActionDeps, plan: DeletePlan, title: string, command = 'Delete Instances'): Promise<DeleteRun> {
  const { t, log, prompts } = deps;
  const locale = deps.locale();
  const total = plan.eligible.length;
  const logged = new Set<string>();
  const calls: { profileId: string; region: string; clientToken: string; requestId?: string; instanceIds: string[] }[] = [];
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
          calls.push({ profileId: g.profileId, region: g.region, ...call });
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
  if (deps.history) await recordDeletes(deps.history, command, plan, results, calls);
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
  const summary = t('{0}: {1}', title, summaryText(counts, t));

  deps.tree.refresh(plan.eligible);
  const deleted = results.filter((r) => r.kind === 'deleted' || r.kind === 'unknown').map((r) => r.ref);
  if (deleted.length) deps.tree.follow(deleted);

  const refusal = hostRefusal(results);
  if (!refusal) {
    void notifyWithOutput(deps, bad ? 'warn' : 'info', summary);
    return { plan, results };
  }
  // The whole request was refused for the instance(s) on the dedicated host: offer to send the others without them.
  const label = (refs: readonly ResourceRef[]) => refs.map(refLabel).join(t(', '));
  const names = label(refusal.held.slice(0, MAX_NAMED)) + (refusal.held.length > MAX_NAMED ? t(' and {0} more', refusal.held.length - MAX_NAMED) : '');
  const why = t('No instance of the refused request was deleted. On a dedicated host whose status does not allow deletion: {0}.', names);
  log.warn(`${title}: ${t('No instance of the refused request was deleted. On a dedicated host whose status does not allow deletion: {0}.', label(refusal.held))}`);
  const again = t('Delete the Others…');
  const show = t('Show Output');
  const choice = await prompts.notify('warn', t('{0}. {1}', summary, why), again, show);
  if (choice === show) log.show();
  if (choice !== again) return { plan, results };

  const retry = planDeletion(refusal.others, deps.now());
  const resendPlan: DeletePlan = { ...retry, skipped: [...refusal.held.map((ref) => ({ ref, reason: HOST_REFUSAL, message: HELD_MESSAGE })), ...retry.skipped] };
  if (resendPlan.eligible.length === 0) {
    void notifyWithOutput(deps, 'warn', t('{0}: none of the selected instances can be deleted. {1}', title, skippedLines(resendPlan.skipped, locale)[0] ?? ''));
    return { plan, results };
  }
  if (!(await confirmPlan(deps, resendPlan, title))) return { plan, results };
  return { plan, results, resend: await send(deps, resendPlan, title, 'Delete the Others…') };
}

const MAX_NAMED = 3;
const HELD_MESSAGE = {
  en: 'On a dedicated host whose status does not allow deletion; delete it once the host is back to normal',
  zh: '所在专有宿主机的状态不支持删除；请待宿主机恢复正常后再删除',
};

/**
 * The instances of requests refused as a whole for a dedicated host: those the refusal names (by ID in its
 * message, else by the dedicated host in the instance's data) and the others. Undefined when there is nothing to
 * offer: no such refusal, no instance can be told apart, or every refused instance is on a dedicated host.
 */
export function hostRefusal(results: readonly InstanceResult[]): { held: ResourceRef[]; others: ResourceRef[] } | undefined {
  const refused = results.filter((r) => r.kind === 'failed' && r.code === HOST_REFUSAL);
  if (refused.length === 0) return undefined;
  const messages = refused.map((r) => r.message ?? '');
  let held = refused.filter((r) => messages.some((m) => m.includes(r.ref.id)));
  if (held.length === 0) held = refused.filter((r) => dedicatedHostOf(r.ref) !== undefined);
  const others = refused.filter((r) => !held.includes(r));
  if (held.length === 0 || others.length === 0) return undefined;
  return { held: held.map((r) => r.ref), others: others.map((r) => r.ref) };
}

function dedicatedHostOf(ref: ResourceRef): string | undefined {
  const placement = (ref.data as { Placement?: unknown } | undefined)?.Placement;
  const id = placement && typeof placement === 'object' ? (placement as { DedicatedHostId?: unknown }).DedicatedHostId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
