/** Delete Instances (Volcengine DeleteInstances): the batch flow (commands/batch.ts), plus "Delete the Others…" after a dedicated-host refusal. */
import { KIND_TABLE } from '../kinds';
import type { ResourceRef } from '../contracts';
import { confirmPlan, runBatchCommand, runNotice, sendPlan, type BatchCommand, type BatchRun } from './batch';
import type { ActionDeps } from './deps';
import type { BatchItemResult } from './plan/batchOutcomes';
import { planBatch, skippedLines, type BatchPlan } from './plan/batchPlan';
import { refLabel } from './plan/refs';
import { notifyWithOutput } from './report';

export type DeleteRun = BatchRun;

/** The code with which Volcengine refuses a whole DeleteInstances request for one instance's dedicated host. */
export const HOST_REFUSAL = 'InvalidDedicatedHostStatus.Unsupported';

function command(deps: ActionDeps, name = 'Delete Instances'): BatchCommand {
  return { kind: KIND_TABLE.instance, action: KIND_TABLE.instance.actions[0], title: deps.t('Delete Instances'), command: name };
}

/** Handler of `ecsExplorer.deleteInstances(node, selectedNodes)`; undefined when nothing was sent. */
export function deleteInstances(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<DeleteRun | undefined> {
  const c = command(deps);
  return runBatchCommand(deps, c, node, selected, (run) => finish(deps, c, run));
}

/** Reports a run, and offers a resend after a dedicated-host refusal. */
async function finish(deps: ActionDeps, c: BatchCommand, run: BatchRun): Promise<DeleteRun> {
  const { t, log, prompts } = deps;
  const title = c.title;
  const { results } = run;
  const notice = runNotice(deps, c, run);
  const refusal = hostRefusal(results);
  if (!refusal) {
    void notifyWithOutput(deps, notice.level, notice.message);
    return run;
  }
  // The whole request was refused for the instance(s) on the dedicated host: offer to send the others without them.
  const label = (refs: readonly ResourceRef[]) => refs.map(refLabel).join(t(', '));
  const names =
    label(refusal.held.slice(0, MAX_NAMED)) + (refusal.held.length > MAX_NAMED ? t(' and {0} more', refusal.held.length - MAX_NAMED) : '');
  const why = t('No instance of the refused request was deleted. On a dedicated host whose status does not allow deletion: {0}.', names);
  log.warn(
    `${title}: ${t('No instance of the refused request was deleted. On a dedicated host whose status does not allow deletion: {0}.', label(refusal.held))}`,
  );
  const again = t('Delete the Others…');
  const show = t('Show Output');
  const choice = await prompts.notify('warn', t('{0}. {1}', notice.message, why), again, show);
  if (choice === show) log.show();
  if (choice !== again) return run;

  const retry = planBatch(refusal.others, deps.now(), c.kind, c.action.check);
  const resendPlan: BatchPlan = {
    ...retry,
    skipped: [...refusal.held.map((ref) => ({ ref, reason: HOST_REFUSAL, message: HELD_MESSAGE })), ...retry.skipped],
  };
  if (resendPlan.eligible.length === 0) {
    void notifyWithOutput(
      deps,
      'warn',
      c.action.batch!.text.noneEligible(t, title, skippedLines(resendPlan.skipped, deps.locale())[0] ?? ''),
    );
    return run;
  }
  if (!(await confirmPlan(deps, c, resendPlan))) return run;
  const others = command(deps, 'Delete the Others…');
  return { ...run, resend: await finish(deps, others, await sendPlan(deps, others, resendPlan)) };
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
export function hostRefusal(results: readonly BatchItemResult[]): { held: ResourceRef[]; others: ResourceRef[] } | undefined {
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
