/** Normalization factors (computing power = factor × amount); vCPU-based, see aliyun.md §6. */
const FAMILIES = ['g5', 'c5', 'r5', 'g6', 'c6', 'r6', 'g6e', 'c6e', 'r6e', 'g7', 'c7', 'r7'];
const SIZES: Record<string, number> = { large: 2, xlarge: 4, '2xlarge': 8, '3xlarge': 12, '4xlarge': 16, '6xlarge': 24, '8xlarge': 32, '16xlarge': 64 };

export const FACTORS: Record<string, number> = {};
for (const f of FAMILIES) for (const [s, n] of Object.entries(SIZES)) FACTORS[`ecs.${f}.${s}`] = n;

/** Undefined for a type without a known factor (not sold as a modifiable reserved instance). */
export function factorOf(instanceType: string): number | undefined { return FACTORS[instanceType]; }

export function familyOf(instanceType: string): string {
  const i = instanceType.lastIndexOf('.');
  return i > 0 ? instanceType.slice(0, i) : instanceType;
}
