/**
 * Soak: delete 5,000 instances while ~20% of DeleteInstances attempts fail at random (seeded): 500, 503,
 * 429, connection reset after the side effect, and no answer at all (client timeout). Every ID gets one
 * outcome; exactly the eligible instances are deleted, each once; no outcome contradicts the ledger.
 */
import assert from 'node:assert/strict';
import type { Emulator } from '../../../emulator/index';
import { clients, proofEmulator, volcRegion } from './helpers';

// Delete outcomes that leave it open. Not MalformedResponse: an unreadable 2xx answer is resent with its ClientToken.
const UNKNOWN = new Set(['OutcomeUnknown', 'RequestTimeout', 'NetworkError', 'HttpError']);
const DELETABLE = new Set(['RUNNING', 'STOPPED', 'ERROR']);

describe('proof: soak (5,000 deletes, 20% faults)', function () {
  this.timeout(120_000);
  let emu: Emulator;

  before(async () => {
    emu = await proofEmulator(
      { volcengineRegions: 1, instancesPerRegion: 5000, reservationsPerRegion: 1, aliyunRegions: 1, reservedInstancesPerRegion: 1 },
      20240601,
    );
  });
  after(async () => emu.stop());

  it('all 5,000 outcomes reported; exactly the eligible ones deleted, each once', async () => {
    const { region, state } = volcRegion(emu);
    const now = emu.clock.nowMs();
    const all = state.instances.list();
    assert.equal(all.length, 5000);
    const eligible = new Set(
      all
        .filter((i) => DELETABLE.has(i.Status) && !(i.InstanceChargeType === 'PrePaid' && Date.parse(i.ExpiredAt) > now))
        .map((i) => i.InstanceId),
    );
    const ids = all.map((i) => i.InstanceId);
    for (const kind of ['internal-error', 'unavailable', 'throttle', 'reset-after', 'hang'] as const) {
      emu.faults.add({ kind, provider: 'volcengine', action: 'DeleteInstances', probability: 0.044, retryAfterMs: 5 });
    }
    // Enough retries that a call failing every attempt is negligible (0.2^8 per call).
    const c = clients(emu, {
      connectTimeoutMs: 1000,
      headersTimeoutMs: 300,
      bodyTimeoutMs: 300,
      maxRetries: 7,
      retryBaseMs: 1,
      retryMaxMs: 4,
    });
    let progress = 0;
    const r = await c.volc.deleteInstances(region, ids, { onProgress: (d) => (progress = d) });
    await c.close();

    const faults = emu.faults.log.length;
    assert.ok(faults >= 5, `faults fired: ${faults}`);
    assert.equal(progress, 5000);
    assert.deepEqual(
      r.outcomes.map((o) => o.instanceId),
      ids,
      'one outcome per ID, in order',
    );
    assert.equal(r.calls.length, 50);

    const counts = new Map<string, number>();
    for (const e of emu.ledger.entries({ kind: 'delete' })) for (const id of e.resourceIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, n] of counts) assert.equal(n, 1, `${id} deleted ${n} times`);
    assert.deepEqual([...counts.keys()].sort(), [...eligible].sort(), 'exactly the eligible instances were deleted');

    for (const o of r.outcomes) {
      if (o.ok) assert.ok(counts.has(o.instanceId), `${o.instanceId} reported deleted, not in ledger`);
      else if (!UNKNOWN.has(o.code ?? '')) assert.ok(!counts.has(o.instanceId), `${o.instanceId} reported ${o.code} yet deleted`);
    }
    const ok = r.outcomes.filter((o) => o.ok).length;
    assert.equal(ok, eligible.size, `${ok} reported deleted, ${eligible.size} eligible (faults fired: ${faults})`);
  });
});
