/**
 * proof: hostile and broken servers. Real clients against a hostile loopback server (test/support/hostile-server.ts):
 * every case ends in a typed error or a correct result, within the attempt/call deadlines and the page, item and
 * byte bounds. Asserts outcomes, error kinds and codes, and counts (requests, items, bytes), never durations.
 */
import * as assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import { MAX_LIST_ITEMS, type ListLimits } from '../../../../src/core/clients/common';
import type { TransportSettings } from '../../../../src/core/http/transport';
import { checkInstanceIds, checkModifyReservedInstancesInput, MAX_PROBLEMS } from '../../../../src/core/rules/validation';
import type { Credentials } from '../../../../src/core/types';
import { pickReservedInstances, pickInstances } from '../../../../src/commands/pickers';
import { GUIDANCE } from '../../../../src/core/guidance/catalogue';
import {
  ali,
  deepArray,
  endlessProcessing,
  gzipJson,
  html,
  huge,
  json,
  redirect,
  send,
  startHostile,
  trickle,
  volc,
  type Handler,
  type HostileServer,
} from '../../../support/hostile-server';
import { makeDeps } from '../../../support/fakes';

const VOLC: Credentials = {
  accessKeyId: 'AKLTaG9zdGlsZS1zdWl0ZQ',
  accessKeySecret: 'HostileSecretVolc-5c1d9e',
  securityToken: 'STSHostileTokenVolc-71aa',
};
const ALI: Credentials = {
  accessKeyId: 'LTAI5tHostileSuite0001',
  accessKeySecret: 'HostileSecretAli-0b7f3c',
  securityToken: 'CAIS.HostileTokenAli-93ee',
};

/** Fast retries; timeouts generous enough for a loaded machine. */
const FAST: Partial<TransportSettings> = {
  connectTimeoutMs: 5000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  attemptTimeoutMs: 20_000,
  callTimeoutMs: 60_000,
  maxRetries: 1,
  retryBaseMs: 1,
  retryMaxMs: 4,
  maxInFlight: 4,
};
/** The deadline cases: an attempt ends after 300 ms in all, well inside the idle timeouts a trickle never trips. */
const DEADLINE: Partial<TransportSettings> = { headersTimeoutMs: 2000, bodyTimeoutMs: 2000, attemptTimeoutMs: 300 };

const REGION = 'cn-beijing';
const ALI_REGION = 'cn-hangzhou';

async function rejection(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CloudError) return e;
    throw e;
  }
  assert.fail('expected a CloudError');
}

/** The bounded re-look after a lost Modify answer, on a virtual clock (its window passes without waiting). */
function virtualReconcile(): { reconcile: { now: () => Date; sleep: (ms: number) => Promise<void> } } {
  let t = Date.now();
  return { reconcile: { now: () => new Date(t), sleep: async (ms: number) => void (t += ms) } };
}

const ids = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`);

describe('proof: hostile servers', function () {
  this.timeout(30_000);
  let hs: HostileServer | undefined;
  const open: { close(): Promise<void> }[] = [];

  async function serve(handler: Handler): Promise<HostileServer> {
    hs = await startHostile(handler);
    return hs;
  }
  function volcClient(server: HostileServer, s: Partial<TransportSettings> = {}, listLimits?: Partial<ListLimits>): VolcengineClient {
    const c = new VolcengineClient({ credentials: VOLC, endpoint: server.url, transportSettings: { ...FAST, ...s }, listLimits });
    open.push(c);
    return c;
  }
  function aliClient(server: HostileServer, s: Partial<TransportSettings> = {}, listLimits?: Partial<ListLimits>): AliyunClient {
    const c = new AliyunClient({ credentials: ALI, endpoint: server.url, transportSettings: { ...FAST, ...s }, listLimits });
    open.push(c);
    return c;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
    await hs?.close();
    hs = undefined;
  });

  describe('calls that never end: every attempt and every call has a deadline', () => {
    const page = volc.ok('DescribeInstances', { Instances: [volc.instance('i-1'), volc.instance('i-2')], NextToken: '' });

    it('a body trickled one byte inside the idle timeout: the listing ends as a timeout after maxRetries + 1 attempts', async () => {
      const s = await serve((_req, res, server) => trickle(server, res, JSON.stringify(page), 100));
      const e = await rejection(volcClient(s, DEADLINE).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['timeout', 'RequestTimeout']);
      assert.match(e.message, /within 300 ms/);
      assert.equal(s.requests.length, 2);
    });

    it('endless "102 Processing": the listing ends as a timeout (undici refreshes its headers timeout on each 1xx)', async () => {
      const s = await serve((_req, res, server) => endlessProcessing(server, res, 20));
      const e = await rejection(volcClient(s, DEADLINE).describeInstances(REGION));
      assert.match(e.message, /within 300 ms/);
      assert.deepEqual([e.kind, e.code], ['timeout', 'RequestTimeout']);
      assert.equal(s.requests.length, 2);
    });

    it('DeleteInstances trickled: every ID ends outcome-unknown (it may have been deleted), all attempts with one ClientToken', async () => {
      const s = await serve((req, res, server) =>
        trickle(
          server,
          res,
          JSON.stringify(volc.ok('DeleteInstances', { OperationDetails: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] })),
          20,
        ),
      );
      const r = await volcClient(s, DEADLINE).deleteInstances(REGION, ['i-1', 'i-2']);
      assert.deepEqual(
        r.outcomes.map((o) => [o.instanceId, o.ok, o.code]),
        [
          ['i-1', false, 'OutcomeUnknown'],
          ['i-2', false, 'OutcomeUnknown'],
        ],
      );
      assert.equal(new Set(s.requests.map((q) => q.params.ClientToken)).size, 1);
      assert.ok(s.requests.length <= FAST.maxRetries! + 1);
    });

    it('DeleteScheduledInstance under endless 1xx: outcome-unknown, never "not done"', async () => {
      const s = await serve((_req, res, server) => endlessProcessing(server, res, 20));
      const e = await rejection(volcClient(s, DEADLINE).deleteScheduledInstance(REGION, 'esi-1'));
      assert.equal(e.kind, 'outcome-unknown');
      assert.ok(s.requests.length <= FAST.maxRetries! + 1);
    });

    it('ModifyReservedInstances under endless 1xx: sent once, outcome-unknown even though the coupons look unchanged', async () => {
      const s = await serve((req, res, server) => {
        if (req.action === 'ModifyReservedInstances') return endlessProcessing(server, res, 20);
        json(server, res, 200, ali.page(['ecsri-a', 'ecsri-b'], { pageNumber: 1, pageSize: 100, total: 2 }));
      });
      const e = await rejection(
        aliClient(s, DEADLINE).modifyReservedInstances(
          ALI_REGION,
          {
            reservedInstanceIds: ['ecsri-a', 'ecsri-b'],
            configurations: [{ instanceType: 'ecs.g6.xlarge', instanceAmount: 1 }],
          },
          virtualReconcile(),
        ),
      );
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(s.requests.filter((q) => q.action === 'ModifyReservedInstances').length, 1);
      assert.ok(
        s.requests.some((q) => q.action === 'DescribeReservedInstances'),
        'reconciled through DescribeReservedInstances',
      );
    });

    it('a call gives up at its deadline across retries (injected clock and sleep): a bounded number of attempts', async () => {
      const s = await serve((_req, res, server) => json(server, res, 503, volc.error('DescribeInstances', 'ServiceUnavailable', 'busy')));
      let now = 0;
      const c = volcClient(s, {
        maxRetries: 1000,
        retryBaseMs: 1000,
        retryMaxMs: 4000,
        callTimeoutMs: 10_000,
        random: () => 0.99,
        clock: () => now,
        sleep: async (ms) => void (now += ms),
      });
      const e = await rejection(c.describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['timeout', 'RequestTimeout']);
      assert.match(e.message, /within 10000 ms \(4 attempts\); last error: \[ServiceUnavailable\]/);
      // Backoffs 990, 1980, 3960 fit in 10 s; the next (3960 more) would end after it.
      assert.equal(s.requests.length, 4);
      assert.ok(now < 10_000);
    });

    it('no attempt starts after the call deadline, even when a backoff ran late', async () => {
      const s = await serve((_req, res, server) => json(server, res, 503, volc.error('DescribeInstances', 'ServiceUnavailable', 'busy')));
      let now = 0;
      const c = volcClient(s, { maxRetries: 1000, callTimeoutMs: 10_000, clock: () => now, sleep: async () => void (now += 6_000) });
      const e = await rejection(c.describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['timeout', 'RequestTimeout']);
      assert.match(e.message, /\(2 attempts\); last error: \[ServiceUnavailable\]/);
      assert.equal(s.requests.length, 2);
    });
  });

  describe('runaway paging: de-duplicated, bounded, ended with a typed error that says what the server did', () => {
    it('Volcengine: the same items with a fresh NextToken every time → PagingLoop after 2 requests', async () => {
      const s = await serve((req, res, server) =>
        json(
          server,
          res,
          200,
          volc.ok('DescribeInstances', { Instances: ids('i-', 1, 100).map(volc.instance), NextToken: `tok-${req.n}` }),
        ),
      );
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'PagingLoop', 'Result.NextToken']);
      assert.match(e.message, /repeated only items already listed/);
      assert.equal(s.requests.length, 2);
    });

    it('Volcengine: a NextToken sent again (with new items) → PagingLoop', async () => {
      const s = await serve((req, res, server) =>
        json(
          server,
          res,
          200,
          volc.ok('DescribeScheduledInstances', {
            ScheduledInstanceInfo: [{ ScheduledInstanceId: `esi-${req.n}`, Status: 'RESERVED' }],
            NextToken: 'same',
          }),
        ),
      );
      const e = await rejection(volcClient(s).describeScheduledInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'PagingLoop']);
      assert.match(e.message, /sent before/);
      assert.equal(s.requests.length, 2);
    });

    it('Volcengine: overlapping pages list each instance once', async () => {
      const s = await serve((req, res, server) => {
        const start = (req.n - 1) * 50 + 1; // pages of 100 that overlap by half
        json(
          server,
          res,
          200,
          volc.ok('DescribeInstances', { Instances: ids('i-', start, 100).map(volc.instance), NextToken: req.n < 4 ? `t${req.n}` : '' }),
        );
      });
      const list = await volcClient(s).describeInstances(REGION);
      assert.equal(list.length, 250);
      assert.equal(new Set(list.map((i) => i.InstanceId)).size, 250);
    });

    it('Volcengine: a listing that never ends stops at the page bound with PagingLimit (bound 50 here)', async () => {
      const s = await serve((req, res, server) =>
        json(server, res, 200, volc.ok('DescribeInstances', { Instances: [volc.instance(`i-${req.n}`)], NextToken: `t${req.n}` })),
      );
      const e = await rejection(volcClient(s, {}, { maxPages: 50 }).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'PagingLimit', 'pages']);
      assert.match(e.message, /did not end within 50 pages \(50 distinct items so far\)/);
      assert.equal(s.requests.length, 50);
    });

    it('Alibaba: a TotalCount that keeps the listing going with fresh coupons stops at the page bound (bound 20 here)', async () => {
      const s = await serve((req, res, server) => {
        const n = Number(req.params.PageNumber);
        json(server, res, 200, ali.page(ids('ecsri-', n * 10, 10), { pageNumber: n, pageSize: 10, total: 1_000_000 }));
      });
      const e = await rejection(aliClient(s, {}, { maxPages: 20 }).describeReservedInstances(ALI_REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'PagingLimit', 'pages']);
      assert.equal(s.requests.length, 20);
    });

    it('Alibaba: TotalCount lies and PageNumber is ignored (the same 100 coupons) → PagingLoop within 1 + maxInFlight requests', async () => {
      const s = await serve((req, res, server) =>
        json(
          server,
          res,
          200,
          ali.page(ids('ecsri-', 1, 100), { pageNumber: Number(req.params.PageNumber), pageSize: 100, total: 1_000_000 }),
        ),
      );
      const e = await rejection(aliClient(s).describeReservedInstances(ALI_REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'PagingLoop', 'TotalCount']);
      assert.ok(s.requests.length <= 1 + FAST.maxInFlight!, `${s.requests.length} requests`);
    });

    it('Alibaba: every page after the first the same (other) coupons → PagingLoop within 2 + maxInFlight requests', async () => {
      const s = await serve((req, res, server) => {
        const n = Number(req.params.PageNumber);
        json(
          server,
          res,
          200,
          ali.page(n === 1 ? ids('ecsri-a', 1, 100) : ids('ecsri-b', 1, 100), { pageNumber: n, pageSize: 100, total: 1_000_000 }),
        );
      });
      const e = await rejection(aliClient(s).describeReservedInstances(ALI_REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'PagingLoop']);
      assert.ok(s.requests.length <= 2 + FAST.maxInFlight!, `${s.requests.length} requests`);
    });

    it('Alibaba: pages that repeat part of earlier ones list each coupon once', async () => {
      const s = await serve((req, res, server) => {
        const n = Number(req.params.PageNumber);
        json(server, res, 200, ali.page(ids('ecsri-', (n - 1) * 80 + 1, n <= 3 ? 100 : 0), { pageNumber: n, pageSize: 100, total: 300 }));
      });
      const list = await aliClient(s).describeReservedInstances(ALI_REGION);
      assert.equal(list.length, 260);
      assert.equal(new Set(list.map((r) => r.ReservedInstanceId)).size, 260);
    });

    it('regions and zones are listed once each (they feed the region and zone pickers)', async () => {
      const s = await serve((req, res, server) => {
        if (req.action === 'DescribeRegions')
          return json(server, res, 200, {
            RequestId: 'r',
            Regions: { Region: [{ RegionId: 'cn-a' }, { RegionId: 'cn-a' }, { RegionId: 'cn-b' }] },
          });
        if (req.path === '/' && req.params.Version === '2014-05-26')
          return json(server, res, 200, { RequestId: 'r', Zones: { Zone: [{ ZoneId: 'z1' }, { ZoneId: 'z1' }] } });
        json(server, res, 200, volc.ok('DescribeZones', { Zones: [{ ZoneId: 'z1' }, { ZoneId: 'z1' }, { ZoneId: 'z2' }] }));
      });
      assert.deepEqual(
        (await aliClient(s).describeRegions()).map((r) => r.RegionId),
        ['cn-a', 'cn-b'],
      );
      assert.deepEqual(
        (await aliClient(s).describeZones(ALI_REGION)).map((z) => z.ZoneId),
        ['z1'],
      );
      assert.deepEqual(
        (await volcClient(s).describeZones(REGION)).map((z) => z.ZoneId),
        ['z1', 'z2'],
      );
    });

    it('the pickers and the merge flow offer each resource once (real clients behind them)', async () => {
      const s = await serve((req, res, server) => {
        if (req.action === 'DescribeInstances') {
          return json(
            server,
            res,
            200,
            volc.ok('DescribeInstances', {
              Instances: ids('i-', req.n === 1 ? 1 : 2, 2).map(volc.instance),
              NextToken: req.n === 1 ? 'next' : '',
            }),
          );
        }
        const n = Number(req.params.PageNumber);
        json(
          server,
          res,
          200,
          ali.page(n === 1 ? ['ecsri-a', 'ecsri-b'] : ['ecsri-b', 'ecsri-c'], { pageNumber: n, pageSize: 2, total: 4 }),
        );
      });
      const v = volcClient(s);
      const a = aliClient(s);
      const withReal = (answers: Parameters<typeof makeDeps>[0]) => {
        const m = makeDeps(answers);
        (m.deps as { clients: unknown }).clients = { volcengine: async () => v, aliyun: async () => a };
        return m;
      };
      const vi = withReal([{ pick: 'cn-beijing' }, { pickMany: [] }]);
      await pickInstances(vi.deps, 'Delete');
      const offered = vi.prompts.records.filter((r) => r.kind === 'pickMany').flatMap((r) => (r.kind === 'pickMany' ? r.items : []));
      assert.equal(offered.length, 3, offered.join(', '));
      const co = withReal([{ pick: 'cn-hangzhou' }, { pickMany: [] }]);
      await pickReservedInstances(co.deps, 'Merge', true);
      const reservedInstances = co.prompts.records
        .filter((r) => r.kind === 'pickMany')
        .flatMap((r) => (r.kind === 'pickMany' ? r.items : []));
      assert.equal(reservedInstances.length, 3, reservedInstances.join(', '));
    });
  });

  describe('large answers: a typed error or a usable result, never a stack overflow', () => {
    it('a 150,000-instance page: PagingLimit, not a RangeError', async () => {
      const body = JSON.stringify(
        volc.ok('DescribeInstances', {
          Instances: ids('i-', 1, 150_000).map((id) => ({ InstanceId: id, Status: 'RUNNING' })),
          NextToken: '',
        }),
      );
      const s = await serve((_req, res, server) => send(server, res, 200, body));
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'PagingLimit', 'items']);
      assert.match(e.message, new RegExp(`more than ${MAX_LIST_ITEMS} items`));
    });

    it('a 150,000-coupon page: PagingLimit, not a RangeError', async () => {
      const body = JSON.stringify(ali.page(ids('ecsri-', 1, 150_000), { pageNumber: 1, pageSize: 100, total: 150_000 }));
      const s = await serve((_req, res, server) => send(server, res, 200, body));
      const e = await rejection(aliClient(s).describeReservedInstances(ALI_REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'PagingLimit']);
    });

    it('a body over maxResponseBytes announced by Content-Length: refused unread, the connection dropped', async () => {
      const s = await serve((_req, res, server) => huge(server, res, 256 * 2 ** 20, true));
      const e = await rejection(volcClient(s, { maxResponseBytes: 2 ** 20, maxRetries: 0 }).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
      assert.match(e.message, /more than the limit of 1 MiB; it was not read/);
      assert.ok(s.bytesSent < 64 * 2 ** 20, `server wrote ${s.bytesSent} bytes`);
    });

    it('a chunked body growing past maxResponseBytes: refused, the connection dropped', async () => {
      const s = await serve((_req, res, server) => huge(server, res, 256 * 2 ** 20, false));
      const e = await rejection(volcClient(s, { maxResponseBytes: 2 ** 20, maxRetries: 0 }).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
      assert.match(e.message, /larger than 1 MiB/);
      assert.ok(s.bytesSent < 64 * 2 ** 20, `server wrote ${s.bytesSent} bytes`);
    });

    it('a deeply nested unknown field: the listing still works (nothing recurses into it)', async () => {
      const inst = `{"InstanceId":"i-deep","Status":"RUNNING","Extra":${deepArray(100_000)}}`;
      const body = `{"ResponseMetadata":{"RequestId":"rid"},"Result":{"Instances":[${inst}],"NextToken":""}}`;
      const s = await serve((_req, res, server) => send(server, res, 200, body));
      const list = await volcClient(s).describeInstances(REGION);
      assert.deepEqual(
        list.map((i) => i.InstanceId),
        ['i-deep'],
      );
    });
  });

  describe('odd answers', () => {
    it('Content-Encoding gzip the client never asked for: a malformed response naming it', async () => {
      const s = await serve((_req, res, server) => gzipJson(server, res, volc.ok('DescribeInstances', { Instances: [], NextToken: '' })));
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
      assert.match(e.message, /Content-Encoding: gzip/);
      assert.equal(s.requests.length, 1);
    });

    it('DeleteInstances answered gzip: resent with the same ClientToken, then outcome-unknown for every ID', async () => {
      const s = await serve((_req, res, server) =>
        gzipJson(server, res, volc.ok('DeleteInstances', { OperationDetails: [{ InstanceId: 'i-1' }] })),
      );
      const r = await volcClient(s).deleteInstances(REGION, ['i-1']);
      assert.deepEqual(
        r.outcomes.map((o) => [o.ok, o.code]),
        [[false, 'OutcomeUnknown']],
      );
      assert.equal(s.requests.length, FAST.maxRetries! + 1);
      assert.equal(new Set(s.requests.map((q) => q.params.ClientToken)).size, 1);
    });

    it('ModifyReservedInstances answered gzip (accepted, unreadable) with the coupons unchanged: outcome-unknown, not "malformed, try again"', async () => {
      const s = await serve((req, res, server) => {
        if (req.action === 'ModifyReservedInstances')
          return gzipJson(server, res, { RequestId: 'r', ReservedInstanceIdSets: { ReservedInstanceId: ['ecsri-new'] } });
        json(server, res, 200, ali.page(['ecsri-a', 'ecsri-b'], { pageNumber: 1, pageSize: 100, total: 2 }));
      });
      const e = await rejection(
        aliClient(s).modifyReservedInstances(
          ALI_REGION,
          { reservedInstanceIds: ['ecsri-a', 'ecsri-b'], configurations: [{ instanceType: 'ecs.g6.xlarge', instanceAmount: 1 }] },
          virtualReconcile(),
        ),
      );
      assert.deepEqual([e.kind, e.code, e.httpStatus], ['outcome-unknown', 'OutcomeUnknown', 200]);
      assert.match(e.message, /Content-Encoding: gzip/);
      assert.equal(s.requests.filter((q) => q.action === 'ModifyReservedInstances').length, 1);
    });

    it('an HTML page with 200: a malformed response, not an empty list', async () => {
      const s = await serve((_req, res, server) => html(server, res));
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code], ['malformed-response', 'MalformedResponse']);
      assert.match(e.message, /not valid JSON \(HTTP 200, Content-Type text\/html; charset=utf-8\)/);
    });

    it('invalid UTF-8 in a name: the listing works, the bad bytes read as U+FFFD', async () => {
      const head = Buffer.from(
        '{"ResponseMetadata":{"RequestId":"rid"},"Result":{"Instances":[{"InstanceId":"i-1","Status":"RUNNING","InstanceName":"a',
      );
      const tail = Buffer.from('b"}],"NextToken":""}}');
      const s = await serve((_req, res, server) => send(server, res, 200, Buffer.concat([head, Buffer.from([0xff, 0xc3]), tail])));
      const list = await volcClient(s).describeInstances(REGION);
      assert.deepEqual(
        list.map((i) => [i.InstanceId, i.InstanceName]),
        [['i-1', 'a\uFFFD\uFFFDb']],
      );
    });

    it('a server that echoes the request in its error: the AccessKey secret is never in it (it is never sent)', async () => {
      const s = await serve((req, res, server) =>
        json(
          server,
          res,
          400,
          volc.error(req.action, 'InvalidParameter', `you sent ${JSON.stringify(req.headers)} ${JSON.stringify(req.params)}`),
        ),
      );
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.equal(e.kind, 'api');
      assert.ok(!`${e.message} ${e.describe()} ${e.stack}`.includes(VOLC.accessKeySecret));
      const s2 = await startHostile((req, res, server) =>
        json(server, res, 400, { RequestId: 'r', Code: 'InvalidParameter', Message: `you sent ${JSON.stringify(req.params)}` }),
      );
      try {
        const e2 = await rejection(aliClient(s2).describeReservedInstances(ALI_REGION));
        assert.ok(!`${e2.message} ${e2.describe()} ${e2.stack}`.includes(ALI.accessKeySecret));
      } finally {
        await s2.close();
      }
    });
  });

  describe('redirects are errors, never followed, never answers', () => {
    let elsewhere: HostileServer;
    beforeEach(async () => {
      elsewhere = await startHostile((_req, res, server) => json(server, res, 200, {}));
    });
    afterEach(() => elsewhere.close());

    it('a listing answered 301 with a success-shaped body: HttpRedirect naming status and Location (without its query)', async () => {
      const s = await serve((_req, res, server) =>
        redirect(
          server,
          res,
          301,
          `${elsewhere.url}/api?Signature=SIG-ECHO`,
          volc.ok('DescribeInstances', { Instances: [volc.instance('i-1')], NextToken: '' }),
        ),
      );
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code, e.httpStatus], ['api', 'HttpRedirect', 301]);
      assert.ok(e.message.includes(`HTTP 301`) && e.message.includes(`${elsewhere.url}/api`), e.message);
      assert.ok(!e.message.includes('SIG-ECHO'));
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(s.requests.length, 1);
    });

    it('DeleteInstances answered 302 with "ok" details: outcome-unknown for each ID, not deleted', async () => {
      const s = await serve((_req, res, server) =>
        redirect(
          server,
          res,
          302,
          elsewhere.url,
          volc.ok('DeleteInstances', { OperationDetails: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] }),
        ),
      );
      const r = await volcClient(s).deleteInstances(REGION, ['i-1', 'i-2']);
      assert.deepEqual(
        r.outcomes.map((o) => [o.instanceId, o.ok, o.code]),
        [
          ['i-1', false, 'OutcomeUnknown'],
          ['i-2', false, 'OutcomeUnknown'],
        ],
      );
      assert.match(r.outcomes[0].message ?? '', /HTTP 302/);
      assert.equal(s.requests.length, 1);
      assert.equal(elsewhere.requests.length, 0);
    });

    it('ModifyReservedInstances answered 307: sent once, outcome-unknown', async () => {
      const s = await serve((req, res, server) =>
        redirect(
          server,
          res,
          307,
          elsewhere.url,
          req.action === 'ModifyReservedInstances'
            ? { RequestId: 'r', ReservedInstanceIdSets: { ReservedInstanceId: ['ecsri-new'] } }
            : ali.page([], { pageNumber: 1, pageSize: 100, total: 0 }),
        ),
      );
      const e = await rejection(
        aliClient(s).modifyReservedInstances(
          ALI_REGION,
          { reservedInstanceIds: ['ecsri-a', 'ecsri-b'], configurations: [{ instanceType: 'ecs.g6.xlarge', instanceAmount: 1 }] },
          virtualReconcile(),
        ),
      );
      assert.equal(e.kind, 'outcome-unknown');
      assert.equal(s.requests.filter((q) => q.action === 'ModifyReservedInstances').length, 1);
      assert.equal(elsewhere.requests.length, 0);
    });
  });

  describe('smaller defects', () => {
    it('a NextToken with a line break: malformed-response naming Result.NextToken, no second request', async () => {
      const s = await serve((_req, res, server) =>
        json(server, res, 200, volc.ok('DescribeInstances', { Instances: [volc.instance('i-1')], NextToken: 'abc\ndef' })),
      );
      const e = await rejection(volcClient(s).describeInstances(REGION));
      assert.deepEqual([e.kind, e.code, e.field], ['malformed-response', 'MalformedResponse', 'Result.NextToken']);
      assert.match(e.message, /control character/);
      assert.equal(s.requests.length, 1);
    });

    it('a 100,000-character NextToken: malformed-response, not sent back', async () => {
      const s = await serve((_req, res, server) =>
        json(server, res, 200, volc.ok('DescribeInstances', { Instances: [volc.instance('i-1')], NextToken: 'x'.repeat(100_000) })),
      );
      const e = await rejection(volcClient(s).describeInstancesPage(REGION));
      assert.deepEqual([e.code, e.field], ['MalformedResponse', 'Result.NextToken']);
      assert.equal(s.requests.length, 1);
    });

    it('an STS token (or key) with a line break: InvalidCredentials naming the value, not InvalidEndpoint; nothing sent', async () => {
      const s = await serve((_req, res, server) => json(server, res, 200, {}));
      const cases: [Credentials, string][] = [
        [{ ...VOLC, securityToken: 'STSHostile\nTokenVolc-71aa' }, 'STS token'],
        [{ ...VOLC, accessKeySecret: 'HostileSecretVolc-5c1d9e\r\n' }, 'AccessKey Secret'],
        [{ ...VOLC, accessKeyId: 'AKLTaG9zdGlsZS1zdWl0ZQ\n' }, 'AccessKey ID'],
      ];
      for (const [creds, field] of cases) {
        const v = new VolcengineClient({ credentials: creds, endpoint: s.url, transportSettings: FAST });
        open.push(v);
        const e = await rejection(v.describeInstances(REGION));
        assert.deepEqual([e.kind, e.code, e.field], ['config', 'InvalidCredentials', field]);
        const a = new AliyunClient({
          credentials: { ...ALI, securityToken: 'CAIS.Hostile\nTokenAli-93ee' },
          endpoint: s.url,
          transportSettings: FAST,
        });
        open.push(a);
        const e2 = await rejection(a.describeReservedInstances(REGION));
        assert.deepEqual([e2.kind, e2.code, e2.field], ['config', 'InvalidCredentials', 'STS token']);
        for (const text of [e.message, e2.message]) assert.ok(!/Hostile/.test(text), 'the value is never shown');
      }
      assert.equal(s.requests.length, 0);
    });

    it('an Alibaba client with a bad endpoint says aliyun', () => {
      assert.throws(
        () => new AliyunClient({ credentials: ALI, endpoint: 'ftp://x' }),
        (e: CloudError) => e.provider === 'aliyun' && e.code === 'InvalidEndpoint',
      );
    });

    it('the region is checked with an endpoint override too; nothing is sent', async () => {
      const s = await serve((_req, res, server) => json(server, res, 200, {}));
      for (const bad of ['cn-beijing/../x', 'CN BEIJING', 'a'.repeat(100)]) {
        const e = await rejection(volcClient(s).describeInstances(bad));
        assert.deepEqual([e.kind, e.code], ['config', 'InvalidEndpoint']);
        const e2 = await rejection(aliClient(s).describeReservedInstances(bad));
        assert.deepEqual([e2.kind, e2.code, e2.provider], ['config', 'InvalidEndpoint', 'aliyun']);
      }
      assert.equal(s.requests.length, 0);
    });

    it('a sparse ID list is refused naming the hole; nothing is sent', async () => {
      const s = await serve((_req, res, server) => json(server, res, 200, {}));
      const sparse = (id: string): string[] => {
        const a: string[] = [];
        a[1] = id;
        return a;
      };
      const c = volcClient(s);
      for (const p of [c.deleteInstances(REGION, sparse('i-2')), c.describeInstances(REGION, { instanceIds: sparse('i-2') })]) {
        const e = await rejection(p);
        assert.deepEqual([e.kind, e.field], ['invalid-input', 'InstanceIds[0]']);
      }
      const a = aliClient(s);
      const e = await rejection(a.describeReservedInstances(ALI_REGION, { reservedInstanceIds: sparse('ecsri-2') }));
      assert.deepEqual([e.kind, e.field], ['invalid-input', 'ReservedInstanceId[0]']);
      const m = await rejection(
        a.modifyReservedInstances(ALI_REGION, {
          reservedInstanceIds: sparse('ecsri-2'),
          configurations: [{ instanceType: 'ecs.g6.large', instanceAmount: 1 }],
        }),
      );
      assert.deepEqual([m.kind, m.field], ['invalid-input', 'ReservedInstanceId[0]']);
      assert.equal(s.requests.length, 0);
    });

    it('a million invalid IDs: at most MAX_PROBLEMS problems are built, all are counted', () => {
      const bad = new Array<string>(1_000_000).fill('x');
      const p = checkInstanceIds(bad);
      assert.equal(p.length, MAX_PROBLEMS);
      assert.equal(p.total, 1_000_000);
      const m = checkModifyReservedInstancesInput({ reservedInstanceIds: bad, configurations: [] });
      assert.deepEqual(
        m.map((x) => x.field),
        ['ReservedInstanceId'],
      );
    });

    it('the new codes have guidance in both languages', () => {
      for (const code of ['HttpRedirect', 'PagingLoop', 'PagingLimit']) {
        const g = GUIDANCE[code];
        assert.ok(g && g.en.explain && g.en.next && g.zh.explain && g.zh.next, code);
      }
    });
  });
});
