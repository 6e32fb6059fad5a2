/**
 * Normalization factors (计算力因子) of Alibaba reserved-instance coupons.
 * The factor is the vCPU count (aliyun.md §6). Only ecs.g5 xlarge/2xlarge/4xlarge/6xlarge are documented
 * (预留实例券与实例的匹配); every other entry is inferred from the vCPU counts and flagged `documented: false`.
 * Computing power = factor × InstanceAmount.
 */

export interface NormalizationFactor {
  readonly factor: number;
  readonly documented: boolean;
}

/** Size suffix → vCPUs, for the standard enterprise families below. */
const SIZE_FACTORS: Readonly<Record<string, number>> = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '3xlarge': 12,
  '4xlarge': 16,
  '6xlarge': 24,
  '8xlarge': 32,
  '16xlarge': 64,
};

/** RI-supporting standard families (Overview.md) whose sizes follow SIZE_FACTORS. */
export const STANDARD_FAMILIES: readonly string[] = [
  'ecs.g5', 'ecs.g6', 'ecs.g6e', 'ecs.g7',
  'ecs.c5', 'ecs.c6', 'ecs.c6e', 'ecs.c7',
  'ecs.r5', 'ecs.r6', 'ecs.r6e', 'ecs.r7',
];

const DOCUMENTED = new Set(['ecs.g5.xlarge', 'ecs.g5.2xlarge', 'ecs.g5.4xlarge', 'ecs.g5.6xlarge']);

export const NORMALIZATION_FACTORS: Readonly<Record<string, NormalizationFactor>> = Object.freeze(
  Object.fromEntries(
    STANDARD_FAMILIES.flatMap((fam) =>
      Object.entries(SIZE_FACTORS).map(([size, factor]) => {
        const type = `${fam}.${size}`;
        return [type, { factor, documented: DOCUMENTED.has(type) }] as const;
      }),
    ),
  ),
);

/** `ecs.g5.xlarge` → `ecs.g5`; undefined when the type has no family part. */
export function instanceFamily(type: string): string | undefined {
  const m = /^(ecs\.[^.]+)\.[^.]+$/.exec(type.trim());
  return m ? m[1] : undefined;
}

export function normalizationFactor(type: string): NormalizationFactor | undefined {
  return NORMALIZATION_FACTORS[type.trim()];
}

/** factor × amount, or undefined for a type not in the table. */
export function computingPower(type: string, amount: number): number | undefined {
  const f = normalizationFactor(type);
  return f === undefined ? undefined : f.factor * amount;
}
