/**
 * Normalization factors (计算力因子) of Alibaba reserved-instance coupons. Computing power = factor × InstanceAmount.
 * Alibaba publishes the rule ("normalization factors are determined by the number of vCPUs") but no full table.
 * Documented values (预留实例券与实例的匹配): ecs.g5 xlarge 4, 2xlarge 8, 4xlarge 16, 6xlarge 24; these are checked.
 * Every other factor is estimated from the vCPU count DescribeInstanceTypes returns (CpuCoreCount) and shown as
 * "estimated — the cloud decides".
 */

export interface NormalizationFactor {
  readonly factor: number;
  /** true: a documented value; false: estimated from the vCPU count. */
  readonly documented: boolean;
}

/** The documented factors (the only ones Alibaba publishes as text). */
export const NORMALIZATION_FACTORS: Readonly<Record<string, NormalizationFactor>> = Object.freeze({
  'ecs.g5.xlarge': { factor: 4, documented: true },
  'ecs.g5.2xlarge': { factor: 8, documented: true },
  'ecs.g5.4xlarge': { factor: 16, documented: true },
  'ecs.g5.6xlarge': { factor: 24, documented: true },
});

/** `ecs.g5.xlarge` → `ecs.g5`; undefined when the type has no family part. */
export function instanceFamily(type: string): string | undefined {
  const m = /^(ecs\.[^.]+)\.[^.]+$/.exec(type.trim());
  return m ? m[1] : undefined;
}

/** What DescribeInstanceTypes says about a type (only these fields are read). */
export interface InstanceTypeInfo {
  readonly InstanceTypeId: string;
  readonly InstanceTypeFamily?: string;
  readonly CpuCoreCount?: number;
}

export interface SizeOption {
  readonly type: string;
  readonly factor: number;
  readonly documented: boolean;
}

/** Factors for one planning: the documented ones, and estimates from DescribeInstanceTypes' vCPU counts. */
export interface FactorTable {
  factor(type: string): NormalizationFactor | undefined;
  /** Sizes of the family that exist (listed by DescribeInstanceTypes; without an answer, the documented ones), smallest factor first. */
  sizes(family: string): SizeOption[];
}

function tableOf(estimates: ReadonlyMap<string, { family?: string; vcpus: number }>): FactorTable {
  const factor = (type: string): NormalizationFactor | undefined => {
    const t = type.trim();
    const d = NORMALIZATION_FACTORS[t];
    if (d) return d;
    const e = estimates.get(t);
    return e ? { factor: e.vcpus, documented: false } : undefined;
  };
  return {
    factor,
    sizes(family) {
      const types = new Set<string>();
      for (const [t, e] of estimates) if ((e.family ?? instanceFamily(t)) === family) types.add(t);
      // No DescribeInstanceTypes answer: the documented sizes are known to exist.
      if (estimates.size === 0) for (const t of Object.keys(NORMALIZATION_FACTORS)) if (instanceFamily(t) === family) types.add(t);
      return [...types].map((type) => ({ type, ...factor(type)! })).sort((a, b) => a.factor - b.factor || a.type.localeCompare(b.type));
    },
  };
}

/** Only the documented factors (no DescribeInstanceTypes answer at hand). */
export const DOCUMENTED_FACTORS: FactorTable = tableOf(new Map());

/**
 * A table from DescribeInstanceTypes items: a type's estimated factor is its CpuCoreCount (a positive whole
 * number; other values are ignored), unless the factor is documented.
 */
export function factorTable(types: readonly InstanceTypeInfo[]): FactorTable {
  const m = new Map<string, { family?: string; vcpus: number }>();
  for (const t of types) {
    const v = t.CpuCoreCount;
    if (typeof t.InstanceTypeId === 'string' && typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 100_000) {
      m.set(t.InstanceTypeId.trim(), { family: t.InstanceTypeFamily, vcpus: v });
    }
  }
  return tableOf(m);
}

/** Estimates seen in DescribeInstanceTypes answers in this process (for displays without a client, e.g. tooltips). */
const learned = new Map<string, { family?: string; vcpus: number }>();
const LEARNED_MAX = 5000;

/** Remembers the vCPU counts of an answer (bounded); the AliyunClient calls it. */
export function learnInstanceTypes(types: readonly InstanceTypeInfo[]): void {
  for (const t of types) {
    const v = t.CpuCoreCount;
    if (typeof t.InstanceTypeId !== 'string' || typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > 100_000) continue;
    if (!learned.has(t.InstanceTypeId) && learned.size >= LEARNED_MAX) learned.delete(learned.keys().next().value as string);
    learned.set(t.InstanceTypeId, { family: t.InstanceTypeFamily, vcpus: v });
  }
}

/** The documented factors plus the estimates learned so far. */
export function knownFactors(): FactorTable {
  return tableOf(learned);
}

export function normalizationFactor(type: string, table: FactorTable = DOCUMENTED_FACTORS): NormalizationFactor | undefined {
  return table.factor(type);
}

/** factor × amount, or undefined for a type without a known factor. */
export function computingPower(type: string, amount: number, table: FactorTable = DOCUMENTED_FACTORS): number | undefined {
  const f = table.factor(type);
  return f === undefined ? undefined : f.factor * amount;
}
