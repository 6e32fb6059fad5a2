/**
 * Races: a refresh during a running delete, two overlapping delete batches, cancellation mid-batch, and
 * split/merge against a coupon that is Updating (or being split by someone else at the same moment).
 * Results must stay consistent with the emulator's ledger and state, and truthful.
 */
import assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { guidanceFor } from '../../../../src/core/guidance/catalogue';
import { checkReservedInstanceChange } from '../../../../src/core/rules/eligibility';
import type { Emulator } from '../../../emulator/index';
import { HeldSleep, settleQueue } from '../../../support/held-sleep';
import { aliRegion, clients, proofEmulator, settle, volcRegion } from './helpers';

// Delete outcomes that leave it open. Not MalformedResponse: an unreadable 2xx answer is resent with its ClientToken.
const UNKNOWN = new Set(['OutcomeUnknown', 'RequestTimeout', 'NetworkError', 'HttpError']);

function deletedCounts(emu: Emulator): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of emu.ledger.entries({ kind: 'delete' })) for (const id of e.resourceIds) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}

describe('proof: races', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let c: ReturnType<typeof clients>;
  const latency = new HeldSleep();

  before(async () => {
    emu = await proofEmulator(
      { volcengineRegions: 1, instancesPerRegion: 1000, reservationsPerRegion: 10, aliyunRegions: 1, reservedInstancesPerRegion: 40 },
      7,
      latency.sleep,
    );
    c = clients(emu);
  });
  beforeEach(() => emu.reset());
  afterEach(() => latency.release());
  after(async () => {
    await c.close();
    await emu.stop();
  });

  const postPaid = () =>
    volcRegion(emu)
      .state.instances.list()
      .filter((i) => i.InstanceChargeType === 'PostPaid' && i.Status !== 'DELETING')
      .map((i) => i.InstanceId);

  it('refresh (list) while a delete runs: every list is complete, duplicate-free and shows real states', async () => {
    const { region, state } = volcRegion(emu);
    emu.faults.add({ kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 80 });
    const ids = postPaid().slice(0, 600);
    let deleting = true;
    const del = c.volc.deleteInstances(region, ids).finally(() => (deleting = false));
    let lists = 0;
    while (deleting) {
      const l = await c.volc.describeInstances(region);
      lists++;
      assert.equal(l.length, state.instances.size, 'no instance lost or doubled across pages while states change');
      assert.equal(new Set(l.map((i) => i.InstanceId)).size, l.length);
      for (const i of l) assert.ok(['RUNNING', 'STOPPED', 'ERROR', 'DELETING'].includes(i.Status), i.Status);
    }
    const r = await del;
    assert.ok(lists >= 2, `lists during the delete: ${lists}`);
    assert.ok(r.outcomes.every((o) => o.ok));
    const after = await c.volc.describeInstances(region);
    const st = new Map(after.map((i) => [i.InstanceId, i.Status]));
    for (const id of ids) assert.equal(st.get(id), 'DELETING');
  });

  it('two overlapping delete batches: each instance deleted once, the loser told why', async () => {
    const { region } = volcRegion(emu);
    const ids = postPaid().slice(0, 450);
    const a = ids.slice(0, 300);
    const b = ids.slice(150, 450);
    const [ra, rb] = await Promise.all([c.volc.deleteInstances(region, a), c.volc.deleteInstances(region, b)]);
    const counts = deletedCounts(emu);
    for (const [id, n] of counts) assert.equal(n, 1, `${id} deleted ${n} times`);
    assert.deepEqual([...counts.keys()].sort(), [...ids].sort());
    assert.deepEqual(
      ra.outcomes.map((o) => o.instanceId),
      a,
    );
    assert.deepEqual(
      rb.outcomes.map((o) => o.instanceId),
      b,
    );
    const okA = new Set(ra.outcomes.filter((o) => o.ok).map((o) => o.instanceId));
    const okB = new Set(rb.outcomes.filter((o) => o.ok).map((o) => o.instanceId));
    for (const id of ids) assert.equal(Number(okA.has(id)) + Number(okB.has(id)), 1, `${id}: exactly one batch reports the deletion`);
    for (const o of [...ra.outcomes, ...rb.outcomes].filter((x) => !x.ok)) {
      assert.equal(o.code, 'InvalidInstanceStatus', `${o.instanceId}: ${o.code}`);
      assert.ok(guidanceFor(o.code!, 'en').known);
    }
  });

  it('cancellation mid-batch: nothing after the abort is sent; every ID still gets one truthful outcome', async () => {
    const { region } = volcRegion(emu);
    emu.faults.add({ kind: 'latency', provider: 'volcengine', action: 'DeleteInstances', latencyMs: 40 });
    const ids = postPaid().slice(0, 800);
    const ac = new AbortController();
    // The emulator holds the fourth call (IDs 301-400); the client aborts while it is on the wire.
    const first = latency.calls.length;
    latency.holdFrom(first + 4);
    const fourth = (async () => {
      while (latency.waiting === 0) await latency.next();
      ac.abort();
    })();
    const r = await c.volc.deleteInstances(region, ids, { signal: ac.signal });
    await fourth;
    // The call in flight at the abort may still be applied by the server (it cannot be recalled): let it land.
    latency.release();
    await settleQueue();
    const counts = deletedCounts(emu);
    assert.deepEqual(
      r.outcomes.map((o) => o.instanceId),
      ids,
    );
    const sent = new Set(r.calls.flatMap((x) => x.instanceIds));
    assert.ok(sent.size < ids.length, 'the abort stopped the batch');
    for (const o of r.outcomes) {
      assert.ok((counts.get(o.instanceId) ?? 0) <= 1);
      if (o.ok) assert.equal(counts.get(o.instanceId), 1);
      else if (!sent.has(o.instanceId)) {
        assert.equal(o.code, 'Cancelled');
        assert.ok(!counts.has(o.instanceId), `${o.instanceId} was never sent, yet deleted`);
      } else assert.ok(o.code === 'Cancelled' || UNKNOWN.has(o.code ?? ''), `${o.instanceId}: ${o.code}`);
    }
    assert.equal(r.calls.length, 4, 'three calls answered, the fourth cancelled on the wire');
    // Nothing more reaches the server afterwards: every call it saw is one the client reported.
    assert.equal(emu.requests.total({ action: 'DeleteInstances' }), r.calls.length);
    await settleQueue();
    assert.equal(emu.requests.total({ action: 'DeleteInstances' }), r.calls.length);
  });

  it('a retry answered with a definite error after an attempt that may have applied is not reported as a plain failure', async () => {
    const { region } = volcRegion(emu);
    const ids = postPaid().slice(0, 5);
    emu.faults.add({ kind: 'reset-after', provider: 'volcengine', action: 'DeleteInstances', count: 1 });
    emu.faults.add({ kind: 'internal-error', provider: 'volcengine', action: 'DeleteInstances' });
    const r = await c.volc.deleteInstances(region, ids);
    const counts = deletedCounts(emu);
    assert.equal(counts.size, 5, 'the first attempt deleted them');
    for (const o of r.outcomes) {
      assert.ok(o.ok || UNKNOWN.has(o.code ?? ''), `${o.instanceId} was deleted but reported as ${o.code} ("${o.message}")`);
    }
  });

  it('split while the coupon is Updating: refused by the rules and by the cloud, applied once', async () => {
    const { region, state } = aliRegion(emu);
    const src = state.reserved.list().find((ri) => ri.Status === 'Active' && ri.InstanceAmount >= 3)!;
    const where = { scope: src.Scope, zoneId: src.ZoneId || undefined };
    const split = {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [
        { instanceType: src.InstanceType, instanceAmount: 1, ...where },
        { instanceType: src.InstanceType, instanceAmount: src.InstanceAmount - 1, ...where },
      ],
    };
    const first = await c.ali.modifyReservedInstances(region, split);
    assert.equal(first.outcome, 'confirmed');
    const listed = (await c.ali.describeReservedInstances(region)).find((r) => r.ReservedInstanceId === src.ReservedInstanceId)!;
    assert.equal(listed.Status, 'Updating');
    const rule = checkReservedInstanceChange([listed], split.configurations, new Date());
    assert.equal(rule.ok, false, 'the eligibility rules refuse an Updating source');
    const again = await settle(() => c.ali.modifyReservedInstances(region, split));
    assert.ok(!again.ok);
    const e = again.error as CloudError;
    assert.ok(e instanceof CloudError && e.kind === 'api' && e.code === 'IncorrectInstanceStatus', String(e));
    assert.ok(guidanceFor(e.code, 'en').known && guidanceFor(e.code, 'zh-cn').known);
    assert.equal(emu.ledger.entries({ provider: 'aliyun' }).length, 1);
  });

  it('two splits of one coupon at the same moment: exactly one applies, the other is refused', async () => {
    const { region, state } = aliRegion(emu);
    const src = state.reserved.list().find((ri) => ri.Status === 'Active' && ri.InstanceAmount >= 3)!;
    const where = { scope: src.Scope, zoneId: src.ZoneId || undefined };
    const mk = (n: number) => ({
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [
        { instanceType: src.InstanceType, instanceAmount: n, ...where },
        { instanceType: src.InstanceType, instanceAmount: src.InstanceAmount - n, ...where },
      ],
    });
    const [x, y] = await Promise.all([
      settle(() => c.ali.modifyReservedInstances(region, mk(1))),
      settle(() => c.ali.modifyReservedInstances(region, mk(2))),
    ]);
    assert.equal(Number(x.ok) + Number(y.ok), 1, 'one succeeds');
    const loser = (x.ok ? y : x) as { ok: false; error: unknown };
    assert.equal((loser.error as CloudError).code, 'IncorrectInstanceStatus');
    const entries = emu.ledger.entries({ provider: 'aliyun' });
    assert.equal(entries.length, 1);
    const winner = (x.ok ? x : y) as { ok: true; value: { newReservedInstanceIds: string[] } };
    assert.deepEqual([...winner.value.newReservedInstanceIds].sort(), [...(entries[0].newResourceIds ?? [])].sort());
  });
});
