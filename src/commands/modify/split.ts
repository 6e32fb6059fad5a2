/** Split Reserved Instance: one coupon into several of its family's sizes (Alibaba ModifyReservedInstances). */
import { reservedInstanceLabel, fixedFamilyBlocker, type AliyunReservedInstance } from '../../core';
import type { ActionDeps } from '../deps';
import { familySizes, placementLabel, placementOf, sourcePower, splitConfig } from '../plan/reservedInstances';
import { refLabel } from '../plan/refs';
import { notifyWithOutput } from '../report';
import { blockedLine, factorsFor, oneReservedInstance, planSizes } from './plan';
import { refuseLocally, submitNamed, type ModifyRun } from './submit';

/** Handler of `ecsExplorer.splitReservedInstance(node)`. */
export async function splitReservedInstance(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t } = deps;
  const title = t('Split Reserved Instance');
  const ref = await oneReservedInstance(deps, title, node, selected);
  if (!ref) return undefined;
  const src = ref.data as AliyunReservedInstance;
  const fixed = fixedFamilyBlocker(src);
  if (fixed) return refuseLocally(deps, title, [blockedLine(deps, src, [fixed])]);
  const table = await factorsFor(deps, title, ref.accountId, ref.region, src.InstanceType);
  const total = sourcePower([src], table);
  if (total === undefined || familySizes(src.InstanceType, table).length === 0) {
    void notifyWithOutput(
      deps,
      'warn',
      t('{0}: {1} is not in the computing-power table, so the split cannot be planned here.', title, src.InstanceType),
    );
    return undefined;
  }
  const placement = placementLabel(placementOf(src), t);
  const configs = await planSizes(
    deps,
    [src],
    (left) => t('{0} {1} ({2}): computing power left {3} of {4}', title, refLabel(ref), placement, left, total),
    (type, amount) => splitConfig(src, type, amount),
    table,
  );
  const question = (n: number) => t('Split {0} into {1} reserved instances in {2}?', reservedInstanceLabel(src), n, ref.region);
  return submitNamed(deps, title, question, [ref], configs, table);
}
