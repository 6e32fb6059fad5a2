import * as assert from 'node:assert/strict';
import { CloudError } from '../../src/core/errors';

/** Awaits `p`, asserts it rejects with a CloudError, and returns that error. */
export async function rejects(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CloudError, `expected CloudError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}
