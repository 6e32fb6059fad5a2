/** Following an accepted ModifyReservedInstances (it is asynchronous) until it ends, and reporting the result. */
import {
  MODIFY_FOLLOW_DEFAULTS,
  reservedInstanceLabel,
  type AliyunReservedInstance,
  type ModifyFollowResult,
  type ReservedInstanceConfiguration,
} from '../../core';
import type { ResourceRef } from '../../contracts';
import type { ActionDeps } from '../deps';
import { configsText } from '../plan/reservedInstances';
import { notifyWithOutput, reportError } from '../report';

export const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

/** `ecsri-a Inactive, ecsri-b (not listed)` */
function statusList(deps: ActionDeps, xs: readonly { id: string; status?: string }[]): string {
  return xs.map((x) => `${x.id} ${x.status ?? deps.t('(not listed)')}`).join(deps.t(', '));
}

/**
 * Follows an accepted change until the sources are Inactive and the new coupons Active (or it visibly failed,
 * or the wait ended), then reports the result in the output and a notification. Runs in the background; the
 * progress notification's Cancel (or deactivation) stops following, not the change.
 */
export async function followChange(
  live: ActionDeps,
  title: string,
  sources: readonly ResourceRef[],
  configs: readonly ReservedInstanceConfiguration[],
  newIds: readonly string[],
  historyId?: string,
): Promise<ModifyFollowResult | undefined> {
  // The prompts of the command that made the change (they may be swapped later, e.g. by tests).
  const deps: ActionDeps = { ...live, prompts: live.prompts };
  const { t, log } = deps;
  const { accountId, region } = sources[0];
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  const o = { ...MODIFY_FOLLOW_DEFAULTS, ...deps.modifyFollow };
  try {
    const client = await deps.clients.aliyun(accountId);
    const r = await deps.prompts.withProgress(
      t('{0}: following the change (usually until the start of the next hour)', title),
      async (report, signal) => {
        const stop = deps.lifetime ? AbortSignal.any([signal, deps.lifetime]) : signal;
        return client.followModify(
          region,
          sources.map((s) => s.id),
          newIds,
          {
            ...o,
            signal: stop,
            onPoll: (st) => report(t('original: {0}; new: {1}', statusList(deps, st.sources), statusList(deps, st.created))),
          },
        );
      },
    );
    if (historyId) await deps.history?.modifyFollowed(historyId, r);
    const before = data.length > 3 ? t('{0} reserved instances', data.length) : data.map(reservedInstanceLabel).join(t(', '));
    const ids = newIds.join(t(', ')) || t('(not known)');
    const [original, created] = [statusList(deps, r.sources), statusList(deps, r.created)];
    deps.tree.refresh(sources);
    switch (r.outcome) {
      case 'applied': {
        log.info(
          t('{0}: done. The original reserved instances are Inactive ({1}); the new ones are Active ({2}).', title, original, created),
        );
        void notifyWithOutput(
          deps,
          'info',
          t('{0}: done. {1} replaced by {2}. New reserved instances: {3}.', title, before, configsText(data, configs, t), ids),
        );
        break;
      }
      case 'failed': {
        log.warn(
          t(
            '{0}: the change did not take effect: the original reserved instances are Active ({1}) and the new ones did not appear ({2}). Nothing was replaced.',
            title,
            original,
            created,
          ),
        );
        void notifyWithOutput(deps, 'warn', t('{0}: the change did not take effect; {1} stay as they were.', title, before));
        break;
      }
      case 'pending': {
        const why = r.lastError ? ` [${r.lastError.code}] ${r.lastError.message}` : '';
        log.warn(
          t(
            '{0}: still changing after {1} minutes (original: {2}; new: {3}).{4} The request was accepted: do not send it again; the tree shows their status.',
            title,
            minutes(r.elapsedMs),
            original,
            created,
            why,
          ),
        );
        void notifyWithOutput(
          deps,
          'warn',
          t("{0}: accepted, still changing after {1} minutes; the tree shows the reserved instances' status.", title, minutes(r.elapsedMs)),
        );
        break;
      }
      case 'cancelled':
        log.info(t('{0}: stopped following; the change goes on in the cloud (original: {1}; new: {2}).', title, original, created));
        break;
    }
    return r;
  } catch (e) {
    reportError(deps, e, title);
    return undefined;
  }
}
