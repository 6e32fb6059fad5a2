/** The repository stands on its own: no code or test reads beside it, and the documented limits are the ones enforced. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESI_CANCEL_WINDOW_MS } from '../../../src/core/rules/eligibility';
import {
  MAX_CLIENT_TOKEN_LENGTH,
  MAX_INSTANCE_IDS_PER_CALL,
  MAX_RESERVED_INSTANCE_IDS,
  MAX_RI_CONFIGURATIONS,
} from '../../../src/core/rules/validation';
import { documentFacts, ROOT } from '../../support/seeds';

function files(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (/\.(ts|js|json)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('self-contained repository', () => {
  it('no source, test or build script names the folder beside the repository', () => {
    const all = [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'test')), path.join(ROOT, 'esbuild.js')];
    assert.ok(all.length > 50, `found only ${all.length} files`);
    const word = ['sha', 'red'].join(''); // spelled apart so this file does not match itself
    const beside = new RegExp(`\\.\\./${word}\\b|['"]${word}['"]`);
    const bad = all.filter((f) => beside.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(
      bad.map((f) => path.relative(ROOT, f)),
      [],
    );
  });

  it("the documents' limits are the ones the product enforces", () => {
    const limits = Object.fromEntries(documentFacts().map((d) => [d.action, d.limits])) as Record<
      string,
      Record<string, { maxItems?: number; maxLength?: number } & number>
    >;
    assert.equal(limits.DeleteInstances.InstanceIds.maxItems, MAX_INSTANCE_IDS_PER_CALL);
    assert.equal(limits.DeleteInstances.ClientToken.maxLength, MAX_CLIENT_TOKEN_LENGTH);
    assert.equal(limits.DeleteScheduledInstance.ClientToken.maxLength, MAX_CLIENT_TOKEN_LENGTH);
    assert.equal(limits.DeleteScheduledInstance.esiCancelWindowMinutes * 60_000, ESI_CANCEL_WINDOW_MS);
    assert.equal(limits.ModifyReservedInstances.ReservedInstanceId.maxItems, MAX_RESERVED_INSTANCE_IDS);
    assert.equal(limits.ModifyReservedInstances.Configuration.maxItems, MAX_RI_CONFIGURATIONS);
  });
});
