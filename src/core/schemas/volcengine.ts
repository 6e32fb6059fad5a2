/** Response schemas of the Volcengine ECS API (2020-04-01). Unknown fields pass through. */
import * as z from 'zod/mini';
import { list, opt } from './parse';

const str = z.string();
const num = z.number();

export const ResponseMetadata = z.looseObject({
  RequestId: str,
  Action: opt(str),
  Version: opt(str),
  Service: opt(str),
  Region: opt(str),
});

function envelope<T extends z.ZodMiniType>(result: T) {
  return z.looseObject({ ResponseMetadata, Result: result });
}

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

export const DescribeRegionsResponse = envelope(z.looseObject({ Regions: list(VolcRegionSchema), NextToken: opt(str) }));
export const DescribeZonesResponse = envelope(z.looseObject({ Zones: list(VolcZoneSchema) }));
export const DescribeInstancesResponse = envelope(
  z.looseObject({ Instances: list(VolcInstanceSchema), NextToken: opt(str), TotalCount: opt(num) }),
);
export const DescribeScheduledInstancesResponse = envelope(
  z.looseObject({ ScheduledInstanceInfo: list(VolcScheduledInstanceSchema), NextToken: opt(str) }),
);

export const OperationDetailSchema = z.looseObject({
  InstanceId: str,
  Error: opt(z.looseObject({ Code: str, Message: opt(str) })),
});
export const DeleteInstancesResponse = envelope(z.looseObject({ OperationDetails: list(OperationDetailSchema) }));
/** No specific result fields. */
export const DeleteScheduledInstanceResponse = z.looseObject({ ResponseMetadata, Result: opt(z.looseObject({})) });

export type VolcRegion = z.output<typeof VolcRegionSchema>;
export type VolcZone = z.output<typeof VolcZoneSchema>;
export type VolcInstance = z.output<typeof VolcInstanceSchema>;
export type VolcScheduledInstance = z.output<typeof VolcScheduledInstanceSchema>;
export type VolcOperationDetail = z.output<typeof OperationDetailSchema>;
