/**
 * The exact TreeItem a resource row gets (label, id, description, icon, contextValue, no eager tooltip) and its
 * lazy tooltip, for a few resources of each kind. items.ts imports `vscode`: the vscode shim (test/support/vscode-shim.ts) stands in for it.
 */
import * as assert from 'assert';
import { installVscodeShim } from '../../support/vscode-shim';
import type { ResourceKind } from '../../../src/contracts';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const model = require('../../../src/tree/model') as typeof import('../../../src/tree/model');
const items = require('../../../src/tree/items') as typeof import('../../../src/tree/items');
const shown = require('../../../src/output/redact') as typeof import('../../../src/output/redact');
const gotoItems = require('../../../src/tree/gotoItems') as typeof import('../../../src/tree/gotoItems');

const FUTURE = '2099-01-01T00:00:00Z';
const PAST = '2001-01-01T00:00:00Z';

function node(kind: ResourceKind, data: Record<string, unknown>, region = 'cn-beijing') {
  const ref = model.toRef(kind === 'reservedInstance' ? 'aliyun' : 'volcengine', 'p1', region, kind, data);
  return { type: 'resource' as const, id: model.resourceNodeId(ref), parent: { type: 'folder' } as never, ref };
}

/** Every own field of the item, ThemeIcon/ThemeColor as plain values, undefined fields dropped. */
function plain(item: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (v === undefined) continue;
    if (k === 'iconPath') {
      const i = v as { id: string; color?: { id: string } };
      out[k] = i.color ? `${i.id} ${i.color.id}` : i.id;
    } else out[k] = v;
  }
  return out;
}

const I = 'ecsExplorer/volcengine/p1/cn-beijing/instance/';
const R = 'ecsExplorer/volcengine/p1/cn-beijing/reservation/';
const A = 'ecsExplorer/aliyun/p1/cn-hangzhou/reservedInstance/';

const cases: [string, ReturnType<typeof node>, Record<string, unknown>][] = [
  [
    'running pay-as-you-go instance',
    node('instance', {
      InstanceId: 'i-run',
      InstanceName: 'web-1',
      Status: 'RUNNING',
      InstanceChargeType: 'PostPaid',
      InstanceTypeId: 'ecs.g3il.large',
      NetworkInterfaces: [{ PrimaryIpAddress: '192.168.0.7' }],
    }),
    {
      label: 'web-1',
      collapsibleState: 0,
      id: `${I}i-run`,
      description: 'Running · ecs.g3il.large · 192.168.0.7',
      iconPath: 'vm-running charts.green',
      contextValue: 'resource;instance;deletable;',
    },
  ],
  [
    'stopped instance without a name',
    node('instance', { InstanceId: 'i-stop', InstanceName: '', Status: 'STOPPED', InstanceChargeType: 'PostPaid' }),
    {
      label: 'i-stop',
      collapsibleState: 0,
      id: `${I}i-stop`,
      description: 'Stopped',
      iconPath: 'vm-outline disabledForeground',
      contextValue: 'resource;instance;deletable;',
    },
  ],
  [
    'subscription instance before expiry',
    node('instance', { InstanceId: 'i-pre', InstanceName: 'db', Status: 'RUNNING', InstanceChargeType: 'PrePaid', ExpiredAt: FUTURE }),
    {
      label: 'db',
      collapsibleState: 0,
      id: `${I}i-pre`,
      description: 'Running',
      iconPath: 'vm-running charts.green',
      contextValue: 'resource;instance;no-deletable;',
    },
  ],
  [
    'expired subscription instance in error',
    node('instance', { InstanceId: 'i-err', InstanceName: 'old', Status: 'ERROR', InstanceChargeType: 'PrePaid', ExpiredAt: PAST }),
    {
      label: 'old',
      collapsibleState: 0,
      id: `${I}i-err`,
      description: 'Error',
      iconPath: 'error problemsErrorIcon.foreground',
      contextValue: 'resource;instance;deletable;',
    },
  ],
  [
    'instance being created',
    node('instance', { InstanceId: 'i-new', InstanceName: 'new', Status: 'CREATING', InstanceChargeType: 'PostPaid' }),
    {
      label: 'new',
      collapsibleState: 0,
      id: `${I}i-new`,
      description: 'Creating',
      iconPath: 'loading~spin',
      contextValue: 'resource;instance;no-deletable;',
    },
  ],
  [
    'instance in an unknown state',
    node('instance', { InstanceId: 'i-odd', InstanceName: 'odd', Status: 'Weird', InstanceChargeType: 'PostPaid' }),
    {
      label: 'odd',
      collapsibleState: 0,
      id: `${I}i-odd`,
      description: 'Weird',
      iconPath: 'vm',
      contextValue: 'resource;instance;deletable;',
    },
  ],
  [
    'instance without a state',
    node('instance', { InstanceId: 'i-none', InstanceName: 'none', InstanceChargeType: 'PostPaid' }),
    { label: 'none', collapsibleState: 0, id: `${I}i-none`, description: '', iconPath: 'vm', contextValue: 'resource;instance;deletable;' },
  ],
  [
    'segmented reservation before its window',
    node('reservation', {
      ScheduledInstanceId: 'esi-seg',
      ScheduledInstanceName: 'nightly',
      Status: 'RESERVED',
      ElasticScheduledInstanceType: 'Segmented',
      DeliveryType: 'Reserve',
      StartDeliveryAt: FUTURE,
      EndDeliveryAt: '2099-01-01T08:30:00Z',
    }),
    {
      label: 'nightly',
      collapsibleState: 0,
      id: `${R}esi-seg`,
      description: 'Reserved · 01-01 00:00–01-01 08:30',
      iconPath: 'calendar charts.blue',
      contextValue: 'resource;reservation;cancellable;',
    },
  ],
  [
    'Esi reservation past its cancel window',
    node('reservation', { ScheduledInstanceId: 'esi-old', Status: 'RESERVED', ElasticScheduledInstanceType: 'Esi', CreatedAt: PAST }),
    {
      label: 'esi-old',
      collapsibleState: 0,
      id: `${R}esi-old`,
      description: 'Reserved',
      iconPath: 'calendar charts.blue',
      contextValue: 'resource;reservation;no-cancellable;',
    },
  ],
  [
    'reservation being delivered',
    node('reservation', { ScheduledInstanceId: 'esi-dlv', ScheduledInstanceName: 'batch', Status: 'DELIVERING' }),
    {
      label: 'batch',
      collapsibleState: 0,
      id: `${R}esi-dlv`,
      description: 'Delivering',
      iconPath: 'loading~spin',
      contextValue: 'resource;reservation;no-cancellable;',
    },
  ],
  [
    'cancelled reservation',
    node('reservation', { ScheduledInstanceId: 'esi-cxl', ScheduledInstanceName: 'gone', Status: 'CANCELLED' }),
    {
      label: 'gone',
      collapsibleState: 0,
      id: `${R}esi-cxl`,
      description: 'Cancelled',
      iconPath: 'circle-slash disabledForeground',
      contextValue: 'resource;reservation;no-cancellable;',
    },
  ],
  [
    'active coupon',
    node(
      'reservedInstance',
      {
        ReservedInstanceId: 'ecsri-a',
        ReservedInstanceName: 'ri-a',
        Status: 'Active',
        InstanceType: 'ecs.g5.large',
        InstanceAmount: 1,
        ExpiredTime: FUTURE,
        Scope: 'Zone',
        ZoneId: 'cn-hangzhou-h',
      },
      'cn-hangzhou',
    ),
    {
      label: 'ri-a',
      collapsibleState: 0,
      id: `${A}ecsri-a`,
      description: 'Active · ecs.g5.large × 1 · cn-hangzhou-h',
      iconPath: 'tag charts.green',
      contextValue: 'resource;reservedInstance;modifiable;',
    },
  ],
  [
    'active coupon past its end time',
    node(
      'reservedInstance',
      {
        ReservedInstanceId: 'ecsri-b',
        ReservedInstanceName: 'ri-b',
        Status: 'Active',
        InstanceType: 'ecs.g5.large',
        InstanceAmount: 1,
        ExpiredTime: PAST,
      },
      'cn-hangzhou',
    ),
    {
      label: 'ri-b',
      collapsibleState: 0,
      id: `${A}ecsri-b`,
      description: 'Active · ecs.g5.large × 1',
      iconPath: 'tag charts.green',
      contextValue: 'resource;reservedInstance;no-modifiable;',
    },
  ],
  [
    'expired coupon',
    node(
      'reservedInstance',
      { ReservedInstanceId: 'ecsri-c', Status: 'Expired', InstanceType: 'ecs.g5.large', InstanceAmount: 1 },
      'cn-hangzhou',
    ),
    {
      label: 'ecsri-c',
      collapsibleState: 0,
      id: `${A}ecsri-c`,
      description: 'Expired · ecs.g5.large × 1',
      iconPath: 'circle-slash disabledForeground',
      contextValue: 'resource;reservedInstance;no-modifiable;',
    },
  ],
  [
    'coupon being updated',
    node(
      'reservedInstance',
      { ReservedInstanceId: 'ecsri-d', ReservedInstanceName: 'ri-d', Status: 'Updating', InstanceType: 'ecs.g5.large', InstanceAmount: 1 },
      'cn-hangzhou',
    ),
    {
      label: 'ri-d',
      collapsibleState: 0,
      id: `${A}ecsri-d`,
      description: 'Updating · ecs.g5.large × 1',
      iconPath: 'loading~spin',
      contextValue: 'resource;reservedInstance;no-modifiable;',
    },
  ],
];

describe('ext/tree items (exact TreeItem output)', () => {
  const tz = process.env.TZ;
  before(() => {
    process.env.TZ = 'UTC'; // tooltips show local times
  });
  after(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  for (const [what, n, expected] of cases) {
    it(what, () => {
      assert.deepStrictEqual(plain(items.resourceItem(n)), expected);
      // Built twice (cached eligibility, icons, labels): the same answer.
      assert.deepStrictEqual(plain(items.resourceItem(n)), expected);
    });
  }

  it('provider and account rows carry no Markdown tooltip; it is built on hover, from the account', async () => {
    const rows = require('../../../src/tree/rows') as typeof import('../../../src/tree/rows');
    const info = { id: 'p1', provider: 'volcengine' as const, name: 'prod*1', maskedKeyId: 'AKLT…0001', source: 'stored' as const };
    let shownNow = [info];
    const ctx = {
      accounts: { shown: () => shownNow, get: (id: string) => (id === 'p1' ? info : undefined), external: undefined },
      clients: {} as never,
      store: { get: () => undefined } as never,
      filter: {} as never,
      expanded: () => false,
    };
    const provider = { type: 'provider' as const, id: 'ecsExplorer/volcengine', provider: 'volcengine' as const };
    const account = {
      type: 'account' as const,
      id: 'ecsExplorer/volcengine/p1',
      parent: provider,
      provider: 'volcengine' as const,
      accountId: 'p1',
    };
    for (const n of [provider, account]) {
      const item = rows.treeItem(n, ctx);
      // VS Code parses a Markdown tooltip when it receives the row (~30 ms the first time in an extension host).
      assert.strictEqual(item.tooltip, undefined, n.type);
      const tip = (await rows.resolveTreeItem(item, n, ctx)).tooltip as { value: string };
      assert.match(tip.value, /^\*\*prod\\\*1\*\*/, n.type);
      assert.match(tip.value, /AKLT…0001/, n.type);
    }
    // A provider row showing several accounts has no account tooltip.
    shownNow = [info, { ...info, id: 'p2' }];
    assert.strictEqual((await rows.resolveTreeItem(rows.treeItem(provider, ctx), provider, ctx)).tooltip, undefined);
  });

  it('rows of the same look share one icon object', () => {
    const a = items.resourceItem(cases[0][1]);
    const b = items.resourceItem(node('instance', { InstanceId: 'i-other', Status: 'RUNNING', InstanceChargeType: 'PostPaid' }));
    assert.strictEqual(a.iconPath, b.iconPath);
  });

  it('lazy tooltips, one of each kind', () => {
    const inst = node('instance', {
      InstanceId: 'i-tip',
      InstanceName: 'web*1',
      Status: 'RUNNING',
      InstanceTypeId: 'ecs.g3il.large',
      ZoneId: 'cn-beijing-a',
      InstanceChargeType: 'PrePaid',
      ExpiredAt: FUTURE,
      CreatedAt: '2024-01-04T19:18:46+08:00',
      EipAddress: { IpAddress: '1.2.3.4' },
      NetworkInterfaces: [{ PrimaryIpAddress: '192.168.0.2' }],
      Cpus: 2,
      MemorySize: 8192,
      OsName: 'CentOS 7.9',
    });
    const md = items.resourceTooltipMarkdown(inst);
    assert.deepStrictEqual([md.isTrusted, md.supportHtml, md.supportThemeIcons], [false, false, true]);
    assert.strictEqual(
      md.value,
      [
        '**web\\*1**',
        '',
        'ID: i\\-tip  ',
        'State: Running \\(RUNNING\\)  ',
        'Type: ecs\\.g3il\\.large  ',
        'vCPU / memory: 2 vCPU / 8 GiB  ',
        'Zone: cn\\-beijing\\-a  ',
        'Charge type: Subscription  ',
        'Expires: 2099\\-01\\-01 00:00  ',
        'Private IP: 192\\.168\\.0\\.2  ',
        'Public IP: 1\\.2\\.3\\.4  ',
        'Image: CentOS 7\\.9  ',
        'Created: 2024\\-01\\-04 11:18  ',
        '',
        '$(info) Cannot be deleted: Subscription instance: does not expire until 2099\\-01\\-01T00:00:00Z; convert it to pay\\-as\\-you\\-go or wait until it expires',
      ].join('\n'),
    );
    const res = node('reservation', {
      ScheduledInstanceId: 'esi-tip',
      Status: 'CANCELLED',
      ElasticScheduledInstanceType: 'Segmented',
      DeliveryType: 'Reserve',
      Count: 2,
      DeliveryCount: 0,
      InstanceConfig: { InstanceTypeId: 'ecs.g3il.xlarge', ZoneId: 'cn-beijing-b' },
      StartDeliveryAt: '2024-02-01T00:00:00Z',
      EndDeliveryAt: '2024-02-02T00:00:00Z',
    });
    assert.strictEqual(
      items.resourceTooltipMarkdown(res).value,
      [
        '**esi\\-tip**',
        '',
        'ID: esi\\-tip  ',
        'State: Cancelled \\(CANCELLED\\)  ',
        'Reservation type: Segmented / scheduled delivery  ',
        'Instance type: ecs\\.g3il\\.xlarge  ',
        'Zone: cn\\-beijing\\-b  ',
        'Count: 2  ',
        'Delivered: 0  ',
        'Delivery window: 2024\\-02\\-01 00:00 – 2024\\-02\\-02 00:00  ',
        '',
        '$(info) Cannot be cancelled: The reservation is already cancelled',
      ].join('\n'),
    );
    const ri = node(
      'reservedInstance',
      {
        ReservedInstanceId: 'ecsri-tip',
        ReservedInstanceName: 'ri',
        Status: 'Active',
        InstanceType: 'ecs.g5.xlarge',
        InstanceAmount: 2,
        Scope: 'Zone',
        ZoneId: 'cn-hangzhou-h',
        Platform: 'Linux',
        OfferingType: 'All Upfront',
        StartTime: '2024-01-01T00:00Z',
        ExpiredTime: FUTURE,
      },
      'cn-hangzhou',
    );
    assert.strictEqual(
      items.resourceTooltipMarkdown(ri).value,
      [
        '**ri**',
        '',
        'ID: ecsri\\-tip  ',
        'State: Active  ',
        'Instance type: ecs\\.g5\\.xlarge  ',
        'Amount: 2  ',
        'Computing power: 8  ',
        'Scope: Zone cn\\-hangzhou\\-h  ',
        'Platform: Linux  ',
        'Offering: All upfront payment  ',
        'Start time: 2024\\-01\\-01 00:00  ',
        'End time: 2099\\-01\\-01 00:00  ',
      ].join('\n'),
    );
  });

  it('a known secret a server echoes into a name, a tag or a field never reaches the row, its tooltip or Go to Resource', () => {
    const secret = 'ZWNob2VkLXNlY3JldC1mb3ItdGVzdHM9PQ';
    const b64 = Buffer.from(secret).toString('base64');
    const n = node('instance', {
      InstanceId: 'i-echo',
      InstanceName: `web-${secret}`,
      Status: 'RUNNING',
      InstanceChargeType: 'PostPaid',
      InstanceTypeId: `ecs.${encodeURIComponent(secret)}`,
      OsName: b64,
      Tags: [{ Key: 'note', Value: secret }],
    });
    const texts = () => {
      const item = items.resourceItem(n);
      const md = items.resourceTooltipMarkdown(n);
      const g = gotoItems.gotoFields(
        n.ref,
        { provider: 'volcengine', kind: 'instance', kindText: 'Instance', account: 'prod', region: 'cn-beijing' },
        (s) => s,
      );
      return [String(item.label), String(item.description), md.value, g.label, g.description, g.detail].join('\n');
    };
    // Not known yet: shown as the server sent it (the scrubbing is for secrets this session loaded).
    assert.ok(texts().includes(secret));
    shown.addKnownSecret(secret);
    const after = texts();
    for (const form of [secret, b64.slice(4, -4), encodeURIComponent(secret)]) assert.ok(!after.includes(form), form);
    assert.ok(after.includes('i-echo'), 'the rest is shown');
    // Ordinary names are left as they are (no pattern redaction of, e.g., "password-reset").
    assert.equal(shown.scrubShown('password-reset-svc token=abc'), 'password-reset-svc token=abc');
  });
});
