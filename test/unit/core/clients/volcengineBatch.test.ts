import assert from 'node:assert/strict';
import { operationResults } from '../../../../src/core/clients/volcengineBatch';
import { redact } from '../../../../src/core/redact';

describe('clients/volcengineBatch operationResults', () => {
  const SECRET = 'Sup3rSecretValueForTheTest0123456789';
  const secrets = [SECRET];

  it('every refused item gets its own text redacted, when texts repeat and when they differ', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `i-${String(i).padStart(12, '0')}`);
    const texts = [`Refused: you sent ${SECRET}.`, `Refused again (AccessKeySecret=${SECRET}) for this one`, 'Refused without a secret.'];
    const details = ids.map((id, i) =>
      i % 4 === 3
        ? { InstanceId: id }
        : { InstanceId: id, Error: { Code: i % 2 ? `Code.${SECRET}` : 'InvalidInstanceStatus', Message: texts[i % 3] } },
    );
    const out = operationResults(ids, details, secrets, 'deleted');
    assert.equal(out.length, ids.length);
    for (let i = 0; i < ids.length; i++) {
      const o = out[i];
      if (i % 4 === 3) {
        assert.deepEqual(o, { ok: true });
        continue;
      }
      const d = details[i].Error!;
      assert.deepEqual(o, { ok: false, code: redact(d.Code, secrets), message: redact(d.Message, secrets) }, ids[i]);
      assert.ok(!JSON.stringify(o).includes(SECRET), ids[i]);
    }
    // The same text in another answer with other secrets is redacted with those.
    const other = operationResults([ids[0]], [{ InstanceId: ids[0], Error: { Code: 'C', Message: texts[0] } }], [], 'deleted');
    assert.equal(other[0].message, redact(texts[0], []));
  });
});
