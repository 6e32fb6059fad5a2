/**
 * Fault matrix: every fault the emulator injects × every action (list, delete, cancel, split/merge/modify).
 * Each cell checks the documented outcome (retried to success, or a typed CloudError with catalogue guidance,
 * or for ModifyReservedInstances a truthful confirmed/reconciled/not-applied), that the emulator's ledger shows
 * no side effect twice, and that every requested resource gets exactly one truthful outcome.
 */
import assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { MAX_THROTTLED_RETRIES } from '../../../../src/core/http/call';
import { guidanceFor } from '../../../../src/core/guidance/catalogue';
import { FAULT_KINDS, type Emulator, type FaultKind } from '../../../emulator/index';
import { aliRegion, clients, proofEmulator, record, settle, volcRegion, ALI, VOLC } from './helpers';

/** Codes that say "we do not know whether it happened". Anything else must be the truth. */
const UNKNOWN = new Set(['MalformedResponse', 'OutcomeUnknown', 'RequestTimeout', 'NetworkError', 'HttpError']);

function assertGuided(e: unknown): CloudError {
  if (!(e instanceof CloudError)) throw new Error(`expected CloudError, got ${String(e)}`);
  for (const locale of ['en', 'zh-cn'] as const) {
    const g = guidanceFor(e.code, locale, e.message);
    assert.ok(g.known, `no catalogue entry for ${e.code}`);
    assert.ok(g.explain && g.next, `empty guidance for ${e.code}`);
  }
  assert.ok(e.message.length > 0);
  return e;
}

function assertNoDoubleEffects(emu: Emulator): void {
  const seen = new Map<string, number>();
  for (const e of emu.ledger.entries()) for (const id of e.resourceIds) seen.set(`${e.kind}:${id}`, (seen.get(`${e.kind}:${id}`) ?? 0) + 1);
  for (const [k, n] of seen) assert.equal(n, 1, `${k} acted on ${n} times`);
}

/** What each fault does to a call: whether it reaches the side effect, whether the answer is readable. */
const RETRIED: FaultKind[] = ['latency', 'internal-error', 'unavailable', 'throttle', 'reset-before', 'reset-after', 'hang'];
const UNREADABLE: FaultKind[] = ['truncated-json', 'malformed-json', 'missing-field'];
/** 'error' answers with one documented error row; documented-errors.test.ts runs every row of every action. */
const MATRIX = FAULT_KINDS.filter((k): k is Exclude<FaultKind, 'error'> => k !== 'error');

/** ModifyReservedInstances (split, merge, scope change) under each fault: never resent after it may have arrived. */
const MODIFY_OUTCOME: Record<Exclude<FaultKind, 'error'>, string> = {
  latency: 'confirmed',
  'internal-error': 'not-applied',
  unavailable: 'not-applied',
  throttle: 'confirmed',
  'reset-before': 'not-applied',
  'reset-after': 'reconciled',
  hang: 'reconciled',
  'truncated-json': 'reconciled',
  'malformed-json': 'reconciled',
  'missing-field': 'reconciled',
};

describe('proof: fault matrix', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let c: ReturnType<typeof clients>;

  before(async () => {
    emu = await proofEmulator();
    c = clients(emu);
  });
  after(async () => {
    await c.close();
    await emu.stop();
  });

  it('covers every fault kind the emulator knows', () => {
    assert.deepEqual([...FAULT_KINDS].sort(), [...RETRIED, ...UNREADABLE, 'error'].sort());
  });

  const inject = (kind: FaultKind, provider: 'volcengine' | 'aliyun', action: string) => {
    emu.reset();
    emu.faults.add({ kind, provider, action, count: 1, latencyMs: 50, retryAfterMs: 5 });
  };
  const fired = (kind: FaultKind) =>
    assert.ok(
      emu.faults.log.some((f) => f.kind === kind),
      `fault ${kind} did not fire`,
    );

  for (const kind of MATRIX) {
    describe(`fault: ${kind}`, () => {
      it('list (Volcengine DescribeInstances, all pages)', async () => {
        inject(kind, 'volcengine', 'DescribeInstances');
        const { region, state } = volcRegion(emu);
        const r = await settle(() => c.volc.describeInstances(region));
        fired(kind);
        if (RETRIED.includes(kind)) {
          assert.ok(r.ok, `expected success after retry: ${r.ok ? '' : String(r.error)}`);
          assert.equal(r.value.length, state.instances.size);
          assert.equal(new Set(r.value.map((i) => i.InstanceId)).size, r.value.length, 'no duplicates across pages');
        } else {
          assert.ok(!r.ok, 'an unreadable page must not pass as a shorter list');
          const e = assertGuided(r.error);
          assert.equal(e.kind, 'malformed-response');
          if (kind === 'missing-field') assert.match(e.field ?? '', /^Result\.Instances\[0\]\.InstanceId$/);
        }
        assert.equal(emu.ledger.entries().length, 0);
      });

      it('list (Alibaba DescribeReservedInstances, all pages)', async () => {
        inject(kind, 'aliyun', 'DescribeReservedInstances');
        const { region, state } = aliRegion(emu);
        const r = await settle(() => c.ali.describeReservedInstances(region));
        fired(kind);
        if (RETRIED.includes(kind)) {
          assert.ok(r.ok, `expected success after retry: ${r.ok ? '' : String(r.error)}`);
          assert.equal(r.value.length, state.reserved.size);
        } else {
          assert.ok(!r.ok);
          assert.equal(assertGuided(r.error).kind, 'malformed-response');
        }
      });

      it('delete (Volcengine DeleteInstances: deletable, refused and unknown IDs)', async () => {
        inject(kind, 'volcengine', 'DeleteInstances');
        const { region, state } = volcRegion(emu);
        const all = state.instances.list();
        const deletable = all
          .filter((i) => i.InstanceChargeType === 'PostPaid' && i.Status !== 'DELETING')
          .slice(0, 10)
          .map((i) => i.InstanceId);
        const prepaid = all
          .filter((i) => i.InstanceChargeType === 'PrePaid')
          .slice(0, 2)
          .map((i) => i.InstanceId);
        const ids = [...deletable, ...prepaid, 'i-doesnotexist0000000'];
        const r = await settle(() => c.volc.deleteInstances(region, ids));
        fired(kind);
        assert.ok(r.ok, 'deleteInstances reports per-ID outcomes, it does not throw');
        const { outcomes } = r.value;
        assert.deepEqual(
          outcomes.map((o) => o.instanceId),
          ids,
          'exactly one outcome per requested ID, in order',
        );
        assertNoDoubleEffects(emu);
        const deleted = new Set(emu.ledger.entries({ kind: 'delete' }).flatMap((e) => e.resourceIds));
        for (const o of outcomes) {
          if (o.ok) assert.ok(deleted.has(o.instanceId), `${o.instanceId} reported deleted but was not`);
          else if (!UNKNOWN.has(o.code ?? '')) assert.ok(!deleted.has(o.instanceId), `${o.instanceId} reported ${o.code} but was deleted`);
          if (!o.ok)
            assertGuided(
              new CloudError({
                kind: 'api',
                provider: 'volcengine',
                action: 'DeleteInstances',
                region,
                code: o.code ?? '',
                message: o.message ?? '',
              }),
            );
        }
        // Every fault is retried to the truth; after an unreadable answer the resent ClientToken replays the stored one.
        assert.deepEqual(
          outcomes.filter((o) => o.ok).map((o) => o.instanceId),
          deletable,
        );
        assert.ok(
          outcomes.filter((o) => prepaid.includes(o.instanceId)).every((o) => o.code === 'OperationDenied.PrePaidInstanceNotExpired'),
        );
        assert.equal(outcomes[outcomes.length - 1].code, 'InvalidInstance.NotFound');
        assert.deepEqual([...deleted].sort(), [...deletable].sort(), 'each deletable ID deleted once, nothing else');
        assert.equal(new Set(outcomes.map((o) => o.clientToken)).size, 1, 'one ClientToken for the call and its retries');
        for (const e of emu.ledger.entries({ kind: 'delete' })) {
          assert.equal(e.clientToken, outcomes[0].clientToken);
          assert.equal(e.requestId, outcomes[0].requestId, 'the answer is the one stored when the delete happened');
        }
      });

      it('cancel (Volcengine DeleteScheduledInstance)', async () => {
        inject(kind, 'volcengine', 'DeleteScheduledInstance');
        const { region, state } = volcRegion(emu);
        const esi = state.scheduled.list().find((s) => s.ElasticScheduledInstanceType === 'Segmented' && s.Status === 'RESERVED')!;
        const r = await settle(() => c.volc.deleteScheduledInstance(region, esi.ScheduledInstanceId));
        fired(kind);
        assertNoDoubleEffects(emu);
        const cancelled = emu.ledger.entries({ kind: 'cancel' }).flatMap((e) => e.resourceIds);
        // Every fault is retried to success; after an unreadable answer the resent ClientToken replays the stored one.
        assert.ok(r.ok, `expected success after retry: ${r.ok ? '' : String(r.error)}`);
        assert.deepEqual(cancelled, [esi.ScheduledInstanceId]);
        const entry = emu.ledger.entries({ kind: 'cancel' })[0];
        assert.equal(entry.clientToken, r.value.clientToken, 'the retry reused the ClientToken');
        assert.equal(entry.requestId, r.value.requestId, 'the answer is the one stored when the cancel happened');
      });

      it('split (Alibaba ModifyReservedInstances, never resent after it may have arrived)', async () => {
        inject(kind, 'aliyun', 'ModifyReservedInstances');
        const { region, state } = aliRegion(emu);
        const src = state.reserved.list().find((ri) => ri.Status === 'Active' && ri.InstanceAmount >= 2)!;
        const where = { scope: src.Scope, zoneId: src.ZoneId || undefined };
        const input = {
          reservedInstanceIds: [src.ReservedInstanceId],
          configurations: [
            { instanceType: src.InstanceType, instanceAmount: 1, ...where },
            { instanceType: src.InstanceType, instanceAmount: src.InstanceAmount - 1, ...where },
          ],
        };
        const r = await settle(() => c.ali.modifyReservedInstances(region, input));
        fired(kind);
        assertNoDoubleEffects(emu);
        const entries = emu.ledger.entries({ provider: 'aliyun' });
        assert.ok(entries.length <= 1, 'never applied twice');
        const applied = entries.length === 1;
        if (!r.ok) {
          const e = assertGuided(r.error);
          assert.ok(UNKNOWN.has(e.code), `only an unknown outcome may be thrown here, got ${e.code}`);
          return;
        }
        const out = r.value;
        if (out.outcome === 'not-applied') assert.ok(!applied, 'reported not-applied but it was applied');
        else {
          assert.ok(applied, `reported ${out.outcome} but nothing was applied`);
          assert.deepEqual([...out.newReservedInstanceIds].sort(), [...(entries[0].newResourceIds ?? [])].sort(), 'new IDs');
        }
        assert.equal(out.outcome, MODIFY_OUTCOME[kind]);
      });
    });
  }

  describe('merge and scope change under every fault', () => {
    const settleModify = async (
      kind: Exclude<FaultKind, 'error'>,
      region: string,
      input: Parameters<typeof c.ali.modifyReservedInstances>[1],
    ) => {
      const r = await settle(() => c.ali.modifyReservedInstances(region, input));
      fired(kind);
      assertNoDoubleEffects(emu);
      const entries = emu.ledger.entries({ provider: 'aliyun' });
      assert.ok(entries.length <= 1, 'never applied twice');
      assert.ok(r.ok, String(!r.ok && r.error));
      const out = r.value;
      assert.equal(out.outcome === 'not-applied', entries.length === 0, `reported ${out.outcome}, ledger has ${entries.length}`);
      if (entries.length === 1)
        assert.deepEqual([...out.newReservedInstanceIds].sort(), [...(entries[0].newResourceIds ?? [])].sort(), 'new IDs');
      assert.equal(out.outcome, MODIFY_OUTCOME[kind]);
    };

    for (const kind of MATRIX) {
      it(`merge, ${kind}`, async () => {
        inject(kind, 'aliyun', 'ModifyReservedInstances');
        const { region, state } = aliRegion(emu);
        const act = state.reserved.list().filter((ri) => ri.Status === 'Active' && ri.Scope === 'Region');
        const groups = new Map<string, typeof act>();
        for (const ri of act) {
          const k = `${ri.InstanceType}|${ri.Platform}|${ri.ExpiredTime}`;
          groups.set(k, [...(groups.get(k) ?? []), ri]);
        }
        const pair = [...groups.values()].find((g) => g.length >= 2)!.slice(0, 2);
        const input = {
          reservedInstanceIds: pair.map((p) => p.ReservedInstanceId),
          configurations: [{ instanceType: pair[0].InstanceType, instanceAmount: pair[0].InstanceAmount + pair[1].InstanceAmount }],
        };
        await settleModify(kind, region, input);
      });

      it(`scope change, ${kind}`, async () => {
        inject(kind, 'aliyun', 'ModifyReservedInstances');
        const { region, state } = aliRegion(emu);
        const src = state.reserved.list().find((ri) => ri.Status === 'Active' && ri.Scope === 'Region')!;
        const zone = state.meta.zones[0].zoneId;
        const input = {
          reservedInstanceIds: [src.ReservedInstanceId],
          configurations: [{ instanceType: src.InstanceType, instanceAmount: src.InstanceAmount, scope: 'Zone' as const, zoneId: zone }],
        };
        await settleModify(kind, region, input);
      });
    }
  });

  it('persistent faults end in a typed, guided error (no endless retry)', async () => {
    for (const kind of ['internal-error', 'unavailable', 'throttle', 'reset-before', 'hang'] as FaultKind[]) {
      emu.reset();
      emu.faults.add({ kind, provider: 'volcengine', action: 'DescribeInstances', retryAfterMs: 5 });
      const { region } = volcRegion(emu);
      const r = await settle(() => c.volc.describeInstances(region));
      assert.ok(!r.ok, kind);
      const e = assertGuided(r.error);
      assert.ok(['api', 'network', 'timeout'].includes(e.kind), `${kind}: ${e.kind}`);
      // Throttled attempts do not use up maxRetries: 30 of them, then the 3 retries.
      const attempts = kind === 'throttle' ? 1 + MAX_THROTTLED_RETRIES + 3 : 4;
      assert.equal(emu.faults.log.length, attempts, `${kind}: ${attempts} attempts`);
      record(r.error);
    }
  });

  it('the proof accounts are the ones used (sanity)', () => {
    assert.ok(emu.state.account(VOLC.accessKeyId) && emu.state.account(ALI.accessKeyId));
  });
});
