/**
 * Resource shapes, exactly as the APIs return them: every field of the official SDK models (volcengine-go-sdk
 * service/ecs), with the values the real service gives an ordinary resource (test/fixtures/volcengine).
 */

export const VOLC_INSTANCE_STATUSES = [
  'CREATING',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'REBOOTING',
  'STARTING',
  'REBUILDING',
  'RESIZING',
  'ERROR',
  'DELETING',
] as const;
export type VolcInstanceStatus = (typeof VOLC_INSTANCE_STATUSES)[number];

export interface VolcInstance {
  AffinityGroupId: string;
  CpuOptions: { CoreCount: number; ThreadsPerCore: number; TopologyType: string };
  DeploymentSetGroupNumber: number;
  DeploymentSetId: string;
  EnableJumboFrame: boolean;
  HpcClusterId: string;
  KeyPairId: string;
  LocalVolumes: { Count: number; Size: number; VolumeType: string }[];
  MetadataOptions: { HttpTokens: string };
  RdmaIpAddresses: string[];
  RdmaNetworkInterfaceDetails: { Gateway: string; Ip: string; Mask: string; SwitchName: string; SwitchPort: string }[];
  Volumes: { VolumeId: string }[];
  InstanceId: string;
  InstanceName: string;
  Description: string;
  HostName: string;
  Hostname: string;
  InstanceTypeId: string;
  Cpus: number;
  MemorySize: number; // MiB
  ZoneId: string;
  Status: VolcInstanceStatus;
  InstanceChargeType: 'PostPaid' | 'PrePaid';
  ExpiredAt: string; // '' for PostPaid
  CreatedAt: string;
  UpdatedAt: string;
  EipAddress: { AllocationId: string; IpAddress: string };
  NetworkInterfaces: {
    NetworkInterfaceId: string;
    PrimaryIpAddress: string;
    MacAddress: string;
    SubnetId: string;
    VpcId: string;
    Type: string;
    SecurityGroupIds: string[];
    Ipv6Addresses: string[];
  }[];
  OsName: string;
  OsType: string;
  ImageId: string;
  VpcId: string;
  ProjectName: string;
  KeyPairName: string;
  SpotStrategy: 'NoSpot' | 'SpotAsPriceGo' | 'SpotWithPriceLimit';
  SpotPriceLimit: number;
  ScheduledInstanceId: string; // '' for an ordinary instance
  ElasticScheduledInstanceType: string; // 'NoEsi' for an ordinary instance, else Esi | Segmented
  DeletionProtection: boolean;
  StoppedMode: string;
  Uuid: string;
  Placement: { Affinity: string; DedicatedHostClusterId: string; DedicatedHostId: string; Tenancy: string };
  Tags: { Key: string; Value: string }[];
}

export const VOLC_SCHEDULED_STATUSES = ['CREATING', 'RESERVED', 'DELIVERING', 'DELIVERED', 'CANCELLED', 'RELEASED', 'EXPIRED'] as const;
export type VolcScheduledStatus = (typeof VOLC_SCHEDULED_STATUSES)[number];

export interface VolcScheduledInstance {
  ScheduledInstanceId: string;
  ScheduledInstanceName: string;
  ScheduledInstanceDescription: string;
  ElasticScheduledInstanceType: 'Esi' | 'Segmented';
  DeliveryType: '' | 'Reserve' | 'Immediate';
  Status: VolcScheduledStatus;
  CreatedAt: string;
  UpdatedAt: string;
  StartDeliveryAt: string;
  EndDeliveryAt: string;
  InvalidAt: string;
  AutoReleaseAt: string;
  Count: number;
  DeliveryCount: number;
  ReleaseCount: number;
  ZoneId: string;
  ProjectName: string;
  Tags: { Key: string; Value: string }[];
  InstanceConfig: {
    InstanceTypeId: string;
    ImageId: string;
    InstanceName: string;
    ZoneId: string;
    Description: string;
    HostName: string;
    KeyPairName: string;
    ProjectName: string;
    HpcClusterId: string;
    Tags: { Key: string; Value: string }[];
    EipAddress: {
      BandwidthMbps: number;
      BandwidthPackageId: string;
      ChargeType: string;
      ISP: string;
      ReleaseWithInstance: boolean;
      SecurityProtectionInstanceId: string;
      SecurityProtectionTypes: string[];
    };
    NetworkInterfacesRes: { SecurityGroupIds: string[]; SubnetId: string }[];
    Volumes: { Kind: string; Size: number; VolumeType: string }[];
  };
}

export const ALI_RI_STATUSES = ['Creating', 'Active', 'Updating', 'Inactive', 'Expired'] as const;
export type AliRiStatus = (typeof ALI_RI_STATUSES)[number];

export interface AliReservedInstance {
  ReservedInstanceId: string;
  ReservedInstanceName: string;
  Description: string;
  RegionId: string;
  ZoneId: string; // '' for Region scope
  InstanceType: string;
  InstanceAmount: number;
  Scope: 'Region' | 'Zone';
  OfferingType: 'No Upfront' | 'Partial Upfront' | 'All Upfront';
  Platform: 'Linux' | 'Windows';
  Status: AliRiStatus;
  CreationTime: string;
  StartTime: string;
  ExpiredTime: string;
  AllocationStatus: string;
  ResourceGroupId: string;
  OperationLocks: { OperationLock: { LockReason: string }[] };
  Tags: { Tag: { TagKey: string; TagValue: string }[] };
}

/** Volcengine time: RFC 3339 at +08:00, e.g. 2024-01-04T19:18:46+08:00. */
export function volcTime(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + 8 * 3600_000);
  return d.toISOString().slice(0, 19) + '+08:00';
}

/** Alibaba time: yyyy-MM-ddTHH:mmZ (UTC). */
export function aliTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

export function parseTime(s: string): number {
  return s ? Date.parse(s) : NaN;
}
