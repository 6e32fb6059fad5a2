/** Fixtures for the action unit tests: refs, a zh translator from the real bundle, fake clients. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AliyunReservedInstance, VolcInstance, VolcScheduledInstance } from '../../src/core';
import type { ResourceRef } from '../../src/contracts';
import { bundleT, englishT, type Translate } from '../../src/output/translate';

const root = path.resolve(__dirname, '../../..');
export const zhBundle: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'l10n/bundle.l10n.zh-cn.json'), 'utf8'));
export const zhT: Translate = bundleT(zhBundle);
export const enT = englishT;
export const repoRoot = root;

export const NOW = new Date('2025-03-01T10:00:00Z');

export function inst(id: string, over: Partial<VolcInstance> = {}, region = 'cn-beijing', accountId = 'p1'): ResourceRef {
  // An ordinary instance as the service lists it (test/fixtures/volcengine/describe-instances.json).
  const data: VolcInstance = {
    InstanceId: id,
    Status: 'RUNNING',
    InstanceName: `web-${id.slice(2)}`,
    InstanceChargeType: 'PostPaid',
    ElasticScheduledInstanceType: 'NoEsi',
    ScheduledInstanceId: '',
    SpotStrategy: 'NoSpot',
    ...over,
  };
  return { provider: 'volcengine', accountId, region, kind: 'instance', id, name: data.InstanceName ?? id, data };
}

export function reservation(id: string, over: Partial<VolcScheduledInstance> = {}, region = 'cn-beijing'): ResourceRef {
  const data: VolcScheduledInstance = {
    ScheduledInstanceId: id,
    Status: 'RESERVED',
    ScheduledInstanceName: `res-${id.slice(4)}`,
    ElasticScheduledInstanceType: 'Esi',
    CreatedAt: new Date(NOW.getTime() - 10 * 60_000).toISOString(),
    Count: 2,
    ...over,
  };
  return { provider: 'volcengine', accountId: 'p1', region, kind: 'reservation', id, name: data.ScheduledInstanceName ?? id, data };
}

export function reservedInstance(id: string, over: Partial<AliyunReservedInstance> = {}, region = 'cn-hangzhou'): ResourceRef {
  const data: AliyunReservedInstance = {
    ReservedInstanceId: id,
    Status: 'Active',
    InstanceType: 'ecs.g5.2xlarge',
    InstanceAmount: 2,
    RegionId: region,
    Scope: 'Region',
    Platform: 'Linux',
    ExpiredTime: '2026-01-01T00:00Z',
    ...over,
  };
  return { provider: 'aliyun', accountId: 'a1', region, kind: 'reservedInstance', id, name: data.ReservedInstanceName ?? id, data };
}
