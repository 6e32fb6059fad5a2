/** Split / merge / scope-change planning for reserved-instance coupons. Pure. */
import {
  DOCUMENTED_FACTORS,
  MAX_MERGE_AMOUNT,
  reservedInstanceLabel,
  instanceFamily,
  isFixedSizeFamily,
  type FactorTable,
  type SizeOption,
  type AliyunReservedInstance,
  type ReservedInstanceChangeCheck,
  type ReservedInstanceConfiguration,
  type ModifyReservedInstancesInput,
} from '../../core';
import type { Locale } from '../../core/types';
import { pick, type Translate } from '../../output/translate';

export type Scope = 'Region' | 'Zone';

export interface Placement {
  readonly scope: Scope;
  readonly zoneId?: string;
}

export { MAX_MERGE_AMOUNT };

/** The coupon's scope (the API may answer in lower case) and zone. */
export function placementOf(ri: AliyunReservedInstance): Placement {
  const scope: Scope = (ri.Scope ?? '').toLowerCase() === 'zone' ? 'Zone' : 'Region';
  return scope === 'Zone' ? { scope, zoneId: ri.ZoneId } : { scope };
}

export function placementLabel(p: Placement, t: Translate): string {
  return p.scope === 'Zone' ? t('Zone {0}', p.zoneId ?? '?') : t('Region');
}

export type { SizeOption };

/** Sizes of the type's family that exist (DescribeInstanceTypes, or the documented ones), smallest first. */
export function familySizes(type: string, table: FactorTable = DOCUMENTED_FACTORS): SizeOption[] {
  const fam = instanceFamily(type);
  return fam ? table.sizes(fam) : [];
}

/** Total computing power of the coupons; undefined when a type has no known factor. */
export function totalPower(
  items: readonly { type: string; amount: number }[],
  table: FactorTable = DOCUMENTED_FACTORS,
): number | undefined {
  let sum = 0;
  for (const i of items) {
    const f = table.factor(i.type);
    if (f === undefined) return undefined;
    sum += f.factor * i.amount;
  }
  return sum;
}

/** Whether any of these types' factor is an estimate (from the vCPU count), not documented. */
export function anyEstimated(types: readonly string[], table: FactorTable = DOCUMENTED_FACTORS): boolean {
  return types.some((x) => table.factor(x)?.documented === false);
}

export const sourcePower = (sources: readonly AliyunReservedInstance[], table: FactorTable = DOCUMENTED_FACTORS) =>
  totalPower(
    sources.map((s) => ({ type: s.InstanceType, amount: s.InstanceAmount })),
    table,
  );

export const configPower = (configs: readonly ReservedInstanceConfiguration[], table: FactorTable = DOCUMENTED_FACTORS) =>
  totalPower(
    configs.map((c) => ({ type: c.instanceType, amount: c.instanceAmount })),
    table,
  );

function withName(c: ReservedInstanceConfiguration, name: string | undefined): ReservedInstanceConfiguration {
  return name ? { ...c, reservedInstanceName: name } : c;
}

function atPlacement(type: string, amount: number, p: Placement): ReservedInstanceConfiguration {
  return p.scope === 'Zone'
    ? { instanceType: type, instanceAmount: amount, scope: 'Zone', zoneId: p.zoneId }
    : { instanceType: type, instanceAmount: amount, scope: 'Region' };
}

/** One split target; a split keeps the source's scope and zone. */
export function splitConfig(source: AliyunReservedInstance, type: string, amount: number, name?: string): ReservedInstanceConfiguration {
  return withName(atPlacement(type, amount, placementOf(source)), name);
}

/** Computing power still to place (sources − targets); undefined when unknown. */
export function powerLeft(
  sources: readonly AliyunReservedInstance[],
  configs: readonly ReservedInstanceConfiguration[],
  table: FactorTable = DOCUMENTED_FACTORS,
): number | undefined {
  const before = sourcePower(sources, table);
  const after = configPower(configs, table);
  return before === undefined || after === undefined ? undefined : before - after;
}

/** Sizes of the type's family that fit in the remaining power, with the most that fit (at most `cap`). */
export function sizeChoices(
  type: string,
  remaining: number,
  cap = Infinity,
  table: FactorTable = DOCUMENTED_FACTORS,
): (SizeOption & { maxAmount: number })[] {
  return familySizes(type, table)
    .filter((s) => s.factor <= remaining)
    .map((s) => ({ ...s, maxAmount: Math.min(Math.floor(remaining / s.factor), cap) }));
}

/** Merge targets: family sizes whose amount comes out whole and within the limit. */
export function mergeTargets(
  sources: readonly AliyunReservedInstance[],
  table: FactorTable = DOCUMENTED_FACTORS,
): (SizeOption & { amount: number })[] {
  const power = sourcePower(sources, table);
  if (power === undefined || sources.length === 0) return [];
  return familySizes(sources[0].InstanceType, table)
    .filter((s) => power % s.factor === 0 && power / s.factor >= 1 && power / s.factor <= MAX_MERGE_AMOUNT)
    .map((s) => ({ ...s, amount: power / s.factor }));
}

/** The one merged configuration; a merge keeps the (common) scope and zone. */
export function mergeConfig(
  sources: readonly AliyunReservedInstance[],
  type: string,
  amount: number,
  name?: string,
): ReservedInstanceConfiguration {
  return withName(atPlacement(type, amount, placementOf(sources[0])), name);
}

/** Same type and amount at a new scope or zone. */
export function scopeConfig(source: AliyunReservedInstance, to: Placement, name?: string): ReservedInstanceConfiguration {
  return withName(atPlacement(source.InstanceType, source.InstanceAmount, to), name);
}

/** Placements a coupon can move to within its region (zones from DescribeZones), the current one left out. */
export function scopeTargets(source: AliyunReservedInstance, zones: readonly string[]): Placement[] {
  const cur = placementOf(source);
  const out: Placement[] = [];
  // t5 and gn6i coupons are zonal only.
  if (cur.scope === 'Zone' && !isFixedSizeFamily(source.InstanceType)) out.push({ scope: 'Region' });
  for (const z of zones) if (!(cur.scope === 'Zone' && cur.zoneId === z)) out.push({ scope: 'Zone', zoneId: z });
  return out;
}

/** The request's parameters as sent (Scope defaults to Region, as the client sends it). */
export function requestParams(region: string, input: ModifyReservedInstancesInput): Record<string, string> {
  const out: Record<string, string> = { Action: 'ModifyReservedInstances', RegionId: region };
  input.reservedInstanceIds.forEach((id, i) => (out[`ReservedInstanceId.${i + 1}`] = id));
  input.configurations.forEach((c, i) => {
    const p = `Configuration.${i + 1}.`;
    out[`${p}InstanceType`] = c.instanceType;
    out[`${p}InstanceAmount`] = String(c.instanceAmount);
    out[`${p}Scope`] = c.scope ?? 'Region';
    if (c.zoneId) out[`${p}ZoneId`] = c.zoneId;
    if (c.reservedInstanceName) out[`${p}ReservedInstanceName`] = c.reservedInstanceName;
  });
  return out;
}

function powerText(p: number | undefined, t: Translate, estimated = false): string {
  if (p === undefined) return t('unknown');
  return estimated ? t('{0} (estimated — the cloud decides)', p) : String(p);
}

/** `ecs.g5.2xlarge × 2 (Region) = 16`, or `= 4 (estimated — the cloud decides)` for a factor not documented. */
export function reservedInstanceLine(
  type: string,
  amount: number,
  p: Placement,
  t: Translate,
  table: FactorTable = DOCUMENTED_FACTORS,
): string {
  const f = table.factor(type);
  return `${type} × ${amount} (${placementLabel(p, t)}) = ${powerText(f && f.factor * amount, t, f?.documented === false)}`;
}

/** What a change made, for its result message: `ecs.g6.large × 2, ecs.g6.xlarge × 1 (Zone cn-hangzhou-h)`. */
export function configsText(
  sources: readonly AliyunReservedInstance[],
  configs: readonly ReservedInstanceConfiguration[],
  t: Translate,
): string {
  const before = placementLabel(placementOf(sources[0]), t);
  return configs
    .map((c) => {
      const where = placementLabel(c.scope === 'Zone' ? { scope: 'Zone', zoneId: c.zoneId } : { scope: 'Region' }, t);
      return `${c.instanceType} × ${c.instanceAmount}${where === before ? '' : ` (${where})`}`;
    })
    .join(t(', '));
}

/** Before/after lines with totals. */
export function powerSummary(
  sources: readonly AliyunReservedInstance[],
  configs: readonly ReservedInstanceConfiguration[],
  t: Translate,
  table: FactorTable = DOCUMENTED_FACTORS,
): string[] {
  const srcEst = anyEstimated(
    sources.map((s) => s.InstanceType),
    table,
  );
  const cfgEst = anyEstimated(
    configs.map((c) => c.instanceType),
    table,
  );
  const lines = [t('Before (computing power {0}):', powerText(sourcePower(sources, table), t, srcEst))];
  for (const s of sources)
    lines.push(`  ${reservedInstanceLabel(s)}: ${reservedInstanceLine(s.InstanceType, s.InstanceAmount, placementOf(s), t, table)}`);
  lines.push(t('After (computing power {0}):', powerText(configPower(configs, table), t, cfgEst)));
  configs.forEach((c, i) => {
    const p: Placement = c.scope === 'Zone' ? { scope: 'Zone', zoneId: c.zoneId } : { scope: 'Region' };
    const name = c.reservedInstanceName ? ` "${c.reservedInstanceName}"` : '';
    lines.push(`  ${i + 1}: ${reservedInstanceLine(c.instanceType, c.instanceAmount, p, t, table)}${name}`);
  });
  if (srcEst || cfgEst)
    lines.push(
      t(
        'Computing power marked estimated comes from the vCPU counts DescribeInstanceTypes returns; Alibaba publishes no full factor table, so the cloud decides.',
      ),
    );
  return lines;
}

/** One sentence per problem, in the user's language (`Computing power must stay the same: …`). */
export function problemLines(check: Pick<ReservedInstanceChangeCheck, 'problems'>, locale: Locale): string[] {
  return check.problems.map((p) => pick(p.message, locale));
}

/** Types whose normalization factor is not in the table (the power rule is then left to the server). */
export function uncheckedNote(check: Pick<ReservedInstanceChangeCheck, 'unchecked'>, t: Translate): string | undefined {
  return check.unchecked.length
    ? t('Computing power of {0} is not in the table; the server checks it.', check.unchecked.join(', '))
    : undefined;
}
