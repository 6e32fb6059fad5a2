/** Sending a planned ModifyReservedInstances: local rule check, the exact request, confirmation, send, history. */
import {
  checkReservedInstanceChange,
  validateModifyReservedInstancesInput,
  DOCUMENTED_FACTORS,
  MODIFY_RECONCILE_DEFAULTS,
  type FactorTable,
  type AliyunReservedInstance,
  type ModifyFollowResult,
  type ModifyReservedInstancesResult,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../../core';
import { CloudError } from '../../core/errors';
import { recordModify } from '../../history/entries';
import { formatParams } from '../../output/format';
import type { ResourceRef } from '../../contracts';
import type { ActionDeps } from '../deps';
import { powerSummary, problemLines, requestParams, uncheckedNote } from '../plan/reservedInstances';
import { makeRef } from '../plan/refs';
import { errorInfo, isCancellation, logError, notifyWithOutput, reportError } from '../report';
import { followChange, minutes } from './follow';
import { askNames, named } from './plan';

export interface ModifyRun {
  readonly input: ModifyReservedInstancesInput;
  readonly params: Record<string, string>;
  readonly newIds: string[];
  readonly outcome: 'confirmed' | 'reconciled' | 'not-applied';
  readonly requestId?: string;
  /** The follow-up of an accepted change (it is asynchronous), reported when it ends; absent when not applied. */
  readonly followed?: Promise<ModifyFollowResult | undefined>;
}

/** The English name of a Modify command for the history, from its (translated) title. */
function commandName(deps: ActionDeps, title: string): string {
  for (const n of ['Split Reserved Instance', 'Merge Reserved Instances', 'Change Reserved Instance Scope'])
    if (deps.t(n) === title) return n;
  return title;
}

/** A change refused by the local checks: the output gets the problems (and `more` lines), a notification names them. */
export function refuseLocally(deps: ActionDeps, title: string, lines: readonly string[], more: readonly string[] = []): undefined {
  const { t } = deps;
  deps.log.warn([t('{0}: refused locally, nothing was sent:', title), ...lines, ...more].join('\n  '));
  void notifyWithOutput(deps, 'warn', t('{0}: blocked by local checks; nothing was sent: {1}', title, lines.join(t('; '))));
  return undefined;
}

/**
 * The lost answer of a Modify in the output: its code and RequestId, with the guidance of an unknown outcome (the
 * code's own guidance may say "try again", wrong for a request that may have been applied).
 */
function logLostAnswer(deps: ActionDeps, region: string, r: ModifyReservedInstancesResult): void {
  const a = r.lostAnswer;
  if (!a) return;
  logError(deps, {
    code: 'OutcomeUnknown',
    message: `[${a.code}] ${a.message}`,
    provider: 'aliyun',
    action: 'ModifyReservedInstances',
    region,
    httpStatus: a.httpStatus,
    requestId: a.requestId,
  });
}

/** Local rule check, the exact request, confirmation, send, and follow the result. */
export async function submit(
  deps: ActionDeps,
  title: string,
  question: string,
  sources: readonly ResourceRef[],
  configs: ReservedInstanceConfiguration[],
  table: FactorTable = DOCUMENTED_FACTORS,
): Promise<ModifyRun | undefined> {
  const { t, log } = deps;
  const locale = deps.locale();
  const { accountId, region } = sources[0];
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  const summary = powerSummary(data, configs, t, table);

  const check = checkReservedInstanceChange(data, configs, deps.now(), table);
  if (!check.ok) return refuseLocally(deps, title, problemLines(check, locale), summary);
  const input: ModifyReservedInstancesInput = { reservedInstanceIds: sources.map((r) => r.id), configurations: configs };
  validateModifyReservedInstancesInput(input, { provider: 'aliyun', action: 'ModifyReservedInstances', region });

  const params = requestParams(region, input);
  const note = uncheckedNote(check, t);
  const replaced = t(
    'The original reserved instances become Inactive; the new ones replace them and become Active at the start of the next hour.',
  );
  const detail = [...summary, ...(note ? [note] : []), replaced, '', t('Request (ModifyReservedInstances):'), formatParams(params)].join(
    '\n',
  );
  log.info(`${title} · ${region}\n${detail}`);
  const ok = await deps.prompts.confirm(question, detail, t('Send Request'));
  if (!ok) {
    log.info(t('{0}: not confirmed; nothing was sent.', title));
    return undefined;
  }

  try {
    const reconcile = { ...MODIFY_RECONCILE_DEFAULTS, ...deps.modifyReconcile };
    const r = await deps.prompts.withProgress(t('{0}: sending the request', title), async (_report, signal) => {
      const client = await deps.clients.aliyun(accountId);
      return client.modifyReservedInstances(region, input, { signal, reconcile });
    });
    const newRefs = r.newReservedInstanceIds.map((id) => makeRef('aliyun', accountId, region, 'reservedInstance', undefined, id));
    logLostAnswer(deps, region, r);
    const lost = r.lostAnswer ? `[${r.lostAnswer.code}] RequestId ${r.lostAnswer.requestId ?? '-'}` : '';
    const historyId = deps.history
      ? await recordModify(deps.history, commandName(deps, title), sources, input, {
          outcome: r.outcome === 'confirmed' ? 'submitted' : r.outcome,
          requestId: r.requestId ?? r.lostAnswer?.requestId,
          newIds: r.newReservedInstanceIds,
          code: r.lostAnswer?.code,
          message: r.lostAnswer?.message,
        })
      : undefined;
    if (r.outcome === 'not-applied') {
      log.warn(
        t(
          '{0}: not applied as far as DescribeReservedInstances shows: the answer was lost ({1}) and in {2} minutes the reserved instances did not change and no new ones appeared.',
          title,
          lost,
          minutes(reconcile.maxMs),
        ),
      );
      void notifyWithOutput(deps, 'warn', t('{0}: not applied; the reserved instances did not change. The output has the details.', title));
      deps.tree.refresh(sources);
      return { input, params, newIds: [], outcome: r.outcome, requestId: r.requestId };
    }
    const ids = r.newReservedInstanceIds.join(t(', ')) || t('(not known yet)');
    if (r.outcome === 'reconciled') {
      log.info(
        t(
          '{0}: the answer was lost ({1}), but DescribeReservedInstances shows the change was accepted. New reserved instances: {2}. Following their status…',
          title,
          lost,
          ids,
        ),
      );
    } else {
      log.info(
        t(
          '{0}: submitted (the change is asynchronous). RequestId {1}. New reserved instances: {2}. Following their status…',
          title,
          r.requestId ?? '-',
          ids,
        ),
      );
    }
    void notifyWithOutput(
      deps,
      'info',
      t(
        '{0}: submitted. The original reserved instances become Inactive and the new ones Active, usually at the start of the next hour; the result will be reported.',
        title,
      ),
    );
    deps.tree.refresh(sources);
    deps.tree.follow([...newRefs, ...sources]);
    const followed = followChange(deps, title, sources, configs, r.newReservedInstanceIds, historyId);
    return { input, params, newIds: r.newReservedInstanceIds, outcome: r.outcome, requestId: r.requestId, followed };
  } catch (e) {
    if (deps.history) {
      const info = errorInfo(deps, e);
      const kind = e instanceof CloudError ? e.kind : undefined;
      const outcome = kind === 'outcome-unknown' ? 'unknown' : isCancellation(e) ? 'not-sent' : 'failed';
      await recordModify(deps.history, commandName(deps, title), sources, input, {
        outcome,
        requestId: info.requestId,
        newIds: [],
        code: info.code,
        message: info.message,
      });
    }
    reportError(deps, e, title);
    deps.tree.refresh(sources);
    // The outcome may be unknown (the answer lost, or cancelled after sending): show the sources as they change.
    deps.tree.follow(sources);
    return undefined;
  }
}

/** Asks the names of the planned coupons (`configs`; undefined: planning was cancelled), then submits the change. */
export async function submitNamed(
  deps: ActionDeps,
  title: string,
  question: (count: number) => string,
  sources: readonly ResourceRef[],
  configs: ReservedInstanceConfiguration[] | undefined,
  table: FactorTable,
): Promise<ModifyRun | undefined> {
  if (!configs) return undefined;
  const names = await askNames(deps, title, configs.length);
  if (!names) return undefined;
  return submit(deps, title, question(configs.length), sources, named(configs, names), table);
}
