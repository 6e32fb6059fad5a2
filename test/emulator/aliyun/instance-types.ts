/**
 * The emulator's instance types: vCPUs and memory (GiB) as Alibaba's instance-family pages list them (General
 * purpose g5/g6/g7, Compute optimized c5/c6/c7, Memory optimized r5/r6/r7, Burstable t5, GPU-accelerated gn6i),
 * the DescribeInstanceTypes documentation example (ecs.g6.large: 2 vCPUs, 8 GiB) among them. The emulator's
 * normalization factor is the vCPU count ("normalization factors are determined by the number of vCPUs",
 * Reserved Instances overview). The product does not read this table: it uses its documented factors and the
 * CpuCoreCount that DescribeInstanceTypes answers.
 */

export interface EmuInstanceType {
  readonly id: string;
  readonly family: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly gpus?: number;
  readonly gpuSpec?: string;
}

const rows: EmuInstanceType[] = [];
const add = (family: string, sizes: [string, number, number][]) => {
  for (const [size, vcpus, memoryGiB] of sizes) rows.push({ id: `${family}.${size}`, family, vcpus, memoryGiB });
};
/** large … 8xlarge at `ratio` GiB per vCPU, then the family's larger sizes as [size, vCPUs, GiB]. */
const std = (ratio: number, extra: [string, number, number][] = []): [string, number, number][] => [
  ...(
    [
      ['large', 2],
      ['xlarge', 4],
      ['2xlarge', 8],
      ['3xlarge', 12],
      ['4xlarge', 16],
      ['6xlarge', 24],
      ['8xlarge', 32],
    ] as [string, number][]
  ).map(([s, v]): [string, number, number] => [s, v, v * ratio]),
  ...extra,
];

add(
  'ecs.g5',
  std(4, [
    ['16xlarge', 64, 256],
    ['22xlarge', 88, 352],
  ]),
);
add('ecs.c5', std(2, [['16xlarge', 64, 128]]));
add(
  'ecs.r5',
  std(8, [
    ['16xlarge', 64, 512],
    ['22xlarge', 88, 704],
  ]),
);
add(
  'ecs.g6',
  std(4, [
    ['13xlarge', 52, 192],
    ['26xlarge', 104, 384],
  ]),
);
add(
  'ecs.c6',
  std(2, [
    ['13xlarge', 52, 96],
    ['26xlarge', 104, 192],
  ]),
);
add(
  'ecs.r6',
  std(8, [
    ['13xlarge', 52, 384],
    ['26xlarge', 104, 768],
  ]),
);
add(
  'ecs.g7',
  std(4, [
    ['16xlarge', 64, 256],
    ['32xlarge', 128, 512],
  ]),
);
add(
  'ecs.c7',
  std(2, [
    ['16xlarge', 64, 128],
    ['32xlarge', 128, 256],
  ]),
);
add(
  'ecs.r7',
  std(8, [
    ['16xlarge', 64, 512],
    ['32xlarge', 128, 1024],
  ]),
);

// Burstable t5: ecs.t5-<cpu:mem>.<size>.
const t5: [string, number, number][] = [
  ['ecs.t5-lc2m1.nano', 1, 0.5],
  ['ecs.t5-lc1m1.small', 1, 1],
  ['ecs.t5-lc1m2.small', 1, 2],
  ['ecs.t5-lc1m2.large', 2, 4],
  ['ecs.t5-lc1m4.large', 2, 8],
  ['ecs.t5-c1m1.large', 2, 2],
  ['ecs.t5-c1m2.large', 2, 4],
  ['ecs.t5-c1m4.large', 2, 8],
  ['ecs.t5-c1m1.xlarge', 4, 4],
  ['ecs.t5-c1m2.xlarge', 4, 8],
  ['ecs.t5-c1m4.xlarge', 4, 16],
  ['ecs.t5-c1m1.2xlarge', 8, 8],
  ['ecs.t5-c1m2.2xlarge', 8, 16],
  ['ecs.t5-c1m4.2xlarge', 8, 32],
];
for (const [id, vcpus, memoryGiB] of t5) rows.push({ id, family: 'ecs.t5', vcpus, memoryGiB });

// GPU gn6i (NVIDIA T4).
const gn6i: [string, number, number, number][] = [
  ['ecs.gn6i-c4g1.xlarge', 4, 15, 1],
  ['ecs.gn6i-c8g1.2xlarge', 8, 31, 1],
  ['ecs.gn6i-c16g1.4xlarge', 16, 62, 1],
  ['ecs.gn6i-c24g1.6xlarge', 24, 93, 1],
  ['ecs.gn6i-c40g1.10xlarge', 40, 155, 1],
  ['ecs.gn6i-c24g1.12xlarge', 48, 186, 2],
  ['ecs.gn6i-c24g1.24xlarge', 96, 372, 4],
];
for (const [id, vcpus, memoryGiB, gpus] of gn6i) rows.push({ id, family: 'ecs.gn6i', vcpus, memoryGiB, gpus, gpuSpec: 'NVIDIA T4' });

export const INSTANCE_TYPES: readonly EmuInstanceType[] = rows;
const byId = new Map(rows.map((r) => [r.id, r]));

export function instanceTypeOf(id: string): EmuInstanceType | undefined {
  return byId.get(id);
}

/**
 * DescribeInstanceTypes item: the fields of the documentation example. Network and disk figures are the
 * example's (the emulator has no other source for them); vCPUs, memory, family and GPUs are the type's.
 */
export function instanceTypeItem(t: EmuInstanceType): Record<string, unknown> {
  return {
    MemorySize: t.memoryGiB,
    InstancePpsTx: 300000,
    MaximumQueueNumberPerEni: 2,
    EniIpv6AddressQuantity: 1,
    PrimaryEniQueueNumber: 2,
    CpuCoreCount: t.vcpus,
    TotalEniQueueQuantity: 4,
    EniTotalQuantity: 2,
    EniTrunkSupported: false,
    InstanceTypeFamily: t.family,
    InstancePpsRx: 300000,
    EniQuantity: 2,
    InstanceBandwidthRx: 1024000,
    GPUAmount: t.gpus ?? 0,
    InstanceBandwidthTx: 1024000,
    SecondaryEniQueueNumber: 2,
    DiskQuantity: 17,
    LocalStorageCategory: '',
    GPUSpec: t.gpuSpec ?? '',
    InstanceFamilyLevel: t.family === 'ecs.t5' ? 'EntryLevel' : 'EnterpriseLevel',
    InstanceTypeId: t.id,
    EniPrivateIpAddressQuantity: 6,
  };
}
