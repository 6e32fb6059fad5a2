/** Planning steps shared by split, merge and scope change: the coupons, their factors, sizes and names. */
import {
  checkReservedInstanceName,
  reservedInstanceLabel,
  DOCUMENTED_FACTORS,
  factorTable,
  instanceFamily,
  type FactorTable,
  type AliyunReservedInstance,
  type ReservedInstanceConfiguration,
} from '../../core';
import type { Bilingual } from '../../core/types';
import { pick } from '../../output/translate';
import type { ResourceRef } from '../../contracts';
import type { ActionDeps } from '../deps';
import { pickReservedInstances } from '../pickers';
import { powerLeft, sizeChoices } from '../plan/reservedInstances';
import { makeRef, refOf, refsFromArgs } from '../plan/refs';
import { errorInfo, isCancellation } from '../report';

/** The coupons' current state from the API (the tree's copy may be stale), in the refs' order. */
export async function freshReservedInstances(deps: ActionDeps, refs: readonly ResourceRef[]): Promise<ResourceRef[]> {
  const { accountId, region } = refs[0];
  const client = await deps.clients.aliyun(accountId);
  const list = await client.describeReservedInstances(region, { reservedInstanceIds: refs.map((r) => r.id) });
  const byId = new Map(list.map((r) => [r.ReservedInstanceId, r]));
  return refs.map((r) => {
    const d = byId.get(r.id);
    return d ? makeRef('aliyun', accountId, region, 'reservedInstance', d, r.id) : r;
  });
}

export function samePlace(refs: readonly ResourceRef[]): boolean {
  return refs.every((r) => r.accountId === refs[0].accountId && r.region === refs[0].region);
}

/** The one coupon a split or scope change acts on. */
export async function oneReservedInstance(
  deps: ActionDeps,
  title: string,
  node: unknown,
  selected: unknown,
): Promise<ResourceRef | undefined> {
  const clicked = refOf(node);
  const ref = clicked?.kind === 'reservedInstance' ? clicked : refsFromArgs(node, selected, 'reservedInstance')[0];
  const picked = ref ? [ref] : await pickReservedInstances(deps, title, false);
  if (!picked?.length) return undefined;
  return (await freshReservedInstances(deps, picked))[0];
}

/** Optional names for new coupons: one question, then one input per coupon only when asked for. */
export async function askNames(deps: ActionDeps, title: string, count: number): Promise<(string | undefined)[] | undefined> {
  const { t, prompts } = deps;
  const choice = await prompts.pickOne(
    [
      { label: t('Keep default names'), value: false },
      { label: t('Enter names'), value: true },
    ],
    { title, placeHolder: t('Names of the new reserved instances') },
  );
  if (choice === undefined) return undefined;
  if (!choice) return new Array<string | undefined>(count).fill(undefined);
  const names: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const v = await prompts.input({
      title,
      prompt: t('Name of new reserved instance {0} of {1} (empty: default name)', i + 1, count),
      validate: (s) => {
        if (!s) return undefined;
        const p = checkReservedInstanceName(s, 'ReservedInstanceName')[0];
        return p ? pick(p.message, deps.locale()) : undefined;
      },
    });
    if (v === undefined) return undefined;
    names.push(v || undefined);
  }
  return names;
}

/** `merge-b (ecsri-…) ends …, not …; runs Windows, not Linux` in the user's language. */
export function blockedLine(deps: ActionDeps, ri: AliyunReservedInstance, why: readonly Bilingual[]): string {
  return `${reservedInstanceLabel(ri)} ${why.map((b) => pick(b, deps.locale())).join(deps.t('; '))}`;
}

export const named = (configs: ReservedInstanceConfiguration[], names: (string | undefined)[]) =>
  configs.map((c, i) => (names[i] ? { ...c, reservedInstanceName: names[i] } : c));

/**
 * Guided sizes and amounts (split, merge into several): pick a family size that fits the computing power
 * left, then an amount (at most `cap`), until none is left. undefined on Esc.
 */
export async function planSizes(
  deps: ActionDeps,
  sources: readonly AliyunReservedInstance[],
  stepTitle: (left: number) => string,
  make: (type: string, amount: number) => ReservedInstanceConfiguration,
  table: FactorTable,
  cap?: number,
): Promise<ReservedInstanceConfiguration[] | undefined> {
  const { t, prompts } = deps;
  const configs: ReservedInstanceConfiguration[] = [];
  for (;;) {
    const left = powerLeft(sources, configs, table) ?? 0;
    const choices = sizeChoices(sources[0].InstanceType, left, cap, table);
    // Nothing left, or nothing fits: the rule check in submit judges the plan.
    if (left <= 0 || choices.length === 0) return configs;
    const title = stepTitle(left);
    const type = await prompts.pickOne(
      choices.map((c) => ({ label: c.type, description: factorText(deps, c, t('at most {0}', c.maxAmount)), value: c.type })),
      { title, placeHolder: t('Instance type of new reserved instance {0}', configs.length + 1) },
    );
    if (type === undefined) return undefined;
    const choice = choices.find((c) => c.type === type)!;
    const amount = await prompts.input({
      title,
      prompt: t('Number of {0} instances (1–{1})', type, choice.maxAmount),
      value: String(choice.maxAmount),
      validate: (v) =>
        /^\d+$/.test(v.trim()) && +v >= 1 && +v <= choice.maxAmount ? undefined : t('Enter a whole number from 1 to {0}', choice.maxAmount),
    });
    if (amount === undefined) return undefined;
    configs.push(make(type, Number(amount.trim())));
  }
}

/** `factor 4, at most 2`, or `factor 4 (estimated — the cloud decides), at most 2`. */
export function factorText(deps: ActionDeps, o: { factor: number; documented: boolean }, rest: string): string {
  const f = o.documented ? deps.t('factor {0}', o.factor) : deps.t('factor {0} (estimated — the cloud decides)', o.factor);
  return `${f}${deps.t(', ')}${rest}`;
}

/**
 * The factors for planning a change of these coupons: documented ones, and estimates from the vCPU counts
 * DescribeInstanceTypes returns for their family (cached by the client). Without an answer: documented only.
 */
export async function factorsFor(deps: ActionDeps, title: string, accountId: string, region: string, type: string): Promise<FactorTable> {
  const family = instanceFamily(type);
  if (!family) return DOCUMENTED_FACTORS;
  try {
    const client = await deps.clients.aliyun(accountId);
    return factorTable(await client.describeInstanceTypes(region, { family }));
  } catch (e) {
    if (isCancellation(e)) throw e;
    const info = errorInfo(deps, e);
    deps.log.warn(
      deps.t(
        '{0}: DescribeInstanceTypes failed ([{1}] {2}); only the documented computing-power factors are known.',
        title,
        info.code,
        info.message,
      ),
    );
    return DOCUMENTED_FACTORS;
  }
}
