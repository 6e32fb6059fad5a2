/** Merge Reserved Instances: several coupons of one family into one or more (Alibaba ModifyReservedInstances). */
import {
  checkReservedInstanceChange,
  reservedInstanceBlockers,
  reservedInstanceLabel,
  fixedFamilyBlocker,
  mergeBlockers,
  type AliyunReservedInstance,
} from '../../core';
import type { Bilingual } from '../../core/types';
import type { ResourceRef } from '../../contracts';
import type { PickItem } from '../../ui/prompts';
import type { ActionDeps } from '../deps';
import { reservedInstanceItems, pickReservedInstances } from '../pickers';
import {
  MAX_MERGE_AMOUNT,
  familySizes,
  mergeConfig,
  mergeTargets,
  placementLabel,
  placementOf,
  sourcePower,
} from '../plan/reservedInstances';
import { refsFromArgs } from '../plan/refs';
import { notifyWithOutput } from '../report';
import { blockedLine, factorText, factorsFor, freshReservedInstances, planSizes, samePlace } from './plan';
import { refuseLocally, submit, submitNamed, type ModifyRun } from './submit';

/**
 * One coupon clicked: the others to merge with it, picked from its region among those that can merge with it
 * (the output says why the rest cannot). undefined when there are none or the pick was cancelled.
 */
async function pickPartners(deps: ActionDeps, title: string, first: ResourceRef): Promise<ResourceRef[] | undefined> {
  const { t, prompts } = deps;
  const client = await deps.clients.aliyun(first.accountId);
  const list = await client.describeReservedInstances(first.region);
  const anchor = list.find((r) => r.ReservedInstanceId === first.id) ?? (first.data as AliyunReservedInstance);
  const others = list.filter((r) => r.ReservedInstanceId !== first.id);
  if (others.length === 0) {
    void prompts.notify('info', t('{0}: no other reserved instances in {1} to merge with.', title, first.region));
    return undefined;
  }
  // Offer only the coupons that can merge with the clicked one; say why the others cannot.
  const now = deps.now();
  const mergeable: AliyunReservedInstance[] = [];
  const leftOut: string[] = [];
  for (const r of others) {
    const why = mergeBlockers(anchor, r, now);
    if (why.length) leftOut.push(blockedLine(deps, r, why));
    else mergeable.push(r);
  }
  if (leftOut.length)
    deps.log.info(
      [
        t(
          '{0}: {1} reserved instances in {2} cannot be merged with {3}:',
          title,
          leftOut.length,
          first.region,
          reservedInstanceLabel(anchor),
        ),
        ...leftOut,
      ].join('\n  '),
    );
  if (mergeable.length === 0) {
    void notifyWithOutput(
      deps,
      'info',
      t(
        '{0}: no reserved instance in {1} can be merged with {2}; the output says why.',
        title,
        first.region,
        reservedInstanceLabel(anchor),
      ),
    );
    return undefined;
  }
  const placeHolder = leftOut.length
    ? t(
        'Select the reserved instances to merge with {0} ({1} others cannot be merged with it; the output says why)',
        reservedInstanceLabel(anchor),
        leftOut.length,
      )
    : t('Select the reserved instances to merge with {0}', reservedInstanceLabel(anchor));
  // The picker's placeholder is cut short on screen: the output, with why each other one is left out, shows beside it.
  if (leftOut.length) deps.log.show();
  const more = await prompts.pickMany(reservedInstanceItems(first, mergeable), { title, placeHolder });
  if (!more?.length) return undefined;
  return [first, ...more];
}

/** Handler of `ecsExplorer.mergeReservedInstances(node, selectedNodes)`. */
export async function mergeReservedInstances(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t, prompts } = deps;
  const title = t('Merge Reserved Instances');
  let refs = refsFromArgs(node, selected, 'reservedInstance');
  if (refs.length === 1) {
    const partners = await pickPartners(deps, title, refs[0]);
    if (!partners) return undefined;
    refs = partners;
  } else if (refs.length === 0) {
    refs = (await pickReservedInstances(deps, title, true)) ?? [];
    if (refs.length === 0) return undefined;
  }
  if (refs.length < 2) {
    void prompts.notify('warn', t('{0}: select two or more reserved instances.', title));
    return undefined;
  }
  if (!samePlace(refs)) {
    void notifyWithOutput(
      deps,
      'warn',
      t(
        '{0}: blocked by local checks; nothing was sent: {1}',
        title,
        t('Merged reserved instances must be in the same account and region.'),
      ),
    );
    return undefined;
  }
  const sources = await freshReservedInstances(deps, refs);
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  // Before any size is asked: every coupon must be changeable and match the first in what a merge keeps.
  const blocked = data.flatMap((d, i) => {
    const why =
      i === 0
        ? [...reservedInstanceBlockers(d, deps.now()), ...[fixedFamilyBlocker(d)].filter((b): b is Bilingual => !!b)]
        : mergeBlockers(data[0], d, deps.now());
    return why.length ? [blockedLine(deps, d, why)] : [];
  });
  if (blocked.length) return refuseLocally(deps, title, blocked);
  const table = await factorsFor(deps, title, sources[0].accountId, sources[0].region, data[0].InstanceType);
  const total = sourcePower(data, table);
  if (total === undefined || familySizes(data[0].InstanceType, table).length === 0) {
    // A rule the sources break (family, placement, end time…) is named by the rule check; otherwise a type is
    // missing from the computing-power table and no target can be planned.
    const first = data[0];
    const config = [mergeConfig(data, first.InstanceType, first.InstanceAmount)];
    if (!checkReservedInstanceChange(data, config, deps.now(), table).ok) return submit(deps, title, '', sources, config, table);
    const unknown = data.find((d) => sourcePower([d], table) === undefined)?.InstanceType ?? first.InstanceType;
    void notifyWithOutput(
      deps,
      'warn',
      t('{0}: {1} is not in the computing-power table, so the merge cannot be planned here.', title, unknown),
    );
    return undefined;
  }
  // One merged coupon of a size that takes all the power, or several chosen step by step.
  const items: PickItem<ReturnType<typeof mergeTargets>[number] | 'several'>[] = [
    ...mergeTargets(data, table).map((x) => ({
      label: `${x.type} × ${x.amount}`,
      description: factorText(deps, x, t('computing power {0}', x.factor * x.amount)),
      value: x,
    })),
    { label: t('Several reserved instances…'), description: t('choose sizes and amounts step by step'), value: 'several' },
  ];
  const target = await prompts.pickOne(items, {
    title: t('{0}: {1} reserved instances, computing power {2}', title, sources.length, total),
    placeHolder: t('Instance type of the merged reserved instance'),
  });
  if (!target) return undefined;
  const placement = placementLabel(placementOf(data[0]), t);
  const configs =
    target === 'several'
      ? await planSizes(
          deps,
          data,
          (left) => t('{0}: {1} reserved instances ({2}): computing power left {3} of {4}', title, sources.length, placement, left, total),
          (type, amount) => mergeConfig(data, type, amount),
          table,
          MAX_MERGE_AMOUNT,
        )
      : [mergeConfig(data, target.type, target.amount)];
  const question = (n: number) => t('Merge {0} reserved instances into {1} in {2}?', sources.length, n, sources[0].region);
  return submitNamed(deps, title, question, sources, configs, table);
}
