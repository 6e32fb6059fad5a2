/**
 * Server values nested 100,000 levels deep: the details view's text and the reload comparison give a usable
 * result, never a RangeError. details.ts imports `vscode`: the vscode shim (test/support/vscode-shim.ts) stands in for it.
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { CloudError } from '../../../src/core/errors';
import { installVscodeShim } from '../../support/vscode-shim';
import { DETAILS_MAX_DEPTH, sameJson, stringifyBounded } from '../../../src/tree/json';
import { toRef } from '../../../src/tree/model';
import { resourceTooltip } from '../../../src/tree/tooltip';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const details = require('../../../src/tree/details') as typeof import('../../../src/tree/details');

const DEPTH = 100_000;

/** {"a":{"a":…{"a":leaf}…}} built without recursion (JSON.parse reads it: it is what a server can send). */
function deep(depth: number, leaf: unknown = 1): unknown {
  return JSON.parse(`${'{"a":'.repeat(depth)}${JSON.stringify(leaf)}${'}'.repeat(depth)}`);
}
function deepArray(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

describe('ext: deep values from a server', () => {
  it('the test values are deep enough to overflow JSON.stringify (what the details view and reload used)', () => {
    assert.throws(() => JSON.stringify(deep(DEPTH)), RangeError);
    assert.throws(() => JSON.stringify([[{ data: deepArray(DEPTH) }], undefined]), RangeError);
  });

  it('details text of a 100,000-deep field: valid JSON, the first levels shown, the rest replaced by a note', () => {
    const data = { InstanceId: 'i-deep', InstanceName: 'web', Status: 'RUNNING', Extra: deep(DEPTH), List: deepArray(DEPTH) };
    const text = details.detailsText(data);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    assert.equal(parsed.InstanceId, 'i-deep');
    let v: unknown = parsed.Extra;
    let levels = 1; // Extra is at level 1 below the resource
    while (v && typeof v === 'object') {
      v = (v as { a: unknown }).a;
      levels++;
    }
    assert.equal(levels, DETAILS_MAX_DEPTH);
    assert.equal(v, `(nested deeper than ${DETAILS_MAX_DEPTH} levels: not shown)`);
    assert.ok(text.length < 20_000, `${text.length} characters`);
  });

  it('stringifyBounded is JSON.stringify(v, null, 2) for values within the depth limit', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (v) => {
        assert.equal(stringifyBounded(v, 'm', 64), JSON.stringify(v, null, 2));
      }),
      { numRuns: 1000 },
    );
    const withUndefined = { a: undefined, b: [undefined, () => 1, NaN], c: new Date(0) };
    assert.equal(stringifyBounded(withUndefined, 'm'), JSON.stringify(withUndefined, null, 2));
  });

  it('sameJson agrees with comparing JSON.stringify texts, and works at any depth', () => {
    const pair = fc.jsonValue({ maxDepth: 6 }).chain((a) =>
      fc.oneof(
        fc.constant([a, JSON.parse(JSON.stringify(a))] as const),
        fc.jsonValue({ maxDepth: 6 }).map((b) => [a, b] as const),
        fc.constant([a, JSON.parse(JSON.stringify(a).replace(/1/, '2'))] as const),
      ),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        assert.equal(sameJson(a, b), JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 2000 },
    );
    assert.equal(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }), false, 'key order counts, as in the texts');
    assert.equal(sameJson({ a: 1, u: undefined }, { a: 1 }), true);
    // The reload comparison's shape: [items, cursor] with items holding deep data.
    const ref = (leaf: number) =>
      toRef('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-1', Status: 'RUNNING', Extra: deep(DEPTH, leaf) });
    assert.equal(sameJson([[ref(1)], undefined], [[ref(1)], undefined]), true);
    assert.equal(sameJson([[ref(1)], undefined], [[ref(2)], undefined]), false);
    assert.equal(sameJson([[ref(1)], { nextToken: 'x' }], [[ref(1)], { nextToken: 'y' }]), false);
  });

  it('tooltips of resources with deep fields build (they read named fields only)', () => {
    const t = (m: string, ...a: Array<string | number>) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)]));
    const now = new Date('2024-06-01T12:00:00Z');
    for (const [kind, data] of [
      [
        'instance',
        {
          InstanceId: 'i-1',
          Status: 'RUNNING',
          NetworkInterfaces: [{ PrimaryIpAddress: '10.0.0.1', Deep: deep(DEPTH) }],
          EipAddress: deep(DEPTH),
        },
      ],
      ['reservation', { ScheduledInstanceId: 'esi-1', Status: 'RESERVED', InstanceConfig: deep(DEPTH) }],
      [
        'reservedInstance',
        { ReservedInstanceId: 'ri-1', Status: 'Active', InstanceType: 'ecs.g6.large', InstanceAmount: 2, OperationLocks: deep(DEPTH) },
      ],
    ] as const) {
      const r = toRef(
        kind === 'reservedInstance' ? 'aliyun' : 'volcengine',
        'p1',
        'cn-beijing',
        kind,
        data as unknown as Record<string, unknown>,
      );
      assert.match(resourceTooltip(r, t, 'en', now), /\*\*/);
    }
  });

  it('a deep field passes the client (JSON parse, fast check, zod schema) as it was sent, and a deep required field is named', async () => {
    const depthText = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
    let instance = `{"InstanceId":"i-deep","Status":"RUNNING","Extra":${depthText}}`;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ResponseMetadata":{"RequestId":"r1","Action":"DescribeInstances"},"Result":{"Instances":[${instance}]}}`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const client = new VolcengineClient({
      credentials: { accessKeyId: 'AKLTdeepvaluetest', accessKeySecret: 'deep-value-secret' },
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      transportSettings: { maxRetries: 0 },
    });
    try {
      const [inst] = await client.describeInstances('cn-beijing');
      assert.equal(inst.InstanceId, 'i-deep');
      assert.ok(details.detailsText(inst).includes('nested deeper than'));
      // A schema field that is deep instead of a string: a malformed-response naming it, not a RangeError.
      instance = `{"InstanceId":"i-deep","Status":${depthText}}`;
      const e = await client.describeInstances('cn-beijing').then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.ok(e instanceof CloudError && e.kind === 'malformed-response', String(e));
      assert.match(e.message, /Instances\[0\]\.Status/);
    } finally {
      await client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
