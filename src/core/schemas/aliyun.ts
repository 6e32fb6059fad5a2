/** Response schemas of the Alibaba Cloud ECS API (2014-05-26). Unknown fields pass through. */
import * as z from 'zod/mini';
import { fast as f, list, opt, withFastCheck } from './parse';

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

export const DescribeReservedInstancesResponse = withFastCheck(
  z.looseObject({
    RequestId: str,
    /** The SDK model says TotalCount; a doc example says Total. Either is accepted. */
    TotalCount: opt(num),
    Total: opt(num),
    PageNumber: opt(num),
    PageSize: opt(num),
    ReservedInstances: z.looseObject({ ReservedInstance: list(AliyunReservedInstanceSchema) }),
  }),
  // Fast check mirroring the schema (see parse.ts); keep both in step.
  f.object({
    RequestId: f.req(f.str),
    TotalCount: f.opt(f.num),
    Total: f.opt(f.num),
    PageNumber: f.opt(f.num),
    PageSize: f.opt(f.num),
    ReservedInstances: f.req(
      f.object({
        ReservedInstance: f.list(
          f.object({
            ReservedInstanceId: f.req(f.str),
            Status: f.req(f.str),
            InstanceType: f.req(f.str),
            InstanceAmount: f.req(f.num),
            ReservedInstanceName: f.opt(f.str),
            Description: f.opt(f.str),
            RegionId: f.opt(f.str),
            ZoneId: f.opt(f.str),
            Scope: f.opt(f.str),
            Platform: f.opt(f.str),
            OfferingType: f.opt(f.str),
            CreationTime: f.opt(f.str),
            StartTime: f.opt(f.str),
            ExpiredTime: f.opt(f.str),
            AllocationStatus: f.opt(f.str),
            ResourceGroupId: f.opt(f.str),
            OperationLocks: f.opt(f.object({ OperationLock: f.list(f.object({ LockReason: f.opt(f.str) })) })),
            Tags: f.opt(f.object({ Tag: f.list(f.object({ TagKey: f.opt(f.str), TagValue: f.opt(f.str) })) })),
          }),
        ),
      }),
    ),
  }),
);

export const ModifyReservedInstancesResponse = z.looseObject({
  RequestId: str,
  ReservedInstanceIdSets: z.looseObject({ ReservedInstanceId: list(str) }),
});

/** DescribeInstanceTypes item (DescribeInstanceTypesResponseBody, @alicloud/ecs20140526 7.11.6); only what we read is checked. */
export const AliyunInstanceTypeSchema = z.looseObject({
  InstanceTypeId: str,
  InstanceTypeFamily: opt(str),
  CpuCoreCount: opt(num),
  MemorySize: opt(num),
  GPUAmount: opt(num),
  GPUSpec: opt(str),
  InstanceFamilyLevel: opt(str),
});

export const DescribeInstanceTypesResponse = z.looseObject({
  RequestId: str,
  NextToken: opt(str),
  InstanceTypes: z.looseObject({ InstanceType: list(AliyunInstanceTypeSchema) }),
});

export type AliyunInstanceType = z.output<typeof AliyunInstanceTypeSchema>;
export type AliyunRegion = z.output<typeof AliyunRegionSchema>;
export type AliyunZone = z.output<typeof AliyunZoneSchema>;
export type AliyunReservedInstance = z.output<typeof AliyunReservedInstanceSchema>;
