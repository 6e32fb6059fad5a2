/** Split / Merge / Change Scope of reserved-instance coupons (Alibaba ModifyReservedInstances). */
import {
  checkReservedInstanceChange,
  checkReservedInstanceName,
  couponBlockers,
  couponLabel,
  fixedFamilyBlocker,
  mergeBlockers,
  validateModifyReservedInstancesInput,
  DOCUMENTED_FACTORS,
  MODIFY_FOLLOW_DEFAULTS,
  MODIFY_RECONCILE_DEFAULTS,
  factorTable,
  instanceFamily,
  type FactorTable,
  type AliyunReservedInstance,
  type ModifyFollowResult,
  type ModifyReservedInstancesResult,
  type ModifyReservedInstancesInput,
  type ReservedInstanceConfiguration,
} from '../core';
import { formatParams } from '../output/format';
import { pick } from '../output/translate';
import type { ResourceRef } from '../services';
import type { PickItem } from '../ui/prompts';
import type { Bilingual } from '../core/types';
import type { ActionDeps } from './deps';
import { couponItems, pickCoupons } from './pickers';
import {
  MAX_MERGE_AMOUNT,
  familySizes,
  mergeConfig,
  mergeTargets,
  placementLabel,
  placementOf,
  powerLeft,
  powerSummary,
  configsText,
  problemLines,
  requestParams,
  scopeConfig,
  scopeTargets,
  sizeChoices,
  sourcePower,
  splitConfig,
  uncheckedNote,
} from './plan/reservedInstances';
import { makeRef, refLabel, refOf, refsFromArgs } from './plan/refs';
import { errorInfo, isCancellation, logError, notifyWithOutput, reportError } from './report';
import { recordModify } from '../history/entries';
import { CloudError } from '../core/errors';

/** The English name of a Modify command for the history, from its (translated) title. */
function commandName(deps: ActionDeps, title: string): string {
  for (const n of ['Split Reserved Instance', 'Merge Reserved Instances', 'Change Reserved Instance Scope']) if (deps.t(n) === title) return n;
  return title;
}

export interface ModifyRun {
  readonly input: ModifyReservedInstancesInput;
  readonly params: Record<string, string>;
  readonly newIds: string[];
  readonly outcome: 'confirmed' | 'reconciled' | 'not-applied';
  readonly requestId?: string;
  /** The follow-up of an accepted change (it is asynchronous), reported when it ends; absent when not applied. */
  readonly followed?: Promise<ModifyFollowResult | undefined>;
}

const minutes = (ms: number) => Math.max(1, Math.round(ms / 60_000));

/** `ecsri-a Inactive, ecsri-b (not listed)` */
function statusList(deps: ActionDeps, xs: readonly { id: string; status?: string }[]): string {
  return xs.map((x) => `${x.id} ${x.status ?? deps.t('(not listed)')}`).join(deps.t(', '));
}

/**
 * Follows an accepted change until the sources are Inactive and the new coupons Active (or it visibly failed,
 * or the wait ended), then reports the result in the output and a notification. Runs in the background; the
 * progress notification's Cancel (or deactivation) stops following, not the change.
 */
async function followChange(
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
  const { profileId, region } = sources[0];
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  const o = { ...MODIFY_FOLLOW_DEFAULTS, ...deps.modifyFollow };
  try {
    const client = await deps.clients.aliyun(profileId);
    const r = await deps.prompts.withProgress(t('{0}: following the change (usually until the start of the next hour)', title), async (report, signal) => {
      const stop = deps.lifetime ? AbortSignal.any([signal, deps.lifetime]) : signal;
      return client.followModify(
        region,
        sources.map((s) => s.id),
        newIds,
        { ...o, signal: stop, onPoll: (st) => report(t('original: {0}; new: {1}', statusList(deps, st.sources), statusList(deps, st.created))) },
      );
    });
    if (historyId) await deps.history?.modifyFollowed(historyId, r);
    const before = data.length > 3 ? t('{0} reserved instances', data.length) : data.map(couponLabel).join(t(', '));
    const ids = newIds.join(t(', ')) || t('(not known)');
    deps.tree.refresh(sources);
    switch (r.outcome) {
      case 'applied': {
        log.info(t('{0}: done. The original reserved instances are Inactive ({1}); the new ones are Active ({2}).', title, statusList(deps, r.sources), statusList(deps, r.created)));
        void notifyWithOutput(deps, 'info', t('{0}: done. {1} replaced by {2}. New reserved instances: {3}.', title, before, configsText(data, configs, t), ids));
        break;
      }
      case 'failed': {
        log.warn(t('{0}: the change did not take effect: the original reserved instances are Active ({1}) and the new ones did not appear ({2}). Nothing was replaced.', title, statusList(deps, r.sources), statusList(deps, r.created)));
        void notifyWithOutput(deps, 'warn', t('{0}: the change did not take effect; {1} stay as they were.', title, before));
        break;
      }
      case 'pending': {
        const why = r.lastError ? ` [${r.lastError.code}] ${r.lastError.message}` : '';
        log.warn(t('{0}: still changing after {1} minutes (original: {2}; new: {3}).{4} The request was accepted: do not send it again; the tree shows their status.', title, minutes(r.elapsedMs), statusList(deps, r.sources), statusList(deps, r.created), why));
        void notifyWithOutput(deps, 'warn', t('{0}: accepted, still changing after {1} minutes; the tree shows the reserved instances\' status.', title, minutes(r.elapsedMs)));
        break;
      }
      case 'cancelled':
        log.info(t('{0}: stopped following; the change goes on in the cloud (original: {1}; new: {2}).', title, statusList(deps, r.sources), statusList(deps, r.created)));
        break;
    }
    return r;
  } catch (e) {
    reportError(deps, e, title);
    return undefined;
  }
}

/**
 * The lost answer of a Modify in the output: its code and RequestId, with the guidance of an unknown outcome (the
 * code's own guidance may say "try again", wrong for a request that may have been applied).
 */
function logLostAnswer(deps: ActionDeps, region: string, r: ModifyReservedInstancesResult): void {
  const a = r.lostAnswer;
  if (!a) return;
  logError(deps, { code: 'OutcomeUnknown', message: `[${a.code}] ${a.message}`, provider: 'aliyun', action: 'ModifyReservedInstances', region, httpStatus: a.httpStatus, requestId: a.requestId });
}

/** The coupons' current state from the API (the tree's copy may be stale), in the refs' order. */
async function freshCoupons(deps: ActionDeps, refs: readonly ResourceRef[]): Promise<ResourceRef[]> {
  const { profileId, region } = refs[0];
  const client = await deps.clients.aliyun(profileId);
  const list = await client.describeReservedInstances(region, { reservedInstanceIds: refs.map((r) => r.id) });
  const byId = new Map(list.map((r) => [r.ReservedInstanceId, r]));
  return refs.map((r) => {
    const d = byId.get(r.id);
    return d ? makeRef('aliyun', profileId, region, 'reservedInstance', d, r.id) : r;
  });
}

function samePlace(refs: readonly ResourceRef[]): boolean {
  return refs.every((r) => r.profileId === refs[0].profileId && r.region === refs[0].region);
}

/** Optional names for new coupons: one question, then one input per coupon only when asked for. */
async function askNames(deps: ActionDeps, title: string, count: number): Promise<(string | undefined)[] | undefined> {
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
function blockedLine(deps: ActionDeps, ri: AliyunReservedInstance, why: readonly Bilingual[]): string {
  return `${couponLabel(ri)} ${why.map((b) => pick(b, deps.locale())).join(deps.t('; '))}`;
}

const named = (configs: ReservedInstanceConfiguration[], names: (string | undefined)[]) =>
  configs.map((c, i) => (names[i] ? { ...c, reservedInstanceName: names[i] } : c));

/**
 * Guided sizes and amounts (split, merge into several): pick a family size that fits the computing power
 * left, then an amount (at most `cap`), until none is left. undefined on Esc.
 */
async function planSizes(
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
      validate: (v) => (/^\d+$/.test(v.trim()) && +v >= 1 && +v <= choice.maxAmount ? undefined : t('Enter a whole number from 1 to {0}', choice.maxAmount)),
    });
    if (amount === undefined) return undefined;
    configs.push(make(type, Number(amount.trim())));
  }
}

/** `factor 4, at most 2`, or `factor 4 (estimated — the cloud decides), at most 2`. */
function factorText(deps: ActionDeps, o: { factor: number; documented: boolean }, rest: string): string {
  const f = o.documented ? deps.t('factor {0}', o.factor) : deps.t('factor {0} (estimated — the cloud decides)', o.factor);
  return `${f}${deps.t(', ')}${rest}`;
}

/**
 * The factors for planning a change of these coupons: documented ones, and estimates from the vCPU counts
 * DescribeInstanceTypes returns for their family (cached by the client). Without an answer: documented only.
 */
async function factorsFor(deps: ActionDeps, title: string, profileId: string, region: string, type: string): Promise<FactorTable> {
  const family = instanceFamily(type);
  if (!family) return DOCUMENTED_FACTORS;
  try {
    const client = await deps.clients.aliyun(profileId);
    return factorTable(await client.describeInstanceTypes(region, { family }));
  } catch (e) {
    if (isCancellation(e)) throw e;
    const info = errorInfo(deps, e);
    deps.log.warn(deps.t('{0}: DescribeInstanceTypes failed ([{1}] {2}); only the documented computing-power factors are known.', title, info.code, info.message));
    return DOCUMENTED_FACTORS;
  }
}

/** Local rule check, the exact request, confirmation, send, and follow the result. */
async function submit(
  deps: ActionDeps,
  title: string,
  question: string,
  sources: readonly ResourceRef[],
  configs: ReservedInstanceConfiguration[],
  table: FactorTable = DOCUMENTED_FACTORS,
): Promise<ModifyRun | undefined> {
  const { t, log } = deps;
  const locale = deps.locale();
  const { profileId, region } = sources[0];
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  const summary = powerSummary(data, configs, t, table);

  const check = checkReservedInstanceChange(data, configs, deps.now(), table);
  if (!check.ok) {
    const lines = problemLines(check, locale);
    log.warn([t('{0}: refused locally, nothing was sent:', title), ...lines, ...summary].join('\n  '));
    void notifyWithOutput(deps, 'warn', t('{0}: blocked by local checks; nothing was sent: {1}', title, lines.join(t('; '))));
    return undefined;
  }
  const input: ModifyReservedInstancesInput = { reservedInstanceIds: sources.map((r) => r.id), configurations: configs };
  validateModifyReservedInstancesInput(input, { provider: 'aliyun', action: 'ModifyReservedInstances', region });

  const params = requestParams(region, input);
  const note = uncheckedNote(check, t);
  const replaced = t('The original reserved instances become Inactive; the new ones replace them and become Active at the start of the next hour.');
  const detail = [...summary, ...(note ? [note] : []), replaced, '', t('Request (ModifyReservedInstances):'), formatParams(params)].join('\n');
  log.info(`${title} · ${region}\n${detail}`);
  const ok = await deps.prompts.confirm(question, detail, t('Send Request'));
  if (!ok) {
    log.info(t('{0}: not confirmed; nothing was sent.', title));
    return undefined;
  }

  try {
    const reconcile = { ...MODIFY_RECONCILE_DEFAULTS, ...deps.modifyReconcile };
    const r = await deps.prompts.withProgress(t('{0}: sending the request', title), async (_report, signal) => {
      const client = await deps.clients.aliyun(profileId);
      return client.modifyReservedInstances(region, input, { signal, reconcile });
    });
    const newRefs = r.newReservedInstanceIds.map((id) => makeRef('aliyun', profileId, region, 'reservedInstance', undefined, id));
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
      log.warn(t('{0}: not applied as far as DescribeReservedInstances shows: the answer was lost ({1}) and in {2} minutes the reserved instances did not change and no new ones appeared.', title, lost, minutes(reconcile.maxMs)));
      void notifyWithOutput(deps, 'warn', t('{0}: not applied; the reserved instances did not change. The output has the details.', title));
      deps.tree.refresh(sources);
      return { input, params, newIds: [], outcome: r.outcome, requestId: r.requestId };
    }
    const ids = r.newReservedInstanceIds.join(t(', ')) || t('(not known yet)');
    if (r.outcome === 'reconciled') {
      log.info(t('{0}: the answer was lost ({1}), but DescribeReservedInstances shows the change was accepted. New reserved instances: {2}. Following their status…', title, lost, ids));
    } else {
      log.info(t('{0}: submitted (the change is asynchronous). RequestId {1}. New reserved instances: {2}. Following their status…', title, r.requestId ?? '-', ids));
    }
    void notifyWithOutput(deps, 'info', t('{0}: submitted. The original reserved instances become Inactive and the new ones Active, usually at the start of the next hour; the result will be reported.', title));
    deps.tree.refresh(sources);
    deps.tree.follow([...newRefs, ...sources]);
    const followed = followChange(deps, title, sources, configs, r.newReservedInstanceIds, historyId);
    return { input, params, newIds: r.newReservedInstanceIds, outcome: r.outcome, requestId: r.requestId, followed };
  } catch (e) {
    if (deps.history) {
      const info = errorInfo(deps, e);
      const kind = e instanceof CloudError ? e.kind : undefined;
      const outcome = kind === 'outcome-unknown' ? 'unknown' : isCancellation(e) ? 'not-sent' : 'failed';
      await recordModify(deps.history, commandName(deps, title), sources, input, { outcome, requestId: info.requestId, newIds: [], code: info.code, message: info.message });
    }
    reportError(deps, e, title);
    deps.tree.refresh(sources);
    // The outcome may be unknown (the answer lost, or cancelled after sending): show the sources as they change.
    deps.tree.follow(sources);
    return undefined;
  }
}

/** The one coupon a split or scope change acts on. */
async function oneCoupon(deps: ActionDeps, title: string, node: unknown, selected: unknown): Promise<ResourceRef | undefined> {
  const clicked = refOf(node);
  const ref = clicked?.kind === 'reservedInstance' ? clicked : refsFromArgs(node, selected, 'reservedInstance')[0];
  const picked = ref ? [ref] : await pickCoupons(deps, title, false);
  if (!picked?.length) return undefined;
  return (await freshCoupons(deps, picked))[0];
}

/** Handler of `ecsExplorer.splitReservedInstance(node)`. */
export async function splitReservedInstance(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t } = deps;
  const title = t('Split Reserved Instance');
  const ref = await oneCoupon(deps, title, node, selected);
  if (!ref) return undefined;
  const src = ref.data as AliyunReservedInstance;
  const fixed = fixedFamilyBlocker(src);
  if (fixed) {
    const line = blockedLine(deps, src, [fixed]);
    deps.log.warn([t('{0}: refused locally, nothing was sent:', title), line].join('\n  '));
    void notifyWithOutput(deps, 'warn', t('{0}: blocked by local checks; nothing was sent: {1}', title, line));
    return undefined;
  }
  const table = await factorsFor(deps, title, ref.profileId, ref.region, src.InstanceType);
  const total = sourcePower([src], table);
  if (total === undefined || familySizes(src.InstanceType, table).length === 0) {
    void notifyWithOutput(deps, 'warn', t('{0}: {1} is not in the computing-power table, so the split cannot be planned here.', title, src.InstanceType));
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
  if (!configs) return undefined;
  const names = await askNames(deps, title, configs.length);
  if (!names) return undefined;
  return submit(deps, title, t('Split {0} into {1} reserved instances in {2}?', couponLabel(src), configs.length, ref.region), [ref], named(configs, names), table);
}

/** Handler of `ecsExplorer.mergeReservedInstances(node, selectedNodes)`. */
export async function mergeReservedInstances(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t, prompts } = deps;
  const title = t('Merge Reserved Instances');
  let refs = refsFromArgs(node, selected, 'reservedInstance');
  if (refs.length === 1) {
    // One coupon clicked: pick the others from its region.
    const [first] = refs;
    const client = await deps.clients.aliyun(first.profileId);
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
    if (leftOut.length) deps.log.info([t('{0}: {1} reserved instances in {2} cannot be merged with {3}:', title, leftOut.length, first.region, couponLabel(anchor)), ...leftOut].join('\n  '));
    if (mergeable.length === 0) {
      void notifyWithOutput(deps, 'info', t('{0}: no reserved instance in {1} can be merged with {2}; the output says why.', title, first.region, couponLabel(anchor)));
      return undefined;
    }
    const placeHolder = leftOut.length
      ? t('Select the reserved instances to merge with {0} ({1} others cannot be merged with it; the output says why)', couponLabel(anchor), leftOut.length)
      : t('Select the reserved instances to merge with {0}', couponLabel(anchor));
    // The picker's placeholder is cut short on screen: the output, with why each other one is left out, shows beside it.
    if (leftOut.length) deps.log.show();
    const more = await prompts.pickMany(couponItems(first, mergeable), { title, placeHolder });
    if (!more?.length) return undefined;
    refs = [first, ...more];
  } else if (refs.length === 0) {
    refs = (await pickCoupons(deps, title, true)) ?? [];
    if (refs.length === 0) return undefined;
  }
  if (refs.length < 2) {
    void prompts.notify('warn', t('{0}: select two or more reserved instances.', title));
    return undefined;
  }
  if (!samePlace(refs)) {
    void notifyWithOutput(deps, 'warn', t('{0}: blocked by local checks; nothing was sent: {1}', title, t('Merged reserved instances must be in the same account and region.')));
    return undefined;
  }
  const sources = await freshCoupons(deps, refs);
  const data = sources.map((r) => r.data as AliyunReservedInstance);
  // Before any size is asked: every coupon must be changeable and match the first in what a merge keeps.
  const blocked = data.flatMap((d, i) => {
    const why = i === 0 ? [...couponBlockers(d, deps.now()), ...[fixedFamilyBlocker(d)].filter((b): b is Bilingual => !!b)] : mergeBlockers(data[0], d, deps.now());
    return why.length ? [blockedLine(deps, d, why)] : [];
  });
  if (blocked.length) {
    deps.log.warn([t('{0}: refused locally, nothing was sent:', title), ...blocked].join('\n  '));
    void notifyWithOutput(deps, 'warn', t('{0}: blocked by local checks; nothing was sent: {1}', title, blocked.join(t('; '))));
    return undefined;
  }
  const table = await factorsFor(deps, title, sources[0].profileId, sources[0].region, data[0].InstanceType);
  const total = sourcePower(data, table);
  if (total === undefined || familySizes(data[0].InstanceType, table).length === 0) {
    // A rule the sources break (family, placement, end time…) is named by the rule check; otherwise a type is
    // missing from the computing-power table and no target can be planned.
    const first = data[0];
    const config = [mergeConfig(data, first.InstanceType, first.InstanceAmount)];
    if (!checkReservedInstanceChange(data, config, deps.now(), table).ok) return submit(deps, title, '', sources, config, table);
    const unknown = data.find((d) => sourcePower([d], table) === undefined)?.InstanceType ?? first.InstanceType;
    void notifyWithOutput(deps, 'warn', t('{0}: {1} is not in the computing-power table, so the merge cannot be planned here.', title, unknown));
    return undefined;
  }
  // One merged coupon of a size that takes all the power, or several chosen step by step.
  const items: PickItem<ReturnType<typeof mergeTargets>[number] | 'several'>[] = [
    ...mergeTargets(data, table).map((x) => ({ label: `${x.type} × ${x.amount}`, description: factorText(deps, x, t('computing power {0}', x.factor * x.amount)), value: x })),
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
  if (!configs) return undefined;
  const names = await askNames(deps, title, configs.length);
  if (!names) return undefined;
  return submit(deps, title, t('Merge {0} reserved instances into {1} in {2}?', sources.length, configs.length, sources[0].region), sources, named(configs, names), table);
}

/** Handler of `ecsExplorer.modifyReservedInstanceScope(node)`: Region ↔ Zone, or another zone. */
export async function modifyReservedInstanceScope(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t, prompts } = deps;
  const title = t('Change Reserved Instance Scope');
  const ref = await oneCoupon(deps, title, node, selected);
  if (!ref) return undefined;
  const src = ref.data as AliyunReservedInstance;
  const client = await deps.clients.aliyun(ref.profileId);
  const zones = (await client.describeZones(ref.region)).map((z) => z.ZoneId);
  const current = placementOf(src);
  const to = await prompts.pickOne(
    scopeTargets(src, zones).map((p) => ({
      label: placementLabel(p, t),
      description: p.scope === 'Region' ? t('any zone of {0}', ref.region) : undefined,
      value: p,
    })),
    { title: t('{0} {1}: now {2}', title, refLabel(ref), placementLabel(current, t)), placeHolder: t('New scope') },
  );
  if (!to) return undefined;
  return submit(deps, title, t('Change the scope of {0} to {1}?', couponLabel(src), placementLabel(to, t)), [ref], [scopeConfig(src, to)]);
}
