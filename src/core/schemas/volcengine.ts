/** Response schemas of the Volcengine ECS API (2020-04-01). Unknown fields pass through. */
import * as z from 'zod/mini';
import { fast as f, list, opt, withFastCheck, type FastCheck } from './parse';

const str = z.string();
const num = z.number();

export const ResponseMetadata = z.looseObject({
  RequestId: str,
  Action: opt(str),
  Version: opt(str),
  Service: opt(str),
  Region: opt(str),
});

function envelope<T extends z.ZodMiniType>(result: T, fastResult: FastCheck) {
  return withFastCheck(
    z.looseObject({ ResponseMetadata, Result: result }),
    f.object({ ResponseMetadata: f.req(fastMeta), Result: f.req(fastResult) }),
  );
}

// Fast checks mirroring the schemas (see parse.ts); keep both in step.
const fastMeta = f.object({
  RequestId: f.req(f.str),
  Action: f.opt(f.str),
  Version: f.opt(f.str),
  Service: f.opt(f.str),
  Region: f.opt(f.str),
});
const fastTag = f.object({ Key: f.req(f.str), Value: f.opt(f.str) });
const fastInstance = f.object({
  InstanceId: f.req(f.str),
  Status: f.req(f.str),
  InstanceName: f.opt(f.str),
  Description: f.opt(f.str),
  InstanceTypeId: f.opt(f.str),
  InstanceChargeType: f.opt(f.str),
  SpotStrategy: f.opt(f.str),
  ScheduledInstanceId: f.opt(f.str),
  ElasticScheduledInstanceType: f.opt(f.str),
  ZoneId: f.opt(f.str),
  VpcId: f.opt(f.str),
  ImageId: f.opt(f.str),
  OsName: f.opt(f.str),
  OsType: f.opt(f.str),
  Cpus: f.opt(f.num),
  MemorySize: f.opt(f.num),
  CreatedAt: f.opt(f.str),
  UpdatedAt: f.opt(f.str),
  ExpiredAt: f.opt(f.str),
  ProjectName: f.opt(f.str),
  DeletionProtection: f.opt(f.bool),
  EipAddress: f.opt(f.object({ AllocationId: f.opt(f.str), IpAddress: f.opt(f.str) })),
  NetworkInterfaces: f.opt(f.array(f.object({ NetworkInterfaceId: f.opt(f.str), PrimaryIpAddress: f.opt(f.str), Type: f.opt(f.str) }))),
  Tags: f.opt(f.array(fastTag)),
});
const fastScheduledInstance = f.object({
  ScheduledInstanceId: f.req(f.str),
  Status: f.req(f.str),
  ScheduledInstanceName: f.opt(f.str),
  ScheduledInstanceDescription: f.opt(f.str),
  ElasticScheduledInstanceType: f.opt(f.str),
  DeliveryType: f.opt(f.str),
  ZoneId: f.opt(f.str),
  Count: f.opt(f.num),
  DeliveryCount: f.opt(f.num),
  ReleaseCount: f.opt(f.num),
  CreatedAt: f.opt(f.str),
  UpdatedAt: f.opt(f.str),
  StartDeliveryAt: f.opt(f.str),
  EndDeliveryAt: f.opt(f.str),
  InvalidAt: f.opt(f.str),
  AutoReleaseAt: f.opt(f.str),
  ProjectName: f.opt(f.str),
  InstanceConfig: f.opt(
    f.object({ InstanceTypeId: f.opt(f.str), ImageId: f.opt(f.str), InstanceName: f.opt(f.str), ZoneId: f.opt(f.str) }),
  ),
  Tags: f.opt(f.array(fastTag)),
});

const Tag = z.looseObject({ Key: str, Value: opt(str) });

export const VolcRegionSchema = z.looseObject({ RegionId: str });
export const VolcZoneSchema = z.looseObject({ ZoneId: str });

export const VolcInstanceSchema = z.looseObject({
  InstanceId: str,
  Status: str,
  InstanceName: opt(str),
  Description: opt(str),
  InstanceTypeId: opt(str),
  InstanceChargeType: opt(str),
  SpotStrategy: opt(str),
  ScheduledInstanceId: opt(str),
  ElasticScheduledInstanceType: opt(str),
  ZoneId: opt(str),
  VpcId: opt(str),
  ImageId: opt(str),
  OsName: opt(str),
  OsType: opt(str),
  Cpus: opt(num),
  MemorySize: opt(num),
  CreatedAt: opt(str),
  UpdatedAt: opt(str),
  ExpiredAt: opt(str),
  ProjectName: opt(str),
  DeletionProtection: opt(z.boolean()),
  EipAddress: opt(z.looseObject({ AllocationId: opt(str), IpAddress: opt(str) })),
  NetworkInterfaces: opt(z.array(z.looseObject({ NetworkInterfaceId: opt(str), PrimaryIpAddress: opt(str), Type: opt(str) }))),
  Tags: opt(z.array(Tag)),
});

export const VolcScheduledInstanceSchema = z.looseObject({
  ScheduledInstanceId: str,
  Status: str,
  ScheduledInstanceName: opt(str),
  ScheduledInstanceDescription: opt(str),
  ElasticScheduledInstanceType: opt(str),
  DeliveryType: opt(str),
  ZoneId: opt(str),
  Count: opt(num),
  DeliveryCount: opt(num),
  ReleaseCount: opt(num),
  CreatedAt: opt(str),
  UpdatedAt: opt(str),
  StartDeliveryAt: opt(str),
  EndDeliveryAt: opt(str),
  InvalidAt: opt(str),
  AutoReleaseAt: opt(str),
  ProjectName: opt(str),
  InstanceConfig: opt(z.looseObject({ InstanceTypeId: opt(str), ImageId: opt(str), InstanceName: opt(str), ZoneId: opt(str) })),
  Tags: opt(z.array(Tag)),
});

export const DescribeRegionsResponse = envelope(
  z.looseObject({ Regions: list(VolcRegionSchema), NextToken: opt(str) }),
  f.object({ Regions: f.list(f.object({ RegionId: f.req(f.str) })), NextToken: f.opt(f.str) }),
);
export const DescribeZonesResponse = envelope(
  z.looseObject({ Zones: list(VolcZoneSchema) }),
  f.object({ Zones: f.list(f.object({ ZoneId: f.req(f.str) })) }),
);
export const DescribeInstancesResponse = envelope(
  z.looseObject({ Instances: list(VolcInstanceSchema), NextToken: opt(str), TotalCount: opt(num) }),
  f.object({ Instances: f.list(fastInstance), NextToken: f.opt(f.str), TotalCount: f.opt(f.num) }),
);
export const DescribeScheduledInstancesResponse = envelope(
  z.looseObject({ ScheduledInstanceInfo: list(VolcScheduledInstanceSchema), NextToken: opt(str) }),
  f.object({ ScheduledInstanceInfo: f.list(fastScheduledInstance), NextToken: f.opt(f.str) }),
);

/** One instance's result. `Error` absent, null or with an empty Code means success; InstanceId may be missing. */
export const OperationDetailSchema = z.looseObject({
  InstanceId: opt(str),
  Error: opt(z.looseObject({ Code: opt(str), Message: opt(str) })),
});
export const DeleteInstancesResponse = envelope(
  z.looseObject({ OperationDetails: list(OperationDetailSchema) }),
  f.object({
    OperationDetails: f.list(f.object({ InstanceId: f.opt(f.str), Error: f.opt(f.object({ Code: f.opt(f.str), Message: f.opt(f.str) })) })),
  }),
);
/** No specific result fields. */
export const DeleteScheduledInstanceResponse = z.looseObject({ ResponseMetadata, Result: opt(z.looseObject({})) });

export type VolcRegion = z.output<typeof VolcRegionSchema>;
export type VolcZone = z.output<typeof VolcZoneSchema>;
export type VolcInstance = z.output<typeof VolcInstanceSchema>;
export type VolcScheduledInstance = z.output<typeof VolcScheduledInstanceSchema>;
export type VolcOperationDetail = z.output<typeof OperationDetailSchema>;
