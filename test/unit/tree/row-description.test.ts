import * as assert from 'assert';
import { DEFAULT_ROW_FIELDS, rowDescription, rowFields, unknownRowFields } from '../../../src/tree/rowDescription';
import { toRef } from '../../../src/tree/model';

describe('ext/row description', () => {
  const tz = process.env.TZ;
  before(() => (process.env.TZ = 'UTC'));
  after(() => (tz === undefined ? delete process.env.TZ : (process.env.TZ = tz)));

  const vm = toRef('volcengine', 'p1', 'cn-beijing', 'instance', {
    InstanceId: 'i-1',
    InstanceName: 'web',
    Status: 'RUNNING',
    InstanceTypeId: 'ecs.g3il.large',
    ZoneId: 'cn-beijing-a',
    NetworkInterfaces: [{ PrimaryIpAddress: '10.0.0.5' }],
    EipAddress: { IpAddress: '1.2.3.4' },
  });

  it('shows the chosen fields in order, leaves out empty ones, and the ID only when asked', () => {
    assert.strictEqual(rowDescription(vm, DEFAULT_ROW_FIELDS.instance, '运行中'), '运行中 · ecs.g3il.large · 10.0.0.5');
    assert.strictEqual(rowDescription(vm, ['publicIp', 'zone', 'id'], 'Running'), '1.2.3.4 · cn-beijing-a · i-1');
    const bare = toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-2' });
    assert.strictEqual(rowDescription(bare, ['state', 'type', 'ip', 'id'], ''), '', 'no values, no separators; the name is the ID');
  });

  it('reservations: delivery window and count; coupons: type × amount, scope, end', () => {
    const r = toRef('volcengine', 'p1', 'cn-beijing', 'reservation', {
      ScheduledInstanceId: 'esi-1',
      StartDeliveryAt: '2026-03-01T10:00:00Z',
      EndDeliveryAt: '2026-03-02T18:00:00Z',
      Count: 4,
      InstanceConfig: { InstanceTypeId: 'ecs.c3il.xlarge' },
    });
    assert.strictEqual(
      rowDescription(r, ['state', 'window', 'type', 'count'], 'Reserved'),
      'Reserved · 03-01 10:00–03-02 18:00 · ecs.c3il.xlarge · ×4',
    );
    const c = toRef('aliyun', 'a1', 'cn-hangzhou', 'reservedInstance', {
      ReservedInstanceId: 'ecsri-1',
      InstanceType: 'ecs.g5.large',
      InstanceAmount: 3,
      Scope: 'Region',
      ExpiredTime: '2027-01-01T00:00Z',
    });
    assert.strictEqual(rowDescription(c, ['typeAmount', 'scope', 'expires'], 'Active'), 'ecs.g5.large × 3 · Region · 01-01 00:00');
  });

  it('settings: unknown names are dropped (and named), duplicates once, a non-list gives the default', () => {
    assert.deepStrictEqual(rowFields('instance', ['ip', 'bogus', 'ip', 'state']), ['ip', 'state']);
    assert.deepStrictEqual(unknownRowFields('instance', ['ip', 'bogus', 3]), ['bogus', '3']);
    assert.deepStrictEqual(rowFields('reservedInstance', 'typeAmount'), DEFAULT_ROW_FIELDS.reservedInstance);
    assert.deepStrictEqual(rowFields('reservation', []), []);
    assert.deepStrictEqual(rowFields('reservation', ['window', 'typeAmount']), ['window'], 'a coupon field is not a reservation field');
  });
});
