/** Response schemas of the Alibaba Cloud ECS API (2014-05-26). Unknown fields pass through. */
import * as z from 'zod/mini';
import { list, opt } from './parse';

const str = z.string();
const num = z.number();

export const AliyunRegionSchema = z.looseObject({
  RegionId: str,
  LocalName: opt(str),
  RegionEndpoint: opt(str),
  Status: opt(str),
});

export const AliyunZoneSchema = z.looseObject({ ZoneId: str, LocalName: opt(str) });

export const AliyunReservedInstanceSchema = z.looseObject({
  ReservedInstanceId: str,
  Status: str,
  InstanceType: str,
  InstanceAmount: num,
  ReservedInstanceName: opt(str),
  Description: opt(str),
  RegionId: opt(str),
  ZoneId: opt(str),
  /** `Region` | `Zone`; examples show lower case, compare case-insensitively. */
  Scope: opt(str),
  Platform: opt(str),
  OfferingType: opt(str),
  CreationTime: opt(str),
  StartTime: opt(str),
  ExpiredTime: opt(str),
  AllocationStatus: opt(str),
  ResourceGroupId: opt(str),
  OperationLocks: opt(z.looseObject({ OperationLock: list(z.looseObject({ LockReason: opt(str) })) })),
  Tags: opt(z.looseObject({ Tag: list(z.looseObject({ TagKey: opt(str), TagValue: opt(str) })) })),
});

export const DescribeRegionsResponse = z.looseObject({
  RequestId: str,
  Regions: z.looseObject({ Region: list(AliyunRegionSchema) }),
});

export const DescribeZonesResponse = z.looseObject({
  RequestId: str,
  Zones: z.looseObject({ Zone: list(AliyunZoneSchema) }),
});

export const DescribeReservedInstancesResponse = z.looseObject({
  RequestId: str,
  /** The SDK model says TotalCount; a doc example says Total. Either is accepted. */
  TotalCount: opt(num),
  Total: opt(num),
  PageNumber: opt(num),
  PageSize: opt(num),
  ReservedInstances: z.looseObject({ ReservedInstance: list(AliyunReservedInstanceSchema) }),
});

export const ModifyReservedInstancesResponse = z.looseObject({
  RequestId: str,
  ReservedInstanceIdSets: z.looseObject({ ReservedInstanceId: list(str) }),
});

export type AliyunRegion = z.output<typeof AliyunRegionSchema>;
export type AliyunZone = z.output<typeof AliyunZoneSchema>;
export type AliyunReservedInstance = z.output<typeof AliyunReservedInstanceSchema>;
