/**
 * Every error row of the three seed documents, end to end: the emulator's table is the documents' tables row for
 * row, and each row, answered by the emulator (the 'error' fault) to our client over HTTP, comes out as the
 * documented code, status and message with catalogue guidance in English and Chinese, with nothing done.
 * Retryable rows are answered on every attempt, so what is checked is the outcome after the retries.
 */
import assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { guidanceFor } from '../../../../src/core/guidance/catalogue';
import { DOCUMENTED_ERRORS, type DocumentedAction, type DocumentedError } from '../../../emulator/documented-errors';
import type { Emulator } from '../../../emulator/index';
import { CODE, documentFacts, documentedRows, seedErrorRows } from '../../../support/seeds';
import { aliRegion, clients, proofEmulator, settle, volcRegion } from './helpers';

const DETAIL = 'detail filled in by the server';

function assertGuided(code: string, message: string): void {
  for (const locale of ['en', 'zh-cn'] as const) {
    const g = guidanceFor(code, locale, message);
    assert.ok(g.known, `no catalogue entry for ${code}`);
    assert.ok(g.explain.trim() && g.next.trim(), `empty ${locale} guidance for ${code}`);
  }
}

/** The rows with the same code before this one, and how to pick it (status, then variant among those). */
function pickOf(rows: readonly DocumentedError[], i: number): { status: number; variant: number } {
  const row = rows[i];
  const variant = rows.slice(0, i).filter((r) => r.code === row.code && r.status === row.status).length;
  return { status: row.status, variant };
}

describe('proof: every documented error of the three actions', function () {
  this.timeout(30_000);
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

  it('the documented error rows (test/fixtures/documented) are complete and name their document', () => {
    const docs = documentFacts();
    assert.deepEqual(docs.map((d) => d.action).sort(), ['DeleteInstances', 'DeleteScheduledInstance', 'ModifyReservedInstances']);
    for (const r of documentedRows()) {
      const doc = docs.find((d) => d.action === r.action);
      assert.ok(doc, `row ${r.code}: no document ${r.action}`);
      assert.ok(
        r.source.includes(r.action) && r.source.includes(doc.version),
        `row ${r.action} ${r.code}: source "${r.source}" does not name its document`,
      );
      assert.ok(Number.isInteger(r.status) && r.status >= 400 && r.status < 600, `row ${r.action} ${r.code}: status ${r.status}`);
      assert.match(r.code, CODE);
      assert.ok(r.message.trim(), `row ${r.action} ${r.code}: empty message`);
    }
    for (const d of docs) assert.ok(seedErrorRows(d.action).length >= 7, `${d.action}: only ${seedErrorRows(d.action).length} rows`);
  });

  it("the emulator's table is the documents' error tables, row for row", () => {
    for (const d of documentFacts()) {
      assert.ok(d.action in DOCUMENTED_ERRORS, `${d.action} has no table in the emulator`);
      assert.deepEqual(DOCUMENTED_ERRORS[d.action as DocumentedAction], seedErrorRows(d.action), d.action);
    }
    assert.deepEqual(
      documentFacts()
        .map((d) => d.action)
        .sort(),
      Object.keys(DOCUMENTED_ERRORS).sort(),
      'one table per document',
    );
  });

  const expected = (row: DocumentedError) => (row.message === '%s' ? DETAIL : row.message);
  /** The client threw the row: its code, HTTP status and message, with guidance. */
  const assertThrown = (e: unknown, row: DocumentedError) => {
    assert.ok(e instanceof CloudError, String(e));
    assert.equal(e.code, row.code);
    assert.equal(e.httpStatus, row.status);
    assert.ok(e.message.includes(expected(row)), `message: ${e.message}`);
    assertGuided(e.code, e.message);
  };
  const inject = (provider: 'volcengine' | 'aliyun', action: DocumentedAction, i: number) => {
    emu.reset();
    const row = DOCUMENTED_ERRORS[action][i];
    emu.faults.add({ kind: 'error', provider, action, code: row.code, ...pickOf(DOCUMENTED_ERRORS[action], i), message: DETAIL });
    return row;
  };
  const answered = (row: DocumentedError) => {
    const n = emu.faults.log.filter((f) => f.kind === 'error').length;
    assert.ok(n >= 1, `the ${row.code} fault did not fire`);
    return n;
  };

  DOCUMENTED_ERRORS.DeleteInstances.forEach((row, i) => {
    it(`DeleteInstances: ${row.status} ${row.code}`, async () => {
      inject('volcengine', 'DeleteInstances', i);
      const { region, state } = volcRegion(emu);
      const ids = state.instances
        .list()
        .filter((x) => x.InstanceChargeType === 'PostPaid' && x.Status === 'RUNNING')
        .slice(0, 3)
        .map((x) => x.InstanceId);
      const r = await settle(() => c.volc.deleteInstances(region, ids));
      answered(row);
      assert.ok(r.ok, 'deleteInstances reports per-ID outcomes, it does not throw');
      assert.deepEqual(
        r.value.outcomes.map((o) => o.instanceId),
        ids,
        'one outcome per ID',
      );
      for (const o of r.value.outcomes) {
        assert.ok(!o.ok, `${o.instanceId} reported deleted`);
        assert.equal(o.code, row.code);
        assert.equal(o.message, expected(row));
        assertGuided(o.code!, o.message!);
      }
      assert.equal(emu.ledger.entries().length, 0, 'nothing deleted');
    });
  });

  DOCUMENTED_ERRORS.DeleteScheduledInstance.forEach((row, i) => {
    it(`DeleteScheduledInstance: ${row.status} ${row.code}`, async () => {
      inject('volcengine', 'DeleteScheduledInstance', i);
      const { region, state } = volcRegion(emu);
      const esi = state.scheduled.list().find((s) => s.ElasticScheduledInstanceType === 'Segmented' && s.Status === 'RESERVED')!;
      const r = await settle(() => c.volc.deleteScheduledInstance(region, esi.ScheduledInstanceId));
      answered(row);
      assert.ok(!r.ok, 'reported cancelled');
      assertThrown(r.error, row);
      assert.equal(emu.ledger.entries().length, 0, 'nothing cancelled');
    });
  });

  DOCUMENTED_ERRORS.ModifyReservedInstances.forEach((row, i) => {
    it(`ModifyReservedInstances: ${row.status} ${row.code}${pickOf(DOCUMENTED_ERRORS.ModifyReservedInstances, i).variant ? ' (second)' : ''}`, async () => {
      inject('aliyun', 'ModifyReservedInstances', i);
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
      assert.equal(answered(row), 1, 'never resent');
      assert.equal(emu.ledger.entries().length, 0, 'nothing applied');
      if (row.status >= 500) {
        // The server failed without saying whether anything changed: the client looked, and says it was not applied.
        assert.ok(r.ok, String(!r.ok && r.error));
        assert.equal(r.value.outcome, 'not-applied');
        return;
      }
      assert.ok(!r.ok, `reported ${r.ok && r.value.outcome}`);
      assertThrown(r.error, row);
    });
  });
});
