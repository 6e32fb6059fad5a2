/**
 * The rules of Alibaba ModifyReservedInstances (split, merge, scope change) and why a coupon cannot be changed,
 * as pure functions of (coupons, configurations, now). The server stays the final judge.
 */
import type { Bilingual } from '../types';
import type { AliyunReservedInstance } from '../schemas/aliyun';
import { DOCUMENTED_FACTORS, instanceFamily, type FactorTable } from './computing-power';
import { iso, parseTime } from './time';
import { checkModifyReservedInstancesInput, type ReservedInstanceConfiguration } from './validation';

/** InstanceAmount limit of each configuration a merge produces (merge doc). */
export const MAX_MERGE_AMOUNT = 100;

export type ReservedInstanceChangeKind = 'split' | 'merge' | 'scope' | 'invalid';

/** `name (ID)`, or the ID when the coupon has no name of its own. */
export function reservedInstanceLabel(ri: Pick<AliyunReservedInstance, 'ReservedInstanceId' | 'ReservedInstanceName'>): string {
  const name = ri.ReservedInstanceName;
  return name && name !== ri.ReservedInstanceId ? `${name} (${ri.ReservedInstanceId})` : ri.ReservedInstanceId;
}

/** Why a coupon cannot be changed at all now (not Active, or expired); empty when it can. */
export function reservedInstanceBlockers(ri: AliyunReservedInstance, now: Date): Bilingual[] {
  if (ri.Status !== 'Active') {
    return [
      {
        en: `is ${ri.Status}; only Active reserved instances can be changed`,
        zh: `状态为 ${ri.Status}，只有生效中（Active）的预留实例券可以修改`,
      },
    ];
  }
  const expires = parseTime(ri.ExpiredTime);
  if (expires !== undefined && expires <= now.getTime()) return [{ en: `expired at ${iso(expires)}`, zh: `已于 ${iso(expires)} 到期` }];
  return [];
}

/**
 * Burstable t5 and GPU gn6i coupons cannot be split or merged and are zonal only (split/merge docs, aliyun.md
 * §3.2). Matches `ecs.t5-lc1m2.large`, `ecs.gn6i-c4g1.xlarge` and the like.
 */
export function isFixedSizeFamily(type: string): boolean {
  return /^ecs\.(t5|gn6i)([-.]|$)/i.test(type.trim());
}

const fixedFamilyName = (type: string): string => (/^ecs\.gn6i/i.test(type.trim()) ? 'gn6i' : 't5');

/** Why the coupon cannot be split or merged because of its family; undefined when it can. */
export function fixedFamilyBlocker(ri: Pick<AliyunReservedInstance, 'InstanceType'>): Bilingual | undefined {
  if (!isFixedSizeFamily(ri.InstanceType)) return undefined;
  const f = fixedFamilyName(ri.InstanceType);
  return {
    en: `is a ${f} reserved instance (${ri.InstanceType}); ${f} reserved instances cannot be split or merged`,
    zh: `为 ${f} 预留实例券（${ri.InstanceType}）；${f} 预留实例券不支持拆分或合并`,
  };
}

const placementText = (ri: AliyunReservedInstance): Bilingual =>
  scopeOf(ri.Scope) === 'Zone'
    ? { en: `zone ${ri.ZoneId ?? '?'}`, zh: `可用区 ${ri.ZoneId ?? '?'}` }
    : { en: 'region scope', zh: '地域级' };

/**
 * Why `other` cannot be merged with `anchor` (empty when it can): the merge rules checkReservedInstanceChange
 * applies to a merge's sources, said of one coupon against the other.
 */
export function mergeBlockers(anchor: AliyunReservedInstance, other: AliyunReservedInstance, now: Date): Bilingual[] {
  const out = reservedInstanceBlockers(other, now);
  const fixed =
    fixedFamilyBlocker(other) ??
    (fixedFamilyBlocker(anchor) && {
      en: `cannot be merged with ${anchor.InstanceType} reserved instances`,
      zh: `不能与 ${anchor.InstanceType} 预留实例券合并`,
    });
  if (fixed) out.push(fixed);
  const fa = instanceFamily(anchor.InstanceType);
  const fo = instanceFamily(other.InstanceType);
  if (fo !== fa)
    out.push({
      en: `is of family ${fo ?? other.InstanceType}, not ${fa ?? anchor.InstanceType}`,
      zh: `规格族为 ${fo ?? other.InstanceType}，不是 ${fa ?? anchor.InstanceType}`,
    });
  const pa = placementText(anchor);
  const po = placementText(other);
  if (pa.en !== po.en) out.push({ en: `is ${po.en}, not ${pa.en}`, zh: `为${po.zh}，不是${pa.zh}` });
  if ((other.RegionId ?? '') !== (anchor.RegionId ?? ''))
    out.push({ en: `is in region ${other.RegionId}, not ${anchor.RegionId}`, zh: `位于地域 ${other.RegionId}，不是 ${anchor.RegionId}` });
  if ((other.Platform ?? '') !== (anchor.Platform ?? ''))
    out.push({
      en: `runs ${other.Platform || '?'}, not ${anchor.Platform || '?'}`,
      zh: `平台为 ${other.Platform || '?'}，不是 ${anchor.Platform || '?'}`,
    });
  if ((other.ExpiredTime ?? '') !== (anchor.ExpiredTime ?? ''))
    out.push({
      en: `ends ${other.ExpiredTime || '?'}, not ${anchor.ExpiredTime || '?'}`,
      zh: `结束时间为 ${other.ExpiredTime || '?'}，不是 ${anchor.ExpiredTime || '?'}`,
    });
  return out;
}

export interface ReservedInstanceChangeCheck {
  kind: ReservedInstanceChangeKind;
  ok: boolean;
  /** Computing power of the sources / the configurations; undefined when a type is unknown. */
  powerBefore?: number;
  powerAfter?: number;
  /** Instance types without a known normalization factor: allowed, but the power rule was not checked. */
  unchecked: string[];
  /** Instance types whose factor is estimated from the vCPU count (not documented): the cloud decides. */
  estimated: string[];
  problems: { rule: string; message: Bilingual }[];
}

const scopeOf = (s: string | undefined): 'Region' | 'Zone' => ((s ?? '').toLowerCase() === 'zone' ? 'Zone' : 'Region');
const same = <T>(xs: T[]): boolean => xs.every((x) => x === xs[0]);

function sumPower(
  items: { type: string; amount: number }[],
  table: FactorTable,
  unchecked: Set<string>,
  estimated: Set<string>,
): number | undefined {
  let total = 0;
  let known = true;
  for (const it of items) {
    const f = table.factor(it.type);
    if (f === undefined) {
      unchecked.add(it.type);
      known = false;
    } else {
      if (!f.documented) estimated.add(it.type);
      total += f.factor * it.amount;
    }
  }
  return known ? total : undefined;
}

/**
 * Checks a ModifyReservedInstances request against the documented rules: Active sources only, same family,
 * computing power conserved, merge constraints (same region or zone, platform, end time; one or more targets,
 * each with InstanceAmount ≤ 100), split keeps the scope, scope change within the region, and no mixing of
 * split, merge and scope change.
 */
export function checkReservedInstanceChange(
  sources: readonly AliyunReservedInstance[],
  configs: readonly ReservedInstanceConfiguration[],
  now: Date,
  factors: FactorTable = DOCUMENTED_FACTORS,
): ReservedInstanceChangeCheck {
  const problems: ReservedInstanceChangeCheck['problems'] = [];
  const add = (rule: string, en: string, zh: string) => problems.push({ rule, message: { en, zh } });
  const unchecked = new Set<string>();
  const estimated = new Set<string>();

  for (const p of checkModifyReservedInstancesInput({
    reservedInstanceIds: sources.map((s) => s.ReservedInstanceId),
    configurations: [...configs],
  })) {
    problems.push({ rule: 'input', message: p.message });
  }
  if (sources.length === 0 || configs.length === 0) {
    return { kind: 'invalid', ok: false, unchecked: [], estimated: [], problems };
  }

  for (const s of sources) {
    for (const b of reservedInstanceBlockers(s, now))
      add('status', `${reservedInstanceLabel(s)} ${b.en}`, `${reservedInstanceLabel(s)} ${b.zh}`);
  }

  // Family: every source and target in one family.
  const families = new Set([
    ...sources.map((s) => instanceFamily(s.InstanceType)),
    ...configs.map((c) => instanceFamily(c.instanceType ?? '')),
  ]);
  if (families.size > 1) {
    add(
      'family',
      `The instance family cannot change (${[...families].map((f) => f ?? '?').join(', ')})`,
      `不能更改实例规格族（${[...families].map((f) => f ?? '?').join('、')}）`,
    );
  }

  // Computing power.
  const powerBefore = sumPower(
    sources.map((s) => ({ type: s.InstanceType, amount: s.InstanceAmount })),
    factors,
    unchecked,
    estimated,
  );
  const powerAfter = sumPower(
    configs.map((c) => ({ type: c.instanceType ?? '', amount: c.instanceAmount })),
    factors,
    unchecked,
    estimated,
  );
  if (powerBefore !== undefined && powerAfter !== undefined && powerBefore !== powerAfter) {
    const est = estimated.size ? ' (estimated from vCPU counts; the cloud decides)' : '';
    const estZh = estimated.size ? '（按 vCPU 数估算，以云端为准）' : '';
    add(
      'power',
      `Computing power must stay the same: ${powerBefore} before, ${powerAfter} after${est}`,
      `修改前后计算力必须相同：修改前 ${powerBefore}，修改后 ${powerAfter}${estZh}`,
    );
  }

  // Kind of change.
  const srcScope = sources.map((s) => scopeOf(s.Scope));
  const srcZone = sources.map((s) => (scopeOf(s.Scope) === 'Zone' ? (s.ZoneId ?? '') : ''));
  const cfgScope = configs.map((c) => c.scope ?? 'Region');
  const cfgZone = configs.map((c) => (c.scope === 'Zone' ? (c.zoneId ?? '') : ''));
  const placementChanged = configs.some((_, i) => cfgScope[i] !== srcScope[0] || cfgZone[i] !== srcZone[0]);
  const sizeChanged =
    configs.length !== 1 || configs[0].instanceType !== sources[0].InstanceType || configs[0].instanceAmount !== sources[0].InstanceAmount;

  let kind: ReservedInstanceChangeKind;
  if (sources.length > 1) {
    kind = 'merge';
    const over = configs.filter((c) => c.instanceAmount > MAX_MERGE_AMOUNT).map((c) => `${c.instanceType} × ${c.instanceAmount}`);
    if (over.length) {
      add(
        'merge-amount',
        `Each merged reserved instance can match at most ${MAX_MERGE_AMOUNT} instances (${over.join(', ')})`,
        `合并后的每张预留实例券最多匹配 ${MAX_MERGE_AMOUNT} 个实例（${over.join('、')}）`,
      );
    }
    const region = sources.map((s) => s.RegionId ?? '');
    if (!same(srcScope)) add('merge-scope', 'Merged reserved instances must all have the same scope', '合并的预留实例券范围必须相同');
    else if (srcScope[0] === 'Zone' && !same(srcZone))
      add('merge-zone', 'Merged zonal reserved instances must be in the same zone', '合并的可用区级预留实例券必须位于同一可用区');
    if (!same(region)) add('merge-region', 'Merged reserved instances must be in the same region', '合并的预留实例券必须位于同一地域');
    if (!same(sources.map((s) => s.Platform ?? '')))
      add('merge-platform', 'Merged reserved instances must have the same platform (OS)', '合并的预留实例券操作系统平台必须相同');
    if (!same(sources.map((s) => s.ExpiredTime ?? '')))
      add('merge-end-time', 'Merged reserved instances must have the same end time', '合并的预留实例券结束时间必须相同');
    if (placementChanged && same(srcScope) && same(srcZone)) {
      add('mixed', 'A merge cannot change the scope or zone at the same time', '合并时不能同时修改范围或可用区');
    }
  } else if (sizeChanged) {
    kind = 'split';
    if (placementChanged)
      add('mixed', 'A split keeps the scope and zone; change the scope separately', '拆分时范围和可用区保持不变；请单独修改范围');
  } else if (placementChanged) {
    kind = 'scope';
    if (isFixedSizeFamily(sources[0].InstanceType) && cfgScope.some((s) => s !== 'Zone')) {
      const f = fixedFamilyName(sources[0].InstanceType);
      add(
        'fixed-family-zonal',
        `${f} reserved instances are zonal only; they can move to another zone but not to region scope`,
        `${f} 预留实例券只能为可用区级；可以更换可用区，但不能改为地域级`,
      );
    }
    const region = sources[0].RegionId;
    const zone = cfgZone[0];
    if (zone && region && !zone.startsWith(region)) {
      add(
        'scope-region',
        `Zone ${zone} is not in region ${region}; the scope can change only within the region`,
        `可用区 ${zone} 不属于地域 ${region}；只能在同一地域内修改范围`,
      );
    }
  } else {
    kind = 'invalid';
    add('no-change', 'The configuration is the same as the current one', '配置与当前相同，无需修改');
  }

  if (kind === 'split' || kind === 'merge') {
    const fixed = sources.find((s) => isFixedSizeFamily(s.InstanceType));
    if (fixed) {
      const f = fixedFamilyName(fixed.InstanceType);
      add(
        'fixed-family',
        `${f} reserved instances (${fixed.InstanceType}) cannot be split or merged`,
        `${f} 预留实例券（${fixed.InstanceType}）不支持拆分或合并`,
      );
    }
  }

  return { kind, ok: problems.length === 0, powerBefore, powerAfter, unchecked: [...unchecked], estimated: [...estimated], problems };
}
